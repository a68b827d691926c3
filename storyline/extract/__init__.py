"""Per-document extraction of event, claim and quote candidates from the parse."""
from __future__ import annotations

from spacy.tokens import Doc as SpacyDoc

from storyline.extract.claims import extract_claims
from storyline.extract.events import extract_events
from storyline.extract.quotes import extract_quotes, quoted_regions
from storyline.model import Document

__all__ = ["annotate", "quoted_regions"]


def annotate(document: Document, parsed: SpacyDoc) -> None:
    """Fill the document's quote, event and claim candidates (quotes first: claims use speakers)."""
    document._quotes = extract_quotes(document, parsed)
    document._events = extract_events(document, parsed)
    document._claims = extract_claims(document, parsed)


def code_sentence(sentence: str) -> list[dict]:
    """Event coding of one sentence, main event first: the `storyline events` command.

    The main event is the one whose trigger sits highest in the parse (closest to the root)."""
    from storyline.model import Document
    from storyline.nlp import annotate as nlp_annotate
    from storyline.nlp.countries import country_of
    from storyline.time import annotate as time_annotate

    doc = Document(id="sentence", source="sentence", text=sentence)
    parsed = nlp_annotate(doc)
    doc._quoted = quoted_regions(sentence)
    time_annotate(doc, parsed)
    events = extract_events(doc, parsed)
    people = {e.canonical: e.country for e in doc._entities if e.label == "PERSON" and e.country}

    def depth(cand) -> int:
        tok = parsed.char_span(cand.start, cand.end, alignment_mode="expand").root
        return sum(1 for _ in tok.ancestors)

    out = []
    for cand in sorted(events, key=lambda c: (depth(c), c.start)):
        out.append({
            "type": cand.type, "mode": cand.mode, "status": cand.status, "quad_class": cand.quad_class,
            "cameo": cand.cameo, "actors": cand.actors, "recipients": cand.recipients,
            "actor_countries": sorted({c for a in cand.actors if (c := people.get(a) or country_of(a))}),
            "recipient_countries": sorted({c for r in cand.recipients if (c := people.get(r) or country_of(r))}),
            "date": None, "date_precision": "unknown", "date_range": None,
            "location": cand.location, "attributes": cand.attributes,
            "trigger": sentence[cand.start:cand.end], "start": cand.start, "end": cand.end,
        })
    return out
