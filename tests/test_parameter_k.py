"""Privacy thresholds (issue 14): lowering k_min_pegawai below 10 or k_min_responden below 5
needs an explicit flag, is stated on every page and recorded in results.json; below 1 never.

The report run with a lowered threshold is in tests/test_keamanan_markdown.py (one run for
both files); here the refusals, the page functions and the page furniture, without a run.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import nbformat
import pytest

from kinerja_analysis import cli
from kinerja_analysis.laporan import ekspor, teks
from kinerja_analysis.laporan import parameter as P
from kinerja_analysis.laporan.bagian import Parameter
from kinerja_analysis.laporan.bagian import dampak as dampak_page

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"


@pytest.mark.parametrize(("name", "value", "lang"), [
    ("k_min_pegawai", 1, "id"), ("k_min_pegawai", 9, "en"), ("k_min_responden", 4, "id"),
    ("k_min_responden", "2", "en"),
])
def test_run_report_refuses_a_lowered_threshold_without_the_flag(tmp_path, name, value, lang):
    from kinerja_analysis.laporan import run_report

    with pytest.raises(P.ParameterError) as err:
        run_report(tmp_path / "raw", tmp_path / "out", processed_dir=tmp_path / "proc",
                   params={name: value}, lang=lang, notebooks_dir=NOTEBOOKS,
                   log=lambda _m: None, progress_bar=False)
    msg = str(err.value)
    # names the parameter, the value, the default and the flag, in both languages (id first)
    assert name in msg and f"= {value}" in msg and "--izinkan-k-kecil" in msg
    assert "izinkan_k_kecil=True" in msg
    assert msg.index("Ambang kerahasiaan") < msg.index("Confidentiality threshold")
    assert "(baku 10)" in msg or "(baku 5)" in msg
    assert not (tmp_path / "out").exists() and not (tmp_path / "proc").exists()


def test_cli_exits_3_naming_the_parameter_and_the_flag(tmp_path, capsys, demo_raw):
    code = cli.main(["report", "--data", str(demo_raw), "--out", str(tmp_path / "o"),
                     "--processed", str(tmp_path / "p"), "--no-progress",
                     "--notebooks", str(NOTEBOOKS), "-p", "k_min_pegawai", "1"])
    assert code == cli.EXIT_USAGE
    err = capsys.readouterr().err
    assert "k_min_pegawai = 1" in err and "--izinkan-k-kecil" in err
    assert "Ambang kerahasiaan" in err and "Confidentiality threshold" in err
    assert not (tmp_path / "o").exists() and not (tmp_path / "p").exists()


@pytest.mark.parametrize("value", ["0", "-1"])
def test_zero_is_refused_even_with_the_flag(tmp_path, capsys, demo_raw, value):
    code = cli.main(["report", "--data", str(demo_raw), "--out", str(tmp_path / "o"),
                     "--processed", str(tmp_path / "p"), "--no-progress", "--izinkan-k-kecil",
                     "--notebooks", str(NOTEBOOKS), "-p", "k_min_responden", value])
    assert code == cli.EXIT_USAGE
    assert "k_min_responden" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


def test_the_flag_is_not_a_p_parameter():
    decl = P.baca_semua(sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")))
    with pytest.raises(P.ParameterError, match="--izinkan-k-kecil"):
        P.periksa(decl, {"izinkan_k_kecil": "true"}, "id")


def test_periksa_k_allows_defaults_and_higher_and_lowered_with_the_flag():
    assert P.periksa_k({"k_min_pegawai": 10, "k_min_responden": 5}) == {}
    assert P.periksa_k({"k_min_pegawai": 25}) == {}
    assert P.periksa_k({"k_min_pegawai": 3}, izinkan_k_kecil=True) == {"k_min_pegawai": 3}
    with pytest.raises(P.ParameterError):
        P.periksa_k({"k_min_pegawai": 0}, izinkan_k_kecil=True)


# ------------------------------------------------------------------ page functions


@pytest.mark.parametrize("kw", [{"k_min_pegawai": 0}, {"k_min_responden": 0},
                                {"k_min_pegawai": -5}])
def test_page_parameters_refuse_k_below_one(kw):
    with pytest.raises(ValueError, match="k_min_"):
        Parameter(**kw)
    with pytest.raises(ValueError, match="k_min_"):
        dampak_page.Parameter(izinkan_k_kecil=True, **kw)


def test_page_parameters_warn_below_the_default_unless_allowed():
    with pytest.warns(P.AmbangKecilWarning, match="k_min_pegawai = 3.*izinkan_k_kecil"):
        Parameter(k_min_pegawai=3)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        Parameter(k_min_pegawai=3, izinkan_k_kecil=True)
        Parameter()  # defaults: no warning


def test_notebooks_pass_the_flag_to_their_pages():
    for path in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")):
        assert P.baca_deklarasi(path)["izinkan_k_kecil"] == P.Deklarasi(
            "izinkan_k_kecil", "bool", False), path.name
        src = "".join(c.source for c in nbformat.read(path, as_version=4).cells)
        assert "izinkan_k_kecil=izinkan_k_kecil" in src, path.name


# ------------------------------------------------------------- header banner and docs


@pytest.mark.parametrize(("lang", "words"), [
    ("id", ("Ambang kerahasiaan diturunkan", "kelompok pegawai ditampilkan mulai n = 3 "
                                             "(baku 10)")),
    ("en", ("Confidentiality threshold lowered", "staff groups are shown from n = 3 "
                                                 "(default 10)")),
])
def test_banner_sentence(lang, words):
    hf = teks.header_footer(lang, "2025-Q4", None, {}, "kinerja report",
                            ambang={"k_min_pegawai": 3, "k_min_responden": 5})
    assert all(w in hf["peringatan"] for w in words)
    assert "n = 5" not in hf["peringatan"]  # only what was lowered
    assert teks.header_footer(lang, "2025-Q4", None, {}, "x")["peringatan"] == ""


def test_banner_is_near_the_top_of_an_exported_page(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("x")])
    hf = teks.header_footer("id", "2025-Q4", None, {}, "kinerja report",
                            ambang={"k_min_pegawai": 10, "k_min_responden": 2})
    out = ekspor.ekspor_html(nb, tmp_path / "p.html", lang="id",
                             kinerja={**hf, "judul": "Uji"}, toc_title="Daftar isi")
    page = out.read_text("utf-8")
    pos = page.find("Ambang kerahasiaan diturunkan")
    assert 0 < pos < page.index("<main>")
    assert "mulai n = 2 (baku 5)" in page


def test_results_schema_documents_the_key():
    schema = (ROOT / "docs" / "results_schema.md").read_text("utf-8")
    assert "`ambang_kerahasiaan`" in schema
    assert "--izinkan-k-kecil" in (ROOT / "docs" / "architecture.md").read_text("utf-8") \
        or "izinkan_k_kecil" in (ROOT / "docs" / "architecture.md").read_text("utf-8")
