"""Provisions coded by source, PA-X style (categories in data/knowledge/provisions.yml).

For every (source, provision) pair there is exactly one Claim: *reported* (with the
sentence that says so), *contradicted* (a negated agreement on the provision, or an
explicit contradiction pattern) or *not_mentioned* (no quote). Hedges such as
"details have not yet been clarified" qualify a reported provision; they never turn
it into a contradiction.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from evidence import text as textutil
from evidence.compare import memo
from evidence.compare.attestations import venue
from evidence.compare.date_roles import dates_an_event, datelines
from evidence.compare.spans import Span, compile_all, sentences
from evidence.model import ParsedSource

CODEBOOK = "provisions.yml"
STATUSES = ("reported", "contradicted", "not_mentioned")
# Clause breaks inside a sentence: a negation in one clause does not reach the other.
_CLAUSE_BREAK = re.compile(r"[;:—]|,?\s+(?=(?:but|while|whereas|although|though|however|"
                           r"yet)\b)", re.IGNORECASE)


@dataclass(frozen=True)
class Claim:
    source_id: str
    provision: str
    label: str
    status: str                  # reported | contradicted | not_mentioned
    quote: Span | None = None    # the sentence that reports / contradicts it
    detail: str = ""             # wording or particulars (penalty word, date/place/level)
    qualifier: str = ""          # hedge found with it ("details ... not yet clarified")
    conflicting: Span | None = None   # a sentence of the same source saying the opposite

    @property
    def claim_id(self) -> str:
        return f"{self.source_id}:{self.provision}"


@lru_cache(maxsize=1)
def codebook() -> dict:
    book = dict(textutil.knowledge(CODEBOOK))
    for key in ("agreement_cues", "aims", "negations", "not_negations", "qualifiers"):
        book[key] = compile_all(book.get(key))
    provisions = []
    for p in book["provisions"]:
        entry = dict(p)
        for key in ("topic", "reported", "contradicted"):
            entry[key] = compile_all(p.get(key))
        entry["requires"] = (compile_all(p["requires"]) if "requires" in p
                             else book["agreement_cues"])
        entry["detail_level"] = compile_all([p["detail_level"]] if p.get("detail_level")
                                            else [])
        provisions.append(entry)
    book["provisions"] = provisions
    return book


def provision_ids() -> list[str]:
    return [p["id"] for p in codebook()["provisions"]]


def provision_label(provision: str) -> str:
    return next((p["label"] for p in codebook()["provisions"] if p["id"] == provision),
                provision)


def _clause(sentence: Span, pos: int) -> tuple[int, int]:
    """Absolute (start, end) of the clause of ``sentence`` holding offset ``pos``."""
    start, end = sentence.start, sentence.end
    for m in _CLAUSE_BREAK.finditer(sentence.text):
        cut = sentence.start + m.start()
        if cut <= pos:
            start = sentence.start + m.end()
        else:
            end = cut
            break
    return start, end


def _blank(text: str, patterns) -> str:
    for p in patterns:
        text = p.sub(lambda m: " " * len(m.group(0)), text)
    return text


def negated(clause: str) -> bool:
    """A negated agreement in ``clause`` (hedges and "not only" do not count)."""
    book = codebook()
    cleared = _blank(clause, book["not_negations"] + book["qualifiers"])
    return any(p.search(cleared) for p in book["negations"])


def _hits(source: ParsedSource, provision: dict):
    """(status, rank, sentence, match) for every sentence that codes the provision."""
    text = source.clean_text
    for sent in sentences(source):
        for i, p in enumerate(provision["contradicted"]):
            for m in p.finditer(text, sent.start, sent.end):
                yield "contradicted", i, sent, m
        for p in provision["topic"]:
            for m in p.finditer(text, sent.start, sent.end):
                if negated(text[slice(*_clause(sent, m.start()))]):
                    yield "contradicted", len(provision["contradicted"]), sent, m
        required = not provision["requires"] or any(
            r.search(text, sent.start, sent.end) for r in provision["requires"])
        if not required:
            continue
        for i, p in enumerate(provision["reported"]):
            for m in p.finditer(text, sent.start, sent.end):
                start, end = _clause(sent, m.start())
                if negated(text[start:end]) or any(
                        c.search(text, start, end) for c in provision["contradicted"]):
                    continue
                if not any(a.search(text, start, m.start()) for a in codebook()["aims"]):
                    yield "reported", i, sent, m


def _qualifier(source: ParsedSource, sent: Span) -> str:
    """Hedges in the claim's sentence or the one after it."""
    following = [s for s in sentences(source) if s.start >= sent.end][:1]
    found = []
    for s in [sent] + following:
        for p in codebook()["qualifiers"]:
            found += [m.group(0) for m in p.finditer(source.clean_text, s.start, s.end)]
    return "; ".join(dict.fromkeys(" ".join(f.split()) for f in found))


