"""Hostile data and the privacy audit, end to end.

Personal data planted everywhere in the inputs (free text, extra columns) never reaches
``data/processed/`` or ``reports/``; HTML in unit names and free text is shown as text; a
report killed midway leaves the previous report intact; every published group figure in
results.json rests on at least the minimum group size or is marked suppressed.
"""

from __future__ import annotations

import base64
import csv
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
NIK = "3374031203850001"
PHONES = ("0812-3456-7890", "+62 811 2233 4455")
EMAIL = "budi.santoso@semarangkota.go.id"
UNIT_OLD = "Kelurahan Ngesrep"
UNIT_HTML = "Kelurahan <img src=x onerror=alert(1)> Ngesrep"
FORMULA = '=HYPERLINK("http://contoh.invalid","klik")'
# issue #14: landline, handle, a name after "petugas" that is not in the roster, NIK in
# full-width digits (the NIP is also planted in 4-4-4-4-2 groups)
LANDLINE = "024-7471234"
HANDLE = "@pelayanan.bmk"
HONOR_NAME = "Sumirah"
FULLWIDTH_NIK = "３３７４０３１２０３８５０００２"


def _rewrite(path: Path, fn) -> None:
    text = path.read_text(encoding="utf-8-sig")
    sep = ";" if text.splitlines()[0].count(";") > text.splitlines()[0].count(",") else ","
    df = pd.read_csv(path, dtype=str, keep_default_na=False, sep=sep, encoding="utf-8-sig")
    df = fn(df)
    df.to_csv(path, index=False, sep=sep, quoting=csv.QUOTE_MINIMAL)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, demo_raw):
    """Demo data with personal data and HTML planted, and the report built from it."""
    from kinerja_analysis.laporan import run_report

    base = tmp_path_factory.mktemp("hostile")
    raw = base / "raw"
    shutil.copytree(demo_raw, raw)
    peg = pd.read_csv(raw / "pegawai.csv", dtype=str, keep_default_na=False)
    nip = peg["nip"].iloc[0]
    spaced_nip = f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    name = peg["nama"].iloc[1]
    grouped_nip = " ".join(nip[i : i + 4] for i in range(0, 18, 4))
    planted = (f"Hubungi {name} ({spaced_nip}) di {PHONES[0]} / {PHONES[1]}, {EMAIL}, NIK {NIK}"
               f", telp {LANDLINE}, IG {HANDLE}, petugas {HONOR_NAME}, NIP {grouped_nip}, "
               f"NIK {FULLWIDTH_NIK}")

    def units(df):
        if "unit_kerja" in df.columns:
            df["unit_kerja"] = df["unit_kerja"].str.replace(UNIT_OLD, UNIT_HTML, case=False)
        return df

    def pegawai(df):
        df = units(df)
        df["no_hp"] = PHONES[0]
        df["email"] = EMAIL
        df["catatan"] = f"NIK {NIK} <script>alert(2)</script>"
        return df

    def survei(df):
        df = units(df)
        df.loc[df.index[:40], "saran"] = planted
        df.loc[df.index[40:45], "saran"] = "<script>alert(3)</script> pelayanan lambat"
        df.loc[df.index[45], "saran"] = FORMULA
        return df

    def asn(df):
        df.loc[df.index[:30], "komentar"] = planted + " takut karir terhambat"
        return df

    _rewrite(raw / "kebijakan.csv", units)
    _rewrite(raw / "pegawai.csv", pegawai)
    _rewrite(raw / "survei_kepuasan.csv", survei)
    _rewrite(raw / "survei_asn.csv", asn)
    _rewrite(raw / "tindak_lanjut.csv",
             lambda df: df.assign(keterangan=[planted] * len(df)))
    result = run_report(raw, base / "reports", processed_dir=base / "processed",
                        progress_bar=False, log=lambda _m: None,
                        notebooks_dir=ROOT / "notebooks", pdf=True,
                        simpan_kolom=("catatan", "no_hp"))
    secrets = {nip, spaced_nip, name, NIK, *PHONES, EMAIL, "08123456789", "6281122334455",
               grouped_nip, LANDLINE, HANDLE, HONOR_NAME, FULLWIDTH_NIK, "pelayanan.bmk"}
    return result, base, secrets, peg


_SVG_URI = re.compile(r"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)")


def _texts(folder: Path):
    for path in sorted(folder.rglob("*")):
        if path.is_dir():
            continue
        if path.suffix == ".parquet":
            yield path, pd.read_parquet(path).astype(str).to_csv(index=False)
        elif path.suffix == ".pdf":
            continue  # compressed; its text comes from the HTML checked here
        else:
            text = path.read_text(encoding="utf-8", errors="replace")
            yield path, text
            # charts are SVG with their labels as text: audit them decoded too
            for i, data in enumerate(_SVG_URI.findall(text)):
                yield path.with_name(f"{path.name}#svg{i}"), base64.b64decode(data).decode()


