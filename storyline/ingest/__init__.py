"""Ingest stage: paths, directories, globs and stdin -> RawItem or Rejection, one per article.

Formats are recognised by content as well as by name: gzip (any format inside), WARC (response
records), JSON Lines (one article per line), HTML, plain text. Bytes are decoded with
charset-normalizer. Anything unusable becomes a Rejection with a one-line reason; nothing raises.
"""
from __future__ import annotations

import glob
import gzip
import io
import json
import os
import sys
import zlib
from pathlib import Path
from typing import BinaryIO, Iterator

from charset_normalizer import from_bytes

from storyline.model import RawItem, Rejection

MAX_BYTES = 50 * 1024 * 1024        # one input (or one decompressed gzip) at most
MAGIC = {b"PK\x03\x04": "application/zip", b"%PDF": "application/pdf", b"\x89PNG": "image/png",
         b"\xff\xd8\xff": "image/jpeg", b"GIF8": "image/gif", b"\x7fELF": "application/x-executable",
         b"Rar!": "application/x-rar", b"7z\xbc\xaf": "application/x-7z-compressed", b"OggS": "audio/ogg",
         b"ID3": "audio/mpeg", b"RIFF": "application/octet-stream", b"\x00\x00\x01\x00": "image/x-icon"}


def expand(inputs: list[str]) -> Iterator[str | Rejection]:
    """Files named by the inputs: directories recursively (sorted), globs, '-' for stdin."""
    for spec in inputs:
        if spec == "-":
            yield "-"
            continue
        path = Path(spec)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
            yield from (str(p) for p in files)
        elif path.exists():
            yield str(path)
        elif glob.has_magic(spec):
            matches = sorted(glob.glob(spec, recursive=True))
            if not matches:
                yield Rejection(spec, "no file matches this pattern")
            for m in matches:
                yield from expand([m])
        else:
            yield Rejection(spec, "no such file or directory")


def read(inputs: list[str], stdin: BinaryIO | None = None) -> Iterator[RawItem | Rejection]:
    for name in expand(inputs):
        if isinstance(name, Rejection):
            yield name
            continue
        try:
            if name == "-":
                data = (stdin or sys.stdin.buffer).read(MAX_BYTES + 1)
            else:
                if os.path.getsize(name) > MAX_BYTES:
                    yield Rejection(name, f"too large: over {MAX_BYTES // (1024 * 1024)} MB")
                    continue
                data = Path(name).read_bytes()
        except OSError as exc:
            yield Rejection(name, f"unreadable: {exc.strerror or exc}")
            continue
        yield from read_bytes(name if name != "-" else "<stdin>", data)


def read_bytes(source: str, data: bytes) -> Iterator[RawItem | Rejection]:
    """Items in one input's bytes, whatever its format."""
    if len(data) > MAX_BYTES:
        yield Rejection(source, f"too large: over {MAX_BYTES // (1024 * 1024)} MB")
        return
    if not data.strip():
        yield Rejection(source, "empty file")
        return
    if data[:2] == b"\x1f\x8b":
        try:
            data = _gunzip(data)
        except (OSError, EOFError, zlib.error) as exc:
            yield Rejection(source, f"truncated or corrupt gzip: {exc}")
            return
        yield from read_bytes(source, data)
        return
    if data[:4] == b"WARC":
        yield from _warc(source, data)
        return
    for magic, kind in MAGIC.items():
        if data.startswith(magic):
            yield Rejection(source, f"not text: binary content ({kind})")
            return
    text = decode(data)
    if text is None:
        yield Rejection(source, "not text: binary content or undecodable bytes")
        return
    stripped = text.lstrip()
    if source.endswith((".jsonl", ".ndjson")) or (stripped.startswith("{") and _looks_jsonl(stripped)):
        yield from _jsonl(source, text)
    elif _looks_html(stripped):
        yield RawItem(source, text, "html")
    else:
        yield RawItem(source, text, "text")


def _gunzip(data: bytes) -> bytes:
    with gzip.GzipFile(fileobj=io.BytesIO(data)) as f:
        out = f.read(MAX_BYTES + 1)
    if len(out) > MAX_BYTES:
        raise OSError(f"decompresses to over {MAX_BYTES // (1024 * 1024)} MB")
    return out


def decode(data: bytes) -> str | None:
    """Text of the bytes, or None when they are not text in any encoding."""
    if data.count(b"\x00") > len(data) // 100:
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[:200_000]).best()
    if best is None:
        return None
    text = data.decode(best.encoding, errors="replace")
    controls = sum(1 for c in text[:20000] if ord(c) < 32 and c not in "\n\r\t\f")
    if controls > len(text[:20000]) // 50 or text.count("\ufffd") > len(text) // 20:
        return None
    return text


def _looks_html(text: str) -> bool:
    head = text[:2000].lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or "<body" in head or "<p>" in head or "<div" in head


def _looks_jsonl(text: str) -> bool:
    first = text.split("\n", 1)[0]
    try:
        return isinstance(json.loads(first), dict)
    except ValueError:
        return False


def _jsonl(source: str, text: str) -> Iterator[RawItem | Rejection]:
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{source}:{n}"
        try:
            obj = json.loads(line)
        except ValueError as exc:
            yield Rejection(where, f"invalid JSON line: {exc.msg}")
            continue
        if not isinstance(obj, dict) or not (obj.get("text") or obj.get("html")):
            yield Rejection(where, "JSON line has no 'text' or 'html'")
            continue
        meta = {k: obj[k] for k in ("url", "title", "published", "author") if isinstance(obj.get(k), str)}
        if obj.get("html"):
            yield RawItem(where, str(obj["html"]), "html", meta)
        else:
            body = str(obj["text"])
            yield RawItem(where, (meta.get("title", "") + "\n\n" + body) if meta.get("title") else body, "text", meta)


def _warc(source: str, data: bytes) -> Iterator[RawItem | Rejection]:
    from warcio.archiveiterator import ArchiveIterator
    try:
        for record in ArchiveIterator(io.BytesIO(data)):
            if record.rec_type != "response":
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI") or source
            ctype = (record.http_headers.get_header("Content-Type") if record.http_headers else "") or ""
            if ctype and not any(t in ctype for t in ("html", "text", "xml")):
                continue
            body = record.content_stream().read(MAX_BYTES + 1)
            items = list(read_bytes(uri, body))
            for item in items:
                if isinstance(item, RawItem):
                    item.meta.setdefault("url", uri)
                yield item
    except Exception as exc:  # warcio raises many kinds on truncated archives
        yield Rejection(source, f"corrupt WARC: {exc}")
