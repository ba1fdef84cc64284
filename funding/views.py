"""The association's portal pages for applying: thin views over selectors and services."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from common import once
from common.downloads import private_file_response
from organisations.models import Organisation

from . import eligibility, matching, memos, policy, selectors, services
from .forms import (
    AttachmentForm,
    BoardMeetingForm,
    DelegationListForm,
    FundingSourceForm,
    MoneyForm,
    OtherFundingFormSet,
    ProjectForm,
    ProtocolAnnouncedForm,
    SourceFinderForm,
    StartApplicationForm,
    SubmitApplicationForm,
)
from .models import FundingSource


def _status(form) -> int:
    """400 for a form sent with errors: the Site's Turbo shows a failed POST only so."""
    return 400 if form.is_bound and not form.is_valid() else 200


class _Sent(Exception):
    """The applicant opened a page that changes an application already sent."""


def _editable(request, pk):
    """The application, if this person may change it now. Its applicant coming back to a
    page of it after it was sent (the back button after sending) is shown the application;
    anyone else gets 404."""
    application = policy.get_application_or_404(request.user, pk)
    if not application.is_editable and policy.acts_for_applicant(request.user, application):
        raise _Sent
    return policy.editable_or_404(request.user, application)


def _shows_sent(view):
    """``view`` of an application's part, or the application as sent when it is sent."""

    @wraps(view)
    def page(request, pk, *args, **kwargs):
        try:
            return view(request, pk, *args, **kwargs)
        except _Sent:
            messages.info(request, _("The application is sent. This is what was sent."))
            return HttpResponseRedirect(reverse("funding:application_detail", args=[pk]))

    return page


def _start_form(request, data=None):
    return StartApplicationForm(
        data,
        programmes=selectors.open_programmes(),
        organisations=policy.applicant_organisations(request.user),
    )


@login_required
def overview(request):
    programmes = list(selectors.open_programmes())
    return render(
        request,
        "funding/overview.html",
        {
            "applications": selectors.applications_of(request.user),
            "programmes": programmes,
            # One form per programme: each is its own sending, with its own one-time token.
            "start_forms": [(programme, _start_form(request)) for programme in programmes],
            "may_apply": policy.applicant_organisations(request.user).exists(),
            "reporting_boards": selectors.boards_reported_to(request.user),
            "may_maintain_catalogue": policy.maintains_catalogue(request.user),
        },
    )


@login_required
def application_create(request):
    if request.method == "GET":
        return _start_page(request)
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "POST"])
    form = _start_form(request, request.POST)
    if not form.is_valid():
        return render(request, "funding/application_start.html", {"start_form": form}, status=400)
    data = dict(form.cleaned_data)
    token = data.pop("form_token")

    def create():
        application = services.application_create(acting_user=request.user, **data)
        messages.success(request, _("Your draft is saved. Answer the parts in any order."))
        return reverse("funding:application_detail", args=[application.pk])

    try:
        return once.act(
            request,
            token,
            create,
            default=reverse("funding:overview"),
            message=_("Your draft was already saved; it was sent twice."),
        )
    except ValidationError as error:  # e.g. the programme closed while the form was open
        form.add_error(None, error)
        return render(request, "funding/application_start.html", {"start_form": form}, status=400)


def _start_page(request):
    """The start of an application to the programme ``?programme=`` (from the funding
    finder); a programme not open for applications goes to the list of open ones."""
    form = _start_form(request)
    wanted = request.GET.get("programme", "")
    programmes = form.fields["programme"].queryset
    programme = programmes.filter(pk=wanted).first() if wanted.isdigit() else None
    if programme is None or not policy.applicant_organisations(request.user).exists():
        messages.info(request, _("Choose one of the programmes open for applications."))
        return redirect("funding:overview")
    form.initial["programme"] = programme.pk
    context = {"start_form": form, "programme": programme}
    return render(request, "funding/application_start.html", context)


@login_required
def application_detail(request, pk):
    application = policy.get_application_or_404(request.user, pk)
    return render(
        request,
        "funding/application_detail.html",
        {
            "application": application,
            "parts": selectors.parts_of(application),
            "may_edit": application.is_editable
            and policy.acts_for_applicant(request.user, application),
            "supplement": selectors.open_supplement_request(application),
        },
    )


