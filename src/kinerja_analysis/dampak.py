"""Impact of the evaluation policy: staggered difference-in-differences and event study.

The policy (``kebijakan.triwulan_mulai``) rolled out in waves, so the primary estimator is
Callaway & Sant'Anna (2021) group-time ATTs (library ``diff-diff``, pinned, checked against
R ``did`` on the real ``mpdta`` data in ``tests/test_dampak.py``), with not-yet-treated
and never-treated units as controls, aggregated to the 'simple' overall ATT (mean over all
treated unit-quarters), per adoption wave, and to an event study. Two-way fixed effects
(TWFE) is reported beside it for comparison: it is biased when effects grow over time or
differ by wave, because it uses already-treated units as controls ("forbidden
comparisons", Goodman-Bacon 2021).

Inference conventions (stated in the report):

* Clustered by unit. Cluster-robust TWFE standard errors use the Stata/statsmodels
  small-sample factor ``G/(G-1) * (N-1)/(N-K)`` (linearmodels ``debiased=True,
  group_debias=True``), with t(G-1) reference distribution.
* With fewer than ``MIN_KLASTER`` (30) clusters the CS standard errors come from the CS
  multiplier bootstrap with Webb six-point weights and the intervals use t(G-1) quantiles;
  the TWFE interval comes from a wild cluster
  restricted (WCR) bootstrap with Webb weights, inverted to a confidence interval.
* Pre-trend test: Wald test that all leads in the window are zero, Hotelling T^2 /
  F(q, G-q) reference with few clusters.

Quarters are integers ``year * 4 + quarter - 1`` so consecutive quarters differ by one.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from . import triwulan as _tw
from .ikm import hitung_ikm

__all__ = [
    "HASIL",
    "MIN_KLASTER",
    "HasilCS",
    "bacon",
    "estimasi_cs",
    "estimasi_imputasi",
    "estimasi_twfe",
    "int_ke_triwulan",
    "mde",
    "panel_unit_triwulan",
    "perbandingan",
    "ringkasan_dampak",
    "triwulan_ke_int",
    "uji_pretrend",
    "wild_cluster_bootstrap",
]

#: Outcomes analysed, in report order.
HASIL: tuple[str, ...] = ("ikm", "skor_kinerja", "kehadiran")
#: Below this many clusters, intervals come from a (wild / multiplier) bootstrap.
MIN_KLASTER = 30
_WEBB = np.array([-np.sqrt(1.5), -1.0, -np.sqrt(0.5), np.sqrt(0.5), 1.0, np.sqrt(1.5)])


# --------------------------------------------------------------------------------------
# Panel
# --------------------------------------------------------------------------------------


def triwulan_ke_int(triwulan: pd.Series) -> pd.Series:
    """``"YYYY-Qn"`` labels to consecutive integers (see :func:`kinerja_analysis.triwulan.ke_int`).

    Examples
    --------
    >>> triwulan_ke_int(pd.Series(["2022-Q4", "2023-Q1", None])).tolist()
    [8091, 8092, <NA>]
    """
    return _tw.ke_int(triwulan)


def int_ke_triwulan(t: int) -> str:
    """Inverse of :func:`triwulan_ke_int` for one value
    (:func:`kinerja_analysis.triwulan.dari_int`).

    Examples
    --------
    >>> int_ke_triwulan(8091)
    '2022-Q4'
    """
    return _tw.dari_int(t)


def panel_unit_triwulan(kebijakan: pd.DataFrame, penilaian_kinerja: pd.DataFrame | None,
                        survei_kepuasan: pd.DataFrame | None) -> pd.DataFrame:
    """Unit-quarter panel of the three outcomes with the adoption timing.

    Parameters
    ----------
    kebijakan : DataFrame
        ``unit_kerja``, ``triwulan_mulai`` (``YYYY-Qn``; NA = never adopted).
    penilaian_kinerja : DataFrame or None
        ``unit_kerja``, ``triwulan``, ``skor_kinerja``, ``kehadiran`` (one row per staff
        member and quarter). None (file not supplied): the two score outcomes are NaN.
    survei_kepuasan : DataFrame or None
        ``unit_kerja``, ``triwulan``, ``u1``..``u9`` (one row per respondent). None: ``ikm``
        is NaN.

    Returns
    -------
    DataFrame
        One row per unit and quarter that has any outcome: ``unit_kerja``, ``triwulan``,
        ``t`` (int), ``g`` (Int64 first treated quarter, NA = never treated),
        ``gelombang`` (wave label or NA), ``diobati`` (bool, treated in this quarter),
        ``ikm`` (IKM per PermenPANRB 14/2017 via :func:`ikm.hitung_ikm`),
        ``n_responden``, ``skor_kinerja`` and ``kehadiran`` (unit means over staff),
        ``n_pegawai``. Units missing from ``kebijakan`` are dropped (their timing is
        unknown).

    Examples
    --------
    >>> keb = pd.DataFrame({"unit_kerja": ["A", "B"], "triwulan_mulai": ["2022-Q2", None]})
    >>> pk = pd.DataFrame({"unit_kerja": ["A", "A", "B"], "triwulan": ["2022-Q1"] * 3,
    ...                    "skor_kinerja": [70.0, 80.0, 60.0], "kehadiran": [90.0, 80, 70]})
    >>> sk = pd.DataFrame({"unit_kerja": ["A"], "triwulan": ["2022-Q1"],
    ...                    **{f"u{j}": [3.0] for j in range(1, 10)}})
    >>> p = panel_unit_triwulan(keb, pk, sk)
    >>> cols = ["unit_kerja", "t", "g", "ikm", "skor_kinerja", "n_pegawai"]
    >>> p[cols].astype(object).values.tolist()
    [['A', 8088, 8089, 75.0, 75.0, 2], ['B', 8088, <NA>, nan, 60.0, 1]]
    """
    keys = ["unit_kerja", "triwulan"]
    if survei_kepuasan is not None:
        ikm = hitung_ikm(survei_kepuasan, by=keys)[[*keys, "ikm", "n_responden"]]
    else:
        ikm = pd.DataFrame({k: pd.Series(dtype="string") for k in keys}).assign(
            ikm=pd.Series(dtype="float64"), n_responden=pd.Series(dtype="int64"))
    if penilaian_kinerja is not None:
        pk = penilaian_kinerja.groupby(keys, observed=True, dropna=True).agg(
            skor_kinerja=("skor_kinerja", "mean"), kehadiran=("kehadiran", "mean"),
            n_pegawai=("skor_kinerja", "size")).reset_index()
    else:
        pk = pd.DataFrame({k: pd.Series(dtype="string") for k in keys}).assign(
            skor_kinerja=pd.Series(dtype="float64"), kehadiran=pd.Series(dtype="float64"),
            n_pegawai=pd.Series(dtype="int64"))
    for f in (ikm, pk):
        for k in keys:
            f[k] = f[k].astype("string")
    panel = pk.merge(ikm, on=keys, how="outer")
    keb = kebijakan[["unit_kerja", "triwulan_mulai"]].astype("string").drop_duplicates(
        "unit_kerja")
    panel = panel.merge(keb, on="unit_kerja", how="inner")
    panel = panel[panel["triwulan"].notna()].copy()
    panel["t"] = triwulan_ke_int(panel["triwulan"]).astype("int64")
    panel["g"] = triwulan_ke_int(panel["triwulan_mulai"])
    panel["gelombang"] = panel["triwulan_mulai"]
    panel["diobati"] = (panel["g"].notna() & (panel["t"] >= panel["g"])).astype(bool)
    panel["n_pegawai"] = panel["n_pegawai"].fillna(0).astype("int64")
    panel["n_responden"] = panel["n_responden"].fillna(0).astype("int64")
    cols = ["unit_kerja", "triwulan", "t", "g", "gelombang", "diobati", "ikm", "n_responden",
            "skor_kinerja", "kehadiran", "n_pegawai"]
    return panel[cols].sort_values(["unit_kerja", "t"]).reset_index(drop=True)


def _numeric_panel(panel: pd.DataFrame, outcome: str) -> pd.DataFrame:
    """Rows with the outcome, unit codes, and ``g`` = 0 for never treated (diff-diff).

    A unit first treated after the last quarter with the outcome counts as never treated,
    as in R ``did`` (otherwise diff-diff makes it a cohort of its own whose placebo leads
    enter the event study and the pre-trend test, e.g. when ``periode_akhir`` is before
    the last wave).
    """
    d = panel.loc[panel[outcome].notna(), ["unit_kerja", "t", "g", outcome]].copy()
    d["unit_id"] = pd.factorize(d["unit_kerja"], sort=True)[0]
    g = d["g"].astype("Float64")
    if len(d):
        g = g.mask(g > d["t"].max())
    d["g0"] = g.fillna(0).astype("int64")
    d["t"] = d["t"].astype("int64")
    d[outcome] = d[outcome].astype("float64")
    return d[["unit_id", "t", "g0", outcome]].reset_index(drop=True)


# --------------------------------------------------------------------------------------
# Callaway & Sant'Anna
# --------------------------------------------------------------------------------------


@dataclass
class HasilCS:
    """Callaway & Sant'Anna results for one outcome (unrounded)."""

    att: dict[str, Any]
    event_study: pd.DataFrame
    per_gelombang: pd.DataFrame
    pretrend_p_value: float | None
    pretrend: dict[str, Any] = field(default_factory=dict)
    group_time: pd.DataFrame = field(default_factory=pd.DataFrame)


