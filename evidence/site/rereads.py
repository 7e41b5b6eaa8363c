"""Which hand-written pages are re-read, and their notebooks re-executed, when the data changed.

Chapters and notebooks read the data through roles, directives and notebook code, so
when anything under ``data/`` changes each of them is marked for re-reading (a newer
file time is how Sphinx knows; the content is untouched) and its notebook executed
again, unless its front matter names the only data it reads::

    ---
    evidence_reads: [data/dictionary]
    ---

Such a page is re-read only when the files under those paths changed since the last
successful site build (their digests are kept in a stamp, ``state``). A page without
the key is re-read on every change of the data: the safe default. Source pages are left
to their own dependency files (``pagedeps``).
"""
from __future__ import annotations

import os
from pathlib import Path

import yaml

from evidence import paths, stamps

KEY = "evidence_reads"
SUFFIXES = (".md", ".ipynb")


def pages(root: Path, folders: tuple[str, ...]) -> list[Path]:
    """The hand-written pages under ``folders`` (generated source pages left out)."""
    generated = root / paths.SOURCE_PAGES.relative_to(paths.ROOT)
    return [path for name in folders for path in sorted((root / name).rglob("*"))
            if path.suffix in SUFFIXES and generated not in path.parents]


def declared(path: Path) -> tuple[str, ...] | None:
    """The data paths a page's front matter says it reads (None: not declared)."""
    if path.suffix != ".md":
        return None
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        return None
    end = text.find("\n---", 4)
    if end < 0:
        return None
    try:
        matter = yaml.safe_load(text[4:end]) or {}
    except yaml.YAMLError:
        return None
    reads = matter.get(KEY) if isinstance(matter, dict) else None
    if not isinstance(reads, list) or not all(isinstance(r, str) for r in reads):
        return None
    return tuple(reads)


def state(root: Path, folders: tuple[str, ...]) -> dict[str, str]:
    """Page (relative path) -> digest of the data it declares it reads, for the pages
    that declare it."""
    out = {}
    for path in pages(root, folders):
        reads = declared(path)
        if reads is not None:
            out[path.relative_to(root).as_posix()] = stamps.digest(reads, root)
    return out


def mark_readers(root: Path, folders: tuple[str, ...],
                 previous: dict[str, str] | None) -> list[str]:
    """Renew the file time of every page that may read changed data (all that do not
    declare their reads; those that do when their digest differs from ``previous``);
    return the pages marked, relative to ``root``."""
    now = state(root, folders)
    marked = []
    for path in pages(root, folders):
        rel = path.relative_to(root).as_posix()
        if rel in now and previous is not None and previous.get(rel) == now[rel]:
            continue
        os.utime(path)
        marked.append(rel)
    return marked
