from django import forms

from common.privacy import CollectsPersonalData

from .models import Kind


class EmailPreferencesForm(CollectsPersonalData, forms.Form):
    """One checkbox per kind of notification: send it by e-mail or not."""

    def __init__(self, *args, initial_choices: dict[str, bool], **kwargs):
        super().__init__(*args, label_suffix="", **kwargs)
        for kind, label in Kind.choices:
            self.fields[kind] = forms.BooleanField(
                label=label, required=False, initial=initial_choices.get(kind, True)
            )
