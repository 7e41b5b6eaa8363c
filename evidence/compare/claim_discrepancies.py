"""Discrepancies in coded claims: a provision reported differently, or reported and denied.
Claims come from ``provisions``; keyed particulars ("date=", "place=") are compared key
by key and the rest of the wording as a whole. A provision one source reports and
another contradicts, or a source that reports and denies it, is listed too."""
from __future__ import annotations

from collections import defaultdict

from evidence.compare.ledger import ACROSS, WITHIN, Discrepancy, Side
from evidence.compare.provisions import Claim


def claim_details(claims: list[Claim]) -> list[Discrepancy]:
    """Sources reporting a provision with different particulars: keyed parts
    ("date=", "place=") compared key by key, the rest (the wording) as a whole."""
    found = []
    by_provision = defaultdict(list)
    for c in claims:
        if c.status == "reported" and c.detail:
            by_provision[c.provision].append(c)
    for provision, items in sorted(by_provision.items()):
        facets = defaultdict(dict)
        for c in items:
            parts = c.detail.split("; ")
            for part in parts:
                if "=" in part:
                    key, value = part.split("=", 1)
                    facets[key].setdefault(c.source_id, set()).add(value)
            wording = [p for p in parts if "=" not in p]
            if wording:
                facets["wording"][c.source_id] = {", ".join(wording)}
        for facet, values in sorted(facets.items()):
            if len(values) > 1 and len({frozenset(v) for v in values.values()}) > 1:
                sides = [Side(c.source_id, ", ".join(sorted(values[c.source_id])), c.quote)
                         for c in items if c.source_id in values]
                found.append(Discrepancy("provision_detail", f"{items[0].label}: {facet}",
                                         ACROSS, sides))
    return found


def claim_conflicts(claims: list[Claim]) -> list[Discrepancy]:
    found = []
    by_provision = defaultdict(list)
    for c in claims:
        by_provision[c.provision].append(c)
        if c.conflicting is not None:
            found.append(Discrepancy("self_contradiction", f"{c.label}: reported and denied",
                                     WITHIN, [Side(c.source_id, "reported", c.quote),
                                              Side(c.source_id, "contradicted",
                                                   c.conflicting)]))
    for provision, items in sorted(by_provision.items()):
        if {"reported", "contradicted"} <= {c.status for c in items}:
            found.append(Discrepancy("provision_status", f"{items[0].label}: agreed or not",
                                     ACROSS, [Side(c.source_id, c.status, c.quote)
                                              for c in items if c.quote]))
    return found
