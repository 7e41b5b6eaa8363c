"""Every notebook runs on its own, top to bottom, with nbclient."""
from __future__ import annotations

from pathlib import Path

import jupytext
import nbclient
import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.md"))


def test_there_are_notebooks():
    assert {p.stem for p in NOTEBOOKS} >= {"sources", "timeline", "provisions",
                                           "discrepancies", "perspective"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_executes_cleanly(path):
    nb = jupytext.read(path)
    client = nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                                     resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert not [o for o in outputs if o.output_type == "stream" and o.name == "stderr"]
    html = [o for o in outputs if "text/html" in o.get("data", {})]
    assert html, f"{path.name} displayed no table or figure"
