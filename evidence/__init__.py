"""evidence: turn raw news captures into dated, cited, comparable evidence.

The flow, one module per concern:

    registry   data/registry.csv: what is known about each raw file
    ingest     raw bytes (.txt / .html) -> decoded text + HTML metadata
    clean      page furniture removed, with an audit of every removed line
    metadata   headline, outlet, dateline, byline
    dates      absolute / relative / Solar Hijri date mentions with offsets
    pubdate    publication date inferred from the text's own evidence
    entities   gazetteer matching across spellings
    quotes     quoted spans and their speakers
    corpus     runs all of the above over data/sources -> ParsedSource objects
    events, provisions, discrepancies, perspective   cross-source comparison
    charts     figures;  export  writes data/processed/ atomically
    bibliography, sitegen, sphinx_ext   the book's references, source pages, roles
"""
