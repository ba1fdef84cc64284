"""The association's portal pages: start, resume, attach, check and send."""

import pytest
from django.urls import reverse

from funding.models import Attachment, FundingApplication
from tests import factories

from .conftest import pdf

pytestmark = pytest.mark.django_db


def test_a_member_starts_a_draft_from_a_programme(client, member, programme, organisation):
    client.force_login(member)
    overview = client.get(reverse("funding:overview"))
    assert programme.name in overview.content.decode()
    response = client.post(
        reverse("funding:application_create"),
        {"programme": programme.pk, "organisation": organisation.pk, "title": "Läxhjälp"},
    )
    application = FundingApplication.objects.get()
    assert response["Location"] == reverse("funding:application_detail", args=[application.pk])
    assert application.status == "draft" and application.created_by == member


def test_a_colleague_resumes_the_draft(client, draft, organisation):
    client.force_login(factories.member(organisation))
    page = client.get(reverse("funding:application_detail", args=[draft.pk]))
    assert page.status_code == 200
    response = client.post(
        reverse("funding:application_project", args=[draft.pk]),
        {
            "title": "Sommarfotboll",
            "purpose": "Fotboll.",
            "activity_start": "2030-07-01",
            "activity_end": "2030-07-31",
        },
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Sommarfotboll"


def test_money_is_saved_with_an_untouched_empty_row_of_other_funding(client, draft, member):
    client.force_login(member)
    response = client.post(
        reverse("funding:application_money", args=[draft.pk]),
        {
            "amount_applied": "25000",
            "other-TOTAL_FORMS": "2",
            "other-INITIAL_FORMS": "0",
            "other-0-funder": "Arvsfonden",
            "other-0-amount": "5000",
            "other-0-state": "granted",
            "other-1-funder": "",
            "other-1-amount": "",
            "other-1-state": "applied",
        },
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.amount_applied == 25000
    assert draft.other_funding.get().funder == "Arvsfonden"


def test_officers_do_not_see_drafts(client, draft, officer):
    client.force_login(officer)
    assert client.get(reverse("funding:application_detail", args=[draft.pk])).status_code == 404


def test_a_form_error_is_summarised_at_the_top(client, draft, member):
    client.force_login(member)
    response = client.post(reverse("funding:application_project", args=[draft.pk]), {"title": ""})
    html = response.content.decode()
    assert response.status_code == 400
    assert 'class="sp-error-summary"' in html and 'href="#id_title"' in html


def test_a_bad_upload_is_refused_with_a_message_and_nothing_is_kept(client, draft, member):
    client.force_login(member)
    response = client.post(
        reverse("funding:application_attachments", args=[draft.pk]),
        {"kind": "budget", "file": pdf("budget.docx")},
    )
    assert response.status_code == 400
    assert "PDF, PNG, JPEG" in response.content.decode()
    assert not Attachment.objects.exists()


def test_an_attachment_is_downloaded_after_the_policy_check(client, draft, member, officer):
    client.force_login(member)
    client.post(
        reverse("funding:application_attachments", args=[draft.pk]),
        {"kind": "budget", "file": pdf("budget.pdf")},
    )
    attachment = Attachment.objects.get()
    url = reverse("funding:attachment_download", args=[draft.pk, attachment.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    client.force_login(officer)
    assert client.get(url).status_code == 404  # a draft is the organisation's own


def test_the_check_page_explains_what_keeps_the_application_from_being_sent(
    client, member, programme, organisation
):
    application = factories.funding_draft(organisation, programme, member)  # no evidence
    client.force_login(member)
    html = client.get(reverse("funding:application_check", args=[application.pk])).content
    assert b"sp-error-summary" in html


def test_the_source_finder_ranks_the_catalogue(client, member):
    factories.FundingSourceFactory(name="Ungdomsfonden", keywords="fotboll")
    client.force_login(member)
    response = client.get(
        reverse("funding:sources"),
        {"purpose": "Fotboll för unga", "amount": "20000", "organisation_kind": "association"},
    )
    assert "Ungdomsfonden" in response.content.decode()


def test_staff_see_an_organisations_funding_across_boards(client, officer, organisation):
    process = factories.funding_process(organisation)
    factories.funding_process(organisation, programme=factories.FundingProgrammeFactory())
    client.force_login(officer)
    html = client.get(reverse("funding:organisation_funding", args=[organisation.pk])).content
    assert html.count(b"FRN-") == 0 and process.application.case.case_number.encode() in html
    assert "60\u00a0000\u00a0kr".encode() in html  # two applications of 30 000


def test_a_member_does_not_see_the_organisation_funding_page(client, member, organisation):
    client.force_login(member)
    url = reverse("funding:organisation_funding", args=[organisation.pk])
    assert client.get(url).status_code == 404


def test_the_board_secretary_reports_delegated_decisions(client, programme):
    from decimal import Decimal

    from funding import services
    from funding.models import Decision
    from organisations.models import Role

    process = factories.funding_process(programme=programme)
    application, officer = process.application, factories.staff()
    services.application_mark_complete(application=application, acting_user=officer)
    criterion = programme.criteria.get()
    services.assessment_record(
        application=application,
        acting_user=officer,
        no_conflict_of_interest=True,
        proposed_outcome="approved",
        proposed_amount=Decimal("30000"),
        summary="Bra.",
        scores={criterion.pk: (4, "")},
    )
    services.decision_record(
        application=application,
        no_conflict_of_interest=True,
        acting_user=factories.delegate(application.programme),
        outcome="approved",
        amount_granted=Decimal("30000"),
        reasons="Bra.",
    )
    client.force_login(factories.staff(Role.BOARD_SECRETARY, board=programme.board))
    url = reverse("funding:delegated_decisions", args=[programme.board.code])
    assert f'href="{url}"' in client.get(reverse("funding:overview")).content.decode()
    assert application.case.case_number in client.get(url).content.decode()
    pdf_url = reverse("funding:delegated_decisions_pdf", args=[programme.board.code])
    response = client.get(pdf_url, {"pdf-meeting_date": "2030-01-15"})
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    text = _pdf_text(response.content)
    assert application.case.case_number in text and "2030-01-15" in text
    assert "Delegationsbeslut anmälda till" in text
    assert client.post(url, {"meeting_date": "2030-01-15"}).status_code == 302
    assert str(Decision.objects.get().reported_to_board_on) == "2030-01-15"
    client.force_login(factories.staff(Role.BOARD_SECRETARY, board=factories.BoardFactory()))
    assert client.get(url).status_code == 404
    assert client.get(pdf_url).status_code == 404


def _pdf_text(pdf: bytes) -> str:
    import io
    import re

    from pypdf import PdfReader

    pages = PdfReader(io.BytesIO(pdf)).pages
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in pages))


def test_a_coordinator_adds_and_changes_a_funding_source(client):
    from casework.models import AuditEvent, ChallengeArea
    from funding.models import FundingSource
    from organisations.models import Role

    area = ChallengeArea.objects.create(name="Barn och unga")
    client.force_login(factories.staff(Role.COORDINATOR))
    data = {
        "name": "Ungdomsfonden",
        "provider": "Stiftelsen Ungdom",
        "provider_kind": "foundation",
        "purpose": "Fritid för unga.",
        "keywords": "fotboll, läxhjälp",
        "eligible_kinds": ["association"],
        "challenge_areas": [area.pk],
        "max_amount": "50000",
        "is_active": "on",
    }
    response = client.post(reverse("funding:source_create"), data)
    assert response.status_code == 302
    source = FundingSource.objects.get()
    assert source.eligible_kinds == ["association"] and list(source.challenge_areas.all()) == [area]
    response = client.post(
        reverse("funding:source_edit", args=[source.pk]), {**data, "max_amount": "75000"}
    )
    source.refresh_from_db()
    assert source.max_amount == 75000
    assert AuditEvent.objects.filter(
        action="funding_source_changed", target_id=str(source.pk)
    ).get().data["fields"] == ["max_amount"]
    assert "Ungdomsfonden" in client.get(reverse("funding:source_list")).content.decode()


def test_a_funding_source_form_error_is_summarised(client):
    from organisations.models import Role

    client.force_login(factories.staff(Role.COORDINATOR))
    response = client.post(reverse("funding:source_create"), {"name": ""})
    assert response.status_code == 400
    assert 'href="#id_name"' in response.content.decode()


def test_only_coordinators_maintain_the_catalogue(client, member, officer):
    for person in (member, officer):
        client.force_login(person)
        assert client.get(reverse("funding:source_list")).status_code == 404
        assert client.post(reverse("funding:source_create"), {"name": "X"}).status_code == 404


def test_the_secretary_records_the_meeting_and_the_announcement_of_its_protocol(client, programme):
    from decimal import Decimal

    from funding import services
    from funding.models import BoardMeeting
    from organisations.models import Role

    process = factories.funding_process(programme=programme)
    application, officer = process.application, factories.staff()
    services.application_mark_complete(application=application, acting_user=officer)
    services.assessment_record(
        application=application,
        acting_user=officer,
        no_conflict_of_interest=True,
        proposed_outcome="approved",
        proposed_amount=Decimal("30000"),
        summary="Bra.",
        scores={programme.criteria.get().pk: (4, "")},
    )
    services.decision_record(
        application=application,
        acting_user=factories.delegate(programme),
        no_conflict_of_interest=True,
        outcome="approved",
        amount_granted=Decimal("30000"),
        reasons="Bra.",
    )
    client.force_login(factories.staff(Role.BOARD_SECRETARY, board=programme.board))
    url = reverse("funding:delegated_decisions", args=[programme.board.code])
    client.post(url, {"meeting_date": "2030-01-15", "protocol_paragraph": "§ 9"})
    meeting = BoardMeeting.objects.get(board=programme.board)
    assert (str(meeting.held_on), meeting.delegation_paragraph) == ("2030-01-15", "§ 9")

    # A day with no meeting is refused at its field, and what was typed stays.
    wrong = {"announce-meeting_date": "2030-01-16", "announce-announced_on": "2030-01-20"}
    response = client.post(url, wrong)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Nämnden har inget sammanträde den dagen." in page
    assert 'value="2030-01-20"' in page

    right = {"announce-meeting_date": "2030-01-15", "announce-announced_on": "2030-01-18"}
    assert client.post(url, right).status_code == 302
    meeting.refresh_from_db()
    assert str(meeting.protocol_announced_on) == "2030-01-18"
    page = client.get(url).content.decode()
    assert "Nämndens sammanträden" in page and "2030-02-08" in page  # the last day to appeal

    pdf_url = reverse("funding:delegated_decisions_pdf", args=[programme.board.code])
    text = _pdf_text(client.get(pdf_url, {"pdf-meeting_date": "2030-01-15"}).content)
    assert application.case.case_number in text
    assert "Sammanträde 2030-01-15, protokoll § 9" in text
    assert "tiden för att överklaga går ut den 2030-02-08" in text
