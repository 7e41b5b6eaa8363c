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


# --------------------------------------------------------------------------- at any N

import datetime as dt  # noqa: E402
import logging  # noqa: E402
import warnings  # noqa: E402

import pytest  # noqa: E402

from evidence.compare.events import Attestation, Event  # noqa: E402


def event(i: int, kind: str, day: str, n_sources: int, end: str | None = None,
          precision: str = "day") -> Event:
    start = dt.date.fromisoformat(day)
    stop = dt.date.fromisoformat(end or day)
    atts = [Attestation(f"s{j}", kind, start, stop, precision, day, (0, 1), (0, 1), (0, 1))
            for j in range(n_sources)]
    return Event(f"e{i}", kind, f"{kind} {i}", start, stop, precision, "", atts)


def dated(i: int, day: str | None = None, earliest: str | None = None,
          latest: str | None = None):
    return article(f"src{i:04d}", "No dates here.", published=day, earliest=earliest,
                   latest=latest, outlet=f"Outlet {i % 7}")


def draw_strictly(evs, srcs, tmp_path=None):
    """The figure and both files, with any library warning raised as an error and
    nothing logged (matplotlib logs some warnings, e.g. too many ticks, to stderr)."""
    logged = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = logged.append
    logger = logging.getLogger("matplotlib")
    logger.addHandler(handler)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            fig, alt = charts.timeline(evs, srcs)
            if tmp_path is not None:
                charts.save(fig, tmp_path / "timeline")
    finally:
        logger.removeHandler(handler)
    assert not logged, [r.getMessage() for r in logged]
    return fig, alt


def test_many_events_keep_milestones_then_the_best_attested():
    context = [event(i, "clashes", f"2025-10-{i + 1:02d}", 30) for i in range(20)]
    milestones = [event(100 + i, "truce", f"2025-10-{i + 1:02d}", 1) for i in range(5)]
    talks = [event(200 + i, "talks_round", f"2025-10-{i + 10:02d}", 2 + i) for i in range(10)]
    evs = sorted(context + milestones + talks, key=lambda e: e.date_start)
    shown = charts.shown_events(evs)
    assert len(shown) == charts.MAX_EVENT_ROWS
    kept = {e.event_id for e in shown}
    # 15 milestones for 12 rows: the 10 talks rounds (2-11 sources each), then the two
    # earliest single-source truces; no clash although each has 30 sources
    assert kept == {f"e{200 + i}" for i in range(10)} | {"e100", "e101"}
    assert not any(e.kind == "clashes" for e in shown)
    assert shown == [e for e in evs if e.event_id in kept]        # still in date order
    fig, alt = draw_strictly(evs, [dated(0, "2025-10-20")])
    assert len(fig.axes[0].texts) >= charts.MAX_EVENT_ROWS
    assert f"{charts.MAX_EVENT_ROWS} of {len(evs)}" in fig.axes[0].get_title(loc="left")
    assert f"the {charts.MAX_EVENT_ROWS} main events of {len(evs)}" in alt


def test_few_events_are_all_shown():
    evs = [event(i, "clashes", "2025-10-01", 1) for i in range(3)]
    assert charts.shown_events(evs) == evs


def test_many_sources_make_a_histogram_of_bounded_height(tmp_path):
    srcs = [dated(i, f"2025-10-{1 + i % 28:02d}") for i in range(1000)]
    srcs += [dated(2000 + i, earliest="2025-10-01", latest="2025-10-04") for i in range(40)]
    srcs += [dated(3000)]                                          # undated
    evs = [event(i, "talks_round", f"2025-10-{1 + i:02d}", 2) for i in range(30)]
    fig, alt = draw_strictly(evs, srcs, tmp_path)
    w, h = fig.get_size_inches()
    assert h <= 2 * w
    bottom = fig.axes[1]
    assert "published per day" in bottom.get_title(loc="left") and "1 undated" in bottom.get_title(loc="left")
    assert not bottom.texts                                        # no per-source rows
    heights = [p.get_height() for p in bottom.patches]
    assert sum(heights) == pytest.approx(1040)                     # every dated source once
    assert "how many sources were published on each day" in alt
    assert "1040 of 1041 sources could be dated" in alt


