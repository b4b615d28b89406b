"""Executive summary: headline findings, evidence strength and a per-unit traffic light.

Built from ``results.json`` only (the numbers the other pages show). No finding is stated
more strongly than its interval allows: an interval that contains zero is reported as "no
clear change", whatever the point estimate.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from .. import i18n
from .naskah import aman

KUAT, SEDANG, LEMAH = "kuat", "sedang", "lemah"

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


def _t(key: str, lang: str, **kw: Any) -> str:
    # data values (unit names) are escaped: the sentences are rendered as Markdown/HTML
    return i18n.translate(TEKS, key, lang, **aman(kw))


def kekuatan_bukti(ci_low: float, ci_high: float, pretrend_p: float | None = None,
                   n_clusters: int | None = None, n_pembanding: int | None = None) -> str:
    """Strength of evidence of an effect from its 95 % interval and design checks.

    ``kuat``: the interval excludes zero, leads show no pre-trend (p >= 0.10), there are
    at least 10 clusters and at least 2 never-treated comparison units. ``sedang``: it
    excludes zero but one of those checks is weak (with a single never-treated unit the
    late quarters rest on one comparison unit and the 95 % interval covers the truth only
    about 84 % of the time in our coverage study, benchmarks/coverage.md). ``lemah``: the
    interval contains zero.

    Examples
    --------
    >>> kekuatan_bukti(1.1, 5.3, pretrend_p=0.6, n_clusters=12)
    'kuat'
    >>> kekuatan_bukti(1.1, 5.3, pretrend_p=0.03)
    'sedang'
    >>> kekuatan_bukti(1.1, 5.3, pretrend_p=0.6, n_clusters=12, n_pembanding=1)
    'sedang'
    >>> kekuatan_bukti(-0.4, 2.0)
    'lemah'
    """
    if ci_low is None or ci_high is None or (ci_low <= 0 <= ci_high):
        return LEMAH
    if ((pretrend_p is not None and pretrend_p < 0.10)
            or (n_clusters is not None and n_clusters < 10)
            or (n_pembanding is not None and n_pembanding < 2)):
        return SEDANG
    return KUAT


def kalimat_perubahan(est: float, low: float, high: float, lang: str = "id",
                      decimals: int = 1, satuan: str = "poin") -> str:
    """'naik 3,2 poin (IK 95 %: 1,1 sampai 5,3)', or 'no clear change' when CI spans zero.

    Examples
    --------
    >>> kalimat_perubahan(3.2, 1.1, 5.3)
    'naik 3,2 poin (IK 95 %: 1,1 sampai 5,3)'
    >>> kalimat_perubahan(-2.0, -3.5, -0.5, "en")
    'fell by 2.0 points (95% CI: -3.5 to -0.5)'
    >>> kalimat_perubahan(0.4, -1.0, 1.8)[:48]
    'tidak berubah secara meyakinkan: perkiraan 0,4 p'
    """
    f = lambda x: i18n.fmt_number(x, decimals, lang)  # noqa: E731
    unit = _t(satuan, lang)
    if low > 0:
        return _t("naik", lang, est=f(est), satuan=unit, low=f(low), high=f(high))
    if high < 0:
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


def temuan(results: Mapping[str, Any], lang: str = "id") -> list[dict[str, Any]]:
    """Headline findings (up to 7) from results.json, each with its evidence strength.

    Each finding: ``kode, kalimat, kekuatan (kuat|sedang|lemah), kekuatan_teks, estimate,
    ci_low, ci_high, n``. Sections that are missing are skipped.
    """
    lang = i18n.check_lang(lang)
    out: list[dict[str, Any]] = []
    ikm = results.get("ikm") or {}
    now = ikm.get("keseluruhan_periode_akhir")
    if now and now.get("estimate") is not None:
        f = lambda x: i18n.fmt_number(x, 2, lang)  # noqa: E731
        kal = _t("f_ikm_terkini", lang, periode=i18n.fmt_periode(ikm["periode_akhir"], lang),
                 ikm=f(now["estimate"]), low=f(now["ci_low"]), high=f(now["ci_high"]),
                 n=i18n.fmt_int(now["n"], lang), mutu=now.get("mutu"))
        # a level with its interval, not an effect: the evidence is the survey itself
        out.append(_finding("ikm_terkini", kal, KUAT, now, lang))
    dampak = results.get("dampak") or {}
    n_never = (dampak.get("desain") or {}).get("n_tidak_pernah")
    for kode, key in (("ikm", "f_ikm"), ("skor_kinerja", "f_skor"), ("kehadiran", "f_kehadiran")):
        sec = dampak.get(kode) or {}
        att = sec.get("att")
        if not att or att.get("estimate") is None:
            continue
        kal = kalimat_perubahan(att["estimate"], att["ci_low"], att["ci_high"], lang)
        kek = kekuatan_bukti(att["ci_low"], att["ci_high"], sec.get("pretrend_p_value"),
                             att.get("n_clusters"), n_never)
        out.append(_finding(kode, _t(key, lang, kalimat=kal), kek, att, lang,
                            n=att.get("n_units")))
    rd = dampak.get("pembinaan_rd") or {}
    if rd.get("estimate") is not None:
        kal = kalimat_perubahan(rd["estimate"], rd["ci_low"], rd["ci_high"], lang)
        kek = kekuatan_bukti(rd["ci_low"], rd["ci_high"])
        out.append(_finding("pembinaan_rd", _t("f_pembinaan", lang, kalimat=kal,
                                               cutoff=i18n.fmt_number(rd.get("cutoff"), 0, lang)),
                            kek, rd, lang, n=rd.get("n_effective")))
    kor = results.get("korelasi") or {}
    antar = (kor.get("antar_unit") or {}).get("pearson")
    dalam = (kor.get("dalam_unit") or {}).get("pearson")
    if antar and dalam and antar.get("r") is not None and dalam.get("r") is not None:
        def arah(o: Mapping[str, Any]) -> str:
            if o["ci_low"] > 0:
                return "searah"
            if o["ci_high"] < 0:
                return "berlawanan"
            return "tidak_terkait"

        f = lambda x: i18n.fmt_number(x, 2, lang)  # noqa: E731
        kal = _t("f_korelasi", lang, arah_antar=_t(arah(antar), lang), r_antar=f(antar["r"]),
                 lo_antar=f(antar["ci_low"]), hi_antar=f(antar["ci_high"]),
                 n_antar=i18n.fmt_int(antar["n"], lang), arah_dalam=_t(arah(dalam), lang),
                 r_dalam=f(dalam["r"]), lo_dalam=f(dalam["ci_low"]), hi_dalam=f(dalam["ci_high"]))
        kek = min((kekuatan_bukti(antar["ci_low"], antar["ci_high"]),
                   kekuatan_bukti(dalam["ci_low"], dalam["ci_high"])),
                  key=(LEMAH, SEDANG, KUAT).index)
        out.append(_finding("korelasi", kal, kek, antar, lang))
    ham = results.get("hambatan") or {}
    ef = ham.get("efek_pelatihan_pemahaman")
    if ef and ef.get("estimate") is not None:
        kal = kalimat_perubahan(ef["estimate"], ef["ci_low"], ef["ci_high"], lang, 2,
                                "poin_skala")
        kek = kekuatan_bukti(ef["ci_low"], ef["ci_high"], n_clusters=ef.get("n_cluster"))
        out.append(_finding("pelatihan", _t("f_pelatihan", lang, kalimat=kal), kek, ef, lang))
    for row in ham.get("prevalensi") or []:
        if (row.get("hambatan") == "kekhawatiran_karir" and row.get("kelompok") == "semua"
                and not row.get("suppressed") and row.get("proporsi") is not None):
            p = lambda x: i18n.fmt_percent(x, 1, lang)  # noqa: E731
            kal = _t("f_khawatir", lang, persen=p(row["proporsi"]), low=p(row["ci_low"]),
                     high=p(row["ci_high"]), n=i18n.fmt_int(row["n"], lang))
            out.append(_finding("kekhawatiran", kal, KUAT, {**row, "estimate": row["proporsi"]},
                                lang))
            break
    return out[:7]


def lampu_unit(results: Mapping[str, Any], lang: str = "id") -> pd.DataFrame:
    """Traffic light per unit: latest IKM grade, change, citizen/supervisor gap, understanding.

    Colours carry a symbol and a word (● hijau, ▲ kuning, ■ merah) so they read without
    colour. Rules: IKM mutu A/B green, C amber, D red; change green when the interval of the
    latest IKM lies above the previous quarter's value, red when below, amber otherwise;
    gap red when flagged beyond sampling noise; poor understanding red above twice the
    overall share, amber above it.
    """
    lang = i18n.check_lang(lang)
    ikm = results.get("ikm") or {}
    periode = ikm.get("periode_akhir")
    rows = [r for r in ikm.get("per_unit") or [] if r.get("periode") == periode]
    if not rows:
        return pd.DataFrame()
    prev_periode = str(pd.Period(periode.replace("-", ""), freq="Q") - 1).replace("Q", "-Q")
    prev = {r["unit_kerja"]: r for r in ikm.get("per_unit") or []
            if r.get("periode") == prev_periode}
    gaps = {r["unit_kerja"]: r for r in (results.get("korelasi") or {}).get(
        "selisih_peringkat") or []}
    prev_rows = (results.get("hambatan") or {}).get("prevalensi") or []
    paham = {r["kelompok"]: r for r in prev_rows
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
        if r.get("ci_low") is None or p.get("ikm") is None:
            l_chg = "abu"
        elif r["ci_low"] > p["ikm"]:
            l_chg = "hijau"
        elif r["ci_high"] < p["ikm"]:
            l_chg = "merah"
        else:
            l_chg = "kuning"
        g = gaps.get(u)
        l_gap = "abu" if g is None else ("merah" if g.get("flagged") else "hijau")
        q = paham.get(u)
        if q is None or q.get("suppressed") or q.get("proporsi") is None or overall is None:
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
            "perubahan": None if p.get("ikm") is None or r.get("ikm") is None
            else r["ikm"] - p["ikm"],
            "lampu_perubahan": l_chg,
            "lampu_selisih": l_gap,
            "lampu_paham": l_paham,
        })
    return pd.DataFrame(out)


def label_lampu(kode: str, lang: str = "id") -> str:
    """Display text of a traffic-light code (symbol + word)."""
    return _t(kode, lang)


def label_kolom(key: str, lang: str = "id") -> str:
    """Column headers of the traffic-light table."""
    return _t(key, lang)
