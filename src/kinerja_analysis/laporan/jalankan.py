"""The report run: prepare -> papermill notebooks -> HTML -> results.json, manifest, index.

Output layout (``OUT`` = ``--out``)::

    OUT/index.html                 every reported period, links, trend of headline numbers
    OUT/results.json, manifest.json   copies from the most recent run
    OUT/<periode>/index.html       the period's reports
    OUT/<periode>/NN_name.html     one self-contained page per notebook
    OUT/<periode>/results.json     the numbers the pages show
    OUT/<periode>/manifest.json    version, parameters, input hashes, times, library versions
    OUT/_gagal-<periode>/          executed notebooks of a failed run, for inspection

A period folder is built aside and moved into place only when complete, so an interrupted
run leaves the previous report intact.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import pandas as pd

from .. import __version__, atomic, i18n
from ..prepare import input_hashes, prepare
from . import ekspor, hasil, indeks, teks

EXIT_OK = 0
EXIT_DATA_INVALID = 1
EXIT_NOTEBOOK_FAILED = 2
EXIT_USAGE = 3

DEFAULT_PARAMS: dict[str, Any] = {
    "k_min_pegawai": 10,
    "k_min_responden": 5,
    "seed": 2026,
}
_LIBS = (
    "pandas",
    "numpy",
    "scipy",
    "statsmodels",
    "matplotlib",
    "seaborn",
    "pyarrow",
    "babel",
    "papermill",
    "nbconvert",
    "nbformat",
    "ipykernel",
)


class NotebookFailedError(Exception):
    """A notebook raised; names the notebook, the cell and where the executed copy is kept."""

    def __init__(self, notebook: str, cell: int | None, ename: str, evalue: str, kept: Path):
        self.notebook, self.cell, self.ename, self.evalue, self.kept = (
            notebook,
            cell,
            ename,
            evalue,
            kept,
        )
        super().__init__(f"{notebook} cell {cell}: {ename}: {evalue}")


@dataclass
class ReportResult:
    """Where the report landed and what it used."""

    out_dir: Path
    periode: str
    pages: dict[str, Path] = field(default_factory=dict)
    results: dict = field(default_factory=dict)
    skipped: bool = False


def default_notebooks_dir() -> Path:
    """``./notebooks`` if present, else the repository's ``notebooks/`` (editable install)."""
    here = Path.cwd() / "notebooks"
    if here.is_dir():
        return here
    return Path(__file__).resolve().parents[3] / "notebooks"


def _last_triwulan(processed: Path) -> str:
    periods = []
    for name, col in (("penilaian_kinerja", "triwulan"), ("survei_kepuasan", "triwulan")):
        path = processed / f"{name}.parquet"
        if path.exists():
            s = pd.read_parquet(path, columns=[col])[col].dropna()
            if len(s):
                periods.append(str(s.max()))
    if not periods:
        raise ValueError("no periods in the processed data")
    return max(periods)


def _versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for lib in _LIBS:
        try:
            out[lib] = metadata.version(lib)
        except metadata.PackageNotFoundError:
            out[lib] = "absent"
    return out


def _kernel_env() -> None:
    # Two cores: kernels must not each start a BLAS thread pool per core.
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")


def _ipc_kernel_manager(socket_dir: Path) -> type:
    """Kernel manager on IPC sockets in a private folder instead of TCP ports on loopback."""
    from jupyter_client.manager import AsyncKernelManager

    class IPCKernelManager(AsyncKernelManager):
        def __init__(self, **kwargs: Any):
            kwargs.setdefault("transport", "ipc")
            kwargs.setdefault("ip", str(socket_dir / "kernel"))
            super().__init__(**kwargs)

    return IPCKernelManager


