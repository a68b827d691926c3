"""storyline: turn a pile of raw news articles into a sourced account of what happened.

    import storyline
    result = storyline.run(["articles/"], out="storyline-out")

`run` is the whole job; `extract` only cleans documents. The CLI and the web UI are thin layers
over these two functions.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from storyline.model import Document, RawItem, Rejection, Result

__version__ = "0.1.0"
__all__ = ["run", "extract", "Result", "Document", "Rejection"]


def _read(paths: list[str], stdin=None) -> tuple[list[RawItem], list[Rejection]]:
    from storyline.ingest import read
    items, rejected = [], []
    for x in read(list(paths), stdin=stdin):
        (rejected if isinstance(x, Rejection) else items).append(x)
    return items, rejected


def run(paths: list[str], out: str | Path | None = None, engine: str = "local", workers: int | None = None,
        stdin=None, on_rejected: Callable[[Rejection], None] | None = None,
        progress: Callable[[int, int], None] | None = None) -> Result:
    """Run the whole pipeline over `paths`; write OUT (storyline.json, storyline.duckdb, reports)
    when `out` is given."""
    from storyline.pipeline import reduce
    items, rejected = _read(paths, stdin)
    for r in rejected:
        if on_rejected:
            on_rejected(r)
    if engine == "spark":
        from storyline.engines.spark import run_map
        results = run_map(items, workers)
    else:
        from storyline.engines.local import run_map
        done = [0]

        def tick() -> None:
            done[0] += 1
            if progress:
                progress(done[0], len(items))
        results = list(run_map(items, workers, tick))
    documents = []
    for r in results:
        if isinstance(r, Rejection):
            rejected.append(r)
            if on_rejected:
                on_rejected(r)
        else:
            documents.append(r)
    result = reduce(documents, rejected)
    if out is not None:
        from storyline.report import write_reports
        from storyline.store import write
        data = write(result, out)
        write_reports(data, Path(out))
        result.out = str(out)
    return result


def extract(paths: list[str], url: str | None = None, stdin=None) -> tuple[list[Document], list[Rejection]]:
    """Clean and describe documents only (no NLP): the `storyline extract` command."""
    from storyline.clean import EmptyDocument, clean
    items, rejected = _read(paths, stdin)
    docs = []
    for item in items:
        if url:
            item.meta.setdefault("url", url)
        try:
            docs.append(clean(item))
        except EmptyDocument as exc:
            rejected.append(Rejection(item.source, str(exc)))
    return docs, rejected
