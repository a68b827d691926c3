"""Events: event mentions grouped into distinct real-world occurrences, within each story.

Two mentions can be one event when they have the same type, compatible participants (one set
holds the other; across documents, the same people named), no conflicting medium (a video call
is not a phone call), the same realis and at least one day they could both denote. Among the
events a mention can join, it joins the one it most probably names by the learned pair model
(`coref`: mean probability against the event's mentions, average linkage). Mentions are taken
most specific date first, so "on Tuesday" joins the event already pinned to "Tuesday, December
7, 2021" and not a later Tuesday. A mention without a usable date (no time expression, a
hypothetical one: "requested the call take place on Monday", or one relative to a document
dated only within years) joins the event of its own document it fits, else one elsewhere with
the same participants: the only one, or the likeliest when the model is confident (at least
its threshold).
"""
from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from storyline.cluster import coref
from storyline.extract.vocab import IRREALIS, REALIS_GROUP, Status
from storyline.learn import load_params
from storyline.model import Document, EventCandidate
from storyline.time.docdate import DAY_KINDS, DateBelief, Link, timex_days


@dataclass
class MentionRef:
    doc: str
    cand: EventCandidate
    days: frozenset[dt.date] | None
    participants: frozenset[str]
    order: int
    profile: coref.MentionProfile


@dataclass
class Cluster:
    type: str
    participants: set[str]
    medium: str | None
    days: frozenset[dt.date] | None
    mentions: list[MentionRef] = field(default_factory=list)
    docs: set[str] = field(default_factory=set)
    statuses: set[str] = field(default_factory=set)

    @property
    def realis(self) -> set[str]:
        return {REALIS_GROUP[s] for s in self.statuses}


def mention_days(doc: Document, cand: EventCandidate, belief: DateBelief | None) -> frozenset[dt.date] | None:
    if cand.timex is None or cand.status in IRREALIS or not belief or not belief.days:
        return None
    days = timex_days(doc, cand.timex, belief.days)
    return days or None


def _compatible_participants(a: set[str] | frozenset[str], b: set[str] | frozenset[str]) -> bool:
    return a <= b or b <= a


def _fits(c: Cluster, m: MentionRef, dated: bool) -> bool:
    """Whether `m` can be the event of cluster `c`, whatever the wording."""
    if c.type != m.cand.type:
        return False
    medium = m.cand.attributes.get("medium")
    if medium and c.medium and medium != c.medium:
        return False
    if REALIS_GROUP[m.cand.status] not in c.realis:
        return False  # "if Russia invades" is not the invasion of 2014 reported in the same text
    if m.days is None and m.cand.status == Status.PLANNED and Status.PLANNED not in c.statuses and m.doc not in c.docs:
        return False  # an undated plan elsewhere is not known to be this past act
    if m.doc not in c.docs and len(m.participants & c.participants) < min(2, len(m.participants) or 1):
        return False  # across documents, mentions must name the same participants
    if m.participants and c.participants and not _compatible_participants(m.participants, c.participants):
        return False
    return not (dated and c.days is not None and not c.days & m.days)


def _new_cluster(m: MentionRef) -> Cluster:
    c = Cluster(m.cand.type, set(), None, None)
    _add(c, m)
    return c


def _add(c: Cluster, m: MentionRef) -> None:
    c.mentions.append(m)
    c.docs.add(m.doc)
    c.statuses.add(m.cand.status)
    c.participants |= m.participants
    c.medium = c.medium or m.cand.attributes.get("medium")
    if m.days is not None:
        c.days = m.days if c.days is None else (c.days & m.days or c.days)


def _profile(doc: Document, cand: EventCandidate) -> coref.MentionProfile:
    a, b = cand.sentence
    text = doc.text[a:b]
    names = frozenset(e.canonical for e in doc._entities if a <= e.start and e.end <= b)
    return coref.MentionProfile(doc.id, a, cand.lemma, cand.vector, coref.sentence_words(text, doc.language or "en"),
                                names, coref.sentence_figures(text))


def cluster_events(documents: list[Document], beliefs: dict[str, DateBelief], params: dict | None = None,
                   threshold: float | None = None) -> list[Cluster]:
    """Cluster the event mentions of a set of documents (one story, duplicates excluded)."""
    params = params or load_params(coref.MODEL)
    threshold = params["meta"]["threshold"] if threshold is None else threshold
    refs = []
    for doc in documents:
        for cand in doc._events:
            if cand.plural:
                continue
            participants = cand.actors + cand.recipients
            if not participants and cand.type == "CONSULT":
                participants = doc._topic  # "the call" in an article about a call is that call
            refs.append(MentionRef(doc.id, cand, mention_days(doc, cand, beliefs.get(doc.id)),
                                   frozenset(participants), len(refs), _profile(doc, cand)))
    clusters: list[Cluster] = []

    def likeness(c: Cluster, m: MentionRef) -> float:
        return coref.mean_probability(m.profile, [x.profile for x in c.mentions], params)

    for m in sorted((r for r in refs if r.days), key=lambda r: (len(r.days), r.order)):
        fits = [c for c in clusters if _fits(c, m, dated=True)]
        if fits:
            _add(max(fits, key=lambda c: likeness(c, m)), m)
        else:
            clusters.append(_new_cluster(m))
    for m in sorted((r for r in refs if not r.days), key=lambda r: r.order):
        own = [c for c in clusters if m.doc in c.docs and _fits(c, m, dated=False)]
        if own:
            _add(max(own, key=lambda c: likeness(c, m)), m)
            continue
        others = [(likeness(c, m), c) for c in clusters if len(m.participants) >= 2
                  and c.participants == set(m.participants) and _fits(c, m, dated=False)]
        score, best = max(others, key=lambda sc: sc[0], default=(0.0, None))
        if best is not None and (len(others) == 1 or score >= threshold):
            _add(best, m)
        elif m.participants:
            clusters.append(_new_cluster(m))
    return clusters


def date_links(clusters: list[Cluster], documents: dict[str, Document]) -> list[Link]:
    """Pairs of day-level expressions in different documents that date the same event."""
    links = []
    for c in clusters:
        timed = [m for m in c.mentions if m.cand.timex is not None and m.cand.status not in IRREALIS
                 and documents[m.doc]._timexes[m.cand.timex].anchor["k"] in DAY_KINDS]
        for a in timed:
            for b in timed:
                if a.doc != b.doc:
                    links.append(Link(a.doc, a.cand.timex, b.doc, b.cand.timex))
    return sorted(set(links), key=lambda link: (link.doc, link.timex, link.other, link.other_timex))


def shared_events(clusters: list[Cluster]) -> dict[str, set[str]]:
    """Per document, the other documents reporting one of its (realis) events."""
    out: dict[str, set[str]] = defaultdict(set)
    for c in clusters:
        docs = {m.doc for m in c.mentions if m.cand.status not in IRREALIS}
        for d in docs:
            out[d] |= docs - {d}
    return dict(out)


def majority(values: list) -> list:
    """Values ordered by frequency, then first appearance."""
    counts = Counter(v for v in values if v)
    first = {v: i for i, v in reversed(list(enumerate(values)))}
    return sorted(counts, key=lambda v: (-counts[v], first[v]))
