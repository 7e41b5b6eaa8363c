"""Rewrite every page when the site's own static files or templates change.

An incremental Sphinx build that finds no document out of date writes nothing, not
even the static files, so an edited stylesheet, script or template never reached the
site; and each page links its stylesheets with a checksum (``custom.css?v=…``), so a
changed stylesheet changes every page.  On ``env-updated`` this compares a digest of
``html_static_path`` and ``templates_path`` with the one stored in the environment and,
when it differs, asks for every page to be written again (not re-read).
"""
from __future__ import annotations

import hashlib
from pathlib import Path


def digest(confdir: str, directories) -> str:
    """Digest of every file under the directories (relative to ``confdir``, or absolute:
    extensions add their own static directories, which may lie outside the project)."""
    sha = hashlib.sha256()
    for name in directories:
        base = Path(confdir) / name
        if not base.is_dir():
            continue
        for path in sorted(p for p in base.rglob("*") if p.is_file()):
            sha.update(f"{name}/{path.relative_to(base).as_posix()}".encode() + b"\0")
            sha.update(hashlib.sha256(path.read_bytes()).digest())
    return sha.hexdigest()


def pages_to_rewrite(app, env):
    current = digest(app.confdir, [*app.config.html_static_path, *app.config.templates_path])
    if getattr(env, "evidence_assets", None) == current:
        return []
    env.evidence_assets = current
    return sorted(env.found_docs)
