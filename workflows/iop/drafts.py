"""The draft agreement's form and contributions, shared by the officer's and the
organisation's co-creation pages."""

from django.utils import timezone
from django.utils.translation import gettext as _

from common import once
from partnerships import forms, selectors
from partnerships import services as domain

from ..task_views import draft_rows, show_draft
from .services import Draft


def draft_forms(inquiry, data=None, kept=None):
    """The draft form and contributions formset, filled from the latest version, or from the
    draft kept on the task (``kept``, newer than any version) when there is one."""
    version = selectors.latest_version(inquiry)
    initial = {"period_start": timezone.localdate(), "notice_months": 6}
    contributions = []
    if version is not None:
        initial = {name: getattr(version, name) for name in domain.agreements.VERSION_FIELDS}
        contributions = [
            {
                "party": c.party_id,
                "kind": c.kind,
                "description": c.description,
                "amount_sek": c.amount_sek,
                "period_start": c.own_period[0],
                "period_end": c.own_period[1],
                "recipient": c.recipient_id,
            }
            for c in version.contributions.select_related("version")
        ]
    draft = forms.DraftForm(data, initial=initial, prefix="draft")
    form_kwargs = {"inquiry": inquiry}
    if kept is not None and data is None:
        show_draft(draft, kept)
        blank = forms.ContributionFormSet(prefix="contributions", form_kwargs=form_kwargs)
        contributions = draft_rows(blank, kept)
    formset = forms.ContributionFormSet(
        data, initial=contributions, prefix="contributions", form_kwargs=form_kwargs
    )
    return draft, formset


def posted(draft, formset) -> Draft:
    """The draft as sent: its fields, its contributions (rows marked for deletion left out)
    and the note on the version."""
    contributions = [
        domain.ContributionInput(
            party=row["party"],
            kind=row["kind"],
            description=row["description"],
            amount_sek=row["amount_sek"],
            recipient=row.get("recipient"),
            period_start=row.get("period_start"),
            period_end=row.get("period_end"),
        )
        for row in formset.cleaned_data
        if row and not row.get("DELETE")
    ]
    data = dict(draft.cleaned_data)
    data.pop(once.FIELD_NAME, None)
    note = data.pop("note", "")
    return Draft(data=data, contributions=contributions, note=note)


def act(request, draft, save):
    """Save the posted draft once: sent twice, the repeat goes to the page the first sending
    went to and no new version is saved."""
    message = _("This version was already saved; it was sent twice.")
    token = draft.cleaned_data[once.FIELD_NAME]
    return once.act(request, token, save, default=request.get_full_path(), message=message)
