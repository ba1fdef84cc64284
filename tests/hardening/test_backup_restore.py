"""The backup and restore drill runs end to end (scripts/backup_restore_drill.sh)."""

import os
import subprocess
from pathlib import Path

import psycopg
import pytest
from django.db import connection
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from documents.models import Document
from tests import factories

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _url(name: str) -> str:
    s = connection.settings_dict
    return f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST']}:{s['PORT'] or 5432}/{name}"


@pytest.fixture
def store(settings, tmp_path):
    location = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**settings.STORAGES["default"], "OPTIONS": {"location": location}},
    }
    return location


def test_a_backup_restores_with_intact_documents_and_a_case_that_goes_on(
    requires_postgresql, django_capture_on_commit_callbacks, store, tmp_path, organisation
):
    with django_capture_on_commit_callbacks(execute=True):
        process = factories.funding_process(organisation)
    factories.staff()  # an officer to take the case on the restored copy
    assert Document.objects.exclude(file="").exists(), "the receipt PDF is the drill's document"
    source_db = connection.settings_dict["NAME"]
    env = {
        **os.environ,
        "DATABASE_URL": _url(source_db),
        "PRIVATE_MEDIA_ROOT": str(store),
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DEMO_MODE": "false",
        "PYTHON": str(ROOT / ".venv" / "bin" / "python"),
    }
    try:
        result = subprocess.run(
            [str(ROOT / "scripts" / "backup_restore_drill.sh"), str(tmp_path / "backup")],
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        assert "documents verified, all intact" in result.stdout
        assert "completeness check done on the copy" in result.stdout
        # The copy went on; the source was only read.
        task = Task.objects.get(process=process, flow_task_type="HUMAN")
        assert task.status == STATUS.NEW
        with psycopg.connect(_url(f"{source_db}_drill")) as drill:
            status = drill.execute(
                "SELECT status FROM viewflow_task WHERE id = %s", [task.pk]
            ).fetchone()[0]
        assert status == STATUS.DONE
    finally:
        with psycopg.connect(_url("postgres"), autocommit=True) as server:
            server.execute(f'DROP DATABASE IF EXISTS "{source_db}_drill"')
