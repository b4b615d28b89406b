"""The report run: prepare -> papermill notebooks -> HTML -> results.json, manifest, index.

Output layout (``OUT`` = ``--out``)::

    OUT/index.html                 every reported period, links, trend of headline numbers
    OUT/results.json, manifest.json   copies from the most recent run
    OUT/<periode>/index.html       the period's reports
    OUT/<periode>/NN_name.html     one self-contained page per notebook
    OUT/<periode>/results.json     the numbers the pages show
    OUT/<periode>/manifest.json    version, parameters, input hashes, times, library versions
    OUT/<periode>/04_ringkasan_eksekutif.pdf   A4 executive summary (with ``pdf=True``)
    OUT/_gagal-<periode>/          executed notebooks of a failed run, for inspection

A period folder is built aside (``OUT/.build-<periode>-<pid>-<hex>``, one per run) and
swapped into place only when complete, so an interrupted run leaves the previous report
intact. ``OUT`` and the processed folder are locked for the whole run (a second run into
either exits 3), the notebooks read this run's own snapshot of the processed data, and
only outputs kinerja wrote are replaced (:mod:`kinerja_analysis.kunci_folder`).
"""

from __future__ import annotations

import json
import os
import platform
import re
import secrets
import shlex
import shutil
import sys
import time
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import pandas as pd

from .. import __version__, atomic, i18n, kunci_folder
from ..contract import ContractOptions
from ..prepare import input_hashes, key_for, prepare
from . import ekspor, hasil, indeks, teks
from . import parameter as nbparam

EXIT_OK = 0
EXIT_DATA_INVALID = 1
EXIT_NOTEBOOK_FAILED = 2
EXIT_USAGE = 3

PDF_PAGE = "04_ringkasan_eksekutif"
CELL_TIMEOUT = 1800  # seconds per notebook cell
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
    """A notebook raised; names the notebook, the cell and where the executed copy is kept.

    ``cell`` is the 1-based number of the failing code cell in the notebook as written
    (markdown cells and the cells the runner injects are not counted), ``None`` when the
    failure is not in one of the notebook's own cells (kernel died, unreadable file).
    """

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
    """Last quarter of the scores or the citizen survey (either may be absent); the staff
    survey's only when both are absent (a data set for the barrier page alone)."""
    periods = []
    for name, col in (("penilaian_kinerja", "triwulan"), ("survei_kepuasan", "triwulan"),
                      ("survei_asn", "triwulan")):
        if periods and name == "survei_asn":
            break
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


# First cell of every notebook run in the shared kernel: a clean namespace (imported
# modules stay loaded, which is the point) and no figures left from the previous notebook.
# Every name the previous notebook defined is deleted and the output cache emptied, as
# ``%reset -f`` does, without its full garbage collection (0.2-0.4 s per notebook here;
# the automatic collector frees closed figures later).
_RESET = (
    "import matplotlib.pyplot as _plt\n_plt.close('all')\ndel _plt\n"
    "def _kinerja_reset(ip=get_ipython()):\n"
    "    hidden = ip.user_ns_hidden\n"
    "    for name in [n for n in ip.user_ns if n not in hidden]:\n"
    "        del ip.user_ns[name]\n"
    "    ip.user_ns['Out'].clear()\n"
    "_kinerja_reset()\n"
)


# Imported by the kernel as it starts, while the parent process prepares the data (the two
# run on different cores): the libraries of the notebooks and the analyses' lazy imports.
# Nothing is bound in the notebooks' namespace (``__import__`` in a comprehension).
WARM_IMPORTS = (
    "numpy", "pandas", "scipy.stats", "matplotlib.pyplot", "seaborn", "statsmodels.api",
    "statsmodels.formula.api", "statsmodels.miscmodels.ordinal_model", "linearmodels",
    "diff_diff", "rdrobust", "rddensity", "IPython.display",
    "kinerja_analysis.gambaran", "kinerja_analysis.dampak", "kinerja_analysis.rd",
    "kinerja_analysis.korelasi", "kinerja_analysis.hambatan", "kinerja_analysis.muat",
    "kinerja_analysis.laporan.eksekutif", "kinerja_analysis.laporan.tampilan",
    "kinerja_analysis.laporan.bagian.gambaran", "kinerja_analysis.laporan.bagian.dampak",
    "kinerja_analysis.laporan.bagian.korelasi", "kinerja_analysis.laporan.bagian.hambatan",
    "kinerja_analysis.laporan.bagian.eksekutif",
)

