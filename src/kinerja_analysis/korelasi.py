"""Survey-to-score correlations: do citizens (IKM) and supervisors (SKP scores) agree?

Method caveat (FACTS.md §7 item 10, not a regulation): IKM is measured per service unit
and SKP scores per person, so unit-level correlations are ecological and rest on few units
(12 in Banyumanik). Every correlation is reported with its 95 % interval and ``n``; the
between-unit Spearman correlation also gets a permutation p-value. The SE MenPANRB 3/2023
distribution pattern (FACTS.md §2.3) compresses the spread of staff predicates, which
weakens any correlation with them.

Levels of analysis
------------------
* **Unit-quarter panel** (:func:`panel_unit_triwulan`): IKM by the regulation's formula
  (:func:`kinerja_analysis.ikm.hitung_ikm`, FACTS.md §1.4 [P]) with its delta-method SE,
  the mean ``skor_kinerja`` and ``kualitas_pelayanan`` of the unit's staff, and the share
  of Baik/Sangat Baik predikat. Cells with fewer than ``k_min_responden`` respondents are
  dropped and counted.
* **Between units** (:func:`korelasi_antar_unit`): correlation of the unit means over the
  period (one point per unit).
* **Within units** (:func:`korelasi_dalam_unit`): repeated-measures correlation (rmcorr,
  Bakdash & Marusich 2017, *Front. Psychol.* 8:456): the correlation of the deviations of
  each unit-quarter from its unit mean, with ``df = N - k - 1`` (N cells, k units).
  A pooled correlation of all unit-quarters (:func:`korelasi_gabungan`) mixes the two and
  can show neither, which is why it is reported only as a warning.
* **Officers** (:func:`tabel_petugas`, :func:`korelasi_petugas`): satisfaction of the
  citizens each officer served (``id_petugas``) against the officer's own score, with a
  statsmodels MixedLM (unit random intercepts plus the unit mean of satisfaction, i.e. the
  within-between / Mundlak form) so unit differences do not pass for officer differences.

Intervals
---------
* Pearson: Fisher z, SE ``1/sqrt(n-3)`` (as ``pingouin.corr`` and R ``cor.test``).
* Spearman: Fisher z with the Bonett & Wright (2000) SE ``sqrt((1 + r^2/2)/(n-3))``,
  wider than the Pearson SE and with better coverage for rank correlations (pingouin uses
  the Pearson SE for Spearman; its r and p are the same as ours).
* rmcorr: Fisher z with SE ``1/sqrt(df-1)`` (R package rmcorr and ``pingouin.rm_corr``);
  the within-unit Spearman variant is rmcorr on within-unit ranks with the Bonett-Wright
  SE ``sqrt((1 + r^2/2)/(df-1))``.
* p-values: two-sided Student t with ``n-2`` (or ``df``) degrees of freedom, as scipy.
* Element (U1..U9) p-values are adjusted with Holm's step-down method within each family
  of nine tests (one family per level and method).
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd
from scipy import stats

from . import ikm, privacy
from .kunci import KunciPegawaiTriwulan

__all__ = [
    "KARAKTERISTIK",
    "PENYESUAIAN_P",
    "PREDIKAT_BAIK",
    "analisis",
    "hasil_json",
    "inflasi_predikat",
    "keadilan_penilai",
    "korelasi",
    "korelasi_antar_unit",
    "korelasi_dalam_unit",
    "korelasi_gabungan",
    "korelasi_petugas",
    "korelasi_unsur",
    "panel_unit_triwulan",
    "rata_unit",
    "rm_korelasi",
    "selisih_peringkat",
    "sesuaikan_p",
    "simpangan_dalam_unit",
    "tabel_petugas",
]

Metode = Literal["pearson", "spearman"]

#: Predikat counted as "Baik or better" for the rating-inflation table (PermenPANRB 6/2022).
PREDIKAT_BAIK: tuple[str, ...] = ("Sangat Baik", "Baik")
#: Staff characteristics of the rater-fairness table (columns of ``pegawai``).
KARAKTERISTIK: tuple[str, ...] = (
    "jenis_kelamin",
    "kelompok_usia",
    "golongan_ruang",
    "status_kepegawaian",
)
UNSUR = list(ikm.UNSUR_KODE)
#: Multiple-testing adjustment of the element p-values (stated in results.json).
PENYESUAIAN_P = "holm"
_BY = ["unit_kerja", "triwulan"]
#: Between-unit permutation tests run up to this many units (memory n_perm x n; above, the
#: t approximation is fine and the permutation p is NaN).
MAKS_UNIT_PERMUTASI = 500
#: Fewest officers (each with at least ``k_min_responden`` respondents) for the officer-level
#: analysis and the rater-fairness table.
MIN_PETUGAS = 5


# --------------------------------------------------------------------------- core statistics


def _z(level: float) -> float:
    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1, got {level!r}")
    return float(stats.norm.ppf(1 - (1 - level) / 2))


def _fisher_ci(r: float, se: float, level: float) -> tuple[float, float]:
    """Fisher-z interval ``tanh(atanh(r) -+ z * se)``; ``[r, r]`` when ``|r| = 1``."""
    if np.isnan(r) or np.isnan(se):
        return (np.nan, np.nan)
    if abs(r) >= 1:
        return (float(np.sign(r)), float(np.sign(r)))
    z, q = np.arctanh(r), _z(level)
    return (float(np.tanh(z - q * se)), float(np.tanh(z + q * se)))


def _p_t(r: float, df: int) -> float:
    """Two-sided p of ``H0: rho = 0`` from ``t = r sqrt(df / (1 - r^2))``."""
    if df < 1 or np.isnan(r):
        return np.nan
    if abs(r) >= 1:
        return 0.0
    t = r * np.sqrt(df / (1 - r * r))
    return float(2 * stats.t.sf(abs(t), df))


def _se(r: float, m: int, method: str) -> float:
    """SE of atanh(r) with ``m`` = n - 3 (plain) or df - 1 (rmcorr)."""
    if m <= 0:
        return np.nan
    if method == "spearman":
        return float(np.sqrt((1 + r * r / 2) / m))  # Bonett & Wright (2000)
    return float(1 / np.sqrt(m))


def _pearson(x: np.ndarray, y: np.ndarray) -> float:
    dx, dy = x - x.mean(), y - y.mean()
    den = np.sqrt((dx * dx).sum() * (dy * dy).sum())
    return float((dx * dy).sum() / den) if den > 0 else np.nan


def _check_method(method: str) -> None:
    if method not in ("pearson", "spearman"):
        raise ValueError(f"method must be 'pearson' or 'spearman', got {method!r}")


def korelasi(
    x: Sequence[float] | np.ndarray | pd.Series,
    y: Sequence[float] | np.ndarray | pd.Series,
    method: Metode = "pearson",
    level: float = 0.95,
) -> dict:
    """Pearson or Spearman correlation with a Fisher-z interval and two-sided p.

    Pairs with a missing value are dropped. Pearson SE ``1/sqrt(n-3)``; Spearman SE
    ``sqrt((1 + r^2/2)/(n-3))`` (Bonett & Wright 2000). p from Student t with n-2 df
    (equal to ``scipy.stats.pearsonr`` / ``spearmanr``).

    Parameters
    ----------
    x, y : array-like
        Paired values.
    method : {"pearson", "spearman"}
    level : float
        Confidence level of the interval.

    Returns
    -------
    dict
        ``r, ci_low, ci_high, p_value, n, method`` (NaN with fewer than 4 pairs).

    Examples
    --------
    >>> out = korelasi([1, 2, 3, 4, 5], [2, 1, 4, 3, 5])
    >>> round(out["r"], 3), round(out["ci_low"], 3), round(out["p_value"], 3), out["n"]
    (0.8, -0.28, 0.104, 5)
    """
    _check_method(method)
    a = np.asarray(x, dtype=float)
    b = np.asarray(y, dtype=float)
    if a.shape != b.shape:
        raise ValueError("x and y must have the same length")
    keep = ~(np.isnan(a) | np.isnan(b))
    a, b = a[keep], b[keep]
    n = int(len(a))
    if method == "spearman":
        a, b = stats.rankdata(a), stats.rankdata(b)
    r = _pearson(a, b) if n >= 2 else np.nan
    low, high = _fisher_ci(r, _se(r, n - 3, method), level) if n >= 4 else (np.nan, np.nan)
    label = ("Pearson, Fisher z CI" if method == "pearson"
             else "Spearman, Fisher z CI with Bonett-Wright SE")
    return {"r": r, "ci_low": low, "ci_high": high, "p_value": _p_t(r, n - 2) if n >= 3 else
            np.nan, "n": n, "method": label}


def rm_korelasi(
    df: pd.DataFrame,
    x: str,
    y: str,
    subject: str,
    method: Metode = "pearson",
    level: float = 0.95,
) -> dict:
    """Repeated-measures correlation (Bakdash & Marusich 2017).

    The common within-subject slope of ``y ~ C(subject) + x`` expressed as a correlation:
    ``r = sum(dx dy) / sqrt(sum dx^2 sum dy^2)`` with ``dx, dy`` the deviations from each
    subject's mean; ``df = N - k - 1``; p from Student t with ``df``; CI Fisher z with SE
    ``1/sqrt(df-1)`` as the R package rmcorr and ``pingouin.rm_corr``. ``"spearman"``
    ranks ``x`` and ``y`` within each subject first (average ranks for ties), then applies
    rmcorr, with the Bonett-Wright SE. Rows with a missing value are dropped.

    Parameters
    ----------
    df : pandas.DataFrame
    x, y, subject : str
        Column names (``subject`` is the unit, e.g. ``unit_kerja``).
    method : {"pearson", "spearman"}
    level : float

    Returns
    -------
    dict
        ``r, ci_low, ci_high, p_value, n`` (observations), ``df``, ``n_subjek``, ``method``.

    Examples
    --------
    >>> d = pd.DataFrame({"s": [1, 1, 1, 2, 2, 2], "x": [1, 2, 3, 11, 12, 13],
    ...                   "y": [3, 2, 1, 13, 12, 10]})
    >>> out = rm_korelasi(d, "x", "y", "s")
    >>> round(out["r"], 4), out["df"], round(out["p_value"], 4)
    (-0.9682, 3, 0.0068)
    """
    _check_method(method)
    d = df[[subject, x, y]].dropna()
    codes, _ = pd.factorize(d[subject])
    a = d[x].to_numpy(dtype=float)
    b = d[y].to_numpy(dtype=float)
    if method == "spearman":
        a = d.groupby(subject, sort=False)[x].rank(method="average").to_numpy(dtype=float)
        b = d.groupby(subject, sort=False)[y].rank(method="average").to_numpy(dtype=float)
    k = int(codes.max() + 1) if len(codes) else 0
    n = len(a)
    cnt = np.bincount(codes, minlength=k)
    da = a - (np.bincount(codes, a, k) / cnt)[codes]
    db = b - (np.bincount(codes, b, k) / cnt)[codes]
    den = np.sqrt((da * da).sum() * (db * db).sum())
    r = float((da * db).sum() / den) if den > 0 else np.nan
    dof = n - k - 1
    low, high = _fisher_ci(r, _se(r, dof - 1, method), level) if dof >= 2 else (np.nan, np.nan)
    label = ("repeated-measures correlation (rmcorr), Fisher z CI" if method == "pearson"
             else "rmcorr on within-unit ranks, Fisher z CI with Bonett-Wright SE")
    return {"r": r, "ci_low": low, "ci_high": high, "p_value": _p_t(r, dof), "n": n,
            "df": dof, "n_subjek": k, "method": label}


# --------------------------------------------------------------------------- panel


def _skor_respondent(survei: pd.DataFrame) -> np.ndarray:
    """Respondent satisfaction on the IKM scale: 25 x mean of the answered elements."""
    x = survei[UNSUR].astype("float64").to_numpy(dtype=float, na_value=np.nan)
    with np.errstate(invalid="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return 25 * np.nanmean(x, axis=1)


def panel_unit_triwulan(
    survei: pd.DataFrame,
    penilaian: pd.DataFrame,
    k_min_responden: int = 5,
) -> pd.DataFrame:
    """Unit-quarter panel of IKM and staff scores.

    Parameters
    ----------
    survei : pandas.DataFrame
        ``survei_kepuasan`` (``unit_kerja``, ``triwulan``, ``u1``..``u9``).
    penilaian : pandas.DataFrame
        ``penilaian_kinerja`` (``unit_kerja``, ``triwulan``, ``skor_kinerja``,
        ``kualitas_pelayanan``; ``predikat`` optional: without it ``n_predikat`` is 0).
    k_min_responden : int
        Cells with fewer respondents are dropped (FACTS.md §5.2: n >= 5 for citizen
        tables).

    Returns
    -------
    pandas.DataFrame
        One row per kept cell with both sources: ``unit_kerja, triwulan, n_responden, ikm,
        ikm_se, mutu, nrr_u1..nrr_u9, n_pegawai, skor_kinerja, kualitas_pelayanan,
        n_predikat, n_baik`` (staff rated Baik or Sangat Baik). ``attrs`` holds ``n_sel``
        (cells with survey answers), ``n_sel_dibuang`` (dropped for too few respondents),
        ``n_sel_tanpa_skor`` (kept cells without staff scores), ``k_min_responden``,
        ``n_unit_tanpa_survei`` (units with staff scores but no survey answer in any
        quarter) and ``triwulan_tanpa_survei`` (quarters with staff scores but no survey
        answer in any unit).

    Examples
    --------
    >>> s = pd.DataFrame({"unit_kerja": ["A"] * 6 + ["B"] * 2, "triwulan": "2024-Q1",
    ...                   **{u: [4, 3, 3, 4, 3, 4, 2, 2] for u in UNSUR}})
    >>> p = pd.DataFrame({"unit_kerja": ["A", "A", "B"], "triwulan": "2024-Q1",
    ...                   "skor_kinerja": [80.0, 70.0, 60.0], "kualitas_pelayanan": 75.0,
    ...                   "predikat": ["Baik", "Butuh Perbaikan", "Baik"]})
    >>> out = panel_unit_triwulan(s, p, k_min_responden=5)
    >>> out[["unit_kerja", "ikm", "skor_kinerja", "n_baik"]].to_dict("records")
    [{'unit_kerja': 'A', 'ikm': 87.5, 'skor_kinerja': 75.0, 'n_baik': 1}]
    >>> out.attrs["n_sel_dibuang"]
    1
    """
    point = ikm.hitung_ikm(survei, by=_BY)
    se = ikm.ikm_ci(survei, by=_BY)[[*_BY, "se"]].rename(columns={"se": "ikm_se"})
    cells = point.merge(se, on=_BY, how="left")
    n_sel = len(cells)
    small = cells["n_responden"] < k_min_responden
    cells = cells[~small & cells["ikm"].notna()]
    keep = [*_BY, "n_responden", "ikm", "ikm_se", "mutu", *[f"nrr_{u}" for u in UNSUR]]
    cells = cells[keep]

    predikat = (penilaian["predikat"] if "predikat" in penilaian.columns
                else pd.Series(pd.NA, index=penilaian.index, dtype="object"))
    p = penilaian.assign(
        _baik=predikat.isin(PREDIKAT_BAIK).astype("int64"),
        _ada=predikat.notna().astype("int64"),
    )
    g = p.groupby(_BY, sort=True)
    skor = pd.DataFrame({
        "n_pegawai": g["skor_kinerja"].count(),
        "skor_kinerja": g["skor_kinerja"].mean(),
        "kualitas_pelayanan": g["kualitas_pelayanan"].mean(),
        "n_predikat": g["_ada"].sum(),
        "n_baik": g["_baik"].sum(),
    }).reset_index()
    out = cells.merge(skor, on=_BY, how="left")
    no_score = out["skor_kinerja"].isna()
    out = out[~no_score].sort_values(_BY).reset_index(drop=True)
    for c in ("n_pegawai", "n_predikat", "n_baik"):
        out[c] = out[c].astype("int64")
    scored = skor[skor["n_pegawai"] > 0]
    out.attrs = {"n_sel": int(n_sel), "n_sel_dibuang": int(small.sum()),
                 "n_sel_tanpa_skor": int(no_score.sum()), "k_min_responden": k_min_responden,
                 "n_unit_tanpa_survei": int((~pd.Series(scored["unit_kerja"].unique()).isin(
                     point["unit_kerja"])).sum()),
                 "triwulan_tanpa_survei": sorted(
                     set(scored["triwulan"].astype(str)) - set(point["triwulan"].astype(str)))}
    return out


def rata_unit(panel: pd.DataFrame, cols: Sequence[str] = ("ikm", "skor_kinerja")) -> pd.DataFrame:
    """Unit means over the period of the given panel columns, plus ``n_triwulan``.

    Examples
    --------
    >>> p = pd.DataFrame({"unit_kerja": ["A", "A", "B"], "ikm": [80, 90, 70],
    ...                   "skor_kinerja": [70, 72, 60]})
    >>> rata_unit(p).to_dict("records")[0]
    {'unit_kerja': 'A', 'ikm': 85.0, 'skor_kinerja': 71.0, 'n_triwulan': 2}
    """
    g = panel.groupby("unit_kerja", sort=True)
    out = g[list(cols)].mean()
    out["n_triwulan"] = g.size()
    return out.reset_index()


def simpangan_dalam_unit(
    panel: pd.DataFrame, cols: Sequence[str] = ("ikm", "skor_kinerja")
) -> pd.DataFrame:
    """Each cell's deviation from its unit mean (the within-unit variation rmcorr uses).

    Examples
    --------
    >>> p = pd.DataFrame({"unit_kerja": ["A", "A"], "triwulan": ["q1", "q2"],
    ...                   "ikm": [80.0, 90.0], "skor_kinerja": [72.0, 70.0]})
    >>> simpangan_dalam_unit(p)[["ikm", "skor_kinerja"]].to_numpy().tolist()
    [[-5.0, 1.0], [5.0, -1.0]]
    """
    out = panel[["unit_kerja", "triwulan", *cols]].copy()
    means = out.groupby("unit_kerja")[list(cols)].transform("mean")
    out[list(cols)] = out[list(cols)] - means
    return out


# --------------------------------------------------------------------------- correlations


def _frame(rows: dict[str, dict]) -> pd.DataFrame:
    return pd.DataFrame([{"metode": m, **v} for m, v in rows.items()])


def _perm_p(x: np.ndarray, y: np.ndarray, method: str, n_perm: int, seed: int) -> float:
    """Monte-Carlo permutation p (two-sided, |r|), with the +1 correction."""
    keep = ~(np.isnan(x) | np.isnan(y))
    x, y = x[keep], y[keep]
    if len(x) < 4 or len(x) > MAKS_UNIT_PERMUTASI:
        return np.nan
    if method == "spearman":
        x, y = stats.rankdata(x), stats.rankdata(y)
    x = (x - x.mean()) / np.sqrt(((x - x.mean()) ** 2).sum())
    y = (y - y.mean()) / np.sqrt(((y - y.mean()) ** 2).sum())
    r0 = abs(float(x @ y))
    rng = np.random.default_rng(seed)
    perm = rng.permuted(np.tile(y, (n_perm, 1)), axis=1)
    hits = int((np.abs(perm @ x) >= r0 - 1e-12).sum())
    return (hits + 1) / (n_perm + 1)


def korelasi_antar_unit(
    panel: pd.DataFrame,
    x: str = "ikm",
    y: str = "skor_kinerja",
    level: float = 0.95,
    n_perm: int = 9999,
    seed: int = 2026,
) -> pd.DataFrame:
    """Between-unit correlation of the unit means over the period (one point per unit).

    Returns one row per method (``pearson``, ``spearman``) with ``r, ci_low, ci_high,
    p_value, n`` (units), ``method`` and ``p_value_permutasi`` (Monte-Carlo permutation
    test with ``n_perm`` shuffles and ``seed``, for up to 500 units; with few units the t
    approximation is doubtful, with many it is fine and the permutation p is NaN).

    Examples
    --------
    >>> p = pd.DataFrame({"unit_kerja": list("AABBCCDDEE"),
    ...                   "ikm": [80, 82, 70, 72, 90, 88, 60, 64, 75, 77],
    ...                   "skor_kinerja": [71, 73, 69, 70, 75, 74, 65, 66, 70, 69]})
    >>> out = korelasi_antar_unit(p, n_perm=999)
    >>> out[["metode", "n"]].to_dict("records")[1], round(float(out.loc[1, "r"]), 2)
    ({'metode': 'spearman', 'n': 5}, 0.9)
    """
    means = rata_unit(panel, [x, y])
    a, b = means[x].to_numpy(dtype=float), means[y].to_numpy(dtype=float)
    rows = {}
    for m in ("pearson", "spearman"):
        res = korelasi(a, b, m, level)
        res["p_value_permutasi"] = _perm_p(a, b, m, n_perm, seed)
        rows[m] = res
    return _frame(rows)


def korelasi_dalam_unit(
    panel: pd.DataFrame, x: str = "ikm", y: str = "skor_kinerja", level: float = 0.95
) -> pd.DataFrame:
    """Within-unit (repeated-measures) correlation over the unit-quarter panel.

    Returns one row per method with ``r, ci_low, ci_high, p_value, n`` (cells), ``df``,
    ``n_subjek`` (units) and ``method``; see :func:`rm_korelasi`.

    Examples
    --------
    >>> p = pd.DataFrame({"unit_kerja": list("AAABBB"), "ikm": [1, 2, 3, 11, 12, 13],
    ...                   "skor_kinerja": [3, 2, 1, 13, 12, 10]})
    >>> round(float(korelasi_dalam_unit(p).loc[0, "r"]), 4)
    -0.9682
    """
    return _frame({m: rm_korelasi(panel, x, y, "unit_kerja", m, level)
                   for m in ("pearson", "spearman")})


def korelasi_gabungan(
    panel: pd.DataFrame, x: str = "ikm", y: str = "skor_kinerja", level: float = 0.95
) -> dict:
    """Pooled Pearson correlation of all unit-quarter cells (shown only as a warning).

    It treats cells as independent and mixes between- and within-unit variation, so it
    can hide two opposite relations; its interval is too narrow.

    Examples
    --------
    >>> p = pd.DataFrame({"ikm": [1, 2, 3, 4], "skor_kinerja": [1, 3, 2, 4]})
    >>> round(korelasi_gabungan(p)["r"], 2)
    0.8
    """
    return korelasi(panel[x], panel[y], "pearson", level)


def korelasi_unsur(
    panel: pd.DataFrame,
    y: str = "skor_kinerja",
    level: float = 0.95,
    adjust: Literal["holm", "fdr_bh"] = "holm",
) -> pd.DataFrame:
    """Correlation of each element's NRR (U1..U9) with ``y``, between and within units.

    Four families of nine tests (``tingkat`` antar_unit/dalam_unit x ``metode``
    pearson/spearman); ``p_value_adjusted`` is Holm's step-down adjustment (or
    Benjamini-Hochberg with ``adjust="fdr_bh"``) within each family.

    Returns
    -------
    pandas.DataFrame
        ``tingkat, metode, unsur, nama_id, nama_en, r, ci_low, ci_high, p_value,
        p_value_adjusted, n, method``.

    Examples
    --------
    >>> rng = np.random.default_rng(1)
    >>> p = pd.DataFrame({"unit_kerja": np.repeat(list("ABCDEF"), 4),
    ...                   "skor_kinerja": rng.normal(70, 3, 24),
    ...                   **{f"nrr_{u}": rng.uniform(2, 4, 24) for u in UNSUR}})
    >>> out = korelasi_unsur(p)
    >>> len(out), bool((out["p_value_adjusted"] >= out["p_value"]).all())
    (36, True)
    """
    if adjust not in ("holm", "fdr_bh"):
        raise ValueError("adjust must be 'holm' or 'fdr_bh'")
    cols = [f"nrr_{u}" for u in UNSUR]
    means = rata_unit(panel, [*cols, y])
    names = {u.kode: (u.nama_id, u.nama_en) for u in ikm.UNSUR}
    rows = []
    for tingkat in ("antar_unit", "dalam_unit"):
        for m in ("pearson", "spearman"):
            fam = []
            for u, c in zip(UNSUR, cols, strict=True):
                if tingkat == "antar_unit":
                    res = korelasi(means[c], means[y], m, level)
                else:
                    res = rm_korelasi(panel, c, y, "unit_kerja", m, level)
                    res = {k: res[k] for k in ("r", "ci_low", "ci_high", "p_value", "n",
                                                "method")}
                fam.append({"tingkat": tingkat, "metode": m, "unsur": u,
                            "nama_id": names[u][0], "nama_en": names[u][1], **res})
            adj = sesuaikan_p(np.array([f["p_value"] for f in fam], dtype=float), adjust)
            for f, a in zip(fam, adj, strict=True):
                f["p_value_adjusted"] = float(a)
            rows.extend(fam)
    order = ["tingkat", "metode", "unsur", "nama_id", "nama_en", "r", "ci_low", "ci_high",
             "p_value", "p_value_adjusted", "n", "method"]
    return pd.DataFrame(rows)[order]


def sesuaikan_p(p: np.ndarray, method: Literal["holm", "fdr_bh"] = "holm") -> np.ndarray:
    """Holm (family-wise) or Benjamini-Hochberg (FDR) adjusted p-values; NaN stays NaN.

    Same numbers as ``statsmodels.stats.multitest.multipletests`` (tested against it), whose
    Holm branch calls ``gc.collect()`` on every call: about 0.25 s each inside a report
    kernel holding pandas, statsmodels and matplotlib, for nine p-values.

    Examples
    --------
    >>> sesuaikan_p(np.array([0.01, 0.04, 0.03, np.nan]))
    array([0.03, 0.06, 0.06,  nan])
    """
    p = np.asarray(p, dtype=float)
    out = np.full(p.shape, np.nan)
    ok = ~np.isnan(p)
    if not ok.any():
        return out
    if method == "fdr_bh":
        out[ok] = stats.false_discovery_control(p[ok], method="bh")
        return out
    if method != "holm":
        raise ValueError("method must be 'holm' or 'fdr_bh'")
    q = p[ok]
    order = np.argsort(q, kind="stable")
    m = len(q)
    adj = np.minimum(1.0, np.maximum.accumulate(q[order] * (m - np.arange(m))))
    res = np.empty(m)
    res[order] = adj
    out[ok] = res
    return out


# --------------------------------------------------------------------------- disagreement


def selisih_peringkat(panel: pd.DataFrame, level: float = 0.95) -> pd.DataFrame:
    """Units ranked by citizens (IKM) and by supervisors (mean score), and the rank gap.

    The unit's IKM over the period is the mean of its kept quarter cells. Its SE is the
    larger of the survey's sampling SE, ``sqrt(sum se_q^2) / T`` from the cells'
    delta-method SEs, and the quarter-to-quarter SE ``sd(ikm_q) / sqrt(T)``: with ~60
    respondents a quarter the sampling SE alone is tiny, and ranks would then count any
    ordinary quarterly fluctuation as a real disagreement. The mean staff score gets the
    quarter-to-quarter SE too (its staff are a census, so it has no sampling SE; with one
    quarter it is taken as exact). Rank 1 = highest. ``gap = rank_ikm - rank_skor``
    (positive: supervisors rank the unit higher than citizens do). Each interval gives the
    ranks the unit could plausibly hold (``rank_ikm_min``..``rank_ikm_max``,
    ``rank_skor_min``..``rank_skor_max``, other units at their estimates); ``flagged`` is
    true when the two ranges do not overlap, i.e. the gap is beyond what sampling and
    quarterly noise explain.

    Returns
    -------
    pandas.DataFrame
        ``unit_kerja, ikm, ci_low, ci_high, rank_ikm, rank_ikm_min, rank_ikm_max,
        rank_skor, rank_skor_min, rank_skor_max, gap, flagged``, sorted by ``|gap|``
        (largest first).

    Examples
    --------
    >>> p = pd.DataFrame({"unit_kerja": list("ABC"), "triwulan": "q1",
    ...                   "ikm": [90.0, 80.0, 70.0], "ikm_se": [0.5, 0.5, 12.0],
    ...                   "skor_kinerja": [60.0, 70.0, 80.0]})
    >>> selisih_peringkat(p)[["unit_kerja", "gap", "flagged"]].to_dict("records")
    [{'unit_kerja': 'A', 'gap': -2, 'flagged': True},
     {'unit_kerja': 'C', 'gap': 2, 'flagged': False},
     {'unit_kerja': 'B', 'gap': 0, 'flagged': False}]
    """
    g = panel.groupby("unit_kerja", sort=True)
    n_q = g.size()
    sampling = np.sqrt(g["ikm_se"].apply(lambda s: float((s**2).sum()))) / n_q
    u = pd.DataFrame({
        "ikm": g["ikm"].mean(),
        "_se": np.fmax(sampling, g["ikm"].std(ddof=1) / np.sqrt(n_q)),
        "skor": g["skor_kinerja"].mean(),
        "_se_skor": (g["skor_kinerja"].std(ddof=1) / np.sqrt(n_q)).fillna(0.0),
    }).reset_index()
    q = _z(level)
    u["ci_low"] = u["ikm"] - q * u["_se"]
    u["ci_high"] = u["ikm"] + q * u["_se"]
    u["rank_ikm"] = u["ikm"].rank(ascending=False, method="min").astype("int64")
    u["rank_skor"] = u["skor"].rank(ascending=False, method="min").astype("int64")

    def plausible(est: pd.Series, se: pd.Series) -> tuple[np.ndarray, np.ndarray]:
        # other units above the upper limit / at or above the lower limit (the unit itself
        # is always within its own interval, so it is removed from the second count)
        v = np.sort(est.to_numpy())
        lo, hi = (est - q * se).to_numpy(), (est + q * se).to_numpy()
        return (1 + len(v) - np.searchsorted(v, hi, side="right"),
                len(v) - np.searchsorted(v, lo, side="left"))

    u["rank_ikm_min"], u["rank_ikm_max"] = plausible(u["ikm"], u["_se"])
    u["rank_skor_min"], u["rank_skor_max"] = plausible(u["skor"], u["_se_skor"])
    u["gap"] = (u["rank_ikm"] - u["rank_skor"]).astype("int64")
    u["flagged"] = ((u["rank_skor_max"] < u["rank_ikm_min"])
                    | (u["rank_skor_min"] > u["rank_ikm_max"]))
    u = u.assign(_abs=u["gap"].abs()).sort_values(["_abs", "unit_kerja"],
                                                  ascending=[False, True])
    cols = ["unit_kerja", "ikm", "ci_low", "ci_high", "rank_ikm", "rank_ikm_min",
            "rank_ikm_max", "rank_skor", "rank_skor_min", "rank_skor_max", "gap", "flagged"]
    return u[cols].reset_index(drop=True)


# --------------------------------------------------------------------------- inflation


def inflasi_predikat(panel: pd.DataFrame, level: float = 0.95) -> pd.DataFrame:
    """Share of staff rated Baik/Sangat Baik, by the unit-quarter's IKM mutu (A-D).

    The share is the ratio of all Baik/Sangat Baik ratings to all ratings in the cells of
    that grade; its interval is cluster-robust over unit-quarter cells (linearised ratio
    estimator, Student t with ``cells - 1`` df), because staff of one cell share a rater.

    Returns
    -------
    pandas.DataFrame
        ``mutu, n_sel, n_penilaian, porsi_baik, ci_low, ci_high`` for the grades present,
        A to D.

    Examples
    --------
    >>> p = pd.DataFrame({"mutu": ["A", "A", "C", "C"], "n_predikat": [10, 10, 10, 10],
    ...                   "n_baik": [6, 8, 9, 9]})
    >>> inflasi_predikat(p)[["mutu", "n_sel", "porsi_baik"]].to_dict("records")
    [{'mutu': 'A', 'n_sel': 2, 'porsi_baik': 0.7}, {'mutu': 'C', 'n_sel': 2, 'porsi_baik': 0.9}]
    """
    d = panel[panel["n_predikat"] > 0]
    g = d.groupby("mutu", sort=True)
    y, n = g["n_baik"].sum(), g["n_predikat"].sum()
    m = g.size()
    share = y / n
    resid = d["n_baik"] - share.reindex(d["mutu"]).to_numpy() * d["n_predikat"]
    ss = (resid**2).groupby(d["mutu"]).sum()
    nbar = n / m
    with np.errstate(invalid="ignore", divide="ignore"):
        se = np.sqrt(ss / (m * (m - 1))) / nbar
        q = stats.t.ppf(1 - (1 - level) / 2, np.where(m > 1, m - 1, np.nan))
    out = pd.DataFrame({
        "mutu": share.index.astype(str),
        "n_sel": m.to_numpy(dtype="int64"),
        "n_penilaian": n.to_numpy(dtype="int64"),
        "porsi_baik": share.to_numpy(dtype=float),
        "ci_low": np.clip(share.to_numpy(dtype=float) - q * se.to_numpy(dtype=float), 0, 1),
        "ci_high": np.clip(share.to_numpy(dtype=float) + q * se.to_numpy(dtype=float), 0, 1),
    })
    return out.sort_values("mutu").reset_index(drop=True)


# --------------------------------------------------------------------------- officers


def _golongan_ruang(golongan: pd.Series, status: pd.Series) -> pd.Series:
    """PNS golongan I-IV (the Roman part of ``III/a``); NA for PPPK (FACTS.md §3.2)."""
    roman = golongan.astype("string").str.extract(r"^\s*(IV|I{1,3})\s*/", expand=False)
    return roman.where(status.astype("string") == "PNS")


def tabel_petugas(
    survei: pd.DataFrame,
    penilaian: pd.DataFrame,
    pegawai: pd.DataFrame | None = None,
    k_min_responden: int = 5,
) -> pd.DataFrame:
    """One row per serving officer: the satisfaction of the citizens served and own scores.

    Satisfaction is the respondent's mean of the answered elements x 25 (IKM scale), then
    averaged over the officer's respondents (``id_petugas``). The officer's scores are the
    means of ``skor_kinerja`` and ``kualitas_pelayanan`` over the quarters in which the
    officer served at least one surveyed citizen, so both sources cover the same time.
    Officers with fewer than ``k_min_responden`` respondents are dropped (``attrs``
    ``n_petugas_dibuang``). Staff characteristics are joined from ``pegawai`` when given.

    Returns
    -------
    pandas.DataFrame
        ``id_petugas, unit_kerja, n_responden, kepuasan, var_kepuasan, n_triwulan,
        skor_kinerja, kualitas_pelayanan`` and, with ``pegawai``, those of ``jenis_kelamin,
        kelompok_usia, golongan_ruang, status_kepegawaian`` it has (``golongan_ruang`` needs
        both ``golongan`` and ``status_kepegawaian``).

    Examples
    --------
    >>> s = pd.DataFrame({"id_petugas": ["p1"] * 5 + ["p2"], "unit_kerja": "A",
    ...                   "triwulan": "2024-Q1", **{u: [4, 3, 3, 4, 3, 2] for u in UNSUR}})
    >>> pk = pd.DataFrame({"id_pegawai": ["p1", "p2"], "triwulan": "2024-Q1",
    ...                    "skor_kinerja": [80.0, 70.0], "kualitas_pelayanan": [78.0, 70.0]})
    >>> out = tabel_petugas(s, pk)
    >>> out[["id_petugas", "n_responden", "kepuasan", "skor_kinerja"]].to_dict("records")
    [{'id_petugas': 'p1', 'n_responden': 5, 'kepuasan': 85.0, 'skor_kinerja': 80.0}]
    """
    # Copy only what is used: the rows with an officer, their nine answers and three keys
    # (copying whole survey rows held ~5 GB more at the national scale).
    pos = np.flatnonzero(survei["id_petugas"].notna().to_numpy())
    k = _skor_respondent(survei[UNSUR].iloc[pos])
    pos, k = pos[~np.isnan(k)], k[~np.isnan(k)]
    s = survei[["id_petugas", "unit_kerja", "triwulan"]].iloc[pos].assign(_k=k)
    g = s.groupby(["id_petugas", "unit_kerja"], sort=True)["_k"]
    off = pd.DataFrame({"n_responden": g.size(), "kepuasan": g.mean(),
                        "var_kepuasan": g.var(ddof=1)}).reset_index()
    # an officer serving in several units: keep the unit with most respondents
    off = off.sort_values(["id_petugas", "n_responden"], ascending=[True, False])
    off = off.drop_duplicates("id_petugas").reset_index(drop=True)
    few = off["n_responden"] < k_min_responden
    n_drop = int(few.sum())
    off = off[~few]

    # Score rows of the quarters in which the officer served a surveyed citizen: an
    # integer-key lookup (a merge on the id and quarter strings of 34 M national rows).
    kunci = KunciPegawaiTriwulan(penilaian["id_pegawai"], penilaian["triwulan"])
    served = kunci.of(s["id_petugas"], s["triwulan"])
    hit = np.isin(kunci.key, served[served >= 0]) & (kunci.key >= 0)
    sc = penilaian[["id_pegawai", "skor_kinerja", "kualitas_pelayanan"]][hit]
    gs = sc.groupby("id_pegawai", sort=True)
    scores = pd.DataFrame({"n_triwulan": gs["skor_kinerja"].count(),
                           "skor_kinerja": gs["skor_kinerja"].mean(),
                           "kualitas_pelayanan": gs["kualitas_pelayanan"].mean()})
    out = off.merge(scores, left_on="id_petugas", right_index=True, how="inner")
    out = out[out["skor_kinerja"].notna()]
    if pegawai is not None:  # the optional columns it has (docs/data_contract.md)
        ada = [c for c in ("jenis_kelamin", "kelompok_usia", "golongan", "status_kepegawaian")
               if c in pegawai.columns]
        peg = pegawai[["id_pegawai", *ada]].drop_duplicates("id_pegawai")
        if "golongan" in ada and "status_kepegawaian" in ada:
            peg = peg.assign(golongan_ruang=_golongan_ruang(peg["golongan"],
                                                            peg["status_kepegawaian"]))
        out = out.merge(peg.drop(columns="golongan", errors="ignore").rename(
            columns={"id_pegawai": "id_petugas"}), on="id_petugas", how="left")
    out = out.reset_index(drop=True)
    out["n_triwulan"] = out["n_triwulan"].astype("int64")
    out.attrs = {"n_petugas_dibuang": n_drop, "k_min_responden": k_min_responden}
    return out


def _keandalan(petugas: pd.DataFrame) -> np.ndarray:
    """Reliability of each officer's mean satisfaction (share of variance that is signal).

    ``lambda_i = tau^2 / (tau^2 + sigma^2 / n_i)``: ``sigma^2`` is the pooled within-officer
    variance of respondents' satisfaction, ``tau^2`` the between-officer variance within
    units (method of moments, floored at 0). An empirical-Bayes estimate would shrink the
    officer's mean toward the unit mean by ``1 - lambda_i``.
    """
    n = petugas["n_responden"].to_numpy(dtype=float)
    v = petugas["var_kepuasan"].to_numpy(dtype=float)
    ok = n > 1
    sigma2 = float(np.nansum((n[ok] - 1) * v[ok]) / max((n[ok] - 1).sum(), 1))
    dev = petugas["kepuasan"] - petugas.groupby("unit_kerja")["kepuasan"].transform("mean")
    k = petugas["unit_kerja"].nunique()
    m = len(petugas)
    if m - k < 1:
        return np.full(m, np.nan)
    tau2 = max(0.0, float((dev**2).sum() / (m - k) - np.mean(sigma2 / n)))
    return tau2 / (tau2 + sigma2 / n) if tau2 > 0 else np.zeros(m)


def korelasi_petugas(
    petugas: pd.DataFrame,
    y: str = "skor_kinerja",
    level: float = 0.95,
    n_min_andal: int = 20,
    maks_unit_mixedlm: int = 2000,
    seed: int = 2026,
) -> dict:
    """Officer level: satisfaction of the citizens served vs the officer's own score.

    * ``r`` etc.: repeated-measures correlation with the unit as subject, i.e. officers
      compared with colleagues of the same unit (:func:`rm_korelasi`).
    * ``koefisien``: MixedLM ``y ~ kepuasan_dev + kepuasan_unit`` with unit random
      intercepts (statsmodels, REML), where ``kepuasan_dev`` is the officer's deviation from
      the unit mean and ``kepuasan_unit`` the unit mean (within-between form), so the
      coefficient (score points per IKM point) is not driven by unit differences. Wald 95 %
      interval and p.
    * Shrinkage note: officers with few respondents have noisy satisfaction means, which
      pulls both estimates toward zero. ``keandalan_median`` is the median reliability
      ``lambda`` (see ``_keandalan``; an empirical-Bayes estimate would shrink each mean by
      ``1 - lambda`` toward its unit mean) and ``n_sedikit_responden`` counts officers with
      fewer than ``n_min_andal`` respondents.
    * Above ``maks_unit_mixedlm`` units (national scale) the MixedLM runs on a seeded
      (``seed``) random sample of that many whole units: statsmodels evaluates its
      likelihood unit by unit in Python, minutes per fit at 80,000 units. ``koefisien_n``
      and ``koefisien_n_unit`` give the officers and units it used; ``r`` always uses all.

    Returns
    -------
    dict
        ``r, ci_low, ci_high, p_value, n, method, n_unit, koefisien, koefisien_ci_low,
        koefisien_ci_high, koefisien_p_value, koefisien_n, koefisien_n_unit,
        keandalan_median, n_sedikit_responden, n_petugas_dibuang``.
    """
    import statsmodels.formula.api as smf

    d = petugas[["unit_kerja", "kepuasan", y, "n_responden", "var_kepuasan"]].dropna(
        subset=["kepuasan", y])
    res = rm_korelasi(d, "kepuasan", y, "unit_kerja", "pearson", level)
    out = {k: res[k] for k in ("r", "ci_low", "ci_high", "p_value", "n")}
    out["method"] = "rmcorr of officers within units; MixedLM (unit random intercepts)"
    out["n_unit"] = res["n_subjek"]
    d = d.assign(kepuasan_unit=d.groupby("unit_kerja")["kepuasan"].transform("mean"))
    d = d.assign(kepuasan_dev=d["kepuasan"] - d["kepuasan_unit"], _y=d[y])
    coef = dict.fromkeys(("koefisien", "koefisien_ci_low", "koefisien_ci_high",
                          "koefisien_p_value"), np.nan)
    dm = d
    units = d["unit_kerja"].unique()
    if len(units) > maks_unit_mixedlm:
        pick = np.random.default_rng(seed).permutation(len(units))[:maks_unit_mixedlm]
        dm = d[d["unit_kerja"].isin(units[pick])]
    coef["koefisien_n"], coef["koefisien_n_unit"] = len(dm), int(dm["unit_kerja"].nunique())
    if len(dm) >= 5 and dm["unit_kerja"].nunique() >= 2:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                fit = smf.mixedlm("_y ~ kepuasan_dev + kepuasan_unit", dm,
                                  groups=dm["unit_kerja"]).fit(reml=True)
            ci = fit.conf_int(alpha=1 - level).loc["kepuasan_dev"]
            coef.update({"koefisien": float(fit.params["kepuasan_dev"]),
                         "koefisien_ci_low": float(ci.iloc[0]),
                         "koefisien_ci_high": float(ci.iloc[1]),
                         "koefisien_p_value": float(fit.pvalues["kepuasan_dev"])})
        except (np.linalg.LinAlgError, ValueError):
            pass  # e.g. no variation in satisfaction or scores: no coefficient (NaN)
    out.update(coef)
    lam = _keandalan(d) if len(d) else np.array([])
    out["keandalan_median"] = float(np.median(lam)) if len(lam) else np.nan
    out["n_sedikit_responden"] = int((d["n_responden"] < n_min_andal).sum())
    out["n_petugas_dibuang"] = int(petugas.attrs.get("n_petugas_dibuang", 0))
    return out


def _ols_fe(y: np.ndarray, X: np.ndarray, groups: np.ndarray) -> tuple[np.ndarray, np.ndarray,
                                                                       int]:
    """OLS with group fixed effects absorbed by demeaning (Frisch-Waugh-Lovell).

    Returns coefficients, HC1 standard errors and residual df. HC0 is invariant to the
    FWL transformation, so with the scale ``n / (n - p - G)`` the SEs equal those of the
    full dummy-variable regression with HC1 (statsmodels ``cov_type="HC1"``).
    """
    codes, _ = pd.factorize(pd.Series(groups))
    G = int(codes.max() + 1)
    cnt = np.bincount(codes, minlength=G).astype(float)

    def demean(a: np.ndarray) -> np.ndarray:
        if a.ndim == 1:
            return a - (np.bincount(codes, a, G) / cnt)[codes]
        return np.column_stack([demean(a[:, j]) for j in range(a.shape[1])])

    yt, Xt = demean(y), demean(X)
    beta, *_ = np.linalg.lstsq(Xt, yt, rcond=None)
    e = yt - Xt @ beta
    n, p = Xt.shape
    dof = n - p - G
    bread = np.linalg.pinv(Xt.T @ Xt)
    meat = (Xt * (e**2)[:, None]).T @ Xt
    cov = bread @ meat @ bread * (n / dof if dof > 0 else np.nan)
    return beta, np.sqrt(np.diag(cov)), dof


def keadilan_penilai(
    petugas: pd.DataFrame,
    k_min_pegawai: int = 10,
    y: str = "skor_kinerja",
    level: float = 0.95,
    karakteristik: Sequence[str] = KARAKTERISTIK,
) -> pd.DataFrame:
    """Score differences by staff group at equal citizen satisfaction (association only).

    For each characteristic separately: OLS ``y ~ kepuasan + group dummies + unit fixed
    effects`` over officers (fixed effects absorbed by demeaning; HC1 robust SE; Student t
    interval with the residual df). The reference group is the largest.
    ``golongan_ruang`` (I-IV) covers PNS only. A difference says that staff of one group
    with the same citizen satisfaction in the same unit got different scores on average; it
    is not proof of rater bias (other differences between the groups are not measured).
    Groups with fewer than ``k_min_pegawai`` officers are hidden with
    :func:`kinerja_analysis.privacy.suppress_groups` (complementary suppression, since the
    total is published).

    Returns
    -------
    pandas.DataFrame
        ``karakteristik, kelompok, n_pegawai, rujukan (bool), selisih, ci_low, ci_high,
        p_value, suppressed``; ``selisih`` is 0 for the reference group.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> d = pd.DataFrame({"unit_kerja": np.repeat(["A", "B"], 30),
    ...                   "kepuasan": rng.normal(80, 5, 60),
    ...                   "jenis_kelamin": np.tile(["L", "P", "P"], 20)})
    >>> d["skor_kinerja"] = 70 + 2.0 * (d["jenis_kelamin"] == "L") + rng.normal(0, 1, 60)
    >>> out = keadilan_penilai(d, 10, karakteristik=["jenis_kelamin"])
    >>> out[["kelompok", "rujukan", "suppressed"]].to_dict("records")
    [{'kelompok': 'L', 'rujukan': False, 'suppressed': False},
     {'kelompok': 'P', 'rujukan': True, 'suppressed': False}]
    >>> bool(out.loc[0, "ci_low"] > 0)
    True
    """
    cols = ["karakteristik", "kelompok", "n_pegawai", "rujukan", "selisih", "ci_low",
            "ci_high", "p_value", "suppressed"]
    frames = []
    for kar in karakteristik:
        if kar not in petugas.columns:
            continue
        d = petugas[["unit_kerja", "kepuasan", y, kar]].dropna()
        g = d[kar].astype(str).to_numpy()
        counts = pd.Series(g).value_counts()
        if len(counts) < 2:
            continue
        ref = sorted(counts[counts == counts.max()].index)[0]
        levels = sorted(counts.index)
        others = [lv for lv in levels if lv != ref]
        X = np.column_stack([d["kepuasan"].to_numpy(dtype=float)]
                            + [(g == lv).astype(float) for lv in others])
        tab = pd.DataFrame({"kelompok": levels})
        tab["n_pegawai"] = tab["kelompok"].map(counts).astype("int64")
        tab["rujukan"] = tab["kelompok"] == ref
        for c in ("selisih", "ci_low", "ci_high", "p_value"):
            tab[c] = np.nan
        tab.loc[tab["rujukan"], "selisih"] = 0.0
        beta, se, dof = _ols_fe(d[y].to_numpy(dtype=float), X, d["unit_kerja"].to_numpy())
        if dof > 0:
            q = stats.t.ppf(1 - (1 - level) / 2, dof)
            est = pd.Series(beta[1:], index=others)
            err = pd.Series(se[1:], index=others)
            rows = tab["kelompok"].isin(others).to_numpy()
            b, s_ = est[tab.loc[rows, "kelompok"]].to_numpy(), err[tab.loc[rows,
                                                                       "kelompok"]].to_numpy()
            with np.errstate(invalid="ignore", divide="ignore"):
                tab.loc[rows, "selisih"] = b
                tab.loc[rows, "ci_low"] = b - q * s_
                tab.loc[rows, "ci_high"] = b + q * s_
                tab.loc[rows, "p_value"] = 2 * stats.t.sf(np.abs(b / s_), dof)
        tab = privacy.suppress_groups(tab, "n_pegawai", k_min_pegawai,
                                      ["selisih", "ci_low", "ci_high", "p_value"])
        tab.insert(0, "karakteristik", kar)
        frames.append(tab)
    if not frames:
        return pd.DataFrame(columns=cols)
    return pd.concat(frames, ignore_index=True)[cols]


# --------------------------------------------------------------------------- whole analysis


def analisis(
    survei: pd.DataFrame,
    penilaian: pd.DataFrame,
    pegawai: pd.DataFrame | None = None,
    k_min_responden: int = 5,
    k_min_pegawai: int = 10,
    seed: int = 2026,
    level: float = 0.95,
    n_perm: int = 9999,
) -> dict:
    """Run every analysis of notebook 02 and return the tidy results.

    ``n_perm`` and ``seed`` drive the between-unit permutation p-values.

    Returns
    -------
    dict
        ``panel, antar_unit, dalam_unit, gabungan, kualitas_antar_unit,
        kualitas_dalam_unit, unsur, selisih_peringkat, inflasi_predikat`` (DataFrames or
        dicts); ``tabel_petugas`` when the survey has ``id_petugas`` values, with
        ``petugas`` and (given ``pegawai``) ``keadilan_penilai`` when it has at least
        :data:`MIN_PETUGAS` officers (else None).
    """
    panel = panel_unit_triwulan(survei, penilaian, k_min_responden)
    out: dict = {
        "panel": panel,
        "antar_unit": korelasi_antar_unit(panel, level=level, n_perm=n_perm, seed=seed),
        "dalam_unit": korelasi_dalam_unit(panel, level=level),
        "gabungan": korelasi_gabungan(panel, level=level),
        "kualitas_antar_unit": korelasi_antar_unit(panel, y="kualitas_pelayanan", level=level,
                                                   n_perm=n_perm, seed=seed),
        "kualitas_dalam_unit": korelasi_dalam_unit(panel, y="kualitas_pelayanan", level=level),
        "unsur": korelasi_unsur(panel, level=level, adjust=PENYESUAIAN_P),
        "selisih_peringkat": selisih_peringkat(panel, level=level),
        "inflasi_predikat": inflasi_predikat(panel, level=level),
        "tabel_petugas": None, "petugas": None, "keadilan_penilai": None,
    }
    if "id_petugas" in survei.columns and survei["id_petugas"].notna().any():
        tp = tabel_petugas(survei, penilaian, pegawai, k_min_responden)
        out["tabel_petugas"] = tp
        if len(tp) >= MIN_PETUGAS:
            out["petugas"] = korelasi_petugas(tp, level=level)
            if pegawai is not None:
                out["keadilan_penilai"] = keadilan_penilai(tp, k_min_pegawai, level=level)
    return out


_KUNCI = ("r", "ci_low", "ci_high", "p_value", "n", "method")


def _dua(frame: pd.DataFrame, extra: Sequence[str] = ()) -> dict:
    """``{"pearson": {...}, "spearman": {...}}`` from a per-method frame.

    Each object also carries ``estimate`` (= ``r``), the key every estimate object in
    results.json has.
    """
    recs = frame.set_index("metode").to_dict(orient="index")
    return {m: {**{k: recs[m][k] for k in (*_KUNCI, *extra) if k in recs[m]},
                "estimate": recs[m]["r"]} for m in recs}


def hasil_json(a: dict, k_min_pegawai: int = 10, decimals: int = 4) -> dict:
    """The ``korelasi`` section of results.json, rounded to ``decimals``.

    p-values keep 3 significant digits (a p of 2e-7 is not saved as 0), by the one rounding
    policy of :func:`kinerja_analysis.laporan.hasil.to_jsonable`.

    Keys: ``antar_unit`` and ``dalam_unit`` (each ``pearson``/``spearman`` with ``r, ci_low,
    ci_high, p_value, n, method``; plus ``p_value_permutasi`` between units and ``df``
    within), ``unsur`` (list of ``unsur, r, ci_low, ci_high, p_value, p_value_adjusted``
    plus ``tingkat``, ``metode``, ``n``), ``unsur_penyesuaian_p``, ``petugas`` (or None),
    ``selisih_peringkat`` (list of ``unit_kerja, rank_ikm, rank_skor, gap, flagged`` plus
    the IKM and its interval and rank range), and the extras ``panel``, ``gabungan``,
    ``kualitas_pelayanan``, ``inflasi_predikat``, ``keadilan_penilai``, ``titik_antar_unit``
    (unit means; the mean score of a unit whose cells average fewer than ``k_min_pegawai``
    scored staff is hidden).
    """
    from .laporan.hasil import to_jsonable

    panel = a["panel"]
    means = rata_unit(panel, ["ikm", "skor_kinerja", "n_pegawai"])
    small = means["n_pegawai"] < k_min_pegawai
    means.loc[small, "skor_kinerja"] = np.nan
    unsur = a["unsur"][["unsur", "tingkat", "metode", "r", "ci_low", "ci_high", "p_value",
                        "p_value_adjusted", "n"]]
    out = {
        "variabel": {"x": "ikm", "y": "skor_kinerja", "level": 0.95},
        "panel": {**panel.attrs, "n_sel_dipakai": len(panel),
                  "n_unit": int(panel["unit_kerja"].nunique())},
        "antar_unit": _dua(a["antar_unit"], ["p_value_permutasi"]),
        "dalam_unit": _dua(a["dalam_unit"], ["df"]),
        "gabungan": {"pearson": {k: a["gabungan"][k] for k in _KUNCI}},
        "kualitas_pelayanan": {"antar_unit": _dua(a["kualitas_antar_unit"]),
                               "dalam_unit": _dua(a["kualitas_dalam_unit"], ["df"])},
        "unsur": unsur,
        "unsur_penyesuaian_p": PENYESUAIAN_P,
        "petugas": a["petugas"],
        "selisih_peringkat": a["selisih_peringkat"],
        "inflasi_predikat": a["inflasi_predikat"],
        "keadilan_penilai": a["keadilan_penilai"],
        "titik_antar_unit": means[["unit_kerja", "ikm", "skor_kinerja", "n_triwulan"]],
    }
    return to_jsonable(out, decimals)
