"""Free texts get their limits (common/limits.py). Only Django's model state changes: the
columns stay ``text``, so no stored text is cut, and no table is rebuilt. The limits bind new
input, in the forms and when a model is saved."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('followup', '0001_narrative_sections'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='narrativesection',
                    name='text',
                    field=models.TextField(help_text='A blank line starts a new paragraph.', max_length=10000, verbose_name='text'),
                ),
            ],
        ),
    ]
