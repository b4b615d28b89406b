"""The data-shape matrix (tests/bentuk.py): every valid shape of data gives a complete,
honest report.

Fast tests: every shape's folder passes ``kinerja validate`` and its transforms did what
they say (and those checks fail on the untransformed base). End-to-end tests: one report
run per shape (shared by several tests through a session cache) exits without an
exception, writes the five pages and every results.json section, and every ``null`` in
results.json has a reason code whose sentence is on the page. A few representative shapes
run unmarked; the rest are ``slow`` (still part of ``make test``). See docs/testing.md.
"""

from __future__ import annotations

import html
import importlib
import json
import os
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import bentuk
import pytest
from bentuk import BENTUK, Bentuk

ROOT = Path(__file__).resolve().parents[1]

#: Report pages a run must write, and the results.json sections each page writes.
HALAMAN = {
    "00_gambaran_data": ("data", "ikm", "skp"),
    "01_dampak_evaluasi": ("dampak",),
    "02_korelasi_survei_skor": ("korelasi",),
    "03_hambatan_adopsi": ("hambatan",),
    "04_ringkasan_eksekutif": ("ringkasan_eksekutif",),
}
#: Every top-level key results.json has for the demo (a public interface).
BAGIAN_HASIL = ("meta", *(s for sections in HALAMAN.values() for s in sections))
#: The page modules (their reason-code catalogs are module-level dicts).
MODUL_HALAMAN = ("gambaran", "dampak", "korelasi", "hambatan", "eksekutif")
#: Fewer resampling draws than the defaults: the matrix checks structure, not precision.
PARAMS = {"n_bootstrap": 99, "n_permutasi": 999}


def _id(b: Bentuk) -> str:
    return b.nama


# ------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def folder_bentuk(tmp_path_factory) -> Callable[[Bentuk], Path]:
    """The raw folder of a shape, written once per session."""
    base = tmp_path_factory.mktemp("bentuk")
    made: dict[str, Path] = {}

    def get(b: Bentuk) -> Path:
        if b.nama not in made:
            made[b.nama] = bentuk.buat(b, base / b.nama / "raw")
        return made[b.nama]

    return get


class _Jalan:
    """One report run of a shape: its result or the exception it raised, and its time."""

    def __init__(self, b: Bentuk, raw: Path) -> None:
        from kinerja_analysis.laporan import run_report

        self.bentuk, self.error, self.result = b, None, None
        t0 = time.perf_counter()
        try:
            self.result = run_report(
                raw, raw.parent / "reports", processed_dir=raw.parent / "processed",
                lang=b.lang, params=PARAMS, progress_bar=False, log=lambda _m: None,
                notebooks_dir=ROOT / "notebooks",
            )
        except Exception as err:  # reported by every test of the shape
            self.error = err
        self.detik = time.perf_counter() - t0

    def hasil(self) -> Any:
        if self.error is not None:
            pytest.fail(f"report run failed: {type(self.error).__name__}: {self.error}",
                        pytrace=False)
        return self.result


@pytest.fixture(scope="session")
def laporan_bentuk(folder_bentuk) -> Callable[[Bentuk], _Jalan]:
    """The report run of a shape, run once per session (inside the first test asking)."""
    runs: dict[str, _Jalan] = {}

    def get(b: Bentuk) -> _Jalan:
        if b.nama not in runs:
            runs[b.nama] = _Jalan(b, folder_bentuk(b))
        return runs[b.nama]

    return get


# ------------------------------------------------------------------------ fast tests


@pytest.mark.parametrize("b", BENTUK, ids=_id)
def test_bentuk_lolos_validasi(b, folder_bentuk, capsys):
    """`kinerja validate` exits 0 on every shape (in-process, the CLI's own code path)."""
    from kinerja_analysis import cli

    raw = folder_bentuk(b)
    code = cli.main(["validate", "--data", str(raw), "--lang", "en"])
    out = capsys.readouterr()
    if code != 0 and b.perlu_modular:
        codes = {p.code for p in cli.validate_counts(raw).problems if p.severity == "error"}
        if codes <= {"berkas_tidak_ada"}:
            pytest.xfail("the contract does not accept a subset of the input files yet")
    assert code == 0, out.err[-3000:]


@pytest.mark.parametrize("b", BENTUK, ids=_id)
def test_bentuk_berubah_seperti_katanya(b, folder_bentuk):
    """Each transform's check holds on the written folder, and (so that the checks can
    fail) every check of a transform fails on the untransformed base data."""
    b.periksa(bentuk.baca(folder_bentuk(b)))
    for u in b.ubah:
        with pytest.raises(AssertionError):
            u.periksa(b.sumber.masukan())


