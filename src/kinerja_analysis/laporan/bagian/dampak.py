"""Page 01, evaluation impacts: staggered DiD, event study, waves, coaching RD, follow-ups.

:func:`bangun` estimates everything (:mod:`kinerja_analysis.dampak` for the
difference-in-differences, :mod:`kinerja_analysis.rd` for the coaching regression
discontinuity), rounds it once into the ``dampak`` section of results.json and builds the
page's sections from those rounded numbers:

``jawaban`` (short answer), ``att`` (average effect, CS vs TWFE), ``event_study``,
``gelombang`` (per wave), ``rd`` (coaching at the cut-off), ``tindak_lanjut`` (follow-ups by
score band, award concentration), ``mde`` (detectable effect), ``catatan`` (caveats).

What each part needs (checked in this order; the first failure is the reason code):

* an outcome (:data:`SUMBER`): ``kebijakan`` and its own file and column, then the design
  (:func:`syarat_estimasi`): at least two quarters and two units with the outcome, units
  that start the policy inside the data after its first quarter (at least
  :data:`MIN_DIOBATI`), and comparison units not (yet) under the policy;
* the sections ``rd`` and ``tindak_lanjut``: the files in :data:`BUTUH`; the RD also needs
  enough scores on both sides of the cut-off (``rd_data_kurang``).

Every ``null`` of the section has a reason code in ``dampak.tidak_tersedia`` (dotted paths
below the top level, e.g. ``"ikm": "tanpa_berkas"``, ``"pembinaan_rd.estimate":
"rd_data_kurang"``, ``"skor_kinerja.pretrend_p_value": "tanpa_tren_awal"``), and the page
shows that code's sentence (:data:`ALASAN_DAMPAK` or ``bagian.ALASAN``).

Examples
--------
>>> p = pd.DataFrame({"unit_kerja": ["A", "A", "B", "B"], "t": [8000, 8001] * 2,
...                   "g": pd.array([8001, 8001, None, None], dtype="Int64"),
...                   "y": [1.0, 2.0, 1.0, 1.0]})
>>> syarat_estimasi(p, "y")
('diobati_kurang', {'n': 1, 'min': 2})
>>> syarat_estimasi(p.assign(g=pd.array([9000] * 4, dtype="Int64")), "y")
('tanpa_adopsi', {'awal': '2000-Q1', 'akhir': '2000-Q2'})
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ... import dampak as _dampak
from ... import i18n
from ... import rd as _rd
from ... import triwulan as _tw
from .. import hasil as _hasil
from .. import naskah
from ..naskah import Kalimat, Naskah, aman
from ..naskah_dampak import DAMPAK
from . import Bagian, Gambar, Halaman, Tabel, Teks, arah, kalimat_alasan, kosong
from . import Parameter as _ParameterDasar

__all__ = ["ALASAN_DAMPAK", "BUTUH", "KELOMPOK_KONTROL", "MIN_DIOBATI", "MIN_TRIWULAN",
           "MIN_UNIT", "Parameter", "SUMBER", "bangun", "syarat_estimasi"]

#: Comparison groups of the Callaway & Sant'Anna estimator.
KELOMPOK_KONTROL = ("not_yet_treated", "never_treated")
#: Fewest quarters, units and adopting units for an impact estimate.
MIN_TRIWULAN = 2
MIN_UNIT = 2
#: With one adopting unit the clustered intervals are not trustworthy (one treated cluster).
MIN_DIOBATI = 2

#: Each outcome's input file and column (besides ``kebijakan``, which every outcome needs).
SUMBER: dict[str, tuple[str, str | None]] = {
    "ikm": ("survei_kepuasan", None),
    "skor_kinerja": ("penilaian_kinerja", "skor_kinerja"),
    "kehadiran": ("penilaian_kinerja", "kehadiran"),
}

#: Input files the coaching sections need.
BUTUH: dict[str, tuple[str, ...]] = {
    "rd": ("penilaian_kinerja",),
    "tindak_lanjut": ("penilaian_kinerja", "tindak_lanjut"),
}

#: This page's reason codes (besides the shared ones in ``bagian.ALASAN``).
ALASAN_DAMPAK: dict[str, dict[str, str]] = {
    "adopsi_sejak_awal": {
        "id": "Semua unit kerja yang menerapkan kebijakan sudah menerapkannya sejak triwulan "
        "pertama data ({awal}), sehingga tidak ada data sebelum adopsi; sertakan data "
        "triwulan sebelum adopsi agar dampaknya dapat diukur.",
        "en": "Every adopting work unit already had the policy in the first quarter of the "
        "data ({awal}), so there are no data from before adoption; include quarters before "
        "adoption to measure its effect.",
    },
    "diobati_kurang": {
        "id": "Hanya {n} unit kerja yang mulai menerapkan kebijakan dalam rentang data; "
        "dampak dengan interval kepercayaan yang dapat dipercaya memerlukan paling sedikit "
        "{min} unit yang menerapkan.",
        "en": "Only {n} work unit(s) started the policy within the data; an effect with a "
        "trustworthy confidence interval needs at least {min} adopting units.",
    },
    "tidak_dapat_diestimasi": {
        "id": "Dampak tidak dapat dihitung dengan data ini (estimator tidak menghasilkan "
        "angka, misalnya karena triwulan sebelum adopsi tidak teramati); periksa kelengkapan "
        "data per unit dan triwulan.",
        "en": "The effect cannot be estimated from these data (the estimator gave no figure, "
        "e.g. because quarters before adoption are not observed); check that every unit has "
        "data for every quarter.",
    },
    "rd_data_kurang": {
        "id": "Regresi diskontinuitas tidak dapat dihitung: dari pegawai-triwulan yang punya "
        "skor triwulan berikutnya, {bawah} di bawah dan {atas} di atas batas {batas}; "
        "diperlukan paling sedikit {min} di setiap sisi dan skor yang cukup beragam di dekat "
        "batas.",
        "en": "The regression discontinuity cannot be computed: of the staff-quarters with a "
        "next-quarter score, {bawah} are below and {atas} above the cut-off {batas}; it "
        "needs at least {min} on each side and varied scores near the cut-off.",
    },
    "tanpa_tren_awal": {
        "id": "Uji tren awal tidak dapat dihitung untuk {nama}: jendela studi peristiwa tidak "
        "memuat triwulan sebelum adopsi selain triwulan acuan; uji ini memerlukan data "
        "paling sedikit dua triwulan sebelum adopsi.",
        "en": "The pre-trend test cannot be computed for {nama}: the event-study window holds "
        "no quarter before adoption besides the reference quarter; the test needs data for "
        "at least two quarters before adoption.",
    },
    "tanpa_bacon": {
        "id": "Bobot perbandingan terlarang TWFE (dekomposisi Goodman-Bacon) tidak dihitung "
        "untuk {nama}: dekomposisi ini memerlukan data setiap unit pada setiap triwulan dan "
        "paling banyak {maks} unit.",
        "en": "The weight of TWFE's forbidden comparisons (Goodman-Bacon decomposition) is "
        "not computed for {nama}: the decomposition needs every unit in every quarter and "
        "at most {maks} units.",
    },
    "densitas_gagal": {
        "id": "Uji manipulasi (kepadatan skor di sekitar batas {batas}) tidak dapat dihitung: "
        "skor di dekat batas terlalu sedikit atau kurang beragam.",
        "en": "The manipulation test (density of scores around the cut-off {batas}) cannot "
        "be computed: too few or too little varied scores near the cut-off.",
    },
    "tanpa_penghargaan": {
        "id": "Tidak ada penghargaan yang tercatat dalam tindak_lanjut, sehingga sebaran "
        "penghargaan antar unit tidak dapat dinilai.",
        "en": "No award is recorded in tindak_lanjut, so how awards spread across units "
        "cannot be assessed.",
    },
    "satu_gelombang_adopsi": {
        "id": "Dalam rentang data hanya ada satu gelombang adopsi ({periode}), sehingga dampak "
        "per gelombang sama dengan dampak rata-rata di atas; perbandingan antar gelombang "
        "memerlukan unit yang mengadopsi pada triwulan berbeda.",
        "en": "The data hold only one adoption wave ({periode}), so the effect by wave equals "
        "the average effect above; comparing waves needs units that adopt in different "
        "quarters.",
    },
}

_KUNCI_RD = ("estimate", "ci_low", "ci_high", "cutoff", "bandwidth", "n_effective",
             "density_test_p_value", "se", "p_value", "jenis", "lompatan_pembinaan",
             "estimate_konvensional", "n", "sampel")
_KUNCI_TWFE = ("estimate", "se", "ci_low", "ci_high", "p_value", "method", "n_obs")
_KUNCI_ES = ("relative_period", "estimate", "ci_low", "ci_high", "se", "n_gelombang")
_MIN_SISI_RD = 20  # rd.estimasi_rd's default min_sisi
_MAKS_UNIT_BACON = 5000  # dampak.ringkasan_dampak's default maks_unit_bacon


@dataclass(frozen=True)
class Parameter(_ParameterDasar):
    """Parameters of page 01 (the notebook's parameters cell).

    Examples
    --------
    >>> Parameter(lang="en").batas_pembinaan, Parameter().kelompok_kontrol
    (70.0, 'not_yet_treated')
    """

    batas_pembinaan: float = 70.0
    n_bootstrap: int = 999
    kelompok_kontrol: str = "not_yet_treated"
    leads: int = 4
    lags: int = 8

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.kelompok_kontrol not in KELOMPOK_KONTROL:
            raise ValueError(f"kelompok_kontrol must be one of {KELOMPOK_KONTROL}: "
                             f"{self.kelompok_kontrol!r}")
        for name in ("n_bootstrap", "leads", "lags"):
            if int(getattr(self, name)) < 0:
                raise ValueError(f"{name} must be >= 0: {getattr(self, name)!r}")


# ------------------------------------------------------------------------- design


def syarat_estimasi(panel: pd.DataFrame, outcome: str,
                    kelompok_kontrol: str = "not_yet_treated",
                    ) -> tuple[str, dict[str, Any]] | None:
    """Why the impact on ``outcome`` cannot be estimated from ``panel``, or None if it can.

    Checks, in order, on the unit-quarters that have the outcome: at least
    :data:`MIN_TRIWULAN` quarters (``triwulan_kurang``) and :data:`MIN_UNIT` units
    (``unit_kurang``); units that start the policy after the first quarter and by the last
    (``tanpa_adopsi``, or ``adopsi_sejak_awal`` when every adopting unit already had it in
    the first quarter), at least :data:`MIN_DIOBATI` of them (``diobati_kurang``); a
    comparison unit not yet under the policy when the first of them starts (or never
    under it within the data, for ``kelompok_kontrol="never_treated"``;
    ``tanpa_pembanding``). Units adopting after the last quarter count as never treated,
    as in the estimation (:mod:`kinerja_analysis.dampak`).

    Parameters
    ----------
    panel : DataFrame
        ``unit_kerja``, ``t`` (consecutive quarter integer), ``g`` (first treated quarter,
        NA = never) and the outcome column
        (:func:`kinerja_analysis.dampak.panel_unit_triwulan`).
    outcome : str
        Outcome column.
    kelompok_kontrol : {"not_yet_treated", "never_treated"}

    Returns
    -------
    tuple or None
        ``(reason code, parameters of its sentence)``; quarters as ``YYYY-Qn``.

    Examples
    --------
    >>> p = pd.DataFrame({"unit_kerja": list("AABBCC"), "t": [8000, 8001] * 3,
    ...                   "g": pd.array([8001] * 6, dtype="Int64"), "y": 1.0})
    >>> syarat_estimasi(p, "y")
    ('tanpa_pembanding', {})
    >>> syarat_estimasi(p.iloc[:1], "y")
    ('triwulan_kurang', {'n': 1, 'min': 2})
    """
    if outcome not in panel.columns:
        return ("unit_kurang", {"n": 0, "min": MIN_UNIT})
    d = panel.loc[panel[outcome].notna(), ["unit_kerja", "t", "g"]]
    if d.empty:
        return ("unit_kurang", {"n": 0, "min": MIN_UNIT})
    n_t = int(d["t"].nunique())
    if n_t < MIN_TRIWULAN:
        return ("triwulan_kurang", {"n": n_t, "min": MIN_TRIWULAN})
    units = d.drop_duplicates("unit_kerja")
    if len(units) < MIN_UNIT:
        return ("unit_kurang", {"n": int(len(units)), "min": MIN_UNIT})
    t_min, t_max = int(d["t"].min()), int(d["t"].max())
    g = units["g"].astype("Float64")
    ada = g.notna().to_numpy(bool)
    gv = g.fillna(np.inf).to_numpy(float)
    kohort = ada & (gv > t_min) & (gv <= t_max)
    if not kohort.any():
        if (ada & (gv <= t_min)).any() and not (ada & (gv > t_min)).any():
            return ("adopsi_sejak_awal", {"awal": _tw.dari_int(t_min)})
        return ("tanpa_adopsi", {"awal": _tw.dari_int(t_min), "akhir": _tw.dari_int(t_max)})
    if int(kohort.sum()) < MIN_DIOBATI:
        return ("diobati_kurang", {"n": int(kohort.sum()), "min": MIN_DIOBATI})
    g_awal = gv[kohort].min()
    if kelompok_kontrol == "never_treated":
        pembanding = ~ada | (gv > t_max)  # adopting after the data: never treated in it
    else:
        pembanding = gv > g_awal  # never treated (inf) or adopting later
    if not pembanding.any():
        return ("tanpa_pembanding", {})
    return None


def _tabel(data: Any, name: str) -> pd.DataFrame | None:
    """A processed table, or None when its input was not supplied."""
    return getattr(data, name, None)


def _alasan_hasil(y: str, tab: Mapping[str, pd.DataFrame | None], panel: pd.DataFrame,
                  kelompok_kontrol: str) -> tuple[str, dict[str, Any]] | None:
    """The first reason the outcome ``y`` cannot be estimated (None: it can be tried)."""
    if tab["kebijakan"] is None:
        return ("tanpa_berkas", {"berkas": "kebijakan"})
    berkas, kolom = SUMBER[y]
    frame = tab[berkas]
    if frame is None:
        return ("tanpa_berkas", {"berkas": berkas})
    if kolom is not None and (kolom not in frame.columns or frame[kolom].notna().sum() == 0):
        return ("tanpa_kolom", {"kolom": kolom, "berkas": berkas})
    return syarat_estimasi(panel, y, kelompok_kontrol)


def _att_lengkap(v: Mapping[str, Any] | None) -> bool:
    """An estimate with a finite point and interval (else the outcome is not shown)."""
    if v is None:
        return False
    a = v["att"]
    return all(a.get(k) is not None and math.isfinite(float(a[k]))
               for k in ("estimate", "ci_low", "ci_high"))


# ------------------------------------------------------------------------ sentences


class _Teks:
    """Sentences and numbers of one page in one language."""

    def __init__(self, lang: str):
        self.lang = lang
        self.T = Naskah(DAMPAK, lang)

    def __call__(self, key: str, **kw: Any) -> str:
        return self.T(key, **kw)

    def num(self, x: float | None, d: int = 2) -> str:
        return i18n.fmt_number(x, d, self.lang)

    def int(self, n: int | None) -> str:
        return i18n.fmt_int(n, self.lang)

    def est_ci(self, r: Mapping[str, Any], d: int = 2) -> str:
        return i18n.fmt_estimate_ci(r["estimate"], r["ci_low"], r["ci_high"], d, self.lang)

    def p(self, p: float | None) -> str:
        return i18n.fmt_p(p, self.lang) if p is not None else i18n.MISSING

    def periode(self, p: str) -> str:
        return i18n.fmt_periode(p, self.lang)

    @staticmethod
    def _aman(xs: Sequence[str]) -> list[str]:
        """Sentences (:class:`Kalimat`) as they are, any other text escaped."""
        return list(aman(dict(enumerate(xs))).values())

    def dan(self, xs: Sequence[str]) -> Kalimat:
        """``a, b dan c`` (the names of outcomes)."""
        xs = self._aman(xs)
        return Kalimat(", ".join(xs[:-1]) + f" {self('dan')} " + xs[-1] if len(xs) > 1
                       else xs[0])

    def atau(self, xs: Sequence[str]) -> Kalimat:
        xs = self._aman(xs)
        return Kalimat(", ".join(xs[:-1]) + f" {self('atau')} " + xs[-1] if len(xs) > 1
                       else xs[0])

    def efek(self, xs: Sequence[str]) -> Kalimat:
        """The effects of the short answer: ``a, b, dan c`` / ``a, b and c``."""
        xs = self._aman(xs)
        if len(xs) <= 2:
            return self.dan(xs)
        return Kalimat(", ".join(xs[:-1]) + self("sambung_akhir") + xs[-1])

    def alasan(self, code: str, **params: Any) -> str:
        """The sentence of a reason code (this page's catalog, then the shared one)."""
        return kalimat_alasan(code, self.lang, ALASAN_DAMPAK, **self.params(params))

    def params(self, params: Mapping[str, Any]) -> dict[str, str]:
        """Reason parameters formatted for a sentence (quarters, counts)."""
        out = {}
        for k, v in params.items():
            if k in ("awal", "akhir", "periode"):
                out[k] = self.periode(v)
            elif isinstance(v, int | np.integer) and not isinstance(v, bool):
                out[k] = self.int(int(v))
            else:
                out[k] = str(v)
        return out


def _kelompok_alasan(alasan: Mapping[str, tuple[str, dict[str, Any]] | None],
                     ) -> list[tuple[str, dict[str, Any], list[str]]]:
    """Outcomes without an estimate grouped by (reason, parameters), in report order."""
    groups: list[tuple[str, dict[str, Any], list[str]]] = []
    for y in _dampak.HASIL:
        a = alasan.get(y)
        if a is None:
            continue
        for code, params, ys in groups:
            if code == a[0] and params == a[1]:
                ys.append(y)
                break
        else:
            groups.append((a[0], dict(a[1]), [y]))
    return groups


def _kalimat_hilang(alasan: Mapping[str, tuple[str, dict[str, Any]] | None],
                    t: _Teks) -> list[str]:
    """One sentence per group of outcomes without an estimate: the outcomes, then the
    sentence of their reason code."""
    return [t("hasil_alasan", nama=t.dan([t("nama_" + y) for y in ys])) + " "
            + t.alasan(code, **params) for code, params, ys in _kelompok_alasan(alasan)]


def _kosong_did(kunci: str, judul: str, alasan: Mapping[str, Any], t: _Teks) -> Bagian:
    """A DiD section when no outcome has an estimate: the shared reason, or one sentence
    per outcome group when the outcomes lack different things."""
    groups = _kelompok_alasan(alasan)
    if len(groups) == 1:
        code, params, _ = groups[0]
        return kosong(kunci, judul, code, t.lang, ALASAN_DAMPAK, **t.params(params))
    return Bagian(kunci, [Teks(judul), *(Teks(s) for s in _kalimat_hilang(alasan, t))],
                  alasan=groups[0][0])


# ------------------------------------------------------------------------- results


def _hasil_dampak(data: Any, p: Parameter) -> tuple[dict[str, Any], dict[str, Any]]:
    """The unrounded ``dampak`` section and what the sections need besides it."""
    tab = {n: _tabel(data, n) for n in ("kebijakan", "penilaian_kinerja", "survei_kepuasan",
                                        "tindak_lanjut")}
    if tab["kebijakan"] is not None and (tab["penilaian_kinerja"] is not None
                                         or tab["survei_kepuasan"] is not None):
        panel = _dampak.panel_unit_triwulan(tab["kebijakan"], tab["penilaian_kinerja"],
                                            tab["survei_kepuasan"])
    else:
        panel = pd.DataFrame({"unit_kerja": pd.Series(dtype="string"),
                              "t": pd.Series(dtype="int64"), "g": pd.Series(dtype="Int64"),
                              "gelombang": pd.Series(dtype="string"),
                              **{y: pd.Series(dtype="float64") for y in _dampak.HASIL}})
    alasan: dict[str, tuple[str, dict[str, Any]] | None] = {
        y: _alasan_hasil(y, tab, panel, p.kelompok_kontrol) for y in _dampak.HASIL}
    del tab["survei_kepuasan"]
    lepas = getattr(data, "lepas", None)
    if lepas is not None:
        lepas("survei_kepuasan")  # not used below: frees it for the RD (large data)
    coba = tuple(y for y in _dampak.HASIL if alasan[y] is None)
    ring = (_dampak.ringkasan_dampak(panel, hasil=coba, control_group=p.kelompok_kontrol,
                                     n_bootstrap=p.n_bootstrap, seed=p.seed, leads=p.leads,
                                     lags=p.lags, maks_unit_bacon=_MAKS_UNIT_BACON)
            if coba else {})
    sec: dict[str, Any] = {}
    for y in _dampak.HASIL:
        v = ring.get(y)
        if alasan[y] is None and not _att_lengkap(v):
            alasan[y] = ("tidak_dapat_diestimasi", {})
        if alasan[y] is not None or v is None:
            sec[y] = None
            continue
        sec[y] = {"att": v["att"], "twfe": {k: v["twfe"][k] for k in _KUNCI_TWFE},
                  "event_study": [{k: r[k] for k in _KUNCI_ES} for r in v["event_study"]],
                  "pretrend_p_value": v["pretrend_p_value"], "pretrend": v["pretrend"],
                  "per_gelombang": v["per_gelombang"], "perbandingan": v["perbandingan"],
                  "bacon": v["bacon"], "mde": v["mde"]}

    pk, tl = tab["penilaian_kinerja"], tab["tindak_lanjut"]
    info: dict[str, Any] = {"alasan": alasan, "ada_tindak_lanjut": tl is not None,
                            "ada_penilaian": pk is not None, "rd_sisi": (0, 0),
                            "n_unit_penghargaan": 0}
    kosong_atas: list[tuple[str, str]] = []
    if pk is None:
        sec["pembinaan_rd"] = None
        sec["penghargaan"] = None
        kosong_atas += [("pembinaan_rd", "tanpa_berkas"), ("penghargaan", "tanpa_berkas")]
    else:
        rd_df = _rd.panel_rd(pk, tl, p.batas_pembinaan)
        rd_hasil = _rd.estimasi_rd(rd_df, p.batas_pembinaan, seed=p.seed,
                                   min_sisi=_MIN_SISI_RD)
        bawah = int(rd_df["di_bawah"].sum())
        info["rd_sisi"] = (bawah, int(len(rd_df) - bawah))
        titik = _rd.titik_plot_rd(rd_df, p.batas_pembinaan)
        del rd_df
        titik = titik[titik["n"] >= p.k_min_pegawai]  # disclosure control on staff bins
        patuh = _rd.kepatuhan(pk, tl, p.batas_pembinaan)
        patuh = patuh[patuh["n"] >= p.k_min_pegawai]
        kons = _rd.konsentrasi_penghargaan(pk, tl)
        rd_sec = {k: rd_hasil[k] for k in _KUNCI_RD}
        rd_sec["kepatuhan"] = patuh
        rd_sec["titik_plot"] = titik
        if tl is None:
            rd_sec["kepatuhan"] = None
        sec["pembinaan_rd"] = rd_sec
        sec["penghargaan"] = ({k: v for k, v in kons.items() if k != "per_unit"}
                              if kons else None)
        if kons:
            info["n_unit_penghargaan"] = int(len(kons["per_unit"]))
        if tl is None:
            kosong_atas.append(("penghargaan", "tanpa_berkas"))

    units = panel.drop_duplicates("unit_kerja")
    t_max = int(panel["t"].max()) if len(panel) else None
    diadopsi = units[units["g"].notna()]
    if t_max is not None:
        diadopsi = diadopsi[diadopsi["g"].astype("Int64") <= t_max]
    info["n_adopsi"] = int(len(diadopsi))
    info["gelombang_data"] = sorted(diadopsi["gelombang"].dropna().astype(str).unique().tolist())
    sec["desain"] = {"n_unit": int(len(units)), "n_diobati": int(units["g"].notna().sum()),
                     "n_tidak_pernah": int(units["g"].isna().sum()),
                     "gelombang": sorted(units["gelombang"].dropna().unique().tolist()),
                     "n_triwulan": int(panel["t"].nunique()),
                     "kelompok_kontrol": p.kelompok_kontrol, "n_bootstrap": p.n_bootstrap,
                     "seed": p.seed, "leads": p.leads, "lags": p.lags}
    info["kosong_atas"] = kosong_atas
    return sec, info


def _null(obj: Any, path: str = "") -> list[str]:
    """Dotted paths of the nulls in the dict levels of ``obj`` (lists are table rows,
    whose nulls are cell values)."""
    out: list[str] = []
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k == _hasil.TIDAK_TERSEDIA:
                continue
            if v is None:
                out.append(f"{path}{k}")
            elif isinstance(v, dict):
                out += _null(v, f"{path}{k}.")
    return out


def _tandai(R: dict[str, Any], info: Mapping[str, Any]) -> dict[str, str]:
    """Give every null of the rounded section its reason code (``tidak_tersedia``, dotted
    paths below the top level); returns the map. A null no rule explains gets
    ``tidak_dapat_diestimasi``."""
    kode: dict[str, str] = {}
    for y in _dampak.HASIL:
        a = info["alasan"][y]
        if a is not None:
            kode[y] = a[0]
            continue
        v = R[y]
        if v["pretrend_p_value"] is None:
            kode[f"{y}.pretrend_p_value"] = "tanpa_tren_awal"
            kode.update({f"{y}.pretrend.{k}": "tanpa_tren_awal"
                         for k in _null(v["pretrend"])})
        if v["bacon"] is None:
            kode[f"{y}.bacon"] = "tanpa_bacon"
    kode.update(dict(info["kosong_atas"]))
    P = R["pembinaan_rd"]
    if P is not None:
        if P["estimate"] is None:
            kode.update({f"pembinaan_rd.{k}": "rd_data_kurang" for k in _KUNCI_RD
                         if P[k] is None})
        elif P["density_test_p_value"] is None:
            kode["pembinaan_rd.density_test_p_value"] = "densitas_gagal"
        if not info["ada_tindak_lanjut"]:
            kode["pembinaan_rd.kepatuhan"] = "tanpa_berkas"
            if P["lompatan_pembinaan"] is None:
                kode["pembinaan_rd.lompatan_pembinaan"] = "tanpa_berkas"
    H = R["penghargaan"]
    if H is not None:
        kode.update({f"penghargaan.{k}": "tanpa_penghargaan" for k in _null(H)})
    for path in _null(R):
        kode.setdefault(path, "tidak_dapat_diestimasi")
    for path, code in kode.items():
        if "." in path:
            R.setdefault(_hasil.TIDAK_TERSEDIA, {})[path] = code
        else:
            _hasil.tandai_kosong(R, path, code)
    return kode


def _lain(kode: Mapping[str, str], awalan: Sequence[str]) -> bool:
    """True when a null below one of ``awalan`` has only the fallback code."""
    return any(c == "tidak_dapat_diestimasi" and "." in p and p.split(".")[0] in awalan
               for p, c in kode.items())


# ------------------------------------------------------------------------ sections


def _jawaban(R: Mapping[str, Any], info: Mapping[str, Any], out: Sequence[str],
             p: Parameter, t: _Teks) -> Bagian:
    D = R["desain"]
    parts: list[str] = []
    if out:
        gel = info["gelombang_data"]
        if len(gel) >= 2:
            parts.append(t("jawaban_bertahap", n_diobati=t.int(info["n_adopsi"]),
                           n_unit=t.int(D["n_unit"]), n_gelombang=len(gel)))
        else:
            parts.append(t("jawaban_serentak", n_diobati=t.int(info["n_adopsi"]),
                           n_unit=t.int(D["n_unit"]), periode=t.periode(gel[0])))
        parts.append(t("jawaban_efek", daftar=t.efek(
            [t("efek_" + y, est=t.est_ci(R[y]["att"])) for y in out])))
        groups: dict[str, list[str]] = {"naik": [], "turun": [], "tidak_jelas": []}
        for y in out:
            a = R[y]["att"]
            groups[arah(a["ci_low"], a["ci_high"])].append(t("nama_" + y))
        parts += [t("kesimpulan_" + k, daftar=t.dan(v)) for k, v in groups.items() if v]
    parts += _kalimat_hilang(info["alasan"], t)
    parts.append(t("jawaban_rd", batas=t.num(p.batas_pembinaan, 0),
                   rd_kalimat=_rd_kalimat(R, t)))
    alasan = None if out else _kelompok_alasan(info["alasan"])[0][0]
    return Bagian("jawaban", [Teks(t("h_jawaban")), Teks(" ".join(parts))], alasan=alasan)


def _rd_kalimat(R: Mapping[str, Any], t: _Teks) -> str:
    P = R["pembinaan_rd"]
    if P is None:
        return t("rd_tanpa_skor")
    if P["estimate"] is None:
        return t("rd_tidak_ada")
    return t("rd_" + arah(P["ci_low"], P["ci_high"]), est=t.est_ci(P, 1))


def _att(R: Mapping[str, Any], info: Mapping[str, Any], out: Sequence[str], p: Parameter,
         t: _Teks) -> Bagian:
    judul = t("h_att")
    if not out:
        return _kosong_did("att", judul, info["alasan"], t)
    D = R["desain"]
    df = max(D["n_unit"] - 1, 1)
    boot = any(R[y]["att"].get("bootstrap") for y in out)  # bootstrap below 30 units
    blok: list[Any] = [Teks(judul), Teks(t("att_teks" if boot else "att_teks_analitik",
                                            n_unit=t.int(D["n_unit"]), B=t.int(p.n_bootstrap),
                                            df=t.int(df)))]
    rows = [{"hasil": t("judul_" + y), "cs": t.est_ci(R[y]["att"]),
             "p": t.p(R[y]["att"]["p_value"]), "twfe": t.est_ci(R[y]["twfe"]),
             "pre": t.p(R[y]["pretrend_p_value"]), "n": R[y]["att"]["n_unit_triwulan"]}
            for y in out]
    blok.append(Tabel(pd.DataFrame(rows), {"n": "int"}, t.lang,
                      headers={"hasil": t("col_hasil"), "cs": t("col_cs"), "p": t("col_p"),
                               "twfe": t("col_twfe"), "pre": t("col_pretrend"),
                               "n": t("col_n")},
                      caption=t("tabel_att")))
    for y in out:
        v = R[y]
        b = v["bacon"] or {}
        terlarang = i18n.fmt_percent(b.get("bobot_terlarang"), 0, t.lang) if b else "–"
        blok.append(Teks(t(v["perbandingan"], nama=t("judul_" + y),
                           twfe=t.num(v["twfe"]["estimate"]),
                           cs=i18n.fmt_ci(v["att"]["ci_low"], v["att"]["ci_high"], 2, t.lang),
                           terlarang=terlarang)))
    tanpa_bacon = [t("nama_" + y) for y in out if R[y]["bacon"] is None]
    if tanpa_bacon:
        blok.append(Teks(t.alasan("tanpa_bacon", nama=t.dan(tanpa_bacon),
                                  maks=_MAKS_UNIT_BACON)))
    blok += [Teks(s) for s in _kalimat_hilang(info["alasan"], t)]
    if _lain(info["kode"], out):
        blok.append(Teks(t.alasan("tidak_dapat_diestimasi")))
    return Bagian("att", blok)


def _event_study(R: Mapping[str, Any], info: Mapping[str, Any], out: Sequence[str],
                 t: _Teks) -> Bagian:
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    from ..tampilan import OKABE_ITO

    judul = t("h_es")
    shown = [y for y in out if R[y]["event_study"]]
    if not shown:
        return _kosong_did("event_study", judul, info["alasan"], t)
    uji = naskah.gabung("; ", (t("uji_item", nama=t("nama_" + y), p=t.p(R[y]["pretrend_p_value"]))
                                   for y in shown))
    tanpa_uji = [t("nama_" + y) for y in shown if R[y]["pretrend_p_value"] is None]
    fig = Figure(figsize=(12, 4.6 * len(shown)))
    axes = fig.subplots(len(shown), 1, squeeze=False)
    rel_all: list[int] = []
    for ax, y in zip(axes[:, 0], shown, strict=True):
        es = pd.DataFrame(R[y]["event_study"])
        rel_all += es["relative_period"].tolist()
        pre = es["relative_period"] < 0
        for m, col in ((pre, OKABE_ITO[1]), (~pre, OKABE_ITO[0])):
            e = es[m]
            ax.errorbar(e["relative_period"], e["estimate"],
                        yerr=[e["estimate"] - e["ci_low"], e["ci_high"] - e["estimate"]],
                        fmt="o", color=col, capsize=4, lw=2, ms=7)
        ax.axhline(0, color="black", lw=1)
        ax.axvline(-0.5, color="grey", ls="--", lw=1.5)
        last = es[es["relative_period"] >= 0].iloc[-1] if (~pre).any() else None
        title = (t("es_judul", nama=t("nama_" + y), akhir=t.num(last["estimate"]),
                   k=int(last["relative_period"])) if last is not None
                 else t("es_judul_pendek"))
        ax.set(title=title, xlabel=t("sumbu_relatif"), ylabel=t("sumbu_efek"))
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: t.num(v, 0)))
    alt = t("es_alt", daftar=t.dan([t("nama_" + y) for y in shown]), a=min(rel_all),
            b=max(rel_all))
    blok: list[Any] = [Teks(judul), Teks(t("es_teks", uji=uji))]
    if tanpa_uji:
        blok.append(Teks(t.alasan("tanpa_tren_awal", nama=t.dan(tanpa_uji))))
    return Bagian("event_study", [*blok, Gambar(fig, alt)])


