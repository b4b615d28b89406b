"""Tests of kinerja_analysis.korelasi (issue 5: survey-to-score correlations).

Independent checks: scipy / pingouin (to 1e-6), the published rmcorr worked example
(Bakdash & Marusich 2017, data shipped with pingouin), statsmodels OLS with unit dummies,
hand-computed formulas, and the planted ground truth of the banyumanik demo data.
The IKM formula (FACTS.md §1.4) is [P] (secondary sources); this file does not re-test it.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pingouin as pg
import pytest
import statsmodels.formula.api as smf
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from kinerja_analysis import korelasi as K
from kinerja_analysis.laporan.bagian import arah
from kinerja_analysis.laporan.naskah import Naskah
from kinerja_analysis.laporan.naskah_korelasi import KORELASI

TOL = 1e-6


def _panel(seed: int = 0, units: int = 8, T: int = 6) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    u = np.repeat([f"U{i:02d}" for i in range(units)], T)
    q = np.tile([f"2024-Q{t % 4 + 1}" if t < 4 else f"2025-Q{t - 3}" for t in range(T)], units)
    base = np.repeat(rng.normal(0, 1, units), T)
    x = 80 + 5 * base + rng.normal(0, 2, units * T)
    y = 70 + 2 * base - 0.3 * (x - 80 - 5 * base) + rng.normal(0, 1, units * T)
    return pd.DataFrame({"unit_kerja": u, "triwulan": q, "ikm": x, "skor_kinerja": y,
                         "ikm_se": 0.8})


# --------------------------------------------------------------------------- korelasi()


@pytest.mark.parametrize("method", ["pearson", "spearman"])
def test_korelasi_r_p_equal_scipy_and_pingouin(method):
    rng = np.random.default_rng(3)
    x = rng.normal(size=25)
    y = 0.5 * x + rng.normal(size=25)
    out = K.korelasi(x, y, method)
    ref = stats.pearsonr(x, y) if method == "pearson" else stats.spearmanr(x, y)
    assert out["r"] == pytest.approx(ref[0], abs=TOL)
    assert out["p_value"] == pytest.approx(ref[1], abs=TOL)
    pgo = pg.corr(x, y, method=method)
    assert out["r"] == pytest.approx(float(pgo["r"].iloc[0]), abs=TOL)
    assert out["n"] == 25
    if method == "pearson":  # pingouin's formula without its display rounding
        lo, hi = pg.compute_esci(out["r"], nx=25, ny=25, eftype="r", decimals=12)
        assert out["ci_low"] == pytest.approx(lo, abs=TOL)
        assert out["ci_high"] == pytest.approx(hi, abs=TOL)
    else:  # Bonett-Wright SE, by hand; wider than pingouin's 1/sqrt(n-3)
        r = out["r"]
        se = np.sqrt((1 + r * r / 2) / 22)
        z = stats.norm.ppf(0.975)
        assert out["ci_low"] == pytest.approx(np.tanh(np.arctanh(r) - z * se), abs=1e-12)
        assert out["ci_high"] == pytest.approx(np.tanh(np.arctanh(r) + z * se), abs=1e-12)
        lo, hi = pg.compute_esci(out["r"], nx=25, ny=25, eftype="r", decimals=12)
        assert out["ci_low"] < lo and out["ci_high"] > hi


def test_korelasi_hand_example_and_edges():
    # r = 0.8 for these ranks; Fisher CI: tanh(atanh(.8) -+ 1.959964/sqrt(2))
    out = K.korelasi([1, 2, 3, 4, 5], [2, 1, 4, 3, 5])
    assert out["r"] == pytest.approx(0.8, abs=1e-12)
    assert out["ci_low"] == pytest.approx(np.tanh(np.arctanh(0.8) - 1.959964 / np.sqrt(2)),
                                          abs=1e-6)
    # missing pairs dropped; too few pairs -> NaN interval
    out = K.korelasi([1, 2, np.nan, 4], [1, 3, 2, np.nan])
    assert out["n"] == 2 and np.isnan(out["ci_low"])
    perfect = K.korelasi([1, 2, 3, 4, 5], [2, 4, 6, 8, 10])
    assert perfect["r"] == pytest.approx(1) and perfect["ci_low"] == 1.0
    with pytest.raises(ValueError):
        K.korelasi([1, 2], [1, 2], "kendall")  # type: ignore[arg-type]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.floats(-100, 100), st.floats(-100, 100)), min_size=4,
                max_size=40), st.sampled_from(["pearson", "spearman"]))
def test_korelasi_interval_contains_r(pairs, method):
    x, y = np.array(pairs).T
    out = K.korelasi(x, y, method)
    if np.isnan(out["r"]):
        return
    assert -1 - 1e-12 <= out["r"] <= 1 + 1e-12
    assert out["ci_low"] <= out["r"] + 1e-9 <= out["ci_high"] + 2e-9
    assert 0 <= out["p_value"] <= 1


# --------------------------------------------------------------------------- rmcorr


def test_rmcorr_published_example_bakdash_marusich():
    """Bakdash & Marusich (2017) pH vs PaCO2 example: r = -0.507, df = 38, CI [-0.71, -0.23]."""
    df = pg.read_dataset("rm_corr")
    out = K.rm_korelasi(df, "pH", "PacO2", "Subject")
    assert round(out["r"], 3) == -0.507
    assert out["df"] == 38
    assert round(out["ci_low"], 2) == -0.71 and round(out["ci_high"], 2) == -0.23
    ref = pg.rm_corr(data=df, x="pH", y="PacO2", subject="Subject")
    assert out["r"] == pytest.approx(float(ref["r"].iloc[0]), abs=TOL)
    assert out["p_value"] == pytest.approx(float(ref["pval"].iloc[0]), abs=TOL)
    lo, hi = pg.compute_esci(out["r"], nx=out["df"] + 2, eftype="pearson", decimals=12)
    assert (out["ci_low"], out["ci_high"]) == pytest.approx((lo, hi), abs=TOL)


def test_rmcorr_spearman_equals_pingouin_on_within_ranks():
    p = _panel(5)
    p["rx"] = p.groupby("unit_kerja")["ikm"].rank()
    p["ry"] = p.groupby("unit_kerja")["skor_kinerja"].rank()
    out = K.rm_korelasi(p, "ikm", "skor_kinerja", "unit_kerja", "spearman")
    ref = pg.rm_corr(data=p, x="rx", y="ry", subject="unit_kerja")
    assert out["r"] == pytest.approx(float(ref["r"].iloc[0]), abs=TOL)
    assert out["p_value"] == pytest.approx(float(ref["pval"].iloc[0]), abs=TOL)


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000), st.lists(st.floats(-50, 50), min_size=8, max_size=8))
def test_rmcorr_equals_pingouin_and_ignores_unit_shifts(seed, shifts):
    p = _panel(seed)
    out = K.rm_korelasi(p, "ikm", "skor_kinerja", "unit_kerja")
    ref = pg.rm_corr(data=p, x="ikm", y="skor_kinerja", subject="unit_kerja")
    assert out["r"] == pytest.approx(float(ref["r"].iloc[0]), abs=TOL)
    assert out["p_value"] == pytest.approx(float(ref["pval"].iloc[0]), abs=TOL)
    # adding any constant per unit (a between-unit difference) leaves rmcorr unchanged
    add = dict(zip(sorted(p["unit_kerja"].unique()), shifts, strict=True))
    q = p.assign(ikm=p["ikm"] + p["unit_kerja"].map(add))
    assert K.rm_korelasi(q, "ikm", "skor_kinerja", "unit_kerja")["r"] == pytest.approx(
        out["r"], abs=1e-9)


def test_between_and_within_of_opposite_sign_and_pooled_misleads():
    p = _panel(1, units=30, T=8)
    au = K.korelasi_antar_unit(p, n_perm=999).set_index("metode")
    du = K.korelasi_dalam_unit(p).set_index("metode")
    assert au.loc["pearson", "ci_low"] > 0
    assert du.loc["pearson", "ci_high"] < 0
    assert au.loc["pearson", "n"] == 30 and du.loc["pearson", "df"] == 240 - 30 - 1
    means = p.groupby("unit_kerja")[["ikm", "skor_kinerja"]].mean()
    assert au.loc["spearman", "r"] == pytest.approx(
        stats.spearmanr(means["ikm"], means["skor_kinerja"])[0], abs=TOL)
    assert 0 < au.loc["pearson", "p_value_permutasi"] < 0.01
    g = K.korelasi_gabungan(p)
    assert g["n"] == 240 and g["r"] == pytest.approx(
        stats.pearsonr(p["ikm"], p["skor_kinerja"])[0], abs=TOL)


def test_korelasi_unsur_holm():
    rng = np.random.default_rng(2)
    p = pd.DataFrame({"unit_kerja": np.repeat(list("ABCDEFGH"), 5),
                      "skor_kinerja": rng.normal(70, 3, 40),
                      **{f"nrr_{u}": rng.uniform(2, 4, 40) for u in K.UNSUR}})
    p["nrr_u3"] = 2 + (p["skor_kinerja"] - 60) / 10 + rng.normal(0, 0.05, 40)
    out = K.korelasi_unsur(p)
    assert len(out) == 36
    fam = out[(out["tingkat"] == "dalam_unit") & (out["metode"] == "pearson")]
    # Holm by hand: sorted p times (m - i), running max, capped at 1
    pv = fam["p_value"].to_numpy()
    order = np.argsort(pv)
    adj = np.minimum(1, np.maximum.accumulate(pv[order] * (9 - np.arange(9))))
    expect = np.empty(9)
    expect[order] = adj
    np.testing.assert_allclose(fam["p_value_adjusted"], expect, atol=1e-12)
    assert fam.set_index("unsur").loc["u3", "r"] > 0.9


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.floats(0, 1), st.just(float("nan"))), min_size=1, max_size=30),
       st.sampled_from(["holm", "fdr_bh"]))
def test_sesuaikan_p_matches_statsmodels(pv, method):
    from statsmodels.stats.multitest import multipletests

    p = np.array(pv, dtype=float)
    got = K.sesuaikan_p(p, method)
    ok = ~np.isnan(p)
    assert np.isnan(got[~ok]).all()
    if ok.any():
        want = multipletests(p[ok], method=method)[1]
        np.testing.assert_allclose(got[ok], want, rtol=1e-12, atol=1e-15)


# --------------------------------------------------------------------------- panel etc.


def _survey(rng, unit, q, n, mean):
    ans = np.clip(np.round(rng.normal(mean, 0.7, (n, 9))), 1, 4)
    return pd.DataFrame({"unit_kerja": unit, "triwulan": q, "id_petugas": None,
                         **{u: ans[:, j] for j, u in enumerate(K.UNSUR)}})


def test_panel_drops_and_counts_small_cells():
    rng = np.random.default_rng(0)
    s = pd.concat([_survey(rng, "A", "2024-Q1", 20, 3.2), _survey(rng, "A", "2024-Q2", 4, 3),
                   _survey(rng, "B", "2024-Q1", 5, 3), _survey(rng, "C", "2024-Q1", 9, 3)])
    pk = pd.DataFrame({"unit_kerja": ["A", "A", "B", "B"], "triwulan": ["2024-Q1"] * 4,
                       "skor_kinerja": [80.0, np.nan, 70.0, 60.0],
                       "kualitas_pelayanan": [75.0, 70.0, 60.0, 60.0],
                       "predikat": ["Sangat Baik", "Kurang/Misconduct", "Baik", None]})
    out = K.panel_unit_triwulan(s, pk, k_min_responden=5)
    assert out.attrs["n_sel"] == 4
    assert out.attrs["n_sel_dibuang"] == 1  # A 2024-Q2 (4 < 5); B with exactly 5 is kept
    assert out.attrs["n_sel_tanpa_skor"] == 1  # C has no staff scores
    a = out.set_index("unit_kerja").loc["A"]
    assert a["skor_kinerja"] == 80.0 and a["n_pegawai"] == 1
    assert a["n_predikat"] == 2 and a["n_baik"] == 1
    ref = K.ikm.hitung_ikm(s[(s["unit_kerja"] == "A") & (s["triwulan"] == "2024-Q1")])
    assert a["ikm"] == pytest.approx(float(ref["ikm"].iloc[0]), abs=1e-12)


def test_panel_without_predikat_and_units_or_quarters_without_survey():
    rng = np.random.default_rng(1)
    s = pd.concat([_survey(rng, "A", "2024-Q1", 8, 3), _survey(rng, "B", "2024-Q1", 8, 3)])
    pk = pd.DataFrame({"unit_kerja": ["A", "B", "C", "A"],
                       "triwulan": ["2024-Q1", "2024-Q1", "2024-Q1", "2024-Q2"],
                       "skor_kinerja": [80.0, 70.0, 60.0, 75.0], "kualitas_pelayanan": 70.0})
    out = K.panel_unit_triwulan(s, pk)  # no predikat column (optional in the contract)
    assert out["n_predikat"].tolist() == [0, 0] and out["n_baik"].tolist() == [0, 0]
    assert out.attrs["n_unit_tanpa_survei"] == 1  # C: scores, never surveyed
    assert out.attrs["triwulan_tanpa_survei"] == ["2024-Q2"]
    assert len(K.inflasi_predikat(out)) == 0
    full = K.panel_unit_triwulan(s, pk.assign(predikat="Baik"))
    assert full["n_baik"].tolist() == [1, 1]
    assert full.drop(columns=["n_predikat", "n_baik"]).equals(
        out.drop(columns=["n_predikat", "n_baik"]))


def test_tabel_petugas_with_some_staff_attributes_and_unfittable_mixedlm():
    rng = np.random.default_rng(2)
    s = pd.concat([_survey(rng, u, "2024-Q1", 12, 3) for u in "AB"])
    s["id_petugas"] = [f"{u}{i % 3}" for u, i in zip(s["unit_kerja"], range(len(s)),
                                                      strict=True)]
    s[K.UNSUR] = 3.0  # every citizen equally satisfied: the MixedLM design is singular
    pk = pd.DataFrame({"id_pegawai": [f"{u}{i}" for u in "AB" for i in range(3)],
                       "triwulan": "2024-Q1", "skor_kinerja": [70.0, 72, 75, 60, 66, 61],
                       "kualitas_pelayanan": 70.0})
    peg = pd.DataFrame({"id_pegawai": pk["id_pegawai"], "jenis_kelamin": list("LPLPLP")})
    tp = K.tabel_petugas(s, pk, peg, k_min_responden=2)
    assert "jenis_kelamin" in tp.columns and "golongan_ruang" not in tp.columns
    assert len(tp) == 6
    out = K.korelasi_petugas(tp)  # no correlation and no coefficient, but no crash
    assert np.isnan(out["r"]) and np.isnan(out["koefisien"])


def test_selisih_peringkat_ranks_and_flags():
    p = pd.DataFrame({"unit_kerja": list("ABCD"), "triwulan": "q",
                      "ikm": [90.0, 85.0, 80.0, 70.0], "ikm_se": [0.5, 4.0, 0.5, 0.5],
                      "skor_kinerja": [70.0, 80.0, 75.0, 60.0]})
    out = K.selisih_peringkat(p).set_index("unit_kerja")
    assert out.loc["A", "rank_ikm"] == 1 and out.loc["A", "rank_skor"] == 3
    assert out.loc["A", "gap"] == -2 and out.loc["A", "flagged"]
    # B: CI 85 +- 7.84 covers 90 and 80 -> plausible ranks 1..3, rank_skor 1 -> not flagged
    assert (out.loc["B", "rank_ikm_min"], out.loc["B", "rank_ikm_max"]) == (1, 3)
    assert out.loc["B", "gap"] == 1 and not out.loc["B", "flagged"]
    assert out.loc["D", "gap"] == 0 and not out.loc["D", "flagged"]


def test_inflasi_predikat_cluster_ci_by_hand():
    p = pd.DataFrame({"mutu": ["A", "A", "A", "C", "C"], "n_predikat": [10, 20, 10, 10, 5],
                      "n_baik": [6, 16, 9, 9, 5]})
    out = K.inflasi_predikat(p).set_index("mutu")
    share = 31 / 40
    e = np.array([6, 16, 9]) - share * np.array([10, 20, 10])
    se = np.sqrt((e**2).sum() / 6) / (40 / 3)
    q = stats.t.ppf(0.975, 2)
    assert out.loc["A", "porsi_baik"] == pytest.approx(share)
    assert out.loc["A", "ci_low"] == pytest.approx(share - q * se)
    assert out.loc["A", "n_penilaian"] == 40 and out.loc["C", "n_sel"] == 2


def test_ols_fe_equals_statsmodels_dummies_hc1():
    rng = np.random.default_rng(4)
    d = pd.DataFrame({"unit_kerja": rng.choice(list("ABCDE"), 80),
                      "kepuasan": rng.normal(80, 5, 80), "g": rng.choice(list("xyz"), 80)})
    d["skor"] = 70 + 0.2 * d["kepuasan"] + (d["g"] == "y") * 1.5 + rng.normal(0, 2, 80)
    X = np.column_stack([d["kepuasan"], d["g"] == "x", d["g"] == "y"]).astype(float)
    beta, se, dof = K._ols_fe(d["skor"].to_numpy(), X, d["unit_kerja"].to_numpy())
    fit = smf.ols("skor ~ kepuasan + C(g, Treatment('z')) + C(unit_kerja)", d).fit(
        cov_type="HC1")
    names = ["kepuasan", "C(g, Treatment('z'))[T.x]", "C(g, Treatment('z'))[T.y]"]
    np.testing.assert_allclose(beta, fit.params[names], atol=1e-8)
    np.testing.assert_allclose(se, fit.bse[names], atol=1e-8)
    assert dof == int(fit.df_resid)


def test_keadilan_penilai_recovers_planted_gap_and_hides_small_groups():
    rng = np.random.default_rng(7)
    n = 300
    d = pd.DataFrame({"unit_kerja": rng.choice([f"U{i}" for i in range(10)], n),
                      "kepuasan": rng.normal(80, 5, n),
                      "status_kepegawaian": np.where(rng.random(n) < 0.3, "PPPK", "PNS"),
                      "kelompok_usia": rng.choice(["<30", "30-39", "40-49"], n,
                                                  p=[0.02, 0.49, 0.49])})
    d["skor_kinerja"] = (60 + 0.1 * d["kepuasan"] - 3.0 * (d["status_kepegawaian"] == "PPPK")
                         + rng.normal(0, 2, n))
    out = K.keadilan_penilai(d, 10, karakteristik=["status_kepegawaian", "kelompok_usia"])
    pppk = out[(out["karakteristik"] == "status_kepegawaian") & (out["kelompok"] == "PPPK")]
    assert pppk["ci_low"].iloc[0] < -3.0 < pppk["ci_high"].iloc[0]
    usia = out[out["karakteristik"] == "kelompok_usia"].set_index("kelompok")
    assert usia.loc["<30", "suppressed"] and np.isnan(usia.loc["<30", "selisih"])
    # complementary suppression: one hidden group + published total -> a second one hidden
    assert int(usia["suppressed"].sum()) == 2


# --------------------------------------------------------------------------- text catalog


def test_catalog_complete_and_arah():
    for key, entry in KORELASI.items():
        assert set(entry) == {"id", "en"}, key
        assert entry["id"].count("{") == entry["en"].count("{"), key
    assert Naskah(KORELASI, "en")("col_r") == "r"
    assert arah(0.1, 0.5) == "naik" and arah(-0.2, 0.1) == "tidak_jelas"
    for a in ("naik", "turun", "tidak_jelas"):  # every direction has its words
        assert "arti_antar_" + a in KORELASI and "dalam_judul_" + a in KORELASI


# --------------------------------------------------------------------------- demo data


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from kinerja_analysis import prepare, synth
    from kinerja_analysis.muat import muat

    tmp = tmp_path_factory.mktemp("korelasi")
    truth = synth.generate(tmp / "raw", "banyumanik", 2026)
    prepare.prepare(tmp / "raw", tmp / "proc", key=b"k" * 32)
    d = muat(tmp / "proc")
    a = K.analisis(d.survei_kepuasan, d.penilaian_kinerja, d.pegawai, n_perm=999)
    return truth, a


def test_demo_recovers_planted_between_and_within(demo):
    truth, a = demo
    t = truth["korelasi"]
    assert t["antar_unit"]["pearson"] > 0 > t["dalam_unit"]["pearson"]
    au = a["antar_unit"].set_index("metode")
    du = a["dalam_unit"].set_index("metode")
    for m in ("pearson", "spearman"):
        assert au.loc[m, "ci_low"] <= t["antar_unit"][m] <= au.loc[m, "ci_high"], m
    assert du.loc["pearson", "ci_low"] <= t["dalam_unit"]["pearson"] <= du.loc["pearson",
                                                                               "ci_high"]
    assert au.loc["pearson", "ci_low"] > 0 and du.loc["pearson", "ci_high"] < 0


def test_demo_officer_level_null(demo):
    """In the demo, citizens' answers do not depend on the serving officer: r ~ 0."""
    _, a = demo
    pt = a["petugas"]
    assert pt["ci_low"] < 0 < pt["ci_high"]
    assert pt["koefisien_ci_low"] < 0 < pt["koefisien_ci_high"]
    assert pt["n"] == len(a["tabel_petugas"]) and pt["n_unit"] == 12
    assert pt["koefisien_n"] == pt["n"] and pt["koefisien_n_unit"] == 12  # no sample


