import os

from django.core.management import call_command

from openness.models import PublicationSetting


def test_the_demo_publishes_the_development_and_holiday_grants_only(demo_data):
    call_command("load_demo", "--only", "openness", stdout=open(os.devnull, "w"))  # noqa: SIM115
    call_command("load_demo", "--only", "openness", stdout=open(os.devnull, "w"))  # noqa: SIM115

    published = PublicationSetting.objects.filter(publish_grants=True)
    assert sorted(published.values_list("programme__slug", flat=True)) == [
        "lovaktivitetsbidrag",
        "utvecklingsbidrag",
    ]
    assert PublicationSetting.objects.count() == 2
