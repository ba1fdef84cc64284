"""What every case shares: its number, parties, history (audit log) and comments."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from common import limits
from organisations.models import Board, Organisation

from .actions import CaseState, declared


class ChallengeArea(models.Model):
    """A societal challenge area (samhällsutmaning) of the cooperation plan."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    description = limits.BoundedTextField(_("description"), blank=True, max_length=limits.TEXT)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    # An area is closed, never deleted: its hosts, dialogues and agreements stay its history.
    opened_on = models.DateField(_("opened on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("challenge area")
        verbose_name_plural = _("challenge areas")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class PriorityTheme(models.Model):
    """The year's priority theme of the collaboration (for example “återstart” in 2021)."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    title = models.CharField(_("theme"), max_length=200)
    description = limits.BoundedTextField(_("description"), blank=True, max_length=limits.TEXT)

    class Meta:
        verbose_name = _("priority theme")
        verbose_name_plural = _("priority themes")
        ordering = ["-year"]

    def __str__(self):
        return f"{self.year}: {self.title}"


class CaseNumberCounter(models.Model):
    """The last number given in a series and year; locked while a number is taken."""

    series = models.CharField(max_length=10)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["series", "year"], name="unique_counter_per_series_year"
            )
        ]

    def __str__(self):
        return f"{self.series}-{self.year}: {self.last_number}"


class RegistrationSeries(models.Model):
    """A board's own series of case numbers: each board is its own authority for registration.

    A board without one registers under its short code in capitals."""

    board = models.OneToOneField(
        Board,
        verbose_name=_("board"),
        on_delete=models.PROTECT,
        related_name="registration_series",
    )
    prefix = models.CharField(
        _("case number series"),
        max_length=10,
        unique=True,
        validators=[
            RegexValidator(r"^[A-Z0-9]+$", _("Capital letters A–Z and digits only, e.g. FRN."))
        ],
        help_text=_("For example FRN: the board's cases are numbered FRN-2026-00001 and on."),
    )

    class Meta:
        verbose_name = _("case number series")
        verbose_name_plural = _("case number series")
        ordering = ["prefix"]

    def __str__(self):
        return f"{self.prefix} ({self.board})"

    def clean(self):
        # Another board registering under its code must not share the series.
        taken = (
            Board.objects.exclude(pk=self.board_id)
            .filter(registration_series__isnull=True)
            .values_list("code", flat=True)
        )
        if self.prefix and self.prefix in {code.upper() for code in taken}:
            raise ValidationError(
                {"prefix": _("Another board registers its cases under this series.")}
            )


class Case(models.Model):
    """A registered case (ärende) with its registry number (diarienummer)."""

    class Kind(models.TextChoices):
        IOP_INQUIRY = "iop_inquiry", _("IOP inquiry")
        FUNDING_APPLICATION = "funding_application", _("Funding application")
        # The municipality's agreement with a challenge area's idea-based host (cooperation).
        HOST_ASSIGNMENT = "host_assignment", _("Host assignment of a challenge area")

    class OpenedBy(models.TextChoices):
        """Who opened the case: förvaltningslagen 11–12 §§ apply to a party's case only."""

        PARTY = "party", _("A private party (application, proposal)")
        AUTHORITY = "authority", _("The municipality itself (an assignment)")

    case_number = models.CharField(_("case number"), max_length=30, unique=True, editable=False)
    series = models.CharField(_("series"), max_length=10, editable=False)
    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    number = models.PositiveIntegerField(_("number"), editable=False)
    kind = models.CharField(_("kind of case"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
        help_text=_("The idea-based organisation whose members may follow the case."),
    )
    boards = models.ManyToManyField(
        Board, verbose_name=_("boards concerned"), blank=True, related_name="cases"
    )
    parties = models.ManyToManyField(
        Organisation,
        verbose_name=_("other parties"),
        blank=True,
        related_name="party_cases",
        help_text=_(
            "Other organisations that are parties to the case (an IOP's partners): their "
            "members follow the case as the organisation's do."
        ),
    )
    challenge_area = models.ForeignKey(
        ChallengeArea,
        verbose_name=_("challenge area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    registered_at = models.DateTimeField(_("registered"), auto_now_add=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        blank=True,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    registry_number = models.CharField(
        _("registry case number"),
        max_length=60,
        blank=True,
        editable=False,
        help_text=_("The case's number in the municipality's registry, as the registry answered."),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_demanded_on = models.DateField(
        _("decision demanded on"),
        null=True,
        blank=True,
        help_text=_("The day a party demanded a decision in writing (förvaltningslagen 12 §)."),
    )
    six_month_warning_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    opened_by = models.CharField(
        _("opened by"),
        max_length=10,
        choices=OpenedBy.choices,
        default=OpenedBy.PARTY,
        editable=False,
        help_text=_("Förvaltningslagen 11–12 §§ apply only to a case a private party opened."),
    )

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-registered_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "year", "number"], name="unique_case_number_parts"
            )
        ]
        indexes = [models.Index(fields=["organisation", "-registered_at"])]
        permissions = [
            ("view_all_cases", _("Can see every case")),
            ("handle_case", _("Can handle cases as an officer")),
            ("coordinate", _("Can coordinate and match organisations")),
            ("decide_on_delegation", _("Can decide under the delegation order")),
            ("record_board_decision", _("Can record a board's decision")),
            ("comment_internally", _("Can write and read working notes on cases")),
        ]

    def __str__(self):
        return f"{self.case_number} {self.title}"

    def get_absolute_url(self):
        return reverse("casework:case_detail", kwargs={"case_number": self.case_number})


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("Audit events are never changed.")

    def delete(self):
        raise TypeError("Audit events are never deleted.")


class AuditEvent(models.Model):
    """One entry of the append-only audit log: who did what, when, from and to which state."""

    case = models.ForeignKey(
        Case,
        verbose_name=_("case"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
    )
    target_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    target_id = models.CharField(max_length=64, blank=True)
    target_repr = models.CharField(_("object"), max_length=300, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=60)
    from_state = models.CharField(_("from"), max_length=40, blank=True)
    to_state = models.CharField(_("to"), max_length=40, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit log")
        ordering = ["at", "pk"]
        indexes = [
            models.Index(fields=["case", "at"]),
            models.Index(fields=["target_type", "target_id"]),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.target_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("Audit events are never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("Audit events are never deleted.")

    @property
    def action_label(self) -> str:
        try:
            return str(declared(self.action).label)
        except ValueError:  # an action no longer declared keeps its stored key
            return self.action

    @property
    def from_state_label(self) -> str:
        return self._state_label(self.from_state)

    @property
    def to_state_label(self) -> str:
        return self._state_label(self.to_state)

    def _state_label(self, state: str) -> str:
        """A state in the words of its model's choices; a user name (who holds a task) stays."""
        if not (state and self.target_type_id):
            return state
        model = ContentType.objects.get_for_id(self.target_type_id).model_class()
        if model is Case:
            return str(dict(CaseState.choices).get(state, state))
        try:
            status = model._meta.get_field("status")
        except (AttributeError, FieldDoesNotExist):  # a model gone (None), or without a status
            return state
        return str(dict(status.flatchoices).get(state, state))


class Comment(models.Model):
    """A comment on a case: shared with the organisation, or a working note of the staff.

    A working note (arbetsanteckning) is not shown to the organisation in the portal, but it is
    no secret: it can become a public record, and a party has the right to see the material of
    the case (förvaltningslagen 10 §). The stored value stays ``internal``."""

    class Visibility(models.TextChoices):
        SHARED = "shared", _("Shared with the organisation")
        INTERNAL = "internal", _("Working note (not shown to the organisation in the portal)")

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    body = limits.BoundedTextField(_("comment"), max_length=limits.TEXT)
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.SHARED
    )
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["case", "created_at"])]

    def __str__(self):
        return f"{self.case.case_number}: {self.body[:40]}"


class ClockPause(models.Model):
    """A period in which the case's handling clock stands still, with the reason."""

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="clock_pauses"
    )
    reason = models.CharField(_("reason"), max_length=300)
    started_at = models.DateTimeField(_("paused"), auto_now_add=True)
    ended_at = models.DateTimeField(_("resumed"), null=True, blank=True)

    class Meta:
        verbose_name = _("clock pause")
        verbose_name_plural = _("clock pauses")
        ordering = ["started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(ended_at__isnull=True),
                name="one_open_pause_per_case",
            )
        ]

    def __str__(self):
        return f"{self.case.case_number}: {self.reason}"


class Deadline(models.Model):
    """A date by which someone must act on a case, with the reminders already sent."""

    class Kind(models.TextChoices):
        SUPPLEMENT = "supplement", _("Supplement requested")
        REPORT_BACK = "report_back", _("Report-back")
        FOLLOW_UP = "follow_up", _("Yearly follow-up")
        DECISION = "decision", _("Decision demanded (förvaltningslagen 12 §)")
        OTHER = "other", _("Other deadline")

    class Audience(models.TextChoices):
        ORGANISATION = "organisation", _("The organisation")
        STAFF = "staff", _("The city's officers")

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="deadlines"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    audience = models.CharField(_("who must act"), max_length=20, choices=Audience.choices)
    due_on = models.DateField(_("due on"))
    description = models.CharField(_("description"), max_length=300, blank=True)
    task_id = models.BigIntegerField(_("workflow task"), null=True, blank=True, db_index=True)
    reminders_sent = models.JSONField(default=list, blank=True, editable=False)
    overdue_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    met_at = models.DateTimeField(_("met"), null=True, blank=True)

    class Meta:
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        ordering = ["due_on", "pk"]
        indexes = [
            models.Index(
                fields=["due_on"],
                condition=models.Q(met_at__isnull=True),
                name="deadline_open_by_due",
            )
        ]

    def __str__(self):
        return f"{self.case.case_number}: {self.get_kind_display()} {self.due_on}"


class DemandRejection(models.Model):
    """A special decision (särskilt beslut) rejecting a party's demand for a decision.

    Förvaltningslagen 12 §: within four weeks of the demand the authority decides the case or
    rejects the demand by a special decision, which the party may appeal to the court that
    would hear an appeal of the decision in the case."""

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="demand_rejections"
    )
    demanded_on = models.DateField(_("decision demanded on"))
    reasons = limits.BoundedTextField(_("reasons"), max_length=limits.ANSWER)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    decider_title = models.CharField(_("title of the decision-maker"), max_length=200)
    authority = models.CharField(
        _("point in the delegation order"),
        max_length=300,
        blank=True,
        help_text=_("The point of the board's delegation order the decision rests on."),
    )
    decided_at = models.DateTimeField(_("decided"), auto_now_add=True)

    class Meta:
        verbose_name = _("rejection of a demand for a decision")
        verbose_name_plural = _("rejections of demands for a decision")
        ordering = ["decided_at", "pk"]

    def __str__(self):
        return f"{self.case.case_number}: {self.demanded_on}"
