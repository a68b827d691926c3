"""Cross-document merging: events from mention clusters, one quote from its variants, claims
linked as the same, an update, a disagreement or a change to a level.

Nothing is generated: each record's text is copied from a cited span, and each carries the
spans it came from.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter, defaultdict

from rapidfuzz import fuzz

from storyline.cluster.events import Cluster, majority
from storyline.extract.vocab import STATUS_ORDER
from spacy.lang.en.stop_words import STOP_WORDS

from storyline.model import (
    Claim,
    ClaimKind,
    ClaimMention,
    Document,
    Event,
    Mention,
    Quote,
    QuoteKind,
    QuoteMention,
    Related,
    Relation,
)
from storyline.nlp.countries import countries_in, country_of
from storyline.time.docdate import DateBelief, describe, timex_days

QUOTE_SIMILARITY = 85     # rapidfuzz score (0-100) above which two quotes are variants of one
SAME_VALUE = 0.02         # relative difference under which two figures are the same claim
SAME_TIME_DAYS = 3        # figures this close in time, from different sources, disagree
DURATION_UNITS = {"second", "minute", "hour", "day", "week", "month", "year", "decade", "century"}


def _id(prefix: str, *parts: object) -> str:
    return prefix + "-" + hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()[:10]


class NameIndex:
    """Corpus-wide facts about names: a person's country and office, for coding and for
    resolving a description ("Ukraine's defence minister") to the person holding the office."""

    def __init__(self, documents: list[Document]):
        self.country: dict[str, str] = {}
        roles: dict[str, set[str]] = defaultdict(set)
        votes: dict[str, Counter] = defaultdict(Counter)
        for doc in documents:
            for e in doc._entities:
                code = e.country if e.label == "PERSON" else country_of(e.canonical)
                if code:
                    votes[e.canonical][code] += 1
                if e.label == "PERSON" and e.role:
                    roles[e.canonical] |= set(e.role.split())
        self.country = {n: c.most_common(1)[0][0] for n, c in votes.items()}
        self.roles = roles

    def country_of(self, name: str | None) -> str | None:
        if not name:
            return None
        return self.country.get(name) or country_of(name)

    def resolve(self, description: str | None) -> str | None:
        """A person's name for a description of their office, when exactly one person fits."""
        if not description or description in self.country:
            return description
        words = set(re.findall(r"[a-z]+", description.lower())) - {"the", "s", "of", "for", "a", "an"}
        codes = set(countries_in(description.replace("’s", "").replace("'s", "").split()))
        fits = [p for p, r in self.roles.items() if words and words <= r | {w for w in words if country_of(w)}
                and (not codes or self.country.get(p) in codes) and r & words]
        return fits[0] if len(fits) == 1 else description


def build_events(clusters: list[Cluster], story: str, names: NameIndex) -> list[Event]:
    events = []
    for c in clusters:
        mentions = sorted(c.mentions, key=lambda m: (m.doc, m.cand.start))
        actors = majority([a for m in mentions for a in m.cand.actors])
        recipients = [r for r in majority([r for m in mentions for r in m.cand.recipients]) if r not in actors[:1]]
        actors = [a for a in actors if a not in recipients][:2] or actors[:1]
        if not actors and len(recipients) > 1:
            actors, recipients = recipients[:1], recipients[1:]
        statuses = {m.cand.status for m in mentions}
        status = next(s for s in STATUS_ORDER if s in statuses)
        main = next(m for m in mentions if m.cand.status == status)
        date, precision, rng = describe(sorted(c.days) if c.days else None)
        if precision == "range" and rng and (dt.date.fromisoformat(rng[1]) - dt.date.fromisoformat(rng[0])).days < 7 \
                and dt.date.fromisoformat(rng[0]).isocalendar()[:2] == dt.date.fromisoformat(rng[1]).isocalendar()[:2]:
            iso = dt.date.fromisoformat(rng[0]).isocalendar()
            date, precision = f"{iso[0]}-W{iso[1]:02d}", "week"
        attrs: dict = {}
        for m in mentions:
            for k, v in m.cand.attributes.items():
                if v is not None and attrs.get(k) is None:
                    attrs[k] = v
        cameo = Counter(m.cand.cameo for m in mentions).most_common(1)[0][0]
        events.append(Event(
            id=_id("e", story, *[(m.doc, m.cand.start) for m in mentions]), story=story,
            type=main.cand.type, mode=main.cand.mode, status=status,
            quad_class=main.cand.quad_class, cameo=cameo, actors=actors, recipients=recipients,
            actor_countries=sorted({c for a in actors if (c := names.country_of(a))}),
            recipient_countries=sorted({c for r in recipients if (c := names.country_of(r))}),
            date=date, date_precision=precision, date_range=rng,
            location=(majority([m.cand.location for m in mentions]) or [None])[0], attributes=attrs,
            mentions=[Mention(m.doc, m.cand.start, m.cand.end, list(m.cand.sentence)) for m in mentions]))
    events.sort(key=lambda e: (e.date_range[0] if e.date_range else "9999", e.id))
    return events


