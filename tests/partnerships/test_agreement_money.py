"""Money per year and in total, the personal-data clause the legal assessment calls for, and the
memo to the boards, each read back as the text of the rendered PDF."""

import io
import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from documents import rendering
from documents.kinds import Kind
from funding.models import BoardMeeting
from organisations.models import Board
from partnerships import documents, services
from partnerships.forms import ContributionForm
from partnerships.models import Party, ResponsibleManager
from tests import factories
from workflows.iop.planning import memo_planning

from .helpers import AGREEMENT, ASSESSMENT, SCREENING

pytestmark = pytest.mark.django_db

SIX_YEARS = {"period_start": date(2027, 10, 1), "period_end": date(2033, 9, 30)}


def _text(pdf: bytes) -> str:
    """The PDF's text with every run of white space (no-break spaces too) as one space."""
    pages = PdfReader(io.BytesIO(pdf)).pages
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in pages))


def _inquiry(organisation, *, gdpr_role="joint_controllership", boards=None, **assessment):
    """An inquiry of ``organisation`` in co-creation, its legal assessment made."""
    officer = factories.staff()
    inquiry = factories.iop_inquiry(organisation, boards=boards)
    services.screening_record(inquiry=inquiry, acting_user=officer, answers=SCREENING)
    data = {**ASSESSMENT, "gdpr_role": gdpr_role, **assessment}
    services.legal_assessment_save(inquiry=inquiry, acting_user=officer, data=data)
    services.investigation_conclude(inquiry=inquiry, acting_user=officer)
    return inquiry, officer


def _draft(inquiry, officer, organisation, contributions=None, **period):
    public = inquiry.parties.filter(side=Party.Side.PUBLIC).first()
    own = inquiry.parties.get(side=Party.Side.IDEA_BASED)
    if contributions is None:
        contributions = [
            services.ContributionInput(
                public, "money", "Verksamhetsbidrag", Decimal(500_000), organisation
            ),
            services.ContributionInput(own, "premises", "Lokaler i Herrgården", Decimal(150_000)),
        ]
    return services.agreement_draft_save(
        inquiry=inquiry,
        acting_user=officer,
        data={**AGREEMENT, **(period or SIX_YEARS)},
        contributions=contributions,
    )


def _agreement_text(version) -> str:
    return _text(rendering.render_pdf(Kind.IOP_AGREEMENT, documents.agreement_context(version)))


def test_a_six_year_agreement_states_each_yearly_amount_and_its_total_for_the_period(
    organisation,
):
    inquiry, officer = _inquiry(organisation)
    text = _agreement_text(_draft(inquiry, officer, organisation))

    # 500 000 kr a year over six years is 3 000 000 kr, never "for the whole period" alone.
    assert "Verksamhetsbidrag 2027-10-01–2033-09-30 500 000 kr 3 000 000 kr" in text
    assert "Lokaler i Herrgården 2027-10-01–2033-09-30 150 000 kr 900 000 kr" in text
    assert "Belopp i kronor per år, och i sista kolumnen för hela avtalsperioden (6 år" in text
    assert "Värdet anges i kronor för hela avtalsperioden" not in text
    assert "Totalt 500 000 150 000 0 0 650 000 3 900 000" in text


def test_a_contribution_for_part_of_the_period_counts_only_its_own_years(organisation):
    inquiry, officer = _inquiry(organisation)
    public = inquiry.parties.get(side=Party.Side.PUBLIC)
    version = _draft(
        inquiry,
        officer,
        organisation,
        [
            services.ContributionInput(
                public,
                "staff_hours",
                "Samordnare på halvtid",
                Decimal(300_000),
                period_start=date(2027, 10, 1),
                period_end=date(2030, 3, 31),
            )
        ],
    )
    assert version.contributions.get().total_sek == Decimal(750_000)  # two and a half years
    assert "2027-10-01–2030-03-31 300 000 kr 750 000 kr" in _agreement_text(version)


