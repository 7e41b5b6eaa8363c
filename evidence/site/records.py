"""The sources table as published: rows of data/processed/sources.csv and what each column means.

The index of sources and each source page show what ``build-data`` wrote, column by
column, with the meaning the data dictionary gives (every ``data/dictionary/*.yml``
whose ``table`` is ``sources``).  Nothing here names a column it merely passes on, so
a column that another step adds to sources.csv (and describes in the dictionary)
appears on the site without a change of code.  Cells are plain strings, exactly as
in the file.
"""
from __future__ import annotations

import io
from pathlib import Path

import yaml

from evidence.publish import links

from evidence import files, paths
from evidence.site.data import read_file

TABLE = "sources"
ID = "source_id"
PUBDATE_PREFIX = "published"   # the inferred publication date and its evidence


def sources_csv() -> Path:
    return paths.PROCESSED / f"{TABLE}.csv"


def dictionary_files() -> list[Path]:
    return sorted((paths.DATA / "dictionary").glob("*.yml"))


def read_table() -> tuple[list[str], list[dict[str, str]]]:
    """(columns, rows) of sources.csv; ([], []) when it has not been written."""
    text = read_file(sources_csv())
    if text is None:
        return [], []
    reader = files.csv_dict_reader(io.StringIO(text, newline=""))
    return list(reader.fieldnames or []), list(reader)


def rows_by_id() -> dict[str, dict[str, str]]:
    return {row[ID]: row for row in read_table()[1] if row.get(ID)}


def title_of(row: dict[str, str]) -> str:
    """A source's page title: outlet, headline and inferred publication date."""
    outlet = (row.get("outlet") or "").strip() or "Unknown outlet"
    headline = (row.get("headline") or "").strip() or "untitled"
    published = (row.get(PUBDATE_PREFIX) or "").strip() or "date unknown"
    return f"{outlet}: {headline} ({published})"


def descriptions() -> dict[str, str]:
    """Column -> meaning, from every dictionary file of the sources table."""
    meaning: dict[str, str] = {}
    for path in dictionary_files():
        spec = yaml.safe_load(read_file(path) or "") or {}
        if isinstance(spec, dict) and spec.get("table") == TABLE:
            meaning.update({str(k): " ".join(str(v).split())
                            for k, v in (spec.get("columns") or {}).items()})
    return meaning


def pages(env) -> set[str]:
    """Ids of the sources that have a page in this build."""
    prefix = links.SOURCE_PAGES_DOC_DIR + "/"
    return {doc[len(prefix):] for doc in env.found_docs if doc.startswith(prefix)}


def dependencies() -> list[Path]:
    """The files whose change must rebuild a page made from this table."""
    return [sources_csv(), *dictionary_files()]
