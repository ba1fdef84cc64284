"""Load the three IOP inquiries of the seed documents, each in its realistic state. Safe to run
again: an inquiry that exists already (by its title) is left as it is.

- Kraftsamling Herrgården: signed and active, six parties, their contributions and the three
  boards' decisions; its first year ends within a week, so the first follow-up is open in the
  idea-based parties' inboxes.
- Helamalmö: under investigation (the legal assessment saved, not concluded).
- Rädda Barnen och Röda Korset: in co-creation, a first draft saved.

Everything is done by the real services, as the people who would do it (the demo accounts),
with the workflow's tasks taken and completed through viewflow (``demo.iop_flow``): no status
is written directly.
"""

from datetime import date, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone

from demo import iop_flow as flow
from organisations.models import Board, Membership, Organisation, Role, User
from partnerships import services
from partnerships.models import SCREENING_CRITERIA, IOPInquiry, Party

KRAFTSAMLING = "Kraftsamling Herrgården"
HELAMALMO = "Helamalmö"
RB_RK = "Rädda Barnen och Röda Korset: trygga mötesplatser"
ASSIGNMENT = "Kommunstyrelsen 2020-06-03 § 187"
# Signatories of the parties that have no demo account of their own: roles, never names.
SIGNATORIES = [
    ("tillsammans", "Tillsammans i Förening"),
    ("malmouniversitet", "Malmö universitet"),
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
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": "Firmatecknare",
                    "last_name": name,
                    "email": f"{username}@example.org",
                },
            )
            if created:
                user.set_password("demo")
                user.save()
            organisation = Organisation.objects.get(name=name)
            for role in (Role.MEMBER, Role.SIGNATORY):
                Membership.objects.get_or_create(user=user, organisation=organisation, role=role)

    def _register(self, title, lead, parties, **fields):
        inquiry = services.inquiry_register_assignment(
            acting_user=self.officer,
            assignment_reference=ASSIGNMENT,
            lead=_org(lead),
            title=title,
            parties=[_party(*party) for party in parties],
            **fields,
        )
        return inquiry, flow.start(inquiry)

    def _screen_and_investigate(self, inquiry, process, *, conclude=True):
        flow.do(
            process,
            "screen",
            self.officer,
            lambda: services.screening_record(
                inquiry=inquiry, acting_user=self.officer, answers=_screening()
            ),
        )
        if not conclude:
            services.legal_assessment_save(
                inquiry=inquiry, acting_user=self.officer, data=_assessment()
            )
            return

        def investigate():
            services.legal_assessment_save(
                inquiry=inquiry, acting_user=self.officer, data=_assessment()
            )
            services.investigation_conclude(inquiry=inquiry, acting_user=self.officer)

        flow.do(process, "investigate", self.officer, investigate)

    def _kraftsamling(self):
        inquiry, process = self._register(
            KRAFTSAMLING,
            "Rädda Barnen",
            [
                ("Fritidsförvaltningen", "frn"),
                ("Kulturförvaltningen", "kn"),
                ("Stadskontoret", "ks"),
                ("Rädda Barnen",),
                ("Tillsammans i Förening",),
                ("Malmö universitet",),
            ],
            purpose="Samla föreningsliv, stad och akademi kring barn och unga i Herrgården.",
            target_group="Barn och unga 6–20 år i Herrgården och deras familjer",
            public_benefit_goal="Fler barn och unga i Herrgården har en aktiv och trygg fritid.",
        )
        self._screen_and_investigate(inquiry, process)
        self._draft(process, inquiry, send=True)
        raddabarnen = User.objects.get(username="raddabarnen")
        flow.do(
            process,
            "review_draft",
            raddabarnen,
            lambda: services.draft_review_answer(
                inquiry=inquiry,
                acting_user=raddabarnen,
                answer="agreed",
                comment="Vi står bakom utkastet.",
            ),
        )
        self._draft(process, inquiry, send=False)
        self._memo_and_decisions(process, inquiry)
        self._sign_all(process, inquiry)
        # The partnership's calendar: its first year ends now, so the follow-up opens.
        flow.fire_timers()

    def _draft(self, process, inquiry, *, send: bool):
        def co_create():
            if send:
                services.agreement_draft_save(
                    inquiry=inquiry,
                    acting_user=self.officer,
                    data=_agreement(**_kraftsamling_period()),
                    contributions=_kraftsamling_contributions(inquiry),
                    note="Första utkast",
                )
                services.draft_send_for_review(inquiry=inquiry, acting_user=self.officer)
            else:
                services.co_creation_finish(inquiry=inquiry, acting_user=self.officer)

        flow.do(process, "co_create", self.officer, co_create)

    def _memo_and_decisions(self, process, inquiry):
        flow.do(
            process,
            "write_memo",
            self.officer,
            lambda: services.memo_write(
                inquiry=inquiry,
                acting_user=self.officer,
                summary="Stadskontoret föreslår ett IOP-avtal om Kraftsamling Herrgården.",
                proposal="Nämnden godkänner avtalet om idéburet offentligt partnerskap.",
                distribution="Rädda Barnen\nTillsammans i Förening\nMalmö universitet",
            ),
        )
        for code, secretary, paragraph in (
            ("frn", "fritidsnamnden", "§ 84"),
            ("kn", "kulturnamnden", "§ 61"),
            ("ks", "kommunstyrelsen", "§ 212"),
        ):
            board, user = Board.objects.get(code=code), User.objects.get(username=secretary)
            flow.do(
                process,
                "decide",
                user,
                lambda board=board, user=user, paragraph=paragraph: services.board_decision_record(
                    inquiry=inquiry,
                    board=board,
                    acting_user=user,
                    outcome="approved",
                    meeting_date=_kraftsamling_period()["period_start"] - timedelta(days=9),
                    protocol_paragraph=paragraph,
                ),
                match=lambda task, board=board: task.owner_permission_obj == board,
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
            user = User.objects.get(username=username)
            flow.do(
                process,
                "sign",
                user,
                lambda party=party, user=user: services.agreement_sign(
                    inquiry=inquiry, party=party, acting_user=user
                ),
                match=lambda task, party=party: task.data.get("party") == party.pk,
            )

    def _helamalmo(self):
        inquiry, process = self._register(
            HELAMALMO,
            "Helamalmö",
            [
                ("Stadskontoret", "ks"),
                ("Arbetsmarknads- och socialförvaltningen", "asn"),
                ("Helamalmö",),
            ],
            purpose="Stöd till unga vuxna i utanförskap genom mentorskap och meningsfull fritid.",
            target_group="Unga vuxna 16–25 år",
            public_benefit_goal="Fler unga vuxna i studier, arbete och föreningsliv.",
        )
        self._screen_and_investigate(inquiry, process, conclude=False)

    def _co_creation(self):
        inquiry, process = self._register(
            RB_RK,
            "Rädda Barnen",
            [
                ("Arbetsmarknads- och socialförvaltningen", "asn"),
                ("Rädda Barnen",),
                ("Röda Korset",),
            ],
            purpose="Trygga mötesplatser och läxhjälp för barn i nyanlända familjer.",
            target_group="Barn 6–15 år i nyanlända familjer",
            public_benefit_goal="Barn i nyanlända familjer har en trygg fritid och klarar skolan.",
        )
        self._screen_and_investigate(inquiry, process)
        flow.open_task(process, "co_create")  # the co-creation task stays open for the officer
        public = inquiry.parties.get(side=Party.Side.PUBLIC)
        services.agreement_draft_save(
            inquiry=inquiry,
            acting_user=self.officer,
            data=_agreement(
                goals="Trygga mötesplatser i tre stadsdelar\nIndikator: antal barn i läxhjälpen",
                governance="Samverkansgrupp med Rädda Barnen, Röda Korset och förvaltningen.",
                period_start=date(2027, 1, 1),
                period_end=date(2029, 12, 31),
            ),
            contributions=[
                services.ContributionInput(
                    public,
                    "money",
                    "Bidrag till mötesplatserna",
                    Decimal(350_000),
                    _org("Rädda Barnen"),
                )
            ],
            note="Första utkast inför samskapandet",
        )


def _org(name: str) -> Organisation:
    return Organisation.objects.get(name=name)


def _party(name: str, board_code: str | None = None) -> services.PartyInput:
    organisation = _org(name)
    if board_code:
        board = Board.objects.get(code=board_code)
        return services.PartyInput(organisation, Party.Side.PUBLIC, board=board)
    side = Party.Side.IDEA_BASED if organisation.is_idea_based else Party.Side.PUBLIC
    return services.PartyInput(organisation, side)


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
        services.ContributionInput(
            party("Fritidsförvaltningen", "frn"), "money", "Verksamhetsbidrag", money(500_000), tif
        ),
        services.ContributionInput(
            party("Kulturförvaltningen", "kn"),
            "money",
            "Bidrag till kulturaktiviteter",
            money(200_000),
            rb,
        ),
        services.ContributionInput(
            party("Stadskontoret", "ks"), "staff_hours", "Samordnare på halvtid", money(300_000)
        ),
        services.ContributionInput(
            party("Rädda Barnen"), "staff_hours", "Ledare och volontärer", money(250_000)
        ),
        services.ContributionInput(
            party("Tillsammans i Förening"), "premises", "Lokaler i Herrgården", money(150_000)
        ),
        services.ContributionInput(
            party("Malmö universitet"),
            "staff_hours",
            "Följeforskning och utvärdering",
            money(100_000),
        ),
    ]
