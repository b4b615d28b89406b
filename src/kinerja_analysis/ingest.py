"""Read the raw inputs (CSV or XLSX) into text tables, and parse dates, periods, numbers.

The ingest layer never interprets a value: every cell arrives as text (a blank cell is
``""``, never NaN), column names are normalized (trimmed, lower case, runs of spaces ->
``_``) and an integer column ``_baris`` holds the row number a spreadsheet user sees
(header = 1, first data row = 2; for CSV it is the record number, which equals the line
number unless a quoted cell contains a line break). Typing and checking is the job of
:mod:`kinerja_analysis.contract`; the vectorized parsers it uses live here.

Raw files are opened read-only (``"rb"``) and never written.

CSV rules: ``,`` or ``;`` separated (sniffed from the header line, or named by Excel's
``sep=;`` first line), UTF-8 with or without BOM or UTF-16 with BOM, fallback cp1252
(reported as a warning). With ``;`` a decimal comma is accepted by
:func:`parse_number_series`. An open quote that swallows whole lines is undone (each line
becomes a row, rejected with one message). XLSX: the first sheet (or the first that names
the input's columns), read with openpyxl in read-only mode with cached values (formulas are
never evaluated; formula cells without a cached value are reported); date cells become ISO
text. Title rows above the header are skipped with a warning.
"""

from __future__ import annotations

import codecs
import csv
import datetime as _dt
import functools
import io
import math
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from .contract import Problem

__all__ = [
    "CHUNK_ROWS",
    "EXTENSIONS",
    "IngestError",
    "RawTable",
    "RestartRead",
    "RowReject",
    "find_input",
    "iter_table",
    "normalize_column_name",
    "parse_date_series",
    "parse_number_series",
    "parse_periode_series",
    "periode_to_triwulan",
    "read_table",
    "triwulan_dari_tanggal",
]

#: File extensions read by :func:`read_table` (matched case-insensitively).
EXTENSIONS: tuple[str, ...] = (".csv", ".xlsx")
# Spreadsheet formats we recognise but do not read (the user gets a clear message).
_UNSUPPORTED = (".xls", ".ods", ".xlsm", ".xlsb", ".tsv", ".txt")

# Above this share of malformed data rows the separator is assumed to be wrong.
_BAD_ROW_SHARE = 0.5
_BLOCK_SIZE = 1 << 24  # pyarrow block size; a record must fit in one block
#: Rows per chunk yielded by :func:`iter_table` (memory grows with this, not with the file).
CHUNK_ROWS = 1_000_000
# Head read to check a CSV before streaming it (encoding, header, separator).
_HEAD_BYTES = 1 << 16


@dataclass
class RawTable:
    """A file as text: original cells as ``str`` plus the source row number.

    Attributes
    ----------
    name : str
        Input name (``"pegawai"``), lower case.
    path : pathlib.Path
        The file read.
    frame : pandas.DataFrame
        One ``str`` column per file column (normalized names; blank cell = ``""``) plus
        the ``int64`` column ``_baris``. Fully blank rows are dropped (and counted in a
        ``baris_kosong`` warning).
    encoding : str
        ``"utf-8"``, ``"utf-8-sig"`` (UTF-8 with BOM), ``"utf-16"`` (with BOM, decoded),
        ``"cp1252"`` or ``"xlsx"``.
    separator : str or None
        ``","`` or ``";"`` for CSV, None for XLSX.
    decimal_comma : bool
        True for ``;``-separated CSV (``"88,5"`` is then a number).
    problems : list of Problem
        Reading problems: file-level warnings (encoding, blank rows, extra sheets) and
        row-level errors ``kolom_kurang`` / ``kolom_lebih`` (wrong number of fields);
        the contract rejects rows with a row-level error.
    rejects : list of RowReject
        Problems that reject a set of rows with one message (an open quote that swallowed
        the following lines, formula cells without a saved value).
    """

    name: str
    path: Path
    frame: pd.DataFrame
    encoding: str
    separator: str | None
    decimal_comma: bool
    problems: list[Problem] = field(default_factory=list)
    rejects: list[RowReject] = field(default_factory=list)


@dataclass(eq=False)
class RowReject:
    """Rows rejected by the reader for one problem, reported once.

    Attributes
    ----------
    problem : Problem
        The one message (its ``row`` is the first row concerned).
    rows : numpy.ndarray
        ``int64`` row numbers (``_baris``) to reject with that problem's reason.
    log : bool
        False in the later chunks of a file cut by :func:`iter_table` (already reported).
    """

    problem: Problem
    rows: np.ndarray
    log: bool = True


class IngestError(Exception):
    """A file that cannot be read as a table (empty, header only, binary, ...).

    Attributes
    ----------
    problem : Problem
        The file-level problem (severity ``"error"``).
    """

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.code)
        self.problem = problem

    def __str__(self) -> str:
        try:
            return self.problem.message("en")
        except Exception:  # pragma: no cover - message catalog broken
            return f"{self.problem.file}: {self.problem.code}"


def _problem(
    file: str,
    code: str,
    *,
    row: int | None = None,
    column: str | None = None,
    value: str | None = None,
    severity: str = "error",
    **params: Any,
) -> Problem:
    from .contract import Problem  # local import: contract imports this module

    return Problem(
        file=file, row=row, column=column, value=value, code=code, params=params,
        severity=severity,  # type: ignore[arg-type]
    )


# --------------------------------------------------------------------------- files


def find_input(data_dir: Path | str, name: str) -> Path | None:
    """Find ``NAME.csv`` or ``NAME.xlsx`` in ``data_dir`` (case-insensitive).

    Parameters
    ----------
    data_dir : pathlib.Path or str
        The data folder.
    name : str
        Input name, e.g. ``"pegawai"``.

    Returns
    -------
    pathlib.Path or None
        None when no such file exists.

    Raises
    ------
    IngestError
        ``berkas_ganda`` when more than one candidate exists (e.g. both ``.csv`` and
        ``.xlsx``); ``format_tidak_didukung`` when only e.g. ``NAME.xls`` exists;
        ``tautan_keluar`` when a candidate is a link whose target lies outside
        ``data_dir`` (it is never opened); ``tautan_putar`` for a link that leads to
        itself (a symlink loop). ``NAME.csv.csv`` (a double extension) is a
        candidate too; :func:`read_table` warns about its name.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> _ = (d / "Pegawai.CSV").write_text("nip,unit_kerja\\n")
    >>> find_input(d, "pegawai").name
    'Pegawai.CSV'
    >>> find_input(d, "kebijakan") is None
    True
    """
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        return None
    key = name.strip().lower()
    base = data_dir.resolve()
    hits: list[Path] = []
    other: list[Path] = []
    for p in sorted(data_dir.iterdir()):
        stem = p.stem.strip().lower()
        if stem != key and not _double_extension(stem, key):
            continue
        try:
            resolved = p.resolve()
        except (RuntimeError, OSError):  # a symlink loop (pegawai.csv -> pegawai.csv)
            raise IngestError(_problem(p.name, "tautan_putar")) from None
        if not resolved.is_relative_to(base):
            # a link (file or folder) leading out of the data folder is never opened
            raise IngestError(_problem(p.name, "tautan_keluar"))
        if not p.is_file():
            continue
        if p.suffix.lower() in EXTENSIONS:
            hits.append(p)
        elif p.suffix.lower() in _UNSUPPORTED:
            other.append(p)
    if len(hits) > 1:
        raise IngestError(
            _problem(key, "berkas_ganda", berkas=", ".join(p.name for p in hits))
        )
    if hits:
        return hits[0]
    if other:
        raise IngestError(_problem(other[0].name, "format_tidak_didukung"))
    return None


def _double_extension(stem: str, key: str) -> bool:
    """``pegawai.csv.csv``: Windows hides the last extension, the user typed one more."""
    return stem[len(key):] in (*EXTENSIONS, *_UNSUPPORTED) and stem.startswith(key)


#: Invisible characters (regex class, RE2- and ``re``-compatible): soft hyphen, zero-width
#: space / non-joiner / joiner, bidi marks and controls, word joiner and invisible
#: operators, BOM (U+FEFF) anywhere, Hangul and Mongolian fillers. Removed from column
#: names here and from key cells by the contract (issue #14: look-alike names).
INVISIBLE = ("[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f"
             "\u202a-\u202e\u2060-\u2064\u2066-\u206f\u3164\ufeff\uffa0]")
#: The same without U+200C / U+200D (joiners inside emoji and some scripts): free text.
INVISIBLE_NO_JOINERS = INVISIBLE.replace("\u200b-\u200f", "\u200b\u200e\u200f")
_RE_INVISIBLE = re.compile(INVISIBLE)
_RE_INVISIBLE_NO_JOINERS = re.compile(INVISIBLE_NO_JOINERS)


