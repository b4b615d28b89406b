"""Quarter (triwulan) arithmetic: the one place that parses, shifts and numbers quarters.

Quarters are written ``"YYYY-Qn"`` everywhere in the processed data and results.json. Users
may type ``2025q4``, ``2025 Q4`` or ``2025-Q4``; :func:`baca` normalizes those.
Consecutive integers (``YYYY*4 + n - 1``) make quarter differences plain subtraction.
"""

from __future__ import annotations

import re

import pandas as pd

__all__ = ["baca", "dari_int", "geser", "ke_int", "ke_int_satu", "rentang"]

_POLA = re.compile(r"^\s*(\d{4})\s*[-_/ ]?\s*[Qq]\s*([1-4])\s*$")


def baca(teks: str) -> str:
    """Normalize a quarter typed by a user to ``"YYYY-Qn"``.

    Raises ``ValueError`` (bilingual) for anything else.

    Examples
    --------
    >>> baca("2025q4"), baca("2025 Q4"), baca(" 2025-Q4 ")
    ('2025-Q4', '2025-Q4', '2025-Q4')
    >>> baca("2025-Q5")
    Traceback (most recent call last):
    ...
    ValueError: Triwulan tidak dikenal: '2025-Q5' (contoh: 2025-Q4) / Unknown quarter: ...
    """
    m = _POLA.match(str(teks)) if teks is not None else None
    if not m:
        raise ValueError(
            f"Triwulan tidak dikenal: {teks!r} (contoh: 2025-Q4) / "
            f"Unknown quarter: {teks!r} (example: 2025-Q4)"
        )
    return f"{m.group(1)}-Q{m.group(2)}"


def ke_int_satu(periode: str) -> int:
    """One ``"YYYY-Qn"`` label as its consecutive integer.

    Examples
    --------
    >>> ke_int_satu("2022-Q4"), ke_int_satu("2023-Q1")
    (8091, 8092)
    """
    p = baca(periode)
    return int(p[:4]) * 4 + int(p[-1]) - 1


def dari_int(t: int) -> str:
    """Inverse of :func:`ke_int_satu`.

    Examples
    --------
    >>> dari_int(8091)
    '2022-Q4'
    """
    t = int(t)
    return f"{t // 4}-Q{t % 4 + 1}"


def geser(periode: str, k: int) -> str:
    """The quarter ``k`` quarters after (``k < 0``: before) ``periode``.

    Examples
    --------
    >>> geser("2025-Q4", 1), geser("2025-Q1", -1), geser("2025-Q3", 0)
    ('2026-Q1', '2024-Q4', '2025-Q3')
    """
    return dari_int(ke_int_satu(periode) + int(k))


def rentang(awal: str, akhir: str) -> list[str]:
    """Every quarter from ``awal`` to ``akhir`` inclusive (empty when ``akhir < awal``).

    Examples
    --------
    >>> rentang("2024-Q3", "2025-Q1")
    ['2024-Q3', '2024-Q4', '2025-Q1']
    """
    a, b = ke_int_satu(awal), ke_int_satu(akhir)
    return [dari_int(t) for t in range(a, b + 1)]


def ke_int(triwulan: pd.Series) -> pd.Series:
    """``"YYYY-Qn"`` labels to consecutive integers ``YYYY*4 + n - 1`` (NA stays NA).

    Examples
    --------
    >>> ke_int(pd.Series(["2022-Q4", "2023-Q1", None])).tolist()
    [8091, 8092, <NA>]
    """
    s = pd.Series(triwulan, dtype="string")
    # Parse each distinct label once: a national table has tens of millions of rows and
    # a handful of quarters (per-row string parsing took ~20 s there).
    codes, labels = pd.factorize(s, use_na_sentinel=True)
    labels = pd.Series(labels, dtype="string")
    year = pd.to_numeric(labels.str.slice(0, 4), errors="coerce")
    q = pd.to_numeric(labels.str.slice(-1), errors="coerce")
    per_label = (year * 4 + q - 1).astype("Int64").array
    out = per_label.take(codes, allow_fill=True)  # code -1 (missing label) -> NA
    return pd.Series(out, index=s.index, name=s.name, dtype="Int64")
