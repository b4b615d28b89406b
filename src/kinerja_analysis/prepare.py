"""Validate -> pseudonymize -> scrub -> write Parquet into ``data/processed/``.

Nothing personal leaves this step: NIPs become keyed pseudonyms (``id_pegawai``,
``id_petugas``), names and birth dates are dropped (birth dates become an age band),
free text is scrubbed of NIK, NIP, phone numbers, e-mail and roster names, and
rejected rows are written with their row number and reasons only (never the raw values).
Without a pegawai file there is no roster, so the citizen comments (``saran``) are left
out rather than kept with officers' names in them.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from . import __version__, atomic, contract, kunci_folder, privacy

# Extra (non-contract) columns are kept only when allowed (ContractOptions.simpan_kolom)
# and their name does not suggest personal data (privacy.is_personal_column, matched on
# privacy.column_key of the name); kept ones are scrubbed as free text.
_PERSONAL_COLUMN = privacy._PERSONAL_COLUMN
_FREE_TEXT = {"saran", "komentar", "keterangan"}
# label columns: scrubbed too, roster names only as full names (privacy.scrub_series
# categorical=True), so labels without personal data keep their exact value
_LABELS = {"unit_kerja", "jabatan", "jenis_layanan", "pendidikan", "pekerjaan"}
USIA_BANDS = (0, 30, 40, 50, 200)
USIA_LABELS = ("<30", "30-39", "40-49", "50+")


class DataInvalidError(Exception):
    """Raised in strict mode when the inputs break the data contract."""

    def __init__(self, report: contract.ValidationReport):
        self.report = report
        n = sum(1 for p in report.problems if p.severity == "error")
        super().__init__(f"{n} data problems")


@dataclass
class PrepareResult:
    """What :func:`prepare` wrote and how many rows it used or rejected."""

    report: contract.ValidationReport
    processed_dir: Path
    files: dict[str, Path] = field(default_factory=dict)
    ringkasan: dict = field(default_factory=dict)


def sha256_file(path: str | Path) -> str:
    """SHA-256 of a file, read in 1 MiB blocks."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def input_hashes(data_dir: str | Path) -> dict[str, str]:
    """SHA-256 of every contract input present in ``data_dir`` (by file name)."""
    from .ingest import find_input

    out: dict[str, str] = {}
    for name in contract.INPUTS:
        path = find_input(Path(data_dir), name)
        if path is not None:
            out[path.name] = sha256_file(path)
    return out


def kelompok_usia(tanggal_lahir: pd.Series, pada: pd.Timestamp) -> pd.Series:
    """Age band (``<30``, ``30-39``, ``40-49``, ``50+``) at date ``pada``.

    Examples
    --------
    >>> s = pd.Series(pd.to_datetime(["1990-06-01", "1970-01-01", None]))
    >>> kelompok_usia(s, pd.Timestamp("2025-12-31")).tolist()
    ['30-39', '50+', nan]
    """
    usia = (pada - pd.to_datetime(tanggal_lahir)).dt.days / 365.2425
    band = pd.cut(usia, bins=USIA_BANDS, labels=USIA_LABELS, right=False)
    return band.astype(object).where(band.notna(), other=float("nan"))


def _extra_columns(frame: pd.DataFrame, known: set[str]) -> list[str]:
    return [c for c in frame.columns if c not in known and not c.startswith("_")]


def _label(values: pd.Series, names: list[str] | tuple[str, ...] = ()) -> pd.Series:
    """A label column (jabatan, jenis_layanan, ...) scrubbed; unchanged without personal data."""
    return privacy.scrub_series(values, names, categorical=True)


def _clean_extras(frame: pd.DataFrame, extras: list[str], names: list[str],
                  simpan: tuple[str, ...] = ()) -> pd.DataFrame:
    """The allowed extra columns (``simpan``), scrubbed; the others are dropped."""
    keep, _drop, _refused = privacy.split_extra_columns(extras, simpan)
    out = frame[keep].copy()
    for col in keep:
        out[col] = privacy.scrub_series(out[col].astype("string"), names)
    return out


# --------------------------------------------------------------------------- pseudonyms


