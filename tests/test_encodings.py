"""encodings.decode: legacy files without mojibake, with the method and confidence said."""
from __future__ import annotations

from pathlib import Path

import pytest

from evidence.read import encodings, ingest

FIX = Path(__file__).parent / "fixtures" / "parse"


def test_short_latin1_file_is_not_read_as_a_baltic_code_page():
    doc = ingest.read(FIX / "latin1_short.txt", "short")
    assert "Türkiye and Qatar" in doc.text and "³" not in doc.text
    assert (doc.encoding, doc.encoding_method) == ("cp1252", "default")
    assert doc.encoding_confidence == 1.0 and doc.encoding_flags == []
    assert any("cp1252" in w and "confidence" in w for w in doc.warnings)


def test_cp1252_smart_quotes_are_kept():
    out = encodings.decode("They called it a “monitoring mechanism” – très utile.\n".encode("cp1252"))
    assert out.text == "They called it a “monitoring mechanism” – très utile.\n"
    assert out.method == "default" and out.flags == []


def test_cp1256_persian_is_detected_and_plausible():
    doc = ingest.read(FIX / "cp1256_dari.txt", "cp1256")
    assert (doc.encoding, doc.encoding_method) == ("cp1256", "detected")
    assert "افغانستان" in doc.text and "استانبول" in doc.text
    assert 0.5 < doc.encoding_confidence <= 1 and doc.encoding_flags == []
    assert doc.language == "fa"


def test_shift_jis_is_decoded_and_named_as_an_unsupported_language():
    doc = ingest.read(FIX / "shift_jis.txt", "sjis")
    assert doc.encoding_method == "detected" and "イスタンブール" in doc.text
    assert doc.language == "ja"
    note = next(w for w in doc.warnings if w.startswith("Written in Japanese"))
    assert "does not read" in note and "quotations" in note


def test_utf8_is_certain_and_unflagged():
    out = encodings.decode("Kabul – “talks” ³\n".encode("utf-8"))
    assert (out.encoding, out.method, out.confidence, out.flags) == ("utf-8", "utf-8", None, [])


def test_replacement_characters_are_flagged_even_in_utf8():
    out = encodings.decode("Talks between the two delegations in Istanbul \ufffd\ufffd resumed "
                           "on Monday after a pause of several days.\n".encode("utf-8"))
    assert out.flags == ["2 replacement characters (U+FFFD)"]
    assert out.warnings and "check the file's encoding" in out.warnings[-1]


def test_improbable_characters_of_a_guess_are_flagged():
    found = encodings.flags("The delegations met ³ times in Istanbul and T╗rkiye agreed.")
    assert found == ["2 improbable characters (³╗)"]
    assert encodings.flags("Tьrkiye and Qatar") == ["1 improbable word (e.g. Tьrkiye)"]
    assert encodings.flags("The delegations met ³ times.", certain=True) == []


def test_declared_charset_is_used_only_when_bytes_are_not_utf8():
    assert encodings.decode("Türkiye\n".encode("utf-8"), "latin-1").method == "utf-8"
    out = encodings.decode("Türkiye\n".encode("latin-1"), "latin-1")
    assert (out.text, out.method) == ("Türkiye\n", "declared")


@pytest.mark.parametrize("text, odd", [("Türkiye and Qatar", False), ("T³rkiye", True),
                                       ("Tьrkiye", True), ("ÇáÓáÇã", True),
                                       ("پاکستان و افغانستان", False), ("déjà été", False)])
def test_improbability(text, odd):
    assert (encodings.improbability(text) > 0) is odd


def test_plausible_means_one_script_and_nothing_improbable():
    assert encodings.plausible("پاکستان و افغانستان در استانبول")
    assert encodings.plausible("パキスタンとアフガニスタン")
    assert not encodings.plausible("Пакистан and Afghanistan")     # no script has 80%
    assert not encodings.plausible("T³rkiye")


def test_html_meta_charset_is_used_for_legacy_bytes(tmp_path):
    page = ("<html><head><meta http-equiv='Content-Type' content='text/html; charset=windows-1256'>"
            "<title>گفتگوها</title></head><body><article><p>هيئت‌هاي پاكستان و افغانستان در "
            "استانبول ديدار كردند و آتش‌بس را تمديد كردند.</p></article></body></html>")
    path = tmp_path / "legacy.html"
    path.write_bytes(page.encode("cp1256"))
    doc = ingest.read(path, "legacy")
    assert (doc.encoding, doc.encoding_method) == ("windows-1256", "declared")
    assert "افغانستان" in doc.text and doc.language == "fa"


def test_a_declared_latin1_is_read_as_browsers_do():
    out = encodings.decode("the “truce” held\n".encode("cp1252"), "iso-8859-1")
    assert (out.text, out.encoding, out.flags) == ("the “truce” held\n", "cp1252", [])


def test_control_characters_are_counted_in_any_script():
    """The count read from UTF-8 bytes is the number of CONTROL_CHARS in the text,
    whatever else it holds (other scripts, allowed controls, a lone surrogate)."""
    pieces = ["a", "\t", "\n", "\r", "\f", "\x00", "\x1f", "\x7f", "\x80", "\x9f", "\xa0", "é",
              "\u0100", "’", "\ufffd", "\ufffe", "ب", "\U0001f600", "\ud800", "\xc2"]
    for n in range(len(pieces)):
        text = "".join(pieces[n:] + pieces[:n]) * (n + 1)
        assert encodings._controls(text) == sum(ch in encodings.CONTROL_CHARS for ch in text)
    assert encodings._controls("Plain text.\n") == 0
