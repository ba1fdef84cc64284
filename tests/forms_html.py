"""The forms of an HTML page as a browser would send them unchanged: each field's name and
current value (checked boxes and radios, selected options, textareas' text, hidden fields)."""

from html.parser import HTMLParser


class _Forms(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._form = self._select = self._textarea = None
        self._option = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self._form = {
                "action": attributes.get("action") or "",
                "method": (attributes.get("method") or "get").lower(),
                "fields": [],
                "multipart": attributes.get("enctype") == "multipart/form-data",
            }
            self.forms.append(self._form)
        elif self._form is None or "disabled" in attributes:
            return
        elif tag == "input":
            self._input(attributes)
        elif tag == "select":
            self._select = {"name": attributes.get("name"), "selected": [], "first": None}
        elif tag == "option" and self._select is not None:
            value = attributes.get("value", "")
            self._select["first"] = self._select["first"] or (value,)
            if "selected" in attributes:
                self._select["selected"].append(value)
        elif tag == "textarea":
            self._textarea = {"name": attributes.get("name"), "text": ""}

    def _input(self, attributes):
        kind = attributes.get("type", "text")
        name = attributes.get("name")
        if not name or kind in ("submit", "button", "reset", "file", "image"):
            return
        if kind in ("checkbox", "radio") and "checked" not in attributes:
            return
        self._form["fields"].append(
            (name, attributes.get("value", "on" if kind in ("checkbox", "radio") else ""))
        )

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea["text"] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select is not None:
            chosen = self._select["selected"] or list(self._select["first"] or ())
            self._form["fields"] += [(self._select["name"], value) for value in chosen]
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            text = self._textarea["text"].removeprefix("\n")
            self._form["fields"].append((self._textarea["name"], text))
            self._textarea = None


def post_forms(html: str, path: str) -> list[dict]:
    """The page's forms that post back to ``path`` (their action empty or ``path``)."""
    parser = _Forms()
    parser.feed(html)
    return [
        form for form in parser.forms if form["method"] == "post" and form["action"] in ("", path)
    ]


def as_data(form: dict) -> dict[str, list[str]]:
    data: dict[str, list[str]] = {}
    for name, value in form["fields"]:
        data.setdefault(name, []).append(value)
    return data
