"""Language, labels and number/date formats: the one place that decides them.

Every user-facing label, axis title and sentence goes through :func:`translate`
(with a module's own small catalog) or :func:`label` (the shared report
vocabulary :data:`UI`). Numbers, percentages, dates and periods are formatted
with Babel (CLDR data) for the locales ``"id"`` (default) and ``"en"``
(FACTS.md §6.3): Indonesian uses a decimal comma, a dot as thousands separator,
``29,6%`` without a space, and the month names Januari ... Desember.

Rounding is half-up on the shortest decimal representation of the number
(``2.675`` -> ``2,68``), as a reader of a report table expects; it is the same
for every function in this module. Missing values (``None``, ``NaN``, ``NaT``,
``pd.NA``) are shown as an en dash ``"–"``.

Examples
--------
>>> fmt_number(1234567.891)
'1.234.567,89'
>>> fmt_number(1234567.891, lang="en")
'1,234,567.89'
>>> fmt_percent(0.2958)
'29,6%'
>>> fmt_periode("2025-Q4")
'Triwulan IV 2025'
>>> fmt_estimate_ci(3.2, 1.1, 5.3)
'3,2 (IK 95 %: 1,1 sampai 5,3)'
>>> label("ik95", "en")
'95% CI'
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import cache, lru_cache
from numbers import Integral, Real
from typing import Any, Literal, cast

import numpy as np
import pandas as pd
from babel import Locale
from babel.dates import format_date as _babel_format_date
from babel.numbers import NumberPattern, parse_pattern

__all__ = [
    "LANGS",
    "MISSING",
    "UI",
    "Lang",
    "check_lang",
    "fmt_ci",
    "fmt_date",
    "fmt_estimate_ci",
    "fmt_int",
    "fmt_number",
    "fmt_p",
    "fmt_percent",
    "fmt_periode",
    "format_frame",
    "label",
    "translate",
]

Lang = Literal["id", "en"]
LANGS: tuple[Lang, ...] = ("id", "en")

#: Text shown for a missing value (en dash), in both languages.
MISSING = "–"

_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


# --------------------------------------------------------------------------- language


def check_lang(lang: str) -> Lang:
    """Return ``lang`` as a valid language code or raise a bilingual ``ValueError``.

    Surrounding spaces and upper case are tolerated (``" EN"`` -> ``"en"``);
    region variants such as ``"en-US"`` are not.

    Parameters
    ----------
    lang : str
        ``"id"`` or ``"en"``.

    Returns
    -------
    Lang

    Examples
    --------
    >>> check_lang("en")
    'en'
    >>> check_lang("fr")
    Traceback (most recent call last):
    ...
    ValueError: Bahasa tidak dikenal: 'fr' (pilihan: id, en) / Unknown language: ...
    """
    norm = lang.strip().lower() if isinstance(lang, str) else lang
    if norm not in LANGS:
        choices = ", ".join(LANGS)
        raise ValueError(
            f"Bahasa tidak dikenal: {lang!r} (pilihan: {choices}) / "
            f"Unknown language: {lang!r} (choices: {choices})"
        )
    return cast(Lang, norm)


def translate(
    catalog: Mapping[str, Mapping[str, str]], key: str, lang: Lang = "id", **params: Any
) -> str:
    """Look up ``catalog[key][lang]`` and fill in ``params`` with ``str.format``.

    Every module keeps its own small catalog ``{key: {"id": ..., "en": ...}}``
    and calls this function, so the language is decided in one place.

    Parameters
    ----------
    catalog : Mapping[str, Mapping[str, str]]
        Message catalog.
    key : str
        Message key.
    lang : {"id", "en"}
        Language.
    **params
        Values for the ``{placeholders}`` of the message.

    Returns
    -------
    str

    Raises
    ------
    KeyError
        If the key, or its text in ``lang``, is missing (the message names both).
    ValueError
        If ``lang`` is not a supported language.

    Examples
    --------
    >>> cat = {"baris": {"id": "Baris {n}", "en": "Row {n}"}}
    >>> translate(cat, "baris", "en", n=2)
    'Row 2'
    >>> translate(cat, "kolom")
    Traceback (most recent call last):
    ...
    KeyError: "Kunci pesan tidak ada / message key missing: 'kolom'"
    """
    lang = check_lang(lang)
    try:
        entry = catalog[key]
    except KeyError:
        raise KeyError(f"Kunci pesan tidak ada / message key missing: {key!r}") from None
    try:
        text = entry[lang]
    except KeyError:
        raise KeyError(
            f"Teks {lang!r} tidak ada untuk kunci {key!r} / no {lang!r} text for key {key!r}"
        ) from None
    return text.format(**params) if params else text


#: Shared report vocabulary; module-specific terms live in each module's catalog.
UI: dict[str, dict[str, str]] = {
    # units and time
    "unit_kerja": {"id": "Unit kerja", "en": "Work unit"},
    "kecamatan": {"id": "Kecamatan", "en": "District (kecamatan)"},
    "kelurahan": {"id": "Kelurahan", "en": "Sub-district (kelurahan)"},
    "periode": {"id": "Periode", "en": "Period"},
    "triwulan": {"id": "Triwulan", "en": "Quarter"},
    "semester": {"id": "Semester", "en": "Half-year"},
    "bulan": {"id": "Bulan", "en": "Month"},
    "tahun": {"id": "Tahun", "en": "Year"},
    "tanggal": {"id": "Tanggal", "en": "Date"},
    # people
    "pegawai": {"id": "Pegawai", "en": "Staff"},
    "responden": {"id": "Responden", "en": "Respondents"},
    "golongan": {"id": "Golongan", "en": "Civil-service grade (golongan)"},
    "jenis_kelamin": {"id": "Jenis kelamin", "en": "Sex"},
    "laki_laki": {"id": "Laki-laki", "en": "Male"},
    "perempuan": {"id": "Perempuan", "en": "Female"},
    # statistics
    "n": {"id": "n", "en": "n"},
    "jumlah": {"id": "Jumlah", "en": "Count"},
    "total": {"id": "Total", "en": "Total"},
    "semua": {"id": "Semua", "en": "All"},
    "persen": {"id": "Persen", "en": "Percent"},
    "proporsi": {"id": "Proporsi", "en": "Proportion"},
    "rata_rata": {"id": "Rata-rata", "en": "Mean"},
    "median": {"id": "Median", "en": "Median"},
    "simpangan_baku": {"id": "Simpangan baku", "en": "Standard deviation"},
    "nilai": {"id": "Nilai", "en": "Value"},
    "estimasi": {"id": "Estimasi", "en": "Estimate"},
    "selisih": {"id": "Selisih", "en": "Difference"},
    "korelasi": {"id": "Korelasi", "en": "Correlation"},
    "nilai_p": {"id": "Nilai p", "en": "p-value"},
    "ik95": {"id": "IK 95 %", "en": "95% CI"},
    "ik": {"id": "IK {level} %", "en": "{level}% CI"},
    "ik_teks": {"id": "{ik}: {low} sampai {high}", "en": "{ik}: {low} to {high}"},
    "estimasi_ik": {"id": "{est} ({ci})", "en": "{est} ({ci})"},
    "batas_bawah": {"id": "Batas bawah", "en": "Lower limit"},
    "batas_atas": {"id": "Batas atas", "en": "Upper limit"},
    # domain headline words
    "ikm": {"id": "IKM", "en": "Public satisfaction index (IKM)"},
    "mutu": {"id": "Mutu pelayanan", "en": "Service quality"},
    "predikat": {"id": "Predikat kinerja", "en": "Performance rating"},
    "unsur": {"id": "Unsur", "en": "Element"},
    "target": {"id": "Target", "en": "Target"},
    "realisasi": {"id": "Realisasi", "en": "Achieved"},
    "capaian": {"id": "Capaian", "en": "Achievement"},
    # markers and notes
    "disembunyikan": {"id": "(disembunyikan)", "en": "(suppressed)"},
    "catatan_disembunyikan": {
        "id": (
            "Sel dengan kurang dari {k} orang, dan sel lain yang dapat dipakai untuk "
            "menghitungnya kembali, disembunyikan untuk melindungi kerahasiaan."
        ),
        "en": (
            "Cells with fewer than {k} people, and other cells that would allow them "
            "to be recalculated, are suppressed to protect confidentiality."
        ),
    },
    "tidak_ada_data": {"id": "Tidak ada data", "en": "No data"},
    "tidak_diketahui": {"id": "Tidak diketahui", "en": "Unknown"},
    "lainnya": {"id": "Lainnya", "en": "Other"},
    "sumber": {"id": "Sumber", "en": "Source"},
    "catatan": {"id": "Catatan", "en": "Note"},
    "daftar_isi": {"id": "Daftar isi", "en": "Contents"},
    "halaman": {"id": "Halaman", "en": "Page"},
    "dibuat": {"id": "Dibuat {tanggal}", "en": "Generated {tanggal}"},
    "ya": {"id": "Ya", "en": "Yes"},
    "tidak": {"id": "Tidak", "en": "No"},
}


def label(key: str, lang: Lang = "id") -> str:
    """Return the shared report word ``key`` from :data:`UI` in ``lang``.

    Examples
    --------
    >>> label("unit_kerja")
    'Unit kerja'
    >>> label("tidak_ada_data", "en")
    'No data'
    """
    return translate(UI, key, lang)


# --------------------------------------------------------------------------- numbers


@cache
def _locale(lang: Lang) -> Locale:
    return Locale.parse(lang)


@lru_cache(maxsize=256)
def _number_pattern(lang: Lang, decimals: int, percent: bool) -> NumberPattern:
    """Locale number/percent pattern with exactly ``decimals`` fraction digits."""
    loc = _locale(lang)
    base = (loc.percent_formats if percent else loc.decimal_formats)[None].pattern
    frac = "." + "0" * decimals if decimals > 0 else ""
    # CLDR patterns for id/en are "#,##0.###" and "#,##0%": replace the number part.
    pattern = re.sub(r"[#,0]+(\.[0#]+)?", lambda _m: "#,##0" + frac, base, count=1)
    return parse_pattern(pattern)


def _is_missing(x: Any) -> bool:
    if x is None or x is pd.NA or x is pd.NaT:
        return True
    if isinstance(x, float | np.floating):
        return math.isnan(x)
    if isinstance(x, Decimal):
        return x.is_nan()
    try:
        return bool(pd.isna(x))
    except (TypeError, ValueError):
        return False


def _to_decimal(x: Any) -> Decimal:
    """Exact-looking Decimal of a number (floats via their shortest repr)."""
    if isinstance(x, Decimal):
        return x
    if isinstance(x, bool | np.bool_):
        return Decimal(int(x))
    if isinstance(x, Integral):
        return Decimal(int(x))
    if isinstance(x, Real):
        return Decimal(repr(float(x)))
    try:
        return Decimal(str(x).strip())
    except InvalidOperation:
        raise TypeError(f"Bukan angka / not a number: {x!r}") from None


def _quantize(d: Decimal, decimals: int) -> Decimal:
    q = d.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return abs(q) if q == 0 else q  # no "-0,00"


def _check_decimals(decimals: int) -> int:
    if not isinstance(decimals, Integral) or decimals < 0:
        raise ValueError(f"decimals harus bilangan bulat >= 0 / must be an int >= 0: {decimals!r}")
    return int(decimals)


def _infinite(d: Decimal, lang: Lang, suffix: str = "") -> str:
    sign = _locale(lang).number_symbols["latn"]["minusSign"] if d < 0 else ""
    return f"{sign}∞{suffix}"


def fmt_number(x: float | None, decimals: int = 2, lang: Lang = "id") -> str:
    """Format a number with a fixed number of decimals in the style of ``lang``.

    Parameters
    ----------
    x : float, int, Decimal or None
        The number. ``None``/``NaN``/``pd.NA`` give ``"–"``.
    decimals : int
        Number of fraction digits (always shown), rounding half-up.
    lang : {"id", "en"}

    Returns
    -------
    str

    Examples
    --------
    >>> fmt_number(1234567.891)
    '1.234.567,89'
    >>> fmt_number(-0.5, 0, lang="en")
    '-1'
    >>> fmt_number(float("nan"))
    '–'
    """
    lang = check_lang(lang)
    decimals = _check_decimals(decimals)
    if _is_missing(x):
        return MISSING
    d = _to_decimal(x)
    if d.is_infinite():
        return _infinite(d, lang)
    return _number_pattern(lang, decimals, False).apply(_quantize(d, decimals), _locale(lang))


def fmt_int(n: int | None, lang: Lang = "id") -> str:
    """Format a whole number with thousands separators (non-integers are rounded half-up).

    Examples
    --------
    >>> fmt_int(4282429)
    '4.282.429'
    >>> fmt_int(4282429, lang="en")
    '4,282,429'
    >>> fmt_int(None)
    '–'
    """
    return fmt_number(n, 0, lang)


def fmt_percent(p: float | None, decimals: int = 1, lang: Lang = "id") -> str:
    """Format a fraction as a percentage (``0.2958`` -> ``"29,6%"``).

    Indonesian CLDR puts no space before ``%`` (FACTS.md §6.3).

    Examples
    --------
    >>> fmt_percent(0.2958)
    '29,6%'
    >>> fmt_percent(0.2958, lang="en")
    '29.6%'
    >>> fmt_percent(1, 0)
    '100%'
    """
    lang = check_lang(lang)
    decimals = _check_decimals(decimals)
    if _is_missing(p):
        return MISSING
    d = _to_decimal(p)
    pattern = _number_pattern(lang, decimals, True)
    if d.is_infinite():
        return _infinite(d, lang, "%")
    q = _quantize(d * 100, decimals)
    return pattern.apply(q / 100, _locale(lang))  # the pattern multiplies by 100 again


# --------------------------------------------------------------------------- dates


def _to_date(d: date | datetime | str) -> date:
    if isinstance(d, pd.Timestamp):
        return d.date()
    if isinstance(d, datetime):
        return d.date()
    if isinstance(d, date):
        return d
    if isinstance(d, np.datetime64):
        return pd.Timestamp(d).date()
    if isinstance(d, str):
        try:
            return datetime.fromisoformat(d.strip()).date()
        except ValueError:
            pass
    raise ValueError(
        f"Tanggal tidak dikenal (pakai format ISO YYYY-MM-DD): {d!r} / "
        f"unrecognised date (use ISO YYYY-MM-DD): {d!r}"
    )


def fmt_date(d: date | datetime | str | None, lang: Lang = "id") -> str:
    """Format a date as ``"17 Agustus 2025"`` (id) or ``"17 August 2025"`` (en).

    Parameters
    ----------
    d : date, datetime, pandas Timestamp, ISO string or None
        ``None``/``NaT`` give ``"–"``; other strings raise ``ValueError``.
    lang : {"id", "en"}

    Examples
    --------
    >>> fmt_date("1986-09-26")
    '26 September 1986'
    >>> fmt_date(date(2025, 8, 17))
    '17 Agustus 2025'
    >>> fmt_date(date(2025, 8, 17), lang="en")
    '17 August 2025'
    """
    lang = check_lang(lang)
    if _is_missing(d):
        return MISSING
    return _babel_format_date(_to_date(d), format="d MMMM y", locale=_locale(lang))


_RE_QUARTER = re.compile(r"^(\d{4})\s*-?\s*[Qq]([1-4])$")
_RE_HALF = re.compile(r"^(\d{4})\s*-?\s*[SsHh]([12])$")
_RE_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_RE_YEAR = re.compile(r"^(\d{4})$")

_PERIODE_TEXT: dict[str, dict[str, str]] = {
    "triwulan": {"id": "Triwulan {roman} {year}", "en": "Q{q} {year}"},
    "semester": {"id": "Semester {roman} {year}", "en": "H{q} {year}"},
    "tidak_dikenal": {
        "id": "Periode tidak dikenal: {p!r} (contoh: 2025-Q4, 2025-S1, 2025-03, 2025)",
        "en": "Unrecognised period: {p!r} (e.g. 2025-Q4, 2025-S1, 2025-03, 2025)",
    },
}


def fmt_periode(periode: str, lang: Lang = "id") -> str:
    """Format a period code for a reader.

    Accepted codes: quarter ``"2025-Q4"`` (also ``"2025Q4"``), half-year
    ``"2025-S1"`` (also ``"2025-H1"``), month ``"2025-03"``, year ``"2025"``;
    a ``pandas.Period`` is accepted through its string form.

    Examples
    --------
    >>> fmt_periode("2025-Q4")
    'Triwulan IV 2025'
    >>> fmt_periode("2025-Q4", lang="en")
    'Q4 2025'
    >>> fmt_periode("2025-03")
    'Maret 2025'
    >>> fmt_periode("2025-S2", lang="en")
    'H2 2025'
    """
    lang = check_lang(lang)
    if _is_missing(periode):
        return MISSING
    text = str(periode).strip()
    if m := _RE_QUARTER.match(text):
        q = int(m.group(2))
        return translate(_PERIODE_TEXT, "triwulan", lang, roman=_ROMAN[q], q=q, year=m.group(1))
    if m := _RE_HALF.match(text):
        q = int(m.group(2))
        return translate(_PERIODE_TEXT, "semester", lang, roman=_ROMAN[q], q=q, year=m.group(1))
    if (m := _RE_MONTH.match(text)) and 1 <= int(m.group(2)) <= 12:
        d = date(int(m.group(1)), int(m.group(2)), 1)
        return _babel_format_date(d, format="MMMM y", locale=_locale(lang))
    if _RE_YEAR.match(text):
        return text
    raise ValueError(
        translate(_PERIODE_TEXT, "tidak_dikenal", "id", p=periode)
        + " / "
        + translate(_PERIODE_TEXT, "tidak_dikenal", "en", p=periode)
    )


# --------------------------------------------------------------------------- estimates


def _ci_label(level: float, lang: Lang) -> str:
    if not 0 < level < 1:
        raise ValueError(f"level harus di antara 0 dan 1 / level must be in (0, 1): {level!r}")
    pct = _to_decimal(level) * 100
    if pct == 95:
        return label("ik95", lang)
    decimals = 0 if pct == pct.to_integral_value() else 1
    return translate(UI, "ik", lang, level=fmt_number(pct, decimals, lang))


def fmt_ci(
    low: float, high: float, decimals: int = 1, lang: Lang = "id", *, level: float = 0.95
) -> str:
    """Format a confidence interval: ``"IK 95 %: 1,1 sampai 5,3"`` / ``"95% CI: 1.1 to 5.3"``.

    Returns ``"–"`` if both limits are missing; a single missing limit is shown as ``"–"``.

    Examples
    --------
    >>> fmt_ci(1.1, 5.3)
    'IK 95 %: 1,1 sampai 5,3'
    >>> fmt_ci(1.1, 5.3, lang="en")
    '95% CI: 1.1 to 5.3'
    >>> fmt_ci(-0.25, 0.5, 2, level=0.9)
    'IK 90 %: -0,25 sampai 0,50'
    """
    lang = check_lang(lang)
    if _is_missing(low) and _is_missing(high):
        return MISSING
    return translate(
        UI,
        "ik_teks",
        lang,
        ik=_ci_label(level, lang),
        low=fmt_number(low, decimals, lang),
        high=fmt_number(high, decimals, lang),
    )


def fmt_estimate_ci(
    est: float,
    low: float,
    high: float,
    decimals: int = 1,
    lang: Lang = "id",
    *,
    level: float = 0.95,
) -> str:
    """Format an estimate with its confidence interval in brackets.

    A missing estimate gives ``"–"``; a missing interval gives the estimate alone.

    Examples
    --------
    >>> fmt_estimate_ci(3.2, 1.1, 5.3)
    '3,2 (IK 95 %: 1,1 sampai 5,3)'
    >>> fmt_estimate_ci(3.2, 1.1, 5.3, lang="en")
    '3.2 (95% CI: 1.1 to 5.3)'
    """
    lang = check_lang(lang)
    if _is_missing(est):
        return MISSING
    text = fmt_number(est, decimals, lang)
    if _is_missing(low) and _is_missing(high):
        return text
    ci = fmt_ci(low, high, decimals, lang, level=level)
    return translate(UI, "estimasi_ik", lang, est=text, ci=ci)


def fmt_p(p: float, lang: Lang = "id", *, decimals: int = 3) -> str:
    """Format a p-value: ``"p = 0,032"``, or ``"p < 0,001"`` below the last decimal.

    Examples
    --------
    >>> fmt_p(0.0321)
    'p = 0,032'
    >>> fmt_p(0.00002, lang="en")
    'p < 0.001'
    """
    lang = check_lang(lang)
    decimals = _check_decimals(decimals)
    if decimals == 0:
        raise ValueError("decimals harus >= 1 / must be >= 1")
    if _is_missing(p):
        return MISSING
    if not 0 <= float(p) <= 1:
        raise ValueError(f"p harus di antara 0 dan 1 / p must be in [0, 1]: {p!r}")
    threshold = Decimal(1).scaleb(-decimals)
    if _to_decimal(p) < threshold:
        return f"p < {fmt_number(threshold, decimals, lang)}"
    return f"p = {fmt_number(p, decimals, lang)}"


# --------------------------------------------------------------------------- tables

_SPEC_KINDS = ("number", "int", "percent", "date", "periode", "p", "text")


def _formatter(spec: str | Callable[[Any], str], lang: Lang) -> Callable[[Any], str]:
    if callable(spec):
        return spec
    kind, _, arg = str(spec).partition(":")
    kind = kind.strip()
    if kind not in _SPEC_KINDS:
        raise ValueError(
            f"Format kolom tidak dikenal / unknown column format: {spec!r} "
            f"(kinds: {', '.join(_SPEC_KINDS)}; e.g. 'number:2', 'percent:1')"
        )
    decimals = int(arg) if arg.strip() else None
    if kind == "number":
        d = 2 if decimals is None else decimals
        return lambda x: fmt_number(x, d, lang)
    if kind == "percent":
        d = 1 if decimals is None else decimals
        return lambda x: fmt_percent(x, d, lang)
    if kind == "int":
        return lambda x: fmt_int(x, lang)
    if kind == "date":
        return lambda x: fmt_date(x, lang)
    if kind == "periode":
        return lambda x: fmt_periode(x, lang)
    if kind == "p":
        d = 3 if decimals is None else decimals
        return lambda x: fmt_p(x, lang, decimals=d)
    return lambda x: MISSING if _is_missing(x) else str(x)


def format_frame(
    df: pd.DataFrame, spec: Mapping[str, str | Callable[[Any], str]], lang: Lang = "id"
) -> pd.DataFrame:
    """Return a copy of ``df`` with the columns in ``spec`` formatted as text for display.

    Parameters
    ----------
    df : DataFrame
    spec : Mapping[str, str | Callable]
        Column -> format. Strings: ``"number"`` / ``"number:2"``, ``"int"``,
        ``"percent"`` / ``"percent:1"`` (values are fractions), ``"date"``,
        ``"periode"``, ``"p"`` / ``"p:3"``, ``"text"``. A callable is applied to
        each value and must return a string. Columns not in ``spec`` are kept as
        they are. Each distinct value is formatted once; missing values become
        ``"–"`` without calling the formatter.
    lang : {"id", "en"}

    Returns
    -------
    DataFrame
        Same index and columns; formatted columns have string dtype.

    Examples
    --------
    >>> df = pd.DataFrame({"periode": ["2025-Q1"], "n": [1520], "ikm": [80.805],
    ...                    "p": [0.25]})
    >>> format_frame(df, {"periode": "periode", "n": "int", "ikm": "number:2",
    ...                   "p": "percent:0"}).iloc[0].tolist()
    ['Triwulan I 2025', '1.520', '80,81', '25%']
    """
    lang = check_lang(lang)
    missing = [c for c in spec if c not in df.columns]
    if missing:
        raise KeyError(f"Kolom tidak ada / columns not found: {missing}")
    out = df.copy()
    for col, col_spec in spec.items():
        f = _formatter(col_spec, lang)
        codes, uniques = pd.factorize(df[col], use_na_sentinel=True)
        texts = np.array([f(u) for u in uniques] + [MISSING], dtype=object)
        # code -1 (missing) picks the last element
        out[col] = pd.Series(texts[codes], index=df.index, dtype="str")
    return out
