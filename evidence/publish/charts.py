"""Figures. ``timeline`` draws the merged events and the sources' publication dates;
``save`` writes SVG and PNG that are byte-identical on every run.

Phone-first: portrait size, large type, one short label per row. Colour follows the
event codebook (data/knowledge/events.yml); a hatched, dashed bar marks an event
known only vaguely ("in recent weeks"); marker size and the "n src" label give the
number of sources attesting it.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

from evidence.compare.codebook import kind_colour, kind_label  # noqa: E402
from evidence.compare.events import Event  # noqa: E402
from evidence.model import ParsedSource  # noqa: E402
from evidence.compare.perspective import outlet  # noqa: E402

STYLE = {"font.size": 15, "axes.titlesize": 16, "axes.labelsize": 15, "xtick.labelsize": 13,
         "ytick.labelsize": 13, "legend.fontsize": 12, "svg.hashsalt": "evidence-timeline",
         "svg.fonttype": "path", "font.family": "DejaVu Sans"}
PAD_DAYS = 2
WIDTH_IN = 6.4


def _num(day: dt.date) -> float:
    return mdates.date2num(dt.datetime(day.year, day.month, day.day))


def _window(events: list[Event], sources: list[ParsedSource]) -> tuple[dt.date, dt.date]:
    """The days the figure shows: precise events and known publication dates."""
    days = [d for e in events if e.precision in ("day", "range") for d in (e.date_start,
                                                                          e.date_end)]
    days += [d for s in sources for d in (s.pubdate.earliest, s.pubdate.latest,
                                          s.pubdate.published) if d]
    if not days:
        days = [d for e in events for d in (e.date_start, e.date_end)] or [dt.date.today()]
    pad = dt.timedelta(days=PAD_DAYS)
    return min(days) - pad, max(days) + pad


def _short(e: Event) -> str:
    return f"{e.label} · {e.place}" if e.place else e.label


def _row_labels(ax, labels: list[str]) -> None:
    """Each row's label above its mark, full width (no room lost to tick labels)."""
    ax.set_yticks([])
    for y, label in enumerate(labels):
        ax.annotate(label, (0.01, y - 0.36), xycoords=("axes fraction", "data"),
                    va="bottom", ha="left", fontsize=13)


def _draw_event(ax, y: int, e: Event, lo: dt.date, hi: dt.date) -> None:
    colour = kind_colour(e.kind)
    n = len(e.source_ids)
    start, end = max(e.date_start, lo), min(e.date_end, hi)
    clipped = e.date_end < lo or e.date_start > hi
    if clipped:
        edge = lo if e.date_end < lo else hi
        ax.plot(_num(edge), y, marker="<" if edge == lo else ">", color=colour, ms=12)
        ax.annotate(e.dates(), (_num(edge), y), xytext=(14 if edge == lo else -14, 0),
                    textcoords="offset points", ha="left" if edge == lo else "right",
                    va="center", fontsize=12, color="#333333")
        return
    if e.precision in ("day", "range"):
        if e.date_start == e.date_end:
            ax.plot(_num(start), y, "o", color=colour, ms=8 + 3 * n, mec="black", mew=0.8)
        else:
            ax.barh(y, _num(end) + 1 - _num(start), left=_num(start), height=0.5,
                    color=colour, edgecolor="black", linewidth=0.8)
    else:                                         # known only vaguely
        ax.barh(y, _num(end) + 1 - _num(start), left=_num(start), height=0.5, color=colour,
                alpha=0.35, hatch="//", edgecolor=colour, linestyle="--", linewidth=1.2)


def _draw_source(ax, y: int, s: ParsedSource) -> None:
    pub = s.pubdate
    if pub.published and pub.precision == "day":
        ax.plot(_num(pub.published), y, "D", color="#444444", ms=9)
    elif pub.earliest and pub.latest:
        ax.barh(y, _num(pub.latest) + 1 - _num(pub.earliest), left=_num(pub.earliest),
                height=0.4, color="#bbbbbb", edgecolor="#444444", hatch="..")
    else:
        ax.annotate("date unknown", (0.5, y), xycoords=("axes fraction", "data"),
                    va="center", ha="center", fontsize=12, color="#666666")


