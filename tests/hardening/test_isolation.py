"""Every list, search, count, export, API and document endpoint shows a member of one
organisation nothing of another, and internal comments reach no member at all.

The world holds two associations, Alfa and Beta, each with members, funding applications in
several states (a draft, one submitted with tasks in the association's queue and a member's
inbox, one granted and paid with a report-back), an IOP inquiry, shared and internal comments,
documents and notifications. Alfa also has a signed agreement with a year's follow-up report
and a grant in a programme that publishes its grants; Beta has neither, so nothing of Beta may
reach the public register either.

``ENDPOINTS`` names every URL pattern without an object id (the lists, searches, counts and
exports) and ``EXEMPT`` every other one with why; a new pattern in neither fails
``test_every_list_like_endpoint_is_checked``.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from html import escape
from urllib.parse import quote, quote_plus

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from rest_framework.test import APIClient
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from casework.models import Case
from casework.services import comment_add
from documents.models import Document
from funding.models import ReportBack, Status
from notifications.models import Notification
from notifications.services import notify
from openness.models import PublicationSetting
from organisations.models import Role
from partnerships.models import FollowUp, FollowUpReport
from tests import factories
from tests.api.conftest import api_key
from tests.documents.conftest import stored_document
from tests.followup import builders
from tests.hardening import matrix
from tests.partnerships.helpers import signed_inquiry
from workflows.funding.flows import FundingApplicationFlow

# Endpoints without an object id, and the query strings each is asked with (searches and
# filters with the other organisation's case number and title are added to every one).
ENDPOINTS = {
    "home": "",
    "index": "",
    "portal:index": "",
    "workflows:inbox": "",
    "workflows:queue": "",
    "workflows:team": "",
    "notifications:list": "",
    "notifications:preferences": "",
    "casework:case_list": "",
    "organisations:absences": "",
    "funding:overview": "",
    "funding:sources": "",
    "funding:source_list": "",
    "funding:source_create": "",
    "partnerships:propose": "",
    "partnerships:register_assignment": "",
    "cooperation:events": "",
    "cooperation:event_new": "",
    "followup:dashboard": "",
    "followup:annual_report": "",
    "followup:annual_report_pdf": "",
    "followup:narrative_sections": "",
    "followup:mapping": "",
    "openness:agreements": "",
    "openness:grants": "",
    "exports:cases_csv": "",
    "exports:cases_xlsx": "",
    "exports:applications_csv": "",
    "exports:applications_xlsx": "",
    "exports:payouts_csv": "",
    "exports:payouts_xlsx": "",
    "api:case-list": "",
    "api:agreement-list": "",
    "api:decision-list": "",
    "api:payout-list": "",
    "api:document-list": "",
    "api_tokens:tokens": "",
    "accessibility:statement": "",
    "privacy:notice": "",
    "records:due": "",
    "records:schedule": "",
    "records:lists": "",
    "records:holds": "",
    "fundingapplication:index": "",
    "fundingapplication:process_list": "",
    "fundingapplication:task_list": "",
    "fundingapplication:chart": "",
    "fundingapplication:inbox": "",
    "fundingapplication:queue": "",
    "fundingapplication:archive": "",
    "iop:index": "",
    "iop:process_list": "",
    "iop:task_list": "",
    "iop:chart": "",
    "iop:inbox": "",
    "iop:queue": "",
    "iop:archive": "",
    "cooperation:area_list": "",
    "cooperation:area_create": "",
    "cooperation:listing_list": "",
    "cooperation:listing_create": "",
    "cooperation:directory": "",
    "cooperation:training": "",
    "cooperation:sector_sections": "",
    "followup:annual_report_memo_pdf": "",
    "organisations:representation_worklist": "",
}

EXEMPT = {
    "login": "the login form: a logged-in person is sent on",
    "logout": "POST only; shows nothing",
    "otp_setup": "the person's own authenticator pairing",
    "otp_verify": "the person's own second factor",
    "set_language": "POST only; a redirect",
    "javascript-catalog": "translations only",
    "notifications:mark_all_read": "POST only: marks the person's own notifications",
    "funding:application_create": "POST only: a form's target (test_forged_fields.py)",
    "api:schema": "the API's public schema, without data",
    "fundingapplication:tasks_assign": "POST only: takes tasks the person may take",
    "fundingapplication:tasks_unassign": "POST only: gives back the person's own tasks",
    "iop:tasks_assign": "POST only: takes tasks the person may take",
    "iop:tasks_unassign": "POST only: gives back the person's own tasks",
    "identity:callback": "the OpenID provider's answer to a login: a redirect, showing nothing",
    "identity:step_up": "asks the person to log in again with e-ID; shows nothing of a case",
    "organisations:invitation_accept": "the one invitation its token names (test_representation"
    "_pages.py), for the person it was sent to",
}


# What an endpoint shows of every organisation by design, with why.
SHOWN_TO_ALL = {
    "partnerships:propose": (
        "organisation",
        "a proposal names its co-parties from the register of organisations (names only)",
    ),
}


def _list_like_patterns() -> set[str]:
    """Every URL pattern without an object id, outside the Django admin."""
    return {
        pattern.name
        for pattern in matrix.url_patterns()
        if not pattern.converters and pattern.namespace != "admin" and pattern.named
    }


# The world ------------------------------------------------------------------------------------


@dataclass
class Side:
    """One association and everything of it; ``secrets`` must never reach another's member."""

    organisation: object
    member: object
    board: object
    programme: object
    cases: list = field(default_factory=list)
    applications: list = field(default_factory=list)
    decisions: list = field(default_factory=list)
    payouts: list = field(default_factory=list)
    documents: list = field(default_factory=list)
    agreements: list = field(default_factory=list)
    task_ids: dict = field(default_factory=dict)
    secrets: list = field(default_factory=list)
    amounts: list = field(default_factory=list)
    internal: list = field(default_factory=list)
    staff_only_documents: list = field(default_factory=list)
    commented: list = field(default_factory=list)  # cases with a shared and an internal comment

    def amount_pattern(self) -> re.Pattern:
        # 47474 as "47474", "47 474", "47&nbsp;474", "47\xa0474" or "47,474".
        parts = [rf"{amount // 1000}(?:\D{{1,6}})?{amount % 1000:03d}" for amount in self.amounts]
        return re.compile(r"(?<!\d)(?:" + "|".join(parts) + r")(?!\d)")


