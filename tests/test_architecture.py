"""The layout of src/govgraph: imports go one way, with no cycles, and modules stay small.

The house, bottom to top (README "Layout", CONTRIBUTING "The layers"):

    base (errors, limits, files, YAML, the rule registry, hints, slots)
    → model → loading → graph → checks → diff → export → interchange and importers
    → govgraph (the package: the layers up to diff, the others on first use) → the tools (cli, testing, strategies, the pytest plugin)

A module may import a module of its own layer or of a layer below, never of a layer
above, and this holds for every import: at the top of a module or inside a function.
Methods that belong to a layer above (``Structure.routes_up``, ``Structure.dump``,
``Report.to_frame``, ...) are shortcuts through slots that the upper layer fills when
imported (:mod:`govgraph._slots`, :mod:`govgraph.model.shortcuts`).

Imports under ``if TYPE_CHECKING:`` never run: they may name a layer above, for
annotations only (``govgraph.recommendations`` names ``checks.Report`` so), and
are left out of the cycle check.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = SRC / "govgraph"

#: Bottom first. A module belongs to the layer of the longest name here that is it or a
#: package holding it.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    (
        "base",
        (
            "govgraph.errors",
            "govgraph._limits",
            "govgraph._files",
            "govgraph._guards",
            "govgraph._yaml",
            "govgraph._getters",
            "govgraph._hints",
            "govgraph._inputs",
            "govgraph._slots",
            "govgraph.registry",
        ),
    ),
    ("model", ("govgraph.model", "govgraph.schema")),
    ("loading", ("govgraph.loading",)),
    ("graph", ("govgraph.graph", "govgraph.recommendations")),
    ("checks", ("govgraph.checks",)),
    ("diff", ("govgraph.diff",)),
    ("export", ("govgraph.export",)),
    ("interchange", ("govgraph.interchange", "govgraph.importers")),
    ("package", ("govgraph",)),
    (
        "tools",
        ("govgraph.cli", "govgraph.__main__", "govgraph.testing", "govgraph.strategies", "govgraph.pytest_plugin"),
    ),
]

MAX_LINES = 400

#: Modules allowed past MAX_LINES, each with the most lines it may have and why. The
#: limits are their sizes when this test was written, so that none of them grows.
LONG_MODULES: dict[str, tuple[int, str]] = {}


@dataclass(frozen=True)
class Import:
    importer: str
    imported: str
    line: int
    typing_only: bool
    at_top: bool

    def __str__(self) -> str:
        where = "under TYPE_CHECKING" if self.typing_only else "at the top" if self.at_top else "inside a function"
        return f"{self.importer} (line {self.line}, {where}) imports {self.imported}"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


MODULES = _modules()


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(name: str, path: Path) -> list[Import]:
    """Every import of a govgraph module by ``name``, wherever in the file it is."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: list[Import] = []

    def add(target: str, node: ast.stmt, typing_only: bool, at_top: bool) -> None:
        if target == "govgraph" or target.startswith("govgraph."):
            found.append(Import(name, target, node.lineno, typing_only, at_top))

    def visit(node: ast.AST, typing_only: bool, at_top: bool) -> None:
        if isinstance(node, ast.Import):
            for alias in node.names:
                add(alias.name, node, typing_only, at_top)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            for alias in node.names:  # ``from . import registry`` imports the module govgraph.registry
                submodule = f"{module}.{alias.name}"
                add(submodule if submodule in MODULES else module, node, typing_only, at_top)
        elif isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.body:
                visit(child, True, at_top)
            for child in node.orelse:
                visit(child, typing_only, at_top)
        else:
            inner = at_top and not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
            for child in ast.iter_child_nodes(node):
                visit(child, typing_only, inner)

    for statement in tree.body:
        visit(statement, False, True)
    return found


IMPORTS = [found for name, path in MODULES.items() for found in _imports(name, path)]


def layer_of(module: str) -> int:
    """The position of a module's layer, 0 at the bottom."""
    best: tuple[int, int] | None = None
    for position, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and (best is None or len(prefix) > best[0]):
                best = (len(prefix), position)
    assert best is not None, f"{module} is in no layer: add it to LAYERS in {Path(__file__).name}"
    return best[1]


def test_every_module_has_a_layer() -> None:
    for module in MODULES:
        layer_of(module)


def test_the_scan_sees_imports_inside_functions_and_under_type_checking() -> None:
    # Guards the test itself: one import of each sort it must find.
    seen = {(i.importer, i.imported, i.typing_only, i.at_top) for i in IMPORTS}
    assert ("govgraph.cli.drawing", "govgraph.export.report", False, False) in seen
    assert ("govgraph.recommendations", "govgraph.checks", True, True) in seen
    assert ("govgraph.model.structure", "govgraph.model.shortcuts", False, True) in seen
    assert ("govgraph.checks.engine", "govgraph.registry", False, True) in seen


def test_no_module_imports_a_layer_above_its_own() -> None:
    upward = [
        f"{i} — layer {LAYERS[layer_of(i.importer)][0]} imports layer {LAYERS[layer_of(i.imported)][0]}"
        for i in IMPORTS
        if not i.typing_only and layer_of(i.imported) > layer_of(i.importer)
    ]
    assert not upward, "imports that go up the house:\n" + "\n".join(upward)


def test_the_module_imports_have_no_cycle() -> None:
    graph = nx.DiGraph()
    for i in IMPORTS:
        if not i.typing_only and i.imported != i.importer:
            graph.add_edge(i.importer, i.imported, line=i.line)
    cycles = []
    for component in nx.strongly_connected_components(graph):
        if len(component) > 1:
            cycle = nx.find_cycle(graph.subgraph(component))
            cycles.append("; ".join(f"{a} imports {b} (line {graph.edges[a, b]['line']})" for a, b in cycle))
    assert not cycles, "import cycles:\n" + "\n".join(cycles)


def test_modules_are_at_most_400_lines() -> None:
    too_long = []
    for path in MODULES.values():
        relative = path.relative_to(SRC).as_posix()
        lines = len(path.read_text(encoding="utf-8").splitlines())
        limit = LONG_MODULES.get(relative, (MAX_LINES, ""))[0]
        if lines > limit:
            too_long.append(f"{relative}: {lines} lines (at most {limit})")
    assert not too_long, "split these modules by concern:\n" + "\n".join(too_long)


def test_the_long_module_exceptions_are_still_needed() -> None:
    for relative in LONG_MODULES:
        lines = len((SRC / relative).read_text(encoding="utf-8").splitlines())
        assert lines > MAX_LINES, f"{relative} has {lines} lines now: take it off LONG_MODULES"
