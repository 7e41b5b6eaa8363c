"""Every local link and resource in the built site points at a file that exists
(downloads, figures, source pages, chapters), and no page links to a script URL."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

SITE = Path(__file__).resolve().parent.parent / "_build" / "html"
ATTR = re.compile(r'\b(?:href|src)="([^"]*)"')


def pages() -> list[Path]:
    if not (SITE / "index.html").exists():
        pytest.fail("no built site: run `make book` first")
    # _static/ holds theme templates (Jinja source), not pages.
    return sorted(p for p in SITE.rglob("*.html") if "_static" not in p.relative_to(SITE).parts)


def test_every_local_link_resolves():
    broken = []
    for page in pages():
        for url in ATTR.findall(page.read_text(encoding="utf-8")):
            parts = urlsplit(url)
            if parts.scheme or url.startswith(("#", "//")) or not parts.path:
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            if not target.exists():
                broken.append(f"{page.relative_to(SITE)} -> {url}")
    assert not broken, broken[:20]


def test_tables_are_downloadable_from_the_site():
    data = SITE / "data"
    for name in ("sources", "date_mentions", "quotes", "events", "claims", "discrepancies"):
        assert (data / f"{name}.csv").stat().st_size > 0, name


def test_no_page_links_to_a_script_url():
    for page in pages():
        text = page.read_text(encoding="utf-8")
        assert not re.search(r'(?:href|src)="\s*javascript:', text, re.I), page.name
