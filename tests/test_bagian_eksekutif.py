"""Page 04 (executive summary) as package code: every combination of missing results.

The fixture is a small hand-made results dict in the shape of the demo's results.json
(sections ikm, dampak, korelasi, hambatan, skp as pages 00-03 write them). Each test
removes or nulls parts of it, as pages 00-03 do when their data are missing, and checks
that the page is still built, says which page lacks data (reason ``tanpa_hasil``), and
that the numbers shown are those in ``hal.hasil``.
"""

from __future__ import annotations

import copy
import json
import re

import pytest

from kinerja_analysis import i18n
from kinerja_analysis.hambatan import muat_leksikon
from kinerja_analysis.laporan import eksekutif as ek
from kinerja_analysis.laporan.bagian import ALASAN, kalimat_alasan
from kinerja_analysis.laporan.bagian import eksekutif as halaman
from kinerja_analysis.laporan.naskah_eksekutif import EKSEKUTIF
from kinerja_analysis.laporan.teks import JUDUL

LANGS = ("id", "en")
ID_WORDS = ("dan", "yang", "dengan", "untuk", "tidak", "dari", "pada", "adalah", "sampai",
            "belum", "lebih", "karena", "secara", "seluruh", "pegawai", "triwulan", "halaman")
EN_WORDS = ("the", "and", "with", "from", "of", "which", "not", "staff", "quarter", "page")


def _unit(u, periode, ikm, lo, hi, mutu, n=40):
    return {"unit_kerja": u, "periode": periode, "n_responden": n, "ikm": ikm, "ci_low": lo,
            "ci_high": hi, "mutu": mutu, "kinerja_unit": "Baik", "unsur_terendah": "u9",
            "suppressed": False, "estimate": ikm, "n": n}


def _att(est, lo, hi, n_units=12):
    return {"estimate": est, "se": 1.3, "ci_low": lo, "ci_high": hi, "p_value": 0.00024,
            "method": "Callaway-Sant'Anna", "n_units": n_units, "n_clusters": n_units,
            "n_unit_triwulan": 117, "bootstrap": True, "n": n_units}


