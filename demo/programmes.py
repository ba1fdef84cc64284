"""The demo funding programmes (with their evidence, attachments, criteria and delegation rules)
and funding sources, from ``demo.funding``. Safe to run again: a programme keeps its budget and
what is left of it."""

from datetime import timedelta

from django.core.management.base import CommandError
from django.utils import timezone

from casework.models import ChallengeArea
from demo import funding as demo
from funding.models import (
    AssessmentCriterion,
    DelegationRule,
    EvidenceRequirement,
    FundingProgramme,
    FundingSource,
    RequiredAttachment,
)
from organisations.models import Board


def load(out) -> None:
    """The programmes and their city sources, then the other funders' sources (after the
    register: the programmes belong to its boards)."""
    if not Board.objects.filter(code="frn").exists():
        raise CommandError("Load the demo register first: the programmes belong to its boards.")
    programmes = {slug: _programme(slug, spec) for slug, spec in demo.PROGRAMMES.items()}
    for slug, programme in programmes.items():
        _city_source(programme, demo.PROGRAMMES[slug])
    for row in demo.SOURCES:
        _source(*row)
    out.write("Demo funding programmes and sources loaded.")


def _programme(slug, spec) -> FundingProgramme:
    today = timezone.localdate()
    config = {
        "name": spec["name"],
        "board": Board.objects.get(code=spec["board"]),
        "description": spec["description"],
        "max_amount": spec["max_amount"],
        "min_members": spec["min_members"],
        "report_back_days": spec["report_back_days"],
        "opens_on": today + timedelta(days=spec["open"][0]),
        "closes_on": today + timedelta(days=spec["open"][1]),
    }
    programme, created = FundingProgramme.objects.get_or_create(
        slug=slug, defaults={**config, "budget": spec["budget"]}
    )
    if not created:  # keep the budget and what is left of it; refresh the rest
        FundingProgramme.objects.filter(pk=programme.pk).update(**config)
        return FundingProgramme.objects.get(pk=programme.pk)
    for kind in demo.ALL_EVIDENCE:
        EvidenceRequirement.objects.create(programme=programme, kind=kind)
    for kind in spec["attachments"]:
        RequiredAttachment.objects.create(programme=programme, kind=kind)
    for position, (name, weight) in enumerate(spec["criteria"]):
        AssessmentCriterion.objects.create(
            programme=programme, name=name, weight=weight, position=position
        )
    for up_to, decider, point in spec["delegation"]:
        DelegationRule.objects.create(
            programme=programme, up_to_amount=up_to, decider=decider, delegation_point=point
        )
    return programme


def _city_source(programme: FundingProgramme, spec: dict) -> None:
    source, _created = FundingSource.objects.update_or_create(
        programme=programme,
        defaults={
            "name": programme.name,
            "provider": programme.board.name,
            "provider_kind": FundingSource.ProviderKind.CITY,
            "board": programme.board,
            "purpose": programme.description,
            "max_amount": programme.max_amount,
            "deadline": programme.closes_on,
            "eligible_kinds": ["association"],
            "keywords": spec["keywords"],
        },
    )
    source.challenge_areas.set(ChallengeArea.objects.filter(slug__in=spec["areas"]))


def _source(
    name,
    provider,
    kind,
    purpose,
    keywords,
    kinds,
    low,
    high,
    deadline,
    months,
    areas,
    url,
) -> None:
    today = timezone.localdate()
    source, _created = FundingSource.objects.update_or_create(
        name=name,
        defaults={
            "provider": provider,
            "provider_kind": kind,
            "purpose": purpose,
            "keywords": keywords,
            "eligible_kinds": kinds,
            "min_amount": low,
            "max_amount": high,
            "max_months": months,
            "url": url,
            "deadline": today + timedelta(days=deadline) if deadline is not None else None,
        },
    )
    source.challenge_areas.set(ChallengeArea.objects.filter(slug__in=areas))
