"""SKP ratings and predicates (FACTS.md sections 2.2, 2.3 and 2.6).

* PermenPANRB 6/2022: rating hasil kerja and rating perilaku kerja (three values
  each) give the predikat kinerja through a 3x3 matrix. The matrix is **[P]** in
  FACTS.md (section 7.4): taken from several consistent public implementations,
  the official Lampiran page was not read.
* SE MenPANRB 3/2023: the distribution of staff predicates depends on the
  organisation's predicate ([V]).
* PP 46/2011: the older 0-100 score bands (cut-points [V], label "Buruk" [M]).

Label parsing is tolerant of case, spacing, hyphens, underscores, slashes and
brackets; the scalar and the vectorized parsers use the same normalization.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

__all__ = [
    "ORG_PREDIKAT",
    "PP46_LABELS",
    "PREDIKAT_LABELS",
    "RATING_LABELS",
    "cek_kurva_distribusi",
    "kurva_distribusi_ok",
    "parse_org_predikat",
    "parse_predikat",
    "parse_predikat_series",
    "parse_rating",
    "parse_rating_series",
    "predikat_kinerja",
    "predikat_pp46",
    "predikat_series",
]

RATING_LABELS = ("Di Atas Ekspektasi", "Sesuai Ekspektasi", "Di Bawah Ekspektasi")
PREDIKAT_LABELS = (
    "Sangat Baik",
    "Baik",
    "Butuh Perbaikan",
    "Kurang/Misconduct",
    "Sangat Kurang",
)
ORG_PREDIKAT = ("Istimewa", "Baik", "Butuh Perbaikan", "Kurang", "Sangat Kurang")
# PP 46/2011 labels; "Buruk" is [M] (from memory, high confidence).
PP46_LABELS = ("Sangat Baik", "Baik", "Cukup", "Kurang", "Buruk")

# Characters removed before matching a label (the key is lower-case letters only).
# Explicit class (not \s) so Python re and pyarrow's RE2 agree.
_SEPARATORS = "[" + re.escape(" \t\n\r\f\v\u00a0\u2007\u202f-_/().,") + "]+"
_SEP_RE = re.compile(_SEPARATORS)

_ATAS, _SESUAI, _BAWAH = RATING_LABELS
_SB, _B, _BP, _KM, _SK = PREDIKAT_LABELS

_RATING_KEYS = {
    "diatasekspektasi": _ATAS,
    "diatas": _ATAS,
    "sesuaiekspektasi": _SESUAI,
    "sesuai": _SESUAI,
    "dibawahekspektasi": _BAWAH,
    "dibawah": _BAWAH,
}

_PREDIKAT_KEYS = {
    "sangatbaik": _SB,
    "baik": _B,
    "butuhperbaikan": _BP,
    # SE 3/2023 writes "Butuh Perbaikan (Cukup)"; "Cukup" is the synonym.
    "cukup": _BP,
    "butuhperbaikancukup": _BP,
    "kurang": _KM,
    "misconduct": _KM,
    "kurangmisconduct": _KM,
    "sangatkurang": _SK,
}

_ORG_KEYS = {
    "istimewa": "Istimewa",
    "baik": "Baik",
    "butuhperbaikan": "Butuh Perbaikan",
    "cukup": "Butuh Perbaikan",
    "butuhperbaikancukup": "Butuh Perbaikan",
    "kurang": "Kurang",
    "sangatkurang": "Sangat Kurang",
}

# Predikat kinerja matrix, PermenPANRB 6/2022 Lampiran [P] (FACTS.md 2.2, 7.4).
# Key: (rating hasil kerja, rating perilaku kerja).
_MATRIX: dict[tuple[str, str], str] = {
    (_ATAS, _BAWAH): _KM,
    (_ATAS, _SESUAI): _B,
    (_ATAS, _ATAS): _SB,
    (_SESUAI, _BAWAH): _KM,
    (_SESUAI, _SESUAI): _B,
    (_SESUAI, _ATAS): _B,
    (_BAWAH, _BAWAH): _SK,
    (_BAWAH, _SESUAI): _BP,
    (_BAWAH, _ATAS): _BP,
}


def _key(label: object) -> str:
    return _SEP_RE.sub("", str(label).lower())


def _key_series(s: pd.Series) -> pd.Series:
    return s.astype("string").str.lower().str.replace(_SEPARATORS, "", regex=True)


def _parse(label: object, keys: dict[str, str], what: str) -> str:
    if isinstance(label, str):
        found = keys.get(_key(label))
        if found is not None:
            return found
    raise ValueError(f"unknown {what}: {label!r}")


def parse_rating(label: object) -> str:
    """Return the canonical rating label (hasil kerja or perilaku kerja).

    Raises
    ------
    ValueError
        If the label is not one of :data:`RATING_LABELS` (tolerantly matched).

    Examples
    --------
    >>> parse_rating("diatas_ekspektasi")
    'Di Atas Ekspektasi'
    >>> parse_rating(" sesuai ")
    'Sesuai Ekspektasi'
    """
    return _parse(label, _RATING_KEYS, "rating")


def parse_predikat(label: object) -> str:
    """Return the canonical staff predikat (one of :data:`PREDIKAT_LABELS`).

    "Cukup" is read as "Butuh Perbaikan" (SE 3/2023); "Kurang" and "Misconduct"
    as "Kurang/Misconduct".

    Examples
    --------
    >>> parse_predikat("kurang / misconduct")
    'Kurang/Misconduct'
    >>> parse_predikat("CUKUP")
    'Butuh Perbaikan'
    """
    return _parse(label, _PREDIKAT_KEYS, "predikat")


def parse_org_predikat(label: object) -> str:
    """Return the canonical organisational predikat (one of :data:`ORG_PREDIKAT`).

    Examples
    --------
    >>> parse_org_predikat("butuh perbaikan (cukup)")
    'Butuh Perbaikan'
    """
    return _parse(label, _ORG_KEYS, "organisational predikat")


def parse_rating_series(s: pd.Series) -> pd.Series:
    """Vectorized :func:`parse_rating`; NA where missing or unparseable.

    Examples
    --------
    >>> parse_rating_series(pd.Series(["DI BAWAH", "x", None])).tolist()
    ['Di Bawah Ekspektasi', <NA>, <NA>]
    """
    return _key_series(s).map(_RATING_KEYS).astype("string")


def parse_predikat_series(s: pd.Series) -> pd.Series:
    """Vectorized :func:`parse_predikat`; NA where missing or unparseable.

    Examples
    --------
    >>> parse_predikat_series(pd.Series(["baik", "misconduct", ""])).tolist()
    ['Baik', 'Kurang/Misconduct', <NA>]
    """
    return _key_series(s).map(_PREDIKAT_KEYS).astype("string")


def predikat_kinerja(hasil_kerja: str, perilaku_kerja: str) -> str:
    """Predikat kinerja from the two ratings (PermenPANRB 6/2022 matrix, [P]).

    Parameters
    ----------
    hasil_kerja, perilaku_kerja : str
        Ratings; tolerant labels are accepted (see :func:`parse_rating`).

    Examples
    --------
    >>> predikat_kinerja("Di Atas Ekspektasi", "di atas")
    'Sangat Baik'
    >>> predikat_kinerja("sesuai", "di bawah ekspektasi")
    'Kurang/Misconduct'
    """
    return _MATRIX[(parse_rating(hasil_kerja), parse_rating(perilaku_kerja))]


def predikat_series(hasil_kerja: pd.Series, perilaku_kerja: pd.Series) -> pd.Series:
    """Vectorized :func:`predikat_kinerja`; NA where either rating is NA or unparseable.

    The result has the index of ``hasil_kerja`` (the two Series are aligned by position).

    Examples
    --------
    >>> predikat_series(pd.Series(["di bawah", "sesuai"]),
    ...                 pd.Series(["di atas", None])).tolist()
    ['Butuh Perbaikan', <NA>]
    """
    if len(hasil_kerja) != len(perilaku_kerja):
        raise ValueError("hasil_kerja and perilaku_kerja must have the same length")
    h = parse_rating_series(hasil_kerja).to_numpy(dtype=object, na_value=None)
    p = parse_rating_series(perilaku_kerja).to_numpy(dtype=object, na_value=None)
    conditions = [(h == a) & (p == b) for a, b in _MATRIX]
    out = np.select(conditions, list(_MATRIX.values()), default="")
    return pd.Series(out, index=hasil_kerja.index, dtype="string").replace("", pd.NA)


# SE MenPANRB 3/2023 distribution rules ([V], FACTS.md 2.3).
# (rule id, Indonesian description, predicates counted, limit in percent, kind)
# kind: "maks" share <= limit, "min" share >= limit, "ada" share > 0, "nol" share == 0.
# "Sebagian besar" (most) has no numeric lower bound in the SE; only the
# bracketed maximum is encoded.
_KURVA: dict[str, tuple[tuple[str, str, tuple[str, ...], int, str], ...]] = {
    "Istimewa": (("istimewa_sb_maks70", "Sangat Baik paling banyak 70%", (_SB,), 70, "maks"),),
    "Baik": (
        ("baik_b_maks70", "Baik paling banyak 70%", (_B,), 70, "maks"),
        (
            "baik_ada_bp_km",
            "Harus ada pegawai Butuh Perbaikan dan/atau Kurang/Misconduct",
            (_BP, _KM),
            0,
            "ada",
        ),
    ),
    "Butuh Perbaikan": (
        ("bp_bp_min60", "Butuh Perbaikan paling sedikit 60%", (_BP,), 60, "min"),
        ("bp_sb_maks10", "Sangat Baik paling banyak 10%", (_SB,), 10, "maks"),
    ),
    "Kurang": (
        ("kurang_km_min60", "Kurang/Misconduct paling sedikit 60%", (_KM,), 60, "min"),
        ("kurang_bp_min10", "Butuh Perbaikan paling sedikit 10%", (_BP,), 10, "min"),
        ("kurang_sb_maks10", "Sangat Baik paling banyak 10%", (_SB,), 10, "maks"),
    ),
    "Sangat Kurang": (
        ("sk_sk_min60", "Sangat Kurang paling sedikit 60%", (_SK,), 60, "min"),
        (
            "sk_km_bp_min10",
            "Kurang/Misconduct dan/atau Butuh Perbaikan paling sedikit 10%",
            (_KM, _BP),
            10,
            "min",
        ),
        ("sk_tanpa_sb", "Tidak boleh ada Sangat Baik", (_SB,), 0, "nol"),
    ),
}


def cek_kurva_distribusi(predikat: pd.Series, predikat_organisasi: str) -> pd.DataFrame:
    """Check staff predicates against the SE MenPANRB 3/2023 distribution rules.

    Parameters
    ----------
    predikat : pandas.Series
        Staff predicates of one organisation and period (tolerant labels).
        Missing or unparseable values are excluded from the denominator.
    predikat_organisasi : str
        The organisation's predicate (one of :data:`ORG_PREDIKAT`, tolerant).

    Returns
    -------
    pandas.DataFrame
        One row per rule: ``aturan`` (rule id), ``deskripsi`` (Indonesian),
        ``batas`` (share limit, 0-1), ``nilai`` (observed share, NaN if there is
        no valid predicate) and ``terpenuhi`` (bool; False when there is no data).
        Shares are compared exactly (integer arithmetic). In small units a single
        person moves a share by a large step: interpret with care.

    Examples
    --------
    >>> p = pd.Series(["Baik"] * 7 + ["Sangat Baik"] * 2 + ["Butuh Perbaikan"])
    >>> cek_kurva_distribusi(p, "Baik")[["aturan", "nilai", "terpenuhi"]]
               aturan  nilai  terpenuhi
    0   baik_b_maks70    0.7       True
    1  baik_ada_bp_km    0.1       True
    """
    org = parse_org_predikat(predikat_organisasi)
    parsed = parse_predikat_series(predikat).dropna()
    n = len(parsed)
    counts = parsed.value_counts()
    rows = []
    for aturan, deskripsi, kategori, batas, kind in _KURVA[org]:
        k = int(sum(counts.get(c, 0) for c in kategori))
        if n == 0:
            ok = False
        elif kind == "maks":
            ok = k * 100 <= batas * n
        elif kind == "min":
            ok = k * 100 >= batas * n
        elif kind == "ada":
            ok = k > 0
        else:  # "nol"
            ok = k == 0
        rows.append(
            {
                "aturan": aturan,
                "deskripsi": deskripsi,
                "batas": batas / 100,
                "nilai": k / n if n else np.nan,
                "terpenuhi": bool(ok),
            }
        )
    return pd.DataFrame(rows).astype({"terpenuhi": bool, "nilai": float, "batas": float})


def kurva_distribusi_ok(predikat: pd.Series, predikat_organisasi: str) -> bool:
    """Whether all SE 3/2023 rules hold (see :func:`cek_kurva_distribusi`).

    Examples
    --------
    >>> kurva_distribusi_ok(pd.Series(["Baik"] * 8 + ["Kurang"] * 2), "Baik")
    False
    """
    return bool(cek_kurva_distribusi(predikat, predikat_organisasi)["terpenuhi"].all())


def predikat_pp46(score: object) -> str | pd.Series:
    """PP 46/2011 label of a 0-100 prestasi kerja score.

    Rule for decimals between the printed integer bands: >= 91 Sangat Baik,
    >= 76 Baik, >= 61 Cukup, >= 51 Kurang, otherwise Buruk ("Buruk" is [M]).

    Parameters
    ----------
    score : float or pandas.Series
        Score(s); NaN gives NA.

    Returns
    -------
    str or pandas.Series
        Label (``pd.NA`` for a missing scalar); a Series keeps the index.

    Raises
    ------
    ValueError
        If a score is outside 0..100.

    Examples
    --------
    >>> predikat_pp46(90.99), predikat_pp46(91)
    ('Baik', 'Sangat Baik')
    >>> predikat_pp46(pd.Series([50, 51, None])).tolist()
    ['Buruk', 'Kurang', <NA>]
    """
    if isinstance(score, pd.Series):
        x = pd.to_numeric(score).astype(float).to_numpy()
        bad = ~np.isnan(x) & ((x < 0) | (x > 100))
        if bad.any():
            raise ValueError(f"PP 46/2011 score outside 0..100: {x[bad][0]!r}")
        labels = np.select(
            [x >= 91, x >= 76, x >= 61, x >= 51, x >= 0], list(PP46_LABELS), default=""
        )
        return pd.Series(labels, index=score.index, dtype="string").replace("", pd.NA)
    if score is None or (pd.api.types.is_scalar(score) and pd.isna(score)):
        return pd.NA  # type: ignore[return-value]
    x = float(score)  # type: ignore[arg-type]
    if not 0 <= x <= 100:
        raise ValueError(f"PP 46/2011 score outside 0..100: {score!r}")
    for cut, label in zip((91, 76, 61, 51), PP46_LABELS, strict=False):
        if x >= cut:
            return label
    return PP46_LABELS[-1]
