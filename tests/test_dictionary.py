"""Every processed table has a data dictionary describing every column."""
from __future__ import annotations

import csv

import yaml

from evidence import paths

DICTIONARY = paths.DATA / "dictionary"


def described() -> dict[str, dict[str, str]]:
    columns: dict[str, dict[str, str]] = {}
    for path in sorted(DICTIONARY.glob("*.yml")):
        spec = yaml.safe_load(path.read_text())
        assert spec.get("table") and spec.get("description"), path.name
        columns.setdefault(spec["table"], {}).update(spec["columns"])
    return columns


def test_every_csv_column_is_described():
    docs = described()
    tables = sorted(paths.PROCESSED.glob("*.csv"))
    source_ids = {p.stem for p in paths.source_files()}
    assert tables
    for table in tables:
        with open(table, newline="") as f:
            header = next(csv.reader(f))
        described_cols = docs.get(table.stem, {})
        # A table with one column per source documents them once as "<source_id>".
        missing = [c for c in header if not described_cols.get(c)
                   and not (c in source_ids and described_cols.get("<source_id>"))]
        assert not missing, f"{table.name}: undocumented columns {missing}"


def test_dictionary_describes_no_phantom_tables():
    produced = {p.stem for p in paths.PROCESSED.glob("*.csv")}
    assert set(described()) <= produced
