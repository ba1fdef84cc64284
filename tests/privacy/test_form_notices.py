"""Every form that collects personal data shows the short privacy notice with a link to the
privacy page (GDPR art. 13).

A form is marked with ``common.privacy.CollectsPersonalData``. The first test finds our forms
whose fields look like personal data (e-mail, phone, name, address, personal identity number,
contact person, a file) and fails for one that is neither marked nor named below with the reason
it collects none; the others walk the page of every marked form, as the person who fills it in,
and fail for a marked form without a page here or a page without the notice."""

import re
from collections.abc import Callable
from datetime import timedelta

import pytest
from django import forms
from django.contrib.auth import get_user_model
from django.urls import get_resolver, reverse
from django.utils import timezone

from casework.forms import CommentForm
from cooperation.forms.dialogues import FileForm
from cooperation.forms.directory import DirectoryContactForm, DirectoryProfileForm
from cooperation.services import dialogues as dialogue_services
from funding.forms import (
    AttachmentForm,
    ProjectForm,
    ReportBackForm,
    StartApplicationForm,
    SubmitApplicationForm,
    SupplementAnswerForm,
)
from notifications.forms import EmailPreferencesForm
from organisations.forms import (
    AbsenceForm,
    EligibilityEvidenceForm,
    InvitationForm,
    RepresentationDecisionForm,
    RepresentationProposalForm,
    RepresentationRevocationForm,
)
from organisations.models import Role
from partnerships.forms import (
    AssignmentForm,
    DeclarationForm,
    FollowUpReportForm,
    ProposalForm,
    ReviewForm,
)
from tests import factories
from tests.casework.test_clocks import at
from tests.cooperation.test_dialogues import plan as plan_event
from tests.cooperation.test_directory import _profile as directory_profile
from tests.driver import do_one, open_tasks, take
from tests.workflows import iop_steps
from tests.workflows.funding_steps import walk_to_report_back
from workflows.models.base import task_url
from workflows.tasks import fire_workflow_timers

pytestmark = pytest.mark.django_db

OUR_PACKAGES = (
    "accessibility",
    "api",
    "casework",
    "common",
    "config",
    "cooperation",
    "documents",
    "earchive",
    "followup",
    "funding",
    "identity",
    "notifications",
    "openness",
    "organisations",
    "partnerships",
    "privacy",
    "records",
    "registry",
    "workflows",
)

# Field names that say a form asks for personal data.
PERSONAL = re.compile(
    r"(^|_)(e_?mail|phone|telephone|mobile|name|first_name|last_name|address|personnummer"
    r"|personal_identity_number|contact|contact_person|person)(_|$)"
)

# Forms whose fields look like personal data but collect none, with why.
COLLECT_NONE = {
    "api.forms.TokenForm": "a token's purpose, scope and lifetime, for the person's own account",
    "api.admin.ApiTokenAddForm": "a token's purpose, scope and lifetime, for an account chosen "
    "from those that exist (no person's data is entered)",
    "funding.forms.catalogue.FundingSourceForm": "the name of a funder (an organisation)",
    "cooperation.forms.areas.AreaForm": "the name and description of a challenge area",
    "records.forms.BuildListForm": "a disposal list's name and the records due chosen for it",
    "organisations.admin.SecondFactorForm": "an authenticator's settings for an account chosen "
    "from those that exist (no person's data is entered)",
}

NOTICE = "data-privacy-notice"
LINK = 'href="/privacy/"'


def _our_forms() -> set[type]:
    assert get_resolver().url_patterns  # every page, hence every form, is imported
    found, todo = set(), [forms.BaseForm]
    while todo:
        for cls in todo.pop().__subclasses__():
            todo.append(cls)
            if cls.__module__.startswith(OUR_PACKAGES):
                found.add(cls)
    return found


