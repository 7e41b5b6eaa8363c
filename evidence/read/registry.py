"""The source registry (data/registry.csv): what is known about each raw file.

Unknowns stay empty strings. A raw file with no row still gets an entry
(``in_registry=False``) so a new article works without editing the registry.
"""
from __future__ import annotations

import csv
import hashlib
from pathlib import Path

from evidence import paths
from evidence.model import RegistryEntry

COLUMNS = ["source_id", "outlet", "carried_by", "url", "origin", "origin_group",
           "language", "sha256", "notes", "published", "published_note"]


def load(path: Path | None = None) -> dict[str, RegistryEntry]:
    path = path or paths.REGISTRY
    if not path.exists():
        return {}
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return {r["source_id"]: RegistryEntry(**{c: (r.get(c) or "").strip() for c in COLUMNS})
            for r in rows}


def entry_for(source_id: str, registry: dict[str, RegistryEntry]) -> RegistryEntry:
    """The registry row, or an explicit 'not in registry' entry with gaps."""
    if source_id in registry:
        return registry[source_id]
    return RegistryEntry(source_id=source_id, in_registry=False,
                         notes="not in data/registry.csv: metadata inferred from the file")


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
