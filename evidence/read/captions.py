"""Photo captions of a saved web page. trafilatura leaves ``<figcaption>`` out of the
article text, yet a caption is part of the article as published and often dates what
its photo shows ("... near the border on October 12"). ``block(page, body)`` gives each
caption the body does not already hold as a paragraph of its own, marked with
``MARK``, to follow the article text (a plain-text capture keeps its captions where
they stood; a page's are put after the text, as their place in it is not known)."""
from __future__ import annotations

import html
import re

MARK = "Photo caption:"
_CAPTION = re.compile(r"<figcaption\b[^>]*>(.*?)</figcaption\s*>", re.I | re.S)
_TAG = re.compile(r"<[^>]+>")


def block(page: str, body: str) -> str:
    """The page's captions missing from ``body``, each "\\n\\nPhoto caption: ...";
    empty when there are none (pages without a caption are not searched further)."""
    if "<figcaption" not in page and "<FIGCAPTION" not in page:
        return ""
    out: list[str] = []
    for m in _CAPTION.finditer(page):
        text = " ".join(html.unescape(_TAG.sub(" ", m.group(1))).split())
        if text and text not in body and text not in out:
            out.append(text)
    return "".join(f"\n\n{MARK} {t}" for t in out)
