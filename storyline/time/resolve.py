"""Resolve a time-expression anchor against a document date.

`resolve(anchor, tense, dct)` gives the expression's TIMEX3 value and the range of days it
covers. Expressions whose year or week is left implicit ("December 30", "on Tuesday") take the
direction of the clause's tense, as HeidelTime does: in a past-tense clause the most recent such
day, in a future one the next; otherwise the nearest.
"""
from __future__ import annotations

import calendar
import datetime as dt
from typing import NamedTuple

from storyline.time.expressions import AnchorKind


class Resolved(NamedTuple):
    value: str
    lo: dt.date
    hi: dt.date

    @property
    def is_day(self) -> bool:
        return self.lo == self.hi


PART_DAYS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
PART_MONTHS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}
TOD_SUFFIX = {"MO", "AF", "EV", "NI"}


def _month_range(y: int, m: int, part: str | None = None) -> tuple[dt.date, dt.date]:
    last = calendar.monthrange(y, m)[1]
    a, b = PART_DAYS.get(part, (1, last)) if part in PART_DAYS else (1, last)
    return dt.date(y, m, a), dt.date(y, m, min(b, last))


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _pick(options: list[dt.date], dct: dt.date, tense: str) -> dt.date:
    """Choose among candidate days by tense: past -> latest not after dct, future -> earliest not
    before dct, else nearest."""
    if tense == "past":
        before = [o for o in options if o <= dct]
        if before:
            return max(before)
    elif tense == "future":
        after = [o for o in options if o >= dct]
        if after:
            return min(after)
    return min(options, key=lambda o: (abs((o - dct).days), o))


def _weekday(anchor: dict, tense: str, dct: dt.date) -> dt.date:
    wd, rel = anchor["wd"], anchor.get("rel")
    delta = (wd - dct.weekday()) % 7
    nxt = dct + dt.timedelta(days=delta)          # on or after dct
    prev = dct - dt.timedelta(days=(dct.weekday() - wd) % 7)  # on or before dct
    if rel in ("next", "coming", "following"):
        return nxt if delta else dct + dt.timedelta(days=7)
    if rel in ("last", "past", "previous"):
        return prev if prev != dct else dct - dt.timedelta(days=7)
    if rel in ("this", "current"):
        return dct - dt.timedelta(days=dct.weekday()) + dt.timedelta(days=wd)
    return _pick([prev, nxt], dct, tense)


