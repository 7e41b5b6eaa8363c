"""Citations you can check: the narrative's promises, tested on the markdown itself.

- every factual paragraph of a story chapter cites at least one source ({cite});
- every {quote} appears verbatim in its source's clean text;
- every other quotation mark pair in the prose encloses words found verbatim in a
  source that paragraph cites;
- every {cite} key is a bibliography entry and every {fact} key exists.
The build checks quotes and facts too (evidence.site.sphinx_ext); these tests check the
text independently of Sphinx.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from evidence import paths

BOOK = paths.BOOK
# Pages about the report itself (how it works, how to cite it), not about the events.
ABOUT_PAGES = {"methods", "data", "bibliography", "source-texts"}
EXEMPT = re.compile(r"<!--\s*no-citation:")

ROLE = re.compile(r"\{(\w+(?::\w+)?)\}`([^`]*)`")
BARE_QUOTE = re.compile(r"[“\"]([^”\"\n]{3,}?)[”\"]")


def chapters() -> list[Path]:
    return sorted(p for p in BOOK.glob("*.md"))


def paragraphs(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)          # front matter
    text = re.sub(r"^```.*?^```", "", text, flags=re.S | re.M)          # code / directives
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text)]
    return [b for b in blocks if b and not b.startswith("#")]


def clean_text(source_id: str) -> str:
    path = paths.PROCESSED / "clean" / f"{source_id}.txt"
    assert path.exists(), f"unknown source {source_id}"
    return path.read_text(encoding="utf-8")


def cited(paragraph: str) -> set[str]:
    keys = set()
    for role, content in ROLE.findall(paragraph):
        if role.startswith("cite"):
            keys.update(k.strip() for k in content.split(","))
    return keys


STORY = [p for p in chapters() if p.stem not in ABOUT_PAGES]


def test_the_story_chapters_exist():
    assert {p.stem for p in STORY} >= {"index", "background", "doha", "istanbul",
                                       "agreement", "november6", "outlets"}


@pytest.mark.parametrize("path", STORY, ids=lambda p: p.stem)
def test_every_factual_paragraph_cites_a_source(path):
    missing = [b[:80] for b in paragraphs(path)
               if not EXEMPT.search(b) and not cited(b)]
    assert not missing, f"{path.name}: paragraphs without {{cite}}: {missing}"


@pytest.mark.parametrize("path", chapters(), ids=lambda p: p.stem)
def test_every_quote_role_is_verbatim(path):
    for role, content in ROLE.findall(path.read_text(encoding="utf-8")):
        if role != "quote":
            continue
        source_id, _, words = content.partition("|")
        words = " ".join(words.split())
        assert words in " ".join(clean_text(source_id).split()), \
            f"{path.name}: not verbatim in {source_id}: {words!r}"


@pytest.mark.parametrize("path", STORY, ids=lambda p: p.stem)
def test_bare_quotations_are_verbatim_in_a_cited_source(path):
    for block in paragraphs(path):
        prose = ROLE.sub(" ", block)               # roles are checked separately
        for words in BARE_QUOTE.findall(prose):
            sources = cited(block)
            assert sources, f"{path.name}: quotation {words!r} in a paragraph with no citation"
            assert any(" ".join(words.split()) in " ".join(clean_text(s).split())
                       for s in sources), f"{path.name}: {words!r} not verbatim in {sources}"


def test_cite_and_fact_keys_exist():
    bib = (paths.PROCESSED / "references.bib").read_text(encoding="utf-8")
    keys = set(re.findall(r"^@\w+\{([^,]+),", bib, flags=re.M))
    facts = json.loads((paths.PROCESSED / "facts.json").read_text(encoding="utf-8"))
    for path in chapters():
        for role, content in ROLE.findall(path.read_text(encoding="utf-8")):
            if role.startswith("cite"):
                for key in content.split(","):
                    assert key.strip() in keys, f"{path.name}: unknown citation {key!r}"
            elif role == "fact":
                assert content in facts, f"{path.name}: unknown fact {content!r}"
