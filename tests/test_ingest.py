"""Tests for reading raw CSV/XLSX files and the vectorized date, period and number parsers."""

from __future__ import annotations

import datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kinerja_analysis.ingest import (
    IngestError,
    RawTable,
    RestartRead,
    find_input,
    iter_table,
    parse_date_series,
    parse_number_series,
    parse_periode_series,
    periode_to_triwulan,
    read_table,
    triwulan_dari_tanggal,
)


def write(tmp_path: Path, data: bytes | str, name: str = "t.csv") -> Path:
    p = tmp_path / name
    p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return p


def rows(t: RawTable) -> list[list[object]]:
    return t.frame.to_numpy(dtype=object).tolist()


# --------------------------------------------------------------------------- find_input


def test_find_input(tmp_path: Path) -> None:
    assert find_input(tmp_path, "pegawai") is None
    assert find_input(tmp_path / "tidak_ada", "pegawai") is None
    write(tmp_path, "a\n1\n", "PEGAWAI.Csv")
    write(tmp_path, "a\n1\n", "pegawai_lama.csv")
    assert find_input(tmp_path, "pegawai").name == "PEGAWAI.Csv"
    write(tmp_path, b"", "Pegawai.xlsx")
    with pytest.raises(IngestError) as err:
        find_input(tmp_path, "pegawai")
    assert err.value.problem.code == "berkas_ganda"
    assert "PEGAWAI.Csv" in err.value.problem.params["berkas"]
    write(tmp_path, b"", "kebijakan.xls")
    with pytest.raises(IngestError) as err:
        find_input(tmp_path, "kebijakan")
    assert err.value.problem.code == "format_tidak_didukung"


# --------------------------------------------------------------------------- CSV


def test_comma_csv_keeps_text_exactly(tmp_path: Path) -> None:
    t = read_table(write(tmp_path, "NIP, Unit  Kerja ,nilai\n007,NA,\n0,null, 88 \n"), "x")
    assert t.name == "x" and t.separator == "," and not t.decimal_comma
    assert t.encoding == "utf-8" and t.problems == []
    assert list(t.frame.columns) == ["nip", "unit_kerja", "nilai", "_baris"]
    # no NaN conversion: "NA", "null", "" and leading zeros stay text
    assert rows(t) == [["007", "NA", "", 2], ["0", "null", " 88 ", 3]]
    assert t.frame["_baris"].dtype == np.int64
    assert all(t.frame[c].dtype == "str" for c in ("nip", "unit_kerja", "nilai"))


def test_semicolon_bom_crlf(tmp_path: Path) -> None:
    t = read_table(write(tmp_path, b"\xef\xbb\xbfnip;skor\r\n1;88,5\r\n2;90\r\n"))
    assert t.separator == ";" and t.decimal_comma and t.encoding == "utf-8-sig"
    assert list(t.frame.columns) == ["nip", "skor", "_baris"]
    assert rows(t) == [["1", "88,5", 2], ["2", "90", 3]]


def test_cp1252_fallback_warns(tmp_path: Path) -> None:
    t = read_table(write(tmp_path, "unit;catatan\nSrondol Wétan;café\n".encode("cp1252")))
    assert t.encoding == "cp1252"
    assert rows(t) == [["Srondol Wétan", "café", 2]]
    assert [(p.code, p.severity, p.row) for p in t.problems] == [
        ("encoding_cp1252", "warning", None)
    ]


def test_quoted_newline_and_blank_lines_keep_row_numbers(tmp_path: Path) -> None:
    text = 'a,b\n1,"x\ny, z"\n\n2,w\n,\n3,v\n'
    t = read_table(write(tmp_path, text))
    # records: header=1, quoted two-line record=2, blank=3, 4, ",", 6
    assert rows(t) == [["1", "x\ny, z", 2], ["2", "w", 4], ["3", "v", 6]]
    assert [(p.code, p.params) for p in t.problems] == [("baris_kosong", {"n": 2})]


