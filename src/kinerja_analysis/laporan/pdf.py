"""A4 PDF of a report page (the executive summary) for officials who print.

Route: the exported HTML's ``<main>`` -> pandoc (``pypandoc-binary`` wheel, bundles pandoc)
-> Typst markup -> ``typst`` wheel -> PDF. Both run offline, in well under a second, and
need no browser. Charts are not part of the executive summary, so none are lost.
"""

from __future__ import annotations

import re
from pathlib import Path

from .. import atomic

_MAIN = re.compile(r"<main>(.*)</main>", re.S)
_ANCHOR = re.compile(r'<a class="anchor-link"[^>]*>.*?</a>', re.S)


def _typst_string(text: str) -> str:
    """Escape text for a Typst string literal."""
    return text.replace("\\", "\\\\").replace('"', '\\"')


def ekspor_pdf(html_path: str | Path, pdf_path: str | Path, *, judul: str, meta_line: str,
               footer_line: str, lang: str) -> Path:
    """Render the ``<main>`` of an exported report page as an A4 PDF (atomic write).

    Parameters
    ----------
    html_path : page written by :func:`kinerja_analysis.laporan.ekspor.ekspor_html`.
    pdf_path : target PDF.
    judul, meta_line, footer_line : title, period line and footer printed on the PDF.
    lang : ``"id"`` or ``"en"`` (hyphenation and quotes).
    """
    import pypandoc
    import typst

    html = Path(html_path).read_text(encoding="utf-8")
    match = _MAIN.search(html)
    body = _ANCHOR.sub("", match.group(1) if match else html)
    markup = pypandoc.convert_text(body, "typst", format="html")
    markup = re.sub(r'#label\("cell-id=[^"]*"\)', "", markup)
    preamble = (
        '#set page(paper: "a4", margin: (x: 18mm, y: 20mm), '
        f'footer: align(center, text(size: 8pt, "{_typst_string(footer_line)}")))\n'
        f'#set text(lang: "{lang}", size: 10pt)\n'
        "#set table(inset: 4pt)\n"
        f'#text(size: 17pt, weight: "bold", "{_typst_string(judul)}")\n\n'
        f'#text(size: 9pt, fill: rgb("#555555"), "{_typst_string(meta_line)}")\n\n'
        "#line(length: 100%, stroke: 1.5pt + rgb(\"#0b5394\"))\n\n"
    )
    pdf_path = Path(pdf_path)
    with atomic.atomic_path(pdf_path.with_suffix(".typ")) as src, \
            atomic.atomic_path(pdf_path, suffix=".pdf.tmp") as tmp:
        src.write_text(preamble + markup, encoding="utf-8")
        typst.compile(str(src), output=str(tmp))
    pdf_path.with_suffix(".typ").unlink()
    return pdf_path
