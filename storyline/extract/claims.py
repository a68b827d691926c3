"""Numeric claims: a figure, what it counts, who gives it, its bound, and whether it is a level or
a change.

"about 94,300 Russian troops have amassed near the border" is a level of ~94,300 "Russian troops
near the border"; "withdrawn roughly 10,000 troops" a change of -10,000; "killed 10 people" a
level of 10 "people killed". Which numbers are claims is the claim model's call
(`numbers.is_claim`); what they measure is the number's counted noun, or the money, share,
magnitude or duration it gives. The counted thing is the
number's noun with its modifiers, prepositional phrases and participles ("people killed in the
quake"); its owner (a nationality, or the subject that holds it) groups comparable figures; the
source is the attribution in the sentence ("according to", speech verbs) or the quote's speaker.
"""
from __future__ import annotations

from lemminflect import getInflection
from spacy.tokens import Doc as SpacyDoc
from spacy.tokens import Span, Token

from storyline.extract.attribution import MIN_CUE_SHARE, EntityIndex, cue_share, speech_verbs
from storyline.extract.figures import Figure
from storyline.extract.numbers import MEASURES, SCALE_WORDS, is_claim, number_candidates
from storyline.extract.speakers import cue_source
from storyline.extract.syntax import attached_timex, clause_verb
from storyline.learn import LinearModel
from storyline.model import Bound, ClaimCandidate, ClaimKind, Document

DECREASE = {"withdraw", "reduce", "cut", "drop", "fall", "pull", "decrease", "remove", "lose", "shed", "decline",
            "slash", "lower", "plunge", "sink", "slip", "shrink"}
INCREASE = {"add", "increase", "rise", "grow", "send", "boost", "gain", "reinforce", "climb", "raise", "jump",
            "surge", "expand"}
CHANGE_MODIFIERS = {"additional", "more", "another", "extra", "further", "fewer", "new"}
COUNTED_PREPS = {"of", "in", "near", "along", "at", "on", "from", "across", "inside", "around", "among", "into", "for"}
LOCATION_PREPS = {"near", "along", "at", "around", "inside", "across", "close"}
MAX_COUNTED_WORDS = 10  # a counted thing is a noun phrase, not the rest of the sentence


def _participle(verb: Token) -> str:
    """"killed" for killed / killing / kills: the form a counted thing takes after its noun."""
    if verb.tag_ in ("VBD", "VBN"):
        return verb.text.lower()
    return (getInflection(verb.lemma_, "VBN") or (verb.text.lower(),))[0]


def _counted(noun: Token, fig: Figure) -> str:
    """The noun phrase of what is counted, with its qualifiers: "Russian troops near the border",
    "veterans who commit suicide", "people killed in the quake" ("killed 10 people" reads as
    "people killed"). Capped at MAX_COUNTED_WORDS words of the sentence."""
    in_figure = {fig.number.i} | {t.i for t in noun.doc.char_span(fig.start, fig.end, alignment_mode="expand") or ()}
    keep: list[Token] = []
    for child in noun.children:
        sub = list(child.subtree)
        if any(t.i in in_figure for t in sub) and child.i not in in_figure:
            continue  # the phrase the figure itself hangs in ("damage estimated at $54 million")
        if child.i < noun.i and child.dep_ in ("amod", "compound", "poss", "nmod") and not child.like_num:
            keep += sub
        elif child.i > noun.i and (child.dep_ == "prep" and child.lower_ in COUNTED_PREPS or child.dep_ in ("acl", "relcl")):
            keep += sub
    words = sorted([*keep, noun], key=lambda t: t.i)
    words = [t for t in words if t.pos_ != "PUNCT" and t.i not in in_figure][:MAX_COUNTED_WORDS]
    phrase = " ".join(t.text for t in words) or noun.text
    verb = noun.head
    if noun.dep_ in ("dobj", "nsubjpass") and verb.pos_ == "VERB" and not any(t.dep_ in ("acl", "relcl") for t in keep):
        phrase = f"{phrase} {_participle(verb)}"  # "killed 10 people", "10 people were killed": "people killed"
    elif noun.dep_ == "nsubj" and verb.pos_ == "VERB" and not any(c.dep_ == "dobj" for c in verb.children) \
            and cue_share(verb.lemma_) < MIN_CUE_SHARE:
        phrase = f"{phrase} {verb.text}"  # "10 people died", not "voters say"
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
        other = {x.i for c in verb.children if c.dep_ in ("conj", "cc") for x in c.subtree}  # "... and 44 percent would back"
        toks = [t for t in verb.subtree if t.i not in {x.i for x in tok.subtree} | other and t.pos_ != "PUNCT"]
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
                return unit.doc[toks[0].i:toks[-1].i + 1].text
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


def extract_claims(document: Document, parsed: SpacyDoc, model: LinearModel | None = None) -> list[ClaimCandidate]:
    """The numbers the claim model keeps (`numbers.is_claim`), with what they count, their kind,
    source and time."""
    index = EntityIndex(document._entities)
    speakers = [(q.start, q.end, q.speaker) for q in document._quotes]
    out = []
    for cand in number_candidates(document, parsed):
        if not is_claim(cand, model):
            continue
        fig, noun, unit = cand.figure, cand.noun, cand.unit
        sent = fig.number.sent
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
