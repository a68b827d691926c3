"""Numeric claims: a figure, what it counts, who gives it, its bound, and whether it is a level or
a change.

"about 94,300 Russian troops have amassed near the border" is a level of ~94,300 "Russian troops
near the border"; "withdrawn roughly 10,000 troops" a change of -10,000; "killed 10 people" a
level of 10 "people killed". A figure is a claim when something is counted or measured: a
counted noun, money, a percentage or a magnitude; times of day, years, ages, calibres, model
numbers, addresses and temperatures are not (`figures.not_figure`). The counted thing is the
number's noun with its modifiers, prepositional phrases and participles ("people killed in the
quake"); its owner (a nationality, or the subject that holds it) groups comparable figures; the
source is the attribution in the sentence ("according to", speech verbs) or the quote's speaker.
"""
from __future__ import annotations

from lemminflect import getInflection
from spacy.tokens import Doc as SpacyDoc
from spacy.tokens import Span, Token

from storyline.extract.attribution import EntityIndex, speech_verbs
from storyline.extract.figures import (
    DURATIONS,
    FRACTIONS,
    SCALES,
    TENS,
    UNITS,
    VAGUE_PLURALS,
    Figure,
    figure_at,
    not_figure,
)
from storyline.extract.speakers import cue_source
from storyline.extract.syntax import attached_timex, clause_verb
from storyline.model import Bound, ClaimCandidate, ClaimKind, Document

DECREASE = {"withdraw", "reduce", "cut", "drop", "fall", "pull", "decrease", "remove", "lose", "shed", "decline",
            "slash", "lower", "plunge", "sink", "slip", "shrink"}
INCREASE = {"add", "increase", "rise", "grow", "send", "boost", "gain", "reinforce", "climb", "raise", "jump",
            "surge", "expand"}
CHANGE_MODIFIERS = {"additional", "more", "another", "extra", "further", "fewer", "new"}
TALLY_NOUNS = {"number", "total", "figure", "tally", "count", "toll", "death toll", "population", "turnout"}
COUNTED_PREPS = {"of", "in", "near", "along", "at", "on", "from", "across", "inside", "around", "among", "into", "for"}
LOCATION_PREPS = {"near", "along", "at", "around", "inside", "across", "close"}
SCALE_WORDS = set(SCALES) - {"m"}
DISTANCES = {"kilometer", "kilometre", "km", "mile", "metre", "meter", "foot", "feet", "yard"}
DIRECTIONS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "north-east",
              "north-west", "south-east", "south-west", "away", "from", "off", "outside", "offshore", "inland"}
MEASURES = {"percent", "dollars", "euros", "pounds", "magnitude", "%"}
MAX_COUNTED_WORDS = 10  # a counted thing is a noun phrase, not the rest of the sentence


def _counted_noun(fig: Figure, sent: Span) -> Token | None:
    """The noun the figure counts: its head ("10 people"), or for a tally ("the death toll rose to
    300", "the number of dead reached 300") the tallied noun."""
    num = fig.number
    head = num.head
    if num.dep_ in ("nummod", "quantmod", "amod", "compound") and head.pos_ in ("NOUN", "PROPN") and head.i > num.i:
        return head
    of = next((c for c in num.children if c.lower_ == "of"), None)  # "dozens of people", "half of voters"
    if of is not None and (pobj := next((c for c in of.children if c.dep_ == "pobj"), None)) is not None \
            and pobj.pos_ in ("NOUN", "PROPN"):
        return pobj
    for tok in sent:
        if tok.lemma_.lower() in TALLY_NOUNS and tok.i < num.i:
            of = next((c for c in tok.children if c.lower_ == "of"), None)
            pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
            if pobj is not None:
                return pobj
            plural = [t for t in sent if t.tag_ == "NNS" and t.i < tok.i and t.lemma_.lower() not in DURATIONS]
            return plural[-1] if plural else tok  # "amassing troops ..., the number now reaching 130,000"
    return None


def _measured(fig: Figure) -> Token | None:
    """What a percentage, sum or magnitude measures: "40 percent of the world's oil" -> oil, "damage
    estimated at $54 million" -> damage, "a 5.6 magnitude quake" -> quake."""
    tok = fig.number
    while tok.head.lower_ in SCALE_WORDS and tok.head != tok:
        tok = tok.head
    if tok.head.lower_ in MEASURES:
        tok = tok.head
    of = next((c for c in tok.children if c.lower_ == "of"), None)  # "percent of X"
    if of is not None and (pobj := next((c for c in of.children if c.dep_ == "pobj"), None)) is not None:
        return pobj
    for head in tok.ancestors:
        if head.pos_ in ("NOUN", "PROPN") and head.lower_ not in MEASURES:
            return head
        if head.pos_ == "VERB" and head.dep_ not in ("acl", "amod"):
            break
    return None