RES = {
    "ikm": {
        "periode_akhir": "2025-Q4",
        "keseluruhan_periode_akhir": {"estimate": 86.56, "ci_low": 85.88, "ci_high": 87.23,
                                      "n": 738, "mutu": "B", "kinerja_unit": "Baik"},
        "per_unit": [
            _unit("Kelurahan A", "2025-Q3", 80.14, 78.0, 82.0, "B"),
            _unit("Kelurahan A", "2025-Q4", 85.37, 83.29, 87.45, "B"),
            _unit("Kelurahan B", "2025-Q3", 70.0, 67.0, 73.0, "C"),
            _unit("Kelurahan B", "2025-Q4", 69.0, 66.0, 72.0, "C"),
            _unit("Kelurahan C", "2025-Q3", 90.0, 88.0, 92.0, "A"),
            _unit("Kelurahan C", "2025-Q4", 60.0, 57.0, 63.0, "D"),
        ],
        "unsur": [{"unsur": "u9", "nama_id": "Sarana dan Prasarana",
                   "nama_en": "Facilities and infrastructure", "nrr": 3.205, "n": 738,
                   "terendah": True}],
        "rencana_tindak_lanjut": [{"prioritas": 1, "unsur": "u9", "nrr": 3.205},
                                  {"prioritas": 2, "unsur": "u3", "nrr": 3.22}],
    },
    "skp": {"periode": "2025-Q4", "n": 120, "k_min_pegawai": 10, "predikat": []},
    "dampak": {
        "ikm": {"att": _att(7.0554, 4.1407, 9.9701), "pretrend_p_value": 0.363, "mde": 3.7101},
        "skor_kinerja": {"att": _att(2.4296, 0.5054, 4.3538), "pretrend_p_value": 0.5},
        "kehadiran": {"att": _att(-2.9278, -4.8326, -1.0231), "pretrend_p_value": 0.5},
        "pembinaan_rd": {"estimate": 4.8059, "ci_low": 3.1687, "ci_high": 6.4432,
                         "cutoff": 70.0, "n_effective": 2566, "n": 4814},
        "desain": {"n_unit": 12, "n_diobati": 10, "n_tidak_pernah": 2},
    },
    "korelasi": {
        "antar_unit": {"pearson": {"r": 0.844, "ci_low": 0.5239, "ci_high": 0.9552,
                                   "p_value": 0.000556, "n": 12, "estimate": 0.844}},
        "dalam_unit": {"pearson": {"r": -0.3611, "ci_low": -0.4688, "ci_high": -0.2429,
                                   "p_value": 1.84e-08, "n": 240, "estimate": -0.3611}},
        "selisih_peringkat": [{"unit_kerja": "Kelurahan A", "flagged": False},
                              {"unit_kerja": "Kelurahan B", "flagged": True},
                              {"unit_kerja": "Kelurahan C", "flagged": False}],
    },
    "hambatan": {
        "efek_pelatihan_pemahaman": {"estimate": 0.551, "ci_low": 0.296, "ci_high": 0.806,
                                     "n": 221, "n_cluster": 12},
        "prevalensi": [
            {"hambatan": "kekhawatiran_karir", "dimensi": "semua", "kelompok": "semua",
             "proporsi": 0.181, "ci_low": 0.138, "ci_high": 0.233, "n": 249,
             "suppressed": False},
            {"hambatan": "kurang_paham", "dimensi": "semua", "kelompok": "semua",
             "proporsi": 0.1, "ci_low": 0.06, "ci_high": 0.13, "n": 249, "suppressed": False},
            {"hambatan": "kurang_paham", "dimensi": "unit_kerja", "kelompok": "Kelurahan A",
             "proporsi": 0.05, "n": 20, "suppressed": False},
            {"hambatan": "kurang_paham", "dimensi": "unit_kerja", "kelompok": "Kelurahan B",
             "proporsi": 0.3, "n": 20, "suppressed": False},
            {"hambatan": "kurang_paham", "dimensi": "unit_kerja", "kelompok": "Kelurahan C",
             "proporsi": 0.15, "n": 20, "suppressed": False},
        ],
        "rekomendasi": [
            {"prioritas": 1, "kode": "sosialisasi_indikator", "dimensi": "unit_kerja",
             "sasaran": "Kelurahan B"},
            {"prioritas": 2, "kode": "jelaskan_dampak_karir", "dimensi": "kelompok_usia",
             "sasaran": "<30"},
            {"prioritas": 3, "kode": "jelaskan_dampak_karir", "dimensi": "status",
             "sasaran": "PPPK"},
        ],
    },
}

SUMBER = {"ikm_terkini": "00", "dampak": "01", "pembinaan": "01", "korelasi": "02",
          "hambatan": "03", "rtl": "00", "rekomendasi": "03"}


def _res(**changes):
    """A deep copy of RES with ``section__key=value`` set (``None`` nulls it, with a
    reason as pages 00-03 record it) or ``section=...`` replaced (``...`` drops it)."""
    res = copy.deepcopy(RES)
    for path, value in changes.items():
        parts = path.split("__")
        if len(parts) == 1:
            if value is ...:
                res.pop(parts[0], None)
            else:
                res[parts[0]] = value
            continue
        sec = res[parts[0]]
        for p in parts[1:-1]:
            sec = sec[p]
        sec[parts[-1]] = value
        if value is None and len(parts) == 2:
            sec.setdefault("tidak_tersedia", {})[parts[-1]] = "tanpa_berkas"
    return res


def _build(res, lang="id", **kw):
    return halaman.bangun(res, halaman.Parameter(lang=lang, **kw))


def _sec(hal):
    return hal.hasil["ringkasan_eksekutif"]


def _kodes(hal):
    return [t["kode"] for t in _sec(hal)["temuan"] or []]


def _missing(hal, bagian=None):
    return [m["kode"] for m in _sec(hal).get("tanpa_hasil", [])
            if bagian is None or m["bagian"] == bagian]


def _words(text, words):
    return sorted({w for w in words if re.search(rf"\b{w}\b", text, flags=re.I)})


# ------------------------------------------------------------------ the full results


@pytest.mark.parametrize("lang", LANGS)
def test_full_results_every_section_and_no_missing_key(lang):
    hal = _build(RES, lang)
    assert [b.kunci for b in hal] == ["pengantar", "temuan", "lampu", "langkah"]
    assert all(b.tersedia for b in hal)
    sec = _sec(hal)
    assert set(sec) == {"temuan", "lampu_unit"}  # the demo's shape: nothing else
    assert _kodes(hal) == ["ikm_terkini", "ikm", "skor_kinerja", "kehadiran", "pembinaan_rd",
                           "korelasi", "pelatihan"]  # 8 possible, capped at 7
    assert all(set(t) == {"kode", "kalimat", "kekuatan", "estimate", "ci_low", "ci_high", "n"}
               for t in sec["temuan"])
    json.dumps(sec, allow_nan=False)


