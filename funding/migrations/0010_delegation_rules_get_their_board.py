"""Every delegation rule belongs to the board that gave it: existing rules get their
programme's board (the only board whose delegation order could apply to them), and from then
on a rule always has a board."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def rules_get_their_programmes_board(apps, schema_editor):
    DelegationRule = apps.get_model("funding", "DelegationRule")
    FundingProgramme = apps.get_model("funding", "FundingProgramme")
    board = FundingProgramme.objects.filter(pk=OuterRef("programme_id")).values("board_id")[:1]
    DelegationRule.objects.filter(board__isnull=True).update(board_id=Subquery(board))


class Migration(migrations.Migration):
    dependencies = [("funding", "0009_delegation_bound_to_board_and_conflicts")]

    operations = [
        migrations.RunPython(rules_get_their_programmes_board, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="delegationrule",
            name="board",
            field=models.ForeignKey(
                blank=True,
                help_text="Empty: the programme's board.",
                on_delete=django.db.models.deletion.PROTECT,
                related_name="delegation_rules",
                to="organisations.board",
                verbose_name="delegating board",
            ),
        ),
    ]
