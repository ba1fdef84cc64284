from django.contrib import admin

from .models import (
    AssessmentCriterion,
    BoardMeeting,
    DelegationRule,
    EvidenceRequirement,
    FundingApplication,
    FundingProgramme,
    FundingSource,
    RequiredAttachment,
)
from .services.meeting_edits import meeting_record_admin_change, meeting_values


class RequiredAttachmentInline(admin.TabularInline):
    model = RequiredAttachment
    extra = 0


class EvidenceRequirementInline(admin.TabularInline):
    model = EvidenceRequirement
    extra = 0


class CriterionInline(admin.TabularInline):
    model = AssessmentCriterion
    extra = 0


class DelegationRuleInline(admin.TabularInline):
    """The programme board's points: for grant decisions by the amount applied for, and for
    repayment claims, write-offs and special decisions on a demand for a decision."""

    model = DelegationRule
    extra = 0
    fields = ["matter", "up_to_amount", "decider", "delegation_point", "board"]


@admin.register(FundingProgramme)
class FundingProgrammeAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "board",
        "opens_on",
        "closes_on",
        "budget",
        "budget_remaining",
        "max_amount",
        "is_active",
    ]
    list_filter = ["board", "is_active"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["budget_remaining"]
    inlines = [
        EvidenceRequirementInline,
        RequiredAttachmentInline,
        CriterionInline,
        DelegationRuleInline,
    ]


@admin.register(BoardMeeting)
class BoardMeetingAdmin(admin.ModelAdmin):
    """A board's meetings; the secretary records the announcement on the delegated-decisions
    page, which writes it to each case's log."""

    list_display = ["board", "held_on", "delegation_paragraph", "protocol_announced_on"]
    list_filter = ["board"]
    date_hierarchy = "held_on"

    def save_model(self, request, obj, form, change):
        """A change of the meeting date, protocol § or announcement goes into the audit log
        with its old and new value (the admin's transaction holds both)."""
        before = meeting_values(BoardMeeting.objects.get(pk=obj.pk)) if change else None
        super().save_model(request, obj, form, change)
        if before is not None:
            meeting_record_admin_change(meeting=obj, acting_user=request.user, before=before)


@admin.register(FundingSource)
class FundingSourceAdmin(admin.ModelAdmin):
    list_display = ["name", "provider", "provider_kind", "max_amount", "deadline", "is_active"]
    list_filter = ["provider_kind", "is_active"]
    search_fields = ["name", "provider", "keywords"]
    filter_horizontal = ["challenge_areas"]


@admin.register(FundingApplication)
class FundingApplicationAdmin(admin.ModelAdmin):
    """Read-only: applications change only through the services and the workflow."""

    list_display = ["__str__", "organisation", "programme", "status", "updated_at"]
    list_filter = ["status", "programme"]
    search_fields = ["title", "case__case_number", "organisation__name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
