"""Dates a capture claims outside its prose (the user's registry date, the page's
markup, its address, a stamp on its top line) and the year a yearless text takes from
a claim or from the collection: each used only when the content agrees."""
from __future__ import annotations

import datetime as dt

import pytest

from evidence.model import CleanDocument, Metadata, RawDocument, RegistryEntry
from evidence.read import clean, corpus, date_scan, html_meta, pubdate
from evidence.read.url_dates import url_date

D = dt.date
REPORT = ("The envoys met in Geneva on Tuesday and agreed to meet again. "
          "The previous round was held from March 1 to 3, 2024.")


def infer(text, html_date=None, url="", published="", note="", html_url=""):
    raw = RawDocument(source_id="t", path="t.txt", fmt="txt", text=text, sha256="",
                      html_date=html_date, html_url=html_url)
    doc = clean.clean(raw)
    entry = RegistryEntry(source_id="t", url=url, published=published, published_note=note)
    return pubdate.infer(raw, doc, Metadata(), entry)


def test_house_styles_of_dates_in_addresses():
    assert url_date("https://example.com/2024/03/12/envoys-meet")[0] == D(2024, 3, 12)
    assert url_date("https://example.in/world/12/03/2024/envoys-meet")[0] == D(2024, 3, 12)
    assert url_date("https://example.com/news/envoys-meet-2024-03-12-998877")[0] == D(2024, 3, 12)
    assert url_date("https://example.com/report/envoys-meet/20240312.htm")[0] == D(2024, 3, 12)
    assert url_date("https://example.com/en/202403127788")[0] == D(2024, 3, 12)
    assert url_date("https://example.com/world/envoys-meet-abc24031200123")[0] == D(2024, 3, 12)
    # an id ending in Unix milliseconds (1710244800000 = 2024-03-12 12:00 UTC)
    assert url_date("https://example.com/world/envoys-meet-101710244800000.html")[0] == D(2024, 3, 12)


def test_serial_numbers_and_hosts_are_not_dates():
    for url in ("https://example.com/1110274791/Envoys-Meet", "https://example.com/world/2030267",
                "https://example.com/story/2573709/envoys", "https://2024.example.com/a",
                "https://example.com/a?date=2024-03-12", "https://example.com/1999/99/99/x", ""):
        assert url_date(url) is None, url


def test_markup_publication_date_and_own_address_never_the_modified_date():
    page = ('<html><head><link rel="canonical" href="https://example.com/a">'
            '<meta property="article:published_time" content="2024-03-12T08:00:00+00:00">'
            '<meta property="article:modified_time" content="2024-04-01T08:00:00+00:00">'
            '</head><body><p>x</p></body></html>')
    assert html_meta.read(page) == (D(2024, 3, 12), "https://example.com/a")
    ld = ('<html><head><meta property="og:url" content="https://example.com/b">'
          '<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", '
          '"dateModified": "2024-04-01", "datePublished": "2024-03-11"}]}</script>'
          '</head><body></body></html>')
    assert html_meta.read(ld) == (D(2024, 3, 11), "https://example.com/b")
    modified_only = ('<html><head><script type="application/ld+json">{"dateModified": '
                     '"2024-04-01"}</script></head><body></body></html>')
    assert html_meta.read(modified_only) == (None, "")


def _page(head: str = "", body: str = "") -> str:
    lead = ("GENEVA: The envoys met in Geneva on Tuesday and agreed to meet again, "
            "officials from both delegations told reporters after the session ended.")
    return (f"<html><head><title>Envoys agree to meet again</title>{head}</head><body>"
            f"<nav><a href='/'>Home</a> <span>Monday, April 1, 2024</span></nav>"
            f"<article><h1>Envoys agree to meet again</h1>{body}<p>{lead}</p><p>{lead}</p>"
            f"</article><aside><ul><li><a href='/x'>Older story</a><div>March 2, 2024</div>"
            f"</li></ul></aside></body></html>")


@pytest.mark.parametrize("head, day", [
    ('<meta name="pubdate" content="20240312">', None),          # not ISO: no date read
    ('<meta name="publishdate" content="2024-03-12">', D(2024, 3, 12)),
    ('<meta name="date" content="2024-03-12">', D(2024, 3, 12)),
    ('<meta name="parsely-pub-date" content="2024-03-12T08:00:00Z">', D(2024, 3, 12)),
    ('<meta name="sailthru.date" content="2024-03-12 08:00:00">', D(2024, 3, 12)),
    ('<meta name="dc.date" content="2024-03-12">', D(2024, 3, 12)),
    ('<meta name="DC.date.issued" content="2024-03-12">', D(2024, 3, 12)),
    ('<meta name="last-modified" content="2024-04-01">', None),
    ('<meta property="og:updated_time" content="2024-04-01">', None),
])
def test_publication_names_in_meta_tags_and_never_modification_names(head, day):
    assert html_meta.read(_page(head))[0] == day


