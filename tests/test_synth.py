"""Tests for the synthetic demo data (:mod:`kinerja_analysis.synth`).

Facts used and their confidence in /work/shared/domain/FACTS.md: the 11 Banyumanik
kelurahan [V] (4.1); the NIP PNS layout [V] (3.1); the predikat matrix of PermenPANRB
6/2022 [P] (2.2); IKM = 25 x mean of the nine unsur with weight 1/9 [P] (1.4); the
u8/u9 order (u8 = pengaduan) [P] (1.2); the PPPK number layout 8+4+2+1+3 [M] (3.1).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from kinerja_analysis import synth
from kinerja_analysis.nip import parse_nip_series
from kinerja_analysis.synth import FILES, SCALES, expected_ikm, generate

try:
    from kinerja_analysis.contract import validate_dir
except ImportError:  # pragma: no cover - contract.py is written by another helper
    validate_dir = None

REPO = Path(__file__).resolve().parents[1]
RAW = REPO / "data" / "raw"
KELURAHAN = ("Pudakpayung", "Gedawang", "Jabungan", "Pedalangan", "Banyumanik",
             "Srondol Kulon", "Srondol Wetan", "Tinjomoyo", "Padangsari", "Sumurboto", "Ngesrep")
# PermenPANRB 6/2022 matrix, [hasil][perilaku] (FACTS.md 2.2, [P]); written out by hand.
PREDIKAT = {
    ("atas", "atas"): "Sangat Baik", ("atas", "sesuai"): "Baik",
    ("atas", "bawah"): "Kurang/Misconduct", ("sesuai", "atas"): "Baik",
    ("sesuai", "sesuai"): "Baik", ("sesuai", "bawah"): "Kurang/Misconduct",
    ("bawah", "atas"): "Butuh Perbaikan", ("bawah", "sesuai"): "Butuh Perbaikan",
    ("bawah", "bawah"): "Sangat Kurang",
}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("demo")
    return out, generate(out, "banyumanik", 2026)


def _read(path: Path, **kw: object) -> pd.DataFrame:
    sep = ";" if path.name == "penilaian_kinerja.csv" else ","
    return pd.read_csv(path, sep=sep, dtype=str, keep_default_na=False, encoding="utf-8-sig",
                       **kw)


def _num(s: pd.Series) -> pd.Series:
    return pd.to_numeric(s.str.replace(",", ".", regex=False).replace("", None))


def _rating(s: pd.Series) -> pd.Series:
    return s.str.lower().str.split().str[1].map({"atas": "atas", "ekspektasi": "sesuai",
                                                 "bawah": "bawah"}).where(
        ~s.str.lower().str.startswith("sesuai"), "sesuai")


# ------------------------------------------------------------------ reproducibility


def test_data_raw_is_the_banyumanik_2026_demo(demo: tuple[Path, dict]) -> None:
    out, _ = demo
    for f in FILES:
        assert (RAW / f).exists(), f"data/raw/{f} missing: run synth.generate('data/raw')"
        assert (RAW / f).read_bytes() == (out / f).read_bytes(), f


def test_same_seed_same_bytes_other_seed_differs(demo: tuple[Path, dict],
                                                  tmp_path: Path) -> None:
    out, _ = demo
    generate(tmp_path / "a", "banyumanik", 2026)
    generate(tmp_path / "b", "banyumanik", 2027)
    for f in FILES:
        assert (tmp_path / "a" / f).read_bytes() == (out / f).read_bytes(), f
        assert (tmp_path / "b" / f).read_bytes() != (out / f).read_bytes(), f
    assert not list(tmp_path.glob("a/.*")), "temp files left behind"


def test_bad_scale() -> None:
    with pytest.raises(ValueError):
        generate("/nonexistent", "kota")
    assert SCALES == ("banyumanik", "semarang", "nasional")


# ------------------------------------------------------------------ contract


@pytest.mark.skipif(validate_dir is None, reason="contract.validate_dir not written yet")
@pytest.mark.parametrize("seed", [2026, 1, 99])
def test_demo_validates_without_problems(seed: int, tmp_path: Path) -> None:
    generate(tmp_path, "banyumanik", seed)
    rep = validate_dir(tmp_path)
    assert not rep.has_errors
    assert [(p.file, p.code) for p in rep.problems] == []
    for name, table in rep.tables.items():
        assert len(table.rejected) == 0, name


@pytest.mark.skipif(validate_dir is None, reason="contract.validate_dir not written yet")
def test_reduced_nasional_streams_and_validates(tmp_path: Path) -> None:
    msgs: list[str] = []
    truth = generate(tmp_path, "nasional", 5, progress=msgs.append, _n_units=45,
                     _batch_units=20)
    assert len(msgs) == 3  # 20 + 20 + 5 units
    assert truth["periode"][0] == "2024-Q1" and len(truth["periode"]) == 8
    rep = validate_dir(tmp_path)
    assert not rep.has_errors, [(p.file, p.code) for p in rep.problems][:5]
    peg = _read(tmp_path / "pegawai.csv")
    assert peg["nip"].is_unique and len(peg) > 1000
    skm = _read(tmp_path / "survei_kepuasan.csv")
    assert skm["id_responden"].is_unique
    assert skm["id_responden"].str.fullmatch(r"R\d{9}").all()
    assert 30 <= len(skm) / (45 * 8) <= 50  # ~40 responses per unit-quarter


def test_nip_sequence_unique_across_batches() -> None:
    reg = synth._SeqRegistry()
    a = reg.assign(np.array([5, 7, 5], dtype=np.int64))
    b = reg.assign(np.array([5, 9], dtype=np.int64))
    assert a.tolist() == [1, 1, 2] and b.tolist() == [3, 1]


# ------------------------------------------------------------------ structure


def test_units_waves_and_quarters(demo: tuple[Path, dict]) -> None:
    out, truth = demo
    assert truth["units"] == ["Kecamatan Banyumanik"] + [f"Kelurahan {k}" for k in KELURAHAN]
    waves = truth["waves"]
    assert waves["Kecamatan Banyumanik"] == "2022-Q3"
    assert Counter(waves.values()) == {"2022-Q3": 4, "2023-Q3": 4, "2024-Q2": 3, None: 1}
    keb = _read(out / "kebijakan.csv")
    assert keb["unit_kerja"].tolist() == truth["units"]
    for unit, start in zip(keb["unit_kerja"], keb["tanggal_mulai"], strict=True):
        if waves[unit] is None:
            assert start == ""
        else:
            ts = pd.Timestamp(start)
            assert f"{ts.year}-Q{ts.quarter}" == waves[unit]
    pk = _read(out / "penilaian_kinerja.csv")
    assert sorted(pk["periode"].unique()) == [f"{y}-Q{q}" for y in range(2021, 2026)
                                              for q in range(1, 5)]
    assert not pk.duplicated(["nip", "periode"]).any()


def test_pegawai_nip_consistency(demo: tuple[Path, dict]) -> None:
    out, _ = demo
    raw = (out / "pegawai.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the one file with a UTF-8 BOM
    peg = _read(out / "pegawai.csv")
    assert 220 <= len(peg) <= 290 and peg["nip"].is_unique
    assert peg["nip"].str.fullmatch(r"\d{18}").all()
    pns = peg[peg["status_kepegawaian"] == "PNS"]
    assert 0.78 <= len(pns) / len(peg) <= 0.92
    parsed = parse_nip_series(pns["nip"])
    assert parsed["error"].isna().all()
    usia = (parsed["tmt_cpns"] - parsed["tanggal_lahir"]).dt.days / 365.25
    assert usia.between(18, 36).all()
    jk = pns["jenis_kelamin"] != ""
    assert (parsed.loc[jk, "jenis_kelamin"] == pns.loc[jk, "jenis_kelamin"]).all()
    assert 0 < (~jk).sum() < 0.06 * len(pns)  # a few blanks, derivable from the NIP
    lahir = pns["tanggal_lahir"] != ""
    assert (parsed.loc[lahir, "tanggal_lahir"].dt.strftime("%Y-%m-%d")
            == pns.loc[lahir, "tanggal_lahir"]).all()
    assert pns["golongan"].str.fullmatch(r"(I|II|III|IV)/[a-e]").all()
    # PPPK layout [M]: birth date 8 + year of appointment (2021+) 4 + "01" + gender + seq
    pppk = peg[peg["status_kepegawaian"] == "PPPK"]
    assert len(pppk) > 0
    assert (pppk["nip"].str[8:12].astype(int) >= 2021).all()
    assert (pppk["nip"].str[12:14] == "01").all()
    assert (pppk["nip"].str[14].map({"1": "L", "2": "P"}) == pppk["jenis_kelamin"]).all()
    assert pppk["golongan"].isin(["V", "VII", "IX"]).all()
    assert peg["nama"].str.fullmatch(r"[A-Z][a-z]+ [A-Z][a-z]+").all()


def test_penilaian_scores_ratings_predikat(demo: tuple[Path, dict]) -> None:
    out, _ = demo
    text = (out / "penilaian_kinerja.csv").read_text(encoding="utf-8")
    assert text.splitlines()[0].startswith("nip;periode;kehadiran")
    assert re.search(r";\d{1,3},\d;", text)  # decimal comma
    pk = _read(out / "penilaian_kinerja.csv")
    comp = pk[["kehadiran", "kualitas_pelayanan", "partisipasi"]].apply(_num)
    assert comp.min().min() >= 0 and comp.max().max() <= 100
    skor = _num(pk["skor_kinerja"])
    derived = (comp.sum(axis=1) / 3).round(1)
    assert 0.005 < skor.isna().mean() < 0.04
    assert np.allclose(skor.dropna(), derived[skor.notna()], atol=1e-9)
    assert 0.18 <= (derived < 70).mean() <= 0.32  # enough staff near the RD cutoff
    hasil, perilaku = _rating(pk["rating_hasil_kerja"]), _rating(pk["rating_perilaku_kerja"])
    assert hasil.notna().all() and perilaku.notna().all()
    expect = [PREDIKAT[(h, p)] for h, p in zip(hasil, perilaku, strict=True)]
    assert pk["predikat"].tolist() == expect
    assert (pk["rating_hasil_kerja"] != pk["rating_hasil_kerja"].str.title()).any()  # mixed
    # hasil rating follows the score bands (>= 85 atas, >= 70 sesuai)
    band = np.select([derived >= 85, derived >= 70], ["atas", "sesuai"], "bawah")
    assert (band == hasil).all()


def test_pembinaan_is_fuzzy_at_cutoff(demo: tuple[Path, dict]) -> None:
    out, truth = demo
    pk = _read(out / "penilaian_kinerja.csv")
    tl = _read(out / "tindak_lanjut.csv")
    assert set(tl["jenis"]) == {"pembinaan", "penghargaan", "promosi"}
    derived = pk[["kehadiran", "kualitas_pelayanan", "partisipasi"]].apply(_num).mean(axis=1)
    key = pk["nip"] + "|" + pk["periode"]
    coached = key.isin(tl.loc[tl["jenis"] == "pembinaan", "nip"] + "|"
                       + tl.loc[tl["jenis"] == "pembinaan", "periode"])
    below = derived.round(1) < 70
    rd = truth["pembinaan_rd"]
    assert rd == {**rd, "cutoff": 70, "effect": 4.0, "p_coaching_below": 0.85,
                  "p_coaching_above": 0.05}
    assert abs(coached[below].mean() - 0.85) < 0.04
    assert abs(coached[~below].mean() - 0.05) < 0.015


def test_survei_kepuasan(demo: tuple[Path, dict]) -> None:
    out, truth = demo
    skm = _read(out / "survei_kepuasan.csv")
    assert skm["id_responden"].is_unique and skm["id_responden"].str.fullmatch(r"R\d{7}").all()
    for j in range(1, 10):
        vals = skm[f"u{j}"]
        assert vals[vals != ""].isin(list("1234")).all()
    assert 0.005 < (skm["u4"] == "").mean() < 0.08
    assert 0.4 < (skm["u8"] == "").mean() < 0.7  # pengaduan often not applicable
    assert ((skm[[f"u{j}" for j in (1, 2, 3, 5, 6, 7, 9)]]) != "").all().all()
    iso = skm["tanggal"].str.fullmatch(r"\d{4}-\d{2}-\d{2}")
    dmy = skm["tanggal"].str.fullmatch(r"\d{2}/\d{2}/\d{4}")
    assert (iso | dmy).all() and 0.02 < dmy.mean() < 0.1
    tanggal = pd.to_datetime(skm["tanggal"].where(iso), format="%Y-%m-%d").fillna(
        pd.to_datetime(skm["tanggal"].where(dmy), format="%d/%m/%Y"))
    periode = tanggal.dt.year.astype(str) + "-Q" + tanggal.dt.quarter.astype(str)
    unit = skm["unit_kerja"].str.lower()
    assert (skm["unit_kerja"] != skm["unit_kerja"].str.title()).any()  # mixed case
    assert set(unit) == {u.lower() for u in truth["units"]}
    n = pd.crosstab(unit, periode)
    assert n.shape == (12, 20) and n.min().min() >= 30 and 55 <= n.mean().mean() <= 65
    peg = _read(out / "pegawai.csv")
    filled = skm["nip_petugas"] != ""
    assert 0.7 < filled.mean() < 0.85
    unit_of = dict(zip(peg["nip"], peg["unit_kerja"].str.lower(), strict=True))
    assert (skm.loc[filled, "nip_petugas"].map(unit_of) == unit[filled]).all()
    assert pd.to_numeric(skm["usia"]).between(17, 80).all()
    assert set(skm["pendidikan"]) <= {"SD", "SMP", "SMA", "D3", "S1", "S2", "S3"}
    # planted personal data for the scrubbing step
    saran = skm["saran"]
    assert 0.1 < (saran != "").mean() < 0.2
    assert saran.str.contains(r"08\d{2}-\d{4}-\d{4}").any()
    assert saran.str.contains(r"[a-z.]+\d*@gmail\.com").any()
    assert saran.str.contains(r"\b\d{16}\b").any()
    names = saran.str.extract(r"atas nama (\w+ \w+)")[0].dropna()
    assert len(names) and names.isin(set(peg["nama"])).all()


def test_survei_asn(demo: tuple[Path, dict]) -> None:
    out, _ = demo
    asn = _read(out / "survei_asn.csv")
    peg = _read(out / "pegawai.csv")
    assert set(asn["gelombang"]) == {"1", "2", "3"}
    assert asn["nip"].isin(set(peg["nip"])).all()
    rate = asn.groupby("gelombang").size() / len(peg)
    assert rate.between(0.85, 0.95).all()
    items = asn[[c for c in asn.columns if re.fullmatch(r"(paham|khawatir|dukungan)_\d", c)]]
    assert len(items.columns) == 9
    assert items.apply(lambda s: s[s != ""].isin(list("12345")).all()).all()
    assert 0 < (items == "").to_numpy().mean() < 0.03
    ya = asn["ikut_pelatihan"].str.lower().map({"ya": True, "tidak": False})
    assert ya.notna().all() and (asn["ikut_pelatihan"] != asn["ikut_pelatihan"].str.lower()).any()
    assert not ya[asn["gelombang"] == "1"].any()
    wide = ya.groupby([asn["nip"], asn["gelombang"]]).first().unstack()
    for a, b in (("1", "2"), ("2", "3"), ("1", "3")):  # once trained, stays trained
        both = wide[a].notna() & wide[b].notna()
        assert not (wide.loc[both, a].astype(bool) & ~wide.loc[both, b].astype(bool)).any()
    t_lat = pd.to_datetime(asn.loc[ya, "tanggal_pelatihan"])
    assert (t_lat < pd.to_datetime(asn.loc[ya, "tanggal"])).all()
    assert (asn.loc[~ya, "tanggal_pelatihan"] == "").all()
    # selection: trained staff had lower understanding at wave 1
    asn["paham"] = asn[["paham_1", "paham_2", "paham_3"]].apply(_num).mean(axis=1)
    ever = ya.groupby(asn["nip"]).max()
    w1 = asn[asn["gelombang"] == "1"].set_index("nip")["paham"]
    assert w1[ever.reindex(w1.index).to_numpy()].mean() < w1[~ever.reindex(w1.index)
                                                             .to_numpy()].mean() - 0.2


# ------------------------------------------------------------------ ground truth


def test_ground_truth_file_and_keys(demo: tuple[Path, dict]) -> None:
    out, truth = demo
    assert json.loads((out / "ground_truth.json").read_text(encoding="utf-8")) == truth
    for key in ("scale", "seed", "units", "waves", "dampak", "pembinaan_rd", "korelasi",
                "hambatan", "notes"):
        assert key in truth
    assert truth["scale"] == "banyumanik" and truth["seed"] == 2026
    for outcome in ("ikm", "skor_kinerja", "kehadiran"):
        d = truth["dampak"][outcome]
        assert set(d) >= {"att_simple", "att_by_wave", "event_study"}
        assert list(d["att_by_wave"]) == ["2022-Q3", "2023-Q3", "2024-Q2"]
        # first wave has the largest effect, effects grow over the first four quarters
        w = list(d["att_by_wave"].values())
        assert w[0] > w[1] > w[2] > 0
        es = [d["event_study"][str(e)] for e in range(4)]
        assert es == sorted(es) and es[0] > 0
        assert list(d["event_study"]) == [str(e) for e in range(14)]  # 2022-Q3..2025-Q4
    assert 3.0 <= truth["dampak"]["ikm"]["att_simple"] <= 5.5
    assert 3.0 <= truth["dampak"]["skor_kinerja"]["att_simple"] <= 5.0
    k = truth["korelasi"]
    assert k["antar_unit"]["pearson"] > 0.3 and -0.6 < k["dalam_unit"]["pearson"] < -0.2
    h = truth["hambatan"]
    assert 0.5 <= h["efek_pelatihan_pemahaman"] <= 0.7
    assert h["koefisien_dukungan"]["pemahaman"] == 0.5
    assert h["koefisien_dukungan"]["kekhawatiran"] == -0.6
    assert len(h["unit_pemahaman_rendah"]) == 3


def test_expected_ikm_matches_the_sampler() -> None:
    # The analytic expectation used for the ground truth equals the sampler's mean.
    rng = np.random.default_rng(0)
    for mu in (-0.4, 0.0, 0.5):
        ans = synth._sample_ikm(rng, np.full(200_000, mu))
        assert abs(25 * ans.mean() - float(expected_ikm(mu))) < 0.06
    # hand check at mu = 0 for item u2 (offset 0): 1 + sum Phi(-c / sd)
    from scipy.stats import norm

    sd = np.hypot(synth.IKM_SD_RESPONDENT, synth.IKM_SD_ITEM)
    u2 = 1 + sum(norm.cdf(-c / sd) for c in (-1.7, -0.8, 0.75))
    assert synth._ordered_mean(np.array(0.0), synth.IKM_CUTS, sd) == pytest.approx(u2)


def test_naive_ikm_difference_has_expected_sign(demo: tuple[Path, dict]) -> None:
    out, truth = demo
    skm = _read(out / "survei_kepuasan.csv")
    iso = skm["tanggal"].str.contains("-")
    tgl = pd.to_datetime(skm["tanggal"].where(iso), format="%Y-%m-%d").fillna(
        pd.to_datetime(skm["tanggal"].where(~iso), format="%d/%m/%Y"))
    skm["periode"] = tgl.dt.year.astype(str) + "-Q" + tgl.dt.quarter.astype(str)
    skm["unit"] = skm["unit_kerja"].str.lower()
    items = skm[[f"u{j}" for j in range(1, 10)]].apply(_num)
    nrr = items.groupby([skm["unit"], skm["periode"]]).mean()
    ikm = (25 * nrr.mean(axis=1)).rename("ikm").reset_index()
    wave = {u.lower(): w for u, w in truth["waves"].items()}
    ikm["treated"] = [w is not None and p >= w for u, p in zip(ikm["unit"], ikm["periode"],
                                                              strict=True)
                      for w in [wave[u]]]
    # treated unit-quarters vs all others, same quarters (2022-Q3 onwards)
    late = ikm[ikm["periode"] >= "2022-Q3"]
    diff = late.groupby("treated")["ikm"].mean()
    assert diff[True] - diff[False] > 0
    # unit-demeaned and quarter-demeaned (TWFE-like) difference is positive as well
    y = ikm["ikm"] - ikm.groupby("unit")["ikm"].transform("mean")
    y = y - y.groupby(ikm["periode"]).transform("mean")
    assert y[ikm["treated"]].mean() > 0
