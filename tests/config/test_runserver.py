"""The development server (``make demo``) starts on every machine: its URLconf is complete
before the autoreloader's thread and the system checks' thread both go looking for it."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# In the reloader's child process (RUN_MAIN=true), record what is imported at the moment the
# reloader would start its threads, instead of starting them.
PROBE = """
import json, sys
import django
from django.utils import autoreload

def at_split(main_func, *args, **kwargs):
    print(json.dumps([name in sys.modules for name in sys.argv[1:]]))

autoreload.run_with_reloader = at_split
django.setup()
from django.core.management import call_command
call_command("runserver", "127.0.0.1:0", skip_checks=True)
"""


def test_the_urlconf_and_the_flows_are_loaded_before_the_reloader_starts_its_threads():
    modules = [
        "config.urls",
        "workflows.funding.flows",
        "workflows.iop.flows",
        "viewflow.workflow.nodes",
    ]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", "RUN_MAIN": "true"}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", PROBE, *modules],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    loaded = json.loads(result.stdout.strip().splitlines()[-1])
    assert dict(zip(modules, loaded, strict=True)) == dict.fromkeys(modules, True)
