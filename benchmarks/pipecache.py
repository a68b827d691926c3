"""Per-document pipeline results of benchmark corpora, cached on disk: `pipeline.process` (clean,
parse, time expressions, candidates) is most of a corpus benchmark's time, and the
cross-document stages being measured do not change it. The cache key covers the inputs and the
source of every per-document module, so editing those rebuilds it and editing the
cross-document stages does not. The cache is a pickle in /tmp, read only by these benchmarks.
"""
from __future__ import annotations

import hashlib
import pickle
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from storyline.model import Document, RawItem, Rejection
from storyline.pipeline import process

CACHE = Path("/tmp/storyline-bench")
PACKAGE = Path(__file__).resolve().parents[1] / "storyline"
CROSS_DOCUMENT = ("pipeline.py", "merge.py", "summarize.py", "dedupe.py", "cluster/", "time/docdate.py", "time/prior.py",
                  "report/", "web/", "store.py", "cli.py", "engines/",
                  "models/stories.json", "models/coref.json", "models/docdate.json")


def _source_digest() -> str:
    h = hashlib.md5()
    for path in sorted(PACKAGE.rglob("*")):
        rel = path.relative_to(PACKAGE).as_posix()
        if path.is_file() and path.suffix in (".py", ".json", ".tsv", ".txt") and not rel.startswith(CROSS_DOCUMENT):
            h.update(rel.encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:12]


def processed(items: list[RawItem], name: str, workers: int = 2) -> list[Document | Rejection]:
    """`process(item)` for every item, in order, from the cache when inputs and code are unchanged."""
    h = hashlib.md5(_source_digest().encode())
    for item in items:
        h.update(f"{item.source}\0{item.format}\0{sorted(item.meta.items())}\0{item.content}\1".encode())
    path = CACHE / f"{name}-docs-{h.hexdigest()[:12]}.pkl"
    if path.exists():
        return pickle.loads(path.read_bytes())
    out = []
    with ProcessPoolExecutor(workers) as pool:
        for i, result in enumerate(pool.map(process, items, chunksize=4), 1):
            out.append(result)
            if sys.stderr.isatty() or i % 100 == 0:
                print(f"\r  {name}: processed {i}/{len(items)}", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    CACHE.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(pickle.dumps(out))
    tmp.replace(path)
    return out
