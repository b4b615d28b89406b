"""Issue #14, scrubbing: grouped NIP/NIK, full-width digits, landlines, @handles, names after
honorifics, categorical columns left as they are, personal column names, quotable comments.
"""

from __future__ import annotations

import pandas as pd
import pytest

from kinerja_analysis import hambatan as hb
from kinerja_analysis.privacy import (
    ROLE_WORDS,
    is_personal_column,
    scrub_series,
    scrub_text,
)

ROSTER = ["Dr. Budi Santoso, S.Kom., M.Si.", "Sri Wahyuni", "Pranata Wijaya"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # NIP (18 digits) in any grouping
        ("NIP 1985 0101 2010 0110 01 ya", "NIP [NIP] ya"),
        ("NIP 1985.0101.2010.0110.01", "NIP [NIP]"),
        ("NIP 198501-012010-0110-01", "NIP [NIP]"),
        ("NIP 19 85 01 01 20 10 01 10 01.", "NIP [NIP]."),
        ("NIP 19850101 2010 01 1 001", "NIP [NIP]"),
        # NIK (16 digits) in any grouping, plausible day (women +40) and month
        ("NIK 3374 03 1203 85 0001", "NIK [NIK]"),
        ("NIK 337 403 120 385 0001", "NIK [NIK]"),
        ("NIK 33-74-03-52-03-85-0001", "NIK [NIK]"),
        # full-width digits (NFKC)
        ("NIK ３３７４０３１２０３８５０００１", "NIK [NIK]"),
        ("NIP １９８６０９２６ ２０１５０５ １ ００１", "NIP [NIP]"),
        ("wa ０８１２\uff0d３４５６\uff0d７８９０", "wa [TELEPON]"),
        ("wa 0812\u20133456\u20137890", "wa [TELEPON]"),
        ("wa 0812\u200b3456\u200b7890", "wa [TELEPON]"),
        # landlines: area code 0 + 2-3 digits, then 5-8 digits
        ("telp 024-7471234", "telp [TELEPON]"),
        ("telp 024 7471234", "telp [TELEPON]"),
        ("telp (024) 7471234", "telp [TELEPON]"),
        ("telp 0247471234.", "telp [TELEPON]."),
        ("telp 0251-832 1234", "telp [TELEPON]"),
        ("telp 024.747.1234", "telp [TELEPON]"),
        # @handles
        ("DM @budi_s ya", "DM [AKUN] ya"),
        ("IG @pelayanan.bmk.", "IG [AKUN]."),
        ("email budi@semarangkota.go.id", "email [EMAIL]"),
    ],
)
def test_scrub_new_patterns(text: str, expected: str) -> None:
    assert scrub_text(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Daftar 2024 2025 2026 2027",
        "nilai 88 90 75 70 65 80 90 85 77",
        "Biaya Rp1.500.000, skor 88,31, tahun 2024",
        "Datang 12-03-2025 dan 03-12-2025, jam 08.00-15.30",
        "nomor antrian 024512, A-024512, kode pos 50263",
        "nomor antrian 123456789",
        "tanggal 03/12/2025, 17-08-2025",
        "Rp 250.000,00 dan 0,5 jam",
        "Skor 0,75 dan 02,5",
    ],
)
def test_scrub_keeps_ordinary_numbers(text: str) -> None:
    assert scrub_text(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("petugas Joko lambat", "petugas [NAMA] lambat"),
        ("Bu Sari Dewi ramah", "Bu [NAMA] ramah"),
        ("dilayani Pak Hartanto dan Mbak Lusi", "dilayani Pak [NAMA] dan Mbak [NAMA]"),
        ("staf Ahmad Fauzi kurang sopan", "staf [NAMA] kurang sopan"),
        ("Petugas Joko sangat membantu", "Petugas [NAMA] sangat membantu"),
        ("Bapak Ibu Sari", "Bapak Ibu [NAMA]"),
        ("terima kasih pegawai Yanto!", "terima kasih pegawai [NAMA]!"),
        ("Sdr. Wahono datang", "Sdr. [NAMA] datang"),
        ("petugas atas nama Kustini", "petugas atas nama [NAMA]"),
    ],
)
def test_scrub_names_after_honorifics_not_in_roster(text: str, expected: str) -> None:
    assert scrub_text(text, ROSTER) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Bu Lurah sangat membantu",
        "Pak Camat hadir",
        "petugas loket lambat",
        "staf pelayanan ramah",
        "petugas ramah",
        "Petugas Ramah dan Cepat",
        "Bapak Ibu petugas",
        "Ibu Rumah Tangga",
        "Ibu Kota",
        "Pak RT dan Bu RW",
        "Pegawai Negeri Sipil",
        "Pegawai Pemerintah dengan Perjanjian Kerja",
        "Staf Pelayanan",
        "Petugas Kebersihan",
        "Kepala Seksi Pelayanan",
    ],
)
def test_scrub_keeps_role_words(text: str) -> None:
    assert scrub_text(text, ROSTER) == text
    assert {"lurah", "camat", "loket", "pelayanan"} <= ROLE_WORDS


