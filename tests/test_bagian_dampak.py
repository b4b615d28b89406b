"""Page 01 (evaluation impacts) as package code: numbers shown = numbers saved, directions,
and every degenerate shape gives its reason code and sentence in both languages."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from kinerja_analysis import i18n
from kinerja_analysis.laporan.bagian import arah, kalimat_alasan
from kinerja_analysis.laporan.bagian import dampak as halaman
from kinerja_analysis.laporan.naskah import Naskah
from kinerja_analysis.laporan.naskah_dampak import DAMPAK

SECTIONS = ["jawaban", "att", "event_study", "gelombang", "rd", "tindak_lanjut", "mde",
            "catatan"]
QUARTERS = [f"{y}-Q{q}" for y in (2022, 2023) for q in (1, 2, 3, 4)]
#: unit -> adoption quarter (None = never); two units per wave, two never
WAVES = {"U1": "2022-Q3", "U2": "2022-Q3", "U3": "2023-Q1", "U4": "2023-Q1",
         "U5": "2023-Q3", "U6": "2023-Q3", "U7": None, "U8": None}
FAST = {"n_bootstrap": 19, "seed": 7}


def make_data(waves=None, quarters=None, *, ikm_effect=8.0, skor_effect=0.0,
              hadir_effect=-6.0, coaching=4.0, staff=25, respondents=8, seed=0,
              skor_shift=0.0):
    """Processed-shape tables: a staggered design with planted effects (IKM up, score
    none, attendance down) and a coaching jump of ``coaching`` points at 70."""
    waves = WAVES if waves is None else waves
    quarters = QUARTERS if quarters is None else quarters
    rng = np.random.default_rng(seed)
    keb = pd.DataFrame({"unit_kerja": list(waves), "triwulan_mulai": list(waves.values())})
    pk_rows, sk_rows, tl_rows = [], [], []
    for u, w in waves.items():
        level = rng.normal(0, 2)
        for s in range(staff):
            pid = f"{u}-{s:03d}"
            base = rng.normal(72 + skor_shift, 6)
            coached_before = False
            for q in quarters:
                on = w is not None and q >= w
                skor = base + level + (skor_effect if on else 0) + rng.normal(0, 3)
                skor += coaching if coached_before else 0
                hadir = 85 + level + (hadir_effect if on else 0) + rng.normal(0, 2)
                pk_rows.append((pid, u, q, round(skor, 1), round(hadir, 1)))
                below = skor < 70
                coached_before = bool(rng.random() < (0.85 if below else 0.05))
                if coached_before:
                    tl_rows.append((pid, u, q, "pembinaan"))
                if skor > 82 and rng.random() < 0.3:
                    tl_rows.append((pid, u, q, "penghargaan"))
        for q in quarters:
            on = w is not None and q >= w
            p = 0.55 + (ikm_effect / 100 if on else 0) + level / 100
            for _ in range(respondents):
                ans = 1 + rng.binomial(3, min(max(p, 0.05), 0.95), size=9)
                sk_rows.append((u, q, *ans.astype(float)))
    pk = pd.DataFrame(pk_rows, columns=["id_pegawai", "unit_kerja", "triwulan", "skor_kinerja",
                                        "kehadiran"])
    sk = pd.DataFrame(sk_rows, columns=["unit_kerja", "triwulan", *[f"u{j}" for j in range(1, 10)]])
    tl = pd.DataFrame(tl_rows, columns=["id_pegawai", "unit_kerja", "triwulan", "jenis"])
    return SimpleNamespace(kebijakan=keb, penilaian_kinerja=pk, survei_kepuasan=sk,
                           tindak_lanjut=tl)


def bangun(data, lang="id", **kw):
    return halaman.bangun(data, halaman.Parameter(lang=lang, **{**FAST, **kw}))


def sentence(code, lang, **params):
    return kalimat_alasan(code, lang, halaman.ALASAN_DAMPAK, **params)


def missing(names, code, lang, **params):
    """The sentence of outcomes without an estimate: their names, then the code's."""
    return Naskah(DAMPAK, lang)("hasil_alasan", nama=names) + " " + sentence(code, lang, **params)


