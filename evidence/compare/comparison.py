"""The cross-source comparison in one call: ``compare(sources)``.

Notebooks and the exporter both use it, so a page and its CSV never disagree. Wherever
a table counts sources, a republished copy counts once (``read.copies``). What reads
one source alone may be remembered between builds (``memo``); the rest is computed.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from evidence.compare import discrepancies as discrepancies_mod
from evidence.compare import events as events_mod
from evidence.compare import memo
from evidence.compare import perspective
from evidence.compare import provisions as provisions_mod
from evidence.compare.ledger import Discrepancy
from evidence.model import ParsedSource
from evidence.read import copies


@dataclass
class Comparison:
    events_list: list[events_mod.Event]
    claims_list: list[provisions_mod.Claim]
    discrepancies_list: list[Discrepancy]
    events: pd.DataFrame
    claims: pd.DataFrame
    provisions_matrix: pd.DataFrame
    discrepancies: pd.DataFrame
    origins: pd.DataFrame
    terminology: pd.DataFrame
    speakers: pd.DataFrame


def compare(sources: list[ParsedSource], remember=None) -> Comparison:
    """``remember``: a ``memo.store_at`` store in which the per-source work is looked
    up and kept (None: everything computed); the result is the same either way."""
    with memo.session(sources, remember):
        events = events_mod.build(sources)
        claims = provisions_mod.code(sources)
        found = discrepancies_mod.find(sources, events, claims)
        terminology = perspective.terminology(sources)
    original_of = copies.originals(sources)
    return Comparison(
        events_list=events, claims_list=claims, discrepancies_list=found,
        events=events_mod.table(events, original_of),
        claims=provisions_mod.table(claims),
        provisions_matrix=provisions_mod.matrix(claims),
        discrepancies=discrepancies_mod.table(found, original_of),
        origins=perspective.origins(sources, events, claims),
        terminology=terminology, speakers=perspective.speakers(sources))
