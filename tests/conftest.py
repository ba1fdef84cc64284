import os

import pytest
from django.core.management import call_command
from django.db import connection
from hypothesis import settings

from config.celery import app as celery_app
from tests import factories
from tests.fuzz.checks import OUTCOMES, RUNS

# In CI every test must run: a skip there is a missing service, and counts as a failure.
IN_CI = os.environ.get("CI", "").lower() == "true"

# Hypothesis (tests/fuzz): no deadline on a shared machine; in CI the same examples every run.
settings.register_profile("default", deadline=None)
settings.register_profile("ci", deadline=None, derandomize=True, print_blob=True)
settings.load_profile("ci" if IN_CI else "default")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_configure(config):
    from django.conf import settings

    settings.STATIC_ROOT.mkdir(parents=True, exist_ok=True)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if IN_CI and report.skipped:
        report.outcome = "failed"
        report.longrepr = f"Skipped in CI, where every service must be present: {report.longrepr}"


# The fuzz examples each form ran (tests/fuzz/checks.py), printed at the session's end. Under
# pytest-xdist (`make test`) every worker counts its own and hands them on when it ends; the
# controller, which runs no test, adds them up.
def pytest_sessionfinish(session):
    if hasattr(session.config, "workeroutput"):  # an xdist worker
        session.config.workeroutput["fuzz"] = (RUNS, {k: dict(v) for k, v in OUTCOMES.items()})


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    runs, outcomes = getattr(node, "workeroutput", {}).get("fuzz", ({}, {}))
    for name, count in runs.items():
        RUNS[name] = RUNS.get(name, 0) + count
    for name, statuses in outcomes.items():
        OUTCOMES[name].update(statuses)


def pytest_terminal_summary(terminalreporter):
    if RUNS:
        terminalreporter.section("fuzz examples per form (responses by status)")
        for name, count in sorted(RUNS.items()):
            statuses = ", ".join(f"{code}: {n}" for code, n in sorted(OUTCOMES[name].items()))
            terminalreporter.write_line(f"{count:5d}  {name}  ({statuses})")


@pytest.fixture(scope="session", autouse=True)
def site_urls_loaded():
    """viewflow names a flow's task URLs once the Site is in the URLconf; load it up front, as
    the first request of a running server would."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018


@pytest.fixture
def requires_postgresql(db):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (row locks); CI runs it there")


@pytest.fixture
def demo_data(db):
    """The demo register, programmes, accounts and IOP inquiries (not the applications)."""
    with open(os.devnull, "w") as devnull:
        parts = ["register", "programmes", "accounts", "iop"]
        call_command("load_demo", "--only", *parts, stdout=devnull)


@pytest.fixture
def organisation(db):
    return factories.OrganisationFactory()


@pytest.fixture
def other_organisation(db):
    return factories.OrganisationFactory(name="Annan förening")


@pytest.fixture
def member(organisation):
    return factories.member(organisation)


@pytest.fixture
def outsider(other_organisation):
    """A member of another organisation: must never see ``organisation``'s things."""
    return factories.member(other_organisation)


@pytest.fixture
def programme(db):
    return factories.FundingProgrammeFactory()


@pytest.fixture
def officer(db):
    return factories.staff()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture
def broker(settings, requires_postgresql):
    """The real Redis broker, for a test that starts workers of its own (``tests.workers``):
    tasks go to the broker instead of running in-process, and the queue starts empty."""
    if not settings.CELERY_BROKER_URL:
        pytest.skip("needs CELERY_BROKER_URL (Redis); CI sets it")
    previous = (celery_app.conf.task_always_eager, celery_app.conf.broker_url)
    settings.CELERY_TASK_ALWAYS_EAGER = False
    celery_app.conf.update(task_always_eager=False, broker_url=settings.CELERY_BROKER_URL)
    celery_app.control.purge()
    yield settings.CELERY_BROKER_URL
    celery_app.control.purge()
    celery_app.conf.update(task_always_eager=previous[0], broker_url=previous[1])