def nulls_have_codes(R):
    """Every null of the section has a reason code (dotted below the top level)."""
    codes = R.get("tidak_tersedia", {})
    bad = []

    def walk(obj, path):
        for k, v in obj.items():
            if k == "tidak_tersedia":
                continue
            if v is None and f"{path}{k}" not in codes:
                bad.append(f"{path}{k}")
            elif isinstance(v, dict):
                walk(v, f"{path}{k}.")
    walk(R, "")
    assert not bad, bad
    return codes


@pytest.fixture(scope="module")
def full():
    return bangun(make_data())


# ------------------------------------------------------------------- full page


def test_sections_in_order_all_shown(full):
    assert list(full.bagian) == SECTIONS
    assert all(b.tersedia for b in full), [b.kunci for b in full if not b.tersedia]
    R = full.hasil["dampak"]
    assert list(R) == ["ikm", "skor_kinerja", "kehadiran", "pembinaan_rd", "penghargaan",
                       "desain"]
    assert "tidak_tersedia" not in R and nulls_have_codes(R) == {}
    json.dumps(R)


def test_results_shape(full):
    R = full.hasil["dampak"]
    for y in ("ikm", "skor_kinerja", "kehadiran"):
        v = R[y]
        assert set(v) == {"att", "twfe", "event_study", "pretrend_p_value", "pretrend",
                          "per_gelombang", "perbandingan", "bacon", "mde"}
        assert set(v["twfe"]) == {"estimate", "se", "ci_low", "ci_high", "p_value", "method",
                                  "n_obs"}
        assert v["att"]["n"] == v["att"]["n_units"] == 8
        assert {r["relative_period"] for r in v["event_study"]} <= set(range(-4, 9))
        assert len(v["per_gelombang"]) == 3
    D = R["desain"]
    assert D == {"n_unit": 8, "n_diobati": 6, "n_tidak_pernah": 2,
                 "gelombang": ["2022-Q3", "2023-Q1", "2023-Q3"], "n_triwulan": 8,
                 "kelompok_kontrol": "not_yet_treated", "n_bootstrap": 19, "seed": 7,
                 "leads": 4, "lags": 8}
    P = R["pembinaan_rd"]
    assert P["estimate"] is not None and P["jenis"] == "fuzzy"
    assert all(r["n"] >= 10 for r in P["kepatuhan"] + P["titik_plot"])


def test_shown_numbers_are_the_saved_numbers(full):
    R, lang = full.hasil["dampak"], "id"
    est = lambda r, d=2: i18n.fmt_estimate_ci(r["estimate"], r["ci_low"], r["ci_high"], d, lang)  # noqa: E731
    jaw = full["jawaban"].teks()
    for y in ("ikm", "skor_kinerja", "kehadiran"):
        assert f"**{est(R[y]['att'])}**" in jaw
    assert f"**{est(R['pembinaan_rd'], 1)}**" in jaw
    tab = full["att"].tabel()
    assert tab["cs"].tolist() == [est(R[y]["att"]) for y in ("ikm", "skor_kinerja", "kehadiran")]
    assert tab["twfe"].tolist() == [est(R[y]["twfe"]) for y in ("ikm", "skor_kinerja",
                                                               "kehadiran")]
    assert tab["n"].tolist() == [R[y]["att"]["n_unit_triwulan"] for y in ("ikm", "skor_kinerja",
                                                                          "kehadiran")]
    g = full["gelombang"].tabel()
    assert g["n_units"].tolist() == [r["n_units"] for r in R["ikm"]["per_gelombang"]]
    assert g["ikm"].tolist() == [est(r) for r in R["ikm"]["per_gelombang"]]
    mde = full["mde"].teks()
    for y, name in (("ikm", "IKM"), ("skor_kinerja", "skor kinerja"), ("kehadiran", "kehadiran")):
        assert f"**{i18n.fmt_number(R[y]['mde'], 1, lang)} poin {name}**" in mde
    P = R["pembinaan_rd"]
    rd = full["rd"].teks()
    assert f"**{est(P, 1)}**" in rd and i18n.fmt_int(P["n_effective"], lang) in rd
    k = full["tindak_lanjut"].tabel()
    assert k["n"].tolist() == [r["n"] for r in P["kepatuhan"]]
    es = full["event_study"]
    titles = es.gambar()[0].judul.split(" / ")
    for y, title in zip(("ikm", "skor_kinerja", "kehadiran"), titles, strict=True):
        last = [r for r in R[y]["event_study"] if r["relative_period"] >= 0][-1]
        assert i18n.fmt_number(last["estimate"], 2, lang) in title
        assert f"ke-{last['relative_period']}" in title


