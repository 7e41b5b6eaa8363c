"""Remove page furniture, keep an audit, and split pages that join several stories.

The rules are data: ``data/knowledge/furniture.yml`` (read that file for what
counts as furniture and why). This module only applies them:

1. line rules remove whole lines (plus the lines a rule's ``then`` claims);
2. prefix rules strip an aggregator tag from the start of a kept line;
3. lines after the last prose line are checked for a lone outlet name / byline;
4. kept lines become paragraphs (hard-wrapped plain text is re-joined),
   separated by one blank line;
5. headline-like paragraphs inside the body are scored: new story or subheading.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from evidence import text as tx
from evidence.read import rule_patterns
from evidence.model import CleanDocument, RawDocument, RemovedLine, SourceProblem, Story

KNOWLEDGE_FILE = "furniture.yml"
_NAMED_GROUP = re.compile(r"\(\?P<\w+>")


# rules whose removed text is a date the page or capture claims (used if the content agrees)
HEADER_DATE_RULES = ("page_header_date", "page_header_stamp")
_SIGN_OFF = re.compile(r"^[-–—]{1,2}\s*")      # a dash before a closing credit


@dataclass(frozen=True)
class Rule:
    id: str
    patterns: tuple[re.Pattern, ...]
    then: str = ""
    first_line_only: bool = False   # a prefix rule for the capture's top line only

    def match(self, line: str) -> re.Match | None:
        return next((m for p in self.patterns if (m := p.fullmatch(line))), None)


def _compile(spec: dict) -> Rule:
    flags = 0 if spec.get("case_sensitive") else re.IGNORECASE
    return Rule(spec["id"], tuple(re.compile(p, flags) for p in spec["patterns"]),
                spec.get("then", ""), bool(spec.get("first_line_only")))


@lru_cache(maxsize=None)
def config() -> dict:
    return tx.knowledge(KNOWLEDGE_FILE)


@lru_cache(maxsize=None)
def line_rules() -> tuple[Rule, ...]:
    return tuple(_compile(spec) for spec in config()["line_rules"])


@lru_cache(maxsize=None)
def prefix_rules() -> tuple[Rule, ...]:
    return tuple(_compile(spec) for spec in config()["prefix_rules"])


@lru_cache(maxsize=None)
def datelines() -> tuple[re.Pattern, ...]:
    return tuple(re.compile(p) for p in config()["datelines"])


@lru_cache(maxsize=16)
def _dateline_match(paragraph: str) -> re.Match | None:
    """The first dateline pattern's match opening the paragraph, or None. Remembered for
    the last few paragraphs: the place and the credit are read of the same ones."""
    return next((m for p in datelines() if (m := p.match(paragraph))), None)


@lru_cache(maxsize=None)
def _staff_words() -> frozenset[str]:
    return frozenset(w.lower() for w in config()["credit_not_outlet"])


def dateline(paragraph: str) -> str:
    """The dateline place opening a news lead ("ISLAMABAD: ..."), or ""."""
    m = _dateline_match(paragraph)
    return m["place"].strip() if m else ""


def dateline_credit(paragraph: str) -> str:
    """The news agency a dateline credits ("ISTANBUL, Oct 31 (Reuters) -" -> "Reuters"),
    or "" when there is none or it names staff rather than an outlet ("(Web Desk)")."""
    m = _dateline_match(paragraph)
    agency = " ".join((m["agency"] or "").split()) if m else ""
    staff = _staff_words()
    if not agency or not agency[0].isupper() or any(w.lower() in staff for w in tx.words(agency)):
        return ""
    return agency


@lru_cache(maxsize=None)
def _split_rules() -> tuple[tuple, tuple]:
    """(the patterns tried in one alternation, as (rule index, pattern, flags)) and the
    gated rules as (rule index, words, how the words are looked for, the patterns to try
    when found): a rule's own ``contains`` words gate the whole rule (looked for in the
    lower-cased line); a pattern with a ``rule_patterns.scanning_text`` is gated by that text (in the
    line as written, or lower-cased when the pattern ignores case: then only an ASCII
    line, whose case folds as str.lower() folds it, may be ruled out)."""
    plain, gated = [], []
    for n, spec in enumerate(config()["line_rules"]):
        flags = 0 if spec.get("case_sensitive") else re.IGNORECASE
        if spec.get("contains"):
            gated.append((n, tuple(w.lower() for w in spec["contains"]), _DECLARED,
                          line_rules()[n].patterns))
            continue
        for pattern in spec["patterns"]:
            text = rule_patterns.scanning_text(pattern, flags)
            if not text:
                plain.append((n, pattern, flags))
            elif re.compile(pattern, flags).flags & re.IGNORECASE:
                gated.append((n, (text.lower(),), _FOLDED, (re.compile(pattern, flags),)))
            else:
                gated.append((n, (text,), _AS_WRITTEN, (re.compile(pattern, flags),)))
    return tuple(plain), tuple(sorted(gated, key=lambda g: g[0]))


_DECLARED, _FOLDED, _AS_WRITTEN = 0, 1, 2


@lru_cache(maxsize=None)
def _ungated() -> re.Pattern:
    """The ungated patterns in one alternation, named by rule (first wins), each rule's
    behind a look-ahead for the characters its matches open with (``rule_patterns``)."""
    by_rule: dict[int, tuple[int, list[str]]] = {}
    for n, pattern, flags in _split_rules()[0]:
        by_rule.setdefault(n, (flags, []))[1].append(pattern)
    alts = []
    for n, (flags, patterns) in by_rule.items():
        flag = "(?i:" if flags & re.IGNORECASE else "(?-i:"
        body = "|".join(_NAMED_GROUP.sub("(?:", p) for p in patterns)
        alts.append(f"(?P<r{n}>{flag}{rule_patterns.opening(patterns, flags)}(?:{body})))")
    return re.compile("|".join(alts) or "(?!)")


def line_rule(line: str) -> Rule | None:
    """The first line rule (in file order) matching the whole line, or None. (Asked of
    every line: a gate's words are tried in a plain loop, as a generator for each
    gate was a sixth of the time.)"""
    rules = line_rules()
    m = _ungated().fullmatch(line)
    best = int(m.lastgroup[1:]) if m else len(rules)
    lower = line.lower()
    for n, words, how, patterns in _split_rules()[1]:
        if n >= best:
            break
        text = line if how == _AS_WRITTEN else lower
        if how == _FOLDED and not line.isascii():
            words = ("",)
        for word in words:
            if word in text:
                if any(p.fullmatch(line) for p in patterns):
                    return rules[n]
                break
    return rules[best] if best < len(rules) else None


@lru_cache(maxsize=None)
def _rules_by_id() -> dict[str, tuple[Rule, ...]]:
    """Rule id -> the line and prefix rules of that id, in file order."""
    out: dict[str, tuple[Rule, ...]] = {}
    for rule in line_rules() + prefix_rules():
        out[rule.id] = out.get(rule.id, ()) + (rule,)
    return out


def captured(removed: RemovedLine, group: str) -> str:
    """A named group (``outlet``, ``byline``) the removing rule captured, or ""."""
    for rule in _rules_by_id().get(removed.rule, ()):
        for pattern in rule.patterns:
            m = pattern.fullmatch(removed.text) or pattern.match(removed.text)
            if m and group in pattern.groupindex and m[group]:
                return m[group].strip()
    return ""


def _is_prose(line: str) -> bool:
    n = len(line.split(None, 25))       # words, counted no further than the 26th
    return (n >= 4 and (tx.ends_sentence(line) or line.endswith(":"))) or n >= 25


# ---------------------------------------------------------------- 1-3: furniture

class _Pass:
    """One walk over the raw lines, deciding for each: kept, or removed by a rule."""

    def __init__(self, raw_text: str):
        self.lines = [line.strip() for line in raw_text.split("\n")]
        self.kept: dict[int, str] = {}            # 0-based index -> kept text
        self.removed: dict[int, RemovedLine] = {}  # 0-based index -> audit entry

    def remove(self, i: int, rule_id: str, own_rule_first: bool = False) -> None:
        if own_rule_first:
            own = line_rule(self.lines[i])
            rule_id = own.id if own else rule_id
        self.removed[i] = RemovedLine(i + 1, self.lines[i], rule_id)

    def run(self) -> None:
        n, i = len(self.lines), 0
        started = False      # the article has begun (a prose line was kept)
        fallback = ""        # inside a comment section: unmatched lines go too
        while i < n:
            line = self.lines[i]
            rule = line_rule(line) if line else None
            if not line:
                i += 1
            elif rule is None:
                if fallback:
                    self.remove(i, fallback)
                else:
                    self.kept[i] = line
                    started = started or _is_prose(line)
                i += 1
            else:
                self.remove(i, rule.id)
                if rule.then == "rest_of_page" and started:
                    fallback = fallback or rule.id
                i = self._then(rule, i + 1)
        self._prefixes()
        self._tail()

    def _then(self, rule: Rule, j: int) -> int:
        """Apply the rule's ``then``; return the index to continue from."""
        n, lines = len(self.lines), self.lines
        if rule.then == "next_paragraph" and j < n and not lines[j]:
            while j < n and not lines[j]:
                j += 1
        if rule.then in ("rest_of_block", "next_paragraph"):
            while j < n and lines[j]:
                self.remove(j, rule.id, own_rule_first=True)
                j += 1
        elif rule.then == "following_list":
            # up to the next prose line, or a line another rule claims (with its own `then`)
            while j < n and not (lines[j] and (_is_prose(lines[j]) or line_rule(lines[j]))):
                if lines[j]:
                    self.remove(j, rule.id)
                j += 1
        return j

    def _prefixes(self) -> None:
        first = min(self.kept, default=None)
        for i, line in self.kept.items():
            for rule in prefix_rules():
                if rule.first_line_only and i != first:
                    continue
                m = next((m for p in rule.patterns if (m := p.match(line))), None)
                if m and m.end() < len(line):
                    self.kept[i] = line[m.end():]
                    self.removed[i] = RemovedLine(i + 1, m.group(0).strip(), rule.id)
                    break

    def _tail(self) -> None:
        """Lone outlet-name / author-name lines after the last prose line, perhaps
        signed off with a dash. (The outlets the removed lines name are read only when
        such a line is found: most pages end on prose.)"""
        last = next((i for i in reversed(self.kept) if _is_prose(self.kept[i])), None)
        if last is None:
            return
        cfg = config()["tail"]
        known = None
        name = re.compile(rf"{cfg['name_word']}(?:\s+{cfg['name_word']}){{0,{cfg['max_words'] - 1}}}")
        for i in [i for i in self.kept if i > last]:
            line = _SIGN_OFF.sub("", self.kept[i])       # "— Agence France-Presse"
            ws = tx.words(line)
            if not name.fullmatch(line) or tx.ends_sentence(line):
                continue
            if known is None:
                known = {captured(r, "outlet").lower() for r in self.removed.values()} - {""}
            if (line.lower() in known or len(ws) == 1
                    or any(w.lower() in cfg["outlet_words"] for w in ws)):
                rule_id = cfg["outlet_rule"]
            elif 2 <= len(ws) <= 4:
                rule_id = cfg["byline_rule"]
            else:
                continue
            del self.kept[i]
            self.remove(i, rule_id)


