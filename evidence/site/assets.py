"""Rewrite every page when the site's own static files or templates change.

An incremental Sphinx build that finds no document out of date writes nothing, not
even the static files, so an edited stylesheet, script or template never reached the
site; and each page links its stylesheets with a checksum (``custom.css?v=…``), so a
changed stylesheet changes every page.  On ``env-updated`` this compares a digest of
``html_static_path`` and ``templates_path`` with the one stored in the environment for
the same builder and, when it differs, asks for every page to be written again (not
re-read).  The digest is kept per builder because two builders of one project (the
site's ``html`` and a ``singlehtml``) share one environment, and extensions put static
directories inside the output folder (sphinx-design's ``_sphinx_design_static``): with
one shared value, each build of the other made the next site build rewrite every page.
"""
from __future__ import annotations

import hashlib
from pathlib import Path


def _label(base: Path, confdir: str, outdir: str) -> str:
    """A static directory's name that does not depend on where the checkout or the
    builder's output folder is."""
    for root, mark in ((outdir, "<outdir>"), (confdir, "")):
        try:
            return f"{mark}/{base.resolve().relative_to(Path(root).resolve()).as_posix()}"
        except ValueError:
            continue
    return base.as_posix()


def digest(confdir: str, directories, outdir: str = "") -> str:
    """Digest of every file under the directories (relative to ``confdir``, or absolute:
    extensions add their own static directories, which may lie outside the project)."""
    sha = hashlib.sha256()
    for name in directories:
        base = Path(confdir) / name
        if not base.is_dir():
            continue
        label = _label(base, confdir, outdir or confdir)
        for path in sorted(p for p in base.rglob("*") if p.is_file()):
            sha.update(f"{label}/{path.relative_to(base).as_posix()}".encode() + b"\0")
            sha.update(hashlib.sha256(path.read_bytes()).digest())
    return sha.hexdigest()


def pages_to_rewrite(app, env):
    current = digest(app.confdir, [*app.config.html_static_path, *app.config.templates_path],
                     str(app.outdir))
    stored = getattr(env, "evidence_assets", None)
    stored = dict(stored) if isinstance(stored, dict) else {}
    if stored.get(app.builder.name) == current:
        return []
    env.evidence_assets = {**stored, app.builder.name: current}
    return sorted(env.found_docs)
