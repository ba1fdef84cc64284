"""Suggestions for a proposal screened out as not an IOP: the funding programmes that fit it
(``funding.matching``), which the officer may change before the notice goes out."""

from decimal import Decimal

from django.utils.translation import gettext as _

from funding import matching
from partnerships.models import IOPInquiry


def suggested_programmes(inquiry: IOPInquiry) -> str:
    """One line per funding source that fits the proposal, best first."""
    organisation = inquiry.case.organisation
    project = matching.Project(
        purpose=f"{inquiry.purpose} {inquiry.public_benefit_goal}",
        amount=Decimal(0),
        organisation_kind=organisation.kind if organisation else "",
        challenge_area_id=inquiry.case.challenge_area_id,
    )
    fitting = [match.source for match in matching.rank(project) if match.fits][:5]
    if not fitting:
        return ""
    lines = [_("Funding programmes that may fit:")]
    lines += [f"- {source.name}" for source in fitting]
    return "\n".join(lines)
