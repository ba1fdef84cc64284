import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    # Existing attachments are the applications' own: the new column stays empty for them.

    dependencies = [
        ("funding", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="attachment",
            name="report_back",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="attachments",
                to="funding.reportback",
                verbose_name="report-back",
            ),
        ),
    ]
