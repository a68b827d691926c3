"""Rendered responses kept in memory: a finished run never changes while it is served, so a page
is a pure function of its URL and is rendered once. Bounded by total bytes, least recently used
out first; thread-safe, since sync endpoints run on a thread pool."""
from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

DEFAULT_BYTES = 256 * 2**20   # about a thousand large story pages
MAX_ENTRY_BYTES = 4 * 2**20   # bigger bodies (downloads, the whole run) are sent, not kept


@dataclass(frozen=True)
class Cached:
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes


class PageCache:
    def __init__(self, max_bytes: int = DEFAULT_BYTES):
        self.max_bytes = max_bytes
        self._items: OrderedDict[str, Cached] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> Cached | None:
        with self._lock:
            item = self._items.get(key)
            if item is not None:
                self._items.move_to_end(key)
            return item

    def put(self, key: str, item: Cached) -> None:
        size = len(item.body)
        if size > min(MAX_ENTRY_BYTES, self.max_bytes):
            return
        with self._lock:
            old = self._items.pop(key, None)
            self._bytes += size - (len(old.body) if old else 0)
            self._items[key] = item
            while self._bytes > self.max_bytes:
                _, dropped = self._items.popitem(last=False)
                self._bytes -= len(dropped.body)

    def __len__(self) -> int:
        return len(self._items)
