"""clean.clean: furniture removed by general rules, every article sentence kept, stories."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
import yaml

from evidence.read import clean, rule_patterns, ingest

from evidence import paths
from evidence.model import RawDocument, SourceProblem

FIX = Path(__file__).parent / "fixtures" / "parse"
SOURCES = paths.SOURCES

# Seed expectations (tests only; the rules never name a source): raw line -> rule.
FURNITURE = {
    "000_1c9bbf8fc95876af": {1: "page_header_date", 6: "aggregator_prefix", 21: "share_bar",
                             23: "aggregator_id", 27: "outlet_name", 29: "legal_disclaimer",
                             30: "legal_disclaimer", 32: "navigation"},
    "001_95596e8d0491c733": {1: "navigation", 26: "subscribe_prompt", 28: "subscribe_prompt",
                             30: "social_follow", 31: "navigation", 32: "navigation",
                             34: "ad_block_notice", 36: "ad_block_notice"},
    "002_486078ff4a3b01fc": {25: "comment_section", 27: "comment_form", 29: "related_posts"},
    "003_9135033baf75e7fc": {25: "byline", 27: "comment_section", 29: "comment_section",
                             31: "contact_block", 33: "contact_block", 34: "contact_block",
                             36: "contact_block", 37: "contact_block", 38: "contact_block",
                             40: "contact_block", 42: "contact_block"},
    "004_97150ba9a9c79845": {51: "comment_section", 53: "comment_form", 55: "navigation"},
}


def read(path: Path):
    raw = ingest.read(path, path.stem)
    return raw, clean.clean(raw)


def from_text(text: str, fmt: str = "txt") -> RawDocument:
    return RawDocument(source_id="t", path="t.txt", fmt=fmt, text=text, sha256="")


def paragraphs(text: str) -> list[str]:
    return text.rstrip("\n").split("\n\n")


@pytest.mark.parametrize("source_id", sorted(FURNITURE))
def test_seed_audit_lists_exactly_the_furniture(source_id):
    _, doc = read(SOURCES / f"{source_id}.txt")
    assert {r.line_no: r.rule for r in doc.removed} == FURNITURE[source_id]


@pytest.mark.parametrize("source_id", sorted(FURNITURE))
def test_seed_keeps_every_article_line_and_no_furniture(source_id):
    raw, doc = read(SOURCES / f"{source_id}.txt")
    paras = paragraphs(doc.text)
    furniture = FURNITURE[source_id]
    for no, line in enumerate(raw.text.split("\n"), start=1):
        line = line.strip()
        if not line:
            continue
        if furniture.get(no) == "aggregator_prefix":
            assert line.split(")", 1)[1].strip() in paras       # prefix gone, sentence kept
        elif no in furniture:
            assert line not in doc.text
        else:
            assert line in paras


def test_aggregator_prefix_removes_only_the_tag():
    _, doc = read(SOURCES / "000_1c9bbf8fc95876af.txt")
    lead = paragraphs(doc.text)[1]
    assert lead.startswith("Pakistan and Afghanistan agreed to maintain their ceasefire")
    prefix = next(r for r in doc.removed if r.rule == "aggregator_prefix")
    assert prefix.text == "(MENAFN- Khaama Press)"


def test_page_header_date_is_removed_and_reported():
    _, doc = read(SOURCES / "000_1c9bbf8fc95876af.txt")
    assert doc.header_dates == [("Tuesday, 02 January 2024 12:17 GMT",
                                 __import__("datetime").date(2024, 1, 2))]
    assert "2024" not in doc.text


def test_glued_quote_marks_are_kept_as_published():
    _, doc = read(SOURCES / "000_1c9bbf8fc95876af.txt")
    assert "an“internal matter”" in doc.text and "were“complex but constructive”" in doc.text


@pytest.mark.parametrize("source_id, headlines", [
    ("000_1c9bbf8fc95876af", ["Pakistan And Afghanistan Agree To Continue Ceasefire Talks In "
                              "Istanbul After No Breakthrough In Latest Round"]),
    ("001_95596e8d0491c733", ["Taliban and Pakistan to Meet Again in Istanbul Next Week"]),
    ("002_486078ff4a3b01fc", ["", "Pakistan, Afghanistan agree to continue ceasefire in "
                                  "Istanbul talks"]),
    ("003_9135033baf75e7fc", ["Istanbul Summit; Second Day of Talks to Consolidate Ceasefire "
                              "and Contain Border Tensions"]),
    ("004_97150ba9a9c79845", ["Pakistan and the Afghan Taliban reach a preliminary "
                              "understanding in the Istanbul negotiations"]),
])
def test_seed_stories(source_id, headlines):
    _, doc = read(SOURCES / f"{source_id}.txt")
    assert [s.headline for s in doc.stories] == headlines
    assert doc.stories[0].start == 0 and doc.stories[-1].end == len(doc.text) - 1
    for story in doc.stories[1:]:
        assert doc.text[story.start:].startswith(story.headline)


def test_joined_seed_splits_before_second_headline():
    _, doc = read(SOURCES / "002_486078ff4a3b01fc.txt")
    first, second = doc.stories
    assert doc.text[first.start:first.end].endswith("a lasting peace in the region.")
    assert doc.text[second.start:second.end].endswith("the entire South Asia region.")


def test_text_shape():
    for path in paths.source_files() + [FIX / "furniture_mix.txt", FIX / "wrapped.txt"]:
        _, doc = read(path)
        assert doc.text.endswith("\n") and not doc.text.endswith("\n\n")
        assert "\n\n\n" not in doc.text
        for para in paragraphs(doc.text):
            assert para == para.strip() and "\n" not in para


def test_furniture_of_other_outlets():
    raw, doc = read(FIX / "furniture_mix.txt")
    assert paragraphs(doc.text) == [
        "Mediators praise both delegations as Istanbul round ends",
        "The second round of talks ended on Thursday with a commitment to keep the ceasefire "
        "in place, the host country's foreign ministry said.",
        "Officials from both sides said a further meeting would be held early next month to "
        "settle the details of a monitoring mechanism.",
        "Analysts said the outcome was modest but important, given how close the talks had "
        "come to collapse during the week."]
    rules = {r.text: r.rule for r in doc.removed}
    assert rules["Home › World › Asia"] == "navigation"
    assert rules["Accept all"] == "cookie_banner"
    assert rules["Published: October 31, 2025 10:15 am"] == "page_header_date"
    assert rules["By Jane Doe | Frontier Times"] == "byline"
    assert rules["Read more: Pakistan and Afghanistan agree to truce in Doha"] == "read_more_link"
    assert rules["Follow us on X"] == "social_follow"
    assert rules["Border trade resumes at Torkham"] == "related_posts"
    assert rules["This was a very balanced piece of reporting on the talks."] == "comment_section"
    assert rules["Copyright © 2025 Frontier Times. All rights reserved."] == "copyright"
    assert rules["Privacy Policy | Terms of Use | Contact Us"] == "navigation"
    assert len(doc.removed) == len([line for line in raw.text.splitlines() if line.strip()]) - 4
    assert doc.header_dates[0][1].isoformat() == "2025-10-31"


def test_comment_heading_before_the_article_does_not_swallow_it():
    text = "Comments\n\nHeadline here\n\nThe first paragraph of the story is a full sentence.\n"
    doc = clean.clean(from_text(text))
    assert paragraphs(doc.text) == ["Headline here",
                                    "The first paragraph of the story is a full sentence."]


def test_disclaimer_heading_takes_the_next_paragraph_after_a_blank_line():
    text = ("A story sentence that is kept in full here.\n\nDisclaimer:\n\n"
            "The opinions in this piece do not reflect the site.\n")
    doc = clean.clean(from_text(text))
    assert doc.text == "A story sentence that is kept in full here.\n"
    assert [r.rule for r in doc.removed] == ["legal_disclaimer", "legal_disclaimer"]


def test_address_block_takes_its_continuation_lines():
    text = "The article sentence stays in the text.\n\nAddress: 12 Mall Road\nLahore 54000\n"
    doc = clean.clean(from_text(text))
    assert doc.text == "The article sentence stays in the text.\n"
    assert [r.text for r in doc.removed] == ["Address: 12 Mall Road", "Lahore 54000"]


def test_trailing_outlet_line_and_byline():
    text = ("Headline of the piece\n\nThe only paragraph of the story ends here.\n\n"
            "Ahmad Shah Noori\n\nDaily Frontier Post\n")
    doc = clean.clean(from_text(text))
    assert {r.text: r.rule for r in doc.removed} == {"Ahmad Shah Noori": "byline",
                                                      "Daily Frontier Post": "outlet_name"}


def test_short_lines_inside_the_article_are_kept():
    text = ("Headline of the piece\n\nThe Istanbul Accord\n\n"
            "The first sentence of the story is here and ends properly.\n")
    doc = clean.clean(from_text(text))
    assert paragraphs(doc.text)[1] == "The Istanbul Accord"


def test_page_joining_two_stories_is_split():
    _, doc = read(FIX / "two_stories.txt")
    assert [s.headline for s in doc.stories] == [
        "Truce holds on the frontier as traders return",
        "Kabul says talks with Islamabad will resume next month"]
    assert doc.text[doc.stories[1].start:].startswith("Kabul says talks")


def test_comma_headline_without_furniture_starts_a_story():
    text = ("The talks will open on Thursday in the city, officials said on Wednesday evening.\n\n"
            "Pakistan, Afghanistan agree to extend truce after talks\n\n"
            "After four days of talks, Pakistan and Afghanistan agreed to extend the truce and "
            "to meet again next month.\n")
    doc = clean.clean(from_text(text))
    assert [s.headline for s in doc.stories] == [
        "", "Pakistan, Afghanistan agree to extend truce after talks"]


def test_subheadings_stay_in_one_story():
    _, doc = read(FIX / "subheadings.txt")
    assert len(doc.stories) == 1
    assert "Background" in paragraphs(doc.text)
    assert "Border crossings remain closed after the clashes" in paragraphs(doc.text)
    assert doc.stories[0].headline == "Ceasefire talks resume in Istanbul after a tense week"


def test_subheadings_of_seed_are_not_stories():
    _, doc = read(SOURCES / "004_97150ba9a9c79845.txt")
    paras = paragraphs(doc.text)
    assert "Doha lecture" in paras
    assert "Tensions escalated after unprovoked firing by the Afghan Taliban regime" in paras
    assert len(doc.stories) == 1


def test_hard_wrapped_text_is_rejoined():
    _, doc = read(FIX / "wrapped.txt")
    paras = paragraphs(doc.text)
    assert len(paras) == 3
    assert paras[1].startswith("ISLAMABAD: The second round") and "ended on Thursday" in paras[1]


def test_html_page_headline_from_title():
    raw = ingest.read(FIX / "article.html", "page")
    doc = clean.clean(raw)
    assert doc.stories[0].headline == "Border crossings reopen after truce"


def test_only_furniture_is_a_source_problem():
    with pytest.raises(SourceProblem, match="no article text"):
        clean.clean(from_text("Search\n\nShare\nFacebook Twitter\n\nLeave a Reply\n"))


def test_rule_file_is_reviewable():
    spec = yaml.safe_load((paths.KNOWLEDGE / "furniture.yml").read_text(encoding="utf-8"))
    for rule in spec["line_rules"] + spec["prefix_rules"]:
        assert rule["id"] and rule["description"] and rule["patterns"]
        for pattern in rule["patterns"]:
            re.compile(pattern)
        assert rule.get("then", "") in ("", "rest_of_block", "next_paragraph",
                                        "following_list", "rest_of_page")
    text = (paths.KNOWLEDGE / "furniture.yml").read_text(encoding="utf-8")
    assert not re.search(r"\d{3}_[0-9a-f]{16}", text)       # never a source id


def test_contains_gate_never_changes_the_answer():
    """The one-regex, gated lookup gives the same rule as trying every rule in order."""
    lines = ["We use cookies to improve your experience.", "Tags: Pakistan, Afghanistan",
             "Please disable your ad blocker to continue reading this site.",
             "Disclaimer: views are the author's own.", "Home | World | Sport"]
    for path in paths.source_files() + sorted(FIX.glob("*.txt")):
        if path.stat().st_size and b"\x00" not in path.read_bytes():
            lines += [line.strip() for line in path.read_bytes().decode("utf-8", "replace")
                      .splitlines() if line.strip()]
    for line in lines:
        linear = next((r for r in clean.line_rules() if r.match(line)), None)
        assert clean.line_rule(line) is linear, line



@pytest.mark.parametrize("pattern, flags, text", [
    (r"(?:the )?[\w ]{0,40}\btrust principles\.?", re.I, "trust principles"),
    (r".{0,20}Closing Note", 0, "Closing Note"),
    (r"[^|]{1,9} s [^|]{1,9}", 0, ""),              # a run under four characters
    (r"\W*follow us.{0,80}", re.I, ""),            # \W* stops at the first word
    (r"\s+read more", re.I, ""),
    (r"trust principles.{0,10}", re.I, ""),         # fixed text first: fails at once anyway
    (r"(?:[\w ]{0,40}\bnot required|other)", re.I, ""),   # a branch is not required
    (r"[\w ]{0,9}gr\u00fc\u00dfe", re.I, ""),         # not ASCII
])
def test_scanning_text_is_what_a_repeat_must_reach(pattern, flags, text):
    assert rule_patterns.scanning_text(pattern, flags) == text


def test_a_scanning_gate_never_changes_the_answer():
    """Lines with and without the gate's text, in any case, and lines whose case folds
    differently from str.lower() (long s, Kelvin sign: the regex ignoring case still
    matches them, so a line that is not ASCII is never ruled out)."""
    for line in ("The Thomson Reuters Trust Principles.", "THE TRUST PRINCIPLES",
                 "Trust principles", "The tru\u017ft principles.", "The \u212aelvin trust principles",
                 "Our trust, principles", "A long line that mentions nothing of the kind at all.",
                 "trust principles " + "x" * 50):
        linear = next((r for r in clean.line_rules() if r.match(line)), None)
        assert clean.line_rule(line) is linear, line
    assert clean.line_rule("The tru\u017ft principles.").id == "standards_notice"

LEAD = ("ISLAMABAD: Pakistan and Afghanistan agreed on Thursday to extend the ceasefire "
        "after talks in Istanbul, officials said.\n\n")


@pytest.mark.parametrize("line, rule", [
    ("Reporting by Staff; Editing by Desk", "wire_credit"),
    ("Reporting by Asif Shahzad and Mushtaq Ali; Editing by Jane Doe", "wire_credit"),
    ("Additional reporting by Mohammad Yunus Yawar in Kabul; Writing by Saeed Shah; "
     "Editing by Raju Gopalakrishnan", "wire_credit"),
    ("Writing by A. Person, editing by B. Other.", "wire_credit"),
    ("Our Standards: The Thomson Reuters Trust Principles.", "standards_notice"),
    ("Editorial Standards: how we report conflict", "standards_notice"),
    ("Published in Dawn, November 8th, 2025", "print_edition"),
    ("Published in The Express Tribune, 8 November 2025.", "print_edition"),
    ("This article was first published in Business Recorder on Nov 8, 2025", "print_edition"),
    ("Follow Dawn on WhatsApp", "social_follow"),
    ("Follow The Express Tribune on Telegram and WhatsApp", "social_follow"),
    ("Follow us on Instagram", "social_follow"),
    ("Comments (12)", "comment_section"),
])
def test_wire_and_newspaper_furniture(line, rule):
    doc = clean.clean(from_text(LEAD + line + "\n"))
    assert line not in doc.text
    assert [r.rule for r in doc.removed] == [rule]


def test_comments_closed_notice_goes_with_the_comment_section():
    doc = clean.clean(from_text(LEAD + "Comments (3)\nClosed\n"))
    assert [r.rule for r in doc.removed] == ["comment_section", "comment_form"]
    assert doc.text == LEAD.rstrip("\n") + "\n"


@pytest.mark.parametrize("prose", [
    # sentences that open like furniture but are article text
    "Reporting by local media suggested that the talks had stalled over the TTP.",
    "Follow-up talks on the mechanism are expected in Istanbul next week, officials said.",
    "Published in Istanbul, the joint statement said the ceasefire would continue.",
    "Editing by the foreign ministry removed the word penalty from the draft, he said.",
])
def test_prose_that_looks_like_furniture_is_kept(prose):
    doc = clean.clean(from_text(LEAD + prose + "\n"))
    assert prose in doc.text and not doc.removed


def test_dateline_credit():
    assert clean.dateline_credit("ISTANBUL, Oct 31 (Reuters) - Pakistan and ...") == "Reuters"
    assert clean.dateline_credit("ISLAMABAD (AFP) — Pakistan said ...") == "AFP"
    assert clean.dateline_credit("Kabul (AP) — The Taliban said ...") == "AP"
    assert clean.dateline_credit("ISLAMABAD (Web Desk) - Pakistan said ...") == ""
    assert clean.dateline_credit("KABUL (Agencies) - The Taliban said ...") == ""
    assert clean.dateline_credit("ISLAMABAD: Pakistan said ...") == ""
    assert clean.dateline_credit("Pakistan said (Reuters) - nothing") == ""


def test_dateline_place_and_credit_come_from_one_match():
    lead = "ISTANBUL, Oct 31 (Reuters) - Talks resumed on Friday."
    m = next(m for p in clean.datelines() if (m := p.match(lead)))
    assert clean._dateline_match(lead)[0] == m[0]
    assert (clean.dateline(lead), clean.dateline_credit(lead)) == ("ISTANBUL", "Reuters")
    assert clean._dateline_match("No dateline opens this paragraph.") is None
    assert clean.dateline_credit("KABUL, Nov 2 (Web Desk): Talks resumed.") == ""



@pytest.mark.parametrize("patterns, flags, opening", [
    ([r"(?:published|updated)?\s*\d+"], re.I, r"(?=[\d]|[\s]|p|u)"),
    ([r"share(?: this)?", r"[A-Z]{2}\d"], 0, r"(?=[A-Z]|s)"),
    ([r"\bhome|menu"], re.I, r"(?=h|m)"),
    ([r"[^|•]{1,30}x"], 0, r"(?=[^\|•])"),
    ([r"(?:a|b?)c"], 0, r"(?=a|b|c)"),
    ([r"home", r".{0,3}x"], re.I, ""),          # any character may open the second
    ([r"a?"], 0, ""),                             # may match nothing
    ([r"(?-i:[A-Z])x"], re.I, ""),                # a group that changes the flags
    ([r"(?=a)ab"], 0, ""),                        # a look-ahead of its own
])
def test_opening_characters_are_read_from_the_patterns(patterns, flags, opening):
    assert rule_patterns.opening(patterns, flags) == opening


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["Share", "share this", "Facebook", "Follow us", " ", ":", "|",
                                 "Published", "Nov", "7,", "2025", "12:30", "PM", "PKT", "©",
                                 "Read more", "Tags", "Home", "ſ", "\u212a", "é", "@x", "-"]),
                min_size=1, max_size=6).map(" ".join))
def test_opening_never_rules_out_a_line_a_rule_matches(line):
    """Each ungated rule behind its look-ahead matches exactly the lines it matches alone."""
    for n, pattern, flags in clean._split_rules()[0]:
        ahead = rule_patterns.opening([pattern], flags)
        alone = re.compile(pattern, flags).fullmatch(line)
        assert bool(re.compile(ahead + f"(?:{pattern})", flags).fullmatch(line)) == bool(alone)
