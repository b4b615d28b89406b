"""Display helpers for notebooks: charts with alt text, formatted tables, Markdown text.

Charts use the Okabe-Ito colour-blind-safe palette and large labels; images are embedded
as SVG data URIs with an ``alt`` attribute, so the exported HTML is self-contained. SVG with
text kept as text (``svg.fonttype: none``, the browser's sans-serif font) is sharp at any
zoom and in print, and measured here it is ~35 % faster to write than PNG for the same
charts and a third of the bytes.
"""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Mapping
from typing import Any

import pandas as pd

from .. import i18n

OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000")
# Traffic-light style mutu colours that stay distinguishable for colour-blind readers.
WARNA_MUTU = {"A": "#009E73", "B": "#56B4E9", "C": "#E69F00", "D": "#D55E00"}


_ROMAWI = {"1": "I", "2": "II", "3": "III", "4": "IV"}


def periode_pendek(periode: str, lang: str = "id") -> str:
    """Short quarter label for chart axes: ``TW IV 2025`` (id) or ``Q4 2025`` (en).

    Examples
    --------
    >>> periode_pendek("2025-Q4", "id"), periode_pendek("2025-Q4", "en")
    ('TW IV 2025', 'Q4 2025')
    """
    lang = i18n.check_lang(lang)
    year, _, q = str(periode).partition("-Q")
    if not q:
        return i18n.fmt_periode(periode, lang)
    return f"TW {_ROMAWI[q]} {year}" if lang == "id" else f"Q{q} {year}"


def gaya() -> None:
    """Seaborn/matplotlib style for official reports: large text, palette, no chart junk."""
    import matplotlib as mpl
    import seaborn as sns

    sns.set_theme(style="whitegrid", context="talk", palette=list(OKABE_ITO))
    mpl.rcParams.update(
        {
            "figure.dpi": 90,
            "savefig.dpi": 110,
            "axes.titleweight": "bold",
            "axes.titlesize": 17,
            # No tight_layout on every draw: gambar_html crops with bbox_inches="tight"
            # and lays out only figures with several panels (measured: -20 % per chart).
            "figure.autolayout": False,
            "svg.fonttype": "none",
            "svg.hashsalt": "kinerja-analysis",  # same ids on every run
        }
    )


def gambar_html(fig: Any, alt: str) -> str:
    """SVG data-URI ``<img>`` of a matplotlib figure with alt text; closes the figure.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> out = gambar_html(fig, 'IKM "naik" <5>')
    >>> out.startswith('<figure><img src="data:image/svg+xml;base64,'), "&lt;5&gt;" in out
    (True, True)
    """
    import matplotlib.pyplot as plt

    buf = io.BytesIO()
    panels = [ax for ax in fig.axes if ax.get_label() != "<colorbar>"]
    if len(panels) > 1 and fig.get_layout_engine() is None:
        fig.tight_layout()  # keep the panels' labels from overlapping
    fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    return (
        f'<figure><img src="data:image/svg+xml;base64,{data}" alt="{html.escape(alt)}" />'
        f"<figcaption>{html.escape(alt)}</figcaption></figure>"
    )


def tampilkan_gambar(fig: Any, alt: str) -> None:
    """Display a figure (in a notebook) as an embedded image with alt text."""
    from IPython.display import HTML, display

    display(HTML(gambar_html(fig, alt)))


def tabel_html(
    df: pd.DataFrame,
    spec: Mapping[str, Any] | None = None,
    lang: str = "id",
    headers: Mapping[str, str] | None = None,
    caption: str | None = None,
) -> str:
    """Escaped HTML table: columns formatted by ``spec`` (see :func:`i18n.format_frame`).

    Examples
    --------
    >>> df = pd.DataFrame({"unit_kerja": ["<b>X</b>"], "ikm": [88.314]})
    >>> out = tabel_html(df, {"ikm": "number:2"}, "id")
    >>> "88,31" in out and "&lt;b&gt;" in out
    True
    """
    shown = i18n.format_frame(df, spec or {}, lang) if spec else df.astype(str)
    if headers:
        shown = shown.rename(columns=dict(headers))
    body = shown.to_html(index=False, escape=True, border=0, classes="tabel-kinerja", na_rep="–")
    if caption:
        body = body.replace(">", f"><caption>{html.escape(caption)}</caption>", 1)
    return body


def tampilkan_tabel(
    df: pd.DataFrame,
    spec: Mapping[str, Any] | None = None,
    lang: str = "id",
    headers: Mapping[str, str] | None = None,
    caption: str | None = None,
) -> None:
    """Display :func:`tabel_html` in a notebook."""
    from IPython.display import HTML, display

    display(HTML(tabel_html(df, spec, lang, headers, caption)))


def tampilkan_teks(markdown: str) -> None:
    """Display generated Markdown text (sentences built from the numbers)."""
    from IPython.display import Markdown, display

    display(Markdown(markdown))
