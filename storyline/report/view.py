"""The one view model behind report.md, report.html and the web page.

It is built from the storyline.json dict rather than from pipeline objects, so a report can be
rebuilt or served from any finished OUT directory. Every citation is resolved here, once, to its
document title and evidence text; the renderers only lay things out and escape them.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import StrEnum

from storyline.extract.vocab import Status
from storyline.report.labels import ISO_DATE, date_label, safe_url, span_label, value_label, word_diff

NOUNS = {"documents": "document", "stories": "story", "events": "event", "claims": "claim", "quotes": "quote",
         "rejected": "rejected"}
QUAD = {0: "neutral", 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
        4: "material conflict"}


class Lane(StrEnum):
    """Where an event sits on a timeline: what the sources say happened, apart from the rest."""
    HAPPENED = "happened"
    OTHER = "planned, feared, alleged or denied"


@dataclass
class Cite:
    """One cited span. Identical spans share one Cite, so one number and one highlight in Sources."""
    n: int
    anchor: str           # html id of the highlighted span, or of its document when the span is unusable
    doc_anchor: str
    doc_title: str
    evidence: str         # document text[start:end]; "" when the span does not fit the document
    before: str = ""      # rest of the enclosing sentence, when the citation names one
    after: str = ""
    doc_id: str = ""
    start: int | None = None
    end: int | None = None
    sentence: tuple[int, int] | None = None  # the enclosing sentence's span, when the citation names one

    @property
    def target(self) -> str:
        """Id of the highlighted span in a document page: the sentence when known, else the span."""
        start, end = self.sentence or (self.start, self.end)
        return f"s{start}-{end}"


@dataclass
class DocView:
    id: str
    anchor: str
    title: str
    source: str
    url: str | None       # only ever an http(s) URL
    site: str | None
    author: str | None
    published: str        # human label; "undated" when unknown
    precision: str
    text: str
    spans: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, anchor) to highlight
    first: str | None = None  # ISO first and last day it may have been published
    last: str | None = None


@dataclass
class SummaryView:
    text: str
    cites: list[Cite]


@dataclass
class EventView:
    id: str
    type: str
    mode: str | None
    status: str
    quad_class: int | None
    quad_label: str
    cameo: str | None
    actors: list[str]
    recipients: list[str]
    date: str             # human label
    date_precision: str
    date_span: str        # ISO first/last day the date can mean, for a tooltip
    location: str | None
    attributes: list[tuple[str, str]]
    cites: list[Cite]
    first: str | None = None   # ISO first and last day the date can mean
    last: str | None = None
    articles: int = 0          # distinct documents reporting it
    sources: int = 0           # distinct sites (or files) among them

    @property
    def anchor(self) -> str:
        return f"ev-{self.id}"

    @property
    def lane(self) -> Lane:
        return Lane.HAPPENED if self.status == Status.ASSERTED else Lane.OTHER


@dataclass
class ClaimView:
    id: str
    label: str            # "C1": short name used by relations
    anchor: str
    subject: str
    value: str            # "~94,300 troops"
    kind: str
    as_of: str
    source: str | None
    relations: list[tuple[str, str, str]]  # (relation, other claim label, its anchor)
    disputed: bool
    cite: Cite
    number: float | None = None
    unit: str = ""
    first: str | None = None   # ISO first and last day of the as-of date
    last: str | None = None
    related: list[tuple[str, str]] = field(default_factory=list)  # (relation, other claim id)


@dataclass
class QuoteView:
    id: str
    speaker: str | None   # the name, else the unnamed source's description
    text: str
    said_on: str
    variants: list[Cite]
    kind: str = "direct"  # direct | partial | indirect
    words: list[list[tuple[str, bool]]] = field(default_factory=list)  # per variant: (word, differs from the first)

    @property
    def anchor(self) -> str:
        return f"quote-{self.id}"


@dataclass
class StoryView:
    id: str | None
    anchor: str
    title: str
    documents: list[DocView]
    summary: list[SummaryView] = field(default_factory=list)
    events: list[EventView] = field(default_factory=list)
    claims: list[ClaimView] = field(default_factory=list)
    quotes: list[QuoteView] = field(default_factory=list)

    @property
    def span(self) -> str:
        """When its documents were published, as a label: the coverage, not the history it recalls."""
        days = sorted(d for doc in self.documents for d in (doc.first, doc.last) if d)
        return span_label(days[0], days[-1]) if days else "undated"


@dataclass
class View:
    title: str
    stories: list[StoryView]
    sources: list[DocView]
    citations: list[Cite]
    rejected: list[tuple[str, str]]
    counts: list[tuple[int, str]]  # (2, "documents"), (1, "story"), ...


def build_view(data: dict) -> View:
    """storyline.json dict -> View: stories with their summary, timeline, claims and quotes."""
    docviews = {d["id"]: doc_view(d, f"d{i}") for i, d in enumerate(data.get("documents", []), 1)}
    cites = _Citations(docviews)
    stories = data.get("stories", [])
    story_of_doc = {d: s["id"] for s in stories for d in s.get("documents", [])}
    story_of_doc.update({d["id"]: d["story"] for d in data.get("documents", []) if d.get("story")})
    story_of_event = {e: s["id"] for s in stories for e in s.get("events", [])}

    def home(own: str | None, doc_ids: list[str]) -> str | None:
        return own or next((story_of_doc[d] for d in doc_ids if d in story_of_doc), None)

    views = {s["id"]: StoryView(s["id"], f"s{i}", s.get("title") or "Untitled story",
                                [docviews[d] for d in s.get("documents", []) if d in docviews])
             for i, s in enumerate(stories, 1)}
    orphans = StoryView(None, "s0", "Not assigned to a story", [])

    for s in stories:
        views[s["id"]].summary = [SummaryView(line.get("text", ""), [cites.get(c) for c in line.get("citations", [])])
                                  for line in s.get("summary", [])]
    for e in sorted(data.get("events", []), key=_event_order):
        story = home(e.get("story") or story_of_event.get(e["id"]), [m["document"] for m in e.get("mentions", [])])
        views.get(story, orphans).events.append(_eventview(e, cites, docviews))

    claims = data.get("claims", [])
    labels = {c["id"]: (f"C{i}", f"claim-{c['id']}") for i, c in enumerate(claims, 1)}
    disputed = {cid for c in claims for r in c.get("related", []) if r.get("relation") == "disagrees"
                for cid in (c["id"], r.get("claim"))}
    for c in claims:
        story = home(c.get("story"), [c["document"]])
        views.get(story, orphans).claims.append(_claimview(c, labels, c["id"] in disputed, cites))
    for q in data.get("quotes", []):
        mentions = q.get("mentions", [])
        story = home(q.get("story"), [m["document"] for m in mentions])
        views.get(story, orphans).quotes.append(QuoteView(
            q["id"], q.get("speaker") or q.get("speaker_description"), q.get("text", ""),
            date_label(q.get("said_on"), q.get("said_on_precision", "day"), q.get("said_on_range")),
            [cites.get(m) for m in mentions], q.get("kind", "direct"),
            word_diff([m.get("text") or "" for m in mentions])))

    story_views = list(views.values())
    if orphans.events or orphans.claims or orphans.quotes:
        story_views.append(orphans)
    listed = [d.id for s in story_views for d in s.documents]
    cited = {c.doc_anchor for c in cites.all}
    shown = dict.fromkeys(listed)
    sources = [docviews[i] for i in shown] + [v for v in docviews.values() if v.anchor in cited and v.id not in shown]
    counts = [(n, plural if n != 1 else singular) for plural, singular in NOUNS.items()
              if (n := len(data.get(plural, []))) or plural != "rejected"]
    title = stories[0].get("title", "Storyline") if len(stories) == 1 else f"Storyline: {len(stories)} stories"
    return View(title, story_views, sources, cites.all,
                [(r.get("source", ""), r.get("reason", "")) for r in data.get("rejected", [])], counts)


class _Citations:
    """Resolves spans to Cites, numbering each distinct span once and noting it for highlighting."""

    def __init__(self, docviews: dict[str, DocView]):
        self.docviews = docviews
        self.by_span: dict[tuple, Cite] = {}
        self.all: list[Cite] = []

    def get(self, span: dict) -> Cite:
        """`span` is any cited record: a citation, an event or quote mention (which may name its
        sentence), or a claim."""
        doc_id, start, end, sentence = span.get("document"), span.get("start"), span.get("end"), span.get("sentence")
        key = (doc_id, start, end)
        cite = self.by_span.get(key)
        if cite is None:
            dv = self.docviews.get(doc_id)
            text = dv.text if dv else ""
            ok = dv is not None and isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)
            n = len(self.all) + 1
            cite = Cite(n, f"c{n}" if ok else (dv.anchor if dv else ""), dv.anchor if dv else "",
                        dv.title if dv else f"unknown document {doc_id}", text[start:end] if ok else "",
                        doc_id=doc_id or "", start=start if ok else None, end=end if ok else None)
            if ok:
                dv.spans.append((start, end, cite.anchor))
            self.by_span[key] = cite
            self.all.append(cite)
        if cite.evidence and not (cite.before or cite.after) and sentence and len(sentence) == 2:
            s0, s1 = sentence
            text = self.docviews[doc_id].text
            if isinstance(s0, int) and isinstance(s1, int) and 0 <= s0 <= start and end <= s1 <= len(text):
                cite.before, cite.after = text[s0:start], text[end:s1]
                cite.sentence = (s0, s1)
        return cite


def doc_view(d: dict, anchor: str) -> DocView:
    """A storyline.json document as the report and the web app show it."""
    precision = d.get("published_precision") or "unknown"
    first, last = _days(d.get("published"), d.get("published_range"))
    return DocView(d["id"], anchor, d.get("title") or d.get("source") or d["id"], d.get("source") or "",
                   safe_url(d.get("url")) or safe_url(d.get("source")), d.get("site"), d.get("author"),
                   date_label(d.get("published"), precision, d.get("published_range")), precision,
                   d.get("text") or "", first=first, last=last)


def _eventview(e: dict, cites: _Citations, docviews: dict[str, DocView]) -> EventView:
    precision = e.get("date_precision") or "unknown"
    rng = e.get("date_range")
    span = " … ".join(dict.fromkeys(rng)) if rng else (e.get("date") or "")
    attrs = [(k.removesuffix("_minutes").replace("_", " "), _attr(k, v))
             for k, v in (e.get("attributes") or {}).items() if v not in (None, "", [], {})]
    return EventView(e["id"], e.get("type", ""), e.get("mode"), e.get("status", "asserted"), e.get("quad_class"),
                     QUAD.get(e.get("quad_class"), ""), e.get("cameo"), e.get("actors") or [],
                     e.get("recipients") or [], date_label(e.get("date"), precision, rng), precision, span,
                     e.get("location"), attrs, [cites.get(m) for m in e.get("mentions", [])],
                     *_days(e.get("date"), rng), *_reach(e.get("mentions", []), docviews))


def _reach(mentions: list[dict], docviews: dict[str, DocView]) -> tuple[int, int]:
    """(distinct documents, distinct sites) among an event's mentions; a document without a
    site counts as a source of its own."""
    docs = {m.get("document") for m in mentions}
    return len(docs), len({(dv.site or dv.source or dv.id) if (dv := docviews.get(d)) else d for d in docs})


def _days(date: str | None, rng: list | None) -> tuple[str | None, str | None]:
    """ISO first and last day a date can mean, or (None, None) when unknown."""
    if rng and len(rng) == 2 and all(isinstance(x, str) for x in rng):
        return rng[0][:10], rng[1][:10]
    if date and ISO_DATE.match(date) and len(date) >= 10:
        return date[:10], date[:10]
    return None, None


def _claimview(c: dict, labels: dict, disputed: bool, cites: _Citations) -> ClaimView:
    label, anchor = labels[c["id"]]
    relations = [(r.get("relation", ""), *labels.get(r.get("claim"), (str(r.get("claim")), "")))
                 for r in c.get("related", [])]
    return ClaimView(c["id"], label, anchor, c.get("subject", ""),
                     value_label(c.get("value"), c.get("unit", ""), c.get("approximate", False), c.get("kind", ""),
                                 c.get("bound")),
                     c.get("kind", ""),
                     date_label(c.get("as_of"), c.get("as_of_precision", "day"), c.get("as_of_range")),
                     c.get("source"), relations, disputed, cites.get(c), _number(c.get("value")),
                     c.get("unit") or "", *_days(c.get("as_of"), c.get("as_of_range")),
                     [(r.get("relation", ""), r.get("claim", "")) for r in c.get("related", [])])


def _number(value) -> float | None:
    try:
        v = float(value)
    except (TypeError, ValueError):
        return None
    return v if v == v and abs(v) != float("inf") else None


def _event_order(e: dict) -> tuple:
    """Timeline order: by the first day the date can mean, undated events last."""
    rng = e.get("date_range") or []
    first = (rng[0] if rng else None) or e.get("date")
    mention = (e.get("mentions") or [{}])[0]
    return (first is None, first or "", mention.get("document") or "", mention.get("start") or 0, e.get("id", ""))


def _attr(key: str, value) -> str:
    if key.endswith("_minutes") and isinstance(value, (int, float)):
        return f"{value:g} min"
    if isinstance(value, (list, tuple)):
        return ", ".join(map(str, value))
    return json.dumps(value, ensure_ascii=False) if isinstance(value, dict) else str(value)


