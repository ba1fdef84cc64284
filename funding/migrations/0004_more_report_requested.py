"""The status "paid" no longer also means "the report-back was sent back for more".

An application in "paid" whose report-back the officer sent back for more waits for the
association to complete it: it moves to "more_report_requested", the status the flow's
``needs_more_report`` now reads. One paid in full and not yet reported on stays "paid". The
audit log keeps what it recorded.
"""

import django_fsm
from django.db import migrations


def split_paid(apps, schema_editor):
    applications = apps.get_model("funding", "FundingApplication").objects
    applications.filter(status="paid", report_backs__review="more_requested").update(
        status="more_report_requested"
    )


def join_paid(apps, schema_editor):
    applications = apps.get_model("funding", "FundingApplication").objects
    applications.filter(status="more_report_requested").update(status="paid")


class Migration(migrations.Migration):

    dependencies = [
        ('funding', '0003_status_protected'),
    ]

    operations = [
        migrations.AlterField(
            model_name='fundingapplication',
            name='status',
            field=django_fsm.FSMField(choices=[('draft', 'Draft'), ('submitted', 'Submitted, completeness check'), ('supplement_requested', 'Supplement requested'), ('in_assessment', 'Being assessed'), ('awaiting_decision', 'Awaiting decision'), ('granted', 'Granted'), ('rejected', 'Rejected'), ('paid', 'Paid, report-back due'), ('reported', 'Report-back submitted'), ('more_report_requested', 'Report-back to be completed'), ('closed', 'Closed'), ('repayment_claimed', 'Repayment claimed')], default='draft', max_length=30, protected=True, verbose_name='status'),
        ),
        migrations.RunPython(split_paid, join_paid),
    ]
