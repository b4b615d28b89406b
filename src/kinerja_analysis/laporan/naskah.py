"""Report narrative: headings, sentences and axis labels of the notebooks, in id and en.

Sentences are templates filled with numbers already formatted by :mod:`kinerja_analysis.i18n`,
so a report is never half-translated: a missing translation is a test failure.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from typing import Any

from .. import i18n

GAMBARAN: dict[str, dict[str, str]] = {
    "h_ringkasan": {"id": "## Ringkasan", "en": "## Summary"},
    "ringkasan": {
        "id": "Data mencakup **{n_unit} unit kerja**, **{n_pegawai} pegawai** dan "
        "**{n_responden} responden survei kepuasan** dari {awal} sampai {akhir}. "
        "IKM seluruh unit pada {akhir} adalah **{ikm}** (IK 95 %: {low} sampai {high}), "
        "mutu **{mutu} ({kinerja})**, dari {n_akhir} responden.",
        "en": "The data cover **{n_unit} work units**, **{n_pegawai} staff** and "
        "**{n_responden} satisfaction-survey respondents** from {awal} to {akhir}. "
        "The IKM of all units in {akhir} is **{ikm}** (95% CI: {low} to {high}), "
        "grade **{mutu} ({kinerja})**, from {n_akhir} respondents.",
    },
    "h_baris": {
        "id": "## Data yang dibaca, diterima dan ditolak",
        "en": "## Rows read, accepted and rejected",
    },
    "baris_teks": {
        "id": "Setiap baris input dipakai atau ditolak dengan alasan; tidak ada yang hilang "
        "(dibaca = diterima + ditolak). Total ditolak: **{rejected}** dari {read} baris.",
        "en": "Every input row is used or rejected with a reason; nothing is lost "
        "(read = accepted + rejected). Rejected in total: **{rejected}** of {read} rows.",
    },
    "col_input": {"id": "Input", "en": "Input"},
    "col_file": {"id": "Berkas", "en": "File"},
    "col_read": {"id": "Dibaca", "en": "Read"},
    "col_accepted": {"id": "Diterima", "en": "Accepted"},
    "col_rejected": {"id": "Ditolak", "en": "Rejected"},
    "h_cakupan": {
        "id": "## Cakupan survei per unit dan triwulan",
        "en": "## Survey coverage by unit and quarter",
    },
    "cakupan_judul": {
        "id": "Jumlah responden SKM per unit dan triwulan",
        "en": "SKM respondents per unit and quarter",
    },
    "cakupan_alt": {
        "id": "Peta panas jumlah responden per unit dan triwulan; paling sedikit {min} dan "
        "paling banyak {max} responden per sel.",
        "en": "Heat map of respondents per unit and quarter; between {min} and {max} "
        "respondents per cell.",
    },
    "cakupan_kecil": {
        "id": "{n} sel unit-triwulan memiliki kurang dari {k} responden; IKM-nya tidak "
        "ditampilkan.",
        "en": "{n} unit-quarter cells have fewer than {k} respondents; their IKM is not shown.",
    },
    "h_ikm": {"id": "## IKM dan mutu pelayanan per unit", "en": "## IKM and service grade by unit"},
    "ikm_teks": {
        "id": "IKM dihitung menurut PermenPANRB 14/2017: rata-rata nilai per unsur (NRR), bobot "
        "1/9, dikali 25. Mutu: A (88,31–100) Sangat Baik, B (76,61–88,30) Baik, "
        "C (65,00–76,60) Kurang Baik, D (25,00–64,99) Tidak Baik; nilai dibulatkan ke dua "
        "desimal sebelum diklasifikasikan. Interval kepercayaan 95 % (IK 95 %) dari metode "
        "delta atas responden.",
        "en": "IKM follows PermenPANRB 14/2017: mean score per element (NRR), weight 1/9, "
        "times 25. Grade: A (88.31–100) Very good, B (76.61–88.30) Good, C (65.00–76.60) "
        "Fair, D (25.00–64.99) Poor; values are rounded to two decimals before grading. "
        "95% confidence intervals (95% CI) by the delta method over respondents.",
    },
    "mutu_A": {"id": "Sangat Baik", "en": "Very good"},
    "mutu_B": {"id": "Baik", "en": "Good"},
    "mutu_C": {"id": "Kurang Baik", "en": "Fair"},
    "mutu_D": {"id": "Tidak Baik", "en": "Poor"},
    "col_unit": {"id": "Unit kerja", "en": "Work unit"},
    "col_n": {"id": "Responden", "en": "Respondents"},
    "col_ikm": {"id": "IKM", "en": "IKM"},
    "col_ci": {"id": "IK 95 %", "en": "95% CI"},
    "col_mutu": {"id": "Mutu", "en": "Grade"},
    "col_kinerja": {"id": "Kinerja unit", "en": "Unit performance"},
    "col_terendah": {"id": "Unsur terendah", "en": "Lowest element"},
    "col_perubahan": {"id": "Perubahan dari triwulan lalu", "en": "Change from last quarter"},
    "tabel_ikm": {"id": "IKM per unit, {periode}", "en": "IKM by unit, {periode}"},
    "tren_judul_naik": {
        "id": "IKM seluruh unit naik dari {a} ke {b}",
        "en": "IKM of all units rose from {a} to {b}",
    },
    "tren_judul_turun": {
        "id": "IKM seluruh unit turun dari {a} ke {b}",
        "en": "IKM of all units fell from {a} to {b}",
    },
    "tren_alt": {
        "id": "Grafik garis IKM seluruh unit per triwulan dengan pita IK 95 %, dari {a} pada "
        "{pa} ke {b} pada {pb}.",
        "en": "Line chart of the IKM of all units per quarter with a 95% CI band, from {a} in "
        "{pa} to {b} in {pb}.",
    },
    "sumbu_triwulan": {"id": "Triwulan", "en": "Quarter"},
    "sumbu_ikm": {"id": "IKM (skala 25–100)", "en": "IKM (25–100 scale)"},
    "peta_judul": {"id": "IKM per unit dan triwulan", "en": "IKM by unit and quarter"},
    "peta_alt": {
        "id": "Peta panas IKM per unit dan triwulan; sel kosong disembunyikan karena responden "
        "kurang dari {k}.",
        "en": "Heat map of IKM by unit and quarter; empty cells are hidden because they have "
        "fewer than {k} respondents.",
    },
    "h_unsur": {
        "id": "## Nilai rata-rata per unsur (NRR)",
        "en": "## Mean score per element (NRR)",
    },
    "unsur_teks": {
        "id": "Pada {periode}, unsur dengan nilai terendah adalah **{nama}** (NRR {nrr}); "
        "unsur ini menjadi prioritas perbaikan.",
        "en": "In {periode}, the lowest-scoring element is **{nama}** (NRR {nrr}); it is the "
        "priority for improvement.",
    },
    "unsur_judul": {"id": "Unsur terendah: {nama}", "en": "Lowest element: {nama}"},
    "unsur_alt": {
        "id": "Diagram batang NRR sembilan unsur pada {periode}; terendah {nama} ({nrr}).",
        "en": "Bar chart of the NRR of the nine elements in {periode}; lowest {nama} ({nrr}).",
    },
    "sumbu_nrr": {"id": "NRR (skala 1–4)", "en": "NRR (1–4 scale)"},
    "h_profil": {"id": "## Karakteristik responden", "en": "## Respondent profile"},
    "profil_teks": {
        "id": "Profil {n} responden survei kepuasan pada {periode}. Kategori dengan kurang dari "
              "{k} responden disembunyikan.",
        "en": "Profile of the {n} satisfaction-survey respondents in {periode}. Categories with "
              "fewer than {k} respondents are hidden.",
    },
    "col_karakteristik": {"id": "Karakteristik", "en": "Characteristic"},
    "col_kategori": {"id": "Kategori", "en": "Category"},
    "kar_jenis_kelamin": {"id": "Jenis kelamin", "en": "Sex"},
    "kar_kelompok_usia": {"id": "Kelompok usia", "en": "Age group"},
    "kar_pendidikan": {"id": "Pendidikan", "en": "Education"},
    "kar_pekerjaan": {"id": "Pekerjaan", "en": "Occupation"},
    "kar_jenis_layanan": {"id": "Jenis layanan", "en": "Service"},
    "h_rtl": {"id": "## Rencana tindak lanjut", "en": "## Follow-up plan"},
    "rtl_teks": {
        "id": "Tiga unsur dengan NRR terendah pada {periode} menjadi prioritas perbaikan, sesuai "
              "praktik Laporan Hasil SKM. Usulan kegiatan di bawah ini adalah titik awal untuk "
              "dibahas unit layanan; penanggung jawab dan waktu dapat disesuaikan.",
        "en": "The three elements with the lowest NRR in {periode} are the improvement "
              "priorities, as in the usual SKM report. The proposed actions below are a starting "
              "point for the service units to discuss; owners and timing can be adjusted.",
    },
    "col_prioritas": {"id": "Prioritas", "en": "Priority"},
    "col_kegiatan": {"id": "Usulan kegiatan", "en": "Proposed action"},
    "col_waktu": {"id": "Waktu", "en": "When"},
    "col_pj": {"id": "Penanggung jawab", "en": "Responsible"},
    "pj_rtl": {"id": "Camat / Lurah dan petugas layanan", "en": "Camat / Lurah and service staff"},
    "rtl_u1": {"id": "Umumkan persyaratan layanan di loket dan daring; sediakan daftar periksa.",
               "en": "Publish service requirements at the counter and online; provide a "
                     "checklist."},
    "rtl_u2": {"id": "Sederhanakan alur layanan dan pasang bagan alur yang mudah dibaca.",
               "en": "Simplify the service flow and display an easy-to-read flow chart."},
    "rtl_u3": {"id": "Tetapkan dan umumkan standar waktu penyelesaian; pantau antrean harian.",
               "en": "Set and publish completion-time standards; monitor the daily queue."},
    "rtl_u4": {"id": "Tegaskan layanan tanpa biaya/tarif resmi di loket; sediakan kanal aduan "
                     "pungli.",
               "en": "State free services / official fees at the counter; open a channel for "
                     "reporting illegal charges."},
    "rtl_u5": {"id": "Periksa kesesuaian produk layanan dengan standar pelayanan.",
               "en": "Check that service outputs match the service standard."},
    "rtl_u6": {"id": "Pelatihan teknis petugas layanan tentang prosedur dan aplikasi.",
               "en": "Technical training for service staff on procedures and applications."},
    "rtl_u7": {"id": "Pembinaan sikap dan keramahan petugas (budaya BerAKHLAK).",
               "en": "Coaching on staff courtesy and attitude (BerAKHLAK values)."},
    "rtl_u8": {"id": "Tanggapi setiap pengaduan dengan batas waktu dan umumkan tindak lanjutnya.",
               "en": "Answer every complaint within a deadline and publish the follow-up."},
    "rtl_u9": {"id": "Perbaiki sarana ruang tunggu, antrean dan aksesibilitas.",
               "en": "Improve waiting-room facilities, queueing and accessibility."},
    "h_predikat": {
        "id": "## Predikat kinerja pegawai (SKP)",
        "en": "## Staff performance ratings (SKP)",
    },
    "predikat_teks": {
        "id": "Sebaran predikat kinerja (PermenPANRB 6/2022) pada {periode} untuk {n} pegawai. "
        "Kelompok dengan kurang dari {k} pegawai disembunyikan, demikian juga sel lain "
        "yang memungkinkan angka tersembunyi dihitung ulang dari total.",
        "en": "Distribution of performance ratings (PermenPANRB 6/2022) in {periode} for {n} "
        "staff. Groups with fewer than {k} staff are hidden, as are other cells that "
        "would let a hidden figure be recomputed from the totals.",
    },
    "col_predikat": {"id": "Predikat", "en": "Rating"},
    "col_jumlah": {"id": "Jumlah pegawai", "en": "Staff"},
    "col_proporsi": {"id": "Proporsi", "en": "Share"},
    "tabel_predikat_unit": {
        "id": "Jumlah pegawai per unit dan predikat, {periode}",
        "en": "Staff by unit and rating, {periode}",
    },
    "ukuran_cakupan": {
        "id": "jumlah responden (triwulan tersedikit)",
        "en": "respondent count (weakest quarter)",
    },
    "ukuran_ikm": {"id": "IKM {periode}", "en": "IKM in {periode}"},
    "ukuran_predikat": {
        "id": "porsi pegawai berpredikat Kurang/Misconduct atau Sangat Kurang",
        "en": "share of staff rated Kurang/Misconduct or Sangat Kurang",
    },
    "predikat_total_semua": {
        "id": "Baris \"{lainnya}\" menjumlahkan unit yang tidak ditampilkan dan baris Total "
        "mencakup semua unit; urutan hanya memakai sel yang cukup besar untuk diterbitkan.",
        "en": "The \"{lainnya}\" row adds up the units not shown and the Total row covers "
        "every unit; the ranking uses only cells large enough to be published.",
    },
    "unit_lainnya": {"id": "Unit lainnya ({n} unit)", "en": "Other units ({n})"},
    "catatan_kurva": {
        "id": "Catatan: pola distribusi SE MenPANRB 3/2023 membatasi sebaran predikat sesuai "
        "predikat organisasi; di unit kecil, predikat rendah dapat mencerminkan kuota, "
        "bukan kinerja individu.",
        "en": "Note: the SE MenPANRB 3/2023 distribution pattern limits ratings according to "
        "the organisation's rating; in small units a low rating can reflect a quota rather "
        "than individual performance.",
    },
    # The summary when some inputs are absent: the same sentences as "ringkasan", in parts.
    "ringkasan_data": {
        "id": "Data mencakup {daftar} dari {awal} sampai {akhir}.",
        "en": "The data cover {daftar} from {awal} to {akhir}.",
    },
    "ringkasan_data_satu": {
        "id": "Data mencakup {daftar} pada {akhir}.",
        "en": "The data cover {daftar} in {akhir}.",
    },
    "ringkasan_periode": {
        "id": "Data mencakup {awal} sampai {akhir}.",
        "en": "The data cover {awal} to {akhir}.",
    },
    "ringkasan_periode_satu": {
        "id": "Data mencakup {akhir}.",
        "en": "The data cover {akhir}.",
    },
    "ringkasan_ikm": {
        "id": "IKM seluruh unit pada {akhir} adalah **{ikm}** (IK 95 %: {low} sampai {high}), "
        "mutu **{mutu} ({kinerja})**, dari {n_akhir} responden.",
        "en": "The IKM of all units in {akhir} is **{ikm}** (95% CI: {low} to {high}), "
        "grade **{mutu} ({kinerja})**, from {n_akhir} respondents.",
    },
    "bag_unit": {"id": "**{n} unit kerja**", "en": "**{n} work units**"},
    "bag_pegawai": {"id": "**{n} pegawai**", "en": "**{n} staff**"},
    "bag_responden": {
        "id": "**{n} responden survei kepuasan**",
        "en": "**{n} satisfaction-survey respondents**",
    },
    "ikm_unit_tanpa_unsur": {
        "id": "{n} unit memiliki cukup responden, tetapi IKM-nya tidak dapat dihitung karena "
        "ada unsur yang tidak dijawab oleh satu pun respondennya.",
        "en": "{n} unit(s) have enough respondents, but their IKM cannot be computed because "
        "none of their respondents answered some element.",
    },
    "perubahan_tanpa_sebelum": {
        "id": "Triwulan sebelumnya ({prev}) tidak memiliki IKM yang dapat ditampilkan, "
        "sehingga kolom perubahan kosong.",
        "en": "The previous quarter ({prev}) has no IKM that can be shown, so the change "
        "column is empty.",
    },
    "tren_judul_tetap": {
        "id": "IKM seluruh unit dari {a} ke {b}: perubahan belum jelas",
        "en": "IKM of all units from {a} to {b}: no clear change",
    },
    "unsur_tanpa_jawaban": {
        "id": "Unsur {daftar} tidak dijawab oleh satu pun responden pada {periode}, sehingga "
        "tidak memiliki NRR.",
        "en": "No respondent answered {daftar} in {periode}, so it has no NRR.",
    },
}

# Sentence under a per-unit chart or table cut to the units that matter
# (tampilan.pilih_unit / tampilan.kalimat_pilihan); {ukuran} is the measure ranked by.
PILIH_UNIT: dict[str, dict[str, str]] = {
    "pilih_ujung": {
        "id": "{total} unit seluruhnya; ditampilkan {a} terendah dan {b} tertinggi menurut "
        "{ukuran}.",
        "en": "{total} units in all; shown are the {a} lowest and {b} highest by {ukuran}.",
    },
    "pilih_terendah": {
        "id": "{total} unit seluruhnya; ditampilkan {a} unit dengan {ukuran} terendah.",
        "en": "{total} units in all; shown are the {a} units with the lowest {ukuran}.",
    },
    "pilih_tertinggi": {
        "id": "{total} unit seluruhnya; ditampilkan {b} unit dengan {ukuran} tertinggi.",
        "en": "{total} units in all; shown are the {b} units with the highest {ukuran}.",
    },
    "pilih_tanpa_nilai": {
        "id": "Ditambah {c} unit yang nilainya kosong atau disembunyikan.",
        "en": "Also shown: {c} units whose value is blank or suppressed.",
    },
    "pilih_results": {
        "id": "Semua unit ada di results.json.",
        "en": "Every unit is in results.json.",
    },
}


class Kalimat(str):
    """Text from a catalog with its data values already escaped (:func:`teks_aman`): it is
    Markdown the toolkit wrote, so a sentence built from it keeps its **bold** and is not
    escaped again. Any other text put into a sentence is data and is escaped."""

    __slots__ = ()


# Markdown that data could form: emphasis, code, links/images, strikethrough, tables, math,
# headings; entities rather than backslashes, so html.unescape (:func:`polos`) undoes them.
_MD_ENTITAS = {"\\": "&#92;", "`": "&#96;", "*": "&#42;", "[": "&#91;", "]": "&#93;",
               "~": "&#126;", "|": "&#124;", "$": "&#36;", "#": "&#35;"}
_MD_KHUSUS = re.compile(r"[\\`*\[\]~|$#]")
# '_' opens or closes emphasis unless it sits between two letters/digits (skor_kinerja).
_GARIS_BAWAH = re.compile(r"(?<![^\W_])_|_(?![^\W_])")
_BARIS = re.compile(r"[\r\n\u2028\u2029\x0b\x0c\x85]+")


def teks_aman(nilai: str) -> str:
    """A data value (unit name, file name, free text) as Markdown that shows exactly that
    text: HTML special characters and Markdown markup are written as entities, line breaks
    as spaces, and ``://`` so that no bare address becomes a link.

    Examples
    --------
    >>> teks_aman("[klik](javascript:alert(1))")
    '&#91;klik&#93;(javascript:alert(1))'
    >>> teks_aman("**tebal** <b>x</b> _miring_ skor_kinerja")
    '&#42;&#42;tebal&#42;&#42; &lt;b&gt;x&lt;/b&gt; &#95;miring&#95; skor_kinerja'
    >>> polos(teks_aman("a*b [c](http://d) &amp; e_ `x`")) == "a*b [c](http://d) &amp; e_ `x`"
    True
    """
    text = html.escape(_BARIS.sub(" ", str(nilai)), quote=False)
    text = _MD_KHUSUS.sub(lambda m: _MD_ENTITAS[m.group(0)], text)
    text = _GARIS_BAWAH.sub("&#95;", text)
    return text.replace("://", "&#58;//")


def polos(teks: str) -> str:
    """The plain text of a sentence (for a chart label, a caption or alt text, which are
    not Markdown): undoes :func:`teks_aman`.

    Examples
    --------
    >>> polos(Kalimat("Unit &#91;klik&#93; &lt;b&gt;"))
    'Unit [klik] <b>'
    """
    return html.unescape(str(teks))


def aman(params: dict[str, Any]) -> dict[str, Any]:
    """Escape the text values put into a sentence (:func:`teks_aman`); numbers and
    :class:`Kalimat` (catalog text, already escaped) pass unchanged.

    Examples
    --------
    >>> aman({"unit": "<b>X</b>", "n": 3, "nama": Kalimat("**IKM**")})
    {'unit': '&lt;b&gt;X&lt;/b&gt;', 'n': 3, 'nama': '**IKM**'}
    """
    return {k: teks_aman(v) if isinstance(v, str) and not isinstance(v, Kalimat) else v
            for k, v in params.items()}


def gabung(sep: str, items: Iterable[Any]) -> Kalimat:
    """Join sentence parts into one :class:`Kalimat`: catalog parts (:class:`Kalimat`) keep
    their Markdown, any other text is data and is escaped (:func:`teks_aman`).

    A plain ``str.join`` would turn sentences into ``str``, and a sentence put into another
    sentence as plain ``str`` is escaped again (``**bold**`` shown as asterisks).

    Examples
    --------
    >>> gabung(", ", [Kalimat("**3 unit**"), "a*b"])
    '**3 unit**, a&#42;b'
    >>> isinstance(gabung("; ", []), Kalimat)
    True
    """
    return Kalimat(sep.join(x if isinstance(x, Kalimat) else teks_aman(str(x))
                            for x in items))


def isi(catalog: dict[str, dict[str, str]], key: str, lang: str, **params: Any) -> Kalimat:
    """``i18n.translate`` with the data values escaped (:func:`aman`), as a :class:`Kalimat`."""
    return Kalimat(i18n.translate(catalog, key, lang, **aman(params)))


class Naskah:
    """Callable text lookup for one notebook in one language.

    Examples
    --------
    >>> T = Naskah(GAMBARAN, "en")
    >>> T("col_ikm")
    'IKM'
    >>> T("unsur_judul", nama="<script>x</script>")
    'Lowest element: &lt;script&gt;x&lt;/script&gt;'
    """

    def __init__(self, catalog: dict[str, dict[str, str]], lang: str):
        self.catalog = catalog
        self.lang = i18n.check_lang(lang)

    def __call__(self, key: str, **params: Any) -> Kalimat:
        # Values come from data (unit names, free text): escape them so a name such as
        # "<img onerror=...>" or "[x](javascript:...)" is shown as text, never rendered as
        # HTML or a link by the Markdown step.
        return isi(self.catalog, key, self.lang, **params)