@pytest.mark.parametrize("lang", LANGS)
def test_findings_shown_are_the_saved_ones(lang):
    hal = _build(RES, lang)
    text = hal["temuan"].teks()
    for i, t in enumerate(_sec(hal)["temuan"], 1):
        assert f"{i}. {t['kalimat']} — " in text
    ikm = _sec(hal)["temuan"][1]
    f = [i18n.fmt_number(x, 1, lang) for x in (ikm["estimate"], ikm["ci_low"], ikm["ci_high"])]
    assert all(x in ikm["kalimat"] for x in f)
    assert _words(hal.teks(), EN_WORDS if lang == "id" else ID_WORDS) == []


def test_traffic_light_table_shows_the_saved_numbers():
    hal = _build(RES, "id")
    rows = {r["unit_kerja"]: r for r in _sec(hal)["lampu_unit"]}
    tab = hal["lampu"].tabel().set_index("unit_kerja")
    for u, r in rows.items():
        assert tab.loc[u, "ikm"] == f"{i18n.fmt_number(r['ikm'], 2, 'id')} ({r['mutu']})"
        for col in ("lampu_ikm", "lampu_perubahan", "lampu_selisih", "lampu_paham"):
            assert tab.loc[u, col] == r[col]
    assert rows["Kelurahan C"]["perubahan"] == -30.0
    assert rows["Kelurahan A"]["perubahan"] == 5.23  # 85.37 - 80.14, rounded to 2 decimals
    assert 85.37 - 80.14 != 5.23
    html = hal["lampu"].html()
    assert "■ merah" in html and "IKM Triwulan IV 2025" in html


def test_traffic_light_rules():
    rows = {r["unit_kerja"]: r for r in _sec(_build(RES))["lampu_unit"]}
    a, b, c = rows["Kelurahan A"], rows["Kelurahan B"], rows["Kelurahan C"]
    assert (a["lampu_ikm"], b["lampu_ikm"], c["lampu_ikm"]) == ("hijau", "kuning", "merah")
    # change: interval minus last quarter's IKM, through arah()
    assert (a["lampu_perubahan"], b["lampu_perubahan"], c["lampu_perubahan"]) == (
        "hijau", "kuning", "merah")
    assert (a["lampu_selisih"], b["lampu_selisih"]) == ("hijau", "merah")
    # poor understanding: overall 10 %; A 5 % green, C 15 % amber, B 30 % red
    assert (a["lampu_paham"], c["lampu_paham"], b["lampu_paham"]) == ("hijau", "kuning",
                                                                      "merah")


def test_change_light_on_the_boundary_is_amber():
    res = _res()
    res["ikm"]["per_unit"][1].update(ci_low=80.14)  # A: starts at last quarter's 80.14
    rows = {r["unit_kerja"]: r for r in _sec(_build(res))["lampu_unit"]}
    assert rows["Kelurahan A"]["lampu_perubahan"] == "kuning"
    res["ikm"]["per_unit"][1].update(ci_low=80.15)
    rows = {r["unit_kerja"]: r for r in _sec(_build(res))["lampu_unit"]}
    assert rows["Kelurahan A"]["lampu_perubahan"] == "hijau"


def test_previous_quarter_across_a_year_boundary():
    res = _res()
    for r in res["ikm"]["per_unit"]:
        r["periode"] = {"2025-Q3": "2025-Q4", "2025-Q4": "2026-Q1"}[r["periode"]]
    res["ikm"]["periode_akhir"] = "2026-Q1"
    rows = {r["unit_kerja"]: r for r in _sec(_build(res))["lampu_unit"]}
    assert rows["Kelurahan A"]["perubahan"] == 5.23
    assert rows["Kelurahan A"]["lampu_perubahan"] == "hijau"


# ---------------------------------------------------------------- directions (arah)


