"""What the officer finds: the IOP screening and the legal assessment, kept as data."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from common import limits
from organisations.models import Organisation

from .inquiry import IOPInquiry
from .state_aid import DE_MINIMIS_ROUTES, AidRoute

# The SOU 2019:56 criteria of an IOP, in the order they are asked: (field prefix, question).
SCREENING_CRITERIA = [
    ("parties", _("Are there both public and idea-based parties?")),
    ("common_goal", _("Do the parties share a common public-benefit goal?")),
    ("both_contribute", _("Do both sides contribute resources?")),
    (
        "civil_initiative",
        _("Does the initiative come from civil society, rather than being an order of the city?"),
    ),
]


class Screening(models.Model):
    """The screening against the SOU 2019:56 criteria: each answered yes or no, with reasons."""

    inquiry = models.OneToOneField(
        IOPInquiry, verbose_name=_("inquiry"), on_delete=models.CASCADE, related_name="screening"
    )
    parties = models.BooleanField(_("public and idea-based parties"))
    parties_reasoning = limits.BoundedTextField(_("reasoning"), max_length=limits.TEXT)
    common_goal = models.BooleanField(_("common public-benefit goal"))
    common_goal_reasoning = limits.BoundedTextField(_("reasoning"), max_length=limits.TEXT)
    both_contribute = models.BooleanField(_("both sides contribute resources"))
    both_contribute_reasoning = limits.BoundedTextField(_("reasoning"), max_length=limits.TEXT)
    civil_initiative = models.BooleanField(_("initiative from civil society"))
    civil_initiative_reasoning = limits.BoundedTextField(_("reasoning"), max_length=limits.TEXT)
    # Stored under its first name; screening a proposal out is a notice (besked), not a decision.
    decision_reasons = limits.BoundedTextField(
        _("notice and its reasons"),
        blank=True,
        help_text=_("Sent to the initiator when the inquiry is not an IOP."),
        max_length=limits.ANSWER,
    )
    suggestions = limits.BoundedTextField(
        _("suggestions"),
        blank=True,
        help_text=_("Funding programmes and other ways forward that may fit the proposal."),
        max_length=limits.TEXT,
    )
    screened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    screened_at = models.DateTimeField(_("screened"), auto_now_add=True)

    class Meta:
        verbose_name = _("screening")
        verbose_name_plural = _("screenings")

    def __str__(self):
        return f"{self.inquiry}: {self.is_iop}"

    @property
    def is_iop(self) -> bool:
        """Every criterion must be met."""
        return all(getattr(self, name) for name, _question in SCREENING_CRITERIA)

    @property
    def answers(self) -> list[tuple[str, bool, str]]:
        return [
            (question, getattr(self, name), getattr(self, f"{name}_reasoning"))
            for name, question in SCREENING_CRITERIA
        ]


class LegalAssessment(models.Model):
    """The investigation's legal assessment: procurement law, state aid and personal data."""

    class GdprRole(models.TextChoices):
        JOINT_CONTROLLERSHIP = "joint_controllership", _("Joint controllership (GDPR art. 26)")
        PROCESSOR = "processor", _("Processor agreement (GDPR art. 28)")
        SEPARATE_CONTROLLERS = "separate_controllers", _("Each party is its own controller")
        NONE = "none", _("No personal data is processed")

    class Conclusion(models.TextChoices):
        PROCEED = "proceed", _("An IOP can be made: go on to co-creation")
        PROCUREMENT = "procurement", _("Not an IOP: the matter must be procured")
        CLOSE = "close", _("Do not go on: close the inquiry")

    inquiry = models.OneToOneField(
        IOPInquiry,
        verbose_name=_("inquiry"),
        on_delete=models.CASCADE,
        related_name="legal_assessment",
    )
    # Public procurement (LOU): a counter-performance of direct economic interest to the city,
    # on an existing market, makes the agreement a procurement (Kammarrätten i Göteborg 3556-18).
    counter_performance = models.BooleanField(_("the city receives a counter-performance"))
    direct_economic_interest = models.BooleanField(_("of direct economic interest to the city"))
    existing_market = models.BooleanField(_("there is an existing market for the activity"))
    procurement_reasoning = limits.BoundedTextField(
        _("procurement law: reasoning"), max_length=limits.ANSWER
    )
    # State aid: aid exists only when all five criteria are met.
    state_resources = models.BooleanField(_("state resources are used"))
    advantage = models.BooleanField(_("it gives an economic advantage"))
    selectivity = models.BooleanField(_("it is selective"))
    distorts_competition = models.BooleanField(_("it distorts or threatens competition"))
    affects_trade = models.BooleanField(_("it affects trade between member states"))
    is_sgei = models.BooleanField(
        _("a service of general economic interest (SGEI)"),
        default=False,
        help_text=_("The de minimis ceiling is then EUR 750,000 instead of EUR 300,000."),
    )
    state_aid_reasoning = limits.BoundedTextField(
        _("state aid: reasoning"), max_length=limits.ANSWER
    )
    state_aid_route = models.CharField(
        _("lawful route for the aid"),
        max_length=20,
        choices=AidRoute.choices,
        blank=True,
        help_text=_("Required when the answers find state aid."),
    )
    state_aid_route_basis = models.CharField(
        _("legal basis of the route"),
        max_length=300,
        blank=True,
        help_text=_(
            "For the SGEI Decision the entrustment act; for the GBER the article; for a "
            "notification the Commission's case number."
        ),
    )
    gdpr_role = models.CharField(_("personal data role"), max_length=30, choices=GdprRole.choices)
    gdpr_reasoning = limits.BoundedTextField(
        _("personal data: reasoning"), blank=True, max_length=limits.TEXT
    )
    gdpr_arrangement = limits.BoundedTextField(
        _("personal data: the arrangement between the parties"),
        blank=True,
        help_text=_(
            "For joint controllership: who informs the data subjects, who answers their "
            "requests and who is their contact point (the essence of the arrangement, GDPR "
            "art. 26.2). For a processor: what is processed for whom. The agreement quotes it."
        ),
        max_length=limits.TEXT,
    )
    conclusion = models.CharField(_("conclusion"), max_length=20, choices=Conclusion.choices)
    conclusion_reasoning = limits.BoundedTextField(
        _("conclusion: reasoning"), max_length=limits.ANSWER
    )
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    assessed_at = models.DateTimeField(_("assessed"), auto_now=True)
    # A decision-maker's override of the procurement answers, set only by its service.
    procurement_override_reasons = limits.BoundedTextField(
        _("reasons to go on as an IOP despite the procurement answers"),
        blank=True,
        editable=False,
        max_length=limits.TEXT,
    )
    procurement_override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("overridden by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    procurement_override_at = models.DateTimeField(
        _("overridden"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("legal assessment")
        verbose_name_plural = _("legal assessments")

    def __str__(self):
        return f"{self.inquiry}: {self.get_conclusion_display()}"

    @property
    def is_procurement(self) -> bool:
        return self.counter_performance and self.direct_economic_interest

    @property
    def procurement_overridden(self) -> bool:
        return self.procurement_override_at is not None

    @property
    def is_de_minimis(self) -> bool:
        return self.state_aid_route in DE_MINIMIS_ROUTES

    @property
    def is_state_aid(self) -> bool:
        return all(
            (
                self.state_resources,
                self.advantage,
                self.selectivity,
                self.distorts_competition,
                self.affects_trade,
            )
        )


class AidEntry(models.Model):
    """Aid an undertaking received that the system does not know of otherwise (entered by hand)."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="aid_entries",
    )
    granted_on = models.DateField(_("granted on"))
    amount_sek = models.DecimalField(
        _("amount (SEK)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
    )
    granted_by = models.CharField(_("granted by"), max_length=200)
    description = models.CharField(_("description"), max_length=300, blank=True)
    is_sgei = models.BooleanField(_("for a service of general economic interest"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("aid entry")
        verbose_name_plural = _("aid entries")
        ordering = ["-granted_on"]
        indexes = [models.Index(fields=["organisation", "granted_on"])]

    def __str__(self):
        return f"{self.organisation}: {self.amount_sek} kr ({self.granted_on})"
