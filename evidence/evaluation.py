"""Measure the reading of real coverage against a gold file (``python -m evidence
evaluate --gold PATH``): the gold articles are parsed beside this project's sources by
the real ``build-data`` in a temporary project root (nothing under ``data/`` is
written), and the outputs are scored per field: publication dates, gold date
references found in ``date_mentions.csv``, what each gold event became in
``events.csv``, copies recognised, outlets and headlines read.

The gold file is a list of articles (``file`` relative to the gold file, ``url``,
``outlet``, ``published``, ``events`` with ``key``, ``dates`` and ``phrase``), the format
of the development corpus' ``gold.json``; an optional ``copy_of`` (the ``file`` a
republished copy repeats) is scored too. Each article is registered with its URL only,
as a user saving a page knows its address (``--no-urls`` withholds it); nothing else of
the gold reaches the parser.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from evidence import files, paths
from evidence.read import registry

# A gold event and one of ours are the same occasion when their dates come this close.
DATE_SLACK = dt.timedelta(days=1)


@dataclass
class Outputs:
    """What build-data wrote for the evaluation root, read back as rows."""
    sources: dict[str, dict]
    mentions: dict[str, list[dict]]
    events: list[dict]
    clean: dict[str, str]


@dataclass
class Report:
    lines: list[str] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)

    def section(self, title: str) -> None:
        self.lines += ["", f"## {title}"]

    def add(self, line: str) -> None:
        self.lines.append(line)


def load_gold(path: Path) -> list[dict]:
    gold = json.loads(path.read_text(encoding="utf-8"))
    for item in gold:
        item["source_id"] = Path(item["file"]).stem
        item["path"] = (path.parent / item["file"]).resolve()
    return gold


def prepare_root(root: Path, gold: list[dict], with_urls: bool, with_project: bool) -> None:
    """A project root holding this project's sources (unless told not to), the gold
    articles byte for byte, the curated knowledge, and a registry with their URLs."""
    (root / "data").mkdir(parents=True)
    shutil.copytree(paths.KNOWLEDGE, root / "data" / "knowledge")
    sources = root / "data" / "sources"
    sources.mkdir()
    rows = []
    if with_project:
        for path in paths.source_files():
            shutil.copy2(path, sources / path.name)
        rows += [vars(e) for e in registry.load().values()]
    for item in gold:
        shutil.copy2(item["path"], sources / item["path"].name)
        rows.append({"source_id": item["source_id"],
                     "url": item.get("url", "") if with_urls else "",
                     "sha256": registry.sha256_of(item["path"])})
    columns = list(dict.fromkeys(c for row in rows for c in row if c != "in_registry"))
    with open(root / "data" / "registry.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def run_chain(root: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, EVIDENCE_ROOT=str(root))
    return subprocess.run([sys.executable, "-m", "evidence", "build-data"], env=env,
                          capture_output=True, text=True)


def _rows(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with open(path, newline="", encoding="utf-8") as f:
        return list(files.csv_dict_reader(f))


def read_outputs(root: Path) -> Outputs:
    processed = root / "data" / "processed"
    mentions = defaultdict(list)
    for row in _rows(processed / "date_mentions.csv"):
        mentions[row["source_id"]].append(row)
    return Outputs(
        sources={r["source_id"]: r for r in _rows(processed / "sources.csv")},
        mentions=mentions, events=_rows(processed / "events.csv"),
        clean={p.stem: p.read_text(encoding="utf-8")
               for p in sorted((processed / "clean").glob("*.txt"))})


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def grade_published(item: dict, row: dict | None) -> tuple[str, str]:
    """exact / interval (the gold date inside the reported interval) / wrong / empty."""
    gold = _date(item["published"])
    if row is None:
        return "empty", "no output row"
    got, precision = _date(row.get("published", "")), row.get("published_precision", "")
    early, late = _date(row.get("published_earliest", "")), _date(row.get("published_latest", ""))
    shown = (f"{row.get('published') or '∅'} ({precision or 'no precision'}"
             f"{f', {early}..{late}' if early or late else ''}; {row.get('published_method', '')})")
    if got is None and early is None and late is None:
        return "empty", shown
    if precision == "day" and got == gold:
        return "exact", shown
    if precision != "day" and (early or dt.date.min) <= gold <= (late or dt.date.max):
        return "interval", shown
    return "wrong", shown


def phrase_spans(text: str, phrase: str) -> list[tuple[int, int]]:
    spans, start = [], text.find(phrase)
    while start >= 0:
        spans.append((start, start + len(phrase)))
        start = text.find(phrase, start + 1)
    return spans


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def mention_found(event: dict, mentions: list[dict], text: str) -> tuple[bool, str]:
    """A gold date reference is found when a mention overlapping its phrase resolves to
    the gold dates (first and last day)."""
    spans = phrase_spans(text, event["phrase"])
    if not spans:
        return False, "phrase not in the clean text"
    first, last = event["dates"][0], event["dates"][-1]
    near = [m for m in mentions
            if any(_overlaps((int(m["start_char"]), int(m["end_char"])), s) for s in spans)]
    for m in near:
        if m["date_start"] == first and m["date_end"] == last:
            return True, ""
    if not near:
        return False, "no mention there"
    return False, "read as " + ", ".join(
        f"'{m['text']}' = {m['date_start']}..{m['date_end']} ({m['method']})" for m in near)


def _evidence(event: dict) -> list[tuple[str, int, int]]:
    out = []
    for part in filter(None, (p.strip() for p in event.get("evidence", "").split(";"))):
        source_id, _, offsets = part.rpartition("@")
        start, _, end = offsets.partition("-")
        if start.isdigit() and end.isdigit():
            out.append((source_id, int(start), int(end)))
    return out


def events_for_phrase(source_id: str, gold_event: dict, text: str,
                      events: list[dict]) -> list[dict]:
    """Our events whose evidence in this source covers the gold phrase and whose dates
    reach the gold dates."""
    spans = phrase_spans(text, gold_event["phrase"])
    first = _date(gold_event["dates"][0]) - DATE_SLACK
    last = _date(gold_event["dates"][-1]) + DATE_SLACK
    found = []
    for event in events:
        start, end = _date(event["date_start"]), _date(event["date_end"]) or _date(event["date_start"])
        if start is None or end < first or start > last:
            continue
        if any(sid == source_id and any(_overlaps((a, b), s) for s in spans)
               for sid, a, b in _evidence(event)):
            found.append(event)
    return found


def occasions(events: list[dict]) -> list[set[str]]:
    """Event ids grouped into occasions: linked (related_events) events are one."""
    parent = {}

    def root(x):
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x
    for event in events:
        for other in filter(None, (e.strip() for e in event.get("related_events", "").split(";"))):
            parent[root(event["event_id"])] = root(other)
        root(event["event_id"])
    groups = defaultdict(set)
    for x in list(parent):
        groups[root(x)].add(x)
    return list(groups.values())


def score(gold: list[dict], out: Outputs, report: Report) -> None:
    # Publication dates.
    report.section("Publication dates (articles whose date the gold knows)")
    grades = Counter()
    for item in gold:
        if not item.get("published"):
            continue
        grade, shown = grade_published(item, out.sources.get(item["source_id"]))
        grades[grade] += 1
        if grade != "exact":
            report.add(f"- {grade:8} {item['source_id']}: gold {item['published']} "
                       f"({item.get('published_basis')}); got {shown}")
    known = sum(grades.values())
    unknown = Counter((out.sources.get(i["source_id"]) or {}).get("published_precision") or "empty"
                      for i in gold if not i.get("published"))
    report.add(f"{grades['exact']} exact, {grades['interval']} interval, {grades['wrong']} wrong, "
               f"{grades['empty']} empty of {known}; articles the gold cannot date: "
               + ", ".join(f"{n} {k}" for k, n in sorted(unknown.items())))
    report.summary.append(f"publication dates: {grades['exact']}/{known} exact, "
                          f"{grades['interval']} interval, {grades['wrong']} wrong, "
                          f"{grades['empty']} empty")

    # Date references.
    report.section("Gold date references in date_mentions.csv")
    found = total = 0
    for item in gold:
        text = out.clean.get(item["source_id"], "")
        for event in item.get("events", []):
            total += 1
            ok, why = mention_found(event, out.mentions.get(item["source_id"], []), text)
            found += ok
            if not ok:
                report.add(f"- {item['source_id']}: '{event['phrase']}' = "
                           f"{'..'.join(dict.fromkeys(event['dates']))}: {why}")
    report.add(f"{found} of {total} found")
    report.summary.append(f"date references: {found}/{total} found "
                          f"({100 * found / max(total, 1):.0f}%)")

    # Events.
    report.section("Gold events: how many events each became, and the main one's share")
    by_key = defaultdict(lambda: {"sources": set(), "events": {}, "missed": []})
    for item in gold:
        text = out.clean.get(item["source_id"], "")
        for event in item.get("events", []):
            if event["key"] == "other":
                continue
            entry = by_key[event["key"]]
            entry["sources"].add(item["source_id"])
            matched = events_for_phrase(item["source_id"], event, text, out.events)
            for m in matched:
                entry["events"][m["event_id"]] = m
            if not matched:
                entry["missed"].append(f"{item['source_id']} '{event['phrase']}'")
    groups = occasions(out.events)
    group_of = {eid: i for i, g in enumerate(groups) for eid in g}
    met = 0
    for key in sorted(by_key):
        entry = by_key[key]
        n_occasions = len({group_of.get(e, e) for e in entry["events"]})
        carried, main = 0, ""
        for group in {group_of.get(e, e) for e in entry["events"]}:
            members = [e for e in out.events
                       if group_of.get(e["event_id"], e["event_id"]) == group]
            ids = set().union(*(set(filter(None, e["source_ids"].split(";"))) for e in members))
            share = len(ids & entry["sources"])
            if share > carried:
                carried, main = share, "+".join(sorted(e["event_id"] for e in members))
        n = len(entry["sources"])
        ok = n_occasions == 1 and carried >= 0.7 * n
        met += ok
        report.add(f"- {key}: {n_occasions} occasion(s) from {len(entry['events'])} event(s); "
                   f"main carries {carried}/{n} sources{' ✓' if ok else ''}"
                   f"{f' [{main}]' if main else ''}"
                   + (f"; not found: {', '.join(entry['missed'])}" if entry["missed"] else ""))
    process = [e for e in out.events if _is_process(e)
               and dt.date(2025, 10, 10) <= (_date(e["date_start"]) or dt.date.min)
               <= dt.date(2025, 11, 30)]
    report.add(f"process events (talks, agreements, truces, scheduled meetings) dated "
               f"Oct 10 – Nov 30: {len(process)} events, {len(occasions(process))} occasions")
    report.summary.append(f"gold events: {met}/{len(by_key)} keys one occasion carrying ≥70% "
                          f"of their sources; process events Oct 10–Nov 30: {len(process)}")

    # Copies, outlets, headlines.
    report.section("Copies, outlets and headlines")
    ids = {i["source_id"] for i in gold}
    copies = [(sid, r.get("copy_of", "")) for sid, r in sorted(out.sources.items())
              if r.get("copy_of")]
    for sid, of in copies:
        report.add(f"- copy: {sid} repeats {of}")
    outlet_ok = 0
    for item in gold:
        got = (out.sources.get(item["source_id"]) or {}).get("outlet", "")
        if _same_name(got, item.get("outlet", "")):
            outlet_ok += 1
        else:
            report.add(f"- outlet {item['source_id']}: gold '{item.get('outlet')}', got '{got}'")
    headlines = sum(bool((out.sources.get(i) or {}).get("headline")) for i in ids)
    gold_copies = [i for i in gold if i.get("copy_of")]
    copies_ok = sum(grade_copy(i, out.sources.get(i["source_id"]), report) for i in gold_copies)
    report.add(f"{len(copies)} copies; gold copies {copies_ok}/{len(gold_copies)} recognised; "
               f"outlets {outlet_ok}/{len(gold)} as the gold names them; "
               f"{headlines}/{len(ids)} headlines")
    report.summary.append(f"copies found: {len(copies)}; gold copies recognised "
                          f"{copies_ok}/{len(gold_copies)}; outlets {outlet_ok}/{len(gold)}; "
                          f"headlines {headlines}/{len(ids)}")


def grade_copy(item: dict, row: dict | None, report: Report) -> bool:
    """A gold copy (``copy_of``: the ``file`` it repeats) is recognised when its
    ``copy_of`` names that article's source id."""
    original = Path(item["copy_of"]).stem
    got = (row or {}).get("copy_of", "")
    if got == original:
        return True
    report.add(f"- copy missed {item['source_id']}: gold repeats {original}, got '{got}'")
    return False


PROCESS_KINDS = ("talks", "agreement", "truce", "meeting", "deadlock", "statement")


def _is_process(event: dict) -> bool:
    return any(k in event["kind"] for k in PROCESS_KINDS)


def _norm(name: str) -> str:
    return "".join(ch for ch in name.casefold() if ch.isalnum())


def _same_name(got: str, gold: str) -> bool:
    a, b = _norm(got), _norm(gold)
    return bool(a and b) and (a == b or a in b or b in a)


def evaluate(gold_path: Path, with_urls: bool = True, with_project: bool = True,
             keep: Path | None = None) -> tuple[int, Report]:
    gold = load_gold(gold_path)
    report = Report()
    with tempfile.TemporaryDirectory(prefix="evidence-eval-") as tmp:
        root = Path(keep) if keep else Path(tmp)
        if keep:
            shutil.rmtree(root, ignore_errors=True)
        prepare_root(root, gold, with_urls, with_project)
        result = run_chain(root)
        if result.returncode != 0:
            report.add(result.stderr.strip() or result.stdout.strip())
            report.summary.append("the chain refused the gold corpus (see above)")
            return 1, report
        score(gold, read_outputs(root), report)
    return 0, report
