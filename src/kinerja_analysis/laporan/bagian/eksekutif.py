"""Page 04, executive summary: headline findings, the per-unit traffic light, next steps.

Built from the merged results of pages 00-03 only (``laporan.hasil.gabung(results_dir)``),
so every number is one a detailed page shows. Any of those sections, keys or values may be
absent or ``null`` (with its reason in ``section["tidak_tersedia"]``): a finding, a light or
a step is made only from what exists, and a question with nothing to show gets one sentence
naming the page that has no result (reason code ``tanpa_hasil``). The findings, evidence
strength and lights are :mod:`kinerja_analysis.laporan.eksekutif`.

Results section ``ringkasan_eksekutif``:

* ``temuan``: the findings as printed (without ``kekuatan_teks``); ``null`` with reason
  ``tanpa_hasil`` when there is none;
* ``lampu_unit``: one row per unit of the latest quarter; ``null`` with reason
  ``tanpa_hasil`` without per-unit IKM of that quarter;
* ``tanpa_hasil`` (only when not empty): the questions with no result, ``{bagian, kode,
  halaman, kalimat}``.

Examples
--------
>>> hal = bangun({}, Parameter(lang="en"))
>>> [b.kunci for b in hal], [b.alasan for b in hal]
(['pengantar', 'temuan', 'lampu', 'langkah'], [None, 'tanpa_hasil', 'tanpa_hasil', 'tanpa_hasil'])
>>> hal.hasil["ringkasan_eksekutif"]["tidak_tersedia"]
{'temuan': 'tanpa_hasil', 'lampu_unit': 'tanpa_hasil'}
>>> print(hal["lampu"].teks())
## Traffic light by unit
Page 00 (Data Overview) produced no figures for this section; see the reason there.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ... import i18n
from ...ikm import UNSUR
from .. import eksekutif as ek
from .. import hasil as _hasil
from .. import naskah, naskah_eksekutif, naskah_hambatan, tampilan, teks
from . import Bagian, Halaman, Tabel, Teks, arah, kosong
from . import Parameter as _Parameter

__all__ = ["MASUKAN", "NAMA", "Parameter", "bangun"]

NAMA = "04_ringkasan_eksekutif"

#: What each section reads from the merged results (``section.key``); every one may be
#: absent or ``null``. The page that writes each is in :data:`SUMBER`.
MASUKAN: dict[str, tuple[str, ...]] = {
    "pengantar": (),
    "temuan": ("ikm.periode_akhir", "ikm.keseluruhan_periode_akhir", "dampak.ikm",
               "dampak.skor_kinerja", "dampak.kehadiran", "dampak.desain",
               "dampak.pembinaan_rd", "korelasi.antar_unit", "korelasi.dalam_unit",
               "hambatan.efek_pelatihan_pemahaman", "hambatan.prevalensi"),
    "lampu": ("ikm.periode_akhir", "ikm.per_unit", "korelasi.selisih_peringkat",
              "hambatan.prevalensi"),
    "langkah": ("ikm.rencana_tindak_lanjut", "ikm.unsur", "hambatan.rekomendasi",
                "dampak.ikm"),
}

#: The page that writes each results section.
SUMBER: dict[str, str] = {
    "ikm": "00_gambaran_data",
    "dampak": "01_dampak_evaluasi",
    "korelasi": "02_korelasi_survei_skor",
    "hambatan": "03_hambatan_adopsi",
}

_LAMPU = ("lampu_ikm", "lampu_perubahan", "lampu_selisih", "lampu_paham")
_NAMA_UNSUR = {u.kode: {"id": u.nama_id, "en": u.nama_en} for u in UNSUR}


@dataclass(frozen=True)
class Parameter(_Parameter):
    """Parameters of page 04: the shared ones, plus the most findings and the most steps
    (before the 'null effect' step) shown."""

    maks_temuan: int = ek.MAKS_TEMUAN
    maks_langkah: int = 5


def _halaman(page: str, lang: str) -> str:
    """'01 (Dampak Evaluasi Kinerja)': a page as the sentences name it."""
    return i18n.translate(naskah_eksekutif.EKSEKUTIF, "halaman", lang, nomor=page[:2],
                          judul=i18n.translate(teks.JUDUL, page, lang))


def _tanpa_hasil(bagian: str, kode: str, page: str, lang: str) -> dict[str, Any]:
    """One question without results: its entry for results.json, with the sentence."""
    T = naskah.Naskah(naskah_eksekutif.EKSEKUTIF, lang)
    kal = T("tanpa_hasil_topik", topik=T("topik_" + kode), halaman=_halaman(page, lang))
    return {"bagian": bagian, "kode": kode, "halaman": page, "kalimat": kal}


def _sub(res: Mapping[str, Any], section: str) -> Mapping[str, Any]:
    v = res.get(section) if isinstance(res, Mapping) else None
    return v if isinstance(v, Mapping) else {}


# ------------------------------------------------------------------------ sections


def _bagian_temuan(found: list[dict[str, Any]], missing: list[dict[str, Any]],
                   T: naskah.Naskah) -> Bagian:
    blok: list[Any] = [Teks(T("h_temuan"))]
    if found:
        blok.append(Teks("\n".join(f"{i}. {t['kalimat']} — *{T('kekuatan')}: "
                                   f"{t['kekuatan_teks']}*" for i, t in enumerate(found, 1))))
    if missing:
        blok.append(Teks("\n\n".join(m["kalimat"] for m in missing)))
    if found:
        blok.append(Teks(T("penjelasan_kekuatan")))
    return Bagian("temuan", blok, alasan=None if found else "tanpa_hasil")


def _ikm_mutu(ikm: Any, mutu: Any, lang: str) -> str:
    """'91,76 (A)': a unit's latest IKM with its grade; '–' without an IKM."""
    if not ek._angka(ikm):
        return i18n.MISSING
    return f"{i18n.fmt_number(ikm, 2, lang)} ({mutu if isinstance(mutu, str) else i18n.MISSING})"


