"""Write data/processed/ — all of it, or none of it.

``render`` turns a parsed corpus into a mapping {relative path: bytes}; ``write``
puts that mapping on disk (every file written to a temporary name first, then
renamed into place; files of sources that are gone are removed); ``stale`` compares
it with what is on disk, which is how a test proves the committed outputs are
current.
"""
from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path

import pandas as pd

from evidence.publish import bibliography, facts, tables

from evidence import files, forking, paths
from evidence.read.corpus import Corpus

GENERATED_DIRS = ("clean", "figures")


def csv_bytes(df: pd.DataFrame) -> bytes:
    buf = io.StringIO()
    df.to_csv(buf, index=False, lineterminator="\n")
    return buf.getvalue().encode("utf-8")


COMPARISON_TABLES = ("events", "claims", "provisions_matrix", "discrepancies",
                     "origins", "terminology", "speakers")


def comparison_for(corpus: Corpus):
    """The cross-source comparison; for a cached corpus (``corpus.key``) it is cached
    too, under that key and the comparison code's version, so the notebooks and the
    source pages of one build share a single computation; and when it is not, the
    work that reads one source alone is remembered per source (``compare.memo``), so
    a source added to a large corpus is the only one coded again."""
    from evidence.compare import comparison as compare
    from evidence.compare import memo
    if not corpus.key:
        return compare.compare(corpus.sources)
    from evidence.read import cache
    store = cache.ParseCache(cache.default_dir(), extra_inputs=memo.code_files(),
                             kinds=("comparison",))
    found = store.get("comparison", corpus.key)
    if found is None:
        found = compare.compare(corpus.sources, remember=memo.store_at(cache.default_dir()))
        store.put("comparison", corpus.key, found)
        store.prune()
    return found


def comparison_tables(comparison) -> dict[str, pd.DataFrame]:
    return {name: getattr(comparison, name) for name in COMPARISON_TABLES}


# What the timeline figure is drawn by: a change to any of it draws it again.
FIGURE_CODE = ("charts.py", "render.py", "export.py")
INLINE, ALT = "inline.html", "alt.txt"


def timeline_outputs(corpus: Corpus, comparison) -> dict[str, bytes]:
    """The timeline drawn once: its SVG and PNG files, the inline figure the timeline
    notebook shows (``render.figure_html``) and its alt text. For a cached corpus
    (``corpus.key``) they are cached too, under that key and the comparison's and the
    figure's code, so the notebook shows what ``build-data`` drew instead of drawing
    it again; the bytes are the same either way."""
    from evidence.compare import memo
    if not corpus.key:
        return _draw_timeline(corpus, comparison)
    from evidence.read import cache
    here = Path(__file__).resolve().parent
    store = cache.ParseCache(cache.default_dir(), kinds=("timeline",), extra_inputs=(
        *memo.code_files(), *(here / name for name in FIGURE_CODE)))
    found = store.get("timeline", corpus.key)
    if not isinstance(found, dict):
        found = _draw_timeline(corpus, comparison)
        store.put("timeline", corpus.key, found)
        store.prune()
    return found


def _draw_timeline(corpus: Corpus, comparison) -> dict[str, bytes]:
    from evidence.publish import charts, render
    fig, alt = charts.timeline(comparison.events_list, corpus.sources)
    with tempfile.TemporaryDirectory() as tmp:
        stem = Path(tmp) / "timeline"
        charts.save(fig, stem)
        out = {p.name: p.read_bytes() for p in sorted(Path(tmp).iterdir())}
    out[INLINE] = render.figure_html(fig, alt).encode("utf-8")
    out[ALT] = alt.encode("utf-8")
    return out        # a Figure made without pyplot: nothing to close


def figure_files(corpus: Corpus, comparison) -> dict[str, bytes]:
    """The timeline figure as SVG and PNG bytes (deterministic)."""
    return {name: data for name, data in timeline_outputs(corpus, comparison).items()
            if name.startswith("timeline.")}


def figures_in_background(corpus: Corpus, comparison):
    """Start drawing the timeline (``figure_files``) in a forked process, which
    inherits the corpus and the comparison (``forking.in_background``), while this
    one goes on (the figure and matplotlib's import take a second or two of a build,
    on a core that is otherwise idle); return a function that gives the files."""
    return forking.in_background(figure_files, corpus, comparison)


def render(corpus: Corpus, comparison=None, figures=None) -> dict[str, bytes]:
    """Every file of data/processed/ as {relative path: bytes}; ``figures``: a
    function giving the figure files (``figures_in_background``), else they are drawn
    here."""
    comparison = comparison if comparison is not None else comparison_for(corpus)
    out: dict[str, bytes] = {}
    for source in corpus.sources:
        out[f"clean/{source.source_id}.txt"] = source.clean.text.encode("utf-8")
    for name, make in tables.PARSE_TABLES.items():
        out[f"{name}.csv"] = csv_bytes(make(corpus.sources))
    for name, df in comparison_tables(comparison).items():
        out[f"{name}.csv"] = csv_bytes(df)
    out["references.bib"] = bibliography.bibtex(corpus.sources).encode("utf-8")
    out["facts.json"] = (json.dumps(facts.compute(corpus, comparison), indent=1,
                                    sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")
    drawn = figures() if figures is not None else figure_files(corpus, comparison)
    for name, data in drawn.items():
        out[f"figures/{name}"] = data
    return out


def stale(rendered: dict[str, bytes], root: Path | None = None) -> list[str]:
    """Paths whose content on disk differs from ``rendered`` (or should not exist)."""
    return files.diff(rendered, root or paths.PROCESSED)


def write(rendered: dict[str, bytes], root: Path | None = None) -> list[str]:
    """Atomically replace changed files; return the relative paths that changed."""
    return files.sync(rendered, root or paths.PROCESSED)
