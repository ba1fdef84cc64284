"""The permission matrix: every URL pattern × every role × GET and POST, and what each gets.

The patterns come from the resolver (viewflow's included), so a new page without a rule fails
``test_permission_matrix.py``. A rule names patterns by an ``fnmatch`` pattern on the URL name
(``namespace:name``; an unnamed pattern is named by its route) and gives each role an outcome;
the first rule that matches a pattern wins, so a specific rule goes above its namespace's
default. Object URLs take their object from ``tests/access.py``: the object belongs to the
``member``'s organisation, and ``outsider`` is a member of another one (404 there, always).
"""

import fnmatch
import re
from dataclasses import dataclass, field

from django.urls import URLPattern, URLResolver, get_resolver, reverse

# Imported before the URLconf loads: tests/access.py names flow URLs by the flow's app_name,
# which viewflow's Site replaces once it is mounted.
from tests.access import OBJECT_URLS

# Least privileged first: POSTs run in this order on one object, so a privileged role's POST
# (which may move the object on) never changes what a weaker role is shown.
ROLES = (
    "anonymous",
    "outsider",
    "member",
    "board_secretary",
    "coordinator",
    "delegate",
    "officer",
    "admin",
)
METHODS = ("get", "post")
STAFF = ("board_secretary", "coordinator", "delegate", "officer")

# Outcomes. A status code, or where a redirect goes.
OK = "200"
LOGIN = "login"  # 302 to the login page, with ?next=
ADMIN_LOGIN = "admin-login"  # 302 to the Django admin's login page
REDIRECT = "redirect"  # 302/303 elsewhere: a form's success, or a page that moved
FORBIDDEN = "403"
NOT_FOUND = "404"
NOT_ALLOWED = "405"


@dataclass(frozen=True)
class Rule:
    """``outcomes[role]`` is one outcome for both methods, or a (GET, POST) pair."""

    pattern: str
    outcomes: dict = field(default_factory=dict)
    why: str = ""

    def expected(self, role: str, method: str) -> str:
        outcome = self.outcomes[role]
        if isinstance(outcome, tuple):
            return outcome[METHODS.index(method)]
        return outcome


def roles(default, **per_role) -> dict:
    """Every role gets ``default`` unless named; ``staff=`` names the four staff roles at once."""
    staff = per_role.pop("staff", None)
    outcomes = dict.fromkeys(ROLES, default)
    if staff is not None:
        outcomes.update(dict.fromkeys(STAFF, staff))
    outcomes.update(per_role)
    return outcomes


@dataclass(frozen=True)
class Pattern:
    name: str  # "namespace:name", or "namespace:<route>" for an unnamed pattern
    route: str
    converters: tuple[str, ...]
    named: bool = True

    @property
    def namespace(self) -> str:
        return self.name.rsplit(":", 1)[0] if ":" in self.name else ""

    def url(self, kwargs: dict) -> str:
        if self.named:
            return reverse(self.name, kwargs=kwargs)
        return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(kwargs[m.group(1)]), self.route)


def url_patterns(resolver=None, namespace="", prefix="") -> list[Pattern]:
    """Every URL pattern the project answers, as the resolver has them."""
    found = []
    for entry in (resolver or get_resolver()).url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            found += url_patterns(entry, inner, route)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}{entry.name or '<' + route + '>'}"
            params = [*getattr(entry.pattern, "converters", {}), *entry.pattern.regex.groupindex]
            found.append(Pattern(name, route, tuple(dict.fromkeys(params)), bool(entry.name)))
    return found


def rule_for(pattern: Pattern, rules=None) -> Rule | None:
    for rule in rules or RULES:
        if fnmatch.fnmatchcase(pattern.name, rule.pattern):
            return rule
    return None


def outcome_of(response) -> str:
    from django.conf import settings
    from django.urls import reverse

    if response.status_code in (301, 302, 303):
        location = response["Location"]
        if location.startswith(reverse("admin:login")):
            return ADMIN_LOGIN
        if location.startswith(reverse(settings.LOGIN_URL) + "?"):
            return LOGIN
        return REDIRECT
    return str(response.status_code)


