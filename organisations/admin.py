from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from common.admin import TolerantAutocompleteAdmin
from common.privacy import CollectsPersonalDataAdmin

from . import services
from .forms import EligibilityEvidenceForm
from .models import (
    Absence,
    Board,
    BoardSigningAuthority,
    DelegationHolding,
    EligibilityEvidence,
    EnrolmentCode,
    Membership,
    Organisation,
    Representation,
    SecondFactorDevice,
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
    list_filter = [*DjangoUserAdmin.list_filter, "is_demo"]
    actions = ["issue_enrolment_codes"]

    @admin.action(
        description=_("Issue a one-time code for pairing an authenticator app"),
        permissions=["add_enrolment_code"],
    )
    def issue_enrolment_codes(self, request, queryset):
        """Shown once, on this page only (never in a message, which the session would keep)."""
        issued = []
        for user in queryset.order_by("username"):
            code, record = services.enrolment_code_issue(user=user, acting_user=request.user)
            issued.append({"user": user, "code": code, "expires_at": record.expires_at})
        return TemplateResponse(
            request,
            "admin/organisations/enrolment_codes_issued.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Enrolment codes for two-step login"),
                "issued": issued,
                "opts": self.model._meta,
            },
        )

    def has_add_enrolment_code_permission(self, request):
        return request.user.has_perm("organisations.add_enrolmentcode")


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


@admin.register(BoardSigningAuthority)
class BoardSigningAuthorityAdmin(TolerantAutocompleteAdmin, admin.ModelAdmin):
    """Who a board's decision authorises to sign for it (shown on the board's page)."""

    list_display = ["board", "person", "office", "protocol_reference", "valid_from", "valid_until"]
    list_filter = ["board"]
    search_fields = ["board__name", "person__first_name", "person__last_name", "office"]
    autocomplete_fields = ["board", "person"]


@admin.register(Representation)
class RepresentationAdmin(TolerantAutocompleteAdmin, admin.ModelAdmin):
    """Representations are proposed, approved, refused and revoked in the portal (with the
    reasons kept); the administration shows them."""

    list_display = ["person", "organisation", "role", "basis", "valid_from", "valid_until"]
    list_filter = ["role", "basis", "migrated"]
    search_fields = ["organisation__name", "person__first_name", "person__last_name"]
    readonly_fields = [
        "migrated",
        "proposed_by",
        "proposed_at",
        "approved_by",
        "approved_at",
        "refused_by",
        "refused_at",
        "refusal_reason",
        "revoked_by",
        "revoked_at",
        "revocation_reason",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(EnrolmentCode)
class EnrolmentCodeAdmin(admin.ModelAdmin):
    """The codes issued, never the codes themselves: a code is shown once, when it is issued
    (the people's list, action "Issue a one-time code"). Deleting one revokes it."""

    list_display = ["user", "issued_at", "issued_by", "expires_at", "used_at"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    fields = ["user", "issued_at", "issued_by", "expires_at", "used_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# The second factor: django-otp's admin of TOTP devices, in Swedish, under a proxy model with a
# Swedish name (the package's own model and admin speak English and are left as they are).
admin.site.unregister(TOTPDevice)

_SECTIONS = {
    "Identity": _("Whose"),
    "Timestamps": _("When"),
    "Configuration": _("Settings of the codes"),
    "State": _("Clock drift"),
    "Throttling": _("Failed attempts"),
}
_SWEDISH_FIELDS = {"created_at": "registered", "last_used_at": "last_used"}


class SecondFactorForm(forms.ModelForm):
    class Meta:
        model = SecondFactorDevice
        fields = [
            "user",
            "name",
            "confirmed",
            "key",
            "step",
            "t0",
            "digits",
            "tolerance",
            "drift",
            "last_t",
            "throttling_failure_timestamp",
            "throttling_failure_count",
        ]
        labels = {
            "user": _("Person"),
            "name": _("Name of the device"),
            "confirmed": _("Ready for use"),
            "key": _("Secret key"),
            "step": _("Seconds per code"),
            "t0": _("Start of counting (Unix time)"),
            "digits": _("Digits in a code"),
            "tolerance": _("Codes before or after accepted"),
            "drift": _("Clock drift (steps)"),
            "last_t": _("Last code used (step)"),
            "throttling_failure_timestamp": _("Last failed attempt"),
            "throttling_failure_count": _("Failed attempts in a row"),
        }
        help_texts = dict.fromkeys(labels, "")


@admin.register(SecondFactorDevice)
class SecondFactorDeviceAdmin(TOTPDeviceAdmin):
    form = SecondFactorForm
    list_display = ["person", "device_name", "registered", "last_used", "ready"]
    list_filter = []
    readonly_fields = ["registered", "last_used", "qrcode_link"]

    def get_fieldsets(self, request, obj=None):
        return [
            (
                _SECTIONS.get(title, title),
                {
                    **options,
                    "fields": [_SWEDISH_FIELDS.get(name, name) for name in options["fields"]],
                },
            )
            for title, options in super().get_fieldsets(request, obj)
        ]

    @admin.display(description=_("Person"), ordering="user")
    def person(self, device):
        return device.user

    @admin.display(description=_("Name of the device"), ordering="name")
    def device_name(self, device):
        return device.name

    @admin.display(description=_("Registered"), ordering="created_at")
    def registered(self, device):
        return device.created_at

    @admin.display(description=_("Last used"), ordering="last_used_at")
    def last_used(self, device):
        return device.last_used_at

    @admin.display(description=_("Ready for use"), boolean=True, ordering="confirmed")
    def ready(self, device):
        return device.confirmed

    @admin.display(description=_("QR code"))
    def qrcode_link(self, device):
        if device.pk is None:
            return ""
        href = reverse("admin:otp_totp_totpdevice_config", kwargs={"pk": device.pk})
        return format_html('<a href="{}">{}</a>', href, _("Show the QR code"))
