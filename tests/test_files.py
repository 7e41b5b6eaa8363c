"""files.sync: a folder ends up holding exactly the wanted files, readable by all."""
from __future__ import annotations

import stat

from evidence import files


def test_sync_writes_changes_only_and_prunes(tmp_path):
    assert files.sync({"a.csv": b"1\n", "sub/b.txt": b"x"}, tmp_path) == ["a.csv", "sub/b.txt"]
    before = (tmp_path / "a.csv").stat().st_mtime_ns
    (tmp_path / "gone.csv").write_bytes(b"old")
    assert files.sync({"a.csv": b"1\n", "sub/b.txt": b"y"}, tmp_path) == ["sub/b.txt", "gone.csv"]
    assert (tmp_path / "a.csv").stat().st_mtime_ns == before          # unchanged: untouched
    assert files.existing(tmp_path) == {"a.csv", "sub/b.txt"}          # no temp files left
    assert stat.S_IMODE((tmp_path / "sub/b.txt").stat().st_mode) == 0o644


def test_diff_names_every_difference(tmp_path):
    files.sync({"a": b"1", "b": b"2"}, tmp_path)
    assert files.diff({"a": b"1", "b": b"3", "c": b""}, tmp_path) == ["b: out of date", "c: missing"]
    assert files.diff({"a": b"1"}, tmp_path) == ["b: no longer produced"]


def test_csv_reader_takes_fields_past_the_csv_modules_default_limit():
    """At 1,000 sources a discrepancy's evidence cell passed 128 KB and the site build
    stopped with "field larger than field limit"."""
    import io
    big = "source; " * 40_000                      # 320 KB in one cell
    rows = list(files.csv_dict_reader(io.StringIO(f'id,evidence\nd1,"{big}"\n')))
    assert rows == [{"id": "d1", "evidence": big}]
