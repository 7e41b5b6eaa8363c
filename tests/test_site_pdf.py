"""The PDF edition: the print document assembled from the site's pages, and the PDF that
`make book` writes into the site (every chapter, page numbers, internal links, the
figures, and nothing rewritten by a build with no change)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from evidence.site import pdf, print_cuts, print_pages, printable

REPO = Path(__file__).resolve().parent.parent
PDF = REPO / "_build" / "html" / pdf.PDF_NAME

TOC = """format: jb-book
root: book/index
parts:
  - caption: Story
    chapters:
      - file: book/agreement
  - caption: Analyses
    chapters:
      - file: notebooks/timeline
"""
HOME = """<html><body><nav>site navigation</nav><article class="bd-article">
<section id="home"><h1>Home<a class="headerlink" href="#home">¶</a></h1>
<p><a href="../notebooks/timeline.html">timeline</a> <button>copy</button></p>
<div class="toctree-wrapper compound"></div><div class="toctree-wrapper compound"></div>
</section></article></body></html>"""
AGREEMENT = """<html><body><nav>site navigation</nav><article class="bd-article">
<section id="agreed"><h1>Agreed</h1>
<p><a href="sources/s1.html#ev-3-9">quote</a> <a href="../notebooks/timeline.html">tl</a>
<a href="../_downloads/abc/sources.csv">csv</a> <a href="https://example.org/x">web</a>
<a href="#agreed">here</a></p><img src="../_images/timeline.png" alt="chart">
<section id="terms"><h2>Terms</h2></section></section>
<div class="prev-next-area"><a href="index.html">previous</a></div></article></body></html>"""
TIMELINE = """<html><body><article class="bd-article">
<section id="tl"><h1>Timeline</h1>
<p><a href="../book/sources/s2.html">source</a> <a href="../data/events.csv">data</a>
<a href="../book/agreement.html#agreed">back</a> <a href="../book/index.html">home</a></p>
<script>alert(1)</script></section></article></body></html>"""


def site_of(folder: Path, pages: dict[str, str], toc: str = TOC) -> Path:
    """A built site's pages (docname -> HTML) and the table of contents."""
    for docname, text in pages.items():
        (folder / f"{docname}.html").parent.mkdir(parents=True, exist_ok=True)
        (folder / f"{docname}.html").write_text(text, encoding="utf-8")
    (folder / "_toc.yml").write_text(toc, encoding="utf-8")
    return folder


def print_document(site: Path, title: str = "T", subtitle: str = "S") -> str:
    return printable.printable(print_pages.article_html(site, site / "_toc.yml"), title, subtitle)


@pytest.fixture(scope="module")
def document(tmp_path_factory):
    site = site_of(tmp_path_factory.mktemp("site"), {
        "book/index": HOME, "book/agreement": AGREEMENT, "notebooks/timeline": TIMELINE})
    return BeautifulSoup(print_document(site, "Title <1>", "Sub"), "html.parser"), site


def test_print_document_keeps_the_article_only(document):
    soup, _ = document
    text = soup.get_text()
    assert "site navigation" not in text and "copy" not in text and "¶" not in text
    assert "previous" not in text
    assert not soup.find_all(["script", "button"])
    assert soup.select_one(".pdf-title h1").get_text() == "Title <1>"


def test_chapters_follow_the_table_of_contents_one_level_down(document):
    soup, _ = document
    marks = [m["id"] for m in soup.select('main span[id^="document-"]')]
    assert marks == ["document-book/index", "document-book/agreement",
                     "document-notebooks/timeline"]
    wrappers = soup.select("main div.toctree-wrapper")     # a part each, in order
    assert [[m["id"] for m in w.select('span[id^="document-"]')] for w in wrappers] == \
        [["document-book/agreement"], ["document-notebooks/timeline"]]
    assert soup.select_one("main h1").get_text() == "Home"
    assert [h.get_text() for h in soup.select("main h2")] == ["Agreed", "Timeline"]
    assert [h.get_text() for h in soup.select("main h3")] == ["Terms"]


def test_contents_list_every_chapter_with_a_link_to_its_section(document):
    soup, _ = document
    entries = [(a.get_text(), a["href"]) for a in soup.select(".pdf-contents a")]
    assert entries == [("Home", "#book/index:home"), ("Agreed", "#book/agreement:agreed"),
                       ("Timeline", "#notebooks/timeline:tl")]


