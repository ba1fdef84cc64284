"""Training in co-creative methods: courses, their sessions, registration and attendance.

Attendance is recorded on the organisation as eligibility evidence of the course's kind, valid
for the course's validity, so a programme that requires it checks it like any other evidence.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from common import limits
from organisations.models import EligibilityEvidence, Organisation


class Course(models.Model):
    title = models.CharField(_("title"), max_length=limits.NAME)
    description = limits.BoundedTextField(_("description"), blank=True, max_length=limits.TEXT)
    # The evidence an attendance gives, if any (an idea workshop, the leisure board's training).
    evidence_kind = models.CharField(
        _("evidence given by attendance"),
        max_length=30,
        blank=True,
        choices=EligibilityEvidence.Kind.choices,
    )
    validity_days = models.PositiveIntegerField(_("attendance valid for (days)"), default=730)

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["title"]

    def __str__(self):
        return self.title


class TrainingSession(models.Model):
    course = models.ForeignKey(
        Course, verbose_name=_("course"), on_delete=models.PROTECT, related_name="sessions"
    )
    held_on = models.DateField(_("held on"))
    place = models.CharField(_("place"), max_length=limits.NAME, blank=True)
    capacity = models.PositiveIntegerField(_("places"), default=30)

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["held_on", "pk"]

    def __str__(self):
        return f"{self.course}, {self.held_on:%Y-%m-%d}"


class TrainingRegistration(models.Model):
    """An organisation's place at a session; attendance is marked afterwards."""

    session = models.ForeignKey(
        TrainingSession,
        verbose_name=_("training session"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="training_registrations",
    )
    participants = models.PositiveSmallIntegerField(_("participants"), default=1)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    attended = models.BooleanField(_("attended"), default=False)
    evidence = models.OneToOneField(
        EligibilityEvidence, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("training registration")
        verbose_name_plural = _("training registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "organisation"], name="one_registration_per_organisation"
            )
        ]

    def __str__(self):
        return f"{self.organisation}, {self.session}"
