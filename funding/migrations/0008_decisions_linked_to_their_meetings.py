"""Decisions already recorded keep their meeting: a board decision's meeting date and a delegated
decision's reporting date become the board's meeting records they point to."""

from django.db import migrations


def link(apps, schema_editor):
    Decision = apps.get_model("funding", "Decision")
    BoardMeeting = apps.get_model("funding", "BoardMeeting")
    decisions = Decision.objects.select_related("application__programme")
    for decision in decisions.filter(meeting_date__isnull=False, meeting__isnull=True):
        decision.meeting, _ = BoardMeeting.objects.get_or_create(
            board_id=decision.application.programme.board_id, held_on=decision.meeting_date
        )
        decision.save(update_fields=["meeting"])
    for decision in decisions.filter(reported_to_board_on__isnull=False, reported_at__isnull=True):
        decision.reported_at, _ = BoardMeeting.objects.get_or_create(
            board_id=decision.application.programme.board_id,
            held_on=decision.reported_to_board_on,
        )
        decision.save(update_fields=["reported_at"])


class Migration(migrations.Migration):
    dependencies = [("funding", "0007_board_meetings_and_appeal_court_per_municipality")]

    operations = [migrations.RunPython(link, migrations.RunPython.noop)]
