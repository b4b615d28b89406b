"""Report sections as package code: each page is built from the data by tested functions.

A report page (one notebook) is a :class:`Halaman`: an ordered set of :class:`Bagian`
(sections) plus the results.json sections it writes. A section holds the blocks to show
(:class:`Teks`, :class:`Tabel`, :class:`Gambar`) and, when its inputs are missing, the
reason code (:data:`ALASAN`) and one sentence saying what is missing and what data would
make it possible. The notebooks only hold parameters, narrative and calls such as
``tampilkan(hal["ikm_unit"])``; every decision (rounding, which rows, up or down) is here.

Page modules: :mod:`.gambaran` (00), :mod:`.dampak` (01), :mod:`.korelasi` (02),
:mod:`.hambatan` (03), :mod:`.eksekutif` (04). Each has ``bangun(data, params) -> Halaman``.

Shared rules, one place each:

* the direction an interval supports: :func:`arah` (up / down / unclear);
* quarter arithmetic: :mod:`kinerja_analysis.triwulan`;
* rounding for results.json: :func:`kinerja_analysis.laporan.hasil.to_jsonable`
  (``decimals`` for estimates, p-values always in significant digits).

Examples
--------
>>> b = Bagian("contoh", [Teks("## Judul"), Teks("Satu kalimat.")])
>>> b.tersedia, b.teks()
(True, '## Judul\\nSatu kalimat.')
>>> k = kosong("contoh", "## Judul", "tanpa_berkas", "id", berkas="survei_asn")
>>> k.tersedia, k.alasan
(False, 'tanpa_berkas')
>>> print(k.teks())
## Judul
Bagian ini memerlukan berkas survei_asn, yang tidak ada dalam data. ...
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from ... import i18n
from .. import hasil as _hasil
from .. import naskah as _naskah

__all__ = [
    "ALASAN",
    "Bagian",
    "Gambar",
    "Halaman",
    "Parameter",
    "Tabel",
    "Teks",
    "arah",
    "kalimat_alasan",
    "kosong",
    "muat_data",
    "periode_laporan",
    "tampilkan",
]

Arah = Literal["naik", "turun", "tidak_jelas"]


def arah(ci_low: float | None, ci_high: float | None) -> Arah:
    """The direction a 95 % interval supports: ``"naik"`` (whole interval above 0),
    ``"turun"`` (whole interval below 0) or ``"tidak_jelas"`` (it includes 0, or is missing).

    The one rule every page and the executive summary use to say up / down / unclear.

    Examples
    --------
    >>> arah(0.2, 0.9), arah(-0.5, -0.1), arah(-0.1, 0.3), arah(0.0, 1.0), arah(None, 2.0)
    ('naik', 'turun', 'tidak_jelas', 'tidak_jelas', 'tidak_jelas')
    >>> arah(float("nan"), 1.0)
    'tidak_jelas'
    """
    if ci_low is None or ci_high is None:
        return "tidak_jelas"
    lo, hi = float(ci_low), float(ci_high)
    if math.isnan(lo) or math.isnan(hi):
        return "tidak_jelas"
    if lo > 0:
        return "naik"
    if hi < 0:
        return "turun"
    return "tidak_jelas"


# -------------------------------------------------------------------- parameters


@dataclass(frozen=True)
class Parameter:
    """The parameters every page shares (the notebooks' parameters cell); pages subclass it
    for their own (e.g. ``batas_pembinaan``).

    A minimum group size below 1 raises ``ValueError``; below the default (10 staff,
    5 respondents) it warns (:class:`~kinerja_analysis.laporan.parameter.AmbangKecilWarning`)
    unless ``izinkan_k_kecil=True``, the flag the report run requires for it."""

    lang: str = "id"
    periode_akhir: str | None = None
    k_min_pegawai: int = 10
    k_min_responden: int = 5
    maks_unit_tampil: int = 30
    seed: int = 2026
    izinkan_k_kecil: bool = False

    def __post_init__(self) -> None:
        from ..parameter import peringatan_k

        object.__setattr__(self, "lang", i18n.check_lang(self.lang))
        for nama in ("k_min_pegawai", "k_min_responden"):
            peringatan_k(nama, getattr(self, nama), self.izinkan_k_kecil)


def muat_data(processed_dir: str | Path, data_dir: str | Path,
              periode_akhir: str | None = None) -> Any:
    """The processed tables a page reads (prepared first when ``processed_dir`` is empty),
    without the columns no page uses; absent inputs are ``None``."""
    from ...muat import KOLOM_TIDAK_DIPAKAI, muat_atau_siapkan

    return muat_atau_siapkan(processed_dir, data_dir, periode_akhir, tanpa=KOLOM_TIDAK_DIPAKAI)


def periode_laporan(data: Any, periode_akhir: str | None = None) -> str | None:
    """The quarter a page reports: ``periode_akhir`` when given, else the last quarter of
    the scores or the citizen survey (whichever are present); ``None`` without either.

    Examples
    --------
    >>> class D:
    ...     penilaian_kinerja = pd.DataFrame({"triwulan": ["2025-Q2", "2025-Q3"]})
    ...     survei_kepuasan = None
    >>> periode_laporan(D()), periode_laporan(D(), "2025-Q1")
    ('2025-Q3', '2025-Q1')
    """
    if periode_akhir:
        return periode_akhir
    found = []
    for name in ("penilaian_kinerja", "survei_kepuasan"):
        frame = getattr(data, name, None)
        if frame is not None and "triwulan" in frame.columns:
            s = frame["triwulan"].dropna()
            if len(s):
                found.append(str(s.max()))
    return max(found) if found else None


# ------------------------------------------------------------------------ blocks


@dataclass
class Teks:
    """Markdown text (sentences built from rounded, formatted numbers)."""

    markdown: str

    def html(self) -> str:
        import mistune  # nbconvert's Markdown renderer

        return str(mistune.html(self.markdown))

    def tampilkan(self) -> None:
        from IPython.display import Markdown, display

        display(Markdown(self.markdown))


@dataclass
class Tabel:
    """A table: ``data`` formatted by ``spec`` (:func:`kinerja_analysis.i18n.format_frame`)."""

    data: pd.DataFrame
    spec: Mapping[str, Any] | None = None
    lang: str = "id"
    headers: Mapping[str, str] | None = None
    caption: str | None = None

    def html(self) -> str:
        from ..tampilan import tabel_html

        return tabel_html(self.data, self.spec, self.lang, self.headers, self.caption)

    def tampilkan(self) -> None:
        from IPython.display import HTML, display

        display(HTML(self.html()))


@dataclass
class Gambar:
    """A matplotlib figure with its alt text; rendered once to an SVG ``<figure>``."""

    fig: Any
    alt: str
    judul: str = ""
    _html: str | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if not self.judul and self.fig is not None:
            titles = [ax.get_title() for ax in self.fig.axes if ax.get_title()]
            self.judul = " / ".join(titles)

    def html(self) -> str:
        if self._html is None:
            from ..tampilan import gambar_html

            self._html = gambar_html(self.fig, self.alt)
            self.fig = None  # closed by gambar_html; the SVG is kept
        return self._html

    def tampilkan(self) -> None:
        from IPython.display import HTML, display

        display(HTML(self.html()))


Blok = Teks | Tabel | Gambar


# ---------------------------------------------------------------------- reasons

#: Reason codes of a section (and of a ``null`` in results.json) that lacks data, with the
#: one sentence a page shows. Codes are a public interface: docs/results_schema.md lists
#: them. Page modules may pass their own catalog to :func:`kosong` for page-specific codes.
ALASAN: dict[str, dict[str, str]] = {
    "tanpa_berkas": {
        "id": "Bagian ini memerlukan berkas {berkas}, yang tidak ada dalam data. Sertakan "
        "{berkas} agar bagian ini dapat dihitung.",
        "en": "This section needs the file {berkas}, which is not in the data. Include "
        "{berkas} to produce it.",
    },
    "tanpa_kolom": {
        "id": "Bagian ini memerlukan kolom {kolom} pada berkas {berkas}, yang tidak diisi. "
        "Isi kolom tersebut agar bagian ini dapat dihitung.",
        "en": "This section needs the column {kolom} in {berkas}, which is empty or absent. "
        "Fill that column to produce it.",
    },
    "tanpa_data_periode": {
        "id": "Berkas {berkas} tidak memuat data untuk {periode}. Bagian ini akan tampil "
        "setelah data {periode} tersedia.",
        "en": "{berkas} has no data for {periode}. This section appears once data for "
        "{periode} are available.",
    },
    "triwulan_kurang": {
        "id": "Data hanya mencakup {n} triwulan; bagian ini memerlukan paling sedikit {min} "
        "triwulan.",
        "en": "The data cover only {n} quarter(s); this section needs at least {min}.",
    },
    "unit_kurang": {
        "id": "Data hanya mencakup {n} unit kerja; bagian ini memerlukan paling sedikit {min} "
        "unit kerja.",
        "en": "The data cover only {n} work unit(s); this section needs at least {min}.",
    },
    "data_kurang": {
        "id": "Data terlalu sedikit untuk bagian ini ({n} dari paling sedikit {min} yang "
        "diperlukan).",
        "en": "Too few data for this section ({n} of the at least {min} needed).",
    },
    "disembunyikan": {
        "id": "Setiap kelompok memiliki kurang dari {k} orang, sehingga angkanya tidak "
        "ditampilkan untuk melindungi kerahasiaan.",
        "en": "Every group has fewer than {k} people, so no figure is shown, to protect "
        "confidentiality.",
    },
    "tanpa_adopsi": {
        "id": "Tidak ada unit kerja yang mulai menerapkan kebijakan dalam rentang data "
        "({awal} sampai {akhir}), sehingga dampaknya belum dapat diukur.",
        "en": "No work unit started the policy within the data ({awal} to {akhir}), so its "
        "effect cannot be measured yet.",
    },
    "tanpa_pembanding": {
        "id": "Tidak ada unit kerja pembanding (yang belum menerapkan kebijakan) pada "
        "triwulan yang sama, sehingga dampak tidak dapat dipisahkan dari perubahan umum.",
        "en": "There are no comparison units (not yet under the policy) in the same "
        "quarters, so the effect cannot be separated from general change.",
    },
    "satu_gelombang": {
        "id": "Survei pegawai hanya memiliki satu gelombang; perbandingan sebelum-sesudah "
        "memerlukan paling sedikit dua gelombang.",
        "en": "The staff survey has only one wave; a before-after comparison needs at least "
        "two.",
    },
    "tanpa_komentar": {
        "id": "Tidak ada komentar tertulis dalam survei pegawai.",
        "en": "The staff survey has no written comments.",
    },
    "tanpa_hasil": {
        "id": "Halaman {halaman} tidak menghasilkan angka untuk bagian ini; lihat alasannya "
        "di halaman tersebut.",
        "en": "Page {halaman} produced no figures for this section; see the reason there.",
    },
}


def kalimat_alasan(alasan: str, lang: str = "id",
                   katalog: Mapping[str, Mapping[str, str]] | None = None,
                   **params: Any) -> str:
    """The sentence for a reason code (``katalog`` first, then :data:`ALASAN`).

    Values are escaped for HTML and Markdown (:func:`~kinerja_analysis.laporan.naskah.
    teks_aman`): unit and file names come from the users' data.

    Examples
    --------
    >>> kalimat_alasan("unit_kurang", "en", n=1, min=2)
    'The data cover only 1 work unit(s); this section needs at least 2.'
    """
    lang = i18n.check_lang(lang)
    cat = dict(ALASAN)
    if katalog:
        cat.update(katalog)
    safe = {k: v if isinstance(v, str) else str(v) for k, v in params.items()}
    return _naskah.isi(cat, alasan, lang, **safe)


# --------------------------------------------------------------------- sections


@dataclass
class Bagian:
    """One report section: what to show, and why not when its data are missing.

    Parameters
    ----------
    kunci : str
        Section id, unique within its page (e.g. ``"ikm_unit"``).
    blok : list of Teks, Tabel, Gambar
        Shown in order.
    alasan : str, optional
        Reason code when the section lacks data (:data:`ALASAN` or the page's catalog).
    """

    kunci: str
    blok: list[Blok] = field(default_factory=list)
    alasan: str | None = None

    @property
    def tersedia(self) -> bool:
        """True when the section shows its numbers (no reason code)."""
        return self.alasan is None

    def teks(self) -> str:
        """Every text, caption, header and alt text of the section, one per line (for tests
        and search)."""
        out: list[str] = []
        for b in self.blok:
            if isinstance(b, Teks):
                out.append(b.markdown)
            elif isinstance(b, Tabel):
                if b.caption:
                    out.append(b.caption)
            elif isinstance(b, Gambar):
                out.extend(x for x in (b.judul, b.alt) if x)
        return "\n".join(out)

    def tabel(self, i: int = 0) -> pd.DataFrame:
        """The ``i``-th table's data (unformatted)."""
        tabs = [b for b in self.blok if isinstance(b, Tabel)]
        return tabs[i].data

    def gambar(self) -> list[Gambar]:
        """The section's figures."""
        return [b for b in self.blok if isinstance(b, Gambar)]

    def html(self) -> str:
        """The section as HTML (figures rendered)."""
        return "\n".join(b.html() for b in self.blok)

    def tampilkan(self) -> None:
        """Display every block in a notebook."""
        for b in self.blok:
            b.tampilkan()

    def _repr_html_(self) -> str:
        return self.html()


def kosong(kunci: str, judul: str | None, alasan: str, lang: str = "id",
           katalog: Mapping[str, Mapping[str, str]] | None = None, **params: Any) -> Bagian:
    """A section without data: its heading and the one sentence of ``alasan``."""
    blok: list[Blok] = [Teks(judul)] if judul else []
    blok.append(Teks(kalimat_alasan(alasan, lang, katalog, **params)))
    return Bagian(kunci, blok, alasan=alasan)


@dataclass
class Halaman:
    """A report page: its sections in order and the results.json sections it writes.

    ``hasil`` maps a results.json top-level key (``"ikm"``, ``"dampak"``, ...) to its value,
    already rounded (:func:`kinerja_analysis.laporan.hasil.to_jsonable`); the sections show
    those same numbers.
    """

    nama: str
    bagian: dict[str, Bagian] = field(default_factory=dict)
    hasil: dict[str, Any] = field(default_factory=dict)

    def tambah(self, b: Bagian) -> Bagian:
        if b.kunci in self.bagian:
            raise ValueError(f"section {b.kunci!r} twice on page {self.nama!r}")
        self.bagian[b.kunci] = b
        return b

    def __getitem__(self, kunci: str) -> Bagian:
        try:
            return self.bagian[kunci]
        except KeyError:
            raise KeyError(f"no section {kunci!r} on page {self.nama!r}; sections: "
                           f"{list(self.bagian)}") from None

    def __iter__(self) -> Iterator[Bagian]:
        return iter(self.bagian.values())

    def __len__(self) -> int:
        return len(self.bagian)

    def teks(self) -> str:
        """All sections' text (see :meth:`Bagian.teks`)."""
        return "\n".join(b.teks() for b in self)

    def simpan(self, results_dir: str | Path) -> dict[str, Any]:
        """Write each results section to ``results_dir/<name>.json``; returns them."""
        return {k: _hasil.simpan_bagian(k, v, results_dir) for k, v in self.hasil.items()}

    def _repr_html_(self) -> str:
        return "\n".join(b.html() for b in self)


def tampilkan(*items: Bagian | Halaman) -> None:
    """Display sections (or whole pages) in a notebook, in order."""
    for it in items:
        if isinstance(it, Halaman):
            for b in it:
                b.tampilkan()
        else:
            it.tampilkan()
