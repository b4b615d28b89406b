"""Tests for NIP PNS parsing (Perka BKN 22/2007, FACTS.md section 3.1 [V]).

The plausible age range at TMT CPNS (18..46) is a project choice, not a regulation value.
"""

from __future__ import annotations

import datetime

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja_analysis.nip import (
    NIP_ERROR_CODES,
    NipError,
    NipInfo,
    looks_like_excel_number,
    normalize_nip,
    parse_nip,
    parse_nip_series,
)

TODAY = datetime.date(2026, 1, 15)


def test_facts_example() -> None:
    info = parse_nip("198609262015051001", today=TODAY)
    assert info == NipInfo(
        nip="198609262015051001",
        tanggal_lahir=datetime.date(1986, 9, 26),
        tmt_cpns=datetime.date(2015, 5, 1),
        jenis_kelamin="L",
        nomor_urut=1,
    )


def test_printed_spaced_form_and_female() -> None:
    info = parse_nip(" 19860926 201505 2 014\t", today=TODAY)
    assert info.nip == "198609262015052014"
    assert info.jenis_kelamin == "P"
    assert info.nomor_urut == 14
    assert normalize_nip("19860926\u00a0201505 1 001") == "198609262015051001"


BAD = [
    ("kosong", None),
    ("kosong", float("nan")),
    ("kosong", "   "),
    ("excel_angka", "1.98609E+17"),
    ("excel_angka", "1,98609E+17"),
    ("excel_angka", "198609262015051001.0"),
    ("excel_angka", "198609262015051000"),
    ("excel_angka", 198609262015051000),
    ("excel_angka", 1.98609262015051e17),
    ("bukan_angka", "19860926-201505-1-001"),
    ("bukan_angka", "1986O926201505100I"),
    ("panjang", "19860926201505101"),
    ("panjang", "1986092620150510011"),
    ("tanggal_lahir", "198602302015051001"),  # 30 February
    ("tanggal_lahir", "193912312015051001"),  # before 1940
    ("tanggal_lahir", "202701012015051001"),  # after today
    ("tmt_cpns", "198609262015131001"),  # month 13
    ("tmt_cpns", "198609262015001001"),  # month 00
    ("tmt_cpns", "194001011959121001"),  # before 1960
    ("tmt_masa_depan", "198609262026021001"),  # Feb 2026 > 2026-01-15
    ("jenis_kelamin", "198609262015053001"),
    ("jenis_kelamin", "198609262015050001"),
    ("nomor_urut", "19860926 201505 1 000"),  # spaced form: typed as text, not Excel
    ("usia_pengangkatan", "198609262004081001"),  # 17 at TMT
    ("usia_pengangkatan", "195001012000011001"),  # 50 at TMT
]


@pytest.mark.parametrize(("code", "value"), BAD)
def test_error_codes(code: str, value: object) -> None:
    with pytest.raises(NipError) as exc:
        parse_nip(value, today=TODAY)
    assert exc.value.code == code
    assert isinstance(exc.value, ValueError)
    assert str(exc.value)
    out = parse_nip_series(pd.Series([value], dtype=object), today=TODAY)
    assert out.loc[0, "error"] == code


def test_every_code_has_an_example() -> None:
    assert {c for c, _ in BAD} == set(NIP_ERROR_CODES)


def test_age_boundaries() -> None:
    # Born 1986-09-26: TMT 2004-09 -> 17 (day 1 < 26), 2004-10 -> 18.
    with pytest.raises(NipError, match="age"):
        parse_nip("198609262004091001", today=TODAY)
    assert parse_nip("198609262004101001", today=TODAY).nomor_urut == 1
    # Born 1970-01-01: TMT 2016-12 -> 46 ok; 2017-01 -> 47 rejected.
    assert parse_nip("197001012016121001", today=TODAY)
    with pytest.raises(NipError) as exc:
        parse_nip("197001012017011001", today=TODAY)
    assert exc.value.code == "usia_pengangkatan"
    assert exc.value.params == {"usia": 47}


def test_tmt_current_month_allowed() -> None:
    assert parse_nip("199001012026011001", today=TODAY).tmt_cpns == datetime.date(2026, 1, 1)


def test_looks_like_excel_number() -> None:
    assert looks_like_excel_number("1.98609E+17")
    assert looks_like_excel_number("1,98609e17")
    assert looks_like_excel_number(" 198609262015051000 ")
    assert not looks_like_excel_number("198609262015051001")
    assert not looks_like_excel_number("19860926 201505 1 000")
    assert not looks_like_excel_number("abc")


