"""Scale benchmark: ``kinerja prepare`` / ``kinerja report`` at every demo scale.

For each scale the script generates ``kinerja demo-data`` into a temporary folder and
times, with ``/usr/bin/time -v`` (wall clock, CPU = user + system, peak resident memory):

* ``kinerja prepare`` at every scale;
* the *floor* at the national scale: reading the same CSV files with ``pyarrow.csv`` and
  writing them as Parquet (``pyarrow.parquet``), nothing else, in the same run;
* ``kinerja report`` and its *floor* (the notebooks cut down to their parameter and import
  cells, :func:`floor_notebooks`), alternating ``--repeats`` times, at every scale of
  ``--report-scales`` (once at the national scale, where it also gives the analyses' time
  after ``prepare`` from ``manifest.json``); a failing notebook is recorded, the run goes on;
* before/after: the ``prepare`` of an earlier git revision (``--baseline``, its
  ``contract.py``, ``ingest.py`` and ``prepare.py`` over the current package) against the
  current one, on banyumanik, semarang and a 1/10 national sample (8,000 units; the old
  code cannot hold the full national data in memory).

The table goes to ``benchmarks/results.md`` (with the date and the machine). Generated data
and outputs (several GB at the national scale) are deleted at the end unless ``--keep``.

Usage::

    make bench
    .venv/bin/python benchmarks/bench.py --scales banyumanik,semarang --no-report
    .venv/bin/python benchmarks/bench.py --baseline 661c597 --workdir /tmp/kb

Not part of the test suite (the national scale takes about 33 minutes in all, about 11 of
them for its report; ``--report-scales banyumanik,semarang`` leaves that out).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
KINERJA = str(BIN / "kinerja")
PY = sys.executable
SCALES = ("banyumanik", "semarang", "nasional")
SAMPLE_UNITS = 8000  # 1/10 of the national units (synth's _n_units knob)
BASELINE_FILES = ("contract.py", "ingest.py", "prepare.py")
KEY = "kunci-benchmark-kinerja-analysis-0000"  # never the user's key file

FLOOR = r"""
import sys, pathlib
import pyarrow.csv as pacsv, pyarrow.parquet as pq
src, dst = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
dst.mkdir(parents=True, exist_ok=True)
for f in sorted(src.glob("*.csv")):
    sep = ";" if f.name == "penilaian_kinerja.csv" else ","
    t = pacsv.read_csv(f, parse_options=pacsv.ParseOptions(delimiter=sep))
    pq.write_table(t, dst / (f.stem + ".parquet"))
