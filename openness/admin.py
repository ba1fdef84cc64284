from django.contrib import admin

from common.admin import TolerantAutocompleteAdmin

from .models import PublicationSetting, SecrecyMarking


@admin.register(PublicationSetting)
class PublicationSettingAdmin(TolerantAutocompleteAdmin, admin.ModelAdmin):
    list_display = ["programme", "publish_grants", "changed_at"]
    list_filter = ["publish_grants"]
    list_editable = ["publish_grants"]
    autocomplete_fields = ["programme"]


@admin.register(SecrecyMarking)
class SecrecyMarkingAdmin(admin.ModelAdmin):
    """Kinds of record a person reviews for secrecy before a request for public records
    releases them."""

    list_display = ["record_kind", "provision"]