class _Hasher:
    """:func:`privacy.pseudonymize` (prefix ``""``) for many values, same output.

    Printable-ASCII values without spaces (NIPs, respondent codes: nearly all) are
    normalized with Arrow kernels (NFKC is the identity on ASCII); other values use
    :func:`privacy._normalize`. Digests come from :func:`privacy.hmac_prefix8`, the same
    HMAC as :func:`privacy.pseudonymize`; the hex text goes straight into an Arrow array
    (no Python string per value).
    """

    def __init__(self, key: bytes) -> None:
        privacy.pseudonymize(pd.Series([], dtype="str"), key)  # same key checks
        self._key = key

    def _digest(self, values: list[bytes]) -> Any:
        """Pseudonyms of ``values`` as an Arrow ``large_string`` array."""
        import pyarrow as pa

        n = len(values)
        hexed = privacy.hmac_prefix8(self._key, values).hex().encode("ascii")
        offsets = np.arange(0, 16 * (n + 1), 16, dtype=np.int64)
        return pa.LargeStringArray.from_buffers(n, pa.py_buffer(offsets),
                                                pa.py_buffer(hexed))

    def arrow(self, values: pd.Series) -> Any:
        """Pseudonyms of ``values`` (missing stays missing), as an Arrow array."""
        import pyarrow as pa
        import pyarrow.compute as pc

        n = len(values)
        arr = pa.array(values.astype("str"), type=pa.large_string(), from_pandas=True)
        valid = np.asarray(pc.is_valid(arr).to_numpy(zero_copy_only=False), dtype=bool)
        fast = np.asarray(pc.fill_null(pc.match_substring_regex(arr, r"^[!-~]+$"), False)
                          .to_numpy(zero_copy_only=False), dtype=bool)
        digits = pc.and_(pc.match_substring_regex(arr, r"^[0-9.\-]+$"),
                         pc.match_substring_regex(arr, r"[0-9]"))
        norm = pc.if_else(digits, pc.replace_substring_regex(arr, r"[.\-]", ""),
                          pc.utf8_lower(arr))
        idx = np.flatnonzero(fast)
        slow = np.flatnonzero(valid & ~fast)
        if len(idx) == n:  # the usual case: every value on the fast path
            return self._digest(norm.cast(pa.large_binary()).to_pylist())
        parts = []
        pos = np.full(n, -1, dtype=np.int64)
        if len(idx):
            data = norm.take(pa.array(idx)).cast(pa.large_binary()).to_pylist()
            parts.append(self._digest(data))
            pos[idx] = np.arange(len(idx))
        if len(slow):
            raw = values.iloc[slow].tolist()
            parts.append(self._digest([privacy._normalize(v).encode("utf-8") for v in raw]))
            pos[slow] = len(idx) + np.arange(len(slow))
        if not parts:
            return pa.nulls(n, pa.large_string())
        return pa.concat_arrays(parts).take(pa.array(pos, mask=pos < 0))

    def __call__(self, values: pd.Series) -> pd.Series:
        """Pseudonyms of ``values`` (missing stays missing), as a ``str`` Series."""
        return pd.Series(self.arrow(values), index=values.index, name=values.name,
                         dtype="str")


def _nip_int(s: pd.Series) -> np.ndarray:
    """Accepted (18-digit) NIP text -> int64; -1 where not 18 ASCII digits."""
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = pa.array(s.astype("str"), type=pa.large_string(), from_pandas=True)
    ok = contract._is_18_digits(arr)  # ^[0-9]{18}$
    vals = pc.cast(pc.if_else(ok, arr, "-1"), pa.int64())
    return np.asarray(vals.to_numpy(zero_copy_only=False), dtype=np.int64)


# --------------------------------------------------------------------------- streaming sink

_PEG_KNOWN = {"nip", "unit_kerja", "nama", "jabatan", "golongan", "status_kepegawaian",
              "jenis_kelamin", "tanggal_lahir"}
_PK_COLS = ["periode", "triwulan", "kehadiran", "kualitas_pelayanan", "partisipasi",
            "skor_kinerja", "skor_kinerja_turunan", "rating_hasil_kerja",
            "rating_perilaku_kerja", "predikat"]
_SK_COLS = ["tanggal", "triwulan", "unit_kerja", *(f"u{i}" for i in range(1, 10)),
            "jenis_layanan", "jenis_kelamin", "pendidikan", "pekerjaan"]
_SA_COLS = ["tanggal", "triwulan", "gelombang",
            *(f"{s}_{i}" for s in ("paham", "khawatir", "dukungan") for i in (1, 2, 3)),
            "ikut_pelatihan", "tanggal_pelatihan"]


