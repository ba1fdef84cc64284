"""What every admin page of the project shares.

``TolerantAutocompleteAdmin``: Django's autocomplete widget redraws a refused form by looking up
the values that were sent, and a value that is no id of the related model ("abc" for a
number) made that lookup fail with a server error (found by fuzzing the evidence form). Its
widgets leave such values out, so the form is shown again with the field's own message.
"""

from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError


class _OnlyValidIds:
    def optgroups(self, name, value, attr=None):
        target = self.field.target_field
        valid = []
        for item in value:
            try:
                target.to_python(item)
            except (ValidationError, TypeError, ValueError):
                continue
            valid.append(item)
        return super().optgroups(name, valid, attr)


class _Select(_OnlyValidIds, AutocompleteSelect):
    pass


class _SelectMultiple(_OnlyValidIds, AutocompleteSelectMultiple):
    pass


class TolerantAutocompleteAdmin:
    """Mix into a ModelAdmin or an inline that has ``autocomplete_fields``."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = _Select(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = _SelectMultiple(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_manytomany(db_field, request, **kwargs)
