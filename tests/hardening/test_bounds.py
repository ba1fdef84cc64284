"""Bounded work per request: every free text has a limit, enforced for new input by the form,
by the service that saves it and by the API (which takes none); files and formset rows are
counted. What was stored before a limit existed is never cut (``common/limits.py``)."""

import importlib
import inspect
import pkgutil
import tomllib
from pathlib import Path

import pytest
from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.db.migrations import SeparateDatabaseAndState
from django.urls import reverse
from django.utils.datastructures import MultiValueDict

from casework import services as case_services
from common import limits
from documents import rendering, samples
from funding import services
from funding.forms import ProjectForm
from funding.forms.handling import AssessmentForm, ReportBackForm
from funding.models import Attachment, FundingApplication
from partnerships.forms import ScreeningForm
from tests import factories

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]

# Every package of ours, as the import layers name them (pyproject.toml), the demo left out.
OUR_PACKAGES = tuple(
    package
    for package in tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"][
        "root_packages"
    ]
    if package != "demo"
)
LIMITS = {limits.NAME, limits.SHORT_TEXT, limits.TEXT, limits.ANSWER}

# Text columns nobody types into: written by the system, from input bounded where it was typed.
UNBOUNDED_TEXT_COLUMNS = {
    # Why a delivery to the registry failed: written by the delivery, cut to 2,000 characters.
    "registry.OutboxEvent.last_error",
    # The reason of an audit event is the reason given in a bounded form, or a system message.
    "casework.AuditEvent.reason",
    # A notification's message is written by the services from titles and fixed sentences.
    "notifications.Notification.body",
    # Why a render failed: written by the render, cut to 2,000 characters.
    "documents.Document.failure",
}


def _our_modules():
    for package_name in OUR_PACKAGES:
        package = importlib.import_module(package_name)
        yield package
        for info in pkgutil.walk_packages(package.__path__, prefix=f"{package_name}."):
            if not any(part in info.name for part in (".migrations", ".management", "settings")):
                yield importlib.import_module(info.name)


def _our_forms():
    seen = set()
    for module in _our_modules():
        for form in vars(module).values():
            if (
                inspect.isclass(form)
                and issubclass(form, forms.BaseForm)
                and form.__module__.split(".")[0] in OUR_PACKAGES
                and form not in seen
            ):
                seen.add(form)
                yield form


def test_every_text_a_person_types_into_a_form_has_a_limit():
    unbounded = [
        f"{form.__module__}.{form.__name__}.{name}"
        for form in _our_forms()
        for name, field in form.base_fields.items()
        if isinstance(field, forms.CharField) and field.max_length is None
    ]
    assert unbounded == []


def test_every_free_text_of_a_model_has_a_limit_of_common_limits():
    unbounded = []
    for model in apps.get_models():
        if model.__module__.split(".")[0] not in OUR_PACKAGES:
            continue
        for field in model._meta.concrete_fields:
            name = f"{model._meta.app_label}.{model.__name__}.{field.name}"
            if isinstance(field, models.TextField) and name not in UNBOUNDED_TEXT_COLUMNS:
                if not isinstance(field, limits.BoundedTextField):
                    unbounded.append(name)
                else:
                    assert field.max_length in LIMITS, name
    assert unbounded == []


def test_fields_built_when_the_form_is_made_have_limits_too(programme):
    programme.criteria.create(name="Relevans", weight=2)
    screening = ScreeningForm()
    assessment = AssessmentForm(criteria=programme.criteria.all())
    texts = [
        field
        for form in (screening, assessment)
        for field in form.fields.values()
        if isinstance(field, forms.CharField)
    ]
    assert texts and all(field.max_length for field in texts)


# The form -------------------------------------------------------------------------------------


