"""Issue #14, end to end without a report: personal data planted in every text column and in
extra columns never reaches ``data/processed/`` nor the page 03 quotes.

The demo data get grouped NIPs and NIKs, full-width digits, landlines, @handles, names
after honorifics that are not in the roster, and extra columns (``Nama:``, ``Pemohon``,
``tgl_lahir``, ...). ``prepare`` runs once with an allow-list (``simpan_kolom``); the
Parquet files and :func:`hambatan.kutipan_tema` on the written comments are checked.
"""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from kinerja_analysis import cli, contract
from kinerja_analysis import hambatan as hb
from kinerja_analysis.prepare import prepare

TEST_KEY = b"kunci-uji-kinerja-analysis-000000"
GROUPED_NIK = "3374 03 5203 85 0001"  # women: day 12 + 40
FULLWIDTH_NIK = "３３７４０３１２０３８５０００２"
LANDLINES = ("024-7471234", "(024) 7481234", "024 7491234", "0247401234")
HANDLES = ("@budi_s", "@pelayanan.bmk")
NAMES = ("Sumirah Wiyono", "Kartolo")  # not in the roster
CITIZEN = "Suparjo Hadisiswoyo"
BIRTH = "1990-05-17"
SIMPAN = ("catatan", "no_hp", "Pemohon")


def _rewrite(path: Path, fn) -> None:
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    fn(df).to_csv(path, index=False, quoting=csv.QUOTE_MINIMAL)


def _grouped(nip: str) -> str:
    return f"{nip[:4]} {nip[4:8]} {nip[8:12]} {nip[12:16]} {nip[16:]}"


@pytest.fixture(scope="module")
def planted(tmp_path_factory, demo_raw):
    base = tmp_path_factory.mktemp("scrub14")
    raw = base / "raw"
    shutil.copytree(demo_raw, raw)
    peg = pd.read_csv(raw / "pegawai.csv", dtype=str, keep_default_na=False,
                      encoding="utf-8-sig")
    nip = peg["nip"].iloc[0]
    text = (f"Hubungi petugas {NAMES[1]} atau Bu {NAMES[0]} ({_grouped(nip)}) di "
            f"{LANDLINES[0]} / {LANDLINES[1]} / {LANDLINES[2]} / {LANDLINES[3]}, IG "
            f"{HANDLES[0]} {HANDLES[1]}, NIK {GROUPED_NIK} / {FULLWIDTH_NIK}")

    def pegawai(df):
        df.loc[df.index[:3], "jabatan"] = f"Staf {NAMES[1]} {LANDLINES[0]}"
        df["catatan"] = text
        df["no_hp"] = "0812-3456-7890"
        df["Nama:"] = CITIZEN
        df["tgl_lahir"] = BIRTH
        df["kanal"] = "loket"
        return df

    def survei(df):
        n = len(df)
        df.loc[df.index[:40], "saran"] = text
        df.loc[df.index[:5], "jenis_layanan"] = f"Legalisasi a.n. Bu {NAMES[0]} {LANDLINES[3]}"
        df.loc[df.index[5:10], "pekerjaan"] = f"Swasta {HANDLES[0]}"
        df.loc[df.index[10:15], "pendidikan"] = f"S1 NIK {GROUPED_NIK}"
        df["Pemohon"] = [CITIZEN] * n
        df["Tanggal Lahir"] = [BIRTH] * n
        return df

    def asn(df):
        df.loc[df.index[:30], "komentar"] = text + " takut karir terhambat"
        # digits and '@' that no pattern removes: never quoted on page 03
        df.loc[df.index[30:60], "komentar"] = "Takut karir terhambat, antrian 12 3456 78"
        df.loc[df.index[60:90], "komentar"] = "Takut karir terhambat, ig pelayanan@"
        return df

    _rewrite(raw / "pegawai.csv", pegawai)
    _rewrite(raw / "survei_kepuasan.csv", survei)
    _rewrite(raw / "survei_asn.csv", asn)
    _rewrite(raw / "tindak_lanjut.csv", lambda df: df.assign(keterangan=[text] * len(df)))
    res = prepare(raw, base / "processed", key=TEST_KEY,
                  options=contract.ContractOptions(simpan_kolom=SIMPAN))
    secrets = {nip, _grouped(nip), GROUPED_NIK, FULLWIDTH_NIK, *LANDLINES, *HANDLES, *NAMES,
               CITIZEN, BIRTH, "0812-3456-7890", "pelayanan.bmk", "budi_s"}
    return res, base, raw, secrets


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def test_no_planted_value_in_processed(planted):
    res, base, _raw, secrets = planted
    assert res.files
    for path in sorted((base / "processed").rglob("*")):
        if path.is_dir():
            continue
        text = (pd.read_parquet(path).astype(str).to_csv(index=False)
                if path.suffix == ".parquet" else path.read_text(encoding="utf-8"))
        for s in secrets:
            assert s not in text, (path.name, s)
        digits = _digits(text)
        for s in (GROUPED_NIK, *LANDLINES):
            assert _digits(s) not in digits, (path.name, s)


