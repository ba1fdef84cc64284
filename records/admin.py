"""The records schedule is kept by administrators in the admin; the rest is read-only there."""

from django.contrib import admin

from . import services
from .models import DisposalRecord, RetentionRule


@admin.register(RetentionRule)
class RetentionRuleAdmin(admin.ModelAdmin):
    list_display = (
        "board",
        "case_kind",
        "record_kind",
        "outcome",
        "period_years",
        "counted_from",
        "decision_reference",
        "applies_from",
    )
    list_filter = ("board", "case_kind", "outcome")
    search_fields = ("decision_reference",)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # A decision that covers records closed before reaches them now, in this transaction.
        services.rule_reappraise(rule=obj, acting_user=request.user)


@admin.register(DisposalRecord)
class DisposalRecordAdmin(admin.ModelAdmin):
    list_display = ("case", "description", "decision_reference", "disposed_at", "disposed_by")
    list_filter = ("record_kind",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
