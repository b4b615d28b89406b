"""Runs at the same time, kills, full disks and foreign files in --out (issue #14).

- two runs into the same ``--out`` or ``--processed``: the second stops with exit 3;
- each report run has its own build folder and reads its own snapshot of the processed data;
- ``--out`` replaces only what kinerja wrote;
- ``prepare`` swaps the whole processed folder: a kill at any point leaves the complete old
  or the complete new set; leftovers of killed runs are removed by the next run;
- a full disk (or a read-only / forbidden output) is an environment error, exit 3, naming
  the path, not a notebook failure (2).

Locks are tested deterministically: the test (or a child process it controls) holds the lock,
then the CLI runs in-process.
"""

from __future__ import annotations

import errno
import fcntl
import functools
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import nbformat
import pytest
from conftest import TEST_KEY

from kinerja_analysis import atomic, cli, kunci_folder
from kinerja_analysis.laporan import jalankan
from kinerja_analysis.prepare import prepare

ROOT = Path(__file__).resolve().parents[1]
KEY = b"k" * 32


# --------------------------------------------------------------------------- helpers


@pytest.fixture(autouse=True)
def _fast_kernel(monkeypatch):
    """The tiny test notebooks need none of the warm imports of the real pages."""
    monkeypatch.setattr(jalankan, "WarmKernel",
                        functools.partial(jalankan.WarmKernel, warm_imports=()))


def _notebooks(folder: Path, *cells: str) -> Path:
    """A notebook folder with one notebook: a parameters cell, then ``cells``."""
    folder.mkdir(parents=True, exist_ok=True)
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell(
        "lang = 'id'\nprocessed_dir = ''\nresults_dir = ''\nperiode_akhir = None")
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, *(nbformat.v4.new_code_cell(c) for c in cells)]
    nb.metadata["kernelspec"] = {"name": "python3", "language": "python",
                                 "display_name": "Python 3"}
    nb.metadata["language_info"] = {"name": "python"}
    nbformat.write(nb, folder / "00_uji.ipynb")
    return folder


_RECORD = textwrap.dedent("""\
    import json, os, pathlib
    import pandas as pd
    n = len(pd.read_parquet(os.path.join(processed_dir, 'survei_kepuasan.parquet')))
    pathlib.Path(results_dir, 'uji.json').write_text(json.dumps(
        {'processed_dir': processed_dir, 'results_dir': results_dir, 'n': n}))
""")


def _report(data: Path, out: Path, processed: Path, nb: Path, *extra: str) -> int:
    return cli.main(["report", "--data", str(data), "--out", str(out), "--processed",
                     str(processed), "--notebooks", str(nb), "--no-progress", *extra])


