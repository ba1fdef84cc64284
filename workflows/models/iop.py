from django.utils.translation import gettext_lazy as _

from .base import CaseProcess


class IOPProcess(CaseProcess):
    """An IOP inquiry's way from proposal to signed and followed-up partnership."""

    class Meta:
        proxy = True
        verbose_name = _("IOP inquiry process")
        verbose_name_plural = _("IOP inquiry processes")
