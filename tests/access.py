"""Every URL that carries an object id, and how to make an object for it.

``test_object_urls.py`` walks the URL resolver: a pattern with a parameter that is neither
registered here nor exempt fails the suite, so a new page cannot land without its rule. Each
maker receives an organisation and returns the URL kwargs of an object that belongs to it;
a member of another organisation must get 404 for it, for GET and for POST.
"""

from collections.abc import Callable
from types import SimpleNamespace

from django.urls import URLResolver

from demo import files
from tests import factories

ObjectMaker = Callable[..., dict]

OBJECT_URLS: dict[str, ObjectMaker] = {}
# Object URLs that are public pages (anyone may open them, logged in or not), with why: they
# have a maker for the permission matrix, and their own test of what they show.
PUBLIC_OBJECT_URLS: dict[str, str] = {}

# Namespaces whose pages never show one organisation's objects to another's members, with why.
EXEMPT_NAMESPACES = {
    "admin": "the Django admin is for administrators only (see test_admin_is_for_staff)",
    "api": "the read API answers 401, not a login page; tests/api/test_access.py walks its URLs",
    "identity": "its one parameter is an OpenID provider's short name, on everyone's login page",
}


def object_url(name: str):
    def register(maker: ObjectMaker) -> ObjectMaker:
        OBJECT_URLS[name] = maker
        return maker

    return register


@object_url("casework:case_detail")
@object_url("casework:comment_create")
def _case(organisation) -> dict:
    return {"case_number": factories.CaseFactory(organisation=organisation).case_number}


@object_url("disclosure:case_requests")
def _disclosure_case(organisation) -> dict:
    return _case(organisation)


@object_url("disclosure:item_review")
def _disclosure_item(organisation) -> dict:
    from django.utils import timezone

    from openness.models import DisclosureItem, DisclosureRequest

    case = factories.CaseFactory(organisation=organisation)
    request = DisclosureRequest.objects.create(
        case=case,
        received_on=timezone.localdate(),
        description="Alla handlingar i ärendet",
        registered_by=factories.UserFactory(),
    )
    item = DisclosureItem.objects.create(
        request=request,
        record_kind="comment",
        record_id=1,
        label="Kommentar",
        dated=timezone.now(),
        provision="OSL 26 kap. 1 §",
        outcome=DisclosureItem.Outcome.TO_REVIEW,
    )
    return {"pk": request.pk, "item_pk": item.pk}


@object_url("disclosure:request_detail")
@object_url("disclosure:request_copy")
def _disclosure_request(organisation) -> dict:
    return {"pk": _disclosure_item(organisation)["pk"]}


@object_url("casework:clock_action")
def _case_clock(organisation) -> dict:
    return {**_case(organisation), "action": "pause"}


@object_url("organisations:organisation_detail")
def _organisation(organisation) -> dict:
    return {"pk": organisation.pk}


@object_url("organisations:absence_delete")
def _absence(organisation) -> dict:
    from organisations.models import Absence

    person = factories.member(organisation)
    absence = Absence.objects.create(user=person, starts_on="2026-12-20", ends_on="2027-01-06")
    return {"pk": absence.pk}


@object_url("api_tokens:token_revoke")
def _api_token(organisation) -> dict:
    from api import services

    token, _key = services.token_create(
        user=factories.member(organisation),
        acting_user=None,
        name="E-arkiv",
        resources=["cases"],
        valid_days=90,
    )
    return {"pk": token.pk}


@object_url("organisations:representation_list")
@object_url("organisations:representation_propose")
@object_url("organisations:invitation_send")
def _organisation_represented(organisation) -> dict:
    return {"pk": organisation.pk}


def _representation(organisation, **fields):
    from django.utils import timezone

    from organisations.models import Representation, Role

    return Representation.objects.create(
        person=factories.UserFactory(),
        organisation=organisation,
        role=Role.SIGNATORY,
        basis=Representation.Basis.EVIDENCE,
        valid_from=timezone.localdate(),
        **fields,
    )


@object_url("organisations:representation_decide")
def _representation_proposed(organisation) -> dict:
    return {"pk": _representation(organisation).pk}


@object_url("organisations:representation_revoke")
def _representation_current(organisation) -> dict:
    from django.utils import timezone

    return {"pk": _representation(organisation, approved_at=timezone.now()).pk}


