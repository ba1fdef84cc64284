"""The right to represent an association: who acts and signs for it is who holds a current
representation (approved on evidence, from the e-ID broker's claim, or by invitation); it ends
with its validity or when revoked, and the tasks held go back to the queue."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from viewflow.workflow.status import STATUS

from demo import files
from organisations import policy
from organisations import representation as services
from organisations.models import BoardSigningAuthority, Representation, Role
from partnerships import policy as partnership_policy
from partnerships.models import Party
from tests import driver, factories

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()
DAY = dt.timedelta(days=1)
# A valid organisation number that no factory makes (the factories number from 802…).
ORG_NUMBER = "556036-0793"


def _minutes():
    return SimpleUploadedFile("protokoll.pdf", files.pdf("Styrelsemöte: firmatecknare"))


def _fresh(user):
    return type(user).objects.get(pk=user.pk)  # roles are read once per request


def _representation(organisation, person=None, **fields):
    values = {
        "role": Role.SIGNATORY,
        "basis": Representation.Basis.EVIDENCE,
        "valid_from": TODAY - 10 * DAY,
        "approved_at": timezone.now(),
        **fields,
    }
    return Representation.objects.create(
        person=person or factories.UserFactory(), organisation=organisation, **values
    )


@pytest.mark.parametrize(
    ("fields", "signs"),
    [
        ({}, True),
        ({"valid_until": TODAY}, True),
        ({"valid_until": TODAY - DAY}, False),  # expired
        ({"valid_from": TODAY + DAY}, False),  # not yet valid
        ({"revoked_at": timezone.now()}, False),
        ({"approved_at": None}, False),  # proposed, not approved
        ({"role": Role.MEMBER}, False),  # acts for it, does not sign
    ],
)
def test_a_person_signs_for_an_association_only_with_a_current_signatory_representation(
    organisation, fields, signs
):
    person = _representation(organisation, **fields).person

    assert policy.is_signatory_for(person, organisation.pk) is signs
    assert (person in policy.holders_of(policy.SIGN_FOR_ORGANISATION, organisation)) is signs
    acts = signs or fields == {"role": Role.MEMBER}
    assert policy.acts_for(_fresh(person), organisation.pk) is acts


def test_the_basis_of_the_representation_is_what_a_binding_action_records(organisation):
    person = _representation(organisation, basis=Representation.Basis.BROKER).person
    assert policy.representation_basis(person, organisation.pk) == "broker"
    _representation(organisation, person=person)
    assert policy.representation_basis(person, organisation.pk) == "evidence"
    member = factories.member(organisation)
    assert policy.representation_basis(member, organisation.pk, role=None) == "membership"
    assert policy.representation_basis(member, organisation.pk) == ""


def test_an_officer_approves_or_refuses_a_proposal_on_the_minutes_the_association_uploads(
    organisation, officer
):
    member = factories.member(organisation)
    chair, treasurer = factories.member(organisation), factories.member(organisation)
    with pytest.raises(PermissionDenied):  # only a member proposes
        services.representation_propose(
            organisation=organisation,
            acting_user=officer,
            people=[chair],
            protocol=_minutes(),
            protocol_date=TODAY,
            valid_until=TODAY + 365 * DAY,
        )
    first, second = services.representation_propose(
        organisation=organisation,
        acting_user=member,
        people=[chair, treasurer],
        protocol=_minutes(),
        protocol_date=TODAY - DAY,
        valid_until=TODAY + 365 * DAY,
    )
    assert first.evidence == second.evidence and first.evidence.file
    assert not policy.is_signatory_for(chair, organisation.pk)
    assert set(Representation.objects.pending()) == {first, second}
    with pytest.raises(PermissionDenied):  # a member approves nothing
        services.representation_approve(representation=first, acting_user=member)

    services.representation_approve(representation=first, acting_user=officer)
    with pytest.raises(ValidationError):
        services.representation_refuse(representation=second, acting_user=officer, reason=" ")
    services.representation_refuse(
        representation=second, acting_user=officer, reason="Protokollet är inte justerat."
    )

    assert policy.is_signatory_for(_fresh(chair), organisation.pk)
    assert not policy.is_signatory_for(_fresh(treasurer), organisation.pk)
    with pytest.raises(ValidationError):  # decided once
        services.representation_approve(representation=second, acting_user=officer)


def test_a_claim_from_the_broker_gives_a_representation_for_the_day_of_the_login():
    organisation = factories.OrganisationFactory(org_number=ORG_NUMBER)
    person = factories.UserFactory()
    at = timezone.now()

    made = services.representation_from_broker(
        user=person, org_affiliation=f"ab123@{ORG_NUMBER.replace('-', '')}", at=at
    )
    again = services.representation_from_broker(
        user=person, org_affiliation=f"{ORG_NUMBER}@ab123", at=at
    )

    assert made == again and made.basis == "broker" and made.role == Role.SIGNATORY
    assert made.valid_from == made.valid_until == timezone.localdate(at)
    assert policy.is_signatory_for(person, organisation.pk)
    assert policy.representation_basis(person, organisation.pk) == "broker"
    yesterday = services.representation_from_broker(
        user=factories.UserFactory(), org_affiliation=f"x@{ORG_NUMBER}", at=at - DAY
    )
    assert not policy.is_signatory_for(yesterday.person, organisation.pk)
    assert (
        services.representation_from_broker(user=person, org_affiliation="x@212000-0142", at=at)
        is None
    )  # not in the register
    for claim in ("", "5560360794", "x@5560360794", "x@abc"):
        with pytest.raises(ValidationError):
            services.representation_from_broker(user=person, org_affiliation=claim, at=at)


def test_a_signatory_invites_a_member_who_accepts_once(
    organisation, django_capture_on_commit_callbacks
):
    signatory = factories.member(organisation, role=Role.SIGNATORY)
    with pytest.raises(PermissionDenied):
        services.invitation_send(
            organisation=organisation,
            email="ny@example.org",
            acting_user=factories.member(organisation),
            accept_url=str,
        )
    tokens = []
    with pytest.raises(ValidationError):
        services.invitation_accept(token="wrong", user=factories.UserFactory())

    def link(token):
        tokens.append(token)
        return f"https://portal.example/accept/{token}/"

    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_send(
            organisation=organisation,
            email="ny@example.org",
            acting_user=signatory,
            accept_url=link,
        )
    (sent,) = mail.outbox
    assert sent.to == ["ny@example.org"] and link(tokens[0]) in sent.body
    assert organisation.name in sent.subject and "Inbjudan" in sent.subject
    assert tokens[0] not in invitation.digest
    invited = factories.UserFactory()

    made = services.invitation_accept(token=tokens[0], user=invited)

    assert (made.role, made.basis, made.approved_by) == (Role.MEMBER, "invitation", signatory)
    assert policy.acts_for(invited, organisation.pk)
    assert not policy.is_signatory_for(invited, organisation.pk)
    with pytest.raises(ValidationError):
        services.invitation_accept(token=tokens[0], user=factories.UserFactory())


def test_revoking_a_representation_returns_the_tasks_held_for_the_association_at_once(
    client, organisation, officer, django_capture_on_commit_callbacks
):
    representative = _representation(organisation, role=Role.MEMBER).person
    process = factories.funding_process(organisation, user=factories.member(organisation))
    due_on = (TODAY + 10 * DAY).isoformat()
    driver.do_one(
        client,
        officer,
        process,
        "check_complete",
        {"result": "supplement", "message": "Bifoga en budget.", "due_on": due_on},
    )
    (task,) = driver.open_tasks(process, "answer_supplement")
    driver.take(client, representative, task)
    representation = representative.representations.get()
    with pytest.raises(PermissionDenied):
        services.representation_revoke(
            representation=representation, acting_user=factories.member(organisation), reason="r"
        )

    with django_capture_on_commit_callbacks(execute=True):
        services.representation_revoke(
            representation=representation, acting_user=officer, reason="Lämnat styrelsen."
        )

    task.refresh_from_db()
    assert (task.owner, task.status) == (None, STATUS.NEW)
    assert not policy.acts_for(_fresh(representative), organisation.pk)


def test_a_boards_standing_signing_authority_names_who_signs_when_its_decision_did_not(
    client, officer
):
    board = factories.BoardFactory()
    secretary = factories.staff(Role.BOARD_SECRETARY, board=board)
    chair = factories.MembershipFactory(organisation=board.administration, role=Role.OFFICER).user
    party = Party(organisation=board.administration, board=board, side=Party.Side.PUBLIC)
    assert policy.board_signing_authority(board.pk) is None
    BoardSigningAuthority.objects.create(
        board=board,
        person=chair,
        office="Nämndens ordförande",
        protocol_reference="KFN 2026-01-28 § 4",
        valid_from=TODAY - DAY,
    )

    assert partnership_policy.signing_offer(party) == (policy.ACT_AS_PERSON, chair)
    assert partnership_policy.signing_basis(chair, party) == "board_decision"
    assert policy.board_signing_authority(board.pk, day=TODAY - 2 * DAY) is None
    assert secretary != chair
    client.force_login(officer)
    page = client.get(
        reverse("organisations:organisation_detail", args=[board.administration_id])
    ).content.decode()
    assert "Tecknar för nämnden:" in page and "beslut KFN 2026-01-28 § 4" in page
    assert str(chair) in page and "Nämndens ordförande" in page
