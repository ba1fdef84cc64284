"""API tokens in the admin: an administrator issues a token for an integration's user (the key
is shown once, on the page after saving), sees every token by its beginning, and revokes."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from . import policy, services
from .forms import TokenForm
from .models import ApiToken


class ApiTokenAddForm(forms.ModelForm):
    resources = TokenForm.base_fields["resources"]
    valid_days = TokenForm.base_fields["valid_days"]

    class Meta:
        model = ApiToken
        fields = ["user", "name"]

    def clean(self):
        user = self.cleaned_data.get("user")
        if user is not None and policy.lacks_second_factor(user):
            raise ValidationError(services.SECOND_FACTOR_FIRST)
        return self.cleaned_data


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = [
        "prefix",
        "name",
        "user",
        "scope",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    ]
    list_filter = ["revoked_at", "expires_at"]
    search_fields = ["prefix", "name", "user__username"]
    autocomplete_fields = ["user"]
    actions = ["revoke"]
    readonly_fields = [
        "user",
        "name",
        "prefix",
        "scope",
        "created_at",
        "created_by",
        "expires_at",
        "last_used_at",
        "revoked_at",
    ]
    fields = readonly_fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = ApiTokenAddForm
            kwargs["fields"] = ["user", "name", "resources", "valid_days"]
        return super().get_form(request, obj, change=change, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj else []

    def get_fields(self, request, obj=None):
        return self.fields if obj else ["user", "name", "resources", "valid_days"]

    def has_change_permission(self, request, obj=None):
        return False if obj else super().has_change_permission(request, obj)

    def save_form(self, request, form, change):
        token, request.api_new_key = services.token_create(
            user=form.cleaned_data["user"],
            acting_user=request.user,
            name=form.cleaned_data["name"],
            resources=form.cleaned_data["resources"],
            valid_days=form.cleaned_data["valid_days"],
        )
        return token

    def save_model(self, *args, **kwargs):
        """``save_form`` made and saved the token through the service."""

    def save_related(self, *args, **kwargs):
        """A token has nothing related to save."""

    def response_add(self, request, obj, *args, **kwargs):
        context = {**self.admin_site.each_context(request), "token": obj}
        context.update(key=request.api_new_key, opts=self.opts, title=_("The new key"))
        return TemplateResponse(request, "admin/api/apitoken/created.html", context)

    @admin.display(description=_("may read"))
    def scope(self, token):
        return ", ".join(token.resource_labels()) or "-"

    @admin.action(description=_("Revoke the chosen tokens"))
    def revoke(self, request, queryset):
        for token in queryset:
            services.token_revoke(token=token)
        messages.success(request, _("The chosen tokens are revoked."))