def test_unchanged_text_keeps_its_exact_form() -> None:
    """NFKC is used for matching only: a value without personal data is returned as is."""
    for text in ("Ｋｅｌｕｒａｈａｎ", "Ｓ１", "caf\u0065\u0301", "jam ０８.００"):
        assert scrub_text(text) == text
    assert scrub_text("ＮＩＫ ３３７４０３１２０３８５０００１") == "NIK [NIK]"


def test_categorical_mode_keeps_labels_but_removes_identifiers() -> None:
    labels = ["Pranata Komputer", "Pengadministrasi Perkantoran", "Surat Pengantar KTP-el",
              "Ibu Rumah Tangga", "S1", "Wirausaha", "Staf Pelayanan", "Bendahara"]
    s = pd.Series(labels, dtype="str")
    assert scrub_series(s, ROSTER, categorical=True).tolist() == labels
    # free text mode removes the roster token "Pranata" (a staff surname here)
    assert scrub_text("Pranata Komputer", ROSTER) == "[NAMA] Komputer"
    out = scrub_series(pd.Series(["Sri Wahyuni", "Swasta 0812 3456 7890", "Bu Sari"]),
                       ROSTER, categorical=True).tolist()
    assert out == ["[NAMA]", "Swasta [TELEPON]", "Bu [NAMA]"]


def test_scrub_series_matches_scrub_text_on_new_patterns() -> None:
    texts = ["petugas Joko, wa ０８１２３４５６７８９０", "IG @pelayanan.bmk", None, "baik",
             "NIP 1985 0101 2010 0110 01", "telp (024) 7471234", "baik"]
    for dtype in ("string", "str", object):
        out = scrub_series(pd.Series(texts, dtype=dtype), ROSTER)
        for a, b in zip(texts, out.tolist(), strict=True):
            if a is not None:
                assert b == scrub_text(a, ROSTER)


@pytest.mark.parametrize(
    "name",
    ["Nama:", "nama", "Nama Lengkap", "nama_pemohon", "Pemohon", "tgl_lahir", "Tgl. Lahir",
     "tanggal_lahir", "TTL", "Tempat/Tgl Lahir", "no_ktp", "No. KTP", "No HP", "no_hp",
     "email", "E-mail", "alamat", "NIK", "nip_atasan", "whatsapp", "rekening", "Telp.",
     "ibu_kandung", "npwp", "paspor", "kk"],
)
def test_personal_column_names(name: str) -> None:
    assert is_personal_column(name)


@pytest.mark.parametrize("name", ["catatan", "kanal", "shift", "loket", "namaste", "lahiran",
                                  "sumber_data", "keterangan_tambahan"])
def test_ordinary_column_names(name: str) -> None:
    assert not is_personal_column(name)


def test_quotes_never_hold_digit_runs_or_at_signs() -> None:
    ok = ["Bimtek bermanfaat"] * 12
    leftovers = (["Bimtek bermanfaat, antrian 12 3456 78"] * 20
                 + ["Bimtek bermanfaat, follow ig pelayanan@"] * 20
                 + ["Bimtek bermanfaat no １２３４５６７"] * 20
                 + ["Bimtek bermanfaat, hubungi [AKUN]"] * 20)
    q = hb.kutipan_tema(pd.Series(ok + leftovers), k_min=10, per_tema=5)
    quoted = set(q.loc[q["tema"] == "pelatihan", "kutipan"])
    assert quoted == {"Bimtek bermanfaat"}


# --------------------------------------------------------------------------- red team, item 1
@pytest.mark.parametrize(
    "text",
    [
        "Indikator membingungkan, tanya Mr. Jonathan Wirawan hp 0812_3456_7890",
        "Beban administrasi berat, lapor ke Bu Lurah Sumarni di 0812,3456,7891",
        "Pangkat tidak naik, hubungi Petugas loket, Widyaningsih",
        "Pangkat: email sulastri(at)gmail.com",
        "Pangkat: email sulastri [at] gmail [dot] com",
        "antrian 12_34_56_7", "kode 1,2,3,4,5,6,7",
        "nomor ٠٨١٢٣٤٥٦٧",
        "Bu Lurah Sumarni baik", "tanya Mr. Jonathan", "Pak Camat, Suroto",
    ],
)
def test_quotes_refuse_leftover_personal_data(text: str) -> None:
    assert not hb.boleh_dikutip(text)


