"""Page 03 (adoption barriers) as package code: sections, results and every degraded shape.

Small hand-made staff surveys (no demo data): each degenerate shape gives its reason code
and its sentence in both languages, the numbers shown are the numbers in ``hal.hasil``, and
the up / down / unclear decisions follow :func:`kinerja_analysis.laporan.bagian.arah`.
Frames of 40 respondents skip the ordinal model (fewer than
``MIN_RESPONDEN_MODEL``), which keeps the file fast; the few model cases use 120.
"""

from __future__ import annotations

import ast
import json
import re
import warnings
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
import pytest

from kinerja_analysis import hambatan as hb
from kinerja_analysis import i18n
from kinerja_analysis.laporan.bagian import ALASAN, kalimat_alasan
from kinerja_analysis.laporan.bagian import hambatan as H

ROOT = Path(__file__).resolve().parents[1]
EFEK_KEYS = ("efek_pelatihan_pemahaman", "perbandingan_naif", "uji_tren_awal")


class Data:
    """The two tables the page reads; the others absent (``None``)."""

    kebijakan = penilaian_kinerja = survei_kepuasan = tindak_lanjut = None

    def __init__(self, survei_asn=None, pegawai=None):
        self.survei_asn = survei_asn
        self.pegawai = pegawai


def _survei(n=40, waves=3, units=4, seed=0, latih=0.5, efek=0.6, tren=0.0, komentar=True):
    """``waves`` waves of ``n`` staff; a random half is trained between the last two waves
    and gains ``efek`` understanding points; ``tren`` is a pre-trend of those later trained
    (added at the middle waves)."""
    rng = np.random.default_rng(seed)
    base = rng.normal(3, 0.8, n)
    tr = rng.random(n) < latih
    rows = []
    for w in range(1, waves + 1):
        trained = tr & (w == waves) if waves > 1 else tr
        middle = 1 < w < waves
        p = base + efek * trained + tren * (tr & middle) + rng.normal(0, 0.2, n)
        k = 5.5 - base + rng.normal(0, 0.5, n)
        d = 0.6 * p - 0.3 * k + 2.5 + rng.normal(0, 0.4, n)

        def items(x):
            return np.clip(np.round(x[:, None] + rng.normal(0, 0.3, (n, 3))), 1, 5)

        frame = {"id_pegawai": [f"P{i:03d}" for i in range(n)],
                 "unit_kerja": [f"U{i % units}" for i in range(n)],
                 "triwulan": f"2025-Q{w}", "gelombang": w, "ikut_pelatihan": trained}
        for s, x in (("paham", p), ("khawatir", k), ("dukungan", d)):
            for j, col in enumerate(items(x).T, start=1):
                frame[f"{s}_{j}"] = col
        if komentar:
            frame["komentar"] = rng.choice(["Belum paham indikator kinerja",
                                            "Aplikasi sering error", None,
                                            "Bimtek sangat bermanfaat"], n)
        rows.append(pd.DataFrame(frame))
    return pd.concat(rows, ignore_index=True)