def estimasi_cs(panel: pd.DataFrame, outcome: str, *, control_group: str = "not_yet_treated",
                n_bootstrap: int = 999, seed: int = 2026, alpha: float = 0.05,
                leads: int = 4, lags: int = 8, min_klaster: int = MIN_KLASTER) -> HasilCS:
    """Callaway & Sant'Anna (2021) ATT, event study and per-wave effects for one outcome.

    Parameters
    ----------
    panel : DataFrame
        From :func:`panel_unit_triwulan` (columns ``unit_kerja``, ``t``, ``g``, outcome).
    outcome : str
        Outcome column.
    control_group : {"not_yet_treated", "never_treated"}
        Comparison units; "not_yet_treated" also includes the never treated.
    n_bootstrap : int
        Multiplier-bootstrap draws (Webb weights, clustered by unit). Used when the
        number of units is below ``min_klaster``; 0 forces analytic standard errors.
    seed : int
        Bootstrap seed.
    alpha : float
        1 - confidence level.
    leads, lags : int
        Event-study window reported: relative periods ``-leads..lags``. The pre-trend
        test uses the leads in this window.
    min_klaster : int
        Bootstrap below this many clusters (units).

    Returns
    -------
    HasilCS
        ``att``: estimate, se, ci_low, ci_high, p_value, method, n_units, n_clusters,
        n_unit_triwulan (treated unit-quarters averaged). ``event_study``:
        relative_period, estimate, se, ci_low, ci_high, n_gelombang. ``per_gelombang``:
        gelombang, g, estimate, se, ci_low, ci_high, n_units. ``group_time``: g, t,
        estimate, se.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> units = np.repeat(np.arange(40), 6)
    >>> t = np.tile(np.arange(8000, 8006), 40)
    >>> g = np.where(units < 20, 8003, pd.NA)
    >>> y = rng.normal(size=240) + 2.0 * ((units < 20) & (t >= 8003))
    >>> p = pd.DataFrame({"unit_kerja": units.astype(str), "t": t,
    ...                   "g": pd.array(g, dtype="Int64"), "y": y})
    >>> r = estimasi_cs(p, "y", n_bootstrap=0)
    >>> bool(r.att["ci_low"] < 2.0 < r.att["ci_high"]), r.att["n_units"]
    (True, 40)
    """
    from diff_diff import CallawaySantAnna

    d = _numeric_panel(panel, outcome)
    n_units = int(d["unit_id"].nunique())
    boot = n_bootstrap > 0 and n_units < min_klaster
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cs = CallawaySantAnna(control_group=control_group, estimation_method="dr",
                              alpha=alpha, n_bootstrap=n_bootstrap if boot else 0,
                              bootstrap_weights="webb", seed=seed)
        res = cs.fit(d, outcome=outcome, unit="unit_id", time="t", first_treat="g0")
        es = res.aggregate("event_study")
        grp = res.aggregate("group")
    # Few clusters: t(G-1) reference distribution with the bootstrap standard errors
    # (the CS bootstrap itself uses normal quantiles, which under-cover with ~12 units).
    crit = float(stats.t.ppf(1 - alpha / 2, n_units - 1)) if boot else None

    def _ci(est: Any, se: Any) -> tuple[np.ndarray, np.ndarray]:
        est, se = np.asarray(est, float), np.asarray(se, float)
        return est - crit * se, est + crit * se

    if boot:
        lo, hi = _ci(res.overall_att, res.overall_se)
        p_overall = float(2 * stats.t.sf(abs(res.overall_att / res.overall_se), n_units - 1))
    else:
        lo, hi = res.overall_conf_int
        p_overall = float(res.overall_p_value)
    treated_cells = int(((d["g0"] > 0) & (d["t"] >= d["g0"])).sum())
    kontrol = "belum/tidak diobati" if control_group == "not_yet_treated" else "tidak diobati"
    method = (f"Callaway-Sant'Anna (kontrol: {kontrol}), "
              + (f"bootstrap pengali Webb {n_bootstrap}x per unit, t({n_units - 1})" if boot
                 else "galat baku analitik (fungsi pengaruh) per unit"))
    att = {"estimate": float(res.overall_att), "se": float(res.overall_se),
           "ci_low": float(lo), "ci_high": float(hi), "p_value": p_overall,
           "method": method, "n_units": n_units, "n_clusters": n_units,
           "n_unit_triwulan": treated_cells, "bootstrap": bool(boot)}
    e = np.asarray(es.event_time)
    es_df = pd.DataFrame({"relative_period": e.astype(int), "estimate": es.att, "se": es.se,
                          "ci_low": es.conf_int_lower, "ci_high": es.conf_int_upper,
                          "n_gelombang": np.asarray(es.n).astype(int)})
    gr_lo, gr_hi = np.asarray(grp.conf_int_lower), np.asarray(grp.conf_int_upper)
    if boot:
        es_df["ci_low"], es_df["ci_high"] = _ci(es_df["estimate"], es_df["se"])
        gr_lo, gr_hi = _ci(grp.att, grp.se)
    es_df = es_df[(es_df["relative_period"] >= -leads) & (es_df["relative_period"] <= lags)]
    groups = np.asarray(grp.label if hasattr(grp, "label") and grp.label is not None
                        else sorted(d.loc[d["g0"] > 0, "g0"].unique()))
    size = d[d["g0"] > 0].groupby("g0")["unit_id"].nunique()
    pg = pd.DataFrame({"g": groups.astype(int), "estimate": grp.att, "se": grp.se,
                       "ci_low": gr_lo, "ci_high": gr_hi})
    pg["gelombang"] = [int_ke_triwulan(x) for x in pg["g"]]
    pg["n_units"] = pg["g"].map(size).fillna(0).astype(int)
    pg = pg[["gelombang", "g", "estimate", "se", "ci_low", "ci_high", "n_units"]]
    gt = pd.DataFrame([{"g": int(k[0]), "t": int(k[1]), "estimate": v["effect"], "se": v["se"]}
                       for k, v in res.group_time_effects.items()])
    vcov = None
    if es.vcov is not None:
        # correlation from the library's event-study covariance, scale from the reported
        # (bootstrap when used) standard errors, so the test matches the plotted intervals
        v = np.asarray(es.vcov, dtype=float)
        sd = np.sqrt(np.clip(np.diag(v), 0, None))
        with np.errstate(divide="ignore", invalid="ignore"):
            corr = v / np.outer(sd, sd)
        se_es = np.asarray(es.se, dtype=float)
        vcov = np.nan_to_num(corr) * np.outer(se_es, se_es)
    pre = uji_pretrend(np.asarray(es.att), vcov, e, leads=leads, n_clusters=n_units,
                       min_klaster=min_klaster)
    return HasilCS(att=att, event_study=es_df.reset_index(drop=True), per_gelombang=pg,
                   pretrend_p_value=pre["p_value"], pretrend=pre, group_time=gt)


