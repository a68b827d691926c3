"""Entities of one document, with names canonicalised and countries attached.

Within a document every form of a person's name ("Mr Biden", "President Joe Biden", "Biden")
maps to the fullest frequent form ("Joe Biden"); `canonicalise_corpus` then does the same across
documents ("Joseph R Biden" -> "Joe Biden"). A person's country and office come from the words
around the name ("Russian President Vladimir Putin", "Ukraine's defence minister, Oleksii
Reznikov"), so actors can be coded without a hand-made list of people.
"""
from __future__ import annotations

import dataclasses

from collections import Counter, defaultdict

from spacy.tokens import Doc as SpacyDoc
from spacy.tokens import Span, Token

from storyline.model import Document, Entity
from storyline.nlp.countries import countries_in, country_of

HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "mx", "prof", "professor"}
TITLES = {
    "president", "vice", "prime", "minister", "secretary", "senator", "sen", "rep", "representative",
    "gov", "governor", "mayor", "king", "queen", "prince", "princess", "general", "gen", "chancellor",
    "ambassador", "spokesman", "spokeswoman", "spokesperson", "chief", "director", "chairman",
    "chairwoman", "chair", "leader", "adviser", "advisor", "press", "foreign", "defence", "defense",
    "national", "security", "state", "deputy", "colonel", "col", "lt", "sgt", "admiral", "judge",
    "justice", "commissioner", "pope", "sheikh", "emir", "ayatollah", "premier", "pm",
}
SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
ROLE_WORDS = TITLES - {"press", "foreign", "defence", "defense", "national", "security", "state"}
NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}


def strip_name(text: str) -> str:
    """'Mr Biden' -> 'Biden'; 'President Joseph R Biden, Jr' -> 'Joseph R Biden'."""
    words = text.replace("’s", "").replace("'s", "").replace(",", " ").split()
    while words and words[0].lower().rstrip(".") in HONORIFICS | TITLES:
        words.pop(0)
    while words and words[-1].lower().rstrip(".") in SUFFIXES:
        words.pop()
    return " ".join(words)


def _modifier_tokens(ent: Span) -> list[Token]:
    """Tokens that qualify a name: its left modifiers, and the head it stands in apposition to."""
    root = ent.root
    zone = [t for t in root.subtree if t.i < ent.start]
    head = root.head
    if root.dep_ == "appos" or (root.dep_ == "compound" and head.i > ent.end - 1):
        zone += [t for t in head.subtree if t.i < ent.start and t not in zone]
        if root.dep_ == "appos":
            zone.append(head)
    if root.dep_ in ("nsubj", "pobj", "dobj") and ent.start >= 2:
        # "Ukraine's defence minister, Oleksii Reznikov, said": parser often flattens the appositive
        prev = ent.doc[ent.start - 1]
        if prev.text == ",":
            zone += [t for t in ent.doc[max(0, ent.start - 6):ent.start - 1] if t.sent == ent.sent]
    return sorted(set(zone), key=lambda t: t.i)


def _role_and_country(ent: Span) -> tuple[str | None, str | None]:
    zone = _modifier_tokens(ent)
    words = [t.text for t in zone]
    role_words = [t.text.lower() for t in zone if t.text.lower().rstrip(".") in TITLES]
    has_role = any(w.rstrip(".") in ROLE_WORDS for w in role_words)
    codes = countries_in(words)
    inner = countries_in(ent.text.split()[:-1]) if len(ent) > 1 else []
    return (" ".join(role_words) if has_role else None), (codes[0] if codes else (inner[0] if inner else None))


def _clean_entities(parsed: SpacyDoc) -> list[Span]:
    """spaCy's entities, minus name suffixes tagged as people, with surnames relabelled PERSON."""
    ents = [e for e in parsed.ents if e.text.strip() and not (e.label_ == "PERSON" and not strip_name(e.text).strip())]
    surnames = {strip_name(e.text).split()[-1] for e in ents if e.label_ == "PERSON" and strip_name(e.text)}
    out = []
    for e in ents:
        if e.label_ in ("GPE", "ORG", "NORP") and e.text in surnames and not country_of(e.text):
            e = Span(parsed, e.start, e.end, label="PERSON")
        out.append(e)
    return out