# ---------------------------------------------------------------- 4: paragraphs

def _blocks(kept: dict[int, str]) -> list[list[int]]:
    """Runs of kept lines with no blank or removed line between them."""
    blocks: list[list[int]] = []
    for i in sorted(kept):
        if blocks and blocks[-1][-1] == i - 1:
            blocks[-1].append(i)
        else:
            blocks.append([i])
    return blocks


def _hard_wrapped(lines: list[str]) -> bool:
    """A block typed with line breaks inside paragraphs (fixed-width text)."""
    body = [len(line) for line in lines[:-1]]
    return len(lines) >= 3 and min(body) >= 40 and max(body) - min(body) <= 0.25 * max(body)


def _paragraphs(kept: dict[int, str], fmt: str) -> list[tuple[str, int, int]]:
    """(text, first line index, last line index) of each paragraph."""
    out: list[tuple[str, int, int]] = []
    for block in _blocks(kept):
        lines = [kept[i] for i in block]
        wrapped = fmt == "txt" and _hard_wrapped(lines)
        for pos, (i, line) in enumerate(zip(block, lines)):
            prev = lines[pos - 1] if pos else ""
            joins = pos and not tx.ends_sentence(prev) and not prev.endswith(":") and (
                wrapped or line[:1].islower())
            if joins:
                text, first, _ = out[-1]
                out[-1] = (f"{text} {line}", first, i)
            else:
                out.append((line, i, i))
    return out


