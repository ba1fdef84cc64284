import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="NarrativeSection",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("year", models.PositiveSmallIntegerField(db_index=True, verbose_name="year")),
                (
                    "topic",
                    models.CharField(
                        choices=[
                            ("steering", "Steering and coordination"),
                            ("events", "Events and meeting places"),
                            ("education", "Education and learning"),
                            ("communication", "Communication"),
                            ("other", "Other"),
                        ],
                        max_length=20,
                        verbose_name="topic",
                    ),
                ),
                ("heading", models.CharField(max_length=200, verbose_name="heading")),
                (
                    "text",
                    models.TextField(
                        help_text="A blank line starts a new paragraph.", verbose_name="text"
                    ),
                ),
                ("position", models.PositiveSmallIntegerField(default=0, verbose_name="position")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="last saved")),
                (
                    "updated_by",
                    models.ForeignKey(
                        editable=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "narrative section",
                "verbose_name_plural": "narrative sections",
                "ordering": ["year", "position", "pk"],
            },
        ),
    ]
