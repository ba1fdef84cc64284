"""Fuzzing the case pages, absences, notification choices, the report's narrative, the public
registers, login, language switch and organisation records: never a server error, always a
clear message, nothing half-saved, hostile text shown escaped."""

from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from casework.models import AuditEvent, Comment
from followup.models import NarrativeSection
from notifications.models import EmailPreference
from organisations.models import Absence, Organisation, Role
from tests import factories
from tests.fuzz.checks import fuzz_settings, post_and_check
from tests.fuzz.strategies import BY_KIND, form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(organisation):
    return factories.CaseFactory(organisation=organisation)


def _case_rows(case):
    return lambda: (
        Comment.objects.filter(case=case).count(),
        AuditEvent.objects.filter(case_id=case.pk).count(),
    )


@fuzz_settings
@given(
    data=form_data(
        {"body": "Tack för ansökan.", "internal": "on"}, {"body": "text", "internal": "bool"}
    )
)
def test_a_hostile_comment_is_refused_or_stored_and_shown_escaped(client, officer, case, data):
    client.force_login(officer)
    url = reverse("casework:comment_create", args=[case.case_number])
    post_and_check(client, url, data, rows=_case_rows(case), name="casework.CommentForm")


@fuzz_settings
@given(
    action=st.sampled_from(["pause", "demand", "delay", "resume"]),
    data=form_data(
        {
            "reason": "Väntar på komplettering.",
            "demanded_on": "2026-11-01",
            "expected_on": "2027-01-15",
        },
        {"reason": "text", "demanded_on": "date", "expected_on": "date"},
    ),
)
def test_clock_actions_refuse_hostile_values_with_a_message(client, officer, case, action, data):
    client.force_login(officer)
    url = reverse("casework:clock_action", args=[case.case_number, action])
    post_and_check(
        client, url, data, rows=_case_rows(case), name=f"casework.clock_action[{action}]"
    )


@fuzz_settings
@given(
    data=form_data(
        {"starts_on": "2026-12-20", "ends_on": "2027-01-06", "note": "Jul"},
        {"starts_on": "date", "ends_on": "date", "note": "text"},
    )
)
def test_an_absence_with_hostile_dates_or_note_is_refused_or_saved_whole(client, officer, data):
    client.force_login(officer)
    post_and_check(
        client,
        reverse("organisations:absences"),
        data,
        rows=lambda: Absence.objects.count(),
        name="organisations.AbsenceForm",
    )


@fuzz_settings
@given(
    data=st.dictionaries(
        st.sampled_from(["task", "decision", "deadline", "comment", "x"]),
        BY_KIND["bool"],
        max_size=5,
    )
)
def test_notification_choices_take_any_checkbox_values(client, member, data):
    client.force_login(member)
    post_and_check(
        client,
        reverse("notifications:preferences"),
        data,
        noop_allowed=True,
        rows=lambda: list(EmailPreference.objects.values_list("kind", "by_email")),
        name="notifications.EmailPreferencesForm",
    )


def test_unticking_every_notification_box_is_saved(client, member):
    """Found by fuzzing: an empty POST (every box unticked) showed the form again, unsaved."""
    client.force_login(member)
    response = client.post(reverse("notifications:preferences"), {})
    assert response.status_code == 302
    assert not EmailPreference.objects.filter(user=member, by_email=True).exists()
    assert EmailPreference.objects.filter(user=member, by_email=False).exists()


def _narrative_writer():
    return factories.staff(Role.COORDINATOR)


NARRATIVE = (
    {"topic": "events", "heading": "Evenemang", "text": "Vi höll tio möten.", "position": "1"},
    {"topic": "choice", "heading": "text", "text": "text", "position": "integer"},
)


@fuzz_settings
@given(year=BY_KIND["integer"], data=form_data(*NARRATIVE))
def test_a_narrative_section_with_hostile_values_is_refused_or_saved_whole(client, year, data):
    client.force_login(_narrative_writer())
    url = f"{reverse('followup:narrative_sections')}?year={year}"
    post_and_check(
        client,
        url,
        data,
        name="followup.NarrativeSectionForm (new)",
        rows=lambda: (NarrativeSection.objects.count(), AuditEvent.objects.count()),
    )


