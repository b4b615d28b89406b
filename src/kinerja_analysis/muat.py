"""Load the processed (pseudonymized) tables for the analyses and notebooks."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

TABLES = (
    "kebijakan",
    "pegawai",
    "penilaian_kinerja",
    "survei_kepuasan",
    "survei_asn",
    "tindak_lanjut",
)


@dataclass
class Data:
    """The processed tables, cut at ``periode_akhir`` (inclusive)."""

    kebijakan: pd.DataFrame
    pegawai: pd.DataFrame
    penilaian_kinerja: pd.DataFrame
    survei_kepuasan: pd.DataFrame
    survei_asn: pd.DataFrame
    tindak_lanjut: pd.DataFrame | None
    ringkasan: dict = field(default_factory=dict)
    periode_akhir: str | None = None


def muat(processed_dir: str | Path, periode_akhir: str | None = None) -> Data:
    """Read ``processed_dir/*.parquet`` and drop rows after ``periode_akhir``.

    Parameters
    ----------
    processed_dir : folder written by :func:`kinerja_analysis.prepare.prepare`.
    periode_akhir : last quarter to keep (``"YYYY-Qn"``); None keeps everything.
    """
    processed_dir = Path(processed_dir)
    frames: dict[str, pd.DataFrame | None] = {}
    for name in TABLES:
        path = processed_dir / f"{name}.parquet"
        if not path.exists():
            if name == "tindak_lanjut":
                frames[name] = None
                continue
            raise FileNotFoundError(f"{path} is missing: run `kinerja prepare` first")
        frame = pd.read_parquet(path)
        if periode_akhir and "triwulan" in frame.columns:
            frame = frame[frame["triwulan"].isna() | (frame["triwulan"] <= periode_akhir)]
            frame = frame.reset_index(drop=True)
        frames[name] = frame
    ring = processed_dir / "ringkasan.json"
    ringkasan = json.loads(ring.read_text(encoding="utf-8")) if ring.exists() else {}
    return Data(**frames, ringkasan=ringkasan, periode_akhir=periode_akhir)  # type: ignore[arg-type]


def muat_atau_siapkan(
    processed_dir: str | Path, data_dir: str | Path, periode_akhir: str | None = None
) -> Data:
    """Like :func:`muat`, but runs ``prepare`` first when ``processed_dir`` is empty.

    Lets a researcher open a notebook in JupyterLab and run it top to bottom with its
    default parameters on a fresh clone.
    """
    if not (Path(processed_dir) / "ringkasan.json").exists():
        from .prepare import prepare

        prepare(data_dir, processed_dir)
    return muat(processed_dir, periode_akhir)