def make_users(organisation, other_organisation) -> dict:
    """One person per role; the board secretary's board is not the object's."""
    from organisations.models import Role
    from tests import factories

    return {
        "anonymous": None,
        "outsider": factories.member(other_organisation),
        "member": factories.member(organisation),
        "board_secretary": factories.staff(Role.BOARD_SECRETARY, board=factories.BoardFactory()),
        "coordinator": factories.staff(Role.COORDINATOR),
        "delegate": factories.staff(Role.DELEGATE),
        "officer": factories.staff(Role.OFFICER),
        "admin": factories.UserFactory(is_staff=True, is_superuser=True),
    }


def _totp_device(organisation) -> dict:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests import factories

    device = TOTPDevice.objects.create(user=factories.member(organisation), name="app")
    return {"pk": device.pk}


def _requested_document(organisation) -> dict:
    from documents import samples, services
    from tests import factories

    case = factories.CaseFactory(organisation=organisation)
    context = samples.for_kind("iop_agreement", case_number=case.case_number)
    document = services.document_request(
        case=case, kind="iop_agreement", context=context, acting_user=factories.staff()
    )
    return {"pk": document.pk}


# Pages that need a more real object than tests/access.py makes: django-otp's admin pages answer
# 500 without a device, and a preview needs a document's whole context.
MATRIX_OBJECTS = {
    "documents:document_preview": _requested_document,
    "admin:app_list": lambda organisation: {"app_label": "casework"},
    "admin:otp_totp_totpdevice_config": _totp_device,
    "admin:otp_totp_totpdevice_qrcode": _totp_device,
}


def url_for(pattern: Pattern, organisation) -> str:
    """The pattern's URL, for an object of ``organisation`` where it takes one."""
    if not pattern.converters:
        return pattern.url({})
    maker = MATRIX_OBJECTS.get(pattern.name) or OBJECT_URLS.get(pattern.name)
    # The admin's object pages are for administrators only: a missing object will do.
    kwargs = maker(organisation) if maker else dict.fromkeys(pattern.converters, 0)
    return pattern.url(kwargs)


def observe(client, pattern: Pattern, organisation, users) -> dict:
    """What each role gets, GETs first (they change nothing), then POSTs."""
    url = url_for(pattern, organisation)
    seen = {}
    for method in METHODS:
        for role in ROLES:
            client.logout()
            if users[role] is not None:
                client.force_login(users[role])
            seen[role, method] = outcome_of(getattr(client, method)(url))
    return seen


# The rules ------------------------------------------------------------------------------------
#
# Shorthands: what a logged-in page answers everyone who may see it, and who may not.
_PAGE = roles(OK, anonymous=LOGIN)
_FORM_ONLY_POST = (NOT_ALLOWED, REDIRECT)  # a button's target: GET 405, POST does it
_READ_ONLY = (OK, NOT_ALLOWED)
_SEES_ALL = {"coordinator": OK, "delegate": OK, "officer": OK, "admin": OK}
# A page about one case: its organisation's members and the roles that see every case; a board
# secretary of another board and another organisation's member get 404.
_CASE_PAGE = roles(OK, anonymous=LOGIN, outsider=NOT_FOUND, board_secretary=NOT_FOUND)
# Reports and registers for the roles that see every case; 404 for the rest.
# An event the member's organisation is invited to, and what comes of it.
_RUNS = ("coordinator", "officer", "admin")
_SEES_EVENT = ("member", *_RUNS)
_EVENT_PAGE = roles(NOT_FOUND, anonymous=LOGIN, **dict.fromkeys(_SEES_EVENT, OK))
_STAFF_REPORT = roles(NOT_FOUND, anonymous=LOGIN, **_SEES_ALL)
# The association's own draft application: its members only, not even officers.
_DRAFT = roles(NOT_FOUND, anonymous=LOGIN, member=OK)
# viewflow's own pages (dashboards, lists, chart, process and task detail, its actions on a
# process or a task): nobody's, administrators' neither (workflows/scoping.py). Only taking and
# doing a person's task, and the task's index that leads there, are the portal's.
_ENGINE = roles(NOT_FOUND, anonymous=LOGIN)

