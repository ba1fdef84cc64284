"""What the city publishes in the public register, beyond what is public by its nature.

Signed IOP agreements are always listed. Granted funding is listed per programme only when an
administrator has opted the programme in: some programmes support individuals' activities in
ways a city may choose not to list by name.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from funding.models import FundingProgramme


class PublicationSetting(models.Model):
    programme = models.OneToOneField(
        FundingProgramme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="publication",
    )
    publish_grants = models.BooleanField(
        _("list granted funding in the public register"),
        default=False,
        help_text=_("Each organisation's granted amount per year appears on the public page."),
    )
    changed_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("publication setting")
        verbose_name_plural = _("publication settings")

    def __str__(self):
        return str(self.programme)