def test_series_columns_dtypes_index() -> None:
    s = pd.Series(["19860926 201505 1 001", "x", None], index=[10, 20, 30])
    out = parse_nip_series(s, today=TODAY)
    assert list(out.index) == [10, 20, 30]
    assert list(out.columns) == [
        "nip",
        "tanggal_lahir",
        "tmt_cpns",
        "jenis_kelamin",
        "nomor_urut",
        "error",
    ]
    assert out["tanggal_lahir"].dtype == "datetime64[ns]"
    assert out["tmt_cpns"].dtype == "datetime64[ns]"
    assert out["nomor_urut"].dtype == "Int64"
    assert out.loc[10, "tmt_cpns"] == pd.Timestamp("2015-05-01")
    assert out.loc[10, "jenis_kelamin"] == "L"
    assert out.loc[20, "nip"] == "x"
    assert pd.isna(out.loc[30, "nip"])
    assert pd.isna(out.loc[20, "tanggal_lahir"]) and pd.isna(out.loc[20, "jenis_kelamin"])


def test_series_numeric_dtypes() -> None:
    ints = parse_nip_series(pd.Series([198609262015051000]), today=TODAY)
    floats = parse_nip_series(pd.Series([1.98609262015051e17, np.nan]), today=TODAY)
    assert ints["error"].tolist() == ["excel_angka"]
    assert floats["error"].tolist() == ["excel_angka", "kosong"]


@st.composite
def valid_nip(draw: st.DrawFn) -> tuple[str, datetime.date, datetime.date, str, int]:
    lahir = draw(st.dates(datetime.date(1940, 1, 1), datetime.date(2007, 12, 31)))
    lo = max(1960, lahir.year + 19)
    hi = min(TODAY.year - 1, lahir.year + 45)
    if lo > hi:
        lahir = datetime.date(1970, lahir.month, min(lahir.day, 28))
        lo, hi = 1989, 2015
    tmt = datetime.date(draw(st.integers(lo, hi)), draw(st.integers(1, 12)), 1)
    jk = draw(st.sampled_from(["1", "2"]))
    urut = draw(st.integers(1, 999))
    nip = f"{lahir:%Y%m%d}{tmt:%Y%m}{jk}{urut:03d}"
    return nip, lahir, tmt, "L" if jk == "1" else "P", urut


@settings(max_examples=150, deadline=None)
@given(valid_nip())
def test_valid_round_trip(case: tuple[str, datetime.date, datetime.date, str, int]) -> None:
    nip, lahir, tmt, jk, urut = case
    spaced = f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    for text in (nip, spaced):
        info = parse_nip(text, today=TODAY)
        assert info == NipInfo(nip, lahir, tmt, jk, urut)


_ALPHABET = "0123456789" * 4 + " .,eE+-\t\n\u00a0\u2028xO"


def _mutate(nip: str, pos: int, ch: str) -> str:
    pos = pos % (len(nip) + 1)
    return nip[:pos] + ch + nip[pos + 1 :]


nip_like = st.one_of(
    valid_nip().map(lambda c: c[0]),
    st.builds(
        _mutate,
        valid_nip().map(lambda c: c[0]),
        st.integers(0, 18),
        st.sampled_from(list("0123456789 .x\u00a0")),
    ),
    st.text(alphabet="0123456789", min_size=17, max_size=19),
    st.text(alphabet=_ALPHABET, max_size=22),
    st.none(),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(nip_like, min_size=1, max_size=20))
def test_series_agrees_with_scalar(values: list[str | None]) -> None:
    out = parse_nip_series(pd.Series(values, dtype=object), today=TODAY)
    for i, value in enumerate(values):
        row = out.iloc[i]
        try:
            info = parse_nip(value, today=TODAY)
        except NipError as exc:
            assert row["error"] == exc.code, value
            assert pd.isna(row["tanggal_lahir"]) and pd.isna(row["nomor_urut"])
            continue
        assert pd.isna(row["error"]), value
        assert row["nip"] == info.nip
        assert row["tanggal_lahir"] == pd.Timestamp(info.tanggal_lahir)
        assert row["tmt_cpns"] == pd.Timestamp(info.tmt_cpns)
        assert row["jenis_kelamin"] == info.jenis_kelamin
        assert row["nomor_urut"] == info.nomor_urut
