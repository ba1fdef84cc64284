"""No two of our modules import each other, however indirectly: a cycle is what makes an import
work or fail by the order modules happen to load in. Function-local imports count too, since
they are a cycle put off until the function runs.

A cycle that must stay is named by the one import that closes it, in ``STAYING`` with its
reason, and in docs/architecture.md ("Cycles that stay, and why"). Imports stand at the top of
a module; one inside a function says on the line above it why it cannot."""

import ast
import tomllib
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[2]

# (importer, imported): the import that closes the cycle, and why it stays.
STAYING = {
    ("workflows.funding.services", "workflows.funding.flows"): "a flow names its task pages, "
    "the pages call the flow's services, and starting a case needs the flow class",
    ("workflows.iop.services", "workflows.iop.flows"): "a flow names its task pages, "
    "the pages call the flow's services, and starting a case needs the flow class",
}


def _packages() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    return config["tool"]["importlinter"]["root_packages"]


def _graph() -> grimp.ImportGraph:
    return grimp.build_graph(*_packages(), include_external_packages=False, cache_dir=None)


def _cycles(imports: dict[str, set[str]]) -> list[list[str]]:
    """The groups of modules that reach each other (Tarjan's strongly connected components)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups = []
    for start in sorted(imports):
        if start in index:
            continue
        work = [(start, iter(sorted(imports[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            module, pending = work[-1]
            for imported in pending:
                if imported not in index:
                    index[imported] = low[imported] = len(index)
                    stack.append(imported)
                    on_stack.add(imported)
                    work.append((imported, iter(sorted(imports[imported]))))
                    break
                if imported in on_stack:
                    low[module] = min(low[module], index[imported])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[module])
                if low[module] == index[module]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == module:
                            break
                    if len(group) > 1:
                        groups.append(sorted(group))
    return groups


def _describe(group: list[str], imports: dict[str, set[str]]) -> str:
    members = set(group)
    edges = [f"{a} -> {b}" for a in group for b in sorted(imports[a] & members)]
    return "; ".join(edges)


def test_no_import_cycle_between_our_modules():
    graph = _graph()
    imports = {
        module: set(graph.find_modules_directly_imported_by(module)) for module in graph.modules
    }
    for importer, imported in STAYING:
        imports[importer].discard(imported)
    cycles = [_describe(group, imports) for group in _cycles(imports)]
    assert not cycles, "Import cycles (break them, or see STAYING):\n" + "\n".join(cycles)


def test_every_cycle_that_stays_still_exists_and_is_documented():
    graph = _graph()
    architecture = (ROOT / "docs" / "architecture.md").read_text()
    documented = architecture.partition("Cycles that stay, and why")[2]
    for (importer, imported), reason in STAYING.items():
        assert reason, f"{importer} -> {imported} has no reason"
        assert graph.direct_import_exists(importer=importer, imported=imported), (
            f"{importer} no longer imports {imported}: remove it from STAYING and the docs"
        )
        assert graph.find_shortest_chain(importer=imported, imported=importer), (
            f"{importer} -> {imported} closes no cycle any more: remove it from STAYING"
        )
        assert f"`{importer}` → `{imported}`" in documented, (
            f"docs/architecture.md does not list {importer} → {imported} under "
            "'Cycles that stay, and why'"
        )


def _local_imports():
    """(file, imported module, whether the line above is a comment) of each function-local
    import in our packages."""
    for package in _packages():
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            lines = path.read_text().splitlines()
            tree = ast.parse("\n".join(lines))
            for function in ast.walk(tree):
                if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                    continue
                for node in ast.walk(function):
                    if isinstance(node, ast.Import | ast.ImportFrom):
                        module = (
                            "." * node.level + (node.module or "")
                            if isinstance(node, ast.ImportFrom)
                            else node.names[0].name
                        )
                        said = lines[node.lineno - 2].strip().startswith("#")
                        yield str(path.relative_to(ROOT)), module, said


def test_a_function_local_import_says_why():
    unsaid = sorted((path, module) for path, module, said in _local_imports() if not said)
    assert not unsaid, "Move these imports to the top, or say above each why not: " + "; ".join(
        f"{path}: {module}" for path, module in unsaid
    )


def test_the_cycle_finder_finds_a_cycle():
    imports = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(imports) == [["a", "b", "c"]]
