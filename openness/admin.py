from django.contrib import admin

from .models import PublicationSetting


@admin.register(PublicationSetting)
class PublicationSettingAdmin(admin.ModelAdmin):
    list_display = ["programme", "publish_grants", "changed_at"]
    list_filter = ["publish_grants"]
    list_editable = ["publish_grants"]
    autocomplete_fields = ["programme"]