def _pick_canonical(forms: Counter) -> str:
    """The most frequent multi-word form, else the most frequent form; ties -> shorter."""
    full = {f: n for f, n in forms.items() if len(f.split()) >= 2}
    pool = full or dict(forms)
    return max(pool, key=lambda f: (pool[f], -len(f)))


def annotate_entities(parsed: SpacyDoc) -> list[Entity]:
    spans = [e for e in _clean_entities(parsed) if e.label_ in NAME_LABELS]
    by_surname: dict[str, Counter] = defaultdict(Counter)
    for e in spans:
        if e.label_ == "PERSON" and (name := strip_name(e.text)):
            by_surname[name.split()[-1]][name] += 1
    canon = {s: _pick_canonical(forms) for s, forms in by_surname.items()}
    out = []
    for e in spans:
        if e.label_ == "PERSON":
            name = strip_name(e.text) or e.text
            canonical = canon.get(name.split()[-1], name)
            role, country = _role_and_country(e)
        else:
            canonical = e.text.removeprefix("the ").removeprefix("The ")
            role, country = None, country_of(e.text)
        out.append(Entity(e.start_char, e.end_char, e.text, e.label_, canonical, country, role))
    _spread_person_facts(out)  # a country or office named once holds throughout the document
    return out


def _spread_person_facts(entities: list[Entity]) -> None:
    """Give every mention of a person the country (by majority) and office known for them."""
    country: dict[str, Counter] = defaultdict(Counter)
    role: dict[str, Counter] = defaultdict(Counter)
    people = [e for e in entities if e.label == "PERSON"]
    for ent in people:
        if ent.country:
            country[ent.canonical][ent.country] += 1
        if ent.role:
            role[ent.canonical][ent.role] += 1
    for ent in people:
        if country[ent.canonical]:
            ent.country = country[ent.canonical].most_common(1)[0][0]
        if role[ent.canonical] and not ent.role:
            ent.role = role[ent.canonical].most_common(1)[0][0]


def _compatible(short: str, full: str) -> bool:
    """'Biden' ~ 'Joe Biden'; 'Joe Biden' ~ 'Joseph R Biden' (first name a prefix of the other)."""
    a, b = short.split(), full.split()
    if a[-1] != b[-1]:
        return False
    if len(a) == 1 or len(b) == 1:
        return True
    return a[0].startswith(b[0]) or b[0].startswith(a[0])


def canonicalise_corpus(documents: list[Document]) -> tuple[list[Document], dict[str, str]]:
    """Every document-level person name mapped to one corpus-wide canonical form.

    Returns copies of the documents whose entities and candidates carry the corpus-wide names
    (persons' countries and roles made consistent across documents, by majority), and the
    mapping (document canonical -> corpus canonical). The documents given are left as they are."""
    counts: Counter = Counter()
    for doc in documents:
        for ent in doc._entities:
            if ent.label == "PERSON":
                counts[ent.canonical] += 1
    full = [n for n in counts if len(n.split()) >= 2]
    mapping: dict[str, str] = {}
    for name in counts:
        candidates = [f for f in full if _compatible(name, f)]
        mapping[name] = max(candidates, key=lambda f: (counts[f], -len(f))) if candidates else name
    renamed = [_renamed(doc, mapping) for doc in documents]
    _spread_person_facts([e for doc in renamed for e in doc._entities])  # on the copies only
    return renamed, mapping


def _renamed(doc: Document, mapping: dict[str, str]) -> Document:
    """A copy of the document whose person entities and extracted candidates use the corpus-wide names."""
    def rename(name: str | None) -> str | None:
        return mapping.get(name, name) if name else name

    def participants(event):
        actors = list(dict.fromkeys(rename(a) for a in event.actors))
        recipients = [r for r in dict.fromkeys(rename(r) for r in event.recipients) if r not in actors]
        return dataclasses.replace(event, actors=actors, recipients=recipients)

    return dataclasses.replace(
        doc,
        _entities=[dataclasses.replace(e, canonical=rename(e.canonical)) if e.label == "PERSON" else
                   dataclasses.replace(e) for e in doc._entities],
        _topic=[rename(n) for n in doc._topic],
        _events=[participants(e) for e in doc._events],
        _quotes=[dataclasses.replace(q, speaker=rename(q.speaker)) for q in doc._quotes],
        _claims=[dataclasses.replace(c, source=rename(c.source)) for c in doc._claims])
