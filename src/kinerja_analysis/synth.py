"""Synthetic demo data with planted, documented ground truth.

:func:`generate` writes the six input files of the data contract plus
``ground_truth.json`` for one of three scales:

* ``"banyumanik"``: Kecamatan Banyumanik and its 11 kelurahan (FACTS.md 4.1), about 250
  ASN, quarters 2021-Q1..2025-Q4. ``data/raw/`` is ``generate("data/raw", "banyumanik",
  2026)``.
* ``"semarang"``: 16 kecamatan offices and 177 kelurahan (FACTS.md 4.1; the 15
  non-Banyumanik kecamatan names are [M] and their kelurahan names are synthetic), about
  15,000 ASN, the same 20 quarters.
* ``"nasional"``: about 80,000 synthetic units and 4.3 million ASN (FACTS.md 4.3), quarters
  2024-Q1..2025-Q4. Generated and written unit batch by unit batch (bounded memory).

The generating model and the planted effects are described in ``docs/demo_data.md``. All
draws come from ``numpy.random.SeedSequence(seed)`` children: one child per table and,
inside it, one grandchild per unit batch, so a table never depends on how many numbers
another table drew. Output bytes are a pure function of ``(scale, seed)``.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from scipy.special import ndtr

from .atomic import atomic_open, write_text

__all__ = ["FILES", "SCALES", "expected_ikm", "generate"]

#: Scales accepted by :func:`generate`.
SCALES: tuple[str, ...] = ("banyumanik", "semarang", "nasional")

#: Files written by :func:`generate`.
FILES: tuple[str, ...] = (
    "kebijakan.csv",
    "pegawai.csv",
    "penilaian_kinerja.csv",
    "survei_kepuasan.csv",
    "survei_asn.csv",
    "tindak_lanjut.csv",
    "ground_truth.json",
)

_TABLE = {"unit": 0, "pegawai": 1, "penilaian": 2, "tindak": 3, "ikm": 4, "asn": 5}

# --------------------------------------------------------------------------------------
# Model constants (documented in docs/demo_data.md)
# --------------------------------------------------------------------------------------

# IKM: ordered probit on a latent normal. Item order is the regulation order
# (u8 = pengaduan, u9 = sarana; FACTS.md 1.2 marks the order [P]).
IKM_CUTS = np.array([-1.7, -0.8, 0.75])
IKM_ITEM_OFFSET = np.array([0.10, 0.00, -0.35, 1.30, 0.10, 0.15, 0.25, -0.20, -0.30])
IKM_SD_RESPONDENT = 0.45
IKM_SD_ITEM = 0.60
IKM_SD_TOTAL = math.hypot(IKM_SD_RESPONDENT, IKM_SD_ITEM)
IKM_UNIT_Q = 0.30  # loading of the shared unit quality q_u
IKM_UNIT_OWN = 0.15  # IKM-only unit component
IKM_TREND = 0.010  # per quarter
IKM_SHOCK = -0.30  # workload shock: citizens wait longer
IKM_TAU = (0.42, 0.32, 0.24)  # latent effect by wave (first, second, third)

# Performance scores (points on 0-100).
SKOR_MEAN = 70.0
SKOR_UNIT_Q = 2.5
SKOR_UNIT_OWN = 1.0
SKOR_SD_PERSON = 5.0
SKOR_SD_ITEM = 3.5
SKOR_TREND = 0.06
SKOR_SHOCK = 4.0  # workload shock: supervisors reward output
SKOR_TAU = (6.0, 5.0, 4.0)
# Component offsets (sum 0) and share of tau per component (mean 1).
KOMPONEN_OFFSET = np.array([2.0, -0.5, -1.5])  # kehadiran, kualitas_pelayanan, partisipasi
KOMPONEN_TAU = np.array([1.2, 1.0, 0.8])
CUTOFF = 70.0
P_COACH_BELOW = 0.85
P_COACH_ABOVE = 0.05
DELTA_COACH = 4.0
P_PENGHARGAAN = 0.6
P_PROMOSI = 0.02

# ASN survey (latent scales, Likert 1-5 via cut-points).
LIKERT_CUTS = np.array([-1.5, -0.5, 0.5, 1.5])
ASN_SD_ITEM = 0.55
PAHAM_MEAN = 0.25
PAHAM_SD_PERSON = 0.8
PAHAM_SD_TRANSIENT = 0.25
PAHAM_SD_TOTAL = math.hypot(PAHAM_SD_TRANSIENT, ASN_SD_ITEM)
PAHAM_UNIT_RENDAH = -0.7
EFEK_PELATIHAN_LATEN = 0.63
PELATIHAN_INTERCEPT = (-1.1, -1.0)  # logit P(trained) before wave 2, before wave 3
PELATIHAN_SLOPE = -0.9  # per latent unit of baseline understanding (lower -> more)
KHAWATIR_MEAN = -0.2
KHAWATIR_PPPK = 0.6
KHAWATIR_MUDA = 0.4  # younger than 35 at the first survey wave
KHAWATIR_SD_PERSON = 0.7
KHAWATIR_SD_TRANSIENT = 0.3
DUKUNGAN_B0 = 0.3
DUKUNGAN_PAHAM = 0.5
DUKUNGAN_KHAWATIR = -0.6
DUKUNGAN_SD = 0.5

GOLONGAN_PNS = (
    "I/a", "I/b", "I/c", "I/d", "II/a", "II/b", "II/c", "II/d",
    "III/a", "III/b", "III/c", "III/d", "IV/a", "IV/b", "IV/c", "IV/d", "IV/e",
)
# PPPK golongan in Roman numerals; FACTS.md 3.2 marks the PPPK scale [M].
GOLONGAN_PPPK = ("V", "VII", "IX")

KELURAHAN_BANYUMANIK = (
    "Pudakpayung", "Gedawang", "Jabungan", "Pedalangan", "Banyumanik", "Srondol Kulon",
    "Srondol Wetan", "Tinjomoyo", "Padangsari", "Sumurboto", "Ngesrep",
)
# The 16 kecamatan of Kota Semarang (count [V] FACTS.md 4.1; names [M]).
KECAMATAN_SEMARANG = (
    "Banyumanik", "Candisari", "Gajahmungkur", "Gayamsari", "Genuk", "Gunungpati", "Mijen",
    "Ngaliyan", "Pedurungan", "Semarang Barat", "Semarang Selatan", "Semarang Tengah",
    "Semarang Timur", "Semarang Utara", "Tembalang", "Tugu",
)

_NAMA_L = (
    "Budi", "Agus", "Andi", "Joko", "Bambang", "Slamet", "Hadi", "Eko", "Teguh", "Rudi",
    "Yusuf", "Arif", "Fajar", "Rizki", "Hendra", "Wahyu", "Adi", "Bayu", "Dimas", "Heru",
    "Sugeng", "Imam", "Anton", "Dedi",
)
_NAMA_P = (
    "Siti", "Sri", "Dewi", "Rina", "Ani", "Wulan", "Fitri", "Nur", "Indah", "Ratna", "Yuni",
    "Endang", "Diah", "Putri", "Ayu", "Nanik", "Retno", "Kartika", "Lina", "Maya", "Ika",
    "Tri", "Dian", "Evi",
)
_NAMA_KELUARGA = (
    "Santoso", "Rahayu", "Wibowo", "Susanto", "Setiawan", "Lestari", "Hidayat", "Saputra",
    "Kurniawan", "Pratama", "Wijaya", "Nugroho", "Purnomo", "Handayani", "Suryani", "Utami",
    "Wahyuni", "Hartono", "Prasetyo", "Gunawan", "Sulistyo", "Permata", "Astuti", "Yulianti",
)
_KASI_KEC = (
    "Kepala Seksi Pemerintahan", "Kepala Seksi Ketenteraman dan Ketertiban Umum",
    "Kepala Seksi Kesejahteraan Sosial", "Kepala Seksi Pemberdayaan Masyarakat",
    "Kepala Seksi Pelayanan",
)
_KASI_KEL = (
    "Kepala Seksi Pemerintahan", "Kepala Seksi Ketenteraman dan Ketertiban",
    "Kepala Seksi Kesejahteraan Sosial",
)
_JABATAN_STAF = (
    "Pengadministrasi Perkantoran", "Pengolah Data dan Informasi", "Penata Layanan Operasional",
    "Pengelola Layanan Operasional", "Operator Layanan Operasional", "Pranata Komputer",
    "Analis Kebijakan", "Bendahara",
)
_LAYANAN = (
    "Surat Pengantar KTP-el", "Surat Pengantar KK", "Surat Keterangan Domisili",
    "Surat Keterangan Tidak Mampu", "Surat Keterangan Ahli Waris", "Surat Keterangan Pindah",
    "Legalisasi Dokumen", "Surat Keterangan Usaha", "Rekomendasi PBG",
)
_P_LAYANAN = (0.18, 0.14, 0.16, 0.12, 0.06, 0.08, 0.12, 0.10, 0.04)
_PENDIDIKAN = ("SD", "SMP", "SMA", "D3", "S1", "S2", "S3")
_P_PENDIDIKAN = (0.08, 0.14, 0.42, 0.09, 0.23, 0.035, 0.005)
_PEKERJAAN = ("PNS", "TNI", "POLRI", "Swasta", "Wirausaha", "Pelajar", "Lainnya")
_P_PEKERJAAN = (0.08, 0.01, 0.01, 0.32, 0.27, 0.08, 0.23)
_SARAN = (
    "Antrean mohon dipercepat",
    "Pelayanan sudah baik, pertahankan",
    "Ruang tunggu perlu ditambah kursi",
    "Persyaratan mohon ditempel di papan pengumuman",
    "Petugas ramah dan cepat",
    "Jam pelayanan mohon diperpanjang",
    "Tempat parkir kurang luas",
    "Mohon disediakan layanan online",
    "Toilet perlu dibersihkan",
    "Proses surat terlalu lama, harus bolak-balik",
    "Terima kasih, pelayanan memuaskan",
    "Perlu nomor antrean yang jelas",
)
_SARAN_PII = (  # (prefix, kind, suffix); kind 0 officer name, 1 phone, 2 e-mail, 3 NIK
    ("Petugas atas nama ", 0, " sangat membantu, terima kasih"),
    ("Mohon hubungi saya di ", 1, " kalau surat sudah jadi"),
    ("Kabari lewat email ", 2, " ya"),
    ("NIK saya ", 3, " belum terbaca di sistem"),
)
_KOMENTAR = (  # by theme: karir, indikator, beban, pelatihan, transparansi
    ("Khawatir penilaian ini berpengaruh ke karir dan promosi",
     "Takut nilai rendah menghambat kenaikan pangkat",
     "Cemas soal perpanjangan kontrak kalau nilai kurang"),
    ("Belum paham cara mengisi indikator kinerja",
     "Indikator SKP masih membingungkan",
     "Tidak paham bedanya hasil kerja dan perilaku kerja"),
    ("Beban kerja bertambah karena harus input e-Kinerja setiap hari",
     "Aplikasi sering error, menambah beban kerja"),
    ("Pelatihan kemarin sangat bermanfaat",
     "Setelah bimtek jadi lebih paham cara menyusun SKP"),
    ("Penilaian atasan kurang transparan",
     "Mohon penilaian lebih adil dan terbuka"),
)
_KOMENTAR_PII = (
    ("Atasan saya ", 0, " jarang memberi umpan balik"),
    ("Silakan hubungi saya di ", 1, ""),
    ("Email saya ", 2, " untuk tindak lanjut"),
    ("NIK ", 3, " belum sinkron di aplikasi"),
)
_KET_PEMBINAAN = (
    "Pembinaan kinerja oleh atasan langsung",
    "Konseling kinerja",
    "Pendampingan penyusunan SKP",
)
_KET_PENGHARGAAN = ("Pegawai berkinerja terbaik triwulan", "Piagam penghargaan kinerja")
_KET_PROMOSI = ("Diusulkan promosi jabatan",)
_RATING = ("Di Atas Ekspektasi", "Sesuai Ekspektasi", "Di Bawah Ekspektasi")
# PermenPANRB 6/2022 matrix (FACTS.md 2.2 [P]); index [hasil, perilaku], 0=atas 1=sesuai 2=bawah.
_PREDIKAT = ("Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang/Misconduct", "Sangat Kurang")
_MATRIX = np.array([[0, 1, 3], [1, 1, 3], [2, 2, 4]])


@dataclass(frozen=True)
class _Spec:
    first: tuple[int, int]
    n_q: int
    waves: tuple[str, ...]
    shares: tuple[float, ...]  # per wave; the rest is never treated
    staff: tuple[int, int]  # mean staff per kecamatan office, per kelurahan
    resp: tuple[int, int]  # mean and minimum responses per unit-quarter
    asn_months: tuple[str, str, str]
    pppk_years: tuple[int, ...]
    batch_units: int
    id_width: int


_SPECS = {
    "banyumanik": _Spec((2021, 1), 20, ("2022-Q3", "2023-Q3", "2024-Q2"), (0.33, 0.33, 0.25),
                        (60, 17), (60, 30), ("2023-03", "2024-03", "2025-03"), (2021, 2022),
                        1000, 7),
    "semarang": _Spec((2021, 1), 20, ("2022-Q3", "2023-Q3", "2024-Q2"), (0.25, 0.30, 0.25),
                      (150, 71), (60, 30), ("2023-03", "2024-03", "2025-03"), (2021, 2022),
                      50, 7),
    "nasional": _Spec((2024, 1), 8, ("2024-Q3", "2025-Q1", "2025-Q3"), (0.30, 0.30, 0.20),
                      (150, 43), (40, 20), ("2024-03", "2024-09", "2025-03"),
                      (2021, 2022, 2023), 2000, 9),
}
_N_NASIONAL = 80_000


# --------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------


def _rng(seed: int, table: str, batch: int = 0) -> np.random.Generator:
    """Child generator for (table, batch): ``SeedSequence(seed).spawn`` tree, made explicit."""
    ss = np.random.SeedSequence(entropy=seed, spawn_key=(_TABLE[table], batch))
    return np.random.Generator(np.random.PCG64(ss))


def _ordered_mean(latent: np.ndarray, cuts: np.ndarray, sd: float) -> np.ndarray:
    """E[category] (1-based) of an ordered probit with latent mean ``latent``."""
    z = (np.asarray(latent, dtype=float)[..., None] - cuts) / sd
    return 1.0 + ndtr(z).sum(axis=-1)


def expected_ikm(mu: np.ndarray | float) -> np.ndarray:
    """Expected IKM (converted 25-100 scale) of a unit-quarter with latent mean ``mu``.

    Equal weights 1/9 over the nine unsur (PermenPANRB 14/2017, FACTS.md 1.4), each
    unsur's expected answer taken from the ordered-probit category probabilities, so the
    value has no sampling noise. Blank u4/u8 answers are missing completely at random and
    do not change the expectation.

    Parameters
    ----------
    mu : float or numpy.ndarray
        Latent unit-quarter mean.

    Returns
    -------
    numpy.ndarray
        Expected IKM, same shape as ``mu``.

    Examples
    --------
    >>> round(float(expected_ikm(0.0)), 2)
    76.68
    >>> bool(expected_ikm(0.3) > expected_ikm(0.0))
    True
    """
    mu = np.asarray(mu, dtype=float)
    items = _ordered_mean(mu[..., None] + IKM_ITEM_OFFSET, IKM_CUTS, IKM_SD_TOTAL)
    return 25.0 * items.mean(axis=-1)


def _categorize(latent: np.ndarray, cuts: np.ndarray) -> np.ndarray:
    out = np.ones(latent.shape, dtype=np.int64)
    for c in cuts:
        out += latent > c
    return out


def _str(values: np.ndarray, mask: np.ndarray | None = None) -> pa.Array:
    """Integers as text; ``mask`` True -> blank."""
    values = np.asarray(values, dtype=np.int64)
    if len(values) and values.min() >= 0 and values.max() < 10_000:  # small: lookup table
        out = pa.array([str(i) for i in range(int(values.max()) + 1)]).take(pa.array(values))
    else:
        out = pc.cast(pa.array(values), pa.string())
    return out if mask is None else _blank(out, mask)


def _pick(labels: Sequence[str], idx: np.ndarray) -> pa.Array:
    return pa.array(list(labels), pa.string()).take(pa.array(np.asarray(idx, dtype=np.int64)))


def _blank(arr: pa.Array, mask: np.ndarray) -> pa.Array:
    return pc.if_else(pa.array(mask), pa.nulls(len(arr), pa.string()), arr)


def _tenths(t10: np.ndarray, dec: str, mask: np.ndarray | None = None) -> pa.Array:
    """Tenths 0..1000 as ``"82,5"`` (``dec=","``) or ``"82.5"``."""
    table = [f"{i // 10}{dec}{i % 10}" for i in range(1001)]
    out = _pick(table, t10)
    return out if mask is None else _blank(out, mask)


def _dates(days: np.ndarray, fmt: str = "%Y-%m-%d", mask: np.ndarray | None = None) -> pa.Array:
    """Dates as text (formatted once per distinct day)."""
    uniq, inv = np.unique(np.asarray(days, dtype="datetime64[D]"), return_inverse=True)
    out = pc.strftime(pa.array(uniq), format=fmt).take(pa.array(inv.ravel()))
    return out if mask is None else _blank(out, mask)


def _mask(n: int, idx: np.ndarray) -> np.ndarray:
    out = np.zeros(n, dtype=bool)
    out[idx] = True
    return out


def _join(*parts: pa.Array | str) -> pa.Array:
    return pc.binary_join_element_wise(*parts, "")


def _ymd(days: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    y = days.astype("datetime64[Y]").astype(np.int64) + 1970
    m = days.astype("datetime64[M]").astype(np.int64) % 12 + 1
    d = (days - days.astype("datetime64[M]")).astype(np.int64) + 1
    return y, m, d


# Columns that may hold a separator or quote; every other column holds digits, dates or
# labels from fixed lists without special characters.
_TEXT_COLUMNS = frozenset({"nama", "jabatan", "unit_kerja", "jenis_layanan", "saran",
                           "komentar", "keterangan"})


def _csv_bytes(cols: Sequence[pa.Array], sep: str, text: Sequence[bool]) -> memoryview:
    """One CSV chunk: blanks for nulls, quotes only where needed, ``\\n`` line ends."""
    if len(cols[0]) == 0:
        return memoryview(b"")
    parts = []
    for c, is_text in zip(cols, text, strict=True):
        c = pc.fill_null(c, "")
        if not is_text:
            parts.append(c)
            continue
        need = pc.match_substring_regex(c, f'[{sep}"\\n\\r]')
        if pc.any(need).as_py():
            quoted = _join('"', pc.replace_substring(c, '"', '""'), '"')
            c = pc.if_else(need, quoted, c)
        parts.append(c)
    line = pc.binary_join_element_wise(*parts, sep) if len(parts) > 1 else parts[0]
    line = pc.binary_join_element_wise(line, "", "\n")
    if isinstance(line, pa.ChunkedArray):
        line = line.combine_chunks()
    offsets = np.frombuffer(line.buffers()[1], dtype=np.int32)
    offsets = offsets[line.offset : line.offset + len(line) + 1]
    return memoryview(line.buffers()[2])[int(offsets[0]) : int(offsets[-1])]


class _Sink:
    """A CSV written in chunks through an atomic temp file."""

    def __init__(self, fh: BinaryIO, columns: Sequence[str], sep: str, bom: bool) -> None:
        self.fh, self.columns, self.sep = fh, tuple(columns), sep
        fh.write(("\ufeff" if bom else "").encode() + (sep.join(columns) + "\n").encode())

    def write(self, cols: dict[str, pa.Array]) -> None:
        text = [c in _TEXT_COLUMNS for c in self.columns]
        self.fh.write(_csv_bytes([cols[c] for c in self.columns], self.sep, text))


class _Acc:
    """Sums for att_simple, att_by_wave and event_study over treated unit-quarters."""

    def __init__(self, waves: Sequence[str], n_q: int) -> None:
        self.waves = tuple(waves)
        self.s_w = np.zeros(len(waves))
        self.n_w = np.zeros(len(waves))
        self.s_e = np.zeros(n_q)
        self.n_e = np.zeros(n_q)

    def add(self, wave: np.ndarray, e: np.ndarray, effect: np.ndarray) -> None:
        np.add.at(self.s_w, wave, effect)
        np.add.at(self.n_w, wave, 1)
        np.add.at(self.s_e, e, effect)
        np.add.at(self.n_e, e, 1)

    def result(self) -> dict[str, Any]:
        n = self.n_w.sum()
        by_wave = {w: _r(s / k) for w, s, k in zip(self.waves, self.s_w, self.n_w, strict=True)
                   if k > 0}
        es = {str(e): _r(self.s_e[e] / self.n_e[e]) for e in range(len(self.n_e))
              if self.n_e[e] > 0}
        return {"att_simple": _r(self.s_w.sum() / n) if n else None,
                "att_by_wave": by_wave, "event_study": es, "n_unit_triwulan": int(n)}


def _r(x: float) -> float:
    return round(float(x), 6)


def _corr(x: np.ndarray, y: np.ndarray) -> float | None:
    x, y = x - x.mean(), y - y.mean()
    den = math.sqrt(float((x * x).sum() * (y * y).sum()))
    return _r(float((x * y).sum()) / den) if den > 0 else None


def _rank(x: np.ndarray) -> np.ndarray:
    order = np.argsort(x, kind="stable")
    out = np.empty(len(x))
    out[order] = np.arange(len(x))
    return out


class _SeqRegistry:
    """Running count of NIP 15-digit prefixes so sequence numbers stay unique across batches."""

    def __init__(self) -> None:
        self.keys = np.zeros(0, dtype=np.int64)
        self.counts = np.zeros(0, dtype=np.int64)

    def assign(self, keys: np.ndarray) -> np.ndarray:
        n = len(keys)
        order = np.argsort(keys, kind="stable")
        sk = keys[order]
        first = np.r_[True, sk[1:] != sk[:-1]]
        start = np.maximum.accumulate(np.where(first, np.arange(n), 0))
        cum = np.arange(n) - start
        base = np.zeros(n, dtype=np.int64)
        if len(self.keys):
            pos = np.minimum(np.searchsorted(self.keys, sk), len(self.keys) - 1)
            hit = self.keys[pos] == sk
            base[hit] = self.counts[pos[hit]]
        seq = np.empty(n, dtype=np.int64)
        seq[order] = base + cum + 1
        if n and seq.max() > 999:
            raise RuntimeError("NIP sequence number above 999")
        uk, uc = np.unique(sk, return_counts=True)
        allk = np.concatenate([self.keys, uk])
        allc = np.concatenate([self.counts, uc])
        o = np.argsort(allk, kind="stable")
        allk, allc = allk[o], allc[o]
        f = np.r_[True, allk[1:] != allk[:-1]] if len(allk) else np.zeros(0, bool)
        self.keys = allk[f]
        self.counts = np.bincount(np.cumsum(f) - 1, weights=allc).astype(np.int64)
        return seq


# --------------------------------------------------------------------------------------
# Units, waves, unit-level latents
# --------------------------------------------------------------------------------------


def _units(scale: str, n_units: int | None) -> tuple[list[str], np.ndarray]:
    names: list[str] = []
    kec: list[bool] = []
    if scale == "banyumanik":
        names = ["Kecamatan Banyumanik"] + [f"Kelurahan {k}" for k in KELURAHAN_BANYUMANIK]
        kec = [True] + [False] * 11
    elif scale == "semarang":
        extra = 177 - len(KELURAHAN_BANYUMANIK)  # 166 synthetic kelurahan over 15 kecamatan
        for i, k in enumerate(KECAMATAN_SEMARANG):
            names.append(f"Kecamatan {k}")
            kec.append(True)
            if k == "Banyumanik":
                kel = [f"Kelurahan {x}" for x in KELURAHAN_BANYUMANIK]
            else:
                n = extra // 15 + (1 if i - 1 < extra % 15 else 0)
                kel = [f"Kelurahan {k} {j:02d}" for j in range(1, n + 1)]
            names += kel
            kec += [False] * len(kel)
    else:
        n_total = n_units or _N_NASIONAL
        for g in range(1, n_total // 10 + 2):
            names.append(f"Kecamatan K{g:04d}")
            kec.append(True)
            names += [f"Kelurahan K{g:04d}-{j}" for j in range(1, 10)]
            kec += [False] * 9
            if len(names) >= n_total:
                break
    if n_units is not None:
        names, kec = names[:n_units], kec[:n_units]
    return names, np.array(kec, dtype=bool)


def _quarters(spec: _Spec) -> list[str]:
    y, q = spec.first
    out = []
    for _ in range(spec.n_q):
        out.append(f"{y}-Q{q}")
        y, q = (y + 1, 1) if q == 4 else (y, q + 1)
    return out


def _quarter_start(label: str) -> np.datetime64:
    y, q = int(label[:4]), int(label[-1])
    return np.datetime64(f"{y}-{3 * q - 2:02d}-01")


def _assign_waves(scale: str, rng: np.random.Generator, kec: np.ndarray,
                  spec: _Spec) -> np.ndarray:
    """Wave index per unit (0, 1, 2) or -1 for never treated."""
    n = len(kec)
    wave = np.full(n, -1, dtype=np.int64)
    if scale == "banyumanik" and n == 12:
        kel = 1 + rng.permutation(11)
        wave[0] = 0
        wave[kel[:3]] = 0
        wave[kel[3:7]] = 1
        wave[kel[7:10]] = 2
        return wave
    perm = rng.permutation(n)
    cuts = np.round(np.cumsum(spec.shares) * n).astype(np.int64)
    lo = 0
    for w, hi in enumerate(cuts):
        wave[perm[lo:hi]] = w
        lo = hi
    if n >= 2 and (wave == -1).sum() == 0:
        wave[perm[-1]] = -1
    return wave


@dataclass
class _World:
    scale: str
    seed: int
    spec: _Spec
    units: list[str]
    kec: np.ndarray
    quarters: list[str]
    wave: np.ndarray
    adopt: np.ndarray  # adoption quarter index (large if never)
    ikm_mu: np.ndarray  # (units, T) latent IKM mean without tau
    tau_ikm: np.ndarray  # (units, T)
    skor_unit: np.ndarray  # (units, T) unit part of scores without tau
    tau_skor: np.ndarray  # (units, T)
    low_paham: np.ndarray  # bool per unit
    start_day: np.ndarray  # kebijakan tanggal_mulai (NaT if never)


def _world(scale: str, seed: int, n_units: int | None) -> _World:
    spec = _SPECS[scale]
    units, kec = _units(scale, n_units)
    n, T = len(units), spec.n_q
    quarters = _quarters(spec)
    rng = _rng(seed, "unit")
    wave = _assign_waves(scale, rng, kec, spec)
    wave_q = np.array([quarters.index(w) for w in spec.waves])
    adopt = np.where(wave >= 0, wave_q[np.maximum(wave, 0)], 10**6)
    q = rng.standard_normal(n)
    v = rng.standard_normal(n)
    w = rng.standard_normal(n)
    shock = rng.standard_normal((n, T))
    t = np.arange(T)
    e = t[None, :] - adopt[:, None]
    grow = np.where(e >= 0, np.minimum(1 + e, 4) / 4.0, 0.0)
    tau_ikm = grow * np.array(IKM_TAU)[np.maximum(wave, 0)][:, None]
    tau_skor = grow * np.array(SKOR_TAU)[np.maximum(wave, 0)][:, None]
    ikm_mu = (IKM_UNIT_Q * q + IKM_UNIT_OWN * v)[:, None] + IKM_TREND * t + IKM_SHOCK * shock
    skor_unit = (SKOR_UNIT_Q * q + SKOR_UNIT_OWN * w)[:, None] + SKOR_TREND * t
    skor_unit = skor_unit + SKOR_SHOCK * shock
    n_low = 3 if n <= 200 else max(3, round(0.03 * n))
    cand = np.flatnonzero(~kec) if (~kec).sum() >= n_low else np.arange(n)
    low = np.zeros(n, dtype=bool)
    low[rng.choice(cand, size=min(n_low, len(cand)), replace=False)] = True
    day = rng.integers(0, 28, n)
    start_day = _start_days(quarters, adopt) + day.astype("timedelta64[D]")
    return _World(scale, seed, spec, units, kec, quarters, wave, adopt, ikm_mu, tau_ikm,
                  skor_unit, tau_skor, low, start_day)


def _start_days(quarters: list[str], adopt: np.ndarray) -> np.ndarray:
    table = np.array([_quarter_start(x) for x in quarters] + [np.datetime64("NaT", "D")],
                     dtype="datetime64[D]")
    return table[np.minimum(adopt, len(quarters))]


# --------------------------------------------------------------------------------------
# Tables per unit batch
# --------------------------------------------------------------------------------------


@dataclass
class _Staff:
    unit: np.ndarray  # global unit index
    local: np.ndarray  # unit index within the batch
    ustart: np.ndarray  # first staff row of each batch unit
    ucount: np.ndarray
    pppk: np.ndarray
    female: np.ndarray
    birth: np.ndarray  # datetime64[D]
    nip: pa.Array
    nama: pa.Array
    start_q: np.ndarray  # first quarter with a penilaian row


def _pegawai(world: _World, u0: int, u1: int, batch: int,
             reg: _SeqRegistry) -> tuple[_Staff, dict[str, pa.Array]]:
    spec = world.spec
    rng = _rng(world.seed, "pegawai", batch)
    kec = world.kec[u0:u1]
    nb = u1 - u0
    mean = np.where(kec, spec.staff[0], spec.staff[1])
    count = np.maximum(rng.poisson(mean), np.where(kec, 30, 8))
    ustart = np.r_[0, np.cumsum(count)[:-1]]
    n = int(count.sum())
    local = np.repeat(np.arange(nb), count)
    rank = np.arange(n) - ustart[local]
    skec = kec[local]
    n_kasi = np.where(skec, len(_KASI_KEC), len(_KASI_KEL))
    leader = rank < 2 + n_kasi
    pppk = ~leader & (rng.random(n) < 0.2)
    female = rng.random(n) < 0.5
    # birth year, TMT CPNS (PNS) or year of appointment (PPPK)
    by = np.where(leader, rng.integers(1966, 1983, n), rng.integers(1966, 2000, n))
    by = np.where(pppk, rng.integers(1975, 1999, n), by)
    y0 = (by - 1970).astype("datetime64[Y]").astype("datetime64[D]")
    y1 = (by - 1969).astype("datetime64[Y]").astype("datetime64[D]")
    birth = y0 + np.floor(rng.random(n) * (y1 - y0).astype(np.int64)).astype("timedelta64[D]")
    bY, bM, bD = _ymd(birth)
    a_max = np.minimum(35, 2020 - by)
    tmt_y = by + 19 + np.floor(rng.random(n) * (a_max - 19 + 1)).astype(np.int64)
    tmt_m = rng.integers(1, 13, n)
    appt_y = np.array(spec.pppk_years)[rng.integers(0, len(spec.pppk_years), n)]
    g = np.where(female, 2, 1)
    birth8 = bY * 10000 + bM * 100 + bD
    mid = np.where(pppk, appt_y * 100 + 1, tmt_y * 100 + tmt_m)  # PPPK: year + "01" [M]
    prefix = birth8 * 10**7 + mid * 10 + g
    seq = reg.assign(prefix)
    nip_int = prefix * 1000 + seq
    nip = _str(nip_int)
    # jabatan
    kasi_i = np.clip(rank - 2, 0, None)
    jab_idx = rng.integers(0, len(_JABATAN_STAF), n)
    labels = (["Camat", "Lurah", "Sekretaris Kecamatan", "Sekretaris Kelurahan"]
              + list(_KASI_KEC) + list(_KASI_KEL) + list(_JABATAN_STAF))
    ji = np.select(
        [rank == 0, rank == 1, leader & skec, leader],
        [np.where(skec, 0, 1), np.where(skec, 2, 3), 4 + np.minimum(kasi_i, 4),
         9 + np.minimum(kasi_i, 2)],
        default=12 + jab_idx,
    )
    # golongan
    lvl_staff = np.minimum(np.where(rng.random(n) < 0.5, 4, 8) + (2025 - tmt_y) // 4, 11)
    up = rng.integers(0, 2, n)
    lvl = np.select([rank == 0, rank == 1, leader], [12 + up, 11 + up, 10 + up], lvl_staff)
    gol_pns = _pick(GOLONGAN_PNS, lvl)
    gol_pppk = _pick(GOLONGAN_PPPK, rng.choice(3, size=n, p=[0.3, 0.3, 0.4]))
    # names
    given = np.where(female, rng.integers(0, len(_NAMA_P), n) + len(_NAMA_L),
                     rng.integers(0, len(_NAMA_L), n))
    nama = pc.binary_join_element_wise(_pick(_NAMA_L + _NAMA_P, given),
                                       _pick(_NAMA_KELUARGA,
                                             rng.integers(0, len(_NAMA_KELUARGA), n)), " ")
    blank_jk = ~pppk & (rng.random(n) < 0.02)
    blank_lahir = ~pppk & (rng.random(n) < 0.02)
    first_y = spec.first[0]
    start_q = np.where(pppk, np.maximum(0, (appt_y + 1 - first_y) * 4), 0)
    cols = {
        "nip": nip,
        "unit_kerja": _pick(world.units, u0 + local),
        "nama": nama,
        "jabatan": _pick(labels, ji),
        "golongan": pc.if_else(pa.array(pppk), gol_pppk, gol_pns),
        "status_kepegawaian": _pick(("PNS", "PPPK"), pppk.astype(np.int64)),
        "jenis_kelamin": _blank(_pick(("L", "P"), female.astype(np.int64)), blank_jk),
        "tanggal_lahir": _dates(birth, mask=blank_lahir),
    }
    staff = _Staff(u0 + local, local, ustart, count, pppk, female, birth, nip, nama, start_q)
    return staff, cols


def _penilaian(world: _World, staff: _Staff, u0: int, batch: int,
               acc: dict[str, _Acc], e_skor: np.ndarray,
               ) -> tuple[dict[str, pa.Array], dict[str, pa.Array], float]:
    """Scores for both potential paths with common random numbers; returns
    (penilaian columns, tindak_lanjut columns, share of active rows below the cutoff)."""
    T = world.spec.n_q
    rng = _rng(world.seed, "penilaian", batch)
    n = len(staff.unit)
    person = SKOR_SD_PERSON * rng.standard_normal(n)
    eps = SKOR_SD_ITEM * rng.standard_normal((T, 3, n))
    u_coach = rng.random((T, n))
    u = staff.unit
    coached_prev = np.zeros((2, n), dtype=bool)
    comp = np.zeros((T, 3, n), dtype=np.int64)
    skor = np.zeros((T, n), dtype=np.int64)
    coached = np.zeros((T, n), dtype=bool)
    nbu = len(staff.ucount)
    n_below = 0
    for t in range(T):
        active = staff.start_q <= t
        tau = world.tau_skor[u, t]
        common = SKOR_MEAN + person + world.skor_unit[u, t]
        out10 = []
        for path in (0, 1):  # 0 = observed (with policy), 1 = counterfactual without it
            base = common + (tau if path == 0 else 0.0) + DELTA_COACH * coached_prev[path]
            tau_k = tau if path == 0 else np.zeros(n)
            c = (base[None, :] + KOMPONEN_OFFSET[:, None] + (KOMPONEN_TAU[:, None] - 1) * tau_k
                 + eps[t])
            c10 = np.clip(np.round(c * 10), 0, 1000).astype(np.int64)
            s10 = np.round(c10.sum(axis=0) / 3).astype(np.int64)
            below = s10 < CUTOFF * 10
            coached_prev[path] = active & np.where(below, u_coach[t] < P_COACH_BELOW,
                                                   u_coach[t] < P_COACH_ABOVE)
            out10.append((c10, s10))
            if path == 0:
                comp[t], skor[t], coached[t] = c10, s10, coached_prev[0]
                n_below += int((below & active).sum())
                # expected unit-quarter mean score given all latents and realized coaching
                w = active.astype(float)
                tot = np.bincount(staff.local, weights=base * w, minlength=nbu)
                cnt = np.bincount(staff.local, weights=w, minlength=nbu)
                e_skor[u0:u0 + nbu, t] = tot / np.maximum(cnt, 1)
        # ground truth: unit-quarter mean of (observed - counterfactual) on treated cells
        w = active.astype(float)
        cnt = np.bincount(staff.local, weights=w, minlength=nbu)
        d_skor = np.bincount(staff.local, weights=w * (out10[0][1] - out10[1][1]) / 10,
                             minlength=nbu)
        d_hadir = np.bincount(staff.local, weights=w * (out10[0][0][0] - out10[1][0][0]) / 10,
                              minlength=nbu)
        treated = (world.adopt[u0:u0 + nbu] <= t) & (cnt > 0)
        if treated.any():
            wv = world.wave[u0:u0 + nbu][treated]
            e = t - world.adopt[u0:u0 + nbu][treated]
            acc["skor_kinerja"].add(wv, e, d_skor[treated] / cnt[treated])
            acc["kehadiran"].add(wv, e, d_hadir[treated] / cnt[treated])
    # rows: periode-major, active staff only
    tt, ii = np.nonzero(np.arange(T)[:, None] >= staff.start_q[None, :])
    k10, q10, p10 = comp[tt, 0, ii], comp[tt, 1, ii], comp[tt, 2, ii]
    s10 = skor[tt, ii]
    m = len(tt)
    hasil = np.select([s10 >= 850, s10 >= 700], [0, 1], 2)
    perilaku10 = (k10 + p10) / 2
    perilaku = np.select([perilaku10 >= 850, perilaku10 >= 700], [0, 1], 2)
    variant = rng.choice(3, size=(2, m), p=[0.96, 0.02, 0.02])
    rlabels = list(_RATING) + [x.upper() for x in _RATING] + [x.lower() for x in _RATING]
    nip_rows = staff.nip.take(pa.array(ii))
    periode = _pick(world.quarters, tt)
    cols = {
        "nip": nip_rows,
        "periode": periode,
        "kehadiran": _tenths(k10, ","),
        "kualitas_pelayanan": _tenths(q10, ","),
        "partisipasi": _tenths(p10, ","),
        "skor_kinerja": _tenths(s10, ",", mask=rng.random(m) < 0.02),
        "rating_hasil_kerja": _pick(rlabels, hasil + 3 * variant[0]),
        "rating_perilaku_kerja": _pick(rlabels, perilaku + 3 * variant[1]),
        "predikat": _pick(_PREDIKAT, _MATRIX[hasil, perilaku]),
    }
    # tindak_lanjut: pembinaan (simulated above), penghargaan and promosi
    trng = _rng(world.seed, "tindak", batch)
    top = np.zeros(m, dtype=bool)
    for t in range(T):
        sel = tt == t
        if sel.any():
            top[sel] = s10[sel] >= np.quantile(s10[sel], 0.9)
    u_pen = trng.random(m)
    is_q4 = np.array([q.endswith("Q4") for q in world.quarters])[tt]
    jenis = np.concatenate([
        np.zeros(int(coached[tt, ii].sum()), dtype=np.int64),
        np.ones(int((top & (u_pen < P_PENGHARGAAN)).sum()), dtype=np.int64),
        np.full(int((top & is_q4 & (u_pen < P_PROMOSI)).sum()), 2, dtype=np.int64),
    ])
    rows = np.concatenate([np.flatnonzero(coached[tt, ii]),
                           np.flatnonzero(top & (u_pen < P_PENGHARGAAN)),
                           np.flatnonzero(top & is_q4 & (u_pen < P_PROMOSI))])
    order = np.lexsort((jenis, rows))
    rows, jenis = rows[order], jenis[order]
    kets = list(_KET_PEMBINAAN) + list(_KET_PENGHARGAAN) + list(_KET_PROMOSI)
    base_k = np.array([0, len(_KET_PEMBINAAN), len(_KET_PEMBINAAN) + len(_KET_PENGHARGAAN)])
    n_k = np.array([len(_KET_PEMBINAAN), len(_KET_PENGHARGAAN), len(_KET_PROMOSI)])
    ket = base_k[jenis] + np.floor(trng.random(len(rows)) * n_k[jenis]).astype(np.int64)
    tl = {
        "nip": nip_rows.take(pa.array(rows)),
        "periode": periode.take(pa.array(rows)),
        "jenis": _pick(("pembinaan", "penghargaan", "promosi"), jenis),
        "keterangan": _pick(kets, ket),
    }
    return cols, tl, n_below


def _pii(rng: np.random.Generator, k: int, kinds: np.ndarray, officer: pa.Array,
         templates: Sequence[tuple[str, int, str]]) -> pa.Array:
    """Free text with planted personal data (names, phones, e-mails, NIK)."""
    t = kinds
    phone = _join("08", _str(rng.integers(11, 99, k)), "-", _str(rng.integers(1000, 10000, k)),
                  "-", _str(rng.integers(1000, 10000, k)))
    email = _join(pc.utf8_lower(_pick(_NAMA_L + _NAMA_P, rng.integers(0, 48, k))), ".",
                  pc.utf8_lower(_pick(_NAMA_KELUARGA, rng.integers(0, 24, k))),
                  _str(rng.integers(10, 100, k)), "@gmail.com")
    dd = rng.integers(1, 29, k) + np.where(rng.random(k) < 0.5, 40, 0)
    nik = _join("337411", pc.utf8_lpad(_str(dd), 2, padding="0"),
                pc.utf8_lpad(_str(rng.integers(1, 13, k)), 2, padding="0"),
                pc.utf8_lpad(_str(rng.integers(0, 100, k)), 2, padding="0"),
                pc.utf8_lpad(_str(rng.integers(1, 10000, k)), 4, padding="0"))
    kind = np.array([x[1] for x in templates])[t]
    value = pc.case_when(
        pc.make_struct(*[pa.array(kind == j) for j in range(4)]),
        officer, phone, email, nik,
    )
    return _join(_pick([x[0] for x in templates], t), value, _pick([x[2] for x in templates], t))


def _sample_ikm(rng: np.random.Generator, mu: np.ndarray) -> np.ndarray:
    """Answers u1..u9 (1-4) of respondents whose unit-quarter latent mean is ``mu``."""
    r = len(mu)
    lat = mu[:, None] + IKM_ITEM_OFFSET[None, :]
    lat = lat + IKM_SD_RESPONDENT * rng.standard_normal((r, 1))
    lat = lat + IKM_SD_ITEM * rng.standard_normal((r, 9))
    return _categorize(lat, IKM_CUTS)


def _survei_kepuasan(world: _World, staff: _Staff, u0: int, batch: int, id_start: int,
                     acc: _Acc, e_ikm: np.ndarray) -> tuple[dict[str, pa.Array], int, int]:
    spec = world.spec
    T = spec.n_q
    rng = _rng(world.seed, "ikm", batch)
    nbu = len(staff.ucount)
    mu = world.ikm_mu[u0:u0 + nbu]
    tau = world.tau_ikm[u0:u0 + nbu]
    # ground truth: expected IKM with and without tau (no sampling noise)
    e1 = expected_ikm(mu + tau)
    e_ikm[u0:u0 + nbu] = e1
    treated = tau > 0
    if treated.any():
        uu, tt = np.nonzero(treated)
        acc.add(world.wave[u0 + uu], tt - world.adopt[u0 + uu], (e1 - expected_ikm(mu))[uu, tt])
    # responses per unit-quarter, quarter-major
    n_resp = np.maximum(rng.poisson(spec.resp[0], (T, nbu)), spec.resp[1])
    flat = n_resp.ravel()
    r = int(flat.sum())
    cell = np.repeat(np.arange(T * nbu), flat)
    t_r, lu = cell // nbu, cell % nbu
    ans = _sample_ikm(rng, (mu + tau)[lu, t_r])
    starts = [_quarter_start(q) for q in world.quarters]
    qstart = np.array(starts + [(starts[-1].astype("datetime64[M]") + 3).astype("datetime64[D]")],
                      dtype="datetime64[D]")
    qlen = np.diff(qstart).astype(np.int64)
    day = qstart[t_r] + np.floor(rng.random(r) * qlen[t_r]).astype("timedelta64[D]")
    order = np.lexsort((day, cell))
    ans, day, t_r, lu = ans[order], day[order], t_r[order], lu[order]
    dmy = rng.random(r) < 0.05
    tanggal = pc.if_else(pa.array(dmy), _dates(day, "%d/%m/%Y"), _dates(day))
    unit = _pick(world.units, u0 + lu)
    case = rng.random(r)
    unit = pc.if_else(pa.array(case < 0.02), pc.utf8_lower(unit),
                      pc.if_else(pa.array(case > 0.995), pc.utf8_upper(unit), unit))
    # serving officer from the unit's roster (active that quarter), ~80 % filled
    idx = staff.ustart[lu] + np.floor(rng.random(r) * staff.ucount[lu]).astype(np.int64)
    has_officer = (rng.random(r) < 0.8) & (staff.start_q[idx] <= t_r)
    usia = np.clip(np.round(rng.normal(40, 13, r)), 17, 80).astype(np.int64)
    pek = rng.choice(len(_PEKERJAAN), size=r, p=_P_PEKERJAAN)
    pek = np.where((pek == 5) & (usia > 30), 6, pek)
    # saran: mostly blank, some suggestions, a few with planted personal data
    u_s = rng.random(r)
    saran = _pick(_SARAN, rng.integers(0, len(_SARAN), r))
    saran = _blank(saran, u_s >= 0.15)
    pii = np.flatnonzero(u_s < 0.004)
    if len(pii):
        kinds = rng.integers(0, len(_SARAN_PII), len(pii))
        text = _pii(rng, len(pii), kinds, staff.nama.take(pa.array(idx[pii])), _SARAN_PII)
        saran = pc.replace_with_mask(saran, pa.array(_mask(r, pii)), text)
    cols = {
        "id_responden": _join("R", pc.utf8_lpad(_str(id_start + np.arange(r)), spec.id_width,
                                                padding="0")),
        "tanggal": tanggal,
        "unit_kerja": unit,
        **{f"u{j + 1}": _str(ans[:, j]) for j in range(9)},
        "jenis_layanan": _pick(_LAYANAN, rng.choice(len(_LAYANAN), size=r, p=_P_LAYANAN)),
        "nip_petugas": _blank(staff.nip.take(pa.array(idx)), ~has_officer),
        "jenis_kelamin": _pick(("L", "P"), (rng.random(r) < 0.52).astype(np.int64)),
        "usia": _str(usia),
        "pendidikan": _pick(_PENDIDIKAN, rng.choice(7, size=r, p=_P_PENDIDIKAN)),
        "pekerjaan": _pick(_PEKERJAAN, pek),
        "saran": saran,
    }
    cols["u4"] = _blank(cols["u4"], rng.random(r) < 0.03)
    cols["u8"] = _blank(cols["u8"], rng.random(r) < 0.55)
    return cols, r, len(pii)


def _survei_asn(world: _World, staff: _Staff, batch: int,
                hb: dict[str, float]) -> dict[str, pa.Array]:
    rng = _rng(world.seed, "asn", batch)
    n = len(staff.unit)
    wave_day = np.array([np.datetime64(m + "-01") for m in world.spec.asn_months])
    young = (wave_day[0] - staff.birth).astype(np.int64) < 35 * 365.25
    paham0 = (PAHAM_MEAN + PAHAM_UNIT_RENDAH * world.low_paham[staff.unit]
              + PAHAM_SD_PERSON * rng.standard_normal(n))
    worry0 = (KHAWATIR_MEAN + KHAWATIR_PPPK * staff.pppk + KHAWATIR_MUDA * young
              + KHAWATIR_SD_PERSON * rng.standard_normal(n))
    # training between waves: lower baseline understanding -> more likely to attend
    trained = np.zeros((3, n), dtype=bool)
    train_day = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
    for w in (1, 2):
        logit = PELATIHAN_INTERCEPT[w - 1] + PELATIHAN_SLOPE * (paham0 - PAHAM_MEAN)
        p = 1.0 / (1.0 + np.exp(-logit))
        new = ~trained[w - 1] & (rng.random(n) < p)
        span = (wave_day[w] - wave_day[w - 1]).astype(np.int64) - 28
        d = wave_day[w - 1] + (14 + np.floor(rng.random(n) * span)).astype("timedelta64[D]")
        train_day = np.where(new, d, train_day)
        trained[w] = trained[w - 1] | new
    rows_w, rows_i, cols_l = [], [], {k: [] for k in ("paham", "khawatir", "dukungan")}
    for w in range(3):
        respond = rng.random(n) < 0.9
        i = np.flatnonzero(respond)
        k = len(i)
        paham = (paham0[i] + EFEK_PELATIHAN_LATEN * trained[w, i]
                 + PAHAM_SD_TRANSIENT * rng.standard_normal(k))
        worry = worry0[i] + KHAWATIR_SD_TRANSIENT * rng.standard_normal(k)
        support = (DUKUNGAN_B0 + DUKUNGAN_PAHAM * paham + DUKUNGAN_KHAWATIR * worry
                   + DUKUNGAN_SD * rng.standard_normal(k))
        for name, latent in (("paham", paham), ("khawatir", worry), ("dukungan", support)):
            cols_l[name].append(_categorize(latent[:, None] + ASN_SD_ITEM
                                            * rng.standard_normal((k, 3)), LIKERT_CUTS))
        tr = trained[w, i]
        if tr.any():  # expected effect on the item-mean scale, analytically
            base = paham0[i][tr]
            eff = (_ordered_mean(base + EFEK_PELATIHAN_LATEN, LIKERT_CUTS, PAHAM_SD_TOTAL)
                   - _ordered_mean(base, LIKERT_CUTS, PAHAM_SD_TOTAL))
            hb["sum"] += float(eff.sum())
            hb["n"] += int(tr.sum())
        rows_w.append(np.full(k, w))
        rows_i.append(i)
    ww = np.concatenate(rows_w)
    ii = np.concatenate(rows_i)
    m = len(ii)
    day = wave_day[ww] + rng.integers(0, 28, m).astype("timedelta64[D]")
    tr = trained[ww, ii]
    yn = np.where(tr, 0, 1) + 2 * rng.choice(3, size=m, p=[0.92, 0.05, 0.03])
    cols: dict[str, pa.Array] = {
        "nip": staff.nip.take(pa.array(ii)),
        "tanggal": _dates(day),
        "gelombang": _str(ww + 1),
    }
    for name in ("paham", "khawatir", "dukungan"):
        arr = np.concatenate(cols_l[name])
        for j in range(3):
            cols[f"{name}_{j + 1}"] = _str(arr[:, j], mask=rng.random(m) < 0.01)
    cols["ikut_pelatihan"] = _pick(("ya", "tidak", "Ya", "Tidak", "YA", "TIDAK"), yn)
    cols["tanggal_pelatihan"] = _dates(np.where(tr, train_day[ii], wave_day[0]), mask=~tr)
    # komentar: themes follow the latents; a few with planted personal data
    p_low = paham0[ii] < 0
    weights = np.stack([1 + 1.5 * (worry0[ii] > 0.5), 1 + 1.5 * p_low, np.ones(m),
                        0.2 + 2.0 * tr, np.ones(m)], axis=1)
    cum = np.cumsum(weights, axis=1)
    theme = (rng.random(m)[:, None] * cum[:, -1:] > cum).sum(axis=1)
    flat = [x for th in _KOMENTAR for x in th]
    off = np.cumsum([0] + [len(th) for th in _KOMENTAR])
    nth = np.array([len(th) for th in _KOMENTAR])
    pick = off[theme] + np.floor(rng.random(m) * nth[theme]).astype(np.int64)
    u_c = rng.random(m)
    kom = _blank(_pick(flat, pick), u_c >= 0.25)
    pii = np.flatnonzero(u_c < 0.005)
    if len(pii):
        boss = staff.ustart[staff.local[ii[pii]]]  # the unit head's name
        kinds = rng.integers(0, len(_KOMENTAR_PII), len(pii))
        text = _pii(rng, len(pii), kinds, staff.nama.take(pa.array(boss)), _KOMENTAR_PII)
        kom = pc.replace_with_mask(kom, pa.array(_mask(m, pii)), text)
    cols["komentar"] = kom
    hb["pii"] += len(pii)
    return cols


# --------------------------------------------------------------------------------------
# Public entry point
# --------------------------------------------------------------------------------------

_COLUMNS = {
    "kebijakan.csv": ("unit_kerja", "tanggal_mulai"),
    "pegawai.csv": ("nip", "unit_kerja", "nama", "jabatan", "golongan", "status_kepegawaian",
                    "jenis_kelamin", "tanggal_lahir"),
    "penilaian_kinerja.csv": ("nip", "periode", "kehadiran", "kualitas_pelayanan",
                              "partisipasi", "skor_kinerja", "rating_hasil_kerja",
                              "rating_perilaku_kerja", "predikat"),
    "survei_kepuasan.csv": ("id_responden", "tanggal", "unit_kerja",
                            *[f"u{j}" for j in range(1, 10)], "jenis_layanan", "nip_petugas",
                            "jenis_kelamin", "usia", "pendidikan", "pekerjaan", "saran"),
    "survei_asn.csv": ("nip", "tanggal", "gelombang", "paham_1", "paham_2", "paham_3",
                       "khawatir_1", "khawatir_2", "khawatir_3", "dukungan_1", "dukungan_2",
                       "dukungan_3", "ikut_pelatihan", "tanggal_pelatihan", "komentar"),
    "tindak_lanjut.csv": ("nip", "periode", "jenis", "keterangan"),
}
_SEP = {"penilaian_kinerja.csv": ";"}
_BOM = {"pegawai.csv"}


def generate(
    out_dir: str | Path,
    scale: str = "banyumanik",
    seed: int = 2026,
    *,
    progress: Callable[[str], None] | None = None,
    _n_units: int | None = None,
    _batch_units: int | None = None,
) -> dict:
    """Write the demo input files and ``ground_truth.json``; return the ground truth.

    Parameters
    ----------
    out_dir : str or pathlib.Path
        Output folder (created if needed). Each file is written through a temp file in
        this folder and moved into place with ``os.replace``.
    scale : {"banyumanik", "semarang", "nasional"}
        Size of the synthetic administration (see the module docstring).
    seed : int
        Seed; the bytes of every file are a pure function of ``(scale, seed)``.
    progress : callable, optional
        Called with a short message after every unit batch.
    _n_units, _batch_units : int, optional
        Private knobs for tests: use only the first ``_n_units`` units and batches of
        ``_batch_units`` units.

    Returns
    -------
    dict
        The ground truth (same content as ``ground_truth.json``): keys ``scale``,
        ``seed``, ``units``, ``waves``, ``dampak``, ``pembinaan_rd``, ``korelasi``,
        ``hambatan``, ``notes``.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     truth = generate(d, "banyumanik", seed=7)
    ...     names = sorted(p.name for p in Path(d).iterdir())
    >>> names == sorted(FILES)
    True
    >>> len(truth["units"]), truth["pembinaan_rd"]["effect"]
    (12, 4.0)
    """
    if scale not in SCALES:
        raise ValueError(f"scale must be one of {SCALES}, got {scale!r}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    world = _world(scale, int(seed), _n_units)
    spec = world.spec
    n_units, T = len(world.units), spec.n_q
    step = _batch_units or spec.batch_units
    acc = {k: _Acc(spec.waves, T) for k in ("ikm", "skor_kinerja", "kehadiran")}
    e_ikm = np.zeros((n_units, T))
    e_skor = np.zeros((n_units, T))
    hb = {"sum": 0.0, "n": 0, "pii": 0}
    reg = _SeqRegistry()
    counts = {f: 0 for f in _COLUMNS}
    n_active = n_below = 0
    pii_ikm = 0
    with contextlib.ExitStack() as stack:
        sinks = {
            f: _Sink(stack.enter_context(atomic_open(out / f, "wb")), cols, _SEP.get(f, ","),
                     f in _BOM)
            for f, cols in _COLUMNS.items()
        }
        kb = {
            "unit_kerja": pa.array(world.units, pa.string()),
            "tanggal_mulai": _dates(np.where(np.isnat(world.start_day),
                                             np.datetime64("2000-01-01"), world.start_day),
                                    mask=np.isnat(world.start_day)),
        }
        sinks["kebijakan.csv"].write(kb)
        counts["kebijakan.csv"] = n_units
        id_next = 1
        n_batches = -(-n_units // step)
        for b in range(n_batches):
            u0, u1 = b * step, min(n_units, (b + 1) * step)
            staff, peg = _pegawai(world, u0, u1, b, reg)
            pk, tl, below = _penilaian(world, staff, u0, b, acc, e_skor)
            skm, r, n_pii = _survei_kepuasan(world, staff, u0, b, id_next, acc["ikm"], e_ikm)
            asn = _survei_asn(world, staff, b, hb)
            pii_ikm += n_pii
            id_next += r
            n_active += len(pk["nip"])
            n_below += below
            for f, cols in (("pegawai.csv", peg), ("penilaian_kinerja.csv", pk),
                            ("tindak_lanjut.csv", tl), ("survei_kepuasan.csv", skm),
                            ("survei_asn.csv", asn)):
                sinks[f].write(cols)
                counts[f] += len(cols[_COLUMNS[f][0]])
            if progress is not None:
                progress(f"{scale}: batch {b + 1}/{n_batches}, unit {u1}/{n_units}")
    truth = _truth(world, acc, e_ikm, e_skor, hb, counts, n_below / max(n_active, 1), pii_ikm)
    write_text(out / "ground_truth.json",
               json.dumps(truth, ensure_ascii=False, indent=2, allow_nan=False) + "\n")
    for f in FILES:  # temp files are created 0600; data files are ordinary files
        os.chmod(out / f, 0o644)
    return truth


def _truth(world: _World, acc: dict[str, _Acc], e_ikm: np.ndarray, e_skor: np.ndarray,
           hb: dict[str, float], counts: dict[str, int], share_below: float,
           pii_ikm: int) -> dict[str, Any]:
    mi, ms = e_ikm.mean(axis=1), e_skor.mean(axis=1)
    wi, ws = e_ikm - mi[:, None], e_skor - ms[:, None]
    waves = {u: (world.spec.waves[w] if w >= 0 else None)
             for u, w in zip(world.units, world.wave.tolist(), strict=True)}
    low = [u for u, f in zip(world.units, world.low_paham.tolist(), strict=True) if f]
    return {
        "scale": world.scale,
        "seed": world.seed,
        "units": list(world.units),
        "waves": waves,
        "periode": list(world.quarters),
        "dampak": {k: a.result() for k, a in acc.items()},
        "pembinaan_rd": {
            "cutoff": CUTOFF,
            "effect": DELTA_COACH,
            "p_coaching_below": P_COACH_BELOW,
            "p_coaching_above": P_COACH_ABOVE,
            "running_variable": "skor_kinerja (periode t)",
            "outcome": "skor_kinerja (periode t+1)",
            "porsi_di_bawah_cutoff": _r(share_below),
        },
        "korelasi": {
            "antar_unit": {"pearson": _corr(mi, ms), "spearman": _corr(_rank(mi), _rank(ms))},
            "dalam_unit": {"pearson": _corr(wi.ravel(), ws.ravel())},
        },
        "hambatan": {
            "efek_pelatihan_pemahaman": _r(hb["sum"] / hb["n"]) if hb["n"] else None,
            "efek_pelatihan_laten": EFEK_PELATIHAN_LATEN,
            "koefisien_dukungan": {"intersep": DUKUNGAN_B0, "pemahaman": DUKUNGAN_PAHAM,
                                   "kekhawatiran": DUKUNGAN_KHAWATIR, "sd_galat": DUKUNGAN_SD},
            "koefisien_kekhawatiran": {"pppk": KHAWATIR_PPPK, "usia_di_bawah_35": KHAWATIR_MUDA},
            "unit_pemahaman_rendah": low,
            "efek_unit_pemahaman_rendah_laten": PAHAM_UNIT_RENDAH,
            "seleksi_pelatihan": {"intersep_logit": list(PELATIHAN_INTERCEPT),
                                  "kemiringan_logit_pemahaman_awal": PELATIHAN_SLOPE},
        },
        "jumlah_baris": {f.removesuffix(".csv"): n for f, n in counts.items()},
        "data_pribadi_tertanam": {"survei_kepuasan.saran": pii_ikm,
                                  "survei_asn.komentar": int(hb["pii"])},
        "notes": (
            "Synthetic data; see docs/demo_data.md. dampak.ikm: expected effect on the "
            "converted IKM (25-100) per treated unit-quarter, E[IKM|tau]-E[IKM|0] from the "
            "ordered-probit category probabilities (no sampling noise), averaged with equal "
            "weight per treated unit-quarter (att_simple), per adoption wave and per event "
            "time e (quarters since adoption). dampak.skor_kinerja/kehadiran: unit-quarter "
            "mean over staff of observed minus counterfactual (no policy) score using common "
            "random numbers; includes the small indirect channel through pembinaan. "
            "korelasi: from noise-free expected unit-quarter IKM and mean score; dalam_unit "
            "is the pooled correlation of within-unit deviations (repeated-measures). "
            "hambatan: latent-scale coefficients; efek_pelatihan_pemahaman is the expected "
            "effect on the mean of paham_1..3 (1-5) for trained staff in post-training "
            "waves (responding rows)."
        ),
    }
