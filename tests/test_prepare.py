"""prepare: validate -> pseudonymize -> Parquet; nothing personal in data/processed/."""

from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest

from kinerja_analysis import prepare as prep
from kinerja_analysis.ingest import read_table
from kinerja_analysis.muat import muat


def _personal_values(raw):
    peg = read_table(raw / "pegawai.csv", "pegawai").frame
    nips = set(peg["nip"].str.replace(" ", "", regex=False))
    names = {n for n in peg["nama"] if n.strip()}
    return nips, names


def _all_text(folder):
    """Every string cell of every Parquet file plus the raw bytes of every other file."""
    texts = []
    for path in folder.rglob("*"):
        if path.is_dir():
            continue
        if path.suffix == ".parquet":
            df = pd.read_parquet(path)
            texts.append(df.astype(str).to_csv(index=False))
        else:
            texts.append(path.read_text(encoding="utf-8", errors="replace"))
    return "\n".join(texts)


@pytest.fixture(scope="module")
def prepared(tmp_path_factory, demo_raw):
    out = tmp_path_factory.mktemp("proc")
    res = prep.prepare(demo_raw, out, key=b"k" * 32)
    return res, out


def test_every_row_used_or_rejected(prepared, demo_raw):
    res, out = prepared
    for name, entry in res.ringkasan["input"].items():
        assert entry["read"] == entry["accepted"] + entry["rejected"], name
        assert entry["rejected"] == 0, name  # the demo data is valid
        assert len(pd.read_parquet(out / f"{name}.parquet")) == entry["accepted"]


def test_no_nip_or_name_in_processed(prepared, demo_raw):
    _res, out = prepared
    nips, names = _personal_values(demo_raw)
    text = _all_text(out)
    assert len(nips) > 200
    assert not [n for n in nips if n in text]
    assert not [n for n in names if n in text]
    peg = pd.read_parquet(out / "pegawai.parquet")
    assert {"nama", "nip", "tanggal_lahir"}.isdisjoint(peg.columns)
    assert peg["id_pegawai"].str.fullmatch(r"[0-9a-f]{16}").all()


def test_pseudonyms_are_keyed_and_join(prepared, demo_raw, tmp_path):
    _res, out = prepared
    peg = pd.read_parquet(out / "pegawai.parquet")
    pk = pd.read_parquet(out / "penilaian_kinerja.parquet")
    sk = pd.read_parquet(out / "survei_kepuasan.parquet")
    assert set(pk["id_pegawai"]) <= set(peg["id_pegawai"])
    assert set(sk["id_petugas"].dropna()) <= set(peg["id_pegawai"])
    other = prep.prepare(demo_raw, tmp_path / "p2", key=b"x" * 32)
    peg2 = pd.read_parquet(other.files["pegawai"])
    assert set(peg2["id_pegawai"]).isdisjoint(peg["id_pegawai"])


def test_raw_files_untouched(demo_raw, tmp_path):
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in demo_raw.iterdir()}
    prep.prepare(demo_raw, tmp_path / "p", key=b"k" * 32)
    after = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in demo_raw.iterdir()}
    assert before == after