def normalize_column_name(name: object) -> str:
    """NFC, drop invisible characters, trim, lower-case, runs of whitespace -> ``_``.

    Invisible characters are those of :data:`INVISIBLE` and every other Unicode format
    character (category Cf), so a BOM or a zero-width space inside a header cell gives
    the same name as without it.

    Examples
    --------
    >>> normalize_column_name("  Unit  Kerja ")
    'unit_kerja'
    >>> normalize_column_name("\ufeffnip\u200b")
    'nip'
    """
    text = _RE_INVISIBLE.sub("", unicodedata.normalize("NFC", str(name)))
    if not text.isascii():
        text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return re.sub(r"\s+", "_", text.strip().lower())


def _arrow_of(s: pd.Series) -> Any:
    """The Arrow storage of a ``str`` Series (converted when it has another storage)."""
    import pyarrow as pa

    arr = getattr(s.array, "_pa_array", None)
    if isinstance(arr, pa.ChunkedArray | pa.Array):
        return arr
    return pa.array(s.astype("str"), type=pa.large_string(), from_pandas=True)


@functools.cache
def _nfc_suspects() -> str:
    """RE2 class of the characters a text that is not NFC must contain (a superset):
    combining marks, characters NFC changes, second parts of canonical pairs, Hangul
    vowel and final jamo. Built once from :mod:`unicodedata` (about 0.4 s)."""
    cps = set(range(0x1161, 0x1176)) | set(range(0x11A8, 0x11C3))
    for cp in range(0x80, 0x30000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        ch = chr(cp)
        if unicodedata.combining(ch) or not unicodedata.is_normalized("NFC", ch):
            cps.add(cp)
        dec = unicodedata.decomposition(ch).split()
        if len(dec) == 2 and not dec[0].startswith("<"):
            cps.add(int(dec[1], 16))
    ranges: list[list[int]] = []
    for cp in sorted(cps):
        if ranges and cp == ranges[-1][1] + 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    return "[" + "".join(f"\\x{{{a:04X}}}" + (f"-\\x{{{b:04X}}}" if b > a else "")
                         for a, b in ranges) + "]"


def _map_non_ascii(arr: Any, fn: Any, prefilter: str) -> Any:
    """``arr`` with ``fn`` (str -> str) applied to its texts that match the RE2 pattern
    ``prefilter``; None if nothing changed.

    ASCII rows never leave Arrow, the prefilter runs in Arrow on the other rows, and
    ``fn`` once per distinct remaining text (a column of repeated unit names costs a
    handful of calls).
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    ascii_ = pc.fill_null(pc.string_is_ascii(arr), True)
    rows = np.flatnonzero(~np.asarray(ascii_.to_numpy(zero_copy_only=False), dtype=bool))
    if len(rows):
        hit = pc.match_substring_regex(arr.take(pa.array(rows)), prefilter)
        rows = rows[np.asarray(pc.fill_null(hit, False).to_numpy(zero_copy_only=False),
                               dtype=bool)]
    if not len(rows):
        return None
    enc = pc.dictionary_encode(arr.take(pa.array(rows)))
    uniques = enc.dictionary.to_pylist()
    mapped = [fn(u) for u in uniques]
    if mapped == uniques:
        return None
    codes = np.asarray(enc.indices.to_numpy(zero_copy_only=False), dtype=np.int64)
    values = pa.array(np.array(mapped, dtype=object)[codes], type=arr.type)
    mask = np.zeros(len(arr), dtype=bool)
    mask[rows] = True
    return pc.replace_with_mask(arr, pa.array(mask), values)


def _non_ascii(arr: Any) -> bool:
    """True when some text of an Arrow string array has a byte >= 0x80 (numpy, no copy)."""
    import pyarrow as pa

    for chunk in (arr.chunks if isinstance(arr, pa.ChunkedArray) else [arr]):
        if not len(chunk):
            continue
        bufs = chunk.buffers()
        if bufs[2] is None:
            continue
        wide = pa.types.is_large_string(chunk.type)
        off = np.frombuffer(bufs[1], dtype=np.int64 if wide else np.int32)
        lo, hi = int(off[chunk.offset]), int(off[chunk.offset + len(chunk)])
        if hi > lo and np.frombuffer(bufs[2], dtype=np.uint8)[lo:hi].max() >= 0x80:
            return True
    return False


def nfc_frame(frame: pd.DataFrame, columns: Iterable[str]) -> pd.DataFrame:
    """``frame`` with the text of ``columns`` in Unicode NFC (columns of ASCII untouched).

    ``é`` typed as one code point or as ``e`` + combining accent becomes the same text,
    so look-alike unit names match. Only columns with non-ASCII bytes are normalized; the
    changed columns are replaced at once (no column-by-column inserts).

    Examples
    --------
    >>> f = pd.DataFrame({"u": ["We\u0301tan", "abc"]}, dtype="str")
    >>> nfc_frame(f, ["u"])["u"].tolist() == ["W\u00e9tan", "abc"]
    True
    """
    def nfc(text: str) -> str:
        return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize(
            "NFC", text)

    changed = {}
    for c in columns:
        arr = _arrow_of(frame[c])
        if _non_ascii(arr):
            norm = _map_non_ascii(arr, nfc, _nfc_suspects())
            if norm is not None:
                changed[c] = pd.Series(norm, index=frame.index, dtype="str")
    return frame.assign(**changed) if changed else frame


def strip_invisible(s: pd.Series, *, keep_joiners: bool = False) -> pd.Series:
    """``s`` without the characters of :data:`INVISIBLE` (``s`` itself when none).

    ``keep_joiners`` keeps U+200C / U+200D (free text: emoji sequences).

    Examples
    --------
    >>> strip_invisible(pd.Series(["19860926\u200b2015", "x"], dtype="str")).tolist()
    ['198609262015', 'x']
    """
    arr = _arrow_of(s)
    if not _non_ascii(arr):
        return s
    pattern = _RE_INVISIBLE_NO_JOINERS if keep_joiners else _RE_INVISIBLE
    out = _map_non_ascii(arr, lambda text: pattern.sub("", text), pattern.pattern)
    if out is None:
        return s
    return pd.Series(out, index=s.index, name=s.name, dtype="str")


def read_table(path: Path | str, name: str | None = None) -> RawTable:
    """Read one CSV or XLSX file into a :class:`RawTable` (all cells as text).

    Parameters
    ----------
    path : pathlib.Path or str
        The file; opened read-only.
    name : str, optional
        Input name; default: the file stem in lower case.

    Returns
    -------
    RawTable

    Raises
    ------
    IngestError
        For an empty, header-only, binary or unreadable file, a wrong separator
        (tab, ``|``, or most rows not splitting into the header's fields) or duplicate
        column names.

    Examples
    --------
    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "contoh.csv"
    >>> _ = p.write_bytes(b"NIP;Nilai Akhir\\n198609262015051001;88,5\\n")
    >>> t = read_table(p)
    >>> t.separator, t.decimal_comma, list(t.frame.columns)
    (';', True, ['nip', 'nilai_akhir', '_baris'])
    >>> t.frame.to_dict("records")
    [{'nip': '198609262015051001', 'nilai_akhir': '88,5', '_baris': 2}]
    """
    path = Path(path)
    name = (name or path.stem).strip().lower()
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        raw = _read_xlsx(path, name)
    elif suffix == ".csv":
        raw = _read_csv(path, name)
    else:
        raise IngestError(_problem(path.name, "format_tidak_didukung"))
    note = _name_warning(path, name)
    if note is not None:
        raw.problems.insert(0, note)
    return raw


def _name_warning(path: Path, name: str) -> Problem | None:
    """``ekstensi_ganda`` for ``pegawai.csv.csv`` (read as ``pegawai``)."""
    stem = path.stem.strip().lower()
    if stem != name and _double_extension(stem, name):
        return _problem(path.name, "ekstensi_ganda", severity="warning",
                        berkas=path.name, nama=f"{name}{path.suffix.lower()}")
    return None


# --------------------------------------------------------------------------- CSV


def _is_utf8(data: bytes) -> bool:
    """Validate UTF-8 in chunks (no full decoded copy of a large file)."""
    dec = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(data)
    step = 1 << 24
    try:
        for i in range(0, len(view), step):
            dec.decode(view[i : i + step], final=False)
        dec.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _count_outside_quotes(line: str, chars: str) -> dict[str, int]:
    counts = dict.fromkeys(chars, 0)
    quoted = False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    return counts


def _sniff(text_head: str, file: str) -> str:
    """Choose ``,`` or ``;`` from the header line; refuse tab or ``|`` files."""
    lines = text_head.splitlines()
    header = lines[0] if lines else ""
    c = _count_outside_quotes(header, ",;\t|")
    if c[";"] > c[","]:
        return ";"
    if c[","] > 0:
        return ","
    if c["\t"] > 0 or c["|"] > 0:
        found = "tab" if c["\t"] >= c["|"] else "|"
        raise IngestError(_problem(file, "pemisah_salah", pemisah=found))
    # Single-column header: if the data rows are clearly split by another character,
    # the file was saved with a separator we do not read.
    data = [ln for ln in lines[1:51] if ln.strip()]
    for ch, label in (("\t", "tab"), (";", ";"), ("|", "|")):
        if data and sum(ch in ln for ln in data) > len(data) / 2:
            raise IngestError(_problem(file, "pemisah_salah", pemisah=label))
    return ","


def _records_pyarrow(body: bytes, sep: str) -> tuple[pd.DataFrame, list[tuple[int, list[str]]]]:
    """Fast path. Returns the well-formed rows (with ``_rec``) and the malformed ones."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    invalid: list = []

    def handler(row: Any) -> str:
        invalid.append((row.number, row.text))
        return "skip"

    first = body.split(b"\n", 1)[0].decode("utf-8", "replace").rstrip("\r")
    header = next(csv.reader([first], delimiter=sep), [""])
    names = [f"f{i}" for i in range(max(len(header), 1))]

    def parse(threads: bool) -> pa.Table:
        return pacsv.read_csv(
            io.BytesIO(body),
            read_options=pacsv.ReadOptions(
                column_names=names, use_threads=threads, block_size=_BLOCK_SIZE
            ),
            parse_options=pacsv.ParseOptions(
                delimiter=sep,
                quote_char='"',
                double_quote=True,
                newlines_in_values=True,
                ignore_empty_lines=False,
                invalid_row_handler=handler,
            ),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )

    table = parse(True)
    if invalid:  # row numbers are only known in single-threaded parsing
        invalid.clear()
        table = parse(False)
    if any(num is None for num, _ in invalid):
        raise ValueError("row numbers unknown")
    frame = table.to_pandas()
    frame["_rec"] = _good_numbers(1, len(frame), np.array(
        sorted(num for num, _ in invalid), dtype=np.int64))
    bad_rows = []
    for num, text in sorted(invalid, key=lambda x: x[0]):
        fields = next(csv.reader(io.StringIO(text, newline=""), delimiter=sep), [])
        bad_rows.append((int(num), fields))
    return frame, bad_rows


def _records_python(text: str, sep: str) -> tuple[pd.DataFrame, list[tuple[int, list[str]]]]:
    """Slow, tolerant path with the csv module (used when pyarrow gives up)."""
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=sep))
    if not records:
        return pd.DataFrame({"f0": pd.Series([], dtype="str"), "_rec": []}), []
    n = max(len(records[0]), 1)
    good: list[list[str]] = []
    good_nums: list[int] = []
    bad: list[tuple[int, list[str]]] = []
    for i, rec in enumerate(records, start=1):
        if len(rec) == n or (not rec or all(not c.strip() for c in rec)):
            good.append((rec + [""] * n)[:n])
            good_nums.append(i)
        else:
            bad.append((i, rec))
    frame = pd.DataFrame(good, columns=[f"f{i}" for i in range(n)], dtype="str")
    frame["_rec"] = np.array(good_nums, dtype=np.int64)
    return frame, bad


