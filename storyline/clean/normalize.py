"""Whitespace and Unicode normalisation shared by the HTML and text-dump paths.

Offsets of every later stage point into the cleaned text, so it must be stable and plain: NFC,
one kind of space, no invisible characters, stripped lines. Typographic quotes and dashes are
evidence (quotes are found by them) and are kept exactly as written.
"""
from __future__ import annotations

import re
import unicodedata

# every horizontal space that is not U+0020 (NBSP, en/em/thin spaces, ideographic space, tab...)
_SPACES = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# invisible characters that carry no meaning in running text (ZWJ/ZWNJ are kept: scripts need them)
_INVISIBLE = re.compile(r"[\u00ad\u200b\u2060\ufeff\u180e]")
# other control characters (C0 except newline, C1)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
_LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_MULTI_SPACE = re.compile(r" {2,}")
# a paragraph that ends like a sentence (the text-dump cleaner's `blocks.SENTENCE_END` also knows
# Arabic, Devanagari and CJK closing marks)
SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’»)\]]*$")


def normalise_lines(text: str) -> str:
    """NFC, unified line breaks, plain spaces, no invisible or control characters.

    Leading indentation is kept (collapsed to single spaces) because the text-dump cleaner uses
    it to find continuation lines; `normalise_line` finishes the job per line.
    """
    text = unicodedata.normalize("NFC", text)
    text = _LINE_BREAKS.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub("", text)
    return _SPACES.sub(" ", text)


def normalise_line(line: str) -> str:
    """One line: collapsed spaces, stripped."""
    return _MULTI_SPACE.sub(" ", line).strip()


def join_paragraphs(paragraphs: list[str]) -> str:
    """Paragraphs separated by one blank line; no leading or trailing whitespace."""
    return "\n\n".join(p for p in (normalise_line(p) for p in paragraphs) if p).strip()


def normalise_text(text: str) -> str:
    """Free text (for example an extracted HTML body) to paragraphs separated by a blank line."""
    return join_paragraphs(normalise_lines(text).split("\n"))
