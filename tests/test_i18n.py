"""Tests for kinerja_analysis.i18n (formats from FACTS.md §6.3, CLDR via Babel)."""

from __future__ import annotations

import string
from datetime import date, datetime
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja_analysis import i18n
from kinerja_analysis.i18n import (
    LANGS,
    MISSING,
    UI,
    check_lang,
    fmt_ci,
    fmt_date,
    fmt_estimate_ci,
    fmt_int,
    fmt_number,
    fmt_p,
    fmt_percent,
    fmt_periode,
    format_frame,
    label,
    translate,
)

BULAN_ID = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]
MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


# ----------------------------------------------------------------------------- language


@pytest.mark.parametrize("lang", ["id", "en", " EN ", "Id"])
def test_check_lang_accepts(lang: str) -> None:
    assert check_lang(lang) in LANGS


@pytest.mark.parametrize("bad", ["fr", "", "id-ID", "en_US", "indonesia", None, 1])
def test_check_lang_rejects_bilingual(bad: object) -> None:
    with pytest.raises(ValueError) as err:
        check_lang(bad)  # type: ignore[arg-type]
    msg = str(err.value)
    assert "Bahasa tidak dikenal" in msg and "Unknown language" in msg


def test_translate_params_and_errors() -> None:
    cat = {"a": {"id": "Ada {n} baris", "en": "{n} rows"}, "b": {"id": "hanya id"}}
    assert translate(cat, "a", "id", n=3) == "Ada 3 baris"
    assert translate(cat, "a", "en", n=3) == "3 rows"
    with pytest.raises(KeyError, match="'zzz'"):
        translate(cat, "zzz")
    with pytest.raises(KeyError, match="'b'"):
        translate(cat, "b", "en")
    with pytest.raises(ValueError):
        translate(cat, "a", "de")  # type: ignore[arg-type]


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def test_ui_catalog_complete() -> None:
    """Every UI key has a non-empty text in both languages with the same placeholders."""
    assert len(UI) >= 30
    for key, entry in UI.items():
        assert set(entry) == set(LANGS), key
        for lang in LANGS:
            assert isinstance(entry[lang], str) and entry[lang].strip(), (key, lang)
        assert _fields(entry["id"]) == _fields(entry["en"]), key
        if not _fields(entry["id"]):
            assert label(key, "id") == entry["id"]


def test_required_ui_keys() -> None:
    required = (
        "unit_kerja periode triwulan n estimasi ik95 disembunyikan tidak_ada_data "
        "mutu ikm predikat jumlah persen total"
    ).split()
    for key in required:
        assert key in UI
    assert label("ik95") == "IK 95 %"
    assert label("ik95", "en") == "95% CI"


# ----------------------------------------------------------------------------- numbers


def test_fmt_number_facts_example() -> None:
    """FACTS.md §6.3: 1234567.891 -> '1.234.567,89'."""
    assert fmt_number(1234567.891) == "1.234.567,89"
    assert fmt_number(1234567.891, lang="en") == "1,234,567.89"


@pytest.mark.parametrize(
    ("x", "decimals", "id_text", "en_text"),
    [
        (88.31, 2, "88,31", "88.31"),
        (80.805, 2, "80,81", "80.81"),  # half-up on the decimal text (IKM report value)
        (2.675, 2, "2,68", "2.68"),  # binary float 2.67499.. still rounds up
        (0.5, 0, "1", "1"),
        (1.5, 0, "2", "2"),
        (2.5, 0, "3", "3"),  # half-up, not banker's rounding
        (-1234.5, 1, "-1.234,5", "-1,234.5"),
        (-0.001, 2, "0,00", "0.00"),  # no negative zero
        (0, 3, "0,000", "0.000"),
        (1000, 0, "1.000", "1,000"),
        (np.float32(1.25), 2, "1,25", "1.25"),
        (np.int64(4282429), 0, "4.282.429", "4,282,429"),
        (Decimal("12.345"), 2, "12,35", "12.35"),
    ],
)
def test_fmt_number_cases(x: object, decimals: int, id_text: str, en_text: str) -> None:
    assert fmt_number(x, decimals, "id") == id_text  # type: ignore[arg-type]
    assert fmt_number(x, decimals, "en") == en_text  # type: ignore[arg-type]


