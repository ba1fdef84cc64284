"""Requests for public records: every record of the case is listed; records of a kind marked as
possibly secret wait for a person's review, which is recorded; the copy handed out holds what
was released and lists every record with its outcome and provision."""

import csv
import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from casework import services as case_services
from casework.models import AuditEvent
from openness import disclosure
from openness.models import DisclosureItem, DisclosureRequest, SecrecyMarking
from organisations.models import Role
from records.case_records import remove
from records.models import LegalHold
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(organisation, officer):
    case = factories.CaseFactory(organisation=organisation, title="Läxhjälp i Rosengård")
    factories.final_receipt(case)
    case_services.comment_add(case=case, acting_user=officer, body="Tack, vi återkommer.")
    case_services.comment_add(
        case=case, acting_user=officer, body="Familjens ekonomi är ansträngd.", internal=True
    )
    return case


def _register(case, officer) -> DisclosureRequest:
    return disclosure.disclosure_request_register(
        case=case,
        received_on=timezone.localdate(),
        description="Alla handlingar i ärendet",
        acting_user=officer,
    )


def _copy(request, officer) -> tuple[dict[str, bytes], list[list[str]]]:
    archive = zipfile.ZipFile(
        io.BytesIO(disclosure.disclosure_copy(request=request, acting_user=officer))
    )
    files = {name: archive.read(name) for name in archive.namelist()}
    listing = list(csv.reader(io.StringIO(files["forteckning.csv"].decode("utf-8-sig"))))
    return files, listing


def test_a_request_lists_every_record_and_marked_kinds_wait_for_review(case, officer):
    SecrecyMarking.objects.create(record_kind="working_note", provision="OSL 26 kap. 1 §")
    request = _register(case, officer)
    outcomes = {item.record_kind: item.outcome for item in request.items.all()}
    assert outcomes == {
        "document:submission_receipt": "released",
        "comment": "released",
        "working_note": "to_review",
    }
    assert AuditEvent.objects.filter(case=case, action="disclosure_requested").exists()


def test_the_copy_holds_the_released_records_and_lists_the_rest(case, officer):
    SecrecyMarking.objects.create(record_kind="working_note", provision="OSL 26 kap. 1 §")
    request = _register(case, officer)
    files, listing = _copy(request, officer)
    document = case.documents.get()
    with document.file.open("rb") as stored:
        assert files[f"handlingar/001-{document.download_name}"] == stored.read()
    comments = files["handlingar/kommentarer.txt"].decode()
    assert "Tack, vi återkommer." in comments
    assert "Familjens ekonomi" not in comments  # waits for its review
    assert listing[0] == ["Nr", "Handling", "Daterad", "Utfall", "Sekretessbestämmelse"]
    assert [row[3] for row in listing[1:]] == [
        "Lämnas ut",
        "Lämnas ut",
        "Väntar på sekretessprövning",
    ]


def test_withholding_needs_the_provision_and_reasons_and_is_recorded(case, officer):
    SecrecyMarking.objects.create(record_kind="working_note", provision="OSL 26 kap. 1 §")
    request = _register(case, officer)
    item = request.items.get(record_kind="working_note")
    with pytest.raises(ValidationError):
        disclosure.disclosure_item_review(
            item=item, outcome="withheld", provision="", note="", acting_user=officer
        )
    disclosure.disclosure_item_review(
        item=item,
        outcome="withheld",
        provision="OSL 26 kap. 1 §",
        note="Uppgifter om enskilds ekonomiska förhållanden.",
        acting_user=officer,
    )
    item.refresh_from_db()
    assert (item.outcome, item.reviewed_by) == ("withheld", officer) and item.reviewed_at
    assert AuditEvent.objects.filter(
        case=case, action="secrecy_reviewed", to_state="withheld"
    ).exists()
    files, listing = _copy(request, officer)
    assert listing[3][3:] == ["Sekretess (lämnas inte ut)", "OSL 26 kap. 1 §"]
    assert "Familjens ekonomi" not in files["handlingar/kommentarer.txt"].decode()


