"""Quoted spans and speakers. (Placeholder: being replaced by the parsing issue.)"""
from __future__ import annotations

from .model import EntityMention, Quote


def find(text: str, entities: list[EntityMention]) -> list[Quote]:
    return []
