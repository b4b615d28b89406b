"""Atomic file output: write to a temp file in the same folder, then ``os.replace``.

An interrupted run therefore leaves the previous good file or none, never a half file.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pandas as pd


@contextlib.contextmanager
def atomic_path(path: str | Path, suffix: str = "") -> Iterator[Path]:
    """Yield a temporary path next to ``path``; move it into place on success.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> with atomic_path(d / "a.txt") as tmp:
    ...     _ = tmp.write_text("halo")
    >>> (d / "a.txt").read_text()
    'halo'
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=suffix or ".tmp", dir=path.parent
    )
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise


@contextlib.contextmanager
def atomic_open(
    path: str | Path, mode: str = "w", encoding: str | None = "utf-8"
) -> Iterator[IO[Any]]:
    """Open a temp file for writing; it replaces ``path`` only when the block succeeds."""
    binary = "b" in mode
    with atomic_path(path) as tmp, open(tmp, mode, encoding=None if binary else encoding) as fh:
        yield fh


def write_text(path: str | Path, text: str) -> Path:
    """Write ``text`` (UTF-8) atomically and return the path."""
    with atomic_open(path, "w") as fh:
        fh.write(text)
    return Path(path)


def write_json(path: str | Path, data: Any) -> Path:
    """Write ``data`` as pretty, key-ordered UTF-8 JSON atomically (NaN is not allowed)."""
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False, allow_nan=False)
    return write_text(path, text + "\n")


def write_parquet(path: str | Path, frame: pd.DataFrame) -> Path:
    """Write a DataFrame to Parquet atomically (index dropped)."""
    with atomic_path(path, suffix=".parquet.tmp") as tmp:
        frame.to_parquet(tmp, index=False)
    return Path(path)


def write_csv(path: str | Path, frame: pd.DataFrame) -> Path:
    """Write a DataFrame to UTF-8 CSV atomically (index dropped)."""
    with atomic_path(path, suffix=".csv.tmp") as tmp:
        frame.to_csv(tmp, index=False)
    return Path(path)


def replace_dir(src: str | Path, dst: str | Path) -> Path:
    """Move a fully built folder ``src`` into place at ``dst``.

    The old ``dst`` is renamed aside first and removed only after the new one is in
    place, so a crash leaves either the old or the new folder.
    """
    src, dst = Path(src), Path(dst)
    old = dst.with_name(f".{dst.name}.old")
    if old.exists():
        shutil.rmtree(old)
    if dst.exists():
        os.replace(dst, old)
    os.replace(src, dst)
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)
    return dst
