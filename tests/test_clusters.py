"""A cluster's venue, datedness and number of sources, kept from counts as attestations
join, are those its items give (``clusters.venue_of``), after every addition."""
from __future__ import annotations

import datetime as dt
import itertools

from evidence.compare.attestations import Attestation
from evidence.compare.clusters import Cluster, venue_of

DAY = dt.date(2025, 10, 25)


def att(sid: str, place: str, precision: str) -> Attestation:
    return Attestation(sid, "talks_round", DAY, DAY, precision, "25 October", (0, 1), (0, 1),
                       (0, 1), place=place)


def test_counts_follow_the_items_whatever_the_order():
    items = [att("a", "", "day"), att("b", "doha", "year"), att("c", "istanbul", "day"),
             att("a", "doha", "day"), att("d", "istanbul", "year"), att("b", "doha", "day")]
    assert not items[1].precise and items[0].precise
    seen = set()
    for order in itertools.permutations(items, 4):
        c = Cluster(order[0])
        for a in order[1:]:
            c.add(a, widen=False)
            assert c.place == venue_of(c.items)
            assert c.dated == any(i.precise for i in c.items)
            assert c.n_sources() == len({i.source_id for i in c.items})
            for sid in "abcd":
                assert c.dated_by(sid) == any(i.source_id == sid and i.precise
                                              for i in c.items)
            seen.add(c.place)
    assert seen == {"", "doha", "istanbul"}      # every case met: none, and either venue
