"""IKM (Indeks Kepuasan Masyarakat) per PermenPANRB 14/2017 and Krejcie-Morgan.

Method (FACTS.md section 1.4, [P]):

1. NRR per unsur = mean of the 1-4 answers of the respondents who answered it
   (a blank answer, NaN, is excluded for that element only).
2. Weight per unsur = 1/9 (exact; reports print 0,111 -> option ``bobot=0.111``
   reproduces legacy reports, which come out 0.1% lower).
3. IKM (interval, 1-4) = sum of weighted NRR; IKM konversi = IKM x 25 (25-100).
4. Mutu and kinerja unit from the interval table (FACTS.md 1.5, [V]), after
   rounding the converted IKM half-up to 2 decimals.

Element order: the regulation lists u8 = Penanganan Pengaduan, Saran dan Masukan
and u9 = Sarana dan Prasarana ([P]); many questionnaires swap them ([V]). Map
columns by name; :func:`urutkan_unsur` swaps u8/u9 for exports in questionnaire
order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
from scipy import stats

__all__ = [
    "BOBOT_UNSUR",
    "KINERJA_UNIT",
    "MUTU",
    "UNSUR",
    "UNSUR_KODE",
    "Unsur",
    "hitung_ikm",
    "ikm_ci",
    "kecukupan_sampel",
    "krejcie_morgan",
    "mutu_ikm",
    "urutkan_unsur",
]


@dataclass(frozen=True)
class Unsur:
    """One of the nine SKM elements (PermenPANRB 14/2017)."""

    kode: str
    nama_id: str
    nama_en: str


# Regulation order (ruang lingkup). u8/u9 order is [P] in FACTS.md 1.2.
UNSUR: tuple[Unsur, ...] = (
    Unsur("u1", "Persyaratan", "Requirements"),
    Unsur("u2", "Sistem, Mekanisme, dan Prosedur", "Systems, mechanisms and procedures"),
    Unsur("u3", "Waktu Penyelesaian", "Completion time"),
    Unsur("u4", "Biaya/Tarif", "Cost/fee"),
    Unsur("u5", "Produk Spesifikasi Jenis Pelayanan", "Service product specification"),
    Unsur("u6", "Kompetensi Pelaksana", "Staff competence"),
    Unsur("u7", "Perilaku Pelaksana", "Staff behaviour"),
    Unsur(
        "u8",
        "Penanganan Pengaduan, Saran dan Masukan",
        "Handling of complaints, suggestions and feedback",
    ),
    Unsur("u9", "Sarana dan Prasarana", "Facilities and infrastructure"),
)
UNSUR_KODE: tuple[str, ...] = tuple(u.kode for u in UNSUR)
BOBOT_UNSUR: float = 1 / 9

MUTU = ("A", "B", "C", "D")
KINERJA_UNIT = {"A": "Sangat Baik", "B": "Baik", "C": "Kurang Baik", "D": "Tidak Baik"}
# Lower bounds of C, B, A in hundredths of the converted IKM (FACTS.md 1.5).
_BATAS_C, _BATAS_B, _BATAS_A = 6500, 7661, 8831

_X2, _P, _D = 3.841, 0.5, 0.05


def _hundredths(x: np.ndarray) -> np.ndarray:
    """Converted IKM in hundredths, rounded half-up like a decimal number.

    ``x * 100`` is first rounded to 6 decimals to remove binary floating error
    (88.305 is stored as 88.30499999...), then rounded half-up.
    """
    return np.floor(np.round(np.asarray(x, dtype=float) * 100, 6) + 0.5)


def _classify(x: np.ndarray, check: bool = True) -> tuple[np.ndarray, np.ndarray]:
    h = _hundredths(x)
    nan = np.isnan(h)
    if check and ((h[~nan] < 2500) | (h[~nan] > 10000)).any():
        bad = np.asarray(x, dtype=float)[~nan][(h[~nan] < 2500) | (h[~nan] > 10000)][0]
        raise ValueError(f"converted IKM must be within 25..100, got {bad!r}")
    mutu = np.select(
        [nan, h < _BATAS_C, h < _BATAS_B, h < _BATAS_A], ["", "D", "C", "B"], default="A"
    )
    label = np.select([mutu == m for m in MUTU], [KINERJA_UNIT[m] for m in MUTU], default="")
    return mutu, label


def mutu_ikm(ikm: float | pd.Series) -> tuple[str, str] | pd.DataFrame:
    """Mutu pelayanan and kinerja unit of a converted IKM (25-100).

    The converted IKM is rounded half-up to 2 decimals, then classified D if
    < 65.00, C if < 76.61, B if < 88.31, otherwise A (the table leaves gaps such
    as 64.99..65.00; this rule closes them, FACTS.md 1.5).

    Parameters
    ----------
    ikm : float or pandas.Series
        Converted IKM; NaN gives NA.

    Returns
    -------
    tuple or pandas.DataFrame
        Scalar: ``(mutu, kinerja_unit)``. Series: DataFrame with columns ``mutu``
        and ``kinerja_unit`` and the same index.

    Raises
    ------
    ValueError
        If a value (after rounding) is outside 25..100.

    Examples
    --------
    >>> mutu_ikm(88.305)
    ('A', 'Sangat Baik')
    >>> mutu_ikm(pd.Series([64.99, 76.6])).values.tolist()
    [['D', 'Tidak Baik'], ['C', 'Kurang Baik']]
    """
    if isinstance(ikm, pd.Series):
        mutu, label = _classify(pd.to_numeric(ikm).astype(float).to_numpy())
        out = pd.DataFrame({"mutu": mutu, "kinerja_unit": label}, index=ikm.index)
        return out.astype("string").replace("", pd.NA)
    mutu, label = _classify(np.array([ikm], dtype=float))
    if mutu[0] == "":
        return (pd.NA, pd.NA)  # type: ignore[return-value]
    return (str(mutu[0]), str(label[0]))


def _by_list(by: str | Sequence[str] | None) -> list[str]:
    if by is None:
        return []
    return [by] if isinstance(by, str) else list(by)


def _answers(df: pd.DataFrame, unsur: Sequence[str]) -> np.ndarray:
    if len(unsur) == 0:
        raise ValueError("at least one IKM element is needed")
    missing = [c for c in unsur if c not in df.columns]
    if missing:
        raise KeyError(f"IKM element columns not found: {missing}")
    # Column-major: every step below works one element (column) at a time, so no
    # temporary is larger than one column (26 M national rows x 9 elements = 1.9 GB each).
    x = np.asfortranarray(df[list(unsur)].astype("float64").to_numpy(dtype=float,
                                                                    na_value=np.nan))
    n_bad = 0
    for j in range(x.shape[1]):
        col = x[:, j]
        n_bad += int((~np.isnan(col) & (col != 1.0) & (col != 2.0) & (col != 3.0)
                      & (col != 4.0)).sum())
    if n_bad:
        bad = ~np.isnan(x) & ~np.isin(x, (1.0, 2.0, 3.0, 4.0))
        first = x[np.nonzero(bad)][0]  # nonzero lists row by row: the first in row order
        raise ValueError(
            f"IKM answers must be 1, 2, 3, 4 or blank; found {n_bad} other values "
            f"(first: {first!r})"
        )
    return x


def _groups(df: pd.DataFrame, by: list[str]) -> tuple[np.ndarray, pd.DataFrame]:
    """Group code per row and the group keys (one vectorized groupby)."""
    if not by:
        return np.zeros(len(df), dtype=np.intp), pd.DataFrame(index=range(1 if len(df) else 0))
    g = df.groupby(by, dropna=False, sort=True, observed=True)
    codes = g.ngroup().to_numpy(dtype=np.intp)
    keys = g.size().index.to_frame(index=False)
    return codes, keys


def _group_sums(
    codes: np.ndarray, x: np.ndarray, n_groups: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Respondents, per-element answer sums and counts per group (bincount)."""
    n = np.bincount(codes, minlength=n_groups).astype(float)
    sums = np.empty((n_groups, x.shape[1]))
    counts = np.empty((n_groups, x.shape[1]))
    for j in range(x.shape[1]):  # one column at a time (see _answers)
        answered = ~np.isnan(x[:, j])
        sums[:, j] = np.bincount(codes, np.where(answered, x[:, j], 0.0), n_groups)
        counts[:, j] = np.bincount(codes, answered, n_groups)
    return n, sums, counts