def test_a_record_released_after_review_is_in_the_copy(case, officer):
    SecrecyMarking.objects.create(record_kind="working_note", provision="OSL 26 kap. 1 §")
    request = _register(case, officer)
    item = request.items.get(record_kind="working_note")
    disclosure.disclosure_item_review(
        item=item, outcome="released", provision="", note="", acting_user=officer
    )
    files, _ = _copy(request, officer)
    assert "Familjens ekonomi" in files["handlingar/kommentarer.txt"].decode()


def test_a_member_of_the_organisation_may_not_register_requests(case):
    member = factories.member(case.organisation)
    with pytest.raises(PermissionDenied):
        _register(case, member)
    board_secretary = factories.staff(role=Role.BOARD_SECRETARY, board=factories.BoardFactory())
    with pytest.raises(PermissionDenied):
        _register(case, board_secretary)


def test_the_officer_registers_a_request_on_the_page_once_however_often_it_is_sent(
    client, case, officer
):
    client.force_login(officer)
    url = f"/public-records/cases/{case.case_number}/"
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Begäran om allmän handling" in page or "Begäranden om allmän handling" in page
    token = page.split('name="form_token" value="')[1].split('"')[0]
    data = {
        "received_on": timezone.localdate().isoformat(),
        "description": "Beslutet och ansökan",
        "form_token": token,
    }
    first = client.post(url, data)
    second = client.post(url, data)
    assert first.status_code == second.status_code == 302
    assert DisclosureRequest.objects.filter(case=case).count() == 1
    detail = client.get(first["Location"]).content.decode()
    assert "Beslutet och ansökan" in detail


def test_a_request_received_in_the_future_is_refused_and_the_text_kept(client, case, officer):
    client.force_login(officer)
    response = client.post(
        f"/public-records/cases/{case.case_number}/",
        {
            "received_on": (timezone.localdate() + timezone.timedelta(days=3)).isoformat(),
            "description": "Alla beslut",
        },
    )
    assert response.status_code == 400
    assert "Alla beslut" in response.content.decode()
    assert not DisclosureItem.objects.exists()


def _hold(case):
    return LegalHold.objects.get(case=case, reason="public_records_request")


def test_a_request_holds_the_case_records_until_all_of_it_is_released(case, officer):
    request = _register(case, officer)
    hold = _hold(case)
    assert hold.lifted_at is None and str(request.pk) in hold.reference
    assert hold.placed_by == officer
    _copy(request, officer)
    hold.refresh_from_db()
    assert hold.lifted_at is not None and hold.lifted_by == officer


def test_a_request_with_a_record_withheld_keeps_its_hold_for_the_appeal(case, officer):
    SecrecyMarking.objects.create(record_kind="working_note", provision="OSL 26 kap. 1 §")
    request = _register(case, officer)
    disclosure.disclosure_item_review(
        item=request.items.get(record_kind="working_note"),
        outcome="withheld",
        provision="OSL 26 kap. 1 §",
        note="Uppgifter om enskilds ekonomiska förhållanden.",
        acting_user=officer,
    )
    _copy(request, officer)
    assert _hold(case).lifted_at is None


def test_a_record_disposed_of_since_the_request_is_listed_as_disposed(case, officer):
    request = _register(case, officer)
    with transaction.atomic():
        remove(case.comments.get(visibility="shared"))
    files, listing = _copy(request, officer)
    assert [row[3] for row in listing[1:]] == [
        "Lämnas ut",
        "Gallrad enligt gallringsbeslut",
        "Lämnas ut",
    ]
    assert "Tack, vi återkommer." not in files["handlingar/kommentarer.txt"].decode()


def test_the_copy_reads_the_records_in_as_many_queries_however_many_there_are(case, officer):
    def queries_for_copy():
        request = _register(case, officer)
        with CaptureQueriesContext(connection) as captured:
            _copy(request, officer)
        return len(captured)

    few = queries_for_copy()
    for number in range(3):
        case_services.comment_add(case=case, acting_user=officer, body=f"Svar {number}")
    factories.final_receipt(case)
    assert queries_for_copy() == few
