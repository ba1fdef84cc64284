"""A person who chooses English gets English: the msgids are the English text, so the English
catalogue (``locale/en``) needs no translations of its own; what matters is that nothing of the
Swedish catalogue leaks into an English page, and that plural forms and texts with a context
read as English."""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import trans_real

from organisations.models import Role
from tests import factories
from workflows.funding.flows import FundingApplicationFlow
from workflows.models.base import task_url

pytestmark = pytest.mark.django_db


def _swedish_texts() -> set[str]:
    """The Swedish catalogue's sentences and labels of three words or more that differ from
    their English msgid, without placeholders."""
    catalogue = trans_real.translation("sv")._catalog
    return {
        msgstr
        for msgid, msgstr in catalogue.items()
        if isinstance(msgid, str)
        and isinstance(msgstr, str)
        and msgstr != msgid
        and msgstr.count(" ") >= 2
        and not re.search(r"[%{}<>]", msgstr)
    }


def _text(page: str) -> str:
    return re.sub(r"<(style|script)\b.*?</\1>|<[^>]+>", " ", page, flags=re.S)


def test_english_needs_no_translations_of_its_own():
    """Plural forms and texts with a context fall back to the English msgids."""
    one, many = "%(count)d row was refused.", "%(count)d rows were refused."
    with translation.override("en"):
        assert translation.ngettext(one, many, 1) == one
        assert translation.ngettext(one, many, 2) == many
        assert translation.pgettext("history column", "Change") == "Change"
        assert translation.gettext("My tasks") == "My tasks"
    with translation.override("sv"):  # the same messages are translated into Swedish
        assert translation.ngettext(one, many, 2) == "%(count)d rader avvisades."
        assert translation.pgettext("history column", "Change") == "Ändring"


@pytest.mark.parametrize("who", ["officer", "member"])
def test_a_person_who_chose_english_sees_no_swedish_of_the_catalogue(client, organisation, who):
    process = factories.funding_process(organisation)
    task = process.task_set.get(flow_task=FundingApplicationFlow.check_complete)
    person = factories.staff(Role.OFFICER) if who == "officer" else factories.member(organisation)
    person.language = "en"
    person.save(update_fields=["language"])
    client.force_login(person)
    pages = [
        reverse("home"),
        reverse("casework:case_list"),
        reverse("funding:overview"),
        process.coerced.case.get_absolute_url(),
        reverse("workflows:inbox"),
    ]
    if who == "officer":
        pages.append(task_url(task, "assign"))
    swedish = _swedish_texts()
    for url in pages:
        page = client.get(url).content.decode()
        assert 'lang="en"' in page, url
        text = _text(page)
        assert [sv for sv in swedish if sv in text] == [], url
    home = _text(client.get(reverse("home")).content.decode())
    assert "My tasks" in home and "Mina uppgifter" not in home


def test_the_english_catalogue_translates_nothing():
    """``locale/en`` (kept up by ``make messages``) is the msgids as they are: an English
    "translation" would make the English differ from the text the code and templates name."""
    catalogue = (settings.BASE_DIR / "locale" / "en" / "LC_MESSAGES" / "django.po").read_text()
    entries = catalogue.split("\n\n")[1:]  # the header's msgstr holds the catalogue's metadata
    translated = [
        entry
        for entry in entries
        if re.search(r'^msgstr(\[\d\])? "(?!")', entry, re.M) and not entry.startswith("#~")
    ]
    assert translated == []