@fuzz_settings
@given(data=form_data(*NARRATIVE))
def test_editing_a_narrative_section_with_hostile_values(client, data):
    writer = _narrative_writer()
    section = NarrativeSection.objects.create(
        year=2025, topic="events", heading="Evenemang", text="Text", updated_by=writer
    )
    client.force_login(writer)
    url = reverse("followup:narrative_section_edit", args=[section.pk])

    def rows():
        section.refresh_from_db()
        return (section.heading, section.text, section.topic, AuditEvent.objects.count())

    post_and_check(client, url, data, rows=rows, name="followup.NarrativeSectionForm (edit)")


FILTERS = {
    "openness:agreements": {
        "q": "text",
        "year": "integer",
        "challenge_area": "id",
        "page": "integer",
    },
    "openness:grants": {"q": "text", "year": "integer", "page": "integer"},
    "casework:case_list": {"q": "text", "kind": "choice", "open_only": "bool", "page": "integer"},
    "followup:dashboard": {"year": "integer"},
    "followup:mapping": {"year": "integer", "area": "id"},
    "funding:sources": {
        "purpose": "text",
        "challenge_area": "id",
        "amount": "amount",
        "organisation_kind": "choice",
        "starts_on": "date",
        "ends_on": "date",
    },
}


@fuzz_settings
@given(name=st.sampled_from(sorted(FILTERS)), seed=st.data())
def test_filters_and_searches_answer_any_query_string(client, officer, name, seed):
    query = seed.draw(form_data({}, FILTERS[name]))
    if not name.startswith("openness:"):
        client.force_login(officer)
    post_and_check(
        client, reverse(name), query, method="get", rows=lambda: 0, name=f"GET filter {name}"
    )


@fuzz_settings
@given(
    data=form_data(
        {"username": "user", "password": "secret-password-1"},
        {"username": "text", "password": "text"},
    )
)
def test_login_with_hostile_credentials_says_they_are_wrong(client, data):
    post_and_check(
        client,
        reverse("login"),
        data,
        rows=lambda: 0,
        noop_allowed=True,
        name="login (AuthenticationForm)",
    )


@fuzz_settings
@given(data=form_data({"language": "en", "next": "/"}, {"language": "choice", "next": "text"}))
def test_the_language_switch_takes_any_value(client, data):
    response = client.post(reverse("set_language"), data)
    assert response.status_code in (200, 302, 400)
    if response.status_code == 302:  # never away from the site: no other host, no javascript:
        location = urlsplit(response["Location"])
        assert location.scheme in ("", "http") and location.netloc in ("", "testserver")
    EXAMPLES_RUN["i18n set_language"] = EXAMPLES_RUN.get("i18n set_language", 0) + 1


from tests.fuzz.checks import RUNS as EXAMPLES_RUN  # noqa: E402

ORGANISATION = (
    {
        "name": "Föreningen Fuzz",
        "kind": "association",
        "org_number": "802000-0009",
        "is_active": "on",
        "city": "Malmö",
        "giro_kind": "bankgiro",
        "giro_number": "550-0012",
    },
    {
        "name": "text",
        "kind": "choice",
        "org_number": "org_number",
        "city": "text",
        "postal_code": "text",
        "street_address": "text",
        "email": "text",
        "giro_kind": "choice",
        "giro_number": "giro",
    },
)


@fuzz_settings
@given(data=form_data(*ORGANISATION))
def test_an_organisation_record_refuses_bad_organisation_and_giro_numbers(admin_client, data):
    add = reverse("admin:organisations_organisation_add")
    formset = admin_client.get(add).context["inline_admin_formsets"][0].formset
    management = {
        f"{formset.prefix}-{key}": value
        for key, value in {
            "TOTAL_FORMS": "0",
            "INITIAL_FORMS": "0",
            "MIN_NUM_FORMS": "0",
            "MAX_NUM_FORMS": "1000",
        }.items()
    }
    post_and_check(
        admin_client,
        add,
        {**data, **management},
        name="admin Organisation",
        rows=lambda: Organisation.objects.count(),
    )
