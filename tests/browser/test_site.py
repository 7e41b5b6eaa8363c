"""The built site in a real browser: clean loads, no outside requests, working
navigation, citations and evidence links, search, small screens, image alt text."""
from __future__ import annotations

import posixpath
from urllib.parse import urldefrag, urlsplit

from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def _site_path(url: str, site_url: str) -> str | None:
    """'http://127.0.0.1:port/a/b.html#x' -> 'a/b.html' (None for other hosts)."""
    if not url.startswith(site_url):
        return None
    path = urlsplit(url).path[len(urlsplit(site_url).path):]
    return posixpath.normpath(path or "index.html")


def _toc_files() -> list[str]:
    """Every ``file:`` of _toc.yml (globs are checked against the built pages)."""
    toc = yaml.safe_load((REPO / "_toc.yml").read_text(encoding="utf-8"))
    found: list[str] = []

    def walk(node):
        if isinstance(node, dict):
            if "file" in node:
                found.append(str(node["file"]))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)
    walk({k: v for k, v in toc.items() if k != "root"})
    return found


def test_every_page_loads_without_errors(crawl):
    bad = {page: info["problems"] for page, info in crawl.items() if info["problems"]}
    assert not bad, bad


def test_no_request_leaves_127_0_0_1(crawl):
    outside = {page: info["outside"] for page, info in crawl.items() if info["outside"]}
    assert not outside, outside


def test_navigation_lists_every_chapter_and_no_source_page(crawl, site_url, site_dir):
    """The navigation every page carries holds the chapters only; the source pages are
    reached from the index of sources, so the site stays small at any number of them."""
    toc = yaml.safe_load((REPO / "_toc.yml").read_text(encoding="utf-8"))
    root_page = f"{toc['root']}.html"
    expected = {f"{f}.html" for f in _toc_files()}
    sources = {p.relative_to(site_dir).as_posix()
               for p in (site_dir / "book" / "sources").glob("*.html")}
    assert len(expected) > 5 and sources
    for page in (root_page, sorted(sources)[0]):
        nav = {_site_path(urldefrag(u)[0], site_url) for u in crawl[page]["nav"]}
        assert expected - nav == set(), page
        assert not nav & sources, page
    linked = {_site_path(urldefrag(a["href"])[0], site_url)
              for a in crawl["book/source-texts.html"]["links"]}
    assert sources <= linked


def _links_landing_nowhere(crawl, site_url, wanted, target_ids: str):
    """(all links matching ``wanted``, those whose #fragment is not among the target
    page's ``target_ids`` as the crawl recorded them)."""
    found = [(page, link) for page, info in crawl.items()
             for link in info["links"] if wanted(link)]
    broken = []
    for page, link in found:
        target, frag = urldefrag(link["href"])
        target_page = _site_path(target, site_url)
        if target_page not in crawl or frag not in crawl[target_page][target_ids]:
            broken.append(f"{page}: {link['raw']} ({link['text'][:60]})")
    return found, broken


def test_citations_land_on_bibliography_entries(crawl, site_url):
    cites, broken = _links_landing_nowhere(crawl, site_url, lambda a: a["cite"], "bib")
    assert cites, "no citation links anywhere: chapters should cite their sources"
    assert not broken, broken


def test_evidence_links_land_on_existing_anchors(crawl, site_url):
    links, broken = _links_landing_nowhere(crawl, site_url,
                                           lambda a: "#ev-" in a["raw"], "ids")
    assert links, "no evidence links anywhere"
    assert not broken, broken


def test_anchor_ids_are_unique_on_every_page(crawl):
    dupes = {}
    for page, info in crawl.items():
        ev = [i for i in info["ids"] if i.startswith("ev-")]
        if len(ev) != len(set(ev)):
            dupes[page] = sorted({i for i in ev if ev.count(i) > 1})
    assert not dupes, dupes


def test_every_image_has_alt_text(crawl):
    missing = {page: [i["src"][:80] for i in info["imgs"] if not (i["alt"] or "").strip()]
               for page, info in crawl.items()}
    missing = {p: m for p, m in missing.items() if m}
    assert not missing, missing


def test_source_page_shows_highlighted_evidence(visit, site_dir, shoot):
    pages = sorted((site_dir / "book" / "sources").glob("*.html"))
    assert pages, "no source pages were built"
    v = visit(viewport={"width": 1280, "height": 900})
    for path in pages:
        page = v.open(path.relative_to(site_dir).as_posix())
        spans = page.locator("p.source-text .evidence")
        assert spans.count() > 0, f"{path.name}: no evidence highlighted"
        background = spans.first.evaluate("e => getComputedStyle(e).backgroundColor")
        assert background not in ("rgba(0, 0, 0, 0)", "transparent"), path.name
    first = pages[0].relative_to(site_dir).as_posix()
    page = v.open(first)
    anchor = page.locator("p.source-text .evidence[id]").first.get_attribute("id")
    page = v.open(f"{first}#{anchor}")
    assert page.locator(f"#{anchor}").evaluate(
        "e => getComputedStyle(e).outlineStyle") != "none"   # the :target is marked
    shoot(page, "source-page-target")
    assert not v.problems and not v.outside


def test_search_finds_monitoring(visit):
    v = visit()
    page = v.open("search.html?q=monitoring")
    results = page.locator("#search-results ul.search li")
    results.first.wait_for(timeout=15000)
    assert results.count() >= 1
    assert not v.outside