def _read_csv(path: Path, name: str) -> RawTable:
    file = path.name
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise IngestError(_problem(file, "berkas_tidak_terbaca", sebab=type(exc).__name__)) from exc
    problems: list[Problem] = []
    utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if utf16:  # "Unicode" exports: decoded, then read as UTF-8
        try:
            data = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError as exc:
            raise IngestError(_problem(file, "berkas_utf16")) from exc
    bom = data.startswith(codecs.BOM_UTF8)
    body = data[len(codecs.BOM_UTF8) :] if bom else data
    if not body.strip():
        raise IngestError(_problem(file, "berkas_kosong"))
    if body.startswith(b"PK\x03\x04") or b"\x00" in body:
        code = "berkas_utf16" if _looks_utf16(body) else "berkas_biner"
        raise IngestError(_problem(file, code))
    if _is_utf8(body):
        encoding = "utf-16" if utf16 else "utf-8-sig" if bom else "utf-8"
        text_head = body[:65536].decode("utf-8", "replace")
    else:
        encoding = "cp1252"
        decoded = body.decode("cp1252", errors="replace")
        body = decoded.encode("utf-8")
        text_head = decoded[:65536]
        problems.append(_problem(file, "encoding_cp1252", severity="warning"))
    skip, forced, note = _preamble(text_head, name, file)
    if skip:
        body = body[_line_offset(body, skip) :]
        text_head = body[:65536].decode("utf-8", "replace")
        if note is not None:
            problems.append(note)
    if not text_head.split("\n", 1)[0].strip():
        raise IngestError(_problem(file, "baris_judul_kosong"))
    sep = forced or _sniff(text_head, file)
    try:
        frame, bad = _records_pyarrow(body, sep)
    except Exception:
        try:
            frame, bad = _records_python(body.decode("utf-8", "replace"), sep)
        except csv.Error as exc:
            if "field limit" in str(exc):
                # e.g. a 200 MB line: an unclosed quote or a truncated/garbled export
                limit = csv.field_size_limit()
                row = next((i for i, line in enumerate(io.BytesIO(body), start=1)
                            if len(line) > limit), None)
                raise IngestError(_problem(file, "sel_terlalu_panjang",
                                           row=None if row is None else row + skip,
                                           batas=limit)) from exc
            raise IngestError(_problem(file, "csv_rusak", sebab=str(exc)[:80])) from exc
    header_cells = [frame[c].iloc[0] for c in frame.columns if c != "_rec"] if len(frame) else []
    if not len(frame) or int(frame["_rec"].iloc[0]) != 1:
        # the header itself is malformed or missing
        raise IngestError(_problem(file, "baris_judul_kosong"))
    n_fields = len(header_cells)
    frame, bad, split, rejects = _open_quotes(frame, bad, body, sep, header_cells, file, skip)
    if skip:
        frame["_rec"] += skip
        bad = [(num + skip, fields) for num, fields in bad]
    data_rows = len(frame) - 1 + len(bad)
    if bad and len(bad) >= 2 and len(bad) > _BAD_ROW_SHARE * data_rows:
        other = _dominant_other_separator((r for _, r in bad), sep)
        raise IngestError(_problem(file, "pemisah_salah", pemisah=other or sep))
    for num, fields in bad:
        if not fields or all(not f.strip() for f in fields):
            continue
        code = "kolom_kurang" if len(fields) < n_fields else "kolom_lebih"
        problems.append(
            _problem(file, code, row=num, diharapkan=n_fields, ditemukan=len(fields))
        )
    bad = bad + split
    if bad:
        extra = pd.DataFrame(
            [(f + [""] * n_fields)[:n_fields] for _, f in bad],
            columns=[c for c in frame.columns if c != "_rec"], dtype="str",
        )
        extra["_rec"] = np.array([num for num, _ in bad], dtype=np.int64)
        frame = pd.concat([frame, extra], ignore_index=True).sort_values(
            "_rec", kind="stable"
        ).reset_index(drop=True)
    return _finish(frame, header_cells, path, name, encoding, sep, sep == ";", problems,
                   rejects)


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 text without a BOM: every other byte of ASCII text is NUL."""
    head = data[:4096]
    if len(head) < 4:
        return False
    even, odd = head[0::2].count(0), head[1::2].count(0)
    return max(even, odd) > 0.8 * (len(head) // 2) and min(even, odd) < 0.1 * (len(head) // 2)


_SEP_LINE = re.compile(r'^"?sep=([,;\t|])"?[,;]*\s*$', re.IGNORECASE)
_TITLE_SCAN = 20  # rows searched for a header below title rows


def _known_columns(name: str) -> tuple[frozenset[str], int]:
    """Column names of input ``name`` and how many must match to call a row the header."""
    from .contract import SCHEMAS  # local import: contract imports this module

    schema = SCHEMAS.get(name)
    if schema is None:
        return frozenset(), 0
    return frozenset((*schema.required, *schema.optional)), min(2, len(schema.required))


def _header_index(rows: list[list[str]], name: str) -> int | None:
    """Index of the header among the first rows: 0 unless the first row names no column
    of input ``name`` and a later row names enough of them (title rows above the header).
    None when no row within :data:`_TITLE_SCAN` names any column."""
    known, need = _known_columns(name)
    if not known:
        return 0
    for i, cells in enumerate(rows[:_TITLE_SCAN]):
        score = sum(normalize_column_name(c.strip().strip('"')) in known for c in cells)
        if i == 0 and score:
            return 0
        if i and score >= need:
            return i
    return None


def _preamble(text_head: str, name: str, file: str) -> tuple[int, str | None, Problem | None]:
    """Lines before the CSV header: Excel's ``sep=;`` line (accepted: it names the
    separator) and title rows above the header (skipped with a warning)."""
    lines = text_head.split("\n")
    skip, forced = 0, None
    m = _SEP_LINE.match(lines[0].rstrip("\r")) if lines else None
    if m:
        skip, forced = 1, m.group(1)
    rows = [re.split(r"[,;\t|]", ln.rstrip("\r")) for ln in lines[skip : skip + _TITLE_SCAN]]
    h = _header_index(rows, name) if rows else 0
    if not h:
        return skip, forced, None
    note = _problem(file, "judul_di_atas_header", severity="warning", baris=skip + h + 1,
                    n=h)
    return skip + h, forced, note


def _line_offset(body: bytes, n: int) -> int:
    """Byte offset of line ``n + 1`` (the first ``n`` lines skipped)."""
    pos = 0
    for _ in range(n):
        nxt = body.find(b"\n", pos)
        if nxt < 0:
            return len(body)
        pos = nxt + 1
    return pos


def _swallowing(cells: list[str], sep: str, n_fields: int) -> int | None:
    """Index of a cell that swallowed whole lines (an open quote), else None.

    A legitimate quoted line break holds text; a swallowed line holds a row: as many
    separators as the header. The last line of a cell is checked only when the record
    ended early (the quote ran to the end of the file).
    """
    if n_fields < 2:
        return None
    short = len(cells) < n_fields
    for j, cell in enumerate(cells):
        if "\n" not in cell:
            continue
        pieces = cell.split("\n")
        inner = pieces[1:] if short else pieces[1:-1]
        if any(p.count(sep) >= n_fields - 1 for p in inner):
            return j
    return None


def _find_swallows(frame: pd.DataFrame, bad: list[tuple[int, list[str]]], sep: str,
                   n_fields: int) -> list[tuple[int, int]]:
    """(record number, cell index) of every record with an open quote (header excluded)."""
    cols = [c for c in frame.columns if c != "_rec"]
    found: list[tuple[int, int]] = []
    hit = np.zeros(len(frame), dtype=bool)
    for c in cols:
        hit |= frame[c].str.contains("\n", regex=False).fillna(False).to_numpy(dtype=bool)
    recs = frame["_rec"].to_numpy(dtype=np.int64)
    for i in np.flatnonzero(hit):
        if recs[i] == 1:
            continue
        j = _swallowing([str(v) for v in frame.iloc[i][cols]], sep, n_fields)
        if j is not None:
            found.append((int(recs[i]), j))
    for num, fields in bad:
        if num != 1 and any("\n" in f for f in fields):
            j = _swallowing(fields, sep, n_fields)
            if j is not None:
                found.append((int(num), j))
    return sorted(found)


def _split_line(line: bytes, sep: str) -> list[str]:
    text = line.decode("utf-8", "replace").rstrip("\r")
    try:
        return next(csv.reader([text], delimiter=sep), [])
    except csv.Error:  # pragma: no cover - csv is lenient on one line
        return text.split(sep)


def _open_quotes(
    frame: pd.DataFrame, bad: list[tuple[int, list[str]]], body: bytes, sep: str,
    header_cells: list[str], file: str, skip: int,
) -> tuple[pd.DataFrame, list[tuple[int, list[str]]], list[tuple[int, list[str]]],
           list[RowReject]]:
    """Undo open quotes: the swallowing record and each line it swallowed become rows of
    their own (read line by line), rejected with one message; later records are renumbered
    so that every physical line counts. Returns the frame and malformed rows without the
    swallowing records, the re-read rows and the rejections (row numbers before ``skip``).
    """
    n_fields = len(header_cells)
    swallows = _find_swallows(frame, bad, sep, n_fields)
    if not swallows:
        return frame, bad, [], []
    cols = [c for c in frame.columns if c != "_rec"]
    # line breaks inside each record, to find the physical line where a record starts
    nl = np.zeros(len(frame), dtype=np.int64)
    for c in cols:
        nl += frame[c].str.count("\n").to_numpy(dtype=np.int64)
    recs = np.concatenate([frame["_rec"].to_numpy(dtype=np.int64),
                           np.array([n for n, _ in bad], dtype=np.int64)])
    nl = np.concatenate([nl, np.array([sum(f.count("\n") for f in fs) for _, fs in bad],
                                      dtype=np.int64)])
    order = np.argsort(recs, kind="stable")
    recs, nl = recs[order], nl[order]
    before = np.concatenate([[0], np.cumsum(nl)[:-1]])  # line breaks in earlier records
    starts = np.concatenate([[0], np.flatnonzero(np.frombuffer(body, dtype=np.uint8) == 10) + 1])
    split: list[tuple[int, list[str]]] = []
    rejects: list[RowReject] = []
    shift = np.zeros(len(recs) + 1, dtype=np.int64)
    gone = set()
    for rec, j in swallows:
        pos = int(np.searchsorted(recs, rec))
        line = rec + int(before[pos])  # physical line of the record (1 = header)
        k = int(nl[pos])
        new = rec + int(shift[pos])
        for t in range(k + 1):
            lo = starts[line - 1 + t] if line - 1 + t < len(starts) else len(body)
            hi = starts[line + t] - 1 if line + t < len(starts) else len(body)
            split.append((new + t + skip, _split_line(body[lo:hi], sep)))
        shift[pos + 1 :] += k
        gone.add(rec)
        head = header_cells[j] if j < len(header_cells) else ""
        column = normalize_column_name(head) or f"kolom_{j + 1}"
        prob = _problem(file, "kutip_tidak_ditutup", row=new + skip, column=column,
                        baris=new + skip, dari=new + skip + 1, sampai=new + skip + k)
        rejects.append(RowReject(prob, np.arange(new + skip, new + skip + k + 1,
                                                 dtype=np.int64)))
    offset = dict(zip(recs.tolist(), shift[:-1].tolist(), strict=True))
    keep = ~frame["_rec"].isin(gone).to_numpy(dtype=bool)
    frame = frame.loc[keep].reset_index(drop=True)
    frame["_rec"] = frame["_rec"] + frame["_rec"].map(offset).to_numpy(dtype=np.int64)
    bad = [(n + offset[n], fs) for n, fs in bad if n not in gone]
    return frame, bad, split, rejects


def _dominant_other_separator(rows: Iterable[list[str]], sep: str) -> str | None:
    counts = {";": 0, ",": 0, "\t": 0, "|": 0}
    for fields in rows:
        joined = sep.join(fields)
        for ch in counts:
            if ch != sep and ch in joined:
                counts[ch] += 1
    best = max(counts, key=lambda k: counts[k])
    if counts[best] == 0:
        return None
    return "tab" if best == "\t" else best


def _good_numbers(start: int, n_good: int, bad: np.ndarray) -> np.ndarray:
    """Record numbers of ``n_good`` well-formed records from ``start`` on, skipping ``bad``.

    ``bad`` holds the (sorted) numbers of malformed records known so far.
    """
    later = bad[bad >= start]
    if not len(later):
        return np.arange(start, start + n_good, dtype=np.int64)
    cand = np.arange(start, start + n_good + len(later), dtype=np.int64)
    return cand[~np.isin(cand, later)][:n_good]


class _Fallback(Exception):
    """The streaming reader met something only the whole-file reader handles."""


class _RawStream:
    """Binary reader for pyarrow: drops the UTF-8 BOM, refuses NUL bytes (binary file)."""

    def __init__(self, fh: Any, skip: int) -> None:
        self._fh = fh
        fh.seek(skip)
        self.closed = False

    def read(self, n: int = -1) -> bytes:
        data = self._fh.read(n)
        if b"\x00" in data:
            raise _Fallback("NUL byte")
        return data

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        self.closed = True


class RestartRead(Exception):
    """Raised by :func:`iter_table` when the chunks yielded so far are void.

    The streaming reader met something only :func:`read_table` handles after it had
    already yielded chunks; the consumer discards them and calls
    ``iter_table(path, name, stream=False)``.
    """


def iter_table(
    path: Path | str,
    name: str | None = None,
    chunk_rows: int | None = None,
    *,
    stream: bool = True,
) -> Iterator[RawTable]:
    """Read a CSV or XLSX file as a sequence of :class:`RawTable` chunks.

    The chunks together hold exactly what :func:`read_table` returns: the same columns,
    the same ``_baris`` row numbers, each row-level problem in the chunk of its row, and
    the file-level problems (encoding, blank rows, extra sheets) in the first or the last
    chunk. UTF-8 CSV files are streamed with ``pyarrow.csv.open_csv`` (memory grows with
    ``chunk_rows``, not with the file). Anything unusual (cp1252, binary content, a record
    larger than the parser block, a named-less column with values, a wrong separator,
    duplicate column names) is read by :func:`read_table` and then cut into chunks.

    Parameters
    ----------
    path : pathlib.Path or str
        The file; opened read-only.
    name : str, optional
        Input name; default: the file stem in lower case.
    chunk_rows : int, optional
        Rows per chunk (default :data:`CHUNK_ROWS`).
    stream : bool
        False reads the whole file with :func:`read_table` (after :class:`RestartRead`).

    Yields
    ------
    RawTable

    Raises
    ------
    IngestError
        As :func:`read_table`.
    RestartRead
        When the streaming reader has to give up after yielding chunks.

    Examples
    --------
    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "contoh.csv"
    >>> _ = p.write_bytes(b"a,b\\n1,2\\n,\\n3,4\\n5\\n6,7\\n")
    >>> chunks = list(iter_table(p, chunk_rows=2))
    >>> [c.frame["_baris"].tolist() for c in chunks]
    [[2], [4], [5, 6]]
    >>> [(p.code, p.row) for c in chunks for p in c.problems]
    [('kolom_kurang', 5), ('baris_kosong', None)]
    """
    path = Path(path)
    name = (name or path.stem).strip().lower()
    rows = max(int(chunk_rows or CHUNK_ROWS), 1)
    if stream and path.suffix.lower() == ".csv":
        yielded = False
        note = _name_warning(path, name)
        try:
            for chunk in _stream_csv(path, name, rows):
                if not yielded and note is not None:
                    chunk.problems.insert(0, note)
                yielded = True
                yield chunk
            return
        except _Fallback as exc:
            if yielded:
                raise RestartRead(path.name) from exc
    yield from _split(read_table(path, name), rows)


def _split(raw: RawTable, rows: int) -> Iterator[RawTable]:
    """Cut a whole-file RawTable into chunks of ``rows`` rows."""
    frame = raw.frame
    baris = frame["_baris"].to_numpy(dtype=np.int64)
    row_probs = [p for p in raw.problems if p.row is not None]
    file_probs = [p for p in raw.problems if p.row is None]
    starts = list(range(0, len(frame), rows))
    for i, lo in enumerate(starts):
        part = frame.iloc[lo : lo + rows].reset_index(drop=True)
        # a problem row dropped as blank goes with the next chunk
        first = int(baris[lo - 1]) + 1 if i else -1
        last = int(baris[lo + rows - 1]) if i < len(starts) - 1 else np.iinfo(np.int64).max
        mine = [p for p in row_probs if first <= int(p.row) <= last]  # type: ignore[arg-type]
        rejects = [
            RowReject(r.problem, r.rows[(r.rows >= first) & (r.rows <= last)],
                      log=first <= int(r.problem.row or 0) <= last)  # reported once
            for r in raw.rejects if ((r.rows >= first) & (r.rows <= last)).any()
        ]
        yield RawTable(
            name=raw.name, path=raw.path, frame=part, encoding=raw.encoding,
            separator=raw.separator, decimal_comma=raw.decimal_comma,
            problems=(file_probs if i == 0 else []) + mine, rejects=rejects,
        )


def _stream_csv(path: Path, name: str, rows: int) -> Iterator[RawTable]:
    """Stream a clean UTF-8 CSV; raise :class:`_Fallback` on anything unusual."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    file = path.name
    try:
        fh = open(path, "rb")  # closed in finally
    except OSError as exc:
        raise _Fallback(str(exc)) from exc
    try:
        head = fh.read(_HEAD_BYTES + len(codecs.BOM_UTF8))
        bom = head.startswith(codecs.BOM_UTF8)
        body = head[len(codecs.BOM_UTF8) :] if bom else head
        body = body[:_HEAD_BYTES]
        if not body.strip() or body.startswith(b"PK\x03\x04") or b"\x00" in body:
            raise _Fallback("empty or binary")
        try:
            codecs.getincrementaldecoder("utf-8")().decode(body, final=False)
        except UnicodeDecodeError as exc:
            raise _Fallback("not UTF-8") from exc
        text_head = body.decode("utf-8", "replace")
        if b"\n" not in body or not text_head.split("\n", 1)[0].strip():
            raise _Fallback("header")
        if _preamble(text_head, name, file)[0]:
            raise _Fallback("sep= line or title rows above the header")
        sep = _sniff(text_head, file)  # IngestError exactly as read_table
        first = body.split(b"\n", 1)[0].decode("utf-8", "replace").rstrip("\r")
        header = next(csv.reader([first], delimiter=sep), [""])
        fields = [f"f{i}" for i in range(max(len(header), 1))]
        invalid: list[tuple[int | None, str]] = []

        def handler(row: Any) -> str:
            invalid.append((row.number, row.text))
            return "skip"

        try:
            reader = pacsv.open_csv(
                _RawStream(fh, len(codecs.BOM_UTF8) if bom else 0),
                read_options=pacsv.ReadOptions(
                    column_names=fields, use_threads=False, block_size=_BLOCK_SIZE
                ),
                parse_options=pacsv.ParseOptions(
                    delimiter=sep, quote_char='"', double_quote=True,
                    newlines_in_values=True, ignore_empty_lines=False,
                    invalid_row_handler=handler,
                ),
                convert_options=pacsv.ConvertOptions(
                    column_types=dict.fromkeys(fields, pa.string()),
                    strings_can_be_null=False, quoted_strings_can_be_null=False,
                ),
            )
        except _Fallback:
            raise
        except Exception as exc:
            raise _Fallback(str(exc)) from exc
        state = _StreamState(file, name, path, sep, len(fields))
        batches: list[Any] = []
        n_batch = 0
        prev: RawTable | None = None
        ahead = _ReadAhead(reader, invalid, rows)
        try:
            for batch, n_invalid in ahead:
                seen = invalid[:n_invalid]  # what a serial reader had seen at this batch
                if batch.num_rows:
                    batches.append(batch)
                    n_batch += batch.num_rows
                if n_batch >= rows:
                    table = pa.Table.from_batches(batches)
                    while table.num_rows >= rows:  # chunks of exactly `rows` good rows
                        chunk = state.chunk(table.slice(0, rows), seen, final=False)
                        table = table.slice(rows)
                        if chunk is not None:
                            if prev is not None:
                                yield prev
                            prev = chunk
                    batches, n_batch = table.to_batches(), table.num_rows
        finally:
            ahead.close()  # before the file is closed
        table = pa.Table.from_batches(batches, schema=ahead.schema)
        chunk = state.chunk(table, invalid, final=True)
        if chunk is not None:
            if prev is not None:
                yield prev
            prev = chunk
        state.finish()
        if prev is None:
            raise _Fallback("no data rows")
        if state.n_blank:
            prev.problems.append(
                _problem(file, "baris_kosong", severity="warning", n=state.n_blank)
            )
        yield prev
    finally:
        fh.close()


