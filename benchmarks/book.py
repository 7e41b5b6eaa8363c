"""Build-time benchmark: `make book` against stock Jupyter Book on the same texts.

For each N, a scratch copy of the project gets the N sources (the project's own,
then articles mixed from real ones, ``benchmarks/mixed.py``) and is built three
times: clean (no ``_build/``), again with nothing changed, and after one more source
is added. A stock Jupyter Book with one Markdown page per text (the same texts, a
globbed table of contents) is built the same three ways in the same run. Every
project build is strict, so this is also the proof that a book of N mixed sources
builds; a failed build is reported with the tail of its output. `make book` is timed
as its data-and-site part and its PDF part (stock Jupyter Book makes no PDF), with the
load average at each step: the machine is shared.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import mixed  # noqa: E402

ROOT = HERE.parent
IGNORE = shutil.ignore_patterns(".venv", ".git", "_build", "__pycache__", ".pytest_cache",
                                ".hypothesis", "benchmarks", "tests")
STOCK_CONFIG = """title: Stock sample book
author: Benchmark
execute:
  execute_notebooks: "off"
"""
STOCK_TOC = """format: jb-book
root: intro
chapters:
  - glob: pages/*
"""


def _run(cmd: list[str], cwd: Path, env: dict | None = None) -> tuple[float, subprocess.CompletedProcess]:
    t0 = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    return round(time.perf_counter() - t0, 2), done


def _tail(done: subprocess.CompletedProcess) -> str:
    return (done.stdout[-1500:] + "\n" + done.stderr[-2500:]).strip()


def _size(folder: Path, suffix: str | None = None) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*")
               if p.is_file() and (suffix is None or p.suffix == suffix))


def project_copy(work: Path, n: int) -> Path:
    """The project with ``n`` sources (its own first, then mixed articles)."""
    copy = work / f"project-{n}"
    shutil.copytree(ROOT, copy, ignore=IGNORE)        # copy2 keeps times: no reinstall
    (copy / ".venv").symlink_to(ROOT / ".venv")
    own = len(list((copy / "data" / "sources").iterdir()))
    if n < own:
        raise SystemExit(f"N = {n}: the chapters cite all {own} of the project's sources")
    mixed.generate(copy / "data" / "sources", n - own)
    return copy


def texts_of(project: Path) -> list[str]:
    return [p.read_text(encoding="utf-8", errors="replace")
            for p in sorted((project / "data" / "sources").iterdir())]


def stock_book(work: Path, texts: list[str]) -> Path:
    book = work / f"stock-{len(texts)}"
    (book / "pages").mkdir(parents=True)
    (book / "_config.yml").write_text(STOCK_CONFIG)
    (book / "_toc.yml").write_text(STOCK_TOC)
    (book / "intro.md").write_text("# Stock sample book\n\nThe same texts, one page each.\n")
    for i, text in enumerate(texts):
        add_stock_page(book, i, text)
    return book


def add_stock_page(book: Path, i: int, text: str) -> None:
    (book / "pages" / f"page_{i:05d}.md").write_text(f"# Article {i}\n\n{text}\n")


def _make(project: Path, *targets: str) -> tuple[float, subprocess.CompletedProcess]:
    env = dict(os.environ, PYTHONPATH=str(project))
    env.pop("EVIDENCE_ROOT", None)
    return _run(["make", *(targets or ("book",))], project, env)


def _make_book(project: Path) -> tuple[float, float, subprocess.CompletedProcess]:
    """`make book` as its two parts, timed apart: the data and the site (what stock
    Jupyter Book does), then the PDF edition (which stock does not make).
    Returns (total seconds, PDF seconds, the failed or last run)."""
    seconds, done = _make(project, "data", "site")
    if done.returncode != 0:
        return seconds, 0.0, done
    pdf_seconds, pdf_done = _make(project, "pdf")
    pdf_done.stdout = done.stdout + pdf_done.stdout
    return round(seconds + pdf_seconds, 2), pdf_seconds, pdf_done


def _jb(book: Path) -> tuple[float, subprocess.CompletedProcess]:
    return _run([str(ROOT / ".venv" / "bin" / "jupyter-book"), "build", str(book)], book)


def bench_size(work: Path, n: int) -> dict:
    """clean / no-change / one-added for the project and for stock, at N = ``n``."""
    project = project_copy(work, n)
    texts = texts_of(project)
    stock = stock_book(work, texts)
    result = {"n": n, "ok": True, "failures": []}
    steps = [("clean", None), ("nochange", None), ("added", "add")]
    for step, action in steps:
        if action == "add":
            new = mixed.generate(project / "data" / "sources", 1, prefix="added", start=n)[0]
            add_stock_page(stock, len(texts), new.read_text(encoding="utf-8"))
        seconds, pdf_seconds, done = _make_book(project)
        result[f"{step}_s"] = seconds
        result[f"{step}_pdf_s"] = pdf_seconds
        result[f"{step}_load"] = " ".join(f"{x:.1f}" for x in os.getloadavg())
        if done.returncode != 0:
            result["ok"] = False
            result["failures"].append(f"make book ({step}) failed:\n{_tail(done)}")
        mode = [ln for ln in done.stdout.splitlines()
                if ln.startswith(("Full build", "Incremental build", "Site up to date"))]
        result[f"{step}_mode"] = mode[0] if mode else ""
        seconds, done = _jb(stock)
        result[f"stock_{step}_s"] = seconds
        if done.returncode != 0:
            result["failures"].append(f"stock build ({step}) failed:\n{_tail(done)}")
        if step == "clean":
            site = project / "_build" / "html"
            result["site_kb_per_source"] = round(_size(site) / 1024 / n, 1)
            result["html_kb_per_source"] = round(_size(site, ".html") / 1024 / n, 1)
            result["stock_html_kb_per_page"] = round(
                _size(stock / "_build" / "html", ".html") / 1024 / n, 1)
    result["clean_ratio"] = round(result["clean_s"] / max(result["stock_clean_s"], 0.01), 2)
    result["clean_site_ratio"] = round((result["clean_s"] - result["clean_pdf_s"])
                                       / max(result["stock_clean_s"], 0.01), 2)
    shutil.rmtree(project, ignore_errors=True)
    shutil.rmtree(stock, ignore_errors=True)
    return result


def report(rows: list[dict]) -> list[str]:
    head = (f"{'N':>6} {'clean s':>8} {'(PDF)':>7} {'stock':>7} {'ratio':>6} {'w/o PDF':>7} "
            f"{'no-chg s':>9} {'stock':>7} {'1-added s':>10} {'(PDF)':>7} {'stock':>7} "
            f"{'HTML KB/src':>12} {'site KB/src':>12}  load (clean)")
    lines = [head]
    for r in rows:
        lines.append(f"{r['n']:>6,} {r['clean_s']:>8} {r['clean_pdf_s']:>7} "
                     f"{r['stock_clean_s']:>7} {r['clean_ratio']:>6} {r['clean_site_ratio']:>7} "
                     f"{r['nochange_s']:>9} {r['stock_nochange_s']:>7} "
                     f"{r['added_s']:>10} {r['added_pdf_s']:>7} {r['stock_added_s']:>7} "
                     f"{r['html_kb_per_source']:>12} {r['site_kb_per_source']:>12}  "
                     f"{r['clean_load']}" + ("" if r["ok"] else "  BUILD FAILED"))
    return lines


def targets(rows: list[dict]) -> dict[str, bool]:
    """The issue's targets, judged on the largest N measured."""
    big = max(rows, key=lambda r: r["n"])
    return {f"N = {big['n']:,} builds strictly": all(r["ok"] for r in rows),
            "clean <= 1.5x stock": big["clean_ratio"] <= 1.5,
            "no-change <= 2 s": all(r["nochange_s"] <= 2.0 for r in rows),
            "one added <= 30 s": big["added_s"] <= 30.0,
            "HTML <= 100 KB/source": big["html_kb_per_source"] <= 100}
