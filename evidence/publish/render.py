"""HTML tables for notebook outputs (shown with ``IPython.display.HTML``).

Every cell is escaped: source-derived strings are data, never markup.  The only links
are to our own source pages and evidence anchors (``links``), so a table can point a
reader from a row to the passage it comes from.
"""
from __future__ import annotations

import base64
import html
import io
import math

from evidence.publish import caps, links
from evidence.model import iso

# Columns that name a source, and the offsets that make a row a piece of evidence.
SOURCE_COLUMN = "source_id"
SOURCE_LIST_COLUMN = "source_ids"          # several ids separated by ";"
OFFSET_COLUMNS = (("start_char", "end_char"), ("start", "end"))
# With ``evidence=True`` the first of these columns present carries the link.
EVIDENCE_TEXT_COLUMNS = ("quote", "text", "evidence", "surface", "label")


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    try:
        import pandas as pd
        if value is pd.NA or value is pd.NaT:
            return ""
    except ImportError:   # pragma: no cover - pandas is a requirement
        pass
    return str(value)


def _link(href: str, text: str, title: str = "") -> str:
    title_attr = f' title="{html.escape(title, quote=True)}"' if title else ""
    return (f'<a class="reference internal" href="{html.escape(href, quote=True)}"'
            f"{title_attr}>{html.escape(text)}</a>")


def _source_links(value: str, from_doc: str) -> str:
    """One id or several separated by ";": each becomes a link to its page."""
    parts = []
    for sid in (p.strip() for p in value.split(";")):
        if not sid:
            continue
        try:
            parts.append(_link(links.source_href(sid, from_doc), sid))
        except ValueError:          # not a source id: show it as text
            parts.append(html.escape(sid))
    return "; ".join(parts)


def _evidence_link(row: dict, spec, text: str, from_doc: str) -> str | None:
    source_col, start_col, end_col = spec
    sid, start, end = _text(row.get(source_col)), links.as_offset(row.get(start_col)), \
        links.as_offset(row.get(end_col))
    if not sid or start is None or end is None or end <= start:
        return None
    try:
        href = links.evidence_href(sid, start, end, from_doc)
    except ValueError:
        return None
    return _link(href, text or f"{start}–{end}", f"{sid}, characters {start}–{end}")


def default_link_columns(columns, evidence: bool, link_sources: bool) -> dict:
    """Which cells become links, from the usual column names of data/processed/."""
    spec: dict = {}
    columns = list(columns)
    if link_sources:
        for col in (SOURCE_COLUMN, SOURCE_LIST_COLUMN):
            if col in columns:
                spec[col] = col
    if evidence and SOURCE_COLUMN in columns:
        offsets = next(((s, e) for s, e in OFFSET_COLUMNS if s in columns and e in columns),
                       None)
        target = next((c for c in EVIDENCE_TEXT_COLUMNS if c in columns), None)
        if offsets:
            spec[target or offsets[0]] = (SOURCE_COLUMN, *offsets)
    return spec


