"""Extractive story summaries: a few source sentences that together cover the story's events
and figures, without saying the same thing twice. Each line is a sentence copied verbatim from a
document and cites its span; nothing is generated.
"""
from __future__ import annotations

from rapidfuzz import fuzz

from storyline.extract.vocab import Status
from storyline.model import Citation, Claim, Document, Event, Story, SummaryLine

MAX_LINES = 5
REDUNDANT = 60          # rapidfuzz token_set_ratio above which a sentence repeats a chosen one
MAX_SENTENCE_CHARS = 400
STATUS_WEIGHT = {Status.ASSERTED: 1.0, Status.PLANNED: 0.8, Status.ALLEGED: 0.5}  # any other status: 0.3


def summarise(story: Story, documents: dict[str, Document], events: list[Event], claims: list[Claim]) -> list[SummaryLine]:
    # what each candidate sentence covers: (doc, start, end) -> {item: weight}
    covers: dict[tuple[str, int, int], dict[str, float]] = {}
    for e in events:
        weight = len({m.document for m in e.mentions}) + len(e.mentions) * 0.2
        weight *= STATUS_WEIGHT.get(e.status, 0.3) * (1.5 if e.actors and e.recipients else 1.0)
        for m in e.mentions:
            covers.setdefault((m.document, m.sentence[0], m.sentence[1]), {})[e.id] = weight
    for c in claims:
        covers.setdefault((c.document, c.start, c.end), {})[c.id] = 1.0
    candidates = {k: v for k, v in covers.items()
                  if k[0] in documents and k[2] - k[1] <= MAX_SENTENCE_CHARS and not documents[k[0]].duplicate_of}
    chosen: list[tuple[str, int, int]] = []
    covered: set[str] = set()
    while len(chosen) < MAX_LINES:
        best, best_gain = None, 0.0
        for key, items in candidates.items():
            if key in chosen:
                continue
            text = documents[key[0]].text[key[1]:key[2]]
            if any(fuzz.token_set_ratio(text, documents[k[0]].text[k[1]:k[2]]) > REDUNDANT for k in chosen):
                continue
            gain = sum(w for item, w in items.items() if item not in covered)
            if gain > best_gain or (gain == best_gain and best is not None and key < best):
                best, best_gain = key, gain
        if best is None:
            break
        chosen.append(best)
        covered |= set(candidates[best])
    order = {d: i for i, d in enumerate(story.documents)}
    chosen.sort(key=lambda k: (_first_date(candidates[k], events), order.get(k[0], 0), k[1]))
    return [SummaryLine(documents[d].text[s:e].strip(), [Citation(d, s + _lead(documents[d].text[s:e]), s + len(documents[d].text[s:e].rstrip()))])
            for d, s, e in chosen]


def _lead(text: str) -> int:
    return len(text) - len(text.lstrip())


def _first_date(items: dict[str, float], events: list[Event]) -> str:
    dates = [e.date_range[0] for e in events if e.id in items and e.date_range]
    return min(dates, default="9999")
