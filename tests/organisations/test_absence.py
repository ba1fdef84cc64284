import datetime as dt

import pytest
from django.urls import reverse

from organisations import policy
from organisations.models import Absence
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_person_marks_an_absence_and_is_away_during_it(client, officer):
    client.force_login(officer)
    response = client.post(
        reverse("organisations:absences"),
        {"starts_on": "2026-12-21", "ends_on": "2027-01-06", "note": "Julledighet"},
    )
    assert response.status_code == 302
    assert officer.pk in policy.absent_user_ids(dt.date(2026, 12, 24))
    assert officer.pk not in policy.absent_user_ids(dt.date(2027, 1, 7))


def test_an_absence_ending_before_it_starts_is_refused_and_not_saved(client, officer):
    client.force_login(officer)
    response = client.post(
        reverse("organisations:absences"), {"starts_on": "2027-01-06", "ends_on": "2026-12-21"}
    )
    assert response.status_code == 200
    assert "Den sista dagen kan inte komma före den första" in response.content.decode()
    assert not Absence.objects.exists()


def test_nobody_removes_another_persons_absence(client, officer):
    colleague = factories.staff()
    absence = Absence.objects.create(user=colleague, starts_on="2026-12-01", ends_on="2026-12-02")
    client.force_login(officer)
    assert (
        client.post(reverse("organisations:absence_delete", args=[absence.pk])).status_code == 404
    )
    assert Absence.objects.filter(pk=absence.pk).exists()


def test_only_officers_and_coordinators_see_the_absent_colleagues_page(client, member, officer):
    client.force_login(member)
    assert client.get(reverse("workflows:team")).status_code == 404
    client.force_login(officer)
    response = client.get(reverse("workflows:team"))
    assert response.status_code == 200