def _days_of(doc: Document, timex: int | None, belief: DateBelief | None) -> list[dt.date] | None:
    if belief is None or not belief.days:
        return None
    if timex is None:
        return belief.days
    return sorted(timex_days(doc, timex, belief.days)) or belief.days


def build_claims(documents: list[Document], beliefs: dict[str, DateBelief], story_of: dict[str, str | None],
                 names: NameIndex) -> list[Claim]:
    """Claims with their as-of dates and relations. A figure the article gives without
    attribution is the publication's own claim (its site), when the site is known; the same
    sentence printed twice in a story (a teaser and the body) is one claim with two mentions."""
    claims: list[Claim] = []
    by_sentence: dict[tuple, Claim] = {}
    for doc in documents:
        for c in doc._claims:
            story = story_of.get(doc.id)
            mention = ClaimMention(doc.id, c.start, c.end, *(c.figure or (None, None)))
            key = (story, _norm(doc.text[c.start:c.end]), c.value)
            if key in by_sentence:
                by_sentence[key].mentions.append(mention)
                continue
            as_of, precision, rng = describe(_days_of(doc, c.timex, beliefs.get(doc.id)))
            claim = Claim(
                id=_id("c", doc.id, c.start, c.value, *(c.figure or ())), subject=c.subject,
                value=int(c.value) if float(c.value).is_integer() else c.value, unit=c.unit,
                approximate=c.approximate, kind=str(c.kind), as_of=as_of, as_of_precision=precision, as_of_range=rng,
                source=names.resolve(c.source) or doc.site, document=doc.id, start=c.start, end=c.end, story=story,
                bound=str(c.bound), figure_start=mention.figure_start, figure_end=mention.figure_end,
                mentions=[mention], _owner=names.country_of(c.owner) or c.owner, _qualifiers=qualifiers(c.subject, c.unit))
            by_sentence[key] = claim
            claims.append(claim)
    links = relations(claims)
    for claim in claims:
        claim.related = links.get(claim.id, [])
    return claims


def qualifiers(counted: str, unit: str) -> frozenset[str]:
    """The words that say which quantity a count is ("killed", "border"), beyond its unit."""
    unit = unit.lower().rstrip("s")
    return frozenset(w for w in re.findall(r"[a-z]+", counted.lower()) if w not in STOP_WORDS
                     and w.rstrip("s") != unit and not country_of(w))  # whose count is the owner's business


def unit_key(unit: str) -> str:
    """One spelling per unit: "persons" and "people", "meters" and "metres" count alike."""
    word = unit.lower().strip()
    word = {"people": "person"}.get(word, word)  # the suppletive plural
    word = re.sub(r"(met|lit|kilomet|centimet|millimet)ers?$", r"\1re", word)
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def same_quantity(a: Claim, b: Claim) -> bool:
    """Both count the same thing: same story and unit, owners and qualifiers that do not
    contradict ("people killed" and "people" may be one count; "people killed" and "people in
    the town" are not)."""
    if (a.story, unit_key(a.unit)) != (b.story, unit_key(b.unit)):
        return False
    if a._owner and b._owner and a._owner != b._owner:  # an unknown owner may be either
        return False
    qa, qb = a._qualifiers, b._qualifiers
    if unit_key(a.unit) in DURATION_UNITS and not qa & qb:  # "eight years" and "seven years" of what?
        return False
    if a.kind != b.kind:  # a change's words name the change ("troops withdrawn"), not another count
        return True
    return not qa or not qb or bool(qa & qb)


def _overlap_days(a: Claim, b: Claim) -> int | None:
    """Days between the two as-of ranges (0 when they overlap); None when either is undated."""
    if not a.as_of_range or not b.as_of_range:
        return None
    a0, a1 = (dt.date.fromisoformat(x) for x in a.as_of_range)
    b0, b1 = (dt.date.fromisoformat(x) for x in b.as_of_range)
    return max(0, (b0 - a1).days, (a0 - b1).days)