# A task of another role, or in a state that forbids the action: 403 inside the case. An
# administrator may look (GET) but not act.
_TASK_NOT_YOURS = roles(
    FORBIDDEN,
    anonymous=LOGIN,
    outsider=NOT_FOUND,
    board_secretary=NOT_FOUND,
    admin=(OK, FORBIDDEN),
)
# Nobody has taken the task: nobody may do it.
_NOBODYS_TASK = roles(FORBIDDEN, anonymous=LOGIN, outsider=NOT_FOUND, board_secretary=NOT_FOUND)
# Who takes a new task of each funding node, by the node's permission. The board secretary in
# the matrix is of another board, so a board's task is nobody's here: the administrator's POST
# takes it.
_HOLDER = {
    "casework.handle_case": "officer",
    "casework.decide_on_delegation": "delegate",
    "organisations.act_for": "member",
}


_DECISIONS = {"decide_as_officer", "decide_as_delegate", "record_board_decision"}
# The IOP's parallel tasks, and who of the matrix holds the first one's permission (it comes with
# the board or party, ``IOPProcess.board_tasks``, ``signing_tasks``, ``follow_up_tasks``,
# ``acceptance_tasks``): a board's task is its secretary's (of another board in the matrix), the
# first party signs through its approved signatory (no role of the matrix), the organisation's
# member reports, and the partner (another organisation) accepts being a party.
_PARALLEL_HOLDER = {"decide": None, "sign": None, "report": "member", "accept": None}


def _flow_node_rules() -> list[Rule]:
    """Per node of each flow, with a new task of that node under the node's own URL: who takes
    it. A node without a person's task (a gateway, a join, a timer, a start or an end) has no
    page of the portal's: its index answers 404 too."""
    from workflows.funding.flows import FundingApplicationFlow
    from workflows.iop.flows import IOPFlow
    from workflows.nodes import HumanTask

    rules = []
    # The flows' URL namespaces, by name: their ``app_name`` is set only once the site's URLs
    # are built, which may be after this module is imported.
    for flow_class, namespace in ((FundingApplicationFlow, "fundingapplication"), (IOPFlow, "iop")):
        for node in flow_class.instance.nodes():
            permission = getattr(node, "_owner_permission", None)
            if not isinstance(node, HumanTask):
                rules.append(Rule(f"{namespace}:{node.name}:index", _ENGINE))
            if isinstance(permission, str):
                holder = _HOLDER.get(permission)
            elif flow_class is IOPFlow and node.name in _PARALLEL_HOLDER:
                holder = _PARALLEL_HOLDER[node.name]
            else:
                continue
            outcomes = {**_TASK_NOT_YOURS, "admin": (OK, REDIRECT)}
            if holder:
                outcomes.update({holder: (OK, REDIRECT), "admin": (OK, FORBIDDEN)})
            if (
                node.name in _DECISIONS
                and flow_class is FundingApplicationFlow
                or (flow_class is IOPFlow and node.name == "sign")
            ):
                # Only a holder of the route's point of the delegation order takes a decision,
                # only a person with the right to sign for the party signs (no one of the
                # matrix), and never an administrator: 403, with why.
                outcomes = {**_TASK_NOT_YOURS, "admin": FORBIDDEN}
                if holder:
                    outcomes[holder] = FORBIDDEN
            rules.append(Rule(f"{namespace}:{node.name}:assign", outcomes))
    return rules


_FLOW_NODE_RULES = _flow_node_rules()


def _model_admin_rules() -> list[Rule]:
    """What an administrator may do with each model, as its ModelAdmin says: records that are
    evidence (audit events, cases, decisions, documents) are read-only even to them (403).
    The objects do not exist, so the pages that may open send them back to the list."""
    from django.contrib import admin
    from django.test import RequestFactory

    from organisations.models import User

    request = RequestFactory().get("/")
    request.user = User(is_active=True, is_staff=True, is_superuser=True)
    rules = []
    for model, model_admin in admin.site._registry.items():
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        may_add = model_admin.has_add_permission(request)
        may_change = model_admin.has_change_permission(request)
        may_delete = model_admin.has_delete_permission(request)
        rules += [
            Rule(f"{prefix}_add", roles(ADMIN_LOGIN, admin=OK if may_add else FORBIDDEN)),
            Rule(
                f"{prefix}_change",
                roles(ADMIN_LOGIN, admin=(REDIRECT, REDIRECT if may_change else FORBIDDEN)),
            ),
            Rule(
                f"{prefix}_delete", roles(ADMIN_LOGIN, admin=REDIRECT if may_delete else FORBIDDEN)
            ),
        ]
    return rules