def test_directions_follow_arah(full):
    """Planted: IKM up, attendance down, score none; coaching raises the next score. The
    sentences follow bagian.arah on the saved intervals."""
    R = full.hasil["dampak"]
    got = {y: arah(R[y]["att"]["ci_low"], R[y]["att"]["ci_high"])
           for y in ("ikm", "skor_kinerja", "kehadiran")}
    assert got == {"ikm": "naik", "skor_kinerja": "tidak_jelas", "kehadiran": "turun"}
    jaw = full["jawaban"].teks()
    T = Naskah(DAMPAK, "id")
    assert T("kesimpulan_naik", daftar="IKM") in jaw
    assert T("kesimpulan_turun", daftar="kehadiran") in jaw
    assert T("kesimpulan_tidak_jelas", daftar="skor kinerja") in jaw
    P = R["pembinaan_rd"]
    assert arah(P["ci_low"], P["ci_high"]) == "naik"
    assert "menaikkan skor triwulan berikutnya" in jaw
    assert full["rd"].gambar()[0].judul.startswith("Pembinaan menaikkan skor")


def test_staged_design_sentence_and_wave_text(full):
    jaw = full["jawaban"].teks()
    assert "diadopsi bertahap oleh 6 dari 8 unit dalam 3 gelombang" in jaw
    assert "Dengan 2 unit per gelombang, interval per gelombang lebar." in full["gelombang"].teks()
    assert "Sedikit unit:** hanya 8 unit (2 tidak pernah mengadopsi)" in full["catatan"].teks()


def test_figures_render_and_simpan(full, tmp_path):
    html = full["event_study"].html()
    assert html.startswith("<h2") or "<figure><img" in html
    saved = full.simpan(tmp_path)
    assert json.loads((tmp_path / "dampak.json").read_text()) == saved["dampak"]


def test_english_page():
    hal = bangun(make_data(), "en")
    assert all(b.tersedia for b in hal)
    assert "adopted in stages by 6 of 8 units in 3 waves" in hal["jawaban"].teks()
    assert "Parallel trends" in hal["catatan"].teks()


def test_parameter_checks():
    with pytest.raises(ValueError, match="kelompok_kontrol"):
        halaman.Parameter(kelompok_kontrol="semua")
    with pytest.raises(ValueError, match="leads"):
        halaman.Parameter(leads=-1)


# ------------------------------------------------------------------- degenerate shapes


def _did_sections_empty(hal, code):
    for k in ("att", "event_study", "gelombang", "mde"):
        assert hal[k].alasan == code, (k, hal[k].alasan)
    R = hal.hasil["dampak"]
    for y in ("ikm", "skor_kinerja", "kehadiran"):
        assert R[y] is None and R["tidak_tersedia"][y] == code


