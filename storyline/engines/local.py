"""Local engine: the per-document map over all cores with worker processes.

Each worker loads spaCy once (storyline.nlp.load is cached per process). Small inputs run in
the calling process, where starting workers would cost more than it saves.
"""
from __future__ import annotations

import os
import signal
import threading
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Iterator

from storyline.model import Document, RawItem, Rejection
from storyline.pipeline import process

IN_PROCESS_BELOW = 8  # items
DOCUMENT_SECONDS = 120  # a document taking longer than this is rejected, not waited for


def run_map(items: list[RawItem], workers: int | None = None,
            progress: Callable[[], None] | None = None) -> Iterator[Document | Rejection]:
    workers = workers or os.cpu_count() or 1
    if workers <= 1 or len(items) < IN_PROCESS_BELOW:
        for item in items:
            yield _safe(item)
            if progress:
                progress()
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for result in pool.map(_safe, items, chunksize=4):
            yield result
            if progress:
                progress()


class DocumentTimeout(Exception):
    pass


def _timeout(signum, frame):
    raise DocumentTimeout(f"over {DOCUMENT_SECONDS} s")


def _safe(item: RawItem) -> Document | Rejection:
    """One bad document never stops the run: a failure or a hang (over DOCUMENT_SECONDS) becomes
    its rejection."""
    timed = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
    if timed:
        previous = signal.signal(signal.SIGALRM, _timeout)
        signal.setitimer(signal.ITIMER_REAL, DOCUMENT_SECONDS)
    try:
        return process(item)
    except Exception as exc:  # noqa: BLE001 - the run goes on; the reason is reported
        return Rejection(item.source, f"processing failed: {type(exc).__name__}: {exc}".splitlines()[0])
    finally:
        if timed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
