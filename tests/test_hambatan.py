"""Adoption barriers (issue 6): reliability, prevalence, support model, training DiD, comments.

Published values used:

* pingouin 0.7.0 documentation (``pingouin.cronbach_alpha`` docstring, checked against R
  ``psych::alpha``): data set ``cronbach_alpha`` -> alpha 0.5917188485995826, Feldt 95 % CI
  [0.195, 0.840]; data set ``cronbach_wide_missing`` with listwise deletion
  (``use="complete.obs"``) -> alpha 0.8016949152542373 (its CI [0.581, 0.933] uses n = 12
  rows before deletion; we use the 9 complete rows), median-imputed -> 0.7380,
  [0.447, 0.911]. The values
  0.7734 / [0.336, 0.939] quoted in the task brief for ``cronbach_alpha`` could not be
  verified offline: the installed pingouin documents 0.5917 / [0.195, 0.840] for that data
  set, which our implementation and pingouin both reproduce.
* Wilson intervals are compared with ``statsmodels.stats.proportion.proportion_confint``.

FACTS.md §5.2 (k >= 10 for staff tables and free-text comments) is a project
recommendation built on [V] sources (ONS 10-threshold rule); no numeric BPS rule exists.
The PPPK golongan scale is [M] in FACTS.md §3.2, so PPPK grades are not split.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats
from statsmodels.stats.proportion import proportion_confint

from kinerja_analysis import hambatan as hb
from kinerja_analysis.laporan import naskah_hambatan
from kinerja_analysis.laporan.tampilan import tabel_html

KEY = b"kunci-uji-hambatan-0123456789abcdef"

# --------------------------------------------------------------------------- reliability


def _pingouin_data(name: str) -> pd.DataFrame:
    pg = pytest.importorskip("pingouin")
    return pg.read_dataset(name)


def test_alpha_published_pingouin_likert_example():
    data = _pingouin_data("cronbach_alpha")
    wide = data.pivot(index="Subj", columns="Items", values="Scores")
    r = hb.cronbach_alpha(wide)
    assert r.alpha == pytest.approx(0.5917188485995826, abs=1e-12)
    assert (round(r.ci_low, 3), round(r.ci_high, 3)) == (0.195, 0.840)
    assert (r.n, r.n_items) == (15, 10)


def test_alpha_published_listwise_example_and_pingouin():
    pg = pytest.importorskip("pingouin")
    wide = _pingouin_data("cronbach_wide_missing")
    r = hb.cronbach_alpha(wide)
    assert r.alpha == pytest.approx(0.8016949152542373, abs=1e-12)  # R psych complete.obs
    a, ci = pg.cronbach_alpha(wide, nan_policy="listwise")
    assert r.alpha == pytest.approx(a, abs=1e-12)
    # pingouin takes the Feldt degrees of freedom from all 12 rows, before the listwise
    # deletion; we use the 9 complete rows the alpha is computed from (wider interval).
    assert r.n == 9
    assert (round(r.ci_low, 3), round(r.ci_high, 3)) == (0.533, 0.947)
    full = hb.cronbach_alpha(wide.fillna(wide.median()))  # no missing values: same n
    a2, ci2 = pg.cronbach_alpha(wide.fillna(wide.median()))
    assert full.alpha == pytest.approx(a2, abs=1e-12) and full.alpha == pytest.approx(0.7380, 1e-4)
    assert np.allclose([full.ci_low, full.ci_high], ci2, atol=5e-4)  # published [0.447, 0.911]
    assert np.allclose(ci2, [0.447, 0.911])


def test_alpha_hand_computed():
    # item variances 2.5, 1.7, 2.2; total variance 17.3 -> 1.5 * (1 - 6.4 / 17.3)
    x = pd.DataFrame({"a": [1, 2, 3, 4, 5], "b": [2, 2, 3, 5, 4], "c": [1, 3, 3, 4, 5]})
    r = hb.cronbach_alpha(x)
    assert r.alpha == pytest.approx(1.5 * (1 - 6.4 / 17.3), abs=1e-12)
    f_hi, f_lo = stats.f.isf(0.025, 4, 8), stats.f.isf(0.975, 4, 8)
    assert r.ci_low == pytest.approx(1 - (1 - r.alpha) * f_hi)
    assert r.ci_high == pytest.approx(1 - (1 - r.alpha) * f_lo)


def test_alpha_degenerate():
    assert np.isnan(hb.cronbach_alpha(pd.DataFrame({"a": [1.0], "b": [2.0]})).alpha)
    assert np.isnan(hb.cronbach_alpha(pd.DataFrame({"a": [3.0] * 4, "b": [3.0] * 4})).alpha)


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 10_000), st.integers(5, 60), st.integers(2, 6))
def test_alpha_equals_covariance_form(seed, n, k):
    rng = np.random.default_rng(seed)
    x = pd.DataFrame(np.round(rng.normal(3, 1, (n, 1)) + rng.normal(0, 1, (n, k))))
    c = np.cov(x.to_numpy(dtype=float), rowvar=False)
    if c.sum() <= 0:
        return
    vbar = np.diag(c).mean()
    cbar = c[~np.eye(k, dtype=bool)].mean()
    r = hb.cronbach_alpha(x)
    assert r.alpha == pytest.approx(k * cbar / (vbar + (k - 1) * cbar), rel=1e-9, abs=1e-9)
    assert r.ci_low <= r.alpha <= r.ci_high


def test_reliabilitas_uses_one_wave_and_reverse_items():
    rng = np.random.default_rng(3)
    n = 200
    lat = rng.normal(0, 1, n)
    items = {f"paham_{i}": np.clip(np.round(3 + lat + rng.normal(0, 0.6, n)), 1, 5)
             for i in (1, 2, 3)}
    items["paham_2"] = 6 - items["paham_2"]  # stored reversed
    df = pd.DataFrame({"gelombang": 2, **items})
    df = pd.concat([df, df.assign(gelombang=1).head(50)], ignore_index=True)
    sk = {"pemahaman": hb.SKALA["pemahaman"]}
    bad = hb.reliabilitas(df, sk).iloc[0]
    good = hb.reliabilitas(df, sk, terbalik=["paham_2"]).iloc[0]
    assert good["n"] == 200 and good["n_items"] == 3
    assert good["alpha"] > 0.8 > bad["alpha"]


# --------------------------------------------------------------------------- prevalence


def _survei(values: dict[str, list[float]], **extra) -> pd.DataFrame:
    n = len(next(iter(values.values())))
    cols = {"id_pegawai": [f"P{i}" for i in range(n)], "gelombang": 1, "unit_kerja": "A"}
    for scale, items in hb.SKALA.items():
        v = values.get(scale, [3.0] * n)
        for c in items:
            cols[c] = v
    return pd.DataFrame({**cols, **extra})


def test_barrier_thresholds_at_the_boundary():
    skor = pd.DataFrame({"kekhawatiran": [4.0, 11 / 3, 5.0, np.nan],
                         "pemahaman": [2.0, 7 / 3, 1.0, 3.0],
                         "dukungan": [2.0, 2.0 + 1e-6, 3.0, 3.0]})
    f = hb.tandai_hambatan(skor)
    assert f["kekhawatiran_karir"].tolist()[:3] == [1.0, 0.0, 1.0]
    assert np.isnan(f["kekhawatiran_karir"].iloc[3])
    assert f["kurang_paham"].tolist() == [1.0, 0.0, 1.0, 0.0]
    assert f["kurang_dukungan"].tolist() == [1.0, 0.0, 0.0, 0.0]


def test_scale_needs_two_answered_items():
    df = pd.DataFrame({"paham_1": [5.0, 5.0], "paham_2": [4.0, np.nan],
                       "paham_3": [np.nan, np.nan]})
    out = hb.skor_skala(df, {"pemahaman": hb.SKALA["pemahaman"]})
    assert out["pemahaman"].iloc[0] == 4.5 and np.isnan(out["pemahaman"].iloc[1])


def test_wilson_known_value_and_statsmodels():
    lo, hi = hb.wilson([3, 0, 10], [10, 10, 10])
    # hand: (p + z^2/2n -+ z sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n), p = 0.3, n = 10
    z = stats.norm.isf(0.025)
    c = (0.3 + z**2 / 20) / (1 + z**2 / 10)
    h = z * np.sqrt(0.3 * 0.7 / 10 + z**2 / 400) / (1 + z**2 / 10)
    assert (lo[0], hi[0]) == pytest.approx((c - h, c + h), abs=1e-12)
    assert lo[1] == 0 and hi[2] == pytest.approx(1.0)
    lo0, hi0 = hb.wilson([0], [0])
    assert np.isnan(lo0[0]) and np.isnan(hi0[0])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 500), st.integers(1, 500)), min_size=1, max_size=8))
def test_wilson_equals_statsmodels(pairs):
    k = np.array([min(a, b) for a, b in pairs])
    n = np.array([b for _, b in pairs])
    lo, hi = hb.wilson(k, n)
    elo, ehi = proportion_confint(k, n, alpha=0.05, method="wilson")
    assert np.allclose(lo, elo, atol=1e-12) and np.allclose(hi, ehi, atol=1e-12)


def test_prevalence_counts_wilson_and_suppression():
    # units: A 30 (12 worried), B 15 (3), C 4 (4): C < k is hidden, and as the only hidden
    # group next to a published total, the next smallest (B) is hidden too
    worry = [5.0] * 12 + [2.0] * 18 + [5.0] * 3 + [2.0] * 12 + [5.0] * 4
    units = ["A"] * 30 + ["B"] * 15 + ["C"] * 4
    s = _survei({"kekhawatiran": worry}, unit_kerja=units)
    p = hb.prevalensi(s, k_min=10, dimensi=("unit_kerja",))
    w = p[p["hambatan"] == "kekhawatiran_karir"].set_index("kelompok")
    assert w.loc["semua", "n"] == 49 and w.loc["semua", "proporsi"] == pytest.approx(19 / 49)
    lo, hi = proportion_confint(19, 49, method="wilson")
    assert (w.loc["semua", "ci_low"], w.loc["semua", "ci_high"]) == pytest.approx((lo, hi))
    assert w.loc["A", "proporsi"] == pytest.approx(0.4) and not w.loc["A", "suppressed"]
    assert w.loc["C", "suppressed"] and pd.isna(w.loc["C", "proporsi"]) and pd.isna(w.loc["C", "n"])
    assert w.loc["B", "suppressed"] and pd.isna(w.loc["B", "ci_low"])
    assert list(p.columns) == ["hambatan", "dimensi", "kelompok", "proporsi", "ci_low",
                               "ci_high", "n", "suppressed"]


def test_prevalence_background_from_pegawai():
    s = _survei({"kekhawatiran": [5.0] * 12 + [1.0] * 12})
    peg = pd.DataFrame({"id_pegawai": [f"P{i}" for i in range(24)],
                        "golongan": ["IX"] * 12 + ["III/b"] * 12,
                        "status_kepegawaian": ["PPPK"] * 12 + ["PNS"] * 12,
                        "kelompok_usia": ["<30"] * 12 + ["50+"] * 12})
    p = hb.prevalensi(s, peg, k_min=10)
    w = p[p["hambatan"] == "kekhawatiran_karir"].set_index(["dimensi", "kelompok"])
    assert w.loc[("golongan", "PPPK"), "proporsi"] == 1.0
    assert w.loc[("golongan", "III"), "proporsi"] == 0.0
    assert w.loc[("status_kepegawaian", "PPPK"), "n"] == 12
    assert list(w.loc["kelompok_usia"].index) == ["<30", "50+"]


def test_golongan_pokok():
    s = pd.Series(["I/a", "II/d", "III/a", "IV/e", "IX", "V", None])
    assert hb.golongan_pokok(s).tolist()[:6] == ["I", "II", "III", "IV", "PPPK", "PPPK"]
    status = pd.Series(["PNS", "PNS", "PPPK", "PNS", "PPPK", "PPPK", "PNS"])
    assert hb.golongan_pokok(s, status).tolist()[2] == "PPPK"


def test_sebaran_likert_sums_to_one():
    s = _survei({"pemahaman": [1.0, 2.0, 2.0, 5.0, np.nan]})
    d = hb.sebaran_likert(s)
    tot = d.groupby("butir")["proporsi"].sum()
    assert np.allclose(tot, 1.0)
    p1 = d[d["butir"] == "paham_1"].set_index("nilai")["n"]
    assert p1.tolist() == [1, 2, 0, 0, 1]


# --------------------------------------------------------------------------- training effect


def _panel(n=600, effect=0.5, seed=0, waves=3, n_units=12):
    rng = np.random.default_rng(seed)
    base = rng.normal(3, 0.7, n)
    unit = rng.integers(0, n_units, n)
    # low understanding -> more likely trained (selection on the level, not the trend)
    p = 1 / (1 + np.exp(2.5 * (base - 3)))
    t_at = np.where(rng.random(n) < p, rng.integers(2, waves + 1, n), 99)
    rows = []
    for w in range(1, waves + 1):
        tr = t_at <= w
        y = np.clip(base + effect * tr + rng.normal(0, 0.3, n), 1, 5)
        rows.append(pd.DataFrame({"id_pegawai": np.arange(n), "unit_kerja": unit,
                                  "gelombang": w, "ikut_pelatihan": tr,
                                  **{c: y for c in hb.SKALA["pemahaman"]}}))
    return pd.concat(rows, ignore_index=True)


def test_did_recovers_effect_and_naive_is_biased():
    e = hb.efek_pelatihan(_panel()).set_index("metode")
    assert e.loc["did", "ci_low"] < 0.5 < e.loc["did", "ci_high"]
    assert e.loc["naif_sesudah", "estimate"] < e.loc["did", "ci_low"]
    assert e.loc["tren_awal", "ci_low"] < 0 < e.loc["tren_awal", "ci_high"]
    # cluster-robust with t(G - 1)
    g = e.loc["did", "n_cluster"]
    half = stats.t.ppf(0.975, g - 1) * e.loc["did", "se"]
    assert e.loc["did", "ci_high"] - e.loc["did", "estimate"] == pytest.approx(half)


def test_did_equals_two_way_fixed_effects():
    df = _panel(n=300, waves=2, seed=5)
    e = hb.efek_pelatihan(df).set_index("metode").loc["did"]
    # independent computation: y_it on person dummies, wave dummy and D_it (2 periods)
    y = df["paham_1"].to_numpy()
    person = pd.get_dummies(df["id_pegawai"]).to_numpy(dtype=float)
    X = np.column_stack([person, (df["gelombang"] == 2).to_numpy(float),
                         df["ikut_pelatihan"].to_numpy(float)])
    beta = np.linalg.lstsq(X, y, rcond=None)[0]
    assert e["estimate"] == pytest.approx(beta[-1], abs=1e-10)
    assert e["n"] == 300


def test_did_excludes_already_trained_and_handles_no_data():
    df = _panel(n=200, waves=2, seed=2)
    df.loc[(df["id_pegawai"] < 10), "ikut_pelatihan"] = True  # trained before wave 1
    e = hb.efek_pelatihan(df).set_index("metode")
    assert e.loc["did", "n"] == 190
    assert hb.efek_pelatihan(df[df["gelombang"] == 1]).empty


# --------------------------------------------------------------------------- support model


def test_data_model_keeps_rows_without_background():
    """An attribute nobody has leaves the model instead of emptying it (complete cases)."""
    rng = np.random.default_rng(0)
    s = pd.DataFrame({"id_pegawai": range(20), "unit_kerja": np.arange(20) % 2, "gelombang": 1,
                      "ikut_pelatihan": np.arange(20) % 3 == 0,
                      **{c: rng.integers(1, 6, 20).astype(float)
                         for items in hb.SKALA.values() for c in items}})
    peg = pd.DataFrame({"id_pegawai": range(20), "status_kepegawaian": ["PNS", "PPPK"] * 10,
                        "kelompok_usia": ["<30", "30-39", "40-49", "50+"] * 5,
                        "golongan": ["III/a"] * 20})
    full = hb.data_model(s, peg)
    bare = hb.data_model(s, peg[["id_pegawai"]])
    assert len(full) == len(bare) == len(hb.data_model(s)) == 20
    assert {"status_pppk", "usia_<30"} <= set(full) and not {"status_pppk", "usia_<30"} & set(
        bare)
    partial = peg.copy()
    partial.loc[:4, "status_kepegawaian"] = None  # missing for some: still complete cases
    assert len(hb.data_model(s, partial)) == 15
    assert hb.dimensi_tersedia(s, partial) == hb.DIMENSI
    assert hb.dimensi_tersedia(s, peg[["id_pegawai", "golongan"]]) == ("unit_kerja", "golongan")
    assert hb.dimensi_tersedia(s, None) == ("unit_kerja",)

def _model_frame(n=400, seed=1):
    rng = np.random.default_rng(seed)
    paham = np.clip(rng.normal(3.3, 0.8, n), 1, 5)
    worry = np.clip(rng.normal(2.8, 0.8, n), 1, 5)
    lat = 0.9 * paham - 0.9 * worry + rng.logistic(size=n)
    duk = np.clip(np.round(lat - lat.mean() + 3.4), 1, 5)
    return pd.DataFrame({
        "id_pegawai": np.arange(n), "unit_kerja": rng.integers(0, 12, n),
        "dukungan": duk, "dukungan_level": duk, "pemahaman": paham, "kekhawatiran": worry,
        "ikut_pelatihan": (rng.random(n) < 0.4).astype(float),
        "status_pppk": (rng.random(n) < 0.2).astype(float),
        "usia_<30": 0.0, "usia_30-39": (rng.random(n) < 0.3).astype(float),
        "usia_50+": 0.0,
    })


def test_support_model_direction_and_probabilities():
    from statsmodels.miscmodels.ordinal_model import OrderedModel

    md = _model_frame()
    res = hb.model_dukungan(md, seed=1, n_draws=300)
    o = res.odds.set_index("variabel")
    assert "usia_<30" not in o.index  # constant columns are dropped
    assert o.loc["pemahaman", "ci_low"] > 1 and o.loc["kekhawatiran", "ci_high"] < 1
    lin = res.linear.set_index("variabel")
    assert lin.loc["pemahaman", "koefisien"] > 0 > lin.loc["kekhawatiran", "koefisien"]
    # point probabilities equal OrderedModel.predict averaged over respondents
    var = list(o.index)
    y = pd.Series(pd.Categorical(md["dukungan_level"].astype(int), ordered=True))
    fit = OrderedModel(y, md[var], distr="logit").fit(method="bfgs", disp=False, maxiter=1000)
    xs = md[var].copy()
    xs["pemahaman"] = 4.0
    probs = fit.model.predict(fit.params, exog=xs.to_numpy())
    levels = sorted(md["dukungan_level"].unique())
    expected = probs[:, [i for i, lv in enumerate(levels) if lv >= 4]].sum(axis=1).mean()
    pl = res.peluang.set_index("skenario")
    assert pl.loc["pemahaman_tinggi", "proporsi"] == pytest.approx(expected, abs=1e-4)
    assert pl.loc["pemahaman_tinggi", "proporsi"] > pl.loc["pemahaman_rendah", "proporsi"]
    assert (pl["ci_low"] <= pl["proporsi"]).all() and (pl["proporsi"] <= pl["ci_high"]).all()
    assert res.n == 400 and res.n_cluster == 12


def test_support_model_samples_whole_units_above_maks_baris():
    """Large data: a seeded sample of whole units, the true direction still found."""
    md = _model_frame(n=3000, seed=4)
    md["unit_kerja"] = np.random.default_rng(5).integers(0, 60, len(md))
    full = hb.model_dukungan(md, seed=1, n_draws=100)
    assert not full.sampel and full.n == full.n_total == 3000
    res = hb.model_dukungan(md, seed=1, n_draws=100, maks_baris=1000)
    again = hb.model_dukungan(md, seed=1, n_draws=100, maks_baris=1000)
    assert res.sampel and res.n_total == 3000
    sizes = md["unit_kerja"].value_counts()
    # whole units: the sample's size is a sum of unit sizes, just past maks_baris
    assert 1000 <= res.n < 1000 + sizes.max() and res.n_cluster < 60
    pd.testing.assert_frame_equal(res.odds, again.odds)  # seeded
    o = res.odds.set_index("variabel")
    assert o.loc["pemahaman", "ci_low"] > 1 and o.loc["kekhawatiran", "ci_high"] < 1
    # the smaller sample gives a wider interval than all respondents
    of = full.odds.set_index("variabel")
    width = lambda t: np.log(t.loc["pemahaman", "ci_high"] / t.loc["pemahaman", "ci_low"])  # noqa: E731
    assert width(o) > width(of)


# --------------------------------------------------------------------------- free text

SYNTH_THEMES = {  # the demo-data comment templates and the theme they were written for
    "karir_promosi": ["Khawatir penilaian ini berpengaruh ke karir dan promosi",
                      "Takut nilai rendah menghambat kenaikan pangkat",
                      "Cemas soal perpanjangan kontrak kalau nilai kurang"],
    "tidak_paham_indikator": ["Belum paham cara mengisi indikator kinerja",
                              "Indikator SKP masih membingungkan",
                              "Tidak paham bedanya hasil kerja dan perilaku kerja"],
    "beban_kerja": ["Beban kerja bertambah karena harus input e-Kinerja setiap hari",
                    "Aplikasi sering error, menambah beban kerja"],
    "pelatihan": ["Pelatihan kemarin sangat bermanfaat",
                  "Setelah bimtek jadi lebih paham cara menyusun SKP"],
    "transparansi_keadilan": ["Penilaian atasan kurang transparan",
                              "Mohon penilaian lebih adil dan terbuka"],
}


def test_lexicon_themes_of_known_comments():
    lex = hb.muat_leksikon()
    for name, entry in lex.items():
        assert entry["id"] and entry["en"] and entry["pola"], name
    for theme, texts in SYNTH_THEMES.items():
        flags = hb.tandai_tema(pd.Series(texts), lex)
        assert flags[theme].all(), theme
    neg = hb.tandai_tema(pd.Series(["Setelah bimtek jadi lebih paham"]), lex)
    assert not neg.loc[0, "tidak_paham_indikator"]  # "lebih paham" is not "tidak paham"
    assert not hb.tandai_tema(pd.Series(["Kantor bersih"]), lex).loc[0].any()


def test_theme_counts_and_other():
    s = pd.Series(["Aplikasi error terus", "bimtek membantu", "oke", "", None, "beban kerja"])
    t = hb.hitung_tema(s).set_index("tema")
    assert t.attrs == {} or True
    assert t.loc["aplikasi_jaringan", "n"] == 1 and t.loc["lainnya", "n"] == 1
    assert t.loc["pelatihan", "proporsi"] == pytest.approx(1 / 4)
    assert hb.hitung_tema(s).attrs["n_komentar"] == 4
    assert hb.hitung_tema(s)["tema"].iloc[-1] == "lainnya"


def test_scrub_on_raw_text_and_quotes_are_safe():
    raw = pd.Series(
        ["Pelatihan bagus, hubungi Budi Santoso di 0812-3456-7890"] * 3
        + ["Pelatihan <script>alert(1)</script> kurang"] * 8
        + ["Email saya budi@contoh.go.id soal pelatihan"] * 2
        + ["NIK 3374011203900001 belum masuk pelatihan"])
    clean = hb.bersihkan_komentar(raw, names=["Budi Santoso"])
    joined = " ".join(clean)
    for secret in ("Budi", "0812", "budi@contoh", "3374011203900001"):
        assert secret not in joined
    q = hb.kutipan_tema(raw, k_min=10, per_tema=3, names=["Budi Santoso"])
    assert set(q["tema"]) <= {"pelatihan", "tanggapan_positif"}
    assert not q["kutipan"].str.contains(r"\[", regex=True).any()  # no scrubbed texts quoted
    html = tabel_html(q, lang="id")
    assert "<script>" not in html and "&lt;script&gt;" in html
    # fewer than k comments in a theme -> no quotes at all
    assert hb.kutipan_tema(raw.head(9), k_min=10).empty


# --------------------------------------------------------------------------- recommendations


def test_recommendations_follow_the_numbers():
    prev = pd.DataFrame({
        "hambatan": ["kurang_paham"] * 4 + ["kekhawatiran_karir"] * 4,
        "dimensi": ["semua", "unit_kerja", "unit_kerja", "unit_kerja",
                    "semua", "golongan", "status_kepegawaian", "kelompok_usia"],
        "kelompok": ["semua", "A", "B", "C", "semua", "PPPK", "PPPK", "<30"],
        "proporsi": [0.2, 0.5, 0.1, np.nan, 0.2, 0.4, 0.4, 0.3],
        "ci_low": 0.0, "ci_high": 1.0, "n": [100, 20, 30, np.nan, 100, 12, 12, 20],
        "suppressed": [False, False, False, True, False, False, False, False]})
    odds = pd.DataFrame({"variabel": ["pemahaman", "kekhawatiran"], "odds_ratio": [2.0, 0.9],
                         "ci_low": [1.5, 0.7], "ci_high": [2.5, 1.1], "p_value": [0.0, 0.3]})
    efek = {"estimate": 0.1, "ci_low": -0.1, "ci_high": 0.3}
    tema = pd.DataFrame({"tema": ["tanggapan_positif", "beban_kerja"], "n": [9, 5],
                         "proporsi": [0.5, 0.3]})
    r = hb.rekomendasi(prev, odds, efek, tema)
    assert r["kode"].tolist() == ["sosialisasi_indikator", "jelaskan_dampak_karir",
                                  "jelaskan_dampak_karir", "evaluasi_pelatihan",
                                  "pemahaman_dukungan", "tindak_lanjut_tema"]
    assert r["sasaran"].tolist()[:3] == ["A", "PPPK", "<30"]
    assert r["dimensi"].tolist()[1] == "status_kepegawaian"  # golongan PPPK not repeated
    assert r["prioritas"].tolist() == list(range(1, 7))


def test_catalog_complete():
    cat = naskah_hambatan.HAMBATAN
    assert all(set(v) == {"id", "en"} for v in cat.values())
    codes = ["sosialisasi_indikator", "jelaskan_dampak_karir", "dialog_dukungan",
             "perluas_pelatihan", "tinjau_pelatihan", "evaluasi_pelatihan",
             "pemahaman_dukungan", "kurangi_kekhawatiran", "tindak_lanjut_tema"]
    keys = ([f"tindakan_{c}" for c in codes] + [f"hambatan_{h}" for h in hb.HAMBATAN]
            + [f"skala_{s}" for s in hb.SKALA] + [f"var_{v}" for v in hb._VARIABEL]
            + [f"dimensi_{d}" for d in ("semua", *hb.DIMENSI)])
    missing = [k for k in keys if k not in cat]
    assert not missing
    for v in cat.values():  # same placeholders in both languages
        assert set(re.findall(r"{(\w+)}", v["id"])) == set(re.findall(r"{(\w+)}", v["en"]))


# --------------------------------------------------------------------------- demo data


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from kinerja_analysis.muat import muat
    from kinerja_analysis.prepare import prepare
    from kinerja_analysis.synth import generate

    base = tmp_path_factory.mktemp("hambatan")
    truth = generate(base / "raw", "banyumanik", 2026)
    prepare(base / "raw", base / "proc", key=KEY)
    return muat(base / "proc"), truth, base


def test_demo_training_effect_in_interval_and_naive_differs(demo):
    data, truth, _ = demo
    planted = truth["hambatan"]["efek_pelatihan_pemahaman"]
    e = hb.efek_pelatihan(data.survei_asn).set_index("metode")
    did, naif = e.loc["did"], e.loc["naif_sesudah"]
    assert did["ci_low"] <= planted <= did["ci_high"]
    assert did["ci_low"] > 0
    assert not naif["ci_low"] <= planted <= naif["ci_high"]  # the naive interval misses it
    assert naif["estimate"] < did["ci_low"]
    assert e.loc["tren_awal", "ci_low"] <= 0 <= e.loc["tren_awal", "ci_high"]


def test_demo_planted_barriers(demo):
    data, truth, _ = demo
    s = data.survei_asn
    rel = hb.reliabilitas(s).set_index("skala")
    assert (rel["alpha"] > 0.7).all()
    prev = hb.prevalensi(s, data.pegawai, k_min=10)
    st_ = prev[(prev["hambatan"] == "kekhawatiran_karir")
               & (prev["dimensi"] == "status_kepegawaian")].set_index("kelompok")
    assert st_.loc["PPPK", "proporsi"] > st_.loc["PNS", "proporsi"]  # planted +0.6 latent
    m = hb.model_dukungan(hb.data_model(s, data.pegawai), n_draws=200)
    o = m.odds.set_index("variabel")
    assert o.loc["pemahaman", "ci_low"] > 1 and o.loc["kekhawatiran", "ci_high"] < 1
    rek = hb.rekomendasi(prev, m.odds)
    units = set(rek.loc[rek["kode"] == "sosialisasi_indikator", "sasaran"])
    assert len(units & set(truth["hambatan"]["unit_pemahaman_rendah"])) >= 2


def test_demo_no_personal_data_in_quotes(demo):
    data, truth, base = demo
    raw = pd.read_csv(base / "raw" / "survei_asn.csv", dtype=str, sep=None, engine="python")
    peg = pd.read_csv(base / "raw" / "pegawai.csv", dtype=str, sep=None, engine="python")
    kom = raw["komentar"].dropna()
    pii = kom[kom.str.contains(r"@|\d{6,}|\d{3,4}-\d{3,4}|Atasan saya", regex=True)]
    assert len(pii) >= truth["data_pribadi_tertanam"]["survei_asn.komentar"] > 0
    secrets = set()
    for text in pii:
        secrets.update(re.findall(r"[\w.+-]+@[\w.-]+|\+?\d[\d\s.-]{7,}\d", text))
    names = [n for n in peg["nama"].dropna() if any(n in t for t in pii)]
    secrets.update(names)
    assert secrets
    q = hb.kutipan_tema(data.survei_asn["komentar"], k_min=10)
    tema = hb.hitung_tema(data.survei_asn["komentar"])
    html = tabel_html(q, lang="id") + tema.to_json()
    assert len(q) > 0
    for secret in secrets:
        assert secret not in html


@pytest.mark.slow
def test_report_page_has_no_personal_data(report_run, demo_raw):
    """Slow (full report run, shared with test_report.py): the HTML page of notebook 03."""
    result, base = report_run
    page = base / "reports" / result.periode / "03_hambatan_adopsi.html"
    text = page.read_text(encoding="utf-8")
    raw = pd.read_csv(Path(demo_raw) / "survei_asn.csv", dtype=str, sep=None, engine="python")
    peg = pd.read_csv(Path(demo_raw) / "pegawai.csv", dtype=str, sep=None, engine="python")
    kom = " ".join(raw["komentar"].dropna())
    for secret in re.findall(r"[\w.+-]+@[\w.-]+|\b08\d[\d-]{7,}\d\b|\b\d{16}\b", kom):
        assert secret not in text
    for nip in raw["nip"].dropna().head(200):
        assert nip not in text
    for name in peg["nama"].dropna():
        if name in kom:
            assert name not in text
    res = json.loads((base / "reports" / result.periode / "results.json").read_text("utf-8"))
    h = res["hambatan"]
    assert {"reliabilitas", "prevalensi", "model_dukungan", "efek_pelatihan_pemahaman",
            "tema_komentar"} <= set(h)
    assert set(h["reliabilitas"][0]) == {"skala", "alpha", "ci_low", "ci_high", "n_items", "n"}
    assert {"estimate", "se", "ci_low", "ci_high", "method", "n"} <= set(
        h["efek_pelatihan_pemahaman"])
