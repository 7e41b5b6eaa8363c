"""What changed since the last good build: content hashes over groups of inputs.

A stamp is a small JSON file under ``_build/`` mapping a group name to the sha256 of
every file in that group (path and content, hidden files and caches left out). The
build steps compare the current hashes with the stamp they wrote after their last
success and skip, or narrow, their work: ``build-data`` does nothing when neither its
inputs nor its outputs changed, and ``build-site`` starts no Sphinx at all when no
input of the site changed. A stamp is written only after a successful step and
removed when one fails, so a failed build is never taken for a good one.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from evidence import files, paths

SKIP_DIRS = {"__pycache__", ".ipynb_checkpoints"}


def _files_under(base: Path) -> list[Path]:
    if base.is_file():
        return [base]
    if not base.is_dir():
        return []
    return sorted(p for p in base.rglob("*")
                  if p.is_file() and not p.name.startswith(".") and p.suffix != ".pyc"
                  and not SKIP_DIRS.intersection(p.relative_to(base).parts))


def digest(names: tuple[str, ...], root: Path | None = None) -> str:
    """sha256 over the relative path and content of every file under ``names``."""
    root = root or paths.ROOT
    h = hashlib.sha256()
    for name in names:
        for path in _files_under(root / name):
            h.update(path.relative_to(root).as_posix().encode() + b"\0")
            h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def state(groups: dict[str, tuple[str, ...]], root: Path | None = None) -> dict[str, str]:
    return {group: digest(names, root) for group, names in groups.items()}


def read(path: Path) -> dict[str, str] | None:
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return value if isinstance(value, dict) else None


def write(path: Path, value: dict[str, str]) -> None:
    files.write_atomic(path, (json.dumps(value, indent=1, sort_keys=True) + "\n").encode())


def changed(previous: dict[str, str] | None, current: dict[str, str]) -> set[str]:
    """The groups whose hash differs (all of them when there is no stamp)."""
    if previous is None:
        return set(current)
    return {g for g, h in current.items() if previous.get(g) != h}