RULES: list[Rule] = [
    # Logging in and out, language, the start page.
    Rule("login", roles(REDIRECT, anonymous=OK), "logged-in people are sent on"),
    Rule("logout", roles(_FORM_ONLY_POST)),
    Rule("identity:start", roles((NOT_FOUND, NOT_ALLOWED)), "a provider's login: none is set up"),
    Rule("identity:callback", roles((LOGIN, NOT_ALLOWED)), "no provider's answer: login failed"),
    Rule("identity:step_up", roles((OK, NOT_ALLOWED), anonymous=LOGIN)),
    Rule("otp_setup", _PAGE, "anyone may pair an app; staff must (REQUIRE_STAFF_OTP)"),
    Rule("otp_verify", roles(REDIRECT, anonymous=LOGIN), "without a paired app: to setup"),
    Rule("set_language", roles(REDIRECT)),
    Rule("javascript-catalog", roles(_READ_ONLY)),
    Rule("home", _PAGE),
    Rule("index", _PAGE),
    Rule("portal:index", roles(REDIRECT), "the Site's entry: to the start page"),
    # Task lists and notifications: each person's own.
    Rule(
        "workflows:team",
        roles(
            NOT_FOUND,
            anonymous=LOGIN,
            coordinator=(OK, NOT_FOUND),
            officer=(OK, NOT_FOUND),
            admin=(OK, NOT_FOUND),
        ),
        "the team's tasks: for those who lead the work",
    ),
    Rule(
        "workflows:pass_on",
        roles(NOT_FOUND, anonymous=LOGIN),
        "only the person who holds the task passes it on",
    ),
    Rule(
        "workflows:task_open",
        roles(NOT_FOUND, anonymous=LOGIN, member=REDIRECT),
        "an association's task opens for its member, taken on the way; nobody else's",
    ),
    Rule("workflows:*", _PAGE),
    Rule("notifications:mark_all_read", roles(_FORM_ONLY_POST, anonymous=LOGIN)),
    Rule("notifications:preferences", roles((OK, REDIRECT), anonymous=LOGIN), "saved, shown"),
    Rule("notifications:*", _PAGE),
    # Cases.
    Rule("casework:case_list", _PAGE, "the list shows each person their own cases"),
    Rule("casework:case_detail", _CASE_PAGE),
    Rule(
        "casework:comment_create",
        {
            **_CASE_PAGE,
            **roles(
                (NOT_ALLOWED, "400"), anonymous=LOGIN, outsider=NOT_FOUND, board_secretary=NOT_FOUND
            ),
        },
        "an empty comment is refused",
    ),
    Rule(
        "casework:clock_action",
        roles(
            NOT_FOUND,
            anonymous=LOGIN,
            officer=_FORM_ONLY_POST,
            admin=_FORM_ONLY_POST,
        ),
        "pausing the clock is for the officers handling the case (test_secretary_scope.py)",
    ),
    # Requests for public records of a case: those who handle cases (an empty form: 400).
    Rule(
        "disclosure:case_requests",
        roles(
            NOT_FOUND,
            anonymous=LOGIN,
            coordinator=(OK, "400"),
            officer=(OK, "400"),
            admin=(OK, "400"),
        ),
    ),
    Rule(
        "disclosure:item_review",
        roles(
            NOT_FOUND,
            anonymous=LOGIN,
            coordinator=_FORM_ONLY_POST,
            officer=_FORM_ONLY_POST,
            admin=_FORM_ONLY_POST,
        ),
    ),
    Rule(
        "disclosure:*",
        roles(
            NOT_FOUND,
            anonymous=LOGIN,
            coordinator=_READ_ONLY,
            officer=_READ_ONLY,
            admin=_READ_ONLY,
        ),
        "a request's records and the copy handed out: those who handle cases",
    ),
    # The register.
    Rule("organisations:absences", _PAGE),
    Rule(
        "organisations:representation_propose",
        roles(NOT_FOUND, anonymous=LOGIN, member=OK),
        "a member of the association proposes its signatories",
    ),
    Rule(
        "organisations:invitation_send",
        roles(NOT_FOUND, anonymous=LOGIN),
        "only a signatory of the association invites (the matrix's member is none)",
    ),
    Rule(
        "organisations:representation_worklist",
        roles(NOT_FOUND, anonymous=LOGIN, officer=OK),
        "officers approve proposed signatories",
    ),
    Rule(
        "organisations:representation_decide",
        roles(NOT_FOUND, anonymous=LOGIN, officer=OK),
        "officers approve proposed signatories",
    ),
    Rule(
        "organisations:representation_revoke",
        roles(NOT_FOUND, anonymous=LOGIN, officer=OK),
        "an officer or a signatory of the association revokes a representation",
    ),
    Rule(
        "organisations:invitation_accept",
        roles((OK, REDIRECT), anonymous=LOGIN),
        "whoever holds an invitation's token accepts it, logged in",
    ),
    Rule(
        "organisations:absence_delete",
        roles(NOT_FOUND, anonymous=LOGIN),
        "only the person away removes their absence",
    ),
    Rule(
        "organisations:*",
        roles(OK, anonymous=LOGIN, outsider=NOT_FOUND, board_secretary=NOT_FOUND),
        "a board secretary sees organisations with a case before their board only",
    ),
    # Documents (a requested draft without a file: nothing to download yet).
    Rule(
        "documents:document_download",
        roles(
            (NOT_FOUND, NOT_ALLOWED), anonymous=LOGIN, outsider=NOT_FOUND, board_secretary=NOT_FOUND
        ),
    ),
    Rule(
        "documents:signing_*",
        roles(NOT_FOUND, anonymous=LOGIN),
        "a signing by click has no signed PDF or report",
    ),
    Rule(
        "documents:document_render_again",
        roles(
            (NOT_ALLOWED, FORBIDDEN),
            anonymous=LOGIN,
            outsider=NOT_FOUND,
            board_secretary=NOT_FOUND,
            officer=_FORM_ONLY_POST,
            admin=_FORM_ONLY_POST,
        ),
        "officers render documents again",
    ),
    Rule(
        "documents:*",
        {
            **_CASE_PAGE,
            **roles(_READ_ONLY, anonymous=LOGIN, outsider=NOT_FOUND, board_secretary=NOT_FOUND),
        },
    ),
    # Funding: the association's portal and the officers' registers.
    Rule("funding:overview", _PAGE),
    Rule("funding:sources", _PAGE),
    Rule(
        "funding:application_create",
        roles((REDIRECT, "400"), anonymous=LOGIN),
        "a programme must be chosen (GET without one: to the open programmes)",
    ),
    Rule("funding:attachment_remove", roles(NOT_FOUND, anonymous=LOGIN, member=_FORM_ONLY_POST)),
    Rule("funding:application_submit", roles(NOT_FOUND, anonymous=LOGIN, member=_FORM_ONLY_POST)),
    Rule(
        "funding:repayment",
        roles(NOT_FOUND, anonymous=LOGIN, officer=(OK, "400"), admin=(OK, "400")),
        "repayment claims and demands for a decision: those who handle cases",
    ),
    Rule(
        "funding:decision_route",
        roles(
            NOT_FOUND,
            anonymous=LOGIN,
            coordinator=(OK, "400"),
            officer=(OK, "400"),
            admin=(OK, "400"),
        ),
        "a decision sent to its route: officers and coordinators (nothing stranded: 400)",
    ),
    Rule("funding:application_*", _DRAFT),
    Rule("funding:attachment_download", _DRAFT),
    Rule(
        "funding:source_*",
        roles(NOT_FOUND, anonymous=LOGIN, coordinator=OK, admin=OK),
        "the catalogue of funding sources is the coordinators'",
    ),
    Rule("funding:*", _STAFF_REPORT),
    # IOP.
    Rule(
        "partnerships:propose",
        roles(NOT_FOUND, anonymous=LOGIN, outsider=OK, member=OK),
        "associations propose; the city registers assignments",
    ),
    Rule(
        "partnerships:register_assignment", roles(FORBIDDEN, anonymous=LOGIN, officer=OK, admin=OK)
    ),
    Rule("partnerships:inquiry", _CASE_PAGE),
    Rule("partnerships:end", roles(NOT_FOUND, anonymous=LOGIN, member=OK, officer=OK, admin=OK)),
    Rule(
        "partnerships:terminate",
        roles(NOT_FOUND, anonymous=LOGIN),
        "only an active partnership is terminated; this one is being screened",
    ),
    Rule(
        "partnerships:de_minimis_declaration",
        roles(NOT_FOUND, anonymous=LOGIN, member=OK),
        "an idea-based party's members declare its own aid; nobody else, not even staff",
    ),
    Rule(
        "partnerships:procurement_override",
        roles(NOT_FOUND, anonymous=LOGIN, delegate=OK),
        "a decision-maker overrides the procurement answers; the investigating officer may not",
    ),
    Rule(
        "partnerships:leave",
        roles(NOT_FOUND, anonymous=LOGIN),
        "only a party other than the one whose case it is leaves; this one has no other",
    ),
    # Dialogues and initiatives (cooperation): coordinators and officers plan and run events;
    # the invited organisation's members see them and register; the rest get 404.
    Rule("cooperation:events", roles(OK), "the published events for everyone, more per role"),
    Rule(
        "cooperation:event_new",
        roles(FORBIDDEN, anonymous=LOGIN, coordinator=OK, officer=OK, admin=OK),
        "coordinators and officers plan events",
    ),
    Rule("cooperation:event", _EVENT_PAGE),
    Rule(
        "cooperation:event_register",
        {**_EVENT_PAGE, **dict.fromkeys(_SEES_EVENT, _FORM_ONLY_POST)},
        "an empty registration is refused and the page shown again",
    ),
    Rule(
        "cooperation:event_unregister",
        {**_EVENT_PAGE, **dict.fromkeys(_SEES_EVENT, _FORM_ONLY_POST)},
    ),
    Rule("cooperation:event_documentation", {**_EVENT_PAGE, "member": FORBIDDEN}),
    Rule(
        "cooperation:event_change",
        {**_EVENT_PAGE, "member": FORBIDDEN},
        "those who plan it change it; an empty form is shown again with its errors",
    ),
    Rule(
        "cooperation:event_cancel",
        {**_EVENT_PAGE, "member": FORBIDDEN},
        "those who plan it cancel it, saying why; without a reason the form is shown again",
    ),
    Rule("cooperation:event_file", _EVENT_PAGE, "a file of the documentation"),
    Rule(
        "cooperation:event_*",
        {
            **_EVENT_PAGE,
            "member": (NOT_ALLOWED, FORBIDDEN),
            **dict.fromkeys(_RUNS, _FORM_ONLY_POST),
        },
        "the organisers' buttons: invitations and attendance",
    ),
    Rule("cooperation:initiative_new", {**_EVENT_PAGE, "member": FORBIDDEN}),
    Rule("cooperation:initiative", _EVENT_PAGE),
    Rule(
        "cooperation:initiative_*",
        {**_EVENT_PAGE, **dict.fromkeys(_RUNS, FORBIDDEN)},
        "the carrying organisation's members propose it, as every proposal",
    ),
    # Follow-up and annual report: for the roles that see every case.
    Rule(
        "followup:narrative_*",
        roles(NOT_FOUND, anonymous=LOGIN, coordinator=OK, officer=OK, admin=OK),
        "the report's authors",
    ),
    Rule("followup:*", _STAFF_REPORT),
    # The association directory: public to read; its profile page is the organisation's own.
    Rule("cooperation:directory", roles(_READ_ONLY), "published profiles, for everyone"),
    Rule(
        "cooperation:directory_contact",
        roles(NOT_FOUND, anonymous=LOGIN),
        "the made profile is unpublished: nobody writes to it",
    ),
    Rule(
        "cooperation:directory_profile_edit",
        roles(NOT_FOUND, anonymous=LOGIN, member=OK),
        "the organisation's members write its profile; an empty form is shown again",
    ),
    # Training: everyone logged in sees the sessions; coordinators and officers keep attendance.
    Rule("cooperation:training", _PAGE, "an empty form is shown again"),
    Rule(
        "cooperation:training_attendance",
        roles(
            NOT_FOUND,
            anonymous=LOGIN,
            coordinator=OK,
            officer=OK,
            admin=OK,
        ),
        "attendance is recorded by coordinators and officers; an empty form is shown again",
    ),
    # The idea-based sector's report sections: the coordinating organisation's members only.
    Rule(
        "cooperation:sector_sections",
        roles(NOT_FOUND, anonymous=LOGIN),
        "no organisation coordinates the sector's side in the matrix's year",
    ),
    Rule(
        "cooperation:sector_section_edit",
        roles(NOT_FOUND, anonymous=LOGIN, member=OK),
        "the coordinating organisation's members; an empty form is shown again",
    ),
    # Challenge areas: their pages are public; coordinators and officers add and close areas
    # and record hosts; a host assignment is for them and the idea-based host organisation.
    Rule("cooperation:area_list", roles(_READ_ONLY)),
    Rule("cooperation:area_detail", roles(_READ_ONLY), "public: shows what is published"),
    Rule(
        "cooperation:area_create",
        roles(FORBIDDEN, anonymous=LOGIN, coordinator=OK, officer=OK, admin=OK),
        "an empty form is shown again with its errors",
    ),
    Rule(
        "cooperation:area_close",
        roles(
            NOT_FOUND,
            anonymous=LOGIN,
            coordinator=_FORM_ONLY_POST,
            officer=_FORM_ONLY_POST,
            admin=_FORM_ONLY_POST,
        ),
    ),
    Rule(
        "cooperation:host_pair_create",
        roles(NOT_FOUND, anonymous=LOGIN, coordinator=OK, officer=OK, admin=OK),
        "an empty form is shown again with its errors",
    ),
    Rule(
        "cooperation:host_assignment_pdf",
        roles(
            NOT_FOUND,
            anonymous=LOGIN,
            member=_READ_ONLY,
            coordinator=_READ_ONLY,
            officer=_READ_ONLY,
            admin=_READ_ONLY,
        ),
        "the host organisation's members and the areas' managers",
    ),
    Rule(
        "cooperation:host_assignment_make",
        roles(
            NOT_FOUND,
            anonymous=LOGIN,
            coordinator=_FORM_ONLY_POST,
            officer=_FORM_ONLY_POST,
            admin=_FORM_ONLY_POST,
        ),
        "the areas' managers make the agreement (a new version) for signing",
    ),
    Rule(
        "cooperation:host_assignment_sign",
        roles(
            NOT_FOUND,
            anonymous=LOGIN,
            member=_FORM_ONLY_POST,
            coordinator=_FORM_ONLY_POST,
            officer=_FORM_ONLY_POST,
            admin=_FORM_ONLY_POST,
        ),
        "a button's target: only a party's signatory signs; anyone else is told so",
    ),
    # Needs and offers: an unpublished one is its organisation's and the coordinators'.
    Rule("cooperation:listing_list", roles(_READ_ONLY, anonymous=LOGIN)),
    Rule("cooperation:listing_create", _PAGE, "an empty form is shown again with its errors"),
    Rule(
        "cooperation:listing_detail",
        roles(
            NOT_FOUND,
            anonymous=LOGIN,
            member=_READ_ONLY,
            coordinator=_READ_ONLY,
            admin=_READ_ONLY,
        ),
    ),
    Rule(
        "cooperation:listing_publish",
        roles(NOT_FOUND, anonymous=LOGIN, member=_FORM_ONLY_POST),
        "only its organisation publishes it",
    ),
    Rule(
        "cooperation:match_interest",
        roles(NOT_FOUND, anonymous=LOGIN, member=_FORM_ONLY_POST),
        "the owner of the listing is interested",
    ),
    Rule(
        "cooperation:match_confirm",
        roles(NOT_FOUND, anonymous=LOGIN, coordinator=_FORM_ONLY_POST, admin=_FORM_ONLY_POST),
        "a coordinator confirms",
    ),
    # Public pages (offentlighetsprincipen): everyone, logged in or not.
    Rule("openness:*", roles(OK)),
    # The accessibility statement (tillgänglighetsredogörelse): everyone, logged in or not.
    Rule("accessibility:*", roles(_READ_ONLY)),
    # The privacy notice (GDPR art. 13): everyone, logged in or not.
    Rule("privacy:*", roles(_READ_ONLY)),
    # Records management: the records manager's (and administrators'); to everyone else the
    # pages do not exist. The admin's POSTs: an empty form is shown again with its errors.
    Rule(
        "records:hold_lift",
        roles(NOT_FOUND, anonymous=LOGIN, admin=(NOT_ALLOWED, REDIRECT)),
        "POST only",
    ),
    Rule("records:*", roles(NOT_FOUND, anonymous=LOGIN, admin=OK), "the records manager's"),
    # Exports: each person's own cases (a staff member's: all); board lists for staff.
    Rule("exports:delegated_decisions_*", _STAFF_REPORT),
    Rule("exports:*", _PAGE),
    # The API: its schema is public; its data needs a login (a session or a token).
    Rule("api:schema", roles(_READ_ONLY)),
    Rule("api:*-list", roles((OK, NOT_ALLOWED), anonymous="401"), "read-only; each their own"),
    Rule(
        "api:*-detail",
        roles((NOT_FOUND, NOT_ALLOWED), anonymous="401"),
        "a missing object (see the API's own tests for scoping)",
    ),
    # A person's own API tokens: made, listed and revoked by that person only.
    Rule("api_tokens:tokens", _PAGE),
    Rule(
        "api_tokens:token_revoke",
        roles(NOT_FOUND, anonymous=LOGIN),
        "only the token's holder revokes it here (an administrator in the admin)",
    ),
    # The Django admin: administrators only; a missing object sends them back to the index.
    Rule("admin:login", roles(OK, admin=(REDIRECT, OK))),
    Rule("admin:logout", roles(REDIRECT, admin=_FORM_ONLY_POST)),
    Rule("admin:<admin/(?P<url>*", roles(ADMIN_LOGIN, admin=NOT_FOUND), "the catch-all"),
    Rule("admin:<*>", roles(ADMIN_LOGIN, admin=REDIRECT)),
    Rule("admin:password_change", roles(ADMIN_LOGIN, admin=OK)),
    Rule("admin:password_change_done", roles(ADMIN_LOGIN, admin=_READ_ONLY)),
    Rule("admin:jsi18n", roles(ADMIN_LOGIN, admin=_READ_ONLY)),
    Rule(
        "admin:autocomplete",
        roles(ADMIN_LOGIN, admin=(FORBIDDEN, NOT_ALLOWED)),
        "without a model to complete",
    ),
    Rule("admin:view_on_site", roles(ADMIN_LOGIN, admin=NOT_FOUND)),
    Rule("admin:auth_user_password_change", roles(ADMIN_LOGIN, admin=NOT_FOUND)),
    *_model_admin_rules(),
    Rule("admin:*_history", roles(ADMIN_LOGIN, admin=REDIRECT)),
    Rule("admin:*", roles(ADMIN_LOGIN, admin=OK)),
    # viewflow's pages of the two flows (their guards: workflows/scoping.py).
    *_FLOW_NODE_RULES,
    Rule(
        "*:*:index",
        roles(REDIRECT, anonymous=LOGIN, outsider=NOT_FOUND, board_secretary=NOT_FOUND),
        "to the task's form, its take page or its case, as the person may",
    ),
    Rule("*:*:execute", _NOBODYS_TASK, "nobody has taken the task"),
    # Everything else of the engine: dashboards, lists, chart, process and task detail, and its
    # actions on a process or a task.
    Rule("fundingapplication:*", _ENGINE),
    Rule("iop:*", _ENGINE),
]