# Tag of the reset cell the runner puts first (besides remove_cell): not the notebook's own.
_RESET_TAG = "kinerja-reset"
# Cells in an executed notebook that are not the notebook's own code cells.
_NOT_OWN = {_RESET_TAG, "injected-parameters"}


def _own_cell_number(out_nb: Path, cell_index: int | None) -> int | None:
    """1-based number, among the notebook's own code cells, of cell ``cell_index`` of the
    executed notebook (papermill's index, before it adds its error-marker cells to the
    saved copy); ``None`` when it is an injected cell or cannot be told."""
    import nbformat
    from papermill.execute import ERROR_MARKER_TAG

    if cell_index is None:
        return None
    try:
        nb = nbformat.read(str(out_nb), as_version=4)
    except Exception:  # the number is a courtesy; the error is raised all the same
        return None
    tags = [set(c.get("metadata", {}).get("tags", [])) for c in nb.cells]
    cells = [(c, t) for c, t in zip(nb.cells, tags, strict=True) if ERROR_MARKER_TAG not in t]
    if not 0 <= cell_index < len(cells):
        return None
    cell, tag = cells[cell_index]
    if cell.cell_type != "code" or tag & _NOT_OWN:
        return None
    return sum(c.cell_type == "code" and not t & _NOT_OWN for c, t in cells[: cell_index + 1])


class WarmKernel:
    """One kernel reused across the notebooks of a run (cleanly reset between them).

    Starting a kernel and importing pandas, statsmodels and seaborn costs seconds per
    notebook; reusing one kernel pays that once. The kernel starts, and imports
    ``warm_imports``, while the data are being prepared. Every cell has a timeout
    (``CELL_TIMEOUT``), so a stuck kernel fails the run.
    """

    def __init__(self, cwd: Path, start_timeout: int = 120,
                 warm_imports: tuple[str, ...] = WARM_IMPORTS):
        from jupyter_client.manager import AsyncKernelManager
        from jupyter_core.utils import run_sync

        self._run_sync = run_sync
        self.km = AsyncKernelManager(kernel_name="python3")
        # Kernel-process log lines (the loopback-TCP notice, shutdown races) are noise here;
        # cell errors still surface through papermill with the notebook and cell named.
        warm = f"[__import__(m) for m in {tuple(warm_imports)!r}] and None"
        run_sync(self.km.start_kernel)(
            cwd=str(cwd),
            extra_arguments=["--IPKernelApp.log_level=CRITICAL",
                             f"--IPKernelApp.exec_lines={[warm] if warm_imports else []!r}"],
        )
        self.start_timeout = start_timeout
        self._closed = False

    def execute(self, nb_path: Path, out_nb: Path, params: Mapping[str, Any]) -> None:
        """Run one notebook with papermill in this kernel; failures name notebook and cell."""
        import nbformat
        import papermill as pm

        nb = nbformat.read(str(nb_path), as_version=4)
        reset = nbformat.v4.new_code_cell(_RESET)
        reset.metadata["tags"] = ["remove_cell", _RESET_TAG]
        nb.cells.insert(0, reset)
        try:
            pm.execute_notebook(
                nb,
                str(out_nb),
                parameters=dict(params),
                kernel_name="python3",
                progress_bar=False,
                log_output=False,
                request_save_on_cell_execute=False,
                km=self.km,
                start_timeout=self.start_timeout,
                # a stuck kernel must fail the run (exit 2), never hang a scheduled job
                execution_timeout=CELL_TIMEOUT,
            )
        except pm.PapermillExecutionError as err:
            env = kunci_folder.dari_pesan(err.ename, err.evalue)
            if env is not None:  # a full disk or read-only output: exit 3, not 2
                raise env from None
            # err.exec_count counts every cell the shared kernel ran (earlier notebooks,
            # the reset and parameter cells): name the notebook's own code cell instead
            raise NotebookFailedError(
                nb_path.name, _own_cell_number(out_nb, err.cell_index), err.ename, err.evalue,
                out_nb,
            ) from None
        except Exception as err:  # kernel died, bad notebook file, ...
            env = kunci_folder.dari_oserror(err, out_nb)
            if env is not None:  # saving the executed notebook failed: the disk, not it
                raise env from err
            raise NotebookFailedError(
                nb_path.name, None, type(err).__name__, str(err), out_nb
            ) from err

    def close(self) -> None:
        """Stop the kernel (idempotent). Killed, not asked: it holds nothing to save, and a
        graceful exit of a kernel full of data frames took ~1 s of interpreter teardown."""
        if self._closed:
            return
        self._closed = True
        self._run_sync(self.km.shutdown_kernel)(now=True)


