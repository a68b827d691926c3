"""Numeric expressions in a parsed sentence: the figure's span, value, unit symbol and bound, and
why a number is not a figure at all (a time of day, a calibre, an age, part of a name).

"more than 14,000" is a lower bound of 14000; "$5 million" 5000000 dollars; "20 percent" 20
percent; "magnitude 6.1" and "a 6.1-magnitude quake" a magnitude of 6.1. What the figure counts
(the noun phrase) is the claims stage's business.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from enum import StrEnum

from spacy.tokens import Span, Token

from storyline.model import Bound


class NotFigure(StrEnum):
    """Why a number is not a figure a claim can be about."""
    TIME = "time of day or date"
    YEAR = "year"
    ORDINAL = "ordinal"
    AGE = "age"
    NAME = "part of a name or model number"
    ADDRESS = "address or phone number"
    TEMPERATURE = "temperature"
    REFERENCE = "reference to things already named"  # "the two leaders", "all seven continents"
    LOCATING = "distance that places something"  # "300 kilometers south of Tehran"


BOUND_PHRASES = {  # the words right before a figure, longest first when matched
    Bound.LOWER: ("more than", "greater than", "at least", "upwards of", "in excess of", "over", "no fewer than",
                  "no less than", "as few as"),
    Bound.UPPER: ("less than", "fewer than", "up to", "no more than", "at most", "as many as", "as much as", "under",
                  "below", "just under"),
    Bound.APPROXIMATE: ("about", "around", "roughly", "approximately", "nearly", "almost", "some", "an estimated",
                        "estimated", "close to", "circa", "approx.", "~", "around about", "some estimated"),
}
FRACTIONS = {"half": 50.0, "quarter": 25.0, "third": 100 / 3, "fifth": 20.0}  # "half of voters": a share in percent
VAGUE_PLURALS = {"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000, "millions": 2_000_000}  # "at least two"
UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
NUMBER_WORDS = {**{w: i + 1 for i, w in enumerate(UNITS)}, **{w: 20 + 10 * i for i, w in enumerate(TENS)},
                "hundred": 100, "dozen": 12}
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "mln": 1e6, "bn": 1e9, "m": 1e6,
          "dozen": 12, "hundred": 100}
CURRENCIES = {"$": "dollars", "us$": "dollars", "€": "euros", "£": "pounds", "¥": "yen", "dollars": "dollars",
              "dollar": "dollars", "euros": "euros", "euro": "euros", "pounds": "pounds", "rupees": "rupees",
              "yuan": "yuan", "rubles": "rubles", "roubles": "rubles"}
PERCENT = {"%", "percent", "per cent", "pct"}
CLOCK = {"a.m.", "p.m.", "am", "pm", "gmt", "utc", "est", "edt", "pst", "pdt", "cet", "bst", "et", "hrs", "o'clock"}
NAME_NOUNS = {"caliber", "calibre", "mm", "flight", "route", "channel", "apollo", "section", "page", "chapter",
              "version", "model", "highway", "interstate", "number", "no.", "room", "suite", "box", "district"}
STREETS = {"street", "st", "st.", "avenue", "ave", "ave.", "road", "rd", "rd.", "boulevard", "blvd", "lane", "drive",
           "way", "place", "court", "parkway", "highway"}
REFERRING = {"the", "these", "those", "all", "both", "its", "their", "his", "her", "our", "your", "my"}
DURATIONS = {"year", "month", "week", "day", "hour", "minute", "second", "decade", "century"}
_ORDINAL = re.compile(r"^\d+(st|nd|rd|th)$", re.I)
_CLOCK = re.compile(r"^\d{1,2}[:.]\d{2}$")
_PHONE = re.compile(r"\d{3}[-.]\d{4}")


@dataclass
class Figure:
    start: int            # the whole expression: bound words, currency, number, scale, percent
    end: int
    value: float
    unit: str | None      # from the expression itself: dollars, percent, magnitude; else the counted noun's
    bound: Bound
    number: Token         # the number or scale word whose head is the counted noun


def _number_value(tok: Token) -> float | None:
    raw = tok.text.lower().replace(",", "")
    if raw in NUMBER_WORDS:
        return float(NUMBER_WORDS[raw])
    if raw in VAGUE_PLURALS:
        return float(VAGUE_PLURALS[raw])
    try:
        return float(raw)
    except ValueError:
        return None


def _bound(before: str, number: Token) -> tuple[Bound, int]:
    """The bound the words before a figure give it, and where those words start in `before`."""
    for bound, phrases in BOUND_PHRASES.items():
        for phrase in phrases:
            m = re.search(r"(?<![\w])" + re.escape(phrase).replace(r"\ ", r"\s+") + r"\s*$", before, re.I)
            if m:
                return bound, m.start()
    plus = number.i + 1 < len(number.doc) and number.nbor(1).text == "+"
    return (Bound.LOWER if number.lower_ in VAGUE_PLURALS or plus else Bound.EXACT), len(before)


def not_figure(tok: Token, sent: Span) -> NotFigure | None:
    """The reason a number token is no figure, or None when it may be one."""
    text, low = tok.text, tok.lower_
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    prev = tok.nbor(-1) if tok.i > 0 else None
    nxt_low = nxt.lower_ if nxt is not None else ""
    if _CLOCK.match(text) or nxt_low in CLOCK or (nxt_low == ":" and tok.i + 2 < len(tok.doc) and tok.nbor(2).like_num):
        return NotFigure.TIME
    if _ORDINAL.match(text):
        return NotFigure.ORDINAL
    if re.fullmatch(r"1[89]\d\d|20\d\d", text) and not (prev is not None and prev.text in CURRENCIES):
        return NotFigure.YEAR
    if _PHONE.search(text) or (nxt is not None and nxt.pos_ == "PROPN" and tok.i + 2 < len(tok.doc)
                               and tok.nbor(2).lower_ in STREETS):
        return NotFigure.ADDRESS
    if "year-old" in tok.doc[tok.i:tok.i + 5].text.lower() or (prev is not None and prev.lower_ in ("aged", "age")):
        return NotFigure.AGE
    if prev is not None and prev.text == "," and prev.i > 0 and tok.doc[prev.i - 1].ent_type_ == "PERSON" \
            and nxt is not None and nxt.text == ",":
        return NotFigure.AGE  # "Eric Kirkpatrick, 61, opened fire"
    if re.search(r"[a-z]", low) and not any(low in words for words in (NUMBER_WORDS, VAGUE_PLURALS, FRACTIONS)):
        return NotFigure.NAME  # AK-47, G20, 9mm
    if prev is not None and (prev.text == "." or prev.lower_ in NAME_NOUNS or nxt_low in NAME_NOUNS):
        return NotFigure.NAME
    if prev is not None and prev.pos_ == "PROPN" and prev.dep_ == "compound" and tok.dep_ != "nummod":
        return NotFigure.NAME  # Boeing 737, Apollo 11
    if tok.dep_ in ("compound", "nummod", "appos") and tok.head.pos_ == "PROPN" and tok.head.i < tok.i:
        return NotFigure.NAME
    if nxt_low in ("degrees", "degree", "°", "°c", "°f"):
        return NotFigure.TEMPERATURE
    if prev is not None and prev.lower_ in REFERRING:
        return NotFigure.REFERENCE
    return None


def figure_at(tok: Token, sent: Span) -> Figure | None:
    """The figure whose last number token is `tok` (the caller walks the sentence's numbers)."""
    doc = tok.doc
    if tok.lower_ in FRACTIONS:
        if not (tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "of"):
            return None
        article = doc[tok.i - 1] if tok.i > sent.start and doc[tok.i - 1].lower_ in ("a", "one") else tok
        bound, at = _bound(sent.text[:article.idx - sent.start_char], tok)
        start = sent.start_char + at if at < article.idx - sent.start_char else article.idx
        return Figure(start, tok.idx + len(tok.text), FRACTIONS[tok.lower_], "percent", bound, tok)
    value = _number_value(tok)
    if value is None or not math.isfinite(value):
        return None  # "999...9" past a float's range is no figure anyone can check
    first = tok
    if tok.i - 2 >= sent.start and doc[tok.i - 1].text == "-" and doc[tok.i - 2].lower_ in TENS and tok.lower_ in UNITS:
        first = doc[tok.i - 2]  # "forty-three"
        value += NUMBER_WORDS[first.lower_]
    last = tok
    unit = None
    nxt = doc[tok.i + 1] if tok.i + 1 < sent.end else None
    if nxt is not None and nxt.lower_ in SCALES and not (nxt.lower_ == "m" and nxt.whitespace_ == ""):
        value *= SCALES[nxt.lower_]
        last = nxt
        nxt = doc[nxt.i + 1] if nxt.i + 1 < sent.end else None
    prev = doc[first.i - 1] if first.i > sent.start else None
    if prev is not None and prev.lower_ in CURRENCIES and prev.text in ("$", "US$", "€", "£", "¥"):
        unit, first = CURRENCIES[prev.lower_], prev
    elif nxt is not None and nxt.lower_ in CURRENCIES:
        unit, last = CURRENCIES[nxt.lower_], nxt
    elif nxt is not None and (nxt.lower_ in PERCENT or nxt.lower_ == "per" and nxt.i + 1 < len(doc) and doc[nxt.i + 1].lower_ == "cent"):
        unit, last = "percent", nxt if nxt.lower_ != "per" else doc[nxt.i + 1]
    elif (prev is not None and prev.lower_ == "of" and prev.i > 0 and doc[prev.i - 1].lower_ == "magnitude"):
        unit = "magnitude"  # "a magnitude of 6.1"
    elif (prev is not None and prev.lower_ == "magnitude") or (nxt is not None and "magnitude" in nxt.lower_) \
            or (nxt is not None and nxt.text == "-" and nxt.i + 1 < len(doc) and doc[nxt.i + 1].lower_ == "magnitude"):
        unit = "magnitude"
        if prev is not None and prev.lower_ == "magnitude":
            first = prev
    before = sent.text[:first.idx - sent.start_char]  # the sentence only: Doc.text rebuilds the whole text
    bound, at = _bound(before, tok)
    start = sent.start_char + at if at < len(before) else first.idx
    head = last if last.lower_ in SCALES else tok  # "2 million accounts": "million" holds the noun
    return Figure(start, last.idx + len(last.text), value, unit, bound, head)