def _gelombang(R: Mapping[str, Any], info: Mapping[str, Any], out: Sequence[str],
               t: _Teks) -> Bagian:
    judul = t("h_gelombang")
    if not out:
        return _kosong_did("gelombang", judul, info["alasan"], t)
    tab = None
    for y in out:
        g = pd.DataFrame(R[y]["per_gelombang"], columns=["gelombang", "n_units", "estimate",
                                                         "ci_low", "ci_high"])
        g[y] = [t.est_ci(r) for r in g.to_dict("records")]
        g = g[["gelombang", "n_units", y]]
        tab = g if tab is None else tab.merge(g, on=["gelombang", "n_units"], how="outer")
    assert tab is not None
    tab = tab.sort_values(["gelombang", "n_units"], kind="stable").reset_index(drop=True)
    waves = tab["gelombang"].dropna().unique().tolist()
    if len(waves) < 2:
        if not waves:
            return _kosong_did("gelombang", judul, info["alasan"], t)
        return kosong("gelombang", judul, "satu_gelombang_adopsi", t.lang, ALASAN_DAMPAK,
                      periode=t.periode(waves[0]))
    teks = t("gelombang_teks")
    lo, hi = int(tab["n_units"].min()), int(tab["n_units"].max())
    if hi < _dampak.MIN_KLASTER:
        n_per = t.int(lo) if lo == hi else f"{t.int(lo)}–{t.int(hi)}"
        teks += " " + t("gelombang_lebar", n_per=n_per)
    tab = tab.fillna({y: i18n.MISSING for y in out})
    tab["gelombang"] = [t.periode(x) for x in tab["gelombang"]]
    return Bagian("gelombang", [
        Teks(judul), Teks(teks),
        Tabel(tab, {"n_units": "int"}, t.lang,
              headers={"gelombang": t("col_gelombang"), "n_units": t("col_unit"),
                       **{y: t("judul_" + y) for y in out}},
              caption=t("tabel_gelombang"))])


