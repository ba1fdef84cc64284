"""Status changes in one place: a transition is checked, applied, saved and recorded together,
and a protected status field can be changed no other way."""

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation

from casework import transitions
from casework.models import AuditEvent
from funding.actions import FundingAction
from funding.models import FundingApplication, Status
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(db):
    return factories.funding_draft(factories.eligible(factories.OrganisationFactory()))


def _events(application):
    return AuditEvent.objects.filter(target_id=str(application.pk), action="application_saved")


def test_a_transition_is_saved_and_recorded_with_its_from_and_to(application):
    user = application.created_by

    with transaction.atomic():
        transitions.apply(
            application.submit,
            acting_user=user,
            action=FundingAction.APPLICATION_SAVED,
            reason="Prov.",
            data={"why": "test"},
        )

    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
    (event,) = _events(application).filter(from_state=Status.DRAFT)
    assert (event.to_state, event.actor, event.reason, event.data) == (
        Status.SUBMITTED,
        user,
        "Prov.",
        {"why": "test"},
    )


def test_the_change_and_its_event_roll_back_together(application):
    with pytest.raises(RuntimeError), transaction.atomic():
        transitions.apply(
            application.submit,
            acting_user=application.created_by,
            action=FundingAction.APPLICATION_SAVED,
        )
        raise RuntimeError("the step failed after the transition")

    assert FundingApplication.objects.get(pk=application.pk).status == Status.DRAFT
    assert not _events(application).filter(to_state=Status.SUBMITTED).exists()


def test_a_transition_the_status_no_longer_allows_is_refused_in_swedish(application):
    with translation.override("sv"), pytest.raises(ValidationError) as refused:
        transitions.apply(
            application.grant,
            acting_user=application.created_by,
            action=FundingAction.APPLICATION_SAVED,
        )

    assert refused.value.code == "transition_refused"
    assert refused.value.messages == [
        "Ärendet är inte längre i ett skede där detta går att göra (det har status ”Utkast”)."
    ]
    assert FundingApplication.objects.get(pk=application.pk).status == Status.DRAFT
    assert not _events(application).filter(to_state=Status.GRANTED).exists()


def test_the_status_is_set_by_transitions_only(application):
    with pytest.raises(AttributeError, match="Direct status modification is not allowed"):
        application.status = Status.GRANTED

    # Test set-up may move a case with a queryset update, which no service ever does.
    FundingApplication.objects.filter(pk=application.pk).update(status=Status.GRANTED)
    application.refresh_from_db()
    assert application.status == Status.GRANTED
    with pytest.raises(AttributeError):
        application.status = Status.DRAFT


def test_a_reload_takes_the_stored_status_and_a_failed_one_keeps_the_old(application):
    FundingApplication.objects.filter(pk=application.pk).update(status=Status.SUBMITTED)
    application.refresh_from_db(fields=["title"])
    assert application.status == Status.DRAFT
    application.refresh_from_db(fields=["status"])
    assert application.status == Status.SUBMITTED

    gone = FundingApplication.objects.get(pk=application.pk)
    gone.pk = -1
    with pytest.raises(FundingApplication.DoesNotExist):
        gone.refresh_from_db()

    assert gone.status == Status.SUBMITTED
    with pytest.raises(AttributeError):
        gone.status = Status.GRANTED
    assert FundingApplication._meta.get_field("status").protected


def test_a_deferred_status_is_loaded_when_read(application):
    deferred = FundingApplication.objects.only("pk", "title").get(pk=application.pk)

    assert deferred.status == Status.DRAFT
    with pytest.raises(AttributeError):
        deferred.status = Status.GRANTED


def test_full_clean_checks_the_status_without_setting_it(application):
    application.full_clean()
    FundingApplication.objects.filter(pk=application.pk).update(status="no_such_status")
    stale = FundingApplication.objects.get(pk=application.pk)

    with pytest.raises(ValidationError) as invalid:
        stale.full_clean()

    assert list(invalid.value.message_dict) == ["status"]
