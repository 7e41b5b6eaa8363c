"""The ledger's rows: a discrepancy, its sides, and the attribute codebook the finders
read. A ``Discrepancy`` is one place where sources disagree (``across_sources``) or a
source disagrees with itself (``within_source``); each ``Side`` is what one source says,
with its verbatim evidence. The attributes compared and their extraction patterns are in
``data/knowledge/attributes.yml``."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from evidence import text as textutil
from evidence.compare.spans import Span, compile_all


ATTRIBUTES = "attributes.yml"
ACROSS, WITHIN = "across_sources", "within_source"


@dataclass(frozen=True)
class Side:
    """One side of a discrepancy: what one source says, and where."""
    source_id: str
    value: str
    span: Span | None = None      # None: evidence outside the clean text (see note)
    note: str = ""

    def cite(self) -> str:
        where = self.span.cite() if self.span else f"{self.source_id} {self.note}"
        return f"[{self.value}] {where}"


@dataclass
class Discrepancy:
    kind: str
    subject: str
    scope: str                      # across_sources | within_source
    sides: list[Side] = field(default_factory=list)
    event_id: str = ""
    discrepancy_id: str = ""

    @property
    def source_ids(self) -> list[str]:
        return sorted({s.source_id for s in self.sides})

    def values(self) -> str:
        grouped: dict[str, set[str]] = {}
        for s in self.sides:
            grouped.setdefault(s.value, set()).add(s.source_id)
        return "; ".join(f"{v} ({', '.join(sorted(ids))})" for v, ids in grouped.items())


@lru_cache(maxsize=1)
def attributes() -> dict:
    book = dict(textutil.knowledge(ATTRIBUTES))
    for key in ("duration", "round_number"):
        book[key] = {**book[key], "compiled": compile_all(book[key]["patterns"])}
    book["named"] = [{**n, "compiled": compile_all(n["patterns"])} for n in book["named"]]
    return book
