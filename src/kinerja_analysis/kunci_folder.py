"""Folder locks, leftovers of killed runs, and environment errors (exit code 3).

Every ``prepare`` and ``report`` run holds an exclusive, non-blocking ``fcntl.flock`` on the
folders it writes for as long as it runs:

- ``OUT`` (``kinerja report --out``): lock file ``OUT/.kinerja.lock``;
- the processed folder: lock file ``<parent>/.<name>.lock``, next to the folder, because the
  folder itself is swapped whole by ``prepare``.

A second run into the same folder stops at once with :class:`FolderDipakaiError`. The
lock file is removed when the run ends; the operating system releases a flock when its
process dies, so the lock file a killed run leaves behind never blocks the next one (the PID
in it is only there to name the other run). Folders a
killed run left behind (``.build-<periode>-<pid>-*``, ``.<name>.baru-<pid>``,
``.<name>.snapshot-<pid>-*``) are removed by the next run when that PID is no longer alive.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: runs are not locked
    fcntl = None  # type: ignore[assignment]

GENERATOR = "kinerja-analysis"
#: The marker in every index.html written by kinerja (older versions: the footer).
HTML_MARKER = f'<meta name="generator" content="{GENERATOR}">'
_HTML_MARKER_OLD = f"<footer>{GENERATOR} "

_PESAN: dict[str, dict[str, str]] = {
    "dipakai": {
        "id": "Folder {path} sedang dipakai proses lain (PID {pid}); tunggu sampai proses itu "
        "selesai atau pakai folder lain.",
        "en": "Another run is using folder {path} (PID {pid}); wait until it has finished or "
        "use another folder.",
    },
    "bukan_kinerja": {
        "id": "{path} tidak dibuat oleh kinerja (tidak ada manifest kinerja), jadi tidak "
        "ditimpa; tidak ada yang dihapus. Pindahkan atau pilih --out lain.",
        "en": "{path} was not written by kinerja (no kinerja manifest), so it is not "
        "replaced; nothing was deleted. Move it or choose another --out.",
    },
    "disk_penuh": {
        "id": "Ruang disk habis saat menulis {path}; kosongkan ruang lalu jalankan lagi "
        "(data dan laporan sebelumnya utuh).",
        "en": "No space left on the device while writing {path}; free some space and run "
        "again (the previous data and report are intact).",
    },
    "tidak_boleh": {
        "id": "Tidak dapat menulis {path} ({alasan}); periksa izin dan ruang folder itu.",
        "en": "Cannot write {path} ({alasan}); check that folder's permissions and quota.",
    },
}

#: errno values that are a problem of the machine, not of the data or the notebooks.
ENV_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM})
_OSERROR_NAMES = frozenset({"OSError", "IOError", "PermissionError", "ArrowIOError"})
_ERRNO_TEXT = re.compile(r"\[errno (\d+)\]", re.IGNORECASE)
_PATH_TEXT = re.compile(r":\s*'([^']+)'\s*$")


class KesalahanLingkungan(Exception):
    """An environment problem (exit code 3): the message names the path, in id and en."""

    def __init__(self, kode: str, path: str | Path | None, **kw: Any) -> None:
        self.kode = kode
        self.path = Path(path) if path is not None else None
        self.kw = kw
        super().__init__(self.message())

    def message(self, lang: str | None = None) -> str:
        """The message in ``lang``; both languages (``id / en``) when ``lang`` is None."""
        texts = _PESAN[self.kode]
        kw = {"path": self.path if self.path is not None else "?", **self.kw}
        if lang is not None:
            return texts[lang].format(**kw)
        return f"{texts['id'].format(**kw)} / {texts['en'].format(**kw)}"


class FolderDipakaiError(KesalahanLingkungan):
    """Another live run holds the lock of the folder."""

    def __init__(self, folder: str | Path, pid: int | None) -> None:
        self.pid = pid
        super().__init__("dipakai", folder, pid=pid if pid is not None else "?")


class BukanKeluaranKinerjaError(KesalahanLingkungan):
    """An output path exists and kinerja did not write it: it is not replaced."""

    def __init__(self, path: str | Path) -> None:
        super().__init__("bukan_kinerja", path)


class DiskError(KesalahanLingkungan):
    """Writing failed for a reason of the machine (disk full, read-only, no permission)."""

    def __init__(self, path: str | Path | None, err_no: int, detail: str = "") -> None:
        self.errno = err_no
        kode = "disk_penuh" if err_no in (errno.ENOSPC, errno.EDQUOT) else "tidak_boleh"
        super().__init__(kode, path, alasan=detail or os.strerror(err_no))


def _errno_of(err: BaseException) -> int | None:
    no = getattr(err, "errno", None)
    if isinstance(no, int):
        return no
    m = _ERRNO_TEXT.search(str(err))  # pyarrow: "... [errno 28] No space left on device"
    if m:
        return int(m.group(1))
    if "no space left on device" in str(err).lower():
        return errno.ENOSPC
    return None


def dari_oserror(err: BaseException, path: str | Path | None = None) -> DiskError | None:
    """``err`` as a :class:`DiskError` when it is an environment error (disk full,
    read-only file system, no permission), else None. ``path`` is used when the error
    itself names no file."""
    if not isinstance(err, OSError):
        return None
    no = _errno_of(err)
    if no not in ENV_ERRNOS:
        return None
    assert no is not None
    name = getattr(err, "filename", None) or path
    return DiskError(name, no, os.strerror(no))


def dari_pesan(ename: str, evalue: str, path: str | Path | None = None) -> DiskError | None:
    """The same for an error raised inside a notebook kernel (only its name and text are
    known), e.g. ``OSError`` / ``[Errno 28] No space left on device: '/out/x.json'``."""
    if ename not in _OSERROR_NAMES:
        return None
    no = _errno_of(Exception(evalue))
    if no not in ENV_ERRNOS:
        return None
    assert no is not None
    m = _PATH_TEXT.search(evalue)
    return DiskError(m.group(1) if m else path, no, os.strerror(no))



# --------------------------------------------------------------------------- locks

_HELD: dict[tuple[str, int], int] = {}  # (lock file, thread) -> depth, this process
_GUARD = threading.Lock()


def lock_keluaran(out_dir: str | Path) -> Path:
    """Lock file of a report folder ``OUT``."""
    return Path(out_dir) / ".kinerja.lock"


def lock_processed(processed_dir: str | Path) -> Path:
    """Lock file of a processed folder (next to it: the folder is swapped whole)."""
    p = Path(processed_dir)
    return p.parent / f".{p.name}.lock"


def _read_pid(fd: int) -> int | None:
    try:
        text = os.pread(fd, 64, 0).decode("ascii", "replace").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


@contextlib.contextmanager
def kunci(folder: str | Path, lock_file: str | Path) -> Iterator[Path]:
    """Hold an exclusive lock on ``folder`` (through ``lock_file``) for the block.

    Re-entrant within one thread (``report`` locks the processed folder and then calls
    ``prepare``, which locks it again). Raises :class:`FolderDipakaiError` at once when
    another process, or another thread, holds it.
    """
    lock_file = Path(lock_file).absolute()
    key = (str(lock_file), threading.get_ident())
    with _GUARD:
        if _HELD.get(key):
            _HELD[key] += 1
            fd = None
        else:
            fd = _acquire(folder, lock_file)
            _HELD[key] = 1
    try:
        yield lock_file
    finally:
        with _GUARD:
            _HELD[key] -= 1
            if not _HELD[key]:
                del _HELD[key]
            if fd is not None:
                # removed while still held: a run that opened it meanwhile finds, once it
                # has the flock, that the path no longer names its file, and starts over
                with contextlib.suppress(OSError):
                    lock_file.unlink()
                os.close(fd)  # releases the flock


def _acquire(folder: str | Path, lock_file: Path) -> int:
    """Open and flock ``lock_file``; the fd of the file that is at the path while held."""
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    while True:
        fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as err:
            pid = _read_pid(fd)
            os.close(fd)
            if err.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise FolderDipakaiError(folder, pid) from None
            raise
        st = os.fstat(fd)
        try:
            cur = os.stat(lock_file)
        except FileNotFoundError:
            cur = None
        if cur is not None and (cur.st_dev, cur.st_ino) == (st.st_dev, st.st_ino):
            try:
                os.ftruncate(fd, 0)
                os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
            except OSError as err:  # a full disk: the error names no file
                os.close(fd)
                env = dari_oserror(err, lock_file)
                if env is None:
                    raise
                raise env from err
            return fd
        os.close(fd)  # the holder removed it after we opened it: try the new one


def kunci_keluaran(out_dir: str | Path) -> contextlib.AbstractContextManager[Path]:
    """Lock a report folder ``OUT`` for the block (see :func:`kunci`)."""
    return kunci(out_dir, lock_keluaran(out_dir))


def kunci_processed(processed_dir: str | Path) -> contextlib.AbstractContextManager[Path]:
    """Lock a processed folder for the block (see :func:`kunci`)."""
    return kunci(processed_dir, lock_processed(processed_dir))


# --------------------------------------------------------------------------- leftovers


def pid_hidup(pid: int) -> bool:
    """True when process ``pid`` exists (it may belong to another user)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def hapus_sisa(parent: Path, pattern: re.Pattern[str]) -> list[Path]:
    """Remove the entries of ``parent`` whose name matches ``pattern`` and whose group
    ``pid`` is no longer a live process (a name without a pid counts as stale: written by a
    version without per-run folders). Call it only while holding the folder's lock."""
    removed: list[Path] = []
    if not parent.is_dir():
        return removed
    for entry in parent.iterdir():
        m = pattern.fullmatch(entry.name)
        if m is None:
            continue
        pid = m.groupdict().get("pid")
        if pid and (int(pid) == os.getpid() or pid_hidup(int(pid))):
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
        removed.append(entry)
    return removed