def _locating(noun: Token) -> bool:
    """A distance that places something ("300 kilometers south of Tehran", "15 miles from"),
    not a measurement the sentence is about."""
    if noun.lemma_.lower() not in DISTANCES:
        return False
    return noun.head.lower_ in DIRECTIONS or any(c.lower_ in DIRECTIONS for c in noun.children)


def _participle(verb: Token) -> str:
    """"killed" for killed / killing / kills: the form a counted thing takes after its noun."""
    if verb.tag_ in ("VBD", "VBN"):
        return verb.text.lower()
    return (getInflection(verb.lemma_, "VBN") or (verb.text.lower(),))[0]


def _counted(noun: Token, fig: Figure) -> str:
    """The noun phrase of what is counted, with its qualifiers: "Russian troops near the border",
    "veterans who commit suicide", "people killed in the quake" ("killed 10 people" reads as
    "people killed"). Capped at MAX_COUNTED_WORDS words of the sentence."""
    keep: list[Token] = []
    for child in noun.children:
        if child.i < noun.i and child.dep_ in ("amod", "compound", "poss", "nmod") and not child.like_num:
            keep += list(child.subtree)
        elif child.i > noun.i and (child.dep_ == "prep" and child.lower_ in COUNTED_PREPS or child.dep_ in ("acl", "relcl")):
            keep += list(child.subtree)
    words = sorted([*keep, noun], key=lambda t: t.i)
    figure = {t.i for t in fig.number.subtree} | {t.i for t in noun.doc if fig.start <= t.idx < fig.end}
    words = [t for t in words if t.pos_ != "PUNCT" and t.i not in figure][:MAX_COUNTED_WORDS]
    phrase = " ".join(t.text for t in words)
    verb = noun.head
    if noun.dep_ in ("dobj", "nsubjpass") and verb.pos_ == "VERB" and not any(t.dep_ in ("acl", "relcl") for t in keep):
        phrase = f"{phrase} {_participle(verb)}"  # "killed 10 people", "10 people were killed": "people killed"
    elif noun.dep_ == "nsubj" and verb.pos_ == "VERB" and not any(c.dep_ == "dobj" for c in verb.children):
        phrase = f"{phrase} {verb.text}"  # "10 people died"
    return phrase.lower() if noun.pos_ != "PROPN" else phrase


def _predicate(fig: Figure) -> str | None:
    """What a share or sum with no noun stands for, as the sentence says it: "46 percent would
    choose Clinton" -> "would choose Clinton"; "raised $18 million" -> "dollars raised"."""
    tok = fig.number
    while tok.head != tok and (tok.head.lower_ in SCALE_WORDS | MEASURES or tok.dep_ in ("quantmod", "compound")):
        tok = tok.head
    verb = tok.head
    if verb.pos_ != "VERB" or verb == tok:
        return None
    if tok.dep_ in ("nsubj", "nsubjpass"):
        toks = [t for t in verb.subtree if t.i not in {x.i for x in tok.subtree} and t.pos_ != "PUNCT"]
        toks = [t for t in toks if t.i >= verb.i or t.dep_ in ("aux", "neg")][:MAX_COUNTED_WORDS]
        return " ".join(t.text for t in toks) or None
    if tok.dep_ == "dobj":
        return f"{fig.unit} {_participle(verb)}"
    return None


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
    if subj is not None:  # "Russia has amassed 100,000 troops"; not the navy that seized 300 rounds
        ent = index.at(subj.idx, subj.idx + len(subj.text), ("GPE", "NORP"))
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


def _kind(fig: Figure, noun: Token | None) -> tuple[ClaimKind, int]:
    """(level or change, the change's sign) from the verb governing the figure."""
    anchor = noun or fig.number
    if any(c.lower_ in CHANGE_MODIFIERS and c.i < anchor.i for c in anchor.children):
        return ClaimKind.CHANGE, 1
    verb = clause_verb(anchor.head)
    lemma = verb.lemma_.lower()
    to_level = any(c.lower_ == "to" and fig.number in c.subtree for c in verb.children)  # "rose to 300" is a level
    if lemma in DECREASE and not to_level:
        return ClaimKind.CHANGE, -1
    if lemma in INCREASE and not to_level:
        return ClaimKind.CHANGE, 1
    return ClaimKind.LEVEL, 1


