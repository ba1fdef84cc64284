"""A form's one-time token is handled by one routine, ``common.once.act``: no view spends,
forgets or remembers a token by hand, where the copies would drift apart again."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# What the apps may use of common.once: the field, the routine, and the answer to a repeat.
ALLOWED = {"OneTimeTokenField", "FIELD_NAME", "act", "repeat", "went_to"}
USE = re.compile(r"\bonce\.(\w+)|from common\.once import ([\w, ]+)")


def _our_modules():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    for package in config["tool"]["importlinter"]["root_packages"]:
        for path in sorted((ROOT / package).rglob("*.py")):
            if path != ROOT / "common" / "once.py":
                yield path


def test_no_view_hand_writes_the_one_time_token_routine():
    found = []
    for path in _our_modules():
        source = path.read_text()
        used = set()
        for attribute, imported in USE.findall(source):
            used |= {attribute} if attribute else {n.strip() for n in imported.split(",")}
        if used - ALLOWED or "cache.add(" in source:
            found.append(f"{path.relative_to(ROOT)}: {sorted(used - ALLOWED) or 'cache.add('}")
    assert not found, "Use common.once.act instead: " + "; ".join(found)
