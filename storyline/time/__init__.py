"""Time: recognise and normalise time expressions; infer document dates.

Per document, `annotate` finds the expressions and the tense of their clauses. Values need a
document date, which text dumps lack; `storyline.time.docdate` infers it from the expressions
themselves and from other documents of the same story, then `finalise` writes the values.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache

from spacy.tokens import Doc as SpacyDoc

from storyline.model import Document, Timex
from storyline.time.expressions import AnchorKind, find
from storyline.time.resolve import Resolved, resolve, value_without_dct
from storyline.time.tense import clause_tense

__all__ = ["annotate", "find_timexes", "resolve_timex", "Resolved"]


def _inside(regions: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in regions)


def find_timexes(text: str, parsed: SpacyDoc | None, quoted: list[tuple[int, int]] = ()) -> list[Timex]:
    out = []
    for start, end, ttype, anchor in find(text):
        tense = clause_tense(parsed, start, end) if parsed is not None else "unknown"
        out.append(Timex(start, end, text[start:end], ttype, anchor, tense, _inside(quoted, start, end),
                         value_without_dct(anchor)))
    # "the year" refers to the year last named before it
    year = None
    for t in out:
        if t.anchor.get("y"):
            year = t.anchor["y"]
        elif t.anchor["k"] == AnchorKind.PERIOD and t.anchor.get("off") is None and year:
            t.anchor["ctx_year"] = year
    return out


def annotate(document: Document, parsed: SpacyDoc) -> None:
    document._timexes = find_timexes(document.text, parsed, document._quoted)


def resolve_timex(t: Timex, dct: dt.date) -> Resolved | None:
    """The expression's value against `dct`; None when it names no day inside the calendar
    ("2,500 years ago" falls before year 1). Cached: document-date inference asks the same
    question for many candidate days, and many documents share expressions ("on Friday")."""
    return _resolve_cached(tuple(sorted(t.anchor.items())), t.tense, dct)


@lru_cache(maxsize=1 << 18)
def _resolve_cached(anchor: tuple, tense: str, dct: dt.date) -> Resolved | None:
    fields = dict(anchor)
    try:
        return resolve(fields, tense, dct, fields.get("ctx_year"))
    except (ValueError, OverflowError):
        return None