def test_time_elements_date_the_page_unless_marked_as_an_update_or_in_disagreement():
    one = '<p class="byline">By A. Writer <time datetime="2024-03-12T09:00">12 Mar</time></p>'
    assert html_meta.read(_page(body=one))[0] == D(2024, 3, 12)
    update = '<time class="updated" datetime="2024-04-01">1 Apr</time>'
    assert html_meta.read(_page(body=update))[0] is None
    marked = ('<time datetime="2024-03-12" pubdate>12 Mar</time>'
              '<time datetime="2024-02-01">1 Feb</time>')
    assert html_meta.read(_page(body=marked))[0] == D(2024, 3, 12)
    several = '<time datetime="2024-03-12">12 Mar</time><time datetime="2024-02-01">1 Feb</time>'
    assert html_meta.read(_page(body=several))[0] is None
    broken_ld = '<script type="application/ld+json">{"datePublished": "2024-03-12T08:00", }</script>'
    assert html_meta.read(_page(head=broken_ld))[0] == D(2024, 3, 12)


@pytest.mark.parametrize("body, line", [
    ('<div class="meta"><span>Published</span> <span>March 12, 2024</span></div>',
     "Published March 12, 2024"),
    ('<p class="author">By A. Writer</p><div>March 12, 2024</div>', "March 12, 2024"),
    ('<div>By A. Writer | Published: 12 Mar 2024 10:32 PKT | Updated: 13 Mar 2024</div>',
     "Published: 12 Mar 2024 10:32 PKT"),
    ('<div><span>Updated</span> <span>March 13, 2024</span></div>', ""),
    ('', ""),                    # the top bar's date and the aside's are not the article's
])
def test_the_date_line_printed_by_the_headline(body, line):
    assert html_meta.read_page(_page(body=body)).date_line == line


def test_a_printed_date_line_dates_the_story_when_the_content_agrees():
    raw = RawDocument(source_id="t", path="t.html", fmt="html", text=REPORT, sha256="",
                      html_date_line="Published March 12, 2024")
    p = pubdate.infer(raw, clean.clean(raw), Metadata(), RegistryEntry(source_id="t"))
    assert (p.published, p.method) == (D(2024, 3, 12), "date_line")
    assert "'Published March 12, 2024'" in p.evidence
    raw.html_date_line = "Published February 12, 2024"      # before the round it reports
    p = pubdate.infer(raw, clean.clean(raw), Metadata(), RegistryEntry(source_id="t"))
    assert p.method != "date_line" and p.published != D(2024, 2, 12)
    assert any("date line printed on the page 2024-02-12" in f and "contradicts" in f for f in p.flags)
    assert "Published" not in clean.clean(raw).text


def test_a_date_in_the_address_dates_the_story_when_the_content_agrees():
    p = infer(REPORT, url="https://example.com/2024/03/14/envoys")
    assert (p.published, p.precision, p.method) == (D(2024, 3, 14), "day", "url")
    assert p.evidence.startswith("date in the URL 2024-03-14 (https://example.com/2024/03/14/envoys)")
    early = infer(REPORT, url="https://example.com/2024/02/20/envoys")
    assert early.method != "url"
    assert any(f.startswith("date in the URL 2024-02-20") and "contradicts" in f for f in early.flags)


def test_the_page_address_serves_when_the_registry_has_none():
    p = infer(REPORT, html_url="https://example.com/2024/03/14/envoys")
    assert (p.published, p.method) == (D(2024, 3, 14), "url")


def test_a_date_the_user_states_is_used_first_and_still_checked():
    p = infer(REPORT, url="https://example.com/2024/03/14/envoys", published="2024-03-13",
              note="from the print edition")
    assert (p.published, p.method) == (D(2024, 3, 13), "registry")
    assert "from the print edition" in p.evidence
    wrong = infer(REPORT, published="2024-02-01")
    assert wrong.method != "registry"
    assert any(f.startswith("date stated in data/registry.csv 2024-02-01") for f in wrong.flags)


