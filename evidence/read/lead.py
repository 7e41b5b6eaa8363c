"""A story's lead: its first paragraphs of prose, where news reports put what is new
before the dated background. ``leads`` says whether a weekday mention is the story's
first and stands in its lead ahead of a given dated mention, so that the weekday can
be read as not earlier than that date ("The envoys said on Thursday ..." above "The
round opened on May 4")."""
from __future__ import annotations

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
