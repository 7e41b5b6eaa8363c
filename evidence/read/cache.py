"""On-disk cache of parsed sources, so a build re-parses only what changed.

A source's parse is stored under a key made of the parser version (a hash of the
code of ``evidence.read`` and the bottom modules it uses, every file of
``data/knowledge/``, the dependency lock and the Python version), the file's name and
sha256 and its registry row: any change to one of those is a miss, so a cached parse
is always the parse the code would make now. The stored value is the parse as it
left the parser, pickled before the corpus pass touches it; the corpus pass itself
(which depends on every source) is cached as a whole under the keys of all sources.
Entries of other parser versions are removed as soon as a new version is seen.
The cache lives under ``_build/`` (never committed); a damaged or unreadable entry
is a miss, and a cache that cannot be written only costs time.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sys
from pathlib import Path

from evidence import files, paths

# Bottom modules the parsers import (besides their own package).
BOTTOM_MODULES = ("__init__.py", "model.py", "paths.py", "text.py", "files.py")
PICKLE_PROTOCOL = 5


def default_dir() -> Path:
    return paths.ROOT / "_build" / "cache"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def version_inputs() -> list[Path]:
    """Every file whose change may change a parse."""
    package = Path(__file__).resolve().parent.parent
    found = sorted((package / "read").glob("*.py"))
    found += [package / name for name in BOTTOM_MODULES if (package / name).is_file()]
    if paths.KNOWLEDGE.is_dir():
        found += sorted(p for p in paths.KNOWLEDGE.rglob("*") if p.is_file())
    lock = paths.ROOT / "requirements.txt"
    return found + ([lock] if lock.is_file() else [])


def parser_version(extra_inputs: tuple[Path, ...] = ()) -> str:
    digest = hashlib.sha256(sys.version.encode())
    for path in [*version_inputs(), *extra_inputs]:
        digest.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


class ParseCache:
    """Cached parses of one parser version in ``root`` (``parse/`` and ``corpus/``).

    ``extra_inputs``: more code whose change must be a miss, for a later stage that
    caches what it computes (a folder of its own, ``kinds``). ``per_source``: the
    kinds holding one entry per source (all kept while current), the others one per
    whole corpus (only the newest few kept)."""

    def __init__(self, root: Path, extra_inputs: tuple[Path, ...] = (),
                 kinds: tuple[str, ...] = ("parse", "corpus"),
                 per_source: tuple[str, ...] = ("parse",)):
        self.root = Path(root)
        self.version = parser_version(tuple(extra_inputs))
        self.kinds = kinds
        self.per_source = per_source

    def source_key(self, path: Path, entry) -> str:
        try:
            content = _sha(path.read_bytes())
        except OSError:
            content = "unreadable"
        return _sha(f"{self.version}\0{path.name}\0{content}\0{entry!r}".encode())

    def corpus_key(self, source_keys: list[str], extra: str) -> str:
        return _sha("\0".join([self.version, extra, *source_keys]).encode())

    def _path(self, kind: str, key: str) -> Path:
        return self.root / kind / f"{self.version}-{key}.pickle"

    def get(self, kind: str, key: str):
        """The unpickled entry, or None on a miss (absent, damaged or unreadable)."""
        try:
            data = self._path(kind, key).read_bytes()
        except OSError:
            return None
        try:
            return pickle.loads(data)
        except Exception:   # a damaged entry is a miss, rebuilt below
            return None

    def put_bytes(self, kind: str, key: str, data: bytes) -> None:
        try:
            files.write_atomic(self._path(kind, key), data)
        except OSError:
            pass

    def put(self, kind: str, key: str, value) -> None:
        self.put_bytes(kind, key, dumps(value))

    def touch(self, kind: str, keys) -> None:
        """Mark entries as just used (``prune`` keeps the most recently used)."""
        for key in keys:
            try:
                os.utime(self._path(kind, key))
            except OSError:
                pass

    def prune(self, keep_corpora: int = 4, keep_sources: int | None = None) -> None:
        """Drop entries of other versions, all but the newest whole-corpus ones and,
        with ``keep_sources``, all but that many most recently used per-source ones."""
        for kind in self.kinds:
            folder = self.root / kind
            if not folder.is_dir():
                continue
            entries = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime_ns)
            stale = [p for p in entries if not p.name.startswith(self.version + "-")]
            current = [p for p in entries if p not in stale]
            if kind not in self.per_source:
                stale += current[:-keep_corpora]
            elif keep_sources is not None and len(current) > keep_sources:
                stale += current[:len(current) - keep_sources]
            for path in stale:
                try:
                    os.unlink(path)
                except OSError:
                    pass


def dumps(value) -> bytes:
    return pickle.dumps(value, protocol=PICKLE_PROTOCOL)
