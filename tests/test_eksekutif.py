"""Executive summary: sentences follow the numbers and never overstate the interval."""

from __future__ import annotations

import copy
import json
import re

import pytest

from kinerja_analysis.laporan import eksekutif

RESULTS = {
    "ikm": {
        "periode_akhir": "2025-Q4",
        "keseluruhan_periode_akhir": {"estimate": 86.56, "ci_low": 85.88, "ci_high": 87.23,
                                      "n": 738, "mutu": "B"},
        "per_unit": [
            {"unit_kerja": "A", "periode": "2025-Q3", "ikm": 80.0, "ci_low": 78.0,
             "ci_high": 82.0, "mutu": "B"},
            {"unit_kerja": "A", "periode": "2025-Q4", "ikm": 85.0, "ci_low": 83.0,
             "ci_high": 87.0, "mutu": "B"},
            {"unit_kerja": "B", "periode": "2025-Q3", "ikm": 70.0, "ci_low": 67.0,
             "ci_high": 73.0, "mutu": "C"},
            {"unit_kerja": "B", "periode": "2025-Q4", "ikm": 69.0, "ci_low": 66.0,
             "ci_high": 72.0, "mutu": "C"},
            {"unit_kerja": "C", "periode": "2025-Q4", "ikm": None, "ci_low": None,
             "ci_high": None, "mutu": None, "suppressed": True},
        ],
    },
    "dampak": {
        "ikm": {"att": {"estimate": 3.2, "se": 1.0, "ci_low": 1.1, "ci_high": 5.3,
                        "p_value": 0.01, "n_units": 12, "n_clusters": 12},
                "pretrend_p_value": 0.5, "mde": 2.8},
        "pembinaan_rd": {"estimate": 4.0, "ci_low": -0.5, "ci_high": 8.0, "cutoff": 70,
                         "n_effective": 300},
    },
    "korelasi": {
        "antar_unit": {"pearson": {"r": 0.8, "ci_low": 0.4, "ci_high": 0.95, "n": 12}},
        "dalam_unit": {"pearson": {"r": -0.3, "ci_low": -0.45, "ci_high": -0.15, "n": 240}},
        "selisih_peringkat": [{"unit_kerja": "A", "flagged": False},
                              {"unit_kerja": "B", "flagged": True}],
    },
    "hambatan": {
        "efek_pelatihan_pemahaman": {"estimate": 0.55, "ci_low": 0.3, "ci_high": 0.8,
                                     "n": 200, "n_cluster": 12},
        "prevalensi": [
            {"hambatan": "kekhawatiran_karir", "dimensi": "semua", "kelompok": "semua",
             "proporsi": 0.2, "ci_low": 0.15, "ci_high": 0.25, "n": 250, "suppressed": False},
            {"hambatan": "kurang_paham", "dimensi": "semua", "kelompok": "semua",
             "proporsi": 0.1, "ci_low": 0.07, "ci_high": 0.14, "n": 250, "suppressed": False},
            {"hambatan": "kurang_paham", "dimensi": "unit_kerja", "kelompok": "A",
             "proporsi": 0.05, "n": 20, "suppressed": False},
            {"hambatan": "kurang_paham", "dimensi": "unit_kerja", "kelompok": "B",
             "proporsi": 0.3, "n": 20, "suppressed": False},
        ],
    },
}


def _by(findings, kode):
    return next(f for f in findings if f["kode"] == kode)


def test_sentences_and_strength():
    f = eksekutif.temuan(RESULTS, "id")
    assert 3 <= len(f) <= 7
    ikm = _by(f, "ikm")
    assert "naik 3,2 poin (IK 95 %: 1,1 sampai 5,3)" in ikm["kalimat"]
    assert ikm["kekuatan"] == "kuat"
    rd = _by(f, "pembinaan_rd")
    assert "tidak berubah secara meyakinkan" in rd["kalimat"] and rd["kekuatan"] == "lemah"
    kor = _by(f, "korelasi")["kalimat"]
    assert "sejalan" in kor and "bergerak berlawanan" in kor


def test_flipping_a_number_flips_the_sentence():
    res = copy.deepcopy(RESULTS)
    res["dampak"]["ikm"]["att"].update(estimate=-3.2, ci_low=-5.3, ci_high=-1.1)
    assert "turun 3,2 poin (IK 95 %: -5,3 sampai -1,1)" in _by(
        eksekutif.temuan(res, "id"), "ikm")["kalimat"]
    res["dampak"]["ikm"]["att"].update(estimate=0.3, ci_low=-1.0, ci_high=1.6)
    f = _by(eksekutif.temuan(res, "id"), "ikm")
    assert "naik" not in f["kalimat"] and "turun" not in f["kalimat"]
    assert f["kekuatan"] == "lemah"


def test_pretrend_downgrades_evidence():
    res = copy.deepcopy(RESULTS)
    res["dampak"]["ikm"]["pretrend_p_value"] = 0.01
    assert _by(eksekutif.temuan(res, "id"), "ikm")["kekuatan"] == "sedang"


