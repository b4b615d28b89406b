"""Issue #14 in the data contract: look-alike text, uniqueness as pseudonymized, dates far
outside the data, wide files, and personal values in messages.

The bad-input folders are in ``tests/data/bad/`` (see its README); each replaces files of
``test_contract.VALID`` as in ``tests/test_contract.py``.
"""

from __future__ import annotations

import shutil
import unicodedata
import warnings
from pathlib import Path

import pandas as pd
import pytest
import test_contract as tc
from test_contract import OPTIONS, VALID, check_invariants, only, write_valid

from kinerja_analysis import cli, contract, ingest, prepare, privacy
from kinerja_analysis.contract import Problem, validate_dir

BAD = Path(__file__).parent / "data" / "bad"
NFC = unicodedata.normalize("NFC", "Kelurahan Srondol Wétan")
NFD = unicodedata.normalize("NFD", NFC)

# (case folder, code, file, row, column, fragment of the Indonesian message)
CASES = [
    ("id_responden_huruf", "duplikat", "survei_kepuasan.csv", 3, "id_responden",
     "sama dengan baris 2"),
    ("tanggal_1900", "tanggal_terlalu_lama", "survei_kepuasan.csv", 2, "tanggal",
     "'1900-01-01' sebelum tahun 2000"),
    ("tanggal_mulai_1900", "tanggal_terlalu_lama", "kebijakan.csv", 3, "tanggal_mulai",
     "'01/01/1900' sebelum tahun 2000"),
    ("periode_1900", "periode_terlalu_lama", "penilaian_kinerja.csv", 5, "periode",
     "'1900-01' sebelum tahun 2000"),
    ("tanggal_lahir_1900", "tanggal_lahir_tidak_wajar", "pegawai.csv", 4, "tanggal_lahir",
     "di luar 15–100 tahun"),
]
# hostile but valid: no problem at all once the text is normalized
VALID_CASES = ["unicode_nfd", "judul_tak_terlihat"]


def _folder(tmp_path: Path, case: str) -> Path:
    folder = write_valid(tmp_path / "data")
    tc._apply(case, folder)
    return folder


@pytest.mark.parametrize(("case", "code", "file", "row", "column", "fragment"), CASES,
                         ids=[c[0] for c in CASES])
def test_bad_input_14(tmp_path: Path, case: str, code: str, file: str, row: int,
                      column: str, fragment: str) -> None:
    report = validate_dir(_folder(tmp_path, case), OPTIONS)
    check_invariants(report)
    p = next((q for q in report.problems if (q.code, q.file, q.row, q.column)
              == (code, file, row, column)), None)
    assert p is not None, [(q.code, q.file, q.row, q.column) for q in report.problems]
    assert p.severity == "error"
    msg_id, msg_en = p.message("id"), p.message("en")
    assert fragment in msg_id, msg_id
    assert msg_id != msg_en
    for msg, row_word, col_word in ((msg_id, "baris", "kolom"), (msg_en, "row", "column")):
        assert msg.startswith(f"{file}, {row_word} {row}, {col_word} '{column}': "), msg
    errors = {q.code for q in report.problems if q.file == file and q.severity == "error"}
    assert errors == {code}, errors
    table = next(t for t in report.tables.values()
                 if t.path is not None and t.path.name == file)
    assert row in table.rejected["_baris"].tolist()
    assert row not in table.accepted["_baris"].tolist()
    assert code in table.rejected.set_index("_baris").loc[row, "kode"].split("; ")


@pytest.mark.parametrize("case", VALID_CASES)
def test_hostile_but_valid_14(tmp_path: Path, case: str) -> None:
    report = validate_dir(_folder(tmp_path, case), OPTIONS)
    assert [p.message("en") for p in report.problems] == []
    check_invariants(report)
    for name, t in report.tables.items():
        assert t.n_rejected == 0, name


# --------------------------------------------------------------------------- 1. look-alikes


def test_decomposed_accent_matches_the_kebijakan_unit(tmp_path: Path) -> None:
    t = validate_dir(_folder(tmp_path, "unicode_nfd"), OPTIONS).tables
    assert NFC in t["kebijakan"].accepted["unit_kerja"].tolist()
    assert t["pegawai"].accepted["unit_kerja"].iloc[2] == NFC
    assert t["survei_kepuasan"].accepted["unit_kerja"].iloc[2] == NFC


