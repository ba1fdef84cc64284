"""Factories for tests. Organisation numbers and giro numbers are made valid on the fly."""

import datetime
import itertools

import factory
from django.utils import timezone
from stdnum import luhn

from casework.models import Case, ChallengeArea
from demo.organisations import bankgiro
from organisations.models import Board, EligibilityEvidence, Membership, Organisation, Role, User
from organisations.representation import representation_from_membership

_numbers = itertools.count(1)


def _org_number(prefix: str) -> str:
    body = prefix + str(next(_numbers)).zfill(9 - len(prefix))
    return f"{body[:6]}-{body[6:]}{luhn.calc_check_digit(body)}"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "secret-password-1")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Föreningen Gemenskap {n}")
    kind = Organisation.Kind.ASSOCIATION
    org_number = factory.LazyFunction(lambda: _org_number("802"))
    city = "Malmö"


class AdministrationFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"Förvaltning {n}")
    kind = Organisation.Kind.ADMINISTRATION
    org_number = factory.LazyFunction(lambda: _org_number("212"))


class BoardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Board

    name = factory.Sequence(lambda n: f"Nämnd {n}")
    code = factory.Sequence(lambda n: f"n{n}")
    administration = factory.SubFactory(AdministrationFactory)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.MEMBER
    valid_from = datetime.date(2000, 1, 1)

    @factory.post_generation
    def right_to_sign(obj, create, extracted, **kwargs):  # noqa: N805 - factory_boy's hook
        """A signatory has its right shown by minutes an officer approved, unless
        ``right_to_sign=False`` asks for one whose right is not shown yet."""
        if not create or obj.role != Role.SIGNATORY or extracted is False:
            return
        obj.signing_evidence = EvidenceFactory(
            organisation=obj.organisation,
            kind=EligibilityEvidence.Kind.SIGNATORY_RIGHT,
            given_on=obj.valid_from,  # valid whatever day a test runs on, as the membership is
            expires_on=datetime.date(2100, 1, 1),
        )
        obj.signing_approved_at = timezone.now()
        obj.save(update_fields=["signing_evidence", "signing_approved_at"])
        representation_from_membership(membership=obj)  # the right is a representation


class ChallengeAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChallengeArea

    name = factory.Sequence(lambda n: f"Samhällsutmaning {n}")
    slug = factory.Sequence(lambda n: f"utmaning-{n}")


class CaseFactory(factory.django.DjangoModelFactory):
    """A registered case with its number, made through the real service."""

    class Meta:
        model = Case

    kind = Case.Kind.IOP_INQUIRY
    series = "SK"
    title = factory.Sequence(lambda n: f"Ärende {n}: mötesplats för unga")
    organisation = factory.SubFactory(OrganisationFactory)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        from casework.services import case_register

        return case_register(acting_user=None, **kwargs)


class EvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EligibilityEvidence

    organisation = factory.SubFactory(OrganisationFactory)
    kind = EligibilityEvidence.Kind.STATUTES
    given_on = factory.LazyFunction(lambda: timezone.localdate() - timezone.timedelta(days=10))
    expires_on = factory.LazyFunction(lambda: timezone.localdate() + timezone.timedelta(days=300))


def member(organisation=None, role=Role.MEMBER, **user_kwargs) -> User:
    """A person who is a member of ``organisation`` (a new association if none)."""
    membership = MembershipFactory(
        organisation=organisation or OrganisationFactory(),
        role=role,
        user=UserFactory(**user_kwargs),
    )
    return membership.user


def staff(role=Role.OFFICER, board=None, **user_kwargs) -> User:
    administration = board.administration if board else AdministrationFactory()
    membership = MembershipFactory(
        organisation=administration, role=role, board=board, user=UserFactory(**user_kwargs)
    )
    return membership.user


# Funding ----------------------------------------------------------------------------------