@pytest.mark.parametrize("missing", [None, float("nan"), np.nan, pd.NA, np.float64("nan")])
def test_missing_values(missing: object) -> None:
    for f in (fmt_number, fmt_int, fmt_percent, fmt_date, fmt_periode, fmt_p):
        assert f(missing) == MISSING == "–"  # type: ignore[operator]
    assert fmt_estimate_ci(missing, 1, 2) == MISSING  # type: ignore[arg-type]
    assert fmt_ci(missing, missing) == MISSING  # type: ignore[arg-type]


def test_fmt_number_infinite_and_bad_input() -> None:
    assert fmt_number(float("inf")) == "∞"
    assert fmt_number(float("-inf")) == "-∞"
    with pytest.raises(TypeError):
        fmt_number("abc")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        fmt_number(1.0, -1)
    with pytest.raises(ValueError):
        fmt_number(1.0, lang="fr")  # type: ignore[arg-type]


def test_fmt_int() -> None:
    assert fmt_int(4282429) == "4.282.429"
    assert fmt_int(4282429, lang="en") == "4,282,429"
    assert fmt_int(0) == "0"
    assert fmt_int(-12000) == "-12.000"
    assert fmt_int(2.5) == "3"


@pytest.mark.parametrize(
    ("p", "decimals", "id_text", "en_text"),
    [
        (0.2958, 1, "29,6%", "29.6%"),
        (0.2958, 2, "29,58%", "29.58%"),  # FACTS.md §6.3 example "29,58%"
        (1, 0, "100%", "100%"),
        (0.00049, 1, "0,0%", "0.0%"),
        (0.0005, 1, "0,1%", "0.1%"),
        (12.345, 0, "1.235%", "1,235%"),
        (-0.125, 1, "-12,5%", "-12.5%"),
    ],
)
def test_fmt_percent(p: float, decimals: int, id_text: str, en_text: str) -> None:
    assert fmt_percent(p, decimals, "id") == id_text
    assert fmt_percent(p, decimals, "en") == en_text


@settings(max_examples=150, deadline=None)
@given(
    x=st.floats(min_value=-1e12, max_value=1e12, allow_nan=False),
    decimals=st.integers(0, 4),
)
def test_number_roundtrip_property(x: float, decimals: int) -> None:
    """id and en texts are the same number with swapped separators, and parse back."""
    id_text = fmt_number(x, decimals, "id")
    en_text = fmt_number(x, decimals, "en")
    swapped = id_text.translate(str.maketrans({".": ",", ",": "."}))
    assert swapped == en_text
    back = float(en_text.replace(",", ""))
    assert abs(back - x) <= 0.5 * 10.0**-decimals * (1 + 1e-9) + abs(x) * 1e-15
    if decimals:
        assert len(en_text.split(".")[-1]) == decimals


# ----------------------------------------------------------------------------- dates


@pytest.mark.parametrize("month", range(1, 13))
def test_month_names(month: int) -> None:
    """All 12 Indonesian month names from FACTS.md §6.3 (Februari, not Pebruari)."""
    d = date(2025, month, 17)
    assert fmt_date(d) == f"17 {BULAN_ID[month - 1]} 2025"
    assert fmt_date(d, "en") == f"17 {MONTHS_EN[month - 1]} 2025"
    code = f"2025-{month:02d}"
    assert fmt_periode(code) == f"{BULAN_ID[month - 1]} 2025"
    assert fmt_periode(code, "en") == f"{MONTHS_EN[month - 1]} 2025"


