"""Sphinx's reading when build-site has run the notebooks ahead (``notebook_runs``).

With the notebooks' kernels already running in the background, what is left to read
is the pages and the cached notebooks. For a few dozen documents (a source added or
edited) that is quicker in Sphinx's main process than in its parallel readers:
each reader process returns the whole environment pickled, which the main process
loads and merges (at a thousand sources 5.7 MB, about a second per reader), more than
the pages themselves take. So for at most ``SERIAL_READ_MAX`` pages besides the
notebooks the reading is serial, pages first and notebooks last, and waits for the
background run only when it reaches the first notebook; the writing stays parallel.
More pages are read in parallel as before, after the run has finished.
"""
from __future__ import annotations

from pathlib import Path

from sphinx.util import logging

from evidence.site import notebook_runs

logger = logging.getLogger(__name__)

SERIAL_READ_MAX = 40

_state: dict = {}        # this build: the notebooks to wait for, Sphinx's process count


def order_reading(app, env, docnames: list[str]) -> None:
    """``env-before-read-docs``: choose serial or parallel reading (see above)."""
    _state.clear()
    if not notebook_runs.running():
        return
    notebooks = [d for d in docnames if _is_notebook(env, d)]
    pages = [d for d in docnames if d not in set(notebooks)]
    if app.parallel > 1 and len(pages) > SERIAL_READ_MAX:
        _report()
        return
    _state.update(notebooks=set(notebooks), parallel=app.parallel)
    app.parallel = 1
    docnames[:] = pages + notebooks


def before_notebook(app, docname: str, source: list[str]) -> None:
    """``source-read``: a notebook waits for the background run."""
    if docname in _state.get("notebooks", ()) and notebook_runs.running():
        _report()


def restore(app, env) -> None:
    """``env-updated``: Sphinx writes with its usual processes."""
    if "parallel" in _state:
        app.parallel = _state.pop("parallel")
    if notebook_runs.running():       # no notebook was read after all
        notebook_runs.wait()


def _report() -> None:
    for line in notebook_runs.wait():
        logger.info(line)


def _is_notebook(env, docname: str) -> bool:
    return notebook_runs.is_notebook(Path(env.doc2path(docname)))
