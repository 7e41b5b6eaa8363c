"""An outlet's readable name, found in the page and confirmed by its address or its own
abbreviation: "khaama.com" is "Khaama Press" when the page's title ends "| Khaama Press",
"aa.com.tr" is "Anadolu Agency" when a top or bottom line says so, "beta.english.aaj.tv"
is "Aaj English TV"; an agency credited as "BNA" is "Bakhtar News Agency" when the page
spells it out.

A name is only taken from a short, capitalised piece of the page's frame (the title's
parts, the site name, the first and last lines, removed furniture), split at separators,
and only when it spells the host's name: the same letters, its first word, its
initials, or each word abbreviated in turn ("pakobserver" for "Pakistan Observer").
Otherwise the host stays: empty or the host is better than a wrong name.
"""
from __future__ import annotations

import re
from functools import lru_cache

from evidence.text import knowledge

_SPLIT = re.compile(r"\s+[|–—·•-]\s+|\s*[|·•©]\s*|\s*\n\s*")
_NOISE = re.compile(r"\b(?:copyright|all rights reserved|\(c\))\b|\b(?:19|20)\d\d\b|[.,;:]+$", re.I)
_NAME_WORD = re.compile(r"(?:[A-Z0-9][\w'’&.-]*|of|and|the|&)")
# host labels that are no part of an outlet's name
_GENERIC_LABELS = frozenset(("www", "m", "amp", "beta", "en", "english", "edition", "news",
                             "com", "co", "org", "net", "gov", "edu", "ac"))
FIRST_LINES, LAST_LINES, MAX_WORDS = 3, 15, 5
MIN_CORE = 4             # letters left of a host label's word when an outlet word is split off


def host_label(host: str) -> str:
    """The label that names the site: "aa.com.tr" -> "aa", "beta.english.aaj.tv" -> "aaj"."""
    labels = [x for x in host.lower().split(".") if x]
    labels = [x for x in labels[:-1] if x not in _GENERIC_LABELS]   # the last is the TLD
    return re.sub(r"[^a-z0-9]", "", labels[-1]) if labels else ""


def _words(name: str) -> list[str]:
    words = [re.sub(r"[^a-z0-9]", "", w.lower()) for w in re.split(r"[\s-]+", name)]
    words = [w for w in words if w]
    return words[1:] if len(words) > 1 and words[0] == "the" else words


def _abbreviates(label: str, words: list[str]) -> bool:
    """Whether ``label`` is each word shortened in turn: a non-empty run of its letters
    in order that begins with its first letter ("pak"+"observer", "af"+"intl")."""
    if not words:
        return not label
    word = words[0]
    for cut in range(1, len(label) - len(words) + 2):
        chunk = label[:cut]
        if chunk[0] == word[0] and _in_order(chunk, word) and _abbreviates(label[cut:], words[1:]):
            return True
    return False


def _in_order(chunk: str, word: str) -> bool:
    it = iter(word)
    return all(ch in it for ch in chunk)


def spells(name: str, label: str, loose: bool = True) -> bool:
    """Whether an outlet ``name`` spells the host ``label`` (see the module's doc);
    ``loose=False`` leaves out the first-word match (for a line that may be a headline)."""
    words = _words(name)
    if not words or len(label) < 2:
        return False
    joined = "".join(words)
    whole = re.sub(r"[^a-z0-9]", "", name.lower())           # "The Daily Bulletin" too
    first = loose and label == words[0] and len(words) <= 3    # "Khaama Press"
    return (label in (joined, whole) or first or (len(words) > 1 and label == "".join(w[0] for w in words))
            or (len(words) > 1 and len(label) <= 24 and _abbreviates(label, words)))


def _pieces(frame: list[str]) -> list[str]:
    """The short, capitalised pieces of the page's frame, in the order given."""
    out = []
    for text in frame:
        for piece in _SPLIT.split(text or ""):
            piece = " ".join(_NOISE.sub(" ", piece).split()).strip(" :;,.-–—©()")
            words = piece.split()
            if 0 < len(words) <= MAX_WORDS and all(_NAME_WORD.fullmatch(w) for w in words) \
                    and (piece[0].isupper() or piece[0].isdigit()):
                out.append(piece)
    return list(dict.fromkeys(out))


