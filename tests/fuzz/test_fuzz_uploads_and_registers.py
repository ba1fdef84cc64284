"""Fuzzing the uploads (an application's attachments, a report-back's files, eligibility
evidence), the organisation record's edit form, and every query string a list answers: the
read API, the public register, the annual report and the staff downloads.

Files go up as a browser sends them (``checks.multipart``), so names with path parts and control
characters reach the server; after each example the file store holds nothing but files named
by their checksum in their application's folder, and nothing at all when the form was refused.
"""

import re
from pathlib import Path

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from casework.models import AuditEvent
from funding.models import Attachment, FundingApplication, ReportBack
from organisations.models import EligibilityEvidence, Organisation, Role
from tests import factories
from tests.fuzz.checks import fuzz_settings, multipart, post_and_check
from tests.fuzz.strategies import BY_KIND, MARKER, form_data, upload
from tests.fuzz.test_fuzz_funding import _paid, _process, _take

pytestmark = pytest.mark.django_db

# A stored attachment: its checksum and allowed suffix in its application's folder (the
# storage adds "_xxxxxxx" when a rolled-back example left the same file behind).
STORED = re.compile(r"funding/\d+/[0-9a-f]{64}(_[A-Za-z0-9]{7})?\.(pdf|png|jpe?g|docx|xlsx|odt)")


@pytest.fixture
def store(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**settings.STORAGES["default"], "OPTIONS": {"location": tmp_path}},
    }
    return tmp_path


def _stored(store) -> list[str]:
    return sorted(str(path.relative_to(store)) for path in store.rglob("*") if path.is_file())


@pytest.fixture
def people(organisation, programme):
    factories.eligible(organisation)
    return {
        "member": factories.member(organisation),
        "officer": factories.staff(Role.OFFICER),
        "delegate": factories.delegate(programme),
    }


def _files(field: str, max_size: int):
    return st.lists(upload, max_size=max_size).map(lambda files: {field: files})


# Uploads -----------------------------------------------------------------------------------


@pytest.fixture
def draft(people, organisation, programme):
    return factories.funding_draft(organisation, programme, people["member"])


@fuzz_settings
@given(fields=form_data({"kind": "budget"}, {"kind": "choice"}), files=_files("file", 2))
def test_an_attachment_with_a_hostile_name_or_content_is_stored_safely_or_refused(
    client, people, draft, store, fields, files
):
    client.force_login(people["member"])
    body, content_type = multipart(fields, files)
    post_and_check(
        client,
        reverse("funding:application_attachments", args=[draft.pk]),
        body,
        content_type=content_type,
        name="funding.AttachmentForm (upload)",
        rows=lambda: (Attachment.objects.count(), AuditEvent.objects.count(), _stored(store)),
    )
    assert all(STORED.fullmatch(name) for name in _stored(store)), _stored(store)


def test_a_report_back_with_hostile_files_is_sent_whole_or_refused(
    client, people, organisation, programme, store
):
    process = _process(client, people, organisation, programme)
    _paid(client, people, process)
    url = _take(client, people["member"], process, "report_back")
    application = process.application

    def rows():
        return (
            FundingApplication.objects.get(pk=application.pk).status,
            ReportBack.objects.count(),
            Attachment.objects.count(),
            AuditEvent.objects.count(),
            _stored(store),
        )

    @fuzz_settings
    @given(
        fields=form_data(
            {"description": "Fyra veckor fotboll.", "amount_used": "30000"},
            {"description": "text", "amount_used": "amount"},
        ),
        files=_files("attachments", 3),
    )
    def fuzz(fields, files):
        body, content_type = multipart(fields, files)
        post_and_check(
            client,
            url,
            body,
            content_type=content_type,
            rows=rows,
            name="funding flow: report_back (attachments)",
        )
        assert all(STORED.fullmatch(name) for name in _stored(store)), _stored(store)

    fuzz()


EVIDENCE = (
    {
        "organisation": "ORG",
        "kind": "annual_meeting_minutes",
        "given_on": "2026-03-01",
        "expires_on": "2027-03-01",
        "value": "Årsmöte 2026",
        "recorded_by": "ADMIN",
    },
    {
        "organisation": "id",
        "kind": "choice",
        "given_on": "date",
        "expires_on": "date",
        "value": "text",
    },
)


@fuzz_settings
@given(fields=form_data(*EVIDENCE), files=_files("file", 1))
def test_eligibility_evidence_with_a_hostile_file_or_values_is_recorded_whole_or_refused(
    admin_client, admin_user, organisation, store, fields, files
):
    placeholders = {"ORG": str(organisation.pk), "ADMIN": str(admin_user.pk)}
    fields = {k: placeholders.get(v, v) for k, v in fields.items()}
    body, content_type = multipart(fields, files)
    post_and_check(
        admin_client,
        reverse("admin:organisations_eligibilityevidence_add"),
        body,
        content_type=content_type,
        name="admin EligibilityEvidence (upload)",
        rows=lambda: (EligibilityEvidence.objects.count(), _stored(store)),
    )
    assert all(
        name.startswith("evidence/") and ".." not in Path(name).parts for name in _stored(store)
    )


