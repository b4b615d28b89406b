"""Reports: papermill runs, self-contained HTML, index pages, results.json and manifest.json."""

from .jalankan import (
    EXIT_DATA_INVALID,
    EXIT_NOTEBOOK_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    NotebookFailedError,
    ReportResult,
    run_report,
)

__all__ = [
    "EXIT_DATA_INVALID",
    "EXIT_NOTEBOOK_FAILED",
    "EXIT_OK",
    "EXIT_USAGE",
    "NotebookFailedError",
    "ReportResult",
    "run_report",
]
