"""Shared helpers: write a structure from YAML text, load it, check it."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import govgraph as gg

settings.register_profile("ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
DEVON = ROOT / "examples" / "devon" / "devon.yaml"


def structure(body: str) -> gg.Structure:
    """A structure from the YAML of its bodies and what follows, with the header filled in."""
    return gg.loads("govgraph: 1\nname: Test\n" + textwrap.dedent(body), filename="test.yaml")


def findings(text: str, rule: str | None = None, **settings: object) -> list[tuple[str, list[str]]]:
    """(rule, bodies) of each unwaived finding, optionally of one rule only."""
    report = gg.check(structure(text), **settings)
    return [(f.rule, f.bodies) for f in report if not f.waived and (rule is None or f.rule == rule)]


@pytest.fixture
def write(tmp_path: Path):
    def write_file(name: str, text: str) -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write_file
