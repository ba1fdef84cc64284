"""Sample contexts for each kind: for template authors, the benchmark and the tests.

The size knobs make documents of a given length: ``agreement(parties=4, paragraphs=2)`` is
about five pages, ``agreement(parties=12, goals=8, paragraphs=9)`` about twenty.
"""

import hashlib
import itertools
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from . import contexts as c

SENTENCES = (
    "Föreningen når barn och unga i Rosengård, Fosie och Södra Innerstaden genom läxhjälp, "
    "idrott och kultur på kvällar och helger.",
    "Målgruppen är ungdomar mellan 13 och 19 år som i dag saknar en trygg mötesplats efter "
    "skolan, särskilt flickor och unga med funktionsnedsättning.",
    "Staden bidrar med lokaler i Örtagårdsskolan, kunskap om målgruppen och samordning med "
    "fritidsgårdarna i stadsområdet.",
    "Parterna möts på lika villkor och ansvarar gemensamt för att verksamheten utvecklas "
    "utifrån deltagarnas egna önskemål och behov.",
    "Samverkan bygger på Malmöandans värderingar: självständighet och oberoende, dialog, "
    "kvalitet, långsiktighet, öppenhet och insyn samt mångfald.",
    "Uppföljningen görs årligen med både siffror och berättelser från deltagare, ledare och "
    "föräldrar, så att även mjuka värden som tillit och trygghet syns.",
)


def text(paragraphs: int = 1, sentences: int = 4, start: int = 0) -> str:
    """Swedish paragraphs (åäö included), separated by blank lines."""
    source = itertools.islice(itertools.cycle(SENTENCES), start, None)
    return "\n\n".join(" ".join(next(source) for _ in range(sentences)) for _ in range(paragraphs))


def _party(n: int) -> c.AgreementParty:
    is_public = n % 3 == 0
    name = f"{'Fritidsförvaltningen' if is_public else 'Föreningen Gemenskap och Glädje'} {n}"
    return c.AgreementParty(
        name=name,
        org_number=f"{'212000' if is_public else '802480'}-{1000 + n:04d}",
        is_public=is_public,
        address=f"Storgatan {n}\n211 34 Malmö",
        contact=c.Person(f"Åsa Öberg {n}", "samordnare", f"kontakt{n}@example.se"),
        signatories=[c.Signatory(f"Märta Ängström {n}", "ordförande")],
    )


def _contributions(party: c.AgreementParty, n: int) -> list[c.Contribution]:
    kinds = (
        (c.ContributionKind.MONEY, "Ekonomiskt bidrag till verksamheten", None),
        (c.ContributionKind.PREMISES, "Lokal på Möllevångstorget två kvällar i veckan", None),
        (c.ContributionKind.STAFF_HOURS, "Fritidsledare och samordnare", Decimal(400 + 10 * n)),
        (c.ContributionKind.IN_KIND, "Material, måltider och ideellt arbete", None),
    )
    return [
        c.Contribution(party.name, kind, description, Decimal(25000 * (n + 1) + 1000 * i), hours)
        for i, (kind, description, hours) in enumerate(kinds)
    ]


