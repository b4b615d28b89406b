"""Executive summary: headline findings, evidence strength and a per-unit traffic light.

Built from ``results.json`` only (the numbers the other pages show). No finding is stated
more strongly than its interval allows: an interval that contains zero is reported as "no
clear change", whatever the point estimate. Every up / down / unclear decision is
:func:`kinerja_analysis.laporan.bagian.arah`. Any section, key or value of the other pages
may be missing or ``null``: a finding is made only from what exists, and
:func:`pertanyaan_tanpa_hasil` names the questions (and their pages) with no result.
The page itself is built by :mod:`kinerja_analysis.laporan.bagian.eksekutif`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

from .. import i18n, triwulan
from .bagian import arah
from .naskah import Kalimat, isi

KUAT, SEDANG, LEMAH = "kuat", "sedang", "lemah"

#: Design checks of :func:`kekuatan_bukti`: a pre-trend test with p below this, fewer
#: clusters than ``MIN_KLASTER`` or fewer never-treated units than ``MIN_PEMBANDING`` cap
#: an effect whose interval excludes zero at "sedang".
AMBANG_PRETREND = 0.10
MIN_KLASTER = 10
MIN_PEMBANDING = 2

#: Most findings in the summary (in the order of :func:`semua_temuan`).
MAKS_TEMUAN = 7

#: The questions the summary answers: the page that answers each (results.json producer)
#: and the finding codes that answer it. A question none of whose findings can be made is
#: reported as "no result from page ..." instead (:func:`pertanyaan_tanpa_hasil`).
PERTANYAAN: dict[str, tuple[str, tuple[str, ...]]] = {
    "ikm_terkini": ("00_gambaran_data", ("ikm_terkini",)),
    "dampak": ("01_dampak_evaluasi", ("ikm", "skor_kinerja", "kehadiran")),
    "pembinaan": ("01_dampak_evaluasi", ("pembinaan_rd",)),
    "korelasi": ("02_korelasi_survei_skor", ("korelasi",)),
    "hambatan": ("03_hambatan_adopsi", ("pelatihan", "kekhawatiran")),
}

TEKS: dict[str, dict[str, str]] = {
    "naik": {"id": "naik {est} {satuan} (IK 95 %: {low} sampai {high})",
             "en": "rose by {est} {satuan} (95% CI: {low} to {high})"},
    "turun": {"id": "turun {est} {satuan} (IK 95 %: {low} sampai {high})",
              "en": "fell by {est} {satuan} (95% CI: {low} to {high})"},
    "tidak_jelas": {
        "id": "tidak berubah secara meyakinkan: perkiraan {est_signed} {satuan}, tetapi "
              "IK 95 % ({low} sampai {high}) mencakup nol",
        "en": "did not change clearly: estimate {est_signed} {satuan}, but the 95% CI "
              "({low} to {high}) includes zero",
    },
    "poin": {"id": "poin", "en": "points"},
    "poin_skala": {"id": "poin skala 1–5", "en": "points on the 1–5 scale"},
    "bukti_kuat": {"id": "bukti kuat", "en": "strong evidence"},
    "bukti_sedang": {"id": "bukti sedang", "en": "moderate evidence"},
    "bukti_lemah": {"id": "bukti lemah", "en": "weak evidence"},
    "f_ikm_terkini": {
        "id": "IKM seluruh unit pada {periode} adalah {ikm} (IK 95 %: {low} sampai {high}; "
              "{n} responden), mutu {mutu}.",
        "en": "The IKM of all units in {periode} is {ikm} (95% CI: {low} to {high}; {n} "
              "respondents), grade {mutu}.",
    },
    "f_ikm": {"id": "Sejak evaluasi kinerja diterapkan, IKM unit layanan {kalimat}.",
              "en": "Since performance evaluation was adopted, the units' IKM {kalimat}."},
    "f_skor": {"id": "Skor kinerja pegawai {kalimat} setelah penerapan.",
               "en": "Staff performance scores {kalimat} after adoption."},
    "f_kehadiran": {"id": "Kehadiran pegawai {kalimat} setelah penerapan.",
                    "en": "Staff attendance {kalimat} after adoption."},
    "f_pembinaan": {
        "id": "Pembinaan bagi pegawai di bawah batas skor {cutoff}: skor triwulan berikutnya "
              "{kalimat}.",
        "en": "Coaching for staff below the score cut-off {cutoff}: next-quarter scores "
              "{kalimat}.",
    },
    "f_korelasi": {
        "id": "Penilaian warga dan atasan {arah_antar} antarunit (r = {r_antar}, IK 95 %: "
              "{lo_antar} sampai {hi_antar}; {n_antar} unit), tetapi di dalam unit dari "
              "triwulan ke triwulan keduanya {arah_dalam} (r = {r_dalam}, IK 95 %: {lo_dalam} "
              "sampai {hi_dalam}).",
        "en": "Citizens' and supervisors' ratings {arah_antar} across units (r = {r_antar}, "
              "95% CI: {lo_antar} to {hi_antar}; {n_antar} units), but within a unit from "
              "quarter to quarter they {arah_dalam} (r = {r_dalam}, 95% CI: {lo_dalam} to "
              "{hi_dalam}).",
    },
    "f_korelasi_antar": {
        "id": "Penilaian warga dan atasan {arah_antar} antarunit (r = {r_antar}, IK 95 %: "
              "{lo_antar} sampai {hi_antar}; {n_antar} unit).",
        "en": "Citizens' and supervisors' ratings {arah_antar} across units (r = {r_antar}, "
              "95% CI: {lo_antar} to {hi_antar}; {n_antar} units).",
    },
    "f_korelasi_dalam": {
        "id": "Di dalam unit, dari triwulan ke triwulan, penilaian warga dan atasan "
              "{arah_dalam} (r = {r_dalam}, IK 95 %: {lo_dalam} sampai {hi_dalam}).",
        "en": "Within a unit, from quarter to quarter, citizens' and supervisors' ratings "
              "{arah_dalam} (r = {r_dalam}, 95% CI: {lo_dalam} to {hi_dalam}).",
    },
    "searah": {"id": "sejalan", "en": "agree"},
    "berlawanan": {"id": "bergerak berlawanan", "en": "move in opposite directions"},
    "tidak_terkait": {"id": "tidak jelas berkaitan", "en": "are not clearly related"},
    "f_pelatihan": {"id": "Pelatihan indikator: pemahaman pegawai yang dilatih {kalimat}.",
                    "en": "Indicator training: trained staff's understanding {kalimat}."},
    "f_khawatir": {
        "id": "{persen} pegawai (IK 95 %: {low} sampai {high}; n = {n}) khawatir penilaian "
              "merugikan karier mereka.",
        "en": "{persen} of staff (95% CI: {low} to {high}; n = {n}) worry that the evaluation "
              "harms their careers.",
    },
    "l_ikm": {"id": "IKM terbaru", "en": "Latest IKM"},
    "l_perubahan": {"id": "Perubahan", "en": "Change"},
    "l_selisih": {"id": "Warga vs atasan", "en": "Citizens vs supervisors"},
    "l_paham": {"id": "Kurang paham indikator", "en": "Poor understanding"},
    "hijau": {"id": "● hijau", "en": "● green"},
    "kuning": {"id": "▲ kuning", "en": "▲ amber"},
    "merah": {"id": "■ merah", "en": "■ red"},
    "abu": {"id": "– tidak ada data", "en": "– no data"},
}


def _t(key: str, lang: str, **kw: Any) -> Kalimat:
    # data values (unit names) are escaped: the sentences are rendered as Markdown/HTML
    return isi(TEKS, key, lang, **kw)


def _angka(x: Any) -> bool:
    """True for a finite number (not a bool): what a sentence can show."""
    return isinstance(x, int | float) and not isinstance(x, bool) and math.isfinite(x)


def _ada_interval(obj: Any, est: str = "estimate") -> bool:
    """True when ``obj`` is a mapping with a finite ``est``, ``ci_low`` and ``ci_high``."""
    return isinstance(obj, Mapping) and all(_angka(obj.get(k)) for k in (est, "ci_low",
                                                                           "ci_high"))


def _bagian(obj: Any, key: str) -> Mapping[str, Any]:
    """``obj[key]`` when it is a mapping, else ``{}`` (absent section, ``null`` value)."""
    v = obj.get(key) if isinstance(obj, Mapping) else None
    return v if isinstance(v, Mapping) else {}


def _daftar(obj: Any, key: str) -> list[Mapping[str, Any]]:
    """The mappings in the list ``obj[key]`` (``[]`` when absent or ``null``)."""
    v = obj.get(key) if isinstance(obj, Mapping) else None
    return [r for r in v if isinstance(r, Mapping)] if isinstance(v, list) else []


def kekuatan_bukti(ci_low: float | None, ci_high: float | None,
                   pretrend_p: float | None = None, n_clusters: int | None = None,
                   n_pembanding: int | None = None) -> str:
    """Strength of evidence of an effect from its 95 % interval and design checks.

    ``kuat``: the interval excludes zero (:func:`~kinerja_analysis.laporan.bagian.arah` is
    up or down), leads show no pre-trend (p >= :data:`AMBANG_PRETREND`, 0.10), there are
    at least :data:`MIN_KLASTER` (10) clusters and at least :data:`MIN_PEMBANDING` (2)
    never-treated comparison units. ``sedang``: it excludes zero but one of those checks is
    weak (with a single never-treated unit the late quarters rest on one comparison unit
    and the 95 % interval covers the truth only about 84 % of the time in our coverage
    study, benchmarks/coverage.md). ``lemah``: the interval contains zero or is missing.
    A check whose value is missing (``None``) is not counted against the evidence.

    Examples
    --------
    >>> kekuatan_bukti(1.1, 5.3, pretrend_p=0.6, n_clusters=12)
    'kuat'
    >>> kekuatan_bukti(1.1, 5.3, pretrend_p=0.03)
    'sedang'
    >>> kekuatan_bukti(1.1, 5.3, pretrend_p=0.6, n_clusters=12, n_pembanding=1)
    'sedang'
    >>> kekuatan_bukti(-0.4, 2.0), kekuatan_bukti(None, 2.0)
    ('lemah', 'lemah')
    """
    if arah(ci_low, ci_high) == "tidak_jelas":
        return LEMAH
    if ((_angka(pretrend_p) and pretrend_p < AMBANG_PRETREND)  # type: ignore[operator]
            or (_angka(n_clusters) and n_clusters < MIN_KLASTER)  # type: ignore[operator]
            or (_angka(n_pembanding) and n_pembanding < MIN_PEMBANDING)):  # type: ignore[operator]
        return SEDANG
    return KUAT


def kalimat_perubahan(est: float, low: float, high: float, lang: str = "id",
                      decimals: int = 1, satuan: str = "poin") -> str:
    """'naik 3,2 poin (IK 95 %: 1,1 sampai 5,3)', or 'no clear change' when CI spans zero.

    The direction is :func:`~kinerja_analysis.laporan.bagian.arah` of the interval.

    Examples
    --------
    >>> kalimat_perubahan(3.2, 1.1, 5.3)
    'naik 3,2 poin (IK 95 %: 1,1 sampai 5,3)'
    >>> kalimat_perubahan(-2.0, -3.5, -0.5, "en")
    'fell by 2.0 points (95% CI: -3.5 to -0.5)'
    >>> kalimat_perubahan(0.4, -1.0, 1.8)[:48]
    'tidak berubah secara meyakinkan: perkiraan 0,4 p'
    """
    def f(x: float) -> str:
        return i18n.fmt_number(x, decimals, lang)

    unit = _t(satuan, lang)
    a = arah(low, high)
    if a == "naik":
        return _t("naik", lang, est=f(est), satuan=unit, low=f(low), high=f(high))
    if a == "turun":
        return _t("turun", lang, est=f(abs(est)), satuan=unit, low=f(low), high=f(high))
    return _t("tidak_jelas", lang, est_signed=f(est), satuan=unit, low=f(low), high=f(high))


def _finding(kode: str, kalimat: str, kekuatan: str, obj: Mapping[str, Any], lang: str,
             n: Any = None) -> dict[str, Any]:
    return {
        "kode": kode,
        "kalimat": kalimat,
        "kekuatan": kekuatan,
        "kekuatan_teks": _t("bukti_" + kekuatan, lang),
        "estimate": obj.get("estimate", obj.get("r")),
        "ci_low": obj.get("ci_low"),
        "ci_high": obj.get("ci_high"),
        "n": n if n is not None else obj.get("n", obj.get("n_units")),
    }


_ARAH_KORELASI = {"naik": "searah", "turun": "berlawanan", "tidak_jelas": "tidak_terkait"}


def _temuan_korelasi(results: Mapping[str, Any], lang: str) -> dict[str, Any] | None:
    """The correlation finding from what exists: both levels, or the one present."""
    kor = _bagian(results, "korelasi")
    antar = _bagian(_bagian(kor, "antar_unit"), "pearson")
    dalam = _bagian(_bagian(kor, "dalam_unit"), "pearson")
    ada_antar, ada_dalam = _ada_interval(antar, "r"), _ada_interval(dalam, "r")
    if not (ada_antar or ada_dalam):
        return None

    def f(x: float) -> str:
        return i18n.fmt_number(x, 2, lang)

    kw: dict[str, Any] = {}
    if ada_antar:
        kw.update(arah_antar=_t(_ARAH_KORELASI[arah(antar["ci_low"], antar["ci_high"])], lang),
                  r_antar=f(antar["r"]), lo_antar=f(antar["ci_low"]),
                  hi_antar=f(antar["ci_high"]), n_antar=i18n.fmt_int(antar.get("n"), lang))
    if ada_dalam:
        kw.update(arah_dalam=_t(_ARAH_KORELASI[arah(dalam["ci_low"], dalam["ci_high"])], lang),
                  r_dalam=f(dalam["r"]), lo_dalam=f(dalam["ci_low"]),
                  hi_dalam=f(dalam["ci_high"]))
    key = ("f_korelasi" if ada_antar and ada_dalam
           else "f_korelasi_antar" if ada_antar else "f_korelasi_dalam")
    present = [o for o, ok in ((antar, ada_antar), (dalam, ada_dalam)) if ok]
    kek = min((kekuatan_bukti(o["ci_low"], o["ci_high"]) for o in present),
              key=(LEMAH, SEDANG, KUAT).index)
    return _finding("korelasi", _t(key, lang, **kw), kek, present[0], lang)


def semua_temuan(results: Mapping[str, Any], lang: str = "id") -> list[dict[str, Any]]:
    """Every finding that the results allow, in the summary's order (uncapped).

    See :func:`temuan`; a finding whose estimate or interval is missing is not made.
    """
    lang = i18n.check_lang(lang)
    out: list[dict[str, Any]] = []
    ikm = _bagian(results, "ikm")
    now = _bagian(ikm, "keseluruhan_periode_akhir")
    if _ada_interval(now):
        def f2(x: float) -> str:
            return i18n.fmt_number(x, 2, lang)

        kal = _t("f_ikm_terkini", lang, periode=i18n.fmt_periode(ikm.get("periode_akhir"), lang),
                 ikm=f2(now["estimate"]), low=f2(now["ci_low"]), high=f2(now["ci_high"]),
                 n=i18n.fmt_int(now.get("n"), lang), mutu=now.get("mutu") or i18n.MISSING)
        # a level with its interval, not an effect: the evidence is the survey itself
        out.append(_finding("ikm_terkini", kal, KUAT, now, lang))
    dampak = _bagian(results, "dampak")
    n_never = _bagian(dampak, "desain").get("n_tidak_pernah")
    for kode, key in (("ikm", "f_ikm"), ("skor_kinerja", "f_skor"), ("kehadiran", "f_kehadiran")):
        sec = _bagian(dampak, kode)
        att = _bagian(sec, "att")
        if not _ada_interval(att):
            continue
        kal = kalimat_perubahan(att["estimate"], att["ci_low"], att["ci_high"], lang)
        kek = kekuatan_bukti(att["ci_low"], att["ci_high"], sec.get("pretrend_p_value"),
                             att.get("n_clusters"), n_never)
        out.append(_finding(kode, _t(key, lang, kalimat=kal), kek, att, lang,
                            n=att.get("n_units")))
    rd = _bagian(dampak, "pembinaan_rd")
    if _ada_interval(rd):
        kal = kalimat_perubahan(rd["estimate"], rd["ci_low"], rd["ci_high"], lang)
        kek = kekuatan_bukti(rd["ci_low"], rd["ci_high"])
        out.append(_finding("pembinaan_rd", _t("f_pembinaan", lang, kalimat=kal,
                                               cutoff=i18n.fmt_number(rd.get("cutoff"), 0, lang)),
                            kek, rd, lang, n=rd.get("n_effective")))
    kor = _temuan_korelasi(results, lang)
    if kor is not None:
        out.append(kor)
    ham = _bagian(results, "hambatan")
    ef = _bagian(ham, "efek_pelatihan_pemahaman")
    if _ada_interval(ef):
        kal = kalimat_perubahan(ef["estimate"], ef["ci_low"], ef["ci_high"], lang, 2,
                                "poin_skala")
        kek = kekuatan_bukti(ef["ci_low"], ef["ci_high"], n_clusters=ef.get("n_cluster"))
        out.append(_finding("pelatihan", _t("f_pelatihan", lang, kalimat=kal), kek, ef, lang))
    for row in _daftar(ham, "prevalensi"):
        if (row.get("hambatan") == "kekhawatiran_karir" and row.get("kelompok") == "semua"
                and not row.get("suppressed") and _ada_interval(row, "proporsi")):
            def p(x: float) -> str:
                return i18n.fmt_percent(x, 1, lang)

            kal = _t("f_khawatir", lang, persen=p(row["proporsi"]), low=p(row["ci_low"]),
                     high=p(row["ci_high"]), n=i18n.fmt_int(row.get("n"), lang))
            out.append(_finding("kekhawatiran", kal, KUAT, {**row, "estimate": row["proporsi"]},
                                lang))
            break
    return out


def temuan(results: Mapping[str, Any], lang: str = "id",
           maks: int = MAKS_TEMUAN) -> list[dict[str, Any]]:
    """Headline findings (up to ``maks``, 7) from results.json, each with its evidence strength.

    Each finding: ``kode, kalimat, kekuatan (kuat|sedang|lemah), kekuatan_teks, estimate,
    ci_low, ci_high, n``. Sections, keys and values that are missing or ``null`` are
    skipped (``[]`` when nothing is left).

    Examples
    --------
    >>> res = {"dampak": {"pembinaan_rd": {"estimate": 4.0, "ci_low": -0.5, "ci_high": 8.0,
    ...                                    "cutoff": 70, "n_effective": 300}}}
    >>> [(t["kode"], t["kekuatan"]) for t in temuan(res)]
    [('pembinaan_rd', 'lemah')]
    >>> temuan({"ikm": None, "dampak": {"ikm": None}, "korelasi": None})
    []
    """
    return semua_temuan(results, lang)[:maks]


def pertanyaan_tanpa_hasil(results: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The questions of :data:`PERTANYAAN` with no finding at all, as ``(question, page)``.

    Examples
    --------
    >>> pertanyaan_tanpa_hasil({"korelasi": {"antar_unit": {"pearson": {
    ...     "r": 0.8, "ci_low": 0.4, "ci_high": 0.95, "n": 12}}}})[:2]
    [('ikm_terkini', '00_gambaran_data'), ('dampak', '01_dampak_evaluasi')]
    >>> len(pertanyaan_tanpa_hasil({}))
    5
    """
    found = {t["kode"] for t in semua_temuan(results)}
    return [(q, page) for q, (page, kodes) in PERTANYAAN.items() if not found & set(kodes)]