def test_officer_mixedlm_on_a_sample_of_whole_units():
    rng = np.random.default_rng(8)
    unit = np.repeat(np.arange(60), 8)
    kep = 80 + rng.normal(0, 5, len(unit)) + np.repeat(rng.normal(0, 3, 60), 8)
    y = 70 + 0.5 * (kep - 80) + np.repeat(rng.normal(0, 2, 60), 8) + rng.normal(0, 1, len(unit))
    pt = pd.DataFrame({"unit_kerja": unit.astype(str), "kepuasan": kep, "skor_kinerja": y,
                       "n_responden": 30, "var_kepuasan": 25.0})
    full = K.korelasi_petugas(pt)
    part = K.korelasi_petugas(pt, maks_unit_mixedlm=20)
    again = K.korelasi_petugas(pt, maks_unit_mixedlm=20)
    assert full["koefisien_n_unit"] == 60 and part["koefisien_n_unit"] == 20
    assert part["koefisien_n"] == 160 and part["n"] == full["n"] == 480  # r uses everyone
    assert part["koefisien"] == again["koefisien"]  # seeded
    assert part["koefisien_ci_low"] < 0.5 < part["koefisien_ci_high"]
    width = lambda r: r["koefisien_ci_high"] - r["koefisien_ci_low"]  # noqa: E731
    assert width(part) > width(full)


