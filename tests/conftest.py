"""Shared fixtures: the shipped demo data, a prepared copy and one full report run."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
TEST_KEY = b"kunci-uji-kinerja-analysis-000000"


@pytest.fixture(autouse=True)
def _pseudonym_key(monkeypatch, tmp_path_factory):
    """Never touch the user's key file: tests use a fixed key from the environment."""
    monkeypatch.setenv("KINERJA_PSEUDONYM_KEY", TEST_KEY.decode())
    home = tmp_path_factory.getbasetemp() / "home"
    home.mkdir(exist_ok=True)
    monkeypatch.setenv("HOME", str(home))


@pytest.fixture(scope="session")
def demo_raw(tmp_path_factory) -> Path:
    """A copy of data/raw (tests must not be able to touch the shipped files)."""
    dst = tmp_path_factory.mktemp("raw") / "raw"
    shutil.copytree(RAW, dst)
    return dst


@pytest.fixture(scope="session")
def report_run(tmp_path_factory, demo_raw):
    """One full `kinerja report` run on the demo data (Indonesian), shared by report tests."""
    import os

    from kinerja_analysis.laporan import run_report

    base = tmp_path_factory.mktemp("report")
    old = os.environ.get("KINERJA_PSEUDONYM_KEY")
    os.environ["KINERJA_PSEUDONYM_KEY"] = TEST_KEY.decode()
    try:
        result = run_report(
            demo_raw,
            base / "reports",
            processed_dir=base / "processed",
            lang="id",
            progress_bar=False,
            log=lambda _m: None,
            notebooks_dir=ROOT / "notebooks",
            pdf=True,
        )
    finally:
        if old is None:
            os.environ.pop("KINERJA_PSEUDONYM_KEY", None)
        else:
            os.environ["KINERJA_PSEUDONYM_KEY"] = old
    return result, base
