"""Notebook parameters of a report run, checked before anything runs.

Each notebook declares its parameters in its ``parameters`` cell (tag ``parameters``). That
cell is read with :mod:`nbformat` and parsed with :mod:`ast` (never executed): a parameter is
a top-level ``name = <literal>``, its type is the type of the default. ``kinerja report -p
NAME VALUE`` accepts only declared names, converts the text to the declared type, checks the
obvious ranges and passes each value only to the notebooks that declare the name. Anything
else raises :class:`ParameterError` (exit code 3 in the CLI) with the list of valid names.

Names the runner sets itself (:data:`DIATUR_RUNNER`: ``lang``, ``periode_akhir``, the
folders) are not settable with ``-p``; the message names the option to use instead.
"""

from __future__ import annotations

import ast
import difflib
import math
import numbers
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import i18n, triwulan

__all__ = [
    "K_BAKU",
    "AmbangKecilWarning",
    "DIATUR_RUNNER",
    "Deklarasi",
    "ParameterError",
    "baca_deklarasi",
    "baca_periode",
    "periksa",
    "periksa_k",
    "teks_nilai",
    "ubah_nilai",
]

#: Parameters the runner sets in every notebook that declares them, and the option to use.
DIATUR_RUNNER: dict[str, str] = {
    "lang": "--lang",
    "periode_akhir": "--periode-akhir",
    "data_dir": "--data",
    "processed_dir": "--processed",
    "results_dir": "--out",
    "izinkan_k_kecil": "--izinkan-k-kecil",
}

#: Default minimum group sizes (disclosure control). Lower values need an explicit flag
#: (``--izinkan-k-kecil``, ``run_report(izinkan_k_kecil=True)``) and are stated on every
#: page; values below 1 are never accepted.
K_BAKU: dict[str, int] = {"k_min_pegawai": 10, "k_min_responden": 5}

#: Type of a parameter whose default is ``None`` (others with a ``None`` default: text).
_JENIS_NONE: dict[str, str] = {"periode_akhir": "str|None", "gelombang": "int|None"}

#: Obvious bounds (inclusive; ``None``: open); names starting ``k_min_`` are >= 1.
BATAS: dict[str, tuple[float | None, float | None]] = {
    "n_bootstrap": (0, None),
    "n_permutasi": (1, None),
    "maks_unit_tampil": (1, None),
    "seed": (0, None),
    "leads": (0, None),
    "lags": (0, None),
    "gelombang": (1, None),
    "batas_pembinaan": (0, 100),
    "n_prioritas": (1, None),
    "kutipan_per_tema": (0, None),
}

#: Parameters with a fixed set of values.
PILIHAN: dict[str, tuple[str, ...]] = {
    "kelompok_kontrol": ("not_yet_treated", "never_treated"),
}

_YA = ("ya", "true", "1")
_TIDAK = ("tidak", "false", "0")

_JENIS_TEKS: dict[str, dict[str, str]] = {
    "int": {"id": "bilangan bulat", "en": "integer"},
    "float": {"id": "bilangan", "en": "number"},
    "str": {"id": "teks", "en": "text"},
    "bool": {"id": "ya/tidak (true/false, 1/0)", "en": "yes/no (ya/tidak, true/false, 1/0)"},
    "int|None": {"id": "bilangan bulat atau none", "en": "integer or none"},
    "str|None": {"id": "teks atau none", "en": "text or none"},
    "list[str]": {"id": "daftar teks dipisah koma", "en": "comma-separated list of text"},
    "list[int]": {"id": "daftar bilangan bulat dipisah koma",
                  "en": "comma-separated list of integers"},
    "lain": {"id": "tidak dapat diatur dari baris perintah",
             "en": "cannot be set from the command line"},
}

