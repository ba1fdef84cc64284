from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import OutboxEvent


@admin.register(OutboxEvent)
class OutboxEventAdmin(admin.ModelAdmin):
    """The deliveries to the registry: the failed ones are visible here and can be sent again."""

    list_display = ["occurred_at", "kind", "case", "connector", "state", "attempts", "last_error"]
    list_filter = ["state", "kind", "connector"]
    search_fields = ["case__case_number", "key"]
    readonly_fields = [field.name for field in OutboxEvent._meta.fields]
    actions = ["retry"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Deliver the failed events again"))
    def retry(self, request, queryset):
        count = sum(services.event_retry(event=event) for event in queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d event will be delivered again.",
                "%(count)d events will be delivered again.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
