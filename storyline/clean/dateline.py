"""The publication date printed on a flattened page: the byline or dateline ("Reuters November 18,
2019 11:03 PM", "First Published: Tuesday, November 19, 2019"), which the text-dump cleaner removes
as furniture but which dates the article better than anything in its body.

Candidates are short lines before the end of the article body (teasers after it carry other
articles' dates) holding a full date (day, month, year). Publication cues ("Published", "Posted",
a clock time, a byline separator) raise a line's score; update cues lower it, since the original
date is wanted, as htmldate's original_date does.
"""
from __future__ import annotations

import datetime as dt
import re

from storyline.time.expressions import AnchorKind, find

MAX_LINE_CHARS = 160
MAX_LINE_WORDS = 24
PUBLISHED = re.compile(r"\b(published|posted|first published|created|date)\b", re.I)
CAPTION = re.compile(r"(/ ?AP\b|AP Photo|Getty|Reuters/|/ ?Reuters|Shutterstock|\bphoto\b|\bpictured\b)", re.I)
UPDATED = re.compile(r"\b(updated|modified|last updated|edited|revised)\b", re.I)
CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}\b|\b\d{1,2}\s?(am|pm|a\.m\.|p\.m\.)", re.I)
BYLINE = re.compile(r"(\||•|·|\bby\b|\bET\b|\bGMT\b|\bUTC\b|min read)", re.I)


def _body_end(raw: str, paragraphs: list[str]) -> int:
    """Offset in `raw` just after the last body paragraph (its first words), or the whole text."""
    if not paragraphs:
        return len(raw)
    probe = paragraphs[-1][:40]
    at = raw.rfind(probe)
    return len(raw) if at == -1 else at + len(probe)


def published_in_dump(raw: str, paragraphs: list[str]) -> str | None:
    """ISO day the page says it was published, or None."""
    best: tuple[int, int, str] | None = None
    end = _body_end(raw, paragraphs)
    for n, line in enumerate(raw[:end].splitlines()):
        stripped = line.strip()
        if not stripped or len(stripped) > MAX_LINE_CHARS or len(stripped.split()) > MAX_LINE_WORDS:
            continue
        for start, stop, _, anchor in find(stripped):
            if anchor["k"] != AnchorKind.DATE or not anchor.get("y"):
                continue
            try:
                day = dt.date(anchor["y"], anchor["m"], anchor["d"]).isoformat()
            except ValueError:  # "February 30, 2019"
                continue
            score = (3 * bool(PUBLISHED.search(stripped)) + bool(CLOCK.search(stripped[stop:stop + 20]))
                     + bool(BYLINE.search(stripped)) - 3 * bool(UPDATED.search(stripped[:start]))
                     - 3 * bool(CAPTION.search(stripped)))
            if best is None or score > best[0]:
                best = (score, n, day)
    return best[2] if best else None