def _berkas_hilang(kunci: str, info: Mapping[str, Any]) -> str | None:
    ada = {"penilaian_kinerja": info["ada_penilaian"], "tindak_lanjut": info["ada_tindak_lanjut"]}
    return next((b for b in BUTUH[kunci] if not ada[b]), None)


def _bagian_rd(R: Mapping[str, Any], info: Mapping[str, Any], p: Parameter, t: _Teks) -> Bagian:
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    from ..tampilan import OKABE_ITO

    judul = t("h_rd")
    hilang = _berkas_hilang("rd", info)
    if hilang:
        return kosong("rd", judul, "tanpa_berkas", t.lang, berkas=hilang)
    P = R["pembinaan_rd"]
    batas = t.num(p.batas_pembinaan, 0)
    if P["estimate"] is None:
        bawah, atas = info["rd_sisi"]
        return kosong("rd", judul, "rd_data_kurang", t.lang, ALASAN_DAMPAK, batas=batas,
                      bawah=t.int(bawah), atas=t.int(atas), min=t.int(_MIN_SISI_RD))
    teks = t("rd_teks", batas=batas, est=t.est_ci(P, 1), jenis=t("jenis_" + P["jenis"]),
             h=t.num(P["bandwidth"], 1), n=t.int(P["n_effective"]))
    if P["lompatan_pembinaan"] is not None:
        teks += " " + t("rd_lompat", lompat=t.num(100 * P["lompatan_pembinaan"], 0))
    blok: list[Any] = [Teks(judul), Teks(teks)]
    if P["density_test_p_value"] is not None:
        ok = P["density_test_p_value"] >= 0.05
        blok.append(Teks(t("densitas", p=t.p(P["density_test_p_value"]),
                           kalimat=t("densitas_ok" if ok else "densitas_curiga"))))
    else:
        blok.append(Teks(t.alasan("densitas_gagal", batas=batas)))
    if _lain(info["kode"], ["pembinaan_rd"]):
        blok.append(Teks(t.alasan("tidak_dapat_diestimasi")))
    if not info["ada_tindak_lanjut"]:
        blok.append(Teks(t("rd_tanpa_tindak")))
    pts = pd.DataFrame(P["titik_plot"], columns=["bin_tengah", "skor_berikut", "pembinaan",
                                                 "n", "di_bawah"])
    if pts.empty:  # every bin below k_min_pegawai: no chart (the estimate is still shown)
        return Bagian("rd", blok)
    fig = Figure(figsize=(15, 5.8))
    a1, a2 = fig.subplots(1, 2)
    for side, col in ((True, OKABE_ITO[3]), (False, OKABE_ITO[0])):
        s = pts[pts["di_bawah"] == side]
        a1.scatter(s["bin_tengah"], s["skor_berikut"], s=np.clip(s["n"], 20, 200), color=col)
        if len(s) >= 2:
            c = np.polyfit(s["bin_tengah"], s["skor_berikut"], 1, w=np.sqrt(s["n"]))
            xs = np.array([s["bin_tengah"].min(), s["bin_tengah"].max()])
            a1.plot(xs, np.polyval(c, xs), color=col, lw=2.5)
        a2.bar(s["bin_tengah"], s["pembinaan"] * 100, width=0.9, color=col)
    for a in (a1, a2):
        a.axvline(p.batas_pembinaan, color="grey", ls="--", lw=1.5)
        a.set_xlabel(t("sumbu_skor"))
        a.xaxis.set_major_formatter(FuncFormatter(lambda v, _: t.num(v, 0)))
        a.yaxis.set_major_formatter(FuncFormatter(lambda v, _: t.num(v, 0)))
    kunci_judul = {"naik": "rd_judul_naik", "turun": "rd_judul_turun",
                   "tidak_jelas": "rd_judul_tidak"}[arah(P["ci_low"], P["ci_high"])]
    a1.yaxis.set_major_locator(MaxNLocator(integer=True))
    a1.set(title=t(kunci_judul, est=t.num(P["estimate"], 1)), ylabel=t("sumbu_skor_berikut"))
    a2.set(title=t("judul_porsi_bina"), ylabel=t("sumbu_porsi_bina"))
    blok.append(Gambar(fig, t("rd_alt", batas=batas, est=t.num(P["estimate"], 1))))
    return Bagian("rd", blok)


