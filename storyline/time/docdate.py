"""Infer when each document was written, from its own time expressions and from its story.

A document date D is chosen among candidate days by constraints, strongest first:

1. hard: a dated expression in a past-tense clause started on or before D; one in a future-tense
   clause ends on or after D ("will hold a call on Tuesday, December 7, 2021" -> D <= Dec 7);
2. soft, each kept only if some candidate survives it, in this order:
   - a dated expression whose tense is unclear (captions, datelines) is not after D;
   - a bare weekday names the same day as a dated expression with that weekday elsewhere in the
     document ("on Tuesday" ... "Tuesday, December 7");
   - a date written without its year lies within about half a year of D, and, outside quotes, at
     least a week away from D: news style (AP) names days within a week by weekday;
   - links: an expression names the same day as an expression in another document (both date the
     same event, or the same quote), whose own candidate days are known;
   - week frame: the bare weekday names of one report fall within one week;
   - freshness: the latest past day the document reports is D or the day before.

Documents with no dated expression of their own take candidates from their story's other
documents. The constraints are re-applied until the links stop narrowing anything. The result
is a set of candidate days, reported as a day, a month, a year or a range, never as a guess.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Callable, Iterable

from storyline.model import Document, Timex
from storyline.time import resolve_timex

NEAR_DAYS = 200    # a date without a year is within about half a year of the document date
AP_DAYS = 7        # days within a week are named by weekday, so a written date is further away
FRESH_DAYS = 1     # a report appears the day of, or the day after, the latest day it reports
SPAN_DAYS = 366    # how far from a dated expression a document may be written
STORY_MARGIN = 45  # how far from its story's other documents an undated document may be written
MAX_ROUNDS = 6

DAY_KINDS = {"date", "weekday", "dayrel"}


@dataclass
class DateBelief:
    days: list[dt.date] | None = None   # candidate document dates, sorted; None = unknown
    source: str | None = None           # metadata | content | inferred
    fixed: bool = False                 # from metadata: never revised


@dataclass(frozen=True)
class Link:
    """Expression `timex` of document `doc` names the same day as `other_timex` of `other`."""
    doc: str
    timex: int
    other: str
    other_timex: int


def _explicit(t: Timex) -> bool:
    return t.anchor["k"] in ("date", "month", "year") and bool(t.anchor.get("y"))


def own_window(doc: Document) -> tuple[dt.date, dt.date] | None:
    """Days the document could have been written, judged by its fully dated expressions of a
    day or a month (a bare year, "the 2014 annexation", may be history and only bounds below)."""
    dated = [resolve_timex(t, dt.date(2000, 1, 1)) for t in doc._timexes if _explicit(t) and t.anchor["k"] != "year"]
    dated = [r for r in dated if r]
    if not dated:
        return None
    lo = max(r.lo for r in dated) - dt.timedelta(days=SPAN_DAYS)
    hi = max(r.hi for r in dated) + dt.timedelta(days=SPAN_DAYS)
    return lo, hi


def _lo(t: Timex, d: dt.date) -> dt.date | None:
    """First day the expression names for document date `d`."""
    r = resolve_timex(t, d)
    return r.lo if r else None


def _days(lo: dt.date, hi: dt.date) -> list[dt.date]:
    return [lo + dt.timedelta(days=i) for i in range((hi - lo).days + 1)]


def _hard(doc: Document, days: list[dt.date]) -> list[dt.date]:
    past = [r.lo for t in doc._timexes if _explicit(t) and t.tense == "past" and (r := resolve_timex(t, days[0]))]
    future = [r.hi for t in doc._timexes if _explicit(t) and t.tense == "future" and not t.in_quote
              and (r := resolve_timex(t, days[0]))]
    lo, hi = max(past, default=None), min(future, default=None)
    if lo and hi and lo > hi:
        hi = None  # contradictory: trust what already happened
    return [d for d in days if (lo is None or d >= lo) and (hi is None or d <= hi)]


def _soft_constraints(doc: Document) -> list[Callable[[dt.date], bool]]:
    tx = doc._timexes
    rules: list[Callable[[dt.date], bool]] = []

    undated_tense = [t for t in tx if _explicit(t) and t.tense in ("unknown", "present")]
    if undated_tense:
        rules.append(lambda d: all((_lo(t, d) or d) <= d for t in undated_tense))

    named = [t for t in tx if t.anchor["k"] == "date" and t.anchor.get("wd") is not None]
    bare = [t for t in tx if t.anchor["k"] == "weekday" and not t.anchor.get("rel")]
    pairs = [(b, n) for b in bare for n in named if b.anchor["wd"] == n.anchor["wd"]]
    if pairs:
        rules.append(lambda d: all(_lo(b, d) == _lo(n, d) for b, n in pairs))

    yearless = [t for t in tx if t.anchor["k"] == "date" and not t.anchor.get("y") and t.anchor.get("wd") is None]
    if yearless:
        def near(d: dt.date) -> bool:
            for t in yearless:
                gap = abs(((_lo(t, d) or d) - d).days)
                if gap > NEAR_DAYS or (not t.in_quote and gap < AP_DAYS):
                    return False
            return True
        rules.append(near)
    return rules


def _week_frame(doc: Document) -> Callable[[dt.date], bool] | None:
    """Bare weekday names in one report all fall inside one week: "on Saturday" (past) and "on
    Tuesday" (future) cannot be ten days apart."""
    bare = [t for t in doc._timexes if t.anchor["k"] == "weekday" and not t.anchor.get("rel")]
    if len(bare) < 2:
        return None

    def frame(d: dt.date) -> bool:
        days = [day for t in bare if (day := _lo(t, d))]
        return not days or (max(days) - min(days)).days <= 6
    return frame


