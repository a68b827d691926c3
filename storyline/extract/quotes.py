"""Direct quotes and their speakers.

Quoted regions are found from the quote marks themselves, typographic (“ ”) or straight ("),
including the news convention for quotes running over several paragraphs: each paragraph opens
with a mark and only the last one closes. A region is a quote when it is a statement (at least
MIN_WORDS words), not a scare-quoted phrase ("red lines"). The speaker comes from the attribution
next to it (“...,” Ms Psaki said / he said on Friday: “...”), else from the previous quote of the
same passage.
"""
from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc as SpacyDoc
from spacy.tokens import Token

from storyline.extract.attribution import EntityIndex, speaker_of, speech_verbs
from storyline.extract.syntax import attached_timex
from storyline.model import Document, QuoteCandidate

MIN_WORDS = 4
OPEN, CLOSE = "“", "”"
_STRAIGHT = re.compile(r'(?<![\w"])"(?=\S)(?P<body>[^"\n]+?)(?<=\S)"(?!\w)')
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")


def quoted_regions(text: str) -> list[tuple[int, int]]:
    """(start, end) of the words inside each pair of quote marks, paragraph-spanning ones whole."""
    regions, i = [], 0
    while (open_at := text.find(OPEN, i)) != -1:
        close_at = text.find(CLOSE, open_at + 1)
        next_open = text.find(OPEN, open_at + 1)
        para_end = text.find("\n\n", open_at)
        if close_at == -1:
            break
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
        del para_end
        regions.append((open_at + 1, close_at))
        i = close_at + 1
    regions += [(m.start("body"), m.end("body")) for m in _STRAIGHT.finditer(text)]
    return sorted(set(regions))


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def _paragraph_bounds(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n\n", 0, pos)
    end = text.find("\n\n", pos)
    return (0 if start == -1 else start + 2), (len(text) if end == -1 else end)


def _attribution(parsed: SpacyDoc, text: str, start: int, end: int, index: EntityIndex,
                 last_speaker: str | None, regions: list[tuple[int, int]]) -> tuple[str | None, Token | None]:
    """(speaker, speech verb) from the words right after the quote (up to the sentence end) or
    right before it."""
    p_start, p_end = _paragraph_bounds(text, start)
    nxt_open = min([a - 1 for a, _ in regions if a > end] + [p_end])
    after_end = min(p_end, nxt_open)
    m = _SENTENCE_END.search(text, end + 1, after_end)
    after = (end + 1, m.end() if m else after_end)
    prev_close = max([b + 1 for _, b in regions if b < start] + [p_start])
    before = (max(p_start, prev_close), start - 1)
    for a, b in (after, before):
        if b - a < 2:
            continue
        for verb in speech_verbs(parsed, a, b):
            if any(x <= verb.idx < y for x, y in regions):
                continue
            speaker = speaker_of(verb, index, last_speaker, regions) or _phrase_before(text, a, verb.idx, index)
            if speaker:
                return speaker, verb
    return None, None


def _phrase_before(text: str, start: int, verb_at: int, index: EntityIndex) -> str | None:
    """The words between a closing quote and its speech verb (“...,” a spokesperson for X said),
    for when the parser misses the inverted attribution."""
    phrase = text[start:verb_at].strip(" ,”\"'\n")
    words = phrase.split()
    if not 1 <= len(words) <= 8 or any(c in phrase for c in ".;:!?") or all(w.lower() in STOP_WORDS for w in words):
        return None
    person = index.at(start, verb_at, ("PERSON",))
    if person is not None:
        return person.canonical
    if words[0].lower() in ("a", "an", "the"):
        words = words[1:]
    return " ".join(words) or None


def extract_quotes(document: Document, parsed: SpacyDoc) -> list[QuoteCandidate]:
    text = document.text
    regions = document._quoted or quoted_regions(text)
    index = EntityIndex(document._entities)
    out: list[QuoteCandidate] = []
    last_speaker, last_para_end = None, -1
    for start, end in regions:
        body = text[start:end]
        if _words(body) < MIN_WORDS:
            continue
        p_start, _ = _paragraph_bounds(text, start)
        speaker, verb = _attribution(parsed, text, start, end, index, last_speaker, regions)
        if speaker is None and last_speaker and p_start <= last_para_end + 4:
            speaker = last_speaker  # the next paragraph of the same speaker's remarks
        said = attached_timex(verb, document._timexes, parsed) if verb is not None else None
        out.append(QuoteCandidate(start, end, speaker, said))
        if speaker:
            last_speaker = speaker
        last_para_end = _paragraph_bounds(text, end)[1]
    return out
