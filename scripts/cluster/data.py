"""The cluster test's data and its checks, run by run.py in the "ops" host's namespace with the
environment of every role (production settings, through PgBouncer).

``data.py setup N``: a board, an open programme and N eligible associations, each with one
member who may apply (made with the test suite's factories: no demo account, which production
refuses). Prints what the load needs as JSON.

``data.py verify LOAD_JSON EVENTS_JSON``: waits until the background work is done (bounded),
then checks what the issue asks and prints the report as JSON.
"""

import hashlib
import json
import os
import secrets
import sys
import time
from importlib import import_module
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.core.files.storage import storages  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402
from viewflow.workflow.models import Task  # noqa: E402
from viewflow.workflow.status import STATUS  # noqa: E402

from casework.models import Case  # noqa: E402
from common.assurance import ASSURANCE_SESSION_KEY, BINDING_ASSURANCE  # noqa: E402
from documents.models import Document  # noqa: E402
from funding.models import FundingApplication, SupplementRequest  # noqa: E402
from organisations.models import Role, User  # noqa: E402
from workflows.funding import services  # noqa: E402
from workflows.funding.flows import FundingApplicationFlow  # noqa: E402
from workflows.models.funding import FundingProcess  # noqa: E402
from workflows.services import task_take  # noqa: E402

PASSWORD = "kluster-losenord-1"
OFFICERS = 2
TIMERS = 10
DRAIN_SECONDS = 300  # the longest wait for the background work to finish


def setup(organisations: int) -> dict:
    from tests import factories  # noqa: PLC0415 - a dev dependency, needed by setup only

    programme = factories.FundingProgrammeFactory(
        board=factories.BoardFactory(code="frn", name="Fritidsnämnden"),
        name="Sommarlovsbidrag",
        max_amount=100_000,
        budget=100_000_000,
    )
    people = []
    for number in range(1, organisations + 1):
        organisation = factories.eligible(
            factories.OrganisationFactory(name=f"Klusterföreningen {number}")
        )
        user = factories.member(organisation, username=f"forening{number}", password=PASSWORD)
        people.append(
            {
                "username": user.username,
                "organisation": organisation.pk,
                "session": _e_id_session(user),
            }
        )
    officers = []
    for number in range(1, OFFICERS + 1):
        officer = factories.staff(Role.OFFICER, username=f"handlaggare{number}", password=PASSWORD)
        factories.delegate(programme, Role.OFFICER, user=officer)
        key = secrets.token_hex(20)
        TOTPDevice.objects.create(user=officer, name="kluster", key=key, confirmed=True)
        officers.append({"username": officer.username, "key": key})
    _timers_due_during_the_load(programme, officers[0]["username"])
    return {
        "programme": programme.pk,
        "password": PASSWORD,
        "people": people,
        "officers": officers,
        "session_cookie": settings.SESSION_COOKIE_NAME,
    }


def _e_id_session(user) -> str:
    """A session of ``user`` as an e-ID login leaves it: signed in, at the level of assurance
    that submitting needs (production counts a password login as level 1, and a submission
    binds the organisation). The login itself through a provider is the browser test's
    (tests/browser/test_eid_login.py); here it is the shared session store every web host
    must read that matters."""
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "identity.backends.ProviderBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store[ASSURANCE_SESSION_KEY] = BINDING_ASSURANCE
    store.create()
    return store.session_key


def _timers_due_during_the_load(programme, officer_name: str) -> None:
    """Cases in flight since yesterday, each waiting for a supplement whose deadline passes
    during the load: their timers (supplement_due) come due one every ten seconds from a
    minute after the setup, for beat (one of two) to fire."""
    from tests import driver, factories  # noqa: PLC0415 - a dev dependency, setup only

    officer = User.objects.get(username=officer_name)
    now, tomorrow = timezone.now(), timezone.localdate() + timezone.timedelta(days=1)
    for number in range(TIMERS):
        organisation = factories.OrganisationFactory(name=f"Klusterföreningen T{number}")
        process = factories.funding_process(organisation, programme=programme)
        (task,) = driver.open_tasks(process, "check_complete")
        with task_take(task=task, acting_user=officer) as activation:
            services.completeness_check(
                activation=activation,
                acting_user=officer,
                complete=False,
                message="Bifoga en budget.",
                due_on=tomorrow,
            )
        SupplementRequest.objects.filter(application__pk=process.artifact_object_id).update(
            due_on=timezone.localdate() - timezone.timedelta(days=1)
        )
        Task.objects.filter(process=process, flow_task_type="TIMER").update(
            scheduled=now + timezone.timedelta(seconds=60 + 10 * number)
        )


