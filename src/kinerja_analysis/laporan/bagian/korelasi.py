"""Page 02, survey-to-score correlations: do citizens (IKM) and supervisors agree?

:func:`bangun` runs :func:`kinerja_analysis.korelasi.analisis` once, rounds its results
(:func:`kinerja_analysis.korelasi.hasil_json`, the results.json section ``korelasi``) and
builds the page's sections from those rounded numbers:

========== ================================================================================
section    shows
========== ================================================================================
ringkasan  the two headline correlations, the pooled one as a warning, the summary table
antar_unit unit means over the period (scatter, permutation test)
dalam_unit quarter-to-quarter deviations from each unit's mean (rmcorr, common slope)
unsur      each service element (U1-U9), Holm-adjusted
petugas    officers: satisfaction of the citizens served vs their own score
keadilan   score differences by staff group at equal satisfaction (rater fairness)
selisih    where the ranks by citizens and by supervisors differ beyond noise
inflasi    share rated Baik or better by the unit-quarter's IKM grade
metode     method notes
========== ================================================================================

What each section needs is declared in :data:`KEBUTUHAN` and the minimum counts in
:data:`MIN_UNIT_ANTAR`, :data:`MIN_UNIT_SELISIH`, :data:`MIN_TRIWULAN_DALAM`; without
them a section shows its heading and one sentence (:data:`KATALOG` or
:data:`kinerja_analysis.laporan.bagian.ALASAN`) and its results.json key is ``null`` with
the reason code in ``tidak_tersedia``. A part of a key that is missing (the between-unit
rows of ``unsur``, ``kualitas_pelayanan.antar_unit``) is named with a dot there.

Examples
--------
>>> class D:  # the citizen survey alone: every section says what is missing
...     survei_kepuasan = pd.DataFrame({"unit_kerja": ["A"], "triwulan": ["2025-Q1"]})
...     penilaian_kinerja = None
...     pegawai = None
>>> hal = bangun(D(), Parameter(lang="en"))
>>> [b.kunci for b in hal], hal["antar_unit"].alasan
(['ringkasan', 'antar_unit', 'dalam_unit', 'unsur', 'petugas', 'keadilan', 'selisih', \
'inflasi', 'metode'], 'tanpa_berkas')
>>> hal.hasil["korelasi"]["antar_unit"], hal.hasil["korelasi"]["tidak_tersedia"]["unsur"]
(None, 'tanpa_berkas')
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ... import i18n
from ... import korelasi as K
from .. import hasil as _hasil
from .. import tampilan as tp
from ..naskah import Naskah
from ..naskah_korelasi import KORELASI
from . import Bagian, Gambar, Halaman, Tabel, Teks, arah, kalimat_alasan, kosong
from . import Parameter as _Parameter

__all__ = [
    "KATALOG",
    "KEBUTUHAN",
    "MAKS_UNIT_GRAFIK_PERINGKAT",
    "MIN_TRIWULAN_DALAM",
    "MIN_UNIT_ANTAR",
    "MIN_UNIT_SELISIH",
    "Parameter",
    "bangun",
    "kemiringan_dalam",
    "rentang_peringkat",
]

#: Fewest units for a between-unit correlation: the Fisher-z interval needs ``n - 3 > 0``
#: and the permutation test four points (with 4 units the interval is still very wide).
MIN_UNIT_ANTAR = 4
#: Fewest units to rank by citizens and by supervisors.
MIN_UNIT_SELISIH = 2
#: Fewest quarters for within-unit (over time) variation.
MIN_TRIWULAN_DALAM = 2
#: The rank chart of the rank-gap section is drawn for at most this many units.
MAKS_UNIT_GRAFIK_PERINGKAT = 40
#: Scatter plots with more points than this are drawn as hexagonal bins.
MAKS_TITIK_PENCAR = 2000

_U = tuple(K.UNSUR)

_INTI: dict[str, tuple[str, ...]] = {
    "survei_kepuasan": ("unit_kerja", "triwulan", *_U),
    "penilaian_kinerja": ("unit_kerja", "triwulan", "skor_kinerja", "kualitas_pelayanan"),
}
#: Inputs and columns (processed names) each section needs, beyond the minimum counts
#: above. Every section needs both the citizen survey and the staff scores (``_INTI``);
#: ``keadilan`` needs one of the ``pegawai`` columns with two or more groups among the
#: officers (``golongan`` counts together with ``status_kepegawaian``: PNS grades only).
KEBUTUHAN: dict[str, dict[str, tuple[str, ...]]] = {
    "ringkasan": _INTI, "antar_unit": _INTI, "dalam_unit": _INTI, "unsur": _INTI,
    "selisih": _INTI,
    "petugas": {**_INTI, "survei_kepuasan": (*_INTI["survei_kepuasan"], "id_petugas"),
                "penilaian_kinerja": (*_INTI["penilaian_kinerja"], "id_pegawai")},
    "keadilan": {**_INTI, "survei_kepuasan": (*_INTI["survei_kepuasan"], "id_petugas"),
                 "pegawai": ("jenis_kelamin", "kelompok_usia", "golongan",
                             "status_kepegawaian")},
    "inflasi": {**_INTI, "penilaian_kinerja": (*_INTI["penilaian_kinerja"], "predikat")},
    "metode": {},
}

#: Reason codes of this page (besides the shared ones of
#: :data:`kinerja_analysis.laporan.bagian.ALASAN`); docs/results_schema.md lists them.
KATALOG: dict[str, dict[str, str]] = {
    "model_petugas_gagal": {
        "id": "Model campuran (intersep acak per unit) tidak dapat dihitung: diperlukan "
              "petugas dari paling sedikit dua unit dengan kepuasan dan skor yang bervariasi.",
        "en": "The mixed model (random intercept per unit) could not be fitted: it needs "
              "officers from at least two units whose satisfaction and scores vary.",
    },
    "tanpa_sel_bersama": {
        "id": "Tidak ada unit-triwulan yang memiliki survei kepuasan (paling sedikit {k} "
              "responden) sekaligus skor kinerja pegawai. Bagian ini memerlukan keduanya untuk "
              "unit dan triwulan yang sama.",
        "en": "No unit-quarter has both a satisfaction survey (at least {k} respondents) and "
              "staff performance scores. This section needs both for the same unit and "
              "quarter.",
    },
    "dalam_unit_kurang": {
        "id": "Korelasi dalam unit memerlukan unit dengan IKM dan skor pada beberapa "
              "triwulan: ada {n} sel unit-triwulan dari {n_unit} unit, sedangkan diperlukan "
              "paling sedikit {min} sel (jumlah unit ditambah 3).",
        "en": "The within-unit correlation needs units with IKM and scores in several "
              "quarters: there are {n} unit-quarter cells from {n_unit} unit(s), and at least "
              "{min} are needed (the number of units plus 3).",
    },
    "tanpa_variasi": {
        "id": "IKM atau skor pegawai tidak bervariasi pada data ini, sehingga korelasinya "
              "tidak dapat dihitung.",
        "en": "IKM or the staff scores do not vary in these data, so no correlation can be "
              "computed.",
    },
    "petugas_kurang": {
        "id": "Hanya {n} petugas yang melayani paling sedikit {k} responden survei; analisis "
              "tingkat petugas memerlukan paling sedikit {min} petugas.",
        "en": "Only {n} officer(s) served at least {k} survey respondents; the officer-level "
              "analysis needs at least {min}.",
    },
    "petugas_dalam_unit_kurang": {
        "id": "Petugas hanya dibandingkan dengan rekan satu unit: ada {n} petugas di {n_unit} "
              "unit, sedangkan diperlukan paling sedikit {min} petugas (jumlah unit ditambah "
              "3).",
        "en": "Officers are only compared with colleagues of the same unit: there are {n} "
              "officers in {n_unit} unit(s), and at least {min} are needed (the number of "
              "units plus 3).",
    },
    "tanpa_karakteristik": {
        "id": "Berkas pegawai tidak memuat karakteristik dengan paling sedikit dua kelompok "
              "(jenis kelamin, kelompok usia, golongan, status kepegawaian) untuk petugas yang "
              "dianalisis, sehingga skor antarkelompok tidak dapat dibandingkan. Isi kolom "
              "tersebut pada berkas pegawai agar bagian ini dapat dihitung.",
        "en": "The pegawai file has no characteristic with at least two groups (sex, age "
              "band, grade, employment status) among the officers analysed, so scores cannot "
              "be compared between groups. Fill those columns in the pegawai file to produce "
              "it.",
    },
}

#: results.json keys of the section that hold data (``variabel`` and
#: ``unsur_penyesuaian_p`` are constants, always present).
_KUNCI_DATA = ("panel", "antar_unit", "dalam_unit", "gabungan", "kualitas_pelayanan", "unsur",
               "petugas", "selisih_peringkat", "inflasi_predikat", "keadilan_penilai",
               "titik_antar_unit")
_BAGIAN = ("ringkasan", "antar_unit", "dalam_unit", "unsur", "petugas", "keadilan", "selisih",
           "inflasi", "metode")
_JUDUL = {"ringkasan": "h_ringkasan", "antar_unit": "h_antar", "dalam_unit": "h_dalam",
          "unsur": "h_unsur", "petugas": "h_petugas", "keadilan": "h_keadilan",
          "selisih": "h_selisih", "inflasi": "h_inflasi", "metode": "h_metode"}


@dataclass(frozen=True)
class Parameter(_Parameter):
    """Parameters of page 02: the shared ones plus ``n_permutasi``, the shuffles of the
    between-unit permutation test."""

    n_permutasi: int = 9999


@dataclass
class _Alasan:
    """Why a section (and its results key) has no numbers: a reason code and its values."""

    kode: str
    params: dict[str, Any]


class _Halaman02:
    """The state one build shares between sections: language, formatters, saved numbers."""

    def __init__(self, params: Parameter):
        self.p = params
        self.lang = params.lang
        self.T = Naskah(KORELASI, params.lang)

    # formatting, in the report language
    def num(self, x: float | None, d: int = 2) -> str:
        return i18n.fmt_number(x, d, self.lang)

    def int_(self, x: int | None) -> str:
        return i18n.fmt_int(x, self.lang)

    def ci(self, e: Mapping[str, Any], d: int = 2) -> str:
        return i18n.fmt_ci(e["ci_low"], e["ci_high"], d, self.lang)

    def ci_tabel(self, e: Mapping[str, Any], d: int = 2) -> str:
        """The interval without its "95% CI:" label (table cells)."""
        return self.ci(e, d).split(": ", 1)[-1]

    def pct(self, x: float | None) -> str:
        return i18n.fmt_percent(x, 0, self.lang)

    def kosong(self, kunci: str, a: _Alasan) -> Bagian:
        return kosong(kunci, self.T(_JUDUL[kunci]), a.kode, self.lang, KATALOG, **a.params)

    def kalimat(self, a: _Alasan) -> str:
        return kalimat_alasan(a.kode, self.lang, KATALOG, **a.params)

    def sumbu_bulat(self, ax: Any) -> None:
        """Whole-number ticks in the report's number format on both axes."""
        import matplotlib.pyplot as plt

        for axis in (ax.xaxis, ax.yaxis):
            axis.set_major_locator(plt.MaxNLocator(integer=True))
            axis.set_major_formatter(plt.FuncFormatter(lambda v, _: self.num(v, 0)))


