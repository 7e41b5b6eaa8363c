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
import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

from evidence.read import corpus as corpus_mod
from evidence.publish import diff, export
from evidence import paths

BUILD = paths.ROOT / "_build"
FINGERPRINT = BUILD / ".inputs-fingerprint"
JUPYTER_CACHE = BUILD / ".jupyter_cache"
# What notebooks and generated pages read: a change here must re-execute them.
FINGERPRINT_INPUTS = ("data", "evidence", "requirements.txt", "pyproject.toml")


def _load_or_report() -> corpus_mod.Corpus | None:
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
    corpus = _load_or_report()
    if corpus is None:
        return 1
    comparison = export.comparison_for(corpus)
    rendered = export.render(corpus, comparison)
    if args.check:
        problems = export.stale(rendered)
        for line in problems:
            print(f"stale: data/processed/{line}", file=sys.stderr)
        if problems:
            print("data/processed/ is out of date: run `make book` and commit the result.",
                  file=sys.stderr)
            return 1
        print("data/processed/ is up to date.")
        return 0
    changed = export.write(rendered)
    from evidence.site import sitegen
    sitegen.write_source_pages(corpus, comparison)
    print(f"data/processed/: {len(corpus.sources)} sources, "
          f"{len(changed)} file(s) changed" + (f" ({', '.join(changed[:6])}"
                                                 f"{', …' if len(changed) > 6 else ''})"
                                                 if changed else ""))
    return 0


def inputs_fingerprint(root: Path = paths.ROOT) -> str:
    digest = hashlib.sha256()
    for name in FINGERPRINT_INPUTS:
        base = root / name
        files = [base] if base.is_file() else sorted(
            p for p in base.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        for path in files:
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


SITE_DATA = BUILD / "html" / "data"


def publish_data() -> None:
    """Copy data/processed/ to the site (``data/``) so every table, figure, clean text
    and the bibliography can be downloaded from it."""
    shutil.rmtree(SITE_DATA, ignore_errors=True)
    shutil.copytree(paths.PROCESSED, SITE_DATA)


def build_site(args: argparse.Namespace) -> int:
    fingerprint = inputs_fingerprint()
    full = not FINGERPRINT.exists() or FINGERPRINT.read_text() != fingerprint
    if full:
        # jupyter-cache keys on code cells only; data changed, so forget executions.
        shutil.rmtree(JUPYTER_CACHE, ignore_errors=True)
    jb = Path(sys.executable).with_name("jupyter-book")
    cmd = [str(jb), "build", str(paths.ROOT), "--builder", "html",
           "-W", "-n", "--keep-going"] + (["--all"] if full else [])
    print(("Full build (inputs changed): " if full else "Incremental build: ") + " ".join(cmd[1:]))
    result = subprocess.run(cmd)
    if result.returncode != 0:
        FINGERPRINT.unlink(missing_ok=True)
        print("error: the site build failed (warnings are errors: see above).",
              file=sys.stderr)
        return 1
    publish_data()
    FINGERPRINT.write_text(fingerprint)
    print(f"Site built: {BUILD / 'html' / 'index.html'}  (view it with `make serve`)")
    return 0


def evaluate(args: argparse.Namespace) -> int:
    from evidence import evaluation
    code, report = evaluation.evaluate(Path(args.gold), with_urls=not args.no_urls,
                                       with_project=not args.gold_only, keep=args.keep)
    print("\n".join(report.lines).lstrip())
    print("\n## Summary")
    print("\n".join(report.summary))
    return code


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
    p.set_defaults(func=diff.main)
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
