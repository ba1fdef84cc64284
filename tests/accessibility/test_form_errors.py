"""Form errors are summarised at the top, each linked to its field, and each field names its
error and help text through aria-describedby and says aria-invalid (WCAG 3.3.1, 1.3.1)."""

import re

import pytest
from django import forms
from django.template.loader import render_to_string
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


class _ChoiceForm(forms.Form):
    answer = forms.ChoiceField(
        label="Is it complete?",
        choices=[("yes", "Yes"), ("no", "No")],
        widget=forms.RadioSelect,
        help_text="Look at every attachment.",
    )
    note = forms.CharField(label="Note", help_text="A sentence or two.")


def _element(html: str, element_id: str) -> str:
    match = re.search(rf'<[^>]*\bid="{element_id}"[^>]*>', html)
    assert match, f"no element with id {element_id}"
    return match.group(0)


def _render(form) -> str:
    summary = render_to_string("includes/error_summary.html", {"form": form})
    fields = "".join(
        render_to_string("includes/form_field.html", {"form": form, "field": field})
        for field in form
    )
    return summary + fields


def test_a_field_with_an_error_names_it_and_its_help_in_aria_describedby():
    html = _render(_ChoiceForm(data={"answer": "yes"}))
    note = _element(html, "id_note")
    assert 'aria-invalid="true"' in note
    assert 'aria-describedby="id_note_helptext id_note_error"' in note
    assert "sp-field-error" in html.split('id="id_note_error"')[1].split("</div>")[0]
    assert 'href="#id_note"' in html


def test_a_group_of_choices_is_a_fieldset_described_by_its_error_and_linked_from_the_summary():
    html = _render(_ChoiceForm(data={"note": "Klart."}))
    fieldset = re.search(r"<fieldset[^>]*>", html).group(0)
    assert 'aria-describedby="id_answer_helptext id_answer_error"' in fieldset
    assert 'id="id_answer_error"' in html
    assert 'href="#id_answer_0"' in html
    assert 'id="id_answer_0"' in html


def test_a_valid_form_has_no_summary_and_no_invalid_field():
    html = _render(_ChoiceForm(data={"answer": "yes", "note": "Klart."}))
    assert "sp-error-summary" not in html
    assert "aria-invalid" not in html


def test_the_application_form_links_its_errors_to_the_fields(client, member, organisation):
    programme = factories.FundingProgrammeFactory(board=factories.BoardFactory(code="frn"))
    draft = factories.funding_draft(factories.eligible(organisation), programme, member)
    client.force_login(member)
    response = client.post(reverse("funding:application_project", args=[draft.pk]), {"title": ""})
    html = response.content.decode()
    assert response.status_code == 400
    assert 'href="#id_title"' in html
    title = _element(html, "id_title")
    assert 'aria-invalid="true"' in title and "id_title_error" in title
    assert 'id="id_title_error"' in html