@pytest.mark.parametrize(("lo", "hi", "kata", "kekuatan"), [
    (4.1, 9.9, "naik 7,1 poin", "kuat"),
    (-9.9, -4.1, "turun 7,1 poin", "kuat"),
    (-1.0, 9.9, "tidak berubah secara meyakinkan", "lemah"),
    (0.0, 9.9, "tidak berubah secara meyakinkan", "lemah"),  # 0 in the interval
    (-9.9, 0.0, "tidak berubah secara meyakinkan", "lemah"),
])
def test_effect_direction_follows_the_interval(lo, hi, kata, kekuatan):
    res = _res(dampak__ikm__att=_att(7.0554 if hi > 0 else -7.0554, lo, hi))
    t = next(t for t in _sec(_build(res))["temuan"] if t["kode"] == "ikm")
    assert kata in t["kalimat"] and t["kekuatan"] == kekuatan


@pytest.mark.parametrize(("lo", "hi", "kata_id", "kata_en"), [
    (0.4, 0.9, "sejalan antarunit", "agree across units"),
    (-0.9, -0.4, "bergerak berlawanan antarunit", "move in opposite directions across"),
    (-0.1, 0.9, "tidak jelas berkaitan antarunit", "are not clearly related across"),
])
def test_correlation_direction_follows_the_interval(lo, hi, kata_id, kata_en):
    res = _res(korelasi__antar_unit={"pearson": {"r": (lo + hi) / 2, "ci_low": lo,
                                                  "ci_high": hi, "n": 12}})
    for lang, kata in (("id", kata_id), ("en", kata_en)):
        t = next(t for t in _sec(_build(res, lang))["temuan"] if t["kode"] == "korelasi")
        assert kata in t["kalimat"]


def test_null_effect_adds_the_mde_step_in_both_languages():
    res = _res(dampak__ikm__att=_att(0.4, -1.2, 2.0))
    for lang, kata in (("id", "sekitar 3,7 poin IKM"), ("en", "about 3.7 IKM points")):
        hal = _build(res, lang)
        steps = hal["langkah"].teks()
        assert kata in steps and "12" in steps
    assert "3,7" not in _build(RES)["langkah"].teks()  # a clear effect: no such step


# ------------------------------------------------------------------- missing results


