"""A4 PDF of a report page (the executive summary) for officials who print.

Route: the exported HTML's ``<main>`` -> pandoc (``pypandoc-binary`` wheel, bundles pandoc)
-> Typst markup -> ``typst`` wheel -> PDF. Both run offline, in well under a second, and
need no browser. Charts are not part of the executive summary, so none are lost.
"""

from __future__ import annotations

import re
from pathlib import Path

from .. import atomic
from .ekspor import bersihkan_tautan, tautan_aman

_MAIN = re.compile(r"<main>(.*)</main>", re.S)
_ANCHOR = re.compile(r'<a class="anchor-link"[^>]*>.*?</a>', re.S)


# A Typst link whose target is a string: only http(s) (and relative paths) are kept.
_TYPST_LINK = re.compile(r'#link\("((?:[^"\\]|\\.)*)"\)')


def tautan_typst_aman(markup: str) -> str:
    """Turn every ``#link("...")`` whose target is not http(s) or relative into plain
    content (``#box``), so the PDF carries no javascript:, data: or file: link.

    Examples
    --------
    >>> tautan_typst_aman('#link("javascript:alert(1)")[klik] #link("https://a.id")[a]')
    '#box[klik] #link("https://a.id")[a]'
    """
    def keep(m: re.Match[str]) -> str:
        return m.group(0) if tautan_aman(m.group(1).replace('\\"', '"')) else "#box"

    return _TYPST_LINK.sub(keep, markup)


def _typst_string(text: str) -> str:
    """Escape text for a Typst string literal."""
    return text.replace("\\", "\\\\").replace('"', '\\"')


def ekspor_pdf(html_path: str | Path, pdf_path: str | Path, *, judul: str, meta_line: str,
               footer_line: str, lang: str, peringatan: str = "") -> Path:
    """Render the ``<main>`` of an exported report page as an A4 PDF (atomic write).

    Parameters
    ----------
    html_path : page written by :func:`kinerja_analysis.laporan.ekspor.ekspor_html`.
    pdf_path : target PDF.
    judul, meta_line, footer_line : title, period line and footer printed on the PDF.
    peringatan : the lowered-threshold sentence, printed under the title (``""``: none).
    lang : ``"id"`` or ``"en"`` (hyphenation and quotes).
    """
    import pypandoc
    import typst

    html = Path(html_path).read_text(encoding="utf-8")
    match = _MAIN.search(html)
    body = bersihkan_tautan(_ANCHOR.sub("", match.group(1) if match else html))
    markup = pypandoc.convert_text(body, "typst", format="html")
    markup = re.sub(r'#label\("cell-id=[^"]*"\)', "", markup)
    markup = tautan_typst_aman(markup)
    banner = (f'#block(fill: rgb("#fff3cd"), inset: 6pt, width: 100%, text(weight: "bold", '
              f'"{_typst_string(peringatan)}"))\n\n' if peringatan else "")
    preamble = (
        '#set page(paper: "a4", margin: (x: 18mm, y: 20mm), '
        f'footer: align(center, text(size: 8pt, "{_typst_string(footer_line)}")))\n'
        f'#set text(lang: "{lang}", size: 10pt)\n'
        "#set table(inset: 4pt)\n"
        f'#text(size: 17pt, weight: "bold", "{_typst_string(judul)}")\n\n'
        f'#text(size: 9pt, fill: rgb("#555555"), "{_typst_string(meta_line)}")\n\n'
        "#line(length: 100%, stroke: 1.5pt + rgb(\"#0b5394\"))\n\n"
        + banner
    )
    pdf_path = Path(pdf_path)
    with atomic.atomic_path(pdf_path.with_suffix(".typ")) as src, \
            atomic.atomic_path(pdf_path, suffix=".pdf.tmp") as tmp:
        src.write_text(preamble + markup, encoding="utf-8")
        typst.compile(str(src), output=str(tmp))
    pdf_path.with_suffix(".typ").unlink()
    return pdf_path
