"""Numeric claims: a figure, what it counts, who gave it, and whether it is a level or a change.

"about 94,300 Russian troops have amassed" is a level of ~94,300 troops; "withdrawn roughly
10,000 troops" a change of -10,000. The counted thing comes from the number's head noun, or for
"the number (of X) ... reaching N" from the noun it refers to; its owner from a nationality
modifier or the subject that holds it ("Russia has amassed ..."); the source from the
attribution in the sentence ("according to", speech verbs).
"""
from __future__ import annotations

import re

from spacy.tokens import Doc as SpacyDoc
from spacy.tokens import Span, Token

from storyline.extract.attribution import EntityIndex, speaker_of, speech_verbs
from storyline.extract.syntax import attached_timex, clause_verb
from storyline.model import ClaimCandidate, Document

APPROXIMATORS = {"about", "around", "roughly", "approximately", "nearly", "almost", "some", "over", "estimated",
                 "up", "least", "than", "as", "many", "an", "close", "upwards", "~", "circa", "approx"}
DECREASE = {"withdraw", "reduce", "cut", "drop", "fall", "pull", "decrease", "remove", "lose", "shed", "decline"}
INCREASE = {"add", "increase", "rise", "grow", "send", "deploy", "boost", "gain", "reinforce", "climb"}
CHANGE_MODIFIERS = {"additional", "more", "another", "extra", "further", "fewer"}
NOT_UNITS = {"year", "month", "week", "day", "hour", "minute", "second", "time", "percent", "%", "am", "pm"}
NUMBER_WORDS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
LOCATION_PREPS = {"near", "along", "at", "around", "inside", "across", "close"}
MIN_VALUE = 10


def _value(tok: Token) -> float | None:
    raw = tok.text.replace(",", "")
    try:
        value = float(raw)
    except ValueError:
        return None
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.lower_ in NUMBER_WORDS:
        value *= NUMBER_WORDS[nxt.lower_]
    return value


def _unit_noun(num: Token, sent: Span) -> Token | None:
    head = num.head
    while head.lower_ in NUMBER_WORDS and head.head != head:
        head = head.head
    if head.pos_ in ("NOUN", "PROPN") and num.dep_ == "nummod" and head.lemma_.lower() not in NOT_UNITS:
        return head
    # "the number (of X) ... reaching N" / "estimated at N"
    number = next((t for t in sent if t.lemma_.lower() in ("number", "total", "figure", "tally", "count")), None)
    if number is not None:
        of = next((c for c in number.children if c.lower_ == "of"), None)
        pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if pobj is not None:
            return pobj
        nouns = [t for t in sent if t.tag_ == "NNS" and t.lemma_.lower() not in NOT_UNITS and t.i < num.i]
        if nouns:
            return nouns[-1]
    return None


def _approximate(num: Token) -> bool:
    before = [t.lower_ for t in num.doc[max(0, num.i - 3):num.i]]
    return any(w in APPROXIMATORS for w in before[-2:]) or any(c.dep_ in ("advmod", "quantmod") for c in num.children)


def _owner(unit: Token, index: EntityIndex) -> str | None:
    for child in unit.children:
        if child.dep_ in ("amod", "compound", "poss"):
            ent = index.at(child.idx, child.idx + len(child.text), ("NORP", "GPE", "ORG"))
            if ent is not None:
                return ent.canonical
    verb = clause_verb(unit.head)
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None and verb.dep_ in ("pcomp", "advcl", "xcomp", "conj", "acl"):
        subj = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if subj is not None:
        ent = index.at(subj.idx, subj.idx + len(subj.text), ("GPE", "NORP", "ORG"))
        if ent is not None:
            return ent.canonical
    return None


def _location(unit: Token) -> str | None:
    for head in (unit, unit.head):
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in LOCATION_PREPS:
                toks = list(child.subtree)
                return unit.doc.text[toks[0].idx:toks[-1].idx + len(toks[-1].text)]
    return None


def _kind(num: Token, unit: Token | None) -> tuple[str, int]:
    """('level'|'change', sign) from the verb governing the figure."""
    anchor = unit or num
    if any(c.lower_ in CHANGE_MODIFIERS for c in anchor.children):
        return "change", 1
    verb = clause_verb(anchor.head)
    lemma = verb.lemma_.lower()
    if lemma in DECREASE:
        return "change", -1
    if lemma in INCREASE and verb.lemma_ != "deploy":
        return "change", 1
    return "level", 1


def _source(sent: Span, parsed: SpacyDoc, index: EntityIndex, quoted: list[tuple[int, int]],
            speaker: str | None) -> tuple[str | None, Token | None]:
    """(who gave the figure, the speech verb saying so)."""
    for verb in speech_verbs(parsed, sent.start_char, sent.end_char):
        if any(a <= verb.idx < b for a, b in quoted):
            continue
        who = speaker_of(verb, index, None, quoted)
        if who:
            return who, verb
    return speaker, None


def extract_claims(document: Document, parsed: SpacyDoc) -> list[ClaimCandidate]:
    index = EntityIndex(document._entities)
    in_timex = [(t.start, t.end) for t in document._timexes]
    speakers = [(q.start, q.end, q.speaker) for q in document._quotes]
    out = []
    for sent in parsed.sents:
        for tok in sent:
            if not tok.like_num or not re.search(r"\d", tok.text) or any(a <= tok.idx < b for a, b in in_timex):
                continue
            value = _value(tok)
            if value is None or value < MIN_VALUE or (1800 <= value <= 2100 and "," not in tok.text):
                continue
            unit = _unit_noun(tok, sent)
            if unit is None:
                continue
            kind, sign = _kind(tok, unit)
            owner = _owner(unit, index)
            location = _location(unit)
            subject = unit.text.lower() if unit.pos_ != "PROPN" else unit.text
            if owner:
                subject = f"{owner} {subject}" if owner.endswith(("n", "sh", "ch", "se")) else f"{subject} of {owner}"
            if location:
                subject += f" {location}"
            quoted_by = next((s for a, b, s in speakers if a <= tok.idx < b), None)
            source, verb = _source(sent, parsed, index, document._quoted, quoted_by)
            timex = attached_timex(tok, document._timexes, parsed)
            if timex is None and verb is not None:
                timex = attached_timex(verb, document._timexes, parsed)
            out.append(ClaimCandidate(
                start=sent.start_char, end=sent.end_char, subject=subject, value=sign * value,
                unit=unit.text.lower() if unit.pos_ != "PROPN" else unit.text,
                approximate=_approximate(tok), kind=kind, source=source, timex=timex, owner=owner))
    return out