def test_a_stamp_glued_to_the_top_line_is_a_header_date_not_headline_text():
    text = " date 2024-03-14 Envoys agree to meet again\n\n" + REPORT + "\n"
    raw = RawDocument(source_id="t", path="t.txt", fmt="txt", text=text, sha256="")
    doc = clean.clean(raw)
    assert doc.text.startswith("Envoys agree to meet again")
    assert doc.header_dates == [("date 2024-03-14", D(2024, 3, 14))]
    p = pubdate.infer(raw, doc, Metadata())
    assert (p.published, p.method) == (D(2024, 3, 14), "page_header")
    # only the top line: the same words later are text
    later = clean.clean(RawDocument(source_id="t", path="t.txt", fmt="txt", sha256="",
                                    text=REPORT + "\n\ndate 2024-03-14 is when it ran.\n"))
    assert "date 2024-03-14 is when it ran." in later.text


def test_a_yearless_text_takes_the_year_of_a_claim_it_agrees_with():
    text = "Envoys met on Tuesday. They had met in Geneva since March 1 and will meet again on March 20."
    p = infer(text, url="https://example.com/2024/03/14/envoys")
    assert (p.published, p.method) == (D(2024, 3, 14), "url")


def test_datelines_in_the_house_styles_of_agencies_and_papers():
    for line in ("GENEVA, March 14. /TASS/. The envoys met.",
                 "Geneva, Mar 14 (NewsAgency) The envoys met.",
                 "Geneva/Bern/Zurich, March 14 (Agency): The envoys met.",
                 "Bern/Geneva, Mar 14 (UNI) The envoys met.",
                 "GENEVA, Mar 14: The envoys met."):
        first = next(f for f in date_scan.scan(line) if f.kind == "date")
        assert first.dateline, line
    for line in ("Thursday, March 14 - the envoys met.", "The envoys, March 14 - met.",
                 "Envoys met on Thursday, March 14: a deal."):
        first = next(f for f in date_scan.scan(line) if f.kind == "date")
        assert not first.dateline, line


def test_a_verb_of_saying_does_not_set_the_tense_of_the_clause_it_introduces():
    said = "The ministry said a summit on March 20 would settle the details."
    assert [f.tense for f in date_scan.scan(said)] == ["future"]
    own = "The ministry said on Friday that the envoys would meet."
    assert [f.tense for f in date_scan.scan(own)] == ["past"]


def test_a_relative_phrase_far_from_a_date_is_not_that_date():
    text = ("The truce first reached earlier this month was confirmed and a summit on March 20, "
            "2024 will settle the details.")
    p = infer(text)
    assert p.latest == D(2024, 3, 19) and p.earliest is None   # only: before the summit


def write(tmp_path, name, text):
    (tmp_path / name).write_text(text, encoding="utf-8")


def test_a_yearless_dateline_takes_the_year_of_the_collection(tmp_path):
    for i, day in enumerate((10, 12, 14)):
        write(tmp_path, f"a{i}.txt", f"Envoys meet\n\nGENEVA, March {day}, 2024 (Agency) - "
                                     f"The envoys met for talks on March {day}, 2024, officials said.\n")
    write(tmp_path, "b.txt", "Envoys meet again\n\nBern, Mar 16 (Agency) The envoys met again "
                             "on Saturday, officials said.\n")
    loaded = corpus.load(tmp_path, tmp_path / "none.csv").by_id()
    p = loaded["b"].pubdate
    assert p.published == D(2024, 3, 16) and p.method == "dateline"
    assert "the year of the collection" in p.evidence


def test_a_solar_hijri_date_line_with_its_weekday_dates_the_story():
    text = ("Strikes hit homes in Khost\n\nTuesday, 4 Qaws 1404\n\n"
            "KABUL: Strikes hit homes in Khost last night, officials said. "
            "The talks in Istanbul ended on November 7, 2025.\n")
    p = infer(text)
    assert (p.published, p.precision, p.method) == (D(2025, 11, 25), "day", "page_header")
    assert "Tuesday, 4 Qaws 1404" in p.evidence


def test_a_byline_with_a_numeric_date_and_an_update_note_dates_the_story():
    text = f"Envoys agree to meet again\nAyse Demir |14.03.2024 - Update : 15.03.2024\n\n{REPORT}\n"
    p = infer(text)
    assert (p.published, p.method) == (D(2024, 3, 14), "page_header")     # not the update
    late = f"Envoys agree to meet again\nAyse Demir |14.02.2024 - Update : 14.02.2024\n\n{REPORT}\n"
    p = infer(late)            # before the round it reports: flagged, never used
    assert p.published != D(2024, 2, 14) and any("contradicts" in f for f in p.flags)


