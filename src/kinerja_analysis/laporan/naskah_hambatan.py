"""Report text of notebook 03 (adoption barriers), in Indonesian and English.

Templates are filled with numbers already formatted by :mod:`kinerja_analysis.i18n`.

Examples
--------
>>> from kinerja_analysis.laporan.naskah import Naskah
>>> Naskah(HAMBATAN, "en")("hambatan_kurang_paham")
'Poor understanding of the indicators'
"""

from __future__ import annotations

HAMBATAN: dict[str, dict[str, str]] = {
    # ------------------------------------------------------------------ summary
    "h_ringkasan": {"id": "## Ringkasan", "en": "## Summary"},
    "ringkasan": {
        "id": "Survei pegawai gelombang {gelombang} ({n} responden): **{khawatir}** pegawai "
              "khawatir penilaian kinerja merugikan karier mereka, **{paham}** belum memahami "
              "indikator kinerja, dan **{dukung}** tidak mendukung sistem. Menurut perbandingan "
              "selisih-dalam-selisih, pelatihan mengubah skor pemahaman (skala 1–5) sebesar "
              "**{efek} poin** ({ci}).",
        "en": "Staff survey wave {gelombang} ({n} respondents): **{khawatir}** of staff worry "
              "that performance evaluation will harm their careers, **{paham}** do not "
              "understand the performance indicators, and **{dukung}** do not support the "
              "system. According to a difference-in-differences comparison, training changed "
              "the understanding score (1–5 scale) by **{efek} points** ({ci}).",
    },
    "ringkasan_tanpa_efek": {
        "id": "Survei pegawai gelombang {gelombang} ({n} responden): **{khawatir}** pegawai "
              "khawatir penilaian kinerja merugikan karier mereka, **{paham}** belum memahami "
              "indikator kinerja, dan **{dukung}** tidak mendukung sistem.",
        "en": "Staff survey wave {gelombang} ({n} respondents): **{khawatir}** of staff worry "
              "that performance evaluation will harm their careers, **{paham}** do not "
              "understand the performance indicators, and **{dukung}** do not support the "
              "system.",
    },
    # ------------------------------------------------------------------ names
    "skala_pemahaman": {"id": "Pemahaman indikator", "en": "Understanding of indicators"},
    "skala_kekhawatiran": {"id": "Kekhawatiran karier", "en": "Career worry"},
    "skala_dukungan": {"id": "Dukungan terhadap sistem", "en": "Support for the system"},
    "hambatan_kekhawatiran_karir": {"id": "Khawatir terhadap karier",
                                    "en": "Worried about career"},
    "hambatan_kurang_paham": {"id": "Kurang paham indikator",
                              "en": "Poor understanding of the indicators"},
    "hambatan_kurang_dukungan": {"id": "Kurang mendukung sistem",
                                 "en": "Little support for the system"},
    "dimensi_semua": {"id": "Seluruh pegawai", "en": "All staff"},
    "dimensi_unit_kerja": {"id": "Unit kerja", "en": "Work unit"},
    "dimensi_golongan": {"id": "Golongan", "en": "Grade (golongan)"},
    "dimensi_kelompok_usia": {"id": "Kelompok usia", "en": "Age group"},
    "dimensi_status_kepegawaian": {"id": "Status kepegawaian", "en": "Employment status"},
    "kelompok_semua": {"id": "Semua", "en": "All"},
    "kelompok_tidak_diketahui": {"id": "Tidak diketahui", "en": "Unknown"},
    "butir": {"id": "{skala} — butir {i}", "en": "{skala} — item {i}"},
    "likert_1": {"id": "Sangat tidak setuju", "en": "Strongly disagree"},
    "likert_2": {"id": "Tidak setuju", "en": "Disagree"},
    "likert_3": {"id": "Netral", "en": "Neutral"},
    "likert_4": {"id": "Setuju", "en": "Agree"},
    "likert_5": {"id": "Sangat setuju", "en": "Strongly agree"},
    "var_pemahaman": {"id": "Pemahaman (per 1 poin skala)",
                      "en": "Understanding (per scale point)"},
    "var_kekhawatiran": {"id": "Kekhawatiran (per 1 poin skala)",
                         "en": "Worry (per scale point)"},
    "var_ikut_pelatihan": {"id": "Pernah ikut pelatihan", "en": "Attended training"},
    "var_status_pppk": {"id": "PPPK (dibanding PNS)", "en": "PPPK (vs PNS)"},
    "var_usia_<30": {"id": "Usia <30 (dibanding 40–49)", "en": "Age <30 (vs 40–49)"},
    "var_usia_30-39": {"id": "Usia 30–39 (dibanding 40–49)", "en": "Age 30–39 (vs 40–49)"},
    "var_usia_50+": {"id": "Usia 50+ (dibanding 40–49)", "en": "Age 50+ (vs 40–49)"},
    # ------------------------------------------------------------------ columns
    "col_skala": {"id": "Skala", "en": "Scale"},
    "col_alpha": {"id": "Alpha Cronbach", "en": "Cronbach's alpha"},
    "col_ci": {"id": "IK 95 %", "en": "95% CI"},
    "col_butir": {"id": "Butir", "en": "Items"},
    "col_n": {"id": "n", "en": "n"},
    "col_hambatan": {"id": "Hambatan", "en": "Barrier"},
    "col_kelompok": {"id": "Kelompok", "en": "Group"},
    "col_proporsi": {"id": "Proporsi", "en": "Share"},
    "col_variabel": {"id": "Variabel", "en": "Variable"},
    "col_or": {"id": "Rasio odds", "en": "Odds ratio"},
    "col_koef": {"id": "Koefisien (poin skala)", "en": "Coefficient (scale points)"},
    "col_p": {"id": "Nilai p", "en": "p-value"},
    "col_metode": {"id": "Metode", "en": "Method"},
    "col_estimasi": {"id": "Estimasi (poin skala)", "en": "Estimate (scale points)"},
    "col_dilatih": {"id": "Dilatih", "en": "Trained"},
    "col_kontrol": {"id": "Tidak dilatih", "en": "Not trained"},
    "col_tema": {"id": "Tema", "en": "Theme"},
    "col_jumlah": {"id": "Jumlah komentar", "en": "Comments"},
    "col_kutipan": {"id": "Kutipan (data pribadi dihapus)",
                    "en": "Quote (personal data removed)"},
    "col_prioritas": {"id": "No.", "en": "No."},
    "col_sasaran": {"id": "Sasaran", "en": "Target"},
    "col_temuan": {"id": "Temuan", "en": "Finding"},
    "col_tindakan": {"id": "Tindakan yang disarankan", "en": "Suggested action"},
    # ------------------------------------------------------------------ reliability
    "h_reliabilitas": {"id": "## Keandalan skala", "en": "## Reliability of the scales"},
    "reliabilitas_teks": {
        "id": "Setiap skala adalah rata-rata tiga butir (1–5; minimal dua butir terjawab). "
              "Keandalan diukur dengan alpha Cronbach (penghapusan per baris) dan IK 95 % "
              "metode Feldt. Alpha 0,70 ke atas lazim dianggap memadai. Omega McDonald tidak "
              "dilaporkan karena tidak ada pustaka terpelihara yang terpasang yang "
              "menyediakannya.",
        "en": "Each scale is the mean of three items (1–5; at least two answered). Reliability "
              "is Cronbach's alpha (listwise deletion) with Feldt's 95% CI. An alpha of 0.70 "
              "or more is usually considered adequate. McDonald's omega is not reported "
              "because no well-kept installed library provides it.",
    },
    "reliabilitas_rendah": {
        "id": "Perhatian: alpha skala {skala} di bawah 0,70; tafsirkan skala ini dengan hati-hati.",
        "en": "Caution: the alpha of the {skala} scale is below 0.70; interpret it with care.",
    },
    "tabel_reliabilitas": {"id": "Keandalan skala, gelombang {gelombang}",
                           "en": "Scale reliability, wave {gelombang}"},
    # ------------------------------------------------------------------ prevalence
    "h_prevalensi": {"id": "## Seberapa luas hambatannya?", "en": "## How widespread are the "
                                                                  "barriers?"},
    "prevalensi_teks": {
        "id": "Seorang pegawai dihitung **khawatir terhadap karier** bila rata-rata skor "
              "kekhawatirannya 4 atau lebih (setuju/sangat setuju), **kurang paham** bila "
              "rata-rata skor pemahamannya 2 atau kurang (tidak setuju bahwa ia paham), dan "
              "**kurang mendukung** bila rata-rata skor dukungannya 2 atau kurang. IK 95 % "
              "metode Wilson. Kelompok dengan kurang dari {k} responden disembunyikan, "
              "demikian juga kelompok lain yang memungkinkan angkanya dihitung ulang.",
        "en": "A staff member counts as **worried about career** when their mean worry score "
              "is 4 or more (agree/strongly agree), as **poorly understanding** when their "
              "mean understanding score is 2 or less (disagree that they understand), and as "
              "**giving little support** when their mean support score is 2 or less. Wilson "
              "95% CIs. Groups with fewer than {k} respondents are hidden, as are other groups "
              "that would let their figure be recalculated.",
    },
    "tabel_prevalensi_semua": {"id": "Hambatan pada seluruh pegawai, gelombang {gelombang}",
                               "en": "Barriers among all staff, wave {gelombang}"},
    "tabel_prevalensi_dimensi": {"id": "Hambatan menurut {dimensi}",
                                 "en": "Barriers by {dimensi}"},
    "unit_judul": {"id": "Kurang paham paling tinggi di {unit} ({p})",
                   "en": "Poor understanding is highest in {unit} ({p})"},
    "ukuran_paham": {"id": "porsi kurang paham indikator",
                     "en": "share with poor understanding of the indicators"},
    "unit_judul_kosong": {"id": "Kurang paham per unit kerja",
                          "en": "Poor understanding by work unit"},
    "sumbu_proporsi": {"id": "Proporsi pegawai (%)", "en": "Share of staff (%)"},
    "unit_alt": {
        "id": "Diagram titik proporsi pegawai yang kurang paham indikator dan yang khawatir "
              "terhadap karier per unit kerja dengan IK 95 %; garis putus-putus = seluruh "
              "pegawai ({p_paham} dan {p_khawatir}). Unit dengan kurang dari {k} responden "
              "tidak ditampilkan.",
        "en": "Dot plot of the share of staff with poor understanding of the indicators and "
              "of staff worried about their career by work unit with 95% CIs; dashed lines = "
              "all staff ({p_paham} and {p_khawatir}). Units with fewer than {k} respondents "
              "are not shown.",
    },
    "disembunyikan": {"id": "(disembunyikan)", "en": "(hidden)"},
    "unit_semua_disembunyikan": {
        "id": "Setiap unit kerja memiliki kurang dari {k} responden, sehingga angka per unit "
              "tidak ditampilkan.",
        "en": "Every work unit has fewer than {k} respondents, so no figure by unit is shown.",
    },
    "dimensi_tanpa_data": {
        "id": "Rincian menurut {dimensi} tidak tersedia karena kolom {kolom} pada berkas pegawai "
              "tidak diisi; isi kolom tersebut agar rincian ini dapat dihitung.",
        "en": "No breakdown by {dimensi}: the column {kolom} in the pegawai file is empty or "
              "absent; fill it to produce this breakdown.",
    },
    # ------------------------------------------------------------------ Likert
    "h_likert": {"id": "## Jawaban per butir", "en": "## Answers per item"},
    "likert_teks": {
        "id": "Batang di kanan garis nol adalah jawaban setuju, di kiri tidak setuju; jawaban "
              "netral dibagi dua di tengah.",
        "en": "Bars right of zero are agreement, left of zero disagreement; neutral answers "
              "are split across the middle.",
    },
    "likert_judul": {"id": "Rata-rata {setuju} jawaban butir pemahaman: setuju",
                     "en": "On average {setuju} of answers to the understanding items agree"},
    "likert_alt": {
        "id": "Diagram batang bertumpuk divergen untuk sembilan butir survei pegawai, "
              "gelombang {gelombang} ({n} responden). Persentase setuju (4–5): {rincian}.",
        "en": "Diverging stacked bar chart of the nine staff-survey items, wave {gelombang} "
              "({n} respondents). Share agreeing (4–5): {rincian}.",
    },
    "sumbu_likert": {"id": "Persentase jawaban (kiri: tidak setuju, kanan: setuju)",
                     "en": "Share of answers (left: disagree, right: agree)"},
    # ------------------------------------------------------------------ support model
    "h_model": {"id": "## Apakah pemahaman berkaitan dengan dukungan?",
                "en": "## Does understanding go with support?"},
    "model_sampel": {
        "id": "Karena datanya sangat besar, kedua model dihitung pada sampel acak unit kerja "
              "utuh (benih tetap) berisi {n} dari {n_total} responden; interval mencerminkan "
              "ukuran sampel ini.",
        "en": "Because the data are very large, both models were fitted on a seeded random "
              "sample of whole work units holding {n} of the {n_total} respondents; the "
              "intervals reflect this sample size.",
    },
    "model_teks": {
        "id": "Regresi logistik ordinal (statsmodels OrderedModel, tautan logit) dari tingkat "
              "dukungan (rata-rata skala dibulatkan ke 1–5) pada pemahaman, kekhawatiran, "
              "pelatihan, status kepegawaian dan kelompok usia; {n} responden, galat baku "
              "dikelompokkan per unit kerja ({g} unit). Rasio odds di atas 1 berarti tingkat "
              "dukungan yang lebih tinggi lebih mungkin. Ini hubungan, bukan bukti sebab-akibat; "
              "koefisien pelatihan di sini juga mencerminkan siapa yang dipilih untuk dilatih.",
        "en": "Ordinal logistic regression (statsmodels OrderedModel, logit link) of the support "
              "level (scale mean rounded to 1–5) on understanding, worry, training, employment "
              "status and age group; {n} respondents, standard errors clustered by work unit "
              "({g} units). An odds ratio above 1 means higher support levels are more likely. "
              "This is an association, not proof of cause; the training coefficient here also "
              "reflects who was chosen for training.",
    },
    "model_teks_hc1": {
        "id": "Regresi logistik ordinal (statsmodels OrderedModel, tautan logit) dari tingkat "
              "dukungan (rata-rata skala dibulatkan ke 1–5) pada pemahaman, kekhawatiran, "
              "pelatihan, status kepegawaian dan kelompok usia; {n} responden. Data hanya "
              "memuat satu unit kerja, sehingga galat baku tidak dikelompokkan per unit. Rasio "
              "odds di atas 1 berarti tingkat dukungan yang lebih tinggi lebih mungkin. Ini "
              "hubungan, bukan bukti sebab-akibat; koefisien pelatihan di sini juga "
              "mencerminkan siapa yang dipilih untuk dilatih.",
        "en": "Ordinal logistic regression (statsmodels OrderedModel, logit link) of the support "
              "level (scale mean rounded to 1–5) on understanding, worry, training, employment "
              "status and age group; {n} respondents. The data hold a single work unit, so the "
              "standard errors are not clustered by unit. An odds ratio above 1 means higher "
              "support levels are more likely. This is an association, not proof of cause; the "
              "training coefficient here also reflects who was chosen for training.",
    },
    "model_tanpa_variabel": {
        "id": "Tidak masuk model karena datanya tidak ada atau tidak bervariasi: {vars}.",
        "en": "Not in the model, because the data lack them or they do not vary: {vars}.",
    },
    "tabel_or": {"id": "Model dukungan: rasio odds", "en": "Support model: odds ratios"},
    "peluang_teks": {
        "id": "**Dalam bahasa sehari-hari:** jika semua pegawai memiliki pemahaman rendah "
              "(skor 2), sekitar **{p_rendah}** (IK 95 %: {lo_rendah} sampai {hi_rendah}) "
              "diperkirakan mendukung sistem (tingkat dukungan 4–5); jika pemahaman tinggi "
              "(skor 4), sekitar **{p_tinggi}** ({lo_tinggi} sampai {hi_tinggi}), dengan "
              "kekhawatiran dan latar belakang seperti apa adanya. Untuk kekhawatiran: "
              "{pk_rendah} mendukung bila kekhawatiran rendah (skor 2) dan {pk_tinggi} bila "
              "tinggi (skor 4).",
        "en": "**In plain words:** if all staff had low understanding (score 2), about "
              "**{p_rendah}** (95% CI: {lo_rendah} to {hi_rendah}) would be expected to "
              "support the system (support level 4–5); with high understanding (score 4), "
              "about **{p_tinggi}** ({lo_tinggi} to {hi_tinggi}), with worry and background as "
              "they are. For worry: {pk_rendah} would support with low worry (score 2) and "
              "{pk_tinggi} with high worry (score 4).",
    },
    "peluang_judul": {
        "id": "Pemahaman tinggi: dukungan {p_tinggi}, pemahaman rendah: {p_rendah}",
        "en": "High understanding: {p_tinggi} support, low understanding: {p_rendah}",
    },
    "peluang_alt": {
        "id": "Diagram batang peluang mendukung sistem menurut skenario pemahaman dan "
              "kekhawatiran dengan IK 95 %: {rincian}.",
        "en": "Bar chart of the probability of supporting the system by understanding and "
              "worry scenario with 95% CIs: {rincian}.",
    },
    "skenario_pemahaman_rendah": {"id": "Pemahaman rendah (2)", "en": "Low understanding (2)"},
    "skenario_pemahaman_tinggi": {"id": "Pemahaman tinggi (4)", "en": "High understanding (4)"},
    "skenario_kekhawatiran_rendah": {"id": "Kekhawatiran rendah (2)", "en": "Low worry (2)"},
    "skenario_kekhawatiran_tinggi": {"id": "Kekhawatiran tinggi (4)", "en": "High worry (4)"},
    "sumbu_peluang": {"id": "Peluang mendukung (%)", "en": "Probability of support (%)"},
    "linear_teks": {
        "id": "**Uji kepekaan:** regresi linear skor dukungan (rata-rata 1–5, tanpa pembulatan) "
              "pada variabel yang sama. Arah hubungan {sama}.",
        "en": "**Sensitivity check:** linear regression of the support score (mean 1–5, not "
              "rounded) on the same variables. The direction of the associations {sama}.",
    },
    "linear_sama": {"id": "sama dengan model ordinal untuk semua variabel yang bermakna",
                    "en": "matches the ordinal model for every clear association"},
    "linear_beda": {"id": "berbeda dari model ordinal untuk: {vars}",
                    "en": "differs from the ordinal model for: {vars}"},
    "tabel_linear": {"id": "Uji kepekaan: model linear", "en": "Sensitivity check: linear model"},
    # ------------------------------------------------------------------ training
    "h_pelatihan": {"id": "## Apakah pelatihan menaikkan pemahaman?",
                    "en": "## Did training raise understanding?"},
    "pelatihan_teks": {
        "id": "Pegawai yang menjawab survei gelombang {a} dan {b} dan belum dilatih pada "
              "gelombang {a}: **{n1}** dilatih sebelum gelombang {b}, **{n0}** tidak pernah "
              "dilatih. Selisih-dalam-selisih (perubahan skor pemahaman kelompok dilatih dikurangi "
              "perubahan kelompok tidak dilatih): **{est}**, galat baku dikelompokkan per unit "
              "kerja.",
        "en": "Staff who answered survey waves {a} and {b} and were not trained at wave {a}: "
              "**{n1}** trained before wave {b}, **{n0}** never trained. Difference-in-"
              "differences (change in the understanding score of the trained minus that of the "
              "untrained): **{est}**, standard errors clustered by work unit.",
    },
    "pelatihan_teks_hc1": {
        "id": "Pegawai yang menjawab survei gelombang {a} dan {b} dan belum dilatih pada "
              "gelombang {a}: **{n1}** dilatih sebelum gelombang {b}, **{n0}** tidak pernah "
              "dilatih. Selisih-dalam-selisih (perubahan skor pemahaman kelompok dilatih dikurangi "
              "perubahan kelompok tidak dilatih): **{est}**; data hanya memuat satu unit kerja, "
              "sehingga galat baku tidak dikelompokkan per unit.",
        "en": "Staff who answered survey waves {a} and {b} and were not trained at wave {a}: "
              "**{n1}** trained before wave {b}, **{n0}** never trained. Difference-in-"
              "differences (change in the understanding score of the trained minus that of the "
              "untrained): **{est}**; the data hold a single work unit, so the standard errors "
              "are not clustered by unit.",
    },
    "naif_teks": {
        "id": "Perbandingan sederhana hanya pada gelombang {b} (dilatih dikurangi tidak "
              "dilatih) memberi **{est}**. Angka ini menyesatkan: {arah}",
        "en": "A simple comparison at wave {b} only (trained minus untrained) gives **{est}**. "
              "This number misleads: {arah}",
    },
    "naif_mirip": {
        "id": "Perbandingan sederhana hanya pada gelombang {b} (dilatih dikurangi tidak "
              "dilatih) memberi {est}, masih di dalam interval selisih-dalam-selisih; di sini "
              "pemilihan peserta pelatihan tidak banyak mengubah gambaran.",
        "en": "A simple comparison at wave {b} only (trained minus untrained) gives {est}, "
              "within the difference-in-differences interval; here the choice of who was "
              "trained does not change the picture much.",
    },
    "naif_lebih_kecil": {
        "id": "yang dipilih untuk pelatihan sudah lebih rendah pemahamannya sejak awal, "
              "sehingga efek pelatihan tertutupi.",
        "en": "those chosen for training already understood less at the start, which hides "
              "the training effect.",
    },
    "naif_lebih_besar": {
        "id": "yang ikut pelatihan sudah lebih tinggi pemahamannya sejak awal, sehingga efek "
              "pelatihan terlihat lebih besar dari sebenarnya.",
        "en": "those who attended training already understood more at the start, which makes "
              "the effect look larger than it is.",
    },
    "tren_teks": {
        "id": "Uji tren awal (plasebo): sebelum dilatih, perubahan pemahaman gelombang {a} ke "
              "{m} pada pegawai yang kelak dilatih dibanding yang tidak pernah dilatih: {est}. "
              "{kesimpulan}",
        "en": "Pre-trend (placebo) check: before training, the change in understanding from "
              "wave {a} to {m} of staff later trained compared with the never trained: {est}. "
              "{kesimpulan}",
    },
    "naif_kosong": {"id": "Perbandingan sesudah saja:", "en": "After-only comparison:"},
    "tren_kosong": {"id": "Uji tren awal (plasebo):", "en": "Pre-trend (placebo) check:"},
    "tren_ok": {"id": "Interval memuat nol, sejalan dengan asumsi tren paralel.",
                "en": "The interval includes zero, in line with the parallel-trends assumption."},
    "tren_tidak": {"id": "Interval tidak memuat nol: asumsi tren paralel diragukan; "
                         "tafsirkan efek pelatihan dengan hati-hati.",
                   "en": "The interval excludes zero: the parallel-trends assumption is in "
                         "doubt; interpret the training effect with care."},
    "asumsi": {
        "id": "**Asumsi:** (1) tanpa pelatihan, pemahaman kedua kelompok akan berubah sama besar "
              "(tren paralel) — pemilihan peserta berdasarkan tingkat pemahaman tidak masalah, "
              "selama bukan berdasarkan arah perubahannya; (2) pelatihan seorang pegawai tidak "
              "mengubah pemahaman rekannya; (3) status pelatihan tercatat benar pada tanggal "
              "survei; (4) pegawai yang menjawab kedua gelombang tidak terpilih karena "
              "pemahamannya berubah. Hasilnya adalah efek pada pegawai yang dilatih.",
        "en": "**Assumptions:** (1) without training, both groups' understanding would have "
              "changed by the same amount (parallel trends) — choosing participants by their "
              "level of understanding is fine as long as it is not by its direction of change; "
              "(2) training one person does not change a colleague's understanding; (3) the "
              "training status is recorded correctly as of the survey date; (4) answering both "
              "waves is not driven by a change in understanding. The result is the effect on "
              "those trained.",
    },
    "metode_did": {"id": "Selisih-dalam-selisih (gelombang {a}→{b})",
                   "en": "Difference-in-differences (wave {a}→{b})"},
    "metode_naif_sesudah": {"id": "Perbandingan sesudah saja (gelombang {b})",
                            "en": "After-only comparison (wave {b})"},
    "metode_tren_awal": {"id": "Uji tren awal, plasebo (gelombang {a}→{b})",
                         "en": "Pre-trend placebo (wave {a}→{b})"},
    "pelatihan_judul": {
        "id": "Pelatihan menaikkan pemahaman {did} poin; perbandingan sederhana: {naif}",
        "en": "Training raised understanding by {did} points; simple comparison: {naif}",
    },
    "pelatihan_judul_netral": {
        "id": "Efek pelatihan pada pemahaman: {did} poin; perbandingan sederhana: {naif}",
        "en": "Training effect on understanding: {did} points; simple comparison: {naif}",
    },
    "pelatihan_alt": {
        "id": "Diagram estimasi dengan IK 95 %: {rincian}.",
        "en": "Estimate plot with 95% CIs: {rincian}.",
    },
    "sumbu_efek": {"id": "Selisih skor pemahaman (poin, skala 1–5)",
                   "en": "Difference in understanding score (points, 1–5 scale)"},
    # ------------------------------------------------------------------ comments
    "h_komentar": {"id": "## Apa kata pegawai?", "en": "## What do staff say?"},
    "komentar_teks": {
        "id": "{n} komentar (semua gelombang). Data pribadi (nama, NIP, NIK, telepon, e-mail) "
              "dihapus sebelum analisis. Tema ditentukan dengan kamus kata kunci bahasa "
              "Indonesia; satu komentar dapat masuk beberapa tema. Kutipan hanya ditampilkan "
              "untuk tema dengan sedikitnya {k} komentar, dan tidak pernah dari komentar yang "
              "memuat data pribadi.",
        "en": "{n} comments (all waves). Personal data (names, NIP, NIK, telephone, e-mail) are "
              "removed before analysis. Themes come from an Indonesian keyword lexicon; a "
              "comment can have several themes. Quotes are shown only for themes with at "
              "least {k} comments, and never from comments that contained personal data.",
    },
    "tema_judul": {"id": "Tema tersering: {tema} ({p} komentar)",
                   "en": "Most frequent theme: {tema} ({p} of comments)"},
    "tema_alt": {"id": "Diagram batang jumlah komentar per tema: {rincian}.",
                 "en": "Bar chart of comments per theme: {rincian}."},
    "sumbu_komentar": {"id": "Jumlah komentar", "en": "Number of comments"},
    "tema_lainnya": {"id": "Lainnya (tanpa tema)", "en": "Other (no theme)"},
    "tabel_kutipan": {"id": "Contoh komentar per tema", "en": "Example comments by theme"},
    "kutipan_kosong": {"id": "Tidak ada tema dengan sedikitnya {k} komentar; kutipan tidak "
                             "ditampilkan.",
                       "en": "No theme has at least {k} comments; no quotes are shown."},
    # ------------------------------------------------------------------ recommendations
    "h_rekomendasi": {"id": "## Rekomendasi", "en": "## Recommendations"},
    "rekomendasi_teks": {
        "id": "Disusun otomatis dari angka di atas: kelompok yang proporsi hambatannya di atas "
              "rata-rata seluruh pegawai (kelompok kecil tidak ikut), hasil model dan efek "
              "pelatihan. Interval yang lebar berarti perlu konfirmasi di lapangan.",
        "en": "Built automatically from the numbers above: groups whose barrier share is above "
              "the all-staff average (small groups excluded), the model results and the "
              "training effect. Wide intervals call for confirmation on the ground.",
    },
    "rek_kosong": {"id": "Tidak ada rekomendasi yang didukung angka.",
                   "en": "No recommendation is supported by the numbers."},
    "temuan_kelompok": {"id": "{nilai} {hambatan} ({ci}); seluruh pegawai {pembanding}",
                        "en": "{nilai} {hambatan} ({ci}); all staff {pembanding}"},
    "temuan_efek": {"id": "Efek pelatihan {nilai} poin ({ci})",
                    "en": "Training effect {nilai} points ({ci})"},
    "temuan_or": {"id": "Rasio odds {nilai} ({ci})", "en": "Odds ratio {nilai} ({ci})"},
    "temuan_tema": {"id": "{nilai} komentar menyebut tema ini",
                    "en": "{nilai} of comments mention this theme"},
    "tindakan_sosialisasi_indikator": {
        "id": "Prioritaskan sosialisasi dan pendampingan pengisian indikator kinerja (SKP, "
              "e-Kinerja).",
        "en": "Give priority to outreach and hands-on help with the performance indicators "
              "(SKP, e-Kinerja).",
    },
    "tindakan_jelaskan_dampak_karir": {
        "id": "Jelaskan secara terbuka bagaimana nilai kinerja dipakai untuk karier, kontrak "
              "dan tunjangan, dan bagaimana mengajukan keberatan.",
        "en": "Explain openly how performance ratings are used for careers, contracts and "
              "allowances, and how to appeal.",
    },
    "tindakan_dialog_dukungan": {
        "id": "Adakan dialog kinerja dengan atasan untuk menggali alasan kurangnya dukungan.",
        "en": "Hold performance dialogues with supervisors to learn why support is low.",
    },
    "tindakan_perluas_pelatihan": {
        "id": "Perluas pelatihan/bimtek kepada pegawai yang belum dilatih, dimulai dari unit "
              "prioritas di atas.",
        "en": "Extend training to staff not yet trained, starting with the priority units "
              "above.",
    },
    "tindakan_tinjau_pelatihan": {
        "id": "Tinjau materi dan cara pelatihan: pemahaman peserta justru turun.",
        "en": "Review the training content and delivery: participants' understanding fell.",
    },
    "tindakan_evaluasi_pelatihan": {
        "id": "Efek pelatihan belum jelas; evaluasi materi pelatihan dan ukur lagi pada "
              "gelombang berikutnya.",
        "en": "The training effect is unclear; evaluate the training content and measure again "
              "in the next wave.",
    },
    "tindakan_pemahaman_dukungan": {
        "id": "Pemahaman berkaitan dengan dukungan: jadikan penjelasan indikator bagian tetap "
              "dari setiap siklus SKP.",
        "en": "Understanding goes with support: make explaining the indicators a standing part "
              "of every SKP cycle.",
    },
    "tindakan_kurangi_kekhawatiran": {
        "id": "Kekhawatiran menekan dukungan: beri kepastian tentang perlindungan dan "
              "pembinaan sebelum sanksi.",
        "en": "Worry lowers support: give assurance about safeguards and coaching before "
              "sanctions.",
    },
    "tindakan_tindak_lanjut_tema": {
        "id": "Tindak lanjuti keluhan yang paling sering disampaikan pegawai.",
        "en": "Follow up the complaint staff raise most often.",
    },
}
