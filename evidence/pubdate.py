"""Publication date inference. (Placeholder: being replaced by the parsing issue.)"""
from __future__ import annotations

from .model import CleanDocument, Metadata, PubDate, RawDocument


def infer(raw: RawDocument, clean: CleanDocument, meta: Metadata) -> PubDate:
    return PubDate(None, None, None, "unknown", "", "none")


def refine_with_corpus(sources) -> set[str]:
    """Update ``pubdate`` of sources dated only relatively; return the ids changed."""
    return set()