def _lampu_perubahan(r: Mapping[str, Any], prev_ikm: Any) -> str:
    """Green when the latest interval lies above last quarter's IKM, red below, amber when
    it contains it (:func:`arah` of the interval minus last quarter's value)."""
    if not (_angka(prev_ikm) and _angka(r.get("ci_low")) and _angka(r.get("ci_high"))):
        return "abu"
    return {"naik": "hijau", "turun": "merah", "tidak_jelas": "kuning"}[
        arah(r["ci_low"] - prev_ikm, r["ci_high"] - prev_ikm)]


def lampu_unit(results: Mapping[str, Any], lang: str = "id") -> pd.DataFrame:
    """Traffic light per unit: latest IKM grade, change, citizen/supervisor gap, understanding.

    Colours carry a symbol and a word (● hijau, ▲ kuning, ■ merah) so they read without
    colour. Rules: IKM mutu A/B green, C amber, D red; change green when the interval of the
    latest IKM lies above the previous quarter's value, red when below, amber otherwise
    (:func:`~kinerja_analysis.laporan.bagian.arah`); gap red when flagged beyond sampling
    noise; poor understanding red above twice the overall share, amber above it. A light
    whose inputs are missing is ``abu`` (no data). Empty frame without per-unit IKM rows of
    ``ikm.periode_akhir``.

    Examples
    --------
    >>> res = {"ikm": {"periode_akhir": "2025-Q4", "per_unit": [
    ...     {"unit_kerja": "A", "periode": "2025-Q3", "ikm": 80.0},
    ...     {"unit_kerja": "A", "periode": "2025-Q4", "ikm": 85.0, "ci_low": 83.0,
    ...      "ci_high": 87.0, "mutu": "B"}]}, "korelasi": None, "hambatan": None}
    >>> lampu_unit(res).iloc[0][["lampu_ikm", "lampu_perubahan", "lampu_selisih"]].tolist()
    ['hijau', 'hijau', 'abu']
    >>> lampu_unit({"ikm": None}).empty
    True
    """
    lang = i18n.check_lang(lang)
    ikm = _bagian(results, "ikm")
    periode = ikm.get("periode_akhir")
    per_unit = _daftar(ikm, "per_unit")
    rows = [r for r in per_unit if r.get("periode") == periode and r.get("unit_kerja")]
    if not periode or not rows:
        return pd.DataFrame()
    prev_periode = triwulan.geser(periode, -1)
    prev = {r["unit_kerja"]: r for r in per_unit if r.get("periode") == prev_periode}
    gaps = {r.get("unit_kerja"): r for r in _daftar(_bagian(results, "korelasi"),
                                                    "selisih_peringkat")}
    prev_rows = _daftar(_bagian(results, "hambatan"), "prevalensi")
    paham = {r.get("kelompok"): r for r in prev_rows
             if r.get("hambatan") == "kurang_paham" and r.get("dimensi") == "unit_kerja"}
    overall = next((r.get("proporsi") for r in prev_rows if r.get("hambatan") == "kurang_paham"
                    and r.get("kelompok") == "semua"), None)
    out = []
    for r in rows:
        u = r["unit_kerja"]
        mutu = r.get("mutu")
        l_ikm = "abu" if mutu is None else {"A": "hijau", "B": "hijau", "C": "kuning"}.get(
            mutu, "merah")
        p = prev.get(u, {})
        l_chg = _lampu_perubahan(r, p.get("ikm"))
        g = gaps.get(u)
        l_gap = "abu" if g is None or g.get("flagged") is None else (
            "merah" if g["flagged"] else "hijau")
        q = paham.get(u)
        if (q is None or q.get("suppressed") or not _angka(q.get("proporsi"))
                or not _angka(overall)):
            l_paham = "abu"
        elif q["proporsi"] > 2 * overall:
            l_paham = "merah"
        elif q["proporsi"] > overall:
            l_paham = "kuning"
        else:
            l_paham = "hijau"
        out.append({
            "unit_kerja": u,
            "ikm": r.get("ikm"),
            "mutu": mutu,
            "lampu_ikm": l_ikm,
            "perubahan": r["ikm"] - p["ikm"] if _angka(p.get("ikm")) and _angka(r.get("ikm"))
            else None,
            "lampu_perubahan": l_chg,
            "lampu_selisih": l_gap,
            "lampu_paham": l_paham,
        })
    return pd.DataFrame(out)


def label_lampu(kode: str, lang: str = "id") -> str:
    """Display text of a traffic-light code (symbol + word).

    Examples
    --------
    >>> label_lampu("merah", "en"), label_lampu("abu")
    ('■ red', '– tidak ada data')
    """
    return _t(kode, lang)


def label_kolom(key: str, lang: str = "id") -> str:
    """Column headers of the traffic-light table."""
    return _t(key, lang)
