"""Remaining privacy/safety gaps of issue #14 (red-team findings)."""

from __future__ import annotations

import errno
import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import TEST_KEY
from test_bersamaan import _fast_kernel, _notebooks, _report, periode  # noqa: F401

from kinerja_analysis import cli, kunci_folder
from kinerja_analysis.contract import Problem

ROOT = Path(__file__).resolve().parents[1]

# ---------------------------------------------------------------- 1. masking in messages


@pytest.mark.parametrize(("column", "value", "code"), [
    ("jenis_kelamin", "Suharti Ningsih", "jenis_kelamin_tidak_dikenal"),
    ("unit_kerja", "Budi Hartanto", "unit_tidak_dikenal"),
    ("tanggal_survei", "Joko Prasetyo", "tanggal_format"),
    ("status_kepegawaian", "Bambang Irawan", "status_tidak_dikenal"),
    ("jenis", "Teguran untuk Anton Wijaya", "jenis_tidak_dikenal"),
    ("jenis", "x" * 40, "jenis_tidak_dikenal"),
])
def test_names_in_wrong_column_are_masked(column, value, code):
    for lang in ("id", "en"):
        msg = Problem("pegawai.csv", 3, column, value, code).message(lang)
        assert value not in msg
        assert f"'…{value[-4:]}'" in msg
    assert "Suharti" not in Problem("p.csv", 2, "jenis_kelamin", "Suharti Ningsih",
                                    "jenis_kelamin_tidak_dikenal").message()


@pytest.mark.parametrize(("column", "value", "code"), [
    ("predikat", "Sangat Bagus Baik", "predikat_tidak_dikenal"),
    ("predikat", "Baik Sekali", "predikat_tidak_dikenal"),
    ("unit_kerja", "Kelurahan Sukamaju Lama", "unit_tidak_dikenal"),
    ("unit_kerja", "UPTD Puskesmas Ngesrep", "unit_tidak_dikenal"),
    ("kehadiran", "120", "bukan_angka"),
    ("tanggal_survei", "2025-13-45", "tanggal_format"),
    ("jenis_kelamin", "X", "jenis_kelamin_tidak_dikenal"),
    ("status_kepegawaian", "Honorer", "status_tidak_dikenal"),
    ("ikut_pelatihan", "tidak ya", "ya_tidak_tidak_dikenal"),
])
def test_codes_and_vocabulary_stay_visible(column, value, code):
    msg = Problem("f.csv", 2, column, value, code).message("id")
    assert f"'{value}'" in msg


def test_fix_hint_is_kept():
    msg = Problem("p.csv", 2, "status_kepegawaian", "Bambang Irawan",
                  "status_tidak_dikenal").message("id")
    assert "gunakan PNS atau PPPK" in msg


# ---------------------------------------------------------------- 2. user files in OUT/<periode>


def test_user_file_in_a_period_folder_is_carried_over(demo_raw, tmp_path, capsys,
                                                     periode):  # noqa: F811
    out = tmp_path / "reports"
    nb = _notebooks(tmp_path / "nb", "1")
    assert _report(demo_raw, out, tmp_path / "proc", nb) == 0
    folder = out / periode
    (folder / "catatan_rapat.docx").write_bytes(b"milik pengguna")
    (folder / "lampiran").mkdir()
    (folder / "lampiran" / "foto.jpg").write_bytes(b"jpg")
    capsys.readouterr()
    assert _report(demo_raw, out, tmp_path / "proc", nb) == 0
    assert (folder / "catatan_rapat.docx").read_bytes() == b"milik pengguna"
    assert (folder / "lampiran" / "foto.jpg").read_bytes() == b"jpg"
    assert "catatan_rapat.docx" in capsys.readouterr().out
    assert kunci_folder.folder_kinerja(folder)


def test_only_kinerja_outputs_are_not_carried_over(tmp_path):
    folder = tmp_path / "2025-Q4"
    folder.mkdir()
    for name in ("index.html", "results.json", "manifest.json", "00_ringkasan.html",
                 "01_eksekutif.pdf", ".index.html.abc.tmp", "catatan.docx", "saya.pdf"):
        (folder / name).write_text("x")
    assert kunci_folder.berkas_pengguna(folder) == ["catatan.docx", "saya.pdf"]