@dataclass
class World:
    alfa: Side
    beta: Side
    officer: object
    secretary: object  # of Alfa's board
    mover: object  # a member of Alfa who was a member of Beta until yesterday


def _member_task(process, node, *, organisation, owner=None) -> Task:
    """A task of the association's queue (or taken by ``owner``), as the flow would make it."""
    task = Task(
        process=process,
        flow_task=node,
        flow_task_type=node.task_type,
        status=STATUS.ASSIGNED if owner else STATUS.NEW,
        owner=owner,
    )
    activation = node.activation_class(task)
    task.owner_permission = node.calc_owner_permission(activation)
    task.owner_permission_obj = organisation
    task.save()
    return task


def _side(name: str, officer, *, applied: int, granted: int, paid: int, published: bool) -> Side:
    organisation = factories.eligible(factories.OrganisationFactory(name=f"{name}föreningen"))
    member = factories.member(organisation)
    board = factories.BoardFactory()
    programme = factories.FundingProgrammeFactory(board=board)
    PublicationSetting.objects.create(programme=programme, publish_grants=published)
    side = Side(organisation, member, board, programme, amounts=[applied, granted, paid])
    side.secrets += [organisation.name, organisation.org_number]

    draft = factories.funding_draft(
        organisation, programme, member, title=f"{name} utkast om läger", amount_applied=applied
    )
    process = factories.funding_process(
        organisation,
        programme=programme,
        user=member,
        title=f"{name} sommarkollo",
        amount_applied=applied,
    )
    submitted = process.application
    flow = FundingApplicationFlow.instance
    side.task_ids["queue"] = _member_task(
        process, flow.answer_supplement, organisation=organisation
    ).pk
    side.task_ids["inbox"] = _member_task(
        process, flow.report_back, organisation=organisation, owner=member
    ).pk

    paid_application = builders.application(
        programme,
        organisation,
        submitted=timezone.now() - timedelta(days=60),
        applied=applied,
        status=Status.PAID,
        user=member,
    )
    paid_application.title = f"{name} fotbollsskola"
    paid_application.save()
    decision = builders.decision(
        paid_application,
        outcome="approved",
        granted=granted,
        decided=timezone.now(),
        user=officer,
    )
    payout = builders.payout(paid_application, paid, user=officer)
    ReportBack.objects.create(
        application=paid_application,
        description=f"{name} återrapport om skolan",
        amount_used=Decimal(paid),
        submitted_by=member,
    )

    inquiry = factories.iop_process(
        organisation, boards=[board], user=member, title=f"{name} mötesplats"
    ).inquiry
    side.applications = [draft, submitted, paid_application]
    side.decisions, side.payouts = [decision], [payout]
    side.cases = [submitted.case, paid_application.case, inquiry.case]
    side.secrets += [draft.title, submitted.title, paid_application.title, inquiry.case.title]
    side.secrets += [f"{name} återrapport om skolan"]

    side.commented = list(side.cases)
    for case in side.cases:
        shared = f"{name} delad kommentar i {case.case_number}"
        internal = f"{name} intern anteckning i {case.case_number}"
        comment_add(case=case, acting_user=member, body=shared)
        comment_add(case=case, acting_user=officer, body=internal, internal=True)
        side.secrets += [case.case_number, shared, internal]
        side.internal.append(internal)

    final = stored_document(submitted.case, kind=Document.Kind.SUBMISSION_RECEIPT)
    memo = stored_document(
        inquiry.case, kind=Document.Kind.BOARD_MEMO, status=Document.Status.DRAFT
    )
    side.secrets += [final.file_name, memo.file_name]

    notify(recipients=[member], kind="reminder", title=f"{name} påminnelse om redovisning")
    side.secrets.append(f"{name} påminnelse om redovisning")
    return side


