"""Checks that keep hand-written claims honest: a tiny query language over the tables
in data/processed/, used by the chapters' ``{guard}`` blocks and by ``diff``.

A check compares a query with a value or with another query::

    sources(claims provision=conditions status=reported) == 1
    origins(claims provision=conditions status=reported) == pakistani
    outlets(speakers speaker_entity=zabihullah_mujahid) == "Khaama Press", Pakinomist
    sources(claims provision=mediators status=reported) >= sources(claims provision=ceasefire_continuation status=reported)
    rows(events kind=talks_round place=Istanbul date_start>=2025-11-06) == 0

A query is ``function(table filter …)``: the table is a CSV in data/processed/; a
filter is ``column`` ``=``, ``!=``, ``~`` (contains, any case), ``<``, ``<=``, ``>``,
``>=`` and a value (ISO dates compare as dates, numbers as numbers; quote values with
spaces). Functions: ``rows`` (a number), ``sources`` (the source ids the rows name,
via ``source_id`` or ``source_ids``), ``outlets`` and ``origins`` (those sources'
outlets and origin groups, from sources.csv; unknown ones left out), ``dated`` and
``vague`` (on events: the sources giving the event a precise date, or only a vague
one). A set compared with a number is compared by its size; with a list of names,
``==`` is equality, ``<=`` subset, ``>=`` superset. An unknown table, column or
function is an error, never a pass.
"""
from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from pathlib import Path

from evidence import paths
from evidence.publish.story import read_csv

_CHECK = re.compile(r"^\s*(?P<lhs>\w+\([^()]*\))\s*(?P<op>==|!=|<=|>=|<|>)\s*(?P<rhs>.+?)\s*$")
_QUERY = re.compile(r"^(?P<func>\w+)\((?P<args>[^()]*)\)$")
_FILTER = re.compile(r"^(?P<col>[\w.]+)(?P<op>!=|>=|<=|=|~|>|<)(?P<value>.*)$")
FUNCTIONS = ("rows", "sources", "outlets", "origins", "dated", "vague")


class CheckError(ValueError):
    """A check that cannot be evaluated (syntax, unknown table or column)."""


@dataclass
class Result:
    check: str
    ok: bool
    found: str          # what the data holds, for the reader and the build log


class Tables:
    """data/processed/*.csv, each read once."""

    def __init__(self, processed: Path | None = None):
        self.processed = processed or paths.PROCESSED
        self._cache: dict[str, list[dict]] = {}

    def path(self, name: str) -> Path:
        return self.processed / f"{name}.csv"

    def rows(self, name: str) -> list[dict]:
        if name not in self._cache:
            if not re.fullmatch(r"\w+", name) or not self.path(name).exists():
                raise CheckError(f"no table {name!r} in data/processed/")
            self._cache[name] = read_csv(self.path(name))
        return self._cache[name]

    def columns(self, name: str) -> set[str]:
        with open(self.path(name), encoding="utf-8") as fh:
            return set(fh.readline().strip().split(","))

    def source(self, source_id: str) -> dict:
        if "_by_id" not in self._cache:
            self._cache["_by_id"] = [{r["source_id"]: r for r in self.rows("sources")}]
        return self._cache["_by_id"][0].get(source_id, {})


def _number(value: str):
    try:
        return float(value)
    except ValueError:
        return None


def _compare(a, op: str, b) -> bool:
    if op == "==":
        return a == b
    if op == "!=":
        return a != b
    if op == "<=":
        return a <= b
    if op == ">=":
        return a >= b
    if op == "<":
        return a < b
    return a > b


def _keep(row: dict, col: str, op: str, value: str) -> bool:
    cell = row.get(col) or ""
    if op == "~":
        return value.casefold() in cell.casefold()
    if op in ("=", "!="):
        return (cell == value) == (op == "=")
    if not cell:
        return False
    a, b = _number(cell), _number(value)
    if a is None or b is None:
        a, b = cell, value
    return _compare(a, op, b)


def _source_ids(row: dict) -> set[str]:
    if row.get("source_id"):
        return {row["source_id"]}
    return {s.strip() for s in (row.get("source_ids") or "").split(";") if s.strip()}


def _vague_ids(row: dict) -> set[str]:
    """Sources named in an events row's ``imprecise`` column ('phrase: a, b; …')."""
    out = set()
    for part in (row.get("imprecise") or "").split(";"):
        _, _, ids = part.rpartition(":")
        out |= {s.strip() for s in ids.split(",") if s.strip()}
    return out & _source_ids(row)


