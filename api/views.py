"""Read-only endpoints. Every queryset starts from the apps' policy modules, the same rules
as the portal's pages: an object the user may not see is simply not there (404)."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.exceptions import ValidationError

from casework import selectors as case_selectors
from casework.forms import CaseFilterForm
from casework.models import Case
from documents import policy as document_policy
from funding import policy as funding_policy
from funding.models import Decision, Payout
from partnerships import policy as partnership_policy
from partnerships.models import Signature

from . import serializers
from .models import Resource

# Any value reaches the view, so that an id of the wrong shape (``/api/decisions/0.5/``) is the
# API's JSON 404, as the schema documents, not the site's HTML page.
ANY_ID = r"[^/]+"


_SEARCH = {
    "type": "string",
    "maxLength": CaseFilterForm.base_fields["q"].max_length,
    # A form field refuses the NUL character, and so does the query.
    "pattern": "^[^\\x00]*$",
}


def _case_filters(params) -> dict:
    """The case list page's filters, as strictly as the schema declares them: a value it does
    not allow is a 400 saying which, never silently no filter."""
    form = CaseFilterForm(params)
    errors = {
        field: [error["message"] for error in field_errors]
        for field, field_errors in form.errors.get_json_data().items()
    }
    if "kind" in params and params["kind"] not in Case.Kind.values:
        errors["kind"] = [_("Not a kind of case.")]
    if params.get("open_only", "false") not in ("true", "false"):
        errors["open_only"] = [_("Give true or false.")]
    if errors:
        raise ValidationError(errors)
    return form.cleaned_data


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("q", _SEARCH, description="Case number, title or organisation."),
            OpenApiParameter("kind", str, enum=Case.Kind.values),
            OpenApiParameter("open_only", bool, description="Only cases not yet closed."),
        ]
    )
)
class CaseViewSet(viewsets.ReadOnlyModelViewSet):
    """Cases the user may see: IOP inquiries and funding applications alike. The list takes
    the case list page's filters."""

    resource = Resource.CASES
    serializer_class = serializers.CaseSerializer
    lookup_field = "case_number"
    lookup_value_regex = ANY_ID

    def get_queryset(self):
        filters = _case_filters(self.request.query_params) if self.action == "list" else {}
        cases = case_selectors.case_list(
            self.request.user,
            query=filters.get("q", ""),
            kind=filters.get("kind", ""),
            open_only=filters.get("open_only", False),
        )
        return cases.prefetch_related("boards").order_by("-registered_at", "-pk")


class AgreementViewSet(viewsets.ReadOnlyModelViewSet):
    """IOP agreements (drafts and signed), one per inquiry, by the inquiry's case number."""

    resource = Resource.AGREEMENTS
    serializer_class = serializers.AgreementSerializer
    lookup_field = "case__case_number"
    lookup_url_kwarg = "case_number"
    lookup_value_regex = ANY_ID

    def get_queryset(self):
        inquiries = partnership_policy.visible_inquiries(self.request.user)
        return (
            inquiries.filter(agreement_versions__isnull=False)
            .distinct()
            .select_related("case")
            .prefetch_related(
                "parties__organisation",
                "parties__board",
                Prefetch("signatures", Signature.objects.select_related("version")),
            )
            .order_by("-case__registered_at", "-pk")
        )


class DecisionViewSet(viewsets.ReadOnlyModelViewSet):
    """Funding decisions on the applications the user may see."""

    resource = Resource.DECISIONS
    lookup_value_regex = ANY_ID
    serializer_class = serializers.DecisionSerializer

    def get_queryset(self):
        applications = funding_policy.visible_applications(self.request.user)
        return (
            Decision.objects.filter(application__in=applications)
            .select_related(
                "application__case", "application__organisation", "application__programme"
            )
            .order_by("-decided_at", "-pk")
        )


class PayoutViewSet(viewsets.ReadOnlyModelViewSet):
    """Payouts on the applications the user may see."""

    resource = Resource.PAYOUTS
    lookup_value_regex = ANY_ID
    serializer_class = serializers.PayoutSerializer

    def get_queryset(self):
        applications = funding_policy.visible_applications(self.request.user)
        return (
            Payout.objects.filter(application__in=applications)
            .select_related("application__case", "application__organisation")
            .order_by("-paid_on", "-pk")
        )


class DocumentViewSet(viewsets.ReadOnlyModelViewSet):
    """Documents' metadata, for the documents the user may see."""

    resource = Resource.DOCUMENTS
    lookup_value_regex = ANY_ID
    serializer_class = serializers.DocumentSerializer

    def get_queryset(self):
        return (
            document_policy.visible_documents(self.request.user)
            .select_related("case")
            .order_by("-created_at", "-pk")
        )
