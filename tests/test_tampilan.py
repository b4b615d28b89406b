"""Display helpers: choosing the units a per-unit chart or table shows (pilih_unit) and the
sentence under a cut display (kalimat_pilihan)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja_analysis.laporan import tampilan as tp


def _units(values, names=None):
    names = names or [f"U{i:02d}" for i in range(len(values))]
    return pd.DataFrame({"unit_kerja": names, "ikm": values})


def test_at_most_n_units_returns_the_frame_unchanged():
    df = _units([3.0, 1.0, np.nan, 2.0])
    for n in (4, 5, 100):
        sub, info = tp.pilih_unit(df, "unit_kerja", "ikm", n)
        assert sub is df
        assert info == {"n_unit": 4, "n_tampil": 4, "n_terendah": 0, "n_tertinggi": 0,
                        "n_tanpa_nilai": 0, "cara": "ujung", "dipotong": False}
        assert tp.kalimat_pilihan(info, "IKM", "id") == ""


def test_ujung_takes_lowest_and_highest_in_ascending_order():
    # hand-ranked: 10 units valued 0..9 in shuffled order; n=5 -> 2 lowest, 3 highest
    vals = [7, 2, 9, 0, 5, 1, 8, 3, 6, 4]
    sub, info = tp.pilih_unit(_units(vals), "unit_kerja", "ikm", 5)
    assert sub["ikm"].tolist() == [0, 1, 7, 8, 9]
    assert (info["n_terendah"], info["n_tertinggi"], info["n_tampil"]) == (2, 3, 5)
    assert info["dipotong"] and info["n_unit"] == 10


def test_terendah_and_tertinggi():
    vals = [7, 2, 9, 0, 5, 1, 8, 3, 6, 4]
    low, i_low = tp.pilih_unit(_units(vals), "unit_kerja", "ikm", 3, "terendah")
    high, i_high = tp.pilih_unit(_units(vals), "unit_kerja", "ikm", 3, "tertinggi")
    assert low["ikm"].tolist() == [0, 1, 2]
    assert high["ikm"].tolist() == [9, 8, 7]
    assert (i_low["n_terendah"], i_low["n_tertinggi"]) == (3, 0)
    assert (i_high["n_terendah"], i_high["n_tertinggi"]) == (0, 3)


def test_ties_are_broken_by_next_column_then_by_name():
    df = pd.DataFrame({"unit_kerja": ["D", "B", "C", "A", "E"],
                       "v": [1.0, 1.0, 1.0, 1.0, 5.0], "w": [0, 2, 1, 2, 0]})
    by_name, _ = tp.pilih_unit(df, "unit_kerja", "v", 2, "terendah")
    assert by_name["unit_kerja"].tolist() == ["A", "B"]
    by_w, _ = tp.pilih_unit(df, "unit_kerja", ["v", "w"], 2, "terendah")
    assert by_w["unit_kerja"].tolist() == ["D", "C"]
    # among the highest, ties still go by name ascending
    top, _ = tp.pilih_unit(df, "unit_kerja", "v", 3, "tertinggi")
    assert top["unit_kerja"].tolist() == ["E", "A", "B"]
    # same result whatever the input row order
    again, _ = tp.pilih_unit(df.iloc[::-1], "unit_kerja", "v", 2, "terendah")
    assert again["unit_kerja"].tolist() == ["A", "B"]


def test_nan_units_are_never_ranked_only_fill():
    vals = [np.nan, 5.0, np.nan, 1.0, 9.0, np.nan, 3.0]
    sub, info = tp.pilih_unit(_units(vals), "unit_kerja", "ikm", 2)
    assert sub["ikm"].tolist() == [1.0, 9.0]
    assert info["n_tanpa_nilai"] == 0
    # fewer ranked units (4) than n (6): all ranked, then NaN units by name
    sub, info = tp.pilih_unit(_units(vals), "unit_kerja", "ikm", 6, "tertinggi")
    assert sub["ikm"].tolist()[:4] == [9.0, 5.0, 3.0, 1.0]
    assert sub["unit_kerja"].tolist()[4:] == ["U00", "U02"]
    assert info["n_tanpa_nilai"] == 2 and info["n_tampil"] == 6
    assert "2 unit yang nilainya kosong" in tp.kalimat_pilihan(info, "IKM", "id")


def test_suppressed_rows_do_not_influence_the_choice():
    df = _units([50.0, 99.0, 70.0, 80.0, 1.0])
    df["suppressed"] = [False, True, False, False, True]
    # the hidden 99 and 1 must not make their units the highest/lowest
    sub, _ = tp.pilih_unit(df, "unit_kerja", "ikm", 2, hidden_col="suppressed")
    assert sub["unit_kerja"].tolist() == ["U00", "U03"]
    # changing a hidden value changes nothing
    df2 = df.assign(ikm=[50.0, -5.0, 70.0, 80.0, 1e6])
    sub2, _ = tp.pilih_unit(df2, "unit_kerja", "ikm", 2, hidden_col="suppressed")
    assert sub2["unit_kerja"].tolist() == sub["unit_kerja"].tolist()


def test_several_rows_per_unit_and_index_units():
    long = pd.DataFrame({"unit_kerja": list("AABBCC"), "periode": ["q1", "q2"] * 3,
                         "ikm": [10.0, 30.0, 50.0, 70.0, 1.0, 2.0]})
    sub, info = tp.pilih_unit(long, "unit_kerja", "ikm", 1, "tertinggi")
    assert sub["unit_kerja"].tolist() == ["B", "B"] and sub["periode"].tolist() == ["q1", "q2"]
    assert info["n_unit"] == 3 and info["n_tampil"] == 1
    grid = pd.DataFrame({"q1": [5, 0, 9]}, index=["X", "Y", "Z"])
    sub, _ = tp.pilih_unit(grid, None, "q1", 2, "terendah")
    assert sub.index.tolist() == ["Y", "X"]


def test_bad_arguments():
    df = _units([1.0, 2.0])
    with pytest.raises(ValueError):
        tp.pilih_unit(df, "unit_kerja", "ikm", 0)
    with pytest.raises(ValueError):
        tp.pilih_unit(df, "unit_kerja", "ikm", 1, "tengah")
    with pytest.raises(ValueError):
        tp.pilih_unit(df, "unit_kerja", [], 1)


def test_sentence_in_both_languages():
    vals = list(range(8000))
    _, info = tp.pilih_unit(_units(vals, [f"Unit {i}" for i in vals]), "unit_kerja", "ikm", 30)
    assert tp.kalimat_pilihan(info, "IKM", "id") == (
        "8.000 unit seluruhnya; ditampilkan 15 terendah dan 15 tertinggi menurut IKM. "
        "Semua unit ada di results.json.")
    assert tp.kalimat_pilihan(info, "IKM", "en", results_json=False) == (
        "8,000 units in all; shown are the 15 lowest and 15 highest by IKM.")
    _, info = tp.pilih_unit(_units(vals, [f"Unit {i}" for i in vals]), "unit_kerja", "ikm", 30,
                            "tertinggi")
    assert tp.kalimat_pilihan(info, "<b>", "en", results_json=False) == (
        "8,000 units in all; shown are the 30 units with the highest &lt;b&gt;.")


def test_large_input():
    """80,000 units (the time is measured in benchmarks/micro.py, not asserted here)."""
    rng = np.random.default_rng(1)
    df = pd.DataFrame({"unit_kerja": [f"Unit {i:05d}" for i in range(80_000)],
                       "ikm": rng.normal(80, 5, 80_000)})
    sub, info = tp.pilih_unit(df, "unit_kerja", "ikm", 30)
    assert len(sub) == 30 and info["n_unit"] == 80_000
    assert sub["ikm"].iloc[0] == df["ikm"].min() and sub["ikm"].iloc[-1] == df["ikm"].max()


@settings(max_examples=150, deadline=None)
@given(vals=st.lists(st.one_of(st.none(), st.integers(0, 5)), min_size=1, max_size=25),
       n=st.integers(1, 30), cara=st.sampled_from(tp.CARA_PILIH))
def test_property_subset_size_and_ends(vals, n, cara):
    df = _units([np.nan if v is None else float(v) for v in vals])
    sub, info = tp.pilih_unit(df, "unit_kerja", "ikm", n, cara)
    k = len(df)
    assert len(sub) == min(n, k) == info["n_tampil"]
    assert sub["unit_kerja"].is_unique and set(sub["unit_kerja"]) <= set(df["unit_kerja"])
    if k <= n:
        return
    shown = sub["ikm"].dropna()
    rest = df.loc[~df["unit_kerja"].isin(sub["unit_kerja"]), "ikm"].dropna()
    if len(rest):
        # nothing left out is more extreme than what is shown at the chosen end(s)
        if cara == "terendah":
            assert rest.min() >= shown.max()
        elif cara == "tertinggi":
            assert rest.max() <= shown.min()
        else:
            lo = shown.iloc[:info["n_terendah"]]
            hi = shown.iloc[info["n_terendah"]:]
            assert not len(lo) or rest.min() >= lo.max()
            assert rest.max() <= hi.min()
    assert info["n_tanpa_nilai"] == sub["ikm"].isna().sum()


def test_ujung_ties_never_show_a_unit_twice():
    # the lowest value is unique, the rest tie: the two ends must still be distinct units
    sub, info = tp.pilih_unit(_units([0.0, 1.0, 1.0, 1.0, 1.0]), "unit_kerja", "ikm", 4)
    assert sub["unit_kerja"].tolist() == ["U00", "U01", "U02", "U03"]
    assert (info["n_terendah"], info["n_tertinggi"]) == (2, 2)


def test_large_scatter_is_rasterized_inside_the_svg():
    import base64

    import matplotlib

    matplotlib.use("agg")
    import matplotlib.pyplot as plt
    import numpy as np

    rng = np.random.default_rng(0)
    sizes = {}
    for n in (500, 80_000):
        fig, ax = plt.subplots()
        ax.scatter(rng.normal(size=n), rng.normal(size=n), s=4)
        ax.set_title("Unit")
        html_ = tp.gambar_html(fig, "alt")
        svg = base64.b64decode(html_.split("base64,", 1)[1].split('"', 1)[0]).decode()
        sizes[n] = len(svg)
        assert ("<image" in svg) is (n > tp.MAKS_TANDA_VEKTOR)
        assert "Unit" in svg  # text stays text
    assert sizes[80_000] < 400_000  # as vector marks: many MB
