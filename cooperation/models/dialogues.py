"""Dialogues and workshops of a challenge area, their documentation, and the initiatives that
come out of them: a next step becomes an initiative, and an initiative an IOP proposal or a
funding application, linked both ways so every agreement can be traced to its dialogue."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from casework.models import ChallengeArea
from common import limits
from funding.models import FundingApplication
from organisations.models import Organisation
from partnerships.models import IOPInquiry

__all__ = [
    "Documentation",
    "DocumentationFile",
    "Event",
    "Initiative",
    "Invitation",
    "NextStep",
    "ParticipantContribution",
    "Registration",
]


class Event(models.Model):
    """A dialogue forum, idea workshop, workshop or lunch seminar of a challenge area."""

    class Kind(models.TextChoices):
        DIALOGUE_FORUM = "dialogue_forum", _("Dialogue forum")
        IDEA_WORKSHOP = "idea_workshop", _("Idea workshop")
        WORKSHOP = "workshop", _("Workshop")
        LUNCH_SEMINAR = "lunch_seminar", _("Lunch seminar")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    challenge_area = models.ForeignKey(
        ChallengeArea,
        verbose_name=_("challenge area"),
        on_delete=models.PROTECT,
        related_name="events",
    )
    title = models.CharField(_("title"), max_length=limits.NAME)
    description = limits.BoundedTextField(_("description"), blank=True, max_length=limits.TEXT)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=limits.NAME)
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        help_text=_("Leave empty for no limit; beyond it people join a waiting list."),
    )
    organisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("organisers"),
        related_name="organised_events",
        help_text=_("The hosts and coordinators who plan and lead the event."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    is_published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("A published event is shown to everyone, also without logging in."),
    )
    reminder_sent_at = models.DateTimeField(
        _("reminder sent"), null=True, blank=True, editable=False
    )
    cancellation_reason = limits.BoundedTextField(
        _("reason for cancelling"), blank=True, max_length=limits.SHORT_TEXT
    )
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("dialogue or workshop")
        verbose_name_plural = _("dialogues and workshops")
        ordering = ["-starts_at"]

    def __str__(self):
        return self.title


class Invitation(models.Model):
    """An organisation (an association or an administration) invited to an event."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="invitations"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="event_invitations",
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    invited_at = models.DateTimeField(_("invited"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "organisation"], name="cooperation_invitation_once"
            )
        ]

    def __str__(self):
        return f"{self.event}: {self.organisation}"


class Registration(models.Model):
    """A person registered for an event on behalf of an organisation, or on its waiting list."""

    class Status(models.TextChoices):
        REGISTERED = "registered", pgettext_lazy("a registration", "Registered")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", pgettext_lazy("a registration", "Cancelled")

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="registrations"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="event_registrations",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="event_registrations",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.REGISTERED
    )
    attended = models.BooleanField(_("attended"), default=False)
    registered_at = models.DateTimeField(_("registered"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["registered_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="cooperation_register_once")
        ]

    def __str__(self):
        return f"{self.event}: {self.person}"


class Documentation(models.Model):
    """What came out of a held event, in the shape of the dialogue documentation (seed 002):
    what each participant brought, the reflections, the next steps."""

    event = models.OneToOneField(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="documentation"
    )
    summary = limits.BoundedTextField(_("what was done"), blank=True, max_length=limits.ANSWER)
    reflections = limits.BoundedTextField(_("reflections"), blank=True, max_length=limits.ANSWER)
    documented_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("documented by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    documented_at = models.DateTimeField(_("documented"), default=timezone.now)

    class Meta:
        verbose_name = _("documentation")
        verbose_name_plural = _("documentation")

    def __str__(self):
        return str(self.event)


class ParticipantContribution(models.Model):
    """What one participant brought to the event, and the reflections it gave rise to."""

    documentation = models.ForeignKey(
        Documentation,
        verbose_name=_("documentation"),
        on_delete=models.CASCADE,
        related_name="contributions",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    participant = models.CharField(
        _("participant"),
        max_length=limits.NAME,
        help_text=_("The organisation or group; no private person's name."),
    )
    brought = limits.BoundedTextField(_("what they brought"), max_length=limits.TEXT)
    reflections = limits.BoundedTextField(_("reflections"), blank=True, max_length=limits.TEXT)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("participant's contribution")
        verbose_name_plural = _("participants' contributions")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.participant


def _file_path(file: "DocumentationFile", filename: str) -> str:
    # The stored name is the checksum: nothing the uploader typed reaches the file system.
    suffix = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    return f"cooperation/{file.documentation_id}/{file.sha256}{suffix}"


class DocumentationFile(models.Model):
    """A file of an event's documentation: a photo of the wall, a harvest, a presentation."""

    documentation = models.ForeignKey(
        Documentation,
        verbose_name=_("documentation"),
        on_delete=models.PROTECT,
        related_name="files",
    )
    file = models.FileField(_("file"), upload_to=_file_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("file")
        verbose_name_plural = _("files")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name


class NextStep(models.Model):
    """A next step agreed at the event; each can become an initiative."""

    documentation = models.ForeignKey(
        Documentation,
        verbose_name=_("documentation"),
        on_delete=models.CASCADE,
        related_name="next_steps",
    )
    text = limits.BoundedTextField(_("next step"), max_length=limits.SHORT_TEXT)
    responsible = models.CharField(_("who takes it on"), max_length=limits.NAME, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("next step")
        verbose_name_plural = _("next steps")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.text[:80]


class Initiative(models.Model):
    """Something the parties set out to do together: from a dialogue's next step (or a match),
    on to an IOP proposal or a funding application, with the link kept both ways."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IOP_PROPOSAL = "iop_proposal", _("Became an IOP proposal")
        FUNDING_APPLICATION = "funding_application", _("Became a funding application")
        CLOSED = "closed", _("Closed")

    title = models.CharField(_("title"), max_length=limits.NAME)
    description = limits.BoundedTextField(_("description"), max_length=limits.ANSWER)
    challenge_area = models.ForeignKey(
        ChallengeArea,
        verbose_name=_("challenge area"),
        on_delete=models.PROTECT,
        related_name="initiatives",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("carried by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="initiatives",
        help_text=_("The idea-based organisation that takes the initiative on."),
    )
    origin_event = models.ForeignKey(
        Event,
        verbose_name=_("came from the dialogue"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="initiatives",
    )
    origin_step = models.OneToOneField(
        NextStep,
        verbose_name=_("came from the next step"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="initiative",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    iop_inquiry = models.OneToOneField(
        IOPInquiry,
        verbose_name=_("IOP proposal"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="initiative",
    )
    funding_application = models.OneToOneField(
        FundingApplication,
        verbose_name=_("funding application"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="initiative",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title
