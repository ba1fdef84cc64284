"""Free texts get their limits (common/limits.py). Only Django's model state changes: the
columns stay ``text``, so no stored text is cut, and no table is rebuilt. The limits bind new
input, in the forms and when a model is saved."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('partnerships', '0010_who_signs_leaves_and_terminates'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='agreementversion',
                    name='budget',
                    field=models.TextField(blank=True, max_length=10000, verbose_name='budget and finances'),
                ),
                migrations.AlterField(
                    model_name='agreementversion',
                    name='follow_up',
                    field=models.TextField(max_length=10000, verbose_name='follow-up'),
                ),
                migrations.AlterField(
                    model_name='agreementversion',
                    name='goals',
                    field=models.TextField(max_length=10000, verbose_name='goals and indicators'),
                ),
                migrations.AlterField(
                    model_name='agreementversion',
                    name='governance',
                    field=models.TextField(max_length=10000, verbose_name='governance: steering group, working group, responsibilities'),
                ),
                migrations.AlterField(
                    model_name='boarddecision',
                    name='note',
                    field=models.TextField(blank=True, max_length=5000, verbose_name='note'),
                ),
                migrations.AlterField(
                    model_name='draftreview',
                    name='comment',
                    field=models.TextField(blank=True, max_length=5000, verbose_name='comment'),
                ),
                migrations.AlterField(
                    model_name='followup',
                    name='officer_summary',
                    field=models.TextField(blank=True, max_length=10000, verbose_name="the officer's assessment"),
                ),
                migrations.AlterField(
                    model_name='followup',
                    name='steering_group_conclusions',
                    field=models.TextField(blank=True, max_length=10000, verbose_name="the steering group's conclusions"),
                ),
                migrations.AlterField(
                    model_name='followupreport',
                    name='budget_against_actual',
                    field=models.TextField(blank=True, max_length=10000, verbose_name='budget against actual'),
                ),
                migrations.AlterField(
                    model_name='followupreport',
                    name='contributions_delivered',
                    field=models.TextField(blank=True, max_length=10000, verbose_name='contributions delivered'),
                ),
                migrations.AlterField(
                    model_name='followupreport',
                    name='goals_reached',
                    field=models.TextField(blank=True, max_length=10000, verbose_name='goals and indicators reached'),
                ),
                migrations.AlterField(
                    model_name='followupreport',
                    name='reflection',
                    field=models.TextField(blank=True, max_length=10000, verbose_name='shared reflection'),
                ),
                migrations.AlterField(
                    model_name='iopinquiry',
                    name='public_benefit_goal',
                    field=models.TextField(max_length=10000, verbose_name='common public-benefit goal'),
                ),
                migrations.AlterField(
                    model_name='iopinquiry',
                    name='purpose',
                    field=models.TextField(max_length=10000, verbose_name='purpose'),
                ),
                migrations.AlterField(
                    model_name='iopinquiry',
                    name='target_group',
                    field=models.TextField(max_length=5000, verbose_name='target group'),
                ),
                migrations.AlterField(
                    model_name='legalassessment',
                    name='conclusion_reasoning',
                    field=models.TextField(max_length=10000, verbose_name='conclusion: reasoning'),
                ),
                migrations.AlterField(
                    model_name='legalassessment',
                    name='gdpr_arrangement',
                    field=models.TextField(blank=True, help_text='For joint controllership: who informs the data subjects, who answers their requests and who is their contact point (the essence of the arrangement, GDPR art. 26.2). For a processor: what is processed for whom. The agreement quotes it.', max_length=5000, verbose_name='personal data: the arrangement between the parties'),
                ),
                migrations.AlterField(
                    model_name='legalassessment',
                    name='gdpr_reasoning',
                    field=models.TextField(blank=True, max_length=5000, verbose_name='personal data: reasoning'),
                ),
                migrations.AlterField(
                    model_name='legalassessment',
                    name='procurement_override_reasons',
                    field=models.TextField(blank=True, editable=False, max_length=5000, verbose_name='reasons to go on as an IOP despite the procurement answers'),
                ),
                migrations.AlterField(
                    model_name='legalassessment',
                    name='procurement_reasoning',
                    field=models.TextField(max_length=10000, verbose_name='procurement law: reasoning'),
                ),
                migrations.AlterField(
                    model_name='legalassessment',
                    name='state_aid_reasoning',
                    field=models.TextField(max_length=10000, verbose_name='state aid: reasoning'),
                ),
                migrations.AlterField(
                    model_name='memo',
                    name='distribution',
                    field=models.TextField(help_text='One recipient a line.', max_length=1000, verbose_name='the decision is sent to'),
                ),
                migrations.AlterField(
                    model_name='memo',
                    name='proposal',
                    field=models.TextField(max_length=10000, verbose_name='proposed decision'),
                ),
                migrations.AlterField(
                    model_name='memo',
                    name='summary',
                    field=models.TextField(max_length=10000, verbose_name='summary'),
                ),
                migrations.AlterField(
                    model_name='party',
                    name='left_reason',
                    field=models.TextField(blank=True, editable=False, max_length=5000, verbose_name='why the party left'),
                ),
                migrations.AlterField(
                    model_name='party',
                    name='proposed_contribution',
                    field=models.TextField(blank=True, max_length=10000, verbose_name='proposed contribution'),
                ),
                migrations.AlterField(
                    model_name='renewaldecision',
                    name='reason',
                    field=models.TextField(max_length=5000, verbose_name='reason'),
                ),
                migrations.AlterField(
                    model_name='screening',
                    name='both_contribute_reasoning',
                    field=models.TextField(max_length=5000, verbose_name='reasoning'),
                ),
                migrations.AlterField(
                    model_name='screening',
                    name='civil_initiative_reasoning',
                    field=models.TextField(max_length=5000, verbose_name='reasoning'),
                ),
                migrations.AlterField(
                    model_name='screening',
                    name='common_goal_reasoning',
                    field=models.TextField(max_length=5000, verbose_name='reasoning'),
                ),
                migrations.AlterField(
                    model_name='screening',
                    name='decision_reasons',
                    field=models.TextField(blank=True, help_text='Sent to the initiator when the inquiry is not an IOP.', max_length=10000, verbose_name='notice and its reasons'),
                ),
                migrations.AlterField(
                    model_name='screening',
                    name='parties_reasoning',
                    field=models.TextField(max_length=5000, verbose_name='reasoning'),
                ),
                migrations.AlterField(
                    model_name='screening',
                    name='suggestions',
                    field=models.TextField(blank=True, help_text='Funding programmes and other ways forward that may fit the proposal.', max_length=5000, verbose_name='suggestions'),
                ),
                migrations.AlterField(
                    model_name='termination',
                    name='reason',
                    field=models.TextField(max_length=5000, verbose_name='reason'),
                ),
            ],
        ),
    ]
