"""Figures. ``timeline`` draws the main events and when the sources were published;
``save`` writes SVG and PNG that are byte-identical on every run.

Readable at any number of sources: the upper panel shows at most ``MAX_EVENT_ROWS``
events, chosen as the process milestones (the codebook's ``milestone_kinds``) and
then the best-attested others; every event stays in the table beside the figure. The
lower panel shows one row per source while there are few (``FEW_SOURCES``), and
otherwise a histogram: sources dated to the day, and sources dated only to an
interval (spread evenly over its days), per day — per week or month when the dates
span too long for daily bars to be seen. So the figure's height is bounded whatever
the data (never more than twice its width), and its date axis is chosen here from
plain day, month and year steps, so no date span (years apart, one day, none at
all) makes the plotting library warn. Phone-first: portrait, large type, one short
label per row; colour follows the event codebook (data/knowledge/events.yml); a
hatched, dashed bar marks an event known only vaguely; marker size and the "n src"
label give the number of sources attesting it. Everything the figure counts counts a
republished copy once (``read.copies``): an event's sources, the sources' publication
panel and the totals of the alt text.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ft2font import FT2Font  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402
from matplotlib.ticker import FixedLocator  # noqa: E402

from evidence.compare.codebook import codebook, kind_colour, kind_label  # noqa: E402
from evidence.compare.events import Event  # noqa: E402
from evidence.model import ParsedSource  # noqa: E402
from evidence.compare.perspective import outlet  # noqa: E402
from evidence.read import copies  # noqa: E402

STYLE = {"font.size": 15, "axes.titlesize": 16, "axes.labelsize": 15, "xtick.labelsize": 13,
         "ytick.labelsize": 13, "legend.fontsize": 12, "svg.hashsalt": "evidence-timeline",
         "svg.fonttype": "path", "font.family": "DejaVu Sans"}
PAD_DAYS = 2
WIDTH_IN = 6.4
MAX_EVENT_ROWS = 12      # more events than this: milestones and best attested only
FEW_SOURCES = 8          # up to this many sources: one row each, else a histogram
MAX_BINS = 120           # daily bars while the span allows, else weekly or monthly
MAX_TICKS = 5
ROW_IN = 0.62            # height of one row (label above its mark)
HISTOGRAM_IN = 2.6
MAX_HEIGHT_IN = 2 * WIDTH_IN   # two phone screens of the figure's width
PUBLISHED, INTERVAL = "#444444", "#bbbbbb"
NO_DATES = (dt.date(2000, 1, 1), dt.date(2000, 1, 8))   # axis when nothing is dated


def _num(day: dt.date) -> float:
    return mdates.date2num(dt.datetime(day.year, day.month, day.day))


@lru_cache(maxsize=1)
def _font_chars() -> frozenset[int]:
    path = font_manager.findfont(font_manager.FontProperties(family=STYLE["font.family"]))
    return frozenset(FT2Font(path).get_charmap())


def drawable(text: str) -> str:
    """``text`` as the figure's font can draw it: characters it has no glyph for become
    '?', and '$' is escaped (it would start mathtext)."""
    chars = _font_chars()
    return "".join(c if ord(c) in chars or c.isspace() else "?" for c in text) \
        .replace("$", r"\$")


# --------------------------------------------------------------------------- choosing

def n_sources(e: Event, original_of: dict[str, str] | None = None) -> int:
    """How many sources attest ``e``, a copy counting as its original."""
    return copies.count(e.source_ids, original_of or {})


def shown_events(events: list[Event],
                 original_of: dict[str, str] | None = None) -> list[Event]:
    """At most ``MAX_EVENT_ROWS`` events, in their given (date) order: milestones first,
    then the most sources (copies counted once), precisely dated before vague, earlier
    first."""
    if len(events) <= MAX_EVENT_ROWS:
        return list(events)
    milestones = set(codebook().get("milestone_kinds") or [])

    def rank(item):
        i, e = item
        return (e.kind not in milestones, -n_sources(e, original_of),
                e.precision not in ("day", "range"), e.date_start, i)
    keep = {i for i, _e in sorted(enumerate(events), key=rank)[:MAX_EVENT_ROWS]}
    return [e for i, e in enumerate(events) if i in keep]


def _pub_days(s: ParsedSource) -> tuple[dt.date, dt.date] | None:
    pub = s.pubdate
    if pub.published and pub.precision == "day":
        return pub.published, pub.published
    if pub.earliest and pub.latest:
        return pub.earliest, pub.latest
    return None


def _window(events: list[Event], sources: list[ParsedSource]) -> tuple[dt.date, dt.date]:
    """The days the figure shows: precise events and known publication dates."""
    days = [d for e in events if e.precision in ("day", "range") for d in (e.date_start,
                                                                          e.date_end)]
    days += [d for s in sources for d in (_pub_days(s) or ())]
    if not days:
        days = [d for e in events for d in (e.date_start, e.date_end)]
    if not days:
        return NO_DATES
    pad = dt.timedelta(days=PAD_DAYS)
    return min(days) - pad, max(days) + pad


def _bin_days(lo: dt.date, hi: dt.date) -> tuple[int, str]:
    span = (hi - lo).days + 1
    for days, name in ((1, "day"), (7, "week"), (30, "month"), (365, "year")):
        if span / days <= MAX_BINS:
            return days, name
    return max(1, span // MAX_BINS), f"{max(1, span // MAX_BINS)} days"


def date_axis(ax, lo: dt.date, hi: dt.date) -> None:
    """Ticks at whole days, months or years, at most ``MAX_TICKS`` of them: the first
    step from this list that fits (no automatic locator, so no warnings)."""
    start, end = dt.datetime(lo.year, lo.month, lo.day), dt.datetime(hi.year, hi.month,
                                                                   hi.day)
    one_year = lo.year == hi.year
    span = (hi - lo).days + 1
    steps = [(mdates.DayLocator(interval=k), k, "%b %d" if one_year else "%d %b\n%Y")
             for k in (1, 2, 3, 7, 14)]
    steps += [(mdates.MonthLocator(interval=k), 30 * k, "%b\n%Y") for k in (1, 2, 3, 6)]
    steps += [(mdates.YearLocator(base=k), 365 * k, "%Y")
              for k in (1, 2, 5, 10, 20, 50, 100, 500)]
    for locator, days, fmt in steps:
        if span / days > 2 * MAX_TICKS:     # far too many: not even asked (it would log)
            continue
        ticks = [t for t in locator.tick_values(start, end) if _num(lo) <= t <= _num(hi)]
        if 1 <= len(ticks) <= MAX_TICKS:
            break
    else:                                   # a span beyond every step: its two ends
        ticks, fmt = [_num(lo), _num(hi)], "%Y"
    ax.xaxis.set_major_locator(FixedLocator(ticks))
    ax.xaxis.set_major_formatter(mdates.DateFormatter(fmt))


# --------------------------------------------------------------------------- drawing

def _short(e: Event) -> str:
    return f"{e.label} · {e.place}" if e.place else e.label


def _row_labels(ax, labels: list[str]) -> None:
    """Each row's label above its mark, full width (no room lost to tick labels)."""
    ax.set_yticks([])
    for y, label in enumerate(labels):
        ax.annotate(drawable(label), (0.01, y - 0.36), xycoords=("axes fraction", "data"),
                    va="bottom", ha="left", fontsize=13)


