"""Photo captions of a saved web page (``<figcaption>``, which trafilatura leaves out)
are kept in the clean text as marked paragraphs, so the dates they give are read."""
from __future__ import annotations

from test_pubdate import load, write   # the corpus helpers, one copy

from evidence.read import captions

PAGE = """<html><head><title>Envoys meet</title></head><body><article>
<h1>Envoys meet in Oslo as the truce holds</h1>
<p>Envoys from both sides met in Oslo on Thursday to discuss how the truce would be kept,
officials from both delegations said after the meeting ended late in the evening.</p>
<figure><img src="a.jpg"><figcaption>Guards patrol the <b>border</b> near Kabul on
May 2, 2024 &amp; after.</figcaption></figure>
<p>The talks are to resume next week in the same city, the officials said, adding that
no date had yet been set for the next round of the negotiations between them.</p>
</article></body></html>"""


def test_a_caption_missing_from_the_body_follows_it_as_a_marked_paragraph():
    assert captions.block(PAGE, "Envoys met.") == \
        "\n\nPhoto caption: Guards patrol the border near Kabul on May 2, 2024 & after."
    # one the body already holds, or none at all: nothing added
    assert captions.block(PAGE, "... Guards patrol the border near Kabul on May 2, 2024 & after.") == ""
    assert captions.block("<p>No figure here.</p>", "No figure here.") == ""


def test_a_captions_date_is_a_mention_of_the_clean_text(tmp_path):
    write(tmp_path, "p.html", PAGE)
    source = load(tmp_path)["p"]
    text = source.clean.text
    [m] = [m for m in source.dates if m.text == "May 2, 2024"]
    assert text[m.start:m.end] == "May 2, 2024" and "Photo caption: Guards" in text