@dataclass
class _Run:
    """Everything one report run needs, resolved once."""

    data_dir: Path
    out_dir: Path
    processed: Path
    nb_dir: Path
    notebooks: list[Path]
    lang: str
    params: dict[str, Any]
    user_params: dict[str, Any]
    hashes: dict[str, str]
    log: Callable[[str], None]
    declared: dict[str, dict[str, nbparam.Deklarasi]] = field(default_factory=dict)
    pdf: bool = False
    lenient: bool = False
    simpan_kolom: tuple[str, ...] = ()  # extra columns prepare keeps (--simpan-kolom)
    t0: float = field(default_factory=time.time)
    started: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))

    marks: list[tuple[str, float]] = field(default_factory=list)
    snapshot: Path | None = None  # this run's copy of the processed folder

    def step(self, i: int, key: str, **kw: Any) -> None:
        self.marks.append((key, time.perf_counter()))
        self.log(f"[{i}/4] " + i18n.translate(teks.LOG, key, self.lang, **kw))

    def durations(self) -> dict[str, float]:
        """Seconds spent in each step so far (prepare, notebooks, html, index)."""
        ends = [t for _, t in self.marks[1:]] + [time.perf_counter()]
        return {k: round(end - t, 1) for (k, t), end in zip(self.marks, ends, strict=True)}

    def unchanged(self, periode: str) -> bool:
        """True when ``<periode>/manifest.json`` has the same inputs, version and parameters."""
        prev = self.out_dir / periode / "manifest.json"
        if not prev.exists():
            return False
        old = json.loads(prev.read_text(encoding="utf-8"))
        return (
            old.get("input_sha256") == self.hashes
            and old.get("versi") == __version__
            and old.get("parameter") == _manifest_params(self.params, self.lang, periode)
        )


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
    pdf: bool = False,
    buat_kunci: bool = False,
    kunci_baru: bool = False,
    izinkan_k_kecil: bool = False,
    simpan_kolom: tuple[str, ...] | list[str] = (),
) -> ReportResult:
    """Run the whole report; see the module docstring for the output layout.

    With ``pdf=True`` the executive summary is also written as an A4 PDF,
    ``<periode>/04_ringkasan_eksekutif.pdf``.

    ``params`` are checked against the notebooks' ``parameters`` cells before anything
    runs (:mod:`.parameter`): only declared names, values converted to the declared type
    (text such as ``"10"`` is accepted), each passed only to the notebooks declaring it.
    ``periode_akhir`` may be typed ``2025q4``, ``2025-Q4`` or ``2025 Q4``.
    ``k_min_pegawai`` below 10 or ``k_min_responden`` below 5 is refused unless
    ``izinkan_k_kecil``; then every page states it and results.json records it
    (``meta.ambang_kerahasiaan``). Below 1 is never accepted.

    The pseudonym key is resolved before the kernel starts (:func:`prepare.key_for`):
    ``buat_kunci`` creates one when none is found (otherwise only interactively),
    ``kunci_baru`` accepts a key other than the one the processed folder was made with.
    Its fingerprint is recorded in ``manifest.json`` (``sidik_kunci``).

    ``simpan_kolom``: extra (non-contract) columns prepare keeps, scrubbed
    (:attr:`contract.ContractOptions.simpan_kolom`, CLI ``--simpan-kolom``).

    Raises
    ------
    privacy.PseudonymKeyError, privacy.PseudonymKeyMissingError
        No usable key, or not the processed folder's key. Exit code 3 in the CLI.
    parameter.ParameterError
        A parameter or ``periode_akhir`` is not valid. Exit code 3 in the CLI.
    prepare.DataInvalidError
        Inputs break the data contract (strict mode). Exit code 1 in the CLI.
    NotebookFailedError
        A notebook failed; the executed copy is kept. Exit code 2 in the CLI.
    kunci_folder.KesalahanLingkungan
        Another run uses ``out_dir`` or ``processed_dir``; a path in ``out_dir`` the run
        would replace was not written by kinerja; a full disk or read-only output (also
        inside a notebook). Nothing is replaced. Exit code 3 in the CLI.
    """
    nb_dir = Path(notebooks_dir or default_notebooks_dir()).resolve()
    notebooks = sorted(nb_dir.glob("[0-9][0-9]_*.ipynb"))
    if not notebooks:
        raise FileNotFoundError(f"no notebooks in {nb_dir}")
    lang = i18n.check_lang(lang)
    # Checked before anything runs (no kernel, no prepare, no input hashing yet).
    if periode_akhir is not None:
        periode_akhir = nbparam.baca_periode(periode_akhir, lang)
    declared = nbparam.baca_semua(notebooks, lang)
    user_params = nbparam.periksa(declared, dict(params or {}), lang)
    if nbparam.periksa_k({**DEFAULT_PARAMS, **user_params}, izinkan_k_kecil):
        user_params["izinkan_k_kecil"] = True  # the notebooks' pages accept the lowered k
    run = _Run(
        data_dir=Path(data_dir).resolve(),
        out_dir=Path(out_dir).resolve(),
        processed=Path(processed_dir or "data/processed").resolve(),
        nb_dir=nb_dir,
        notebooks=notebooks,
        lang=lang,
        params={**DEFAULT_PARAMS, **user_params},
        user_params=user_params,
        hashes=input_hashes(data_dir),
        log=log,
        declared=declared,
        pdf=pdf,
        lenient=lenient,
        simpan_kolom=tuple(simpan_kolom),
    )
    # OUT and the processed folder are this run's until it ends: a second run into either
    # stops at once (kunci_folder.FolderDipakaiError, exit 3).
    with kunci_folder.kunci_keluaran(run.out_dir), kunci_folder.kunci_processed(run.processed):
        return _run_locked(run, periode_akhir, skip_unchanged, log, nb_dir, lenient,
                           progress_bar, buat_kunci, kunci_baru)


