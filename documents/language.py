"""The language of documents that leave the municipality: Swedish, whatever language the
person who produces them uses (språklagen 10 §).

A document's texts come from two places: its template, rendered under this language
(``kinds.render_html``), and its context, which a domain app builds from labels, choices and
headings that gettext translates. A function that builds a context is decorated with
``in_document_language``, so that what is stored and later rendered is Swedish too; dates and
numbers are then formatted the Swedish way as well."""

import functools

from django.utils import translation

DOCUMENT_LANGUAGE = "sv"


def in_document_language(build):
    """Run ``build`` (a function that builds or asks for a document) in the document language."""

    @functools.wraps(build)
    def built_in_swedish(*args, **kwargs):
        with translation.override(DOCUMENT_LANGUAGE):
            return build(*args, **kwargs)

    return built_in_swedish
