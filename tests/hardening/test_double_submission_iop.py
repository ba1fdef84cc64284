"""IOP forms (and the staff pages beside them) sent twice create what they create once.

A draft version, an assignment, a withdrawal or a termination, a section of the annual report
and an absence carry ``common.once``'s one-time token: a repeat goes where the first sending
went. A task's form needs none: the first sending completes the task and viewflow refuses the
second (we say so, 409).
"""

import re

import pytest
from django.urls import reverse

from casework.models import AuditEvent
from followup.models import NarrativeSection
from organisations.models import Absence
from partnerships.models import (
    AgreementVersion,
    FollowUpReport,
    IOPInquiry,
    Status,
    Termination,
)
from tests import factories
from tests.casework.test_clocks import at
from tests.driver import do_one, open_tasks
from tests.workflows import iop_steps as steps
from workflows.models.base import task_url
from workflows.tasks import fire_workflow_timers

pytestmark = pytest.mark.django_db


def _token(page: str, name: str = "form_token") -> str:
    return re.search(rf'name="{name}" value="([^"]+)"', page).group(1)


def _page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def _twice(client, url, data):
    return client.post(url, data), client.post(url, data)


@pytest.fixture
def people(organisation):
    return steps.one_board_cast(organisation)


@pytest.fixture
def process(organisation, people):
    return factories.iop_process(organisation, boards=[people["board"]], user=people["member"])


def _take(client, user, process, name) -> str:
    """Take the open task ``name`` as ``user``; the URL of its form."""
    (task,) = open_tasks(process, name)
    client.force_login(user)
    assert client.post(task_url(task, "assign")).status_code == 302
    return task_url(task, "execute")


def _at_co_creation(client, people, process) -> str:
    do_one(client, people["officer"], process, "screen", steps.screening())
    do_one(client, people["officer"], process, "investigate", steps.assessment())
    return _take(client, people["officer"], process, "co_create")


def _versions(process) -> int:
    return AgreementVersion.objects.filter(inquiry=process.inquiry).count()


# Co-creation: a changed draft saved is a new version; a repeat must not be one ----------


def test_a_draft_version_saved_twice_is_one_version(client, people, process):
    url = _at_co_creation(client, people, process)
    data = {
        **steps.draft(process, action="save"),
        "draft-form_token": _token(_page(client, url), "draft-form_token"),
    }

    first, again = _twice(client, url, data)

    assert first.status_code == again.status_code == 302
    assert again["Location"] == first["Location"]
    assert _versions(process) == 1
    assert AuditEvent.objects.filter(action="agreement_version_saved").count() == 1


def test_a_changed_draft_from_a_new_form_is_a_new_version_and_the_same_one_none(
    client, people, process
):
    url = _at_co_creation(client, people, process)
    governance = ("Styrgrupp.", "Styrgrupp.", "Styrgrupp varje månad.")
    for text in governance:
        token = _token(_page(client, url), "draft-form_token")
        data = {**steps.draft(process, action="save"), "draft-governance": text}
        client.post(url, {**data, "draft-form_token": token})
    assert _versions(process) == 2


def test_a_refused_draft_does_not_spend_the_token(client, people, process):
    url = _at_co_creation(client, people, process)
    data = {
        **steps.draft(process, action="send"),
        "draft-form_token": _token(_page(client, url), "draft-form_token"),
    }
    refused = client.post(url, {**data, "draft-period_end": "2025-12-31"})
    assert refused.status_code == 200 and _versions(process) == 0
    assert client.post(url, data).status_code == 302
    assert _versions(process) == 1


def test_a_draft_finished_twice_is_saved_once_and_the_task_done_once(client, people, process):
    url = _at_co_creation(client, people, process)
    data = {
        **steps.draft(process, action="finish"),
        "draft-form_token": _token(_page(client, url), "draft-form_token"),
    }

    first, again = _twice(client, url, data)

    assert first.status_code == 302 and again.status_code == 409
    assert _versions(process) == 1
    assert len(open_tasks(process, "write_memo")) == 1


