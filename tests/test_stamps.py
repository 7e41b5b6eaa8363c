"""Stamps: content hashes over groups of inputs, and which groups changed."""
from __future__ import annotations

import os

from evidence import stamps


def test_digest_follows_content_and_names_not_times(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("one")
    (tmp_path / "b.yml").write_text("b: 1")
    first = stamps.digest(("a", "b.yml"), tmp_path)
    os.utime(tmp_path / "a" / "one.txt", (1, 1))
    assert stamps.digest(("a", "b.yml"), tmp_path) == first          # a touch is no change
    (tmp_path / "a" / "one.txt").write_text("uno")
    assert stamps.digest(("a", "b.yml"), tmp_path) != first
    (tmp_path / "a" / "one.txt").write_text("one")
    assert stamps.digest(("a", "b.yml"), tmp_path) == first
    (tmp_path / "a" / "one.txt").rename(tmp_path / "a" / "two.txt")  # same bytes, new name
    assert stamps.digest(("a", "b.yml"), tmp_path) != first


def test_hidden_files_and_caches_are_not_inputs(tmp_path):
    (tmp_path / "a" / "__pycache__").mkdir(parents=True)
    (tmp_path / "a" / "x.py").write_text("x = 1")
    first = stamps.digest(("a",), tmp_path)
    (tmp_path / "a" / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"\0")
    (tmp_path / "a" / ".x.py.swp").write_bytes(b"\0")
    assert stamps.digest(("a",), tmp_path) == first
    assert stamps.digest(("missing",), tmp_path) == stamps.digest((), tmp_path)


def test_changed_groups_and_round_trip(tmp_path):
    (tmp_path / "code.py").write_text("1")
    (tmp_path / "data.csv").write_text("a")
    groups = {"code": ("code.py",), "data": ("data.csv",)}
    state = stamps.state(groups, tmp_path)
    assert stamps.changed(None, state) == {"code", "data"}           # no stamp: all
    stamps.write(tmp_path / "_build" / ".stamp", state)
    assert stamps.read(tmp_path / "_build" / ".stamp") == state
    assert stamps.changed(state, stamps.state(groups, tmp_path)) == set()
    (tmp_path / "data.csv").write_text("b")
    assert stamps.changed(state, stamps.state(groups, tmp_path)) == {"data"}
    (tmp_path / "_build" / ".stamp").write_text("not json")
    assert stamps.read(tmp_path / "_build" / ".stamp") is None