def _source(sent: Span, fig: Figure, index: EntityIndex, quoted: list[tuple[int, int]],
            speaker: str | None) -> tuple[str | None, Token | None]:
    """(who gives the figure, the speech verb saying so): the source of an attribution in the
    sentence whose subject is not the figure itself ("19 percent said" is the figure speaking),
    else the speaker of the quote it is in."""
    for verb in speech_verbs(sent.doc, sent.start_char, sent.end_char):
        if any(a <= verb.idx < b for a, b in quoted):
            continue
        source = cue_source(verb, index, quoted)
        if source is None or fig.number in source[0].subtree:
            continue
        return source[1] or source[2], verb
    return speaker, None


def _spoke_on(source: str, document: Document) -> int | None:
    """The time expression dating the source's quotes in this article ("Reznikov said on
    Friday: ..."), when they are all dated alike: the figure was given on the same occasion."""
    anchors = {document._timexes[q.timex].text.lower(): q.timex for q in document._quotes
               if q.speaker == source and q.timex is not None}
    return next(iter(anchors.values())) if len(anchors) == 1 else None


def figures_in(sent: Span) -> list[Figure]:
    """The sentence's figures, one per number (a scale word joins its number: "5 million")."""
    out, last_end = [], -1
    for tok in sent:
        if tok.i <= last_end or not (tok.like_num or tok.lower_ in VAGUE_PLURALS or tok.lower_ in FRACTIONS
                                     or tok.lower_ == "dozen"):
            continue
        nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
        if nxt is not None and nxt.like_num and nxt.lower_ not in SCALE_WORDS:
            continue  # the figure ends at the last number word
        if nxt is not None and nxt.text == "-" and tok.lower_ in TENS and tok.i + 2 < len(tok.doc) \
                and tok.nbor(2).lower_ in UNITS:
            continue  # "forty-three" is read at "three"
        if tok.lower_ == "one" or not_figure(tok, sent) is not None:
            continue
        fig = figure_at(tok, sent)
        if fig is not None:
            out.append(fig)
            last_end = tok.i + (1 if nxt is not None and nxt.lower_ in SCALE_WORDS else 0)
    return out


def extract_claims(document: Document, parsed: SpacyDoc) -> list[ClaimCandidate]:
    index = EntityIndex(document._entities)
    in_timex = [(t.start, t.end) for t in document._timexes]
    speakers = [(q.start, q.end, q.speaker) for q in document._quotes]
    out = []
    for sent in parsed.sents:
        for fig in figures_in(sent):
            if any(a <= fig.number.idx < b for a, b in in_timex):
                continue
            noun = _counted_noun(fig, sent)
            if noun is not None and _locating(noun):
                continue
            if fig.unit is None and (noun is None or noun.lemma_.lower() in DURATIONS):
                continue  # nothing counted, or a duration that only places an event in time
            if fig.unit is not None:  # a sum, share or magnitude: the noun is what it measures
                keep = noun is not None and noun.lemma_.lower() not in DURATIONS and noun.lower_ not in MEASURES
                noun = noun if keep else _measured(fig)
            unit = fig.unit or (noun.text.lower() if noun.pos_ != "PROPN" else noun.text)
            kind, sign = _kind(fig, noun)
            owner = _owner(noun, index) if noun is not None else None
            counted = _counted(noun, fig) if noun is not None else _predicate(fig) or unit
            quoted_by = next((s for a, b, s in speakers if a <= fig.number.idx < b), None)
            source, verb = _source(sent, fig, index, document._quoted, quoted_by)
            timex = attached_timex(fig.number, document._timexes, parsed)
            if timex is None and verb is not None:
                timex = attached_timex(verb, document._timexes, parsed)
            if timex is None and source is not None:
                timex = _spoke_on(source, document)
            out.append(ClaimCandidate(
                start=sent.start_char, end=sent.end_char, subject=counted, value=sign * fig.value, unit=unit,
                approximate=fig.bound is Bound.APPROXIMATE, kind=kind, source=source, timex=timex, owner=owner,
                bound=fig.bound, figure=(fig.start, fig.end), location=_location(noun) if noun is not None else None))
    return out
