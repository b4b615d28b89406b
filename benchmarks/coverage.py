"""Coverage study: share of 95 % intervals that cover the planted effects on demo data.

For each seed: ``synth.generate(scale, seed)`` -> ``prepare`` -> unit-quarter panel ->
Callaway-Sant'Anna (not-yet-treated controls, Webb multiplier bootstrap, t(G-1)), TWFE
(wild cluster restricted bootstrap), Borusyak-Jaravel-Spiess imputation (t(G-1)) for
ikm / skor_kinerja / kehadiran against the planted ``att_simple``; and the coaching RD
against the planted coaching effect. Writes ``coverage_seeds.csv`` (every seed) and
``coverage_table.md`` into ``--out``; the discussion with the table of the last full run is
in ``benchmarks/coverage.md``.

Usage::

    .venv/bin/python benchmarks/coverage.py --seeds 200 --jobs 2
    .venv/bin/python benchmarks/coverage.py --seeds 20 --start 1000 --out /tmp/cov

Not part of the test suite (takes about 4 s per seed and core on banyumanik).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import warnings
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent


def run_seed(args: tuple[int, str, int]) -> list[dict]:
    """All estimates for one seed, one row per (estimator, outcome)."""
    seed, scale, n_bootstrap = args
    warnings.simplefilter("ignore")
    from kinerja_analysis import dampak, rd, synth
    from kinerja_analysis.muat import muat
    from kinerja_analysis.prepare import prepare

    rows: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        truth = synth.generate(Path(tmp) / "raw", scale, seed)
        prepare(Path(tmp) / "raw", Path(tmp) / "proc", key=b"k" * 32)
        data = muat(Path(tmp) / "proc")
        t_data = time.perf_counter() - t0
        t0 = time.perf_counter()
        panel = dampak.panel_unit_triwulan(data.kebijakan, data.penilaian_kinerja,
                                           data.survei_kepuasan)
        for y in dampak.HASIL:
            true = truth["dampak"][y]["att_simple"]
            cs = dampak.estimasi_cs(panel, y, n_bootstrap=n_bootstrap, seed=seed)
            tw = dampak.estimasi_twfe(panel, y, n_bootstrap=n_bootstrap, seed=seed)
            bjs = dampak.estimasi_imputasi(panel, y)
            for name, r in (("CS", cs.att), ("TWFE", tw), ("BJS imputasi", bjs)):
                rows.append({"seed": seed, "estimator": name, "outcome": y, "truth": true,
                             "estimate": r["estimate"], "ci_low": r["ci_low"],
                             "ci_high": r["ci_high"],
                             "pretrend_p": cs.pretrend_p_value if name == "CS" else None})
        rdd = rd.panel_rd(data.penilaian_kinerja, data.tindak_lanjut)
        r = rd.estimasi_rd(rdd, cutoff=truth["pembinaan_rd"]["cutoff"], density=False)
        rows.append({"seed": seed, "estimator": "RD " + r["jenis"], "outcome": "pembinaan",
                     "truth": truth["pembinaan_rd"]["effect"], "estimate": r["estimate"],
                     "ci_low": r["ci_low"], "ci_high": r["ci_high"]})
        t_est = time.perf_counter() - t0
    for row in rows:
        row["t_data"], row["t_est"] = t_data, t_est
    return rows


def table(df: pd.DataFrame) -> pd.DataFrame:
    """Coverage, bias, RMSE and mean interval width per estimator and outcome."""
    df = df.assign(cover=(df["ci_low"] <= df["truth"]) & (df["truth"] <= df["ci_high"]),
                   err=df["estimate"] - df["truth"], width=df["ci_high"] - df["ci_low"])
    g = df.groupby(["outcome", "estimator"], sort=False)
    out = g.agg(n=("seed", "size"), coverage=("cover", "mean"), bias=("err", "mean"),
                rmse=("err", lambda e: float(np.sqrt(np.mean(e ** 2)))),
                mean_width=("width", "mean"), mean_truth=("truth", "mean")).reset_index()
    # Monte Carlo standard error of a coverage share
    out["coverage_mcse"] = np.sqrt(out["coverage"] * (1 - out["coverage"]) / out["n"])
    if "pretrend_p" in df:  # size of the pre-trend test (no planted pre-trends)
        rej = df.groupby(["outcome", "estimator"], sort=False)["pretrend_p"].apply(
            lambda p: float((p.dropna() < 0.05).mean()) if p.notna().any() else np.nan)
        out = out.merge(rej.rename("pretrend_reject_5pct").reset_index(),
                        on=["outcome", "estimator"], how="left")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seeds", type=int, default=200)
    ap.add_argument("--start", type=int, default=1)
    ap.add_argument("--scale", default="banyumanik")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--bootstrap", type=int, default=999)
    ap.add_argument("--out", type=Path, default=Path("/tmp/kinerja-coverage"))
    a = ap.parse_args(argv)
    a.out.mkdir(parents=True, exist_ok=True)
    seeds = range(a.start, a.start + a.seeds)
    t0 = time.perf_counter()
    rows: list[dict] = []
    with ProcessPoolExecutor(a.jobs) as ex:
        for i, r in enumerate(ex.map(run_seed, [(s, a.scale, a.bootstrap) for s in seeds]), 1):
            rows.extend(r)
            if i % 10 == 0:
                print(f"{i}/{a.seeds} seeds, {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    df = pd.DataFrame(rows)
    df.to_csv(a.out / "coverage_seeds.csv", index=False)
    tab = table(df)
    wall = time.perf_counter() - t0
    md = [
        "# Coverage of 95 % intervals on demo data",
        "",
        f"Scale `{a.scale}`, seeds {a.start}..{a.start + a.seeds - 1} ({a.seeds} data sets), "
        f"{a.bootstrap} bootstrap draws, {a.jobs} processes, wall time {wall:.0f} s. "
        "Generated by `benchmarks/coverage.py`; per-seed rows in `coverage_seeds.csv`.",
        "",
        "| outcome | estimator | n | coverage | MC s.e. | bias | RMSE | mean CI width "
        "| mean planted | pre-trend test rejects at 5 % |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in tab.itertuples():
        pre = getattr(r, "pretrend_reject_5pct", np.nan)
        pre_s = "" if pd.isna(pre) else f"{pre:.3f}"
        md.append(f"| {r.outcome} | {r.estimator} | {r.n} | {r.coverage:.3f} | "
                  f"{r.coverage_mcse:.3f} | {r.bias:.3f} | {r.rmse:.3f} | {r.mean_width:.3f} "
                  f"| {r.mean_truth:.3f} | {pre_s} |")
    (a.out / "coverage_table.md").write_text("\n".join(md) + "\n", encoding="utf-8")
    print("\n".join(md))
    print(json.dumps({"wall_s": round(wall, 1)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