@pytest.mark.parametrize(
    "text",
    ["Bu Lurah sangat membantu", "Pak Camat hadir", "petugas loket lambat",
     "Antre 2 jam, skor 88,3", "Takut karir terhambat"],
)
def test_quotes_keep_ordinary_comments(text: str) -> None:
    assert hb.boleh_dikutip(text)


# --------------------------------------------------------------------------- red team, item 3
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hp 0812 - 3456 - 7890 ya", "hp [TELEPON] ya"),
        ("hp 0812 / 3456 / 7890", "hp [TELEPON]"),
        ("hp 0812_3456_7890", "hp [TELEPON]"),
        ("hp 0812,3456,7890", "hp [TELEPON]"),
        ("hp 0812  3456  7890", "hp [TELEPON]"),
        ("hp +62 (812) 3456 7890", "hp [TELEPON]"),
        ("hp 0062 812 3456 7890", "hp [TELEPON]"),
        ("hp \u0660\u0668\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669\u0660",
         "hp [TELEPON]"),
        ("hp \u06f0\u06f8\u06f1\u06f2\u06f3\u06f4\u06f5\u06f6\u06f7\u06f8\u06f9\u06f0",
         "hp [TELEPON]"),
        ("hp \u0966\u096e\u0967\u0968\u0969\u096a\u096b\u096c\u096d\u096e\u096f\u0966",
         "hp [TELEPON]"),
        ("NIP 19850101 - 201001 - 1 - 001", "NIP [NIP]"),
        ("NIP 19850101/201001/1/001", "NIP [NIP]"),
        ("mail budi @ gmail.com", "mail [EMAIL]"),
        ("mail x(at)gmail.com", "mail [EMAIL]"),
        ("mail x [at] gmail [dot] com", "mail [EMAIL]"),
        ("Bu SRI MULYANI ramah", "Bu [NAMA] ramah"),
        ("PAK SLAMET RIYADI datang", "PAK [NAMA] datang"),
        ("a.n. SRI MULYANI", "a.n. [NAMA]"),
        ("Nama: Sri Mulyani", "Nama: [NAMA]"),
        ("atas nama: Kustini", "atas nama: [NAMA]"),
        ("legalisir an. Kustini", "legalisir an. [NAMA]"),
        ("legalisir a/n Kustini", "legalisir a/n [NAMA]"),
        ("tanya Mr. Jonathan Wirawan", "tanya Mr. [NAMA]"),
        ("Mrs. Dewi dan Ms. Lestiani", "Mrs. [NAMA] dan Ms. [NAMA]"),
        ("Miss Rina dan officer Bambang", "Miss [NAMA] dan officer [NAMA]"),
        ("dilayani Ratna Kusumawati", "dilayani [NAMA]"),
        ("dilayani oleh Ratna Kusumawati", "dilayani oleh [NAMA]"),
        ("lapor ke Bu Lurah Sumarni di kantor", "lapor ke Bu Lurah [NAMA] di kantor"),
        ("hubungi Petugas loket, Widyaningsih", "hubungi Petugas loket, [NAMA]"),
        ("Bu Dr. Sri Mulyani", "Bu Dr. [NAMA]"),
        ("kata Wahyuni Agustina kemarin", "kata [NAMA] kemarin"),
    ],
)
def test_scrub_red_team_patterns(text: str, expected: str) -> None:
    assert scrub_text(text, ROSTER) == expected


@pytest.mark.parametrize(
    "text",
    ["Biaya Rp1.500.000, skor 88,31", "tanggal 12/03/2025 dan 08/12/2025", "Daftar 2024 2025",
     "Kelurahan Banyumanik", "Pak Camat", "Bu Lurah", "Bu Lurah sangat membantu",
     "Pak RT dan Bu RW", "PELAYANAN PAK CAMAT SANGAT BAIK", "TERIMA KASIH BU ATAS BANTUANNYA",
     "skor 62, 81, 23, 45, 67, 89", "jam 08.00-15.30", "Ibu Rumah Tangga"],
)
def test_scrub_red_team_keeps_ordinary_text(text: str) -> None:
    assert scrub_text(text, ROSTER) == text


# --------------------------------------------------------------------------- red team, item 4
@pytest.mark.parametrize("name", ["NOHP", "TGLLAHIR", "NAMALENGKAP", "NOTELP", "nowa",
                                  "TempatTglLahir", "NOKTP"])
def test_personal_column_names_without_separator(name: str) -> None:
    assert is_personal_column(name)


def test_label_columns_get_the_wider_phone_patterns() -> None:
    s = pd.Series(["Wiraswasta (hp 0812 - 9999 - 1111)", "PNS", "Staf hp 0812_9999_1111"])
    out = scrub_series(s, ROSTER, categorical=True).tolist()
    assert out == ["Wiraswasta (hp [TELEPON])", "PNS", "Staf hp [TELEPON]"]
