"""The mark of a form that collects personal data.

A form that asks for personal data shows the short privacy notice
(``templates/includes/privacy_notice.html``, GDPR art. 13) on its page;
``tests/privacy/test_notices.py`` finds the forms whose fields look like personal data and
walks the pages of those marked here.
"""


class CollectsPersonalData:
    """Mixed into a form that collects personal data: its page shows the privacy notice."""

    collects_personal_data = True


class CollectsPersonalDataAdmin:
    """Mixed into a ModelAdmin whose pages collect personal data: its add and change pages
    show the privacy notice above the form."""

    change_form_template = "admin/privacy/change_form.html"
