"""The pseudonym key (issue #14): set-but-empty is an error, no key is created unattended
unless asked (``--buat-kunci``), and the key's fingerprint is recorded so a different key
for the same processed folder is refused (``--kunci-baru`` to accept it)."""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import os
import re
import stat
import subprocess
import sys
import warnings
from pathlib import Path

import nbformat
import pytest

from kinerja_analysis import cli, privacy
from kinerja_analysis import prepare as prep
from kinerja_analysis.laporan import jalankan
from kinerja_analysis.privacy import KEY_ENV, load_key

ROOT = Path(__file__).resolve().parents[1]
KEY_A = "kunci-pertama-0123456789abcdef"
KEY_B = "kunci-kedua-0123456789abcdef00"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No key in the environment, an empty HOME, not interactive (whatever pytest's stdin)."""
    monkeypatch.delenv(KEY_ENV, raising=False)
    h = tmp_path / "home"
    h.mkdir()
    monkeypatch.setenv("HOME", str(h))
    monkeypatch.setattr(privacy, "is_interactive", lambda: False)
    return h


def _key_file(home: Path) -> Path:
    return home / ".config" / "kinerja-analysis" / "pseudonym.key"


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    """test_contract's small valid folder (all six inputs)."""
    import test_contract as tc

    return tc.write_valid(tmp_path_factory.mktemp("kunci") / "raw")


def _prepare(data: Path, proc: Path, *extra: str) -> int:
    return cli.main(["prepare", "--data", str(data), "--processed", str(proc), *extra])


def _ringkasan(proc: Path) -> dict:
    return json.loads((proc / "ringkasan.json").read_text(encoding="utf-8"))


# ----------------------------------------------------------------------------- set but empty


@pytest.mark.parametrize("value", ["", "   ", "\n\t"])
def test_env_set_but_empty_is_an_error(home, value, monkeypatch):
    monkeypatch.setenv(KEY_ENV, value)
    for create in (None, True):
        with pytest.raises(privacy.PseudonymKeyError, match="set but empty") as err:
            load_key(create=create, interactive=True)
        assert KEY_ENV in str(err.value) and "kosong" in str(err.value)
    assert not _key_file(home).exists()


@pytest.mark.parametrize(("lang", "words"), [("id", "ada tetapi kosong"),
                                             ("en", "set but empty")])
def test_cli_env_set_but_empty_exit_3(home, data, tmp_path, monkeypatch, capsys, lang, words):
    monkeypatch.setenv(KEY_ENV, "")
    proc = tmp_path / "proc"
    assert _prepare(data, proc, "--buat-kunci", "--lang", lang) == cli.EXIT_USAGE
    err = capsys.readouterr().err
    assert KEY_ENV in err and words in err
    assert "unset" in err  # how to fix: fill the secret or remove the variable
    assert not proc.exists() and not _key_file(home).exists()


# ----------------------------------------------------------------------------- no key


def test_no_key_not_interactive_is_not_created(home):
    with pytest.raises(FileNotFoundError) as err:
        load_key()
    text = str(err.value)
    assert str(_key_file(home)) in text and KEY_ENV in text and "--buat-kunci" in text
    assert not _key_file(home).exists()


def test_no_key_interactive_is_created_with_warning(home):
    with pytest.warns(UserWarning, match="new pseudonym key was created"):
        key = load_key(interactive=True)
    assert _key_file(home).read_text().strip().encode() == key
    assert stat.S_IMODE(_key_file(home).stat().st_mode) == 0o600


def test_create_true_creates_also_unattended(home):
    with pytest.warns(UserWarning, match="new pseudonym key was created"):
        key = load_key(create=True, interactive=False)
    assert len(key) == 64


def test_is_interactive_needs_tty_stdin_and_stderr(monkeypatch):
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            if self.closed:
                raise ValueError("I/O operation on closed file")
            return True

    monkeypatch.setattr(sys, "stdin", Tty())
    monkeypatch.setattr(sys, "stderr", Tty())
    assert privacy.is_interactive()
    monkeypatch.setattr(sys, "stdin", io.StringIO())
    assert not privacy.is_interactive()
    monkeypatch.setattr(sys, "stdin", None)
    assert not privacy.is_interactive()
    closed = Tty()
    closed.close()  # isatty on a closed file raises ValueError
    monkeypatch.setattr(sys, "stdin", closed)
    assert not privacy.is_interactive()


def test_cli_prepare_without_key_exit_3_names_file_env_and_flag(home, data, tmp_path, capsys):
    proc = tmp_path / "proc"
    assert _prepare(data, proc) == cli.EXIT_USAGE
    err = capsys.readouterr().err
    assert str(_key_file(home)) in err and KEY_ENV in err and "--buat-kunci" in err
    assert not proc.exists() and not _key_file(home).exists()


def test_cli_prepare_buat_kunci_creates_and_records_fingerprint(home, data, tmp_path, capsys):
    proc = tmp_path / "proc"
    with pytest.warns(UserWarning, match="new pseudonym key was created"):
        assert _prepare(data, proc, "--buat-kunci") == cli.EXIT_OK
    key = _key_file(home).read_text().strip().encode()
    assert _ringkasan(proc)["sidik_kunci"] == privacy.key_fingerprint(key)
    # the second run reads the same key, silently, and agrees with the recorded fingerprint
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert _prepare(data, proc) == cli.EXIT_OK


def test_subprocess_without_tty_is_refused(home, data, tmp_path):
    """The real TTY check: a scheduled job (stdin not a terminal) gets exit 3."""
    proc = tmp_path / "proc"
    env = {k: v for k, v in os.environ.items() if k != KEY_ENV}
    run = subprocess.run([sys.executable, "-m", "kinerja_analysis.cli", "prepare", "--data",
                          str(data), "--processed", str(proc)], stdin=subprocess.DEVNULL,
                         capture_output=True, text=True, env=env, timeout=600)
    assert run.returncode == cli.EXIT_USAGE, run.stderr
    assert "--buat-kunci" in run.stderr
    assert not proc.exists() and not _key_file(home).exists()


# ----------------------------------------------------------------------------- fingerprint


def test_fingerprint_is_a_keyed_digest_not_the_key():
    key = KEY_A.encode()
    fp = privacy.key_fingerprint(key)
    assert re.fullmatch(r"[0-9a-f]{16}", fp)
    assert fp == hmac.new(key, privacy.FINGERPRINT_LABEL, hashlib.sha256).hexdigest()[:16]
    assert fp == privacy.key_fingerprint(key) != privacy.key_fingerprint(KEY_B.encode())
    assert fp not in key.hex() and fp != hashlib.sha256(key).hexdigest()[:16]
    # the label can never be a pseudonymized value (those are case-folded): a fingerprint
    # is never also somebody's pseudonym
    assert privacy.FINGERPRINT_LABEL.decode() != privacy._normalize(
        privacy.FINGERPRINT_LABEL.decode())


def test_other_key_for_the_same_processed_folder_is_refused(home, data, tmp_path, monkeypatch,
                                                            capsys):
    proc = tmp_path / "proc"
    monkeypatch.setenv(KEY_ENV, KEY_A)
    assert _prepare(data, proc) == cli.EXIT_OK
    before = {p.name: p.read_bytes() for p in proc.glob("*") if p.is_file()}
    capsys.readouterr()
    monkeypatch.setenv(KEY_ENV, KEY_B)
    assert _prepare(data, proc) == cli.EXIT_USAGE
    err = capsys.readouterr().err
    assert "kunci pseudonim berbeda dari run sebelumnya" in err
    assert "pseudonym key differs from the previous run" in err
    assert privacy.key_fingerprint(KEY_A.encode()) in err  # fingerprints, never the key
    assert privacy.key_fingerprint(KEY_B.encode()) in err
    assert KEY_A not in err and KEY_B not in err
    assert "--kunci-baru" in err
    assert {p.name: p.read_bytes() for p in proc.glob("*") if p.is_file()} == before
    # asked explicitly: the new key replaces the folder and is recorded
    assert _prepare(data, proc, "--kunci-baru") == cli.EXIT_OK
    assert _ringkasan(proc)["sidik_kunci"] == privacy.key_fingerprint(KEY_B.encode())
    assert _prepare(data, proc) == cli.EXIT_OK


def test_python_api_refuses_and_accepts_with_kunci_baru(data, tmp_path):
    proc = tmp_path / "proc"
    prep.prepare(data, proc, key=KEY_A.encode())
    with pytest.raises(privacy.PseudonymKeyError, match="berbeda dari run sebelumnya"):
        prep.prepare(data, proc, key=KEY_B.encode())
    res = prep.prepare(data, proc, key=KEY_B.encode(), kunci_baru=True)
    assert res.ringkasan["sidik_kunci"] == privacy.key_fingerprint(KEY_B.encode())


def test_old_folder_without_fingerprint_is_accepted_and_gets_one(data, tmp_path):
    proc = tmp_path / "proc"
    prep.prepare(data, proc, key=KEY_A.encode())
    ring = _ringkasan(proc)
    del ring["sidik_kunci"]
    (proc / "ringkasan.json").write_text(json.dumps(ring), encoding="utf-8")
    prep.prepare(data, proc, key=KEY_B.encode())
    assert _ringkasan(proc)["sidik_kunci"] == privacy.key_fingerprint(KEY_B.encode())


def test_lost_key_is_not_replaced_by_a_new_one(home, data, tmp_path, monkeypatch, capsys):
    """The folder was made with a key that is gone now: no new key is created (it would
    not match), even with --buat-kunci; --kunci-baru --buat-kunci starts over."""
    proc = tmp_path / "proc"
    monkeypatch.setenv(KEY_ENV, KEY_A)
    assert _prepare(data, proc) == cli.EXIT_OK
    monkeypatch.delenv(KEY_ENV)
    capsys.readouterr()
    assert _prepare(data, proc, "--buat-kunci") == cli.EXIT_USAGE
    err = capsys.readouterr().err
    assert privacy.key_fingerprint(KEY_A.encode()) in err and "--kunci-baru" in err
    assert str(_key_file(home)) in err and KEY_ENV in err
    assert not _key_file(home).exists()
    monkeypatch.setattr(privacy, "is_interactive", lambda: True)  # not even interactively
    assert _prepare(data, proc) == cli.EXIT_USAGE
    assert not _key_file(home).exists()
    with pytest.warns(UserWarning, match="new pseudonym key was created"):
        assert _prepare(data, proc, "--kunci-baru", "--buat-kunci") == cli.EXIT_OK
    key = _key_file(home).read_text().strip().encode()
    assert _ringkasan(proc)["sidik_kunci"] == privacy.key_fingerprint(key)


def test_unreadable_ringkasan_is_replaced(data, tmp_path):
    proc = tmp_path / "proc"
    proc.mkdir()
    (proc / "ringkasan.json").write_text("{not json", encoding="utf-8")
    res = prep.prepare(data, proc, key=KEY_A.encode())
    assert res.ringkasan["sidik_kunci"] == privacy.key_fingerprint(KEY_A.encode())


# ----------------------------------------------------------------------------- report


def _trivial_notebooks(folder: Path) -> Path:
    folder.mkdir()
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell("lang = 'id'")
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, nbformat.v4.new_code_cell("x = 1")]
    nb.metadata["kernelspec"] = {"name": "python3", "language": "python",
                                 "display_name": "Python 3"}
    nb.metadata["language_info"] = {"name": "python"}
    nbformat.write(nb, folder / "00_uji.ipynb")
    return folder


