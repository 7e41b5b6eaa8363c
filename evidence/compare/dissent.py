"""Lone dissenting dates: a round that one source alone dates where no other source puts
it. When one source reports talks at a venue on a day no other source gives, and the
occasion its own words name (the venue, the round number) is one that several other
sources date otherwise, its date is a dissent about that occasion, not a second
occasion: it joins the occasion, keeps its date (so ``events.date_values`` lists it
beside the others' and the ledger has an ``event_date`` row), and does not move the
occasion's dates. A date counts as mistakable only when the source's own words identify
the occasion beyond place: a weekday ("talks in Istanbul on Thursday") read in a story
whose publication date is not known to the day, where the occasion also falls on that
weekday, or a round number ("the second round in Istanbul") that the other sources give
the occasion too. A source that itself dates the occasion elsewhere in its text tells
the two apart, so its lone date stays an occasion of its own; so does a round at a venue
with no occasion to match, or with several equally near (the nearest wins a tie of one).
The kinds this applies to are ``dissent_kinds`` in ``data/knowledge/events.yml``."""
from __future__ import annotations

import datetime as dt

from evidence.compare.attestations import Attestation
from evidence.compare.clusters import Cluster
from evidence.compare.codebook import codebook

MIN_OTHERS = 2          # the occasion a dissent joins is dated by at least this many sources


def _dating(c: Cluster, kind: str) -> list[Attestation]:
    """The attestations that give the cluster its dates: its own kind's precise ones."""
    return [a for a in c.items if a.kind == kind and a.precise]


def _ordinals(c: Cluster) -> set[int]:
    return {a.ordinal for a in c.items if a.ordinal is not None}


def _falls_on_weekday(a: Attestation, host: Cluster, after: int = 0) -> bool:
    days = (host.end - host.start).days + 1 + after
    return any((host.start + dt.timedelta(days=i)).weekday() == a.date_start.weekday()
               for i in range(min(days, 7)))


def _mistakable(a: Attestation, host: Cluster, after: int = 0) -> bool:
    """Could ``a`` be a misread date of ``host`` (or, for an outcome, of a day at most
    ``after`` days after it), by its own words?"""
    if a.ordinal is not None and a.ordinal in _ordinals(host):
        return True
    return (a.method == "weekday" and not a.anchored and a.days == 1
            and _falls_on_weekday(a, host, after))


def _gap(a: Cluster | Attestation, b: Cluster) -> int:
    start, end = (a.date_start, a.date_end) if isinstance(a, Attestation) else (a.start, a.end)
    return max((start - b.end).days, (b.start - end).days, 0)


def _nearest(fits: list[Cluster], lone) -> Cluster | None:
    """The nearest candidate; None when two are as near (the words do not choose)."""
    if not fits:
        return None
    fits.sort(key=lambda h: (_gap(lone, h), -h.n_sources(), h.start))
    if len(fits) > 1 and _gap(lone, fits[0]) == _gap(lone, fits[1]):
        return None
    return fits[0]


def _hosts(pool: list[Cluster], kind: str, source_id: str, place: str,
           exclude: Cluster | None = None) -> list[Cluster]:
    """Occasions of ``kind`` at ``place`` that at least ``MIN_OTHERS`` other sources
    date and ``source_id`` does not date itself."""
    out = []
    for host in pool:
        others = {a.source_id for a in _dating(host, kind)}
        if (host is not exclude and source_id not in others and len(others) >= MIN_OTHERS
                and place and host.place == place):
            out.append(host)
    return out


def host_of(lone: Cluster, clusters: list[Cluster], kind: str) -> Cluster | None:
    """The occasion a lone source's cluster dissents about, or None."""
    dating = _dating(lone, kind)
    sources = {a.source_id for a in dating}
    if len(sources) != 1:
        return None
    (source_id,) = sources
    ordinals = _ordinals(lone)
    fits = [host for host in _hosts(clusters, kind, source_id, lone.place, lone)
            if not (ordinals and _ordinals(host) and not ordinals & _ordinals(host))
            and all(_mistakable(a, host) for a in dating)]
    return _nearest(fits, lone)


def _outcome_host(a: Attestation, clusters: list[Cluster], kind: str) -> Cluster | None:
    """Where another source's outcome held by a lone cluster goes when that cluster
    folds: the nearest occasion at its venue its own date could be a misread of."""
    after = codebook()["outcome_days_after"]
    return _nearest([h for h in _hosts(clusters, kind, a.source_id, a.place)
                     if a.precise and _mistakable(a, h, after)], a)


def join_dissents(clusters: dict[str, list[Cluster]]) -> None:
    """Fold each lone dissenting cluster of a ``dissent_kinds`` kind into the occasion
    it dissents about, without moving its dates. What other sources attached to it (an
    outcome dated on its day) goes where its own date points, or keeps the cluster."""
    for kind in codebook().get("dissent_kinds") or []:
        pool = clusters.get(kind, [])
        for lone in sorted(pool, key=lambda c: (c.start, c.end, c.place)):
            host = host_of(lone, pool, kind)
            if host is None:
                continue
            (source_id,) = {a.source_id for a in _dating(lone, kind)}
            kept = []
            for a in lone.items:
                home = host if a.source_id == source_id else _outcome_host(a, pool, kind)
                if home is None:
                    kept.append(a)
                else:
                    home.add(a, widen=False)
            if kept:
                lone.items = kept
            else:
                pool.remove(lone)
