"""Executed notebook -> self-contained HTML (no code cells, no CDN scripts, with a TOC)."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import nbformat

from .. import atomic

TEMPLATE_DIR = Path(__file__).parent / "templates"
_HEADING = re.compile(r"<h([23])([^>]*)\bid=\"([^\"]+)\"[^>]*>(.*?)</h\1>", re.S)
_TAG = re.compile(r"<[^>]+>")
_EXTERNAL = re.compile(r"<(script|link|img|iframe)[^>]+(src|href)=\"(https?:)?//", re.I)


@lru_cache(maxsize=1)
def _exporter():
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    exporter = HTMLExporter(
        template_name="kinerja",
        extra_template_basedirs=[str(TEMPLATE_DIR)],
        exclude_input=True,
        # Static Markdown cells are notes for researchers (one language); every word an
        # official reads comes from the id/en catalogs through cell outputs.
        exclude_markdown=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
    )
    tags = TagRemovePreprocessor(
        remove_cell_tags={"remove_cell", "parameters", "injected-parameters"}
    )
    exporter.register_preprocessor(tags, enabled=True)
    return exporter


def daftar_isi(body: str, title: str) -> str:
    """Build a table of contents from the ``<h2>``/``<h3>`` ids nbconvert gives headings."""
    items = []
    for level, _attrs, anchor, inner in _HEADING.findall(body):
        text = html.unescape(_TAG.sub("", inner)).replace("¶", "").strip()
        if text:
            items.append((int(level), anchor, text))
    if not items:
        return ""
    parts = [
        f'<nav class="kinerja-toc" aria-label="{html.escape(title)}"><strong>'
        f"{html.escape(title)}</strong><ol>"
    ]
    for level, anchor, text in items:
        style = ' style="margin-left:1.2rem"' if level == 3 else ""
        parts.append(f'<li{style}><a href="#{html.escape(anchor)}">{html.escape(text)}</a></li>')
    parts.append("</ol></nav>")
    return "".join(parts)


def ekspor_html(
    notebook: str | Path | nbformat.NotebookNode,
    target: str | Path,
    *,
    lang: str,
    kinerja: Mapping[str, Any],
    toc_title: str,
) -> Path:
    """Export an executed notebook to a self-contained HTML file (atomically).

    ``kinerja`` fills the page header and footer: ``judul``, ``meta_line``, ``footer_line``,
    ``reproduce_label``, ``reproduce``, ``hash_label`` and ``hashes``.
    """
    nb = (
        notebook
        if isinstance(notebook, nbformat.NotebookNode)
        else nbformat.read(str(notebook), as_version=4)
    )
    resources = {
        "language_code": lang,
        "kinerja": dict(kinerja),
        "metadata": {"name": kinerja.get("judul", "")},
    }
    nb.metadata["title"] = kinerja.get("judul", "")
    exporter = _exporter()
    exporter.language_code = lang
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    body = body.replace("<!--KINERJA-TOC-->", daftar_isi(body, toc_title), 1)
    if _EXTERNAL.search(body):
        raise RuntimeError(f"external resource left in HTML for {target}")
    return atomic.write_text(target, body)