class _ReadAhead:
    """Batches of a pyarrow CSV stream read in a background thread, about one chunk ahead.

    ``read_next_batch`` parses in C++ without the GIL, so the next rows are parsed while
    the current chunk is validated. Each batch comes with the number of invalid rows the
    handler had recorded when it was read (what a serial reader would have seen);
    reading errors are re-raised in the consumer, in order.
    """

    def __init__(self, reader: Any, invalid: list, rows: int) -> None:
        import queue
        import threading

        import pyarrow as pa

        self._reader = reader
        #: large_string columns: the cast to pandas' text storage happens in this thread
        self.schema = pa.schema([f.with_type(pa.large_string()) for f in reader.schema])
        self._invalid = invalid
        self._limit = max(rows, 1)
        self._queue: Any = queue.Queue()
        self._cond = threading.Condition()
        self._buffered = 0  # rows read but not yet taken
        self._stop = False
        self._thread = threading.Thread(target=self._run, name="kinerja-csv", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while True:
            with self._cond:
                while self._buffered >= self._limit and not self._stop:
                    self._cond.wait()
                if self._stop:
                    return
            try:
                batch = self._reader.read_next_batch()
                if batch.schema != self.schema:  # pandas stores text as large_string
                    batch = batch.cast(self.schema)
            except StopIteration:
                self._queue.put(("end", None, 0))
                return
            except BaseException as exc:  # re-raised by the consumer
                self._queue.put(("error", exc, 0))
                return
            with self._cond:
                self._buffered += batch.num_rows
            self._queue.put(("batch", batch, len(self._invalid)))

    def __iter__(self) -> Iterator[tuple[Any, int]]:
        while True:
            kind, item, n_invalid = self._queue.get()
            if kind == "end":
                return
            if kind == "error":
                if isinstance(item, _Fallback):
                    raise item
                raise _Fallback(str(item)) from item
            with self._cond:
                self._buffered -= item.num_rows
                self._cond.notify()
            yield item, n_invalid

    def close(self) -> None:
        with self._cond:
            self._stop = True
            self._cond.notify()
        self._thread.join()


class _StreamState:
    """Row numbering, malformed rows and column names across streamed chunks."""

    def __init__(self, file: str, name: str, path: Path, sep: str, n_fields: int) -> None:
        self.file, self.name, self.path, self.sep = file, name, path, sep
        self.n_fields = n_fields
        self.cursor = 1  # next record number
        self.used = 0  # invalid rows consumed
        self.n_good = 0
        self.n_bad = 0
        self.n_blank = 0
        self.names: list[str] | None = None
        self.keep: list[str] = []
        self.unnamed: list[str] = []

    def chunk(self, table: Any, invalid: list, *, final: bool) -> RawTable | None:
        frame = table.to_pandas() if table.num_rows else pd.DataFrame(
            {f"f{i}": pd.Series([], dtype="str") for i in range(self.n_fields)})
        bad_all = invalid[self.used :]
        if any(num is None for num, _ in bad_all):
            raise _Fallback("row numbers unknown")
        known = np.array([num for num, _ in bad_all], dtype=np.int64)
        rec = _good_numbers(self.cursor, len(frame), known)
        if len(rec):
            self.cursor = int(rec[-1]) + 1
        last = np.iinfo(np.int64).max if final else self.cursor - 1
        mine = [(int(num), text) for num, text in bad_all if num <= last]
        if self.names is None and any(num == 1 for num, _ in mine):
            raise _Fallback("malformed header record")
        self.used += len(mine)
        self.n_good += len(frame)
        self.n_bad += len(mine)
        frame["_rec"] = rec
        problems: list[Problem] = []
        rows = [(num, next(csv.reader(io.StringIO(text, newline=""), delimiter=self.sep), []))
                for num, text in mine]
        if _find_swallows(frame, rows, self.sep, self.n_fields):
            raise _Fallback("open quote")  # read_table re-reads the swallowed lines
        if mine:
            for num, cells in rows:
                if cells and any(c.strip() for c in cells):
                    code = "kolom_kurang" if len(cells) < self.n_fields else "kolom_lebih"
                    problems.append(_problem(self.file, code, row=num,
                                             diharapkan=self.n_fields, ditemukan=len(cells)))
            extra = pd.DataFrame(
                [(c + [""] * self.n_fields)[: self.n_fields] for _, c in rows],
                columns=[f"f{i}" for i in range(self.n_fields)], dtype="str",
            )
            extra["_rec"] = np.array([num for num, _ in rows], dtype=np.int64)
            frame = pd.concat([frame, extra], ignore_index=True).sort_values(
                "_rec", kind="stable").reset_index(drop=True)
        if self.names is None:
            if not len(frame) or int(frame["_rec"].iloc[0]) != 1:
                raise _Fallback("header record")
            self._header([str(frame[f"f{i}"].iloc[0]) for i in range(self.n_fields)])
            frame = frame.iloc[1:].reset_index(drop=True)
        for col in self.unnamed:
            if frame[col].str.strip().ne("").any():
                raise _Fallback("unnamed column with values")
        out = frame[self.keep]
        out.columns = self.names
        out = nfc_frame(out, self.names)
        blank = (out[self.names[0]].str.strip() == "").to_numpy(dtype=bool).copy()
        cand = np.flatnonzero(blank)  # only rows blank in the first column can be blank
        if len(cand):
            for c in self.names[1:]:
                cand = cand[(out[c].iloc[cand].str.strip() == "").to_numpy(dtype=bool)]
            blank[:] = False
            blank[cand] = True
        out["_baris"] = frame["_rec"].to_numpy(dtype=np.int64)
        n_blank = int(blank.sum())
        if n_blank:
            self.n_blank += n_blank
            out = out.loc[~blank].reset_index(drop=True)
        if not len(out):
            if problems:  # pragma: no cover - malformed rows are never blank
                raise _Fallback("problems without rows")
            return None
        return RawTable(name=self.name, path=self.path, frame=out, encoding="utf-8",
                        separator=self.sep, decimal_comma=self.sep == ";", problems=problems)

    def _header(self, cells: list[str]) -> None:
        if all(not h.strip() for h in cells):
            raise _Fallback("blank header")
        names: list[str] = []
        for j, head in enumerate(cells):
            norm = normalize_column_name(head)
            if not norm:
                self.unnamed.append(f"f{j}")
                continue
            names.append(norm)
            self.keep.append(f"f{j}")
        if len(set(names)) != len(names):
            raise _Fallback("duplicate column names")
        self.names = names

    def finish(self) -> None:
        """Whole-file rules read_table applies (a wrong separator): fall back."""
        data_rows = self.n_good - 1 + self.n_bad
        if self.n_bad >= 2 and self.n_bad > _BAD_ROW_SHARE * data_rows:
            raise _Fallback("wrong separator")


# --------------------------------------------------------------------------- XLSX


def _cell_text(v: object) -> str:
    """Render an openpyxl cell value as the text a user would type."""
    if v is None:
        return ""
    if isinstance(v, str):
        return v
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, int) and abs(v) < 10**15:
        return str(v)
    if isinstance(v, (int, float)):
        v = float(v)
        if not math.isfinite(v):
            return str(v)
        if v.is_integer() and abs(v) < 1e15:
            return str(int(v))
        # Excel keeps 15 significant digits: show large numbers as Excel does
        # (1.98609262015051E+17) so a NIP in a number cell is reported, not trusted.
        text = repr(v) if abs(v) < 1e15 else f"{v:.14E}"
        mant, _, exp = text.partition("E")
        if exp:
            mant = mant.rstrip("0").rstrip(".")
            return f"{mant}E+{int(exp)}" if int(exp) >= 0 else f"{mant}E{int(exp)}"
        return text
    if isinstance(v, _dt.datetime):
        if v.time() == _dt.time(0, 0):
            return v.date().isoformat()
        return v.isoformat(sep=" ")
    if isinstance(v, (_dt.date, _dt.time)):
        return v.isoformat()
    return str(v)