def test_unnamed_empty_trailing_column_is_dropped(tmp_path: Path) -> None:
    t = read_table(write(tmp_path, "a;b;\n1;2;\n3;4;\n"))
    assert list(t.frame.columns) == ["a", "b", "_baris"]
    t = read_table(write(tmp_path, "a;b;\n1;2;x\n"))
    assert list(t.frame.columns) == ["a", "b", "kolom_3", "_baris"]


def test_truncated_and_long_rows_are_row_problems(tmp_path: Path) -> None:
    text = "a,b,c\n1,2,3\n4,5,6,7\n8,9,10\n11,12"
    t = read_table(write(tmp_path, text))
    assert rows(t) == [
        ["1", "2", "3", 2], ["4", "5", "6", 3], ["8", "9", "10", 4], ["11", "12", "", 5]
    ]
    got = [(p.code, p.row, p.params["diharapkan"], p.params["ditemukan"]) for p in t.problems]
    assert got == [("kolom_lebih", 3, 3, 4), ("kolom_kurang", 5, 3, 2)]
    assert all(p.severity == "error" for p in t.problems)


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "berkas_kosong"),
        (b" \r\n\n", "berkas_kosong"),
        (b"\xef\xbb\xbf", "berkas_kosong"),
        (b"nip,unit_kerja\n", "hanya_judul"),
        (b"nip,unit_kerja\n,\n\n", "hanya_judul"),
        (b"PK\x03\x04\x14\x00\x06\x00", "berkas_biner"),
        # UTF-16 with a BOM is decoded (issue #14); without one it is named
        ("nip,unit\n1,2\n".encode("utf-16-le"), "berkas_utf16"),
        (b"nip\tunit_kerja\n1\t2\n", "pemisah_salah"),
        (b"nip|unit_kerja\n1|2\n", "pemisah_salah"),
        (b'"nip;unit_kerja"\n"1;2"\n"3;4"\n', "pemisah_salah"),
        (b"nip,unit,nama\n1;2;3\n4;5;6\n7;8;9\n", "pemisah_salah"),
        (b"\nnip,unit\n1,2\n", "baris_judul_kosong"),
        (b"nip,NIP\n1,2\n", "kolom_ganda"),
    ],
)
def test_unreadable_files(tmp_path: Path, data: bytes, code: str) -> None:
    with pytest.raises(IngestError) as err:
        read_table(write(tmp_path, data, "pegawai.csv"))
    p = err.value.problem
    assert (p.code, p.file, p.row, p.severity) == (code, "pegawai.csv", None, "error")
    assert "pegawai.csv" in str(err.value)


def test_reading_does_not_modify_the_file(tmp_path: Path) -> None:
    p = write(tmp_path, "a;b\n1;2\n")
    before = (p.read_bytes(), p.stat().st_mtime_ns)
    p.chmod(0o444)  # read-only files are fine: opened with "rb"
    read_table(p)
    assert (p.read_bytes(), p.stat().st_mtime_ns) == before


# --------------------------------------------------------------------------- XLSX