@object_url("organisations:evidence_file")
def _evidence(organisation) -> dict:
    from django.core.files.base import ContentFile

    evidence = factories.EvidenceFactory(organisation=organisation)
    evidence.file.save("stadgar.pdf", ContentFile(b"%PDF-1.4 stadgar"), save=True)
    return {"pk": evidence.pk}


# Funding: the association's portal pages, and every page of the funding workflow ------------


@object_url("funding:application_detail")
@object_url("funding:application_project")
@object_url("funding:application_money")
@object_url("funding:application_attachments")
@object_url("funding:application_check")
@object_url("funding:application_submit")
def _funding_draft(organisation) -> dict:
    return {"pk": factories.funding_draft(factories.eligible(organisation)).pk}


@object_url("funding:repayment")
@object_url("funding:decision_route")
def _funding_application(organisation) -> dict:
    return {"pk": factories.funding_process(organisation).artifact_object_id}


@object_url("funding:attachment_download")
@object_url("funding:attachment_remove")
def _funding_attachment(organisation) -> dict:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from funding import services

    application = factories.funding_draft(organisation)
    attachment = services.attachment_add(
        application=application,
        acting_user=application.created_by,
        kind="budget",
        upload=SimpleUploadedFile("budget.pdf", files.pdf("budget")),
    )
    return {"pk": application.pk, "attachment_pk": attachment.pk}


def _flow_task_maker(node, make_process=None):
    """A process of ``organisation`` with an open task of ``node`` (the node's own pages): a
    task id is opened only under its own node's URL (``workflows/scoping.py``)."""

    def make(organisation) -> dict:
        from viewflow.workflow.models import Task
        from viewflow.workflow.status import STATUS

        process = (make_process or factories.funding_process)(organisation)
        task = Task(
            process=process,
            flow_task=node,
            flow_task_type=node.task_type,
            status=STATUS.NEW,
            data=_split_item(node, process) or {},
        )
        if hasattr(node, "calc_owner_permission"):
            # Who may take it, as viewflow sets it when the flow creates the task: without it a
            # task is open to everyone, and the permission matrix would say so.
            activation = node.activation_class(task)
            task.owner_permission = node.calc_owner_permission(activation)
            if task.owner_permission:
                task.owner_permission_obj = node.calc_owner_permission_obj(activation)
        task.save()
        return {"process_pk": process.pk, "task_pk": task.pk}

    return make


def _split_item(node, process) -> dict | None:
    """The data a parallel split gives a task of ``node`` (its board or party), as the flow
    would: the first item of the split's data source for this process."""
    from workflows.nodes import ForEachSplit

    for split in node.flow_class.instance.nodes():
        if isinstance(split, ForEachSplit):
            for target, _condition, source in split._branches:
                if target is node and source is not None:
                    items = source(SimpleNamespace(process=process))
                    return items[0] if items else None
    return None


def _register_flow(flow_class) -> None:
    namespace = flow_class.instance.app_name
    for name in ("process_detail", "process_cancel", "process_chart"):
        object_url(f"{namespace}:{name}")(
            lambda organisation: {"process_pk": factories.funding_process(organisation).pk}
        )
    for node in flow_class.instance.nodes():
        patterns, _app_name, node_namespace = node.urls
        for name in _names(patterns):
            object_url(f"{namespace}:{node_namespace}:{name}")(_flow_task_maker(node))


def _names(patterns):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _names(entry.url_patterns)
        elif entry.name:
            yield entry.name


def _register_flows() -> None:
    from workflows.funding.flows import FundingApplicationFlow

    _register_flow(FundingApplicationFlow)


_register_flows()


# IOP: the partnership pages, and every page of the IOP workflow -------------------------------


def _partner():
    """Another party of the IOP: a public body of its own (a university). The outsider is a
    member of none of the parties, and gets 404 still; tests/hardening/test_iop_parties.py
    shows that the partner's members see the case."""
    return factories.OrganisationFactory(kind="academia")


@object_url("partnerships:inquiry")
def _iop_inquiry(organisation) -> dict:
    inquiry = factories.iop_inquiry(organisation, partners=[_partner()])
    return {"case_number": inquiry.case.case_number}


def _iop_process(organisation):
    return factories.iop_process(organisation, partners=[_partner()])


