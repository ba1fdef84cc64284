from django.contrib import admin

from .models import LoginEvent, OIDCProvider, PersonalIdentity


@admin.register(OIDCProvider)
class OIDCProviderAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "issuer", "enabled"]
    list_filter = ["kind", "enabled"]


@admin.register(PersonalIdentity)
class PersonalIdentityAdmin(admin.ModelAdmin):
    list_display = ["user", "number_masked"]
    readonly_fields = ["number_masked"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]

    def has_add_permission(self, request):
        return False


@admin.register(LoginEvent)
class LoginEventAdmin(admin.ModelAdmin):
    list_display = ["at", "user", "method", "provider_name", "assurance", "org_affiliation"]
    list_filter = ["method", "assurance"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