CASES = {
    # name: (data factory, expected code, sentence parameters by language)
    "one_quarter": (lambda: make_data(quarters=["2022-Q3"]), "triwulan_kurang",
                    {"n": "1", "min": "2"}),
    "same_quarter": (lambda: make_data({u: "2023-Q1" for u in WAVES}), "tanpa_pembanding", {}),
    "all_after_last": (lambda: make_data({u: "2025-Q1" for u in WAVES}), "tanpa_adopsi",
                       {"awal": "2022-Q1", "akhir": "2023-Q4"}),
    "never": (lambda: make_data({u: None for u in WAVES}), "tanpa_adopsi",
              {"awal": "2022-Q1", "akhir": "2023-Q4"}),
    "before_start": (lambda: make_data({**{u: "2021-Q2" for u in WAVES}, "U8": None}),
                     "adopsi_sejak_awal", {"awal": "2022-Q1"}),
    "one_unit": (lambda: make_data({"U1": "2022-Q3"}), "unit_kurang", {"n": "1", "min": "2"}),
    "one_adopts": (lambda: make_data({**{u: None for u in WAVES}, "U1": "2022-Q3"}),
                   "diobati_kurang", {"n": "1", "min": "2"}),
}


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("case", list(CASES))
def test_design_without_estimate(case, lang):
    make, code, params = CASES[case]
    hal = bangun(make(), lang)
    _did_sections_empty(hal, code)
    p = {k: i18n.fmt_periode(v, lang) if k in ("awal", "akhir") else v
         for k, v in params.items()}
    # one sentence with what is missing, in the section and (per outcome) in the answer
    assert hal["att"].teks().splitlines()[1] == sentence(code, lang, **p)
    T = Naskah(DAMPAK, lang)
    names = T("nama_ikm") + ", " + T("nama_skor_kinerja") + f" {T('dan')} " + T("nama_kehadiran")
    assert missing(names, code, lang, **p) in hal["jawaban"].teks()
    assert hal["jawaban"].alasan == code
    assert "bertahap" not in hal["jawaban"].teks() and "in stages" not in hal["jawaban"].teks()
    # the coaching sections do not depend on the adoption design
    if case != "one_quarter":
        assert hal["rd"].tersedia and hal["tindak_lanjut"].tersedia
    nulls_have_codes(hal.hasil["dampak"])
    json.dumps(hal.hasil)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_one_quarter_rd_needs_next_quarter(lang):
    hal = bangun(make_data(quarters=["2022-Q3"]), lang)
    R = hal.hasil["dampak"]
    assert R["pembinaan_rd"]["estimate"] is None
    codes = nulls_have_codes(R)
    assert codes["pembinaan_rd.estimate"] == codes["pembinaan_rd.ci_low"] == "rd_data_kurang"
    assert "tidak_tersedia" not in R["pembinaan_rd"]
    assert hal["rd"].alasan == "rd_data_kurang"
    assert hal["rd"].teks().splitlines()[1] == sentence(
        "rd_data_kurang", lang, batas="70", bawah="0", atas="0", min="20")
    assert hal["tindak_lanjut"].tersedia  # follow-ups need no next quarter


@pytest.mark.parametrize("lang", ["id", "en"])
def test_too_few_scores_near_cutoff(lang):
    data = make_data(skor_shift=30.0, coaching=0.0)  # almost nobody below 70
    hal = bangun(data, lang)
    R = hal.hasil["dampak"]
    assert R["pembinaan_rd"]["estimate"] is None and hal["rd"].alasan == "rd_data_kurang"
    assert R["skor_kinerja"] is not None  # the DiD does not need the cut-off
    nulls_have_codes(R)
    T = Naskah(DAMPAK, lang)
    assert T("rd_tidak_ada") in hal["jawaban"].teks()
    assert T("catatan_rd", batas="70") not in hal["catatan"].teks()


@pytest.mark.parametrize("lang", ["id", "en"])
def test_no_survei_kepuasan(lang):
    data = make_data()
    data.survei_kepuasan = None
    hal = bangun(data, lang)
    R = hal.hasil["dampak"]
    assert R["ikm"] is None and R["tidak_tersedia"] == {"ikm": "tanpa_berkas"}
    assert R["skor_kinerja"] is not None and R["kehadiran"] is not None
    T = Naskah(DAMPAK, lang)
    miss = missing(T("nama_ikm"), "tanpa_berkas", lang, berkas="survei_kepuasan")
    assert miss in hal["jawaban"].teks() and miss in hal["att"].teks()
    assert hal["att"].tabel()["hasil"].tolist() == [T("judul_skor_kinerja"), T("judul_kehadiran")]
    nulls_have_codes(R)
    assert T("catatan_ikm") not in hal["catatan"].teks()
    assert all(b.tersedia for b in hal)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_no_penilaian_kinerja(lang):
    data = make_data()
    data.penilaian_kinerja = None
    data.tindak_lanjut = None
    hal = bangun(data, lang)
    R = hal.hasil["dampak"]
    assert R["ikm"] is not None
    assert R["skor_kinerja"] is None and R["kehadiran"] is None
    assert R["pembinaan_rd"] is None and R["penghargaan"] is None
    assert nulls_have_codes(R) == {"skor_kinerja": "tanpa_berkas", "kehadiran": "tanpa_berkas",
                                   "pembinaan_rd": "tanpa_berkas", "penghargaan": "tanpa_berkas"}
    for k in ("rd", "tindak_lanjut"):
        assert hal[k].alasan == "tanpa_berkas"
        assert hal[k].teks().splitlines()[1] == sentence("tanpa_berkas", lang,
                                                          berkas="penilaian_kinerja")
    T = Naskah(DAMPAK, lang)
    assert T("rd_tanpa_skor") in hal["jawaban"].teks()
    names = f"{T('nama_skor_kinerja')} {T('dan')} {T('nama_kehadiran')}"
    assert missing(names, "tanpa_berkas", lang, berkas="penilaian_kinerja") in hal["att"].teks()