def test_decomposed_accent_is_one_unit_without_kebijakan(tmp_path: Path) -> None:
    folder = only(tmp_path / "d", "survei_kepuasan", "survei_asn", "pegawai")
    text = VALID["survei_kepuasan"].replace("Kecamatan Banyumanik", NFC)
    text = text.replace("Kelurahan Pudakpayung", NFD)
    (folder / "survei_kepuasan.csv").write_text(text, encoding="utf-8")
    sk = validate_dir(folder, OPTIONS).tables["survei_kepuasan"].accepted
    assert sk["unit_kerja"].tolist()[:2] == [NFC, NFC]
    assert sk["unit_kerja"].nunique() == 2


def test_invisible_characters_in_headers_and_keys(tmp_path: Path) -> None:
    t = validate_dir(_folder(tmp_path, "judul_tak_terlihat"), OPTIONS).tables
    peg = t["pegawai"].accepted
    assert {"nip", "unit_kerja", "jabatan"} <= set(peg.columns)
    assert peg["nip"].iloc[0] == "198609262015051001"
    assert peg["jabatan"].iloc[0] == "Camat"
    assert "Kelurahan Gedawang" in t["kebijakan"].accepted["unit_kerja"].tolist()
    assert t["kebijakan"].accepted["tanggal_mulai"].notna().sum() == 2


@pytest.mark.parametrize("head", ["nip\u200b", "\ufeffNIP", "n\u2060ip", "nip\u200c\u200d",
                                  unicodedata.normalize("NFD", "nip")])
def test_normalize_column_name_drops_invisible_characters(head: str) -> None:
    assert ingest.normalize_column_name(head) == "nip"


def test_cells_are_nfc_in_every_reader(tmp_path: Path) -> None:
    import openpyxl

    p = tmp_path / "t.csv"
    p.write_text(f"unit_kerja,n\n{NFD},1\nabc,2\n", encoding="utf-8")
    whole = ingest.read_table(p).frame
    streamed = pd.concat([c.frame for c in ingest.iter_table(p, chunk_rows=1)])
    wb = openpyxl.Workbook()
    wb.active.append(["unit_kerja", "n"])
    wb.active.append([NFD, 1])
    wb.save(tmp_path / "x.xlsx")
    xlsx = ingest.read_table(tmp_path / "x.xlsx").frame
    for frame in (whole, streamed, xlsx):
        assert frame["unit_kerja"].iloc[0] == NFC


def test_messages_show_invisible_characters_as_escapes() -> None:
    p = Problem("tindak_lanjut.csv", 3, "jenis", "teguran\u200b", "jenis_tidak_dikenal")
    assert "'teguran\\u200b'" in p.message("id")
    p = Problem("pegawai.csv", None, None, None, "kolom_tambahan",
                {"kolom": "catatan\x07", "disimpan": "198609262015051001"}, "warning")
    assert "catatan\\u0007" in p.message("en") and "\x07" not in p.message("en")
    assert "198609262015051001" not in p.message("en")  # a data row read as the header


def test_control_character_in_header_is_escaped_in_the_message(tmp_path: Path) -> None:
    folder = write_valid(tmp_path / "d")
    lines = VALID["tindak_lanjut"].splitlines()
    text = "\n".join([lines[0] + ",catatan\x07", *(ln + ",x" for ln in lines[1:])]) + "\n"
    (folder / "tindak_lanjut.csv").write_text(text, encoding="utf-8")
    report = validate_dir(folder, OPTIONS)
    msgs = [p.message("id") for p in report.problems]
    assert any("catatan\\u0007" in m for m in msgs), msgs


# --------------------------------------------------------------------------- 2. uniqueness

IDS = ["R0000001", "r0000001", " R0000001 ", "Ｒ0000001", "12.345", "12-345", "12345",
       "R 001", "r   001", "École", "e\u0301cole", "ÉCOLE", "a\u200bb", "", "x.y", "X.Y"]


def test_id_key_is_the_pseudonym_normalization() -> None:
    s = pd.Series(IDS * 30, dtype="str")  # long enough for the per-unique path
    key = contract._id_key(s).tolist()
    assert key == [privacy._normalize(v) for v in s]
    pseud = prepare._Hasher(b"k" * 32)(s.str.strip()).tolist()
    for i in range(len(IDS)):
        for j in range(len(IDS)):
            if IDS[i].strip() and IDS[j].strip():
                assert (key[i] == key[j]) == (pseud[i] == pseud[j]), (IDS[i], IDS[j])


def test_case_variant_id_responden_is_a_duplicate_in_chunks_too(tmp_path: Path) -> None:
    folder = _folder(tmp_path, "id_responden_huruf")
    for rows in (None, 1):
        rep = contract.validate_stream(folder, contract.TableSink(), OPTIONS, chunk_rows=rows)
        dup = [(p.row, p.params["baris_pertama"]) for p in rep.problems
               if p.code == "duplikat"]
        assert dup == [(3, 2)]
        msg = next(p for p in rep.problems if p.code == "duplikat").message("en")
        assert "row 3" in msg and "repeats row 2" in msg


