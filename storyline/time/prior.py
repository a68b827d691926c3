"""The document-date prior: how far the writing day of a news text lies from what it reports.

Learned from dated news with its date lines removed (`benchmarks/train_docdate.py`, shipped as
`models/docdate.json`): per kind of anchor, the 5-95% quantiles of the gap between the writing
day and the anchor's first day, and how many days a report is written after the latest day it
names relative to itself. `docdate` turns them into windows and constraints.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from storyline.learn import load_params
from storyline.model import Document, Timex
from storyline.time import resolve_timex
from storyline.time.expressions import AnchorKind

MODEL = "docdate"
EXPLICIT_KINDS = {AnchorKind.DATE, AnchorKind.MONTH, AnchorKind.YEAR}  # fully dated when their year is given
REFERENCE_DAY = dt.date(2000, 1, 1)  # any day: a fully dated expression resolves the same against all


def is_explicit(t: Timex) -> bool:
    """A fully dated expression: its days need no document date."""
    return t.anchor["k"] in EXPLICIT_KINDS and bool(t.anchor.get("y"))


@dataclass(frozen=True)
class DatePrior:
    """How far the writing day lies from what the text reports, learned from dated news.

    `gaps`: per kind of anchor (the latest fully dated day, month or year reported; failing
    one, the earliest announced in the future), the (low, high) quantiles of
    the writing day minus the anchor's first day. `fresh_days`: the high quantile of the days
    between the latest day a report names relative to itself ("on Friday", "yesterday") and the
    day it was written."""
    gaps: dict[str, tuple[int, int]]
    fresh_days: int

    @classmethod
    def load(cls) -> "DatePrior":
        params = load_params(MODEL)
        return cls({k: (int(lo), int(hi)) for k, (lo, hi) in params["gaps"].items()}, int(params["fresh_days"]))

    def window(self, anchor: tuple[str, dt.date]) -> tuple[dt.date, dt.date]:
        kind, first = anchor
        lo, hi = self.gaps[kind]
        return first + dt.timedelta(days=lo), first + dt.timedelta(days=hi)


ANCHOR_KINDS = {AnchorKind.DATE: "day", AnchorKind.MONTH: "month", AnchorKind.YEAR: "year"}
FUTURE = "future"  # the kind of an anchor the text announces (few texts have one: one kind for all)


def anchor_of(doc: Document) -> tuple[str, dt.date] | None:
    """(kind, first day) of the reference the writing day is measured from: the latest fully
    dated expression the text does not put in the future (a day or month wins over a bare year
    unless the year is later: "the 2014 annexation" is history, "in 2022" in a 2022 text is
    not), else the earliest one it announces (kind FUTURE)."""
    past: dict[str, dt.date] = {}
    future: dict[str, dt.date] = {}
    for t in doc._timexes:
        if not is_explicit(t) or not (r := resolve_timex(t, REFERENCE_DAY)):
            continue
        kind = ANCHOR_KINDS[t.anchor["k"]]
        if t.tense == "future":  # quoted too: an announcement is news when reported
            future[kind] = min(future.get(kind, r.lo), r.lo)
        else:
            past[kind] = max(past.get(kind, r.lo), r.lo)
    precise = max(((k, past[k]) for k in ("day", "month") if k in past), key=lambda kv: kv[1], default=None)
    if "year" in past and (precise is None or past["year"].year > precise[1].year):
        return "year", past["year"]
    if precise or not future:
        return precise
    return FUTURE, min(future.values())
