"""The rule-based status of the earlier event layer, kept as the anchor that
`train_status.py` and `mentions.py` print beside the learned status model."""
from __future__ import annotations

from spacy.tokens import Token

from storyline.extract.syntax import clause_verb
from storyline.time.tense import _tense_of_verb

HYPOTHETICAL_WORDS = {"possible", "potential", "likely", "prospective", "feared", "imminent", "any", "hypothetical"}
FEAR_WORDS = {"fear", "worry", "concern", "risk", "threat", "prospect", "possibility", "chance", "warn",
              "deter", "prevent", "avoid", "plan", "prepare", "preparation", "sign"}
DENY_WORDS = {"deny", "dismiss", "refute", "reject"}


def _status(trigger: Token, tense: str) -> str:
    verb = clause_verb(trigger)
    chain = [trigger, verb] + list(verb.ancestors)[:3]
    if any(c.dep_ == "neg" for t in (trigger, verb) for c in t.children):
        return "negated"
    if any(t.lemma_.lower() in DENY_WORDS for t in chain[1:]):
        return "denied"
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for t in (trigger, verb) for c in t.children):
        return "hypothetical"
    if trigger.pos_ != "VERB" and any(c.lower_ in HYPOTHETICAL_WORDS for c in trigger.children):
        return "hypothetical"
    auxes = {c.lower_ for t in (trigger, verb) for c in t.children if c.dep_ == "aux"}
    if auxes & {"could", "might", "may", "would"}:
        return "hypothetical"
    governor = trigger.head.head if trigger.head.pos_ == "ADP" else trigger.head
    if governor != trigger and governor.lemma_.lower() in FEAR_WORDS and (
            trigger.pos_ != "VERB" or trigger.dep_ in ("xcomp", "ccomp")):
        return "hypothetical"
    if any(t.lemma_.lower() in ("request", "ask", "propose", "want", "demand") for t in chain[1:]):
        return "hypothetical"  # a requested call may happen at another time, or not at all
    if tense == "future":
        return "planned"
    return "asserted"




def rule_status(trigger: Token) -> str:
    verb = clause_verb(trigger)
    return _status(trigger, _tense_of_verb(verb) if verb.pos_ in ("VERB", "AUX") else "unknown")