_MSG: dict[str, dict[str, str]] = {
    "tidak_dikenal": {
        "id": "Parameter -p tidak dikenal: {nama!r}; tidak ada notebook yang mendeklarasikannya.",
        "en": "Unknown -p parameter: {nama!r}; no notebook declares it.",
    },
    "mirip": {"id": " Mungkin maksud Anda: {saran}.", "en": " Did you mean: {saran}?"},
    "runner": {
        "id": "Parameter {nama!r} tidak dapat diatur dengan -p: gunakan {opsi}.",
        "en": "Parameter {nama!r} cannot be set with -p: use {opsi}.",
    },
    "lain": {
        "id": "Parameter {nama!r} ({nb}) tidak dapat diatur dari baris perintah "
              "(nilai bawaannya bukan literal sederhana).",
        "en": "Parameter {nama!r} ({nb}) cannot be set from the command line "
              "(its default is not a plain literal).",
    },
    "nilai": {
        "id": "Nilai -p {nama} tidak valid: {nilai!r} (harus {jenis}).",
        "en": "Invalid -p {nama} value: {nilai!r} (must be {jenis}).",
    },
    "daftar": {
        "id": "Parameter yang dapat diatur dengan -p NAMA NILAI (jenis; bawaan):",
        "en": "Parameters settable with -p NAME VALUE (type; default):",
    },
    "hanya": {"id": "hanya {nb}", "en": "only {nb}"},
    "bawaan": {"id": "bawaan", "en": "default"},
    "kosong": {"id": "(kosong)", "en": "(empty)"},
    "salah_satu": {"id": "salah satu dari {pilihan}", "en": "one of {pilihan}"},
    "butir": {"id": "nama butir survei ASN: {butir}", "en": "staff-survey item names: {butir}"},
    "periode": {
        "id": "--periode-akhir tidak dikenal: {teks!r}. Tulis triwulan sebagai TAHUN-Qn, "
              "mis. 2025-Q4 (juga diterima: 2025q4, '2025 Q4').",
        "en": "Unknown --periode-akhir: {teks!r}. Write the quarter as YEAR-Qn, "
              "e.g. 2025-Q4 (also accepted: 2025q4, '2025 Q4').",
    },
    "k_kecil": {
        "id": "Ambang kerahasiaan {nama} = {nilai} lebih rendah dari bawaannya (baku {baku}): "
              "kelompok sekecil itu dapat mengungkap identitas orang. Bila memang disengaja, "
              "tambahkan --izinkan-k-kecil (Python: run_report(izinkan_k_kecil=True)); "
              "setiap halaman laporan akan menyatakannya. Nilai di bawah 1 tidak pernah "
              "diterima.",
        "en": "Confidentiality threshold {nama} = {nilai} is below its default "
              "(default {baku}): groups that small can identify people. If intended, add "
              "--izinkan-k-kecil (Python: run_report(izinkan_k_kecil=True)); every report "
              "page will say so. Values below 1 are never accepted.",
    },
    "k_nol": {
        "id": "Ambang kerahasiaan {nama} = {nilai} tidak valid: harus bilangan bulat ≥ 1 "
              "(juga dengan --izinkan-k-kecil).",
        "en": "Confidentiality threshold {nama} = {nilai} is not valid: it must be an "
              "integer ≥ 1 (also with --izinkan-k-kecil).",
    },
    "sel_rusak": {
        "id": "Sel parameters pada {nb} bukan kode Python yang valid: {err}",
        "en": "The parameters cell of {nb} is not valid Python: {err}",
    },
}


class AmbangKecilWarning(UserWarning):
    """A page's minimum group size is below :data:`K_BAKU` without ``izinkan_k_kecil``."""


class ParameterError(ValueError):
    """A ``-p`` parameter or ``--periode-akhir`` is not valid; the message is in the run's
    language and lists what is accepted (exit code 3 in the CLI)."""


@dataclass(frozen=True)
class Deklarasi:
    """One parameter declared in a notebook's ``parameters`` cell.

    ``jenis`` is ``"int"``, ``"float"``, ``"str"``, ``"bool"``, ``"int|None"``,
    ``"str|None"``, ``"list[str]"``, ``"list[int]"`` or ``"lain"`` (a default that is
    not a plain literal: not settable from the command line).
    """

    nama: str
    jenis: str
    bawaan: Any


