"""Mutation testing of the modules that decide published numbers (cosmic-ray, seeded sample).

For each module, cosmic-ray lists every mutant (an operator flipped, a constant changed,
a comparison reversed ...). Running the module's fast tests against all of them takes hours
on this 2-core machine (ikm.py alone has ~1,200 mutants at ~6 s each), so a **seeded random
sample** of ``--sample`` mutants per module is run; the rest are marked skipped. The counts
(killed, survived, incompetent) and the diff of every surviving mutant are written to
``benchmarks/mutasi/`` and the summary table printed in Markdown for docs/testing.md.

Run from the repository root (needs the dev extras, which pin cosmic-ray)::

    .venv/bin/python benchmarks/mutasi.py --sample 40 --seed 13
    .venv/bin/python benchmarks/mutasi.py --modul ikm --sample 0      # every mutant

The work happens in a copy of the working tree under a temporary folder; the tests import
that copy (``PYTHONPATH``), so the repository itself is never modified.
"""

from __future__ import annotations

import argparse
import ast
import json
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable

#: module (short name) -> (path in the repository, the fast tests that guard it)
MODUL: dict[str, tuple[str, tuple[str, ...]]] = {
    "ikm": ("src/kinerja_analysis/ikm.py", ("tests/test_ikm.py",)),
    "privacy": ("src/kinerja_analysis/privacy.py", ("tests/test_privacy.py",)),
    "gambaran": ("src/kinerja_analysis/gambaran.py",
                 ("tests/test_gambaran.py", "tests/test_bagian_gambaran.py")),
    "eksekutif": ("src/kinerja_analysis/laporan/eksekutif.py",
                  ("tests/test_eksekutif.py", "tests/test_bagian_eksekutif.py")),
    "dampak": ("src/kinerja_analysis/dampak.py", ("tests/test_dampak.py",)),
    "bagian": ("src/kinerja_analysis/laporan/bagian/__init__.py", ("tests/test_bagian.py",)),
    "bagian.gambaran": ("src/kinerja_analysis/laporan/bagian/gambaran.py",
                        ("tests/test_bagian_gambaran.py",)),
    "bagian.dampak": ("src/kinerja_analysis/laporan/bagian/dampak.py",
                      ("tests/test_bagian_dampak.py",)),
    "bagian.korelasi": ("src/kinerja_analysis/laporan/bagian/korelasi.py",
                        ("tests/test_bagian_korelasi.py",)),
    "bagian.hambatan": ("src/kinerja_analysis/laporan/bagian/hambatan.py",
                        ("tests/test_bagian_hambatan.py",)),
    "bagian.eksekutif": ("src/kinerja_analysis/laporan/bagian/eksekutif.py",
                         ("tests/test_bagian_eksekutif.py",)),
}


def _copy_tree(dst: Path) -> None:
    """The working tree's tracked and new files (not .venv, not ignored ones)."""
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT,
                           check=True, capture_output=True, text=True).stdout.split("\n")
    for f in filter(None, files):
        src = ROOT / f
        if src.is_file():
            (dst / f).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst / f)


def _annotation_spans(source: str) -> list[tuple[int, int, int, int]]:
    """(row, col, end_row, end_col) of every type annotation: with ``from __future__ import
    annotations`` they are never evaluated, so a mutant inside one is equivalent."""
    spans = []
    for node in ast.walk(ast.parse(source)):
        ann: list[ast.expr | None] = []
        if isinstance(node, ast.arg):
            ann = [node.annotation]
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            ann = [node.returns]
        elif isinstance(node, ast.AnnAssign):
            ann = [node.annotation]
        spans += [(a.lineno, a.col_offset, a.end_lineno or a.lineno, a.end_col_offset or 0)
                  for a in ann if a is not None]
    return spans


def _in_spans(row: int, col: int, spans: list[tuple[int, int, int, int]]) -> bool:
    return any((r0, c0) <= (row, col) < (r1, c1) for r0, c0, r1, c1 in spans)


