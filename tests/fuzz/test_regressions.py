"""What the fuzzing found, each as the failing example: refused with a message, not a 500."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from casework.forms import ModelMultipleChoiceField
from organisations.models import Board, EligibilityEvidence
from tests import factories
from tests.api.access import payout, submitted_application
from tests.openness.test_exports import column, csv_rows

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("pk", ["9223372036854775808", "-9223372036854775809", "1" * 40])
def test_an_id_no_database_can_hold_is_an_invalid_choice(pk):
    board = factories.BoardFactory()
    field = ModelMultipleChoiceField(queryset=Board.objects.all())
    with pytest.raises(ValidationError) as refused:
        field.clean([str(board.pk), pk])
    assert pk in str(refused.value)


def test_ids_within_range_are_still_chosen():
    boards = [factories.BoardFactory(), factories.BoardFactory()]
    field = ModelMultipleChoiceField(queryset=Board.objects.all())
    assert set(field.clean([str(b.pk) for b in boards])) == set(boards)


@pytest.mark.parametrize("year", ["0", "²", "9" * 30, "-2026"])
def test_a_payout_download_for_a_year_no_date_can_have_lists_every_payout(
    client, officer, organisation, year
):
    """Found by fuzzing: ``?year=0`` (or "²", a digit to ``str.isdigit``) raised ValueError
    while the year filter was built (a server error); a year no date can have is ignored."""
    paid = payout(submitted_application(organisation))
    client.force_login(officer)
    response = client.get(reverse("exports:payouts_csv"), {"year": year})
    assert response.status_code == 200
    assert column(csv_rows(response)) == {paid.application.case.case_number}


@pytest.mark.parametrize("name", ["$$$", "¤%&"])
def test_evidence_under_a_name_the_file_store_cannot_use_is_refused_with_a_message(
    admin_client, admin_user, organisation, name
):
    """Found by fuzzing: the store cleans "$$$" to no name at all and raised
    SuspiciousFileOperation (a 400 Bad Request without a message)."""
    response = admin_client.post(
        reverse("admin:organisations_eligibilityevidence_add"),
        {
            "organisation": organisation.pk,
            "kind": "statutes",
            "given_on": "2026-03-01",
            "expires_on": "2027-03-01",
            "recorded_by": admin_user.pk,
            "file": SimpleUploadedFile(name, b"%PDF-1.4\nstadgar"),
        },
    )
    assert response.status_code == 200
    assert "file" in response.context["adminform"].form.errors
    assert not EligibilityEvidence.objects.exists()


@pytest.mark.parametrize(
    ("url_name", "data"),
    [
        (
            "admin:organisations_eligibilityevidence_add",
            {"organisation": "abc", "kind": "statutes", "given_on": "2026-03-01"},
        ),
        ("admin:organisations_membership_add", {"user": "x", "organisation": "1e3", "board": "-"}),
        ("admin:openness_publicationsetting_add", {"programme": "abc"}),
    ],
)
def test_an_admin_form_with_a_non_number_for_a_related_object_shows_its_message(
    admin_client, url_name, data
):
    """Found by fuzzing: Django's autocomplete widget looked the sent value up when it drew the
    refused form again, and "abc" for a number id raised ValueError (a server error)."""
    response = admin_client.post(reverse(url_name), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors
