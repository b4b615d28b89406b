"""Text catalog (id/en) of page 02: survey-to-score correlations.

Used by :mod:`kinerja_analysis.laporan.bagian.korelasi` through
:class:`kinerja_analysis.laporan.naskah.Naskah`::

    T = Naskah(KORELASI, lang)

Sentences are worded as association, never as proof of cause or bias. Keys ending in
``_naik`` / ``_turun`` / ``_tidak_jelas`` follow :func:`kinerja_analysis.laporan.bagian.arah`.
"""

from __future__ import annotations

import warnings

__all__ = ["KORELASI", "arah"]

_KATA_LAMA = {"naik": "positif", "turun": "negatif", "tidak_jelas": "tidak_jelas"}


def arah(ci_low: float | None, ci_high: float | None) -> str:
    """Deprecated: use :func:`kinerja_analysis.laporan.bagian.arah`.

    The same rule in the old words: ``"positif"``, ``"negatif"`` or ``"tidak_jelas"``.

    Examples
    --------
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore", DeprecationWarning)
    ...     arah(0.2, 0.9), arah(-0.5, -0.1), arah(-0.1, 0.3), arah(None, None)
    ('positif', 'negatif', 'tidak_jelas', 'tidak_jelas')
    """
    from .bagian import arah as _arah

    warnings.warn("naskah_korelasi.arah is deprecated; use kinerja_analysis.laporan.bagian.arah",
                  DeprecationWarning, stacklevel=2)
    return _KATA_LAMA[_arah(ci_low, ci_high)]