CASES = {
    # name: (changes, missing findings' questions, missing step sources, finding codes)
    "no_ikm_section": (
        {"ikm": ...}, ["ikm_terkini"], ["rtl"],
        ["ikm", "skor_kinerja", "kehadiran", "pembinaan_rd", "korelasi", "pelatihan",
         "kekhawatiran"]),
    "ikm_latest_null": (
        {"ikm__keseluruhan_periode_akhir": None}, ["ikm_terkini"], [],
        ["ikm", "skor_kinerja", "kehadiran", "pembinaan_rd", "korelasi", "pelatihan",
         "kekhawatiran"]),
    "dampak_ikm_null": (
        {"dampak__ikm": None}, [], [],
        ["ikm_terkini", "skor_kinerja", "kehadiran", "pembinaan_rd", "korelasi", "pelatihan",
         "kekhawatiran"]),
    "dampak_outcomes_null": (
        {"dampak__ikm": None, "dampak__skor_kinerja": None, "dampak__kehadiran": None},
        ["dampak"], [],
        ["ikm_terkini", "pembinaan_rd", "korelasi", "pelatihan", "kekhawatiran"]),
    "rd_null": (
        {"dampak__pembinaan_rd": None}, ["pembinaan"], [],
        ["ikm_terkini", "ikm", "skor_kinerja", "kehadiran", "korelasi", "pelatihan",
         "kekhawatiran"]),
    "no_dampak_section": (
        {"dampak": ...}, ["dampak", "pembinaan"], [],
        ["ikm_terkini", "korelasi", "pelatihan", "kekhawatiran"]),
    "dampak_null": (
        {"dampak": None}, ["dampak", "pembinaan"], [],
        ["ikm_terkini", "korelasi", "pelatihan", "kekhawatiran"]),
    "korelasi_null": (
        {"korelasi": None}, ["korelasi"], [],
        ["ikm_terkini", "ikm", "skor_kinerja", "kehadiran", "pembinaan_rd", "pelatihan",
         "kekhawatiran"]),
    "korelasi_both_levels_null": (
        {"korelasi__antar_unit": None, "korelasi__dalam_unit": None}, ["korelasi"], [],
        ["ikm_terkini", "ikm", "skor_kinerja", "kehadiran", "pembinaan_rd", "pelatihan",
         "kekhawatiran"]),
    "hambatan_null": (
        {"hambatan": None}, ["hambatan"], ["rekomendasi"],
        ["ikm_terkini", "ikm", "skor_kinerja", "kehadiran", "pembinaan_rd", "korelasi"]),
    "hambatan_recommendations_null": (
        {"hambatan__rekomendasi": None}, [], ["rekomendasi"],
        ["ikm_terkini", "ikm", "skor_kinerja", "kehadiran", "pembinaan_rd", "korelasi",
         "pelatihan"]),
    "training_null": (
        {"hambatan__efek_pelatihan_pemahaman": None}, [], [],
        ["ikm_terkini", "ikm", "skor_kinerja", "kehadiran", "pembinaan_rd", "korelasi",
         "kekhawatiran"]),
    "training_and_prevalence_null": (
        {"hambatan__efek_pelatihan_pemahaman": None, "hambatan__prevalensi": None},
        ["hambatan"], [],
        ["ikm_terkini", "ikm", "skor_kinerja", "kehadiran", "pembinaan_rd", "korelasi"]),
    "skp_null": (
        {"skp": None}, [], [],
        ["ikm_terkini", "ikm", "skor_kinerja", "kehadiran", "pembinaan_rd", "korelasi",
         "pelatihan"]),
    "only_ikm": (
        {"dampak": ..., "korelasi": ..., "hambatan": ..., "skp": ...},
        ["dampak", "pembinaan", "korelasi", "hambatan"], ["rekomendasi"], ["ikm_terkini"]),
    "only_pages_00_and_04": (  # the run of tests/test_report.py's sentence test
        {"dampak": ..., "korelasi": ..., "hambatan": ...},
        ["dampak", "pembinaan", "korelasi", "hambatan"], ["rekomendasi"], ["ikm_terkini"]),
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", list(CASES))
def test_missing_results(name, lang):
    changes, q_missing, s_missing, kodes = CASES[name]
    hal = _build(_res(**changes), lang)
    assert [b.kunci for b in hal] == ["pengantar", "temuan", "lampu", "langkah"]
    assert _kodes(hal) == kodes
    assert _missing(hal, "temuan") == q_missing
    assert _missing(hal, "langkah") == s_missing
    assert hal["temuan"].tersedia  # something is left to report
    sec = _sec(hal)
    if not q_missing and not s_missing:
        assert "tanpa_hasil" not in sec
    # one sentence per question without results, naming its page, shown and saved alike
    for m in sec.get("tanpa_hasil", []):
        section = hal["temuan"] if m["bagian"] == "temuan" else hal["langkah"]
        assert m["kalimat"] in section.teks()
        assert m["halaman"].startswith(SUMBER[m["kode"]])
        judul = i18n.translate(JUDUL, m["halaman"], lang)
        assert f"{SUMBER[m['kode']]} ({judul})" in m["kalimat"]
    assert _words(hal.teks(), EN_WORDS if lang == "id" else ID_WORDS) == []
    json.dumps(sec, allow_nan=False)


@pytest.mark.parametrize("lang", LANGS)
def test_nothing_at_all(lang):
    hal = _build({}, lang)
    assert [b.alasan for b in hal] == [None, "tanpa_hasil", "tanpa_hasil", "tanpa_hasil"]
    sec = _sec(hal)
    assert sec["temuan"] is None and sec["lampu_unit"] is None
    assert sec["tidak_tersedia"] == {"temuan": "tanpa_hasil", "lampu_unit": "tanpa_hasil"}
    assert _missing(hal) == ["ikm_terkini", "dampak", "pembinaan", "korelasi", "hambatan",
                             "rtl", "rekomendasi"]
    halaman00 = "00 (Gambaran Data)" if lang == "id" else "00 (Data Overview)"
    assert hal["lampu"].teks().splitlines()[-1] == kalimat_alasan("tanpa_hasil", lang,
                                                                  halaman=halaman00)
    assert ALASAN["tanpa_hasil"][lang].split("{")[0] in hal["lampu"].teks()
    text = hal.teks()
    assert "1." not in text  # no empty numbered list
    assert _words(text, EN_WORDS if lang == "id" else ID_WORDS) == []
    # a whole absent section and a null one read the same
    null = _build({"ikm": None, "dampak": None, "korelasi": None, "hambatan": None,
                   "skp": None}, lang)
    assert null.hasil == hal.hasil and null.teks() == hal.teks()


def test_missing_sentence_in_both_languages():
    id_ = _build(_res(korelasi=None), "id")
    en = _build(_res(korelasi=None), "en")
    assert ("Kaitan penilaian warga dan atasan: belum ada hasil dari halaman 02 (Kepuasan "
            "Masyarakat dan Skor Kinerja); alasannya dijelaskan di halaman tersebut."
            ) in id_["temuan"].teks()
    assert ("Link between citizens' and supervisors' ratings: page 02 (Citizen Satisfaction "
            "and Performance Scores) produced no results; the reason is given there."
            ) in en["temuan"].teks()


@pytest.mark.parametrize("lang", LANGS)
def test_no_per_unit_ikm_gives_the_reason_and_null(lang):
    for res in (_res(ikm__per_unit=None), _res(ikm__per_unit=[]),
                _res(ikm__periode_akhir=None)):
        hal = _build(res, lang)
        assert hal["lampu"].alasan == "tanpa_hasil"
        assert _sec(hal)["lampu_unit"] is None
        assert _sec(hal)["tidak_tersedia"]["lampu_unit"] == "tanpa_hasil"


def test_lights_without_korelasi_or_hambatan_are_no_data():
    rows = _sec(_build(_res(korelasi=None, hambatan=None)))["lampu_unit"]
    assert {r["lampu_selisih"] for r in rows} == {"abu"}
    assert {r["lampu_paham"] for r in rows} == {"abu"}
    assert {r["lampu_ikm"] for r in rows} == {"hijau", "kuning", "merah"}


def test_one_correlation_level_gives_its_own_sentence():
    only_dalam = _build(_res(korelasi__antar_unit=None))
    t = next(t for t in _sec(only_dalam)["temuan"] if t["kode"] == "korelasi")
    assert t["kalimat"].startswith("Di dalam unit, dari triwulan ke triwulan, penilaian warga")
    assert "bergerak berlawanan (r = -0,36" in t["kalimat"] and "antarunit" not in t["kalimat"]
    assert (t["estimate"], t["n"]) == (-0.3611, 240)
    only_antar = _build(_res(korelasi__dalam_unit={"pearson": None}), "en")
    t = next(t for t in _sec(only_antar)["temuan"] if t["kode"] == "korelasi")
    assert t["kalimat"] == ("Citizens' and supervisors' ratings agree across units (r = 0.84, "
                            "95% CI: 0.52 to 0.96; 12 units).")


def test_estimate_without_interval_is_no_finding():
    res = _res()
    res["dampak"]["pembinaan_rd"].update(ci_low=None, ci_high=None)
    res["ikm"]["keseluruhan_periode_akhir"]["ci_low"] = None
    hal = _build(res)
    assert "pembinaan_rd" not in _kodes(hal) and "ikm_terkini" not in _kodes(hal)
    assert _missing(hal, "temuan") == ["ikm_terkini", "pembinaan"]


def test_suppressed_unit_and_missing_grade_read_as_no_data():
    res = _res()
    res["ikm"]["per_unit"][3].update(ikm=None, ci_low=None, ci_high=None, mutu=None,
                                     suppressed=True)
    hal = _build(res)
    row = next(r for r in _sec(hal)["lampu_unit"] if r["unit_kerja"] == "Kelurahan B")
    assert (row["lampu_ikm"], row["lampu_perubahan"], row["perubahan"]) == ("abu", "abu", None)
    assert hal["lampu"].tabel().set_index("unit_kerja").loc["Kelurahan B", "ikm"] == "–"


def test_steps_from_what_exists():
    hal = _build(RES, "id")
    steps = hal["langkah"].teks()
    assert "1. Perbaiki unsur layanan terendah, **Sarana dan Prasarana** (NRR 3,205)" in steps
    # targets escaped, labelled as page 03 does (never a raw code), grouped by dimension
    assert "Sasaran: Kelompok usia: &lt;30; status: PPPK." in steps
    assert "3. " in steps and "4. " not in steps
    # without the element table the name comes from the regulation list
    assert "**Facilities and infrastructure**" in _build(_res(ikm__unsur=None), "en")[
        "langkah"].teks()
    # unknown action codes and targets without a value do not break the list
    res = _res(hambatan__rekomendasi=[{"kode": "kode_baru", "sasaran": "x"},
                                      {"kode": "dialog_dukungan", "sasaran": None}])
    steps = _build(res, "id")["langkah"].teks()
    assert "kode_baru" not in steps and "2. Adakan dialog kinerja" in steps
    assert "Sasaran" not in steps.split("2. ")[1]


@pytest.mark.parametrize("lang", LANGS)
def test_steps_with_empty_sources_say_so(lang):
    hal = _build(_res(ikm__rencana_tindak_lanjut=[], hambatan__rekomendasi=[]), lang)
    assert hal["langkah"].tersedia
    text = hal["langkah"].teks()
    assert EKSEKUTIF["langkah_tidak_ada"][lang] in text
    hal = _build(_res(ikm__rencana_tindak_lanjut=None, hambatan__rekomendasi=None), lang)
    assert hal["langkah"].alasan == "tanpa_hasil"
    assert _missing(hal, "langkah") == ["rtl", "rekomendasi"]


# --------------------------------------------------------------- display and saving


def test_traffic_light_cut_to_the_units_with_most_red():
    hal = _build(RES, "id", maks_unit_tampil=1)
    shown = hal["lampu"].tabel()["unit_kerja"].tolist()
    assert shown == ["Kelurahan B"]  # B: 3 red lights (change amber), C: 2 red
    assert "3 unit seluruhnya; ditampilkan 1 unit dengan jumlah lampu merah, lalu kuning " \
           "tertinggi." in hal["lampu"].teks()
    assert len(_sec(hal)["lampu_unit"]) == 3  # every unit stays in results.json


def test_unit_names_are_escaped_in_the_table():
    res = _res()
    for r in res["ikm"]["per_unit"]:
        if r["unit_kerja"] == "Kelurahan A":
            r["unit_kerja"] = "<b>A</b>"
    html = _build(res)["lampu"].html()
    assert "&lt;b&gt;A&lt;/b&gt;" in html and "<b>A</b>" not in html


def test_saved_section_equals_the_page(tmp_path):
    for res in (RES, {}, _res(korelasi=None)):
        hal = _build(res, "en")
        saved = hal.simpan(tmp_path)
        on_disk = json.loads((tmp_path / "ringkasan_eksekutif.json").read_text("utf-8"))
        assert saved["ringkasan_eksekutif"] == on_disk == _sec(hal)


def test_parameters():
    p = halaman.Parameter(lang=" EN ", maks_temuan=3)
    assert (p.lang, p.maks_temuan, p.maks_langkah) == ("en", 3, 5)
    assert len(_sec(halaman.bangun(RES, p))["temuan"]) == 3
    with pytest.raises(ValueError):
        halaman.Parameter(lang="fr")
    assert len(ek.temuan(RES)) == ek.MAKS_TEMUAN == 7


def test_theme_target_is_shown_by_its_label():
    res = _res(hambatan__rekomendasi=[{"kode": "tindak_lanjut_tema",
                                       "sasaran": "transparansi_keadilan"}])
    for lang in LANGS:
        steps = _build(res, lang)["langkah"].teks()
        assert "transparansi_keadilan" not in steps
        assert muat_leksikon()["transparansi_keadilan"][lang] in steps
    res = _res(hambatan__rekomendasi=[{"kode": "tindak_lanjut_tema", "sasaran": None}])
    steps = _build(res, "id")["langkah"].teks()
    assert "None" not in steps and "Sasaran" not in steps.split("2. ")[-1]


def test_scale_target_is_shown_by_its_name():
    """Page 03 recommends some actions for a whole scale (dimensi None, sasaran the scale's
    code): the step names the scale as page 03 does, never the raw code."""
    res = _res(hambatan__rekomendasi=[
        {"kode": "perluas_pelatihan", "dimensi": None, "sasaran": "pemahaman"},
        {"kode": "kurangi_kekhawatiran", "dimensi": None, "sasaran": "kekhawatiran"}])
    names = {"id": ("Pemahaman indikator", "Kekhawatiran karier"),
             "en": ("Understanding of indicators", "Career worry")}
    for lang in LANGS:
        steps = _build(json.loads(json.dumps(res)), lang)["langkah"].teks()
        target = "Sasaran" if lang == "id" else "Target"
        for name in names[lang]:
            assert f"{target}: {name}." in steps
        assert f"{target}: pemahaman" not in steps and f"{target}: kekhawatiran" not in steps
        if lang == "en":
            assert not _words(steps, ["pemahaman", "kekhawatiran"])
