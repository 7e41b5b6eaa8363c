"""Formatted bibliography entries remembered between builds (``site.bibcache``): the
same text as pybtex's own formatting, reused only for the same style, label and entry."""
from __future__ import annotations

import pybtex.plugin
import pytest
from pybtex.backends.plaintext import Backend
from pybtex.database import parse_string
from pybtex.style.formatting import BaseStyle

from evidence.site import bibcache

BIB = """@misc{a1, author = {{Outlet One}}, title = {{Talks \\& truce in Doha}}, year = {2025},
  note = {publication date inferred from the text: 2025-10-19}}
@misc{b2, author = {{Outlet Two}}, title = {{Second round}}, year = {n.d.}, note = {URL unknown}}
"""


def formatted(bib: str, calls: list) -> dict[str, str]:
    style = pybtex.plugin.find_plugin("pybtex.style.formatting", "plain")()
    entries = list(parse_string(bib, "bibtex").entries.values())
    original = getattr(BaseStyle.format_entry, "__wrapped__", BaseStyle.format_entry)

    def counting(self, label, entry, bib_data=None):
        calls.append(entry.key)
        return original(self, label, entry, bib_data)
    wrapped = bibcache.remembering(counting)
    out = {}
    for label, e in zip(style.format_labels(style.sort(entries)), style.sort(entries)):
        got = wrapped(style, label, e)
        assert (got.key, got.label) == (e.key, label)
        out[e.key] = f"[{label}] " + got.text.render(Backend())
    return out


def test_the_same_text_and_only_new_or_edited_entries_formatted_again(tmp_path):
    path = tmp_path / "cache" / bibcache.FILE
    calls: list = []
    bibcache.load(path)
    first = formatted(BIB, calls)
    assert sorted(calls) == ["a1", "b2"] and "Talks & truce in Doha" in first["a1"]
    bibcache.save()
    assert path.exists()

    calls.clear()
    bibcache.load(path)                      # the next build: nothing changed
    assert formatted(BIB, calls) == first and calls == []
    mtime = path.stat().st_mtime_ns
    bibcache.save()
    assert path.stat().st_mtime_ns == mtime   # nothing new: not rewritten

    calls.clear()
    bibcache.load(path)                      # one entry edited, one added
    edited = BIB.replace("Second round", "Third round") + \
        "@misc{c3, author = {{Outlet Three}}, title = {{Later}}, year = {2025}}\n"
    again = formatted(edited, calls)
    assert sorted(calls) == ["b2", "c3"] and "Third round" in again["b2"]
    assert again["a1"] == first["a1"]
    calls.clear()                            # an entry before the others: labels renumbered
    early = formatted(edited + "@misc{a0, author = {{Agency}}, title = {{First}}, year = {2024}}\n",
                      calls)
    assert calls == ["a0"] and early["a1"] != again["a1"]
    assert early["a1"].split("] ", 1)[1] == again["a1"].split("] ", 1)[1]
    bibcache.save()
    bibcache.load(path)
    assert len(bibcache._STATE["memo"]) == 4   # the old b2 is not kept


def test_an_unreadable_or_other_version_file_is_ignored(tmp_path, monkeypatch):
    path = tmp_path / bibcache.FILE
    path.write_bytes(b"not a pickle")
    bibcache.load(path)
    assert bibcache._STATE["memo"] == {}
    calls: list = []
    formatted(BIB, calls)
    bibcache.save()
    monkeypatch.setattr(bibcache, "_versions", lambda: ("0", "0"))
    bibcache.load(path)
    assert bibcache._STATE["memo"] == {}


def test_pybtex_plugins_are_looked_up_once_and_are_the_same(monkeypatch):
    from pybtex import plugin
    calls = []
    real = getattr(plugin._load_entry_point, "__wrapped__", plugin._load_entry_point)
    monkeypatch.setattr(plugin, "_load_entry_point",
                        lambda *a, **k: calls.append(a) or real(*a, **k))
    bibcache.remember_plugins()
    first = plugin.find_plugin("pybtex.style.formatting", "plain")
    assert plugin.find_plugin("pybtex.style.formatting", "plain") is first
    assert first is real("pybtex.style.formatting", "plain")
    assert len(calls) == 1                         # the second answer was remembered
    with pytest.raises(plugin.PluginNotFound):     # not found: asked again, raised again
        plugin.find_plugin("pybtex.style.formatting", "no-such-style")
    with pytest.raises(plugin.PluginNotFound):
        plugin.find_plugin("pybtex.style.formatting", "no-such-style")
    assert len(calls) == 3
