"""Validate -> pseudonymize -> scrub -> write Parquet into ``data/processed/``.

Nothing personal leaves this step: NIPs become keyed pseudonyms (``id_pegawai``,
``id_petugas``), names and birth dates are dropped (birth dates become an age band),
free text is scrubbed of NIK, NIP, phone numbers, e-mail and roster names, and
rejected rows are written with their row number and reasons only (never the raw values).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from . import __version__, atomic, contract, privacy

# Extra (non-contract) columns whose names suggest personal data are dropped, not scrubbed.
_PERSONAL_COLUMN = re.compile(
    r"(^|_)(nama|name|nik|nip|email|e_mail|surel|telp|telepon|phone|hp|wa|whatsapp|alamat|address|"
    r"ktp|kk|rekening)($|_)",
    re.IGNORECASE,
)
_FREE_TEXT = {"saran", "komentar", "keterangan"}
USIA_BANDS = (0, 30, 40, 50, 200)
USIA_LABELS = ("<30", "30-39", "40-49", "50+")


class DataInvalidError(Exception):
    """Raised in strict mode when the inputs break the data contract."""

    def __init__(self, report: contract.ValidationReport):
        self.report = report
        n = sum(1 for p in report.problems if p.severity == "error")
        super().__init__(f"{n} data problems")


@dataclass
class PrepareResult:
    """What :func:`prepare` wrote and how many rows it used or rejected."""

    report: contract.ValidationReport
    processed_dir: Path
    files: dict[str, Path] = field(default_factory=dict)
    ringkasan: dict = field(default_factory=dict)


def sha256_file(path: str | Path) -> str:
    """SHA-256 of a file, read in 1 MiB blocks."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def input_hashes(data_dir: str | Path) -> dict[str, str]:
    """SHA-256 of every contract input present in ``data_dir`` (by file name)."""
    from .ingest import find_input

    out: dict[str, str] = {}
    for name in contract.INPUTS:
        path = find_input(Path(data_dir), name)
        if path is not None:
            out[path.name] = sha256_file(path)
    return out


def kelompok_usia(tanggal_lahir: pd.Series, pada: pd.Timestamp) -> pd.Series:
    """Age band (``<30``, ``30-39``, ``40-49``, ``50+``) at date ``pada``.

    Examples
    --------
    >>> s = pd.Series(pd.to_datetime(["1990-06-01", "1970-01-01", None]))
    >>> kelompok_usia(s, pd.Timestamp("2025-12-31")).tolist()
    ['30-39', '50+', nan]
    """
    usia = (pada - pd.to_datetime(tanggal_lahir)).dt.days / 365.2425
    band = pd.cut(usia, bins=USIA_BANDS, labels=USIA_LABELS, right=False)
    return band.astype(object).where(band.notna(), other=float("nan"))


def _extra_columns(table: contract.ValidatedTable, known: set[str]) -> list[str]:
    return [c for c in table.accepted.columns if c not in known and not c.startswith("_")]


def _clean_extras(frame: pd.DataFrame, extras: list[str], names: list[str]) -> pd.DataFrame:
    keep = [c for c in extras if not _PERSONAL_COLUMN.search(c)]
    out = frame[keep].copy()
    for col in keep:
        out[col] = privacy.scrub_series(out[col].astype("string"), names)
    return out


def _referensi(tables: dict[str, contract.ValidatedTable]) -> pd.Timestamp:
    """Reference date for age bands: end of the last quarter evaluated (else today)."""
    pk = tables.get("penilaian_kinerja")
    if pk is not None and len(pk.accepted):
        last = pd.Period(pk.accepted["triwulan"].dropna().max(), freq="Q")
        return last.end_time.normalize()
    return pd.Timestamp(date.today())