def _register_iop_flow() -> None:
    from workflows.iop.flows import IOPFlow

    namespace = IOPFlow.instance.app_name
    for name in ("process_detail", "process_cancel", "process_chart"):
        object_url(f"{namespace}:{name}")(
            lambda organisation: {
                "process_pk": factories.iop_process(organisation, partners=[_partner()]).pk
            }
        )
    for node in IOPFlow.instance.nodes():
        patterns, _app_name, node_namespace = node.urls
        for name in _names(patterns):
            object_url(f"{namespace}:{node_namespace}:{name}")(_flow_task_maker(node, _iop_process))


_register_iop_flow()


@object_url("workflows:pass_on")
def _held_task(organisation) -> dict:
    """An open task of ``organisation``'s case held by an officer no role of the matrix is."""
    from viewflow.workflow.models import Task
    from viewflow.workflow.status import STATUS

    process = factories.funding_process(organisation)
    task = Task.objects.filter(process=process, status=STATUS.NEW).first()
    task.owner, task.status = factories.staff(), STATUS.ASSIGNED
    task.save()
    return {"task_pk": task.pk}


@object_url("funding:organisation_funding")
def _funding_of_organisation(organisation) -> dict:
    factories.funding_process(organisation)
    return {"pk": organisation.pk}


@object_url("funding:delegated_decisions")
@object_url("funding:delegated_decisions_pdf")
def _delegated_decisions(organisation) -> dict:
    return {"board_code": factories.FundingProgrammeFactory().board.code}


@object_url("exports:delegated_decisions_csv")
@object_url("exports:delegated_decisions_xlsx")
def _delegated_decisions_export(organisation) -> dict:
    return _delegated_decisions(organisation)


@object_url("funding:source_edit")
def _funding_source(organisation) -> dict:
    from funding.models import FundingSource

    source = FundingSource.objects.create(
        name="Ungdomsfonden", provider="Stiftelsen", provider_kind="foundation", purpose="Unga."
    )
    return {"pk": source.pk}


@object_url("partnerships:leave")
@object_url("partnerships:terminate")
@object_url("partnerships:end")
def _iop_inquiry_end(organisation) -> dict:
    return {"case_number": factories.iop_process(organisation).inquiry.case.case_number}


@object_url("partnerships:de_minimis_declaration")
def _iop_declaration(organisation) -> dict:
    return {"case_number": factories.iop_inquiry(organisation).case.case_number}


@object_url("partnerships:procurement_override")
def _iop_procurement(organisation) -> dict:
    """An inquiry under investigation whose legal assessment's answers say procurement."""
    from partnerships import services
    from tests.partnerships.helpers import ASSESSMENT, SCREENING

    officer = factories.staff()
    inquiry = factories.iop_inquiry(organisation)
    services.screening_record(inquiry=inquiry, acting_user=officer, answers=SCREENING)
    procurement = {**ASSESSMENT, "counter_performance": True, "direct_economic_interest": True}
    services.legal_assessment_save(inquiry=inquiry, acting_user=officer, data=procurement)
    return {"case_number": inquiry.case.case_number}


# The documents app registers its own pages (they need documents made through its services).
from tests.documents import access as _documents_access  # noqa: E402, F401

# The follow-up app registers its own pages (its objects belong to no organisation).
from tests.followup import access as _followup_access  # noqa: E402, F401


@object_url("workflows:task_open")
def _association_task(organisation) -> dict:
    """A task waiting for ``organisation`` to take it: its answer to a supplement request."""
    from workflows.funding.flows import FundingApplicationFlow

    made = _flow_task_maker(FundingApplicationFlow.answer_supplement)(organisation)
    return {"task_pk": made["task_pk"]}


# The cooperation surface's challenge areas and matching register their own makers.
from tests.cooperation import access_areas as _cooperation_areas_access  # noqa: E402, F401

# The records manager's pages register their own makers (a disposal list, a legal hold).
# The cooperation surface's dialogues and initiatives register their own makers.
from tests.cooperation import access_dialogues as _dialogues_access  # noqa: E402, F401

# The cooperation directory, training and the sector's report sections register their own.
from tests.cooperation import access_directory as _cooperation_directory_access  # noqa: E402, F401
from tests.records import access as _records_access  # noqa: E402, F401