def query(tables: Tables, text: str):
    m = _QUERY.match(text.strip())
    if not m:
        raise CheckError(f"not a query 'function(table filter …)': {text!r}")
    if m["func"] not in FUNCTIONS:
        raise CheckError(f"unknown function {m['func']!r} (one of {', '.join(FUNCTIONS)})")
    try:
        args = shlex.split(m["args"])
    except ValueError as err:
        raise CheckError(f"{text!r}: {err}") from None
    if not args:
        raise CheckError(f"{text!r} names no table")
    table, filters = args[0], args[1:]
    rows, columns = tables.rows(table), tables.columns(table)
    for f in filters:
        fm = _FILTER.match(f)
        if not fm:
            raise CheckError(f"not a filter 'column=value': {f!r}")
        if fm["col"] not in columns:
            raise CheckError(f"table {table!r} has no column {fm['col']!r}")
        rows = [r for r in rows if _keep(r, fm["col"], fm["op"], fm["value"])]
    func = m["func"]
    if func == "rows":
        return len(rows)
    if not columns & {"source_id", "source_ids"}:
        raise CheckError(f"table {table!r} names no sources")
    if func in ("dated", "vague"):
        if "imprecise" not in columns:
            raise CheckError(f"{func}() needs the events table, not {table!r}")
        pick = _vague_ids if func == "vague" else (lambda r: _source_ids(r) - _vague_ids(r))
        return set().union(*[pick(r) for r in rows])
    ids = set().union(*[_source_ids(r) for r in rows])
    if func == "sources":
        return ids
    column = "outlet" if func == "outlets" else "origin_group"
    return {v for v in (tables.source(s).get(column, "") for s in ids) if v}


def _literal(text: str):
    text = text.strip()
    if re.fullmatch(r"\d+", text):
        return int(text)
    try:
        return {v.strip() for v in shlex.split(text.replace(",", " , ")) if v.strip(" ,")}
    except ValueError as err:
        raise CheckError(f"{text!r}: {err}") from None


def describe(value, limit: int = 8) -> str:
    """'3', 'none', '2: a, b', '12: a, b, … (4 more)'."""
    if isinstance(value, int):
        return str(value)
    if not value:
        return "none"
    names = sorted(value)
    more = f", … ({len(names) - limit} more)" if len(names) > limit else ""
    return f"{len(names)}: {', '.join(names[:limit])}{more}"


def _found(lhs, op: str, rhs) -> str:
    """What the data holds, and for a failed set comparison what breaks it."""
    text = describe(lhs)
    if isinstance(lhs, set) and isinstance(rhs, set):
        extra, missing = lhs - rhs, rhs - lhs
        if op in ("<=", "==") and extra:
            text += f" (beyond the other side: {describe(extra)})"
        if op in (">=", "==") and missing:
            text += f" (missing: {describe(missing)})"
    return text


def evaluate(tables: Tables, check: str) -> Result:
    m = _CHECK.match(check)
    if not m:
        raise CheckError(f"not a check 'query OP value': {check!r}")
    lhs = query(tables, m["lhs"])
    rhs = (query(tables, m["rhs"]) if _QUERY.match(m["rhs"]) else _literal(m["rhs"]))
    op = m["op"]
    if isinstance(lhs, set) and isinstance(rhs, int):
        ok = _compare(len(lhs), op, rhs)
    elif isinstance(lhs, int) and isinstance(rhs, int):
        ok = _compare(lhs, op, rhs)
    elif isinstance(lhs, set) and isinstance(rhs, set):
        if op in ("<", ">"):
            raise CheckError(f"sets compare with ==, !=, <= or >=: {check!r}")
        ok = _compare(lhs, op, rhs)
    else:
        raise CheckError(f"cannot compare a number with names: {check!r}")
    return Result(check.strip(), ok, describe(lhs) if ok else _found(lhs, op, rhs))


# ---------------------------------------------------------------------- in chapters

GUARD = re.compile(r"^(?P<fence>```+|:::+)\{guard\}[ \t]*(?P<claim>.*?)\n(?P<body>.*?)^(?P=fence)[ \t]*$",
                   re.S | re.M)


@dataclass
class Guard:
    path: Path
    line: int
    claim: str
    checks: list[str]


def guards_in(path: Path) -> list[Guard]:
    """The guard blocks of one chapter (claim, checks, line) as written."""
    text = path.read_text(encoding="utf-8")
    out = []
    for m in GUARD.finditer(text):
        checks = [ln.strip() for ln in m["body"].splitlines()
                  if ln.strip() and not ln.strip().startswith(":")]
        out.append(Guard(path, text.count("\n", 0, m.start()) + 1, m["claim"].strip(), checks))
    return out


def failing(tables: Tables, guard: Guard) -> list[Result]:
    """The guard's checks that the data no longer supports (errors raise)."""
    return [r for r in (evaluate(tables, c) for c in guard.checks) if not r.ok]
