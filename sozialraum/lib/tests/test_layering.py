"""The apps depend on each other in one direction only, and no module of an app imports
itself back through others. Read from the source with ``ast`` (every import statement,
including those inside functions), so a lazy import cannot hide an upward edge."""

from __future__ import annotations

import ast
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

#: The layers from the bottom: an app may import only apps on a lower layer.
LAYERS: tuple[frozenset[str], ...] = (
    frozenset({"lib"}),
    frozenset({"districts"}),
    frozenset({"addresses"}),
    frozenset({"accounts"}),
    frozenset({"directory"}),
    frozenset({"audit"}),
    frozenset({"casework"}),
    frozenset({"networkmap"}),
    frozenset({"plan"}),
    frozenset({"neighbourhood", "civic", "teamwork", "earlywarning", "barriers"}),
    frozenset({"planning"}),
    frozenset({"demo"}),
)
RANK = {app: rank for rank, layer in enumerate(LAYERS) for app in layer}

KNOWN_CYCLES: list[set[str]] = []


def _modules() -> Iterator[tuple[str, Path]]:
    for path in sorted((ROOT / "sozialraum").rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        yield ".".join(parts), path


def _is_package(path: Path) -> bool:
    return path.name == "__init__.py"


def _statements(path: Path, *, module_level: bool) -> Iterator[ast.Import | ast.ImportFrom]:
    """The import statements of a module; with ``module_level`` only those run when the
    module loads (not inside functions or ``if TYPE_CHECKING:``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body if module_level else ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node


def _targets(name: str, path: Path, node: ast.Import | ast.ImportFrom) -> list[str]:
    """The absolute names a statement imports: the module, and for ``from x import y``
    also ``x.y`` (which is a module when ``y`` is one)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        package = name if _is_package(path) else name.rpartition(".")[0]
        anchor = package.rsplit(".", node.level - 1)[0]
        base = f"{anchor}.{base}" if base else anchor
    return [base, *(f"{base}.{alias.name}" for alias in node.names)]


def _app(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] == "config":
        return "config"
    if parts[0] == "sozialraum" and len(parts) > 1 and parts[1] in RANK:
        return parts[1]
    return None


def _edges() -> Iterator[tuple[str, str, str]]:
    """(importing app, imported app, importing module), once per import statement."""
    for name, path in _modules():
        source = _app(name)
        if source is None:
            continue
        for node in _statements(path, module_level=False):
            targets = {_app(target) for target in _targets(name, path, node)}
            for target in sorted(str(target) for target in targets - {None, source}):
                yield source, target, name


def app_edges() -> Counter[tuple[str, str]]:
    """(importing app, imported app) with the number of import statements."""
    return Counter((source, target) for source, target, _module in _edges())


def _is_test(module: str) -> bool:
    return ".tests." in f"{module}."


def _upward(source: str, target: str) -> bool:
    return target == "config" or RANK[target] >= RANK[source]


def test_every_app_imports_only_apps_below_it() -> None:
    """Production code only: a test may build rows of any app (a walk of every page signs
    in users and fills persons, offers and maps), which is no dependency of the app."""
    upward = {
        (source, target)
        for source, target, module in _edges()
        if _upward(source, target) and not _is_test(module)
    }
    assert upward == set()


def test_lib_imports_no_app_and_not_config() -> None:
    from_code = {
        target for source, target, module in _edges() if source == "lib" and not _is_test(module)
    }
    assert from_code == set()


def _reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen: set[str] = set()
    todo = list(graph.get(start, ()))
    while todo:
        node = todo.pop()
        if node not in seen:
            seen.add(node)
            todo.extend(graph.get(node, ()))
    return seen


def _cycles(graph: dict[str, set[str]]) -> list[set[str]]:
    """The groups of modules that import each other (directly or through others)."""
    reach = {node: _reachable(graph, node) for node in graph}
    groups = {
        frozenset({node} | {other for other in reach[node] if node in reach[other]})
        for node in graph
        if node in reach[node]
    }
    return sorted((set(group) for group in groups), key=sorted)


def module_graph() -> dict[str, set[str]]:
    """Module-level imports between the modules of one app."""
    modules = dict(_modules())
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        app = _app(name)
        targets = set()
        for node in _statements(path, module_level=True):
            for target in _targets(name, path, node):
                if target in modules and target != name and _app(target) == app:
                    targets.add(target)
        graph[name] = targets
    return graph


def test_no_module_of_an_app_imports_itself_back_at_load_time() -> None:
    cycles = _cycles(module_graph())
    assert [cycle for cycle in cycles if cycle not in KNOWN_CYCLES] == []