def _hold(lock_file: Path, pid: int = 4242):
    """Hold ``lock_file`` as another run would (a separate open file description)."""
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    fh = open(lock_file, "w")
    fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
    fh.write(f"{pid}\n")
    fh.flush()
    return fh


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def _state(folder: Path) -> dict[str, str]:
    """Hash of every prepare output in ``folder`` (README.md / .gitkeep left out)."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name not in ("README.md", ".gitkeep")}


def _drop_last_rows(folder: Path) -> Path:
    """Data set B: data set A with the last row of two inputs removed (still valid)."""
    for name in ("survei_kepuasan.csv", "penilaian_kinerja.csv"):
        path = folder / name
        lines = path.read_text(encoding="utf-8-sig").splitlines(keepends=True)
        path.write_text("".join(lines[:-1]), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def periode(demo_raw, tmp_path_factory) -> str:
    proc = tmp_path_factory.mktemp("periode") / "processed"
    prepare(demo_raw, proc, key=TEST_KEY)
    return jalankan._last_triwulan(proc)


# --------------------------------------------------------------------------- locks


def test_report_into_an_out_another_run_uses_exits_3(demo_raw, tmp_path, capsys):
    out = tmp_path / "reports"
    nb = _notebooks(tmp_path / "nb", _RECORD)
    fh = _hold(out / ".kinerja.lock", pid=4242)
    try:
        code = _report(demo_raw, out, tmp_path / "proc", nb)
    finally:
        fh.close()
    err = capsys.readouterr().err
    assert code == cli.EXIT_USAGE
    assert "sedang dipakai proses lain (PID 4242)" in err and "Another run is using" in err
    assert str(out) in err
    assert not (tmp_path / "proc").exists()  # stopped before prepare
    assert not list(out.glob(".build-*"))


def test_report_and_prepare_into_a_processed_folder_another_run_uses_exit_3(
        demo_raw, tmp_path, capsys):
    proc = tmp_path / "proc"
    fh = _hold(tmp_path / ".proc.lock", pid=777)
    try:
        code_prep = cli.main(["prepare", "--data", str(demo_raw), "--processed", str(proc)])
        err_prep = capsys.readouterr().err
        code_rep = _report(demo_raw, tmp_path / "out", proc, _notebooks(tmp_path / "nb", "1"))
        err_rep = capsys.readouterr().err
    finally:
        fh.close()
    for code, err in ((code_prep, err_prep), (code_rep, err_rep)):
        assert code == cli.EXIT_USAGE
        assert f"Folder {proc} sedang dipakai proses lain (PID 777)" in err
        assert f"Another run is using folder {proc} (PID 777)" in err
    assert not proc.exists()


def test_lock_of_a_live_process_blocks_and_of_a_dead_one_does_not(demo_raw, tmp_path, capsys):
    """A real second process holds the lock; once it is killed, the next run proceeds."""
    proc = tmp_path / "proc"
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time\nfrom kinerja_analysis import kunci_folder as k\n"
         "with k.kunci_processed(sys.argv[1]):\n    print('ok', flush=True)\n"
         "    time.sleep(120)\n", str(proc)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ok"
        code = cli.main(["prepare", "--data", str(demo_raw), "--processed", str(proc)])
        assert code == cli.EXIT_USAGE
        assert f"(PID {holder.pid})" in capsys.readouterr().err
    finally:
        holder.kill()  # as kill -9: the lock file stays, the flock goes with the process
        holder.wait()
        holder.stdout.close()
    assert (tmp_path / ".proc.lock").read_text().strip() == str(holder.pid)
    assert cli.main(["prepare", "--data", str(demo_raw), "--processed", str(proc)]) == 0
    assert (proc / "ringkasan.json").exists()


def test_lock_is_reentrant_in_one_thread_only(tmp_path):
    import threading

    with kunci_folder.kunci_keluaran(tmp_path), kunci_folder.kunci_keluaran(tmp_path):
        seen = []

        def other():
            try:
                with kunci_folder.kunci_keluaran(tmp_path):
                    seen.append("locked")
            except kunci_folder.FolderDipakaiError as err:
                seen.append(err.pid)

        t = threading.Thread(target=other)
        t.start()
        t.join()
        assert seen == [os.getpid()]
    with kunci_folder.kunci_keluaran(tmp_path):  # released by the outer block
        pass
    assert not (tmp_path / ".kinerja.lock").exists()  # a finished run leaves no lock file


# --------------------------------------------------------------------------- build folder, snapshot


def test_each_run_reads_its_own_snapshot_in_its_own_build_folder(demo_raw, tmp_path, periode):
    """Another writer changing the processed folder mid-run cannot change this run's
    numbers; stale build and snapshot folders of dead runs are removed."""
    out, proc = tmp_path / "reports", tmp_path / "proc"
    dead = _dead_pid()
    stale = [out / f".build-{periode}-{dead}-0a1b2c3d", out / f".build-{periode}",
             tmp_path / f".proc.snapshot-{dead}-0a1b2c3d"]
    for folder in stale:
        (folder / "_hasil").mkdir(parents=True)
    # cell 1 plays another writer (an older version, a hand-made copy): it empties the
    # real processed folder's survey table while this run is in its notebooks
    vandal = textwrap.dedent(f"""\
        import os
        import pandas as pd
        _p = {str(proc / 'survei_kepuasan.parquet')!r}
        pd.read_parquet(_p).iloc[:0].to_parquet(_p + ".tmp")
        os.replace(_p + ".tmp", _p)  # as prepare swaps its files in
    """)
    nb = _notebooks(tmp_path / "nb", vandal, _RECORD)
    assert _report(demo_raw, out, proc, nb) == 0
    rec = json.loads((out / periode / "results.json").read_text(encoding="utf-8"))["uji"]
    assert rec["n"] > 0  # the snapshot taken right after prepare, not the emptied table
    assert Path(rec["processed_dir"]).resolve() != proc.resolve()
    assert re.fullmatch(rf"\.build-{periode}-{os.getpid()}-[0-9a-f]+",
                        Path(rec["results_dir"]).parent.name)
    for folder in stale:
        assert not folder.exists(), folder
    assert not list(out.glob(".build-*"))
    assert not list(tmp_path.glob(".proc.snapshot-*"))


# --------------------------------------------------------------------------- --out safety


def test_foreign_period_folder_is_not_deleted(demo_raw, tmp_path, capsys, periode):
    out = tmp_path / "reports"
    mine = out / periode
    mine.mkdir(parents=True)
    (mine / "catatan.docx").write_text("milik pengguna")
    nb = _notebooks(tmp_path / "nb", "1")
    for extra in ((), ("--periode-akhir", periode)):
        code = _report(demo_raw, out, tmp_path / "proc", nb, *extra)
        err = capsys.readouterr().err
        assert code == cli.EXIT_USAGE
        assert str(mine) in err and "tidak dibuat oleh kinerja" in err
        assert "was not written by kinerja" in err
        assert (mine / "catatan.docx").read_text() == "milik pengguna"
        assert sorted(p.name for p in mine.iterdir()) == ["catatan.docx"]
    assert not (out / "index.html").exists()


@pytest.mark.parametrize("name", ["index.html", "results.json", "manifest.json"])
def test_foreign_top_level_file_is_not_overwritten(demo_raw, tmp_path, capsys, name):
    out = tmp_path / "reports"
    out.mkdir()
    (out / name).write_text("<html>situs dinas</html>" if name.endswith("html") else "{}")
    before = (out / name).read_bytes()
    code = _report(demo_raw, out, tmp_path / "proc", _notebooks(tmp_path / "nb", "1"))
    err = capsys.readouterr().err
    assert code == cli.EXIT_USAGE
    assert str(out / name) in err and "tidak dibuat oleh kinerja" in err
    assert (out / name).read_bytes() == before
    assert not (tmp_path / "proc").exists()  # checked before anything runs


def test_outputs_of_an_older_kinerja_are_replaced(demo_raw, tmp_path, periode):
    out = tmp_path / "reports"
    old = out / periode
    old.mkdir(parents=True)
    manifest = {"versi": "0.9.0", "parameter": {}, "input_sha256": {"pegawai.csv": "0" * 64}}
    (old / "manifest.json").write_text(json.dumps(manifest))
    (old / "results.json").write_text(json.dumps({"meta": {"versi": "0.9.0"}}))
    (old / "00_lama.html").write_text("lama")
    shutil.copy(old / "manifest.json", out / "manifest.json")
    shutil.copy(old / "results.json", out / "results.json")
    (out / "index.html").write_text("<html><body><footer>kinerja-analysis 0.9.0</footer>"
                                    "</body></html>")
    (out / "catatan-saya.txt").write_text("tetap")
    assert _report(demo_raw, out, tmp_path / "proc", _notebooks(tmp_path / "nb", "1")) == 0
    assert not (old / "00_lama.html").exists()
    man = json.loads((old / "manifest.json").read_text(encoding="utf-8"))
    assert man["generator"] == "kinerja-analysis"
    assert kunci_folder.HTML_MARKER in (out / "index.html").read_text(encoding="utf-8")
    assert kunci_folder.HTML_MARKER in (old / "index.html").read_text(encoding="utf-8")
    assert (out / "catatan-saya.txt").read_text() == "tetap"
    # and the run's own outputs are recognized the next time
    kunci_folder.periksa_keluaran(out, periode)


# --------------------------------------------------------------------------- atomic prepare


_KILL = textwrap.dedent("""\
    import os, sys
    from kinerja_analysis import atomic
    from kinerja_analysis.prepare import prepare

    k, calls = int(sys.argv[3]), [0]

    def at_step(real):
        def step(*args, **kwargs):
            calls[0] += 1
            if calls[0] == k:
                os._exit(9)  # as kill -9, right before this rename
            return real(*args, **kwargs)
        return step

    os.replace, os.rename = at_step(os.replace), at_step(os.rename)
    if hasattr(atomic, "_exchange"):
        atomic._exchange = at_step(atomic._exchange)
    prepare(sys.argv[1], sys.argv[2], key=b"k" * 32)