def _skip_all_but(db: Path, sample: int, seed: int, source: str) -> tuple[int, int, int]:
    """Mark annotation mutants and every job outside a seeded sample as skipped; returns
    (total, equivalent annotation mutants, sampled)."""
    con = sqlite3.connect(db)
    spans = _annotation_spans(source)
    specs = con.execute("select job_id, start_pos_row, start_pos_col from mutation_specs")
    equivalent = {j for j, row, col in specs if _in_spans(row, col, spans)}
    total = con.execute("select count(*) from work_items").fetchone()[0]
    jobs = sorted(r[0] for r in con.execute("select job_id from work_items")
                  if r[0] not in equivalent)
    keep = set(jobs) if sample <= 0 or sample >= len(jobs) else set(
        random.Random(seed).sample(jobs, sample))
    con.executemany(
        "insert into work_results (worker_outcome, output, test_outcome, diff, job_id) "
        "values ('SKIPPED', null, null, null, ?)",
        [(j,) for j in [*jobs, *sorted(equivalent)] if j not in keep])
    con.commit()
    con.close()
    return total, len(equivalent), len(keep)


def _counts(db: Path) -> dict[str, object]:
    con = sqlite3.connect(db)
    rows = con.execute("select r.worker_outcome, r.test_outcome, r.diff, s.start_pos_row, "
                       "s.operator_name from work_results r join mutation_specs s "
                       "using (job_id)").fetchall()
    con.close()
    out: dict[str, object] = {"killed": 0, "survived": 0, "incompetent": 0, "timeout": 0}
    survivors = []
    for worker, test, diff, line, op in rows:
        worker, test = str(worker).lower(), str(test).lower()  # stored as enum names
        if worker == "skipped":
            continue
        if worker == "timeout":
            out["timeout"] += 1  # a mutant that hangs the tests counts as detected
        elif test == "killed":
            out["killed"] += 1
        elif test == "survived":
            out["survived"] += 1
            survivors.append({"line": line, "operator": op, "diff": diff})
        else:
            out["incompetent"] += 1
    out["survivors"] = sorted(survivors, key=lambda s: s["line"])
    return out


def run_module(name: str, sample: int, seed: int, work: Path, timeout: float) -> dict:
    path, tests = MODUL[name]
    tree = work / name
    tree.mkdir()
    _copy_tree(tree)
    missing = [t for t in tests if not (tree / t).exists()]
    tests = tuple(t for t in tests if t not in missing)
    if not tests:
        return {"modul": name, "error": f"no tests found: {missing}"}
    cmd = (f"env PYTHONPATH={tree / 'src'} {PY} -m pytest -x -q -p no:cacheprovider "
           f"-o addopts= {' '.join(tests)}")
    cfg = tree / "cr.toml"
    cfg.write_text(
        "[cosmic-ray]\n"
        f'module-path = "{path}"\n'
        f"timeout = {timeout}\n"
        "excluded-modules = []\n"
        f'test-command = "{cmd}"\n'
        "[cosmic-ray.distributor]\n"
        'name = "local"\n', encoding="utf-8")
    db = tree / "cr.sqlite"
    cr = Path(PY).parent / "cosmic-ray"
    subprocess.run([str(cr), "init", str(cfg), str(db)], cwd=tree, check=True)
    total, equivalent, sampled = _skip_all_but(db, sample, seed,
                                               (tree / path).read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    subprocess.run([str(cr), "exec", str(cfg), str(db)], cwd=tree, check=True)
    res = _counts(db)
    res.update(modul=name, path=path, tests=list(tests), total=total,
               annotation_equivalent=equivalent, sampled=sampled,
               seed=seed, seconds=round(time.perf_counter() - t0, 1))
    return res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--modul", nargs="*", default=list(MODUL), choices=list(MODUL))
    ap.add_argument("--sample", type=int, default=40, help="mutants per module (0 = all)")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--timeout", type=float, default=300.0, help="seconds per mutant")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "mutasi")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    rows = []
    with tempfile.TemporaryDirectory(prefix="kinerja-mutasi-") as tmp:
        for name in args.modul:
            print(f"[mutasi] {name}: sample {args.sample or 'all'} (seed {args.seed})",
                  flush=True)
            res = run_module(name, args.sample, args.seed, Path(tmp), args.timeout)
            (args.out / f"{name}.json").write_text(
                json.dumps(res, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
            rows.append(res)
            print(f"[mutasi] {name}: " + ", ".join(
                f"{k} {res.get(k)}" for k in ("total", "annotation_equivalent", "sampled",
                                              "killed", "survived", "incompetent", "timeout",
                                              "seconds")),
                  flush=True)
    print("\n| module | mutants | in annotations | sampled | killed | survived | incompetent "
          "| timeout |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['modul']} | {r.get('total')} | {r.get('annotation_equivalent')} | "
              f"{r.get('sampled')} | {r.get('killed')} | "
              f"{r.get('survived')} | {r.get('incompetent')} | {r.get('timeout')} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
