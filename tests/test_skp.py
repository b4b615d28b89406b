"""Tests for SKP ratings, predicates, the SE 3/2023 curve and PP 46/2011 bands.

The 3x3 predicate matrix is [P] in FACTS.md (section 7.4: consistent public
implementations, official Lampiran not read). SE 3/2023 rules are [V]; the PP 46/2011
label "Buruk" is [M].
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja_analysis.skp import (
    ORG_PREDIKAT,
    PREDIKAT_LABELS,
    RATING_LABELS,
    cek_kurva_distribusi,
    kurva_distribusi_ok,
    parse_org_predikat,
    parse_predikat,
    parse_predikat_series,
    parse_rating,
    parse_rating_series,
    predikat_kinerja,
    predikat_pp46,
    predikat_series,
)

ATAS, SESUAI, BAWAH = RATING_LABELS
SB, B, BP, KM, SK = PREDIKAT_LABELS

# (hasil kerja, perilaku kerja) -> predikat, FACTS.md 2.2 [P]
MATRIX = [
    (ATAS, BAWAH, KM),
    (ATAS, SESUAI, B),
    (ATAS, ATAS, SB),
    (SESUAI, BAWAH, KM),
    (SESUAI, SESUAI, B),
    (SESUAI, ATAS, B),
    (BAWAH, BAWAH, SK),
    (BAWAH, SESUAI, BP),
    (BAWAH, ATAS, BP),
]


@pytest.mark.parametrize(("hasil", "perilaku", "expected"), MATRIX)
def test_matrix_cells(hasil: str, perilaku: str, expected: str) -> None:
    assert predikat_kinerja(hasil, perilaku) == expected
    assert predikat_kinerja(hasil.upper(), perilaku.lower().replace(" ", "_")) == expected


def test_predikat_series_matrix_and_na() -> None:
    h = pd.Series([m[0] for m in MATRIX] + [None, "x", ATAS], index=range(100, 112))
    p = pd.Series([m[1] for m in MATRIX] + [ATAS, ATAS, None])
    out = predikat_series(h, p)
    assert list(out.index) == list(range(100, 112))
    assert out.iloc[:9].tolist() == [m[2] for m in MATRIX]
    assert out.iloc[9:].isna().all()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("DI ATAS EKSPEKTASI", ATAS),
        ("diatas ekspektasi", ATAS),
        (" sesuai  ekspektasi", SESUAI),
        ("di_bawah_ekspektasi", BAWAH),
        ("Di-Bawah-Ekspektasi", BAWAH),
        ("di atas", ATAS),
        ("sesuai", SESUAI),
        ("di bawah", BAWAH),
    ],
)
def test_parse_rating(text: str, expected: str) -> None:
    assert parse_rating(text) == expected
    assert parse_rating_series(pd.Series([text])).iloc[0] == expected


@pytest.mark.parametrize("text", ["", "baik", "ekspektasi", "atas bawah", None, 3])
def test_parse_rating_rejects(text: object) -> None:
    with pytest.raises(ValueError):
        parse_rating(text)
    assert pd.isna(parse_rating_series(pd.Series([text], dtype=object)).iloc[0])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sangat baik", SB),
        ("BAIK", B),
        ("butuh perbaikan", BP),
        ("cukup", BP),
        ("Butuh Perbaikan (Cukup)", BP),
        ("kurang", KM),
        ("misconduct", KM),
        ("kurang / misconduct", KM),
        ("Kurang/Misconduct", KM),
        ("sangat kurang", SK),
        ("SANGAT_KURANG", SK),
    ],
)
def test_parse_predikat(text: str, expected: str) -> None:
    assert parse_predikat(text) == expected
    assert parse_predikat_series(pd.Series([text])).iloc[0] == expected


@pytest.mark.parametrize("text", ["", "sangat", "baik sekali", "istimewa", None])
def test_parse_predikat_rejects(text: object) -> None:
    with pytest.raises(ValueError):
        parse_predikat(text)


def test_parse_org_predikat() -> None:
    assert [parse_org_predikat(x.upper()) for x in ORG_PREDIKAT] == list(ORG_PREDIKAT)
    assert parse_org_predikat("cukup") == "Butuh Perbaikan"
    with pytest.raises(ValueError):
        parse_org_predikat("Sangat Baik")


def _messy(draw: st.DrawFn, label: str) -> str:
    out = []
    for ch in label:
        if ch == " ":
            out.append(draw(st.sampled_from(["", " ", "  ", "_", "-", "\t"])))
        else:
            out.append(ch.upper() if draw(st.booleans()) else ch.lower())
    pad = st.sampled_from(["", " ", "  "])
    return draw(pad) + "".join(out) + draw(pad)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_label_tolerance_property(data: st.DataObject) -> None:
    rating = data.draw(st.sampled_from(RATING_LABELS))
    predikat = data.draw(st.sampled_from(PREDIKAT_LABELS))
    r_text = _messy(data.draw, rating)
    p_text = _messy(data.draw, predikat)
    assert parse_rating(r_text) == rating
    assert parse_predikat(p_text) == predikat
    assert parse_rating_series(pd.Series([r_text])).iloc[0] == rating
    assert parse_predikat_series(pd.Series([p_text])).iloc[0] == predikat


def _dist(**counts: int) -> pd.Series:
    names = {"sb": SB, "b": B, "bp": BP, "km": KM, "sk": SK}
    return pd.Series([names[k] for k, v in counts.items() for _ in range(v)])


def _rule(df: pd.DataFrame, aturan: str) -> pd.Series:
    row = df.loc[df["aturan"] == aturan]
    assert len(row) == 1, aturan
    return row.iloc[0]


# (org predicate, rule id, passing distribution, failing distribution)
RULES = [
    ("Istimewa", "istimewa_sb_maks70", _dist(sb=7, b=3), _dist(sb=8, b=2)),
    ("Baik", "baik_b_maks70", _dist(b=7, sb=1, bp=2), _dist(b=75, bp=25)),
    ("Baik", "baik_ada_bp_km", _dist(b=6, km=1, sb=3), _dist(b=6, sb=3, sk=1)),
    ("Butuh Perbaikan", "bp_bp_min60", _dist(bp=6, b=4), _dist(bp=59, b=41)),
    ("Butuh Perbaikan", "bp_sb_maks10", _dist(bp=6, sb=1, b=3), _dist(bp=6, sb=2, b=2)),
    ("Kurang", "kurang_km_min60", _dist(km=6, bp=1, b=3), _dist(km=5, bp=5)),
    ("Kurang", "kurang_bp_min10", _dist(km=6, bp=1, b=3), _dist(km=7, b=3)),
    ("Kurang", "kurang_sb_maks10", _dist(km=6, bp=3, sb=1), _dist(km=6, bp=2, sb=2)),
    ("Sangat Kurang", "sk_sk_min60", _dist(sk=6, km=4), _dist(sk=5, km=5)),
    ("Sangat Kurang", "sk_km_bp_min10", _dist(sk=9, bp=1), _dist(sk=19, b=1)),
    ("Sangat Kurang", "sk_tanpa_sb", _dist(sk=9, km=1), _dist(sk=8, km=1, sb=1)),
]


@pytest.mark.parametrize(("org", "aturan", "good", "bad"), RULES)
def test_kurva_rules(org: str, aturan: str, good: pd.Series, bad: pd.Series) -> None:
    assert bool(_rule(cek_kurva_distribusi(good, org), aturan)["terpenuhi"])
    assert not bool(_rule(cek_kurva_distribusi(bad, org), aturan)["terpenuhi"])
    assert not kurva_distribusi_ok(bad, org)


def test_kurva_all_rules_listed() -> None:
    listed = {a for _, a, _, _ in RULES}
    for org in ORG_PREDIKAT:
        df = cek_kurva_distribusi(_dist(b=1), org)
        assert list(df.columns) == ["aturan", "deskripsi", "batas", "nilai", "terpenuhi"]
        assert set(df["aturan"]) <= listed
    assert len(listed) == 11


def test_kurva_values_and_good_distributions() -> None:
    df = cek_kurva_distribusi(_dist(b=75, bp=25), "baik")
    r = _rule(df, "baik_b_maks70")
    assert r["batas"] == pytest.approx(0.70)
    assert r["nilai"] == pytest.approx(0.75)
    assert kurva_distribusi_ok(_dist(b=7, sb=1, bp=1, sk=1), "Baik")
    assert kurva_distribusi_ok(_dist(bp=6, sb=1, b=1, km=1, sk=1), "Cukup")
    assert kurva_distribusi_ok(_dist(sk=6, bp=2, b=2), "Sangat Kurang")


def test_kurva_excludes_missing_and_empty() -> None:
    p = pd.concat([_dist(b=7, bp=3), pd.Series([None, "???"])], ignore_index=True)
    assert _rule(cek_kurva_distribusi(p, "Baik"), "baik_b_maks70")["nilai"] == 0.7
    empty = cek_kurva_distribusi(pd.Series([], dtype="string"), "Baik")
    assert empty["nilai"].isna().all() and not empty["terpenuhi"].any()


@pytest.mark.parametrize(
    ("score", "label"),
    [
        (100, "Sangat Baik"),
        (91, "Sangat Baik"),
        (90.99, "Baik"),
        (76, "Baik"),
        (75.99, "Cukup"),
        (61, "Cukup"),
        (60.99, "Kurang"),
        (60, "Kurang"),
        (51, "Kurang"),
        (50.99, "Buruk"),
        (50, "Buruk"),
        (0, "Buruk"),
    ],
)
def test_pp46_boundaries(score: float, label: str) -> None:
    assert predikat_pp46(score) == label
    assert predikat_pp46(pd.Series([score])).iloc[0] == label


def test_pp46_na_and_range() -> None:
    assert predikat_pp46(np.nan) is pd.NA
    assert predikat_pp46(None) is pd.NA
    out = predikat_pp46(pd.Series([np.nan, 95.0], index=["a", "b"]))
    assert pd.isna(out["a"]) and out["b"] == "Sangat Baik"
    for bad in (-0.01, 100.01):
        with pytest.raises(ValueError):
            predikat_pp46(bad)
        with pytest.raises(ValueError):
            predikat_pp46(pd.Series([50.0, bad]))
