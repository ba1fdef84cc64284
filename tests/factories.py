"""Factories for tests. Organisation numbers and giro numbers are made valid on the fly."""

import itertools

import factory
from django.utils import timezone
from stdnum import luhn

from casework.models import Case, ChallengeArea
from organisations.models import Board, EligibilityEvidence, Membership, Organisation, Role, User

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

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.MEMBER


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
