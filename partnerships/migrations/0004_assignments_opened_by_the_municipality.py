"""An IOP inquiry registered as an assignment from the executive board is a case the
municipality opened itself: förvaltningslagen 11–12 §§ do not apply to it."""

from django.db import migrations


def assignments(apps, schema_editor):
    IOPInquiry = apps.get_model("partnerships", "IOPInquiry")
    Case = apps.get_model("casework", "Case")
    Case.objects.filter(
        pk__in=IOPInquiry.objects.filter(initiator="assignment").values("case_id")
    ).update(opened_by="authority")


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0003_status_protected"),
        ("casework", "0006_statutory_clock_registration_series_and_demand_rejection"),
    ]

    operations = [migrations.RunPython(assignments, migrations.RunPython.noop)]
