"""What officers write for the annual report: the narrative sections of a year."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from common import limits


class NarrativeSection(models.Model):
    """A section of text for the year's report, e.g. the events or trainings held."""

    class Topic(models.TextChoices):
        STEERING = "steering", _("Steering and coordination")
        EVENTS = "events", _("Events and meeting places")
        EDUCATION = "education", _("Education and learning")
        COMMUNICATION = "communication", _("Communication")
        OTHER = "other", _("Other")

    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    heading = models.CharField(_("heading"), max_length=200)
    text = limits.BoundedTextField(
        _("text"), help_text=_("A blank line starts a new paragraph."), max_length=limits.ANSWER
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)

    class Meta:
        verbose_name = _("narrative section")
        verbose_name_plural = _("narrative sections")
        ordering = ["year", "position", "pk"]

    def __str__(self):
        return f"{self.year}: {self.heading}"
