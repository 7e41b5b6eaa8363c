"""Formatted bibliography entries remembered between builds.

sphinxcontrib-bibtex formats every entry of the bibliography (``:all:``: one per
source) with pybtex each time the environment is updated, twice (the entry and its
tooltip), whatever changed: at a thousand sources about 6 s of the main process for one
source added. The text pybtex's ``BaseStyle.format_entry(label, entry)`` makes depends
only on the style and the entry's type, key, fields and persons (the label is not
passed to the template, only set on the result: a numbered style renumbers every entry
after a new one), so the text is kept under exactly those, in the build's ``cache``
folder (with the versions of pybtex and sphinxcontrib-bibtex: another version formats
anew), and the entry is returned with its label of this build; a new or edited entry
is formatted as before. Only the entries used by the last build are kept. The
formatted text is read, never modified, by sphinxcontrib-bibtex.
"""
from __future__ import annotations

import pickle
from importlib import metadata
from pathlib import Path

from evidence import files

FILE = "bibtex-formatted.pickle"
_STATE: dict = {"memo": None, "used": {}, "loaded": set(), "path": None}


def _versions() -> tuple[str, str]:
    return metadata.version("pybtex"), metadata.version("sphinxcontrib-bibtex")


def key(style, entry) -> tuple:
    """Everything a style's formatting of one entry's text reads."""
    persons = tuple((role, tuple(str(p) for p in people))
                    for role, people in entry.persons.items())
    return (type(style).__module__, type(style).__qualname__, entry.type, entry.key,
            tuple(entry.fields.items()), persons)


def load(path: Path) -> None:
    """Start remembering in ``path``: read what the last build formatted (nothing if
    unreadable)."""
    memo: dict = {}
    try:
        versions, found = pickle.loads(path.read_bytes())
        if versions == _versions() and isinstance(found, dict):
            memo = found
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError):
        pass
    _STATE.update(memo=memo, used={}, loaded=set(memo), path=path)


def save() -> None:
    """Keep the entries this build used, when they are not those it found."""
    used, path = _STATE["used"], _STATE["path"]
    if used and path is not None and set(used) != _STATE["loaded"]:
        path.parent.mkdir(parents=True, exist_ok=True)
        files.write_atomic(path, pickle.dumps((_versions(), used), protocol=5))


def remembering(format_entry):
    """Wrap ``BaseStyle.format_entry``: the text formatted for the same key is reused."""
    from pybtex.style import FormattedEntry

    def wrapper(self, label, entry, bib_data=None):
        memo = _STATE["memo"]
        if memo is None or bib_data is not None:
            return format_entry(self, label, entry, bib_data)
        k = key(self, entry)
        text = memo.get(k)
        if text is None:
            text = memo[k] = format_entry(self, label, entry, bib_data).text
        _STATE["used"][k] = text
        return FormattedEntry(entry.key, text, label)
    wrapper.evidence_remembering = True
    wrapper.__wrapped__ = format_entry
    return wrapper


def remember_plugins() -> None:
    """pybtex finds a plugin (a citation or label style, a backend) by reading every
    installed distribution's entry points, each time: sphinxcontrib-bibtex asks at each
    citation it resolves, about 5 ms a time (a second of a one-source build at a
    thousand sources, in the main process). What is installed does not change during a
    build: each answer is remembered (a plugin not found is looked up again)."""
    from functools import lru_cache

    from pybtex import plugin
    if not hasattr(plugin._load_entry_point, "cache_info"):
        plugin._load_entry_point = lru_cache(maxsize=None)(plugin._load_entry_point)


def install() -> None:
    """Wrap pybtex's formatting and plugin lookup once per process."""
    from pybtex.style.formatting import BaseStyle
    if not getattr(BaseStyle.format_entry, "evidence_remembering", False):
        BaseStyle.format_entry = remembering(BaseStyle.format_entry)
    remember_plugins()