def _run_locked(run: _Run, periode_akhir: str | None, skip_unchanged: bool,
                log: Callable[[str], None], nb_dir: Path, lenient: bool, progress_bar: bool,
                buat_kunci: bool, kunci_baru: bool) -> ReportResult:
    """The run itself, with both folders locked: nothing in ``OUT`` that kinerja did not
    write is replaced; the notebooks read this run's snapshot of the processed data, in
    this run's own build folder; leftovers of killed runs are removed first."""
    kunci_folder.periksa_keluaran(run.out_dir, periode_akhir)
    kunci_folder.hapus_sisa(run.out_dir, _STALE_BUILD)
    if skip_unchanged and periode_akhir and run.unchanged(periode_akhir):
        log(i18n.translate(teks.LOG, "skip", run.lang, periode=periode_akhir))
        return ReportResult(run.out_dir, periode_akhir, skipped=True)

    key = key_for(run.processed, buat_kunci=buat_kunci, kunci_baru=kunci_baru)
    _kernel_env()
    kernel = WarmKernel(nb_dir)  # starts importing while the data are prepared
    # Each notebook's HTML is exported in this thread while the kernel runs the next one
    # (the parent process only waits on the kernel meanwhile).
    pool = ThreadPoolExecutor(1, thread_name_prefix="kinerja-ekspor")
    build: Path | None = None
    try:
        run.step(1, "prepare", data=str(run.data_dir))
        prep = prepare(
            run.data_dir, run.processed, lenient=lenient, progress=lambda m: log(f"      {m}"),
            key=key, kunci_baru=kunci_baru,
            options=ContractOptions(simpan_kolom=run.simpan_kolom),
        )
        run.snapshot = _snapshot(run.processed)
        periode = periode_akhir or _last_triwulan(run.snapshot)
        kunci_folder.periksa_keluaran(run.out_dir, periode)
        if skip_unchanged and run.unchanged(periode):
            log(i18n.translate(teks.LOG, "skip", run.lang, periode=periode))
            return ReportResult(run.out_dir, periode, skipped=True)
        build = run.out_dir / f".build-{periode}-{os.getpid()}-{secrets.token_hex(4)}"
        (build / "_hasil").mkdir(parents=True)
        (build / "_notebook").mkdir()
        header = _header(run, periode, prep.ringkasan)
        pages = _execute_all(run, kernel, build, periode, progress_bar, pool, header)
        kernel.close()
        return _publish(run, build, periode, prep.ringkasan, pages, header)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        kernel.close()
        if build is not None:  # moved into place or to _gagal- unless the run failed
            shutil.rmtree(build, ignore_errors=True)
        if run.snapshot is not None:
            shutil.rmtree(run.snapshot, ignore_errors=True)