def test_a_name_and_a_date_deep_in_the_text_are_no_date_line():
    filler = "\n\n".join(f"Paragraph {n} says the envoys talked at length." for n in range(8))
    text = f"Envoys agree to meet again\n\n{REPORT}\n\n{filler}\n\nAyse Demir |14.03.2024\n"
    p = infer(text)
    assert p.method != "page_header"


def test_a_date_and_a_dash_opening_the_lead_stamp_it():
    text = (f"Envoys agree to meet again\n\n14 March 2024 - 10:20 | GENEVA (Agency): {REPORT}\n")
    p = infer(text)
    assert (p.published, p.method) == (D(2024, 3, 14), "page_header")
    assert "14 March 2024 - 10:20 |" in p.evidence
    prose = f"Envoys agree to meet again\n\n{REPORT}\n\nMarch 14, 2024 was the day they met again.\n"
    assert infer(prose).method != "page_header"       # a sentence, not a stamp
    late = f"Envoys agree to meet again\n\n14 February 2024 - GENEVA: {REPORT}\n"
    p = infer(late)                                   # before the round it reports: not used
    assert p.published != D(2024, 2, 14) and any("contradicts" in f for f in p.flags)


def test_a_name_that_says_published_outright_beats_a_loose_date_name():
    head = ('<meta name="date" content="2024-04-01">'
            '<meta property="article:published_time" content="2024-03-12T08:00:00Z">')
    assert html_meta.read(_page(head))[0] == D(2024, 3, 12)
    ld = ('<meta name="timestamp" content="2024-04-01">'
          '<script type="application/ld+json">{"datePublished": "2024-03-12"}</script>')
    assert html_meta.read(_page(ld))[0] == D(2024, 3, 12)


def test_a_saved_page_is_dated_by_the_date_line_under_its_headline(tmp_path):
    body = ('<p class="byline">By A. Writer</p><div class="date">November 03, 2025</div>'
            '<p>ISLAMABAD: The round of talks that ended in Istanbul on October 30 left the '
            'design of the monitoring mechanism to a meeting in Istanbul on November 6, '
            'officials from both delegations said.</p>'
            '<p>The ceasefire agreed in Doha on October 19 has largely held since then, '
            'though traders said the border crossings stayed shut.</p>')
    (tmp_path / "page.html").write_text(_page(body=body), encoding="utf-8")
    c = corpus.load(tmp_path, tmp_path / "no-registry.csv")
    assert c.problems == []
    p = c.by_id()["page"].pubdate
    assert (p.published, p.precision, p.method) == (D(2025, 11, 3), "day", "date_line")
    assert "November 03, 2025" not in c.by_id()["page"].clean.text


def test_a_solar_hijri_date_line_under_the_headline_of_a_saved_page():
    body = '<div class="date">Tuesday, 4 Qaws 1404</div>'
    line = html_meta.read_page(_page(body=body)).date_line
    assert line == "Tuesday, 4 Qaws 1404"
    raw = RawDocument(source_id="t", path="t.html", fmt="html", sha256="", html_date_line=line,
                      text="KABUL: Strikes hit homes in Khost last night, officials said. "
                           "The talks in Istanbul ended on November 7, 2025.\n")
    p = pubdate.infer(raw, clean.clean(raw), Metadata(), RegistryEntry(source_id="t"))
    assert (p.published, p.method) == (D(2025, 11, 25), "date_line")


def test_a_date_far_below_the_headline_is_no_date_line():
    links = "".join(f"<div><span>Share item {n}</span></div>" for n in range(60))
    assert html_meta.read_page(_page(body=links + "<div>March 12, 2024</div>")).date_line == ""


@pytest.mark.parametrize("url, expected", [
    ("https://news.example.org/world/2024/mar/05/talks-end", dt.date(2024, 3, 5)),
    ("https://news.example.org/asia/talks-end-mar-5-2024", dt.date(2024, 3, 5)),
    ("https://news.example.org/talks-end-5-march-2024.html", dt.date(2024, 3, 5)),
    ("https://news.example.org/a/25/03/2024/talks", dt.date(2024, 3, 25)),    # day first
    ("https://news.example.org/a/03/25/2024/talks", dt.date(2024, 3, 25)),    # month first
])
def test_url_dates_in_more_house_styles(url, expected):
    found = url_date(url)
    assert (found[0] if found else None) == expected