def _sheet_rows(ws: Any) -> list[list[str]]:
    return [[_cell_text(v) for v in row] for row in ws.iter_rows(min_row=1, values_only=True)]


def _has_formulas(fh: Any) -> bool:
    """Whether any worksheet of the workbook holds a formula (``<f>`` element)."""
    import zipfile

    fh.seek(0)
    with zipfile.ZipFile(fh) as z:
        for info in z.infolist():
            if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                with z.open(info) as part:
                    tail = b""
                    for block in iter(lambda: part.read(1 << 20), b""):
                        if b"<f>" in tail + block or b"<f " in tail + block:
                            return True
                        tail = block[-3:]
    return False


def _formula_cells(fh: Any, sheet: str, rows: list[list[str]]) -> dict[int, list[int]]:
    """Column index -> Excel rows of formula cells without a saved (cached) value.

    ``data_only=True`` gives None where a formula has no cached value (a file written by
    a program that does not compute formulas); ``data_only=False`` gives the formula.
    """
    import openpyxl

    fh.seek(0)
    wb = openpyxl.load_workbook(fh, read_only=True, data_only=False)
    out: dict[int, list[int]] = {}
    try:
        for r, row in enumerate(wb[sheet].iter_rows(min_row=1, values_only=True)):
            for j, v in enumerate(row):
                if (isinstance(v, str) and v.startswith("=") and r < len(rows)
                        and (j >= len(rows[r]) or not rows[r][j])):
                    out.setdefault(j, []).append(r + 1)
    finally:
        wb.close()
    return out


