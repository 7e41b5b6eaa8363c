"""What the Sphinx extension reads: clean texts, facts and the parsed evidence.

Files are read once per change (keyed by modification time and size), so a long build
does not re-read a source's clean text for every quotation of it; the parsed corpus and
its cross-source comparison are loaded once per process, by ``evidence_loader`` when the
configuration names one (the tests' tiny books do).  ``env_store`` is the extension's
per-build state kept on the Sphinx environment (it is pickled with it).
"""
from __future__ import annotations

import importlib
import json
import re
from functools import lru_cache
from pathlib import Path

from evidence import paths

SAFE_ID = paths.SOURCE_ID


def clean_text_path(source_id: str) -> Path:
    return paths.PROCESSED / "clean" / f"{source_id}.txt"


def facts_path() -> Path:
    return paths.PROCESSED / "facts.json"


def _stamp(path: Path):
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return (st.st_mtime_ns, st.st_size)


@lru_cache(maxsize=256)
def _read_text(path: str, stamp) -> str | None:
    if stamp is None:
        return None
    with open(path, encoding="utf-8", newline="") as fh:   # offsets count every char
        return fh.read()


def read_clean_text(source_id: str) -> str | None:
    """The processed clean text of a source, or None when there is none."""
    if not SAFE_ID.match(source_id):
        return None
    path = clean_text_path(source_id)
    return _read_text(str(path), _stamp(path))


def read_facts() -> dict:
    text = _read_text(str(facts_path()), _stamp(facts_path()))
    if text is None:
        return {}
    facts = json.loads(text)
    if not isinstance(facts, dict):
        raise ValueError(f"{facts_path()} must hold a JSON object")
    return facts


def locate_quote(clean: str, text: str) -> tuple[int, int] | None:
    """Offsets of the first verbatim occurrence of ``text`` in ``clean``.

    MyST turns each line break inside role content into a space, and a wrapped line
    may keep its indentation, so a run of spaces in the role content may stand for a
    single space of the source; nothing else is loosened.
    """
    for candidate in dict.fromkeys((text, re.sub(r" {2,}", " ", text))):
        if candidate:
            at = clean.find(candidate)
            if at >= 0:
                return at, at + len(candidate)
    return None


def default_loader():
    """The parsed corpus and its comparison (``evidence_loader`` can replace this)."""
    from evidence.publish import export
    from evidence.read import corpus as corpus_mod
    loaded = corpus_mod.load_cached()
    return loaded, export.comparison_for(loaded)


@lru_cache(maxsize=4)
def load_evidence(loader: str = ""):
    """(corpus, comparison), once per process; ``loader`` is "module:function"."""
    if not loader:
        return default_loader()
    module, _, func = loader.partition(":")
    return getattr(importlib.import_module(module), func)()


def env_store(env, name: str) -> dict:
    """A dict attribute of the Sphinx environment, created on first use."""
    if not hasattr(env, name):
        setattr(env, name, {})
    return getattr(env, name)
