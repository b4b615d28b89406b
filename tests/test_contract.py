"""Tests for the input data contract (docs/data_contract.md).

A small valid data folder is written in a fixture; every bad-input case replaces one file
with a fixture from ``tests/data/bad/<case>/`` (or applies a mutation) and checks the code,
file, row and column of the problem plus a fragment of its Indonesian message.

Regulation facts used: PermenPANRB 6/2022 predikat matrix (FACTS 2.2, marked [P]: from
consistent public implementations, the official Lampiran was not read); NIP PNS layout
(FACTS 3.1 [V]); PPPK numbers are only checked for 18 digits (their layout is [P]/[M]).
"""

from __future__ import annotations

import datetime
import os
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from kinerja_analysis import contract
from kinerja_analysis.contract import (
    ACCEPTED_COLUMNS,
    INPUTS,
    PROBLEM_CAP,
    SKOR_WEIGHTS,
    ContractOptions,
    Problem,
    validate_dir,
)
from kinerja_analysis.laporan.teks import JUDUL

TODAY = datetime.date(2025, 1, 1)
OPTIONS = ContractOptions(today=TODAY)
BAD = Path(__file__).parent / "data" / "bad"
U = ",".join(f"u{i}" for i in range(1, 10))
LIK = ",".join(f"{s}_{i}" for s in ("paham", "khawatir", "dukungan") for i in (1, 2, 3))

# Valid NIPs: 19860926 201505 1 001 (L), 19900115 201803 2 002 (P); PPPK 199205102022211003.
VALID: dict[str, str] = {
    "kebijakan": (
        "unit_kerja,tanggal_mulai\n"
        "Kecamatan Banyumanik,2024-01-15\n"
        "Kelurahan Pudakpayung,01/04/2024\n"
        "Kelurahan Gedawang,\n"
    ),
    "pegawai": (
        "nip,unit_kerja,nama,jabatan,golongan,status_kepegawaian,jenis_kelamin,tanggal_lahir\n"
        "198609262015051001,Kecamatan Banyumanik,Budi Santoso,Camat,IV/a,PNS,L,1986-09-26\n"
        "199001152018032002,kelurahan  pudakpayung,Sari Dewi,Lurah,iii-c,pns,,\n"
        "199205102022211003,Kelurahan Gedawang,Rina Wati,Staf,ix,PPPK,perempuan,10/05/1992\n"
    ),
    "penilaian_kinerja": (
        "nip,periode,kehadiran,kualitas_pelayanan,partisipasi,skor_kinerja,"
        "rating_hasil_kerja,rating_perilaku_kerja,predikat\n"
        "198609262015051001,2024-Q1,90,80,70,,Di Atas Ekspektasi,Di Atas Ekspektasi,\n"
        "198609262015051001,2024q2,95,85,75,86.5,sesuai,di bawah,Kurang/Misconduct\n"
        "199001152018032002,2024-Q1,100,90,80,,,,\n"
        "199205102022211003,2024-05,88,77,66,,di bawah ekspektasi,sesuai,butuh perbaikan\n"
    ),
    "survei_kepuasan": (
        f"id_responden,tanggal,unit_kerja,{U},jenis_layanan,nip_petugas,jenis_kelamin,usia,"
        "pendidikan,pekerjaan,saran\n"
        "R001,2024-05-02,Kecamatan Banyumanik,4,3,3,4,3,3,4,,2,KTP,198609262015051001,L,35,"
        "SMA,Swasta,Pelayanan cepat\n"
        "R002,03/06/2024,Kelurahan Pudakpayung,1,2,3,4,1,2,3,4,1,KK,,P,,S1,PNS,\n"
        "R003,2024-06-10,Kelurahan Gedawang,3,3,3,3,3,3,3,3,3,,199205102022211003,,60,,,\n"
    ),
    "survei_asn": (
        f"nip,tanggal,gelombang,{LIK},ikut_pelatihan,tanggal_pelatihan,komentar\n"
        "198609262015051001,2024-06-01,1,4,4,5,2,1,,3,3,3,ya,2024-05-01,Pelatihan bermanfaat\n"
        "199001152018032002,2024-06-01,1,3,3,3,3,3,3,3,3,3,Tidak,,\n"
        "198609262015051001,2024-12-01,2,5,5,5,1,1,1,4,4,4,TRUE,2024-05-01,\n"
    ),
    "tindak_lanjut": (
        "nip,periode,jenis,keterangan\n"
        "198609262015051001,2024-Q2,Penghargaan,Pegawai teladan\n"
        "199205102022211003,2024-Q2,pembinaan,\n"
    ),
}


