"""The load generator for ``bench.run`` (locust, headless, zero think time).

Which user runs, and as whom, comes from the environment that ``bench.run`` sets:
BENCH_PATH / BENCH_USER for a page, BENCH_DRAFTS for submissions (a JSON file of
{username: [draft ids]}), BENCH_ATTACHMENT=1 to attach a 1 MB PDF first. Response times of
the measured window (after BENCH_WARMUP seconds) are written to BENCH_OUT as JSON.
"""

import itertools
import json
import os
import sys
import threading
import time
from pathlib import Path

from locust import FastHttpUser, HttpUser, constant, events, task
from locust.exception import StopUser

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from demo import files  # noqa: E402 (the repository is on the path only from here)

WARMUP = float(os.environ.get("BENCH_WARMUP", "10"))
PASSWORD = os.environ.get("BENCH_PASSWORD", "")
_started = time.monotonic()
_lock = threading.Lock()
_times: dict[str, list[float]] = {}
_errors: dict[str, int] = {}
_total = {"requests": 0}


@events.test_start.add_listener
def _reset(**_kwargs):
    global _started
    _started = time.monotonic()


@events.request.add_listener
def _record(name, response_time, exception, **_kwargs):
    with _lock:
        _total["requests"] += 1
        if name.startswith("login") or time.monotonic() - _started < WARMUP:
            return
        if exception is not None:
            _errors[name] = _errors.get(name, 0) + 1
        else:
            _times.setdefault(name, []).append(response_time)


@events.quitting.add_listener
def _write(**_kwargs):
    measured = time.monotonic() - _started - WARMUP
    with open(os.environ["BENCH_OUT"], "w") as out:
        json.dump({"ms": _times, "errors": _errors, "measured_s": measured, **_total}, out)


def _login(user, username: str) -> None:
    user.client.get("/accounts/login/", name="login page")
    user.client.post(
        "/accounts/login/",
        {
            "username": username,
            "password": PASSWORD,
            "csrfmiddlewaretoken": _csrf(user),
        },
        name="login",
    )


def _csrf(user) -> str:
    if isinstance(user, FastHttpUser):  # geventhttpclient keeps an http.cookiejar
        return next((c.value for c in user.client.cookiejar if c.name == "csrftoken"), "")
    return user.client.cookies.get("csrftoken", "")


class PageUser(FastHttpUser):
    """Opens one page again and again, logged in as one person. geventhttpclient rather than
    requests: it costs the shared two cores a fraction of the CPU per request."""

    wait_time = constant(0)

    def on_start(self):
        _login(self, os.environ["BENCH_USER"])

    @task
    def page(self):
        path = os.environ["BENCH_PATH"]
        with self.client.get(
            path, name="page", allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")


_drafts_lock = threading.Lock()
_drafts: dict | None = None
_members = None


def _next_member():
    global _drafts, _members
    with _drafts_lock:
        if _drafts is None:
            with open(os.environ["BENCH_DRAFTS"]) as source:
                _drafts = json.load(source)
            _members = itertools.cycle(list(_drafts))
        return next(_members)


# A real PDF (uploads are checked by their structure) of about 1 MB.
PDF = files.pdf("Budget", padding=1024 * 1024 - 700)


class SubmitUser(HttpUser):
    """A member submitting prepared drafts one after the other (with a 1 MB PDF first, if asked)."""

    wait_time = constant(0)

    def on_start(self):
        self.username = _next_member()
        _login(self, self.username)

    @task
    def submit(self):
        with _drafts_lock:
            queue = _drafts[self.username]
            draft = queue.pop() if queue else None
        if draft is None:
            raise StopUser()
        if os.environ.get("BENCH_ATTACHMENT") == "1":
            self.client.post(
                f"/funding/applications/{draft}/attachments/",
                data={"kind": "budget", "csrfmiddlewaretoken": _csrf(self)},
                files={"file": ("budget.pdf", PDF, "application/pdf")},
                name="attach",
                allow_redirects=False,
            )
        with self.client.post(
            f"/funding/applications/{draft}/submit/",
            data={"csrfmiddlewaretoken": _csrf(self)},
            name="submit",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"HTTP {response.status_code}")