def _bagian_lampu(rows: list[dict[str, Any]] | None, periode: str | None,
                  p: Parameter, T: naskah.Naskah) -> Bagian:
    lang = p.lang
    if not rows:
        return kosong("lampu", T("h_lampu"), "tanpa_hasil", lang,
                      halaman=_halaman(SUMBER["ikm"], lang))
    lampu = pd.DataFrame(rows)
    show = lampu.assign(n_merah=(lampu[list(_LAMPU)] == "merah").sum(axis=1),
                        n_kuning=(lampu[list(_LAMPU)] == "kuning").sum(axis=1))
    show, info = tampilan.pilih_unit(show, "unit_kerja", ["n_merah", "n_kuning"],
                                     p.maks_unit_tampil, "tertinggi")
    show = show.copy()
    show["ikm"] = [_ikm_mutu(v, m, lang) for v, m in zip(show["ikm"], show["mutu"], strict=True)]
    show = show[["unit_kerja", "ikm", *_LAMPU]]
    spec = {c: (lambda v: ek.label_lampu(v, lang)) for c in _LAMPU}
    headers = {"unit_kerja": T("col_unit"),
               "ikm": T("col_ikm", periode=i18n.fmt_periode(periode, lang)),
               "lampu_ikm": ek.label_kolom("l_ikm", lang),
               "lampu_perubahan": ek.label_kolom("l_perubahan", lang),
               "lampu_selisih": ek.label_kolom("l_selisih", lang),
               "lampu_paham": ek.label_kolom("l_paham", lang)}
    blok: list[Any] = [Teks(T("h_lampu")), Teks(T("lampu_teks")),
                       Tabel(show.reset_index(drop=True), spec, lang, headers)]
    if info["dipotong"]:
        blok.append(Teks(tampilan.kalimat_pilihan(info, T("ukuran_lampu"), lang)))
    return Bagian("lampu", blok)


def _label_sasaran(r: Mapping[str, Any], s: str, lang: str) -> tuple[str, str]:
    """A recommendation's target as page 03 labels it, as (dimension label or "", label):
    a theme's label, a staff group under its dimension's name, or a scale's name (never a
    raw code such as ``pemahaman``)."""
    H = naskah_hambatan.HAMBATAN
    if r.get("kode") == "tindak_lanjut_tema":
        return "", _label_tema(s, lang)
    dim = r.get("dimensi")
    if isinstance(dim, str):
        dim_label = i18n.translate(H, "dimensi_" + dim, lang) if "dimensi_" + dim in H else dim
        if s in ("semua", "tidak_diketahui") and "kelompok_" + s in H:
            s = i18n.translate(H, "kelompok_" + s, lang)
        return dim_label, s
    if "skala_" + s in H:
        return "", i18n.translate(H, "skala_" + s, lang)
    return "", s


def _label_tema(tema: str, lang: str) -> str:
    """The label of a comment theme (page 03's lexicon); the code when it is not there."""
    from ...hambatan import muat_leksikon

    if tema == "lainnya":
        return i18n.translate(naskah_hambatan.HAMBATAN, "tema_lainnya", lang)
    return str((muat_leksikon().get(tema) or {}).get(lang) or tema)


