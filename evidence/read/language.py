"""Which language an article is written in, and what the report cannot read in it.

Detection uses py3langid (a maintained fork of langid.py): its Naive Bayes model ships
inside the package (nothing is downloaded, ever), it is deterministic, covers 97
languages including Pashto (which lingua does not) besides Persian/Dari, Urdu and
Arabic, and returns a calibrated probability. The rules that find quotations, events,
provisions and relative dates read English only; dates in digits and month names are
also read in the scripts ``data/knowledge/calendar.yml`` lists month names for.
``not_analysed`` says so in plain words for each source that is not in English.
"""
from __future__ import annotations

from functools import lru_cache

from evidence.text import knowledge

RULES_LANGUAGE = "en"          # the language of the quote, event and relative-date rules
MIN_CONFIDENCE = 0.5           # below this the detector's answer is not recorded
SAMPLE_CHARS = 600             # of prose: enough to tell these languages apart; the detector
                               # costs ~2 us a character, the largest share of reading a page
PROSE_WORDS = 6                # lines with fewer words (menus, bylines) are not sampled


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier   # loads the shipped model
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect(text: str) -> tuple[str, float | None]:
    """(ISO 639 code, probability), or ("", probability) when unsure, ("", None) for no letters."""
    prose = "\n".join(line for line in text.splitlines() if len(line.split()) >= PROSE_WORDS)
    sample = (prose or text)[:SAMPLE_CHARS]
    if not any(ch.isalpha() for ch in sample):
        return "", None
    code, probability = _identifier().classify(sample)
    probability = round(float(probability), 2)
    return (code if probability >= MIN_CONFIDENCE else ""), probability


@lru_cache(maxsize=None)
def name(code: str) -> str:
    """The English name of a language code ("fa" -> "Persian"), or the code itself."""
    from babel import Locale, UnknownLocaleError
    try:
        return Locale.parse(code).english_name or code
    except (ValueError, UnknownLocaleError):
        return code


@lru_cache(maxsize=1)
def script_date_languages() -> frozenset[str]:
    """Languages whose month names calendar.yml lists in their own script."""
    return frozenset(knowledge("calendar.yml")["script_months"]["languages"])


def not_analysed(code: str) -> str:
    """A plain statement of what the report does not analyse in a source in ``code``."""
    english_only = ("quotations and their speakers, events and provisions, and relative "
                    "dates (yesterday, last week, weekdays) are not analysed: those rules "
                    "read English only")
    if code == RULES_LANGUAGE:
        return ""
    if not code:
        return f"Language not determined: {english_only}."
    label = f"Written in {name(code)} ({code})"
    if code in script_date_languages():
        return (f"{label}: {english_only}. Read: dates in digits and month names "
                "(Solar Hijri and Gregorian, Persian/Arabic-Indic digits) and gazetteer "
                "names written in this script.")
    return (f"{label}, a language the report does not read: {english_only}; names and "
            "dates in words are not found either. Read: only dates written in digits.")
