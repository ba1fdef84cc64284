"""Every signatory membership current or to come becomes an evidence-based representation,
marked as migrated and approved by nobody: approved when (and only when) the membership's right
to sign was, on the same evidence, for the days both the membership and its evidence hold. A
signatory who signed yesterday signs today; one who could not, cannot."""

from datetime import timedelta

from django.db import migrations
from django.utils import timezone


def _memberships_to_representations(apps, schema_editor):
    Membership = apps.get_model("organisations", "Membership")
    Representation = apps.get_model("organisations", "Representation")
    today = timezone.localdate()
    memberships = (
        Membership.objects.filter(role="signatory")
        .exclude(valid_until__lt=today)
        .select_related("signing_evidence")
    )
    for membership in memberships:
        evidence = membership.signing_evidence
        valid_from, valid_until = membership.valid_from, membership.valid_until
        if evidence is not None:
            valid_from = max(valid_from, evidence.given_on)
            last_day = evidence.expires_on - timedelta(days=1)  # the evidence's expiry excluded
            valid_until = min(valid_until, last_day) if valid_until else last_day
        approved = membership.signing_approved_at if evidence is not None else None
        Representation.objects.get_or_create(
            person_id=membership.user_id,
            organisation_id=membership.organisation_id,
            role="signatory",
            basis="evidence",
            migrated=True,
            defaults={
                "valid_from": valid_from,
                "valid_until": valid_until,
                "evidence": evidence,
                "approved_at": approved,
                "proposed_at": approved or timezone.now(),
            },
        )


class Migration(migrations.Migration):
    dependencies = [("organisations", "0011_representations")]

    operations = [
        migrations.RunPython(_memberships_to_representations, migrations.RunPython.noop),
    ]