def frame(raw_text: str, *others: str) -> list[str]:
    """The page's frame: ``others`` (title, site name, furniture), then its first and
    last lines."""
    lines = [line for line in raw_text.split("\n") if line.strip()]
    return list(others) + lines[:FIRST_LINES] + lines[-LAST_LINES:]


@lru_cache(maxsize=1)
def _outlet_words() -> tuple[str, ...]:
    """The outlet vocabulary ("times", "news", "tv", ...), longest first."""
    words = knowledge("furniture.yml")["tail"]["outlet_words"]
    return tuple(sorted({w.lower() for w in words}, key=len, reverse=True))


def _split_label(part: str) -> list[str]:
    """One label's words: a leading "the" and the outlet words it ends with split off
    ("thenationalnews" -> the, national, news; "indiatvnews" -> india, tv, news), digits
    apart from a word ("france24"); the rest stays one word. What is left of a word is
    never shorter than ``MIN_CORE`` ("hespress" stays whole)."""
    pieces = re.findall(r"[a-z]+|\d+", part)
    if len(pieces) > 1 and all(p.isdigit() or len(p) >= MIN_CORE for p in pieces):
        return [w for p in pieces for w in _split_label(p)]
    word, head, tail = part, [], []
    if word.startswith("the") and len(word) >= 3 + MIN_CORE:
        head, word = ["the"], word[3:]
    peeled = True
    while peeled:
        peeled = False
        for outlet_word in _outlet_words():
            core = word[:-len(outlet_word)]
            if word.endswith(outlet_word) and (len(core) >= MIN_CORE or core.isdigit()):
                tail.insert(0, outlet_word)
                word, peeled = core, True
                break
    return head + [word] + tail


def _capitalised(word: str) -> str:
    """"india" -> "India", "tv" -> "TV" (a word with no vowel is an abbreviation)."""
    if word.isdigit():
        return word
    return word.upper() if not re.search(r"[aeiouy]", word) else word.capitalize()


def readable(host: str) -> str:
    """The host's own name spaced and capitalised, for a page that never writes its
    outlet's name: "afghanistantimes.media" -> "Afghanistan Times", "indiatvnews.com" ->
    "India TV News", "thediplomat.com" -> "The Diplomat", "hasht-e-subh.com" ->
    "Hasht-e-Subh", "bbc.co.uk" -> "BBC". Only a leading "the" and the outlet vocabulary
    (``furniture.yml``: tail.outlet_words) are split off; the rest stays one word
    ("kokcha.org" -> "Kokcha"), never guessed apart. "" when the host has no name."""
    labels = [x for x in host.lower().split(".") if x]
    labels = [x for x in labels[:-1] if x not in _GENERIC_LABELS]
    if not labels or not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", labels[-1]):
        return ""
    parts = labels[-1].split("-")
    if len(parts) > 1:
        return "-".join(p.capitalize() if len(p) > 1 else p for p in parts)
    if len(parts[0]) <= 3:                          # "aa.com.tr", "app.com.pk", "8am.media"
        return parts[0].upper()
    return " ".join(_capitalised(w) for w in _split_label(parts[0]))


def for_host(host: str, frame_texts: list[str], usable, headlines=()) -> str:
    """The name in the page's frame that spells ``host``; "" when none does.
    ``usable``: the metadata filter that rejects page furniture; ``headlines``: the
    page's headlines, a name only when they spell the host closely."""
    label = host_label(host)
    if not label:
        return ""
    return next((p for p in _pieces(frame_texts)
                 if usable(p) and spells(p, label, loose=p not in headlines)), "")


def expand(abbreviation: str, text: str, frame_texts) -> str:
    """The name an all-capitals abbreviation ("BNA") stands for, when the page's frame
    (a list, or a function giving it) holds it or the text writes it before the
    abbreviation in brackets; else ""."""
    if not re.fullmatch(r"[A-Z]{2,5}", abbreviation):
        return ""
    label = abbreviation.lower()
    for piece in _pieces(frame_texts() if callable(frame_texts) else frame_texts):
        words = _words(piece)
        if len(words) == len(label) and "".join(w[0] for w in words) == label:
            return piece
    words = r"\s+".join(rf"{ch}[\w'’-]+" for ch in abbreviation)
    m = re.search(rf"\b((?:The\s+)?{words})\s*\(\s*{abbreviation}\s*\)", text)
    return m.group(1) if m else ""
