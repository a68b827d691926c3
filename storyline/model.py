"""Plain typed records shared by every stage.

A `Document` plays the role of spaCy's `Doc`: each per-document stage reads it and adds to it.
Per-document annotations (sentences, entities, time expressions, event/claim/quote candidates) are
plain records, not spaCy objects, so documents pickle cheaply between worker processes and Spark
executors. Cross-document stages turn candidates into the contract's `Event`, `Claim`, `Quote` and
`Story` records. `to_dict()` gives exactly the JSON shape fixed in CONTRACT.md.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


def _public(obj: Any) -> dict:
    """Dataclass -> dict without private (underscore) fields."""
    return {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj) if not f.name.startswith("_")}


@dataclass
class Removed:
    """A piece of the raw page dropped by the clean stage, and why."""
    text: str
    reason: str


class DateRole(StrEnum):
    """How a time expression bounded its document's publication day."""
    ANCHOR = "anchor"            # the latest fully dated day the text reports: the window is measured from it
    NOT_BEFORE = "not_before"    # a dated past-tense clause: written on or after its first day
    NOT_AFTER = "not_after"      # a dated future-tense clause: written on or before its last day


@dataclass
class DateEvidence:
    """A span of the cleaned text that bounded the inferred publication day, and how."""
    start: int
    end: int
    role: DateRole


@dataclass
class Rejection:
    """An input that could not be used, with a one-line reason."""
    source: str
    reason: str


@dataclass
class RawItem:
    """One article as read by ingest, before cleaning.

    `content` is decoded text (HTML or plain text, per `format`). `meta` carries whatever the
    container said about the article (JSONL fields, WARC target URI): title, url, published, author.
    """
    source: str
    content: str
    format: str  # "text" | "html"
    meta: dict = field(default_factory=dict)


@dataclass
class Sentence:
    start: int
    end: int


@dataclass
class Entity:
    start: int
    end: int
    text: str
    label: str            # spaCy label: PERSON, ORG, GPE, NORP, ...
    canonical: str        # within-document canonical name ("Mr Biden" -> "Joe Biden")
    country: str | None = None  # ISO 3166 alpha-3 the entity belongs to, when known
    role: str | None = None     # title/office next to a person's name ("defence minister")


@dataclass
class Timex:
    """A time expression. `anchor` is its symbolic meaning, resolved against any document date."""
    start: int
    end: int
    text: str
    type: str             # DATE | TIME | DURATION | SET
    anchor: dict          # see storyline.time.expressions
    tense: str = "unknown"  # past | present | future | unknown, of the governing clause
    in_quote: bool = False
    value: str | None = None  # TIMEX3 value once resolved


@dataclass
class EventCandidate:
    start: int
    end: int
    sentence: tuple[int, int]
    type: str
    mode: str | None
    status: str
    cameo: str | None          # None for events outside CAMEO's scope (extended types)
    quad_class: int | None
    actors: list[str]
    recipients: list[str]
    location: str | None = None
    attributes: dict = field(default_factory=dict)
    timex: int | None = None   # index into Document.timexes
    plural: bool = False       # "two virtual meetings": a summary of several occurrences
    lemma: str = ""            # the trigger's lemma, for coreference
    vector: tuple[float, ...] = ()  # the trigger's contextual token vector, for coreference


class Bound(StrEnum):
    """How the text bounds a figure."""
    EXACT = "exact"
    APPROXIMATE = "approximate"  # about, roughly, nearly, an estimated
    LOWER = "lower"              # more than, at least, over, dozens of
    UPPER = "upper"              # less than, up to, as many as


class ClaimKind(StrEnum):
    LEVEL = "level"    # a state or total: 100,000 troops at the border
    CHANGE = "change"  # an increase or decrease: withdrew 10,000 troops


class Relation(StrEnum):
    """How one claim stands to another about the same quantity."""
    SAME = "same"            # the same figure
    UPDATES = "updates"      # a later figure for it
    DISAGREES = "disagrees"  # another source's different figure for the same time
    CHANGES = "changes"      # a change to the level the other claim gives


@dataclass
class ClaimCandidate:
    start: int             # the sentence
    end: int
    subject: str           # what is counted: "Russian troops near the border"
    value: float
    unit: str
    approximate: bool
    kind: ClaimKind
    source: str | None
    timex: int | None = None
    owner: str | None = None  # whose figure it is ("Russia" for Russian troops): groups claims
    bound: Bound = Bound.EXACT
    figure: tuple[int, int] | None = None  # the numeric expression itself: "more than 14,000"
    location: str | None = None


class QuoteKind(StrEnum):
    DIRECT = "direct"    # a whole statement between quote marks
    PARTIAL = "partial"  # quoted words inside the reporter's own sentence: said the plan was "a disaster"
    INDIRECT = "indirect"  # reported speech without quote marks: said the plan was a disaster


@dataclass
class QuoteCandidate:
    start: int             # span of the quoted words, without the quote marks
    end: int
    speaker: str | None
    timex: int | None = None
    description: str | None = None  # an unnamed source as the text gives it ("a senior official")
    kind: QuoteKind = QuoteKind.DIRECT
    speaker_span: tuple[int, int] | None = None  # the words naming the source, None when carried over


