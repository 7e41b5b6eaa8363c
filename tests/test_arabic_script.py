"""Dari, Pashto, Urdu and Arabic articles: digits and month names read as dates (offsets
kept), gazetteer names in their script, the language detected and what is not analysed
said in words."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from evidence.publish import tables
from evidence.read import arabic_script, corpus, dates, entities, language

FIX = Path(__file__).parent / "fixtures" / "parse"
D = dt.date


def days(text: str, anchor: dt.date = D(2025, 11, 1)):
    """(surface, start, end) per mention, with the text sliced at its offsets."""
    found = dates.resolve(dates.scan(text), None, anchor)
    return [(m.text, text[m.start:m.end], m.date_start, m.date_end) for m in found]


@pytest.mark.parametrize("text, surface, start, end", [
    ("نشست در ۱۵ عقرب ۱۴۰۴ برگزار شد", "۱۵ عقرب ۱۴۰۴", D(2025, 11, 6), D(2025, 11, 6)),   # Dari
    ("د ۱۵ لړم ۱۴۰۴ په ورځ", "۱۵ لړم ۱۴۰۴", D(2025, 11, 6), D(2025, 11, 6)),              # Pashto
    ("مذاکرات ۶ نومبر ۲۰۲۵ کو ہوں گے", "۶ نومبر ۲۰۲۵", D(2025, 11, 6), D(2025, 11, 6)),     # Urdu
    ("عقدت الجولة في ٣٠ أكتوبر ٢٠٢٥ في إسطنبول", "٣٠ أكتوبر ٢٠٢٥", D(2025, 10, 30), D(2025, 10, 30)),
    ("وقف إطلاق النار في 19 تشرين الأول 2025", "19 تشرين الأول 2025", D(2025, 10, 19), D(2025, 10, 19)),
    ("از ۳ تا ۸ عقرب ادامه داشت", "۳ تا ۸ عقرب", D(2025, 10, 25), D(2025, 10, 30)),          # range
    ("در ۱۳ آبان ۱۴۰۴", "۱۳ آبان ۱۴۰۴", D(2025, 11, 4), D(2025, 11, 4)),                   # Iranian name
    ("كابل، 15 عقرب 1404", "15 عقرب 1404", D(2025, 11, 6), D(2025, 11, 6)),                # Arabic kaf/yeh
])
def test_script_dates_are_read_with_offsets_kept(text, surface, start, end):
    (said, sliced, first, last), = days(text)
    assert said == sliced == surface
    assert (first, last) == (start, end)


@pytest.mark.parametrize("text", ["شمېر یې ۱۵ دی.", "تعداد به ۱۵ می رسد", "۱۵ تیر شلیک شد"])
def test_names_that_are_common_words_need_a_year(text):
    assert days(text) == []


def test_ambiguous_name_with_a_year_is_a_date():
    assert days("په ۱۵ دی ۱۴۰۴ کې")[0][2] == D(2026, 1, 5)


def test_latinise_keeps_the_text_outside_the_rewritten_names():
    text = "از ۳ تا ۸ عقرب"
    plain, spans = arabic_script.latinise(text)
    assert plain == "از 3 to 8 Aqrab"
    assert [(plain[a:b], text[c:d]) for a, b, c, d in spans] == [("to", "تا"), ("Aqrab", "عقرب")]
    assert not arabic_script.applies(plain) and not arabic_script.applies("Talks on 6 November")


@pytest.mark.parametrize("char, held", [("\u0600", True), ("\u06ff", True), ("\u066b", True),
                                         ("\u05ff", False), ("\u0700", False), ("\ud800", False),
                                         ("é", False), ("\U0001f600", False)])
def test_the_arabic_block_is_found_by_its_utf8_lead_bytes(char, held):
    assert arabic_script._has_arabic_block(f"Talks{char} on 6 November") is held


def test_english_text_scans_as_before():
    text = "They met on 6 November 2025 in Istanbul."
    assert [(f.start, f.end) for f in dates.scan(text)] == [(12, 27)]


def test_gazetteer_names_in_arabic_script():
    found = {(e.entity_id, e.surface) for e in entities.find(
        "هیئت‌های پاکستان و امارت اسلامی در استانبول؛ الدوحة و كابل")}
    assert found == {("pakistan", "پاکستان"), ("afghan_taliban_government", "امارت اسلامی"),
                     ("istanbul", "استانبول"), ("doha", "الدوحة"), ("kabul", "كابل")}


@pytest.mark.parametrize("text, code", [
    ("هیئت‌های پاکستان و افغانستان در استانبول گفتگو کردند و آتش‌بس را تمدید کردند.", "fa"),
    ("د پاکستان او افغانستان پلاوي په استانبول کې خبرې وکړې او اوربند یې وغځاوه.", "ps"),
    ("پاکستان اور افغانستان کے وفود نے استنبول میں بات چیت کی اور جنگ بندی میں توسیع کر دی۔", "ur"),
    ("Delegations from both countries met in Istanbul and agreed to extend the truce.", "en"),
])
def test_language_is_detected(text, code):
    detected, probability = language.detect(text)
    assert detected == code and probability >= 0.5


def test_remembered_walk_scores_as_the_library_does():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier
    plain = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    texts = ["هیئت‌های پاکستان و افغانستان در استانبول گفتگو کردند.",
             "Delegations met in Istanbul.  Both  sides agreed to meet again ",
             "Die Delegationen trafen sich in Istanbul und verlängerten die Waffenruhe.",
             " leading and trailing spaces ", "WORDS IN CAPITALS ONLY", "12 345", "a"]
    for text in texts + texts:          # the second time from the remembered pieces
        assert language._identifier().classify(text) == plain.classify(text)


def test_not_analysed_is_said_in_plain_words():
    assert language.not_analysed("en") == ""
    assert "Pashto (ps)" in language.not_analysed("ps") and "month names" in language.not_analysed("ps")
    assert "does not read" in language.not_analysed("ja")
    assert language.not_analysed("").startswith("Language not determined")
    assert language.detect("12 345 — 67") == ("", None)


def test_dari_article_is_dated_named_and_described():
    parsed = corpus.parse_file(FIX / "dari.txt", {})
    pub = parsed.pubdate
    assert (pub.published, pub.precision, pub.method) == (D(2025, 11, 6), "day", "dateline")
    assert pub.evidence == "کابل، ۱۵ عقرب ۱۴۰۴"
    assert parsed.meta.dateline == "کابل"
    assert parsed.meta.headline == "دور تازه گفتگوهای پاکستان و افغانستان در استانبول"
    assert {m.text for m in parsed.dates} >= {"۳ تا ۸ عقرب", "۱۹ اکتبر ۲۰۲۵"}
    assert {"pakistan", "afghanistan", "turkiye", "qatar", "istanbul"} <= \
        {e.entity_id for e in parsed.entities}
    row = tables.sources([parsed]).iloc[0]
    assert (row["language"], row["language_basis"], row["language_detected"]) == ("fa", "detected", "fa")
    assert row["not_analysed"].startswith("Written in Persian (fa)")
    assert "quotations" in row["not_analysed"] and "events" in row["not_analysed"]


def test_a_lone_solar_hijri_date_line_is_a_page_date(tmp_path):
    path = tmp_path / "tolo_style.txt"
    path.write_text("گفتگوهای استانبول ادامه دارد\n\n۱۵ عقرب ۱۴۰۴\n\nهیئت‌های پاکستان و افغانستان "
                    "در استانبول دیدار کردند.\n", encoding="utf-8")
    pub = corpus.parse_file(path, {}).pubdate
    assert (pub.published, pub.method, pub.evidence) == (D(2025, 11, 6), "page_header", "۱۵ عقرب ۱۴۰۴")
