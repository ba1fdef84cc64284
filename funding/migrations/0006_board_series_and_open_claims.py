"""Cases in flight survive the two changes of this release.

- Each board registers in its own series. A board whose programmes named a series keeps that
  series (the one most of its cases have), so its numbers go on where they stood; every
  counter is raised to at least the highest number given in its series and year, so a number
  once given is never given again.
- A repayment claim made before claims were decisions is open, with the day it is due set to
  30 days after it was made (the period the letters now give).
"""

from collections import Counter
from datetime import timedelta

from django.db import migrations
from django.db.models import Max

DAYS_TO_PAY = 30


def board_series(apps, schema_editor):
    Board = apps.get_model("organisations", "Board")
    Programme = apps.get_model("funding", "FundingProgramme")
    Series = apps.get_model("casework", "RegistrationSeries")
    Case = apps.get_model("casework", "Case")
    CaseNumberCounter = apps.get_model("casework", "CaseNumberCounter")
    codes = {code.upper() for code in Board.objects.values_list("code", flat=True)}
    taken = set(Series.objects.values_list("prefix", flat=True))
    for board in Board.objects.filter(registration_series__isnull=True).order_by("pk"):
        named = [
            p.case_series.upper()
            for p in Programme.objects.filter(board=board).exclude(case_series="")
        ]
        if not named:
            continue
        uses = Counter(
            Case.objects.filter(series__in=named).values_list("series", flat=True)
        )
        prefix = max(named, key=lambda series: (uses[series], series))
        if prefix == board.code.upper() or prefix in taken or prefix in codes:
            continue  # it registers under its code already, or the series is another board's
        Series.objects.create(board=board, prefix=prefix)
        taken.add(prefix)
    highest = Case.objects.values("series", "year").annotate(top=Max("number"))
    for row in highest:
        counter, _ = CaseNumberCounter.objects.get_or_create(
            series=row["series"], year=row["year"]
        )
        if counter.last_number < row["top"]:
            counter.last_number = row["top"]
            counter.save(update_fields=["last_number"])


def claims_due(apps, schema_editor):
    RepaymentClaim = apps.get_model("funding", "RepaymentClaim")
    for claim in RepaymentClaim.objects.filter(due_on__isnull=True):
        claim.due_on = claim.opened_at.date() + timedelta(days=DAYS_TO_PAY)
        claim.save(update_fields=["due_on"])


class Migration(migrations.Migration):
    dependencies = [
        ("funding", "0005_repayment_claims_are_decisions"),
        ("casework", "0006_statutory_clock_registration_series_and_demand_rejection"),
        ("organisations", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(board_series, migrations.RunPython.noop),
        migrations.RunPython(claims_due, migrations.RunPython.noop),
    ]