def test_a_contribution_for_the_whole_agreement_follows_a_new_versions_period(organisation):
    inquiry, officer = _inquiry(organisation)
    first = _draft(inquiry, officer, organisation)
    longer = services.agreement_draft_save(
        inquiry=inquiry,
        acting_user=officer,
        data={**AGREEMENT, **SIX_YEARS, "period_end": date(2035, 9, 30)},
        contributions=services.copy_contributions(first),
    )
    money = longer.contributions.get(kind="money")
    assert (money.period_start, money.period_end) == (date(2027, 10, 1), date(2035, 9, 30))
    assert money.total_sek == Decimal(4_000_000)  # eight years of 500 000 kr


def test_a_negative_amount_is_refused_by_the_service_and_the_form(organisation):
    inquiry, officer = _inquiry(organisation)
    public = inquiry.parties.get(side=Party.Side.PUBLIC)
    negative = [services.ContributionInput(public, "money", "Återbetalning", Decimal(-1))]
    with pytest.raises(ValidationError) as refused:
        _draft(inquiry, officer, organisation, negative)
    assert "amount_sek" in refused.value.message_dict
    assert not inquiry.agreement_versions.exists()

    form = ContributionForm(
        {"party": public.pk, "kind": "money", "description": "Bidrag", "amount_sek": "-500"},
        inquiry=inquiry,
    )
    assert not form.is_valid()
    assert "amount_sek" in form.errors


def test_a_contribution_outside_the_agreements_period_is_refused(organisation):
    inquiry, officer = _inquiry(organisation)
    public = inquiry.parties.get(side=Party.Side.PUBLIC)
    late = services.ContributionInput(
        public,
        "money",
        "Bidrag",
        Decimal(1),
        period_start=date(2033, 1, 1),
        period_end=date(2034, 1, 1),
    )
    with pytest.raises(ValidationError):
        _draft(inquiry, officer, organisation, [late])


def test_a_joint_controllership_states_article_26_and_the_essence_of_the_arrangement(
    organisation,
):
    arrangement = "Rädda Barnen är kontaktpunkt för de registrerade."
    inquiry, officer = _inquiry(organisation, gdpr_arrangement=arrangement)
    text = _agreement_text(_draft(inquiry, officer, organisation))

    assert "gemensamt personuppgiftsansvariga enligt artikel 26" in text
    assert "Det väsentliga innehållet i parternas arrangemang" in text
    assert "artikel 26.3" in text
    assert arrangement in text
    assert "Inga personuppgifter behandlas" not in text


def test_a_processor_agreement_under_article_28_is_an_appendix(organisation):
    inquiry, officer = _inquiry(organisation, gdpr_role="processor")
    text = _agreement_text(_draft(inquiry, officer, organisation))

    assert "personuppgiftsbiträde enligt artikel 28" in text
    assert "bifogas detta avtal som bilaga" in text
    assert "Bilagor" in text
    assert "Personuppgiftsbiträdesavtal enligt artikel 28 i dataskyddsförordningen" in text
    assert "Inga personuppgifter behandlas" not in text


def test_each_party_its_own_controller_is_said_so(organisation):
    inquiry, officer = _inquiry(organisation, gdpr_role="separate_controllers")
    text = _agreement_text(_draft(inquiry, officer, organisation))

    assert "Varje part är självständigt personuppgiftsansvarig" in text
    assert "Inga personuppgifter behandlas" not in text
    assert "artikel 26" not in text


def _memo(organisation, *, boards, planning=None):
    inquiry, officer = _inquiry(
        organisation,
        boards=boards,
        **dict.fromkeys(("advantage", "selectivity", "distorts_competition"), True),
        affects_trade=True,
        state_aid_reasoning="Föreningen bedriver verksamhet på en marknad.",
        # State aid needs its lawful route before the draft goes on (partnerships.state_aid).
        state_aid_route="gber",
        state_aid_route_basis="Förordning (EU) nr 651/2014, artikel 53",
    )
    version = _draft(inquiry, officer, organisation)
    services.co_creation_finish(inquiry=inquiry, acting_user=officer)
    memo = services.memo_write(
        inquiry=inquiry,
        acting_user=officer,
        summary="Ett IOP om fritid i Herrgården.",
        proposal="Nämnden godkänner avtalet om idéburet offentligt partnerskap.",
        distribution="Föreningen",
        planning=planning,
    )
    return memo, version


