"""html_author.author: trafilatura's extract_author, answered in one walk over the page."""
from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from trafilatura import metadata as tm
from trafilatura.utils import load_html

from evidence.read import html_author

TESTS = Path(__file__).parent
TAGS = ["a", "div", "span", "p", "section", "time", "figure", "h3", "h4", "strong",
        "address", "link", "author", "article", "rel"]
ATTRIBUTES = {
    "class": ["author", "author-name", "AuthorName", "byline", "Byline", "byl", "title",
              "date", "comments", "Comments", "sidebar", "writer", "print", "x author y",
              "meta-date", "username"],
    "id": ["author", "Author", "comments", "commentlist", "zuozhe", "x"],
    "itemprop": ["author", "author name", "name"],
    "data-component": ["Byline", "Figure", "x"],
    "data-testid": ["AuthorCard", "AuthorURL", "x"],
    "rel": ["author", "me"],
}
TEXTS = ["", "Jane Doe", "By A. Writer", "ab", "x" * 130, " Name  Surname ", "me"]


def element(children):
    return st.builds(
        lambda tag, attrs, text, kids, tail: (
            f"<{tag}{''.join(f' {k}={v!r}' for k, v in attrs.items())}>{text}"
            f"{''.join(kids)}</{tag}>{tail}"),
        st.sampled_from(TAGS),
        st.dictionaries(st.sampled_from(sorted(ATTRIBUTES)), st.just(None), max_size=3).flatmap(
            lambda keys: st.fixed_dictionaries({k: st.sampled_from(ATTRIBUTES[k]) for k in keys})),
        st.sampled_from(TEXTS), st.lists(children, max_size=3), st.sampled_from(TEXTS))


PAGES = st.lists(st.recursive(st.sampled_from(TEXTS), element, max_leaves=12),
                 min_size=1, max_size=4).map(
    lambda parts: f"<html><head><title>t</title></head><body>{''.join(parts)}</body></html>")


def test_written_for_the_installed_trafilatura():
    """The walk mirrors these expressions; with others it hands every page to trafilatura."""
    assert html_author._MIRRORS


@settings(max_examples=500, deadline=None)
@given(PAGES)
def test_same_author_as_trafilatura(page):
    tree = load_html(page)
    assert html_author.author(tree) == tm.extract_author(tree)


def test_same_author_on_saved_pages():
    pages = sorted(TESTS.glob("**/*.htm*"))
    assert pages
    for path in pages:
        tree = load_html(path.read_bytes())
        if tree is not None:
            assert html_author.author(tree) == tm.extract_author(tree), path


def test_pruned_parts_are_not_the_author():
    """A byline inside a comment section or a <figure> is pruned first; the next one counts."""
    page = ("<html><body><div class='comments'><span class='author'>Commenter One</span></div>"
            "<figure><span class='author'>Photo Desk</span></figure>"
            "<p class='byline'>Jane Doe</p></body></html>")
    tree = load_html(page)
    assert html_author.author(tree) == tm.extract_author(tree) == "Jane Doe"


def test_an_element_holding_a_pruned_one_is_left_to_trafilatura():
    """Pruning the <time> inside the byline joins the text around it: trafilatura decides."""
    page = ("<html><body><div class='author'>Jane<time>today</time>Doe</div>"
            "<p>text</p></body></html>")
    tree = load_html(page)
    assert html_author.author(tree) == tm.extract_author(tree) == "JaneDoe"
