"""Publication date of an HTML page.

Two passes, as in htmldate: the page's metadata first (cheap, and right when present), then, when
that gives nothing and the page may be an article, htmldate's extensive search over every
date-like string. On the htmldate/MediaCloud dev pages (benchmarks/dates.py): 92.3% exact day,
2.6% no answer (htmldate's extensive search alone: 91.3% / 1.5%); WCXB dev: 84.3% exact, 85.1%
precision.

The metadata pass checks htmldate's answer against the page's structured data (`_reconcile`):

- the day is the one *as written in the page's local time*: a timestamp given in UTC
  (`...T23:15Z`) whose instant the page also writes with its own offset or as a zone-less local
  time (`...T01:15+02:00`, `'2020-12-06 00:15'`) gets the local day. On the dev pages the gold
  day is the local written one for 25 of 27 timestamps whose UTC day differs;
- the JSON-LD `datePublished` of the page's article (schema.org `Article`, `NewsArticle`,
  `BlogPosting`...) wins over a day htmldate took elsewhere (the URL, another meta tag, a date in
  the page's header) unless the two can be the same instant seen from two time zones; JSON-LD
  dates htmldate cannot read (`Tue, Sep 15 2020 10:01:41 EDT`, `20200316T13:00:00Z`) count too
  when nothing else is found. htmldate's day stands when it is that article's dateModified (an
  updated guide is dated by its update), except on a discussion thread (dated by its first post);
- a date htmldate found in an element well above the headline (a site header showing the day of
  the visit) gives way to an earlier one just below it (the byline), when the page's metadata
  gives no date.
Each rule was kept only when it helped on MediaCloud without losing on WCXB dev.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import re

log = logging.getLogger(__name__)

# a timestamp as written: day, optional time of day, optional offset
_STAMP = re.compile(
    r"(?<!\d)((?:19|20)\d\d)-?(0[1-9]|1[0-2])-?(0[1-9]|[12]\d|3[01])"
    r"(?:[T ](\d\d):(\d\d)(?::(\d\d?))?(?:[.,]\d+)?\s*(Z|UTC|GMT|[+-]\d\d:?\d\d)?)?(?!\d)")
# the same, only where a script or a meta tag writes a timestamp with a time of day
_TIMED = re.compile(
    r"(?<!\d)((?:19|20)\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])"
    r"[T ](\d\d):(\d\d)(?::(\d\d?))?(?:[.,]\d+)?\s*(Z|[+-]\d\d:?\d\d)?(?!\d)")
# schema.org types of a piece whose datePublished is the page's own
_ARTICLE_TYPE = re.compile(r"Article|Posting|Report|Review|Recipe|NewsArticle|LiveBlog", re.I)
_THREAD_TYPE = re.compile(r"DiscussionForumPosting|SocialMediaPosting|QAPage|Question", re.I)
_CLOCK = re.compile(r"\d:[0-5]\d")
_NEAR_HEADLINE = 20             # elements above the headline still counted as its byline
_JSONLD_LIMIT = 200_000         # characters of JSON-LD read per page
_SCRIPT_LIMIT = 2_000_000       # characters of inline scripts scanned for a local rendering
_MAX_WEST, _MAX_EAST = -12 * 60, 14 * 60   # the range of UTC offsets, in minutes


class Stamp:
    """A written timestamp: its day as written, time of day (minutes, seconds) and UTC offset
    (minutes) when given."""
    __slots__ = ("day", "minute", "second", "offset", "iso", "modified", "thread")

    def __init__(self, day: dt.date, minute: int | None = None, second: int | None = None,
                 offset: int | None = None, iso: bool = True):
        self.day, self.minute, self.second, self.offset = day, minute, second, offset
        self.iso = iso  # written as ISO 8601 (else read by htmldate's looser parsers)
        self.modified: dt.date | None = None  # the dateModified beside it, if any
        self.thread = False  # the datePublished of a discussion thread (its first post)

    @property
    def instant(self) -> dt.datetime | None:
        """The UTC instant (naive), when the stamp has a time and an offset."""
        if self.minute is None or self.offset is None:
            return None
        return dt.datetime.combine(self.day, dt.time()) + dt.timedelta(minutes=self.minute - self.offset)

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Stamp({self.day}, {self.minute}, {self.second}, {self.offset})"


def _offset(text: str | None) -> int | None:
    if not text:
        return None
    if text in ("Z", "UTC", "GMT"):
        return 0
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4])
    if hours > 14 or minutes >= 60:
        return None
    return sign * (hours * 60 + minutes)


def _stamp(match: re.Match) -> Stamp | None:
    try:
        day = dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None
    if match[4] is None:
        return Stamp(day)
    hour, minute = int(match[4]), int(match[5])
    if hour > 23 or minute > 59:
        return Stamp(day)
    second = int(match[6]) if match[6] is not None else None
    return Stamp(day, hour * 60 + minute, second, _offset(match[7]))


def _plausible(day: dt.date) -> bool:
    """Not before the web's dates nor after today (htmldate's bounds)."""
    return dt.date(1995, 1, 1) <= day <= dt.date.today()


def parse_stamp(text: str | None) -> Stamp | None:
    """A declared date (ISO 8601, basic or extended; else whatever htmldate's parsers read, day
    only) as a Stamp, or None."""
    if not text or not isinstance(text, str):
        return None
    text = text.strip()[:80]
    match = _STAMP.match(text)
    if match:
        stamp = _stamp(match)
        return stamp if stamp is not None and _plausible(stamp.day) else None
    if not _CLOCK.search(text):  # a humanised day alone ('Nov 05, 2025') is often a template's
        return None
    from htmldate.extractors import try_date_expr
    from htmldate.validators import get_max_date, get_min_date
    try:
        day = try_date_expr(text, "%Y-%m-%d", True, get_min_date(None), get_max_date(None))
    except Exception:  # noqa: BLE001 - an unreadable date is no date
        return None
    return Stamp(dt.date.fromisoformat(day), iso=False) if day else None


def local_days(stamp: Stamp) -> set[dt.date]:
    """The days a timestamp can be in some time zone: its own day when it gives no offset or a
    non-UTC one (then it is written in the page's local time), else the days of its instant seen
    from any UTC offset."""
    instant = stamp.instant
    if instant is None or stamp.offset:
        return {stamp.day}
    return {(instant + dt.timedelta(minutes=_MAX_WEST)).date(), (instant + dt.timedelta(minutes=_MAX_EAST)).date(),
            instant.date()}


def _walk(node, found: list) -> None:
    if isinstance(node, list):
        for item in node:
            _walk(item, found)
    elif isinstance(node, dict):
        kind = node.get("@type")
        kind = " ".join(k for k in kind if isinstance(k, str)) if isinstance(kind, list) else str(kind or "")
        if "datePublished" in node and _ARTICLE_TYPE.search(kind):
            found.append((node.get("datePublished"), node.get("dateModified"), bool(_THREAD_TYPE.search(kind))))
        for key in ("@graph", "mainEntity", "mainEntityOfPage", "hasPart"):
            if key in node:
                _walk(node[key], found)


def jsonld_published(tree) -> Stamp | None:
    """The datePublished of the first article-typed JSON-LD object of the page."""
    seen = 0
    for script in tree.iterfind(".//script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        text = script.text or ""
        seen += len(text)
        if seen > _JSONLD_LIMIT:
            break
        if "datePublished" not in text:
            continue
        try:
            data = json.loads(text)
        except ValueError:
            try:  # control characters inside strings are common
                data = json.loads(text, strict=False)
            except ValueError:
                continue
        found: list = []
        _walk(data, found)
        for published, modified, thread in found:
            stamp = parse_stamp(published if isinstance(published, str) else None)
            if stamp is not None:
                stamp.thread = thread
                modified = parse_stamp(modified if isinstance(modified, str) else None)
                stamp.modified = modified.day if modified is not None else None
                return stamp
    return None


def _timed_stamps(tree, scripts: bool = True):
    """Timestamps with a time of day written in the page's meta tags and JSON-LD, and with
    `scripts` in its other inline scripts too."""
    for meta in tree.iterfind(".//meta"):
        content = meta.get("content")
        if content and len(content) < 64:
            for match in _TIMED.finditer(content):
                yield match
    budget = _SCRIPT_LIMIT
    for script in tree.iterfind(".//script"):
        text = script.text
        if not text or (not scripts and (script.get("type") or "").strip().lower() != "application/ld+json"):
            continue
        text = text[:budget]
        budget -= len(text)
        for match in _TIMED.finditer(text):
            yield match
        if budget <= 0:
            break


def local_rendering(tree, day: dt.date) -> dt.date | None:
    """When the page declares its publication instant in UTC on `day` and writes the same instant
    elsewhere in its local time, the local day (if another one), else None.

    The local rendering is a timestamp with a non-zero offset and the same instant, or a
    zone-less one with the same minutes and seconds at a whole quarter-hour offset within the
    range of time zones; explicit offsets win over zone-less times."""
    declared = (s for s in map(_stamp, _timed_stamps(tree, scripts=False)) if s is not None)
    if not any(s.offset == 0 and s.day == day and s.minute is not None for s in declared):
        return None  # the common case: no UTC publication time that day, no scan of the scripts
    stamps = [s for s in map(_stamp, _timed_stamps(tree)) if s is not None and s.minute is not None]
    utc = [s for s in stamps if s.offset == 0 and s.day == day]
    instants = {s.instant for s in utc}
    seconds = {s.instant: s.second for s in utc}
    for stamp in stamps:  # explicit offsets
        if stamp.offset and stamp.instant in instants and stamp.day != day:
            return stamp.day
    for stamp in stamps:  # zone-less local times
        if stamp.offset is not None or stamp.day == day:
            continue
        written = dt.datetime.combine(stamp.day, dt.time()) + dt.timedelta(minutes=stamp.minute)
        for instant in instants:
            shift = (written - instant).total_seconds() / 60
            if (shift and shift % 15 == 0 and _MAX_WEST <= shift <= _MAX_EAST
                    and (stamp.second is None or seconds[instant] is None or stamp.second == seconds[instant])):
                return stamp.day
    return None


def _headline(tree):
    """The page's headline: the first <h1> whose words are in the <title>, else the first <h1>."""
    title = " ".join((tree.findtext(".//title") or "").split()).lower()
    first = None
    for h1 in tree.iter("h1"):
        text = " ".join(h1.text_content().split()).lower()
        if len(text) < 15:
            continue
        if title and text[:60] in title:
            return h1
        first = first if first is not None else h1
    return first


def after_headline(tree, found: str, url: str | None) -> str | None:
    """When htmldate's day comes from a dated element well *above* the headline (a site header
    showing today's date, a weather box) and not from the metadata, the first earlier date of a
    dated element below the headline (the byline), else None."""
    from htmldate.core import date_candidates, examine_header, examine_text
    from htmldate.extractors import extract_url_date, json_search
    from htmldate.utils import Extractor
    from htmldate.validators import get_max_date, get_min_date
    headline = _headline(tree)
    if headline is None:
        return None
    options = Extractor(False, get_max_date(None), get_min_date(None), True, "%Y-%m-%d")
    if extract_url_date(url, options) or examine_header(tree, options) or json_search(tree, options):
        return None
    order = {elem: i for i, elem in enumerate(tree.iter())}
    top, before = order[headline], None
    for elem in date_candidates(tree, False):
        for text in (elem.text_content(), elem.get("title", "")):
            day = examine_text(text, options)
            if not day:
                continue
            if order.get(elem, 0) < top:
                # a date just above the headline is the article's (a hero block, a kicker)
                if before is None and top - order.get(elem, 0) < _NEAR_HEADLINE:
                    return None
                before = before or day
                break
            # the header's date is the day of the visit: later than the article's
            return day if before == found and day < found else None
    return None


def _reconcile(found: str | None, tree, url: str | None = None) -> str | None:
    """htmldate's day checked against the page's JSON-LD and its local time (see the module
    docstring)."""
    day = None
    if found:
        try:
            day = dt.date.fromisoformat(found[:10])
        except ValueError:
            day = None
    if found and (below := after_headline(tree, found[:10], url)):
        day = dt.date.fromisoformat(below)
    article = jsonld_published(tree)
    if article is not None and article.day != day:
        if day is None:
            day = article.day
        # htmldate's day stands when it is the article's own last modification (an updated guide
        # shows that one; not a discussion thread, dated by its first post), when it can be the
        # same instant in another time zone, and against a date only htmldate's loose parsers
        # read (day/month order)
        elif (article.iso and (day != article.modified or article.thread)
              and (day not in local_days(article) or article.offset)):
            day = article.day
    if day is not None:
        local = local_rendering(tree, day)
        if local is not None:
            day = local
    return day.isoformat() if day else found


def metadata_date(tree, url: str | None) -> str | None:
    """The date the page's metadata and markup declare (htmldate without extensive search),
    checked against the page's JSON-LD article and its local time."""
    from htmldate import find_date
    try:
        found = find_date(tree, url=url, extensive_search=False, original_date=True)
    except Exception as exc:  # noqa: BLE001 - htmldate on hostile markup: no date
        log.debug("htmldate failed on %s: %s", url, exc)
        found = None
    try:
        return _reconcile(found, tree, url)
    except Exception as exc:  # noqa: BLE001 - keep htmldate's answer
        log.debug("date reconciliation failed on %s: %s", url, exc)
        return found


def searched_date(html: str, url: str | None) -> str | None:
    """htmldate's extensive search. It gets the string, not the tree: it parses it its own way,
    which finds more dates."""
    try:
        from htmldate import find_date
        return find_date(html, url=url, extensive_search=True, original_date=True, outputformat="%Y-%m-%d")
    except Exception as exc:  # noqa: BLE001
        log.debug("htmldate failed on %s: %s", url, exc)
        return None
