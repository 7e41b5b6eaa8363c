"""Units behind the site: URLs, span nesting, source-page stubs, notebook tables."""
from __future__ import annotations

import os
import time
from types import SimpleNamespace

import pandas as pd
import pytest
from bs4 import BeautifulSoup
from docutils import nodes
from hypothesis import given, settings
from hypothesis import strategies as st

from evidence.publish import links, render

from evidence.site import sitegen
from evidence.site.data import locate_quote
from evidence.site.markup import url_node
from evidence.site.spans import comparison_spans, sentence_spans, text_paragraphs


# ----------------------------------------------------------------------- links

@pytest.mark.parametrize("from_doc, expected", [
    ("notebooks/timeline", "../book/sources/a_b.c-1.html#ev-3-9"),
    ("book/agreement", "sources/a_b.c-1.html#ev-3-9"),
    ("book/sources/other", "a_b.c-1.html#ev-3-9"),
    ("index", "book/sources/a_b.c-1.html#ev-3-9"),
])
def test_evidence_href_is_relative_to_the_linking_page(from_doc, expected):
    assert links.evidence_href("a_b.c-1", 3, 9, from_doc) == expected
    assert links.source_href("a_b.c-1", from_doc) == expected.split("#")[0]


@pytest.mark.parametrize("bad", ["../x", "a b", "", "x/y", "<script>", ".hidden"])
def test_links_refuse_what_is_not_a_source_id(bad):
    with pytest.raises(ValueError):
        links.source_page_doc(bad)


@pytest.mark.parametrize("start, end", [(5, 5), (6, 5), (-1, 4), (1.5, 4), (True, 4)])
def test_anchor_id_refuses_empty_or_odd_spans(start, end):
    with pytest.raises(ValueError):
        links.anchor_id(start, end)


def test_as_offset_reads_table_cells():
    import numpy as np
    assert [links.as_offset(v) for v in (3, np.int64(4), 5.0, float("nan"), None, True, "6")] \
        == [3, 4, 5, None, None, None, None]


# ----------------------------------------------------------------------- quotes

def test_locate_quote_is_exact_but_for_wrapped_lines():
    clean = 'He said "no deal" on Thursday.\nNext line.'
    assert locate_quote(clean, '"no deal" on') == (8, 20)
    assert locate_quote(clean, '"no deal"    on') == (8, 20)   # a wrapped, indented line
    assert locate_quote(clean, "no  deal") == (9, 16)
    assert locate_quote(clean, "No deal") is None                # case is not loosened
    assert locate_quote(clean, "Thursday. Next") is None         # a line break is not a space
    assert locate_quote(clean, "“no deal”") is None              # nor are quote marks


def test_sentence_spans_find_each_sentence_of_the_evidence():
    text = "First one. Second one here.\nThird."
    assert sentence_spans(text, "Second one here.") == [(11, 27)]
    assert sentence_spans(text, "First one.\nThird.") == [(0, 10), (28, 34)]
    assert sentence_spans(text, "not there") == []


def test_default_loader_brings_the_comparison_to_the_source_pages():
    """Without it the pages lose every event, claim and discrepancy span (and the
    notebooks' evidence links land nowhere)."""
    from evidence.site import data
    loaded, comparison = data.default_loader()
    kinds = {kind for kind, *_ in comparison_spans(comparison)}
    assert loaded.sources and {"events", "claims", "discrepancies"} <= kinds


def test_comparison_spans_walk_any_record_shape():
    claims = pd.DataFrame([{"source_id": "s1", "start_char": 1, "end_char": 4},
                           {"source_id": "s1", "start_char": float("nan"),
                            "end_char": float("nan")}])
    event = {"event_id": "e", "source_id": "s2",
             "evidence": [{"start": 7, "end": 9}]}       # inherits the event's source
    found = comparison_spans({"claims": claims, "events_list": [event]})
    assert sorted(found) == [("claims", "s1", 1, 4), ("events", "s2", 7, 9)]


