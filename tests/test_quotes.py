"""quotes.find: quoted spans (not apostrophes) and the speaker the text names."""
from __future__ import annotations

import pytest

from evidence.read import clean, entities, ingest, quotes

from evidence import paths


def found(text: str) -> list[tuple[str, str, str]]:
    out = quotes.find(text, entities.find(text))
    for q in out:
        assert text[q.start:q.end] == q.quote
    return [(q.quote, q.speaker, q.speaker_entity) for q in out]


def seed(source_id: str) -> list[tuple[str, str, str]]:
    text = clean.clean(ingest.read(paths.SOURCES / f"{source_id}.txt", source_id)).text
    return found(text)


def test_seed_000_speakers():
    assert seed("000_1c9bbf8fc95876af") == [
        ("internal matter", "Afghan representatives", ""),
        ("decisive response.", "Islamabad", "pakistan_government"),
        ("complex but constructive", "Zabihullah Mujahid", "zabihullah_mujahid")]


def test_seed_001_statement_and_pronoun():
    assert seed("001_95596e8d0491c733") == [
        ("all parties have agreed to continue the ceasefire", "the statement", ""),
        ("comprehensive and professional team", "Zabihullah Mujahid", "zabihullah_mujahid")]


def test_seed_003_minister_by_title():
    assert seed("003_9135033baf75e7fc") == [
        ("full-scale conflict", "Pakistan’s Defense Minister", "khawaja_asif")]


def test_seed_004_sources_scare_quotes_and_continuation():
    got = seed("004_97150ba9a9c79845")
    speakers = {quote[:25]: speaker for quote, speaker, _ in got}
    assert speakers["KhawFitrija officials"] == ""
    assert speakers["victory for reason and na"] == ""            # passive: no agent
    assert speakers["clarity, professionalism "] == ""            # "its demands": a noun
    assert speakers["single point agenda"] == "Sources familiar with the talks"
    assert speakers["Pakistan has made it clea"] == "sources"
    assert speakers["The Pakistan Army respond"] == "security sources"
    assert speakers["The counteroffensive effe"] == "security sources"   # same speaker goes on
    assert len(got) == 11


@pytest.mark.parametrize("text, expected", [
    ('"We will not allow our soil to be used," the minister told Dawn.',
     [("We will not allow our soil to be used,", "the minister", "")]),
    ("“The ceasefire holds,” said Amir Khan Muttaqi, the foreign minister.",
     [("The ceasefire holds,", "Amir Khan Muttaqi", "amir_khan_muttaqi")]),
    ("“It was useful,” according to the Qatari Foreign Ministry.",
     [("It was useful,", "the Qatari Foreign Ministry", "qatar_foreign_ministry")]),
    ("Meanwhile, Ishaq Dar said the talks were “a last chance”.",
     [("a last chance", "Ishaq Dar", "ishaq_dar")]),
    ("Khawaja Asif spoke first. According to him, the plan was “dead on arrival”.",
     [("dead on arrival", "Khawaja Asif", "khawaja_asif")]),
    ("“Talks will go on,” he said, after Zabihullah Mujahid arrived.",
     [("Talks will go on,", "", "")]),
    ("The deal was called “historic” by analysts writing this week.", [("historic", "", "")]),
    ("The plan, which critics call a ‘trap’, was signed.", [("trap", "critics", "")]),
    ("In a statement, the ministry warned of a 'decisive response' to attacks.",
     [("decisive response", "the ministry", "")]),
])
def test_attribution_patterns(text, expected):
    assert found(text) == expected


def test_apostrophes_are_not_quotes():
    text = "Pakistan’s demand and Kabul's reply, the sources' view and the Taliban’s ‘plan’."
    assert [q for q, _, _ in found(text)] == ["plan"]


def test_glued_marks_and_straight_quotes():
    assert [q for q, _, _ in found('an“internal matter” and a "red line" and “x')] == [
        "internal matter", "red line"]


def test_single_marks_inside_double_quotes_are_not_separate():
    got = found("“They called it ‘final’ today,” the spokesman said.")
    assert got == [("They called it ‘final’ today,", "the spokesman", "")]


def test_unattributed_quote_keeps_empty_speaker():
    assert found("Residents described a “tense calm” in the area.") == [
        ("tense calm", "Residents", "")]
    assert found("There was a “tense calm” in the area.") == [("tense calm", "", "")]


def test_speaker_is_never_the_outlet_from_reported_by():
    got = found("“We are ready,” Dawn reported on Sunday.")
    assert got == [("We are ready,", "", "")]


