"""The parties as legal persons: every party other than the municipality accepts being a party
before the draft goes further, and its members follow the case.

Cases in flight survive: a party of an inquiry already at or past the draft (co-creation and
later, or closed after a draft was saved) is taken as having accepted (``accepted_by`` empty:
nobody was asked), so no running process waits for an acceptance nobody can give; the
initiator of a proposal accepted by proposing. Every party's organisation becomes one of its
case's parties, so its members see the case."""

from django.db import migrations
from django.utils import timezone

PAST_THE_DRAFT = (
    "co_creation",
    "memo",
    "board_decision",
    "revision",
    "signing",
    "active",
    "ended",
    "terminated",
)


def parties_as_legal_persons(apps, schema_editor):
    IOPInquiry = apps.get_model("partnerships", "IOPInquiry")
    Party = apps.get_model("partnerships", "Party")
    now = timezone.now()
    for inquiry in IOPInquiry.objects.select_related("case"):
        case = inquiry.case
        others = Party.objects.filter(inquiry=inquiry, board__isnull=True)
        past_the_draft = inquiry.status in PAST_THE_DRAFT or (
            inquiry.status in ("closed", "withdrawn") and inquiry.agreement_versions.exists()
        )
        if past_the_draft:
            others.filter(accepted_at__isnull=True).update(accepted_at=now)
        if inquiry.initiator == "proposal":
            others.filter(organisation_id=case.organisation_id, accepted_at__isnull=True).update(
                accepted_at=case.registered_at, accepted_by=inquiry.submitted_by_id
            )
        organisations = others.exclude(organisation_id=case.organisation_id)
        case.parties.add(*organisations.values_list("organisation_id", flat=True))


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0006_party_acceptance"),
        ("casework", "0008_case_parties"),
    ]

    operations = [migrations.RunPython(parties_as_legal_persons, migrations.RunPython.noop)]
