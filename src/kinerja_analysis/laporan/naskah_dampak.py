"""Text catalog of notebook 01 (evaluation impacts), in Indonesian and English.

Use with :class:`kinerja_analysis.laporan.naskah.Naskah`::

    >>> from kinerja_analysis.laporan.naskah import Naskah
    >>> Naskah(DAMPAK, "en")("h_rd")
    '## Coaching at the score cut-off'
"""

from __future__ import annotations

DAMPAK: dict[str, dict[str, str]] = {
    # ---------------------------------------------------------------- summary
    "h_jawaban": {"id": "## Jawaban singkat", "en": "## Short answer"},
    # The short answer is built from these sentences, joined by spaces (bagian.dampak).
    "jawaban_bertahap": {
        "id": "Kebijakan penilaian kinerja diadopsi bertahap oleh {n_diobati} dari {n_unit} unit "
              "dalam {n_gelombang} gelombang.",
        "en": "The performance-evaluation policy was adopted in stages by {n_diobati} of "
              "{n_unit} units in {n_gelombang} waves.",
    },
    "jawaban_serentak": {
        "id": "Kebijakan penilaian kinerja diadopsi oleh {n_diobati} dari {n_unit} unit pada "
              "{periode}.",
        "en": "The performance-evaluation policy was adopted by {n_diobati} of {n_unit} units "
              "in {periode}.",
    },
    "jawaban_efek": {
        "id": "Dibandingkan dengan unit yang belum atau tidak mengadopsi, rata-rata dampaknya "
              "setelah adopsi adalah: {daftar}.",
        "en": "Compared with units that had not (yet) adopted it, the average effect after "
              "adoption is: {daftar}.",
    },
    "efek_ikm": {"id": "IKM **{est}**", "en": "IKM **{est}**"},
    "efek_skor_kinerja": {"id": "skor kinerja pegawai **{est}** poin",
                          "en": "staff performance score **{est}** points"},
    "efek_kehadiran": {"id": "kehadiran **{est}** poin", "en": "attendance **{est}** points"},
    # before the last item of a list of three or more effects
    "sambung_akhir": {"id": ", dan ", "en": " and "},
    "jawaban_rd": {
        "id": "Pembinaan bagi pegawai di bawah batas skor {batas} {rd_kalimat}",
        "en": "Coaching for staff below the score cut-off of {batas} {rd_kalimat}",
    },
    "kesimpulan_naik": {
        "id": "Untuk {daftar}, interval kepercayaan 95 % seluruhnya di atas nol: ada bukti "
              "kenaikan.",
        "en": "For {daftar}, the whole 95% confidence interval is above zero: there is "
              "evidence of an increase.",
    },
    "kesimpulan_tidak_jelas": {
        "id": "Untuk {daftar}, interval kepercayaan 95 % mencakup nol: data belum cukup untuk "
              "memastikan arah dampaknya.",
        "en": "For {daftar}, the 95% confidence interval includes zero: the data are not yet "
              "enough to tell the direction of the effect.",
    },
    "kesimpulan_turun": {
        "id": "Untuk {daftar}, interval kepercayaan 95 % seluruhnya di bawah nol: ada bukti "
              "penurunan.",
        "en": "For {daftar}, the whole 95% confidence interval is below zero: there is "
              "evidence of a decrease.",
    },
    "rd_naik": {"id": "menaikkan skor triwulan berikutnya sekitar **{est}** poin.",
                "en": "raises the next quarter's score by about **{est}** points."},
    "rd_turun": {"id": "menurunkan skor triwulan berikutnya sekitar **{est}** poin.",
                 "en": "lowers the next quarter's score by about **{est}** points."},
    "rd_tidak_jelas": {
        "id": "belum terbukti mengubah skor triwulan berikutnya (**{est}** poin; interval "
              "mencakup nol).",
        "en": "has not been shown to change the next quarter's score (**{est}** points; the "
              "interval includes zero).",
    },
    "rd_tidak_ada": {"id": "tidak dapat dinilai (data di sekitar batas terlalu sedikit).",
                     "en": "cannot be assessed (too few scores near the cut-off)."},
    "rd_tanpa_skor": {"id": "tidak dapat dinilai (berkas penilaian_kinerja tidak ada).",
                      "en": "cannot be assessed (no penilaian_kinerja file)."},
    "nama_ikm": {"id": "IKM", "en": "IKM"},
    "nama_skor_kinerja": {"id": "skor kinerja", "en": "performance score"},
    "nama_kehadiran": {"id": "kehadiran", "en": "attendance"},
    "judul_ikm": {"id": "IKM (skala 25–100)", "en": "IKM (25–100 scale)"},
    "judul_skor_kinerja": {"id": "Skor kinerja (0–100)", "en": "Performance score (0–100)"},
    "judul_kehadiran": {"id": "Kehadiran (0–100)", "en": "Attendance (0–100)"},
    "dan": {"id": "dan", "en": "and"},
    # ---------------------------------------------------------------- ATT table
    "h_att": {"id": "## Dampak rata-rata setelah adopsi", "en": "## Average effect after adoption"},
    "att_teks": {
        "id": "Estimator utama: Callaway & Sant'Anna (2021), yang membandingkan setiap gelombang "
              "adopsi hanya dengan unit yang **belum atau tidak** mengadopsi pada triwulan yang "
              "sama, lalu merata-ratakan semua unit-triwulan yang sudah mengadopsi. Di sampingnya "
              "ditampilkan regresi efek tetap dua arah (TWFE) yang lazim dipakai. Dengan hanya "
              "{n_unit} unit, galat baku dihitung per unit dengan bootstrap (Webb, {B} kali) "
              "dan kuantil t({df}); TWFE memakai bootstrap liar klaster terbatas (WCR).",
        "en": "Main estimator: Callaway & Sant'Anna (2021), which compares each adoption wave "
              "only with units that have **not (yet)** adopted in the same quarter, then "
              "averages over all unit-quarters that have adopted. The commonly used two-way "
              "fixed-effects regression (TWFE) is shown beside it. With only {n_unit} units, "
              "standard errors are clustered by unit with a bootstrap (Webb, {B} draws) and "
              "t({df}) quantiles; TWFE uses the wild cluster restricted (WCR) bootstrap.",
    },
    "att_teks_analitik": {
        "id": "Estimator utama: Callaway & Sant'Anna (2021), yang membandingkan setiap gelombang "
              "adopsi hanya dengan unit yang **belum atau tidak** mengadopsi pada triwulan yang "
              "sama, lalu merata-ratakan semua unit-triwulan yang sudah mengadopsi. Di sampingnya "
              "ditampilkan regresi efek tetap dua arah (TWFE) yang lazim dipakai. Dengan "
              "{n_unit} unit, galat baku dihitung secara analitik (fungsi pengaruh) dengan "
              "klaster per unit; TWFE memakai galat baku klaster per unit dengan koreksi sampel "
              "kecil dan kuantil t({df}).",
        "en": "Main estimator: Callaway & Sant'Anna (2021), which compares each adoption wave "
              "only with units that have **not (yet)** adopted in the same quarter, then "
              "averages over all unit-quarters that have adopted. The commonly used two-way "
              "fixed-effects regression (TWFE) is shown beside it. With {n_unit} units, "
              "standard errors are analytic (influence function), clustered by unit; TWFE uses "
              "unit-clustered standard errors with the small-sample correction and t({df}) "
              "quantiles.",
    },
    "col_hasil": {"id": "Hasil", "en": "Outcome"},
    "col_cs": {"id": "Callaway–Sant'Anna (IK 95 %)", "en": "Callaway–Sant'Anna (95% CI)"},
    "col_p": {"id": "p", "en": "p"},
    "col_twfe": {"id": "TWFE (IK 95 %)", "en": "TWFE (95% CI)"},
    "col_pretrend": {"id": "Uji tren awal (p)", "en": "Pre-trend test (p)"},
    "col_n": {"id": "Unit-triwulan diadopsi", "en": "Treated unit-quarters"},
    "tabel_att": {"id": "Dampak rata-rata per hasil", "en": "Average effect by outcome"},
    "beda_besar": {
        "id": "**{nama}:** TWFE ({twfe}) berada di luar interval Callaway–Sant'Anna ({cs}). "
              "Penyebabnya: TWFE juga memakai unit yang **sudah lebih dulu** mengadopsi sebagai "
              "pembanding ('perbandingan terlarang', {terlarang} dari bobotnya). Jika dampak "
              "tumbuh dari waktu ke waktu, pembanding itu ikut naik sehingga TWFE meremehkan "
              "(atau bahkan membalik) dampak. Gunakan angka Callaway–Sant'Anna.",
        "en": "**{nama}:** TWFE ({twfe}) lies outside the Callaway–Sant'Anna interval ({cs}). "
              "Why: TWFE also uses units that **adopted earlier** as controls ('forbidden "
              "comparisons', {terlarang} of its weight). When effects grow over time those "
              "controls rise too, so TWFE understates (or even reverses) the effect. Use the "
              "Callaway–Sant'Anna figure.",
    },
    "beda_tanda": {
        "id": "**{nama}:** TWFE ({twfe}) dan Callaway–Sant'Anna ({cs}) berbeda arah. TWFE "
              "memakai unit yang sudah mengadopsi sebagai pembanding ({terlarang} dari "
              "bobotnya), sehingga dapat memberi tanda yang keliru ketika dampak berbeda antar "
              "gelombang atau tumbuh dari waktu ke waktu. Gunakan angka Callaway–Sant'Anna.",
        "en": "**{nama}:** TWFE ({twfe}) and Callaway–Sant'Anna ({cs}) point in different "
              "directions. TWFE uses units that already adopted as controls ({terlarang} of "
              "its weight), which can flip the sign when effects differ by wave or grow over "
              "time. Use the Callaway–Sant'Anna figure.",
    },
    "sejalan": {
        "id": "**{nama}:** TWFE ({twfe}) berada di dalam interval Callaway–Sant'Anna; kedua "
              "metode sejalan.",
        "en": "**{nama}:** TWFE ({twfe}) lies inside the Callaway–Sant'Anna interval; the two "
              "methods agree.",
    },
    # ---------------------------------------------------------------- event study
    "h_es": {"id": "## Dampak per triwulan sejak adopsi",
             "en": "## Effect by quarter since adoption"},
    "es_teks": {
        "id": "Titik di kiri garis putus-putus (triwulan sebelum adopsi) seharusnya dekat nol "
              "bila unit yang mengadopsi dan pembandingnya bergerak sejajar sebelum kebijakan "
              "(asumsi tren paralel). Uji gabungan tren awal: {uji}. Titik di kanan "
              "menunjukkan dampak 0, 1, 2, … triwulan setelah adopsi; garis vertikal adalah "
              "IK 95 %. Dengan sedikit unit, uji ini terlalu mudah menolak (sekitar 1 dari 10 "
              "kali walau tren sebenarnya sejajar), jadi p kecil adalah tanda untuk memeriksa "
              "grafik, bukan bukti.",
        "en": "Points left of the dashed line (quarters before adoption) should be near zero "
              "if adopting units and their comparisons moved in parallel before the policy "
              "(parallel-trends assumption). Joint pre-trend test: {uji}. Points on the right "
              "show the effect 0, 1, 2, … quarters after adoption; vertical bars are 95% CIs. "
              "With few units this test rejects too easily (about 1 time in 10 even when trends "
              "are truly parallel), so a small p is a prompt to inspect the chart, not proof.",
    },
    "uji_item": {"id": "{nama} {p}", "en": "{nama} {p}"},
    "es_judul": {"id": "Dampak {nama}: {akhir} poin pada triwulan ke-{k} setelah adopsi",
                 "en": "Effect on {nama}: {akhir} points {k} quarters after adoption"},
    "es_judul_pendek": {"id": "Dampak per triwulan sejak adopsi",
                        "en": "Effect by quarter since adoption"},
    "sumbu_relatif": {"id": "Triwulan relatif terhadap adopsi",
                      "en": "Quarters relative to adoption"},
    "sumbu_efek": {"id": "Dampak (poin)", "en": "Effect (points)"},
    "es_alt": {
        "id": "Grafik studi peristiwa untuk {daftar}: estimasi dampak per triwulan dari {a} "
              "sampai {b} triwulan relatif terhadap adopsi, dengan interval kepercayaan 95 %.",
        "en": "Event-study chart for {daftar}: estimated effect per quarter from {a} to {b} "
              "quarters relative to adoption, with 95% confidence intervals.",
    },
    # ---------------------------------------------------------------- waves
    "h_gelombang": {"id": "## Dampak per gelombang adopsi", "en": "## Effect by adoption wave"},
    "gelombang_teks": {
        "id": "Setiap gelombang dirata-ratakan atas semua triwulan setelah adopsinya. Gelombang "
              "awal diamati lebih lama, sehingga dampaknya bisa lebih besar bila dampak tumbuh "
              "seiring waktu.",
        "en": "Each wave is averaged over all quarters after its adoption. Early waves are "
              "observed for longer, so their effect can be larger when effects grow over time.",
    },
    # added to gelombang_teks when the largest wave has fewer than 30 units
    "gelombang_lebar": {
        "id": "Dengan {n_per} unit per gelombang, interval per gelombang lebar.",
        "en": "With {n_per} units per wave, per-wave intervals are wide.",
    },
    "col_gelombang": {"id": "Gelombang (mulai)", "en": "Wave (start)"},
    "col_unit": {"id": "Unit", "en": "Units"},
    "tabel_gelombang": {"id": "Dampak per gelombang (IK 95 %)",
                        "en": "Effect by wave (95% CI)"},
    # ---------------------------------------------------------------- RD
    "h_rd": {"id": "## Pembinaan pada batas skor", "en": "## Coaching at the score cut-off"},
    "rd_teks": {
        "id": "Pegawai dengan skor di bawah {batas} pada suatu triwulan seharusnya mendapat "
              "pembinaan. Dengan membandingkan pegawai yang skornya **sedikit di bawah** dan "
              "**sedikit di atas** batas (regresi diskontinuitas, lokal-linear, IK 95 % robust "
              "terkoreksi bias, galat baku per pegawai), dampak pembinaan pada skor triwulan "
              "berikutnya adalah **{est}** poin ({jenis}). Lebar jendela: ±{h} poin skor, "
              "{n} pegawai-triwulan.",
        "en": "Staff scoring below {batas} in a quarter are supposed to receive coaching. "
              "Comparing staff **just below** and **just above** the cut-off (regression "
              "discontinuity, local-linear, robust bias-corrected 95% CI, standard errors "
              "clustered by staff member), the effect of coaching on the next quarter's score "
              "is **{est}** points ({jenis}). Window: ±{h} score points, {n} staff-quarters.",
    },
    # added to rd_teks when coaching is observed (tindak_lanjut present)
    "rd_lompat": {
        "id": "Di sekitar batas, porsi yang dibina turun {lompat} poin persentase saat skor "
              "melewati batas.",
        "en": "Near the cut-off, the share coached drops by {lompat} percentage points when the "
              "score crosses it.",
    },
    "rd_tanpa_tindak": {
        "id": "Berkas tindak_lanjut tidak ada, sehingga pembinaan dianggap diberikan kepada semua "
              "pegawai di bawah batas; sertakan tindak_lanjut agar pembinaan yang benar-benar "
              "diberikan dapat dipakai.",
        "en": "There is no tindak_lanjut file, so coaching is assumed for every staff member "
              "below the cut-off; include tindak_lanjut to use the coaching actually given.",
    },
    "jenis_fuzzy": {
        "id": "RD *fuzzy*: tidak semua yang di bawah batas dibina dan sebagian di atas batas "
              "dibina, sehingga angka ini adalah dampak bagi pegawai yang dibina karena batas",
        "en": "fuzzy RD: not everyone below the cut-off is coached and some above it are, so "
              "this is the effect for staff coached because of the cut-off",
    },
    "jenis_sharp": {
        "id": "RD *sharp*: pembinaan dianggap diberikan kepada semua yang di bawah batas",
        "en": "sharp RD: coaching is taken to be given to everyone below the cut-off",
    },
    "densitas": {
        "id": "Uji manipulasi (kepadatan skor di sekitar batas, Cattaneo–Jansson–Ma): {p}. "
              "{kalimat}",
        "en": "Manipulation test (density of scores around the cut-off, Cattaneo–Jansson–Ma): "
              "{p}. {kalimat}",
    },
    "densitas_ok": {"id": "Tidak ada tanda skor digeser melewati batas.",
                    "en": "No sign of scores being pushed over the cut-off."},
    "densitas_curiga": {
        "id": "Ada tanda penumpukan skor di satu sisi batas; hasil RD perlu dibaca hati-hati.",
        "en": "Scores bunch on one side of the cut-off; read the RD result with care.",
    },
    "rd_judul_naik": {"id": "Pembinaan menaikkan skor triwulan berikutnya ({est} poin)",
                      "en": "Coaching raises next quarter's score ({est} points)"},
    "rd_judul_tidak": {"id": "Tidak terlihat loncatan jelas di batas skor ({est} poin)",
                       "en": "No clear jump at the score cut-off ({est} points)"},
    "rd_judul_turun": {"id": "Skor berikutnya lebih rendah setelah pembinaan ({est} poin)",
                       "en": "Next score is lower after coaching ({est} points)"},
    "sumbu_skor": {"id": "Skor kinerja triwulan ini", "en": "Performance score this quarter"},
    "sumbu_skor_berikut": {"id": "Rata-rata skor triwulan berikutnya",
                           "en": "Mean score next quarter"},
    "sumbu_porsi_bina": {"id": "Porsi dibina (%)", "en": "Share coached (%)"},
    "judul_porsi_bina": {"id": "Porsi pegawai yang dibina per skor",
                         "en": "Share of staff coached by score"},
    "rd_alt": {
        "id": "Dua grafik RD: kiri, rata-rata skor triwulan berikutnya per kelompok skor "
              "triwulan ini dengan garis batas {batas}; kanan, porsi pegawai yang dibina per "
              "kelompok skor. Dampak pembinaan {est} poin.",
        "en": "Two RD charts: left, mean next-quarter score by bin of this quarter's score with "
              "the cut-off line at {batas}; right, share of staff coached by score bin. Coaching "
              "effect {est} points.",
    },
    "h_tindak": {"id": "## Apakah tindak lanjut sesuai janji kebijakan?",
                 "en": "## Do follow-ups go where the policy promises?"},
    "tindak_teks": {
        "id": "Porsi pegawai-triwulan yang menerima pembinaan, penghargaan dan promosi per "
              "kelompok skor. Kebijakan menjanjikan pembinaan bagi yang di bawah {batas} serta "
              "penghargaan dan promosi bagi yang berkinerja tinggi. Kelompok dengan kurang dari "
              "{k} pegawai-triwulan disembunyikan.",
        "en": "Share of staff-quarters receiving coaching, awards and promotion by score band. "
              "The policy promises coaching below {batas} and awards and promotion for high "
              "performers. Bands with fewer than {k} staff-quarters are hidden.",
    },
    "col_pita": {"id": "Kelompok skor", "en": "Score band"},
    "col_n_pt": {"id": "Pegawai-triwulan", "en": "Staff-quarters"},
    "col_pembinaan": {"id": "Pembinaan", "en": "Coaching"},
    "col_penghargaan": {"id": "Penghargaan", "en": "Award"},
    "col_promosi": {"id": "Promosi", "en": "Promotion"},
    "tabel_tindak": {"id": "Tindak lanjut per kelompok skor", "en": "Follow-ups by score band"},
    "konsentrasi": {
        "id": "Penghargaan: {n} kali. Tiga unit dengan penghargaan terbanyak menerima {porsi} "
              "dari semua penghargaan, padahal hanya memiliki {porsi_peg} dari pegawai-triwulan.",
        "en": "Awards: {n} in total. The three units with the most awards received {porsi} of "
              "all awards while having {porsi_peg} of the staff-quarters.",
    },
    # ---------------------------------------------------------------- MDE, caveats
    "h_mde": {"id": "## Seberapa besar dampak yang bisa dideteksi?",
              "en": "## How large an effect can this design detect?"},
    "mde": {
        "id": "Dengan {n_unit} unit dan {n_t} triwulan, dampak rata-rata yang lebih kecil dari "
              "sekitar {daftar} kemungkinan besar (peluang lebih dari 20 %) tidak akan terdeteksi "
              "(uji dua sisi 5 %, kuasa 80 %, dari galat baku di atas); hasil 'tidak signifikan' "
              "tidak berarti dampaknya nol, hanya bahwa dampak sebesar itu belum dapat "
              "dikesampingkan.",
        "en": "With {n_unit} units and {n_t} quarters, average effects smaller than about "
              "{daftar} would likely (more than a 20% chance) go undetected (two-sided 5% test, "
              "80% power, from the standard errors above); a 'not significant' result does not "
              "mean the effect is zero, only that effects of that size cannot be ruled out.",
    },
    "mde_ikm": {"id": "**{v} poin IKM**", "en": "**{v} IKM points**"},
    "mde_skor_kinerja": {"id": "**{v} poin skor kinerja**",
                         "en": "**{v} performance-score points**"},
    "mde_kehadiran": {"id": "**{v} poin kehadiran**", "en": "**{v} attendance points**"},
    "atau": {"id": "atau", "en": "or"},
    "h_catatan": {"id": "## Asumsi dan keterbatasan", "en": "## Assumptions and caveats"},
    # The caveats list: the bullets of what the page shows, one per line (bagian.dampak).
    "catatan_tren": {
        "id": "- **Tren paralel:** tanpa kebijakan, unit yang mengadopsi akan bergerak sejajar "
              "dengan pembandingnya. Uji tren awal yang tidak signifikan mendukung, tetapi tidak "
              "membuktikan, asumsi ini.",
        "en": "- **Parallel trends:** without the policy, adopting units would have moved in "
              "parallel with their comparisons. A non-significant pre-trend test supports, but "
              "does not prove, this.",
    },
    "catatan_antisipasi": {
        "id": "- **Tidak ada antisipasi dan limpahan:** unit tidak berubah sebelum adopsi dan "
              "tidak terpengaruh adopsi unit lain.",
        "en": "- **No anticipation or spillovers:** units do not change before adoption and are "
              "not affected by other units adopting.",
    },
    "catatan_ikm": {
        "id": "- **IKM** dihitung dari sampel responden per unit-triwulan; kesalahan sampel "
              "ikut masuk ke dalam interval.",
        "en": "- **IKM** comes from a sample of respondents per unit-quarter; sampling error is "
              "part of the intervals.",
    },
    "catatan_rd": {
        "id": "- **Pembinaan (RD)** hanya menjawab dampak bagi pegawai di sekitar batas {batas}, "
              "bukan bagi pegawai dengan skor jauh di bawahnya.",
        "en": "- **Coaching (RD)** only answers the effect for staff near the cut-off {batas}, "
              "not for staff far below it.",
    },
    "catatan_agregat": {
        "id": "- Semua angka adalah agregat; tidak ada pegawai yang disebut atau diperingkat.",
        "en": "- All figures are aggregates; no staff member is named or ranked.",
    },
    "poin_unit_sedikit": {
        "id": "- **Sedikit unit:** hanya {n_unit} unit ({n_never} tidak pernah mengadopsi). "
              "Setelah gelombang terakhir, pembanding hanya unit yang tidak pernah mengadopsi, "
              "sehingga dampak triwulan-triwulan akhir bergantung pada sedikit unit. Studi "
              "simulasi pada data demo menunjukkan interval 95 % di sini mencakup nilai benar "
              "kurang dari 95 % (lihat `benchmarks/coverage.md`); bacalah interval sebagai "
              "batas bawah ketidakpastian.",
        "en": "- **Few units:** only {n_unit} units ({n_never} never adopted). After the last "
              "wave the only comparisons are never-adopting units, so late-quarter effects rest "
              "on very few units. A simulation study on demo data shows the 95% intervals here "
              "cover the true value less than 95% of the time (see `benchmarks/coverage.md`); "
              "read them as a lower bound on uncertainty.",
    },
    "poin_unit_banyak": {
        "id": "- **Pembanding:** {n_unit} unit, {n_never} di antaranya tidak pernah "
              "mengadopsi. Setelah gelombang terakhir, pembanding hanya unit yang tidak pernah "
              "mengadopsi, sehingga dampak triwulan-triwulan akhir bergantung pada unit-unit "
              "itu.",
        "en": "- **Comparisons:** {n_unit} units, {n_never} of them never adopted. After the "
              "last wave the only comparisons are never-adopting units, so late-quarter "
              "effects rest on those units.",
    },
    # An outcome without an estimate (results.json: null, reason code in tidak_tersedia):
    # these names, then the sentence of the reason code (bagian.dampak.ALASAN_DAMPAK).
    "hasil_alasan": {"id": "Dampak pada {nama}:", "en": "Effect on {nama}:"},
}
