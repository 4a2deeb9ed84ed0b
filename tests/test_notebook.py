"""The researcher's walk-through (notebooks/walkthrough.ipynb) runs top to bottom.

The notebook is executed once per session with nbclient in a `python3` kernel that runs
this interpreter, with the notebooks folder as working directory; its database and CSV
files go to a temporary folder ($REFERAT_NOTEBOOK_OUT). Any cell that raises fails the run.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from nlp import corpus
from nlp.corpus import SEED_MUNICIPALITIES

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")
pytest.importorskip("matplotlib")

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "walkthrough.ipynb"
SEED_TOWNS = sorted(set(SEED_MUNICIPALITIES.values()))

pytestmark = pytest.mark.slow


def _python3_kernelspec(folder: Path) -> Path:
    """A `python3` kernelspec for this interpreter, to put first on JUPYTER_PATH: whatever
    other kernelspecs the machine has, the notebook runs where the package is installed."""
    from ipykernel.kernelspec import write_kernel_spec

    write_kernel_spec(folder / "kernels" / "python3", overrides={"display_name": "Python 3 (tests)"})
    return folder


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """The executed notebook and its output folder."""
    from jupyter_client.kernelspec import KernelSpecManager

    base = tmp_path_factory.mktemp("walkthrough")
    out = base / "out"
    jupyter = _python3_kernelspec(base / "jupyter")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JUPYTER_PATH", os.pathsep.join(filter(None, [str(jupyter), os.environ.get("JUPYTER_PATH")])))
        patch.setenv("REFERAT_NOTEBOOK_OUT", str(out))
        assert KernelSpecManager().get_kernel_spec("python3").argv[0] == sys.executable
        notebook = nbformat.read(NOTEBOOK, as_version=4)
        client = nbclient.NotebookClient(
            notebook, kernel_name="python3", timeout=120, allow_errors=False,
            resources={"metadata": {"path": str(NOTEBOOK.parent)}},
        )
        client.execute()  # raises CellExecutionError when a cell fails
    return notebook, out


def _outputs(notebook, tag: str) -> list[dict]:
    cells = [c for c in notebook.cells if tag in c.get("metadata", {}).get("tags", [])]
    assert len(cells) == 1, f"one cell tagged {tag!r} expected"
    return cells[0]["outputs"]


def _text(outputs: list[dict]) -> str:
    parts = []
    for output in outputs:
        if output["output_type"] == "stream":
            parts.append(output["text"])
        elif "data" in output:
            parts.append(output["data"].get("text/plain", ""))
            parts.append(output["data"].get("text/html", ""))
    return "\n".join(parts)


def test_notebook_is_committed_without_outputs():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(notebook)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert code and all(not c.outputs and c.execution_count is None for c in code)
    assert notebook.metadata["kernelspec"]["name"] == "python3"


def test_every_cell_ran_without_error(run):
    notebook, _ = run
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.execution_count is not None
            assert not [o for o in cell.outputs if o["output_type"] == "error"]


def test_items_per_municipality_has_the_seed_municipalities(run):
    text = _text(_outputs(run[0], "items-per-municipality"))
    for town in SEED_TOWNS:
        assert town in text


@pytest.mark.parametrize("tag", ["theme-heatmap", "outcome-bars", "confusion"])
def test_figures_are_drawn(run, tag):
    images = [o for o in _outputs(run[0], tag) if "image/png" in o.get("data", {})]
    assert len(images) == 1 and len(images[0]["data"]["image/png"]) > 1000


def test_money_table(run):
    text = _text(_outputs(run[0], "money"))
    assert "sum_distinct_per_item_mio" in text and "Herning" in text


def test_model_errors_or_a_note(run):
    text = _text(_outputs(run[0], "errors"))
    if corpus.corpus_available():
        assert "held-out items" in text and "predicted" in text
    else:
        assert "Note:" in text


def test_csv_export_and_filter(run):
    import pandas as pd

    _, out = run
    items = pd.read_csv(out / "items.csv", encoding="utf-8-sig")
    assert set(SEED_TOWNS) <= set(items["municipality"])
    assert len(items) >= 40 and items["item_key"].is_unique
    if corpus.corpus_available():
        assert items["municipality"].nunique() > len(SEED_TOWNS)
    flex = pd.read_csv(out / "flexjob_2021.csv", encoding="utf-8-sig")
    assert len(flex) >= 1  # the seeds alone have flex-job items from 2021
    assert all("disability_flexjob" in themes for themes in flex["themes"])
    assert set(flex["meeting_date"].str[:4]) == {"2021"}