def _broken_copy(demo_raw, tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(demo_raw, raw)
    text = (raw / "survei_kepuasan.csv").read_text(encoding="utf-8-sig")
    lines = text.splitlines()
    header = lines[0].split(",")
    col = header.index("u1")
    cells = lines[3].split(",")
    cells[col] = "7"  # out of the 1-4 scale, data row 3 -> spreadsheet row 4
    lines[3] = ",".join(cells)
    (raw / "survei_kepuasan.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return raw


def test_strict_stops_and_writes_nothing(demo_raw, tmp_path):
    raw = _broken_copy(demo_raw, tmp_path)
    with pytest.raises(prep.DataInvalidError) as err:
        prep.prepare(raw, tmp_path / "out", key=b"k" * 32)
    probs = [p for p in err.value.report.problems if p.severity == "error"]
    assert [(p.file, p.row, p.column) for p in probs] == [("survei_kepuasan.csv", 4, "u1")]
    assert not (tmp_path / "out").exists()


def test_lenient_sets_rows_aside_with_reason(demo_raw, tmp_path):
    raw = _broken_copy(demo_raw, tmp_path)
    res = prep.prepare(raw, tmp_path / "out", key=b"k" * 32, lenient=True)
    entry = res.ringkasan["input"]["survei_kepuasan"]
    assert entry["rejected"] == 1
    assert entry["read"] == entry["accepted"] + 1
    rej = pd.read_csv(tmp_path / "out" / "ditolak" / "survei_kepuasan.csv")
    assert rej["baris"].tolist() == [4]
    assert rej["alasan"].str.contains("u1").all()
    assert list(rej.columns) == ["baris", "kode", "alasan"]  # no raw values (privacy)


def test_periode_cut(prepared):
    _res, out = prepared
    data = muat(out, "2023-Q4")
    assert data.penilaian_kinerja["triwulan"].max() == "2023-Q4"
    assert data.survei_kepuasan["triwulan"].max() == "2023-Q4"


def test_muat_reads_tables_on_first_use(prepared):
    _res, out = prepared
    data = muat(out)
    assert data._tables == {}  # nothing read yet
    n = len(data.pegawai)
    assert list(data._tables) == ["pegawai"] and data.pegawai is data.pegawai
    assert n == len(pd.read_parquet(out / "pegawai.parquet"))
    with pytest.raises(AttributeError):
        _ = data.tidak_ada


def test_muat_leaves_out_unused_columns(prepared):
    from kinerja_analysis.muat import KOLOM_TIDAK_DIPAKAI

    _res, out = prepared
    full, lean = muat(out), muat(out, "2023-Q4", tanpa=KOLOM_TIDAK_DIPAKAI)
    for name, cols in KOLOM_TIDAK_DIPAKAI.items():
        have = getattr(full, name).columns
        assert set(cols) <= set(have), (name, cols)  # a typo would silently keep a column
        got = getattr(lean, name).columns
        assert not set(cols) & set(got) and list(got) == [c for c in have if c not in cols]


# --------------------------------------------------------------------------- streaming, workers


def _tables(folder):
    out = {p.name: pd.read_parquet(p) for p in sorted(folder.glob("*.parquet"))}
    out.update({f"ditolak/{p.name}": p.read_text() for p in sorted(folder.glob("ditolak/*"))})
    return out


def _assert_same(a, b):
    ta, tb = _tables(a), _tables(b)
    assert list(ta) == list(tb)
    for name in ta:
        if name.startswith("ditolak/"):
            assert ta[name] == tb[name], name
        else:
            pd.testing.assert_frame_equal(ta[name], tb[name], obj=name)
    ra = json.loads((a / "ringkasan.json").read_text())
    rb = json.loads((b / "ringkasan.json").read_text())
    assert ra == rb


def _messy_copy(demo_raw, tmp_path):
    """Demo data with invalid rows and repeated keys far apart (lenient runs)."""
    raw = _broken_copy(demo_raw, tmp_path)
    for name, sep in (("penilaian_kinerja.csv", ";"), ("survei_kepuasan.csv", ","),
                      ("survei_asn.csv", ",")):
        lines = (raw / name).read_text(encoding="utf-8-sig").splitlines()
        lines += [lines[1], lines[len(lines) // 2], lines[2].replace(sep, sep + "x", 1)]
        (raw / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return raw


def test_chunked_and_parallel_runs_write_the_same(demo_raw, tmp_path):
    raw = _messy_copy(demo_raw, tmp_path)
    key = b"k" * 32
    prep.prepare(raw, tmp_path / "a", key=key, lenient=True, jobs=1)
    prep.prepare(raw, tmp_path / "b", key=key, lenient=True, jobs=1, chunk_rows=997)
    prep.prepare(raw, tmp_path / "c", key=key, lenient=True, jobs=2, chunk_rows=2000)
    ring = json.loads((tmp_path / "a" / "ringkasan.json").read_text())
    assert ring["input"]["survei_kepuasan"]["rejected"] == 4  # the u1 = 7 row + 3 new
    _assert_same(tmp_path / "a", tmp_path / "b")
    _assert_same(tmp_path / "a", tmp_path / "c")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no staging left


def test_hasher_equals_privacy_pseudonymize():
    from kinerja_analysis import privacy

    key = b"0123456789abcdef-demo-key"
    values = pd.Series(["198609262015051001", "19860926 201505 1 001", "R000001", "r000001",
                        "1.986-0926", "-", "Ünïcode Näme", "  spaced  out ", "a\u00a0b", "ÅB",
                        "12.5", None, "", "x" * 80, "tab\there"], dtype="str")
    got = prep._Hasher(key)(values)
    want = privacy.pseudonymize(values, key)
    assert got.tolist() == want.tolist()
    assert got.isna().tolist() == want.isna().tolist()


def test_strict_failure_leaves_no_staging(demo_raw, tmp_path):
    raw = _broken_copy(demo_raw, tmp_path)
    with pytest.raises(prep.DataInvalidError):
        prep.prepare(raw, tmp_path / "out", key=b"k" * 32, chunk_rows=500)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["raw"]


def test_muat_lepas_frees_and_rereads(prepared):
    _res, out = prepared
    data = muat(out)
    first = data.survei_kepuasan
    data.lepas("survei_kepuasan")
    assert "survei_kepuasan" not in data._tables
    again = data.survei_kepuasan  # read again on next use, same content
    assert again is not first
    pd.testing.assert_frame_equal(again, first)
    with pytest.raises(ValueError, match="unknown tables"):
        data.lepas("survei")


def test_large_tables_give_memory_back(prepared, monkeypatch):
    """Reading or releasing a table of BARIS_BESAR rows or more returns freed memory to
    the system (Arrow pool, C heap); small tables skip it (gc costs ~0.3 s per call)."""
    from kinerja_analysis import muat as muat_mod

    calls = []
    monkeypatch.setattr(muat_mod, "kembalikan_memori", lambda: calls.append(1))
    _res, out = prepared
    data = muat(out)
    _ = data.pegawai
    assert calls == []
    monkeypatch.setattr(muat_mod, "BARIS_BESAR", 1)
    _ = data.survei_kepuasan
    assert calls == [1]
    data.lepas("survei_kepuasan", "kebijakan")  # kebijakan never read: nothing to free
    assert calls == [1, 1]
    data.lepas("survei_kepuasan")  # already released
    assert calls == [1, 1]
    monkeypatch.undo()
    muat_mod.kembalikan_memori()  # the real one runs here (glibc) and is a no-op elsewhere


# --------------------------------------------------------------------------- modular inputs


def _subset(demo_raw, folder, names):
    folder.mkdir(parents=True)
    for name in names:
        shutil.copyfile(demo_raw / f"{name}.csv", folder / f"{name}.csv")
    return folder


MINIMAL = {
    "skm": ("survei_kepuasan", "kebijakan"),
    "skor": ("penilaian_kinerja", "pegawai", "kebijakan"),
    "hambatan": ("survei_asn", "pegawai"),
}


@pytest.mark.parametrize("combo", list(MINIMAL))
def test_minimal_combinations_prepare_only_their_tables(prepared, demo_raw, tmp_path, combo):
    from kinerja_analysis.contract import INPUTS

    names = MINIMAL[combo]
    _res, full = prepared
    out = tmp_path / "out"
    res = prep.prepare(_subset(demo_raw, tmp_path / "raw", names), out, key=b"k" * 32)
    assert sorted(p.stem for p in out.glob("*.parquet")) == sorted(names)
    ring = json.loads((out / "ringkasan.json").read_text(encoding="utf-8"))
    assert ring == res.ringkasan
    assert ring["ada"] == [n for n in INPUTS if n in names]
    assert ring["tidak_ada"] == [n for n in INPUTS if n not in names]
    assert list(ring["input"]) == ring["ada"]
    assert ring["halaman"] == {"skm": ["00_gambaran_data", "01_dampak_evaluasi"],
                               "skor": ["00_gambaran_data", "01_dampak_evaluasi"],
                               "hambatan": ["03_hambatan_adopsi"]}[combo]
    assert (ring["n_unit"] is None) == ("kebijakan" not in names)
    assert (ring["n_pegawai"] is None) == ("pegawai" not in names)
    data = muat(out)
    for name in INPUTS:
        assert data.ada(name) == (name in names), name
        if name not in names:
            assert getattr(data, name) is None
            continue
        # the same rows as with every input present (same key: the same pseudonyms, so
        # id_petugas without a pegawai file equals the one looked up through it)
        got = getattr(data, name)
        want = pd.read_parquet(full / f"{name}.parquet")
        if name == "pegawai" and "penilaian_kinerja" not in names:
            # age bands at the end of the last survey quarter instead of the last scores'
            assert got["kelompok_usia"].notna().all()
            got, want = got.drop(columns="kelompok_usia"), want.drop(columns="kelompok_usia")
        if name == "survei_kepuasan" and "pegawai" not in names:
            # no roster to remove officers' names from the comments: left out
            assert got["saran"].isna().all() and want["saran"].notna().any()
            got, want = got.drop(columns="saran"), want.drop(columns="saran")
        pd.testing.assert_frame_equal(got, want, check_like=False)
    if combo == "skm":
        assert data.survei_kepuasan["id_petugas"].notna().any()
        nips, names_ = _personal_values(demo_raw)
        text = _all_text(out)
        assert not [n for n in nips if n in text] and not [n for n in names_ if n in text]


@pytest.mark.parametrize("lenient", [False, True])
def test_missing_pegawai_stops_prepare_also_lenient(demo_raw, tmp_path, lenient):
    raw = _subset(demo_raw, tmp_path / "raw",
                  ("kebijakan", "survei_kepuasan", "penilaian_kinerja"))
    with pytest.raises(prep.DataInvalidError) as err:
        prep.prepare(raw, tmp_path / "out", key=b"k" * 32, lenient=lenient)
    probs = [(p.file, p.code) for p in err.value.report.problems]
    assert probs == [("penilaian_kinerja.csv", "perlu_berkas")]
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("names", [(), ("kebijakan", "pegawai"), ("survei_kepuasan",)])
def test_no_page_stops_prepare(demo_raw, tmp_path, names):
    raw = _subset(demo_raw, tmp_path / "raw", names)
    with pytest.raises(prep.DataInvalidError) as err:
        prep.prepare(raw, tmp_path / "out", key=b"k" * 32, lenient=True)
    assert [p.code for p in err.value.report.problems] == [
        "tanpa_halaman" if names else "tanpa_input"]
    assert not (tmp_path / "out").exists()
