"""The pages for requests for public records of a case: officers and coordinators; 404 for
everyone else, as for a case they do not see."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casework import policy as case_policy
from common import limits, once

from . import disclosure
from .models import DisclosureItem, DisclosureRequest


class RequestForm(forms.Form):
    received_on = forms.DateField(
        label=gettext_lazy("Received on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    description = limits.BoundedText(
        label=gettext_lazy("What is asked for"),
        max_length=limits.SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "As the requester put it. Nobody has to say who they are or why they ask."
        ),
    )
    form_token = once.OneTimeTokenField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, label_suffix="", **kwargs)
        self.fields["received_on"].initial = timezone.localdate()


class ReviewForm(forms.Form):
    outcome = forms.ChoiceField(
        label=gettext_lazy("Outcome"),
        choices=[
            (value, label)
            for value, label in DisclosureItem.Outcome.choices
            if value != DisclosureItem.Outcome.TO_REVIEW
        ],
        widget=forms.RadioSelect,
    )
    provision = forms.CharField(
        label=gettext_lazy("Secrecy provision"), max_length=200, required=False
    )
    note = limits.BoundedText(
        label=gettext_lazy("Reasons"),
        max_length=limits.TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, label_suffix="", **kwargs)


def _review_form(item: DisclosureItem) -> ReviewForm:
    """The review form of one record, its provision filled in from the kind's marking."""
    return ReviewForm(prefix=f"record-{item.pk}", initial={"provision": item.provision})


def _case(request, case_number):
    case = case_policy.get_case_or_404(request.user, case_number=case_number)
    if not disclosure.may_handle(request.user):
        raise Http404
    return case


def _request(request, pk) -> DisclosureRequest:
    if not disclosure.may_handle(request.user):
        raise Http404
    found = get_object_or_404(DisclosureRequest.objects.select_related("case"), pk=pk)
    _case(request, found.case.case_number)
    return found


@login_required
def case_requests(request, case_number):
    """The case's requests for public records, and the form that registers a new one."""
    case = _case(request, case_number)
    form = RequestForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        back = reverse("disclosure:case_requests", args=[case.case_number])

        def register():
            created = disclosure.disclosure_request_register(
                case=case,
                received_on=form.cleaned_data["received_on"],
                description=form.cleaned_data["description"],
                acting_user=request.user,
            )
            messages.success(request, _("The request is registered with the records it covers."))
            return reverse("disclosure:request_detail", args=[created.pk])

        try:
            return once.act(request, form.cleaned_data["form_token"], register, default=back)
        except ValidationError as error:
            form.add_error(None, error)
    return render(
        request,
        "openness/disclosure_case.html",
        {"case": case, "requests": case.disclosure_requests.all(), "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def request_detail(request, pk):
    found = _request(request, pk)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    items = list(found.items.select_related("reviewed_by"))
    return render(
        request,
        "openness/disclosure_request.html",
        {
            "disclosure": found,
            "case": found.case,
            "rows": [(item, _review_form(item) if item.provision else None) for item in items],
            "waiting": sum(item.outcome == DisclosureItem.Outcome.TO_REVIEW for item in items),
        },
    )


@login_required
def item_review(request, pk, item_pk):
    found = _request(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    item = get_object_or_404(found.items, pk=item_pk)
    form = ReviewForm(request.POST, prefix=f"record-{item.pk}")
    back = reverse("disclosure:request_detail", args=[found.pk]) + f"#record-{item.pk}"
    if form.is_valid():
        try:
            disclosure.disclosure_item_review(
                item=item,
                outcome=form.cleaned_data["outcome"],
                provision=form.cleaned_data["provision"],
                note=form.cleaned_data["note"],
                acting_user=request.user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The review is recorded."))
    else:
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
    return redirect(back)


@login_required
def request_copy(request, pk):
    found = _request(request, pk)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    content = disclosure.disclosure_copy(request=found, acting_user=request.user)
    response = HttpResponse(content, content_type="application/zip")
    name = f"{found.case.case_number}-utlamnande-{found.pk}.zip"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
