"""Adoption barriers (issue 6): who fears the evaluation system, who misunderstands it,
does understanding go with support, and did training help?

Input is the processed ``survei_asn`` table (items ``paham_1..3``, ``khawatir_1..3``,
``dukungan_1..3`` on a 1-5 Likert scale, ``gelombang`` = survey wave, ``ikut_pelatihan`` =
attended training as of the survey date, ``komentar`` = scrubbed free text) and, for
background, ``pegawai`` (``golongan``, ``kelompok_usia``, ``status_kepegawaian``).

Definitions used throughout
---------------------------
* **Scale score**: mean of the answered items of a scale (at least ``min_butir`` = 2 of 3),
  on 1-5. The data contract marks no reverse-coded item; items named in ``terbalik`` are
  reversed as ``6 - x`` before anything else.
* **Barrier present** (:data:`HAMBATAN`): the respondent agrees with the barrier
  statement on average, i.e. scale score >= 4 ("setuju"/"sangat setuju") for
  kekhawatiran; for the positively worded scales the statement is reversed, so
  *kurang paham* is pemahaman <= 2 and *kurang dukungan* is dukungan <= 2
  (``6 - x >= 4``).
* **Cross-sectional analyses** (reliability, prevalence, Likert chart, support model) use
  one wave, by default the latest, so each staff member counts once.
* **Reliability**: Cronbach's alpha with listwise deletion and Feldt's (1987) F-based
  95 % interval (the method of R ``psych`` and ``pingouin``). McDonald's omega is not
  reported: none of the installed, well-kept libraries (pingouin 0.7, statsmodels, scipy)
  provides it.
* **Small cells**: groups with fewer than ``k_min`` respondents are hidden with
  :func:`kinerja_analysis.privacy.suppress_groups` (FACTS.md §5.2: k >= 10 for staff data
  and for free-text comments).

Examples
--------
>>> df = pd.DataFrame({"paham_1": [4, 2, 5], "paham_2": [4, 1, np.nan],
...                    "paham_3": [5, 2, 4]})
>>> skor_skala(df, skala={"pemahaman": ("paham_1", "paham_2", "paham_3")})["pemahaman"].round(2)
0    4.33
1    1.67
2    4.50
Name: pemahaman, dtype: float64
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.stats.proportion import proportion_confint

from . import privacy

__all__ = [
    "AMBANG_SETUJU",
    "AMBANG_TIDAK_SETUJU",
    "DIMENSI",
    "HAMBATAN",
    "SKALA",
    "AlphaCronbach",
    "HasilModelDukungan",
    "bersihkan_komentar",
    "boleh_dikutip",
    "cronbach_alpha",
    "data_model",
    "dimensi_tersedia",
    "efek_pelatihan",
    "golongan_pokok",
    "hitung_tema",
    "kutipan_tema",
    "model_dukungan",
    "muat_leksikon",
    "pilih_gelombang",
    "plot_likert",
    "prevalensi",
    "rekomendasi",
    "reliabilitas",
    "sebaran_likert",
    "skor_skala",
    "tandai_hambatan",
    "tandai_tema",
    "wilson",
]

#: The three scales and their items (processed ``survei_asn`` column names).
SKALA: dict[str, tuple[str, ...]] = {
    "pemahaman": ("paham_1", "paham_2", "paham_3"),
    "kekhawatiran": ("khawatir_1", "khawatir_2", "khawatir_3"),
    "dukungan": ("dukungan_1", "dukungan_2", "dukungan_3"),
}

#: Barrier -> (scale, direction). ``"setuju"``: score >= AMBANG_SETUJU;
#: ``"tidak_setuju"``: score <= AMBANG_TIDAK_SETUJU (the reversed statement is agreed to).
HAMBATAN: dict[str, tuple[str, str]] = {
    "kekhawatiran_karir": ("kekhawatiran", "setuju"),
    "kurang_paham": ("pemahaman", "tidak_setuju"),
    "kurang_dukungan": ("dukungan", "tidak_setuju"),
}
AMBANG_SETUJU = 4.0
AMBANG_TIDAK_SETUJU = 2.0
_EPS = 1e-9

#: Grouping dimensions for prevalence (``golongan`` is grouped to its main rank, see
#: :func:`golongan_pokok`, because sub-grades such as III/a rarely reach k = 10).
DIMENSI: tuple[str, ...] = ("unit_kerja", "golongan", "kelompok_usia", "status_kepegawaian")
SEMUA = "semua"
TIDAK_DIKETAHUI = "tidak_diketahui"
_URUTAN = {
    "kelompok_usia": ["<30", "30-39", "40-49", "50+"],
    "golongan": ["I", "II", "III", "IV", "PPPK"],
    "status_kepegawaian": ["PNS", "PPPK"],
}
_TAG_SCRUB = re.compile(r"\[(?:NAMA|NIP|NIK|TELEPON|EMAIL|AKUN)\]")


def boleh_dikutip(text: str) -> bool:
    """Whether a scrubbed comment may be quoted on page 03.

    Never quoted: a scrub tag (``[NAMA]``, ...), an ``@``, ``(at)`` or ``[at]``, a run of
    7 or more digits once every non-alphanumeric character between them is ignored (any
    script: full-width, Arabic-Indic, ...), or an honorific/role word then a capitalized
    word that is not a role word ("Bu Lurah Sumarni"): see :func:`privacy.has_personal_cue`.
    Something personal may be left that no pattern removed.

    Examples
    --------
    >>> [boleh_dikutip(t) for t in ("Antre 2 jam", "antrian 12 3456 78", "ig bmk@",
    ...                             "Pak [NAMA] ramah", "Rp1.500.000")]
    [True, False, False, False, False]
    """
    norm = unicodedata.normalize("NFKC", text)
    if _TAG_SCRUB.search(norm):
        return False
    return not privacy.has_personal_cue(norm)


# --------------------------------------------------------------------------- scales


def skor_skala(
    survei: pd.DataFrame,
    skala: Mapping[str, Sequence[str]] = SKALA,
    terbalik: Iterable[str] = (),
    min_butir: int = 2,
) -> pd.DataFrame:
    """Add one column per scale: the mean of its answered items (1-5).

    Parameters
    ----------
    survei : DataFrame
        Survey rows with the item columns (float 1-5, NaN = blank).
    skala : mapping
        Scale name -> item columns (default :data:`SKALA`).
    terbalik : iterable of str
        Reverse-coded items, recoded ``6 - x`` first (the data contract marks none).
    min_butir : int
        Minimum answered items for a score; fewer gives NaN.

    Returns
    -------
    DataFrame
        Copy of ``survei`` with reversed items and the scale columns.

    Examples
    --------
    >>> df = pd.DataFrame({"a": [1.0, 5.0], "b": [2.0, np.nan]})
    >>> skor_skala(df, {"s": ("a", "b")}, terbalik=["a"], min_butir=1)["s"].tolist()
    [3.5, 1.0]
    """
    out = survei.copy()
    for item in terbalik:
        out[item] = 6.0 - pd.to_numeric(out[item], errors="coerce")
    for name, items in skala.items():
        x = out[list(items)].apply(pd.to_numeric, errors="coerce").to_numpy(dtype=float)
        answered = np.isfinite(x).sum(axis=1)
        total = np.nansum(x, axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            score = total / answered
        out[name] = np.where(answered >= min_butir, score, np.nan)
    return out


def pilih_gelombang(survei: pd.DataFrame, gelombang: int | None = None) -> pd.DataFrame:
    """Rows of one survey wave (default: the latest wave present).

    Examples
    --------
    >>> df = pd.DataFrame({"gelombang": [1, 2, 2], "x": [1, 2, 3]})
    >>> pilih_gelombang(df)["x"].tolist()
    [2, 3]
    """
    if len(survei) == 0:
        return survei.copy()
    g = survei["gelombang"].max() if gelombang is None else gelombang
    return survei[survei["gelombang"] == g].reset_index(drop=True)


class AlphaCronbach(NamedTuple):
    """Cronbach's alpha with its Feldt interval."""

    alpha: float
    ci_low: float
    ci_high: float
    n: int
    n_items: int


