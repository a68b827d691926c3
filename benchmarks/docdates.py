"""Publication dates of documents without metadata: dated English news given as plain text, with
every short line that carries the publication date (bylines, datelines, metadata headers) taken
out, run through the pipeline as one pile, as a user would, and scored on the publication range
that storyline infers from the body alone (its own dates and those of the documents it is
grouped with).

Sets (read in place under ../shared/data), 1,057 documents:
- tbaq: TimeBank + AQUAINT news, 256 (gold: the DCT; group: corpus and news source, "TimeBank/wsj");
- wcxb: WCXB dev pages of type article with a `publish_date` day, 656; text = `main_content`, no
  title (titles can carry dates);
- mediacloud: htmldate's MediaCloud sample, the body extracted by trafilatura, 75 English pages;
- scrapinghub: `articleBody`, 70 English pages; gold = htmldate's original date of the page (it
  finds one on every page). Groups are the site's host outside tbaq.

Only English documents are kept: only English goes through every stage. Date evidence a
metadata-free user would not have is removed from every text: (a) lines of at most 40 words
holding the gold day in any common form; (b) lines of at most 25 words among the first and last 3
holding a Published/Posted/Updated cue, or any full date unless they read as a sentence; (c) a
leading dateline prefix ("WASHINGTON, March 3 (Reuters) -"). Other sentences that mention dates
stay: they are the evidence. Documents whose id's md5 is 0 mod 5 form the frozen split, the rest
fit (for fitting priors on these documents without scoring on them).

Per set and split: share whose range holds the gold day (no date counts as not holding), share
with no date, median width of the given ranges in days, share given an exact day and the share of
those that are right. Anchor in the same run: the latest fully dated day the text mentions.

`pipeline.process` over the 1,057 texts takes about 10 minutes on 2 cores and is cached in /tmp
(`pipecache`); the one `reduce` over the pile takes about 3.

    .venv/bin/python benchmarks/docdates.py [--sets tbaq,wcxb,mediacloud,scrapinghub] [--limit N]
        [--show] [--wrong K]
"""
from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gzip
import hashlib
import json
import logging
import re
import statistics
import time
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pipecache  # benchmarks/ is on sys.path when this file runs as a script
import tbaq

from storyline.clean import detect_language
from storyline.ingest import DecodeError, decode
from storyline.model import Document, RawItem, Rejection
from storyline.pipeline import reduce
from storyline.time.expressions import find

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
SAMPLES = pipecache.CACHE / "docdates-samples.json"
SETS = ("tbaq", "wcxb", "mediacloud", "scrapinghub")
FROZEN_EVERY = 5
GOLD_LINE_WORDS = 40   # a line this short holding the gold day is a byline, dateline or header
EDGE_LINE_WORDS = 25   # ... and one this short among the first/last EDGE_LINES holding any full date
EDGE_LINES = 3
SENTENCE_WORDS = 8     # an edge line this long ending as a sentence is body text, whatever date it names
TARGETS = {"holds": 0.90, "width": 31, "right": 0.98}

_MON = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
        r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
NUMERIC_DATE = re.compile(r"(?<!\d)(?:\d{1,2}[./-]\d{1,2}[./-](?:19|20)\d\d|(?:19|20)\d\d[./]\d{1,2}[./]\d{1,2})(?!\d)")
ISO_DAY = re.compile(r"\d{4}-\d\d-\d\d")  # some golds are a month ("2015-11") or NaN
SENTENCE_END = re.compile(r"[.!?\"”’']$")
CUE = re.compile(
    r"\b(?:Published|Posted|Updated|Last (?:modified|updated))\b|\b(?:published|posted|updated) (?:on|at)\b")
_SEP = r"\s*(?:(?:--|—|–|-|_|\|)(?:\s+|$)|:\s+(?=\S))"  # "PLACE:" only before text, not a heading
DATELINE = re.compile(
    rf"^(?:[A-Z][A-Z'.-]+(?:\s+[A-Z][A-Z'.-]+)*(?:,\s*[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)*)?"  # PLACE, Region
    rf"(?:,?\s*{_MON}\s+\d{{1,2}}(?:,\s*\d{{4}})?)?(?:\s*\([^()]{{1,30}}\))?"              # , March 3 (AP)
    rf"|(?:[A-Z][a-z]+day,?\s+)?{_MON}\s+\d{{1,2}},?\s+\d{{4}}|\([A-Za-z .&]{{2,30}}\)){_SEP}")