def test_extra_columns_allow_list(planted):
    res, base, _raw, _secrets = planted
    peg = pd.read_parquet(base / "processed" / "pegawai.parquet")
    sk = pd.read_parquet(base / "processed" / "survei_kepuasan.parquet")
    assert "catatan" in peg.columns  # allowed: kept, scrubbed
    assert peg["catatan"].str.contains(r"\[NAMA\]").all()
    # headers are read lower-cased, spaces as "_" (ingest.normalize_header)
    for col in ("no_hp", "nama:", "tgl_lahir", "kanal"):
        assert col not in peg.columns, col
    for col in ("pemohon", "tanggal_lahir"):
        assert col not in sk.columns, col
    msgs = {lang: [p.message(lang) for p in res.report.problems
                   if p.code in ("kolom_tambahan", "kolom_pribadi")]
            for lang in ("id", "en")}
    peg_id = " ".join(m for m in msgs["id"] if "pegawai" in m)
    assert "kanal" in peg_id and "tgl_lahir" in peg_id and "no_hp" in peg_id
    assert "dibuang" in peg_id
    assert any("pemohon" in m and "--simpan-kolom" in m for m in msgs["id"]), msgs
    assert any("dropped" in m for m in msgs["en"])
    assert any("pemohon" in m and "--simpan-kolom" in m for m in msgs["en"])


def test_text_columns_without_personal_data_unchanged(planted):
    _res, base, raw, _secrets = planted
    sk_raw = pd.read_csv(raw / "survei_kepuasan.csv", dtype=str, keep_default_na=False)
    sk = pd.read_parquet(base / "processed" / "survei_kepuasan.parquet")
    for col in ("jenis_layanan", "pekerjaan", "pendidikan"):
        got = sk[col].fillna("").tolist()[15:]
        assert got == sk_raw[col].tolist()[15:], col
    assert "[TELEPON]" in sk["jenis_layanan"].iloc[0] and "[NAMA]" in sk["jenis_layanan"].iloc[0]
    assert sk["pekerjaan"].iloc[5] == "Swasta [AKUN]"
    peg_raw = pd.read_csv(raw / "pegawai.csv", dtype=str, keep_default_na=False)
    peg = pd.read_parquet(base / "processed" / "pegawai.parquet")
    assert peg["jabatan"].fillna("").tolist()[3:] == peg_raw["jabatan"].tolist()[3:]
    assert peg["jabatan"].iloc[0] == "Staf [NAMA] [TELEPON]"


def test_page_03_quotes_hold_no_identifiers(planted):
    _res, base, _raw, secrets = planted
    asn = pd.read_parquet(base / "processed" / "survei_asn.parquet")
    sk = pd.read_parquet(base / "processed" / "survei_kepuasan.parquet")
    for comments in (asn["komentar"], sk["saran"]):
        q = hb.kutipan_tema(comments, k_min=10, per_tema=20)
        assert len(q)  # quotes remain
        for text in q["kutipan"]:
            assert "@" not in text and not re.search(r"\d{7}", re.sub(r"[\s.\-()/+]", "", text))
            assert not any(s in text for s in secrets), text
    q = hb.kutipan_tema(asn["komentar"], k_min=10, per_tema=20)
    assert "karir_promosi" in set(q["tema"])


def test_cli_simpan_kolom(planted, tmp_path, capsys):
    _res, _base, raw, _secrets = planted
    out = tmp_path / "processed"
    code = cli.main(["prepare", "--data", str(raw), "--processed", str(out),
                     "--simpan-kolom", "catatan", "--simpan-kolom", "Nama:"])
    assert code == 0
    printed = capsys.readouterr().out
    assert "nama:" in printed and "kanal" in printed
    cols = pd.read_parquet(out / "pegawai.parquet").columns
    assert "catatan" in cols and "nama:" not in cols and "kanal" not in cols
    args = cli.build_parser().parse_args(["report", "--data", "d", "--out", "o",
                                          "--simpan-kolom", "a", "--simpan-kolom", "b"])
    assert args.simpan_kolom == ["a", "b"]


