"""One generated page per source: book/sources/<source_id>.md.

A page is a stub with no article text at all: an ``orphan`` mark (source pages are
reached from the index of sources, not from the navigation, so the navigation every
page carries does not grow with the number of sources), a label for cross-references
(``{ref}`source-<id>```) and the ``{source-page}`` directive, which renders the whole
page, title included (outlet, headline, date), from the data when the book is built
(``evidence.site.source_pages``).  The id is restricted to [A-Za-z0-9_.-].

Writing is deterministic and incremental: a stub is only rewritten when its content
changes (Sphinx rebuilds a page whose file time changed), and stubs of sources that
are gone are removed.
"""
from __future__ import annotations

from pathlib import Path

from evidence import files, paths

SUFFIX = ".md"


def stub(source_id: str) -> str:
    """The page source for one source id."""
    if not paths.SOURCE_ID.match(source_id):
        raise ValueError(f"not a source id: {source_id!r}")
    return ("---\n"
            "orphan: true\n"
            "---\n"
            "\n"
            f"(source-{source_id})=\n"
            f"```{{source-page}} {source_id}\n"
            "```\n")


def write_source_pages(corpus, comparison=None, out_dir: Path | None = None) -> list[Path]:
    """Write one stub per source of ``corpus``; remove stubs of sources no longer there.

    ``comparison`` is accepted for symmetry with the other writers; the pages read
    it at build time.  Returns the paths that were written or removed.
    """
    out_dir = Path(out_dir or paths.SOURCE_PAGES)
    out_dir.mkdir(parents=True, exist_ok=True)
    wanted = {f"{s.source_id}{SUFFIX}": stub(s.source_id)
              for s in sorted(corpus.sources, key=lambda s: s.source_id)}
    changed = files.sync({name: content.encode("utf-8") for name, content in wanted.items()},
                         out_dir)
    return [out_dir / name for name in changed]
