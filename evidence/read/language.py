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

import threading
from array import array
from functools import lru_cache

from evidence.text import knowledge

RULES_LANGUAGE = "en"          # the language of the quote, event and relative-date rules
MIN_CONFIDENCE = 0.5           # below this the detector's answer is not recorded
SAMPLE_CHARS = 600             # of prose: enough to tell these languages apart; the detector
                               # costs ~2 us a character, the largest share of reading a page
PROSE_WORDS = 6                # lines with fewer words (menus, bylines) are not sampled


_MODEL: list = []                 # the identifier, once loaded
_MODEL_LOCK = threading.Lock()     # one load, whichever thread asks first


def _identifier():
    if not _MODEL:
        with _MODEL_LOCK:
            if not _MODEL:
                # The shipped model, kept decompressed between runs. Its weights ship as
                # float16, and the scores are computed in float32 (``nb_ptc32``):
                # converted once (exactly), not for each text's features (a third of
                # the cost).
                from evidence.read import language_model
                _MODEL.append(language_model.load(_identifier_class()))
    return _MODEL[0]


def load_in_background() -> threading.Thread:
    """Start loading the model in a thread and return it (join it before forking).
    A first load (~0.8 s) is mostly LZMA decompression, which releases the GIL, so it
    runs alongside the caller's own start-up work; later ones read the copy
    ``language_model`` keeps (~0.05 s)."""
    thread = threading.Thread(target=_identifier, name="language-model", daemon=True)
    thread.start()
    return thread


@lru_cache(maxsize=1)
def _identifier_class():
    """py3langid's identifier, its byte-by-byte walk of the feature automaton
    remembered word by word (``_walk``) and its features counted by numpy
    (``_counted``): the same features in the same order with the same counts, so the
    same scores, at a fraction of the cost on text whose words recur."""
    import numpy as np
    from py3langid.langid import LanguageIdentifier

    class Identifier(LanguageIdentifier):
        __slots__ = ("nb_ptc32",)

        def _raw_score(self, text):
            features = _walk(self, text) if isinstance(text, bytes) else None
            if features is None:
                return super()._raw_score(text)
            # py3langid's _sparse_score, from the same (feature, count) arrays
            index, counts = _counted(features)
            return np.log1p(counts.astype(np.float32)) @ self.nb_ptc32[index] + self.nb_pc

    return Identifier


_WALKS: dict[int, dict[bytes, tuple[int, bytes]]] = {}   # state -> word -> walk
_WALKS_MAX = 1 << 18
_WALKED = [0]                   # how many words _WALKS holds


def _walk(identifier, data: bytes):
    """The features py3langid's ``visit_counts`` finds (those the automaton emits at
    each byte), in order, as an int32 array, or None when there are none. Walked a
    word and the space after it at a time, each (state, word) walked once per
    process and kept as its features' bytes, looked up by state, then by word (no key
    to build per word); the last word, with no space after it, is walked byte by
    byte."""
    move, rowbase, output = identifier.tk_nextmove, identifier._rowbase, identifier.tk_output
    state, parts = 0, []
    words = data.split(b" ")
    last = words.pop()
    for word in words:
        known = _WALKS.get(state)
        if known is None:
            known = _WALKS[state] = {}
        walked = known.get(word)
        if walked is None:
            emitted = array("i")
            for byte in word + b" ":
                state = move[rowbase[state] + byte]
                if output[state] >= 0:
                    emitted.append(output[state])
            walked = known[word] = (state, emitted.tobytes())
            _WALKED[0] += 1
            if _WALKED[0] >= _WALKS_MAX:
                _WALKS.clear()
                _WALKED[0] = 0
        state, emitted = walked
        parts.append(emitted)
    emitted = array("i")
    for byte in last:
        state = move[rowbase[state] + byte]
        if output[state] >= 0:
            emitted.append(output[state])
    parts.append(emitted.tobytes())
    features = b"".join(parts)
    if not features:
        return None
    import numpy as np     # imported here: importing this module never pays for it
    return np.frombuffer(features, dtype=np.intc)


def _counted(features):
    """(each distinct feature, in order of first appearance; how often it occurs): the
    keys and values of ``Counter(features)``, which py3langid scores. Found by sorting
    the features with their positions (one key each: feature above, position below),
    so each run of one feature opens at its first place, instead of a dictionary update
    per feature and a conversion per key and value."""
    import numpy as np
    n = len(features)
    keys = (features.astype(np.int64) << 32) | np.arange(n, dtype=np.int64)
    keys.sort()
    ranked = keys >> 32
    opens = np.empty(n + 1, dtype=bool)           # where a run of one feature opens
    opens[0] = opens[n] = True
    np.not_equal(ranked[1:], ranked[:-1], out=opens[1:n])
    bounds = opens.nonzero()[0]
    counts = np.zeros(n, dtype=np.int64)          # at each feature's first place
    counts[keys[bounds[:-1]] & 0xFFFFFFFF] = bounds[1:] - bounds[:-1]
    first = counts > 0
    return features[first], counts[first]


def _sample(text: str) -> str:
    """The first ``SAMPLE_CHARS`` of the text's prose lines (joined by newlines), or of
    the text when it has none; lines are read only until the sample is full."""
    prose, size = [], -1
    for line in text.splitlines():
        if len(line.split()) >= PROSE_WORDS:
            prose.append(line)
            size += len(line) + 1
            if size >= SAMPLE_CHARS:
                break
    return ("\n".join(prose) or text)[:SAMPLE_CHARS]


def detect(text: str) -> tuple[str, float | None]:
    """(ISO 639 code, probability), or ("", probability) when unsure, ("", None) for no letters."""
    sample = _sample(text)
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