def test_links_become_internal_or_relative_to_the_site_root(document):
    soup, site = document
    hrefs = [a["href"] for a in soup.select("main a")]
    assert hrefs == [
        "#document-notebooks/timeline",       # a chapter in the PDF, from the home page
        "book/sources/s1.html#ev-3-9",         # a source page, from book/agreement
        "#document-notebooks/timeline",       # a chapter, from another chapter
        "_downloads/abc/sources.csv",          # Sphinx's download, from the chapter
        "https://example.org/x",
        "#book/agreement:agreed",              # a place on the same page
        "book/sources/s2.html",                # a source page, from notebooks/timeline
        "data/events.csv",
        "#book/agreement:agreed",              # a place in another chapter
        "#document-book/index",                # the home page
    ]
    # every id is its page's: two pages may both have an "id1"
    assert soup.select_one("main section h2").parent["id"] == "book/agreement:agreed"
    assert soup.select_one("main img")["src"] == (site / "_images/timeline.png").resolve().as_uri()


def test_resolve_reads_a_link_against_its_own_page():
    docs = {"book/a", "notebooks/b"}
    assert print_pages.resolve("../book/sources/x.html", "notebooks/b", docs) == \
        "book/sources/x.html"
    assert print_pages.resolve("sources/x.html", "book/a", docs) == "book/sources/x.html"
    assert print_pages.resolve("b.html#s", "notebooks/a", docs) == "#notebooks/b:s"
    assert print_pages.resolve("../notebooks/b.html", "book/a", docs) == "#document-notebooks/b"
    assert print_pages.resolve("mailto:x@y.org", "book/a", docs) is None
    assert print_pages.resolve("#here", "book/a", docs) == "#book/a:here"
    assert print_pages.resolve("https://example.org/#x", "book/a", docs) is None


def test_toc_order_reads_parts_chapters_and_sections(tmp_path):
    toc = tmp_path / "_toc.yml"
    toc.write_text("format: jb-book\nroot: index\nchapters:\n  - file: a\n"
                   "    sections:\n      - file: a1\n  - file: b\n")
    assert print_pages.toc_order(toc) == ("index", [["a", "a1", "b"]])


def test_a_missing_chapter_page_is_an_error_naming_it(tmp_path):
    site = site_of(tmp_path, {"book/index": HOME, "book/agreement": AGREEMENT})
    with pytest.raises(FileNotFoundError, match="notebooks/timeline"):
        print_pages.article_html(site, site / "_toc.yml")


def one_page_site(folder: Path, body: str) -> Path:
    """A site whose only page is the home page, with ``body`` in its article."""
    return site_of(folder, {"book/index": '<html><body><article class="bd-article">'
                            f"{body}</article></body></html>"},
                   "format: jb-book\nroot: book/index\n")


def test_long_tables_and_lists_are_cut_with_a_link_to_the_whole_on_the_site(tmp_path):
    def table(n, first):
        body = "".join(f"<tr><td>{first}{i}</td></tr>" for i in range(n))
        return f"<table><thead><tr><th>h</th></tr></thead><tbody>{body}</tbody></table>"
    n_items = 2 * print_cuts.MAX_LIST_ITEMS
    items = "".join(f"<li>item{i}<ul><li>copy</li></ul></li>" for i in range(n_items))
    n_cols = 2 * print_cuts.MAX_TABLE_COLUMNS
    n_rows = 2 * print_cuts.MAX_TABLE_ROWS
    nearly = print_cuts.MAX_TABLE_ROWS + print_cuts.MAX_TABLE_ROWS // 2
    wide = ('<table class="wide"><thead><tr>' + "".join(f"<th>c{i}</th>" for i in range(n_cols))
            + "</tr></thead><tbody><tr>" + "".join(f"<td>{i}</td>" for i in range(n_cols))
            + "</tr></tbody></table>")
    home = ('<html><body><article class="bd-article"><section id="home"><h1>Home</h1>'
            f'{table(3, "short")}{table(nearly, "nearly")}<div class="toctree-wrapper"></div>'
            '</section></article>'
            '</body></html>')
    chapter = ('<html><body><article class="bd-article">'
               f'<section id="p"><h1>P</h1>{table(n_rows, "row")}'
               f'<ul class="digest">{items}</ul>{wide}</section></article></body></html>')
    site = site_of(tmp_path, {"book/index": home, "notebooks/perspective": chapter},
                   "format: jb-book\nroot: book/index\nchapters:\n"
                   "  - file: notebooks/perspective\n")
    soup = BeautifulSoup(print_document(site), "html.parser")
    short, whole, long_ = soup.select("main table")[:3]
    assert len(short.select("tbody tr")) == 3 and not short.find_next_sibling("p")
    # a table a few rows over the limit is not worth cutting: kept whole
    assert len(whole.select("tbody tr")) == nearly and not whole.find_next_sibling("p")
    cells = [td.get_text() for td in long_.select("tbody td")]
    assert cells == [f"row{i}" for i in range(print_cuts.MAX_TABLE_ROWS)]
    note = soup.select_one("p.pdf-table-cut")
    assert f"The first {print_cuts.MAX_TABLE_ROWS} of {n_rows} rows" in note.get_text()
    # the chapter's page on the site, relative to the site root (not made internal)
    assert note.a["href"] == "notebooks/perspective.html"
    digest = soup.select_one("main ul.digest")
    assert len(digest.find_all("li", recursive=False)) == print_cuts.MAX_LIST_ITEMS
    assert len(digest.select("li > ul > li")) == print_cuts.MAX_LIST_ITEMS    # nested kept
    assert f"The first {print_cuts.MAX_LIST_ITEMS} of {n_items} items" \
        in digest.find_next_sibling("p").get_text()
    wide_table = soup.select_one("main table.wide")
    assert [th.get_text() for th in wide_table.select("th")] == \
        [f"c{i}" for i in range(print_cuts.MAX_TABLE_COLUMNS)]
    assert len(wide_table.select("td")) == print_cuts.MAX_TABLE_COLUMNS
    assert f"The first {print_cuts.MAX_TABLE_COLUMNS} of {n_cols} columns" in \
        wide_table.find_next_sibling("p").get_text()


