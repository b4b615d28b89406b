"""The section framework (laporan.bagian), quarter arithmetic and the results rounding policy."""

from __future__ import annotations

import json
import math

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja_analysis import triwulan
from kinerja_analysis.laporan import hasil
from kinerja_analysis.laporan.bagian import (
    ALASAN,
    Bagian,
    Gambar,
    Halaman,
    Parameter,
    Tabel,
    Teks,
    arah,
    kalimat_alasan,
    kosong,
    periode_laporan,
)

# ------------------------------------------------------------------ arah


@pytest.mark.parametrize(("lo", "hi", "expected"), [
    (0.1, 2.0, "naik"), (1e-12, 1.0, "naik"), (-2.0, -0.1, "turun"), (-1.0, -1e-12, "turun"),
    (0.0, 1.0, "tidak_jelas"), (-1.0, 0.0, "tidak_jelas"), (-1.0, 1.0, "tidak_jelas"),
    (None, 1.0, "tidak_jelas"), (1.0, None, "tidak_jelas"), (math.nan, 1.0, "tidak_jelas"),
])
def test_arah(lo, hi, expected):
    assert arah(lo, hi) == expected


@given(st.floats(-100, 100), st.floats(0, 50))
def test_arah_consistent_with_zero_inside(lo, width):
    hi = lo + width
    got = arah(lo, hi)
    assert (got == "tidak_jelas") == (lo <= 0 <= hi)


# ------------------------------------------------------------------ triwulan


@pytest.mark.parametrize("text", ["2025-Q4", "2025q4", "2025 Q4", " 2025Q4 ", "2025/q4",
                                  "2025 - Q 4"])
def test_baca_accepts_spellings(text):
    assert triwulan.baca(text) == "2025-Q4"


@pytest.mark.parametrize("text", ["2025-Q0", "2025-Q5", "25-Q4", "Q4 2025", "", "2025-4", None])
def test_baca_refuses_with_both_languages(text):
    with pytest.raises(ValueError, match="Triwulan tidak dikenal.*Unknown quarter"):
        triwulan.baca(text)


def test_geser_across_years_and_rentang():
    assert triwulan.geser("2025-Q4", 1) == "2026-Q1"
    assert triwulan.geser("2025-Q1", -1) == "2024-Q4"
    assert triwulan.geser("2025-Q2", -9) == "2023-Q1"
    assert triwulan.rentang("2024-Q4", "2024-Q4") == ["2024-Q4"]
    assert triwulan.rentang("2025-Q1", "2024-Q4") == []
    assert len(triwulan.rentang("2020-Q1", "2024-Q4")) == 20


@given(st.integers(1900 * 4, 2199 * 4), st.integers(-40, 40))
def test_int_roundtrip_and_shift(t, k):
    p = triwulan.dari_int(t)
    assert triwulan.ke_int_satu(p) == t
    assert triwulan.ke_int_satu(triwulan.geser(p, k)) - t == k


def test_ke_int_series_matches_single():
    s = pd.Series(["2024-Q4", None, "2025-Q1", "2024-Q4"])
    assert triwulan.ke_int(s).tolist() == [8099, pd.NA, 8100, 8099]


def test_dampak_aliases_still_work():
    from kinerja_analysis import dampak

    assert dampak.int_ke_triwulan(8091) == "2022-Q4"
    assert dampak.triwulan_ke_int(pd.Series(["2022-Q4"])).tolist() == [8091]


# ------------------------------------------------------------------ blocks and sections


def test_bagian_text_table_figure():
    fig, ax = plt.subplots()
    ax.set_title("IKM naik")
    b = Bagian("x", [Teks("## H"), Tabel(pd.DataFrame({"a": [1.234]}), {"a": "number:1"}, "id",
                                          caption="Tabel 1"), Gambar(fig, "alt teks")])
    assert b.tersedia and b.alasan is None
    assert b.teks().splitlines() == ["## H", "Tabel 1", "IKM naik", "alt teks"]
    assert b.tabel().iloc[0, 0] == 1.234
    out = b.html()
    assert "1,2" in out and "<h2>H</h2>" in out and "data:image/svg+xml" in out
    assert b.gambar()[0].fig is None  # rendered once, figure closed
    assert out == b.html()  # cached SVG, same page twice


