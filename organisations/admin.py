from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from common.admin import TolerantAutocompleteAdmin
from common.privacy import CollectsPersonalDataAdmin

from . import services
from .forms import EligibilityEvidenceForm
from .models import (
    Absence,
    Board,
    DelegationHolding,
    EligibilityEvidence,
    Membership,
    Organisation,
    User,
)


class MembershipInline(TolerantAutocompleteAdmin, admin.TabularInline):
    model = Membership
    fk_name = "user"
    extra = 0
    autocomplete_fields = ["organisation", "board"]
    fields = ["organisation", "role", "board", "valid_from", "valid_until"]


@admin.register(User)
class UserAdmin(CollectsPersonalDataAdmin, DjangoUserAdmin):
    add_form_template = "admin/privacy/user_add_form.html"
    inlines = [MembershipInline]
    list_display = ["username", "first_name", "last_name", "email", "is_active", "is_staff"]


class EvidenceInline(admin.TabularInline):
    model = EligibilityEvidence
    form = EligibilityEvidenceForm
    extra = 0
    fields = ["kind", "given_on", "expires_on", "value", "file"]


@admin.register(Organisation)
class OrganisationAdmin(CollectsPersonalDataAdmin, admin.ModelAdmin):
    list_display = ["name", "kind", "org_number", "city", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "org_number"]
    inlines = [EvidenceInline]
    fieldsets = [
        (None, {"fields": ["name", "kind", "org_number", "is_active"]}),
        (_("Address and contact"), {"fields": ["street_address", "postal_code", "city", "email"]}),
        (_("Payments"), {"fields": ["giro_kind", "giro_number"]}),
    ]


@admin.register(Board)
class BoardAdmin(TolerantAutocompleteAdmin, admin.ModelAdmin):
    list_display = ["name", "code", "administration", "parent", "is_active"]
    search_fields = ["name", "code"]
    autocomplete_fields = ["administration", "parent"]


@admin.register(Membership)
class MembershipAdmin(CollectsPersonalDataAdmin, TolerantAutocompleteAdmin, admin.ModelAdmin):
    list_display = [
        "user",
        "organisation",
        "role",
        "board",
        "valid_from",
        "valid_until",
        "may_sign_today",
    ]
    list_filter = ["role", "board"]
    search_fields = ["user__username", "organisation__name"]
    autocomplete_fields = ["user", "organisation", "board"]
    readonly_fields = ["signing_approved_by", "signing_approved_at"]
    actions = ["approve_right_to_sign"]

    @admin.display(description=_("may sign today"), boolean=True)
    def may_sign_today(self, obj):
        return obj.may_sign

    def save_model(self, request, obj, form, change):
        if "signing_evidence" in form.changed_data:
            # Other evidence is approved anew: the approval was of the evidence linked.
            obj.signing_approved_by = obj.signing_approved_at = None
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Approve the right to sign of the chosen signatories"))
    def approve_right_to_sign(self, request, queryset):
        for membership in queryset.select_related("user", "signing_evidence"):
            try:
                services.signatory_approve(membership=membership, acting_user=request.user)
            except (PermissionDenied, ValidationError) as refusal:
                self.message_user(request, " ".join(_messages(refusal)), messages.ERROR)
            else:
                self.message_user(
                    request,
                    _("%(person)s may now sign for %(organisation)s.")
                    % {"person": membership.user, "organisation": membership.organisation},
                )


def _messages(refusal) -> list[str]:
    return getattr(refusal, "messages", None) or [str(refusal)]


@admin.register(EligibilityEvidence)
class EligibilityEvidenceAdmin(
    CollectsPersonalDataAdmin, TolerantAutocompleteAdmin, admin.ModelAdmin
):
    form = EligibilityEvidenceForm
    list_display = ["organisation", "kind", "given_on", "expires_on"]
    list_filter = ["kind"]
    search_fields = ["organisation__name"]
    autocomplete_fields = ["organisation"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Absence)
class AbsenceAdmin(CollectsPersonalDataAdmin, TolerantAutocompleteAdmin, admin.ModelAdmin):
    list_display = ["user", "starts_on", "ends_on", "note"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    autocomplete_fields = ["user"]


@admin.register(DelegationHolding)
class DelegationHoldingAdmin(TolerantAutocompleteAdmin, admin.ModelAdmin):
    """Who holds which point of which board's delegation order (delegationsordning)."""

    list_display = ["user", "board", "point", "valid_from", "valid_until"]
    list_filter = ["board"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "point"]
    autocomplete_fields = ["user", "board"]
