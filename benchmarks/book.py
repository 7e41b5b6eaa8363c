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

import json
import os
import re
import resource
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


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(cmd: list[str], cwd: Path, env: dict | None = None) -> tuple[float, float, subprocess.CompletedProcess]:
    """Wall seconds, CPU seconds (the command and every process it waited for: Sphinx's
    workers, the notebook kernels) and the finished process. On this shared machine
    wall time moves with the other sessions' load, CPU time with the code."""
    t0, c0 = time.perf_counter(), _children_cpu()
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    return round(time.perf_counter() - t0, 2), round(_children_cpu() - c0, 1), done


def _tail(done: subprocess.CompletedProcess) -> str:
    return (done.stdout[-1500:] + "\n" + done.stderr[-2500:]).strip()


def _size(folder: Path, suffix: str | None = None) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*")
               if p.is_file() and (suffix is None or p.suffix == suffix))


# Ids of the added sources: the project's own ids start with digits, the mixed ones "mix".
ADDED_FIRST, ADDED_LAST = "0000", "zz"


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


def _make(project: Path, *targets: str) -> tuple[float, float, subprocess.CompletedProcess]:
    env = dict(os.environ, PYTHONPATH=str(project))
    env.pop("EVIDENCE_ROOT", None)
    return _run(["make", *(targets or ("book",))], project, env)


def _data_site(project: Path, breakdown: dict | None):
    """`make data site`; with ``breakdown`` (a dict to fill), build-data runs through
    ``steps`` (the same command, its steps timed) and the site's output is summarised:
    the data steps' CPU and wall seconds, the site's own, documents read, notebooks
    executed."""
    if breakdown is None:
        return _make(project, "data", "site")
    env = dict(os.environ, PYTHONPATH=str(project))
    env.pop("EVIDENCE_ROOT", None)
    python = str(ROOT / ".venv" / "bin" / "python")
    seconds, cpu, done = _run([python, str(HERE / "book.py"), "--steps", "build-data"],
                              project, env)
    found = re.search(r"^STEPS (.*)$", done.stderr, re.MULTILINE)
    breakdown["data"] = json.loads(found.group(1)) if found else {}
    breakdown["data_s"], breakdown["data_cpu_s"] = seconds, cpu
    if done.returncode != 0:
        return seconds, cpu, done
    site_seconds, site_cpu, site = _make(project, "site")
    breakdown.update(site_s=site_seconds, site_cpu_s=site_cpu, site=site_steps(site.stdout))
    site.stdout = done.stdout + site.stdout
    return round(seconds + site_seconds, 2), round(cpu + site_cpu, 1), site


def _make_book(project: Path, breakdown: dict | None = None
               ) -> tuple[float, float, float, subprocess.CompletedProcess]:
    """`make book` as its two parts, timed apart: the data and the site (what stock
    Jupyter Book does), then the PDF edition (which stock does not make).
    Returns (total seconds, PDF seconds, total CPU seconds, the failed or last run)."""
    seconds, cpu, done = _data_site(project, breakdown)
    if done.returncode != 0:
        return seconds, 0.0, cpu, done
    pdf_seconds, pdf_cpu, pdf_done = _make(project, "pdf")
    pdf_done.stdout = done.stdout + pdf_done.stdout
    return round(seconds + pdf_seconds, 2), pdf_seconds, round(cpu + pdf_cpu, 1), pdf_done


def _jb(book: Path) -> tuple[float, float, subprocess.CompletedProcess]:
    return _run([str(ROOT / ".venv" / "bin" / "jupyter-book"), "build", str(book)], book)


def bench_size(work: Path, n: int) -> dict:
    """clean / no-change / one-added for the project and for stock, at N = ``n``."""
    project = project_copy(work, n)
    texts = texts_of(project)
    stock = stock_book(work, texts)
    result = {"n": n, "ok": True, "failures": []}
    # one source added, twice: under an id that sorts before every other, then after
    steps = [("clean", None), ("nochange", None), ("added", ADDED_FIRST), ("added_last", ADDED_LAST)]
    for i, (step, prefix) in enumerate(steps):
        if prefix:
            new = mixed.generate(project / "data" / "sources", 1, prefix=prefix, start=n + i)[0]
            add_stock_page(stock, len(list((stock / "pages").iterdir())),
                           new.read_text(encoding="utf-8"))
        breakdown = {} if prefix else None
        seconds, pdf_seconds, cpu, done = _make_book(project, breakdown)
        if breakdown is not None:
            result[f"{step}_steps"] = breakdown
        result[f"{step}_s"] = seconds
        result[f"{step}_cpu_s"] = cpu
        result[f"{step}_pdf_s"] = pdf_seconds
        result[f"{step}_load"] = " ".join(f"{x:.1f}" for x in os.getloadavg())
        if done.returncode != 0:
            result["ok"] = False
            result["failures"].append(f"make book ({step}) failed:\n{_tail(done)}")
        mode = [ln for ln in done.stdout.splitlines()
                if ln.startswith(("Full build", "Incremental build", "Site up to date"))]
        result[f"{step}_mode"] = mode[0] if mode else ""
        seconds, cpu, done = _jb(stock)
        result[f"stock_{step}_s"] = seconds
        result[f"stock_{step}_cpu_s"] = cpu
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
    result["clean_cpu_ratio"] = round(result["clean_cpu_s"] / max(result["stock_clean_cpu_s"], 0.01), 2)
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
    lines.append("CPU seconds (the command and every process it waited for):")
    lines.append(f"{'N':>6} {'clean':>8} {'stock':>7} {'ratio':>6} {'no-chg':>8} {'1-added':>8} "
                 f"{'stock':>7}")
    for r in rows:
        lines.append(f"{r['n']:>6,} {r['clean_cpu_s']!s:>8} {r['stock_clean_cpu_s']!s:>7} "
                     f"{r['clean_cpu_ratio']:>6} {r['nochange_cpu_s']!s:>8} "
                     f"{r['added_cpu_s']!s:>8} {r['stock_added_cpu_s']!s:>7}")
    lines += [line for r in rows for line in breakdown_lines(r)]
    return lines