@pytest.mark.parametrize("text, expected", [
    # a pronoun looks back to the last PERSON named, not only to gazetteer officials
    ('Zabihullah Mujahid spoke first. Political analyst Aziz Rafiee said the mechanism must '
     'be clear. "Without it, the truce fails," he said.',
     [("Without it, the truce fails,", "Aziz Rafiee", "")]),
    # a name after a title; the title is not part of the name
    ('Chinese President Xi Jinping said he hoped for calm. "Dialogue is the only way," he added.',
     [("Dialogue is the only way,", "Xi Jinping", "")]),
    # "she" skips a man named later and finds the woman named before him
    ('Foreign Office spokeswoman Mumtaz Zahra Baloch said talks would go on. Khawaja Asif '
     'was in Karachi. "We remain engaged," she said.',
     [("We remain engaged,", "Mumtaz Zahra Baloch", "")]),
    # "she" right after a woman named by title: that woman
    ('Ms Rahimi said the border was calm. "People are afraid," she said.',
     [("People are afraid,", "Rahimi", "")]),
    # "he" never resolves to a woman; no man named => no speaker
    ('Spokeswoman Mumtaz Zahra Baloch said talks would go on. "We are ready," he said.',
     [("We are ready,", "", "")]),
    # no person named before the pronoun => unattributed, not a guess
    ('The ministry said talks would resume. "We are ready," he said.',
     [("We are ready,", "", "")]),
    ('"We are ready," she said.', [("We are ready,", "", "")]),
    # bodies are not persons even when their names are capitalised
    ('The Pakistan Foreign Office said talks would resume. "We are ready," he said.',
     [("We are ready,", "", "")]),
])
def test_pronoun_refers_to_the_last_person_named(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text, expected", [
    ('Zabihullah Mujahid, the spokesman for the Islamic Emirate, said: "We want peace."',
     [("We want peace.", "Zabihullah Mujahid", "zabihullah_mujahid")]),
    ('Aziz Rafiee, a political analyst, said: "It will not last."',
     [("It will not last.", "Aziz Rafiee", "")]),
    # not an appositive: an adverbial before the subject
    ('In Kabul, the spokesman said: "We want peace."',
     [("We want peace.", "the spokesman", "")]),
])
def test_appositive_names_the_speaker(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text, expected", [
    ('Defence Minister Khawaja Asif arrived. "We want peace," Asif told reporters.',
     [("We want peace,", "Asif", "khawaja_asif")]),
    ('Ishaq Dar met the envoy. Later, Dar said the talks were "useful".',
     [("useful", "Dar", "ishaq_dar")]),
    # the surname alone, with nobody of that name named before: no identity guessed
    ('"We want peace," Asif told reporters.', [("We want peace,", "Asif", "")]),
    ('"We want peace," Asif told reporters. Khawaja Asif later left.',
     [("We want peace,", "Asif", "")]),
])
def test_surname_resolves_to_the_official_named_before(text, expected):
    assert found(text) == expected


def test_a_quote_split_by_its_attribution_keeps_its_speaker_in_both_halves():
    text = ("“The border will stay open,” said Zabihullah Mujahid, “as long as the other side "
            "keeps its word.”")
    assert found(text) == [
        ("The border will stay open,", "Zabihullah Mujahid", "zabihullah_mujahid"),
        ("as long as the other side keeps its word.", "Zabihullah Mujahid", "zabihullah_mujahid")]


def test_he_refers_back_to_an_official_named_by_surname_alone():
    text = ("Defence Minister Khawaja Asif spoke first. Spokesman Zabihullah Mujahid replied "
            "later.\nAsif added: “There will be no talks without guarantees.”\n"
            "“We are still waiting,” he said.")
    assert [q[1:] for q in found(text)] == [("Asif", "khawaja_asif"), ("Asif", "khawaja_asif")]


def test_a_quote_running_over_paragraphs_is_read_with_the_speaker_of_its_end():
    text = ("Zabihullah Mujahid spoke to reporters in Kabul.\n\n"
            "“We kept every promise we made in Doha. The other side did not.\n\n"
            "“We are still ready to talk,” he said.\n\n"
            "An aide called it \"a hard week\n\nfor everyone\" in private.")
    assert found(text) == [
        ("We kept every promise we made in Doha. The other side did not.", "Zabihullah Mujahid",
         "zabihullah_mujahid"),
        ("We are still ready to talk,", "Zabihullah Mujahid", "zabihullah_mujahid")]


def test_spans_of_both_marks_and_of_a_quote_run_on_from_the_first_line():
    """Straight and curly marks in any order, and a quote running on from the text's
    very first line (no newline before it), each at its own offsets."""
    text = '“Talks resume,\n“said an envoy,” and "soon"'
    assert quotes.spans(text) == [(0, 1, 14, 14), (15, 16, 30, 31), (36, 37, 41, 42)]
    assert quotes.spans('"a" “b” "c') == [(0, 1, 2, 3), (4, 5, 6, 7)]