def _figur(figsize: tuple[float, float]) -> tuple[Any, Any]:
    """A figure and its axes outside pyplot: a notebook's inline backend does not show it by
    itself at the end of the cell that built the page; it is drawn when its section is."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=figsize)
    return fig, fig.subplots()


def _gambar(fig: Any, alt: str) -> Gambar:
    return Gambar(fig, alt)


def _ada(e: Mapping[str, Any] | None) -> bool:
    """True for a correlation object with a value and a whole interval."""
    return bool(e) and all(e.get(k) is not None for k in ("r", "ci_low", "ci_high"))


def _kolom_terisi(frame: pd.DataFrame | None, kolom: str) -> bool:
    return frame is not None and kolom in frame.columns and bool(frame[kolom].notna().any())


# ------------------------------------------------------------------------ availability


def _ketersediaan(R: dict, A: dict, data: Any, p: Parameter) -> dict[str, _Alasan | None]:
    """Why each part of the page has no numbers (``None``: it has them), from the saved
    results ``R`` and the analyses ``A``."""
    P = R["panel"]
    n_unit, n_sel = P["n_unit"], P["n_sel_dipakai"]
    n_q = int(A["panel"]["triwulan"].nunique())
    out: dict[str, _Alasan | None] = {}

    if n_unit < MIN_UNIT_ANTAR:
        out["antar_unit"] = _Alasan("unit_kurang", {"n": n_unit, "min": MIN_UNIT_ANTAR})
    elif not all(_ada(R["antar_unit"][m]) for m in ("pearson", "spearman")):
        out["antar_unit"] = _Alasan("tanpa_variasi", {})
    else:
        out["antar_unit"] = None

    dof = R["dalam_unit"]["pearson"].get("df")
    if n_q < MIN_TRIWULAN_DALAM:
        out["dalam_unit"] = _Alasan("triwulan_kurang", {"n": n_q, "min": MIN_TRIWULAN_DALAM})
    elif dof is None or dof < 2:
        out["dalam_unit"] = _Alasan("dalam_unit_kurang",
                                    {"n": n_sel, "n_unit": n_unit, "min": n_unit + 3})
    elif not all(_ada(R["dalam_unit"][m]) for m in ("pearson", "spearman")):
        out["dalam_unit"] = _Alasan("tanpa_variasi", {})
    else:
        out["dalam_unit"] = None

    kp = R["kualitas_pelayanan"]
    for lvl in ("antar_unit", "dalam_unit"):
        ok = all(_ada(kp[lvl][m]) for m in ("pearson", "spearman"))
        out[f"kualitas_pelayanan.{lvl}"] = out[lvl] or (None if ok else
                                                         _Alasan("tanpa_variasi", {}))

    out["gabungan"] = (None if _ada(R["gabungan"]["pearson"]) else
                       _Alasan("data_kurang", {"n": n_sel, "min": 4}))

    survei = data.survei_kepuasan
    if not _kolom_terisi(survei, "id_petugas"):
        out["petugas"] = _Alasan("tanpa_kolom", {"kolom": "nip_petugas",
                                                 "berkas": "survei_kepuasan"})
    elif R["petugas"] is None:
        tab = A.get("tabel_petugas")
        out["petugas"] = _Alasan("petugas_kurang", {"n": 0 if tab is None else len(tab),
                                                    "k": p.k_min_responden,
                                                    "min": K.MIN_PETUGAS})
    elif R["petugas"]["n"] - R["petugas"]["n_unit"] - 1 < 2:  # rmcorr df
        PT = R["petugas"]
        out["petugas"] = _Alasan("petugas_dalam_unit_kurang",
                                 {"n": PT["n"], "n_unit": PT["n_unit"], "min": PT["n_unit"] + 3})
    elif not _ada(R["petugas"]):
        out["petugas"] = _Alasan("tanpa_variasi", {})
    else:
        out["petugas"] = None

    KP = R["keadilan_penilai"]
    if out["petugas"] is not None:
        out["keadilan_penilai"] = out["petugas"]
    elif data.pegawai is None:
        out["keadilan_penilai"] = _Alasan("tanpa_berkas", {"berkas": "pegawai"})
    elif not KP:
        out["keadilan_penilai"] = _Alasan("tanpa_karakteristik", {})
    elif not any(not r["rujukan"] and not r["suppressed"] for r in KP):
        out["keadilan_penilai"] = _Alasan("disembunyikan", {"k": p.k_min_pegawai})
    else:
        out["keadilan_penilai"] = None

    out["selisih_peringkat"] = (
        None if n_unit >= MIN_UNIT_SELISIH else
        _Alasan("unit_kurang", {"n": n_unit, "min": MIN_UNIT_SELISIH}))

    if R["inflasi_predikat"]:
        out["inflasi_predikat"] = None
    elif not _kolom_terisi(data.penilaian_kinerja, "predikat"):
        out["inflasi_predikat"] = _Alasan("tanpa_kolom", {"kolom": "predikat",
                                                          "berkas": "penilaian_kinerja"})
    else:
        out["inflasi_predikat"] = _Alasan("tanpa_sel_bersama", {"k": p.k_min_responden})
    return out


def _tandai(R: dict, ada: Mapping[str, _Alasan | None]) -> None:
    """Null the results keys (and parts) without numbers, with their reason codes."""
    for key in ("antar_unit", "dalam_unit", "gabungan", "petugas", "keadilan_penilai",
                "selisih_peringkat", "inflasi_predikat"):
        a = ada[key]
        if a is not None:
            _hasil.tandai_kosong(R, key, a.kode)
    for lvl in ("antar_unit", "dalam_unit"):
        a = ada[f"kualitas_pelayanan.{lvl}"]
        if a is not None:
            R["kualitas_pelayanan"][lvl] = None
            R.setdefault(_hasil.TIDAK_TERSEDIA, {})[f"kualitas_pelayanan.{lvl}"] = a.kode
    PT = R.get("petugas")
    if isinstance(PT, dict) and PT.get("koefisien") is None:
        # the correlation is there, the mixed model's coefficient could not be fitted
        for k in [k for k, v in PT.items() if k.startswith("koefisien") and v is None]:
            R.setdefault(_hasil.TIDAK_TERSEDIA, {})[f"petugas.{k}"] = "model_petugas_gagal"
    # element rows of a level without a correlation are left out (named in tidak_tersedia)
    rows = [r for r in R["unsur"] if ada[r["tingkat"]] is None]
    for lvl in ("antar_unit", "dalam_unit"):
        a = ada[lvl]
        if a is not None and rows:
            R.setdefault(_hasil.TIDAK_TERSEDIA, {})[f"unsur.{lvl}"] = a.kode
    if rows:
        R["unsur"] = rows
    else:
        _hasil.tandai_kosong(R, "unsur", (ada["dalam_unit"] or ada["antar_unit"]).kode)


# ------------------------------------------------------------------------ sections


def _ringkasan(h: _Halaman02, R: dict, A: dict, ada: Mapping[str, _Alasan | None]) -> Bagian:
    T, P = h.T, R["panel"]
    panel = A["panel"]
    blok: list[Any] = [Teks(T("h_ringkasan"))]
    blok.append(Teks(T("ringkasan", n_sel=h.int_(P["n_sel_dipakai"]), n_unit=h.int_(P["n_unit"]),
                       awal=i18n.fmt_periode(panel["triwulan"].min(), h.lang),
                       akhir=i18n.fmt_periode(panel["triwulan"].max(), h.lang),
                       n_buang=h.int_(P["n_sel_dibuang"]), k=h.p.k_min_responden)))
    if P.get("n_unit_tanpa_survei"):
        blok.append(Teks(T("ringkasan_tanpa_survei_unit", n=h.int_(P["n_unit_tanpa_survei"]))))
    if P.get("triwulan_tanpa_survei"):
        daftar = ", ".join(i18n.fmt_periode(q, h.lang) for q in P["triwulan_tanpa_survei"])
        blok.append(Teks(T("ringkasan_tanpa_survei_triwulan", daftar=daftar)))
    AU, DU = R["antar_unit"], R["dalam_unit"]
    if ada["antar_unit"] is None:
        antar = T("ringkasan_antar", r_s=h.num(AU["spearman"]["r"]), ci_s=h.ci(AU["spearman"]),
                  r_p=h.num(AU["pearson"]["r"]), ci_p=h.ci(AU["pearson"]),
                  n=h.int_(AU["pearson"]["n"]),
                  arti=T("arti_antar_" + arah(AU["spearman"]["ci_low"],
                                              AU["spearman"]["ci_high"])))
    else:
        antar = i18n.translate(KORELASI, "ringkasan_antar_kosong", h.lang,
                               alasan=h.kalimat(ada["antar_unit"]))
    if ada["dalam_unit"] is None:
        dalam = T("ringkasan_dalam", r_p=h.num(DU["pearson"]["r"]), ci_p=h.ci(DU["pearson"]),
                  n=h.int_(DU["pearson"]["n"]),
                  arti=T("arti_dalam_" + arah(DU["pearson"]["ci_low"], DU["pearson"]["ci_high"])))
    else:
        dalam = i18n.translate(KORELASI, "ringkasan_dalam_kosong", h.lang,
                               alasan=h.kalimat(ada["dalam_unit"]))
    blok.append(Teks(antar + "\n" + dalam))
    G = R["gabungan"]
    if ada["gabungan"] is None:
        blok.append(Teks(T("gabungan_peringatan", r=h.num(G["pearson"]["r"]),
                           ci=h.ci(G["pearson"]))))
    else:
        blok.append(Teks(T("gabungan_kosong", alasan=h.kalimat(ada["gabungan"]))))

    rows = []
    for tingkat in ("antar_unit", "dalam_unit"):
        if ada[tingkat] is None:
            for m in ("pearson", "spearman"):
                rows.append({"tingkat": T(tingkat), "ukuran": T("skor_kinerja"),
                             "metode": T(m), **R[tingkat][m]})
    for tingkat in ("antar_unit", "dalam_unit"):
        if ada[f"kualitas_pelayanan.{tingkat}"] is None:
            for m in ("pearson", "spearman"):
                rows.append({"tingkat": T(tingkat), "ukuran": T("kualitas_pelayanan"),
                             "metode": T(m), **R["kualitas_pelayanan"][tingkat][m]})
    if ada["gabungan"] is None:
        rows.append({"tingkat": T("gabungan"), "ukuran": T("skor_kinerja"),
                     "metode": T("pearson"), **G["pearson"]})
    if rows:
        tab = pd.DataFrame(rows)
        tab["ik95"] = [h.ci_tabel(r) for r in rows]
        blok.append(Tabel(tab[["tingkat", "ukuran", "metode", "r", "ik95", "p_value", "n"]],
                          {"r": "number:2", "p_value": "p", "n": "int"}, h.lang,
                          headers={"tingkat": T("col_tingkat"), "ukuran": T("col_ukuran"),
                                   "metode": T("col_metode"), "r": T("col_r"),
                                   "ik95": T("col_ci"), "p_value": T("col_p"),
                                   "n": T("col_n")},
                          caption=T("tabel_korelasi")))
    return Bagian("ringkasan", blok)


def _titik_tampil(R: dict) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Unit means (all) and those plotted (mean score not hidden for too few staff)."""
    titik = pd.DataFrame(R["titik_antar_unit"])
    return titik, titik.dropna(subset=["skor_kinerja"])