def write_valid(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in VALID.items():
        (folder / f"{name}.csv").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def valid_dir(tmp_path: Path) -> Path:
    return write_valid(tmp_path / "data")


def check_invariants(report: contract.ValidationReport) -> None:
    assert set(report.tables) == set(INPUTS)
    for name, t in report.tables.items():
        assert t.n_read == len(t.accepted) + len(t.rejected), name
        assert list(t.accepted.columns[: len(ACCEPTED_COLUMNS[name])]) == list(
            ACCEPTED_COLUMNS[name]
        )
        assert t.accepted.columns[-1] == "_baris"
        assert {"_baris", "kode", "alasan"} <= set(t.rejected.columns)
        assert (t.rejected["alasan"].str.len() > 0).all()
        assert (t.rejected["kode"].str.len() > 0).all()


# --------------------------------------------------------------------------- valid folder


def test_valid_folder_has_no_problems(valid_dir: Path) -> None:
    report = validate_dir(valid_dir, OPTIONS)
    assert report.problems == []
    assert not report.has_errors
    check_invariants(report)
    s = report.summary().set_index("input")
    assert s.loc["pegawai", "read"] == 3 and s.loc["pegawai", "accepted"] == 3
    assert s[["rejected", "errors", "warnings"]].to_numpy().sum() == 0


def test_valid_folder_typed_values(valid_dir: Path) -> None:
    t = validate_dir(valid_dir, OPTIONS).tables
    kb = t["kebijakan"].accepted
    assert kb["triwulan_mulai"].tolist()[:2] == ["2024-Q1", "2024-Q2"]
    assert pd.isna(kb["tanggal_mulai"].iloc[2]) and pd.isna(kb["triwulan_mulai"].iloc[2])
    assert kb["tanggal_mulai"].dtype == "datetime64[ns]"

    peg = t["pegawai"].accepted.set_index("nip")
    # derived from the NIP when absent (PNS): digit 15 = 2 -> P, digits 1-8 = birth date
    assert peg.loc["199001152018032002", "jenis_kelamin"] == "P"
    assert peg.loc["199001152018032002", "tanggal_lahir"] == pd.Timestamp("1990-01-15")
    assert peg.loc["199001152018032002", "golongan"] == "III/c"
    assert peg.loc["199001152018032002", "status_kepegawaian"] == "PNS"
    # unit spelled as in kebijakan (case and spaces ignored when matching)
    assert peg.loc["199001152018032002", "unit_kerja"] == "Kelurahan Pudakpayung"
    assert peg.loc["199205102022211003", "golongan"] == "IX"
    assert peg.loc["199205102022211003", "jenis_kelamin"] == "P"
    assert peg.loc["199205102022211003", "tanggal_lahir"] == pd.Timestamp("1992-05-10")

    pk = t["penilaian_kinerja"].accepted
    assert pk["periode"].tolist() == ["2024-Q1", "2024-Q2", "2024-Q1", "2024-05"]
    assert pk["triwulan"].tolist() == ["2024-Q1", "2024-Q2", "2024-Q1", "2024-Q2"]
    # equal weights 1/3: (90 + 80 + 70) / 3 = 80
    assert pk["skor_kinerja"].tolist() == pytest.approx([80.0, 86.5, 90.0, 77.0])
    assert pk["skor_kinerja_turunan"].tolist() == [True, False, True, True]
    assert sum(SKOR_WEIGHTS.values()) == pytest.approx(1.0)
    # matrix: atas/atas -> Sangat Baik; bawah/sesuai -> Butuh Perbaikan
    assert pk["predikat"].tolist()[0] == "Sangat Baik"
    assert pk["predikat"].tolist()[1] == "Kurang/Misconduct"
    assert pd.isna(pk["predikat"].iloc[2])
    assert pk["predikat"].iloc[3] == "Butuh Perbaikan"
    assert pk["rating_perilaku_kerja"].iloc[1] == "Di Bawah Ekspektasi"

    sk = t["survei_kepuasan"].accepted
    assert sk["tanggal"].tolist()[1] == pd.Timestamp("2024-06-03")  # day-first
    assert sk["u8"].isna().tolist() == [True, False, False]
    assert sk["u9"].tolist() == [2.0, 1.0, 3.0]
    assert sk["usia"].dtype == "Int64" and sk["usia"].tolist()[0] == 35
    assert sk["nip_petugas"].iloc[0] == "198609262015051001" and pd.isna(sk["nip_petugas"].iloc[1])
    assert sk["triwulan"].tolist() == ["2024-Q2"] * 3

    sa = t["survei_asn"].accepted
    assert sa["ikut_pelatihan"].tolist() == [True, False, True]
    assert sa["ikut_pelatihan"].dtype == bool
    assert sa["gelombang"].dtype == "Int64"
    assert np.isnan(sa["khawatir_3"].iloc[0])

    tl = t["tindak_lanjut"].accepted
    assert tl["jenis"].tolist() == ["penghargaan", "pembinaan"]


def test_tukar_u8_u9_swaps_into_regulation_order(valid_dir: Path) -> None:
    opts = ContractOptions(urutan_unsur="tukar_u8_u9", today=TODAY)
    sk = validate_dir(valid_dir, opts).tables["survei_kepuasan"].accepted
    assert sk["u8"].tolist() == [2.0, 1.0, 3.0]
    assert sk["u9"].isna().tolist() == [True, False, False]


def test_optional_file_absent_gives_empty_typed_table(valid_dir: Path) -> None:
    (valid_dir / "tindak_lanjut.csv").unlink()
    report = validate_dir(valid_dir, OPTIONS)
    assert not report.has_errors
    tl = report.tables["tindak_lanjut"]
    assert tl.path is None and tl.n_read == 0 and not tl.present
    assert list(tl.accepted.columns) == [*ACCEPTED_COLUMNS["tindak_lanjut"], "_baris"]
    assert "tindak_lanjut" not in report.present
    assert report.summary().set_index("input")["present"].to_dict() == {
        n: n != "tindak_lanjut" for n in INPUTS}


def test_optional_columns_absent_are_present_as_na(valid_dir: Path) -> None:
    (valid_dir / "pegawai.csv").write_text(
        "NIP , Unit Kerja\n198609262015051001,Kecamatan Banyumanik\n", encoding="utf-8"
    )
    peg = validate_dir(valid_dir, OPTIONS).tables["pegawai"].accepted
    assert list(peg.columns) == [*ACCEPTED_COLUMNS["pegawai"], "_baris"]
    assert pd.isna(peg["nama"].iloc[0]) and pd.isna(peg["golongan"].iloc[0])
    assert peg["jenis_kelamin"].iloc[0] == "L"  # from the NIP


# --------------------------------------------------------------------------- bad inputs


def _delete(name: str):
    def mutate(folder: Path) -> None:
        (folder / f"{name}.csv").unlink()

    return mutate


def _add_xlsx(folder: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["nip", "unit_kerja"])
    wb.save(folder / "Pegawai.xlsx")


def _link_out(folder: Path) -> None:
    """pegawai.csv is a symlink to a file outside the data folder (issue #14)."""
    outside = folder.parent / f"{folder.name}-luar"
    outside.mkdir(exist_ok=True)
    (outside / "rahasia.csv").write_text("nip,unit_kerja\nRAHASIA-LUAR,x\n", encoding="utf-8")
    (folder / "pegawai.csv").unlink()
    (folder / "pegawai.csv").symlink_to(outside / "rahasia.csv")


def _double_extension(folder: Path) -> None:
    """pegawai.csv saved as pegawai.csv.csv (Windows hides the last extension)."""
    (folder / "pegawai.csv").rename(folder / "pegawai.csv.csv")


def _xlsx_rows(name: str) -> list[list[str]]:
    import csv
    import io

    return list(csv.reader(io.StringIO(VALID[name])))


def _data_on_second_sheet(folder: Path) -> None:
    """pegawai.xlsx: an instructions sheet first, the data on the second sheet."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.title = "Petunjuk"
    wb.active.append(["Isi sheet Data dengan daftar pegawai."])
    ws = wb.create_sheet("Data")
    for row in _xlsx_rows("pegawai"):
        ws.append(row)
    (folder / "pegawai.csv").unlink()
    wb.save(folder / "pegawai.xlsx")


def _formula_without_value(folder: Path) -> None:
    """penilaian_kinerja.xlsx whose skor_kinerja cells are formulas never computed
    (written by a program, not Excel: no cached values)."""
    import openpyxl

    wb = openpyxl.Workbook()
    rows = _xlsx_rows("penilaian_kinerja")
    for i, row in enumerate(rows):
        if i:
            row[5] = f"=AVERAGE(C{i + 1}:E{i + 1})"
        wb.active.append(row)
    (folder / "penilaian_kinerja.csv").unlink()
    wb.save(folder / "penilaian_kinerja.xlsx")


# (case: fixture folder or mutation, code, file, row, column, fragment of the id message)
CASES = [
    # every file is optional, but NIPs cannot be checked without pegawai (until the modular
    # inputs of issue #13 this case deleted survei_asn and expected berkas_tidak_ada; a
    # folder without survei_asn is now valid, see test_minimal_combinations_are_valid)
    (_delete("pegawai"), "perlu_berkas", "penilaian_kinerja.csv", None, None,
     "memerlukan berkas pegawai untuk memeriksa NIP"),
    (_add_xlsx, "berkas_ganda", "pegawai", None, None, "Pegawai.xlsx, pegawai.csv"),
    ("kolom_tidak_ada", "kolom_tidak_ada", "pegawai.csv", None, "unit_kerja",
     "kolom wajib tidak ada"),
    ("nip_excel_e17", "nip_excel", "pegawai.csv", 2, "nip",
     "nilai '…E+17' tampak seperti angka Excel; simpan kolom NIP sebagai teks"),
    ("nip_excel_titik_nol", "nip_excel", "pegawai.csv", 2, "nip",
     "'…01.0' tampak seperti angka Excel"),
    ("nip_excel_000", "nip_excel", "pegawai.csv", 2, "nip", "tampak seperti angka Excel"),
    ("nip_panjang", "nip_panjang", "pegawai.csv", 3, "nip", "harus 18 digit"),
    ("nip_tanggal_lahir", "nip_tanggal_lahir", "pegawai.csv", 3, "nip", "digit 1–8"),
    ("jenis_kelamin_nip", "jenis_kelamin_nip", "pegawai.csv", 2, "jenis_kelamin",
     "bertentangan dengan NIP (digit 15 menunjukkan L)"),
    ("tanggal_lahir_nip", "tanggal_lahir_nip", "pegawai.csv", 2, "tanggal_lahir",
     "digit 1–8: …9-26"),
    ("nip_duplikat", "duplikat", "pegawai.csv", 5, "nip", "sama dengan baris 2"),
    ("status_tidak_dikenal", "status_tidak_dikenal", "pegawai.csv", 4, "status_kepegawaian",
     "gunakan PNS atau PPPK"),
    ("golongan_format", "golongan_format", "pegawai.csv", 2, "golongan", "'V/a'"),
    ("golongan_status", "golongan_status", "pegawai.csv", 4, "golongan", "status kepegawaian PPPK"),
    ("unit_tidak_dikenal", "unit_tidak_dikenal", "pegawai.csv", 3, "unit_kerja",
     "'Kelurahan Antah Berantah' tidak ada di berkas kebijakan"),
    ("penilaian_duplikat", "duplikat", "penilaian_kinerja.csv", 6, None,
     "kunci (nip, periode) sama dengan baris 2"),
    ("nip_tidak_dikenal", "nip_tidak_dikenal", "penilaian_kinerja.csv", 3, "nip",
     "tidak ada di antara pegawai yang diterima"),
    ("skor_di_luar_rentang", "di_luar_rentang", "penilaian_kinerja.csv", 2, "kehadiran",
     "'120' di luar rentang 0–100"),
    ("teks_di_kolom_angka", "bukan_angka", "penilaian_kinerja.csv", 3, "kualitas_pelayanan",
     "'delapan puluh' bukan angka"),
    ("na_di_kolom_angka", "bukan_angka", "penilaian_kinerja.csv", 4, "partisipasi",
     "'N/A' bukan angka"),
    ("koma_desimal_pemisah_koma", "koma_desimal", "penilaian_kinerja.csv", 2, "kehadiran",
     "memakai koma desimal"),
    ("wajib_diisi", "wajib_diisi", "penilaian_kinerja.csv", 2, "periode", "wajib diisi"),
    ("predikat_matriks", "predikat_matriks", "penilaian_kinerja.csv", 2, "predikat",
     "seharusnya Sangat Baik"),
    ("rating_tidak_dikenal", "rating_tidak_dikenal", "penilaian_kinerja.csv", 3,
     "rating_hasil_kerja", "'luar biasa' tidak dikenal"),
    ("predikat_tidak_dikenal", "predikat_tidak_dikenal", "penilaian_kinerja.csv", 5, "predikat",
     "'istimewa' tidak dikenal"),
    ("periode_format", "periode_format", "penilaian_kinerja.csv", 3, "periode",
     "'2024-Q5' bukan periode"),
    ("periode_masa_depan", "periode_masa_depan", "penilaian_kinerja.csv", 3, "periode",
     "belum dimulai"),
    ("kolom_kurang", "kolom_kurang", "penilaian_kinerja.csv", 5, None,
     "berisi 3 kolom, padahal judul berisi 9"),
    ("kolom_lebih", "kolom_lebih", "penilaian_kinerja.csv", 3, None,
     "berisi 10 kolom, padahal judul berisi 9"),
    ("nilai_unsur_5", "nilai_unsur", "survei_kepuasan.csv", 2, "u3", "gunakan 1, 2, 3 atau 4"),
    ("unsur_kosong_semua", "unsur_kosong_semua", "survei_kepuasan.csv", 4, None,
     "kesembilan unsur u1–u9 kosong"),
    ("tanggal_format", "tanggal_format", "survei_kepuasan.csv", 2, "tanggal",
     "'2 Mei 2024' bukan tanggal"),
    ("tanggal_bulan_dulu", "tanggal_tidak_ada", "survei_kepuasan.csv", 2, "tanggal",
     "urutan bulan dulu tidak diterima"),
    ("tanggal_excel", "tanggal_excel", "survei_kepuasan.csv", 2, "tanggal",
     "nomor seri tanggal Excel"),
    ("tanggal_masa_depan", "tanggal_masa_depan", "survei_kepuasan.csv", 2, "tanggal",
     "di masa depan (setelah 2025-01-01)"),
    ("usia_di_luar_rentang", "di_luar_rentang", "survei_kepuasan.csv", 2, "usia", "15–100"),
    ("id_responden_duplikat", "duplikat", "survei_kepuasan.csv", 3, "id_responden",
     "sama dengan baris 2"),
    ("nip_petugas_tidak_dikenal", "nip_tidak_dikenal", "survei_kepuasan.csv", 4, "nip_petugas",
     "tidak ada di antara pegawai"),
    ("jenis_kelamin_tidak_dikenal", "jenis_kelamin_tidak_dikenal", "survei_kepuasan.csv", 3,
     "jenis_kelamin", "gunakan L atau P"),
    ("likert_6", "nilai_likert", "survei_asn.csv", 2, "paham_1", "skala 1–5"),
    ("ikut_pelatihan_mungkin", "ya_tidak_tidak_dikenal", "survei_asn.csv", 2, "ikut_pelatihan",
     "'mungkin' tidak dikenal"),
    ("pelatihan_setelah_survei", "pelatihan_setelah_survei", "survei_asn.csv", 2,
     "tanggal_pelatihan", "sesudah tanggal survei (2024-06-01)"),
    ("gelombang_nol", "di_bawah_minimum", "survei_asn.csv", 3, "gelombang", "paling sedikit 1"),
    ("gelombang_pecahan", "bukan_bilangan_bulat", "survei_asn.csv", 3, "gelombang",
     "bilangan bulat"),
    ("asn_duplikat", "duplikat", "survei_asn.csv", 5, None, "(nip, gelombang) sama dengan baris 2"),
    ("jenis_tidak_dikenal", "jenis_tidak_dikenal", "tindak_lanjut.csv", 3, "jenis",
     "'teguran' tidak dikenal"),
    ("kebijakan_duplikat", "duplikat", "kebijakan.csv", 5, "unit_kerja", "sama dengan baris 4"),
    ("berkas_kosong", "berkas_kosong", "pegawai.csv", None, None, "berkas kosong"),
    ("hanya_judul", "hanya_judul", "pegawai.csv", None, None, "hanya berisi baris judul"),
    ("berkas_biner", "berkas_biner", "pegawai.csv", None, None, "bukan berkas teks CSV"),
    ("pemisah_tab", "pemisah_salah", "kebijakan.csv", None, None, "tampaknya 'tab'"),
    ("satu_kolom_titik_koma", "pemisah_salah", "kebijakan.csv", None, None, "tampaknya ';'"),
    # issue #14: rows lost silently, look-alikes, misleading errors
    ("kutip_tidak_ditutup", "kutip_tidak_ditutup", "penilaian_kinerja.csv", 2,
     "rating_hasil_kerja", "tanda kutip tidak ditutup di baris 2 menelan baris 3-5"),
    (_link_out, "tautan_keluar", "pegawai.csv", None, None,
     "tautan (symlink) ke lokasi di luar folder data"),
    ("utf16_tanpa_bom", "berkas_utf16", "pegawai.csv", None, None,
     "berkas UTF-16 tanpa penanda (BOM): simpan sebagai 'CSV UTF-8'"),
    (_formula_without_value, "rumus_tanpa_nilai", "penilaian_kinerja.xlsx", 2, "skor_kinerja",
     "sel berisi rumus tanpa nilai tersimpan di baris 2-5 (4 sel): buka dan simpan ulang"),
    # warnings
    ("judul_di_atas_header", "judul_di_atas_header", "kebijakan.csv", None, None,
     "header ditemukan di baris 3"),
    (_data_on_second_sheet, "data_di_sheet", "pegawai.xlsx", None, None,
     "data ada di sheet 'Data'"),
    (_double_extension, "ekstensi_ganda", "pegawai.csv.csv", None, None,
     "ditemukan pegawai.csv.csv"),
    ("rumus_teks", "rumus_teks", "survei_kepuasan.csv", 2, "saran",
     "seperti rumus spreadsheet; disimpan sebagai teks"),
    ("kolom_tambahan", "kolom_tambahan", "pegawai.csv", None, None, "email"),
    ("encoding_cp1252", "encoding_cp1252", "kebijakan.csv", None, None, "Windows-1252"),
]

WARNING_CODES = {"rumus_teks", "kolom_tambahan", "encoding_cp1252", "baris_kosong", "sheet_lain",
                 "judul_di_atas_header", "data_di_sheet", "ekstensi_ganda"}


def _case_id(case: object) -> str:
    return case if isinstance(case, str) else case.__name__


def _apply(case: object, folder: Path) -> None:
    if isinstance(case, str):
        src = BAD / case
        assert src.is_dir(), src
        for f in src.iterdir():
            shutil.copyfile(f, folder / f.name)
    else:
        case(folder)


# Files no other input refers to: error cases on different leaf files are validated
# together in one folder (one mutation per file) to keep the suite fast.
LEAF_FILES = {"penilaian_kinerja.csv", "survei_kepuasan.csv", "survei_asn.csv",
              "tindak_lanjut.csv"}


def _bundles() -> dict[object, tuple[object, ...]]:
    by_file: dict[str, list[str]] = {}
    out: dict[object, tuple[object, ...]] = {}
    for case, code, file, *_ in CASES:
        files = {f.name for f in (BAD / case).iterdir()} if isinstance(case, str) else set()
        if files == {file} and file in LEAF_FILES and code not in WARNING_CODES:
            by_file.setdefault(file, []).append(case)
        else:
            out[case] = (case,)
    lists = list(by_file.values())
    for i in range(max(map(len, lists))):
        group = tuple(lst[i] for lst in lists if i < len(lst))
        for case in group:
            out[case] = group
    return out


BUNDLES = _bundles()
_REPORTS: dict[tuple[object, ...], contract.ValidationReport] = {}


def report_for(case: object, tmp_factory: pytest.TempPathFactory) -> contract.ValidationReport:
    group = BUNDLES[case]
    if group not in _REPORTS:
        folder = write_valid(tmp_factory.mktemp("bad"))
        for c in group:
            _apply(c, folder)
        _REPORTS[group] = validate_dir(folder, OPTIONS)
    return _REPORTS[group]


@pytest.mark.parametrize(
    ("case", "code", "file", "row", "column", "fragment"),
    CASES,
    ids=[
        f"{_case_id(c[0])}-{c[1]}" if not isinstance(c[0], str) else c[0] for c in CASES
    ],
)
def test_bad_input(
    tmp_path_factory: pytest.TempPathFactory,
    case: object,
    code: str,
    file: str,
    row: int | None,
    column: str | None,
    fragment: str,
) -> None:
    report = report_for(case, tmp_path_factory)
    check_invariants(report)
    hits = [p for p in report.problems if p.code == code and p.file == file]
    assert hits, [(p.file, p.code, p.row) for p in report.problems]
    p = next((h for h in hits if h.row == row and h.column == column), None)
    assert p is not None, [(h.row, h.column) for h in hits]
    warning = code in WARNING_CODES
    assert p.severity == ("warning" if warning else "error")
    assert report.has_errors is (not warning)

    msg_id, msg_en = p.message("id"), p.message("en")
    assert fragment in msg_id, msg_id
    assert msg_id != msg_en
    for msg, row_word, col_word in ((msg_id, "baris", "kolom"), (msg_en, "row", "column")):
        assert msg.startswith(file), msg
        if row is not None:
            assert f"{row_word} {row}" in msg
        if column is not None:
            assert f"{col_word} '{column}'" in msg

    # the problem is the only kind of error in that file (no noise)
    errors = {q.code for q in report.problems if q.file == file and q.severity == "error"}
    if not warning:
        assert errors == {code}, errors
        if row is not None:
            table = next(t for t in report.tables.values()
                         if t.path is not None and t.path.name == file)
            rej = table.rejected.set_index("_baris")
            assert code in rej.loc[row, "kode"].split("; ")
            assert row not in table.accepted["_baris"].tolist()
            # the stored reason never contains the cell value
            if p.value and len(p.value) >= 5:
                assert p.value not in rej.loc[row, "alasan"]
    else:
        assert errors == set()


# Hostile but valid inputs (folders in tests/data/bad/ too): no problem at all, every row
# accepted under its own source row number.
VALID_CASES = ["periode_tidak_urut", "utf16_bom"]


@pytest.mark.parametrize("case", VALID_CASES)
def test_hostile_but_valid_input(valid_dir: Path, case: str) -> None:
    _apply(case, valid_dir)
    report = validate_dir(valid_dir, OPTIONS)
    assert report.problems == []
    check_invariants(report)
    for name, t in report.tables.items():
        assert t.n_rejected == 0, name
        assert t.accepted["_baris"].tolist() == list(range(2, t.n_read + 2)), name


# per input: the column(s) that put rows in time order, and a key that names a row
_ORDER = {
    "kebijakan": (["tanggal_mulai"], ["unit_kerja"]),
    "penilaian_kinerja": (["periode"], ["nip", "periode"]),
    "survei_kepuasan": (["tanggal"], ["id_responden"]),
    "survei_asn": (["gelombang"], ["nip", "gelombang"]),
    "tindak_lanjut": (["triwulan"], ["nip", "periode"]),
}


def test_periods_out_of_order_are_valid_and_keep_their_rows(valid_dir: Path,
                                                            tmp_path: Path) -> None:
    """Rows in any order (2024-Q3 before Q1-2024, mixed spellings 2024q2 / 2024 Q1 /
    2024-05, survey dates unsorted, wave 2 before wave 1) are valid input: each row keeps
    its source row number and canonical period, and the typed rows equal those of the
    same file sorted by period."""
    _apply("periode_tidak_urut", valid_dir)
    t = validate_dir(valid_dir, OPTIONS).tables
    pk = t["penilaian_kinerja"].accepted
    assert pk["periode"].tolist() == ["2024-Q3", "2024-05", "2024-Q1", "2024-Q2", "2024-Q2",
                                      "2024-Q1", "2024-02"]
    assert pk["triwulan"].tolist() == ["2024-Q3", "2024-Q2", "2024-Q1", "2024-Q2", "2024-Q2",
                                       "2024-Q1", "2024-Q1"]
    assert pk["_baris"].tolist() == [2, 3, 4, 5, 6, 7, 8]
    sk = t["survei_kepuasan"].accepted
    assert sk["id_responden"].tolist() == ["R003", "R001", "R004", "R002"]
    assert sk["triwulan"].tolist() == ["2024-Q2", "2024-Q2", "2024-Q1", "2024-Q2"]
    assert t["survei_asn"].accepted["gelombang"].tolist() == [2, 2, 1, 1]
    assert t["tindak_lanjut"].accepted["periode"].tolist() == ["2024-Q3", "2024-Q2", "2024-Q1"]

    # the same rows written in time order give the same typed rows (only _baris differs)
    sorted_dir = write_valid(tmp_path / "urut")
    for name, (order, _key) in _ORDER.items():
        acc = t[name].accepted.sort_values([*order, "_baris"], kind="stable")
        assert acc["_baris"].tolist() != sorted(acc["_baris"]), name  # really out of order
        src = (valid_dir / f"{name}.csv").read_text(encoding="utf-8").splitlines()
        lines = [src[0], *(src[b - 1] for b in acc["_baris"])]
        (sorted_dir / f"{name}.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    s = validate_dir(sorted_dir, OPTIONS)
    assert s.problems == []
    for name, (_order, key) in _ORDER.items():
        a = t[name].accepted.drop(columns="_baris").sort_values(key).reset_index(drop=True)
        b = s.tables[name].accepted.drop(columns="_baris").sort_values(key)
        pd.testing.assert_frame_equal(a, b.reset_index(drop=True))


def test_file_level_error_rejects_all_rows(valid_dir: Path) -> None:
    _apply("kolom_tidak_ada", valid_dir)
    t = validate_dir(valid_dir, OPTIONS).tables["pegawai"]
    assert t.n_read == 3 and len(t.accepted) == 0 and len(t.rejected) == 3
    assert set(t.rejected["kode"]) == {"kolom_tidak_ada"}
    assert t.rejected["alasan"].iloc[0] == "kolom 'unit_kerja': kolom wajib tidak ada; " \
        "semua baris berkas ini ditolak."


def test_rejected_pegawai_cascades_to_references(valid_dir: Path) -> None:
    _apply("nip_excel_e17", valid_dir)
    t = validate_dir(valid_dir, OPTIONS).tables
    pk = t["penilaian_kinerja"]
    assert pk.rejected["_baris"].tolist() == [2, 3]
    assert set(pk.rejected["kode"]) == {"nip_tidak_dikenal"}


def test_duplicate_keeps_first_row(valid_dir: Path) -> None:
    _apply("nip_duplikat", valid_dir)
    peg = validate_dir(valid_dir, OPTIONS).tables["pegawai"]
    assert peg.accepted["_baris"].tolist() == [2, 3, 4]
    assert peg.rejected["_baris"].tolist() == [5]
    assert "sama dengan baris 2" in peg.rejected["alasan"].iloc[0]


def test_several_reasons_are_joined(valid_dir: Path) -> None:
    (valid_dir / "penilaian_kinerja.csv").write_text(
        VALID["penilaian_kinerja"].replace("2024-Q1,90,80,70", "2024-Q9,190,80,x"),
        encoding="utf-8",
    )
    pk = validate_dir(valid_dir, OPTIONS).tables["penilaian_kinerja"]
    kode = pk.rejected.set_index("_baris").loc[2, "kode"].split("; ")
    assert set(kode) == {"periode_format", "di_luar_rentang", "bukan_angka"}
    alasan = pk.rejected.set_index("_baris").loc[2, "alasan"]
    for col in ("periode", "kehadiran", "partisipasi"):
        assert f"kolom '{col}'" in alasan


def test_problem_cap_summarizes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(contract, "PROBLEM_CAP", 3)
    folder = write_valid(tmp_path / "d")
    rows = "".join(f"R{i},2024-05-02,Kecamatan Banyumanik,5,3,3,4,3,3,4,4,2,,,,,,,\n"
                   for i in range(10))
    header = VALID["survei_kepuasan"].splitlines()[0]
    (folder / "survei_kepuasan.csv").write_text(header + "\n" + rows, encoding="utf-8")
    t = validate_dir(folder, OPTIONS).tables["survei_kepuasan"]
    codes = [p.code for p in t.problems]
    assert codes.count("nilai_unsur") == 3
    summary = [p for p in t.problems if p.code == "masalah_lain"]
    assert len(summary) == 1 and summary[0].params == {"n": 7, "kode": "nilai_unsur"}
    assert "7 baris lain" in summary[0].message("id")
    assert "7 more rows" in summary[0].message("en")
    assert len(t.rejected) == 10  # every row still rejected with its reason
    report = validate_dir(folder, OPTIONS)
    assert report.summary().set_index("input").loc["survei_kepuasan", "errors"] == 10
    assert PROBLEM_CAP == 1000


# --------------------------------------------------------------------------- accepted variants


def test_bom_file_reads_like_plain(valid_dir: Path) -> None:
    (valid_dir / "pegawai.csv").write_bytes(b"\xef\xbb\xbf" + VALID["pegawai"].encode())
    report = validate_dir(valid_dir, OPTIONS)
    assert report.problems == []
    assert "nip" in report.tables["pegawai"].accepted.columns


def test_semicolon_decimal_comma(valid_dir: Path) -> None:
    text = VALID["penilaian_kinerja"].replace(",", ";").replace("86.5", "86,5")
    text = text.replace(";90;80;70", ";90;80,5;70")
    (valid_dir / "penilaian_kinerja.csv").write_text(text, encoding="utf-8")
    report = validate_dir(valid_dir, OPTIONS)
    assert report.problems == []
    pk = report.tables["penilaian_kinerja"].accepted
    assert pk["kualitas_pelayanan"].iloc[0] == 80.5
    assert pk["skor_kinerja"].tolist()[:2] == pytest.approx([(90 + 80.5 + 70) / 3, 86.5])


def test_cp1252_is_decoded(valid_dir: Path) -> None:
    _apply("encoding_cp1252", valid_dir)
    kb = validate_dir(valid_dir, OPTIONS).tables["kebijakan"].accepted
    assert "Kelurahan Srondol Wétan" in kb["unit_kerja"].tolist()


def test_xlsx_parses_like_csv(valid_dir: Path, tmp_path: Path) -> None:
    import openpyxl

    xdir = tmp_path / "xlsx"
    xdir.mkdir()
    for name, text in VALID.items():
        wb = openpyxl.Workbook()
        ws = wb.active
        for i, line in enumerate(text.splitlines()):
            cells: list[object] = line.split(",")
            if i and name == "penilaian_kinerja":  # numbers as numeric cells
                cells = [float(c) if c.replace(".", "").isdigit() and len(c) < 6 else c
                         for c in cells]
            if i and name == "survei_kepuasan" and cells[1] == "2024-05-02":
                cells[1] = datetime.datetime(2024, 5, 2)  # a real date cell
            if i and name == "survei_asn":
                cells[2] = int(cells[2])
            ws.append([None if c == "" else c for c in cells])
        wb.create_sheet("catatan")  # a second sheet is ignored with a warning
        wb.save(xdir / f"{name}.xlsx")
    csv_rep = validate_dir(valid_dir, OPTIONS)
    x_rep = validate_dir(xdir, OPTIONS)
    assert not x_rep.has_errors
    assert {p.code for p in x_rep.problems} == {"sheet_lain"}
    for name in INPUTS:
        pd.testing.assert_frame_equal(
            x_rep.tables[name].accepted, csv_rep.tables[name].accepted, check_dtype=True
        )


def test_xlsx_numeric_nip_is_reported(valid_dir: Path) -> None:
    import openpyxl

    (valid_dir / "pegawai.csv").unlink()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["nip", "unit_kerja"])
    # a numeric cell holds a double: the last digits are lost
    ws.append([198609262015051001, "Kecamatan Banyumanik"])
    ws.append([float(199001152018032002), "Kelurahan Pudakpayung"])
    ws.append(["199001152018032002", "Kelurahan Gedawang"])  # text cell: fine
    wb.save(valid_dir / "pegawai.xlsx")
    report = validate_dir(valid_dir, OPTIONS)
    peg = report.tables["pegawai"]
    codes = {(p.row, p.code) for p in peg.problems}
    assert {(2, "nip_excel"), (3, "nip_excel")} <= codes
    assert peg.accepted["nip"].tolist() == ["199001152018032002"]


def test_raw_files_unchanged(valid_dir: Path) -> None:
    _apply("nip_excel_e17", valid_dir)
    before = {p.name: (p.read_bytes(), os.stat(p).st_mtime_ns) for p in valid_dir.iterdir()}
    validate_dir(valid_dir, OPTIONS)
    after = {p.name: (p.read_bytes(), os.stat(p).st_mtime_ns) for p in valid_dir.iterdir()}
    assert before == after


def test_future_checks_use_options_today(valid_dir: Path) -> None:
    report = validate_dir(valid_dir, ContractOptions(today=datetime.date(2024, 6, 5)))
    codes = {(p.file, p.row, p.code) for p in report.problems}
    assert ("survei_kepuasan.csv", 4, "tanggal_masa_depan") in codes
    assert ("survei_asn.csv", 4, "tanggal_masa_depan") in codes


# --------------------------------------------------------------------------- messages


def test_every_code_has_both_languages_with_same_placeholders() -> None:
    import string

    for code, texts in contract._MESSAGES.items():
        assert set(texts) == {"id", "en"}, code
        fields = [
            {f for _, f, _, _ in string.Formatter().parse(texts[lang]) if f}
            for lang in ("id", "en")
        ]
        assert fields[0] == fields[1], code
        params = dict.fromkeys(fields[0] - {"nilai"}, "X")
        for lang in ("id", "en"):
            msg = Problem("f.csv", 2, "c", "v", code, params).message(lang)
            assert msg.startswith("f.csv, ")


def test_long_values_are_masked() -> None:
    # a value longer than NILAI_TAMPIL_MAX may be free text: masked (issue #14)
    p = Problem("penilaian_kinerja.csv", 7, "kehadiran", "x" * 500, "bukan_angka")
    msg = p.message("en")
    assert "'…xxxx'" in msg and "x" * 5 not in msg


def test_message_examples_from_brief() -> None:
    # NIP values are personal: only the last 4 characters are shown (issue #14)
    p = Problem("pegawai.csv", 5, "nip", "1.98609E+17", "nip_excel")
    assert p.message("id") == (
        "pegawai.csv, baris 5, kolom 'nip': nilai '…E+17' tampak seperti angka Excel; "
        "simpan kolom NIP sebagai teks (18 digit)."
    )
    assert p.message("en") == (
        "pegawai.csv, row 5, column 'nip': value '…E+17' looks like an Excel number; "
        "store the NIP column as text (18 digits)."
    )
    with pytest.raises(ValueError):
        p.message("fr")


# --------------------------------------------------------------------------- chunked validation


def _messy_dir(folder: Path) -> Path:
    """VALID plus repeated keys far apart, invalid rows and a short row, for chunking."""
    write_valid(folder)
    sk = VALID["survei_kepuasan"].splitlines()
    rows = [sk[1].replace("R001", f"R{i}") for i in range(40)]  # ids of different lengths
    rows += [sk[1], sk[2].replace("R002", "R7"), sk[3].replace(",3,3,3,", ",9,3,3,")]
    rows += [sk[1].replace("R001", "R1 "), "R99,2024-05-02"]  # same key after trim; short row
    (folder / "survei_kepuasan.csv").write_text("\n".join([*sk, *rows]) + "\n",
                                                encoding="utf-8")
    pk = VALID["penilaian_kinerja"].splitlines()
    extra = [pk[3], pk[1].replace("2024-Q1", "2024-1"), pk[1].replace("2024-Q1", "2024-Q3"),
             pk[4].replace("2024-05", "2024-5"), pk[1].replace("198609262015051001",
                                                               "198609262015051009")]
    (folder / "penilaian_kinerja.csv").write_text("\n".join([*pk, *extra, pk[1]]) + "\n",
                                                  encoding="utf-8")
    sa = VALID["survei_asn"].splitlines()
    (folder / "survei_asn.csv").write_text(
        "\n".join([*sa, sa[2].replace(",1,3,", ",1.0,3,"), sa[1].replace(",1,4,", ",x,4,"),
                   sa[3]]) + "\n", encoding="utf-8")
    peg = VALID["pegawai"].splitlines()
    (folder / "pegawai.csv").write_text("\n".join([*peg, peg[2], peg[1]]) + "\n",
                                        encoding="utf-8")
    return folder


def _as_comparable(report: contract.ValidationReport) -> tuple:
    msgs = [p.message("en") for p in report.problems]
    tables = {n: (t.accepted.astype(str).to_csv(index=False),
                  t.rejected.astype(str).to_csv(index=False), t.n_read, t.n_accepted,
                  t.n_rejected) for n, t in report.tables.items()}
    return msgs, tables, report.summary().to_csv()


@pytest.mark.parametrize("cap", [1000, 2])
def test_stream_in_chunks_equals_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                       cap: int) -> None:
    """Chunked validation: same problems (order, caps), rows, reasons and row numbers."""
    monkeypatch.setattr(contract, "PROBLEM_CAP", cap)
    folder = _messy_dir(tmp_path / "d")
    whole = validate_dir(folder, OPTIONS)
    dup = [p for p in whole.problems if p.code == "duplikat"]
    assert len(dup) >= 6 and any(p.params["baris_pertama"] == 2 for p in dup)
    check_invariants(whole)
    expected = _as_comparable(whole)
    for rows in (1, 2, 3, 7):
        chunked = contract.validate_stream(folder, contract.TableSink(), OPTIONS,
                                           chunk_rows=rows)
        assert _as_comparable(chunked) == expected, rows


def test_duplicate_first_row_named_across_chunks(tmp_path: Path) -> None:
    folder = _messy_dir(tmp_path / "d")
    rep = contract.validate_stream(folder, contract.TableSink(), OPTIONS, chunk_rows=2)
    sk = [(p.row, p.params["baris_pertama"]) for p in rep.tables["survei_kepuasan"].problems
          if p.code == "duplikat"]
    # rows 5-44 hold R0..R39; R001, R7, R003 and "R1 " (trimmed: R1) come again at 45-48
    assert sk == [(45, 2), (46, 12), (47, 4), (48, 6)]


def test_fingerprint_does_not_depend_on_other_values() -> None:
    import pyarrow as pa

    texts = ["", "a", "R1", "x" * 8, "x" * 9, "y" * 47, "y" * 48, "z" * 49, "z" * 120]
    alone = [int(contract._fingerprint(pa.array([t], pa.large_string()))[0]) for t in texts]
    together = contract._fingerprint(pa.array(texts, pa.large_string())).tolist()
    assert alone == together
    assert len(set(together)) == len(texts)
    sliced = contract._fingerprint(pa.array(["q", *texts], pa.large_string()).slice(1))
    assert sliced.tolist() == together


def test_key_store_confirms_texts_on_equal_fingerprints(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fingerprint collision never rejects a row: matches are checked on the texts."""
    import pyarrow as pa

    monkeypatch.setattr(contract, "_fingerprint", lambda arr: np.zeros(len(arr), np.uint64))
    store = contract._KeyStore()
    a = store.first_rows(pa.array(["x", "y", "x"], pa.large_string()), np.array([2, 3, 4]))
    b = store.first_rows(pa.array(["z", "y", "x"], pa.large_string()), np.array([5, 6, 7]))
    assert a.tolist() == [0, 0, 2] and b.tolist() == [0, 3, 2]


# --------------------------------------------------------------------------- modular inputs


def only(folder: Path, *names: str) -> Path:
    """Keep only the VALID files ``names`` in ``folder``."""
    write_valid(folder)
    for name in INPUTS:
        if name not in names:
            (folder / f"{name}.csv").unlink()
    return folder


MINIMAL = [
    ("survei_kepuasan", "kebijakan"),  # overview + IKM pages (Laporan Hasil SKM)
    ("penilaian_kinerja", "pegawai", "kebijakan"),  # score analyses
    ("survei_asn", "pegawai"),  # barrier page
]


@pytest.mark.parametrize("names", MINIMAL, ids=["+".join(n) for n in MINIMAL])
def test_minimal_combinations_are_valid(tmp_path: Path, names: tuple[str, ...]) -> None:
    report = validate_dir(only(tmp_path / "d", *names), OPTIONS)
    assert report.problems == []
    check_invariants(report)
    assert set(report.present) == set(names)
    assert contract.halaman_tersedia(report.present)
    full = validate_dir(write_valid(tmp_path / "full"), OPTIONS).tables
    for name, t in report.tables.items():
        if name in names:  # the same rows as with every file present
            assert t.present and t.path is not None
            got, want = t.accepted, full[name].accepted
            if "kebijakan" not in names and "unit_kerja" in got:  # kept as written
                assert got["unit_kerja"].tolist()[1] == "kelurahan pudakpayung"
                got, want = got.drop(columns="unit_kerja"), want.drop(columns="unit_kerja")
            pd.testing.assert_frame_equal(got, want)
        else:
            assert not t.present and t.path is None and t.n_read == 0 and t.problems == []
            assert list(t.accepted.columns) == [*ACCEPTED_COLUMNS[name], "_baris"]


def test_pages_need_the_documented_files() -> None:
    """HALAMAN: which page each combination feeds (docs/data_contract.md table)."""
    t = contract.halaman_tersedia
    assert t(["survei_kepuasan", "kebijakan"]) == ["00_gambaran_data", "01_dampak_evaluasi"]
    assert t(["penilaian_kinerja", "pegawai", "kebijakan", "tindak_lanjut"]) == [
        "00_gambaran_data", "01_dampak_evaluasi"]
    assert t(["survei_asn", "pegawai"]) == ["03_hambatan_adopsi"]
    assert t(INPUTS) == list(contract.HALAMAN)
    for missing in ("survei_kepuasan", "penilaian_kinerja", "pegawai", "kebijakan"):
        rest = [n for n in INPUTS if n not in (missing, "survei_asn")]
        assert "02_korelasi_survei_skor" not in t(rest), missing
    for none in ([], ["kebijakan"], ["survei_kepuasan"], ["kebijakan", "pegawai"],
                 ["penilaian_kinerja", "pegawai"], ["survei_asn"], ["tindak_lanjut"]):
        assert t(none) == [], none


def test_data_contract_doc_lists_the_pages_of_halaman() -> None:
    doc = (Path(__file__).parents[1] / "docs" / "data_contract.md").read_text(encoding="utf-8")
    section = doc.split("## Which files each page needs", 1)[1].split("\n## ", 1)[0]
    rows = [r for r in section.splitlines() if r.startswith("| `0")]
    documented = {}
    for row in rows:
        cells = [c.strip() for c in row.strip("|").split("|")]
        page = cells[0].strip("`").split("`")[0]
        alts = tuple(tuple(sorted(f.strip(" `()") for f in alt.split("+")))
                     for alt in cells[1].split(" or "))
        documented[page] = alts
    assert documented.pop("04_ringkasan_eksekutif")  # built from the other pages' results
    expected = {p: tuple(tuple(sorted(a)) for a in spec["butuh"])
                for p, spec in contract.HALAMAN.items()}
    assert documented == expected


def test_unit_check_skipped_without_kebijakan(tmp_path: Path) -> None:
    folder = only(tmp_path / "d", "survei_asn", "pegawai", "survei_kepuasan")
    _apply("unit_tidak_dikenal", folder)  # a unit kebijakan would not list
    report = validate_dir(folder, OPTIONS)
    assert report.problems == []
    peg = report.tables["pegawai"].accepted.set_index("nip")
    # kept as written: trimmed, runs of spaces collapsed (no kebijakan spelling to use)
    assert peg.loc["199001152018032002", "unit_kerja"] == "Kelurahan Antah Berantah"
    sk = report.tables["survei_kepuasan"].accepted
    assert sk["unit_kerja"].tolist() == ["Kecamatan Banyumanik", "Kelurahan Pudakpayung",
                                         "Kelurahan Gedawang"]
    (folder / "pegawai.csv").write_text(
        VALID["pegawai"].replace("Kecamatan Banyumanik", "  kecamatan   banyumanik "),
        encoding="utf-8")
    peg = validate_dir(folder, OPTIONS).tables["pegawai"].accepted
    assert peg["unit_kerja"].iloc[0] == "kecamatan banyumanik"
    # blank is still an error
    (folder / "pegawai.csv").write_text(
        VALID["pegawai"].replace(",Kelurahan Gedawang,", ",,"), encoding="utf-8")
    codes = [(p.file, p.row, p.code) for p in validate_dir(folder, OPTIONS).problems]
    assert codes == [("pegawai.csv", 4, "wajib_diisi"),  # and the rows naming that NIP:
                     ("survei_kepuasan.csv", 4, "nip_tidak_dikenal")]


def test_nip_petugas_without_pegawai_checks_the_format_only(tmp_path: Path) -> None:
    folder = only(tmp_path / "d", "survei_kepuasan", "kebijakan")
    report = validate_dir(folder, OPTIONS)
    assert report.problems == []
    sk = report.tables["survei_kepuasan"].accepted
    assert sk["nip_petugas"].iloc[0] == "198609262015051001"
    # any well-formed NIP is accepted (no staff list), an Excel-damaged one is not
    text = VALID["survei_kepuasan"].replace("198609262015051001", "198609262015051009")
    text = text.replace("199205102022211003", "1.99205E+17")
    (folder / "survei_kepuasan.csv").write_text(text, encoding="utf-8")
    report = validate_dir(folder, OPTIONS)
    assert [(p.row, p.column, p.code) for p in report.problems] == [
        (4, "nip_petugas", "nip_excel")]
    assert report.tables["survei_kepuasan"].accepted["nip_petugas"].iloc[0] == \
        "198609262015051009"


@pytest.mark.parametrize("chunk_rows", [None, 1])
def test_files_needing_pegawai_without_it_are_rejected_whole(tmp_path: Path,
                                                             chunk_rows: int | None) -> None:
    folder = write_valid(tmp_path / "d")
    (folder / "pegawai.csv").unlink()
    report = contract.validate_stream(folder, contract.TableSink(), OPTIONS,
                                      chunk_rows=chunk_rows)
    check_invariants(report)
    need = sorted(contract.BUTUH_BERKAS)
    assert need == ["penilaian_kinerja", "survei_asn", "tindak_lanjut"]
    assert [(p.file, p.row, p.column, p.code) for p in report.problems] == [
        (f"{n}.csv", None, None, "perlu_berkas") for n in
        ("penilaian_kinerja", "survei_asn", "tindak_lanjut")]  # no row noise
    for name in need:
        t = report.tables[name]
        assert t.n_accepted == 0 and t.n_rejected == t.n_read > 0
        assert set(t.rejected["kode"]) == {"perlu_berkas"}
        assert "berkas pegawai" in t.rejected["alasan"].iloc[0]
    p = report.problems[0]
    assert p.message("id") == (
        "penilaian_kinerja.csv: berkas ini memerlukan berkas pegawai untuk memeriksa NIP "
        "(setiap NIP harus ada di pegawai); tambahkan pegawai.csv atau pegawai.xlsx ke "
        "folder data. Semua baris berkas ini ditolak.")
    assert p.message("en") == (
        "penilaian_kinerja.csv: this file needs the pegawai file to check its NIPs (every "
        "NIP must be in pegawai); add pegawai.csv or pegawai.xlsx to the data folder. All "
        "rows of this file are rejected.")
    # survei_kepuasan + kebijakan still feed pages: no data-set problem
    assert report.tables["survei_kepuasan"].problems == []


@pytest.mark.parametrize("names", [(), ("kebijakan",), ("survei_kepuasan",),
                                   ("kebijakan", "pegawai"), ("pegawai", "tindak_lanjut"),
                                   ("penilaian_kinerja", "pegawai")])
def test_no_page_is_an_error_naming_what_each_page_needs(tmp_path: Path,
                                                         names: tuple[str, ...]) -> None:
    folder = only(tmp_path / "d", *names)
    report = validate_dir(folder, OPTIONS)
    assert report.has_errors
    p = report.problems[-1]
    assert p.code == ("tanpa_halaman" if names else "tanpa_input")
    assert p.file == str(folder) and p.row is None
    assert [q for q in report.problems if q is not p] == []  # the files themselves are fine
    msg = {lang: p.message(lang) for lang in ("id", "en")}
    assert msg["id"].startswith(f"{folder}: ")
    if names:  # the files present, in contract order
        listed = "(" + ", ".join(n for n in INPUTS if n in names) + ")"
        assert listed in msg["id"] and listed in msg["en"]
    for page in contract.HALAMAN:
        assert JUDUL[page]["id"] in msg["id"]
        assert JUDUL[page]["en"] in msg["en"]
    for text in msg.values():
        assert "survei_asn + pegawai" in text
        assert "(survei_kepuasan + kebijakan)" in text
        assert "penilaian_kinerja + pegawai + kebijakan" in text
    assert "tidak ada halaman laporan" in msg["id"] or "tidak berisi" in msg["id"]


def test_unreadable_file_counts_as_present(tmp_path: Path) -> None:
    """A file that is there but broken is not 'absent': its own error, one line for the
    rows of the files that need it (issue #14; an error per row before), and the summary
    names the file."""
    folder = write_valid(tmp_path / "d")
    _apply("berkas_biner", folder)  # pegawai.csv is binary
    report = validate_dir(folder, OPTIONS)
    peg = report.tables["pegawai"]
    assert peg.present and peg.path is not None and peg.path.name == "pegawai.csv"
    codes = {(p.file, p.code) for p in report.problems}
    assert ("pegawai.csv", "berkas_biner") in codes
    assert ("penilaian_kinerja.csv", "referensi_gagal") in codes
    assert "nip_tidak_dikenal" not in {c for _f, c in codes}
    assert "perlu_berkas" not in {c for _f, c in codes}
    s = report.summary()
    assert (s["file"] != "").all()