def _jenis(nama: str, nilai: Any) -> str:
    if nilai is None:
        return _JENIS_NONE.get(nama, "str|None")
    if isinstance(nilai, bool):
        return "bool"
    if isinstance(nilai, int):
        return "int"
    if isinstance(nilai, float):
        return "float"
    if isinstance(nilai, str):
        return "str"
    if isinstance(nilai, list):
        if all(isinstance(v, str) for v in nilai):
            return "list[str]"
        if all(isinstance(v, int) and not isinstance(v, bool) for v in nilai):
            return "list[int]"
    return "lain"


def _sel_parameters(nb: Any) -> Any:
    for cell in nb.cells:
        if cell.cell_type == "code" and "parameters" in cell.get("metadata", {}).get("tags", []):
            return cell
    return None


def baca_deklarasi(notebook: str | Path, lang: str = "id") -> dict[str, Deklarasi]:
    """The parameters a notebook declares, parsed from its ``parameters`` cell (not run).

    A notebook without a ``parameters`` cell declares nothing.

    Raises
    ------
    ParameterError
        The ``parameters`` cell is not valid Python.

    Examples
    --------
    >>> import nbformat, tempfile
    >>> cell = nbformat.v4.new_code_cell("k_min_pegawai = 10  # comment\\nlang = 'id'")
    >>> cell.metadata["tags"] = ["parameters"]
    >>> path = Path(tempfile.mkdtemp()) / "00_x.ipynb"
    >>> nbformat.write(nbformat.v4.new_notebook(cells=[cell]), path)
    >>> {d.nama: (d.jenis, d.bawaan) for d in baca_deklarasi(path).values()}
    {'k_min_pegawai': ('int', 10), 'lang': ('str', 'id')}
    """
    import nbformat

    path = Path(notebook)
    cell = _sel_parameters(nbformat.read(str(path), as_version=4))
    if cell is None:
        return {}
    try:
        tree = ast.parse(cell.source)
    except SyntaxError as err:
        raise ParameterError(i18n.translate(_MSG, "sel_rusak", i18n.check_lang(lang),
                                            nb=path.name, err=err)) from None
    out: dict[str, Deklarasi] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        else:
            continue
        for target in targets:
            if not isinstance(target, ast.Name):
                continue
            try:
                bawaan = ast.literal_eval(value)
            except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
                out[target.id] = Deklarasi(target.id, "lain", ast.unparse(value))
            else:
                out[target.id] = Deklarasi(target.id, _jenis(target.id, bawaan), bawaan)
    return out


def _butir_asn() -> tuple[str, ...]:
    from ..hambatan import SKALA

    return tuple(b for items in SKALA.values() for b in items)


def _cek_batas(nama: str, nilai: Any) -> bool:
    if nilai is None or isinstance(nilai, (str, bool, list)):
        return True
    lo, hi = (1, None) if nama.startswith("k_min_") else BATAS.get(nama, (None, None))
    return (lo is None or nilai >= lo) and (hi is None or nilai <= hi)


def _bulat(nilai: Any) -> int:
    if isinstance(nilai, bool):
        raise ValueError(nilai)
    if isinstance(nilai, numbers.Integral):
        return int(nilai)
    if isinstance(nilai, str):
        return int(nilai.strip())
    raise ValueError(nilai)


def _desimal(nilai: Any) -> float:
    if isinstance(nilai, bool):
        raise ValueError(nilai)
    if isinstance(nilai, numbers.Real):
        out = float(nilai)
    elif isinstance(nilai, str):
        out = float(nilai.strip().replace(",", "."))  # 70,5 as typed in Indonesian
    else:
        raise ValueError(nilai)
    if not math.isfinite(out):
        raise ValueError(nilai)
    return out


def _daftar(nilai: Any, unsur: type) -> list:
    if isinstance(nilai, str):
        text = nilai.strip()
        if text.startswith("["):
            nilai = ast.literal_eval(text)  # a list literal, never executed
        else:
            nilai = [v.strip() for v in text.split(",") if v.strip()]
    if not isinstance(nilai, (list, tuple)):
        raise ValueError(nilai)
    if unsur is int:
        return [_bulat(v) for v in nilai]
    if not all(isinstance(v, str) for v in nilai):
        raise ValueError(nilai)
    return [str(v) for v in nilai]


