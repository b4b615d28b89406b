"""The input data contract: schemas, vectorized row checks, bilingual problem messages.

:func:`validate_dir` reads every input of :data:`INPUTS` from a data folder (via
:mod:`kinerja_analysis.ingest`), checks each row against the contract in
``docs/data_contract.md`` and returns, per input, the accepted rows with typed canonical
columns and the rejected rows with their reasons. No row is dropped silently:
``n_read == len(accepted) + len(rejected)`` for every table.

All row checks are vectorized (one boolean mask per rule); Python loops only build the
first :data:`PROBLEM_CAP` :class:`Problem` objects per (file, code). The rejected frame
always carries every row's codes (``kode``) and Indonesian reasons (``alasan``); reasons
never contain the cell values, so they can be written to disk without personal data.

Order: ``kebijakan`` (the unit list), then ``pegawai`` (the NIP list), then the files
that refer to them.

Every input file is optional on its own; what a data set must hold is decided by the
report pages (:data:`HALAMAN`): a folder from which no page can be built is an error
(``tanpa_input``, ``tanpa_halaman``). A cross-file check whose reference file is absent is
skipped (units without ``kebijakan``, ``nip_petugas`` without ``pegawai``), except the
NIPs of :data:`BUTUH_BERKAS` inputs, which cannot be checked at all without ``pegawai``
(``perlu_berkas``: every row of that file is rejected).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from . import ingest, nip, privacy, skp
from .i18n import check_lang, translate
from .laporan.teks import JUDUL

__all__ = [
    "BUTUH_BERKAS",
    "FATAL_CODES",
    "HALAMAN",
    "INPUTS",
    "OPTIONAL_INPUTS",
    "PROBLEM_CAP",
    "SCHEMAS",
    "SKOR_WEIGHTS",
    "ContractOptions",
    "Problem",
    "ValidatedTable",
    "TableSink",
    "ValidationReport",
    "halaman_tersedia",
    "halaman_untuk",
    "inputs_present",
    "validate_dir",
    "validate_stream",
    "validate_table",
]

#: Inputs in validation order (kebijakan defines the units, pegawai the NIPs).
INPUTS: tuple[str, ...] = (
    "kebijakan",
    "pegawai",
    "penilaian_kinerja",
    "survei_kepuasan",
    "survei_asn",
    "tindak_lanjut",
)
#: Every input file may be absent; which ones a page needs is :data:`HALAMAN`.
OPTIONAL_INPUTS: tuple[str, ...] = INPUTS

#: Inputs whose rows cannot be checked without another input: their ``nip`` must be the
#: NIP of an accepted pegawai row. Present without ``pegawai``, such a file is an error
#: (``perlu_berkas``) and all its rows are rejected. Every other cross-file check is
#: skipped when its reference file is absent: ``unit_kerja`` of pegawai and
#: survei_kepuasan without ``kebijakan``, ``nip_petugas`` without ``pegawai``.
BUTUH_BERKAS: Mapping[str, tuple[str, ...]] = {
    "penilaian_kinerja": ("pegawai",),
    "survei_asn": ("pegawai",),
    "tindak_lanjut": ("pegawai",),
}

#: Report pages and the input files they need: ``butuh`` lists alternatives (the page can
#: be built when every file of one alternative is present), ``opsional`` the files the
#: page also uses when present (a section that needs an absent file says so). The
#: executive summary (04) is built whenever one of these pages is. Documented in
#: docs/data_contract.md ("Which files each page needs").
HALAMAN: Mapping[str, Mapping[str, tuple]] = {
    "00_gambaran_data": {
        "butuh": (("survei_kepuasan", "kebijakan"),
                  ("penilaian_kinerja", "pegawai", "kebijakan")),
        "opsional": (),
    },
    "01_dampak_evaluasi": {
        "butuh": (("survei_kepuasan", "kebijakan"),
                  ("penilaian_kinerja", "pegawai", "kebijakan")),
        "opsional": ("tindak_lanjut",),
    },
    "02_korelasi_survei_skor": {
        "butuh": (("survei_kepuasan", "penilaian_kinerja", "pegawai", "kebijakan"),),
        "opsional": (),
    },
    "03_hambatan_adopsi": {
        "butuh": (("survei_asn", "pegawai"),),
        "opsional": (),
    },
}

#: Data-set problems that ``prepare --lenient`` cannot set aside (no row to drop helps).
FATAL_CODES: tuple[str, ...] = ("perlu_berkas", "tanpa_input", "tanpa_halaman")


def halaman_tersedia(ada: Iterable[str]) -> list[str]:
    """The pages of :data:`HALAMAN` that can be built from the input files ``ada``.

    Examples
    --------
    >>> halaman_tersedia(["survei_kepuasan", "kebijakan"])
    ['00_gambaran_data', '01_dampak_evaluasi']
    >>> halaman_tersedia(["survei_asn", "pegawai", "tindak_lanjut"])
    ['03_hambatan_adopsi']
    >>> halaman_tersedia(["survei_kepuasan"])
    []
    """
    have = set(ada)
    return [page for page, spec in HALAMAN.items()
            if any(set(alt) <= have for alt in spec["butuh"])]


def halaman_untuk(name: str) -> list[str]:
    """The pages of :data:`HALAMAN` that use input ``name`` (needed or optional).

    Examples
    --------
    >>> halaman_untuk("tindak_lanjut"), halaman_untuk("survei_asn")
    (['01_dampak_evaluasi'], ['03_hambatan_adopsi'])
    """
    return [page for page, spec in HALAMAN.items()
            if any(name in alt for alt in spec["butuh"]) or name in spec["opsional"]]


def _kebutuhan(lang: str) -> str:
    """Which files each page needs, as one sentence part (for the data-set messages)."""
    atau = {"id": " atau ", "en": " or "}[lang]
    dan = {"id": " dan ", "en": " and "}[lang]
    groups: dict[tuple, list[str]] = {}
    for page, spec in HALAMAN.items():
        groups.setdefault(spec["butuh"], []).append(JUDUL[page][lang])
    parts = []
    for alts, pages in groups.items():
        need = atau.join(f"({' + '.join(a)})" if len(alts) > 1 else " + ".join(a)
                         for a in alts)
        parts.append(f"{dan.join(pages)}: {need}")
    return "; ".join(parts)

#: Weights of the derived ``skor_kinerja`` (project choice, not a regulation: equal
#: weights, i.e. the plain mean of the three 0-100 components).
SKOR_WEIGHTS: Mapping[str, float] = {
    "kehadiran": 1 / 3,
    "kualitas_pelayanan": 1 / 3,
    "partisipasi": 1 / 3,
}

#: At most this many Problem objects are kept per (file, code); the rest is summarized.
PROBLEM_CAP = 1000
#: Dates (``tanggal``, ``tanggal_mulai``, ``tanggal_pelatihan``) and periods before this
#: year are errors (``tanggal_terlalu_lama``, ``periode_terlalu_lama``): no data of this
#: contract (SKP, SKM, the kebijakan) predates it, and a kept row would stretch the
#: reported period range ("from Triwulan I 1900"). 1900 is what Excel shows for a blank
#: or zero date cell. Birth dates have their own rule (:data:`USIA_PEGAWAI`).
TAHUN_MINIMUM = 2000
_FLOOR = pd.Timestamp(TAHUN_MINIMUM, 1, 1)
#: A given ``pegawai.tanggal_lahir`` must give an age in this range (years, at
#: ``ContractOptions.today``), else ``tanggal_lahir_tidak_wajar``.
USIA_PEGAWAI = (15, 100)
#: Values longer than this are shortened in messages.
VALUE_MAX_CHARS = 60

UNSUR = tuple(f"u{i}" for i in range(1, 10))
LIKERT = tuple(f"{s}_{i}" for s in ("paham", "khawatir", "dukungan") for i in (1, 2, 3))


@dataclass(frozen=True)
class Schema:
    """Column names of one input: required columns and optional columns."""

    required: tuple[str, ...]
    optional: tuple[str, ...] = ()


SCHEMAS: dict[str, Schema] = {
    "kebijakan": Schema(("unit_kerja", "tanggal_mulai")),
    "pegawai": Schema(
        ("nip", "unit_kerja"),
        ("nama", "jabatan", "golongan", "status_kepegawaian", "jenis_kelamin", "tanggal_lahir"),
    ),
    "penilaian_kinerja": Schema(
        ("nip", "periode", "kehadiran", "kualitas_pelayanan", "partisipasi"),
        ("skor_kinerja", "rating_hasil_kerja", "rating_perilaku_kerja", "predikat"),
    ),
    "survei_kepuasan": Schema(
        ("id_responden", "tanggal", "unit_kerja", *UNSUR),
        ("jenis_layanan", "nip_petugas", "jenis_kelamin", "usia", "pendidikan", "pekerjaan",
         "saran"),
    ),
    "survei_asn": Schema(
        ("nip", "tanggal", "gelombang", *LIKERT, "ikut_pelatihan"),
        ("tanggal_pelatihan", "komentar"),
    ),
    "tindak_lanjut": Schema(("nip", "periode", "jenis"), ("keterangan",)),
}

#: Other spellings of a contract column (compared as :func:`privacy.column_key`), used
#: when the file has no column of the contract name: ``Nama Lengkap``, ``NAMA_PEGAWAI``,
#: ``Nama:`` and ``nama_asn`` are the ``nama`` of pegawai (the roster that removes staff
#: names from free text).
COLUMN_ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "pegawai": {"nama": ("nama", "nama_lengkap", "nama_pegawai", "nama_asn", "nama_pns",
                         "nama_karyawan", "nama_staf", "nama_petugas", "name", "full_name")},
}


def _apply_aliases(name: str, frame: pd.DataFrame, raw_cols: list[str],
                   ) -> tuple[pd.DataFrame, list[str]]:
    """Rename the first column spelled as an alias of a missing contract column."""
    renames: dict[str, str] = {}
    for target, spellings in COLUMN_ALIASES.get(name, {}).items():
        if target in raw_cols:
            continue
        found = next((c for c in raw_cols if privacy.column_key(c) in spellings), None)
        if found is not None:
            renames[found] = target
    if not renames:
        return frame, raw_cols
    return (frame.rename(columns=renames),
            [renames.get(c, c) for c in raw_cols])


#: Canonical accepted columns per input, in output order.
ACCEPTED_COLUMNS: dict[str, tuple[str, ...]] = {
    "kebijakan": ("unit_kerja", "tanggal_mulai", "triwulan_mulai"),
    "pegawai": ("nip", "unit_kerja", "nama", "jabatan", "golongan", "status_kepegawaian",
                "jenis_kelamin", "tanggal_lahir"),
    "penilaian_kinerja": ("nip", "periode", "triwulan", "kehadiran", "kualitas_pelayanan",
                          "partisipasi", "skor_kinerja", "skor_kinerja_turunan",
                          "rating_hasil_kerja", "rating_perilaku_kerja", "predikat"),
    "survei_kepuasan": ("id_responden", "tanggal", "triwulan", "unit_kerja", *UNSUR,
                        "jenis_layanan", "nip_petugas", "jenis_kelamin", "usia", "pendidikan",
                        "pekerjaan", "saran"),
    "survei_asn": ("nip", "tanggal", "triwulan", "gelombang", *LIKERT, "ikut_pelatihan",
                   "tanggal_pelatihan", "komentar"),
    "tindak_lanjut": ("nip", "periode", "triwulan", "jenis", "keterangan"),
}

JENIS_TINDAK_LANJUT = ("penghargaan", "promosi", "pembinaan")

# --------------------------------------------------------------------------- messages

# Placeholders: {nilai} is the quoted cell value in messages and "" in the stored
# reasons (double spaces are collapsed), so write "NIP {nilai} harus ...".
_MESSAGES: dict[str, dict[str, str]] = {
    # the data set (which files are present)
    "tanpa_input": {
        "id": "folder ini tidak berisi satu pun berkas input (" + ", ".join(INPUTS) + "). "
              "Berkas yang diperlukan per halaman laporan: " + _kebutuhan("id") + ". "
              "Simpan setiap berkas sebagai NAMA.csv atau NAMA.xlsx di folder data.",
        "en": "this folder holds none of the input files (" + ", ".join(INPUTS) + "). "
              "Files each report page needs: " + _kebutuhan("en") + ". "
              "Save each file as NAME.csv or NAME.xlsx in the data folder.",
    },
    "tanpa_halaman": {
        "id": "tidak ada halaman laporan yang dapat dibuat dari berkas yang ada ({ada}). "
              "Berkas yang diperlukan per halaman: " + _kebutuhan("id") + ". Tambahkan "
              "berkas yang kurang sebagai NAMA.csv atau NAMA.xlsx di folder data.",
        "en": "no report page can be built from the files present ({ada}). Files each "
              "page needs: " + _kebutuhan("en") + ". Add the missing files as NAME.csv or "
              "NAME.xlsx in the data folder.",
    },
    "perlu_berkas": {
        "id": "berkas ini memerlukan berkas {berkas} untuk memeriksa NIP (setiap NIP harus "
              "ada di {berkas}); tambahkan {berkas}.csv atau {berkas}.xlsx ke folder data. "
              "Semua baris berkas ini ditolak.",
        "en": "this file needs the {berkas} file to check its NIPs (every NIP must be in "
              "{berkas}); add {berkas}.csv or {berkas}.xlsx to the data folder. All rows of "
              "this file are rejected.",
    },
    # files (ingest)
    # no longer given (every file is optional; see tanpa_halaman, perlu_berkas): kept so
    # that messages stored by earlier versions can still be printed
    "berkas_tidak_ada": {
        "id": "berkas wajib tidak ditemukan; simpan sebagai {nama}.csv atau {nama}.xlsx di "
              "folder data.",
        "en": "required file not found; save it as {nama}.csv or {nama}.xlsx in the data "
              "folder.",
    },
    "berkas_ganda": {
        "id": "ada lebih dari satu berkas untuk input ini ({berkas}); simpan satu saja "
              "(CSV atau XLSX).",
        "en": "more than one file for this input ({berkas}); keep only one (CSV or XLSX).",
    },
    "format_tidak_didukung": {
        "id": "format berkas tidak didukung; simpan sebagai CSV (UTF-8) atau XLSX.",
        "en": "unsupported file format; save it as CSV (UTF-8) or XLSX.",
    },
    "berkas_tidak_terbaca": {
        "id": "berkas tidak dapat dibaca ({sebab}); periksa apakah berkas rusak atau "
              "sedang dibuka program lain.",
        "en": "the file cannot be read ({sebab}); check whether it is damaged or locked by "
              "another program.",
    },
    "berkas_kosong": {
        "id": "berkas kosong.",
        "en": "the file is empty.",
    },
    "hanya_judul": {
        "id": "berkas hanya berisi baris judul, tanpa baris data.",
        "en": "the file has only the header row and no data rows.",
    },
    "baris_judul_kosong": {
        "id": "baris pertama harus berisi nama-nama kolom.",
        "en": "the first row must hold the column names.",
    },
    "berkas_biner": {
        "id": "bukan berkas teks CSV (mungkin berkas Excel yang diganti namanya, atau "
              "UTF-16); simpan ulang sebagai 'CSV UTF-8'.",
        "en": "not a text CSV file (perhaps a renamed Excel file, or UTF-16); save it again "
              "as 'CSV UTF-8'.",
    },
    "pemisah_salah": {
        "id": "pemisah kolom tidak sesuai (tampaknya '{pemisah}'); simpan CSV dengan "
              "pemisah koma (,) atau titik koma (;).",
        "en": "wrong column separator (it looks like '{pemisah}'); save the CSV with comma "
              "(,) or semicolon (;) separators.",
    },
    "sel_terlalu_panjang": {
        "id": "sebuah sel lebih panjang dari {batas} karakter (tanda kutip tidak ditutup, atau "
              "berkas rusak/terpotong); periksa baris ini di Excel lalu simpan ulang sebagai CSV.",
        "en": "a cell is longer than {batas} characters (an unclosed quote, or a damaged/"
              "truncated file); check this row in Excel and save the CSV again.",
    },
    "csv_rusak": {
        "id": "CSV tidak dapat diurai ({sebab}).",
        "en": "the CSV cannot be parsed ({sebab}).",
    },
    "kolom_ganda": {
        "id": "nama kolom muncul lebih dari sekali: {kolom}.",
        "en": "column names appear more than once: {kolom}.",
    },
    "encoding_cp1252": {
        "id": "berkas bukan UTF-8; dibaca sebagai Windows-1252 (cp1252). Periksa huruf "
              "khusus, atau simpan sebagai 'CSV UTF-8'.",
        "en": "the file is not UTF-8; it was read as Windows-1252 (cp1252). Check special "
              "characters, or save it as 'CSV UTF-8'.",
    },
    "baris_kosong": {
        "id": "{n} baris kosong dilewati.",
        "en": "{n} blank rows were skipped.",
    },
    "sheet_lain": {
        "id": "hanya sheet pertama ('{sheet}') yang dibaca; {n} sheet lain diabaikan.",
        "en": "only the first sheet ('{sheet}') was read; {n} other sheets were ignored.",
    },
    "kolom_kurang": {
        "id": "baris ini berisi {ditemukan} kolom, padahal judul berisi {diharapkan} "
              "(baris terpotong?).",
        "en": "this row has {ditemukan} fields but the header has {diharapkan} (truncated "
              "row?).",
    },
    "kolom_lebih": {
        "id": "baris ini berisi {ditemukan} kolom, padahal judul berisi {diharapkan}; "
              "periksa pemisah dan tanda kutip (koma desimal dalam CSV berpemisah koma harus "
              "diapit tanda kutip).",
        "en": "this row has {ditemukan} fields but the header has {diharapkan}; check "
              "separators and quotes (a decimal comma in a comma-separated file must be "
              "quoted).",
    },
    "kutip_tidak_ditutup": {
        "id": "tanda kutip tidak ditutup di baris {baris} menelan baris {dari}-{sampai}; "
              "baris-baris itu ditolak. Tutup atau hapus tanda kutip di sel ini lalu simpan "
              "ulang berkasnya.",
        "en": "open quote at row {baris} swallows rows {dari}-{sampai}; those rows are "
              "rejected. Close or remove the quote in this cell and save the file again.",
    },
    "tautan_keluar": {
        "id": "berkas ini adalah tautan (symlink) ke lokasi di luar folder data; berkas "
              "seperti ini tidak dibaca. Salin berkas aslinya ke folder data.",
        "en": "this file is a link (symlink) to a place outside the data folder; such files "
              "are not read. Copy the real file into the data folder.",
    },
    "tautan_putar": {
        "id": "berkas ini adalah tautan (symlink) yang berputar ke dirinya sendiri; berkas "
              "ini tidak dapat dibaca. Hapus tautannya dan salin berkas aslinya ke folder "
              "data.",
        "en": "this file is a link (symlink) that loops back to itself; it cannot be read. "
              "Remove the link and copy the real file into the data folder.",
    },
    "berkas_utf16": {
        "id": "berkas UTF-16 tanpa penanda (BOM): simpan sebagai 'CSV UTF-8'.",
        "en": "the file is UTF-16 without a byte order mark: save it as 'CSV UTF-8'.",
    },
    "judul_di_atas_header": {
        "id": "header ditemukan di baris {baris}; {n} baris judul di atasnya dilewati "
              "(sebaiknya hapus baris judul itu).",
        "en": "header found on row {baris}; the {n} title row(s) above it were skipped "
              "(better remove them).",
    },
    "sheet_tersembunyi": {
        "id": "sheet tersembunyi {sheet} diabaikan; sheet '{dibaca}' yang dibaca.",
        "en": "hidden sheet {sheet} ignored; sheet '{dibaca}' was read.",
    },
    "data_di_sheet": {
        "id": "data ada di sheet '{sheet}' (sheet pertama '{pertama}' tidak berisi nama "
              "kolom); sheet '{sheet}' yang dibaca.",
        "en": "the data is on sheet '{sheet}' (the first sheet '{pertama}' holds no column "
              "names); sheet '{sheet}' was read.",
    },
    "ekstensi_ganda": {
        "id": "ditemukan {berkas}: nama berkas berekstensi ganda (Windows menyembunyikan "
              "ekstensi); dibaca sebagai {nama}. Ganti namanya menjadi {nama}.",
        "en": "found {berkas}: a double file extension (Windows hides extensions); read as "
              "{nama}. Rename it to {nama}.",
    },
    "rumus_tanpa_nilai": {
        "id": "sel berisi rumus tanpa nilai tersimpan di baris {baris} ({n} sel): buka dan "
              "simpan ulang di Excel agar nilainya tersimpan; baris-baris itu ditolak.",
        "en": "cells are formulas without saved values in rows {baris} ({n} cells): open and "
              "save the file again in Excel so the values are stored; those rows are "
              "rejected.",
    },
    "referensi_gagal": {
        "id": "{n} baris {input} ditolak karena {berkas} tidak dapat dipakai (lihat "
              "kesalahan {berkas} di atas).",
        "en": "{n} rows of {input} rejected because {berkas} cannot be used (see the errors "
              "of {berkas} above).",
    },
    "referensi_gagal_baris": {
        "id": "ditolak karena {berkas} tidak dapat dipakai.",
        "en": "rejected because {berkas} cannot be used.",
    },
    "referensi_dilewati": {
        "id": "kolom {kolom} tidak diperiksa terhadap {berkas} karena {berkas} tidak dapat "
              "dipakai (lihat kesalahan {berkas} di atas).",
        "en": "column {kolom} was not checked against {berkas} because {berkas} cannot be "
              "used (see the errors of {berkas} above).",
    },
    # columns
    "kolom_tidak_ada": {
        "id": "kolom wajib tidak ada; semua baris berkas ini ditolak.",
        "en": "required column is missing; all rows of this file are rejected.",
    },
    "kolom_tambahan": {
        "id": "kolom di luar kontrak dibuang, tidak ditulis ke data/processed/: {kolom}; "
              "disimpan (teks disaring): {disimpan}. Kolom lain hanya disimpan dengan "
              "--simpan-kolom NAMA.",
        "en": "columns outside the contract are dropped, not written to data/processed/: "
              "{kolom}; kept (text scrubbed): {disimpan}. Other columns are kept only with "
              "--simpan-kolom NAME.",
    },
    "simpan_kolom_keluaran": {
        "id": "--simpan-kolom {kolom}: nama ini dipakai untuk kolom yang ditulis sendiri oleh "
              "kinerja; ganti nama kolom tambahan itu di berkas input lalu pakai nama barunya.",
        "en": "--simpan-kolom {kolom}: this name is used for a column written by kinerja "
              "itself; rename that extra column in the input file and use the new name.",
    },
    "simpan_kolom_tidak_ada": {
        "id": "kolom {kolom} diminta dengan --simpan-kolom tetapi tidak ada sebagai kolom "
              "tambahan di input mana pun (nama dibandingkan seperti judul kolom: huruf kecil, "
              "spasi menjadi _).",
        "en": "column {kolom} was asked with --simpan-kolom but is not an extra column of any "
              "input (names are compared like headers: lower case, spaces become _).",
    },
    "kolom_pribadi": {
        "id": "kolom {kolom} tidak disimpan walaupun diminta dengan --simpan-kolom: namanya "
              "menunjukkan data pribadi (nama, NIK/NIP, telepon, e-mail, alamat, tanggal "
              "lahir, pemohon).",
        "en": "column {kolom} is not kept although asked with --simpan-kolom: its name "
              "suggests personal data (name, NIK/NIP, telephone, e-mail, address, birth "
              "date, applicant).",
    },
    "tanpa_nama_pegawai": {
        "id": "pegawai tidak berisi nama (kolom nama tidak ada atau kosong): nama petugas "
              "tidak dapat dihapus dari teks bebas, jadi saran dikosongkan dan komentar/"
              "keterangan tidak dikutip di halaman 03 (pola NIK, telepon, nama setelah "
              "sapaan tetap dihapus). Isi kolom nama untuk menyimpan saran.",
        "en": "pegawai has no names (no nama column, or it is blank): officers' names cannot "
              "be removed from free text, so saran is left empty and komentar/keterangan "
              "are not quoted on page 03 (NIK, telephone and names after honorifics are "
              "still removed). Fill the nama column to keep saran.",
    },
    # values
    "wajib_diisi": {
        "id": "nilai wajib diisi.",
        "en": "a value is required.",
    },
    "bukan_angka": {
        "id": "nilai {nilai} bukan angka.",
        "en": "value {nilai} is not a number.",
    },
    "koma_desimal": {
        "id": "nilai {nilai} memakai koma desimal; di berkas ini gunakan titik (88.5) atau "
              "simpan CSV dengan pemisah titik koma (;).",
        "en": "value {nilai} uses a decimal comma; in this file use a point (88.5) or save "
              "the CSV with semicolon (;) separators.",
    },
    "di_luar_rentang": {
        "id": "nilai {nilai} di luar rentang {min}–{max}.",
        "en": "value {nilai} is outside the range {min}–{max}.",
    },
    "di_bawah_minimum": {
        "id": "nilai {nilai} harus paling sedikit {min}.",
        "en": "value {nilai} must be at least {min}.",
    },
    "bukan_bilangan_bulat": {
        "id": "nilai {nilai} harus bilangan bulat.",
        "en": "value {nilai} must be a whole number.",
    },
    "nilai_unsur": {
        "id": "nilai {nilai} tidak sah untuk unsur SKM; gunakan 1, 2, 3 atau 4 (kosong = "
              "tidak berlaku).",
        "en": "value {nilai} is not valid for an SKM element; use 1, 2, 3 or 4 (blank = not "
              "applicable).",
    },
    "unsur_kosong_semua": {
        "id": "kesembilan unsur u1–u9 kosong.",
        "en": "all nine elements u1–u9 are blank.",
    },
    "nilai_likert": {
        "id": "nilai {nilai} tidak sah; gunakan skala 1–5 (kosong = tidak dijawab).",
        "en": "value {nilai} is not valid; use the 1–5 scale (blank = not answered).",
    },
    "tanggal_format": {
        "id": "nilai {nilai} bukan tanggal; tulis TTTT-BB-HH (2024-03-05) atau HH/BB/TTTT "
              "(05/03/2024).",
        "en": "value {nilai} is not a date; write YYYY-MM-DD (2024-03-05) or DD/MM/YYYY "
              "(05/03/2024).",
    },
    "tanggal_excel": {
        "id": "nilai {nilai} tampak seperti nomor seri tanggal Excel; format kolom sebagai "
              "tanggal atau teks sebelum menyimpan.",
        "en": "value {nilai} looks like an Excel date serial number; format the column as a "
              "date or as text before saving.",
    },
    "tanggal_tidak_ada": {
        "id": "tanggal {nilai} tidak ada di kalender (tanggal dibaca hari dulu, HH/BB/TTTT; "
              "urutan bulan dulu tidak diterima).",
        "en": "date {nilai} does not exist (dates are read day first, DD/MM/YYYY; month-first "
              "dates are not accepted).",
    },
    "tanggal_masa_depan": {
        "id": "tanggal {nilai} berada di masa depan (setelah {hari_ini}).",
        "en": "date {nilai} is in the future (after {hari_ini}).",
    },
    "periode_format": {
        "id": "nilai {nilai} bukan periode; tulis TTTT-Qn (2025-Q4) atau TTTT-BB (2025-11).",
        "en": "value {nilai} is not a period; write YYYY-Qn (2025-Q4) or YYYY-MM (2025-11).",
    },
    "periode_masa_depan": {
        "id": "periode {nilai} belum dimulai (setelah {hari_ini}).",
        "en": "period {nilai} has not started yet (after {hari_ini}).",
    },
    "tanggal_terlalu_lama": {
        "id": "tanggal {nilai} sebelum tahun {tahun}, jauh sebelum masa data ini (sel tanggal "
              "kosong di Excel sering tampil sebagai 1900-01-00); perbaiki tanggalnya.",
        "en": "date {nilai} is before the year {tahun}, long before this data (a blank Excel "
              "date cell often shows as 1900-01-00); fix the date.",
    },
    "periode_terlalu_lama": {
        "id": "periode {nilai} sebelum tahun {tahun}, jauh sebelum masa data ini; perbaiki "
              "periodenya.",
        "en": "period {nilai} is before the year {tahun}, long before this data; fix the "
              "period.",
    },
    "tanggal_lahir_tidak_wajar": {
        "id": "tanggal lahir {nilai} tidak wajar: usia pada {hari_ini} di luar {min}–{max} "
              "tahun.",
        "en": "birth date {nilai} is implausible: the age on {hari_ini} is outside "
              "{min}–{max} years.",
    },
    "nip_excel": {
        "id": "nilai {nilai} tampak seperti angka Excel; simpan kolom NIP sebagai teks "
              "(18 digit).",
        "en": "value {nilai} looks like an Excel number; store the NIP column as text "
              "(18 digits).",
    },
    "nip_bukan_angka": {
        "id": "NIP {nilai} hanya boleh berisi angka (18 digit).",
        "en": "NIP {nilai} may contain digits only (18 digits).",
    },
    "nip_panjang": {
        "id": "NIP {nilai} harus 18 digit.",
        "en": "NIP {nilai} must have 18 digits.",
    },
    "nip_tanggal_lahir": {
        "id": "NIP {nilai} tidak sah: digit 1–8 bukan tanggal lahir yang mungkin.",
        "en": "NIP {nilai} is invalid: digits 1–8 are not a possible birth date.",
    },
    "nip_tmt_cpns": {
        "id": "NIP {nilai} tidak sah: digit 9–14 bukan tahun dan bulan TMT CPNS yang sah.",
        "en": "NIP {nilai} is invalid: digits 9–14 are not a valid TMT CPNS year and month.",
    },
    "nip_tmt_masa_depan": {
        "id": "NIP {nilai} tidak sah: TMT CPNS (digit 9–14) berada di masa depan.",
        "en": "NIP {nilai} is invalid: TMT CPNS (digits 9–14) is in the future.",
    },
    "nip_jenis_kelamin": {
        "id": "NIP {nilai} tidak sah: digit 15 harus 1 (laki-laki) atau 2 (perempuan).",
        "en": "NIP {nilai} is invalid: digit 15 must be 1 (male) or 2 (female).",
    },
    "nip_nomor_urut": {
        "id": "NIP {nilai} tidak sah: nomor urut (digit 16–18) tidak boleh 000.",
        "en": "NIP {nilai} is invalid: the sequence number (digits 16–18) cannot be 000.",
    },
    "nip_usia_pengangkatan": {
        "id": "NIP {nilai} tidak sah: usia saat TMT CPNS tidak masuk akal.",
        "en": "NIP {nilai} is invalid: the age at TMT CPNS is implausible.",
    },
    "nip_tidak_dikenal": {
        "id": "NIP {nilai} tidak ada di antara pegawai yang diterima (berkas pegawai).",
        "en": "NIP {nilai} is not among the accepted staff (pegawai file).",
    },
    "duplikat": {
        "id": "kunci ({kunci}) sama dengan baris {baris_pertama} (huruf besar/kecil dan spasi "
              "tidak dibedakan); hanya baris pertama yang dipakai.",
        "en": "key ({kunci}) repeats row {baris_pertama} (upper/lower case and spaces are not "
              "told apart); only the first row is used.",
    },
    "status_tidak_dikenal": {
        "id": "status {nilai} tidak dikenal; gunakan PNS atau PPPK.",
        "en": "status {nilai} is unknown; use PNS or PPPK.",
    },
    "golongan_format": {
        "id": "golongan {nilai} tidak dikenal; gunakan I/a–IV/e (PNS) atau I–XVII (PPPK).",
        "en": "golongan {nilai} is unknown; use I/a–IV/e (PNS) or I–XVII (PPPK).",
    },
    "golongan_status": {
        "id": "golongan {nilai} tidak cocok dengan status kepegawaian {status}.",
        "en": "golongan {nilai} does not match employment status {status}.",
    },
    "jenis_kelamin_tidak_dikenal": {
        "id": "jenis kelamin {nilai} tidak dikenal; gunakan L atau P.",
        "en": "sex {nilai} is unknown; use L or P.",
    },
    "jenis_kelamin_nip": {
        "id": "jenis kelamin {nilai} bertentangan dengan NIP (digit 15 menunjukkan "
              "{dari_nip}).",
        "en": "sex {nilai} contradicts the NIP (digit 15 says {dari_nip}).",
    },
    "tanggal_lahir_nip": {
        "id": "tanggal lahir {nilai} bertentangan dengan NIP (digit 1–8: {dari_nip}).",
        "en": "birth date {nilai} contradicts the NIP (digits 1–8: {dari_nip}).",
    },
    "rating_tidak_dikenal": {
        "id": "rating {nilai} tidak dikenal; gunakan Di Atas Ekspektasi, Sesuai Ekspektasi "
              "atau Di Bawah Ekspektasi.",
        "en": "rating {nilai} is unknown; use Di Atas Ekspektasi, Sesuai Ekspektasi or "
              "Di Bawah Ekspektasi.",
    },
    "predikat_tidak_dikenal": {
        "id": "predikat {nilai} tidak dikenal; gunakan Sangat Baik, Baik, Butuh Perbaikan, "
              "Kurang/Misconduct atau Sangat Kurang.",
        "en": "predikat {nilai} is unknown; use Sangat Baik, Baik, Butuh Perbaikan, "
              "Kurang/Misconduct or Sangat Kurang.",
    },
    "predikat_matriks": {
        "id": "predikat {nilai} tidak sesuai matriks PermenPANRB 6/2022 untuk kedua rating "
              "(seharusnya {harapan}).",
        "en": "predikat {nilai} does not match the PermenPANRB 6/2022 matrix for the two "
              "ratings (expected {harapan}).",
    },
    "unit_tidak_dikenal": {
        "id": "unit kerja {nilai} tidak ada di berkas kebijakan; tambahkan unit ini ke "
              "kebijakan atau perbaiki ejaannya.",
        "en": "work unit {nilai} is not in the kebijakan file; add the unit there or fix its "
              "spelling.",
    },
    "ya_tidak_tidak_dikenal": {
        "id": "nilai {nilai} tidak dikenal; gunakan ya atau tidak.",
        "en": "value {nilai} is unknown; use ya (yes) or tidak (no).",
    },
    "pelatihan_setelah_survei": {
        "id": "tanggal pelatihan {nilai} sesudah tanggal survei ({tanggal}).",
        "en": "training date {nilai} is after the survey date ({tanggal}).",
    },
    "jenis_tidak_dikenal": {
        "id": "jenis {nilai} tidak dikenal; gunakan penghargaan, promosi atau pembinaan.",
        "en": "type {nilai} is unknown; use penghargaan, promosi or pembinaan.",
    },
    "rumus_teks": {
        "id": "nilai {nilai} diawali '=', '+', '-' atau '@' seperti rumus spreadsheet; "
              "disimpan sebagai teks dan tidak pernah dihitung (hati-hati bila dibuka di "
              "Excel).",
        "en": "value {nilai} starts with '=', '+', '-' or '@' like a spreadsheet formula; it "
              "is kept as text and never evaluated (take care when opening it in Excel).",
    },
    "masalah_lain": {
        "id": "... dan {n} baris lain dengan masalah yang sama ({kode}).",
        "en": "... and {n} more rows with the same problem ({kode}).",
    },
}

_PREFIX = {
    "id": {"row": "baris {row}", "column": "kolom '{column}'"},
    "en": {"row": "row {row}", "column": "column '{column}'"},
}


def _short(value: str) -> str:
    value = value.replace("\r", " ").replace("\n", " ")
    if len(value) <= VALUE_MAX_CHARS:
        return value
    return value[: VALUE_MAX_CHARS - 1] + "…"


#: Columns whose values are personal: messages show them masked (:func:`mask_value`).
#: Any other value that looks personal (a run of 7 or more digits, possibly grouped, or an
#: ``@``; dates excepted) is masked too, and so is every value of ``rumus_teks`` (free
#: text and extra columns). So is a value that could be a name or free text: two or more
#: words of letters, or more than :data:`NILAI_TAMPIL_MAX` characters, unless all its
#: words are contract vocabulary (predikat, jenis, status...) or it names a unit
#: (contains a unit word such as Kelurahan, Dinas, UPTD). Other values (a wrong predikat,
#: a score of 120, a date, a short code) are shown: they help to fix the data.
KOLOM_PRIBADI: frozenset[str] = frozenset({
    "nip", "nip_petugas", "nama", "tanggal_lahir", "id_responden", "saran", "komentar",
    "keterangan",
})
_KODE_PRIBADI = frozenset({"rumus_teks"})
#: Columns prepare writes that are not contract columns (pseudonyms, derived values):
#: ``--simpan-kolom`` may not name them (:class:`ContractOptions`).
KOLOM_TURUNAN: frozenset[str] = frozenset({
    "id_pegawai", "id_petugas", "id_responden", "kelompok_usia", "skor_kinerja_turunan",
    "triwulan", "triwulan_mulai",
})
NILAI_TAMPIL_MAX = 30
_RE_KATA = re.compile(r"[^\W\d_]{2,}")
# Words of the contract vocabularies (lower case): values made only of these are shown.
_KOSAKATA = frozenset({
    "sangat", "baik", "butuh", "perbaikan", "kurang", "misconduct", "cukup", "buruk",
    "laki", "lakilaki", "perempuan", "pria", "wanita", "male", "female",
    "ya", "tidak", "yes", "no", "true", "false",
    "penghargaan", "promosi", "pembinaan", "pns", "pppk", "cpns", "pegawai", "honorer",
    "kontrak", "non", "asn", "tenaga", "harian", "lepas", "di", "atas", "ekspektasi",
    "sesuai", "bawah", "nilai", "kosong", "na", "nan", "null", "none", "bagus", "sekali",
    "amat", "luar", "biasa", "memuaskan", "tinggi", "rendah", "sedang", "lebih", "dari",
    "nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan",
    "sepuluh", "sebelas", "belas", "puluh", "ratus", "seratus", "koma", "persen",
})
# Words that make a value a unit name ("Kelurahan Ngesrep", "UPTD Puskesmas ...").
_KATA_UNIT = frozenset({
    "kelurahan", "kecamatan", "dinas", "bagian", "subbagian", "seksi", "sub", "subbag",
    "uptd", "upt", "puskesmas", "kantor", "sekretariat", "badan", "bidang", "inspektorat",
    "rsud", "satpol", "kel", "kec", "setda", "bappeda", "kota", "kabupaten",
})
_RE_PRIBADI = re.compile(r"[0-9](?:[ .\-/]?[0-9]){6,}|@")
_RE_TANGGAL = re.compile(r"^\s*[0-9]{1,4}[-/.][0-9]{1,2}[-/.][0-9]{1,4}(?:[ T][0-9:.]+)?\s*$")
_RE_INVISIBLE = re.compile(ingest.INVISIBLE)


def mask_value(value: str) -> str:
    """``…`` and the last 4 characters of ``value`` (at most half of them).

    Examples
    --------
    >>> mask_value("198609262015051001"), mask_value("R001"), mask_value("7")
    ('…1001', '…01', '…')
    """
    n = min(4, len(value) // 2)
    return "…" + value[-n:] if n else "…"


def _free_text(value: str) -> bool:
    """True when ``value`` could be a person's name or free text (see KOLOM_PRIBADI)."""
    words = [w.lower() for w in _RE_KATA.findall(value)]
    if words and all(w in _KOSAKATA for w in words):
        return len(value) > VALUE_MAX_CHARS
    if any(w in _KATA_UNIT for w in words):
        return len(value) > VALUE_MAX_CHARS
    return len(words) >= 2 or len(value.strip()) > NILAI_TAMPIL_MAX


