"""metadata.extract: headline, outlet with its basis, dateline, byline."""
from __future__ import annotations

from pathlib import Path

import pytest

from evidence.read import clean, ingest, metadata, registry

from evidence import paths
from evidence.model import RawDocument, RegistryEntry

FIX = Path(__file__).parent / "fixtures" / "parse"
NO_ENTRY = RegistryEntry("x", in_registry=False)


def extract(path: Path, entry: RegistryEntry = NO_ENTRY):
    raw = ingest.read(path, path.stem)
    return metadata.extract(raw, clean.clean(raw), entry)


def from_text(text: str, entry: RegistryEntry = NO_ENTRY):
    raw = RawDocument(source_id="t", path="t.txt", fmt="txt", text=text, sha256="")
    return metadata.extract(raw, clean.clean(raw), entry)


@pytest.mark.parametrize("source_id, outlet, dateline, byline", [
    ("000_1c9bbf8fc95876af", "Khaama Press", "", ""),      # from the aggregator tag
    ("001_95596e8d0491c733", "Kokcha News", "", ""),       # from "Discover more from"
    ("002_486078ff4a3b01fc", "", "ISLAMABAD", ""),
    ("003_9135033baf75e7fc", "", "", "shakir sangi"),
    ("004_97150ba9a9c79845", "", "", ""),
])
def test_seeds_without_registry(source_id, outlet, dateline, byline):
    meta = extract(paths.SOURCES / f"{source_id}.txt")
    assert (meta.outlet, meta.dateline, meta.byline) == (outlet, dateline, byline)
    assert meta.outlet_basis == ("text" if outlet else "unknown")


def test_registry_outlet_wins():
    reg = registry.load()
    meta = extract(paths.SOURCES / "000_1c9bbf8fc95876af.txt", reg["000_1c9bbf8fc95876af"])
    assert (meta.outlet, meta.outlet_basis) == ("Khaama Press", "registry")
    assert meta.headline.startswith("Pakistan And Afghanistan Agree To Continue Ceasefire")


def test_joined_page_headline_is_first_story_headline():
    assert extract(paths.SOURCES / "002_486078ff4a3b01fc.txt").headline == ""
    assert extract(FIX / "two_stories.txt").headline == \
        "Truce holds on the frontier as traders return"


def test_html_metadata():
    meta = extract(FIX / "article.html")
    assert (meta.headline, meta.outlet, meta.outlet_basis, meta.byline, meta.dateline) == (
        "Border crossings reopen after truce", "The Frontier Ledger", "html", "Amina Rahimi",
        "PESHAWAR")


def test_copyright_holder_and_byline_line():
    meta = extract(FIX / "furniture_mix.txt")
    assert (meta.outlet, meta.outlet_basis, meta.byline) == ("Frontier Times", "text", "Jane Doe")


@pytest.mark.parametrize("lead, place", [
    ("KABUL, Oct 30 (Reuters) - The Taliban said talks would go on next week.", "KABUL"),
    ("ISLAMABAD: The foreign office said the talks had ended on Thursday.", "ISLAMABAD"),
    ("Peshawar, 31 October 2025: Traders said the crossing had reopened again.", "Peshawar"),
    ("DERA ISMAIL KHAN — Police said the road had been closed since Monday.", "DERA ISMAIL KHAN"),
    ("Kabul (AFP) - Officials said the delegation had returned home safely.", "Kabul"),
    ("The talks ended on Thursday in Istanbul, officials from both sides said.", ""),
])
def test_datelines(lead, place):
    assert from_text(f"A headline for the test\n\n{lead}\n").dateline == place


LEAD = ("Pakistan and Afghanistan agreed on Thursday to extend the ceasefire after talks "
        "in Istanbul, officials said.\n\n")


@pytest.mark.parametrize("text, outlet", [
    ("ISTANBUL, Oct 31 (Reuters) - " + LEAD, "Reuters"),
    ("ISLAMABAD (AFP) — " + LEAD, "AFP"),
    ("Kabul (Pajhwok) - " + LEAD, "Pajhwok"),
    (LEAD + "Published in Dawn, November 8th, 2025\n", "Dawn"),
    (LEAD + "Published in The Express Tribune, 8 November 2025\n", "The Express Tribune"),
    (LEAD + "Follow Dawn on WhatsApp\n", "Dawn"),
    (LEAD + "Follow Kabul Now on Telegram and X\n", "Kabul Now"),
    # the agency that wrote the story beats the paper that printed it
    ("ISLAMABAD, Nov 7 (Reuters) - " + LEAD + "Published in Dawn, November 8th, 2025\n",
     "Reuters"),
    # staff credits and "us" name no outlet
    ("ISLAMABAD (Web Desk) - " + LEAD, ""),
    (LEAD + "Follow us on Instagram\n", ""),
])
def test_outlet_named_by_the_text(text, outlet):
    meta = from_text(text)
    assert meta.outlet == outlet
    assert meta.outlet_basis == ("text" if outlet else "unknown")


