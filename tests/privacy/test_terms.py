"""The Swedish the portal writes is the Swedish of a municipality (docs/language.md): one word
for report-back (återrapportering), förvaltning for a city administration, a decision's outcome
as a sentence, and a plural form wherever a number counts something."""

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext, ngettext, pgettext

from funding.models.handling import Outcome

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "sv" / "LC_MESSAGES" / "django.po"
TEMPLATES = Path(settings.BASE_DIR) / "templates"

# A placeholder that counts something: its message needs a plural form.
COUNTING = re.compile(r"%\((count|n|months|days|median|longest|notice|cases|left_out)\)[sd]")
# Messages with such a placeholder that need none, with why.
NO_PLURAL = {
    "Page %(number)s of %(count)s": "'Sida 2 av 1' cannot happen; 'av %(count)s' reads right",
    "The programme requires at least %(min)d members; the organisation's register entry shows "
    "%(count)d.": (
        "a programme asks for several members; 'medlemmar' is right for any minimum above one"
    ),
}


def _entries() -> list[dict]:
    """The catalogue's entries: msgctxt, msgid, msgid_plural, msgstr (the forms joined)."""
    entries = []
    for block in CATALOGUE.read_text(encoding="utf-8").split("\n\n"):
        entry, key = {}, None
        for line in block.splitlines():
            if line.startswith("#"):
                continue
            if match := re.match(r"^(msgctxt|msgid_plural|msgid|msgstr(\[\d\])?) (\".*\")$", line):
                key = match.group(1).split("[")[0]
                entry[key] = entry.get(key, "") + ast.literal_eval(match.group(3))
            elif line.startswith('"') and key:
                entry[key] += ast.literal_eval(line)
        if entry.get("msgid"):
            entries.append(entry)
    return entries


def test_report_back_is_aterrapportering_throughout_the_swedish_catalogue():
    wrong = [
        (e["msgid"], e["msgstr"])
        for e in _entries()
        if "report-back" in e["msgid"].lower() or "report back" in e["msgid"].lower()
        if "återrapport" not in e["msgstr"].lower() or "redovis" in e["msgstr"].lower()
    ]
    assert not wrong, wrong


def test_report_back_is_aterrapportering_in_the_document_templates():
    for path in (TEMPLATES / "documents").rglob("*.html"):
        assert "Redovisning" not in path.read_text(encoding="utf-8"), path


def test_a_city_administration_is_a_forvaltning_in_swedish():
    for entry in _entries():
        swedish = entry["msgstr"].lower()
        if entry.get("msgctxt") == "city administration" or "city administration" in (
            entry["msgid"].lower()
        ):
            assert "förvaltning" in swedish, entry
        assert "administration" not in swedish or "systemadministration" in swedish, entry


def test_the_mapping_table_names_the_forvaltning_and_the_menu_the_system_administration():
    mapping = (TEMPLATES / "followup" / "mapping.html").read_text(encoding="utf-8")
    assert '{% trans "Administration" context "city administration" %}' in mapping
    with translation.override("sv"):
        assert pgettext("city administration", "Administration") == "Förvaltning"
        assert gettext("Administration") == "Systemadministration"


def test_a_decision_is_a_sentence_in_swedish():
    with translation.override("sv"):
        labels = [str(label) for label in Outcome.labels]
    assert labels == ["Ansökan beviljas", "Ansökan beviljas delvis", "Ansökan avslås"]


def test_every_message_that_counts_has_a_plural_form():
    missing = [
        e["msgid"]
        for e in _entries()
        if COUNTING.search(e["msgid"]) and "msgid_plural" not in e
        if e["msgid"] not in NO_PLURAL
    ]
    assert not missing, missing


def test_a_count_next_to_its_noun_in_a_template_is_translated_with_its_plural():
    # "<span class="sp-figure">{{ n }}</span> {% trans "cases" %}" reads "1 ärenden".
    bare = re.compile(r"\{\{ [\w.]+ \}\}(</span>)? \{% trans \"[^\"]+s\" %\}")
    found = [
        f"{path.relative_to(TEMPLATES)}: {match.group(0)}"
        for path in TEMPLATES.rglob("*.html")
        for match in bare.finditer(path.read_text(encoding="utf-8"))
    ]
    assert not found, found


def test_the_swedish_document_templates_write_counts_with_their_plural():
    counted = re.compile(r"\}\} (ärenden|dagar|månader|ansökningar)\b")
    for path in (TEMPLATES / "documents").rglob("*.html"):
        assert not counted.search(path.read_text(encoding="utf-8")), path


@pytest.mark.parametrize(
    ("count", "swedish"),
    [(1, "1 beslut har markerats som anmält."), (2, "2 beslut har markerats som anmälda.")],
)
def test_one_and_two_read_right(count, swedish):
    with translation.override("sv"):
        message = ngettext(
            "%(count)d decision is marked as reported.",
            "%(count)d decisions are marked as reported.",
            count,
        )
    assert message % {"count": count} == swedish


def test_one_month_of_notice_is_singular():
    with translation.override("sv"):
        one = ngettext("%(months)s month's notice", "%(months)s months' notice", 1)
        six = ngettext("%(months)s month's notice", "%(months)s months' notice", 6)
    assert (one % {"months": 1}, six % {"months": 6}) == (
        "1 månads uppsägningstid",
        "6 månaders uppsägningstid",
    )


def test_co_creation_is_medskapande_the_cooperation_plans_word():
    entries = [e for e in _entries() if "co-creat" in e["msgid"].lower()]
    assert entries
    for entry in entries:
        assert "medskap" in entry["msgstr"].lower(), entry
    wrong = [e["msgid"] for e in _entries() if "samskap" in e["msgstr"].lower()]
    assert not wrong, wrong
    for path in TEMPLATES.rglob("*.html"):
        assert "samskap" not in path.read_text(encoding="utf-8").lower(), path
    with translation.override("sv"):
        assert gettext("Co-creation of the agreement") == "Medskapande av avtalet"


def test_screening_a_proposal_is_an_initial_assessment_not_a_provning():
    # "Prövning" is what a court or a board does to a matter; screening a proposal against the
    # IOP criteria is the officer's inledande bedömning. Laglighetsprövning stays what it is.
    entries = [e for e in _entries() if re.search(r"\bscreen", e["msgid"], re.IGNORECASE)]
    assert entries
    for entry in entries:
        assert "bedöm" in entry["msgstr"].lower(), entry
        assert "pröv" not in entry["msgstr"].lower(), entry
    with translation.override("sv"):
        assert gettext("Screen against the IOP criteria") == "Bedöm mot IOP-kriterierna"
        assert gettext("Registered, awaiting screening") == (
            "Registrerat, väntar på inledande bedömning"
        )
