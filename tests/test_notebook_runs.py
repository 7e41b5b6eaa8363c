"""Notebooks run ahead of Sphinx (``notebook_runs``) and the reading that waits for
them (``ahead``): what the run stores must be what myst-nb looks up, a failed notebook
is never stored, and the reading order and process count are restored for writing."""
from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from evidence import paths
from evidence.site import ahead, notebook_runs

NOTEBOOK = """\
---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---

# A notebook

```{code-cell} ipython3
print(6 * 7)
```
"""

CONFIG = {"nb_execution_mode": "cache", "nb_execution_in_temp": False,
          "nb_execution_excludepatterns": [], "nb_execution_timeout": 60,
          "nb_execution_allow_errors": False, "nb_execution_cache_path": "cache"}


def _myst_nb_reading(path: Path):
    """The notebook as myst-nb reads it inside Sphinx, with the book's Markdown settings."""
    from jupyter_book.config import get_final_config
    from myst_nb.core.config import NbParserConfig
    from myst_nb.core.read import create_nb_reader
    from myst_parser.config.main import MdParserConfig
    config, _ = get_final_config(user_yaml=paths.ROOT / "_config.yml", sourcedir=paths.ROOT,
                                 cli_config={"latex_individualpages": False})
    md = MdParserConfig(enable_extensions=set(config["myst_enable_extensions"]))
    text = path.read_text(encoding="utf-8")
    reader = create_nb_reader(str(path), md, NbParserConfig(), text)
    return reader.read(text)


@pytest.mark.parametrize("notebook", sorted((paths.ROOT / "notebooks").glob("*.md")),
                         ids=lambda p: p.name)
def test_the_run_stores_each_book_notebook_under_the_key_myst_nb_looks_up(notebook, tmp_path):
    from jupyter_cache import get_cache
    cache = get_cache(str(tmp_path / "cache"))
    assert notebook_runs.is_notebook(notebook)
    _, ours = cache.create_hashed_notebook(notebook_runs.read(notebook))
    _, theirs = cache.create_hashed_notebook(_myst_nb_reading(notebook))
    assert ours == theirs


def test_a_notebook_run_ahead_is_found_in_the_cache_with_its_output(tmp_path):
    from jupyter_cache import get_cache
    good, bad = tmp_path / "good.md", tmp_path / "bad.md"
    good.write_text(NOTEBOOK)
    bad.write_text(NOTEBOOK.replace("print(6 * 7)", "raise ValueError('no')"))
    plain = tmp_path / "chapter.md"
    plain.write_text("# A chapter\n\nNo code here.\n")
    assert notebook_runs.start([good, bad, plain], CONFIG, tmp_path, tmp_path / "log")
    lines = notebook_runs.wait()
    assert not notebook_runs.running()
    assert any("good.md: executed ahead of reading" in line for line in lines), lines
    assert any("bad.md: failed ahead of reading (CellExecutionError)" in line
               for line in lines), lines
    cache = get_cache(str(tmp_path / "cache"))
    record = cache.match_cache_notebook(notebook_runs.read(good))
    outputs = cache.get_cache_bundle(record.pk).nb.cells[0].outputs
    assert "42" in json.dumps(outputs)
    with pytest.raises(KeyError):       # never stored: myst-nb runs it and reports it
        cache.match_cache_notebook(notebook_runs.read(bad))


def test_notebooks_sharing_a_kernel_start_from_a_fresh_namespace(tmp_path):
    from jupyter_cache import get_cache
    first, second, third = tmp_path / "a.md", tmp_path / "b.md", tmp_path / "c.md"
    first.write_text(NOTEBOOK.replace("print(6 * 7)", "import json\nanswer = 42\nanswer"))
    second.write_text(NOTEBOOK.replace("print(6 * 7)", "1 + 1"))
    third.write_text(NOTEBOOK.replace("print(6 * 7)", "print(json.dumps(answer))"))
    assert notebook_runs.start([first, second, third], CONFIG, tmp_path, tmp_path / "log")
    lines = notebook_runs.wait()
    assert [Path(line.split(":")[0]).name for line in lines if "executed ahead" in line] \
        == ["a.md", "b.md"]
    # what the first notebook defined (even an import) is gone for the others
    assert any("c.md: failed ahead of reading" in line for line in lines), lines
    cache = get_cache(str(tmp_path / "cache"))
    for path in (first, second):       # numbered from 1, as in a new kernel
        record = cache.match_cache_notebook(notebook_runs.read(path))
        assert cache.get_cache_bundle(record.pk).nb.cells[0].execution_count == 1


@pytest.mark.parametrize("change", [{"nb_execution_mode": "force"},
                                    {"nb_execution_in_temp": True},
                                    {"nb_execution_excludepatterns": ["*"]}])
def test_no_run_ahead_when_the_book_executes_otherwise(change, tmp_path):
    good = tmp_path / "good.md"
    good.write_text(NOTEBOOK)
    assert not notebook_runs.start([good], {**CONFIG, **change}, tmp_path, tmp_path / "log")
    assert not notebook_runs.running()
    assert not notebook_runs.start([tmp_path / "missing.md"], CONFIG, tmp_path, tmp_path / "log")


def _reading(tmp_path, pages: int, monkeypatch):
    """Sphinx's app and environment as ``ahead`` sees them, with a run under way."""
    waited = []
    monkeypatch.setattr(notebook_runs, "running", lambda: not waited)
    monkeypatch.setattr(notebook_runs, "wait", lambda: waited.append(1) or ["ready"])
    (tmp_path / "nb.md").write_text(NOTEBOOK)
    (tmp_path / "page.md").write_text("# Page\n")
    env = SimpleNamespace(doc2path=lambda d: tmp_path / ("nb.md" if d.startswith("nb")
                                                         else "page.md"))
    docnames = ["nb_a"] + [f"page_{i:03d}" for i in range(pages)] + ["nb_b"]
    return SimpleNamespace(parallel=2), env, docnames, waited


def test_a_few_pages_are_read_serially_before_the_notebooks_which_wait(tmp_path, monkeypatch):
    app, env, docnames, waited = _reading(tmp_path, 3, monkeypatch)
    ahead.order_reading(app, env, docnames)
    assert app.parallel == 1
    assert docnames == ["page_000", "page_001", "page_002", "nb_a", "nb_b"]
    ahead.before_notebook(app, "page_000", [""])
    assert not waited                    # pages are read while the notebooks run
    ahead.before_notebook(app, "nb_a", [""])
    assert waited == [1]
    ahead.before_notebook(app, "nb_b", [""])
    assert waited == [1]
    ahead.restore(app, env)
    assert app.parallel == 2             # written in parallel as usual


def test_many_pages_are_read_in_parallel_after_the_run(tmp_path, monkeypatch):
    app, env, docnames, waited = _reading(tmp_path, ahead.SERIAL_READ_MAX + 1, monkeypatch)
    order = list(docnames)
    ahead.order_reading(app, env, docnames)
    assert waited == [1] and app.parallel == 2 and docnames == order
    ahead.restore(app, env)
    assert app.parallel == 2