def test_comparison_spans_find_every_table_however_memory_is_reused():
    """Each table's records are a temporary list; a freed one's id must not hide the next."""
    tables = {f"table{i}": pd.DataFrame([{"source_id": "s1", "start": i, "end": i + 1}])
              for i in range(40)}
    for _ in range(3):
        assert sorted(comparison_spans(tables)) == sorted(
            (f"table{i}", "s1", i, i + 1) for i in range(40))


# ----------------------------------------------------------------------- nesting

def _render(text, spans):
    """(paragraph texts, {id: [elements]}, continuation texts, unplaced spans)."""
    paras, unplaced = text_paragraphs(text, {se: {"k"} for se in spans})
    by_id: dict = {}
    for el in (n for p in paras for n in p.findall(nodes.inline)):
        for i in el["ids"]:
            by_id.setdefault(i, []).append(el)
    cont = [n.astext() for p in paras for n in p.findall(nodes.inline)
            if "evidence-cont" in n["classes"]]
    return [p.astext() for p in paras], by_id, cont, unplaced


def test_partly_overlapping_spans_split_and_keep_one_id_each():
    texts, by_id, cont, unplaced = _render("abcdefghij", [(0, 6), (3, 9)])
    assert texts == ["abcdefghij"] and not unplaced
    (first,), (second,) = by_id["ev-0-6"], by_id["ev-3-9"]
    assert first.astext() == "abcdef"
    assert second.astext() == "def" and second.parent is first
    assert cont == ["ghi"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab \n", min_size=1, max_size=40).flatmap(
    lambda text: st.tuples(st.just(text), st.lists(
        st.tuples(st.integers(0, len(text)), st.integers(0, len(text)))
        .filter(lambda se: se[0] < se[1]), max_size=8, unique=True))))
def test_any_spans_nest_with_every_id_once_and_the_text_intact(case):
    text, spans = case
    texts, by_id, _, unplaced = _render(text, spans)
    assert texts == [ln for ln in text.split("\n") if ln.strip()]
    visible, pos = [], 0          # character positions shown on the page
    for line in text.split("\n"):
        if line.strip():
            visible.extend(range(pos, pos + len(line)))
        pos += len(line) + 1
    for start, end in spans:
        shown = [p for p in visible if start <= p < end]
        found = by_id.get(f"ev-{start}-{end}", [])
        assert ((start, end) in unplaced) is (not shown)
        if shown:
            assert len(found) == 1
            line_end = text.find("\n", shown[0])
            whole = text[shown[0]:min(end, len(text) if line_end < 0 else line_end)]
            assert found[0].astext() and whole.startswith(found[0].astext())


# ----------------------------------------------------------------------- registry urls

@pytest.mark.parametrize("url, linked", [
    ("https://example.org/a?b=1", True), ("http://example.org", True),
    ("javascript:alert(1)", False), ("JavaScript:alert(1)", False), ("data:text/html,x", False),
    ("//example.org", False), ("https://", False), ("https://ex ample.org", False), ("", False),
])
def test_only_http_urls_become_links(url, linked):
    assert isinstance(url_node(url), nodes.reference) is linked


# ----------------------------------------------------------------------- sitegen

def _corpus(*ids):
    return SimpleNamespace(sources=[SimpleNamespace(source_id=i) for i in ids])


def test_stub_is_an_orphan_with_label_and_directive_and_no_title():
    assert sitegen.stub("x_y.z-1") == (
        "---\norphan: true\n---\n\n(source-x_y.z-1)=\n```{source-page} x_y.z-1\n```\n")
    with pytest.raises(ValueError):
        sitegen.stub("a`b")


def test_write_source_pages_is_incremental_and_removes_stale(tmp_path):
    out = tmp_path / "sources"
    assert sorted(p.name for p in sitegen.write_source_pages(_corpus("b", "a"), out_dir=out)) \
        == ["a.md", "b.md"]
    old = time.time() - 100
    os.utime(out / "a.md", (old, old))
    assert sitegen.write_source_pages(_corpus("a", "b"), out_dir=out) == []
    assert (out / "a.md").stat().st_mtime == pytest.approx(old)   # untouched
    (out / "b.md").write_text("edited", encoding="utf-8")
    touched = sitegen.write_source_pages(_corpus("a", "c"), out_dir=out)
    assert sorted(p.name for p in touched) == ["b.md", "c.md"]
    assert sorted(p.name for p in out.iterdir()) == ["a.md", "c.md"]
    assert (out / "c.md").read_text(encoding="utf-8") == sitegen.stub("c")


