"""NIP PNS structure (Perka BKN 22/2007; FACTS.md section 3.1).

A NIP PNS has 18 digits, printed as ``"19860926 201505 1 001"``:

====== =========================================================
digits meaning
====== =========================================================
1-8    date of birth, YYYYMMDD
9-14   TMT CPNS, YYYYMM (no day; the first of the month is used)
15     gender: 1 = laki-laki (``"L"``), 2 = perempuan (``"P"``)
16-18  sequence number 001-999
====== =========================================================

This module is for **PNS only**. A Nomor Induk PPPK is also 18 digits but has a
different layout (FACTS.md marks it [P]/[M]); callers must check the employee
status and must not apply :func:`parse_nip` to PPPK staff.

A NIP is a strong quasi-identifier (birth date, gender, start month): never
publish it, pseudonymize it at ingestion.

Whitespace means the explicit character class ``_WS`` below (ASCII whitespace
plus no-break spaces), so the scalar and the vectorized path agree exactly.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = [
    "NIP_ERROR_CODES",
    "NipError",
    "NipInfo",
    "looks_like_excel_number",
    "normalize_nip",
    "parse_nip",
    "parse_nip_series",
]

#: Error codes in the order they are checked (the first failing one is reported).
#: ``excel_angka`` is checked on the raw text: an unspaced 18-digit value ending in
#: ``000`` is reported as Excel damage; ``nomor_urut`` (sequence 000) is therefore
#: only reported for the printed, spaced form, e.g. ``"19860926 201505 1 000"``.
NIP_ERROR_CODES: tuple[str, ...] = (
    "kosong",
    "excel_angka",
    "bukan_angka",
    "panjang",
    "tanggal_lahir",
    "tmt_cpns",
    "tmt_masa_depan",
    "jenis_kelamin",
    "nomor_urut",
    "usia_pengangkatan",
)

NIP_LENGTH = 18
MIN_TAHUN_LAHIR = 1940
MIN_TAHUN_TMT = 1960
# Plausible age (completed years) at TMT CPNS. Project choice, NOT from the
# regulation: the CPNS age limit is normally 35 (40 for some posts); we allow a
# margin so that only clearly wrong NIPs are rejected.
MIN_USIA_PENGANGKATAN = 18
MAX_USIA_PENGANGKATAN = 46

_WS_CHARS = " \t\n\r\f\v\u00a0\u2007\u202f"
_WS = "[" + re.escape(_WS_CHARS) + "]"
_WS_RUN = re.compile(_WS + "+")
_STRIP = _WS + "+$|^" + _WS + "+"
_STRIP_RE = re.compile(_STRIP)
_DIGITS = "[0-9]+"
# Scientific notation (1.98609E+17, 1,98609E+17), a trailing decimal zero
# (198609262015051001.0) or 18 digits ending in 000 (Excel keeps 15 significant
# digits, so the last three digits become 000; sequence 000 is never valid).
_EXCEL = (
    r"[0-9]+(?:[.,][0-9]+)?[eE]\+?[0-9]+"
    r"|[0-9]+[.,]0+"
    r"|[0-9]{15}000"
)
_EXCEL_RE = re.compile(_EXCEL)


@dataclass(frozen=True)
class NipInfo:
    """The parts of a valid NIP PNS.

    Attributes
    ----------
    nip : str
        The 18 digits without spaces.
    tanggal_lahir : datetime.date
        Date of birth.
    tmt_cpns : datetime.date
        TMT CPNS, always the first of the month.
    jenis_kelamin : str
        ``"L"`` or ``"P"``.
    nomor_urut : int
        Sequence number, 1..999.
    """

    nip: str
    tanggal_lahir: datetime.date
    tmt_cpns: datetime.date
    jenis_kelamin: str
    nomor_urut: int


class NipError(ValueError):
    """An invalid NIP.

    Attributes
    ----------
    code : str
        One of :data:`NIP_ERROR_CODES`.
    params : dict
        Values for a translated message (never the full NIP).
    """

    def __init__(self, code: str, message: str, params: dict | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.params = dict(params or {})


def _is_missing(value: object) -> bool:
    return value is None or (pd.api.types.is_scalar(value) and bool(pd.isna(value)))


def _strip(text: str) -> str:
    return _STRIP_RE.sub("", text)


def normalize_nip(value: object) -> str:
    """Return the NIP as text with all whitespace removed.

    Only whitespace is removed (the printed form has spaces); dots and other
    characters are kept so that they can be reported. Missing values give ``""``.

    Examples
    --------
    >>> normalize_nip(" 19860926 201505 1 001 ")
    '198609262015051001'
    >>> normalize_nip(None)
    ''
    """
    if _is_missing(value):
        return ""
    return _WS_RUN.sub("", str(value))


def looks_like_excel_number(value: str) -> bool:
    """Whether a NIP text looks damaged by Excel's number conversion.

    Excel stores numbers with 15 significant digits, so an 18-digit NIP typed
    into a numeric cell becomes ``1.98609E+17`` or ``198609262015051000``.

    Parameters
    ----------
    value : str
        The raw cell text (surrounding whitespace is ignored; inner spaces mean
        the value was typed as text, so the answer is ``False``).

    Examples
    --------
    >>> looks_like_excel_number("1,98609E+17")
    True
    >>> looks_like_excel_number("198609262015051001.0")
    True
    >>> looks_like_excel_number("198609262015051000")
    True
    >>> looks_like_excel_number("198609262015051001")
    False
    """
    return _EXCEL_RE.fullmatch(_strip(str(value))) is not None


def _age(birth: datetime.date, at: datetime.date) -> int:
    return at.year - birth.year - ((at.month, at.day) < (birth.month, birth.day))


def parse_nip(value: object, today: datetime.date | None = None) -> NipInfo:
    """Parse and check a NIP PNS (not for PPPK numbers).

    Parameters
    ----------
    value : object
        The NIP, with or without the printed spaces.
    today : datetime.date, optional
        Reference date for the "not in the future" checks (default: today).

    Returns
    -------
    NipInfo

    Raises
    ------
    NipError
        For the first failing check, in the order of :data:`NIP_ERROR_CODES`.

    Examples
    --------
    >>> info = parse_nip("19860926 201505 1 001")
    >>> info.tanggal_lahir, info.tmt_cpns, info.jenis_kelamin, info.nomor_urut
    (datetime.date(1986, 9, 26), datetime.date(2015, 5, 1), 'L', 1)
    >>> parse_nip("1.98609E+17")
    Traceback (most recent call last):
    ...
    kinerja_analysis.nip.NipError: NIP looks like a number converted by Excel ...
    """
    today = today or datetime.date.today()
    if _is_missing(value):
        raise NipError("kosong", "NIP is empty")
    raw = str(value)
    nip = normalize_nip(raw)
    if nip == "":
        raise NipError("kosong", "NIP is empty")
    if looks_like_excel_number(raw):
        raise NipError(
            "excel_angka",
            "NIP looks like a number converted by Excel (scientific notation, '.0' or "
            "ending in 000); format the column as Text and export again",
        )
    if re.fullmatch(_DIGITS, nip) is None:
        raise NipError("bukan_angka", "NIP must contain only digits")
    if len(nip) != NIP_LENGTH:
        raise NipError(
            "panjang",
            f"NIP must have {NIP_LENGTH} digits, got {len(nip)}",
            {"panjang": len(nip)},
        )
    try:
        lahir = datetime.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        lahir = None
    if lahir is None or lahir.year < MIN_TAHUN_LAHIR or lahir > today:
        raise NipError(
            "tanggal_lahir",
            f"birth date (digits 1-8) '{nip[0:8]}' is not a valid date between "
            f"{MIN_TAHUN_LAHIR} and today",
            {"tanggal": nip[0:8]},
        )
    tahun, bulan = int(nip[8:12]), int(nip[12:14])
    if not 1 <= bulan <= 12 or tahun < MIN_TAHUN_TMT:
        raise NipError(
            "tmt_cpns",
            f"TMT CPNS (digits 9-14) '{nip[8:14]}' is not a valid year and month "
            f"from {MIN_TAHUN_TMT}",
            {"tmt": nip[8:14]},
        )
    tmt = datetime.date(tahun, bulan, 1)
    if tmt > today:
        raise NipError(
            "tmt_masa_depan",
            f"TMT CPNS (digits 9-14) '{nip[8:14]}' is in the future",
            {"tmt": nip[8:14]},
        )
    if nip[14] not in "12":
        raise NipError(
            "jenis_kelamin",
            f"gender digit (15) must be 1 (L) or 2 (P), got {nip[14]}",
            {"digit": nip[14]},
        )
    urut = int(nip[15:18])
    if urut == 0:
        raise NipError("nomor_urut", "sequence number (digits 16-18) must be 001-999, got 000", {})
    usia = _age(lahir, tmt)
    if not MIN_USIA_PENGANGKATAN <= usia <= MAX_USIA_PENGANGKATAN:
        raise NipError(
            "usia_pengangkatan",
            f"age at TMT CPNS is {usia}; expected {MIN_USIA_PENGANGKATAN}-{MAX_USIA_PENGANGKATAN}",
            {"usia": usia},
        )
    return NipInfo(
        nip=nip,
        tanggal_lahir=lahir,
        tmt_cpns=tmt,
        jenis_kelamin="L" if nip[14] == "1" else "P",
        nomor_urut=urut,
    )


def parse_nip_series(s: pd.Series, today: datetime.date | None = None) -> pd.DataFrame:
    """Vectorized :func:`parse_nip` (same checks, same error codes).

    Parameters
    ----------
    s : pandas.Series
        NIP values (text, or numbers that Excel damaged).
    today : datetime.date, optional
        Reference date (default: today).

    Returns
    -------
    pandas.DataFrame
        Same index as ``s``; columns ``nip`` (normalized text, NA if missing),
        ``tanggal_lahir`` and ``tmt_cpns`` (``datetime64[ns]``), ``jenis_kelamin``
        (``"L"``/``"P"``), ``nomor_urut`` (``Int64``) and ``error`` (code or NA).
        All parsed columns are NA on rows with an error.

    Examples
    --------
    >>> out = parse_nip_series(pd.Series(["19860926 201505 1 001", "12345", None]))
    >>> out["error"].tolist()
    [<NA>, 'panjang', 'kosong']
    >>> out.loc[0, "jenis_kelamin"], int(out.loc[0, "nomor_urut"])
    ('L', 1)
    """
    today = today or datetime.date.today()
    index = s.index
    missing = s.isna().to_numpy(dtype=bool)
    raw = s.astype("string")
    norm = raw.str.replace(_WS + "+", "", regex=True)
    stripped = raw.str.replace(_STRIP, "", regex=True)

    def _mask(x: pd.Series) -> np.ndarray:
        return x.fillna(False).to_numpy(dtype=bool)

    kosong = missing | _mask(norm == "")
    excel = _mask(stripped.str.fullmatch(_EXCEL))
    bukan_angka = ~_mask(norm.str.fullmatch(_DIGITS))
    panjang = ~_mask(norm.str.len() == NIP_LENGTH)

    lahir = pd.to_datetime(norm.str.slice(0, 8), format="%Y%m%d", errors="coerce")
    tmt = pd.to_datetime(norm.str.slice(8, 14) + "01", format="%Y%m%d", errors="coerce")
    today_ts = pd.Timestamp(today)
    lahir_ok = _mask((lahir.dt.year >= MIN_TAHUN_LAHIR) & (lahir <= today_ts))
    tmt_ok = _mask(tmt.dt.year >= MIN_TAHUN_TMT)
    tmt_future = _mask(tmt > today_ts)
    gender_digit = norm.str.slice(14, 15)
    gender_ok = _mask(gender_digit.isin(["1", "2"]))
    urut = pd.to_numeric(norm.str.slice(15, 18), errors="coerce")
    urut_ok = _mask(urut > 0)
    ly, lm, ld = lahir.dt.year, lahir.dt.month, lahir.dt.day
    ty, tm = tmt.dt.year, tmt.dt.month
    usia = ty - ly - ((tm < lm) | ((tm == lm) & (ld > 1))).astype("Int64")
    usia_ok = _mask((usia >= MIN_USIA_PENGANGKATAN) & (usia <= MAX_USIA_PENGANGKATAN))

    conditions = [
        kosong,
        excel,
        bukan_angka,
        panjang,
        ~lahir_ok,
        ~tmt_ok,
        tmt_future,
        ~gender_ok,
        ~urut_ok,
        ~usia_ok,
    ]
    codes = np.select(conditions, list(NIP_ERROR_CODES), default="")
    error = pd.Series(codes, index=index, dtype="string").replace("", pd.NA)
    ok = codes == ""

    nip_out = norm.where(~pd.Series(missing, index=index))
    return pd.DataFrame(
        {
            "nip": nip_out,
            "tanggal_lahir": lahir.where(ok).astype("datetime64[ns]"),
            "tmt_cpns": tmt.where(ok).astype("datetime64[ns]"),
            "jenis_kelamin": gender_digit.map({"1": "L", "2": "P"}).where(ok).astype("string"),
            "nomor_urut": urut.where(ok).astype("Int64"),
            "error": error,
        },
        index=index,
    )
