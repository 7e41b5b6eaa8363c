"""entities.find: gazetteer aliases across spellings, case, overlaps, garbled variants."""
from __future__ import annotations

import re

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from evidence.read import clean, entities, ingest

from evidence import paths

TTP_ALIASES = ["TTP", "Tehrik-i-Taliban Pakistan", "Tehreek-e-Taliban Pakistan", "Tehrik-e-Taliban",
               "Fitna al Khwarij", "Fitna al Khawarij", "Fitna-al-Khawarij", "Khwarij", "Khawarij"]


def ids(text: str) -> list[tuple[str, str]]:
    return [(e.entity_id, e.surface) for e in entities.find(text)]


def seed_text(source_id: str) -> str:
    path = paths.SOURCES / f"{source_id}.txt"
    return clean.clean(ingest.read(path, source_id)).text


@pytest.mark.parametrize("alias", TTP_ALIASES)
def test_every_ttp_alias_resolves_to_one_id(alias):
    assert ids(f"Officials blamed the {alias} for the attack.") == [("ttp", alias)]


@pytest.mark.parametrize("alias", ["Balochistan Liberation Army", "BLA", "Fitna al Hindustan"])
def test_bla_aliases(alias):
    assert ids(f"They named the {alias} as well.") == [("bla", alias)]


@pytest.mark.parametrize("text, expected", [
    ("Khawaja Muhammad Asif met them.", [("khawaja_asif", "Khawaja Muhammad Asif")]),
    ("Pakistan’s Defense Minister spoke.", [("khawaja_asif", "Pakistan’s Defense Minister")]),
    ("Mullah Yaqoob led the delegation.", [("mullah_yaqoob", "Mullah Yaqoob")]),
    ("Mujahid said so.", [("zabihullah_mujahid", "Mujahid")]),
    ("Talks in Türkiye, Turkiye and Turkey.", [("turkiye", "Türkiye"), ("turkiye", "Turkiye"),
                                               ("turkiye", "Turkey")]),
    ("The Turkish Foreign Ministry said it.", [("turkish_foreign_ministry",
                                                "Turkish Foreign Ministry")]),
    ("Clashes in Khyber Pakhtunkhwa (KP) and Angoor Adda.",
     [("khyber_pakhtunkhwa", "Khyber Pakhtunkhwa"), ("khyber_pakhtunkhwa", "KP"),
      ("angoor_adda", "Angoor Adda")]),
    ("ISIS and Daesh and ISKP", [("iskp", "ISIS"), ("iskp", "Daesh"), ("iskp", "ISKP")]),
    ("the Gul Bahadur faction", [("gul_bahadur_group", "Gul Bahadur faction")]),
    ("the Islamic Emirate and the Taliban regime",
     [("afghan_taliban_government", "Islamic Emirate"),
      ("afghan_taliban_government", "Taliban regime")]),
])
def test_aliases(text, expected):
    assert ids(text) == expected


def test_longest_match_and_no_overlaps():
    text = "the Afghan Taliban regime and Tehrik-i-Taliban Pakistan and Mullah Mohammad Yaqoob Mujahid"
    found = entities.find(text)
    assert [(e.entity_id, e.surface) for e in found] == [
        ("afghan_taliban_government", "Afghan Taliban regime"),
        ("ttp", "Tehrik-i-Taliban Pakistan"),
        ("mullah_yaqoob", "Mullah Mohammad Yaqoob Mujahid")]
    for a, b in zip(found, found[1:]):
        assert a.end <= b.start


@pytest.mark.parametrize("text", ["a roast turkey", "ttp is lowercase", "Pakistani", "Talibanistan",
                                  "Bajaurs", "mujahid"])
def test_case_and_word_boundaries(text):
    assert ids(text) == []


def test_capitals_headline_matches():
    assert ids("ISLAMABAD: PAKISTAN AND QATAR") == [
        ("islamabad", "ISLAMABAD"), ("pakistan", "PAKISTAN"), ("qatar", "QATAR")]


def test_capital_as_metonym_for_government():
    found = ids("Islamabad has warned Kabul. Kabul's reply came from talks held in Islamabad.")
    assert found == [("pakistan_government", "Islamabad"), ("kabul", "Kabul"),
                     ("afghan_taliban_government", "Kabul"), ("islamabad", "Islamabad")]


def test_offsets_index_the_text():
    text = seed_text("004_97150ba9a9c79845")
    found = entities.find(text)
    assert found
    for e in found:
        assert text[e.start:e.end] == e.surface


def test_garbled_variants_are_listed_unresolved():
    found = [e for e in entities.find(seed_text("004_97150ba9a9c79845")) if not e.resolved]
    assert [(e.surface, e.entity_id) for e in found] == [("KhawFitrija", ""),
                                                        ("KhawFitrijna", "")]


@pytest.mark.parametrize("text, garbled", [
    ("the Khawarji commanders", ["Khawarji"]),
    ("a Zabiulah statement", ["Zabiulah"]),
    ("Khyber, Minister, Mujahideen, Pakistani, Defence, Liberation, Hindustani", []),
])
def test_garbled_detection_beyond_the_seeds(text, garbled):
    assert [e.surface for e in entities.find(text) if not e.resolved] == garbled


def test_seeds_have_no_other_unresolved_tokens():
    for path in paths.source_files():
        if path.stem.startswith("004"):
            continue
        assert all(e.resolved for e in entities.find(seed_text(path.stem)))