def test_long_table_cells_keep_their_first_characters_with_a_mark(tmp_path):
    limit = print_cuts.MAX_CELL_CHARS
    long_text = " ".join(f"w{i:04d}" for i in range(limit))          # 6 characters a word
    nearly = "x " * ((limit + limit // 4) // 2)                        # not worth cutting
    listed = "".join(f"<li>{long_text}</li>" for _ in range(2))    # cut by items instead
    body = (f'<table><thead><tr><th>h</th><th>g</th><th>l</th></tr></thead><tbody>'
            f'<tr><td><p>{long_text}</p><p>after the cut</p></td>'
            f'<td>{nearly}</td><td><ul>{listed}</ul></td></tr></tbody></table>')
    soup = BeautifulSoup(print_document(one_page_site(tmp_path, body)), "html.parser")
    cut, kept, items = soup.select("main tbody td")
    text = cut.get_text()
    assert text.endswith("…") and long_text.startswith(text[:-1])
    assert limit - 6 <= len(text) - 1 <= limit and "after the cut" not in text
    assert kept.get_text() == nearly
    assert [li.get_text() for li in items.select("li")] == [long_text] * 2
    note = soup.select_one("p.pdf-table-cut").get_text()
    assert f"{limit} characters of longer cells" in note


def test_clip_keeps_markup_before_the_cut_and_drops_what_follows():
    import lxml.html
    cell = lxml.html.fragment_fromstring(
        '<td><p>one two <a href="#s">' + "link " * 40 + '</a> tail</p><p>gone</p></td>')
    assert print_cuts.clip(cell, 20)
    assert lxml.html.tostring(cell, encoding="unicode") == \
        '<td><p>one two <a href="#s">link link…</a></p></td>'
    short = lxml.html.fragment_fromstring("<td>short</td>")
    assert not print_cuts.clip(short, 20) and short.text == "short"


def test_long_sections_and_ledgers_keep_their_first_parts_with_a_link(tmp_path):
    n = 2 * print_cuts.MAX_PARTS
    events = "".join(f'<section id="e{i}"><h4>Event {i}</h4><p>text {i}</p></section>'
                     for i in range(n))
    entries = "".join(f'<div class="ledger-entry"><p>entry {i}</p></div>' for i in range(n))
    few = "".join(f'<section id="f{i}"><h4>Few {i}</h4></section>' for i in range(3))
    home = ('<html><body><article class="bd-article"><section id="home"><h1>Home</h1>'
            '</section></article></body></html>')
    chapter = ('<html><body><article class="bd-article"><section id="later"><h1>Later</h1>'
               f'<section id="events"><h2>Events</h2>{events}</section>'
               f'<section id="few"><h2>Few</h2>{few}</section>'
               f'<div class="output">{entries}</div></section></article></body></html>')
    site = site_of(tmp_path, {"book/index": home, "book/later": chapter},
                   "format: jb-book\nroot: book/index\nchapters:\n  - file: book/later\n")
    soup = BeautifulSoup(print_document(site), "html.parser")
    events_section = soup.find("section", id="book/later:events")
    kept = events_section.find_all("section", recursive=False)
    assert [s["id"] for s in kept] == [f"book/later:e{i}" for i in range(print_cuts.MAX_PARTS)]
    note = events_section.find("p", class_="pdf-table-cut", recursive=False)
    assert f"The first {print_cuts.MAX_PARTS} of {n} sections" in note.get_text()
    assert note.a["href"] == "book/later.html"
    assert len(soup.find("section", id="book/later:few").find_all("section")) == 3
    assert len(soup.select("main div.ledger-entry")) == print_cuts.MAX_PARTS
    assert f"of {n} entries" in soup.select_one("main div.output > p.pdf-table-cut").get_text()


def test_the_bibliography_keeps_the_works_the_edition_cites(tmp_path):
    entries = "".join(f'<div class="citation" id="c{i}" role="listitem"><p>Work {i}</p></div>'
                      for i in range(5))
    home = ('<html><body><article class="bd-article"><section id="home"><h1>Home</h1>'
            '<p><a href="../book/bibliography.html#c1">Work 1</a></p>'
            '<div class="toctree-wrapper"></div></section></article></body></html>')
    rows = "".join(f'<tr><td><a href="../book/bibliography.html#c{3 if i == 50 else 4}">'
                   f"x</a></td></tr>" for i in range(51))   # only a cut row cites c3
    story = ('<html><body><article class="bd-article"><section id="s"><h1>S</h1>'
             f'<table><tbody>{rows}</tbody></table></section></article></body></html>')
    bibliography = ('<html><body><article class="bd-article"><section id="b"><h1>Bibliography'
                    f'</h1><div role="list" class="citation-list">{entries}</div></section>'
                    "</article></body></html>")
    site = site_of(tmp_path, {"book/index": home, "book/story": story,
                              "book/bibliography": bibliography},
                   "format: jb-book\nroot: book/index\nchapters:\n  - file: book/story\n"
                   "  - file: book/bibliography\n")
    soup = BeautifulSoup(print_document(site), "html.parser")
    assert [d["id"] for d in soup.select("main div.citation")] == \
        ["book/bibliography:c1", "book/bibliography:c4"]
    note = soup.select_one("main div.citation-list").find_previous_sibling("p")
    assert "The 2 works, of 5, that this edition cites" in note.get_text()
    assert note.a["href"] == "book/bibliography.html"


def test_tables_get_column_widths_by_content_for_the_fixed_print_layout(tmp_path):
    rows = "".join(f"<tr><td>{i}</td><td>{'a long quotation of many words ' * 4}</td>"
                   f"<td></td></tr>" for i in range(3))
    sized = '<table class="sized"><colgroup><col style="width: 70%"/><col/></colgroup>' \
            "<tr><td>x</td><td>y</td></tr></table>"
    site = one_page_site(tmp_path, '<section id="home"><h1>Home</h1>'
                         '<table class="t"><thead><tr><th>n</th><th>quote</th>'
                         f'<th>qualifier_text</th></tr></thead><tbody>{rows}</tbody></table>'
                         f'{sized}</section>')
    soup = BeautifulSoup(print_document(site), "html.parser")
    widths = [float(col["style"].removeprefix("width: ").rstrip("%"))
              for col in soup.select("main table.t > colgroup > col")]
    assert len(widths) == 3 and abs(sum(widths) - 100) < 0.5
    number, quote, empty = widths
    assert quote > 4 * number                   # the long text gets the room
    assert empty > number                       # a heading's word is not squeezed
    # a table that already has column widths keeps them
    assert [c.get("style") for c in soup.select("main table.sized col")] == ["width: 70%", None]


def test_the_pdf_fetcher_refuses_the_network_and_files_elsewhere():
    fetcher = pdf.local_fetcher()
    for url in ("https://example.org/a.png", "http://127.0.0.1/a.css", "file:///etc/passwd"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    response = fetcher.fetch("data:text/plain,ok")
    assert response.read() == b"ok"
    response.close()


# ----------------------------------------------------------------------- the built PDF

@pytest.fixture(scope="module")
def reader():
    pypdf = pytest.importorskip("pypdf")
    if not PDF.is_file():
        pytest.fail(f"{PDF} is missing: run `make book`", pytrace=False)
    return pypdf.PdfReader(str(PDF))


def _text(page) -> str:
    # WeasyPrint embeds fonts as two-byte CIDs; pypdf decodes ASCII from them with a
    # NUL before each character.
    return page.extract_text().replace("\x00", "")


def test_pdf_holds_every_chapter_with_page_numbers(reader):
    import yaml
    toc = yaml.safe_load((REPO / "_toc.yml").read_text(encoding="utf-8"))
    files = [c["file"] for part in toc["parts"] for c in part["chapters"]]
    text = "\n".join(_text(page) for page in reader.pages)
    n = len(reader.pages)
    assert n > len(files)
    assert f"{n} / {n}" in _text(reader.pages[-1])                 # page numbers
    assert "1 / " not in _text(reader.pages[0])                     # not on the title page
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    for file in files:                                             # a bookmark each
        title = _title(REPO / f"{file}.md")
        assert title in outline, (title, outline)
        assert title in text
    assert "References" in text or "Bibliography" in text


def _title(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    if text.startswith("---\n"):                      # front matter (YAML comments too)
        text = text.split("\n---\n", 1)[1]
    for line in text.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    raise AssertionError(f"no title in {path}")


def test_pdf_has_internal_links_and_figures(reader):
    internal = external = figures = 0
    for page in reader.pages:
        xobjects = page.get("/Resources", {}).get("/XObject") or {}
        figures += len(xobjects)           # an image, or an SVG figure drawn as a form
        for annot in page.get("/Annots") or []:
            action = annot.get_object()
            if "/Dest" in action or ("/A" in action and "/D" in action["/A"]):
                internal += 1
            elif "/A" in action and "/URI" in action["/A"]:
                external += 1
                assert not str(action["/A"]["/URI"]).startswith("file:")
    assert internal > 20 and external > 0 and figures >= 1


def test_pdf_is_linked_from_the_home_page():
    home = (REPO / "_build" / "html" / "book" / "index.html").read_text(encoding="utf-8")
    assert f'href="../{pdf.PDF_NAME}"' in home or f"href=../{pdf.PDF_NAME}>" in home


def test_no_change_build_rewrites_nothing(reader):
    before = PDF.stat().st_mtime_ns
    result = subprocess.run([sys.executable, "-m", "evidence.site.pdf"], cwd=REPO,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "up to date" in result.stdout
    assert PDF.stat().st_mtime_ns == before


def test_a_figure_taller_than_a_page_is_scaled_to_fit_it():
    weasyprint = pytest.importorskip("weasyprint")
    tall = ('<svg xmlns="http://www.w3.org/2000/svg" width="400" height="4000">'
            '<rect width="400" height="4000" fill="black"/></svg>')
    import base64
    src = "data:image/svg+xml;base64," + base64.b64encode(tall.encode()).decode()
    document = weasyprint.HTML(string=f'<main class="pdf-body"><h2>Figure</h2>'
                               f'<img src="{src}" alt="tall"></main>').render(
        stylesheets=[weasyprint.CSS(filename=str(s)) for s in pdf.STYLES])

    def boxes(box):
        yield box
        for child in getattr(box, "children", []):
            yield from boxes(child)
    page = document.pages[0]
    images = [b for b in boxes(page._page_box) if type(b).__name__ == "InlineReplacedBox"]
    assert len(document.pages) == 1 and len(images) == 1
    image = images[0]
    assert image.position_y + image.height <= page.height      # not cut at the page's foot
    assert abs(image.width / image.height - 0.1) < 0.01        # its proportions kept


def test_every_internal_link_of_the_built_edition_reaches_its_own_target():
    """On the site `make book` built: no id stands twice in the print document (each
    page numbers its citations "id1", "id2", ... from one) and every internal link
    reaches an id, so a citation leads to its own bibliography entry."""
    import collections
    from evidence import paths
    if not (pdf.SITE / "index.html").is_file():
        pytest.fail(f"{pdf.SITE} is missing: run `make book`", pytrace=False)
    article = print_pages.article_html(pdf.SITE, paths.ROOT / "_toc.yml")
    soup = BeautifulSoup(printable.printable(article, "T", "S"), "lxml")
    ids = collections.Counter(t["id"] for t in soup.find_all(id=True))
    assert not {i: n for i, n in ids.items() if n > 1}
    internal = [a["href"][1:] for a in soup.find_all("a", href=True) if a["href"].startswith("#")]
    assert internal and not [h for h in internal if h not in ids]
    bibliography = soup.find(id=lambda i: bool(i) and i.startswith("book/bibliography:"))
    assert bibliography is not None
    cited = [h for h in internal if h.startswith("book/bibliography:")]
    assert cited, "the chapters' citations lead to the bibliography"


def test_no_page_of_the_pdf_is_blank(reader):
    """A page holds more than its running heads and its number (a chapter mark once
    made a blank page between the contents and the first chapter)."""
    blank = [number for number, page in enumerate(reader.pages, 1)
             if len([line for line in _text(page).splitlines() if line.strip()]) <= 3]
    assert not blank, f"blank pages: {blank}"
