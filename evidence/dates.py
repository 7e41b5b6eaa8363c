"""Date mentions. (Placeholder: being replaced by the parsing issue.)"""
from __future__ import annotations

from .model import DateMention, PubDate


def find_dates(text: str, pub: PubDate | None) -> list[DateMention]:
    return []
