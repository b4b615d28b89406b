"""Issue #14, "rows lost silently, look-alikes, misleading errors": open quotes, links out
of the data folder, reference files that fail as a whole, formulas without saved values.

The bad-input corpus cases (``tests/data/bad/kutip_tidak_ditutup`` ...) are in
``test_contract.CASES``; these tests check what the corpus cannot: counts over many rows,
chunked reading, the command line output and the follow-on lines.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from test_contract import BAD, OPTIONS, VALID, check_invariants, write_valid

from kinerja_analysis import cli
from kinerja_analysis.contract import validate_dir
from kinerja_analysis.ingest import IngestError, find_input, iter_table, read_table

HEADER = "nip,periode,kehadiran,kualitas_pelayanan,partisipasi"


@pytest.fixture
def valid_dir(tmp_path: Path) -> Path:
    return write_valid(tmp_path / "data")


def _rows(n: int) -> list[str]:
    """``n`` valid penilaian rows (three NIPs of VALID's pegawai, distinct periods)."""
    nips = ("198609262015051001", "199001152018032002", "199205102022211003")
    return [f"{nips[i % 3]},{2000 + i // 12}-{i % 12 + 1:02d},90,80,70" for i in range(n)]


def _swallow_file(folder: Path) -> Path:
    """200 data rows (rows 2-201); row 101 opens a quote that row 128's quoted cell closes."""
    lines = [HEADER, *_rows(200)]
    lines[100] = lines[100].replace(",90,80,", ',"90,80,')  # row 101
    nip, periode, *rest = lines[127].split(",")  # row 128: a legitimately quoted cell
    lines[127] = ",".join([nip, f'"{periode}"', *rest])
    path = folder / "penilaian_kinerja.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# --------------------------------------------------------------------------- 1 open quote


def test_open_quote_swallowing_rows_is_one_error_and_every_line_is_counted(
        tmp_path: Path) -> None:
    folder = write_valid(tmp_path / "d")
    _swallow_file(folder)
    report = validate_dir(folder, OPTIONS)
    check_invariants(report)
    pk = report.tables["penilaian_kinerja"]
    assert pk.n_read == 200  # physical data rows, not 173 records
    assert pk.rejected["_baris"].tolist() == list(range(101, 129))
    assert set(pk.rejected["kode"]) == {"kutip_tidak_ditutup"}
    assert (pk.rejected["alasan"].str.contains("menelan baris 102-128")).all()
    assert pk.accepted["_baris"].tolist() == [*range(2, 101), *range(129, 202)]
    probs = [p for p in report.problems if p.file == "penilaian_kinerja.csv"]
    assert [(p.code, p.row, p.column) for p in probs] == [
        ("kutip_tidak_ditutup", 101, "kehadiran")]
    assert "tanda kutip tidak ditutup di baris 101 menelan baris 102-128" in probs[0].message("id")
    assert "open quote at row 101 swallows rows 102-128" in probs[0].message("en")
    # the swallowed lines are read as the rows they are (for data/processed/ditolak/)
    row110 = pk.rejected.set_index("_baris").loc[110]
    assert row110["nip"] == _rows(200)[108].split(",")[0] and row110["kehadiran"] == "90"


def test_open_quote_read_in_chunks_equals_whole(tmp_path: Path) -> None:
    path = _swallow_file(tmp_path)
    whole = read_table(path)
    for rows in (7, 50, 1000):
        chunks = list(iter_table(path, chunk_rows=rows, stream=False))
        frame = pd.concat([c.frame for c in chunks], ignore_index=True)
        pd.testing.assert_frame_equal(frame, whole.frame)
        logged = [r.problem for c in chunks for r in c.rejects if r.log]
        assert logged == [r.problem for r in whole.rejects]
        rows_ = np.concatenate([r.rows for c in chunks for r in c.rejects])
        assert sorted(rows_.tolist()) == list(range(101, 129))
    # the streaming reader hands the file to the whole-file reader
    streamed = pd.concat([c.frame for c in iter_table(path, chunk_rows=1000)],
                         ignore_index=True)
    pd.testing.assert_frame_equal(streamed, whole.frame)


def test_open_quote_running_to_the_end_of_the_file(tmp_path: Path) -> None:
    lines = [HEADER, *_rows(30)]
    lines[10] = lines[10].replace(",90,", ',"90,')  # row 11, never closed
    path = tmp_path / "penilaian_kinerja.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    t = read_table(path)
    assert t.frame["_baris"].tolist() == list(range(2, 32))
    (rej,) = t.rejects
    assert (rej.problem.row, rej.problem.params["sampai"]) == (11, 31)
    assert not [p for p in t.problems if p.code in ("kolom_kurang", "kolom_lebih")]


def test_quoted_line_breaks_in_closed_quotes_stay_valid(valid_dir: Path) -> None:
    text = VALID["survei_kepuasan"].replace(
        "Pelayanan cepat", '"Pelayanan cepat,\nramah, dan\njelas, sekali"')
    (valid_dir / "survei_kepuasan.csv").write_text(text, encoding="utf-8")
    report = validate_dir(valid_dir, OPTIONS)
    assert report.problems == []
    sk = report.tables["survei_kepuasan"].accepted
    assert sk["saran"].iloc[0] == "Pelayanan cepat,\nramah, dan\njelas, sekali"
    assert sk["_baris"].tolist() == [2, 3, 4]  # record numbers, as before


# --------------------------------------------------------------------------- 2 links


def _outside(tmp_path: Path) -> Path:
    out = tmp_path / "luar"
    out.mkdir()
    secret = out / "rahasia.csv"
    secret.write_text("root:x:0:0:RAHASIA-LUAR:/root:/bin/bash\n1,2\n", encoding="utf-8")
    return secret


def test_link_out_of_the_data_folder_is_refused_and_never_read(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_valid(tmp_path / "d")
    (folder / "pegawai.csv").unlink()
    (folder / "pegawai.csv").symlink_to(_outside(tmp_path))
    with pytest.raises(IngestError) as err:
        find_input(folder, "pegawai")
    assert err.value.problem.code == "tautan_keluar"
    assert cli.main(["validate", "--data", str(folder)]) == cli.EXIT_DATA
    out = capsys.readouterr()
    assert "RAHASIA" not in out.out + out.err and "root:x" not in out.out + out.err
    assert "pegawai.csv: berkas ini adalah tautan (symlink) ke lokasi di luar" in out.err


def test_linked_folder_out_of_the_data_folder_is_refused(tmp_path: Path) -> None:
    folder = write_valid(tmp_path / "d")
    (folder / "kebijakan.csv").unlink()
    (folder / "kebijakan.csv").symlink_to(_outside(tmp_path).parent, target_is_directory=True)
    report = validate_dir(folder, OPTIONS)
    assert [(p.file, p.code) for p in report.problems if p.severity == "error"][:1] == [
        ("kebijakan.csv", "tautan_keluar")]


def test_link_inside_the_data_folder_is_read(tmp_path: Path) -> None:
    folder = write_valid(tmp_path / "d")
    (folder / "ekspor").mkdir()
    (folder / "pegawai.csv").rename(folder / "ekspor" / "pegawai_2025.csv")
    (folder / "pegawai.csv").symlink_to(Path("ekspor") / "pegawai_2025.csv")
    assert validate_dir(folder, OPTIONS).problems == []


# --------------------------------------------------------------------------- 3 reference files


def test_failed_pegawai_gives_one_line_per_file_not_an_error_per_row(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_valid(tmp_path / "d")
    (folder / "pegawai.csv").write_bytes(VALID["pegawai"].encode("utf-16-le"))  # no BOM
    (folder / "penilaian_kinerja.csv").write_text(
        "\n".join([HEADER, *_rows(1500)]) + "\n", encoding="utf-8")
    report = validate_dir(folder, OPTIONS)
    check_invariants(report)
    pk = [p for p in report.problems if p.file == "penilaian_kinerja.csv"]
    assert [p.code for p in pk] == ["referensi_gagal"]
    assert pk[0].message("id") == ("penilaian_kinerja.csv: 1500 baris penilaian_kinerja "
                                   "ditolak karena pegawai.csv tidak dapat dipakai (lihat "
                                   "kesalahan pegawai.csv di atas).")
    assert report.tables["penilaian_kinerja"].n_rejected == 1500
    assert set(report.tables["penilaian_kinerja"].rejected["kode"]) == {"referensi_gagal"}
    assert "nip_tidak_dikenal" not in {p.code for p in report.problems}
    assert cli.main(["validate", "--data", str(folder)]) == cli.EXIT_DATA
    out = capsys.readouterr()
    assert len((out.out + out.err).splitlines()) < 20
    assert "berkas UTF-16" in out.err


def test_failed_kebijakan_does_not_report_every_unit_as_unknown(valid_dir: Path) -> None:
    (valid_dir / "kebijakan.csv").write_text("unit,mulai\nKecamatan Banyumanik,2024-01-15\n",
                                             encoding="utf-8")
    report = validate_dir(valid_dir, OPTIONS)
    assert "unit_tidak_dikenal" not in {p.code for p in report.problems}
    peg = [p for p in report.problems if p.file == "pegawai.csv"]
    assert [(p.code, p.severity) for p in peg] == [("referensi_dilewati", "warning")]
    assert "kebijakan.csv tidak dapat dipakai" in peg[0].message("id")


def test_summary_names_the_file_of_every_present_input(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_valid(tmp_path / "d")
    (folder / "pegawai.xlsx").write_bytes(b"")  # two candidates: pegawai.csv, pegawai.xlsx
    report = validate_dir(folder, OPTIONS)
    s = report.summary().set_index("input")
    assert s.loc["pegawai", "file"] == "pegawai.csv, pegawai.xlsx"
    assert (s["file"] != "").all()
    cli.main(["validate", "--data", str(folder)])
    assert "  pegawai.csv, pegawai.xlsx: dibaca 0" in capsys.readouterr().out


@pytest.mark.parametrize("case", ["judul_di_atas_header", "baris_sep", "utf16_bom"])
def test_reference_file_variants_are_read(valid_dir: Path, case: str) -> None:
    for f in (BAD / case).iterdir():
        (valid_dir / f.name).write_bytes(f.read_bytes())
    report = validate_dir(valid_dir, OPTIONS)
    assert not report.has_errors, [p.message("en") for p in report.problems]
    check_invariants(report)
    name = next((BAD / case).iterdir()).stem
    t = report.tables[name]
    assert t.n_accepted == t.n_read == 3
    first = {"judul_di_atas_header": 4, "baris_sep": 3, "utf16_bom": 2}[case]  # line numbers
    assert t.accepted["_baris"].tolist() == list(range(first, first + 3))
    codes = [p.code for p in report.problems]
    assert codes == (["judul_di_atas_header"] if case == "judul_di_atas_header" else [])


def test_title_rows_above_an_xlsx_header(valid_dir: Path) -> None:
    import csv
    import io

    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["Daftar Pegawai Kecamatan Banyumanik"])
    wb.active.append([])
    for row in csv.reader(io.StringIO(VALID["pegawai"])):
        wb.active.append(row)
    (valid_dir / "pegawai.csv").unlink()
    wb.save(valid_dir / "pegawai.xlsx")
    report = validate_dir(valid_dir, OPTIONS)
    assert [p.code for p in report.problems] == ["judul_di_atas_header"]
    assert report.problems[0].message("en").startswith(
        "pegawai.xlsx: header found on row 3")
    assert report.tables["pegawai"].accepted["_baris"].tolist() == [4, 5, 6]


def test_data_on_second_sheet_and_double_extension_are_read(valid_dir: Path) -> None:
    from test_contract import _data_on_second_sheet, _double_extension

    _data_on_second_sheet(valid_dir)
    report = validate_dir(valid_dir, OPTIONS)
    assert [p.code for p in report.problems] == ["data_di_sheet"]
    assert report.tables["pegawai"].n_accepted == 3
    (valid_dir / "pegawai.xlsx").unlink()
    (valid_dir / "pegawai.csv").write_text(VALID["pegawai"], encoding="utf-8")
    _double_extension(valid_dir)
    report = validate_dir(valid_dir, OPTIONS)
    assert [(p.file, p.code) for p in report.problems] == [("pegawai.csv.csv", "ekstensi_ganda")]
    assert "Rename it to pegawai.csv" in report.problems[0].message("en")
    assert report.tables["pegawai"].n_accepted == 3


# --------------------------------------------------------------------------- 4 formulas


def test_formulas_without_saved_values_are_named_not_rederived(valid_dir: Path) -> None:
    from test_contract import _formula_without_value

    _formula_without_value(valid_dir)
    report = validate_dir(valid_dir, OPTIONS)
    pk = report.tables["penilaian_kinerja"]
    assert pk.n_accepted == 0 and pk.n_rejected == 4  # never silently re-derived
    (p,) = [p for p in report.problems if p.file == "penilaian_kinerja.xlsx"]
    assert (p.code, p.row, p.column) == ("rumus_tanpa_nilai", 2, "skor_kinerja")
    assert "cells are formulas without saved values in rows 2-5" in p.message("en")
    assert "buka dan simpan ulang di Excel" in p.message("id")


def test_hidden_first_sheet_is_not_read(valid_dir: Path) -> None:
    """A hidden sheet of old data before the visible one: the visible sheet is read and a
    warning names the hidden one (it used to be read silently instead of the real data)."""
    import csv
    import io

    import openpyxl

    wb = openpyxl.Workbook()
    old = wb.active
    old.title = "Lama"
    rows = list(csv.reader(io.StringIO(VALID["pegawai"])))
    for row in rows[:2]:  # header and one old row
        old.append(row)
    old.sheet_state = "hidden"
    new = wb.create_sheet("Baru")
    for row in rows:
        new.append(row)
    wb.active = 1
    (valid_dir / "pegawai.csv").unlink()
    wb.save(valid_dir / "pegawai.xlsx")
    report = validate_dir(valid_dir, OPTIONS)
    assert [p.code for p in report.problems] == ["sheet_tersembunyi"]
    assert report.problems[0].message("en") == (
        "pegawai.xlsx: hidden sheet 'Lama' ignored; sheet 'Baru' was read.")
    assert report.tables["pegawai"].n_accepted == len(rows) - 1
