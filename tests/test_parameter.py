"""Report parameters checked before anything runs: `-p` names and values, `--periode-akhir`,
the failing cell's number, the reproduce command."""

from __future__ import annotations

import shlex
from pathlib import Path

import nbformat
import pytest

from kinerja_analysis import cli
from kinerja_analysis.laporan import jalankan
from kinerja_analysis.laporan import parameter as P

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def _notebook(path: Path, params: str | None, *cells: str, markdown: bool = False) -> Path:
    """A notebook with a parameters cell (``params``) and code ``cells``; with ``markdown``,
    a markdown cell before every code cell (they must not count as cells)."""
    nb = nbformat.v4.new_notebook()
    if params is not None:
        if markdown:
            nb.cells.append(nbformat.v4.new_markdown_cell("# judul"))
        cell = nbformat.v4.new_code_cell(params)
        cell.metadata["tags"] = ["parameters"]
        nb.cells.append(cell)
    for src in cells:
        if markdown:
            nb.cells.append(nbformat.v4.new_markdown_cell("teks"))
        nb.cells.append(nbformat.v4.new_code_cell(src))
    nb.metadata["kernelspec"] = {"name": "python3", "language": "python",
                                 "display_name": "Python 3"}
    nb.metadata["language_info"] = {"name": "python"}
    nbformat.write(nb, path)
    return path


@pytest.fixture(scope="module")
def declared():
    return P.baca_semua(NOTEBOOKS)


# --------------------------------------------------------------------------- declarations


def test_real_notebooks_declare_typed_parameters(declared):
    assert set(declared) == {nb.stem for nb in NOTEBOOKS}
    every = {"processed_dir", "results_dir", "lang", "periode_akhir", "k_min_pegawai",
             "k_min_responden", "seed"}
    for stem, decls in declared.items():
        assert every <= set(decls), stem
        assert decls["k_min_pegawai"] == P.Deklarasi("k_min_pegawai", "int", 10)
        assert decls["periode_akhir"].jenis == "str|None"
        assert decls["lang"] == P.Deklarasi("lang", "str", "id")
    dampak = declared["01_dampak_evaluasi"]
    assert dampak["batas_pembinaan"] == P.Deklarasi("batas_pembinaan", "float", 70.0)
    assert dampak["kelompok_kontrol"].jenis == "str"
    hambatan = declared["03_hambatan_adopsi"]
    assert hambatan["gelombang"].jenis == "int|None"
    assert hambatan["butir_terbalik"] == P.Deklarasi("butir_terbalik", "list[str]", [])


def test_parameters_cell_is_parsed_not_run(tmp_path):
    """A parameters cell with code in it is read, never executed: the file it would write
    does not appear, and the non-literal name cannot be set from the command line."""
    marker = tmp_path / "dijalankan.txt"
    nb = _notebook(tmp_path / "00_x.ipynb",
                   f"k = 3\nf = open({str(marker)!r}, 'w')\nimport os\nx: float = 1.5\n"
                   "a = b = 'dua'\nu, v = 1, 2")
    decls = P.baca_deklarasi(nb)
    assert not marker.exists()
    assert {n: d.jenis for n, d in decls.items()} == {
        "k": "int", "f": "lain", "x": "float", "a": "str", "b": "str"}
    with pytest.raises(P.ParameterError, match="cannot be set from the command line"):
        P.periksa({"00_x": decls}, {"f": "y"}, "en")


def test_notebook_without_parameters_cell_declares_nothing(tmp_path):
    assert P.baca_deklarasi(_notebook(tmp_path / "00_x.ipynb", None, "x = 1")) == {}


def test_broken_parameters_cell_is_a_usage_error(tmp_path):
    nb = _notebook(tmp_path / "00_x.ipynb", "k = (")
    with pytest.raises(P.ParameterError, match="00_x.ipynb"):
        P.baca_deklarasi(nb)


# --------------------------------------------------------------------------- values


