"""Language: an English report has no Indonesian UI text and vice versa (data and domain
terms in table cells aside); every text catalog has both languages."""

from __future__ import annotations

import html as htmlmod
import importlib
import pkgutil
import re
from pathlib import Path

import pytest

import kinerja_analysis
from kinerja_analysis import i18n

ROOT = Path(__file__).resolve().parents[1]
ID_WORDS = ("dan", "yang", "dengan", "untuk", "tidak", "dari", "pada", "adalah", "sampai",
            "belum", "lebih", "karena", "secara", "seluruh", "pegawai", "triwulan")
EN_WORDS = ("the", "and", "with", "from", "of", "which", "not", "staff", "quarter")


def _catalogs():
    """Every dict-of-dicts text catalog with id/en entries in the package."""
    found = []
    for mod in pkgutil.walk_packages(kinerja_analysis.__path__, "kinerja_analysis."):
        module = importlib.import_module(mod.name)
        for name, value in vars(module).items():
            if (isinstance(value, dict) and value and all(
                    isinstance(v, dict) and set(v) >= {"id"} for v in value.values())):
                found.append((f"{mod.name}.{name}", value))
    return found


def test_every_catalog_entry_has_both_languages():
    catalogs = _catalogs()
    assert len(catalogs) >= 8
    for name, cat in catalogs:
        for key, entry in cat.items():
            assert set(entry) >= set(i18n.LANGS), (name, key)
            assert all(isinstance(entry[lang], str) and entry[lang] for lang in i18n.LANGS), (
                name, key)


def _ui_text(page: Path) -> str:
    """Visible interface text: headings, paragraphs, list items, headers, captions, alt."""
    text = page.read_text(encoding="utf-8")
    text = re.sub(r"<(style|script)\b.*?</\1>", " ", text, flags=re.S)
    text = re.sub(r"<td\b.*?</td>", " ", text, flags=re.S)  # data cells: names, quotes
    text = re.sub(r"<code\b.*?</code>", " ", text, flags=re.S)  # file names, commands
    alts = " ".join(re.findall(r'alt="([^"]*)"', text))
    text = re.sub(r"data:image/[^\"']+", " ", text)
    text = re.sub(r"<[^>]+>", " ", text)
    return htmlmod.unescape(text + " " + alts)


@pytest.fixture(scope="module")
def english_report(tmp_path_factory, demo_raw):
    from kinerja_analysis.laporan import run_report

    base = tmp_path_factory.mktemp("en")
    result = run_report(demo_raw, base / "reports", processed_dir=base / "processed", lang="en",
                        progress_bar=False, log=lambda _m: None,
                        notebooks_dir=ROOT / "notebooks")
    return result, base


def _hits(text: str, words: tuple[str, ...]) -> list[str]:
    return sorted({w for w in words if re.search(rf"\b{w}\b", text, flags=re.I)})


def test_english_report_has_no_indonesian_ui_text(english_report):
    _result, base = english_report
    pages = sorted((base / "reports").rglob("*.html"))
    assert len(pages) >= 6
    for page in pages:
        assert '<html lang="en">' in page.read_text(encoding="utf-8") or page.name == "index.html"
        hits = _hits(_ui_text(page), ID_WORDS)
        assert not hits, (page.name, hits)


def test_indonesian_report_has_no_english_ui_text(report_run):
    _result, base = report_run
    for page in sorted((base / "reports").rglob("*.html")):
        hits = _hits(_ui_text(page), EN_WORDS)
        assert not hits, (page.name, hits)


def test_english_numbers_use_english_format(english_report):
    result, base = english_report
    text = _ui_text(base / "reports" / result.periode / "00_gambaran_data.html")
    assert "95% CI" in text and "IK 95" not in text
    assert re.search(r"\b\d{1,3}(,\d{3})+\b", text)  # thousands separator ","
