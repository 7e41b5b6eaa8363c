"""Remove page furniture. (Placeholder: being replaced by the parsing issue.)"""
from __future__ import annotations

from .model import CleanDocument, RawDocument


def clean(raw: RawDocument) -> CleanDocument:
    return CleanDocument(text=raw.text.strip() + "\n")
