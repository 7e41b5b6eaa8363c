"""Quoted spans and who the text says spoke them.

Spans: double marks (“ ” or "), and single marks (‘ ’ or ') that are not
apostrophes; a glued opening mark ("an“internal matter”") is fine. Offsets are
those of the quoted text without its marks.

Speaker: what the sentence attributes the quote to, using the reporting grammar
in ``data/knowledge/attribution.yml``:
  “…,” X said / “…,” said X / “…,” according to X     (words right after the quote)
  X said (that) … “…” / According to X, … “…”          (the clause before the quote)
  X, the <role>, said: “…”                            (the name in an appositive)
  he / him / she / her -> the last person named before the sentence: an official
      from the gazetteer or a personal name heading a verb of saying ("Political
      analyst Aziz Rafiee said ..."), of the pronoun's gender when that is known
  a surname alone ("Asif told reporters") -> the official the text named in full
      before, when exactly one such official has that surname
  a quote opening a sentence right after an attributed quote -> the same speaker
  the second half of a quote split by its attribution (“…,” said X, “…”) -> X
Nothing else: an unattributed quote (a scare quote, a passive "was described as")
keeps speaker "". The outlet that carried the text is never a speaker here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from evidence.read import entities as gazetteer_
from evidence import text as tx
from evidence.model import EntityMention, Quote

KNOWLEDGE_FILE = "attribution.yml"
MASK = "\x01"                     # stands in for quoted text while reading the grammar
_DOUBLE = re.compile(r"“([^“”\n]+)”|\"([^\"\n]+)\"")
# Single marks: the opening mark must not follow a letter (that is an apostrophe,
# checked in code so the regex can scan for the mark itself, which is fast).
_SINGLES = (re.compile(r"‘((?:[^‘’\n]|’(?=\w))+)’(?!\w)"),
            re.compile(r"'(?=\S)((?:[^'\n]|'(?=\w))+?)(?<=\S)'(?!\w)"))
_NP = rf"[^,.;:!?{MASK}“”\"‘]"   # characters a speaker phrase may contain


@dataclass(frozen=True)
class Grammar:
    verb_before: re.Pattern      # X <aux>* VERB   (in the clause before a quote)
    after_speaker_verb: re.Pattern   # “…,” X said
    after_verb_speaker: re.Pattern   # “…,” said X
    according: re.Pattern
    after_according: re.Pattern
    passive: frozenset
    noun_markers: frozenset
    openers: frozenset
    pronouns: frozenset
    relatives: frozenset
    auxiliaries: frozenset
    speaker_types: tuple
    max_words: int
    max_single_words: int
    titles: frozenset
    male_titles: frozenset
    female_titles: frozenset
    male_pronouns: frozenset
    female_pronouns: frozenset
    particles: frozenset
    organisation_words: frozenset


@lru_cache(maxsize=None)
def grammar() -> Grammar:
    g = tx.knowledge(KNOWLEDGE_FILE)
    verbs = "|".join(sorted(map(re.escape, g["speech_verbs"]), key=len, reverse=True))
    aux = "|".join(sorted(map(re.escape, g["auxiliaries"]), key=len, reverse=True))
    lead = r"^[\s,.;:!?—–-]*"
    stop = r"(?=\s*(?:[,.;:!?]|$)|\s+(?:in|on|at|during|after|before|while|who|as|when)\b)"
    return Grammar(
        verb_before=re.compile(rf"(?<!\w)(?:{verbs})\b(?!\s+by\b)", re.I),
        after_speaker_verb=re.compile(
            rf"{lead}(?P<spk>{_NP}{{2,80}}?)\s+(?:(?:{aux})\s+)*(?:{verbs})\b", re.I),
        after_verb_speaker=re.compile(rf"{lead}(?:{verbs})\s+(?P<spk>{_NP}{{2,80}}?){stop}", re.I),
        according=re.compile(rf"(?<!\w)according to\s+(?P<spk>{_NP}{{2,80}}?){stop}", re.I),
        after_according=re.compile(rf"{lead}according to\s+(?P<spk>{_NP}{{2,80}}?){stop}", re.I),
        passive=frozenset(g["passive_markers"]),
        noun_markers=frozenset(g["noun_markers"]),
        openers=frozenset(g["clause_openers"]),
        pronouns=frozenset(g["person_pronouns"]),
        relatives=frozenset(g["relative_pronouns"]),
        auxiliaries=frozenset(g["auxiliaries"]) | frozenset(g["passive_markers"]),
        speaker_types=tuple(g["speaker_types"]),
        max_words=g["max_speaker_words"],
        max_single_words=g["max_single_quote_words"],
        titles=frozenset(g["person_titles"]),
        male_titles=frozenset(g["masculine_titles"]),
        female_titles=frozenset(g["feminine_titles"]),
        male_pronouns=frozenset(g["masculine_pronouns"]),
        female_pronouns=frozenset(g["feminine_pronouns"]),
        particles=frozenset(g["name_particles"]),
        organisation_words=frozenset(g["organisation_words"]),
    )


# ---------------------------------------------------------------- spans

# A quote running over paragraphs: its mark opens and is not closed on this line, and
# the next paragraph opens with a mark again (the journalistic convention). The line's
# start is its newline, read over the text after a newline: a pattern opening with one
# character is found by a fast scan for it, which ``(?m)^`` tried at every position.
_RUN_ON = re.compile(r"(?m)\n[ \t]*(?P<mark>[“\"])(?P<body>[^“”\"\n]+?)[ \t]*$(?=\n\s*[“\"])")


def spans(text: str) -> list[tuple[int, int, int, int]]:
    """(open mark, text start, text end, after close mark) of every quote; a quote whose
    paragraph ends before its closing mark (``_RUN_ON``) ends with its line."""
    found = [(m.start(), m.start() + 1, m.end() - 1, m.end())
             for m in tx.matches_at(_DOUBLE, text, "“\"")]     # tried only at a double mark
    found += [(m.start("mark") - 1, m.start("body") - 1, m.end("body") - 1, m.end("body") - 1)
              for m in _RUN_ON.finditer("\n" + text)]
    taken = [(s, e) for s, _, _, e in found]
    limit = grammar().max_single_words
    for pattern in _SINGLES:
        pos = 0
        while m := pattern.search(text, pos):
            if m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "'’_"):
                pos = m.start() + 1                  # an apostrophe: look again after it
                continue
            inside = any(s <= m.start() < e for s, e in taken)
            if not inside and len(tx.words(m[0])) <= limit:
                found.append((m.start(), m.start() + 1, m.end() - 1, m.end()))
                taken.append((m.start(), m.end()))
            pos = m.end()
    return sorted(found)


def _masked(text: str, quotes: list[tuple[int, int, int, int]]) -> str:
    chars = list(text)
    for _, start, end, _ in quotes:
        chars[start:end] = MASK * (end - start)
    return "".join(chars)


# ---------------------------------------------------------------- speakers

@dataclass
class _Speaker:
    text: str
    start: int
    end: int
    entity: str = ""


def _trim(phrase: str, start: int) -> tuple[str, int, int] | None:
    """Strip auxiliaries/punctuation around a speaker phrase; None if not a phrase."""
    g = grammar()
    ws = list(re.finditer(r"\S+", phrase))
    while ws and ws[-1][0].lower().strip(",") in g.auxiliaries:
        ws.pop()
    while ws and ws[0][0].lower() in g.relatives:
        ws.pop(0)
    if not ws or len(ws) > g.max_words:
        return None
    s, e = ws[0].start(), ws[-1].end()
    return phrase[s:e].strip(" ,–—-"), start + s, start + e


def _subject(masked: str, clause_start: int, verb_start: int) -> tuple[str, int, int] | None:
    """The subject before a speech verb: the last comma segment that is not an adverbial."""
    g = grammar()
    region = masked[clause_start:verb_start]
    segments = [(m.start(), m[0]) for m in re.finditer(r"[^,–—]+", region)]
    kept = []
    for offset, seg in segments:
        first = tx.words(seg)[:1]
        one_adverb = len(tx.words(seg)) == 1 and seg.strip().lower().endswith("ly")
        participle = bool(first) and first[0].islower() and first[0].endswith("ing")
        if first and first[0].lower() not in g.openers and not (one_adverb or participle):
            kept.append((offset, seg))
    if not kept:
        return None
    offset, seg = kept[-1]
    if len(kept) >= 2 and _appositive(kept[-2][1], seg) \
            and segments.index(kept[-2]) == segments.index(kept[-1]) - 1:
        offset, seg = kept[-2]             # "Zabihullah Mujahid, the spokesman ..., said"
    return _trim(seg, clause_start + offset)


def _appositive(name: str, role: str) -> bool:
    """``name, role,``: a proper name followed by a description of it ("the spokesman
    for ...", "spokesman for ...")."""
    g = grammar()
    name_words, role_words = tx.words(name), tx.words(role)
    return (bool(name_words) and bool(role_words) and len(name_words) <= g.max_words
            and all(w[0].isupper() or w.lower() in g.particles for w in name_words)
            and (role_words[0].lower() in ("the", "a", "an")
                 or role_words[0].lower() in g.titles and role_words[0][0].islower()))


def _from_after(masked: str, after: int, sent_end: int):
    g = grammar()
    window = masked[after:sent_end]
    for pattern in (g.after_verb_speaker, g.after_according, g.after_speaker_verb):
        m = pattern.match(window)
        if m and (found := _trim(m["spk"], after + m.start("spk"))):
            return found
    return None


def _from_before(masked: str, sent_start: int, mark: int):
    g = grammar()
    m = g.according.search(masked, sent_start, mark)
    if m:
        return _trim(m["spk"], m.start("spk"))
    for m in g.verb_before.finditer(masked, sent_start, mark):
        before = tx.words(masked[sent_start:m.start()])[-1:]
        if before and before[0].lower() not in g.passive | g.noun_markers:
            return _subject(masked, sent_start, m.start())
    return None


def _best_entity(entities: list[EntityMention], start: int, end: int) -> EntityMention | None:
    rank = {t: i for i, t in enumerate(grammar().speaker_types)}
    inside = [e for e in entities if e.resolved and start <= e.start and e.end <= end
              and e.entity_type in rank]
    return min(inside, key=lambda e: (rank[e.entity_type], -e.start), default=None)


def _gender(entity_id: str) -> str:
    entity = gazetteer_.gazetteer().by_id.get(entity_id)
    return entity.gender if entity else ""


def _person_name(phrase: str, start: int, entities: list[EntityMention]):
    """(name, start, end, gender) of the personal name a speaker phrase ends with
    ("Political analyst Aziz Rafiee" -> "Aziz Rafiee"), or None."""
    g = grammar()
    toks = list(re.finditer(r"\S+", phrase))
    n = len(toks)
    while n and (toks[n - 1][0][:1].isupper() and not re.search(r"['’]s$", toks[n - 1][0])
                 or toks[n - 1][0].lower() in g.particles):
        n -= 1
    run = toks[n:]
    while run and run[0][0].lower() in g.particles:
        run.pop(0)
    plain = [t[0].lower().strip(".") for t in toks]
    last_title = max((i for i in range(len(toks) - len(run), len(toks)) if plain[i] in g.titles),
                     default=len(toks) - len(run) - 1)
    name = toks[last_title + 1:]
    if not name or len(name) > 4 or name[0][0].lower() in g.particles:
        return None
    if len(name) == 1 and not (last_title >= 0 and plain[last_title] in g.titles):
        return None
    if any(p in g.organisation_words for p in plain[last_title + 1:]):
        return None
    s, e = start + name[0].start(), start + name[-1].end()
    if any(m.start < e and s < m.end and m.entity_type != "official" for m in entities):
        return None
    before = set(plain[:last_title + 1])
    gender = "male" if before & g.male_titles else "female" if before & g.female_titles else ""
    return phrase[name[0].start():name[-1].end()], s, e, gender


def _surname(name: str) -> str:
    """The last word of a personal name of two or more words ("" for a title)."""
    ws = tx.words(name.lower())
    if len(ws) < 2 or ws[-1] in grammar().titles or re.search(r"['’]s\b", name):
        return ""
    return ws[-1]


@lru_cache(maxsize=None)
def _alias_surnames() -> dict[str, frozenset[str]]:
    """entity id -> surnames of its full-name aliases."""
    out: dict[str, set[str]] = {}
    for alias, (entity, _) in gazetteer_.gazetteer().by_key.items():
        if entity.type == "official" and (name := _surname(alias)):
            out.setdefault(entity.id, set()).add(name)
    return {k: frozenset(v) for k, v in out.items()}


def _surname_entity(surname: str, entities: list[EntityMention], before: int) -> str:
    """The one official named before ``before`` whose name ends with ``surname``."""
    key = surname.lower()
    found = set()
    for e in entities:
        if e.start >= before:
            break
        if e.resolved and e.entity_type == "official" and e.entity_id not in found and (
                key in _alias_surnames().get(e.entity_id, ()) or _surname(e.surface) == key):
            found.add(e.entity_id)
    return found.pop() if len(found) == 1 else ""


def _last_person(text: str, masked: str, entities: list[EntityMention], before: int,
                 pronoun: str) -> _Speaker | None:
    """The last person named before ``before`` whose gender fits the pronoun."""
    g = grammar()
    want = ("female" if pronoun in g.female_pronouns
            else "male" if pronoun in g.male_pronouns else "")
    people: list[tuple[int, _Speaker, str]] = [
        (e.start, _Speaker(e.surface, e.start, e.end, e.entity_id), _gender(e.entity_id))
        for e in entities
        if e.start < before and e.resolved and e.entity_type == "official"]
    fit = lambda gender: not (want and gender and gender != want)
    # a name can only beat the last fitting official if it comes after it
    since = max((pos for pos, _, gender in people if fit(gender)), default=0)
    for m in g.verb_before.finditer(masked, since, before):
        words_before = tx.words(masked[max(0, m.start() - 40):m.start()])[-1:]
        if not words_before or words_before[0].lower() in g.passive | g.noun_markers:
            continue
        subject = _subject(masked, _sentence_at(text, m.start())[0], m.start())
        person = subject and (_person_name(subject[0], subject[1], entities)
                              or _named_by_surname(subject, entities))
        if person:
            name, s, e, gender = person
            if any(p.start < e and s < p.end for _, p, _ in people):
                continue                      # an official already listed
            entity = _surname_entity(name, entities, s) if " " not in name else ""
            people.append((s, _Speaker(name, s, e, entity), gender or _gender(entity)))
    fits = [(pos, person) for pos, person, gender in people if fit(gender)]
    return max(fits, key=lambda p: p[0])[1] if fits else None


def _named_by_surname(subject: tuple[str, int, int], entities: list[EntityMention]):
    """(name, start, end, gender) when the subject of a verb of saying is one
    capitalised word, the surname of exactly one official named before ("Asif added:"),
    else None."""
    word, start, end = subject
    if " " in word.strip() or not word[:1].isupper():
        return None
    entity = _surname_entity(word.strip(), entities, start)
    return (word.strip(), start, end, _gender(entity)) if entity else None


def _speaker(found, entities, text, masked, sent_start) -> _Speaker | None:
    spoken, start, end = found
    g = grammar()
    if spoken.lower() in g.pronouns:
        return _last_person(text, masked, entities, sent_start, spoken.lower())
    ent = _best_entity(entities, start, end)
    if ent and ent.entity_type == "official":
        return _Speaker(ent.surface, ent.start, ent.end, ent.entity_id)
    spoken = re.sub(r"^(The|A|An)\b", lambda m: m[1].lower(), spoken)
    entity_id = ent.entity_id if ent else ""
    words = tx.words(spoken)
    if not ent and 1 <= len(words) <= 2 and all(w[0].isupper() for w in words):
        entity_id = _surname_entity(words[-1], entities, start)    # "Asif told reporters"
    return _Speaker(spoken, start, end, entity_id)


# ---------------------------------------------------------------- the step

def _sentence_at(text: str, pos: int) -> tuple[int, int]:
    """The sentence holding ``pos`` (quotes never cross a line, so split that line only)."""
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    line_end = len(text) if line_end < 0 else line_end
    found = (line_start, line_end)
    for span in tx.sentences(text, line_start, line_end):
        if span[0] > pos:
            break
        found = span
    return found



def _run_on_speaker(marks, after: int, ents, text: str, masked: str) -> _Speaker | None:
    """The speaker of a quote running over paragraphs: the attribution of the quote
    that continues it in the next paragraph (“…  /  “…,” he said.)."""
    following = next((m for m in marks if m[0] > after), None)
    if following is None:
        return None
    open_mark, _, _, close = following
    s_open, s_close = _sentence_at(text, open_mark), _sentence_at(text, close - 1)
    found = _from_after(masked, close, max(s_close[1], close)) \
        or _from_before(masked, s_open[0], open_mark)
    return _speaker(found, ents, text, masked, s_open[0]) if found else None


def find(text: str, entities: list[EntityMention]) -> list[Quote]:
    marks = spans(text)
    if not marks:
        return []
    masked = _masked(text, marks)
    ents = sorted(entities, key=lambda e: e.start)
    out: list[Quote] = []
    previous: tuple[int, _Speaker | None] | None = None    # (close mark end, speaker)
    for open_mark, start, end, after in marks:
        s_open, s_close = _sentence_at(text, open_mark), _sentence_at(text, after - 1)
        found = _from_after(masked, after, max(s_close[1], after)) \
            or _from_before(masked, s_open[0], open_mark)
        speaker = _speaker(found, ents, text, masked, s_open[0]) if found else None
        if speaker is None and after == end:        # runs on: no closing mark (_RUN_ON)
            speaker = _run_on_speaker(marks, after, ents, text, masked)
        if speaker is None and previous and previous[1] and "\n" not in text[previous[0]:open_mark] \
                and (s_open[0] == open_mark                  # the same speaker goes on
                     or previous[0] <= previous[1].start < open_mark):   # “…,” said X, “…”
            speaker = previous[1]
        out.append(Quote(text[start:end], speaker.text if speaker else "", start, end,
                         speaker.entity if speaker else ""))
        previous = (after, speaker)
    return out
