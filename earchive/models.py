"""The mark an exported case carries: one row per package written, never changed."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from casework.models import Case


class CaseExport(models.Model):
    """A submission information package written for a closed case (FGS Paketstruktur 2.0).

    Writing the package again gives the same package apart from its creation date, so a second
    row says that the case was delivered again, with the checksum of what was written."""

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="archive_exports"
    )
    package_id = models.CharField(_("package identifier"), max_length=80)
    file_name = models.CharField(_("file name"), max_length=200)
    sha256 = models.CharField(_("SHA-256 of the package"), max_length=64)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    exported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("exported by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    exported_at = models.DateTimeField(_("exported"))

    class Meta:
        verbose_name = _("e-archive export")
        verbose_name_plural = _("e-archive exports")
        ordering = ["case", "exported_at", "pk"]

    def __str__(self):
        return f"{self.case.case_number} {self.exported_at:%Y-%m-%d %H:%M}"