def _tindak_lanjut(R: Mapping[str, Any], info: Mapping[str, Any], p: Parameter,
                   t: _Teks) -> Bagian:
    judul = t("h_tindak")
    hilang = _berkas_hilang("tindak_lanjut", info)
    if hilang:
        return kosong("tindak_lanjut", judul, "tanpa_berkas", t.lang, berkas=hilang)
    k = pd.DataFrame(R["pembinaan_rd"]["kepatuhan"],
                     columns=["pita", "n", "pembinaan", "penghargaan", "promosi"])
    if k.empty:
        b = kosong("tindak_lanjut", judul, "disembunyikan", t.lang, k=t.int(p.k_min_pegawai))
        b.blok += _penghargaan(R, info, t)
        return b
    blok: list[Any] = [
        Teks(judul),
        Teks(t("tindak_teks", batas=t.num(p.batas_pembinaan, 0), k=p.k_min_pegawai)),
        Tabel(k[["pita", "n", "pembinaan", "penghargaan", "promosi"]],
              {"n": "int", "pembinaan": "percent:1", "penghargaan": "percent:1",
               "promosi": "percent:1"}, t.lang,
              headers={"pita": t("col_pita"), "n": t("col_n_pt"),
                       "pembinaan": t("col_pembinaan"), "penghargaan": t("col_penghargaan"),
                       "promosi": t("col_promosi")},
              caption=t("tabel_tindak"))]
    return Bagian("tindak_lanjut", blok + _penghargaan(R, info, t))