def hitung_ikm(
    df: pd.DataFrame,
    by: str | Sequence[str] | None = None,
    bobot: float | None = None,
    unsur: Sequence[str] = UNSUR_KODE,
) -> pd.DataFrame:
    """IKM per group (PermenPANRB 14/2017).

    Parameters
    ----------
    df : pandas.DataFrame
        One row per respondent; columns ``u1``..``u9`` with answers 1-4, NaN for a
        blank (not applicable) answer, which is excluded for that element only.
    by : str or list of str, optional
        Group columns (e.g. ``["unit_kerja", "triwulan"]``); None gives one row.
        Missing group keys form their own group (no row is dropped).
    bobot : float, optional
        Weight per element; default exact ``1 / len(unsur)`` (1/9). Use 0.111 to
        reproduce legacy reports (the result can then fall slightly below 25;
        it is classified D).
    unsur : sequence of str
        Element columns, default :data:`UNSUR_KODE`.

    Returns
    -------
    pandas.DataFrame
        Group columns, ``n_responden``, ``nrr_<unsur>``, ``ikm_interval`` (1-4),
        ``ikm`` (converted x25, not rounded), ``mutu``, ``kinerja_unit`` and
        ``unsur_terendah`` (code of the lowest NRR; ties go to the first in
        order). A group where some element has no answer gets NaN IKM and NA mutu.

    Examples
    --------
    >>> df = pd.DataFrame({f"u{j}": [4, 3, 3] for j in range(1, 10)})
    >>> df.loc[2, "u9"] = 2
    >>> out = hitung_ikm(df)
    >>> round(float(out.loc[0, "ikm"]), 4), out.loc[0, "mutu"], out.loc[0, "unsur_terendah"]
    (82.4074, 'B', 'u9')
    """
    by_cols = _by_list(by)
    unsur = list(unsur)
    x = _answers(df, unsur)
    codes, keys = _groups(df, by_cols)
    n, sums, counts = _group_sums(codes, x, len(keys))
    with np.errstate(invalid="ignore", divide="ignore"):
        nrr = sums / counts
    w = 1 / len(unsur) if bobot is None else float(bobot)
    ikm_interval = nrr.sum(axis=1) * w
    ikm_interval[np.isnan(nrr).any(axis=1)] = np.nan
    ikm = ikm_interval * 25
    mutu, label = _classify(ikm, check=bobot is None)
    filled = np.where(np.isnan(nrr), np.inf, nrr)
    low = np.asarray(unsur, dtype=object)[np.argmin(filled, axis=1)]
    low = np.where(np.isnan(nrr).all(axis=1), "", low)

    out = keys.copy()
    out["n_responden"] = n.astype("int64")
    for j, c in enumerate(unsur):
        out[f"nrr_{c}"] = nrr[:, j]
    out["ikm_interval"] = ikm_interval
    out["ikm"] = ikm
    for name, values in (("mutu", mutu), ("kinerja_unit", label), ("unsur_terendah", low)):
        out[name] = pd.Series(values, index=out.index, dtype="string").replace("", pd.NA)
    return out


