"""The ``kinerja`` command line: demo-data, validate, prepare, report.

Exit codes (documented in README and docs/otomasi.md):
0 success · 1 input data breaks the contract · 2 a notebook failed · 3 usage or environment
error (also: another run uses the folder, a foreign file in --out, a full disk) · 130
interrupted.
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__, i18n
from .kunci_folder import KesalahanLingkungan, dari_oserror

if TYPE_CHECKING:
    import pandas as pd

    from .contract import ContractOptions, ValidationReport

EXIT_OK, EXIT_DATA, EXIT_NOTEBOOK, EXIT_USAGE, EXIT_INTERRUPT = 0, 1, 2, 3, 130

_MSG: dict[str, dict[str, str]] = {
    "demo_start": {
        "id": "Membuat data demo '{scale}' (seed {seed}) di {out}",
        "en": "Generating '{scale}' demo data (seed {seed}) in {out}",
    },
    "demo_done": {
        "id": "Data demo selesai dalam {detik} detik: {files} berkas",
        "en": "Demo data done in {detik} s: {files} files",
    },
    "valid_ok": {
        "id": "Data valid: {files} berkas diperiksa, tidak ada kesalahan.",
        "en": "Data valid: {files} files checked, no errors.",
    },
    "valid_bad": {
        "id": "Data tidak valid: {errors} kesalahan, {warnings} peringatan.",
        "en": "Data invalid: {errors} errors, {warnings} warnings.",
    },
    "summary_row": {
        "id": "  {file}: dibaca {read}, diterima {accepted}, ditolak {rejected}",
        "en": "  {file}: read {read}, accepted {accepted}, rejected {rejected}",
    },
    "summary_absent": {
        "id": "  {input}: tidak ada (opsional; dipakai oleh: {halaman})",
        "en": "  {input}: absent (optional; used by: {halaman})",
    },
    "summary_needed": {
        "id": "  {input}: tidak ada (diperlukan oleh {berkas})",
        "en": "  {input}: absent (needed by {berkas})",
    },
    "prepare_done": {
        "id": "Data siap di {path} (NIP dipseudonimkan, nama dihapus).",
        "en": "Prepared data in {path} (NIPs pseudonymized, names dropped).",
    },
    "lenient_hint": {
        "id": "Gunakan --lenient untuk menyisihkan baris yang salah dan melanjutkan.",
        "en": "Use --lenient to set invalid rows aside and continue.",
    },
    "nb_failed": {
        "id": "Notebook {nb} gagal pada sel kode ke-{cell}: {ename}: {evalue}. "
        "Notebook yang dijalankan disimpan di {kept}",
        "en": "Notebook {nb} failed at code cell {cell}: {ename}: {evalue}. "
        "The executed notebook is kept at {kept}",
    },
    "nb_failed_nocell": {
        "id": "Notebook {nb} gagal: {ename}: {evalue}. "
        "Notebook yang dijalankan disimpan di {kept}",
        "en": "Notebook {nb} failed: {ename}: {evalue}. The executed notebook is kept at {kept}",
    },
    "no_dir": {"id": "Folder data tidak ditemukan: {path}", "en": "Data folder not found: {path}"},
    "bad_param": {
        "id": "Parameter -p harus berupa NAMA NILAI: {text}",
        "en": "Parameter -p must be NAME VALUE: {text}",
    },
    "interrupted": {"id": "Dihentikan oleh pengguna.", "en": "Interrupted by the user."},
    "error": {"id": "Kesalahan: {text}", "en": "Error: {text}"},
}


def _t(key: str, lang: str, **kw: Any) -> str:
    return i18n.translate(_MSG, key, lang, **kw)


def _add_key_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument("--buat-kunci", action="store_true",
                   help="create a pseudonym key if none is found (otherwise only when run "
                   "at a terminal); back it up")
    p.add_argument("--kunci-baru", action="store_true",
                   help="accept a key other than the one --processed was made with "
                   "(pseudonyms will not link with earlier runs)")


def _add_simpan_kolom(p: argparse.ArgumentParser) -> None:
    p.add_argument("--simpan-kolom", action="append", default=[], metavar="NAMA",
                   help="keep this extra (non-contract) column, scrubbed, in the processed "
                   "data (repeatable); other extra columns are dropped, and so are columns "
                   "whose name suggests personal data")


def _add_lang(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--lang",
        choices=i18n.LANGS,
        default="id",
        help="language of messages and reports (default: id)",
    )


class _Parser(argparse.ArgumentParser):
    """argparse exits with 2 on usage errors; 2 means 'a notebook failed' here, so use 3."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (public: the CLI is an interface automation relies on)."""
    parser = _Parser(
        prog="kinerja",
        description="Analisis kebijakan evaluasi kinerja ASN (Kecamatan Banyumanik).",
    )
    parser.add_argument("--version", action="version", version=f"kinerja-analysis {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser("demo-data", help="write a synthetic data set with ground_truth.json")
    p.add_argument("--out", required=True, type=Path)
    p.add_argument("--scale", choices=("banyumanik", "semarang", "nasional"), default="banyumanik")
    p.add_argument("--seed", type=int, default=2026)
    _add_lang(p)

    p = sub.add_parser("validate", help="check every input file against the data contract")
    p.add_argument("--data", required=True, type=Path)
    p.add_argument(
        "--urutan-unsur",
        choices=("permenpan", "tukar_u8_u9"),
        default="permenpan",
        help="u8/u9 order of the survey export (default: regulation order)",
    )
    _add_simpan_kolom(p)
    _add_lang(p)

    p = sub.add_parser("prepare", help="validate, pseudonymize and write Parquet")
    p.add_argument("--data", required=True, type=Path)
    p.add_argument("--processed", type=Path, default=Path("data/processed"))
    p.add_argument(
        "--lenient",
        action="store_true",
        help="set invalid rows aside (data/processed/ditolak/) and continue",
    )
    p.add_argument("--urutan-unsur", choices=("permenpan", "tukar_u8_u9"), default="permenpan")
    _add_simpan_kolom(p)
    _add_key_flags(p)
    _add_lang(p)

    p = sub.add_parser("report", help="prepare, run every notebook, export HTML reports")
    p.add_argument("--data", required=True, type=Path)
    p.add_argument("--out", required=True, type=Path)
    p.add_argument("--processed", type=Path, default=Path("data/processed"))
    p.add_argument(
        "-p",
        "--param",
        nargs=2,
        action="append",
        metavar=("NAME", "VALUE"),
        default=[],
        help="notebook parameter declared in a notebook's parameters cell (repeatable); "
        "checked and converted to the declared type before anything runs",
    )
    p.add_argument("--periode-akhir", default=None,
                   help="last quarter reported: 2025-Q4 (also 2025q4, '2025 Q4')")
    p.add_argument("--lenient", action="store_true")
    p.add_argument(
        "--skip-unchanged",
        action="store_true",
        help="skip when inputs and parameters equal the last successful run",
    )
    p.add_argument("--notebooks", type=Path, default=None, help="notebook folder")
    p.add_argument("--no-progress", action="store_true", help="no progress bar (logs only)")
    p.add_argument("--pdf", action="store_true",
                   help="also write the executive summary as an A4 PDF")
    p.add_argument("--izinkan-k-kecil", action="store_true",
                   help="allow k_min_pegawai below 10 / k_min_responden below 5 (stated on "
                   "every page and in results.json); below 1 is never allowed")
    _add_simpan_kolom(p)
    _add_key_flags(p)
    _add_lang(p)
    return parser


def _print_problems(report: Any, lang: str) -> None:
    for prob in report.problems:
        print(prob.message(lang), file=sys.stderr if prob.severity == "error" else sys.stdout)


def _print_summary(report: Any, lang: str) -> None:
    """One line per input: its counts, or (no file) which pages or files would use it."""
    from .contract import BUTUH_BERKAS, halaman_untuk
    from .laporan.teks import JUDUL

    present = set(report.present)
    for row in report.summary().itertuples(index=False):
        if row.present:
            print(_t("summary_row", lang, file=row.file or row.input, read=row.read,
                     accepted=row.accepted, rejected=row.rejected))
            continue
        needed_by = [_label(report.tables[n]) for n, need in BUTUH_BERKAS.items()
                     if row.input in need and n in present]
        if needed_by:
            print(_t("summary_needed", lang, input=row.input, berkas=", ".join(needed_by)))
        else:
            pages = ", ".join(JUDUL[p][lang] for p in halaman_untuk(row.input))
            print(_t("summary_absent", lang, input=row.input, halaman=pages))


def _label(table: Any) -> str:
    return table.path.name if table.path is not None else table.name


def _print_invalid(report: Any, lang: str, lenient: bool) -> None:
    """Problems and summary of an invalid data set; the --lenient hint where it helps."""
    from .contract import FATAL_CODES

    _print_problems(report, lang)
    _print_summary(report, lang)
    rows_only = [p for p in report.problems
                 if p.severity == "error" and p.code not in FATAL_CODES]
    if rows_only and not lenient:
        print(_t("lenient_hint", lang), file=sys.stderr)


def _cmd_demo(args: argparse.Namespace) -> int:
    from . import synth

    t0 = time.time()
    print(_t("demo_start", args.lang, scale=args.scale, seed=args.seed, out=args.out))
    synth.generate(args.out, args.scale, args.seed, progress=lambda m: print(f"  {m}"))
    n = len(list(Path(args.out).glob("*")))
    print(
        _t("demo_done", args.lang, detik=i18n.fmt_number(time.time() - t0, 1, args.lang), files=n)
    )
    return EXIT_OK


def _options(args: argparse.Namespace) -> Any:
    from .contract import ContractOptions

    return ContractOptions(urutan_unsur=args.urutan_unsur,
                           simpan_kolom=tuple(getattr(args, "simpan_kolom", None) or ()))


class CountingSink:
    """Sink for :func:`contract.validate_stream` that keeps no rows.

    ``kinerja validate`` prints only the problems and the counts (``n_read``,
    ``n_accepted``, ``n_rejected``), which ``validate_stream`` keeps itself; so every
    validated chunk is dropped at once and memory grows with the chunk, not with the
    file. ``part`` / ``join`` let ``validate_stream(..., jobs=2)`` validate the inputs
    after pegawai in forked workers, as ``prepare`` does (a worker hands back nothing).

    Examples
    --------
    >>> import tempfile
    >>> from kinerja_analysis.contract import validate_stream
    >>> rep = validate_stream(tempfile.mkdtemp(), CountingSink())
    >>> len(rep.tables["pegawai"].accepted), rep.tables["pegawai"].n_read
    (0, 0)
    """

    def start(self, name: str, path: Path | None) -> None:
        """(Re)start input ``name``: nothing to forget."""

    def chunk(self, name: str, accepted: pd.DataFrame, rejected: pd.DataFrame) -> None:
        """Drop one validated chunk (its counts are kept by ``validate_stream``)."""

    def frames(self, name: str) -> None:
        """No rows are kept."""
        return None

    def part(self, name: str) -> None:
        """What a forked worker hands back for ``name``: nothing."""
        return None

    def join(self, name: str, part: None) -> None:
        """Receive a worker's part (nothing to merge)."""


def validate_counts(
    data_dir: Path, options: ContractOptions | None = None, jobs: int | None = None
) -> ValidationReport:
    """Validate ``data_dir`` like :func:`contract.validate_dir`, keeping no rows.

    Same problems (order, codes, messages), same counts and the same summary as
    ``validate_dir``; the tables' ``accepted`` / ``rejected`` frames are empty.

    Parameters
    ----------
    data_dir : the data folder (read-only).
    options : :class:`contract.ContractOptions`, optional.
    jobs : worker processes for the inputs after pegawai (default: as ``prepare``,
        i.e. ``KINERJA_PREPARE_JOBS``, else 2 on two or more cores for inputs larger
        than :data:`prepare.PARALLEL_BYTES`, else 1).

    Returns
    -------
    contract.ValidationReport

    Examples
    --------
    >>> import tempfile
    >>> rep = validate_counts(Path(tempfile.mkdtemp()))
    >>> rep.has_errors, int(rep.summary()["read"].sum())
    (True, 0)
    """
    from .contract import validate_stream
    from .prepare import default_jobs

    if jobs is None:
        jobs = default_jobs(Path(data_dir))
    return validate_stream(data_dir, CountingSink(), options, jobs=jobs)  # type: ignore[arg-type]


def _cmd_validate(args: argparse.Namespace) -> int:
    if not args.data.is_dir():
        print(_t("no_dir", args.lang, path=args.data), file=sys.stderr)
        return EXIT_DATA
    report = validate_counts(args.data, _options(args))
    _print_problems(report, args.lang)
    _print_summary(report, args.lang)
    errors = sum(p.severity == "error" for p in report.problems)
    warns = len(report.problems) - errors
    if report.has_errors:
        print(_t("valid_bad", args.lang, errors=errors, warnings=warns), file=sys.stderr)
        return EXIT_DATA
    print(_t("valid_ok", args.lang, files=len(report.present)))
    return EXIT_OK


def _cmd_prepare(args: argparse.Namespace) -> int:
    from .prepare import DataInvalidError, prepare

    if not args.data.is_dir():
        print(_t("no_dir", args.lang, path=args.data), file=sys.stderr)
        return EXIT_DATA
    try:
        res = prepare(
            args.data,
            args.processed,
            lenient=args.lenient,
            options=_options(args),
            progress=lambda m: print(f"  {m}"),
            buat_kunci=args.buat_kunci,
            kunci_baru=args.kunci_baru,
        )
    except DataInvalidError as err:
        _print_invalid(err.report, args.lang, args.lenient)
        return EXIT_DATA
    _print_problems(res.report, args.lang)
    _print_summary(res.report, args.lang)
    print(_t("prepare_done", args.lang, path=args.processed))
    return EXIT_OK


def _cmd_report(args: argparse.Namespace) -> int:
    from .laporan import NotebookFailedError, run_report
    from .laporan.parameter import ParameterError
    from .prepare import DataInvalidError

    if not args.data.is_dir():
        print(_t("no_dir", args.lang, path=args.data), file=sys.stderr)
        return EXIT_DATA
    # text as typed: run_report converts it to each parameter's declared type
    params = dict(args.param)
    try:
        run_report(
            args.data,
            args.out,
            processed_dir=args.processed,
            lang=args.lang,
            params=params,
            periode_akhir=args.periode_akhir,
            lenient=args.lenient,
            skip_unchanged=args.skip_unchanged,
            notebooks_dir=args.notebooks,
            progress_bar=not args.no_progress,
            pdf=args.pdf,
            izinkan_k_kecil=args.izinkan_k_kecil,
            buat_kunci=args.buat_kunci,
            kunci_baru=args.kunci_baru,
            simpan_kolom=tuple(args.simpan_kolom),
        )
    except DataInvalidError as err:
        _print_invalid(err.report, args.lang, args.lenient)
        return EXIT_DATA
    except ParameterError as err:
        print(err, file=sys.stderr)
        return EXIT_USAGE
    except NotebookFailedError as err:
        print(
            _t(
                "nb_failed" if err.cell is not None else "nb_failed_nocell",
                args.lang,
                nb=err.notebook,
                cell=err.cell,
                ename=err.ename,
                evalue=err.evalue,
                kept=err.kept,
            ),
            file=sys.stderr,
        )
        return EXIT_NOTEBOOK
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``kinerja`` command; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handlers = {
        "demo-data": _cmd_demo,
        "validate": _cmd_validate,
        "prepare": _cmd_prepare,
        "report": _cmd_report,
    }
    warnings.filterwarnings("default", category=UserWarning, module="kinerja_analysis")
    try:
        return handlers[args.command](args)
    except KeyboardInterrupt:
        print(_t("interrupted", args.lang), file=sys.stderr)
        return EXIT_INTERRUPT
    except KesalahanLingkungan as err:  # folder in use, foreign --out, full disk: id / en
        print(err.message(), file=sys.stderr)
        return EXIT_USAGE
    except (OSError, ValueError) as err:
        env = dari_oserror(err)
        print(env.message() if env is not None else _t("error", args.lang, text=err),
              file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
