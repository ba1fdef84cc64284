"""A comment the organisation does not see in the portal is called what it is: a working note
(arbetsanteckning) that can become a public record and that the party may see (förvaltningslagen
10 § partsinsyn). No label calls it internal, secret or for staff only; the stored value and
the permission's codename stay as they were."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import translation

from casework import services
from casework.forms import CommentForm
from casework.models import Comment
from tests import factories

pytestmark = pytest.mark.django_db

SUGGESTS_SECRET = re.compile(r"\bintern|hemlig|secret|internal|only staff|endast stadens", re.I)


def _visible_text(html: str) -> str:
    """The page's text and attribute-free markup: class names (sp-comment--internal) and
    field names (internal) are the code's, not words the reader sees."""
    html = re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.DOTALL)
    return re.sub(r"<[^>]+>", " ", html)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_officer_writes_a_working_note_told_that_the_party_may_see_it(
    client, organisation, language
):
    officer = factories.staff()
    case = factories.CaseFactory(organisation=organisation)
    services.comment_add(case=case, acting_user=officer, body="Ring föreningen.", internal=True)
    client.cookies["django_language"] = language
    client.force_login(officer)
    text = _visible_text(client.get(case.get_absolute_url()).content.decode())
    if language == "sv":
        assert "Arbetsanteckning: visas inte för organisationen i portalen" in text
        assert "kan bli en allmän handling" in text and "10 § förvaltningslagen" in text
        assert "Arbetsanteckning" in text.split("Ring föreningen.")[0]  # the note's tag
    else:
        assert "Working note: not shown to the organisation in the portal" in text
        assert "can become a public record" in text
    assert not SUGGESTS_SECRET.search(text), SUGGESTS_SECRET.search(text)


def test_the_labels_of_a_working_note_say_what_it_is_in_swedish():
    with translation.override("sv"):
        form = CommentForm(may_comment_internally=True)
        labels = [
            str(form.fields["internal"].label),
            str(form.fields["internal"].help_text),
            str(Comment.Visibility.INTERNAL.label),
            str(Permission.objects.get(codename="comment_internally").name),
        ]
    assert labels[0].startswith("Arbetsanteckning") and labels[2].startswith("Arbetsanteckning")
    assert "allmän handling" in labels[1] and "ta del av ärendets material" in labels[1]
    assert not any(SUGGESTS_SECRET.search(label) for label in labels), labels


def test_the_stored_value_of_a_working_note_is_unchanged():
    assert Comment.Visibility.INTERNAL.value == "internal"
    assert Permission.objects.filter(codename="comment_internally").exists()


@pytest.mark.django_db(transaction=True)
def test_the_permission_row_is_renamed_and_named_back_by_the_migration():
    before = [("casework", "0006_statutory_clock_registration_series_and_demand_rejection")]
    after = [("casework", "0007_comment_working_note_wording")]
    executor = MigrationExecutor(connection)
    try:
        executor.migrate(before)
        Permission.objects.filter(codename="comment_internally").update(
            name="Can write and read internal comments"
        )
        executor = MigrationExecutor(connection)
        executor.migrate(after)
        assert (
            Permission.objects.get(codename="comment_internally").name
            == "Can write and read working notes on cases"
        )
        executor = MigrationExecutor(connection)
        executor.migrate(before)
        assert (
            Permission.objects.get(codename="comment_internally").name
            == "Can write and read internal comments"
        )
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
