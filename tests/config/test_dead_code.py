"""No dead code: vulture, with the settings of ``[tool.vulture]`` in pyproject.toml, finds no
function, class, method, property or module-level name that nothing uses.

``make test`` also runs ``vulture`` itself, which reports only what it is sure of (unused
arguments, unreachable code). This test looks further: it counts the names the templates use
as used, and leaves out the names a class body declares (model, form, admin and serializer
fields, ``Meta``), which Django reads by name and vulture cannot tell from dead ones."""

import ast
import keyword
import re
import tomllib
from functools import cache
from pathlib import Path

import vulture

ROOT = Path(__file__).resolve().parents[2]
NAME = re.compile(r"[A-Za-z_]\w*")


def _config() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["vulture"]


def _template_names() -> str:
    names = set()
    for path in (ROOT / "templates").rglob("*"):
        if path.is_file():
            names |= set(NAME.findall(path.read_text(errors="ignore")))
    return "\n".join(sorted(name for name in names if not keyword.iskeyword(name)))


@cache
def _declared_lines(filename: str) -> frozenset[int]:
    """The lines of the assignments made directly in class bodies of one module."""
    lines = set()
    for node in ast.walk(ast.parse(Path(filename).read_text())):
        if isinstance(node, ast.ClassDef):
            for statement in node.body:
                if isinstance(statement, ast.Assign | ast.AnnAssign):
                    lines.update(range(statement.lineno, statement.end_lineno + 1))
    return frozenset(lines)


def _is_declaration(item) -> bool:
    if item.typ not in ("variable", "attribute") or item.confidence == 100:
        return False
    # An attribute set on an object is a model field written (and shown by a template).
    return item.typ == "attribute" or item.first_lineno in _declared_lines(str(item.filename))


def test_nothing_in_our_packages_is_left_unused():
    config = _config()
    finder = vulture.Vulture(
        ignore_names=config["ignore_names"], ignore_decorators=config["ignore_decorators"]
    )
    finder.scavenge([str(ROOT / path) for path in config["paths"]], exclude=config["exclude"])
    finder.scan(_template_names(), filename="templates")
    unused = [
        item.get_report().replace(f"{ROOT}/", "")
        for item in finder.get_unused_code(min_confidence=60)
        if not _is_declaration(item)
    ]
    assert not unused, "Remove, or name in [tool.vulture] why it is used:\n" + "\n".join(unused)
