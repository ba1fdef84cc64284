# ruff: noqa: S603, S607 - starts local services and scripts of this repository
"""What ``bench.run`` measures, figure by figure (Django is set up with the bench settings)."""

import json
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

import requests
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from bench import ratios
from bench.minimal.flows import MinimalFlow
from documents.kinds import Kind
from documents.models import Document
from funding import services as funding_services
from funding.models import FundingApplication, FundingProgramme
from organisations.models import Organisation, User
from workflows.funding.flows import FundingApplicationFlow
from workflows.models import FundingProcess
from workflows.models.base import task_url

COMPLETIONS = 40  # of each kind, alternating


def pages(people: dict) -> dict[str, tuple[str, str, int]]:
    """label: (who, path, p95 target in ms)."""
    return {
        "officer's queue": (people["officer"], reverse("workflows:queue"), 100),
        "officer's queue by due date": (
            people["officer"],
            reverse("workflows:queue") + "?sort=due",
            100,
        ),
        "officer's inbox": (people["officer"], reverse("workflows:inbox"), 100),
        "member's queue": (people["member"], reverse("workflows:queue"), 100),
        "member's inbox": (people["member"], reverse("workflows:inbox"), 100),
        "case page (50 events, 10 documents)": (
            people["officer"],
            reverse("casework:case_detail", args=[people["case_page"]]),
            150,
        ),
    }


# The anchors measured in the same run, alternating with the pages (bench/minimal/anchors.py).
LEAN_QUEUE, LEAN_INBOX = "viewflow's lean queue list", "viewflow's lean inbox list"
STATIC = "static page in the same shell"
ANCHOR_PREFIXES = (LEAN_QUEUE, LEAN_INBOX, STATIC)


def anchors(people: dict) -> dict[str, tuple[str, str, None]]:
    """label: (who, path, None), as ``pages``."""
    return {
        f"{LEAN_QUEUE} (officer)": (people["officer"], reverse("bench_lean_queue"), None),
        f"{LEAN_INBOX} (officer)": (people["officer"], reverse("bench_lean_inbox"), None),
        f"{LEAN_QUEUE} (member)": (people["member"], reverse("bench_lean_queue"), None),
        f"{LEAN_INBOX} (member)": (people["member"], reverse("bench_lean_inbox"), None),
        f"{STATIC} (officer)": (people["officer"], reverse("bench_static"), None),
    }


def anchor_of(page: str) -> str:
    """The lean list a page's throughput is compared with: the same person's list of the same
    kind (the case page: the officer's queue, the list an officer comes to it from)."""
    who = "member" if page.startswith("member") else "officer"
    return f"{LEAN_INBOX if 'inbox' in page else LEAN_QUEUE} ({who})"


STOCK = {
    "viewflow's queue list as shipped (officer)": ("officer", "bench_stock_queue"),
    "viewflow's inbox list as shipped (officer)": ("officer", "bench_stock_inbox"),
}


def stock_views(host: str, people: dict, *, requests_each: int, timeout: float) -> list[dict]:
    """viewflow's own lists as shipped, one request at a time, for information: at a million
    tasks they take seconds a page, so each request has ``timeout`` seconds."""
    rows = []
    for label, (who, name) in STOCK.items():
        session = _session(host, people[who], people["password"])
        times, failed = [], 0
        for _ in range(requests_each):
            started = time.perf_counter()
            try:
                response = session.get(f"{host}{reverse(name)}", timeout=timeout)
                response.raise_for_status()
            except requests.RequestException:
                failed += 1
                continue
            times.append((time.perf_counter() - started) * 1000)
        rows.append(
            {
                "figure": f"{label}: median, one user ({failed} of {requests_each} over "
                f"{timeout:g} s or failed)",
                "value": round(statistics.median(times), 1) if times else None,
                "unit": "ms",
                "target": None,
            }
        )
    return rows


def query_counts(people, pages_: dict) -> dict[str, int]:
    counts = {}
    for label, (username, path, _target) in pages_.items():
        client = Client()
        client.force_login(User.objects.get(username=username))
        client.get(path)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200, label
        counts[label] = len(captured)
    return counts


def _session(host: str, username: str, password: str) -> requests.Session:
    session = requests.Session()
    session.get(f"{host}/accounts/login/")
    session.post(
        f"{host}/accounts/login/",
        {
            "username": username,
            "password": password,
            "csrfmiddlewaretoken": session.cookies.get("csrftoken", ""),
        },
    )
    return session


def warm_up(host: str, people: dict, pages_: dict) -> None:
    """Every worker has served every page before its memory is first read."""
    for username, path, _target in pages_.values():
        session = _session(host, username, people["password"])
        for _ in range(30):
            session.get(f"{host}{path}")


