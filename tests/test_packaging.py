"""What ``python -m build`` makes installs and runs on its own.

The wheel and sdist are built from this checkout (without build isolation, so with the
locked setuptools and no download), checked by ``twine check``, and the wheel is installed
into a fresh virtual environment (its dependencies at the versions of requirements/dev.lock),
from which ``govgraph --version`` and the Devon check run, away from the source tree.
"""

from __future__ import annotations

import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def _run(*argv: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([str(part) for part in argv], cwd=cwd, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"{argv} failed:\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    _run(sys.executable, "-m", "build", "--no-isolation", "--sdist", "--wheel", "--outdir", out, ROOT, cwd=ROOT)
    return out


def test_build_makes_a_wheel_and_an_sdist_that_twine_accepts(dist: Path) -> None:
    wheel, sdist = dist / f"govgraph-{VERSION}-py3-none-any.whl", dist / f"govgraph-{VERSION}.tar.gz"
    assert sorted(path.name for path in dist.iterdir()) == sorted([wheel.name, sdist.name])
    checked = _run(sys.executable, "-m", "twine", "check", "--strict", wheel, sdist, cwd=dist)
    assert checked.stdout.count("PASSED") == 2, checked.stdout


def test_the_wheel_carries_the_package_data_and_the_entry_points(dist: Path) -> None:
    with zipfile.ZipFile(dist / f"govgraph-{VERSION}-py3-none-any.whl") as wheel:
        names = set(wheel.namelist())
        entry_points = wheel.read(f"govgraph-{VERSION}.dist-info/entry_points.txt").decode()
    assert {"govgraph/py.typed", "govgraph/checks/rules/orphaned_group.py", "govgraph/export/dot.py"} <= names
    assert f"govgraph-{VERSION}.dist-info/licenses/LICENSE" in names
    assert not any(name.startswith(("tests/", "docs/", "examples/")) for name in names)
    assert "govgraph = govgraph.cli:main" in entry_points
    assert "govgraph = govgraph.pytest_plugin" in entry_points


def test_the_sdist_holds_what_a_build_from_it_needs(dist: Path) -> None:
    with tarfile.open(dist / f"govgraph-{VERSION}.tar.gz") as sdist:
        names = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    assert {"pyproject.toml", "README.md", "LICENSE", "src/govgraph/py.typed", "src/govgraph/cli/__init__.py"} <= names


def test_the_wheel_installed_in_a_clean_venv_runs_the_devon_check(dist: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp_path)
    python = venv / "bin" / "python"
    _run(
        sys.executable, "-m", "pip", "--python", python, "install", "-q", "--disable-pip-version-check",
        "-c", ROOT / "requirements" / "dev.lock", dist / f"govgraph-{VERSION}-py3-none-any.whl",
        cwd=tmp_path,
    )  # fmt: skip
    located = _run(
        python, "-c", "import govgraph, pathlib; print(pathlib.Path(govgraph.__file__).parent)", cwd=tmp_path
    )
    package = Path(located.stdout.strip())
    assert package.is_relative_to(venv) and (package / "py.typed").exists()
    assert _run(venv / "bin" / "govgraph", "--version", cwd=tmp_path).stdout.strip() == f"govgraph {VERSION}"
    checked = _run(venv / "bin" / "govgraph", "check", ROOT / "examples" / "devon" / "devon.yaml", cwd=tmp_path)
    assert "0 errors" in checked.stdout, checked.stdout