def alt_text(events: list[Event], sources: list[ParsedSource]) -> str:
    """One plain sentence (or three) saying what the figure shows, from the data."""
    if not events:
        head = "Timeline: no dated events were found in the sources."
    else:
        most = max(events, key=lambda e: (len(e.source_ids), -e.date_start.toordinal()))
        items = ", ".join(f"{_short(e).replace(' · ', ' in ')} on {e.dates()} "
                          f"({len(e.source_ids)} source{'s' if len(e.source_ids) != 1 else ''})"
                          for e in events)
        head = (f"Timeline of {len(events)} events from {events[0].date_start.isoformat()} "
                f"to {max(e.date_end for e in events).isoformat()}: {items}. The best "
                f"attested is "
                f"{_short(most).replace(' · ', ' in ').lower()}, "
                f"reported by {len(most.source_ids)} of {len(sources)} sources.")
    dated = [s for s in sources if s.pubdate.earliest or s.pubdate.published]
    return (f"{head} A second panel shows when each source was published: "
            f"{len(dated)} of {len(sources)} sources could be dated from their text.")


def timeline(events: list[Event], sources: list[ParsedSource]):
    """(Figure, alt text) of events on a date axis above the sources' publication dates."""
    sources = sorted(sources, key=lambda s: s.source_id)
    with plt.rc_context(STYLE):
        n_ev, n_src = max(len(events), 1), max(len(sources), 1)
        height = 3.2 + 0.75 * (n_ev + n_src)
        fig, (top, bottom) = plt.subplots(
            2, 1, sharex=True, figsize=(WIDTH_IN, height),
            gridspec_kw={"height_ratios": [n_ev + 0.6, n_src + 0.6], "hspace": 0.18})
        lo, hi = _window(events, sources)
        for y, e in enumerate(events):
            _draw_event(top, y, e, lo, hi)
        n_src_label = [f"{_short(e)} · {len(e.source_ids)} src" for e in events]
        _row_labels(top, n_src_label)
        top.set_ylim(len(events) - 0.6, -0.9)
        top.set_title("Events, as the sources date them", loc="left")
        for y, s in enumerate(sources):
            _draw_source(bottom, y, s)
        _row_labels(bottom, [outlet(s) or s.source_id for s in sources])
        bottom.set_ylim(len(sources) - 0.6, -0.9)
        bottom.set_title("When each source was published", loc="left", fontsize=14)
        bottom.set_xlim(_num(lo), _num(hi) + 1)
        bottom.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=4, maxticks=6))
        bottom.xaxis.set_major_formatter(mdates.DateFormatter("%b %d"))
        for ax in (top, bottom):
            ax.grid(axis="x", color="#dddddd")
            ax.set_axisbelow(True)
        kinds = list(dict.fromkeys(e.kind for e in events))
        handles = [Patch(color=kind_colour(k), label=kind_label(k)) for k in kinds]
        handles += [Patch(facecolor="white", edgecolor="#555555", hatch="//",
                          linestyle="--", label="date vague"),
                    Line2D([], [], marker="D", color="#444444", ls="", label="published")]
        fig.legend(handles=handles, loc="lower center", ncol=2, frameon=False,
                   bbox_to_anchor=(0.5, 0.0))
        fig.subplots_adjust(left=0.04, right=0.96, top=1 - 0.5 / height,
                            bottom=(0.7 + 0.3 * ((len(handles) + 1) // 2)) / height)
    return fig, alt_text(events, sources)


def save(fig, stem: Path) -> list[Path]:
    """Write ``stem``.svg and ``stem``.png, identical bytes on every run."""
    stem = Path(stem)
    stem.parent.mkdir(parents=True, exist_ok=True)
    svg, png = stem.with_suffix(".svg"), stem.with_suffix(".png")
    with plt.rc_context({"svg.hashsalt": STYLE["svg.hashsalt"], "svg.fonttype": "path"}):
        fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
        fig.savefig(png, format="png", dpi=150, metadata={"Software": None})
    return [svg, png]
