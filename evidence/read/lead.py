"""A story's lead: its first paragraphs of prose, where news reports put what is new
before the dated background. ``leads`` says whether a weekday mention is the story's
first and stands in its lead ahead of a given dated mention, so that the weekday can
be read as not earlier than that date ("The envoys said on Thursday ..." above "The
round opened on May 4"); ``after_ties`` does the same with the days other sources
give the story's weekdays."""
from __future__ import annotations

import datetime as dt

from evidence.read import dates, pubdate_anchors
from evidence.read.date_scan import Found
from evidence.text import ends_sentence

LEAD_PARAGRAPHS = 3      # a story's lead: its first paragraphs of prose


def leads(text: str, found: list[Found], stories, f: Found, g: Found) -> bool:
    """Whether the weekday ``f`` is the first of ``found``, in the lead of its story
    (fewer than LEAD_PARAGRAPHS paragraphs that end like sentences before it), and
    the mention ``g`` comes in a later sentence. ``stories``: the page's stories
    (objects with a ``start`` offset), empty for a page of one story."""
    first = next((x for x in found if x.kind == "weekday"), None)
    if first is not f or g.sentence[0] <= f.sentence[0]:
        return False
    story = max((st.start for st in stories if st.start <= f.start), default=0)
    prose = [p for p in text[story:f.start].split("\n\n") if ends_sentence(p)]
    return len(prose) < LEAD_PARAGRAPHS


def after_ties(text: str, found: list[Found], stories, tied: list[tuple[dt.date, Found]],
               reported) -> list[tuple[dt.date, Found, dt.date | None]]:
    """(earliest day, mention, best guess) for the story's date from its lead, given
    the days other sources give some of its weekdays (``tied``: (day, mention)) and
    ``reported(f)``: whether a weekday mention reports the past as it stands. An
    undated lead weekday is not before the latest tied day ("on Thursday blamed ..."
    above "the truce announced Wednesday", a truce dated the 15th: the 16th); when the
    lead's weekday is tied, a later "X stated on Sunday" nothing else dates is a
    statement about the news, made on or after its day."""
    lead_f = next((f for f in found if f.kind == "weekday"), None)
    if lead_f is None or not tied or not reported(lead_f):
        return []
    own = [day for day, f in tied if f is lead_f]
    if own:
        for g in found:
            if g.kind == "weekday" and g.sentence[0] > lead_f.sentence[0] and reported(g) \
                    and all(g is not f for _d, f in tied) and pubdate_anchors.said_on(text, g):
                return [(dates.weekday_on_or_after(own[0], g.weekday), g, None)]
        return []
    day, g = max(tied, key=lambda t: t[0])
    if not leads(text, found, stories, lead_f, g):
        return []
    first = dates.weekday_on_or_after(day, lead_f.weekday)
    return [(first, lead_f, first)]