# --------------------------------------------------------------------------- 3. dates


def test_old_dates_do_not_stretch_the_period_range(tmp_path: Path) -> None:
    folder = _folder(tmp_path, "tanggal_1900")
    res = prepare.prepare(folder, tmp_path / "proc", lenient=True, options=OPTIONS,
                          key=b"k" * 32)
    sk = pd.read_parquet(res.files["survei_kepuasan"])
    assert sorted(set(sk["triwulan"])) == ["2024-Q2"]
    rej = pd.read_csv(tmp_path / "proc" / "ditolak" / "survei_kepuasan.csv")
    assert rej["baris"].tolist() == [2] and rej["kode"].tolist() == ["tanggal_terlalu_lama"]


@pytest.mark.parametrize(("name", "old", "new", "column"), [
    ("survei_asn", "2024-06-01,1,4", "1999-12-31,1,4", "tanggal"),
    ("survei_asn", "ya,2024-05-01", "ya,1900-01-01", "tanggal_pelatihan"),
    ("tindak_lanjut", "2024-Q2,Penghargaan", "1999-Q4,Penghargaan", "periode"),
])
def test_dates_before_2000_everywhere(tmp_path: Path, name: str, old: str, new: str,
                                      column: str) -> None:
    folder = write_valid(tmp_path / "d")
    (folder / f"{name}.csv").write_text(VALID[name].replace(old, new, 1), encoding="utf-8")
    probs = [(p.file, p.row, p.column, p.code) for p in validate_dir(folder, OPTIONS).problems]
    code = "periode_terlalu_lama" if column == "periode" else "tanggal_terlalu_lama"
    assert (f"{name}.csv", 2, column, code) in probs
    assert {(f, r) for f, r, _c, _k in probs} == {(f"{name}.csv", 2)}  # that row only
    assert contract.TAHUN_MINIMUM == 2000


def test_year_2000_is_fine(tmp_path: Path) -> None:
    folder = write_valid(tmp_path / "d")
    (folder / "kebijakan.csv").write_text(VALID["kebijakan"].replace("2024-01-15", "2000-01-01"),
                                          encoding="utf-8")
    assert validate_dir(folder, OPTIONS).problems == []


# --------------------------------------------------------------------------- 4. wide files


def _inserts(tmp_path: Path, n: int, monkeypatch: pytest.MonkeyPatch) -> int:
    from pandas.core.internals import managers

    folder = write_valid(tmp_path / f"w{n}")
    lines = VALID["pegawai"].splitlines()
    header = lines[0] + "".join(f",ekstra_{j}" for j in range(n))
    rows = [ln + "".join(f",v{j}" for j in range(n)) for ln in lines[1:]]
    (folder / "pegawai.csv").write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    calls = [0]
    real = managers.BlockManager.insert

    def counting(self, *args, **kwargs):
        calls[0] += 1
        return real(self, *args, **kwargs)

    monkeypatch.setattr(managers.BlockManager, "insert", counting)
    with warnings.catch_warnings():
        warnings.simplefilter("error", pd.errors.PerformanceWarning)
        report = validate_dir(folder, OPTIONS)
    monkeypatch.setattr(managers.BlockManager, "insert", real)
    peg = report.tables["pegawai"].accepted
    assert peg.shape == (3, len(contract.ACCEPTED_COLUMNS["pegawai"]) + n + 1)
    assert list(peg.columns[-3:]) == [f"ekstra_{n - 2}", f"ekstra_{n - 1}", "_baris"]
    return calls[0]


