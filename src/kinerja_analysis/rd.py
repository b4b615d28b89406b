"""Coaching (pembinaan) at the score cut-off: regression discontinuity and follow-ups.

Staff whose ``skor_kinerja`` in quarter t is below ``batas_pembinaan`` (default 70) are
meant to receive coaching (``tindak_lanjut.jenis == "pembinaan"`` in quarter t); the
outcome is their score in quarter t+1. Estimation is local-linear with robust
bias-corrected intervals (``rdrobust``, Calonico-Cattaneo-Titiunik), fuzzy when compliance
is not perfect, clustered by staff member (a person appears in many quarters), plus a
manipulation test of the score density at the cut-off (``rddensity``).

Sign convention: the *treated side is below the cut-off*, while ``rdrobust`` reports
``lim_{x -> c+} - lim_{x -> c-}`` (right minus left). In the sharp design the effect of
coaching is therefore ``-(right - left)``; in the fuzzy design the Wald ratio
``(dY right-left) / (dD right-left)`` already has the right sign (both jumps are negative
when coaching helps). :func:`estimasi_rd` always returns ``estimate`` > 0 when coaching
*raises* the next-quarter score. A score exactly at the cut-off is *not* below it.
"""

from __future__ import annotations

import contextlib
import io
import warnings
from typing import Any

import numpy as np
import pandas as pd

from .kunci import KunciPegawaiTriwulan

__all__ = ["BATAS_PEMBINAAN", "estimasi_rd", "kepatuhan", "konsentrasi_penghargaan",
           "panel_rd", "titik_plot_rd"]

#: Default score cut-off below which coaching is due.
BATAS_PEMBINAAN = 70.0


def panel_rd(penilaian_kinerja: pd.DataFrame, tindak_lanjut: pd.DataFrame | None,
             batas: float = BATAS_PEMBINAAN) -> pd.DataFrame:
    """Staff-quarter rows: score now, score next quarter, coaching received now.

    Parameters
    ----------
    penilaian_kinerja : DataFrame
        ``id_pegawai``, ``unit_kerja``, ``triwulan``, ``skor_kinerja``.
    tindak_lanjut : DataFrame or None
        ``id_pegawai``, ``triwulan``, ``jenis``. None (file absent): coaching is assumed
        for everyone below ``batas`` (sharp design).
    batas : float
        Cut-off; a score equal to it is not below it.

    Returns
    -------
    DataFrame
        ``id_pegawai``, ``unit_kerja``, ``triwulan``, ``skor`` (t), ``skor_berikut``
        (t+1; rows without a next-quarter score are dropped), ``di_bawah`` (bool),
        ``pembinaan`` (bool), ``pembinaan_diamati`` (bool: from tindak_lanjut).

    Examples
    --------
    >>> pk = pd.DataFrame({"id_pegawai": ["a", "a", "b", "b"], "unit_kerja": ["U"] * 4,
    ...                    "triwulan": ["2022-Q1", "2022-Q2"] * 2,
    ...                    "skor_kinerja": [65.0, 72.0, 70.0, 71.0]})
    >>> tl = pd.DataFrame({"id_pegawai": ["a"], "triwulan": ["2022-Q1"], "jenis": ["pembinaan"]})
    >>> panel_rd(pk, tl)[["id_pegawai", "skor", "skor_berikut", "di_bawah", "pembinaan"]]
      id_pegawai  skor  skor_berikut  di_bawah  pembinaan
    0          a  65.0          72.0      True       True
    1          b  70.0          71.0     False      False
    """
    pk = penilaian_kinerja
    kunci = KunciPegawaiTriwulan(pk["id_pegawai"], pk["triwulan"])
    skor = pk["skor_kinerja"].to_numpy(float)
    pos = np.flatnonzero(~np.isnan(skor) & (kunci.key >= 0))
    pos = pos[~pd.Series(kunci.key[pos]).duplicated().to_numpy()]  # first row per (id, t)
    key = kunci.key[pos]
    # Next quarter's score: an integer-key lookup (string merges on 34 M rows took minutes).
    nxt = pd.Index(key).get_indexer(key + 1)
    pos, key, skor_berikut = pos[nxt >= 0], key[nxt >= 0], skor[pos[nxt[nxt >= 0]]]
    # The order of sort_values(["triwulan", "id_pegawai"]); ids are coded in sorted order.
    order = np.argsort(kunci.t[pos] * len(kunci.ids) + kunci.code[pos], kind="stable")
    pos, key, skor_berikut = pos[order], key[order], skor_berikut[order]
    df = pk[["id_pegawai", "unit_kerja", "triwulan"]].iloc[pos].reset_index(drop=True)
    df["skor"] = skor[pos]
    df["skor_berikut"] = skor_berikut
    df["di_bawah"] = df["skor"].to_numpy() < batas
    if tindak_lanjut is not None:
        tl = tindak_lanjut[["id_pegawai", "triwulan"]][
            tindak_lanjut["jenis"].astype("string").str.lower() == "pembinaan"]
        df["pembinaan"] = np.isin(key, kunci.of(tl["id_pegawai"], tl["triwulan"]))
        df["pembinaan_diamati"] = True
    else:
        df["pembinaan"] = df["di_bawah"]
        df["pembinaan_diamati"] = False
    return df


