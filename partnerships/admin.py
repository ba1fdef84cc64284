"""The admin shows IOP records read-only: they change only through the services and the flow.
The memos' responsible managers are configuration, which administrators edit."""

from django.contrib import admin

from common.privacy import CollectsPersonalDataAdmin

from .models import (
    AgreementVersion,
    AidEntry,
    BoardDecision,
    DeclaredAid,
    DeMinimisDeclaration,
    EuroRate,
    FollowUp,
    FollowUpReport,
    IOPInquiry,
    LegalAssessment,
    Memo,
    Party,
    RenewalDecision,
    ResponsibleManager,
    Screening,
    Signature,
    Termination,
)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class PartyInline(ReadOnlyInline):
    model = Party
    fields = ["organisation", "board", "side", "proposed_contribution", "left_at", "left_reason"]


class BoardDecisionInline(ReadOnlyInline):
    model = BoardDecision
    fields = [
        "round",
        "board",
        "outcome",
        "meeting_date",
        "protocol_paragraph",
        "signatory",
        "signatory_title",
        "recorded_by",
    ]


class SignatureInline(ReadOnlyInline):
    model = Signature
    fields = ["party", "version", "signed_by", "signed_at", "document_sha256", "record"]


class FollowUpReportInline(ReadOnlyInline):
    model = FollowUpReport
    fields = [
        "organisation",
        "submitted_by",
        "submitted_at",
        "goals_reached",
        "contributions_delivered",
        "budget_against_actual",
        "reflection",
    ]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # public records are never deleted from the application


@admin.register(IOPInquiry)
class IOPInquiryAdmin(ReadOnlyAdmin):
    list_display = ["case", "initiator", "status"]
    list_filter = ["status", "initiator"]
    search_fields = ["case__case_number", "case__title"]
    inlines = [PartyInline, BoardDecisionInline, SignatureInline]


@admin.register(Screening, LegalAssessment, AgreementVersion, Memo, RenewalDecision, Termination)
class RecordAdmin(ReadOnlyAdmin):
    search_fields = ["inquiry__case__case_number"]


@admin.register(FollowUp)
class FollowUpAdmin(ReadOnlyAdmin):
    list_display = ["inquiry", "year_start", "year_end", "due_on", "approved_at"]
    search_fields = ["inquiry__case__case_number"]
    inlines = [FollowUpReportInline]


@admin.register(AidEntry)
class AidEntryAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "granted_on", "amount_sek", "granted_by"]
    search_fields = ["organisation__name", "granted_by"]


@admin.register(ResponsibleManager)
class ResponsibleManagerAdmin(CollectsPersonalDataAdmin, admin.ModelAdmin):
    """Configuration, not a record: the manager each administration names in its memos."""

    list_display = ["administration", "board", "name", "title"]
    list_filter = ["administration"]


class DeclaredAidInline(ReadOnlyInline):
    model = DeclaredAid
    fields = ["granted_by", "granted_on", "amount", "currency", "is_sgei"]


@admin.register(DeMinimisDeclaration)
class DeMinimisDeclarationAdmin(ReadOnlyAdmin):
    list_display = ["inquiry", "organisation", "declared_at"]
    search_fields = ["inquiry__case__case_number", "organisation__name"]
    inlines = [DeclaredAidInline]


@admin.register(EuroRate)
class EuroRateAdmin(admin.ModelAdmin):
    """The euro rates administrators keep: de minimis aid converts at the rate of the day it
    is granted, and a day without a rate stops the count (never a guess)."""

    list_display = ["valid_from", "valid_until", "sek_per_eur", "source"]
    date_hierarchy = "valid_from"

    def has_delete_permission(self, request, obj=None):
        # A rate that aid was counted at stays; a wrong one is corrected, not removed.
        return False