def _antar(h: _Halaman02, R: dict) -> Bagian:
    import seaborn as sns

    T, AU = h.T, R["antar_unit"]
    blok: list[Any] = [Teks(T("h_antar"))]
    n_antar, p_perm = AU["spearman"]["n"], AU["spearman"]["p_value_permutasi"]
    uji = (T("antar_uji_perm", n_perm=h.int_(h.p.n_permutasi), p_perm=h.num(p_perm, 4))
           if p_perm is not None else
           T("antar_uji_t", maks=h.int_(K.MAKS_UNIT_PERMUTASI)))
    if n_antar < 30 and p_perm is not None:  # few units: wide intervals, say so
        blok.append(Teks(T("antar_teks", n=h.int_(n_antar), n_perm=h.int_(h.p.n_permutasi),
                           p_perm=h.num(p_perm, 4))))
    else:
        blok.append(Teks(T("antar_teks_besar", n=h.int_(n_antar), uji=uji)))
    titik, shown = _titik_tampil(R)
    if len(shown) >= 3:  # a regression band needs a few points
        fig, ax = _figur((11, 7))
        sns.regplot(data=shown, x="ikm", y="skor_kinerja", ax=ax, ci=95, seed=h.p.seed,
                    n_boot=2000, scatter_kws={"s": 90}, color=tp.OKABE_ITO[0])
        if len(shown) <= h.p.maks_unit_tampil:
            for r in shown.itertuples():
                ax.annotate(r.unit_kerja.replace("Kelurahan ", "").replace("Kecamatan ",
                                                                           "Kec. "),
                            (r.ikm, r.skor_kinerja), xytext=(5, 4), textcoords="offset points",
                            fontsize=11)
        arah_antar = arah(AU["spearman"]["ci_low"], AU["spearman"]["ci_high"])
        ax.set(title=T("antar_judul_" + arah_antar), xlabel=T("sumbu_ikm"),
               ylabel=T("sumbu_skor"))
        h.sumbu_bulat(ax)
        blok.append(_gambar(fig, T("antar_alt", n=h.int_(len(shown)),
                                   r=h.num(AU["pearson"]["r"]))))
    if len(shown) < len(titik):
        blok.append(Teks(T("antar_kecil", n=h.int_(len(titik) - len(shown)),
                           k=h.p.k_min_pegawai)))
    return Bagian("antar_unit", blok)


