"""Free texts get their limits (common/limits.py). Only Django's model state changes: the
columns stay ``text``, so no stored text is cut, and no table is rebuilt. The limits bind new
input, in the forms and when a model is saved."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('funding', '0012_evidence_kinds_include_the_signatory_right'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='assessment',
                    name='summary',
                    field=models.TextField(max_length=10000, verbose_name='assessment'),
                ),
                migrations.AlterField(
                    model_name='assessmentcriterion',
                    name='description',
                    field=models.TextField(blank=True, max_length=5000, verbose_name='what the assessor looks for'),
                ),
                migrations.AlterField(
                    model_name='conflictdeclaration',
                    name='reason',
                    field=models.TextField(blank=True, max_length=5000, verbose_name='reason'),
                ),
                migrations.AlterField(
                    model_name='criterionscore',
                    name='comment',
                    field=models.TextField(blank=True, max_length=5000, verbose_name='comment'),
                ),
                migrations.AlterField(
                    model_name='decision',
                    name='reasons',
                    field=models.TextField(max_length=10000, verbose_name='reasons'),
                ),
                migrations.AlterField(
                    model_name='fundingapplication',
                    name='purpose',
                    field=models.TextField(blank=True, max_length=10000, verbose_name='what you want to do and why'),
                ),
                migrations.AlterField(
                    model_name='fundingprogramme',
                    name='description',
                    field=models.TextField(blank=True, max_length=10000, verbose_name='description'),
                ),
                migrations.AlterField(
                    model_name='fundingsource',
                    name='purpose',
                    field=models.TextField(max_length=5000, verbose_name='what it funds'),
                ),
                migrations.AlterField(
                    model_name='repaymentclaim',
                    name='reason',
                    field=models.TextField(max_length=10000, verbose_name='reasons'),
                ),
                migrations.AlterField(
                    model_name='repaymentclaim',
                    name='write_off_reason',
                    field=models.TextField(blank=True, max_length=5000, verbose_name='why the claim was written off'),
                ),
                migrations.AlterField(
                    model_name='reportback',
                    name='description',
                    field=models.TextField(max_length=10000, verbose_name='what was done'),
                ),
                migrations.AlterField(
                    model_name='reportback',
                    name='review_note',
                    field=models.TextField(blank=True, max_length=5000, verbose_name='note to the organisation'),
                ),
                migrations.AlterField(
                    model_name='supplementrequest',
                    name='answer',
                    field=models.TextField(blank=True, max_length=10000, verbose_name='answer'),
                ),
                migrations.AlterField(
                    model_name='supplementrequest',
                    name='message',
                    field=models.TextField(max_length=5000, verbose_name='what is missing'),
                ),
            ],
        ),
    ]