def ubah_nilai(dekl: Deklarasi, nilai: Any) -> Any:
    """``nilai`` (text from the command line, or a Python value) as the declared type.

    Raises ``ValueError`` when the value does not convert or is out of range.

    Examples
    --------
    >>> ubah_nilai(Deklarasi("k_min_pegawai", "int", 10), "12")
    12
    >>> ubah_nilai(Deklarasi("batas_pembinaan", "float", 70.0), "65")
    65.0
    >>> ubah_nilai(Deklarasi("x", "bool", False), "ya")
    True
    >>> ubah_nilai(Deklarasi("gelombang", "int|None", None), "none") is None
    True
    >>> ubah_nilai(Deklarasi("butir_terbalik", "list[str]", []), "khawatir_2")
    ['khawatir_2']
    >>> ubah_nilai(Deklarasi("k_min_pegawai", "int", 10), "0")
    Traceback (most recent call last):
    ...
    ValueError: out of range: 0
    """
    jenis = dekl.jenis
    if jenis.endswith("|None"):
        if nilai is None or (isinstance(nilai, str) and nilai.strip().lower() == "none"):
            return None
        jenis = jenis.removesuffix("|None")
    if jenis == "int":
        out: Any = _bulat(nilai)
    elif jenis == "float":
        out = _desimal(nilai)
    elif jenis == "str":
        if not isinstance(nilai, str):
            raise ValueError(nilai)
        out = nilai
    elif jenis == "bool":
        if isinstance(nilai, bool):
            out = nilai
        elif isinstance(nilai, str) and nilai.strip().lower() in _YA + _TIDAK:
            out = nilai.strip().lower() in _YA
        else:
            raise ValueError(nilai)
    elif jenis in ("list[str]", "list[int]"):
        out = _daftar(nilai, int if jenis == "list[int]" else str)
    else:
        raise ValueError(nilai)
    if not _cek_batas(dekl.nama, out):
        raise ValueError(f"out of range: {out}")
    if dekl.nama in PILIHAN and out not in PILIHAN[dekl.nama]:
        raise ValueError(f"not one of {PILIHAN[dekl.nama]}: {out}")
    if dekl.nama == "butir_terbalik" and not set(out) <= set(_butir_asn()):
        raise ValueError(f"unknown items: {sorted(set(out) - set(_butir_asn()))}")
    return out


def teks_nilai(nilai: Any) -> str:
    """The command-line text that :func:`ubah_nilai` converts back to ``nilai``.

    Examples
    --------
    >>> [teks_nilai(v) for v in (10, 70.0, True, None, ["khawatir_2", "dukungan_1"], "a b")]
    ['10', '70.0', 'true', 'none', 'khawatir_2,dukungan_1', 'a b']
    """
    if isinstance(nilai, bool):
        return "true" if nilai else "false"
    if nilai is None:
        return "none"
    if isinstance(nilai, (list, tuple)):
        return ",".join(str(v) for v in nilai)
    return str(nilai)


def _syarat(dekl: Deklarasi, lang: str) -> str:
    """Type and range of ``dekl`` in words, e.g. ``bilangan bulat >= 1``."""
    text = _JENIS_TEKS.get(dekl.jenis, _JENIS_TEKS["lain"])[lang]
    if dekl.jenis == "lain":
        return text
    lo, hi = (1, None) if dekl.nama.startswith("k_min_") else BATAS.get(dekl.nama, (None, None))
    if lo is not None and hi is not None:
        text += f" {lo}–{hi}"
    elif lo is not None:
        text += f" ≥ {lo}"
    elif hi is not None:
        text += f" ≤ {hi}"
    if dekl.nama in PILIHAN:
        text += ", " + i18n.translate(_MSG, "salah_satu", lang,
                                      pilihan="/".join(PILIHAN[dekl.nama]))
    if dekl.nama == "butir_terbalik":
        text += ", " + i18n.translate(_MSG, "butir", lang, butir=", ".join(_butir_asn()))
    return text