def test_xlsx_cells_become_text(tmp_path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "data"
    ws.append(["NIP", "Tanggal", "Nilai", "Bulat", "Ikut", "Waktu"])
    ws.append(["198609262015051001", datetime.datetime(2024, 3, 5), 88.5, 90.0, True,
               datetime.datetime(2024, 3, 5, 8, 30)])
    ws.append([1.98609262015051e17, datetime.date(2024, 1, 2), None, 7, False, None])
    ws.append([None] * 6)
    ws.append(["=HYPERLINK(\"x\")", None, None, None, None, "catatan"])
    wb.create_sheet("lain")
    path = tmp_path / "t.xlsx"
    wb.save(path)
    t = read_table(path)
    assert t.separator is None and t.encoding == "xlsx" and not t.decimal_comma
    assert list(t.frame.columns) == ["nip", "tanggal", "nilai", "bulat", "ikut", "waktu",
                                     "_baris"]
    got = rows(t)
    assert got[0] == ["198609262015051001", "2024-03-05", "88.5", "90", "TRUE",
                      "2024-03-05 08:30:00", 2]
    assert got[1][:5] == ["1.98609262015051E+17", "2024-01-02", "", "7", "FALSE"]
    # formulas are never evaluated: without a cached value the cell is blank
    assert got[2] == ["", "", "", "", "", "catatan", 5]
    codes = sorted(p.code for p in t.problems)
    assert codes == ["baris_kosong", "sheet_lain"]


def test_broken_xlsx(tmp_path: Path) -> None:
    with pytest.raises(IngestError) as err:
        read_table(write(tmp_path, b"PK\x03\x04 not really a zip", "t.xlsx"))
    assert err.value.problem.code == "berkas_tidak_terbaca"


# --------------------------------------------------------------------------- dates


def test_parse_date_series_cases() -> None:
    s = pd.Series([
        "2024-03-05", "05/03/2024", "5-3-2024", "2024-02-29", "29/02/2023", "31/04/2024",
        "13/25/2024", "12/25/2024", "45123", "45123.5", "2024-03-05 08:30", "",
        "  ", "3 Maret 2024", "2024/03/05", "1899-12-31", "٢٠٢٤-٠١-٠١",
    ])
    values, err = parse_date_series(s)
    assert values.dtype == "datetime64[ns]"
    ts = pd.Timestamp
    expected = [ts("2024-03-05"), ts("2024-03-05"), ts("2024-03-05"), ts("2024-02-29")]
    assert values.iloc[:4].tolist() == expected
    assert values.iloc[10] == ts("2024-03-05") and values.iloc[14] == ts("2024-03-05")
    assert err.tolist() == [
        pd.NA, pd.NA, pd.NA, pd.NA, "tanggal_tidak_ada", "tanggal_tidak_ada",
        "tanggal_tidak_ada", "tanggal_tidak_ada", "excel_serial", "excel_serial", pd.NA, pd.NA,
        pd.NA, "format", pd.NA, "tanggal_tidak_ada", "format",
    ]
    assert values[err.notna()].isna().all()


def test_parse_date_series_passes_datetimes() -> None:
    s = pd.Series(pd.to_datetime(["2024-01-02", None]))
    values, err = parse_date_series(s)
    assert values.iloc[0] == pd.Timestamp("2024-01-02") and err.isna().all()


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(max_size=20), max_size=20))
def test_parse_date_series_never_raises(texts: list[str]) -> None:
    values, err = parse_date_series(pd.Series(texts, dtype="str"))
    assert len(values) == len(err) == len(texts)
    assert (values.notna() & err.notna()).sum() == 0


@settings(max_examples=100, deadline=None)
@given(st.lists(st.dates(min_value=datetime.date(1900, 1, 1),
                         max_value=datetime.date(2199, 12, 31)), min_size=1, max_size=20))
def test_parse_date_series_round_trips(dates: list[datetime.date]) -> None:
    texts = (
        [f"{d.year:04d}-{d.month:02d}-{d.day:02d}" for d in dates]
        + [f"{d.day:02d}/{d.month:02d}/{d.year:04d}" for d in dates]
        + [f"{d.day}-{d.month}-{d.year:04d}" for d in dates]
    )
    values, err = parse_date_series(pd.Series(texts))
    assert err.isna().all()
    assert values.tolist() == [pd.Timestamp(d) for d in dates] * 3


def test_triwulan_dari_tanggal() -> None:
    d = pd.Series(pd.to_datetime(["2024-01-01", "2024-03-31", "2024-04-01", "2024-12-31", None]))
    out = triwulan_dari_tanggal(d)
    assert out.iloc[:4].tolist() == ["2024-Q1", "2024-Q1", "2024-Q2", "2024-Q4"]
    assert pd.isna(out.iloc[4])


