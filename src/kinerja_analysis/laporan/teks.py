"""Report wording: log lines, notebook titles, page header and footer (id / en)."""

from __future__ import annotations

from collections.abc import Mapping

from .. import __version__, i18n

LOG: dict[str, dict[str, str]] = {
    "prepare": {"id": "Menyiapkan data dari {data}", "en": "Preparing data from {data}"},
    "notebooks": {"id": "Menjalankan {n} notebook", "en": "Running {n} notebooks"},
    "html": {"id": "Mengekspor HTML", "en": "Exporting HTML"},
    "index": {
        "id": "Menulis index.html, results.json, manifest.json",
        "en": "Writing index.html, results.json, manifest.json",
    },
    "done": {"id": "Selesai dalam {detik} detik: {path}", "en": "Done in {detik} s: {path}"},
    "berkas_pengguna": {
        "id": "Berkas yang bukan buatan kinerja dipindahkan ke laporan baru: {nama}",
        "en": "Files not written by kinerja carried over into the new report: {nama}",
    },
    "kunci_berubah": {
        "id": "Peringatan: kunci pseudonim berbeda dari laporan sebelumnya di {path} "
              "(sidik {lama} -> {baru}); pseudonim tidak dapat dibandingkan antarlaporan.",
        "en": "Warning: the pseudonym key differs from the previous report in {path} "
              "(fingerprint {lama} -> {baru}); pseudonyms cannot be compared across reports.",
    },
    "skip": {
        "id": "Input tidak berubah sejak laporan {periode} terakhir; dilewati.",
        "en": "Inputs unchanged since the last {periode} report; skipped.",
    },
}

JUDUL: dict[str, dict[str, str]] = {
    "00_gambaran_data": {"id": "Gambaran Data", "en": "Data Overview"},
    "01_dampak_evaluasi": {"id": "Dampak Evaluasi Kinerja", "en": "Evaluation Impacts"},
    "02_korelasi_survei_skor": {
        "id": "Kepuasan Masyarakat dan Skor Kinerja",
        "en": "Citizen Satisfaction and Performance Scores",
    },
    "03_hambatan_adopsi": {"id": "Hambatan Adopsi", "en": "Adoption Barriers"},
    "04_ringkasan_eksekutif": {"id": "Ringkasan Eksekutif", "en": "Executive Summary"},
}

_PAGE: dict[str, dict[str, str]] = {
    "suite": {"id": "Analisis Kinerja ASN", "en": "ASN Performance Analysis"},
    "meta": {
        "id": "Periode sampai {periode} · data sampai {tanggal}",
        "en": "Period up to {periode} · data up to {tanggal}",
    },
    "footer": {
        "id": "kinerja-analysis versi {versi}. Angka pada halaman ini sama dengan results.json.",
        "en": "kinerja-analysis version {versi}. The numbers on this page are those in "
        "results.json.",
    },
    "reproduce": {"id": "Cara membuat ulang", "en": "How to reproduce"},
    "toc": {"id": "Daftar isi", "en": "Contents"},
    "index_title": {"id": "Laporan Analisis Kinerja ASN", "en": "ASN Performance Analysis Reports"},
    "index_intro": {
        "id": "Setiap periode memiliki satu set laporan. Angka di bawah ini diambil "
        "dari results.json masing-masing periode.",
        "en": "Each period has one set of reports. The figures below come from each "
        "period's results.json.",
    },
    "periode": {"id": "Periode", "en": "Period"},
    "laporan": {"id": "Laporan", "en": "Reports"},
    "tren": {"id": "Tren angka utama", "en": "Trend of headline figures"},
    "ikm_total": {"id": "IKM seluruh unit", "en": "IKM, all units"},
    "n_responden": {"id": "Responden", "en": "Respondents"},
    "att_ikm": {"id": "Dampak kebijakan pada IKM (poin)", "en": "Policy effect on IKM (points)"},
    "r_antar": {"id": "Korelasi IKM–skor antarunit", "en": "IKM–score correlation across units"},
    "dibuat": {"id": "Dibuat", "en": "Generated"},
    "hashes": {
        "id": "Sidik jari (SHA-256) berkas input",
        "en": "Input file fingerprints (SHA-256)",
    },
    "k_turun": {
        "id": "Ambang kerahasiaan diturunkan: {rincian}. Angka kelompok sekecil ini dapat "
              "mengungkap identitas orang; jangan sebarkan halaman ini lebih luas dari perlu.",
        "en": "Confidentiality threshold lowered: {rincian}. Figures for groups this small can "
              "identify people; do not share this page more widely than needed.",
    },
    "k_min_pegawai": {
        "id": "kelompok pegawai ditampilkan mulai n = {n} (baku {baku})",
        "en": "staff groups are shown from n = {n} (default {baku})",
    },
    "k_min_responden": {
        "id": "kelompok responden survei kepuasan ditampilkan mulai n = {n} (baku {baku})",
        "en": "satisfaction-survey respondent groups are shown from n = {n} (default {baku})",
    },
}


def kalimat_ambang(ambang: Mapping[str, int] | None, lang: str) -> str:
    """The sentence every page shows when a minimum group size is below its default
    (``""`` when none is).

    Examples
    --------
    >>> kalimat_ambang({"k_min_pegawai": 3, "k_min_responden": 5}, "id")[:70]
    'Ambang kerahasiaan diturunkan: kelompok pegawai ditampilkan mulai n = '
    >>> kalimat_ambang({"k_min_pegawai": 10}, "en")
    ''
    """
    from .parameter import K_BAKU

    parts = [page_text(nama, lang, n=int(ambang[nama]), baku=baku)
             for nama, baku in K_BAKU.items()
             if ambang and ambang.get(nama) is not None and int(ambang[nama]) < baku]
    if not parts:
        return ""
    joiner = "; " if len(parts) > 1 else ""
    return page_text("k_turun", lang, rincian=joiner.join(parts))


def judul_notebook(stem: str, lang: str) -> str:
    """Title of a report page from its notebook name (falls back to the name itself)."""
    if stem in JUDUL:
        return i18n.translate(JUDUL, stem, lang)
    return stem.split("_", 1)[-1].replace("_", " ").title()


def page_text(key: str, lang: str, **params: object) -> str:
    """A page-furniture string (header, footer) in the report language."""
    return i18n.translate(_PAGE, key, lang, **params)


def header_footer(
    lang: str, periode: str, tanggal_data: str | None, hashes: Mapping[str, str], reproduce: str,
    *, ambang: Mapping[str, int] | None = None,
) -> dict:
    """The ``kinerja`` resources the HTML template reads; ``ambang`` (the run's
    ``k_min_*``) gives ``peringatan``, the lowered-threshold sentence (or ``""``)."""
    tanggal = i18n.fmt_date(tanggal_data, lang) if tanggal_data else "–"
    return {
        "peringatan": kalimat_ambang(ambang, lang),
        "meta_line": page_text("suite", lang)
        + " · "
        + page_text("meta", lang, periode=i18n.fmt_periode(periode, lang), tanggal=tanggal),
        "footer_line": page_text("footer", lang, versi=__version__),
        "reproduce_label": page_text("reproduce", lang),
        "reproduce": reproduce,
        "hash_label": page_text("hashes", lang),
        "hashes": dict(hashes),
    }
