import pytest
from django.core import mail
from django.urls import reverse

from casework import services as case_services
from notifications import services
from notifications.models import EmailPreference, Kind, Notification
from notifications.tasks import send_notification_email
from tests import factories

pytestmark = pytest.mark.django_db


def test_each_recipient_is_told_once_in_the_portal_and_by_email(
    member, officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.notify(
            recipients=[member, member, officer],
            kind=Kind.DECISION,
            title="Beslut i ärende SK-2026-00001",
            url="/cases/SK-2026-00001/",
        )
    assert Notification.objects.count() == 2
    assert sorted(message.to[0] for message in mail.outbox) == sorted([member.email, officer.email])
    assert "http://127.0.0.1:8000/cases/SK-2026-00001/" in mail.outbox[0].body


def test_an_email_is_sent_only_once_even_if_the_job_runs_twice(member):
    notification = services.notify(recipients=[member], kind=Kind.REMINDER, title="Påminnelse")[0]
    assert send_notification_email(notification.pk) is True
    assert send_notification_email(notification.pk) is False
    assert len(mail.outbox) == 1


def test_a_person_who_opted_out_gets_no_email_but_sees_it_in_the_portal(
    member, django_capture_on_commit_callbacks
):
    EmailPreference.objects.create(user=member, kind=Kind.REMINDER, by_email=False)
    with django_capture_on_commit_callbacks(execute=True):
        services.notify(recipients=[member], kind=Kind.REMINDER, title="Påminnelse")
    assert mail.outbox == []
    assert Notification.objects.filter(recipient=member).exists()


def test_the_header_counts_unread_and_the_list_marks_them_read(client, member):
    services.notify(recipients=[member], kind=Kind.COMMENT, title="Ny kommentar i SK-2026-00007")
    client.force_login(member)
    html = client.get(reverse("home")).content.decode()
    assert "1 ny" in html
    listing = client.get(reverse("notifications:list")).content.decode()
    assert "Ny kommentar i SK-2026-00007" in listing
    client.post(reverse("notifications:mark_all_read"))
    assert "1 ny" not in client.get(reverse("home")).content.decode()


def test_email_choices_are_saved_per_kind(client, member):
    client.force_login(member)
    response = client.post(reverse("notifications:preferences"), {"decision": "on"})
    assert response.status_code == 302
    choices = dict(EmailPreference.objects.filter(user=member).values_list("kind", "by_email"))
    assert choices["decision"] is True and choices["reminder"] is False


def test_a_shared_comment_from_staff_tells_the_organisation(
    organisation, member, officer, outsider, django_capture_on_commit_callbacks
):
    case = factories.CaseFactory(organisation=organisation)
    with django_capture_on_commit_callbacks(execute=True):
        case_services.comment_add(case=case, acting_user=officer, body="Välkomna på möte")
        case_services.comment_add(case=case, acting_user=officer, body="Internt", internal=True)
    assert list(Notification.objects.values_list("recipient", flat=True)) == [member.pk]


def test_a_members_comment_tells_the_staff_on_the_case(organisation, member, officer):
    case = factories.CaseFactory(organisation=organisation)
    case_services.comment_add(case=case, acting_user=officer, body="Fråga", internal=True)
    case_services.comment_add(case=case, acting_user=member, body="Svar")
    assert list(Notification.objects.values_list("recipient", flat=True)) == [officer.pk]