# ----------------------------------------------------------------------- render

def test_html_table_escapes_every_cell_and_links_evidence():
    df = pd.DataFrame([
        {"source_id": "s1", "quote": "<script>alert(1)</script>", "start_char": 4,
         "end_char": 29, "speaker": '<img src=x onerror="alert(2)">'},
        {"source_id": "javascript:alert(3)", "quote": "[x](javascript:alert(4))",
         "start_char": 1, "end_char": 2, "speaker": None},
    ])
    out = render.html_table(df, from_doc="notebooks/view", evidence=True, link_sources=True)
    soup = BeautifulSoup(out, "html.parser")
    assert not soup.find_all(["script", "img"])
    assert not [a for el in soup.find_all(True) for a in el.attrs if a.startswith("on")]
    hrefs = [a["href"] for a in soup.find_all("a")]
    assert hrefs == ["../book/sources/s1.html", "../book/sources/s1.html#ev-4-29"]
    cells = [[td.get_text() for td in tr.find_all("td")] for tr in soup.tbody.find_all("tr")]
    assert cells[0] == ["s1", "<script>alert(1)</script>", "4", "29",
                        '<img src=x onerror="alert(2)">']
    assert cells[1][:2] == ["javascript:alert(3)", "[x](javascript:alert(4))"]
    assert soup.div["class"] == ["evidence-table-wrap"]


def test_html_table_links_each_of_several_sources_and_explicit_columns():
    df = pd.DataFrame([{"event_id": "e1", "label": "talks", "source_ids": "a;b"}])
    soup = BeautifulSoup(render.html_table(df, from_doc="book/x", link_sources=True),
                         "html.parser")
    assert [a["href"] for a in soup.find_all("a")] == ["sources/a.html", "sources/b.html"]
    with pytest.raises(KeyError):
        render.html_table(df, from_doc="book/x", link_columns={"nope": "source_ids"})


def test_html_table_output_is_deterministic():
    df = pd.DataFrame([{"source_id": "s", "text": "x", "start": 0, "end": 1}])
    assert render.html_table(df, "book/x", evidence=True) == \
        render.html_table(df.copy(), "book/x", evidence=True)


# ----------------------------------------------------------------------- assets

def test_asset_digest_follows_content_and_takes_directories_outside_the_project(tmp_path):
    from evidence.site import assets
    project, outside = tmp_path / "project", tmp_path / "venv" / "static"
    (project / "_static").mkdir(parents=True)
    outside.mkdir(parents=True)
    (project / "_static" / "a.css").write_text("p {}", encoding="utf-8")
    (outside / "b.css").write_text("q {}", encoding="utf-8")
    dirs = ["_static", str(outside), "missing"]
    first = assets.digest(str(project), dirs)
    assert assets.digest(str(project), dirs) == first
    (outside / "b.css").write_text("q { color: red }", encoding="utf-8")
    assert assets.digest(str(project), dirs) != first


def test_asset_digests_are_kept_per_builder_and_ignore_the_output_folder(tmp_path):
    """The site and the PDF's single page share one environment; an extension's static
    folder inside each builder's output folder must not make them disagree."""
    from types import SimpleNamespace

    from evidence.site import assets
    project = tmp_path / "project"
    (project / "_static").mkdir(parents=True)
    (project / "_static" / "a.css").write_text("p {}", encoding="utf-8")
    for out in ("html", "singlehtml"):
        (project / "_build" / out / "_ext_static").mkdir(parents=True)
        (project / "_build" / out / "_ext_static" / "e.css").write_text("e {}", encoding="utf-8")

    def app(builder):
        outdir = project / "_build" / builder
        config = SimpleNamespace(html_static_path=["_static", str(outdir / "_ext_static")],
                                 templates_path=[])
        return SimpleNamespace(confdir=str(project), outdir=str(outdir), config=config,
                               builder=SimpleNamespace(name=builder))

    def digest_of(builder):
        a = app(builder)
        return assets.digest(a.confdir, a.config.html_static_path, a.outdir)
    assert digest_of("html") == digest_of("singlehtml")
    env = SimpleNamespace(found_docs={"b", "a"})
    assert assets.pages_to_rewrite(app("html"), env) == ["a", "b"]        # first build
    assert assets.pages_to_rewrite(app("singlehtml"), env) == ["a", "b"]  # its own first
    assert assets.pages_to_rewrite(app("html"), env) == []               # unchanged
    (project / "_static" / "a.css").write_text("p { margin: 0 }", encoding="utf-8")
    assert assets.pages_to_rewrite(app("html"), env) == ["a", "b"]
    assert assets.pages_to_rewrite(app("html"), env) == []