def test_registry_and_html_outlets_beat_the_text():
    meta = from_text("ISTANBUL, Oct 31 (Reuters) - " + LEAD,
                     RegistryEntry("x", outlet="Dawn"))
    assert (meta.outlet, meta.outlet_basis) == ("Dawn", "registry")


@pytest.mark.parametrize("tail", ["Follow Dawn on WhatsApp", "Follow us on Instagram",
                                  "Reporting by Asif Shahzad; Editing by Jane Doe"])
def test_social_follow_and_wire_credit_are_never_a_byline(tail):
    assert from_text(LEAD + tail + "\n").byline == ""
    assert from_text("By Staff Reporter\n\n" + LEAD + tail + "\n").byline == "Staff Reporter"


# --------------------------------------------------- page furniture is never metadata

LEAD = ("KANDAHAR: Officials from both provinces met on Monday to reopen the crossing "
        "for traders, a spokesman said after the meeting ended late in the evening.")


@pytest.mark.parametrize("head", [
    "Home / Region / Traders return as the crossing reopens",     # breadcrumb
    "Region",                                                     # section label
    "ANALYSIS",                                                   # kicker
    "4 min read",
    "Published",
    "Wednesday, 12 March 2025",                                   # a date line
    "By Sana Karimi",
])
def test_head_block_furniture_is_never_the_headline(head):
    meta = from_text(f"{head}\n\nTraders return as the crossing reopens\n\n{LEAD}\n")
    assert meta.headline == "Traders return as the crossing reopens"
    assert from_text(f"{head}\n\n{LEAD}\n").headline == ""


def test_store_stamp_before_the_headline_is_not_part_of_it():
    meta = from_text(f" date 2025-03-12 Crossing reopens for traders\n\n{LEAD}\n")
    assert meta.headline == "Crossing reopens for traders"
    assert from_text(f" date 2025-03-12 {LEAD}\n").headline == ""


def test_a_page_that_opens_with_its_lead_has_no_headline():
    assert from_text(f"{LEAD}\n\nA second paragraph follows here with more detail.\n").headline == ""


@pytest.mark.parametrize("name", ["Author", "Topics", "News", "All rights reserved",
                                  "© All rights reserved.", "12 March 2025", "2025-03-12", "—"])
def test_furniture_is_never_an_outlet(name):
    assert metadata.usable_outlet(name) == ""


@pytest.mark.parametrize("name", ["Frontier Post", "The Kabul Times", "Daily Mirror"])
def test_outlet_names_pass(name):
    assert metadata.usable_outlet(name) == name


@pytest.mark.parametrize("tail", ["Author", "Topics", "News", "Explore"])
def test_a_lone_label_in_the_tail_is_no_outlet(tail):
    meta = from_text(f"Crossing reopens for traders\n\n{LEAD}\n\n{tail}\n")
    assert (meta.outlet, meta.outlet_basis) == ("", "unknown")


def test_rights_notice_alone_names_no_outlet():
    meta = from_text(f"{LEAD}\n\n© 2025 All rights reserved.\n")
    assert meta.outlet == ""
    named = from_text(f"{LEAD}\n\n© 2025 Frontier Post. All rights reserved.\n")
    assert (named.outlet, named.outlet_basis) == ("Frontier Post", "text")


def test_page_address_names_the_site_when_nothing_else_does():
    entry = RegistryEntry("x", url="https://www.frontier-example.org/2025/03/12/crossing",
                          in_registry=True)
    meta = from_text(f"{LEAD}\n", entry)
    assert (meta.outlet, meta.outlet_basis) == ("Frontier-Example", "url")
    assert from_text(f"{LEAD}\n").outlet_basis == "unknown"


@pytest.mark.parametrize("top, byline", [
    ("Tuesday, 4 Qaws 1404", ""),
    ("Amina Rahimi |31.10.2025 - Update : 31.10.2025", "Amina Rahimi"),
    ("By Amina Rahimi | 31.10.2025 14:20", "Amina Rahimi"),
])
def test_a_date_line_is_never_the_headline_and_a_byline_date_line_names_the_writer(top, byline):
    meta = from_text(f"{top}\n\nTurkey hosts the next round of Afghan talks\n\n"
                     "ANKARA: Officials said the talks would resume in Istanbul.\n")
    assert (meta.headline, meta.byline) == ("Turkey hosts the next round of Afghan talks", byline)


def test_head_paragraphs_are_the_first_paragraphs_of_the_first_story():
    """The first paragraphs are found once per document and read by every reader."""
    from itertools import islice

    from evidence.read import metadata as md
    from evidence.text import paragraphs
    text = "Head line\n\nKABUL: Lead text here.\n\n  \n\nSecond.\n\n" + "\n\n".join(
        f"Paragraph {n}." for n in range(12))
    for end in (0, 9, 30, len(text)):
        head = md._head(text, end)
        assert list(head) == list(islice(paragraphs(text[:end]), len(head)))
        assert len(head) == min(len(list(paragraphs(text[:end]))),
                                max(md.HEAD_PARAGRAPHS, md.LEAD_PARAGRAPHS))