def html_table(df, from_doc: str, link_columns: dict | None = None, evidence: bool = False,
               link_sources: bool = False, caption: str = "", limit: int | None = None,
               csv: str = "") -> str:
    """An escaped HTML table in a container that scrolls sideways on narrow screens.

    With ``limit``, only the first ``limit`` rows are shown, after a note that says so
    and links the complete table ``csv`` (``caps.note``).

    ``link_columns`` maps a column to either the name of a source-id column (the cell
    links to that source's page; ";"-separated ids link each) or a tuple
    ``(source_col, start_col, end_col)`` (the cell links to that evidence span).
    Without it, ``evidence`` and ``link_sources`` pick links from the usual columns.
    ``from_doc`` is the docname of the page showing the table (see ``links``).
    """
    links.doc_href(from_doc, from_doc)          # fail early on a bad docname
    spec = dict(link_columns) if link_columns is not None else \
        default_link_columns(df.columns, evidence, link_sources)
    columns = [str(c) for c in df.columns]
    for col in spec:
        if col not in columns:
            raise KeyError(f"link column {col!r} is not in the table")
    total = len(df)
    if limit is not None and total > limit:
        df = df.head(limit)
    out = [caps.note(len(df), total, "rows", csv, from_doc, "the first, in the table's order")]
    out += ['<div class="evidence-table-wrap" tabindex="0" role="region"'
            f' aria-label="{html.escape(caption or "table", quote=True)}">',
            '<table class="evidence-table">']
    if caption:
        out.append(f"<caption>{html.escape(caption)}</caption>")
    out.append("<thead><tr>" + "".join(f'<th scope="col">{html.escape(c)}</th>'
                                      for c in columns) + "</tr></thead>")
    out.append("<tbody>")
    for record in df.to_dict("records"):
        row = {str(k): v for k, v in record.items()}
        cells = []
        for col in columns:
            text = _text(row[col])
            how = spec.get(col)
            cell = None
            if isinstance(how, str):
                cell = _source_links(_text(row.get(how)), from_doc) if how == col \
                    else _evidence_source_link(row, how, text, from_doc)
            elif how is not None:
                cell = _evidence_link(row, how, text, from_doc)
            cells.append(f"<td>{cell if cell is not None else html.escape(text)}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table></div>")
    return "\n".join(part for part in out if part)


def _evidence_source_link(row: dict, source_col: str, text: str, from_doc: str) -> str | None:
    """A cell linked to the page of the source named in another column."""
    sid = _text(row.get(source_col))
    try:
        return _link(links.source_href(sid, from_doc), text or sid)
    except ValueError:
        return None


# ------------------------------------------------------------- richer notebook views

# Salt of the SVG's element ids: without one, matplotlib draws fresh random ids on every
# run, and the page holding the figure would change with every build.
SVG_HASHSALT = "evidence-inline-figure"


def figure_html(fig, alt: str) -> str:
    """An inline SVG image with alt text (no file, no outside request), the same bytes
    for the same figure."""
    import matplotlib
    buf = io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": SVG_HASHSALT}):
        fig.savefig(buf, format="svg", metadata={"Date": None}, bbox_inches="tight")
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    return (f'<figure class="evidence-figure"><img src="data:image/svg+xml;base64,{data}" '
            f'alt="{html.escape(alt, quote=True)}" style="max-width:100%;height:auto">'
            f"<figcaption>{html.escape(alt)}</figcaption></figure>")


def matrix_html(claims, outlets: dict[str, str], from_doc: str, limit: int = caps.SOURCES,
                csv: str = "provisions_matrix") -> str:
    """Provisions x sources; each reported/contradicted cell links to its sentence.
    At most ``limit`` source columns (``caps.matrix_sources``), after a note."""
    total = claims["source_id"].nunique()
    source_ids = caps.matrix_sources(claims, limit)
    cap = caps.note(len(source_ids), total, "sources", csv, from_doc,
                    "those reporting or contradicting the most provisions")
    head = "".join(
        f'<th scope="col"><a href="{html.escape(links.source_href(sid, from_doc))}">'
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
                                           from_doc)
                text = (f'<a href="{html.escape(href)}" title="{html.escape(claim["quote"])}">'
                        f"{text}</a><br><small>“{html.escape(claim['quote'][:90])}"
                        f"{'…' if len(claim['quote']) > 90 else ''}”</small>")
            cells.append(f'<td class="status-{html.escape(status)}">{text}</td>')
        rows.append(f'<tr><th scope="row">{html.escape(label)}</th>{"".join(cells)}</tr>')
    return (f'{cap}<div class="evidence-table-wrap" tabindex="0" role="region" '
            'aria-label="provisions by source"><table class="evidence-table provisions-matrix">'
            f'<thead><tr><th scope="col">provision</th>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>')