def _personal(column: str | None, code: str, value: str) -> bool:
    if column in KOLOM_PRIBADI or code in _KODE_PRIBADI:
        return True
    if _RE_TANGGAL.match(value):
        return False
    return bool(_RE_PRIBADI.search(value)) or _free_text(value)


def _visible(text: str) -> str:
    r"""Invisible and control characters as escapes (``\u200b``), the rest unchanged.

    Examples
    --------
    >>> _visible("teguran\u200b")
    'teguran\\u200b'
    """
    if text.isascii() and text.isprintable():
        return text
    return "".join(
        ch if ch.isprintable() and not _RE_INVISIBLE.match(ch)
        else (f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}")
        for ch in text)


def _shown_name(name: str) -> str:
    """A column name as printed: escaped, masked when it looks like a personal value
    (digits or ``@``: a data row read as the header); names with words stay readable."""
    masked = _RE_PRIBADI.search(name) and not _RE_TANGGAL.match(name)
    return _visible(mask_value(name) if masked else name)


def _tidy(text: str) -> str:
    return re.sub(r" {2,}", " ", text).replace(" .", ".").replace(" ;", ";")


@dataclass(frozen=True)
class Problem:
    """One contract problem: where (file, row, column), what (code, params), how bad.

    Attributes
    ----------
    file : str
        File name (``"pegawai.csv"``), the input name when no single file can be named
        (``berkas_ganda``), or the data folder for a problem of the whole data set
        (``tanpa_input``, ``tanpa_halaman``).
    row : int or None
        Spreadsheet row number (header = 1), None for file/column problems.
    column : str or None
        Normalized column name.
    value : str or None
        The raw cell text.
    code : str
        Message code (see ``docs/data_contract.md``).
    params : Mapping
        Values for the message placeholders.
    severity : {"error", "warning"}
        Errors reject the row (or the file); warnings do not.

    Examples
    --------
    >>> p = Problem("pegawai.csv", 5, "nip", "1.98609E+17", "nip_excel")
    >>> p.message("en")
    "pegawai.csv, row 5, column 'nip': value '…E+17' looks like an Excel number; \
store the NIP column as text (18 digits)."
    """

    file: str
    row: int | None
    column: str | None
    value: str | None
    code: str
    params: Mapping[str, object] = field(default_factory=dict, hash=False)
    severity: Literal["error", "warning"] = "error"

    def message(self, lang: str = "id") -> str:
        """The message in ``lang`` (``"id"`` or ``"en"``), naming file, row and column."""
        lg = check_lang(lang)
        parts = [self.file] if self.file else []
        if self.row is not None:
            parts.append(_PREFIX[lg]["row"].format(row=self.row))
        if self.column:
            parts.append(_PREFIX[lg]["column"].format(column=_shown_name(self.column)))
        nilai = ""
        if self.value is not None:
            value = str(self.value)
            if _personal(self.column, self.code, value):
                value = mask_value(value.strip())
            nilai = f"'{_visible(_short(value))}'"
        params = dict(self.params)
        for key in ("kolom", "disimpan"):  # column names (kolom_tambahan, ...)
            if isinstance(params.get(key), str):
                params[key] = ", ".join(_shown_name(c) for c in params[key].split(", "))
        body = translate(_MESSAGES, self.code, lg, **{**params, "nilai": nilai})
        return f"{', '.join(parts)}: {_tidy(body)}" if parts else _tidy(body)