@dataclass
class Sample:
    id: str
    set: str
    group: str
    text: str
    gold: dt.date
    split: str
    removed: list[str] = field(default_factory=list)   # lines and prefixes taken out of the text


def _gold_forms(day: dt.date) -> re.Pattern:
    """The gold day as printed: "March 3, 2009", "3 Mar. 2009", "2009-03-03", "03/03/09", "20090303"."""
    mon = "|".join([day.strftime("%B"), day.strftime("%b") + r"\.?"] + [r"Sept\.?"] * (day.month == 9))
    d, m, y = rf"0?{day.day}", rf"0?{day.month}", rf"(?:{day.year}|{day.year % 100:02d})"
    return re.compile(
        rf"\b(?:{mon})\s+{d}(?:st|nd|rd|th)?,?\s+{day.year}"
        rf"|(?<!\d){d}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{mon}),?\s+{day.year}"
        rf"|{day.year}[./-]{m}[./-]{d}(?!\d)|(?<!\d)(?:{m}[./-]{d}|{d}[./-]{m})[./-]{y}(?!\d)"
        rf"|(?<!\d){day:%Y%m%d}(?!\d)", re.I)


def _days(text: str) -> list[dt.date]:
    """The days `text` names in full, with a year ("March 3, 2009", "2009-03-03")."""
    out = []
    for _, _, _, a in find(text):
        if a["k"] == "date" and a.get("y") and a.get("d"):
            with contextlib.suppress(ValueError):  # "February 30, 2019"
                out.append(dt.date(a["y"], a["m"], a["d"]))
    return out


