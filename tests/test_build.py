"""The build's promises, proved on a scratch copy of the project.

`make book` must fail on a citation to an unknown key, a broken internal link and a
failing notebook cell; a new file in data/sources/ must reach every page on the next
`make book` (notebooks re-executed although their code did not change), while a build
with nothing changed re-executes and rewrites nothing.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
IGNORE = shutil.ignore_patterns(".venv", ".git", "_build", "__pycache__", ".pytest_cache",
                                ".hypothesis", "benchmarks")

# A new outlet's article that also tries to inject markup: it must flow into every page
# and render as inert text everywhere.
NEW_ARTICLE = """\
Talks resume in Istanbul <script>alert("headline")</script>

KABUL: Delegations of Pakistan and Afghanistan met again in Istanbul on November 6, 2025,
the Turkish Foreign Ministry said, to agree on a monitoring and verification mechanism for
the ceasefire reached in Doha on October 19, 2025. <img src=x onerror=alert(1)>

"The ceasefire will hold," a Qatari mediator told reporters on Thursday. See
[details](javascript:alert(2)) and {eval-rst}`.. raw:: html` for more.

```{raw} html
<script>alert(3)</script>
```
"""


def make(copy: Path, *targets: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(copy))
    env.pop("EVIDENCE_ROOT", None)
    return subprocess.run(["make", *targets], cwd=copy, env=env, capture_output=True,
                          text=True, timeout=900)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A built copy of the project sharing this checkout's virtual environment."""
    if not (ROOT / ".venv" / ".requirements-installed").exists():
        pytest.fail("run `make book` first: the build tests reuse its .venv")
    copy = tmp_path_factory.mktemp("book") / "project"
    shutil.copytree(ROOT, copy, ignore=IGNORE)          # copy2 keeps mtimes: no reinstall
    (copy / ".venv").symlink_to(ROOT / ".venv")
    result = make(copy, "book")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return copy


def fails_with(project: Path, relpath: str, addition: str, expected: str) -> None:
    """Append ``addition`` to a page, check `make book` fails naming ``expected``, undo."""
    page = project / relpath
    original = page.read_text()
    try:
        page.write_text(original + addition)
        result = make(project, "book")
        output = result.stdout + result.stderr
        assert result.returncode != 0, output[-3000:]
        assert expected in output, output[-3000:]
    finally:
        page.write_text(original)


def test_unknown_citation_fails_the_build(project):
    fails_with(project, "book/doha.md", "\nSee {cite}`no_such_source_key`.\n",
               "no_such_source_key")


def test_broken_internal_link_fails_the_build(project):
    fails_with(project, "book/doha.md", "\nSee [the missing page](no-such-page.md).\n",
               "no-such-page.md")


def test_failing_notebook_cell_fails_the_build(project):
    fails_with(project, "notebooks/timeline.md",
               "\n```{code-cell} ipython3\nraise ValueError('deliberate failure')\n```\n",
               "timeline")


def test_failing_notebook_cell_fails_the_build_when_the_data_changed_too(project):
    # the notebooks then run ahead of Sphinx (notebook_runs); a failed one is not cached,
    # so myst-nb runs it again and the build fails naming it, as before
    new = project / "data/sources/998_another_article.txt"
    new.write_text(NEW_ARTICLE.replace("Istanbul", "Doha"))
    try:
        fails_with(project, "notebooks/timeline.md",
                   "\n```{code-cell} ipython3\nraise ValueError('deliberate failure')\n```\n",
                   "timeline")
    finally:
        new.unlink()


def site_times(project: Path) -> dict[str, int]:
    return {p.relative_to(project).as_posix(): p.stat().st_mtime_ns
            for p in (project / "_build/html").rglob("*.html")}


def test_no_change_build_reexecutes_nothing(project):
    assert make(project, "book").returncode == 0   # settle after the failure tests
    before = site_times(project)
    result = make(project, "book")
    assert result.returncode == 0, result.stderr[-2000:]
    # Neither step did any work: no parse, no Sphinx start-up, no page rewritten.
    assert "data/processed/: up to date (no input changed" in result.stdout
    assert "Site up to date: no input changed" in result.stdout
    assert "Running Sphinx" not in result.stdout + result.stderr
    assert site_times(project) == before, "a no-change build rewrote a page"


def test_a_chapter_edit_rebuilds_without_rerunning_notebooks(project):
    assert make(project, "book").returncode == 0
    before = site_times(project)
    chapter = project / "book/methods.md"
    original = chapter.read_text()
    try:
        chapter.write_text(original + "\nA sentence the build test added.\n")
        result = make(project, "book")
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        assert "Incremental build (pages changed)" in result.stdout
        assert "Executing notebook" not in result.stdout + result.stderr
        assert "A sentence the build test added." in \
            (project / "_build/html/book/methods.html").read_text()
        after = site_times(project)
        assert after["_build/html/book/methods.html"] != before["_build/html/book/methods.html"]
        untouched = [name for name in before if "/sources/" in name or "/notebooks/" in name]
        assert untouched and all(after[n] == before[n] for n in untouched)
    finally:
        chapter.write_text(original)


def test_new_source_reaches_every_page(project):
    new_id = "999_new_outlet_article"
    assert make(project, "book").returncode == 0
    before = site_times(project)
    (project / "data/sources" / f"{new_id}.txt").write_text(NEW_ARTICLE)
    try:
        result = make(project, "book")
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        # Sphinx's incremental build, not --all: chapters and notebooks re-read (their
        # code did not change, the data did), source pages as their evidence changed.
        assert "Incremental build (data changed)" in result.stdout
        # ... except the page that declares it reads only the data dictionary.
        assert "book/data.md: Executing notebook" not in result.stdout + result.stderr
        assert site_times(project)["_build/html/book/data.html"] == \
            before["_build/html/book/data.html"]
        html = project / "_build/html"
        processed = project / "data/processed"
        assert new_id in (processed / "sources.csv").read_text()
        assert (processed / "clean" / f"{new_id}.txt").exists()
        assert new_id in (processed / "references.bib").read_text()
        # Notebook pages were re-executed with the new article (their code did not change),
        # ahead of Sphinx's reading, which found them in the execution cache.
        assert "notebooks/sources.md: executed ahead of reading" in result.stdout
        assert "notebooks/sources.md: Using cached notebook" in result.stdout
        assert new_id in (html / "notebooks/sources.html").read_text()
        assert (html / "book/sources" / f"{new_id}.html").exists()
        assert "not in the source registry" in (html / "book/bibliography.html").read_text()
        # ... and none of its markup became markup.
        page = (html / "book/sources" / f"{new_id}.html").read_text()
        assert "&lt;img src=x onerror=alert(1)&gt;" in page
        for built in html.rglob("*.html"):
            text = built.read_text()
            assert "<script>alert" not in text, built
            assert not re.search(r"<img[^>]*onerror", text), built
            assert not re.search(r'href="\s*javascript:', text), built
    finally:
        (project / "data/sources" / f"{new_id}.txt").unlink()
