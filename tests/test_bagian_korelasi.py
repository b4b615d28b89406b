"""Page 02 as package code (kinerja_analysis.laporan.bagian.korelasi): the numbers shown are
the numbers saved, the direction words follow bagian.arah, and every data shape the contract
allows gives a page (a section with its reason in both languages, a null with its code).

The frames are small and hand-made (``_bahan``): units whose IKM and scores rise together
between units (planted) and move in opposite directions within units over time (planted),
with officers and staff attributes, then cut down to each degenerate shape.
"""

from __future__ import annotations

import json
import re
import warnings
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import nbformat
import numpy as np
import pandas as pd
import pytest

from kinerja_analysis import i18n
from kinerja_analysis import korelasi as K
from kinerja_analysis.laporan import bagian
from kinerja_analysis.laporan.bagian import korelasi as halaman
from kinerja_analysis.laporan.naskah import Naskah
from kinerja_analysis.laporan.naskah_korelasi import KORELASI

ROOT = Path(__file__).resolve().parents[1]
SECTIONS = ["ringkasan", "antar_unit", "dalam_unit", "unsur", "petugas", "keadilan", "selisih",
            "inflasi", "metode"]
P = halaman.Parameter(n_permutasi=199)


def _bahan(units: int = 8, quarters: int = 4, n_resp: int = 20, staff: int = 10,
           seed: int = 0) -> SimpleNamespace:
    """Survey, scores and staff of ``units`` units over ``quarters`` quarters.

    Between units: unit level ``b`` raises both the answers and the scores. Within units:
    a quarter's shock ``w`` raises the answers and lowers the scores. Staff on PPPK status
    (2 of 10 per unit, one of each sex and age band) score 3 points lower.
    """
    rng = np.random.default_rng(seed)
    qs = [f"{2024 + t // 4}-Q{t % 4 + 1}" for t in range(quarters)]
    s_rows, p_rows, g_rows = [], [], []
    for i in range(units):
        unit = f"Kelurahan U{i:02d}"
        b = (i - (units - 1) / 2) / max(units - 1, 1) * 2  # -1 .. 1
        ids = [f"{unit}-p{j}" for j in range(staff)]
        for j, pid in enumerate(ids):
            g_rows.append({"id_pegawai": pid, "unit_kerja": unit, "jenis_kelamin": "LP"[j % 2],
                           "kelompok_usia": ("30-39", "40-49")[j < staff // 2],
                           "golongan": ("III/a", "II/b")[j % 2],
                           "status_kepegawaian": ("PNS", "PPPK")[j % 5 == 0]})
        for q in qs:
            w = rng.normal(0, 0.25)
            ans = np.clip(np.round(rng.normal(3.0 + 0.35 * b + w, 0.6, (n_resp, 9))), 1, 4)
            for r in range(n_resp):
                s_rows.append({"unit_kerja": unit, "triwulan": q, "id_petugas": ids[r % staff],
                               **{u: ans[r, k] for k, u in enumerate(K.UNSUR)}})
            for j, pid in enumerate(ids):
                sk = 70 + 8 * b - 10 * w - 3 * (j % 5 == 0) + rng.normal(0, 0.5)
                p_rows.append({"id_pegawai": pid, "unit_kerja": unit, "triwulan": q,
                               "skor_kinerja": sk, "kualitas_pelayanan": sk + rng.normal(0, 1),
                               "predikat": ("Sangat Baik" if sk > 75 else "Baik" if sk > 66
                                            else "Butuh Perbaikan")})
    return SimpleNamespace(survei_kepuasan=pd.DataFrame(s_rows),
                           penilaian_kinerja=pd.DataFrame(p_rows), pegawai=pd.DataFrame(g_rows))


_CACHE: dict = {}


def _bangun(kasus: str, lang: str = "id") -> bagian.Halaman:
    """The page of a named data shape (built once per shape and language)."""
    if (kasus, lang) not in _CACHE:
        d, params = KASUS[kasus]()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            _CACHE[kasus, lang] = halaman.bangun(d, replace(params, lang=lang))
    return _CACHE[kasus, lang]


def _cut(d: SimpleNamespace, **kw) -> SimpleNamespace:
    return SimpleNamespace(**{**vars(d), **kw})


def _tanpa_predikat():
    d = _bahan()
    return _cut(d, penilaian_kinerja=d.penilaian_kinerja.drop(columns="predikat")), P


def _predikat_kosong():
    d = _bahan()
    return _cut(d, penilaian_kinerja=d.penilaian_kinerja.assign(predikat=None)), P


def _n_unit(n):
    return lambda: (_bahan(units=n), P)


def _satu_triwulan():
    return _bahan(quarters=1, n_resp=60), P


def _tanpa_petugas():
    d = _bahan()
    return _cut(d, survei_kepuasan=d.survei_kepuasan.drop(columns="id_petugas")), P


def _pegawai_tanpa_atribut():
    d = _bahan()
    return _cut(d, pegawai=d.pegawai[["id_pegawai", "unit_kerja"]]), P


def _unit_tanpa_survei():
    d = _bahan(units=9)
    s = d.survei_kepuasan
    return _cut(d, survei_kepuasan=s[s["unit_kerja"] != "Kelurahan U08"]), P


def _triwulan_skor_tanpa_survei():
    d = _bahan(quarters=5)
    s = d.survei_kepuasan
    return _cut(d, survei_kepuasan=s[s["triwulan"] != "2025-Q1"]), P


def _triwulan_terpisah():
    d = _bahan(quarters=2)
    s, pk = d.survei_kepuasan, d.penilaian_kinerja
    return _cut(d, survei_kepuasan=s[s["triwulan"] == "2024-Q1"],
                penilaian_kinerja=pk[pk["triwulan"] == "2024-Q2"]), P


def _petugas_sedikit():
    d = _bahan()
    s = d.survei_kepuasan
    keep = s["id_petugas"].isin(["Kelurahan U00-p0", "Kelurahan U01-p0"])
    return _cut(d, survei_kepuasan=s.assign(id_petugas=s["id_petugas"].where(keep))), P


KASUS = {
    "lengkap": lambda: (_bahan(), P),
    "tanpa_predikat": _tanpa_predikat,
    "predikat_kosong": _predikat_kosong,
    "tanpa_survei": lambda: (_cut(_bahan(units=2), survei_kepuasan=None), P),
    "tanpa_penilaian": lambda: (_cut(_bahan(units=2), penilaian_kinerja=None), P),
    "satu_unit": _n_unit(1),
    "dua_unit": _n_unit(2),
    "tiga_unit": _n_unit(3),
    "empat_unit": _n_unit(4),
    "satu_triwulan": _satu_triwulan,
    "tanpa_petugas": _tanpa_petugas,
    "petugas_sedikit": _petugas_sedikit,
    "tanpa_pegawai": lambda: (_cut(_bahan(), pegawai=None), P),
    "pegawai_tanpa_atribut": _pegawai_tanpa_atribut,
    "unit_tanpa_survei": _unit_tanpa_survei,
    "triwulan_skor_tanpa_survei": _triwulan_skor_tanpa_survei,
    "triwulan_terpisah": _triwulan_terpisah,
    "semua_sel_kecil": lambda: (_bahan(units=3, quarters=2, n_resp=4), P),
}


def _kalimat(kode: str, lang: str, **params) -> str:
    return bagian.kalimat_alasan(kode, lang, halaman.KATALOG, **params)


def _T(lang: str = "id") -> Naskah:
    return Naskah(KORELASI, lang)


# ------------------------------------------------------------------ the full page


def test_full_page_every_section_shows_numbers():
    hal = _bangun("lengkap")
    assert [b.kunci for b in hal] == SECTIONS
    assert all(b.tersedia for b in hal), [(b.kunci, b.alasan) for b in hal]
    R = hal.hasil["korelasi"]
    assert "tidak_tersedia" not in R
    json.dumps(R, allow_nan=False)
    assert set(R) == {"variabel", "panel", "antar_unit", "dalam_unit", "gabungan",
                      "kualitas_pelayanan", "unsur", "unsur_penyesuaian_p", "petugas",
                      "selisih_peringkat", "inflasi_predikat", "keadilan_penilai",
                      "titik_antar_unit"}
    assert R["panel"]["n_unit"] == 8 and R["panel"]["n_sel_dipakai"] == 32
    assert len(R["unsur"]) == 36 and len(R["selisih_peringkat"]) == 8
    # figures: between, within, elements, ranks, inflation
    assert sum(len(b.gambar()) for b in hal) == 5


def test_numbers_shown_are_the_saved_numbers():
    hal = _bangun("lengkap")
    R = hal.hasil["korelasi"]
    f = lambda x, d=2: i18n.fmt_number(x, d, "id")  # noqa: E731
    AU, DU = R["antar_unit"], R["dalam_unit"]
    t = hal["ringkasan"].teks()
    assert f"korelasi Spearman {f(AU['spearman']['r'])} " in t
    assert i18n.fmt_ci(AU["spearman"]["ci_low"], AU["spearman"]["ci_high"], 2, "id") in t
    assert f"(rmcorr) {f(DU['pearson']['r'])} " in t
    tab = hal["ringkasan"].tabel()
    assert tab["r"].tolist()[:4] == [AU["pearson"]["r"], AU["spearman"]["r"],
                                     DU["pearson"]["r"], DU["spearman"]["r"]]
    assert tab["p_value"].tolist()[0] == AU["pearson"]["p_value"]
    assert f"derajat bebas {DU['pearson']['df']}." in hal["dalam_unit"].teks()
    assert i18n.fmt_number(AU["spearman"]["p_value_permutasi"], 4, "id") in \
        hal["antar_unit"].teks()
    S = pd.DataFrame(R["selisih_peringkat"])
    shown = hal["selisih"].tabel()
    assert shown["rank_ikm"].tolist() == S["rank_ikm"].tolist()
    assert shown["gap"].tolist() == S["gap"].tolist()
    assert f"{int(S['flagged'].sum())} dari 8 unit" in hal["selisih"].teks()
    I = pd.DataFrame(R["inflasi_predikat"])  # noqa: E741
    assert hal["inflasi"].tabel()["porsi_baik"].tolist() == I["porsi_baik"].tolist()
    # the interval column shows the saved interval, in percent, both ends
    expected = [i18n.fmt_ci(lo * 100, hi * 100, 1, "id").split(": ", 1)[-1]
                for lo, hi in zip(I["ci_low"], I["ci_high"], strict=True)
                if lo is not None and hi is not None]
    assert expected and all(e in hal["inflasi"].tabel()["ik95"].tolist() for e in expected)
    U = hal["unsur"].tabel()
    assert U["r"].tolist() == [r["r"] for r in R["unsur"]]
    PT = R["petugas"]
    assert f"{PT['n']} petugas" in hal["petugas"].teks()
    assert i18n.fmt_number(PT["koefisien"], 3, "id") in hal["petugas"].teks()
    kp = hal["keadilan"].tabel()
    assert kp["n_pegawai"].tolist() == [r["n_pegawai"] for r in R["keadilan_penilai"]]


def test_planted_directions_in_words_and_titles():
    """Between units the planted relation is positive, within units negative: the words
    and chart titles say so, in both languages (a swapped naik/turun mapping fails)."""
    for lang in ("id", "en"):
        hal, T = _bangun("lengkap", lang), _T(lang)
        R = hal.hasil["korelasi"]
        assert R["antar_unit"]["spearman"]["ci_low"] > 0 > R["dalam_unit"]["pearson"]["ci_high"]
        t = hal["ringkasan"].teks()
        assert T("arti_antar_naik") in t and T("arti_dalam_turun") in t
        assert T("arti_antar_tidak_jelas") not in t
        assert hal["antar_unit"].gambar()[0].judul == T("antar_judul_naik")
        assert hal["dalam_unit"].gambar()[0].judul == T("dalam_judul_turun")
    assert "Unit dengan IKM lebih tinggi cenderung juga" in _bangun("lengkap")["ringkasan"].teks()


def test_officer_and_fairness_directions_use_arah():
    hal, T = _bangun("lengkap"), _T()
    PT = hal.hasil["korelasi"]["petugas"]
    assert T("arti_petugas_" + bagian.arah(PT["ci_low"], PT["ci_high"])) in hal["petugas"].teks()
    kp = pd.DataFrame(hal.hasil["korelasi"]["keadilan_penilai"])
    tested = kp[~kp["rujukan"] & ~kp["suppressed"]]
    clear = [bagian.arah(a, b) != "tidak_jelas" for a, b in zip(tested["ci_low"],
                                                                tested["ci_high"], strict=True)]
    t = hal["keadilan"].teks()
    assert any(clear) and not all(clear)  # the planted PPPK gap, and groups without one
    assert "Selisih yang intervalnya tidak mencakup nol" in t
    for r, c in zip(tested.itertuples(), clear, strict=True):  # listed iff clear
        said = f"{T(r.karakteristik)} {r.kelompok} {i18n.fmt_number(r.selisih, 2, 'id')}"
        assert (said in t) == c, said
    pppk = tested[tested["kelompok"] == "PPPK"].iloc[0]
    assert bagian.arah(pppk["ci_low"], pppk["ci_high"]) == "turun"
    assert "dapat muncul karena kebetulan" in t and f"Dengan {len(tested)} perbandingan" in t


def test_english_page_and_results_equal_indonesian():
    ind, eng = _bangun("lengkap"), _bangun("lengkap", "en")
    assert ind.hasil == eng.hasil
    assert "Between units" in eng["ringkasan"].teks()
    assert "Dalam unit" not in eng.teks()


# ------------------------------------------------------------------ helpers


def test_kemiringan_dalam_is_the_slope_through_the_origin():
    dev = pd.DataFrame({"ikm": [-2.0, -1.0, 1.0, 2.0], "skor_kinerja": [3.0, 1.0, -1.0, -4.0]})
    # sum(xy) / sum(x^2) = (-6 - 1 - 1 - 8) / 10
    assert halaman.kemiringan_dalam(dev) == pytest.approx(-1.6)
    assert np.isnan(halaman.kemiringan_dalam(dev.assign(ikm=0.0)))


def test_rentang_peringkat():
    assert halaman.rentang_peringkat(2, 2) == "2"
    assert halaman.rentang_peringkat(1, 4) == "1–4"
    assert halaman.rentang_peringkat(1000, 1200, "id") == "1.000–1.200"


def test_rank_range_column_shown():
    hal = _bangun("lengkap")
    S = pd.DataFrame(hal.hasil["korelasi"]["selisih_peringkat"])
    want = [halaman.rentang_peringkat(a, b) for a, b in zip(S["rank_ikm_min"], S["rank_ikm_max"],
                                                            strict=True)]
    assert hal["selisih"].tabel()["rentang"].tolist() == want


def test_naskah_korelasi_arah_is_a_deprecated_alias():
    from kinerja_analysis.laporan import naskah_korelasi

    with pytest.warns(DeprecationWarning):
        got = [naskah_korelasi.arah(*ci) for ci in ((0.1, 0.5), (-0.5, -0.1), (-0.1, 0.1),
                                                     (None, 1.0))]
    assert got == ["positif", "negatif", "tidak_jelas", "tidak_jelas"]


def test_catalog_has_every_direction_word():
    for stem in ("arti_antar_", "arti_dalam_", "arti_petugas_", "antar_judul_", "dalam_judul_"):
        for a in ("naik", "turun", "tidak_jelas"):
            assert set(KORELASI[stem + a]) == {"id", "en"}
    for kode, entry in halaman.KATALOG.items():
        assert set(entry) == {"id", "en"}, kode
        assert set(re.findall(r"{(\w+)}", entry["id"])) == set(re.findall(r"{(\w+)}",
                                                                          entry["en"])), kode


# ------------------------------------------------------------------ degenerate shapes

#: shape -> {section: (reason code, its parameters)}; unlisted sections show numbers
HARAPAN = {
    "tanpa_predikat": {"inflasi": ("tanpa_kolom", {"kolom": "predikat",
                                                   "berkas": "penilaian_kinerja"})},
    "predikat_kosong": {"inflasi": ("tanpa_kolom", {"kolom": "predikat",
                                                    "berkas": "penilaian_kinerja"})},
    "tanpa_survei": {s: ("tanpa_berkas", {"berkas": "survei_kepuasan"})
                     for s in SECTIONS if s != "metode"},
    "tanpa_penilaian": {s: ("tanpa_berkas", {"berkas": "penilaian_kinerja"})
                        for s in SECTIONS if s != "metode"},
    "satu_unit": {"antar_unit": ("unit_kurang", {"n": 1, "min": 4}),
                  "keadilan": ("disembunyikan", {"k": 10}),  # 5 + 5 officers < 10
                  "selisih": ("unit_kurang", {"n": 1, "min": 2})},
    "dua_unit": {"antar_unit": ("unit_kurang", {"n": 2, "min": 4})},
    "tiga_unit": {"antar_unit": ("unit_kurang", {"n": 3, "min": 4})},
    "empat_unit": {},
    "satu_triwulan": {"dalam_unit": ("triwulan_kurang", {"n": 1, "min": 2})},
    "tanpa_petugas": {"petugas": ("tanpa_kolom", {"kolom": "nip_petugas",
                                                  "berkas": "survei_kepuasan"}),
                      "keadilan": ("tanpa_kolom", {"kolom": "nip_petugas",
                                                   "berkas": "survei_kepuasan"})},
    "petugas_sedikit": {"petugas": ("petugas_kurang", {"n": 2, "k": 5, "min": 5}),
                        "keadilan": ("petugas_kurang", {"n": 2, "k": 5, "min": 5})},
    "tanpa_pegawai": {"keadilan": ("tanpa_berkas", {"berkas": "pegawai"})},
    "pegawai_tanpa_atribut": {"keadilan": ("tanpa_karakteristik", {})},
    "unit_tanpa_survei": {},
    "triwulan_skor_tanpa_survei": {},
    "triwulan_terpisah": {s: ("tanpa_sel_bersama", {"k": 5}) for s in SECTIONS if s != "metode"},
    "semua_sel_kecil": {s: ("disembunyikan", {"k": 5}) for s in SECTIONS if s != "metode"},
}
#: section -> results.json key it nulls
KUNCI = {"antar_unit": "antar_unit", "dalam_unit": "dalam_unit", "petugas": "petugas",
         "keadilan": "keadilan_penilai", "selisih": "selisih_peringkat",
         "inflasi": "inflasi_predikat", "unsur": "unsur", "ringkasan": "gabungan"}


@pytest.mark.parametrize("kasus", list(HARAPAN))
def test_degenerate_shape_gives_a_page_with_reasons(kasus):
    hal = _bangun(kasus)
    assert [b.kunci for b in hal] == SECTIONS
    R = hal.hasil["korelasi"]
    json.dumps(R, allow_nan=False)
    tt = R.get("tidak_tersedia", {})
    for key in tt:  # every recorded reason belongs to a null (or a dotted part)
        base, _, part = key.partition(".")
        assert part or R[base] is None, key
    for s in SECTIONS:
        b = hal[s]
        if s in HARAPAN[kasus]:
            kode, params = HARAPAN[kasus][s]
            assert b.alasan == kode, (s, b.alasan)
            assert _kalimat(kode, "id", **params) in b.teks()
            assert b.teks().startswith(_T()(halaman._JUDUL[s]))
            if s in KUNCI and s != "ringkasan":
                assert R[KUNCI[s]] is None and tt[KUNCI[s]] == kode, s
        else:
            assert b.tersedia, (s, b.alasan, b.teks()[-300:])
    assert hal["metode"].tersedia


@pytest.mark.parametrize("kasus", ["tanpa_predikat", "tiga_unit", "satu_triwulan",
                                   "tanpa_survei", "semua_sel_kecil", "petugas_sedikit"])
def test_degenerate_reasons_in_english(kasus):
    hal = _bangun(kasus, "en")
    for s, (kode, params) in HARAPAN[kasus].items():
        assert hal[s].alasan == kode
        assert _kalimat(kode, "en", **params) in hal[s].teks()
    assert hal.hasil == _bangun(kasus).hasil


def test_no_files_null_every_data_key():
    R = _bangun("tanpa_survei").hasil["korelasi"]
    assert R["variabel"]["x"] == "ikm" and R["unsur_penyesuaian_p"] == "holm"
    for key in halaman._KUNCI_DATA:
        assert R[key] is None and R["tidak_tersedia"][key] == "tanpa_berkas", key


def test_all_cells_small_keeps_panel_counts():
    R = _bangun("semua_sel_kecil").hasil["korelasi"]
    assert R["panel"]["n_sel"] == 6 and R["panel"]["n_sel_dibuang"] == 6
    assert R["panel"]["n_sel_dipakai"] == 0 and "panel" not in R["tidak_tersedia"]
    assert R["antar_unit"] is None and R["tidak_tersedia"]["antar_unit"] == "disembunyikan"
    assert R["tidak_tersedia"]["titik_antar_unit"] == "disembunyikan"


def test_few_units_summary_and_parts():
    hal = _bangun("tiga_unit")
    R = hal.hasil["korelasi"]
    tt = R["tidak_tersedia"]
    assert tt["kualitas_pelayanan.antar_unit"] == "unit_kurang"
    assert R["kualitas_pelayanan"]["antar_unit"] is None
    assert R["kualitas_pelayanan"]["dalam_unit"]["pearson"]["r"] is not None
    assert tt["unsur.antar_unit"] == "unit_kurang"
    assert {r["tingkat"] for r in R["unsur"]} == {"dalam_unit"} and len(R["unsur"]) == 18
    t = hal["ringkasan"].teks()
    assert "- **Antar unit:** " + _kalimat("unit_kurang", "id", n=3, min=4) in t
    assert "- **Dalam unit dari waktu ke waktu:** korelasi berulang" in t
    assert set(hal["ringkasan"].tabel()["tingkat"]) == {"Dalam unit", "Gabungan (menyesatkan)"}
    assert R["selisih_peringkat"] is not None and len(R["selisih_peringkat"]) == 3
    assert R["titik_antar_unit"] is not None


def test_one_quarter_elements_between_units_only():
    hal = _bangun("satu_triwulan")
    R = hal.hasil["korelasi"]
    assert R["tidak_tersedia"]["unsur.dalam_unit"] == "triwulan_kurang"
    assert {r["tingkat"] for r in R["unsur"]} == {"antar_unit"}
    t = hal["unsur"].teks()
    assert "Antar unit, unsur dengan korelasi terkuat" in t and "Dalam unit, unsur" not in t
    assert "- **Dalam unit dari waktu ke waktu:** " + _kalimat(
        "triwulan_kurang", "id", n=1, min=2) in hal["ringkasan"].teks()
    # the strongest between-unit element is the one named
    fam = [r for r in R["unsur"] if r["metode"] == "pearson" and r["r"] is not None]
    top = max(fam, key=lambda r: abs(r["r"]))
    assert f"**{top['unsur'].upper()} " in t


def test_one_unit_officers_without_mixed_model():
    hal = _bangun("satu_unit")
    PT = hal.hasil["korelasi"]["petugas"]
    assert PT["n_unit"] == 1 and PT["koefisien"] is None
    t = hal["petugas"].teks()
    assert "Model campuran (intersep acak per unit) tidak dapat dihitung" in t
    assert "setiap 1 poin kepuasan" not in t


def test_one_unit_dalam_unit_still_available():
    R = _bangun("satu_unit").hasil["korelasi"]
    assert R["dalam_unit"]["pearson"]["df"] == 4 - 1 - 1


def test_unit_with_scores_but_no_survey_is_said():
    hal = _bangun("unit_tanpa_survei")
    P_ = hal.hasil["korelasi"]["panel"]
    assert P_["n_unit_tanpa_survei"] == 1 and P_["n_unit"] == 8
    assert ("1 unit memiliki skor pegawai tetapi tidak memiliki survei kepuasan"
            in hal["ringkasan"].teks())
    assert "Kelurahan U08" not in {r["unit_kerja"]
                                   for r in hal.hasil["korelasi"]["selisih_peringkat"]}
    assert "tidak memiliki survei" not in _bangun("lengkap")["ringkasan"].teks()


def test_quarter_of_scores_without_survey_is_said():
    hal = _bangun("triwulan_skor_tanpa_survei")
    assert hal.hasil["korelasi"]["panel"]["triwulan_tanpa_survei"] == ["2025-Q1"]
    assert "Skor pegawai Triwulan I 2025 belum memiliki survei kepuasan" in \
        hal["ringkasan"].teks()
    assert "Triwulan IV 2024" in hal["ringkasan"].teks()  # the analysed range ends before


def test_single_grade_inflation_text():
    d = _bahan()
    s = d.survei_kepuasan
    d = _cut(d, survei_kepuasan=s.assign(**{u: 3.0 for u in K.UNSUR}))  # IKM 75: grade C
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        hal = halaman.bangun(d, P)
    I = hal.hasil["korelasi"]["inflasi_predikat"]  # noqa: E741
    assert [r["mutu"] for r in I] == ["C"]
    assert "Semua unit-triwulan bermutu C" in hal["inflasi"].teks()
    # no variation in IKM at all: the correlations say so instead of showing NaN
    assert hal["antar_unit"].alasan == "tanpa_variasi"
    assert hal["dalam_unit"].alasan == "tanpa_variasi"
    assert hal.hasil["korelasi"]["tidak_tersedia"]["unsur"] == "tanpa_variasi"


def test_fairness_with_one_characteristic():
    d = _bahan()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        hal = halaman.bangun(_cut(d, pegawai=d.pegawai[["id_pegawai", "jenis_kelamin"]]), P)
    KP = hal.hasil["korelasi"]["keadilan_penilai"]
    assert {r["karakteristik"] for r in KP} == {"jenis_kelamin"}
    assert hal["keadilan"].tersedia


def test_every_reason_code_is_known_and_documented():
    doc = (ROOT / "docs" / "results_schema.md").read_text(encoding="utf-8")
    sec = doc.split("### Survey-to-score correlations (notebook 02, `korelasi`)", 1)[1]
    sec = sec.split("\n### ", 1)[0]
    known = set(bagian.ALASAN) | set(halaman.KATALOG)
    used = set()
    for kasus in HARAPAN:
        hal = _bangun(kasus)
        used |= {b.alasan for b in hal if b.alasan}
        used |= set(hal.hasil["korelasi"].get("tidak_tersedia", {}).values())
    assert used <= known
    for kode in used | set(halaman.KATALOG):
        assert f"`{kode}`" in sec, kode


# ------------------------------------------------------------------ notebook


def test_notebook_is_thin_and_parameters_match():
    nb = nbformat.read(ROOT / "notebooks" / "02_korelasi_survei_skor.ipynb", as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    params = code[0].source
    assert "parameters" in code[0].metadata["tags"]
    defaults = halaman.Parameter()
    for name in ("k_min_pegawai", "k_min_responden", "maks_unit_tampil", "seed", "n_permutasi"):
        assert f"{name} = {getattr(defaults, name)}" in params, name
    shown = [re.fullmatch(r'tampilkan\(hal\["(\w+)"\]\)', c.source.strip()) for c in code[2:]]
    assert all(shown) and [m.group(1) for m in shown] == SECTIONS
    assert "n_permutasi=n_permutasi" in code[1].source


def test_too_few_cells_within_units_names_the_cells_needed():
    """2 units x 2 quarters: 4 cells, the within-unit correlation needs units + 3 = 5."""
    for lang in ("id", "en"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            hal = halaman.bangun(_bahan(units=2, quarters=2), replace(P, lang=lang))
        R = hal.hasil["korelasi"]
        assert R["panel"]["n_unit"] == 2 and R["panel"]["n_sel_dipakai"] == 4
        assert hal["dalam_unit"].alasan == "dalam_unit_kurang"
        assert _kalimat("dalam_unit_kurang", lang, n=4, n_unit=2, min=5) in hal[
            "dalam_unit"].teks()