@pytest.mark.parametrize("name", [".", "..", "../", "\x00", "\x1b\x7f"])
@pytest.mark.parametrize("size", [10, 5000])
def test_a_file_under_a_name_no_file_can_have_is_refused_and_nothing_stored(
    client, people, draft, store, name, size
):
    """Django skips a part it cleans to no name; with content longer than a part's headers may
    be it then refuses the whole request (400 Bad Request) before our view runs."""
    client.force_login(people["member"])
    body, content_type = multipart(
        {"kind": "budget"}, {"file": [(name, b"%PDF-1.4\n" + b"0" * size)]}
    )
    url = reverse("funding:application_attachments", args=[draft.pk])
    response = client.post(url, body, content_type=content_type)
    assert response.status_code == 400
    assert not Attachment.objects.exists() and _stored(store) == []


def test_a_file_name_longer_than_any_file_system_holds_is_refused_and_nothing_stored(
    client, people, draft, store
):
    client.force_login(people["member"])
    body, content_type = multipart(
        {"kind": "budget"}, {"file": [("a" * 5000 + ".pdf", b"%PDF-1.4\nbudget")]}
    )
    url = reverse("funding:application_attachments", args=[draft.pk])
    assert client.post(url, body, content_type=content_type).status_code == 400
    assert not Attachment.objects.exists() and _stored(store) == []


# The organisation record -------------------------------------------------------------------

ORGANISATION = (
    {
        "name": "Föreningen Fuzz",
        "kind": "association",
        "org_number": "802000-0009",
        "is_active": "on",
        "city": "Malmö",
        "giro_kind": "bankgiro",
        "giro_number": "550-0012",
        "evidence-0-kind": "member_count",
        "evidence-0-given_on": "2026-03-01",
        "evidence-0-expires_on": "2027-03-01",
        "evidence-0-value": "40",
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
        "is_active": "bool",
        "evidence-0-kind": "choice",
        "evidence-0-given_on": "date",
        "evidence-0-expires_on": "date",
        "evidence-0-value": "text",
        "evidence-TOTAL_FORMS": "integer",
    },
)


@fuzz_settings
@given(data=form_data(*ORGANISATION))
def test_editing_an_organisation_refuses_bad_numbers_and_changes_nothing_then(
    admin_client, organisation, data
):
    url = reverse("admin:organisations_organisation_change", args=[organisation.pk])
    formset = admin_client.get(url).context["inline_admin_formsets"][0].formset
    management = {
        f"{formset.prefix}-{key}": value
        for key, value in {
            "TOTAL_FORMS": "1",
            "INITIAL_FORMS": "0",
            "MIN_NUM_FORMS": "0",
            "MAX_NUM_FORMS": "1000",
        }.items()
    }
    data = {
        k.replace("evidence-", f"{formset.prefix}-"): v for k, v in {**management, **data}.items()
    }

    def rows():
        fresh = Organisation.objects.get(pk=organisation.pk)
        return (
            [getattr(fresh, f.attname) for f in Organisation._meta.concrete_fields],
            EligibilityEvidence.objects.count(),
        )

    post_and_check(admin_client, url, data, rows=rows, name="admin Organisation (edit)")


# Query strings -----------------------------------------------------------------------------


# A query string as anyone may type it: the list's own parameters with hostile values, the
# same parameter twice, and parameters no page knows.
def _query(kinds: dict):
    extra = st.dictionaries(
        st.sampled_from(
            ["ordering", "page_size", "limit", "offset", "format", "__all__", "q[]", MARKER]
        ),
        BY_KIND["text"],
        max_size=2,
    )
    repeated = st.dictionaries(
        st.sampled_from(sorted(kinds)),
        st.lists(BY_KIND["text"], min_size=2, max_size=3),
        max_size=1,
    )
    return st.builds(
        lambda base, more, twice: {**base, **more, **twice}, form_data({}, kinds), extra, repeated
    )


PAGE = {"page": "integer"}
CASES = {"q": "text", "kind": "choice", "open_only": "bool", **PAGE}
QUERIES = {
    "api:case-list": CASES,
    "api:agreement-list": PAGE,
    "api:decision-list": PAGE,
    "api:payout-list": PAGE,
    "api:document-list": PAGE,
    "openness:agreements": {"q": "text", "year": "integer", "challenge_area": "id", **PAGE},
    "openness:grants": {"q": "text", "year": "integer", **PAGE},
    "followup:annual_report": {"year": "integer"},
    "followup:annual_report_pdf": {"year": "integer"},
    "exports:cases_csv": CASES,
    "exports:cases_xlsx": CASES,
    "exports:applications_csv": PAGE,
    "exports:payouts_csv": {"year": "integer"},
    "exports:payouts_xlsx": {"year": "integer"},
}


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_lists_and_downloads_answer_any_query_string(client, officer, organisation, name):
    factories.CaseFactory(organisation=organisation)
    if not name.startswith("openness:"):
        client.force_login(officer)
    url = reverse(name)

    @fuzz_settings
    @given(query=_query(QUERIES[name]))
    def fuzz(query):
        response = post_and_check(
            client, url, query, method="get", rows=lambda: 0, name=f"GET {name}"
        )
        assert response.status_code in (200, 400, 404), response.status_code

    fuzz()
