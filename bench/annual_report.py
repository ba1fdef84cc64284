"""How long the annual report takes over 100,000 cases on PostgreSQL.

Run from the project root:  .venv/bin/python bench/annual_report.py [--cases N] [--runs N]

Uses its own database (``BENCH_DATABASE_URL``, default ``samverkan_bench_followup`` on the local
PostgreSQL), migrates it, and fills it once with bulk_create: cases spread over 2023–2026,
60 % funding applications (decisions, payouts, report-back deadlines, repayment claims) and
40 % IOP inquiries (one in 200 an active agreement with parties and signatures). A second run
reuses the data. Prints the median seconds of the report's figures (``annual_report``), of the
mapping and of the PDF, and writes bench/results/annual_report.json.
"""

import argparse
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_URL = "postgres://postgres:ci-only-password@127.0.0.1:5432/samverkan_bench_followup"
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")


def _create_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


_create_database(os.environ["DATABASE_URL"])

import django  # noqa: E402

django.setup()

from datetime import date  # noqa: E402
from decimal import Decimal  # noqa: E402

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from casework.models import Case, ChallengeArea, Deadline  # noqa: E402
from documents import rendering  # noqa: E402
from documents.kinds import Kind  # noqa: E402
from followup import selectors  # noqa: E402
from funding.models import (  # noqa: E402
    Decision,
    FundingApplication,
    FundingProgramme,
    Payout,
    RepaymentClaim,
)
from organisations.models import Board, Organisation, User  # noqa: E402
from partnerships.models import AgreementVersion, IOPInquiry, Party, Signature  # noqa: E402

IOP_STATUSES = ["registered", "not_iop", "investigation", "co_creation", "memo", "closed"]
FUNDING_STATUSES = ["submitted", "in_assessment", "awaiting_decision"]
OUTCOMES = ["approved", "partly_approved", "rejected"]
BATCH = 5000


def fill(total: int) -> None:
    if Case.objects.filter(series__in=["BF", "BI"]).count() >= total:
        print(f"reusing {total:,} cases")
        if Case.objects.filter(series="BF", registered_at__date=date.today()).exists():
            _spread_dates()  # an earlier run stopped before spreading the dates
        return
    print(f"building {total:,} cases …", flush=True)
    started = time.perf_counter()
    user, _ = User.objects.get_or_create(username="bench-officer")
    areas = [
        ChallengeArea.objects.get_or_create(slug=f"bench-{n}", defaults={"name": f"Utmaning {n}"})[
            0
        ]
        for n in range(6)
    ]
    administration = Organisation.objects.create(
        name="Bench förvaltning", kind="administration", org_number="2120001234"
    )
    boards = [
        Board.objects.create(
            name=f"Bench nämnd {n}", code=f"bench{n}", administration=administration
        )
        for n in range(8)
    ]
    organisations = Organisation.objects.bulk_create(
        Organisation(name=f"Bench förening {n}", kind="association", org_number=f"802{n:07d}")
        for n in range(500)
    )
    programmes = [
        FundingProgramme.objects.create(
            name=f"Bench program {n}", slug=f"bench-{n}", board=boards[n], budget=10**9,
            opens_on="2023-01-01", closes_on="2026-12-31", max_amount=100_000,
        )
        for n in range(8)
    ]  # fmt: skip
    funding = total * 6 // 10
    for start in range(0, total, BATCH):
        with transaction.atomic():
            _batch(range(start, min(start + BATCH, total)), funding, user, areas, boards,
                   organisations, programmes)  # fmt: skip
    _spread_dates()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"built in {time.perf_counter() - started:.0f} s", flush=True)


