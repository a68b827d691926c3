"""Per-document extraction of event, claim and quote candidates from the parse."""
from __future__ import annotations

from spacy.tokens import Doc as SpacyDoc

from storyline.extract.claims import extract_claims
from storyline.extract.events import extract_events, is_place
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

    The main event is the one whose trigger sits highest in the parse (closest to the root). Its
    quad class is the learned sentence coder's (`quadclass`), and where the sentence's learned
    source and target spans (`roles`) exist they are its actors and recipients, named by the
    entity they contain when there is one ("President Joe Biden" -> "Joe Biden")."""
    from storyline.extract.quadclass import quad_class_of
    from storyline.extract.roles import sources_and_targets
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

    events = sorted(events, key=lambda c: (depth(c), c.start))
    if events:
        sources, targets = ([r for r in spans if not is_place(parsed[r.start:r.end].root)]
                            for spans in sources_and_targets(parsed))
        by_span = {(e.start, e.end): e.canonical for e in doc._entities}

        def name(role) -> str:
            inside = [n for (a, b), n in by_span.items() if role.start_char <= a and b <= role.end_char]
            return inside[0] if inside else role.text

        main = events[0]
        main.quad_class = quad_class_of(parsed)[0]
        main.actors = [name(r) for r in sources] or main.actors
        main.recipients = [n for r in targets if (n := name(r)) not in main.actors] or main.recipients
    out = []
    for cand in events:
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
