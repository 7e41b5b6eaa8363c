"""``python -m evidence diff REV``: what changed in the data between a git revision and
the working tree, as Markdown to paste into a pull request.

It compares the committed tables of data/processed/ at REV (read with ``git show``)
with the working tree's: sources added, removed or changed; publication and event
dates that moved; events new, gone, merged or split; discrepancies new or gone;
provision claims whose status changed; and, from the working tree alone, the chapters
whose guarded claims no longer hold and the events no chapter tells yet. Events are
matched across revisions by the same id, or by kind (or a kind folded into the new
event as an outcome), a shared evidence sentence and overlapping dates, so a renamed
or re-merged event is recognised as such rather than as one gone and one new.
"""
from __future__ import annotations

import io
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass, field

from evidence import files, paths
from evidence.publish import checks
from evidence.publish.facts import STATUSES
from evidence.publish.story import Story, chapter_refs, kinds_by_label, outcome_kinds

SOURCE_FIELDS = ("outlet", "headline", "url", "origin_group", "language", "n_stories")
DATE_FIELDS = ("published", "published_earliest", "published_latest")


class RevisionError(RuntimeError):
    """REV is not a revision git knows."""


def _parse(text: str) -> list[dict]:
    return list(files.csv_dict_reader(io.StringIO(text))) if text else []


def read_at(rev: str, name: str) -> list[dict]:
    """A table of data/processed/ as committed at ``rev`` ([] if it did not exist)."""
    rel = (paths.PROCESSED / name).relative_to(paths.ROOT).as_posix()
    out = subprocess.run(["git", "show", f"{rev}:{rel}"], cwd=paths.ROOT,
                         capture_output=True, text=True, encoding="utf-8")
    if out.returncode != 0:
        probe = subprocess.run(["git", "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"],
                               cwd=paths.ROOT, capture_output=True, text=True)
        if probe.returncode != 0:
            raise RevisionError(f"not a git revision: {rev!r}")
        return []
    return _parse(out.stdout)


def read_now(name: str) -> list[dict]:
    path = paths.PROCESSED / name
    return _parse(path.read_text(encoding="utf-8")) if path.exists() else []


# ---------------------------------------------------------------------- events


def _spans(row: dict) -> set[str]:
    return {s.strip() for s in (row.get("evidence") or "").split(";") if s.strip()}


def _sources(row: dict) -> set[str]:
    return {s.strip() for s in (row.get("source_ids") or "").split(";") if s.strip()}


@dataclass
class EventChanges:
    new: list[dict] = field(default_factory=list)
    gone: list[dict] = field(default_factory=list)
    merged: list[tuple[list[dict], dict]] = field(default_factory=list)
    split: list[tuple[dict, list[dict]]] = field(default_factory=list)
    regrouped: list[tuple[list[dict], list[dict]]] = field(default_factory=list)
    same: list[tuple[dict, dict]] = field(default_factory=list)


def match_events(old: list[dict], new: list[dict]) -> EventChanges:
    """Group old and new events that share kind and evidence (or id) and classify."""
    parent = {("o", i): ("o", i) for i in range(len(old))}
    parent.update({("n", j): ("n", j) for j in range(len(new))})

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    labels = kinds_by_label()
    folded = [outcome_kinds(n.get("outcomes", ""), labels) for n in new]
    for i, o in enumerate(old):
        for j, n in enumerate(new):
            if o["event_id"] == n["event_id"] or (
                    (o["kind"] == n["kind"] or o["kind"] in folded[j])
                    and _spans(o) & _spans(n) and _overlap(o, n)):
                parent[find(("o", i))] = find(("n", j))
    groups: dict = defaultdict(lambda: ([], []))
    for side, i in parent:
        groups[find((side, i))][0 if side == "o" else 1].append(
            old[i] if side == "o" else new[i])
    out = EventChanges()
    for olds, news in sorted(groups.values(), key=lambda g: _first_date(g)):
        if not olds:
            out.new += news
        elif not news:
            out.gone += olds
        elif len(olds) == 1 and len(news) == 1:
            out.same.append((olds[0], news[0]))
        elif len(news) == 1:
            out.merged.append((olds, news[0]))
        elif len(olds) == 1:
            out.split.append((olds[0], news))
        else:
            out.regrouped.append((olds, news))
    return out


def _overlap(a: dict, b: dict) -> bool:
    """Dates overlap (or one is undated): a sentence naming two occasions of one kind
    does not make them the same event."""
    if not (a.get("date_start") and b.get("date_start")):
        return True
    return (a["date_start"] <= (b.get("date_end") or b["date_start"])
            and b["date_start"] <= (a.get("date_end") or a["date_start"]))


