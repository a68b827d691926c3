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
