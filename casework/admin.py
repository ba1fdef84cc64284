from django.contrib import admin

from common.admin import TolerantAutocompleteAdmin

from .models import AuditEvent, Case, ChallengeArea, Comment, PriorityTheme


@admin.register(ChallengeArea)
class ChallengeAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "position", "is_active"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(PriorityTheme)
class PriorityThemeAdmin(admin.ModelAdmin):
    list_display = ["year", "title"]


@admin.register(Case)
class CaseAdmin(TolerantAutocompleteAdmin, admin.ModelAdmin):
    list_display = ["case_number", "title", "kind", "organisation", "registered_at", "closed_at"]
    list_filter = ["kind", "year"]
    search_fields = ["case_number", "title", "organisation__name"]
    readonly_fields = ["case_number", "kind", "registered_at", "registered_by", "closed_at"]
    autocomplete_fields = ["organisation", "boards"]

    def has_add_permission(self, request):
        return False  # cases are registered through their flows, which number them

    def has_delete_permission(self, request, obj=None):
        return False  # public records are never deleted from the application


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "action", "target_repr", "actor", "from_state", "to_state"]
    list_filter = ["action"]
    search_fields = ["target_repr", "case__case_number", "actor__username"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["case", "author", "visibility", "created_at"]
    list_filter = ["visibility"]
    readonly_fields = ["case", "author", "body", "visibility", "created_at"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