def _freshness(doc: Document) -> Callable[[dt.date], bool] | None:
    reported = [t for t in doc._timexes if t.anchor["k"] in DAY_KINDS and t.tense == "past"]
    if not reported:
        return None

    def fresh(d: dt.date) -> bool:
        days = [r.lo for t in reported if (r := resolve_timex(t, d)) and r.lo <= d]
        return bool(days) and (d - max(days)).days <= FRESH_DAYS
    return fresh


def timex_days(doc: Document, index: int, candidates: Iterable[dt.date]) -> frozenset[dt.date]:
    """Every day expression `index` may name, over the document's candidate dates."""
    t = doc._timexes[index]
    out: set[dt.date] = set()
    for d in candidates:
        r = resolve_timex(t, d)
        if r:
            out.update(_days(r.lo, r.hi))
    return frozenset(out)


def _narrow(days: list[dt.date], rule: Callable[[dt.date], bool]) -> list[dt.date]:
    kept = [d for d in days if rule(d)]
    return kept or days


def infer_document(doc: Document, window: tuple[dt.date, dt.date],
                   links: list[tuple[int, frozenset[dt.date]]] = ()) -> list[dt.date]:
    """Candidate writing days of one document inside `window`, given cross-document links
    (expression index -> the days it must name)."""
    days = _hard(doc, _days(*window)) or _days(*window)
    for rule in _soft_constraints(doc):
        days = _narrow(days, rule)
    for index, allowed in links:
        t = doc._timexes[index]
        days = _narrow(days, lambda d, t=t, allowed=allowed: (r := resolve_timex(t, d)) is not None
                       and any(day in allowed for day in _days(r.lo, r.hi)))
    for rule in (_week_frame(doc), _freshness(doc)):
        if rule:
            days = _narrow(days, rule)
    return days


