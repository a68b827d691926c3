"""Infer when each document was written, from its own text, and across documents only through
the events both report.

A document date D is chosen among candidate days by constraints, strongest first:

1. hard: a fully dated expression in a past-tense clause started on or before D; one in a
   future-tense clause ends on or after D ("will hold a call on Tuesday, December 7, 2021");
2. the prior window: D lies within a learned gap after the latest fully dated day, month or
   year the text reports (`time.prior.DatePrior`, quantiles fitted on dated news by
   `benchmarks/train_docdate.py`, so that the window holds the writing day at a stated rate).
   A text with no fully dated expression has no window of its own: its date is unknown;
3. soft, each kept only if some candidate survives it, in this order:
   - a bare weekday names the same day as a dated expression with that weekday elsewhere in the
     document ("on Tuesday" ... "Tuesday, December 7");
   - a date written without its year lies within about half a year of D, and, outside quotes, at
     least a week away from D: news style (AP) names days within a week by weekday;
   - links: an expression names the same day as an expression in another document that reports
     the same event (coreferent mentions), whose own candidate days are known;
   - week frame: the bare weekday names of one report fall within one week.

The result is a set of candidate days, reported as a day, a month, a year or a range, never as
a guess.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Callable

from storyline.model import DateEvidence, DateRole, Document, Timex
from storyline.time import resolve_timex
from storyline.time.expressions import AnchorKind
from storyline.time.prior import FUTURE, REFERENCE_DAY, DatePrior, anchor_of, is_explicit

NEAR_DAYS = 200    # a date without a year is within about half a year of the document date
AP_DAYS = 7        # days within a week are named by weekday, so a written date is further away
STORY_MARGIN = 45  # days around its story's dated reports a document with no evidence of its own may be written
PRECISE_DAYS = 31  # a document dated within fewer days than this can date the rest of its story
SPAN_OF_REFERENCE = 7  # a linked day-level expression ("on Tuesday") lies within a week of its writing day
MAX_ROUNDS = 6
RELATIVE_REACH_DAYS = 366  # beyond this uncertainty a relative expression ("on Tuesday") names no known day

DAY_KINDS = {AnchorKind.DATE, AnchorKind.WEEKDAY, AnchorKind.DAYREL}
DEICTIC_KINDS = {AnchorKind.WEEKDAY, AnchorKind.DAYREL}  # days named relative to the writing day itself


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


def own_window(doc: Document, prior: DatePrior, today: dt.date | None = None) -> tuple[dt.date, dt.date] | None:
    """Days the document could have been written, judged by its own text: the prior window
    around its anchor, inside its hard bounds, and not after `today` (the run's day)."""
    anchor = anchor_of(doc)
    if anchor is None:
        return None
    lo, hi = prior.window(anchor)
    hi = min(hi, today or dt.date.today())
    past, future = _bounds(doc)
    if past and past > lo:
        lo = past
    if future and future < hi:
        hi = future
    return (lo, hi) if lo <= hi else None


def _lo(t: Timex, d: dt.date) -> dt.date | None:
    """First day the expression names for document date `d`."""
    r = resolve_timex(t, d)
    return r.lo if r else None


def _days(lo: dt.date, hi: dt.date) -> list[dt.date]:
    return [lo + dt.timedelta(days=i) for i in range((hi - lo).days + 1)]


def _bounds(doc: Document) -> tuple[dt.date | None, dt.date | None]:
    """Hard bounds on the writing day: what past-tense clauses date began on or before it,
    what future-tense ones (outside quotes) date ends on or after it."""
    past = [r.lo for t in doc._timexes if is_explicit(t) and t.tense == "past"
            and (r := resolve_timex(t, REFERENCE_DAY))]
    future = [r.hi for t in doc._timexes if is_explicit(t) and t.tense == "future" and not t.in_quote
              and (r := resolve_timex(t, REFERENCE_DAY))]
    lo, hi = max(past, default=None), min(future, default=None)
    if lo and hi and lo > hi:
        hi = None  # contradictory: trust what already happened
    return lo, hi


def _hard(doc: Document, days: list[dt.date]) -> list[dt.date]:
    lo, hi = _bounds(doc)
    return [d for d in days if (lo is None or d >= lo) and (hi is None or d <= hi)]


def _soft_constraints(doc: Document) -> list[Callable[[dt.date], bool]]:
    tx = doc._timexes
    rules: list[Callable[[dt.date], bool]] = []

    named = [t for t in tx if t.anchor["k"] == AnchorKind.DATE and t.anchor.get("wd") is not None]
    bare = [t for t in tx if t.anchor["k"] == AnchorKind.WEEKDAY and not t.anchor.get("rel")]
    pairs = [(b, n) for b in bare for n in named if b.anchor["wd"] == n.anchor["wd"]]
    if pairs:
        rules.append(lambda d: all(_lo(b, d) == _lo(n, d) for b, n in pairs))

    yearless = [t for t in tx if t.anchor["k"] == AnchorKind.DATE and not t.anchor.get("y") and t.anchor.get("wd") is None]
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
    bare = [t for t in doc._timexes if t.anchor["k"] == AnchorKind.WEEKDAY and not t.anchor.get("rel")]
    if len(bare) < 2:
        return None

    def frame(d: dt.date) -> bool:
        days = [day for t in bare if (day := _lo(t, d))]
        return not days or (max(days) - min(days)).days <= 6
    return frame


def _deictic_past(doc: Document) -> list[Timex]:
    """The text's past-tense days named relative to its own date ("on Friday", "yesterday")."""
    return [t for t in doc._timexes if t.tense == "past" and t.anchor["k"] in DEICTIC_KINDS]


def latest_relative_day(doc: Document, d: dt.date) -> dt.date | None:
    """The latest day on or before `d` that the text names relative to its own date, in a
    past-tense clause, for writing day `d`."""
    days = [r.lo for t in _deictic_past(doc) if (r := resolve_timex(t, d)) and r.lo <= d]
    return max(days, default=None)


def _fresh(doc: Document, fresh_days: int | None) -> Callable[[dt.date], bool] | None:
    """A report is written within `fresh_days` of the latest day it names relative to itself."""
    if fresh_days is None or not _deictic_past(doc):
        return None

    def fresh(d: dt.date) -> bool:
        day = latest_relative_day(doc, d)
        return day is not None and (d - day).days <= fresh_days
    return fresh


def timex_days(doc: Document, index: int, candidates: list[dt.date]) -> frozenset[dt.date]:
    """Every day expression `index` may name, over the document's candidate dates (sorted);
    none for an expression relative to a document dated only within more than a year: "on
    Tuesday" in such a text names no day worth comparing."""
    t = doc._timexes[index]
    if not candidates:
        return frozenset()
    if is_explicit(t):  # the same days whatever the document date
        r = resolve_timex(t, REFERENCE_DAY)
        return frozenset(_days(r.lo, r.hi)) if r else frozenset()
    if (candidates[-1] - candidates[0]).days > RELATIVE_REACH_DAYS:
        return frozenset()
    out: set[dt.date] = set()
    for d in candidates:
        if r := resolve_timex(t, d):
            out.update(_days(r.lo, r.hi))
    return frozenset(out)


def _narrow(days: list[dt.date], rule: Callable[[dt.date], bool]) -> list[dt.date]:
    kept = [d for d in days if rule(d)]
    return kept or days


def infer_document(doc: Document, window: tuple[dt.date, dt.date],
                   links: list[tuple[int, frozenset[dt.date]]] = (), fresh_days: int | None = None) -> list[dt.date]:
    """Candidate writing days of one document inside `window`, given cross-document links
    (expression index -> the days it must name)."""
    days = _hard(doc, _days(*window)) or _days(*window)
    for rule in _soft_constraints(doc):
        days = _narrow(days, rule)
    for index, allowed in links:
        t = doc._timexes[index]
        days = _narrow(days, lambda d, t=t, allowed=allowed: (r := resolve_timex(t, d)) is not None
                       and any(day in allowed for day in _days(r.lo, r.hi)))
    for rule in (_week_frame(doc), _fresh(doc, fresh_days)):
        if rule:
            days = _narrow(days, rule)
    return days


def date_documents(documents: list[Document], prior: DatePrior | None = None) -> dict[str, DateBelief]:
    """Each document's candidate writing days from itself alone: its metadata date, kept as it
    is, or what its text allows (no entry when the text gives no window). A date the cleaner
    read from a short dated line of a text dump is kept only inside the window the rest of the
    text allows: such lines are body text ("debentures due March 1, 2011") as often as bylines
    (docdates.py, dumps without their bylines: none of 26 right)."""
    prior = prior or DatePrior.load()
    beliefs = {}
    for doc in documents:
        if doc.published_range and doc.published_from == "metadata":
            lo, hi = (dt.date.fromisoformat(x[:10]) for x in doc.published_range)
            beliefs[doc.id] = DateBelief(_days(lo, hi), doc.published_from, fixed=True)
        elif window := own_window(doc, prior):
            days = infer_document(doc, window, fresh_days=prior.fresh_days)
            if doc.published_range:
                byline = dt.date.fromisoformat(doc.published_range[0][:10])
                days = [byline] if days[0] <= byline <= days[-1] else days
            beliefs[doc.id] = DateBelief(days, "content")
    return beliefs


def _shared_window(shared: set[str], beliefs: dict[str, DateBelief], margin: int) -> tuple[dt.date, dt.date] | None:
    """For a document with no window of its own: the days of the documents reporting an event
    it reports too, widened by how long after an event reports of it appear (`margin`)."""
    days = [d for other in shared if (b := beliefs.get(other)) and b.days for d in (b.days[0], b.days[-1])]
    if not days:
        return None
    return min(days) - dt.timedelta(days=margin), max(days) + dt.timedelta(days=margin)


def refine(documents: list[Document], beliefs: dict[str, DateBelief], links: list[Link],
           shared: dict[str, set[str]] | None = None, prior: DatePrior | None = None,
           story_margin: int | None = STORY_MARGIN, today: dt.date | None = None) -> dict[str, DateBelief]:
    """The beliefs narrowed through the events documents share, repeated until nothing changes:
    `links` tie an expression to one of another report of the same event that names the same
    day; `shared` gives, per document, the documents reporting an event it reports too, whose
    dates bound a document that has no window of its own. A document with neither takes, as a
    last resort, the days of the other `documents` (one story) dated within a month, widened
    by `story_margin` (None: never). Metadata dates are never revised, and no day after `today`
    (the run's day) is a candidate. Returns new beliefs."""
    last_day = today or dt.date.today()
    prior = prior or DatePrior.load()
    margin = prior.gaps["day"][1]  # reports of an event appear within the learned gap after it
    beliefs = dict(beliefs)
    by_id = {d.id: d for d in documents}
    shared = {k: {o for o in v if o in by_id and o != k} for k, v in (shared or {}).items() if k in by_id}
    by_doc: dict[str, list[Link]] = defaultdict(list)
    for link in links:
        if link.doc in by_id and link.other in by_id:
            by_doc[link.doc].append(link)
    touched = set(by_id) if story_margin is not None else set(by_doc) | {k for k, v in shared.items() if v}
    own = {doc_id: own_window(by_id[doc_id], prior) for doc_id in touched}
    for _ in range(MAX_ROUNDS):
        changed = False
        for doc_id in sorted(touched):
            if beliefs.get(doc_id, DateBelief()).fixed:
                continue
            partner = [(link.timex, timex_days(by_id[link.other], link.other_timex, other.days))
                       for link in by_doc[doc_id] if (other := beliefs.get(link.other)) and other.days]
            doc = by_id[doc_id]
            around = _shared_window(shared.get(doc_id, set()), beliefs, margin)
            if around is None and story_margin is not None:
                precise = {k for k, b in beliefs.items() if k in by_id and k != doc_id and b.days
                           and (b.days[-1] - b.days[0]).days < PRECISE_DAYS}
                around = _shared_window(precise, beliefs, story_margin)
            window = _within(own[doc_id], around)
            if window is None:
                continue
            if not _links_hold(window, partner):  # what the same event's other reports say falls outside it
                window = next((w for w in (around, _link_window(partner)) if w and _links_hold(w, partner)), window)
            window = (window[0], min(window[1], last_day))  # nothing is written after the run
            if window[0] > window[1]:
                continue
            days = infer_document(doc, window, partner, prior.fresh_days)
            if beliefs.get(doc_id) is None or beliefs[doc_id].days != days:
                beliefs[doc_id] = DateBelief(days, "inferred" if window != own[doc_id] or partner else "content")
                changed = True
        if not changed:
            break
    return beliefs


def _link_window(partner: list[tuple[int, frozenset[dt.date]]]) -> tuple[dt.date, dt.date] | None:
    """The days around those that linked expressions name: a date without its year, the widest
    of them, lies within NEAR_DAYS of the writing day."""
    named = [day for _, days in partner for day in days]
    if not named:
        return None
    return min(named) - dt.timedelta(days=NEAR_DAYS), max(named) + dt.timedelta(days=NEAR_DAYS)


def _within(own: tuple[dt.date, dt.date] | None, around: tuple[dt.date, dt.date] | None) -> tuple[dt.date, dt.date] | None:
    """A document's own window narrowed to the days of the reports around it when the two meet."""
    if own is None or around is None:
        return own or around
    lo, hi = max(own[0], around[0]), min(own[1], around[1])
    return (lo, hi) if lo <= hi else own


def _links_hold(window: tuple[dt.date, dt.date], partner: list[tuple[int, frozenset[dt.date]]]) -> bool:
    lo, hi = window
    return all(not days or any(lo - dt.timedelta(days=SPAN_OF_REFERENCE) <= d <= hi + dt.timedelta(days=SPAN_OF_REFERENCE)
                               for d in days) for _, days in partner)


def windows_of(beliefs: dict[str, DateBelief]) -> dict[str, tuple[dt.date, dt.date]]:
    """First and last candidate day of each dated document."""
    return {k: (b.days[0], b.days[-1]) for k, b in beliefs.items() if b.days}


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


def dated(doc: Document, belief: DateBelief | None) -> Document:
    """The document with its inferred publication date (a metadata date is left as it is)."""
    if belief is None:
        return doc if doc.published_from == "metadata" else dataclasses.replace(
            doc, published=None, published_precision="unknown", published_range=None, published_from=None)
    if belief.fixed:
        return doc
    published, precision, rng = describe(belief.days)
    return dataclasses.replace(doc, published=published, published_precision=precision, published_range=rng,
                               published_from=belief.source if belief.days else None,
                               date_evidence=date_evidence(doc) if belief.days else [])


def date_evidence(doc: Document) -> list[DateEvidence]:
    """The expressions that bounded the writing day from the text itself: those giving the
    anchor day the prior window is measured from, and the dated past- and future-tense clauses
    that set the hard bounds (`_bounds`). Links to other reports narrow it further; those are
    the other reports' evidence, not this text's."""
    anchor = anchor_of(doc)
    lo, hi = _bounds(doc)
    out = []
    for t in doc._timexes:
        if not is_explicit(t) or not (r := resolve_timex(t, REFERENCE_DAY)):
            continue
        if anchor and r.lo == anchor[1] and (t.tense == "future") == (anchor[0] == FUTURE):
            out.append(DateEvidence(t.start, t.end, DateRole.ANCHOR))
        elif lo and t.tense == "past" and r.lo == lo:
            out.append(DateEvidence(t.start, t.end, DateRole.NOT_BEFORE))
        elif hi and t.tense == "future" and not t.in_quote and r.hi == hi:
            out.append(DateEvidence(t.start, t.end, DateRole.NOT_AFTER))
    return out
