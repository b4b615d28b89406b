"""Data overview (gambaran): IKM cell suppression, the quarter-on-quarter change, the
respondent profile's complementary suppression, predikat per unit and the published
low-predikat share that chooses which units a large report shows."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kinerja_analysis import gambaran, privacy

Q = "2025-Q4"


def _penilaian(counts: dict[str, dict[str, int]]) -> pd.DataFrame:
    rows = [(u, p) for u, per in counts.items() for p, n in per.items() for _ in range(n)]
    df = pd.DataFrame(rows, columns=["unit_kerja", "predikat"])
    df["triwulan"] = Q
    # rows of an earlier and a later quarter and one without predikat must be ignored
    extra = pd.DataFrame({"unit_kerja": ["A", "A", "A"],
                          "predikat": ["Sangat Kurang", "Sangat Kurang", None],
                          "triwulan": ["2025-Q3", "2026-Q1", Q]})
    return pd.concat([df, extra], ignore_index=True)


def test_predikat_per_unit_counts_and_total():
    pen = _penilaian({"A": {"Baik": 20, "Sangat Kurang": 12},
                      "B": {"Baik": 30, "Kurang/Misconduct": 15}})
    sup = gambaran.predikat_per_unit(pen, Q, 10)
    assert list(sup.counts.columns) == [*gambaran.skp.PREDIKAT_LABELS, privacy.TOTAL]
    assert sup.counts.loc["A", "Sangat Kurang"] == 12
    assert sup.counts.loc[privacy.TOTAL, privacy.TOTAL] == 77
    assert not sup.hidden.to_numpy().any()


def test_ringkas_small_table_is_the_full_table():
    pen = _penilaian({"A": {"Baik": 20, "Sangat Kurang": 12}, "B": {"Baik": 30}})
    sup, info = gambaran.predikat_per_unit_ringkas(pen, Q, 10, 5, "Lainnya")
    full = gambaran.predikat_per_unit(pen, Q, 10)
    pd.testing.assert_frame_equal(sup.values, full.values)
    assert not info["dipotong"] and info["n_unit"] == 2


def test_ringkas_keeps_highest_low_share_and_sums_the_rest():
    pen = _penilaian({"A": {"Baik": 20, "Sangat Kurang": 12},            # 12/32
                      "B": {"Baik": 30, "Kurang/Misconduct": 15},        # 15/45
                      "C": {"Baik": 40, "Kurang/Misconduct": 10, "Sangat Kurang": 10},  # 20/60
                      "D": {"Baik": 50}})
    sup, info = gambaran.predikat_per_unit_ringkas(pen, Q, 10, 2, "Lainnya")
    # A 0.375 first; B and C tie at 1/3, C has more low-rated staff
    assert sup.values.index.tolist() == ["A", "C", "Lainnya", privacy.TOTAL]
    assert info["dipotong"] and info["n_unit"] == 4 and info["n_tampil"] == 2
    full = gambaran.predikat_per_unit(pen, Q, 10)
    # the Total row covers every unit; "Lainnya" is B + D
    pd.testing.assert_series_equal(sup.counts.loc[privacy.TOTAL], full.counts.loc[privacy.TOTAL])
    assert sup.counts.loc["Lainnya", "Baik"] == 80
    assert sup.counts.loc["Lainnya", privacy.TOTAL] == 95


def test_ringkas_ranking_ignores_small_counts():
    # B's 3 (or 9) Sangat Kurang are below k=10: they must not decide which units are shown
    for n_b in (3, 9):
        pen = _penilaian({"A": {"Baik": 20, "Sangat Kurang": 12},
                          "B": {"Baik": 30, "Sangat Kurang": n_b},
                          "C": {"Baik": 25, "Sangat Kurang": 10},
                          "D": {"Baik": 40}})
        sup, _ = gambaran.predikat_per_unit_ringkas(pen, Q, 10, 2, "Lainnya")
        assert sup.values.index.tolist()[:2] == ["A", "C"]
        assert sup.hidden.loc["Lainnya", "Sangat Kurang"] == (n_b < 10)


def test_ringkas_ranks_a_unit_of_exactly_k_staff():
    """A unit with exactly k staff has a published share (k or more is published), so its
    10 of 10 Sangat Kurang put it first; a cut at more than k would rank it last."""
    pen = _penilaian({"A": {"Sangat Kurang": 10},
                      "B": {"Baik": 20, "Sangat Kurang": 10},
                      "C": {"Baik": 40}})
    sup, info = gambaran.predikat_per_unit_ringkas(pen, Q, 10, 1, "Lainnya")
    assert sup.values.index.tolist() == ["A", "Lainnya", privacy.TOTAL]
    assert info["n_tanpa_nilai"] == 0


def test_ringkas_scales_to_many_units(monkeypatch):
    """20,000 units: suppression runs once, on the reduced table (30 units + "Lainnya"),
    never on the 20,000 unit rows (secondary suppression there would take hours). Counted,
    not timed: the time is measured in benchmarks/micro.py."""
    rng = np.random.default_rng(0)
    n = 200_000
    pen = pd.DataFrame({"unit_kerja": [f"U{i:05d}" for i in rng.integers(0, 20_000, n)],
                        "predikat": rng.choice(list(gambaran.skp.PREDIKAT_LABELS), n),
                        "triwulan": Q})
    shapes = []
    real = privacy.suppress

    def spy(table, *args, **kw):
        shapes.append(table.shape)
        return real(table, *args, **kw)

    monkeypatch.setattr(privacy, "suppress", spy)
    sup, info = gambaran.predikat_per_unit_ringkas(pen, Q, 10, 30, "Lainnya")
    assert [rows for rows, _ in shapes] == [31]
    assert info["n_unit"] == 20_000 and len(sup.values) == 32
    assert sup.counts.loc[privacy.TOTAL, privacy.TOTAL] == n


# ------------------------------------------------ IKM cells, change, respondent profile

UNSUR = list(gambaran.ikm.UNSUR_KODE)


def _survei(cells: dict[tuple[str, str], int], nilai: float = 3.0) -> pd.DataFrame:
    """``cells[(unit, quarter)]`` respondents, every answer ``nilai`` except a spread."""
    rows = []
    for (u, q), n in cells.items():
        for i in range(n):
            rows.append({"unit_kerja": u, "triwulan": q,
                         **{c: float(min(4, max(1, nilai + (i % 2)))) for c in UNSUR}})
    return pd.DataFrame(rows)


def test_ikm_cells_under_k_are_suppressed():
    s = _survei({("A", Q): 4, ("B", Q): 5, ("C", Q): 12})
    out = gambaran.ikm_unit_periode(s, k_min_responden=5).set_index("unit_kerja")
    assert out.loc["A", "suppressed"] and not out.loc["B", "suppressed"]
    assert out.loc["A", "n_responden"] == 4  # the count stays, the figures go
    for col in ("ikm", "ci_low", "ci_high"):
        assert pd.isna(out.loc["A", col]) and pd.notna(out.loc["B", col])
    assert out.loc["A", ["mutu", "kinerja_unit", "unsur_terendah"]].isna().all()
    assert out.loc["B", "mutu"] in ("A", "B", "C", "D")


def test_area_ikm_suppressed_in_a_quarter_under_k():
    s = _survei({("A", "2025-Q3"): 2, ("A", Q): 3, ("B", Q): 3})
    out = gambaran.ikm_keseluruhan(s, k_min_responden=5).set_index("periode")
    assert pd.isna(out.loc["2025-Q3", "ikm"]) and out.loc["2025-Q3", "n_responden"] == 2
    assert pd.notna(out.loc[Q, "ikm"]) and out.loc[Q, "n_responden"] == 6


def _per_unit(values: dict[str, float]) -> pd.DataFrame:
    return pd.DataFrame({"unit_kerja": "A", "periode": list(values),
                         "ikm": list(values.values())})


@pytest.mark.parametrize(("periode", "sebelum"), [("2025-Q3", "2025-Q2"),
                                                   ("2025-Q1", "2024-Q4")])
def test_change_is_from_the_quarter_just_before(periode, sebelum):
    vals = {"2024-Q3": 60.0, "2024-Q4": 70.0, "2025-Q1": 75.0, "2025-Q2": 81.0,
            "2025-Q3": 90.0}
    out = gambaran.perubahan_ikm(_per_unit(vals), periode).set_index("unit_kerja")
    assert out.loc["A", "ikm_sebelum"] == vals[sebelum]
    assert out.loc["A", "perubahan"] == vals[periode] - vals[sebelum]


def test_change_missing_without_the_previous_quarter():
    out = gambaran.perubahan_ikm(_per_unit({"2025-Q1": 70.0, "2025-Q3": 80.0}), "2025-Q3")
    assert pd.isna(out.set_index("unit_kerja").loc["A", "perubahan"])


def _profil(jk: list[str]) -> pd.DataFrame:
    return pd.DataFrame({"triwulan": Q, "jenis_kelamin": jk, "pendidikan": "S1"})


def test_profile_hides_a_complementary_category():
    # 12 L and 3 P with k = 5: P is hidden, and L too, since the total (15) is published
    # and P = 15 - 12 otherwise
    out = gambaran.profil_responden(_profil(["L"] * 12 + ["P"] * 3), Q, k_min_responden=5)
    jk = out[out["karakteristik"] == "jenis_kelamin"].set_index("kategori")
    assert jk["suppressed"].all()
    assert jk["n"].isna().all() and jk["proporsi"].isna().all()
    # never a single hidden category in a characteristic
    for _, part in out.groupby("karakteristik"):
        assert part["suppressed"].sum() != 1


def test_profile_publishes_categories_of_k_or_more():
    out = gambaran.profil_responden(_profil(["L"] * 7 + ["P"] * 5), Q, k_min_responden=5)
    jk = out[out["karakteristik"] == "jenis_kelamin"].set_index("kategori")
    assert not jk["suppressed"].any() and jk.loc["P", "n"] == 5
    assert jk.loc["L", "proporsi"] == pytest.approx(7 / 12)


def test_profile_leaves_out_blank_and_absent_columns():
    s = _profil(["L"] * 6 + ["P"] * 6)
    s["pekerjaan"] = None
    out = gambaran.profil_responden(s, Q)
    assert set(out["karakteristik"]) == {"jenis_kelamin", "pendidikan"}
    # one row label per row, as for any other table (no repeated labels across parts)
    pd.testing.assert_index_equal(out.index, pd.RangeIndex(len(out)))
    empty = gambaran.profil_responden(pd.DataFrame({"triwulan": [Q] * 6}), Q)
    assert empty.empty and list(empty.columns) == ["karakteristik", "kategori", "n",
                                                   "proporsi", "suppressed"]


def test_rencana_tindak_lanjut_ranks_only_answered_elements():
    u = pd.DataFrame({"unsur": UNSUR, "nrr": [3.1, np.nan, 2.8, 3.5, np.nan, 3.0, 3.3, 2.8,
                                              3.9]})
    out = gambaran.rencana_tindak_lanjut(u)
    assert out["unsur"].tolist() == ["u3", "u8", "u6"] and out["prioritas"].tolist() == [1, 2, 3]


def test_beda_ikm_interval_from_two_independent_quarters():
    s = pd.concat([_survei({("A", "2025-Q3"): 40}, 2.0), _survei({("A", Q): 40}, 3.0)])
    d = gambaran.beda_ikm(gambaran.ikm_keseluruhan(s, se=True), "2025-Q3", Q)
    ci = gambaran.ikm.ikm_ci(s, by="triwulan").set_index("triwulan")
    assert d["estimate"] == pytest.approx(ci.loc[Q, "ikm"] - ci.loc["2025-Q3", "ikm"])
    assert d["se"] == pytest.approx(np.hypot(ci.loc[Q, "se"], ci.loc["2025-Q3", "se"]))
    assert d["ci_low"] < d["estimate"] < d["ci_high"] and d["ci_low"] > 0
    assert np.isnan(gambaran.beda_ikm(gambaran.ikm_keseluruhan(s, se=True), "2025-Q1",
                                      Q)["estimate"])


def test_nrr_flags_only_the_lowest_element():
    s = _survei({("A", Q): 10})
    s["u4"] = 2.0  # every other element averages 3.5
    s.loc[0, "u7"] = np.nan  # a blank is 'not applicable', not a low answer
    out = gambaran.nrr_unsur(s, Q)
    assert out.loc[out["terendah"], "unsur"].tolist() == ["u4"]
    assert out.set_index("unsur").loc["u7", "n"] == 9


def _wilson(x: int, n: int, level: float) -> tuple[float, float]:
    """The Wilson score interval written out (independent of statsmodels)."""
    from scipy.stats import norm

    z = norm.ppf(1 - (1 - level) / 2)
    mid = (x + z * z / 2) / (n + z * z)
    half = z / (n + z * z) * np.sqrt(x * (n - x) / n + z * z / 4)
    return mid - half, mid + half


@pytest.mark.parametrize("level", [0.95, 0.8, 0.5])
def test_predikat_share_has_the_wilson_interval_at_the_level_asked(level):
    counts = dict(zip(gambaran.skp.PREDIKAT_LABELS, [12, 40, 25, 13, 10], strict=True))
    pen = _penilaian({"A": counts})
    out = gambaran.distribusi_predikat(pen, Q, 10, level=level).set_index("predikat")
    assert out.attrs["n_total"] == 100  # the other quarters' rows are not counted
    assert not out["suppressed"].any()
    for label, x in counts.items():
        assert out.loc[label, "proporsi"] == pytest.approx(x / 100)
        lo, hi = _wilson(x, 100, level)
        assert out.loc[label, "ci_low"] == pytest.approx(lo)
        assert out.loc[label, "ci_high"] == pytest.approx(hi)