def daftar_parameter(deklarasi: Mapping[str, Mapping[str, Deklarasi]], lang: str = "id") -> str:
    """The settable parameters, one line each: name, type and range, default, and the
    notebooks that declare it when not all do."""
    lang = i18n.check_lang(lang)
    per_nama: dict[str, list[tuple[str, Deklarasi]]] = {}
    for nb, decls in deklarasi.items():
        for nama, d in decls.items():
            if nama not in DIATUR_RUNNER:
                per_nama.setdefault(nama, []).append((nb, d))
    lines = [i18n.translate(_MSG, "daftar", lang)]
    width = max((len(n) for n in per_nama), default=0)
    for nama in sorted(per_nama):
        nbs, decls = zip(*per_nama[nama], strict=True)
        d = decls[0]
        bawaan = d.bawaan if d.jenis == "lain" else teks_nilai(d.bawaan)
        bawaan = bawaan or _MSG["kosong"][lang]
        line = f"  {nama:<{width}}  {_syarat(d, lang)}; {_MSG['bawaan'][lang]} {bawaan}"
        if len(nbs) < len(deklarasi):
            line += f" ({i18n.translate(_MSG, 'hanya', lang, nb=', '.join(nbs))})"
        lines.append(line)
    return "\n".join(lines)


def periksa(deklarasi: Mapping[str, Mapping[str, Deklarasi]], params: Mapping[str, Any],
            lang: str = "id") -> dict[str, Any]:
    """Check ``params`` against the notebooks' declarations; return them converted.

    ``deklarasi`` maps a notebook's name to :func:`baca_deklarasi` of it. A value is
    converted with the declaration of every notebook that declares the name (each must
    accept it); the first conversion is returned.

    Raises
    ------
    ParameterError
        An undeclared or runner-set name, or a value that does not convert or is out of
        range; the message (in ``lang``) lists the valid names, types and defaults.

    Examples
    --------
    >>> decl = {"00_a": {"k_min_pegawai": Deklarasi("k_min_pegawai", "int", 10)}}
    >>> periksa(decl, {"k_min_pegawai": "12"})
    {'k_min_pegawai': 12}
    >>> periksa(decl, {"k_min_responen": "5"}, "en")
    Traceback (most recent call last):
    ...
    kinerja_analysis.laporan.parameter.ParameterError: Unknown -p parameter: 'k_min_responen'; ...
    """
    lang = i18n.check_lang(lang)
    out: dict[str, Any] = {}
    for nama, nilai in params.items():
        pesan = None
        where = [(nb, d[nama]) for nb, d in deklarasi.items() if nama in d]
        if nama in DIATUR_RUNNER:
            pesan = i18n.translate(_MSG, "runner", lang, nama=nama, opsi=DIATUR_RUNNER[nama])
        elif not where:
            pesan = i18n.translate(_MSG, "tidak_dikenal", lang, nama=nama)
            known = {n for d in deklarasi.values() for n in d if n not in DIATUR_RUNNER}
            saran = difflib.get_close_matches(nama, sorted(known), n=3, cutoff=0.6)
            if saran:
                pesan += i18n.translate(_MSG, "mirip", lang, saran=", ".join(saran))
        else:
            for nb, dekl in where:
                if dekl.jenis == "lain":
                    pesan = i18n.translate(_MSG, "lain", lang, nama=nama, nb=nb)
                    break
                try:
                    value = ubah_nilai(dekl, nilai)
                except (ValueError, TypeError, SyntaxError):
                    pesan = i18n.translate(_MSG, "nilai", lang, nama=nama, nilai=nilai,
                                           jenis=_syarat(dekl, lang))
                    break
                out.setdefault(nama, value)
        if pesan is not None:
            raise ParameterError(f"{pesan}\n{daftar_parameter(deklarasi, lang)}")
    return out


def _dua_bahasa(key: str, **params: Any) -> str:
    return "\n".join(i18n.translate(_MSG, key, lang, **params) for lang in ("id", "en"))


