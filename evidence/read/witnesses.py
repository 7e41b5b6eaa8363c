"""Which source the corpus pass cites as its witness (``pubdate_corpus``): a source
re-dated from what the others establish cites the first supporting source in
``order``. Sources dated by their own text come before those dated by the others, so
evidence is not circular; among them those dated to the day, the earliest published
first (the first report of what they attest), then by a hash of the id: an arbitrary
but fixed order. Not the id itself: a source added under an id that sorts first would
become the witness cited by every source it supports, and rewrite all their pages
(at a thousand sources, hundreds of them); this way a new source, usually published
later than the collection's first reports, rarely displaces a witness, and when it
does only for what it attests with an earlier date.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from functools import lru_cache


def order(s) -> tuple:
    """The sort key of a parsed source among the witnesses."""
    pub = s.pubdate
    day = pub.published or pub.earliest
    return (pub.method == "cross_source", pub.precision != "day", day is None,
            day or dt.date.min, _hash(s.source_id))


@lru_cache(maxsize=1 << 16)
def _hash(source_id: str) -> str:
    """The id's hash (remembered: the corpus pass sorts every source on each pass)."""
    return hashlib.sha256(source_id.encode("utf-8")).hexdigest()
