"""Clean stage: RawItem -> Document with the article body, title, metadata and what was removed.

HTML goes through trafilatura (body, title, author, site, date; htmldate when trafilatura finds
no date); text dumps through the line classifier in `textdump`. Both end in the same whitespace
normalisation, which keeps typographic quotes and dashes as they are.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata

import py3langid
import trafilatura
from htmldate import find_date

from storyline.clean.textdump import clean_text_dump
from storyline.model import Document, RawItem, Removed

ODD_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t\f\v]+")
ZERO_WIDTH = re.compile(r"[\u200b-\u200d\ufeff]")
MIN_CHARS = 40  # below this, nothing usable is left


class EmptyDocument(ValueError):
    """The item holds no usable article text."""


def normalise(text: str) -> str:
    """NFC, odd spaces to plain ones, one blank line between paragraphs, no trailing spaces."""
    text = ZERO_WIDTH.sub("", unicodedata.normalize("NFC", text))
    text = ODD_SPACES.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [re.sub(r" {2,}", " ", l).strip() for l in text.split("\n")]
    paragraphs, current = [], []
    for line in lines + [""]:
        if line:
            current.append(line)
        elif current:
            paragraphs.append(" ".join(current) if all(not BULLETISH.match(l) for l in current) else "\n".join(current))
            current = []
    return "\n\n".join(paragraphs)


BULLETISH = re.compile(r"^[•·▪◦‣∙*\-–]\s")


def document_id(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def _day(value) -> str | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError:
        import dateparser
        parsed = dateparser.parse(str(value), settings={"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False})
        return parsed.date().isoformat() if parsed else None


def _language(text: str) -> str:
    lang, _ = py3langid.classify(text[:5000])
    return lang


def _from_html(item: RawItem) -> tuple[dict, list[Removed]]:
    url = item.meta.get("url")
    result = trafilatura.bare_extraction(item.content, url=url, with_metadata=True, include_comments=False,
                                         include_tables=False, favor_precision=True, deduplicate=True)
    meta = result.as_dict() if result is not None and hasattr(result, "as_dict") else (result or {})
    body = meta.get("text") or ""
    if not body:
        from lxml import html as lxml_html
        try:
            flat = lxml_html.fromstring(item.content).text_content()
        except Exception:  # broken markup beyond repair: keep what text there is
            flat = re.sub(r"<[^>]+>", " ", item.content)
        title, body, removed = clean_text_dump(flat)
        meta = {"title": title}
    else:
        removed = []
    date = meta.get("date")
    if not date:
        try:
            date = find_date(item.content, url=url, original_date=True, extensive_search=False)
        except Exception:  # htmldate on hostile markup: no date is better than a crash
            date = None
    page_type = meta.get("pagetype") or "article"
    return {"text": body, "title": meta.get("title") or "", "author": meta.get("author"),
            "site": meta.get("sitename") or meta.get("hostname"), "url": meta.get("url") or url,
            "published": date, "page_type": page_type if page_type in PAGE_TYPES else "unknown"}, removed


PAGE_TYPES = {"article", "forum", "product", "collection", "listing", "documentation", "service", "unknown"}


def clean(item: RawItem) -> Document:
    if item.format == "html":
        fields, removed = _from_html(item)
    else:
        title, body, removed = clean_text_dump(item.content)
        fields = {"text": body, "title": title, "author": None, "site": None, "url": None,
                  "published": None, "page_type": "article"}
    for key in ("title", "author", "url", "published"):  # what the container said wins
        if item.meta.get(key):
            fields[key] = item.meta[key]
    text = normalise(fields["text"])
    if len(text) < MIN_CHARS:
        raise EmptyDocument("no article text found" if not text else f"too little text ({len(text)} characters)")
    published = _day(fields.get("published"))
    return Document(
        id=document_id(text), source=item.source, text=text, title=normalise(fields.get("title") or ""),
        url=fields.get("url"), site=fields.get("site"), author=fields.get("author"), language=_language(text),
        page_type=fields.get("page_type") or "article", published=published,
        published_precision="day" if published else "unknown",
        published_range=[published, published] if published else None,
        published_from="metadata" if published else None, removed=removed)