def _penghargaan(R: Mapping[str, Any], info: Mapping[str, Any], t: _Teks) -> list[Teks]:
    """The award-concentration sentence, or why it is missing."""
    H = R["penghargaan"]
    if H is None:
        return []
    if any(p.startswith("penghargaan.") and c == "tanpa_penghargaan"
           for p, c in info["kode"].items()):
        return [Teks(t.alasan("tanpa_penghargaan"))]
    # "the three units with the most awards" says something only with more than three units
    if H["n_penghargaan"] and info["n_unit_penghargaan"] > 3:
        return [Teks(t("konsentrasi", n=t.int(H["n_penghargaan"]),
                       porsi=i18n.fmt_percent(H["porsi_3_unit_teratas"], 0, t.lang),
                       porsi_peg=i18n.fmt_percent(H["porsi_pegawai_3_unit"], 0, t.lang)))]
    return []


def _mde(R: Mapping[str, Any], info: Mapping[str, Any], out: Sequence[str],
         t: _Teks) -> Bagian:
    judul = t("h_mde")
    if not out:
        return _kosong_did("mde", judul, info["alasan"], t)
    D = R["desain"]
    daftar = t.atau([t("mde_" + y, v=t.num(R[y]["mde"], 1)) for y in out])
    return Bagian("mde", [Teks(judul), Teks(t("mde", n_unit=t.int(D["n_unit"]),
                                               n_t=t.int(D["n_triwulan"]), daftar=daftar))])