def _build(tables: dict[str, contract.ValidatedTable], key: bytes) -> dict[str, pd.DataFrame]:
    """Turn accepted contract tables into the processed (pseudonymized) tables."""
    peg = tables["pegawai"].accepted
    names = [n for n in peg["nama"].dropna().astype(str).tolist() if n.strip()]
    unit_of = peg.set_index("nip")["unit_kerja"]

    def pseudo(s: pd.Series) -> pd.Series:
        return privacy.pseudonymize(s, key)

    out: dict[str, pd.DataFrame] = {}

    kb = tables["kebijakan"].accepted
    out["kebijakan"] = kb[["unit_kerja", "tanggal_mulai", "triwulan_mulai"]].reset_index(drop=True)

    ref = _referensi(tables)
    known = {
        "nip",
        "unit_kerja",
        "nama",
        "jabatan",
        "golongan",
        "status_kepegawaian",
        "jenis_kelamin",
        "tanggal_lahir",
    }
    p = pd.DataFrame(
        {
            "id_pegawai": pseudo(peg["nip"]),
            "unit_kerja": peg["unit_kerja"],
            "jabatan": peg["jabatan"],
            "golongan": peg["golongan"],
            "status_kepegawaian": peg["status_kepegawaian"],
            "jenis_kelamin": peg["jenis_kelamin"],
            "kelompok_usia": kelompok_usia(peg["tanggal_lahir"], ref),
        }
    )
    extras = _extra_columns(tables["pegawai"], known)
    out["pegawai"] = pd.concat([p, _clean_extras(peg, extras, names)], axis=1).reset_index(
        drop=True
    )

    pk = tables["penilaian_kinerja"].accepted
    cols = [
        "periode",
        "triwulan",
        "kehadiran",
        "kualitas_pelayanan",
        "partisipasi",
        "skor_kinerja",
        "skor_kinerja_turunan",
        "rating_hasil_kerja",
        "rating_perilaku_kerja",
        "predikat",
    ]
    f = pk[cols].copy()
    f.insert(0, "unit_kerja", pk["nip"].map(unit_of).to_numpy())
    f.insert(0, "id_pegawai", pseudo(pk["nip"]).to_numpy())
    extras = _extra_columns(tables["penilaian_kinerja"], set(cols) | {"nip"})
    out["penilaian_kinerja"] = pd.concat([f, _clean_extras(pk, extras, names)], axis=1).reset_index(
        drop=True
    )

    sk = tables["survei_kepuasan"].accepted
    ucols = [f"u{i}" for i in range(1, 10)]
    cols = [
        "tanggal",
        "triwulan",
        "unit_kerja",
        *ucols,
        "jenis_layanan",
        "jenis_kelamin",
        "pendidikan",
        "pekerjaan",
    ]
    f = sk[cols].copy()
    f.insert(0, "id_responden", pseudo(sk["id_responden"].astype("string")).to_numpy())
    f["id_petugas"] = pseudo(sk["nip_petugas"]).to_numpy()
    usia = pd.to_numeric(sk["usia"], errors="coerce")
    band = pd.cut(
        usia,
        bins=(0, 25, 35, 45, 55, 200),
        right=False,
        labels=("<25", "25-34", "35-44", "45-54", "55+"),
    )
    f["kelompok_usia"] = band.astype(object).where(band.notna(), other=float("nan"))
    f["saran"] = privacy.scrub_series(sk["saran"].astype("string"), names).to_numpy()
    extras = _extra_columns(
        tables["survei_kepuasan"], set(cols) | {"id_responden", "nip_petugas", "usia", "saran"}
    )
    out["survei_kepuasan"] = pd.concat(
        [f.reset_index(drop=True), _clean_extras(sk, extras, names).reset_index(drop=True)], axis=1
    )

    sa = tables["survei_asn"].accepted
    items = [f"{s}_{i}" for s in ("paham", "khawatir", "dukungan") for i in (1, 2, 3)]
    cols = ["tanggal", "triwulan", "gelombang", *items, "ikut_pelatihan", "tanggal_pelatihan"]
    f = sa[cols].copy()
    f.insert(0, "unit_kerja", sa["nip"].map(unit_of).to_numpy())
    f.insert(0, "id_pegawai", pseudo(sa["nip"]).to_numpy())
    f["komentar"] = privacy.scrub_series(sa["komentar"].astype("string"), names).to_numpy()
    extras = _extra_columns(tables["survei_asn"], set(cols) | {"nip", "komentar"})
    out["survei_asn"] = pd.concat(
        [f.reset_index(drop=True), _clean_extras(sa, extras, names).reset_index(drop=True)], axis=1
    )

    tl = tables.get("tindak_lanjut")
    if tl is not None and tl.path is not None:
        a = tl.accepted
        out["tindak_lanjut"] = pd.DataFrame(
            {
                "id_pegawai": pseudo(a["nip"]).to_numpy(),
                "unit_kerja": a["nip"].map(unit_of).to_numpy(),
                "periode": a["periode"].to_numpy(),
                "triwulan": a["triwulan"].to_numpy(),
                "jenis": a["jenis"].to_numpy(),
                "keterangan": privacy.scrub_series(
                    a["keterangan"].astype("string"), names
                ).to_numpy(),
            }
        )
    return out