def test_demo_results_json_keys(demo):
    _, a = demo
    j = K.hasil_json(a)
    json.dumps(j, allow_nan=False)
    spec = {"r", "ci_low", "ci_high", "p_value", "n", "method"}
    for lvl in ("antar_unit", "dalam_unit"):
        assert set(j[lvl]) == {"pearson", "spearman"}
        for m in ("pearson", "spearman"):
            assert spec <= set(j[lvl][m])
    assert {"unsur", "r", "ci_low", "ci_high", "p_value", "p_value_adjusted"} <= set(
        j["unsur"][0])
    assert {"unit_kerja", "rank_ikm", "rank_skor", "gap", "flagged"} <= set(
        j["selisih_peringkat"][0])
    assert j["unsur_penyesuaian_p"] == "holm" and j["petugas"] is not None
    assert len(j["selisih_peringkat"]) == 12 and j["panel"]["n_sel_dipakai"] == 240


def test_selisih_peringkat_quarterly_noise_is_not_a_disagreement():
    """Two units that swap places from quarter to quarter are not flagged, even when each
    quarter's IKM is measured precisely; a unit far apart on both sources every quarter is."""
    rows = []
    for t, (a, b) in enumerate([(80, 84), (85, 79), (81, 83), (84, 80)]):
        rows += [
            {"unit_kerja": "A", "triwulan": f"q{t}", "ikm": a, "ikm_se": 0.3,
             "skor_kinerja": 75 + (t % 2)},
            {"unit_kerja": "B", "triwulan": f"q{t}", "ikm": b, "ikm_se": 0.3,
             "skor_kinerja": 76 - (t % 2) + 0.1},
            {"unit_kerja": "C", "triwulan": f"q{t}", "ikm": 95 + t % 2, "ikm_se": 0.3,
             "skor_kinerja": 60.0 + t % 2},
        ]
    out = K.selisih_peringkat(pd.DataFrame(rows)).set_index("unit_kerja")
    assert not out.loc["A", "flagged"] and not out.loc["B", "flagged"]
    assert out.loc["C", "flagged"]  # best by citizens, worst by supervisors, every quarter
