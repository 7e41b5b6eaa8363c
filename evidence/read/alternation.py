"""Alternations of words and phrases written as a trie, for the date patterns' long lists
(month, weekday and Hijri month names, relative phrases, number words). Python's regex
engine tries the alternatives of ``(?:January|February|...)`` one after the other, and
skips one without entering it only when it opens with a plain character or class (not
under ``re.I``); a name that is not there costs a try of each of 150 names, a phrase of
the 80 relative ones each of its alternatives up to where it fails. ``trie`` writes the
same alternation as one branch per first character, then per next character within
it, and so on: "January|June|July" as ``J(?:anuary|u(?:ne|ly))``, each branch opening
with its character (under ``ignore_case`` its class, ``word_openings.letters``), so a
failing name costs a few checks. Same matches and the same one chosen: alternatives
branching at different characters never both match at one place, and where one is a
prefix of another the longer is tried first, as in the alternation (``trie`` writes it
as given when its order is another).
"""
from __future__ import annotations

import re

from evidence.read import word_openings

_ATOM = re.compile(r"\\s\+|\\[^0-9A-Za-z\s]|[^\\.^$*+?{}\[\]()|\s]")
_SPACE = r"\s+"


def _key(atom: str, ignore_case: bool) -> str | None:
    """What an atom of an alternative matches: ``\\s+``, or one character (the lower case
    of an ASCII letter under ``ignore_case``); None for a character whose case
    ``ignore_case`` would fold beyond ASCII letters."""
    if atom == _SPACE:
        return atom
    char = atom[-1]
    if ignore_case and char.lower() != char.upper():
        return char.lower() if char.isascii() else None
    return char


def _source(key: str, ignore_case: bool) -> str:
    if key == _SPACE:
        return key
    if ignore_case and key.isascii() and key.isalpha():
        return f"[{word_openings.letters(key)}]"
    return re.escape(key)


def trie(alternatives: list[str], ignore_case: bool = False) -> str:
    """``(?:alt1|alt2|...)`` (``(?i:...)`` when ``ignore_case``) written as a trie (see the
    module's docstring); ``alternatives`` are regex sources of characters, escaped
    characters and ``\\s+``. Written as given when one holds other regex syntax or, under
    ``ignore_case``, a cased character beyond the ASCII letters, or when an
    alternative comes after one that is its prefix (the shorter would be tried first)."""
    flat = ("(?i:" if ignore_case else "(?:") + "|".join(alternatives) + ")"
    root: dict = {}
    for alternative in alternatives:
        atoms = _ATOM.findall(alternative)
        keys = [_key(atom, ignore_case) for atom in atoms]
        if not atoms or "".join(atoms) != alternative or None in keys:
            return flat
        node = root
        for key in keys:
            if "" in node:
                return flat          # an earlier alternative is a prefix of this one
            node = node.setdefault(key, {})
        node.setdefault("", {})      # (a repeated alternative: the first is the one tried)
    return _render(root, ignore_case)


def _render(node: dict, ignore_case: bool) -> str:
    """The regex of a trie node: its branches in the order first seen, the end of an
    alternative (the empty branch) last. A branch opens with its character (or class);
    the run of characters down to the next branching follows as written, under
    ``ignore_case`` in ``(?i:...)`` (a class per character compiled several times slower,
    and these patterns are compiled in many combinations)."""
    options = []
    for key, child in node.items():
        if key == "":
            continue
        run = []
        while len(child) == 1 and "" not in child:
            (step, child), = child.items()
            run.append(step)
        rest = "".join(k if k == _SPACE else re.escape(k) for k in run)
        if rest and ignore_case:
            rest = f"(?i:{rest})"
        options.append(_source(key, ignore_case) + rest + (_render(child, ignore_case) if child else ""))
    if "" in node:
        options.append("")
    return options[0] if len(options) == 1 else "(?:" + "|".join(options) + ")"