def _detail(source: ParsedSource, provision: dict, sent: Span, match: re.Match) -> str:
    parts = []
    if "detail" in match.re.groupindex and match.group("detail"):
        parts.append(" ".join(match.group("detail").lower().split()))
    if provision.get("detail_date"):
        lines = datelines(source)
        dates = sorted({(m.date_start, m.date_end) for m in source.dates
                        if sent.start <= m.start < sent.end and m.date_start
                        and dates_an_event(source, m, sent, lines)})
        parts += [f"date={a.isoformat()}" + (f"/{b.isoformat()}" if b and b != a else "")
                  for a, b in dates]
    if provision.get("detail_place"):
        _key, place = venue(source, match.span(), sent, max_distance=len(sent.text))
        if place:
            parts.append(f"place={place}")
    for p in provision["detail_level"]:
        m = p.search(source.clean_text, sent.start, sent.end)
        if m:
            parts.append(f"level={m.group('detail').lower()}")
    kind = provision.get("detail_entities")
    if kind:
        names = sorted({e.entity_id or e.surface for e in source.entities
                        if (e.entity_type == kind or e.side == kind)
                        and sent.start <= e.start < sent.end})
        parts += names
    return "; ".join(parts)


def code_source(source: ParsedSource, provision: dict) -> Claim:
    hits = sorted(_hits(source, provision), key=lambda h: (h[1], h[2].start, h[3].start()))
    reported = [h for h in hits if h[0] == "reported"]
    contra = [h for h in hits if h[0] == "contradicted"]
    base = dict(source_id=source.source_id, provision=provision["id"],
                label=provision["label"])
    if reported:
        _s, _r, sent, match = reported[0]
        return Claim(**base, status="reported", quote=sent,
                     detail=_detail(source, provision, sent, match),
                     qualifier=_qualifier(source, sent) if provision.get("qualify", True) else "",
                     conflicting=contra[0][2] if contra else None)
    if contra:
        _s, _r, sent, match = contra[0]
        return Claim(**base, status="contradicted", quote=sent,
                     detail=_detail(source, provision, sent, match))
    return Claim(**base, status="not_mentioned")


def _code_one(source: ParsedSource) -> list[Claim]:
    return [code_source(source, p) for p in codebook()["provisions"]]


def code(sources: list[ParsedSource]) -> list[Claim]:
    """One claim per (source, provision), sources by id, provisions in codebook order
    (each source's claims remembered between builds by ``memo`` inside a comparison
    session: they read that source alone)."""
    return [c for s in sorted(sources, key=lambda s: s.source_id)
            for c in memo.recall("claims", s, _code_one)]


COLUMNS = ["claim_id", "source_id", "status", "quote", "provision", "label", "start_char",
           "end_char", "detail", "qualifier", "conflicting_quote", "evidence"]


def table(claims: list[Claim]) -> pd.DataFrame:
    rows = []
    for c in claims:
        rows.append({
            "claim_id": c.claim_id, "source_id": c.source_id, "status": c.status,
            "quote": c.quote.text if c.quote else "", "provision": c.provision,
            "label": c.label, "start_char": c.quote.start if c.quote else pd.NA,
            "end_char": c.quote.end if c.quote else pd.NA, "detail": c.detail,
            "qualifier": c.qualifier,
            "conflicting_quote": c.conflicting.cite() if c.conflicting else "",
            "evidence": c.quote.ref() if c.quote else "",
        })
    df = pd.DataFrame(rows, columns=COLUMNS)
    for col in ("start_char", "end_char"):
        df[col] = df[col].astype("Int64")
    return df


def matrix(claims: list[Claim]) -> pd.DataFrame:
    """Rows: provisions (codebook order); columns: sources; cells: status."""
    sources = sorted({c.source_id for c in claims})
    status = {(c.provision, c.source_id): c.status for c in claims}
    ids = provision_ids() + sorted({c.provision for c in claims} - set(provision_ids()))
    rows = [{"provision": p, "label": provision_label(p),
             **{s: status.get((p, s), "not_mentioned") for s in sources}} for p in ids]
    return pd.DataFrame(rows, columns=["provision", "label", *sources])
