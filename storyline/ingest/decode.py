"""Bytes to text: BOM, UTF-8, a declared charset that decodes cleanly, then charset-normalizer.

Order matters. A BOM is certain. Strict UTF-8 almost never succeeds on bytes that are not UTF-8,
and pages declaring latin-1 are often UTF-8 in fact, so it goes before any declaration. A declared
charset (HTTP header, <meta charset>) is honoured when it decodes without errors. Only then is
the encoding guessed; a guess that leaves the text garbled is a rejection, not a document.
"""
from __future__ import annotations

import codecs
import re

from storyline.ingest.sniff import utf16_without_bom

GUESS_SAMPLE = 2_000_000     # bytes charset-normalizer looks at (it samples further inside)
MAX_BAD_SHARE = 0.01         # replacement or control characters allowed in decoded text
MOSTLY_ASCII = 0.02          # non-ASCII share below which a failed guess falls back to cp1252
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_BAD = re.compile(r"[\ufffd\x00-\x08\x0b\x0e-\x1f\x7f\x80-\x9f]")
# WHATWG: browsers read these labels as windows-1252
_AS_CP1252 = {"latin-1", "latin1", "iso-8859-1", "iso8859-1", "iso_8859-1", "l1", "ascii", "us-ascii",
              "cp819", "ibm819", "iso-ir-100", "x-cp1252", "windows-1252"}
_BOMS = [(codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]


class DecodeError(ValueError):
    """The bytes are not sensible text in any encoding; str(exc) is the one-line reason."""


def decode(data: bytes, html: bool = False, declared: str | None = None) -> tuple[str, str]:
    """(text, encoding used) or DecodeError."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data, encoding, f"mis-encoded: invalid {encoding} after a byte-order mark"), encoding
    wide = utf16_without_bom(data)
    if wide:
        return _strict(data, wide, f"mis-encoded: invalid {wide}"), wide
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    for label in (declared, meta_charset(data) if html else None):
        encoding = _codec(label)
        if encoding:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if not _garbled(text):
                return text, encoding
    return _guess(data)


def meta_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:8192])
    return m.group(1).decode("ascii", "ignore") if m else None


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().lower()
    if label in _AS_CP1252:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _strict(data: bytes, encoding: str, reason: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DecodeError(f"{reason} (byte {exc.start})") from None
    return text[1:] if text.startswith("\ufeff") else text


def _garbled(text: str) -> bool:
    sample = text[:200_000]
    return bool(sample) and len(_BAD.findall(sample)) > MAX_BAD_SHARE * len(sample)


def _guess(data: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes
    results = from_bytes(data[:GUESS_SAMPLE])
    best = results.best()
    if best is None:
        non_ascii = sum(b > 0x7F for b in data[:GUESS_SAMPLE]) / max(1, min(len(data), GUESS_SAMPLE))
        if non_ascii < MOSTLY_ASCII:
            try:
                return data.decode("cp1252"), "cp1252"
            except UnicodeDecodeError:
                pass
        raise DecodeError("mis-encoded: no text encoding fits these bytes")
    encoding = best.encoding
    # charset-normalizer ties Western text between cp1250/cp1252/...; the web's default wins a tie
    if encoding != "cp1252" and any(r.encoding == "cp1252" and r.chaos <= best.chaos for r in results):
        encoding = "cp1252"
    text = data.decode(encoding, errors="replace")
    if _garbled(text):
        raise DecodeError(f"mis-encoded: undecodable bytes even as {encoding}")
    return text, encoding
