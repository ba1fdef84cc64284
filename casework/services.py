"""Business actions on cases. Each runs in one transaction and records an audit event."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from . import events, policy
from .models import Case, CaseNumberCounter, Comment


def _next_number(*, series: str, year: int) -> int:
    """Take the next number in a series; the row lock makes numbers unique and gap-free.

    The counter moves in the caller's transaction, so a rolled-back registration gives its
    number back and no gap is left.
    """
    counter = CaseNumberCounter.objects.select_for_update().filter(series=series, year=year).first()
    if counter is None:
        try:
            with transaction.atomic():
                CaseNumberCounter.objects.create(series=series, year=year)
        except IntegrityError:
            pass  # another registration created the counter first
        counter = CaseNumberCounter.objects.select_for_update().get(series=series, year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


def format_case_number(series: str, year: int, number: int) -> str:
    return f"{series}-{year}-{number:05d}"


@transaction.atomic
def case_register(
    *,
    kind: str,
    series: str,
    title: str,
    acting_user,
    organisation=None,
    challenge_area=None,
    boards=(),
) -> Case:
    """Register a case and give it its case number at once."""
    year = timezone.localdate().year
    number = _next_number(series=series, year=year)
    case = Case(
        kind=kind,
        series=series,
        year=year,
        number=number,
        case_number=format_case_number(series, year, number),
        title=title,
        organisation=organisation,
        challenge_area=challenge_area,
        registered_by=acting_user if acting_user and acting_user.is_authenticated else None,
    )
    case.full_clean()
    case.save()
    if boards:
        case.boards.set(boards)
    events.record(
        case,
        acting_user,
        "registered",
        to_state="registered",
        data={"case_number": case.case_number},
    )
    return case


@transaction.atomic
def case_close(*, case: Case, acting_user, reason: str) -> Case:
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.closed_at is not None:
        return case
    case.closed_at = timezone.now()
    case.save(update_fields=["closed_at"])
    events.record(case, acting_user, "closed", from_state="open", to_state="closed", reason=reason)
    return case


@transaction.atomic
def comment_add(*, case: Case, acting_user, body: str, internal: bool = False) -> Comment:
    """Write a comment; internal comments are for staff only."""
    if internal and not policy.may_comment_internally(acting_user):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied("Only staff write internal comments.")
    comment = Comment(
        case=case,
        author=acting_user,
        body=body.strip(),
        visibility=Comment.Visibility.INTERNAL if internal else Comment.Visibility.SHARED,
    )
    comment.full_clean()
    comment.save()
    events.record(
        case,
        acting_user,
        "comment_added",
        data={"comment_id": comment.pk, "visibility": comment.visibility},
    )
    return comment
