"""Load the three IOP inquiries of the seed documents, each in its realistic state. Safe to run
again: an inquiry that exists already (by its title) is left as it is.

- Kraftsamling Herrgården: signed and active, six parties, their contributions and the three
  boards' decisions; its first year ends within a week, so the first follow-up is open in the
  idea-based parties' inboxes.
- Helamalmö: under investigation (the legal assessment saved, not concluded).
- Rädda Barnen och Röda Korset: both organisations accepted being parties; in co-creation, a
  first draft saved.

Everything is done by the workflow services (``workflows.iop.services``), as the people who
would do it (the demo accounts), each task taken as its page takes it (``demo.iop_flow``): no
status is written directly.
"""

from datetime import date, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone

from demo import iop_flow as flow
from demo import register
from funding.models import BoardMeeting
from organisations.models import (
    Board,
    EligibilityEvidence,
    Membership,
    Organisation,
    Role,
    User,
)
from organisations.services import signatory_approve
from partnerships.models import SCREENING_CRITERIA, IOPInquiry, Party, ResponsibleManager
from partnerships.services import ContributionInput
from workflows.iop import services

KRAFTSAMLING = "Kraftsamling Herrgården"
HELAMALMO = "Helamalmö"
RB_RK = "Rädda Barnen och Röda Korset: trygga mötesplatser"
ASSIGNMENT = "Kommunstyrelsen 2020-06-03 § 187"
# Signatories of the parties that have no demo account of their own: roles, never names.
SIGNATORIES = [
    ("tillsammans", "Tillsammans i Förening"),
    ("malmouniversitet", "Malmö universitet"),
    ("rodakorset", "Röda Korset"),
]


def load(out) -> None:
    """The three seed inquiries (demo mode only; after the demo accounts)."""
    if not settings.DEMO_MODE:
        out.write("DEMO_MODE is off: no demo IOP inquiries were created.")
        return
    if not User.objects.filter(username="handlaggare").exists():
        raise CommandError("Load the demo accounts first: the inquiries are made by them.")
    _Inquiries(User.objects.get(username="handlaggare")).load()
    out.write("Demo IOP inquiries loaded.")


