"""No dead ends for an association: back after sending shows the application, the supplement
task links to the parts to change, its tasks open from the start page, its drafts are listed
there, and the funding finder's city programmes lead to starting an application."""

import datetime as dt

import pytest
from django.urls import reverse

from tests import factories
from tests.driver import do_one, open_tasks
from workflows.models.base import task_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def asked(client, organisation):
    """A submitted application the officer asked a supplement for: its process and member."""
    process = factories.funding_process(organisation)
    due = (dt.date.today() + dt.timedelta(days=14)).isoformat()
    supplement = {"result": "supplement", "message": "Bifoga budgeten.", "due_on": due}
    do_one(client, factories.staff(), process, "check_complete", supplement)
    return process, factories.member(organisation)


def test_back_after_sending_shows_the_application(client, organisation):
    factories.eligible(organisation)
    application = factories.funding_draft(organisation)
    client.force_login(application.created_by)
    detail = reverse("funding:application_detail", args=[application.pk])
    assert (
        client.post(reverse("funding:application_submit", args=[application.pk]))["Location"]
        == detail
    )
    for name in ("check", "project", "money", "attachments"):
        url = reverse(f"funding:application_{name}", args=[application.pk])
        for response in (client.get(url), client.post(url, {"title": "Ändrad"})):
            assert response.status_code == 302 and response["Location"] == detail, url
    application.refresh_from_db()
    assert application.title != "Ändrad"
    assert application.case.case_number in client.get(detail).content.decode()


def test_an_outsider_still_gets_404_for_a_sent_applications_pages(client, organisation, outsider):
    process = factories.funding_process(organisation)
    client.force_login(outsider)
    url = reverse("funding:application_check", args=[process.artifact_object_id])
    assert client.get(url).status_code == 404


def test_the_associations_task_opens_from_its_start_page_taken_on_the_way(client, asked, outsider):
    process, member = asked
    (task,) = open_tasks(process, "answer_supplement")
    opening = reverse("workflows:task_open", args=[task.pk])
    client.force_login(outsider)
    assert opening not in client.get(reverse("home")).content.decode()
    assert client.get(opening).status_code == 404

    client.force_login(member)
    assert opening in client.get(reverse("home")).content.decode()
    response = client.get(opening)
    assert response.status_code == 302 and response["Location"] == task_url(task, "execute")
    task.refresh_from_db()
    assert task.owner == member
    assert client.get(opening)["Location"] == task_url(task, "execute")  # opened again
    assert opening in client.get(reverse("home")).content.decode()  # now in "My tasks"

    page = client.get(task_url(task, "execute")).content.decode()
    application = process.application
    for name in ("project", "money", "attachments"):
        assert reverse(f"funding:application_{name}", args=[application.pk]) in page, name
    assert "Bifoga budgeten." in page


def test_officers_queue_still_offers_the_take_page(client, organisation):
    process = factories.funding_process(organisation)
    (task,) = open_tasks(process, "check_complete")
    client.force_login(factories.staff())
    home = client.get(reverse("home")).content.decode()
    assert task_url(task, "assign") in home


def test_drafts_appear_on_the_start_page(client, organisation, other_organisation):
    draft = factories.funding_draft(organisation, title="Läxhjälp på lördagar")
    client.force_login(factories.member(organisation))
    home = client.get(reverse("home")).content.decode()
    assert "Utkast som inte skickats än" in home and "Läxhjälp på lördagar" in home
    assert reverse("funding:application_detail", args=[draft.pk]) in home
    client.force_login(factories.member(other_organisation))
    assert "Läxhjälp på lördagar" not in client.get(reverse("home")).content.decode()


def test_a_city_programme_in_the_finder_links_to_starting_an_application(client, member):
    programme = factories.FundingProgrammeFactory(name="Sommarlovsbidraget")
    factories.FundingSourceFactory(
        name="Sommarlovsbidraget", keywords="fotboll", programme=programme, provider_kind="city"
    )
    client.force_login(member)
    finder = client.get(
        reverse("funding:sources"),
        {"purpose": "Fotboll för unga", "amount": "20000", "organisation_kind": "association"},
    ).content.decode()
    start = f"{reverse('funding:application_create')}?programme={programme.pk}"
    assert start in finder
    page = client.get(start)
    html = page.content.decode()
    assert page.status_code == 200 and "Sommarlovsbidraget" in html
    assert f'name="programme" value="{programme.pk}"' in html
    assert client.get(reverse("funding:application_create"))["Location"] == reverse(
        "funding:overview"
    )
