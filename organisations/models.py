"""The register: organisations (administrations and idea-based parties), boards, people, roles."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from common.limits import SHORT_TEXT, BoundedTextField

from .validators import normalise_org_number, validate_bankgiro, validate_plusgiro


class User(AbstractUser):
    """A person who logs in. What they may do comes from their memberships."""

    # The portal speaks Swedish whatever the browser asks for; a person who chooses another
    # language gets it on every page after logging in (``config.language``).
    language = models.CharField(_("language"), max_length=8, blank=True, choices=settings.LANGUAGES)
    # Set by the demo loader only: production refuses to start while such an account exists
    # (``organisations.checks``), since its password is published in the README.
    is_demo = models.BooleanField(_("demo account"), default=False, editable=False)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return self.get_full_name() or self.username


class Organisation(models.Model):
    class Kind(models.TextChoices):
        ASSOCIATION = "association", _("Association")
        FOUNDATION = "foundation", _("Foundation")
        OTHER_IDEA_BASED = "other_idea_based", _("Other idea-based organisation")
        ADMINISTRATION = "administration", _("City administration")
        ACADEMIA = "academia", _("University or college")
        COMPANY = "company", _("Company")
        PUBLIC_BODY = "public_body", _("Other public body (region, state agency)")

    IDEA_BASED_KINDS = (Kind.ASSOCIATION, Kind.FOUNDATION, Kind.OTHER_IDEA_BASED)
    # Public actors other than the municipality: each its own legal person (a state university,
    # a region), a public party of an IOP of its own.
    PUBLIC_BODY_KINDS = (Kind.ACADEMIA, Kind.PUBLIC_BODY)

    class GiroKind(models.TextChoices):
        BANKGIRO = "bankgiro", _("Bankgiro")
        PLUSGIRO = "plusgiro", _("Plusgiro")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    org_number = models.CharField(
        _("organisation number"),
        max_length=11,
        unique=True,
        help_text=_("Ten digits, NNNNNN-NNNN."),
    )
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("town"), max_length=100, blank=True)
    giro_kind = models.CharField(
        _("account kind"), max_length=10, choices=GiroKind.choices, blank=True
    )
    giro_number = models.CharField(_("bankgiro or plusgiro number"), max_length=12, blank=True)
    email = models.EmailField(_("contact e-mail"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def is_idea_based(self) -> bool:
        return self.kind in self.IDEA_BASED_KINDS

    @property
    def is_public(self) -> bool:
        return self.kind == self.Kind.ADMINISTRATION

    @property
    def is_public_body(self) -> bool:
        """A public actor other than the municipality (see ``PUBLIC_BODY_KINDS``)."""
        return self.kind in self.PUBLIC_BODY_KINDS

    def clean(self):
        errors = {}
        if self.org_number:
            try:
                self.org_number = normalise_org_number(self.org_number)
            except ValidationError as exc:
                errors["org_number"] = exc.messages
        if bool(self.giro_kind) != bool(self.giro_number):
            errors["giro_number"] = [_("Give both the account kind and the number, or neither.")]
        elif self.giro_kind:
            validate = (
                validate_bankgiro
                if self.giro_kind == self.GiroKind.BANKGIRO
                else (validate_plusgiro)
            )
            try:
                validate(self.giro_number)
            except ValidationError as exc:
                errors["giro_number"] = exc.messages
        if errors:
            raise ValidationError(errors)


class Board(models.Model):
    """A board (nämnd) of the city, or a committee of one, served by an administration."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    code = models.SlugField(_("short code"), max_length=20, unique=True)
    administration = models.ForeignKey(
        Organisation,
        verbose_name=_("administration"),
        on_delete=models.PROTECT,
        related_name="boards",
        limit_choices_to={"kind": Organisation.Kind.ADMINISTRATION},
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("committee of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="committees",
        help_text=_("For a working committee: the board it prepares matters for."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("board")
        verbose_name_plural = _("boards")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Role(models.TextChoices):
    MEMBER = "member", _("Member of the organisation")
    SIGNATORY = "signatory", _("Authorised signatory")
    OFFICER = "officer", _("Officer")
    COORDINATOR = "coordinator", _("Coordinator")
    DELEGATE = "delegate", _("Decision-maker under delegation")
    BOARD_SECRETARY = "board_secretary", _("Board secretary")
    RECORDS_MANAGER = "records_manager", _("Records manager")


STAFF_ROLES = (Role.OFFICER, Role.COORDINATOR, Role.DELEGATE, Role.BOARD_SECRETARY)
# Roles held in a city administration. The records manager (arkivarie) keeps the records and
# handles none of the cases, so is no case-handling staff member.
ADMINISTRATION_ROLES = (*STAFF_ROLES, Role.RECORDS_MANAGER)


class Membership(models.Model):
    """A person's role in an organisation; staff roles are held in a city administration."""

    user = models.ForeignKey(
        User, verbose_name=_("person"), on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    board = models.ForeignKey(
        Board,
        verbose_name=_("board"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="secretaries",
        help_text=_("Only for board secretaries."),
    )
    valid_from = models.DateField(_("valid from"), default=timezone.localdate)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    # A signatory (firmatecknare) signs for the organisation only once an officer has approved
    # the evidence of the right to sign: a register extract or the minutes naming them.
    signing_evidence = models.ForeignKey(
        "EligibilityEvidence",
        verbose_name=_("right to sign shown by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Only for signatories: the register extract or minutes that name them."),
    )
    signing_approved_by = models.ForeignKey(
        User,
        verbose_name=_("right to sign approved by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    signing_approved_at = models.DateTimeField(
        _("right to sign approved"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role", "board"], name="unique_membership_role"
            ),
            models.CheckConstraint(
                condition=Q(role="board_secretary", board__isnull=False)
                | (~Q(role="board_secretary") & Q(board__isnull=True)),
                name="board_only_for_board_secretary",
            ),
        ]
        indexes = [models.Index(fields=["user", "role"])]

    def __str__(self):
        label = self.get_role_display()
        if self.board_id:
            label = f"{label} ({self.board})"
        return f"{self.user} – {label}, {self.organisation}"

    def clean(self):
        if self.role == Role.BOARD_SECRETARY and not self.board_id:
            raise ValidationError({"board": _("A board secretary needs a board.")})
        if self.role != Role.BOARD_SECRETARY and self.board_id:
            raise ValidationError({"board": _("Only a board secretary has a board.")})
        is_staff_role = self.role in ADMINISTRATION_ROLES
        if self.organisation_id and is_staff_role and not self.organisation.is_public:
            raise ValidationError({"role": _("Staff roles are held in a city administration.")})
        if self.organisation_id and not is_staff_role and self.organisation.is_public:
            raise ValidationError(
                {"role": _("Members and signatories belong to an idea-based organisation.")}
            )
        self._clean_signing_evidence()

    def _clean_signing_evidence(self):
        if not self.signing_evidence_id:
            return
        if self.role != Role.SIGNATORY:
            raise ValidationError(
                {"signing_evidence": _("Only a signatory's right to sign is shown by evidence.")}
            )
        if self.signing_evidence.organisation_id != self.organisation_id:
            raise ValidationError(
                {"signing_evidence": _("The evidence must be the organisation's own.")}
            )

    @property
    def may_sign(self) -> bool:
        """A signatory whose right an officer approved, on evidence valid today."""
        return bool(
            self.role == Role.SIGNATORY
            and self.signing_approved_at
            and self.signing_evidence_id
            and self.signing_evidence.is_valid_on(timezone.localdate())
        )


class RepresentationQuerySet(models.QuerySet):
    def current(self, day=None):
        """Approved, not revoked, and valid on ``day`` (today): the right to act or sign."""
        day = day or timezone.localdate()
        return self.filter(
            approved_at__isnull=False, revoked_at__isnull=True, valid_from__lte=day
        ).exclude(valid_until__lt=day)

    def pending(self):
        """Proposed by the association, waiting for an officer to approve or refuse."""
        return self.filter(
            basis=Representation.Basis.EVIDENCE,
            approved_at__isnull=True,
            refused_at__isnull=True,
            revoked_at__isnull=True,
        )


class Representation(models.Model):
    """A person's right to act (member) or sign (signatory) for an idea-based organisation.

    It rests on one of two bases: evidence an officer approved (the board's minutes naming the
    signatories, with validity dates), or the e-ID broker's ``orgAffiliation`` claim at login.
    It holds from ``valid_from`` to ``valid_until`` (both days included) once approved, until
    revoked. Every binding action records which basis it rested on.
    """

    class Basis(models.TextChoices):
        EVIDENCE = "evidence", _("Evidence approved by an officer")
        BROKER = "broker", _("The e-ID broker's organisation affiliation")
        INVITATION = "invitation", _("Invited by a signatory")

    ROLES = (Role.MEMBER, Role.SIGNATORY)

    person = models.ForeignKey(
        User, verbose_name=_("person"), on_delete=models.CASCADE, related_name="representations"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="representations",
    )
    role = models.CharField(
        _("role"), max_length=20, choices=[(role.value, role.label) for role in ROLES]
    )
    basis = models.CharField(_("basis"), max_length=10, choices=Basis.choices)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    evidence = models.ForeignKey(
        "EligibilityEvidence",
        verbose_name=_("evidence"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="representations",
        help_text=_("The board's minutes or register extract that name the person."),
    )
    # Made from a signatory membership when representations were introduced: approved (or
    # not) as the membership was, by nobody in particular.
    migrated = models.BooleanField(_("migrated from a membership"), default=False, editable=False)
    proposed_by = models.ForeignKey(
        User,
        verbose_name=_("proposed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    proposed_at = models.DateTimeField(_("proposed"), default=timezone.now, editable=False)
    approved_by = models.ForeignKey(
        User,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True, editable=False)
    refused_by = models.ForeignKey(
        User,
        verbose_name=_("refused by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    refused_at = models.DateTimeField(_("refused"), null=True, blank=True, editable=False)
    refusal_reason = BoundedTextField(
        _("reason for refusal"), max_length=SHORT_TEXT, blank=True, editable=False
    )
    revoked_by = models.ForeignKey(
        User,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)
    revocation_reason = BoundedTextField(
        _("reason for revocation"), max_length=SHORT_TEXT, blank=True, editable=False
    )

    objects = RepresentationQuerySet.as_manager()

    class Meta:
        verbose_name = _("representation")
        verbose_name_plural = _("representations")
        ordering = ["organisation__name", "person__last_name", "person__first_name", "pk"]
        indexes = [models.Index(fields=["person", "organisation", "role"])]

    def __str__(self):
        return f"{self.person} – {self.get_role_display()}, {self.organisation}"

    def clean(self):
        if self.valid_until and self.valid_from and self.valid_until < self.valid_from:
            raise ValidationError(
                {"valid_until": _("The representation must end after it starts.")}
            )
        if self.organisation_id and not self.organisation.is_idea_based:
            raise ValidationError(
                {"organisation": _("Only an idea-based organisation is represented so.")}
            )

    def is_current(self, day=None) -> bool:
        day = day or timezone.localdate()
        return bool(
            self.approved_at
            and not self.revoked_at
            and self.valid_from <= day
            and (self.valid_until is None or day <= self.valid_until)
        )


class RepresentationInvitation(models.Model):
    """A signatory's invitation of a person, by e-mail, to act for the organisation.

    Only the SHA-256 of the invitation's token is kept; the token travels in the e-mail's link.
    Whoever accepts it while logged in, before it expires and only once, becomes a member
    representative of the organisation.
    """

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    email = models.EmailField(_("e-mail"))
    digest = models.CharField(_("SHA-256 of the token"), max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        User, verbose_name=_("invited by"), on_delete=models.PROTECT, related_name="+"
    )
    invited_at = models.DateTimeField(_("invited"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"), editable=False)
    accepted_by = models.ForeignKey(
        User,
        verbose_name=_("accepted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("invitation to represent")
        verbose_name_plural = _("invitations to represent")
        ordering = ["-invited_at"]

    def __str__(self):
        return f"{self.email} – {self.organisation}"


class BoardSigningAuthority(models.Model):
    """Who a board authorised, by its decision, to sign for it: a person, or an office.

    A board decision on a case that names its signatory still decides for that case; this
    standing authority applies where the decision names nobody.
    """

    board = models.ForeignKey(
        Board,
        verbose_name=_("board"),
        on_delete=models.CASCADE,
        related_name="signing_authorities",
    )
    person = models.ForeignKey(
        User,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="board_signing_authorities",
    )
    office = models.CharField(
        _("office"),
        max_length=200,
        blank=True,
        help_text=_("For example “the board's chair”; the person who holds it, if named above."),
    )
    protocol_reference = models.CharField(
        _("decision (protocol reference)"),
        max_length=200,
        help_text=_("For example “KFN 2026-01-28 § 4”."),
    )
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        verbose_name = _("board's signing authority")
        verbose_name_plural = _("boards' signing authorities")
        ordering = ["board__name", "-valid_from"]

    def __str__(self):
        who = str(self.person) if self.person_id else self.office
        return f"{self.board}: {who} ({self.protocol_reference})"

    def clean(self):
        if not self.person_id and not (self.office or "").strip():
            raise ValidationError({"person": _("Name the person or the office authorised.")})
        if self.valid_until and self.valid_from and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": _("The authority must end after it starts.")})


class DelegationHolding(models.Model):
    """A point of a board's delegation order (delegationsordning) held by one person.

    Only a person who holds the point from the board that gave it decides under it; an
    administrator or superuser administers delegation and never decides by being one.
    """

    user = models.ForeignKey(
        User, verbose_name=_("person"), on_delete=models.CASCADE, related_name="delegations"
    )
    board = models.ForeignKey(
        Board, verbose_name=_("board"), on_delete=models.PROTECT, related_name="delegations"
    )
    point = models.CharField(_("point in the delegation order"), max_length=50)
    valid_from = models.DateField(_("valid from"), default=timezone.localdate)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        verbose_name = _("delegation held")
        verbose_name_plural = _("delegations held")
        ordering = ["board__name", "point", "user__username"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "board", "point", "valid_from"], name="unique_delegation_holding"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.board} {self.point}"

    def clean(self):
        self.point = (self.point or "").strip()
        if self.valid_until and self.valid_from and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": _("The delegation must end after it starts.")})


class EligibilityEvidence(models.Model):
    """Proof that an association meets the conditions for grants, valid for a period."""

    class Kind(models.TextChoices):
        ANNUAL_MEETING_MINUTES = "annual_meeting_minutes", _("Approved annual meeting minutes")
        STATUTES = "statutes", _("Statutes")
        MEMBER_COUNT = "member_count", _("Number of members")
        BOARD_LIST = "board_list", _("List of board members")
        BANK_ACCOUNT = "bank_account", _("Verified bank account")
        SIGNATORY_RIGHT = "signatory_right", _("Register extract or minutes naming the signatories")
        # Given by attendance at a training session (cooperation.TrainingRegistration).
        IDEA_WORKSHOP = "idea_workshop", _("Attendance at an idea workshop")
        CO_CREATION_TRAINING = "co_creation_training", _("Training in co-creative methods")
        MANDATORY_TRAINING = "mandatory_training", _("The board's mandatory training")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="evidence",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    given_on = models.DateField(_("given on"))
    expires_on = models.DateField(_("expires on"))
    value = models.CharField(
        _("value"), max_length=200, blank=True, help_text=_("For example the number of members.")
    )
    file = models.FileField(_("file"), upload_to="evidence/%Y/", blank=True)
    recorded_by = models.ForeignKey(
        User, verbose_name=_("recorded by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    reminders_sent = models.JSONField(default=list, blank=True, editable=False)

    class Meta:
        verbose_name = _("eligibility evidence")
        verbose_name_plural = _("eligibility evidence")
        ordering = ["organisation", "kind", "-given_on"]

    def __str__(self):
        return f"{self.get_kind_display()}, {self.organisation} ({self.given_on})"

    def clean(self):
        if self.given_on and self.expires_on and self.expires_on <= self.given_on:
            raise ValidationError(
                {"expires_on": _("The expiry date must come after the date given.")}
            )

    def is_valid_on(self, day) -> bool:
        return self.given_on <= day < self.expires_on


class Absence(models.Model):
    """A period a person is away: new tasks go to the role queue, colleagues see their open ones."""

    user = models.ForeignKey(
        User, verbose_name=_("person"), on_delete=models.CASCADE, related_name="absences"
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("absence")
        verbose_name_plural = _("absences")
        ordering = ["starts_on"]
        indexes = [models.Index(fields=["starts_on", "ends_on"])]

    def __str__(self):
        return f"{self.user}: {self.starts_on}–{self.ends_on}"

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The last day cannot come before the first.")})


class SecondFactorDevice(TOTPDevice):
    """django-otp's TOTP device under a Swedish name in the administration (a proxy: the same
    table, nothing of the package changed)."""

    class Meta:
        proxy = True
        verbose_name = _("authenticator app")
        verbose_name_plural = _("authenticator apps")


class EnrolmentCode(models.Model):
    """A one-time code an administrator issues to let a person pair an authenticator app.

    A password alone does not pair the second factor: whoever logged in first with a leaked
    password would otherwise own the account's second factor. Only the code's SHA-256 is kept;
    the code itself is shown once, to the administrator who issued it. It works once, until it
    expires, and a new code for the same person revokes the earlier ones.
    """

    user = models.ForeignKey(
        User, verbose_name=_("person"), on_delete=models.CASCADE, related_name="enrolment_codes"
    )
    digest = models.CharField(_("SHA-256 of the code"), max_length=64, unique=True, editable=False)
    issued_by = models.ForeignKey(
        User,
        verbose_name=_("issued by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        help_text=_("Empty for a code made on the server (manage.py enrolment_code)."),
    )
    issued_at = models.DateTimeField(_("issued"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"), editable=False)
    used_at = models.DateTimeField(_("used or revoked"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("enrolment code for two-step login")
        verbose_name_plural = _("enrolment codes for two-step login")
        ordering = ["-issued_at"]

    def __str__(self):
        return f"{self.user} ({self.issued_at:%Y-%m-%d %H:%M})"