def ikm_ci(
    df: pd.DataFrame,
    by: str | Sequence[str] | None = None,
    level: float = 0.95,
    method: Literal["delta", "bootstrap"] = "delta",
    n_boot: int = 2000,
    seed: int = 2026,
) -> pd.DataFrame:
    """Standard error and confidence interval of the converted IKM per group.

    Respondents are treated as iid within a group (simple random sampling; no
    finite-population correction). Weights are the exact 1/9.

    * ``"delta"``: influence-function (delta-method) SE, valid with per-element
      blank answers. For respondent *i*,
      ``IF_i = 25/9 * sum_j 1[i answered j] * (x_ij - m_j) * n / n_j``; the IF sum
      to zero within a group and ``var = sum_i IF_i^2 / (n (n - 1))`` (the sample
      variance of IF over n, i.e. the usual ``s/sqrt(n)`` when one element is
      fully answered). CI: ``ikm +- t_{n-1} * se`` (Student t with n-1 degrees of
      freedom, a slightly conservative choice for small groups; the interval is
      not clipped to 25..100). Fully
      vectorized over groups. Groups with n < 2 get NaN.
    * ``"bootstrap"``: resample respondents with replacement within each group
      (``numpy.random.default_rng(seed)``, groups in sorted order); SE is the
      standard deviation of the replicates, CI the percentile interval.
      Replicates where an element has no answer are dropped. Loops over groups;
      meant for validation on small data.

    Returns
    -------
    pandas.DataFrame
        Group columns, ``n_responden``, ``ikm``, ``se``, ``ci_low``, ``ci_high``,
        ``method``.

    Examples
    --------
    >>> df = pd.DataFrame({f"u{j}": [4, 3, 3, 2] for j in range(1, 10)})
    >>> out = ikm_ci(df)
    >>> round(float(out.loc[0, "ikm"]), 2), round(float(out.loc[0, "se"]), 3)
    (75.0, 10.206)
    """
    if method not in ("delta", "bootstrap"):
        raise ValueError(f"method must be 'delta' or 'bootstrap', got {method!r}")
    if not 0 < level < 1:
        raise ValueError("level must be between 0 and 1")
    by_cols = _by_list(by)
    unsur = list(UNSUR_KODE)
    k = len(unsur)
    x = _answers(df, unsur)
    codes, keys = _groups(df, by_cols)
    n_groups = len(keys)
    n, sums, counts = _group_sums(codes, x, n_groups)
    with np.errstate(invalid="ignore", divide="ignore"):
        m = sums / counts
    ikm = 25 * m.mean(axis=1)
    alpha = 1 - level

    if method == "delta":
        influence = np.zeros(len(codes))
        n_row = n[codes]
        with np.errstate(invalid="ignore", divide="ignore"):
            for j in range(k):  # one element at a time: no (rows x 9) temporaries
                answered = ~np.isnan(x[:, j])
                w = n_row / counts[codes, j]
                influence += np.where(answered, (x[:, j] - m[codes, j]) * w, 0.0)
        influence *= 25 / k
        with np.errstate(invalid="ignore", divide="ignore"):
            var = np.bincount(codes, weights=influence**2, minlength=n_groups) / (n * (n - 1))
            se = np.sqrt(var)
            se[np.isnan(ikm) | (n < 2)] = np.nan
            q = stats.t.ppf(1 - alpha / 2, df=np.where(n >= 2, n - 1, np.nan))
        low, high = ikm - q * se, ikm + q * se
    else:
        rng = np.random.default_rng(seed)
        se = np.full(n_groups, np.nan)
        low = np.full(n_groups, np.nan)
        high = np.full(n_groups, np.nan)
        order = np.argsort(codes, kind="stable")
        bounds = np.concatenate([[0], np.cumsum(n.astype(int))])
        for g in range(n_groups):
            xg = x[order[bounds[g] : bounds[g + 1]]]
            ng = len(xg)
            if ng < 2 or np.isnan(ikm[g]):
                continue
            reps = []
            chunk = max(1, 2_000_000 // (ng * k))
            for start in range(0, n_boot, chunk):
                size = min(chunk, n_boot - start)
                sample = xg[rng.integers(0, ng, size=(size, ng))]
                answered = ~np.isnan(sample)
                with np.errstate(invalid="ignore", divide="ignore"):
                    mb = np.where(answered, sample, 0).sum(axis=1) / answered.sum(axis=1)
                reps.append(25 * mb.mean(axis=1))
            boot = np.concatenate(reps)
            boot = boot[~np.isnan(boot)]
            if len(boot) < 2:
                continue
            se[g] = boot.std(ddof=1)
            low[g], high[g] = np.quantile(boot, [alpha / 2, 1 - alpha / 2])

    out = keys.copy()
    out["n_responden"] = n.astype("int64")
    out["ikm"] = ikm
    out["se"] = se
    out["ci_low"] = low
    out["ci_high"] = high
    out["method"] = pd.Series(method, index=out.index, dtype="string")
    return out


def krejcie_morgan(populasi: int | Sequence[int] | np.ndarray) -> int | np.ndarray:
    """Minimum sample size from Krejcie & Morgan (1970).

    ``s = X2 N P(1-P) / (d^2 (N-1) + X2 P(1-P))`` with X2 = 3.841, P = 0.5,
    d = 0.05, rounded half up to an integer. This reproduces the published table
    (10->10, 15->14, ..., 9000->368, 10000->370). The formula gives 383 for
    N = 100,000 and 384 for N = 1,000,000: the table's last row is 1,000,000 ->
    384; reproductions that print "100000 384" are a typo (neither rounding nor
    ceiling gives 384 at 100,000, s = 382.6).

    Parameters
    ----------
    populasi : int or array-like of int
        Population size N >= 1.

    Returns
    -------
    int or numpy.ndarray

    Examples
    --------
    >>> krejcie_morgan(1000)
    278
    >>> krejcie_morgan([100, 1500]).tolist()
    [80, 306]
    """
    arr = np.asarray(populasi, dtype=float)
    if np.isnan(arr).any() or (arr < 1).any() or (arr != np.floor(arr)).any():
        raise ValueError("populasi must be whole numbers >= 1")
    pq = _X2 * _P * (1 - _P)
    s = pq * arr / (_D**2 * (arr - 1) + pq)
    out = np.floor(s + 0.5).astype(np.int64)
    return int(out) if out.ndim == 0 else out


def kecukupan_sampel(
    n_responden: int | Sequence[int] | np.ndarray | pd.Series,
    populasi: int | Sequence[int] | np.ndarray | pd.Series,
) -> pd.DataFrame:
    """Whether the number of respondents reaches the Krejcie-Morgan minimum.

    Examples
    --------
    >>> kecukupan_sampel([150, 300], [1000, 1000])["cukup"].tolist()
    [False, True]
    """
    n = np.atleast_1d(np.asarray(n_responden, dtype=np.int64))
    pop = np.atleast_1d(np.asarray(populasi, dtype=np.int64))
    n, pop = np.broadcast_arrays(n, pop)
    minimum = np.atleast_1d(krejcie_morgan(pop))
    index = n_responden.index if isinstance(n_responden, pd.Series) else None
    return pd.DataFrame(
        {"n_responden": n, "populasi": pop, "sampel_minimum": minimum, "cukup": n >= minimum},
        index=index,
    )


def urutkan_unsur(df: pd.DataFrame, urutan: Literal["permenpan", "tukar_u8_u9"]) -> pd.DataFrame:
    """Put element columns in regulation order.

    ``"permenpan"``: the data already use the regulation order (u8 = pengaduan,
    u9 = sarana); returned unchanged (a copy). ``"tukar_u8_u9"``: the export uses
    questionnaire order (Q8 = sarana, Q9 = pengaduan, FACTS.md 1.2); columns ``u8``
    and ``u9`` (and ``nrr_u8``/``nrr_u9`` if present) are swapped, keeping the
    column positions. Apply to raw answers, before :func:`hitung_ikm`.

    Examples
    --------
    >>> df = pd.DataFrame({"u8": ["sarana"], "u9": ["pengaduan"]})
    >>> urutkan_unsur(df, "tukar_u8_u9").loc[0].to_dict()
    {'u8': 'pengaduan', 'u9': 'sarana'}
    """
    if urutan == "permenpan":
        return df.copy()
    if urutan != "tukar_u8_u9":
        raise ValueError(f"urutan must be 'permenpan' or 'tukar_u8_u9', got {urutan!r}")
    mapping: dict[str, str] = {}
    for a, b in (("u8", "u9"), ("nrr_u8", "nrr_u9")):
        if a in df.columns and b in df.columns:
            mapping.update({a: b, b: a})
        elif a in df.columns or b in df.columns:
            raise KeyError(f"need both {a} and {b} to swap them")
    out = df.rename(columns=mapping)
    return out[list(df.columns)]