def _quiet(fn: Any, *args: Any, **kwargs: Any) -> Any:
    with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
        warnings.simplefilter("ignore")
        return fn(*args, **kwargs)


def estimasi_rd(df: pd.DataFrame, cutoff: float = BATAS_PEMBINAAN, *, fuzzy: str = "auto",
                cluster: bool = True, density: bool = True, level: float = 95.0,
                min_sisi: int = 20, maks_baris: int = 500_000,
                seed: int = 2026) -> dict[str, Any]:
    """Effect of coaching on next-quarter score at the cut-off (positive = raises it).

    Parameters
    ----------
    df : DataFrame
        From :func:`panel_rd`.
    cutoff : float
        The cut-off (``batas_pembinaan``).
    fuzzy : {"auto", "fuzzy", "sharp"}
        "auto": fuzzy when coaching is observed and compliance is not perfect.
    cluster : bool
        Cluster standard errors by ``id_pegawai``.
    density : bool
        Run the ``rddensity`` manipulation test on the scores.
    level : float
        Confidence level in percent.
    min_sisi : int
        Minimum rows on each side of the cut-off; otherwise all results are None. They
        are None too when rdrobust cannot fit the data (too few distinct scores near the
        cut-off) or gives a non-finite estimate (no jump in coaching at the cut-off).
    maks_baris : int
        Above this many rows (national scale) the estimate uses a seeded random sample of
        staff members (all their quarters), keeping rdrobust's time and memory bounded;
        ``n`` then reports the rows used and ``sampel`` is True.
    seed : int
        Seed of that sample.

    Returns
    -------
    dict
        ``estimate`` (robust bias-corrected point estimate), ``estimate_konvensional``,
        ``se`` (robust), ``ci_low``, ``ci_high`` (robust bias-corrected), ``p_value``,
        ``cutoff``, ``bandwidth`` (MSE-optimal h, same both sides), ``n_effective``
        (rows within h), ``density_test_p_value``, ``jenis`` ("fuzzy"/"sharp"),
        ``lompatan_pembinaan`` (jump in coaching share at the cut-off, below minus above),
        ``n`` (rows).

    Examples
    --------
    >>> rng = np.random.default_rng(3)
    >>> x = rng.uniform(50, 90, 4000)
    >>> d = x < 70
    >>> y = 20 + 0.7 * x + 4.0 * d + rng.normal(0, 3, 4000)
    >>> df = pd.DataFrame({"id_pegawai": np.arange(4000).astype(str), "skor": x,
    ...                    "skor_berikut": y, "pembinaan": d, "pembinaan_diamati": True})
    >>> r = estimasi_rd(df, density=False)
    >>> r["jenis"], bool(r["ci_low"] < 4.0 < r["ci_high"]), r["estimate"] > 0
    ('sharp', True, True)
    """
    from rdrobust import rdrobust

    sampel = len(df) > maks_baris
    if sampel:
        ids = df["id_pegawai"].unique()
        keep = np.random.default_rng(seed).permutation(len(ids))[
            : max(1, int(len(ids) * maks_baris / len(df)))]
        df = df[df["id_pegawai"].isin(ids[keep])]
    x = df["skor"].to_numpy(float)
    y = df["skor_berikut"].to_numpy(float)
    d = df["pembinaan"].to_numpy(bool)
    below = x < cutoff
    out: dict[str, Any] = {"estimate": None, "estimate_konvensional": None, "se": None,
                           "ci_low": None, "ci_high": None, "p_value": None,
                           "cutoff": float(cutoff), "bandwidth": None, "n_effective": None,
                           "density_test_p_value": None, "jenis": None,
                           "lompatan_pembinaan": None, "n": int(len(df)), "sampel": sampel}
    if below.sum() < min_sisi or (~below).sum() < min_sisi:
        return out
    observed = bool(df["pembinaan_diamati"].all()) if "pembinaan_diamati" in df else True
    perfect = bool(np.all(d == below))
    jenis = "sharp" if (fuzzy == "sharp" or (fuzzy == "auto" and (perfect or not observed))) \
        else "fuzzy"
    # rdrobust puts x == c on the right; "below" (x < c) is strictly left: consistent.
    kw: dict[str, Any] = {"c": float(cutoff), "level": level}
    if cluster:
        kw["cluster"] = pd.factorize(df["id_pegawai"])[0]
        kw["vce"] = "hc1"
    try:
        if jenis == "fuzzy":
            r = _quiet(rdrobust, y, x, fuzzy=d.astype(float), **kw)
            sign = 1.0  # Wald ratio: both jumps are right-minus-left, the sign cancels
        else:
            r = _quiet(rdrobust, y, x, **kw)
            sign = -1.0  # treated side is the left: effect = left - right
    except Exception:  # rdrobust raises bare Exception: too few distinct scores near c
        return out
    coef = np.asarray(r.coef).ravel()
    if not np.all(np.isfinite(coef)) or not np.all(np.isfinite(np.asarray(r.ci))):
        return out  # e.g. no jump in coaching at the cut-off (fuzzy first stage zero)
    ci = np.asarray(r.ci)
    lo, hi = sorted((sign * ci[2, 0], sign * ci[2, 1]))
    h = float(np.asarray(r.bws)[0, 0])
    near = np.abs(x - cutoff) <= h
    out.update(estimate=float(sign * coef[2]), estimate_konvensional=float(sign * coef[0]),
               se=float(np.asarray(r.se).ravel()[2]), ci_low=float(lo), ci_high=float(hi),
               p_value=float(np.asarray(r.pv).ravel()[2]), bandwidth=h,
               n_effective=int(near.sum()), jenis=jenis)
    if observed:
        nb, na = near & below, near & ~below
        if nb.any() and na.any():
            out["lompatan_pembinaan"] = float(d[nb].mean() - d[na].mean())
    if density:
        out["density_test_p_value"] = uji_densitas(x, cutoff)
    return out