#: Build folders of killed runs (pid dead) and of versions without per-run folders.
_STALE_BUILD = re.compile(r"\.build-\d{4}-Q[1-4](?:-(?P<pid>\d+)-[0-9a-f]+)?")


def _snapshot(processed: Path) -> Path:
    """This run's copy of the processed folder, ``.<name>.snapshot-<pid>-<hex>`` next to it
    (same file system: hard links, a copy only where links fail). ``prepare`` replaces
    files by renaming new ones in, never by writing into them, so a later prepare cannot
    change what this run reads; and no row-level data is ever inside ``OUT``."""
    snap = processed.parent / f".{processed.name}.snapshot-{os.getpid()}-{secrets.token_hex(4)}"

    def link(src: str, dst: str) -> None:
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    try:
        shutil.copytree(processed, snap, copy_function=link)
    except BaseException:
        shutil.rmtree(snap, ignore_errors=True)
        raise
    return snap


def _header(run: _Run, periode: str, ringkasan: Mapping) -> dict[str, Any]:
    """Page header and footer: period, data date, input hashes, the reproduce command."""
    return teks.header_footer(
        run.lang,
        periode,
        ringkasan.get("tanggal_data"),
        run.hashes,
        reproduce=_reproduce_cmd(run.data_dir, run.lang, periode, run.user_params,
                                 lenient=run.lenient),
        ambang={k: run.params[k] for k in nbparam.K_BAKU if k in run.params},
    )


def _export(run: _Run, build: Path, nb: Path, header: Mapping[str, Any]) -> Path:
    return ekspor.ekspor_html(
        build / "_notebook" / nb.name,
        build / f"{nb.stem}.html",
        lang=run.lang,
        kinerja={**header, "judul": teks.judul_notebook(nb.stem, run.lang)},
        toc_title=teks.page_text("toc", run.lang),
    )


