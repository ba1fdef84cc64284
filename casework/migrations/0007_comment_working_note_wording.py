"""Comments kept private to staff are called what they are: working notes (arbetsanteckningar),
which can become public records and which a party may see (förvaltningslagen 10 §). The stored
value ``internal`` and the permission's codename stay; the permission row's name, which Django
does not update on its own, is reworded here."""

from django.db import migrations, models

CODENAME = "comment_internally"
OLD_NAME = "Can write and read internal comments"
NEW_NAME = "Can write and read working notes on cases"


def _rename(apps, name):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(content_type__app_label="casework", codename=CODENAME).update(
        name=name
    )


def forwards(apps, schema_editor):
    _rename(apps, NEW_NAME)


def backwards(apps, schema_editor):
    _rename(apps, OLD_NAME)


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0006_statutory_clock_registration_series_and_demand_rejection"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="case",
            options={
                "ordering": ["-registered_at"],
                "permissions": [
                    ("view_all_cases", "Can see every case"),
                    ("handle_case", "Can handle cases as an officer"),
                    ("coordinate", "Can coordinate and match organisations"),
                    ("decide_on_delegation", "Can decide under the delegation order"),
                    ("record_board_decision", "Can record a board's decision"),
                    ("comment_internally", "Can write and read working notes on cases"),
                ],
                "verbose_name": "case",
                "verbose_name_plural": "cases",
            },
        ),
        migrations.AlterField(
            model_name="comment",
            name="visibility",
            field=models.CharField(
                choices=[
                    ("shared", "Shared with the organisation"),
                    ("internal", "Working note (not shown to the organisation in the portal)"),
                ],
                default="shared",
                max_length=10,
                verbose_name="visibility",
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
