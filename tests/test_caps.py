"""Notebook pages show the head of long tables (and chapters' digests their first
sources), say so, and link the complete CSV."""
from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pandas as pd
from bs4 import BeautifulSoup
from docutils import nodes

from evidence.publish import caps, render

FROM = "notebooks/view"


def rows(soup) -> list[list[str]]:
    return [[td.get_text() for td in tr.find_all("td")] for tr in soup.select("tbody tr")]


def test_a_long_table_shows_its_first_rows_and_links_the_whole_csv():
    df = pd.DataFrame({"n": range(7), "word": list("abcdefg")})
    soup = BeautifulSoup(render.html_table(df, FROM, limit=3, csv="words"), "html.parser")
    assert rows(soup) == [["0", "a"], ["1", "b"], ["2", "c"]]
    note = soup.select_one("p.table-cap")
    assert "Showing 3 of 7 rows" in note.get_text()
    assert note.a["href"] == "../data/words.csv" and note.a.get_text() == "words.csv"
    # the note comes before the table, so a reader sees it first
    assert note.find_next_sibling("div")["class"] == ["evidence-table-wrap"]


def test_a_table_within_the_cap_is_whole_and_says_nothing():
    df = pd.DataFrame({"n": range(3)})
    for limit in (3, 10, None):
        out = render.html_table(df, FROM, limit=limit, csv="n")
        assert "table-cap" not in out
        assert rows(BeautifulSoup(out, "html.parser")) == [["0"], ["1"], ["2"]]


def test_note_counts_with_thousands_separators_and_links_relative_to_the_page():
    out = caps.note(100, 18306, "rows", "date_mentions", "book/data", "the first")
    assert "Showing 100 of 18,306 rows (the first)." in out
    assert 'href="../data/date_mentions.csv"' in out
    assert caps.note(5, 5, "rows", "x", FROM) == ""


def side(value, sid="s1"):
    return SimpleNamespace(value=value, source_id=sid, span=None, note=f"{sid} says {value}")


def test_sides_show_every_value_before_repeating_one():
    items = [side("5 days"), side("5 days"), side("5 days"), side("4 days"), side("6 days")]
    kept = caps.sides(items, limit=3)
    assert [s.value for s in kept] == ["5 days", "4 days", "6 days"]
    kept = caps.sides(items, limit=4)                   # original order kept
    assert [s.value for s in kept] == ["5 days", "5 days", "4 days", "6 days"]
    assert caps.sides(items, limit=10) == items


def test_ledger_entry_with_many_sides_says_how_many_it_shows():
    d = SimpleNamespace(discrepancy_id="d1", subject="How long", kind="duration",
                        sides=[side(f"{i % 3} days", f"s{i}") for i in range(9)])
    soup = BeautifulSoup(render.ledger_html([d], {}, FROM, limit=4), "html.parser")
    values = [r[0] for r in rows(soup)]
    assert len(values) == 4 and set(values) == {"0 days", "1 days", "2 days"}
    assert "Showing 4 of 9 rows (each distinct value first)" in soup.select_one("p.table-cap").get_text()
    assert soup.select_one("p.table-cap a")["href"] == "../data/discrepancies.csv"


def test_events_keep_every_event_and_cap_the_passages_of_each():
    def event(n, day):
        sents = [SimpleNamespace(sentence=SimpleNamespace(source_id=f"src_{i}", start=1,
                                                          end=9, text=f"passage {i}"))
                 for i in range(n)]
        return SimpleNamespace(date_start=dt.date(2025, 10, day), date_end=dt.date(2025, 10, day),
                               precision="day", label="Talks", place="", attestations=sents,
                               disagreement="", imprecise="")
    soup = BeautifulSoup(render.events_html([event(5, 1), event(2, 2)], {}, FROM, limit=3),
                         "html.parser")
    cells = soup.select("tbody tr")
    assert len(cells) == 2                                   # every event
    assert len(cells[0].select("ul.evidence-list li")) == 3
    assert "Showing 3 of 5 passages" in cells[0].select_one("p.table-cap").get_text()
    assert len(cells[1].select("ul.evidence-list li")) == 2
    assert cells[1].select_one("p.table-cap") is None


def test_matrix_keeps_the_sources_that_report_most():
    claims = pd.DataFrame(
        [{"source_id": sid, "provision": p, "label": p, "status": status, "quote": "q",
          "start_char": 1, "end_char": 5}
         for sid, said in (("a_1", 0), ("b_2", 2), ("c_3", 1), ("d_4", 2))
         for i, p in enumerate(("ceasefire", "mechanism"))
         for status in (["reported" if i < said else "not_mentioned"])])
    assert caps.matrix_sources(claims, limit=2) == ["b_2", "d_4"]
    assert caps.matrix_sources(claims, limit=4) == ["a_1", "b_2", "c_3", "d_4"]
    soup = BeautifulSoup(render.matrix_html(claims, {}, FROM, limit=3), "html.parser")
    heads = [th.small.get_text() for th in soup.select("thead th") if th.small]
    assert heads == ["b_2", "c_3", "d_4"]
    note = soup.select_one("p.table-cap")
    assert "Showing 3 of 4 sources" in note.get_text()
    assert note.a["href"] == "../data/provisions_matrix.csv"


def test_a_digest_lists_its_first_sources_and_links_the_events_table(monkeypatch):
    from evidence.site import digests
    monkeypatch.setattr(caps, "DIGEST_SOURCES", 2)
    passages = [SimpleNamespace(source_id=f"src_{i}", outlet=f"Outlet {i}", published="",
                                sentence=f"passage {i}", start=1, end=9, copies=[])
                for i in range(5)]
    story = SimpleNamespace(passages=lambda event: passages)
    event = SimpleNamespace(title="Talks, Istanbul", rounds={})
    env = SimpleNamespace(docname="book/chapter")
    box = digests.digest_block(story, event, env)
    assert "(5 sources)" in box.astext()                     # the count stays whole
    items = box.findall(lambda n: n.tagname == "list_item")
    assert [i.astext().split(",")[0] for i in items] == ["Outlet 0", "Outlet 1"]
    [note] = [n for n in box.findall(nodes.paragraph) if "table-cap" in n["classes"]]
    assert note.astext().startswith("Showing 2 of 5 sources")
    assert [r["refuri"] for r in note.findall(lambda n: n.tagname == "reference")] == \
        ["../data/events.csv"]
    # only the passages shown are recorded as cited (source pages link back to them)
    assert [c[0] for c in env.evidence_quotes["book/chapter"]] == ["src_0", "src_1"]
    monkeypatch.setattr(caps, "DIGEST_SOURCES", 5)
    whole = digests.digest_block(story, event, SimpleNamespace(docname="book/chapter"))
    assert not [n for n in whole.findall(nodes.paragraph) if "table-cap" in n["classes"]]
