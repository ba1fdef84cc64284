from django import forms
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

from common import uploads
from common.limits import SHORT_TEXT, BoundedText
from common.once import OneTimeTokenField
from common.privacy import CollectsPersonalData

from .models import Absence, EligibilityEvidence


class AbsenceForm(CollectsPersonalData, forms.ModelForm):
    form_token = OneTimeTokenField()

    class Meta:
        model = Absence
        fields = ["starts_on", "ends_on", "note"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
        }
        error_messages = {
            "starts_on": {"required": _("Give the first day you are away.")},
            "ends_on": {"required": _("Give the last day you are away.")},
        }


class EligibilityEvidenceForm(CollectsPersonalData, forms.ModelForm):
    """The evidence form of the admin: a file is stored under the name it came with, so a name
    the file store can make nothing of ("$$$", "…") is refused here with a message; it was a
    400 Bad Request without one (found by fuzzing). The file itself passes the same content
    checks as every other upload (``common.uploads``)."""

    class Meta:
        model = EligibilityEvidence
        fields = ["organisation", "kind", "given_on", "expires_on", "value", "file", "recorded_by"]

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and getattr(upload, "name", None):
            try:
                get_valid_filename(upload.name)
            except SuspiciousFileOperation:
                raise forms.ValidationError(
                    _(
                        "“%(name)s” cannot be used as a file name. Rename the file and upload it "
                        "again."
                    ),
                    code="file_name",
                    params={"name": upload.name},
                ) from None
        if isinstance(upload, UploadedFile):  # a new file; a stored one was checked already
            uploads.check_upload(upload)
        return upload


class RepresentationProposalForm(CollectsPersonalData, forms.Form):
    """An association's proposal of its signatories, on the minutes of the board meeting that
    named them."""

    form_token = OneTimeTokenField()
    people = forms.ModelMultipleChoiceField(
        label=_("Who signs for the organisation"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "The people the minutes name as signatories, among the organisation's members."
        ),
        error_messages={"required": _("Choose at least one person who signs.")},
    )
    protocol = forms.FileField(
        label=_("Minutes naming the signatories"),
        help_text=_("The signed minutes of the board meeting, as a PDF or an image."),
        error_messages={"required": _("Upload the minutes that name the signatories.")},
    )
    protocol_date = forms.DateField(
        label=_("Date of the meeting"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("Give the date of the meeting.")},
    )
    valid_until = forms.DateField(
        label=_("Right to sign valid until"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Usually the day of the next annual meeting."),
        error_messages={"required": _("Give the last day of the right to sign.")},
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = people

    def clean_protocol(self):
        upload = self.cleaned_data.get("protocol")
        if upload:
            uploads.check_upload(upload)
        return upload

    def clean(self):
        data = super().clean()
        given, until = data.get("protocol_date"), data.get("valid_until")
        if given and until and until <= given:
            self.add_error(
                "valid_until", _("The right to sign must end after the meeting that gave it.")
            )
        return data


class RepresentationDecisionForm(CollectsPersonalData, forms.Form):
    """An officer's decision on a proposed representation: approve, or refuse with a reason."""

    APPROVE, REFUSE = "approve", "refuse"

    form_token = OneTimeTokenField()
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(APPROVE, _("Approve the right to sign")), (REFUSE, _("Refuse"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether to approve or refuse.")},
    )
    reason = BoundedText(
        label=_("Reason for refusal"),
        max_length=SHORT_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when refusing; the association sees it."),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == self.REFUSE and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Say why the proposal is refused."))
        return data


class RepresentationRevocationForm(CollectsPersonalData, forms.Form):
    form_token = OneTimeTokenField()
    reason = BoundedText(
        label=_("Reason for revocation"),
        max_length=SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say why the representation is revoked.")},
    )


class InvitationForm(CollectsPersonalData, forms.Form):
    form_token = OneTimeTokenField()
    email = forms.EmailField(
        label=_("E-mail address of the person you invite"),
        error_messages={
            "required": _("Give the e-mail address to send the invitation to."),
            "invalid": _("Give a valid e-mail address, such as name@example.org."),
        },
    )
