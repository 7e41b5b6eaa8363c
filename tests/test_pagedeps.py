"""Source pages depend on one digest file each: the digest follows what the page
shows (its source's parse, its spans in the comparison), not where the parse came from."""
from __future__ import annotations

import shutil
from pathlib import Path

from evidence.publish import export
from evidence.read import corpus
from evidence.site import pagedeps

from evidence import paths


def load(tmp_path: Path, cache: bool):
    return corpus.load(tmp_path / "sources", paths.REGISTRY,
                       cache_dir=tmp_path / "cache" if cache else None)


def test_digests_are_the_same_from_the_cache_and_from_a_parse(tmp_path, monkeypatch):
    shutil.copytree(paths.SOURCES, tmp_path / "sources")
    monkeypatch.setattr(paths, "ROOT", tmp_path)
    written = {}
    for label, cache in (("plain", False), ("cold", True), ("warm", True)):
        loaded = load(tmp_path, cache)
        changed = pagedeps.write(loaded, export.comparison_for(loaded))
        written[label] = {p.name: p.read_bytes() for p in pagedeps.deps_dir().iterdir()}
        if label == "plain":
            assert sorted(changed) == sorted(f"{s.source_id}.sha256" for s in loaded.sources)
        else:
            assert changed == [], (label, changed)    # same content: no file rewritten
    assert written["plain"] == written["cold"] == written["warm"]
    assert {pagedeps.dep_path(s).name for s in loaded.by_id()} == set(written["plain"])


def test_the_digest_follows_the_page_content():
    parsed = corpus.load(paths.SOURCES, paths.REGISTRY, cache_dir=None).sources[0]
    base = pagedeps.page_digest("v1", parsed, [("events", 10, 20)])
    assert pagedeps.page_digest("v1", parsed, [("events", 10, 20)] * 2) == base
    assert pagedeps.page_digest("v1", parsed, [("events", 10, 21)]) != base
    assert pagedeps.page_digest("v1", parsed, [("claims", 10, 20)]) != base
    assert pagedeps.page_digest("v2", parsed, [("events", 10, 20)]) != base
    parsed.pubdate.evidence = parsed.pubdate.evidence + " (changed)"
    assert pagedeps.page_digest("v1", parsed, [("events", 10, 20)]) != base


def test_the_site_reads_the_spans_build_data_walked(tmp_path, monkeypatch):
    from evidence.site import spans
    shutil.copytree(paths.SOURCES, tmp_path / "sources")
    monkeypatch.setattr(paths, "ROOT", tmp_path)
    loaded = load(tmp_path, True)
    assert loaded.key
    comparison = export.comparison_for(loaded)
    walked, walk = [], spans.comparison_spans
    monkeypatch.setattr(spans, "comparison_spans", lambda c: walked.append(1) or walk(c))
    pagedeps.write(loaded, comparison)                    # build-data: walked once
    plain = {s.source_id: sorted(spans.source_spans(comparison, s.source_id))
             for s in loaded.sources}
    assert len(walked) == 1 and any(plain.values())
    again = load(tmp_path, True)                          # the site: another process
    other = export.comparison_for(again)
    assert other is not comparison
    assert {sid: sorted(spans.source_spans(other, sid, again.key)) for sid in plain} == plain
    assert len(walked) == 1                               # read from the cache
    fresh = export.comparison_for(load(tmp_path, False))  # no key: walked, the same spans
    assert {sid: sorted(spans.source_spans(fresh, sid)) for sid in plain} == plain
    assert len(walked) == 2
