"""The case page is one valid document for assistive technology: no two elements share an id,
and every label points at a field that exists."""

from collections import Counter
from html.parser import HTMLParser

import pytest
from django.core.cache import caches

from tests import factories

pytestmark = pytest.mark.django_db


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.label_targets = Counter(), []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids[attributes["id"]] += 1
        if tag == "label" and attributes.get("for"):
            self.label_targets.append(attributes["for"])


def test_an_officers_case_page_with_its_clock_forms_has_unique_ids(client, organisation):
    caches["shell"].clear()
    officer = factories.staff()
    case = factories.CaseFactory(organisation=organisation)
    client.force_login(officer)

    response = client.get(case.get_absolute_url())

    page = _Ids()
    page.feed(response.content.decode())
    assert "id_pause_reason" in page.ids and "id_delay_reason" in page.ids  # the clock's forms
    assert [id_ for id_, count in page.ids.items() if count > 1] == []
    assert [target for target in page.label_targets if target not in page.ids] == []