def estimasi_imputasi(panel: pd.DataFrame, outcome: str, *, alpha: float = 0.05,
                      min_klaster: int = MIN_KLASTER) -> dict[str, Any]:
    """Borusyak-Jaravel-Spiess (2024) imputation ATT: a second heterogeneity-robust estimate.

    Not shown in the report: on the Banyumanik demo design it has the smallest error but
    its clustered intervals cover the planted ATT only ~65 % of the time (one never-treated
    unit; see ``benchmarks/coverage.md``). Kept for the coverage study and for larger data.

    Unit and quarter effects are fitted on untreated unit-quarters only (all pre-adoption
    quarters, not just the one before adoption as in CS), the untreated outcome is imputed
    for treated cells and the ATT is the mean of observed minus imputed over all treated
    unit-quarters (same target as the CS 'simple' aggregation). No forbidden comparisons.
    Standard errors: BJS conservative variance clustered by unit, t(G-1) intervals with
    fewer than ``min_klaster`` units.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> units = np.repeat(np.arange(40), 6)
    >>> t = np.tile(np.arange(8000, 8006), 40)
    >>> g = np.where(units < 20, 8003, pd.NA)
    >>> y = rng.normal(size=240) + 2.0 * ((units < 20) & (t >= 8003))
    >>> p = pd.DataFrame({"unit_kerja": units.astype(str), "t": t,
    ...                   "g": pd.array(g, dtype="Int64"), "y": y})
    >>> r = estimasi_imputasi(p, "y")
    >>> bool(r["ci_low"] < 2.0 < r["ci_high"])
    True
    """
    from diff_diff import ImputationDiD

    d = _numeric_panel(panel, outcome)
    G = int(d["unit_id"].nunique())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        r = ImputationDiD(alpha=alpha).fit(d, outcome=outcome, unit="unit_id", time="t",
                                           first_treat="g0")
    est, se = float(r.overall_att), float(r.overall_se)
    if G < min_klaster:
        q = float(stats.t.ppf(1 - alpha / 2, G - 1))
        lo, hi = est - q * se, est + q * se
        p = float(2 * stats.t.sf(abs(est / se), G - 1))
        how = f"t({G - 1})"
    else:
        lo, hi = (float(v) for v in r.overall_conf_int)
        p, how = float(r.overall_p_value), "normal"
    return {"estimate": est, "se": se, "ci_low": lo, "ci_high": hi, "p_value": p,
            "method": f"Imputasi Borusyak-Jaravel-Spiess, galat baku klaster per unit, {how}",
            "n_units": G, "n_clusters": G}


