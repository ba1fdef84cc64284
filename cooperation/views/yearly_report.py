"""The idea-based sector's sections of the joint yearly report, written by its coordinator."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from common import once

from ..forms.yearly_report import SectorSectionForm
from ..models.yearly_report import SectorReportSection
from ..services import yearly_report as services


def _year(request) -> int:
    text = request.GET.get("year", "")
    return int(text) if text.isdigit() and 2000 <= int(text) <= 2100 else timezone.localdate().year


@login_required
def sector_sections(request):
    year = _year(request)
    services.coordinating_organisation_id(request.user, year)
    form = SectorSectionForm(request.POST or None)
    back = f"{reverse('cooperation:sector_sections')}?year={year}"
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        token = data.pop("form_token")

        def save():
            services.sector_section_save(acting_user=request.user, year=year, **data)
            return back

        return once.act(request, token, save, default=back)
    return render(
        request,
        "cooperation/yearly_report/sections.html",
        {
            "form": form,
            "year": year,
            "sections": SectorReportSection.objects.filter(year=year).select_related(
                "challenge_area"
            ),
        },
        status=400 if form.errors else 200,
    )


@login_required
def sector_section_edit(request, pk):
    section = get_object_or_404(SectorReportSection, pk=pk)
    services.coordinating_organisation_id(request.user, section.year)
    form = SectorSectionForm(request.POST or None, instance=section)
    if request.method == "POST" and form.is_valid():
        # Saving the same section twice changes nothing: no token needed here.
        data = dict(form.cleaned_data)
        data.pop("form_token")
        services.sector_section_save(
            acting_user=request.user, year=section.year, section=section, **data
        )
        return redirect(f"{reverse('cooperation:sector_sections')}?year={section.year}")
    return render(
        request,
        "cooperation/yearly_report/section_edit.html",
        {"form": form, "section": section},
        status=400 if form.errors else 200,
    )
