"""Headline, outlet, dateline, byline. (Placeholder: being replaced by the parsing issue.)"""
from __future__ import annotations

from .model import CleanDocument, Metadata, RawDocument, RegistryEntry


def extract(raw: RawDocument, clean: CleanDocument, entry: RegistryEntry) -> Metadata:
    first = next((line.strip() for line in clean.text.splitlines() if line.strip()), "")
    return Metadata(headline=first, outlet=entry.outlet,
                    outlet_basis="registry" if entry.outlet else "unknown")
