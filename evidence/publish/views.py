"""What each notebook shows, so notebooks stay a few lines long.

Every view parses the raw sources itself (``corpus.load_cached``): no notebook
depends on another having run, or on data/processed/ being current.
"""
from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd

from evidence.read import corpus

# Notebooks live in notebooks/; links to source pages are relative to that folder.

from evidence.publish import caps, export, render, tables

# Notebooks live in notebooks/; links to source pages are relative to that folder.
FROM_DOC = "notebooks/view"


def _corpus() -> corpus.Corpus:
    loaded = corpus.load_cached()
    if loaded.problems:
        raise RuntimeError("unusable source files: " + "; ".join(loaded.problems))
    return loaded


def _comparison():
    return export.comparison_for(_corpus())


def show(df: pd.DataFrame, csv: str, evidence: bool = False, link_sources: bool = False):
    """Display a table as escaped HTML; evidence offsets become links to the passage.
    At most ``caps.ROWS`` rows, after a note linking the complete table, the published
    ``<csv>.csv``."""
    from IPython.display import HTML, display
    display(HTML(render.html_table(df, from_doc=FROM_DOC, evidence=evidence,
                                   link_sources=link_sources, limit=caps.ROWS, csv=csv)))


def data_dictionary():
    """Every published table: description, CSV link and one row per column."""
    import yaml
    from IPython.display import HTML

    from evidence import paths
    specs: dict[str, dict] = {}
    for path in sorted((paths.DATA / "dictionary").glob("*.yml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        merged = specs.setdefault(spec["table"], {"description": [], "columns": {}})
        merged["description"].append(spec["description"].strip())
        merged["columns"].update(spec["columns"])
    parts = []
    for table, spec in sorted(specs.items()):
        columns = pd.DataFrame(sorted(spec["columns"].items()), columns=["column", "meaning"])
        name = html.escape(table)
        # data/processed/ is published at the site's data/ (evidence.cli.publish_data).
        parts.append(f'<section class="data-table"><h3 id="table-{name}">{name}.csv</h3>'
                     f'<p>{html.escape(" ".join(spec["description"]))} '
                     f'<a href="../data/{name}.csv" download>Download {name}.csv</a></p>'
                     + render.html_table(columns, from_doc="book/data") + "</section>")
    return HTML("\n".join(parts))


@dataclass
class SourcesView:
    table: pd.DataFrame
    pubdates: pd.DataFrame
    date_mentions: pd.DataFrame
    quotes: pd.DataFrame
    furniture: pd.DataFrame


def sources() -> SourcesView:
    parsed = _corpus().sources
    table = tables.sources(parsed)
    pub_cols = ["source_id", "outlet", "published", "published_precision", "published_earliest",
                "published_latest", "published_method", "published_evidence", "published_flags"]
    overview = ["source_id", "outlet", "origin", "headline", "published", "dateline",
                "n_words_clean", "n_removed_lines", "n_date_mentions", "n_quotes"]
    return SourcesView(table=table[overview], pubdates=table[pub_cols],
                       date_mentions=tables.date_mentions(parsed),
                       quotes=tables.quotes(parsed), furniture=tables.furniture(parsed))


def _outlets(loaded: corpus.Corpus) -> dict[str, str]:
    return {s.source_id: s.meta.outlet or "Unidentified outlet" for s in loaded.sources}


@dataclass
class TimelineView:
    figure: object
    alt: str
    table: pd.DataFrame


def timeline() -> TimelineView:
    """The figure as ``build-data`` drew it (``export.timeline_outputs``: drawn here
    only when it did not), and the table of every event."""
    from IPython.display import HTML
    loaded = _corpus()
    comparison = export.comparison_for(loaded)
    drawn = export.timeline_outputs(loaded, comparison)
    figure = HTML(drawn[export.INLINE].decode("utf-8"))
    return TimelineView(figure=figure, alt=drawn[export.ALT].decode("utf-8"),
                        table=HTML(render.events_html(comparison.events_list, _outlets(loaded), FROM_DOC)))


@dataclass
class ProvisionsView:
    matrix: object
    claims: pd.DataFrame


def provisions() -> ProvisionsView:
    from IPython.display import HTML
    loaded = _corpus()
    comparison = export.comparison_for(loaded)
    return ProvisionsView(matrix=HTML(render.matrix_html(comparison.claims, _outlets(loaded), FROM_DOC)),
                          claims=comparison.claims)


@dataclass
class LedgerView:
    table: object


def discrepancies() -> LedgerView:
    from IPython.display import HTML
    loaded = _corpus()
    comparison = export.comparison_for(loaded)
    return LedgerView(table=HTML(render.ledger_html(comparison.discrepancies_list, _outlets(loaded), FROM_DOC)))


@dataclass
class PerspectiveView:
    origins: pd.DataFrame
    terminology: pd.DataFrame
    speakers: pd.DataFrame


def perspective() -> PerspectiveView:
    comparison = _comparison()
    return PerspectiveView(origins=comparison.origins, terminology=comparison.terminology,
                           speakers=comparison.speakers)
