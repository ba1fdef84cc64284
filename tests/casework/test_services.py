import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from casework import services
from casework.models import AuditEvent, Case, Comment
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_registered_case_gets_the_next_number_in_its_series_and_year():
    year = timezone.localdate().year
    first = factories.CaseFactory(series="SK")
    second = factories.CaseFactory(series="SK")
    other_series = factories.CaseFactory(series="FRN")
    assert first.case_number == f"SK-{year}-00001"
    assert second.case_number == f"SK-{year}-00002"
    assert other_series.case_number == f"FRN-{year}-00001"


def test_a_rolled_back_registration_leaves_no_gap(officer):
    factories.CaseFactory(series="SK")
    with pytest.raises(RuntimeError), transaction.atomic():
        services.case_register(
            kind=Case.Kind.IOP_INQUIRY, series="SK", title="Ångras", acting_user=officer
        )
        raise RuntimeError("the request failed after registering")
    case = services.case_register(
        kind=Case.Kind.IOP_INQUIRY, series="SK", title="Nästa", acting_user=officer
    )
    assert case.number == 2


def test_registration_writes_an_audit_event_with_who_and_what(officer):
    case = services.case_register(
        kind=Case.Kind.FUNDING_APPLICATION,
        series="FRN",
        title="Lovaktiviteter",
        acting_user=officer,
    )
    event = AuditEvent.objects.get(case=case)
    assert (event.actor, event.action, event.to_state) == (officer, "registered", "registered")
    assert event.data == {"case_number": case.case_number}


def test_audit_events_cannot_be_changed_or_deleted(officer):
    case = factories.CaseFactory()
    event = case.events.get()
    event.reason = "ändrad i efterhand"
    with pytest.raises(TypeError):
        event.save()
    with pytest.raises(TypeError):
        event.delete()
    with pytest.raises(TypeError):
        AuditEvent.objects.filter(case=case).update(reason="x")
    with pytest.raises(TypeError):
        AuditEvent.objects.filter(case=case).delete()


def test_closing_a_case_records_the_reason(officer):
    case = factories.CaseFactory()
    services.case_close(case=case, acting_user=officer, reason="Inte ett IOP")
    case.refresh_from_db()
    assert case.closed_at is not None
    event = case.events.get(action="closed")
    assert (event.from_state, event.to_state, event.reason) == ("open", "closed", "Inte ett IOP")


def test_a_member_can_comment_on_their_case_but_not_internally(organisation, member):
    case = factories.CaseFactory(organisation=organisation)
    comment = services.comment_add(case=case, acting_user=member, body="  Vi har svarat.  ")
    assert (comment.body, comment.visibility) == ("Vi har svarat.", Comment.Visibility.SHARED)
    with pytest.raises(PermissionDenied):
        services.comment_add(case=case, acting_user=member, body="Hemligt", internal=True)
    assert case.events.filter(action="comment_added").count() == 1


def test_an_officer_can_write_an_internal_comment(officer):
    case = factories.CaseFactory()
    comment = services.comment_add(case=case, acting_user=officer, body="Intern", internal=True)
    assert comment.visibility == Comment.Visibility.INTERNAL


def test_case_numbers_are_unique_in_the_database():
    case = factories.CaseFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.create(
            kind=case.kind,
            series=case.series,
            year=case.year,
            number=case.number + 100,
            case_number=case.case_number,
            title="x",
        )