KORELASI: dict[str, dict[str, str]] = {
    # ---------------------------------------------------------------- summary
    "h_ringkasan": {"id": "## Ringkasan", "en": "## Summary"},
    "ringkasan": {
        "id": "Apakah unit yang dinilai baik oleh warga (IKM) juga mendapat skor kinerja "
              "pegawai yang tinggi dari atasan? Analisis memakai {n_sel} sel unit-triwulan "
              "dari {n_unit} unit ({awal} sampai {akhir}); {n_buang} sel dengan kurang dari "
              "{k} responden tidak dipakai.",
        "en": "Do units that citizens rate highly (IKM) also get high staff performance "
              "scores from supervisors? The analysis uses {n_sel} unit-quarter cells from "
              "{n_unit} units ({awal} to {akhir}); {n_buang} cells with fewer than {k} "
              "respondents were left out.",
    },
    "ringkasan_antar": {
        "id": "- **Antar unit:** korelasi Spearman {r_s} ({ci_s}; Pearson {r_p}, {ci_p}; "
              "{n} unit). {arti}",
        "en": "- **Between units:** Spearman correlation {r_s} ({ci_s}; Pearson {r_p}, "
              "{ci_p}; {n} units). {arti}",
    },
    "ringkasan_antar_kosong": {"id": "- **Antar unit:** {alasan}",
                               "en": "- **Between units:** {alasan}"},
    "ringkasan_dalam": {
        "id": "- **Dalam unit dari waktu ke waktu:** korelasi berulang (rmcorr) {r_p} "
              "({ci_p}; {n} sel). {arti}",
        "en": "- **Within units over time:** repeated-measures correlation (rmcorr) {r_p} "
              "({ci_p}; {n} cells). {arti}",
    },
    "ringkasan_dalam_kosong": {"id": "- **Dalam unit dari waktu ke waktu:** {alasan}",
                               "en": "- **Within units over time:** {alasan}"},
    "ringkasan_tanpa_survei_unit": {
        "id": "{n} unit memiliki skor pegawai tetapi tidak memiliki survei kepuasan pada "
              "triwulan mana pun, sehingga tidak ikut dianalisis.",
        "en": "{n} unit(s) have staff scores but no satisfaction survey in any quarter, so "
              "they are not part of the analysis.",
    },
    "ringkasan_tanpa_survei_triwulan": {
        "id": "Skor pegawai {daftar} belum memiliki survei kepuasan pada triwulan yang sama, "
              "sehingga triwulan tersebut tidak ikut dianalisis.",
        "en": "The staff scores of {daftar} have no satisfaction survey in the same quarter "
              "yet, so that quarter is not part of the analysis.",
    },
    "arti_antar_naik": {
        "id": "Unit dengan IKM lebih tinggi cenderung juga mendapat skor pegawai lebih tinggi.",
        "en": "Units with a higher IKM tend to also get higher staff scores.",
    },
    "arti_antar_turun": {
        "id": "Unit dengan IKM lebih tinggi cenderung mendapat skor pegawai lebih rendah.",
        "en": "Units with a higher IKM tend to get lower staff scores.",
    },
    "arti_antar_tidak_jelas": {
        "id": "Data tidak menunjukkan arah hubungan yang jelas antar unit.",
        "en": "The data show no clear direction of the relation between units.",
    },
    "arti_dalam_naik": {
        "id": "Pada triwulan ketika IKM suatu unit naik, skor pegawainya cenderung ikut naik.",
        "en": "In quarters when a unit's IKM rises, its staff scores tend to rise too.",
    },
    "arti_dalam_turun": {
        "id": "Pada triwulan ketika IKM suatu unit naik, skor pegawainya justru cenderung "
              "turun (dan sebaliknya).",
        "en": "In quarters when a unit's IKM rises, its staff scores tend to fall (and the "
              "other way round).",
    },
    "arti_dalam_tidak_jelas": {
        "id": "Naik-turunnya IKM dan skor pegawai dalam unit tidak menunjukkan arah yang jelas.",
        "en": "Within units, the ups and downs of IKM and staff scores show no clear direction.",
    },
    "gabungan_kosong": {
        "id": "Korelasi gabungan semua sel unit-triwulan tidak dihitung: {alasan}",
        "en": "The pooled correlation over all unit-quarter cells is not computed: {alasan}",
    },
    "gabungan_peringatan": {
        "id": "**Mengapa tidak cukup satu korelasi dari semua sel?** Korelasi gabungan semua "
              "sel unit-triwulan adalah {r} ({ci}). Angka ini mencampur dua hal yang berbeda: "
              "perbedaan tetap antar unit dan naik-turun dalam unit. Jika keduanya berlawanan "
              "arah, korelasi gabungan bisa mendekati nol atau menunjukkan arah yang salah, dan "
              "intervalnya terlalu sempit karena sel dari unit yang sama tidak independen. "
              "Karena itu laporan ini memisahkan keduanya.",
        "en": "**Why one correlation over all cells is not enough.** The pooled correlation "
              "of all unit-quarter cells is {r} ({ci}). It mixes two different things: lasting "
              "differences between units and ups and downs within units. When the two run in "
              "opposite directions the pooled figure can be near zero or point the wrong way, "
              "and its interval is too narrow because cells of the same unit are not "
              "independent. This report therefore separates them.",
    },
    # ---------------------------------------------------------------- between units
    "h_antar": {"id": "## Antar unit: rata-rata selama periode",
                "en": "## Between units: averages over the period"},
    "antar_teks": {
        "id": "Setiap titik adalah satu unit: IKM rata-rata (PermenPANRB 14/2017) dan skor "
              "kinerja rata-rata pegawainya selama periode. Dengan hanya {n} unit, interval "
              "kepercayaan lebar; korelasi Spearman (peringkat) lebih tahan terhadap satu unit "
              "ekstrem. Uji permutasi ({n_perm} acakan): p = {p_perm} (Spearman). Ini analisis "
              "ekologis: hubungan antar unit tidak berarti hubungan yang sama pada tiap pegawai.",
        "en": "Each point is one unit: its mean IKM (PermenPANRB 14/2017) and the mean "
              "performance score of its staff over the period. With only {n} units the "
              "confidence intervals are wide; the Spearman (rank) correlation is more robust "
              "to one extreme unit. Permutation test ({n_perm} shuffles): p = {p_perm} "
              "(Spearman). This is an ecological analysis: a relation between units does not "
              "imply the same relation for each staff member.",
    },
    "antar_teks_besar": {
        "id": "Setiap titik adalah satu unit: IKM rata-rata (PermenPANRB 14/2017) dan skor "
              "kinerja rata-rata pegawainya selama periode. Ada {n} unit; korelasi Spearman "
              "(peringkat) lebih tahan terhadap unit ekstrem. {uji} Ini analisis ekologis: "
              "hubungan antar unit tidak berarti hubungan yang sama pada tiap pegawai.",
        "en": "Each point is one unit: its mean IKM (PermenPANRB 14/2017) and the mean "
              "performance score of its staff over the period. There are {n} units; the "
              "Spearman (rank) correlation is more robust to extreme units. {uji} This is an "
              "ecological analysis: a relation between units does not imply the same "
              "relation for each staff member.",
    },
    "antar_uji_perm": {"id": "Uji permutasi ({n_perm} acakan): p = {p_perm} (Spearman).",
                       "en": "Permutation test ({n_perm} shuffles): p = {p_perm} (Spearman)."},
    "antar_uji_t": {
        "id": "Uji permutasi hanya dijalankan sampai {maks} unit; dengan sebanyak ini unit, "
              "nilai p dari pendekatan t sudah tepat.",
        "en": "The permutation test is only run up to {maks} units; with this many units the "
              "p-value of the t approximation is accurate.",
    },
    "antar_judul_naik": {"id": "Unit dengan IKM tinggi juga mendapat skor pegawai tinggi",
                            "en": "Units with a high IKM also get high staff scores"},
    "antar_judul_turun": {"id": "Unit dengan IKM tinggi mendapat skor pegawai lebih rendah",
                            "en": "Units with a high IKM get lower staff scores"},
    "antar_judul_tidak_jelas": {"id": "Tidak ada hubungan jelas antara IKM unit dan skor pegawai",
                                "en": "No clear relation between unit IKM and staff scores"},
    "antar_alt": {
        "id": "Diagram pencar {n} unit: IKM rata-rata (sumbu datar) dan skor kinerja rata-rata "
              "(sumbu tegak) dengan garis regresi dan pita IK 95 %; korelasi Pearson {r}.",
        "en": "Scatter plot of {n} units: mean IKM (horizontal) and mean performance score "
              "(vertical) with a regression line and 95% CI band; Pearson correlation {r}.",
    },
    "antar_kecil": {
        "id": "{n} unit dengan rata-rata kurang dari {k} pegawai bernilai tidak ditampilkan "
              "pada grafik (tetap dihitung dalam korelasi).",
        "en": "{n} units with on average fewer than {k} scored staff are not plotted (they "
              "are still included in the correlation).",
    },
    "sumbu_ikm": {"id": "IKM rata-rata (skala 25–100)", "en": "Mean IKM (25–100 scale)"},
    "sumbu_skor": {"id": "Skor kinerja rata-rata (0–100)", "en": "Mean performance score (0–100)"},
    # ---------------------------------------------------------------- within units
    "h_dalam": {"id": "## Dalam unit: naik-turun dari triwulan ke triwulan",
                "en": "## Within units: quarter-to-quarter ups and downs"},
    "dalam_teks": {
        "id": "Setiap titik adalah satu unit-triwulan, diukur sebagai selisih dari rata-rata "
              "unitnya sendiri, sehingga perbedaan tetap antar unit dihilangkan. Korelasi "
              "berulang (repeated-measures correlation, Bakdash & Marusich 2017) memakai satu "
              "kemiringan bersama untuk semua unit; derajat bebas {df}.",
        "en": "Each point is one unit-quarter, measured as the difference from its own unit's "
              "mean, which removes lasting differences between units. The repeated-measures "
              "correlation (Bakdash & Marusich 2017) fits one common slope for all units; "
              "{df} degrees of freedom.",
    },
    "dalam_judul_naik": {"id": "Saat IKM unit naik, skor pegawainya ikut naik",
                            "en": "When a unit's IKM rises, its staff scores rise too"},
    "dalam_judul_turun": {"id": "Saat IKM unit naik, skor pegawainya cenderung turun",
                            "en": "When a unit's IKM rises, its staff scores tend to fall"},
    "dalam_judul_tidak_jelas": {"id": "Naik-turun IKM dan skor pegawai tidak searah yang jelas",
                                "en": "IKM and staff scores do not move together clearly"},
    "dalam_alt": {
        "id": "Diagram pencar {n} sel unit-triwulan: selisih IKM dari rata-rata unit (sumbu "
              "datar) dan selisih skor kinerja (sumbu tegak), dengan garis kemiringan bersama; "
              "rmcorr {r}.",
        "en": "Scatter plot of {n} unit-quarter cells: IKM minus the unit mean (horizontal) "
              "and performance score minus the unit mean (vertical), with the common slope "
              "line; rmcorr {r}.",
    },
    "sumbu_ikm_dev": {"id": "IKM: selisih dari rata-rata unit (poin)",
                      "en": "IKM: difference from unit mean (points)"},
    "sumbu_skor_dev": {"id": "Skor kinerja: selisih dari rata-rata unit (poin)",
                       "en": "Performance score: difference from unit mean (points)"},
    "tabel_korelasi": {"id": "Korelasi IKM dengan skor pegawai",
                       "en": "Correlation of IKM with staff scores"},
    "col_tingkat": {"id": "Tingkat", "en": "Level"},
    "col_ukuran": {"id": "Skor pegawai", "en": "Staff score"},
    "col_metode": {"id": "Metode", "en": "Method"},
    "col_r": {"id": "r", "en": "r"},
    "col_ci": {"id": "IK 95 %", "en": "95% CI"},
    "col_p": {"id": "Nilai p", "en": "p-value"},
    "col_p_adj": {"id": "Nilai p (Holm)", "en": "p-value (Holm)"},
    "col_n": {"id": "n", "en": "n"},
    "antar_unit": {"id": "Antar unit", "en": "Between units"},
    "dalam_unit": {"id": "Dalam unit", "en": "Within units"},
    "gabungan": {"id": "Gabungan (menyesatkan)", "en": "Pooled (misleading)"},
    "pearson": {"id": "Pearson", "en": "Pearson"},
    "spearman": {"id": "Spearman", "en": "Spearman"},
    "skor_kinerja": {"id": "Skor kinerja", "en": "Performance score"},
    "kualitas_pelayanan": {"id": "Kualitas pelayanan", "en": "Service quality score"},
    # ---------------------------------------------------------------- elements
    "h_unsur": {"id": "## Unsur pelayanan mana yang paling sejalan dengan skor pegawai?",
                "en": "## Which service elements track staff scores most?"},
    "unsur_teks": {
        "id": "Korelasi NRR tiap unsur (U1–U9) dengan skor kinerja pegawai. Nilai p "
              "disesuaikan dengan metode Holm dalam tiap kolom (9 uji), untuk mengendalikan "
              "kemungkinan temuan kebetulan karena banyak uji. Dalam unit, unsur dengan "
              "korelasi terkuat adalah **{nama}** ({r}, {ci}; Holm: {p}).",
        "en": "Correlation of each element's NRR (U1–U9) with staff performance scores. "
              "p-values are adjusted by Holm's method within each column (9 tests) to guard "
              "against chance findings from many tests. Within units, the element with the "
              "strongest correlation is **{nama}** ({r}, {ci}; Holm: {p}).",
    },
    "unsur_judul": {"id": "Korelasi per unsur: {nama} paling kuat dalam unit",
                    "en": "Correlation by element: {nama} strongest within units"},
    "unsur_teks_antar": {
        "id": "Korelasi NRR tiap unsur (U1–U9) dengan skor kinerja pegawai. Nilai p "
              "disesuaikan dengan metode Holm dalam tiap kolom (9 uji), untuk mengendalikan "
              "kemungkinan temuan kebetulan karena banyak uji. Antar unit, unsur dengan "
              "korelasi terkuat adalah **{nama}** ({r}, {ci}; Holm: {p}).",
        "en": "Correlation of each element's NRR (U1–U9) with staff performance scores. "
              "p-values are adjusted by Holm's method within each column (9 tests) to guard "
              "against chance findings from many tests. Between units, the element with the "
              "strongest correlation is **{nama}** ({r}, {ci}; Holm: {p}).",
    },
    "unsur_judul_antar": {"id": "Korelasi per unsur: {nama} paling kuat antar unit",
                          "en": "Correlation by element: {nama} strongest between units"},
    "unsur_alt": {
        "id": "Peta panas korelasi sembilan unsur IKM dengan skor kinerja, per tingkat "
              "(antar unit, dalam unit) dan metode (Pearson, Spearman); nilai dari {min} "
              "sampai {max}.",
        "en": "Heat map of the correlation of the nine IKM elements with performance scores, "
              "by level (between, within units) and method (Pearson, Spearman); values from "
              "{min} to {max}.",
    },
    "sumbu_korelasi": {"id": "Korelasi (r)", "en": "Correlation (r)"},
    # ---------------------------------------------------------------- officers
    "h_petugas": {"id": "## Tingkat petugas: warga yang dilayani dan skor petugas",
                  "en": "## Officer level: citizens served and the officer's score"},
    "petugas_sampel": {
        "id": "Karena unitnya sangat banyak, model campuran dihitung pada sampel acak {n_unit} "
              "unit utuh (benih tetap; {n} petugas); korelasi dalam unit memakai semua petugas.",
        "en": "Because there are very many units, the mixed model was fitted on a seeded random "
              "sample of {n_unit} whole units ({n} officers); the within-unit correlation uses "
              "every officer.",
    },
    "petugas_teks": {
        "id": "Untuk {n} petugas yang tercatat melayani responden ({n_unit} unit; {n_buang} "
              "petugas dengan kurang dari {k} responden tidak dipakai), kepuasan rata-rata "
              "warga yang dilayani dibandingkan dengan skor petugas itu sendiri, hanya di antara "
              "rekan satu unit. Korelasi dalam unit: {r} ({ci}). Model campuran (MixedLM, "
              "intersep acak per unit): setiap 1 poin kepuasan berhubungan dengan {b} poin skor "
              "({ci_b}). {arti}",
        "en": "For {n} officers recorded as serving respondents ({n_unit} units; {n_buang} "
              "officers with fewer than {k} respondents left out), the mean satisfaction of "
              "the citizens they served is compared with the officer's own score, only among "
              "colleagues of the same unit. Within-unit correlation: {r} ({ci}). Mixed model "
              "(MixedLM, random intercept per unit): each point of satisfaction goes with "
              "{b} score points ({ci_b}). {arti}",
    },
    "petugas_teks_tanpa_model": {
        "id": "Untuk {n} petugas yang tercatat melayani responden ({n_unit} unit; {n_buang} "
              "petugas dengan kurang dari {k} responden tidak dipakai), kepuasan rata-rata "
              "warga yang dilayani dibandingkan dengan skor petugas itu sendiri, hanya di antara "
              "rekan satu unit. Korelasi dalam unit: {r} ({ci}). {arti} {model}",
        "en": "For {n} officers recorded as serving respondents ({n_unit} units; {n_buang} "
              "officers with fewer than {k} respondents left out), the mean satisfaction of "
              "the citizens they served is compared with the officer's own score, only among "
              "colleagues of the same unit. Within-unit correlation: {r} ({ci}). {arti} {model}",
    },
    "arti_petugas_naik": {
        "id": "Petugas yang dinilai lebih baik oleh warga cenderung mendapat skor lebih tinggi.",
        "en": "Officers rated better by citizens tend to get higher scores.",
    },
    "arti_petugas_turun": {
        "id": "Petugas yang dinilai lebih baik oleh warga cenderung mendapat skor lebih rendah.",
        "en": "Officers rated better by citizens tend to get lower scores.",
    },
    "arti_petugas_tidak_jelas": {
        "id": "Tidak terlihat hubungan yang jelas pada tingkat petugas.",
        "en": "No clear relation is seen at officer level.",
    },
    "petugas_susut": {
        "id": "Catatan penyusutan: rata-rata kepuasan per petugas didasarkan pada sedikit "
              "responden ({n_sedikit} petugas dengan kurang dari {n_min} responden), sehingga "
              "sebagian besar variasinya adalah derau. Keandalan median {lam} berarti estimasi "
              "empiris-Bayes akan menyusutkan kepuasan tiap petugas sekitar {susut} ke arah "
              "rata-rata unitnya; korelasi di atas karena itu cenderung mendekati nol.",
        "en": "Shrinkage note: each officer's mean satisfaction rests on few respondents "
              "({n_sedikit} officers with fewer than {n_min} respondents), so much of its "
              "variation is noise. A median reliability of {lam} means an empirical-Bayes "
              "estimate would shrink each officer's satisfaction by about {susut} toward the "
              "unit mean; the correlations above are therefore pulled toward zero.",
    },
    # ---------------------------------------------------------------- fairness
    "h_keadilan": {"id": "## Keadilan penilaian: skor pada kepuasan warga yang sama",
                   "en": "## Rating fairness: scores at equal citizen satisfaction"},
    "keadilan_teks": {
        "id": "Kekhawatiran yang sering disampaikan pegawai: apakah atasan menilai kelompok "
              "tertentu lebih rendah? Tabel membandingkan skor petugas dengan kelompok "
              "rujukan (kelompok terbesar) pada kepuasan warga yang sama dan di unit yang sama "
              "(efek tetap unit, galat baku robust HC1). Ini **asosiasi, bukan bukti bias**: "
              "kelompok bisa berbeda dalam hal lain yang tidak diukur. Kelompok dengan kurang "
              "dari {k} pegawai disembunyikan. {temuan}",
        "en": "A worry staff often voice: do supervisors rate some groups lower? The table "
              "compares officers' scores with the reference group (the largest) at the same "
              "citizen satisfaction and in the same unit (unit fixed effects, HC1 robust "
              "standard errors). This is **an association, not proof of bias**: groups may "
              "differ in other ways that are not measured. Groups with fewer than {k} staff "
              "are hidden. {temuan}",
    },
    "keadilan_ada": {
        "id": "Selisih yang intervalnya tidak mencakup nol: {daftar}. Dengan {m} perbandingan, "
              "sekitar {e} hasil seperti ini dapat muncul karena kebetulan.",
        "en": "Differences whose interval excludes zero: {daftar}. With {m} comparisons, "
              "about {e} such results can appear by chance.",
    },
    "keadilan_tidak_ada": {
        "id": "Tidak ada selisih yang intervalnya mengecualikan nol.",
        "en": "No difference has an interval that excludes zero.",
    },
    "col_karakteristik": {"id": "Karakteristik", "en": "Characteristic"},
    "col_kelompok": {"id": "Kelompok", "en": "Group"},
    "col_pegawai": {"id": "Petugas", "en": "Officers"},
    "col_selisih": {"id": "Selisih skor (poin)", "en": "Score difference (points)"},
    "rujukan": {"id": "rujukan", "en": "reference"},
    "jenis_kelamin": {"id": "Jenis kelamin", "en": "Sex"},
    "kelompok_usia": {"id": "Kelompok usia", "en": "Age band"},
    "golongan_ruang": {"id": "Golongan (PNS)", "en": "Grade (PNS golongan)"},
    "status_kepegawaian": {"id": "Status kepegawaian", "en": "Employment status"},
    # ---------------------------------------------------------------- rank gaps
    "h_selisih": {"id": "## Di mana warga dan atasan paling tidak sepakat?",
                  "en": "## Where do citizens and supervisors disagree most?"},
    "selisih_teks": {
        "id": "Unit diurutkan menurut IKM (warga) dan menurut skor pegawai rata-rata (atasan); "
              "peringkat 1 = tertinggi. Selisih positif: atasan menempatkan unit lebih tinggi "
              "daripada warga. Tanda ⚑ berarti selisih lebih besar daripada yang dapat "
              "dijelaskan oleh galat sampling survei dan naik-turun antartriwulan: rentang "
              "peringkat yang mungkin menurut IK 95 % IKM dan menurut IK 95 % skor tidak "
              "bertemu. {n_flag} dari {n} unit "
              "ditandai; unit dengan selisih terbesar adalah tempat pertama yang perlu "
              "ditinjau.",
        "en": "Units are ranked by IKM (citizens) and by mean staff score (supervisors); "
              "rank 1 = highest. A positive gap: supervisors place the unit higher than "
              "citizens do. ⚑ marks a gap larger than survey sampling noise and quarter-to-"
              "quarter fluctuation explain: the ranks the unit could hold given its IKM 95% "
              "CI and given its score 95% CI do not overlap. {n_flag} of {n} units are "
              "flagged; those with the largest gaps are where "
              "to look first.",
    },
    "col_unit": {"id": "Unit kerja", "en": "Work unit"},
    "col_ikm": {"id": "IKM", "en": "IKM"},
    "col_rank_ikm": {"id": "Peringkat IKM", "en": "IKM rank"},
    "col_rentang": {"id": "Rentang peringkat IKM", "en": "Plausible IKM ranks"},
    "col_rank_skor": {"id": "Peringkat skor", "en": "Score rank"},
    "ukuran_selisih": {"id": "selisih peringkat (mutlak)", "en": "rank gap (absolute)"},
    "col_gap": {"id": "Selisih peringkat", "en": "Rank gap"},
    "col_flag": {"id": "Di luar derau", "en": "Beyond noise"},
    "selisih_judul": {"id": "Selisih peringkat terbesar: {unit}",
                      "en": "Largest rank gap: {unit}"},
    "selisih_alt": {
        "id": "Diagram peringkat {n} unit menurut IKM dan menurut skor pegawai, dihubungkan "
              "garis; selisih terbesar di {unit} ({gap} peringkat).",
        "en": "Chart of the ranks of {n} units by IKM and by staff score, joined by lines; "
              "largest gap at {unit} ({gap} ranks).",
    },
    "sumbu_peringkat": {"id": "Peringkat (1 = tertinggi)", "en": "Rank (1 = highest)"},
    "legenda_ikm": {"id": "Peringkat IKM (warga)", "en": "IKM rank (citizens)"},
    "legenda_skor": {"id": "Peringkat skor (atasan)", "en": "Score rank (supervisors)"},
    # ---------------------------------------------------------------- inflation
    "h_inflasi": {"id": "## Apakah penilaian atasan terlalu murah hati?",
                  "en": "## Are supervisor ratings inflated?"},
    "inflasi_teks": {
        "id": "Porsi pegawai berpredikat Baik atau Sangat Baik (PermenPANRB 6/2022) menurut "
              "mutu IKM unit pada triwulan yang sama. Pada unit-triwulan bermutu {mutu_rendah} "
              "menurut warga, {p_rendah} pegawai tetap berpredikat Baik atau lebih; pada mutu "
              "{mutu_tinggi}: {p_tinggi}. Interval memperhitungkan pengelompokan pegawai dalam "
              "unit-triwulan. Catatan: pola distribusi SE MenPANRB 3/2023 membatasi sebaran "
              "predikat menurut predikat organisasi, sehingga predikat kurang bervariasi.",
        "en": "Share of staff rated Baik or Sangat Baik (PermenPANRB 6/2022) by the unit's "
              "IKM grade in the same quarter. In unit-quarters graded {mutu_rendah} by "
              "citizens, {p_rendah} of staff were still rated Baik or better; in grade "
              "{mutu_tinggi}: {p_tinggi}. Intervals account for staff being grouped in "
              "unit-quarters. Note: the SE MenPANRB 3/2023 distribution pattern limits "
              "ratings according to the organisation's rating, which compresses their spread.",
    },
    "inflasi_judul": {"id": "Mutu {mutu}: {p} pegawai tetap berpredikat Baik atau lebih",
                      "en": "Grade {mutu}: {p} of staff still rated Baik or better"},
    "inflasi_teks_satu": {
        "id": "Porsi pegawai berpredikat Baik atau Sangat Baik (PermenPANRB 6/2022) menurut "
              "mutu IKM unit pada triwulan yang sama. Semua unit-triwulan bermutu {mutu} "
              "menurut warga; {p} pegawainya berpredikat Baik atau lebih. Perbandingan "
              "antarmutu memerlukan unit-triwulan dengan mutu yang berbeda. Catatan: pola "
              "distribusi SE MenPANRB 3/2023 membatasi sebaran predikat menurut predikat "
              "organisasi, sehingga predikat kurang bervariasi.",
        "en": "Share of staff rated Baik or Sangat Baik (PermenPANRB 6/2022) by the unit's "
              "IKM grade in the same quarter. Every unit-quarter is graded {mutu} by citizens; "
              "{p} of their staff were rated Baik or better. A comparison between grades needs "
              "unit-quarters of different grades. Note: the SE MenPANRB 3/2023 distribution "
              "pattern limits ratings according to the organisation's rating, which "
              "compresses their spread.",
    },
    "inflasi_alt": {
        "id": "Diagram batang porsi pegawai berpredikat Baik/Sangat Baik menurut mutu IKM unit "
              "(A sampai D) dengan IK 95 %; dari {min} sampai {max}.",
        "en": "Bar chart of the share of staff rated Baik/Sangat Baik by unit IKM grade (A to "
              "D) with 95% CI; from {min} to {max}.",
    },
    "sumbu_mutu": {"id": "Mutu IKM unit-triwulan", "en": "Unit-quarter IKM grade"},
    "sumbu_porsi": {"id": "Porsi Baik/Sangat Baik (%)", "en": "Share Baik/Sangat Baik (%)"},
    "col_mutu": {"id": "Mutu IKM", "en": "IKM grade"},
    "col_sel": {"id": "Sel unit-triwulan", "en": "Unit-quarter cells"},
    "col_penilaian": {"id": "Penilaian pegawai", "en": "Staff ratings"},
    "col_porsi": {"id": "Porsi Baik/Sangat Baik", "en": "Share Baik/Sangat Baik"},
    # ---------------------------------------------------------------- method
    "h_metode": {"id": "## Catatan metode", "en": "## Method notes"},
    "metode_teks": {
        "id": "- IKM per unit-triwulan dihitung menurut PermenPANRB 14/2017 (NRR per unsur, "
              "bobot 1/9, dikali 25); sel dengan kurang dari {k} responden tidak dipakai.\n"
              "- Interval: Pearson dengan transformasi Fisher z; Spearman dengan galat baku "
              "Bonett–Wright; rmcorr dengan derajat bebas N − k − 1 (Bakdash & Marusich 2017).\n"
              "- IKM diukur per unit, skor per pegawai: korelasi unit adalah analisis ekologis "
              "dengan sedikit unit, bukan bukti hubungan pada tiap pegawai.\n"
              "- Semua hasil adalah asosiasi, bukan hubungan sebab-akibat.",
        "en": "- IKM per unit-quarter follows PermenPANRB 14/2017 (NRR per element, weight "
              "1/9, times 25); cells with fewer than {k} respondents are left out.\n"
              "- Intervals: Pearson by the Fisher z transformation; Spearman with the "
              "Bonett–Wright standard error; rmcorr with N − k − 1 degrees of freedom "
              "(Bakdash & Marusich 2017).\n"
              "- IKM is measured per unit and scores per person: unit correlations are an "
              "ecological analysis with few units, not evidence about each staff member.\n"
              "- All results are associations, not cause and effect.",
    },
}
