"""Load the processed (pseudonymized) tables for the analyses and notebooks."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd

TABLES = (
    "kebijakan",
    "pegawai",
    "penilaian_kinerja",
    "survei_kepuasan",
    "survei_asn",
    "tindak_lanjut",
)


#: Columns of the processed tables that no report notebook reads. The notebooks load the
#: tables without them (``muat(..., tanpa=KOLOM_TIDAK_DIPAKAI)``): at the national scale
#: that is ~3 GB less per notebook. ``muat`` without ``tanpa`` keeps every column.
KOLOM_TIDAK_DIPAKAI: dict[str, tuple[str, ...]] = {
    "pegawai": ("jabatan",),
    "penilaian_kinerja": ("rating_hasil_kerja", "rating_perilaku_kerja",
                          "skor_kinerja_turunan"),
    "survei_kepuasan": ("id_responden", "tanggal", "saran"),
    "survei_asn": ("tanggal", "tanggal_pelatihan"),
    "tindak_lanjut": ("keterangan",),
}


class Data:
    """The processed tables, cut at ``periode_akhir`` (inclusive), read on first use.

    ``data.penilaian_kinerja`` etc. read their Parquet file the first time they are used,
    so a notebook holds only the tables it uses (at the national scale the tables a
    notebook does not need are several GB). A table whose input file was not supplied is
    ``None`` (every input is optional for loading; each report section says what it needs):
    ``data.ada("survei_asn")`` tells without reading it.
    """

    def __init__(self, processed_dir: Path, periode_akhir: str | None, ringkasan: dict,
                 tanpa: Mapping[str, Sequence[str]] | None = None):
        self.processed_dir = processed_dir
        self.periode_akhir = periode_akhir
        self.ringkasan = ringkasan
        self.tanpa = dict(tanpa or {})
        self._tables: dict[str, pd.DataFrame | None] = {}

    def __getattr__(self, name: str) -> pd.DataFrame | None:
        if name not in TABLES:
            raise AttributeError(name)
        if name not in self._tables:
            self._tables[name] = _read(self.processed_dir, name, self.periode_akhir,
                                       self.tanpa.get(name, ()))
        return self._tables[name]

    def ada(self, name: str) -> bool:
        """True when the table ``name`` was prepared (its input file was supplied).

        Examples
        --------
        >>> Data(Path("."), None, {}).ada("survei_asn")
        False
        """
        if name not in TABLES:
            raise ValueError(f"unknown table: {name!r}; known: {list(TABLES)}")
        if name in self._tables:
            return self._tables[name] is not None
        return (self.processed_dir / f"{name}.parquet").exists()

    def __dir__(self) -> list[str]:
        return sorted({*super().__dir__(), *TABLES})

    def lepas(self, *names: str) -> None:
        """Drop tables from memory (read again if used later): a notebook done with a large
        table frees it for the rest of its work (the 26 M national survey rows are ~9 GB).

        Examples
        --------
        >>> d = Data(Path("."), None, {})
        >>> d._tables["pegawai"] = "loaded"
        >>> d.lepas("pegawai", "survei_kepuasan"); d._tables
        {}
        """
        unknown = [n for n in names if n not in TABLES]
        if unknown:
            raise ValueError(f"unknown tables: {unknown}; known: {list(TABLES)}")
        dropped = [self._tables.pop(name, None) for name in names]
        if any(f is not None and len(f) >= BARIS_BESAR for f in dropped):
            del dropped
            kembalikan_memori()

    def __repr__(self) -> str:
        loaded = ", ".join(self._tables) or "none yet"
        return f"Data({str(self.processed_dir)!r}, periode_akhir={self.periode_akhir!r}; " \
            f"loaded: {loaded})"


def _read(processed_dir: Path, name: str, periode_akhir: str | None,
          tanpa: Sequence[str] = ()) -> pd.DataFrame | None:
    path = processed_dir / f"{name}.parquet"
    if not path.exists():
        return None  # input not supplied: the sections that need it say so
    columns = None
    if tanpa:
        import pyarrow.parquet as pq

        columns = [c for c in pq.read_schema(path).names if c not in set(tanpa)]
    frame = pd.read_parquet(path, columns=columns)
    if periode_akhir and "triwulan" in frame.columns:
        keep = frame["triwulan"].isna() | (frame["triwulan"] <= periode_akhir)
        if not keep.all():  # no copy of a table that has nothing to drop
            frame = frame[keep].reset_index(drop=True)
    if len(frame) >= BARIS_BESAR:
        kembalikan_memori()
    return frame


#: From this many rows on, reading a table is followed by :func:`kembalikan_memori`.
BARIS_BESAR = 1_000_000


def kembalikan_memori() -> None:
    """Give freed memory back to the system: Arrow's pool and the C heap keep what reading
    Parquet used (measured: a 537 MB table left the process 908 MB larger, 635 MB after
    this). Cheap, and a no-op where unsupported."""
    import ctypes
    import gc

    import pyarrow as pa

    gc.collect()
    pa.default_memory_pool().release_unused()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        pass


def muat(processed_dir: str | Path, periode_akhir: str | None = None,
         tanpa: Mapping[str, Sequence[str]] | None = None) -> Data:
    """The tables of ``processed_dir/*.parquet``, rows after ``periode_akhir`` dropped.

    Tables are read when first used (see :class:`Data`); a table whose input was not
    supplied is ``None``. A folder that ``kinerja prepare`` never wrote is reported here.

    Parameters
    ----------
    processed_dir : folder written by :func:`kinerja_analysis.prepare.prepare`.
    periode_akhir : last quarter to keep (``"YYYY-Qn"``); None keeps everything.
    tanpa : columns to leave out, per table (e.g. :data:`KOLOM_TIDAK_DIPAKAI`).

    Examples
    --------
    >>> import tempfile
    >>> muat(tempfile.mkdtemp())
    Traceback (most recent call last):
    ...
    FileNotFoundError: ...: no prepared tables (ringkasan.json, *.parquet): run `kinerja prepare`...
    """
    processed_dir = Path(processed_dir)
    if not any((processed_dir / f"{name}.parquet").exists() for name in TABLES):
        raise FileNotFoundError(
            f"{processed_dir}: no prepared tables (ringkasan.json, *.parquet): "
            "run `kinerja prepare` first")
    ring = processed_dir / "ringkasan.json"
    ringkasan = json.loads(ring.read_text(encoding="utf-8")) if ring.exists() else {}
    return Data(processed_dir, periode_akhir, ringkasan, tanpa)


def muat_atau_siapkan(
    processed_dir: str | Path, data_dir: str | Path, periode_akhir: str | None = None,
    tanpa: Mapping[str, Sequence[str]] | None = None,
) -> Data:
    """Like :func:`muat`, but runs ``prepare`` first when ``processed_dir`` is empty.

    Lets a researcher open a notebook in JupyterLab and run it top to bottom with its
    default parameters on a fresh clone: without a pseudonym key one is created, with a
    warning in the notebook (a kernel has no terminal, but a person runs it; ``kinerja
    report`` prepares first, so its notebooks never get here).
    """
    if not (Path(processed_dir) / "ringkasan.json").exists():
        from .prepare import prepare

        prepare(data_dir, processed_dir, buat_kunci=True)
    return muat(processed_dir, periode_akhir, tanpa)
