"""Tests of kinerja_analysis.rd: published rdrobust example, sign convention, demo truth.

Published value: rdrobust on the U.S. Senate data shipped with the ``rdrobust`` package
(Cattaneo, Frandsen & Titiunik 2015; Calonico, Cattaneo, Farrell & Titiunik 2017, Stata
Journal 17(2), "rdrobust: Software for regression-discontinuity designs", default call
``rdrobust(vote, margin)``): conventional estimate 7.414, robust 95 % CI [4.094, 10.919],
MSE-optimal bandwidth h = 17.754, effective n 360 (left) + 323 (right).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from kinerja_analysis import dampak, rd


def _sim(n=6000, effect=4.0, p_below=1.0, p_above=0.0, seed=0, cutoff=70.0):
    rng = np.random.default_rng(seed)
    x = np.round(rng.normal(73, 8, n), 1)
    below = x < cutoff
    u = rng.random(n)
    d = np.where(below, u < p_below, u < p_above)
    y = 15 + 0.8 * x + effect * d + rng.normal(0, 4, n)
    return pd.DataFrame({"id_pegawai": (np.arange(n) // 3).astype(str), "skor": x,
                         "skor_berikut": y, "di_bawah": below, "pembinaan": d,
                         "pembinaan_diamati": True})


def test_rdrobust_senate_published():
    import rdrobust

    path = Path(rdrobust.__file__).parent / "data" / "rdrobust_RDsenate.csv"
    df = pd.read_csv(path)
    r = rdrobust.rdrobust(df["vote"], df["margin"])
    assert round(float(r.coef.iloc[0, 0]), 3) == 7.414
    assert round(float(r.ci.iloc[2, 0]), 3) == 4.094
    assert round(float(r.ci.iloc[2, 1]), 3) == 10.919
    assert round(float(r.bws.iloc[0, 0]), 3) == 17.754
    assert [int(v) for v in r.N_h] == [360, 323]


@pytest.mark.parametrize("effect", [4.0, -3.0])
def test_sign_sharp(effect):
    """Treated side is *below* the cut-off: positive estimate = coaching raises scores."""
    df = _sim(effect=effect)
    r = rd.estimasi_rd(df, density=False)
    assert r["jenis"] == "sharp"
    assert np.sign(r["estimate"]) == np.sign(effect)
    assert r["ci_low"] < effect < r["ci_high"]
    assert r["ci_low"] < r["estimate"] < r["ci_high"]


@pytest.mark.parametrize("effect", [4.0, -3.0])
def test_sign_fuzzy(effect):
    df = _sim(effect=effect, p_below=0.85, p_above=0.05, n=12000, seed=1)
    r = rd.estimasi_rd(df, density=False)
    assert r["jenis"] == "fuzzy"
    assert np.sign(r["estimate"]) == np.sign(effect)
    assert r["ci_low"] < effect < r["ci_high"]
    assert r["lompatan_pembinaan"] == pytest.approx(0.8, abs=0.08)


def test_no_tindak_lanjut_means_sharp_assumed():
    pk = pd.DataFrame({"id_pegawai": ["a", "a", "b", "b"], "unit_kerja": ["U"] * 4,
                       "triwulan": ["2022-Q4", "2023-Q1"] * 2,
                       "skor_kinerja": [69.9, 75.0, 70.0, 71.0]})
    df = rd.panel_rd(pk, None)
    assert df["pembinaan"].tolist() == [True, False]  # 70.0 is not below 70
    assert not df["pembinaan_diamati"].any()
    assert df["skor_berikut"].tolist() == [75.0, 71.0]  # 2022-Q4 -> 2023-Q1 is t+1


def test_density_detects_manipulation():
    rng = np.random.default_rng(4)
    x = np.round(rng.normal(72, 8, 6000), 1)
    # push a third of the scores just below the cut-off over it
    move = (x >= 67) & (x < 70) & (rng.random(6000) < 0.6)
    x[move] = np.round(70 + rng.random(move.sum()) * 2.5, 1)
    assert rd.uji_densitas(x, 70.0) < 0.01


def test_kepatuhan_bands_sum():
    df = _sim(n=3000, p_below=0.85, p_above=0.05)
    pk = pd.DataFrame({"id_pegawai": df["id_pegawai"] + "_" + df.index.astype(str),
                       "triwulan": "2023-Q1", "skor_kinerja": df["skor"]})
    tl = pk.loc[df["pembinaan"].to_numpy(), ["id_pegawai", "triwulan"]].assign(jenis="pembinaan")
    k = rd.kepatuhan(pk, tl)
    assert k["n"].sum() == len(pk)
    below = k[k["di_bawah_batas"] & (k["n"] > 0)]
    above = k[~k["di_bawah_batas"] & (k["n"] > 0)]
    assert (below["pembinaan"] > 0.7).all() and (above["pembinaan"] < 0.15).all()


SEEDS = (21, 22, 23)


@pytest.fixture(scope="module")
def demo_rd(tmp_path_factory):
    from kinerja_analysis import synth
    from kinerja_analysis.muat import muat
    from kinerja_analysis.prepare import prepare

    out = []
    for s in SEEDS:
        base = tmp_path_factory.mktemp(f"rd{s}")
        truth = synth.generate(base / "raw", "banyumanik", s)
        prepare(base / "raw", base / "proc", key=b"k" * 32)
        data = muat(base / "proc")
        df = rd.panel_rd(data.penilaian_kinerja, data.tindak_lanjut,
                         truth["pembinaan_rd"]["cutoff"])
        out.append((data, df, rd.estimasi_rd(df, truth["pembinaan_rd"]["cutoff"]), truth))
    return out


def test_demo_rd_covers_planted_effect(demo_rd):
    for _, _, r, truth in demo_rd:
        eff = truth["pembinaan_rd"]["effect"]
        assert r["jenis"] == "fuzzy"
        assert r["ci_low"] <= eff <= r["ci_high"], r
        assert r["estimate"] > 0 and r["n_effective"] > 100
        assert r["density_test_p_value"] is not None and r["density_test_p_value"] > 0.001
        # planted compliance 0.85 below vs 0.05 above
        assert r["lompatan_pembinaan"] == pytest.approx(0.80, abs=0.1)


def test_demo_followups(demo_rd):
    data, _, _, _ = demo_rd[0]
    k = rd.kepatuhan(data.penilaian_kinerja, data.tindak_lanjut)
    top = k[k["batas_bawah"] >= 90]["penghargaan"].iloc[0]
    low = k[(k["batas_bawah"] < 70) & (k["n"] > 0)]["penghargaan"].max()
    assert top > low
    c = rd.konsentrasi_penghargaan(data.penilaian_kinerja, data.tindak_lanjut)
    assert 0 < c["porsi_3_unit_teratas"] <= 1
    assert c["per_unit"]["porsi_penghargaan"].sum() == pytest.approx(1.0)


def _panel_rd_merge(pk, tl, batas=70.0):
    """The straightforward string-merge version panel_rd replaced (integer keys): the
    reference its output must equal."""
    pk = pk.loc[pk["skor_kinerja"].notna(),
                ["id_pegawai", "unit_kerja", "triwulan", "skor_kinerja"]].copy()
    pk["t"] = dampak.triwulan_ke_int(pk["triwulan"])
    pk = pk[pk["t"].notna() & pk["id_pegawai"].notna()].drop_duplicates(["id_pegawai", "t"])
    nxt = pk[["id_pegawai", "t", "skor_kinerja"]].rename(columns={"skor_kinerja": "skor_berikut"})
    nxt["t"] = nxt["t"] - 1
    df = pk.merge(nxt, on=["id_pegawai", "t"]).rename(columns={"skor_kinerja": "skor"})
    df["di_bawah"] = (df["skor"] < batas).astype(bool)
    sel = tl.loc[tl["jenis"].str.lower() == "pembinaan", ["id_pegawai", "triwulan"]]
    df = df.merge(sel.drop_duplicates().assign(pembinaan=True), how="left",
                  on=["id_pegawai", "triwulan"])
    df["pembinaan"] = df["pembinaan"].fillna(False).astype(bool)
    df["pembinaan_diamati"] = True
    cols = ["id_pegawai", "unit_kerja", "triwulan", "skor", "skor_berikut", "di_bawah",
            "pembinaan", "pembinaan_diamati"]
    return df[cols].sort_values(["triwulan", "id_pegawai"]).reset_index(drop=True)


@pytest.mark.parametrize("seed", range(5))
def test_panel_rd_equals_merge_reference_on_messy_rows(seed):
    """Repeated (id, quarter) rows, gaps, unparseable quarters, missing ids and scores,
    follow-ups for unknown staff or quarters outside the data: same rows as the merges."""
    rng = np.random.default_rng(seed)
    n = 3000
    ids = rng.choice([f"p{i:03d}" for i in range(300)] + [None], n)
    tw = rng.choice(["2022-Q3", "2022-Q4", "2023-Q1", "2023-Q2", "2024-Q1", "bad", None], n)
    skor = np.where(rng.random(n) < 0.05, np.nan, rng.uniform(50, 95, n).round(1))
    pk = pd.DataFrame({"id_pegawai": pd.Series(ids, dtype="str"),
                       "unit_kerja": rng.choice(["U1", "U2"], n),
                       "triwulan": pd.Series(tw, dtype="str"), "skor_kinerja": skor})
    m = 800
    tl = pd.DataFrame({
        "id_pegawai": rng.choice([f"p{i:03d}" for i in range(320)], m),
        "triwulan": rng.choice(["2022-Q3", "2022-Q4", "2023-Q1", "2023-Q2", "2021-Q1",
                                "2030-Q4", "bad"], m),
        "jenis": rng.choice(["pembinaan", "Pembinaan", "penghargaan", "promosi"], m)})
    got = rd.panel_rd(pk, tl)
    want = _panel_rd_merge(pk, tl)
    assert len(got) > 100
    pd.testing.assert_frame_equal(got.astype(object), want.astype(object))
    k = rd.kepatuhan(pk, tl)
    assert k["n"].sum() == pk["skor_kinerja"].notna().sum()
    # each band's coaching share = the share of its rows with a matching follow-up
    pairs = set(map(tuple, tl.loc[tl["jenis"].str.lower() == "pembinaan",
                                  ["id_pegawai", "triwulan"]].values))
    rows = pk[pk["skor_kinerja"].notna()]
    hit = np.array([(i, t) in pairs and dampak.triwulan_ke_int(pd.Series([t])).notna()[0]
                    for i, t in zip(rows["id_pegawai"], rows["triwulan"], strict=True)])
    band = np.clip(np.searchsorted([0, 60, 65, 70, 75, 80, 85, 90, 101],
                                   rows["skor_kinerja"], side="right") - 1, 0, 7)
    for b, share in enumerate(k["pembinaan"]):
        if (band == b).any():
            assert share == pytest.approx(hit[band == b].mean())
