"""Case numbers stay unique and gap-free when many people register at the same moment."""

import threading

import pytest
from django.db import connection, connections
from django.utils import timezone

from casework import services
from casework.models import Case

THREADS = 16
CASES_PER_THREAD = 25


@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_give_unique_gap_free_numbers(requires_postgresql):
    barrier = threading.Barrier(THREADS)
    errors = []

    def register_many():
        try:
            barrier.wait()
            for _ in range(CASES_PER_THREAD):
                services.case_register(
                    kind=Case.Kind.IOP_INQUIRY,
                    series="SK",
                    title="Samtidig registrering",
                    acting_user=None,
                )
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register_many) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    numbers = sorted(Case.objects.filter(series="SK").values_list("number", flat=True))
    total = THREADS * CASES_PER_THREAD
    duplicates = len(numbers) - len(set(numbers))
    gaps = total - len(set(numbers)) if numbers and numbers[-1] == len(set(numbers)) else None
    print(
        f"\ncase-number concurrency on {connection.vendor}: {THREADS} threads, "
        f"{len(numbers)} cases, {duplicates} duplicates, "
        f"{(numbers[-1] - len(set(numbers))) if numbers else 0} gaps"
    )
    assert numbers == list(range(1, total + 1)), "numbers must run 1..N with no duplicate or gap"
    assert gaps == 0
    year = timezone.localdate().year
    assert Case.objects.get(number=total).case_number == f"SK-{year}-{total:05d}"