def _signed_agreement(side: Side) -> None:
    """A signed agreement of the association, with a submitted follow-up report of its year."""
    inquiry = signed_inquiry(side.organisation, money=Decimal(212_121))
    version = inquiry.agreement_versions.get()
    follow_up = FollowUp.objects.create(
        inquiry=inquiry,
        version=version,
        year_start=version.period_start,
        year_end=version.period_start.replace(year=version.period_start.year + 1)
        - timedelta(days=1),
        due_on=date(2027, 3, 1),
    )
    FollowUpReport.objects.create(
        follow_up=follow_up,
        organisation=side.organisation,
        goals_reached="Alfa nådde målen",
        submitted_by=side.member,
        submitted_at=timezone.now(),
    )
    side.cases.append(inquiry.case)
    side.agreements.append(inquiry)


def _documents(side: Side) -> None:
    """The side's documents, the services' included; drafts of memos and decision letters are
    the officers' until final (docs/documents.md)."""
    side.documents = list(Document.objects.filter(case__in=side.cases))
    side.staff_only_documents = [
        d
        for d in side.documents
        if d.status == Document.Status.DRAFT
        and d.kind in (Document.Kind.BOARD_MEMO, Document.Kind.DECISION_LETTER)
    ]
    assert side.staff_only_documents, "the world needs a staff-only draft"


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private", "base_url": None},
        },
    }


