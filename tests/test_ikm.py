"""Tests for IKM (PermenPANRB 14/2017) and Krejcie-Morgan.

Formula [P] and interval table [V] from FACTS.md 1.4-1.5; u8/u9 order [P] (1.2).
Krejcie-Morgan published table values [V] (FACTS.md 1.6).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from kinerja_analysis.ikm import (
    BOBOT_UNSUR,
    UNSUR,
    UNSUR_KODE,
    hitung_ikm,
    ikm_ci,
    kecukupan_sampel,
    krejcie_morgan,
    mutu_ikm,
    urutkan_unsur,
)

U = list(UNSUR_KODE)


def _frame(rows: list[list[float]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=U, dtype=float)


def test_unsur_order_and_weight() -> None:
    assert UNSUR_KODE == tuple(f"u{j}" for j in range(1, 10))
    assert UNSUR[7].nama_id == "Penanganan Pengaduan, Saran dan Masukan"
    assert UNSUR[8].nama_id == "Sarana dan Prasarana"
    assert BOBOT_UNSUR == 1 / 9


def test_worked_example_three_respondents() -> None:
    # By hand: NRR u1..u8 = (4+3+3)/3 = 10/3, u9 = (4+3+2)/3 = 3.
    # IKM interval = (8 * 10/3 + 3) / 9 = 89/27 = 3.296296...; x25 = 82.4074...
    df = _frame([[4] * 9, [3] * 9, [3] * 8 + [2]])
    out = hitung_ikm(df)
    assert len(out) == 1
    row = out.iloc[0]
    assert row["n_responden"] == 3
    assert row["nrr_u1"] == pytest.approx(10 / 3)
    assert row["nrr_u9"] == pytest.approx(3.0)
    assert row["ikm_interval"] == pytest.approx(89 / 27)
    assert row["ikm"] == pytest.approx(89 / 27 * 25)
    assert (row["mutu"], row["kinerja_unit"], row["unsur_terendah"]) == ("B", "Baik", "u9")


def test_blank_answers_excluded_per_element() -> None:
    # u4 (biaya) blank for two respondents: NRR u4 = 2/1 = 2; others (4+4+1)/3 = 3.
    df = _frame(
        [
            [4, 4, 4, np.nan, 4, 4, 4, 4, 4],
            [4, 4, 4, np.nan, 4, 4, 4, 4, 4],
            [1, 1, 1, 2, 1, 1, 1, 1, 1],
        ]
    )
    row = hitung_ikm(df).iloc[0]
    assert row["n_responden"] == 3
    assert row["nrr_u4"] == pytest.approx(2.0)
    assert row["nrr_u1"] == pytest.approx(3.0)
    assert row["ikm"] == pytest.approx((8 * 3 + 2) / 9 * 25)  # 72.2222
    assert row["mutu"] == "C"
    assert row["unsur_terendah"] == "u4"


def test_element_without_any_answer_gives_nan() -> None:
    df = _frame([[4] * 8 + [np.nan]] * 2)
    row = hitung_ikm(df).iloc[0]
    assert np.isnan(row["ikm"]) and pd.isna(row["mutu"])


def test_ties_lowest_first_in_order() -> None:
    df = _frame([[4, 4, 2, 4, 4, 4, 2, 4, 4]])
    assert hitung_ikm(df).iloc[0]["unsur_terendah"] == "u3"


def test_facts_rounding_note() -> None:
    # FACTS 1.4: mean NRR 3,659 -> 91,48 with 1/9 (91.475 half-up) and 91,38 with 0,111.
    exact = 3.659 * 9 * BOBOT_UNSUR * 25
    legacy = 3.659 * 9 * 0.111 * 25
    assert exact == pytest.approx(91.475)
    assert legacy == pytest.approx(91.383525)
    assert Decimal(f"{legacy:.6f}").quantize(Decimal("0.01"), ROUND_HALF_UP) == Decimal("91.38")
    assert mutu_ikm(exact) == ("A", "Sangat Baik")
    # Same thing through hitung_ikm: 1000 respondents, element mean 3.659 each.
    answers = np.array([4] * 659 + [3] * 341, dtype=float)
    df = pd.DataFrame({c: answers for c in U})
    assert hitung_ikm(df).iloc[0]["ikm"] == pytest.approx(91.475)
    assert hitung_ikm(df, bobot=0.111).iloc[0]["ikm"] == pytest.approx(91.383525)


def test_legacy_weight_minimum_below_25() -> None:
    df = _frame([[1] * 9])
    out = hitung_ikm(df, bobot=0.111).iloc[0]
    assert out["ikm"] == pytest.approx(24.975)
    assert out["mutu"] == "D"


@pytest.mark.parametrize(
    ("value", "mutu", "label"),
    [
        (25, "D", "Tidak Baik"),
        (64.99, "D", "Tidak Baik"),
        (64.994, "D", "Tidak Baik"),
        (64.995, "C", "Kurang Baik"),  # rounds half-up to 65.00
        (65.00, "C", "Kurang Baik"),
        (76.60, "C", "Kurang Baik"),
        (76.604, "C", "Kurang Baik"),
        (76.605, "B", "Baik"),  # half-up to 76.61 (banker's/binary would give 76.60)
        (76.61, "B", "Baik"),
        (88.30, "B", "Baik"),
        (88.305, "A", "Sangat Baik"),  # half-up to 88.31
        (88.31, "A", "Sangat Baik"),
        (100, "A", "Sangat Baik"),
    ],
)
def test_mutu_boundaries(value: float, mutu: str, label: str) -> None:
    assert mutu_ikm(value) == (mutu, label)
    out = mutu_ikm(pd.Series([value], index=["x"]))
    assert out.loc["x", "mutu"] == mutu and out.loc["x", "kinerja_unit"] == label


def test_mutu_range_and_na() -> None:
    for bad in (24.99, 100.01, 0, 110):
        with pytest.raises(ValueError):
            mutu_ikm(bad)
        with pytest.raises(ValueError):
            mutu_ikm(pd.Series([80.0, bad]))
    assert mutu_ikm(100.004) == ("A", "Sangat Baik")  # float noise above 100
    out = mutu_ikm(pd.Series([np.nan, 80.0]))
    assert out["mutu"].isna().tolist() == [True, False]
    assert list(out.columns) == ["mutu", "kinerja_unit"]


def test_invalid_answers_rejected() -> None:
    with pytest.raises(ValueError):
        hitung_ikm(_frame([[5] + [4] * 8]))
    with pytest.raises(ValueError):
        hitung_ikm(_frame([[3.5] + [4] * 8]))
    with pytest.raises(KeyError):
        hitung_ikm(_frame([[4] * 9]).drop(columns="u9"))


def _survey(n: int, seed: int, missing: float = 0.1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    base = rng.integers(2, 5, size=(n, 1))
    noise = rng.integers(-1, 2, size=(n, 9))
    x = np.clip(base + noise, 1, 4).astype(float)
    x[rng.random((n, 9)) < missing] = np.nan
    df = pd.DataFrame(x, columns=U)
    df["unit_kerja"] = rng.choice(["Kel. Pudakpayung", "Kel. Gedawang", "Kel. Jabungan"], n)
    df["triwulan"] = rng.choice(["TW I", "TW II"], n)
    return df


def test_grouped_equals_loop() -> None:
    df = _survey(300, 1)
    df.loc[5, "unit_kerja"] = None  # a missing key forms its own group
    df.loc[5, U] = 3.0
    df.loc[df["unit_kerja"].eq("Kel. Gedawang") & df["triwulan"].eq("TW I"), "u4"] = np.nan
    by = ["unit_kerja", "triwulan"]
    out = hitung_ikm(df, by=by)
    assert list(out.columns[:3]) == ["unit_kerja", "triwulan", "n_responden"]
    assert out["n_responden"].sum() == len(df)
    assert out["ikm"].isna().sum() == 1  # the group without any u4 answer
    parts = []
    for key, part in df.groupby(by, dropna=False, sort=True):
        single = hitung_ikm(part)
        single.insert(0, "triwulan", key[1])
        single.insert(0, "unit_kerja", key[0])
        nrr = part[U].mean()
        expected = np.nan if nrr.isna().any() else nrr.mean() * 25
        assert single.loc[0, "ikm"] == pytest.approx(expected, nan_ok=True)
        parts.append(single)
    loop = pd.concat(parts, ignore_index=True)
    pd.testing.assert_frame_equal(out, loop, check_dtype=False)


def test_ci_hand_example_and_columns() -> None:
    # All elements 4,3,3,2: IKM 75; IF = 25*(x-3) -> var = 1250/(4*3); se = 10.206
    df = _frame([[4] * 9, [3] * 9, [3] * 9, [2] * 9])
    out = ikm_ci(df)
    assert list(out.columns) == ["n_responden", "ikm", "se", "ci_low", "ci_high", "method"]
    row = out.iloc[0]
    assert row["ikm"] == pytest.approx(75.0)
    assert row["se"] == pytest.approx(np.sqrt(1250 / 12))
    from scipy import stats

    q = stats.t.ppf(0.975, 3)
    assert row["ci_low"] == pytest.approx(75 - q * row["se"])
    assert row["method"] == "delta"


def test_ci_delta_agrees_with_bootstrap() -> None:
    df = _survey(200, 7, missing=0.15)
    delta = ikm_ci(df).iloc[0]
    boot = ikm_ci(df, method="bootstrap", n_boot=2000, seed=11).iloc[0]
    assert boot["method"] == "bootstrap"
    assert delta["ikm"] == pytest.approx(boot["ikm"])
    assert delta["ikm"] == pytest.approx(hitung_ikm(df).iloc[0]["ikm"])
    assert boot["se"] == pytest.approx(delta["se"], rel=0.10)
    assert boot["ci_low"] == pytest.approx(delta["ci_low"], abs=0.5 * delta["se"])
    assert boot["ci_high"] == pytest.approx(delta["ci_high"], abs=0.5 * delta["se"])


def test_ci_grouped_and_reproducible() -> None:
    df = _survey(240, 3)
    by = ["unit_kerja", "triwulan"]
    delta = ikm_ci(df, by=by)
    point = hitung_ikm(df, by=by)
    np.testing.assert_allclose(delta["ikm"], point["ikm"])
    for _, row in delta.iterrows():
        part = df[(df["unit_kerja"] == row["unit_kerja"]) & (df["triwulan"] == row["triwulan"])]
        assert row["se"] == pytest.approx(ikm_ci(part).iloc[0]["se"])
    b1 = ikm_ci(df, by=by, method="bootstrap", n_boot=200)
    b2 = ikm_ci(df, by=by, method="bootstrap", n_boot=200)
    pd.testing.assert_frame_equal(b1, b2)


# Published Krejcie & Morgan (1970) table entries.
KM_TABLE = {
    10: 10,
    15: 14,
    20: 19,
    25: 24,
    30: 28,
    35: 32,
    40: 36,
    45: 40,
    50: 44,
    55: 48,
    60: 52,
    65: 56,
    70: 59,
    75: 63,
    80: 66,
    85: 70,
    90: 73,
    95: 76,
    100: 80,
    110: 86,
    150: 108,
    220: 140,
    230: 144,
    240: 148,
    250: 152,
    500: 217,
    1000: 278,
    1200: 291,
    1300: 297,
    1400: 302,
    1500: 306,
    9000: 368,
    10000: 370,
    1_000_000: 384,
}


def test_krejcie_morgan_table() -> None:
    for pop, s in KM_TABLE.items():
        assert krejcie_morgan(pop) == s, pop
    arr = krejcie_morgan(list(KM_TABLE))
    assert isinstance(arr, np.ndarray)
    assert arr.tolist() == list(KM_TABLE.values())
    # The formula gives 382.63 at N = 100000 (some reproductions print 384: a typo
    # for the 1,000,000 row; no rounding rule yields 384 here).
    assert krejcie_morgan(100_000) == 383
    assert krejcie_morgan(1) == 1


def test_krejcie_morgan_invalid() -> None:
    for bad in (0, -5, 10.5):
        with pytest.raises(ValueError):
            krejcie_morgan(bad)


def test_kecukupan_sampel() -> None:
    out = kecukupan_sampel(pd.Series([277, 278, 80], index=["a", "b", "c"]), [1000, 1000, 100])
    assert list(out.columns) == ["n_responden", "populasi", "sampel_minimum", "cukup"]
    assert out["cukup"].tolist() == [False, True, True]
    assert out.loc["a", "sampel_minimum"] == 278
    assert kecukupan_sampel(150, 1000)["cukup"].tolist() == [False]


def test_urutkan_unsur() -> None:
    df = pd.DataFrame({"u7": [1], "u8": [3], "u9": [2], "x": ["k"]})
    out = urutkan_unsur(df, "tukar_u8_u9")
    assert list(out.columns) == ["u7", "u8", "u9", "x"]
    assert out.loc[0, "u8"] == 2 and out.loc[0, "u9"] == 3 and out.loc[0, "u7"] == 1
    pd.testing.assert_frame_equal(urutkan_unsur(df, "permenpan"), df)
    with pytest.raises(ValueError):
        urutkan_unsur(df, "lain")  # type: ignore[arg-type]
    with pytest.raises(KeyError):
        urutkan_unsur(df.drop(columns="u9"), "tukar_u8_u9")


def _expected_mutu(ikm: float) -> str:
    r = Decimal(repr(float(ikm))).quantize(Decimal("0.01"), ROUND_HALF_UP)
    if r < Decimal("65.00"):
        return "D"
    if r < Decimal("76.61"):
        return "C"
    return "B" if r < Decimal("88.31") else "A"


answers = hnp.arrays(
    float,
    st.tuples(st.integers(1, 30), st.just(9)),
    elements=st.sampled_from([1.0, 2.0, 3.0, 4.0, np.nan]),
)


@settings(max_examples=150, deadline=None)
@given(answers)
def test_ikm_range_and_mutu_property(x: np.ndarray) -> None:
    out = hitung_ikm(pd.DataFrame(x, columns=U)).iloc[0]
    if np.isnan(x).all(axis=0).any():
        assert np.isnan(out["ikm"]) and pd.isna(out["mutu"])
        return
    assert 25 - 1e-9 <= out["ikm"] <= 100 + 1e-9
    assert 1 - 1e-12 <= out["ikm_interval"] <= 4 + 1e-12
    assert out["mutu"] == _expected_mutu(round(out["ikm"], 9))
    assert mutu_ikm(out["ikm"]) == (out["mutu"], out["kinerja_unit"])


@settings(max_examples=150, deadline=None)
@given(st.integers(2500, 10000))
def test_mutu_property_on_hundredths(h: int) -> None:
    value = h / 100
    assert mutu_ikm(value)[0] == _expected_mutu(value)


def test_ikm_ci_columnwise_matches_row_formula_and_names_first_bad_value():
    """The element-by-element computation (no rows x 9 temporaries) gives the influence-
    function SE of the row-wise formula, with blanks; bad answers are counted and the first
    one in row order is named."""
    from kinerja_analysis import ikm as ikm_mod

    rng = np.random.default_rng(5)
    n = 600
    x = rng.integers(1, 5, size=(n, 9)).astype(float)
    x[rng.random((n, 9)) < 0.1] = np.nan
    df = pd.DataFrame(x, columns=[f"u{j}" for j in range(1, 10)])
    df["g"] = rng.choice(["a", "b", "c"], n)
    got = ikm_ci(df, by="g").set_index("g")
    for g, sub in df.groupby("g"):
        xa = sub[[f"u{j}" for j in range(1, 10)]].to_numpy()
        ans = ~np.isnan(xa)
        m = np.nanmean(xa, axis=0)
        infl = 25 / 9 * np.where(ans, (xa - m) * len(xa) / ans.sum(axis=0), 0.0).sum(axis=1)
        se = np.sqrt((infl**2).sum() / (len(xa) * (len(xa) - 1)))
        assert got.loc[g, "se"] == pytest.approx(se, rel=1e-12)
        assert got.loc[g, "ikm"] == pytest.approx(25 * m.mean(), rel=1e-12)
    bad = df.copy()
    bad.loc[3, "u7"], bad.loc[3, "u2"], bad.loc[10, "u1"] = 5.0, 0.0, 2.5
    with pytest.raises(ValueError, match=r"found 3 other values \(first: np.float64\(0.0\)\)"):
        ikm_mod.hitung_ikm(bad)


# ------------------------------------------- bootstrap interval (mutation testing, issue #13)


def test_ci_bootstrap_percentile_interval_on_a_known_distribution() -> None:
    """Two respondents, IKM 25 (all 1) and 100 (all 4): a resample of two is 25, 62.5 or 100
    with probability 1/4, 1/2, 1/4. The percentile interval at level 0.6 is the 0.2 and 0.8
    quantiles of the replicates, i.e. [25, 100]; the SE is about sqrt(703.125) = 26.5.
    A lower end taken at the wrong quantile (e.g. alpha instead of alpha / 2 -> 0.4) gives 62.5.
    """
    df = _frame([[1] * 9, [4] * 9])
    for level in (0.6, 0.95):
        row = ikm_ci(df, level=level, method="bootstrap", n_boot=4000, seed=3).iloc[0]
        assert row["ikm"] == pytest.approx(62.5)
        assert (row["ci_low"], row["ci_high"]) == (25.0, 100.0)
        assert row["se"] == pytest.approx(np.sqrt(703.125), rel=0.05)
    # at level 0.4 both ends (quantiles 0.3 and 0.7) fall on the middle replicate value
    row = ikm_ci(df, level=0.4, method="bootstrap", n_boot=4000, seed=3).iloc[0]
    assert (row["ci_low"], row["ci_high"]) == (62.5, 62.5)


def test_ci_bootstrap_draws_exactly_n_boot_replicates(monkeypatch: pytest.MonkeyPatch) -> None:
    """A large group is resampled in chunks (memory bound); the chunks add up to n_boot.

    25,000 respondents x 9 elements -> chunks of 2,000,000 // 225,000 = 8 replicates, so
    n_boot = 20 is drawn as 8 + 8 + 4 (a last chunk of full size would give 24 replicates
    and a different SE and interval).
    """
    drawn: list[int] = []
    real = np.random.default_rng

    class Spy:
        def __init__(self, seed: int) -> None:
            self._rng = real(seed)

        def integers(self, low: int, high: int, size: tuple[int, int]) -> np.ndarray:
            drawn.append(size[0])
            return self._rng.integers(low, high, size=size)

    monkeypatch.setattr(np.random, "default_rng", Spy)
    rng = real(0)
    df = _frame(rng.integers(1, 5, size=(25_000, 9)).tolist())
    row = ikm_ci(df, method="bootstrap", n_boot=20, seed=1).iloc[0]
    assert drawn == [8, 8, 4]
    assert np.isfinite(row["se"]) and row["ci_low"] <= row["ikm"] <= row["ci_high"]


def test_ci_method_given_as_runtime_string() -> None:
    """The method is compared by value: a string built at run time (config, CLI) that equals
    "delta" gives the delta interval, not a bootstrap one labelled "delta"."""
    df = _survey(60, 2)
    method = "".join(["del", "ta"])  # an equal string that is not the interned literal
    pd.testing.assert_frame_equal(ikm_ci(df, method=method), ikm_ci(df))  # type: ignore[arg-type]
