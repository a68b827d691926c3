"""Command line: parsing and printing only; the work is in storyline.run / storyline.extract."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)

import storyline

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Turn raw news articles into a sourced storyline.")
err = Console(stderr=True)


def _reject(r) -> None:
    err.print(f"rejected {r.source}: {r.reason}", markup=False, highlight=False, soft_wrap=True)


@app.command()
def run(inputs: List[str] = typer.Argument(..., help="files, directories, globs, or - for stdin"),
        out: Path = typer.Option(Path("storyline-out"), "-o", "--out", help="output directory"),
        engine: str = typer.Option("local", help="local | spark"),
        workers: Optional[int] = typer.Option(None, help="worker processes (default: all cores)")) -> None:
    """The main job: ingest, clean, date, dedupe, cluster, extract, merge, write OUT."""
    if engine not in ("local", "spark"):
        raise typer.BadParameter("engine must be 'local' or 'spark'", param_hint="--engine")
    interactive = err.is_terminal
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, disable=not interactive, transient=True) as bar:
        task = bar.add_task("articles", total=None)
        result = storyline.run(inputs, out=out, engine=engine, workers=workers, on_rejected=_reject,
                               progress=lambda done, total: bar.update(task, completed=done, total=total))
    if not result.documents:
        err.print("nothing usable was read")
        raise typer.Exit(1)
    print(f"{len(result.documents)} documents, {len(result.stories)} stories, {len(result.events)} events, "
          f"{len(result.claims)} claims, {len(result.quotes)} quotes, {len(result.rejected)} rejected -> {out}")


@app.command()
def extract(inputs: List[str] = typer.Argument(...), url: Optional[str] = typer.Option(None, help="URL of the page")) -> None:
    """Clean documents only; one JSON object per line on stdout."""
    docs, rejected = storyline.extract(inputs, url=url)
    for r in rejected:
        _reject(r)
    for d in docs:
        row = d.to_dict()
        row.pop("story", None)
        sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    if not docs:
        raise typer.Exit(1)


@app.command()
def timex(file: Path, dct: str = typer.Option(..., help="document creation time, YYYY-MM-DD")) -> None:
    """Time expressions in a plain-text file, normalised against --dct; one JSON object per line."""
    import datetime as dt

    from storyline.nlp import parse
    from storyline.time import find_timexes, resolve_timex
    try:
        day = dt.date.fromisoformat(dct)
    except ValueError:
        raise typer.BadParameter("expected YYYY-MM-DD", param_hint="--dct")
    text = file.read_text(encoding="utf-8")
    for t in find_timexes(text, parse(text)):
        r = resolve_timex(t, day)
        value = r.value if r else t.value
        print(json.dumps({"start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": value}, ensure_ascii=False))


@app.command()
def events(sentences: Path = typer.Option(..., "--sentences", help="a file with one sentence per line")) -> None:
    """Event coding of single sentences; one JSON object per input line, main event first."""
    from storyline.extract import code_sentence
    try:
        lines = sentences.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise typer.BadParameter(f"cannot read {sentences}: {exc}", param_hint="--sentences")
    for n, line in enumerate(lines):
        coded = code_sentence(line) if line.strip() else []
        print(json.dumps({"line": n, "events": coded}, ensure_ascii=False))


@app.command()
def serve(out: Path, host: str = "127.0.0.1", port: int = 8000,
          workers: int = typer.Option(1, min=1, max=64, help="server processes (each with its own page cache)"),
          cache_mb: int = typer.Option(256, min=0, help="memory for rendered pages per process, MB (0: none)")) -> None:
    """The web UI over a finished OUT directory."""
    from storyline.web import serve as serve_out
    serve_out(out, host=host, port=port, workers=workers, cache_bytes=cache_mb * 2**20)


if __name__ == "__main__":
    app()
