"""Tests for kinerja_analysis.privacy (FACTS.md §5).

The minimum cell size k is a project choice (FACTS.md §5.2, §7 item 9: no numeric BPS
rule was found); the tests use several k values. The NIK layout (PPKKCC DDMMYY SSSS,
women DD + 40) used by the scrubber is [M] (common knowledge, not in FACTS.md).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import stat
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from kinerja_analysis import privacy
from kinerja_analysis.privacy import (
    KEY_ENV,
    NAME_STOPWORDS,
    SuppressionResult,
    load_key,
    pseudonymize,
    scrub_series,
    scrub_text,
    suppress,
    suppress_groups,
)

KEY = b"test-key-0123456789abcdef"


# ----------------------------------------------------------------------------- key


@pytest.fixture
def no_env_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(KEY_ENV, raising=False)


def test_key_from_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(KEY_ENV, "  sixteen-chars-or-more \n")
    (tmp_path / "k").write_text("a-different-key-in-the-file\n")
    assert load_key(tmp_path / "k") == b"sixteen-chars-or-more"


def test_key_from_env_too_short(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(KEY_ENV, "short")
    with pytest.raises(ValueError, match="too short"):
        load_key(tmp_path / "k")


@pytest.mark.usefixtures("no_env_key")
def test_key_from_file(tmp_path: Path) -> None:
    f = tmp_path / "pseudonym.key"
    f.write_text("0123456789abcdef0123\n")
    f.chmod(0o600)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert load_key(f) == b"0123456789abcdef0123"
    f.write_text("tiny")
    with pytest.raises(ValueError):
        load_key(f)


@pytest.mark.usefixtures("no_env_key")
def test_key_file_readable_by_others_warns(tmp_path: Path) -> None:
    f = tmp_path / "k"
    f.write_text("0123456789abcdef0123")
    f.chmod(0o644)
    with pytest.warns(UserWarning, match="chmod 600"):
        load_key(f)


@pytest.mark.usefixtures("no_env_key")
def test_key_created_with_warning_and_0600(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    expected = tmp_path / ".config" / "kinerja-analysis" / "pseudonym.key"
    with pytest.warns(UserWarning, match="new pseudonym key was created") as rec:
        key = load_key(create=True)  # unattended runs create a key only when asked
    assert str(expected) in str(rec[0].message)
    assert expected.exists()
    assert stat.S_IMODE(expected.stat().st_mode) == 0o600
    assert len(key) == 64 and re.fullmatch(rb"[0-9a-f]{64}", key)
    # second call reads the same key silently; the env var with the file text agrees
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert load_key() == key
    monkeypatch.setenv(KEY_ENV, expected.read_text())
    assert load_key() == key
    # no stray temp files next to the key
    assert sorted(p.name for p in expected.parent.iterdir()) == ["pseudonym.key"]


@pytest.mark.usefixtures("no_env_key")
def test_key_missing_without_create(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=KEY_ENV):
        load_key(tmp_path / "none.key", create=False)
    assert not (tmp_path / "none.key").exists()


# ----------------------------------------------------------------------------- pseudonyms


def _expected(value: str, key: bytes, prefix: str = "") -> str:
    return prefix + hmac.new(key, value.encode(), hashlib.sha256).hexdigest()[:16]


def test_pseudonymize_matches_hmac_and_is_deterministic() -> None:
    s = pd.Series(["198609262015051001", "Budi  Santoso ", None], index=[10, 11, 12], name="nip")
    out = pseudonymize(s, KEY, prefix="P")
    assert out[10] == _expected("198609262015051001", KEY, "P")
    assert out[11] == _expected("budi santoso", KEY, "P")  # normalized: spaces, case
    assert pd.isna(out[12])
    assert list(out.index) == [10, 11, 12] and out.name == "nip"
    assert out.equals(pseudonymize(s, KEY, prefix="P"))


def test_pseudonymize_key_dependence_and_normalization() -> None:
    s = pd.Series(["19860926 201505 1 001", "198609262015051001", "BUDI SANTOSO", "budi santoso"])
    a = pseudonymize(s, KEY)
    b = pseudonymize(s, KEY + b"x")
    assert a[0] == a[1] and a[2] == a[3]
    assert (a != b).all()
    assert a.str.fullmatch(r"[0-9a-f]{16}").all()


def test_pseudonymize_rejects_weak_key() -> None:
    with pytest.raises(ValueError):
        pseudonymize(pd.Series(["x"]), b"short")
    with pytest.raises(ValueError):
        pseudonymize(pd.Series(["x"]), "a-text-key-not-bytes-1234")  # type: ignore[arg-type]


def test_pseudonymize_scales(monkeypatch: pytest.MonkeyPatch) -> None:
    """1e6 rows with 1e5 distinct NIPs: each distinct value is normalized and hashed once
    (counted, not timed: the time is measured in benchmarks/micro.py)."""
    rng = np.random.default_rng(7)
    uniq = rng.integers(10**17, 10**18, size=100_000).astype(str)
    s = pd.Series(uniq[rng.integers(0, uniq.size, size=1_000_000)])
    s[::97] = None
    calls = {"normalize": 0, "hashed": 0, "hash_calls": 0}
    real_norm, real_hash = privacy._normalize, privacy.hmac_hex16

    def normalize(v):
        calls["normalize"] += 1
        return real_norm(v)

    def hashes(key, values):
        values = list(values)
        calls["hashed"] += len(values)
        calls["hash_calls"] += 1
        return real_hash(key, values)

    monkeypatch.setattr(privacy, "_normalize", normalize)
    monkeypatch.setattr(privacy, "hmac_hex16", hashes)
    out = pseudonymize(s, KEY, prefix="P")
    distinct = s.dropna().nunique()
    assert calls == {"normalize": distinct, "hashed": distinct, "hash_calls": 1}
    assert out.isna().equals(s.isna())
    # consistent mapping: same input -> same output, and one-to-one
    pairs = pd.DataFrame({"a": s, "b": out}).dropna().drop_duplicates()
    assert pairs["a"].is_unique and pairs["b"].is_unique
    assert out[1] == _expected(s[1], KEY, "P")


# ----------------------------------------------------------------------------- scrubbing

ROSTER = [
    "Dr. Budi Santoso, S.Kom., M.Si.",
    "Sri Wahyuni",
    "Bagus Prasetyo",
    "Ni Luh Putu Ayu Lestari",
    "Hj. Siti Nurhaliza, S.E.",
    "Sutrisno",
    "Agus Kurniawan",
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NIP 19860926 201505 1 001.", "NIP [NIP]."),
        ("nip:198609262015051001", "nip:[NIP]"),
        ("NIK 3374012609860001", "NIK [NIK]"),
        ("NIK 3374 0126 0986 0001 ya", "NIK [NIK] ya"),
        ("NIK 33.74.01.260986.0001", "NIK [NIK]"),
        ("NIK 337401-660986-0001", "NIK [NIK]"),
        ("wa 081234567890", "wa [TELEPON]"),
        ("hp 0812-3456-7890!", "hp [TELEPON]!"),
        ("hp +62 812 3456 7890", "hp [TELEPON]"),
        ("hp +62-812-3456-789", "hp [TELEPON]"),
        ("hp 62 812.3456.7890", "hp [TELEPON]"),
        ("(+62) 81234567890", "[TELEPON]"),
        ("telp (024) 7471234", "telp [TELEPON]"),
        ("telp +62 24 7471234", "telp [TELEPON]"),
        ("kirim ke budi.s+ikm@semarangkota.go.id ya", "kirim ke [EMAIL] ya"),
    ],
)
def test_scrub_each_type(text: str, expected: str) -> None:
    assert scrub_text(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Tahun 2024 lebih baik dari 2023",
        "Biaya Rp1.500.000 atau Rp 250.000,00",
        "Skor IKM 88,31 (mutu A), 80.81 tahun lalu",
        "Antre 15 menit, buka jam 08.00-15.30, tanggal 17/08/2025, 17-08-2025",
        "Jumlah ASN 4.282.429 orang; 100% puas; 3,5 jam",
        "Daftar 2024 2025 2026 2027",
        "nomor antrian 123456789, kode pos 50263, RT 05 RW 02",
        "Perwal No. 12 Tahun 2019 tentang SKP, PP 30/2019",
    ],
)
def test_scrub_keeps_non_personal_numbers(text: str) -> None:
    assert scrub_text(text, ROSTER) == text


def test_scrub_nip_before_nik_before_phone() -> None:
    # an 18-digit NIP must not be cut into a 16-digit NIK or a phone number
    assert scrub_text("198609262015051001") == "[NIP]"
    assert scrub_text("0812345678901234") == "[NIK]"  # 16 digits starting 08
    assert scrub_text("08123456789") == "[TELEPON]"


def test_scrub_names() -> None:
    cases = {
        "Pak Budi Santoso ramah": "Pak [NAMA] ramah",
        "dr. budi santoso, s.kom., m.si. hadir": "[NAMA] hadir",
        "BUDI   SANTOSO lambat": "[NAMA] lambat",
        "Bu Sri sangat membantu": "Bu [NAMA] sangat membantu",
        "Wahyuni cepat": "[NAMA] cepat",
        "pelayanan bagus sekali": "pelayanan bagus sekali",  # stop word alone kept
        "Pak Bagus baik": "Pak [NAMA] baik",  # ... but not after an honorific
        "Mas Prasetyo": "Mas [NAMA]",
        "Budiman datang": "Budiman datang",  # whole words only
        "Siti Nurhaliza dan Sutrisno": "[NAMA] dan [NAMA]",
        "Lestari alam": "Lestari alam",
    }
    for text, expected in cases.items():
        assert scrub_text(text, ROSTER) == expected, text
    assert "lestari" in NAME_STOPWORDS
    assert scrub_text(None, ROSTER) is None


def test_scrub_roster_names_gone() -> None:
    """After scrubbing, no roster name token (>= 4 letters, not a stop word) remains."""
    rng = np.random.default_rng(3)
    first = ["Agus", "Dwi", "Eko", "Rina", "Yuliani", "Heru", "Joko", "Ratna", "Fitri", "Andi"]
    last = ["Susanto", "Hidayat", "Setiawan", "Purnomo", "Rahayu", "Wibowo", "Saputra"]
    roster = [f"{rng.choice(first)} {rng.choice(last)}" for _ in range(60)]
    templates = [
        "Pelayanan {n} sangat baik",
        "Mohon {n} lebih ramah, hp 0812 1111 2222",
        "{N} sering tidak di tempat",
        "terima kasih bu {n}!",
        "saya dilayani oleh {l}.",
    ]
    texts = []
    for name in roster:
        for t in templates:
            texts.append(t.format(n=name, N=name.upper(), l=name.lower()))
    out = scrub_series(pd.Series(texts, dtype="string"), roster)
    tokens = {t.lower() for n in roster for t in n.split() if len(t) >= 4} - NAME_STOPWORDS
    joined = "\n".join(out.tolist()).lower()
    for tok in tokens:
        assert re.search(rf"(?<!\w){re.escape(tok)}(?!\w)", joined) is None, tok
    assert "[TELEPON]" in joined.upper()
    # full names that are stop words are caught through "bu"/"pak" only
    assert scrub_text("Rahayu", ["Rahayu"]) == "Rahayu"
    assert scrub_text("bu Rahayu", ["Rahayu"]) == "bu [NAMA]"


def test_scrub_series_matches_scrub_text_and_keeps_na() -> None:
    texts = [
        "Pak Budi Santoso, wa 081234567890",
        None,
        "NIP 19860926 201505 1 001",
        "baik",
        "baik",
        "",
    ]
    for dtype in ("string", "str", object):
        s = pd.Series(texts, dtype=dtype, index=range(5, 11), name="komentar")
        out = scrub_series(s, ROSTER)
        assert list(out.index) == list(s.index) and out.name == "komentar"
        assert out.isna().tolist() == [False, True, False, False, False, False]
        for a, b in zip(texts, out.tolist(), strict=True):
            if a is not None:
                assert b == scrub_text(a, ROSTER)
    assert scrub_series(pd.Series(["x"], dtype="string")).dtype == "string"


@settings(max_examples=150, deadline=None)
@given(
    year=st.integers(1900, 2100),
    money=st.integers(1_000, 99_999_999),
    score=st.floats(0, 100, allow_nan=False),
    n=st.integers(0, 99_999),
)
def test_scrub_property_keeps_ordinary_numbers(year: int, money: int, score: float, n: int) -> None:
    rp = f"Rp{money:,}".replace(",", ".")
    sc = f"{score:.2f}".replace(".", ",")
    text = f"Tahun {year}, biaya {rp}, skor {sc}, {n} orang."
    assert scrub_text(text) == text


@settings(max_examples=150, deadline=None)
@given(
    digits=st.text("0123456789", min_size=7, max_size=11),
    style=st.sampled_from(["0", "+62 ", "62", "+62-"]),
    sep=st.sampled_from(["", " ", "-", "."]),
)
def test_scrub_property_phones(digits: str, style: str, sep: str) -> None:
    number = "8" + digits
    grouped = sep.join(number[i : i + 4] for i in range(0, len(number), 4))
    text = f"hubungi {style}{grouped} ya"
    assert scrub_text(text) == "hubungi [TELEPON] ya"


# ----------------------------------------------------------------------------- suppression


def _full_with_margins(counts: pd.DataFrame) -> np.ndarray:
    a = counts.to_numpy(dtype=float)
    full = np.zeros((a.shape[0] + 1, a.shape[1] + 1))
    full[:-1, :-1] = a
    full[:-1, -1] = a.sum(axis=1)
    full[-1, :-1] = a.sum(axis=0)
    full[-1, -1] = a.sum()
    return full


def _ranges(full: np.ndarray, hidden: np.ndarray) -> list[float]:
    """Feasible range (max - min) of every hidden cell of a table with margins.

    Variables: hidden cells (>= 0). Shown cells are fixed. Constraints: every inner
    row/column sums to its (shown or hidden) total, and the totals row/column sum to
    the grand total.
    """
    R, C = full.shape
    var = -np.ones(full.shape, dtype=int)
    var[hidden] = np.arange(hidden.sum())
    nv = int(hidden.sum())
    A, b = [], []

    def add(cells: list[tuple[int, int]], total: tuple[int, int]) -> None:
        row = np.zeros(nv)
        rhs = 0.0
        for (i, j), sign in [*((c, 1.0) for c in cells), (total, -1.0)]:
            if hidden[i, j]:
                row[var[i, j]] += sign
            else:
                rhs -= sign * full[i, j]
        A.append(row)
        b.append(rhs)

    for i in range(R):
        add([(i, j) for j in range(C - 1)], (i, C - 1))
    for j in range(C):
        add([(i, j) for i in range(R - 1)], (R - 1, j))
    A_eq, b_eq = np.array(A), np.array(b)
    out = []
    for v in range(nv):
        c = np.zeros(nv)
        c[v] = 1.0
        lo = linprog(c, A_eq=A_eq, b_eq=b_eq, bounds=(0, None), method="highs")
        hi = linprog(-c, A_eq=A_eq, b_eq=b_eq, bounds=(0, None), method="highs")
        assert lo.status == 0  # the true table is feasible
        out.append(np.inf if hi.status == 3 else -hi.fun - lo.fun)
    return out


count_cell = st.one_of(st.integers(0, 40), st.integers(0, 12))


@st.composite
def count_tables(draw: st.DrawFn) -> pd.DataFrame:
    r = draw(st.integers(2, 6))
    c = draw(st.integers(2, 6))
    data = draw(st.lists(count_cell, min_size=r * c, max_size=r * c))
    return pd.DataFrame(
        np.array(data).reshape(r, c),
        index=[f"Kel {i}" for i in range(r)],
        columns=[f"P{j}" for j in range(c)],
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(counts=count_tables(), k=st.sampled_from([3, 5, 10]))
def test_suppress_properties(counts: pd.DataFrame, k: int) -> None:
    """(1) no shown cell has 0 < count < k; (2) no hidden cell is recoverable (LP)."""
    res = suppress(counts, k)
    full = _full_with_margins(counts)
    hidden = res.hidden.to_numpy()
    shown = ~hidden
    assert not ((full > 0) & (full < k) & shown).any()
    # shown figures are the true ones; hidden are NaN; status is consistent
    np.testing.assert_array_equal(res.counts.to_numpy()[shown], full[shown])
    assert res.values.isna().to_numpy().tolist() == hidden.tolist()
    assert ((res.status == "primer").to_numpy() == ((full > 0) & (full < k))).all()
    assert list(res.values.index)[-1] == "Total" and list(res.values.columns)[-1] == "Total"
    if hidden.any():
        for rng_ in _ranges(full, hidden):
            assert rng_ > 0.5


@settings(max_examples=100, deadline=None)
@given(counts=count_tables(), k=st.sampled_from([3, 10]))
def test_suppress_without_margins_is_primary_only(counts: pd.DataFrame, k: int) -> None:
    res = suppress(counts, k, margins=False)
    a = counts.to_numpy()
    assert res.values.shape == counts.shape
    assert (res.hidden.to_numpy() == ((a > 0) & (a < k))).all()


def test_suppress_hand_example() -> None:
    """Hand-checked: the 3 forces a 2x2 rectangle with the smallest cells."""
    counts = pd.DataFrame({"Baik": [12, 3, 25], "Sangat Baik": [15, 20, 11]}, index=["A", "B", "C"])
    res = suppress(counts, k=10)
    assert res.status.loc["B", "Baik"] == "primer"
    assert res.hidden.sum().sum() == 4
    assert res.hidden.loc[["A", "B"], ["Baik", "Sangat Baik"]].all().all()
    assert res.values.loc["Total", "Total"] == 86
    assert res.values.loc["C", "Total"] == 36
    disp = res.display("id")
    assert disp.loc["B", "Baik"] == "(disembunyikan)"
    assert disp.loc["Total", "Total"] == "86"
    assert res.display("en").loc["A", "Baik"] == "(suppressed)"
    assert "10" in res.note("id") and "10" in res.note("en")


def test_suppress_small_total_row() -> None:
    """A row whose total is < k: the total is hidden too, and the totals column stays safe."""
    counts = pd.DataFrame({"x": [20, 2, 30], "y": [25, 3, 15]}, index=list("abc"))
    res = suppress(counts, k=10)
    assert res.status.loc["b", "Total"] == "primer"
    assert res.hidden.loc["b"].all()
    assert res.hidden["Total"].sum() >= 2
    full = _full_with_margins(counts)
    assert all(r > 0.5 for r in _ranges(full, res.hidden.to_numpy()))


def test_suppress_zeros_and_all_large() -> None:
    counts = pd.DataFrame({"x": [0, 20], "y": [15, 0]})
    res = suppress(counts, k=10)
    assert not res.hidden.any().any()
    assert res.display("en").loc[0, "x"] == "0"


def test_suppress_custom_values() -> None:
    counts = pd.DataFrame({"x": [12, 3], "y": [15, 20]}, index=["a", "b"])
    means = pd.DataFrame({"x": [80.5, 70.0], "y": [82.25, 90.0]}, index=["a", "b"])
    res = suppress(counts, 10, values=means, margins=False)
    assert np.isnan(res.values.loc["b", "x"]) and res.values.loc["a", "x"] == 80.5
    assert res.display("id").loc["a", "y"] == "82,3"  # 1 decimal by default, half-up
    with_totals = means.copy()
    with_totals["Total"] = [81.0, 85.0]
    with_totals.loc["Total"] = [79.0, 86.0, 83.0]
    res2 = suppress(counts, 10, values=with_totals)
    assert res2.values.loc["Total", "Total"] == 83.0
    with pytest.raises(ValueError):
        suppress(counts, 10, values=means.iloc[:1])


def test_suppress_input_errors() -> None:
    good = pd.DataFrame({"x": [1, 2]})
    with pytest.raises(ValueError):
        suppress(good, 0)
    with pytest.raises(ValueError):
        suppress(pd.DataFrame({"x": [1.5, 2]}), 5)
    with pytest.raises(ValueError):
        suppress(pd.DataFrame({"x": [-1, 2]}), 5)
    with pytest.raises(ValueError):
        suppress(pd.DataFrame({"x": [1, None]}), 5)
    with pytest.raises(ValueError, match="Total"):
        suppress(pd.DataFrame({"Total": [1, 2]}), 5)
    assert isinstance(suppress(good, 5), SuppressionResult)


# ----------------------------------------------------------------------------- groups


def _group_ranges(n: np.ndarray, hidden: np.ndarray, total_published: bool) -> list[float]:
    nv = int(hidden.sum())
    if not total_published:
        return [np.inf] * nv
    A_eq = np.ones((1, nv))
    b_eq = np.array([n.sum() - n[~hidden].sum()])
    out = []
    for v in range(nv):
        c = np.zeros(nv)
        c[v] = 1
        lo = linprog(c, A_eq=A_eq, b_eq=b_eq, bounds=(0, None), method="highs")
        hi = linprog(-c, A_eq=A_eq, b_eq=b_eq, bounds=(0, None), method="highs")
        out.append(-hi.fun - lo.fun)
    return out


@settings(max_examples=200, deadline=None)
@given(
    n=st.lists(count_cell, min_size=2, max_size=8),
    k=st.sampled_from([3, 5, 10]),
    with_total_row=st.booleans(),
)
def test_suppress_groups_properties(n: list[int], k: int, with_total_row: bool) -> None:
    arr = np.array(n)
    df = pd.DataFrame({"golongan": [f"G{i}" for i in range(len(n))], "n": arr})
    df["persen"] = arr / max(arr.sum(), 1)
    if with_total_row:
        total = pd.DataFrame({"golongan": ["Semua"], "n": [arr.sum()], "persen": [1.0]})
        df = pd.concat([df, total], ignore_index=True)
    out = suppress_groups(df, "n", k, ["persen"], total_label="Semua" if with_total_row else None)
    hide = out["suppressed"].to_numpy()
    all_n = df["n"].to_numpy()
    # (1) nothing shown is small
    assert not ((all_n > 0) & (all_n < k) & ~hide).any()
    assert out["n"].isna().tolist() == hide.tolist()
    assert out["persen"].isna().tolist() == hide.tolist()
    # (2) hidden groups not recoverable from the total
    g_hide = hide[: len(n)]
    total_hidden = with_total_row and hide[-1]
    if g_hide.any():
        assume(not total_hidden)  # everything hidden: nothing to recover from
        for r in _group_ranges(arr, g_hide, True):
            assert r > 0.5


def test_suppress_groups_examples() -> None:
    df = pd.DataFrame({"golongan": ["II", "III", "IV", "Semua"], "n": [4, 30, 12, 46]})
    df["prevalensi"] = [0.5, 0.2, 0.25, 0.24]
    out = suppress_groups(df, "n", 10, ["prevalensi"], total_label="Semua")
    assert out["suppressed"].tolist() == [True, False, True, False]
    assert out.loc[3, "n"] == 46
    # total not published: only primary
    out2 = suppress_groups(df.iloc[:3], "n", 10, ["prevalensi"], total_row=False)
    assert out2["suppressed"].tolist() == [True, False, False]
    # the only other group is zero: it is hidden as well (then the 4 can be 0..4)
    df3 = pd.DataFrame({"g": ["a", "b", "c"], "n": [4, 0, 30], "v": [1.0, 2.0, 3.0]})
    assert suppress_groups(df3, "n", 10, ["v"])["suppressed"].tolist() == [True, False, True]
    with pytest.raises(KeyError):
        suppress_groups(df3, "n", 10, ["zzz"])
    with pytest.raises(ValueError):
        suppress_groups(df3.assign(n=[1, None, 3]), "n", 10, ["v"])


def test_module_has_no_key_in_repo() -> None:
    """The default key path is outside the repository."""
    repo = Path(__file__).resolve().parents[1]
    assert repo not in privacy.DEFAULT_KEY_FILE.resolve().parents
    assert os.path.basename(privacy.DEFAULT_KEY_FILE) == "pseudonym.key"


def test_pseudonymize_empty_and_numeric() -> None:
    assert pseudonymize(pd.Series([], dtype="str"), KEY).empty
    out = pseudonymize(pd.Series([198609262015051001, 198609262015051001]), KEY)
    assert out[0] == out[1] == _expected("198609262015051001", KEY)


def test_suppress_groups_total_label_in_index() -> None:
    df = pd.DataFrame(
        {"n": [4, 30, 12, 46], "v": [1.0, 2.0, 3.0, 4.0]}, index=["II", "III", "IV", "Semua"]
    )
    out = suppress_groups(df, "n", 10, ["v"], total_row=False, total_label="Semua")
    assert out["suppressed"].tolist() == [True, False, True, False]  # total row is published
    small = pd.DataFrame({"g": ["a", "Semua"], "n": [4, 4], "v": [1.0, 1.0]})
    assert suppress_groups(small, "n", 10, ["v"], total_label="Semua")["suppressed"].all()


# ------------------------------------- complementary suppression choices (mutation testing)


def _status(res: SuppressionResult) -> list[str]:
    """Status grid as strings, P primary, S secondary, . shown (rows incl. Total)."""
    code = {"primer": "P", "sekunder": "S", "tampil": "."}
    return ["".join(code[s] for s in row) for row in res.status.to_numpy()]


def _ranges_grand_public(full: np.ndarray, hidden: np.ndarray) -> list[float]:
    """Feasible ranges when the grand total is known anyway (the number of people counted
    is published elsewhere in the report), whether or not this table hides it."""
    known = hidden.copy()
    known[-1, -1] = False
    return _ranges(full, known) if known.any() else []


@settings(max_examples=150, deadline=None)
@given(counts=count_tables(), k=st.sampled_from([3, 5, 10]))
def test_suppress_keeps_grand_total_unless_small(counts: pd.DataFrame, k: int) -> None:
    """The grand total is hidden last: only when it is itself below k."""
    res = suppress(counts, k)
    grand = int(counts.to_numpy().sum())
    assert bool(res.hidden.iloc[-1, -1]) == (0 < grand < k)


def test_suppress_two_small_margins_not_closed_through_grand_total() -> None:
    """Row 'a' (total 8) and column 'x' (total 7) are below k. The cycle must be closed
    with the other totals (31, 32), not with the grand total 39: hiding 39 would fix both
    margins at once, but the number of people is public anyway, and then 39 - 31 = 8 and
    39 - 32 = 7 give the two small totals back."""
    counts = pd.DataFrame({"x": [4, 3], "y": [4, 28]}, index=["a", "b"])
    res = suppress(counts, k=10)
    assert _status(res) == ["PPP", "PSS", "PS."]
    assert res.values.loc["Total", "Total"] == 39
    full = _full_with_margins(counts)
    assert min(_ranges_grand_public(full, res.hidden.to_numpy())) > 0.5


def test_suppress_bridge_closed_with_smallest_inner_cell() -> None:
    """After every line has two hidden cells, the hidden cells form two cycles joined by
    one cell (a bridge: it could be recalculated). The cell that closes a cycle across the
    cut is the smallest non-zero inner cell: 11 (d, x), not 26 (d, y), a total or a zero."""
    counts = pd.DataFrame(
        {"x": [10, 4, 0, 11], "y": [5, 3, 5, 26], "z": [37, 30, 3, 10]}, index=list("abcd")
    )
    res = suppress(counts, k=10)
    assert _status(res) == ["SP..", "PP..", ".PPP", "S.SS", "...."]
    full = _full_with_margins(counts)
    assert min(_ranges(full, res.hidden.to_numpy())) > 0.5


def test_suppress_bridge_not_closed_through_grand_total() -> None:
    """Here the cells across the cut are 35 (a, y), the totals 44 and 47, the grand total
    58 and three zeros: the inner 35 is hidden. With the grand total hidden instead, knowing
    the number of people (58) would give the hidden totals of x and z back."""
    counts = pd.DataFrame({"x": [1, 0, 0], "y": [35, 7, 5], "z": [8, 2, 0]}, index=list("abc"))
    res = suppress(counts, k=10)
    assert _status(res) == ["PSP.", ".PPP", ".P.P", "P.S."]
    full = _full_with_margins(counts)
    assert min(_ranges_grand_public(full, res.hidden.to_numpy())) > 0.5


@pytest.mark.parametrize("shape", [(2, 2), (2, 3)])
def test_suppress_values_margins_are_row_and_column_sums(shape: tuple[int, int]) -> None:
    """Additive values of the same shape as counts: the Total column holds the row sums,
    the Total row the column sums (square and non-square tables)."""
    r, c = shape
    counts = pd.DataFrame(np.full(shape, 50), index=list("ab"), columns=list("xyz")[:c])
    values = pd.DataFrame(
        np.arange(1.0, r * c + 1).reshape(shape), index=counts.index, columns=counts.columns
    )
    res = suppress(counts, 10, values=values)
    assert not res.hidden.any().any()
    assert res.values.loc["Total", list(counts.columns)].tolist() == values.sum(axis=0).tolist()
    assert res.values.loc[["a", "b"], "Total"].tolist() == values.sum(axis=1).tolist()
    assert res.values.loc["Total", "Total"] == values.to_numpy().sum()
