"""A pytest plugin that checks structure files as test items (opt-in).

Turn it on in ``pyproject.toml`` (or ``pytest.ini``), and say which files::

    [tool.pytest.ini_options]
    govgraph_collect = true
    govgraph_patterns = ["*.govgraph.yaml", "structures/*.yaml"]
    govgraph_fail_on = "error"          # or warning, info

or for one run: ``pytest --govgraph``. Each matching file becomes one test,
``FILE::check``, that fails with the file's findings (or its load errors),
exactly as ``govgraph check --fail-on`` would.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

__all__ = ["GovgraphFile", "GovgraphItem"]

DEFAULT_PATTERNS = ["*.govgraph.yaml", "*.govgraph.yml", "*.govgraph.json"]


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("govgraph")
    group.addoption("--govgraph", action="store_true", help="check governance structure files as tests")
    parser.addini("govgraph_collect", type="bool", default=False, help="check structure files as tests")
    parser.addini(
        "govgraph_patterns",
        type="linelist",
        default=DEFAULT_PATTERNS,
        help="glob patterns (relative to rootdir, or file names) of structure files",
    )
    parser.addini("govgraph_fail_on", default="error", help="lowest severity that fails a structure test")


def _enabled(config: pytest.Config) -> bool:
    return bool(config.getoption("govgraph") or config.getini("govgraph_collect"))


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> GovgraphFile | None:
    config = parent.config
    if not _enabled(config) or file_path.suffix.lower() not in (".yaml", ".yml", ".json"):
        return None
    relative = (
        file_path.relative_to(config.rootpath).as_posix()
        if file_path.is_relative_to(config.rootpath)
        else file_path.name
    )
    patterns: list[str] = config.getini("govgraph_patterns")
    if any(fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(file_path.name, pattern) for pattern in patterns):
        result: GovgraphFile = GovgraphFile.from_parent(parent, path=file_path)
        return result
    return None


class GovgraphFile(pytest.File):
    """A structure file: one ``check`` item."""

    def collect(self) -> Iterator[GovgraphItem]:
        yield GovgraphItem.from_parent(self, name="check")


class StructureFindings(Exception):
    """The findings that fail a structure test."""


class GovgraphItem(pytest.Item):
    """Loads and checks one structure file."""

    def runtest(self) -> None:
        import govgraph as gg

        fail_on = self.config.getini("govgraph_fail_on")
        try:
            report = gg.check(gg.load(self.path))
        except gg.StructureError as error:
            raise StructureFindings(str(error)) from None
        found = report.failing(fail_on)
        if found:
            raise StructureFindings("\n".join(f"{f.severity.value} {f.rule}: {f.message}" for f in found))

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, StructureFindings):
            return f"{self.path}:\n{excinfo.value}"
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, 0, f"govgraph check {self.path.name}"
