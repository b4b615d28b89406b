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


def _umask() -> int:
    """The process umask, read without changing it (``/proc``) where possible."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)  # elsewhere: set and restore at once
    os.umask(mask)
    return mask


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
    # mkstemp makes 0600 files: give the mode an ordinary open() would (0666 minus the
    # umask), so a web server or colleague can read the published report as usual
    os.fchmod(fd, 0o666 & ~_umask())
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


def _exchange(a: Path, b: Path) -> bool:
    """Swap two existing paths in one step (Linux ``renameat2(RENAME_EXCHANGE)``).

    False where the call does not exist or the file system does not support it."""
    import ctypes
    import errno

    try:
        fn = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    fn.restype = ctypes.c_int
    at_fdcwd, rename_exchange = -100, 2
    if fn(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def replace_dir(src: str | Path, dst: str | Path) -> Path:
    """Move a fully built folder ``src`` into place at ``dst``.

    Where the system can (Linux), the two folders are exchanged in one step and the old
    one, now at ``src``, is removed: at every instant ``dst`` is the complete old or the
    complete new folder. Elsewhere the old ``dst`` is renamed aside to ``.<name>.old``
    first and removed only after the new one is in place; a crash between the two renames
    leaves the old folder at ``.<name>.old`` (:func:`recover_dir` puts it back).
    """
    src, dst = Path(src), Path(dst)
    old = dst.with_name(f".{dst.name}.old")
    if old.exists():
        shutil.rmtree(old)
    if dst.is_dir() and not dst.is_symlink() and _exchange(src, dst):
        shutil.rmtree(src, ignore_errors=True)  # the previous folder
        return dst
    if dst.exists():
        os.replace(dst, old)
    os.replace(src, dst)
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)
    return dst


def recover_dir(dst: str | Path) -> None:
    """Undo what a crash inside :func:`replace_dir` left: the old folder back at ``dst``
    when only ``.<name>.old`` exists, else ``.<name>.old`` removed."""
    dst = Path(dst)
    old = dst.with_name(f".{dst.name}.old")
    if not old.is_dir():
        return
    if dst.exists() or dst.is_symlink():
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(old, dst)
