"""The rules checked before an application may be submitted, as data from its programme.

Each check returns the problems in words the applicant can act on; no problems means the
application may be sent.
"""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from organisations.models import EligibilityEvidence, Organisation
from organisations.selectors import evidence_status

from .models import FundingApplication, FundingProgramme


@dataclass(frozen=True)
class Problem:
    message: str
    section: str = ""  # the part of the application to go back to, if any


def programme_problems(programme: FundingProgramme, day=None) -> list[Problem]:
    day = day or timezone.localdate()
    if programme.is_open_on(day):
        return []
    if day < programme.opens_on:
        text = _("The programme opens for applications on %(date)s.")
        when = programme.opens_on
    else:
        text = _("The programme closed for applications on %(date)s.")
        when = programme.closes_on
    return [Problem(text % {"date": date_format(when, "j F Y")})]


def _sent_in_time(application: FundingApplication) -> list[Problem]:
    programme = application.programme
    if application.submitted_at is None:
        return programme_problems(programme)
    sent_on = timezone.localdate(application.submitted_at)
    if programme.opens_on <= sent_on <= programme.closes_on:
        return []
    return [
        Problem(
            _("The application was sent on %(sent)s, outside the programme's application period.")
            % {"sent": date_format(sent_on, "j F Y")}
        )
    ]


def evidence_problems(
    organisation: Organisation, programme: FundingProgramme, day=None
) -> list[Problem]:
    """Missing or expired eligibility evidence, and too few members."""
    day = day or timezone.localdate()
    status = {row["kind"]: row for row in evidence_status(organisation, day)}
    problems = []
    for requirement in programme.evidence_requirements.all():
        row = status.get(requirement.kind)
        if row is None or row["evidence"] is None:
            problems.append(
                Problem(
                    _("%(evidence)s is missing from the organisation's register entry.")
                    % {"evidence": row_label(requirement)}
                )
            )
        elif not row["is_valid"]:
            problems.append(
                Problem(
                    _("%(evidence)s expired on %(date)s.")
                    % {
                        "evidence": row_label(requirement),
                        "date": date_format(row["evidence"].expires_on, "j F Y"),
                    }
                )
            )
    problems += _member_problems(status, programme)
    if organisation.kind not in programme.allowed_kinds:
        problems.append(
            Problem(
                _("This programme is not open to a %(kind)s.")
                % {"kind": organisation.get_kind_display().lower()}
            )
        )
    return problems


def row_label(requirement) -> str:
    return str(requirement.get_kind_display())


def _member_problems(status: dict, programme: FundingProgramme) -> list[Problem]:
    if not programme.min_members:
        return []
    row = status.get(EligibilityEvidence.Kind.MEMBER_COUNT)
    value = row["evidence"].value if row and row["evidence"] and row["is_valid"] else ""
    members = int(value) if value.strip().isdigit() else 0
    if members >= programme.min_members:
        return []
    return [
        Problem(
            _(
                "The programme requires at least %(min)d members; the organisation's register "
                "entry shows %(count)d."
            )
            % {"min": programme.min_members, "count": members}
        )
    ]


def answer_problems(application: FundingApplication) -> list[Problem]:
    """Questions left unanswered or answered outside the programme's limits."""
    problems = []
    required = {
        "project": [
            ("title", _("the name of the activity")),
            ("purpose", _("what you want to do")),
            ("activity_start", _("when it starts")),
            ("activity_end", _("when it ends")),
        ],
        "amount": [("amount_applied", _("the amount you apply for"))],
    }
    for section, fields in required.items():
        for name, label in fields:
            if getattr(application, name) in (None, ""):
                problems.append(Problem(_("Tell us %(what)s.") % {"what": label}, section))
    problems += _limit_problems(application)
    problems += _attachment_problems(application)
    return problems


def _limit_problems(application: FundingApplication) -> list[Problem]:
    problems = []
    start, end = application.activity_start, application.activity_end
    if start and end and end < start:
        problems.append(Problem(_("The activity must end after it starts."), "project"))
    maximum = application.programme.max_amount
    if application.amount_applied is not None and application.amount_applied > maximum:
        problems.append(
            Problem(
                _("You may apply for at most %(max)s kr.")
                % {"max": f"{maximum:,.0f}".replace(",", " ")},
                "amount",
            )
        )
    return problems


def _attachment_problems(application: FundingApplication) -> list[Problem]:
    attached = set(application.attachments.values_list("kind", flat=True))
    return [
        Problem(_("Attach: %(kind)s.") % {"kind": required.get_kind_display()}, "attachments")
        for required in application.programme.required_attachments.all()
        if required.kind not in attached
    ]


def plausibility_warnings(application: FundingApplication) -> list[Problem]:
    """Answers that may be sent but do not add up, for the applicant before sending and for
    the officer on every task page: an amount applied for above the activity's total cost."""
    applied, total = application.amount_applied, application.total_cost
    if applied is None or total is None or applied <= total:
        return []
    return [
        Problem(
            _(
                "The amount applied for (%(applied)s kr) is more than the total cost of the "
                "activity (%(total)s kr)."
            )
            % {"applied": _kronor(applied), "total": _kronor(total)},
            "amount",
        )
    ]


def _kronor(amount) -> str:
    return f"{amount:,.0f}".replace(",", " ")


def submission_problems(application: FundingApplication, day=None) -> list[Problem]:
    """Everything that keeps this application from being submitted today."""
    return (
        programme_problems(application.programme, day)
        + evidence_problems(application.organisation, application.programme, day)
        + answer_problems(application)
    )


def standing_problems(application: FundingApplication, day=None) -> list[Problem]:
    """The programme's rules again, for an application already submitted: at resubmission
    after a supplement and at the decision. The deadline is the one it was sent in by (a
    supplement may come after the programme closed); eligibility, the answers, the maximum
    and the attachments are checked as they are now."""
    return (
        _sent_in_time(application)
        + evidence_problems(application.organisation, application.programme, day)
        + answer_problems(application)
    )