def periksa_k(params: Mapping[str, Any], izinkan_k_kecil: bool = False) -> dict[str, int]:
    """The minimum group sizes in ``params`` that are below :data:`K_BAKU` (empty: none).

    Below 1 is always refused; below the default only with ``izinkan_k_kecil``. The
    message is in both languages (id first) and names the parameter, value and flag.

    Raises
    ------
    ParameterError
        A threshold below 1, or below the default without ``izinkan_k_kecil``.

    Examples
    --------
    >>> periksa_k({"k_min_pegawai": 3, "seed": 1}, izinkan_k_kecil=True)
    {'k_min_pegawai': 3}
    >>> periksa_k({"k_min_responden": 2})
    Traceback (most recent call last):
    ...
    kinerja_analysis.laporan.parameter.ParameterError: Ambang kerahasiaan k_min_responden = 2 ...
    """
    lowered: dict[str, int] = {}
    for nama, baku in K_BAKU.items():
        if nama not in params or params[nama] is None:
            continue
        nilai = params[nama]
        try:
            angka = _bulat(nilai)
        except (ValueError, TypeError):
            raise ParameterError(_dua_bahasa("k_nol", nama=nama, nilai=nilai)) from None
        if angka < 1:
            raise ParameterError(_dua_bahasa("k_nol", nama=nama, nilai=nilai))
        if angka < baku:
            if not izinkan_k_kecil:
                raise ParameterError(_dua_bahasa("k_kecil", nama=nama, nilai=nilai, baku=baku))
            lowered[nama] = angka
    return lowered


def peringatan_k(nama: str, nilai: int, izinkan_k_kecil: bool) -> None:
    """For the page functions (:class:`kinerja_analysis.laporan.bagian.Parameter`): a
    threshold below 1 raises ``ValueError``; below the default a
    :class:`AmbangKecilWarning` unless ``izinkan_k_kecil``."""
    baku = K_BAKU[nama]
    if isinstance(nilai, bool) or int(nilai) != nilai or nilai < 1:
        raise ValueError(_dua_bahasa("k_nol", nama=nama, nilai=nilai))
    if nilai < baku and not izinkan_k_kecil:
        import warnings

        text = _dua_bahasa("k_kecil", nama=nama, nilai=nilai, baku=baku).replace(
            "--izinkan-k-kecil (Python: run_report(izinkan_k_kecil=True))",
            "Parameter(..., izinkan_k_kecil=True)")
        warnings.warn(text, AmbangKecilWarning, stacklevel=4)


def baca_periode(teks: str, lang: str = "id") -> str:
    """``--periode-akhir`` as ``"YYYY-Qn"`` (``2025q4``, ``2025-Q4``, ``2025 Q4``).

    Examples
    --------
    >>> baca_periode("2025q4"), baca_periode("2025 Q4")
    ('2025-Q4', '2025-Q4')
    >>> baca_periode("2025-12", "en")
    Traceback (most recent call last):
    ...
    kinerja_analysis.laporan.parameter.ParameterError: Unknown --periode-akhir: '2025-12'. ...
    """
    try:
        return triwulan.baca(teks)
    except ValueError:
        raise ParameterError(
            i18n.translate(_MSG, "periode", i18n.check_lang(lang), teks=teks)
        ) from None


def untuk_notebook(decls: Iterable[str], nilai: Mapping[str, Any]) -> dict[str, Any]:
    """The subset of ``nilai`` a notebook declaring ``decls`` receives.

    Examples
    --------
    >>> untuk_notebook({"lang", "seed"}, {"lang": "en", "seed": 1, "n_bootstrap": 9})
    {'lang': 'en', 'seed': 1}
    """
    names = set(decls)
    return {k: v for k, v in nilai.items() if k in names}


def baca_semua(notebooks: Sequence[Path], lang: str = "id") -> dict[str, dict[str, Deklarasi]]:
    """:func:`baca_deklarasi` of every notebook, keyed by the notebook's stem."""
    return {Path(nb).stem: baca_deklarasi(nb, lang) for nb in notebooks}
