"""Publication dates of web pages: storyline's clean() beside htmldate (fast mode and extensive
search), computed in the same run on the same decoded pages.

Sets:
- ../shared/data/dates/htmldate-mediacloud (htmldate's MediaCloud 2020 sample; truth.json: url ->
  file, date; 195 dated pages, 5 without a date), the figures htmldate's own evaluation reports
  (exact day: 0.913 extensive, 0.872 fast, reproduced here);
- WCXB dev ground truth `publish_date` (1,497 pages, 782 with a date; the others are pages that
  carry no publication date, where any answer is wrong).

For each system: exact = share of dated pages whose day is exactly right; no answer = share of
dated pages without an answer; precision = exact / answered (no date is better than a wrong
date, so precision and coverage are reported apart); on WCXB also the share of undated pages
that got a date anyway. htmldate runs as `find_date(html, url=url, extensive_search=...,
original_date=True)`; storyline's figure is clean()'s `published` (its whole cleaning, extraction
included, hence the lower pages/s). Pages/s are CPU time per core of the timed calls only.

    .venv/bin/python benchmarks/dates.py [--limit N] [--jobs J] [--sets mediacloud,wcxb] [--wrong K]
"""
from __future__ import annotations

import argparse
import gzip
import json
import logging
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
MEDIACLOUD = DATA / "dates" / "htmldate-mediacloud"
WCXB = DATA / "extraction" / "wcxb-dev"
SYSTEMS = ["storyline clean()", "htmldate fast", "htmldate extensive"]


def _read(path: Path) -> str | None:
    from storyline.ingest import DecodeError, decode
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    try:
        return decode(data, html=True)[0]
    except DecodeError:
        return None


def _storyline(html: str, url: str | None) -> str | None:
    from storyline.clean import EmptyDocument, clean
    from storyline.model import RawItem
    try:
        return clean(RawItem("bench", html, "html", {"url": url} if url else {})).published
    except EmptyDocument:
        return None


def _htmldate(html: str, url: str | None, extensive: bool) -> str | None:
    from htmldate import find_date
    try:
        return find_date(html, url=url, extensive_search=extensive, original_date=True, outputformat="%Y-%m-%d")
    except Exception:  # noqa: BLE001 - an anchor failing on a page gives no answer
        return None


def job(task: tuple[str, str, str | None]) -> dict:
    key, path, url = task
    logging.disable(logging.WARNING)
    html = _read(Path(path))
    out = {"key": key}
    calls = [(SYSTEMS[0], lambda: _storyline(html, url)), (SYSTEMS[1], lambda: _htmldate(html, url, False)),
             (SYSTEMS[2], lambda: _htmldate(html, url, True))]
    for name, call in calls:
        started = time.process_time()
        out[name] = call() if html is not None else None
        out[name + " s"] = time.process_time() - started
    return out


def _warm() -> None:
    logging.disable(logging.WARNING)
    page = ("<html><head><title>Warm</title><meta property='article:published_time' content='2020-01-02'>"
            "</head><body><article><h1>Warm</h1>" + "<p>Warm-up text, published on 3 January 2020.</p>" * 20
            + "</article></body></html>")
    _storyline(page, "https://example.org/a")
    _htmldate(page, None, True)


def run(tasks, jobs):
    if jobs <= 1:
        _warm()
        return [job(t) for t in tasks]
    with ProcessPoolExecutor(jobs, initializer=_warm) as pool:
        return list(pool.map(job, tasks, chunksize=4))


def report(title: str, results: list[dict], gold: dict[str, str | None], wrong: int) -> None:
    dated = [r for r in results if gold[r["key"]]]
    undated = [r for r in results if not gold[r["key"]]]
    print(f"{title} ({len(dated)} dated pages" + (f", {len(undated)} undated" if undated else "") + ")")
    print(f"  {'':22} {'exact':>6} {'no answer':>10} {'precision':>10}" + (f" {'dated undated':>14}" if undated else "")
          + f" {'pages/s':>8}")
    for name in SYSTEMS:
        exact = sum(r[name] == gold[r["key"]] for r in dated)
        none = sum(not r[name] for r in dated)
        answered = len(dated) - none
        seconds = sum(r[name + " s"] for r in results)
        extra = f" {sum(bool(r[name]) for r in undated) / len(undated):14.3f}" if undated else ""
        print(f"  {name:22} {exact / len(dated):6.3f} {none / len(dated):10.3f} "
              f"{exact / answered if answered else 0:10.3f}{extra} {len(results) / seconds:8.1f}")
    if wrong:
        bad = [r for r in dated if r[SYSTEMS[0]] and r[SYSTEMS[0]] != gold[r["key"]]][:wrong]
        for r in bad:
            print(f"    wrong: {r['key']} storyline {r[SYSTEMS[0]]} gold {gold[r['key']]} "
                  f"htmldate-ext {r[SYSTEMS[2]]}")


def mediacloud(limit, jobs, wrong) -> None:
    truth = json.loads((MEDIACLOUD / "truth.json").read_text(encoding="utf-8"))
    items = sorted(truth.items(), key=lambda kv: kv[1]["file"])[:limit]
    tasks = [(v["file"], str(MEDIACLOUD / v["file"]), url) for url, v in items]
    # five pages have no date (NaN in truth.json): they count as undated, as in the anchor figures
    gold = {v["file"]: v["date"] if isinstance(v["date"], str) else None for _, v in items}
    report("htmldate-mediacloud: exact publication day", run(tasks, jobs), gold, wrong)


def wcxb(limit, jobs, wrong) -> None:
    gold, tasks = {}, []
    for f in sorted((WCXB / "ground-truth").glob("*.json")):
        data = json.loads(f.read_text(encoding="utf-8"))
        day = (data.get("ground_truth") or {}).get("publish_date")
        gold[f.stem] = day[:10] if day else None
        tasks.append((f.stem, str(WCXB / "html" / f"{f.stem}.html.gz"), data.get("url")))
    if limit:
        tasks = tasks[::max(1, len(tasks) // limit)][:limit]
    report("WCXB dev publish_date: exact publication day", run(tasks, jobs), gold, wrong)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, help="at most N pages per set")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--wrong", type=int, default=0, help="list K pages storyline dates wrongly")
    ap.add_argument("--sets", default="mediacloud,wcxb")
    args = ap.parse_args(argv)
    started = time.perf_counter()
    for name, fn in (("mediacloud", mediacloud), ("wcxb", wcxb)):
        if name in args.sets.split(","):
            fn(args.limit, args.jobs, args.wrong)
            print()
    print(f"total wall time {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
