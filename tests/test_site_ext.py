"""The Sphinx extension in a tiny book: verified quotes, facts, source pages, and
article text that stays inert however hostile it is.

Each build is a plain ``sphinx-build -W`` of a few pages (myst_parser + the
extension) over the fixtures in tests/fixtures/site/, with ``EVIDENCE_ROOT``
pointing the extension at a temporary copy of the data.
"""
from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import importlib.util

import pytest
from bs4 import BeautifulSoup

from evidence.publish import export, links, tables

from evidence.read import registry

from evidence.site import sitegen
from evidence.read.corpus import Corpus

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures" / "site"
_spec = importlib.util.spec_from_file_location("site_fixture_loader", FIXTURES / "loader.py")
loader = sys.modules[_spec.name] = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(loader)
GOOD_QUOTE = "agreed to establish a monitoring and"
# Wrapped over two lines in the Markdown source, indented as inside a list item.
WRAPPED_QUOTE = "impose a penalty on a\n   violating party"

CONF = f"""
import sys
sys.path[:0] = [{str(REPO)!r}, {str(FIXTURES)!r}]
evidence_loader = "loader:load"
project = "tiny"
extensions = ["myst_parser", "evidence.site.sphinx_ext"]
myst_enable_extensions = ["colon_fence", "deflist", "dollarmath", "substitution"]
exclude_patterns = ["_build", "data"]
html_theme = "basic"
"""

INDEX = """\
# Tiny

```{toctree}
book/chapter
book/source-texts
```
"""
SOURCE_TEXTS = "# The sources\n\n```{source-index}\n```\n"
# Columns another step may add to sources.csv: the site must show them unprompted.
LATER_COLUMNS = {"decoding_confidence": {"alpha-report": "0.97", "hostile": ""},
                 "copy_of": {"alpha-report": "", "hostile": "alpha-report"}}


def make_project(tmp_path: Path, chapter: str) -> Path:
    """A copy of the fixture data, its processed clean texts, the source stubs."""
    root = tmp_path / "proj"
    (root / "data" / "processed" / "clean").mkdir(parents=True)
    shutil.copytree(FIXTURES / "sources", root / "data" / "sources")
    shutil.copy(FIXTURES / "registry.csv", root / "data" / "registry.csv")
    shutil.copy(FIXTURES / "facts.json", root / "data" / "processed" / "facts.json")
    reg = registry.load(root / "data" / "registry.csv")
    parsed = Corpus(sources=[loader.parse(p, reg)
                             for p in sorted((root / "data" / "sources").iterdir())])
    for source in parsed.sources:
        (root / "data" / "processed" / "clean" / f"{source.source_id}.txt").write_text(
            source.clean_text, encoding="utf-8")
    table = tables.PARSE_TABLES["sources"](parsed.sources)
    for column, values in LATER_COLUMNS.items():
        table[column] = table["source_id"].map(values)
    (root / "data" / "processed" / "sources.csv").write_bytes(export.csv_bytes(table))
    sitegen.write_source_pages(parsed, out_dir=root / "book" / "sources")
    (root / "conf.py").write_text(CONF, encoding="utf-8")
    (root / "index.md").write_text(INDEX, encoding="utf-8")
    (root / "book" / "source-texts.md").write_text(SOURCE_TEXTS, encoding="utf-8")
    (root / "book" / "chapter.md").write_text(chapter, encoding="utf-8")
    return root


def build(root: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, EVIDENCE_ROOT=str(root), PYTHONHASHSEED="0")
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html",
         str(root), str(root / "_build")],
        cwd=root, env=env, capture_output=True, text=True, timeout=120)


