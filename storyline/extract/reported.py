"""Indirect speech: what a source is reported to have said, without quote marks.

"Sullivan said US intelligence does not know if Putin has decided" reports Sullivan's words as
the clause a speech verb governs (its clausal complement, before or after the verb). The
clause is the quote's text, marked `indirect`; its source is the verb's (`speakers.cue_source`),
and a clause holding quote marks is left to the direct and partial quotes.
"""
from __future__ import annotations

from spacy.tokens import Doc as SpacyDoc

from storyline.extract.attribution import EntityIndex, speech_verbs
from storyline.extract.speakers import cue_source, mention_span
from storyline.extract.syntax import attached_timex
from storyline.model import Document, QuoteCandidate, QuoteKind

MIN_WORDS = 4  # words in a statement, quoted or reported, rather than a phrase ("red lines")


def indirect_quotes(document: Document, parsed: SpacyDoc, regions: list[tuple[int, int]]) -> list[QuoteCandidate]:
    index = EntityIndex(document._entities)
    out = []
    for verb in speech_verbs(parsed, 0, len(document.text)):
        if any(a <= verb.idx < b for a, b in regions):
            continue
        clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
        if clause is None or not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children):
            continue  # a clause without its subject is a fragment, not a statement
        toks = list(clause.subtree)
        while toks and (toks[-1].is_punct or toks[-1].dep_ in ("cc", "mark")):  # "..., officials said, and"
            toks.pop()
        while toks and toks[0].is_punct:
            toks.pop(0)
        if not toks:
            continue
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        if sum(not t.is_punct for t in toks) < MIN_WORDS or any(a - 1 <= end and start <= b + 1 for a, b in regions):
            continue
        source = cue_source(verb, index, regions)
        if source is None:
            continue
        subj, name, description = source
        out.append(QuoteCandidate(start, end, name, attached_timex(verb, document._timexes, parsed),
                                  description=None if name else description, kind=QuoteKind.INDIRECT,
                                  speaker_span=mention_span(subj)))
    return out