def _shift_month(y: int, m: int, off: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + off
    return k // 12, k % 12 + 1


def resolve(anchor: dict, tense: str, dct: dt.date, context_year: int | None = None) -> Resolved | None:
    """The anchor's value and day range for a document written on `dct`; None when the
    expression names no position in time (durations, sets, vague references)."""
    k = anchor["k"]
    if k == AnchorKind.DATE:
        if anchor.get("y"):
            day = _safe_date(anchor["y"], anchor["m"], anchor["d"])
        else:
            options = [d for y in (dct.year - 1, dct.year, dct.year + 1)
                       if (d := _safe_date(y, anchor["m"], anchor["d"]))]
            day = _pick(options, dct, tense) if options else None
        if day is None:
            return None
        tod = anchor.get("tod")
        return Resolved(day.isoformat() + (f"T{tod}" if tod else ""), day, day)
    if k == AnchorKind.MONTH:
        if anchor.get("y"):
            y = anchor["y"]
        else:
            options = [dt.date(y, anchor["m"], 1) for y in (dct.year - 1, dct.year, dct.year + 1)]
            same = dt.date(dct.year, anchor["m"], 1)
            y = dct.year if same.month == dct.month else _pick(options, dct.replace(day=1), tense).year
        lo, hi = _month_range(y, anchor["m"], anchor.get("part"))
        return Resolved(f"{y:04d}-{anchor['m']:02d}", lo, hi)
    if k == AnchorKind.YEAR:
        y = anchor["y"]
        a, b = PART_MONTHS.get(anchor.get("part"), (1, 12))
        return Resolved(f"{y:04d}", dt.date(y, a, 1), _month_range(y, b)[1])
    if k == AnchorKind.WEEKDAY:
        day = _weekday(anchor, tense, dct)
        tod = anchor.get("tod")
        return Resolved(day.isoformat() + (f"T{tod}" if tod else ""), day, day)
    if k == AnchorKind.DAYREL:
        day = dct + dt.timedelta(days=anchor["off"])
        tod = anchor.get("tod")
        return Resolved(day.isoformat() + (f"T{tod}" if tod else ""), day, day)
    if k == AnchorKind.PERIOD:
        return _period(anchor, dct, context_year)
    if k == AnchorKind.CLOCK:  # a bare clock time in news is on the day of writing (as HeidelTime takes it)
        return Resolved(f"{dct.isoformat()}T{anchor['h']:02d}:{anchor['mi']:02d}", dct, dct)
    if k == AnchorKind.AGO:
        n, unit = int(anchor["n"]), anchor["unit"]
        if unit == "day":
            day = dct - dt.timedelta(days=n)
            return Resolved(day.isoformat(), day, day)
        if unit == "week":
            day = dct - dt.timedelta(weeks=n)
            iso = day.isocalendar()
            monday = day - dt.timedelta(days=day.weekday())
            return Resolved(f"{iso[0]}-W{iso[1]:02d}", monday, monday + dt.timedelta(days=6))
        if unit == "month":
            y, m = _shift_month(dct.year, dct.month, -n)
            lo, hi = _month_range(y, m)
            return Resolved(f"{y:04d}-{m:02d}", lo, hi)
        if unit == "year":
            y = dct.year - n
            return Resolved(f"{y:04d}", dt.date(y, 1, 1), dt.date(y, 12, 31))
    return None


def _period(anchor: dict, dct: dt.date, context_year: int | None) -> Resolved | None:
    per, off, part = anchor["per"], anchor.get("off"), anchor.get("part")
    if off is None:  # "the year", "the week": anaphoric; the year last named, else the current one
        if per != "year":
            off = 0
        else:
            y = context_year or dct.year
            a, b = PART_MONTHS.get(part, (1, 12))
            return Resolved(f"{y:04d}", dt.date(y, a, 1), _month_range(y, b)[1])
    if per in ("week", "weekend"):
        monday = dct - dt.timedelta(days=dct.weekday()) + dt.timedelta(weeks=off)
        iso = monday.isocalendar()
        lo, hi = monday, monday + dt.timedelta(days=6)
        if per == "weekend":
            lo = monday + dt.timedelta(days=5)
            return Resolved(f"{iso[0]}-W{iso[1]:02d}-WE", lo, hi)
        return Resolved(f"{iso[0]}-W{iso[1]:02d}", *_before_or_after(lo, hi, part, off, dct))
    if per == "month":
        y, m = _shift_month(dct.year, dct.month, off)
        lo, hi = _month_range(y, m, part if part in PART_DAYS else None)
        return Resolved(f"{y:04d}-{m:02d}", *_before_or_after(lo, hi, part, off, dct))
    if per == "year":
        y = dct.year + off
        a, b = PART_MONTHS.get(part, (1, 12))
        lo, hi = dt.date(y, a, 1), _month_range(y, b)[1]
        return Resolved(f"{y:04d}", *_before_or_after(lo, hi, part, off, dct))
    return None


def _before_or_after(lo: dt.date, hi: dt.date, part: str | None, off: int, dct: dt.date) -> tuple[dt.date, dt.date]:
    """"earlier this month" ends the day before the document date; "later this year" starts the
    day after it."""
    if off == 0 and part == "earlier":
        return lo, max(lo, dct - dt.timedelta(days=1))
    if off == 0 and part == "later":
        return min(hi, dct + dt.timedelta(days=1)), hi
    return lo, hi


def value_without_dct(anchor: dict) -> str | None:
    """TIMEX3 value for expressions that need no document date (durations, sets, references)."""
    if anchor["k"] in (AnchorKind.DURATION, AnchorKind.SET, AnchorKind.REF):
        return anchor["value"]
    if anchor["k"] == AnchorKind.CLOCK:
        return f"XXXX-XX-XXT{anchor['h']:02d}:{anchor['mi']:02d}"
    return None