def _batch(numbers, funding, user, areas, boards, organisations, programmes) -> None:
    cases = Case.objects.bulk_create(
        Case(
            case_number=f"{'BF' if n < funding else 'BI'}-{2023 + n % 4}-{n:06d}",
            series="BF" if n < funding else "BI",
            year=2023 + n % 4,
            number=n,
            kind="funding_application" if n < funding else "iop_inquiry",
            title=f"Bench ärende {n}",
            organisation=organisations[n % len(organisations)],
            challenge_area=areas[n % len(areas)],
        )
        for n in numbers
    )
    applications, inquiries = [], []
    for case in cases:
        n = case.number
        if n < funding:
            applications.append(
                FundingApplication(
                    programme=programmes[n % len(programmes)], organisation=case.organisation,
                    case=case, status="granted" if n % 10 < 7 else FUNDING_STATUSES[n % 3],
                    title=case.title, challenge_area=case.challenge_area,
                    amount_applied=Decimal(10_000 + n % 90_000), created_by=user,
                )
            )  # fmt: skip
        else:
            status = "active" if n % 200 == 0 else IOP_STATUSES[n % len(IOP_STATUSES)]
            inquiries.append(
                IOPInquiry(case=case, initiator="proposal", purpose="Bench", target_group="Unga",
                           public_benefit_goal="Bench", status=status)
            )  # fmt: skip
    applications = FundingApplication.objects.bulk_create(applications)
    inquiries = IOPInquiry.objects.bulk_create(inquiries)
    granted = [a for a in applications if a.status == "granted"]
    Decision.objects.bulk_create(
        Decision(application=a, outcome=OUTCOMES[a.case.number % 3], reasons="Bench",
                 amount_granted=a.amount_applied // 2, authority="officer", decided_by=user)
        for a in granted
    )  # fmt: skip
    Payout.objects.bulk_create(
        Payout(application=a, amount=a.amount_applied // 2, paid_on="2025-06-01",
               giro_kind="bankgiro", giro_number="5050-1055", recorded_by=user)
        for a in granted if a.case.number % 2
    )  # fmt: skip
    Deadline.objects.bulk_create(
        Deadline(case=a.case, kind="report_back", audience="organisation",
                 due_on=f"{2023 + a.case.number % 4}-09-01")
        for a in granted if a.case.number % 3 == 0
    )  # fmt: skip
    RepaymentClaim.objects.bulk_create(
        RepaymentClaim(application=a, amount=1000, reason="Bench", opened_by=user)
        for a in granted if a.case.number % 50 == 0
    )  # fmt: skip
    _agreements([i for i in inquiries if i.status == "active"], boards, user)


def _agreements(inquiries, boards, user) -> None:
    parties, versions = [], []
    for inquiry in inquiries:
        board = boards[inquiry.case.number % len(boards)]
        parties += [
            Party(inquiry=inquiry, organisation=board.administration, board=board, side="public"),
            Party(inquiry=inquiry, organisation=inquiry.case.organisation, side="idea_based"),
        ]
        year = 2023 + inquiry.case.number // 200 % 3
        versions.append(
            AgreementVersion(inquiry=inquiry, number=1, goals="Mål", governance="Styrgrupp",
                             period_start=f"{year}-01-01", period_end=f"{year + 1}-12-31",
                             follow_up="Årligen", saved_by=user)
        )  # fmt: skip
    parties = Party.objects.bulk_create(parties)
    versions = AgreementVersion.objects.bulk_create(versions)
    Signature.objects.bulk_create(
        Signature(inquiry=party.inquiry, party=party, version=version, signed_by=user)
        for version, pair in zip(
            versions, zip(parties[::2], parties[1::2], strict=True), strict=True
        )
        for party in pair
    )


def _spread_dates() -> None:
    """bulk_create stamps "now": spread registration and decisions over the case's year."""
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE casework_case SET registered_at = make_timestamptz(year, 1, 1, 8, 0, 0)"
            " + (number % 360) * interval '1 day' WHERE series IN ('BF', 'BI')"
        )
        cursor.execute(
            "UPDATE funding_fundingapplication a SET submitted_at = c.registered_at"
            " FROM casework_case c WHERE a.case_id = c.id AND c.series = 'BF'"
        )
        cursor.execute(
            "UPDATE funding_decision d SET decided_at = c.registered_at"
            " + (10 + c.number % 200) * interval '1 day' FROM funding_fundingapplication a"
            " JOIN casework_case c ON a.case_id = c.id WHERE d.application_id = a.id"
        )
        cursor.execute(
            "UPDATE casework_case c SET decided_at = d.decided_at FROM funding_decision d"
            " JOIN funding_fundingapplication a ON d.application_id = a.id WHERE a.case_id = c.id"
        )
        cursor.execute(
            "UPDATE partnerships_signature s SET signed_at = c.registered_at FROM"
            " partnerships_iopinquiry i JOIN casework_case c ON i.case_id = c.id"
            " WHERE s.inquiry_id = i.id"
        )


def timed(function, runs: int) -> tuple[float, float]:
    function()  # warm: connections, templates, fonts
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds), min(seconds)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--year", type=int, default=2025)
    args = parser.parse_args()
    assert connection.vendor == "postgresql", "the benchmark runs on PostgreSQL"
    call_command("migrate", verbosity=0)
    fill(args.cases)
    report = selectors.annual_report(args.year)
    rows = [
        ("annual report figures", *timed(lambda: selectors.annual_report(args.year), args.runs)),
        ("mapping", *timed(lambda: selectors.collaboration_map(args.year), args.runs)),
        ("annual report PDF (figures + rendering)", *timed(
            lambda: rendering.render_pdf(Kind.ANNUAL_REPORT, selectors.annual_report(args.year)),
            args.runs,
        )),
    ]  # fmt: skip
    print(f"\n{Case.objects.count():,} cases; year {args.year}: "
          f"{report.funding_total.applications:,} applications, "
          f"{report.agreements_active:,} agreements in force, "
          f"{report.iop_started:,} inquiries started")  # fmt: skip
    print(f"{'what':45} {'median s':>9} {'min s':>7}")
    for name, median, fastest in rows:
        print(f"{name:45} {median:9.3f} {fastest:7.3f}")
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    (results / "annual_report.json").write_text(
        json.dumps(
            {
                "machine": platform.node(),
                "cases": Case.objects.count(),
                "year": args.year,
                "rows": [{"what": n, "median_s": m, "min_s": f} for n, m, f in rows],
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