@pytest.fixture
def world(db) -> World:
    officer = factories.staff()
    alfa = _side("Alfa", officer, applied=31_313, granted=21_212, paid=11_111, published=True)
    beta = _side("Beta", officer, applied=47_474, granted=37_373, paid=17_171, published=False)
    _signed_agreement(alfa)
    _documents(alfa)
    _documents(beta)
    secretary = factories.staff(Role.BOARD_SECRETARY, board=alfa.board)
    return World(alfa, beta, officer, secretary, _mover(alfa, beta))


def _mover(alfa: Side, beta: Side):
    """A person who took one of Beta's tasks while a member there, then moved to Alfa."""
    mover = factories.member(alfa.organisation)
    factories.MembershipFactory(
        user=mover,
        organisation=beta.organisation,
        role=Role.MEMBER,
        valid_until=timezone.localdate() - timedelta(days=1),
    )
    task = Task.objects.get(pk=beta.task_ids["queue"])
    Task.objects.filter(pk=task.pk).update(owner=mover, status=STATUS.ASSIGNED)
    return mover


# Reading responses ----------------------------------------------------------------------------


def text_of(response) -> str:
    """What a response shows: an HTML page or JSON as text, a CSV or XLSX download's cells."""
    content_type = response.get("Content-Type", "")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if "spreadsheetml" in content_type:
        workbook = load_workbook(io.BytesIO(body), read_only=True)
        return "\n".join(
            ";".join("" if value is None else str(value) for value in row)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
        )
    return body.decode("utf-8-sig", errors="replace")


def rows_of(response) -> list[list[str]]:
    """A CSV or XLSX download's data rows (the header left out)."""
    text = text_of(response)
    if "spreadsheetml" in response["Content-Type"]:
        rows = [line.split(";") for line in text.splitlines()]
    else:
        rows = list(csv.reader(io.StringIO(text)))
    return rows[1:]


def leaks(text: str, other: Side, *, internal: list[str] = (), asked: str = "") -> list[str]:
    """``other``'s secrets in ``text``; what the person searched for is echoed by the search
    field (and the language switch's return address), so it is left out first."""
    for value in re.findall(r"=([^&]*)", asked):
        for echo in (value, quote_plus(value), quote(value), escape(value)):
            if echo:
                text = text.replace(echo, "")
    found = [secret for secret in [*other.secrets, *internal] if secret in text]
    found += other.amount_pattern().findall(text)
    return found


def _get(client, name: str, query: str = ""):
    url = reverse(name)
    return client.get(f"{url}?{query}" if query else url, follow=True)


# Every list-like endpoint ---------------------------------------------------------------------


def test_every_list_like_endpoint_is_checked():
    patterns = _list_like_patterns()
    missing = sorted(patterns - set(ENDPOINTS) - set(EXEMPT))
    assert missing == [], f"add these list-like URL names to ENDPOINTS or EXEMPT: {missing}"
    assert sorted((set(ENDPOINTS) | set(EXEMPT)) - patterns) == []


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(ENDPOINTS))
@pytest.mark.parametrize("role", ["member", "mover", "board_secretary"])
def test_an_endpoint_shows_nothing_of_another_organisation(client, world, name, role):
    """Alfa's member (one who has left Beta too, and the secretary of Alfa's board) sees nothing
    of Beta: not in the list, not when searching for Beta's case number or title; no member
    sees an internal comment."""
    user = {"member": world.alfa.member, "mover": world.mover}.get(role, world.secretary)
    internal = [*world.alfa.internal, *world.beta.internal] if role != "board_secretary" else []
    client.force_login(user)
    beta_case = world.beta.cases[0]
    queries = [
        ENDPOINTS[name],
        f"q={beta_case.case_number}",
        f"q={beta_case.title}",
        f"q={world.beta.organisation.name}&year={timezone.localdate().year}",
    ]
    for query in queries:
        response = _get(client, name, query)
        assert response.status_code < 500
        text = text_of(response)
        if SHOWN_TO_ALL.get(name, ("",))[0] == "organisation":
            text = text.replace(world.beta.organisation.name, "")
        found = leaks(text, world.beta, internal=internal, asked=query)
        assert found == [], f"{name}?{query} as {role} shows {found}"


