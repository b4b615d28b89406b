"""Notebooks: committed clean, share the common parameters, run top to bottom as they are."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
COMMON = ("data_dir", "processed_dir", "results_dir", "lang", "periode_akhir", "k_min_pegawai",
          "k_min_responden", "seed")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_without_outputs_and_with_parameters(path):
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(not c.outputs and c.execution_count is None for c in code)
    params = [c for c in code if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1
    for name in COMMON:
        assert f"{name} = " in params[0].source, name


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    """A copy of the repository layout a researcher has: notebooks/ next to data/raw/."""
    base = tmp_path_factory.mktemp("lab")
    shutil.copytree(ROOT / "notebooks", base / "notebooks")
    shutil.copytree(ROOT / "data" / "raw", base / "data" / "raw")
    return base


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_runs_top_to_bottom_with_defaults(path, workspace):
    import papermill as pm

    nb_path = workspace / "notebooks" / path.name
    pm.execute_notebook(str(nb_path), str(workspace / f"{path.stem}.out.ipynb"),
                        kernel_name="python3", progress_bar=False, cwd=str(nb_path.parent))
    assert (workspace / "data" / "processed" / "ringkasan.json").exists()
    assert list((workspace / "reports" / "_lab" / "_hasil").glob("*.json"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebooks_are_thin(path):
    """Report notebooks hold parameters, narrative and calls: every decision is in the
    package (laporan.bagian), where it is unit-tested."""
    import ast

    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"
            and "parameters" not in c.metadata.get("tags", [])]
    for i, cell in enumerate(code, 1):
        tree = ast.parse(cell.source)
        banned = [type(n).__name__ for n in ast.walk(tree)
                  if isinstance(n, ast.FunctionDef | ast.Lambda | ast.ClassDef | ast.If
                                | ast.For | ast.While | ast.IfExp | ast.ListComp
                                | ast.DictComp | ast.GeneratorExp | ast.SetComp)]
        assert not banned, f"{path.name} code cell {i}: {banned}"
        calls = {n.func.id for n in ast.walk(tree)
                 if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
        assert not calls & {"round", "format", "print"}, f"{path.name} code cell {i}: {calls}"
        assert len(cell.source.splitlines()) <= 12, f"{path.name} code cell {i} is long"