# --------------------------------------------------------------------------- kinerja outputs


def _json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def manifest_kinerja(path: Path) -> bool:
    """True when ``path`` is a manifest.json written by kinerja (any version)."""
    data = _json(path)
    if not isinstance(data, dict):
        return False
    return data.get("generator") == GENERATOR or ("versi" in data and "input_sha256" in data)


def results_kinerja(path: Path) -> bool:
    """True when ``path`` is a results.json written by kinerja."""
    data = _json(path)
    return (isinstance(data, dict) and isinstance(data.get("meta"), dict)
            and "versi" in data["meta"])


def html_kinerja(path: Path) -> bool:
    """True when ``path`` is an index.html written by kinerja (marker or older footer)."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return HTML_MARKER in text or _HTML_MARKER_OLD in text


def folder_kinerja(folder: Path) -> bool:
    """True when ``folder`` may be replaced: it carries a kinerja manifest.json, or is empty."""
    if folder.is_symlink() or not folder.is_dir():
        return False
    return manifest_kinerja(folder / "manifest.json") or not any(folder.iterdir())


# What a report writes in OUT/<periode>/ (laporan.jalankan._publish); anything else there
# is the user's and is carried over into the new folder.
_KELUARAN_PERIODE = frozenset({"index.html", "results.json", "manifest.json", "_hasil",
                               "_notebook"})
_RE_KELUARAN = re.compile(r"\d{2}_[\w-]+\.(?:html|pdf)|\..+\.tmp")


def berkas_pengguna(folder: Path) -> list[str]:
    """Names (sorted) of the entries of the period folder ``folder`` that kinerja did not
    write: not index.html/results.json/manifest.json, a page (``NN_name.html``/``.pdf``)
    or a temporary file of an atomic write."""
    if folder.is_symlink() or not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir()
                  if p.name not in _KELUARAN_PERIODE and not _RE_KELUARAN.fullmatch(p.name))


def bawa_berkas_pengguna(old: Path, new: Path) -> list[str]:
    """Copy the user's entries of the period folder ``old`` (:func:`berkas_pengguna`) into
    the build folder ``new`` before it replaces ``old``; return their names. Symlinks are
    copied as symlinks; a name the new report also writes is left to the report."""
    names = []
    for name in berkas_pengguna(old):
        src, dst = old / name, new / name
        if dst.exists() or dst.is_symlink():
            continue
        if src.is_symlink():
            os.symlink(os.readlink(src), dst)
        elif src.is_dir():
            shutil.copytree(src, dst, symlinks=True)
        else:
            shutil.copy2(src, dst)
        names.append(name)
    return names


def periksa_keluaran(out_dir: Path, periode: str | None = None) -> None:
    """Raise :class:`BukanKeluaranKinerjaError` when a path the report would replace exists
    and was not written by kinerja: ``OUT/index.html``, ``results.json``, ``manifest.json``
    and, with ``periode``, the folder ``OUT/<periode>/``. Nothing is changed."""
    checks = (("index.html", html_kinerja), ("results.json", results_kinerja),
              ("manifest.json", manifest_kinerja))
    for name, ok in checks:
        path = out_dir / name
        if (path.exists() or path.is_symlink()) and (path.is_dir() or not ok(path)):
            raise BukanKeluaranKinerjaError(path)
    if periode is not None:
        folder = out_dir / periode
        if (folder.exists() or folder.is_symlink()) and not folder_kinerja(folder):
            raise BukanKeluaranKinerjaError(folder)