@pytest.mark.parametrize("lang", ["id", "en"])
def test_no_tindak_lanjut(lang):
    data = make_data()
    data.tindak_lanjut = None
    hal = bangun(data, lang)
    R = hal.hasil["dampak"]
    P = R["pembinaan_rd"]
    assert P["estimate"] is not None and P["jenis"] == "sharp"  # coaching assumed below 70
    assert P["kepatuhan"] is None and P["lompatan_pembinaan"] is None
    assert R["penghargaan"] is None
    assert nulls_have_codes(R) == {"pembinaan_rd.kepatuhan": "tanpa_berkas",
                                   "pembinaan_rd.lompatan_pembinaan": "tanpa_berkas",
                                   "penghargaan": "tanpa_berkas"}
    assert hal["tindak_lanjut"].alasan == "tanpa_berkas"
    assert hal["tindak_lanjut"].teks().splitlines()[1] == sentence("tanpa_berkas", lang,
                                                                    berkas="tindak_lanjut")
    rd = hal["rd"].teks()
    T = Naskah(DAMPAK, lang)
    assert T("rd_tanpa_tindak") in rd and T("rd_lompat", lompat="0").split("0")[0] not in rd


@pytest.mark.parametrize("lang", ["id", "en"])
def test_no_kebijakan(lang):
    data = make_data()
    data.kebijakan = None
    hal = bangun(data, lang)
    _did_sections_empty(hal, "tanpa_berkas")
    assert hal["att"].teks().splitlines()[1] == sentence("tanpa_berkas", lang, berkas="kebijakan")
    assert hal["rd"].tersedia
    assert hal.hasil["dampak"]["desain"]["n_unit"] == 0
    nulls_have_codes(hal.hasil["dampak"])


@pytest.mark.parametrize("lang", ["id", "en"])
def test_one_wave_is_not_called_staged(lang):
    hal = bangun(make_data({**{u: "2023-Q1" for u in WAVES}, "U7": None, "U8": None}), lang)
    R = hal.hasil["dampak"]
    assert R["ikm"] is not None and R["desain"]["gelombang"] == ["2023-Q1"]
    T = Naskah(DAMPAK, lang)
    per = i18n.fmt_periode("2023-Q1", lang)
    assert T("jawaban_serentak", n_diobati="6", n_unit="8", periode=per) in hal["jawaban"].teks()
    assert "bertahap" not in hal.teks() and "in stages" not in hal.teks()
    assert hal["gelombang"].alasan == "satu_gelombang_adopsi"
    assert hal["gelombang"].teks().splitlines()[1] == sentence("satu_gelombang_adopsi", lang,
                                                                periode=per)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_two_quarters(lang):
    """Two quarters and a wave in the second: an estimate without any pre-trend test."""
    waves = {**{u: "2022-Q4" for u in ("U1", "U2", "U3")}, **{u: None for u in ("U7", "U8")},
             "U4": "2023-Q2"}
    hal = bangun(make_data(waves, ["2022-Q3", "2022-Q4"]), lang)
    R = hal.hasil["dampak"]
    assert R["ikm"] is not None and R["ikm"]["pretrend_p_value"] is None
    assert [r["relative_period"] for r in R["ikm"]["event_study"]] == [0]
    T = Naskah(DAMPAK, lang)
    codes = nulls_have_codes(R)
    for y in ("ikm", "skor_kinerja", "kehadiran"):
        assert R[y]["pretrend_p_value"] is None
        assert codes[f"{y}.pretrend_p_value"] == codes[f"{y}.pretrend.statistic"] == \
            "tanpa_tren_awal"
    names = T("nama_ikm") + ", " + T("nama_skor_kinerja") + f" {T('dan')} " + T("nama_kehadiran")
    assert sentence("tanpa_tren_awal", lang, nama=names) in hal["event_study"].teks()
    assert hal["event_study"].gambar()[0].alt == T(
        "es_alt", daftar=T("nama_ikm") + ", " + T("nama_skor_kinerja") + f" {T('dan')} "
        + T("nama_kehadiran"), a=0, b=0)
    assert hal["gelombang"].alasan == "satu_gelombang_adopsi"


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_band_hidden(lang):
    hal = bangun(make_data(), lang, k_min_pegawai=10**6)
    assert hal["tindak_lanjut"].alasan == "disembunyikan"
    assert hal["rd"].tersedia and not hal["rd"].gambar()  # no bin is large enough to plot
    assert hal.hasil["dampak"]["pembinaan_rd"]["kepatuhan"] == []
    assert hal["tindak_lanjut"].teks().splitlines()[1] == kalimat_alasan(
        "disembunyikan", lang, k=i18n.fmt_int(10**6, lang))
    nulls_have_codes(hal.hasil["dampak"])


