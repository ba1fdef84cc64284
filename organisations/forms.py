from django import forms
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

from common import uploads
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
