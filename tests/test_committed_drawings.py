"""The drawings committed beside the examples are what the code draws today.

An SVG depends on the Graphviz that laid it out as well as on govgraph, so the
committed drawings pin one Graphviz version, the one in ``tests/golden/GRAPHVIZ_VERSION``
(Debian 12's package, which ``make test`` installs). With another ``dot`` the
comparison is skipped, saying why; the DOT goldens of ``test_render.py`` do not
depend on Graphviz and still guard the code everywhere.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from govgraph.cli import main

ROOT = Path(__file__).parent.parent
PINNED = (Path(__file__).parent / "golden" / "GRAPHVIZ_VERSION").read_text(encoding="utf-8").strip()


def _dot_version() -> str | None:
    if shutil.which("dot") is None:
        return None
    shown = subprocess.run(["dot", "-V"], capture_output=True, text=True, check=False).stderr
    found = re.search(r"version (\S+)", shown)
    return found.group(1) if found else None


_VERSION = _dot_version()
pinned_dot = pytest.mark.skipif(
    _VERSION != PINNED,
    reason=f"committed SVGs were laid out by Graphviz {PINNED}; this machine has "
    f"{_VERSION or 'no dot'}, whose layout may differ (the DOT goldens still apply)",
)

# Each committed drawing and the documented command that makes it.
DRAWINGS = [
    pytest.param(
        "examples/devon/devon.svg",
        ["render", "examples/devon/devon.yaml", "-o", "{out}"],
        id="devon",
    ),
    pytest.param(
        "examples/trafford/diff.svg",
        ["diff", "examples/trafford/now.yaml", "examples/trafford/proposed.yaml", "-o", "{out}"],
        id="trafford-diff",
    ),
]


@pinned_dot
@pytest.mark.parametrize(("committed", "command"), DRAWINGS)
def test_committed_drawing_is_what_the_code_draws(
    committed: str, command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    out = tmp_path / Path(committed).name
    main([part.format(out=out) for part in command])
    assert out.read_bytes() == (ROOT / committed).read_bytes(), (
        f"{committed} is stale: run `govgraph {' '.join(command).format(out=committed)}` and commit it"
    )


def test_pinned_version_is_a_version() -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+", PINNED)