def memory_figures(start: dict, end: dict, served: int) -> list[dict]:
    peak = max(end.values())
    growth = max((end[pid] - start[pid]) / start[pid] * 100 for pid in end if pid in start)
    return [
        {
            "figure": "gunicorn worker RSS (largest)",
            "value": round(peak, 1),
            "unit": "MB",
            "target": "<= 150",
            "met": peak <= 150,
        },
        {
            "figure": f"RSS growth over {served} requests (largest)",
            "value": round(growth, 1),
            "unit": "%",
            "target": "< 10 (over >= 10,000 requests)",
            "met": growth < 10 and served >= 10_000,
        },
    ]


def _execute(session, host: str, task: Task, data: dict) -> float:
    """Take ``task`` and open its form (not timed), then time the completion."""
    assign = session.post(
        f"{host}{task_url(task, 'assign')}",
        {"csrfmiddlewaretoken": session.cookies.get("csrftoken", "")},
        allow_redirects=False,
    )
    assert assign.status_code == 302, assign.status_code
    url = f"{host}{task_url(task, 'execute')}"
    session.get(url)
    started = time.perf_counter()
    response = session.post(
        url,
        {**data, "csrfmiddlewaretoken": session.cookies.get("csrftoken", "")},
        allow_redirects=False,
    )
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 302, (task.flow_task, response.status_code)
    return elapsed


def task_completion(host: str, people: dict) -> list[dict]:
    """Completing a funding completeness check (the next task and the audit event included)
    against the same step of the minimal flow, alternating, same officer, same server."""
    domain_tasks = list(
        Task.objects.filter(
            flow_task=FundingApplicationFlow.check_complete, status=STATUS.NEW
        ).order_by("-pk")[:COMPLETIONS]
    )
    minimal_tasks = []
    for _ in range(COMPLETIONS):
        process = MinimalFlow.start.run()
        minimal_tasks.append(Task.objects.get(process=process, flow_task=MinimalFlow.first))
    session = _session(host, people["officer"], people["password"])
    domain, minimal = [], []
    for ours, theirs in zip(domain_tasks, minimal_tasks, strict=True):
        domain.append(_execute(session, host, ours, {"result": "complete"}))
        minimal.append(_execute(session, host, theirs, {}))
    return [
        ratios.row(
            "completing a task: funding completeness check, median",
            ours=statistics.median(domain),
            anchor_name="the minimal flow's step",
            anchor=statistics.median(minimal),
            unit="ms",
            target=("<=", 1.5),
        )
    ]


def _drafts(people: dict, count: int) -> dict[str, list[int]]:
    """Complete drafts, made through the services, spread over ten members."""
    programme = FundingProgramme.objects.get(pk=people["programme"])
    members = [User.objects.get(username=name) for name in people["members"][:10]]
    today = timezone.localdate()
    drafts: dict[str, list[int]] = {m.username: [] for m in members}
    for index in range(count):
        member = members[index % len(members)]
        organisation = Organisation.objects.get(
            memberships__user=member, memberships__role="member"
        )
        application = funding_services.application_create(
            programme=programme,
            organisation=organisation,
            acting_user=member,
            title="Sommarfotboll för unga",
        )
        funding_services.application_update(
            application=application,
            acting_user=member,
            purpose="Fotboll varje kväll i juli.",
            amount_applied=Decimal(15000),
            activity_start=today + timezone.timedelta(days=40),
            activity_end=today + timezone.timedelta(days=70),
        )
        drafts[member.username].append(application.pk)
    return drafts


def submissions(host, people, *, attachment: bool, seconds: int, warmup: int, run) -> list[dict]:
    target = 10 if attachment else 30
    drafts = _drafts(people, int(target * 2.5 * (seconds + warmup)))
    ids = [pk for pks in drafts.values() for pk in pks]
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as file:
        json.dump(drafts, file)
    label = "submitting an application" + (" with a 1 MB attachment" if attachment else "")
    result = run(
        "submit-attachment" if attachment else "submit",
        "SubmitUser",
        seconds + warmup,
        warmup=warmup,
        drafts=file.name,
        attachment="1" if attachment else "0",
        password=people["password"],
    )
    Path(file.name).unlink()
    submitted = FundingApplication.objects.filter(pk__in=ids).exclude(status="draft").count()
    processes = FundingProcess.objects.filter(
        flow_class=FundingApplicationFlow, artifact_object_id__in=ids
    ).count()
    receipts = Document.objects.filter(
        kind=Kind.SUBMISSION_RECEIPT,
        case_id__in=FundingApplication.objects.filter(pk__in=ids).values("case_id"),
    ).exclude(file="")
    made = receipts.count()
    times = result["ms"].get("submit", [])
    rate = len(times) / result["measured_s"]
    errors = sum(result["errors"].values())
    return [
        {
            "figure": f"{label}: sustained rate",
            "value": round(rate, 1),
            "unit": "/s",
            "target": f">= {target}",
            "met": rate >= target,
        },
        {
            "figure": f"{label}: p95",
            "unit": "ms",
            "target": None,
            "value": round(sorted(times)[int(0.95 * (len(times) - 1))], 1) if times else None,
        },
        {
            "figure": f"{label}: errors",
            "value": errors,
            "unit": "",
            "target": "0",
            "met": errors == 0,
        },
        {
            "figure": f"{label}: processes per submission",
            "unit": "",
            "value": f"{processes} / {submitted}",
            "target": "equal",
            "met": processes == submitted,
        },
        {
            "figure": f"{label}: receipt PDFs made by the end (the rest follow)",
            "unit": "",
            "value": f"{made} / {submitted}",
            "target": None,
        },
    ]