def test_the_form_refuses_a_text_over_its_limit_and_keeps_what_was_typed(client, draft):
    client.force_login(draft.created_by)
    too_long = "Fotboll i juli. " * (limits.ANSWER // 16 + 1)
    response = client.post(
        reverse("funding:application_project", args=[draft.pk]),
        {
            "title": "Sommarfotboll",
            "purpose": too_long,
            "activity_start": "2030-07-01",
            "activity_end": "2030-07-31",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "högst 10000 tecken" in page
    assert too_long.strip() in page  # nothing lost: the text is in the form again
    draft.refresh_from_db()
    assert draft.purpose != too_long.strip()


def test_the_form_field_tells_the_browser_the_limit(draft):
    html = str(ProjectForm(instance=draft)["purpose"])
    assert f'maxlength="{limits.ANSWER}"' in html


@pytest.mark.parametrize(
    ("purpose", "valid"),
    [
        ("x" * limits.ANSWER, True),
        ("x" * (limits.ANSWER + 1), False),
        # A line end typed in the browser arrives as two characters and counts as one.
        (("x" * 39 + "\r\n") * 249 + "x" * 39, True),
        ("x\n" * limits.lines_allowed(limits.ANSWER) + "x", False),
    ],
    ids=["at-the-limit", "one-over", "crlf-counts-once", "too-many-lines"],
)
def test_the_form_counts_characters_and_lines(draft, purpose, valid):
    data = {"title": "Sommarfotboll", "purpose": purpose}
    form = ProjectForm(data, instance=draft)
    assert form.is_valid() is valid, form.errors
    if not valid:
        assert "purpose" in form.errors


def test_a_plain_form_field_is_bounded_alike():
    form = ReportBackForm(data={"description": "x" * (limits.ANSWER + 1), "amount_used": "10"})
    assert not form.is_valid()
    assert "description" in form.errors


# The service ----------------------------------------------------------------------------------


def test_the_service_refuses_a_new_text_over_its_limit(draft):
    with pytest.raises(ValidationError) as refused:
        services.application_update(
            application=draft, acting_user=draft.created_by, purpose="x" * (limits.ANSWER + 1)
        )
    assert "purpose" in refused.value.message_dict
    draft.refresh_from_db()
    assert len(draft.purpose) < limits.ANSWER


def test_the_service_refuses_too_many_lines(draft):
    with pytest.raises(ValidationError):
        services.application_update(
            application=draft,
            acting_user=draft.created_by,
            purpose="a\n" * limits.lines_allowed(limits.ANSWER),
        )


def test_every_service_that_saves_a_bounded_text_refuses_it(organisation, member):
    case = factories.CaseFactory(organisation=organisation)
    with pytest.raises(ValidationError) as refused:
        case_services.comment_add(case=case, acting_user=member, body="x" * (limits.TEXT + 1))
    assert "body" in refused.value.message_dict
    assert not case.comments.exists()


def test_a_longer_text_stored_before_the_limit_is_kept_whole_and_saved_back(draft):
    public_record = "Ett långt svar från förr. " * 4_000  # 104,000 characters
    FundingApplication.objects.filter(pk=draft.pk).update(purpose=public_record)
    draft.refresh_from_db()
    application = services.application_update(
        application=draft,
        acting_user=draft.created_by,
        title="Nytt namn",
        purpose=draft.purpose,
    )
    application.refresh_from_db()
    assert application.title == "Nytt namn"
    assert application.purpose == public_record


def test_a_changed_text_over_the_limit_is_new_input(draft):
    FundingApplication.objects.filter(pk=draft.pk).update(purpose="x" * 20_000)
    draft.refresh_from_db()
    with pytest.raises(ValidationError):
        services.application_update(
            application=draft, acting_user=draft.created_by, purpose="y" * 20_000
        )


def test_the_service_refuses_more_rows_of_other_funding_than_the_form_offers(draft):
    rows = [
        {"funder": f"Fond {n}", "amount": 100, "state": "applied"}
        for n in range(limits.OTHER_FUNDING_ROWS + 1)
    ]
    with pytest.raises(ValidationError):
        services.other_funding_set(application=draft, acting_user=draft.created_by, rows=rows)
    assert not draft.other_funding.exists()


# The API --------------------------------------------------------------------------------------


@pytest.mark.parametrize("resource", ["cases", "agreements", "decisions", "payouts", "documents"])
def test_the_api_takes_no_text_at_all(client, officer, resource):
    case = factories.CaseFactory(title="Oförändrad")
    client.force_login(officer)
    body = {"title": "x" * (limits.ANSWER + 1), "purpose": "x" * (limits.ANSWER + 1)}
    listed = client.post(f"/api/{resource}/", body, content_type="application/json")
    assert listed.status_code in (403, 405)
    for method in (client.put, client.patch):
        answer = method(f"/api/cases/{case.case_number}/", body, content_type="application/json")
        assert answer.status_code in (403, 405)
    case.refresh_from_db()
    assert case.title == "Oförändrad"


# Files ----------------------------------------------------------------------------------------


def _kept_file(application, size=1_000, n=0):
    return Attachment.objects.create(
        application=application,
        kind="other",
        file=f"funding/{application.pk}/{n:064d}.pdf",
        original_name=f"bilaga-{n}.pdf",
        content_type="application/pdf",
        size=size,
        sha256=f"{n:064d}",
        uploaded_by=application.created_by,
    )


def _pdf(name="budget.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, rendering.render_pdf("decision_letter", samples.decision()))


def test_an_application_takes_at_most_its_number_of_files(client, draft, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**settings.STORAGES["default"], "OPTIONS": {"location": tmp_path}},
    }
    for n in range(limits.FILES_PER_APPLICATION):
        _kept_file(draft, n=n)
    client.force_login(draft.created_by)
    response = client.post(
        reverse("funding:application_attachments", args=[draft.pk]),
        {"kind": "budget", "file": _pdf(), "form_token": "t-files"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Högst 20 filer" in page
    assert draft.attachments.count() == limits.FILES_PER_APPLICATION
    assert not any(tmp_path.rglob("*.pdf"))


def test_an_application_takes_at_most_its_total_size(draft, monkeypatch):
    _kept_file(draft, size=limits.BYTES_PER_APPLICATION - 10)
    with pytest.raises(ValidationError) as refused:
        services.attachment_add(
            application=draft, acting_user=draft.created_by, kind="budget", upload=_pdf()
        )
    assert "50" in refused.value.messages[0] and "MB" in refused.value.messages[0]
    assert draft.attachments.count() == 1


def test_a_report_back_takes_at_most_its_number_of_files(draft):
    uploads = [
        SimpleUploadedFile(f"kvitto-{n}.pdf", b"%PDF-1.4\n")
        for n in range(limits.FILES_PER_REPORT_BACK + 1)
    ]
    form = ReportBackForm(
        data={"description": "Vi spelade fotboll.", "amount_used": "1000"},
        files=MultiValueDict({"attachments": uploads}),
    )
    assert not form.is_valid()
    assert "Högst 20 filer" in " ".join(form.errors["attachments"])
    with pytest.raises(ValidationError) as refused:
        services.report_back_submit(
            application=draft,
            acting_user=draft.created_by,
            description="Vi spelade fotboll.",
            amount_used=1000,
            attachments=uploads,
        )
    assert "attachments" in refused.value.message_dict
    assert not draft.report_backs.exists()


@pytest.fixture
def draft(organisation, programme):
    return factories.funding_draft(factories.eligible(organisation), programme)


def _limits_migrations():
    for app in ("casework", "followup", "funding", "partnerships"):
        package = importlib.import_module(f"{app}.migrations")
        for info in pkgutil.iter_modules(package.__path__):
            if info.name.endswith("_free_text_limits"):
                yield f"{app}.migrations.{info.name}"


@pytest.mark.parametrize("migration", list(_limits_migrations()))
def test_the_limits_migrations_touch_no_column(migration):
    """Only Django's state learns the limits: nothing is run against the database, so no table
    is rebuilt and no stored text can be cut."""
    [operation] = importlib.import_module(migration).Migration.operations
    assert isinstance(operation, SeparateDatabaseAndState)
    assert operation.database_operations == []
    assert operation.state_operations