def kemiringan_dalam(dev: pd.DataFrame, x: str = "ikm", y: str = "skor_kinerja") -> float:
    """The common within-unit slope of ``y`` on ``x`` through the origin of the deviations
    from each unit's mean (the line of the within-unit chart); NaN without variation in x.

    Examples
    --------
    >>> kemiringan_dalam(pd.DataFrame({"ikm": [-1.0, 1.0, 0.0], "skor_kinerja": [-2, 2, 0]}))
    2.0
    >>> kemiringan_dalam(pd.DataFrame({"ikm": [0.0, 0.0], "skor_kinerja": [1.0, -1.0]}))
    nan
    """
    sxx = float((dev[x] ** 2).sum())
    return float((dev[x] * dev[y]).sum() / sxx) if sxx > 0 else math.nan


def _dalam(h: _Halaman02, R: dict, A: dict) -> Bagian:

    T, DU = h.T, R["dalam_unit"]
    blok: list[Any] = [Teks(T("h_dalam")), Teks(T("dalam_teks", df=h.int_(DU["pearson"]["df"])))]
    panel = A["panel"]
    _, shown = _titik_tampil(R)
    dev = K.simpangan_dalam_unit(panel[panel["unit_kerja"].isin(set(shown["unit_kerja"]))])
    if len(dev):
        fig, ax = _figur((11, 7))
        if len(dev) > MAKS_TITIK_PENCAR:
            ax.hexbin(dev["ikm"], dev["skor_kinerja"], gridsize=30, cmap="Blues", mincnt=1)
        else:
            ax.scatter(dev["ikm"], dev["skor_kinerja"], s=30, alpha=0.6, color=tp.OKABE_ITO[0])
        slope = kemiringan_dalam(dev)
        if not math.isnan(slope):
            xs = np.linspace(dev["ikm"].min(), dev["ikm"].max(), 50)
            ax.plot(xs, slope * xs, color=tp.OKABE_ITO[3], lw=3)
        ax.axhline(0, color="grey", lw=1)
        ax.axvline(0, color="grey", lw=1)
        arah_dalam = arah(DU["pearson"]["ci_low"], DU["pearson"]["ci_high"])
        ax.set(title=T("dalam_judul_" + arah_dalam), xlabel=T("sumbu_ikm_dev"),
               ylabel=T("sumbu_skor_dev"))
        h.sumbu_bulat(ax)
        blok.append(_gambar(fig, T("dalam_alt", n=h.int_(len(dev)),
                                   r=h.num(DU["pearson"]["r"]))))
    return Bagian("dalam_unit", blok)


