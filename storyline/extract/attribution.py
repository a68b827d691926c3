"""Who said it: the subject of a speech verb, resolved to a canonical name.

Shared by quotes ("...," Ms Psaki said) and claims (according to Ukraine's defence minister). The
cue verbs are learned from PolNeAR train's annotated cues (`benchmarks/train_speakers.py`). A
pronoun subject resolves to the last person named or quoted before it; an unnamed source keeps
its description ("a senior administration official") rather than being guessed.
"""
from __future__ import annotations

from collections import Counter, defaultdict

from spacy.tokens import Doc as SpacyDoc
from spacy.tokens import Token

from storyline.learn import load_params
from storyline.model import Entity

CUES_MODEL = "cues"  # speech and attribution verbs with the share of their uses that cue a source
MIN_CUE_SHARE = 0.5  # a verb is a cue when at least half its uses in PolNeAR train introduce a source
PRONOUNS = {"he", "she", "they", "i", "we", "him", "her", "them"}
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f", "herself": "f"}
HONORIFIC_GENDER = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "sir": "m", "dame": "f", "lord": "m", "lady": "f"}
DETERMINERS = {"a", "an", "the", "this", "that", "one", "another"}


class EntityIndex:
    """Character-offset lookup of a document's entities."""

    def __init__(self, entities: list[Entity]):
        self.entities = sorted(entities, key=lambda e: e.start)
        self._genders: dict[str, str] | None = None
        self._mentions: Counter | None = None

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

    def gender(self, name: str, parsed: SpacyDoc) -> str | None:
        """"m" or "f" for a person when the article says so: an honorific before a mention ("Mr.",
        "Mrs."), or the pronouns that follow the person as a subject ("Clinton said her plan");
        None when it does not, or votes both ways."""
        if self._genders is None:
            votes: dict[str, Counter] = defaultdict(Counter)
            for e in self.entities:
                if e.label != "PERSON":
                    continue
                span = parsed.char_span(e.start, e.end, alignment_mode="expand")
                if span is None:
                    continue
                before = parsed[span.start - 1].lower_.rstrip(".") if span.start > 0 else ""
                if before in HONORIFIC_GENDER:
                    votes[e.canonical][HONORIFIC_GENDER[before]] += 3  # an honorific is near certain
                if span.root.dep_ in ("nsubj", "nsubjpass"):
                    following = (t.lower_ for t in parsed[span.end:span.root.sent.end])
                    first = next((PRONOUN_GENDER[w] for w in following if w in PRONOUN_GENDER), None)
                    if first:
                        votes[e.canonical][first] += 1
            self._genders = {n: max(c, key=c.get) for n, c in votes.items() if len(set(c.values())) > 1 or len(c) == 1}
        return self._genders.get(name)

    def full_person_name(self, name: str, pos: int) -> str:
        """"Jon Tester" for a bare "Tester" the tagger missed: the last person named before `pos`
        whose name ends with it; the name itself otherwise."""
        if " " in name:
            return name
        best = name
        for e in self.entities:
            if e.start >= pos:
                break
            if e.label == "PERSON" and e.canonical.split()[-1] == name:
                best = e.canonical
        return best

    def mentions(self, name: str) -> int:
        """How many times the article names this canonical entity."""
        if self._mentions is None:
            self._mentions = Counter(e.canonical for e in self.entities)
        return self._mentions[name]


def subtree_span(tok: Token) -> tuple[int, int]:
    """Character offsets of the whole phrase a token heads."""
    toks = list(tok.subtree)
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def name_of(tok: Token, index: EntityIndex) -> str | None:
    """Canonical name for a noun phrase headed by `tok`: a person in it, else an organisation or
    place, else the phrase itself without its determiner."""
    start, end = subtree_span(tok)
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
    phrase = tok.doc[phrase_toks[0].i:phrase_toks[-1].i + 1].text if phrase_toks else ""  # Doc.text rebuilds the whole text
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


def cue_share(lemma: str) -> float:
    """The share of a verb's uses in PolNeAR train that introduce a source ("say" 0.86, "note" 0.94)."""
    return load_params(CUES_MODEL)["lemmas"].get(lemma.lower(), 0.0)


def speech_verbs(parsed: SpacyDoc, start: int, end: int, min_share: float = MIN_CUE_SHARE) -> list[Token]:
    """The verbs of text[start:end] that attribute words to a source (said, according to, warned)."""
    span = parsed.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    return [t for t in span if (t.pos_ in ("VERB", "AUX") or t.lower_ == "according") and cue_share(t.lemma_) >= min_share]
