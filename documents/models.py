"""Generated documents: one row per version, with its file, checksum and template version.

A version is requested first (``rendered_at`` empty while it is being produced) and rendered
by a background task. Once a final version is rendered it is a public record: it is never
changed or deleted, in Python and, on PostgreSQL, by a trigger. A correction is a new version.
"""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from casework.models import Case

from .kinds import DOWNLOAD_NAMES, Kind


class FinalDocumentError(Exception):
    """Raised on any attempt to change, delete or render again a final, rendered document."""


def _upload_to(document: "Document", filename: str) -> str:
    return f"documents/{document.case.year}/{document.case.case_number}/{filename}"


def _signed_upload_to(signing: "Signing", filename: str) -> str:
    return _upload_to(signing.document, filename)


class DocumentQuerySet(models.QuerySet):
    def update(self, **kwargs):
        if self.filter(status=Document.Status.FINAL).exists():
            raise FinalDocumentError("Final documents are never changed.")
        return super().update(**kwargs)

    def delete(self):
        if self.filter(status=Document.Status.FINAL).exists():
            raise FinalDocumentError("Final documents are never deleted.")
        return super().delete()

    def dispose(self):
        """The one lawful removal of documents, final ones included: under a disposal decision
        (gallringsbeslut), by ``records.disposal`` only. On PostgreSQL the trigger lets a final
        row go only while the transaction says so (migration 0006), for this statement alone."""
        if connection.vendor != "postgresql":
            return super().delete()
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('samverkan.disposal', 'allow', true)")
        try:
            return super().delete()
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('samverkan.disposal', '', true)")


class Document(models.Model):
    """One version of a generated document of a case."""

    Kind = Kind

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        FINAL = "final", _("Final")

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="documents"
    )
    kind = models.CharField(_("kind of document"), max_length=30, choices=Kind.choices)
    version = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    context = models.JSONField(
        _("content"),
        encoder=DjangoJSONEncoder,
        help_text=_("The data the document is rendered from."),
    )
    template_version = models.CharField(_("template version"), max_length=64, blank=True)
    file = models.FileField(_("file"), upload_to=_upload_to, max_length=200, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), null=True, blank=True)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    rendered_at = models.DateTimeField(
        _("produced"), null=True, blank=True, help_text=_("Empty while being produced.")
    )
    failure = models.TextField(_("why it could not be produced"), blank=True)
    # Renders started since it was last requested: one whose worker was killed records nothing
    # else, and after ``common.limits.RENDER_ATTEMPTS`` of them it is not tried again.
    render_attempts = models.PositiveSmallIntegerField(
        _("attempts to produce it"), default=0, editable=False
    )

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["case", "kind", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "kind", "version"], name="unique_document_version"
            )
        ]

    def __str__(self):
        return f"{self.case.case_number} {self.get_kind_display()} v{self.version}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            self._refuse_change_of_final(self._stored())
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("documents:document_detail", kwargs={"pk": self.pk})

    def delete(self, *args, **kwargs):
        stored = self._stored()
        if stored and stored["status"] == self.Status.FINAL:
            raise FinalDocumentError("Final documents are never deleted.")
        return super().delete(*args, **kwargs)

    @property
    def is_final(self) -> bool:
        return self.status == self.Status.FINAL

    @property
    def is_ready(self) -> bool:
        return self.rendered_at is not None

    @property
    def is_pending(self) -> bool:
        return self.rendered_at is None and not self.failure

    @property
    def file_name(self) -> str:
        return f"{self.case.case_number}-{self.kind}-v{self.version}.pdf"

    @property
    def download_name(self) -> str:
        """The name the file has when a person downloads it, in Swedish."""
        name = DOWNLOAD_NAMES.get(self.kind, self.kind)
        return f"{self.case.case_number}-{name}-v{self.version}.pdf"

    # What a version is: set when it is requested, never changed afterwards once it is final.
    IDENTITY_FIELDS = ("case_id", "kind", "version", "status", "context", "created_by_id")

    def _stored(self) -> dict | None:
        return (
            type(self)
            .objects.filter(pk=self.pk)
            .values("rendered_at", *self.IDENTITY_FIELDS)
            .first()
        )

    def _refuse_change_of_final(self, stored: dict | None) -> None:
        """A final version may only receive its rendered file, once."""
        if not stored or stored["status"] != self.Status.FINAL:
            return
        if stored["rendered_at"] is not None:
            raise FinalDocumentError("Final documents are never changed.")
        if any(stored[name] != getattr(self, name) for name in self.IDENTITY_FIELDS):
            raise FinalDocumentError("A final document keeps what it was requested with.")


class Signing(models.Model):
    """A signing of a final document, kept beside its PDF: who signed which version, for which
    party, when, how, and the SHA-256 of the bytes signed. Never changed, never deleted.

    ``method`` says how the signer signed. A signing by click in the portal after login (the
    only method before advanced electronic signatures) leaves the PDF as it is; an advanced
    electronic signature or the municipality's seal (``documents.signing``) keeps the PDF as
    it is after that signature (``signed_file``, an incremental update of the one before) and
    the report of its validation on receipt (``validation``).
    """

    class Method(models.TextChoices):
        PORTAL_CLICK = "portal_click", _("Click in the portal after login")
        ADVANCED = "advanced_signature", _("Advanced electronic signature (PAdES)")
        SEAL = "seal", _("The municipality's electronic seal (PAdES)")

    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.PROTECT, related_name="signings"
    )
    party = models.CharField(_("for"), max_length=200)
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    signer_name = models.CharField(_("name"), max_length=200)
    signer_role = models.CharField(_("role"), max_length=200, blank=True)
    authority = models.CharField(
        _("right to sign shown by"),
        max_length=300,
        blank=True,
        help_text=_("The evidence or the decision that gives the signer the right to sign."),
    )
    method = models.CharField(_("how"), max_length=30, choices=Method.choices)
    sha256 = models.CharField(_("SHA-256 of the version signed"), max_length=64)
    signed_at = models.DateTimeField(_("signed"), auto_now_add=True)
    field_name = models.CharField(_("signature field"), max_length=100, blank=True)
    signed_file = models.FileField(
        _("signed PDF"), upload_to=_signed_upload_to, max_length=200, blank=True
    )
    signed_sha256 = models.CharField(_("SHA-256 of the signed PDF"), max_length=64, blank=True)
    validation = models.JSONField(
        _("validation report"), encoder=DjangoJSONEncoder, default=dict, blank=True
    )
    valid = models.BooleanField(
        _("valid on receipt"), null=True, blank=True, help_text=_("Empty: signed by click.")
    )

    class Meta:
        verbose_name = _("signing")
        verbose_name_plural = _("signings")
        ordering = ["document", "signed_at", "pk"]

    def __str__(self):
        return f"{self.document}: {self.signer_name} ({self.party})"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise FinalDocumentError("A signing is on record and never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise FinalDocumentError("A signing is on record and never deleted.")

    @property
    def is_electronic(self) -> bool:
        return bool(self.signed_file)