def _langkah(res: Mapping[str, Any], p: Parameter) -> tuple[list[str], list[dict[str, Any]]]:
    """The next steps (text) and the step sources without results."""
    lang = p.lang
    T = naskah.Naskah(naskah_eksekutif.EKSEKUTIF, lang)
    G = naskah.Naskah(naskah.GAMBARAN, lang)
    H = naskah.Naskah(naskah_hambatan.HAMBATAN, lang)
    ikm, ham = _sub(res, "ikm"), _sub(res, "hambatan")
    steps: list[str] = []
    missing: list[dict[str, Any]] = []

    rtl = ikm.get("rencana_tindak_lanjut")
    if not isinstance(rtl, list):
        missing.append(_tanpa_hasil("langkah", "rtl", SUMBER["ikm"], lang))
    else:
        first = next((r for r in rtl if isinstance(r, Mapping)
                      and r.get("unsur") in _NAMA_UNSUR), None)
        if first is not None:
            u = first["unsur"]
            names = {x.get("unsur"): x for x in ikm.get("unsur") or [] if isinstance(x, Mapping)}
            nama = names.get(u, {}).get("nama_" + lang) or _NAMA_UNSUR[u][lang]
            steps.append(T("langkah_rtl", unsur=nama,
                           nrr=i18n.fmt_number(first.get("nrr"), 3, lang),
                           kegiatan=G("rtl_" + u)))

    rek = ham.get("rekomendasi")
    if not isinstance(rek, list):
        missing.append(_tanpa_hasil("langkah", "rekomendasi", SUMBER["hambatan"], lang))
    else:
        # kode -> {dimension label or "": targets}, each in order of first appearance
        sasaran: dict[str, dict[str, list[str]]] = {}
        for r in rek:
            kode = r.get("kode") if isinstance(r, Mapping) else None
            if not isinstance(kode, str) or "tindakan_" + kode not in naskah_hambatan.HAMBATAN:
                continue
            groups = sasaran.setdefault(kode, {})
            s = r.get("sasaran")
            if s is None:
                continue
            dim, label = _label_sasaran(r, str(s), lang)
            targets = groups.setdefault(dim, [])
            if label not in targets:
                targets.append(label)
        for kode, groups in sasaran.items():
            text = "; ".join((f"{dim}: " if dim else "") + ", ".join(t)
                             for dim, t in groups.items())
            steps.append(T("langkah_rek", tindakan=H("tindakan_" + kode), sasaran=text)
                         if text else H("tindakan_" + kode))
    steps = steps[:p.maks_langkah]

    dampak_ikm = _sub(_sub(res, "dampak"), "ikm")
    att = _sub(dampak_ikm, "att")
    mde = dampak_ikm.get("mde")
    if (ek._ada_interval(att) and arah(att["ci_low"], att["ci_high"]) == "tidak_jelas"
            and ek._angka(mde) and mde > 0 and att.get("n_units") is not None):
        steps.append(T("langkah_nol", n=i18n.fmt_int(att["n_units"], lang),
                       mde=i18n.fmt_number(mde, 1, lang)))
    return steps, missing


def _bagian_langkah(steps: list[str], missing: list[dict[str, Any]],
                    T: naskah.Naskah) -> Bagian:
    blok: list[Any] = [Teks(T("h_langkah"))]
    if steps:
        blok.append(Teks("\n".join(f"{i}. {s}" for i, s in enumerate(steps, 1))))
    if missing:
        blok.append(Teks("\n\n".join(m["kalimat"] for m in missing)))
    if not steps and not missing:
        blok.append(Teks(T("langkah_tidak_ada")))
    unavailable = not steps and len(missing) == 2  # neither source has results
    return Bagian("langkah", blok, alasan="tanpa_hasil" if unavailable else None)


# ---------------------------------------------------------------------------- page


def bangun(res: Mapping[str, Any], params: Parameter | None = None) -> Halaman:
    """Page 04 from the merged results of pages 00-03.

    Parameters
    ----------
    res : Mapping
        ``laporan.hasil.gabung(results_dir)``; any section, key or value may be absent or
        ``null``.
    params : Parameter, optional

    Returns
    -------
    Halaman
        Sections ``pengantar``, ``temuan``, ``lampu``, ``langkah``; results section
        ``ringkasan_eksekutif`` (see the module docstring).
    """
    p = params or Parameter()
    lang = p.lang
    res = res if isinstance(res, Mapping) else {}
    T = naskah.Naskah(naskah_eksekutif.EKSEKUTIF, lang)
    hal = Halaman(NAMA)

    found = ek.temuan(res, lang, p.maks_temuan)
    missing = [_tanpa_hasil("temuan", q, page, lang)
               for q, page in ek.pertanyaan_tanpa_hasil(res)]
    lampu = ek.lampu_unit(res, lang)
    steps, missing_steps = _langkah(res, p)

    sec: dict[str, Any] = {
        "temuan": [{k: v for k, v in t.items() if k != "kekuatan_teks"} for t in found],
        "lampu_unit": _hasil.to_jsonable(lampu, decimals=2),
    }
    if not found:
        _hasil.tandai_kosong(sec, "temuan", "tanpa_hasil")
    if not len(lampu):
        _hasil.tandai_kosong(sec, "lampu_unit", "tanpa_hasil")
    if missing or missing_steps:
        sec["tanpa_hasil"] = [*missing, *missing_steps]
    hal.hasil["ringkasan_eksekutif"] = sec = _hasil.to_jsonable(sec)

    # the sections show the saved (rounded) values
    shown = [{**t, "kekuatan_teks": f["kekuatan_teks"]}
             for t, f in zip(sec["temuan"] or [], found, strict=True)]
    hal.tambah(Bagian("pengantar", [Teks(T("pengantar"))]))
    hal.tambah(_bagian_temuan(shown, missing, T))
    hal.tambah(_bagian_lampu(sec["lampu_unit"], _sub(res, "ikm").get("periode_akhir"), p, T))
    hal.tambah(_bagian_langkah(steps, missing_steps, T))
    return hal
