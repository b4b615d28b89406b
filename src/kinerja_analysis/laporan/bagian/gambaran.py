"""Page 00, "Gambaran data": rows read and rejected, survey coverage, IKM, NRR, predikat.

:func:`bangun` computes every figure of the page from the processed tables
(:mod:`kinerja_analysis.gambaran`), rounds them once into the results.json sections
``data``, ``ikm`` and ``skp`` (:attr:`Halaman.hasil <kinerja_analysis.laporan.bagian.Halaman>`)
and builds the sections from those rounded values, so the page shows exactly the numbers
of results.json.

Sections (in page order) and what each needs; a section without its input shows its
heading and one sentence (reason code in brackets, see docs/results_schema.md):

* ``ringkasan``: any of kebijakan, pegawai, survei_kepuasan; its IKM sentence needs the
  survey in the reported quarter (``tanpa_berkas``, ``tanpa_data_periode``,
  ``disembunyikan``, ``unsur_kosong``);
* ``baris_input``: the prepare summary (``tanpa_ringkasan``);
* ``cakupan``: survei_kepuasan (``tanpa_berkas``, ``data_kurang``);
* ``ikm_unit``: the survey in the quarter and a unit cell of at least ``k_min_responden``
  (``tanpa_berkas``, ``tanpa_data_periode``, ``disembunyikan``);
* ``ikm_tren``: the IKM of all units in two quarters or more (``triwulan_kurang``);
* ``ikm_peta``: a published unit-quarter IKM (``disembunyikan``);
* ``unsur``, ``rtl``: the survey in the quarter, at least ``k_min_responden`` respondents;
* ``profil``: as ``unsur``, and a filled profile column (``tanpa_kolom``);
* ``predikat``, ``predikat_unit``: penilaian_kinerja with predikat in the quarter
  (``tanpa_berkas``, ``tanpa_predikat``, ``tanpa_data_periode``, ``disembunyikan``).

``ikm_tren``, ``ikm_peta`` and ``predikat_unit`` have no heading of their own: when they
lack data for the same reason as the section above them, the sentence is said once and
they keep only the reason code.

Rules decided here, once: the trend title says up or down only when the 95 % interval of
the change from the first to the last quarter excludes 0 (:func:`~.arah` on
:func:`kinerja_analysis.gambaran.beda_ikm`), else "no clear change"; the follow-up plan's
time frame is the quarter after the reported one (:func:`kinerja_analysis.triwulan.geser`);
with more than ``maks_unit_tampil`` units the tables and charts show the units that matter
(:func:`kinerja_analysis.laporan.tampilan.pilih_unit`), results.json keeps every unit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ... import gambaran, i18n, ikm, triwulan
from .. import hasil as _hasil
from .. import naskah
from .. import tampilan as tp
from . import Bagian, Gambar, Halaman, Tabel, Teks, arah, kalimat_alasan, kosong, periode_laporan
from . import Parameter as _Parameter

__all__ = ["ALASAN_GAMBARAN", "BUTUH", "Parameter", "bangun"]


@dataclass(frozen=True)
class Parameter(_Parameter):
    """Parameters of page 00 (the notebook's parameters cell): only the shared ones."""


#: Page-specific reason codes (the generic ones are in :data:`~.ALASAN`).
ALASAN_GAMBARAN: dict[str, dict[str, str]] = {
    "tanpa_predikat": {
        "id": "Bagian ini memerlukan predikat kinerja pada berkas penilaian_kinerja (kolom "
        "predikat, atau kolom rating_hasil_kerja dan rating_perilaku_kerja agar predikat "
        "diturunkan), yang tidak diisi. Isi kolom tersebut agar bagian ini dapat dihitung.",
        "en": "This section needs the performance rating in penilaian_kinerja (the column "
        "predikat, or the columns rating_hasil_kerja and rating_perilaku_kerja to derive it), "
        "which is empty or absent. Fill those columns to produce it.",
    },
    "unsur_kosong": {
        "id": "IKM seluruh unit pada {periode} tidak dapat dihitung karena unsur {unsur} tidak "
        "dijawab oleh satu pun responden; IKM memerlukan jawaban untuk kesembilan unsur.",
        "en": "The IKM of all units in {periode} cannot be computed because no respondent "
        "answered {unsur}; the IKM needs answers for all nine elements.",
    },
    "tanpa_ringkasan": {
        "id": "Ringkasan penyiapan data (ringkasan.json) tidak memuat daftar berkas input; "
        "jalankan ulang `kinerja prepare` agar jumlah baris dapat ditampilkan.",
        "en": "The data-preparation summary (ringkasan.json) lists no input files; run "
        "`kinerja prepare` again to show the row counts.",
    },
}

#: The tables and columns each section cannot do without (checked by ``_Page.cek`` before
#: the section is built: an absent table gives ``tanpa_berkas``, an absent column
#: ``tanpa_kolom``). Softer needs (a quarter with data, enough respondents, a filled
#: predikat or profile column) are checked where the figures are computed.
BUTUH: dict[str, dict[str, tuple[str, ...]]] = {
    "ringkasan": {},  # uses whichever of kebijakan, pegawai, survei_kepuasan are present
    "baris_input": {},
    "cakupan": {"survei_kepuasan": ("unit_kerja", "triwulan")},
    "ikm_unit": {"survei_kepuasan": ("unit_kerja", "triwulan", *ikm.UNSUR_KODE)},
    "ikm_tren": {"survei_kepuasan": ("triwulan", *ikm.UNSUR_KODE)},
    "ikm_peta": {"survei_kepuasan": ("unit_kerja", "triwulan", *ikm.UNSUR_KODE)},
    "unsur": {"survei_kepuasan": ("triwulan", *ikm.UNSUR_KODE)},
    "profil": {"survei_kepuasan": ("triwulan",)},
    "rtl": {"survei_kepuasan": ("triwulan", *ikm.UNSUR_KODE)},
    "predikat": {"penilaian_kinerja": ("unit_kerja", "triwulan")},
    "predikat_unit": {"penilaian_kinerja": ("unit_kerja", "triwulan")},
}

_SURVEI = "survei_kepuasan"
_PENILAIAN = "penilaian_kinerja"
_IKM_KEYS = ("keseluruhan_periode_akhir", "per_unit", "keseluruhan", "unsur",
             "profil_responden", "rencana_tindak_lanjut")
_NAMA_UNSUR = {lang: {u.kode: getattr(u, f"nama_{lang}") for u in ikm.UNSUR}
               for lang in ("id", "en")}


def _tabel_atau_none(data: Any, name: str) -> pd.DataFrame | None:
    """``data.<name>`` or None (absent input, or an object without that attribute)."""
    try:
        return getattr(data, name)
    except AttributeError:
        return None


def _sampai(frame: pd.DataFrame | None, periode: str) -> pd.DataFrame | None:
    """Rows up to ``periode`` (the loaded data are already cut; fakes may not be)."""
    if frame is None or "triwulan" not in frame.columns:
        return frame
    later = frame["triwulan"].notna() & (frame["triwulan"] > periode)
    return frame[~later].reset_index(drop=True) if later.any() else frame


def _daftar(items: list[str], lang: str) -> naskah.Kalimat:
    """``a, b dan c`` (id) / ``a, b and c`` (en).

    Examples
    --------
    >>> _daftar(["x", "y", "z"], "id"), _daftar(["x"], "en"), _daftar(["x", "y"], "en")
    ('x, y dan z', 'x', 'x and y')
    """
    if len(items) <= 1:
        return naskah.gabung("", items)
    sep = " dan " if lang == "id" else " and "
    return naskah.gabung(sep, [naskah.gabung(", ", items[:-1]), items[-1]])


def _ik95(lo: Any, hi: Any, decimals: int, lang: str, kosong_teks: str = "–") -> str:
    """``85,88 sampai 87,23`` (the interval without its label), ``kosong_teks`` if missing.

    Examples
    --------
    >>> _ik95(85.88, 87.23, 2, "id"), _ik95(None, 1.0, 2, "en")
    ('85,88 sampai 87,23', '–')
    """
    if lo is None or hi is None or pd.isna(lo) or pd.isna(hi):
        return kosong_teks
    return i18n.fmt_ci(lo, hi, decimals, lang).split(": ", 1)[-1]


class _Page:
    """The state shared by the section builders of one page run."""

    def __init__(self, data: Any, params: Parameter):
        self.p = params
        self.lang = params.lang
        self.T = naskah.Naskah(naskah.GAMBARAN, self.lang)
        self.periode = periode_laporan(data, params.periode_akhir)
        per = self.periode
        self.kebijakan = _tabel_atau_none(data, "kebijakan")
        self.pegawai = _tabel_atau_none(data, "pegawai")
        self.survei = _tabel_atau_none(data, _SURVEI)
        self.penilaian = _tabel_atau_none(data, _PENILAIAN)
        if per is not None:
            self.survei = _sampai(self.survei, per)
            self.penilaian = _sampai(self.penilaian, per)
        self.ringkasan = getattr(data, "ringkasan", None) or {}
        self.hal = Halaman("00_gambaran_data")
        #: reason (code, params) of each IKM key that is null
        self.alasan_ikm: dict[str, tuple[str, dict[str, Any]]] = {}
        self.alasan_skp: tuple[str, dict[str, Any]] | None = None

    # ---------------------------------------------------------------- helpers

    def fp(self, periode: str) -> str:
        return i18n.fmt_periode(periode, self.lang)

    def num(self, x: Any, d: int = 2) -> str:
        return i18n.fmt_number(x, d, self.lang)

    def kosong(self, kunci: str, judul_key: str | None, kode: str, **params: Any) -> Bagian:
        judul = self.T(judul_key) if judul_key else None
        params = {k: i18n.fmt_int(v, self.lang) if isinstance(v, int) else v
                  for k, v in params.items()}
        return kosong(kunci, judul, kode, self.lang, ALASAN_GAMBARAN, **params)

    def cek(self, kunci: str, judul_key: str | None) -> Bagian | None:
        """The empty section when a table or column of :data:`BUTUH` is absent, else None."""
        for berkas, kolom in BUTUH[kunci].items():
            frame = {_SURVEI: self.survei, _PENILAIAN: self.penilaian}[berkas]
            if frame is None:
                return self.kosong(kunci, judul_key, "tanpa_berkas", berkas=berkas)
            missing = [c for c in kolom if c not in frame.columns]
            if missing:
                return self.kosong(kunci, judul_key, "tanpa_kolom", berkas=berkas,
                                   kolom=", ".join(missing))
        return None

    def kalimat(self, kode: str, **params: Any) -> str:
        params = {k: i18n.fmt_int(v, self.lang) if isinstance(v, int) else v
                  for k, v in params.items()}
        return kalimat_alasan(kode, self.lang, ALASAN_GAMBARAN, **params)

    # ------------------------------------------------------------ results.json

    def hitung(self) -> None:
        """Compute, round and store the results sections; the sections read them back."""
        self.hitung_data()
        self.hitung_ikm()
        self.hitung_skp()

    def hitung_data(self) -> None:
        baris = gambaran.baris_input(self.ringkasan)
        self.hal.hasil["data"] = _hasil.to_jsonable({
            r.input: {"file": r.file, "read": r.read, "accepted": r.accepted,
                      "rejected": r.rejected}
            for r in baris.itertuples()})

    def _ikm_kosong(self, keys: tuple[str, ...], kode: str, **params: Any) -> None:
        for key in keys:
            if key not in self.alasan_ikm:
                self.alasan_ikm[key] = (kode, params)

    def hitung_ikm(self) -> None:
        per, k = self.periode, self.p.k_min_responden
        out: dict[str, Any] = {"periode_akhir": per}
        s = self.survei
        self.total_se: pd.DataFrame | None = None  # with the SEs the trend's direction uses
        self.survei_periode: pd.DataFrame | None = None
        if s is None:
            self._ikm_kosong(_IKM_KEYS, "tanpa_berkas", berkas=_SURVEI)
        elif len(s) == 0 or per is None:
            self._ikm_kosong(_IKM_KEYS, "tanpa_data_periode", berkas=_SURVEI,
                             periode=self.fp(per) if per else "–")
        else:
            per_unit = gambaran.ikm_unit_periode(s, k)
            per_unit["estimate"], per_unit["n"] = per_unit["ikm"], per_unit["n_responden"]
            self.total_se = gambaran.ikm_keseluruhan(s, k, se=True)
            total = self.total_se.drop(columns="se")
            total["estimate"], total["n"] = total["ikm"], total["n_responden"]
            out["per_unit"] = _hasil.to_jsonable(per_unit, decimals=2)
            out["keseluruhan"] = _hasil.to_jsonable(total, decimals=2)
            now = s[s["triwulan"] == per]
            self.survei_periode = now
            if len(now) == 0:
                self._ikm_kosong(_IKM_KEYS[3:] + _IKM_KEYS[:1], "tanpa_data_periode",
                                 berkas=_SURVEI, periode=self.fp(per))
            elif len(now) < k:
                self._ikm_kosong(_IKM_KEYS[3:] + _IKM_KEYS[:1], "disembunyikan", k=k)
            else:
                last = total[total["periode"] == per].iloc[0]
                unsur = gambaran.nrr_unsur(s, per)
                if pd.isna(last["ikm"]):
                    tanpa = unsur.loc[unsur["nrr"].isna(), f"nama_{self.lang}"].tolist()
                    self._ikm_kosong(("keseluruhan_periode_akhir",), "unsur_kosong",
                                     periode=self.fp(per), unsur=_daftar(tanpa, self.lang))
                else:
                    out["keseluruhan_periode_akhir"] = _hasil.estimate(
                        last["ikm"], last["ci_low"], last["ci_high"], int(last["n_responden"]),
                        decimals=2, mutu=last["mutu"], kinerja_unit=last["kinerja_unit"])
                out["unsur"] = _hasil.to_jsonable(
                    unsur[["unsur", "nama_id", "nama_en", "nrr", "n", "terendah"]], 3)
                prof = gambaran.profil_responden(s, per, k)
                if len(prof):
                    out["profil_responden"] = _hasil.to_jsonable(prof, 4)
                else:
                    self._ikm_kosong(("profil_responden",), "tanpa_kolom", berkas=_SURVEI,
                                     kolom=", ".join(("jenis_kelamin", "usia",
                                                      *gambaran.PROFIL[2:])))
                out["rencana_tindak_lanjut"] = _hasil.to_jsonable(
                    gambaran.rencana_tindak_lanjut(unsur), 3)
        section: dict[str, Any] = {}
        for key in ("periode_akhir", *_IKM_KEYS):  # today's key order
            if key in out:
                section[key] = out[key]
            else:
                _hasil.tandai_kosong(section, key, self.alasan_ikm[key][0])
        if per is None:  # no quarter at all: neither scores nor a citizen survey
            _hasil.tandai_kosong(section, "periode_akhir",
                                 self.alasan_ikm["keseluruhan_periode_akhir"][0])
        if _hasil.TIDAK_TERSEDIA in section:  # after the keys, as tandai_kosong adds it
            section[_hasil.TIDAK_TERSEDIA] = section.pop(_hasil.TIDAK_TERSEDIA)
        self.hal.hasil["ikm"] = section

    def hitung_skp(self) -> None:
        per, k = self.periode, self.p.k_min_pegawai
        pen = self.penilaian
        section: dict[str, Any] = {"periode": per, "n": None, "k_min_pegawai": k,
                                   "predikat": None}
        if pen is None:
            self.alasan_skp = ("tanpa_berkas", {"berkas": _PENILAIAN})
        elif "predikat" not in pen.columns or not pen["predikat"].notna().any():
            self.alasan_skp = ("tanpa_predikat", {})
        elif per is None or not (pen["predikat"].notna() & (pen["triwulan"] == per)).any():
            self.alasan_skp = ("tanpa_data_periode",
                               {"berkas": _PENILAIAN, "periode": self.fp(per) if per else "–"})
        else:
            pred = gambaran.distribusi_predikat(pen, per, k)
            section["n"] = int(pred.attrs["n_total"])
            if section["n"] < k:
                self.alasan_skp = ("disembunyikan", {"k": k})
            else:
                section["predikat"] = _hasil.to_jsonable(pred, decimals=4)
        if self.alasan_skp is not None:
            kode = self.alasan_skp[0]
            if per is None:
                _hasil.tandai_kosong(section, "periode", kode)
            if section["n"] is None:
                _hasil.tandai_kosong(section, "n", kode)
            _hasil.tandai_kosong(section, "predikat", kode)
        self.hal.hasil["skp"] = _hasil.to_jsonable(section)

    def ikm_null(self, key: str, kunci: str, judul_key: str | None) -> Bagian | None:
        """The empty section for a null IKM key, or None when the key has a value."""
        if self.hal.hasil["ikm"].get(key) is not None:
            return None
        kode, params = self.alasan_ikm[key]
        return self.kosong(kunci, judul_key, kode, **params)

    # --------------------------------------------------------------- sections

    def ringkasan_bagian(self) -> Bagian:
        T, lang, per = self.T, self.lang, self.periode
        R = self.hal.hasil["ikm"]
        K = R.get("keseluruhan_periode_akhir")
        judul = Teks(T("h_ringkasan"))
        if per is None:
            return self.kosong("ringkasan", "h_ringkasan", "tanpa_berkas",
                               berkas=f"{_PENILAIAN} / {_SURVEI}")
        n_unit = (self.kebijakan["unit_kerja"].nunique() if self.kebijakan is not None
                  else None)
        n_pegawai = len(self.pegawai) if self.pegawai is not None else None
        n_resp = len(self.survei) if self.survei is not None else None
        ikm_params = {}
        if K is not None:
            ikm_params = dict(ikm=self.num(K["estimate"]), low=self.num(K["ci_low"]),
                              high=self.num(K["ci_high"]), mutu=K["mutu"],
                              kinerja=T("mutu_" + K["mutu"]),
                              n_akhir=i18n.fmt_int(K["n"], lang))
        starts = [str(f["triwulan"].dropna().min()) for f in (self.survei, self.penilaian)
                  if f is not None and "triwulan" in f.columns and f["triwulan"].notna().any()]
        if K is not None and n_unit is not None and n_pegawai is not None and \
                min(r["periode"] for r in R["keseluruhan"]) != per:
            awal = min(r["periode"] for r in R["keseluruhan"])
            return Bagian("ringkasan", [judul, Teks(T(
                "ringkasan", n_unit=i18n.fmt_int(n_unit, lang),
                n_pegawai=i18n.fmt_int(n_pegawai, lang),
                n_responden=i18n.fmt_int(n_resp, lang),
                awal=self.fp(awal), akhir=self.fp(per), **ikm_params))])
        parts = []
        if n_unit is not None:
            parts.append(T("bag_unit", n=i18n.fmt_int(n_unit, lang)))
        if n_pegawai is not None:
            parts.append(T("bag_pegawai", n=i18n.fmt_int(n_pegawai, lang)))
        if n_resp is not None:
            parts.append(T("bag_responden", n=i18n.fmt_int(n_resp, lang)))
        awal = min(starts) if starts else per
        if parts and awal == per:  # one quarter: "in Q4 2025", not "from Q4 2025 to Q4 2025"
            kal = T("ringkasan_data_satu", daftar=_daftar(parts, lang), akhir=self.fp(per))
        elif parts:
            kal = T("ringkasan_data", daftar=_daftar(parts, lang), awal=self.fp(awal),
                    akhir=self.fp(per))
        elif awal == per:
            kal = T("ringkasan_periode_satu", akhir=self.fp(per))
        else:
            kal = T("ringkasan_periode", awal=self.fp(awal), akhir=self.fp(per))
        if K is not None:
            kal += " " + T("ringkasan_ikm", akhir=self.fp(per), **ikm_params)
        else:
            kode, params = self.alasan_ikm["keseluruhan_periode_akhir"]
            kal += " " + self.kalimat(kode, **params)
        return Bagian("ringkasan", [judul, Teks(kal)])

    def baris_bagian(self) -> Bagian:
        T, lang = self.T, self.lang
        R = self.hal.hasil["data"]
        if not R:
            return self.kosong("baris_input", "h_baris", "tanpa_ringkasan")
        b = pd.DataFrame([{"input": k, **v} for k, v in R.items()])
        return Bagian("baris_input", [
            Teks(T("h_baris")),
            Teks(T("baris_teks", rejected=i18n.fmt_int(b["rejected"].sum(), lang),
                   read=i18n.fmt_int(b["read"].sum(), lang))),
            Tabel(b, {"read": "int", "accepted": "int", "rejected": "int"}, lang,
                  headers={"input": T("col_input"), "file": T("col_file"),
                           "read": T("col_read"), "accepted": T("col_accepted"),
                           "rejected": T("col_rejected")}),
        ])

    def cakupan_bagian(self) -> Bagian:
        import seaborn as sns
        from matplotlib.figure import Figure

        T, lang = self.T, self.lang
        empty = self.cek("cakupan", "h_cakupan")
        if empty is not None:
            return empty
        if len(self.survei) == 0:
            return self.kosong("cakupan", "h_cakupan", "data_kurang", n=0, min=1)
        cak = gambaran.cakupan_responden(self.survei)
        cak.columns = [tp.periode_pendek(c, lang) for c in cak.columns]
        # with many units: those with the fewest respondents in their weakest quarter
        pick, info = tp.pilih_unit(
            pd.DataFrame({"min": cak.min(axis=1), "total": cak.sum(axis=1)}),
            None, ["min", "total"], self.p.maks_unit_tampil, "terendah")
        cak = cak.loc[pick.index]
        fig = Figure(figsize=(14, 0.45 * len(cak) + 2))
        ax = fig.subplots()
        sns.heatmap(cak, cmap="Blues", annot=len(cak) <= 20 and cak.shape[1] <= 24, fmt="d",
                    cbar=False, ax=ax, annot_kws={"size": 9})
        ax.set(title=T("cakupan_judul"), xlabel=T("sumbu_triwulan"), ylabel="")
        blok: list[Any] = [Teks(T("h_cakupan")), Gambar(fig, T(
            "cakupan_alt", min=int(cak.to_numpy().min()), max=int(cak.to_numpy().max())))]
        if info["dipotong"]:
            blok.append(Teks(tp.kalimat_pilihan(info, T("ukuran_cakupan"), lang)))
        n_small = sum(bool(r["suppressed"]) for r in self.hal.hasil["ikm"]["per_unit"])
        if n_small:
            blok.append(Teks(T("cakupan_kecil", n=i18n.fmt_int(n_small, lang),
                               k=i18n.fmt_int(self.p.k_min_responden, lang))))
        return Bagian("cakupan", blok)

    def ikm_unit_bagian(self) -> Bagian:
        T, lang, per = self.T, self.lang, self.periode
        R = self.hal.hasil["ikm"]
        empty = self.cek("ikm_unit", "h_ikm") or self.ikm_null("per_unit", "ikm_unit", "h_ikm")
        if empty is not None:
            return empty
        per_unit = pd.DataFrame(R["per_unit"])
        now = per_unit[per_unit["periode"] == per].copy()
        if not len(now):
            return self.kosong("ikm_unit", "h_ikm", "tanpa_data_periode", berkas=_SURVEI,
                               periode=self.fp(per))
        if now["suppressed"].all():
            return self.kosong("ikm_unit", "h_ikm", "disembunyikan", k=self.p.k_min_responden)
        chg = gambaran.perubahan_ikm(per_unit, per)[["unit_kerja", "perubahan"]]
        now = now.merge(chg, on="unit_kerja", how="left")
        n_tanpa_ikm = int((~now["suppressed"] & now["ikm"].isna()).sum())
        # with many units: the lowest and highest IKM (hidden cells never ranked)
        now, info = tp.pilih_unit(now, "unit_kerja", "ikm", self.p.maks_unit_tampil,
                                  hidden_col="suppressed")
        now["ik95"] = [_ik95(lo, hi, 2, lang) for lo, hi in
                       zip(now["ci_low"], now["ci_high"], strict=True)]
        now["unsur_terendah"] = now["unsur_terendah"].map(_NAMA_UNSUR[lang])
        now["kinerja_unit"] = [T("mutu_" + m) if isinstance(m, str) else None
                               for m in now["mutu"]]
        blok: list[Any] = [Teks(T("h_ikm")), Teks(T("ikm_teks")), Tabel(
            now[["unit_kerja", "n_responden", "ikm", "ik95", "mutu", "kinerja_unit",
                 "unsur_terendah", "perubahan"]],
            {"n_responden": "int", "ikm": "number:2", "perubahan": "number:2"}, lang,
            headers={"unit_kerja": T("col_unit"), "n_responden": T("col_n"),
                     "ikm": T("col_ikm"), "ik95": T("col_ci"), "mutu": T("col_mutu"),
                     "kinerja_unit": T("col_kinerja"), "unsur_terendah": T("col_terendah"),
                     "perubahan": T("col_perubahan")},
            caption=T("tabel_ikm", periode=self.fp(per)))]
        if info["dipotong"]:
            blok.append(Teks(tp.kalimat_pilihan(
                info, T("ukuran_ikm", periode=self.fp(per)), lang)))
        if n_tanpa_ikm:
            blok.append(Teks(T("ikm_unit_tanpa_unsur", n=i18n.fmt_int(n_tanpa_ikm, lang))))
        prev = triwulan.geser(per, -1)
        if not per_unit.loc[per_unit["periode"] == prev, "ikm"].notna().any():
            blok.append(Teks(T("perubahan_tanpa_sebelum", prev=self.fp(prev))))
        return Bagian("ikm_unit", blok)

    def ikm_tren_bagian(self) -> Bagian:
        from matplotlib.figure import Figure
        from matplotlib.ticker import FuncFormatter

        T, lang = self.T, self.lang
        R = self.hal.hasil["ikm"]
        empty = self.cek("ikm_tren", None) or self.ikm_null("keseluruhan", "ikm_tren", None)
        if empty is not None:
            return empty
        total = pd.DataFrame(R["keseluruhan"])
        shown = total[total["ikm"].notna()]
        if len(shown) < 2:
            if not len(shown) and len(total) and (total["n_responden"]
                                                  < self.p.k_min_responden).all():
                return self.kosong("ikm_tren", None, "disembunyikan",
                                   k=self.p.k_min_responden)
            return self.kosong("ikm_tren", None, "triwulan_kurang", n=len(shown), min=2)
        a, b_ = shown.iloc[0], shown.iloc[-1]
        beda = gambaran.beda_ikm(self.total_se, a["periode"], b_["periode"])
        key = {"naik": "tren_judul_naik", "turun": "tren_judul_turun",
               "tidak_jelas": "tren_judul_tetap"}[arah(beda["ci_low"], beda["ci_high"])]
        fig = Figure(figsize=(13, 5.5))
        ax = fig.subplots()
        x = np.arange(len(total))
        ax.fill_between(x, total["ci_low"].astype(float), total["ci_high"].astype(float),
                        alpha=0.25, color=tp.OKABE_ITO[0])
        ax.plot(x, total["ikm"].astype(float), marker="o", color=tp.OKABE_ITO[0])
        ax.set_xticks(x, [tp.periode_pendek(p, lang) for p in total["periode"]], rotation=60,
                      fontsize=11)
        ax.set(title=T(key, a=self.num(a["ikm"]), b=self.num(b_["ikm"])),
               xlabel=T("sumbu_triwulan"), ylabel=T("sumbu_ikm"))
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: self.num(v, 0)))
        return Bagian("ikm_tren", [Gambar(fig, T(
            "tren_alt", a=self.num(a["ikm"]), pa=self.fp(a["periode"]), b=self.num(b_["ikm"]),
            pb=self.fp(b_["periode"])))])

    def ikm_peta_bagian(self) -> Bagian:
        import seaborn as sns
        from matplotlib.figure import Figure

        T, lang, per = self.T, self.lang, self.periode
        R = self.hal.hasil["ikm"]
        empty = self.cek("ikm_peta", None) or self.ikm_null("per_unit", "ikm_peta", None)
        if empty is not None:
            return empty
        per_unit = pd.DataFrame(R["per_unit"])
        if not per_unit["ikm"].notna().any():
            if per_unit["suppressed"].all():
                return self.kosong("ikm_peta", None, "disembunyikan", k=self.p.k_min_responden)
            return self.kosong("ikm_peta", None, "data_kurang", n=0, min=1)
        grid = per_unit.pivot(index="unit_kerja", columns="periode", values="ikm")
        grid = grid.astype(float)
        # with many units: the same units as the table above (lowest and highest IKM in
        # `periode`; without a published IKM then, in the last quarter that has one)
        rank = per if per in grid.columns and grid[per].notna().any() else \
            grid.columns[grid.notna().any().to_numpy()][-1]
        grid, info = tp.pilih_unit(grid, None, rank, self.p.maks_unit_tampil)
        grid.columns = [tp.periode_pendek(c, lang) for c in grid.columns]
        fig = Figure(figsize=(14, 0.45 * len(grid) + 2))
        ax = fig.subplots()
        sns.heatmap(grid, cmap="viridis", cbar_kws={"label": T("sumbu_ikm")}, ax=ax)
        ax.set(title=T("peta_judul"), xlabel=T("sumbu_triwulan"), ylabel="")
        blok: list[Any] = [Gambar(fig, T("peta_alt", k=i18n.fmt_int(self.p.k_min_responden,
                                                                     lang)))]
        if info["dipotong"]:
            blok.append(Teks(tp.kalimat_pilihan(
                info, T("ukuran_ikm", periode=self.fp(rank)), lang)))
        return Bagian("ikm_peta", blok)

    def unsur_bagian(self) -> Bagian:
        from matplotlib.figure import Figure
        from matplotlib.ticker import FuncFormatter

        T, lang, per = self.T, self.lang, self.periode
        empty = self.cek("unsur", "h_unsur") or self.ikm_null("unsur", "unsur", "h_unsur")
        if empty is not None:
            return empty
        unsur = pd.DataFrame(self.hal.hasil["ikm"]["unsur"])
        low = unsur[unsur["terendah"]].iloc[0]
        nama = low["nama_" + lang]
        fig = Figure(figsize=(12, 6))
        ax = fig.subplots()
        colors = [tp.OKABE_ITO[3] if t else tp.OKABE_ITO[0] for t in unsur["terendah"]]
        labels = [f"{u.upper()} {n}" for u, n in zip(unsur["unsur"], unsur["nama_" + lang],
                                                     strict=True)]
        ax.barh(labels[::-1], unsur["nrr"].astype(float)[::-1], color=colors[::-1])
        ax.set(xlim=(1, 4), title=T("unsur_judul", nama=nama), xlabel=T("sumbu_nrr"))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: self.num(v, 1)))
        blok: list[Any] = [
            Teks(T("h_unsur")),
            Teks(T("unsur_teks", periode=self.fp(per), nama=nama, nrr=self.num(low["nrr"], 3))),
            Gambar(fig, T("unsur_alt", periode=self.fp(per), nama=nama,
                          nrr=self.num(low["nrr"], 3))),
        ]
        tanpa = unsur.loc[unsur["nrr"].isna(), "nama_" + lang].tolist()
        if tanpa:
            blok.append(Teks(T("unsur_tanpa_jawaban", daftar=_daftar(tanpa, lang),
                               periode=self.fp(per))))
        return Bagian("unsur", blok)

    def profil_bagian(self) -> Bagian:
        T, lang, per = self.T, self.lang, self.periode
        empty = (self.cek("profil", "h_profil")
                 or self.ikm_null("profil_responden", "profil", "h_profil"))
        if empty is not None:
            return empty
        prof = pd.DataFrame(self.hal.hasil["ikm"]["profil_responden"])
        n = len(self.survei_periode) if self.survei_periode is not None else 0
        prof["karakteristik"] = [T("kar_" + c) for c in prof["karakteristik"]]
        return Bagian("profil", [
            Teks(T("h_profil")),
            Teks(T("profil_teks", n=i18n.fmt_int(n, lang), periode=self.fp(per),
                   k=i18n.fmt_int(self.p.k_min_responden, lang))),
            Tabel(prof[["karakteristik", "kategori", "n", "proporsi"]],
                  {"n": "int", "proporsi": "percent:1"}, lang,
                  headers={"karakteristik": T("col_karakteristik"),
                           "kategori": T("col_kategori"), "n": T("col_n"),
                           "proporsi": T("col_proporsi")}),
        ])

    def rtl_bagian(self) -> Bagian:
        T, lang, per = self.T, self.lang, self.periode
        empty = self.cek("rtl", "h_rtl") or self.ikm_null("rencana_tindak_lanjut", "rtl",
                                                           "h_rtl")
        if empty is not None:
            return empty
        rtl = pd.DataFrame(self.hal.hasil["ikm"]["rencana_tindak_lanjut"])
        rtl["nama"] = rtl["unsur"].map(_NAMA_UNSUR[lang])
        rtl["kegiatan"] = [T("rtl_" + u) for u in rtl["unsur"]]
        rtl["waktu"] = self.fp(triwulan.geser(per, 1))
        rtl["pj"] = T("pj_rtl")
        return Bagian("rtl", [
            Teks(T("h_rtl")),
            Teks(T("rtl_teks", periode=self.fp(per))),
            Tabel(rtl[["prioritas", "nama", "nrr", "kegiatan", "waktu", "pj"]],
                  {"nrr": "number:3"}, lang,
                  headers={"prioritas": T("col_prioritas"), "nama": T("col_terendah"),
                           "nrr": "NRR", "kegiatan": T("col_kegiatan"),
                           "waktu": T("col_waktu"), "pj": T("col_pj")}),
        ])

    def predikat_bagian(self) -> Bagian:
        T, lang, per = self.T, self.lang, self.periode
        R = self.hal.hasil["skp"]
        empty = self.cek("predikat", "h_predikat")
        if empty is not None:
            return empty
        if self.alasan_skp is not None:
            kode, params = self.alasan_skp
            return self.kosong("predikat", "h_predikat", kode, **params)
        pred = pd.DataFrame(R["predikat"])
        pred["ik95"] = [_ik95(lo, hi, 1, lang, i18n.label("disembunyikan", lang))
                        for lo, hi in zip(pred["ci_low"].astype(float) * 100,
                                          pred["ci_high"].astype(float) * 100, strict=True)]
        return Bagian("predikat", [
            Teks(T("h_predikat")),
            Teks(T("predikat_teks", periode=self.fp(per), n=i18n.fmt_int(R["n"], lang),
                   k=i18n.fmt_int(self.p.k_min_pegawai, lang))),
            Tabel(pred[["predikat", "n", "proporsi", "ik95"]],
                  {"n": "int", "proporsi": "percent:1"}, lang,
                  headers={"predikat": T("col_predikat"), "n": T("col_jumlah"),
                           "proporsi": T("col_proporsi"), "ik95": T("col_ci") + " (%)"}),
        ])

    def predikat_unit_bagian(self) -> Bagian:
        T, lang, per = self.T, self.lang, self.periode
        empty = self.cek("predikat_unit", None)
        if empty is not None:
            return empty
        if self.alasan_skp is not None:
            kode, params = self.alasan_skp
            return self.kosong("predikat_unit", None, kode, **params)
        pen, maks = self.penilaian, self.p.maks_unit_tampil
        # with many units: those with the highest Kurang/Sangat Kurang share, the rest in
        # one row
        n_unit_pred = pen.loc[pen["triwulan"] == per, "unit_kerja"].nunique()
        lainnya = T("unit_lainnya", n=i18n.fmt_int(max(n_unit_pred - maks, 0), lang))
        sup, info = gambaran.predikat_per_unit_ringkas(pen, per, self.p.k_min_pegawai, maks,
                                                       lainnya)
        shown = sup.display(lang).reset_index(names=T("col_unit"))
        blok: list[Any] = [Tabel(shown, lang=lang, caption=T("tabel_predikat_unit",
                                                               periode=self.fp(per)))]
        if info["dipotong"]:
            blok.append(Teks(tp.kalimat_pilihan(info, T("ukuran_predikat"), lang,
                                                results_json=False)
                             + " " + T("predikat_total_semua", lainnya=lainnya)))
        blok.append(Teks(sup.note(lang) + " " + T("catatan_kurva")))
        return Bagian("predikat_unit", blok)


