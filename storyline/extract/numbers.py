"""Every number in a text, what it counts or measures, and whether it is a claim.

A claim is a figure asserted about the world: a toll, a count, a sum, a share, a magnitude, a
duration that is the point of its sentence. Whether a number is one is decided by a logistic
regression (`models/claims.json`, fitted by `benchmarks/train_claims.py` on the hand-labelled
sample `benchmarks/fixtures/claims`, CV grouped by document) over what the number measures (a
counted noun, money, percent, magnitude, a duration, a distance), its syntax, the time
expression it sits in, and the reason the rules of `figures.not_figure` would reject it (a time
of day, an age, a calibre, a model number, a reference to things already named). A number that
measures nothing is never a claim.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from spacy.tokens import Doc as SpacyDoc
from spacy.tokens import Span, Token

from storyline.extract.attribution import speech_verbs
from storyline.extract.figures import (
    DURATIONS,
    FRACTIONS,
    SCALES,
    TENS,
    UNITS,
    VAGUE_PLURALS,
    Figure,
    NotFigure,
    figure_at,
    not_figure,
)
from storyline.extract.syntax import clause_verb
from storyline.learn import LinearModel
from storyline.model import Document, Timex

MODEL = "claims"
TALLY_NOUNS = {"number", "total", "figure", "tally", "count", "toll", "death toll", "population", "turnout"}
SCALE_WORDS = set(SCALES) - {"m"}
DISTANCES = {"kilometer", "kilometre", "km", "mile", "metre", "meter", "foot", "feet", "yard"}
DIRECTIONS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "north-east",
              "north-west", "south-east", "south-west", "away", "from", "off", "outside", "offshore", "inland"}
MEASURES = {"percent", "dollars", "euros", "pounds", "magnitude", "%"}


@dataclass
class NumberCandidate:
    figure: Figure
    noun: Token | None       # the noun counted or measured
    unit: str | None         # None: the number measures nothing
    reason: NotFigure | None  # why the rules would reject it
    timex: Timex | None      # the time expression the number is part of
    features: dict[str, float] = field(default_factory=dict)


def counted_noun(fig: Figure, sent: Span) -> Token | None:
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


def measured(fig: Figure) -> Token | None:
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


def locating(noun: Token) -> bool:
    """A distance that places something ("300 kilometers south of Tehran", "15 miles from"),
    not a measurement the sentence is about."""
    if noun.lemma_.lower() not in DISTANCES:
        return False
    return noun.head.lower_ in DIRECTIONS or any(c.lower_ in DIRECTIONS for c in noun.children)


def figures_in(sent: Span) -> list[Figure]:
    """The sentence's figures, one per number (a scale word joins its number: "5 million"), those
    `not_figure` would reject included: the claim model weighs the reason."""
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
        if tok.lower_ == "one":
            continue
        fig = figure_at(tok, sent)
        if fig is not None:
            out.append(fig)
            last_end = tok.i + (1 if nxt is not None and nxt.lower_ in SCALE_WORDS else 0)
    return out


def _what_it_measures(fig: Figure, sent: Span) -> tuple[Token | None, str | None]:
    """(noun, unit): the counted noun and its word, or the measured noun of a sum, share or
    magnitude with that unit; a duration's noun is its unit ("25 years")."""
    noun = counted_noun(fig, sent)
    if fig.unit is not None:  # a sum, share or magnitude: the noun is what it measures
        keep = noun is not None and noun.lemma_.lower() not in DURATIONS and noun.lower_ not in MEASURES
        return (noun if keep else measured(fig)), fig.unit
    if noun is None:
        return None, None
    return noun, noun.text.lower() if noun.pos_ != "PROPN" else noun.text


def _features(fig: Figure, noun: Token | None, unit: str | None, reason: NotFigure | None,
              timex: Timex | None, in_quote: bool, attributed: bool, in_sentence: int) -> dict[str, float]:
    num = fig.number
    verb = clause_verb(num)
    lemma = noun.lemma_.lower() if noun is not None else ""
    noun_class = ("none" if noun is None else "duration" if lemma in DURATIONS else
                  "distance" if lemma in DISTANCES else "proper" if noun.pos_ == "PROPN" else "common")
    nxt = num.nbor(1).text if num.i + 1 < len(num.doc) else ""
    return {
        f"reason={reason.name if reason else 'none'}": 1.0,
        f"unit={fig.unit or 'counted'}": 1.0,
        f"noun={noun_class}": 1.0,
        f"dep={num.dep_}": 1.0,
        f"head={num.head.pos_}": 1.0,
        f"verb={verb.lemma_.lower()}": 1.0 if verb.pos_ in ("VERB", "AUX") else 0.0,
        f"timex={timex.type if timex else 'none'}": 1.0,
        f"bound={fig.bound}": 1.0,
        "hyphen_compound": float(nxt == "-" and noun is not None and noun.i > num.i),  # "three-judge panel"
        "spelled": float(not any(ch.isdigit() for ch in num.text)),
        "small": float(abs(fig.value) < 10),
        "log_value": min(6.0, math.log10(1 + abs(fig.value))) / 6,
        "in_quote": float(in_quote),
        "attributed": float(attributed),
        "figures_in_sentence": min(in_sentence, 5) / 5,
        "measures_nothing": float(unit is None),
    }


def number_candidates(document: Document, parsed: SpacyDoc) -> list[NumberCandidate]:
    """Every number of the text with what it measures and the claim model's features."""
    out = []
    for sent in parsed.sents:
        figures = figures_in(sent)
        attributed = bool(figures) and bool(speech_verbs(parsed, sent.start_char, sent.end_char))
        for fig in figures:
            noun, unit = _what_it_measures(fig, sent)
            reason = not_figure(fig.number, sent) or (NotFigure.LOCATING if noun is not None and locating(noun) else None)
            timex = next((t for t in document._timexes if t.start <= fig.number.idx < t.end), None)
            in_quote = any(a <= fig.number.idx < b for a, b in document._quoted)
            out.append(NumberCandidate(fig, noun, unit, reason, timex,
                                       _features(fig, noun, unit, reason, timex, in_quote, attributed, len(figures))))
    return out


def claim_probability(candidate: NumberCandidate, model: LinearModel | None = None) -> float:
    model = model or LinearModel.load(MODEL)
    return model.proba(candidate.features)[1]


def is_claim(candidate: NumberCandidate, model: LinearModel | None = None) -> bool:
    """A number is a claim when it measures something, no rule reason the training chose as a
    veto rejects it, and the model says so."""
    model = model or LinearModel.load(MODEL)
    if candidate.unit is None or (candidate.reason is not None and candidate.reason.name in model.meta["vetoes"]):
        return False
    return claim_probability(candidate, model) >= float(model.meta["threshold"])
