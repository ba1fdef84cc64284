from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import Document, Signing


class SigningInline(admin.TabularInline):
    """The signings kept beside a final document: read only, never changed."""

    model = Signing
    extra = 0
    can_delete = False
    fields = ["party", "signer_name", "signer_role", "authority", "method", "sha256", "signed_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    """Read-only: documents are produced by the services and final ones never change."""

    list_display = ["case", "kind", "version", "status", "pages", "created_at", "rendered_at"]
    list_filter = ["kind", "status"]
    inlines = [SigningInline]
    search_fields = ["case__case_number"]
    exclude = ["context", "file"]
    readonly_fields = [
        "case",
        "kind",
        "version",
        "status",
        "template_version",
        "download",
        "sha256",
        "size",
        "pages",
        "created_by",
        "created_at",
        "rendered_at",
        "failure",
    ]

    @admin.display(description=_("file"))
    def download(self, obj):
        if not obj.is_ready:
            return "–"
        url = reverse("documents:document_download", kwargs={"pk": obj.pk})
        return format_html('<a href="{}">{}</a>', url, obj.download_name)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