def test_publication_counts_spread_an_interval_over_its_days():
    lo, hi = dt.date(2025, 10, 1), dt.date(2025, 10, 10)
    starts, exact, interval, name = charts.publication_counts(
        [dated(1, "2025-10-02"), dated(2, earliest="2025-10-03", latest="2025-10-06")], lo, hi)
    assert name == "day" and starts[0] == lo and len(starts) == 10
    assert exact[1] == 1 and sum(exact) == 1
    assert interval[2:6] == [0.25] * 4 and sum(interval) == 1


def test_long_spans_are_binned_by_week_or_month():
    lo = dt.date(2019, 1, 1)
    assert charts.publication_counts([], lo, lo + dt.timedelta(days=300))[3] == "week"
    assert charts.publication_counts([], lo, lo + dt.timedelta(days=2500))[3] == "month"


@pytest.mark.parametrize("n_sources", [3, 50])
@pytest.mark.parametrize("days", [
    ["2025-10-19"],                                    # one day
    ["2021-03-01", "2025-10-19"],                      # years apart (AutoDateLocator warned)
    ["2022-01-01", "2025-11-30"],
    ["2025-10-01", "2026-01-15"],                      # across a year end
    ["1999-06-01", "2025-10-19"],
    [],                                                # nothing dated at all
])
def test_any_date_span_draws_without_warnings(tmp_path, days, n_sources):
    srcs = [dated(i, days[i % len(days)] if days else None) for i in range(n_sources)]
    evs = [event(i, "truce", day, 2) for i, day in enumerate(days)]
    fig, _alt = draw_strictly(evs, srcs, tmp_path)
    ticks = fig.axes[1].get_xticks()
    assert 1 <= len(ticks) <= charts.MAX_TICKS
    lo, hi = fig.axes[1].get_xlim()
    assert all(lo <= t <= hi for t in ticks)
    w, h = fig.get_size_inches()
    assert h <= 2 * w


def test_histogram_files_are_byte_identical_between_runs(tmp_path):
    srcs = [dated(i, f"2025-10-{1 + i % 20:02d}") for i in range(60)]
    evs = [event(i, "talks_round", f"2025-10-{1 + i:02d}", 1 + i % 4) for i in range(20)]
    outputs = []
    for run in ("one", "two"):
        fig, _alt = charts.timeline(evs, srcs)
        outputs.append([p.read_bytes() for p in charts.save(fig, tmp_path / run / "t")])
    assert outputs[0] == outputs[1]


def test_labels_keep_only_what_the_font_can_draw():
    assert charts.drawable("Dawn $5 News") == r"Dawn \$5 News"
    assert charts.drawable("新闻 Kabul") == "?? Kabul"
    srcs = [article("x", "No dates here.", published="2025-10-19", outlet="新闻 $ Times")]
    fig, _alt = draw_strictly([], srcs)
    assert r"?? \$ Times" in [t.get_text() for t in fig.axes[1].texts]


def test_a_copy_saved_again_adds_no_count_to_the_figure():
    srcs = corpus()
    again = article("b_again", "A ceasefire was signed in Doha on October 19.",
                    dates=[("October 19", "2025-10-19", None, "day")],
                    earliest="2025-10-20", latest="2025-10-24")
    again.copy_of = "b"
    with_copy = srcs + [again]
    fig, alt = charts.timeline(events.build(with_copy), with_copy)
    labels = [t.get_text() for t in fig.axes[0].texts]
    assert "Ceasefire agreed · Doha · 2 src" in labels       # not 3
    assert "Ceasefire agreed in Doha on 2025-10-19 (2 sources)" in alt
    assert "2 of 3 sources could be dated" in alt             # the copy is not a 4th
    without, alt_without = charts.timeline(events.build(srcs), srcs)
    assert alt == alt_without
    assert [t.get_text() for t in fig.axes[1].texts] == \
        [t.get_text() for t in without.axes[1].texts]          # no row of its own


def test_the_histogram_counts_a_copy_once():
    n = charts.FEW_SOURCES + 1                  # enough for a histogram
    srcs = [dated(i, "2025-10-20") for i in range(n)]
    copy = dated(n, "2025-10-21")
    copy.copy_of = srcs[0].source_id
    fig, alt = charts.timeline([], srcs + [copy])
    heights = [p.get_height() for p in fig.axes[1].patches]
    assert sum(heights) == n
    assert f"{n} of {n} sources could be dated" in alt
