from django.contrib import admin

from .models import NarrativeSection


@admin.register(NarrativeSection)
class NarrativeSectionAdmin(admin.ModelAdmin):
    list_display = ["year", "position", "heading", "topic", "updated_at"]
    list_filter = ["year", "topic"]
    search_fields = ["heading", "text"]

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