def _execute_all(run: _Run, kernel: WarmKernel, build: Path, periode: str, bar_on: bool,
                 pool: ThreadPoolExecutor, header: Mapping[str, Any]) -> dict[str, Future]:
    """Step 2: every notebook in the warm kernel, each exported to HTML in ``pool`` as soon
    as it has run; a failure moves the build to _gagal-. Each notebook receives only the
    parameters its ``parameters`` cell declares."""
    nb_params = {
        **run.params,
        "data_dir": str(run.data_dir),
        "processed_dir": str(run.snapshot or run.processed),  # this run's own copy
        "results_dir": str(build / "_hasil"),
        "lang": run.lang,
        "periode_akhir": periode,
    }
    run.step(2, "notebooks", n=len(run.notebooks))
    bar = None
    if bar_on:
        from tqdm.auto import tqdm

        bar = tqdm(total=len(run.notebooks), unit="nb", file=sys.stderr, leave=False)
    pages: dict[str, Future] = {}
    try:
        for nb in run.notebooks:
            if bar is not None:
                bar.set_description(nb.stem)
            own = nbparam.untuk_notebook(run.declared.get(nb.stem, {}), nb_params)
            kernel.execute(nb, build / "_notebook" / nb.name, own)
            pages[nb.stem] = pool.submit(_export, run, build, nb, header)
            if bar is not None:
                bar.update(1)
                bar.write(f"      ✓ {nb.stem}", file=sys.stderr)  # above the bar, not through it
            else:
                run.log(f"      ✓ {nb.stem}")
    except NotebookFailedError as err:
        pool.shutdown(wait=True, cancel_futures=True)  # nothing writes into build any more
        failed = run.out_dir / f"_gagal-{periode}"
        if failed.exists() and not (failed / "_notebook").is_dir():  # not ours: keep it
            failed = run.out_dir / f"_gagal-{periode}-{os.getpid()}"
        shutil.rmtree(failed, ignore_errors=True)
        os.replace(build, failed)
        err.kept = failed / "_notebook" / Path(err.kept).name  # where it is now
        raise
    finally:
        if bar is not None:
            bar.close()
    return pages