def strip_dates(text: str, gold: dt.date) -> tuple[str, list[str]]:
    """The text without the date evidence a metadata-free reader lacks, and what was removed."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    forms, kept, removed = _gold_forms(gold), [], []
    for i, line in enumerate(lines):
        words = len(line.split())
        edge = i < EDGE_LINES or i >= len(lines) - EDGE_LINES
        sentence = words >= SENTENCE_WORDS and SENTENCE_END.search(line)
        if (words <= GOLD_LINE_WORDS and forms.search(line)) or (edge and words <= EDGE_LINE_WORDS and (
                CUE.search(line) or not sentence and (NUMERIC_DATE.search(line) or _days(line)))):
            removed.append(line)
        else:
            kept.append(line)
    if kept and (m := DATELINE.match(kept[0])):
        removed.append(m.group(0).strip())
        kept[0] = kept[0][m.end():]
        if not kept[0]:
            kept.pop(0)
    return "\n\n".join(kept), removed


def _html(path: Path) -> str | None:
    data = path.read_bytes()
    try:
        return decode(gzip.decompress(data) if path.suffix == ".gz" else data, html=True)[0]
    except DecodeError:
        return None


def _tbaq():
    seen = set()
    for path in tbaq.files():
        doc = tbaq.read(path)
        if doc.name not in seen:  # testpipeline/ repeats a TimeBank file
            seen.add(doc.name)
            yield doc.name, f"{doc.corpus}/{re.match('[A-Za-z]*', doc.name).group()}", doc.text, doc.dct


def _wcxb():
    for path in sorted((DATA / "extraction" / "wcxb-dev" / "ground-truth").glob("*.json")):
        page = json.loads(path.read_text())
        truth = page["ground_truth"]
        day = truth.get("publish_date") or ""
        if page["_internal"]["page_type"]["primary"] == "article" and ISO_DAY.match(day) and truth.get("main_content"):
            yield path.stem, urlsplit(page["url"]).hostname, truth["main_content"], dt.date.fromisoformat(day[:10])


def _mediacloud():
    import trafilatura
    folder = DATA / "dates" / "htmldate-mediacloud"
    for url, truth in sorted(json.loads((folder / "truth.json").read_text()).items()):
        path = folder / truth["file"]
        html = ISO_DAY.match(str(truth["date"])) and _html(path if path.exists() else path.with_name(path.name + ".gz"))
        text = html and trafilatura.extract(html, include_comments=False)
        if text:
            yield path.name.split(".")[0], urlsplit(url).hostname, text, dt.date.fromisoformat(truth["date"][:10])


def _scrapinghub():
    from htmldate import find_date
    folder = DATA / "extraction" / "scrapinghub"
    for key, truth in sorted(json.loads((folder / "ground-truth.json").read_text()).items()):
        html = _html(folder / "html" / f"{key}.html.gz")
        day = html and find_date(html, url=truth["url"], original_date=True, extensive_search=False,
                                 outputformat="%Y-%m-%d")
        if day:
            yield key, urlsplit(truth["url"]).hostname, truth["articleBody"], dt.date.fromisoformat(day)


READERS = {"tbaq": _tbaq, "wcxb": _wcxb, "mediacloud": _mediacloud, "scrapinghub": _scrapinghub}


def _split(key: str) -> str:
    return "frozen" if int(hashlib.md5(key.encode()).hexdigest(), 16) % FROZEN_EVERY == 0 else "fit"


def _build() -> list[Sample]:
    logging.disable(logging.WARNING)
    out = []
    for name in SETS:
        for key, group, text, gold in READERS[name]():
            if detect_language(text) == "en":  # only English goes through every stage
                stripped, removed = strip_dates(text, gold)
                out.append(Sample(key, name, group or "?", stripped, gold, _split(key), removed))
    return out


def load(sets=SETS) -> list[Sample]:
    """Every dated English document of `sets`, its date lines removed; cached in SAMPLES and
    rebuilt when this file changes (htmldate and trafilatura over the pages take a while)."""
    version = hashlib.md5(Path(__file__).read_bytes()).hexdigest()
    cached = json.loads(SAMPLES.read_text()) if SAMPLES.exists() else {}
    if cached.get("version") != version:
        rows = [asdict(s) | {"gold": s.gold.isoformat()} for s in _build()]
        SAMPLES.parent.mkdir(parents=True, exist_ok=True)
        SAMPLES.write_text(json.dumps({"version": version, "samples": rows}))
        cached = {"samples": rows}
    return [Sample(**(r | {"gold": dt.date.fromisoformat(r["gold"])})) for r in cached["samples"] if r["set"] in sets]


def processed(samples: list[Sample]) -> list[Document | Rejection]:
    """`pipeline.process` of every sample, in order, from the pickle cache when texts and
    per-document code are unchanged."""
    items = [RawItem(source=f"{s.set}/{s.id}", content=s.text, format="text", meta={}) for s in samples]
    return pipecache.processed(items, "docdates")


def reduced(documents: list[Document | Rejection], **options) -> list[Document | Rejection]:
    """`pipeline.reduce` over all documents together (`options` go to it: a date prior); the
    documents it gives back, in the order given, rejections kept in place."""
    result = reduce([d for d in documents if isinstance(d, Document)], [], **options)
    by_id = {d.id: d for d in result.documents}  # documents with the same text are one
    return [d if isinstance(d, Rejection) else by_id[d.id] for d in documents]


def anchor(text: str) -> dt.date | None:
    """The naive baseline: the latest fully dated day the text mentions."""
    return max(_days(text), default=None)


def _holds(gold: dt.date, rng: list[str] | None) -> bool:
    return bool(rng) and rng[0] <= gold.isoformat() <= rng[1]


def _metrics(rows: list[tuple[dt.date, list[str] | None, str]]) -> dict:
    spans = [(dt.date.fromisoformat(r[0]), dt.date.fromisoformat(r[1])) for _, r, _ in rows if r]
    holds = sum(_holds(gold, r) for gold, r, _ in rows)
    exact = [(gold, r) for gold, r, precision in rows if precision == "day" and r]
    n = len(rows)
    return {"n": n, "holds": holds / n if n else None, "none": sum(not r for _, r, _ in rows) / n if n else None,
            "width": float(statistics.median((hi - lo).days + 1 for lo, hi in spans)) if spans else None,
            "exact": len(exact) / n if n else None,
            "right": sum(r[0] == gold.isoformat() for gold, r in exact) / len(exact) if exact else None}


def _dated(doc: Document | Rejection) -> tuple[list[str] | None, str]:
    return (None, "unknown") if isinstance(doc, Rejection) else (doc.published_range, doc.published_precision)


def score(samples: list[Sample], documents: list[Document | Rejection]) -> dict:
    """{split: {set or "all": {"storyline" | "anchor": metrics}}}; `documents` are the samples'
    documents once reduced, in the same order."""
    rows = defaultdict(list)
    for sample, doc in zip(samples, documents):
        rng, precision = _dated(doc)
        day = anchor(sample.text)
        base = ([day.isoformat()] * 2 if day else None, "day" if day else "unknown")
        for split in ("all", sample.split):
            for scope in (sample.set, "all"):
                rows[split, scope, "storyline"].append((sample.gold, rng, precision))
                rows[split, scope, "anchor"].append((sample.gold, *base))
    out: dict = {}
    for (split, scope, system), group in rows.items():
        out.setdefault(split, {}).setdefault(scope, {})[system] = _metrics(group)
    return out


def _fmt(value, digits: int = 3) -> str:
    return "-" if value is None else f"{value:.{digits}f}" if isinstance(value, float) else str(value)


def _report(scores: dict, sets: list[str]) -> None:
    print(f"targets: holds >= {TARGETS['holds']:.2f}, median width <= {TARGETS['width']} days, "
          f"exact day right >= {TARGETS['right']:.2f}")
    for split in ("all", "fit", "frozen"):
        print(f"\nsplit {split}")
        print(f"  {'set':<12} {'system':<10} {'n':>5} {'holds':>6} {'none':>6} {'width':>6} {'exact':>6} {'right':>6}")
        for scope in [*sets, "all"]:
            for system, m in scores[split].get(scope, {}).items():
                print(f"  {scope:<12} {system:<10} {m['n']:>5} {_fmt(m['holds']):>6} {_fmt(m['none']):>6} "
                      f"{_fmt(m['width'], 1):>6} {_fmt(m['exact']):>6} {_fmt(m['right']):>6}")


def _stratified(samples: list[Sample], limit: int) -> list[Sample]:
    """Up to `limit` samples per set, taken round-robin over its groups in a fixed order."""
    by_group = defaultdict(list)
    for s in sorted(samples, key=lambda s: hashlib.md5(s.id.encode()).hexdigest()):
        by_group[s.set, s.group].append(s)
    out, taken = [], defaultdict(int)
    for rank in range(max(map(len, by_group.values()), default=0)):
        for (name, _), group in sorted(by_group.items()):
            if rank < len(group) and taken[name] < limit:
                out.append(group[rank])
                taken[name] += 1
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("--limit", type=int, help="documents per set, stratified by group")
    ap.add_argument("--show", action="store_true", help="3 examples per set of what was removed")
    ap.add_argument("--wrong", type=int, default=0, help="list K documents whose range misses the gold day")
    args = ap.parse_args()
    sets = args.sets.split(",")
    started = time.time()
    samples = load(sets)
    if args.limit:
        samples = _stratified(samples, args.limit)
    print(f"{len(samples)} documents ({time.time() - started:.0f} s to load)")
    for name in sets:
        mine = [s for s in samples if s.set == name]
        print(f"  {name}: {len(mine)} documents, {len({s.group for s in mine})} groups, "
              f"{sum(map(len, (s.removed for s in mine)))} lines or prefixes removed from "
              f"{sum(bool(s.removed) for s in mine)} documents")
        for s in [s for s in mine if s.removed][:3] if args.show else []:
            print(f"    {s.id} (gold {s.gold}):", *(f"      - {r[:150]}" for r in s.removed),
                  f"      + {s.text[:300].replace(chr(10), ' / ')}", sep="\n")
    started = time.time()
    documents = processed(samples)
    mark = time.time()
    documents = reduced(documents)
    print(f"processed in {mark - started:.0f} s (cached when unchanged), reduced in {time.time() - mark:.0f} s")
    _report(score(samples, documents), sets)
    wrong = [(s, r, p) for s, (r, p) in zip(samples, map(_dated, documents)) if not _holds(s.gold, r)]
    for s, rng, precision in wrong[:args.wrong]:
        print(f"  {s.set}/{s.id}  gold {s.gold}  range {rng}  {precision}")


if __name__ == "__main__":
    main()
