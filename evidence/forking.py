"""Work in processes forked from this one, which inherit what it holds.

A forked worker starts with everything this process has loaded and computed (the
parsed corpus, the comparison, imported libraries, compiled patterns), so a task
hands it only an index or nothing, never its inputs pickled. ``pool`` makes the
workers (started afresh where the system cannot fork), ``inherited_map`` spreads
``map(function, items)`` over them, and ``in_background`` runs one call on another
core while the caller goes on.
"""
from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor

FORK = "fork" in multiprocessing.get_all_start_methods()

_TASK: tuple | None = None     # (function, items) a forked worker reads by index


def pool(workers: int) -> ProcessPoolExecutor:
    """Worker processes forked from this one where the system can (so they start with
    what it has loaded), else started afresh."""
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")
                               if FORK else None)


def _run(index: int):
    function, items = _TASK
    return function(items[index]) if items is not None else function()


def inherited_map(function, items: list, workers: int, chunksize: int = 1,
                  make_pool=None) -> list:
    """``list(map(function, items))`` on ``workers`` forked processes, which inherit
    ``function`` and ``items`` and send back only the results (serial where the
    system cannot fork). ``make_pool``: how the pool is made (default ``pool``)."""
    global _TASK
    if not FORK:
        return list(map(function, items))
    _TASK = (function, items)
    try:
        with (make_pool or pool)(workers) as workers_pool:
            return list(workers_pool.map(_run, range(len(items)), chunksize=chunksize))
    finally:
        _TASK = None


def in_background(function, *args):
    """Start ``function(*args)`` in a forked process and return a function that gives
    its result, waiting for it if need be (its exception, if it raised). Where the
    system cannot fork, the returned function makes the call itself."""
    if not FORK:
        return lambda: function(*args)
    global _TASK
    _TASK = (lambda: function(*args), None)
    workers_pool = pool(1)
    try:
        future = workers_pool.submit(_run, 0)        # forks now, with _TASK set
    finally:
        _TASK = None
        workers_pool.shutdown(wait=False)
    return future.result
