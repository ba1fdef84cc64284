"""Follow-up pages for staff who see every case: dashboard, annual report, mapping."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dateparse import parse_date

from common import once
from documents import rendering
from documents.kinds import Kind

from . import policy, selectors, services
from .forms import MappingFilterForm, NarrativeSectionForm, YearForm
from .models import NarrativeSection


def _year(request) -> int:
    form = YearForm(request.GET)
    return form.cleaned_data["year"] if form.is_valid() else timezone.localdate().year


@login_required
def dashboard(request):
    policy.ensure_may_follow_up(request.user)
    return render(
        request,
        "followup/dashboard.html",
        {
            "iop_stages": selectors.iop_stages(),
            "funding_stages": selectors.funding_stages(),
            "overdue": selectors.overdue_tasks(request.user),
            "budgets": selectors.programme_budgets(),
            "deadline_counts": selectors.deadline_counts(),
            "deadlines": selectors.upcoming_deadlines(),
            "late_deadlines": selectors.overdue_deadlines(),
            "year": timezone.localdate().year,
        },
    )


@login_required
def annual_report(request):
    policy.ensure_may_follow_up(request.user)
    year = _year(request)
    return render(
        request,
        "followup/annual_report.html",
        {
            "report": selectors.annual_report(year),
            "may_write": policy.may_write_narrative(request.user),
        },
    )


@login_required
def annual_report_pdf(request):
    """The report as a PDF/A, made on request: it belongs to no case, so nothing is stored."""
    policy.ensure_may_follow_up(request.user)
    year = _year(request)
    with translation.override("sv"):
        report = selectors.annual_report(year)
    response = HttpResponse(
        rendering.render_pdf(Kind.ANNUAL_REPORT, report), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="arsrapport-{year}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def annual_report_memo_pdf(request):
    """The memo to the executive board on the year's report, the mapping attached: made on
    request like the report, nothing stored. ``?meeting=YYYY-MM-DD`` dates the working
    committee's meeting."""
    policy.ensure_may_follow_up(request.user)
    year = _year(request)
    meeting = _date_or_none(request.GET.get("meeting", ""))
    with translation.override("sv"):
        memo = selectors.annual_report_memo(year, meeting_date=meeting)
    response = HttpResponse(
        rendering.render_pdf(Kind.ANNUAL_REPORT_MEMO, memo), content_type="application/pdf"
    )
    filename = f"tjansteskrivelse-arsrapport-{year}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _date_or_none(text: str):
    try:
        return parse_date(text[:10])
    except ValueError:
        return None


@login_required
def mapping(request):
    policy.ensure_may_follow_up(request.user)
    form = MappingFilterForm(request.GET or {"year": timezone.localdate().year})
    filters = form.cleaned_data if form.is_valid() else {}
    year = filters.get("year") or timezone.localdate().year
    area = filters.get("area")
    result = selectors.collaboration_map(year, challenge_area_id=area.pk if area else None)
    return render(
        request,
        "followup/mapping.html",
        {"form": form, "mapping": result, "picture": selectors.matrix_picture(result)},
    )


@login_required
def narrative_sections(request):
    policy.ensure_may_write_narrative(request.user)
    year = _year(request)
    form = NarrativeSectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        token = data.pop("form_token")
        back = f"{reverse('followup:narrative_sections')}?year={year}"

        def save():
            services.narrative_section_save(acting_user=request.user, year=year, **data)
            return back

        return once.act(request, token, save, default=back)
    return render(
        request,
        "followup/narrative_sections.html",
        {
            "form": form,
            "year": year,
            "sections": NarrativeSection.objects.filter(year=year),
        },
        status=400 if form.errors else 200,
    )


@login_required
def narrative_section_edit(request, pk):
    policy.ensure_may_write_narrative(request.user)
    section = get_object_or_404(NarrativeSection, pk=pk)
    back = f"{reverse('followup:narrative_sections')}?year={section.year}"
    if request.method == "POST" and "delete" in request.POST:
        services.narrative_section_delete(acting_user=request.user, section=section)
        return redirect(back)
    form = NarrativeSectionForm(request.POST or None, instance=section)
    if request.method == "POST" and form.is_valid():
        # Saving the same section twice changes nothing: no token needed here.
        data = dict(form.cleaned_data)
        data.pop("form_token")
        services.narrative_section_save(
            acting_user=request.user, year=section.year, section=section, **data
        )
        return redirect(back)
    return render(
        request,
        "followup/narrative_section_edit.html",
        {"form": form, "section": section, "back": back},
        status=400 if form.errors else 200,
    )
