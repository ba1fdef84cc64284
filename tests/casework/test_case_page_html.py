"""The case page is one valid document for assistive technology: no two elements share an id,
and every label points at a field that exists."""

import pytest
from django.core.cache import caches

from tests import factories
from tests.html_ids import ids_of

pytestmark = pytest.mark.django_db


def test_an_officers_case_page_with_its_clock_forms_has_unique_ids(client, organisation):
    caches["shell"].clear()
    officer = factories.staff()
    case = factories.CaseFactory(organisation=organisation)
    client.force_login(officer)

    response = client.get(case.get_absolute_url())

    page = ids_of(response.content.decode())
    assert "id_pause_reason" in page.ids and "id_delay_reason" in page.ids  # the clock's forms
    assert [id_ for id_, count in page.ids.items() if count > 1] == []
    assert [target for target in page.label_targets if target not in page.ids] == []