@dataclass
class ContractOptions:
    """Options of :func:`validate_dir`.

    Attributes
    ----------
    urutan_unsur : {"permenpan", "tukar_u8_u9"}
        ``"permenpan"``: u8 = penanganan pengaduan, u9 = sarana prasarana (regulation
        order). ``"tukar_u8_u9"``: the file uses questionnaire order (u8 = sarana); the
        accepted columns are swapped into regulation order.
    today : datetime.date, optional
        Reference date for "not in the future" checks (default: today).
    simpan_kolom : tuple of str
        Extra (non-contract) columns that ``prepare`` keeps, scrubbed, in
        ``data/processed/`` (CLI ``--simpan-kolom NAMA``; names compared case-insensitively).
        All other extra columns are dropped, and so is an allowed column whose name
        suggests personal data (:func:`privacy.is_personal_column`); the ``kolom_tambahan``
        and ``kolom_pribadi`` warnings say which.
    """

    urutan_unsur: Literal["permenpan", "tukar_u8_u9"] = "permenpan"
    today: date | None = None
    simpan_kolom: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # matched like headers ("Kontak Person" -> kontak_person); a name kinerja writes
        # itself (id_petugas, triwulan...) would give two columns of that name: refused
        names = tuple(dict.fromkeys(ingest.normalize_column_name(c) for c in self.simpan_kolom))
        clash = [c for c in names if c in KOLOM_TURUNAN]
        if clash:
            raise ValueError(" / ".join(
                translate(_MESSAGES, "simpan_kolom_keluaran", lg, kolom=", ".join(clash))
                for lg in ("id", "en")))
        self.simpan_kolom = names


@dataclass
class ValidatedTable:
    """One input after validation.

    Attributes
    ----------
    name : str
        Input name.
    path : pathlib.Path or None
        The file read (None when missing).
    accepted : pandas.DataFrame
        Typed canonical columns (``ACCEPTED_COLUMNS[name]``), then extra columns (text),
        then ``_baris``.
    rejected : pandas.DataFrame
        Raw text columns, ``_baris``, ``kode`` (codes joined by ``"; "``) and ``alasan``
        (Indonesian reasons, without cell values).
    problems : list of Problem
        Problems of this file (capped per code, see :data:`PROBLEM_CAP`).
    n_read : int
        Data rows read; always ``n_accepted + n_rejected``.
    n_accepted, n_rejected : int or None
        Rows accepted / rejected (None: ``len(accepted)`` / ``len(rejected)``). A streamed
        table (:func:`validate_stream`) may keep no rows in memory, only these counts.
    present : bool
        False when the data folder has no file for this input (an empty typed table).
    """

    name: str
    path: Path | None
    accepted: pd.DataFrame
    rejected: pd.DataFrame
    problems: list[Problem]
    n_read: int
    n_accepted: int | None = None
    n_rejected: int | None = None
    present: bool = True

    def __post_init__(self) -> None:
        if self.n_accepted is None:
            self.n_accepted = len(self.accepted)
        if self.n_rejected is None:
            self.n_rejected = len(self.rejected)