def uji_densitas(x: np.ndarray, cutoff: float) -> float | None:
    """p-value of the ``rddensity`` (Cattaneo-Jansson-Ma) test of no density jump.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> p = uji_densitas(np.round(rng.normal(72, 8, 3000), 1), 70.0)
    >>> p > 0.01
    True
    """
    from rddensity import rddensity

    try:
        r = _quiet(rddensity, X=np.asarray(x, float), c=float(cutoff))
        return float(r.test.p_jk)
    except Exception:  # too few points near the cut-off: reported as missing
        return None


def titik_plot_rd(df: pd.DataFrame, cutoff: float = BATAS_PEMBINAAN, lebar: float = 15.0,
                  bin_width: float = 1.0) -> pd.DataFrame:
    """Binned means of next-quarter score and coaching share for the RD plot.

    Returns ``bin_tengah``, ``skor_berikut`` (mean), ``pembinaan`` (share), ``n``,
    ``di_bawah`` for scores within ``lebar`` points of the cut-off; bins do not straddle
    the cut-off.

    Examples
    --------
    >>> df = pd.DataFrame({"skor": [69.5, 70.0, 70.4], "skor_berikut": [75.0, 71, 73],
    ...                    "pembinaan": [True, False, False]})
    >>> titik_plot_rd(df)[["bin_tengah", "skor_berikut", "n"]].values.tolist()
    [[69.5, 75.0, 1.0], [70.5, 72.0, 2.0]]
    """
    x = df["skor"].to_numpy(float)
    keep = np.abs(x - cutoff) <= lebar
    sub = df.loc[keep]
    b = np.floor((sub["skor"].to_numpy(float) - cutoff) / bin_width)
    g = sub.assign(_b=b).groupby("_b")
    out = g.agg(skor_berikut=("skor_berikut", "mean"), pembinaan=("pembinaan", "mean"),
                n=("skor", "size")).reset_index()
    out["bin_tengah"] = cutoff + (out["_b"] + 0.5) * bin_width
    out["di_bawah"] = out["bin_tengah"] < cutoff
    return out[["bin_tengah", "skor_berikut", "pembinaan", "n", "di_bawah"]]


