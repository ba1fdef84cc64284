from django import forms
from django.utils.translation import gettext_lazy as _


class ReassignForm(forms.Form):
    """Pass a task to someone present who may take it; empty puts it back in the queue.

    ``candidates`` are the people to choose from (``queues.reassign_candidates``), read once
    for all the tasks of a page that the same people may take.
    """

    task = forms.IntegerField(widget=forms.HiddenInput)
    to_user = forms.TypedChoiceField(
        label=_("Pass to"), coerce=int, required=False, empty_value=None
    )
    reason = forms.CharField(
        label=_("Why it is passed on"),
        max_length=500,
        help_text=_("Kept in the case's log, for example: away until Monday."),
    )

    def __init__(self, *args, task, candidates, **kwargs):
        # One form per task on the same page: each gets ids of its own.
        super().__init__(*args, initial={"task": task.pk}, auto_id=f"id_%s_{task.pk}", **kwargs)
        self.candidates = {person.pk: person for person in candidates}
        self.fields["to_user"].choices = [("", _("Back to the queue"))] + [
            (pk, str(person)) for pk, person in self.candidates.items()
        ]

    def clean_to_user(self):
        pk = self.cleaned_data["to_user"]
        return None if pk is None else self.candidates[pk]


class PassOnForm(ReassignForm):
    """The holder of a task passes it on; a conflict of interest (jäv) may be the reason."""

    conflict_of_interest = forms.BooleanField(
        label=_("I have a conflict of interest (jäv) in this case"),
        required=False,
        help_text=_(
            "Förvaltningslagen 16–18 §§. Say in the reason what the conflict is; you will no "
            "longer be able to take this case's assessment or decision."
        ),
    )
