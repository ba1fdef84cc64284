"""The steps of a generation run, in order (called by ``__main__`` once Django is set up)."""

import math
import random
from datetime import timedelta

from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone
from viewflow.workflow.models import Task

from casework import services as case_services
from casework.models import AuditEvent, Case
from documents import kinds
from documents.models import Document
from documents.services import document_request
from funding.models import FundingProgramme
from organisations.models import Board, Organisation, Role
from tests import factories

from . import checkpoint, clone, samples, world

FULL = {"organisations": 1000, "cases": 200_000, "tasks": 1_000_000, "officers": 50}
CASE_PAGE = {"events": 50, "documents": 10}
BATCH = 1000


def run(*, scale: float, seed: int, clock) -> dict:
    """Build the database, or go on from where an interrupted run left it (``checkpoint``)."""
    state = checkpoint.load()
    before = 0.0 if state is None else state.get("elapsed_s", 0.0)
    if state is None:
        call_command("migrate", verbosity=0)
        clock.mark("migrate")
        people = world.build(
            organisations=max(30, round(FULL["organisations"] * scale)),
            officers=max(5, round(FULL["officers"] * scale)),
        )
        clock.mark("register")
        programme = factories.FundingProgrammeFactory(
            board=Board.objects.get(code="frn"),
            name="Föreningsbidrag",
            slug="foreningsbidrag",
            closes_on=timezone.localdate() + timedelta(days=730),
        )
        # Officers and the delegate decide under the points of the board's delegation order.
        for officer in people["officers"]:
            factories.delegate(programme, Role.OFFICER, user=officer)
        factories.delegate(programme, Role.DELEGATE, user=people["delegate"])
        walked = samples.walk_all(people, programme)
        clock.mark("samples through the real pages")
        state = checkpoint.start(
            scale=scale, people=people, programme=programme, walked=walked, elapsed=clock.total
        )
    else:
        people, programme_pk, walked = checkpoint.restore(state)
        programme = FundingProgramme.objects.get(pk=programme_pk)
        print(f"  resuming: {sum(state['copies'].values())} copies made before", flush=True)
    copies = _copy_all(walked, people, scale, seed, state, lambda: before + clock.total)
    clock.mark("copies")
    case_page = _case_page(walked, people["officers"][0])
    clock.mark("the case page's case")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    clock.mark("vacuum analyze")
    return {
        "counts": {
            "organisations": Organisation.objects.count(),
            "cases": Case.objects.count(),
            "tasks": Task.objects.count(),
            "audit_events": AuditEvent.objects.count(),
        },
        "copies_per_stage": copies,
        # The time of the runs before this one, when it went on from an interrupted run.
        "seconds_before_resume": before,
        "tasks_per_stage": {s.stage: s.tasks for s in walked},
        "people": _people(people, walked, programme, case_page),
    }


def _case_page(walked, officer) -> str:
    """A case with 50 events and 10 documents, all made through the real services."""
    sample = next(s for s in walked if s.stage == "f_decide_board")
    case = sample.case
    template = Document.objects.filter(case=case).order_by("pk").first()
    while Document.objects.filter(case=case).count() < CASE_PAGE["documents"]:
        document_request(
            case=case,
            kind=template.kind,
            acting_user=officer,
            context=kinds.load_context(template.kind, template.context),
        )
    index = 0
    while case.events.count() < CASE_PAGE["events"]:
        index += 1
        case_services.comment_add(
            case=case,
            acting_user=officer if index % 2 else sample.member,
            body=f"Kommentar {index} om ärendet.",
            internal=bool(index % 3 == 0 and index % 2),
        )
    return case.case_number


def _shares(walked, cases: float, tasks: float) -> dict[str, float]:
    """Copies per stage: every stage present, weighted (exp(-k * tasks of the stage)) so that
    the totals come to ``cases`` cases and about ``tasks`` tasks."""

    def mean_at(k):
        weights = [math.exp(-k * s.tasks) for s in walked]
        return sum(w * s.tasks for w, s in zip(weights, walked, strict=True)) / sum(weights)

    low, high = -2.0, 2.0
    for _ in range(60):
        middle = (low + high) / 2
        low, high = (middle, high) if mean_at(middle) > tasks / cases else (low, middle)
    weights = {s.stage: math.exp(-low * s.tasks) for s in walked}
    total = sum(weights.values())
    return {stage: cases * weight / total for stage, weight in weights.items()}


def _copy_all(walked, people, scale, seed, state, elapsed) -> dict:
    """The copies each stage still needs, in batches; each batch commits with the case-number
    counters and the checkpoint, so an interrupted run goes on from its last batch. The dates
    of a batch come from its own seed (stage and position), whether or not the run resumed."""
    share = _shares(walked, FULL["cases"] * scale, FULL["tasks"] * scale)
    associations, officers = people["associations"], people["officers"]
    # Every sample's rows are read before any copy is written.
    cloners = [
        clone.Cloner(s.case, member=s.member, organisation=s.organisation, officers=officers[:2])
        for s in walked
    ]
    for sample, cloner in zip(walked, cloners, strict=True):
        wanted = max(round(share[sample.stage]) - 1, 0)
        max_age = 3650 if sample.finished else 120
        made = state["copies"].get(sample.stage, 0)
        while made < wanted:
            rng = random.Random(f"{seed}-{sample.stage}-{made}")  # noqa: S311 - spreads dates
            targets = []
            for _ in range(min(BATCH, wanted - made)):
                turn = state["turn"]
                organisation = associations[turn % len(associations)]
                targets.append(
                    clone.Target(
                        organisation.pk,
                        people["members"][organisation.pk].pk,
                        [
                            officers[turn % len(officers)].pk,
                            officers[(turn + 1) % len(officers)].pk,
                        ],
                        rng.randint(0, max_age),
                    )
                )
                state["turn"] += 1
            counters = {}
            with transaction.atomic():
                cloner.copy(targets, counters)
                clone.save_counters(counters)
                made += len(targets)
                state["copies"][sample.stage] = made
                state["elapsed_s"] = round(elapsed(), 1)
                checkpoint.save(state)
        print(
            f"    {sample.stage}: {made} copies of {cloner.rows_per_copy()} rows "
            f"({cloner.tasks_per_copy()} tasks)",
            flush=True,
        )
    return dict(state["copies"])


def _people(people, walked, programme, case_page) -> dict:
    """Who the benchmarks log in as, and what they look at (copies go round the associations,
    so every association has about as many cases and tasks as the first)."""
    first = people["associations"][0]
    return {
        "officer": people["officers"][0].username,
        "member": people["members"][first.pk].username,
        "members": [u.username for u in list(people["members"].values())[:200]],
        "case_page": case_page,
        "programme": programme.pk,
        "password": world.PASSWORD,
    }
