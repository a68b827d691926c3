"""Readers for one input stream: gzip (unwrapped and read again), WARC, JSON Lines, documents.

Every reader is a generator of RawItem | Rejection and turns its own failures into rejections:
a bad JSON line or a WARC record that cannot be read is one rejection and reading goes on; a
stream that breaks (truncated gzip) ends with one rejection after what it already gave.
"""
from __future__ import annotations

import gzip
import json
import zlib
from typing import BinaryIO, Iterator

from storyline.ingest import sniff
from storyline.ingest.decode import DecodeError, decode
from storyline.model import RawItem, Rejection

MAX_DOCUMENT_BYTES = 50 * 1024 * 1024  # one article (file, JSON line, WARC record), decompressed
MAX_NESTING = 3                        # gzip inside gzip inside gzip, and no deeper
HEAD_BYTES = 64 * 1024                 # what format sniffing looks at
META_KEYS = ("url", "title", "published", "author")
WARC_TEXT_TYPES = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text"}

Item = RawItem | Rejection


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB"


def read_stream(source: str, name: str, stream: BinaryIO, depth: int = 0) -> Iterator[Item]:
    """All items in one binary stream, whatever its format."""
    try:
        head = stream.read(HEAD_BYTES)
        stream.seek(0)
        if not head:
            yield Rejection(source, "empty file")
        elif head[:2] == b"\x1f\x8b" and _gunzip_start(head).startswith(b"WARC/"):
            yield from read_warc(source, stream)  # warcio reads record-wise gzip members itself
        elif head[:2] == b"\x1f\x8b":
            if depth >= MAX_NESTING:
                yield Rejection(source, "not text: gzip nested too deep")
            else:
                with gzip.GzipFile(fileobj=stream, mode="rb") as inner:
                    yield from read_stream(source, sniff.strip_compression_suffix(name), inner, depth + 1)
        elif head.startswith(b"WARC/"):
            yield from read_warc(source, stream)
        elif (mime := sniff.binary_type(head)) is not None:
            yield Rejection(source, f"not text: binary content ({mime})")
        elif sniff.looks_jsonl(head, name):
            yield from read_jsonl(source, stream)
        else:
            data = stream.read(MAX_DOCUMENT_BYTES + 1)
            if len(data) > MAX_DOCUMENT_BYTES:
                what = "decompresses to" if depth else "is"
                yield Rejection(source, f"too large: {what} over {_mb(MAX_DOCUMENT_BYTES)} (the per-document limit)")
            else:
                yield from read_document(source, name, data)
    except EOFError as exc:
        yield Rejection(source, f"truncated gzip: {exc}")
    except (gzip.BadGzipFile, zlib.error) as exc:
        yield Rejection(source, f"corrupt gzip: {exc}")
    except OSError as exc:
        yield Rejection(source, f"unreadable: {exc.strerror or exc}")


def _gunzip_start(head: bytes) -> bytes:
    """The first decompressed bytes of a gzip stream, without failing on truncation."""
    try:
        return zlib.decompressobj(wbits=31).decompress(head, 64)
    except zlib.error:
        return b""


def read_document(source: str, name: str, data: bytes, kind: str | None = None, declared: str | None = None,
                  meta: dict | None = None) -> Iterator[Item]:
    """One article's bytes -> RawItem (html or text), or a rejection saying why not."""
    if not data:
        yield Rejection(source, "empty file")
        return
    mime = sniff.binary_type(data[:HEAD_BYTES])
    if mime is not None:
        yield Rejection(source, f"not text: binary content ({mime})")
        return
    is_html = kind == "html" if kind else sniff.looks_html(data[:HEAD_BYTES], name)
    try:
        text, _ = decode(data, html=is_html, declared=declared)
    except DecodeError as exc:
        yield Rejection(source, str(exc))
        return
    if not text.strip():
        yield Rejection(source, "empty file: whitespace only")
        return
    if kind is None and sniff.looks_json_array(text, name):
        yield from _json_array(source, text)
        return
    yield RawItem(source, text, "html" if is_html else "text", dict(meta or {}))


