"""Data overview (notebook 00): coverage, rows used/rejected, IKM per unit-quarter, predikat.

Every function takes processed tables and returns a tidy DataFrame; the page
(:mod:`kinerja_analysis.laporan.bagian.gambaran`) rounds, formats and plots them.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from statsmodels.stats.proportion import proportion_confint

from . import ikm, privacy, skp, triwulan

UNSUR = [u.kode for u in ikm.UNSUR]


def baris_input(ringkasan: Mapping) -> pd.DataFrame:
    """Rows read, accepted and rejected per input file (read = accepted + rejected).

    Examples
    --------
    >>> r = {"input": {"pegawai": {"file": "pegawai.csv", "read": 3, "accepted": 2,
    ...      "rejected": 1}}}
    >>> baris_input(r)[["input", "read", "accepted", "rejected"]].to_dict("records")
    [{'input': 'pegawai', 'read': 3, 'accepted': 2, 'rejected': 1}]
    """
    rows = [
        {"input": name, **{k: v for k, v in entry.items() if k != "sha256"}}
        for name, entry in (ringkasan.get("input") or {}).items()
    ]
    out = pd.DataFrame(rows, columns=["input", "file", "read", "accepted", "rejected"])
    if len(out) and not (out["read"] == out["accepted"] + out["rejected"]).all():
        raise ValueError("row accounting broken: read != accepted + rejected")
    return out


def cakupan_responden(survei: pd.DataFrame) -> pd.DataFrame:
    """Survey respondents per unit (rows) and quarter (columns); 0 where none."""
    return (
        survei.groupby(["unit_kerja", "triwulan"])
        .size()
        .unstack("triwulan", fill_value=0)
        .sort_index()
    )


def ikm_unit_periode(survei: pd.DataFrame, k_min_responden: int = 5) -> pd.DataFrame:
    """IKM with 95 % CI and mutu per unit and quarter; cells under ``k_min_responden`` hidden.

    Returns columns ``unit_kerja, periode, n_responden, ikm, ci_low, ci_high, mutu,
    kinerja_unit, unsur_terendah, suppressed``. Hidden cells keep ``n_responden`` but have
    no IKM (citizen-survey minimum group size, FACTS.md §5.2).
    """
    by = ["unit_kerja", "triwulan"]
    point = ikm.hitung_ikm(survei, by=by)
    ci = ikm.ikm_ci(survei, by=by)[[*by, "ci_low", "ci_high"]]
    out = point.merge(ci, on=by, how="left").rename(columns={"triwulan": "periode"})
    out = out[
        [
            "unit_kerja",
            "periode",
            "n_responden",
            "ikm",
            "ci_low",
            "ci_high",
            "mutu",
            "kinerja_unit",
            "unsur_terendah",
        ]
    ]
    hide = out["n_responden"] < k_min_responden
    out.loc[hide, ["ikm", "ci_low", "ci_high"]] = np.nan
    out.loc[hide, ["mutu", "kinerja_unit", "unsur_terendah"]] = None
    out["suppressed"] = hide.to_numpy()
    return out.sort_values(["unit_kerja", "periode"]).reset_index(drop=True)


def ikm_keseluruhan(survei: pd.DataFrame, k_min_responden: int = 5,
                    se: bool = False) -> pd.DataFrame:
    """IKM of all respondents per quarter with 95 % CI (the whole area's IKM).

    Columns ``periode, n_responden, ikm, ci_low, ci_high, mutu, kinerja_unit`` (and ``se``,
    the delta-method standard error, last when ``se``). A quarter with fewer than
    ``k_min_responden`` respondents keeps its ``n_responden`` but has no IKM (the same
    minimum group size as the unit cells).

    Examples
    --------
    >>> s = pd.DataFrame({"triwulan": ["2025-Q3"] * 2 + ["2025-Q4"] * 6,
    ...                   **{f"u{j}": [4, 3, 4, 3, 3, 4, 4, 3] for j in range(1, 10)}})
    >>> out = ikm_keseluruhan(s, k_min_responden=5)
    >>> out["ikm"].round(2).tolist(), out["n_responden"].tolist()
    ([nan, 87.5], [2, 6])
    """
    point = ikm.hitung_ikm(survei, by="triwulan")
    ci = ikm.ikm_ci(survei, by="triwulan")[["triwulan", "ci_low", "ci_high", "se"]]
    out = point.merge(ci, on="triwulan").rename(columns={"triwulan": "periode"})
    cols = ["periode", "n_responden", "ikm", "ci_low", "ci_high", "mutu", "kinerja_unit"]
    out = out[[*cols, "se"] if se else cols]
    hide = out["n_responden"] < k_min_responden
    if hide.any():
        out = out.copy()
        out.loc[hide, [c for c in ("ikm", "ci_low", "ci_high", "se") if c in out]] = np.nan
        out.loc[hide, ["mutu", "kinerja_unit"]] = None
    return out


def beda_ikm(keseluruhan: pd.DataFrame, awal: str, akhir: str, level: float = 0.95) -> dict:
    """Change of the IKM of all respondents from quarter ``awal`` to ``akhir``, with CI.

    ``keseluruhan`` is :func:`ikm_keseluruhan` with ``se=True``. The two quarters'
    respondents are independent samples, so the standard error of the difference is
    ``sqrt(se_awal**2 + se_akhir**2)`` (delta-method SEs,
    :func:`kinerja_analysis.ikm.ikm_ci`); the interval is normal. Its direction
    (:func:`kinerja_analysis.laporan.bagian.arah`) decides whether the trend is called up,
    down or unclear.

    Returns
    -------
    dict
        ``estimate, ci_low, ci_high, se`` (NaN when either quarter has no IKM or fewer
        than two respondents).

    Examples
    --------
    >>> s = pd.DataFrame({"triwulan": ["2025-Q1"] * 4 + ["2025-Q2"] * 4,
    ...                   **{f"u{j}": [2, 3, 2, 3, 4, 3, 4, 4] for j in range(1, 10)}})
    >>> d = beda_ikm(ikm_keseluruhan(s, 2, se=True), "2025-Q1", "2025-Q2")
    >>> round(d["estimate"], 2), d["ci_low"] > 0
    (31.25, True)
    """
    from scipy import stats

    t = keseluruhan.set_index("periode")
    nan = float("nan")
    if awal not in t.index or akhir not in t.index or awal == akhir:
        return {"estimate": nan, "ci_low": nan, "ci_high": nan, "se": nan}
    est = float(t.loc[akhir, "ikm"] - t.loc[awal, "ikm"])
    se = float(np.hypot(t.loc[akhir, "se"], t.loc[awal, "se"]))
    z = float(stats.norm.ppf(1 - (1 - level) / 2))
    return {"estimate": est, "ci_low": est - z * se, "ci_high": est + z * se, "se": se}


def nrr_unsur(survei: pd.DataFrame, periode: str | None = None) -> pd.DataFrame:
    """NRR per element (1-4) for one quarter (default: all), the lowest flagged.

    Columns ``unsur, nama_id, nama_en, nrr, n, terendah``: ``n`` counts the respondents who
    answered that element (blanks are 'not applicable').
    """
    df = survei if periode is None else survei[survei["triwulan"] == periode]
    answered = df[UNSUR].notna().sum()
    nrr = df[UNSUR].mean()
    out = pd.DataFrame(
        {
            "unsur": UNSUR,
            "nama_id": [u.nama_id for u in ikm.UNSUR],
            "nama_en": [u.nama_en for u in ikm.UNSUR],
            "nrr": nrr.to_numpy(),
            "n": answered.to_numpy(),
        }
    )
    out["terendah"] = out["nrr"] == out["nrr"].min()
    return out


def perubahan_ikm(per_unit: pd.DataFrame, periode: str) -> pd.DataFrame:
    """Change of each unit's IKM from the previous quarter to ``periode``.

    Columns ``unit_kerja, ikm_sebelum, ikm, perubahan`` (NaN where either cell is hidden
    or the unit has no survey in one of the two quarters).

    Examples
    --------
    >>> pu = pd.DataFrame({"unit_kerja": ["A", "A", "A"],
    ...                    "periode": ["2024-Q3", "2024-Q4", "2025-Q1"],
    ...                    "ikm": [70.0, 80.0, 85.0]})
    >>> perubahan_ikm(pu, "2025-Q1")[["ikm_sebelum", "perubahan"]].to_dict("records")
    [{'ikm_sebelum': 80.0, 'perubahan': 5.0}]
    """
    prev = triwulan.geser(periode, -1)
    a = per_unit[per_unit["periode"] == prev].set_index("unit_kerja")["ikm"]
    b = per_unit[per_unit["periode"] == periode].set_index("unit_kerja")["ikm"]
    out = pd.DataFrame({"ikm_sebelum": a, "ikm": b}).reset_index(names="unit_kerja")
    out["perubahan"] = out["ikm"] - out["ikm_sebelum"]
    return out


def distribusi_predikat(
    penilaian: pd.DataFrame, periode: str, k_min_pegawai: int = 10, level: float = 0.95
) -> pd.DataFrame:
    """Share of staff per SKP predikat in one quarter, Wilson 95 % CI, small groups hidden.

    Columns ``predikat, n, proporsi, ci_low, ci_high, suppressed``; ``n`` is the staff count
    with that predikat, the share's denominator is all staff with a predikat that quarter.
    """
    df = penilaian[(penilaian["triwulan"] == periode) & penilaian["predikat"].notna()]
    total = len(df)
    counts = df["predikat"].value_counts().reindex(list(skp.PREDIKAT_LABELS), fill_value=0)
    out = pd.DataFrame({"predikat": counts.index, "n": counts.to_numpy()})
    if total:
        low, high = proportion_confint(out["n"], total, alpha=1 - level, method="wilson")
        out["proporsi"] = out["n"] / total
        out["ci_low"], out["ci_high"] = np.asarray(low), np.asarray(high)
    else:
        out["proporsi"] = out["ci_low"] = out["ci_high"] = np.nan
    out = privacy.suppress_groups(
        out, "n", k_min_pegawai, ["proporsi", "ci_low", "ci_high"], total_row=True
    )
    out["n"] = out["n"].astype("Int64")
    out.attrs["n_total"] = total
    return out


def predikat_per_unit(
    penilaian: pd.DataFrame, periode: str, k_min_pegawai: int = 10
) -> privacy.SuppressionResult:
    """Staff counts by unit x predikat for one quarter with primary and secondary suppression."""
    return privacy.suppress(_hitung_predikat(penilaian, periode), k=k_min_pegawai)


def _hitung_predikat(penilaian: pd.DataFrame, periode: str) -> pd.DataFrame:
    """Staff counts, unit x predikat (in regulation order), for one quarter."""
    df = penilaian[(penilaian["triwulan"] == periode) & penilaian["predikat"].notna()]
    counts = pd.crosstab(df["unit_kerja"], df["predikat"]).reindex(
        columns=list(skp.PREDIKAT_LABELS), fill_value=0
    )
    counts.columns.name = None
    counts.index.name = None
    return counts


#: The two lowest SKP predikat (PermenPANRB 6/2022), whose share ranks the units shown.
PREDIKAT_RENDAH = ("Kurang/Misconduct", "Sangat Kurang")


def predikat_per_unit_ringkas(
    penilaian: pd.DataFrame, periode: str, k_min_pegawai: int, maks_unit: int, lainnya: str
) -> tuple[privacy.SuppressionResult, dict]:
    """Like :func:`predikat_per_unit`, with at most ``maks_unit`` units and one "others" row.

    With more than ``maks_unit`` units, the units with the highest share of staff rated
    Kurang/Misconduct or Sangat Kurang are kept, the rest are summed into one row labelled
    ``lainnya``, and suppression runs on that table: its totals are those of all units, and
    it stays small at any scale (secondary suppression on 80,000 unit rows would take
    hours). The share ranks only cells that primary suppression publishes (counts of at
    least ``k_min_pegawai``, or zero) out of row totals of at least ``k_min_pegawai``, so
    no small count decides which units are shown.

    Returns
    -------
    (SuppressionResult, dict)
        The table, and ``info`` as :func:`kinerja_analysis.laporan.tampilan.pilih_unit`
        returns it (``n_unit``, ``n_tampil``, ``n_tertinggi``, ``dipotong``, ...).

    Examples
    --------
    >>> pen = pd.DataFrame({"triwulan": "2025-Q4", "unit_kerja": list("AAABBBCCC") * 10,
    ...                     "predikat": ["Baik", "Baik", "Sangat Kurang"] * 10
    ...                     + ["Baik"] * 60})
    >>> sup, info = predikat_per_unit_ringkas(pen, "2025-Q4", 5, 1, "Lainnya")
    >>> list(sup.values.index), info["n_unit"], info["dipotong"]
    (['A', 'Lainnya', 'Total'], 3, True)
    """
    counts = _hitung_predikat(penilaian, periode)
    n_unit = len(counts)
    info = {"n_unit": n_unit, "n_tampil": n_unit, "n_terendah": 0, "n_tertinggi": n_unit,
            "n_tanpa_nilai": 0, "cara": "tertinggi", "dipotong": False}
    if n_unit <= maks_unit:
        return privacy.suppress(counts, k=k_min_pegawai), info
    safe = counts.where(counts >= k_min_pegawai, 0)
    total = counts.sum(axis=1)
    rank = pd.DataFrame({
        "porsi": (safe[list(PREDIKAT_RENDAH)].sum(axis=1) / total).where(
            total >= k_min_pegawai),
        "n_rendah": safe[list(PREDIKAT_RENDAH)].sum(axis=1),
        "unit": counts.index})
    rank = rank.sort_values(["porsi", "n_rendah", "unit"], ascending=[False, False, True],
                            na_position="last", kind="stable")
    keep = rank.index[:maks_unit]
    reduced = pd.concat([counts.loc[keep],
                         counts.drop(index=keep).sum().to_frame(lainnya).T])
    info.update(n_tampil=len(keep), n_tertinggi=len(keep), dipotong=True,
                n_tanpa_nilai=int(rank.loc[keep, "porsi"].isna().sum()))
    return privacy.suppress(reduced, k=k_min_pegawai), info


PROFIL = ("jenis_kelamin", "kelompok_usia", "pendidikan", "pekerjaan", "jenis_layanan")


def profil_responden(survei: pd.DataFrame, periode: str | None = None,
                     k_min_responden: int = 5) -> pd.DataFrame:
    """Respondent profile (as in a Laporan Hasil SKM): counts and shares per characteristic.

    Columns ``karakteristik, kategori, n, proporsi, suppressed``; categories with fewer than
    ``k_min_responden`` respondents are hidden (with a complementary category when needed,
    since the total is published). Blank answers are counted as ``"(kosong)"``. A
    characteristic whose column is absent or entirely blank is left out (no rows when
    none is filled).

    Examples
    --------
    >>> s = pd.DataFrame({"triwulan": ["2025-Q4"] * 12, "jenis_kelamin": ["L"] * 7 + ["P"] * 5,
    ...                   "kelompok_usia": ["<25"] * 12, "pendidikan": ["S1"] * 12,
    ...                   "pekerjaan": ["Swasta"] * 12, "jenis_layanan": ["KTP"] * 12})
    >>> profil_responden(s, "2025-Q4").iloc[:2][["kategori", "n"]].to_dict("records")
    [{'kategori': 'L', 'n': 7}, {'kategori': 'P', 'n': 5}]
    """
    df = survei if periode is None else survei[survei["triwulan"] == periode]
    parts = []
    for col in PROFIL:
        if col not in df.columns or not df[col].notna().any():
            continue
        counts = df[col].astype(object).where(df[col].notna(), "(kosong)").value_counts()
        part = pd.DataFrame({"karakteristik": col, "kategori": counts.index.astype(str),
                             "n": counts.to_numpy()})
        part = part.sort_values(["n", "kategori"], ascending=[False, True])
        part["proporsi"] = part["n"] / len(df) if len(df) else np.nan
        part = privacy.suppress_groups(part.reset_index(drop=True), "n", k_min_responden,
                                       ["proporsi"], total_row=True)
        parts.append(part)
    if not parts:
        return pd.DataFrame({"karakteristik": pd.Series(dtype=object),
                             "kategori": pd.Series(dtype=object),
                             "n": pd.Series(dtype="Int64"), "proporsi": pd.Series(dtype=float),
                             "suppressed": pd.Series(dtype=bool)})
    out = pd.concat(parts, ignore_index=True)
    out["n"] = out["n"].astype("Int64")
    return out


def rencana_tindak_lanjut(unsur: pd.DataFrame, n: int = 3) -> pd.DataFrame:
    """The ``n`` lowest elements (by NRR) as rows of a rencana tindak lanjut table.

    Columns ``prioritas, unsur, nrr``; elements nobody answered (no NRR) are not ranked.
    The page adds the action, time frame and responsible official from its text catalog.

    Examples
    --------
    >>> u = pd.DataFrame({"unsur": ["u1", "u2", "u3", "u4"], "nrr": [3.2, None, 2.9, 3.5]})
    >>> rencana_tindak_lanjut(u)["unsur"].tolist()
    ['u3', 'u1', 'u4']
    """
    low = (unsur.dropna(subset=["nrr"]).sort_values(["nrr", "unsur"]).head(n)
           .reset_index(drop=True))
    return pd.DataFrame({"prioritas": np.arange(1, len(low) + 1), "unsur": low["unsur"],
                         "nrr": low["nrr"]})
