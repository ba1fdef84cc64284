# The annual report (followup) and the list of delegated decisions (funding): two kinds that
# belong to no case.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('documents', '0002_final_documents_immutable'),
    ]

    operations = [
        migrations.AlterField(
            model_name='document',
            name='kind',
            field=models.CharField(choices=[('iop_agreement', 'IOP agreement'), ('board_memo', 'Memo to a board (tjänsteskrivelse)'), ('decision_letter', 'Decision letter'), ('submission_receipt', 'Submission receipt'), ('annual_report', 'Annual report of the collaboration'), ('delegation_list', 'Delegated decisions reported to a board')], max_length=30, verbose_name='kind of document'),
        ),
    ]