def read_jsonl(source: str, stream: BinaryIO) -> Iterator[Item]:
    """One article per line; a bad line is one rejection naming path:line."""
    number = 0
    while True:
        line = stream.readline(MAX_DOCUMENT_BYTES + 1)
        if not line:
            return
        number += 1
        where = f"{source}:{number}"
        if len(line) > MAX_DOCUMENT_BYTES and not line.endswith(b"\n"):
            while (rest := stream.readline(1024 * 1024)) and not rest.endswith(b"\n"):
                pass  # skip the remainder of the oversize line
            yield Rejection(where, f"too large: line over {_mb(MAX_DOCUMENT_BYTES)}")
            continue
        if not line.strip():
            continue
        try:
            text, _ = decode(line.strip())
            obj = json.loads(text)
        except DecodeError as exc:
            yield Rejection(where, str(exc))
            continue
        except ValueError as exc:
            yield Rejection(where, f"invalid JSON: {getattr(exc, 'msg', exc)} (column {getattr(exc, 'colno', '?')})")
            continue
        yield _json_item(where, obj)


def _json_array(source: str, text: str) -> Iterator[Item]:
    try:
        items = json.loads(text)
    except ValueError as exc:
        yield Rejection(source, f"invalid JSON: {getattr(exc, 'msg', exc)}")
        return
    for i, obj in enumerate(items, 1):
        yield _json_item(f"{source}:{i}", obj)


def _json_item(where: str, obj) -> Item:
    """An article object: `html` wins over `text`; url, title, published, author go to meta."""
    if not isinstance(obj, dict):
        return Rejection(where, f"not a JSON object but {type(obj).__name__}")
    meta = {}
    for key in META_KEYS:
        value = obj.get(key)
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value if isinstance(v, (str, int, float)))
        if isinstance(value, (str, int, float)) and not isinstance(value, bool) and str(value).strip():
            meta[key] = value if key == "published" else str(value).strip()
    html, text = obj.get("html"), obj.get("text")
    if isinstance(html, str) and html.strip():
        return RawItem(where, html, "html", meta)
    if isinstance(text, str) and text.strip():
        return RawItem(where, text, "text", meta)
    return Rejection(where, "no article: neither 'text' nor 'html' holds a non-empty string")


def read_warc(source: str, stream: BinaryIO) -> Iterator[Item]:
    """HTML and text `response` records; the target URI is the source and meta url.

    WARC-Date and Last-Modified say when the page was fetched or changed, not when it was
    published, so they are not passed on as `published`."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed
    found = 0
    try:
        for record in ArchiveIterator(stream):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI") or source
            status = record.http_headers.get_statuscode() or ""
            if not status.startswith("2"):
                continue  # redirects and error pages are not articles
            content_type = record.http_headers.get_header("Content-Type") or ""
            mime, _, params = content_type.partition(";")
            mime = mime.strip().lower()
            if mime and mime not in WARC_TEXT_TYPES:
                continue
            declared = _charset(params)
            try:
                body = record.content_stream().read(MAX_DOCUMENT_BYTES + 1)
            except (OSError, EOFError, zlib.error, ValueError) as exc:
                yield Rejection(uri, f"unreadable WARC record: {exc}")
                continue
            if len(body) > MAX_DOCUMENT_BYTES:
                yield Rejection(uri, f"too large: record over {_mb(MAX_DOCUMENT_BYTES)}")
                continue
            found += 1
            yield from read_document(uri, uri.rsplit("?", 1)[0], body, kind=WARC_TEXT_TYPES.get(mime),
                                     declared=declared, meta={"url": uri})
    except ArchiveLoadFailed as exc:
        yield Rejection(source, f"corrupt WARC: {_first_line(exc)}")
        return
    except Exception as exc:  # warcio fails in many ways on damaged archives; never beyond here
        yield Rejection(source, f"corrupt WARC: {type(exc).__name__}: {_first_line(exc)}")
        return
    if not found:
        yield Rejection(source, "no article: the WARC holds no HTML or text response record")


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:200] if text else "unreadable record"


def _charset(params: str) -> str | None:
    for part in params.split(";"):
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset":
            return value.strip().strip("\"'") or None
    return None
