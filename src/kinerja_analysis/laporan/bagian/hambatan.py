"""Page 03, adoption barriers: the staff survey's scales, barriers by group, the support
model, the training effect, comment themes and recommendations.

:func:`bangun` computes everything from ``survei_asn`` (and ``pegawai`` for background),
rounds it once into the ``hambatan`` section of results.json (:attr:`Halaman.hasil`) and
builds every section from those saved numbers. The statistics live in
:mod:`kinerja_analysis.hambatan`; this module decides what to show and what to say.

Inputs (:data:`KEBUTUHAN`): ``survei_asn`` is needed by every section; ``pegawai`` is
optional (without it, or without its ``golongan``, ``status_kepegawaian`` or
``tanggal_lahir``, the breakdowns and model variables it gives are left out and the page
says so). A section without its data shows its heading and one sentence (reason codes in
:data:`ALASAN_HAMBATAN` and :data:`kinerja_analysis.laporan.bagian.ALASAN`), and the
results key is ``null`` with that code under ``tidak_tersedia``.

Examples
--------
>>> class D:
...     survei_asn = None
...     pegawai = None
>>> hal = bangun(D(), Parameter(lang="en"))
>>> hal["pelatihan"].alasan, hal.hasil["hambatan"]["tidak_tersedia"]["rekomendasi"]
('tanpa_berkas', 'tanpa_berkas')
>>> print(hal["pelatihan"].teks())
## Did training raise understanding?
This section needs the file survei_asn, which is not in the data. Include survei_asn to produce it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ... import hambatan as hb
from ... import i18n
from .. import hasil as _hasil
from .. import naskah
from .. import tampilan as tp
from ..naskah import Naskah
from ..naskah_hambatan import HAMBATAN as NASKAH
from . import Bagian, Blok, Gambar, Halaman, Tabel, Teks, arah, kalimat_alasan, kosong
from . import Parameter as _ParameterDasar

__all__ = ["ALASAN_HAMBATAN", "BAGIAN", "KEBUTUHAN", "KUNCI_HASIL", "MIN_RESPONDEN_MODEL",
           "Parameter", "alasan_kosong", "bangun", "kalimat"]

#: Sections of the page, in order (one per display cell of notebook 03).
BAGIAN: tuple[str, ...] = ("ringkasan", "reliabilitas", "prevalensi", "likert", "model",
                           "pelatihan", "komentar", "rekomendasi")

#: Keys of the ``hambatan`` section of results.json (docs/results_schema.md).
KUNCI_HASIL: tuple[str, ...] = (
    "gelombang", "k_min_pegawai", "ambang", "reliabilitas", "prevalensi", "sebaran_likert",
    "model_dukungan", "model_dukungan_info", "model_dukungan_linear", "peluang_dukungan",
    "efek_pelatihan_pemahaman", "perbandingan_naif", "uji_tren_awal", "tema_komentar",
    "n_komentar", "rekomendasi")

_INTI = ("id_pegawai", "unit_kerja", "gelombang", *(c for s in hb.SKALA.values() for c in s))

#: What each section needs: ``survei_asn`` columns (the table itself is needed by all).
#: ``pegawai`` is optional everywhere; ``komentar`` is optional (no comments: a reason).
KEBUTUHAN: dict[str, tuple[str, ...]] = {
    "ringkasan": _INTI,
    "reliabilitas": _INTI,
    "prevalensi": _INTI,
    "likert": _INTI,
    "model": (*_INTI, "ikut_pelatihan"),
    "pelatihan": (*_INTI, "ikut_pelatihan"),
    "komentar": ("komentar",),
    "rekomendasi": _INTI,
}

#: Fewest complete respondents for the support model: 7 coefficients and up to 4 cut
#: points; with fewer, the fit gives unbounded odds ratios (measured on simulated data).
MIN_RESPONDEN_MODEL = 50

#: Page-specific reason codes (generic ones: :data:`kinerja_analysis.laporan.bagian.ALASAN`).
ALASAN_HAMBATAN: dict[str, dict[str, str]] = {
    "tanpa_gelombang": {
        "id": "Survei pegawai tidak memuat gelombang {gelombang} (gelombang yang ada: {ada}).",
        "en": "The staff survey has no wave {gelombang} (waves present: {ada}).",
    },
    "gelombang_kurang": {
        "id": "Survei pegawai memiliki {n} gelombang; uji tren awal memerlukan paling sedikit "
              "{min} gelombang (dua sebelum pelatihan dan satu sesudahnya).",
        "en": "The staff survey has {n} waves; the pre-trend check needs at least {min} (two "
              "before training and one after).",
    },
    "tanpa_pelatihan": {
        "id": "Tidak ada pegawai yang tercatat ikut pelatihan (kolom ikut_pelatihan) dalam "
              "perbandingan gelombang {a} dan {b}, sehingga efek pelatihan belum dapat diukur.",
        "en": "No staff member in the comparison of waves {a} and {b} is recorded as trained "
              "(column ikut_pelatihan), so the training effect cannot be measured yet.",
    },
    "semua_dilatih": {
        "id": "Semua pegawai dalam perbandingan gelombang {a} dan {b} sudah ikut pelatihan; "
              "tanpa pegawai yang belum dilatih sebagai pembanding, efek pelatihan tidak dapat "
              "diukur.",
        "en": "Every staff member in the comparison of waves {a} and {b} was trained; without "
              "untrained staff to compare with, the training effect cannot be measured.",
    },
    "tanpa_panel": {
        "id": "Tidak ada pegawai yang menjawab gelombang {a} dan {b} dan belum dilatih pada "
              "gelombang {a}; perbandingan ini memerlukan pegawai yang sama pada kedua "
              "gelombang.",
        "en": "No staff member answered waves {a} and {b} while untrained at wave {a}; this "
              "comparison needs the same staff in both waves.",
    },
    "kelompok_kecil": {
        "id": "Paling sedikit satu kelompok perbandingan (dilatih atau tidak dilatih) memiliki "
              "kurang dari {k} pegawai, sehingga hasilnya tidak ditampilkan untuk melindungi "
              "kerahasiaan.",
        "en": "At least one comparison group (trained or untrained) has fewer than {k} staff, "
              "so the result is not shown, to protect confidentiality.",
    },
    "dukungan_seragam": {
        "id": "Semua responden memiliki tingkat dukungan yang sama, sehingga kaitannya dengan "
              "pemahaman dan kekhawatiran tidak dapat diukur.",
        "en": "Every respondent has the same support level, so its link with understanding "
              "and worry cannot be measured.",
    },
    "model_tidak_stabil": {
        "id": "Model dukungan tidak menghasilkan perkiraan yang stabil dengan data ini "
              "(interval tak terbatas); diperlukan lebih banyak responden atau unit kerja.",
        "en": "The support model gives no stable estimate with these data (unbounded "
              "intervals); more respondents or work units are needed.",
    },
}

_METODE = {"did": "difference-in-differences (panel, SE klaster per unit_kerja)",
           "naif_sesudah": "perbandingan sesudah saja (SE klaster per unit_kerja)",
           "tren_awal": "uji tren awal / placebo (SE klaster per unit_kerja)"}
_METODE_HC1 = {"did": "difference-in-differences (panel, SE HC1: satu unit_kerja)",
               "naif_sesudah": "perbandingan sesudah saja (SE HC1: satu unit_kerja)",
               "tren_awal": "uji tren awal / placebo (SE HC1: satu unit_kerja)"}
_MODEL_METODE = "statsmodels OrderedModel (logit), SE klaster per unit_kerja"
_MODEL_METODE_HC1 = "statsmodels OrderedModel (logit), SE tanpa klaster: satu unit_kerja"

#: The ``pegawai`` column a researcher fills to get each background dimension.
_KOLOM_DIMENSI = {"golongan": "golongan", "kelompok_usia": "tanggal_lahir",
                  "status_kepegawaian": "status_kepegawaian"}


@dataclass(frozen=True)
class Parameter(_ParameterDasar):
    """Parameters of page 03 (the notebook's parameters cell).

    Examples
    --------
    >>> Parameter(butir_terbalik=["khawatir_2"]).butir_terbalik
    ('khawatir_2',)
    """

    gelombang: int | None = None
    butir_terbalik: tuple[str, ...] = ()
    n_prioritas: int = 3
    kutipan_per_tema: int = 3

    def __post_init__(self) -> None:
        super().__post_init__()
        object.__setattr__(self, "butir_terbalik", tuple(self.butir_terbalik or ()))
        if self.gelombang is not None:
            object.__setattr__(self, "gelombang", int(self.gelombang))


# ------------------------------------------------------------------------ formatting


@dataclass
class _Fmt:
    """Number formatting in one language (the notebook's ``num``, ``pct``, ``ci_txt``)."""

    lang: str

    def num(self, x: Any, d: int = 2) -> str:
        return i18n.fmt_number(x, d, self.lang)

    def pct(self, x: Any, d: int = 1) -> str:
        return i18n.fmt_percent(x, d, self.lang)

    def int(self, x: Any) -> str:
        return i18n.fmt_int(x, self.lang)

    def ci(self, lo: Any, hi: Any, f: Callable[[Any], str] | None = None) -> str:
        """Interval without its label: "0,30 sampai 0,81"; shares as "13,8%–23,3%"."""
        if lo is None or pd.isna(lo):
            return "–"
        if f is None:
            return i18n.fmt_ci(lo, hi, 2, self.lang).split(": ", 1)[-1]
        return f"{f(lo)}–{f(hi)}"

    def est(self, o: Mapping[str, Any]) -> str:
        return i18n.fmt_estimate_ci(o["estimate"], o["ci_low"], o["ci_high"], 2, self.lang)


def _figur(w: float, h: float) -> tuple[Any, Any]:
    """A figure outside pyplot (a notebook shows only what a section displays) and its axes."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(w, h))
    return fig, fig.subplots()


def _sumbu(f: Callable[[Any], str]) -> Any:
    """Tick formatter from a number formatter."""
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda v, _: f(v))


def _ada(x: Any) -> bool:
    """True for a number that is present (not None / NaN)."""
    return x is not None and not (isinstance(x, float) and math.isnan(x)) and not pd.isna(x)


# ------------------------------------------------------------------------ computing


@dataclass
class _Hitung:
    """What the page computed: the saved results section and what only the page shows."""

    R: dict[str, Any]
    alasan: dict[str, tuple[str, dict[str, Any]]] = field(default_factory=dict)
    kutipan: pd.DataFrame | None = None
    dimensi: tuple[str, ...] = ()
    dimensi_kosong: tuple[str, ...] = ()
    leksikon: dict[str, Any] = field(default_factory=dict)

    def kosong(self, key: str, kode: str, **params: Any) -> None:
        self.alasan[key] = (kode, params)
        self.R[key] = None


def _efek_obj(efek: pd.DataFrame, metode: str) -> dict[str, Any] | None:
    """One training-effect row as its results object, rounded as shown (3 decimals)."""
    r = efek[efek["metode"] == metode]
    if r.empty:
        return None
    r = r.iloc[0]
    g = int(r["n_cluster"])
    return {"estimate": round(r["estimate"], 3), "se": round(r["se"], 3),
            "ci_low": round(r["ci_low"], 3), "ci_high": round(r["ci_high"], 3),
            "method": (_METODE if g >= 2 else _METODE_HC1)[metode], "n": int(r["n"]),
            "p_value": r["p_value"], "n_dilatih": int(r["n_dilatih"]),
            "n_kontrol": int(r["n_kontrol"]), "n_cluster": g,
            "gelombang_awal": int(r["gelombang_awal"]),
            "gelombang_akhir": int(r["gelombang_akhir"])}


def _alasan_efek(o: Mapping[str, Any], semua_dilatih_awal: bool) -> tuple[str, dict[str, Any]]:
    """Why a training comparison has no estimate, from its group sizes."""
    n1, n0 = o["n_dilatih"], o["n_kontrol"]
    ab = {"a": o["gelombang_awal"], "b": o["gelombang_akhir"]}
    if n1 == 0 and n0 == 0:
        return ("semua_dilatih" if semua_dilatih_awal else "tanpa_panel"), ab
    if n1 == 0:
        return "tanpa_pelatihan", ab
    if n0 == 0:
        return "semua_dilatih", ab
    return "data_kurang", {"n": min(n1, n0), "min": 2, **ab}


def _kolom_hilang(survei: pd.DataFrame, bagian: str) -> list[str]:
    """The columns of :data:`KEBUTUHAN` ``[bagian]`` absent from ``survei``."""
    return [c for c in KEBUTUHAN[bagian] if c not in survei.columns]


def _hitung(data: Any, p: Parameter) -> _Hitung:
    """Compute and round the ``hambatan`` results section (the notebook's compute cell)."""
    R: dict[str, Any] = {k: None for k in KUNCI_HASIL}
    R.update(k_min_pegawai=p.k_min_pegawai,
             ambang={"setuju": hb.AMBANG_SETUJU, "tidak_setuju": hb.AMBANG_TIDAK_SETUJU})
    h = _Hitung(R)
    survei = getattr(data, "survei_asn", None)
    inti = [k for k in KUNCI_HASIL if k not in ("k_min_pegawai", "ambang")]
    if survei is None:
        for k in inti:
            h.kosong(k, "tanpa_berkas", berkas="survei_asn")
        return h
    hilang = _kolom_hilang(survei, "ringkasan")
    if hilang:
        for k in inti:
            h.kosong(k, "tanpa_kolom", kolom=", ".join(hilang), berkas="survei_asn")
        return h
    if survei["gelombang"].notna().sum() == 0:
        periode = p.periode_akhir
        for k in inti:
            if periode:
                h.kosong(k, "tanpa_data_periode", berkas="survei_asn", periode=periode)
            else:
                h.kosong(k, "data_kurang", n=0, min=1)
        return h
    pegawai = getattr(data, "pegawai", None)
    terbalik = list(p.butir_terbalik)
    waves = sorted(int(w) for w in survei["gelombang"].dropna().unique())
    gel = waves[-1] if p.gelombang is None else int(p.gelombang)
    R["gelombang"] = gel
    h.leksikon = hb.muat_leksikon()

    # ---- comments (all waves)
    if "komentar" in survei.columns:
        tema = hb.hitung_tema(survei["komentar"], h.leksikon)
        # no staff names at prepare (ringkasan roster_nama false): names may remain, no quotes
        roster = (getattr(data, "ringkasan", None) or {}).get("roster_nama", True)
        h.kutipan = hb.kutipan_tema(survei["komentar"], h.leksikon, k_min=p.k_min_pegawai,
                                    per_tema=p.kutipan_per_tema if roster else 0)
        R["n_komentar"] = int(tema.attrs["n_komentar"])
    else:
        tema, R["n_komentar"] = None, 0
    if R["n_komentar"]:
        R["tema_komentar"] = tema[["tema", "n"]]
    else:
        tema = None
        h.kosong("tema_komentar", "tanpa_komentar")

    # ---- training effect (all waves)
    if _kolom_hilang(survei, "pelatihan"):
        for k in ("efek_pelatihan_pemahaman", "perbandingan_naif", "uji_tren_awal"):
            h.kosong(k, "tanpa_kolom", kolom="ikut_pelatihan", berkas="survei_asn")
    else:
        efek = hb.efek_pelatihan(survei, terbalik=terbalik)
        if efek.empty:  # fewer than two waves with an understanding score
            for k in ("efek_pelatihan_pemahaman", "perbandingan_naif", "uji_tren_awal"):
                h.kosong(k, "satu_gelombang")
        else:
            a = int(efek["gelombang_awal"].iloc[0])
            awal = survei.loc[survei["gelombang"] == a, "ikut_pelatihan"]
            semua_awal = bool(len(awal)) and bool(awal.astype("boolean").fillna(False).all())
            for k, m in (("efek_pelatihan_pemahaman", "did"), ("perbandingan_naif",
                                                               "naif_sesudah"),
                         ("uji_tren_awal", "tren_awal")):
                o = _efek_obj(efek, m)
                if o is None:
                    h.kosong(k, "gelombang_kurang", n=len(waves), min=3)
                elif not _ada(o["estimate"]) or not _ada(o["ci_low"]):
                    kode, par = _alasan_efek(o, semua_awal)
                    h.kosong(k, kode, **par)
                elif min(o["n_dilatih"], o["n_kontrol"]) < p.k_min_pegawai:
                    # a group mean of fewer than k staff is not published (FACTS.md §5.2)
                    h.kosong(k, "kelompok_kecil", k=p.k_min_pegawai)
                else:
                    R[k] = o

    # ---- one wave: reliability, prevalence, Likert chart, support model
    n_wave = int(survei.loc[survei["gelombang"] == gel, "id_pegawai"].nunique())
    cross = ("reliabilitas", "prevalensi", "sebaran_likert", "model_dukungan",
             "model_dukungan_info", "model_dukungan_linear", "peluang_dukungan")
    prev = odds = None
    if n_wave == 0:
        for k in cross:
            h.kosong(k, "tanpa_gelombang", gelombang=gel, ada=", ".join(map(str, waves)))
    else:
        rel = hb.reliabilitas(survei, terbalik=terbalik, gelombang=gel)
        if rel["alpha"].notna().any():
            R["reliabilitas"] = rel.round({"alpha": 2, "ci_low": 2, "ci_high": 2})
        else:
            h.kosong("reliabilitas", "data_kurang", n=int(rel["n"].max()), min=2)
        h.dimensi = hb.dimensi_tersedia(survei, pegawai, gelombang=gel)
        h.dimensi_kosong = tuple(d for d in hb.DIMENSI if d not in h.dimensi)
        prev = hb.prevalensi(survei, pegawai, k_min=p.k_min_pegawai, dimensi=h.dimensi,
                             terbalik=terbalik, gelombang=gel)
        # round first; the recommendations use the rounded numbers, so they match the tables
        prev = prev.round({"proporsi": 3, "ci_low": 3, "ci_high": 3})
        R["prevalensi"] = prev
        if n_wave < p.k_min_pegawai:
            h.kosong("sebaran_likert", "disembunyikan", k=p.k_min_pegawai)
        else:
            sebaran = hb.sebaran_likert(survei, terbalik=terbalik, gelombang=gel)
            R["sebaran_likert"] = sebaran.round({"proporsi": 3})
        odds = _model(h, survei, pegawai, terbalik, gel, p)

    # ---- recommendations
    did = R["efek_pelatihan_pemahaman"]
    if prev is None:
        kode, par = h.alasan["prevalensi"]
        h.kosong("rekomendasi", kode, **par)
    else:
        rek = hb.rekomendasi(prev, odds, did, tema, n_prioritas=p.n_prioritas)
        R["rekomendasi"] = rek.round({"nilai": 3, "pembanding": 3})
    return h


def _model(h: _Hitung, survei: pd.DataFrame, pegawai: pd.DataFrame | None,
           terbalik: list[str], gel: int, p: Parameter) -> pd.DataFrame | None:
    """The support model into ``h.R``; returns the rounded odds ratios (or None)."""
    keys = ("model_dukungan", "model_dukungan_linear", "peluang_dukungan")
    if _kolom_hilang(survei, "model"):
        for k in (*keys, "model_dukungan_info"):
            h.kosong(k, "tanpa_kolom", kolom="ikut_pelatihan", berkas="survei_asn")
        return None
    md = hb.data_model(survei, pegawai, terbalik, gel)
    n_model = len(md)
    g = int(md["unit_kerja"].nunique())
    info = {"n": n_model, "n_cluster": g,
            "level": sorted(int(v) for v in md["dukungan_level"].unique()),
            "n_total": n_model, "sampel": False,
            "metode": _MODEL_METODE if g >= 2 else _MODEL_METODE_HC1}
    h.R["model_dukungan_info"] = info
    if n_model < MIN_RESPONDEN_MODEL:
        for k in keys:
            h.kosong(k, "data_kurang", n=n_model, min=MIN_RESPONDEN_MODEL)
        return None
    if md["dukungan_level"].nunique() < 2:
        for k in keys:
            h.kosong(k, "dukungan_seragam")
        return None
    try:
        mod = hb.model_dukungan(md, seed=p.seed)
    except (np.linalg.LinAlgError, ValueError):  # singular fit on degenerate answers
        for k in keys:
            h.kosong(k, "model_tidak_stabil")
        return None
    info.update(n=mod.n, n_cluster=mod.n_cluster, level=mod.level, n_total=mod.n_total,
                sampel=mod.sampel,
                metode=_MODEL_METODE if mod.n_cluster >= 2 else _MODEL_METODE_HC1)
    nilai = mod.odds[["odds_ratio", "ci_low", "ci_high"]].to_numpy(dtype=float)
    if not len(mod.odds) or not np.isfinite(nilai).all():
        for k in keys:
            h.kosong(k, "model_tidak_stabil")
        return None
    odds = mod.odds.round({"odds_ratio": 2, "ci_low": 2, "ci_high": 2})
    h.R["model_dukungan"] = odds
    h.R["model_dukungan_linear"] = mod.linear.round({"koefisien": 2, "ci_low": 2,
                                                     "ci_high": 2})
    h.R["peluang_dukungan"] = mod.peluang.round({"proporsi": 3, "ci_low": 3, "ci_high": 3})
    return odds


# ------------------------------------------------------------------------ sections


@dataclass
class _Ctx:
    """Everything a section builder reads: the saved results, texts and formatting."""

    R: dict[str, Any]
    h: _Hitung
    p: Parameter
    T: Naskah
    f: _Fmt

    def kosong(self, kunci: str, judul: str, key: str) -> Bagian:
        kode, par = self.h.alasan[key]
        return kosong(kunci, self.T(judul), kode, self.p.lang, katalog=ALASAN_HAMBATAN, **par)

    def label_tema(self, t: str) -> str:
        return self.T("tema_lainnya") if t == "lainnya" else self.h.leksikon[t][self.p.lang]

    def label_kelompok(self, k: str) -> str:
        return self.T("kelompok_" + k) if k in ("semua", "tidak_diketahui") else k

    def semua(self) -> pd.DataFrame:
        prev = pd.DataFrame(self.R["prevalensi"])
        return prev[prev["dimensi"] == "semua"].set_index("hambatan")

    def semua_tersembunyi(self) -> bool:
        return not _ada(self.semua().loc["kurang_paham", "proporsi"])


def _ringkasan(c: _Ctx) -> Bagian:
    if c.R["prevalensi"] is None:
        return c.kosong("ringkasan", "h_ringkasan", "prevalensi")
    if c.semua_tersembunyi():
        return kosong("ringkasan", c.T("h_ringkasan"), "disembunyikan", c.p.lang,
                      k=c.p.k_min_pegawai)
    semua, did, f = c.semua(), c.R["efek_pelatihan_pemahaman"], c.f
    par = dict(gelombang=c.R["gelombang"], n=f.int(semua.loc["kurang_paham", "n"]),
               khawatir=f.pct(semua.loc["kekhawatiran_karir", "proporsi"]),
               paham=f.pct(semua.loc["kurang_paham", "proporsi"]),
               dukung=f.pct(semua.loc["kurang_dukungan", "proporsi"]))
    if did is None:
        teks = c.T("ringkasan_tanpa_efek", **par)
    else:
        teks = c.T("ringkasan", **par, efek=f.num(did["estimate"]),
                   ci=i18n.fmt_ci(did["ci_low"], did["ci_high"], 2, c.p.lang))
    return Bagian("ringkasan", [Teks(c.T("h_ringkasan")), Teks(teks)])


def _reliabilitas(c: _Ctx) -> Bagian:
    if c.R["reliabilitas"] is None:
        return c.kosong("reliabilitas", "h_reliabilitas", "reliabilitas")
    T, f = c.T, c.f
    rel = pd.DataFrame(c.R["reliabilitas"])
    tab = rel.assign(skala=[T("skala_" + s) for s in rel["skala"]],
                     ik=[f.ci(lo, hi) for lo, hi in zip(rel["ci_low"], rel["ci_high"],
                                                        strict=True)])
    blok: list[Blok] = [
        Teks(T("h_reliabilitas")), Teks(T("reliabilitas_teks")),
        Tabel(tab[["skala", "alpha", "ik", "n_items", "n"]],
              {"alpha": "number:2", "n_items": "int", "n": "int"}, c.p.lang,
              headers={"skala": T("col_skala"), "alpha": T("col_alpha"), "ik": T("col_ci"),
                       "n_items": T("col_butir"), "n": T("col_n")},
              caption=T("tabel_reliabilitas", gelombang=c.R["gelombang"]))]
    for s, a in zip(rel["skala"], rel["alpha"], strict=True):
        if _ada(a) and a < 0.70:
            blok.append(Teks(T("reliabilitas_rendah", skala=T("skala_" + s))))
    return Bagian("reliabilitas", blok)


def _tabel_dimensi(c: _Ctx, prev: pd.DataFrame, dim: str,
                   groups: list[str] | None = None) -> pd.DataFrame:
    """One row per group (in ``groups`` order, default all), one column per barrier."""
    T, f = c.T, c.f
    p = prev[prev["dimensi"] == dim]
    if groups is None:
        groups = list(dict.fromkeys(p["kelompok"]))
    p = p[p["kelompok"].isin(groups)]
    n = p.groupby("kelompok", sort=False)["n"].max().reindex(groups)
    out = pd.DataFrame({"kelompok": [c.label_kelompok(g) for g in groups],
                        "n": [f.int(x) if pd.notna(x) else T("disembunyikan") for x in n]})

    def sel(v: Any, lo: Any, hi: Any) -> str:
        return T("disembunyikan") if pd.isna(v) else f"{f.pct(v)} ({f.ci(lo, hi, f.pct)})"

    for hm in hb.HAMBATAN:
        r = p[p["hambatan"] == hm].drop_duplicates("kelompok").set_index("kelompok")
        out[hm] = [sel(r.at[g, "proporsi"], r.at[g, "ci_low"], r.at[g, "ci_high"])
                   if g in r.index else "–" for g in groups]
    return out


def _gambar_unit(c: _Ctx, unit: pd.DataFrame, semua: pd.DataFrame) -> Gambar:
    """Dot plot of poor understanding and career worry by unit, with the overall lines."""
    T, f = c.T, c.f
    up = unit[unit["hambatan"] == "kurang_paham"].sort_values("proporsi")
    uk = (unit[unit["hambatan"] == "kekhawatiran_karir"].set_index("kelompok")
          .reindex(up["kelompok"]))
    fig, ax = _figur(13, 0.55 * max(len(up), 1) + 2.5)
    y = np.arange(len(up))
    for off, d, hm, col in ((0.15, up.set_index("kelompok"), "kurang_paham", tp.OKABE_ITO[3]),
                            (-0.15, uk, "kekhawatiran_karir", tp.OKABE_ITO[0])):
        ax.errorbar(d["proporsi"] * 100, y + off,
                    xerr=[(d["proporsi"] - d["ci_low"]) * 100,
                          (d["ci_high"] - d["proporsi"]) * 100],
                    fmt="o", color=col, ms=9, capsize=3, label=T("hambatan_" + hm))
        ax.axvline(semua.loc[hm, "proporsi"] * 100, color=col, ls="--", lw=1.5)
    ax.set_yticks(y, up["kelompok"], fontsize=13)
    top = up.iloc[-1]
    ax.set_title(T("unit_judul", unit=top["kelompok"], p=f.pct(top["proporsi"])))
    ax.set_xlabel(T("sumbu_proporsi"))
    ax.xaxis.set_major_formatter(_sumbu(lambda v: f.num(v, 0)))
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, frameon=False,
              fontsize=13)
    return Gambar(fig, T("unit_alt", p_paham=f.pct(semua.loc["kurang_paham", "proporsi"]),
                         p_khawatir=f.pct(semua.loc["kekhawatiran_karir", "proporsi"]),
                         k=c.p.k_min_pegawai))


def _prevalensi(c: _Ctx) -> Bagian:
    if c.R["prevalensi"] is None:
        return c.kosong("prevalensi", "h_prevalensi", "prevalensi")
    T, lang, k = c.T, c.p.lang, c.p.k_min_pegawai
    if c.semua_tersembunyi():
        return kosong("prevalensi", T("h_prevalensi"), "disembunyikan", lang, k=k)
    prev = pd.DataFrame(c.R["prevalensi"])
    semua = c.semua()
    heads = {"kelompok": T("col_kelompok"), "n": T("col_n"),
             **{hm: T("hambatan_" + hm) + " (" + T("col_ci") + ")" for hm in hb.HAMBATAN}}
    blok: list[Blok] = [
        Teks(T("h_prevalensi")), Teks(T("prevalensi_teks", k=k)),
        Tabel(_tabel_dimensi(c, prev, "semua"), lang=lang, headers=heads,
              caption=T("tabel_prevalensi_semua", gelombang=c.R["gelombang"]))]
    # with many units: those with the highest share lacking understanding (hidden never ranked)
    pilih, info = tp.pilih_unit(
        prev[(prev["dimensi"] == "unit_kerja") & (prev["hambatan"] == "kurang_paham")],
        "kelompok", "proporsi", c.p.maks_unit_tampil, "tertinggi", hidden_col="suppressed")
    unit = prev[(prev["dimensi"] == "unit_kerja") & ~prev["suppressed"].astype(bool)]
    if info["dipotong"]:
        unit = unit[unit["kelompok"].isin(pilih["kelompok"])]
    if (unit["hambatan"] == "kurang_paham").any():
        blok.append(_gambar_unit(c, unit, semua))
    else:
        blok.append(Teks(T("unit_semua_disembunyikan", k=k)))
    catatan_unit = tp.kalimat_pilihan(info, T("ukuran_paham"), lang)
    if catatan_unit:
        blok.append(Teks(catatan_unit))
    for dim in hb.DIMENSI:
        if dim in c.h.dimensi_kosong:
            blok.append(Teks(T("dimensi_tanpa_data", dimensi=T("dimensi_" + dim).lower(),
                               kolom=_KOLOM_DIMENSI[dim])))
            continue
        cut = dim == "unit_kerja" and info["dipotong"]
        blok.append(Tabel(_tabel_dimensi(c, prev, dim, list(pilih["kelompok"]) if cut else None),
                          lang=lang, headers=heads,
                          caption=T("tabel_prevalensi_dimensi", dimensi=T("dimensi_" + dim))))
        if cut:
            blok.append(Teks(catatan_unit))
    blok.append(Teks(i18n.translate(i18n.UI, "catatan_disembunyikan", lang, k=k)))
    return Bagian("prevalensi", blok)


def _likert(c: _Ctx) -> Bagian:
    if c.R["sebaran_likert"] is None:
        return c.kosong("likert", "h_likert", "sebaran_likert")
    T, f = c.T, c.f
    sebaran = pd.DataFrame(c.R["sebaran_likert"])
    label_butir = {b: T("butir", skala=T("skala_" + s), i=i + 1)
                   for s, items in hb.SKALA.items() for i, b in enumerate(items)}
    agree = sebaran[sebaran["nilai"] >= 4].groupby("butir", sort=False)["proporsi"].sum()
    paham_agree = agree[list(hb.SKALA["pemahaman"])].mean()
    n_lik = int(sebaran[sebaran["butir"] == "paham_1"]["n"].sum())
    n_butir = len([b for b in label_butir if b in set(sebaran["butir"])])
    fig, ax = _figur(13, 0.62 * n_butir + 2.6)
    hb.plot_likert(sebaran, label_butir, [T(f"likert_{i}") for i in range(1, 6)],
                   T("likert_judul", setuju=f.pct(paham_agree)), T("sumbu_likert"),
                   fmt_persen=lambda v: f.pct(v, 0), ax=ax)
    alt = T("likert_alt", gelombang=c.R["gelombang"], n=f.int(n_lik),
            rincian="; ".join(f"{label_butir[b]} {f.pct(v)}" for b, v in agree.items()))
    return Bagian("likert", [Teks(T("h_likert")), Teks(T("likert_teks")), Gambar(fig, alt)])


def _gambar_peluang(c: _Ctx, pl: pd.DataFrame) -> Gambar:
    T, f = c.T, c.f
    fig, ax = _figur(12, 5)
    labels = [T("skenario_" + s) for s in pl.index]
    colors = [tp.OKABE_ITO[0], tp.OKABE_ITO[0], tp.OKABE_ITO[3], tp.OKABE_ITO[3]][:len(pl)]
    ax.barh(labels[::-1], pl["proporsi"][::-1] * 100, color=colors[::-1],
            xerr=[(pl["proporsi"] - pl["ci_low"])[::-1] * 100,
                  (pl["ci_high"] - pl["proporsi"])[::-1] * 100], capsize=4)
    ax.set(xlim=(0, 100), xlabel=T("sumbu_peluang"),
           title=T("peluang_judul", p_tinggi=f.pct(pl.loc["pemahaman_tinggi", "proporsi"], 0),
                   p_rendah=f.pct(pl.loc["pemahaman_rendah", "proporsi"], 0)))
    ax.xaxis.set_major_formatter(_sumbu(lambda v: f.num(v, 0)))
    return Gambar(fig, T("peluang_alt", rincian="; ".join(
        f"{lab} {f.pct(p, 0)} ({f.ci(lo, hi, lambda x: f.pct(x, 0))})"
        for lab, p, lo, hi in zip(labels, pl["proporsi"], pl["ci_low"], pl["ci_high"],
                                  strict=True))))


def _model_bagian(c: _Ctx) -> Bagian:
    if c.R["model_dukungan"] is None:
        return c.kosong("model", "h_model", "model_dukungan")
    T, f, lang = c.T, c.f, c.p.lang
    info = c.R["model_dukungan_info"]
    cols = {"odds": ["variabel", "odds_ratio", "ci_low", "ci_high", "p_value"],
            "linear": ["variabel", "koefisien", "ci_low", "ci_high", "p_value"],
            "peluang": ["skenario", "variabel", "nilai", "proporsi", "ci_low", "ci_high"]}
    odds = pd.DataFrame(c.R["model_dukungan"], columns=cols["odds"])
    linear = pd.DataFrame(c.R["model_dukungan_linear"], columns=cols["linear"])
    peluang = pd.DataFrame(c.R["peluang_dukungan"] or [],
                           columns=cols["peluang"]).set_index("skenario")
    blok: list[Blok] = [Teks(T("h_model"))]
    if info["n_cluster"] >= 2:
        blok.append(Teks(T("model_teks", n=f.int(info["n"]), g=f.int(info["n_cluster"]))))
    else:
        blok.append(Teks(T("model_teks_hc1", n=f.int(info["n"]))))
    tanpa = [v for v in hb._VARIABEL if v not in set(odds["variabel"])]
    if tanpa:
        blok.append(Teks(T("model_tanpa_variabel",
                           vars=naskah.gabung(", ", (T("var_" + v) for v in tanpa)))))
    if info["sampel"]:
        blok.append(Teks(T("model_sampel", n=f.int(info["n"]), n_total=f.int(info["n_total"]))))
    tab = odds.assign(variabel=[T("var_" + v) for v in odds["variabel"]],
                      ik=[f.ci(lo, hi) for lo, hi in zip(odds["ci_low"], odds["ci_high"],
                                                         strict=True)])
    blok.append(Tabel(tab[["variabel", "odds_ratio", "ik", "p_value"]],
                      {"odds_ratio": "number:2", "p_value": "p"}, lang,
                      headers={"variabel": T("col_variabel"), "odds_ratio": T("col_or"),
                               "ik": T("col_ci"), "p_value": T("col_p")},
                      caption=T("tabel_or")))
    if {"pemahaman_rendah", "pemahaman_tinggi", "kekhawatiran_rendah",
            "kekhawatiran_tinggi"} <= set(peluang.index):
        pl = peluang
        blok.append(Teks(T(
            "peluang_teks", p_rendah=f.pct(pl.loc["pemahaman_rendah", "proporsi"], 0),
            lo_rendah=f.pct(pl.loc["pemahaman_rendah", "ci_low"], 0),
            hi_rendah=f.pct(pl.loc["pemahaman_rendah", "ci_high"], 0),
            p_tinggi=f.pct(pl.loc["pemahaman_tinggi", "proporsi"], 0),
            lo_tinggi=f.pct(pl.loc["pemahaman_tinggi", "ci_low"], 0),
            hi_tinggi=f.pct(pl.loc["pemahaman_tinggi", "ci_high"], 0),
            pk_rendah=f.pct(pl.loc["kekhawatiran_rendah", "proporsi"], 0),
            pk_tinggi=f.pct(pl.loc["kekhawatiran_tinggi", "proporsi"], 0))))
        blok.append(_gambar_peluang(c, pl))
    # a clear ordinal association (interval excludes OR 1) should have the same clear
    # direction in the linear check
    lin = linear.set_index("variabel")
    beda = []
    for _, r in odds.iterrows():
        a_or = arah(r["ci_low"] - 1, r["ci_high"] - 1)
        li = lin.loc[r["variabel"]]
        if a_or != "tidak_jelas" and arah(li["ci_low"], li["ci_high"]) != a_or:
            beda.append(T("var_" + r["variabel"]))
    blok.append(Teks(T("linear_teks", sama=T("linear_beda", vars=naskah.gabung(", ", beda)) if beda
                       else T("linear_sama"))))
    tab = linear.assign(variabel=[T("var_" + v) for v in linear["variabel"]],
                        ik=[f.ci(lo, hi) for lo, hi in zip(linear["ci_low"], linear["ci_high"],
                                                           strict=True)])
    blok.append(Tabel(tab[["variabel", "koefisien", "ik", "p_value"]],
                      {"koefisien": "number:2", "p_value": "p"}, lang,
                      headers={"variabel": T("col_variabel"), "koefisien": T("col_koef"),
                               "ik": T("col_ci"), "p_value": T("col_p")},
                      caption=T("tabel_linear")))
    return Bagian("model", blok)


def _kosong_pembanding(c: _Ctx, perlu: Callable[[str], bool] = lambda _kode: True
                       ) -> list[Blok]:
    """Why the after-only comparison or the pre-trend check is missing (one sentence each,
    for the codes ``perlu`` accepts)."""
    out: list[Blok] = []
    for key, label in (("perbandingan_naif", "naif_kosong"), ("uji_tren_awal", "tren_kosong")):
        if c.R[key] is None and perlu(c.h.alasan[key][0]):
            kode, par = c.h.alasan[key]
            out.append(Teks(c.T(label) + " " + kalimat_alasan(kode, c.p.lang, ALASAN_HAMBATAN,
                                                                **par)))
    return out


def _pelatihan(c: _Ctx) -> Bagian:
    did = c.R["efek_pelatihan_pemahaman"]
    if did is None:
        b = c.kosong("pelatihan", "h_pelatihan", "efek_pelatihan_pemahaman")
        kode_did = c.h.alasan["efek_pelatihan_pemahaman"][0]
        b.blok.extend(_kosong_pembanding(c, lambda kode: kode != kode_did))
        return b
    T, f, lang = c.T, c.f, c.p.lang
    naif, tren = c.R["perbandingan_naif"], c.R["uji_tren_awal"]
    a, b = did["gelombang_awal"], did["gelombang_akhir"]
    kunci = "pelatihan_teks" if did["n_cluster"] >= 2 else "pelatihan_teks_hc1"
    blok: list[Blok] = [Teks(T("h_pelatihan")), Teks(T(
        kunci, a=a, b=b, n1=f.int(did["n_dilatih"]), n0=f.int(did["n_kontrol"]),
        est=f.est(did)))]
    if naif is not None:
        if did["ci_low"] <= naif["estimate"] <= did["ci_high"]:
            blok.append(Teks(T("naif_mirip", b=b, est=f.est(naif))))
        else:
            lebih = (T("naif_lebih_kecil") if naif["estimate"] < did["estimate"]
                     else T("naif_lebih_besar"))
            blok.append(Teks(T("naif_teks", b=b, est=f.est(naif), arah=lebih)))
    blok.extend(_kosong_pembanding(c))
    if tren is not None:
        ok = arah(tren["ci_low"], tren["ci_high"]) == "tidak_jelas"  # includes 0
        blok.append(Teks(T("tren_teks", a=tren["gelombang_awal"], m=tren["gelombang_akhir"],
                           est=f.est(tren), kesimpulan=T("tren_ok") if ok else T("tren_tidak"))))
    blok.append(Teks(T("asumsi")))
    rows = [(m, o) for m, o in (("did", did), ("naif_sesudah", naif), ("tren_awal", tren))
            if o is not None]

    def nama(m: str, o: Mapping[str, Any]) -> str:
        return T("metode_" + m, a=o["gelombang_awal"], b=o["gelombang_akhir"])

    tab = pd.DataFrame([{
        "metode": nama(m, o), "estimate": o["estimate"], "ik": f.ci(o["ci_low"], o["ci_high"]),
        "p_value": o["p_value"], "n_dilatih": o["n_dilatih"], "n_kontrol": o["n_kontrol"]}
        for m, o in rows])
    blok.append(Tabel(tab, {"estimate": "number:2", "p_value": "p", "n_dilatih": "int",
                            "n_kontrol": "int"}, lang,
                      headers={"metode": T("col_metode"), "estimate": T("col_estimasi"),
                               "ik": T("col_ci"), "p_value": T("col_p"),
                               "n_dilatih": T("col_dilatih"), "n_kontrol": T("col_kontrol")}))
    fig, ax = _figur(12, 0.9 * len(rows) + 2)
    yy = np.arange(len(rows))[::-1]
    for yi, (_m, o), col in zip(yy, rows, (tp.OKABE_ITO[2], tp.OKABE_ITO[3], tp.OKABE_ITO[7]),
                                strict=False):
        ax.errorbar(o["estimate"], yi, xerr=[[o["estimate"] - o["ci_low"]],
                                             [o["ci_high"] - o["estimate"]]],
                    fmt="o", ms=10, capsize=5, color=col)
    ax.axvline(0, color="#333333", lw=1)
    ax.set_ylim(-0.5, len(rows) - 0.5)
    ax.set_yticks(yy, [nama(m, o) for m, o in rows], fontsize=13)
    judul = ("pelatihan_judul" if arah(did["ci_low"], did["ci_high"]) == "naik"
             else "pelatihan_judul_netral")
    ax.set(xlabel=T("sumbu_efek"), title=T(judul, did=f.num(did["estimate"]),
                                           naif=f.num(naif["estimate"]) if naif else "–"))
    ax.xaxis.set_major_formatter(_sumbu(lambda v: f.num(v, 1)))
    blok.append(Gambar(fig, T("pelatihan_alt", rincian="; ".join(
        f"{nama(m, o)}: {f.est(o)}" for m, o in rows))))
    return Bagian("pelatihan", blok)


def _komentar(c: _Ctx) -> Bagian:
    if c.R["tema_komentar"] is None:
        return c.kosong("komentar", "h_komentar", "tema_komentar")
    T, f, lang, k = c.T, c.f, c.p.lang, c.p.k_min_pegawai
    n_kom = c.R["n_komentar"]
    tema = pd.DataFrame(c.R["tema_komentar"])
    blok: list[Blok] = [Teks(T("h_komentar")), Teks(T("komentar_teks", n=f.int(n_kom), k=k))]
    tt = tema[tema["n"] > 0]
    fig, ax = _figur(12, 0.6 * len(tt) + 2)
    labs = [c.label_tema(t) for t in tt["tema"]]
    ax.barh(labs[::-1], tt["n"][::-1], color=tp.OKABE_ITO[0])
    top = tt.iloc[0]
    ax.set(xlabel=T("sumbu_komentar"),
           title=T("tema_judul", tema=c.label_tema(top["tema"]), p=f.pct(top["n"] / n_kom)))
    blok.append(Gambar(fig, T("tema_alt", rincian="; ".join(
        f"{lab} {f.int(n)}" for lab, n in zip(labs, tt["n"], strict=True)))))
    kutipan = c.h.kutipan
    if kutipan is not None and len(kutipan):
        tab = kutipan.assign(tema=[c.label_tema(t) for t in kutipan["tema"]])
        blok.append(Tabel(tab[["tema", "kutipan"]], lang=lang,
                          headers={"tema": T("col_tema"), "kutipan": T("col_kutipan")},
                          caption=T("tabel_kutipan")))
    else:
        blok.append(Teks(T("kutipan_kosong", k=k)))
    return Bagian("komentar", blok)


def _rekomendasi(c: _Ctx) -> Bagian:
    if c.R["rekomendasi"] is None:
        return c.kosong("rekomendasi", "h_rekomendasi", "rekomendasi")
    T, f, lang = c.T, c.f, c.p.lang
    rek = pd.DataFrame(c.R["rekomendasi"])
    blok: list[Blok] = [Teks(T("h_rekomendasi")), Teks(T("rekomendasi_teks"))]
    hambatan_kode = {"sosialisasi_indikator": "kurang_paham",
                     "jelaskan_dampak_karir": "kekhawatiran_karir",
                     "dialog_dukungan": "kurang_dukungan"}

    def sasaran(r: pd.Series) -> str:
        if r["kode"] == "tindak_lanjut_tema":
            return c.label_tema(r["sasaran"])
        if isinstance(r["dimensi"], str):
            return f"{T('dimensi_' + r['dimensi'])}: {c.label_kelompok(r['sasaran'])}"
        return T("skala_" + r["sasaran"])

    def temuan(r: pd.Series) -> str:
        if r["kode"] in hambatan_kode:
            return T("temuan_kelompok", nilai=f.pct(r["nilai"]),
                     hambatan=T("hambatan_" + hambatan_kode[r["kode"]]).lower(),
                     ci=f.ci(r["ci_low"], r["ci_high"], f.pct), pembanding=f.pct(r["pembanding"]))
        if r["kode"].endswith("_pelatihan"):
            return T("temuan_efek", nilai=f.num(r["nilai"], 2), ci=f.ci(r["ci_low"], r["ci_high"]))
        if r["kode"] in ("pemahaman_dukungan", "kurangi_kekhawatiran"):
            return T("temuan_or", nilai=f.num(r["nilai"]), ci=f.ci(r["ci_low"], r["ci_high"]))
        return T("temuan_tema", nilai=f.pct(r["nilai"]))

    if len(rek):
        tab = pd.DataFrame({"prioritas": rek["prioritas"],
                            "sasaran": [sasaran(r) for _, r in rek.iterrows()],
                            "temuan": [temuan(r) for _, r in rek.iterrows()],
                            "tindakan": [T("tindakan_" + k) for k in rek["kode"]]})
        blok.append(Tabel(tab, {"prioritas": "int"}, lang,
                          headers={"prioritas": T("col_prioritas"), "sasaran": T("col_sasaran"),
                                   "temuan": T("col_temuan"), "tindakan": T("col_tindakan")}))
    else:
        blok.append(Teks(T("rek_kosong")))
    return Bagian("rekomendasi", blok)


_PEMBANGUN: dict[str, Callable[[_Ctx], Bagian]] = {
    "ringkasan": _ringkasan, "reliabilitas": _reliabilitas, "prevalensi": _prevalensi,
    "likert": _likert, "model": _model_bagian, "pelatihan": _pelatihan,
    "komentar": _komentar, "rekomendasi": _rekomendasi,
}


def bangun(data: Any, params: Parameter | None = None) -> Halaman:
    """Build page 03 (adoption barriers) from the processed tables.

    Parameters
    ----------
    data : Data
        :func:`kinerja_analysis.laporan.bagian.muat_data` (or any object with
        ``survei_asn`` and ``pegawai`` attributes, ``None`` when absent).
    params : Parameter, optional
        Page parameters (defaults: the notebook's).

    Returns
    -------
    Halaman
        Sections :data:`BAGIAN` and ``hasil["hambatan"]`` (results.json, rounded); every
        number shown is read from ``hasil``.
    """
    p = params or Parameter()
    h = _hitung(data, p)
    R = h.R
    for key, (kode, _par) in h.alasan.items():
        _hasil.tandai_kosong(R, key, kode)
    R = _hasil.to_jsonable(R)
    h.R = R
    hal = Halaman("hambatan", hasil={"hambatan": R})
    tp.gaya()
    c = _Ctx(R, h, p, Naskah(NASKAH, p.lang), _Fmt(p.lang))
    for kunci in BAGIAN:
        hal.tambah(_PEMBANGUN[kunci](c))
    return hal


def alasan_kosong(hal: Halaman) -> dict[str, str]:
    """The results keys the page left ``null``, with their reason codes.

    Examples
    --------
    >>> class D:
    ...     survei_asn = None
    >>> alasan_kosong(bangun(D()))["gelombang"]
    'tanpa_berkas'
    """
    return dict(hal.hasil["hambatan"].get(_hasil.TIDAK_TERSEDIA, {}))


def kalimat(kode: str, lang: str = "id", **params: Any) -> str:
    """The sentence of a reason code of this page (or a generic one).

    Examples
    --------
    >>> kalimat("satu_gelombang", "en")
    'The staff survey has only one wave; a before-after comparison needs at least two.'
    """
    return kalimat_alasan(kode, lang, ALASAN_HAMBATAN, **params)