# Counts ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_notification_count_and_list_are_the_members_own(client, world):
    member = world.alfa.member
    own = Notification.objects.filter(recipient=member)
    assert own.count() < Notification.objects.count()
    client.force_login(member)
    response = client.get(reverse("notifications:list"))
    assert response.context["unread_notifications"] == own.filter(read_at=None).count() > 0
    listed = response.context["notifications"]
    assert {n.pk for n in listed} == set(own.values_list("pk", flat=True))
    assert "Alfa påminnelse om redovisning" in text_of(response)


@pytest.mark.django_db
def test_the_inbox_and_queue_hold_the_associations_own_tasks(client, world):
    client.force_login(world.alfa.member)
    inbox = client.get(reverse("workflows:inbox")).context["tasks"]
    queue = client.get(reverse("workflows:queue")).context["tasks"]
    assert [task.pk for task in inbox] == [world.alfa.task_ids["inbox"]]
    assert [task.pk for task in queue] == [world.alfa.task_ids["queue"]]
    home = client.get(reverse("home")).context
    assert [task.pk for task in home["inbox"]] == [world.alfa.task_ids["inbox"]]
    assert [task.pk for task in home["queue"]] == [world.alfa.task_ids["queue"]]


@pytest.mark.django_db
def test_a_person_who_left_an_organisation_sees_neither_its_tasks_nor_its_name(client, world):
    """Leak found: the inbox listed tasks by owner alone, and the start page every membership
    ever held, so a member who moved on still saw the old organisation's case and name."""
    client.force_login(world.mover)
    home = client.get(reverse("home"))
    assert [task.pk for task in home.context["inbox"]] == []
    assert [m.organisation for m in home.context["memberships"]] == [world.alfa.organisation]
    assert client.get(reverse("workflows:inbox")).context["tasks"] == []


@pytest.mark.django_db
def test_the_case_list_and_its_search_hold_the_associations_own_cases(client, world):
    client.force_login(world.alfa.member)
    own = {case.case_number for case in world.alfa.cases}
    page = client.get(reverse("casework:case_list")).context["page"]
    assert page.paginator.count == len(own)
    assert {case.case_number for case in page.object_list} == own
    beta = world.beta.cases[0]
    for query in (beta.case_number, beta.title, world.beta.organisation.name, "Beta"):
        found = client.get(reverse("casework:case_list"), {"q": query}).context["page"]
        assert found.paginator.count == 0, query


@pytest.mark.django_db
def test_the_funding_overview_lists_the_associations_own_applications(client, world):
    client.force_login(world.alfa.member)
    listed = client.get(reverse("funding:overview")).context["applications"]
    assert {a.pk for a in listed} == {a.pk for a in world.alfa.applications}


def _export_case_numbers(client, name: str) -> list[str]:
    return [row[0] for row in rows_of(client.get(reverse(name)))]


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exports_hold_the_associations_own_rows(client, world, fmt):
    client.force_login(world.alfa.member)
    cases = _export_case_numbers(client, f"exports:cases_{fmt}")
    assert sorted(cases) == sorted(case.case_number for case in world.alfa.cases)
    applications = _export_case_numbers(client, f"exports:applications_{fmt}")
    # The draft has no case number yet.
    assert sorted(applications) == sorted(
        (a.case.case_number if a.case_id else "") for a in world.alfa.applications
    )
    payouts = _export_case_numbers(client, f"exports:payouts_{fmt}")
    assert payouts == [p.application.case.case_number for p in world.alfa.payouts]


def _api(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_key(user)}")
    return client


