"""The repository stands on its own: every relative link a reader can follow resolves to a
file in it, and nothing a user reads points outside it.

The documentation site's own links are checked by ``mkdocs build --strict`` (``make docs``);
this test covers the Markdown read on a forge or in a clone as well.
"""

from __future__ import annotations

import importlib.util
import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# [text](target) and ![alt](target), target up to a space (a title may follow) or ')'.
LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
FENCE = re.compile(r"^(```|~~~).*?^\1", re.M | re.S)
SKIPPED_DIRS = {".git", "site", "build", "dist", "node_modules", "__pycache__"}


def _generated() -> set[Path]:
    """The pages and drawings the site's hook generates into docs/ at build time."""
    spec = importlib.util.spec_from_file_location("generate", ROOT / "docs" / "hooks" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return {(ROOT / "docs" / name).resolve() for name in module.generated_names()}


GENERATED = _generated()


def _skipped(path: Path) -> bool:
    parts = path.relative_to(ROOT).parts
    return any(part in SKIPPED_DIRS or part.startswith((".venv", ".mypy", ".ruff", ".hypothesis")) for part in parts)


def _markdown() -> list[Path]:
    found = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", ROOT / "CHANGELOG.md"]
    found += sorted((ROOT / "docs").glob("*.md"))
    found += sorted(path for path in (ROOT / "examples").rglob("*.md") if not _skipped(path))
    return [path for path in found if path.exists()]


def links(text: str) -> list[str]:
    """The link targets of a Markdown text, outside code blocks."""
    return LINK.findall(FENCE.sub("", text))


@pytest.mark.parametrize("page", _markdown(), ids=lambda path: path.relative_to(ROOT).as_posix())
def test_every_relative_link_resolves_to_a_file_in_the_repository(page: Path) -> None:
    broken = []
    for target in links(page.read_text(encoding="utf-8")):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith("#"):
            continue  # a URL or an anchor on the same page
        resolved = (page.parent / target.split("#", 1)[0]).resolve()
        if resolved in GENERATED:
            continue
        if not resolved.is_relative_to(ROOT) or not resolved.exists() or _skipped(resolved):
            broken.append(target)
    assert broken == [], f"{page.relative_to(ROOT)} links to what is not in the repository: {broken}"


def test_the_link_finder_sees_links_and_images_but_not_code() -> None:
    text = 'See [the format](docs/format.md#bodies) and ![a drawing](x.svg "title").\n```\n[no](code.md)\n```\n'
    assert links(text) == ["docs/format.md#bodies", "x.svg"]


# Written in pieces so that this file does not match itself.
OUTSIDE = re.compile("|".join([r"\.\./" + "shared", "/work" + "/", r"\bseeds? " + r"\d{3}\b"]))
TEXT_SUFFIXES = {".md", ".py", ".yaml", ".yml", ".toml", ".cfg", ".txt", ".json", ".ipynb", ".csv", ".tsv", ""}


def _files() -> list[Path]:
    """The repository's files, not descending into virtual environments, caches or the site."""
    found = []
    for folder, subfolders, names in os.walk(ROOT):
        subfolders[:] = [name for name in subfolders if not _skipped(Path(folder, name))]
        found += [Path(folder, name) for name in names if not _skipped(Path(folder, name))]
    return found


def test_nothing_refers_to_files_outside_the_repository() -> None:
    offending = []
    for path in sorted(_files()):
        if path.suffix not in TEXT_SUFFIXES or path.stat().st_size > 2_000_000:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            if OUTSIDE.search(line):
                offending.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offending == [], "\n".join(offending)