def _publish(run: _Run, build: Path, periode: str, ringkasan: Mapping,
             exports: Mapping[str, Future], header: Mapping[str, Any]) -> ReportResult:
    """Steps 3-4: HTML, results.json, manifest, index pages; then swap the folder in."""
    run.step(3, "html")
    meta = {
        "periode_akhir": periode,
        "lang": run.lang,
        "versi": __version__,
        "tanggal_data": ringkasan.get("tanggal_data"),
        "ambang_kerahasiaan": {
            **{k: run.params.get(k, v) for k, v in nbparam.K_BAKU.items()},
            "baku": dict(nbparam.K_BAKU),
            "diturunkan": bool(header.get("peringatan")),
        },
    }
    results = hasil.gabung(build / "_hasil", meta)
    atomic.write_json(build / "results.json", results)
    pages = {stem: future.result() for stem, future in exports.items()}

    summary = pages.get(PDF_PAGE)
    if run.pdf and summary is not None:
        from .pdf import ekspor_pdf

        ekspor_pdf(summary, summary.with_suffix(".pdf"),
                   judul=teks.judul_notebook(PDF_PAGE, run.lang),
                   meta_line=header["meta_line"],
                   footer_line=f"{header['footer_line']} {header['reproduce']}",
                   lang=run.lang, peringatan=header.get("peringatan", ""))
        run.log(f"      ✓ {summary.with_suffix('.pdf').name}")

    run.step(4, "index")
    manifest = {
        "generator": kunci_folder.GENERATOR,  # what --out may replace (kunci_folder)
        "versi": __version__,
        "parameter": _manifest_params(run.params, run.lang, periode),
        "input_sha256": run.hashes,
        "sidik_kunci": ringkasan.get("sidik_kunci"),
        "mulai": run.started,
        "selesai": datetime.now(UTC).isoformat(timespec="seconds"),
        "durasi_detik": round(time.time() - run.t0, 1),
        "durasi_langkah": run.durations(),
        "versi_pustaka": _versions(),
        "baris": {
            k: {kk: v[kk] for kk in ("read", "accepted", "rejected")}
            for k, v in ringkasan.get("input", {}).items()
        },
    }
    atomic.write_json(build / "manifest.json", manifest)
    indeks.tulis_indeks_periode(build, periode, run.lang, pages, results,
                                peringatan=header.get("peringatan", ""))
    shutil.rmtree(build / "_notebook")
    shutil.rmtree(build / "_hasil")
    kunci_folder.periksa_keluaran(run.out_dir, periode)  # nothing foreign appeared meanwhile
    _warn_key_change(run, manifest.get("sidik_kunci"))
    carried = kunci_folder.bawa_berkas_pengguna(run.out_dir / periode, build)
    if carried:
        run.log(i18n.translate(teks.LOG, "berkas_pengguna", run.lang, nama=", ".join(carried)))
    final = atomic.replace_dir(build, run.out_dir / periode)
    for name in ("results.json", "manifest.json"):
        shutil.copyfile(final / name, run.out_dir / f".{name}.tmp")
        os.replace(run.out_dir / f".{name}.tmp", run.out_dir / name)
    indeks.tulis_indeks(run.out_dir, run.lang)
    seconds = i18n.fmt_number(time.time() - run.t0, 1, run.lang)
    run.log(
        i18n.translate(
            teks.LOG, "done", run.lang, path=str(run.out_dir / "index.html"), detik=seconds
        )
    )
    return ReportResult(
        run.out_dir, periode, pages={k: final / v.name for k, v in pages.items()}, results=results
    )


def _warn_key_change(run: _Run, fingerprint: str | None) -> None:
    """One log line when ``OUT/manifest.json`` records another key fingerprint than this
    run's: pseudonyms of the two reports do not link (a warning, not an error)."""
    try:
        old = json.loads((run.out_dir / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    lama = old.get("sidik_kunci") if isinstance(old, dict) else None
    if isinstance(lama, str) and lama and fingerprint and lama != fingerprint:
        run.log(i18n.translate(teks.LOG, "kunci_berubah", run.lang, path=str(run.out_dir),
                               lama=lama, baru=fingerprint))


def _manifest_params(params: Mapping[str, Any], lang: str, periode: str) -> dict[str, Any]:
    return {**{k: params[k] for k in sorted(params)}, "lang": lang, "periode_akhir": periode}


def _reproduce_cmd(
    data_dir: Path, lang: str, periode: str, params: Mapping[str, Any] | None,
    *, lenient: bool = False,
) -> str:
    """The shell command that rebuilds this report; every value is shell-quoted.

    Examples
    --------
    >>> print(_reproduce_cmd(Path("/srv/data raw"), "id", "2025-Q4",
    ...                      {"kelompok_kontrol": "x; rm -rf ~", "n_bootstrap": 99}))
    kinerja report --data '/srv/data raw' --out reports --lang id --periode-akhir 2025-Q4
    -p kelompok_kontrol 'x; rm -rf ~' -p n_bootstrap 99
    """
    q = shlex.quote
    extra = "".join(
        f" -p {q(k)} {q(nbparam.teks_nilai(v))}" for k, v in sorted((params or {}).items())
        if k != "izinkan_k_kecil"
    ) + (" --izinkan-k-kecil" if (params or {}).get("izinkan_k_kecil") else "")
    try:
        data = data_dir.relative_to(Path.cwd())
    except ValueError:
        data = data_dir
    return (
        f"kinerja report --data {q(str(data))} --out reports --lang {q(lang)} "
        f"--periode-akhir {q(periode)}{' --lenient' if lenient else ''}{extra}"
    )
