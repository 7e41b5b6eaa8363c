"""Generated files, written so a reader never sees half of them.

``sync`` makes a folder hold exactly a given set of files: each changed file is written
to a temporary name and renamed into place (unchanged files keep their time, so Sphinx
does not rebuild pages needlessly), and files no longer produced are removed. ``diff``
says what ``sync`` would change, which is how staleness is tested.
"""
from __future__ import annotations

import csv
import os
import tempfile
from pathlib import Path


def existing(root: Path) -> set[str]:
    """Relative paths of the (non-hidden) files under ``root``."""
    if not root.exists():
        return set()
    return {p.relative_to(root).as_posix() for p in root.rglob("*")
            if p.is_file() and not p.name.startswith(".")}


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)            # mkstemp makes 0600; these are published files
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def diff(wanted: dict[str, bytes], root: Path) -> list[str]:
    """'<path>: missing | out of date | no longer produced' for each difference."""
    problems = []
    for rel, data in sorted(wanted.items()):
        path = root / rel
        if not path.exists():
            problems.append(f"{rel}: missing")
        elif path.read_bytes() != data:
            problems.append(f"{rel}: out of date")
    problems += [f"{rel}: no longer produced" for rel in sorted(existing(root) - set(wanted))]
    return problems


def sync(wanted: dict[str, bytes], root: Path) -> list[str]:
    """Make ``root`` hold exactly ``wanted``; return the relative paths that changed."""
    changed = []
    for rel, data in sorted(wanted.items()):
        path = root / rel
        if path.exists() and path.read_bytes() == data:
            continue
        write_atomic(path, data)
        changed.append(rel)
    for rel in sorted(existing(root) - set(wanted)):
        (root / rel).unlink()
        changed.append(rel)
    return changed


# A cell of data/processed/ may list every source of a large collection (a discrepancy's
# evidence at 1,000 sources is past the csv module's default limit of 128 KB a field).
CSV_FIELD_LIMIT = 2**31 - 1


def csv_dict_reader(stream) -> csv.DictReader:
    """``csv.DictReader`` over ``stream`` with no practical limit on a field's size."""
    csv.field_size_limit(CSV_FIELD_LIMIT)
    return csv.DictReader(stream)
