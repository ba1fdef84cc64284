import pytest
from django.urls import reverse

from documents import samples, services
from documents.contexts import to_data
from documents.models import Document
from organisations.models import Role
from tests import factories
from tests.documents.conftest import stored_document

pytestmark = pytest.mark.django_db

DOCUMENT_URLS = [
    "documents:document_detail",
    "documents:document_preview",
    "documents:document_download",
    "documents:document_render_again",
]


def _requested(case, officer, kind="iop_agreement", final=False):
    context = samples.for_kind(kind, case_number=case.case_number)
    return services.document_request(
        case=case, kind=kind, context=context, acting_user=officer, final=final
    )


def _urls(case, document):
    yield reverse("documents:case_documents", args=[case.case_number])
    for name in DOCUMENT_URLS:
        yield reverse(name, args=[document.pk])


@pytest.mark.parametrize("method", ["get", "post", "head"])
def test_a_member_of_another_organisation_gets_404_on_every_documents_url(
    client, case, outsider, method
):
    document = stored_document(case, status=Document.Status.DRAFT)
    client.force_login(outsider)
    for url in _urls(case, document):
        response = getattr(client, method)(url)
        assert response.status_code == 404, f"{method.upper()} {url}: {response.status_code}"


def test_an_anonymous_visitor_is_sent_to_log_in(client, case):
    document = stored_document(case)
    for url in _urls(case, document):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_a_member_lists_the_cases_documents_and_versions(client, case, member, officer):
    stored_document(case, kind=Document.Kind.IOP_AGREEMENT, status=Document.Status.FINAL)
    stored_document(case, kind=Document.Kind.IOP_AGREEMENT, status=Document.Status.DRAFT)
    stored_document(case, kind=Document.Kind.DECISION_LETTER, status=Document.Status.FINAL)
    client.force_login(member)
    response = client.get(reverse("documents:case_documents", args=[case.case_number]))
    html = response.content.decode()
    assert response.status_code == 200
    assert response["X-Documents-Pending"] == "0"
    assert "IOP-avtal" in html or "IOP agreement" in html
    assert html.count("Version 1") == 2 and "Version 2" in html
    assert 'scope="col"' in html
    assert "refresh.js" not in html


def test_a_member_sees_memo_and_decision_drafts_only_when_final(client, case, member, officer):
    memo_draft = stored_document(case, kind=Document.Kind.BOARD_MEMO, status="draft")
    decision_final = stored_document(case, kind=Document.Kind.DECISION_LETTER, status="final")
    client.force_login(member)
    assert client.get(memo_draft.get_absolute_url()).status_code == 404
    assert client.get(decision_final.get_absolute_url()).status_code == 200
    client.force_login(officer)
    assert client.get(memo_draft.get_absolute_url()).status_code == 200


def test_the_pdf_is_downloaded_as_an_attachment_that_is_not_sniffed(client, case, member):
    document = stored_document(case)
    client.force_login(member)
    response = client.get(reverse("documents:document_download", args=[document.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert document.download_name in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_a_page_waiting_for_a_document_says_so_and_refreshes_itself(client, case, member, officer):
    document = _requested(case, officer)  # no on_commit run: still being produced
    client.force_login(member)
    for url in (
        reverse("documents:case_documents", args=[case.case_number]),
        document.get_absolute_url(),
    ):
        response = client.get(url)
        html = response.content.decode()
        assert response["X-Documents-Pending"] == "1"
        assert 'role="status"' in html
        assert "documents/js/refresh.js" in html
        assert '<meta http-equiv="refresh" content="10">' in html  # inside <noscript>
        assert "<script>" not in html  # no inline script: the CSP forbids it
    response = client.get(reverse("documents:document_download", args=[document.pk]))
    assert response.status_code == 404
    assert client.head(document.get_absolute_url())["X-Documents-Pending"] == "1"


def test_the_page_stops_waiting_once_the_document_is_ready(
    client, case, member, officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        document = _requested(case, officer)
    client.force_login(member)
    response = client.head(document.get_absolute_url())
    assert response["X-Documents-Pending"] == "0"
    html = client.get(document.get_absolute_url()).content.decode()
    assert "refresh.js" not in html
    assert Document.objects.get(pk=document.pk).sha256 in html


def test_a_draft_is_previewed_as_a_page_from_the_same_template(client, case, member, officer):
    document = _requested(case, officer)
    client.force_login(member)
    response = client.get(reverse("documents:document_preview", args=[document.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Avtal om idéburet offentligt partnerskap" in html
    assert "Föreningen Gemenskap och Glädje 1" in html
    assert 'lang="sv"' in html
    assert html.count("<h1") == 1
    assert "@page" not in html  # the print rules stay in the PDF


def test_a_final_version_has_no_preview(client, case, member):
    document = stored_document(case, status=Document.Status.FINAL)
    client.force_login(member)
    assert client.get(reverse("documents:document_preview", args=[document.pk])).status_code == 404


def test_an_officer_has_a_draft_produced_again_and_a_member_may_not(
    client, case, member, officer, django_capture_on_commit_callbacks
):
    document = stored_document(case, status=Document.Status.DRAFT)
    document.context = to_data(samples.for_kind("iop_agreement", case_number=case.case_number))
    document.save()
    url = reverse("documents:document_render_again", args=[document.pk])
    client.force_login(member)
    assert client.post(url).status_code == 403
    assert client.get(url).status_code == 405
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.pages > 1  # really produced from the agreement, not the stand-in file


def test_asking_to_produce_a_final_version_again_is_refused_with_a_message(client, case, officer):
    document = stored_document(case, status=Document.Status.FINAL)
    client.force_login(officer)
    response = client.post(
        reverse("documents:document_render_again", args=[document.pk]), follow=True
    )
    assert response.status_code == 200
    assert Document.objects.get(pk=document.pk).sha256 == document.sha256
    messages = [str(m) for m in response.context["messages"]]
    assert len(messages) == 1


def test_a_board_secretary_sees_the_documents_of_their_boards_cases(client, organisation):
    board = factories.BoardFactory()
    case = factories.CaseFactory(organisation=organisation, boards=[board])
    memo = stored_document(case, kind=Document.Kind.BOARD_MEMO, status="draft")
    secretary = factories.staff(role=Role.BOARD_SECRETARY, board=board)
    client.force_login(secretary)
    assert client.get(memo.get_absolute_url()).status_code == 200
    other = factories.staff(role=Role.BOARD_SECRETARY, board=factories.BoardFactory())
    client.force_login(other)
    assert client.get(memo.get_absolute_url()).status_code == 404


def test_the_case_page_links_to_its_documents(client, case, member):
    client.force_login(member)
    html = client.get(case.get_absolute_url()).content.decode()
    assert reverse("documents:case_documents", args=[case.case_number]) in html