def test_the_organisations_version_saved_twice_is_one_version(client, people, process):
    url = _at_co_creation(client, people, process)
    client.post(url, steps.draft(process, action="send"))
    url = _take(client, people["member"], process, "review_draft")
    data = {
        **steps.draft(process, action="save"),
        "draft-governance": "Styrgrupp med föreningens ordförande.",
        "draft-form_token": _token(_page(client, url), "draft-form_token"),
    }

    first, again = _twice(client, url, data)

    assert first.status_code == again.status_code == 302
    assert again["Location"] == first["Location"]
    assert _versions(process) == 2  # the officer's, and the organisation's one


# Registering, withdrawing ----------------------------------------------------------------------


def test_an_assignment_registered_twice_is_one_case(client, people, organisation):
    client.force_login(people["officer"])
    url = reverse("partnerships:register_assignment")
    data = {
        "title": "Helamalmö",
        "purpose": "Aktiviteter för unga.",
        "target_group": "Unga 7–18 år",
        "public_benefit_goal": "Fler unga i föreningslivet.",
        "boards": [people["board"].pk],
        "contributions": "Lokaler och ledare.",
        "assignment_reference": "KS 2026-02-04 § 31",
        "lead": organisation.pk,
        "form_token": _token(_page(client, url)),
    }

    first, again = _twice(client, url, data)

    inquiry = IOPInquiry.objects.get()
    assert first.status_code == again.status_code == 302
    assert (
        first["Location"]
        == again["Location"]
        == reverse("partnerships:inquiry", args=[inquiry.case.case_number])
    )


def test_a_proposal_sent_twice_shows_the_registered_case(client, people):
    client.force_login(people["member"])
    url = reverse("partnerships:propose")
    data = {
        "title": "Kraftsamling för unga",
        "purpose": "Aktiviteter för unga.",
        "target_group": "Unga 7–18 år",
        "public_benefit_goal": "Fler unga i föreningslivet.",
        "boards": [people["board"].pk],
        "contributions": "Lokaler och ledare.",
        "form_token": _token(_page(client, url)),
    }
    first, again = _twice(client, url, data)
    assert IOPInquiry.objects.count() == 1
    assert again["Location"] == first["Location"]


def test_a_withdrawal_sent_twice_shows_the_withdrawn_inquiry(client, people, process):
    client.force_login(people["member"])
    url = reverse("partnerships:end", args=[process.inquiry.case.case_number])
    data = {"reason": "Vi har inte kraft just nu.", "form_token": _token(_page(client, url))}

    first, again = _twice(client, url, data)

    assert first.status_code == again.status_code == 302  # not 404 for the repeat
    assert again["Location"] == first["Location"]
    process.inquiry.refresh_from_db()
    assert process.inquiry.status == Status.WITHDRAWN
    assert AuditEvent.objects.filter(action="process_cancelled").count() == 1


def test_an_ended_inquiry_is_still_404_to_a_new_sending(client, people, process):
    client.force_login(people["member"])
    url = reverse("partnerships:end", args=[process.inquiry.case.case_number])
    client.post(url, {"reason": "", "form_token": _token(_page(client, url))})
    assert client.post(url, {"reason": "", "form_token": "another"}).status_code == 404
    assert client.get(url).status_code == 404


# The active partnership ------------------------------------------------------------------------


@pytest.fixture
def active(client, people, process):
    with at("2026-01-10"):
        steps.to_signing(client, people["officer"], process, {people["board"]: people["secretary"]})
        steps.sign_all(
            client,
            process,
            lambda task: (
                people["member"]
                if task.owner_permission == "organisations.sign_for"
                else people["secretary"]
            ),
        )
    process.refresh_from_db()
    assert process.inquiry.status == Status.ACTIVE
    return process


def test_a_termination_sent_twice_terminates_once(client, people, active):
    url = reverse("partnerships:terminate", args=[active.inquiry.case.case_number])
    party = active.inquiry.parties.get(side="idea_based")
    with at("2027-01-05"):
        client.force_login(people["member"])
        data = {"party": party.pk, "reason": "Föreningen läggs ned."}
        data["decision_reference"] = "Styrelsens protokoll 2027-01-03 § 4"
        data["form_token"] = _token(_page(client, url))
        first, again = _twice(client, url, data)
    assert first.status_code == again.status_code == 302  # not 404 for the repeat
    assert again["Location"] == first["Location"]
    assert Termination.objects.filter(inquiry=active.inquiry).count() == 1


