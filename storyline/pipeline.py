"""The stage list and how results flow between stages; no engine details.

Per-document stages (`process`) are a pure function RawItem -> Document, run as a parallel map
by an engine. Cross-document stages (`reduce`) are pure functions too: the global steps return
maps (duplicates, each document's own dates, stories, the name index), then `reduce_story` turns
the documents of one story into its events, claims, quotes, summary and refined dates, so that
it can run as a grouped reduction (one story per group) on any engine.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from storyline import nlp
from storyline import time as timex
from storyline.clean import EmptyDocument, clean
from storyline.cluster.events import cluster_events, date_links, shared_events
from storyline.cluster.stories import cluster_stories
from storyline.dedupe import find_duplicates
from storyline.extract import annotate as extract_candidates
from storyline.extract import quoted_regions
from storyline.merge import NameIndex, build_claims, build_events, build_quotes
from storyline.model import Claim, Document, Event, Quote, RawItem, Rejection, Result, Story, SummaryLine
from storyline.nlp.entities import canonicalise_corpus
from storyline.summarize import summarise
from storyline.time.docdate import DateBelief, date_documents, dated, refine, windows_of
from storyline.time.prior import DatePrior

REFINE_ROUNDS = 2  # cluster events, refine dates through coreferent events, cluster again


def process(item: RawItem) -> Document | Rejection:
    """All per-document stages: clean -> nlp -> quotes' regions -> time expressions -> candidates."""
    try:
        document = clean(item)
    except EmptyDocument as exc:
        return Rejection(item.source, str(exc))
    if document.language != "en" or document.page_type not in ("article", "unknown"):
        return document  # kept and listed, but English-news-only stages are skipped
    parsed = nlp.annotate(document)
    document._quoted = quoted_regions(document.text)
    timex.annotate(document, parsed)
    extract_candidates(document, parsed)
    return document


@dataclass
class StoryResult:
    """What one story's documents yield: its records and its documents' refined dates."""
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    summary: list[SummaryLine] = field(default_factory=list)
    beliefs: dict[str, DateBelief] = field(default_factory=dict)


def reduce_story(story: Story, documents: list[Document], names: NameIndex, beliefs: dict[str, DateBelief],
                 prior: DatePrior | None = None, rounds: int = REFINE_ROUNDS) -> StoryResult:
    """Events, claims, quotes and summary of one story from its original documents (duplicates
    left out), given each document's own dates. Dates flow between documents only through
    events both report: the expressions dating coreferent mentions are linked, a document with no
    date of its own is bounded by the reports it shares an event with, and the events are
    clustered again with the refined dates."""
    beliefs = {d.id: beliefs[d.id] for d in documents if d.id in beliefs}
    by_id = {d.id: d for d in documents}
    for _ in range(rounds):
        clusters = cluster_events(documents, beliefs)
        beliefs = refine(documents, beliefs, date_links(clusters, by_id), shared_events(clusters), prior)
    events = build_events(cluster_events(documents, beliefs), story.id, names)
    story_of = {d.id: story.id for d in documents}
    claims = build_claims(documents, beliefs, story_of, names)
    quotes = build_quotes(documents, beliefs, story_of, names)
    summary = summarise(story, by_id, events, claims)
    return StoryResult(events, claims, quotes, summary, beliefs)


def reduce(documents: list[Document], rejected: list[Rejection], prior: DatePrior | None = None) -> Result:
    """All cross-document stages."""
    prior = prior or DatePrior.load()
    documents = _unique(documents)
    duplicate_of = find_duplicates(documents)
    originals, _ = canonicalise_corpus([d for d in documents if d.id not in duplicate_of])
    renamed = {d.id: d for d in originals}
    documents = [renamed.get(d.id, d) for d in documents]
    own_dates = date_documents(originals, prior)
    stories = cluster_stories(documents, duplicate_of, windows_of(own_dates))
    names = NameIndex(originals)
    by_id = {d.id: d for d in documents}
    results = {s.id: reduce_story(s, [by_id[i] for i in s.documents if i not in duplicate_of], names, own_dates, prior)
               for s in stories}
    story_of = {i: s.id for s in stories for i in s.documents}
    beliefs = {k: b for r in results.values() for k, b in r.beliefs.items()}
    out = []
    for doc in documents:
        original = duplicate_of.get(doc.id)
        belief = beliefs.get(doc.id)
        if original and doc.published is None and (copied := beliefs.get(original)):
            belief = dataclasses.replace(copied, source="inferred", fixed=False)  # a reprint appeared with its original
        out.append(dated(dataclasses.replace(doc, duplicate_of=original, story=story_of.get(doc.id)), belief))
    stories = [dataclasses.replace(s, events=[e.id for e in results[s.id].events], summary=results[s.id].summary)
               for s in stories]
    return Result(documents=out, stories=stories,
                  events=[e for s in stories for e in results[s.id].events],
                  claims=[c for s in stories for c in results[s.id].claims],
                  quotes=[q for s in stories for q in results[s.id].quotes], rejected=rejected)


def _unique(documents: list[Document]) -> list[Document]:
    """The same content read twice (same id) is one document."""
    seen, out = set(), []
    for d in documents:
        if d.id not in seen:
            seen.add(d.id)
            out.append(d)
    return out
