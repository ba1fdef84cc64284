"""The fuzzing oracle: what must hold for any POST, however hostile its values."""

import os
from collections import Counter, defaultdict
from collections.abc import Callable

from django import forms
from django.contrib.messages import constants
from django.db import transaction
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings

from tests.fuzz.strategies import MARKER, form_data

# Examples per form: sized so the whole fuzz suite stays near a minute and a half on SQLite.
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))

fuzz_settings = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)

# How many examples each form ran, and how many of them were saved (a redirect) or refused;
# printed at the end of the session (tests/fuzz/conftest.py).
RUNS: dict[str, int] = {}
OUTCOMES: dict[str, Counter] = defaultdict(Counter)


def _error_texts(response) -> list[str]:
    """The error messages of every bound form (and formset, and admin form) the page shows."""
    texts = []

    def collect(candidate):
        candidate = getattr(candidate, "form", candidate)  # the admin's AdminForm
        candidate = getattr(candidate, "formset", candidate)  # the admin's inline formsets
        if isinstance(candidate, forms.BaseFormSet) and candidate.is_bound:
            texts.extend(str(m) for m in candidate.non_form_errors())
            for form in candidate.forms:
                collect(form)
        elif isinstance(candidate, forms.BaseForm) and candidate.is_bound:
            texts.extend(str(m) for errors in candidate.errors.values() for m in errors)

    for context in response.context or []:
        for value in context.flatten().values():
            candidates = value if isinstance(value, list | tuple) else [value]
            for candidate in candidates:
                collect(candidate)
    return texts


def _error_messages(response) -> list[str]:
    return (
        [
            m.message
            for m in (response.context or {}).get("messages", [])
            if m.level == constants.ERROR
        ]
        if response.context
        else []
    )


def _body(response) -> bytes:
    """The whole body, read to its end also when it streams (a CSV download)."""
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def _shown(message: str, html: str) -> bool:
    return escape(message) in html or message in html


def multipart(fields: dict, files: dict[str, list[tuple[str, bytes]]]) -> tuple[bytes, str]:
    """A ``multipart/form-data`` body and its content type, encoded as a browser does it.

    Django's test client keeps only the last part of a file's name; a browser (or any other
    client) sends the name as it is, escaping only ``"``, CR and LF (the HTML standard's rule),
    so path parts and control characters reach the server."""
    boundary = "----fuzz-boundary-7MA4YWxkTrZu0gW"
    if not (fields or any(files.values())):
        return b"", f"multipart/form-data; boundary={boundary}"  # nothing to send, as a dict
    lines = []
    for key, values in fields.items():
        for value in values if isinstance(values, list | tuple) else [values]:
            lines += [
                f"--{boundary}".encode(),
                f'Content-Disposition: form-data; name="{key}"'.encode(),
                b"",
                str(value).encode("utf-8", "surrogatepass"),
            ]
    for key, uploads in files.items():
        for filename, content in uploads:
            quoted = filename.replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A")
            lines += [
                f"--{boundary}".encode(),
                f'Content-Disposition: form-data; name="{key}"; filename="{quoted}"'.encode(
                    "utf-8", "surrogatepass"
                ),
                b"Content-Type: application/octet-stream",
                b"",
                content,
            ]
    lines += [f"--{boundary}--".encode(), b""]
    return b"\r\n".join(lines), f"multipart/form-data; boundary={boundary}"


def post_and_check(
    client,
    url: str,
    data: dict | bytes,
    *,
    rows: Callable[[], object],
    name: str,
    noop_allowed: bool = False,
    method: str = "post",
    content_type: str | None = None,
):
    """POST ``data`` and check the oracle; everything it wrote is rolled back afterwards.

    ``data`` is a dict of fields, or a body already encoded as ``content_type`` (``multipart``).

    - never a server error, and the marker tag never reaches a page unescaped;
    - a page shown again names what is wrong, and nothing was written (``rows()`` unchanged);
    - a redirect either wrote something, or the page it leads to says what was wrong.
    """
    RUNS[name] = RUNS.get(name, 0) + 1
    with transaction.atomic():
        before = rows()
        extra = {"content_type": content_type} if content_type else {}
        response = getattr(client, method)(url, data, **extra)
        OUTCOMES[name][response.status_code] += 1
        assert response.status_code < 500, (response.status_code, data)
        html = _body(response).decode(errors="replace")
        assert MARKER not in html, "a hostile tag was rendered unescaped"
        if response.status_code in (301, 302, 303):
            page = client.get(response["Location"])
            assert page.status_code < 500
            assert MARKER not in page.content.decode(errors="replace")
            if rows() == before and not noop_allowed:
                errors = _error_messages(page)
                assert errors, f"nothing was saved and no message says why: {data!r}"
        elif method == "post":
            assert response.status_code in (200, 400, 403, 404, 409, 422), response.status_code
            # An empty body is no answer: views bind ``request.POST or None`` and show the form
            # afresh (no browser sends one from a form with a text or date field).
            if response.status_code in (200, 400, 422) and data:
                messages = _error_texts(response) + _error_messages(response)
                assert messages, f"the form was shown again without an error: {data!r}"
                assert any(_shown(m, html) for m in messages), (
                    f"no error message on the page: {messages!r}"
                )
            assert rows() == before, f"a refused form wrote something: {data!r}"
        transaction.set_rollback(True)
    return response


def fuzz_form(
    client,
    url: str,
    valid: dict,
    kinds: dict,
    *,
    rows: Callable[[], object],
    name: str,
    noop_allowed: bool = False,
) -> None:
    """Send ``url`` hostile variants of a valid form (``strategies.form_data``), each one
    checked by ``post_and_check``."""

    @fuzz_settings
    @given(data=form_data(valid, kinds))
    def fuzz(data):
        post_and_check(client, url, data, rows=rows, name=name, noop_allowed=noop_allowed)

    fuzz()