class _Inquiries:
    """Each inquiry made as the officer ``officer``, who registers, screens and drafts."""

    def __init__(self, officer: User):
        self.officer = officer

    def load(self) -> None:
        self._signatories()
        _meeting_calendar()
        _responsible_managers()
        _signing_rights(self.officer)
        for title, build in (
            (KRAFTSAMLING, self._kraftsamling),
            (HELAMALMO, self._helamalmo),
            (RB_RK, self._co_creation),
        ):
            if IOPInquiry.objects.filter(case__title=title).exists():
                continue
            with transaction.atomic():
                build()

    def _signatories(self):
        for username, name in SIGNATORIES:
            user = register.demo_account(username, first_name="Firmatecknare", last_name=name)
            organisation = Organisation.objects.get(name=name)
            for role in (Role.MEMBER, Role.SIGNATORY):
                Membership.objects.get_or_create(user=user, organisation=organisation, role=role)

    def _register(self, title, lead, boards, partners, **fields):
        """The assignment with its parties: the administrations of ``boards`` (board codes),
        deciding through them, and the organisations named in ``partners``."""
        inquiry = services.inquiry_register_assignment(
            acting_user=self.officer,
            assignment_reference=ASSIGNMENT,
            lead=_org(lead),
            title=title,
            boards=[Board.objects.get(code=code) for code in boards],
            partners=[_org(name) for name in partners],
            **fields,
        )
        return inquiry, flow.process_of(inquiry)

    def _screen_and_investigate(self, process, *, conclude=True):
        flow.do(process, "screen", self.officer, services.screening_record, answers=_screening())
        if conclude:
            service, do = services.investigation_conclude, flow.do
        else:  # the investigation stays open in the officers' queue
            service, do = services.legal_assessment_save, flow.work_on
        do(process, "investigate", self.officer, service, data=_assessment())
        if conclude:
            self._accept_parties(process)

    def _accept_parties(self, process):
        """Each organisation named as a party accepts being one, as its member (the demo
        account of the organisation) would in its inbox."""
        members = {"Rädda Barnen": "raddabarnen", **{n: u for u, n in SIGNATORIES}}
        for party in process.inquiry.parties.filter(accepted_at__isnull=True, board=None):
            flow.do(
                process,
                "accept",
                User.objects.get(username=members[party.organisation.name]),
                services.party_accept,
                match=lambda task, party=party: task.data.get("party") == party.pk,
            )

    def _kraftsamling(self):
        inquiry, process = self._register(
            KRAFTSAMLING,
            "Rädda Barnen",
            ["frn", "kn", "ks"],
            ["Rädda Barnen", "Tillsammans i Förening", "Malmö universitet"],
            purpose="Samla föreningsliv, stad och akademi kring barn och unga i Herrgården.",
            target_group="Barn och unga 6–20 år i Herrgården och deras familjer",
            public_benefit_goal="Fler barn och unga i Herrgården har en aktiv och trygg fritid.",
        )
        self._screen_and_investigate(process)
        flow.do(
            process,
            "co_create",
            self.officer,
            services.draft_send_for_review,
            draft=services.Draft(
                data=_agreement(**_kraftsamling_period()),
                contributions=_kraftsamling_contributions(inquiry),
                note="Första utkast",
            ),
        )
        flow.do(
            process,
            "review_draft",
            User.objects.get(username="raddabarnen"),
            services.draft_review_answer,
            answer="agreed",
            comment="Vi står bakom utkastet.",
        )
        flow.do(process, "co_create", self.officer, services.co_creation_finish)
        self._memo_and_decisions(process, inquiry)
        self._sign_all(process, inquiry)
        # The partnership's calendar: its first year ends now, so the follow-up opens.
        flow.fire_timers()

    def _memo_and_decisions(self, process, inquiry):
        flow.do(
            process,
            "write_memo",
            self.officer,
            services.memo_write,
            summary="Stadskontoret föreslår ett IOP-avtal om Kraftsamling Herrgården.",
            proposal="Nämnden godkänner avtalet om idéburet offentligt partnerskap.",
            distribution="Rädda Barnen\nTillsammans i Förening\nMalmö universitet",
        )
        for code, secretary, paragraph in (
            ("frn", "fritidsnamnden", "§ 84"),
            ("kn", "kulturnamnden", "§ 61"),
            ("ks", "kommunstyrelsen", "§ 212"),
        ):
            board = Board.objects.get(code=code)
            flow.do(
                process,
                "decide",
                User.objects.get(username=secretary),
                services.board_decision_record,
                match=lambda task, board=board: task.owner_permission_obj == board,
                outcome="approved",
                meeting_date=_kraftsamling_period()["period_start"] - timedelta(days=9),
                protocol_paragraph=paragraph,
                # Each board authorises its secretary's demo account to sign for it.
                signatory=User.objects.get(username=secretary),
            )

    def _sign_all(self, process, inquiry):
        signers = {"Rädda Barnen": "raddabarnen", **{n: u for u, n in SIGNATORIES}}
        for party in inquiry.parties.select_related("organisation", "board"):
            username = (
                {"frn": "fritidsnamnden", "kn": "kulturnamnden", "ks": "kommunstyrelsen"}[
                    party.board.code
                ]
                if party.board
                else signers[party.organisation.name]
            )
            flow.do(
                process,
                "sign",
                User.objects.get(username=username),
                services.agreement_sign,
                match=lambda task, party=party: task.data.get("party") == party.pk,
            )

    def _helamalmo(self):
        _inquiry, process = self._register(
            HELAMALMO,
            "Helamalmö",
            ["ks", "asn"],
            ["Helamalmö"],
            purpose="Stöd till unga vuxna i utanförskap genom mentorskap och meningsfull fritid.",
            target_group="Unga vuxna 16–25 år",
            public_benefit_goal="Fler unga vuxna i studier, arbete och föreningsliv.",
        )
        self._screen_and_investigate(process, conclude=False)

    def _co_creation(self):
        inquiry, process = self._register(
            RB_RK,
            "Rädda Barnen",
            ["asn"],
            ["Rädda Barnen", "Röda Korset"],
            purpose="Trygga mötesplatser och läxhjälp för barn i nyanlända familjer.",
            target_group="Barn 6–15 år i nyanlända familjer",
            public_benefit_goal="Barn i nyanlända familjer har en trygg fritid och klarar skolan.",
        )
        self._screen_and_investigate(process)
        public = inquiry.parties.get(side=Party.Side.PUBLIC)
        # The co-creation task stays open in the officers' queue, its first draft saved.
        flow.work_on(
            process,
            "co_create",
            self.officer,
            services.agreement_draft_save,
            draft=services.Draft(
                data=_agreement(
                    goals="Trygga mötesplatser i tre stadsdelar\n"
                    "Indikator: antal barn i läxhjälpen",
                    governance="Samverkansgrupp med Rädda Barnen, Röda Korset och förvaltningen.",
                    period_start=date(2027, 1, 1),
                    period_end=date(2029, 12, 31),
                ),
                contributions=[
                    ContributionInput(
                        public,
                        "money",
                        "Bidrag till mötesplatserna",
                        Decimal(350_000),
                        _org("Rädda Barnen"),
                    )
                ],
                note="Första utkast inför medskapandet",
            ),
        )


# The boards of the seed IOP cases and the weekday of the month's meeting, days after the
# working committee's Monday: the executive board meets nine days after its committee.
CALENDAR = {"ksau": 0, "kn": 1, "frn": 3, "ks": 9}
# The managers named in the memos, by role (never a person's name): administration, title.
MANAGERS = [
    ("Stadskontoret", "Stadsdirektören", "stadsdirektör"),
    ("Fritidsförvaltningen", "Fritidsdirektören", "förvaltningsdirektör"),
    ("Kulturförvaltningen", "Kulturdirektören", "förvaltningsdirektör"),
    ("Arbetsmarknads- och socialförvaltningen", "Socialdirektören", "förvaltningsdirektör"),
]


