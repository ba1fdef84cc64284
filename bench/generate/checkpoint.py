"""Where a generation run has got to, kept in the database it builds, so that an interrupted
run (``--scale 3`` takes the better part of an hour) goes on from its last committed batch.

One row in ``bench_generate_checkpoint``: the people and samples the copies are made from (by
id) and the copies made so far per stage. Each batch of copies updates it in the batch's own
transaction, with the case-number counters, so that the database and the checkpoint never
disagree: a batch is either wholly in both or in neither.
"""

import json

from django.db import connection

from casework.models import Case
from organisations.models import Organisation, User

from .samples import Sample

TABLE = "bench_generate_checkpoint"


def load() -> dict | None:
    """The checkpoint of an earlier run on this database, or None."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s)", [TABLE])
        if cursor.fetchone()[0] is None:
            return None
        cursor.execute(f"SELECT state FROM {TABLE}")  # noqa: S608 - a constant
        found = cursor.fetchone()
    return None if found is None else _decoded(found[0])


def _decoded(state) -> dict:
    return json.loads(state) if isinstance(state, str) else state


def start(*, scale: float, people: dict, programme, walked: list[Sample], elapsed: float) -> dict:
    """The checkpoint once the register and the samples are made (nothing copied yet)."""
    state = {
        "scale": scale,
        "programme": programme.pk,
        "officers": [o.pk for o in people["officers"]],
        "delegate": people["delegate"].pk,
        "associations": [a.pk for a in people["associations"]],
        "members": [[org, user.pk] for org, user in people["members"].items()],
        "samples": [
            {
                "stage": s.stage,
                "flow": s.flow,
                "case": s.case.pk,
                "member": s.member.pk,
                "organisation": s.organisation.pk,
                "finished": s.finished,
                "tasks": s.tasks,
            }
            for s in walked
        ],
        "copies": {},
        "turn": 0,
        "elapsed_s": elapsed,
    }
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} (state jsonb NOT NULL)")
        cursor.execute(f"DELETE FROM {TABLE}")  # noqa: S608 - a constant
        cursor.execute(f"INSERT INTO {TABLE} (state) VALUES (%s)", [json.dumps(state)])  # noqa: S608
    return state


def save(state: dict) -> None:
    """Record the copies made so far (call inside the batch's transaction)."""
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET state = %s", [json.dumps(state)])  # noqa: S608


def restore(state: dict) -> tuple[dict, int, list[Sample]]:
    """The people, the programme's id and the samples, read back from the checkpoint."""
    organisations = Organisation.objects.in_bulk(state["associations"])
    users = User.objects.in_bulk(
        [*state["officers"], state["delegate"], *(user for _org, user in state["members"])]
        + [s["member"] for s in state["samples"]]
    )
    cases = Case.objects.in_bulk([s["case"] for s in state["samples"]])
    samples_by_org = Organisation.objects.in_bulk([s["organisation"] for s in state["samples"]])
    people = {
        "officers": [users[pk] for pk in state["officers"]],
        "delegate": users[state["delegate"]],
        "associations": [organisations[pk] for pk in state["associations"]],
        "members": {org: users[user] for org, user in state["members"]},
    }
    walked = [
        Sample(
            stage=s["stage"],
            flow=s["flow"],
            case=cases[s["case"]],
            member=users[s["member"]],
            organisation=samples_by_org[s["organisation"]],
            finished=s["finished"],
            tasks=s["tasks"],
        )
        for s in state["samples"]
    ]
    return people, state["programme"], walked
