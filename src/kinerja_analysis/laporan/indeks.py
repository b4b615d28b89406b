"""index.html pages: one per period and one listing every period with a headline trend."""

from __future__ import annotations

import html
import json
from collections.abc import Mapping
from pathlib import Path

from .. import __version__, atomic, i18n, kunci_folder
from . import teks

_CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;font-size:16px;color:#1b1b1b;
max-width:1000px;margin:0 auto;padding:1rem 1.2rem}
h1{border-bottom:3px solid #0b5394;padding-bottom:.4rem}
table{border-collapse:collapse;margin:.6rem 0}th,td{border:1px solid #ccc;padding:.35rem .6rem;
text-align:left}th{background:#f4f7fb}td.angka{text-align:right}
footer{color:#555;font-size:.85rem;border-top:1px solid #ccc;margin-top:2rem;padding-top:.5rem}
@page{size:A4;margin:15mm}
"""


def _page(title: str, body: str, lang: str) -> str:
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        f"{kunci_folder.HTML_MARKER}"  # what --out may overwrite: index pages kinerja wrote
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title><style>{_CSS}</style></head><body>"
        f"<h1>{html.escape(title)}</h1>{body}<footer>kinerja-analysis {__version__}</footer>"
        f"</body></html>\n"
    )


def _waktu(iso: str | None, lang: str) -> str:
    """'2026-11-28T03:45:10+00:00' -> '28 November 2026, 03.45 UTC' (id) / '03:45 UTC' (en)."""
    if not iso:
        return "–"
    day, _, clock = str(iso).partition("T")
    sep = "." if lang == "id" else ":"
    return f"{i18n.fmt_date(day, lang)}, {clock[:2]}{sep}{clock[3:5]} UTC"


def headline(results: Mapping, lang: str) -> dict[str, str]:
    """Headline figures of one period's results, formatted for the index trend table.

    Examples
    --------
    >>> r = {"ikm": {"keseluruhan_periode_akhir": {"estimate": 86.5, "ci_low": 85.9,
    ...      "ci_high": 87.2, "n": 738}}}
    >>> headline(r, "id")["IKM seluruh unit"]
    '86,50 (IK 95 %: 85,90 sampai 87,20)'
    """
    out: dict[str, str] = {}
    total = (results.get("ikm") or {}).get("keseluruhan_periode_akhir")
    if isinstance(total, Mapping) and total.get("estimate") is not None:
        out[teks.page_text("ikm_total", lang)] = i18n.fmt_estimate_ci(
            total["estimate"], total["ci_low"], total["ci_high"], 2, lang)
        out[teks.page_text("n_responden", lang)] = i18n.fmt_int(total.get("n"), lang)
    att = (((results.get("dampak") or {}).get("ikm")) or {}).get("att")
    if isinstance(att, Mapping) and att.get("estimate") is not None:
        out[teks.page_text("att_ikm", lang)] = i18n.fmt_estimate_ci(
            att["estimate"], att["ci_low"], att["ci_high"], 1, lang)
    r = (((results.get("korelasi") or {}).get("antar_unit")) or {}).get("pearson")
    if isinstance(r, Mapping) and r.get("r") is not None:
        out[teks.page_text("r_antar", lang)] = i18n.fmt_estimate_ci(
            r["r"], r["ci_low"], r["ci_high"], 2, lang)
    return out


def tulis_indeks_periode(
    folder: Path, periode: str, lang: str, pages: Mapping[str, Path], results: Mapping,
    *, peringatan: str = "",
) -> Path:
    """``<periode>/index.html``: links to the period's pages and its headline figures;
    ``peringatan`` (the lowered-threshold sentence) is shown first."""
    items = "".join(
        f'<li><a href="{html.escape(p.name)}">'
        f"{html.escape(teks.judul_notebook(stem, lang))}</a></li>"
        for stem, p in sorted(pages.items())
    )
    rows = "".join(
        f"<tr><th>{html.escape(k)}</th><td class='angka'>{html.escape(v)}</td></tr>"
        for k, v in headline(results, lang).items()
    )
    body = (
        (f'<p class="peringatan" role="note" style="background:#fff3cd;border-left:4px solid '
         f'#b45309;padding:.4rem .6rem;font-weight:600">{html.escape(peringatan)}</p>'
         if peringatan else "")
        + f"<p>{html.escape(teks.page_text('periode', lang))}: "
        f"{html.escape(i18n.fmt_periode(periode, lang))}</p><ul>{items}</ul>"
        + (f"<table>{rows}</table>" if rows else "")
        + '<p><a href="results.json">results.json</a> · '
        '<a href="manifest.json">manifest.json</a></p>'
    )
    title = f"{teks.page_text('index_title', lang)} – {i18n.fmt_periode(periode, lang)}"
    return atomic.write_text(folder / "index.html", _page(title, body, lang))


def tulis_indeks(out_dir: Path, lang: str) -> Path:
    """Top ``index.html``: every period folder with a manifest, newest first, with trend table."""
    periods = []
    for manifest in sorted(out_dir.glob("*/manifest.json")):
        folder = manifest.parent
        if folder.name.startswith((".", "_")):
            continue
        try:
            res = json.loads((folder / "results.json").read_text(encoding="utf-8"))
            man = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        periods.append((folder.name, res, man))
    periods.sort(key=lambda t: t[0], reverse=True)
    heads = [headline(res, lang) for _, res, _ in periods]
    cols = list(dict.fromkeys(k for h in heads for k in h))
    th = "".join(f"<th>{html.escape(c)}</th>" for c in cols)
    rows = []
    for (name, _res, man), h in zip(periods, heads, strict=True):
        pages = sorted(p.name for p in (out_dir / name).glob("[0-9][0-9]_*.html"))
        links = " · ".join(
            f'<a href="{html.escape(name)}/{html.escape(p)}">'
            f"{html.escape(teks.judul_notebook(p[:-5], lang))}</a>"
            for p in pages
        )
        cells = "".join(f"<td class='angka'>{html.escape(h.get(c, '–'))}</td>" for c in cols)
        rows.append(
            f"<tr><td><a href='{html.escape(name)}/index.html'>"
            f"{html.escape(i18n.fmt_periode(name, lang))}</a></td>{cells}"
            f"<td>{links}</td><td>{html.escape(_waktu(man.get('selesai'), lang))}</td></tr>"
        )
    body = (
        f"<p>{html.escape(teks.page_text('index_intro', lang))}</p>"
        f"<h2>{html.escape(teks.page_text('tren', lang))}</h2><table><tr>"
        f"<th>{html.escape(teks.page_text('periode', lang))}</th>{th}"
        f"<th>{html.escape(teks.page_text('laporan', lang))}</th>"
        f"<th>{html.escape(teks.page_text('dibuat', lang))}</th></tr>{''.join(rows)}</table>"
    )
    return atomic.write_text(
        out_dir / "index.html", _page(teks.page_text("index_title", lang), body, lang)
    )
