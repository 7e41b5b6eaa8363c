"""What each notebook shows, so notebooks stay a few lines long.

Every view parses the raw sources itself (``corpus.load_cached``): no notebook
depends on another having run, or on data/processed/ being current.
"""
from __future__ import annotations

import base64
import html
import io
from dataclasses import dataclass

import pandas as pd

from . import corpus, export, render, tables

# Notebooks live in notebooks/; links to source pages are relative to that folder.
FROM_DOC = "notebooks/view"


def _corpus() -> corpus.Corpus:
    loaded = corpus.load_cached()
    if loaded.problems:
        raise RuntimeError("unusable source files: " + "; ".join(loaded.problems))
    return loaded


def _comparison():
    return export.comparison_for(_corpus())


def show(df: pd.DataFrame, evidence: bool = False, link_sources: bool = False):
    """Display a table as escaped HTML; evidence offsets become links to the passage."""
    from IPython.display import HTML, display
    display(HTML(render.html_table(df, from_doc=FROM_DOC, evidence=evidence,
                                   link_sources=link_sources)))


def data_dictionary():
    """Every published table: description, CSV link and one row per column."""
    import yaml
    from IPython.display import HTML

    from . import paths
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


def figure_html(fig, alt: str) -> str:
    """An inline SVG image with alt text (no file, no outside request)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="svg", metadata={"Date": None}, bbox_inches="tight")
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    return (f'<figure class="evidence-figure"><img src="data:image/svg+xml;base64,{data}" '
            f'alt="{html.escape(alt, quote=True)}" style="max-width:100%;height:auto">'
            f"<figcaption>{html.escape(alt)}</figcaption></figure>")


def _outlets(loaded: corpus.Corpus) -> dict[str, str]:
    return {s.source_id: s.meta.outlet or "Unidentified outlet" for s in loaded.sources}


def evidence_item(span, outlets: dict[str, str], note: str = "") -> str:
    """'Outlet: “passage”' with the passage linking to its anchor on the source page."""
    from . import links
    outlet = html.escape(outlets.get(span.source_id, span.source_id)) if span else ""
    if span is None:
        return html.escape(note)
    href = links.evidence_href(span.source_id, span.start, span.end, FROM_DOC)
    return (f'<a href="{html.escape(links.source_href(span.source_id, FROM_DOC))}">{outlet}</a>: '
            f'<a class="evidence-link" href="{html.escape(href)}">“{html.escape(span.text)}”</a>')


def ledger_html(discrepancies, outlets: dict[str, str]) -> str:
    """One block per discrepancy: what differs, then each side's value and evidence."""
    blocks = []
    for d in discrepancies:
        rows = "".join(
            f"<tr><td>{html.escape(side.value)}</td>"
            f"<td>{evidence_item(side.span, outlets, side.note)}"
            f"{'<br><small>' + html.escape(side.note) + '</small>' if side.note and side.span else ''}"
            "</td></tr>" for side in d.sides)
        blocks.append(
            f'<div class="ledger-entry" id="{html.escape(d.discrepancy_id, quote=True)}">'
            f'<p><strong>{html.escape(d.subject)}</strong> '
            f'<span class="ledger-kind">{html.escape(d.kind.replace("_", " "))}</span></p>'
            '<div class="evidence-table-wrap"><table class="evidence-table">'
            '<thead><tr><th scope="col">value</th><th scope="col">evidence</th></tr></thead>'
            f"<tbody>{rows}</tbody></table></div></div>")
    return "\n".join(blocks)