def _ranges(rows: list[int]) -> str:
    """``[2, 3, 4, 7]`` -> ``"2-4, 7"`` (at most 10 ranges, then ``...``)."""
    parts: list[str] = []
    lo = prev = rows[0]
    for r in [*rows[1:], None]:
        if r is not None and r == prev + 1:
            prev = r
            continue
        parts.append(str(lo) if lo == prev else f"{lo}-{prev}")
        if r is not None:
            lo = prev = r
    return ", ".join(parts[:10]) + (", ..." if len(parts) > 10 else "")


def _read_xlsx(path: Path, name: str) -> RawTable:
    import openpyxl

    file = path.name
    problems: list[Problem] = []
    formulas: dict[int, list[int]] = {}
    try:
        with open(path, "rb") as fh:
            wb = openpyxl.load_workbook(fh, read_only=True, data_only=True)
            try:
                # hidden sheets (old data, lookup lists) are never read: visible ones only
                hidden = [s for s in wb.sheetnames
                          if getattr(wb[s], "sheet_state", "visible") != "visible"]
                sheets = [s for s in wb.sheetnames if s not in hidden]
                if not sheets:
                    raise IngestError(_problem(file, "berkas_kosong"))
                sheet = sheets[0]
                rows = _sheet_rows(wb[sheet])
                if len(sheets) > 1 and _header_index(rows, name) is None:
                    # the first sheet names no column (a cover or instructions sheet):
                    # read the first sheet that does
                    for other in sheets[1:]:
                        cand = _sheet_rows(wb[other])
                        if _header_index(cand, name) is not None:
                            sheet, rows = other, cand
                            break
            finally:
                wb.close()
            if _has_formulas(fh):
                formulas = _formula_cells(fh, sheet, rows)
    except IngestError:
        raise
    except Exception as exc:
        raise IngestError(
            _problem(file, "berkas_tidak_terbaca", sebab=type(exc).__name__)
        ) from exc
    if hidden:
        problems.append(_problem(file, "sheet_tersembunyi", severity="warning",
                                 sheet=", ".join(f"'{h}'" for h in hidden), dibaca=sheet))
    if sheet != sheets[0]:
        problems.append(_problem(file, "data_di_sheet", severity="warning", sheet=sheet,
                                 pertama=sheets[0]))
    elif len(sheets) > 1:
        problems.append(
            _problem(file, "sheet_lain", severity="warning", sheet=sheets[0], n=len(sheets) - 1)
        )
    while rows and all(not c.strip() for c in rows[-1]):
        rows.pop()
    if not rows:
        raise IngestError(_problem(file, "berkas_kosong"))
    h = _header_index(rows, name) or 0
    if h:
        problems.append(_problem(file, "judul_di_atas_header", severity="warning",
                                 baris=h + 1, n=h))
    width = max(len(r) for r in rows)
    rows = [(r + [""] * width)[:width] for r in rows]
    frame = pd.DataFrame(rows[h:], columns=[f"f{i}" for i in range(width)], dtype="str")
    frame["_rec"] = np.arange(h + 1, len(rows) + 1, dtype=np.int64)
    header_cells = rows[h]
    rejects = []
    for j, excel_rows in sorted(formulas.items()):
        data_rows = [r for r in excel_rows if r > h + 1]
        if not data_rows or j >= width:
            continue
        column = normalize_column_name(header_cells[j]) or f"kolom_{j + 1}"
        prob = _problem(file, "rumus_tanpa_nilai", row=data_rows[0], column=column,
                        baris=_ranges(data_rows), n=len(data_rows))
        rejects.append(RowReject(prob, np.array(data_rows, dtype=np.int64)))
    return _finish(frame, header_cells, path, name, "xlsx", None, False, problems, rejects)