class _ParquetOut:
    """One output table written row group by row group into a staging file.

    Row groups are written in a background thread (the Parquet encoder runs in C++
    without the GIL), one at a time and in order, while the next chunk is validated.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.writer: Any = None
        self.schema: Any = None
        self.rows = 0
        self.done = False  # closed by a worker process (parallel prepare)
        self._pool: Any = None
        self._pending: Any = None

    def write(self, frame: pd.DataFrame) -> None:
        import concurrent.futures

        import pyarrow as pa
        import pyarrow.parquet as pq

        if self.writer is None:
            table = pa.Table.from_pandas(frame, preserve_index=False)
            self.schema = table.schema
            self.writer = pq.ParquetWriter(self.path, self.schema)
        else:
            table = pa.Table.from_pandas(frame, schema=self.schema, preserve_index=False)
        self.wait()
        if self._pool is None:
            self._pool = concurrent.futures.ThreadPoolExecutor(1, "kinerja-parquet")
        self._pending = self._pool.submit(self.writer.write_table, table)
        self.rows += len(frame)

    def wait(self) -> None:
        """Wait for the row group being written (re-raises its error)."""
        pending, self._pending = self._pending, None
        if pending is not None:
            pending.result()

    def close_writer(self) -> bool:
        """Finish the pending write and close the file; False if nothing was written."""
        try:
            self.wait()
        finally:
            if self._pool is not None:
                self._pool.shutdown(wait=True)
                self._pool = None
        if self.writer is None:
            return False
        self.writer.close()
        self.writer = None
        return True

    def close(self, empty: pd.DataFrame | None = None) -> bool:
        """Close the file (an empty table with the columns of ``empty`` if nothing came)."""
        if self.done:
            return True
        if self.writer is None:
            if empty is None:
                return False
            empty.to_parquet(self.path, index=False)
            return True
        return self.close_writer()

    def discard(self) -> None:
        import contextlib

        with contextlib.suppress(Exception):  # the file is removed anyway
            self.wait()
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None
        if self.writer is not None:
            self.writer.close()
        self.writer = None
        self.path.unlink(missing_ok=True)


class _Sink(contract.TableSink):
    """Turns validated chunks into pseudonymized Parquet row groups (staging folder)."""

    def __init__(self, staging: Path, key: Callable[[], bytes], lenient: bool,
                 say: Callable[[str], None],
                 present: tuple[str, ...] = contract.INPUTS,
                 simpan: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.present = frozenset(present)  # inputs with a file (the others are never started)
        self.simpan = tuple(simpan)  # extra columns to keep (ContractOptions.simpan_kolom)
        self.staging = staging
        self._key = key
        self.hasher: _Hasher | None = None
        self.lenient = lenient
        self.say = say
        self.stopped = False  # strict mode after the first rejected row: validate only
        self.out: dict[str, _ParquetOut] = {}
        self.rejected: dict[str, int] = {}
        self.keep: dict[str, list[pd.DataFrame]] = {"kebijakan": [], "pegawai": []}
        self.peg: dict[str, Any] | None = None
        self.max_triwulan: str | None = None
        self.max_tanggal: pd.Timestamp | None = None
        self.empty: dict[str, pd.DataFrame] = {}
        self.sha: dict[str, Any] = {}
        self._pool: Any = None
        self._pid = 0

    def _hash_later(self, name: str, path: Path) -> None:
        """SHA-256 of the input in a thread (hashlib releases the GIL)."""
        import concurrent.futures
        import os

        if self._pool is None or self._pid != os.getpid():  # new in a forked worker
            self._pool = concurrent.futures.ThreadPoolExecutor(1)
            self._pid = os.getpid()
        self.sha[name] = self._pool.submit(sha256_file, path)

    def sha256(self, name: str) -> str | None:
        value = self.sha.get(name)
        return value.result() if hasattr(value, "result") else value

    def close_pool(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)

    # -- parallel protocol (contract.validate_stream with jobs > 1)
    def references_done(self) -> None:
        """kebijakan and pegawai are complete: build the NIP index before any fork."""
        if not self.stopped:
            self._pegawai_index()
        for name in ("kebijakan", "pegawai"):
            if name in self.sha:
                self.sha[name] = self.sha256(name)  # no thread busy while forking

    def part(self, name: str) -> dict[str, Any]:
        """What a worker did for ``name`` (its Parquet file is closed here)."""
        out = self.out[name]
        written = out.close_writer()
        return {"written": written, "rows": out.rows, "rejected": self.rejected[name],
                "stopped": self.stopped, "max_tanggal": self.max_tanggal,
                "max_triwulan": self.max_triwulan, "empty": self.empty.get(name),
                "sha": self.sha256(name)}

    def join(self, name: str, part: dict[str, Any]) -> None:
        """Take over the result of a worker for ``name``."""
        out = self.out.setdefault(name, _ParquetOut(self.staging / f"{name}.parquet"))
        out.done, out.rows = part["written"], part["rows"]
        self.rejected[name] = part["rejected"]
        self.stopped = self.stopped or part["stopped"]
        if part["empty"] is not None:
            self.empty[name] = part["empty"]
        if part["sha"] is not None:
            self.sha[name] = part["sha"]
        for attr in ("max_tanggal", "max_triwulan"):
            v = part[attr]
            cur = getattr(self, attr)
            if v is not None and (cur is None or v > cur):
                setattr(self, attr, v)

    # -- TableSink
    def start(self, name: str, path: Path | None) -> None:
        if name in self.out:
            self.out[name].discard()
        self.out[name] = _ParquetOut(self.staging / f"{name}.parquet")
        rej = self.staging / "ditolak" / f"{name}.csv"
        rej.unlink(missing_ok=True)
        self.rejected[name] = 0
        if name in self.keep:
            self.keep[name] = []
        if path is not None:
            self._hash_later(name, path)
        self.say(f"{name}: {path.name if path else '-'}")

    def chunk(self, name: str, accepted: pd.DataFrame, rejected: pd.DataFrame) -> None:
        if len(rejected):
            self.rejected[name] += len(rejected)
            if not self.lenient:
                self.stopped = True
            else:
                self._write_rejected(name, rejected)
        if self.stopped:
            return
        if name in self.keep:
            self.keep[name].append(accepted)
            return
        if self.peg is None:
            self._pegawai_index()
        frame = self._build(name, accepted)
        if name not in self.empty:
            self.empty[name] = frame.iloc[:0]
        if len(frame):
            self.out[name].write(frame)

    def frames(self, name: str) -> None:  # type: ignore[override]
        return None  # nothing kept in memory (see validate_stream)

    # -- helpers
    @property
    def key_hasher(self) -> _Hasher:
        if self.hasher is None:
            self.hasher = _Hasher(self._key())
        return self.hasher

    def _write_rejected(self, name: str, rejected: pd.DataFrame) -> None:
        target = self.staging / "ditolak" / f"{name}.csv"
        target.parent.mkdir(parents=True, exist_ok=True)
        cols = [c for c in ("_baris", "kode", "alasan") if c in rejected.columns]
        rej = rejected[cols].rename(columns={"_baris": "baris"})
        with open(target, "a", encoding="utf-8", newline="") as fh:
            rej.to_csv(fh, index=False, header=fh.tell() == 0)

    def _pegawai_index(self) -> None:
        """NIP -> row of the accepted pegawai: pseudonym and unit per NIP, hashed once."""
        peg = contract._concat(self.keep["pegawai"]) if self.keep["pegawai"] else None
        if peg is None or "nip" not in peg.columns:
            peg = pd.DataFrame({c: pd.Series([], dtype="str") for c in _PEG_KNOWN})
        import pyarrow as pa
        import pyarrow.compute as pc

        nips = _nip_int(peg["nip"])
        ids = self.key_hasher.arrow(peg["nip"])
        names = sorted({n for n in peg["nama"].dropna().astype(str).tolist() if n.strip()})
        self.peg = {
            "frame": peg,
            "index": pd.Index(nips),  # int64 hash index, built once, NIPs unique
            "id": ids,  # Arrow arrays, looked up with take (row -1 -> null)
            "unit": pa.array(_label(peg["unit_kerja"].astype("str")), type=pa.large_string(),
                             from_pandas=True),
            "names": names,
        }
        if pc.count_distinct(ids, mode="all").as_py() != len(ids):  # ~1e-6 nationally
            import warnings

            warnings.warn("Dua nilai berbeda mendapat pseudonim yang sama / pseudonym "
                          "collision", stacklevel=2)

    def _rows_of(self, nip: pd.Series) -> np.ndarray:
        """Row of each NIP in the accepted pegawai (-1 for missing)."""
        peg = self.peg
        assert peg is not None
        vals = _nip_int(nip)
        rows = peg["index"].get_indexer(vals)
        return np.where(vals >= 0, rows, -1)

    def _take(self, what: str, rows: np.ndarray, index: pd.Index) -> pd.Series:
        """``id`` / ``unit`` of pegawai rows ``rows`` (-1 -> missing) as a ``str`` Series."""
        import pyarrow as pa

        assert self.peg is not None
        values = self.peg[what].take(pa.array(rows, mask=rows < 0))
        return pd.Series(values, index=index, dtype="str")

    def _build(self, name: str, acc: pd.DataFrame) -> pd.DataFrame:
        assert self.peg is not None
        names = self.peg["names"]
        if name == "penilaian_kinerja":
            f = acc[_PK_COLS].copy()
            rows = self._rows_of(acc["nip"])
            f.insert(0, "unit_kerja", self._take("unit", rows, acc.index))
            f.insert(0, "id_pegawai", self._take("id", rows, acc.index))
            if len(acc):
                top = acc["triwulan"].dropna().max()
                if isinstance(top, str) and (self.max_triwulan is None
                                             or top > self.max_triwulan):
                    self.max_triwulan = top
            extras = _extra_columns(acc, set(_PK_COLS) | {"nip"})
            return pd.concat([f, _clean_extras(acc, extras, names, self.simpan)], axis=1)
        if name == "survei_kepuasan":
            f = acc[_SK_COLS].copy()
            f["unit_kerja"] = _label(f["unit_kerja"])
            for col in ("jenis_layanan", "pendidikan", "pekerjaan"):
                f[col] = _label(f[col], names)
            f.insert(0, "id_responden", self.key_hasher(acc["id_responden"].astype("str")))
            if "pegawai" in self.present:
                f["id_petugas"] = self._take("id", self._rows_of(acc["nip_petugas"]),
                                             acc.index)
            else:  # no staff list to look up: the same keyed pseudonym, computed here
                f["id_petugas"] = self.key_hasher(acc["nip_petugas"].astype("str"))
            usia = pd.to_numeric(acc["usia"], errors="coerce")
            band = pd.cut(usia, bins=(0, 25, 35, 45, 55, 200), right=False,
                          labels=("<25", "25-34", "35-44", "45-54", "55+"))
            f["kelompok_usia"] = band.astype("str").where(band.notna())
            if names:
                f["saran"] = privacy.scrub_series(acc["saran"].astype("string"),
                                                  names).astype("str")
            else:  # no staff names: names of officers in the comments cannot be removed
                f["saran"] = pd.Series(pd.NA, index=acc.index, dtype="str")
            self._tanggal(acc)
            extras = _extra_columns(acc, set(_SK_COLS) | {"id_responden", "nip_petugas",
                                                          "usia", "saran"})
            return pd.concat([f, _clean_extras(acc, extras, names, self.simpan)], axis=1)
        if name == "survei_asn":
            f = acc[_SA_COLS].copy()
            rows = self._rows_of(acc["nip"])
            f.insert(0, "unit_kerja", self._take("unit", rows, acc.index))
            f.insert(0, "id_pegawai", self._take("id", rows, acc.index))
            f["komentar"] = privacy.scrub_series(acc["komentar"].astype("string"),
                                                 names).astype("str")
            self._tanggal(acc)
            extras = _extra_columns(acc, set(_SA_COLS) | {"nip", "komentar"})
            return pd.concat([f, _clean_extras(acc, extras, names, self.simpan)], axis=1)
        if name == "tindak_lanjut":
            rows = self._rows_of(acc["nip"])
            plain = pd.RangeIndex(len(acc))
            return pd.DataFrame({
                "id_pegawai": self._take("id", rows, plain),
                "unit_kerja": self._take("unit", rows, plain),
                "periode": acc["periode"].to_numpy(),
                "triwulan": acc["triwulan"].to_numpy(),
                "jenis": acc["jenis"].to_numpy(),
                "keterangan": privacy.scrub_series(
                    acc["keterangan"].astype("string"), names).to_numpy(),
            })
        raise KeyError(name)  # pragma: no cover

    def _tanggal(self, acc: pd.DataFrame) -> None:
        top = acc["tanggal"].max() if len(acc) else pd.NaT
        if pd.notna(top) and (self.max_tanggal is None or top > self.max_tanggal):
            self.max_tanggal = top

    def finish(self, tables: dict[str, contract.ValidatedTable]) -> dict[str, pd.DataFrame]:
        """Write kebijakan and pegawai when present (age bands need the last quarter
        evaluated); return the tables written."""
        if self.peg is None:
            self._pegawai_index()
        assert self.peg is not None
        small: dict[str, pd.DataFrame] = {}
        if "kebijakan" in self.out:
            kb = contract._concat(self.keep["kebijakan"])
            kb = kb.assign(unit_kerja=_label(kb["unit_kerja"]))
            small["kebijakan"] = kb[["unit_kerja", "tanggal_mulai",
                                     "triwulan_mulai"]].reset_index(drop=True)
            self.out["kebijakan"].write(small["kebijakan"])
        if "pegawai" not in self.out:
            return small
        peg = self.peg["frame"]
        # the last quarter of the scores, else of the surveys, else today
        if self.max_triwulan is not None:
            ref = pd.Period(self.max_triwulan, freq="Q").end_time.normalize()
        elif self.max_tanggal is not None:
            ref = pd.Period(self.max_tanggal, freq="Q").end_time.normalize()
        else:
            ref = pd.Timestamp(date.today())
        p = pd.DataFrame({
            "id_pegawai": pd.Series(self.peg["id"], index=peg.index, dtype="str"),
            "unit_kerja": _label(peg["unit_kerja"]),
            "jabatan": _label(peg["jabatan"], self.peg["names"]),
            "golongan": peg["golongan"],
            "status_kepegawaian": peg["status_kepegawaian"],
            "jenis_kelamin": peg["jenis_kelamin"],
            "kelompok_usia": kelompok_usia(peg["tanggal_lahir"], ref),
        })
        extras = _extra_columns(peg, _PEG_KNOWN)
        pegawai = pd.concat([p, _clean_extras(peg, extras, self.peg["names"], self.simpan)],
                            axis=1)
        self.out["pegawai"].write(pegawai.reset_index(drop=True))
        small["pegawai"] = pegawai
        return small


def prepare(
    data_dir: str | Path,
    processed_dir: str | Path,
    *,
    lenient: bool = False,
    key: bytes | None = None,
    options: contract.ContractOptions | None = None,
    progress: Callable[[str], None] | None = None,
    chunk_rows: int | None = None,
    jobs: int | None = None,
    buat_kunci: bool = False,
    kunci_baru: bool = False,
) -> PrepareResult:
    """Validate the inputs in ``data_dir`` and write pseudonymized Parquet to ``processed_dir``.

    The inputs are read, validated and written chunk by chunk
    (:func:`contract.validate_stream`): memory grows with ``chunk_rows``, not with the
    files. The whole new folder is built in a staging folder next to ``processed_dir``
    (``.<name>.baru-<pid>``) and swapped in as one (:func:`atomic.replace_dir`) only when
    everything succeeded: a kill at any moment leaves the complete old or the complete new
    set. Files prepare does not write (``README.md``, ``.gitkeep``) are carried over. The
    folder is locked for the run (:func:`kunci_folder.kunci_processed`; another run into it
    raises :class:`kunci_folder.FolderDipakaiError`), and leftovers of killed runs are
    removed first. A full disk or forbidden output raises :class:`kunci_folder.DiskError`.

    Parameters
    ----------
    data_dir : folder with the contract inputs (``pegawai.csv`` ...). Opened read-only.
    processed_dir : output folder; gets one ``NAME.parquet`` per input present (an input
        without a file gets none, and ``muat`` gives ``None`` for it), ``ringkasan.json``
        (rows read / accepted / rejected, input hashes, inputs present and absent) and,
        when rows were rejected, ``ditolak/NAME.csv`` (row number, codes and reasons; no
        raw values).
    lenient : if False (default) any invalid row raises :class:`DataInvalidError` and
        nothing is written; if True invalid rows are set aside and the rest is used.
        Problems of the data set itself (:data:`contract.FATAL_CODES`: no page can be
        built, a file without the pegawai file its NIPs need) raise in both modes.
    key : pseudonym key; default :func:`privacy.load_key`, created only with ``buat_kunci``
        (or interactively). Resolved before anything is read (:func:`key_for`).
    buat_kunci : create a key when none is found (``--buat-kunci``).
    kunci_baru : accept a key whose fingerprint differs from the one recorded in
        ``processed_dir/ringkasan.json`` (``--kunci-baru``); otherwise that raises
        :class:`privacy.PseudonymKeyError` and the folder is left as it is.
    chunk_rows : rows per chunk (default :data:`kinerja_analysis.ingest.CHUNK_ROWS`).
    jobs : worker processes for the inputs after pegawai (default: the environment
        variable ``KINERJA_PREPARE_JOBS``, else 2 when the machine has two or more cores
        and the inputs exceed :data:`PARALLEL_BYTES`, else 1).

    Examples
    --------
    >>> import tempfile
    >>> from kinerja_analysis import synth
    >>> d = Path(tempfile.mkdtemp())
    >>> _ = synth.generate(d / "raw", "banyumanik", seed=1)
    >>> res = prepare(d / "raw", d / "processed", key=b"k" * 32)
    >>> sorted(p.name for p in (d / "processed").glob("*.parquet"))[:3]
    ['kebijakan.parquet', 'pegawai.parquet', 'penilaian_kinerja.parquet']
    >>> res.ringkasan["input"]["pegawai"]["rejected"]
    0
    >>> for name in ("penilaian_kinerja", "survei_asn", "tindak_lanjut"):
    ...     (d / "raw" / f"{name}.csv").unlink()
    >>> res = prepare(d / "raw", d / "ikm", key=b"k" * 32)
    >>> sorted(p.name for p in (d / "ikm").glob("*.parquet"))
    ['kebijakan.parquet', 'pegawai.parquet', 'survei_kepuasan.parquet']
    >>> res.ringkasan["tidak_ada"]
    ['penilaian_kinerja', 'survei_asn', 'tindak_lanjut']
    """
    import contextlib
    import os
    import shutil

    say = progress or (lambda _msg: None)
    data_dir, processed_dir = Path(data_dir), Path(processed_dir)
    resolved = key_for(processed_dir, key, buat_kunci=buat_kunci, kunci_baru=kunci_baru)
    # The whole new folder is built in a staging folder next to the real one (a symlinked
    # processed folder: next to its target) and swapped in as one (atomic.replace_dir).
    target = processed_dir.resolve()
    held = contextlib.ExitStack()
    held.enter_context(kunci_folder.kunci_processed(target))
    try:
        key_for(processed_dir, resolved, kunci_baru=kunci_baru)  # again, under the lock
        staging = _staging(target)
    except BaseException as err:
        # a full disk while creating the staging folder: remove this run's own staging
        # folder and name the processed folder when the error names no file
        shutil.rmtree(target.parent / f".{target.name}.baru-{os.getpid()}",
                      ignore_errors=True)
        held.close()
        env = kunci_folder.dari_oserror(err, processed_dir)
        if env is not None:
            raise env from err
        raise
    say(f"validasi {data_dir}")

    def get_key() -> bytes:
        return resolved

    if jobs is None:
        jobs = default_jobs(data_dir)
    sink = _Sink(staging, get_key, lenient, say, contract.inputs_present(data_dir),
                 simpan=tuple(options.simpan_kolom) if options is not None else ())
    try:
        report = contract.validate_stream(data_dir, sink, options, chunk_rows=chunk_rows,
                                          jobs=jobs)
        fatal = any(p.code in contract.FATAL_CODES for p in report.problems)
        if fatal or (report.has_errors and not lenient):
            raise DataInvalidError(report)
        say("pseudonimisasi dan penyaringan teks bebas")
        small = sink.finish(report.tables)
        written: dict[str, Path] = {}
        for name, out in sink.out.items():
            table = report.tables[name]
            if not table.present:  # no file: no table (muat gives None)
                out.discard()
                continue
            if out.close(sink.empty.get(name, _empty_output(name, small))):
                written[name] = out.path
        ringkasan: dict = {"versi": __version__, "input": {}}
        for name, table in report.tables.items():
            if table.path is None:
                continue
            ringkasan["input"][name] = {
                "file": table.path.name,
                "sha256": sink.sha256(name) or sha256_file(table.path),
                "read": int(table.n_read),
                "accepted": int(table.n_accepted or 0),
                "rejected": int(table.n_rejected or 0),
            }
        tanggal = sink.max_tanggal
        ringkasan["tanggal_data"] = tanggal.date().isoformat() if tanggal is not None else None
        ringkasan["n_unit"] = (int(small["kebijakan"]["unit_kerja"].nunique())
                               if "kebijakan" in small else None)
        ringkasan["n_pegawai"] = int(len(small["pegawai"])) if "pegawai" in small else None
        ringkasan["ada"] = list(report.present)
        ringkasan["tidak_ada"] = [n for n in contract.INPUTS if n not in report.present]
        ringkasan["halaman"] = contract.halaman_tersedia(report.present)
        ringkasan["sidik_kunci"] = privacy.key_fingerprint(resolved)
        # no staff names: saran emptied, page 03 quotes no comment (names may remain)
        ringkasan["roster_nama"] = bool(sink.peg and sink.peg["names"])
        if not ringkasan["roster_nama"] and "pegawai" in report.present:
            peg_file = report.tables["pegawai"].path
            report.problems.append(contract.Problem(
                peg_file.name if peg_file is not None else "pegawai", None, "nama", None,
                "tanpa_nama_pegawai", {}, "warning"))

        result = PrepareResult(report=report, processed_dir=processed_dir)
        result.files = {name: processed_dir / f"{name}.parquet" for name in written}
        with contextlib.suppress(OSError):  # no rejected rows: no ditolak/ (as before)
            (staging / "ditolak").rmdir()
        atomic.write_json(staging / "ringkasan.json", ringkasan)
        _carry_over(target, staging)
        atomic.replace_dir(staging, target)  # one step: the old set or the new set
        say(f"{len(written)} tabel Parquet ditulis ke {processed_dir}")
        result.ringkasan = ringkasan
        return result
    except OSError as err:
        env = kunci_folder.dari_oserror(err, processed_dir)
        if env is None:
            raise
        raise env from err
    finally:
        try:
            sink.close_pool()
            for out in sink.out.values():
                if out.writer is not None or out._pending is not None:
                    out.discard()
            shutil.rmtree(staging, ignore_errors=True)
        finally:
            held.close()


def _prepare_output(name: str) -> bool:
    """True for what prepare writes into the processed folder; anything else there
    (README.md, .gitkeep, a user's notes) is carried over into the new folder unchanged."""
    return (name in ("ringkasan.json", "ditolak")
            or (name.endswith(".parquet") and name[: -len(".parquet")] in contract.INPUTS))


def _staging(target: Path) -> Path:
    """A fresh staging folder ``.<name>.baru-<pid>`` next to ``target``, after removing
    what killed runs left there (their staging and snapshot folders, ``.<name>.old``).
    Called with the folder's lock held."""
    import os
    import shutil

    name = re.escape(target.name)
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic.recover_dir(target)
    kunci_folder.hapus_sisa(target.parent, re.compile(
        rf"\.{name}\.(?:baru|snapshot)-(?P<pid>\d+)(?:-[0-9a-f]+)?"))
    staging = target.parent / f".{target.name}.baru-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    (staging / "ditolak").mkdir(parents=True)
    return staging


def _carry_over(target: Path, staging: Path) -> None:
    """Copy the entries of the current processed folder that prepare does not write."""
    import shutil

    if not target.is_dir():
        return
    for entry in target.iterdir():
        if _prepare_output(entry.name) or (staging / entry.name).exists():
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.copytree(entry, staging / entry.name, symlinks=True)
        else:
            shutil.copy2(entry, staging / entry.name, follow_symlinks=False)


def recorded_fingerprint(processed_dir: str | Path) -> str | None:
    """``sidik_kunci`` of ``processed_dir/ringkasan.json``: the fingerprint of the key its
    data were pseudonymized with; ``None`` without one (no folder, an older folder, an
    unreadable summary)."""
    import json

    try:
        ring = json.loads((Path(processed_dir) / "ringkasan.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    fp = ring.get("sidik_kunci") if isinstance(ring, dict) else None
    return fp if isinstance(fp, str) and fp else None


_SIDIK_HILANG = {
    "id": "{folder} berisi tabel kinerja tetapi sidik kunci pseudonimnya tidak terbaca "
          "({ring} hilang, terpotong atau tanpa sidik_kunci): tidak dapat dipastikan bahwa "
          "kunci ini sama dengan kunci data itu. Pulihkan {ring}, atau tambahkan "
          "--kunci-baru (Python: kunci_baru=True) untuk sengaja menulis ulang dengan kunci "
          "ini",
    "en": "{folder} holds kinerja tables but their pseudonym key fingerprint cannot be read "
          "({ring} missing, truncated or without sidik_kunci): this key cannot be checked "
          "against the data's key. Restore {ring}, or add --kunci-baru (Python: "
          "kunci_baru=True) to rewrite it with this key on purpose",
}


def fingerprint_unreadable(processed_dir: str | Path) -> bool:
    """True when ``processed_dir`` holds kinerja tables (``<input>.parquet``) but no
    readable fingerprint: ``ringkasan.json`` missing, unreadable, or with a ``sidik_kunci``
    that is not a fingerprint. A readable summary without the key ``sidik_kunci`` at all
    (written by an older version) is not: any key is accepted there."""
    import json

    folder = Path(processed_dir)
    if not any((folder / f"{name}.parquet").exists() for name in contract.INPUTS):
        return False
    try:
        ring = json.loads((folder / "ringkasan.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return True
    if not isinstance(ring, dict):
        return True
    return "sidik_kunci" in ring and recorded_fingerprint(folder) is None


def key_for(processed_dir: str | Path, key: bytes | None = None, *, buat_kunci: bool = False,
            kunci_baru: bool = False) -> bytes:
    """The pseudonym key for a run into ``processed_dir`` (:func:`privacy.resolve_key`):
    ``key`` or the environment / key file; a new key only with ``buat_kunci`` or
    interactively; refused when it is not the key of the data being replaced, or when the
    folder holds tables whose fingerprint cannot be read (:func:`fingerprint_unreadable`),
    unless ``kunci_baru``.

    Examples
    --------
    >>> import tempfile
    >>> key_for(tempfile.mkdtemp(), b"k" * 32) == b"k" * 32  # no ringkasan.json: any key
    True
    """
    if not kunci_baru and fingerprint_unreadable(processed_dir):
        from .i18n import translate

        ring = Path(processed_dir) / "ringkasan.json"
        raise privacy.PseudonymKeyError(" / ".join(
            translate({"sidik_hilang": _SIDIK_HILANG}, "sidik_hilang", lang,
                      folder=processed_dir, ring=ring) for lang in ("id", "en")))
    return privacy.resolve_key(recorded_fingerprint(processed_dir), key=key,
                               create=True if buat_kunci else None, new_key=kunci_baru,
                               folder=processed_dir)


#: Inputs larger than this (bytes, all files) are prepared with two worker processes.
PARALLEL_BYTES = 32 * 1024 * 1024


def default_jobs(data_dir: Path) -> int:
    """Worker processes for ``prepare`` and ``validate``: ``KINERJA_PREPARE_JOBS`` if set,
    else 2 on two or more cores (Linux fork) for inputs larger than :data:`PARALLEL_BYTES`,
    else 1."""
    import os

    env = os.environ.get("KINERJA_PREPARE_JOBS", "").strip()
    if env.isdigit() and int(env) >= 1:
        return int(env)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (
        os.cpu_count() or 1)
    if cores < 2 or not hasattr(os, "fork"):
        return 1
    total = sum(p.stat().st_size for p in Path(data_dir).glob("*") if p.is_file())
    return 2 if total > PARALLEL_BYTES else 1


def _empty_output(name: str, small: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Columns of an output table without rows (an input without accepted rows)."""
    cols = {
        "penilaian_kinerja": ["id_pegawai", "unit_kerja", *_PK_COLS],
        "survei_kepuasan": ["id_responden", *_SK_COLS, "id_petugas", "kelompok_usia", "saran"],
        "survei_asn": ["id_pegawai", "unit_kerja", *_SA_COLS, "komentar"],
        "tindak_lanjut": ["id_pegawai", "unit_kerja", "periode", "triwulan", "jenis",
                          "keterangan"],
    }
    if name in small:
        return small[name].iloc[:0]
    return pd.DataFrame({c: pd.Series([], dtype="str") for c in cols[name]})


def _tanggal_data(frames: dict[str, pd.DataFrame]) -> str | None:
    """Latest date seen in the dated inputs (the 'data date' shown in report headers)."""
    dates = [
        frames[n]["tanggal"].max()
        for n in ("survei_kepuasan", "survei_asn")
        if n in frames and len(frames[n])
    ]
    dates = [d for d in dates if pd.notna(d)]
    return max(dates).date().isoformat() if dates else None
