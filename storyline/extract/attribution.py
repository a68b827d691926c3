"""Who said it: the subject of a speech verb, resolved to a canonical name.

Shared by quotes ("...," Ms Psaki said) and claims (according to Ukraine's defence minister). A
pronoun subject resolves to the last person named or quoted before it; an unnamed source keeps
its description ("a senior administration official") rather than being guessed.
"""
from __future__ import annotations

from spacy.tokens import Doc as SpacyDoc
from spacy.tokens import Token

from storyline.model import Entity

SPEECH_VERBS = {
    "say", "tell", "add", "state", "declare", "announce", "warn", "write", "note", "explain", "insist",
    "argue", "claim", "reply", "respond", "read", "continue", "tweet", "post", "conclude", "acknowledge",
    "admit", "confirm", "assert", "stress", "emphasise", "emphasize", "remark", "recall", "vow",
    "promise", "urge", "caution", "predict", "estimate", "report", "charge", "allege", "describe",
    "accord", "comment", "reiterate", "underscore", "ask", "suggest", "believe", "think",
}
PRONOUNS = {"he", "she", "they", "i", "we", "him", "her", "them"}
DETERMINERS = {"a", "an", "the", "this", "that", "one", "another"}


class EntityIndex:
    """Character-offset lookup of a document's entities."""

    def __init__(self, entities: list[Entity]):
        self.entities = sorted(entities, key=lambda e: e.start)

    def at(self, start: int, end: int, labels: tuple[str, ...] = ("PERSON", "ORG", "GPE", "NORP")) -> Entity | None:
        for e in self.entities:
            if e.start < end and start < e.end and e.label in labels:
                return e
        return None

    def earlier_full_name(self, short: str, pos: int) -> str | None:
        """"the Ministry" after "the Russian Ministry of Foreign Affairs": the last organisation
        named before `pos` whose name contains the short form as a word."""
        best = None
        for e in self.entities:
            if e.start >= pos:
                break
            if e.label == "ORG" and e.canonical != short and short in e.canonical.split():
                best = e.canonical
        return best

    def last_person_before(self, pos: int, outside: list[tuple[int, int]] = ()) -> Entity | None:
        best = None
        for e in self.entities:
            if e.start >= pos:
                break
            if e.label == "PERSON" and not any(a <= e.start < b for a, b in outside):
                best = e
        return best


def _subtree_span(tok: Token) -> tuple[int, int]:
    toks = list(tok.subtree)
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def name_of(tok: Token, index: EntityIndex) -> str | None:
    """Canonical name for a noun phrase headed by `tok`: a person in it, else an organisation or
    place, else the phrase itself without its determiner."""
    start, end = _subtree_span(tok)
    own = index.at(tok.idx, tok.idx + len(tok.text))
    if own is not None:
        return own.canonical
    for child in tok.children:  # "Ukraine's defence minister, Oleksii Reznikov"
        if child.dep_ == "appos" and (person := index.at(child.idx, child.idx + len(child.text), ("PERSON",))):
            return person.canonical
    org = index.at(start, end, ("ORG", "GPE", "NORP"))
    words = [t for t in tok.subtree if t.dep_ not in ("relcl", "punct") and t.i >= tok.left_edge.i]
    kept_preps = {c.i for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "for", "at")}
    allowed = {x.i for p in kept_preps for x in tok.doc[p].subtree}
    phrase_toks = [t for t in words if t.i <= tok.i or t.i in allowed]
    if phrase_toks and phrase_toks[0].lower_ in DETERMINERS:
        phrase_toks = phrase_toks[1:]
    phrase = tok.doc.text[phrase_toks[0].idx:phrase_toks[-1].idx + len(phrase_toks[-1].text)] if phrase_toks else ""
    if org is not None and len(phrase.split()) <= 2:
        return index.earlier_full_name(org.canonical, org.start) or org.canonical
    phrase = phrase.strip(" ,")
    if len(phrase.split()) == 1 and phrase[:1].isupper():
        return index.earlier_full_name(phrase, tok.idx) or phrase
    return phrase or None


def subject_of(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head != verb:
        return subject_of(verb.head)
    return None


def speaker_of(verb: Token, index: EntityIndex, last_speaker: str | None,
               quoted: list[tuple[int, int]] = ()) -> str | None:
    """The canonical speaker of a speech verb, or None."""
    if verb.lemma_ == "accord":  # "according to X"
        for child in verb.children:
            if child.dep_ == "prep":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return name_of(pobj, index)
        return None
    subj = subject_of(verb)
    if subj is None:
        # "..., said Jen Psaki": inverted subject comes as a following noun
        for child in verb.children:
            if child.dep_ in ("dobj", "attr", "npadvmod") and child.i > verb.i and child.pos_ == "PROPN":
                return name_of(child, index)
        return None
    if subj.lower_ in PRONOUNS:
        person = index.last_person_before(subj.idx, quoted)
        return person.canonical if person else last_speaker
    return name_of(subj, index)


def speech_verbs(parsed: SpacyDoc, start: int, end: int) -> list[Token]:
    span = parsed.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    return [t for t in span if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in SPEECH_VERBS or
            (t.lower_ == "according" and any(c.lower_ == "to" for c in t.children))]
