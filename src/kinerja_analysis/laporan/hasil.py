"""results.json: the machine-readable twin of the reports.

Each notebook saves its section with :func:`simpan_bagian` into ``results_dir/<section>.json``;
the report run merges the sections into ``results.json``. Numbers are rounded *before*
saving and the notebooks display the saved numbers, so every number in results.json is the
one the report shows.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .. import atomic

SECTIONS = ("data", "ikm", "dampak", "korelasi", "hambatan")


#: Significant digits of every p-value in results.json (whatever ``decimals`` the rest of
#: the section uses): a p-value of 0.00012 keeps its size instead of becoming 0.0.
P_SIGNIFIKAN = 3


def is_p_key(key: object) -> bool:
    """True for the keys and columns that hold p-values (``p_value``, ``p_value_adjusted``,
    ``pretrend_p_value``, ``density_test_p_value``, ...).

    Examples
    --------
    >>> is_p_key("p_value"), is_p_key("pretrend_p_value"), is_p_key("p_tinggi")
    (True, True, False)
    """
    return isinstance(key, str) and "p_value" in key


def round_sig(x: float, digits: int = P_SIGNIFIKAN) -> float:
    """``x`` rounded to ``digits`` significant digits (0 and non-finite values unchanged).

    Examples
    --------
    >>> round_sig(0.000123456), round_sig(0.04567), round_sig(0.99951), round_sig(0.0)
    (0.000123, 0.0457, 1.0, 0.0)
    """
    if x == 0 or not math.isfinite(x):
        return x
    return round(x, digits - 1 - math.floor(math.log10(abs(x))))


def _p_values(obj: Any) -> Any:
    """A p-value (or a list of them) already made JSON: rounded in significant digits."""
    if type(obj) is float:
        return round_sig(obj)
    if type(obj) is list:
        return [_p_values(v) for v in obj]
    return obj


def to_jsonable(obj: Any, decimals: int | None = None) -> Any:
    """Convert numpy/pandas scalars, frames and dates into plain JSON values.

    The one rounding policy of results.json: NaN, NA and NaT become ``None``; floats are
    rounded to ``decimals`` when given; p-values (keys or columns named ``*p_value*``, see
    :func:`is_p_key`) are rounded to :data:`P_SIGNIFIKAN` significant digits instead.

    Examples
    --------
    >>> to_jsonable({"a": np.float64(1.23456), "b": [np.int64(2), float("nan")]}, decimals=2)
    {'a': 1.23, 'b': [2, None]}
    >>> to_jsonable({"estimate": 0.123456, "p_value": 0.0000123456}, decimals=2)
    {'estimate': 0.12, 'p_value': 1.23e-05}
    """
    t = type(obj)  # exact-type fast paths first: results hold ~10^6 plain values nationally
    if t is str or t is int or t is bool or obj is None:
        return obj
    if t is float:
        if math.isnan(obj) or math.isinf(obj):
            return None
        return round(obj, decimals) if decimals is not None else obj
    if t is dict or isinstance(obj, Mapping):
        return {str(k): (_p_values(to_jsonable(v)) if is_p_key(k) else to_jsonable(v, decimals))
                for k, v in obj.items()}
    if t is list:
        return [to_jsonable(v, decimals) for v in obj]
    if isinstance(obj, pd.DataFrame):
        return _records(obj, decimals)
    if isinstance(obj, pd.Series):
        return to_jsonable(obj.to_dict(), decimals)
    if isinstance(obj, list | tuple | np.ndarray):
        return [to_jsonable(v, decimals) for v in obj]
    if obj is None or obj is pd.NA or obj is pd.NaT:
        return None
    if isinstance(obj, bool | np.bool_):
        return bool(obj)
    if isinstance(obj, int | np.integer):
        return int(obj)
    if isinstance(obj, float | np.floating):
        x = float(obj)
        if math.isnan(x) or math.isinf(x):
            return None
        return round(x, decimals) if decimals is not None else x
    if isinstance(obj, pd.Timestamp | datetime | date):
        return obj.isoformat()[:10] if isinstance(obj, date) else obj.isoformat()
    if isinstance(obj, str):
        return obj
    try:
        if pd.isna(obj):
            return None
    except (TypeError, ValueError):
        pass
    return str(obj)


def _column(s: pd.Series, decimals: int | None) -> list[Any]:
    """One column as JSON values, whole-column for numpy numbers (same values as
    converting each cell)."""
    kind = s.dtype.kind if isinstance(s.dtype, np.dtype) else ""
    if kind == "f":
        values = s.to_numpy()
        finite = np.isfinite(values).tolist()
        if decimals is None:
            return [x if ok else None for x, ok in zip(values.tolist(), finite, strict=True)]
        return [round(x, decimals) if ok else None
                for x, ok in zip(values.tolist(), finite, strict=True)]
    if kind in ("i", "u", "b"):
        return s.to_numpy().tolist()
    return [to_jsonable(v, decimals) for v in s.tolist()]


def _records(frame: pd.DataFrame, decimals: int | None) -> list[dict[str, Any]]:
    """``to_dict(orient="records")`` converted column by column."""
    if not frame.columns.is_unique:
        return [to_jsonable(r, decimals) for r in frame.to_dict(orient="records")]
    names = [str(c) for c in frame.columns]
    columns = [_p_values(_column(frame.iloc[:, i], None)) if is_p_key(names[i])
               else _column(frame.iloc[:, i], decimals) for i in range(frame.shape[1])]
    if not columns:
        return [{} for _ in range(len(frame))]
    return [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]


def simpan_bagian(section: str, data: Any, results_dir: str | Path) -> dict:
    """Save one section of results.json (atomically) and return the saved JSON value.

    Notebooks display what this returns, never the unrounded numbers behind it.
    """
    value = to_jsonable(data)
    atomic.write_json(Path(results_dir) / f"{section}.json", value)
    return value


def gabung(results_dir: str | Path, meta: Mapping[str, Any] | None = None) -> dict:
    """Merge the section files of ``results_dir`` into one results dict (known order first)."""
    results_dir = Path(results_dir)
    out: dict[str, Any] = {}
    if meta is not None:
        out["meta"] = to_jsonable(dict(meta))
    files = {p.stem: p for p in sorted(results_dir.glob("*.json"))}
    for name in [*SECTIONS, *sorted(set(files) - set(SECTIONS))]:
        if name in files:
            sec = json.loads(files[name].read_text(encoding="utf-8"))
            if isinstance(sec, dict) and isinstance(out.get(name), dict):
                out[name].update(sec)
            else:
                out[name] = sec
    return out


def estimate(est: float, low: float, high: float, n: int, decimals: int = 2, **extra: Any) -> dict:
    """The standard estimate object: ``{estimate, ci_low, ci_high, n, ...}`` rounded.

    Examples
    --------
    >>> estimate(3.2149, 1.1, 5.333, 120, decimals=1)
    {'estimate': 3.2, 'ci_low': 1.1, 'ci_high': 5.3, 'n': 120}
    """
    obj = {"estimate": est, "ci_low": low, "ci_high": high, "n": n, **extra}
    return to_jsonable(obj, decimals)


#: Key of a results section that lists, for each of its ``null`` values, the reason code
#: (see docs/results_schema.md, "Missing values").
TIDAK_TERSEDIA = "tidak_tersedia"


def tandai_kosong(section: dict[str, Any], key: str, kode: str) -> dict[str, Any]:
    """Set ``section[key]`` to ``None`` and record why in ``section["tidak_tersedia"]``.

    The key stays in results.json (automation can rely on it) with ``null`` and a reason
    code from :data:`kinerja_analysis.laporan.bagian.ALASAN` or a page's own catalog.

    Examples
    --------
    >>> tandai_kosong({"n": 3}, "pembinaan_rd", "tanpa_berkas")
    {'n': 3, 'pembinaan_rd': None, 'tidak_tersedia': {'pembinaan_rd': 'tanpa_berkas'}}
    """
    section[key] = None
    section.setdefault(TIDAK_TERSEDIA, {})[key] = kode
    return section
