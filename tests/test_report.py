"""End to end: `kinerja report` on the demo data -> self-contained HTML, results, manifest."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from kinerja_analysis.i18n import fmt_number
from kinerja_analysis.ingest import read_table
from kinerja_analysis.laporan import hasil

ROOT = Path(__file__).resolve().parents[1]


def test_outputs_exist(report_run):
    result, base = report_run
    out = base / "reports"
    per = out / result.periode
    assert (out / "index.html").exists()
    assert (out / "results.json").exists() and (out / "manifest.json").exists()
    notebooks = sorted(p.stem for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    assert sorted(p.stem for p in per.glob("[0-9][0-9]_*.html")) == notebooks
    assert (per / "index.html").exists()
    assert not list(out.glob(".build-*"))


def test_html_self_contained_and_without_code(report_run):
    result, base = report_run
    for page in (base / "reports").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"<script[^>]+src=", text), page
        assert not re.search(r"(src|href)=\"(https?:)?//", text), page
        assert "import kinerja_analysis" not in text and "from kinerja_analysis" not in text
    html = (base / "reports" / result.periode / "00_gambaran_data.html").read_text("utf-8")
    assert '<html lang="id">' in html
    assert "kinerja-toc" in html  # table of contents
    assert 'alt="' in html  # images carry alt text
    assert "IK 95 %" in html


def test_results_match_schema_and_report(report_run):
    result, base = report_run
    res = json.loads((base / "reports" / "results.json").read_text(encoding="utf-8"))
    assert res["meta"]["periode_akhir"] == result.periode
    for name, entry in res["data"].items():
        assert entry["read"] == entry["accepted"] + entry["rejected"], name
    rows = res["ikm"]["per_unit"]
    assert {
        "unit_kerja",
        "periode",
        "n_responden",
        "ikm",
        "mutu",
        "estimate",
        "ci_low",
        "ci_high",
        "n",
    } <= set(rows[0])
    assert len(rows) == 12 * 20
    for r in rows:
        if not r["suppressed"]:
            assert r["ci_low"] <= r["ikm"] <= r["ci_high"]
    # every IKM shown in the overview table is the rounded number of results.json
    html = (base / "reports" / result.periode / "00_gambaran_data.html").read_text("utf-8")
    last = [r for r in rows if r["periode"] == result.periode]

    for r in last:
        assert fmt_number(r["ikm"], 2, "id") in html
    k = res["ikm"]["keseluruhan_periode_akhir"]
    assert fmt_number(k["estimate"], 2, "id") in html


def test_results_json_has_no_nan_and_is_rounded(report_run):
    _result, base = report_run
    text = (base / "reports" / "results.json").read_text(encoding="utf-8")
    assert "NaN" not in text and "Infinity" not in text
    assert hasil.to_jsonable(json.loads(text)) == json.loads(text)


def test_manifest(report_run, demo_raw):
    result, base = report_run
    man = json.loads((base / "reports" / "manifest.json").read_text(encoding="utf-8"))
    assert man["parameter"]["periode_akhir"] == result.periode
    assert set(man["input_sha256"]) >= {"pegawai.csv", "survei_kepuasan.csv"}
    import hashlib

    assert (
        man["input_sha256"]["pegawai.csv"]
        == hashlib.sha256((demo_raw / "pegawai.csv").read_bytes()).hexdigest()
    )
    assert {"python", "pandas", "papermill"} <= set(man["versi_pustaka"])
    steps = man["durasi_langkah"]
    assert list(steps) == ["prepare", "notebooks", "html", "index"]
    assert all(v >= 0 for v in steps.values())
    assert sum(steps.values()) <= man["durasi_detik"] + 0.5


def test_no_personal_data_in_reports(report_run, demo_raw):
    _result, base = report_run
    peg = read_table(demo_raw / "pegawai.csv", "pegawai").frame
    nips = set(peg["nip"].str.replace(" ", "", regex=False))
    names = {n for n in peg["nama"] if n.strip()}
    for folder in (base / "reports", base / "processed"):
        for path in folder.rglob("*"):
            if path.is_dir():
                continue
            if path.suffix == ".parquet":
                text = pd.read_parquet(path).astype(str).to_csv(index=False)
            else:
                text = path.read_text(encoding="utf-8", errors="replace")
            hits = [n for n in nips if n in text] + [n for n in names if n in text]
            assert not hits, (path, hits[:3])


def test_skip_unchanged(report_run, demo_raw):
    from kinerja_analysis.laporan import run_report

    result, base = report_run
    again = run_report(demo_raw, base / "reports", processed_dir=base / "processed",
                       periode_akhir=result.periode, skip_unchanged=True,
                       progress_bar=False, log=lambda _m: None,
                       notebooks_dir=ROOT / "notebooks")
    assert again.skipped
    manifest = (base / "reports" / result.periode / "manifest.json").read_text("utf-8")
    assert json.loads(manifest)["parameter"]["k_min_pegawai"] == 10


def test_executive_summary_pdf(report_run):
    result, base = report_run
    pdf = base / "reports" / result.periode / "04_ringkasan_eksekutif.pdf"
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 10_000
    assert b"/MediaBox [0 0 595.2" in data or b"595.27" in data  # A4 width in points
    assert not list(pdf.parent.glob("*.typ"))


def test_rerun_gives_the_same_numbers(report_run, demo_raw, tmp_path):
    """Seeds are fixed: a second run on the same inputs writes an identical results.json."""
    from kinerja_analysis.laporan import run_report

    result, base = report_run
    again = run_report(demo_raw, tmp_path / "reports", processed_dir=tmp_path / "processed",
                       progress_bar=False, log=lambda _m: None,
                       notebooks_dir=ROOT / "notebooks")
    first = (base / "reports" / result.periode / "results.json").read_bytes()
    second = (tmp_path / "reports" / again.periode / "results.json").read_bytes()
    assert first == second


def test_flipping_data_changes_the_summary_sentence(demo_raw, tmp_path):
    """Change one respondent's answers in the last quarter: the executive summary's IKM
    sentence follows the data (notebooks 00 and 04 only, to keep the test short)."""
    import shutil

    from kinerja_analysis.laporan import run_report

    nbdir = tmp_path / "nb"
    nbdir.mkdir()
    for name in ("00_gambaran_data.ipynb", "04_ringkasan_eksekutif.ipynb"):
        shutil.copy(ROOT / "notebooks" / name, nbdir / name)

    def sentence(raw, out):
        res = run_report(raw, out / "reports", processed_dir=out / "processed",
                         progress_bar=False, log=lambda _m: None, notebooks_dir=nbdir)
        found = res.results["ringkasan_eksekutif"]["temuan"]
        return next(f for f in found if f["kode"] == "ikm_terkini")["kalimat"], res

    before, res0 = sentence(demo_raw, tmp_path / "a")
    raw = tmp_path / "raw"
    shutil.copytree(demo_raw, raw)
    path = raw / "survei_kepuasan.csv"
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    head = lines[0].split(",")
    cols = [head.index(f"u{i}") for i in range(1, 10)]
    last = len(lines) - 1  # the file is ordered by quarter: the last row is in the last one
    cells = lines[last].split(",")
    for c in cols:
        cells[c] = "1"
    lines[last] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    after, res1 = sentence(raw, tmp_path / "b")

    old = res0.results["ikm"]["keseluruhan_periode_akhir"]["estimate"]
    new = res1.results["ikm"]["keseluruhan_periode_akhir"]["estimate"]
    assert new < old
    assert before != after
    assert fmt_number(new, 2, "id") in after and fmt_number(old, 2, "id") in before


def test_warm_kernel_reset_isolates_notebooks(tmp_path):
    """A notebook run in the shared kernel sees nothing of the one before it."""
    import nbformat

    from kinerja_analysis.laporan.jalankan import WarmKernel, _kernel_env

    first = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("import json\nsecret = 41\n_private = 1\nsecret + 1"),
    ])
    second = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell(
            "names = {'secret', '_private', 'json'} & set(globals())\n"
            "assert not names, names\nassert not Out, Out\n"
            "import matplotlib.pyplot as plt\nassert not plt.get_fignums()"),
    ])
    for name, nb in (("a.ipynb", first), ("b.ipynb", second)):
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                     "language": "python"}
        nbformat.write(nb, str(tmp_path / name))
    _kernel_env()
    kernel = WarmKernel(tmp_path)
    try:
        kernel.execute(tmp_path / "a.ipynb", tmp_path / "a.out.ipynb", {})
        kernel.execute(tmp_path / "b.ipynb", tmp_path / "b.out.ipynb", {})
    finally:
        kernel.close()


def test_warm_kernel_imports_without_binding_names(tmp_path):
    """The warm-up imports modules in the kernel but binds no name a notebook could rely on."""
    import nbformat

    from kinerja_analysis.laporan.jalankan import WarmKernel, _kernel_env

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "import sys\nassert 'seaborn' in sys.modules and 'rddensity' in sys.modules\n"
        "assert 'seaborn' not in globals() and 'm' not in globals()")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nbformat.write(nb, str(tmp_path / "a.ipynb"))
    _kernel_env()
    kernel = WarmKernel(tmp_path)
    try:
        kernel.execute(tmp_path / "a.ipynb", tmp_path / "a.out.ipynb", {})
    finally:
        kernel.close()


def _per_cell(obj, decimals=None):
    """to_jsonable of a frame the cell-by-cell way (to_dict records, each value converted)."""
    return [{str(k): hasil.to_jsonable(v, decimals) for k, v in r.items()}
            for r in obj.to_dict(orient="records")]


@pytest.mark.parametrize("decimals", [None, 0, 2, 4])
def test_to_jsonable_frame_column_path_equals_cell_path(decimals):
    """The whole-column conversion gives exactly the values of converting each cell, for
    every dtype a results frame holds (NaN/inf -> None, nullable NA, str, object, dates)."""
    import numpy as np

    rng = np.random.default_rng(decimals or 7)
    n = 500
    f = rng.normal(size=n) * 1e3
    f[::7], f[::11], f[::13] = np.nan, np.inf, -np.inf
    df = pd.DataFrame({
        "f": f, "f32": rng.normal(size=n).astype("float32"), "i": rng.integers(-9, 9, n),
        "u": rng.integers(0, 9, n).astype("uint8"), "b": rng.random(n) < 0.5,
        "s": pd.Series(rng.choice(["a", "b", None], n), dtype="str"),
        "I": pd.array(rng.choice([1, 2, None], n), dtype="Int64"),
        "F": pd.array(rng.choice([1.23456, None], n), dtype="Float64"),
        "o": pd.Series(rng.choice(["x", None, 1.23456, 2], n), dtype=object),
        "ts": pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 9, n), unit="D"),
        "c": pd.Categorical(rng.choice(["p", "q"], n)), 3: rng.normal(size=n)})
    got = hasil.to_jsonable(df, decimals)
    want = _per_cell(df, decimals)
    assert json.dumps(got) == json.dumps(want)
    assert got[0].keys() == want[0].keys() and type(got[1]["i"]) is int
    assert got[7]["f"] is None and got[11]["f"] is None
    # second pass (simpan_bagian) leaves plain values alone
    assert hasil.to_jsonable(got) == got


def _page_text(path: Path) -> str:
    import html

    t = re.sub(r"<style.*?</style>|<script.*?</script>|<img[^>]*>", "",
               path.read_text(encoding="utf-8"), flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", t)).split())


def test_city_scale_pages_describe_the_methods_used(tmp_path):
    """With ~200 units the pages must not carry the few-units wording of the demo: the
    impact standard errors are analytic (no bootstrap below 30 units only), the between-
    unit text does not say 'only', the caveat is not 'few units', and counts are formatted."""
    from kinerja_analysis import synth
    from kinerja_analysis.laporan import run_report

    raw = tmp_path / "raw"
    synth.generate(raw, "semarang", seed=2026)
    res = run_report(raw, tmp_path / "reports", processed_dir=tmp_path / "proc", lang="id",
                     progress_bar=False, log=lambda _m: None,
                     notebooks_dir=ROOT / "notebooks")
    per = tmp_path / "reports" / res.periode
    results = json.loads((tmp_path / "reports" / "results.json").read_text(encoding="utf-8"))
    n_unit = results["dampak"]["desain"]["n_unit"]
    assert n_unit >= 30 and results["dampak"]["ikm"]["att"]["bootstrap"] is False
    d = _page_text(per / "01_dampak_evaluasi.html")
    assert f"Dengan {n_unit} unit, galat baku dihitung secara analitik" in d
    assert "bootstrap (Webb" not in d and "Sedikit unit" not in d
    assert f"Pembanding: {n_unit} unit" in d
    k = _page_text(per / "02_korelasi_survei_skor.html")
    n_antar = results["korelasi"]["antar_unit"]["spearman"]["n"]
    assert f"Ada {n_antar} unit" in k and "Dengan hanya" not in k
    assert "Uji permutasi (9.999 acakan): p = " in k  # still run below 500 units
    dalam = results["korelasi"]["dalam_unit"]["pearson"]["n"]
    assert dalam >= 1000 and fmt_number(dalam, 0, "id") in k  # e.g. 3.860, not 3860
