"""Recognise time expressions and give each a symbolic anchor.

An anchor says what an expression means independently of when the document was written:
{"k": AnchorKind.DATE, "y": None, "m": 12, "d": 30} is "December 30" of a year still to be chosen;
{"k": AnchorKind.WEEKDAY, "wd": 1} is "Tuesday". `storyline.time.resolve` turns an anchor into days once
a document date is known or assumed, which is what lets the document-date reasoner try many
candidate dates cheaply. Recognition is rule-based (HeidelTime-style patterns): it must give
exact character spans and values, which statistical NER (spaCy's DATE) does not.
"""
from __future__ import annotations

import re
from enum import StrEnum


class AnchorKind(StrEnum):
    """What an anchor (`anchor["k"]`) names; compared and hashed as its string."""
    DATE = "date"          # a day: {"y": 2021 or None, "m": 12, "d": 30, "wd": weekday or None}
    MONTH = "month"
    YEAR = "year"
    WEEKDAY = "weekday"    # "on Tuesday", "next Friday"
    DAYREL = "dayrel"      # "today", "yesterday"
    PERIOD = "period"      # "this week", "last year"
    DURATION = "duration"
    REF = "ref"            # "recently", "in the coming weeks"
    AGO = "ago"            # "three years ago"
    CLOCK = "clock"        # "4.04pm"
    SET = "set"            # "every day"

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {"monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
            "thursday": 3, "thu": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
            "sunday": 6, "sun": 6}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
           "thirty": 30, "forty": 40, "fifty": 50, "several": None, "few": None, "a few": None}
UNITS = {"minute": "M", "hour": "H", "day": "D", "week": "W", "month": "M", "year": "Y", "decade": "DE",
         "century": "CE", "second": "S", "fortnight": "W"}
TIME_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI"}
PARTS = {"early": "early", "beginning": "early", "start": "early", "mid": "mid", "middle": "mid",
         "late": "late", "end": "late"}

_M = r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
_WD = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_D = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_Y = r"(?P<year>(?:1[89]|20)\d\d)"
_NUM = r"(?P<num>\d+(?:\.\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|several|a few|few)"
_UNIT = r"(?P<unit>minute|hour|day|week|fortnight|month|year|decade|century|second)s?"
_TOD = r"(?:\s+(?P<tod>morning|afternoon|evening|night))?"
_PART = r"(?:(?P<part>early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|end\s+of|beginning\s+of|start\s+of)[\s-]+)"
_REL = r"(?P<rel>this|next|last|past|previous|coming|following|current)"

# (type, kind, pattern); longer matches win over shorter overlapping ones
PATTERNS: list[tuple[str, str, str]] = [
    ("DATE", "iso", r"\b(?P<year>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<day>[0-3]\d)\b"),
    ("DATE", "mdy", rf"\b(?:{_WD}{_TOD},?\s+)?{_M}\s+{_D}(?:,?\s+{_Y})?\b"),
    ("DATE", "dmy", rf"\b(?:{_WD},?\s+)?(?:the\s+)?{_D}\s+(?:of\s+)?{_M}(?:,?\s+{_Y})?\b"),
    ("DATE", "month", rf"\b{_PART}?{_M}(?:,?\s+{_Y})?\b"),
    ("DATE", "year", rf"\b{_PART}?{_Y}\b(?![,.]\d)"),
    ("DATE", "weekday", rf"\b(?:{_REL}\s+)?{_WD}(?:’s|'s)?{_TOD}"),
    ("DATE", "dayrel", r"\b(?P<dr>today|tonight|yesterday|tomorrow|last\s+night|this\s+(?:morning|afternoon|evening))\b"),
    ("DATE", "periodrel", rf"\b(?:(?P<pre>earlier|later|early|late|towards\s+the\s+end\s+of|the\s+end\s+of|end\s+of|the\s+beginning\s+of|the\s+start\s+of)\s+)?(?:{_REL}|the)\s+(?P<per>week|month|year|weekend)\b"),
    ("DATE", "ref", r"\b(?P<ref>recently|currently|now|nowadays|in\s+recent\s+(?:days|weeks|months|years)|in\s+the\s+coming\s+(?:days|weeks|months|years)|in\s+the\s+past|in\s+the\s+future|for\s+weeks|for\s+months|for\s+years|for\s+days)\b"),
    ("DATE", "ago", rf"\b{_NUM}\s+{_UNIT}\s+ago\b"),
    ("TIME", "clock", r"\b(?P<h>[01]?\d|2[0-3])(?:[.:](?P<mi>[0-5]\d))?\s?(?P<ap>am|pm|a\.m\.|p\.m\.)(?:\s+(?P<zone>[A-Z]{2,4}|UK|local)\s+time)?"),
    ("DURATION", "dur", rf"\b{_NUM}(?:\s+and\s+a\s+half)?[\s-]+{_UNIT}(?:\s+and\s+(?P<num2>\d+|an?|one|two|three|four|five|ten|twenty|thirty|forty|fifty)\s+(?P<unit2>minute|hour|day|week|month)s?)?(?![\s-]+ago)\b"),
    ("DURATION", "range", rf"\b(?P<num>\d+)\s+to\s+(?P<num2>\d+)\s+{_UNIT}\b"),
    ("SET", "set", r"\b(?P<set>(?:every|each)\s+(?:day|week|month|quarter|year|morning|evening|night|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december)|hourly|daily|weekly|monthly|quarterly|annually|yearly)\b"),
]
_COMPILED = [(t, k, re.compile(p, re.IGNORECASE)) for t, k, p in PATTERNS]
_CAPITALISED_ONLY = {"month", "mdy", "dmy", "weekday"}  # "may", "march", "sun" as words


