"""Gazetteer matching: every alias of every entity, in one precompiled regex.

The gazetteer is ``data/knowledge/gazetteer.yml`` (its header explains the
matching rules). Aliases are compiled into a character trie so one regex pass
finds the longest alias at each position; case is checked after the match
(acronyms only in capitals, names as written / Title Case / CAPITALS).
Capitalised tokens that look like a garbled form of a distinctive name are
returned unresolved (``entity_id=""``) rather than dropped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from evidence import text as tx
from evidence.model import EntityMention

KNOWLEDGE_FILE = "gazetteer.yml"
SEPARATORS = " -‐‑–"          # a space or hyphen in an alias matches any of these
APOSTROPHES = "'’"
_SEP, _APOS = "\x00sep", "\x00apos"
_ATOM_REGEX = {_SEP: r"[\s\-‐‑–]+", _APOS: r"['’]"}
# capitalised words (candidate names): a capital not after a word character, then 4+
# letters; the boundary is checked after the capital so that the engine can skip to
# capitals (as ``(?<!\w)[A-Z]...`` it tried every position: 2.5x slower)
_TOKEN = re.compile(r"[A-Z](?<!\w[A-Z])[^\W\d_]{4,}")
_SEP_RUN = re.compile(r"[\s\-‐‑–]+")


@dataclass(frozen=True)
class Entity:
    id: str
    type: str
    side: str
    metonym_for: str = ""
    gender: str = ""          # a person's grammatical gender (male | female) when known


@dataclass(frozen=True)
class Gazetteer:
    pattern: str              # matches any alias in lower-cased text (faster than IGNORECASE)
    lead: str                 # put before the text scanned ("" or " ": see _trie_regex)
    split: tuple              # the pattern as (after a space, after another character), or ()
    by_key: dict          # normalised alias -> (Entity, allowed case forms)
    by_id: dict           # id -> Entity
    alias_words: frozenset
    fuzzy: tuple          # (letters, bigrams) of each fuzzy name
    metonym_next: re.Pattern


def _atoms(alias: str) -> list[str]:
    out: list[str] = []
    for ch in alias:
        atom = _SEP if ch in SEPARATORS or ch.isspace() else _APOS if ch in APOSTROPHES else ch
        if not (atom == _SEP and out and out[-1] == _SEP):
            out.append(atom)
    return out


@lru_cache(maxsize=65536)
def _form(surface: str) -> str:
    """The surface with separators and apostrophes unified (case kept)."""
    return _SEP_RUN.sub(" ", surface.replace("’", "'"))


def _case_forms(alias: str) -> set[str]:
    form = _form(alias)
    if not any(ch.islower() for ch in alias):          # an acronym: capitals only
        return {form}
    title = re.sub(r"(^|[ \-])(\w)", lambda m: m[1] + m[2].upper(), form)
    return {form, form.upper(), title}


def _trie_regex(aliases: list[str]) -> tuple[str, str]:
    """(the aliases' pattern, what to put before the text it scans). An alias starts
    where no word character precedes it. When every alias opens with a word character
    the pattern reads that non-word character itself (``\\W``), and the text is scanned
    after a space: the engine then skips straight over word characters instead of
    trying the whole pattern at each (a fifth of the scan's time), and finds the same
    aliases (none can start where the one before ended, which is not a word character).
    Otherwise it looks behind (``(?<!\\w)``) and the text is scanned as it is."""
    trie: dict = {}
    for alias in aliases:
        node = trie
        for atom in _atoms(alias.lower()):
            node = node.setdefault(atom, {})
        node[""] = {}                                   # end of an alias

    def emit(node: dict) -> str:
        alts = [(_ATOM_REGEX.get(atom) or re.escape(atom)) + emit(node[atom])
                for atom in sorted(a for a in node if a)]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body   # greedy: longer alias first

    if all(re.fullmatch(r"\w", atom) for atom in trie if atom):
        return r"\W(?:" + emit(trie) + r")(?!\w)", " "
    return r"(?<!\w)(?:" + emit(trie) + r")(?!\w)", ""


def _split(pattern: str) -> tuple:
    """A pattern that reads the non-word character before an alias (``\\W...``) as two
    patterns: one after a space, one after any other non-word character; () for any
    other pattern. Most aliases follow a space, and the engine looks for a pattern's
    leading literal with a fast search but tests every character against a leading
    class (a third of the scan's time). The second pattern's class leaves out ASCII
    letters and digits, which are cheap to rule out, and the look-behind then asks for
    a non-word character, so the two together start exactly where the one does."""
    if not pattern.startswith(r"\W"):
        return ()
    rest = pattern[len(r"\W"):]
    return re.compile(" " + rest), re.compile(r"[^ 0-9_a-z](?<=\W)" + rest)


def _merged(first: re.Pattern, second: re.Pattern, text: str):
    """The matches ``finditer`` of a pattern matching where ``first`` or ``second`` does
    (never at the same place) would give: left to right, each searched for after the
    end of the one before."""
    a, b = first.search(text), second.search(text)
    while a is not None or b is not None:
        m = a if b is None or (a is not None and a.start() < b.start()) else b
        yield m
        end = m.end()
        if a is not None and a.start() < end:
            a = first.search(text, end)
        if b is not None and b.start() < end:
            b = second.search(text, end)


def _bigrams(word: str) -> frozenset[str]:
    return frozenset(word[i:i + 2] for i in range(len(word) - 1))


@lru_cache(maxsize=None)
def gazetteer() -> Gazetteer:
    data = tx.knowledge(KNOWLEDGE_FILE)
    by_key: dict = {}
    by_id: dict = {}
    fuzzy = []
    for spec in data["entities"]:
        entity = Entity(spec["id"], spec["type"], spec["side"], spec.get("metonym_for", ""),
                        spec.get("gender", ""))
        if entity.id in by_id:
            raise ValueError(f"gazetteer: duplicate id {entity.id}")
        by_id[entity.id] = entity
        for alias in spec["aliases"]:
            key = _form(alias).lower()
            if key in by_key and by_key[key][0] != entity:
                raise ValueError(f"gazetteer: alias {alias!r} of {entity.id} "
                                 f"also names {by_key[key][0].id}")
            # aliases differing only in case ("al-Ansari", "Al-Ansari") add their forms
            forms = by_key[key][1] if key in by_key else set()
            by_key[key] = (entity, forms | _case_forms(alias))
        fuzzy += [(name.lower(), _bigrams(name.lower())) for name in spec.get("fuzzy", [])]
    verbs = sorted(data["metonym_verbs"], key=len, reverse=True)
    pattern, lead = _trie_regex(sorted(by_key))
    return Gazetteer(
        pattern=pattern, lead=lead, split=_split(pattern),
        by_key=by_key, by_id=by_id,
        alias_words=frozenset(w.lower() for key in by_key for w in tx.words(key)),
        fuzzy=tuple(fuzzy),
        metonym_next=re.compile(r"\s*(?:" + "|".join(
            re.escape(v) if v[0] in APOSTROPHES else r"\b" + re.escape(v) + r"\b"
            for v in verbs) + ")", re.IGNORECASE),
    )


def find(text: str) -> list[EntityMention]:
    gaz = gazetteer()
    mentions: list[EntityMention] = []
    lower = text.lower()
    # Lower-casing keeps every offset unless a character expands ("İ"); then the
    # case-ignoring regex reads the text itself. Case is checked below either way.
    if len(lower) != len(text):
        matches = _case_ignoring().finditer(gaz.lead + text)
    elif gaz.split:
        matches = _merged(*gaz.split, gaz.lead + lower)
    else:
        matches = _whole().finditer(gaz.lead + lower)
    for m in matches:
        # in the text: with a lead the match also read the character before the alias,
        # and every offset is one more
        start, end = m.start(), m.end() - len(gaz.lead)
        surface = text[start:end]
        form = _form(surface)
        found = gaz.by_key.get(form.lower())
        if found is None or form not in found[1]:
            continue                          # wrong case: "turkey" is not Türkiye
        entity = found[0]
        if entity.metonym_for and gaz.metonym_next.match(text, end):
            entity = gaz.by_id[entity.metonym_for]
        mentions.append(EntityMention(entity.id, entity.type, entity.side, surface, start, end))
    # Most articles have no garbled name: test each distinct word once, walk only if any.
    garbled = {w for w in {t.lower() for t in _TOKEN.findall(text)} if _garbled(w)}
    spans = [(e.start, e.end) for e in mentions]
    for tok in (_tokens_opening(frozenset(w[0].upper() for w in garbled)).finditer(text)
                if garbled else ()):
        if tok[0].lower() in garbled \
                and not any(s < tok.end() and tok.start() < e for s, e in spans):
            mentions.append(EntityMention("", "", "", tok[0], tok.start(), tok.end(),
                                          resolved=False))
    return sorted(mentions, key=lambda e: (e.start, e.end))


@lru_cache(maxsize=1)
def _case_ignoring() -> re.Pattern:
    """The gazetteer's pattern matching any case in the text itself (after ``lead``),
    for the rare text that lower-casing would lengthen ("İ"): compiled when first
    needed (compiling the alias trie costs each process a tenth of a second)."""
    return re.compile(gazetteer().pattern, re.IGNORECASE)


@lru_cache(maxsize=1)
def _whole() -> re.Pattern:
    """The gazetteer's pattern as one, for lower-cased text: needed only when it cannot
    be split (``_split``), so compiled when first needed, as ``_case_ignoring``."""
    return re.compile(gazetteer().pattern)


@lru_cache(maxsize=256)
def _tokens_opening(capitals: frozenset[str]) -> re.Pattern:
    """``_TOKEN`` for the tokens that open with one of these capitals: the walk for the
    garbled ones looks only where they can start (the first pass found their words).
    A token never starts inside another (it follows a non-word character), so these
    are exactly the tokens ``_TOKEN`` finds that open so."""
    return re.compile("[" + "".join(sorted(capitals)) + "]" + _TOKEN.pattern[len("[A-Z]"):])


@lru_cache(maxsize=65536)
def _garbled(token: str) -> bool:
    """A token that is no known alias word but resembles a distinctive name."""
    gaz = gazetteer()
    if token in gaz.alias_words:
        return False
    grams = _bigrams(token)
    threshold = tx.knowledge(KNOWLEDGE_FILE)["fuzzy_threshold"]
    for name, name_grams in gaz.fuzzy:
        if token[:5] == name[:5]:
            continue                  # an inflection or derivation ("Mujahideen")
        if 2 * len(grams & name_grams) >= threshold * (len(grams) + len(name_grams)):
            return True
    return False