def kepatuhan(penilaian_kinerja: pd.DataFrame, tindak_lanjut: pd.DataFrame | None,
              batas: float = BATAS_PEMBINAAN,
              pita: tuple[float, ...] = (0, 60, 65, 70, 75, 80, 85, 90, 101)) -> pd.DataFrame:
    """Share of staff-quarters receiving each follow-up, by score band.

    Returns one row per band: ``pita`` (label ``[a, b)``), ``batas_bawah``, ``n``,
    ``pembinaan``, ``penghargaan``, ``promosi`` (shares), ``di_bawah_batas`` (bool).
    With no ``tindak_lanjut`` the shares are NaN.

    Examples
    --------
    >>> pk = pd.DataFrame({"id_pegawai": ["a", "b"], "triwulan": ["2022-Q1"] * 2,
    ...                    "skor_kinerja": [65.0, 92.0]})
    >>> tl = pd.DataFrame({"id_pegawai": ["a", "b"], "triwulan": ["2022-Q1"] * 2,
    ...                    "jenis": ["pembinaan", "penghargaan"]})
    >>> k = kepatuhan(pk, tl)
    >>> k.loc[k["n"] > 0, ["pita", "pembinaan", "penghargaan"]].values.tolist()
    [['[65, 70)', 1.0, 0.0], ['[90, 101)', 0.0, 1.0]]
    """
    skor = penilaian_kinerja["skor_kinerja"].to_numpy(float)
    scored = ~np.isnan(skor)
    skor = skor[scored]
    edges = np.asarray(pita, float)
    idx = np.clip(np.searchsorted(edges, skor, side="right") - 1, 0, len(edges) - 2)
    pk = pd.DataFrame({"skor_kinerja": skor, "_b": idx})
    jenis = ("pembinaan", "penghargaan", "promosi")
    if tindak_lanjut is not None:
        # keys over all rows, then the scored ones (no copy of the id/quarter strings)
        kunci = KunciPegawaiTriwulan(penilaian_kinerja["id_pegawai"],
                                     penilaian_kinerja["triwulan"])
        key = kunci.key[scored]
        tl_jenis = tindak_lanjut["jenis"].astype("string").str.lower()
        for j in jenis:
            tl = tindak_lanjut[["id_pegawai", "triwulan"]][tl_jenis == j]
            got = kunci.of(tl["id_pegawai"], tl["triwulan"])
            # a row whose quarter does not parse has key -1 and matches nothing
            pk[j] = (np.isin(key, got[got >= 0]) & (key >= 0)).astype(float)
    else:
        for j in jenis:
            pk[j] = np.nan
    g = pk.groupby("_b").agg(n=("skor_kinerja", "size"), **{j: (j, "mean") for j in jenis})
    g = g.reindex(range(len(edges) - 1))
    g["n"] = g["n"].fillna(0).astype(int)
    lab = [f"[{edges[i]:g}, {edges[i + 1]:g})" for i in range(len(edges) - 1)]
    out = pd.DataFrame({"pita": lab, "batas_bawah": edges[:-1]})
    out = pd.concat([out, g.reset_index(drop=True)], axis=1)
    out["di_bawah_batas"] = edges[1:] <= batas
    return out[["pita", "batas_bawah", "n", *jenis, "di_bawah_batas"]]


def konsentrasi_penghargaan(penilaian_kinerja: pd.DataFrame,
                            tindak_lanjut: pd.DataFrame | None) -> dict[str, Any] | None:
    """Do awards cluster in a few units? Award share vs staff-quarter share per unit.

    Returns ``n_penghargaan``, ``porsi_3_unit_teratas`` (share of awards going to the
    3 units with the most awards), ``porsi_pegawai_3_unit`` (their share of staff-quarters)
    and ``per_unit`` (DataFrame ``unit_kerja``, ``n_penghargaan``, ``porsi_penghargaan``,
    ``porsi_pegawai``, ``rasio``). None without ``tindak_lanjut``.
    """
    if tindak_lanjut is None:
        return None
    tl = tindak_lanjut[tindak_lanjut["jenis"].astype("string").str.lower() == "penghargaan"]
    staff = penilaian_kinerja.groupby("unit_kerja").size().rename("n_pegawai_triwulan")
    aw = tl.groupby("unit_kerja").size().rename("n_penghargaan")
    per = pd.concat([staff, aw], axis=1).fillna(0)
    per.index.name = "unit_kerja"
    per = per.reset_index()
    tot_aw, tot_st = per["n_penghargaan"].sum(), per["n_pegawai_triwulan"].sum()
    per["porsi_penghargaan"] = per["n_penghargaan"] / tot_aw if tot_aw else np.nan
    per["porsi_pegawai"] = per["n_pegawai_triwulan"] / tot_st if tot_st else np.nan
    per["rasio"] = per["porsi_penghargaan"] / per["porsi_pegawai"]
    per = per.sort_values("n_penghargaan", ascending=False).reset_index(drop=True)
    top = per.head(3)
    return {"n_penghargaan": int(tot_aw),
            "porsi_3_unit_teratas": float(top["porsi_penghargaan"].sum()) if tot_aw else None,
            "porsi_pegawai_3_unit": float(top["porsi_pegawai"].sum()) if tot_st else None,
            "per_unit": per[["unit_kerja", "n_penghargaan", "porsi_penghargaan",
                             "porsi_pegawai", "rasio"]]}
