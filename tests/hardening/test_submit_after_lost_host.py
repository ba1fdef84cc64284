"""A submission whose web host died after spending its one-time token is neither lost nor
doubled when the applicant sends it again (the cluster test, docs/deployment.md, kills a web
host with SIGKILL under load; the balancer's client sends the same form again).

A host killed mid-request leaves the token spent with no address to go to: ``once`` marks it
before acting and records the address only after. Whether the host's transaction committed
or not, the retry must end with exactly one case: the application's row and state decide.
"""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from casework.models import Case
from common import once
from tests import factories
from workflows.funding import services
from workflows.models import FundingProcess

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(organisation, programme, member):
    return factories.funding_draft(factories.eligible(organisation), programme, member)


def _sent_by_a_host_that_died(client, member, draft, *, committed: bool) -> str:
    """Spend the submit form's token as the killed host did, and submit the application
    first if its transaction committed before the host died."""
    client.force_login(member)
    page = client.get(reverse("funding:application_check", args=[draft.pk])).content.decode()
    (token,) = re.findall(r'name="form_token" value="([^"]+)"', page)
    cache.add(f"form-token:{member.pk}:{token}", "", once.REMEMBER_SECONDS)
    if committed:
        services.application_submit(application=draft, acting_user=member)
    return token


@pytest.mark.parametrize("committed", [False, True])
def test_the_retry_after_a_lost_answer_leaves_one_case(client, member, draft, committed):
    token = _sent_by_a_host_that_died(client, member, draft, committed=committed)
    url = reverse("funding:application_submit", args=[draft.pk])

    retry = client.post(url, {"form_token": token})
    again = client.post(url, {"form_token": token})

    assert retry.status_code == again.status_code == 302
    assert retry["Location"] == reverse("funding:application_detail", args=[draft.pk])
    draft.refresh_from_db()
    assert draft.case is not None and Case.objects.count() == 1
    assert FundingProcess.objects.filter(artifact_object_id=draft.pk).count() == 1