def uji_pretrend(estimates: np.ndarray, vcov: np.ndarray | None, relative_period: np.ndarray,
                 *, leads: int = 4, n_clusters: int | None = None,
                 min_klaster: int = MIN_KLASTER) -> dict[str, Any]:
    """Joint Wald test that the event-study leads ``-leads..-1`` are all zero.

    Uses a pseudo-inverse (q = rank of the lead covariance). With fewer than
    ``min_klaster`` clusters the Wald statistic W is given the Hotelling T^2 form
    ``W (G-q) / (q (G-1)) ~ F(q, G-q)``, otherwise ``W ~ chi2(q)``. Even so, with 12 units
    the test rejects too often (about 10-12 % at the 5 % level in the coverage study).

    Examples
    --------
    >>> r = uji_pretrend(np.array([0.1, -0.1, 1.0]), np.eye(3) * 0.01, np.array([-2, -1, 0]))
    >>> r["q"], round(r["statistic"], 1), round(r["p_value"], 4)
    (2, 2.0, 0.3679)
    """
    e = np.asarray(relative_period)
    sel = (e < 0) & (e >= -leads)
    out: dict[str, Any] = {"q": 0, "statistic": None, "p_value": None, "distribution": None}
    if vcov is None or not sel.any():
        return out
    b = np.asarray(estimates, dtype=float)[sel]
    v = np.asarray(vcov, dtype=float)[np.ix_(sel, sel)]
    ok = np.isfinite(b) & np.isfinite(np.diag(v))
    b, v = b[ok], v[np.ix_(ok, ok)]
    if len(b) == 0:
        return out
    q = int(np.linalg.matrix_rank(v))
    if q == 0:
        return out
    w = float(b @ np.linalg.pinv(v) @ b)
    if n_clusters is not None and n_clusters < min_klaster and n_clusters > q:
        # Hotelling T^2 small-sample form: the lead covariance is estimated from G clusters
        stat = w * (n_clusters - q) / (q * (n_clusters - 1))
        p = float(stats.f.sf(stat, q, n_clusters - q))
        dist = f"F({q}, {n_clusters - q})"
    else:
        stat, p, dist = w, float(stats.chi2.sf(w, q)), f"chi2({q})"
    return {"q": q, "statistic": float(stat), "p_value": p, "distribution": dist}


