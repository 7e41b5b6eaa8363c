"""Command line: ``python -m evidence <command>``.

  build-data   parse data/sources/ and regenerate data/processed/ (+ source pages)
  check        exit 1 when data/processed/ is not what build-data would write
  build-site   strict jupyter-book build; notebooks re-run when their inputs changed
  evaluate     measure the reading against a gold file (--gold PATH): publication
               dates, date references, events, copies, outlets; writes nothing in data/
  where        print the checkout this installed package runs from (--check: exit 1
               unless it is the current directory, e.g. after copying a checkout)

Bad input never costs data: if any raw file is unusable, every problem is printed
(one line each) and nothing under data/processed/ is touched.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

from evidence import paths, stamps

BUILD = paths.ROOT / "_build"
DATA_STAMP = BUILD / ".data-stamp"
FINGERPRINT = BUILD / ".inputs-fingerprint"
PAGE_READS = BUILD / ".page-reads"      # the data each page declaring it read (rereads)
JUPYTER_CACHE = BUILD / ".jupyter_cache"
SITE = BUILD / "html"
SITE_DATA = SITE / "data"
# build-data: what it reads, and what it writes (a changed output is rewritten too).
DATA_STEP = {"inputs": ("data/sources", "data/registry.csv", "data/knowledge", "evidence",
                        "requirements.txt", "pyproject.toml"),
             "outputs": ("data/processed", "book/sources", "_build/evidence-pages")}
# build-site: code and configuration (any change: every page rebuilt), the data (the
# hand-written pages are re-read and notebooks re-executed; source pages follow their
# own dependency files) and the pages (Sphinx's incremental build alone).
SITE_INPUTS = {"code": ("evidence", "requirements.txt", "pyproject.toml", "_config.yml",
                        "_static"),
               "data": ("data",),
               "pages": ("book", "notebooks", "_toc.yml")}
# Hand-written pages: they run notebooks or read the data through roles and directives.
DATA_READERS = ("book", "notebooks")


def _load_or_report():
    from evidence.read import corpus as corpus_mod
    corpus = corpus_mod.load()
    for line in corpus.warnings:
        print(f"warning: {line}", file=sys.stderr)
    if corpus.problems:
        for line in corpus.problems:
            print(f"error: data/sources/{line}", file=sys.stderr)
        print(f"{len(corpus.problems)} unusable source file(s); data/processed/ left as it "
              "was. Fix or remove the files named above and run again.", file=sys.stderr)
        return None
    if not corpus.sources:
        print(f"error: no source files in {paths.SOURCES}", file=sys.stderr)
        return None
    return corpus


def build_data(args: argparse.Namespace) -> int:
    if not args.check:
        before = stamps.state(DATA_STEP)
        if stamps.read(DATA_STAMP) == before:
            print("data/processed/: up to date (no input changed since the last build-data)")
            return 0
        DATA_STAMP.unlink(missing_ok=True)
    from evidence.publish import export
    corpus = _load_or_report()
    if corpus is None:
        return 1
    comparison = export.comparison_for(corpus)
    if args.check:
        rendered = export.render(corpus, comparison)
        problems = export.stale(rendered)
        for line in problems:
            print(f"stale: data/processed/{line}", file=sys.stderr)
        if problems:
            print("data/processed/ is out of date: run `make book` and commit the result.",
                  file=sys.stderr)
            return 1
        print("data/processed/ is up to date.")
        return 0
    # the timeline is drawn on the other core while the pages' files and tables are made
    figures = export.figures_in_background(corpus, comparison)
    from evidence.site import pagedeps, sitegen
    sitegen.write_source_pages(corpus, comparison)
    pagedeps.write(corpus, comparison)
    changed = export.write(export.render(corpus, comparison, figures))
    # the inputs as they were read (one edited meanwhile is seen as changed next time);
    # the outputs as written
    stamps.write(DATA_STAMP, {**before, "outputs": stamps.digest(DATA_STEP["outputs"])})
    print(f"data/processed/: {len(corpus.sources)} sources, "
          f"{len(changed)} file(s) changed" + (f" ({', '.join(changed[:6])}"
                                                 f"{', …' if len(changed) > 6 else ''})"
                                                 if changed else ""))
    return 0


def inputs_fingerprint(root: Path = paths.ROOT) -> dict[str, str]:
    return stamps.state(SITE_INPUTS, root)


def publish_data() -> None:
    """Copy data/processed/ to the site (``data/``) so every table, figure, clean text
    and the bibliography can be downloaded from it."""
    mirror(paths.PROCESSED, SITE_DATA)


def mirror(source: Path, target: Path) -> None:
    """Make ``target`` hold the files of ``source``: a file whose size or time differs
    is copied (with its time), the others are left alone, and files ``source`` no
    longer has are removed (copying all of data/processed/ anew took 2 s a build at a
    thousand sources, for the few files that changed)."""
    wanted = {p.relative_to(source) for p in source.rglob("*") if p.is_file()}
    for rel in sorted(wanted):
        src, dst = source / rel, target / rel
        have = dst.stat() if dst.is_file() else None
        st = src.stat()
        if have is None or (have.st_size, have.st_mtime_ns) != (st.st_size, st.st_mtime_ns):
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)
    if target.is_dir():
        for path in sorted(target.rglob("*"), reverse=True):
            if path.is_file() and path.relative_to(target) not in wanted:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()




def jobs() -> int:
    """Processes for Sphinx (``EVIDENCE_JOBS``, default: every core)."""
    return max(1, int(os.environ.get("EVIDENCE_JOBS") or os.cpu_count() or 1))


# Extensions Jupyter Book loads whose ``setup`` does not say whether they are safe for
# Sphinx's parallel build: Sphinx would warn (an error in this strict build) and work
# serially. Both keep no state of their own per document, so they are declared safe:
# sphinx-multitoc-numbering (always loaded by sphinx-external-toc) only replaces the
# section-numbering step, which Sphinx runs in the main process after merging the
# readers' results; sphinx-jupyterbook-latex only adds doctree transforms for the
# LaTeX builder and sets its environment flags once, before the readers start.
UNDECLARED_PARALLEL_SAFE = ("sphinx_multitoc_numbering", "sphinx_jupyterbook_latex")


def _declare_parallel_safe() -> None:
    import importlib
    for name in UNDECLARED_PARALLEL_SAFE:
        module = importlib.import_module(name)
        if getattr(module.setup, "evidence_declared", False):
            continue

        def setup(app, _original=module.setup, _module=module):
            declared = _original(app) or {}
            return {"version": getattr(_module, "__version__", "unknown"), **declared,
                    "parallel_read_safe": True, "parallel_write_safe": True}
        setup.evidence_declared = True
        module.setup = setup


def run_jupyter_book(full: bool, ahead: list[Path] = ()) -> int:
    """``jupyter-book build . --builder html -W -n --keep-going [--all]``, through
    Jupyter Book's own configuration and build function, plus ``-j`` (its command line
    has no option for Sphinx's parallel build). The notebooks among ``ahead`` start
    running in the background first (``notebook_runs``)."""
    from jupyter_book.cli.main import build as jb_build
    from jupyter_book.config import get_final_config
    from jupyter_book.sphinx import build_sphinx

    from evidence.site import chunks, notebook_runs
    _declare_parallel_safe()
    chunks.install()
    path_config, source, overrides = jb_build.callback(
        path_source=str(paths.ROOT), path_output=None, config=None, toc=None,
        warningiserror=True, nitpick=True, keep_going=True, freshenv=full, builder="html",
        custom_builder=None, verbose=0, quiet=0, individualpages=False,
        get_config_only=True)
    # sphinx-external-toc stores the table of contents' path resolved; given relative, the
    # saved environment's config never matches and every build re-reads every page
    toc = overrides.get("external_toc_path")
    if toc:
        overrides["external_toc_path"] = str((paths.ROOT / toc).resolve())
    if ahead:
        config, _ = get_final_config(user_yaml=Path(path_config), sourcedir=paths.ROOT,
                                     cli_config={"latex_individualpages": False})
        notebook_runs.start(list(ahead), config, paths.ROOT, BUILD / "notebook-runs.log")
    try:
        result = build_sphinx(source, SITE, use_external_toc=True, noconfig=True,
                              path_config=path_config, confoverrides=overrides,
                              builder="html", warningiserror=True, keep_going=True,
                              freshenv=full, jobs=jobs())
    finally:
        notebook_runs.stop()
    if isinstance(result, Exception) or result:
        _stop_workers()
    if isinstance(result, Exception):
        print(f"error: {type(result).__name__}: {result}", file=sys.stderr)
        return 1
    return int(result or 0)


def _stop_workers(grace: float = 5.0) -> None:
    """After a failed parallel build, stop Sphinx's other reader processes. When a
    worker fails while Sphinx is still handing out chunks, Sphinx raises without
    stopping the others, and Python waits for them at exit: each would go on
    executing its notebooks (their kernels exit with them)."""
    import multiprocessing
    workers = multiprocessing.active_children()
    for worker in workers:
        worker.terminate()
    for worker in workers:
        worker.join(grace)
        if worker.is_alive():
            worker.kill()
            worker.join()


def build_site(args: argparse.Namespace) -> int:
    current = inputs_fingerprint()
    previous = stamps.read(FINGERPRINT)
    changed = stamps.changed(previous, current)
    if not (SITE / "index.html").exists():
        changed.add("code")
    if not changed:
        print(f"Site up to date: no input changed since the last build ({SITE / 'index.html'})")
        return 0
    FINGERPRINT.unlink(missing_ok=True)
    from evidence.site import rereads
    read_before = stamps.read(PAGE_READS)
    PAGE_READS.unlink(missing_ok=True)
    full = "code" in changed
    marked = []
    if full or "data" in changed:
        # jupyter-cache keys on code cells only; the data changed, so forget executions.
        shutil.rmtree(JUPYTER_CACHE, ignore_errors=True)
    if full:
        print("Full build (code or configuration changed): every page is rebuilt")
    elif "data" in changed:
        marked = rereads.mark_readers(paths.ROOT, DATA_READERS, read_before)
        print(f"Incremental build (data changed): {len(marked)} chapter(s) and notebook(s) "
              "re-read, source pages rebuilt where their evidence changed")
    else:
        print("Incremental build (pages changed)")
    if run_jupyter_book(full, [paths.ROOT / page for page in marked]) != 0:
        print("error: the site build failed (warnings are errors: see above).",
              file=sys.stderr)
        return 1
    publish_data()
    stamps.write(PAGE_READS, rereads.state(paths.ROOT, DATA_READERS))
    stamps.write(FINGERPRINT, current)
    print(f"Site built: {SITE / 'index.html'}  (view it with `make serve`)")
    return 0


def evaluate(args: argparse.Namespace) -> int:
    from evidence import evaluation
    code, report = evaluation.evaluate(Path(args.gold), with_urls=not args.no_urls,
                                       with_project=not args.gold_only, keep=args.keep)
    print("\n".join(report.lines).lstrip())
    print("\n## Summary")
    print("\n".join(report.summary))
    return code


def _diff(args: argparse.Namespace) -> int:
    from evidence.publish import diff      # imported here: the no-change build stays fast
    return diff.main(args)


def where(args: argparse.Namespace) -> int:
    """The installed package must be this checkout's, or notebooks and Sphinx would
    silently read another copy's code and data."""
    package_root = Path(__file__).resolve().parent.parent
    print(package_root)
    if args.check:
        return 0 if package_root == Path.cwd().resolve() else 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evidence", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("build-data", help="regenerate data/processed/")
    p.add_argument("--check", action="store_true", help="only report stale outputs")
    p.set_defaults(func=build_data)
    p = sub.add_parser("check", help="exit 1 if data/processed/ is stale")
    p.set_defaults(func=build_data, check=True)
    p = sub.add_parser("build-site", help="strict jupyter-book build")
    p.set_defaults(func=build_site)
    p = sub.add_parser("diff", help="Markdown summary of data changes since a git revision")
    p.add_argument("rev", help="git revision to compare the working tree with (e.g. HEAD, main)")
    p.set_defaults(func=_diff)
    p = sub.add_parser("evaluate", help="measure the reading against a gold file")
    p.add_argument("--gold", required=True, help="the gold file (e.g. ../shared/corpus/gold.json)")
    p.add_argument("--no-urls", action="store_true",
                   help="do not register the gold articles' URLs (text evidence only)")
    p.add_argument("--gold-only", action="store_true",
                   help="parse the gold articles without this project's sources")
    p.add_argument("--keep", metavar="DIR", help="build in DIR and keep it (for inspection)")
    p.set_defaults(func=evaluate)
    p = sub.add_parser("where", help="the checkout the installed package runs from")
    p.add_argument("--check", action="store_true",
                   help="exit 1 unless it is the current directory")
    p.set_defaults(func=where)
    args = parser.parse_args(argv)
    return args.func(args)
