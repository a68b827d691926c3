"""Direct quotes and their speakers.

Quoted regions are found from the quote marks themselves, typographic (“ ”) or straight ("),
including the news convention for quotes running over several paragraphs: each paragraph opens
with a mark and only the last one closes (in a cut-off text, not even that one). A region is a
quote when it is a statement (at least MIN_WORDS words), not a scare-quoted phrase ("red lines"). Its speaker is chosen among the
sources around it by a learned ranker (`speakers`).
"""
from __future__ import annotations

import re

from spacy.tokens import Doc as SpacyDoc

from storyline.extract.attribution import EntityIndex
from storyline.extract.reported import MIN_WORDS, indirect_quotes
from storyline.extract.speakers import candidates, choose
from storyline.extract.syntax import attached_timex
from storyline.learn import LinearModel
from storyline.model import Document, QuoteCandidate, QuoteKind

OPEN, CLOSE = "“", "”"
_STRAIGHT = re.compile(r'(?<![\w"])"(?=\S)(?P<body>[^"\n]+?)(?<=\S)"(?!\w)')


def quoted_regions(text: str) -> list[tuple[int, int]]:
    """(start, end) of the words inside each pair of quote marks, paragraph-spanning ones whole."""
    regions, i = [], 0
    while (open_at := text.find(OPEN, i)) != -1:
        close_at = text.find(CLOSE, open_at + 1)
        next_open = text.find(OPEN, open_at + 1)
        if close_at == -1:  # never closed (a cut-off text): the quote runs to the end of its last paragraph
            end = _paragraph_end(text, open_at)
            while text.startswith(OPEN, end + 2):  # the next paragraph reopens: the same quote goes on
                end = _paragraph_end(text, end + 2)
            regions.append((open_at + 1, len(text[:end].rstrip())))
            i = end
            continue
        # a quote mark reopened at a new paragraph before the close continues the same quote
        while next_open != -1 and next_open < close_at:
            between = text[open_at:next_open]
            if "\n\n" in between and text[next_open - 2:next_open] == "\n\n":
                next_open = text.find(OPEN, next_open + 1)
                continue
            break
        if next_open != -1 and next_open < close_at:  # unbalanced: skip this opening mark
            i = open_at + 1
            continue
        regions.append((open_at + 1, close_at))
        i = close_at + 1
    regions += [(m.start("body"), m.end("body")) for m in _STRAIGHT.finditer(text)]
    return sorted(set(regions))


def _paragraph_end(text: str, pos: int) -> int:
    end = text.find("\n\n", pos)
    return len(text) if end == -1 else end


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def quote_kind(text: str, start: int, end: int) -> QuoteKind:
    """Partial when the quoted words continue the reporter's own clause (was "a disaster"): the
    opening mark follows a word of the same sentence rather than its start, a colon or a comma."""
    before = text[max(0, start - 40):start - 1].rstrip(" ")
    if not before or before[-1] in "\n.:,;!?—–-(\"“”'‘’":
        return QuoteKind.DIRECT
    return QuoteKind.PARTIAL


def extract_quotes(document: Document, parsed: SpacyDoc, model: LinearModel | None = None) -> list[QuoteCandidate]:
    """Every quoted statement with its speaker (`speakers.choose`), the time words of its
    attribution ("said on Friday") and whether it is a whole or a partial quote; then the
    indirect speech (`reported`)."""
    text = document.text
    regions = document._quoted or quoted_regions(text)
    index = EntityIndex(document._entities)
    out: list[QuoteCandidate] = []
    previous, previous_end = None, None
    for start, end in regions:
        if _words(text[start:end]) < MIN_WORDS:
            continue
        speaker = choose(candidates(text, parsed, index, start, end, regions, previous, previous_end), model)
        said = attached_timex(speaker.verb, document._timexes, parsed) if speaker and speaker.verb is not None else None
        out.append(QuoteCandidate(start, end, speaker.name if speaker else None, said,
                                  description=speaker.description if speaker else None,
                                  kind=quote_kind(text, start, end), speaker_span=speaker.span if speaker else None))
        if speaker and speaker.name:
            previous, previous_end = speaker.name, end
    return sorted(out + indirect_quotes(document, parsed, regions), key=lambda q: q.start)
