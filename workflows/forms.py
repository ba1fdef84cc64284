from django import forms
from django.utils.translation import gettext_lazy as _

from organisations import policy


class ReassignForm(forms.Form):
    """Pass a task to someone present who may take it; empty puts it back in the queue."""

    task = forms.IntegerField(widget=forms.HiddenInput)
    to_user = forms.ModelChoiceField(
        label=_("Pass to"), queryset=None, required=False, empty_label=_("Back to the queue")
    )

    def __init__(self, *args, task, **kwargs):
        super().__init__(*args, initial={"task": task.pk}, **kwargs)
        holders = policy.holders_of(task.owner_permission, task.owner_permission_obj)
        self.fields["to_user"].queryset = holders.exclude(pk__in=policy.absent_user_ids()).order_by(
            "first_name", "username"
        )