@pytest.mark.parametrize("lang", ["id", "en"])
def test_no_awards(lang):
    data = make_data(quarters=QUARTERS[:3])
    data.tindak_lanjut = data.tindak_lanjut[data.tindak_lanjut["jenis"] != "penghargaan"]
    hal = bangun(data, lang)
    H = hal.hasil["dampak"]["penghargaan"]
    assert H["n_penghargaan"] == 0 and H["porsi_3_unit_teratas"] is None
    assert nulls_have_codes(hal.hasil["dampak"])["penghargaan.porsi_3_unit_teratas"] == \
        "tanpa_penghargaan"
    assert sentence("tanpa_penghargaan", lang) in hal["tindak_lanjut"].teks()


def test_never_treated_controls_need_never_treated_units():
    data = make_data({u: w or "2023-Q4" for u, w in WAVES.items()})
    p = halaman.Parameter(**FAST, kelompok_kontrol="never_treated")
    hal = halaman.bangun(data, p)
    _did_sections_empty(hal, "tanpa_pembanding")
    hal = halaman.bangun(data, replace(p, kelompok_kontrol="not_yet_treated"))
    assert hal.hasil["dampak"]["ikm"] is not None


def test_syarat_estimasi_order():
    p = pd.DataFrame({"unit_kerja": list("AAABBBCCC"), "t": [8000, 8001, 8002] * 3,
                      "g": pd.array([8001] * 6 + [None] * 3, dtype="Int64"), "y": 1.0})
    assert halaman.syarat_estimasi(p, "y") is None
    assert halaman.syarat_estimasi(p, "y", "never_treated") is None
    assert halaman.syarat_estimasi(p.assign(y=np.nan), "y")[0] == "unit_kurang"
    assert halaman.syarat_estimasi(p[p.unit_kerja == "A"], "y") == (
        "unit_kurang", {"n": 1, "min": 2})
    later = p.assign(g=pd.array([8001] * 6 + [8002] * 3, dtype="Int64"))
    assert halaman.syarat_estimasi(later, "y") is None  # not yet treated are controls
    assert halaman.syarat_estimasi(later, "y", "never_treated") == ("tanpa_pembanding", {})
    # adopting after the last quarter: never treated within the data
    after = p.assign(g=pd.array([8001] * 6 + [8005] * 3, dtype="Int64"))
    assert halaman.syarat_estimasi(after, "y", "never_treated") is None


def test_catalog_complete():
    import string

    fields = lambda s: {f for _, f, _, _ in string.Formatter().parse(s) if f}  # noqa: E731
    for key, tr in halaman.ALASAN_DAMPAK.items():
        assert set(tr) == {"id", "en"} and fields(tr["id"]) == fields(tr["en"]), key
    schema = (Path(__file__).parents[1] / "docs" / "results_schema.md").read_text("utf-8")
    for code in halaman.ALASAN_DAMPAK:
        assert f"`{code}`" in schema, code


def test_staff_bins_hidden_below_k_and_shown_at_exactly_k():
    """Disclosure control on the RD bins and the follow-up bands: a bin of exactly
    k_min_pegawai staff-quarters is published, one staff-quarter fewer is not."""
    data = make_data()
    every = bangun(data, k_min_pegawai=1).hasil["dampak"]["pembinaan_rd"]
    for key in ("titik_plot", "kepatuhan"):
        table = pd.DataFrame(every[key])
        kk = int(table["n"].sort_values().iloc[len(table) // 2])
        shown = pd.DataFrame(bangun(data, k_min_pegawai=kk).hasil["dampak"]["pembinaan_rd"][key])
        assert (shown["n"] >= kk).all(), key
        assert len(shown) == int((table["n"] >= kk).sum()), key
        assert (shown["n"] == kk).any(), key  # the boundary bin itself is published