# ---------------------------------------------------------------- 3. full disk, no file name


def _full(*_a, **_kw):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))  # no filename


@pytest.mark.parametrize("where", ["write_json", "mkdir", "parquet", "copy", "lock"])
def test_full_disk_without_file_name_names_processed_and_cleans_staging(
        demo_raw, tmp_path, capsys, monkeypatch, where):
    import pyarrow.parquet as pq

    from kinerja_analysis import atomic
    from kinerja_analysis import prepare as prep

    proc = tmp_path / "processed"
    if where == "copy":
        prep.prepare(demo_raw, proc, key=TEST_KEY)
        (proc / "catatan.txt").write_text("x")
        monkeypatch.setattr(shutil, "copy2", _full)
    elif where == "write_json":
        monkeypatch.setattr(atomic, "write_json", _full)
    elif where == "parquet":
        monkeypatch.setattr(pq.ParquetWriter, "write_table", _full)
    elif where == "lock":
        monkeypatch.setattr(kunci_folder.os, "pwrite", _full)
    else:
        real = Path.mkdir

        def mkdir(self, *a, **kw):
            if self.name == "ditolak":
                _full()
            return real(self, *a, **kw)
        monkeypatch.setattr(Path, "mkdir", mkdir)
    code = cli.main(["prepare", "--data", str(demo_raw), "--processed", str(proc)])
    err = capsys.readouterr().err
    assert code == cli.EXIT_USAGE
    named = tmp_path / ".processed.lock" if where == "lock" else proc
    assert "Ruang disk habis" in err and str(named) in err and "?" not in err
    assert not [p.name for p in tmp_path.iterdir() if ".baru-" in p.name]


# ---------------------------------------------------------------- 4. key check without fingerprint

KEY_A = b"kunci-pertama-0123456789abcdef"
KEY_B = b"kunci-kedua-0123456789abcdef00"


@pytest.mark.parametrize("damage", ["terpotong", "dihapus", "null", "bukan_dict"])
def test_tables_without_readable_fingerprint_refuse_another_key(demo_raw, tmp_path, capsys,
                                                                 monkeypatch, damage):
    from kinerja_analysis import privacy
    from kinerja_analysis.prepare import prepare

    proc = tmp_path / "proc"
    prepare(demo_raw, proc, key=KEY_A)
    ring = proc / "ringkasan.json"
    if damage == "terpotong":
        ring.write_text('{"sidik_kunci": ', encoding="utf-8")
    elif damage == "dihapus":
        ring.unlink()
    elif damage == "null":
        ring.write_text('{"versi": "1.0", "sidik_kunci": null}', encoding="utf-8")
    else:
        ring.write_text("[]", encoding="utf-8")
    before = sorted(p.name for p in proc.iterdir())
    monkeypatch.setenv(privacy.KEY_ENV, KEY_B.decode())
    code = cli.main(["prepare", "--data", str(demo_raw), "--processed", str(proc)])
    err = capsys.readouterr().err
    assert code == cli.EXIT_USAGE
    assert str(proc) in err and "--kunci-baru" in err and "ringkasan.json" in err
    assert sorted(p.name for p in proc.iterdir()) == before
    with pytest.raises(privacy.PseudonymKeyError):
        prepare(demo_raw, proc, key=KEY_B)
    code = cli.main(["prepare", "--data", str(demo_raw), "--processed", str(proc),
                     "--kunci-baru"])
    assert code == cli.EXIT_OK
    assert json.loads(ring.read_text())["sidik_kunci"] == privacy.key_fingerprint(KEY_B)


def test_report_warns_when_the_key_of_out_changes(demo_raw, tmp_path, capsys, monkeypatch):
    from kinerja_analysis import privacy

    out = tmp_path / "reports"
    nb = _notebooks(tmp_path / "nb", "1")
    assert _report(demo_raw, out, tmp_path / "proc_a", nb) == 0
    assert "sidik" not in capsys.readouterr().out
    monkeypatch.setenv(privacy.KEY_ENV, KEY_B.decode())
    assert _report(demo_raw, out, tmp_path / "proc_b", nb) == 0
    log = capsys.readouterr().out
    line = next(x for x in log.splitlines() if "kunci pseudonim berbeda" in x)
    assert privacy.key_fingerprint(KEY_B) in line and str(out) in line
    assert json.loads((out / "manifest.json").read_text())["sidik_kunci"] == (
        privacy.key_fingerprint(KEY_B))


