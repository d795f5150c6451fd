"""The analyst's notebook runs from top to bottom, so it cannot rot."""

from __future__ import annotations

import pytest

from .conftest import ROOT

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")


def test_tour_notebook_runs() -> None:
    notebook = nbformat.read(ROOT / "examples" / "notebooks" / "tour.ipynb", as_version=4)
    client = nbclient.NotebookClient(
        notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}
    )
    client.execute()
    outputs = [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.get("outputs", [])]
    assert not [output for output in outputs if output.get("output_type") == "error"]
    shown = [output.get("data", {}) for output in outputs]
    assert any("text/html" in data and "<table>" in data["text/html"] for data in shown)
    assert any("image/svg+xml" in data or "text/markdown" in data for data in shown)