# --------------------------------------------------------------------------------------
# Two-way fixed effects
# --------------------------------------------------------------------------------------


def _within(y: np.ndarray, unit: np.ndarray, time: np.ndarray, tol: float = 1e-10,
            max_iter: int = 1000) -> np.ndarray:
    """Two-way demeaning by alternating projections (exact in one pass if balanced)."""
    out = np.asarray(y, dtype=float).copy()
    nu, nt = unit.max() + 1, time.max() + 1
    cu, ct = np.bincount(unit, minlength=nu), np.bincount(time, minlength=nt)
    for _ in range(max_iter):
        out -= (np.bincount(unit, out, nu) / np.maximum(cu, 1))[unit]
        step = (np.bincount(time, out, nt) / np.maximum(ct, 1))[time]
        out -= step
        if np.max(np.abs(step)) < tol:
            break
    return out


def wild_cluster_bootstrap(y: np.ndarray, d: np.ndarray, cluster: np.ndarray, *,
                           n_bootstrap: int = 999, seed: int = 2026, alpha: float = 0.05,
                           beta0: float = 0.0, small_sample: float = 1.0) -> dict[str, float]:
    """Wild cluster restricted (WCR) bootstrap for one regressor after partialling out.

    ``y`` and ``d`` must already be residualised on the fixed effects (FWL), so the
    restricted model under ``H0: beta = b0`` has fitted value ``b0 * d``. Webb six-point
    weights per cluster; the same weight draws are used for the p-value and for the
    confidence interval (inverting the test by bisection). Everything reduces to
    per-cluster sums, so the cost is O(B x G).

    Returns
    -------
    dict
        ``estimate``, ``t`` (cluster-robust t under ``beta0``), ``p_value`` (symmetric,
        for ``beta0``), ``ci_low``, ``ci_high``, ``n_bootstrap``, ``n_clusters``.

    Examples
    --------
    >>> rng = np.random.default_rng(1)
    >>> g = np.repeat(np.arange(12), 20)
    >>> d = rng.normal(size=240)
    >>> y = 0.5 * d + rng.normal(size=12)[g] * 0 + rng.normal(size=240)
    >>> r = wild_cluster_bootstrap(y - y.mean(), d - d.mean(), g, n_bootstrap=499)
    >>> bool(r["ci_low"] < 0.5 < r["ci_high"]), r["n_clusters"]
    (True, 12)
    """
    y = np.asarray(y, float)
    d = np.asarray(d, float)
    cl = pd.factorize(np.asarray(cluster))[0]
    G = int(cl.max()) + 1
    sdd = float(d @ d)
    beta = float(d @ y) / sdd
    c_g = np.bincount(cl, d * y, G)  # sum d*y per cluster
    h_g = np.bincount(cl, d * d, G)  # sum d*d per cluster
    rng = np.random.default_rng(seed)
    W = _WEBB[rng.integers(0, 6, size=(n_bootstrap, G))]

    def se_from_scores(s: np.ndarray) -> np.ndarray:
        return np.sqrt(small_sample * (s * s).sum(axis=-1)) / sdd

    se_hat = float(se_from_scores(c_g - beta * h_g))

    def pval(b0: float) -> float:
        t_obs = (beta - b0) / se_hat
        a_g = c_g - b0 * h_g  # per-cluster d'e0 under H0
        bstar_minus = (W * a_g).sum(axis=1) / sdd
        s_star = W * a_g - bstar_minus[:, None] * h_g
        t_star = bstar_minus / se_from_scores(s_star)
        return float(np.mean(np.abs(t_star) >= abs(t_obs)))

    def bound(sign: float) -> float:
        inner, step = beta, max(se_hat, 1e-12)
        outer = beta + sign * 2 * step
        k = 0
        while pval(outer) > alpha and k < 60:
            inner, outer = outer, outer + sign * 2 * step
            step *= 2
            k += 1
        for _ in range(50):
            mid = 0.5 * (inner + outer)
            if pval(mid) > alpha:
                inner = mid
            else:
                outer = mid
        return 0.5 * (inner + outer)

    # p-value floored at 1/(B+1): a finite bootstrap cannot show p = 0
    return {"estimate": beta, "se": se_hat, "t": (beta - beta0) / se_hat,
            "p_value": max(pval(beta0), 1.0 / (n_bootstrap + 1)),
            "ci_low": bound(-1.0), "ci_high": bound(1.0), "n_bootstrap": int(n_bootstrap),
            "n_clusters": G}