def evidence_item(span, outlets: dict[str, str], from_doc: str, note: str = "") -> str:
    """'Outlet: “passage”' with the passage linking to its anchor on the source page."""
    outlet = html.escape(outlets.get(span.source_id, span.source_id)) if span else ""
    if span is None:
        return html.escape(note)
    href = links.evidence_href(span.source_id, span.start, span.end, from_doc)
    return (f'<a href="{html.escape(links.source_href(span.source_id, from_doc))}">{outlet}</a>: '
            f'<a class="evidence-link" href="{html.escape(href)}">“{html.escape(span.text)}”</a>')


def ledger_html(discrepancies, outlets: dict[str, str], from_doc: str, limit: int = caps.SIDES,
                csv: str = "discrepancies") -> str:
    """One block per discrepancy: what differs, then each side's value and evidence
    (at most ``limit`` sides, every value first: ``caps.sides``, after a note)."""
    blocks = []
    for d in discrepancies:
        shown = caps.sides(d.sides, limit)
        cap = caps.note(len(shown), len(d.sides), "rows", csv, from_doc,
                        "each distinct value first")
        rows = "".join(
            f"<tr><td>{html.escape(side.value)}</td>"
            f"<td>{evidence_item(side.span, outlets, from_doc, side.note)}"
            f"{'<br><small>' + html.escape(side.note) + '</small>' if side.note and side.span else ''}"
            "</td></tr>" for side in shown)
        blocks.append(
            f'<div class="ledger-entry" id="{html.escape(d.discrepancy_id, quote=True)}">'
            f'<p><strong>{html.escape(d.subject)}</strong> '
            f'<span class="ledger-kind">{html.escape(d.kind.replace("_", " "))}</span></p>'
            f'{cap}<div class="evidence-table-wrap"><table class="evidence-table">'
            '<thead><tr><th scope="col">value</th><th scope="col">evidence</th></tr></thead>'
            f"<tbody>{rows}</tbody></table></div></div>")
    return "\n".join(blocks)


def events_html(events, outlets: dict[str, str], from_doc: str, limit: int = caps.PASSAGES,
                csv: str = "events") -> str:
    """The timeline's events: dates, kind, sources, and their attesting passages (every
    event; at most ``limit`` passages each, then a note)."""
    rows = []
    for e in events:
        dates = iso(e.date_start) + ("" if e.date_end == e.date_start
                                            else f" to {iso(e.date_end)}")
        seen, items = set(), []
        for a in e.attestations:
            key = (a.sentence.source_id, a.sentence.start, a.sentence.end)
            if key not in seen:
                seen.add(key)
                items.append(a.sentence)
        cap = caps.note(min(limit, len(items)), len(items), "passages", csv, from_doc,
                        "the first")
        items = [f"<li>{evidence_item(sentence, outlets, from_doc)}</li>"
                 for sentence in items[:limit]]
        related = ([f"reported as held: {i}" for i in getattr(e, "held_as", [])]
                   + [f"announced beforehand: {i}" for i in getattr(e, "scheduled_as", [])])
        notes = " ".join(html.escape(x) for x in (e.disagreement, e.imprecise, *related) if x)
        rows.append(f"<tr><td>{html.escape(dates)}<br><small>{html.escape(e.precision)}</small></td>"
                    f"<td>{html.escape(e.label)}{'<br><small>' + html.escape(e.place) + '</small>' if e.place else ''}</td>"
                    f"<td><ul class=\"evidence-list\">{''.join(items)}</ul>{cap}"
                    f"{'<small>' + notes + '</small>' if notes else ''}</td></tr>")
    return ('<div class="evidence-table-wrap" tabindex="0" role="region" aria-label="events">'
            '<table class="evidence-table"><thead><tr><th scope="col">when</th>'
            '<th scope="col">event</th><th scope="col">attested by</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>')
