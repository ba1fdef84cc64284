"""Load the demo funding programmes and funding sources, and with ``--applications`` demo
applications in every state (they need load_demo's demo accounts). Safe to run again."""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from casework.models import ChallengeArea
from funding import demo
from funding.models import (
    AssessmentCriterion,
    DelegationRule,
    EvidenceRequirement,
    FundingProgramme,
    FundingSource,
    RequiredAttachment,
)
from organisations.models import Board


class Command(BaseCommand):
    help = "Load demo funding programmes and sources (after load_demo)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--applications",
            action="store_true",
            help="Also make demo applications in every state, through the flow.",
        )

    @transaction.atomic
    def handle(self, *args, **options):
        if not Board.objects.filter(code="frn").exists():
            raise CommandError("Run load_demo first: the programmes belong to its boards.")
        programmes = {slug: self._programme(slug, spec) for slug, spec in demo.PROGRAMMES.items()}
        for slug, programme in programmes.items():
            self._city_source(programme, demo.PROGRAMMES[slug])
        for row in demo.SOURCES:
            self._source(*row)
        self.stdout.write(self.style.SUCCESS("Demo funding programmes and sources loaded."))
        if options["applications"]:
            self._applications()

    def _applications(self) -> None:
        # The flow lives in workflows; funding itself never imports it, only this command does.
        from organisations.models import User
        from workflows.funding.demo import load_applications

        if not User.objects.filter(username="raddabarnen").exists():
            raise CommandError(
                "The demo applications need the demo accounts: run load_demo "
                "with DEMO_MODE on first."
            )
        count = load_applications(self.stdout)
        self.stdout.write(self.style.SUCCESS(f"{count} demo applications made."))

    def _programme(self, slug, spec) -> FundingProgramme:
        today = timezone.localdate()
        config = {
            "name": spec["name"],
            "board": Board.objects.get(code=spec["board"]),
            "description": spec["description"],
            "max_amount": spec["max_amount"],
            "min_members": spec["min_members"],
            "report_back_days": spec["report_back_days"],
            "appeal_court": demo.APPEAL_COURT,
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

    def _city_source(self, programme: FundingProgramme, spec: dict) -> None:
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
        self,
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
