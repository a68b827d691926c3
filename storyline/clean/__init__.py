"""Clean stage: RawItem -> Document with the article body, its metadata and what was dropped.

HTML goes through trafilatura (`html.py`); text dumps through a jusText-style block classifier
(`textdump.py`). Both end in the same normalised text: NFC, plain spaces, paragraphs separated
by one blank line. Whatever the container said (JSONL fields) overrides what the page says.
A page with no usable text raises `EmptyDocument`, which the pipeline turns into a rejection.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re

from storyline.clean.dateline import published_in_dump
from storyline.clean.html import extract_html
from storyline.clean.normalize import SENTENCE_END, join_paragraphs, normalise_line
from storyline.clean.textdump import clean_text_dump
from storyline.model import Document, RawItem, Removed

__all__ = ["EmptyDocument", "clean", "document_id", "parse_day", "detect_language"]

log = logging.getLogger(__name__)

MIN_ARTICLE_CHARS = 400  # prose a page needs, without metadata, to be taken for an article


class EmptyDocument(ValueError):
    """No usable text is left after cleaning; str(exc) is the one-line rejection reason."""


def clean(item: RawItem) -> Document:
    """Clean one raw item into a Document; raises EmptyDocument when no text is left.

    Nothing else escapes: an extractor failing on hostile content is logged and reported as an
    EmptyDocument, so one page never stops a run."""
    try:
        return _clean(item)
    except EmptyDocument:
        raise
    except Exception as exc:  # noqa: BLE001 - the run goes on; the log keeps the traceback
        log.warning("cleaning %s failed", item.source, exc_info=True)
        raise EmptyDocument(f"could not clean: {type(exc).__name__}: {str(exc).splitlines()[0][:200] if str(exc) else ''}") from exc


def _clean(item: RawItem) -> Document:
    meta = item.meta or {}
    url = _str(meta.get("url"))
    if item.format == "html":
        page = extract_html(item.content, url)
        paragraphs, removed = page.paragraphs, list(page.removed)
        title, author, site, page_type = page.title, page.author, page.site, page.page_type
        published = page.published
        url = url or page.url
        headline = _str(meta.get("title")) or title
        # the <h1> repeats the title; a page whose only text is its title (a link post) keeps it
        if len(paragraphs) > 1 and headline and _same(paragraphs[0], headline):
            removed.append(Removed(paragraphs.pop(0), "title"))
    else:
        dump = clean_text_dump(item.content, title=_str(meta.get("title")))
        paragraphs, removed, title, site = dump.paragraphs, dump.removed, dump.title, dump.site
        author, page_type = None, None
        published = published_in_dump(item.content, paragraphs)  # the page's own byline date
    text = join_paragraphs(_dedupe(paragraphs))
    if not text:
        raise EmptyDocument("no article text found" if not removed else
                            f"no article text left after removing {len(removed)} boilerplate blocks")
    title = _str(meta.get("title")) or title
    author = _str(meta.get("author")) or author
    from_page = "content" if item.format != "html" and published and not meta.get("published") else "metadata"
    published = parse_day(meta.get("published")) or parse_day(published)
    if page_type is None:
        page_type = _guess_page_type(paragraphs, item.format)
    doc = Document(
        id=document_id(text), source=item.source, text=text, title=title, url=url, site=site,
        author=author, language=detect_language(text), page_type=page_type, removed=removed)
    if published:
        doc.published, doc.published_precision = published, "day"
        doc.published_range, doc.published_from = [published, published], from_page
    return doc


def document_id(text: str) -> str:
    """Stable id from the cleaned text: case and spacing do not change it."""
    canonical = " ".join(text.casefold().split())
    return hashlib.sha1(canonical.encode("utf-8")).hexdigest()[:16]


def detect_language(text: str) -> str:
    """ISO 639-1 code of the body's language (py3langid), 'und' if it cannot tell."""
    try:
        import py3langid
        lang, _ = py3langid.classify(text[:20_000])
        return lang or "und"
    except Exception as exc:
        log.debug("language detection failed: %s", exc)
        return "und"


_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


def parse_day(value) -> str | None:
    """A date or timestamp (ISO 8601, RFC 2822, 'Dec 4, 2021', epoch seconds) as YYYY-MM-DD."""
    if value is None or value == "":
        return None
    try:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            seconds = value / 1000 if value > 1e11 else value
            return dt.datetime.fromtimestamp(seconds, dt.timezone.utc).date().isoformat()
        text = str(value).strip()
        m = _ISO_DAY.match(text)
        if m:
            return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        if len(text) > 100:
            return None
        import dateparser
        parsed = dateparser.parse(text, settings={"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False,
                                                  "STRICT_PARSING": True})
        return parsed.date().isoformat() if parsed else None
    except (ValueError, OverflowError, OSError, TypeError) as exc:
        log.debug("unparsable date %r: %s", value, exc)
        return None


def _str(value) -> str | None:
    """A metadata value as a clean one-line string, or None."""
    if value is None or isinstance(value, (dict, list)):
        return None
    return normalise_line(str(value)) or None


def _dedupe(paragraphs: list[str]) -> list[str]:
    """Drop exact repeats of a paragraph (trafilatura can emit a block twice)."""
    seen, out = set(), []
    for p in paragraphs:
        k = " ".join(p.casefold().split())
        if k and k not in seen:
            seen.add(k)
            out.append(p)
    return out


def _same(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()).strip(" .") == " ".join(b.casefold().split()).strip(" .")


def _guess_page_type(paragraphs: list[str], fmt: str) -> str:
    """Without metadata: running prose is an article. A text dump is one unless it holds no
    sentence at all; a page needs some length of prose."""
    sentences = [p for p in paragraphs if SENTENCE_END.search(p)]
    if fmt == "text":
        return "article" if sentences else "unknown"
    return "article" if sum(len(p) for p in sentences if len(p) > 80) >= MIN_ARTICLE_CHARS else "unknown"
