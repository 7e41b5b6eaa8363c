"""A page's author as trafilatura's ``extract_author`` finds it, in one walk over the page.

trafilatura reads the author with three XPath expressions (``AUTHOR_XPATHS``: specific
markup, generic markup, then any element whose id or class names an author), in that
order, on a copy of the page with comment sections, titles, dates and figures pruned
(``AUTHOR_DISCARD_XPATHS``); the first element whose text is 3-119 characters long is
the author. Its regular-expression tests (``re:test``, which libxml2 calls back into
Python for) and the copy make that some 25 microseconds per element of the page, a
sixth of reading an HTML page. ``author`` asks the same questions of each element in
one Python walk (the same attribute values, tag names and ``re.search`` that EXSLT's
``re:test`` runs), never copying or pruning the page, and reads the first element in
the same order. It leaves the answer to trafilatura itself wherever the walk could
differ from the pruned copy: an element it reads holds one that pruning removes (its
text would lose that part), the page has a ``<rel>`` element (``rel='me'`` reads one's
text, which pruning can change), or trafilatura's expressions are not the ones this
module was written for (a new version: ``_WRITTEN_FOR``).
"""
from __future__ import annotations

import hashlib
import re

from lxml import etree
from trafilatura import metadata as tm
from trafilatura.utils import trim
from trafilatura.xpaths import AUTHOR_DISCARD_XPATHS, AUTHOR_XPATHS

# sha256 (first 16 hex digits) of the expressions' text the tests below mirror
_WRITTEN_FOR = "bd5f280624916a83"
MAX_CHARS = 120              # extract_author's len_limit: shorter than this, longer than 2

# AUTHOR_XPATHS[0]: these tags with these attribute values, or an <author> element
_SPECIFIC_TAGS = frozenset(("a", "address", "div", "link", "p", "span", "strong"))
_SPECIFIC_CLASS = re.compile("author-?name|AuthorName|authorName")
_SPECIFIC_TESTIDS = frozenset(("AuthorCard", "AuthorURL"))
# AUTHOR_XPATHS[1]
_GENERIC_TAGS = frozenset(("a", "div", "h3", "h4", "p", "span"))
_GENERIC_CLASSES = frozenset(("byline", "username", "byl", "BBL"))
_GENERIC_ID = re.compile("author|zuozhe|bianji|xiaobian")
_GENERIC_CLASS = re.compile(
    "author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name")
# AUTHOR_XPATHS[2]: any element
_ANY_ID = re.compile("[Aa]uthor")
_ANY_CLASS = re.compile("[Aa]uthor|screenname|writer|[Bb]yline")
# AUTHOR_DISCARD_XPATHS: below the root, these tags with these values; any <time>, <figure>
_DISCARD_TAGS = frozenset(("a", "div", "section", "span"))
_DISCARD_CLASSES = frozenset(("comments", "title", "date"))
_DISCARD_ID = re.compile("^comments|comment-?list|ProductReviews")
_DISCARD_CLASS = re.compile(
    "^[Cc]omments|commentlist|comments-list|sidebar|is-hidden|quote|embedly-instagram|"
    "article-(?:share|support)|print|category|meta-date|meta-reviewer")
_DISCARD_ANY = frozenset(("time", "figure"))


def _fingerprint() -> str:
    text = "\n".join(x.path for x in AUTHOR_XPATHS + AUTHOR_DISCARD_XPATHS)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


_MIRRORS = _fingerprint() == _WRITTEN_FOR


def author(tree) -> str | None:
    """``trafilatura.metadata.extract_author(tree)``, the same answer without its cost."""
    if not _MIRRORS or not isinstance(tree, etree._Element):
        return tm.extract_author(tree)
    found: tuple[list, list, list] = ([], [], [])
    discarded = set()
    for el in tree.iter():
        tag = el.tag
        if not isinstance(tag, str):
            continue                           # a comment or processing instruction
        if tag == "rel":
            return tm.extract_author(tree)
        get = el.get
        cls, ident, prop, comp = get("class", ""), get("id", ""), get("itemprop", ""), \
            get("data-component", "")
        if tag in _DISCARD_ANY or (tag in _DISCARD_TAGS and (
                ident == "comments" or cls in _DISCARD_CLASSES or _DISCARD_ID.search(ident)
                or _DISCARD_CLASS.search(cls) or "Figure" in comp)):
            discarded.add(el)
        if tag == "author" or (tag in _SPECIFIC_TAGS and (
                get("rel") == "author" or ident == "author" or cls == "author"
                or prop == "author name" or get("data-testid") in _SPECIFIC_TESTIDS
                or _SPECIFIC_CLASS.search(cls))):
            found[0].append(el)
        if tag in _GENERIC_TAGS and (cls in _GENERIC_CLASSES or "author" in prop
                                     or _GENERIC_ID.search(ident) or _GENERIC_CLASS.search(cls)):
            found[1].append(el)
        if "Byline" in comp or "author" in prop or _ANY_ID.search(ident) or _ANY_CLASS.search(cls):
            found[2].append(el)
    discarded.discard(tree)                    # pruning never removes the root
    holding = {a for d in discarded for a in d.iterancestors()}
    for results in found:
        for el in results:
            if el in discarded or any(a in discarded for a in el.iterancestors()):
                continue                       # pruned away
            if el in holding:
                return tm.extract_author(tree)  # its pruned text would differ
            content = trim(" ".join(el.itertext()))
            if content and 2 < len(content) < MAX_CHARS:
                return tm.normalize_authors(None, content)
    return None