# --------------------------------------------------------------------------- periods


def test_parse_periode_series() -> None:
    s = pd.Series(["2025-Q4", "2025Q4", "2025-q1", "2025 Q2", "Q3-2025", "2025-01", "2025-6",
                   "2025-12", "2025-Q5", "2025-13", "2025-00", "Q4", "triwulan 4", "", "2025"])
    periode, triwulan, err = parse_periode_series(s)
    assert periode.iloc[:8].tolist() == ["2025-Q4", "2025-Q4", "2025-Q1", "2025-Q2", "2025-Q3",
                                         "2025-01", "2025-06", "2025-12"]
    assert triwulan.iloc[:8].tolist() == ["2025-Q4", "2025-Q4", "2025-Q1", "2025-Q2",
                                          "2025-Q3", "2025-Q1", "2025-Q2", "2025-Q4"]
    assert err.iloc[:8].isna().all()
    assert err.iloc[8:].tolist() == ["format"] * 5 + [pd.NA, "format"]
    assert periode.iloc[8:].isna().all() and triwulan.iloc[8:].isna().all()
    assert periode_to_triwulan(pd.Series(["2024-08"])).tolist() == ["2024-Q3"]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(max_size=12), max_size=20))
def test_parse_periode_never_raises(texts: list[str]) -> None:
    periode, triwulan, err = parse_periode_series(pd.Series(texts, dtype="str"))
    assert (periode.isna() == triwulan.isna()).all()


# --------------------------------------------------------------------------- numbers


def test_parse_number_series() -> None:
    s = pd.Series(["88", " 88.5 ", "88,5", "-1", "+2", "1e2", ".5", "", "N/A", "delapan puluh",
                   "88%", "inf", "nan", "1.234,5", "1,234.5", "0x10"])
    v, e = parse_number_series(s, decimal_comma=False)
    assert v.dtype == "float64" and e.dtype == bool
    assert v.iloc[:2].tolist() == [88.0, 88.5]
    assert e.tolist() == [False, False, True, False, False, False, False, False] + [True] * 8
    assert v[e].isna().all() and np.isnan(v.iloc[7])
    v, e = parse_number_series(s, decimal_comma=True)
    assert v.iloc[:7].tolist() == [88.0, 88.5, 88.5, -1.0, 2.0, 100.0, 0.5]
    assert not e.iloc[2] and e.iloc[13] and e.iloc[14]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.floats(allow_nan=False, allow_infinity=False), min_size=1, max_size=20))
def test_parse_number_round_trips(xs: list[float]) -> None:
    v, e = parse_number_series(pd.Series([repr(x) for x in xs]), decimal_comma=False)
    assert not e.any() and v.tolist() == xs
    comma = pd.Series([f"{x:.3f}".replace(".", ",") for x in xs])
    v, e = parse_number_series(comma, decimal_comma=True)
    assert not e.any()
    assert np.allclose(v.to_numpy(), [float(f"{x:.3f}") for x in xs])


# --------------------------------------------------------------------------- robustness


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(
    st.binary(max_size=300),
    st.text(alphabet=st.sampled_from(list('ab1;,"\n\r\t é=')), max_size=200).map(str.encode),
))
def test_read_table_never_crashes(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path, data, "acak.csv")
    try:
        t = read_table(path)
    except IngestError as err:
        assert err.problem.severity == "error" and err.problem.file == "acak.csv"
        return
    assert isinstance(t, RawTable)
    b = t.frame["_baris"].to_numpy()
    assert len(b) > 0 and b.min() >= 2 and (np.diff(b) > 0).all()
    for c in t.frame.columns.drop("_baris"):
        assert t.frame[c].dtype == "str" and t.frame[c].notna().all()


# --------------------------------------------------------------------------- chunked reading


