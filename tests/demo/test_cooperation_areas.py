import os

from django.core.management import call_command

from casework.models import ChallengeArea
from cooperation.models import HostPair, Listing, Match


def test_the_five_areas_have_host_pairs_needs_offers_and_a_confirmed_match(db):
    for _ in range(2):
        with open(os.devnull, "w") as devnull:
            parts = ["register", "accounts", "cooperation_areas"]
            call_command("load_demo", "--only", *parts, stdout=devnull)

    assert HostPair.objects.count() == ChallengeArea.objects.count() == 5
    assert set(Listing.objects.values_list("side", flat=True)) == {"need", "offer"}
    assert Listing.objects.filter(is_published=False).exists()
    match = Match.objects.get()
    assert match.is_confirmed and match.initiative.organisation.name == "Rädda Barnen"
    # Hosts are demo accounts named by their role, never a private person.
    hosts = HostPair.objects.get(area__slug="ungas-halsa").hosts.get().user
    assert hosts.first_name == "Föreningsrepresentant"
