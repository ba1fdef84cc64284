"""The IOP pages outside the task inbox: propose, register an assignment, follow a case."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from casework import policy as case_policy
from casework import selectors as case_selectors
from casework.forms import CommentForm
from common import once
from common.forms import add_errors, form_page
from identity.gate import binding_act
from organisations import policy as org_policy
from organisations.models import Organisation
from partnerships import forms, policy, selectors
from partnerships import services as domain
from partnerships.models import Status

from ..actions import WorkflowAction
from . import services
from .flows import IOPFlow


def _url(inquiry) -> str:
    return reverse("partnerships:inquiry", args=[inquiry.case.case_number])


def _inquiry(data) -> dict:
    """What the person wrote and chose: the inquiry's fields and its parties."""
    names = ("title", "purpose", "target_group", "public_benefit_goal", "challenge_area")
    names += ("boards", "partners", "contributions")
    return {name: data[name] for name in names}


@login_required
@binding_act
def propose(request):
    """An idea-based organisation's member proposes a partnership, for the organisation they
    choose among those they act for."""
    ids = org_policy.roles_of(request.user).organisation_ids
    organisations = Organisation.objects.filter(pk__in=ids).order_by("name", "pk")
    if not organisations:
        raise Http404
    form = forms.ProposalForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def register():
            inquiry = services.inquiry_propose(
                acting_user=request.user, organisation=data["organisation"], **_inquiry(data)
            )
            messages.success(
                request,
                _("Your proposal is registered as case %(case)s.")
                % {"case": inquiry.case.case_number},
            )
            return _url(inquiry)

        message = _("Your proposal was already registered; it was sent twice.")
        try:
            return once.act(
                request, data["form_token"], register, default=reverse("home"), message=message
            )
        except ValidationError as error:
            add_errors(form, error)
    context = {"form": form, "organisation": form.only}
    return render(request, "partnerships/propose.html", context)


@login_required
def register_assignment(request):
    """An officer registers an assignment from the executive board."""
    if not policy.is_officer(request.user):
        raise PermissionDenied
    form = forms.AssignmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def register():
            inquiry = services.inquiry_register_assignment(
                acting_user=request.user,
                lead=data["lead"],
                assignment_reference=data["assignment_reference"],
                **_inquiry(data),
            )
            return _url(inquiry)

        message = _("The assignment was already registered; it was sent twice.")
        try:
            return once.act(
                request, data["form_token"], register, default=reverse("home"), message=message
            )
        except ValidationError as error:
            add_errors(form, error)
    return render(request, "partnerships/propose.html", {"form": form, "assignment": True})


@login_required
def inquiry_detail(request, case_number):
    """Where the inquiry stands, who has it, what happened when, and its shared comments."""
    inquiry = policy.get_inquiry_or_404(request.user, case__case_number=case_number)
    case = inquiry.case
    is_staff = org_policy.is_staff_member(request.user)
    return render(
        request,
        "partnerships/inquiry_detail.html",
        {
            "inquiry": inquiry,
            "case": case,
            "parties": inquiry.parties.select_related("organisation", "board"),
            "legal_parties": selectors.legal_parties(inquiry),
            "version": selectors.latest_version(inquiry),
            "open_tasks": _open_tasks(inquiry),
            "decisions": inquiry.board_decisions.select_related("board"),
            "signatures": inquiry.signatures.select_related(
                "party__organisation", "party__board", "signed_by", "record"
            ),
            "events": _timeline(case),
            "comments": case_policy.visible_comments(request.user, case),
            "comment_form": CommentForm(may_comment_internally=is_staff),
            "may_end": services.how_may_end(request.user, inquiry),
            "may_terminate": bool(policy.terminable_parties(request.user, inquiry)),
            **_state_aid_links(request.user, inquiry),
            "may_leave": bool(policy.leavable_parties(request.user, inquiry)),
            "follow_ups": inquiry.follow_ups.prefetch_related("reports__organisation"),
            "renewals": inquiry.renewals.select_related("decided_by"),
            "termination": getattr(inquiry, "termination", None),
        },
    )


def _state_aid_links(user, inquiry) -> dict:
    """Whether ``user`` declares de minimis aid here, or may override the procurement answers."""
    assessment = getattr(inquiry, "legal_assessment", None)
    return {
        "may_declare": bool(policy.declaring_parties(user, inquiry)),
        "may_override": bool(
            assessment
            and assessment.is_procurement
            and inquiry.status == Status.INVESTIGATION
            and policy.may_override_procurement(user)
        ),
    }


def _timeline(case) -> list[dict]:
    """The case's history in words: what happened, by whom, from which status to which.

    Steps the engine takes by itself (splits, joins, the start) leave no row: only people's
    work is listed."""
    rows = []
    for event in case_selectors.case_history(case):
        if event.action == WorkflowAction.TASK_COMPLETED and event.actor is None:
            continue
        what = event.action_label
        if event.action == WorkflowAction.TASK_COMPLETED:
            node = getattr(IOPFlow.instance, event.data.get("task", ""), None)
            what = f"{what}: {node.task_title}" if node is not None else what
        rows.append(
            {
                "at": event.at,
                "what": what,
                "actor": event.actor,
                "from_state": event.from_state_label,
                "to_state": event.to_state_label,
                "reason": event.reason,
            }
        )
    return rows


def _open_tasks(inquiry) -> list:
    """The open tasks of the inquiry's process: what waits, and who has it or may take it."""
    return list(
        Task.objects.filter(
            process__artifact_object_id=inquiry.pk,
            process__flow_class=IOPFlow,
            status__in=[STATUS.NEW, STATUS.ASSIGNED],
        )
        .select_related("owner")
        .order_by("pk")
    )