def _catatan(R: Mapping[str, Any], out: Sequence[str], p: Parameter, t: _Teks) -> Bagian:
    D = R["desain"]
    poin: list[str] = []
    if out:
        poin.append(t("catatan_tren"))
        poin.append(t("poin_unit_sedikit" if D["n_unit"] < _dampak.MIN_KLASTER
                      else "poin_unit_banyak", n_unit=t.int(D["n_unit"]),
                      n_never=t.int(D["n_tidak_pernah"])))
        poin.append(t("catatan_antisipasi"))
        if "ikm" in out:
            poin.append(t("catatan_ikm"))
    P = R["pembinaan_rd"]
    if P is not None and P["estimate"] is not None:
        poin.append(t("catatan_rd", batas=t.num(p.batas_pembinaan, 0)))
    poin.append(t("catatan_agregat"))
    return Bagian("catatan", [Teks(t("h_catatan")), Teks("\n".join(poin))])


def bangun(data: Any, params: Parameter | None = None) -> Halaman:
    """Page 01: estimate, round into results.json ``dampak``, build the sections.

    Parameters
    ----------
    data : Data
        Processed tables (:func:`kinerja_analysis.laporan.bagian.muat_data`); any of
        ``kebijakan``, ``penilaian_kinerja``, ``survei_kepuasan``, ``tindak_lanjut`` may
        be None (input not supplied).
    params : Parameter, optional

    Returns
    -------
    Halaman
        Sections ``jawaban``, ``att``, ``event_study``, ``gelombang``, ``rd``,
        ``tindak_lanjut``, ``mde``, ``catatan``; ``hasil["dampak"]`` rounded to 4 decimals
        (p-values to 3 significant digits).
    """
    from .. import tampilan as _tp

    p = params or Parameter()
    t = _Teks(p.lang)
    sec, info = _hasil_dampak(data, p)
    R = _hasil.to_jsonable(sec, decimals=4)
    info["kode"] = _tandai(R, info)
    out = [y for y in _dampak.HASIL if R.get(y)]
    hal = Halaman("dampak", hasil={"dampak": R})
    _tp.gaya()
    for b in (_jawaban(R, info, out, p, t), _att(R, info, out, p, t),
              _event_study(R, info, out, t), _gelombang(R, info, out, t), _bagian_rd(R, info, p, t),
              _tindak_lanjut(R, info, p, t), _mde(R, info, out, t), _catatan(R, out, p, t)):
        hal.tambah(b)
    return hal