def events_html(events, outlets: dict[str, str]) -> str:
    """The timeline's events: dates, kind, sources, and every attesting passage."""
    rows = []
    for e in events:
        dates = tables.iso(e.date_start) + ("" if e.date_end == e.date_start
                                            else f" to {tables.iso(e.date_end)}")
        seen, items = set(), []
        for a in e.attestations:
            key = (a.sentence.source_id, a.sentence.start, a.sentence.end)
            if key not in seen:
                seen.add(key)
                items.append(f"<li>{evidence_item(a.sentence, outlets)}</li>")
        notes = " ".join(html.escape(x) for x in (e.disagreement, e.imprecise) if x)
        rows.append(f"<tr><td>{html.escape(dates)}<br><small>{html.escape(e.precision)}</small></td>"
                    f"<td>{html.escape(e.label)}{'<br><small>' + html.escape(e.place) + '</small>' if e.place else ''}</td>"
                    f"<td><ul class=\"evidence-list\">{''.join(items)}</ul>"
                    f"{'<small>' + notes + '</small>' if notes else ''}</td></tr>")
    return ('<div class="evidence-table-wrap" tabindex="0" role="region" aria-label="events">'
            '<table class="evidence-table"><thead><tr><th scope="col">when</th>'
            '<th scope="col">event</th><th scope="col">attested by</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>')


@dataclass
class TimelineView:
    figure: object
    alt: str
    table: pd.DataFrame


def timeline() -> TimelineView:
    import matplotlib.pyplot as plt
    from IPython.display import HTML

    from . import charts
    loaded = _corpus()
    comparison = export.comparison_for(loaded)
    fig, alt = charts.timeline(comparison.events_list, loaded.sources)
    figure = HTML(figure_html(fig, alt))
    plt.close(fig)
    return TimelineView(figure=figure, alt=alt,
                        table=HTML(events_html(comparison.events_list, _outlets(loaded))))


def matrix_html(claims: pd.DataFrame, outlets: dict[str, str]) -> str:
    """Provisions x sources; each reported/contradicted cell links to its sentence."""
    from . import links
    source_ids = sorted(claims["source_id"].unique())
    head = "".join(
        f'<th scope="col"><a href="{html.escape(links.source_href(sid, FROM_DOC))}">'
        f"{html.escape(outlets.get(sid, sid))}</a>"
        f'<br><small>{html.escape(sid)}</small></th>' for sid in source_ids)
    rows = []
    for (provision, label), group in claims.groupby(["provision", "label"], sort=False):
        cells = []
        by_source = {r["source_id"]: r for r in group.to_dict("records")}
        for sid in source_ids:
            claim = by_source.get(sid)
            status = claim["status"] if claim else "not_mentioned"
            text = html.escape(status.replace("_", " "))
            if claim and status != "not_mentioned" and claim["end_char"] > claim["start_char"]:
                href = links.evidence_href(sid, int(claim["start_char"]), int(claim["end_char"]),
                                           FROM_DOC)
                text = (f'<a href="{html.escape(href)}" title="{html.escape(claim["quote"])}">'
                        f"{text}</a><br><small>“{html.escape(claim['quote'][:90])}"
                        f"{'…' if len(claim['quote']) > 90 else ''}”</small>")
            cells.append(f'<td class="status-{html.escape(status)}">{text}</td>')
        rows.append(f'<tr><th scope="row">{html.escape(label)}</th>{"".join(cells)}</tr>')
    return ('<div class="evidence-table-wrap" tabindex="0" role="region" '
            'aria-label="provisions by source"><table class="evidence-table provisions-matrix">'
            f'<thead><tr><th scope="col">provision</th>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>')


@dataclass
class ProvisionsView:
    matrix: object
    claims: pd.DataFrame


def provisions() -> ProvisionsView:
    from IPython.display import HTML
    loaded = _corpus()
    comparison = export.comparison_for(loaded)
    return ProvisionsView(matrix=HTML(matrix_html(comparison.claims, _outlets(loaded))),
                          claims=comparison.claims)


@dataclass
class LedgerView:
    table: object


def discrepancies() -> LedgerView:
    from IPython.display import HTML
    loaded = _corpus()
    comparison = export.comparison_for(loaded)
    return LedgerView(table=HTML(ledger_html(comparison.discrepancies_list, _outlets(loaded))))


@dataclass
class PerspectiveView:
    origins: pd.DataFrame
    terminology: pd.DataFrame
    speakers: pd.DataFrame


def perspective() -> PerspectiveView:
    comparison = _comparison()
    return PerspectiveView(origins=comparison.origins, terminology=comparison.terminology,
                           speakers=comparison.speakers)