@login_required
@_shows_sent
def application_project(request, pk):
    application = _editable(request, pk)
    form = ProjectForm(request.POST or None, instance=application)
    if request.method == "POST" and form.is_valid():
        services.application_update(
            application=application,
            acting_user=request.user,
            **{name: form.cleaned_data[name] for name in form.fields},
        )
        messages.success(request, _("Your answers are saved."))
        return redirect("funding:application_detail", pk=pk)
    return render(
        request,
        "funding/application_project.html",
        {"application": application, "form": form},
        status=_status(form),
    )


def _funding_rows(formset) -> list[dict]:
    """Every row as sent, changed or not, except those marked for deletion; an untouched
    empty row has no cleaned data (a formset does not validate it) and is left out."""
    return [
        {key: form.cleaned_data[key] for key in ("funder", "board", "amount", "state")}
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


@login_required
@_shows_sent
def application_money(request, pk):
    application = _editable(request, pk)
    initial = list(application.other_funding.values("funder", "board", "amount", "state"))
    form = MoneyForm(request.POST or None, instance=application)
    formset = OtherFundingFormSet(request.POST or None, initial=initial, prefix="other")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        services.application_update(
            application=application, acting_user=request.user, **form.cleaned_data
        )
        services.other_funding_set(
            application=application, acting_user=request.user, rows=_funding_rows(formset)
        )
        messages.success(request, _("Your answers are saved."))
        return redirect("funding:application_detail", pk=pk)
    return render(
        request,
        "funding/application_money.html",
        {"application": application, "form": form, "formset": formset},
        status=max(_status(form), _status(formset)),
    )


@login_required
@_shows_sent
def application_attachments(request, pk):
    application = _editable(request, pk)
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():

        def attach():
            services.attachment_add(
                application=application,
                acting_user=request.user,
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
            )
            messages.success(request, _("The file is attached."))
            return request.path

        try:
            return once.act(
                request,
                form.cleaned_data["form_token"],
                attach,
                default=request.path,
                message=_("The file was already attached; it was sent twice."),
            )
        except ValidationError as error:  # no room for it: too many files, or too large
            form.add_error("file", error)
    return render(
        request,
        "funding/application_attachments.html",
        {
            "application": application,
            "form": form,
            "required": selectors.required_attachments(application),
            "attachments": application.attachments.all(),
        },
        status=_status(form),
    )


def _attachment_or_404(request, pk, attachment_pk):
    application = policy.get_application_or_404(request.user, pk)
    attachment = application.attachments.filter(pk=attachment_pk).first()
    if attachment is None:
        raise Http404
    return attachment


@login_required
def attachment_download(request, pk, attachment_pk):
    attachment = _attachment_or_404(request, pk, attachment_pk)
    return private_file_response(attachment.file, attachment.original_name)


@login_required
def attachment_remove(request, pk, attachment_pk):
    policy.get_editable_application_or_404(request.user, pk)
    attachment = _attachment_or_404(request, pk, attachment_pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    services.attachment_remove(attachment=attachment, acting_user=request.user)
    messages.success(request, _("The attachment is removed."))
    return redirect("funding:application_attachments", pk=pk)


def check_answers_context(application, problems=None) -> dict:
    return {
        "application": application,
        "problems": eligibility.submission_problems(application) if problems is None else problems,
        "warnings": eligibility.plausibility_warnings(application),
        "other_funding": application.other_funding.select_related("board"),
        "other_funding_total": selectors.other_funding_total(application),
        "attachments": application.attachments.all(),
        "submit_form": SubmitApplicationForm(),
    }


@login_required
@_shows_sent
def application_check(request, pk):
    application = _editable(request, pk)
    return render(request, "funding/application_check.html", check_answers_context(application))


@login_required
def source_finder(request):
    form = SourceFinderForm(request.GET or None)
    matches = None
    if form.is_valid():
        data = form.cleaned_data
        area = data["challenge_area"]
        matches = matching.rank(
            matching.Project(
                purpose=data["purpose"],
                amount=data["amount"],
                organisation_kind=data["organisation_kind"],
                challenge_area_id=area.pk if area else None,
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
            )
        )
    return render(
        request,
        "funding/source_finder.html",
        {
            "form": form,
            "matches": matches,
            "may_maintain_catalogue": policy.maintains_catalogue(request.user),
            "may_apply": policy.applicant_organisations(request.user).exists(),
            "open_programmes": set(selectors.open_programmes().values_list("pk", flat=True)),
        },
    )


def refused(request, application, error: ValidationError):
    """The check page again, with why the application could not be sent."""
    problems = getattr(error, "problems", None) or [
        eligibility.Problem(message) for message in error.messages
    ]
    return render(
        request,
        "funding/application_check.html",
        check_answers_context(application, problems),
        status=400,
    )


@login_required
def organisation_funding(request, pk):
    """Staff: everything one organisation has applied for and been granted, across boards."""
    policy.ensure_sees_all_or_404(request.user)
    organisation = get_object_or_404(Organisation, pk=pk)
    applications, totals = selectors.organisation_funding(organisation)
    return render(
        request,
        "funding/organisation_funding.html",
        {"organisation": organisation, "applications": applications, "totals": totals},
    )


@login_required
def delegated_decisions(request, board_code):
    """The delegated decisions to report at the board's next meeting, and the board's meetings
    with the day each protocol's approval was announced (when the appeal time starts)."""
    board = policy.get_board_for_reporting_or_404(request.user, board_code)
    announcing = request.method == "POST" and "announce-announced_on" in request.POST
    form = BoardMeetingForm(None if announcing else request.POST or None)
    announce_form = ProtocolAnnouncedForm(request.POST if announcing else None, prefix="announce")
    if announcing and announce_form.is_valid():
        meeting = board.meetings.filter(held_on=announce_form.cleaned_data["meeting_date"]).first()
        if meeting is None:
            announce_form.add_error("meeting_date", _("The board has no meeting on that day."))
        else:
            try:
                services.meeting_protocol_announce(
                    meeting=meeting,
                    acting_user=request.user,
                    announced_on=announce_form.cleaned_data["announced_on"],
                )
            except ValidationError as exc:
                announce_form.add_error(None, exc)
            else:
                messages.success(request, _("The announcement of the protocol is recorded."))
                return redirect(request.path)
    if not announcing and request.method == "POST" and form.is_valid():
        # A repeat (say, the back button days later) must not mark newer decisions as
        # reported at this meeting.
        def report():
            count = services.decisions_report_to_board(
                board=board,
                acting_user=request.user,
                meeting_date=form.cleaned_data["meeting_date"],
                protocol_paragraph=form.cleaned_data["protocol_paragraph"],
            )
            messages.success(
                request,
                ngettext(
                    "%(count)d decision is marked as reported.",
                    "%(count)d decisions are marked as reported.",
                    count,
                )
                % {"count": count},
            )
            return request.path

        return once.act(request, form.cleaned_data["form_token"], report, default=request.path)
    return render(
        request,
        "funding/delegated_decisions.html",
        {
            "board": board,
            "decisions": selectors.delegated_decisions(board),
            "meetings": selectors.with_admin_changes(selectors.board_meetings(board)[:12]),
            "form": form,
            "announce_form": announce_form,
            "pdf_form": DelegationListForm(prefix="pdf"),
        },
        status=max(_status(form), _status(announce_form)),
    )


@login_required
def delegated_decisions_pdf(request, board_code):
    """The same decisions as a PDF the secretary puts before the board (never stored: the list
    belongs to no case; the decisions it lists are on theirs)."""
    board = policy.get_board_for_reporting_or_404(request.user, board_code)
    form = DelegationListForm(request.GET, prefix="pdf")
    meeting_date = form.cleaned_data["meeting_date"] if form.is_valid() else None
    pdf = memos.delegation_list_pdf(board, meeting_date=meeting_date, acting_user=request.user)
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"delegationsbeslut-{board.code}-{meeting_date or ''}".rstrip("-")
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def source_list(request):
    """Coordinators: the catalogue of funding sources, to keep up to date."""
    policy.ensure_maintains_catalogue_or_404(request.user)
    sources = FundingSource.objects.select_related("board", "programme").order_by(
        "-is_active", "name"
    )
    return render(request, "funding/source_list.html", {"sources": sources})


@login_required
def source_edit(request, pk=None):
    policy.ensure_maintains_catalogue_or_404(request.user)
    source = get_object_or_404(FundingSource, pk=pk) if pk else FundingSource()
    form = FundingSourceForm(request.POST or None, instance=source)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        token, back = data.pop("form_token"), reverse("funding:source_list")

        def save():
            services.funding_source_save(source=source, acting_user=request.user, **data)
            messages.success(request, _("The funding source is saved."))
            return back

        return once.act(
            request,
            token,
            save,
            default=back,
            message=_("The funding source was already saved; it was sent twice."),
        )
    return render(
        request, "funding/source_form.html", {"form": form, "source": source}, status=_status(form)
    )