def test_english_has_no_indonesian_words():
    text = " ".join(f["kalimat"] + f["kekuatan_teks"] for f in eksekutif.temuan(RESULTS, "en"))
    for word in ("naik", "turun", "sampai", "poin", "bukti", "IK", "pegawai"):
        assert not re.search(rf"\b{word}\b", text), word
    assert "95% CI: 1.1 to 5.3" in text


@pytest.mark.parametrize("lang", ["id", "en"])
def test_missing_sections_are_skipped(lang):
    assert eksekutif.temuan({}, lang) == []
    assert eksekutif.lampu_unit({}, lang).empty


def test_traffic_light_rules():
    t = eksekutif.lampu_unit(RESULTS, "id").set_index("unit_kerja")
    assert t.loc["A", "lampu_ikm"] == "hijau" and t.loc["B", "lampu_ikm"] == "kuning"
    assert t.loc["A", "lampu_perubahan"] == "hijau"  # CI 83-87 above last quarter's 80
    assert t.loc["B", "lampu_perubahan"] == "kuning"  # CI 66-72 contains 70
    assert t.loc["B", "lampu_selisih"] == "merah" and t.loc["A", "lampu_selisih"] == "hijau"
    assert t.loc["B", "lampu_paham"] == "merah" and t.loc["A", "lampu_paham"] == "hijau"
    assert t.loc["C", "lampu_ikm"] == "abu"  # suppressed cell: no data, not a colour
    assert eksekutif.label_lampu("merah", "en") == "■ red"


def test_single_comparison_unit_caps_evidence_at_moderate():
    res = copy.deepcopy(RESULTS)
    res["dampak"]["desain"] = {"n_tidak_pernah": 1}
    assert _by(eksekutif.temuan(res, "id"), "ikm")["kekuatan"] == "sedang"


def test_latest_ikm_sentence():
    f = _by(eksekutif.temuan(RESULTS, "id"), "ikm_terkini")
    assert f["kalimat"] == ("IKM seluruh unit pada Triwulan IV 2025 adalah 86,56 "
                            "(IK 95 %: 85,88 sampai 87,23; 738 responden), mutu B.")


@pytest.mark.parametrize(("p", "kekuatan"), [(0.07, "sedang"), (0.0999, "sedang"),
                                             (0.10, "kuat"), (0.363, "kuat")])
def test_pretrend_threshold_is_ten_percent(p, kekuatan):
    """A pre-trend p between 0.05 and 0.10 already caps the evidence at 'sedang': the
    threshold is 0.10, not the conventional 0.05 (fails if AMBANG_PRETREND is changed)."""
    assert eksekutif.kekuatan_bukti(1.1, 5.3, pretrend_p=p, n_clusters=12,
                                    n_pembanding=2) == kekuatan
    res = copy.deepcopy(RESULTS)
    res["dampak"]["ikm"]["pretrend_p_value"] = p
    assert _by(eksekutif.temuan(res, "id"), "ikm")["kekuatan"] == kekuatan


def test_design_check_thresholds():
    assert eksekutif.kekuatan_bukti(1.1, 5.3, n_clusters=9) == "sedang"
    assert eksekutif.kekuatan_bukti(1.1, 5.3, n_clusters=10) == "kuat"
    assert eksekutif.kekuatan_bukti(1.1, 5.3, n_pembanding=2) == "kuat"
    assert eksekutif.kekuatan_bukti(0.0, 5.3) == "lemah"  # zero in the interval
    assert eksekutif.kekuatan_bukti(float("nan"), 5.3) == "lemah"


@pytest.mark.parametrize("lang", ["id", "en"])
def test_null_sections_and_values_never_crash(lang):
    res = copy.deepcopy(RESULTS)
    res["ikm"]["keseluruhan_periode_akhir"] = None
    res["dampak"] = {"ikm": None, "skor_kinerja": {"att": None}, "pembinaan_rd": None,
                     "desain": None}
    res["korelasi"] = {"antar_unit": None, "dalam_unit": {"pearson": None},
                       "selisih_peringkat": None}
    res["hambatan"] = {"efek_pelatihan_pemahaman": None, "prevalensi": None}
    assert eksekutif.temuan(res, lang) == []
    assert [q for q, _ in eksekutif.pertanyaan_tanpa_hasil(res)] == list(eksekutif.PERTANYAAN)
    t = eksekutif.lampu_unit(res, lang).set_index("unit_kerja")
    assert set(t["lampu_selisih"]) == {"abu"} and set(t["lampu_paham"]) == {"abu"}
    assert t.loc["A", "lampu_perubahan"] == "hijau"


def test_traffic_lights_from_results_read_back_from_json():
    """Pages read results.json back: its strings are built at run time, not literals, so
    the lights must compare strings by value (``==``), never by identity (``is``)."""
    t = eksekutif.lampu_unit(json.loads(json.dumps(RESULTS)), "id")
    assert t.equals(eksekutif.lampu_unit(RESULTS, "id"))
    t = t.set_index("unit_kerja")
    assert t.loc["B", "lampu_paham"] == "merah" and t.loc["A", "lampu_paham"] == "hijau"