def _report(data: Path, tmp_path: Path, *extra: str) -> int:
    return cli.main(["report", "--data", str(data), "--out", str(tmp_path / "out"),
                     "--processed", str(tmp_path / "proc"), "--notebooks",
                     str(tmp_path / "nb"), "--no-progress", *extra])


def test_report_key_problems_stop_before_the_kernel_starts(home, data, tmp_path, monkeypatch,
                                                           capsys):
    _trivial_notebooks(tmp_path / "nb")

    def no_kernel(*_a, **_k):
        raise AssertionError("the kernel must not start without a usable key")

    monkeypatch.setattr(jalankan, "WarmKernel", no_kernel)
    assert _report(data, tmp_path) == cli.EXIT_USAGE
    assert "--buat-kunci" in capsys.readouterr().err
    monkeypatch.setenv(KEY_ENV, " ")
    assert _report(data, tmp_path, "--buat-kunci") == cli.EXIT_USAGE
    assert "set but empty" in capsys.readouterr().err
    assert not _key_file(home).exists() and not (tmp_path / "proc").exists()
    # a different key than the processed folder's
    monkeypatch.setenv(KEY_ENV, KEY_A)
    prep.prepare(data, tmp_path / "proc")
    monkeypatch.setenv(KEY_ENV, KEY_B)
    assert _report(data, tmp_path) == cli.EXIT_USAGE
    assert "kunci pseudonim berbeda dari run sebelumnya" in capsys.readouterr().err


