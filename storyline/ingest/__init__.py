"""Ingest stage: files, directories, globs and stdin -> RawItem or Rejection, one per article.

Formats are recognised by content as well as by name: gzip (any format inside), WARC (response
records), JSON Lines (one article per line), HTML, plain text. Anything unusable becomes a
Rejection with a one-line reason; nothing raises, so one bad input never stops a run.
"""
from __future__ import annotations

import glob
import io
import os
import stat
import sys
from pathlib import Path
from typing import BinaryIO, Iterator

from storyline.ingest.decode import DecodeError, decode
from storyline.ingest.formats import MAX_DOCUMENT_BYTES, read_document, read_stream
from storyline.model import RawItem, Rejection

__all__ = ["read", "expand", "read_bytes", "read_document", "decode", "DecodeError", "MAX_DOCUMENT_BYTES"]

STDIN_SOURCE = "<stdin>"


def read(inputs: list[str], stdin: bytes | BinaryIO | None = None) -> Iterator[RawItem | Rejection]:
    """Every article in the inputs, in a deterministic order; the same file is read once."""
    seen: set[str] = set()
    for spec in inputs:
        if spec == "-":
            yield from _guarded(STDIN_SOURCE, _read_stdin(stdin))
            continue
        for entry in expand(spec):
            if isinstance(entry, Rejection):
                yield entry
                continue
            real = os.path.realpath(entry)
            if real in seen:
                continue
            seen.add(real)
            yield from _guarded(entry, _read_path(entry))


def _guarded(source: str, items: Iterator[RawItem | Rejection]) -> Iterator[RawItem | Rejection]:
    """The last line of defence: a reader failing in an unforeseen way rejects its input only."""
    try:
        yield from items
    except Exception as exc:  # noqa: BLE001 - one input must not stop the others
        message = str(exc).splitlines()[0][:200] if str(exc) else ""
        yield Rejection(source, f"unreadable: {type(exc).__name__}: {message}".rstrip(": "))


def read_bytes(source: str, data: bytes, name: str | None = None) -> Iterator[RawItem | Rejection]:
    """Every article in an in-memory input (used for stdin and by callers that hold bytes)."""
    if len(data) > MAX_DOCUMENT_BYTES:
        yield Rejection(source, f"too large: over {MAX_DOCUMENT_BYTES // (1024 * 1024)} MB")
        return
    yield from read_stream(source, name or source, io.BytesIO(data))


def expand(spec: str) -> Iterator[str | Rejection]:
    """Paths named by one input: a file, a directory (recursive, sorted) or a glob pattern."""
    path = Path(spec)
    try:
        if path.is_dir():
            yield from _walk(path)
            return
        if path.exists() or path.is_symlink():
            yield spec
            return
    except OSError as exc:
        yield Rejection(spec, f"unreadable: {exc.strerror or exc}")
        return
    if glob.has_magic(spec):
        matches = sorted(glob.glob(spec, recursive=True))
        if not matches:
            yield Rejection(spec, "missing: no file matches this pattern")
        for match in matches:
            if os.path.isdir(match):
                yield from _walk(Path(match))
            else:
                yield match
        return
    yield Rejection(spec, "missing: no such file or directory")


def _walk(root: Path) -> Iterator[str | Rejection]:
    """Regular files under a directory, sorted, hidden files and folders skipped."""
    errors: list[OSError] = []
    for folder, dirs, files in os.walk(root, onerror=errors.append):
        while errors:
            err = errors.pop(0)
            yield Rejection(str(err.filename or folder), f"unreadable directory: {err.strerror or err}")
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = os.path.join(folder, name)
            try:
                mode = os.stat(path).st_mode
            except OSError as exc:
                yield Rejection(path, f"unreadable: {exc.strerror or exc}")
                continue
            if stat.S_ISREG(mode):  # no FIFOs, sockets or devices: reading them could block
                yield path
    for err in errors:
        yield Rejection(str(err.filename or root), f"unreadable directory: {err.strerror or err}")


def _read_path(path: str) -> Iterator[RawItem | Rejection]:
    try:
        handle = open(path, "rb")
    except OSError as exc:
        yield Rejection(path, f"unreadable: {exc.strerror or exc}")
        return
    with handle:
        if not _seekable(handle):  # a pipe named on the command line: read it into memory
            try:
                data = handle.read(MAX_DOCUMENT_BYTES + 1)
            except OSError as exc:
                yield Rejection(path, f"unreadable: {exc.strerror or exc}")
                return
            yield from read_bytes(path, data, os.path.basename(path))
            return
        yield from read_stream(path, os.path.basename(path), handle)


def _seekable(handle: BinaryIO) -> bool:
    try:
        return handle.seekable()
    except OSError:
        return False


def _read_stdin(stdin: bytes | BinaryIO | None) -> Iterator[RawItem | Rejection]:
    try:
        if isinstance(stdin, (bytes, bytearray, memoryview)):
            data = bytes(stdin)
        else:
            stream = stdin if stdin is not None else sys.stdin.buffer
            data = stream.read(MAX_DOCUMENT_BYTES + 1)
            if isinstance(data, str):  # a text stream was passed: take it as UTF-8
                data = data.encode("utf-8")
    except (OSError, ValueError, AttributeError) as exc:
        yield Rejection(STDIN_SOURCE, f"unreadable: {exc}")
        return
    yield from read_bytes(STDIN_SOURCE, data, "stdin")
