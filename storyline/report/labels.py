"""How the report and the web app write values: dates as precise as they are known and no
more, figures with their bound, relations in words, the words a quote's variant changes, and
URLs safe to link."""
from __future__ import annotations

import difflib
import re
from urllib.parse import quote, urlsplit

from storyline.model import Relation

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]

RELATION = {Relation.SAME: "same as", Relation.UPDATES: "updates", Relation.DISAGREES: "disagrees with",
            Relation.CHANGES: "changes the level of"}  # how a claim's relations read in the report
BOUND_WORDS = {"approximate": "~", "lower": "more than ", "upper": "up to "}


def value_label(value, unit: str, approximate: bool, kind: str, bound: str | None = None) -> str:
    """94300, "troops", True -> "~94,300 troops"; a lower bound reads "more than 14,000 lives";
    a change gets an explicit sign."""
    try:
        v = float(value)
    except (TypeError, ValueError):
        return f"{value} {unit}".strip()
    number = f"{int(v):,}" if v.is_integer() else f"{v:,.2f}".rstrip("0").rstrip(".")
    sign = "+" if kind == "change" and v > 0 else ""
    hedge = BOUND_WORDS.get(bound or ("approximate" if approximate else "exact"), "")
    return f"{hedge}{sign}{number} {unit or ''}".strip()


PUNCTUATION = ".,;:!?\"'“”‘’()[]…—–-"


def word_diff(texts: list[str]) -> list[list[tuple[str, bool]]]:
    """Each text as (word, differs) pairs: a word differs when it is not matched in the first
    text (difflib over words lower-cased and stripped of edge punctuation, so case, spacing and a
    comma for a full stop alone do not count)."""
    if not texts:
        return []

    def key(word: str) -> str:
        return word.lower().strip(PUNCTUATION) or word

    first = texts[0].split()
    out = [[(w, False) for w in first]]
    for text in texts[1:]:
        words = text.split()
        matcher = difflib.SequenceMatcher(a=[key(w) for w in first], b=[key(w) for w in words], autojunk=False)
        same = {j for block in matcher.get_matching_blocks() for j in range(block.b, block.b + block.size)}
        out.append([(w, j not in same) for j, w in enumerate(words)])
    return out


ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _fmt(iso: str | None, precision: str = "day") -> str:
    """ISO date (full or partial) -> "7 December 2021", "December 2021" or "2021"."""
    m = ISO_DATE.match(iso or "")
    if not m:
        return iso or ""
    year, month, day = m.groups()
    if month and not 1 <= int(month) <= 12:
        return iso or ""
    if precision == "year" or not month:
        return year
    if precision == "month" or not day:
        return f"{MONTHS[int(month) - 1]} {year}"
    return f"{int(day)} {MONTHS[int(month) - 1]} {year}"


def date_label(date: str | None, precision: str | None, rng: list | None) -> str:
    """A date as precise as it is known and no more: a day, a week, a month, a year or a span."""
    precision = precision or "unknown"
    lo, hi = rng if rng and len(rng) == 2 else (None, None)
    if lo is None and date and "/" in date:  # an ISO interval ("2022-01-07/2022-02-12") is a span, not its first day
        lo, hi = date.split("/", 1)
        date = None
    if precision in ("day", "month", "year") and (date or lo):
        return _fmt(date or lo, precision)
    if precision == "week" and (lo or date):
        return f"week of {_fmt(lo or date)}"
    if lo and hi:
        return span_label(lo, hi)
    return _fmt(date) if date else "undated"


def span_label(lo: str, hi: str) -> str:
    """"4–5 December 2021", "7 January – 12 February 2022", or both dates in full."""
    first, last = _fmt(lo), _fmt(hi)
    if first == last:
        return first
    a, b = first.split(" "), last.split(" ")
    if len(a) == len(b) == 3 and a[2] == b[2]:
        return f"{a[0]}–{last}" if a[1] == b[1] else f"{a[0]} {a[1]} – {last}"
    return f"{first} – {last}"


def safe_url(url) -> str | None:
    """The URL if it is http(s), percent-encoded so it cannot break out of an attribute or a link."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return quote(url, safe=":/?#[]@!$&*+,;=%~-._")