def bangun(data: Any, params: Parameter | None = None) -> Halaman:
    """Build page 00 from the processed tables.

    Parameters
    ----------
    data : kinerja_analysis.muat.Data or any object with the same attributes
        ``kebijakan``, ``pegawai``, ``penilaian_kinerja``, ``survei_kepuasan`` (each a
        DataFrame or ``None`` when the input was not supplied) and ``ringkasan`` (the
        prepare summary, a dict).
    params : Parameter, optional
        The notebook's parameters (defaults when omitted).

    Returns
    -------
    Halaman
        Sections ``ringkasan, baris_input, cakupan, ikm_unit, ikm_tren, ikm_peta, unsur,
        profil, rtl, predikat, predikat_unit`` and ``hasil`` with the results.json
        sections ``data``, ``ikm``, ``skp``.

    Examples
    --------
    >>> class D:
    ...     kebijakan = pegawai = penilaian_kinerja = survei_kepuasan = None
    ...     ringkasan = {}
    >>> hal = bangun(D(), Parameter(lang="en", periode_akhir="2025-Q4"))
    >>> hal["ikm_unit"].alasan, hal.hasil["skp"]["tidak_tersedia"]
    ('tanpa_berkas', {'n': 'tanpa_berkas', 'predikat': 'tanpa_berkas'})
    """
    params = params or Parameter()
    tp.gaya()
    page = _Page(data, params)
    page.hitung()
    hal = page.hal
    for build in (page.ringkasan_bagian, page.baris_bagian, page.cakupan_bagian,
                  page.ikm_unit_bagian, page.ikm_tren_bagian, page.ikm_peta_bagian,
                  page.unsur_bagian, page.profil_bagian, page.rtl_bagian,
                  page.predikat_bagian, page.predikat_unit_bagian):
        hal.tambah(build())
    for lead, followers in _IKUT.items():
        for key in followers:
            _diam(hal[lead], hal[key])
    return hal


#: Sections without a heading of their own, shown under the heading of another: when they
#: lack data for the same reason, the reason is said once (under the heading) and they
#: keep only their reason code.
_IKUT = {"ikm_unit": ("ikm_tren", "ikm_peta"), "predikat": ("predikat_unit",)}


def _diam(lead: Bagian, follower: Bagian) -> None:
    """Empty ``follower`` when it repeats ``lead``'s reason sentence."""
    if follower.alasan is not None and follower.alasan == lead.alasan and \
            follower.teks() and follower.teks() in lead.teks():
        follower.blok = []


