"""Page 00 (gambaran) built as package code: sections, results.json sections, degraded data.

Every test builds a small hand-made data object, runs ``bangun`` and checks what the page
shows against ``hal.hasil`` (the numbers of results.json), the reason code and sentence of
each degraded section in both languages, and the up/down decision of the trend title.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
import pytest

from kinerja_analysis import i18n, ikm, skp, triwulan
from kinerja_analysis.laporan import naskah
from kinerja_analysis.laporan.bagian import ALASAN, Halaman, kalimat_alasan
from kinerja_analysis.laporan.bagian import gambaran as G

ROOT = Path(__file__).resolve().parents[1]
UNSUR = list(ikm.UNSUR_KODE)
QS = ["2025-Q2", "2025-Q3", "2025-Q4"]
UNITS = ["Kelurahan A", "Kelurahan B", "Kelurahan C"]
SECTIONS = ["ringkasan", "baris_input", "cakupan", "ikm_unit", "ikm_tren", "ikm_peta", "unsur",
            "profil", "rtl", "predikat", "predikat_unit"]


class Data:
    """A stand-in for :class:`kinerja_analysis.muat.Data`: tables as attributes."""

    def __init__(self, ringkasan=None, **tables):
        for name in ("kebijakan", "pegawai", "penilaian_kinerja", "survei_kepuasan",
                     "survei_asn", "tindak_lanjut"):
            setattr(self, name, tables.get(name))
        self.ringkasan = ringkasan if ringkasan is not None else RINGKASAN


RINGKASAN = {"input": {
    "kebijakan": {"file": "kebijakan.csv", "read": 3, "accepted": 3, "rejected": 0,
                  "sha256": "x"},
    "survei_kepuasan": {"file": "survei_kepuasan.csv", "read": 100, "accepted": 97,
                        "rejected": 3, "sha256": "y"}}}


def survei(units=UNITS, qs=QS, n=20, seed=0, mean=None, profil=True) -> pd.DataFrame:
    """Respondents per unit and quarter; answers drawn around ``mean[(unit, q)]`` (1-4)."""
    rng = np.random.default_rng(seed)
    rows = []
    for u in units:
        for q in qs:
            m = (mean or {}).get((u, q), 3.2)
            k = n.get((u, q), 0) if isinstance(n, dict) else n
            for _ in range(k):
                ans = np.clip(np.rint(rng.normal(m, 0.6, len(UNSUR))), 1, 4)
                rows.append({"unit_kerja": u, "triwulan": q, **dict(zip(UNSUR, ans,
                                                                         strict=True))})
    df = pd.DataFrame(rows, columns=["unit_kerja", "triwulan", *UNSUR])
    if profil:
        df["jenis_kelamin"] = np.where(np.arange(len(df)) % 3 == 0, "P", "L")
        df["kelompok_usia"] = np.where(np.arange(len(df)) % 2 == 0, "25-34", "35-44")
        df["pendidikan"] = "S1"
        df["pekerjaan"] = np.where(np.arange(len(df)) % 4 == 0, "PNS", "Swasta")
        df["jenis_layanan"] = "KTP"
    return df


def penilaian(units=UNITS, qs=QS, n=30, predikat=True) -> pd.DataFrame:
    labels = list(skp.PREDIKAT_LABELS)
    rows = [{"unit_kerja": u, "triwulan": q, "id_pegawai": f"{u}-{i}", "skor_kinerja": 80.0,
             "predikat": labels[i % 3] if i % 10 else labels[4]}
            for u in units for q in qs for i in range(n)]
    df = pd.DataFrame(rows)
    if not predikat:
        df = df.drop(columns="predikat")
    return df


def data(**kw) -> Data:
    tables = {"kebijakan": pd.DataFrame({"unit_kerja": UNITS}),
              "pegawai": pd.DataFrame({"id_pegawai": range(90), "unit_kerja": UNITS * 30}),
              "penilaian_kinerja": penilaian(), "survei_kepuasan": survei()}
    tables.update(kw)
    return Data(**tables)


def bangun(d, lang="id", **params) -> Halaman:
    return G.bangun(d, G.Parameter(lang=lang, **params))


def _sentence(code, lang, **params):
    return kalimat_alasan(code, lang, G.ALASAN_GAMBARAN, **params)


# ------------------------------------------------------------------- full data


def test_full_page_sections_results_and_numbers_shown():
    hal = bangun(data())
    assert list(hal.bagian) == SECTIONS
    assert all(b.tersedia for b in hal), [(b.kunci, b.alasan) for b in hal]
    assert set(hal.hasil) == {"data", "ikm", "skp"}
    R = hal.hasil["ikm"]
    assert list(R) == ["periode_akhir", "keseluruhan_periode_akhir", "per_unit", "keseluruhan",
                       "unsur", "profil_responden", "rencana_tindak_lanjut"]
    assert R["periode_akhir"] == "2025-Q4" and len(R["per_unit"]) == 9
    assert set(R["per_unit"][0]) == {"unit_kerja", "periode", "n_responden", "ikm", "ci_low",
                                     "ci_high", "mutu", "kinerja_unit", "unsur_terendah",
                                     "suppressed", "estimate", "n"}
    assert json.loads(json.dumps(hal.hasil)) == hal.hasil  # plain JSON, no NaN
    K = R["keseluruhan_periode_akhir"]
    assert set(K) == {"estimate", "ci_low", "ci_high", "n", "mutu", "kinerja_unit"}
    text = hal["ringkasan"].teks()
    for x in ("estimate", "ci_low", "ci_high"):
        assert i18n.fmt_number(K[x], 2, "id") in text
    assert "**3 unit kerja**, **90 pegawai** dan **180 responden survei kepuasan**" in text
    # the IKM table shows the rounded values of results.json, unit by unit
    tab = hal["ikm_unit"].tabel()
    now = {r["unit_kerja"]: r for r in R["per_unit"] if r["periode"] == "2025-Q4"}
    prev = {r["unit_kerja"]: r for r in R["per_unit"] if r["periode"] == "2025-Q3"}
    for row in tab.itertuples():
        assert row.ikm == now[row.unit_kerja]["ikm"]
        assert row.ik95 == _ik(now[row.unit_kerja])
        assert row.perubahan == pytest.approx(now[row.unit_kerja]["ikm"]
                                              - prev[row.unit_kerja]["ikm"])
    # rows read / rejected
    assert "**3** dari 103 baris" in hal["baris_input"].teks()
    assert hal.hasil["data"]["survei_kepuasan"] == {"file": "survei_kepuasan.csv",
                                                    "read": 100, "accepted": 97, "rejected": 3}
    S = hal.hasil["skp"]
    assert S["n"] == 90 and S["k_min_pegawai"] == 10 and len(S["predikat"]) == 5
    shown = [None if pd.isna(x) else x for x in hal["predikat"].tabel()["n"]]
    assert shown == [p["n"] for p in S["predikat"]]


def _ik(r):
    return i18n.fmt_ci(r["ci_low"], r["ci_high"], 2, "id").split(": ", 1)[-1]


def test_rtl_is_planned_for_the_next_quarter_across_the_year():
    hal = bangun(data())
    rtl = hal["rtl"].tabel()
    assert set(rtl["waktu"]) == {i18n.fmt_periode("2026-Q1", "id")}
    assert triwulan.geser("2025-Q4", 1) == "2026-Q1"
    R = hal.hasil["ikm"]
    lowest = sorted((u["nrr"], u["unsur"]) for u in R["unsur"])[:3]
    assert [r["unsur"] for r in R["rencana_tindak_lanjut"]] == [u for _, u in lowest]
    assert rtl["nrr"].tolist() == [n for n, _ in lowest]


def test_unsur_section_names_the_lowest_element_of_results_json():
    hal = bangun(data(), lang="en")
    low = [u for u in hal.hasil["ikm"]["unsur"] if u["terendah"]][0]
    text = hal["unsur"].teks()
    assert f"**{low['nama_en']}** (NRR {i18n.fmt_number(low['nrr'], 3, 'en')})" in text


def test_profile_table_equals_results_json():
    hal = bangun(data())
    prof = hal.hasil["ikm"]["profil_responden"]
    tab = hal["profil"].tabel()
    assert tab["n"].tolist() == [p["n"] for p in prof]
    assert "Profil 60 responden" in hal["profil"].teks()


# --------------------------------------------------------------- trend direction


def _trend(q_means, n=60, seed=1):
    mean = {(u, q): m for u in UNITS for q, m in q_means.items()}
    return bangun(data(survei_kepuasan=survei(qs=list(q_means), n=n, mean=mean, seed=seed)))


@pytest.mark.parametrize(("means", "key"), [
    ({"2025-Q2": 2.6, "2025-Q3": 3.0, "2025-Q4": 3.4}, "tren_judul_naik"),
    ({"2025-Q2": 3.4, "2025-Q3": 3.0, "2025-Q4": 2.6}, "tren_judul_turun"),
])
def test_trend_title_up_or_down_when_the_interval_says_so(means, key):
    hal = _trend(means)
    total = hal.hasil["ikm"]["keseluruhan"]
    a, b = total[0]["ikm"], total[-1]["ikm"]
    T = naskah.Naskah(naskah.GAMBARAN, "id")
    assert hal["ikm_tren"].gambar()[0].judul == T(key, a=i18n.fmt_number(a, 2, "id"),
                                                  b=i18n.fmt_number(b, 2, "id"))


def test_trend_title_unclear_when_the_change_is_within_noise():
    # the same answers drawn in both quarters with a different seed: a small point change
    # whose interval includes 0 must not be called "naik" or "turun"
    df = pd.concat([survei(qs=["2025-Q3"], n=15, seed=3), survei(qs=["2025-Q4"], n=15, seed=4)])
    hal = bangun(data(survei_kepuasan=df))
    total = hal.hasil["ikm"]["keseluruhan"]
    assert total[0]["ikm"] != total[-1]["ikm"]
    judul = hal["ikm_tren"].gambar()[0].judul
    assert "belum jelas" in judul and "naik" not in judul and "turun" not in judul


# ----------------------------------------------------------------- degraded data


@pytest.mark.parametrize("lang", ["id", "en"])
def test_no_citizen_survey(lang):
    hal = bangun(data(survei_kepuasan=None), lang=lang)
    sentence = _sentence("tanpa_berkas", lang, berkas="survei_kepuasan")
    for key in ("cakupan", "ikm_unit", "unsur", "profil", "rtl"):
        assert hal[key].alasan == "tanpa_berkas", key
        assert sentence in hal[key].teks()
    # the trend and heat map sit under the IKM heading: the reason is said once, there
    for key in ("ikm_tren", "ikm_peta"):
        assert hal[key].alasan == "tanpa_berkas" and hal[key].teks() == ""
    assert hal.teks().count(sentence) == 6  # summary, coverage, IKM, NRR, profile, plan
    assert sentence in hal["ringkasan"].teks()
    R = hal.hasil["ikm"]
    for key in G._IKM_KEYS:
        assert R[key] is None and R["tidak_tersedia"][key] == "tanpa_berkas"
    assert R["periode_akhir"] == "2025-Q4"
    assert hal["predikat"].tersedia and hal.hasil["skp"]["predikat"]
    # the summary still counts what is there
    n_pegawai = "**90 pegawai**" if lang == "id" else "**90 staff**"
    assert n_pegawai in hal["ringkasan"].teks()


@pytest.mark.parametrize("lang", ["id", "en"])
def test_no_scores_and_no_staff(lang):
    hal = bangun(data(penilaian_kinerja=None, pegawai=None), lang=lang)
    sentence = _sentence("tanpa_berkas", lang, berkas="penilaian_kinerja")
    assert hal["predikat"].alasan == "tanpa_berkas" and sentence in hal["predikat"].teks()
    assert hal["predikat_unit"].alasan == "tanpa_berkas" and not hal["predikat_unit"].blok
    S = hal.hasil["skp"]
    assert S["n"] is None and S["predikat"] is None
    assert S["tidak_tersedia"] == {"n": "tanpa_berkas", "predikat": "tanpa_berkas"}
    text = hal["ringkasan"].teks()
    assert ("pegawai" if lang == "id" else "staff") not in text
    assert hal["ikm_unit"].tersedia


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("how", ["absent", "all_null"])
def test_scores_without_predikat_or_ratings(lang, how):
    pen = penilaian(predikat=how != "absent")
    if how == "all_null":
        pen["predikat"] = None
    hal = bangun(data(penilaian_kinerja=pen), lang=lang)
    assert hal["predikat_unit"].alasan == "tanpa_predikat"
    assert hal["predikat"].alasan == "tanpa_predikat"
    assert hal.teks().count(_sentence("tanpa_predikat", lang)) == 1
    assert hal.hasil["skp"]["tidak_tersedia"]["predikat"] == "tanpa_predikat"


@pytest.mark.parametrize("lang", ["id", "en"])
def test_last_quarter_with_scores_but_no_survey(lang):
    hal = bangun(data(survei_kepuasan=survei(qs=QS[:2]),
                      penilaian_kinerja=penilaian()), lang=lang)
    assert hal.hasil["ikm"]["periode_akhir"] == "2025-Q4"
    sentence = _sentence("tanpa_data_periode", lang, berkas="survei_kepuasan",
                         periode=i18n.fmt_periode("2025-Q4", lang))
    for key in ("ikm_unit", "unsur", "profil", "rtl"):
        assert hal[key].alasan == "tanpa_data_periode" and sentence in hal[key].teks()
    assert sentence in hal["ringkasan"].teks()
    R = hal.hasil["ikm"]
    assert R["keseluruhan_periode_akhir"] is None
    assert R["tidak_tersedia"]["keseluruhan_periode_akhir"] == "tanpa_data_periode"
    assert {r["periode"] for r in R["per_unit"]} == set(QS[:2])
    # the trend and the heat map still show the quarters that have a survey
    assert hal["ikm_tren"].tersedia and hal["ikm_peta"].tersedia and hal["cakupan"].tersedia
    assert hal["predikat"].tersedia


def test_last_quarter_with_survey_but_no_scores():
    hal = bangun(data(penilaian_kinerja=penilaian(qs=QS[:2])))
    assert hal["ikm_unit"].tersedia
    for key in ("predikat", "predikat_unit"):
        assert hal[key].alasan == "tanpa_data_periode"
    assert hal.hasil["skp"]["tidak_tersedia"]["predikat"] == "tanpa_data_periode"


def test_many_units_heat_map_ranks_by_last_quarter_with_an_ikm():
    units = [f"Unit {i:02d}" for i in range(8)]
    hal = bangun(data(kebijakan=pd.DataFrame({"unit_kerja": units}),
                      survei_kepuasan=survei(units=units, qs=QS[:2], n=6),
                      penilaian_kinerja=penilaian(units=units)), maks_unit_tampil=4)
    peta = hal["ikm_peta"]
    assert peta.tersedia
    assert i18n.fmt_periode("2025-Q3", "id") in peta.teks()  # ranked by 2025-Q3


def test_heat_map_without_an_ikm_in_the_period_ranks_by_the_latest_quarter_with_one():
    """Three surveyed quarters before the period: the ranking quarter is the latest of them
    (2025-Q3), not another one (with two quarters the first and last index coincide)."""
    units = [f"Unit {i:02d}" for i in range(8)]
    qs = ["2025-Q1", "2025-Q2", "2025-Q3"]
    hal = bangun(data(kebijakan=pd.DataFrame({"unit_kerja": units}),
                      survei_kepuasan=survei(units=units, qs=qs, n=6),
                      penilaian_kinerja=penilaian(units=units, qs=[*qs, "2025-Q4"])),
                 maks_unit_tampil=4)
    assert hal.hasil["ikm"]["periode_akhir"] == "2025-Q4"
    text = hal["ikm_peta"].teks()
    assert "menurut IKM Triwulan III 2025." in text
    assert "Triwulan I 2025" not in text and "Triwulan II 2025" not in text


@pytest.mark.parametrize("lang", ["id", "en"])
def test_survey_file_without_rows(lang):
    hal = bangun(data(survei_kepuasan=survei(n=0)), lang=lang)
    assert hal["cakupan"].alasan == "data_kurang"
    assert kalimat_alasan("data_kurang", lang, n=0, min=1) in hal["cakupan"].teks()
    assert hal["ikm_unit"].alasan == "tanpa_data_periode" and hal["predikat"].tersedia


@pytest.mark.parametrize("lang", ["id", "en"])
def test_one_quarter_only(lang):
    d = data(survei_kepuasan=survei(qs=["2025-Q4"]), penilaian_kinerja=penilaian(qs=["2025-Q4"]))
    hal = bangun(d, lang=lang)
    assert hal["ikm_tren"].alasan == "triwulan_kurang"
    assert kalimat_alasan("triwulan_kurang", lang, n=1, min=2) in hal["ikm_tren"].teks()
    # the unit table is shown; its change column is empty, and a sentence says why
    assert hal["ikm_unit"].tersedia
    assert hal["ikm_unit"].tabel()["perubahan"].isna().all()
    T = naskah.Naskah(naskah.GAMBARAN, lang)
    assert T("perubahan_tanpa_sebelum", prev=i18n.fmt_periode("2025-Q3", lang)) \
        in hal["ikm_unit"].teks()
    assert all(hal[k].tersedia for k in ("cakupan", "ikm_peta", "unsur", "profil", "rtl",
                                         "predikat", "predikat_unit"))
    fp = i18n.fmt_periode("2025-Q4", lang)
    text = hal["ringkasan"].teks()
    assert (f"pada {fp}." if lang == "id" else f"in {fp}.") in text
    assert (f"dari {fp} sampai" if lang == "id" else f"from {fp} to") not in text


def test_change_uses_the_previous_quarter():
    mean = {(u, q): m for u in UNITS for q, m in zip(QS, (2.0, 3.0, 3.5), strict=True)}
    hal = bangun(data(survei_kepuasan=survei(mean=mean, n=30)))
    R = pd.DataFrame(hal.hasil["ikm"]["per_unit"]).set_index(["unit_kerja", "periode"])["ikm"]
    tab = hal["ikm_unit"].tabel().set_index("unit_kerja")
    for u in UNITS:
        assert tab.loc[u, "perubahan"] == pytest.approx(R[(u, "2025-Q4")] - R[(u, "2025-Q3")])


def test_one_unit():
    d = data(kebijakan=pd.DataFrame({"unit_kerja": UNITS[:1]}),
             survei_kepuasan=survei(units=UNITS[:1]), penilaian_kinerja=penilaian(units=UNITS[:1]))
    hal = bangun(d)
    assert all(b.tersedia for b in hal), [(b.kunci, b.alasan) for b in hal]
    assert len(hal["ikm_unit"].tabel()) == 1
    assert "**1 unit kerja**" in hal["ringkasan"].teks()


@pytest.mark.parametrize("lang", ["id", "en"])
def test_element_never_answered_in_a_unit(lang):
    s = survei()
    s.loc[s["unit_kerja"] == "Kelurahan B", "u4"] = np.nan
    hal = bangun(data(survei_kepuasan=s), lang=lang)
    rows = {r["unit_kerja"]: r for r in hal.hasil["ikm"]["per_unit"]
            if r["periode"] == "2025-Q4"}
    assert rows["Kelurahan B"]["ikm"] is None and rows["Kelurahan B"]["suppressed"] is False
    assert rows["Kelurahan A"]["ikm"] is not None
    T = naskah.Naskah(naskah.GAMBARAN, lang)
    assert T("ikm_unit_tanpa_unsur", n="1") in hal["ikm_unit"].teks()
    assert hal["ikm_peta"].tersedia and hal["ikm_tren"].tersedia


@pytest.mark.parametrize("lang", ["id", "en"])
def test_element_never_answered_in_the_period(lang):
    s = survei()
    s.loc[s["triwulan"] == "2025-Q4", "u4"] = np.nan
    hal = bangun(data(survei_kepuasan=s), lang=lang)
    R = hal.hasil["ikm"]
    assert R["keseluruhan_periode_akhir"] is None
    assert R["tidak_tersedia"]["keseluruhan_periode_akhir"] == "unsur_kosong"
    nama = ikm.UNSUR[3].nama_id if lang == "id" else ikm.UNSUR[3].nama_en
    assert _sentence("unsur_kosong", lang, periode=i18n.fmt_periode("2025-Q4", lang),
                     unsur=nama) in hal["ringkasan"].teks()
    u4 = [u for u in R["unsur"] if u["unsur"] == "u4"][0]
    assert u4["nrr"] is None and u4["n"] == 0 and not u4["terendah"]
    assert "u4" not in [r["unsur"] for r in R["rencana_tindak_lanjut"]]
    assert len(R["rencana_tindak_lanjut"]) == 3
    T = naskah.Naskah(naskah.GAMBARAN, lang)
    assert T("unsur_tanpa_jawaban", daftar=nama, periode=i18n.fmt_periode("2025-Q4", lang)) \
        in hal["unsur"].teks()
    # the trend shows the quarters with an IKM; the last one has none
    assert hal["ikm_tren"].tersedia
    # the previous quarter has an IKM: the change is missing because of this quarter only
    assert T("ikm_unit_tanpa_unsur", n="3") in hal["ikm_unit"].teks()
    assert T("perubahan_tanpa_sebelum", prev=i18n.fmt_periode("2025-Q3", lang)) \
        not in hal["ikm_unit"].teks()


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_unit_cell_suppressed(lang):
    # 4 respondents per cell (< 5) but 12 per quarter: the area's IKM is still published
    hal = bangun(data(survei_kepuasan=survei(n=4)), lang=lang)
    sentence = kalimat_alasan("disembunyikan", lang, k=5)
    assert hal["ikm_unit"].alasan == "disembunyikan" and sentence in hal["ikm_unit"].teks()
    assert hal["ikm_peta"].alasan == "disembunyikan" and not hal["ikm_peta"].blok
    R = hal.hasil["ikm"]
    assert all(r["suppressed"] and r["ikm"] is None for r in R["per_unit"])
    assert R["keseluruhan_periode_akhir"]["n"] == 12
    assert hal["ikm_tren"].tersedia and hal["cakupan"].tersedia
    T = naskah.Naskah(naskah.GAMBARAN, lang)
    assert T("cakupan_kecil", n=9, k=5) in hal["cakupan"].teks()


def test_large_minimum_is_written_as_a_formatted_number():
    hal = bangun(data(), k_min_responden=1000)
    assert kalimat_alasan("disembunyikan", "id", k="1.000") in hal["ikm_unit"].teks()
    assert "1000" not in hal.teks()


def test_fewer_respondents_than_k_in_the_whole_quarter():
    hal = bangun(data(survei_kepuasan=survei(n=1)))  # 3 respondents per quarter
    R = hal.hasil["ikm"]
    assert all(r["ikm"] is None for r in R["keseluruhan"])
    for key in ("keseluruhan_periode_akhir", "unsur", "profil_responden",
                "rencana_tindak_lanjut"):
        assert R[key] is None and R["tidak_tersedia"][key] == "disembunyikan"
    for key in ("ikm_unit", "ikm_tren", "ikm_peta", "unsur", "profil", "rtl"):
        assert hal[key].alasan == "disembunyikan", key


@pytest.mark.parametrize("lang", ["id", "en"])
def test_survey_without_profile_columns(lang):
    hal = bangun(data(survei_kepuasan=survei(profil=False)), lang=lang)
    assert hal["profil"].alasan == "tanpa_kolom"
    assert hal.hasil["ikm"]["profil_responden"] is None
    assert "jenis_kelamin" in hal["profil"].teks()
    assert hal["unsur"].tersedia and hal["rtl"].tersedia


def test_profile_shows_only_the_filled_columns():
    s = survei()
    s["pendidikan"] = None  # entirely blank: left out, not one "(kosong)" row of 100 %
    hal = bangun(data(survei_kepuasan=s))
    kar = {r["karakteristik"] for r in hal.hasil["ikm"]["profil_responden"]}
    assert kar == {"jenis_kelamin", "kelompok_usia", "pekerjaan", "jenis_layanan"}


def test_few_staff_hide_the_predikat_tables():
    hal = bangun(data(penilaian_kinerja=penilaian(units=UNITS[:1], n=3)))
    assert hal["predikat"].alasan == "disembunyikan"
    assert hal.hasil["skp"]["n"] == 3 and hal.hasil["skp"]["predikat"] is None


def test_no_tables_at_all():
    hal = bangun(Data(ringkasan={}), lang="en")
    assert list(hal.bagian) == SECTIONS
    assert not any(b.tersedia for b in hal)
    assert hal.hasil["ikm"]["periode_akhir"] is None
    # every null has its reason code
    for sec in (hal.hasil["ikm"], hal.hasil["skp"]):
        nulls = {k for k, v in sec.items() if v is None}
        assert nulls and nulls == set(sec["tidak_tersedia"])


def test_with_parquet_files_through_muat(tmp_path):
    from kinerja_analysis.muat import muat

    survei().to_parquet(tmp_path / "survei_kepuasan.parquet")
    pd.DataFrame({"unit_kerja": UNITS}).to_parquet(tmp_path / "kebijakan.parquet")
    (tmp_path / "ringkasan.json").write_text(json.dumps(RINGKASAN))
    hal = G.bangun(muat(tmp_path, "2025-Q3"), G.Parameter(periode_akhir="2025-Q3"))
    assert hal.hasil["ikm"]["periode_akhir"] == "2025-Q3"
    assert {r["periode"] for r in hal.hasil["ikm"]["per_unit"]} == {"2025-Q2", "2025-Q3"}
    assert hal["predikat"].alasan == "tanpa_berkas" and hal["ikm_unit"].tersedia
    out = hal.simpan(tmp_path / "hasil")
    assert json.loads((tmp_path / "hasil" / "ikm.json").read_text()) == out["ikm"]


def test_many_units_cut_the_display_not_results_json():
    units = [f"Unit {i:02d}" for i in range(12)]
    mean = {(u, q): 2.2 + 0.15 * i for i, u in enumerate(units) for q in QS}
    hal = bangun(data(kebijakan=pd.DataFrame({"unit_kerja": units}),
                      survei_kepuasan=survei(units=units, n=8, mean=mean),
                      penilaian_kinerja=penilaian(units=units, n=12)), maks_unit_tampil=4)
    assert len(hal["ikm_unit"].tabel()) == 4
    assert len([r for r in hal.hasil["ikm"]["per_unit"] if r["periode"] == "2025-Q4"]) == 12
    assert "12 unit seluruhnya" in hal["ikm_unit"].teks()
    assert "12 unit seluruhnya" in hal["predikat_unit"].teks()


# ------------------------------------------------------------------ text, docs


def test_reason_codes_are_documented_and_bilingual():
    doc = (ROOT / "docs" / "results_schema.md").read_text(encoding="utf-8")
    start = doc.find("### Data overview (notebook 00, `gambaran`)")
    assert start >= 0, "page 00 subsection missing in docs/results_schema.md"
    part = doc[start:doc.find("\n### ", start + 5) if "\n### " in doc[start + 5:] else None]
    used = {"tanpa_berkas", "tanpa_kolom", "tanpa_data_periode", "triwulan_kurang",
            "data_kurang", "disembunyikan", *G.ALASAN_GAMBARAN}
    for code in used:
        assert f"`{code}`" in part, code
        assert code in ALASAN or code in G.ALASAN_GAMBARAN
    for entry in G.ALASAN_GAMBARAN.values():
        assert set(entry) == {"id", "en"}
        assert set(re.findall(r"{(\w+)}", entry["id"])) == set(re.findall(r"{(\w+)}",
                                                                           entry["en"]))


def test_catalog_complete_and_placeholders_match():
    for key, entry in naskah.GAMBARAN.items():
        assert set(entry) == {"id", "en"}, key
        assert set(re.findall(r"{(\w+)}", entry["id"])) == set(re.findall(r"{(\w+)}",
                                                                           entry["en"])), key


def test_partial_summary_equals_the_full_sentence_when_all_present():
    # the summary built from parts (used when an input is absent) reads like the full one
    T = naskah.Naskah(naskah.GAMBARAN, "en")
    p = {"awal": "Q1 2021", "akhir": "Q4 2025"}
    ikm_p = {"ikm": "86.56", "low": "85.88", "high": "87.23", "mutu": "B", "kinerja": "Good",
             "n_akhir": "738"}
    parts = [T("bag_unit", n="12"), T("bag_pegawai", n="266"), T("bag_responden", n="14,361")]
    built = T("ringkasan_data", daftar=G._daftar(parts, "en"), **p) + " " + \
        T("ringkasan_ikm", akhir=p["akhir"], **ikm_p)
    assert built == T("ringkasan", n_unit="12", n_pegawai="266", n_responden="14,361", **p,
                      **ikm_p)


def test_notebook_is_thin_and_shows_every_section_once():
    nb = nbformat.read(ROOT / "notebooks" / "00_gambaran_data.ipynb", as_version=4)
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    body = code[2:]
    assert "halaman.bangun(" in code[1] and "hal.simpan(results_dir)" in code[1]
    for src in body:
        assert re.fullmatch(r'tampilkan\(hal\["\w+"\]\)', src.strip()), src
    for src in code[1:]:
        assert not re.search(r"\bdef\b|\blambda\b|\bif\b|\bround\(|\bfor\b", src), src
    shown = [re.search(r'"(\w+)"', s).group(1) for s in body]
    assert shown == SECTIONS
