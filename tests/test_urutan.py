"""Row order is not information: shuffled inputs give the same report numbers.

The hostile-input case "periods out of order" (issue 8): every CSV of the demo data is
shuffled (fixed seed, header kept) and the periods of penilaian_kinerja are respelled in
other spellings the contract accepts (``2024q1``, ``Q1-2024``, ``2024 Q1``). The full report
must give exactly the same results.json as the run on the original files; only what depends
on the input bytes (their SHA-256) and on the clock may differ in manifest.json.
"""

from __future__ import annotations

import json
import random
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = 20260801

# manifest.json fields that legitimately differ between the two runs
MANIFEST_BYTES_OR_CLOCK = {"input_sha256", "mulai", "selesai", "durasi_detik",
                           "durasi_langkah"}

_QUARTER = re.compile(rb"^([^;]*;)(\d{4})-Q([1-4])(;)")
_SPELLINGS = (b"%s-Q%s", b"%sq%s", b"Q%s-%s", b"%s Q%s")


def _respell(line: bytes, rng: random.Random) -> bytes:
    """``2024-Q1`` in the second field -> one accepted spelling of the same quarter."""
    m = _QUARTER.match(line)
    if m is None:
        return line
    year, q = m.group(2), m.group(3)
    form = rng.choice(_SPELLINGS)
    text = form % ((q, year) if form.startswith(b"Q") else (year, q))
    return m.group(1) + text + m.group(4) + line[m.end():]


def shuffle_rows(src: Path, dst: Path, seed: int = SEED) -> dict[str, list[int]]:
    """Copy ``src`` to ``dst`` with the data rows of every CSV shuffled (header first).

    Returns the new order of each file (source line numbers), to check it really moved.
    """
    shutil.copytree(src, dst)
    rng = random.Random(seed)
    orders: dict[str, list[int]] = {}
    for path in sorted(dst.glob("*.csv")):
        lines = path.read_bytes().splitlines(keepends=True)
        assert all(ln.endswith(b"\n") for ln in lines), path  # one record per line
        assert not any(b'"' in ln for ln in lines[1:]) or path.name != "penilaian_kinerja.csv"
        order = list(range(1, len(lines)))
        rng.shuffle(order)
        body = [lines[i] for i in order]
        if path.name == "penilaian_kinerja.csv":
            body = [_respell(ln, rng) for ln in body]
        path.write_bytes(b"".join([lines[0], *body]))
        orders[path.name] = order
    return orders


def test_respell_keeps_the_quarter() -> None:
    rng = random.Random(1)
    seen = {_respell(b"1978;2021-Q3;75,9\n", rng) for _ in range(40)}
    assert seen == {b"1978;2021-Q3;75,9\n", b"1978;2021q3;75,9\n", b"1978;Q3-2021;75,9\n",
                    b"1978;2021 Q3;75,9\n"}
    assert _respell(b"nip;periode;x\n", rng) == b"nip;periode;x\n"


@pytest.mark.slow
def test_shuffled_rows_give_the_same_results(report_run, demo_raw, tmp_path) -> None:
    """Full report (notebooks 00-04, no PDF) on shuffled inputs: results.json equal to
    the report_run fixture's, every estimate; manifest equal but for input hashes and
    clock times (MANIFEST_BYTES_OR_CLOCK)."""
    from kinerja_analysis.laporan import run_report

    raw = tmp_path / "acak"
    orders = shuffle_rows(demo_raw, raw)
    assert set(orders) == {p.name for p in demo_raw.glob("*.csv")}
    for name, order in orders.items():
        assert order != sorted(order), name
    text = (raw / "penilaian_kinerja.csv").read_text(encoding="utf-8")
    assert "Q1-20" in text and " Q" in text and re.search(r";20\d\dq\d;", text)

    result, base = report_run
    again = run_report(raw, tmp_path / "reports", processed_dir=tmp_path / "processed",
                       progress_bar=False, log=lambda _m: None,
                       notebooks_dir=ROOT / "notebooks")
    assert again.periode == result.periode
    # the analyses really were fed the rows in another order (same rows, same pseudonyms)
    for name, key in (("penilaian_kinerja", ["id_pegawai", "periode"]),
                      ("survei_kepuasan", ["id_responden"])):
        a = pd.read_parquet(base / "processed" / f"{name}.parquet")
        b = pd.read_parquet(tmp_path / "processed" / f"{name}.parquet")
        assert not a[key].equals(b[key]), name
        pd.testing.assert_frame_equal(a.sort_values(key).reset_index(drop=True),
                                      b.sort_values(key).reset_index(drop=True))
    first_dir = base / "reports" / result.periode
    second_dir = tmp_path / "reports" / again.periode
    first = json.loads((first_dir / "results.json").read_text(encoding="utf-8"))
    second = json.loads((second_dir / "results.json").read_text(encoding="utf-8"))
    assert first["data"] == second["data"]  # rows read / accepted per input
    for section in first:
        assert first[section] == second[section], section
    assert first == second

    m1 = json.loads((first_dir / "manifest.json").read_text(encoding="utf-8"))
    m2 = json.loads((second_dir / "manifest.json").read_text(encoding="utf-8"))
    differ = {k for k in m1.keys() | m2.keys() if m1.get(k) != m2.get(k)}
    assert differ <= MANIFEST_BYTES_OR_CLOCK, differ
    assert "input_sha256" in differ  # the files really are other bytes