def _part(raw: str | None) -> str | None:
    if not raw:
        return None
    return PARTS.get(raw.lower().split()[-2] if " of" in raw.lower() else raw.lower().split()[0])


def _num(raw: str | None) -> float | None:
    if raw is None:
        return None
    raw = raw.lower()
    return float(raw) if raw[0].isdigit() else NUMBERS.get(raw)


def _duration(num: float | None, unit: str) -> str:
    code = UNITS[unit.lower().rstrip("s")]
    amount = "X" if num is None else (str(int(num)) if float(num).is_integer() else str(num))
    if unit.lower().startswith("fortnight") and num is not None:
        amount = str(int(num * 2))
    return f"PT{amount}{code}" if code in ("H", "S") or unit.lower().startswith("minute") else f"P{amount}{code}"


def _anchor(kind: str, g: dict) -> dict | None:
    """Symbolic meaning of one match; None when the match is not a time expression after all."""
    if kind == "iso":
        return {"k": AnchorKind.DATE, "y": int(g["year"]), "m": int(g["m"]), "d": int(g["day"])}
    if kind in ("mdy", "dmy"):
        day = int(g["day"])
        if not 1 <= day <= 31:
            return None
        anchor = {"k": AnchorKind.DATE, "y": int(g["year"]) if g.get("year") else None,
                  "m": MONTHS[g["mon"].lower().rstrip(".")], "d": day,
                  "wd": WEEKDAYS[g["wd"].lower()] if g.get("wd") else None}
        if g.get("tod"):  # "Tuesday evening, December 7"
            anchor["tod"] = TIME_OF_DAY[g["tod"].lower()]
        return anchor
    if kind == "month":
        return {"k": AnchorKind.MONTH, "y": int(g["year"]) if g.get("year") else None,
                "m": MONTHS[g["mon"].lower().rstrip(".")], "part": _part(g.get("part"))}
    if kind == "year":
        return {"k": AnchorKind.YEAR, "y": int(g["year"]), "part": _part(g.get("part"))}
    if kind == "weekday":
        rel = (g.get("rel") or "").lower() or None
        return {"k": AnchorKind.WEEKDAY, "wd": WEEKDAYS[g["wd"].lower()], "rel": rel,
                "tod": TIME_OF_DAY.get((g.get("tod") or "").lower())}
    if kind == "dayrel":
        dr = " ".join(g["dr"].lower().split())
        off = {"yesterday": -1, "tomorrow": 1, "last night": -1}.get(dr, 0)
        tod = "NI" if dr in ("tonight", "last night") else TIME_OF_DAY.get(dr.split()[-1])
        return {"k": AnchorKind.DAYREL, "off": off, "tod": tod}
    if kind == "periodrel":
        rel = (g.get("rel") or "this").lower()
        off = {"next": 1, "coming": 1, "following": 1, "last": -1, "past": -1, "previous": -1}.get(rel, 0)
        pre = " ".join((g.get("pre") or "").lower().split()) or None
        part = {"early": "early", "the beginning of": "early", "the start of": "early", "late": "late",
                "the end of": "late", "end of": "late", "towards the end of": "late",
                "earlier": "earlier", "later": "later"}.get(pre) if pre else None
        if rel == "the" or g.get("rel") is None and "the" in g[0].lower().split():
            return {"k": AnchorKind.PERIOD, "per": g["per"].lower(), "off": None, "part": part}  # "the year": anaphoric
        return {"k": AnchorKind.PERIOD, "per": g["per"].lower(), "off": off, "part": part}
    if kind == "ref":
        ref = g["ref"].lower()
        if ref.startswith("for "):
            return {"k": AnchorKind.DURATION, "value": _duration(None, ref.split()[1])}
        value = ("FUTURE_REF" if "coming" in ref or "future" in ref else
                 "PRESENT_REF" if ref in ("currently", "now", "nowadays") else "PAST_REF")
        return {"k": AnchorKind.REF, "value": value}
    if kind == "ago":
        n = _num(g["num"])
        return {"k": AnchorKind.AGO, "n": n, "unit": g["unit"].lower().rstrip("s")} if n else None
    if kind == "clock":
        h = int(g["h"]) % 12 + (12 if g["ap"].lower().startswith("p") else 0)
        return {"k": AnchorKind.CLOCK, "h": h, "mi": int(g["mi"] or 0)}
    if kind == "dur":
        n = _num(g["num"])
        if g["num"].isdigit() and g["unit"].lower().startswith("year") and 1800 < int(g["num"]):
            return None
        value = _duration(n, g["unit"])
        if g.get("num2") and g.get("unit2"):  # "an hour and 40 minutes" -> PT1H40M
            minutes = (n or 0) * {"hour": 60, "minute": 1, "day": 1440}.get(g["unit"].lower().rstrip("s"), 0)
            minutes += (_num(g["num2"]) or 0) * {"hour": 60, "minute": 1}.get(g["unit2"].lower(), 0)
            value = f"PT{int(minutes // 60)}H{int(minutes % 60)}M" if minutes else value
        return {"k": AnchorKind.DURATION, "value": value}
    if kind == "range":
        return {"k": AnchorKind.DURATION, "value": _duration(_num(g["num2"]), g["unit"]), "min": _duration(_num(g["num"]), g["unit"])}
    if kind == "set":
        word = g["set"].lower().split()[-1]
        unit = {"hourly": "hour", "daily": "day", "weekly": "week", "monthly": "month", "quarterly": "quarter",
                "annually": "year", "yearly": "year"}.get(word, word)
        if unit in WEEKDAYS:
            return {"k": AnchorKind.SET, "value": "XXXX-WXX-" + str(WEEKDAYS[unit] + 1)}
        if unit in MONTHS:  # "each July"
            return {"k": AnchorKind.SET, "value": f"XXXX-{MONTHS[unit]:02d}"}
        if unit == "quarter":
            return {"k": AnchorKind.SET, "value": "P1Q"}
        return {"k": AnchorKind.SET, "value": _duration(1, unit if unit in UNITS else "day")}
    return None