def _name(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def _looks_personal(cls: type) -> bool:
    fields = getattr(cls, "base_fields", {})
    return any(
        PERSONAL.search(name) or isinstance(field, forms.FileField)
        for name, field in fields.items()
    )


# The page of each marked form: a function that logs in as the person who fills it in and
# returns the URL. -----------------------------------------------------------------------------

PAGES: dict[type, Callable] = {}


def page(*form_classes):
    def register(open_page):
        for form_class in form_classes:
            PAGES[form_class] = open_page
        return open_page

    return register


@page(CommentForm)
def _case(client, organisation):
    client.force_login(factories.member(organisation))
    return factories.CaseFactory(organisation=organisation).get_absolute_url()


@page(StartApplicationForm)
def _start(client, organisation):
    factories.FundingProgrammeFactory()
    client.force_login(factories.member(organisation))
    return reverse("funding:overview")


def _draft(client, organisation):
    application = factories.funding_draft(factories.eligible(organisation))
    client.force_login(application.created_by)
    return application


@page(ProjectForm)
def _project(client, organisation):
    return reverse("funding:application_project", args=[_draft(client, organisation).pk])


@page(AttachmentForm)
def _attachments(client, organisation):
    return reverse("funding:application_attachments", args=[_draft(client, organisation).pk])


@page(SubmitApplicationForm)
def _check(client, organisation):
    return reverse("funding:application_check", args=[_draft(client, organisation).pk])


def _task_page(client, user, process, name):
    (task,) = open_tasks(process, name)
    take(client, user, task)
    return task_url(task, "execute")


@page(SupplementAnswerForm)
def _supplement(client, organisation):
    process = factories.funding_process(organisation)
    due_on = (timezone.localdate() + timedelta(days=14)).isoformat()
    supplement = {"result": "supplement", "message": "Bifoga en budget.", "due_on": due_on}
    do_one(client, factories.staff(Role.OFFICER), process, "check_complete", supplement)
    return _task_page(client, factories.member(organisation), process, "answer_supplement")


@page(ReportBackForm)
def _report_back(client, organisation):
    process = factories.funding_process(organisation)
    officer, delegate = factories.staff(Role.OFFICER), factories.staff(Role.DELEGATE)
    walk_to_report_back(client, process, officer, delegate)
    return _task_page(client, factories.member(organisation), process, "report_back")


@page(EmailPreferencesForm)
def _preferences(client, organisation):
    client.force_login(factories.member(organisation))
    return reverse("notifications:preferences")


@page(AbsenceForm)
def _absence(client, organisation):
    client.force_login(factories.staff(Role.OFFICER))
    return reverse("organisations:absences")


@page(RepresentationProposalForm)
def _representation_proposal(client, organisation):
    client.force_login(factories.member(organisation))
    return reverse("organisations:representation_propose", args=[organisation.pk])


@page(InvitationForm)
def _invitation(client, organisation):
    client.force_login(factories.member(organisation, role=Role.SIGNATORY))
    return reverse("organisations:invitation_send", args=[organisation.pk])


def _representation(organisation, **fields):
    from django.utils import timezone

    from organisations.models import Representation

    return Representation.objects.create(
        person=factories.member(organisation),
        organisation=organisation,
        role=Role.SIGNATORY,
        basis=Representation.Basis.EVIDENCE,
        valid_from=timezone.localdate(),
        **fields,
    )


@page(RepresentationDecisionForm)
def _representation_decision(client, organisation):
    client.force_login(factories.staff(Role.OFFICER))
    return reverse("organisations:representation_decide", args=[_representation(organisation).pk])


@page(RepresentationRevocationForm)
def _representation_revocation(client, organisation):
    from django.utils import timezone

    client.force_login(factories.staff(Role.OFFICER))
    made = _representation(organisation, approved_at=timezone.now())
    return reverse("organisations:representation_revoke", args=[made.pk])


@page(EligibilityEvidenceForm)
def _evidence(client, organisation):
    client.force_login(get_user_model().objects.create_superuser("admin", "a@example.org", "x"))
    return reverse("admin:organisations_eligibilityevidence_add")


@page(ProposalForm)
def _propose(client, organisation):
    client.force_login(factories.member(organisation))
    return iop_steps.propose_url()


@page(AssignmentForm)
def _assignment(client, organisation):
    client.force_login(factories.staff(Role.OFFICER))
    return reverse("partnerships:register_assignment")


@page(ReviewForm)
def _review_draft(client, organisation):
    process = factories.iop_process(organisation)
    officer = factories.staff(Role.OFFICER)
    do_one(client, officer, process, "screen", iop_steps.screening())
    do_one(client, officer, process, "investigate", iop_steps.assessment())
    do_one(client, officer, process, "co_create", iop_steps.draft(process, action="send"))
    return _task_page(client, factories.member(organisation), process, "review_draft")


@page(FollowUpReportForm)
def _follow_up_report(client, organisation):
    cast = iop_steps.one_board_cast(organisation)
    with at("2026-01-10"):
        process = factories.iop_process(organisation, boards=[cast["board"]], user=cast["member"])
        iop_steps.to_signing(client, cast["officer"], process, {cast["board"]: cast["secretary"]})
        iop_steps.sign_all(
            client,
            process,
            lambda task: (
                cast["member"]
                if task.owner_permission == "organisations.sign_for"
                else cast["secretary"]
            ),
        )
    with at("2026-12-20"):
        assert fire_workflow_timers() == 1
        task = iop_steps.party_report_task(process)
        take(client, cast["member"], task)
        return task_url(task, "execute")


@page(DeclarationForm)
def _de_minimis_declaration(client, organisation):
    member = factories.member(organisation)
    inquiry = factories.iop_inquiry(organisation, user=member)
    client.force_login(member)
    return reverse("partnerships:de_minimis_declaration", args=[inquiry.case.case_number])


@page(FileForm)
def _dialogue_documentation(client, organisation):
    coordinator = factories.staff(Role.COORDINATOR)
    event = plan_event(coordinator)
    dialogue_services.documentation_save(
        event=event,
        acting_user=coordinator,
        summary="Vi samlades kring ungas väg till arbete.",
        reflections="",
        contributions=[],
        next_steps=[],
    )
    client.force_login(coordinator)
    return reverse("cooperation:event", args=[event.pk])


@page(DirectoryProfileForm)
def _directory_profile(client, organisation):
    client.force_login(factories.member(organisation))
    return reverse("cooperation:directory_profile_edit", args=[organisation.pk])


@page(DirectoryContactForm)
def _directory_contact(client, organisation):
    profile = directory_profile(organisation)
    client.force_login(factories.member(factories.OrganisationFactory(name="Annan förening")))
    return reverse("cooperation:directory_contact", args=[profile.pk])


def _values(values):
    """The context's values, those inside its lists and pairs (one form per programme) and
    the form inside the admin's wrapper."""
    for value in values:
        yield value
        if isinstance(value, list | tuple):
            yield from _values(value)
        elif isinstance(getattr(value, "form", None), forms.BaseForm):
            yield value.form


# The tests. -----------------------------------------------------------------------------------


def test_every_form_that_looks_like_it_collects_personal_data_is_marked():
    unmarked = {
        _name(cls)
        for cls in _our_forms()
        if _looks_personal(cls) and not getattr(cls, "collects_personal_data", False)
    }
    assert unmarked <= set(COLLECT_NONE), (
        "mark these with common.privacy.CollectsPersonalData, or name them in COLLECT_NONE "
        f"with the reason they collect no personal data: {sorted(unmarked - set(COLLECT_NONE))}"
    )


def test_every_marked_form_has_its_page_walked_here():
    marked = {cls for cls in _our_forms() if getattr(cls, "collects_personal_data", False)}
    # A base that no page uses itself (InquiryForm) is walked through its subclasses.
    missing = {_name(cls) for cls in marked if not any(issubclass(walked, cls) for walked in PAGES)}
    assert not missing, f"add the page of these forms to PAGES: {sorted(missing)}"


@pytest.mark.parametrize("form_class", list(PAGES), ids=lambda cls: cls.__name__)
def test_the_page_of_a_form_that_collects_personal_data_links_to_the_privacy_notice(
    client, organisation, form_class
):
    url = PAGES[form_class](client, organisation)
    response = client.get(url)
    assert response.status_code == 200, url
    shown = [
        value
        for context in response.context
        for value in _values(context.flatten().values())
        if isinstance(value, form_class)
    ]
    assert shown, f"{url} does not show a {form_class.__name__}"
    html = response.content.decode()
    # Inside the form, before its buttons: the notice and its link.
    forms_html = re.findall(r"<form\b.*?</form>", html, re.DOTALL)
    assert any(NOTICE in form and LINK in form for form in forms_html), url


def test_the_notice_is_in_swedish_and_names_the_board_and_the_public_record(client, member):
    client.force_login(member)
    html = client.get(reverse("notifications:preferences")).content.decode()
    assert "Personuppgifterna du lämnar här behandlas av den nämnd i" in html
    assert "allmän handling" in html
    assert "Så behandlar vi personuppgifter</a>" in html


def test_a_form_that_collects_none_shows_no_notice(client, member):
    client.force_login(member)
    html = client.get(reverse("casework:case_list")).content.decode()
    assert NOTICE not in html.split('<footer class="sp-footer">')[0]


@pytest.mark.parametrize(
    "page_name",
    [
        "admin:organisations_user_add",
        "admin:organisations_organisation_add",
        "admin:organisations_membership_add",
        "admin:organisations_absence_add",
    ],
)
def test_the_admin_pages_that_register_people_and_their_contact_details_show_the_notice(
    admin_client, page_name
):
    html = admin_client.get(reverse(page_name)).content.decode()
    forms_html = re.findall(r"<form\b.*?</form>", html, re.DOTALL)
    assert any(NOTICE in form and LINK in form for form in forms_html)
