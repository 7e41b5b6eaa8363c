"""The richer notebook views (provisions matrix, ledger, events, figure) escape every
article-derived string and link each piece of evidence to its anchor."""
from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace

import matplotlib
import pandas as pd

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from evidence.publish import render  # noqa: E402

HOSTILE = '<img src=x onerror=alert(1)> {eval-rst}`x` [a](javascript:alert(1))'
FROM = "notebooks/view"


def span(text=HOSTILE, sid="src_1", start=10, end=20):
    return SimpleNamespace(source_id=sid, start=start, end=end, text=text)


def assert_inert(out: str):
    assert "<img" not in out                       # no element from the article
    assert "&lt;img src=x onerror=alert(1)&gt;" in out   # shown as text instead
    assert not re.search(r'href="\s*javascript', out)


def test_matrix_cells_link_to_the_claim_and_escape_it():
    claims = pd.DataFrame([
        {"source_id": "src_1", "provision": "penalties", "label": "Penalty", "status": "reported",
         "quote": HOSTILE, "start_char": 5, "end_char": 40},
        {"source_id": "src_2", "provision": "penalties", "label": "Penalty",
         "status": "not_mentioned", "quote": "", "start_char": 0, "end_char": 0}])
    out = render.matrix_html(claims, {"src_1": "<b>Outlet</b>"}, FROM)
    assert_inert(out)
    assert 'href="../book/sources/src_1.html#ev-5-40"' in out
    assert "&lt;b&gt;Outlet&lt;/b&gt;" in out and "not mentioned" in out
    assert out.count("#ev-") == 1          # nothing to link for a silent source


def test_ledger_shows_every_side_with_its_passage():
    sides = [SimpleNamespace(value="5 days", span=span(start=1, end=9), note=""),
             SimpleNamespace(value="<script>x</script>", span=None, note="page header line 1")]
    d = SimpleNamespace(discrepancy_id='dur"x', subject="How long", kind="duration", sides=sides)
    out = render.ledger_html([d], {}, FROM)
    assert_inert(out)
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "#ev-1-9" in out and "page header line 1" in out
    assert 'id="dur&quot;x"' in out


def test_events_list_each_attesting_sentence_once():
    sent = span(text="talks were held", start=3, end=18)
    att = [SimpleNamespace(sentence=sent), SimpleNamespace(sentence=sent)]
    e = SimpleNamespace(date_start=dt.date(2025, 10, 25), date_end=dt.date(2025, 10, 30),
                        precision="range", label="Talks", place="Istanbul",
                        attestations=att, disagreement="", imprecise="")
    out = render.events_html([e], {"src_1": "Outlet"}, FROM)
    assert out.count("#ev-3-18") == 1
    assert "2025-10-25 to 2025-10-30" in out


def test_figure_is_inline_with_escaped_alt_text():
    fig, ax = plt.subplots()
    ax.plot([1, 2])
    out = render.figure_html(fig, 'Timeline "with" <tags>')
    plt.close(fig)
    assert out.startswith("<figure") and 'src="data:image/svg+xml;base64,' in out
    assert 'alt="Timeline &quot;with&quot; &lt;tags&gt;"' in out


def test_the_inline_figure_is_the_same_bytes_every_time():
    def drawn() -> str:
        fig, ax = plt.subplots()
        ax.plot([1, 2, 3], [3, 1, 2])
        ax.fill_between([1, 2], [0, 1])           # clip paths get element ids
        out = render.figure_html(fig, "a line")
        plt.close(fig)
        return out
    assert drawn() == drawn()


def test_the_timeline_is_drawn_once_and_is_the_same_from_the_cache(tmp_path, monkeypatch):
    from evidence import paths
    from evidence.publish import charts, export
    from evidence.read import cache, corpus
    monkeypatch.setattr(cache, "default_dir", lambda: tmp_path / "cache")
    loaded = corpus.load(paths.SOURCES, paths.REGISTRY, cache_dir=tmp_path / "cache")
    assert loaded.key
    comparison = export.comparison_for(loaded)
    drawn, real = [], charts.timeline
    monkeypatch.setattr(charts, "timeline", lambda *a: drawn.append(1) or real(*a))
    first = export.timeline_outputs(loaded, comparison)
    assert export.timeline_outputs(loaded, comparison) == first and len(drawn) == 1
    assert set(export.figure_files(loaded, comparison)) == {"timeline.svg", "timeline.png"}
    assert len(drawn) == 1                        # the files and the notebook: one drawing
    loaded.key = ""                               # no cache: drawn again, the same bytes
    assert export.timeline_outputs(loaded, comparison) == first and len(drawn) == 2
    assert first[export.INLINE].startswith(b"<figure") and first[export.ALT]


def test_the_timeline_drawn_in_a_forked_process_is_the_same_bytes(monkeypatch):
    import os

    from evidence import forking, paths
    from evidence.publish import export
    from evidence.read import corpus
    loaded = corpus.load(paths.SOURCES, paths.REGISTRY, cache_dir=None)
    comparison = export.comparison_for(loaded)
    here = export.figure_files(loaded, comparison)
    pids = []
    real = export.figure_files
    monkeypatch.setattr(export, "figure_files",
                        lambda *a: pids.append(os.getpid()) or real(*a))
    if forking.FORK:
        assert export.figures_in_background(loaded, comparison)() == here
        assert pids == []                         # not drawn in this process
    monkeypatch.setattr(forking, "FORK", False)
    assert export.figures_in_background(loaded, comparison)() == here
    assert pids == [os.getpid()]                  # no fork: drawn here