def other_benchmarks(root: Path) -> list[dict]:
    """bench/documents.py and, when present, bench/annual_report.py (their own scripts and
    settings); their JSON results are folded into the table."""
    rows = []
    for script, result in (
        ("documents.py", "documents.json"),
        ("annual_report.py", "annual_report.json"),
    ):
        if not (root / "bench" / script).exists():
            continue
        done = subprocess.run(
            [sys.executable, f"bench/{script}"],
            cwd=root,
            check=False,
            capture_output=True,
            text=True,
            env=_plain_env(),
        )
        path = root / "bench" / "results" / result
        if done.returncode != 0 or not path.exists():
            rows.append(
                {"figure": f"{script}", "value": "failed", "unit": "", "target": None, "met": False}
            )
            continue
        data = json.loads(path.read_text())
        for row in data.get("results", data.get("rows", [])):
            name = row.get("case") or row.get("what")
            if "floor_ratio" in row:
                rows.append(
                    ratios.row(
                        f"{script}: {name} ({row['pages']} pages), CPU median",
                        ours=row["cpu_median_s"],
                        anchor_name=f"running text, {row['floor_pages']} pages",
                        anchor=row["floor_cpu_median_s"],
                        unit="s",
                        target=("<=", row["target_floor_ratio"]),
                    )
                )
                continue
            rows.append(
                {
                    "figure": f"{script}: {name}, median",
                    "value": round(row["median_s"], 3),
                    "unit": "s",
                    "target": None,
                }
            )
    return rows


def new_work(root: Path, env: dict, dataset: Path) -> list[dict]:
    """``bench.newwork`` (seal, E-ARK export, directory search, each against its anchor) on
    the bench database, in a process of its own; its rows as ratios, for information."""
    done = subprocess.run(
        [sys.executable, "-m", "bench.newwork", "--dataset", str(dataset)],
        cwd=root,
        check=False,
        capture_output=True,
        text=True,
        env={
            **env,
            "SIGNING_PKI_DIR": str(root / "var" / "bench-pki"),
            "SIGNING_PKI_URL": "http://127.0.0.1:9941",
        },
    )
    if done.returncode != 0:
        return [{"figure": "bench/newwork.py", "value": "failed", "unit": "", "target": None}]
    rows = []
    for found in json.loads(done.stdout.strip().splitlines()[-1]):
        if "failed" in found:
            rows.append(
                {"figure": found["figure"], "value": found["failed"], "unit": "", "target": None}
            )
            continue
        rows.append(
            ratios.row(
                f"{found['figure']}: CPU median",
                ours=found["ours"],
                anchor_name=found["anchor_name"],
                anchor=found["anchor"],
                unit="ms",
            )
        )
    rows.append(
        {
            "figure": "OIDC login round trip against a login to the minimal flow",
            "value": "not measured (bench/README.md)",
            "unit": "",
            "target": None,
        }
    )
    return rows


def _plain_env() -> dict:
    import os

    return {
        k: v
        for k, v in os.environ.items()
        if k
        not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "CELERY_BROKER_URL", "BENCH_DATABASE_URL")
    }


def print_table(rows: list[dict], meta: dict) -> None:
    """figure, ours, the anchor, the ratio, the target, met (met: by the ratio, for speed)."""
    width = min(max(len(r["figure"]) for r in rows), 70)
    print()
    for key, value in meta.items():
        print(f"{key}: {value}")
    header = (
        f"{'figure':<{width}}  {'ours':>16}  {'anchor':<34} {'anchor value':>12} "
        f"{'ratio':>6}  {'target':<12} met"
    )
    print(f"\n{header}")
    print("-" * len(header))
    for r in rows:
        value = f"{'' if r['value'] is None else r['value']} {r['unit']}".strip()
        anchor = r.get("anchor") or ""
        anchor_value = r.get("anchor_value")
        anchor_value = "" if anchor_value is None else f"{anchor_value} {r['unit']}".strip()
        ratio = "" if r.get("ratio") is None else f"{r['ratio']:.2f}"
        met = "" if r.get("met") is None else ("yes" if r["met"] else "NO")
        target = r["target"] or ""
        if len(target) > 12:  # the checks' targets (queries, memory) are sentences
            target = target[:11] + "…"
        print(
            f"{r['figure'][:width]:<{width}}  {value:>16}  {anchor[:34]:<34} {anchor_value:>12} "
            f"{ratio:>6}  {target:<12} {met}"
        )