"""


def floor_notebooks(src: Path, dst: Path) -> Path:
    """The report's floor: each notebook cut down to its parameter and import cells.

    The import cell (the first code cell after ``parameters``) keeps its ``import`` lines
    and the data load (``muat_atau_siapkan``); everything else is dropped. Run through
    ``kinerja report --notebooks`` it pays what every report pays (start-up, prepare,
    kernel, imports, loading the data, papermill, HTML export) and no analysis.
    """
    import nbformat

    dst.mkdir(parents=True, exist_ok=True)
    for path in sorted(src.glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(str(path), as_version=4)
        cells, seen_params = [], False
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            if "parameters" in cell.metadata.get("tags", []):
                cells.append(cell)
                seen_params = True
                continue
            if seen_params:
                keep, cont = [], False
                for line in cell.source.splitlines():
                    start = line.startswith(("import ", "from "))
                    if start or cont or "muat_atau_siapkan(" in line:
                        keep.append(line)
                        cont = line.rstrip().endswith(("(", ","))
                cell.source = "\n".join(keep)
                cells.append(cell)
                break
        nb.cells = cells
        nbformat.write(nb, str(dst / path.name))
    return dst


@dataclass
class Run:
    """One timed command."""

    what: str
    scale: str
    wall: float
    cpu: float
    rss_gib: float
    ok: bool
    note: str = ""
    tree_gib: float = 0.0  # peak of the summed RSS of all processes of the command


def _seconds(text: str) -> float:
    parts = [float(p) for p in text.split(":")]
    total = 0.0
    for p in parts:
        total = total * 60 + p
    return total


def _tree_rss(root: int) -> int:
    """Summed RSS (bytes) of ``root`` and all its descendants (Linux /proc)."""
    parent: dict[int, int] = {}
    rss: dict[int, int] = {}
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            stat = (d / "stat").read_text()
            fields = stat[stat.rindex(")") + 2 :].split()
            parent[int(d.name)] = int(fields[1])
            rss[int(d.name)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, ValueError, IndexError):
            continue
    total, todo = 0, [root]
    children: dict[int, list[int]] = {}
    for pid, ppid in parent.items():
        children.setdefault(ppid, []).append(pid)
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, []))
    return total


def timed(what: str, scale: str, cmd: list[str], env: dict[str, str] | None = None,
          log: Path | None = None) -> Run:
    """Run ``cmd`` under ``/usr/bin/time -v``; parse wall, CPU and peak RSS.

    ``/usr/bin/time`` reports the largest single process; the summed RSS of the whole
    process tree (worker processes included; shared pages counted in each) is sampled
    every 0.5 s as well.
    """
    with tempfile.NamedTemporaryFile("r", suffix=".time", delete=False) as tf:
        tpath = Path(tf.name)
    full = ["/usr/bin/time", "-v", "-o", str(tpath), *cmd]
    print(f"[bench] {what} ({scale}): {' '.join(cmd)}", flush=True)
    t0 = time.perf_counter()
    with tempfile.TemporaryFile("w+") as so, tempfile.TemporaryFile("w+") as se:
        proc = subprocess.Popen(full, env={**os.environ, **(env or {})}, stdout=so,
                                stderr=se, text=True, errors="replace")
        tree = 0
        while proc.poll() is None:
            tree = max(tree, _tree_rss(proc.pid))
            time.sleep(0.5)
        so.seek(0)
        se.seek(0)
        out = subprocess.CompletedProcess(full, proc.returncode, so.read(), se.read())
    elapsed = time.perf_counter() - t0
    if log is not None:
        log.write_text(out.stdout + "\n--- stderr ---\n" + out.stderr, encoding="utf-8")
    text = tpath.read_text(errors="replace")
    tpath.unlink(missing_ok=True)
    m = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", text)
    wall = _seconds(m.group(1)) if m else elapsed
    user = float(re.search(r"User time \(seconds\): (\S+)", text).group(1))
    sys_ = float(re.search(r"System time \(seconds\): (\S+)", text).group(1))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1))
    note = ""
    if out.returncode != 0:
        tail = [ln for ln in out.stderr.strip().splitlines() if ln.strip()][-1:] or [""]
        note = f"exit {out.returncode}: {tail[0][:160]}"
    run = Run(what, scale, wall, user + sys_, rss / 1024**2, out.returncode == 0, note,
              tree / 1024**3)
    print(f"[bench]   wall {run.wall:.1f} s, CPU {run.cpu:.1f} s, peak {run.rss_gib:.2f} GiB "
          f"(tree {run.tree_gib:.2f} GiB)"
          f"{'' if run.ok else ' FAILED ' + note}", flush=True)
    return run


def machine() -> str:
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "?"
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        mem = f"{kb / 1024**2:.0f} GiB"
    except (OSError, AttributeError):
        pass
    import pandas
    import pyarrow

    return (f"{cpu}, {os.cpu_count()} cores, {mem} RAM, {platform.system()} "
            f"{platform.release()}; Python {platform.python_version()}, pandas "
            f"{pandas.__version__}, pyarrow {pyarrow.__version__}")


def parallel_speedup() -> float:
    """CPU capacity actually available: time of 2 busy processes / time of 1."""
    code = "import time\nt=time.perf_counter()\nx=0\nfor i in range(6_000_000): x+=i\n" \
           "print(time.perf_counter()-t)"
    one = float(subprocess.run([PY, "-c", code], capture_output=True, text=True).stdout)
    procs = [subprocess.Popen([PY, "-c", code], stdout=subprocess.PIPE, text=True)
             for _ in range(2)]
    two = max(float(p.communicate()[0]) for p in procs)
    return 2 * one / two


def baseline_package(rev: str, work: Path) -> Path | None:
    """The current package with contract/ingest/prepare from git revision ``rev``."""
    dst = work / "baseline"
    shutil.rmtree(dst, ignore_errors=True)
    shutil.copytree(ROOT / "src" / "kinerja_analysis", dst / "kinerja_analysis")
    for name in BASELINE_FILES:
        out = subprocess.run(["git", "-C", str(ROOT), "show",
                              f"{rev}:src/kinerja_analysis/{name}"],
                             capture_output=True, text=True)
        if out.returncode != 0:
            print(f"[bench] baseline {rev} not available: {out.stderr.strip()}")
            return None
        (dst / "kinerja_analysis" / name).write_text(out.stdout, encoding="utf-8")
    return dst


def generate(scale: str, out: Path, units: int | None = None) -> Run:
    if units is None:
        return timed("demo-data", scale, [KINERJA, "demo-data", "--scale", scale, "--out",
                                          str(out), "--seed", "2026"])
    code = ("import sys; from kinerja_analysis import synth; "
            f"synth.generate(sys.argv[1], 'nasional', 2026, _n_units={units})")
    return timed("demo-data", scale, [PY, "-c", code, str(out)])


def prepare_cmd(data: Path, out: Path, pythonpath: Path | None = None) -> tuple[list, dict]:
    env = {"KINERJA_PSEUDONYM_KEY": KEY}
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
        return [PY, "-m", "kinerja_analysis.cli", "prepare", "--data", str(data),
                "--processed", str(out)], env
    return [KINERJA, "prepare", "--data", str(data), "--processed", str(out)], env


def dir_size(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1024**3


def report_runs(label: str, raw: Path, folder: Path, logs: Path, repeats: int) -> list[Run]:
    """``kinerja report`` and its floor (import cells only), alternating, same machine state.

    Each run also records the seconds of each step from the run's ``manifest.json``
    (``durasi_langkah``), so the analyses can be told apart from ``prepare``.
    """
    floor_nb = floor_notebooks(ROOT / "notebooks", folder / "floor_notebooks")
    out: list[Run] = []
    for i in range(repeats):
        for what, nb in (("report floor", floor_nb), ("report", ROOT / "notebooks")):
            dest = folder / f"reports-{what.replace(' ', '_')}"
            shutil.rmtree(dest, ignore_errors=True)
            cmd = [KINERJA, "report", "--data", str(raw), "--out", str(dest), "--processed",
                   str(folder / "processed_report"), "--no-progress", "--notebooks", str(nb)]
            run = timed(what, label, cmd, {"KINERJA_PSEUDONYM_KEY": KEY},
                        logs / f"{what.replace(' ', '_')}-{label.replace('/', '_')}-{i}.log")
            manifest = dest / "manifest.json"
            if run.ok and manifest.exists():
                import json

                steps = json.loads(manifest.read_text(encoding="utf-8")).get("durasi_langkah")
                if steps:
                    run.note = ", ".join(f"{k} {v:.1f} s" for k, v in steps.items())
            out.append(run)
    return out


# Targets of issue 8 for `kinerja report`: (wall s, peak GiB, ratio to the floor).
REPORT_TARGETS = {"banyumanik": (25, 1.0, 1.3), "semarang": (90, None, None)}


def _step(run: Run, name: str) -> float | None:
    m = re.search(rf"{name} ([0-9.]+) s", run.note)
    return float(m.group(1)) if m else None


def report_summary(runs: list[Run]) -> list[str]:
    """The report-against-floor section: fastest run of each kind per scale."""
    lines: list[str] = []
    for scale in dict.fromkeys(r.scale for r in runs if r.what == "report"):
        full = [r for r in runs if r.what == "report" and r.scale == scale and r.ok]
        floor = [r for r in runs if r.what == "report floor" and r.scale == scale and r.ok]
        if not full:
            lines += ["", f"* `kinerja report` ({scale}): FAILED."]
            continue
        best = min(full, key=lambda r: r.wall)
        if not lines:
            lines += ["", "## Report against its floor", "",
                      "Fastest of the alternating runs of each kind (the floor is the same "
                      "notebooks cut down to their parameter and import cells, run by "
                      "`kinerja report` the same way).", ""]
        wall, peak, ratio_max = REPORT_TARGETS.get(scale, (None, None, None))
        text = f"* {scale}: report {best.wall:.1f} s, peak {best.rss_gib:.2f} GiB"
        if floor:
            fl = min(floor, key=lambda r: r.wall)
            ratio = best.wall / fl.wall
            text += f"; floor {fl.wall:.1f} s; ratio {ratio:.2f}x"
            nb, nb_floor = _step(best, "notebooks"), _step(fl, "notebooks")
            if nb is not None and nb_floor is not None:
                text += f" (notebook step {nb:.1f} s vs {nb_floor:.1f} s)"
            if ratio_max:
                text += f"; at most {ratio_max}x: {'met' if ratio <= ratio_max else 'NOT met'}"
        if wall:
            text += f"; under {wall} s: {'met' if best.wall < wall else 'NOT met'}"
        if peak:
            text += f"; under {peak:g} GiB: {'met' if best.rss_gib < peak else 'NOT met'}"
        if scale == "nasional":
            after = sum(_step(best, k) or 0 for k in ("notebooks", "html", "index"))
            text += (f"; analyses and pages after `prepare` {after:.0f} s, target under "
                     f"10 min: {'met' if after < 600 else 'NOT met'}")
        lines.append(text + ".")
    return lines


def write_results(path: Path, runs: list[Run], sizes: dict[str, float], info: dict) -> None:
    by = {(r.what, r.scale): r for r in runs}
    lines = [
        "# Benchmark results",
        "",
        f"Run {info['date']} with `benchmarks/bench.py` on: {info['machine']}.",
        f"Parallel capacity measured at the start: two busy processes ran "
        f"{info['speedup']:.2f}x as fast as one (1.0 = the two cores share one core's time).",
        "",
        "Times from `/usr/bin/time -v`: wall clock, CPU = user + system (all processes), "
        "peak = maximum resident set size of the largest process; tree = peak of the summed "
        "resident sets of the command and its worker processes, sampled every 0.5 s (pages "
        "shared after `fork` are counted in every process, so this is an upper bound).",
        "",
        "## Every scale",
        "",
        "| step | scale | input CSV | wall (s) | CPU (s) | peak (GiB) | tree (GiB) | note |",
        "|---|---|---:|---:|---:|---:|---:|---|",
    ]
    for r in runs:
        if r.what.startswith("prepare (baseline"):
            continue
        gib = sizes.get(r.scale)
        size = "" if gib is None else (f"{gib:.2f} GiB" if gib >= 1 else f"{gib * 1024:.0f} MiB")
        lines.append(f"| {r.what} | {r.scale} | {size} | {r.wall:.1f} | {r.cpu:.1f} | "
                     f"{r.rss_gib:.2f} | {r.tree_gib:.2f} | "
                     f"{r.note if r.ok else 'FAILED ' + r.note} |")
    nat, floor = by.get(("prepare", "nasional")), by.get(("floor", "nasional"))
    if nat and floor:
        ratio = nat.wall / floor.wall
        lines += [
            "",
            "## National targets",
            "",
            f"* `kinerja prepare` wall {nat.wall:.0f} s = {ratio:.2f}x the floor "
            f"({floor.wall:.0f} s); target at most 3x: "
            f"{'met' if ratio <= 3 else 'NOT met'}.",
            f"* under 5 minutes: {'met' if nat.wall < 300 else 'NOT met'} "
            f"({nat.wall / 60:.1f} min).",
            f"* peak memory {nat.rss_gib:.2f} GiB in the largest process, "
            f"{nat.tree_gib:.2f} GiB summed over the process tree; target under 12 GiB: "
            f"{'met' if max(nat.rss_gib, nat.tree_gib) < 12 else 'NOT met'}.",
        ]
    lines += report_summary(runs)
    pairs = [(s, by.get((f"prepare (baseline {info['baseline']})", s)),
              by.get(("prepare (sample)", s)) or by.get(("prepare", s)))
             for s in ("banyumanik", "semarang", "nasional/10")]
    pairs = [(s, b, a) for s, b, a in pairs if b is not None and a is not None]
    if pairs:
        lines += [
            "",
            f"## Before / after (baseline = git {info['baseline']}, same run)",
            "",
            "The baseline is the `contract.py`, `ingest.py` and `prepare.py` of that revision "
            "over the current package; `nasional/10` is the first 8,000 units of the "
            "national demo data.",
            "",
            "| scale | before wall (s) | after wall (s) | speed-up | before peak (GiB) | "
            "after peak (GiB) |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for s, b, a in pairs:
            sp = f"{b.wall / a.wall:.1f}x" if b.ok and a.ok else "-"
            lines.append(f"| {s} | {b.wall:.1f}{'' if b.ok else ' (failed)'} | {a.wall:.1f} | "
                         f"{sp} | {b.rss_gib:.2f} | {a.rss_gib:.2f} |")
    lines += ["", "Raw logs of the last run were in the work folder "
              f"(`{info['work']}`, deleted unless `--keep`).", ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    print(f"[bench] wrote {path}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scales", default=",".join(SCALES))
    ap.add_argument("--baseline", default=None,
                    help="git revision whose contract/ingest/prepare are the 'before'")
    ap.add_argument("--no-report", action="store_true", help="skip `kinerja report`")
    ap.add_argument("--report-scales", default="banyumanik,semarang,nasional",
                    help="scales at which `kinerja report` (and its floor) is timed")
    ap.add_argument("--repeats", type=int, default=2,
                    help="alternating report / floor runs per scale (the fastest counts)")
    ap.add_argument("--no-sample", action="store_true",
                    help="skip the 1/10 national sample (before/after)")
    ap.add_argument("--workdir", type=Path, default=None)
    ap.add_argument("--keep", action="store_true", help="keep generated data and outputs")
    ap.add_argument("--results", type=Path, default=ROOT / "benchmarks" / "results.md")
    args = ap.parse_args(argv)
    scales = [s for s in args.scales.split(",") if s]
    work = args.workdir or Path(tempfile.mkdtemp(prefix="kinerja-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    logs = work / "logs"
    logs.mkdir(exist_ok=True)
    info = {"date": _dt.datetime.now().strftime("%Y-%m-%d %H:%M"), "machine": machine(),
            "speedup": parallel_speedup(), "baseline": args.baseline, "work": work}
    base_pkg = baseline_package(args.baseline, work) if args.baseline else None
    runs: list[Run] = []
    sizes: dict[str, float] = {}
    try:
        jobs = [(s, s, None) for s in scales]
        if not args.no_sample and base_pkg is not None:
            jobs.insert(min(2, len(jobs)), ("nasional/10", "nasional_10", SAMPLE_UNITS))
        for label, folder, units in jobs:
            raw = work / folder / "raw"
            runs.append(generate(label, raw, units))
            sizes[label] = dir_size(raw)
            if base_pkg is not None and label != "nasional":
                cmd, env = prepare_cmd(raw, work / folder / "proc_before", base_pkg)
                runs.append(timed(f"prepare (baseline {args.baseline})", label, cmd, env,
                                  logs / f"before-{folder}.log"))
                shutil.rmtree(work / folder / "proc_before", ignore_errors=True)
            cmd, env = prepare_cmd(raw, work / folder / "processed")
            what = "prepare (sample)" if units else "prepare"
            runs.append(timed(what, label, cmd, env, logs / f"prepare-{folder}.log"))
            if label in ("nasional/10", "nasional"):  # one process vs two workers
                shutil.rmtree(work / folder / "processed", ignore_errors=True)
                runs.append(timed("prepare, 1 process", label, cmd,
                                  {**env, "KINERJA_PREPARE_JOBS": "1"},
                                  logs / f"prepare1-{folder}.log"))
            if label == "nasional":
                runs.append(timed("floor", label, [PY, "-c", FLOOR, str(raw),
                                                   str(work / folder / "floor")],
                                  log=logs / "floor.log"))
                shutil.rmtree(work / folder / "floor", ignore_errors=True)
            if not args.no_report and label in args.report_scales.split(","):
                runs.extend(report_runs(label, raw, work / folder, logs,
                                        args.repeats if label != "nasional" else 1))
            if not args.keep:
                shutil.rmtree(work / folder, ignore_errors=True)
    finally:
        write_results(args.results, runs, sizes, info)
        if not args.keep and args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0 if all(r.ok for r in runs if r.what != "report") else 1


if __name__ == "__main__":
    sys.exit(main())
