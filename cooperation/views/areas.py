"""Challenge areas' pages: public for anyone; adding, closing and hosts for coordinators."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from common import once
from common.assurance import may_bind
from documents import rendering
from documents.kinds import Kind

from ..forms.areas import AreaForm, HostPairForm
from ..selectors import areas as selectors
from ..services import areas as services
from ..services import host_assignment as assignment_services

# As the IOP agreement's signing page says it (workflows/iop/views.py).
BINDING = gettext_lazy(
    "Signing binds the party. Log in with e-legitimation at assurance level 3 or higher, then sign."
)


@require_safe
def area_list(request):
    """Every challenge area of the cooperation plan; closed ones keep their page."""
    return render(
        request,
        "cooperation/areas/area_list.html",
        {"areas": selectors.areas(), "may_manage": selectors.may_manage_areas(request.user)},
    )


@require_safe
def area_detail(request, slug):
    """An area's page: what it is about, its hosts, its open needs and offers, and what came
    out of it. Anyone may open it; it shows only what is public or published."""
    area = selectors.area_or_404(slug)
    page = selectors.area_page(area)
    return render(
        request,
        "cooperation/areas/area_detail.html",
        {
            "page": page,
            "assignments": selectors.host_assignments(request.user, page.pairs),
            "may_manage": selectors.may_manage_areas(request.user),
            # A host reads the assignment they act under.
            "is_host": selectors.is_area_host(request.user, area),
            # Who the hosts are and the initiatives under way are for those logged in.
            "shows_people": request.user.is_authenticated,
        },
    )


@login_required
def area_create(request):
    if not selectors.may_manage_areas(request.user):
        raise PermissionDenied
    form = AreaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        back = reverse("cooperation:area_list")

        def open_area():
            area = services.area_open(
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
                acting_user=request.user,
            )
            messages.success(request, _("The challenge area is open."))
            return reverse("cooperation:area_detail", args=[area.slug])

        try:
            return once.act(request, form.cleaned_data["form_token"], open_area, default=back)
        except ValidationError as error:
            form.add_error(None, error)
    return render(request, "cooperation/areas/area_form.html", {"form": form})


def _managed_area_or_404(request, slug):
    if not selectors.may_manage_areas(request.user):
        raise Http404
    return selectors.area_or_404(slug)


@login_required
def area_close(request, slug):
    area = _managed_area_or_404(request, slug)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        services.area_close(area=area, acting_user=request.user)
        messages.success(request, _("The challenge area is closed; its page and history stay."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("cooperation:area_detail", slug=area.slug)


@login_required
def host_pair_create(request, slug):
    area = _managed_area_or_404(request, slug)
    form = HostPairForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        back = reverse("cooperation:area_detail", args=[area.slug])

        def record():
            data = form.cleaned_data
            services.host_pair_record(
                area=area,
                **{name: data[name] for name in HostPairForm.Meta.fields},
                organisation_hosts=list(data["organisation_hosts"]),
                administration_hosts=list(data["administration_hosts"]),
                acting_user=request.user,
            )
            messages.success(request, _("The host pair and its assignment are recorded."))
            return back

        try:
            return once.act(request, form.cleaned_data["form_token"], record, default=back)
        except ValidationError as error:
            form.add_error(None, error)
    return render(request, "cooperation/areas/host_pair_form.html", {"form": form, "area": area})


@login_required
def host_assignment_pdf(request, pk):
    """The host assignment: the stored final agreement once it is made (this address came
    before it was stored, so links in flight lead to it); a pair recorded before then, until
    its agreement is made, has it produced on request as before."""
    pair = selectors.host_pair_for_user_or_404(request.user, pk)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET"])
    document = selectors.host_assignment(pair)
    if document is not None:
        return redirect("documents:document_download", pk=document.pk)
    response = HttpResponse(
        rendering.render_pdf(Kind.HOST_ASSIGNMENT, selectors.host_assignment_context(pair)),
        content_type="application/pdf",
    )
    name = f"vardskapsuppdrag-{pair.area.slug}-{pair.period_start.year}"
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def host_assignment_make(request, pk):
    """A coordinator or officer makes the pair's assignment as a final agreement (again, as
    a new version, after the pair changed); the worker produces it."""
    if not selectors.may_manage_areas(request.user):
        raise Http404
    pair = selectors.host_pair_for_user_or_404(request.user, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    document = assignment_services.host_assignment_request(pair=pair, acting_user=request.user)
    messages.success(request, _("The host assignment is being produced for signing."))
    return redirect(document.get_absolute_url())


@login_required
def host_assignment_sign(request, pk):
    """A party's signatory signs the final host assignment; the municipality seals it once
    both parties have signed."""
    pair = selectors.host_pair_for_user_or_404(request.user, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not may_bind(request):
        messages.error(request, BINDING)
        return redirect("cooperation:area_detail", slug=pair.area.slug)
    try:
        assignment_services.host_assignment_sign(pair=pair, acting_user=request.user)
        messages.success(request, _("You have signed the host assignment."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("cooperation:area_detail", slug=pair.area.slug)