def cronbach_alpha(items: pd.DataFrame, ci: float = 0.95) -> AlphaCronbach:
    """Cronbach's alpha with Feldt's confidence interval (listwise deletion).

    ``alpha = k/(k-1) * (1 - sum(item variances) / variance(total))`` from the sample
    covariance matrix (ddof 1) of the complete rows. Feldt, Woodruff & Salih (1987):
    ``(1 - alpha) / (1 - alpha_hat)`` follows ``F(n-1, (n-1)(k-1))``, so the limits are
    ``1 - (1 - alpha_hat) * F_{1-a/2}`` and ``1 - (1 - alpha_hat) * F_{a/2}``, with ``n`` the
    number of complete rows (pingouin's ``nan_policy="listwise"`` takes ``n`` before the
    deletion, which gives a narrower interval when rows are dropped).

    Parameters
    ----------
    items : DataFrame
        One column per item, one row per respondent.
    ci : float
        Confidence level.

    Returns
    -------
    AlphaCronbach
        NaN values when fewer than 2 complete rows or 2 items, or no total variance.

    Examples
    --------
    >>> x = pd.DataFrame({"a": [1, 2, 3, 4, 5], "b": [2, 2, 3, 5, 4], "c": [1, 3, 3, 4, 5]})
    >>> r = cronbach_alpha(x)
    >>> round(r.alpha, 4), r.n, r.n_items
    (0.9451, 5, 3)
    """
    x = items.apply(pd.to_numeric, errors="coerce").dropna(axis=0, how="any")
    n, k = x.shape
    nan = AlphaCronbach(float("nan"), float("nan"), float("nan"), int(n), int(k))
    if n < 2 or k < 2:
        return nan
    c = np.cov(x.to_numpy(dtype=float), rowvar=False, ddof=1)
    total = c.sum()
    if not total > 0:
        return nan
    a = k / (k - 1) * (1.0 - np.trace(c) / total)
    df1, df2 = n - 1, (n - 1) * (k - 1)
    q = (1.0 - ci) / 2.0
    low = 1.0 - (1.0 - a) * stats.f.isf(q, df1, df2)
    high = 1.0 - (1.0 - a) * stats.f.isf(1.0 - q, df1, df2)
    return AlphaCronbach(float(a), float(low), float(high), int(n), int(k))


def reliabilitas(
    survei: pd.DataFrame,
    skala: Mapping[str, Sequence[str]] = SKALA,
    terbalik: Iterable[str] = (),
    gelombang: int | None = None,
    ci: float = 0.95,
) -> pd.DataFrame:
    """Cronbach's alpha and its Feldt CI per scale, on one wave (default the latest).

    Returns
    -------
    DataFrame
        Columns ``skala, alpha, ci_low, ci_high, n_items, n``.

    Examples
    --------
    >>> df = pd.DataFrame({"gelombang": 1, "a": [1, 2, 3, 4, 5], "b": [2, 2, 3, 5, 4]})
    >>> reliabilitas(df, {"s": ("a", "b")})[["skala", "n_items", "n"]].to_dict("records")
    [{'skala': 's', 'n_items': 2, 'n': 5}]
    """
    df = skor_skala(pilih_gelombang(survei, gelombang), skala, terbalik)
    rows = []
    for name, items in skala.items():
        r = cronbach_alpha(df[list(items)], ci)
        rows.append({"skala": name, "alpha": r.alpha, "ci_low": r.ci_low, "ci_high": r.ci_high,
                     "n_items": r.n_items, "n": r.n})
    return pd.DataFrame(rows, columns=["skala", "alpha", "ci_low", "ci_high", "n_items", "n"])


# --------------------------------------------------------------------------- prevalence


