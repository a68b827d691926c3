"""Tense of the clause a time expression belongs to.

Direction matters for resolution: "said on Friday" is the Friday before the document date, "will
speak on Saturday" the Saturday after. The clause's verb is found by climbing the dependency tree
from the expression; modals and planning verbs ("is due to", "set to", "requested ... take
place") mark the future.
"""
from __future__ import annotations

from spacy.tokens import Doc as SpacyDoc
from spacy.tokens import Token

FUTURE_MODALS = {"will", "shall", "'ll", "’ll", "wo", "would", "could", "may", "might", "must", "should"}
PLANNING = {"due", "set", "expect", "expected", "schedule", "scheduled", "plan", "planned", "slate",
            "slated", "poised", "likely", "prepare", "intend", "aim", "hope", "want"}
REQUEST = {"request", "ask", "demand", "propose", "suggest", "insist", "urge", "want"}


def _tense_of_verb(v: Token, depth: int = 0) -> str:
    auxes = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & FUTURE_MODALS:
        return "future"
    if "to" in words or (v.tag_ == "VB" and not auxes and v.dep_ in ("ccomp", "xcomp")):
        head = v.head
        if v.dep_ == "ROOT" or head.lemma_ in PLANNING or head.lower_ in PLANNING or head.lemma_ in REQUEST:
            return "future"
        if head != v and depth < 4:
            return _tense_of_verb(head, depth + 1)
        return "unknown"
    if v.lower_ == "going" and any(c.lower_ == "to" for c in v.children):
        return "future"
    if any(a.lemma_ == "have" for a in auxes) and v.tag_ == "VBN":
        return "past"
    if v.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if v.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "present"
    if v.dep_ in ("conj", "advcl", "xcomp", "ccomp", "relcl") and v.head != v and depth < 4:
        return _tense_of_verb(v.head, depth + 1)
    return "unknown"


def clause_tense(parsed: SpacyDoc, start: int, end: int) -> str:
    """past | present | future | unknown for the clause around text[start:end]."""
    span = parsed.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return "unknown"
    tok = span.root
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX") and not (tok.pos_ == "AUX" and tok.head != tok and tok.dep_ == "aux"):
            break
        if tok.head == tok:
            break
        tok = tok.head
    if tok.pos_ not in ("VERB", "AUX"):
        tok = span.sent.root
    return _tense_of_verb(tok)
