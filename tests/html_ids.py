"""The ids and label targets of an HTML page, to check that no two elements share an id and
that every label points at a field that exists."""

from collections import Counter
from html.parser import HTMLParser


class Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.label_targets = Counter(), []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids[attributes["id"]] += 1
        if tag == "label" and attributes.get("for"):
            self.label_targets.append(attributes["for"])


def ids_of(html: str) -> Ids:
    page = Ids()
    page.feed(html)
    return page