def relation(a: Claim, b: Claim) -> Relation | None:
    """How claim a stands to claim b, or None when they are not about the same quantity."""
    if not same_quantity(a, b):
        return None
    if a.kind != b.kind:
        level_first = a.as_of_range is None or b.as_of_range is None or b.as_of_range[0] <= a.as_of_range[1]
        return Relation.CHANGES if a.kind == ClaimKind.CHANGE and level_first else None
    if abs(abs(a.value) - abs(b.value)) <= SAME_VALUE * max(abs(a.value), abs(b.value)):
        return Relation.SAME
    gap = _overlap_days(a, b)
    if gap is not None and gap <= SAME_TIME_DAYS and a.source != b.source:
        return Relation.DISAGREES
    if gap is not None and a.as_of_range[0] > b.as_of_range[1]:
        return Relation.UPDATES
    return None


def relations(claims: list[Claim]) -> dict[str, list[Related]]:
    """Every claim's relations to the other claims of its story."""
    by_story: dict[str | None, list[Claim]] = defaultdict(list)
    for c in claims:
        by_story[c.story].append(c)
    out: dict[str, list[Related]] = defaultdict(list)
    for group in by_story.values():
        for a in group:
            links = [(b, rel) for b in group if b is not a and (rel := relation(a, b)) is not None]
            changed = [b for b, rel in links if rel is Relation.CHANGES]
            latest = max((b.as_of_range[1] for b in changed if b.as_of_range), default=None)
            for b, rel in links:  # a change is linked to the latest level it changes, not every earlier one
                if rel is not Relation.CHANGES or not b.as_of_range or b.as_of_range[1] == latest:
                    out[a.id].append(Related(b.id, rel))
    return dict(out)


def _norm(text: str) -> str:
    return re.sub(r"[^\w\s]", "", text.lower().replace("’", "'")).strip()


def build_quotes(documents: list[Document], beliefs: dict[str, DateBelief], story_of: dict[str, str | None],
                 names: NameIndex) -> list[Quote]:
    """One quote per utterance: variants (small wording changes, or one a part of the other) by
    the same speaker, or by an unknown one, are merged."""
    groups: list[dict] = []
    by_story: dict[str | None, list[dict]] = defaultdict(list)  # quotes merge only within a story
    for doc in documents:
        story = story_of.get(doc.id)
        for q in doc._quotes:
            text = doc.text[q.start:q.end]
            speaker = names.resolve(q.speaker)
            norm = _norm(text)
            best = None
            for g in by_story[story]:
                if speaker and g["speaker"] and speaker != g["speaker"]:
                    continue
                short, long_ = sorted((norm, g["norm"]), key=len)
                score = fuzz.ratio(norm, g["norm"])
                if len(short) >= 20:
                    score = max(score, fuzz.partial_ratio(short, long_))
                if score >= QUOTE_SIMILARITY and (best is None or score > best[0]):
                    best = (score, g)
            said = _days_of(doc, q.timex, beliefs.get(doc.id))
            mention = QuoteMention(doc.id, q.start, q.end, text)
            if best is None:
                groups.append({"story": story, "speaker": speaker, "norm": norm, "text": text,
                               "mentions": [mention], "said": said, "description": q.description, "kinds": {q.kind}})
                by_story[story].append(groups[-1])
            else:
                g = best[1]
                g["mentions"].append(mention)
                g["speaker"] = g["speaker"] or speaker
                g["description"] = g["description"] or q.description
                g["kinds"].add(q.kind)
                if len(norm) > len(g["norm"]):
                    g["norm"], g["text"] = norm, text
                if said and (not g["said"] or len(said) < len(g["said"])):
                    g["said"] = said
    quotes = []
    for g in groups:
        said_on, precision, rng = describe(g["said"])
        quotes.append(Quote(id=_id("q", *[(m.document, m.start) for m in g["mentions"]]), speaker=g["speaker"],
                            text=g["text"].strip(), said_on=said_on, mentions=g["mentions"], story=g["story"],
                            said_on_precision=precision, said_on_range=rng,
                            kind=str(next(k for k in QuoteKind if k in g["kinds"])),  # the most direct wording heard
                            speaker_description=None if g["speaker"] else g["description"]))
    return quotes