def test_report_buat_kunci_and_fingerprint_in_manifest(home, data, tmp_path, capsys):
    _trivial_notebooks(tmp_path / "nb")
    with pytest.warns(UserWarning, match="new pseudonym key was created"):
        assert _report(data, tmp_path, "--buat-kunci") == cli.EXIT_OK
    key = _key_file(home).read_text().strip().encode()
    out = tmp_path / "out"
    ring = _ringkasan(tmp_path / "proc")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["sidik_kunci"] == privacy.key_fingerprint(key)
    assert ring["sidik_kunci"] == manifest["sidik_kunci"]
    assert key.decode() not in (out / "manifest.json").read_text(encoding="utf-8")


def test_run_report_passes_the_flags_to_prepare(home, data, tmp_path, monkeypatch):
    _trivial_notebooks(tmp_path / "nb")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        jalankan.run_report(data, tmp_path / "out", processed_dir=tmp_path / "proc",
                            notebooks_dir=tmp_path / "nb", progress_bar=False,
                            log=lambda _m: None, buat_kunci=True)
    monkeypatch.setenv(KEY_ENV, KEY_B)
    with pytest.raises(privacy.PseudonymKeyError):
        jalankan.run_report(data, tmp_path / "out", processed_dir=tmp_path / "proc",
                            notebooks_dir=tmp_path / "nb", progress_bar=False,
                            log=lambda _m: None)
    res = jalankan.run_report(data, tmp_path / "out", processed_dir=tmp_path / "proc",
                              notebooks_dir=tmp_path / "nb", progress_bar=False,
                              log=lambda _m: None, kunci_baru=True)
    assert not res.skipped
    assert _ringkasan(tmp_path / "proc")["sidik_kunci"] == privacy.key_fingerprint(
        KEY_B.encode())


# ----------------------------------------------------------------------------- entry points


def test_make_report_creates_the_key_for_a_first_time_user():
    """`make report` (README quick start) runs unattended too: it passes --buat-kunci."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = [line for line in text.splitlines() if "kinerja report" in line]
    assert recipe and all("$(BUAT_KUNCI)" in line for line in recipe)
    env = {k: v for k, v in os.environ.items() if k not in ("BUAT_KUNCI", "MAKEFLAGS")}
    run = subprocess.run(["make", "-n", "report"], cwd=ROOT, capture_output=True, text=True,
                         timeout=60, env=env)
    line = [x for x in run.stdout.splitlines() if "kinerja report" in x]
    assert line and "--buat-kunci" in line[0], run.stdout + run.stderr


def test_notebook_on_a_fresh_clone_still_creates_the_key(home, data, tmp_path):
    """`make lab`: a notebook run top to bottom prepares an empty processed folder itself; a
    kernel has no terminal, but a person runs it, so the key is created with a warning."""
    from kinerja_analysis.muat import muat_atau_siapkan

    with pytest.warns(UserWarning, match="new pseudonym key was created"):
        d = muat_atau_siapkan(tmp_path / "proc", data)
    assert d.ada("pegawai") and _key_file(home).exists()