def breakdown_lines(r: dict) -> list[str]:
    """The one-added builds' steps (id sorting first, then last): build-data's (CPU /
    wall seconds), then the site's."""
    lines = []
    for step, where in (("added", "first"), ("added_last", "last")):
        b = r.get(f"{step}_steps")
        if not b:
            continue
        data = ", ".join(f"{k} {v['cpu']}/{v['wall']}" for k, v in b.get("data", {}).items())
        site = b.get("site", {})
        lines.append(
            f"N = {r['n']:,} one added (id sorting {where}: {r.get(f'{step}_s', '?')} s, PDF "
            f"{r.get(f'{step}_pdf_s', '?')} s, load {r.get(f'{step}_load', '?')}), CPU/wall s: "
            f"build-data {b['data_cpu_s']}/{b['data_s']} ({data}); build-site "
            f"{b.get('site_cpu_s', '?')}/{b.get('site_s', '?')} ({site.get('read', '?')} "
            f"documents read, {site.get('notebooks', '?')} notebooks executed in "
            f"{site.get('notebook_s', '?')} s)")
    return lines


def targets(rows: list[dict]) -> dict[str, bool]:
    """The issue's targets, judged on the largest N measured."""
    big = max(rows, key=lambda r: r["n"])
    return {f"N = {big['n']:,} builds strictly": all(r["ok"] for r in rows),
            "clean <= 1.5x stock": big["clean_ratio"] <= 1.5,
            "clean CPU <= 1.5x stock's": big["clean_cpu_ratio"] <= 1.5,
            "no-change <= 2 s": all(r["nochange_s"] <= 2.0 for r in rows),
            "one added <= 30 s": max(big["added_s"], big.get("added_last_s", 0)) <= 30.0,
            "HTML <= 100 KB/source": big["html_kb_per_source"] <= 100}


# ------------------------------------------------------------------ per-step breakdown

# build-data's steps: (label, module, function) timed in place when run by ``steps``.
DATA_STEPS = (("parse", "evidence.read.corpus", "_results"),
              ("corpus pass", "evidence.read.corpus", "_collect"),
              ("comparison", "evidence.publish.export", "comparison_for"),
              ("figures", "evidence.publish.export", "figure_files"),
              ("export", "evidence.publish.export", "render"),
              ("write", "evidence.publish.export", "write"),
              ("source stubs", "evidence.site.sitegen", "write_source_pages"),
              ("pagedeps", "evidence.site.pagedeps", "write"))


def steps(command: str) -> int:
    """Run ``python -m evidence <command>`` here with each of ``DATA_STEPS`` timed (CPU
    and wall seconds of this process), printed as one JSON line ``STEPS {...}`` to
    stderr. "export" includes waiting for the figures, drawn meanwhile by a forked
    process (whose time is not counted here: "figures" shows only where it cannot
    fork); "total" is the whole command."""
    import importlib
    import time

    from evidence import cli
    times: dict[str, list[float]] = {}

    def timed(label, function):
        def wrapper(*args, **kwargs):
            c0, t0 = time.process_time(), time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent = times.setdefault(label, [0.0, 0.0])
                spent[0] += time.process_time() - c0
                spent[1] += time.perf_counter() - t0
        return wrapper
    for label, module, name in DATA_STEPS:
        mod = importlib.import_module(module)
        setattr(mod, name, timed(label, getattr(mod, name)))
    code = timed("total", cli.main)([command])
    print("STEPS " + json.dumps({k: {"cpu": round(v[0], 2), "wall": round(v[1], 2)}
                                 for k, v in times.items()}), file=sys.stderr)
    return code


_SPHINX = {"read": re.compile(r"updating environment: .*?(\d+) added, (\d+) changed"),
           "executed": re.compile(r"(?:Executed notebook|executed ahead of reading) in ([\d.]+) "
                                   r"seconds")}


def site_steps(output: str) -> dict:
    """From build-site's output: documents read (added + changed), notebooks executed
    and their seconds, documents written."""
    text = re.sub(r"\x1b\[[0-9;]*m", "", output)
    read = _SPHINX["read"].search(text)
    executed = [float(x) for x in _SPHINX["executed"].findall(text)]
    written = re.findall(r"writing output\.\.\. \[\s*\d+%\] (\S+)(?: \.\. (\S+))?", text)
    return {"read": sum(map(int, read.groups())) if read else 0,
            "notebooks": len(executed), "notebook_s": round(sum(executed), 1),
            "written_chunks": len(written)}


if __name__ == "__main__" and len(sys.argv) == 3 and sys.argv[1] == "--steps":
    sys.exit(steps(sys.argv[2]))