@pytest.mark.parametrize(("name", "text", "value"), [
    ("k_min_pegawai", "12", 12),
    ("k_min_responden", " 7 ", 7),
    ("batas_pembinaan", "65", 65.0),
    ("batas_pembinaan", "62,5", 62.5),
    ("kelompok_kontrol", "never_treated", "never_treated"),
    ("gelombang", "2", 2),
    ("gelombang", "none", None),
    ("butir_terbalik", "khawatir_2, dukungan_1", ["khawatir_2", "dukungan_1"]),
    ("butir_terbalik", '["khawatir_2"]', ["khawatir_2"]),
    ("butir_terbalik", "", []),
    ("n_bootstrap", "0", 0),
    ("maks_unit_tampil", "1", 1),
])
def test_values_converted_to_the_declared_type(declared, name, text, value):
    out = P.periksa(declared, {name: text})
    assert out == {name: value}
    assert type(out[name]) is type(value)


@pytest.mark.parametrize(("text", "value"), [
    ("ya", True), ("tidak", False), ("TRUE", True), ("false", False), ("1", True), ("0", False),
])
def test_bool_values(tmp_path, text, value):
    decls = {"00_x": P.baca_deklarasi(_notebook(tmp_path / "00_x.ipynb", "cepat = False"))}
    assert P.periksa(decls, {"cepat": text}) == {"cepat": value}


@pytest.mark.parametrize(("name", "text"), [
    ("k_min_pegawai", "sepuluh"),
    ("k_min_pegawai", "10.5"),
    ("k_min_pegawai", "0"),
    ("k_min_responden", "-3"),
    ("n_bootstrap", "-1"),
    ("maks_unit_tampil", "0"),
    ("batas_pembinaan", "nan"),
    ("batas_pembinaan", "150"),
    ("kelompok_kontrol", "semua"),
    ("gelombang", "0"),
    ("butir_terbalik", "khawatir_9"),
    ("butir_terbalik", "[__import__('os')]"),
    ("seed", "-1"),
])
def test_bad_values_rejected_with_the_list(declared, name, text):
    for lang, head in (("id", f"Nilai -p {name} tidak valid"), ("en", f"Invalid -p {name} value")):
        with pytest.raises(P.ParameterError) as err:
            P.periksa(declared, {name: text}, lang)
        msg = str(err.value)
        assert msg.startswith(head) and repr(text) in msg
        assert ("k_min_pegawai" in msg and "seed" in msg
                and ("bawaan 10" if lang == "id" else "default 10") in msg)


def test_python_values_accepted_and_checked(declared):
    """run_report's Python callers pass values, not text: checked the same way."""
    assert P.periksa(declared, {"batas_pembinaan": 65, "k_min_pegawai": 12}) == {
        "batas_pembinaan": 65.0, "k_min_pegawai": 12}
    for bad in ({"k_min_pegawai": True}, {"k_min_pegawai": 1.5}, {"kelompok_kontrol": 3}):
        with pytest.raises(P.ParameterError):
            P.periksa(declared, bad)


def test_unknown_name_suggests_and_lists_names_types_defaults(declared):
    with pytest.raises(P.ParameterError) as err:
        P.periksa(declared, {"k_min_responen": "5"}, "id")
    msg = str(err.value)
    assert "tidak dikenal: 'k_min_responen'" in msg
    assert "Mungkin maksud Anda: k_min_responden" in msg
    lines = {ln.split()[0]: ln for ln in msg.splitlines()[2:]}
    assert set(lines) == {n for d in declared.values() for n in d} - set(P.DIATUR_RUNNER)
    assert "bilangan bulat ≥ 1; bawaan 10" in lines["k_min_pegawai"]
    assert "bilangan 0–100; bawaan 70.0 (hanya 01_dampak_evaluasi)" in lines["batas_pembinaan"]
    assert "bawaan none" in lines["gelombang"]
    with pytest.raises(P.ParameterError) as err:
        P.periksa(declared, {"k_min_responen": "5"}, "en")
    msg = str(err.value)
    assert "Unknown -p parameter: 'k_min_responen'" in msg
    assert "Did you mean: k_min_responden" in msg
    assert "integer ≥ 1; default 10" in msg and "(only 01_dampak_evaluasi)" in msg


@pytest.mark.parametrize("name", ["x=open('/etc/passwd');y", "seed;import os", "__import__"])
def test_code_as_a_name_is_rejected(declared, name):
    with pytest.raises(P.ParameterError, match="tidak dikenal"):
        P.periksa(declared, {name: "1"})