def page(root: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((root / "_build" / name).read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def good_build(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("good"), (
        "# Chapter\n\n"
        f"The ministry said the parties {{quote}}`alpha-report|{GOOD_QUOTE}` a mechanism.\n"
        "There are {fact}`n_sources` sources; round two met in {fact}`round_two_place`.\n"
        "Hostile fact: {fact}`hostile_fact`.\n\n"
        f"- A wrapped quote: {{quote}}`alpha-report|{WRAPPED_QUOTE}`.\n"
        "- Straight quotes stay straight: {quote}`alpha-report|\"We will continue`.\n"))
    result = build(root)
    assert result.returncode == 0, result.stderr
    return root


def test_verbatim_quote_links_to_an_existing_anchor(good_build):
    chapter = page(good_build, "book/chapter.html")
    quotes = chapter.select("span.evidence-quote a")
    assert [a.get_text() for a in quotes] == [
        f"“{GOOD_QUOTE}”", "“impose a penalty on a violating party”", '“"We will continue”']
    clean = (good_build / "data/processed/clean/alpha-report.txt").read_text(encoding="utf-8")
    for a in quotes:
        path, frag = a["href"].split("#")
        assert path == "sources/alpha-report.html"   # relative to book/chapter
        start, end = map(int, frag.removeprefix("ev-").split("-"))
        assert f"“{clean[start:end]}”" == a.get_text()
        target = page(good_build, "book/sources/alpha-report.html")
        anchors = target.find_all(id=frag)
        assert len(anchors) == 1 and "evidence" in anchors[0]["class"]
        assert "ev-kind-cited" in anchors[0]["class"]


def test_every_anchor_id_is_unique(good_build):
    for name in ("book/sources/alpha-report.html", "book/sources/hostile.html"):
        ids = [el["id"] for el in page(good_build, name).find_all(id=True)]
        assert len(ids) == len(set(ids)), name


def test_source_page_cites_back_to_the_chapter(good_build):
    index = page(good_build, "book/sources/alpha-report.html").select_one("#evidence-index")
    assert index is not None
    backlinks = [a["href"] for a in index.select("a") if "chapter" in a["href"]]
    assert backlinks and all(h.startswith("../chapter.html") for h in backlinks)


def test_facts_are_inserted_as_text(good_build):
    chapter = page(good_build, "book/chapter.html")
    values = [el.get_text() for el in chapter.select("span.evidence-fact")]
    assert values == ["2", "Istanbul", "<script>alert(6)</script>"]
    assert "alert(6)" not in " ".join(s.get_text() for s in chapter.find_all("script"))


def test_hostile_article_is_inert_text(good_build):
    raw_html = (good_build / "_build" / "book" / "sources" / "hostile.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(raw_html, "html.parser")
    # the only scripts are the theme's, the same as on a harmless source page
    harmless = page(good_build, "book/sources/alpha-report.html")
    assert [str(s) for s in soup.find_all("script")] == \
        [str(s) for s in harmless.find_all("script")]
    assert "alert" not in " ".join(s.get_text() for s in soup.find_all("script"))
    for el in soup.find_all(True):
        assert not [a for a in el.attrs if a.lower().startswith("on")], el
        for attr in ("href", "src", "action", "formaction"):
            assert not str(el.get(attr, "")).strip().lower().startswith("javascript:"), el
    assert not soup.find_all(["iframe", "img", "object", "embed"])
    assert not soup.select("div.math, span.math, a[href*='evil.example']")
    text = soup.get_text()
    source = (FIXTURES / "sources" / "hostile.txt").read_text(encoding="utf-8")
    for line in filter(None, (ln.strip() for ln in source.splitlines())):
        assert line in text, f"article line not shown verbatim: {line!r}"
    # registry values are data too: the javascript: URL is shown, not linked
    meta = soup.select_one("#source-metadata")
    assert "javascript:alert('url')" in meta.get_text()
    assert "<script>alert('outlet')</script>" in meta.get_text()
    assert not meta.select("a[href^='javascript']")


def test_registry_http_url_is_a_link(good_build):
    meta = page(good_build, "book/sources/alpha-report.html").select_one("#source-metadata")
    hrefs = [a["href"] for a in meta.select("a.external")]
    assert hrefs == ["https://alpha.example/story?id=1&x=<y>"]


def test_source_page_title_is_outlet_headline_and_date_never_the_id(good_build):
    soup = page(good_build, "book/sources/alpha-report.html")
    row = next(r for r in csv.DictReader(io.StringIO(
        (good_build / "data/processed/sources.csv").read_text(encoding="utf-8")))
        if r["source_id"] == "alpha-report")
    title = soup.select_one("h1").get_text().rstrip("#¶ ")
    assert title == f"{row['outlet']}: {row['headline']} ({row['published'] or 'date unknown'})"
    assert row["outlet"] == "Alpha <b>News</b>" and "alpha-report" not in title
    assert soup.title.get_text().startswith(row["outlet"])
    assert soup.select_one("p.source-id code").get_text() == "alpha-report"


def test_source_page_shows_every_capture_column_of_sources_csv(good_build):
    header = (good_build / "data/processed/sources.csv").read_text(
        encoding="utf-8").splitlines()[0].split(",")
    meta = page(good_build, "book/sources/alpha-report.html").select_one("#source-metadata")
    fields = [s.get_text() for s in meta.select("td:first-child strong")]
    wanted = [c for c in header if not c.startswith("published")]
    assert fields[:len(wanted)] == wanted and "decoding_confidence" in fields
    values = dict(zip(fields, (td.get_text() for td in meta.select("td:nth-child(2)"))))
    assert values["decoding_confidence"] == "0.97"
    hostile = page(good_build, "book/sources/hostile.html").select_one("#source-metadata")
    assert [a["href"] for a in hostile.select("a.internal")] == ["alpha-report.html"]


def test_index_of_sources_links_every_page_and_shows_copies(good_build):
    index = page(good_build, "book/source-texts.html")
    table = index.select_one("table.source-index")
    assert [th.get_text().strip() for th in table.select("thead th")] == \
        ["Outlet", "Headline", "Published", "Origin", "Copies", "Id"]
    rows = {tr.select("td")[-1].get_text(): tr for tr in table.select("tbody tr")}
    assert sorted(rows) == ["alpha-report", "hostile"]
    assert rows["alpha-report"].select_one("td:nth-child(2) a")["href"] == \
        "sources/alpha-report.html"
    assert rows["hostile"].select("td")[0].get_text() == "<script>alert('outlet')</script>"
    assert rows["hostile"].select("td")[4].get_text() == "copy of alpha-report"
    assert rows["alpha-report"].select("td")[4].get_text() == "copied by hostile"
    assert not index.select("table.source-index script")
    back = page(good_build, "book/sources/alpha-report.html").select_one("p.source-id a")
    assert back["href"] == "../source-texts.html"


def test_stub_holds_no_article_text(good_build):
    stub = (good_build / "book" / "sources" / "hostile.md").read_text(encoding="utf-8")
    assert stub == sitegen.stub("hostile")
    assert "alert" not in stub and "script" not in stub


@pytest.mark.parametrize("chapter, message", [
    ("{quote}`alpha-report|agreed to establish a monitoring mechanism`", "not verbatim"),
    ("{quote}`alpha-report|agreed  to establish`", None),  # collapsed: 'agreed to establish'
    ("{quote}`no-such-source|anything`", "unknown source"),
    ("{quote}`alpha-report agreed to establish`", "<source_id>|<verbatim text>"),
    ("{fact}`no_such_key`", "unknown key 'no_such_key'"),
])
def test_unverifiable_markup_fails_the_strict_build(tmp_path, chapter, message):
    root = make_project(tmp_path, f"# Chapter\n\nText {chapter} here.\n")
    result = build(root)
    if message is None:
        assert result.returncode == 0, result.stderr
        return
    assert result.returncode != 0
    assert message in result.stderr
    assert re.search(r"chapter\.md:3: (WARNING|ERROR)", result.stderr), result.stderr


def test_quote_added_later_is_anchored_on_the_rebuilt_source_page(tmp_path):
    """Incremental build: only the chapter changes, yet the source page gains the anchor."""
    root = make_project(tmp_path, "# Chapter\n\nNo quotes yet.\n")
    assert build(root).returncode == 0
    clean = (root / "data/processed/clean/alpha-report.txt").read_text(encoding="utf-8")
    start = clean.index("Negotiators met")
    anchor = links.anchor_id(start, start + len("Negotiators met"))
    assert page(root, "book/sources/alpha-report.html").find(id=anchor) is None
    (root / "book" / "chapter.md").write_text(
        "# Chapter\n\nSee {quote}`alpha-report|Negotiators met`.\n", encoding="utf-8")
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert page(root, "book/sources/alpha-report.html").find(id=anchor) is not None


def test_quote_of_a_source_without_a_page_fails(tmp_path):
    root = make_project(tmp_path, "# Chapter\n\n{quote}`alpha-report|Negotiators met`\n")
    (root / "book" / "sources" / "alpha-report.md").unlink()
    result = build(root)
    assert result.returncode != 0
    assert "has no page" in result.stderr


def test_a_changed_stylesheet_reaches_the_site_on_an_incremental_build(tmp_path):
    """Sphinx writes nothing, static files included, when no document is out of date."""
    root = make_project(tmp_path, "# Chapter\n\nText.\n")
    (root / "_static").mkdir()
    css = root / "_static" / "site.css"
    css.write_text("p { color: red }\n", encoding="utf-8")
    with open(root / "conf.py", "a", encoding="utf-8") as conf:
        conf.write('html_static_path = ["_static"]\nhtml_css_files = ["site.css"]\n')
    assert build(root).returncode == 0
    chapter = root / "_build" / "book" / "chapter.html"
    before = chapter.read_text(encoding="utf-8")
    css.write_text("p { color: blue }\n", encoding="utf-8")
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert (root / "_build" / "_static" / "site.css").read_text(encoding="utf-8") == \
        "p { color: blue }\n"
    assert chapter.read_text(encoding="utf-8") != before      # new ?v= checksum