def test_extra_columns_are_not_inserted_one_by_one(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """2,000 extra columns: no column-by-column DataFrame inserts (they made 10,000 extra
    columns take minutes), and no pandas fragmentation warning. Timing:
    benchmarks/kolom_lebar.py."""
    narrow = _inserts(tmp_path, 20, monkeypatch)
    wide = _inserts(tmp_path, 2000, monkeypatch)
    assert wide - narrow < 50, (narrow, wide)


# --------------------------------------------------------------------------- 5. masking


@pytest.mark.parametrize(("column", "value", "code", "shown"), [
    ("nip", "198609262015051001", "nip_panjang", "'…1001'"),
    ("nip_petugas", "0812-3456-7890", "nip_bukan_angka", "'…7890'"),
    ("id_responden", "=R0000001", "rumus_teks", "'…0001'"),
    ("tanggal_lahir", "1986-09-25", "tanggal_format", "'…9-25'"),
    ("saran", "=HYPERLINK(\"mailto:sari@mail.example\")", "rumus_teks", "'…le\")'"),
    ("usia", "sari.dewi@mail.example", "bukan_angka", "'…mple'"),
    ("kehadiran", "3374015505900002", "di_luar_rentang", "'…0002'"),
])
def test_personal_values_are_masked(column: str, value: str, code: str, shown: str) -> None:
    p = Problem("f.csv", 7, column, value, code, {"min": 0, "max": 100})
    for lang in ("id", "en"):
        msg = p.message(lang)
        assert value not in msg and value[:8] not in msg, msg
        assert shown in msg, msg


@pytest.mark.parametrize(("column", "value", "code"), [
    ("kehadiran", "120", "di_luar_rentang"), ("predikat", "istimewa", "predikat_tidak_dikenal"),
    ("tanggal", "2 Mei 2024", "tanggal_format"), ("tanggal", "1900-01-01",
                                                  "tanggal_terlalu_lama"),
    ("kualitas_pelayanan", "delapan puluh", "bukan_angka"),
])
def test_non_personal_values_stay_visible(column: str, value: str, code: str) -> None:
    p = Problem("f.csv", 7, column, value, code, {"min": 0, "max": 100, "tahun": 2000})
    assert f"'{value}'" in p.message("id")


def test_birth_date_from_the_nip_is_masked_in_messages_and_reasons(tmp_path: Path) -> None:
    report = validate_dir(_folder(tmp_path, "tanggal_lahir_nip"), OPTIONS)
    p = next(q for q in report.problems if q.code == "tanggal_lahir_nip")
    alasan = report.tables["pegawai"].rejected["alasan"].str.cat()
    for text in (p.message("id"), p.message("en"), alasan):
        assert "1986-09-26" not in text, text


def _bad_bundle(folder: Path) -> dict[str, str]:
    """VALID with NIP, NIK, phone and e-mail values in wrong places; returns them."""
    write_valid(folder)
    planted = {
        "nik": "3374015505900002", "nip_asing": "198609262015051009",
        "telepon": "0812-3456-7890", "email": "sari.dewi@mail.example",
        "email2": "budi.s@mail.example", "lahir": "1986-09-25", "lahir_nip": "1986-09-26",
        "nik2": "3374015505900004",
    }
    peg = VALID["pegawai"].replace("199001152018032002,kelurahan", f"{planted['nik']},kelurahan")
    peg = peg.replace("L,1986-09-26", f"L,{planted['lahir']}")
    (folder / "pegawai.csv").write_text(peg, encoding="utf-8")
    pk = VALID["penilaian_kinerja"].replace("199205102022211003", planted["nip_asing"])
    pk = pk.replace("100,90,80", f"{planted['nik2']},90,80")
    (folder / "penilaian_kinerja.csv").write_text(pk, encoding="utf-8")
    sk = VALID["survei_kepuasan"].replace(",199205102022211003,,60,", f",{planted['telepon']},,60,")
    sk = sk.replace("L,35,", f"L,{planted['email']},")
    sk = sk.replace("Pelayanan cepat", f'"=HYPERLINK(""mailto:{planted["email2"]}"")"')
    (folder / "survei_kepuasan.csv").write_text(sk, encoding="utf-8")
    return planted


def test_validate_and_prepare_never_print_or_store_full_personal_values(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "data"
    planted = _bad_bundle(folder)
    proc = tmp_path / "proc"
    out = []
    for argv in (["validate", "--data", str(folder)],
                 ["validate", "--data", str(folder), "--lang", "en"],
                 ["prepare", "--data", str(folder), "--processed", str(proc)],
                 ["prepare", "--data", str(folder), "--processed", str(proc), "--lenient"]):
        cli.main(argv)
        got = capsys.readouterr()
        out.append(got.out + got.err)
    text = "\n".join(out)
    # the problems are reported (file, row, column, masked value) ...
    for fragment in ("pegawai.csv, baris 3, kolom 'nip'", "'…0002'",
                     "penilaian_kinerja.csv, baris 5, kolom 'nip'",
                     "survei_kepuasan.csv, row 2, column 'usia'", "'…7890'"):
        assert fragment in text, text
    # ... but no full value, in any output or processed file
    stored = []
    for f in sorted(proc.rglob("*")):
        if f.suffix == ".parquet":
            stored.append(pd.read_parquet(f).astype(str).to_csv())
            stored.append(f.read_bytes().decode("latin-1"))
        elif f.is_file():
            stored.append(f.read_text(encoding="utf-8"))
    assert any("ditolak" in str(f) for f in proc.rglob("*.csv"))
    for name, value in planted.items():
        assert value not in text, (name, value)
        for s in stored:
            assert value not in s, (name, value)
    shutil.rmtree(proc)