@pytest.mark.parametrize(("name", "option"), [
    ("lang", "--lang"), ("periode_akhir", "--periode-akhir"), ("processed_dir", "--processed"),
    ("results_dir", "--out"), ("data_dir", "--data"),
])
def test_runner_set_names_not_settable(declared, name, option):
    with pytest.raises(P.ParameterError) as err:
        P.periksa(declared, {name: "en"}, "en")
    assert f"use {option}" in str(err.value)


@pytest.mark.parametrize("text", ["2025q4", "2025-Q4", "2025 Q4", " 2025Q4 "])
def test_periode_akhir_forms(text):
    assert P.baca_periode(text) == "2025-Q4"


@pytest.mark.parametrize("text", ["2025-Q5", "2025-12", "Q4 2025", "kemarin", ""])
def test_periode_akhir_bad(text):
    with pytest.raises(P.ParameterError, match="--periode-akhir tidak dikenal"):
        P.baca_periode(text, "id")
    with pytest.raises(P.ParameterError, match="Write the quarter as YEAR-Qn"):
        P.baca_periode(text, "en")


# --------------------------------------------------------------------------- the run


class _NoRun(Exception):
    pass


def _forbid_running(monkeypatch):
    """Starting the kernel, preparing or hashing the inputs fails the test."""
    def boom(*_a, **_k):
        raise _NoRun

    monkeypatch.setattr(jalankan, "WarmKernel", boom)
    monkeypatch.setattr(jalankan, "prepare", boom)
    monkeypatch.setattr(jalankan, "input_hashes", boom)


@pytest.mark.parametrize("kw", [
    {"params": {"k_min_responen": "5"}},
    {"params": {"n_bootstrap": "-1"}},
    {"params": {"lang": "en"}},
    {"periode_akhir": "2025-13"},
])
def test_run_report_checks_before_anything_runs(monkeypatch, tmp_path, kw):
    _forbid_running(monkeypatch)
    with pytest.raises(P.ParameterError):
        jalankan.run_report(tmp_path, tmp_path / "out", notebooks_dir=ROOT / "notebooks",
                            log=lambda _m: None, **kw)


@pytest.mark.parametrize(("args", "lang", "expected"), [
    (["-p", "k_min_responen", "5"], "id", "Mungkin maksud Anda: k_min_responden"),
    (["-p", "k_min_responen", "5"], "en", "Did you mean: k_min_responden"),
    (["-p", "x=open('/etc/passwd');y", "1"], "id", "Parameter -p tidak dikenal"),
    (["-p", "k_min_pegawai", "0"], "en", "Invalid -p k_min_pegawai value: '0'"),
    (["-p", "lang", "en"], "id", "gunakan --lang"),
    (["--periode-akhir", "2025-13"], "id", "--periode-akhir tidak dikenal: '2025-13'"),
    (["--periode-akhir", "triwulan 4"], "en", "Unknown --periode-akhir: 'triwulan 4'"),
])
def test_cli_bad_parameter_exits_3_before_prepare(demo_raw, tmp_path, capsys, args, lang,
                                                  expected):
    proc, out = tmp_path / "proc", tmp_path / "out"
    code = cli.main(["report", "--data", str(demo_raw), "--out", str(out), "--processed",
                     str(proc), "--no-progress", "--lang", lang, *args])
    assert code == cli.EXIT_USAGE == 3
    err = capsys.readouterr().err
    assert expected in err
    assert not proc.exists() and not out.exists()  # nothing was prepared or written