def test_fmt_date_inputs() -> None:
    assert fmt_date("1986-09-26") == "26 September 1986"
    assert fmt_date("1986-09-26", "en") == "26 September 1986"
    assert fmt_date(datetime(2025, 8, 17, 8, 0)) == "17 Agustus 2025"
    assert fmt_date(pd.Timestamp("2025-08-17")) == "17 Agustus 2025"
    assert fmt_date(np.datetime64("2025-02-01")) == "1 Februari 2025"
    assert fmt_date(pd.NaT) == MISSING
    with pytest.raises(ValueError, match="unrecognised date"):
        fmt_date("17/08/2025")


@pytest.mark.parametrize(
    ("code", "id_text", "en_text"),
    [
        ("2025-Q1", "Triwulan I 2025", "Q1 2025"),
        ("2025-Q2", "Triwulan II 2025", "Q2 2025"),
        ("2025-Q3", "Triwulan III 2025", "Q3 2025"),
        ("2025-Q4", "Triwulan IV 2025", "Q4 2025"),
        ("2025Q4", "Triwulan IV 2025", "Q4 2025"),
        ("2024-q2", "Triwulan II 2024", "Q2 2024"),
        ("2025-S1", "Semester I 2025", "H1 2025"),
        ("2025-H2", "Semester II 2025", "H2 2025"),
        ("2025-03", "Maret 2025", "March 2025"),
        ("2025", "2025", "2025"),
    ],
)
def test_fmt_periode(code: str, id_text: str, en_text: str) -> None:
    assert fmt_periode(code) == id_text
    assert fmt_periode(code, "en") == en_text


def test_fmt_periode_pandas_period_and_errors() -> None:
    assert fmt_periode(pd.Period("2025Q3", freq="Q")) == "Triwulan III 2025"  # type: ignore[arg-type]
    assert fmt_periode(pd.Period("2025-11", freq="M"), "en") == "November 2025"  # type: ignore[arg-type]
    for bad in ("2025-Q5", "2025-13", "2025-00", "Q4", "triwulan 4"):
        with pytest.raises(ValueError, match="Periode tidak dikenal"):
            fmt_periode(bad)


# ----------------------------------------------------------------------------- estimates


def test_ci_wording() -> None:
    assert fmt_ci(1.1, 5.3) == "IK 95 %: 1,1 sampai 5,3"
    assert fmt_ci(1.1, 5.3, lang="en") == "95% CI: 1.1 to 5.3"
    assert fmt_ci(1.14, 5.25, 2) == "IK 95 %: 1,14 sampai 5,25"
    assert fmt_ci(1, 2, level=0.9, lang="en") == "90% CI: 1.0 to 2.0"
    assert fmt_ci(1, 2, level=0.995) == "IK 99,5 %: 1,0 sampai 2,0"
    assert fmt_ci(np.nan, 2.0) == "IK 95 %: – sampai 2,0"
    with pytest.raises(ValueError):
        fmt_ci(1, 2, level=95)


def test_estimate_ci() -> None:
    assert fmt_estimate_ci(3.2, 1.1, 5.3) == "3,2 (IK 95 %: 1,1 sampai 5,3)"
    assert fmt_estimate_ci(3.2, 1.1, 5.3, lang="en") == "3.2 (95% CI: 1.1 to 5.3)"
    assert fmt_estimate_ci(80.805, 78.1, 83.5, 2) == "80,81 (IK 95 %: 78,10 sampai 83,50)"
    assert fmt_estimate_ci(3.2, None, None) == "3,2"  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("p", "id_text", "en_text"),
    [
        (0.032, "p = 0,032", "p = 0.032"),
        (0.0321, "p = 0,032", "p = 0.032"),
        (0.0005, "p < 0,001", "p < 0.001"),
        (0.00099, "p < 0,001", "p < 0.001"),
        (0.001, "p = 0,001", "p = 0.001"),
        (0.5, "p = 0,500", "p = 0.500"),
        (1.0, "p = 1,000", "p = 1.000"),
        (0.0, "p < 0,001", "p < 0.001"),
    ],
)
def test_fmt_p(p: float, id_text: str, en_text: str) -> None:
    assert fmt_p(p) == id_text
    assert fmt_p(p, "en") == en_text