def test_privacy_audit_zero_hits(hostile):
    _result, base, secrets, peg = hostile
    nips = set(peg["nip"])
    names = {n for n in peg["nama"] if n.strip()}
    checked = svgs = 0
    for folder in (base / "processed", base / "reports"):
        for path, text in _texts(folder):
            checked += 1
            compact = text.replace(" ", "").replace("-", "")
            hits = [s for s in secrets if s in text or s.replace(" ", "").replace("-", "")
                    in compact]
            hits += [n for n in nips if n in text] + [n for n in names if n in text]
            assert not hits, (path, hits[:3])
            svgs += "#svg" in path.name
    assert checked >= 15 and svgs >= 10


def test_personal_extra_columns_dropped(hostile):
    _result, base, _secrets, _peg = hostile
    cols = pd.read_parquet(base / "processed" / "pegawai.parquet").columns
    assert "no_hp" not in cols and "email" not in cols  # no_hp: allowed, but personal
    assert "catatan" in cols  # allowed: kept, but scrubbed (checked by the audit above)


def test_html_in_data_is_escaped_everywhere(hostile):
    result, base, _secrets, _peg = hostile
    pages = list((base / "reports").rglob("*.html"))
    assert len(pages) >= 7
    seen_escaped = False
    texts = [(p, t) for p, t in _texts(base / "reports") if p.suffix.startswith(".html")]
    assert len(texts) > len(pages)  # the charts' SVG text is checked too
    for page, text in texts:
        for raw_html in ("<img src=x onerror", "<script>alert("):
            assert raw_html not in text, (page.name, raw_html)
        seen_escaped |= "&lt;img src=x onerror=alert(1)&gt;" in text
    assert seen_escaped  # the unit is shown, as text
    res = json.loads((base / "reports" / "results.json").read_text(encoding="utf-8"))
    assert any(r["unit_kerja"] == UNIT_HTML for r in res["ikm"]["per_unit"])


def test_formula_text_never_exported_as_a_formula(hostile):
    _result, base, _secrets, _peg = hostile
    for path in list((base / "processed").rglob("*.csv")) + list(
            (base / "reports").rglob("*.csv")):
        for row in csv.reader(path.open(encoding="utf-8")):
            assert not any(c[:1] in "=+-@" and c[1:2].isalpha() for c in row), path


def test_group_figures_meet_minimum_or_are_suppressed(hostile):
    result, base, _secrets, _peg = hostile
    res = json.loads((base / "reports" / "results.json").read_text(encoding="utf-8"))
    k_peg, k_resp = 10, 5
    checks = 0

    def walk(obj, section):
        nonlocal checks
        if isinstance(obj, dict):
            if "suppressed" in obj:
                n = obj.get("n", obj.get("n_responden"))
                k = k_resp if section == "ikm" else k_peg
                checks += 1
                assert obj["suppressed"] or n is None or n == 0 or n >= k, (section, obj)
                if obj["suppressed"]:
                    shown = [key for key in ("proporsi", "ikm", "estimate", "ci_low",
                                             "ci_high") if obj.get(key) is not None]
                    assert not shown, (section, obj)
            for v in obj.values():
                walk(v, section)
        elif isinstance(obj, list):
            for v in obj:
                walk(v, section)

    for section, value in res.items():
        walk(value, section)
    assert checks > 100


def test_killed_report_leaves_previous_report_intact(hostile, tmp_path):
    """SIGKILL while notebooks run: the last good report (folder, index, results) survives."""
    result, base, _secrets, _peg = hostile
    out = base / "reports"
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    env = {**os.environ, "KINERJA_PSEUDONYM_KEY": "kunci-uji-kinerja-analysis-000000"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "kinerja_analysis.cli", "report", "--data", str(base / "raw"),
         "--out", str(out), "--processed", str(tmp_path / "proc"), "--no-progress",
         "--notebooks", str(ROOT / "notebooks")],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
        start_new_session=True)
    deadline = time.time() + 120
    for line in proc.stdout:
        if "✓ 00_gambaran_data" in line or time.time() > deadline:
            break
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    # a killed run leaves its (released) lock file and its build folder, nothing else
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()
             and ".build-" not in str(p) and p.name != ".kinerja.lock"}
    assert after == before
    # the half-built folder is set aside, never published; the next run replaces it
    assert not (out / result.periode / "_notebook").exists()


def test_200_mb_single_line_gives_a_clear_error(demo_raw, tmp_path, capsys):
    """A 200 MB line (unclosed quote, garbled export) is refused with file, row and reason."""
    from kinerja_analysis import cli

    raw = tmp_path / "raw"
    shutil.copytree(demo_raw, raw)
    with open(raw / "kebijakan.csv", "a", encoding="utf-8") as fh:
        fh.write("Kelurahan X," + "9" * 200_000_000 + "\n")
    assert cli.main(["validate", "--data", str(raw)]) == cli.EXIT_DATA
    err = capsys.readouterr().err
    assert "kebijakan.csv, baris 14: sebuah sel lebih panjang dari" in err
