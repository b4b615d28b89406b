"""Data overview (gambaran): predikat per unit and the published low-predikat share that
chooses which units a large report shows."""

from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja_analysis import gambaran, privacy

Q = "2025-Q4"


def _penilaian(counts: dict[str, dict[str, int]]) -> pd.DataFrame:
    rows = [(u, p) for u, per in counts.items() for p, n in per.items() for _ in range(n)]
    df = pd.DataFrame(rows, columns=["unit_kerja", "predikat"])
    df["triwulan"] = Q
    # a row of another quarter and one without predikat must be ignored
    extra = pd.DataFrame({"unit_kerja": ["A", "A"], "predikat": ["Sangat Kurang", None],
                          "triwulan": ["2025-Q3", Q]})
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