# --------------------------------------------------------------------------- shared


def _finish(
    frame: pd.DataFrame,
    header_cells: list[str],
    path: Path,
    name: str,
    encoding: str,
    sep: str | None,
    decimal_comma: bool,
    problems: list[Problem],
    rejects: list[RowReject] | None = None,
) -> RawTable:
    """Header row -> column names; drop blank rows; add ``_baris``."""
    file = path.name
    if all(not str(h).strip() for h in header_cells):
        raise IngestError(_problem(file, "baris_judul_kosong"))
    body = frame.iloc[1:].reset_index(drop=True)
    cols = [c for c in body.columns if c != "_rec"]
    names: list[str] = []
    keep: list[str] = []
    for j, (col, head) in enumerate(zip(cols, header_cells, strict=True)):
        norm = normalize_column_name(head)
        if not norm:
            if not body[col].str.strip().ne("").any():
                continue  # unnamed and empty (e.g. a trailing separator)
            norm = f"kolom_{j + 1}"
        names.append(norm)
        keep.append(col)
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise IngestError(_problem(file, "kolom_ganda", kolom=", ".join(dupes)))
    out = body[keep]
    out.columns = names
    other = {c: out[c].astype("str") for c in names if out[c].dtype != "str"}
    out = nfc_frame(out.assign(**other) if other else out, names)
    blank = np.ones(len(out), dtype=bool)
    for c in names:  # only rows blank so far can be blank (wide files: few rows left)
        cand = np.flatnonzero(blank)
        if not len(cand):
            break
        blank[cand] = (out[c].iloc[cand].str.strip() == "").to_numpy(dtype=bool)
    out["_baris"] = body["_rec"].to_numpy(dtype=np.int64)
    n_blank = int(blank.sum())
    if n_blank:
        out = out.loc[~blank].reset_index(drop=True)
        problems.append(_problem(file, "baris_kosong", severity="warning", n=n_blank))
    if not len(out):
        raise IngestError(_problem(file, "hanya_judul"))
    return RawTable(
        name=name, path=path, frame=out, encoding=encoding, separator=sep,
        decimal_comma=decimal_comma, problems=problems, rejects=list(rejects or []),
    )


# --------------------------------------------------------------------------- parsers
# The parsers work on Arrow arrays with RE2 regular expressions (pyarrow.compute), so a
# column of tens of millions of cells is parsed in C++; only [0-9] (ASCII digits) count.

_TIME = r"(?:[ T][0-9]{1,2}[:.][0-9]{2}(?:[:.][0-9]{2}(?:\.[0-9]+)?)?)?"
_ISO_DATE = r"^(?P<y>[0-9]{4})[-/](?P<m>[0-9]{1,2})[-/](?P<d>[0-9]{1,2})" + _TIME + "$"
_DMY_DATE = r"^(?P<d>[0-9]{1,2})[-/.](?P<m>[0-9]{1,2})[-/.](?P<y>[0-9]{4})" + _TIME + "$"
# A 5-digit number is an Excel date serial (10000 = 1927-05-18, 99999 = 2173-10-14).
_SERIAL = r"^[0-9]{5}(?:[.,][0-9]+)?$"
_MIN_YEAR, _MAX_YEAR = 1900, 2199
_NUMBER = r"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$"
_DECIMAL_COMMA = r"^([+-]?[0-9]*),([0-9]+)$"
_SP = r"[ \t]*"
_PERIODE_Q = r"^(?P<y>[0-9]{4})" + _SP + r"[-/ ]?" + _SP + r"[Qq](?P<q>[1-4])$"
_PERIODE_QY = r"^[Qq](?P<q>[1-4])" + _SP + r"[-/ ]?" + _SP + r"(?P<y>[0-9]{4})$"
_PERIODE_M = r"^(?P<y>[0-9]{4})[-/](?P<m>[0-9]{1,2})$"


def _arrow_text(s: pd.Series) -> Any:
    """Trimmed text as an Arrow array (null for missing)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = pa.array(s.astype("str"))
    return pc.utf8_trim_whitespace(arr)


def _np_bool(arr: Any) -> np.ndarray:
    import pyarrow.compute as pc

    return np.asarray(pc.fill_null(arr, False).to_numpy(zero_copy_only=False), dtype=bool)


def _blank(arr: Any) -> np.ndarray:
    import pyarrow.compute as pc

    return _np_bool(pc.or_kleene(pc.is_null(arr), pc.equal(arr, "")))


def _field_int(struct: Any, name: str) -> tuple[np.ndarray, np.ndarray]:
    """Integer values of a regex group (0 where absent) and the 'present' mask."""
    import pyarrow as pa
    import pyarrow.compute as pc

    f = pc.struct_field(struct, name)
    present = _np_bool(pc.is_valid(f))
    vals = pc.cast(pc.if_else(pc.is_valid(f), f, "0"), pa.int64())
    return np.asarray(vals.to_numpy(zero_copy_only=False), dtype=np.int64), present


def _coalesce(*pairs: tuple[np.ndarray, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    vals, present = pairs[0]
    vals, present = vals.copy(), present.copy()
    for v, p in pairs[1:]:
        take = ~present & p
        vals[take] = v[take]
        present |= p
    return vals, present


@functools.cache
def _labels() -> tuple[np.ndarray, np.ndarray]:
    """All quarter and month labels 1900-2199 (label lookup is a fast numpy take)."""
    years = range(_MIN_YEAR, _MAX_YEAR + 1)
    quarters = np.array([f"{y}-Q{q}" for y in years for q in range(1, 5)], dtype=object)
    months = np.array([f"{y}-{m:02d}" for y in years for m in range(1, 13)], dtype=object)
    return quarters, months


def _str_series(values: np.ndarray, index: pd.Index) -> pd.Series:
    """Object array (None = missing) -> pandas ``str`` Series."""
    return pd.Series(values, index=index, dtype="str")


def parse_date_series(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Parse dates written ``YYYY-MM-DD`` or day-first ``DD/MM/YYYY`` / ``DD-MM-YYYY``.

    Month-first dates are never guessed: ``"12/25/2024"`` is read as day 12 of month 25
    and reported as a date that does not exist. A time part (``" 08:30[:00]"``) is
    accepted and dropped; ``YYYY/MM/DD`` and ``DD.MM.YYYY`` are accepted too. Years
    outside 1900-2199 are reported as dates that do not exist. Datetime input (from a
    caller that already has dates) is returned unchanged.

    Parameters
    ----------
    s : pandas.Series
        Text values.

    Returns
    -------
    values : pandas.Series
        ``datetime64[ns]``; NaT where blank or invalid.
    error : pandas.Series
        ``string`` codes: NA (ok or blank), ``"format"``, ``"excel_serial"`` (a 5-digit
        number such as ``"45123"``) or ``"tanggal_tidak_ada"`` (e.g. 31/02/2024).

    Examples
    --------
    >>> v, e = parse_date_series(pd.Series(["2024-03-05", "05/03/2024", "45123",
    ...                                     "13/25/2024", "kemarin", ""]))
    >>> [str(x.date()) if pd.notna(x) else None for x in v]
    ['2024-03-05', '2024-03-05', None, None, None, None]
    >>> e.tolist()
    [<NA>, <NA>, 'excel_serial', 'tanggal_tidak_ada', 'format', <NA>]
    """
    import pyarrow.compute as pc

    if pd.api.types.is_datetime64_any_dtype(s.dtype):
        values = s.dt.tz_localize(None) if getattr(s.dt, "tz", None) is not None else s
        return (pd.Series(values, index=s.index).astype("datetime64[ns]"),
                pd.Series(pd.NA, index=s.index, dtype="string"))
    n = len(s)
    arr = _arrow_text(s)
    blank = _blank(arr)
    if blank.all():
        return (pd.Series(pd.NaT, index=s.index, dtype="datetime64[ns]"),
                pd.Series(pd.NA, index=s.index, dtype="string"))
    iso = pc.extract_regex(arr, _ISO_DATE)
    dmy = pc.extract_regex(arr, _DMY_DATE)
    y, matched = _coalesce(_field_int(iso, "y"), _field_int(dmy, "y"))
    m, _ = _coalesce(_field_int(iso, "m"), _field_int(dmy, "m"))
    d, _ = _coalesce(_field_int(iso, "d"), _field_int(dmy, "d"))
    plausible = (matched & (y >= _MIN_YEAR) & (y <= _MAX_YEAR) & (m >= 1) & (m <= 12)
                 & (d >= 1) & (d <= 31))
    months = np.where(plausible, (y - 1970) * 12 + (m - 1), 0).astype("datetime64[M]")
    days = months.astype("datetime64[D]") + np.where(plausible, d - 1, 0).astype(
        "timedelta64[D]")
    valid = plausible & (days.astype("datetime64[M]") == months)
    out = np.where(valid, days, np.datetime64("NaT")).astype("datetime64[ns]")
    serial = _np_bool(pc.match_substring_regex(arr, _SERIAL))
    codes = np.select(
        [blank, matched & ~valid, ~matched & serial, ~matched],
        ["", "tanggal_tidak_ada", "excel_serial", "format"],
        default="",
    )
    error = pd.Series(codes if n else np.array([], dtype=object), index=s.index,
                      dtype="string").replace("", pd.NA)
    return pd.Series(out, index=s.index, dtype="datetime64[ns]"), error


