"""Exactly one scheduler: two `celery -A config beat` started against the real Redis, one holds
celery-redbeat's lock and sends the schedule, the other waits; killed, the first is replaced by
the second within the lock's timeout (CELERY_BEAT_LOCK_TIMEOUT)."""

import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import redis

from tests.workers import wait

ROOT = Path(__file__).resolve().parents[2]
LOCK_TIMEOUT = 4


def _beat(broker: str, prefix: str, log: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "CELERY_BROKER_URL": broker,
        "CELERY_REDBEAT_KEY_PREFIX": prefix,
        "CELERY_BEAT_LOCK_TIMEOUT": str(LOCK_TIMEOUT),
        "CELERY_BEAT_MAX_INTERVAL": "1",
    }
    command = [sys.executable, "-m", "celery", "-A", "config", "beat", "--loglevel=DEBUG"]
    with log.open("w") as output:
        return subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=output)


@pytest.mark.celery_worker
def test_of_two_beats_one_holds_the_lock_and_the_other_takes_over_when_it_dies(tmp_path):
    url = os.environ.get("CELERY_BROKER_URL", "")
    if not url:
        pytest.skip("needs CELERY_BROKER_URL (Redis); CI sets it")
    # A database of its own, so that nothing these beats send reaches the tests' workers.
    broker = url.rsplit("/", 1)[0] + "/11"
    store, prefix = redis.Redis.from_url(broker), f"redbeat-test-{uuid.uuid4().hex[:8]}:"
    lock_key = f"{prefix}:lock"
    logs = [tmp_path / "first.log", tmp_path / "second.log"]
    beats = [_beat(broker, prefix, log) for log in logs]

    def acquired() -> list[bool]:
        return ["Acquired lock" in log.read_text() for log in logs]

    try:
        wait(lambda: any(acquired()), 40, "a beat to take the lock")
        wait(lambda: all("Acquiring lock" in log.read_text() for log in logs), 20, "both to ask")
        holder, waiting = (0, 1) if acquired()[0] else (1, 0)
        token = store.get(lock_key)
        # The holder keeps renewing the lock (every CELERY_BEAT_MAX_INTERVAL, not only when a
        # task is due) while the other waits for it.
        # A renewal sets the time left back to the whole timeout, so it is looked for from a
        # moment when the time left has run down below it.
        for _ in range(2):
            left: list[int] = []

            def run_down(left=left) -> bool:
                left.append(store.pttl(lock_key))
                return 0 < left[-1] < LOCK_TIMEOUT * 1000 - 300

            wait(run_down, 10, "the lock's time left to run down")
            wait(lambda left=left: store.pttl(lock_key) > left[-1], 10, "the holder to renew it")
        assert store.get(lock_key) == token
        assert acquired()[waiting] is False

        beats[holder].send_signal(signal.SIGKILL)
        beats[holder].wait()
        wait(lambda: acquired()[waiting], LOCK_TIMEOUT + 10, "the other beat to take over")
        assert store.get(lock_key) not in (None, token)
        assert beats[waiting].poll() is None
    finally:
        for beat in beats:
            if beat.poll() is None:
                beat.kill()
                beat.wait()
        for key in store.scan_iter(f"{prefix}*"):
            store.delete(key)
