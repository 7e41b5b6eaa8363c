"""The timeline figure: content, alt text and byte-identical files."""
from __future__ import annotations

from articles import article

from evidence.publish import charts

from evidence.compare import events


def corpus():
    a = article("a", "A ceasefire was signed in Doha on October 19. The talks were held from "
                "October 25 to 30 in Istanbul. Tensions grew in recent weeks due to clashes.",
                dates=[("October 19", "2025-10-19", None, "day"),
                       ("October 25 to 30", "2025-10-25", "2025-10-30", "range"),
                       ("in recent weeks", "2025-10-01", "2025-10-31", "week")],
                published="2025-10-31", outlet="Outlet A")
    b = article("b", "A ceasefire was signed in Doha on October 19.",
                dates=[("October 19", "2025-10-19", None, "day")],
                earliest="2025-10-20", latest="2025-10-24")
    c = article("c", "No dates here.")
    return [a, b, c]


def test_timeline_draws_every_event_and_says_so():
    srcs = corpus()
    evs = events.build(srcs)
    fig, alt = charts.timeline(evs, srcs)
    top, bottom = fig.axes[:2]
    labels = [t.get_text() for t in top.texts]
    assert "Ceasefire agreed · Doha · 2 src" in labels
    assert "Talks round · Istanbul · 1 src" in labels
    assert [t.get_text() for t in bottom.texts].count("date unknown") == 1
    assert alt.startswith(f"Timeline of {len(evs)} events from 2025-10-01 to 2025-10-31")
    assert "Ceasefire agreed in Doha on 2025-10-19 (2 sources)" in alt
    assert "2 of 3 sources could be dated" in alt
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert {"Ceasefire agreed", "Talks round", "Border clashes", "date vague"} <= set(legend)
    w, h = fig.get_size_inches()
    assert h > w                                   # portrait, for phones


def test_save_is_byte_identical_between_runs(tmp_path):
    srcs = corpus()
    outputs = []
    for run in ("one", "two"):
        fig, _alt = charts.timeline(events.build(srcs), srcs)
        paths = charts.save(fig, tmp_path / run / "timeline")
        assert [p.suffix for p in paths] == [".svg", ".png"]
        outputs.append([p.read_bytes() for p in paths])
    assert outputs[0] == outputs[1]
    svg = outputs[0][0].decode()
    assert "<dc:date>" not in svg and "Matplotlib v" not in svg
    assert b"Software" not in outputs[0][1]


def test_no_events_still_makes_a_figure():
    srcs = [article("c", "No dates here.")]
    fig, alt = charts.timeline([], srcs)
    assert "no dated events" in alt and len(fig.axes) == 2