def triwulan_dari_tanggal(dates: pd.Series) -> pd.Series:
    """Quarter ``"YYYY-Qn"`` of each date (NaN for NaT).

    Examples
    --------
    >>> triwulan_dari_tanggal(pd.Series(pd.to_datetime(["2024-03-31", "2024-04-01", None])))
    ... # doctest: +NORMALIZE_WHITESPACE
    0    2024-Q1
    1    2024-Q2
    2        NaN
    dtype: str
    """
    d = pd.Series(pd.to_datetime(pd.Series(dates)))
    year = d.dt.year.to_numpy(dtype=float, na_value=np.nan)
    q = d.dt.quarter.to_numpy(dtype=float, na_value=np.nan)
    ok = ~np.isnan(year)
    in_range = ok & (year >= _MIN_YEAR) & (year <= _MAX_YEAR)
    pos = np.where(in_range, (np.nan_to_num(year) - _MIN_YEAR) * 4 + np.nan_to_num(q) - 1, 0)
    out = np.where(in_range, _labels()[0][pos.astype(np.int64)], None)
    for i in np.flatnonzero(ok & ~in_range):  # rare: dates outside 1900-2199
        out[i] = f"{int(year[i])}-Q{int(q[i])}"
    return _str_series(out, d.index)


def periode_to_triwulan(periode: pd.Series) -> pd.Series:
    """Quarter of periods (``"2025-Q4"`` -> itself, ``"2025-11"`` -> ``"2025-Q4"``).

    Examples
    --------
    >>> periode_to_triwulan(pd.Series(["2025-Q4", "2025-02", None])).tolist()
    ['2025-Q4', '2025-Q1', nan]
    """
    return parse_periode_series(periode)[1]


def parse_periode_series(s: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Parse periods: quarters ``YYYY-Qn`` (``2025Q4``, ``2025-q4``, ``Q4 2025`` too) or
    months ``YYYY-MM``. Years outside 1900-2199 are invalid.

    Returns
    -------
    periode : pandas.Series
        Canonical ``"YYYY-Qn"`` or ``"YYYY-MM"`` (``str``; NaN where blank/invalid).
    triwulan : pandas.Series
        The quarter ``"YYYY-Qn"`` containing the period.
    error : pandas.Series
        ``string`` codes: NA (ok or blank) or ``"format"``.

    Examples
    --------
    >>> p, q, e = parse_periode_series(pd.Series(["2025q4", "2025-7", "2025-13", ""]))
    >>> p.tolist(), q.tolist()
    (['2025-Q4', '2025-07', nan, nan], ['2025-Q4', '2025-Q3', nan, nan])
    >>> e.tolist()
    [<NA>, <NA>, 'format', <NA>]
    """
    import pyarrow.compute as pc

    arr = _arrow_text(s)
    blank = _blank(arr)
    if blank.all():
        empty = pd.Series(np.nan, index=s.index, dtype="str")
        return empty, empty.copy(), pd.Series(pd.NA, index=s.index, dtype="string")
    q1 = pc.extract_regex(arr, _PERIODE_Q)
    q2 = pc.extract_regex(arr, _PERIODE_QY)
    mm = pc.extract_regex(arr, _PERIODE_M)
    yq, has_q = _coalesce(_field_int(q1, "y"), _field_int(q2, "y"))
    qn, _ = _coalesce(_field_int(q1, "q"), _field_int(q2, "q"))
    ym, has_m = _field_int(mm, "y")
    mon, _ = _field_int(mm, "m")
    ok_q = has_q & (yq >= _MIN_YEAR) & (yq <= _MAX_YEAR)
    ok_m = has_m & (ym >= _MIN_YEAR) & (ym <= _MAX_YEAR) & (mon >= 1) & (mon <= 12)
    year = np.where(ok_q, yq, ym)
    quarter = np.where(ok_q, qn, (mon - 1) // 3 + 1)
    valid = ok_q | ok_m
    q_labels, m_labels = _labels()
    qpos = np.where(valid, (year - _MIN_YEAR) * 4 + quarter - 1, 0)
    mpos = np.where(ok_m, (year - _MIN_YEAR) * 12 + mon - 1, 0)
    triwulan = np.where(valid, q_labels[qpos], None)
    periode = np.where(ok_q, triwulan, np.where(ok_m, m_labels[mpos], None))
    codes = np.where(~blank & ~valid, "format", "")
    error = pd.Series(codes, index=s.index, dtype="string").replace("", pd.NA)
    return _str_series(periode, s.index), _str_series(triwulan, s.index), error


def parse_number_series(s: pd.Series, decimal_comma: bool) -> tuple[pd.Series, pd.Series]:
    """Parse numbers written with a decimal point (or a decimal comma when allowed).

    Parameters
    ----------
    s : pandas.Series
        Text values.
    decimal_comma : bool
        Accept ``"88,5"`` (for ``;``-separated CSV). A decimal point is always accepted;
        thousands separators never are.

    Returns
    -------
    values : pandas.Series
        ``float64``; NaN where blank or invalid.
    error : pandas.Series
        ``bool``: True where the cell is not blank and not a number (``"N/A"``,
        ``"delapan puluh"``, ``"88%"``, ``"inf"``).

    Examples
    --------
    >>> v, e = parse_number_series(pd.Series(["88,5", "90", " 7.25 ", "N/A", ""]), True)
    >>> v.tolist()[:3], e.tolist()
    ([88.5, 90.0, 7.25], [False, False, False, True, False])
    >>> parse_number_series(pd.Series(["88,5"]), False)[1].tolist()
    [True]
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = _arrow_text(s)
    blank = _blank(arr)
    if blank.all():
        return (pd.Series(np.nan, index=s.index, dtype="float64"),
                pd.Series(False, index=s.index, dtype=bool))
    if decimal_comma:
        arr = pc.replace_substring_regex(arr, _DECIMAL_COMMA, r"\1.\2")
    ok_arr = pc.match_substring_regex(arr, _NUMBER)
    ok = _np_bool(ok_arr)
    kept = pc.if_else(pc.fill_null(ok_arr, False), arr, pa.scalar(None, arr.type))
    try:
        values = np.asarray(pc.cast(kept, pa.float64()).to_numpy(zero_copy_only=False),
                            dtype=np.float64)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):  # pragma: no cover - fallback
        values = pd.to_numeric(pd.Series(kept.to_pylist()), errors="coerce").to_numpy(
            dtype=np.float64)
    return (pd.Series(values, index=s.index, dtype="float64"),
            pd.Series(~blank & ~ok, index=s.index, dtype=bool))