def test_page_title_is_escaped_for_the_theme():
    from evidence.site import html_fixes
    context = {"pagetitle": 'Outlet: Talks <script>alert("x")</script> & more (2025-11-06)'}
    html_fixes.escape_page_title(None, "p", "page.html", context, None)
    assert context["pagetitle"] == ('Outlet: Talks &lt;script&gt;alert("x")&lt;/script&gt; '
                                    '&amp; more (2025-11-06)')


def test_parallel_html_builds_load_the_evidence_once_before_forking(monkeypatch):
    """Sphinx forks a process per chunk of documents: the main process loads the corpus
    first so the chunks inherit it; a serial or non-HTML build loads nothing up front."""
    from types import SimpleNamespace

    from evidence.site import sphinx_ext
    calls = []
    monkeypatch.setattr(sphinx_ext, "load_evidence", calls.append)

    def app(parallel, fmt):
        return SimpleNamespace(parallel=parallel, builder=SimpleNamespace(format=fmt),
                               config=SimpleNamespace(evidence_loader="mod:func"))
    sphinx_ext._preload(app(1, "html"))
    sphinx_ext._preload(app(2, "latex"))
    assert calls == []
    sphinx_ext._preload(app(2, "html"))
    assert calls == ["mod:func"]


# ----------------------------------------------------------------- source index

def test_source_index_html_encodes_source_text_and_alternates_rows():
    from evidence.site.source_index import index_html
    rows = [{"source_id": "b", "outlet": '<b onclick="x">Out</b> & co @home',
             "headline": "", "published": "2025-11-07", "origin": "", "copy_of": "a"},
            {"source_id": "a", "outlet": "", "headline": "Talks <i>end</i>",
             "published": "2025-11-06", "origin": "Qatar", "origin_group": "gulf"},
            {"source_id": "c", "outlet": "Wire", "headline": "No page", "published": ""}]
    out = index_html(["source_id", "outlet", "headline", "published", "copy_of"], rows,
                     "book/source-texts", known={"a", "b"})
    soup = BeautifulSoup(out, "html.parser")
    assert soup.select_one("div.pst-scrollable-table-container > table.source-index")
    assert [th.get_text() for th in soup.select("thead th.head p")] == \
        ["Outlet", "Headline", "Published", "Origin", "Copies", "Id"]
    body = soup.select("tbody tr")
    # by publication date, undated last; parity continues from the header row (odd)
    assert [tr.select("td")[-1].get_text() for tr in body] == ["a", "b", "c"]
    assert [tr["class"] for tr in body] == [["row-even"], ["row-odd"], ["row-even"]]
    a, b, c = ([td for td in tr.select("td")] for tr in body)
    assert a[0].get_text() == "unknown" and a[3].get_text() == "Qatar, gulf"
    assert a[1].a["href"] == "sources/a.html" and a[1].get_text() == "Talks <i>end</i>"
    assert a[4].get_text() == "copied by b" and b[4].get_text() == "copy of a"
    assert b[0].get_text() == '<b onclick="x">Out</b> & co @home' and not soup.select("b, i")
    assert "&#64;home" in out and "&lt;b onclick=&quot;x&quot;&gt;" in out
    assert b[1].get_text() == "untitled" and c[1].a is None and c[2].get_text() == "unknown"
    assert c[-1].select_one("code.literal span.pre").get_text() == "c"