@login_required
def end_inquiry(request, case_number):
    """Withdraw the inquiry (its organisation) or close it without an agreement (an officer)."""
    inquiry = policy.get_inquiry_or_404(request.user, case__case_number=case_number)
    how = services.how_may_end(request.user, inquiry)
    if not how:
        return _already_ended(request, inquiry)

    def end(data) -> str:
        services.inquiry_end(inquiry=inquiry, acting_user=request.user, reason=data["reason"])
        return _("The inquiry is closed. The organisation has been told.")

    return form_page(
        request,
        forms.ReasonForm(request.POST or None, required=how == services.CLOSE),
        "partnerships/end.html",
        {"inquiry": inquiry, "how": how},
        act=end,
        back=_url(inquiry),
    )


@login_required
@binding_act
def terminate_agreement(request, case_number):
    """A party terminates the active agreement, with its reason (an officer for the city)."""
    return _party_page(
        request,
        case_number,
        parties_of=policy.terminable_parties,
        form_class=forms.TerminationForm,
        service=services.partnership_terminate,
        done=lambda data: _("The agreement is terminated. The organisation is told."),
        template="partnerships/terminate.html",
        more=lambda inquiry: {"version": selectors.signed_version(inquiry)},
    )


@login_required
def procurement_override(request, case_number):
    """A decision-maker lets an investigation whose answers say procurement go on as an IOP,
    with reasons kept in the case. The page is there only while such an investigation is."""
    inquiry = policy.get_inquiry_or_404(request.user, case__case_number=case_number)
    assessment = getattr(inquiry, "legal_assessment", None)
    if not (
        policy.may_override_procurement(request.user)
        and inquiry.status == Status.INVESTIGATION
        and assessment is not None
        and assessment.is_procurement
    ):
        raise Http404
    form = forms.ProcurementOverrideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():

        def override():
            services.procurement_override(
                inquiry=inquiry, acting_user=request.user, reasons=form.cleaned_data["reasons"]
            )
            messages.success(request, _("The override and its reasons are recorded."))
            return _url(inquiry)

        try:
            return once.act(
                request, form.cleaned_data["form_token"], override, default=_url(inquiry)
            )
        except ValidationError as error:
            add_errors(form, error)
    context = {"form": form, "inquiry": inquiry, "assessment": assessment}
    return render(request, "partnerships/procurement_override.html", context)


@login_required
def de_minimis_declaration(request, case_number):
    """An idea-based party's member declares the organisation's other de minimis aid of the
    last three years, with the case. They see their own declaration, never a ledger."""
    inquiry = policy.get_inquiry_or_404(request.user, case__case_number=case_number)
    parties = policy.declaring_parties(request.user, inquiry)
    if not parties:
        raise Http404
    data = request.POST if request.method == "POST" else None
    form = forms.DeclarationForm(data, parties=parties)
    formset = forms.DeclaredAidFormSet(data, prefix="aid")
    if data is not None and form.is_valid() and formset.is_valid():
        aids = [
            domain.DeclaredAidInput(**row.cleaned_data)
            for row in formset
            if row.has_changed() and row.cleaned_data
        ]

        def declare():
            services.de_minimis_declare(
                inquiry=inquiry,
                organisation=form.cleaned_data["organisation"],
                acting_user=request.user,
                aids=aids,
            )
            messages.success(request, _("Your declaration is saved with the case."))
            return _url(inquiry)

        try:
            return once.act(
                request, form.cleaned_data["form_token"], declare, default=_url(inquiry)
            )
        except ValidationError as error:
            add_errors(form, error)
    own = [party.organisation_id for party in parties]
    declarations = inquiry.de_minimis_declarations.filter(organisation_id__in=own)
    context = {
        "form": form,
        "formset": formset,
        "inquiry": inquiry,
        "declarations": declarations.select_related("organisation").prefetch_related("aids"),
    }
    return render(request, "partnerships/de_minimis_declaration.html", context)


@login_required
@binding_act
def leave_inquiry(request, case_number):
    """A party other than the one whose case it is leaves the inquiry (it goes on without it),
    by a person with the right to sign for it."""
    return _party_page(
        request,
        case_number,
        parties_of=policy.leavable_parties,
        form_class=forms.LeaveForm,
        service=services.inquiry_leave,
        done=lambda data: _("%(party)s has left the inquiry.") % data,
        template="partnerships/leave.html",
    )


def _party_page(
    request, case_number, *, parties_of, form_class, service, done, template, more=None
):
    """A page where a person acts for one of the parties they may act for (``parties_of``):
    a form of those parties, sent once, whose answers go to ``service``; ``done(answers)`` is
    the message afterwards, ``more(inquiry)`` what else the page shows. Nobody's party left
    to act for: the inquiry has ended (a repeat of the sending goes back to it) or 404."""
    inquiry = policy.get_inquiry_or_404(request.user, case__case_number=case_number)
    parties = parties_of(request.user, inquiry)
    if not parties:
        return _already_ended(request, inquiry)
    form = form_class(request.POST or None, parties=parties)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        token = data.pop("form_token")

        def act():
            service(inquiry=inquiry, acting_user=request.user, **data)
            messages.success(request, done(data))
            return _url(inquiry)

        try:
            return once.act(request, token, act, default=_url(inquiry))
        except ValidationError as error:
            add_errors(form, error)
    context = {"form": form, "inquiry": inquiry, **(more(inquiry) if more else {})}
    return render(request, template, context)


def _already_ended(request, inquiry):
    """A repeat of the sending that ended the inquiry goes back to it; anything else is 404."""
    token = request.POST.get(once.FIELD_NAME, "")
    if request.method != "POST" or once.went_to(request, token) is None:
        raise Http404
    return once.repeat(request, token, default=_url(inquiry))