def _draw_event(ax, y: int, e: Event, lo: dt.date, hi: dt.date, n: int) -> None:
    colour = kind_colour(e.kind)
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
            ax.plot(_num(start), y, "o", color=colour, ms=min(8 + 3 * n, 22), mec="black",
                    mew=0.8)
        else:
            ax.barh(y, _num(end) + 1 - _num(start), left=_num(start), height=0.5,
                    color=colour, edgecolor="black", linewidth=0.8)
    else:                                         # known only vaguely
        ax.barh(y, _num(end) + 1 - _num(start), left=_num(start), height=0.5, color=colour,
                alpha=0.35, hatch="//", edgecolor=colour, linestyle="--", linewidth=1.2)


def _draw_source(ax, y: int, s: ParsedSource) -> None:
    pub = s.pubdate
    if pub.published and pub.precision == "day":
        ax.plot(_num(pub.published), y, "D", color=PUBLISHED, ms=9)
    elif pub.earliest and pub.latest:
        ax.barh(y, _num(pub.latest) + 1 - _num(pub.earliest), left=_num(pub.earliest),
                height=0.4, color=INTERVAL, edgecolor=PUBLISHED, hatch="..")
    else:
        ax.annotate("date unknown", (0.5, y), xycoords=("axes fraction", "data"),
                    va="center", ha="center", fontsize=12, color="#666666")