def find(text: str) -> list[tuple[int, int, str, dict]]:
    """All time expressions in `text` as (start, end, TIMEX3 type, anchor), non-overlapping."""
    found = []
    for ttype, kind, rx in _COMPILED:
        for m in rx.finditer(text):
            g = m.groupdict()
            if kind in _CAPITALISED_ONLY and not (g.get("mon") or g.get("wd") or "")[:1].isupper():
                continue
            if kind == "month" and not _month_is_date(text, m):
                continue
            anchor = _anchor(kind, {**g, 0: m.group(0)})
            if anchor is not None:
                found.append((m.start(), m.end(), ttype, anchor))
    found.sort(key=lambda f: (-(f[1] - f[0]), f[0]))
    taken: list[tuple[int, int, str, dict]] = []
    for f in found:
        if all(f[1] <= t[0] or f[0] >= t[1] for t in taken):
            taken.append(f)
    return sorted(taken, key=lambda f: f[0])


_MONTH_CONTEXT = re.compile(r"(?:in|since|by|until|till|from|to|through|during|of|last|next|this|early|late|mid|end|before|after|on)[\s-]+$", re.I)


def _month_is_date(text: str, m: re.Match) -> bool:
    """A bare month name is a date only in date-like context ("in May", "May 2021"), not "may"."""
    if m.group("year") or m.group("part"):
        return True
    name = m.group("mon")
    if name.lower().rstrip(".") in ("may", "march") or len(name) <= 4:
        return bool(_MONTH_CONTEXT.search(text[max(0, m.start() - 12):m.start()]))
    return True
