"""Pseudonyms, free-text scrubbing and statistical disclosure control (FACTS.md §5).

* :func:`load_key` / :func:`pseudonymize`: keyed hashes (HMAC-SHA256) replace NIP
  and names at ingestion; the key lives outside the repository
  (``~/.config/kinerja-analysis/pseudonym.key`` or the environment variable
  ``KINERJA_PSEUDONYM_KEY``). Same key + same value -> same pseudonym, so
  periods can be linked; without the key a pseudonym cannot be reversed. A key is
  created only when asked or at a terminal; :func:`key_fingerprint` tells keys apart.
* :func:`scrub_text` / :func:`scrub_series`: remove NIP, NIK, telephone numbers,
  e-mail addresses, @handles, roster names and names after honorifics from free text;
  :func:`is_personal_column` / :func:`split_extra_columns`: which extra columns may be kept.
* :func:`suppress` / :func:`suppress_groups`: minimum cell size ``k`` with
  complementary (secondary) suppression, so hidden cells cannot be recalculated
  from the published totals. FACTS.md §5.2 recommends k >= 10 for staff-level
  tables and free text, k >= 5 for citizen SKM tables; no numeric BPS rule was
  found, so the threshold is a project choice (FACTS.md §7 item 9).

Examples
--------
>>> key = b"0123456789abcdef-demo-key"
>>> pseudonymize(pd.Series(["198609262015051001", None]), key, prefix="P").isna().tolist()
[False, True]
>>> scrub_text("Hubungi Bu Sari di 0812-3456-7890", names=["Sari Wulandari"])
'Hubungi Bu [NAMA] di [TELEPON]'
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
import stat
import sys
import tempfile
import unicodedata
import warnings
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from kinerja_analysis.i18n import UI, Lang, check_lang, fmt_int, fmt_number, label, translate

__all__ = [
    "DEFAULT_KEY_FILE",
    "FINGERPRINT_LABEL",
    "KEY_ENV",
    "NAME_STOPWORDS",
    "ROLE_WORDS",
    "SCRUB_TAGS",
    "PseudonymKeyError",
    "PseudonymKeyMissingError",
    "SuppressionResult",
    "ascii_digits",
    "column_key",
    "has_personal_cue",
    "is_interactive",
    "is_personal_column",
    "key_fingerprint",
    "load_key",
    "pseudonymize",
    "resolve_key",
    "scrub_series",
    "scrub_text",
    "split_extra_columns",
    "suppress",
    "suppress_groups",
]

KEY_ENV = "KINERJA_PSEUDONYM_KEY"
_KEY_RELPATH = Path(".config") / "kinerja-analysis" / "pseudonym.key"
#: Default key file (outside git). Resolved again from ``HOME`` at each call of load_key.
DEFAULT_KEY_FILE: Path = Path.home() / _KEY_RELPATH
_MIN_KEY_CHARS = 16
TOTAL = "Total"

STATUS_SHOWN = "tampil"
STATUS_PRIMARY = "primer"
STATUS_SECONDARY = "sekunder"


# --------------------------------------------------------------------------- key

#: Message of :func:`key_fingerprint` (RFC 2104 HMAC of this text with the key). It has
#: capitals and pseudonymized values are case-folded, so no value's pseudonym equals it.
FINGERPRINT_LABEL = b"Kinerja-Analysis key fingerprint v1"

_KEY_MSG: dict[str, dict[str, str]] = {
    "pendek": {
        "id": "Kunci pseudonim dari {source} terlalu pendek (minimal {n} karakter)",
        "en": "pseudonym key from {source} is too short (at least {n} characters)",
    },
    "kosong": {
        "id": "${env} ada tetapi kosong (mis. secret CI yang tidak diisi); tanpa kunci yang "
        "sama pseudonim berubah dan triwulan tidak dapat dihubungkan. Isi ${env} dengan kunci "
        "run sebelumnya (isi berkas {path}), atau hapus variabelnya (unset {env}) agar berkas "
        "kunci dipakai",
        "en": "${env} is set but empty (e.g. a missing CI secret); without the same key "
        "pseudonyms change and quarters can no longer be linked. Set ${env} to the key of "
        "earlier runs (the content of {path}), or remove the variable (unset {env}) to use "
        "the key file",
    },
    "tidak_ada": {
        "id": "Kunci pseudonim tidak ditemukan: ${env} tidak diset dan berkas {path} tidak "
        "ada. Set ${env} (cron/CI: dari secret), salin berkas kunci ke {path}, atau jalankan "
        "dengan --buat-kunci (Python: buat_kunci=True) untuk membuat kunci baru",
        "en": "pseudonym key not found: ${env} is not set and {path} does not exist. Set "
        "${env} (cron/CI: from a secret), copy the key file to {path}, or run with "
        "--buat-kunci (Python: buat_kunci=True) to create a new key",
    },
    "izin": {
        "id": "Berkas kunci {path} dapat dibaca pengguna lain (mode {mode}); jalankan chmod 600",
        "en": "key file {path} is readable by other users (mode {mode}); run chmod 600",
    },
    "dibuat": {
        "id": "Kunci pseudonim baru dibuat di {path}. Simpan cadangannya di tempat aman: jika "
        "kunci hilang, pseudonim berubah dan data lama tidak dapat dihubungkan lagi.",
        "en": "A new pseudonym key was created at {path}. Back it up somewhere safe: if it is "
        "lost, pseudonyms change and old data can no longer be linked.",
    },
    "berbeda": {
        "id": "kunci pseudonim berbeda dari run sebelumnya: pseudonim tidak akan tersambung "
        "dengan data {folder} (sidik kunci tercatat {lama}, sidik kunci ini {baru}). Pakai kunci "
        "yang sama (${env} atau {path}), atau tambahkan --kunci-baru (Python: kunci_baru=True) "
        "untuk sengaja mengganti kunci",
        "en": "pseudonym key differs from the previous run: pseudonyms will not link with the "
        "data in {folder} (recorded key fingerprint {lama}, this key's {baru}). Use the same "
        "key (${env} or {path}), or add --kunci-baru (Python: kunci_baru=True) to change the "
        "key on purpose",
    },
    "hilang": {
        "id": "Kunci pseudonim tidak ditemukan (${env} tidak diset, berkas {path} tidak ada), "
        "padahal {folder} dibuat dengan kunci bersidik {lama}: kunci baru tidak akan "
        "tersambung dengan run sebelumnya. Kembalikan kunci itu, atau jalankan dengan "
        "--kunci-baru --buat-kunci untuk sengaja memulai dengan kunci baru",
        "en": "pseudonym key not found (${env} not set, {path} does not exist), but {folder} "
        "was made with the key of fingerprint {lama}: a new key would not link with earlier "
        "runs. Restore that key, or run with --kunci-baru --buat-kunci to start over with a "
        "new key on purpose",
    },
}


def _key_msg(name: str, **params: Any) -> str:
    """Indonesian and English text of a key message, in one line (no language is known
    where keys are loaded)."""
    return " / ".join(translate(_KEY_MSG, name, lang, env=KEY_ENV, **params)
                      for lang in ("id", "en"))


class PseudonymKeyError(ValueError):
    """The key cannot be used: set but empty, too short, or not the processed folder's key
    (exit code 3 in the CLI)."""


class PseudonymKeyMissingError(FileNotFoundError):
    """No key in the environment or the key file, and none may be created."""


def _default_key_file() -> Path:
    return Path.home() / _KEY_RELPATH


def _check_key_text(text: str, source: str) -> bytes:
    text = text.strip()
    if len(text) < _MIN_KEY_CHARS:
        raise PseudonymKeyError(_key_msg("pendek", source=source, n=_MIN_KEY_CHARS))
    return text.encode("utf-8")


def is_interactive() -> bool:
    """True when a person is at a terminal: standard input and standard error are TTYs
    (not under cron, CI, a pipe or a notebook kernel). Tests replace this function.

    Examples
    --------
    >>> import io, sys
    >>> from unittest import mock
    >>> with mock.patch.object(sys, "stdin", io.StringIO()):
    ...     is_interactive()
    False
    """
    try:
        return bool(sys.stdin is not None and sys.stdin.isatty()
                    and sys.stderr is not None and sys.stderr.isatty())
    except (AttributeError, ValueError, OSError):  # closed or replaced streams
        return False


def key_fingerprint(key: bytes) -> str:
    """Fingerprint of a pseudonym key, recorded in ``ringkasan.json`` and ``manifest.json``:
    the first 16 hex characters of HMAC-SHA256(key, :data:`FINGERPRINT_LABEL`).

    It tells whether two runs used the same key without revealing it: HMAC-SHA256 is a
    one-way keyed function, so the key can only be found by guessing it and checking each
    guess; a generated key has 256 random bits, and any guess could be checked just as well
    against a pseudonym in the processed data (the keyed hash of a guessable NIP), so the
    fingerprint gives nothing the pseudonyms do not already give. Its message is never a
    pseudonymized value, so no pseudonym equals a fingerprint.

    Examples
    --------
    >>> fp = key_fingerprint(b"0123456789abcdef-demo-key")
    >>> len(fp), fp == key_fingerprint(b"0123456789abcdef-demo-key"), fp in "0123456789abcdef"
    (16, True, False)
    """
    return hmac.new(bytes(key), FINGERPRINT_LABEL, hashlib.sha256).hexdigest()[:16]


def load_key(key_file: Path | None = None, *, create: bool | None = None,
             interactive: bool | None = None) -> bytes:
    """Return the secret key for :func:`pseudonymize`.

    Lookup order:

    1. environment variable ``KINERJA_PSEUDONYM_KEY`` (text, at least 16 characters);
       set but empty or blank is an error (a missing CI secret expands to ``""``: a key
       made up instead would change every pseudonym);
    2. the key file (default ``~/.config/kinerja-analysis/pseudonym.key``);
    3. a new random key (32 bytes, stored as 64 hex characters) written to the key file with
       permissions 0600, with a warning; only with ``create=True``, or with ``create=None``
       (default) when run interactively (:func:`is_interactive`). Unattended runs (cron, CI)
       never make up a key unless asked.

    The key is the text (UTF-8 bytes, surrounding whitespace removed), so putting
    the content of the key file into the environment variable gives the same
    pseudonyms.

    Parameters
    ----------
    key_file : Path, optional
        Key file; default ``~/.config/kinerja-analysis/pseudonym.key``.
    create : bool, optional
        True: create a key file if none exists; False: never; None: only interactively.
    interactive : bool, optional
        Overrides :func:`is_interactive` (for ``create=None``).

    Returns
    -------
    bytes

    Raises
    ------
    PseudonymKeyError
        The environment variable is set but empty, or the key is shorter than 16 characters
        (a ``ValueError``).
    PseudonymKeyMissingError
        No key and none created (a ``FileNotFoundError``); the message names the key file,
        the environment variable and ``--buat-kunci``.

    Examples
    --------
    The environment is set explicitly, so the example does not depend on the caller's
    (``mock.patch.dict`` restores it afterwards):

    >>> import os, tempfile, warnings
    >>> from unittest import mock
    >>> with tempfile.TemporaryDirectory() as d, mock.patch.dict(os.environ, {"HOME": d}):
    ...     _ = os.environ.pop(KEY_ENV, None)  # no key in the environment: the key file
    ...     with warnings.catch_warnings():
    ...         warnings.simplefilter("ignore")  # "a new pseudonym key was created"
    ...         k1 = load_key(Path(d) / "k.key", create=True)
    ...         k2 = load_key(Path(d) / "k.key")
    >>> k1 == k2, len(k1)
    (True, 64)
    >>> with mock.patch.dict(os.environ, {KEY_ENV: " kunci-dari-lingkungan-01 "}):
    ...     load_key(Path("/tidak/ada/k.key"), create=False)  # the environment comes first
    b'kunci-dari-lingkungan-01'
    """
    path = Path(key_file) if key_file is not None else _default_key_file()
    path = path.expanduser()
    env = os.environ.get(KEY_ENV)
    if env is not None:
        if not env.strip():
            raise PseudonymKeyError(_key_msg("kosong", path=path))
        return _check_key_text(env, f"${KEY_ENV}")
    if path.exists():
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            warnings.warn(_key_msg("izin", path=path, mode=f"{mode:o}"), stacklevel=2)
        return _check_key_text(path.read_text(encoding="utf-8"), str(path))
    if create is None:
        create = is_interactive() if interactive is None else interactive
    if not create:
        raise PseudonymKeyMissingError(_key_msg("tidak_ada", path=path))
    text = secrets.token_hex(32)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    # write atomically with 0600 from the start (mkstemp creates files with 0600)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".pseudonym-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text + "\n")
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    warnings.warn(_key_msg("dibuat", path=path), UserWarning, stacklevel=2)
    return text.encode("utf-8")


def resolve_key(
    recorded: str | None = None,
    *,
    key: bytes | None = None,
    create: bool | None = None,
    new_key: bool = False,
    folder: str | Path | None = None,
    key_file: Path | None = None,
) -> bytes:
    """The key for a run that replaces data pseudonymized with the key of fingerprint
    ``recorded`` (``None``: no fingerprint recorded, any key is accepted).

    ``key`` (given) or :func:`load_key` (``create`` as there). A key whose
    :func:`key_fingerprint` differs from ``recorded`` raises :class:`PseudonymKeyError`
    ('kunci pseudonim berbeda dari run sebelumnya ...') unless ``new_key``; with a
    fingerprint recorded and no key found, no key is created (it could not match) unless
    ``new_key``. ``folder`` is named in the messages.

    Examples
    --------
    >>> k = b"0123456789abcdef-demo-key"
    >>> resolve_key(key_fingerprint(k), key=k) == k
    True
    >>> resolve_key(key_fingerprint(k), key=b"another-key-0123456789", folder="proc")
    Traceback (most recent call last):
    ...
    kinerja_analysis.privacy.PseudonymKeyError: kunci pseudonim berbeda dari run sebelumnya: ...
    """
    where = str(folder) if folder is not None else "-"
    path = (Path(key_file) if key_file is not None else _default_key_file()).expanduser()
    if key is None:
        try:
            key = load_key(key_file, create=False)
        except PseudonymKeyMissingError:
            if recorded and not new_key:
                raise PseudonymKeyMissingError(
                    _key_msg("hilang", path=path, folder=where, lama=recorded)) from None
            key = load_key(key_file, create=create)
    fingerprint = key_fingerprint(key)
    if recorded and fingerprint != recorded and not new_key:
        raise PseudonymKeyError(_key_msg("berbeda", path=path, folder=where, lama=recorded,
                                         baru=fingerprint))
    return key


# --------------------------------------------------------------------------- pseudonyms

_RE_SPACES = re.compile(r"\s+")
_RE_DIGITS_WITH_SEPARATORS = re.compile(r"^[\d\s.\-]+$")


def _normalize(value: object) -> str:
    """Canonical text of an identifier: NFKC, case-folded, single spaces.

    Digit strings lose their separators, so ``"19860926 201505 1 001"`` and
    ``"198609262015051001"`` get the same pseudonym.
    """
    if isinstance(value, float | np.floating) and float(value).is_integer():
        value = int(value)
    text = unicodedata.normalize("NFKC", str(value)).strip()
    if _RE_DIGITS_WITH_SEPARATORS.match(text) and any(c.isdigit() for c in text):
        return re.sub(r"[\s.\-]", "", text)
    return _RE_SPACES.sub(" ", text).casefold()


def _hmac_pads(key: bytes) -> tuple[Any, Any]:
    """SHA-256 states after the inner and outer key pads of HMAC (RFC 2104)."""
    block = hashlib.sha256().block_size
    k = hashlib.sha256(key).digest() if len(key) > block else bytes(key)
    k = k.ljust(block, b"\0")
    return hashlib.sha256(bytes(b ^ 0x36 for b in k)), hashlib.sha256(bytes(b ^ 0x5C for b in k))


def hmac_prefix8(key: bytes, values: Iterable[bytes]) -> bytes:
    """First 8 bytes of HMAC-SHA256(key, value) of each value, concatenated.

    The key's inner and outer pads are hashed once (RFC 2104) and copied per value: the
    same digest as :func:`hmac.new`, at about 60 % of its cost on millions of values.
    The result is one ``bytes`` object (no Python object per value):
    ``hmac_prefix8(key, vs).hex()[16 * i : 16 * (i + 1)]`` is the pseudonym of ``vs[i]``.

    Examples
    --------
    >>> import hmac as _h
    >>> hmac_prefix8(b"k" * 32, [b"1", b"2"])[8:] == _h.new(
    ...     b"k" * 32, b"2", hashlib.sha256).digest()[:8]
    True
    """
    inner0, outer0 = _hmac_pads(key)
    icopy, ocopy = inner0.copy, outer0.copy
    out = bytearray()
    extend = out.extend
    for v in values:
        inner = icopy()
        inner.update(v)
        outer = ocopy()
        outer.update(inner.digest())
        extend(outer.digest()[:8])
    return bytes(out)


def hmac_hex16(key: bytes, values: Iterable[bytes]) -> list[str]:
    """First 16 hex characters of HMAC-SHA256(key, value) for each value.

    See :func:`hmac_prefix8` (same digests).

    Examples
    --------
    >>> import hmac as _h
    >>> hmac_hex16(b"k" * 32, [b"198609262015051001"])[0] == _h.new(
    ...     b"k" * 32, b"198609262015051001", hashlib.sha256).hexdigest()[:16]
    True
    """
    text = hmac_prefix8(key, values).hex()
    return [text[i : i + 16] for i in range(0, len(text), 16)]


def pseudonymize(values: pd.Series, key: bytes, prefix: str = "") -> pd.Series:
    """Replace identifiers by keyed hashes: ``prefix + HMAC-SHA256(key, value)[:16 hex]``.

    Values are normalized first (Unicode NFKC, trimmed, single spaces, case-folded;
    digit strings lose spaces, dots and dashes). Each distinct value is hashed once,
    so millions of rows with repeated values are fast. Missing values stay missing.

    Parameters
    ----------
    values : Series
        Identifiers (NIP, names, ...), ideally as text.
    key : bytes
        Secret key from :func:`load_key` (at least 16 bytes).
    prefix : str
        Put in front of each pseudonym, e.g. ``"P"`` for staff.

    Returns
    -------
    Series
        String dtype, same index and name.

    Examples
    --------
    >>> key = b"0123456789abcdef-demo-key"
    >>> s = pd.Series(["19860926 201505 1 001", "198609262015051001", None])
    >>> out = pseudonymize(s, key, prefix="P")
    >>> bool(out[0] == out[1]), len(out[0]), out[0].startswith("P"), bool(out.isna()[2])
    (True, 17, True, True)
    """
    if not isinstance(key, bytes | bytearray) or len(key) < _MIN_KEY_CHARS:
        raise ValueError(
            f"Kunci harus bytes minimal {_MIN_KEY_CHARS} / key must be bytes of at least "
            f"{_MIN_KEY_CHARS}; use load_key()"
        )
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    normalized = [_normalize(u) for u in uniques]
    # several raw values may share one normalized form: hash each form once
    norm_codes, norm_uniques = pd.factorize(pd.Series(normalized, dtype=object))
    digests = hmac_hex16(key, [str(v).encode("utf-8") for v in norm_uniques])
    hashes = np.array([prefix + d for d in digests] + [None], dtype=object)
    if len(set(hashes[:-1])) != len(norm_uniques):  # ~1e-6 at national scale
        warnings.warn(
            "Dua nilai berbeda mendapat pseudonim yang sama / pseudonym collision",
            stacklevel=2,
        )
    per_unique = hashes[norm_codes] if len(norm_codes) else np.array([], dtype=object)
    per_unique = np.append(per_unique, None)  # index -1 -> missing
    return pd.Series(per_unique[codes], index=values.index, name=values.name, dtype="str")


# --------------------------------------------------------------------------- scrubbing

# Text is matched in NFKC form (full-width digits "３３７４" -> "3374", no-break space ->
# space) without invisible characters (zero-width space/joiners, word joiner, BOM, soft
# hyphen). A text in which nothing is found is returned exactly as given.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
# one separator inside a printed number: space, dot, dash (also Unicode dashes)
_SEP = r"[ \u00a0.\-\u2010-\u2015]"
_S = f"{_SEP}?"
# a wider separator for telephone numbers and the NIP: up to 3 spaces or brackets around
# one of . - / _ , ("0812 - 3456 - 7890", "0812_3456_7890", "+62 (812) 3456 7890")
_SW = r"[ \u00a0()]{0,3}(?:[.\-\u2010-\u2015/_,][ \u00a0()]{0,3})?"
# NIP PNS: 8+6+1+3 digits, printed "19860926 201505 1 001" (and compact): always removed
_RE_NIP = re.compile(rf"(?<![\d])\d{{8}}{_SW}\d{{6}}{_SW}\d{_SW}\d{{3}}(?![\d])")
# 18 digits in any other grouping ("1985 0101 2010 0110 01"): removed when it starts with
# a plausible birth date (19xx/20xx, month 01-12, day 01-31), so that a list of scores
# "88 90 75 70 65 80 90 85 77" is kept. The run of digits must be exactly 18 long.
_RE_NIP_GROUPED = re.compile(
    rf"(?<!\d)(?<!\d{_SEP})(?:1{_S}9|2{_S}0){_S}\d{_S}\d"
    rf"{_S}(?:0{_S}[1-9]|1{_S}[0-2]){_S}(?:0{_S}[1-9]|[12]{_S}\d|3{_S}[01])"
    rf"(?:{_S}\d){{10}}(?!{_SEP}?\d)"
)
# NIK: 16 digits PPKKCC DDMMYY SSSS (women: DD + 40). Compact 16-digit runs are always
# removed (also card numbers); any grouping only with a plausible day (01-31, 41-71) and
# month (01-12), so that a list of years such as "2024 2025 2026 2027" is kept.
_DAY = rf"(?:0{_S}[1-9]|[12]{_S}\d|3{_S}[01]|4{_S}[1-9]|[56]{_S}\d|7{_S}[01])"
_MONTH = rf"(?:0{_S}[1-9]|1{_S}[0-2])"
_RE_NIK = re.compile(
    r"(?<![\d])(?:"
    r"\d{16}"
    rf"|(?<!\d{_SEP})\d(?:{_S}\d){{5}}{_S}{_DAY}{_S}{_MONTH}(?:{_S}\d){{6}}(?!{_SEP}?\d)"
    r")(?![\d])"
)
# Indonesian telephone numbers: mobile 08.. / +62 8.. / 62 8.. (9-13 digits in national
# form), +62 landlines, and landlines with an area code of 0 + 2-3 digits (02x-07x, 09x;
# 08 is mobile) then 5-8 digits, in brackets or not: "(024) 7471234", "024-7471234",
# "0247471234". Dates ("03-12-2025"), times ("08.00"), money and numbers not starting
# with such an area code are kept, as are runs of fewer than 8 digits.
_RE_PHONE = re.compile(
    r"(?<![\w+])(?:"
    rf"(?:\(?(?:\+|00)62\)?|\(?0){_SW}8\d(?:{_SW}\d){{6,10}}"
    rf"|62{_S}8\d(?:{_S}\d){{6,10}}"
    rf"|\(?\+62\)?{_S}[1-79]\d(?:{_S}\d){{5,9}}"
    rf"|\(0\d{{2,3}}\){_S}\d(?:{_S}\d){{4,7}}"
    rf"|0[2-79]\d{{1,2}}{_S}\d(?:{_S}\d){{4,7}}"
    r")(?![\d])"
)
# e-mail addresses; an address without a domain suffix ("nama@bmk") counts as well
_RE_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)*"
                       r"|[\w.+\-]+[ \u00a0]*@[ \u00a0]+[\w\-]+(?:\.[\w\-]+)+")
# written out: "x(at)gmail.com", "x [at] gmail [dot] com", "x at gmail dot com"
_DOT_WORD = r"(?:\.|\s*[(\[{<]\s*(?:dot|titik)\s*[)\]}>]\s*|\s+(?:dot|titik)\s+)"
_RE_EMAIL_WORDS = re.compile(
    rf"[\w.+\-]+(?:\s*[(\[{{<]\s*at\s*[)\]}}>]\s*[\w\-]+(?:{_DOT_WORD}[\w\-]+)*"
    rf"|\s+at\s+[\w\-]+(?:{_DOT_WORD}[\w\-]+)+)", re.IGNORECASE)
# social media handles "@budi_s", "IG @pelayanan.bmk" (after e-mail addresses)
_RE_HANDLE = re.compile(r"(?<![\w@.])@\w(?:[\w.]*\w)?")
_RE_ANY_DIGIT = re.compile(r"\d")

_HONORIFICS = (
    "bapak",
    "pak",
    "ibu",
    "bu",
    "mas",
    "mbak",
    "mba",
    "sdr",
    "sdri",
    "saudara",
    "saudari",
    "kak",
    "dik",
    "bang",
    "teh",
)

#: Name tokens that are also common Indonesian words. They are not removed on their
#: own (only inside a full roster name, or right after an honorific like "Pak").
NAME_STOPWORDS: frozenset[str] = frozenset(
    """
    abadi adil agung akbar aman amanah anak bagus baik bakti bangun baru benar berkah
    besar bintang bukan bulan bumi bunga cahaya cantik cepat cinta damai dari dengan
    embun gagah guna harapan harta hati hijau indah jaya juga jujur kasih kantor kota
    kuat lama lancar langit lestari lurah luhur makmur manis mawar merdeka mulia murni
    mutiara nusa pagi pelayanan pelangi pertiwi pratama putra putri raja ramah rahayu
    rahmat rejeki rezeki sabar sakti santun sari sehat sejahtera selamat semua senang
    sentosa setia siang subur suci sukses tegar tenang terang tulus untuk utama wangi
    warga yang camat kelurahan kecamatan banyumanik semarang haji hajah hajjah
    """.split()
)

# Names that are not in the roster: capitalized words ("Joko", "Sari Dewi", up to four)
# right after a word that introduces a person. Lower-case words are never taken as names.
# English forms of address, also used in Indonesian comments ("Mr. Jonathan", "officer X")
_FOREIGN_INTRO = ("mr", "mrs", "ms", "miss", "mister", "madam", "sir", "officer")
_PERSON_INTRO = (*_HONORIFICS[:-1], "om", "tante", "adik", r"atas\s+nama", r"a\.\s?n",
                 r"an(?=\.)", r"a/n", "nama", *_FOREIGN_INTRO,
                 r"(?:dilayani|dibantu|ditangani)(?:\s+oleh)?",
                 "bernama")  # "teh" is also tea: not used here
_STAFF_INTRO = ("staf", "staff", "petugas", "pegawai", "karyawan")

#: Capitalized words after an honorific or a staff word that are roles, titles or
#: ordinary nouns, not names: "Bu Lurah", "Pak Camat", "petugas Loket", "Staf Pelayanan",
#: "Ibu Rumah Tangga", "Ibu Kota", "Pegawai Negeri Sipil". After a staff word, the
#: :data:`NAME_STOPWORDS` ("Petugas Ramah") are not names either, nor, after any intro
#: word, words of the form pe-/ke-...-an ("Petugas Kebersihan"), weekdays and months.
#: A name after a role word ("Bu Lurah Sari") is not detected.
ROLE_WORDS: frozenset[str] = frozenset(
    """
    lurah camat sekcam sekretaris sekdes kades kadus kaur kepala kasi kasie kasubag kasubbag
    kabag kabid kadis seksi bagian bidang subbag ketua wakil plt plh pj wali walikota bupati
    gubernur menteri presiden direktur manajer pimpinan atasan koordinator pembina pengawas
    rt rw dukuh carik modin guru dosen dokter bidan perawat mantri ustadz ustaz kyai kiai
    haji hajah hajjah polisi tentara satpam security sopir supir kurir kasir loket
    pelayanan layanan informasi resepsionis admin operator petugas staf staff pegawai
    karyawan honorer kontrak harian lepas tetap negeri sipil pemerintah umum keuangan
    kebersihan keamanan ketertiban kependudukan pajak parkir lapangan teknis teknisi
    administrasi perkantoran tata usaha tu kelurahan kecamatan kantor dinas kota kabupaten
    provinsi desa kampung rumah tangga hamil menyusui kandung mertua ahli bendahara
    pengadministrasi pengolah penata pengelola pranata analis komputer sekretariat front
    office customer service cs teller frontliner negara swasta wiraswasta bumn puskesmas
    posyandu dukcapil disdukcapil samsat bpjs pkk pln pdam bank pos
    """.split()
)
# words capitalized at the start of a sentence or in titles: not names
_COMMON_WORDS = frozenset(
    """
    yang dan atau di ke dari untuk dengan itu ini sangat cukup kurang tidak belum sudah
    sering selalu kadang masih juga lebih agak paling terlalu amat mohon tolong harap
    kami saya kita anda mereka dia beliau terima kasih semua para pun juga dll tsb
    bernama atas an senin selasa rabu kamis jumat sabtu minggu januari februari maret
    april mei juni juli agustus september oktober november desember
    """.split()
)
_ROLE_ALT = "|".join(sorted(map(re.escape, ROLE_WORDS), key=len, reverse=True))
_TITLES = "prof|drs|dra|dr|ir|hj|kh|h"
_RE_TITLE_WORD = r"(?:[A-Z][a-z]+(?:['’\-][A-Za-z]+)*|[A-Z]{2,}(?:['’\-][A-Z]+)*)"
_WORD_END = r"(?![\w'’\-])"


def _after_intro(intro: Iterable[str], excluded: Iterable[str],
                 extra_excluded: str = "") -> re.Pattern[str]:
    """``intro`` word (``"Nama:"``, ``"a.n."``), up to 3 role words or titles (``"Bu Lurah"``,
    ``"Bu Dr."``, ``"petugas loket,"``), then 1-4 capitalized or all-caps words that are
    not ``excluded`` (the name)."""
    words = "|".join(sorted((re.escape(w) for w in set(excluded)), key=len, reverse=True))
    not_excluded = rf"(?!(?i:{words}){_WORD_END}){extra_excluded}"
    tok = not_excluded + _RE_TITLE_WORD
    middle = rf"(?:(?i:{_ROLE_ALT}){_WORD_END}[.,:]?\s+|(?i:{_TITLES})\.\s*)"
    return re.compile(
        rf"(?<![\w.])((?i:{'|'.join(intro)})\.?[,:]?\s+{middle}{{0,3}})"
        rf"({tok}(?:\s+{tok}){{0,3}}){_WORD_END}"
    )


_INTRO_WORDS = {*_HONORIFICS, *_STAFF_INTRO, "om", "tante", "adik", "nama"}
# quick checks before the two patterns below: a capital after a space, then an intro word
_RE_SPACE_CAP = re.compile(r"\s[A-Z]")
_RE_INTRO_CAP = re.compile(
    rf"(?<![\w.])(?i:{'|'.join((*_PERSON_INTRO, *_STAFF_INTRO))})\.?[,:]?\s"
    r"(?:[^\sA-Z]+\s+){0,3}[A-Z]"
)
_PE_KE_AN = r"(?![PpKk]e[a-z]*an" + _WORD_END + ")"  # Pelayanan, Kebersihan, Pembangunan
_RE_PERSON_NAME = _after_intro(_PERSON_INTRO, ROLE_WORDS | _COMMON_WORDS | _INTRO_WORDS,
                               extra_excluded=_PE_KE_AN)
_RE_STAFF_NAME = _after_intro(
    _STAFF_INTRO, ROLE_WORDS | _COMMON_WORDS | _INTRO_WORDS | NAME_STOPWORDS,
    extra_excluded=_PE_KE_AN,
)

# capitalized words right after a roster name: its other parts ("[NAMA] Agustina")
_NOT_SURNAME_ALT = "|".join(sorted(
    map(re.escape, ROLE_WORDS | _COMMON_WORDS | _INTRO_WORDS | NAME_STOPWORDS),
    key=len, reverse=True))
_RE_TAG_SURNAME = re.compile(
    rf"\[NAMA\](?:\s+(?!(?i:{_NOT_SURNAME_ALT}){_WORD_END}){_PE_KE_AN}{_RE_TITLE_WORD}){{1,3}}"
    rf"{_WORD_END}"
)
_NOT_NAME_ALT = "|".join(sorted(map(re.escape, ROLE_WORDS | _COMMON_WORDS | _INTRO_WORDS
                                    | set(_FOREIGN_INTRO)), key=len, reverse=True))
# an intro word, any role words and separators, then a capitalized word that is not a role
# word: "Bu Lurah Sumarni", "Petugas loket, Widyaningsih", "Mr. Jonathan"
_RE_NAME_CUE = re.compile(
    rf"(?<!\w)(?i:{'|'.join((*_INTRO_WORDS, *_FOREIGN_INTRO, 'bernama', 'oleh', 'an', 'a/n'))})"
    rf"(?:[\W_]+(?i:{_ROLE_ALT}){_WORD_END})*[\W_]+(?!(?i:{_NOT_NAME_ALT}){_WORD_END})[A-Z]"
)
# an e-mail address written out: "x(at)gmail.com", "x [at] gmail [dot] com"
_RE_AT_WORD = re.compile(r"[(\[{<]\s*at\s*[)\]}>]|\bat\s+\w+\s+(?:dot|titik)\b", re.I)
_RE_NOT_ALNUM = re.compile(r"[\W_]+")
_RE_SEVEN_DIGITS = re.compile(r"\d{7}")


def ascii_digits(text: str) -> str:
    """``text`` with every Unicode decimal digit (Arabic-Indic, Devanagari, ...) as ASCII.

    Examples
    --------
    >>> ascii_digits("\u0660\u0668\u0661\u0662 \u0968\u0966 12")
    '0812 20 12'
    """
    if text.isascii():
        return text
    return "".join(str(unicodedata.digit(c)) if c.isdecimal() else c for c in text)


def has_personal_cue(text: str) -> bool:
    """Whether a scrubbed text may still hold personal data, so it must not be quoted.

    True with an ``@``, ``(at)`` / ``[at]``, 7+ digits once every non-alphanumeric
    character between them is ignored (``0812_3456_7890``, ``0812,3456,7891``), or an
    honorific, staff or role word then a capitalized word that is not a role word
    (``"Bu Lurah Sumarni"``, ``"Petugas loket, Widyaningsih"``, ``"Mr. Jonathan"``).
    Conservative on purpose: a quote lost is cheap, a name published is not.

    Examples
    --------
    >>> [has_personal_cue(t) for t in ("Bu Lurah ramah", "Bu Lurah Sumarni", "x(at)y.com",
    ...                                "hp 0812_3456_7890", "antre 2 jam")]
    [False, True, True, True, False]
    """
    norm = ascii_digits(unicodedata.normalize("NFKC", text).translate(_INVISIBLE))
    if "@" in norm or _RE_AT_WORD.search(norm):
        return True
    if _RE_SEVEN_DIGITS.search(_RE_NOT_ALNUM.sub("", norm)):
        return True
    return _RE_NAME_CUE.search(norm) is not None

#: Tags put in place of what is removed. ``[AKUN]`` is a social media handle (``@name``).
SCRUB_TAGS: dict[str, str] = {"nip": "[NIP]", "nik": "[NIK]", "phone": "[TELEPON]",
                              "email": "[EMAIL]", "handle": "[AKUN]", "name": "[NAMA]"}
_SCRUB_TAGS = SCRUB_TAGS
_NAME_TAG = SCRUB_TAGS["name"]
_RE_NAME_SPLIT = re.compile(r"[^\w'’\-]+")
_RE_NAME_TAGS = re.compile(r"\[NAMA\](?:[ \u00a0]+\[NAMA\])+")
# academic / religious titles around a roster name: "Dr. Budi Santoso, S.Kom., M.Si."
_RE_PREFIX_TITLE = re.compile(
    r"^(?:(?:prof|dr|drs|dra|ir|h|hj|hajjah|haji|kh|dr\.?\s*ir)\.?\s+)+", re.IGNORECASE
)


def _trie_regex(words: Iterable[str]) -> str:
    """Regex alternation of ``words`` as a character trie (fast with thousands of names).

    A space in a word matches any run of whitespace.
    """
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        end = "" in node
        alts = []
        for ch in sorted(k for k in node if k):
            atom = r"\s+" if ch == " " else re.escape(ch)
            alts.append(atom + build(node[ch]))
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        # regex alternation is ordered: the longer continuation is tried before stopping
        if end:
            body = ("(?:" + body + ")?") if len(alts) == 1 else body + "?"
        return body

    return build(trie)


def _roster_forms(raw: object) -> list[str]:
    """Full name plus the name without academic titles, lower-cased, single spaces."""
    if raw is None or raw is pd.NA or (isinstance(raw, float) and np.isnan(raw)):
        return []
    name = _RE_SPACES.sub(" ", unicodedata.normalize("NFKC", str(raw))).strip()
    if not name:
        return []
    core = _RE_PREFIX_TITLE.sub("", name.split(",")[0]).strip()
    return [f for f in {name.lower(), core.lower()} if f]


@lru_cache(maxsize=32)
def _name_patterns(names: tuple[str, ...], categorical: bool = False,
                   ) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """Build (names regex, honorific + short/common token regex) from a roster.

    ``categorical``: full names only (no single name tokens), for label columns.
    """
    full: set[str] = set()
    tokens: set[str] = set()
    weak: set[str] = set()  # tokens removed only after an honorific
    for raw in names:
        forms = _roster_forms(raw)
        full.update(f for f in forms if len(f) >= 3)
        for form in forms:
            for tok in _RE_NAME_SPLIT.split(form):
                tok = tok.strip("'’-")
                if len(tok) < 3 or not any(c.isalpha() for c in tok):
                    continue
                if len(tok) >= 4 and tok not in NAME_STOPWORDS:
                    tokens.add(tok)
                else:
                    weak.add(tok)
    if categorical:
        weak |= tokens
        tokens = set()
    # a stop-listed word on its own is not a name: keep it unless it is a full name
    full -= NAME_STOPWORDS
    strong = None
    if full | tokens:
        strong = re.compile(rf"(?<!\w)(?:{_trie_regex(full | tokens)})(?!\w)", re.IGNORECASE)
    honor = None
    if weak:
        h = "|".join(_HONORIFICS)
        honor = re.compile(rf"(?<!\w)((?:{h})\.?\s+)(?:{_trie_regex(weak)})(?!\w)", re.IGNORECASE)
    return strong, honor


# (pattern, replacement, what the text must contain for the pattern to apply)
_Step = tuple[re.Pattern[str], str, str]


def _scrub_steps(names: Iterable[str], categorical: bool = False) -> list[_Step]:
    steps: list[_Step] = [
        (_RE_EMAIL, SCRUB_TAGS["email"], "@"),
        (_RE_EMAIL_WORDS, SCRUB_TAGS["email"], "T"),
        (_RE_HANDLE, SCRUB_TAGS["handle"], "@"),
        (_RE_NIP, SCRUB_TAGS["nip"], "0"),
        (_RE_NIP_GROUPED, SCRUB_TAGS["nip"], "0"),
        (_RE_NIK, SCRUB_TAGS["nik"], "0"),
        (_RE_PHONE, SCRUB_TAGS["phone"], "0"),
    ]
    if isinstance(names, str):
        names = [names]
    roster = tuple(sorted({str(n) for n in names if n is not None and not pd.isna(n)}))
    strong, honor = _name_patterns(roster, categorical)
    if strong is not None:
        steps.append((strong, _NAME_TAG, ""))
    if honor is not None:
        steps.append((honor, r"\g<1>" + _NAME_TAG, ""))
    steps.append((_RE_PERSON_NAME, r"\g<1>" + _NAME_TAG, "N"))
    steps.append((_RE_STAFF_NAME, r"\g<1>" + _NAME_TAG, "N"))
    steps.append((_RE_TAG_SURNAME, _NAME_TAG, "["))
    steps.append((_RE_NAME_TAGS, _NAME_TAG, "["))  # "[NAMA] [NAMA]" -> "[NAMA]"
    return steps


def _scrub_one(text: str, steps: list[_Step]) -> str:
    """Scrub one text; ``text`` itself when nothing was found."""
    norm = (text if text.isascii()
            else ascii_digits(unicodedata.normalize("NFKC", text).translate(_INVISIBLE)))
    has_digit = _RE_ANY_DIGIT.search(norm) is not None
    has_intro: bool | None = None
    out = norm
    for pattern, repl, need in steps:
        # cheap pre-checks: "0" = the text has a digit, "N" = an intro word before a
        # capital ("petugas Joko"), else a character the text must contain ("@", "[")
        if need == "0":
            if not has_digit:
                continue
        elif need == "T":
            if _RE_AT_WORD.search(out) is None:
                continue
        elif need == "N":
            if has_intro is None:
                has_intro = (_RE_SPACE_CAP.search(out) is not None
                             and _RE_INTRO_CAP.search(out) is not None)
            if not has_intro:
                continue
        elif need and need not in out:
            continue
        out = pattern.sub(repl, out)
    return text if out == norm else out


def scrub_text(text: str | None, names: Iterable[str] = (), *,
               categorical: bool = False) -> str | None:
    """Remove personal data from one free-text comment.

    The text is matched in Unicode NFKC form without invisible characters (full-width
    digits count as digits). Replaces, in this order: e-mail addresses -> ``[EMAIL]``,
    social media handles (``@budi_s``) -> ``[AKUN]``, NIP (18 digits, printed
    ``"19860926 201505 1 001"`` or in any grouping starting with a plausible birth date)
    -> ``[NIP]``, NIK (16 digits; with spaces/dots/dashes in any grouping when day and
    month are plausible) -> ``[NIK]``, Indonesian telephone numbers (mobile and landline)
    -> ``[TELEPON]``, roster names -> ``[NAMA]``, and capitalized words after an
    honorific or a staff word ("petugas Joko", "Bu Sari Dewi") -> ``[NAMA]`` unless they
    are :data:`ROLE_WORDS` ("Bu Lurah", "petugas Loket").

    For roster names, full names and each name token of at least 4 letters that is not
    in :data:`NAME_STOPWORDS` are removed as whole words, case-insensitively; shorter or
    common tokens (``"Sri"``, ``"Bagus"``) only right after an honorific (``"Pak Bagus"``
    -> ``"Pak [NAMA]"``).

    Ordinary numbers are kept: years ``2024``, money ``Rp1.500.000``, scores ``88,31``,
    dates ``12-03-2025``. A text in which nothing is found is returned unchanged (not
    normalized); otherwise the result is in NFKC form.

    Parameters
    ----------
    text : str or None
    names : iterable of str
        Staff names from the roster.
    categorical : bool
        For label columns (``jabatan``, ``jenis_layanan``, ...): roster names only as
        full names (or a token after an honorific), so that a label such as ``"Pranata
        Komputer"`` is kept when a staff member is called Pranata.

    Returns
    -------
    str or None
        ``None`` stays ``None``.

    Examples
    --------
    >>> scrub_text("NIP 19860926 201505 1 001, email budi.s@semarangkota.go.id")
    'NIP [NIP], email [EMAIL]'
    >>> scrub_text("Pak Budi Santoso ramah, skor 88,31 tahun 2024", names=["Budi Santoso"])
    'Pak [NAMA] ramah, skor 88,31 tahun 2024'
    >>> scrub_text("petugas Joko (IG @joko_bmk) di 024-7471234, Bu Lurah ramah")
    'petugas [NAMA] (IG [AKUN]) di [TELEPON], Bu Lurah ramah'
    """
    if text is None or text is pd.NA or (isinstance(text, float) and np.isnan(text)):
        return text
    return _scrub_one(str(text), _scrub_steps(names, categorical))


def scrub_series(s: pd.Series, names: Iterable[str] = (), *,
                 categorical: bool = False) -> pd.Series:
    """Vectorized :func:`scrub_text` for a column of comments (missing values stay missing).

    Examples
    --------
    >>> scrub_series(pd.Series(["wa 0812 3456 7890", None]), names=["Wulan"]).tolist()
    ['wa [TELEPON]', nan]
    """
    # keep a string dtype as given (pd.NA or NaN as missing); anything else -> "str"
    out = s if isinstance(s.dtype, pd.StringDtype) else s.astype("str")
    # comments repeat a lot ("baik", "mantap"): scrub each distinct text once
    codes, uniques = pd.factorize(out, use_na_sentinel=True)
    steps = _scrub_steps(names, categorical)
    texts = [_scrub_one(str(t), steps) for t in uniques]
    scrubbed = pd.array(np.array([*texts, None], dtype=object)[codes], dtype=out.dtype)
    return pd.Series(scrubbed, index=s.index, name=s.name)


# Extra (non-contract) column names that suggest personal data: never written to
# data/processed/, even when allowed with ``simpan_kolom``. Matched as whole words of the
# normalized name (NFKC, camelCase split, lower case, non-alphanumerics -> "_").
_PERSONAL_COLUMN = re.compile(
    r"(?:^|_)(?:nama|name|nik|nip|nrp|npwp|nomor_induk|identitas|email|e_mail|surel|telp|"
    r"tlp|telepon|phone|hp|wa|whatsapp|alamat|address|ktp|kk|rekening|paspor|passport|"
    r"lahir|ttl|dob|birth|birthday|pemohon|pelapor|pengadu|kandung|"
    # the same words written together: NOHP, NOTELP, TGLLAHIR, NAMALENGKAP
    r"(?:no|nmr|nomor|nomer)(?:hp|wa|telp|tlp|telpon|telepon|ktp|kk|nik|nip|rek|rekening|"
    r"paspor|induk|identitas)|(?:tgl|tanggal|tempat|tmp|tmpt)(?:tgl|tanggal)?lahir|"
    r"nama(?:lengkap|pegawai|asn|pns|pemohon|pelapor|petugas|responden|ibu|ayah|depan|"
    r"belakang|panggilan|karyawan|staf))(?:$|_)"
)


def column_key(name: object) -> str:
    """Normalized column name: NFKC, camelCase split, lower case, ``_`` between words.

    Examples
    --------
    >>> column_key("Tempat/Tgl. Lahir"), column_key("noHP"), column_key(" Nama: ")
    ('tempat_tgl_lahir', 'no_hp', 'nama')
    """
    text = unicodedata.normalize("NFKC", str(name))
    text = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", text).casefold()
    return re.sub(r"[^0-9a-z]+", "_", text).strip("_")


def is_personal_column(name: object) -> bool:
    """Whether an extra column's name suggests personal data (name, NIK/NIP, telephone,
    e-mail, address, birth date, applicant, ...).

    Examples
    --------
    >>> [is_personal_column(c) for c in ("Nama:", "tgl_lahir", "Pemohon", "catatan")]
    [True, True, True, False]
    """
    return _PERSONAL_COLUMN.search(column_key(name)) is not None


def split_extra_columns(extras: Iterable[str], allowed: Iterable[str] = (),
                        ) -> tuple[list[str], list[str], list[str]]:
    """Extra columns to keep, to drop, and (among the dropped) those allowed but refused.

    A column is kept only when ``allowed`` names it (compared after trimming, case-
    insensitively) and its name does not suggest personal data (:func:`is_personal_column`).

    Examples
    --------
    >>> split_extra_columns(["catatan", "no_hp", "kanal"], ["Catatan", "no_hp"])
    (['catatan'], ['no_hp', 'kanal'], ['no_hp'])
    """
    allow = {str(a).strip().casefold() for a in allowed}
    keep, drop, refused = [], [], []
    for col in extras:
        asked = str(col).strip().casefold() in allow
        personal = is_personal_column(col)
        if asked and not personal:
            keep.append(col)
        else:
            drop.append(col)
            if asked:
                refused.append(col)
    return keep, drop, refused


# --------------------------------------------------------------------------- suppression


@dataclass(frozen=True)
class SuppressionResult:
    """Result of :func:`suppress`.

    Attributes
    ----------
    values : DataFrame
        Figures to publish, hidden cells as NaN; with a ``"Total"`` row and column
        when margins are published.
    counts : DataFrame
        Person counts, same shape, hidden cells as NaN.
    status : DataFrame
        ``"tampil"`` (shown), ``"primer"`` (0 < count < k, or a total < k) or
        ``"sekunder"`` (hidden so that other hidden cells cannot be recalculated).
    k : int
        Minimum cell size.
    """

    values: pd.DataFrame
    counts: pd.DataFrame
    status: pd.DataFrame
    k: int

    @property
    def hidden(self) -> pd.DataFrame:
        """Boolean mask of hidden cells."""
        return self.status != STATUS_SHOWN

    def display(self, lang: Lang = "id", decimals: int | None = None) -> pd.DataFrame:
        """Values as display strings; hidden cells show the ``disembunyikan`` marker.

        Parameters
        ----------
        lang : {"id", "en"}
        decimals : int, optional
            Decimals for the values; default: whole numbers if all values are whole,
            else 1.

        Examples
        --------
        >>> counts = pd.DataFrame({"a": [12, 3], "b": [15, 20]}, index=["x", "y"])
        >>> suppress(counts, k=10).display("en").loc["y", "a"]
        '(suppressed)'
        """
        lang = check_lang(lang)
        marker = label("disembunyikan", lang)
        vals = self.values
        if decimals is None:
            arr = vals.to_numpy(dtype=float, na_value=np.nan)
            whole = bool(np.all(np.isnan(arr) | (arr == np.round(arr))))
            decimals = 0 if whole else 1

        def fmt(x: object) -> str:
            return fmt_int(x, lang) if decimals == 0 else fmt_number(x, decimals, lang)

        out = vals.astype(object).map(fmt)
        out = out.mask(self.hidden, marker)
        return out.astype("str")

    def note(self, lang: Lang = "id") -> str:
        """Footnote explaining the suppression, for the report.

        Examples
        --------
        >>> suppress(pd.DataFrame({"a": [12, 30]}), k=10).note("en")[:30]
        'Cells with fewer than 10 peopl'
        """
        return translate(UI, "catatan_disembunyikan", lang, k=self.k)


def _check_counts(counts: pd.DataFrame, k: int) -> np.ndarray:
    if not isinstance(k, int | np.integer) or k < 1:
        raise ValueError(f"k harus bilangan bulat >= 1 / k must be an int >= 1: {k!r}")
    if counts.ndim != 2 or counts.shape[0] == 0 or counts.shape[1] == 0:
        raise ValueError("counts harus tabel 2-D tidak kosong / counts must be a non-empty table")
    if TOTAL in counts.index or TOTAL in counts.columns:
        raise ValueError(
            f"counts tidak boleh berisi baris/kolom {TOTAL!r} / counts must not contain "
            f"a {TOTAL!r} row or column (margins are computed here)"
        )
    arr = counts.to_numpy(dtype=float, na_value=np.nan)
    if np.isnan(arr).any() or (arr < 0).any() or (arr != np.round(arr)).any():
        raise ValueError(
            "counts harus bilangan bulat >= 0 tanpa nilai kosong / "
            "counts must be whole numbers >= 0 with no missing values"
        )
    return arr.astype(np.int64)


def _component(adj: dict, start: tuple[str, int], skip_edge: int | None) -> set:
    """Nodes reachable from ``start`` in the row/column graph, optionally without one edge."""
    seen = {start}
    stack = [start]
    while stack:
        node = stack.pop()
        for nxt, e in adj.get(node, ()):
            if e != skip_edge and nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return seen


def _find_bridge(h: np.ndarray) -> tuple[set, set] | None:
    """Find a hidden cell that is a bridge of the bipartite row/column graph.

    Nodes are rows ``("r", i)`` and columns ``("c", j)``; every hidden cell is an
    edge. A bridge cell can be recalculated from the totals (the sum over one side of
    the cut is known). Returns the two sides (node sets) of the first bridge found.
    """
    cells = [(int(i), int(j)) for i, j in zip(*np.nonzero(h), strict=True)]
    adj: dict[tuple[str, int], list[tuple[tuple[str, int], int]]] = {}
    for e, (i, j) in enumerate(cells):
        adj.setdefault(("r", i), []).append((("c", j), e))
        adj.setdefault(("c", j), []).append((("r", i), e))
    for e, (i, j) in enumerate(cells):
        side_a = _component(adj, ("r", i), skip_edge=e)
        if ("c", j) not in side_a:
            return side_a, _component(adj, ("c", j), skip_edge=e)
    return None


def _secondary(full: np.ndarray, primary: np.ndarray) -> np.ndarray:
    """Complementary suppression on a table whose last row/column are the margins.

    With signs flipped on the margins, every row and column of ``full`` is an
    additive relation, so the usual two-way rules apply to the whole table:

    1. every line with a hidden cell gets at least two (hide the smallest non-zero
       cell, preferring one that also fixes the crossing line, then inner cells over
       totals, the grand total last);
    2. every hidden cell must lie on a cycle of hidden cells in the bipartite
       row/column graph. A bridge could be recalculated, so a cell joining the two
       sides of the bridge is hidden (this closes a cycle through it).

    On a cycle of positive cells, +t/-t alternately keeps all totals, so no hidden
    cell is determined by what is shown.
    """
    h = primary.copy()
    n_rows, n_cols = h.shape
    grand = (n_rows - 1, n_cols - 1)

    def cost(r: int, c: int, fixes: bool) -> tuple:
        v = int(full[r, c])
        is_margin = r == n_rows - 1 or c == n_cols - 1
        return ((r, c) == grand, v == 0, not fixes, is_margin, v, r, c)

    while True:
        row_n = h.sum(axis=1)
        col_n = h.sum(axis=0)
        best = None
        for i in np.flatnonzero(row_n == 1):
            for j in np.flatnonzero(~h[i]):
                cand = cost(int(i), int(j), bool(col_n[j] == 1))
                best = cand if best is None or cand < best else best
        for j in np.flatnonzero(col_n == 1):
            for i in np.flatnonzero(~h[:, j]):
                cand = cost(int(i), int(j), bool(row_n[i] == 1))
                best = cand if best is None or cand < best else best
        if best is None:
            bridge = _find_bridge(h)
            if bridge is None:
                return h
            side_a, side_b = bridge
            for i in range(n_rows):
                for j in range(n_cols):
                    if h[i, j]:
                        continue
                    r, c = ("r", i), ("c", j)
                    if (r in side_a and c in side_b) or (r in side_b and c in side_a):
                        cand = cost(i, j, True)
                        best = cand if best is None or cand < best else best
            if best is None:  # cannot happen for a connected table; stay safe
                return np.ones_like(h)
        h[best[-2], best[-1]] = True


def suppress(
    counts: pd.DataFrame,
    k: int,
    values: pd.DataFrame | None = None,
    *,
    margins: bool = True,
) -> SuppressionResult:
    """Hide small cells of a 2-D table of person counts, with complementary suppression.

    Primary suppression hides cells with ``0 < count < k`` (zero cells stay
    visible). When ``margins`` are published (row totals, column totals and the grand
    total, all computed from the full counts), a total with ``0 < total < k`` is
    hidden too, and secondary suppression hides further cells until no hidden cell can
    be recalculated from what is shown: every row and column of the table with
    margins has zero or at least two hidden cells, and every hidden cell lies on a
    cycle of hidden cells (so it can move up and down while all published totals
    stay the same). Without margins only primary suppression is needed.

    Parameters
    ----------
    counts : DataFrame
        Person counts (rows x columns), whole numbers >= 0, without a total row or
        column.
    k : int
        Minimum number of people in a published cell (FACTS.md §5.2: 10 for staff).
    values : DataFrame, optional
        Figures to publish for the same cells (defaults to ``counts``). Either the same
        shape as ``counts`` (the totals are then the sums: use this only for additive
        figures) or with an extra ``"Total"`` row and column holding the figures for
        the margins (e.g. means of the whole row).
    margins : bool
        Whether totals are published (added as ``"Total"`` row and column).

    Returns
    -------
    SuppressionResult

    Examples
    --------
    >>> counts = pd.DataFrame({"Baik": [12, 3, 25], "Sangat Baik": [15, 20, 11]},
    ...                       index=["Kel A", "Kel B", "Kel C"])
    >>> res = suppress(counts, k=10)
    >>> res.status
               Baik Sangat Baik   Total
    Kel A  sekunder    sekunder  tampil
    Kel B    primer    sekunder  tampil
    Kel C    tampil      tampil  tampil
    Total    tampil      tampil  tampil
    """
    arr = _check_counts(counts, k)
    if margins:
        full = np.zeros((arr.shape[0] + 1, arr.shape[1] + 1), dtype=np.int64)
        full[:-1, :-1] = arr
        full[:-1, -1] = arr.sum(axis=1)
        full[-1, :-1] = arr.sum(axis=0)
        full[-1, -1] = arr.sum()
        index = [*counts.index, TOTAL]
        columns = [*counts.columns, TOTAL]
    else:
        full = arr
        index, columns = list(counts.index), list(counts.columns)
    primary = (full > 0) & (full < k)
    hidden = _secondary(full, primary) if margins else primary

    status = np.where(primary, STATUS_PRIMARY, np.where(hidden, STATUS_SECONDARY, STATUS_SHOWN))
    idx = pd.Index(index, name=counts.index.name)
    cols = pd.Index(columns, name=counts.columns.name)
    counts_out = pd.DataFrame(np.where(hidden, np.nan, full.astype(float)), index=idx, columns=cols)

    if values is None:
        vals_full = full.astype(float)
    else:
        if values.shape == counts.shape:
            v = values.reindex(index=counts.index, columns=counts.columns).to_numpy(dtype=float)
            if margins:
                vals_full = np.zeros(full.shape, dtype=float)
                vals_full[:-1, :-1] = v
                vals_full[:-1, -1] = v.sum(axis=1)
                vals_full[-1, :-1] = v.sum(axis=0)
                vals_full[-1, -1] = v.sum()
            else:
                vals_full = v
        elif margins and values.shape == full.shape:
            vals_full = values.reindex(index=index, columns=columns).to_numpy(dtype=float)
        else:
            raise ValueError(
                "values harus berukuran sama dengan counts (atau + baris/kolom 'Total') / "
                "values must have the shape of counts (or with a 'Total' row and column)"
            )
    values_out = pd.DataFrame(np.where(hidden, np.nan, vals_full), index=idx, columns=cols)
    status_out = pd.DataFrame(status, index=idx, columns=cols)
    return SuppressionResult(values=values_out, counts=counts_out, status=status_out, k=int(k))


def suppress_groups(
    df: pd.DataFrame,
    count_col: str,
    k: int,
    value_cols: Sequence[str],
    total_row: bool = True,
    *,
    total_label: Hashable | None = None,
) -> pd.DataFrame:
    """Hide small groups of a 1-D group table (e.g. prevalence by golongan).

    Groups with ``0 < count < k`` are hidden. If a total over the groups is published
    (``total_row``) and exactly one group is hidden, the next smallest group (non-zero
    first) is hidden as well, so the hidden one cannot be found by subtraction.

    Parameters
    ----------
    df : DataFrame
        One row per group.
    count_col : str
        Number of people in the group.
    k : int
        Minimum group size.
    value_cols : sequence of str
        Columns to hide (NaN) for suppressed groups.
    total_row : bool
        Whether a total over the groups is published (in this table or elsewhere);
        always true when ``total_label`` finds a total row in ``df``.
    total_label : hashable, optional
        If ``df`` contains the total row itself, its label: the row whose index label
        or any text column equals it. That row is not treated as a group; it is hidden
        only if its own count is below ``k``.

    Returns
    -------
    DataFrame
        Copy of ``df`` with ``value_cols`` and ``count_col`` set to NaN where hidden and
        a boolean column ``suppressed``.

    Examples
    --------
    >>> df = pd.DataFrame({"golongan": ["II", "III", "IV"], "n": [4, 30, 12],
    ...                    "persen": [0.5, 0.2, 0.25]})
    >>> suppress_groups(df, "n", 10, ["persen"])
      golongan     n  persen  suppressed
    0       II   NaN     NaN        True
    1      III  30.0     0.2       False
    2       IV   NaN     NaN        True
    """
    if not isinstance(k, int | np.integer) or k < 1:
        raise ValueError(f"k harus bilangan bulat >= 1 / k must be an int >= 1: {k!r}")
    missing = [c for c in [count_col, *value_cols] if c not in df.columns]
    if missing:
        raise KeyError(f"Kolom tidak ada / columns not found: {missing}")
    n = pd.to_numeric(df[count_col], errors="raise").to_numpy(dtype=float, na_value=np.nan)
    if np.isnan(n).any() or (n < 0).any():
        raise ValueError(f"{count_col!r}: harus >= 0 tanpa nilai kosong / must be >= 0, no NA")

    is_total = np.zeros(len(df), dtype=bool)
    if total_label is not None:
        is_total |= np.asarray(df.index == total_label)
        for col in df.columns:
            if col in (count_col, *value_cols) or pd.api.types.is_numeric_dtype(df[col]):
                continue
            is_total |= (df[col] == total_label).fillna(False).to_numpy(dtype=bool)

    hide = (n > 0) & (n < k)  # includes the total row itself when it is small
    if total_row or is_total.any():
        groups = np.flatnonzero(~is_total)
        if hide[groups].sum() == 1:
            cands = [g for g in groups if not hide[g]]
            if cands:
                g = min(cands, key=lambda g: (n[g] == 0, n[g], g))
                hide[g] = True
            else:
                hide |= is_total  # single group: total equals it

    out = df.copy()
    out[count_col] = np.where(hide, np.nan, n)
    for col in value_cols:
        vals = pd.to_numeric(df[col], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        out[col] = np.where(hide, np.nan, vals)
    out["suppressed"] = hide
    return out
