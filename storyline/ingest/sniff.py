"""What kind of bytes an input holds, from its first bytes and its name.

Content decides first (a gzip or WARC magic, a binary file signature, control characters, a
JSON object per line, HTML tags); the name only settles what content leaves open, such as a
`.jsonl` file whose first line is broken.
"""
from __future__ import annotations

import json
import re

# File signatures of common non-text formats: (offset, magic, MIME type)
SIGNATURES = [
    (0, b"PK\x03\x04", "application/zip"), (0, b"PK\x05\x06", "application/zip"),
    (0, b"%PDF-", "application/pdf"), (0, b"\x89PNG\r\n\x1a\n", "image/png"),
    (0, b"\xff\xd8\xff", "image/jpeg"), (0, b"GIF87a", "image/gif"), (0, b"GIF89a", "image/gif"),
    (0, b"\x7fELF", "application/x-elf"), (0, b"Rar!\x1a\x07", "application/vnd.rar"),
    (0, b"7z\xbc\xaf\x27\x1c", "application/x-7z-compressed"), (0, b"BZh", "application/x-bzip2"),
    (0, b"\xfd7zXZ\x00", "application/x-xz"), (0, b"\x28\xb5\x2f\xfd", "application/zstd"),
    (0, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "application/x-ole-storage"),
    (0, b"SQLite format 3\x00", "application/vnd.sqlite3"), (0, b"OggS", "audio/ogg"),
    (0, b"ID3", "audio/mpeg"), (0, b"fLaC", "audio/flac"), (0, b"wOFF", "font/woff"),
    (0, b"wOF2", "font/woff2"), (0, b"\x00\x00\x01\x00", "image/x-icon"), (0, b"BM", None),
    (0, b"II*\x00", "image/tiff"), (0, b"MM\x00*", "image/tiff"), (0, b"\xca\xfe\xba\xbe", "application/java-vm"),
    (0, b"\x00asm", "application/wasm"), (0, b"MZ", None), (4, b"ftyp", "video/mp4"),
    (8, b"WEBP", "image/webp"), (8, b"AVI ", "video/x-msvideo"), (8, b"WAVE", "audio/wav"),
    (257, b"ustar", "application/x-tar"),
]
# magics that are also plausible starts of text: only binary if control bytes follow
_WEAK = {b"BM": "image/bmp", b"MZ": "application/x-msdownload", b"BZh": "application/x-bzip2",
         b"ID3": "audio/mpeg"}
_CONTROL = set(range(0x00, 0x09)) | {0x0B, 0x0E, 0x0F} | set(range(0x10, 0x1B)) | set(range(0x1C, 0x20)) | {0x7F}
MAX_CONTROL_SHARE = 0.02   # more control bytes than this and it is not text
HTML_NAMES = (".html", ".htm", ".xhtml", ".shtml")
JSONL_NAMES = (".jsonl", ".ndjson", ".jsonlines")
_HTML_START = re.compile(rb"^\s*<(?:!doctype\s+html|html|head|body|meta|title|!--|\?xml[^>]*>\s*<(?:!doctype\s+)?html)",
                         re.IGNORECASE)
_HTML_TAGS = re.compile(rb"<(?:html|head|body|div|p|article|section|main|script|style|title|meta|link)\b[^>]*>",
                        re.IGNORECASE)
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def binary_type(head: bytes) -> str | None:
    """MIME type if the head carries a binary signature or too many control bytes, else None."""
    for offset, magic, mime in SIGNATURES:
        if head[offset:offset + len(magic)] == magic:
            if mime is None or magic in _WEAK:
                if _control_share(head[:512]) > MAX_CONTROL_SHARE:
                    return _WEAK.get(magic, mime) or "application/octet-stream"
                continue
            return mime
    if head.startswith(_BOMS) or utf16_without_bom(head):
        return None
    if _control_share(head) > MAX_CONTROL_SHARE or b"\x00" in head:
        return "application/octet-stream"
    return None


def _control_share(data: bytes) -> float:
    return sum(b in _CONTROL for b in data) / len(data) if data else 0.0


def utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' when every other byte is NUL (ASCII-range UTF-16 text)."""
    sample = head[:4096]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def looks_jsonl(head: bytes, name: str) -> bool:
    """One JSON object per line: by name, or by a first line that parses as an object."""
    if name.lower().endswith(JSONL_NAMES):
        return True
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not stripped.startswith(b"{"):
        return False
    first = stripped.split(b"\n", 1)[0]
    try:
        return isinstance(json.loads(first), dict)
    except ValueError:
        return False


def looks_json_array(text: str, name: str) -> bool:
    return name.lower().endswith(".json") and text.lstrip().startswith("[")


def looks_html(head: bytes, name: str) -> bool:
    """HTML by its opening (doctype, <html>, <head>...) or by name, or by tags near the start."""
    if _HTML_START.match(head.lstrip(b"\xef\xbb\xbf")):
        return True
    if name.lower().endswith(HTML_NAMES):
        return True
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return start == b"<" and len(_HTML_TAGS.findall(head[:8192])) >= 2


def strip_compression_suffix(name: str) -> str:
    """'page.html.gz' -> 'page.html', 'x.tgz' -> 'x.tar'."""
    lower = name.lower()
    if lower.endswith(".gz"):
        return name[:-3]
    if lower.endswith(".tgz"):
        return name[:-4] + ".tar"
    return name
