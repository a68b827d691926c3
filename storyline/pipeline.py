"""The stage list and how results flow between stages; no engine details.

Per-document stages (`process`) are a pure function RawItem -> Document, run as a parallel map
by an engine. Cross-document stages (`reduce`) take all documents: dedupe -> stories -> document
dates -> events (clustered, then dates refined through the events they share, then clustered
again) -> claims, quotes -> summaries.
"""
from __future__ import annotations

from storyline import nlp
from storyline import time as timex
from storyline.clean import EmptyDocument, clean
from storyline.cluster.events import cluster_events, date_links
from storyline.cluster.stories import cluster_stories
from storyline.dedupe import mark_duplicates
from storyline.extract import annotate as extract_candidates
from storyline.extract import quoted_regions
from storyline.merge import NameIndex, build_claims, build_events, build_quotes
from storyline.model import Document, RawItem, Rejection, Result
from storyline.nlp.entities import canonicalise_corpus
from storyline.summarize import summarise
from storyline.time.docdate import apply_beliefs, infer_corpus

REFINE_ROUNDS = 2  # cluster events, refine dates through shared events, cluster again


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


def reduce(documents: list[Document], rejected: list[Rejection]) -> Result:
    """All cross-document stages."""
    documents = _unique(documents)
    mark_duplicates(documents)
    canonicalise_corpus(documents)
    stories = cluster_stories(documents)
    story_of = {d.id: d.story for d in documents}
    originals = [d for d in documents if not d.duplicate_of]
    by_id = {d.id: d for d in documents}
    names = NameIndex(originals)

    members = {s.id: [by_id[i] for i in s.documents if not by_id[i].duplicate_of] for s in stories}

    def cluster_all(beliefs):
        return {story: cluster_events(docs, beliefs) for story, docs in members.items()}

    beliefs = infer_corpus(originals, story_of)
    for _ in range(REFINE_ROUNDS):
        links = [link for clusters in cluster_all(beliefs).values() for link in date_links(clusters, by_id)]
        beliefs = infer_corpus(originals, story_of, links, beliefs)
    clusters_by_story = cluster_all(beliefs)
    apply_beliefs(originals, beliefs)
    for doc in documents:
        if doc.duplicate_of and doc.published is None:
            original = by_id[doc.duplicate_of]
            doc.published, doc.published_precision = original.published, original.published_precision
            doc.published_range, doc.published_from = original.published_range, original.published_from and "inferred"

    events = [e for s in stories for e in build_events(clusters_by_story[s.id], s.id, names)]
    claims = build_claims(originals, beliefs, story_of, names)
    quotes = build_quotes(originals, beliefs, story_of, names)
    for story in stories:
        story.events = [e.id for e in events if e.story == story.id]
        story.summary = summarise(story, by_id, [e for e in events if e.story == story.id],
                                  [c for c in claims if c.story == story.id])
    return Result(documents=documents, stories=stories, events=events, claims=claims, quotes=quotes, rejected=rejected)


def _unique(documents: list[Document]) -> list[Document]:
    """The same content read twice (same id) is one document."""
    seen, out = set(), []
    for d in documents:
        if d.id not in seen:
            seen.add(d.id)
            out.append(d)
    return out