@dataclass
class ValidationReport:
    """All validated inputs of a data folder."""

    tables: dict[str, ValidatedTable]
    problems: list[Problem]

    @property
    def has_errors(self) -> bool:
        """True when any problem has severity ``"error"``."""
        return any(p.severity == "error" for p in self.problems)

    @property
    def present(self) -> tuple[str, ...]:
        """The inputs that have a file in the data folder, in :data:`INPUTS` order."""
        return tuple(name for name, t in self.tables.items() if t.present)

    def summary(self) -> pd.DataFrame:
        """One row per input: file, read, accepted, rejected, errors, warnings, present.

        ``errors`` and ``warnings`` count problem occurrences, including those
        summarized beyond :data:`PROBLEM_CAP`. ``present`` is False for an input without a
        file (its ``file`` is ``""``); a present input whose file could not be chosen (two
        copies, a link out of the folder) names the files of its problem. Problems of the
        whole data set are not counted here.
        """
        rows = []
        for name, t in self.tables.items():
            counts = {"error": 0, "warning": 0}
            for p in t.problems:
                n = int(p.params.get("n", 1)) if p.code == "masalah_lain" else 1  # type: ignore[call-overload]
                counts[p.severity] += n
            rows.append({
                "input": name,
                "file": _summary_file(t),
                "read": t.n_read,
                "accepted": t.n_accepted,
                "rejected": t.n_rejected,
                "errors": counts["error"],
                "warnings": counts["warning"],
                "present": t.present,
            })
        return pd.DataFrame(rows)


def _summary_file(t: ValidatedTable) -> str:
    """The file name of a table; for a file that could not be chosen (two copies, an
    unsupported format, a link out of the folder) the names its problem gives."""
    if t.path is not None:
        return t.path.name
    if not t.present:
        return ""
    for p in t.problems:
        if p.row is None and p.severity == "error":
            return str(p.params.get("berkas") or p.file)
    return ""


# --------------------------------------------------------------------------- row collector


def _alasan_text(code: str, column: str | None, params: Mapping[str, object]) -> str:
    body = _tidy(translate(_MESSAGES, code, "id", **{**dict(params), "nilai": ""}))
    return f"kolom '{_shown_name(column)}': {body}" if column else body


def _join(acc: np.ndarray, add: np.ndarray | str) -> np.ndarray:
    return np.where(acc == "", add, acc + "; " + add)


_ROW_ISSUE_CODES = ("kolom_kurang", "kolom_lebih", "kutip_tidak_ditutup", "rumus_tanpa_nilai")


class _Log:
    """Problems of one table across chunks: at most PROBLEM_CAP per (code, column, severity).

    Groups keep the order in which they first occur, so a table read in chunks lists its
    problems exactly as a table read at once (each group in row order, then its
    ``masalah_lain`` summary).
    """

    def __init__(self, file: str) -> None:
        self.file = file
        self.groups: dict[tuple, list[Problem]] = {}
        self.extra: dict[tuple, int] = {}

    def room(self, key: tuple) -> int:
        return max(PROBLEM_CAP - len(self.groups.setdefault(key, [])), 0)

    def append(self, problem: Problem) -> None:
        """A file-level problem (its own group)."""
        self.groups[("__file__", len(self.groups))] = [problem]

    def problems(self) -> list[Problem]:
        out: list[Problem] = []
        # groups in the order of the rule calls; the reading problems (wrong number of
        # fields) are recorded before any rule of a chunk, sorted by code
        first = [k for k in self.groups if k[0] in _ROW_ISSUE_CODES]
        order = sorted(first) + [k for k in self.groups if k[0] not in _ROW_ISSUE_CODES]
        for key in order:
            probs = self.groups[key]
            out.extend(probs)
            n = self.extra.get(key, 0)
            if n:
                code, column, severity = key
                out.append(Problem(self.file, None, column, None, "masalah_lain",
                                   {"n": int(n), "kode": code}, severity))
        return out


class _Rows:
    """Collects rule violations of one table (chunk) from boolean masks."""

    def __init__(self, file: str, frame: pd.DataFrame, log: _Log | None = None) -> None:
        self.file = file
        self.frame = frame
        self.n = len(frame)
        self.baris = frame["_baris"].to_numpy(dtype=np.int64)
        self.bad = np.zeros(self.n, dtype=bool)
        self.kode = np.full(self.n, "", dtype=object)
        self.alasan = np.full(self.n, "", dtype=object)
        self.log = log if log is not None else _Log(file)
        self.silent = False  # set when the whole file is already rejected
        self.silent_file = False  # set on later chunks: file-level problems already logged
        # rows whose fields are unreliable (wrong field count): no further checks
        self.skip = np.zeros(self.n, dtype=bool)

    def add(
        self,
        code: str,
        mask: Any,
        column: str | None = None,
        *,
        params: Mapping[str, object] | None = None,
        row_params: Mapping[str, Any] | None = None,
        severity: Literal["error", "warning"] = "error",
        value_column: str | None = None,
    ) -> None:
        """Record ``code`` for every row where ``mask`` is True."""
        if self.silent:
            return
        key = (code, column, severity)
        self.log.groups.setdefault(key, [])  # group order = rule order, hits or not
        if isinstance(mask, pd.Series):
            mask = mask.fillna(False).to_numpy(dtype=bool)
        idx = np.flatnonzero(np.asarray(mask, dtype=bool) & ~self.skip)
        if not len(idx):
            return
        params = dict(params or {})
        rp = {k: np.asarray(v, dtype=object) for k, v in (row_params or {}).items()}
        vcol = value_column or column
        shown = idx[: self.log.room(key)]
        values = (
            self.frame[vcol].iloc[shown].to_numpy(dtype=object)
            if vcol is not None and vcol in self.frame.columns else None
        )
        group = self.log.groups[key]
        for j, i in enumerate(shown):
            p = dict(params)
            p.update({k: _plain(v[i]) for k, v in rp.items()})
            group.append(Problem(
                self.file, int(self.baris[i]), column,
                None if values is None else str(values[j]), code, p, severity,
            ))
        if len(idx) > len(shown):
            self.log.extra[key] = self.log.extra.get(key, 0) + int(len(idx) - len(shown))
        if severity != "error":
            return
        self.bad[idx] = True
        self.kode[idx] = _join(self.kode[idx], code)
        if not rp:
            text: np.ndarray | str = _alasan_text(code, column, params)
        else:
            names = list(rp)
            tokens = {k: f"\x01{j}\x02" for j, k in enumerate(names)}
            tmpl = _alasan_text(code, column, {**params, **tokens})
            parts = re.split("\x01([0-9]+)\x02", tmpl)
            text = np.full(len(idx), parts[0], dtype=object)
            for j in range(1, len(parts), 2):
                vals = _as_text(rp[names[int(parts[j])]][idx])
                text = text + vals + parts[j + 1]
        self.alasan[idx] = _join(self.alasan[idx], text)

    def reject_set(self, problem: Problem, mask: np.ndarray, *, log: bool = True,
                   reason: str | None = None) -> None:
        """Reject the rows of ``mask`` with ``problem``, reported once (``log``); the rows'
        reason is the problem's message unless ``reason`` (a message code) is given."""
        key = (problem.code, problem.column, problem.severity)
        group = self.log.groups.setdefault(key, [])
        if log and not self.silent:
            if self.log.room(key):
                group.append(problem)
            else:
                self.log.extra[key] = self.log.extra.get(key, 0) + 1
        idx = np.flatnonzero(mask)
        if len(idx):
            self.bad[idx] = True
            self.kode[idx] = _join(self.kode[idx], problem.code)
            self.alasan[idx] = _join(self.alasan[idx], _alasan_text(
                reason or problem.code, problem.column, problem.params))

    def reject_all(self, code: str, column: str | None, params: Mapping[str, object]) -> None:
        """A file-level error: one Problem (first chunk only), every row rejected."""
        if not self.silent_file:
            self.log.append(Problem(self.file, None, column, None, code, dict(params)))
        if self.n:
            self.bad[:] = True
            self.kode[:] = _join(self.kode, code)
            self.alasan[:] = _join(self.alasan, _alasan_text(code, column, params))


def _as_text(values: np.ndarray) -> np.ndarray:
    """Vectorized str() for message parameters (None -> "")."""
    out = pd.Series(values, dtype=object).fillna("").astype(str)
    return out.to_numpy(dtype=object)


def _obj(s: pd.Series) -> np.ndarray:
    """Object array with None for missing values (safe for == comparisons)."""
    return s.to_numpy(dtype=object, na_value=None)


def _differ(a: pd.Series, b: pd.Series) -> np.ndarray:
    """``a != b`` where both are present (False where either is missing), in Arrow."""
    import pyarrow as pa
    import pyarrow.compute as pc

    x = pa.array(a.astype("string").array)
    y = pa.array(b.astype("string").array)
    return np.asarray(pc.fill_null(pc.not_equal(x, y), False).to_numpy(zero_copy_only=False),
                      dtype=bool)


def _plain(v: object) -> object:
    """numpy / pandas scalars -> plain Python values (for messages)."""
    if isinstance(v, pd.Timestamp):
        return v.date().isoformat()
    if isinstance(v, np.generic):
        return v.item()
    return v


# --------------------------------------------------------------------------- table state

_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)
_BASE = np.uint64(0x100000001B3)


def _mix64(h: np.ndarray) -> np.ndarray:
    """splitmix64 finalizer (spreads bits of the polynomial hash)."""
    h = h ^ (h >> np.uint64(30))
    h = h * _MIX1
    h = h ^ (h >> np.uint64(27))
    h = h * _MIX2
    return h ^ (h >> np.uint64(31))


_WORDS = 6  # texts up to 48 bytes are fingerprinted word by word