def _chunked(path: Path, rows: int) -> list[RawTable]:
    try:
        return list(iter_table(path, chunk_rows=rows))
    except RestartRead:
        return list(iter_table(path, chunk_rows=rows, stream=False))


def _same_as_whole(path: Path, rows: int) -> None:
    """iter_table chunks hold exactly read_table's rows, row numbers and problems."""
    try:
        whole = read_table(path)
    except IngestError as err:
        code = err.problem.code
        with pytest.raises(IngestError) as err2:
            _chunked(path, rows)
        assert err2.value.problem.code == code
        return
    chunks = _chunked(path, rows)
    frame = pd.concat([c.frame for c in chunks], ignore_index=True)
    pd.testing.assert_frame_equal(frame, whole.frame, check_dtype=False)

    def key(p: object) -> tuple:
        return (p.code, p.row, tuple(sorted(p.params.items())))  # type: ignore[attr-defined]

    got = sorted((key(p) for c in chunks for p in c.problems), key=str)
    assert got == sorted((key(p) for p in whole.problems), key=str)
    assert {c.decimal_comma for c in chunks} == {whole.decimal_comma}


@pytest.mark.parametrize("rows", [1, 2, 5, 1000])
@pytest.mark.parametrize("data", [
    "a,b\n1,2\n,\n3,4\n5\n6,7,8\n\n9,10\n",                   # blank, short and long rows
    b"\xef\xbb\xbfnip;skor\r\n1;88,5\r\n2;90\r\n",            # BOM, ';', CRLF
    "a,b\n\"x\ny\",2\n3,4\n",                                  # line break inside quotes
    "unit;catatan\nSrondol W\u00e9tan;caf\u00e9\n".encode("cp1252"),  # cp1252: whole-file path
    "a,b,\n1,2,\n3,4,\n",                                      # unnamed empty column dropped
    "a,b,\n1,2,\n3,4,x\n",                                     # ... kept when it has values
    "a;b\n1,2\n3,4\n5,6\n",                                    # wrong separator
    "a,a\n1,2\n",                                              # duplicate column names
    "a,b\n,\n , \n",                                           # only blank rows
    "a\tb\n1\t2\n",                                            # tab separated
])
def test_iter_table_equals_read_table(tmp_path: Path, data: bytes | str, rows: int) -> None:
    _same_as_whole(write(tmp_path, data), rows)


def test_iter_table_restarts_after_yield(tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    # a NUL byte far behind the first chunks: the stream must give up after yielding
    import kinerja_analysis.ingest as ingest_mod

    monkeypatch.setattr(ingest_mod, "_BLOCK_SIZE", 1 << 14)  # pyarrow reads ahead ~10 blocks
    body = "a,b\n" + "1,2\n" * 200_000
    path = write(tmp_path, body.encode() + b"3,\x00\n")
    with pytest.raises(RestartRead):
        list(iter_table(path, chunk_rows=1000))
    with pytest.raises(IngestError) as err:
        list(iter_table(path, chunk_rows=1000, stream=False))
    assert err.value.problem.code == "berkas_biner"


def test_iter_table_row_numbers_across_chunks(tmp_path: Path) -> None:
    lines = ["nip,nilai"] + [f"{i},{i}" if i % 997 else f"{i}" for i in range(1, 50_001)]
    path = write(tmp_path, "\n".join(lines) + "\n")
    chunks = list(iter_table(path, chunk_rows=7_000))
    baris = np.concatenate([c.frame["_baris"].to_numpy() for c in chunks])
    assert (baris == np.arange(2, 50_002)).all()
    short = [p.row for c in chunks for p in c.problems if p.code == "kolom_kurang"]
    assert short == [i + 1 for i in range(997, 50_001, 997)]


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.sampled_from(list('ab1;,"\n\r é')), max_size=120),
       st.integers(1, 4))
def test_iter_table_property(tmp_path: Path, text: str, rows: int) -> None:
    _same_as_whole(write(tmp_path, "a,b\n" + text, "acak2.csv"), rows)
