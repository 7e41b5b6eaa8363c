"""Bytes -> text without mojibake, saying how sure the decoding is.

Order: a byte-order mark (UTF-8, UTF-16, UTF-32) or valid UTF-8 is certain; then a
charset the file declares (an MHTML part's, an HTML page's <meta>), if the bytes decode
with it. Anything
else is decoded as Windows-1252 (the most common legacy encoding of web text; Latin-1
where Windows-1252 leaves a byte undefined), unless charset-normalizer's detector is
confident (its mess ratio is low) AND its decoding is plausible — mostly letters of one
script, nothing improbable, and recognised as a language by the language detector — AND
more plausible than the default. A short Latin-1
"Türkiye" therefore stays "Türkiye" rather than a Baltic code page's "T³rkiye", while
Arabic-script or Japanese bytes get their own code page. Every non-UTF-8 decoding
records its method and confidence (1 − charset-normalizer's mess ratio for the text
chosen); a decoding that leaves replacement or improbable characters is flagged.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field

from evidence.read import language
from evidence.model import SourceProblem

# Byte-order marks, longest first (UTF-32-LE starts with the UTF-16-LE mark).
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
_ALLOWED_CONTROLS = set("\t\n\r\f")
# C0 controls other than the allowed ones, DEL and C1 controls, and U+FFFD.
CONTROL_CHARS = frozenset(chr(c) for c in [*range(0x20), *range(0x7F, 0xA0), 0xFFFD]) \
    - _ALLOWED_CONTROLS
MAX_CONTROL_SHARE = 0.05     # more control characters than this => not text
# The same characters in UTF-8: C0 controls and DEL are single bytes (never inside another
# character's bytes), C1 controls \xc2 and a byte from \x80 to \x9f, U+FFFD \xef\xbf\xbd.
_CONTROL_BYTES = bytes(sorted(ord(ch) for ch in CONTROL_CHARS if ord(ch) < 0x80))
_C1_BYTES = re.compile(rb"\xc2[\x80-\x9f]")
DEFAULT_LEGACY = "cp1252"
# charset-normalizer's mess ratio at most this => confident. Its default (0.2) is a little
# strict for Persian: the zero-width non-joiner inside words counts as mess.
MAX_DETECTOR_MESS = 0.25
MIN_SCRIPT_SHARE = 0.8       # plausible: this share of the letters is one script
MIN_LANGUAGE_PROBABILITY = 0.9   # and the language detector recognises the text this well
# Symbols that real text uses; other non-ASCII symbols (superscripts, box drawing,
# private use, unassigned) are what a wrong code page produces.
_USUAL_SYMBOLS = set("°©®™€£¥¢§¶•·±×÷…–—‘’‚“”„«»‹›†‡‰¦¬¤µ") | {"\u00a0", "\u200c", "\u200d",
                                                                "\u200e", "\u200f", "\ufeff"}
# Labels that browsers (the WHATWG Encoding Standard) read as Windows-1252.
_AS_BROWSERS_READ = dict.fromkeys(["iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1",
                                   "us-ascii", "ascii", "windows-1252"], "cp1252")
_IMPROBABLE_CATEGORIES = {"So", "Sk", "No", "Co", "Cn", "Cc", "Cs"}
# Writing systems whose letters share words (Japanese mixes kanji and kana).
_SCRIPT_GROUPS = {"HIRAGANA": "CJK", "KATAKANA": "CJK", "CJK": "CJK", "HALFWIDTH": "CJK",
                  "FULLWIDTH": "CJK", "IDEOGRAPHIC": "CJK"}
_WORD = re.compile(r"[^\W\d_]+")


@dataclass
class Decoded:
    text: str                       # with '\n' line ends
    encoding: str
    method: str                     # utf-8 | byte-order mark | declared | default | detected
    confidence: float | None = None
    flags: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def decode(data: bytes, declared: str = "") -> Decoded:
    """``data`` as text; ``declared``: a charset the container states (an MHTML part's),
    used for bytes that are neither marked nor UTF-8, when they decode with it."""
    if not data.strip():
        raise SourceProblem("file is empty" if not data else "file contains only whitespace")
    bom = next(((mark, enc) for mark, enc in _BOMS if data.startswith(mark)), None)
    if bom:
        try:
            text = data.decode(bom[1])
        except UnicodeDecodeError:
            raise SourceProblem(f"starts with a {bom[1]} byte-order mark but does not "
                                "decode as it") from None
        if bom[1] == "utf-8-sig":
            out = Decoded(text, "utf-8", "utf-8")
        else:
            out = Decoded(text, bom[1], "byte-order mark", 1.0,
                          warnings=[f"not UTF-8: decoded as {bom[1]} (byte-order mark)"])
    elif b"\x00" in data:
        raise SourceProblem("binary file (contains NUL bytes), not text")
    else:
        try:
            out = Decoded(data.decode("utf-8"), "utf-8", "utf-8")
        except UnicodeDecodeError:
            out = _declared(data, declared) or _legacy(data)
    return _finish(out)


def _declared(data: bytes, declared: str) -> Decoded | None:
    declared = _AS_BROWSERS_READ.get(declared.lower(), declared)
    try:
        text = data.decode(declared) if declared else None
    except (UnicodeDecodeError, LookupError):
        text = None
    return None if text is None else Decoded(
        text, declared, "declared", warnings=[f"not UTF-8: decoded as {declared} (declared)"])


def _finish(out: Decoded) -> Decoded:
    out.text = out.text.replace("\r\n", "\n").replace("\r", "\n")
    _check_text_like(out.text)
    # a certain decoding shows the file as written: only its replacement characters
    # (an earlier mis-decoding) are worth a flag
    out.flags = flags(out.text, certain=out.method in ("utf-8", "byte-order mark"))
    if out.flags:
        out.warnings.append(f"decoded as {out.encoding} but {'; '.join(out.flags)}: "
                            "check the file's encoding")
    return out


def _legacy(data: bytes) -> Decoded:
    from charset_normalizer import from_bytes   # imported here: only legacy files need it
    try:
        default, encoding = data.decode(DEFAULT_LEGACY), DEFAULT_LEGACY
    except UnicodeDecodeError:
        default, encoding = data.decode("latin-1"), "latin-1"
    # the detector's confident candidates, best first: the first that reads as a language
    # and is plausible and better than the default. (Asked with a looser threshold: with
    # its own, charset-normalizer sometimes drops the right code page for a worse one.)
    for match in from_bytes(data, threshold=2 * MAX_DETECTOR_MESS):
        if match.chaos > MAX_DETECTOR_MESS:
            continue
        try:
            detected = data.decode(match.encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if detected != default and plausible(detected) \
                and improbability(detected) < improbability(default) \
                and (language.detect(detected)[1] or 0) >= MIN_LANGUAGE_PROBABILITY:
            confidence = round(1 - match.chaos, 2)
            return Decoded(detected, match.encoding, "detected", confidence,
                           warnings=[f"not UTF-8: decoded as {match.encoding} (detected by "
                                     f"charset-normalizer, confidence {confidence:.2f})"])
    own = from_bytes(data, cp_isolation=[encoding]).best()
    confidence = round(1 - own.chaos, 2) if own is not None else 0.0
    return Decoded(default, encoding, "default", confidence,
                   warnings=[f"not UTF-8: decoded as {encoding}, the default legacy encoding "
                             f"(confidence {confidence:.2f})"])


def _check_text_like(text: str) -> None:
    if not text.strip():
        raise SourceProblem("file contains only whitespace")
    controls = _controls(text)
    if controls > MAX_CONTROL_SHARE * len(text):
        raise SourceProblem(f"binary file ({controls} control characters in "
                            f"{len(text)}), not text")


def _controls(text: str) -> int:
    """How many of ``CONTROL_CHARS`` the text holds, counted in its UTF-8 bytes by fast
    byte scans (testing each character against the regex's class was ~60 instructions
    a character, a tenth of reading a text file)."""
    data = text.encode("utf-8", "surrogatepass")
    return (len(data) - len(data.translate(None, _CONTROL_BYTES))
            + len(_C1_BYTES.findall(data)) + data.count("\ufffd".encode()))


def script(ch: str) -> str:
    """The writing system of a letter ("LATIN", "ARABIC", "CJK", ...)."""
    name = unicodedata.name(ch, "")
    first = name.split(" ", 1)[0].split("-", 1)[0]
    return _SCRIPT_GROUPS.get(first, first)


def _improbable_char(ch: str) -> bool:
    if ch == "\ufffd":
        return True
    if ch.isascii() or ch in _USUAL_SYMBOLS:
        return False
    return unicodedata.category(ch) in _IMPROBABLE_CATEGORIES


def _odd_word(word: str) -> bool:
    """A word mixing writing systems ("Tьrkiye"), or a Latin word made mostly of
    accented letters ("ÇáÓáÇã": Arabic read through a Western code page)."""
    if word.isascii():
        return False
    scripts = {script(ch) for ch in word}
    if len(scripts) > 1:
        return True
    accented = sum(not ch.isascii() for ch in word)
    return scripts == {"LATIN"} and accented >= 3 and accented > 0.6 * len(word)


def improbability(text: str) -> int:
    """Improbable characters plus odd words: 0 for clean text."""
    return sum(map(_improbable_char, text)) + sum(map(_odd_word, _WORD.findall(text)))


def plausible(text: str) -> bool:
    """Mostly letters of one script and nothing improbable."""
    letters = [script(ch) for ch in text if ch.isalpha()]
    if not letters or improbability(text):
        return False
    top = max(set(letters), key=letters.count)
    return letters.count(top) >= MIN_SCRIPT_SHARE * len(letters)


def flags(text: str, certain: bool = False) -> list[str]:
    """What a reader should know about characters that look decoded wrongly."""
    out = []
    replaced = text.count("\ufffd")
    if replaced:
        out.append(f"{replaced} replacement character{'s' * (replaced > 1)} (U+FFFD)")
    if certain:
        return out
    odd = [ch for ch in text if ch != "\ufffd" and _improbable_char(ch)]
    words = [w for w in _WORD.findall(text) if _odd_word(w)]
    if odd:
        shown = "".join(dict.fromkeys(odd))[:5]
        out.append(f"{len(odd)} improbable character{'s' * (len(odd) > 1)} ({shown})")
    if words:
        out.append(f"{len(words)} improbable word{'s' * (len(words) > 1)} "
                   f"(e.g. {words[0][:20]})")
    return out
