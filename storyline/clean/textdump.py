"""Article body from a flattened text dump (a web page whose HTML is gone).

Works on lines, like jusText works on HTML blocks: each line is classified from its own features
(length, sentence punctuation, web-UI vocabulary, "label: value" shape, photo-credit shape) and
its context (before the first real paragraph, after the last one, after a "Read More" /
"Next Post" section marker or an end marker, a repeat of an earlier line). Every dropped line is
recorded with its reason.
"""
from __future__ import annotations

import re

from storyline.model import Removed

BULLET = re.compile(r"^[•·▪◦‣∙*\-–]\s+")
UI = re.compile(
    r"^(oops!?|something went wrong\.?|please try again( later)?\.?|try again( later)?\.?|read more|"
    r"(next|previous|prev) (post|article|story)|related( articles| posts| stories| news| content)?|"
    r"spread the love|like it\?.*|share( this( article| story| post)?)?( on \w+)?:?|share with your friends!?|"
    r"leave a (reply|comment)|(\d+ )?comments?( \(\d+\))?|post (author|category|comments) ?:.*|"
    r"advertisement|sponsored( content)?|subscribe.*|sign (up|in).*|log ?in.*|follow us.*|click here.*|"
    r"you may (also )?like|recommended( for you)?|more (from|stories|news).*|read the original article.*|"
    r"this article (originally )?appeared .*|accept (all )?cookies.*|we use cookies.*|skip to (main )?content|"
    r"print|email|facebook|twitter|whatsapp|linkedin|copy link|tags?:.*|filed under:?.*|news code\s*:.*)$",
    re.IGNORECASE)
SECTION_MARKERS = re.compile(
    r"^(read more|(next|previous) (post|article|story)|related( articles| posts| stories| news)?|"
    r"you may (also )?like|recommended( for you)?|more (from|stories|news).*|most (read|popular)|"
    r"trending( now)?|also read|see also)$", re.IGNORECASE)
END_MARKERS = re.compile(r"^(end|endnewsmessage\d*|leave a (reply|comment)|comments|—\s*end\s*—|###)$", re.IGNORECASE)
CREDIT = re.compile(r"(AP Photo|Getty Images|/AP\b|\bvia AP\b|\bvia Getty|Photo:|Image:|Credit:|Shutterstock|/EPA\b|/AFP\b|/Reuters\b)")
LABEL_VALUE = re.compile(r"^[\w .'-]{1,30}\s?:\s?\S.{0,40}$")
TERMINAL = re.compile(r"[.!?…\"”’)\]]$")
TEASER_END = re.compile(r"(\[…\]|\[\.\.\.\]|…|\.\.\.)$")
WORD = re.compile(r"\w+")
CAPTION_WORDS = 12  # a photo credit after fewer words than this is a caption line, not a paragraph


def _words(line: str) -> int:
    return len(WORD.findall(line))


def _is_paragraph(line: str) -> bool:
    """A real sentence-bearing paragraph: long enough and ending like a sentence."""
    n = _words(line)
    return (n >= 8 and bool(TERMINAL.search(line))) or n >= 25


def clean_text_dump(raw: str) -> tuple[str, str, list[Removed]]:
    """(title, body, removed) from a text dump whose first line is the title."""
    lines = [BULLET.sub("", l.strip()) for l in raw.splitlines()]
    lines = [l for l in lines if l]
    if not lines:
        return "", "", []
    title, body_lines = lines[0], lines[1:]
    removed: list[Removed] = []
    kept: list[str] = []
    seen: set[str] = set()
    paragraphs_seen = 0
    total_paragraphs = sum(_is_paragraph(l) for l in body_lines)
    for i, line in enumerate(body_lines):
        nxt = body_lines[i + 1] if i + 1 < len(body_lines) else ""
        if line == title:
            removed.append(Removed(line, "title"))
        elif (SECTION_MARKERS.match(line) or END_MARKERS.match(line)) and paragraphs_seen >= max(1, total_paragraphs // 2):
            removed += [Removed(l, "teaser" if SECTION_MARKERS.match(line) else "end-marker") for l in body_lines[i:]]
            break
        elif line in seen:
            removed.append(Removed(line, "duplicate"))
        elif UI.match(line) or END_MARKERS.match(line):
            removed.append(Removed(line, "boilerplate"))
        elif nxt.startswith(line) and len(nxt) > len(line) and CREDIT.search(nxt[len(line):]):
            removed.append(Removed(line, "caption"))
        elif (m := CREDIT.search(line)) and _words(line[:m.start()]) < CAPTION_WORDS:
            removed.append(Removed(line, "caption"))
        elif LABEL_VALUE.match(line) and not TERMINAL.search(line) and _words(line) <= 6:
            removed.append(Removed(line, "boilerplate"))
        elif paragraphs_seen == 0 and not _is_paragraph(line) and not TERMINAL.search(line):
            removed.append(Removed(line, "boilerplate"))  # site name, section, byline before the body
        else:
            kept.append(line)
            paragraphs_seen += _is_paragraph(line)
        seen.add(line)
    # after the last real paragraph: short non-sentences and truncated teasers are page furniture
    while kept and (not _is_paragraph(kept[-1]) and not TERMINAL.search(kept[-1]) or TEASER_END.search(kept[-1])):
        removed.append(Removed(kept.pop(), "boilerplate"))
    return title, "\n\n".join(kept), removed
