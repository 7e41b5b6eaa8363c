"""A notebook whose kernel dies while starting is run again, up to ``TRIES`` times.

A full build executes the notebooks in Sphinx's parallel readers, each starting its own
kernel. jupyter_client picks a kernel's ports by opening free ones and closing them
before the kernel binds them, so two kernels started at the same moment by two processes
can be given the same port; one of them then dies before answering ("Kernel died before
replying to kernel_info", a known race of Jupyter kernel start-up) and the strict build
failed for no fault of the book (seen here about once in six clean builds). Nothing of
the notebook has run at that point, so running it again is safe; any other error, and
the same one after ``TRIES`` starts, is raised as before. ``install`` wraps the function
myst-nb executes notebooks with, in the modules that call it, once per process.
"""
from __future__ import annotations

import functools

TRIES = 3
DIED_STARTING = "before replying to kernel_info"     # jupyter_client's message
_CALLERS = ("myst_nb.core.execute.cache", "myst_nb.core.execute.direct")


def retrying(execute):
    """Wrap ``single_nb_execution``: a kernel that died starting is started again."""

    @functools.wraps(execute)
    def wrapper(*args, **kwargs):
        for attempt in range(1, TRIES + 1):
            try:
                return execute(*args, **kwargs)
            except RuntimeError as err:
                if DIED_STARTING not in str(err) or attempt == TRIES:
                    raise
    wrapper.evidence_retrying = True
    return wrapper


def install() -> None:
    import importlib
    for name in _CALLERS:
        module = importlib.import_module(name)
        if not getattr(module.single_nb_execution, "evidence_retrying", False):
            module.single_nb_execution = retrying(module.single_nb_execution)