def _unsur(h: _Halaman02, R: dict) -> Bagian:
    import seaborn as sns

    T = h.T
    U = pd.DataFrame(R["unsur"])
    nama = {u.kode: (u.nama_id if h.lang == "id" else u.nama_en) for u in K.ikm.UNSUR}
    # the strongest element within units (the level that removes unit differences), else
    # between units when only that level has a correlation
    tingkat = "dalam_unit" if (U["tingkat"] == "dalam_unit").any() else "antar_unit"
    fam = U[(U["tingkat"] == tingkat) & (U["metode"] == "pearson")]
    fam = fam[fam["r"].notna()]
    blok: list[Any] = [Teks(T("h_unsur"))]
    sufiks = "" if tingkat == "dalam_unit" else "_antar"
    top = fam.loc[fam["r"].abs().idxmax()] if len(fam) else None
    if top is not None:
        blok.append(Teks(T("unsur_teks" + sufiks,
                           nama=f"{top['unsur'].upper()} {nama[top['unsur']]}",
                           r=h.num(top["r"]), ci=h.ci(top),
                           p=i18n.fmt_p(top["p_value_adjusted"], h.lang))))
    U["kolom"] = [f"{T(t).replace(' ', chr(10))}\n{T(m)}" for t, m in zip(U["tingkat"],
                                                                         U["metode"],
                                                                         strict=True)]
    U["baris"] = [f"{u.upper()} {nama[u]}" for u in U["unsur"]]
    grid = U.pivot(index="baris", columns="kolom", values="r")
    grid = grid.loc[[f"{u.upper()} {nama[u]}" for u in nama], list(dict.fromkeys(U["kolom"]))]
    fig, ax = _figur((12, 8))
    sns.heatmap(grid, cmap="RdBu_r", vmin=-1, vmax=1, center=0, annot=grid.map(h.num),
                fmt="", cbar_kws={"label": T("sumbu_korelasi")}, ax=ax, annot_kws={"size": 12})
    judul = T("unsur_judul" + sufiks, nama=top["unsur"].upper()) if top is not None else ""
    ax.set(title=judul, xlabel="", ylabel="")
    ax.tick_params(axis="x", labelsize=13, rotation=0)
    blok.append(_gambar(fig, T("unsur_alt", min=h.num(U["r"].min()), max=h.num(U["r"].max()))))
    U["ik95"] = [h.ci_tabel(r) for r in U.to_dict("records")]
    U["tingkat_"] = [T(t) for t in U["tingkat"]]
    U["metode_"] = [T(m) for m in U["metode"]]
    blok.append(Tabel(U[["tingkat_", "metode_", "baris", "r", "ik95", "p_value",
                         "p_value_adjusted"]],
                      {"r": "number:2", "p_value": "p", "p_value_adjusted": "p"}, h.lang,
                      headers={"tingkat_": T("col_tingkat"), "metode_": T("col_metode"),
                               "baris": i18n.label("unsur", h.lang), "r": T("col_r"),
                               "ik95": T("col_ci"), "p_value": T("col_p"),
                               "p_value_adjusted": T("col_p_adj")}))
    return Bagian("unsur", blok)