def _goals(goals: int, paragraphs: int) -> list[c.Goal]:
    return [
        c.Goal(
            title=f"Fler unga i Malmö får en meningsfull fritid ({g + 1})",
            description=text(max(1, paragraphs // 2), start=g),
            indicators=[
                c.Indicator("Antal unika deltagare per termin", "minst 120", "närvarolistor"),
                c.Indicator("Andel flickor bland deltagarna", "minst 45 %", "närvarolistor"),
                c.Indicator("Deltagare som känner sig trygga", "minst 80 %", "enkät"),
            ],
        )
        for g in range(goals)
    ]


def agreement(
    *, parties: int = 4, goals: int = 3, paragraphs: int = 2, case_number: str = "SK-2026-00042"
) -> c.AgreementContext:
    party_list = [_party(n) for n in range(parties)]
    members = [c.GroupMember(p.contact.name, p.name, "ledamot") for p in party_list]
    return c.AgreementContext(
        case_number=case_number,
        document_date=date(2026, 3, 2),
        title="Mötesplats Ängslätt: fritid, läxhjälp och trygghet för unga",
        parties=party_list,
        background=text(paragraphs, start=0),
        values=text(max(1, paragraphs // 2), start=4),
        purpose=text(paragraphs, start=1),
        goals=_goals(goals, paragraphs),
        contributions=[x for n, p in enumerate(party_list) for x in _contributions(p, n)],
        governance=c.Governance(
            steering_group=members[: max(2, parties // 2)],
            working_group=members,
            responsibilities=text(paragraphs, start=2),
            meetings="Styrgruppen möts fyra gånger om året; arbetsgruppen varannan vecka.",
        ),
        period_start=date(2026, 4, 1),
        period_end=date(2028, 12, 31),
        notice_months=6,
        finances=text(1, start=3),
        follow_up=text(paragraphs, start=5),
        milestones=[
            c.Milestone(date(2026 + y, 12, 15), "Gemensam årlig uppföljning", "Styrgruppen")
            for y in range(3)
        ],
        personal_data_role=c.PersonalDataRole.JOINT_CONTROLLERSHIP,
        attachments=["Initiativ från föreningen", "Beskrivning av föreningen", "Årsredovisning"],
        signing_place="Malmö",
    )


def memo(*, paragraphs: int = 3, case_number: str = "SK-2026-00042") -> c.MemoContext:
    return c.MemoContext(
        case_number=case_number,
        document_date=date(2026, 5, 4),
        title="Idéburet offentligt partnerskap med Föreningen Gemenskap och Glädje",
        administration="Stadskontoret",
        officer=c.Person("Örjan Åkesson", "utredare", "orjan.akesson@example.se", "040-34 10 00"),
        summary=text(2, start=0),
        proposal_intro="Kommunstyrelsens arbetsutskott föreslår kommunstyrelsen besluta",
        proposals=[
            "Kommunstyrelsen godkänner avtal om idéburet offentligt partnerskap med "
            "Föreningen Gemenskap och Glädje för perioden 2026–2028.",
            "Kommunstyrelsen ger stadsdirektören i uppdrag att underteckna avtalet.",
            "Kommunstyrelsen översänder ärendet till fritidsnämnden och kulturnämnden för "
            "kännedom.",
        ],
        decision_basis=[
            "G-Tjänsteskrivelse KSAU 260518 – IOP Mötesplats Ängslätt",
            "Avtal om idéburet offentligt partnerskap, utkast",
            "Föreningens initiativ och verksamhetsbeskrivning",
        ],
        planning=[
            c.PlanningStep("Kommunstyrelsens arbetsutskott", date(2026, 5, 18)),
            c.PlanningStep("Kommunstyrelsen", date(2026, 6, 3)),
        ],
        sections=[
            c.TextSection("", text(paragraphs, start=1)),
            c.TextSection("Rättslig bedömning", text(paragraphs, start=2)),
            c.TextSection("Ekonomiska konsekvenser", text(paragraphs, start=3)),
        ],
        responsible=[
            c.Person("Bertil Sjöström", "avdelningschef"),
            c.Person("Åsa Lindén", "stadsdirektör"),
        ],
        distribution=["Fritidsnämnden", "Kulturnämnden", "Föreningen Gemenskap och Glädje"],
    )


def decision(*, delegated: bool = True, case_number: str = "FRN-2026-00007") -> c.DecisionContext:
    maker = c.DecisionMaker(
        name="Örjan Åkesson" if delegated else "",
        title="enhetschef" if delegated else "",
        authority=c.Authority.DELEGATION if delegated else c.Authority.BOARD,
        body="Fritidsnämnden",
        delegation_point="punkt FRN 4.2 i fritidsnämndens delegationsordning" if delegated else "",
        meeting_date=None if delegated else date(2026, 4, 22),
        protocol_paragraph="" if delegated else "§ 87",
        signed_by=None if delegated else c.Person("Lena Ölund", "nämndsekreterare"),
    )
    return c.DecisionContext(
        case_number=case_number,
        document_date=date(2026, 4, 24),
        subject="Beslut om utvecklingsbidrag till Föreningen Gemenskap och Glädje",
        recipient=c.OrganisationRef(
            "Föreningen Gemenskap och Glädje", "802480-1000", "Storgatan 1\n211 34 Malmö"
        ),
        outcome=c.Outcome.PARTLY_APPROVED,
        decision="Fritidsnämnden beviljar Föreningen Gemenskap och Glädje 75 000 kr i "
        "utvecklingsbidrag för Mötesplats Ängslätt. Ansökan gällde 100 000 kr; i övrigt "
        "avslås ansökan.",
        reasons=text(2, start=3),
        decided_by=maker,
        appeal=c.Appeal(
            route=c.AppealRoute.LEGALITY_REVIEW,
            court="Förvaltningsrätten i Malmö",
            court_address="Box 4522, 203 20 Malmö",
            notice_board="malmo.se/anslagstavla",
            send_to="Förvaltningsrätten i Malmö, Box 4522, 203 20 Malmö",
            meeting_date=date(2026, 5, 20) if delegated else date(2026, 4, 22),
            protocol_paragraph="§ 95" if delegated else "§ 87",
            announced_on=date(2026, 5, 27) if delegated else date(2026, 4, 28),
            ends_on=date(2026, 6, 17) if delegated else date(2026, 5, 19),
        ),
        amount_applied=Decimal("100000"),
        amount_granted=Decimal("75000"),
        conditions=[
            "Bidraget betalas bara ut till föreningens kontrollerade bankgiro 5402-1234.",
            "Föreningen redovisar hur bidraget har använts senast 90 dagar efter avslutad "
            "aktivitet; annars kan bidraget krävas tillbaka.",
        ],
        legal_basis=["Fritidsnämndens delegationsordning, punkt FRN 4.2."] if delegated else [],
        officer=c.Person("Åsa Öberg", "handläggare", "asa.oberg@example.se", "040-34 20 00"),
        office=c.OrganisationRef(
            "Fritidsförvaltningen", "212000-1124", "Box 1000\n205 80 Malmö\nfritid@example.se"
        ),
        rules_title="villkoren för Utvecklingsbidrag, fastställda av Fritidsnämnden",
        rules=[
            "Bidraget kan sökas av idéburna organisationer; högst 100 000 kr per ansökan.",
            "Organisationen ska ha minst 25 medlemmar.",
            "Att ha deltagit i en idéverkstad är ett villkor.",
        ],
    )


def receipt(*, sections: int = 3, attachments: int = 4, case_number: str = "FRN-2026-00007"):
    return c.ReceiptContext(
        case_number=case_number,
        document_date=date(2026, 3, 15),
        submitted_at=datetime(2026, 3, 15, 14, 7, 31, tzinfo=ZoneInfo("Europe/Stockholm")),
        programme="Utvecklingsbidrag 2026",
        applicant=c.OrganisationRef("Föreningen Gemenskap och Glädje", "802480-1000"),
        submitted_by=c.Person("Märta Ängström", "ordförande", "marta@example.se"),
        amount_applied=Decimal("100000"),
        sections=[
            c.AnswerSection(
                f"Del {s + 1}: projektets innehåll",
                [
                    c.Answer("Vad vill ni göra?", text(2, start=s)),
                    c.Answer("Vilka når ni?", text(1, sentences=2, start=s + 1)),
                    c.Answer(
                        "När genomförs projektet?",
                        "Från och med april till och med december 2026, på kvällar och helger.",
                    ),
                ],
            )
            for s in range(sections)
        ],
        other_funding=[
            c.OtherFunding("Kulturnämnden", Decimal("20000"), "sökt"),
            c.OtherFunding("Allmänna arvsfonden", Decimal("150000"), "beviljat"),
        ],
        attachments=[
            c.AttachmentRef(name, 48213 + a * 1000, hashlib.sha256(name.encode()).hexdigest())
            for a in range(attachments)
            for name in [f"budget-och-verksamhetsplan-{a + 1}-åäö.pdf"]
        ],
        declaration="Jag försäkrar att uppgifterna i ansökan är riktiga och att jag har rätt "
        "att företräda föreningen.",
    )


def _delegate() -> c.DecisionMaker:
    return c.DecisionMaker(
        name="Örjan Åkesson",
        title="enhetschef",
        authority=c.Authority.DELEGATION,
        body="Fritidsnämnden",
        delegation_point="punkt 4.7 i fritidsnämndens delegationsordning",
    )


def repayment_claim(*, case_number: str = "FRN-2026-00007") -> c.RepaymentClaimContext:
    return c.RepaymentClaimContext(
        case_number=case_number,
        document_date=date(2026, 11, 2),
        subject="Återbetalning av lovaktivitetsbidrag: Sommarläger i Bokskogen",
        recipient=c.OrganisationRef(
            "Föreningen Gemenskap och Glädje", "802480-1000", "Storgatan 1\n211 34 Malmö"
        ),
        decision="Fritidsnämnden beslutar att Föreningen Gemenskap och Glädje ska betala "
        "tillbaka 12 000 kr av det lovaktivitetsbidrag som betalades ut för Sommarläger i "
        "Bokskogen. Beloppet ska vara betalt senast den 2 december 2026.",
        ground="Redovisningen visar att bidraget inte har använts till det som det beviljades för.",
        reasons=text(1, start=2),
        amount=Decimal("12000"),
        amount_paid_out=Decimal("40000"),
        payment=c.Payment(due_on=date(2026, 12, 2), account="123-4567", reference=case_number),
        decided_by=_delegate(),
        appeal=c.Appeal(
            route=c.AppealRoute.LEGALITY_REVIEW,
            court="Förvaltningsrätten i Malmö",
            send_to="Förvaltningsrätten i Malmö, Box 4522, 203 20 Malmö",
        ),
        legal_basis=["Fritidsnämndens riktlinjer för föreningsbidrag, avsnitt 7"],
        officer=c.Person("Åsa Öberg", "handläggare", "asa.oberg@example.se", "040-34 20 00"),
    )


def demand_rejection(*, case_number: str = "FRN-2026-00007") -> c.DemandRejectionContext:
    return c.DemandRejectionContext(
        case_number=case_number,
        document_date=date(2026, 10, 1),
        subject="Er begäran att ärendet ska avgöras: Mötesplats Ängslätt",
        recipient=c.OrganisationRef("Föreningen Gemenskap och Glädje", "802480-1000"),
        demanded_on=date(2026, 9, 10),
        decision="Fritidsnämnden avslår er begäran att ärendet ska avgöras.",
        reasons=text(1, start=1),
        decided_by=_delegate(),
        court="Förvaltningsrätten i Malmö",
        send_to="Fritidsnämnden",
        officer=c.Person("Åsa Öberg", "handläggare", "asa.oberg@example.se"),
    )


SAMPLES = {
    "iop_agreement": agreement,
    "board_memo": memo,
    "decision_letter": decision,
    "submission_receipt": receipt,
    "repayment_claim": repayment_claim,
    "demand_rejection": demand_rejection,
}


def for_kind(kind: str, case_number: str | None = None):
    build = SAMPLES[kind]
    return build(case_number=case_number) if case_number else build()


def delegation_list(*, decisions: int = 12, case_number: str = "FRN 2026-12-01"):
    """Delegated decisions reported to a board (anmälan av delegationsbeslut)."""
    return c.DelegationListContext(
        case_number=case_number,
        document_date=date(2026, 11, 23),
        board="Fritidsnämnden",
        administration="Fritidsförvaltningen",
        meeting_date=date(2026, 12, 1),
        protocol_paragraph="§ 142",
        announced_on=date(2026, 12, 4),
        appeal_ends_on=date(2026, 12, 28),
        decisions=[
            c.DelegatedDecision(
                case_number=f"FRN-2026-{n + 1:05d}",
                decided_on=date(2026, 11, 1 + n % 20),
                subject=f"Lovaktivitetsbidrag: Sommarfotboll på Rosengård {n + 1}",
                recipient="Rädda Barnen Malmö" if n % 2 else "Föreningen Gemenskap och Glädje",
                decision="Bifall" if n % 3 else "Avslag",
                amount_granted=Decimal(0) if not n % 3 else Decimal(5000 * (n + 1)),
                decided_by="Åsa Lindén, enhetschef",
                delegation_point="FRN 4.2" if n % 2 else "FRN 4.1",
            )
            for n in range(decisions)
        ],
    )


SAMPLES["delegation_list"] = delegation_list


def annual_report(*, agreements: int = 6, programmes: int = 4, case_number: str = ""):
    """The year's collaboration in figures (a yearly report belongs to no case)."""
    programme_rows = [
        c.FundingRow(
            name=f"Bidragsprogram {n}",
            applications=40 + n,
            decided=30 + n,
            granted=20 + n,
            amount_applied=Decimal(1_200_000 + 10_000 * n),
            amount_granted=Decimal(600_000 + 10_000 * n),
            amount_paid=Decimal(500_000 + 10_000 * n),
            approval_rate=round(100 * (20 + n) / (30 + n), 1),
        )
        for n in range(1, programmes + 1)
    ]
    chart = [
        c.Bar(label=row.name, text=f"{row.amount_granted} kr", share=n / programmes)
        for n, row in enumerate(programme_rows, start=1)
    ]
    return c.AnnualReportContext(
        case_number=case_number,
        document_date=date(2026, 2, 15),
        year=2025,
        counted_until=date(2025, 12, 31),
        priority_theme="Återstart",
        priority_theme_description=SENTENCES[0],
        iop_started=12,
        iop_screened_out=3,
        iop_in_investigation=5,
        investigation_median_days=87.0,
        investigation_longest_days=240.0,
        agreements_signed=2,
        agreements_active=agreements,
        agreements_ended=1,
        agreements=[
            c.AgreementSummary(
                case_number=f"SK-2025-{n:05d}",
                title=f"Mötesplats {n}",
                challenge_area="Barn och unga",
                parties=["Fritidsnämnden", f"Föreningen Gemenskap {n}"],
                period_start=date(2024, 1, 1),
                period_end=date(2026, 12, 31),
                signed_on=date(2023, 12, 1),
            )
            for n in range(1, agreements + 1)
        ],
        funding_by_programme=programme_rows,
        funding_by_board=programme_rows[:1],
        funding_by_area=programme_rows[:2],
        funding_total=programme_rows[0],
        handling_times=[c.HandlingTime("funding_application", "Bidragsansökan", 120, 34.0, 71.5)],
        past_six_months=2,
        report_backs_due=80,
        report_backs_late=6,
        report_backs_overdue_now=2,
        repayment_claims=1,
        repayment_amount=Decimal(15_000),
        narrative=[c.TextSection("Evenemang", "\n\n".join(SENTENCES[:3]))],
        iop_chart=chart,
        programme_chart=chart,
        area_chart=chart,
        cooperation=cooperation(),
    )


SAMPLES["annual_report"] = annual_report


def cooperation() -> c.CooperationContext:
    """A year of dialogues, initiatives and training (seeds 001–003)."""
    return c.CooperationContext(
        dialogues_held=4,
        dialogues_by_kind=[c.Tally("Dialogforum", 1), c.Tally("Idéverkstad", 3)],
        participants=86,
        participants_by_sector=[c.Tally("Idéburen sektor", 52), c.Tally("Offentlig sektor", 34)],
        matches_confirmed=3,
        initiatives_started=5,
        initiatives_to_agreements=1,
        initiatives_to_grants=2,
        initiatives=[
            c.InitiativeLine(
                "Kvällsöppet på Herrgården",
                "Barn och unga",
                "Dialogforum",
                "iop",
                "SK-2025-00003",
                True,
            )
        ],
        areas=[
            c.AreaReport(
                "Barn och unga",
                "Rädda Barnen och Fritidsförvaltningen",
                2,
                40,
                3,
                [c.TextSection("Värdarnas rapport", SENTENCES[1])],
            )
        ],  # fmt: skip
        training_sessions=2,
        training_organisations=9,
        sector_author="Malmö Ideella",
        sector_sections=[c.TextSection("Verkstäder för idéburna aktörer", SENTENCES[2])],
    )


def annual_report_memo(*, case_number: str = "") -> c.AnnualReportMemoContext:
    """The memo to the executive board on the yearly report, the mapping attached."""
    return c.AnnualReportMemoContext(
        case_number=case_number,
        document_date=date(2026, 5, 12),
        year=2025,
        meeting_date=date(2026, 5, 27),
        distribution=["Fritidsnämnden", "Kulturnämnden", "Arbetsmarknads- och socialnämnden"],
        iop_started=12,
        agreements_active=6,
        applications=140,
        granted=90,
        amount_granted=Decimal(2_400_000),
        cooperation=cooperation(),
        mapping=[
            c.MappingLine(
                f"Föreningen Gemenskap {n}",
                "Fritidsnämnden",
                f"SK-2025-{n:05d}",
                n,
                Decimal(50_000 * n),
            )
            for n in range(1, 6)
        ],  # fmt: skip
    )


SAMPLES["annual_report_memo"] = annual_report_memo


def host_assignment(*, case_number: str = "Värdskap trygghet 2026"):
    """The host assignment of a challenge area, agreed with the idea-based host."""
    return c.HostAssignmentContext(
        case_number=case_number,
        document_date=date(2026, 2, 2),
        area="Trygghet och social hållbarhet",
        area_description="Samverkan för trygga och levande stadsdelar.",
        parties=[
            c.AgreementParty(
                name="Malmö stad",
                org_number="212000-1124",
                is_public=True,
                acting_through=["fritidsförvaltningen"],
            ),
            c.AgreementParty(
                name="Föreningen Gemenskap och Glädje",
                org_number="802480-1000",
                is_public=False,
                address="Storgatan 1\n211 34 Malmö",
            ),
        ],
        host_administration="Fritidsförvaltningen",
        assignment="Värdarna planerar och leder dialogforum och idéverkstäder inom området.",
        period_start=date(2026, 1, 1),
        period_end=date(2027, 12, 31),
        hosts=[c.HostPerson("Värd A", "Föreningen Gemenskap och Glädje")],
        organisation_contribution="Värdens tid, tio timmar i månaden.",
        city_contribution="Lokal för dialogerna och en samordnare.",
        priority_theme="Återstart",
    )


SAMPLES["host_assignment"] = host_assignment