def test_kosong_sentence_both_languages_and_escaped():
    k = kosong("s", "## Judul", "tanpa_berkas", "id", berkas="<survei_asn>")
    assert not k.tersedia and k.alasan == "tanpa_berkas"
    assert "&lt;survei_asn&gt;" in k.teks() and "<survei_asn>" not in k.teks()
    en = kosong("s", None, "unit_kurang", "en", n=1, min=3)
    assert en.teks() == "The data cover only 1 work unit(s); this section needs at least 3."


def test_every_reason_has_both_languages_and_same_placeholders():
    import string

    for code, texts in ALASAN.items():
        assert set(texts) == {"id", "en"}, code
        fields = [{f for _, f, _, _ in string.Formatter().parse(t) if f} for t in texts.values()]
        assert fields[0] == fields[1], code


def test_page_catalog_overrides_and_unknown_code():
    cat = {"khusus": {"id": "Khusus {x}.", "en": "Special {x}."}}
    assert kalimat_alasan("khusus", "en", cat, x=1) == "Special 1."
    with pytest.raises(KeyError):
        kalimat_alasan("tidak_ada_kode", "id")


def test_halaman_order_duplicates_and_save(tmp_path):
    h = Halaman("00")
    h.tambah(Bagian("a", [Teks("A")]))
    h.tambah(kosong("b", None, "tanpa_komentar", "id"))
    with pytest.raises(ValueError, match="twice"):
        h.tambah(Bagian("a"))
    with pytest.raises(KeyError, match="sections: \\['a', 'b'\\]"):
        h["c"]
    assert [b.kunci for b in h] == ["a", "b"] and len(h) == 2
    h.hasil["ikm"] = hasil.tandai_kosong({"n": 2}, "keseluruhan_periode_akhir",
                                         "tanpa_data_periode")
    saved = h.simpan(tmp_path)
    on_disk = json.loads((tmp_path / "ikm.json").read_text(encoding="utf-8"))
    assert saved["ikm"] == on_disk == {"n": 2, "keseluruhan_periode_akhir": None,
                                       "tidak_tersedia": {"keseluruhan_periode_akhir":
                                                          "tanpa_data_periode"}}


def test_parameter_checks_language():
    assert Parameter(lang="EN").lang == "en"
    with pytest.raises(ValueError, match="Bahasa tidak dikenal"):
        Parameter(lang="fr")


def test_periode_laporan_from_whatever_is_present():
    class D:
        penilaian_kinerja = None
        survei_kepuasan = pd.DataFrame({"triwulan": ["2024-Q1", "2024-Q3", None]})

    assert periode_laporan(D()) == "2024-Q3"
    D.survei_kepuasan = None
    assert periode_laporan(D()) is None
    D.penilaian_kinerja = pd.DataFrame({"triwulan": pd.Series([], dtype="string")})
    assert periode_laporan(D()) is None


# ------------------------------------------------------------------ rounding policy


def test_p_values_in_significant_digits_everywhere():
    frame = pd.DataFrame({"estimate": [1.23456], "p_value": [0.000012345],
                          "p_value_adjusted": [0.98765], "n": [3]})
    out = hasil.to_jsonable({"att": {"estimate": 2.34567, "p_value": 0.0123456,
                                     "pretrend_p_value": 0.5},
                             "rows": frame, "p_value_list": [0.00045678, None]}, decimals=2)
    assert out["att"] == {"estimate": 2.35, "p_value": 0.0123, "pretrend_p_value": 0.5}
    assert out["rows"] == [{"estimate": 1.23, "p_value": 1.23e-05, "p_value_adjusted": 0.988,
                            "n": 3}]
    assert out["p_value_list"] == [0.000457, None]


@given(st.floats(1e-300, 1.0))
def test_round_sig_keeps_three_digits(p):
    r = hasil.round_sig(p)
    assert r > 0
    assert abs(r - p) <= 0.5 * 10 ** (math.floor(math.log10(p)) - 2) * (1 + 1e-9)
