"""Named facts for the prose (data/processed/facts.json), inserted with {fact}`key`.

Every number or date a chapter states about the data comes from here, so the
prose changes when the data does.
"""
from __future__ import annotations

from .corpus import Corpus


def compute(corpus: Corpus, comparison) -> dict[str, str]:
    sources = corpus.sources
    outlets = {s.meta.outlet for s in sources if s.meta.outlet}
    facts = {
        "n_sources": str(len(sources)),
        "n_outlets_identified": str(len(outlets)),
        "n_outlets_unidentified": str(sum(1 for s in sources if not s.meta.outlet)),
        "n_quotes": str(sum(len(s.quotes) for s in sources)),
        "n_date_mentions": str(sum(len(s.dates) for s in sources)),
        "n_removed_lines": str(sum(len(s.clean.removed) for s in sources)),
    }
    return facts
