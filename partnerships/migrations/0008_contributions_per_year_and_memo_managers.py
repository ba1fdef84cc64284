"""Contributions state their period; amounts stay as they were, since they were yearly.

The amount of a contribution was entered in a field labelled "value per year (SEK)"
("värde per år (kr)"), the demo's budget text says "per år" and the de minimis ledger counted
it per year: stored amounts are yearly amounts. Each existing contribution gets the period of
its agreement version, so its total over the period is what the parties agreed; no amount is
changed. (Only the documents read them wrongly, as amounts for the whole period.)
"""

import django.core.validators
import django.db.models.deletion
from decimal import Decimal
from django.db import migrations, models


def the_period_of_the_version(apps, schema_editor):
    Contribution = apps.get_model("partnerships", "Contribution")
    for contribution in Contribution.objects.filter(period_start__isnull=True).select_related(
        "version"
    ):
        contribution.period_start = contribution.version.period_start
        contribution.period_end = contribution.version.period_end
        contribution.save(update_fields=["period_start", "period_end"])


class Migration(migrations.Migration):

    dependencies = [
        ('organisations', '0004_delegation_holdings'),
        ('partnerships', '0007_parties_as_legal_persons'),
    ]

    operations = [
        migrations.AddField(
            model_name='contribution',
            name='period_end',
            field=models.DateField(null=True, verbose_name='contribution until'),
        ),
        migrations.AddField(
            model_name='contribution',
            name='period_start',
            field=models.DateField(null=True, verbose_name='contribution from'),
        ),
        migrations.RunPython(the_period_of_the_version, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='contribution',
            name='period_end',
            field=models.DateField(verbose_name='contribution until'),
        ),
        migrations.AlterField(
            model_name='contribution',
            name='period_start',
            field=models.DateField(verbose_name='contribution from'),
        ),
        migrations.AddField(
            model_name='legalassessment',
            name='gdpr_arrangement',
            field=models.TextField(blank=True, help_text='For joint controllership: who informs the data subjects, who answers their requests and who is their contact point (the essence of the arrangement, GDPR art. 26.2). For a processor: what is processed for whom. The agreement quotes it.', verbose_name='personal data: the arrangement between the parties'),
        ),
        migrations.AlterField(
            model_name='contribution',
            name='amount_sek',
            field=models.DecimalField(decimal_places=2, default=Decimal('0'), max_digits=12, validators=[django.core.validators.MinValueValidator(Decimal('0'))], verbose_name='amount per year (SEK)'),
        ),
        migrations.AlterField(
            model_name='legalassessment',
            name='gdpr_role',
            field=models.CharField(choices=[('joint_controllership', 'Joint controllership (GDPR art. 26)'), ('processor', 'Processor agreement (GDPR art. 28)'), ('separate_controllers', 'Each party is its own controller'), ('none', 'No personal data is processed')], max_length=30, verbose_name='personal data role'),
        ),
        migrations.CreateModel(
            name='ResponsibleManager',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=200, verbose_name='name')),
                ('title', models.CharField(max_length=200, verbose_name='title')),
                ('administration', models.ForeignKey(limit_choices_to={'kind': 'administration'}, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='organisations.organisation', verbose_name='administration')),
                ('board', models.ForeignKey(blank=True, help_text='Leave empty for every board the administration serves.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='organisations.board', verbose_name='board')),
            ],
            options={
                'verbose_name': 'responsible manager',
                'verbose_name_plural': 'responsible managers',
                'ordering': ['administration__name', 'board__name'],
                'constraints': [models.UniqueConstraint(fields=('administration', 'board'), name='one_manager_per_board'), models.UniqueConstraint(condition=models.Q(('board__isnull', True)), fields=('administration',), name='one_manager_per_administration')],
            },
        ),
    ]
