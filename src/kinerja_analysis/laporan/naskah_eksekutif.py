"""Text of the executive summary notebook (04), id and en."""

from __future__ import annotations

EKSEKUTIF: dict[str, dict[str, str]] = {
    "pengantar": {
        "id": "Ringkasan ini untuk Camat, staf Wali Kota dan BKPP. Setiap temuan memuat angka, "
              "interval kepercayaan 95 % (IK 95 %) dan kekuatan buktinya; temuan yang intervalnya "
              "mencakup nol disebut apa adanya: belum ada bukti perubahan. Rincian ada di halaman "
              "analisis masing-masing.",
        "en": "This summary is for the Camat, the Mayor's staff and the BKPP. Each finding gives "
              "the number, its 95% confidence interval (95% CI) and the strength of evidence; "
              "findings whose interval includes zero are stated as they are: no evidence of a "
              "change yet. Details are on each analysis page.",
    },
    "h_temuan": {"id": "## Temuan utama", "en": "## Headline findings"},
    "kekuatan": {"id": "Kekuatan bukti", "en": "Strength of evidence"},
    "penjelasan_kekuatan": {
        "id": "Bukti kuat: IK 95 % tidak mencakup nol dan pemeriksaan desain lolos. Bukti "
              "sedang: IK 95 % tidak mencakup nol tetapi ada keraguan (tren sebelum kebijakan, "
              "unit terlalu sedikit, atau hanya satu unit pembanding yang tidak pernah "
              "menerapkan kebijakan, sehingga interval cenderung terlalu sempit). Bukti lemah: "
              "IK 95 % mencakup nol.",
        "en": "Strong evidence: the 95% CI excludes zero and the design checks pass. Moderate: "
              "the 95% CI excludes zero but there is a doubt (pre-policy trends, too few "
              "units, or a single never-adopting comparison unit, which makes intervals too "
              "narrow). Weak: the 95% CI includes zero.",
    },
    "tanpa_hasil_topik": {
        "id": "{topik}: belum ada hasil dari halaman {halaman}; alasannya dijelaskan di "
              "halaman tersebut.",
        "en": "{topik}: page {halaman} produced no results; the reason is given there.",
    },
    "halaman": {"id": "{nomor} ({judul})", "en": "{nomor} ({judul})"},
    "topik_ikm_terkini": {"id": "IKM terkini", "en": "Latest IKM"},
    "topik_dampak": {
        "id": "Dampak evaluasi kinerja pada IKM, skor kinerja dan kehadiran",
        "en": "Effect of performance evaluation on IKM, performance scores and attendance",
    },
    "topik_pembinaan": {
        "id": "Dampak pembinaan bagi pegawai di bawah batas skor",
        "en": "Effect of coaching for staff below the score cut-off",
    },
    "topik_korelasi": {
        "id": "Kaitan penilaian warga dan atasan",
        "en": "Link between citizens' and supervisors' ratings",
    },
    "topik_hambatan": {
        "id": "Hambatan adopsi (pelatihan indikator, kekhawatiran pegawai)",
        "en": "Adoption barriers (indicator training, staff concerns)",
    },
    "topik_rtl": {"id": "Rencana tindak lanjut layanan", "en": "Service follow-up plan"},
    "topik_rekomendasi": {
        "id": "Rekomendasi untuk hambatan adopsi",
        "en": "Recommendations on adoption barriers",
    },
    "h_lampu": {"id": "## Lampu lalu lintas per unit", "en": "## Traffic light by unit"},
    "lampu_teks": {
        "id": "Hijau: baik; kuning: perlu dipantau; merah: perlu tindakan. Simbol (●, ▲, ■) "
              "mengulang warna agar terbaca tanpa warna.",
        "en": "Green: good; amber: watch; red: act. The symbols (●, ▲, ■) repeat the colours "
              "so the table reads without colour.",
    },
    "ukuran_lampu": {"id": "jumlah lampu merah, lalu kuning",
                     "en": "number of red lights, then amber"},
    "col_unit": {"id": "Unit kerja", "en": "Work unit"},
    "col_ikm": {"id": "IKM {periode}", "en": "IKM {periode}"},
    "h_langkah": {"id": "## Langkah berikutnya", "en": "## Next steps"},
    "langkah_rtl": {
        "id": "Perbaiki unsur layanan terendah, **{unsur}** (NRR {nrr}): {kegiatan}",
        "en": "Improve the lowest service element, **{unsur}** (NRR {nrr}): {kegiatan}",
    },
    "langkah_rek": {"id": "{tindakan} Sasaran: {sasaran}.", "en": "{tindakan} Target: {sasaran}."},
    "langkah_tidak_ada": {
        "id": "Hasil analisis saat ini tidak menunjukkan langkah perbaikan khusus.",
        "en": "The current results point to no specific improvement step.",
    },
    "langkah_nol": {
        "id": "Untuk dampak yang belum terbukti, lanjutkan pengumpulan data: dengan {n} unit, "
              "efek yang lebih kecil dari sekitar {mde} poin IKM belum dapat dibedakan dari nol.",
        "en": "Where an effect is not yet shown, keep collecting data: with {n} units, effects "
              "smaller than about {mde} IKM points cannot yet be told apart from zero.",
    },
    "h_halaman": {"id": "## Halaman rinci", "en": "## Detailed pages"},
}