def publication_counts(sources: list[ParsedSource], lo: dt.date, hi: dt.date):
    """(bin starts, sources dated to the day, sources dated to an interval, bin name):
    an interval source counts 1/len(interval) on each of its days."""
    width, name = _bin_days(lo, hi)
    n_bins = (hi - lo).days // width + 1
    exact, interval = [0.0] * n_bins, [0.0] * n_bins
    for s in sources:
        days = _pub_days(s)
        if days is None:
            continue
        first, last = days
        length = (last - first).days + 1
        for k in range(length):
            b = ((first - lo).days + k) // width
            if 0 <= b < n_bins:
                (exact if length == 1 and s.pubdate.precision == "day"
                 else interval)[b] += 1 / length
    starts = [lo + dt.timedelta(days=b * width) for b in range(n_bins)]
    return starts, exact, interval, name


def _histogram(ax, sources: list[ParsedSource], lo: dt.date, hi: dt.date) -> str:
    starts, exact, interval, name = publication_counts(sources, lo, hi)
    width = (starts[1] - starts[0]).days if len(starts) > 1 else 1
    x = [_num(d) for d in starts]
    ax.bar(x, exact, width=0.9 * width, align="edge", color=PUBLISHED)
    ax.bar(x, interval, bottom=exact, width=0.9 * width, align="edge", color=INTERVAL,
           edgecolor=PUBLISHED, hatch="..", linewidth=0.5)
    top = max([a + b for a, b in zip(exact, interval)] or [0])
    ax.set_ylim(0, max(1.0, top * 1.1))
    ax.set_ylabel(f"sources per {name}", fontsize=13)
    return name


def _legend_handles(events: list[Event], histogram: bool) -> list:
    kinds = list(dict.fromkeys(e.kind for e in events))
    handles = [Patch(color=kind_colour(k), label=kind_label(k)) for k in kinds]
    handles.append(Patch(facecolor="white", edgecolor="#555555", hatch="//",
                         linestyle="--", label="date vague"))
    if histogram:
        handles += [Patch(color=PUBLISHED, label="published (day known)"),
                    Patch(facecolor=INTERVAL, edgecolor=PUBLISHED, hatch="..",
                          label="published (interval)")]
    else:
        handles.append(Line2D([], [], marker="D", color=PUBLISHED, ls="",
                              label="published"))
    return handles