@dataclass
class Document:
    id: str
    source: str
    text: str
    title: str = ""
    url: str | None = None
    site: str | None = None
    author: str | None = None
    language: str = "en"
    page_type: str = "article"
    published: str | None = None
    published_precision: str = "unknown"
    published_range: list[str] | None = None
    published_from: str | None = None
    date_evidence: list[DateEvidence] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    duplicate_of: str | None = None
    story: str | None = None
    # per-document annotations, filled by the nlp/time/extract stages; not part of the JSON
    _sentences: list[Sentence] = field(default_factory=list, repr=False)
    _entities: list[Entity] = field(default_factory=list, repr=False)
    _timexes: list[Timex] = field(default_factory=list, repr=False)
    _events: list[EventCandidate] = field(default_factory=list, repr=False)
    _claims: list[ClaimCandidate] = field(default_factory=list, repr=False)
    _quotes: list[QuoteCandidate] = field(default_factory=list, repr=False)
    _quoted: list[tuple[int, int]] = field(default_factory=list, repr=False)  # quoted regions
    _topic: list[str] = field(default_factory=list, repr=False)  # the people the article is about

    def to_dict(self) -> dict:
        out = _public(self)
        out["removed"] = [_public(r) for r in self.removed]
        out["date_evidence"] = [_public(e) for e in self.date_evidence]
        return out


@dataclass
class Citation:
    document: str
    start: int
    end: int


@dataclass
class Mention:
    document: str
    start: int
    end: int
    sentence: list[int]


@dataclass
class Event:
    id: str
    story: str | None
    type: str
    mode: str | None
    status: str
    quad_class: int | None
    cameo: str | None
    actors: list[str]
    recipients: list[str]
    actor_countries: list[str]
    recipient_countries: list[str]
    date: str | None
    date_precision: str
    date_range: list[str] | None
    location: str | None
    attributes: dict
    mentions: list[Mention]

    def to_dict(self) -> dict:
        out = _public(self)
        out["mentions"] = [_public(m) for m in self.mentions]
        return out


@dataclass
class ClaimMention:
    document: str
    start: int           # the sentence
    end: int
    figure_start: int | None = None  # the figure within it
    figure_end: int | None = None


@dataclass
class Related:
    claim: str
    relation: Relation


@dataclass
class Claim:
    id: str
    subject: str
    value: float
    unit: str
    approximate: bool
    kind: str
    as_of: str | None
    as_of_precision: str
    source: str | None
    document: str
    start: int
    end: int
    story: str | None = None
    as_of_range: list[str] | None = None
    related: list[Related] = field(default_factory=list)
    bound: str | None = None             # Bound; None where unknown (then `approximate` says it)
    figure_start: int | None = None      # the numeric expression itself ("more than 14,000")
    figure_end: int | None = None
    mentions: list[ClaimMention] = field(default_factory=list)  # every printing of the claim's sentence
    _owner: str | None = field(default=None, repr=False)  # whose figure: groups comparable claims
    _qualifiers: frozenset[str] = field(default=frozenset(), repr=False)  # which quantity: "killed", "border"

    def to_dict(self) -> dict:
        out = _public(self)
        out["related"] = [_public(r) for r in self.related]
        out["mentions"] = [_public(m) for m in self.mentions]
        return out


@dataclass
class QuoteMention:
    document: str
    start: int
    end: int
    text: str


@dataclass
class Quote:
    id: str
    speaker: str | None
    text: str
    said_on: str | None
    mentions: list[QuoteMention]
    story: str | None = None
    said_on_precision: str = "unknown"
    said_on_range: list[str] | None = None
    kind: str = "direct"                   # QuoteKind: partial when only quoted words inside a reported sentence
    speaker_description: str | None = None  # an unnamed source as described: "a senior administration official"

    def to_dict(self) -> dict:
        out = _public(self)
        out["mentions"] = [_public(m) for m in self.mentions]
        return out


@dataclass
class SummaryLine:
    text: str
    citations: list[Citation]


@dataclass
class Story:
    id: str
    title: str
    documents: list[str]
    events: list[str] = field(default_factory=list)
    summary: list[SummaryLine] = field(default_factory=list)

    def to_dict(self) -> dict:
        out = _public(self)
        out["summary"] = [{"text": s.text, "citations": [_public(c) for c in s.citations]} for s in self.summary]
        return out


@dataclass
class Result:
    """Everything one run produced: the contract's storyline.json, as objects."""
    documents: list[Document] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    out: str | None = None  # directory written, if any

    def to_dict(self) -> dict:
        return {
            "version": 1,
            "documents": [d.to_dict() for d in self.documents],
            "stories": [s.to_dict() for s in self.stories],
            "events": [e.to_dict() for e in self.events],
            "claims": [c.to_dict() for c in self.claims],
            "quotes": [q.to_dict() for q in self.quotes],
            "rejected": [_public(r) for r in self.rejected],
        }