def infer_corpus(documents: list[Document], story_of: dict[str, str | None],
                 links: list[Link] = (), beliefs: dict[str, DateBelief] | None = None) -> dict[str, DateBelief]:
    """Candidate dates for every document; metadata dates are kept as they are."""
    beliefs = dict(beliefs or {})
    by_id = {d.id: d for d in documents}
    for doc in documents:
        if doc.published_range and doc.id not in beliefs:  # metadata or the page's own byline
            lo, hi = (dt.date.fromisoformat(x[:10]) for x in doc.published_range)
            beliefs[doc.id] = DateBelief(_days(lo, hi), doc.published_from, fixed=True)
    own = {d.id: own_window(d) for d in documents}
    by_doc: dict[str, list[Link]] = defaultdict(list)
    for link in links:
        by_doc[link.doc].append(link)
    for _ in range(MAX_ROUNDS):
        changed = False
        windows = _story_windows([d for d in documents if own[d.id] or beliefs.get(d.id, DateBelief()).fixed],
                                 story_of, beliefs)
        for doc in documents:
            if beliefs.get(doc.id, DateBelief()).fixed:
                continue
            window = own[doc.id] or windows.get(story_of.get(doc.id))
            if window is None:
                continue
            partner = []
            for link in by_doc[doc.id]:
                other = beliefs.get(link.other)
                if other and other.days and link.other in by_id:
                    partner.append((link.timex, timex_days(by_id[link.other], link.other_timex, other.days)))
            days = infer_document(doc, window, partner)
            source = "inferred" if partner or own[doc.id] is None else "content"
            old = beliefs.get(doc.id)
            if old is None or old.days != days:
                beliefs[doc.id] = DateBelief(days, source)
                changed = True
        if not changed:
            break
    return beliefs


def _story_windows(documents: list[Document], story_of: dict[str, str | None],
                   beliefs: dict[str, DateBelief]) -> dict[str, tuple[dt.date, dt.date]]:
    """Per story, the hull of its dated documents' candidate days, widened by a margin."""
    hull: dict[str, list[dt.date]] = {}
    for doc in documents:
        b, story = beliefs.get(doc.id), story_of.get(doc.id)
        if story is None or not b or not b.days:
            continue
        lo, hi = b.days[0], b.days[-1]
        cur = hull.setdefault(story, [lo, hi])
        cur[0], cur[1] = min(cur[0], lo), max(cur[1], hi)
    margin = dt.timedelta(days=STORY_MARGIN)
    return {s: (lo - margin, hi + margin) for s, (lo, hi) in hull.items()}


def describe(days: list[dt.date] | None) -> tuple[str | None, str, list[str] | None]:
    """(ISO value, precision, [first, last]) for a set of candidate days, per the contract."""
    if not days:
        return None, "unknown", None
    lo, hi = days[0], days[-1]
    rng = [lo.isoformat(), hi.isoformat()]
    if lo == hi:
        return lo.isoformat(), "day", rng
    month_end = (hi + dt.timedelta(days=1)).day == 1
    if lo.day == 1 and month_end and (lo.year, lo.month) == (hi.year, hi.month):
        return f"{lo:%Y-%m}", "month", rng
    if (lo.month, lo.day, hi.month, hi.day) == (1, 1, 12, 31) and lo.year == hi.year:
        return f"{lo:%Y}", "year", rng
    return f"{lo.isoformat()}/{hi.isoformat()}", "range", rng


def apply_beliefs(documents: list[Document], beliefs: dict[str, DateBelief]) -> None:
    """Write inferred publication dates into the documents, and each time expression's TIMEX3
    value wherever the candidate dates agree on it."""
    for doc in documents:
        belief = beliefs.get(doc.id)
        if belief is None:
            continue
        if not belief.fixed:
            doc.published, doc.published_precision, doc.published_range = describe(belief.days)
            doc.published_from = belief.source if belief.days else None
        for t in doc._timexes if belief.days else ():
            values = {r.value for d in belief.days if (r := resolve_timex(t, d))}
            if len(values) == 1:
                t.value = values.pop()