def _petugas(h: _Halaman02, R: dict) -> Bagian:
    T, PT = h.T, R["petugas"]
    blok: list[Any] = [Teks(T("h_petugas"))]
    umum = dict(n=h.int_(PT["n"]), n_unit=h.int_(PT["n_unit"]),
                n_buang=h.int_(PT["n_petugas_dibuang"]), k=h.p.k_min_responden,
                r=h.num(PT["r"]), ci=h.ci(PT),
                arti=T("arti_petugas_" + arah(PT["ci_low"], PT["ci_high"])))
    ci_b = {"ci_low": PT["koefisien_ci_low"], "ci_high": PT["koefisien_ci_high"]}
    if PT["koefisien"] is not None and _ada({"r": PT["koefisien"], **ci_b}):
        blok.append(Teks(T("petugas_teks", b=h.num(PT["koefisien"], 3), ci_b=h.ci(ci_b, 3),
                           **umum)))
        if PT.get("koefisien_n_unit") is not None and PT["koefisien_n_unit"] < PT["n_unit"]:
            blok.append(Teks(T("petugas_sampel", n_unit=h.int_(PT["koefisien_n_unit"]),
                               n=h.int_(PT["koefisien_n"]))))
    else:
        blok.append(Teks(T("petugas_teks_tanpa_model", **umum,
                           model=h.kalimat(_Alasan("model_petugas_gagal", {})))))
    lam = PT["keandalan_median"]
    if lam is not None:
        blok.append(Teks(T("petugas_susut", n_sedikit=h.int_(PT["n_sedikit_responden"]),
                           n_min=20, lam=h.num(lam), susut=h.pct(1 - lam))))
    return Bagian("petugas", blok)


def _keadilan(h: _Halaman02, R: dict) -> Bagian:
    T = h.T
    kp = pd.DataFrame(R["keadilan_penilai"])
    tested = kp[~kp["rujukan"] & ~kp["suppressed"]]
    sig = tested[[arah(lo, hi) != "tidak_jelas"
                  for lo, hi in zip(tested["ci_low"], tested["ci_high"], strict=True)]]
    if len(sig):
        daftar = "; ".join(f"{T(r.karakteristik)} {r.kelompok} {h.num(r.selisih)}"
                           for r in sig.itertuples())
        temuan = T("keadilan_ada", daftar=daftar, m=len(tested), e=h.num(0.05 * len(tested), 1))
    else:
        temuan = T("keadilan_tidak_ada")
    blok: list[Any] = [Teks(T("h_keadilan")),
                       Teks(T("keadilan_teks", k=h.p.k_min_pegawai, temuan=temuan))]
    kp["kar"] = [T(k) for k in kp["karakteristik"]]
    kp["ik95"] = [("" if r["rujukan"] else
                   i18n.label("disembunyikan", h.lang) if r["suppressed"] else
                   h.ci_tabel(r)) for r in kp.to_dict("records")]
    kp["kelompok"] = [f"{g} ({T('rujukan')})" if ref else g
                      for g, ref in zip(kp["kelompok"], kp["rujukan"], strict=True)]
    blok.append(Tabel(kp[["kar", "kelompok", "n_pegawai", "selisih", "ik95", "p_value"]],
                      {"n_pegawai": "int", "selisih": "number:2", "p_value": "p"}, h.lang,
                      headers={"kar": T("col_karakteristik"), "kelompok": T("col_kelompok"),
                               "n_pegawai": T("col_pegawai"), "selisih": T("col_selisih"),
                               "ik95": T("col_ci"), "p_value": T("col_p")}))
    return Bagian("keadilan", blok)


