"""The book's notebooks executed ahead of Sphinx, into jupyter-cache, while Sphinx starts.

When the data change, every notebook runs again. myst-nb runs a notebook when Sphinx
reads it, so the kernels waited for Sphinx to start (imports, its saved environment:
seconds at a thousand sources) and then shared the reading with the pages. Here
build-site starts one background process (``start``) that runs the notebooks in one
kernel (``run``) on the core Sphinx's main process leaves, and stores each in
jupyter-cache as myst-nb would: the notebook read by myst-nb's own reader (jupyter-cache
matches a notebook by its code cells and kernelspec), executed by jupyter-cache's
``single_nb_execution`` in the notebook's folder with the book's timeout. When Sphinx
then reads a notebook, myst-nb finds it in the cache; the Sphinx extension waits for
the run (``wait``, in ``ahead``) before the first notebook is read. A notebook that
fails is not stored: myst-nb runs it again and reports the failure as it always did,
so the strict build fails the same way. Notebooks sharing a kernel start from a fresh
namespace, but modules stay imported: a notebook must not change a library's global
settings (pandas' display options, matplotlib's rcParams) that another one relies on.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

# the background run: (process, its output file, when it started)
_running: tuple[subprocess.Popen, Path, float] | None = None


def start(pages: list[Path], config: dict, root: Path, log: Path) -> bool:
    """Run the notebooks among ``pages`` in the background, with the book's execution
    settings (``config``: Sphinx's ``nb_execution_*`` values). False when there is no
    notebook to run, or the settings are not the ones this mirrors (execution cached,
    in the notebook's folder, every notebook executed)."""
    global _running
    if (config.get("nb_execution_mode") != "cache" or config.get("nb_execution_in_temp")
            or config.get("nb_execution_excludepatterns")):
        return False
    notebooks = [p for p in pages if is_notebook(p)]
    if not notebooks:
        return False
    cache = root / (config.get("nb_execution_cache_path") or ".jupyter_cache")
    create_cache(cache)      # before two processes (this one's myst-nb and the run) open it
    settings = {"cache": str(cache), "timeout": config.get("nb_execution_timeout", 30),
                "allow_errors": bool(config.get("nb_execution_allow_errors"))}
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "w", encoding="utf-8") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "evidence.site.notebook_runs", json.dumps(settings),
             *map(str, notebooks)], stdout=out, stderr=subprocess.STDOUT)
    _running = (process, log, time.perf_counter())
    return True


def create_cache(path) -> None:
    """Create jupyter-cache's database at ``path`` now, in this process: it is created
    on first use, and two processes opening it at once both created its tables
    (sqlite: "table settings already exists")."""
    from jupyter_cache import get_cache
    get_cache(str(path)).db.dispose()


def running() -> bool:
    return _running is not None


def stop() -> None:
    """End a run nobody waited for (the build failed before reading a notebook)."""
    global _running
    if _running is not None:
        _running[0].terminate()
        _running[0].wait()
        _running = None


def wait() -> list[str]:
    """Wait for the background run; one line per notebook it ran (and, if the run
    itself broke, a line saying so: myst-nb then runs the notebooks as before)."""
    global _running
    if _running is None:
        return []
    process, log, started = _running
    _running = None
    code = process.wait()
    lines = []
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            done = json.loads(line)
        except ValueError:
            continue
        outcome = (f"executed ahead of reading in {done['seconds']:.2f} seconds"
                   if done["ok"] else f"failed ahead of reading ({done['error']}); "
                   "Sphinx runs it again")
        lines.append(f"{done['path']}: {outcome}")
    if code != 0:
        lines.append(f"notebooks could not be run ahead of reading (exit {code}, see {log}); "
                     "Sphinx runs them")
    lines.append(f"notebooks ready {time.perf_counter() - started:.2f} s after the run began")
    return lines


def is_notebook(path: Path) -> bool:
    """A MyST Markdown notebook (the book's only kind), by myst-nb's own test."""
    from myst_nb.core.read import is_myst_markdown_notebook
    if path.suffix != ".md":
        return False
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return False
    return is_myst_markdown_notebook(text)


def read(path: Path):
    """The notebook as myst-nb reads a MyST Markdown one for jupyter-cache."""
    from myst_nb.core.read import myst_nb_reader_plugin
    return myst_nb_reader_plugin(str(path))


# Between two notebooks sharing a kernel: a fresh namespace and execution count, as in
# a new kernel (imported modules, and what they cached, stay).
RESET = "get_ipython().reset(new_session=True)"


def _kernel_name(notebook) -> str:
    return notebook.metadata.get("kernelspec", {}).get("name", "python3")


def _lanes(notebooks: list[Path]) -> dict[tuple[str, str], list[tuple[Path, object]]]:
    """Notebooks grouped by folder and kernel (one kernel each), in their order."""
    lanes: dict[tuple[str, str], list] = {}
    for path in notebooks:
        notebook = read(path)
        lanes.setdefault((str(path.parent), _kernel_name(notebook)), []).append((path, notebook))
    return lanes


def run(notebooks: list[Path], settings: dict):
    """Yield (path, executed notebook or None if it failed, seconds, error) per notebook.
    The notebooks of one folder and kernel run one after another in one kernel, its
    namespace reset between them: the kernel's start, the imports and the corpus a
    view loads are paid once, not once a notebook (the book's notebooks set no state
    outside their own namespace that another notebook would read)."""
    from jupyter_cache.executors.utils import single_nb_execution
    from jupyter_client.manager import KernelManager
    from nbformat import v4
    for (folder, kernel), members in _lanes(notebooks).items():
        manager = KernelManager(kernel_name=kernel)
        options = {"cwd": folder, "timeout": settings["timeout"], "km": manager,
                   "allow_errors": settings["allow_errors"], "meta_override": True}
        try:
            for n, (path, notebook) in enumerate(members):
                if n:
                    reset = v4.new_notebook(cells=[v4.new_code_cell(RESET)],
                                            metadata={"kernelspec": notebook.metadata.get(
                                                "kernelspec", {})})
                    single_nb_execution(reset, **options)
                result = single_nb_execution(notebook, **options)
                error = "" if result.err is None else type(result.err).__name__
                yield path, (notebook if not error else None), result.time, error
                if error:                        # a fresh kernel for the others
                    manager.shutdown_kernel(now=True)
        finally:
            if manager.has_kernel:
                manager.shutdown_kernel(now=True)


def main(argv: list[str]) -> int:
    from jupyter_cache import get_cache
    from jupyter_cache.base import CacheBundleIn
    settings, notebooks = json.loads(argv[0]), [Path(p) for p in argv[1:]]
    cache = get_cache(settings["cache"])
    for path, notebook, seconds, error in run(notebooks, settings):
        if notebook is not None:
            cache.cache_notebook_bundle(
                CacheBundleIn(notebook, str(path), data={"execution_seconds": seconds}),
                check_validity=False, overwrite=True)
        print(json.dumps({"path": os.path.relpath(path), "ok": not error,
                          "seconds": round(seconds, 2), "error": error}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