def test_each_notebook_receives_only_what_it_declares(monkeypatch, tmp_path):
    """Converted values reach exactly the notebooks declaring the name; runner-set values
    (lang, periode_akhir, folders) too; and the run accepts '2025 q4'."""
    nbdir = tmp_path / "nb"
    nbdir.mkdir()
    _notebook(nbdir / "00_a.ipynb", "lang = 'id'\nperiode_akhir = None\nn_bootstrap = 999\n"
              "batas_pembinaan = 70.0\nseed = 1")
    _notebook(nbdir / "01_b.ipynb", "results_dir = ''\nk_min_pegawai = 10")
    _notebook(nbdir / "02_c.ipynb", None, "x = 1")
    seen: dict[str, dict] = {}

    class Kernel:
        def __init__(self, *_a, **_k):
            pass

        def execute(self, nb, _out, params):
            seen[nb.name] = dict(params)

        def close(self):
            pass

    class Prep:
        ringkasan: dict = {}

    monkeypatch.setattr(jalankan, "WarmKernel", Kernel)
    def fake_prepare(_data, processed, **_k):
        processed.mkdir(exist_ok=True)  # what prepare leaves: the folder the run snapshots
        return Prep()

    monkeypatch.setattr(jalankan, "prepare", fake_prepare)
    monkeypatch.setattr(jalankan, "_export", lambda *_a, **_k: None)
    monkeypatch.setattr(jalankan, "_publish", lambda run, *_a, **_k: run)
    run = jalankan.run_report(tmp_path, tmp_path / "out", processed_dir=tmp_path / "proc",
                              notebooks_dir=nbdir, lang="en", periode_akhir="2025 q4",
                              params={"n_bootstrap": "5", "batas_pembinaan": "65",
                                      "k_min_pegawai": "12"},
                              log=lambda _m: None, progress_bar=False)
    assert seen["00_a.ipynb"] == {"lang": "en", "periode_akhir": "2025-Q4", "n_bootstrap": 5,
                                  "batas_pembinaan": 65.0, "seed": 2026}
    assert set(seen["01_b.ipynb"]) == {"results_dir", "k_min_pegawai"}
    assert seen["01_b.ipynb"]["k_min_pegawai"] == 12
    assert seen["02_c.ipynb"] == {}
    assert run.user_params == {"n_bootstrap": 5, "batas_pembinaan": 65.0, "k_min_pegawai": 12}


def test_warm_kernel_names_the_notebooks_own_cell(tmp_path):
    """The failing cell is numbered among the notebook's own code cells (1-based, markdown,
    reset and injected-parameter cells not counted), not by the shared kernel's execution
    counter; injected values arrive with their declared types."""
    ok = _notebook(tmp_path / "00_ok.ipynb", "a = 1", "b = 2", "c = 3", "d = 4")
    params = "batas_pembinaan = 70.0\nk_min_pegawai = 10\ncepat = False\nbutir_terbalik = []"
    bad = _notebook(
        tmp_path / "01_gagal.ipynb", params,
        "assert type(batas_pembinaan) is float and batas_pembinaan == 65.0\n"
        "assert k_min_pegawai == 12 and cepat is True and butir_terbalik == ['khawatir_2']",
        "raise ValueError('sengaja gagal di sel 3')",
        "x = 'tidak dijalankan'",
        markdown=True,
    )
    decls = {"01_gagal": P.baca_deklarasi(bad)}
    values = P.periksa(decls, {"batas_pembinaan": "65", "k_min_pegawai": "12", "cepat": "ya",
                               "butir_terbalik": "khawatir_2"})
    jalankan._kernel_env()
    kernel = jalankan.WarmKernel(tmp_path, warm_imports=())
    try:
        kernel.execute(ok, tmp_path / "00_ok.out.ipynb", {"a": 5})
        with pytest.raises(jalankan.NotebookFailedError) as err:
            kernel.execute(bad, tmp_path / "01_gagal.out.ipynb", values)
    finally:
        kernel.close()
    assert err.value.cell == 3
    assert err.value.ename == "ValueError" and "sel 3" in err.value.evalue
    executed = nbformat.read(tmp_path / "01_gagal.out.ipynb", as_version=4)
    counts = [c.execution_count for c in executed.cells if c.cell_type == "code"]
    assert max(c or 0 for c in counts) > 3  # the kernel counter would have named another cell


def test_reproduce_command_is_shell_safe_and_round_trips(declared):
    values = P.periksa(declared, {"kelompok_kontrol": "never_treated", "batas_pembinaan": "65",
                                  "butir_terbalik": "khawatir_2,khawatir_3", "gelombang": "none"})
    cmd = jalankan._reproduce_cmd(Path("/srv/data $(rm -rf ~); x"), "en", "2025-Q4", values,
                                  lenient=True)
    argv = shlex.split(cmd)
    assert argv[:2] == ["kinerja", "report"]
    assert argv[argv.index("--data") + 1] == "/srv/data $(rm -rf ~); x"
    args = cli.build_parser().parse_args(argv[1:])
    assert args.lenient and args.periode_akhir == "2025-Q4" and args.lang == "en"
    assert P.periksa(declared, dict(args.param)) == values
