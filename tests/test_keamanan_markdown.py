"""Data never becomes Markdown markup or a link (issue 14).

A unit named ``[klik](javascript:alert(1))`` was a clickable link in the executive summary
and the PDF: sentences were HTML-escaped but rendered as Markdown. Data values are now
written as entities (:func:`naskah.teks_aman`), and the export keeps only http(s), in-page
and relative link targets (:func:`ekspor.bersihkan_tautan`, :func:`pdf.tautan_typst_aman`).
One report run (with a lowered k_min_responden, for tests/test_parameter_k.py's banner).
"""

from __future__ import annotations

import base64
import html
import json
import re
import shutil
import zlib
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from kinerja_analysis.laporan import ekspor, naskah, pdf, tampilan
from kinerja_analysis.laporan.bagian import Teks, kalimat_alasan
from kinerja_analysis.laporan.bagian import eksekutif as eksekutif_page

ROOT = Path(__file__).resolve().parents[1]
UNIT_LINK = "[klik](javascript:alert(1))"
UNIT_MD = "**tebal** <b>x</b> _miring_ ` ![x](http://evil/x.png)"
# the demo units named in the executive summary's next steps (page 03's targets)
RENAMED = {"kelurahan jabungan": UNIT_LINK, "kelurahan gedawang": UNIT_MD}
_HREF = re.compile(r"""\b(?:href|src|xlink:href|action)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""", re.I)
_SVG_URI = re.compile(r"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)")
_MARKUP = ("<strong>tebal", "<em>miring", 'src="http://evil', "<code> ![x]", ">klik</a>")


