"""A pytest plugin that checks structure files as test items (opt-in).

Turn it on in ``pyproject.toml`` (or ``pytest.ini``), and say which files::

    [tool.pytest.ini_options]
    govgraph_collect = true
    govgraph_patterns = ["*.govgraph.yaml", "structures/*.yaml"]
    govgraph_fail_on = "error"          # or warning, info

or for one run: ``pytest --govgraph``. Each matching file becomes one test,
``FILE::check``, that fails with the file's findings (or its load errors,
``FILE:LINE:COLUMN: error: ...``, and no traceback), exactly as ``govgraph check
--fail-on`` would. Patterns are relative to the folder of the file holding
these settings (the rootdir when there is none), wherever pytest is run from;
a ``govgraph_fail_on`` other than error, warning or info stops the session with
one usage error.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

__all__ = ["GovgraphFile", "GovgraphItem"]

DEFAULT_PATTERNS = ["*.govgraph.yaml", "*.govgraph.yml", "*.govgraph.json"]
SEVERITIES = ("error", "warning", "info")


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("govgraph")
    group.addoption("--govgraph", action="store_true", help="check governance structure files as tests")
    parser.addini("govgraph_collect", type="bool", default=False, help="check structure files as tests")
    parser.addini(
        "govgraph_patterns",
        type="linelist",
        default=DEFAULT_PATTERNS,
        help="glob patterns (relative to the ini file's folder, or file names) of structure files",
    )
    parser.addini("govgraph_fail_on", default="error", help="lowest severity that fails a structure test")


def _enabled(config: pytest.Config) -> bool:
    return bool(config.getoption("govgraph") or config.getini("govgraph_collect"))


def pytest_configure(config: pytest.Config) -> None:
    """Refuse a bad ``govgraph_fail_on`` once, for the session, before any test runs."""
    if not _enabled(config):
        return
    fail_on = config.getini("govgraph_fail_on")
    if fail_on not in SEVERITIES:
        where = f" in {config.inipath}" if config.inipath is not None else ""
        raise pytest.UsageError(f"govgraph_fail_on{where} is {fail_on!r}: it must be one of {', '.join(SEVERITIES)}")


def _base(config: pytest.Config) -> Path:
    """The folder patterns are relative to: the ini file's, else the rootdir."""
    return config.inipath.parent if config.inipath is not None else config.rootpath


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> GovgraphFile | None:
    config = parent.config
    if not _enabled(config) or file_path.suffix.lower() not in (".yaml", ".yml", ".json"):
        return None
    base = _base(config)
    relative = file_path.relative_to(base).as_posix() if file_path.is_relative_to(base) else file_path.name
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
    """The findings, or the load errors, that fail a structure test: shown as they are."""


class GovgraphItem(pytest.Item):
    """Loads and checks one structure file."""

    def runtest(self) -> None:
        import govgraph as gg

        fail_on = self.config.getini("govgraph_fail_on")
        try:
            report = gg.check(gg.load(self.path))
        except gg.StructureError as error:
            raise StructureFindings(str(error)) from None  # FILE:LINE:COLUMN: error: ... lines
        except gg.GovgraphError as error:
            raise StructureFindings(f"{self.path}: error: {error}") from None
        except OSError as error:
            raise StructureFindings(f"{self.path}: error: cannot read it: {error.strerror or error}") from None
        found = report.failing(fail_on)
        if found:
            lines = [f"{self.path}: {len(found)} finding{'s' if len(found) != 1 else ''} at or above {fail_on}:"]
            lines += [f"  {f.severity.value} {f.rule}: {f.message}" for f in found]
            raise StructureFindings("\n".join(lines))

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        """The failure in a few lines: the file's findings or load errors, never a traceback
        (a bug in govgraph is one line too, as on the command line, unless ``GOVGRAPH_DEBUG`` is set)."""
        error = excinfo.value
        if isinstance(error, StructureFindings):
            return str(error)
        if isinstance(error, Exception) and not os.environ.get("GOVGRAPH_DEBUG"):
            return f"{self.path}: internal error, please report it: {type(error).__name__}: {error}"
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, 0, f"govgraph check {self.path.name}"
