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


# An HTML start tag with its attributes (quoted values may hold '>').
_START_TAG = re.compile(
    r"<[a-zA-Z][^\s/>]*(?:\s+[^\s\"'>/=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*"
    r"\s*/?>")
_ATTR = re.compile(r"(\s+)([^\s\"'>/=]+)(?:(\s*=\s*)(\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?")
_URL_ATTRS = frozenset({"href", "src", "xlink:href", "action", "formaction", "poster",
                        "background", "cite", "data", "srcset", "ping", "lowsrc", "dynsrc",
                        "longdesc", "manifest", "codebase", "archive"})
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_DATA_IMAGE = re.compile(r"^data:image/(?:png|jpeg|gif|webp|svg\+xml);base64,[a-z0-9+/=]*$")
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")


def tautan_aman(url: str, *, gambar: bool = False) -> bool:
    """True when a link target may stay in a published page: ``http(s)``, an in-page
    ``#anchor`` or a relative path; with ``gambar`` (an ``<img src>``) also an embedded
    ``data:image/...;base64`` picture (the charts). Anything else (``javascript:``,
    ``vbscript:``, ``data:`` elsewhere, ``file:``) is not, however it is spelled.

    Examples
    --------
    >>> [tautan_aman(u) for u in ("https://x.id/a", "#ikm", "02_korelasi.html",
    ...                           "JaVa&#x09;Script:alert(1)", " javascript:x", "file:///etc")]
    [True, True, True, False, False, False]
    >>> tautan_aman("data:image/png;base64,AAA=", gambar=True), tautan_aman("data:text/html,x")
    (True, False)
    """
    text = _CONTROL.sub("", html.unescape(url)).lower()
    if text.startswith("#"):
        return True
    m = _SCHEME.match(text)
    if m is None:
        return True  # relative (a ':' after '/', '?' or '#' is no scheme)
    if m.group(1) in ("http", "https"):
        return True
    return gambar and bool(_DATA_IMAGE.match(text))


def bersihkan_tautan(body: str) -> str:
    """Remove every link attribute (``href``, ``src``, ``xlink:href``, ``action``, ...)
    whose target :func:`tautan_aman` refuses, so no ``javascript:`` link reaches the HTML
    or the PDF whatever the Markdown step made of the data.

    Examples
    --------
    >>> bersihkan_tautan('<p><a href="javascript:alert(1)">klik</a> <a href="#x">y</a></p>')
    '<p><a>klik</a> <a href="#x">y</a></p>'
    >>> bersihkan_tautan('<img src="data:image/png;base64,AA==" alt="a">')
    '<img src="data:image/png;base64,AA==" alt="a">'
    """
    def attr(m: re.Match[str]) -> str:
        name, value = m.group(2).lower(), m.group(4)
        if name not in _URL_ATTRS or value is None:
            return m.group(0)
        return m.group(0) if tautan_aman(value.strip("\"'"), gambar=is_img) else ""

    def tag(m: re.Match[str]) -> str:
        nonlocal is_img
        text = m.group(0)
        is_img = text[1:4].lower() == "img" and not text[4:5].isalnum()
        return _ATTR.sub(attr, text)

    is_img = False
    return _START_TAG.sub(tag, body)


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
    body = bersihkan_tautan(body)
    if _EXTERNAL.search(body):
        raise RuntimeError(f"external resource left in HTML for {target}")
    return atomic.write_text(target, body)
