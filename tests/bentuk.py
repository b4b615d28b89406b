"""Data shapes: contract-valid input folders that vary one thing at a time (test support).

A :class:`Bentuk` (shape) is a base data set, :class:`Sumber` (the output of
:func:`kinerja_analysis.synth.generate` at a chosen number of units, staff capped per
unit), followed by deterministic transforms (:class:`Ubah`) of the CSV files: drop an
optional column or file, cut quarters, move the adoption dates, keep fewer staff-survey
waves, blank the comments, leave an IKM element unanswered in one unit, drop one source's
last quarter. :func:`buat` writes the shape's raw folder; every transform can check on the
written folder that it did what it says (:meth:`Ubah.periksa`).

:data:`BENTUK` is the matrix used by ``tests/test_bentuk.py`` (see docs/testing.md). All
files are read as text and written back as CSV with their own separator and BOM, so the
values that are not transformed keep their exact spelling (decimal commas, mixed-case
ratings). The shipped ``data/raw`` is never read or written.

Examples
--------
>>> import tempfile
>>> b = menurut_nama("tanpa_kolom_penilaian_kinerja_predikat")
>>> with tempfile.TemporaryDirectory() as d:
...     raw = buat(b, Path(d) / "raw")
...     t = baca(raw)
...     b.periksa(t)
>>> "predikat" in t["penilaian_kinerja"].columns, sorted(t) == sorted(BERKAS)
(False, True)
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from kinerja_analysis import synth, triwulan

__all__ = [
    "BENTUK",
    "BERKAS",
    "Bentuk",
    "Masukan",
    "Sumber",
    "Ubah",
    "baca",
    "buat",
    "kunci_unit",
    "menurut_nama",
    "tulis",
    "triwulan_tanggal",
]

ROOT = Path(__file__).resolve().parents[1]

#: The input files of the data contract (docs/data_contract.md), in validation order.
BERKAS: tuple[str, ...] = ("kebijakan", "pegawai", "penilaian_kinerja", "survei_kepuasan",
                           "survei_asn", "tindak_lanjut")

#: Optional columns per input (docs/data_contract.md): each gets a shape without it.
KOLOM_OPSIONAL: dict[str, tuple[str, ...]] = {
    "pegawai": ("nama", "jabatan", "golongan", "status_kepegawaian", "jenis_kelamin",
                "tanggal_lahir"),
    "penilaian_kinerja": ("skor_kinerja", "rating_hasil_kerja", "rating_perilaku_kerja",
                          "predikat"),
    "survei_kepuasan": ("jenis_layanan", "pendidikan", "pekerjaan", "saran", "nip_petugas",
                        "jenis_kelamin", "usia"),
    "survei_asn": ("tanggal_pelatihan", "komentar"),
    "tindak_lanjut": ("keterangan",),
}

#: Inputs whose rows carry a quarter (``periode``) or a date placed in a quarter.
_BERTRIWULAN = ("penilaian_kinerja", "tindak_lanjut", "survei_kepuasan")


# ----------------------------------------------------------------------------- tables


@dataclass
class _Berkas:
    """One CSV as text: the frame (every cell a string, blank = ``""``), separator, BOM."""

    frame: pd.DataFrame
    sep: str = ","
    bom: bool = False


class Masukan(dict):
    """The input files of a folder by name (``t["pegawai"]`` is the frame)."""

    def __init__(self, files: Mapping[str, _Berkas]):
        super().__init__({k: v.frame for k, v in files.items()})
        self.format = {k: (v.sep, v.bom) for k, v in files.items()}


def baca(folder: str | Path) -> Masukan:
    """Read every ``NAME.csv`` input of ``folder`` as text (no type conversion).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     _ = (Path(d) / "kebijakan.csv").write_text("unit_kerja,tanggal_mulai\\nA,\\n")
    ...     baca(d)["kebijakan"].to_dict("records")
    [{'unit_kerja': 'A', 'tanggal_mulai': ''}]
    """
    files = {}
    for name in BERKAS:
        path = Path(folder) / f"{name}.csv"
        if not path.exists():
            continue
        raw = path.read_bytes()
        bom = raw.startswith(b"\xef\xbb\xbf")
        header = raw.split(b"\n", 1)[0]
        sep = ";" if header.count(b";") > header.count(b",") else ","
        frame = pd.read_csv(path, sep=sep, dtype=str, keep_default_na=False,
                            encoding="utf-8-sig")
        files[name] = _Berkas(frame, sep, bom)
    return Masukan(files)


def tulis(t: Masukan, folder: str | Path) -> None:
    """Write ``t`` into ``folder`` (each file with its own separator and BOM); files not in
    ``t`` are removed. A file without rows is refused: the contract rejects a header-only
    file (``hanya_judul``), so a shape drops the file instead."""
    folder = Path(folder)
    for name in BERKAS:
        path = folder / f"{name}.csv"
        if name not in t:
            path.unlink(missing_ok=True)
            continue
        frame = t[name]
        if frame.empty:
            raise ValueError(f"{name} has no rows left: drop the file instead")
        sep, bom = t.format.get(name, (",", False))
        frame.to_csv(path, sep=sep, index=False, lineterminator="\n",
                     encoding="utf-8-sig" if bom else "utf-8")


def triwulan_tanggal(tanggal: pd.Series) -> pd.Series:
    """A date column as text (``YYYY-MM-DD``, ``YYYY/MM/DD`` or day-first ``DD/MM/YYYY``,
    ``DD-MM-YYYY``, ``DD.MM.YYYY``, as the contract reads them) to its quarter ``YYYY-Qn``;
    blank stays blank.

    Examples
    --------
    >>> triwulan_tanggal(pd.Series(["2025-01-31", "01/12/2024", ""])).tolist()
    ['2025-Q1', '2024-Q4', '']
    """
    s = tanggal.astype(str).str.strip()
    ymd = s.str.extract(r"^(\d{4})[-/](\d{1,2})[-/]\d{1,2}")
    dmy = s.str.extract(r"^\d{1,2}[-/.](\d{1,2})[-/.](\d{4})")
    year = ymd[0].fillna(dmy[1])
    month = pd.to_numeric(ymd[1].fillna(dmy[0]), errors="coerce")
    ok = year.notna() & month.notna()
    q = ((month.where(ok, 1) - 1) // 3 + 1).astype(int).astype(str)
    return (year.fillna("") + "-Q" + q).where(ok, "")


def kunci_unit(unit: pd.Series) -> pd.Series:
    """Unit names as the contract matches them: case and repeated spaces ignored.

    Examples
    --------
    >>> kunci_unit(pd.Series([" Kelurahan  Gedawang", "KELURAHAN GEDAWANG"])).tolist()
    ['kelurahan gedawang', 'kelurahan gedawang']
    """
    return unit.astype(str).str.strip().str.replace(r"\s+", " ", regex=True).str.casefold()


def _triwulan(t: Masukan, name: str) -> pd.Series:
    """The quarter of each row of ``name`` (``periode`` or ``tanggal``)."""
    frame = t[name]
    if "periode" in frame.columns:
        return frame["periode"].map(triwulan.baca)
    return triwulan_tanggal(frame["tanggal"])


def _semua_triwulan(t: Masukan) -> list[str]:
    found: set[str] = set()
    for name in _BERTRIWULAN:
        if name in t:
            found |= set(_triwulan(t, name)) - {""}
    return sorted(found, key=triwulan.ke_int_satu)


def _pertahankan_pegawai(t: Masukan, nips: set[str]) -> None:
    """Keep only staff ``nips`` in every file that refers to staff."""
    t["pegawai"] = t["pegawai"][t["pegawai"]["nip"].isin(nips)].reset_index(drop=True)
    for name in ("penilaian_kinerja", "survei_asn", "tindak_lanjut"):
        if name in t:
            t[name] = t[name][t[name]["nip"].isin(nips)].reset_index(drop=True)
    sk = t.get("survei_kepuasan")
    if sk is not None and "nip_petugas" in sk.columns:
        sk.loc[~sk["nip_petugas"].isin(nips), "nip_petugas"] = ""


# ----------------------------------------------------------------------------- source


@dataclass(frozen=True)
class Sumber:
    """The base data set: synth output with at most ``maks_pegawai`` staff per unit (the
    first in file order, so the unit heads stay) and ``maks_responden`` citizen-survey
    responses per unit and quarter."""

    skala: str = "banyumanik"
    n_unit: int = 6
    seed: int = 2026
    maks_pegawai: int | None = 12
    maks_responden: int | None = 20

    def masukan(self) -> Masukan:
        """The base tables (generated once per process, then copied)."""
        if self not in _CACHE:
            with tempfile.TemporaryDirectory() as d:
                _CACHE[self] = self._buat(Path(d))
        base = _CACHE[self]
        t = Masukan({k: _Berkas(v.copy(), *base.format[k]) for k, v in base.items()})
        return t

    def _buat(self, folder: Path) -> Masukan:
        """Generate into ``folder`` and apply the caps (synth's ``ground_truth.json`` is not
        kept: it describes the uncapped data)."""
        synth.generate(folder, scale=self.skala, seed=self.seed, _n_units=self.n_unit)
        t = baca(folder)
        if self.maks_pegawai is not None:
            peg = t["pegawai"]
            keep = peg.groupby(kunci_unit(peg["unit_kerja"]), sort=False).head(
                self.maks_pegawai)
            _pertahankan_pegawai(t, set(keep["nip"]))
        if self.maks_responden is not None:
            sk = t["survei_kepuasan"]
            q = triwulan_tanggal(sk["tanggal"])
            t["survei_kepuasan"] = (sk.groupby([kunci_unit(sk["unit_kerja"]), q], sort=False)
                                    .head(self.maks_responden).reset_index(drop=True))
        return t


_CACHE: dict[Sumber, Masukan] = {}


# -------------------------------------------------------------------------- transforms


@dataclass(frozen=True)
class Ubah:
    """A deterministic transform of the input tables, with the check that it held."""

    def terapkan(self, t: Masukan) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def periksa(self, t: Masukan) -> None:
        """Assert on the written files that the transform did what it says."""


@dataclass(frozen=True)
class TanpaKolom(Ubah):
    """Drop optional columns of one file."""

    berkas: str
    kolom: tuple[str, ...]

    def terapkan(self, t: Masukan) -> None:
        t[self.berkas] = t[self.berkas].drop(columns=list(self.kolom))

    def periksa(self, t: Masukan) -> None:
        left = set(self.kolom) & set(t[self.berkas].columns)
        assert not left, f"{self.berkas} still has {sorted(left)}"


@dataclass(frozen=True)
class HanyaBerkas(Ubah):
    """Keep only the named files (the others are absent, not empty)."""

    berkas: tuple[str, ...]

    def terapkan(self, t: Masukan) -> None:
        for name in list(t):
            if name not in self.berkas:
                del t[name]

    def periksa(self, t: Masukan) -> None:
        assert sorted(t) == sorted(self.berkas), sorted(t)


@dataclass(frozen=True)
class PotongTriwulan(Ubah):
    """Keep the last ``n`` quarters of the quarter-keyed files (scores, follow-ups, citizen
    survey; the staff survey is not a quarterly file and is kept)."""

    n: int

    def terapkan(self, t: Masukan) -> None:
        keep = set(_semua_triwulan(t)[-self.n:])
        for name in _BERTRIWULAN:
            if name in t:
                t[name] = t[name][_triwulan(t, name).isin(keep)].reset_index(drop=True)

    def periksa(self, t: Masukan) -> None:
        qs = _semua_triwulan(t)
        assert len(qs) == self.n, qs
        assert qs == triwulan.rentang(qs[0], qs[-1]), qs
        for name in ("penilaian_kinerja", "survei_kepuasan"):
            if name in t:
                assert set(_triwulan(t, name)) == set(qs), name


def _tengah(t: Masukan) -> str:
    qs = _semua_triwulan(t)
    return qs[len(qs) // 2]


def _hari_pertama(q: str, offset: int = 0) -> str:
    y, n = int(q[:4]), int(q[-1])
    return date(y, 3 * n - 2, 1 + offset % 28).isoformat()


@dataclass(frozen=True)
class Adopsi(Ubah):
    """Move the adoption dates (kebijakan.tanggal_mulai).

    ``pola``: ``"serentak"`` every unit in the middle quarter of the data; ``"satu_unit"``
    only the first unit (middle quarter), the others blank; ``"tidak_ada"`` every date
    blank; ``"setelah_akhir"`` every unit in the quarter after the data's last one.
    """

    pola: str

    def _triwulan_mulai(self, t: Masukan) -> str:
        if self.pola == "setelah_akhir":
            return triwulan.geser(_semua_triwulan(t)[-1], 1)
        return _tengah(t)

    def terapkan(self, t: Masukan) -> None:
        kb = t["kebijakan"].copy()
        q = self._triwulan_mulai(t)
        days = [_hari_pertama(q, i) for i in range(len(kb))]
        if self.pola == "tidak_ada":
            days = [""] * len(kb)
        elif self.pola == "satu_unit":
            days = [days[0]] + [""] * (len(kb) - 1)
        elif self.pola not in ("serentak", "setelah_akhir"):
            raise ValueError(f"unknown adoption pattern {self.pola!r}")
        if any(d and d > date.today().isoformat() for d in days):
            raise ValueError("an adoption date would be in the future (tanggal_masa_depan)")
        kb["tanggal_mulai"] = days
        t["kebijakan"] = kb

    def periksa(self, t: Masukan) -> None:
        kb = t["kebijakan"]
        mulai = triwulan_tanggal(kb["tanggal_mulai"])
        filled = mulai[mulai != ""]
        last = _semua_triwulan(t)[-1]
        if self.pola == "tidak_ada":
            assert filled.empty
        elif self.pola == "satu_unit":
            assert len(filled) == 1 and len(kb) > 0
        else:
            assert len(filled) == len(kb) and filled.nunique() == 1, mulai.tolist()
            q = filled.iloc[0]
            after = triwulan.ke_int_satu(q) > triwulan.ke_int_satu(last)
            assert after == (self.pola == "setelah_akhir"), (q, last)


@dataclass(frozen=True)
class GelombangMaks(Ubah):
    """Keep staff-survey waves 1..``n``."""

    n: int

    def terapkan(self, t: Masukan) -> None:
        sa = t["survei_asn"]
        t["survei_asn"] = sa[sa["gelombang"].astype(int) <= self.n].reset_index(drop=True)

    def periksa(self, t: Masukan) -> None:
        waves = sorted(set(t["survei_asn"]["gelombang"].astype(int)))
        assert waves == list(range(1, self.n + 1)), waves


@dataclass(frozen=True)
class TanpaKomentar(Ubah):
    """Every staff-survey comment blank (the column stays)."""

    def terapkan(self, t: Masukan) -> None:
        t["survei_asn"] = t["survei_asn"].assign(komentar="")

    def periksa(self, t: Masukan) -> None:
        kom = t["survei_asn"]["komentar"]
        assert (kom.str.strip() == "").all()


@dataclass(frozen=True)
class UnsurKosongDiUnit(Ubah):
    """Element ``unsur`` never answered (blank) in the first unit with survey rows."""

    unsur: str = "u5"

    def terapkan(self, t: Masukan) -> None:
        sk = t["survei_kepuasan"].copy()
        unit = kunci_unit(sk["unit_kerja"])
        sk.loc[unit == unit.iloc[0], self.unsur] = ""
        t["survei_kepuasan"] = sk

    def periksa(self, t: Masukan) -> None:
        sk = t["survei_kepuasan"]
        blank = (sk[self.unsur] == "").groupby(kunci_unit(sk["unit_kerja"])).all()
        assert blank.sum() == 1, blank.to_dict()
        assert (sk[self.unsur] != "").any()


@dataclass(frozen=True)
class TanpaTriwulanAkhir(Ubah):
    """Drop one source's rows in the data's last quarter: ``"survei_kepuasan"`` (scores
    but no citizen survey) or ``"penilaian_kinerja"`` (survey but no scores; its
    follow-ups go too)."""

    berkas: str

    def terapkan(self, t: Masukan) -> None:
        last = _semua_triwulan(t)[-1]
        names = [self.berkas] + (["tindak_lanjut"] if self.berkas == "penilaian_kinerja"
                                 else [])
        for name in names:
            if name in t:
                t[name] = t[name][_triwulan(t, name) != last].reset_index(drop=True)

    def periksa(self, t: Masukan) -> None:
        other = ("penilaian_kinerja" if self.berkas == "survei_kepuasan"
                 else "survei_kepuasan")
        last_other = max(_triwulan(t, other), key=triwulan.ke_int_satu)
        last_self = max(_triwulan(t, self.berkas), key=triwulan.ke_int_satu)
        assert triwulan.geser(last_self, 1) == last_other, (last_self, last_other)


# ----------------------------------------------------------------------------- shapes


@dataclass(frozen=True)
class Bentuk:
    """A data shape: a base data set and the transforms applied to it, in order.

    Attributes
    ----------
    nama : str
        Test id.
    ubah : tuple of Ubah
        Transforms, applied in order.
    sumber : Sumber
        The base data set.
    perlu_modular : bool
        The shape leaves out required files: it validates only with modular-input support
        in the contract (every file optional, pages built from what is present).
    ujung : bool
        The shape gets its own end-to-end report run (False when a combination shape
        already runs the same degradation; its folder is still validated).
    cepat : bool
        One of the few representative shapes whose end-to-end run is not marked slow.
    lang : str
        Report language of the end-to-end run.
    """

    nama: str
    ubah: tuple[Ubah, ...] = ()
    sumber: Sumber = field(default_factory=Sumber)
    perlu_modular: bool = False
    ujung: bool = True
    cepat: bool = False
    lang: str = "id"

    def periksa(self, t: Masukan) -> None:
        """Check every transform on the written tables, and the number of units."""
        if "kebijakan" in t:
            assert len(t["kebijakan"]) == self.sumber.n_unit, len(t["kebijakan"])
            units = set(kunci_unit(t["kebijakan"]["unit_kerja"]))
            for name in ("pegawai", "survei_kepuasan"):
                if name in t:
                    assert set(kunci_unit(t[name]["unit_kerja"])) <= units, name
        for u in self.ubah:
            u.periksa(t)


def buat(bentuk: Bentuk, folder: str | Path) -> Path:
    """Write the raw input folder of ``bentuk`` into ``folder`` (created; must be empty).

    Returns the folder. The bytes are a pure function of the shape.
    """
    folder = Path(folder).resolve()
    if folder.is_relative_to(ROOT / "data"):
        raise ValueError(f"refusing to write into the project's data folder: {folder}")
    if folder.exists() and any(folder.iterdir()):
        raise FileExistsError(f"{folder} is not empty")
    folder.mkdir(parents=True, exist_ok=True)
    try:
        t = bentuk.sumber.masukan()
        for u in bentuk.ubah:
            u.terapkan(t)
        tulis(t, folder)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return folder


def _bentuk() -> tuple[Bentuk, ...]:
    # End-to-end coverage: each shape gets its own report run unless a combination shape
    # (or a neighbour on the same axis) already runs the same degradation (ujung=False;
    # its folder is still validated). That keeps the matrix at 14 report runs.
    out = [Bentuk("dasar", cepat=True)]
    # each optional column absent; end to end: every optional column at once, and the
    # known crash case (no predikat) with a missing last survey quarter
    for berkas, cols in KOLOM_OPSIONAL.items():
        for c in cols:
            out.append(Bentuk(f"tanpa_kolom_{berkas}_{c}", (TanpaKolom(berkas, (c,)),),
                              ujung=False))
    for berkas, cols in KOLOM_OPSIONAL.items():
        out.append(Bentuk(f"tanpa_kolom_opsional_{berkas}", (TanpaKolom(berkas, cols),),
                          ujung=False))
    out.append(Bentuk("tanpa_kolom_opsional_semua",
                      tuple(TanpaKolom(b, c) for b, c in KOLOM_OPSIONAL.items())))
    # optional file absent; the modular subsets (one page family each)
    out += [
        Bentuk("tanpa_tindak_lanjut", (HanyaBerkas(BERKAS[:-1]),), ujung=False),
        Bentuk("hanya_survei_kepuasan", (HanyaBerkas(("survei_kepuasan", "kebijakan")),),
               perlu_modular=True, cepat=True),
        Bentuk("hanya_penilaian", (HanyaBerkas(("penilaian_kinerja", "pegawai",
                                                "kebijakan")),), perlu_modular=True,
               lang="en"),
        Bentuk("hanya_survei_asn", (HanyaBerkas(("survei_asn", "pegawai")),),
               perlu_modular=True),
    ]
    # number of units (12: the demo's unit list and adoption layout, which tests/test_report
    # runs end to end; 200: above every small-sample threshold and maks_unit_tampil)
    out += [Bentuk("unit_1", sumber=Sumber(n_unit=1), cepat=True),
            Bentuk("unit_2", sumber=Sumber(n_unit=2), ujung=False),
            Bentuk("unit_3", sumber=Sumber(n_unit=3), ujung=False),
            Bentuk("unit_12", sumber=Sumber(n_unit=12), ujung=False),
            Bentuk("unit_200", sumber=Sumber("nasional", 200, maks_pegawai=10,
                                              maks_responden=12))]
    # number of quarters (the base has 20: 2021-Q1..2025-Q4)
    out += [Bentuk("triwulan_1", (PotongTriwulan(1),)),  # one quarter: named in issue #13
            Bentuk("triwulan_2", (PotongTriwulan(2),), ujung=False),
            Bentuk("triwulan_4", (PotongTriwulan(4),), ujung=False)]
    # adoption (the base is staggered over three waves, one unit never treated)
    out += [Bentuk(f"adopsi_{p}", (Adopsi(p),), ujung=p == "setelah_akhir")
            for p in ("serentak", "satu_unit", "tidak_ada", "setelah_akhir")]
    # staff-survey waves (the base has three), comments, IKM elements, last quarter
    out += [
        Bentuk("gelombang_1", (GelombangMaks(1),), ujung=False),
        Bentuk("gelombang_2", (GelombangMaks(2),), ujung=False),
        Bentuk("tanpa_komentar", (TanpaKomentar(),), ujung=False),
        Bentuk("unsur_kosong_satu_unit", (UnsurKosongDiUnit("u5"),)),
        Bentuk("tanpa_survei_triwulan_akhir", (TanpaTriwulanAkhir("survei_kepuasan"),),
               ujung=False),
        Bentuk("tanpa_skor_triwulan_akhir", (TanpaTriwulanAkhir("penilaian_kinerja"),)),
    ]
    # combinations
    out += [
        Bentuk("unit_1_triwulan_2", (PotongTriwulan(2),), sumber=Sumber(n_unit=1),
               cepat=True),
        Bentuk("unit_2_adopsi_serentak", (Adopsi("serentak"),), sumber=Sumber(n_unit=2),
               ujung=False),
        Bentuk("adopsi_serentak_tanpa_tindak_lanjut",
               (Adopsi("serentak"), HanyaBerkas(BERKAS[:-1])), cepat=True),
        Bentuk("tanpa_predikat_tanpa_survei_triwulan_akhir",
               (TanpaKolom("penilaian_kinerja", ("predikat",)),
                TanpaTriwulanAkhir("survei_kepuasan")), cepat=True),
        Bentuk("gelombang_1_tanpa_komentar", (GelombangMaks(1), TanpaKomentar()),
               lang="en"),
        Bentuk("triwulan_4_adopsi_setelah_akhir", (PotongTriwulan(4), Adopsi("setelah_akhir")),
               ujung=False),
        Bentuk("hanya_survei_kepuasan_unit_1_triwulan_2",
               (HanyaBerkas(("survei_kepuasan", "kebijakan")), PotongTriwulan(2)),
               sumber=Sumber(n_unit=1), perlu_modular=True, ujung=False),
    ]
    names = [b.nama for b in out]
    assert len(set(names)) == len(names), "shape names must be unique"
    return tuple(out)


#: The shape matrix (see docs/testing.md).
BENTUK: tuple[Bentuk, ...] = _bentuk()


def menurut_nama(nama: str) -> Bentuk:
    """The shape called ``nama``."""
    for b in BENTUK:
        if b.nama == nama:
            return b
    raise KeyError(nama)
