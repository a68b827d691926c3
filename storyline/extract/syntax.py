"""Small dependency-parse helpers shared by the extractors."""
from __future__ import annotations

from spacy.tokens import Doc as SpacyDoc
from spacy.tokens import Token

from storyline.model import Timex
from storyline.time.expressions import AnchorKind

DATED_KINDS = {AnchorKind.DATE, AnchorKind.WEEKDAY, AnchorKind.DAYREL, AnchorKind.MONTH, AnchorKind.PERIOD,
               AnchorKind.YEAR, AnchorKind.AGO}


def clause_verb(tok: Token) -> Token:
    """The verb of the clause a token belongs to (the token itself when it is a verb)."""
    v = tok
    for _ in range(6):
        if v.pos_ in ("VERB", "AUX") or v.head == v:
            break
        v = v.head
    return v


def attached_timex(anchor: Token, timexes: list[Timex], parsed: SpacyDoc) -> int | None:
    """Index of the dated time expression attached to `anchor`'s clause ("said on Friday",
    "Saturday's call"), nearest first; None when the sentence dates another clause only."""
    sent = anchor.sent
    verb = clause_verb(anchor)
    best = None
    for i, t in enumerate(timexes):
        if not (sent.start_char <= t.start < sent.end_char) or t.anchor["k"] not in DATED_KINDS:
            continue
        span = parsed.char_span(t.start, t.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        if clause_verb(root) in (verb, anchor) or root.head == anchor or _governs_without_verb(anchor, root):
            if best is None or abs(t.start - anchor.idx) < abs(timexes[best].start - anchor.idx):
                best = i
    return best


def _governs_without_verb(anchor: Token, tok: Token) -> bool:
    """`anchor` dominates `tok` with no verb in between ("Saturday's call", "the call on Tuesday")."""
    for head in tok.ancestors:
        if head == anchor:
            return True
        if head.pos_ in ("VERB", "AUX"):
            return False
    return False
