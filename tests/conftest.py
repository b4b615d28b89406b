"""Shared fixtures: the shipped demo data, a prepared copy and one full report run."""

from __future__ import annotations

import shutil
from pathlib import Path

import hypothesis
import pytest

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
TEST_KEY = b"kunci-uji-kinerja-analysis-000000"

# No per-example time limit for property tests and no "data generation too slow" health
# check (Hypothesis' defaults fail a test on a slow or loaded machine): the suite's outcome
# must not depend on its speed. Everything else as Hypothesis chose it ("ci" under CI=true).
hypothesis.settings.register_profile(
    "kinerja", parent=hypothesis.settings(), deadline=None,
    suppress_health_check=list(dict.fromkeys([*hypothesis.settings().suppress_health_check,
                                              hypothesis.HealthCheck.too_slow])))
hypothesis.settings.load_profile("kinerja")


def _isolate(mp: pytest.MonkeyPatch, home: Path) -> None:
    """Never touch the user's key file or depend on the user's shell: a fixed key from the
    environment, every other ``KINERJA_*`` variable (``KINERJA_PREPARE_JOBS``, ...) removed,
    ``HOME`` a temporary folder. A test sees only what it sets itself."""
    import os

    for name in [n for n in os.environ if n.startswith("KINERJA_")]:
        mp.delenv(name)
    mp.setenv("KINERJA_PSEUDONYM_KEY", TEST_KEY.decode())
    home.mkdir(exist_ok=True)
    mp.setenv("HOME", str(home))


@pytest.fixture(scope="session", autouse=True)
def _clean_session_environment(tmp_path_factory):
    """The same for session- and module-scoped fixtures (a report built once per module is
    set up before any function-scoped fixture runs)."""
    with pytest.MonkeyPatch.context() as mp:
        _isolate(mp, tmp_path_factory.getbasetemp() / "home")
        yield


@pytest.fixture(autouse=True)
def _pseudonym_key(monkeypatch, tmp_path_factory):
    """Per test again: whatever a test changes in the environment is undone after it."""
    _isolate(monkeypatch, tmp_path_factory.getbasetemp() / "home")


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