# ---------------------------------------------------------------- 5: stories

@lru_cache(maxsize=None)
def _story_patterns() -> dict[str, re.Pattern]:
    cfg = config()["stories"]
    verbs = sorted(cfg["headline_verbs"], key=len, reverse=True)
    return {
        "comma_join": re.compile(cfg["comma_join_pattern"]),
        "headline_verb": re.compile(r"\b(?:" + "|".join(map(re.escape, verbs)) + r")\b"),
        "article_end": re.compile("|".join(f"(?:{p})" for p in cfg["article_end_patterns"]),
                                  re.IGNORECASE),
    }


def headline_like(paragraph: str) -> bool:
    cfg = config()["stories"]
    # words, counted no further than one past the limit (a body paragraph has hundreds)
    n = len(paragraph.split(None, cfg["headline_max_words"]))
    return (0 < n <= cfg["headline_max_words"]
            and (paragraph[0].isupper() or paragraph[0].isdigit() or paragraph[0] in "\"'“‘"
                 or (paragraph[0].isalpha() and not paragraph[0].islower()))   # a caseless script
            and paragraph.rstrip(tx.CLOSERS)[-1:] not in ".,;:…"
            and not re.match(r"\d+[.)]\s", paragraph))


def _stem_set(text: str, stop: frozenset[str]) -> set[str]:
    return {w[:5] for w in tx.content_words(text, stop)}