def _meeting_calendar(months: int = 6) -> None:
    """The boards' planned meetings, every fourth week from the next Monday: the memos'
    Beslutsplanering reads its dates from here."""
    first = timezone.localdate() + timedelta(days=7 - timezone.localdate().weekday())
    for code, offset in CALENDAR.items():
        board = Board.objects.get(code=code)
        for n in range(months):
            BoardMeeting.objects.get_or_create(
                board=board, held_on=first + timedelta(weeks=4 * n, days=offset)
            )


def _responsible_managers() -> None:
    for administration, name, title in MANAGERS:
        ResponsibleManager.objects.get_or_create(
            administration=_org(administration),
            board=None,
            defaults={"name": name, "title": title},
        )


def _org(name: str) -> Organisation:
    return Organisation.objects.get(name=name)


def _screening() -> dict:
    answers = {}
    for name, _question in SCREENING_CRITERIA:
        answers[name] = True
        answers[f"{name}_reasoning"] = "Bedömt enligt SOU 2019:56: kriteriet är uppfyllt."
    return answers


def _assessment() -> dict:
    return {
        "counter_performance": False,
        "direct_economic_interest": False,
        "existing_market": False,
        "procurement_reasoning": "Staden får ingen motprestation av direkt ekonomiskt intresse.",
        "state_resources": True,
        "advantage": False,
        "selectivity": False,
        "distorts_competition": False,
        "affects_trade": False,
        "is_sgei": False,
        "state_aid_reasoning": "Ingen verksamhet på en marknad; ingen påverkan på handeln.",
        "gdpr_role": "joint_controllership",
        "gdpr_reasoning": "Parterna bestämmer gemensamt ändamål och medel.",
        "gdpr_arrangement": (
            "Rädda Barnen är kontaktpunkt för de registrerade. Varje part informerar de barn och "
            "vårdnadshavare vars uppgifter den samlar in och gallrar dem när partnerskapet inte "
            "längre behöver dem."
        ),
        "conclusion": "proceed",
        "conclusion_reasoning": "Ett IOP kan ingås.",
    }


def _kraftsamling_period() -> dict:
    """Six years (as the 2021 agreement), dated so that the first year ends within a week: the
    demo shows the first follow-up in the idea-based parties' inboxes, due in about five weeks."""
    start = timezone.localdate() + timedelta(days=7) - relativedelta(years=1)
    return {"period_start": start, "period_end": start + relativedelta(years=6, days=-1)}


def _agreement(**changes) -> dict:
    return {
        "goals": "Fler barn och unga i föreningsaktivitet\nIndikator: antal deltagare per år",
        "governance": "Styrgrupp med en representant per part; arbetsgrupp i Herrgården.",
        "budget": "Se parternas insatser per år.",
        "period_start": date(2021, 10, 1),
        "period_end": date(2027, 9, 30),
        "notice_months": 6,
        "follow_up": "Årlig uppföljning av mål, insatser och budget i styrgruppen.",
        **changes,
    }


def _kraftsamling_contributions(inquiry) -> list:
    def party(name, board_code=None):
        parties = inquiry.parties.filter(organisation__name=name)
        return parties.get(board__code=board_code) if board_code else parties.get()

    rb, tif = _org("Rädda Barnen"), _org("Tillsammans i Förening")
    money = Decimal
    return [
        ContributionInput(
            party("Fritidsförvaltningen", "frn"), "money", "Verksamhetsbidrag", money(500_000), tif
        ),
        ContributionInput(
            party("Kulturförvaltningen", "kn"),
            "money",
            "Bidrag till kulturaktiviteter",
            money(200_000),
            rb,
        ),
        ContributionInput(
            party("Stadskontoret", "ks"), "staff_hours", "Samordnare på halvtid", money(300_000)
        ),
        ContributionInput(
            party("Rädda Barnen"), "staff_hours", "Ledare och volontärer", money(250_000)
        ),
        ContributionInput(
            party("Tillsammans i Förening"), "premises", "Lokaler i Herrgården", money(150_000)
        ),
        ContributionInput(
            party("Malmö universitet"),
            "staff_hours",
            "Följeforskning och utvärdering",
            money(100_000),
        ),
    ]


def _signing_rights(officer: User) -> None:
    """Every demo signatory's right to sign, shown by the minutes that name the signatories
    and approved by the demo officer, as an officer does before a signatory may sign."""
    today = timezone.localdate()
    signatories = Membership.objects.filter(
        role=Role.SIGNATORY, signing_approved_at__isnull=True
    ).select_related("organisation")
    for membership in signatories:
        membership.signing_evidence, _created = EligibilityEvidence.objects.get_or_create(
            organisation=membership.organisation,
            kind=EligibilityEvidence.Kind.SIGNATORY_RIGHT,
            defaults={
                "given_on": today - relativedelta(months=2),
                "expires_on": today + relativedelta(years=2),
                "value": "Styrelseprotokoll om firmateckning",
                "recorded_by": officer,
            },
        )
        membership.save(update_fields=["signing_evidence"])
        signatory_approve(membership=membership, acting_user=officer)
