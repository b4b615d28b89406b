"""Atomic writes: an interrupted write leaves the previous file (or none), never a half file."""

from __future__ import annotations

import pandas as pd
import pytest

from kinerja_analysis import atomic


def test_failed_write_keeps_previous_file(tmp_path):
    target = tmp_path / "hasil.json"
    atomic.write_json(target, {"a": 1})
    with pytest.raises(RuntimeError), atomic.atomic_open(target) as fh:
        fh.write('{"a": 2, "half')
        raise RuntimeError("killed midway")
    assert target.read_text(encoding="utf-8").strip() == '{\n  "a": 1\n}'
    assert [p.name for p in tmp_path.iterdir()] == ["hasil.json"]  # no temp file left


def test_failed_first_write_leaves_nothing(tmp_path):
    target = tmp_path / "x.parquet"
    with pytest.raises(ValueError), atomic.atomic_path(target):
        raise ValueError("boom")
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


def test_parquet_and_json_roundtrip(tmp_path):
    df = pd.DataFrame({"a": [1, 2], "b": ["x", None]})
    atomic.write_parquet(tmp_path / "t.parquet", df)
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "t.parquet"), df, check_dtype=False)
    with pytest.raises(ValueError):  # NaN is not valid JSON; refuse rather than write it
        atomic.write_json(tmp_path / "n.json", {"x": float("nan")})
    assert not (tmp_path / "n.json").exists()


def test_replace_dir_swaps_whole_folder(tmp_path):
    old = tmp_path / "2025-Q4"
    old.mkdir()
    (old / "a.html").write_text("lama")
    new = tmp_path / ".build"
    new.mkdir()
    (new / "a.html").write_text("baru")
    atomic.replace_dir(new, old)
    assert (old / "a.html").read_text() == "baru"
    assert not new.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2025-Q4"]


def test_written_files_get_the_ordinary_mode(tmp_path):
    """Atomic writes give the mode open() would (0666 minus umask), not mkstemp's 0600,
    so a published report can be served and read by others as usual."""
    import os
    import stat

    from kinerja_analysis import atomic

    old = os.umask(0o022)
    try:
        p = atomic.write_text(tmp_path / "a.html", "x")
        q = atomic.write_json(tmp_path / "b.json", {"a": 1})
    finally:
        os.umask(old)
    assert stat.S_IMODE(p.stat().st_mode) == 0o644
    assert stat.S_IMODE(q.stat().st_mode) == 0o644