def test_the_memo_proposes_through_the_administration_and_holds_the_assessment_and_the_money(
    organisation,
):
    leisure = factories.BoardFactory(
        name="Fritidsnämnden", administration__name="Fritidsförvaltningen"
    )
    ResponsibleManager.objects.create(
        administration=leisure.administration, name="Förvaltningsdirektören", title="direktör"
    )
    memo, _version = _memo(organisation, boards=[leisure])
    context = documents.memo_context(memo, planning=[])
    text = _text(rendering.render_pdf(Kind.BOARD_MEMO, context))

    assert "Fritidsförvaltningen föreslår fritidsnämnden besluta" in text
    assert "Nämnden godkänner avtalet" in text
    # Ärendet: the legal assessment and the economic consequences.
    assert "Rättslig bedömning" in text
    assert "Lagen om offentlig upphandling" in text
    assert "inte ett upphandlingspliktigt kontrakt" in text
    assert "Insatserna bedöms vara statligt stöd" in text
    assert "300 000 euro under tre år (förordning (EU) 2023/2831)" in text
    assert "500 000 kr per år, 3 000 000 kr för hela avtalsperioden" in text
    assert "Stadens insatser uppgår till 500 000 kr per år och 3 000 000 kr för hela" in text
    assert "Ekonomiska konsekvenser" in text
    # Issued by the administration; the manager configured for it answers with the officer.
    assert text.startswith("Malmö stad Fritidsförvaltningen TJÄNSTESKRIVELSE")
    assert "Förvaltningsdirektören direktör" in text
    assert f"{memo.written_by} handläggare" in text


def test_the_decision_planning_holds_the_real_meetings_and_none_in_the_past(organisation):
    today = date.today()
    board = factories.BoardFactory(name="Kommunstyrelsen")
    committee = Board.objects.create(
        name="Kommunstyrelsens arbetsutskott",
        code="ksau-test",
        administration=board.administration,
        parent=board,
    )
    for body, days in ((committee, -3), (committee, 12), (board, 5), (board, 26), (board, 40)):
        BoardMeeting.objects.create(board=body, held_on=today + timedelta(days=days))

    planning = memo_planning([board], today=today)
    memo, _version = _memo(organisation, boards=[board], planning=planning)
    text = _text(
        rendering.render_pdf(Kind.BOARD_MEMO, documents.memo_context(memo, planning=planning))
    )

    committee_day = (today + timedelta(days=12)).isoformat()
    board_day = (today + timedelta(days=26)).isoformat()
    assert f"Kommunstyrelsens arbetsutskott {committee_day}" in text
    assert f"Kommunstyrelsen {board_day}" in text  # the board's first meeting after the committee
    assert (today - timedelta(days=3)).isoformat() not in text
    assert (today + timedelta(days=5)).isoformat() not in text


def test_a_board_without_a_planned_meeting_is_given_no_made_up_date(organisation):
    board = factories.BoardFactory(name="Kulturnämnden")
    BoardMeeting.objects.create(board=board, held_on=date.today() - timedelta(days=1))
    planning = memo_planning([board])
    memo, _version = _memo(organisation, boards=[board], planning=planning)
    text = _text(
        rendering.render_pdf(Kind.BOARD_MEMO, documents.memo_context(memo, planning=planning))
    )

    assert "Kulturnämnden Inget sammanträde planerat ännu" in text
    assert date.today().isoformat() not in text.split("Beslutsplanering")[1].split("Beslutet")[0]
