"""One generated page per source: book/sources/<source_id>.md.

A page is a stub with no article text at all, only a title made from the source id
(restricted to [A-Za-z0-9_.-], and escaped for Markdown anyway), a label for
cross-references (``{ref}`source-<id>```) and the ``{source-page}`` directive, which
renders the body from the parsed data when the book is built (``sphinx_ext``).

Writing is deterministic and incremental: a stub is only rewritten when its content
changes (Sphinx rebuilds a page whose file time changed), and stubs of sources that
are gone are removed.
"""
from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from . import paths

SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")   # = corpus.SAFE_ID
SUFFIX = ".md"


def _md_escape(text: str) -> str:
    """Backslash-escape every ASCII punctuation character (CommonMark escapes)."""
    return re.sub(r"([!-/:-@\[-`{-~])", r"\\\1", text)


def stub(source_id: str) -> str:
    """The page source for one source id."""
    if not SAFE_ID.match(source_id):
        raise ValueError(f"not a source id: {source_id!r}")
    return (f"(source-{source_id})=\n"
            f"# Source {_md_escape(source_id)}\n"
            "\n"
            f"```{{source-page}} {source_id}\n"
            "```\n")


def _write_if_changed(path: Path, content: str) -> bool:
    try:
        if path.read_text(encoding="utf-8") == content:
            return False
    except FileNotFoundError:
        pass
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(content)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def write_source_pages(corpus, comparison=None, out_dir: Path | None = None) -> list[Path]:
    """Write one stub per source of ``corpus``; remove stubs of sources no longer there.

    ``comparison`` is accepted for symmetry with the other writers; the pages read
    it at build time.  Returns the paths that were written or removed.
    """
    out_dir = Path(out_dir or paths.SOURCE_PAGES)
    out_dir.mkdir(parents=True, exist_ok=True)
    wanted = {f"{s.source_id}{SUFFIX}": stub(s.source_id)
              for s in sorted(corpus.sources, key=lambda s: s.source_id)}
    touched = []
    for name, content in wanted.items():
        if _write_if_changed(out_dir / name, content):
            touched.append(out_dir / name)
    for path in sorted(out_dir.glob(f"*{SUFFIX}")):
        if path.name not in wanted:
            path.unlink()
            touched.append(path)
    return touched