def test_jumlah_unit_sesuai():
    """The unit axis: kebijakan has exactly the chosen number of units."""
    for n in (1, 2, 3, 12, 200):
        b = bentuk.menurut_nama(f"unit_{n}")
        t = b.sumber.masukan()
        assert len(t["kebijakan"]) == n
        assert bentuk.kunci_unit(t["pegawai"]["unit_kerja"]).nunique() == n
    with pytest.raises(AssertionError):  # the unit-count check can fail
        bentuk.Bentuk("x", sumber=bentuk.Sumber(n_unit=3)).periksa(
            bentuk.Sumber(n_unit=2).masukan())


def test_setiap_kolom_opsional_punya_bentuk():
    """Every optional column of the contract and every input file has a shape without
    it, and the matrix has the axes the issue names."""
    from kinerja_analysis.contract import INPUTS, SCHEMAS

    names = {b.nama for b in BENTUK}
    for berkas, schema in SCHEMAS.items():
        for c in schema.optional:
            assert f"tanpa_kolom_{berkas}_{c}" in names
    assert set(bentuk.BERKAS) == set(INPUTS)
    for n in ("unit_1", "unit_2", "unit_3", "unit_12", "unit_200", "triwulan_2",
              "triwulan_4", "adopsi_serentak", "adopsi_satu_unit", "adopsi_tidak_ada",
              "adopsi_setelah_akhir", "gelombang_1", "gelombang_2", "tanpa_komentar",
              "unsur_kosong_satu_unit", "tanpa_survei_triwulan_akhir",
              "tanpa_skor_triwulan_akhir", "tanpa_tindak_lanjut", "hanya_survei_kepuasan",
              "hanya_penilaian", "hanya_survei_asn"):
        assert n in names
    dasar = bentuk.menurut_nama("dasar").sumber.masukan()
    qs = sorted(set(dasar["penilaian_kinerja"]["periode"]))
    assert len(qs) == 20  # the 20-quarter axis is the base itself
    assert sorted(set(dasar["survei_asn"]["gelombang"].astype(int))) == [1, 2, 3]
    mulai = bentuk.triwulan_tanggal(dasar["kebijakan"]["tanggal_mulai"])
    assert mulai[mulai != ""].nunique() >= 2 and (mulai == "").any()  # staggered + never


def test_buat_deterministik_dan_tidak_menyentuh_data(tmp_path):
    """The same shape gives the same bytes (also after the base cache is dropped), the
    base cache is never changed by a transform, and data/ is refused."""
    b = bentuk.menurut_nama("hanya_survei_kepuasan_unit_1_triwulan_2")
    one = bentuk.buat(b, tmp_path / "a")
    bentuk._CACHE.clear()
    two = bentuk.buat(b, tmp_path / "b")
    files = sorted(p.name for p in one.iterdir())
    assert files == ["kebijakan.csv", "survei_kepuasan.csv"]
    assert files == sorted(p.name for p in two.iterdir())
    for f in files:
        assert (one / f).read_bytes() == (two / f).read_bytes()
    assert "kebijakan" in b.sumber.masukan() and "pegawai" in b.sumber.masukan()
    with pytest.raises(ValueError, match="data folder"):
        bentuk.buat(b, ROOT / "data" / "raw_bentuk")
    assert not (ROOT / "data" / "raw_bentuk").exists()
    with pytest.raises(FileExistsError):
        bentuk.buat(b, one)


# -------------------------------------------------------------------- end to end


def _ujung() -> Iterator[Any]:
    """The end-to-end shapes; ``KINERJA_BENTUK_SEMUA=1`` adds every other shape (slow)."""
    semua = os.environ.get("KINERJA_BENTUK_SEMUA") == "1"
    for b in BENTUK:
        if b.ujung or semua:
            yield pytest.param(b, id=b.nama, marks=() if b.cepat else pytest.mark.slow)


UJUNG = list(_ujung())


def _katalog() -> dict[str, list[dict[str, str]]]:
    """Every reason code with its candidate sentences: ALASAN first, then the page
    modules' catalogs (any module-level dict of ``{code: {"id": ..., "en": ...}}`` whose
    texts are sentences; a page's text catalog may use a code's name for a label)."""
    from kinerja_analysis.laporan.bagian import ALASAN

    cat: dict[str, list[dict[str, str]]] = {k: [v] for k, v in ALASAN.items()}
    for name in MODUL_HALAMAN:
        try:
            mod = importlib.import_module(f"kinerja_analysis.laporan.bagian.{name}")
        except ImportError:
            continue
        for value in vars(mod).values():
            if (isinstance(value, dict) and value and value is not ALASAN
                    and all(isinstance(v, dict) and {"id", "en"} <= set(v)
                            for v in value.values())):
                for code, texts in value.items():
                    if all(isinstance(x, str) and " " in x.strip() for x in texts.values()):
                        cat.setdefault(code, []).append(texts)
    return cat