def test_gazetteer_is_consistent():
    spec = yaml.safe_load((paths.KNOWLEDGE / "gazetteer.yml").read_text(encoding="utf-8"))
    seen = set()
    for entry in spec["entities"]:
        assert entry["id"] not in seen
        seen.add(entry["id"])
        assert entry["side"] in {"pakistan", "afghanistan", "mediator", "other"}
        assert entry["type"] in {"country", "government", "armed_group", "official", "mediator",
                                 "institution", "military", "place"}
        assert entry["aliases"]
        assert entry.get("metonym_for", "") in seen | {""} or entry["metonym_for"] in \
            {e["id"] for e in spec["entities"]}
    gaz = entities.gazetteer()
    assert len(gaz.by_id) == len(spec["entities"])


def test_lower_cased_scan_finds_what_the_case_ignoring_scan_finds():
    """find() scans lower-cased text for speed; a character that grows when lower-cased
    ("İ") must neither shift offsets nor crash (it used to raise KeyError)."""
    for text in ("Talks in Istanbul: TURKEY, Türkiye, KHAWAJA ASIF and Khawaja-Asif.",
                 "İzmir first. Talks in Istanbul: TURKEY, Türkiye, KHAWAJA ASIF and Khawaja-Asif."):
        got = [(m.entity_id, m.surface) for m in entities.find(text)]
        assert got == [("istanbul", "Istanbul"), ("turkiye", "TURKEY"), ("turkiye", "Türkiye"),
                       ("khawaja_asif", "KHAWAJA ASIF"), ("khawaja_asif", "Khawaja-Asif")]
        for m in entities.find(text):
            assert text[m.start:m.end] == m.surface
    assert [m.entity_id for m in entities.find("talks in turkey")] == []   # case still checked


def test_aliases_that_differ_only_in_case_are_all_found():
    # the gazetteer lists "Majed al-Ansari" and "Majed Al-Ansari": the second used to
    # replace the first's spellings, so the lower-case particle was never found
    for text in ("Majed al-Ansari said.", "Majed Al-Ansari said."):
        assert [e.entity_id for e in entities.find(text)] == ["majed_al_ansari"]


def test_the_process_officials_are_known():
    text = ("Mullah Abdul Ghani Baradar spoke. Ibrahim Kalin, Recep Tayyip Erdogan, Mohsin "
            "Naqvi, Attaullah Tarar, Tahir Andrabi, Enayatullah Khwarazmi and Rahmatullah "
            "Najib were named.")
    ids = [e.entity_id for e in entities.find(text)]
    assert ids == ["mullah_baradar", "ibrahim_kalin", "recep_tayyip_erdogan", "mohsin_naqvi",
                   "attaullah_tarar", "tahir_andrabi", "enayatullah_khwarazmi",
                   "rahmatullah_najib"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Kabul", "xKabul", "_Doha", "Istanbul", "ISTANBUL", "Mujahid",
                                 "9Khan", "Ab", " ", "\n", "-", "é", "Éric", "Qatar's", "Zz1zzz"]),
                max_size=12).map("".join))
def test_candidate_name_tokens_are_capitals_not_after_a_word_character(text):
    assert entities._TOKEN.findall(text) == re.findall(r"(?<!\w)[A-Z][^\W\d_]{4,}", text)


def test_aliases_are_found_at_the_start_and_next_to_punctuation_only():
    """The scan reads the character before each alias (after a space put first): an
    alias at the very start, one right after another's punctuation and one in
    brackets are found at their own offsets; one inside a longer word is not."""
    found = [(m.entity_id, m.start, m.end)
             for m in entities.find("Pakistan.Afghanistan (Kabul) Islamabad")]
    assert found == [("pakistan", 0, 8), ("afghanistan", 9, 20), ("kabul", 22, 27),
                     ("islamabad", 29, 38)]
    assert [(m.start, m.end) for m in entities.find("xPakistan Pakistanx Pakistan")] == [(20, 28)]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["kabul", "afghan", "afghan taliban", "afghanistan's",
                                 "pakistan", "taliban", " ", "  ", "\n", "-", "–", ".", "(",
                                 "’", "é", "_", "9", "x", "the"]),
                max_size=14).map("".join))
def test_split_scan_finds_what_the_single_pattern_finds(text):
    """The alias scan runs as two patterns (after a space, after any other non-word
    character) merged left to right: the same matches, at the same places, as the one
    pattern, including aliases that follow each other or overlap a candidate."""
    gaz = entities.gazetteer()
    scanned = gaz.lead + text
    single = [(m.start(), m.end()) for m in entities._whole().finditer(scanned)]
    assert [(m.start(), m.end()) for m in entities._merged(*gaz.split, scanned)] == single


def test_split_is_only_made_of_a_pattern_that_reads_the_character_before():
    assert entities._split(r"(?<!\w)(?:kabul)(?!\w)") == ()
    after_space, after_other = entities._split(r"\W(?:kabul)(?!\w)")
    assert after_space.match(" kabul") and not after_space.match(".kabul")
    assert after_other.match(".kabul") and after_other.match("’kabul")
    assert not after_other.match(" kabul") and not after_other.match("ékabul")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Kabul", "xKabul", "_Doha", "Mujahid", "MUJAHID", "9Khan", " ",
                                 "\n", "-", "é", "Éric", "Qatar's", "Kzz1zzz", "Talibn"]),
                max_size=12).map("".join),
       st.frozensets(st.sampled_from("KMQDT"), min_size=1))
def test_tokens_opening_with_some_capitals_are_those_tokens(text, capitals):
    """The walk for garbled names looks for tokens opening with their capitals only:
    the same tokens, at the same places, as the full token pattern's that open so."""
    assert [m.span() for m in entities._tokens_opening(capitals).finditer(text)] == \
        [m.span() for m in entities._TOKEN.finditer(text) if m[0][0] in capitals]
