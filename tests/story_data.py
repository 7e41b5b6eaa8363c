"""Tiny processed tables for the story, guard and diff tests: written by hand, in the
published CSV contract (events.csv, sources.csv, claims.csv, clean texts)."""
from __future__ import annotations

import csv
from pathlib import Path

TEXTS = {
    "src-a": "Talks opened in Harbourtown on Monday. The truce held. Talks ended on Friday.",
    "src-b": "The truce was signed in Hilltown on 3 May. Talks opened in Harbourtown.",
    "src-c": "The truce was signed in Hilltown on 3 May. Talks opened in Harbourtown.",
    "src-d": "Fighting broke out on 20 May near the river.",
    "src-e": "An opinion piece with no dated event.",
}

SOURCES = [
    # source_id, outlet, origin_group, published, earliest, latest, copy_of
    ("src-a", "Alpha Daily", "northern", "2025-05-06", "2025-05-06", "2025-05-06", ""),
    ("src-b", "Beta Wire", "southern", "2025-05-04", "2025-05-04", "2025-05-05", ""),
    ("src-c", "Gamma Aggregator", "southern", "2025-05-07", "2025-05-07", "2025-05-07", "src-b"),
    ("src-d", "", "northern", "", "", "", ""),
    ("src-e", "Epsilon", "", "2025-06-01", "2025-06-01", "2025-06-01", ""),
]


def _span(sid: str, sentence: str) -> str:
    start = TEXTS[sid].index(sentence)
    return f"{sid}@{start}-{start + len(sentence)}"


EVENTS = [
    dict(event_id="truce-2025-05-03-hilltown", kind="truce", label="Truce signed",
         date_start="2025-05-03", date_end="2025-05-03", precision="day",
         source_ids="src-b;src-c", place="Hilltown", imprecise="", disagreement="",
         evidence="; ".join([_span("src-b", "The truce was signed in Hilltown on 3 May."),
                             _span("src-c", "The truce was signed in Hilltown on 3 May.")]),
         related_events=""),
    dict(event_id="talks_round-2025-05-05-harbourtown", kind="talks_round", label="Talks round",
         date_start="2025-05-05", date_end="2025-05-09", precision="range",
         source_ids="src-a;src-b", place="Harbourtown", imprecise="recently: src-b",
         disagreement="",
         evidence="; ".join([_span("src-a", "Talks opened in Harbourtown on Monday."),
                             _span("src-b", "Talks opened in Harbourtown.")]),
         related_events="scheduled_meeting-2025-05-05-harbourtown"),
    dict(event_id="scheduled_meeting-2025-05-05-harbourtown", kind="scheduled_meeting",
         label="Meeting scheduled", date_start="2025-05-05", date_end="2025-05-05",
         precision="day", source_ids="src-a", place="Harbourtown", imprecise="",
         disagreement="", evidence=_span("src-a", "Talks ended on Friday."),
         related_events="talks_round-2025-05-05-harbourtown"),
    dict(event_id="clashes-2025-05-20", kind="clashes", label="Border clashes",
         date_start="2025-05-20", date_end="2025-05-20", precision="day", source_ids="src-d",
         place="", imprecise="", disagreement="",
         evidence=_span("src-d", "Fighting broke out on 20 May near the river."),
         related_events=""),
]

CLAIMS = [
    # source_id, provision, status
    ("src-a", "mechanism", "reported"), ("src-b", "mechanism", "reported"),
    ("src-c", "mechanism", "not_mentioned"), ("src-d", "mechanism", "not_mentioned"),
    ("src-a", "penalty", "reported"), ("src-b", "penalty", "not_mentioned"),
]


def write(path: Path, header: list[str], rows: list) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def make(processed: Path, events=None, sources=None, claims=None, copies: bool = True) -> Path:
    """Write the tables into ``processed`` (data/processed of a project)."""
    events = EVENTS if events is None else events
    sources = SOURCES if sources is None else sources
    claims = CLAIMS if claims is None else claims
    header = ["source_id", "outlet", "origin_group", "published", "published_earliest",
              "published_latest", "headline", "sha256"] + (["copy_of"] if copies else [])
    write(processed / "sources.csv", header,
          [[sid, outlet, origin, pub, first, last, f"Headline of {sid}", f"sha-{sid}"]
           + ([copy] if copies else [])
           for sid, outlet, origin, pub, first, last, copy in sources])
    cols = list(dict.fromkeys(c for e in [*EVENTS, *events] for c in e))
    write(processed / "events.csv", cols, [[e.get(c, "") for c in cols] for e in events])
    write(processed / "claims.csv", ["claim_id", "source_id", "provision", "status"],
          [[f"{s}:{p}", s, p, st] for s, p, st in claims])
    (processed / "clean").mkdir(parents=True, exist_ok=True)
    for sid, text in TEXTS.items():
        (processed / "clean" / f"{sid}.txt").write_text(text, encoding="utf-8")
    return processed
