"""Pages re-read when the data changed: all, except those whose declared data did not
change (book/data.md reads only the data dictionary)."""
from __future__ import annotations

import os
from pathlib import Path

from evidence.site import rereads

from evidence import paths

FOLDERS = ("book", "notebooks")
DECLARED = "---\ntitle: x\nevidence_reads: [data/dictionary]\n---\n\n# Declared\n"


def page(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    return path


def tree(root: Path) -> None:
    page(root, "book/plain.md", "# Plain chapter\n")
    page(root, "book/declared.md", DECLARED)
    page(root, "notebooks/analysis.md", "---\nkernelspec: {name: python3}\n---\n# N\n")
    page(root, "book/sources/generated.md", "# a generated source page\n")
    page(root, "data/dictionary/table.yml", "table: t\n")
    page(root, "data/sources/one.txt", "An article.\n")


def test_every_page_is_marked_without_a_previous_state(tmp_path):
    tree(tmp_path)
    marked = rereads.mark_readers(tmp_path, FOLDERS, None)
    assert marked == ["book/declared.md", "book/plain.md", "notebooks/analysis.md"]
    assert (tmp_path / "book/plain.md").stat().st_mtime_ns > 1_000_000_000
    assert (tmp_path / "book/sources/generated.md").stat().st_mtime_ns == 1_000_000_000


def test_a_page_declaring_its_data_is_marked_only_when_that_data_changed(tmp_path):
    tree(tmp_path)
    before = rereads.state(tmp_path, FOLDERS)
    assert list(before) == ["book/declared.md"]
    page(tmp_path, "data/sources/two.txt", "A source added.\n")
    assert rereads.mark_readers(tmp_path, FOLDERS, before) == [
        "book/plain.md", "notebooks/analysis.md"]
    page(tmp_path, "data/dictionary/table.yml", "table: t\ncolumns: {}\n")
    assert "book/declared.md" in rereads.mark_readers(tmp_path, FOLDERS, before)


def test_declarations_are_read_from_the_front_matter_only(tmp_path):
    assert rereads.declared(page(tmp_path, "a.md", DECLARED)) == ("data/dictionary",)
    assert rereads.declared(page(tmp_path, "b.md", "# evidence_reads: [x]\n")) is None
    assert rereads.declared(page(tmp_path, "c.md", "---\nevidence_reads: x\n---\n")) is None
    assert rereads.declared(page(tmp_path, "d.md", "---\n: [unclosed\n---\n")) is None


def test_the_data_chapter_declares_the_dictionary_it_reads():
    reads = rereads.declared(paths.BOOK / "data.md")
    assert reads == ("data/dictionary",)
    assert all((paths.ROOT / r).exists() for r in reads)