def estimasi_twfe(panel: pd.DataFrame, outcome: str, *, n_bootstrap: int = 999,
                  seed: int = 2026, alpha: float = 0.05,
                  min_klaster: int = MIN_KLASTER) -> dict[str, Any]:
    """Static two-way fixed effects DiD: outcome on treated-now, unit and quarter effects.

    Within estimator (linearmodels ``PanelOLS``; memory stays O(rows)), standard errors
    clustered by unit with the Stata small-sample factor ``G/(G-1) * (N-1)/(N-K)`` and
    t(G-1) intervals. With fewer than ``min_klaster`` units the reported interval and
    p-value come from the wild cluster restricted bootstrap (:func:`wild_cluster_bootstrap`).

    Returns
    -------
    dict
        estimate, se, ci_low, ci_high, p_value, method, n_units, n_clusters, n_obs.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> units = np.repeat(np.arange(40), 6)
    >>> t = np.tile(np.arange(8000, 8006), 40)
    >>> g = np.where(units < 20, 8003, pd.NA)
    >>> y = rng.normal(size=240) + 2.0 * ((units < 20) & (t >= 8003))
    >>> p = pd.DataFrame({"unit_kerja": units.astype(str), "t": t,
    ...                   "g": pd.array(g, dtype="Int64"), "y": y})
    >>> r = estimasi_twfe(p, "y")
    >>> bool(r["ci_low"] < 2.0 < r["ci_high"]), r["n_clusters"]
    (True, 40)
    """
    from linearmodels import PanelOLS

    d = _numeric_panel(panel, outcome)
    d["D"] = ((d["g0"] > 0) & (d["t"] >= d["g0"])).astype(float)
    pi = d.set_index(["unit_id", "t"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = PanelOLS(pi[outcome], pi[["D"]], entity_effects=True, time_effects=True,
                       drop_absorbed=True).fit(cov_type="clustered", cluster_entity=True,
                                               debiased=True, group_debias=True)
    G = int(d["unit_id"].nunique())
    beta, se = float(res.params["D"]), float(res.std_errors["D"])
    n, k = int(res.nobs), int(res.nobs - res.df_resid)
    out: dict[str, Any] = {"estimate": beta, "se": se, "n_units": G, "n_clusters": G,
                           "n_obs": n}
    tq = float(stats.t.ppf(1 - alpha / 2, G - 1))
    if n_bootstrap > 0 and G < min_klaster:
        tt = pd.factorize(d["t"], sort=True)[0]
        yt = _within(d[outcome].to_numpy(), d["unit_id"].to_numpy(), tt)
        dt = _within(d["D"].to_numpy(), d["unit_id"].to_numpy(), tt)
        factor = G / (G - 1) * (n - 1) / (n - k)
        wb = wild_cluster_bootstrap(yt, dt, d["unit_id"].to_numpy(), n_bootstrap=n_bootstrap,
                                    seed=seed, alpha=alpha, small_sample=factor)
        out.update(ci_low=wb["ci_low"], ci_high=wb["ci_high"], p_value=wb["p_value"],
                   method=f"TWFE (efek tetap unit dan triwulan), bootstrap liar klaster "
                          f"terbatas (WCR) Webb {n_bootstrap}x per unit")
    else:
        out.update(ci_low=beta - tq * se, ci_high=beta + tq * se,
                   p_value=float(2 * stats.t.sf(abs(beta / se), G - 1)),
                   method="TWFE (efek tetap unit dan triwulan), galat baku klaster per unit "
                          "G/(G-1)*(N-1)/(N-K), t(G-1)")
    return out


def bacon(panel: pd.DataFrame, outcome: str) -> dict[str, float] | None:
    """Goodman-Bacon weights of the TWFE estimate (share of 'forbidden' comparisons).

    Returns None when the decomposition cannot be computed (e.g. unbalanced panel).
    """
    from diff_diff import BaconDecomposition

    d = _numeric_panel(panel, outcome)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            b = BaconDecomposition().fit(d, outcome=outcome, unit="unit_id", time="t",
                                         first_treat="g0")
    except Exception:  # diagnostics only; the report says it is missing
        return None
    return {"bobot_vs_tidak_diobati": float(b.total_weight_treated_vs_never),
            "bobot_awal_vs_akhir": float(b.total_weight_earlier_vs_later),
            "bobot_terlarang": float(b.total_weight_later_vs_earlier)}


def perbandingan(cs_att: dict[str, Any], twfe: dict[str, Any]) -> str:
    """Classify how CS and TWFE relate: ``"sejalan"``, ``"beda_besar"`` or ``"beda_tanda"``.

    They *disagree* when the TWFE point estimate is outside the CS 95 % interval or the
    signs differ with either interval excluding zero.

    Examples
    --------
    >>> perbandingan({"estimate": 1.0, "ci_low": 0.5, "ci_high": 1.5},
    ...              {"estimate": 3.0, "ci_low": 2.0, "ci_high": 4.0})
    'beda_besar'
    """
    from .laporan.bagian import arah  # the one up / down / unclear rule

    a, b = cs_att["estimate"], twfe["estimate"]
    sig = (arah(cs_att["ci_low"], cs_att["ci_high"]) != "tidak_jelas"
           or arah(twfe["ci_low"], twfe["ci_high"]) != "tidak_jelas")
    if np.sign(a) != np.sign(b) and sig:
        return "beda_tanda"
    if not cs_att["ci_low"] <= b <= cs_att["ci_high"]:
        return "beda_besar"
    return "sejalan"


def mde(se: float, alpha: float = 0.05, power: float = 0.8) -> float:
    """Minimum detectable effect for a two-sided test: ``(z_{1-a/2} + z_power) * se``.

    Examples
    --------
    >>> round(mde(1.0), 2)
    2.8
    """
    return float((stats.norm.ppf(1 - alpha / 2) + stats.norm.ppf(power)) * se)


# --------------------------------------------------------------------------------------
# All outcomes, results.json shape
# --------------------------------------------------------------------------------------


def ringkasan_dampak(panel: pd.DataFrame, *, hasil: tuple[str, ...] = HASIL,
                     control_group: str = "not_yet_treated", n_bootstrap: int = 999,
                     seed: int = 2026, alpha: float = 0.05, leads: int = 4,
                     lags: int = 8, maks_unit_bacon: int = 5000,
                     ) -> dict[str, dict[str, Any] | None]:
    """CS, TWFE, event study, per-wave table and pre-trend test for every outcome.

    An outcome without data, or whose estimation fails for lack of comparison units, maps
    to None. The Goodman-Bacon decomposition is skipped above ``maks_unit_bacon`` units.

    Returns the unrounded ``dampak`` section of results.json (minus ``pembinaan_rd``):
    per outcome ``att``, ``twfe``, ``event_study`` (list of dicts), ``per_gelombang``,
    ``pretrend_p_value``, ``pretrend``, ``perbandingan``, ``bacon``, ``mde``.
    """
    out: dict[str, dict[str, Any] | None] = {}
    n_units = int(panel["unit_kerja"].nunique())
    for y in hasil:
        if y not in panel.columns or panel[y].notna().sum() == 0:
            out[y] = None
            continue
        try:
            cs = estimasi_cs(panel, y, control_group=control_group, n_bootstrap=n_bootstrap,
                             seed=seed, alpha=alpha, leads=leads, lags=lags)
            tw = estimasi_twfe(panel, y, n_bootstrap=n_bootstrap, seed=seed, alpha=alpha)
        except (ValueError, np.linalg.LinAlgError):
            # e.g. no comparison units at all: the notebook says the data are not enough
            out[y] = None
            continue
        out[y] = {
            # ``n`` (units, the clusters) so every estimate object has estimate/ci/n
            "att": {**cs.att, "n": cs.att["n_units"]},
            "twfe": {**tw, "n": tw.get("n_obs")},
            "event_study": cs.event_study.to_dict(orient="records"),
            "per_gelombang": cs.per_gelombang.to_dict(orient="records"),
            "pretrend_p_value": cs.pretrend_p_value,
            "pretrend": cs.pretrend,
            "perbandingan": perbandingan(cs.att, tw),
            "bacon": bacon(panel, y) if n_units <= maks_unit_bacon else None,
            "mde": mde(cs.att["se"], alpha),
        }
    return out