@pytest.mark.django_db
def test_every_api_list_counts_the_associations_own_objects(world):
    alfa = world.alfa
    client = _api(alfa.member)
    expected = {
        "api:case-list": ("case_number", {case.case_number for case in alfa.cases}),
        "api:agreement-list": (
            "case_number",
            {inquiry.case.case_number for inquiry in alfa.agreements},
        ),
        "api:decision-list": ("id", {decision.pk for decision in alfa.decisions}),
        "api:payout-list": ("id", {payout.pk for payout in alfa.payouts}),
        "api:document-list": (
            "id",
            {d.pk for d in alfa.documents if d not in alfa.staff_only_documents},
        ),
    }
    api_lists = {
        p.name
        for p in matrix.url_patterns()
        if p.name.startswith("api:") and p.name.endswith("-list")
    }
    assert set(expected) == api_lists, "a new API list needs its expected objects here"
    for name, (key, ids) in expected.items():
        body = client.get(reverse(name)).json()
        assert body["count"] == len(ids), name
        assert {row[key] for row in body["results"]} == ids, name
        assert leaks(str(body), world.beta, internal=alfa.internal + world.beta.internal) == []


@pytest.mark.django_db
def test_an_api_search_for_another_organisations_case_finds_nothing(world):
    client = _api(world.alfa.member)
    for case in world.beta.cases:
        for query in (case.case_number, case.title):
            body = client.get(reverse("api:case-list"), {"q": query}).json()
            assert body["count"] == 0, query


# Pages of the association's own objects -------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("side", ["alfa", "beta"])
def test_no_member_sees_an_internal_comment_on_their_own_cases(client, world, side):
    own: Side = getattr(world, side)
    client.force_login(own.member)
    for case in own.cases:
        pages = [reverse("casework:case_detail", args=[case.case_number])]
        if case.kind == Case.Kind.IOP_INQUIRY:
            pages.append(reverse("partnerships:inquiry", args=[case.case_number]))
        pages.append(reverse("documents:case_documents", args=[case.case_number]))
        pages.append(reverse("api:case-detail", args=[case.case_number]))
        for url in pages:
            text = text_of(client.get(url))
            assert [t for t in own.internal if t in text] == [], url
            if case in own.commented and url.startswith("/cases/"):
                assert f"delad kommentar i {case.case_number}" in text, url
    notifications = Notification.objects.filter(recipient=own.member)
    assert not [n for n in notifications if any(t in n.title + n.body for t in own.internal)]


@pytest.mark.django_db
def test_the_documents_of_a_case_list_only_what_the_member_may_see(client, world):
    alfa = world.alfa
    client.force_login(alfa.member)
    for case in alfa.cases:
        text = text_of(client.get(reverse("documents:case_documents", args=[case.case_number])))
        for document in alfa.documents:
            if document.case_id != case.pk:
                continue
            listed = f'href="{reverse("documents:document_detail", args=[document.pk])}"' in text
            assert listed == (document not in alfa.staff_only_documents), document.file_name
    for document in world.beta.documents:
        url = reverse("documents:document_download", args=[document.pk])
        assert client.get(url).status_code == 404


# The public register --------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["openness:agreements", "openness:grants"])
def test_the_public_register_shows_only_published_data(client, world, name):
    """Alfa's signed agreement and its grant in a programme that publishes grants are listed;
    nothing of Beta (no signed agreement, its programme does not publish), and nothing
    internal or personal of either."""
    text = text_of(client.get(reverse(name)))
    assert leaks(text, world.beta) == []
    assert [t for t in world.alfa.internal if t in text] == []
    assert world.alfa.member.username not in text
    assert world.alfa.organisation.org_number not in text
    shown = {
        "openness:agreements": world.alfa.agreements[0].case.case_number,
        "openness:grants": "21",  # Alfa's granted 21 212 kr
    }
    assert shown[name] in text