def _execute(nb_path: Path, out_nb: Path, params: Mapping[str, Any], cwd: Path) -> None:
    import tempfile

    import papermill as pm

    try:
        with tempfile.TemporaryDirectory(prefix="kinerja-kernel-") as sockets:
            pm.execute_notebook(
                str(nb_path),
                str(out_nb),
                parameters=dict(params),
                kernel_name="python3",
                progress_bar=False,
                cwd=str(cwd),
                log_output=False,
                request_save_on_cell_execute=False,
                kernel_manager_class=_ipc_kernel_manager(Path(sockets)),
                # Kernel-process log lines (shutdown races) are noise here; cell errors
                # still surface through papermill with the notebook and cell named.
                extra_arguments=["--IPKernelApp.log_level=CRITICAL"],
            )
    except pm.PapermillExecutionError as err:
        raise NotebookFailedError(
            nb_path.name, err.exec_count, err.ename, err.evalue, out_nb
        ) from None
    except Exception as err:  # kernel could not start, bad notebook file, ...
        raise NotebookFailedError(nb_path.name, None, type(err).__name__, str(err), out_nb) from err


def run_report(
    data_dir: str | Path,
    out_dir: str | Path,
    *,
    processed_dir: str | Path | None = None,
    lang: str = "id",
    params: Mapping[str, Any] | None = None,
    periode_akhir: str | None = None,
    lenient: bool = False,
    skip_unchanged: bool = False,
    notebooks_dir: str | Path | None = None,
    log: Callable[[str], None] = print,
    progress_bar: bool = True,
) -> ReportResult:
    """Run the whole report; see the module docstring for the output layout.

    Raises
    ------
    prepare.DataInvalidError
        Inputs break the data contract (strict mode). Exit code 1 in the CLI.
    NotebookFailedError
        A notebook failed; the executed copy is kept. Exit code 2 in the CLI.
    """
    lang = i18n.check_lang(lang)
    t0 = time.time()
    started = datetime.now(UTC).isoformat(timespec="seconds")
    data_dir, out_dir = Path(data_dir).resolve(), Path(out_dir).resolve()
    processed = Path(processed_dir or "data/processed").resolve()
    nb_dir = Path(notebooks_dir or default_notebooks_dir()).resolve()
    notebooks = sorted(nb_dir.glob("[0-9][0-9]_*.ipynb"))
    if not notebooks:
        raise FileNotFoundError(f"no notebooks in {nb_dir}")
    n_steps = 4

    def step(i: int, key: str, **kw: Any) -> None:
        log(f"[{i}/{n_steps}] " + i18n.translate(teks.LOG, key, lang, **kw))

    hashes = input_hashes(data_dir)
    all_params = {**DEFAULT_PARAMS, **dict(params or {})}
    if skip_unchanged and periode_akhir:
        prev = out_dir / periode_akhir / "manifest.json"
        if prev.exists():
            old = json.loads(prev.read_text(encoding="utf-8"))
            if (
                old.get("input_sha256") == hashes
                and old.get("versi") == __version__
                and old.get("parameter") == _manifest_params(all_params, lang, periode_akhir)
            ):
                log(i18n.translate(teks.LOG, "skip", lang, periode=periode_akhir))
                return ReportResult(out_dir, periode_akhir, skipped=True)

    step(1, "prepare", data=str(data_dir))
    prep = prepare(data_dir, processed, lenient=lenient, progress=lambda m: log(f"      {m}"))
    periode = periode_akhir or _last_triwulan(processed)
    if skip_unchanged and not periode_akhir:
        prev = out_dir / periode / "manifest.json"
        if prev.exists():
            old = json.loads(prev.read_text(encoding="utf-8"))
            if (
                old.get("input_sha256") == hashes
                and old.get("versi") == __version__
                and old.get("parameter") == _manifest_params(all_params, lang, periode)
            ):
                log(i18n.translate(teks.LOG, "skip", lang, periode=periode))
                return ReportResult(out_dir, periode, skipped=True)

    out_dir.mkdir(parents=True, exist_ok=True)
    build = out_dir / f".build-{periode}"
    shutil.rmtree(build, ignore_errors=True)
    results_dir = build / "_hasil"
    exec_dir = build / "_notebook"
    results_dir.mkdir(parents=True)
    exec_dir.mkdir()
    nb_params = {
        **all_params,
        "processed_dir": str(processed),
        "results_dir": str(results_dir),
        "lang": lang,
        "periode_akhir": periode,
    }

    step(2, "notebooks", n=len(notebooks))
    _kernel_env()
    bar = None
    if progress_bar:
        from tqdm.auto import tqdm

        bar = tqdm(total=len(notebooks), unit="nb", file=sys.stderr, leave=False)
    try:
        for nb in notebooks:
            if bar is not None:
                bar.set_description(nb.stem)
            _execute(nb, exec_dir / nb.name, nb_params, nb_dir)
            if bar is not None:
                bar.update(1)
            log(f"      ✓ {nb.stem}")
    except NotebookFailedError:
        if bar is not None:
            bar.close()
        failed = out_dir / f"_gagal-{periode}"
        shutil.rmtree(failed, ignore_errors=True)
        os.replace(build, failed)
        raise
    if bar is not None:
        bar.close()

    step(3, "html")
    meta = {
        "periode_akhir": periode,
        "lang": lang,
        "versi": __version__,
        "tanggal_data": prep.ringkasan.get("tanggal_data"),
    }
    results = hasil.gabung(results_dir, meta)
    atomic.write_json(build / "results.json", results)
    pages: dict[str, Path] = {}
    header = teks.header_footer(
        lang,
        periode,
        meta["tanggal_data"],
        hashes,
        reproduce=_reproduce_cmd(data_dir, lang, periode, params),
    )
    for nb in notebooks:
        title = teks.judul_notebook(nb.stem, lang)
        target = build / f"{nb.stem}.html"
        ekspor.ekspor_html(
            exec_dir / nb.name,
            target,
            lang=lang,
            kinerja={**header, "judul": title},
            toc_title=teks.page_text("toc", lang),
        )
        pages[nb.stem] = target

    step(4, "index")
    finished = datetime.now(UTC).isoformat(timespec="seconds")
    manifest = {
        "versi": __version__,
        "parameter": _manifest_params(all_params, lang, periode),
        "input_sha256": hashes,
        "mulai": started,
        "selesai": finished,
        "durasi_detik": round(time.time() - t0, 1),
        "versi_pustaka": _versions(),
        "baris": {
            k: {kk: v[kk] for kk in ("read", "accepted", "rejected")}
            for k, v in prep.ringkasan.get("input", {}).items()
        },
    }
    atomic.write_json(build / "manifest.json", manifest)
    indeks.tulis_indeks_periode(build, periode, lang, pages, results)
    shutil.rmtree(exec_dir)
    shutil.rmtree(results_dir)
    final = atomic.replace_dir(build, out_dir / periode)
    shutil.copyfile(final / "results.json", out_dir / ".results.json.tmp")
    os.replace(out_dir / ".results.json.tmp", out_dir / "results.json")
    shutil.copyfile(final / "manifest.json", out_dir / ".manifest.json.tmp")
    os.replace(out_dir / ".manifest.json.tmp", out_dir / "manifest.json")
    indeks.tulis_indeks(out_dir, lang)
    log(
        i18n.translate(
            teks.LOG,
            "done",
            lang,
            path=str(out_dir / "index.html"),
            detik=i18n.fmt_number(time.time() - t0, 1, lang),
        )
    )
    return ReportResult(
        out_dir, periode, pages={k: final / v.name for k, v in pages.items()}, results=results
    )


def _manifest_params(params: Mapping[str, Any], lang: str, periode: str) -> dict[str, Any]:
    return {**{k: params[k] for k in sorted(params)}, "lang": lang, "periode_akhir": periode}


def _reproduce_cmd(
    data_dir: Path, lang: str, periode: str, params: Mapping[str, Any] | None
) -> str:
    extra = "".join(f" -p {k} {v}" for k, v in sorted((params or {}).items()))
    try:
        data = data_dir.relative_to(Path.cwd())
    except ValueError:
        data = data_dir
    return (
        f"kinerja report --data {data} --out reports --lang {lang} --periode-akhir {periode}{extra}"
    )