def test_fmt_p_invalid() -> None:
    for bad in (-0.1, 1.2):
        with pytest.raises(ValueError):
            fmt_p(bad)
    assert fmt_p(0.04, decimals=2) == "p = 0,04"
    assert fmt_p(0.004, decimals=2) == "p < 0,01"


# ----------------------------------------------------------------------------- tables


def test_format_frame() -> None:
    df = pd.DataFrame(
        {
            "unit_kerja": ["Kel. Pudakpayung", "Kel. Srondol Wetan", None],
            "periode": ["2025-Q1", "2025-Q2", None],
            "n": [1520, 12, None],
            "ikm": [80.805, 88.31, np.nan],
            "proporsi": [0.2958, 1.0, None],
            "tanggal": pd.to_datetime(["2025-08-17", "2025-02-01", None]),
            "p": [0.0321, 0.0001, np.nan],
        }
    )
    spec = {
        "periode": "periode",
        "n": "int",
        "ikm": "number:2",
        "proporsi": "percent:1",
        "tanggal": "date",
        "p": "p",
    }
    out = format_frame(df, spec, "id")
    assert out.loc[0].tolist() == [
        "Kel. Pudakpayung",
        "Triwulan I 2025",
        "1.520",
        "80,81",
        "29,6%",
        "17 Agustus 2025",
        "p = 0,032",
    ]
    assert out.loc[2, "ikm"] == MISSING and out.loc[2, "tanggal"] == MISSING
    en = format_frame(df, {**spec, "unit_kerja": lambda x: x.upper()}, "en")
    assert en.loc[1].tolist() == [
        "KEL. SRONDOL WETAN",
        "Q2 2025",
        "12",
        "88.31",
        "100.0%",
        "1 February 2025",
        "p < 0.001",
    ]
    assert en.loc[2, "unit_kerja"] == MISSING  # callables are not called on missing
    # original untouched, index kept
    assert df["n"].iloc[0] == 1520
    assert list(out.index) == list(df.index)


def test_format_frame_errors_and_defaults() -> None:
    df = pd.DataFrame({"x": [1.0, 2.0]}, index=["a", "b"])
    assert format_frame(df, {"x": "number"})["x"].tolist() == ["1,00", "2,00"]
    assert format_frame(df, {"x": "percent"}, "en")["x"].tolist() == ["100.0%", "200.0%"]
    with pytest.raises(KeyError):
        format_frame(df, {"y": "int"})
    with pytest.raises(ValueError, match="unknown column format"):
        format_frame(df, {"x": "money"})


def test_format_frame_formats_each_distinct_value_once() -> None:
    """Thousands of table cells: each distinct value is formatted once, with one cached
    Babel pattern per format; missing values are not formatted (counted, not timed: the
    time is measured in benchmarks/micro.py)."""
    rng = np.random.default_rng(0)
    x = rng.normal(size=2_000)
    df = pd.DataFrame({"x": np.tile(x, 10), "p": rng.uniform(size=20_000), "c": np.tile(x, 10)})
    df.loc[::50, "x"] = np.nan
    seen: list = []
    i18n._number_pattern.cache_clear()
    out = format_frame(df, {"x": "number:2", "p": "percent:1",
                            "c": lambda v: seen.append(v) or "t"})
    assert len(seen) == len(set(seen)) == 2_000
    info = i18n._number_pattern.cache_info()
    assert info.misses == 2  # number:2 and percent:1
    assert info.hits + info.misses <= df["x"].nunique() + df["p"].nunique()
    assert (out["x"] == i18n.MISSING).sum() == 400
    assert out["x"][out["x"] != i18n.MISSING].str.contains(",").all()


def test_locale_cache() -> None:
    i18n._locale.cache_clear()
    for _ in range(100):
        fmt_number(1.5)
    assert i18n._locale.cache_info().misses == 1