def _pegawai(n=40, units=4):
    i = np.arange(n)
    return pd.DataFrame({
        "id_pegawai": [f"P{x:03d}" for x in i], "unit_kerja": [f"U{x % units}" for x in i],
        "golongan": np.where(i % 4 == 0, "IX", np.array(["II/a", "III/b", "IV/a"])[i % 3]),
        "status_kepegawaian": np.where(i % 4 == 0, "PPPK", "PNS"),
        "jenis_kelamin": np.where(i % 2 == 0, "L", "P"),
        "kelompok_usia": np.array(["<30", "30-39", "40-49", "50+"])[(i // 4) % 4]})


_CACHE: dict = {}


def _hal(name, survei, pegawai=None, **params):
    """Build once per shape and language (the ordinal model is the slow part)."""
    key = (name, params.get("lang", "id"))
    if key not in _CACHE:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            _CACHE[key] = H.bangun(Data(survei, pegawai), H.Parameter(**params))
    return _CACHE[key]


def _both(name, survei, pegawai=None, **params):
    return {lang: _hal(name, survei, pegawai, lang=lang, **params) for lang in i18n.LANGS}


def _R(hal):
    return hal.hasil["hambatan"]


def _alasan(hal):
    return _R(hal).get("tidak_tersedia", {})


def _assert_reason(pages, section, kode, heading_key, **params):
    """Section ``section`` degraded with ``kode``: heading + the catalog sentence, id and en."""
    for lang, hal in pages.items():
        b = hal[section]
        assert b.alasan == kode and not b.tersedia
        sentence = kalimat_alasan(kode, lang, H.ALASAN_HAMBATAN, **params)
        heading = H.NASKAH[heading_key][lang]
        assert b.teks() == heading + "\n" + sentence, (lang, b.teks())
        assert not b.gambar() and not [x for x in b.blok if hasattr(x, "spec")]


# --------------------------------------------------------------------------- full page


@pytest.fixture(scope="module")
def penuh():
    return _both("penuh", _survei(120, units=4, efek=0.8), _pegawai(120))


def test_full_page_has_every_section_and_key(penuh):
    hal = penuh["id"]
    assert [b.kunci for b in hal] == list(H.BAGIAN)
    assert all(b.tersedia for b in hal)
    R = _R(hal)
    assert list(R) == list(H.KUNCI_HASIL)  # the public keys, same order as before
    assert R["gelombang"] == 3 and R["k_min_pegawai"] == 10
    assert set(R["reliabilitas"][0]) == {"skala", "alpha", "ci_low", "ci_high", "n_items", "n"}
    assert set(R["prevalensi"][0]) == {"hambatan", "dimensi", "kelompok", "proporsi",
                                       "ci_low", "ci_high", "n", "suppressed"}
    assert {"estimate", "se", "ci_low", "ci_high", "method", "n", "p_value", "n_dilatih",
            "n_kontrol", "n_cluster", "gelombang_awal", "gelombang_akhir"} == set(
        R["efek_pelatihan_pemahaman"])
    assert set(R["model_dukungan_info"]) == {"n", "n_cluster", "level", "n_total", "sampel",
                                             "metode"}
    assert R["n_komentar"] == int(_survei(120, units=4, efek=0.8)["komentar"].notna().sum())
    json.dumps(R, allow_nan=False)  # plain JSON, no NaN
    assert R == json.loads(json.dumps(R))
    # p-values in 3 significant digits, estimates as shown
    p = R["efek_pelatihan_pemahaman"]["p_value"]
    assert p == float(f"{p:.3g}")
    assert all(round(r["odds_ratio"], 2) == r["odds_ratio"] for r in R["model_dukungan"])


def test_numbers_shown_are_the_saved_numbers(penuh):
    for lang, hal in penuh.items():
        R = _R(hal)
        def pct(x, lang=lang):
            return i18n.fmt_percent(x, 1, lang)

        semua = {r["hambatan"]: r for r in R["prevalensi"] if r["dimensi"] == "semua"}
        ring = hal["ringkasan"].teks()
        for h in hb.HAMBATAN:
            assert f"**{pct(semua[h]['proporsi'])}**" in ring
        did = R["efek_pelatihan_pemahaman"]
        assert i18n.fmt_number(did["estimate"], 2, lang) in ring
        est = i18n.fmt_estimate_ci(did["estimate"], did["ci_low"], did["ci_high"], 2, lang)
        assert f"**{est}**" in hal["pelatihan"].teks()
        tab = hal["pelatihan"].tabel()
        assert tab["estimate"].tolist() == [R[k]["estimate"] for k in EFEK_KEYS]
        assert tab["p_value"].tolist() == [R[k]["p_value"] for k in EFEK_KEYS]
        rel = hal["reliabilitas"].tabel()
        assert rel["alpha"].tolist() == [r["alpha"] for r in R["reliabilitas"]]
        odds = hal["model"].tabel(0)
        assert odds["odds_ratio"].tolist() == [r["odds_ratio"] for r in R["model_dukungan"]]
        # prevalence cells: "share (low–high)" from the saved rows
        unit = hal["prevalensi"].tabel(1)
        rows = {(r["kelompok"], r["hambatan"]): r for r in R["prevalensi"]
                if r["dimensi"] == "unit_kerja"}
        for _, row in unit.iterrows():
            r = rows[(row["kelompok"], "kurang_paham")]
            assert row["kurang_paham"] == (f"{pct(r['proporsi'])} ({pct(r['ci_low'])}–"
                                           f"{pct(r['ci_high'])})")
        from kinerja_analysis.hambatan import muat_leksikon

        lex = muat_leksikon()
        alt = hal["komentar"].gambar()[0].alt
        for r in R["tema_komentar"]:
            label = (H.NASKAH["tema_lainnya"][lang] if r["tema"] == "lainnya"
                     else lex[r["tema"]][lang])
            assert (f"{label} {r['n']}" in alt) == (r["n"] > 0), r
        rek = pd.DataFrame(R["rekomendasi"])
        assert hal["rekomendasi"].tabel()["prioritas"].tolist() == rek["prioritas"].tolist()


def test_html_renders_and_figures_stay_out_of_pyplot(penuh):
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    html = penuh["en"]["prevalensi"].html()
    assert html.count("<figure>") == 1 and "<table" in html
    assert plt.get_fignums() == before  # nothing left for the inline backend to show


# --------------------------------------------------------------------------- no survey


def test_without_survei_asn_every_section_says_so():
    pages = _both("tanpa", None, _pegawai())
    R = _R(pages["id"])
    assert list(R)[:len(H.KUNCI_HASIL)] == list(H.KUNCI_HASIL)
    assert R["k_min_pegawai"] == 10 and R["ambang"] == {"setuju": 4.0, "tidak_setuju": 2.0}
    nulls = [k for k in H.KUNCI_HASIL if k not in ("k_min_pegawai", "ambang")]
    assert all(R[k] is None for k in nulls)
    assert _alasan(pages["id"]) == {k: "tanpa_berkas" for k in nulls}
    heads = {"ringkasan": "h_ringkasan", "reliabilitas": "h_reliabilitas",
             "prevalensi": "h_prevalensi", "likert": "h_likert", "model": "h_model",
             "pelatihan": "h_pelatihan", "komentar": "h_komentar",
             "rekomendasi": "h_rekomendasi"}
    for section, head in heads.items():
        _assert_reason(pages, section, "tanpa_berkas", head, berkas="survei_asn")
    assert "survei_asn" in pages["en"]["model"].teks()


def test_survei_asn_and_pegawai_only_give_the_full_page():
    """No kebijakan, penilaian_kinerja or survei_kepuasan: nothing of this page is lost."""
    hal = _hal("hanya_dua", _survei(40), _pegawai())
    assert all(b.tersedia for b in hal if b.kunci != "model")
    assert hal["model"].alasan == "data_kurang"  # 40 < 50 respondents, not the files
    assert set(_alasan(hal)) == {"model_dukungan", "model_dukungan_linear",
                                 "peluang_dukungan"}


def test_required_column_missing():
    s = _survei(40).drop(columns=["paham_2"])
    hal = _hal("tanpa_kolom", s, _pegawai())
    assert all(b.alasan == "tanpa_kolom" for b in hal)
    assert "paham_2" in hal["reliabilitas"].teks()


def test_training_column_missing():
    hal = _hal("tanpa_ikut", _survei(40).drop(columns="ikut_pelatihan"), _pegawai())
    assert hal["pelatihan"].alasan == hal["model"].alasan == "tanpa_kolom"
    assert "ikut_pelatihan" in hal["pelatihan"].teks()
    assert {_alasan(hal)[k] for k in (*EFEK_KEYS, "model_dukungan")} == {"tanpa_kolom"}
    assert hal["prevalensi"].tersedia and hal["komentar"].tersedia

def test_empty_survey_up_to_periode_akhir():
    s = _survei(40).iloc[:0]
    hal = _hal("kosong_periode", s, _pegawai(), periode_akhir="2024-Q4")
    assert {b.alasan for b in hal} == {"tanpa_data_periode"}
    assert "2024-Q4" in hal["ringkasan"].teks()


# --------------------------------------------------------------------------- waves


def test_one_wave_training_needs_two():
    pages = _both("satu", _survei(40, waves=1), _pegawai())
    _assert_reason(pages, "pelatihan", "satu_gelombang", "h_pelatihan")
    assert ALASAN["satu_gelombang"]["id"] in pages["id"]["pelatihan"].teks()
    for hal in pages.values():
        R = _R(hal)
        assert all(R[k] is None and _alasan(hal)[k] == "satu_gelombang" for k in EFEK_KEYS)
        assert R["gelombang"] == 1 and R["prevalensi"]
        ring = hal["ringkasan"].teks()
        assert "**–" not in ring and ring.endswith(("sistem.", "system."))
        assert not any(r["kode"].endswith("_pelatihan") for r in R["rekomendasi"])


def test_two_waves_no_pretrend_check():
    pages = _both("dua", _survei(40, waves=2), _pegawai())
    for lang, hal in pages.items():
        R = _R(hal)
        assert R["efek_pelatihan_pemahaman"] is not None
        assert R["perbandingan_naif"] is not None
        assert R["uji_tren_awal"] is None
        assert _alasan(hal) == {"uji_tren_awal": "gelombang_kurang", **{
            k: "data_kurang" for k in ("model_dukungan", "model_dukungan_linear",
                                       "peluang_dukungan")}}
        text = hal["pelatihan"].teks()
        assert H.NASKAH["tren_ok"][lang] not in text and H.NASKAH["tren_tidak"][lang] not in text
        why = kalimat_alasan("gelombang_kurang", lang, H.ALASAN_HAMBATAN, n=3, min=3)
        assert f"{H.NASKAH['tren_kosong'][lang]} {why}" not in text  # n is the survey's: 2
        assert (f"{H.NASKAH['tren_kosong'][lang]} "
                f"{kalimat_alasan('gelombang_kurang', lang, H.ALASAN_HAMBATAN, n=2, min=3)}"
                in text)
        assert len(hal["pelatihan"].tabel()) == 2
    sentence = kalimat_alasan("gelombang_kurang", "en", H.ALASAN_HAMBATAN, n=2, min=3)
    assert sentence.startswith("The staff survey has 2 waves")


@pytest.mark.parametrize(("tren", "arah_tren", "kunci"), [
    (0.0, "tidak_jelas", "tren_ok"), (1.0, "naik", "tren_tidak"), (-1.0, "turun", "tren_tidak")])
def test_three_waves_pretrend_decision_follows_arah(tren, arah_tren, kunci):
    from kinerja_analysis.laporan.bagian import arah

    hal = _hal(f"tren{tren}", _survei(40, efek=1.0, tren=tren), _pegawai())
    t = _R(hal)["uji_tren_awal"]
    assert arah(t["ci_low"], t["ci_high"]) == arah_tren
    assert (t["gelombang_awal"], t["gelombang_akhir"]) == (1, 2)
    for other in ("tren_ok", "tren_tidak"):
        assert (H.NASKAH[other]["id"] in hal["pelatihan"].teks()) == (other == kunci)


@pytest.mark.parametrize(("efek", "judul", "kode"), [
    (1.0, "pelatihan_judul", "perluas_pelatihan"),
    (0.0, "pelatihan_judul_netral", "evaluasi_pelatihan"),
    (-1.0, "pelatihan_judul_netral", "tinjau_pelatihan"),
])
def test_training_direction_in_title_and_recommendation(efek, judul, kode):
    hal = _hal(f"efek{efek}", _survei(40, efek=efek, seed=3), _pegawai())
    did = _R(hal)["efek_pelatihan_pemahaman"]
    expected = {"naik": 1.0, "turun": -1.0, "tidak_jelas": 0.0}
    from kinerja_analysis.laporan.bagian import arah

    assert expected[arah(did["ci_low"], did["ci_high"])] == efek
    title = hal["pelatihan"].gambar()[0].judul
    naif = _R(hal)["perbandingan_naif"]
    assert title == H.NASKAH[judul]["id"].format(
        did=i18n.fmt_number(did["estimate"], 2, "id"),
        naif=i18n.fmt_number(naif["estimate"], 2, "id"))
    kodes = [r["kode"] for r in _R(hal)["rekomendasi"]]
    assert kode in kodes and len([k for k in kodes if k.endswith("_pelatihan")]) == 1


def test_rekomendasi_uses_arah_at_the_boundary():
    prev = pd.DataFrame({"hambatan": "kurang_paham", "dimensi": ["semua"], "kelompok": "semua",
                         "proporsi": [0.2], "ci_low": [0.1], "ci_high": [0.3], "n": [50],
                         "suppressed": False})
    for lo, hi, kode in ((0.0, 0.5, "evaluasi_pelatihan"), (0.01, 0.5, "perluas_pelatihan"),
                         (-0.5, -0.01, "tinjau_pelatihan"), (None, None, "evaluasi_pelatihan")):
        r = hb.rekomendasi(prev, efek={"estimate": 0.2, "ci_low": lo, "ci_high": hi})
        assert r["kode"].tolist() == [kode], (lo, hi)
    odds = pd.DataFrame({"variabel": ["pemahaman", "kekhawatiran"], "odds_ratio": [2.0, 0.5],
                         "ci_low": [1.0, 0.3], "ci_high": [3.0, 1.0]})
    assert hb.rekomendasi(prev, odds).empty  # intervals touching 1 are not clear
    odds.loc[:, "ci_low"] = [1.01, 0.3]
    odds.loc[:, "ci_high"] = [3.0, 0.99]
    assert hb.rekomendasi(prev, odds)["kode"].tolist() == ["pemahaman_dukungan",
                                                          "kurangi_kekhawatiran"]


# --------------------------------------------------------------------------- training groups


def test_nobody_trained():
    s = _survei(40)
    s["ikut_pelatihan"] = False
    pages = _both("tanpa_latih", s, _pegawai())
    _assert_reason(pages, "pelatihan", "tanpa_pelatihan", "h_pelatihan", a=1, b=3)
    assert {_alasan(pages["id"])[k] for k in EFEK_KEYS} == {"tanpa_pelatihan"}
    assert "ikut_pelatihan" in pages["id"]["pelatihan"].teks()


def test_everybody_trained():
    s = _survei(40)
    s["ikut_pelatihan"] = True
    pages = _both("semua_latih", s, _pegawai())
    _assert_reason(pages, "pelatihan", "semua_dilatih", "h_pelatihan", a=1, b=3)
    assert {_alasan(pages["id"])[k] for k in EFEK_KEYS} == {"semua_dilatih"}


def test_everybody_trained_by_the_last_wave():
    s = _survei(40)
    s["ikut_pelatihan"] = s["gelombang"] == 3
    hal = _hal("semua_latih_b", s, _pegawai())
    assert _alasan(hal)["efek_pelatihan_pemahaman"] == "semua_dilatih"
    assert _alasan(hal)["uji_tren_awal"] == "semua_dilatih"


def test_training_groups_under_k_are_hidden():
    s = _survei(40, latih=0.15, seed=5)
    n1 = int(s.loc[s["gelombang"] == 3, "ikut_pelatihan"].sum())
    assert 2 <= n1 < 10
    pages = _both("latih_kecil", s, _pegawai())
    _assert_reason(pages, "pelatihan", "kelompok_kecil", "h_pelatihan", k=10)
    assert _alasan(pages["id"])["efek_pelatihan_pemahaman"] == "kelompok_kecil"



def test_each_missing_comparison_says_why():
    """DiD hidden (small group) and no panel for the pre-trend check (new staff at wave 2):
    the section gives the DiD reason, then the pre-trend reason; the naive one (same code as
    the DiD) is not repeated."""
    s = _survei(40, latih=0.15, seed=5)
    w2 = s["gelombang"] == 2
    s.loc[w2, "id_pegawai"] = "N" + s.loc[w2, "id_pegawai"]
    pages = _both("alasan_beda", s, _pegawai())
    codes = {k: _alasan(pages["id"])[k] for k in EFEK_KEYS}
    assert codes == {"efek_pelatihan_pemahaman": "kelompok_kecil",
                     "perbandingan_naif": "kelompok_kecil", "uji_tren_awal": "tanpa_panel"}
    for lang, hal in pages.items():
        expected = [H.NASKAH["h_pelatihan"][lang],
                    kalimat_alasan("kelompok_kecil", lang, H.ALASAN_HAMBATAN, k=10),
                    H.NASKAH["tren_kosong"][lang] + " "
                    + kalimat_alasan("tanpa_panel", lang, H.ALASAN_HAMBATAN, a=1, b=2)]
        assert hal["pelatihan"].teks() == "\n".join(expected)
        assert hal["pelatihan"].alasan == "kelompok_kecil"

# --------------------------------------------------------------------------- comments


@pytest.mark.parametrize("cara", ["tanpa_kolom", "kosong"])
def test_no_comments(cara):
    s = _survei(40, komentar=cara != "tanpa_kolom")
    if cara == "kosong":
        s["komentar"] = ["  ", None, ""] * (len(s) // 3) + [None] * (len(s) % 3)
    pages = _both(f"komentar_{cara}", s, _pegawai())
    _assert_reason(pages, "komentar", "tanpa_komentar", "h_komentar")
    R = _R(pages["id"])
    assert R["tema_komentar"] is None and R["n_komentar"] == 0
    assert _alasan(pages["id"])["tema_komentar"] == "tanpa_komentar"
    assert not any(r["kode"] == "tindak_lanjut_tema" for r in R["rekomendasi"])


def test_comment_quotes_need_k_comments_per_theme():
    hal = _hal("hanya_dua", _survei(40), _pegawai())
    R = _R(hal)
    assert R["n_komentar"] > 0
    assert hal["komentar"].tersedia and hal["komentar"].gambar()
    tema = {r["tema"]: r["n"] for r in R["tema_komentar"]}
    quoted = set(hal["komentar"].tabel()["tema"]) if tema["pelatihan"] >= 10 else set()
    assert quoted  # 40 staff x 3 waves: every theme well above 10 comments


# --------------------------------------------------------------------------- small groups


def test_every_group_below_k_hides_everything():
    pages = _both("n8", _survei(8, units=2), _pegawai(8, 2))
    R = _R(pages["id"])
    assert R["prevalensi"] and all(r["suppressed"] and r["proporsi"] is None
                                   for r in R["prevalensi"])
    for section, head in (("ringkasan", "h_ringkasan"), ("prevalensi", "h_prevalensi"),
                          ("likert", "h_likert")):
        _assert_reason(pages, section, "disembunyikan", head, k=10)
    _assert_reason(pages, "pelatihan", "kelompok_kecil", "h_pelatihan", k=10)
    assert _alasan(pages["id"])["sebaran_likert"] == "disembunyikan"
    assert pages["id"]["model"].alasan == "data_kurang"
    assert not [r for r in R["rekomendasi"] if r["dimensi"]]  # no hidden group targeted


def test_every_unit_below_k():
    hal = _hal("unit_kecil", _survei(36, units=6), _pegawai(36, 6))
    R = _R(hal)
    units = [r for r in R["prevalensi"] if r["dimensi"] == "unit_kerja"]
    assert units and all(r["suppressed"] for r in units)
    b = hal["prevalensi"]
    assert not b.gambar()  # no empty chart
    assert H.NASKAH["unit_semua_disembunyikan"]["id"].format(k=10) in b.teks()
    tab = b.tabel(1)
    assert set(tab["kurang_paham"]) == {"(disembunyikan)"} and set(tab["n"]) == {
        "(disembunyikan)"}
    assert hal["ringkasan"].tersedia  # 36 respondents overall are shown


def test_too_few_respondents_for_the_model():
    pages = _both("model_kecil", _survei(30), _pegawai(30))
    _assert_reason(pages, "model", "data_kurang", "h_model", n=30,
                   min=H.MIN_RESPONDEN_MODEL)
    R = _R(pages["id"])
    assert R["model_dukungan_info"]["n"] == 30
    assert {_alasan(pages["id"])[k] for k in ("model_dukungan", "model_dukungan_linear",
                                              "peluang_dukungan")} == {"data_kurang"}
    assert not any(r["kode"] in ("pemahaman_dukungan", "kurangi_kekhawatiran")
                   for r in R["rekomendasi"])


def test_uniform_support_level():
    s = _survei(60)
    for c in hb.SKALA["dukungan"]:
        s[c] = 3.0
    pages = _both("seragam", s, _pegawai(60))
    _assert_reason(pages, "model", "dukungan_seragam", "h_model")



@pytest.mark.parametrize("gagal", ["tak_terbatas", "singular"])
def test_unstable_model(gagal, monkeypatch):
    """A fit with unbounded odds ratios, or a singular one, is not published."""
    def palsu(md, **_kw):
        if gagal == "singular":
            raise np.linalg.LinAlgError("singular matrix")
        odds = pd.DataFrame({"variabel": ["pemahaman"], "odds_ratio": [1e300],
                             "ci_low": [0.0], "ci_high": [np.inf], "p_value": [0.9]})
        return hb.HasilModelDukungan(odds=odds, linear=odds, peluang=odds.iloc[:0],
                                     n=len(md), n_cluster=4, level=[1, 2, 3])

    monkeypatch.setattr(H.hb, "model_dukungan", palsu)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pages = {lang: H.bangun(Data(_survei(60), _pegawai(60)), H.Parameter(lang=lang))
                 for lang in i18n.LANGS}
    _assert_reason(pages, "model", "model_tidak_stabil", "h_model")
    assert not any(r["kode"] == "pemahaman_dukungan" for r in _R(pages["id"])["rekomendasi"])

def test_wave_not_in_the_survey():
    pages = _both("gel7", _survei(40), _pegawai(), gelombang=7)
    _assert_reason(pages, "reliabilitas", "tanpa_gelombang", "h_reliabilitas",
                   gelombang=7, ada="1, 2, 3")
    assert pages["id"]["pelatihan"].tersedia  # uses all waves


# --------------------------------------------------------------------------- background


@pytest.mark.parametrize("bentuk", ["tanpa_atribut", "tanpa_pegawai"])
def test_pegawai_without_optional_attributes(bentuk):
    peg = _pegawai(120)[["id_pegawai", "unit_kerja"]] if bentuk == "tanpa_atribut" else None
    hal = _hal(bentuk, _survei(120), peg)
    R = _R(hal)
    assert {r["dimensi"] for r in R["prevalensi"]} == {"semua", "unit_kerja"}
    text = hal["prevalensi"].teks()
    for dim, kolom in (("golongan", "golongan"), ("kelompok usia", "tanggal_lahir"),
                       ("status kepegawaian", "status_kepegawaian")):
        assert H.NASKAH["dimensi_tanpa_data"]["id"].format(dimensi=dim, kolom=kolom) in text
    # the model runs on every respondent without the absent variables (no complete-case
    # deletion to zero rows), and the page names what is left out
    assert R["model_dukungan_info"]["n"] == 120
    assert {r["variabel"] for r in R["model_dukungan"]} == {"pemahaman", "kekhawatiran",
                                                           "ikut_pelatihan"}
    assert "PPPK (dibanding PNS)" in hal["model"].teks()
    assert all(b.tersedia for b in hal)


def test_one_unit():
    pages = _both("satu_unit", _survei(120, units=1), _pegawai(120, 1))
    R = _R(pages["id"])
    assert R["efek_pelatihan_pemahaman"]["n_cluster"] == 1
    assert "HC1" in R["efek_pelatihan_pemahaman"]["method"]
    assert "tanpa klaster" in R["model_dukungan_info"]["metode"]
    for lang, hal in pages.items():
        assert all(b.tersedia for b in hal)
        assert H.NASKAH["model_teks_hc1"][lang].split("{n}")[0] in hal["model"].teks()
        assert H.NASKAH["pelatihan_teks_hc1"][lang].split(";")[-1][:20] in hal[
            "pelatihan"].teks()
    units = [r for r in R["prevalensi"] if r["dimensi"] == "unit_kerja"]
    assert len(units) == 3 and not any(r["suppressed"] for r in units)


# --------------------------------------------------------------------------- interface


def test_parameter_matches_the_notebook():
    nb = nbformat.read(ROOT / "notebooks" / "03_hambatan_adopsi.ipynb", as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    params = [c for c in code if "parameters" in c.metadata.get("tags", [])][0]
    names = {t.id: ast.literal_eval(n.value) for n in ast.parse(params.source).body
             if isinstance(n, ast.Assign) for t in n.targets}
    fields = H.Parameter.__dataclass_fields__
    for name, default in names.items():
        if name in ("data_dir", "processed_dir", "results_dir"):
            continue
        value = getattr(H.Parameter(), name)
        assert name in fields and (value == default or list(value) == default), name
    assert H.Parameter(butir_terbalik=["khawatir_2"]).butir_terbalik == ("khawatir_2",)
    with pytest.raises(ValueError):
        H.Parameter(lang="fr")


def test_notebook_is_thin():
    nb = nbformat.read(ROOT / "notebooks" / "03_hambatan_adopsi.ipynb", as_version=4)
    assert nb.cells[0].cell_type == "markdown" and "remove_cell" in nb.cells[0].metadata.tags
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    assert all(not re.search(r"\bdef\b|\blambda\b|\bround\(|\bif\b", s) for s in code)
    shown = [m for s in code for m in re.findall(r'tampilkan\(hal\["(\w+)"\]\)', s)]
    assert shown == list(H.BAGIAN)


def test_reason_codes_documented_and_bilingual():
    doc = (ROOT / "docs" / "results_schema.md").read_text(encoding="utf-8")
    part = doc.split("### Adoption barriers (notebook 03, `hambatan`)", 1)[1].split("\n### ")[0]
    for code in [*H.ALASAN_HAMBATAN, "tanpa_berkas", "tanpa_kolom", "tanpa_data_periode",
                 "data_kurang", "disembunyikan", "satu_gelombang", "tanpa_komentar"]:
        assert f"`{code}`" in part, code
    for code, entry in H.ALASAN_HAMBATAN.items():
        assert set(entry) == set(i18n.LANGS)
        assert set(re.findall(r"{(\w+)}", entry["id"])) == set(
            re.findall(r"{(\w+)}", entry["en"])), code
        assert code not in ALASAN  # page codes do not shadow the generic ones



# --------------------------------------------------------------------------- mutation kills


def test_published_model_values_and_texts_follow_the_rules(penuh):
    """Intervals in 2 decimals; the Likert n is wave respondents; 4 units: clustered text."""
    for lang, hal in penuh.items():
        R = _R(hal)
        for r in R["model_dukungan"]:
            for k in ("odds_ratio", "ci_low", "ci_high"):
                assert round(r[k], 2) == r[k], (k, r)
        n = sum(r["n"] for r in R["sebaran_likert"] if r["butir"] == "paham_1")
        assert n == 120
        kata = {"id": "responden", "en": "respondents"}[lang]
        assert f"({i18n.fmt_int(n, lang)} {kata})" in hal["likert"].gambar()[0].alt
        teks = hal["pelatihan"].teks()
        assert H.NASKAH["pelatihan_teks"][lang].split("{est}**")[-1][:30] in teks
        assert H.NASKAH["pelatihan_teks_hc1"][lang].split(";")[-1][:20] not in teks


def test_one_unit_too_few_for_the_model_says_hc1():
    R = _R(_hal("satu_unit_kecil", _survei(30, units=1), _pegawai(30, 1)))
    assert R["model_dukungan"] is None
    assert R["model_dukungan_info"]["n_cluster"] == 1
    assert R["model_dukungan_info"]["metode"] == H._MODEL_METODE_HC1
    assert _R(_hal("model_kecil", _survei(30), _pegawai(30)))["model_dukungan_info"][
        "metode"] == H._MODEL_METODE


def test_only_the_unit_table_is_cut_to_the_shown_units():
    hal = _hal("potong_unit", _survei(48, units=4), _pegawai(48, 4), maks_unit_tampil=2)
    R = _R(hal)
    b = hal["prevalensi"]
    unit = b.tabel(1)
    assert len(unit) == 2  # the 2 of 4 units with the highest share
    gol = b.tabel(2)
    groups = list(dict.fromkeys(r["kelompok"] for r in R["prevalensi"]
                                if r["dimensi"] == "golongan"))
    assert len(gol) == len(groups) >= 2
    assert not any(str(k).startswith("U") for k in gol["kelompok"])


def test_linear_check_names_only_clear_ordinal_associations_it_contradicts(monkeypatch):
    """Clear OR and unclear linear -> named; unclear OR (whatever the linear) -> not named."""
    def palsu(md, **_kw):
        odds = pd.DataFrame({"variabel": ["pemahaman", "kekhawatiran", "ikut_pelatihan"],
                             "odds_ratio": [2.0, 1.0, 1.5], "ci_low": [1.5, 0.8, 1.2],
                             "ci_high": [2.6, 1.2, 1.8], "p_value": [0.001, 0.9, 0.01]})
        lin = pd.DataFrame({"variabel": ["pemahaman", "kekhawatiran", "ikut_pelatihan"],
                            "koefisien": [0.1, -0.3, 0.2], "ci_low": [-0.1, -0.5, 0.1],
                            "ci_high": [0.4, -0.1, 0.3], "p_value": [0.3, 0.01, 0.01]})
        pel = pd.DataFrame(columns=["skenario", "variabel", "nilai", "proporsi", "ci_low",
                                    "ci_high"])
        return hb.HasilModelDukungan(odds=odds, linear=lin, peluang=pel, n=len(md),
                                     n_cluster=4, level=[1, 2, 3])

    monkeypatch.setattr(H.hb, "model_dukungan", palsu)
    for lang in i18n.LANGS:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            hal = H.bangun(Data(_survei(60), _pegawai(60)), H.Parameter(lang=lang))
        T = {k: v[lang] for k, v in H.NASKAH.items()}
        beda = T["linear_beda"].format(vars=T["var_pemahaman"])
        assert T["linear_teks"].format(sama=beda) in hal["model"].teks().split("\n"), lang
