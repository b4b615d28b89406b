"""The `kinerja` command line: exit codes, messages in the user's language, failures named."""

from __future__ import annotations

import json
import shutil

import nbformat
import pytest

from kinerja_analysis import cli


def _break_u1(demo_raw, tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(demo_raw, raw)
    path = raw / "survei_kepuasan.csv"
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    col = lines[0].split(",").index("u1")
    cells = lines[3].split(",")
    cells[col] = "7"
    lines[3] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return raw


def test_validate_ok(demo_raw, capsys):
    assert cli.main(["validate", "--data", str(demo_raw)]) == 0
    out = capsys.readouterr().out
    assert "Data valid" in out
    assert "survei_kepuasan.csv: dibaca" in out


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("id", "survei_kepuasan.csv, baris 4, kolom 'u1': nilai '7'"),
        ("en", "survei_kepuasan.csv, row 4, column 'u1': value '7'"),
    ],
)
def test_validate_bad_names_file_row_column(demo_raw, tmp_path, capsys, lang, expected):
    raw = _break_u1(demo_raw, tmp_path)
    assert cli.main(["validate", "--data", str(raw), "--lang", lang]) == cli.EXIT_DATA
    err = capsys.readouterr().err
    assert expected in err


def test_missing_data_dir(tmp_path, capsys):
    assert cli.main(["validate", "--data", str(tmp_path / "tidak-ada")]) == cli.EXIT_DATA
    assert "Folder data tidak ditemukan" in capsys.readouterr().err


def test_usage_error_exit_code(capsys):
    with pytest.raises(SystemExit) as err:
        cli.main(["report"])
    assert err.value.code == cli.EXIT_USAGE


def test_prepare_strict_then_lenient(demo_raw, tmp_path, capsys):
    raw = _break_u1(demo_raw, tmp_path)
    proc = tmp_path / "proc"
    assert cli.main(["prepare", "--data", str(raw), "--processed", str(proc)]) == cli.EXIT_DATA
    assert "--lenient" in capsys.readouterr().err
    assert cli.main(["prepare", "--data", str(raw), "--processed", str(proc), "--lenient"]) == 0
    ring = json.loads((proc / "ringkasan.json").read_text(encoding="utf-8"))
    assert ring["input"]["survei_kepuasan"]["rejected"] == 1
    assert (proc / "ditolak" / "survei_kepuasan.csv").exists()


def test_demo_data_command(tmp_path, capsys):
    out = tmp_path / "demo"
    assert cli.main(["demo-data", "--out", str(out), "--seed", "7"]) == 0
    assert (out / "ground_truth.json").exists()
    assert json.loads((out / "ground_truth.json").read_text())["seed"] == 7
    assert "Data demo selesai" in capsys.readouterr().out


def test_failing_notebook_exit_2_names_cell_and_keeps_notebook(demo_raw, tmp_path, capsys):
    nbdir = tmp_path / "nb"
    nbdir.mkdir()
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell("lang = 'id'")
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, nbformat.v4.new_code_cell("x = 1"),
                nbformat.v4.new_code_cell("raise ValueError('sengaja gagal')")]
    nb.metadata["kernelspec"] = {"name": "python3", "language": "python",
                                 "display_name": "Python 3"}
    nb.metadata["language_info"] = {"name": "python"}
    nbformat.write(nb, nbdir / "00_gagal.ipynb")
    out = tmp_path / "reports"
    code = cli.main(["report", "--data", str(demo_raw), "--out", str(out), "--processed",
                     str(tmp_path / "proc"), "--notebooks", str(nbdir), "--no-progress"])
    assert code == cli.EXIT_NOTEBOOK
    err = capsys.readouterr().err
    assert "00_gagal.ipynb" in err and "ValueError" in err and "sengaja gagal" in err
    kept = list(out.glob("_gagal-*/_notebook/00_gagal.ipynb"))
    assert len(kept) == 1
    assert str(kept[0]) in err  # the message points at the kept copy
    assert not (out / "index.html").exists()  # no partial report published


def test_parse_value():
    assert cli._parse_value("10") == 10
    assert cli._parse_value("false") is False
    assert cli._parse_value("2025-Q4") == "2025-Q4"