def test_a_follow_up_report_sent_twice_is_reported_once(client, people, active):
    with at("2026-12-20"):
        assert fire_workflow_timers() == 1
        task = steps.party_report_task(active)
        client.force_login(people["member"])
        assert client.post(task_url(task, "assign")).status_code == 302
        first, again = _twice(client, task_url(task, "execute"), steps.REPORT)
    assert first.status_code == 302 and again.status_code == 409
    (report,) = FollowUpReport.objects.filter(submitted_at__isnull=False)
    assert report.submitted_by == people["member"]
    assert AuditEvent.objects.filter(action="follow_up_reported").count() == 1
    # The city's report is still to come before the officer approves.
    assert len(open_tasks(active, "approve_follow_up")) == 0


# Staff pages: a delay notice, the annual report's sections, one's own absence -----------------


def test_a_delay_notice_sent_twice_tells_the_organisation_once(
    client, officer, member, organisation
):
    from notifications.models import Notification

    case = factories.CaseFactory(organisation=organisation)
    client.force_login(officer)
    page = _page(client, reverse("casework:case_detail", args=[case.case_number]))
    url = reverse("casework:clock_action", args=[case.case_number, "delay"])
    data = {
        "reason": "Många ansökningar.",
        "expected_on": "2099-01-31",
        "form_token": _token(page[page.index(f'action="{url}"') :]),
    }

    first, again = _twice(client, url, data)

    assert first.status_code == again.status_code == 302
    assert AuditEvent.objects.filter(action="delay_notice_sent").count() == 1
    assert Notification.objects.filter(recipient=member).count() == 1


def test_a_refused_delay_notice_can_be_corrected_and_sent_again_with_the_same_form(
    client, officer, member, organisation
):
    from notifications.models import Notification

    case = factories.CaseFactory(organisation=organisation)
    client.force_login(officer)
    page = _page(client, reverse("casework:case_detail", args=[case.case_number]))
    url = reverse("casework:clock_action", args=[case.case_number, "delay"])
    data = {
        "reason": "Många ansökningar.",
        "expected_on": "2000-01-31",  # in the past: the service refuses it
        "form_token": _token(page[page.index(f'action="{url}"') :]),
    }

    refused = client.post(url, data)
    corrected = client.post(url, {**data, "expected_on": "2099-01-31"})

    assert refused.status_code == corrected.status_code == 302
    assert AuditEvent.objects.filter(action="delay_notice_sent").count() == 1
    assert Notification.objects.filter(recipient=member).count() == 1


def test_a_report_section_sent_twice_is_written_once(client, officer):
    client.force_login(officer)
    url = reverse("followup:narrative_sections") + "?year=2026"
    data = {
        "topic": "education",
        "heading": "Lärandeluncher",
        "text": "Sex luncher.",
        "position": 1,
        "form_token": _token(_page(client, url)),
    }

    first, again = _twice(client, url, data)

    assert first.status_code == again.status_code == 302
    assert again["Location"] == first["Location"]
    assert NarrativeSection.objects.count() == 1


def test_a_second_section_of_the_same_heading_from_a_new_form_is_written(client, officer):
    client.force_login(officer)
    url = reverse("followup:narrative_sections") + "?year=2026"
    for _ in range(2):
        client.post(
            url,
            {
                "topic": "education",
                "heading": "Luncher",
                "text": "Text.",
                "position": 1,
                "form_token": _token(_page(client, url)),
            },
        )
    assert NarrativeSection.objects.count() == 2


def test_an_absence_sent_twice_is_saved_once(client, officer):
    client.force_login(officer)
    url = reverse("organisations:absences")
    data = {
        "starts_on": "2026-12-21",
        "ends_on": "2027-01-06",
        "note": "Julledighet",
        "form_token": _token(_page(client, url)),
    }

    first, again = _twice(client, url, data)

    assert first.status_code == again.status_code == 302
    assert Absence.objects.filter(user=officer).count() == 1


def test_a_refused_absence_does_not_spend_the_token(client, officer):
    client.force_login(officer)
    url = reverse("organisations:absences")
    token = _token(_page(client, url))
    data = {"starts_on": "2027-01-06", "ends_on": "2026-12-21", "form_token": token}
    assert client.post(url, data).status_code == 200
    client.post(url, {**data, "starts_on": "2026-12-21", "ends_on": "2027-01-06"})
    assert Absence.objects.filter(user=officer).count() == 1