def _pending() -> int:
    return Document.objects.filter(rendered_at__isnull=True, failure="").count()


def _broker_waiting() -> tuple[int, int]:
    import redis  # noqa: PLC0415 - the broker's client, for the checks only

    broker = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    return broker.llen("celery"), broker.hlen("unacked")


def check(name: str, ok: bool, detail: str) -> dict:
    return {"name": name, "ok": bool(ok), "detail": detail}


def verify(load: dict, events: dict) -> dict:
    started = time.monotonic()
    while time.monotonic() - started < DRAIN_SECONDS:
        submitted = FundingApplication.objects.filter(case__isnull=False)
        receipts = Document.objects.filter(kind=Document.Kind.SUBMISSION_RECEIPT)
        if (
            receipts.filter(rendered_at__isnull=False).count() >= submitted.count()
            and _pending() == 0
            and _broker_waiting() == (0, 0)
        ):
            break
        time.sleep(2)
    drained = time.monotonic() - started

    answered = {entry["pk"]: entry for entry in load["applications"]}
    applications = FundingApplication.objects.filter(pk__in=answered)
    processes = dict(
        FundingProcess.objects.filter(artifact_object_id__in=[str(pk) for pk in answered])
        .values_list("artifact_object_id")
        .annotate(n=Count("pk"))
    )
    lost = [app.pk for app in applications if app.case_id is None] + [
        pk for pk in answered if not applications.filter(pk=pk).exists()
    ]
    no_process = [pk for pk in answered if processes.get(str(pk), processes.get(pk, 0)) != 1]
    submitted = FundingApplication.objects.filter(case__isnull=False)
    cases = Case.objects.filter(kind=Case.Kind.FUNDING_APPLICATION)
    all_processes = FundingProcess.objects.values("artifact_object_id").annotate(n=Count("pk"))
    doubled_processes = [row for row in all_processes if row["n"] > 1]
    doubled_cases = cases.count() - submitted.count()

    receipts = Document.objects.filter(kind=Document.Kind.SUBMISSION_RECEIPT)
    per_case = receipts.values("case").annotate(n=Count("pk"))
    doubled_receipts = [row for row in per_case if row["n"] > 1]
    missing_receipts = submitted.exclude(case__documents__kind=Document.Kind.SUBMISSION_RECEIPT)
    storage = storages["default"]
    bad_files = []
    for document in Document.objects.exclude(file=""):
        path = Path(storage.path(document.file.name))
        if not path.exists() or hashlib.sha256(path.read_bytes()).hexdigest() != document.sha256:
            bad_files.append(document.pk)
    rows = {Path(storage.path(name)) for name in Document.objects.values_list("file", flat=True)}
    on_disk = set(Path(storage.path("documents")).rglob("*.pdf"))
    stray_files = sorted(str(path) for path in on_disk - rows)
    unrendered = Document.objects.filter(rendered_at__isnull=True).count()
    failed = list(Document.objects.exclude(failure="").values_list("pk", "failure"))

    from funding.models import Attachment  # noqa: PLC0415 - checked here only

    attached = sum(entry["attachments"] for entry in load["applications"])
    attachments = Attachment.objects.filter(application__in=list(answered))
    missing_attachment_files = [
        a.pk for a in attachments if not Path(storage.path(a.file.name)).exists()
    ]

    completed = load.get("completions", [])
    checks_done = Task.objects.filter(pk__in=completed)
    not_done = [t.pk for t in checks_done if t.status != STATUS.DONE]
    assessments = dict(
        Task.objects.filter(
            flow_task=FundingApplicationFlow.assess,
            process__in=checks_done.values("process"),
        )
        .values_list("process")
        .annotate(n=Count("pk"))
    )
    not_assessed_once = [t.process_id for t in checks_done if assessments.get(t.process_id, 0) != 1]

    old = timezone.now() - timezone.timedelta(minutes=5)
    stuck_jobs = Task.objects.filter(flow_task_type="JOB", created__lt=old).exclude(
        status__in=[STATUS.DONE, STATUS.CANCELED]
    )
    queued, unacked = _broker_waiting()

    killed = events["killed"]
    # Only the requests the killed web host was serving may fail: those in flight at the kill.
    stray_errors = [
        e for e in load["errors"] if not (e["start"] <= killed + 0.5 and e["end"] >= killed - 0.5)
    ]
    timers = Task.objects.filter(flow_task_type="TIMER")
    timer_rows = timers.values("process", "flow_task").annotate(n=Count("pk"))
    doubled_timers = [row for row in timer_rows if row["n"] > 1]
    unfired = timers.exclude(status=STATUS.DONE).count()
    timed = timers.values("process")
    overdue_steps = dict(
        Task.objects.filter(process__in=timed, flow_task=FundingApplicationFlow.supplement_overdue)
        .values_list("process")
        .annotate(n=Count("pk"))
    )
    timed_assessments = dict(
        Task.objects.filter(process__in=timed, flow_task=FundingApplicationFlow.assess)
        .values_list("process")
        .annotate(n=Count("pk"))
    )
    timer_processes = set(timed.values_list("process", flat=True))
    timer_not_once = [
        pk
        for pk in timer_processes
        if overdue_steps.get(pk, 0) != 1 or timed_assessments.get(pk, 0) != 1
    ]

    numbers = {
        "requests": load["requests"],
        "applications sent (answered success)": len(answered),
        "with attachments": attached,
        "client errors (failed attempts)": len(load["errors"]),
        "gave up": len(load["failures"]),
        "lost": len(lost),
        "duplicated": doubled_cases + len(doubled_processes) + len(doubled_receipts),
        "completeness checks done by officers": len(completed),
        "receipts rendered": receipts.filter(rendered_at__isnull=False).count(),
        "timers fired": timers.filter(status=STATUS.DONE).count(),
        "web host back after restart (s)": round(events["recover_web"], 1),
        "worker back after restart (s)": round(events["recover_worker"], 1),
        "background work drained after load (s)": round(drained, 1),
    }
    checks = [
        check("no request gave up", not load["failures"], "; ".join(load["failures"][:5])),
        check(
            "every success has one case and one process",
            not lost and not no_process,
            f"lost {lost[:10]}, without exactly one process {no_process[:10]}",
        ),
        check(
            "nothing duplicated",
            doubled_cases == 0 and not doubled_processes and not doubled_receipts,
            f"{cases.count()} cases for {submitted.count()} sent applications, "
            f"{len(doubled_processes)} applications with two processes, "
            f"{len(doubled_receipts)} cases with two receipts",
        ),
        check(
            "every document exists once (files and rows agree)",
            not missing_receipts.exists() and not bad_files and not stray_files and not failed,
            f"{missing_receipts.count()} without a receipt, {len(bad_files)} rows without "
            f"their file, {len(stray_files)} files without a row, {len(failed)} failed",
        ),
        check(
            "every attachment stored once, on the shared storage",
            attachments.count() == attached and not missing_attachment_files,
            f"{attachments.count()} stored of {attached} sent, "
            f"{len(missing_attachment_files)} missing files",
        ),
        check(
            "no process stuck",
            not stuck_jobs.exists() and unrendered == 0 and (queued, unacked) == (0, 0),
            f"{stuck_jobs.count()} jobs older than 5 minutes open, {unrendered} documents "
            f"not produced, broker: {queued} queued, {unacked} unacknowledged",
        ),
        check(
            "every task an officer completed is done once, its process one step on",
            len(completed) == len(set(completed)) and not not_done and not not_assessed_once,
            f"{len(not_done)} not done, {len(not_assessed_once)} processes without exactly "
            "one assessment task",
        ),
        check(
            "every timer fired once",
            not doubled_timers and unfired == 0 and not timer_not_once and timer_processes,
            f"{len(timer_processes)} timers, {unfired} not fired, {len(doubled_timers)} doubled, "
            f"{len(timer_not_once)} processes without exactly one overdue step and assessment",
        ),
        check(
            "client errors only for requests the killed host was serving",
            not stray_errors,
            f"{len(load['errors'])} failed attempts, {len(stray_errors)} not in flight at the "
            f"kill: {stray_errors[:3]}",
        ),
        check(
            "service back within 60 s of a restart",
            events["recover_web"] <= 60 and events["recover_worker"] <= 60,
            f"web {events['recover_web']:.1f} s, worker {events['recover_worker']:.1f} s",
        ),
    ]
    return {"numbers": numbers, "checks": checks, "host": os.uname().nodename}


if __name__ == "__main__":
    if sys.argv[1] == "setup":
        print(json.dumps(setup(int(sys.argv[2]))))
    else:
        load_report = json.loads(Path(sys.argv[2]).read_text())
        print(json.dumps(verify(load_report, json.loads(Path(sys.argv[3]).read_text()))))
