"""Hard rules of the text-dump cleaner: blocks that are furniture by their shape alone.

Each rule gives its reason: a repeat of the title or of an earlier block, a photo caption or
credit, a truncated teaser, a "label: value" widget, web-UI strings, syndication, copyright and
cookie footers, machine tokens; and section / end markers are flagged for the context pass.
Captions, repeats and separators are "transparent": they do not count as furniture next to a
short paragraph, because they sit inside article bodies too.
"""
from __future__ import annotations

import re

from storyline.clean import vocab
from storyline.clean.blocks import LABEL_VALUE, MACHINE_TOKEN, Block, features, key
from storyline.clean.normalize import normalise_line

SHINGLE, REPEAT_SHARE = 5, 0.8  # a block whose 5-word shingles were 80% seen before is a repeat
TITLE_SEPARATORS = re.compile(r"\s+[|–—\-:»·]\s+")
MAX_FOOTER_CHARS = 300         # syndication and copyright lines are short
MAX_COOKIE_NOTICE_CHARS = 600


def mark_furniture(blocks: list[Block], title: str) -> tuple[str, str] | None:
    """Mark blocks that are furniture by their shape; return (title, site) when a repeated title
    line shows which part of the first line is the site name."""
    seen: set[str] = set()
    shingles: set[tuple[str, ...]] = set()
    title_site = None
    for i, block in enumerate(blocks):
        text, k = block.text, key(block.text)
        nxt = blocks[i + 1].text if i + 1 < len(blocks) else ""
        split = title_repeat(text, title)
        if split:
            block.reason, block.transparent = "title", True
            if split is not True and title_site is None:
                title_site = split
        elif k and (k in seen or _repeats_earlier(k, shingles)):
            block.reason, block.transparent = "duplicate", True
        elif is_caption(text, nxt) or (i > 0 and blocks[i - 1].reason == "caption"
                                       and text.startswith(blocks[i - 1].text)):
            block.reason, block.transparent = "caption", True
        elif vocab.TEASER_END.search(text):
            block.reason = "teaser"
        elif not block.words:
            block.reason, block.transparent = "boilerplate", True  # a separator rule: "___", "***"
        else:
            block.reason = furniture(text)
            block.marker = marker(text)
            if block.marker and not block.reason:
                block.reason = "end-marker" if block.marker.startswith("end") else "teaser"
        if k:
            seen.add(k)
            shingles.update(_shingles(k))
        if block.reason:
            block.cls = "bad"
    return title_site


def _shingles(k: str, n: int = SHINGLE) -> set[tuple[str, ...]]:
    words = k.split()
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def _repeats_earlier(k: str, seen: set[tuple[str, ...]]) -> bool:
    """A long block made mostly of text already seen (a page that prints its article twice)."""
    own = _shingles(k)
    return len(own) >= 20 and sum(s in seen for s in own) >= REPEAT_SHARE * len(own)


def title_repeat(text: str, title: str):
    """True if `text` repeats the title; (title, site) if it repeats the title without its site part."""
    k, t = key(text), key(title)
    if not k or not t:
        return False
    if k == t:
        return True
    parts = TITLE_SEPARATORS.split(title)
    if len(parts) >= 2:
        for head, tail in ((" - ".join(parts[:-1]), parts[-1]), (parts[0], " - ".join(parts[1:]))):
            if key(head) == k and len(tail.split()) <= 6:
                return normalise_line(text), tail.strip()
    return False


def is_caption(text: str, nxt: str) -> bool:
    """A photo caption or credit: a line repeated with a credit appended, a credit in the line, or
    a caption label ("Above:", "Image credit:")."""
    if len(text) >= 10 and nxt.startswith(text) and len(nxt) > len(text):
        rest = nxt[len(text):]
        if vocab.CREDIT.search(rest) or vocab.TRAILING_CREDIT.search(rest) or "/" in rest:
            return True
    n = len(text.split())
    if vocab.CREDIT.search(text) and n <= 60:
        return True
    if vocab.TRAILING_CREDIT.search(text) and n <= 80:
        return True
    label = LABEL_VALUE.match(text)
    return bool(label and label.group(1).strip().lower() in vocab.CAPTION_LABELS)


def furniture(text: str) -> str:
    """Reason if the block is page furniture by its own shape, else ''."""
    if vocab.SYNDICATION.search(text) and len(text) < MAX_FOOTER_CHARS:
        return "boilerplate"
    if vocab.COPYRIGHT.search(text) and len(text) < MAX_FOOTER_CHARS:
        return "boilerplate"
    if vocab.COOKIE_NOTICE.search(text) and len(text) < MAX_COOKIE_NOTICE_CHARS:
        return "boilerplate"
    if MACHINE_TOKEN.match(text) or label_widget(text):
        return "boilerplate"
    f = features(text)
    if f.words == 0:
        return "boilerplate"
    if f.ui >= 0.5 or (f.words <= 12 and f.ui >= (0.4 if f.sentence else 0.25)):
        return "boilerplate"
    return ""


def label_widget(text: str) -> bool:
    """"Post author:", "Post category:News", "News code : 123": a label and a value, no sentence."""
    m = LABEL_VALUE.match(text)
    if not m or len(text) > 100:
        return False
    label, value = m.group(1).strip(), m.group(2).strip()
    if len(label.split()) > 4 or label[-1:].isdigit():
        return False
    if any(w in vocab.META_LABEL_WORDS for w in label.lower().split()):
        return not features(value).sentence or len(value.split()) <= 3
    if not value:
        return False  # "Key points:" may introduce a list of the body
    return not features(value).sentence and len(value.split()) <= 6


def marker(text: str) -> str:
    """section | end-strong | end-weak | '' for a block that is only a section or end marker."""
    t = re.sub(r"[\s:»›>→|…!.]+$", "", text.lower()).strip(" \t-–—•|")
    t = re.sub(r"\s+", " ", t)
    if not t or len(t) > 60:
        return ""
    if t in vocab.SECTION_MARKERS:
        return "section"
    heading = text[:1].isupper() and not features(text).sentence
    if heading and (vocab.SECTION_PATTERN.match(t) or vocab.SECTION_PREFIX.match(t)) and len(t.split()) <= 8:
        return "section"
    if t in vocab.STRONG_END_MARKERS or vocab.END_COUNT_PATTERN.match(t):
        return "end-strong"
    if t in vocab.WEAK_END_MARKERS:
        return "end-weak"
    return ""