def _first_date(group) -> tuple:
    rows = group[1] or group[0]
    return min((r.get("date_start") or "9999", r["event_id"]) for r in rows)


def _event(row: dict) -> str:
    place = f" in {row['place']}" if row.get("place") else ""
    dates = row.get("date_start", "")
    if row.get("date_end") and row["date_end"] != dates:
        dates += f" to {row['date_end']}"
    n = len(_sources(row))
    return f"{row.get('label') or row['kind']}{place}, {dates} (`{row['event_id']}`, {n} source{'s' if n != 1 else ''})"


# ---------------------------------------------------------------------- report


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    esc = lambda v: str(v).replace("|", "\\|").replace("\n", " ")
    return (["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
            + ["| " + " | ".join(esc(v) for v in r) + " |" for r in rows])


def _section(title: str, lines: list[str]) -> list[str]:
    return [f"### {title}", "", *lines, ""] if lines else []


def sources_section(old: dict, new: dict) -> list[str]:
    added = [new[s] for s in sorted(set(new) - set(old))]
    removed = [old[s] for s in sorted(set(old) - set(new))]
    row = lambda r: [f"`{r['source_id']}`", r.get("outlet") or "(unidentified)",
                     r.get("published") or "unknown", (r.get("headline") or "")[:90]]
    out = []
    if added:
        out += [f"**Added ({len(added)}):**", ""]
        out += _table(["source", "outlet", "published", "headline"], [row(r) for r in added])
        out.append("")
    if removed:
        out += [f"**Removed ({len(removed)}):**", ""]
        out += _table(["source", "outlet", "published", "headline"], [row(r) for r in removed])
        out.append("")
    changed = []
    for sid in sorted(set(old) & set(new)):
        o, n = old[sid], new[sid]
        what = [f"{f}: {o.get(f) or '—'} → {n.get(f) or '—'}" for f in SOURCE_FIELDS
                if (o.get(f) or "") != (n.get(f) or "")]
        if (o.get("sha256") or "") != (n.get("sha256") or ""):
            what.insert(0, "raw file changed")
        if what:
            changed.append(f"- `{sid}`: " + "; ".join(what))
    if changed:
        out += [f"**Changed ({len(changed)}):**", "", *changed, ""]
    return _section("Sources", out)


def dates_section(old: dict, new: dict, events: EventChanges) -> list[str]:
    out = []
    for sid in sorted(set(old) & set(new)):
        o, n = old[sid], new[sid]
        if any((o.get(f) or "") != (n.get(f) or "") for f in DATE_FIELDS):
            out.append(f"- publication date of `{sid}` ({n.get('outlet') or 'unidentified'}): "
                       f"{_when(o)} → {_when(n)}")
    for o, n in events.same:
        if (o.get("date_start"), o.get("date_end")) != (n.get("date_start"), n.get("date_end")):
            out.append(f"- {n.get('label') or n['kind']} (`{n['event_id']}`): "
                       f"{o.get('date_start')}–{o.get('date_end')} → "
                       f"{n.get('date_start')}–{n.get('date_end')}")
    return _section("Dates that moved", out)


def _when(row: dict) -> str:
    first, last = row.get("published_earliest") or "", row.get("published_latest") or ""
    point = row.get("published") or "unknown"
    return f"{point} ({first} to {last})" if first and last and first != last else point


def events_section(events: EventChanges) -> list[str]:
    out = []
    if events.new:
        out += [f"**New ({len(events.new)}):**", ""] + [f"- {_event(r)}" for r in events.new] + [""]
    if events.gone:
        out += [f"**Gone ({len(events.gone)}):**", ""] + [f"- {_event(r)}" for r in events.gone] + [""]
    for olds, n in events.merged:
        out.append(f"- **merged:** {'; '.join(_event(o) for o in olds)} → {_event(n)}")
    for o, news in events.split:
        out.append(f"- **split:** {_event(o)} → {'; '.join(_event(n) for n in news)}")
    for olds, news in events.regrouped:
        out.append(f"- **regrouped:** {'; '.join(_event(o) for o in olds)} → "
                   f"{'; '.join(_event(n) for n in news)}")
    grown = []
    for o, n in events.same:
        plus, minus = _sources(n) - _sources(o), _sources(o) - _sources(n)
        renamed = o["event_id"] != n["event_id"]
        if plus or minus or renamed:
            bits = ([f"+{len(plus)} source{'s' if len(plus) != 1 else ''}"] if plus else []) + \
                   ([f"−{len(minus)}: {', '.join(sorted(minus))}"] if minus else []) + \
                   ([f"was `{o['event_id']}`"] if renamed else [])
            grown.append(f"- {_event(n)}: {'; '.join(bits)}")
    if grown:
        out += ["", f"**Same event, other sources ({len(grown)}):**", "", *grown]
    return _section("Events", out)


def discrepancies_section(old: list[dict], new: list[dict]) -> list[str]:
    o = {r["discrepancy_id"]: r for r in old}
    n = {r["discrepancy_id"]: r for r in new}
    line = lambda r: f"- {r.get('subject') or r['discrepancy_id']}: {r.get('values', '')[:200]}"
    out = []
    if set(n) - set(o):
        out += [f"**New ({len(set(n) - set(o))}):**", ""] + [line(n[d]) for d in sorted(set(n) - set(o))] + [""]
    if set(o) - set(n):
        out += [f"**Gone ({len(set(o) - set(n))}):**", ""] + [line(o[d]) for d in sorted(set(o) - set(n))] + [""]
    changed = [d for d in sorted(set(o) & set(n)) if o[d].get("values") != n[d].get("values")]
    if changed:
        out += [f"**Changed ({len(changed)}):**", ""] + [
            f"- {n[d].get('subject') or d}: {o[d].get('values', '')[:120]} → {n[d].get('values', '')[:120]}"
            for d in changed] + [""]
    return _section("Discrepancies", out)


def provisions_section(old: list[dict], new: list[dict]) -> list[str]:
    oc, nc = _counts(old), _counts(new)
    provisions = sorted({p for p, _ in oc} | {p for p, _ in nc})
    rows = []
    for p in provisions:
        cells = [f"{oc[(p, s)]} → {nc[(p, s)]}" if oc[(p, s)] != nc[(p, s)] else str(nc[(p, s)])
                 for s in STATUSES]
        if any("→" in c for c in cells):
            rows.append([p, *cells])
    o = {(r["source_id"], r["provision"]): r["status"] for r in old}
    flips = [f"- `{sid}` {prov}: {o[(sid, prov)]} → {r['status']}"
             for r in new for sid, prov in [(r["source_id"], r["provision"])]
             if (sid, prov) in o and o[(sid, prov)] != r["status"]]
    out = _table(["provision", *STATUSES], rows) + [""] if rows else []
    if flips:
        out += ["**Sources whose reading changed:**", "", *flips]
    return _section("Provisions (sources per status)", out)


def _counts(rows: list[dict]) -> dict:
    out: dict = defaultdict(int)
    for r in rows:
        out[(r["provision"], r["status"])] += 1
    return out


def story_section() -> list[str]:
    """Chapters to revise (guards that fail) and events no chapter tells — the
    working tree only."""
    tables, out = checks.Tables(), []
    for path in sorted(paths.BOOK.glob("*.md")):
        for guard in checks.guards_in(path):
            try:
                failed = checks.failing(tables, guard)
            except checks.CheckError as err:
                out.append(f"- `{path.relative_to(paths.ROOT)}:{guard.line}`: guard cannot be "
                           f"evaluated: {err}")
                continue
            if failed:
                why = "; ".join(f"`{r.check}` now gives {r.found}" for r in failed)
                out.append(f"- `{path.relative_to(paths.ROOT)}:{guard.line}` says "
                           f"“{guard.claim}”: {why}")
    story = Story.load()
    refs = [r for rs in chapter_refs().values() for r in rs]
    _, after, before = story.later(refs)
    if after or before:
        out.append(f"- Later developments lists {len(after)} event(s) after the chapters' last "
                   f"and {len(before)} earlier one(s) no chapter tells.")
    return _section("Chapters to revise", out)


def report(rev: str) -> str:
    old_sources = {r["source_id"]: r for r in read_at(rev, "sources.csv")}
    new_sources = {r["source_id"]: r for r in read_now("sources.csv")}
    events = match_events(read_at(rev, "events.csv"), read_now("events.csv"))
    body = (sources_section(old_sources, new_sources)
            + dates_section(old_sources, new_sources, events)
            + events_section(events)
            + discrepancies_section(read_at(rev, "discrepancies.csv"),
                                    read_now("discrepancies.csv"))
            + provisions_section(read_at(rev, "claims.csv"), read_now("claims.csv")))
    head = [f"## Data changes since `{rev}`", "",
            f"{len(old_sources)} → {len(new_sources)} sources; "
            f"events: {len(events.new)} new, {len(events.gone)} gone, "
            f"{len(events.merged)} merged, {len(events.split)} split.", ""]
    if not body:
        body = ["No change in data/processed/.", ""]
    return "\n".join(head + body + story_section()).rstrip() + "\n"


def main(args) -> int:
    try:
        print(report(args.rev), end="")
    except RevisionError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    return 0