def prepare(
    data_dir: str | Path,
    processed_dir: str | Path,
    *,
    lenient: bool = False,
    key: bytes | None = None,
    options: contract.ContractOptions | None = None,
    progress: Callable[[str], None] | None = None,
) -> PrepareResult:
    """Validate the inputs in ``data_dir`` and write pseudonymized Parquet to ``processed_dir``.

    Parameters
    ----------
    data_dir : folder with the contract inputs (``pegawai.csv`` ...). Opened read-only.
    processed_dir : output folder; gets one ``NAME.parquet`` per input, ``ringkasan.json``
        (rows read / accepted / rejected, input hashes) and, when rows were rejected,
        ``ditolak/NAME.csv`` (row number, codes and reasons; no raw values).
    lenient : if False (default) any invalid row raises :class:`DataInvalidError` and
        nothing is written; if True invalid rows are set aside and the rest is used.
    key : pseudonym key; default :func:`privacy.load_key`.
    """
    say = progress or (lambda _msg: None)
    data_dir, processed_dir = Path(data_dir), Path(processed_dir)
    say(f"validasi {data_dir}")
    report = contract.validate_dir(data_dir, options)
    if report.has_errors and not lenient:
        raise DataInvalidError(report)
    if key is None:
        key = privacy.load_key()
    say("pseudonimisasi dan penyaringan teks bebas")
    frames = _build(report.tables, key)

    processed_dir.mkdir(parents=True, exist_ok=True)
    result = PrepareResult(report=report, processed_dir=processed_dir)
    for name, frame in frames.items():
        result.files[name] = atomic.write_parquet(processed_dir / f"{name}.parquet", frame)
    say(f"{len(frames)} tabel Parquet ditulis ke {processed_dir}")

    rejected_dir = processed_dir / "ditolak"
    ringkasan: dict = {"versi": __version__, "input": {}}
    for name, table in report.tables.items():
        if table.path is None:
            continue
        entry = {
            "file": table.path.name,
            "sha256": sha256_file(table.path),
            "read": int(table.n_read),
            "accepted": int(len(table.accepted)),
            "rejected": int(len(table.rejected)),
        }
        ringkasan["input"][name] = entry
        target = rejected_dir / f"{name}.csv"
        if len(table.rejected):
            cols = [c for c in ("_baris", "kode", "alasan") if c in table.rejected.columns]
            rej = table.rejected[cols].rename(columns={"_baris": "baris"})
            atomic.write_csv(target, rej)
        elif target.exists():
            target.unlink()
    peg = frames["pegawai"]
    ringkasan["tanggal_data"] = _tanggal_data(frames)
    ringkasan["n_unit"] = int(frames["kebijakan"]["unit_kerja"].nunique())
    ringkasan["n_pegawai"] = int(len(peg))
    atomic.write_json(processed_dir / "ringkasan.json", ringkasan)
    result.ringkasan = ringkasan
    return result


def _tanggal_data(frames: dict[str, pd.DataFrame]) -> str | None:
    """Latest date seen in the dated inputs (the 'data date' shown in report headers)."""
    dates = [
        frames[n]["tanggal"].max()
        for n in ("survei_kepuasan", "survei_asn")
        if n in frames and len(frames[n])
    ]
    dates = [d for d in dates if pd.notna(d)]
    return max(dates).date().isoformat() if dates else None
