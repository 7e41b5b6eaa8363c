"""A kernel that dies while starting (two kernels given one port) is started again; any
other error, or the same one every time, still fails the build."""
from __future__ import annotations

import pytest

from evidence.site import kernel_start

DIED = RuntimeError("Kernel died before replying to kernel_info")


def _flaky(failures: list):
    calls = []

    def execute(notebook, **options):
        calls.append(notebook)
        if failures:
            raise failures.pop(0)
        return ("ran", notebook, options)
    return execute, calls


def test_a_kernel_that_died_starting_is_started_again():
    execute, calls = _flaky([DIED, DIED])
    assert kernel_start.retrying(execute)("nb", cwd="x") == ("ran", "nb", {"cwd": "x"})
    assert calls == ["nb", "nb", "nb"]


def test_the_same_death_every_time_still_fails():
    execute, calls = _flaky([DIED] * kernel_start.TRIES)
    with pytest.raises(RuntimeError, match="kernel_info"):
        kernel_start.retrying(execute)("nb")
    assert len(calls) == kernel_start.TRIES


def test_any_other_error_fails_at_once():
    execute, calls = _flaky([RuntimeError("Kernel didn't respond in 60 seconds")])
    with pytest.raises(RuntimeError, match="respond"):
        kernel_start.retrying(execute)("nb")
    execute, calls = _flaky([ValueError("a cell failed")])
    with pytest.raises(ValueError):
        kernel_start.retrying(execute)("nb")
    assert calls == ["nb"]


def test_install_wraps_what_myst_nb_executes_with_once():
    import myst_nb.core.execute.cache as cache
    import myst_nb.core.execute.direct as direct
    kernel_start.install()
    kernel_start.install()
    for module in (cache, direct):
        assert module.single_nb_execution.evidence_retrying
        assert not getattr(module.single_nb_execution.__wrapped__, "evidence_retrying", False)