def _render(markdown: str) -> str:
    """Markdown as the HTML export renders a cell output."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    return markdown2html_mistune(markdown)


def _visible(page: str) -> str:
    """The text a reader sees: no style/script, no tags, entities decoded."""
    page = re.sub(r"<(style|script)\b.*?</\1>", "", page, flags=re.S | re.I)
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def _bad_targets(page: str) -> list[str]:
    out = []
    for value in _HREF.findall(page):
        target = re.sub(r"[\x00-\x20]+", "", html.unescape(value.strip("\"'"))).lower()
        if re.match(r"(javascript|vbscript|file|data:text):", target) or (
                target.startswith("data:") and not target.startswith("data:image/")):
            out.append(value[:60])
    return out


_PDF_ESC = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _pdf_literal(text: bytes) -> bytes:
    return re.sub(rb"\\([0-7]{1,3}|.)", lambda m: bytes([int(m.group(1), 8) & 255])
                  if m.group(1)[:1].isdigit() else _PDF_ESC.get(m.group(1), m.group(1)),
                  text, flags=re.S)


def _pdf_text(data: bytes) -> str:
    """Text of a (Typst) PDF: each page's content decoded with its fonts' ToUnicode maps."""
    objs = {int(m.group(1)): m.group(2) for m in
            re.finditer(rb"(\d+) 0 obj\s(.*?)endobj", data, re.S)}

    def stream(num: int) -> bytes:
        body = objs[num]
        m = re.search(rb"stream\r?\n(.*)endstream", body, re.S)
        raw = m.group(1).rstrip(b"\r\n")
        return zlib.decompress(raw) if b"FlateDecode" in body[:m.start()] else raw

    def cmap(num: int) -> dict[int, str]:
        text, out = stream(num).decode("latin-1"), {}
        for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
            for src, dst in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>", block):
                out[int(src, 16)] = bytes.fromhex(dst).decode("utf-16-be", "replace")
        for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
            for a, b, dst in re.findall(
                    r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
                for i, cid in enumerate(range(int(a, 16), int(b, 16) + 1)):
                    out[cid] = chr(int(dst, 16) + i)
        return out

    def fonts_of(body: bytes) -> dict[str, dict[int, str]]:
        ref = re.search(rb"/Resources (\d+) 0 R", body)
        res = objs.get(int(ref.group(1)), b"") if ref else body
        block = re.search(rb"/Font\s*<<(.*?)>>", res, re.S)
        out = {}
        for name, num in re.findall(rb"/(\w+) (\d+) 0 R", block.group(1) if block else b""):
            m = re.search(rb"/ToUnicode (\d+) 0 R", objs.get(int(num), b""))
            if m:
                out[name.decode()] = cmap(int(m.group(1)))
        return out

    token = re.compile(rb"/(\w+)\s+[\d.]+\s+Tf|<([0-9a-fA-F]*)>|\(((?:\\.|[^\\)])*)\)|(ET)\b",
                       re.S)
    parts: list[str] = []

    def show(num: int, fonts: dict[str, dict[int, str]]) -> None:
        font: dict[int, str] = {}
        for tok in token.finditer(stream(num)):
            if tok.group(1):
                font = fonts.get(tok.group(1).decode(), {})
            elif tok.group(4):
                parts.append(" ")
            else:
                raw = bytes.fromhex(tok.group(2).decode()) if tok.group(2) is not None \
                    else _pdf_literal(tok.group(3))
                parts.append("".join(font.get(raw[i] << 8 | raw[i + 1], "?")
                                     for i in range(0, len(raw) - 1, 2)))

    for _num, body in sorted(objs.items()):
        if re.search(rb"/Type\s*/Page\b", body):
            contents = re.search(rb"/Contents\s*(\[[^\]]*\]|\d+ 0 R)", body)
            for ref in re.findall(rb"(\d+) 0 R", contents.group(1) if contents else b""):
                show(int(ref), fonts_of(body))
    return re.sub(r"\s+", " ", "".join(parts))


# ------------------------------------------------------------------ escaping function


@pytest.mark.parametrize("name", [
    UNIT_LINK, UNIT_MD, "<javascript:alert(1)>", "a\nb\n# c", "x | y ~~z~~ $m$ \\*",
    "www.x.id http://a.id/b [r]: javascript:x"])
def test_teks_aman_renders_as_the_literal_text(name):
    out = _render("Unit " + naskah.teks_aman(name) + " turun.")
    assert "<a " not in out and "<img" not in out and "<strong" not in out
    assert "<em" not in out and "<code" not in out and "<del" not in out and "<h1" not in out
    assert html.unescape(re.sub(r"<[^>]+>", "", out)).strip() == (
        "Unit " + name.replace("\n", " ") + " turun.")
    assert naskah.polos(naskah.teks_aman(name)) == name.replace("\n", " ")


def test_teks_aman_keeps_ordinary_names_readable():
    for name in ("Kelurahan Banyumanik", "skor_kinerja", "survei_asn", "Kel. Pudak-Payung (2)"):
        assert naskah.teks_aman(name) == name


def test_sentences_escape_data_but_keep_their_own_markdown():
    T = naskah.Naskah(naskah.GAMBARAN, "id")
    kal = T("unsur_teks", periode="2025-Q4", nama=UNIT_LINK, nrr="2,9")
    assert isinstance(kal, naskah.Kalimat)
    out = _render(kal)
    assert "<strong>[klik](javascript:alert(1))</strong>" in html.unescape(out)
    assert "href" not in out
    # a sentence inside a sentence is not escaped twice
    again = T("unsur_judul", nama=kal)
    assert "**" + naskah.teks_aman(UNIT_LINK) + "**" in again


def test_reason_sentences_escape_file_and_column_names():
    out = _render(kalimat_alasan("tanpa_kolom", "id", kolom=UNIT_MD, berkas=UNIT_LINK))
    assert "href" not in out and "<strong" not in out and "<img" not in out
    assert UNIT_LINK in html.unescape(out) and UNIT_MD in html.unescape(out)


def test_executive_summary_next_steps_show_the_unit_as_text():
    rek = [{"prioritas": i + 1, "kode": "sosialisasi_indikator", "dimensi": "unit_kerja",
            "sasaran": u, "nilai": 0.3, "ci_low": 0.1, "ci_high": 0.6, "pembanding": 0.08}
           for i, u in enumerate((UNIT_LINK, UNIT_MD))]
    hal = eksekutif_page.bangun({"hambatan": {"rekomendasi": rek}}, eksekutif_page.Parameter())
    out = hal["langkah"].html()
    rendered = "".join(_render(b.markdown) for b in hal["langkah"].blok if isinstance(b, Teks))
    for text in (out, rendered):
        assert not _bad_targets(text) and not re.findall(r'<a (?!class="anchor-link")', text)
        assert not [m for m in _MARKUP if m in text]
        assert UNIT_LINK in _visible(text) and UNIT_MD in _visible(text)


def test_tables_and_charts_show_sentences_as_plain_text():
    import matplotlib
    import matplotlib.pyplot as plt

    T = naskah.Naskah(naskah.GAMBARAN, "id")
    kal = T("unsur_judul", nama=UNIT_MD)
    table = tampilan.tabel_html(pd.DataFrame({"a": [UNIT_MD], "b": [UNIT_LINK]}), caption=kal,
                                headers={"a": kal})
    assert _visible(table).count("Unsur terendah: " + UNIT_MD) == 2  # caption, header
    assert UNIT_LINK in _visible(table) and "&amp;#" not in table
    with matplotlib.rc_context():
        tampilan.gaya()  # text kept as SVG text
        fig, ax = plt.subplots()
        ax.set_title(kal)
        ax.set_xticks([0], [UNIT_LINK])
        fig_html = tampilan.gambar_html(fig, T("unsur_alt", periode="2025-Q4", nama=UNIT_LINK,
                                               nrr="2,9"))
    svg = base64.b64decode(_SVG_URI.search(fig_html).group(1)).decode()
    texts = html.unescape(" ".join(re.findall(r"<text[^>]*>(.*?)</text>", svg, re.S)))
    assert "Unsur terendah: " + UNIT_MD in texts and UNIT_LINK in texts
    assert UNIT_LINK in html.unescape(re.search(r'alt="([^"]*)"', fig_html).group(1))


# ---------------------------------------------------------------------- sanitizer


@pytest.mark.parametrize("target", [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:x", "java\tscript:x",
    "&#106;avascript:x", "java&#x0A;script:x", "vbscript:msgbox", "data:text/html,<b>x",
    "file:///etc/passwd", "data:image/svg+xml;base64,PHN2Zz4="])
def test_sanitizer_removes_unsafe_link_targets(target):
    page = (f'<p><a href="{target}">a</a><a href=\'{target}\'>b</a>'
            f'<svg><a xlink:href="{target}">c</a></svg><form action="{target}"></form></p>')
    out = ekspor.bersihkan_tautan(page)
    assert not _bad_targets(out) and "javascript" not in html.unescape(out).lower() or \
        target.startswith("data:image") and "href" not in out
    assert ">a</a>" in out and ">b</a>" in out  # the text stays


@pytest.mark.parametrize("target", ["https://jdih.menpan.go.id/x", "http://a.id", "#ikm-unit",
                                    "02_korelasi_survei_skor.html", "../index.html"])
def test_sanitizer_keeps_http_anchors_and_relative_links(target):
    page = f'<a href="{target}">x</a>'
    assert ekspor.bersihkan_tautan(page) == page


def test_sanitizer_keeps_embedded_chart_images_only_in_img():
    img = '<img src="data:image/svg+xml;base64,PHN2Zz4=" alt="x" />'
    assert ekspor.bersihkan_tautan(img) == img
    assert "src" not in ekspor.bersihkan_tautan('<iframe src="data:text/html,x"></iframe>')


def test_exported_page_never_carries_a_javascript_link(tmp_path):
    """Even Markdown output that slipped through unescaped is neutralized at export."""
    cell = nbformat.v4.new_code_cell("x", outputs=[nbformat.v4.new_output(
        "display_data", data={"text/markdown": f"Unit {UNIT_LINK} dan <javascript:alert(2)>",
                              "text/plain": "x"})])
    nb = nbformat.v4.new_notebook(cells=[cell])
    hf = {"judul": "Uji", "meta_line": "m", "footer_line": "f", "reproduce_label": "r",
          "reproduce": "kinerja report", "hash_label": "h", "hashes": {}}
    out = ekspor.ekspor_html(nb, tmp_path / "p.html", lang="id", kinerja=hf, toc_title="isi")
    page = out.read_text("utf-8")
    assert not _bad_targets(page) and ">klik</a>" in page  # the text is kept, not the link


def test_typst_links_other_than_http_are_dropped():
    markup = ('#link("javascript:alert(1)")[klik] #link("https://a.id")[a] '
              '#link("file:///x")[f] #link(<anchor>)[b]')
    out = pdf.tautan_typst_aman(markup)
    assert "javascript" not in out and "file:" not in out
    assert '#link("https://a.id")[a]' in out and "#link(<anchor>)[b]" in out


def test_pdf_has_no_javascript_link(tmp_path):
    page = tmp_path / "p.html"
    page.write_text(f'<main><p><a href="javascript:alert(1)">klik</a> '
                    f'{html.escape(UNIT_LINK)}</p></main>', "utf-8")
    out = pdf.ekspor_pdf(page, tmp_path / "p.pdf", judul="J", meta_line="m", footer_line="f",
                         lang="id")
    data = out.read_bytes()
    assert b"/URI" not in data and b"javascript" not in data.lower()
    assert UNIT_LINK in _pdf_text(data)


# ----------------------------------------------------------------- one report run


@pytest.fixture(scope="module")
def laporan(tmp_path_factory, demo_raw):
    """The demo report with two units renamed to Markdown, k_min_responden lowered to 4."""
    from kinerja_analysis.laporan import run_report

    base = tmp_path_factory.mktemp("md")
    raw = base / "raw"
    shutil.copytree(demo_raw, raw)
    for path in raw.glob("*.csv"):
        text = path.read_text(encoding="utf-8-sig")
        for old, new in RENAMED.items():
            text = re.sub(re.escape(old), lambda _m, n=new: n, text, flags=re.I)
        path.write_text(text, encoding="utf-8")
    result = run_report(raw, base / "reports", processed_dir=base / "processed",
                        params={"k_min_responden": 4}, izinkan_k_kecil=True, pdf=True,
                        progress_bar=False, log=lambda _m: None,
                        notebooks_dir=ROOT / "notebooks")
    return result, base / "reports"


def _pages(out: Path):
    for path in sorted(out.rglob("*.html")):
        text = path.read_text("utf-8")
        yield path, text
        for i, data in enumerate(_SVG_URI.findall(text)):
            yield path.with_name(f"{path.name}#svg{i}"), base64.b64decode(data).decode()


def test_report_has_no_unsafe_link_and_no_markup_from_data(laporan):
    _result, out = laporan
    checked = 0
    for path, text in _pages(out):
        checked += 1
        assert not _bad_targets(text), (path.name, _bad_targets(text)[:2])
        main = text.split("<main>", 1)[-1].split("</main>", 1)[0]  # the footer has <code>
        assert not [m for m in _MARKUP if m in main], path.name
        assert "&amp;#" not in text, path.name  # never escaped twice
    assert checked > 20


def test_report_shows_the_unit_names_as_literal_text(laporan):
    result, out = laporan
    folder = out / result.periode
    shown = {}
    for page in sorted(folder.glob("[0-9][0-9]_*.html")):
        text = page.read_text("utf-8")
        svgs = " ".join(html.unescape(" ".join(re.findall(r"<text[^>]*>(.*?)</text>",
                                                          base64.b64decode(d).decode(), re.S)))
                        for d in _SVG_URI.findall(text))
        shown[page.stem[:2]] = {u for u in (UNIT_LINK, UNIT_MD)
                                if u in _visible(text) or u in svgs}
    for stem in ("00", "02", "03", "04"):
        assert shown[stem] == {UNIT_LINK, UNIT_MD}, (stem, shown)
    summary = _visible((folder / "04_ringkasan_eksekutif.html").read_text("utf-8"))
    assert f"Unit kerja: Kelurahan Banyumanik, {UNIT_LINK}, {UNIT_MD}" in summary
    text = _pdf_text((folder / "04_ringkasan_eksekutif.pdf").read_bytes())
    assert UNIT_LINK in text and UNIT_MD in text
    assert b"javascript" not in (folder / "04_ringkasan_eksekutif.pdf").read_bytes().lower()
    res = json.loads((folder / "results.json").read_text("utf-8"))
    assert {r["unit_kerja"] for r in res["ikm"]["per_unit"]} >= {UNIT_LINK, UNIT_MD}


def test_lowered_threshold_is_stated_on_every_page_and_recorded(laporan):
    result, out = laporan
    folder = out / result.periode
    sentence = "Ambang kerahasiaan diturunkan: kelompok responden survei kepuasan ditampilkan " \
               "mulai n = 4 (baku 5)"
    pages = sorted(folder.glob("[0-9][0-9]_*.html"))
    assert len(pages) == 5
    for page in pages:
        text = page.read_text("utf-8")
        pos = text.find(sentence)
        assert 0 < pos < text.index("<main>"), page.name
        assert "--izinkan-k-kecil" in text and "-p k_min_responden 4" in text  # reproduce
    assert sentence in _visible((folder / "index.html").read_text("utf-8"))
    assert sentence in _pdf_text((folder / "04_ringkasan_eksekutif.pdf").read_bytes())
    meta = json.loads((folder / "results.json").read_text("utf-8"))["meta"]
    assert meta["ambang_kerahasiaan"] == {"k_min_pegawai": 10, "k_min_responden": 4,
                                          "baku": {"k_min_pegawai": 10, "k_min_responden": 5},
                                          "diturunkan": True}
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    assert manifest["parameter"]["k_min_responden"] == 4
    assert manifest["parameter"]["izinkan_k_kecil"] is True
