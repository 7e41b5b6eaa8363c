"""The witness a re-dated source cites (``read.witnesses``): chosen so that adding a
source rarely changes what the others cite, whatever its id."""
from __future__ import annotations

import datetime as dt
import hashlib
from types import SimpleNamespace

from evidence.model import PubDate
from evidence.read import corpus, witnesses

D = dt.date


def source(sid, method="dateline", precision="day", day=D(2024, 3, 10)):
    pub = PubDate(day if precision == "day" else None, day, day, precision, "", method, [])
    return SimpleNamespace(source_id=sid, pubdate=pub)


def ranked(*sources):
    return [s.source_id for s in sorted(sources, key=witnesses.order)]


def test_own_dates_first_then_day_precision_then_earliest():
    assert ranked(source("a", method="cross_source"), source("b")) == ["b", "a"]
    assert ranked(source("a", precision="interval"), source("b")) == ["b", "a"]
    assert ranked(source("a", day=D(2024, 3, 12)), source("b", day=D(2024, 3, 11))) == ["b", "a"]
    assert ranked(source("a", precision="unknown", day=None),
                  source("b", precision="interval", day=D(2030, 1, 1))) == ["b", "a"]


def test_ties_are_broken_by_a_hash_of_the_id_not_the_id():
    ids = [f"s{i}" for i in range(20)]
    by_hash = sorted(ids, key=lambda i: hashlib.sha256(i.encode()).hexdigest())
    assert ranked(*map(source, ids)) == by_hash
    assert by_hash != sorted(ids)        # the case is not trivially the id order


def write(folder, name, text):
    (folder / name).write_text(text, encoding="utf-8")


DATED = ("Talks end\n\nGENEVA, {day} (AFP) — The sessions held from March 3 to 6, 2024 in "
         "Geneva ended, the mediators said.\n")
YEARLESS = "Talks\n\nThe round held from March 3 to 6 ended; envoys will meet on March 20.\n"


def evidence_of(folder, sid):
    c = corpus.load(folder, folder / "no-registry.csv")
    assert c.problems == []
    return c.by_id()[sid].pubdate


def test_a_later_source_whose_id_sorts_first_does_not_become_the_witness(tmp_path):
    write(tmp_path, "m.txt", DATED.format(day="March 8, 2024"))
    write(tmp_path, "z.txt", YEARLESS)
    before = evidence_of(tmp_path, "z")
    assert before.method == "cross_source" and "m: GENEVA" in before.evidence
    write(tmp_path, "a.txt", DATED.format(day="March 9, 2024"))
    assert evidence_of(tmp_path, "z") == before


def test_an_earlier_report_becomes_the_witness_whatever_its_id(tmp_path):
    write(tmp_path, "a.txt", DATED.format(day="March 8, 2024"))
    write(tmp_path, "y.txt", YEARLESS)
    write(tmp_path, "z.txt", DATED.format(day="March 7, 2024"))
    got = evidence_of(tmp_path, "y")
    assert "z: GENEVA" in got.evidence and "a: " not in got.evidence