def rentang_peringkat(rank_min: int, rank_max: int, lang: str = "id") -> str:
    """The plausible ranks of a unit as shown: ``"2–5"``, or ``"3"`` when both ends agree.

    Examples
    --------
    >>> rentang_peringkat(2, 5), rentang_peringkat(3, 3), rentang_peringkat(1, 1200, "en")
    ('2–5', '3', '1–1,200')
    """
    a, b = i18n.fmt_int(rank_min, lang), i18n.fmt_int(rank_max, lang)
    return f"{a}–{b}" if rank_min != rank_max else a


def _selisih(h: _Halaman02, R: dict) -> Bagian:

    T = h.T
    S = pd.DataFrame(R["selisih_peringkat"])
    blok: list[Any] = [Teks(T("h_selisih")),
                       Teks(T("selisih_teks", n_flag=h.int_(int(S["flagged"].sum())),
                              n=h.int_(len(S))))]
    S["rentang"] = [rentang_peringkat(a, b, h.lang)
                    for a, b in zip(S["rank_ikm_min"], S["rank_ikm_max"], strict=True)]
    S["tanda"] = ["⚑" if f else "" for f in S["flagged"]]
    # with many units: the largest rank gaps (ties: flagged first)
    S_tampil, info = tp.pilih_unit(S.assign(gap_abs=S["gap"].abs()), "unit_kerja",
                                   ["gap_abs", "flagged"], h.p.maks_unit_tampil, "tertinggi")
    blok.append(Tabel(S_tampil[["unit_kerja", "ikm", "rank_ikm", "rentang", "rank_skor", "gap",
                                "tanda"]],
                      {"ikm": "number:2", "rank_ikm": "int", "rank_skor": "int", "gap": "int"},
                      h.lang,
                      headers={"unit_kerja": T("col_unit"), "ikm": T("col_ikm"),
                               "rank_ikm": T("col_rank_ikm"), "rentang": T("col_rentang"),
                               "rank_skor": T("col_rank_skor"), "gap": T("col_gap"),
                               "tanda": T("col_flag")}))
    if info["dipotong"]:
        blok.append(Teks(tp.kalimat_pilihan(info, T("ukuran_selisih"), h.lang)))
    if len(S) <= MAKS_UNIT_GRAFIK_PERINGKAT:
        o = S.sort_values("rank_ikm")
        fig, ax = _figur((12, 0.5 * len(o) + 2.5))
        y = np.arange(len(o))
        ax.hlines(y, o["rank_ikm"], o["rank_skor"], color="grey", lw=2)
        ax.scatter(o["rank_ikm"], y, s=110, color=tp.OKABE_ITO[0], label=T("legenda_ikm"),
                   zorder=3)
        ax.scatter(o["rank_skor"], y, s=110, color=tp.OKABE_ITO[1], marker="D",
                   label=T("legenda_skor"), zorder=3)
        ax.set_yticks(y, [u + (" ⚑" if f else "")
                          for u, f in zip(o["unit_kerja"], o["flagged"], strict=True)],
                      fontsize=12)
        ax.invert_yaxis()
        ax.set_xticks(range(1, len(o) + 1))
        big = S.iloc[0]  # sorted by |gap|, largest first
        ax.set(title=T("selisih_judul", unit=big["unit_kerja"]), xlabel=T("sumbu_peringkat"))
        ax.legend(loc="lower right", fontsize=12)
        blok.append(_gambar(fig, T("selisih_alt", n=h.int_(len(S)), unit=big["unit_kerja"],
                                   gap=int(big["gap"]))))
    return Bagian("selisih", blok)


def _inflasi(h: _Halaman02, R: dict) -> Bagian:

    T = h.T
    I = pd.DataFrame(R["inflasi_predikat"])  # noqa: E741
    lo_, hi_ = I.iloc[-1], I.iloc[0]  # sorted A (best) to D: lowest grade last
    blok: list[Any] = [Teks(T("h_inflasi"))]
    if len(I) > 1:
        blok.append(Teks(T("inflasi_teks", mutu_rendah=lo_["mutu"],
                           p_rendah=h.pct(lo_["porsi_baik"]), mutu_tinggi=hi_["mutu"],
                           p_tinggi=h.pct(hi_["porsi_baik"]))))
    else:
        blok.append(Teks(T("inflasi_teks_satu", mutu=lo_["mutu"], p=h.pct(lo_["porsi_baik"]))))
    I["ik95"] = [i18n.fmt_ci(None if a is None else a * 100, None if b is None else b * 100, 1,
                             h.lang).split(": ", 1)[-1]
                 for a, b in zip(I["ci_low"], I["ci_high"], strict=True)]
    blok.append(Tabel(I[["mutu", "n_sel", "n_penilaian", "porsi_baik", "ik95"]],
                      {"n_sel": "int", "n_penilaian": "int", "porsi_baik": "percent:1"}, h.lang,
                      headers={"mutu": T("col_mutu"), "n_sel": T("col_sel"),
                               "n_penilaian": T("col_penilaian"), "porsi_baik": T("col_porsi"),
                               "ik95": T("col_ci") + " (%)"}))
    share = I["porsi_baik"].astype(float)
    lo = I["ci_low"].astype(float).fillna(share)  # no interval from one cell: no error bar
    hi = I["ci_high"].astype(float).fillna(share)
    fig, ax = _figur((10, 6))
    ax.bar(I["mutu"], share * 100, color=[tp.WARNA_MUTU.get(m, "grey") for m in I["mutu"]],
           yerr=[(share - lo) * 100, (hi - share) * 100], capsize=8)
    ax.set(ylim=(0, 100), title=T("inflasi_judul", mutu=lo_["mutu"], p=h.pct(lo_["porsi_baik"])),
           xlabel=T("sumbu_mutu"), ylabel=T("sumbu_porsi"))
    blok.append(_gambar(fig, T("inflasi_alt", min=h.pct(share.min()), max=h.pct(share.max()))))
    return Bagian("inflasi", blok)


