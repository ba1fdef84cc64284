"""Free texts get their limits (common/limits.py). Only Django's model state changes: the
columns stay ``text``, so no stored text is cut, and no table is rebuilt. The limits bind new
input, in the forms and when a model is saved."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('casework', '0009_case_registry_number'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='challengearea',
                    name='description',
                    field=models.TextField(blank=True, max_length=5000, verbose_name='description'),
                ),
                migrations.AlterField(
                    model_name='demandrejection',
                    name='reasons',
                    field=models.TextField(max_length=10000, verbose_name='reasons'),
                ),
                migrations.AlterField(
                    model_name='prioritytheme',
                    name='description',
                    field=models.TextField(blank=True, max_length=5000, verbose_name='description'),
                ),
            ],
        ),
    ]