def timeline(events: list[Event], sources: list[ParsedSource]):
    """(Figure, alt text) of the main events on a date axis above the sources'
    publication dates (rows, or a histogram when there are many sources). A
    republished copy counts once: it attests with its original and is not drawn or
    counted again below."""
    original_of = copies.originals(sources)
    sources = sorted((s for s in sources if not s.copy_of), key=lambda s: s.source_id)
    shown = shown_events(events, original_of)
    histogram = len(sources) > FEW_SOURCES
    with plt.rc_context(STYLE):
        handles = _legend_handles(shown, histogram)
        legend_in = 0.5 + 0.28 * ((len(handles) + 1) // 2)
        rows = (max(len(shown), 1) + 0.6) + (0 if histogram else max(len(sources), 1) + 0.6)
        fixed = 1.1 + legend_in + (HISTOGRAM_IN if histogram else 0)
        row_in = min(ROW_IN, (MAX_HEIGHT_IN - fixed) / rows)     # never over two screens
        upper_in = row_in * (max(len(shown), 1) + 0.6)
        lower_in = HISTOGRAM_IN if histogram else row_in * (max(len(sources), 1) + 0.6)
        height = fixed + upper_in + (0 if histogram else lower_in)
        # Not through pyplot: no global figure registry to fill (and warn about).
        fig = Figure(figsize=(WIDTH_IN, height))
        top, bottom = fig.subplots(2, 1, sharex=True, gridspec_kw={
            "height_ratios": [upper_in, lower_in], "hspace": 0.22})
        lo, hi = _window(shown, sources)
        for y, e in enumerate(shown):
            _draw_event(top, y, e, lo, hi, n_sources(e, original_of))
        _row_labels(top, [f"{_short(e)} · {n_sources(e, original_of)} src" for e in shown])
        top.set_ylim(len(shown) - 0.6, -0.9)
        more = f" ({len(shown)} of {len(events)}; all in the table)" \
            if len(shown) < len(events) else ""
        top.set_title("Events, as the sources date them" + more, loc="left",
                      fontsize=16 if not more else 13)
        undated = sum(1 for s in sources if _pub_days(s) is None)
        if histogram:
            name = _histogram(bottom, sources, lo, hi)
            bottom.set_title(f"Sources published per {name}"
                             + (f" ({undated} undated)" if undated else ""),
                             loc="left", fontsize=14)
        else:
            for y, s in enumerate(sources):
                _draw_source(bottom, y, s)
            _row_labels(bottom, [outlet(s) or s.source_id for s in sources])
            bottom.set_ylim(len(sources) - 0.6, -0.9)
            bottom.set_title("When each source was published", loc="left", fontsize=14)
        bottom.set_xlim(_num(lo), _num(hi) + 1)
        date_axis(bottom, lo, hi)
        for ax in (top, bottom):
            ax.grid(axis="x", color="#dddddd")
            ax.set_axisbelow(True)
        fig.legend(handles=handles, loc="lower center", ncol=2, frameon=False,
                   bbox_to_anchor=(0.5, 0.0))
        fig.subplots_adjust(left=0.04 if not histogram else 0.13, right=0.96,
                            top=1 - 0.5 / height, bottom=(legend_in + 0.1) / height)
    return fig, alt_text(events, sources, shown, original_of)


def alt_text(events: list[Event], sources: list[ParsedSource],
             shown: list[Event] | None = None,
             original_of: dict[str, str] | None = None) -> str:
    """One plain sentence (or three) saying what the figure shows, from the data
    (``sources``: the independent ones; ``original_of``: copies to count once)."""
    shown = list(events) if shown is None else shown

    def n(e: Event) -> int:
        return n_sources(e, original_of)
    if not events:
        head = "Timeline: no dated events were found in the sources."
    else:
        most = max(events, key=lambda e: (n(e), -e.date_start.toordinal()))
        items = ", ".join(f"{_short(e).replace(' · ', ' in ')} on {e.dates()} "
                          f"({n(e)} source{'s' if n(e) != 1 else ''})" for e in shown)
        which = f"{len(events)} events" if len(shown) == len(events) else \
            f"the {len(shown)} main events of {len(events)} (all are in the table)"
        head = (f"Timeline of {which} from {events[0].date_start.isoformat()} "
                f"to {max(e.date_end for e in events).isoformat()}: {items}. The best "
                f"attested is "
                f"{_short(most).replace(' · ', ' in ').lower()}, "
                f"reported by {n(most)} of {len(sources)} sources.")
    dated = [s for s in sources if _pub_days(s)]
    second = "when each source was published" if len(sources) <= FEW_SOURCES else \
        "how many sources were published on each day"
    return (f"{head} A second panel shows {second}: "
            f"{len(dated)} of {len(sources)} sources could be dated from their text.")


def save(fig, stem: Path) -> list[Path]:
    """Write ``stem``.svg and ``stem``.png, identical bytes on every run."""
    stem = Path(stem)
    stem.parent.mkdir(parents=True, exist_ok=True)
    svg, png = stem.with_suffix(".svg"), stem.with_suffix(".png")
    with plt.rc_context({"svg.hashsalt": STYLE["svg.hashsalt"], "svg.fonttype": "path"}):
        fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
        fig.savefig(png, format="png", dpi=150, metadata={"Software": None})
    return [svg, png]