def test_report_passes_simpan_kolom_to_prepare(monkeypatch, tmp_path, demo_raw):
    from kinerja_analysis.laporan import jalankan

    seen = {}

    class Stop(Exception):
        pass

    class NoKernel:
        def __init__(self, *_a, **_k):
            pass

        def close(self):
            pass

    def fake_prepare(*_a, options=None, **_k):
        seen["options"] = options
        raise Stop

    monkeypatch.setattr(jalankan, "WarmKernel", NoKernel)
    monkeypatch.setattr(jalankan, "prepare", fake_prepare)
    with pytest.raises(Stop):
        jalankan.run_report(demo_raw, tmp_path / "out", processed_dir=tmp_path / "p",
                            log=lambda _m: None, progress_bar=False, simpan_kolom=["catatan"])
    assert tuple(seen["options"].simpan_kolom) == ("catatan",)


# --------------------------------------------------------------------------- red team, item 2
def _small_raw(demo_raw: Path, dst: Path, nama_header: str | None, blank: bool = False) -> str:
    """pegawai, survei_asn and 300 survei_kepuasan rows; a roster name planted in lower case
    in the comments; the name column renamed to ``nama_header`` (or blanked)."""
    dst.mkdir()
    for name in ("pegawai", "survei_asn", "kebijakan"):
        shutil.copy(demo_raw / f"{name}.csv", dst / f"{name}.csv")
    sk = pd.read_csv(demo_raw / "survei_kepuasan.csv", dtype=str, keep_default_na=False,
                     encoding="utf-8-sig").head(300)
    peg = pd.read_csv(dst / "pegawai.csv", dtype=str, keep_default_na=False,
                      encoding="utf-8-sig")
    full = peg["nama"].iloc[3]
    sk["saran"] = f"dilayani {full.lower()} dengan baik"
    sk.to_csv(dst / "survei_kepuasan.csv", index=False)
    _rewrite(dst / "survei_asn.csv", lambda df: df.assign(
        komentar=[f"takut karir terhambat kata {full.lower()}"] * len(df)))
    if blank:
        peg["nama"] = ""
    if nama_header is not None:
        peg = peg.rename(columns={"nama": nama_header})
    peg.to_csv(dst / "pegawai.csv", index=False)
    return full


@pytest.mark.parametrize("header", ["Nama Lengkap", "NAMA_PEGAWAI", "Nama:", "nama_asn"])
def test_name_column_spellings_fill_the_roster(header, tmp_path, demo_raw):
    full = _small_raw(demo_raw, tmp_path / "raw", header)
    res = prepare(tmp_path / "raw", tmp_path / "p", key=TEST_KEY)
    asn = pd.read_parquet(tmp_path / "p" / "survei_asn.parquet")
    sk = pd.read_parquet(tmp_path / "p" / "survei_kepuasan.parquet")
    for text in (*asn["komentar"].dropna(), *sk["saran"].dropna()):
        assert full.lower() not in text.lower(), text
    assert asn["komentar"].str.contains(r"\[NAMA\]").all()
    assert res.ringkasan["roster_nama"] is True


def test_roster_without_names_empties_saran_and_blocks_quotes(tmp_path, demo_raw):
    _small_raw(demo_raw, tmp_path / "raw", None, blank=True)
    res = prepare(tmp_path / "raw", tmp_path / "p", key=TEST_KEY)
    sk = pd.read_parquet(tmp_path / "p" / "survei_kepuasan.parquet")
    assert sk["saran"].isna().all()
    assert res.ringkasan["roster_nama"] is False
    msgs = [p.message("en") for p in res.report.problems if p.code == "tanpa_nama_pegawai"]
    assert msgs and "saran" in msgs[0]
    asn = pd.read_parquet(tmp_path / "p" / "survei_asn.parquet")
    assert asn["komentar"].notna().all()  # still counted in the page 03 themes
    # page 03 quotes nothing (the name planted in lower case is still in the comments)
    from kinerja_analysis.laporan.bagian import hambatan as H
    from kinerja_analysis.muat import muat

    data = muat(tmp_path / "p")
    h = H._hitung(data, H.Parameter())
    assert h.kutipan is not None and h.kutipan.empty
    data.ringkasan["roster_nama"] = True  # the same data with a roster would be quoted
    assert len(H._hitung(data, H.Parameter()).kutipan)