def _kosong(section: Any, path: str = "") -> Iterator[tuple[str, str | None]]:
    """(key path, reason code or None) for every null in a section's dict levels (lists
    are rows of tables, where nulls are cell values)."""
    if not isinstance(section, dict):
        return
    alasan = section.get("tidak_tersedia") or {}
    for k, v in section.items():
        if k == "tidak_tersedia":
            continue
        if v is None:
            yield f"{path}{k}", alasan.get(k)
        elif isinstance(v, dict):
            for sub, code in _kosong(v, f"{path}{k}."):
                yield sub, code if code is not None else alasan.get(sub[len(path):])


def _teks_halaman(path: Path) -> str:
    """The visible text of an exported page (tags, scripts and styles removed)."""
    doc = path.read_text(encoding="utf-8")
    doc = re.sub(r"(?is)<(script|style|svg)\b.*?</\1>", " ", doc)
    doc = html.unescape(re.sub(r"(?s)<[^>]+>", " ", doc))
    return re.sub(r"\s+", " ", doc)


def _potongan(kalimat: str) -> str:
    """The longest literal part of a reason sentence (placeholders removed)."""
    parts = [p.strip(" .,;:()") for p in re.split(r"\{[^{}]*\}", kalimat)]
    return re.sub(r"\s+", " ", max(parts, key=len))


@pytest.mark.parametrize("b", UJUNG)
def test_laporan_selesai(b, laporan_bentuk):
    """The run exits without an exception and publishes every page and results.json."""
    res = laporan_bentuk(b).hasil()
    assert sorted(res.pages) == sorted(HALAMAN)
    for stem in HALAMAN:
        assert res.pages[stem].is_file() and res.pages[stem].stat().st_size > 0, stem
    on_disk = json.loads((res.out_dir / res.periode / "results.json").read_text("utf-8"))
    assert on_disk == res.results


@pytest.mark.parametrize("b", UJUNG)
def test_hasil_punya_semua_bagian(b, laporan_bentuk):
    """results.json has every top-level section, each an object."""
    results = laporan_bentuk(b).hasil().results
    missing = [k for k in BAGIAN_HASIL if k not in results]
    assert not missing, f"results.json lacks {missing}"
    assert all(isinstance(results[k], dict) for k in BAGIAN_HASIL)
    assert results["meta"]["lang"] == b.lang


@pytest.mark.parametrize("b", UJUNG)
def test_setiap_null_punya_kode_alasan(b, laporan_bentuk):
    """No results key is null without a reason code in its section's tidak_tersedia map;
    every code has a sentence (ALASAN or a page catalog) and is documented."""
    results = laporan_bentuk(b).hasil().results
    cat = _katalog()
    schema = (ROOT / "docs" / "results_schema.md").read_text(encoding="utf-8")
    bad, unknown = [], []
    for section in BAGIAN_HASIL[1:]:
        for key, code in _kosong(results.get(section)):
            if code is None:
                bad.append(f"{section}.{key}")
            elif code not in cat or f"`{code}`" not in schema:
                unknown.append(f"{section}.{key}: {code}")
    assert not bad, f"null without a reason code: {bad}"
    assert not unknown, f"reason code without a sentence or not in results_schema.md: {unknown}"


@pytest.mark.parametrize("b", UJUNG)
def test_kalimat_alasan_tampil_di_halaman(b, laporan_bentuk):
    """Each page section shows numbers or its reason: for every null with a reason code,
    the page that writes that section shows the code's sentence in the report language."""
    run = laporan_bentuk(b)
    res = run.hasil()
    cat = _katalog()
    texts = {stem: _teks_halaman(path) for stem, path in res.pages.items()}
    missing = []
    for stem, sections in HALAMAN.items():
        for section in sections:
            for key, code in _kosong(res.results.get(section)):
                if code is None or code not in cat:
                    continue  # reported by test_setiap_null_punya_kode_alasan
                frags = [_potongan(c[b.lang]) for c in cat[code]]
                if not any(f in texts[stem] for f in frags):
                    missing.append(f"{stem}: {section}.{key} ({code}: {frags[0]!r})")
    assert not missing, "reason sentence not on the page: " + "; ".join(missing)


@pytest.mark.parametrize("b", UJUNG)
def test_tidak_ada_markdown_mentah(b, laporan_bentuk):
    """No page shows Markdown markup or an entity as text: a catalog sentence put into
    another sentence keeps its **bold** (it is not escaped a second time). The shapes have
    ordinary unit names, so a visible ``**`` or ``&#`` is the toolkit's own text broken."""
    res = laporan_bentuk(b).hasil()
    bad = {}
    for stem, path in res.pages.items():
        text = _teks_halaman(path)
        hits = [m.group(0) for m in re.finditer(r".{0,40}(?:\*\*|&#\d+;|&[a-z]+;).{0,40}", text)]
        if hits:
            bad[stem] = hits[:3]
    assert not bad, bad