def wilson(count: Any, nobs: Any, alpha: float = 0.05) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval (``statsmodels.stats.proportion.proportion_confint``).

    Returns NaN limits where ``nobs`` is 0.

    Examples
    --------
    >>> lo, hi = wilson([3], [10])
    >>> round(float(lo[0]), 4), round(float(hi[0]), 4)
    (0.1078, 0.6032)
    """
    count = np.asarray(count, dtype=float)
    nobs = np.asarray(nobs, dtype=float)
    ok = nobs > 0
    low = np.full(count.shape, np.nan)
    high = np.full(count.shape, np.nan)
    if ok.any():
        lo, hi = proportion_confint(count[ok], nobs[ok], alpha=alpha, method="wilson")
        low[ok], high[ok] = lo, hi
    return low, high


def golongan_pokok(golongan: pd.Series, status: pd.Series | None = None) -> pd.Series:
    """Main rank of a golongan: ``"III/a"`` -> ``"III"``; PPPK grades (``"IX"``) -> ``"PPPK"``.

    PNS golongan have a ruang letter (FACTS.md §3.2); a golongan without one, or any
    golongan of a PPPK (when ``status`` is given), is grouped as ``"PPPK"`` (the PPPK scale
    is [M] in FACTS.md, so it is not split further).

    Examples
    --------
    >>> golongan_pokok(pd.Series(["III/a", "IV/b", "IX", None])).tolist()
    ['III', 'IV', 'PPPK', nan]
    """
    s = golongan.astype("str")
    pokok = s.str.extract(r"^\s*(IV|I{1,3})\s*[/\-]", expand=False)
    out = pokok.where(pokok.notna(), "PPPK").where(golongan.notna())
    if status is not None:
        pppk = status.astype("str").str.upper().str.strip().eq("PPPK").fillna(False)
        out = out.mask(pppk.to_numpy(dtype=bool) & golongan.notna().to_numpy(), "PPPK")
    return out.astype(object).rename(golongan.name)


def tandai_hambatan(skor: pd.DataFrame, hambatan: Mapping[str, tuple[str, str]] = HAMBATAN
                    ) -> pd.DataFrame:
    """Barrier flags (1.0 present, 0.0 absent, NaN no score) from the scale scores.

    Examples
    --------
    >>> skor = pd.DataFrame({"kekhawatiran": [4.0, 3.67, np.nan],
    ...                      "pemahaman": [2.0, 2.33, 5.0], "dukungan": [1, 3, 3]})
    >>> tandai_hambatan(skor).to_dict("list")  # doctest: +NORMALIZE_WHITESPACE
    {'kekhawatiran_karir': [1.0, 0.0, nan], 'kurang_paham': [1.0, 0.0, 0.0],
     'kurang_dukungan': [1.0, 0.0, 0.0]}
    """
    out = {}
    for name, (scale, direction) in hambatan.items():
        x = pd.to_numeric(skor[scale], errors="coerce").to_numpy(dtype=float)
        if direction == "setuju":
            flag = x >= AMBANG_SETUJU - _EPS
        elif direction == "tidak_setuju":
            flag = x <= AMBANG_TIDAK_SETUJU + _EPS
        else:
            raise ValueError(f"unknown direction {direction!r}")
        out[name] = np.where(np.isfinite(x), flag.astype(float), np.nan)
    return pd.DataFrame(out, index=skor.index)


def _latar(survei: pd.DataFrame, pegawai: pd.DataFrame | None) -> pd.DataFrame:
    """Survey rows with background columns from ``pegawai`` (golongan grouped)."""
    df = survei.copy()
    cols = ["golongan", "kelompok_usia", "status_kepegawaian"]
    if pegawai is not None:
        bg = pegawai.drop_duplicates("id_pegawai", keep="last")
        bg = bg[["id_pegawai", *[c for c in cols if c in bg.columns]]]
        df = df.drop(columns=[c for c in cols if c in df.columns]).merge(
            bg, on="id_pegawai", how="left")
    for c in cols:
        if c not in df.columns:
            df[c] = np.nan
    df["golongan"] = golongan_pokok(df["golongan"], df["status_kepegawaian"])
    return df


def dimensi_tersedia(
    survei: pd.DataFrame,
    pegawai: pd.DataFrame | None = None,
    dimensi: Sequence[str] = DIMENSI,
    gelombang: int | None = None,
) -> tuple[str, ...]:
    """The grouping dimensions known for at least one respondent of the wave.

    A background column absent from ``pegawai`` (or ``pegawai`` not supplied) would make
    one group, ``"tidak_diketahui"``, equal to everyone: such a dimension is left out.

    Examples
    --------
    >>> s = pd.DataFrame({"id_pegawai": [1, 2], "unit_kerja": "A", "gelombang": 1})
    >>> dimensi_tersedia(s, pd.DataFrame({"id_pegawai": [1, 2], "golongan": ["III/a", None]}))
    ('unit_kerja', 'golongan')
    >>> dimensi_tersedia(s)
    ('unit_kerja',)
    """
    df = _latar(pilih_gelombang(survei, gelombang), pegawai)
    return tuple(d for d in dimensi if d in df.columns and df[d].notna().any())


def prevalensi(
    survei: pd.DataFrame,
    pegawai: pd.DataFrame | None = None,
    *,
    k_min: int = 10,
    dimensi: Sequence[str] = DIMENSI,
    terbalik: Iterable[str] = (),
    gelombang: int | None = None,
    alpha: float = 0.05,
) -> pd.DataFrame:
    """Share of respondents with each barrier, overall and by group, Wilson 95 % CI.

    Uses one wave (default the latest). Within each barrier and dimension, groups with
    ``0 < n < k_min`` are hidden and, if only one is, the next smallest too
    (:func:`privacy.suppress_groups`, the overall row being the published total).

    Parameters
    ----------
    survei : DataFrame
        Processed ``survei_asn``.
    pegawai : DataFrame, optional
        Processed ``pegawai`` for golongan, kelompok_usia and status_kepegawaian.
    k_min : int
        Minimum respondents in a shown group (FACTS.md §5.2: 10).
    dimensi : sequence of str
        Grouping columns; the overall row has ``dimensi == kelompok == "semua"``.
    terbalik, gelombang, alpha
        Reverse-coded items, wave, 1 - confidence level.

    Returns
    -------
    DataFrame
        Columns ``hambatan, dimensi, kelompok, proporsi, ci_low, ci_high, n, suppressed``;
        ``n`` = respondents with a score. Missing group values are ``"tidak_diketahui"``.

    Examples
    --------
    >>> s = pd.DataFrame({"id_pegawai": range(12), "gelombang": 1, "unit_kerja": "A",
    ...                   **{c: [1.0] * 3 + [5.0] * 9 for c in SKALA["kekhawatiran"]},
    ...                   **{c: 3.0 for c in SKALA["pemahaman"] + SKALA["dukungan"]}})
    >>> p = prevalensi(s, dimensi=("unit_kerja",))
    >>> p.loc[p["hambatan"] == "kekhawatiran_karir", ["kelompok", "proporsi", "n"]]
      kelompok  proporsi   n
    0    semua      0.75  12
    1        A      0.75  12
    """
    df = _latar(skor_skala(pilih_gelombang(survei, gelombang), terbalik=terbalik), pegawai)
    flags = tandai_hambatan(df)
    long = []
    for dim in [SEMUA, *dimensi]:
        key = (pd.Series(SEMUA, index=df.index) if dim == SEMUA
               else df[dim].astype(object).where(df[dim].notna(), TIDAK_DIKETAHUI).astype(str))
        g = flags.groupby(key.to_numpy(), sort=False)
        n = g.count()
        k = g.sum(min_count=0)
        part = (n.stack().rename("n").to_frame().join(k.stack().rename("k"))
                .rename_axis(["kelompok", "hambatan"]).reset_index())
        part["dimensi"] = dim
        long.append(part)
    out = pd.concat(long, ignore_index=True)
    out["proporsi"] = np.where(out["n"] > 0, out["k"] / out["n"].where(out["n"] > 0), np.nan)
    out["ci_low"], out["ci_high"] = wilson(out["k"], out["n"], alpha)
    pieces = []
    for (_h, dim), part in out.groupby(["hambatan", "dimensi"], sort=False):
        part = _urutkan(part, dim)
        vals = ["proporsi", "ci_low", "ci_high"]
        pieces.append(privacy.suppress_groups(part, "n", k_min, vals, total_row=dim != SEMUA))
    res = pd.concat(pieces, ignore_index=True)
    order = {h: i for i, h in enumerate(HAMBATAN)}
    dim_order = {d: i for i, d in enumerate([SEMUA, *dimensi])}
    res["_h"] = res["hambatan"].map(order)
    res["_d"] = res["dimensi"].map(dim_order)
    res = res.sort_values(["_h", "_d"], kind="stable").reset_index(drop=True)
    res["n"] = res["n"].astype("Int64")
    cols = ["hambatan", "dimensi", "kelompok", "proporsi", "ci_low", "ci_high", "n", "suppressed"]
    return res[cols]


def _urutkan(part: pd.DataFrame, dim: str) -> pd.DataFrame:
    """Sort groups in their natural order (age bands, ranks), others alphabetically."""
    known = _URUTAN.get(dim, [])
    rank = {v: i for i, v in enumerate(known)}
    key = part["kelompok"].map(lambda v: (rank.get(v, len(known)), v == TIDAK_DIKETAHUI, v))
    return part.loc[key.sort_values().index]


# --------------------------------------------------------------------------- Likert chart


def sebaran_likert(
    survei: pd.DataFrame,
    skala: Mapping[str, Sequence[str]] = SKALA,
    terbalik: Iterable[str] = (),
    gelombang: int | None = None,
) -> pd.DataFrame:
    """Answer distribution (1-5) of every item in one wave.

    Returns
    -------
    DataFrame
        Columns ``skala, butir, nilai, n, proporsi`` (share of the item's answers).

    Examples
    --------
    >>> df = pd.DataFrame({"gelombang": 1, "a": [1.0, 5.0, 5.0, np.nan]})
    >>> sebaran_likert(df, {"s": ("a",)})["proporsi"].round(3).tolist()
    [0.333, 0.0, 0.0, 0.0, 0.667]
    """
    df = skor_skala(pilih_gelombang(survei, gelombang), skala, terbalik)
    rows = []
    for name, items in skala.items():
        for item in items:
            x = pd.to_numeric(df[item], errors="coerce").round()
            counts = x.value_counts().reindex([1.0, 2.0, 3.0, 4.0, 5.0], fill_value=0)
            total = counts.sum()
            for v, c in counts.items():
                rows.append({"skala": name, "butir": item, "nilai": int(v), "n": int(c),
                             "proporsi": c / total if total else np.nan})
    return pd.DataFrame(rows, columns=["skala", "butir", "nilai", "n", "proporsi"])


#: Colour-blind-safe diverging colours (ColorBrewer BrBG, 5 classes).
WARNA_LIKERT = ("#A6611A", "#DFC27D", "#D9D9D9", "#80CDC1", "#018571")


def plot_likert(
    sebaran: pd.DataFrame,
    label_butir: Mapping[str, str],
    label_nilai: Sequence[str],
    judul: str,
    sumbu_x: str,
    fmt_persen: Any = None,
    ax: Any = None,
) -> Any:
    """Diverging stacked bar chart of Likert items, centred on the neutral category.

    Disagreement (1-2) and half of the neutral answers go left of zero, agreement (4-5)
    and the other half right, so the bars line up at the neutral midpoint (Heiberger &
    Robbins 2014).

    Parameters
    ----------
    sebaran : DataFrame
        Output of :func:`sebaran_likert`.
    label_butir : mapping
        Item column -> label shown on the y axis (also sets the order, top to bottom).
    label_nilai : sequence of 5 str
        Legend labels for answers 1..5.
    judul, sumbu_x : str
        Title (state the finding) and x-axis label.
    fmt_persen : callable, optional
        Tick formatter for shares (e.g. ``lambda v: i18n.fmt_percent(v, 0, lang)``).
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Figure
    """
    import matplotlib.pyplot as plt

    items = [b for b in label_butir if b in set(sebaran["butir"])]
    p = (sebaran.pivot(index="butir", columns="nilai", values="proporsi")
         .reindex(index=items, columns=[1, 2, 3, 4, 5]).fillna(0.0))
    if ax is None:
        fig, ax = plt.subplots(figsize=(13, 0.62 * len(items) + 2.6))
    else:
        fig = ax.figure
    y = np.arange(len(items))[::-1]
    left = -(p[1] + p[2] + p[3] / 2).to_numpy()
    for j, col in enumerate([1, 2, 3, 4, 5]):
        w = p[col].to_numpy()
        ax.barh(y, w, left=left, color=WARNA_LIKERT[j], label=label_nilai[j],
                edgecolor="white", height=0.75)
        left = left + w
    ax.axvline(0, color="#333333", lw=1)
    ax.set_yticks(y, [label_butir[b] for b in items], fontsize=13)
    lim = max(0.5, float(np.ceil(max((p[1] + p[2] + p[3] / 2).max(),
                                     (p[4] + p[5] + p[3] / 2).max()) * 10) / 10))
    ax.set_xlim(-lim, lim)
    if fmt_persen is not None:
        ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: fmt_persen(abs(v))))
    ax.set(title=judul, xlabel=sumbu_x)
    ax.legend(ncol=5, loc="upper center", bbox_to_anchor=(0.5, -0.18), frameon=False,
              fontsize=12)
    return fig


# --------------------------------------------------------------------------- support model

_USIA_REF = "40-49"
_VARIABEL = ("pemahaman", "kekhawatiran", "ikut_pelatihan", "status_pppk",
             "usia_<30", "usia_30-39", "usia_50+")


def data_model(
    survei: pd.DataFrame,
    pegawai: pd.DataFrame | None = None,
    terbalik: Iterable[str] = (),
    gelombang: int | None = None,
) -> pd.DataFrame:
    """Model frame for :func:`model_dukungan`: one row per respondent of one wave.

    Columns: ``id_pegawai, unit_kerja, dukungan`` (scale mean), ``dukungan_level`` (rounded
    half up to 1-5), ``pemahaman, kekhawatiran`` (scale means), ``ikut_pelatihan`` (0/1),
    ``status_pppk`` (0/1), age dummies ``usia_<30, usia_30-39, usia_50+`` (reference
    40-49). Rows with any missing value are dropped (complete cases); a background
    variable missing for everyone (e.g. no ``status_kepegawaian`` in ``pegawai``) is left
    out instead, so the model runs without it.

    Examples
    --------
    >>> s = pd.DataFrame({"id_pegawai": [1, 2], "unit_kerja": "A", "gelombang": 1,
    ...                   "ikut_pelatihan": [True, False],
    ...                   **{c: [4.0, 2.0] for items in SKALA.values() for c in items}})
    >>> list(data_model(s, pd.DataFrame({"id_pegawai": [1, 2]})).columns)
    ... # doctest: +NORMALIZE_WHITESPACE
    ['id_pegawai', 'unit_kerja', 'dukungan', 'pemahaman', 'kekhawatiran', 'dukungan_level',
     'ikut_pelatihan']
    """
    df = _latar(skor_skala(pilih_gelombang(survei, gelombang), terbalik=terbalik), pegawai)
    out = pd.DataFrame({
        "id_pegawai": df["id_pegawai"].to_numpy(),
        "unit_kerja": df["unit_kerja"].to_numpy(),
        "dukungan": df["dukungan"].to_numpy(dtype=float),
        "pemahaman": df["pemahaman"].to_numpy(dtype=float),
        "kekhawatiran": df["kekhawatiran"].to_numpy(dtype=float),
    })
    out["dukungan_level"] = np.floor(out["dukungan"] + 0.5)
    tr = df["ikut_pelatihan"]
    out["ikut_pelatihan"] = tr.astype("float").to_numpy()
    status = df["status_kepegawaian"].astype("str").str.upper().str.strip()
    out["status_pppk"] = np.where(df["status_kepegawaian"].isna(), np.nan,
                                  (status == "PPPK").astype(float))
    usia = df["kelompok_usia"]
    for band in ("<30", "30-39", "50+"):
        out[f"usia_{band}"] = np.where(usia.isna(), np.nan, (usia == band).astype(float))
    # An attribute nobody has (a column absent from pegawai, or pegawai not supplied) leaves
    # the model; dropping its rows instead would leave no complete case at all.
    kosong = [c for c in _VARIABEL if c in out.columns and out[c].isna().all()]
    return out.drop(columns=kosong).dropna().reset_index(drop=True)


@dataclass
class HasilModelDukungan:
    """Results of :func:`model_dukungan`.

    Attributes
    ----------
    odds : DataFrame
        Ordinal logit: ``variabel, odds_ratio, ci_low, ci_high, p_value``.
    linear : DataFrame
        Linear sensitivity model of the scale mean: ``variabel, koefisien, ci_low, ci_high,
        p_value``.
    peluang : DataFrame
        Average predicted probability of support (level >= 4) when everyone's understanding
        or worry is set to 2 or 4: ``skenario, variabel, nilai, proporsi, ci_low, ci_high``.
    n, n_cluster : int
        Respondents and work units (clusters) used by the models.
    level : list of int
        Observed support levels (1-5).
    n_total : int
        Respondents available; larger than ``n`` when a sample of units was used.
    sampel : bool
        True when the models ran on a seeded random sample of whole units
        (``maks_baris``).
    """

    odds: pd.DataFrame
    linear: pd.DataFrame
    peluang: pd.DataFrame
    n: int
    n_cluster: int
    level: list[int]
    n_total: int = 0
    sampel: bool = False


def _cut_points(params: np.ndarray, k_exog: int) -> np.ndarray:
    """Cut points from OrderedModel parameters (first cut, then log increments)."""
    th = params[..., k_exog:]
    inc = np.concatenate([th[..., :1], np.exp(th[..., 1:])], axis=-1)
    return np.cumsum(inc, axis=-1)


def model_dukungan(
    model_df: pd.DataFrame,
    *,
    seed: int = 2026,
    n_draws: int = 1000,
    level_dukung: float = 4.0,
    ci: float = 0.95,
    maks_baris: int = 100_000,
) -> HasilModelDukungan:
    """Ordinal logistic model of support with a linear sensitivity check.

    ``dukungan_level`` (1-5) ~ pemahaman + kekhawatiran + ikut_pelatihan + status_pppk +
    age dummies, ``statsmodels`` ``OrderedModel`` (logit link), standard errors clustered by
    unit_kerja (staff share a supervisor; with few units the intervals are approximate).
    Odds ratios are per one scale point (1-5) for the scales and for yes vs no otherwise;
    OR > 1 means higher support levels are more likely. The sensitivity check is OLS of the
    unrounded scale mean on the same variables (cluster-robust, t with G-1 df).

    Predicted probabilities: for each scenario the variable is set to the same value for
    every respondent (others as observed) and the predicted ``P(level >= level_dukung)``
    is averaged; the interval comes from ``n_draws`` parameter draws from the estimated
    normal sampling distribution (``seed``).

    Parameters
    ----------
    model_df : DataFrame
        Output of :func:`data_model`.
    seed, n_draws : int
        Resampling of the parameters for the probability intervals.
    level_dukung : float
        Lowest level that counts as support (4 = "setuju").
    ci : float
        Confidence level.
    maks_baris : int
        Above this many respondents (city or national scale) both models use a seeded
        (``seed``) random sample of whole work units holding about ``maks_baris``
        respondents: whole units keep the clustered standard errors valid, and the
        ordinal fit (numerical derivatives, ~90 s for 580,000 rows here) stays at seconds.
        ``n`` is then the sample, ``n_total`` all respondents, ``sampel`` True.

    Returns
    -------
    HasilModelDukungan
        Empty frames when the support level does not vary or there are too few rows.
    """
    from statsmodels.miscmodels.ordinal_model import OrderedModel
    from statsmodels.regression.linear_model import OLS

    df = model_df
    n_total, sampel = len(df), len(model_df) > maks_baris
    if sampel:
        units = df["unit_kerja"].unique()
        order = np.random.default_rng(seed).permutation(len(units))
        sizes = df["unit_kerja"].value_counts().reindex(units[order]).to_numpy()
        take = int(np.searchsorted(np.cumsum(sizes), maks_baris)) + 1
        df = df[df["unit_kerja"].isin(units[order[:take]])].reset_index(drop=True)
    variabel = [v for v in _VARIABEL if v in df.columns and df[v].nunique() > 1]
    X = df[variabel].astype(float)
    levels = sorted(int(v) for v in df["dukungan_level"].unique())
    y = pd.Series(pd.Categorical(df["dukungan_level"].astype(int), categories=levels,
                                 ordered=True))
    groups = pd.factorize(df["unit_kerja"])[0]
    g = int(groups.max()) + 1 if len(groups) else 0
    cov = {"cov_type": "cluster", "cov_kwds": {"groups": groups}} if g >= 2 else {}
    z = stats.norm.isf((1 - ci) / 2)

    if len(levels) < 2 or len(df) <= len(variabel) + len(levels):
        empty = HasilModelDukungan(
            odds=pd.DataFrame(columns=["variabel", "odds_ratio", "ci_low", "ci_high", "p_value"]),
            linear=pd.DataFrame(columns=["variabel", "koefisien", "ci_low", "ci_high",
                                         "p_value"]),
            peluang=pd.DataFrame(columns=["skenario", "variabel", "nilai", "proporsi", "ci_low",
                                          "ci_high"]),
            n=len(df), n_cluster=g, level=levels, n_total=n_total, sampel=sampel)
        return empty
    om = OrderedModel(y, X, distr="logit")
    res = om.fit(method="bfgs", disp=False, maxiter=1000, **cov)
    k = len(variabel)
    b = np.asarray(res.params)[:k]
    se = np.asarray(res.bse)[:k]
    odds = pd.DataFrame({
        "variabel": variabel,
        "odds_ratio": np.exp(b),
        "ci_low": np.exp(b - z * se),
        "ci_high": np.exp(b + z * se),
        "p_value": np.asarray(res.pvalues)[:k],
    })

    ols = OLS(df["dukungan"].to_numpy(dtype=float),
              np.column_stack([np.ones(len(X)), X.to_numpy(dtype=float)]))
    lin = ols.fit(**cov, use_t=True) if cov else ols.fit(cov_type="HC1", use_t=True)
    ci_lin = np.asarray(lin.conf_int(alpha=1 - ci))
    linear = pd.DataFrame({
        "variabel": variabel,
        "koefisien": np.asarray(lin.params)[1:],
        "ci_low": ci_lin[1:, 0],
        "ci_high": ci_lin[1:, 1],
        "p_value": np.asarray(lin.pvalues)[1:],
    })

    # average predicted P(level >= level_dukung) under scenarios, with parameter draws
    params = np.asarray(res.params)
    rng = np.random.default_rng(seed)
    draws = rng.multivariate_normal(params, np.asarray(res.cov_params()), size=n_draws,
                                    method="eigh")
    j = next((i for i, lv in enumerate(levels) if lv >= level_dukung), len(levels))
    xv = X.to_numpy()
    rows = []
    for var in ("pemahaman", "kekhawatiran"):
        if var not in variabel:
            continue
        col = variabel.index(var)
        for val, name in ((2.0, "rendah"), (4.0, "tinggi")):
            xs = xv.copy()
            xs[:, col] = val
            # The average over respondents is a weighted average over the distinct rows of
            # xs (a few thousand even at the national scale, where draws x respondents
            # would not fit in memory).
            xs, w = np.unique(xs, axis=0, return_counts=True)
            w = w / w.sum()

            def p_support(par: np.ndarray, xs: np.ndarray = xs, w: np.ndarray = w
                          ) -> np.ndarray:
                if j == 0:
                    return np.ones(par.shape[:-1])
                if j >= len(levels):
                    return np.zeros(par.shape[:-1])
                cut = _cut_points(par, k)[..., j - 1]
                eta = par[..., :k] @ xs.T
                return (1.0 - 1.0 / (1.0 + np.exp(-(cut[..., None] - eta)))) @ w

            point = float(p_support(params))
            sims = p_support(draws)
            lo, hi = np.quantile(sims, [(1 - ci) / 2, (1 + ci) / 2])
            rows.append({"skenario": f"{var}_{name}", "variabel": var, "nilai": val,
                         "proporsi": point, "ci_low": float(lo), "ci_high": float(hi)})
    peluang = pd.DataFrame(rows, columns=["skenario", "variabel", "nilai", "proporsi",
                                          "ci_low", "ci_high"])
    return HasilModelDukungan(odds=odds, linear=linear, peluang=peluang, n=len(df),
                              n_cluster=g, level=levels, n_total=n_total, sampel=sampel)


# --------------------------------------------------------------------------- training effect


def _ols_cluster(y: np.ndarray, d: np.ndarray, groups: np.ndarray, ci: float) -> dict:
    """OLS of y on [1, d]; coefficient of d with cluster-robust SE (t, G-1 df)."""
    from statsmodels.regression.linear_model import OLS

    X = np.column_stack([np.ones(len(d)), d.astype(float)])
    codes = pd.factorize(pd.Series(groups))[0]
    g = int(codes.max()) + 1 if len(codes) else 0
    if g >= 2:
        res = OLS(y, X).fit(cov_type="cluster", cov_kwds={"groups": codes}, use_t=True)
    else:
        res = OLS(y, X).fit(cov_type="HC1", use_t=True)
    lo, hi = np.asarray(res.conf_int(alpha=1 - ci))[1]
    return {"estimate": float(res.params[1]), "se": float(res.bse[1]), "ci_low": float(lo),
            "ci_high": float(hi), "p_value": float(res.pvalues[1]), "n_cluster": g}


def efek_pelatihan(
    survei: pd.DataFrame,
    gelombang_awal: int | None = None,
    gelombang_akhir: int | None = None,
    terbalik: Iterable[str] = (),
    ci: float = 0.95,
) -> pd.DataFrame:
    """Effect of training on understanding: difference-in-differences across waves.

    Design (panel of staff who answered both waves ``a`` = ``gelombang_awal``, default the
    first, and ``b`` = ``gelombang_akhir``, default the last):

    * staff already trained at wave ``a`` are excluded (always treated);
    * **trained** = ``ikut_pelatihan`` true at wave ``b`` (attended between the waves);
      **never trained** = false at wave ``b``;
    * estimate = mean change of the pemahaman score (b - a) of the trained minus that of the
      never trained; computed as OLS of the change on the trained indicator, which equals
      the two-way fixed-effects 2x2 DiD; SE clustered by unit_kerja (at wave ``b``), t with
      G-1 degrees of freedom.

    Assumptions: without training, both groups' understanding would have changed by the
    same amount (parallel trends; staff chosen for training because of low understanding
    are fine as long as that level, not its trend, drove the choice); training of one
    person does not change a colleague's understanding (no spill-over); the ``b``-wave
    answers are not affected by anticipating training; the panel (both waves answered) is
    not selected by the outcome. The estimate is the effect on the trained (ATT) at wave
    ``b``, pooled over when they attended.

    Rows returned (``metode``):

    * ``"did"``: the estimate above;
    * ``"naif_sesudah"``: after-only comparison at wave ``b`` (trained minus untrained
      respondents, cluster-robust), which mixes the effect with who was chosen for training;
    * ``"tren_awal"`` (only with a middle wave ``m``): placebo, the change a -> m of staff
      untrained at ``m`` who are trained by ``b`` minus those never trained. Near 0 supports
      parallel trends.

    Returns
    -------
    DataFrame
        Columns ``metode, estimate, se, ci_low, ci_high, p_value, n, n_dilatih, n_kontrol,
        n_cluster, gelombang_awal, gelombang_akhir``; ``n`` counts staff.

    Examples
    --------
    >>> rng = np.random.default_rng(1)
    >>> n = 400
    >>> base = rng.normal(3, 0.6, n)
    >>> tr = rng.random(n) < 1 / (1 + np.exp(3 * (base - 3)))  # low understanding -> trained
    >>> rows = []
    >>> for w, eff in ((1, 0.0), (2, 0.5)):
    ...     y = base + eff * tr + rng.normal(0, 0.3, n)
    ...     rows.append(pd.DataFrame({"id_pegawai": range(n), "unit_kerja": np.arange(n) % 8,
    ...         "gelombang": w, "ikut_pelatihan": tr & (w == 2),
    ...         **{c: y for c in SKALA["pemahaman"]}}))
    >>> r = efek_pelatihan(pd.concat(rows)).set_index("metode")
    >>> bool(r.loc["did", "ci_low"] < 0.5 < r.loc["did", "ci_high"])
    True
    >>> bool(r.loc["naif_sesudah", "estimate"] < 0.3)
    True
    """
    skala = {"pemahaman": SKALA["pemahaman"]}
    df = skor_skala(survei, skala, terbalik)
    df = df[df["pemahaman"].notna()]
    waves = sorted(int(w) for w in df["gelombang"].dropna().unique())
    cols = ["metode", "estimate", "se", "ci_low", "ci_high", "p_value", "n", "n_dilatih",
            "n_kontrol", "n_cluster", "gelombang_awal", "gelombang_akhir"]
    if len(waves) < 2:
        return pd.DataFrame(columns=cols)
    a = waves[0] if gelombang_awal is None else int(gelombang_awal)
    b = waves[-1] if gelombang_akhir is None else int(gelombang_akhir)
    keep = ["id_pegawai", "unit_kerja", "pemahaman", "ikut_pelatihan"]

    def wave(w: int) -> pd.DataFrame:
        part = df.loc[df["gelombang"] == w, keep].drop_duplicates("id_pegawai", keep="last")
        part = part.copy()
        part["ikut_pelatihan"] = part["ikut_pelatihan"].astype("boolean").fillna(False)
        return part.set_index("id_pegawai")

    A, B = wave(a), wave(b)
    rows = []

    def add(metode: str, y: np.ndarray, d: np.ndarray, groups: np.ndarray, wa: int, wb: int
            ) -> None:
        n1, n0 = int(d.sum()), int((~d).sum())
        if n1 >= 2 and n0 >= 2:
            r = _ols_cluster(y, d, groups, ci)
        else:
            r = {"estimate": np.nan, "se": np.nan, "ci_low": np.nan, "ci_high": np.nan,
                 "p_value": np.nan, "n_cluster": 0}
        rows.append({"metode": metode, **r, "n": n1 + n0, "n_dilatih": n1, "n_kontrol": n0,
                     "gelombang_awal": wa, "gelombang_akhir": wb})

    panel = A.join(B, how="inner", suffixes=("_a", "_b"))
    panel = panel[~panel["ikut_pelatihan_a"].to_numpy(dtype=bool)]
    d = panel["ikut_pelatihan_b"].to_numpy(dtype=bool)
    add("did", (panel["pemahaman_b"] - panel["pemahaman_a"]).to_numpy(dtype=float), d,
        panel["unit_kerja_b"].to_numpy(), a, b)
    add("naif_sesudah", B["pemahaman"].to_numpy(dtype=float),
        B["ikut_pelatihan"].to_numpy(dtype=bool), B["unit_kerja"].to_numpy(), b, b)
    middle = [w for w in waves if a < w < b]
    if middle:
        m = middle[-1]
        M = wave(m)
        pre = A.join(M, how="inner", suffixes=("_a", "_m"))
        pre = pre[~pre["ikut_pelatihan_a"].to_numpy(dtype=bool)
                  & ~pre["ikut_pelatihan_m"].to_numpy(dtype=bool)]
        pre = pre.join(B[["ikut_pelatihan"]], how="inner")
        add("tren_awal", (pre["pemahaman_m"] - pre["pemahaman_a"]).to_numpy(dtype=float),
            pre["ikut_pelatihan"].to_numpy(dtype=bool), pre["unit_kerja_m"].to_numpy(), a, m)
    return pd.DataFrame(rows, columns=cols)


# --------------------------------------------------------------------------- free text


def muat_leksikon(path: str | Path | None = None) -> dict[str, dict[str, Any]]:
    """The theme lexicon: ``{tema: {"id": label, "en": label, "pola": [regex, ...]}}``.

    Default: the package file ``kinerja_analysis/data/tema_komentar.json``.

    Examples
    --------
    >>> lex = muat_leksikon()
    >>> "karir_promosi" in lex and lex["pelatihan"]["en"]
    'Training and outreach'
    """
    if path is None:
        text = (resources.files("kinerja_analysis") / "data" / "tema_komentar.json").read_text(
            encoding="utf-8")
    else:
        text = Path(path).read_text(encoding="utf-8")
    data = json.loads(text)
    tema = data["tema"]
    for name, entry in tema.items():
        if not entry.get("pola"):
            raise ValueError(f"tema {name!r} has no patterns")
        _pattern(tuple(entry["pola"]))  # fail early on a bad regex
    return tema


@lru_cache(maxsize=64)
def _pattern(pola: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + "|".join(f"(?:{p})" for p in pola) + ")")


def bersihkan_komentar(komentar: pd.Series, names: Iterable[str] = ()) -> pd.Series:
    """Scrub personal data (:func:`privacy.scrub_series`), trim, blanks -> missing.

    Safe on raw text: NIP, NIK, telephone numbers, e-mail addresses and the ``names``
    given are replaced by tags. Already scrubbed text is unchanged.

    Examples
    --------
    >>> bersihkan_komentar(pd.Series(["  hubungi 0812-3456-7890 ", "", None])).tolist()
    ['hubungi [TELEPON]', nan, nan]
    """
    s = privacy.scrub_series(komentar.astype("str").where(komentar.notna()), list(names))
    s = s.str.strip()
    return s.where(s.str.len() > 0)


def tandai_tema(
    komentar: pd.Series,
    leksikon: Mapping[str, Mapping[str, Any]] | None = None,
    names: Iterable[str] = (),
) -> pd.DataFrame:
    """Boolean theme flags per comment (after scrubbing); a comment may have several.

    Each distinct text is matched once (comments repeat a lot), case-insensitively.

    Examples
    --------
    >>> t = tandai_tema(pd.Series(["Belum paham indikator", "Aplikasi error", None]))
    >>> t.loc[0, "tidak_paham_indikator"], t.loc[1, "aplikasi_jaringan"], t.loc[2].any()
    (np.True_, np.True_, np.False_)
    """
    lex = muat_leksikon() if leksikon is None else leksikon
    s = bersihkan_komentar(komentar, names)
    codes, uniques = pd.factorize(s, use_na_sentinel=True)
    lower = pd.Series(uniques, dtype="str").str.lower()
    out = {}
    for name, entry in lex.items():
        hit = lower.str.contains(_pattern(tuple(entry["pola"])), regex=True).to_numpy(dtype=bool)
        out[name] = np.append(hit, False)[codes]
    return pd.DataFrame(out, index=komentar.index)


def hitung_tema(
    komentar: pd.Series,
    leksikon: Mapping[str, Mapping[str, Any]] | None = None,
    names: Iterable[str] = (),
) -> pd.DataFrame:
    """Comments per theme, most frequent first, plus ``"lainnya"`` (no theme found).

    Returns
    -------
    DataFrame
        Columns ``tema, n, proporsi`` (share of non-empty comments; themes overlap, so the
        shares can add up to more than 1). ``attrs["n_komentar"]`` = non-empty comments.

    Examples
    --------
    >>> hitung_tema(pd.Series(["bimtek bagus", "aplikasi error", "ok", None])).head(2)
    ... # doctest: +NORMALIZE_WHITESPACE
                    tema  n  proporsi
    0  aplikasi_jaringan  1  0.333333
    1          pelatihan  1  0.333333
    """
    lex = muat_leksikon() if leksikon is None else leksikon
    flags = tandai_tema(komentar, lex, names)
    present = bersihkan_komentar(komentar, names).notna().to_numpy()
    total = int(present.sum())
    counts = flags[present].sum()
    counts["lainnya"] = int((~flags[present].any(axis=1)).sum())
    out = counts.rename_axis("tema").reset_index(name="n")
    out["n"] = out["n"].astype(int)
    out["proporsi"] = out["n"] / total if total else np.nan
    out["_lain"] = out["tema"] == "lainnya"
    out = out.sort_values(["_lain", "n", "tema"], ascending=[True, False, True], kind="stable")
    out = out.drop(columns="_lain").reset_index(drop=True)
    out.attrs["n_komentar"] = total
    return out


def kutipan_tema(
    komentar: pd.Series,
    leksikon: Mapping[str, Mapping[str, Any]] | None = None,
    *,
    k_min: int = 10,
    per_tema: int = 3,
    names: Iterable[str] = (),
    max_len: int = 160,
) -> pd.DataFrame:
    """A few representative scrubbed quotes per theme, only for themes with >= k_min comments.

    Representative = the most frequent distinct texts of the theme (ties: shorter first).
    Texts that contained personal data (a scrub tag such as ``[NAMA]``), or that still hold
    an ``@`` or a run of 7+ digits, are never quoted (:func:`boleh_dikutip`).
    Quotes are plain text: escape them when writing HTML (``tampilan.tabel_html`` does).

    Returns
    -------
    DataFrame
        Columns ``tema, kutipan, n_sama`` (how many comments have exactly this text).

    Examples
    --------
    >>> s = pd.Series(["Bimtek bermanfaat"] * 6 + ["Perlu bimtek lagi"] * 4
    ...               + ["Bimtek dgn Pak X 0812-3456-7890"])
    >>> kutipan_tema(s, k_min=10, per_tema=2).query("tema == 'pelatihan'")
    ... # doctest: +NORMALIZE_WHITESPACE
            tema            kutipan  n_sama
    0  pelatihan  Bimtek bermanfaat       6
    1  pelatihan  Perlu bimtek lagi       4
    """
    lex = muat_leksikon() if leksikon is None else leksikon
    s = bersihkan_komentar(komentar, names)
    flags = tandai_tema(komentar, lex, names)
    rows = []
    for name in lex:
        sel = s[flags[name].to_numpy() & s.notna().to_numpy()]
        if len(sel) < k_min:
            continue
        freq = sel.value_counts()
        freq = freq[[boleh_dikutip(str(t)) for t in freq.index]]
        top = (pd.DataFrame({"kutipan": freq.index.astype(str), "n_sama": freq.to_numpy()})
               .assign(_len=lambda d: d["kutipan"].str.len())
               .sort_values(["n_sama", "_len", "kutipan"], ascending=[False, True, True])
               .head(per_tema))
        for q, c in zip(top["kutipan"], top["n_sama"], strict=True):
            text = q if len(q) <= max_len else q[: max_len - 1].rstrip() + "…"
            rows.append({"tema": name, "kutipan": text, "n_sama": int(c)})
    return pd.DataFrame(rows, columns=["tema", "kutipan", "n_sama"])


# --------------------------------------------------------------------------- recommendations


def rekomendasi(
    prev: pd.DataFrame,
    odds: pd.DataFrame | None = None,
    efek: Mapping[str, Any] | None = None,
    tema: pd.DataFrame | None = None,
    *,
    n_prioritas: int = 3,
) -> pd.DataFrame:
    """Recommendations driven by the numbers, one row per (action, target).

    Rules (in this order of priority):

    1. ``sosialisasi_indikator``: the ``n_prioritas`` units (shown cells) with the highest
       share of *kurang paham* above the overall share;
    2. ``jelaskan_dampak_karir``: the groups of golongan, age or status (not units) with the
       highest share of *kekhawatiran karir* above the overall share (up to
       ``n_prioritas``);
    3. ``dialog_dukungan``: the units with the highest share of *kurang dukungan* above the
       overall share (up to ``n_prioritas``);
    4. training (from the DiD ``efek``): ``perluas_pelatihan`` if the CI is above 0,
       ``tinjau_pelatihan`` if below 0, otherwise ``evaluasi_pelatihan``;
    5. from the support model ``odds``: ``pemahaman_dukungan`` if the odds ratio of
       pemahaman is clearly above 1, ``kurangi_kekhawatiran`` if that of kekhawatiran is
       clearly below 1;
    6. ``tindak_lanjut_tema``: the most frequent comment theme other than
       ``tanggapan_positif`` and ``lainnya``.

    Returns
    -------
    DataFrame
        Columns ``prioritas, kode, dimensi, sasaran, nilai, ci_low, ci_high, pembanding``
        (``pembanding`` = the overall share a group is compared with).

    Examples
    --------
    >>> prev = pd.DataFrame({"hambatan": "kurang_paham", "dimensi": ["semua", "unit_kerja",
    ...     "unit_kerja"], "kelompok": ["semua", "A", "B"], "proporsi": [0.2, 0.35, 0.1],
    ...     "ci_low": [0.15, 0.2, 0.05], "ci_high": [0.25, 0.5, 0.2], "n": [100, 40, 60],
    ...     "suppressed": False})
    >>> rekomendasi(prev)[["kode", "sasaran", "nilai"]].to_dict("records")
    [{'kode': 'sosialisasi_indikator', 'sasaran': 'A', 'nilai': 0.35}]
    """
    from .laporan.bagian import arah  # the one up / down / unclear rule

    cols = ["prioritas", "kode", "dimensi", "sasaran", "nilai", "ci_low", "ci_high",
            "pembanding"]
    rows: list[dict[str, Any]] = []

    def top_groups(kode: str, hambatan: str, dims: Sequence[str],
                   skip: frozenset[tuple[str, str]] = frozenset()) -> None:
        p = prev[prev["hambatan"] == hambatan]
        if skip:
            pairs = list(zip(p["dimensi"], p["kelompok"], strict=True))
            p = p[np.array([pair not in skip for pair in pairs], dtype=bool)]
        overall = p.loc[p["dimensi"] == SEMUA, "proporsi"]
        if overall.empty or pd.isna(overall.iloc[0]):
            return
        base = float(overall.iloc[0])
        cand = p[p["dimensi"].isin(dims) & ~p["suppressed"].astype(bool)
                 & (p["kelompok"] != TIDAK_DIKETAHUI) & (p["proporsi"] > base)]
        cand = cand.sort_values(["proporsi", "n"], ascending=[False, False]).head(n_prioritas)
        for r in cand.itertuples():
            rows.append({"kode": kode, "dimensi": r.dimensi, "sasaran": r.kelompok,
                         "nilai": r.proporsi, "ci_low": r.ci_low, "ci_high": r.ci_high,
                         "pembanding": base})

    top_groups("sosialisasi_indikator", "kurang_paham", ["unit_kerja"])
    # golongan "PPPK" is the same people as status PPPK: keep the status row only
    top_groups("jelaskan_dampak_karir", "kekhawatiran_karir",
               [d for d in DIMENSI if d != "unit_kerja"], skip=frozenset({("golongan", "PPPK")}))
    top_groups("dialog_dukungan", "kurang_dukungan", ["unit_kerja"])
    if efek is not None and efek.get("estimate") is not None and pd.notna(efek["estimate"]):
        lo, hi = efek.get("ci_low"), efek.get("ci_high")
        kode = {"naik": "perluas_pelatihan", "turun": "tinjau_pelatihan",
                "tidak_jelas": "evaluasi_pelatihan"}[arah(lo, hi)]
        rows.append({"kode": kode, "dimensi": None, "sasaran": "pemahaman",
                     "nilai": efek["estimate"], "ci_low": lo, "ci_high": hi, "pembanding": 0.0})
    if odds is not None and len(odds):
        o = odds.set_index("variabel")
        # an odds ratio is clear when its interval excludes 1 (log scale: excludes 0)
        arah_or = {v: arah(o.loc[v, "ci_low"] - 1, o.loc[v, "ci_high"] - 1) for v in o.index}
        if arah_or.get("pemahaman") == "naik":
            r = o.loc["pemahaman"]
            rows.append({"kode": "pemahaman_dukungan", "dimensi": None, "sasaran": "pemahaman",
                         "nilai": r["odds_ratio"], "ci_low": r["ci_low"],
                         "ci_high": r["ci_high"], "pembanding": 1.0})
        if arah_or.get("kekhawatiran") == "turun":
            r = o.loc["kekhawatiran"]
            rows.append({"kode": "kurangi_kekhawatiran", "dimensi": None,
                         "sasaran": "kekhawatiran", "nilai": r["odds_ratio"],
                         "ci_low": r["ci_low"], "ci_high": r["ci_high"], "pembanding": 1.0})
    if tema is not None and len(tema):
        t = tema[~tema["tema"].isin(["tanggapan_positif", "lainnya"]) & (tema["n"] > 0)]
        if len(t):
            r = t.sort_values("n", ascending=False, kind="stable").iloc[0]
            rows.append({"kode": "tindak_lanjut_tema", "dimensi": None, "sasaran": r["tema"],
                         "nilai": r["proporsi"] if "proporsi" in t else np.nan,
                         "ci_low": np.nan, "ci_high": np.nan, "pembanding": np.nan})
    out = pd.DataFrame(rows, columns=cols[1:])
    out.insert(0, "prioritas", np.arange(1, len(out) + 1))
    return out[cols]
