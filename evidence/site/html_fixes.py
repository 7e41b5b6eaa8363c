"""Fixes to the HTML that Sphinx, docutils and the theme write, made per page.

Each fix names what it mends; none touches the text of a page.
"""
from __future__ import annotations

import html
import re

# docutils writes a bibliography as <div role="list"> holding <div role="doc-biblioentry">
# entries; ARIA's list needs listitem children (axe-core: aria-required-children).
_CITATION_ROLE = re.compile(r'(<div class="citation" id="[^"]*") role="doc-biblioentry"')


def citation_list_items(app, pagename, templatename, context, doctree):
    """Bibliography entries are the list items of their citation list."""
    body = context.get("body")
    if body and 'class="citation-list"' in body:
        context["body"] = _CITATION_ROLE.sub(r'\1 role="listitem"', body)


def escape_page_title(app, pagename, templatename, context, doctree):
    """Sphinx hands templates ``pagetitle``, the title with its tags stripped, and
    stripping also unescapes it (``&lt;script&gt;`` becomes ``<script>``); the theme
    writes it as it is (its print header, the window title).  A source page's title is
    an article's headline: escape it back."""
    if context.get("pagetitle"):
        context["pagetitle"] = html.escape(context["pagetitle"], quote=False)


def drop_duplicate_scripts(app, pagename, templatename, context, doctree):
    """Keep the first of identical <script> entries.  With Sphinx 7, a body-only script
    that an extension registers after the builder started (sphinx-thebe's
    ``const THEBE_JS_URL = …``) is listed twice, once with filename None and once
    with "", so Sphinx does not see the copy: a SyntaxError on every page."""
    scripts = context.get("script_files")
    if not scripts:
        return
    seen, kept = set(), []
    for js in scripts:
        attributes = getattr(js, "attributes", {}) or {}
        key = (getattr(js, "filename", js) or "", str(sorted(attributes.items())))
        if key not in seen:
            seen.add(key)
            kept.append(js)
    context["script_files"] = kept