""")


def test_prepare_killed_at_any_step_leaves_the_old_or_the_new_set(demo_raw, tmp_path):
    data_a = demo_raw
    data_b = _drop_last_rows(shutil.copytree(demo_raw, tmp_path / "raw_b"))
    prepare(data_a, tmp_path / "ref_a", key=KEY)
    prepare(data_b, tmp_path / "ref_b", key=KEY)
    old, new = _state(tmp_path / "ref_a"), _state(tmp_path / "ref_b")
    assert old != new
    proc = tmp_path / "data" / "processed"
    prepare(data_a, proc, key=KEY)
    (proc / "README.md").write_text("dijaga")
    (proc / ".gitkeep").write_text("")
    script = tmp_path / "kill.py"
    script.write_text(_KILL)
    env = {**os.environ, "KINERJA_PSEUDONYM_KEY": TEST_KEY.decode()}
    killed = 0
    for k in range(1, 40):
        res = subprocess.run([sys.executable, str(script), str(data_b), str(proc), str(k)],
                             env=env, capture_output=True, text=True)
        state = _state(proc)
        assert state in (old, new), f"killed before rename {k}: a mix of old and new"
        assert (proc / "README.md").read_text() == "dijaga"
        assert (proc / ".gitkeep").exists()
        if res.returncode == 0:
            break
        assert res.returncode == 9, res.stderr
        killed += 1
    else:  # pragma: no cover
        pytest.fail("prepare never finished")
    assert killed >= 1 and state == new
    # the staging folders of the killed runs are gone, and nothing else is left beside it
    assert sorted(p.name for p in proc.parent.iterdir()) == ["processed"]


def test_failed_swap_keeps_the_old_set_and_stale_staging_is_removed(demo_raw, tmp_path,
                                                                    monkeypatch):
    proc = tmp_path / "processed"
    prepare(demo_raw, proc, key=KEY)
    old = _state(proc)
    data_b = _drop_last_rows(shutil.copytree(demo_raw, tmp_path / "raw_b"))

    def crash(src, dst):
        assert (Path(src) / "ringkasan.json").exists()  # staging complete
        raise RuntimeError("killed during the swap")

    monkeypatch.setattr(atomic, "replace_dir", crash)
    with pytest.raises(RuntimeError, match="during the swap"):
        prepare(data_b, proc, key=KEY)
    assert _state(proc) == old
    assert not list(tmp_path.glob(".processed.baru-*"))
    monkeypatch.undo()

    dead, alive = _dead_pid(), os.getppid()
    for name in (f".processed.baru-{dead}", ".processed.old", f".processed.baru-{alive}",
                 f".processed.snapshot-{dead}-00ff"):
        (tmp_path / name / "ditolak").mkdir(parents=True)
        (tmp_path / name / "penilaian_kinerja.parquet").write_bytes(b"setengah")
    prepare(data_b, proc, key=KEY)
    assert _state(proc) != old
    left = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".processed"))
    assert left == [f".processed.baru-{alive}"]  # a live run's is kept


def test_prepare_leaves_no_stale_table_of_an_absent_input(demo_raw, tmp_path):
    proc = tmp_path / "processed"
    prepare(demo_raw, proc, key=KEY)
    assert (proc / "tindak_lanjut.parquet").exists()
    data = shutil.copytree(demo_raw, tmp_path / "raw")
    (data / "tindak_lanjut.csv").unlink()
    prepare(data, proc, key=KEY)
    assert not (proc / "tindak_lanjut.parquet").exists()  # the whole folder is new


# --------------------------------------------------------------------------- full disk


def _enospc(path):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))


def test_full_disk_in_prepare_exits_3_naming_the_path(demo_raw, tmp_path, capsys,
                                                      monkeypatch):
    proc = tmp_path / "processed"
    prepare(demo_raw, proc, key=TEST_KEY)
    before = _state(proc)
    data_b = _drop_last_rows(shutil.copytree(demo_raw, tmp_path / "raw_b"))
    monkeypatch.setattr(atomic, "write_json", lambda path, _data: _enospc(path))
    code = cli.main(["prepare", "--data", str(data_b), "--processed", str(proc)])
    err = capsys.readouterr().err
    assert code == cli.EXIT_USAGE
    assert "Ruang disk habis saat menulis" in err and "No space left on the device" in err
    assert "ringkasan.json" in err
    assert _state(proc) == before


def test_full_disk_in_parquet_writer_names_the_processed_folder(demo_raw, tmp_path, capsys,
                                                                monkeypatch):
    import pyarrow.parquet as pq

    def full(self, *a, **kw):
        raise OSError("[errno 28] Error writing bytes to file. Detail: [errno 28] No space "
                      "left on device")

    monkeypatch.setattr(pq.ParquetWriter, "write_table", full)
    proc = tmp_path / "processed"
    code = cli.main(["prepare", "--data", str(demo_raw), "--processed", str(proc)])
    err = capsys.readouterr().err
    assert code == cli.EXIT_USAGE
    assert "Ruang disk habis" in err and str(proc) in err


def test_full_disk_while_saving_a_notebook_is_exit_3_not_2(demo_raw, tmp_path, capsys,
                                                           monkeypatch):
    import papermill.execute

    monkeypatch.setattr(papermill.execute, "write_ipynb", lambda _nb, path: _enospc(path))
    out = tmp_path / "reports"
    code = _report(demo_raw, out, tmp_path / "proc", _notebooks(tmp_path / "nb", "1"))
    err = capsys.readouterr().err
    assert code == cli.EXIT_USAGE, err
    assert "Ruang disk habis saat menulis" in err and "00_uji.ipynb" in err
    assert not list(out.glob(".build-*")) and not list(out.glob("_gagal-*"))


def test_read_only_output_inside_a_notebook_is_exit_3_naming_the_file(demo_raw, tmp_path,
                                                                      capsys):
    cell = "raise OSError(30, 'Read-only file system', '/srv/laporan/_hasil/x.json')"
    code = _report(demo_raw, tmp_path / "reports", tmp_path / "proc",
                   _notebooks(tmp_path / "nb", cell))
    err = capsys.readouterr().err
    assert code == cli.EXIT_USAGE, err
    assert "Tidak dapat menulis /srv/laporan/_hasil/x.json" in err
    assert "Cannot write /srv/laporan/_hasil/x.json" in err


def test_a_notebook_bug_with_an_oserror_stays_exit_2(demo_raw, tmp_path, capsys):
    cell = "open('/tidak/ada/berkas.csv')"  # FileNotFoundError: a notebook bug, not the disk
    code = _report(demo_raw, tmp_path / "reports", tmp_path / "proc",
                   _notebooks(tmp_path / "nb", cell))
    assert code == cli.EXIT_NOTEBOOK
    assert "FileNotFoundError" in capsys.readouterr().err


def test_replace_dir_without_exchange_is_recovered_after_a_crash(tmp_path, monkeypatch):
    """Where the one-step exchange is missing: a crash between the two renames leaves the
    old folder at .<name>.old, and the next prepare puts it back before anything else."""
    dst, src = tmp_path / "processed", tmp_path / ".processed.baru-1"
    for folder, text in ((dst, "lama"), (src, "baru")):
        folder.mkdir()
        (folder / "ringkasan.json").write_text(text)
    monkeypatch.setattr(atomic, "_exchange", lambda _a, _b: False)
    real = os.replace

    def crash_second(a, b):
        if Path(a) == src:
            raise KeyboardInterrupt  # killed between the two renames
        real(a, b)

    monkeypatch.setattr(os, "replace", crash_second)
    with pytest.raises(KeyboardInterrupt):
        atomic.replace_dir(src, dst)
    monkeypatch.setattr(os, "replace", real)
    assert not dst.exists() and (tmp_path / ".processed.old" / "ringkasan.json").exists()
    atomic.recover_dir(dst)
    assert (dst / "ringkasan.json").read_text() == "lama"
    assert not (tmp_path / ".processed.old").exists()
    atomic.replace_dir(src, dst)  # the fallback path, completed
    assert (dst / "ringkasan.json").read_text() == "baru"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["processed"]
