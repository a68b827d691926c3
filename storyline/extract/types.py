"""Event types of detected triggers: PLOVER/CAMEO for political acts, the extension otherwise.

A trigger is typed, in this order, by
1. the hand lexicon of political triggers (`lexicon`, with its object constraints);
2. the extended type list (`data/event_types.tsv`: earthquakes, crashes, crimes, takeovers...);
and is otherwise no event of the storyline: a detected trigger of no known kind ("tension",
"came", "decided") is what made most timeline entries noise. PETRARCH2's bare verb codes were
tried as a third source and left out: without its patterns they mislead ("die" is 190, "go" 040,
"prepare" 030), and `benchmarks/mentions.py` prints how many detected triggers each source types.
Violence whose participants are all non-political is a crime, not PLOVER's ASSAULT, and deaths whose
cause is a disaster or accident are casualties of it (HEALTH), not an attack.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Token

from storyline.extract import lexicon
from storyline.extract.vocab import EXTRA_TYPES
from storyline.model import Entity

TYPES_FILE = Path(__file__).resolve().parents[1] / "data" / "event_types.tsv"
POLITICAL_LABELS = frozenset({"GPE", "NORP", "ORG"})
VIOLENT_TYPES = frozenset({"ASSAULT"})
CAUSE_TYPES = frozenset({"DISASTER", "ACCIDENT"})  # a subject of these kinds makes deaths its casualties


@dataclass(frozen=True)
class EventKind:
    type: str
    mode: str | None
    cameo: str | None
    quad_class: int | None


@lru_cache(maxsize=1)
def extra_types() -> dict[tuple[str, str], str]:
    """(lemma, part of speech or '*') -> extended type, from the shipped list."""
    out = {}
    for line in TYPES_FILE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            lemma, pos, kind = line.split("\t")
            if kind not in EXTRA_TYPES:
                raise ValueError(f"{TYPES_FILE}: '{kind}' (for '{lemma}') is not one of vocab.EXTRA_TYPES")
            out[(lemma, pos)] = kind
    return out


def extra_type(tok: Token) -> str | None:
    table = extra_types()
    lemma = tok.lemma_.lower()
    pos = "VERB" if tok.pos_ in ("VERB", "AUX") else "NOUN"
    return table.get((lemma, pos)) or table.get((lemma, "*"))


def political(entity: Entity | None) -> bool:
    return entity is not None and (entity.label in POLITICAL_LABELS or bool(entity.role) or bool(entity.country))


def coded(code: str) -> EventKind:
    ptype, mode = lexicon.plover(code)
    return EventKind(ptype, mode, code, lexicon.quad_class(code))


def kind_of(tok: Token, lexicon_code: str | None, participants: list[Entity | None]) -> EventKind | None:
    """The type of the event `tok` names, given the hand lexicon's code (or None) and the
    entities of its actors and recipients (None where a participant is not a named entity);
    None when it is of no known kind."""
    if lexicon_code is not None:
        event = coded(lexicon_code)
        if event.type in VIOLENT_TYPES:
            if _subject_kind(tok) in CAUSE_TYPES:
                return EventKind("HEALTH", None, lexicon_code, event.quad_class)
            if participants and not any(political(e) for e in participants):
                return EventKind("CRIME", None, lexicon_code, event.quad_class)
        return event
    kind = extra_type(tok)
    return EventKind(kind, None, None, None) if kind is not None else None


def _subject_kind(tok: Token) -> str | None:
    """The extended type of the trigger's subject, or of its clause's ("a quake struck, killing")."""
    subject = next((c for c in tok.children if c.dep_ in ("nsubj", "agent")), None)
    if subject is None and tok.dep_ in ("advcl", "conj", "xcomp") and tok.head != tok:
        subject = next((c for c in tok.head.children if c.dep_ in ("nsubj", "agent")), None)
    if subject is not None and subject.dep_ == "agent":
        subject = next((c for c in subject.children if c.dep_ == "pobj"), None)
    return extra_type(subject) if subject is not None else None
