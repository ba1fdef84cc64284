"""What the city publishes in the public register, beyond what is public by its nature.

Signed IOP agreements are always listed. Granted funding is listed per programme only when an
administrator has opted the programme in: some programmes support individuals' activities in
ways a city may choose not to list by name.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from casework.models import Case
from common import limits
from documents.kinds import Kind as DocumentKind
from funding.models import AttachmentKind, FundingProgramme


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


def record_kinds() -> list[tuple[str, str]]:
    """The kinds of record a case holds, as a request for public records lists them: each kind
    of generated document, each kind of attachment, and the comments exchanged."""
    return [
        *((f"document:{value}", label) for value, label in DocumentKind.choices),
        *((f"attachment:{value}", label) for value, label in AttachmentKind.choices),
        ("comment", _("Comment exchanged with the organisation")),
        ("working_note", _("Working note of the staff")),
    ]


class SecrecyMarking(models.Model):
    """A kind of record that may hold secret information (for example personal circumstances
    in an application): every record of the kind is reviewed by a person before it is released
    on a request for public records."""

    record_kind = models.CharField(
        _("kind of record"), max_length=60, unique=True, choices=record_kinds
    )
    provision = models.CharField(
        _("secrecy provision"),
        max_length=200,
        help_text=_("The provision that may apply, e.g. “OSL 26 kap. 1 §”."),
    )

    class Meta:
        verbose_name = _("kind of record marked as possibly secret")
        verbose_name_plural = _("kinds of record marked as possibly secret")
        ordering = ["record_kind"]

    def __str__(self):
        return f"{self.get_record_kind_display()} ({self.provision})"


class DisclosureRequest(models.Model):
    """A request for public records of one case (begäran om allmän handling). Who asks need not
    say who they are or why (tryckfrihetsförordningen 2 kap. 18 §): nothing of the requester is
    asked for."""

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="disclosure_requests"
    )
    received_on = models.DateField(_("received on"))
    description = limits.BoundedTextField(_("what is asked for"), max_length=limits.SHORT_TEXT)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    registered_at = models.DateTimeField(_("registered"), auto_now_add=True)

    class Meta:
        verbose_name = _("request for public records")
        verbose_name_plural = _("requests for public records")
        ordering = ["-registered_at", "-pk"]

    def __str__(self):
        return f"{self.case.case_number} {self.received_on:%Y-%m-%d}"


class DisclosureItem(models.Model):
    """One record a request covers, and whether it is released."""

    class Outcome(models.TextChoices):
        TO_REVIEW = "to_review", _("Awaiting secrecy review")
        RELEASED = "released", _("Released")
        PARTLY = "partly", _("Released in part (masked copy)")
        WITHHELD = "withheld", _("Withheld under secrecy")

    request = models.ForeignKey(
        DisclosureRequest, on_delete=models.CASCADE, related_name="items", editable=False
    )
    record_kind = models.CharField(_("kind of record"), max_length=60, choices=record_kinds)
    record_id = models.PositiveIntegerField()
    label = models.CharField(_("record"), max_length=300)
    dated = models.DateTimeField(_("dated"))
    provision = models.CharField(_("secrecy provision"), max_length=200, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    review_note = limits.BoundedTextField(_("reasons"), max_length=limits.TEXT, blank=True)

    class Meta:
        verbose_name = _("record covered by a request")
        verbose_name_plural = _("records covered by a request")
        ordering = ["dated", "pk"]

    def __str__(self):
        return self.label
