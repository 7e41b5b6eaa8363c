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
with no occasion to match, or with several fitting occasions equally near (otherwise the
nearest). The venue is the one the source's sentences on the round name, else the one it
gives what the round produced ("stalled in Istanbul on Tuesday"). The kinds this applies to are ``dissent_kinds`` in ``data/knowledge/events.yml``; a
lone outcome of such a kind (a ceasefire one source alone says was agreed at the talks
on a misread Thursday) joins, by the same test, the occasion it would be the outcome
of. A lone round that only its venue sets apart, dated inside an occasion others date
at another venue and placed at the venue of a different occasion others date (the
earlier round its sentence recalls), joins the occasion its dates fall in
(``venue_host``)."""
from __future__ import annotations

import datetime as dt

from evidence.compare.attestations import Attestation
from evidence.compare.clusters import Cluster, venue_of
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
           exclude: Cluster | None = None,
           original_of: dict[str, str] | None = None) -> list[Cluster]:
    """Occasions of ``kind`` at ``place`` that at least ``MIN_OTHERS`` other sources
    date and ``source_id`` does not date itself (a dissent it already holds aside); a
    republished copy counts as its original (``original_of``)."""
    out, original_of = [], original_of or {}
    for host in pool:
        others = {original_of.get(a.source_id, a.source_id)   # not the dissents it holds
                  for a in _dating(host, kind)
                  if host.start <= a.date_start and a.date_end <= host.end}
        if (host is not exclude and source_id not in others and len(others) >= MIN_OTHERS
                and place and host.place == place):
            out.append(host)
    return out


def _venue(lone: Cluster, source_ids: set[str], kind: str, told: list[Attestation]) -> str:
    """The lone cluster's venue; when its own sentences name none, the one the same
    source gives what the occasion produced ("the talks on Monday ... stalled in
    Istanbul on Tuesday")."""
    if lone.place:
        return lone.place
    after = dt.timedelta(days=codebook()["outcome_days_after"])
    outcome_kinds = {k["kind"] for k in codebook()["kinds"] if k.get("outcome_of") == kind}
    return venue_of([a for a in told if a.source_id in source_ids and a.kind in outcome_kinds
                     and a.precise and lone.start <= a.date_start <= lone.end + after])


def host_of(lone: Cluster, pool: list[Cluster], kind: str, host_kind: str,
            after: int = 0, told: list[Attestation] = (),
            original_of: dict[str, str] | None = None) -> Cluster | None:
    """The occasion (of ``host_kind``, in ``pool``) a lone source's cluster of ``kind``
    dissents about, or None. ``after``: days after the occasion an outcome may fall;
    ``told``: every attestation, for the venue the source gives the occasion's outcome;
    ``original_of``: republished copies, which make no second source."""
    dating, original_of = _dating(lone, kind), original_of or {}
    sources = {original_of.get(a.source_id, a.source_id) for a in dating}
    if len(sources) != 1:
        return None
    (source_id,) = sources
    ordinals = _ordinals(lone)
    place = _venue(lone, {a.source_id for a in dating}, kind, list(told))
    fits = [host for host in _hosts(pool, host_kind, source_id, place, lone, original_of)
            if not (ordinals and _ordinals(host) and not ordinals & _ordinals(host))
            and all(_mistakable(a, host, after) for a in dating)]
    return _nearest(fits, lone)


def _others(c: Cluster, kind: str, source_id: str, original_of: dict[str, str]) -> set[str]:
    """The sources other than ``source_id`` whose own precise dates lie inside ``c``."""
    return {original_of.get(a.source_id, a.source_id) for a in _dating(c, kind)
            if c.start <= a.date_start and a.date_end <= c.end} - {source_id}


def venue_host(lone: Cluster, pool: list[Cluster], kind: str,
               original_of: dict[str, str] | None = None) -> Cluster | None:
    """The occasion a lone source's cluster belongs to when only its venue sets it apart:
    its dates lie inside one occasion of ``kind`` that at least ``MIN_OTHERS`` other
    sources date at another venue, and its own venue is that of a different occasion of
    the kind, which at least ``MIN_OTHERS`` others date ("the talks on Saturday follow
    the round in Doha": Doha names the earlier round, not Saturday's). One round is not
    held in two cities on one day; a venue no other occasion has may be a meeting of its
    own and stays apart. None when no single occasion fits."""
    original_of = original_of or {}
    sources = {original_of.get(a.source_id, a.source_id) for a in _dating(lone, kind)}
    if len(sources) != 1 or not lone.place:
        return None
    (source_id,) = sources
    known = [c for c in pool if c is not lone
             and len(_others(c, kind, source_id, original_of)) >= MIN_OTHERS]
    if not any(c.place == lone.place for c in known):
        return None
    fits = [h for h in known if h.place and h.place != lone.place
            and h.start <= lone.start and lone.end <= h.end]
    return fits[0] if len(fits) == 1 else None


def fold_dissents(clusters: dict[str, list[Cluster]], kind: str,
                  told: list[Attestation] = (),
                  original_of: dict[str, str] | None = None) -> None:
    """Fold each lone dissenting cluster of ``kind`` into the occasion it dissents
    about, without moving that occasion's dates: for a ``dissent_kinds`` kind, an
    occasion of the same kind; for an outcome of one (a ceasefire agreed at talks), the
    occasion it would be the outcome of. Call once the host kind's clusters are final."""
    book = codebook()
    dissent = book.get("dissent_kinds") or []
    host_kind, after = kind, 0
    if kind not in dissent:
        host_kind = book["by_kind"].get(kind, {}).get("outcome_of", "")
        after = book["outcome_days_after"]
        if host_kind not in dissent:
            return
    own, pool = clusters.get(kind, []), clusters.get(host_kind, [])
    for lone in sorted(own, key=lambda c: (c.start, c.end, c.place)):
        host = host_of(lone, pool, kind, host_kind, after, told, original_of)
        if host is None and kind == host_kind:
            host = venue_host(lone, pool, kind, original_of)
        if host is not None:
            for a in lone.items:
                host.add(a, widen=False)
            own.remove(lone)