def _fingerprint(arr: Any) -> np.ndarray:
    """64-bit fingerprint of each string of an Arrow array, from its UTF-8 bytes (numpy).

    Texts of up to 48 bytes are read as six little-endian 64-bit words (vectorized
    gathers); longer texts use a polynomial hash over every byte. Not collision-proof:
    :class:`_KeyStore` compares the texts of every fingerprint match.
    """
    import pyarrow as pa

    arr = arr.cast(pa.large_string())
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    n = len(arr)
    bufs = arr.buffers()
    offsets = np.frombuffer(bufs[1], dtype=np.int64)[arr.offset : arr.offset + n + 1]
    lengths = np.diff(offsets)
    base = int(offsets[0]) if n else 0
    total = int(offsets[-1] - base) if n else 0
    h = lengths.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    if not total:
        return _mix64(h)
    data = np.frombuffer(bufs[2], dtype=np.uint8)[base : base + total]
    starts = offsets[:-1] - base
    padded = np.zeros(total + 8 * _WORDS + 8, dtype=np.uint8)
    padded[:total] = data
    windows = np.lib.stride_tricks.as_strided(padded, shape=(total + 8 * _WORDS, 8),
                                              strides=(1, 1))
    longest = int(lengths.max())
    for k in range(min(_WORDS, -(-longest // 8))):
        word = windows[starts + 8 * k].copy().view("<u8").ravel().astype(np.uint64)
        rest = np.clip(lengths - 8 * k, 0, 8).astype(np.uint64)
        keep = np.where(rest >= 8, np.uint64(0xFFFFFFFFFFFFFFFF),
                        (np.uint64(1) << (np.uint64(8) * np.minimum(rest, 7))) - np.uint64(1))
        # words past the end of a text leave its fingerprint alone (independent of the
        # other texts of the array)
        h = np.where(rest > 0, _mix64(h ^ (word & keep)) + np.uint64(k + 1), h)
    long_rows = np.flatnonzero(lengths > 8 * _WORDS)
    if len(long_rows):
        h[long_rows] ^= _byte_hash(data, starts[long_rows], lengths[long_rows])
    return _mix64(h)


def _byte_hash(data: np.ndarray, starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Polynomial hash (mod 2**64) over every byte of the given texts."""
    seg_idx = np.repeat(starts, lengths) + (
        np.arange(int(lengths.sum()), dtype=np.int64)
        - np.repeat(np.cumsum(lengths) - lengths, lengths))
    inpos = seg_idx - np.repeat(starts, lengths)
    powers = np.cumprod(np.full(int(lengths.max()), _BASE, dtype=np.uint64))
    contrib = (data[seg_idx].astype(np.uint64) + np.uint64(1)) * powers[inpos]
    return np.add.reduceat(contrib, np.cumsum(lengths) - lengths)


class _KeyStore:
    """Keys seen in earlier chunks of a table: exact, compact, vectorized.

    Per key: a 64-bit fingerprint (sorted runs merged like a log-structured merge tree),
    the row number and the position of its text; a fingerprint match is confirmed by
    comparing the texts, so a collision never rejects a row.
    """

    def __init__(self) -> None:
        self.runs: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        self.texts: list[Any] = []
        self.n_texts = 0

    def _text(self, positions: np.ndarray) -> Any:
        import pyarrow as pa

        return pa.chunked_array(self.texts, type=pa.large_string()).take(positions)

    def first_rows(self, texts: Any, baris: np.ndarray,
                   exact: np.ndarray | None = None) -> np.ndarray:
        """Row number of the first occurrence of each key (0 where it is the first).

        ``texts`` (Arrow strings) or ``exact`` (uint64 keys that need no text check).
        """
        import pyarrow as pa
        import pyarrow.compute as pc

        fp = exact if exact is not None else _fingerprint(texts)
        n = len(fp)
        order = np.argsort(fp, kind="stable")  # stable: rows of one key stay in row order
        fs = fp[order]
        lead = np.ones(n, dtype=bool)
        lead[1:] = fs[1:] != fs[:-1]
        group = np.cumsum(lead) - 1
        leaders = order[lead]
        same = np.ones(1, dtype=bool)
        if exact is None and not lead.all():  # a leader equals itself: compare the others
            follow = np.flatnonzero(~lead)
            same = np.asarray(pc.equal(texts.take(pa.array(order[follow])),
                                       texts.take(pa.array(leaders[group[follow]]))),
                              dtype=bool)
        if not same.all():  # fingerprint collision inside the chunk: exact grouping
            codes = pd.factorize(pd.Series(texts.to_pandas(), dtype="str"))[0]
            order = np.argsort(codes, kind="stable")
            cs = codes[order]
            lead = np.ones(n, dtype=bool)
            lead[1:] = cs[1:] != cs[:-1]
            group = np.cumsum(lead) - 1
            leaders = order[lead]
        first_sorted = baris[leaders][group]  # within the chunk
        first = np.empty(n, dtype=np.int64)
        first[order] = first_sorted
        first[leaders] = 0
        # earlier chunks
        lfp = fp[leaders]
        prior = self._lookup(lfp, None if exact is not None else texts, leaders)
        hit = prior > 0
        if hit.any():
            hit_rows = np.isin(group, np.flatnonzero(hit))
            first[order[hit_rows]] = prior[group[hit_rows]]
        new = leaders[~hit]
        if len(new):
            srt = np.argsort(fp[new], kind="stable")
            new = new[srt]
            if exact is None:
                pos = np.arange(self.n_texts, self.n_texts + len(new), dtype=np.int64)
                self.texts.append(texts.take(pa.array(new)))
                self.n_texts += len(new)
            else:  # exact keys need no text positions
                pos = np.empty(0, dtype=np.int64)
            self.runs.append((fp[new], baris[new].astype(np.int64), pos))
            self._merge()
        return first

    def _lookup(self, fp: np.ndarray, texts: Any, at_rows: np.ndarray) -> np.ndarray:
        """First row of each fingerprint ``fp`` stored earlier (0: none).

        The text of ``fp[i]`` is ``texts[at_rows[i]]`` (taken only for candidates).
        """
        import pyarrow as pa
        import pyarrow.compute as pc

        out = np.zeros(len(fp), dtype=np.int64)
        for rfp, rbaris, rpos in self.runs:  # rpos is empty for exact keys
            lo = np.searchsorted(rfp, fp, side="left")
            hi = np.searchsorted(rfp, fp, side="right")
            cand = np.flatnonzero((hi > lo) & (out == 0))
            if not len(cand):
                continue
            if texts is None:  # exact keys: one entry per key
                out[cand] = rbaris[lo[cand]]
                continue
            single = cand[hi[cand] - lo[cand] == 1]
            if len(single):
                at = lo[single]
                eq = np.asarray(pc.equal(texts.take(pa.array(at_rows[single])),
                                         self._text(rpos[at])), dtype=bool)
                out[single[eq]] = rbaris[at[eq]]
            for i in cand[hi[cand] - lo[cand] > 1]:  # equal fingerprints stored: rare
                span = np.arange(lo[i], hi[i])
                eq = np.asarray(pc.equal(self._text(rpos[span]), texts[int(at_rows[i])]),
                                dtype=bool)
                if eq.any():
                    out[i] = rbaris[span[eq]].min()
        return out

    def _merge(self) -> None:
        """Merge the two newest runs while they are of similar size (linear merge)."""
        while len(self.runs) > 1 and len(self.runs[-2][0]) <= 2 * len(self.runs[-1][0]):
            b = self.runs.pop()
            a = self.runs.pop()
            n = len(a[0]) + len(b[0])
            at = np.searchsorted(a[0], b[0], side="right") + np.arange(len(b[0]))
            from_a = np.ones(n, dtype=bool)
            from_a[at] = False
            merged = []
            for xa, xb in zip(a, b, strict=True):
                if not len(xa) and not len(xb):
                    merged.append(xa)
                    continue
                out = np.empty(n, dtype=xa.dtype)
                out[at] = xb
                out[from_a] = xa
                merged.append(out)
            self.runs.append(tuple(merged))


def _nip_int(s: pd.Series | pd.Index) -> tuple[np.ndarray, np.ndarray]:
    """18-digit NIP text -> int64 (exact), and the mask of values that are 18 digits."""
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = pa.array(pd.Series(s).astype("str"), type=pa.large_string())
    ok_a = _is_18_digits(arr)
    vals = pc.cast(pc.if_else(ok_a, arr, "0"), pa.int64())
    return (np.asarray(vals.to_numpy(zero_copy_only=False), dtype=np.int64),
            np.asarray(ok_a.to_numpy(zero_copy_only=False), dtype=bool))


def _is_18_digits(arr: Any) -> Any:
    """Arrow mask: exactly 18 ASCII digits (``^[0-9]{18}$`` without a regex; null -> False)."""
    import pyarrow.compute as pc

    return pc.fill_null(pc.and_(pc.equal(pc.binary_length(arr), 18),
                                pc.ascii_is_decimal(arr)), False)


class _NipIndex:
    """Membership in the accepted pegawai NIPs as an int64 hash index (built once)."""

    def __init__(self, known: pd.Index) -> None:
        vals, ok = _nip_int(known)
        self.index = pd.Index(np.unique(vals[ok]))
        self.other = set(pd.Series(known).astype("str")[~ok].tolist())

    def found(self, norm: pd.Series) -> tuple[np.ndarray, np.ndarray]:
        """Membership, and the position in the index (-1: unknown or not 18 digits)."""
        vals, ok = _nip_int(norm)
        pos = np.full(len(norm), -1, dtype=np.int64)
        pos[ok] = self.index.get_indexer(vals[ok])
        out = pos >= 0
        if self.other and (~ok).any():
            out[~ok] = norm[~ok].isin(self.other).to_numpy(dtype=bool)
        return out, pos


class _TableState:
    """What validating one table keeps from chunk to chunk."""

    def __init__(self, file: str) -> None:
        self.log = _Log(file)
        self.keys = _KeyStore()
        self.int_keys = _KeyStore()
        self._nips: tuple[int, _NipIndex] | None = None

    def nip_index(self, known: pd.Index) -> _NipIndex:
        if self._nips is None or self._nips[0] != id(known):
            self._nips = (id(known), _NIP_INDEX_CACHE.get(known))
        return self._nips[1]


class _NipIndexCache:
    """One :class:`_NipIndex` per NIP list (the list of a validation run)."""

    def __init__(self) -> None:
        self._key: Any = None
        self._value: _NipIndex | None = None

    def get(self, known: pd.Index) -> _NipIndex:
        if self._key is not known or self._value is None:
            self._key, self._value = known, _NipIndex(known)
        return self._value


_NIP_INDEX_CACHE = _NipIndexCache()


# --------------------------------------------------------------------------- column rules

_FORMULA = r"^[=+\-@][A-Za-z]"
# Explicit whitespace class (RE2-compatible, so pandas runs it in Arrow, not Python re).
_WS = "[ \t\r\n\f\v\u00a0\u2007\u202f]+"
_JK = {
    "l": "L", "lakilaki": "L", "laki": "L", "pria": "L", "male": "L", "m": "L",
    "p": "P", "perempuan": "P", "wanita": "P", "female": "P", "f": "P", "w": "P",
}
_YA_TIDAK = {
    "ya": True, "y": True, "1": True, "true": True, "yes": True,
    "tidak": False, "t": False, "0": False, "false": False, "no": False,
}
# Golongan keys after upper-casing and removing spaces and / - . ("iii-a" -> "IIIA").
_GOL_PNS_KEYS = {
    f"{r}{x.upper()}": f"{r}/{x}"
    for r, letters in (("I", "abcd"), ("II", "abcd"), ("III", "abcd"), ("IV", "abcde"))
    for x in letters
}
# PPPK golongan I..XVII (FACTS 3.2 marks this [M]: Perpres 98/2020 not verified).
_GOL_PPPK_KEYS = {r: r for r in (
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV",
    "XV", "XVI", "XVII")}
_NIP_CODES = {
    "excel_angka": "nip_excel",
    "bukan_angka": "nip_bukan_angka",
    "panjang": "nip_panjang",
    "tanggal_lahir": "nip_tanggal_lahir",
    "tmt_cpns": "nip_tmt_cpns",
    "tmt_masa_depan": "nip_tmt_masa_depan",
    "jenis_kelamin": "nip_jenis_kelamin",
    "nomor_urut": "nip_nomor_urut",
    "usia_pengangkatan": "nip_usia_pengangkatan",
}
# For PPPK numbers and for NIP references only the format is checked.
_NIP_FORMAT_CODES = ("excel_angka", "bukan_angka", "panjang")


def _unit_key(s: pd.Series) -> pd.Series:
    return s.astype("str").str.strip().str.replace(_WS, " ", regex=True).str.lower()


def _lookup(keys: pd.Series, mapping: Mapping[str, Any]) -> np.ndarray:
    """Vectorized ``mapping.get(key)`` (Arrow hash join); None where the key is unknown."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if not len(keys):
        return np.array([], dtype=object)
    arr = pa.array(keys.astype("str"), type=pa.large_string())
    vs = pa.array(list(mapping), type=pa.large_string())
    pos = pc.fill_null(pc.index_in(arr, value_set=vs), -1).to_numpy(zero_copy_only=False)
    values = np.array(list(mapping.values()) + [None], dtype=object)
    return values[pos]  # position -1 picks the trailing None


def _factorize(text: pd.Series) -> tuple[np.ndarray | None, Any]:
    """Codes (first-appearance order) and distinct values of a ``str`` Series.

    Arrow ``dictionary_encode`` on the column's own buffers (about twice as fast as
    :func:`pandas.factorize`); codes None when the column has missing values.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = getattr(text.array, "_pa_array", None)
    if not isinstance(arr, pa.ChunkedArray | pa.Array):  # pragma: no cover - other storage
        codes, uniques = pd.factorize(text, use_na_sentinel=True)
        return (None if (codes < 0).any() else codes), uniques
    if arr.null_count:
        return None, None
    enc = pc.dictionary_encode(arr)
    chunks = enc.chunks if isinstance(enc, pa.ChunkedArray) else [enc]
    if not chunks:
        return np.empty(0, dtype=np.int32), pa.array([], type=arr.type)
    dictionary = chunks[0].dictionary
    if any(not c.dictionary.equals(dictionary) for c in chunks[1:]):  # pragma: no cover
        codes, uniques = pd.factorize(text, use_na_sentinel=True)
        return codes, uniques
    codes = np.concatenate([np.asarray(c.indices) for c in chunks]) if len(chunks) > 1 \
        else np.asarray(chunks[0].indices)
    return codes, dictionary


def _per_unique(s: pd.Series, fn: Callable[[pd.Series], Any]) -> Any:
    """``fn(s)`` computed once per distinct value of ``s`` (a Series or tuple of Series).

    Survey and score columns repeat a handful of values millions of times; parsing the
    distinct values and expanding by position is the same result at a fraction of the cost.
    """
    text = s.astype("str")
    if len(text) < 64:
        return fn(s)
    codes, uniques = _factorize(text)
    if codes is None or len(uniques) * 2 > len(text):
        return fn(s)
    res = fn(pd.Series(uniques, dtype="str"))

    def expand(r: pd.Series) -> pd.Series:
        if isinstance(r.dtype, np.dtype):
            return pd.Series(r.to_numpy()[codes], index=s.index, dtype=r.dtype)
        return r.take(codes).set_axis(s.index)

    return tuple(expand(r) for r in res) if isinstance(res, tuple) else expand(res)


class _Ctx:
    """One table (chunk) being validated: raw text frame, collector, options, table state."""

    def __init__(self, name: str, file: str, frame: pd.DataFrame, decimal_comma: bool,
                 today: date, state: _TableState | None = None) -> None:
        self.name = name
        self.frame = frame
        self.state = state if state is not None else _TableState(file)
        self.rows = _Rows(file, frame, self.state.log)
        self.decimal_comma = decimal_comma
        self.today = today
        self.today_ts = pd.Timestamp(today)
        self._text: dict[str, pd.Series] = {}
        self.nip_pos: dict[str, np.ndarray] = {}  # position among the accepted NIPs
        self._blank: dict[str, np.ndarray] = {}

    def text(self, c: str) -> pd.Series:
        """Trimmed cell text (cached per column)."""
        if c not in self._text:
            self._text[c] = self.frame[c].astype("str").str.strip()
        return self._text[c]

    def blank(self, c: str) -> np.ndarray:
        if c not in self._blank:
            self._blank[c] = (self.text(c) == "").to_numpy(dtype=bool)
        return self._blank[c]

    def required(self, c: str) -> np.ndarray:
        b = self.blank(c)
        self.rows.add("wajib_diisi", b, c)
        return b

    def free_text(self, c: str) -> pd.Series:
        """Trimmed text (NaN when blank); formula-looking cells give a warning."""
        t = self.text(c)
        self.rows.add("rumus_teks", t.str.match(_FORMULA), c, severity="warning")
        return t.where(t != "").astype("str")

    def numbers(self, cols: tuple[str, ...] | list[str], lo: float | None, hi: float | None,
                *, required: bool, integer: bool = False,
                code: str | None = None) -> dict[str, pd.Series]:
        """Number columns with values in [lo, hi], parsed in one stacked pass.

        ``code`` replaces both the range and the whole-number codes (SKM / Likert items).
        Returns float64 Series (NaN where blank or invalid).
        """
        n, k = self.rows.n, len(cols)
        stacked = pd.concat([self.frame[c].astype("str") for c in cols], ignore_index=True)
        dec = self.decimal_comma

        def parse(t: pd.Series) -> tuple[pd.Series, ...]:
            values, err = ingest.parse_number_series(t, dec)
            txt = t.str.strip()
            comma = pd.Series(False, index=t.index)
            if not dec and err.any():
                comma = err & txt.str.fullmatch(r"[+-]?[0-9]*,[0-9]+").fillna(False)
            return values, err, comma.astype(bool), txt == ""

        values, err, comma_s, blank_s = _per_unique(stacked, parse)
        e = err.to_numpy(dtype=bool).reshape(k, n)
        comma = comma_s.to_numpy(dtype=bool).reshape(k, n)
        blank = blank_s.to_numpy(dtype=bool).reshape(k, n)
        v = values.to_numpy(dtype=float).reshape(k, n)
        ok = ~np.isnan(v)
        with np.errstate(invalid="ignore"):
            nonint = ok & (np.mod(v, 1) != 0) if integer else np.zeros((k, n), bool)
            low = ok & (v < lo) if lo is not None else np.zeros((k, n), bool)
            high = ok & (v > hi) if hi is not None else np.zeros((k, n), bool)
        out = {}
        for j, c in enumerate(cols):
            self._blank.setdefault(c, blank[j])  # same as blank(c): trimmed text == ""
            if required:
                self.rows.add("wajib_diisi", blank[j], c)
            self.rows.add("koma_desimal", comma[j], c)
            self.rows.add("bukan_angka", e[j] & ~comma[j], c)
            if code is not None:
                self.rows.add(code, nonint[j] | low[j] | high[j], c)
            else:
                self.rows.add("bukan_bilangan_bulat", nonint[j], c)
                if hi is None:
                    self.rows.add("di_bawah_minimum", low[j] & ~nonint[j], c,
                                  params={"min": _num(lo)})
                else:
                    self.rows.add("di_luar_rentang", (low[j] | high[j]) & ~nonint[j], c,
                                  params={"min": _num(lo), "max": _num(hi)})
            out[c] = pd.Series(v[j], index=self.frame.index, dtype="float64")
        return out

    def number(self, c: str, lo: float | None, hi: float | None, *, required: bool,
               integer: bool = False, code: str | None = None) -> pd.Series:
        """One number column (see :meth:`numbers`)."""
        return self.numbers([c], lo, hi, required=required, integer=integer, code=code)[c]

    def date(self, c: str, *, required: bool, floor: bool = True) -> pd.Series:
        """A date column; ``floor``: dates before :data:`TAHUN_MINIMUM` are errors."""
        if required:
            self.required(c)
        values, err = _per_unique(self.frame[c], ingest.parse_date_series)
        for src, code in (("format", "tanggal_format"), ("excel_serial", "tanggal_excel"),
                          ("tanggal_tidak_ada", "tanggal_tidak_ada")):
            self.rows.add(code, err == src, c)
        self.rows.add("tanggal_masa_depan", values > self.today_ts, c,
                      params={"hari_ini": self.today.isoformat()})
        if floor:
            self.rows.add("tanggal_terlalu_lama", values < _FLOOR, c,
                          params={"tahun": TAHUN_MINIMUM})
        return values

    def periode(self, c: str) -> tuple[pd.Series, pd.Series]:
        self.required(c)
        periode, triwulan, err, start = _per_unique(self.frame[c], _parse_periode)
        self.rows.add("periode_format", err == "format", c)
        self.rows.add("periode_masa_depan", start > self.today_ts, c,
                      params={"hari_ini": self.today.isoformat()})
        self.rows.add("periode_terlalu_lama", start < _FLOOR, c,
                      params={"tahun": TAHUN_MINIMUM})
        return periode, triwulan

    def unit(self, c: str, units: Mapping[str, str] | None) -> pd.Series:
        """A unit that must be listed in kebijakan (``units``: key -> kebijakan spelling).

        ``units`` None (no kebijakan file): the check is skipped and the unit is kept as
        written, trimmed and with runs of spaces collapsed.
        """
        blank = self.required(c)
        if units is None:
            t = self.text(c)
            return t.where(t != "").str.replace(_WS, " ", regex=True).astype("str")
        mapped = _per_unique(
            self.frame[c],
            lambda t: pd.Series(_lookup(_unit_key(t), units), index=t.index, dtype="str"),
        )
        self.rows.add("unit_tidak_dikenal", ~blank & mapped.isna().to_numpy(dtype=bool), c)
        return mapped

    def nip_ref(self, c: str, known: pd.Index | None, *, required: bool) -> pd.Series:
        """A NIP that must belong to an accepted pegawai row.

        ``known`` None (no pegawai file): only the format is checked (18 digits, not
        damaged by Excel).
        """
        blank = self.required(c) if required else self.blank(c)
        norm = _nip_norm(self.frame[c])
        if known is None:
            found = np.zeros(self.rows.n, dtype=bool)
            self.nip_pos[c] = np.full(self.rows.n, -1, dtype=np.int64)
        else:
            found, self.nip_pos[c] = self.state.nip_index(known).found(norm)
        unknown = np.flatnonzero(~blank & ~found)  # usually none: no per-row text work
        codes = np.empty(0, dtype=object)
        if len(unknown) and known is None and self.rows.silent:
            unknown = unknown[:0]  # the file is rejected as a whole: nothing to report
        if len(unknown) and known is None:
            sub = _per_unique(self.frame[c].iloc[unknown],
                              lambda t: nip.parse_nip_series(t)["error"])
            sub = sub.where(sub.isin(_NIP_FORMAT_CODES)).map(_NIP_CODES)
            codes = sub.to_numpy(dtype=object, na_value=None)
        elif len(unknown):
            sub = nip.parse_nip_series(self.frame[c].iloc[unknown])["error"]
            sub = sub.where(sub.isin(_NIP_FORMAT_CODES)).map(_NIP_CODES)
            codes = sub.fillna("nip_tidak_dikenal").to_numpy(dtype=object)
        for code in ("nip_excel", "nip_bukan_angka", "nip_panjang", "nip_tidak_dikenal"):
            mask = np.zeros(self.rows.n, dtype=bool)
            mask[unknown[codes == code]] = True
            self.rows.add(code, mask, c)
        return norm.where(~pd.Series(blank, index=norm.index)).astype("str")


def _id_key(s: pd.Series) -> pd.Series:
    """The text an identifier's pseudonym is computed from (:func:`privacy._normalize`).

    Vectorized as ``prepare._Hasher`` does it: printable ASCII without spaces is
    lower-cased (digits, ``.`` and ``-`` only: the separators removed) with Arrow kernels;
    other values go through :func:`privacy._normalize` (NFKC, case-folded, single spaces).
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    from . import privacy

    def norm(t: pd.Series) -> pd.Series:
        arr = pa.array(t.astype("str"), type=pa.large_string(), from_pandas=True)
        fast = pc.fill_null(pc.match_substring_regex(arr, r"^[!-~]+$"), False)
        digits = pc.and_(pc.match_substring_regex(arr, r"^[0-9.\-]+$"),
                         pc.match_substring_regex(arr, r"[0-9]"))
        out = pc.if_else(digits, pc.replace_substring_regex(arr, r"[.\-]", ""),
                         pc.utf8_lower(arr))
        values = out.to_numpy(zero_copy_only=False).astype(object)
        slow = np.flatnonzero(~np.asarray(fast.to_numpy(zero_copy_only=False), dtype=bool))
        for i in slow:
            values[i] = privacy._normalize(t.iloc[i]) if pd.notna(t.iloc[i]) else ""
        return pd.Series(values, index=t.index, dtype="str")

    return _per_unique(s, norm)


def _num(x: float | None) -> str:
    if x is None:
        return ""
    return str(int(x)) if float(x).is_integer() else str(x)


def _nip_norm(s: pd.Series) -> pd.Series:
    import pyarrow as pa
    import pyarrow.compute as pc

    s = s.astype("str")
    arr = getattr(s.array, "_pa_array", None)
    if isinstance(arr, pa.ChunkedArray) and not arr.null_count and pc.all(pc.or_(
            pc.ascii_is_decimal(arr), pc.equal(pc.binary_length(arr), 0))).as_py() is not False:
        return s  # digits or blank only (the usual case): no whitespace to remove
    if not s.str.contains(_WS, regex=True).any():  # nothing to remove
        return s
    return s.str.replace(_WS, "", regex=True)


def _periode_code(periode: pd.Series) -> np.ndarray:
    """Canonical period (``YYYY-Qn`` / ``YYYY-MM``) -> small int (-1 where NA)."""
    def code(t: pd.Series) -> pd.Series:
        ok = t.notna().to_numpy(dtype=bool)
        out = np.full(len(t), -1, dtype=np.int64)
        if ok.any():
            v = t[ok]
            year = v.str.slice(0, 4).astype("int64").to_numpy()
            is_q = (v.str.slice(5, 6) == "Q").to_numpy(dtype=bool)
            num = v.str.slice(-2).str.replace("Q", "").astype("int64").to_numpy()
            out[ok] = year * 32 + np.where(is_q, num, 4 + num)
        return pd.Series(out, index=t.index)

    return _per_unique(periode.astype("str"), code).to_numpy(dtype=np.int64)


def _int_key(ctx: _Ctx, c: str, other: np.ndarray) -> np.ndarray:
    """Exact int64 key from a known NIP (position) and a small int; -1 if not encodable."""
    pos = ctx.nip_pos[c]
    ok = (pos >= 0) & (other >= 0) & (other < 1 << 20)
    return np.where(ok, (pos << 20) | np.where(ok, other, 0), -1)


def _parse_periode(s: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series, pd.Series]:
    periode, triwulan, err = ingest.parse_periode_series(s)
    return periode, triwulan, err, _periode_start(periode)


def _periode_start(periode: pd.Series) -> pd.Series:
    """First day of canonical periods ``YYYY-Qn`` / ``YYYY-MM`` (NaT where NA)."""
    p = periode.astype("str")
    ok = p.notna().to_numpy(dtype=bool)
    out = np.full(len(p), np.datetime64("NaT"), dtype="datetime64[ns]")
    if ok.any():
        v = p[ok]
        year = v.str.slice(0, 4).astype("int64").to_numpy()
        is_q = (v.str.slice(5, 6) == "Q").to_numpy(dtype=bool)
        num = v.str.slice(-2).str.replace("Q", "").astype("int64").to_numpy()
        month = np.where(is_q, (num - 1) * 3 + 1, num)
        out[ok] = ((year - 1970) * 12 + month - 1).astype("datetime64[M]").astype(
            "datetime64[ns]")
    return pd.Series(out, index=periode.index)


def _duplicates(ctx: _Ctx, keys: Mapping[str, pd.Series],
                ints: np.ndarray | None = None) -> None:
    """Reject later rows whose key repeats an earlier row (names the first row).

    Earlier rows include those of earlier chunks (:class:`_KeyStore`). ``ints`` may give
    an exact int64 encoding of the key (-1 where none): such keys skip the text path. A
    given key always gets the same encoding, so the two stores never share a key.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    key = pd.DataFrame({k: v.astype("str") for k, v in keys.items()})
    valid = (key.notna().all(axis=1) & (key != "").all(axis=1)).to_numpy(dtype=bool)
    first = np.zeros(ctx.rows.n, dtype=np.int64)
    if ints is not None:
        as_int = valid & (ints >= 0)
        ipos = np.flatnonzero(as_int)
        if len(ipos):
            first[ipos] = ctx.state.int_keys.first_rows(
                None, ctx.rows.baris[ipos], ints[ipos].astype(np.uint64))
        valid = valid & ~as_int
    pos = np.flatnonzero(valid)
    if len(pos):
        take = pa.array(pos)
        parts = [pa.array(key[k], type=pa.large_string()).take(take) for k in key.columns]
        if len(parts) == 1:
            joined = parts[0]
        else:  # length-prefixed, so that no two different keys join to the same text
            lengths = pc.cast(pc.utf8_length(parts[0]), pa.large_string())
            sep = pa.scalar("\x1f", pa.large_string())
            joined = pc.binary_join_element_wise(lengths, *parts, sep)
        first[pos] = ctx.state.keys.first_rows(joined, ctx.rows.baris[pos])
    mask = first > 0  # add() also without hits: keeps the order of problem groups
    first_all = first
    cols = list(keys)
    ctx.rows.add("duplikat", mask, cols[0] if len(cols) == 1 else None,
                 params={"kunci": ", ".join(cols)}, row_params={"baris_pertama": first_all},
                 value_column=cols[0])


def _golongan(ctx: _Ctx, status: pd.Series) -> pd.Series:
    raw = ctx.text("golongan")
    blank = (raw == "").to_numpy(dtype=bool)
    def keys(t: pd.Series) -> tuple[pd.Series, pd.Series]:
        key = t.str.upper().str.replace(r"[ \t/\-.]+", "", regex=True)
        return (pd.Series(_lookup(key, _GOL_PNS_KEYS), index=t.index, dtype=object),
                pd.Series(_lookup(key, _GOL_PPPK_KEYS), index=t.index, dtype=object))

    pns_s, pppk_s = _per_unique(raw, keys)
    pns, pppk = pns_s.to_numpy(dtype=object), pppk_s.to_numpy(dtype=object)
    pns_ok, pppk_ok = pns != None, pppk != None  # noqa: E711
    ctx.rows.add("golongan_format", ~blank & ~pns_ok & ~pppk_ok, "golongan")
    st = status.to_numpy(dtype=object, na_value=None)
    wrong = (pppk_ok & (st == "PNS")) | (pns_ok & (st == "PPPK"))
    ctx.rows.add("golongan_status", wrong, "golongan", row_params={"status": st})
    return pd.Series(np.where(pns_ok, pns, pppk), index=raw.index, dtype="str")


def _jenis_kelamin(ctx: _Ctx, c: str) -> pd.Series:
    raw = ctx.text(c)
    blank = (raw == "").to_numpy(dtype=bool)
    mapped = _per_unique(raw, lambda t: pd.Series(_lookup(
        t.str.lower().str.replace(r"[ \t\-_./]+", "", regex=True), _JK), index=t.index,
        dtype=object)).to_numpy(dtype=object)
    ctx.rows.add("jenis_kelamin_tidak_dikenal", ~blank & (mapped == None), c)  # noqa: E711
    return pd.Series(mapped, index=raw.index, dtype="str")


# --------------------------------------------------------------------------- tables


def _check_kebijakan(ctx: _Ctx, refs: dict[str, Any]) -> dict[str, pd.Series]:
    unit = ctx.free_text("unit_kerja")
    ctx.required("unit_kerja")
    spelled = unit.str.replace(_WS, " ", regex=True)
    _duplicates(ctx, {"unit_kerja": _unit_key(spelled.fillna(""))})
    mulai = ctx.date("tanggal_mulai", required=False)
    return {
        "unit_kerja": spelled,
        "tanggal_mulai": mulai,
        "triwulan_mulai": ingest.triwulan_dari_tanggal(mulai),
    }


def _check_pegawai(ctx: _Ctx, refs: dict[str, Any]) -> dict[str, pd.Series]:
    today = ctx.today
    st_raw = ctx.text("status_kepegawaian")
    st_blank = (st_raw == "").to_numpy(dtype=bool)
    status = st_raw.str.upper().where(st_raw.str.upper().isin(["PNS", "PPPK"]))
    ctx.rows.add("status_tidak_dikenal",
                 ~st_blank & status.isna().to_numpy(dtype=bool), "status_kepegawaian")
    # The PNS NIP structure is checked when the status is PNS or blank (FACTS 3.1).
    is_pppk = ~((status == "PNS").fillna(False).to_numpy(dtype=bool) | st_blank)

    blank = ctx.required("nip")
    parsed = nip.parse_nip_series(ctx.frame["nip"], today=today)
    err = _obj(parsed["error"])
    # PPPK: Nomor Induk PPPK is not a PNS NIP (FACTS 3.1) - only the format is checked.
    fmt_err = np.isin(err, _NIP_FORMAT_CODES)
    for src, code in _NIP_CODES.items():
        applies = (err == src) & ~blank & (fmt_err | ~is_pppk)
        ctx.rows.add(code, applies, "nip")
    nip_ok = (err == None) & ~blank  # noqa: E711 (object array comparison)
    pns_ok = nip_ok & ~is_pppk
    norm = _nip_norm(ctx.frame["nip"]).where(~pd.Series(blank, index=ctx.frame.index))

    jk = _jenis_kelamin(ctx, "jenis_kelamin")
    jk_nip = _obj(parsed["jenis_kelamin"])
    jk_v = _obj(jk)
    contra = pns_ok & (jk_v != None) & (jk_v != jk_nip)  # noqa: E711
    ctx.rows.add("jenis_kelamin_nip", contra, "jenis_kelamin", row_params={"dari_nip": jk_nip})
    jk_out = jk.where(jk.notna(), pd.Series(np.where(pns_ok, jk_nip, None), index=jk.index))

    lahir = ctx.date("tanggal_lahir", required=False, floor=False)
    lo, hi = USIA_PEGAWAI
    ctx.rows.add("tanggal_lahir_tidak_wajar",
                 (lahir > ctx.today_ts - pd.DateOffset(years=lo))
                 | (lahir < ctx.today_ts - pd.DateOffset(years=hi)), "tanggal_lahir",
                 params={"hari_ini": today.isoformat(), "min": lo, "max": hi})
    lahir_nip = parsed["tanggal_lahir"]
    contra = pns_ok & lahir.notna().to_numpy(dtype=bool) & (lahir != lahir_nip).fillna(
        False).to_numpy(dtype=bool)
    # the birth date from the NIP is personal: masked in messages and stored reasons
    dari_nip = (np.array([mask_value(d) for d in lahir_nip[contra].dt.strftime("%Y-%m-%d")],
                         dtype=object) if contra.any() else np.empty(0, dtype=object))
    shown = np.full(len(contra), "", dtype=object)
    shown[contra] = dari_nip
    ctx.rows.add("tanggal_lahir_nip", contra, "tanggal_lahir", row_params={"dari_nip": shown})
    lahir_out = lahir.where(lahir.notna(), lahir_nip.where(pd.Series(pns_ok, index=lahir.index)))

    gol = _golongan(ctx, status)
    unit = ctx.unit("unit_kerja", refs["units"])
    nip_v, nip_ok = _nip_int(norm.fillna(""))
    _duplicates(ctx, {"nip": norm.fillna("")}, ints=np.where(nip_ok, nip_v, -1))
    return {
        "nip": norm.astype("str"),
        "unit_kerja": unit,
        "nama": ctx.free_text("nama"),
        "jabatan": ctx.free_text("jabatan"),
        "golongan": gol,
        "status_kepegawaian": status.astype("str"),
        "jenis_kelamin": jk_out.astype("str"),
        "tanggal_lahir": lahir_out.astype("datetime64[ns]"),
    }


def _check_penilaian(ctx: _Ctx, refs: dict[str, Any]) -> dict[str, pd.Series]:
    nip_s = ctx.nip_ref("nip", refs["nips"], required=True)
    periode, triwulan = ctx.periode("periode")
    parts = ctx.numbers(list(SKOR_WEIGHTS), 0, 100, required=True)
    skor = ctx.number("skor_kinerja", 0, 100, required=False)
    derived = sum(parts[c] * w for c, w in SKOR_WEIGHTS.items())
    turunan = pd.Series(ctx.blank("skor_kinerja"), index=skor.index)
    skor_out = skor.where(~turunan, derived).astype("float64")

    ratings = {}
    for c in ("rating_hasil_kerja", "rating_perilaku_kerja"):
        raw_blank = ctx.blank(c)
        parsed = _per_unique(ctx.frame[c], skp.parse_rating_series)
        ctx.rows.add("rating_tidak_dikenal", ~raw_blank & parsed.isna().to_numpy(dtype=bool), c)
        ratings[c] = parsed
    pk_blank = ctx.blank("predikat")
    predikat = _per_unique(ctx.frame["predikat"], skp.parse_predikat_series)
    ctx.rows.add("predikat_tidak_dikenal", ~pk_blank & predikat.isna().to_numpy(dtype=bool),
                 "predikat")
    # PermenPANRB 6/2022 matrix via skp: FACTS 2.2 marks it [P] (consistent public
    # implementations; the official Lampiran page was not read). Computed per distinct
    # pair of ratings (at most 16).
    pair = (ratings["rating_hasil_kerja"].fillna("\x00") + "\x1f"
            + ratings["rating_perilaku_kerja"].fillna("\x00"))

    def matrix(t: pd.Series) -> pd.Series:
        if not len(t):
            return skp.predikat_series(t.astype("string"), t.astype("string"))
        parts = t.str.split("\x1f", n=1, regex=False, expand=True)
        hasil, perilaku = parts[0], parts[1]
        return skp.predikat_series(hasil.replace("\x00", pd.NA).astype("string"),
                                   perilaku.replace("\x00", pd.NA).astype("string"))

    expected = _per_unique(pair.astype("str"), matrix)
    mismatch = _differ(expected, predikat)
    # the reasons need the expected value of the flagged rows only
    exp_v = _obj(expected) if mismatch.any() else np.empty(0, dtype=object)
    ctx.rows.add("predikat_matriks", mismatch, "predikat", row_params={"harapan": exp_v})
    predikat_out = predikat.where(predikat.notna(), expected)

    _duplicates(ctx, {"nip": nip_s.fillna(""), "periode": periode.fillna("")},
                ints=_int_key(ctx, "nip", _periode_code(periode)))
    return {
        "nip": nip_s,
        "periode": periode,
        "triwulan": triwulan,
        **{c: parts[c].astype("float64") for c in SKOR_WEIGHTS},
        "skor_kinerja": skor_out,
        "skor_kinerja_turunan": turunan.astype(bool),
        "rating_hasil_kerja": ratings["rating_hasil_kerja"].astype("str"),
        "rating_perilaku_kerja": ratings["rating_perilaku_kerja"].astype("str"),
        "predikat": predikat_out.astype("str"),
    }


def _check_survei_kepuasan(ctx: _Ctx, refs: dict[str, Any]) -> dict[str, pd.Series]:
    ctx.required("id_responden")
    idr = ctx.free_text("id_responden")
    # compared as the pseudonym sees them: R0000001 and r0000001 are one respondent
    _duplicates(ctx, {"id_responden": _id_key(idr.fillna(""))})
    tanggal = ctx.date("tanggal", required=True)
    unit = ctx.unit("unit_kerja", refs["units"])
    u = ctx.numbers(UNSUR, 1, 4, required=False, integer=True, code="nilai_unsur")
    all_blank = np.logical_and.reduce([ctx.blank(c) for c in UNSUR])
    ctx.rows.add("unsur_kosong_semua", all_blank, None)
    # Regulation order u8 = pengaduan, u9 = sarana is [P] (FACTS 1.2); questionnaires
    # often use the opposite order, hence the option.
    if refs["options"].urutan_unsur == "tukar_u8_u9":
        u["u8"], u["u9"] = u["u9"], u["u8"]
    petugas = ctx.nip_ref("nip_petugas", refs["nips"], required=False)
    usia = ctx.number("usia", 15, 100, required=False, integer=True)
    return {
        "id_responden": idr,
        "tanggal": tanggal,
        "triwulan": ingest.triwulan_dari_tanggal(tanggal),
        "unit_kerja": unit,
        **{c: u[c].astype("float64") for c in UNSUR},
        "jenis_layanan": ctx.free_text("jenis_layanan"),
        "nip_petugas": petugas,
        "jenis_kelamin": _jenis_kelamin(ctx, "jenis_kelamin"),
        "usia": usia.round().astype("Int64"),
        "pendidikan": ctx.free_text("pendidikan"),
        "pekerjaan": ctx.free_text("pekerjaan"),
        "saran": ctx.free_text("saran"),
    }


def _check_survei_asn(ctx: _Ctx, refs: dict[str, Any]) -> dict[str, pd.Series]:
    nip_s = ctx.nip_ref("nip", refs["nips"], required=True)
    tanggal = ctx.date("tanggal", required=True)
    gel = ctx.number("gelombang", 1, None, required=True, integer=True)
    items = ctx.numbers(LIKERT, 1, 5, required=False, integer=True, code="nilai_likert")
    ikut_blank = ctx.required("ikut_pelatihan")
    ikut = _per_unique(ctx.text("ikut_pelatihan"), lambda t: pd.Series(
        _lookup(t.str.lower(), _YA_TIDAK), index=t.index, dtype=object)).to_numpy(dtype=object)
    ctx.rows.add("ya_tidak_tidak_dikenal", ~ikut_blank & (ikut == None),  # noqa: E711
                 "ikut_pelatihan")
    ikut_b = pd.Series(ikut == True, index=ctx.frame.index, dtype=bool)  # noqa: E712
    tgl_pel = ctx.date("tanggal_pelatihan", required=False)
    after = ikut_b.to_numpy(dtype=bool) & (tgl_pel > tanggal).fillna(False).to_numpy(dtype=bool)
    ctx.rows.add("pelatihan_setelah_survei", after, "tanggal_pelatihan",
                 row_params={"tanggal": tanggal.dt.strftime("%Y-%m-%d").to_numpy(dtype=object)})
    g = gel.to_numpy(dtype=float, na_value=np.nan)
    with np.errstate(invalid="ignore"):
        g_int = np.where((g == np.round(g)) & (g >= 1) & (g < 1 << 20), g, -1)
    _duplicates(ctx, {"nip": nip_s.fillna(""), "gelombang": gel.astype("string").fillna("")},
                ints=_int_key(ctx, "nip", np.nan_to_num(g_int, nan=-1).astype(np.int64)))
    return {
        "nip": nip_s,
        "tanggal": tanggal,
        "triwulan": ingest.triwulan_dari_tanggal(tanggal),
        "gelombang": gel.round().astype("Int64"),
        **{c: items[c].astype("float64") for c in LIKERT},
        "ikut_pelatihan": ikut_b,
        "tanggal_pelatihan": tgl_pel,
        "komentar": ctx.free_text("komentar"),
    }


def _check_tindak_lanjut(ctx: _Ctx, refs: dict[str, Any]) -> dict[str, pd.Series]:
    nip_s = ctx.nip_ref("nip", refs["nips"], required=True)
    periode, triwulan = ctx.periode("periode")
    blank = ctx.required("jenis")
    jenis = ctx.text("jenis").str.lower()
    ok = jenis.isin(JENIS_TINDAK_LANJUT).to_numpy(dtype=bool)
    ctx.rows.add("jenis_tidak_dikenal", ~blank & ~ok, "jenis")
    return {
        "nip": nip_s,
        "periode": periode,
        "triwulan": triwulan,
        "jenis": jenis.where(pd.Series(ok, index=jenis.index)).astype("str"),
        "keterangan": ctx.free_text("keterangan"),
    }


#: The refs entry each reference file defines (None there: the file is absent).
_REFERENSI = {"kebijakan": "units", "pegawai": "nips"}
#: Optional cross-file checks (skipped, with one warning, when the reference file failed).
_REFERENSI_OPSIONAL: dict[str, tuple[tuple[str, str], ...]] = {
    "pegawai": (("units", "unit_kerja"),),
    "survei_kepuasan": (("units", "unit_kerja"), ("nips", "nip_petugas")),
}

_CHECKS = {
    "kebijakan": _check_kebijakan,
    "pegawai": _check_pegawai,
    "penilaian_kinerja": _check_penilaian,
    "survei_kepuasan": _check_survei_kepuasan,
    "survei_asn": _check_survei_asn,
    "tindak_lanjut": _check_tindak_lanjut,
}


#: Free-text columns: zero-width joiners (emoji sequences) are kept there.
_FREE_TEXT = frozenset({"saran", "komentar", "keterangan"})


def _without_invisible(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """``frame`` with invisible characters (:data:`ingest.INVISIBLE`) removed from the
    contract columns ``columns``: a zero-width space in a NIP, a unit or a code does not
    make it another value. Changed columns are replaced at once."""
    changed = {}
    for c in columns:
        new = ingest.strip_invisible(frame[c], keep_joiners=c in _FREE_TEXT)
        if new is not frame[c]:
            changed[c] = new
    return frame.assign(**changed) if changed else frame


def _formulas(frame: pd.DataFrame, columns: list[str]) -> list[np.ndarray]:
    """Per column, the rows whose trimmed text looks like a formula (one Arrow pass)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if not columns or not len(frame):
        return [np.zeros(len(frame), dtype=bool) for _ in columns]
    arr = pa.chunked_array([ingest._arrow_of(frame[c]).cast(pa.large_string())
                            for c in columns], type=pa.large_string())
    hit = pc.fill_null(pc.match_substring_regex(pc.utf8_trim_whitespace(arr), _FORMULA),
                       False)
    flat = np.asarray(hit.to_numpy(zero_copy_only=False), dtype=bool)
    return list(flat.reshape(len(columns), len(frame)))


def _empty_raw(name: str) -> pd.DataFrame:
    s = SCHEMAS[name]
    frame = pd.DataFrame({c: pd.Series([], dtype="str") for c in (*s.required, *s.optional)})
    frame["_baris"] = pd.Series([], dtype=np.int64)
    return frame


class _Validator:
    """Validates one input chunk by chunk (state: problem caps, keys seen, counters)."""

    def __init__(self, name: str, refs: Mapping[str, Any], *, file: str | None,
                 today: date, file_problems: list[Problem] | None) -> None:
        self.name = name
        self.refs = dict(refs)
        self.file = file
        self.today = today
        self.pre: list[Problem] = list(file_problems or [])
        self.file_level: list[Problem] = []
        self.state: _TableState | None = None
        self.n_chunks = 0
        self.n_read = self.n_accepted = self.n_rejected = 0
        self.path: Path | None = None
        self.label = file or name
        self.gagal: str | None = None  # the failed reference file that rejects every row
        self.n_gagal = 0

    def feed(self, raw: ingest.RawTable | None) -> tuple[pd.DataFrame, pd.DataFrame]:
        """Validate one chunk; return its accepted and rejected rows."""
        schema = SCHEMAS[self.name]
        if raw is None:
            frame = _empty_raw(self.name)
            label = self.file or self.name
            raw_cols: list[str] = []
            decimal_comma = False
        else:
            frame = raw.frame
            label = self.file or raw.path.name
            raw_cols = [c for c in frame.columns if c != "_baris"]
            frame, raw_cols = _apply_aliases(self.name, frame, raw_cols)
            decimal_comma = raw.decimal_comma
            self.path = raw.path
            self.file_level.extend(p for p in raw.problems if p.row is None)
        if self.state is None:
            self.state = _TableState(label)
        self.label = label
        first = self.n_chunks == 0
        self.n_chunks += 1
        work = frame.copy(deep=False)  # copy-on-write: no data copied
        work = _without_invisible(work, [c for c in raw_cols if c in schema.required
                                         or c in schema.optional])
        for c in (*schema.required, *schema.optional):
            if c not in work.columns:
                work[c] = pd.Series("", index=work.index, dtype="str")
        ctx = _Ctx(self.name, label, work, decimal_comma, self.today, self.state)
        ctx.rows.silent_file = not first

        if raw is not None:
            row_issues = [p for p in raw.problems if p.row is not None]
            for code in sorted({p.code for p in row_issues}):
                found = {p.row: p.params.get("ditemukan") for p in row_issues if p.code == code}
                mask = np.isin(ctx.rows.baris, np.fromiter(found, dtype=np.int64))
                ditemukan = np.array([found.get(int(b), 0) for b in ctx.rows.baris[mask]])
                full = np.zeros(ctx.rows.n, dtype=np.int64)
                full[mask] = ditemukan
                expected = next(p.params.get("diharapkan") for p in row_issues if p.code == code)
                ctx.rows.add(code, mask, None, params={"diharapkan": expected},
                             row_params={"ditemukan": full})
            for rr in raw.rejects:  # open quotes, formulas without values: one message each
                ctx.rows.reject_set(rr.problem, np.isin(ctx.rows.baris, rr.rows), log=rr.log)
            ctx.rows.skip = ctx.rows.bad.copy()

        known = set(schema.required) | set(schema.optional)
        extras = [c for c in raw_cols if c not in known]
        missing = [c for c in schema.required if c not in raw_cols]
        if raw is not None and extras and first:
            opts = self.refs.get("options") or ContractOptions()
            keep, drop, refused = privacy.split_extra_columns(extras, opts.simpan_kolom)
            self.state.log.append(Problem(label, None, None, None, "kolom_tambahan",
                                          {"kolom": ", ".join(drop) or "-",
                                           "disimpan": ", ".join(keep) or "-"}, "warning"))
            if refused:
                self.state.log.append(Problem(label, None, None, None, "kolom_pribadi",
                                              {"kolom": ", ".join(refused)}, "warning"))
        if raw is not None and missing:
            for c in missing:
                ctx.rows.reject_all("kolom_tidak_ada", c, {})
            ctx.rows.silent = True  # still build typed (empty) columns, no row problems
        gagal = self.refs.get("gagal") or {}
        if raw is not None:
            for needed in BUTUH_BERKAS.get(self.name, ()):
                ref = _REFERENSI[needed]
                if ref in gagal:
                    if ctx.rows.silent:
                        continue
                    # the reference file failed as a whole: one line, not a problem per row
                    self.gagal = gagal[ref]
                    self.n_gagal += ctx.rows.n
                    ctx.rows.reject_set(Problem(label, None, None, None, "referensi_gagal",
                                                {"berkas": gagal[ref], "input": self.name}),
                                        np.ones(ctx.rows.n, dtype=bool), log=False,
                                        reason="referensi_gagal_baris")
                    ctx.rows.silent = True
                elif self.refs.get(ref) is None:  # no such file
                    ctx.rows.reject_all("perlu_berkas", None, {"berkas": needed})
                    ctx.rows.silent = True
            for ref, col in _REFERENSI_OPSIONAL.get(self.name, ()):
                if ref in gagal and col in raw_cols and first and not ctx.rows.silent:
                    self.state.log.append(Problem(label, None, col, None, "referensi_dilewati",
                                                  {"berkas": gagal[ref], "kolom": col},
                                                  "warning"))
        typed = _CHECKS[self.name](ctx, self.refs)
        for c, hits in zip(extras, _formulas(work, extras), strict=True):
            ctx.rows.add("rumus_teks", hits, c, severity="warning")

        good = ~ctx.rows.bad
        # built at once: inserting thousands of extra columns one by one is quadratic
        cols: dict[str, Any] = {c: typed[c] for c in ACCEPTED_COLUMNS[self.name]}
        cols.update((c, work[c]) for c in extras)
        cols["_baris"] = work["_baris"].to_numpy(dtype=np.int64)
        accepted = pd.DataFrame(cols, index=work.index)
        if not good.all():
            accepted = accepted.loc[good]
        accepted = accepted.reset_index(drop=True)
        if good.all():  # the usual chunk: no row selection over every column
            rejected = frame.iloc[:0][[*raw_cols, "_baris"]].copy()
        else:
            rejected = frame.loc[~good, [*raw_cols, "_baris"]].copy()
        rejected["kode"] = pd.Series(ctx.rows.kode[~good], index=rejected.index, dtype="str")
        rejected["alasan"] = pd.Series(ctx.rows.alasan[~good], index=rejected.index,
                                       dtype="str")
        rejected = rejected.reset_index(drop=True)
        self.n_read += len(frame)
        self.n_accepted += len(accepted)
        self.n_rejected += len(rejected)
        return accepted, rejected

    def finish(self, accepted: pd.DataFrame, rejected: pd.DataFrame) -> ValidatedTable:
        """The table: given accepted/rejected frames, the problems and the counts."""
        problems = [*self.pre, *self.file_level]
        if self.state is not None:
            problems.extend(self.state.log.problems())
        if self.gagal is not None:
            problems.append(Problem(self.label, None, None, None, "referensi_gagal",
                                    {"n": self.n_gagal, "berkas": self.gagal,
                                     "input": self.name}))
        return ValidatedTable(name=self.name, path=self.path, accepted=accepted,
                              rejected=rejected, problems=problems, n_read=self.n_read,
                              n_accepted=self.n_accepted, n_rejected=self.n_rejected)


def validate_table(
    name: str,
    raw: ingest.RawTable | None,
    refs: Mapping[str, Any],
    *,
    file: str | None = None,
    today: date | None = None,
    file_problems: list[Problem] | None = None,
) -> ValidatedTable:
    """Validate one :class:`~kinerja_analysis.ingest.RawTable` against its schema.

    Parameters
    ----------
    name : str
        Input name (a key of :data:`SCHEMAS`).
    raw : RawTable or None
        The text table; None when the file is missing or unreadable (an empty table
        with the canonical columns is returned).
    refs : Mapping
        ``units`` (unit key -> kebijakan spelling), ``nips`` (accepted pegawai NIPs,
        ``pandas.Index``) and ``options`` (:class:`ContractOptions`). ``units`` /
        ``nips`` None: that reference file is absent (see :data:`BUTUH_BERKAS`).
    file : str, optional
        File label for problems (default: the raw path name, else ``name``).
    today : datetime.date, optional
        Reference date for future checks.
    file_problems : list of Problem, optional
        File-level problems found before reading (e.g. missing file).

    Returns
    -------
    ValidatedTable
    """
    v = _Validator(name, refs, file=file, today=today or date.today(),
                   file_problems=file_problems)
    accepted, rejected = v.feed(raw)
    return v.finish(accepted, rejected)


class TableSink:
    """Receiver of validated chunks for :func:`validate_stream`.

    :meth:`start` is called before the first chunk of an input and again when the input
    is read anew (the chunks received so far are then void); :meth:`chunk` receives the
    accepted and rejected rows of each chunk, in row order. The default implementation
    keeps everything in memory (what :func:`validate_dir` returns).
    """

    def __init__(self) -> None:
        self.parts: dict[str, tuple[list[pd.DataFrame], list[pd.DataFrame]]] = {}

    def start(self, name: str, path: Path | None) -> None:
        """(Re)start input ``name``: forget its earlier chunks."""
        self.parts[name] = ([], [])

    def chunk(self, name: str, accepted: pd.DataFrame, rejected: pd.DataFrame) -> None:
        """Receive one validated chunk of input ``name``."""
        self.parts[name][0].append(accepted)
        self.parts[name][1].append(rejected)

    def frames(self, name: str) -> tuple[pd.DataFrame, pd.DataFrame]:
        """Accepted and rejected rows of ``name`` kept by this sink."""
        acc, rej = self.parts[name]
        return _concat(acc), _concat(rej)


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    if len(frames) == 1:
        return frames[0]
    nonempty = [f for f in frames if len(f)] or frames[:1]
    return pd.concat(nonempty, ignore_index=True)


def validate_stream(
    data_dir: Path | str,
    sink: TableSink,
    options: ContractOptions | None = None,
    *,
    chunk_rows: int | None = None,
    jobs: int = 1,
) -> ValidationReport:
    """Validate every input of ``data_dir`` chunk by chunk, handing the rows to ``sink``.

    Same checks, codes, messages and row numbers as :func:`validate_dir`, but memory
    grows with ``chunk_rows`` (default :data:`kinerja_analysis.ingest.CHUNK_ROWS`), not
    with the files: duplicate keys across chunks are found with a compact key store and
    problem lists are capped per (code, column) across the whole file. Only the unit
    list (kebijakan) and the accepted NIPs (pegawai) are kept for the cross-file checks.
    An input without a file gets an empty typed table (``present=False``) and is not
    handed to ``sink``; a data folder from which no page of :data:`HALAMAN` can be built
    gets one data-set problem (``tanpa_input`` or ``tanpa_halaman``).

    Parameters
    ----------
    data_dir : pathlib.Path or str
        The data folder (read-only).
    sink : TableSink
        Receives each chunk's accepted and rejected rows.
    options : ContractOptions, optional
    chunk_rows : int, optional
        Rows per chunk.
    jobs : int
        With more than one job and a sink that has ``part(name)`` and
        ``join(name, part)`` methods, the inputs after pegawai (independent of each
        other) are validated in that many forked worker processes (Linux). A sink may
        also have ``references_done()``, called once kebijakan and pegawai are done.

    Returns
    -------
    ValidationReport
        Tables carry the problems and counts (``n_read``, ``n_accepted``,
        ``n_rejected``); their ``accepted`` / ``rejected`` frames are those of
        :meth:`TableSink.frames` when the sink keeps them, else empty.

    Examples
    --------
    >>> import tempfile
    >>> rep = validate_stream(tempfile.mkdtemp(), TableSink())
    >>> rep.summary()["read"].sum(), rep.present, [p.code for p in rep.problems]
    (np.int64(0), (), ['tanpa_input'])
    """
    options = options or ContractOptions()
    if options.urutan_unsur not in ("permenpan", "tukar_u8_u9"):
        raise ValueError(
            f"urutan_unsur must be 'permenpan' or 'tukar_u8_u9', got {options.urutan_unsur!r}"
        )
    today = options.today or date.today()
    data_dir = Path(data_dir)
    present = inputs_present(data_dir)
    refs: dict[str, Any] = {
        "units": {} if "kebijakan" in present else None,
        "nips": pd.Index([], dtype="str") if "pegawai" in present else None,
        "options": options,
    }
    tables: dict[str, ValidatedTable] = {}
    for name in ("kebijakan", "pegawai"):
        if name not in present:
            tables[name] = _absent_input(name, refs, today)
            continue
        table, kept = _one_input(name, data_dir, refs, today, chunk_rows, sink)
        tables[name] = table
        if name == "kebijakan":
            refs["units"] = dict(zip(_unit_key(kept), kept, strict=True))
        else:
            refs["nips"] = pd.Index(kept.astype("str"))
        if not table.n_accepted and any(p.severity == "error" for p in table.problems):
            # failed as a whole: files referring to it get one line, not an error per row
            ref = _REFERENSI[name]
            refs[ref] = None
            refs.setdefault("gagal", {})[ref] = (
                table.path.name if table.path is not None else name)
    if hasattr(sink, "references_done"):
        sink.references_done()
    for name in INPUTS:
        if name not in tables and name not in present:
            tables[name] = _absent_input(name, refs, today)
    later = [n for n in INPUTS if n not in tables]
    if jobs > 1 and len(later) > 1 and hasattr(sink, "part") and hasattr(sink, "join"):
        tables.update(_parallel(later, data_dir, refs, today, chunk_rows, sink, jobs))
    else:
        for name in later:
            tables[name] = _one_input(name, data_dir, refs, today, chunk_rows, sink)[0]
    tables = {name: tables[name] for name in INPUTS}
    problems = [p for t in tables.values() for p in t.problems]
    problems.extend(_data_set_problems(data_dir, present))
    problems.extend(_simpan_tidak_ada(data_dir, options, problems))
    return ValidationReport(tables=tables, problems=problems)


def _simpan_tidak_ada(data_dir: Path | str, options: ContractOptions | None,
                      problems: list[Problem]) -> list[Problem]:
    """A warning for the ``--simpan-kolom`` names that are no extra column anywhere."""
    if options is None or not options.simpan_kolom:
        return []
    seen: set[str] = set()
    for p in problems:
        if p.code == "kolom_tambahan":
            seen.update(str(p.params.get("disimpan", "")).split(", "))
        elif p.code == "kolom_pribadi":
            seen.update(str(p.params.get("kolom", "")).split(", "))
    missing = [c for c in options.simpan_kolom if c not in seen]
    if not missing:
        return []
    return [Problem(str(data_dir), None, None, None, "simpan_kolom_tidak_ada",
                    {"kolom": ", ".join(missing)}, "warning")]


def inputs_present(data_dir: Path | str) -> tuple[str, ...]:
    """The inputs of :data:`INPUTS` that have a file in ``data_dir``.

    A file counts even when it cannot be used (two copies: ``berkas_ganda``; ``.xls``:
    ``format_tidak_didukung``; unreadable or empty): the user supplied it, and its own
    problem says what to fix.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> _ = (d / "Pegawai.CSV").write_text("nip,unit_kerja\\n")
    >>> _ = (d / "survei_asn.xls").write_bytes(b"")
    >>> inputs_present(d)
    ('pegawai', 'survei_asn')
    """
    out = []
    for name in INPUTS:
        try:
            found = ingest.find_input(Path(data_dir), name) is not None
        except ingest.IngestError:
            found = True
        if found:
            out.append(name)
    return tuple(out)


def _absent_input(name: str, refs: Mapping[str, Any], today: date) -> ValidatedTable:
    """The empty typed table of an input without a file."""
    v = _Validator(name, refs, file=None, today=today, file_problems=[])
    table = v.finish(*v.feed(None))
    table.present = False
    return table


def _data_set_problems(data_dir: Path, present: tuple[str, ...]) -> list[Problem]:
    """``tanpa_input`` / ``tanpa_halaman`` when no page of :data:`HALAMAN` can be built."""
    if halaman_tersedia(present):
        return []
    if not present:
        return [Problem(str(data_dir), None, None, None, "tanpa_input")]
    return [Problem(str(data_dir), None, None, None, "tanpa_halaman",
                    {"ada": ", ".join(present)})]


def _one_input(name: str, data_dir: Path, refs: dict[str, Any], today: date,
               chunk_rows: int | None, sink: TableSink) -> tuple[ValidatedTable, pd.Series]:
    """Validate one input chunk by chunk; also return the unit / NIP list it defines."""
    pre: list[Problem] = []
    path: Path | None = None
    try:
        path = ingest.find_input(data_dir, name)
    except ingest.IngestError as exc:
        pre.append(exc.problem)
    column = {"kebijakan": "unit_kerja", "pegawai": "nip"}.get(name)
    kept: list[pd.Series] = []
    v: _Validator | None = None
    if path is not None:
        for stream in (True, False):
            v = _Validator(name, refs, file=None, today=today, file_problems=pre)
            sink.start(name, path)
            kept = []
            try:
                for raw in ingest.iter_table(path, name, chunk_rows, stream=stream):
                    acc, rej = v.feed(raw)
                    if column:
                        kept.append(acc[column])
                    sink.chunk(name, acc, rej)
                break
            except ingest.RestartRead:
                continue
            except ingest.IngestError as exc:
                pre = [*pre, exc.problem]
                v = None
                break
    if v is None:  # the file cannot be read: an empty table, still named by its file
        v = _Validator(name, refs, file=None, today=today, file_problems=pre)
        v.path = path
        sink.start(name, None)
        kept = []
        acc, rej = v.feed(None)
        if column:
            kept.append(acc[column])
        sink.chunk(name, acc, rej)
    frames = sink.frames(name) if hasattr(sink, "frames") else None
    if frames is None:
        frames = (pd.DataFrame(), pd.DataFrame())
    values = pd.concat(kept, ignore_index=True) if kept else pd.Series([], dtype="str")
    return v.finish(*frames), values


# State handed to forked workers (set only while a pool runs).
_PARALLEL: tuple | None = None


def _parallel_one(name: str) -> tuple[ValidatedTable, Any]:
    assert _PARALLEL is not None
    data_dir, refs, today, chunk_rows, sink = _PARALLEL
    table = _one_input(name, data_dir, refs, today, chunk_rows, sink)[0]
    return table, sink.part(name)


def _parallel(names: list[str], data_dir: Path, refs: dict[str, Any], today: date,
              chunk_rows: int | None, sink: Any, jobs: int) -> dict[str, ValidatedTable]:
    """Validate independent inputs in forked worker processes (largest first).

    The workers inherit the unit and NIP lists and the sink by ``fork`` (nothing large is
    pickled); each returns its table (problems and counts) and ``sink.part(name)``, which
    the parent hands to ``sink.join``.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _PARALLEL

    def size(n: str) -> int:
        try:
            p = ingest.find_input(data_dir, n)
        except ingest.IngestError:
            return 0
        return p.stat().st_size if p is not None else 0

    order = sorted(names, key=size, reverse=True)
    _PARALLEL = (data_dir, refs, today, chunk_rows, sink)
    try:
        ctx = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(min(jobs, len(names)), mp_context=ctx) as pool:
            futures = {n: pool.submit(_parallel_one, n) for n in order}
            out = {}
            for n in order:
                table, part = futures[n].result()
                sink.join(n, part)
                out[n] = table
    finally:
        _PARALLEL = None
    return out


def validate_dir(data_dir: Path | str, options: ContractOptions | None = None) -> ValidationReport:
    """Read and validate every input in ``data_dir``.

    Parameters
    ----------
    data_dir : pathlib.Path or str
        Folder with some of ``kebijakan``, ``pegawai``, ``penilaian_kinerja``,
        ``survei_kepuasan``, ``survei_asn`` and ``tindak_lanjut`` (``.csv`` or
        ``.xlsx``): enough for at least one page of :data:`HALAMAN`. Files are opened
        read-only.
    options : ContractOptions, optional

    Returns
    -------
    ValidationReport
        ``tables`` has an entry for every name in :data:`INPUTS` (missing files give
        empty tables with ``path=None`` and ``present=False``).

    Examples
    --------
    >>> import tempfile
    >>> rep = validate_dir(tempfile.mkdtemp())
    >>> rep.has_errors, sorted({p.code for p in rep.problems})
    (True, ['tanpa_input'])
    """
    return validate_stream(data_dir, TableSink(), options)