# ---------------------------------------------------------------- 5. symlink loop


@pytest.mark.parametrize("command", ["validate", "prepare"])
def test_self_referencing_symlink_is_a_clear_error(demo_raw, tmp_path, capsys, command):
    data = shutil.copytree(demo_raw, tmp_path / "raw")
    (data / "pegawai.csv").unlink()
    (data / "pegawai.csv").symlink_to("pegawai.csv")
    argv = [command, "--data", str(data)]
    if command == "prepare":
        argv += ["--processed", str(tmp_path / "proc")]
    for lang, words in (("id", "tautan (symlink) yang berputar"), ("en", "loops back")):
        code = cli.main([*argv, "--lang", lang])
        cap = capsys.readouterr()
        text = cap.out + cap.err
        assert code == 1, text
        assert "Traceback" not in text and "RuntimeError" not in text
        assert any(line.startswith("pegawai.csv: ") and words in line
                   for line in text.splitlines())


# ---------------------------------------------------------------- 6. --simpan-kolom names


def _with_extra(demo_raw, tmp_path, header: str):
    import pandas as pd

    data = shutil.copytree(demo_raw, tmp_path / "raw")
    path = data / "survei_kepuasan.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame[header] = "kanal-" + pd.Series(range(len(frame))).astype(str)
    frame.to_csv(path, index=False)
    return data


@pytest.mark.parametrize("name", ["id_petugas", "ID Pegawai", "triwulan", "kelompok_usia"])
def test_simpan_kolom_named_like_an_output_column_is_refused(demo_raw, tmp_path, capsys,
                                                            name):
    from kinerja_analysis.contract import ContractOptions

    data = _with_extra(demo_raw, tmp_path, name)
    for lang in ("id", "en"):
        code = cli.main(["prepare", "--data", str(data), "--processed", str(tmp_path / "p"),
                         "--simpan-kolom", name, "--lang", lang])
        err = capsys.readouterr().err
        assert code == cli.EXIT_USAGE
        assert "Duplicate" not in err and "Traceback" not in err
        assert "--simpan-kolom" in err and "ditulis sendiri oleh kinerja" in err
        assert "written by kinerja itself" in err
        assert name.lower().replace(" ", "_") in err
    assert not (tmp_path / "p").exists()
    with pytest.raises(ValueError, match="--simpan-kolom"):
        ContractOptions(simpan_kolom=(name,))


def test_simpan_kolom_is_matched_like_headers(demo_raw, tmp_path, capsys):
    import pandas as pd

    data = _with_extra(demo_raw, tmp_path, "Kontak Person")
    code = cli.main(["prepare", "--data", str(data), "--processed", str(tmp_path / "p"),
                     "--simpan-kolom", "Kontak Person", "--simpan-kolom", "Tidak Ada"])
    out = capsys.readouterr()
    assert code == cli.EXIT_OK, out.err
    frame = pd.read_parquet(tmp_path / "p" / "survei_kepuasan.parquet")
    assert "kontak_person" in frame.columns
    text = out.out + out.err
    line = next(x for x in text.splitlines() if "tidak_ada" in x)
    assert "--simpan-kolom" in line and "kontak_person" not in line


def test_derived_output_columns_are_all_reserved(tmp_path):
    import pyarrow.parquet as pq

    from kinerja_analysis import contract
    from kinerja_analysis.prepare import prepare

    prepare(ROOT / "data" / "raw", tmp_path / "p", key=TEST_KEY)
    schema = {c for s in contract.SCHEMAS.values() for c in (*s.required, *s.optional)}
    out = {c for f in (tmp_path / "p").glob("*.parquet") for c in pq.read_schema(f).names}
    assert out - schema <= contract.KOLOM_TURUNAN