class FundingProgrammeFactory(factory.django.DjangoModelFactory):
    """An open programme of a board, with one criterion and officer/delegate/board limits."""

    class Meta:
        model = "funding.FundingProgramme"
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Bidragsprogram {n}")
    slug = factory.Sequence(lambda n: f"program-{n}")
    board = factory.SubFactory(BoardFactory)
    budget = 1_000_000
    max_amount = 100_000
    opens_on = factory.LazyFunction(lambda: timezone.localdate() - timezone.timedelta(days=5))
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + timezone.timedelta(days=30))

    @factory.post_generation
    def rules(obj, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        obj.criteria.create(name="Genomförbarhet", weight=2)
        obj.delegation_rules.create(up_to_amount=20_000, decider="officer", delegation_point="4.1")
        obj.delegation_rules.create(up_to_amount=50_000, decider="delegate", delegation_point="4.2")
        obj.delegation_rules.create(up_to_amount=None, decider="board")
        # The points for what follows a grant: officers decide claims, write-offs and special
        # decisions on a demand for a decision under points 5.1–5.3.
        for point, matter in (
            ("5.1", "repayment_claim"),
            ("5.2", "write_off"),
            ("5.3", "demand_rejection"),
        ):
            obj.delegation_rules.create(matter=matter, decider="officer", delegation_point=point)
        obj.evidence_requirements.create(kind=EligibilityEvidence.Kind.STATUTES)
        obj.evidence_requirements.create(kind=EligibilityEvidence.Kind.BANK_ACCOUNT)


def delegate(programme, role=Role.DELEGATE, user=None, **user_kwargs) -> User:
    """A person of ``role`` (officer or delegate) who holds that role's points of the
    delegation order of ``programme``'s board (``user``, or a new one)."""
    from organisations.models import DelegationHolding

    user = user or staff(role, **user_kwargs)
    decider = "officer" if role == Role.OFFICER else "delegate"
    for rule in programme.delegation_rules.filter(decider=decider):
        DelegationHolding.objects.get_or_create(
            user=user, board=rule.board, point=rule.delegation_point
        )
    return user


def eligible(organisation) -> Organisation:
    """Give ``organisation`` a verified bankgiro and valid evidence of every kind."""
    organisation.giro_kind, organisation.giro_number = "bankgiro", bankgiro(organisation.pk)
    organisation.save()
    for kind, _label in EligibilityEvidence.Kind.choices:
        EvidenceFactory(organisation=organisation, kind=kind, value="48")
    return organisation


def funding_draft(organisation=None, programme=None, user=None, **answers):
    """A complete draft made through the real services, ready to submit."""
    from datetime import timedelta

    from funding import services

    organisation = organisation or OrganisationFactory()
    programme = programme or FundingProgrammeFactory()
    user = user or member(organisation)
    application = services.application_create(
        programme=programme,
        organisation=organisation,
        acting_user=user,
        title=answers.pop("title", "Sommarfotboll för unga"),
    )
    today = timezone.localdate()
    values = {
        "purpose": "Fotboll varje kväll i juli för unga i Rosengård.",
        "activity_start": today + timedelta(days=40),
        "activity_end": today + timedelta(days=70),
        "amount_applied": 30_000,
        **answers,
    }
    return services.application_update(application=application, acting_user=user, **values)


def funding_process(organisation=None, **draft_kwargs):
    """A submitted application with its workflow started; returns the process."""
    from workflows.funding import services
    from workflows.funding.flows import FundingApplicationFlow
    from workflows.models import FundingProcess

    organisation = eligible(organisation or OrganisationFactory())
    application = funding_draft(organisation, **draft_kwargs)
    user = application.created_by
    application = services.application_submit(application=application, acting_user=user)
    return FundingProcess.objects.get(
        flow_class=FundingApplicationFlow, artifact_object_id=application.pk
    )


# IOP ------------------------------------------------------------------------------------------


IOP_FIELDS = {
    "title": "Mötesplats för unga i Herrgården",
    "purpose": "Fritidsaktiviteter och läxhjälp för barn och unga.",
    "target_group": "Barn och unga 7–18 år",
    "public_benefit_goal": "Fler unga i ett aktivt fritidsliv.",
}


def iop_inquiry(organisation=None, boards=None, user=None, partners=(), **fields):
    """An IOP proposal of ``organisation`` (a new association if none), made by the domain
    service alone: an inquiry without a process.

    Its public parties are ``boards`` (one new board if none); ``partners`` are further
    parties, each on its side (a university public, an association idea-based)."""
    from partnerships import services
    from partnerships.models import Party

    organisation = organisation or OrganisationFactory()
    boards = boards if boards is not None else [BoardFactory()]
    user = user or member(organisation)
    parties = [
        services.PartyInput(board.administration, Party.Side.PUBLIC, board=board)
        for board in boards
    ]
    parties += [
        services.PartyInput(
            partner, Party.Side.IDEA_BASED if partner.is_idea_based else Party.Side.PUBLIC
        )
        for partner in partners
    ]
    return services.inquiry_propose(
        acting_user=user,
        organisation=organisation,
        parties=parties,
        **{**IOP_FIELDS, **fields},
    )


def iop_process(organisation=None, boards=None, user=None, **fields):
    """An IOP proposal with its workflow started, as a member proposes it (the workflow
    service); returns the process. Its public parties are ``boards`` (one new board if none)."""
    from workflows.iop import services
    from workflows.iop.flows import IOPFlow
    from workflows.models import IOPProcess

    organisation = organisation or OrganisationFactory()
    inquiry = services.inquiry_propose(
        acting_user=user or member(organisation),
        organisation=organisation,
        boards=boards if boards is not None else [BoardFactory()],
        **{**IOP_FIELDS, **fields},
    )
    return IOPProcess.objects.get(flow_class=IOPFlow, artifact_object_id=inquiry.pk)


class FundingSourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "funding.FundingSource"

    name = factory.Sequence(lambda n: f"Fond {n}")
    provider = "Stiftelsen Exempel"
    provider_kind = "foundation"
    purpose = "Aktiviteter för barn och unga."


def final_receipt(case: Case):
    """A final submission receipt of ``case``, produced (a real PDF) and stored."""
    from documents import producing, samples
    from documents import services as document_services

    document = document_services.document_request(
        case=case,
        kind="submission_receipt",
        context=samples.receipt(sections=1, attachments=1, case_number=case.case_number),
        acting_user=None,
        final=True,
    )
    producing.document_render(document_id=document.pk)
    document.refresh_from_db()
    return document
