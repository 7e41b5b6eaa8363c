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


def test_the_host_names_the_outlet_when_nothing_in_the_page_spells_it():
    # page furniture and another outlet's name are not taken: the host is, as a name
    text = f"Topics\n\nEnvoys agree to keep the truce\n\n{LEAD}\n\nAuthor\n"
    assert outlet(text, "https://www.frontierledger.com/news/truce") == ("Frontierledger", "url")
    other = f"Valley Gazette\n\nEnvoys agree to keep the truce\n\n{LEAD}\n"
    assert outlet(other, "https://www.frontierledger.com/news/truce") == ("Frontierledger", "url")


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
    assert outlet(text, "https://ledger.af/raids") == ("Ledger", "url")


@pytest.mark.parametrize("host, name", [
    ("kabulgazette.example", "Kabul Gazette"),           # the outlet word split off
    ("thefrontierchronicle.example", "The Frontier Chronicle"),
    ("lahoretvnews.example", "Lahore TV News"),          # outlet words in turn
    ("radio92.example", "Radio 92"),                      # digits apart
    ("quetta-voice.example", "Quetta-Voice"),             # the address's own hyphen
    ("kbs.example", "KBS"),                               # a short label: an abbreviation
    ("www.zarnews.example", "Zarnews"),                   # too little left to split off
    ("mountainlark.example", "Mountainlark"),             # no outlet word: never guessed apart
    ("localhost", ""),
])
def test_a_host_is_read_as_its_own_name(host, name):
    assert outlet_names.readable(host) == name


def test_a_page_that_never_names_its_outlet_gets_the_host_as_a_name(tmp_path):
    from evidence.read import corpus
    (tmp_path / "story.txt").write_text("Envoys meet again in Geneva\n\nThe envoys met again "
                                        "on Tuesday, officials said.\n", encoding="utf-8")
    (tmp_path / "registry.csv").write_text("source_id,url\nstory,https://www.kabulgazette."
                                           "example/2024/03/05/envoys\n", encoding="utf-8")
    source = corpus.load(tmp_path, tmp_path / "registry.csv", cache_dir=None).sources[0]
    assert (source.meta.outlet, source.meta.outlet_basis) == ("Kabul Gazette", "url")


def test_a_site_name_that_is_a_host_reads_as_a_name():
    raw = RawDocument(source_id="t", path="t.html", fmt="html", text=f"{LEAD}\n", sha256="",
                      html_site_name="www.kabulgazette.example")
    meta = metadata.extract(raw, clean.clean(raw), RegistryEntry("t", in_registry=False))
    assert (meta.outlet, meta.outlet_basis) == ("Kabul Gazette", "html")
    raw.html_site_name = "Kabul Gazette Online"             # a name stays as written
    assert metadata.extract(raw, clean.clean(raw), RegistryEntry("t")).outlet == \
        "Kabul Gazette Online"
