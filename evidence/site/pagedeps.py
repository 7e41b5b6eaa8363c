"""What each source page depends on, as one small file per source for Sphinx.

A source page shows its source's parse and the comparison's evidence spans in it.
The comparison reads every source, so a page that depended on all raw files would be
rebuilt for every source added; instead ``build-data`` writes
``_build/evidence-pages/<source_id>.sha256``: a hash of the code and knowledge
version, the source's parse (its digest, ``compare.memo.source_digest``: the parse
pickled without sharing, which depends on its values alone) and its spans in the
comparison.
The file is rewritten only when that hash changes (``files.sync`` keeps the time of
unchanged files), and the page notes it as its dependency, so Sphinx's own
incremental build re-reads exactly the pages whose content can have changed.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from evidence import files, paths, stamps
from evidence.compare import memo

SUFFIX = ".sha256"
# Everything a page's rendering code reads besides its source and the comparison.
VERSION_INPUTS = ("evidence", "data/knowledge", "requirements.txt")


def deps_dir() -> Path:
    return paths.ROOT / "_build" / "evidence-pages"


def dep_path(source_id: str) -> Path:
    return deps_dir() / f"{source_id}{SUFFIX}"


def page_digest(version: str, parsed, spans: list) -> str:
    # a span is shown once however many records cite it: the set, not the list
    body = json.dumps([version, memo.source_digest(parsed), sorted(set(spans))],
                      ensure_ascii=False)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def write(corpus, comparison) -> list[str]:
    """Make the dependency folder hold one file per source; return those that changed."""
    from evidence.site.spans import source_spans
    version = stamps.digest(VERSION_INPUTS)
    wanted = {f"{s.source_id}{SUFFIX}":
              (page_digest(version, s, source_spans(comparison, s.source_id, corpus.key)
                           if comparison is not None else []) + "\n").encode()
              for s in corpus.sources}
    return files.sync(wanted, deps_dir())
