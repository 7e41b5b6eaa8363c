"""Sphinx extension: guards for the claims in hand-written prose that depend on the
collection ("only a Pakistani outlet reports…", "no source reports whether the
meeting took place").

Markup (MyST), placed right after the paragraph it guards::

    ```{guard} only a Pakistani outlet reports the conditional ceasefire
    sources(claims provision=conditions status=reported) == 1
    origins(claims provision=conditions status=reported) == pakistani
    ```

Each line is a check of :mod:`evidence.publish.checks` against data/processed/. While
every check holds, the guard renders nothing. When the data no longer supports the
claim, the policy ``evidence_guards`` decides:

- ``notice`` (the default): a visible notice right after the paragraph says which
  claim no longer holds and what the data now shows, and the build log ends with the
  chapters to revise and why. The build still succeeds, so adding sources never
  blocks the refreshed tables, digests and later-developments page; the stale
  sentence is never shown without its notice.
- ``fail``: the same notice, and a warning — the strict build fails.

A check that cannot be evaluated (syntax, unknown table or column) always fails the
build: that is a mistake in the chapter, not news in the data.
"""
from __future__ import annotations

from docutils import nodes
from sphinx.util import logging
from sphinx.util.console import bold
from sphinx.util.docutils import SphinxDirective

from evidence import paths
from evidence.publish import checks

logger = logging.getLogger(__name__)
STORE = "evidence_guard_failures"
POLICIES = ("notice", "fail")


def _store(env) -> dict:
    if not hasattr(env, STORE):
        setattr(env, STORE, {})
    return getattr(env, STORE)


def stale(obj, claim: str, failed: list[tuple[str, str]]) -> None:
    """Record a claim the data no longer supports for the build log (and, under the
    ``fail`` policy, fail the build). ``obj`` is the directive or role that holds it;
    ``failed`` lists (check, what the data gives). Digests and {event} use it too."""
    line = obj.get_source_info()[1]
    _store(obj.env).setdefault(obj.env.docname, []).append((line, claim, failed))
    if obj.config.evidence_guards == "fail":
        logger.warning("{guard}: the data no longer supports %r (%s)", claim,
                       "; ".join(f"{check}: found {found}" for check, found in failed),
                       location=obj.get_location(), type="evidence", subtype="guard")


def notice(claim: str, failed: list[tuple[str, str]]) -> nodes.Element:
    box = nodes.admonition(classes=["warning", "evidence-guard"])
    box += nodes.title("", "The data no longer supports this passage")
    box += nodes.paragraph("", f"The text above says: {claim}. The data has changed since "
                               "it was written, and the chapter is due for revision:")
    listing = nodes.bullet_list()
    for check, found in failed:
        para = nodes.paragraph()
        para += nodes.literal("", check)
        para += nodes.Text(f" — the data now gives {found}.")
        listing += nodes.list_item("", para)
    box += listing
    return box


class GuardDirective(SphinxDirective):
    required_arguments = 1
    final_argument_whitespace = True
    has_content = True

    def run(self):
        claim = self.arguments[0].strip()
        for path in sorted(paths.PROCESSED.glob("*.csv")):
            self.env.note_dependency(str(path))
        if not self.content:
            return self._error("a guard needs at least one check line")
        tables = checks.Tables()
        try:
            failed = [r for r in (checks.evaluate(tables, c) for c in self.content if c.strip())
                      if not r.ok]
        except checks.CheckError as err:
            return self._error(str(err))
        if not failed:
            return []
        found = [(r.check, r.found) for r in failed]
        stale(self, claim, found)
        return [notice(claim, found)]

    def _error(self, message: str):
        logger.warning("{guard}: %s", message, location=self.get_location(),
                       type="evidence", subtype="guard")
        return []


def summary(failures: dict, doc2path) -> list[str]:
    """The build log's list of chapters to revise, one line per failed claim."""
    lines = []
    for docname in sorted(failures):
        for line, claim, failed in sorted(failures[docname]):
            why = "; ".join(f"{check} gives {found}" for check, found in failed)
            lines.append(f"  {doc2path(docname)}:{line}: {claim!r} — {why}")
    return lines


def _report(app, exception):
    if exception is not None:
        return
    failures = {d: f for d, f in _store(app.env).items() if f}
    if not failures:
        logger.info(bold("guards: every guarded claim in the chapters holds."))
        return
    n = sum(len(f) for f in failures.values())
    logger.info(bold(f"guards: {n} claim(s) in {len(failures)} chapter(s) no longer hold — "
                     "revise these chapters (each page shows a notice):"))
    for line in summary(failures, lambda d: app.env.doc2path(d, False)):
        logger.info(line)


def _purge(app, env, docname):
    _store(env).pop(docname, None)


def _merge(app, env, docnames, other):
    mine, theirs = _store(env), _store(other)
    for docname in docnames:
        if docname in theirs:
            mine[docname] = theirs[docname]


def _check_policy(app, config):
    if config.evidence_guards not in POLICIES:
        raise ValueError(f"evidence_guards must be one of {POLICIES}, "
                         f"not {config.evidence_guards!r}")


def setup(app):
    app.add_config_value("evidence_guards", "notice", "env", types=[str])
    app.add_directive("guard", GuardDirective)
    app.connect("config-inited", _check_policy)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("build-finished", _report)
    return {"version": "1", "env_version": 1,
            "parallel_read_safe": True, "parallel_write_safe": True}
