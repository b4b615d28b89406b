"""Wide files: time ``contract.validate_dir`` on a pegawai file with many extra columns.

Issue #14: 10,000 extra columns took about 3 minutes to validate (extra columns were
inserted one by one into DataFrames, which fragments them and copies the block manager on
every insert). The script writes the small valid data folder of ``tests/test_contract.py``
with ``--kolom`` extra columns added to ``pegawai.csv`` (``--baris`` rows) and times
``validate_dir`` (and ``prepare`` with ``--prepare``); it also reports whether pandas
warned "DataFrame is highly fragmented".

Usage::

    .venv/bin/python benchmarks/kolom_lebar.py --kolom 10000
    .venv/bin/python benchmarks/kolom_lebar.py --kolom 2000 --baris 200 --prepare
    git archive HEAD src | tar -x -C /tmp/sebelum   # then, for the code before a change:
    .venv/bin/python benchmarks/kolom_lebar.py --kolom 10000 --src /tmp/sebelum/src

Not part of the test suite (``tests/test_contract_14.py`` checks the absence of the
fragmentation warning without timing anything).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
# --src DIR: import kinerja_analysis from another source tree (before/after comparisons,
# e.g. `git archive HEAD src | tar -x -C /tmp/sebelum`)
_SRC = sys.argv[sys.argv.index("--src") + 1] if "--src" in sys.argv else str(ROOT / "src")
sys.path.insert(0, _SRC)


def tulis(folder: Path, kolom: int, baris: int) -> Path:
    """The valid test folder with ``kolom`` extra columns in pegawai.csv."""
    import test_contract as tc

    tc.write_valid(folder)
    lines = tc.VALID["pegawai"].splitlines()
    header = lines[0] + "".join(f",ekstra_{j}" for j in range(kolom))
    rows = [ln + "".join(f",v{j}" for j in range(kolom)) for ln in lines[1:]]
    rows = (rows * (baris // len(rows) + 1))[:max(baris, 1)]
    # repeated rows are duplicates (rejected); only the width matters here
    (folder / "pegawai.csv").write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return folder


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kolom", type=int, default=10_000)
    ap.add_argument("--baris", type=int, default=3)
    ap.add_argument("--prepare", action="store_true", help="time prepare too")
    ap.add_argument("--src", default=None, help="source tree to import kinerja_analysis from")
    args = ap.parse_args(argv)

    import pandas as pd
    from test_contract import OPTIONS

    from kinerja_analysis import contract, prepare

    with tempfile.TemporaryDirectory() as tmp:
        folder = tulis(Path(tmp) / "data", args.kolom, args.baris)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", pd.errors.PerformanceWarning)
            t0 = time.perf_counter()
            rep = contract.validate_dir(folder, OPTIONS)
            dt = time.perf_counter() - t0
        frag = sum(issubclass(w.category, pd.errors.PerformanceWarning) for w in caught)
        print(f"validate_dir: {args.kolom} extra columns, {args.baris} rows: {dt:.2f} s; "
              f"{frag} PerformanceWarning; accepted pegawai "
              f"{rep.tables['pegawai'].n_accepted}")
        if args.prepare:
            t0 = time.perf_counter()
            prepare.prepare(folder, Path(tmp) / "proc", lenient=True, options=OPTIONS,
                            key=b"kunci-uji-kinerja-analysis-000000")
            print(f"prepare --lenient: {time.perf_counter() - t0:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