SEARCH_CONTROLS = """() => Array.from(document.querySelectorAll(
    'button.search-button__button, input[type=search], .bd-search'))
    .filter(e => { const r = e.getBoundingClientRect(), s = getComputedStyle(e);
                   return r.width > 0 && r.height > 0 && s.visibility !== 'hidden'; })
    .map(e => e.className || e.tagName)"""


@pytest.mark.parametrize("width", [1280, 390])
def test_one_search_control_per_page(visit, site_pages, width):
    v = visit(viewport={"width": width, "height": 900}, is_mobile=width < 600)
    counts = {}
    for rel in site_pages:
        page = v.open(rel)
        page.wait_for_load_state("networkidle")
        found = page.evaluate(SEARCH_CONTROLS)
        extra = 1 if rel.endswith("source-texts.html") else 0    # the table's filter box
        if len(found) != 1 + extra:
            counts[rel] = found
    assert not counts, counts


def test_index_of_sources_sorts_and_filters(visit, site_dir, shoot):
    v = visit(viewport={"width": 1280, "height": 900})
    page = v.open("book/source-texts.html")
    rows = page.locator("table.source-index tbody tr")
    total = rows.count()
    assert total == len(list((site_dir / "book" / "sources").glob("*.html"))) > 1
    outlets = lambda: page.locator("table.source-index tbody tr td:first-child").all_inner_texts()
    page.get_by_role("button", name="Outlet").click()
    assert outlets() == sorted(outlets(), key=str.casefold)
    assert page.locator("th[aria-sort=ascending]").count() == 1
    page.get_by_role("button", name="Outlet").click()
    assert outlets() == sorted(outlets(), key=str.casefold, reverse=True)
    first_id = page.locator("table.source-index tbody tr td:last-child").first.inner_text()
    page.get_by_label("Filter sources").fill(first_id)
    assert page.locator("table.source-index tbody tr:visible").count() == 1
    assert f"1 of {total}" in page.locator(".source-index-count").inner_text()
    shoot(page, "source-index-filtered")
    assert not v.problems and not v.outside


def test_wide_tables_say_they_scroll_at_390px(visit, site_pages, shoot):
    """No information behind a sideways scroll without a visible cue: every table box
    wider than the screen has the cue line just above it and a first column in view;
    and no cue above a box that does not scroll. Read after two animation frames, so
    that the page's resize handling has run (what a reader sees), twice over a second
    apart: a page whose cue comes and goes (a layout that flips) fails too."""
    v = visit(viewport={"width": 390, "height": 844}, device_scale_factor=2,
              is_mobile=True, has_touch=True)
    silent, false_cues, scrolling = {}, {}, 0
    for rel in site_pages:
        page = v.open(rel)
        page.wait_for_load_state("networkidle")
        states = []
        for _ in range(2):
            page.wait_for_timeout(500)
            states.append(page.evaluate("""() => new Promise(done =>
              requestAnimationFrame(() => requestAnimationFrame(() => done(
                Array.from(document.querySelectorAll(
                  '.evidence-table-wrap, .bd-article .pst-scrollable-table-container'))
                .filter(b => b.getClientRects().length)
                .map(b => { const cue = b.previousElementSibling;
                  const first = b.querySelector('tbody tr > :first-child');
                  return {wide: b.scrollWidth > b.clientWidth + 1,
                          cue: !!cue && cue.matches('p.table-scroll-cue') &&
                               cue.getBoundingClientRect().height > 0,
                          sticky: !first ||
                                  getComputedStyle(first).position === 'sticky'}; })))))"""))
        assert states[0] == states[1], (rel, "table layout changes on its own", states)
        boxes = states[0]
        scrolling += sum(b["wide"] for b in boxes)
        bad = [b for b in boxes if b["wide"] and not (b["cue"] and b["sticky"])]
        if bad:
            silent[rel] = bad
        false = [b for b in boxes if b["cue"] and not b["wide"]]
        if false:
            false_cues[rel] = false
    assert scrolling > 0, "no wide table at 390 px: the check would prove nothing"
    assert not silent, silent
    assert not false_cues, ("a scroll cue above a table that does not scroll", false_cues)
    page = v.open("notebooks/provisions.html")
    page.wait_for_load_state("networkidle")
    page.locator(".evidence-table-wrap.is-scrollable").first.scroll_into_view_if_needed()
    shoot(page, "provisions-390")
    shoot(v.open("book/source-texts.html"), "source-index-390")


def test_no_page_scrolls_sideways_at_390px(visit, site_pages, shoot):
    v = visit(viewport={"width": 390, "height": 844}, device_scale_factor=2,
              is_mobile=True, has_touch=True)
    wide = {}
    for rel in site_pages:
        page = v.open(rel)
        page.wait_for_load_state("networkidle")
        sizes = page.evaluate("() => [document.documentElement.scrollWidth, "
                              "document.documentElement.clientWidth]")
        if sizes[0] > sizes[1] + 1:
            wide[rel] = sizes
    shots = {"home": "book/index.html",
             "source-page-390": next((p for p in site_pages if p.startswith("book/sources/")),
                                     None),
             "notebook-390": next((p for p in site_pages if p.startswith("notebooks/")), None)}
    for name, rel in shots.items():
        if rel:
            shoot(v.open(rel), name)
    assert not wide, wide
