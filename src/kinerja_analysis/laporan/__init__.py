"""Reports: papermill runs, self-contained HTML, index pages, results.json and manifest.json.

The runner (papermill, nbconvert) is imported lazily, so notebooks that only need
``laporan.hasil`` or ``laporan.tampilan`` do not pay for it.
"""

from __future__ import annotations

from typing import Any

_RUNNER = {
    "EXIT_DATA_INVALID",
    "EXIT_NOTEBOOK_FAILED",
    "EXIT_OK",
    "EXIT_USAGE",
    "NotebookFailedError",
    "ReportResult",
    "run_report",
}

__all__ = sorted(_RUNNER)


def __getattr__(name: str) -> Any:
    if name in _RUNNER:
        from . import jalankan

        return getattr(jalankan, name)
    raise AttributeError(name)