def _story_score(paras: list[tuple[str, int, int]], k: int,
                 removed: dict[int, RemovedLine]) -> int:
    cfg = config()["stories"]
    weights, pats = cfg["signals"], _story_patterns()
    head, lead, before = paras[k][0], paras[k + 1][0], paras[k - 1]
    stop = frozenset(cfg["stop_words"])
    head_words = _stem_set(head, stop)
    first_sentence = next(iter(tx.sentences(lead)), (0, len(lead)))
    ending_rules = set(cfg["ending_rules"])
    signals = {
        "dateline_lead": bool(dateline(lead)),
        "furniture_between": any(r.rule in ending_rules for i, r in removed.items()
                                 if before[2] < i < paras[k][1]),
        "article_end_before": bool(pats["article_end"].fullmatch(before[0])),
        "comma_join": bool(pats["comma_join"].match(head)),
        "headline_verb": bool(pats["headline_verb"].search(head)),
        "lead_restates_headline": bool(head_words) and len(
            head_words & _stem_set(lead[slice(*first_sentence)], stop)) * 2 >= len(head_words),
        "very_short": len(tx.words(head)) <= cfg["very_short_words"],
    }
    return sum(weights[name] for name, on in signals.items() if on)


def _story_starts(paras: list[tuple[str, int, int]], removed: dict[int, RemovedLine]) -> list[int]:
    cfg = config()["stories"]
    first_prose = next((k for k, p in enumerate(paras) if _is_prose(p[0])), len(paras))
    starts = [0]
    for k in range(first_prose + 1, len(paras) - 1):
        if (headline_like(paras[k][0])
                and len(paras[k + 1][0].split()) >= cfg["min_lead_words"]
                and _story_score(paras, k, removed) >= cfg["new_story_threshold"]):
            starts.append(k)
    return starts


# ---------------------------------------------------------------- the whole step

def clean(raw: RawDocument) -> CleanDocument:
    walk = _Pass(raw.text)
    walk.run()
    paras = _paragraphs(walk.kept, raw.fmt)
    if not paras:
        raise SourceProblem("no article text left after removing page furniture")
    offsets, pos = [], 0
    for text, _, _ in paras:
        offsets.append(pos)
        pos += len(text) + 2
    body = "\n\n".join(p[0] for p in paras) + "\n"
    starts = _story_starts(paras, walk.removed)
    stories = []
    for n, k in enumerate(starts):
        end = offsets[starts[n + 1]] - 2 if n + 1 < len(starts) else len(body) - 1
        headline = paras[k][0] if headline_like(paras[k][0]) else ""
        if n == 0 and not headline and raw.fmt == "html":
            headline = raw.html_title
        stories.append(Story(offsets[k], end, headline))
    removed = [walk.removed[i] for i in sorted(walk.removed)]
    header_dates = [(r.text, d) for r in removed
                    if r.rule in HEADER_DATE_RULES and (d := tx.simple_date(r.text))]
    return CleanDocument(text=body, removed=removed, stories=stories, header_dates=header_dates)
