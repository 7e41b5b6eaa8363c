"""outlet_names: an outlet's readable name, spelled by its address or its abbreviation,
and metadata using it instead of the bare host; furniture never becomes an outlet."""
from __future__ import annotations

import pytest

from evidence.model import RawDocument, RegistryEntry
from evidence.read import clean, metadata, outlet_names

LEAD = ("KABUL: Envoys from both countries met on Thursday and agreed to keep the truce, "
        "officials said after the session ended.")


def outlet(text: str, url: str = "", title: str = "") -> tuple[str, str]:
    raw = RawDocument(source_id="t", path="t.txt", fmt="txt", text=text, sha256="", html_title=title)
    meta = metadata.extract(raw, clean.clean(raw), RegistryEntry("t", url=url, in_registry=False))
    return meta.outlet, meta.outlet_basis


@pytest.mark.parametrize("name, host, spelled", [
    ("Frontier Ledger", "www.frontierledger.com", True),          # the same letters
    ("The Ledger", "ledger.com.pk", True),                        # without its article
    ("The Daily Ledger", "thedailyledger.in", True),               # with it
    ("Ledger Press", "ledger.af", True),                           # its first word
    ("Anatolian Wire", "aw.com.tr", True),                         # its initials
    ("Frontier Observer", "frontobserver.net", True),              # each word shortened
    ("Valley International", "vintl.com", True),
    ("Valley Gazette", "beta.english.valley.tv", True),            # subdomains left out
    ("Frontier", "frontobserver.net", False),
    ("Border Talks", "frontobserver.net", False),
    ("Observer Frontier", "frontobserver.net", False),             # order matters
])
def test_a_name_spells_the_host(name, host, spelled):
    assert outlet_names.spells(name, outlet_names.host_label(host)) is spelled


def test_a_plain_text_capture_takes_the_name_its_first_line_gives_the_host():
    text = f"FRONTIER LEDGER\n\nEnvoys agree to keep the truce\n\n{LEAD}\n"
    assert outlet(text, "https://www.frontierledger.com/news/truce") == ("FRONTIER LEDGER", "text")
    footer = f"Envoys agree to keep the truce\n\n{LEAD}\n\n© 2025 Anatolian Wire. All rights reserved.\n"
    assert outlet(footer, "https://www.aw.com.tr/en/truce") == ("Anatolian Wire", "text")
    title = outlet(LEAD + "\n", "https://ledger.af/truce", title="Envoys agree | Ledger Press")
    assert title == ("Ledger Press", "text")


def test_the_host_stays_when_nothing_in_the_page_spells_it():
    text = f"Topics\n\nEnvoys agree to keep the truce\n\n{LEAD}\n\nAuthor\n"
    assert outlet(text, "https://www.frontierledger.com/news/truce") == ("frontierledger.com", "url")
    other = f"Valley Gazette\n\nEnvoys agree to keep the truce\n\n{LEAD}\n"
    assert outlet(other, "https://www.frontierledger.com/news/truce") == ("frontierledger.com", "url")


def test_an_agency_abbreviation_becomes_the_name_the_page_spells_out():
    text = "The Valley News Agency (VNA) reported that the envoys met on Thursday."
    assert outlet_names.expand("VNA", text, []) == "The Valley News Agency"
    assert outlet_names.expand("VNA", "KABUL (VNA) - The envoys met.", ["Valley News Agency"]) \
        == "Valley News Agency"
    assert outlet_names.expand("VNA", "Valley rains: no agency here (VNA).", []) == ""
    assert outlet_names.expand("Reuters", "Reuters", ["Reuters"]) == ""


def test_a_headline_that_opens_with_the_host_s_word_is_no_outlet():
    assert not outlet_names.spells("Ledger Raids Hit Kabul Homes", "ledger")
    text = f"Ledger Raids Kabul\n\n{LEAD}\n"
    assert outlet(text, "https://ledger.af/raids") == ("ledger.af", "url")