def _metode(h: _Halaman02) -> Bagian:
    return Bagian("metode", [Teks(h.T("h_metode")),
                             Teks(h.T("metode_teks", k=h.p.k_min_responden))])


# ------------------------------------------------------------------------ the page


def _tanpa_data(h: _Halaman02, R: dict, a: _Alasan) -> Halaman:
    """The page when no unit-quarter can be analysed: every section says why."""
    hal = Halaman("korelasi")
    for key in _KUNCI_DATA:
        if key != "panel" or R.get("panel") is None:
            _hasil.tandai_kosong(R, key, a.kode)
    for kunci in _BAGIAN:
        hal.tambah(_metode(h) if kunci == "metode" else h.kosong(kunci, a))
    hal.hasil["korelasi"] = R
    return hal


def bangun(data: Any, params: Parameter | None = None) -> Halaman:
    """Build page 02 (survey-to-score correlations) from the processed tables.

    Parameters
    ----------
    data : object
        The tables as attributes (:func:`kinerja_analysis.laporan.bagian.muat_data`):
        ``survei_kepuasan``, ``penilaian_kinerja``, ``pegawai``, each a DataFrame or
        ``None``, already cut at ``periode_akhir``.
    params : Parameter, optional
        Page parameters (defaults as in the notebook).

    Returns
    -------
    Halaman
        Sections ``ringkasan, antar_unit, dalam_unit, unsur, petugas, keadilan, selisih,
        inflasi, metode``; ``hasil["korelasi"]`` is the results.json section (keys of
        :func:`kinerja_analysis.korelasi.hasil_json`, ``null`` with a reason code in
        ``tidak_tersedia`` where the data do not allow a figure).
    """
    p = params or Parameter()
    tp.gaya()
    h = _Halaman02(p)
    survei = getattr(data, "survei_kepuasan", None)
    penilaian = getattr(data, "penilaian_kinerja", None)
    R: dict[str, Any] = {"variabel": {"x": "ikm", "y": "skor_kinerja", "level": 0.95},
                         "unsur_penyesuaian_p": K.PENYESUAIAN_P}
    for name, frame in (("survei_kepuasan", survei), ("penilaian_kinerja", penilaian)):
        if frame is None:
            return _tanpa_data(h, R, _Alasan("tanpa_berkas", {"berkas": name}))

    A = K.analisis(survei, penilaian, getattr(data, "pegawai", None),
                   k_min_responden=p.k_min_responden, k_min_pegawai=p.k_min_pegawai,
                   seed=p.seed, n_perm=p.n_permutasi)
    R = K.hasil_json(A, p.k_min_pegawai)  # rounded: every number shown is one saved
    P = R["panel"]
    if P["n_sel_dipakai"] == 0:
        if P["n_sel"] and P["n_sel_dibuang"] == P["n_sel"]:
            a = _Alasan("disembunyikan", {"k": p.k_min_responden})
        else:
            a = _Alasan("tanpa_sel_bersama", {"k": p.k_min_responden})
        return _tanpa_data(h, R, a)

    ada = _ketersediaan(R, A, data, p)
    hal = Halaman("korelasi")
    hal.tambah(_ringkasan(h, R, A, ada))
    hal.tambah(_antar(h, R) if ada["antar_unit"] is None else
               h.kosong("antar_unit", ada["antar_unit"]))
    hal.tambah(_dalam(h, R, A) if ada["dalam_unit"] is None else
               h.kosong("dalam_unit", ada["dalam_unit"]))
    unsur_ada = ada["dalam_unit"] is None or ada["antar_unit"] is None
    hal.tambah(_unsur(h, _unsur_tersedia(R, ada)) if unsur_ada else
               h.kosong("unsur", ada["dalam_unit"] or ada["antar_unit"]))
    for kunci, key, fn in (("petugas", "petugas", _petugas),
                           ("keadilan", "keadilan_penilai", _keadilan),
                           ("selisih", "selisih_peringkat", _selisih),
                           ("inflasi", "inflasi_predikat", _inflasi)):
        a = ada[key]
        hal.tambah(fn(h, R) if a is None else h.kosong(kunci, a))
    hal.tambah(_metode(h))
    _tandai(R, ada)
    hal.hasil["korelasi"] = R
    return hal


def _unsur_tersedia(R: dict, ada: Mapping[str, _Alasan | None]) -> dict:
    """``R`` with only the element rows of the levels that have a correlation."""
    return {**R, "unsur": [r for r in R["unsur"] if ada[r["tingkat"]] is None]}
