"""What hosts, coordinators and participants do with a dialogue or workshop, and how its next
steps become initiatives and IOP proposals. Each function owns its transaction and checks who
may act (``cooperation.selectors.dialogues``)."""

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from casework import events
from common import limits, uploads
from funding.models import FundingApplication, FundingProgramme
from funding.services import application_create
from notifications.models import Kind
from notifications.services import notify, notify_once
from partnerships.models import IOPInquiry
from workflows.iop import services as iop

from ..actions import DialogueAction
from ..models import (
    Documentation,
    DocumentationFile,
    Event,
    Initiative,
    Invitation,
    NextStep,
    ParticipantContribution,
    Registration,
)
from ..selectors import dialogues as rules

REGISTERED, WAITING, CANCELLED = Registration.Status


def _url(event: Event) -> str:
    return reverse("cooperation:event", args=[event.pk])


def _locked(event: Event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


@transaction.atomic
def event_plan(*, acting_user, organisers: Iterable, **fields) -> Event:
    """A coordinator, an officer or the area's host plans an event of a challenge area, with
    its organisers."""
    if not rules.may_plan(acting_user, fields.get("challenge_area")):
        raise PermissionDenied
    event = Event(created_by=acting_user, **fields)
    if event.starts_at and event.ends_at and event.ends_at <= event.starts_at:
        raise ValidationError({"ends_at": _("The event must end after it starts.")})
    event.full_clean()
    event.save()
    event.organisers.set([acting_user, *organisers])
    events.record(event, acting_user, DialogueAction.EVENT_PLANNED)
    return event


@transaction.atomic
def event_invite(*, event: Event, acting_user, organisations: Iterable) -> list[Invitation]:
    """Invite organisations (associations and administrations); an organisation already
    invited stays invited once. The people of each newly invited organisation are told, in the
    portal and by e-mail, once (not for an event that has begun)."""
    rules.ensure_runs(acting_user, event)
    event = _locked(event)
    if event.status != Event.Status.PLANNED:
        raise ValidationError(_("Only a planned event takes invitations."))
    invited = set(event.invitations.values_list("organisation_id", flat=True))
    created = Invitation.objects.bulk_create(
        [
            Invitation(event=event, organisation=organisation, invited_by=acting_user)
            for organisation in organisations
            if organisation.pk not in invited
        ]
    )
    if created and event.starts_at > timezone.now():
        with translation.override(settings.LANGUAGE_CODE):  # what leaves the portal: Swedish
            notify_once(
                recipients=rules.people_of([invitation.organisation for invitation in created]),
                kind=Kind.EVENT_INVITATION,
                title=_("Invitation: %(event)s") % {"event": event.title},
                body=_facts(event)
                + "\n\n"
                + _("Your organisation is invited. Register on the event's page."),
                url=_url(event),
                since=event.created_at,
            )
    return created


def _facts(event: Event) -> str:
    """When and where, in the words a notification carries."""
    starts, ends = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
    return _("%(kind)s, %(date)s %(start)s–%(end)s, %(place)s") % {
        "kind": event.get_kind_display(),
        "date": formats.date_format(starts, "j F Y"),
        "start": formats.time_format(starts, "H:i"),
        "end": formats.time_format(ends, "H:i"),
        "place": event.place,
    }


def _tell_of_change(event: Event, title: str, body: str) -> int:
    """Tell those registered, those waiting and the invited organisations' people of a change
    or a cancellation (not of an event that has begun). Returns how many were told."""
    if event.starts_at <= timezone.now():
        return 0
    registered = event.registrations.filter(status__in=[REGISTERED, WAITING])
    people = {registration.person for registration in registered.select_related("person")}
    organisations = [invitation.organisation for invitation in event.invitations.all()]
    people |= set(rules.people_of(organisations))
    return len(
        notify(recipients=people, kind=Kind.EVENT_CHANGE, title=title, body=body, url=_url(event))
    )


# What those who plan an event may change after planning it.
CHANGEABLE = ("title", "description", "starts_at", "ends_at", "place", "capacity")
# What those who take part are told of when it changes.
TOLD_OF = {"starts_at", "ends_at", "place"}


@transaction.atomic
def event_change(*, event: Event, acting_user, **changes) -> Event:
    """Those who plan the event change what, when and where while it is planned. Places are
    never fewer than those registered (nobody is moved off the list): that is refused, and the
    planners may close registration by cancelling or leave it. Added places go to the waiting
    list in its order. A new time or place is told to those registered or waiting and to the
    invited organisations. Saving without a change changes and tells nothing."""
    event = _locked(event)
    rules.ensure_may_change(acting_user, event)
    if event.status != Event.Status.PLANNED:
        raise ValidationError(_("Only a planned event can be changed."))
    before = {name: getattr(event, name) for name in CHANGEABLE}
    for name in CHANGEABLE:
        if name in changes:
            setattr(event, name, changes[name])
    if event.ends_at <= event.starts_at:
        raise ValidationError({"ends_at": _("The event must end after it starts.")})
    taken = event.registrations.filter(status=REGISTERED).count()
    if event.capacity is not None and event.capacity < taken:
        raise ValidationError(
            {
                "capacity": ngettext(
                    "%(count)d person is registered: the places cannot be fewer.",
                    "%(count)d people are registered: the places cannot be fewer.",
                    taken,
                )
                % {"count": taken}
            }
        )
    event.full_clean()
    changed = [name for name in CHANGEABLE if getattr(event, name) != before[name]]
    if not changed:
        return event
    event.save(update_fields=changed)
    while (event.capacity is None or taken < event.capacity) and _move_up(event):
        taken += 1
    events.record(event, acting_user, DialogueAction.EVENT_CHANGED, data={"changed": changed})
    if TOLD_OF & set(changed):
        with translation.override(settings.LANGUAGE_CODE):
            _tell_of_change(
                event,
                _("Changed time or place: %(event)s") % {"event": event.title},
                _("Now: %(facts)s") % {"facts": _facts(event)},
            )
    return event


@transaction.atomic
def event_cancel(*, event: Event, acting_user, reason: str) -> Event:
    """Those who plan the event cancel it, with a reason that those registered, those waiting
    and the invited organisations are told. A cancelled event takes no registration, no
    attendance and no reminder; an event that took place (attendance recorded or documented)
    cannot be cancelled. Cancelling again does nothing."""
    event = _locked(event)
    rules.ensure_may_change(acting_user, event)
    if event.status == Event.Status.CANCELLED:
        return event
    if event.status == Event.Status.HELD or Documentation.objects.filter(event=event).exists():
        raise ValidationError(_("The event took place: it cannot be cancelled."))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the event is cancelled.")})
    event.status, event.cancelled_at = Event.Status.CANCELLED, timezone.now()
    event.cancellation_reason = reason
    event.full_clean()
    event.save(update_fields=["status", "cancelled_at", "cancellation_reason"])
    with translation.override(settings.LANGUAGE_CODE):
        told = _tell_of_change(
            event,
            _("Cancelled: %(event)s") % {"event": event.title},
            _facts(event) + "\n\n" + _("Why: %(reason)s") % {"reason": reason},
        )
    events.record(
        event,
        acting_user,
        DialogueAction.EVENT_CANCELLED,
        from_state=Event.Status.PLANNED,
        to_state=Event.Status.CANCELLED,
        reason=reason,
        data={"told": told},
    )
    return event


@transaction.atomic
def event_register(*, event: Event, acting_user, organisation) -> Registration:
    """Register ``acting_user`` for ``organisation``: a place while there is one, otherwise the
    waiting list. Registering again after cancelling puts them at the end of the queue."""
    event = _locked(event)
    if event.status != Event.Status.PLANNED:
        raise ValidationError(_("Registration is closed for this event."))
    if not rules.registering_organisations(acting_user, event).filter(pk=organisation.pk):
        raise PermissionDenied
    taken = event.registrations.filter(status=REGISTERED).count()
    status = REGISTERED if event.capacity is None or taken < event.capacity else WAITING
    registration, _created = Registration.objects.update_or_create(
        event=event,
        person=acting_user,
        defaults={
            "organisation": organisation,
            "status": status,
            "registered_at": timezone.now(),
        },
    )
    return registration


@transaction.atomic
def registration_cancel(*, registration: Registration, acting_user) -> Registration | None:
    """Cancel a registration (one's own, or any as an organiser); a freed place goes to the
    first on the waiting list, who is told. Returns the registration that moved up, if any."""
    event = _locked(registration.event)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.person_id != acting_user.pk:
        rules.ensure_runs(acting_user, event)
    had_place = registration.status == REGISTERED
    registration.status = CANCELLED
    registration.save(update_fields=["status"])
    if not had_place or event.status != Event.Status.PLANNED:
        return None
    return _move_up(event)


def _move_up(event: Event) -> Registration | None:
    first = event.registrations.filter(status=WAITING).order_by("registered_at", "pk").first()
    if first is None:
        return None
    first.status = REGISTERED
    first.save(update_fields=["status"])
    notify(
        recipients=[first.person],
        kind=Kind.CONFIRMATION,
        title=_("You now have a place at %(event)s") % {"event": event.title},
        url=_url(event),
    )
    return first


@transaction.atomic
def attendance_record(*, event: Event, acting_user, attended: Iterable[int]) -> Event:
    """An organiser records who came; the event is held."""
    rules.ensure_runs(acting_user, event)
    event = _locked(event)
    if event.status == Event.Status.CANCELLED:
        raise ValidationError(_("A cancelled event has no attendance."))
    present = set(attended)
    for registration in event.registrations.filter(status=REGISTERED):
        registration.attended = registration.pk in present
        registration.save(update_fields=["attended"])
    event.status = Event.Status.HELD
    event.save(update_fields=["status"])
    events.record(event, acting_user, DialogueAction.EVENT_HELD, data={"attended": len(present)})
    return event


@dataclass(frozen=True)
class StepInput:
    text: str
    responsible: str = ""
    pk: int | None = None


@transaction.atomic
def documentation_save(
    *,
    event: Event,
    acting_user,
    summary: str,
    reflections: str,
    contributions: list[dict],
    next_steps: list[StepInput],
) -> Documentation:
    """Save what came out of the event, in the shape of seed 002: what each participant
    brought and the reflections it gave, the reflections of the day and the next steps. A next
    step that became an initiative stays; saving again replaces the rest."""
    rules.ensure_runs(acting_user, event)
    documentation, _created = Documentation.objects.select_for_update().get_or_create(
        event=event, defaults={"documented_by": acting_user}
    )
    documentation.summary, documentation.reflections = summary, reflections
    documentation.documented_by, documentation.documented_at = acting_user, timezone.now()
    documentation.full_clean()
    documentation.save()
    documentation.contributions.all().delete()
    for position, contribution in enumerate(contributions):
        ParticipantContribution.objects.create(
            documentation=documentation, position=position, **contribution
        )
    _save_steps(documentation, next_steps)
    events.record(event, acting_user, DialogueAction.EVENT_DOCUMENTED)
    return documentation


def _save_steps(documentation: Documentation, steps: list[StepInput]) -> None:
    existing = {step.pk: step for step in documentation.next_steps.all()}
    kept = set()
    for position, given in enumerate(steps):
        step = existing.get(given.pk) or NextStep(documentation=documentation)
        step.text, step.responsible, step.position = given.text, given.responsible, position
        step.full_clean()
        step.save()
        kept.add(step.pk)
    gone = [pk for pk in existing if pk not in kept]
    if NextStep.objects.filter(pk__in=gone, initiative__isnull=False).exists():
        raise ValidationError(_("A next step that became an initiative cannot be removed."))
    NextStep.objects.filter(pk__in=gone).delete()


@transaction.atomic
def documentation_file_add(*, event: Event, acting_user, upload) -> DocumentationFile:
    """Keep a file with the documentation (a photo of the wall, the harvest, a presentation),
    once it passed the one check every upload passes; as many and as large as a report-back's."""
    rules.ensure_runs(acting_user, event)
    documentation = Documentation.objects.select_for_update().filter(event=event).first()
    if documentation is None:
        raise ValidationError(_("Write the documentation first, then add its files."))
    kept = list(documentation.files.values_list("size", flat=True))
    limits.check_room_for_files(
        [upload],
        kept_files=len(kept),
        kept_bytes=sum(kept),
        max_files=limits.FILES_PER_REPORT_BACK,
        max_bytes=limits.BYTES_PER_REPORT_BACK,
    )
    file_type = uploads.check_upload(upload)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    stored = DocumentationFile(
        documentation=documentation,
        original_name=upload.name[-255:],
        content_type=file_type.content_type,
        size=upload.size,
        sha256=digest.hexdigest(),
        uploaded_by=acting_user,
    )
    stored.file.save(upload.name, upload, save=False)
    stored.save()
    return stored


@transaction.atomic
def initiative_start(
    *, step: NextStep, acting_user, title: str, description: str, organisation=None
) -> Initiative:
    """A next step becomes an initiative of the event's area, carried by ``organisation``."""
    event = step.documentation.event
    rules.ensure_runs(acting_user, event)
    step = NextStep.objects.select_for_update().get(pk=step.pk)
    if Initiative.objects.filter(origin_step=step).exists():
        raise ValidationError(_("This next step is already an initiative."))
    initiative = Initiative(
        title=title,
        description=description,
        challenge_area=event.challenge_area,
        organisation=organisation,
        origin_event=event,
        origin_step=step,
        created_by=acting_user,
    )
    initiative.full_clean()
    initiative.save()
    events.record(initiative, acting_user, DialogueAction.INITIATIVE_STARTED)
    return initiative


@transaction.atomic
def initiative_propose_iop(*, initiative: Initiative, acting_user, **proposal) -> IOPInquiry:
    """A member of the carrying organisation proposes the partnership the initiative aims at,
    the way every proposal is made (``workflows.iop.services.inquiry_propose``); the case and
    the initiative point to each other, and the case's log says where it came from."""
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if not rules.may_carry_on(acting_user, initiative):
        raise PermissionDenied
    inquiry = iop.inquiry_propose(
        acting_user=acting_user, organisation=initiative.organisation, **proposal
    )
    initiative.iop_inquiry = inquiry
    initiative.status = Initiative.Status.IOP_PROPOSAL
    initiative.save(update_fields=["iop_inquiry", "status"])
    origin = initiative.origin_event.title if initiative.origin_event else ""
    events.record(
        inquiry.case,
        acting_user,
        DialogueAction.INITIATIVE_BECAME_IOP,
        data={"initiative": initiative.pk, "dialogue": origin},
    )
    return inquiry


@transaction.atomic
def initiative_apply_for_funding(
    *, initiative: Initiative, acting_user, programme: FundingProgramme, title: str
) -> FundingApplication:
    """A member of the carrying organisation starts a funding application for the initiative,
    a draft like any other (``funding.services.application_create``), linked both ways."""
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if not rules.may_carry_on(acting_user, initiative):
        raise PermissionDenied
    application = application_create(
        programme=programme,
        organisation=initiative.organisation,
        acting_user=acting_user,
        title=title,
    )
    initiative.funding_application = application
    initiative.status = Initiative.Status.FUNDING_APPLICATION
    initiative.save(update_fields=["funding_application", "status"])
    return application


# Reminders before an event ------------------------------------------------------------------

REMIND_BEFORE = timedelta(days=2)


def events_remind(*, now=None) -> int:
    """Remind everyone with a place of each planned event that starts within two days, once
    (a daily job; safe to run twice). Returns how many events were reminded of."""
    now = now or timezone.now()
    due = Event.objects.filter(
        status=Event.Status.PLANNED,
        reminder_sent_at__isnull=True,
        starts_at__gt=now,
        starts_at__lte=now + REMIND_BEFORE,
    ).values_list("pk", flat=True)
    for pk in due:
        _remind(pk, now)
    return len(due)


@transaction.atomic
def _remind(pk: int, now) -> None:
    event = Event.objects.select_for_update().get(pk=pk)
    if event.reminder_sent_at is not None or event.status != Event.Status.PLANNED:
        return  # reminded already, or cancelled meanwhile
    people = [registration.person for registration in registrations_with_place(event)]
    notify_once(
        recipients=people,
        kind=Kind.REMINDER,
        title=_("Reminder: %(event)s, %(place)s") % {"event": event.title, "place": event.place},
        url=_url(event),
        since=event.created_at,
    )
    event.reminder_sent_at = now
    event.save(update_fields=["reminder_sent_at"])


def registrations_with_place(event: Event):
    return event.registrations.filter(status=REGISTERED).select_related("person")
