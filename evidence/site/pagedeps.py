"""What each source page depends on, as one small file per source for Sphinx.

A source page shows its source's parse and the comparison's evidence spans in it.
The comparison reads every source, so a page that depended on all raw files would be
rebuilt for every source added; instead ``build-data`` writes
``_build/evidence-pages/<source_id>.sha256``: a hash of the code and knowledge
version, the source's parse (as canonical JSON) and its spans in the comparison.
The file is rewritten only when that hash changes (``files.sync`` keeps the time of
unchanged files), and the page notes it as its dependency, so Sphinx's own
incremental build re-reads exactly the pages whose content can have changed.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from pathlib import Path

from evidence import files, paths, stamps

SUFFIX = ".sha256"
# Everything a page's rendering code reads besides its source and the comparison.
VERSION_INPUTS = ("evidence", "data/knowledge", "requirements.txt")


def deps_dir() -> Path:
    return paths.ROOT / "_build" / "evidence-pages"


def dep_path(source_id: str) -> Path:
    return deps_dir() / f"{source_id}{SUFFIX}"


# parse fields no page shows (the copy detector's MinHash arrays, whose repr is not
# a stable function of their content)
NOT_SHOWN = {"fingerprint"}


def _plain(obj):
    """JSON-able, order-stable form of a parsed source (dataclasses, dates, sets)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: _plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)
                if f.name not in NOT_SHOWN}
    if isinstance(obj, dict):
        return {str(k): _plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_plain(v) for v in obj]
    if isinstance(obj, (set, frozenset)):
        return sorted((_plain(v) for v in obj), key=repr)
    if isinstance(obj, (dt.date, dt.datetime)):
        return obj.isoformat()
    if obj is None or isinstance(obj, (str, int, float, bool)):
        return obj
    return repr(obj)


def page_digest(version: str, parsed, spans: list) -> str:
    # a span is shown once however many records cite it: the set, not the list
    body = json.dumps([version, _plain(parsed), sorted(set(spans))], sort_keys=True,
                      ensure_ascii=False, default=repr)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def write(corpus, comparison) -> list[str]:
    """Make the dependency folder hold one file per source; return those that changed."""
    from evidence.site.spans import source_spans
    version = stamps.digest(VERSION_INPUTS)
    wanted = {f"{s.source_id}{SUFFIX}":
              (page_digest(version, s, source_spans(comparison, s.source_id)
                           if comparison is not None else []) + "\n").encode()
              for s in corpus.sources}
    return files.sync(wanted, deps_dir())
