"""Article extraction on ../shared/data/extraction: storyline's clean() beside trafilatura 2.3.1
`extract()`, computed in the same run on the same pages, with each benchmark's own scorer.

Three sets:

- Scrapinghub article-extraction-benchmark pages (`scrapinghub/html/<id>.html.gz`, gold
  `ground-truth.json` articleBody). Scorer: a re-implementation of the benchmark's own
  `evaluate.py` (github.com/scrapinghub/article-extraction-benchmark, evaluate.py,
  `string_shingle_matching` and `metrics_from_tp_fp_fns`): tokens are `\\w+` matches, shingles
  are 4-grams of tokens (a text shorter than 4 tokens is one shingle), TP/FP/FN are multiset
  overlaps of shingles normalised per page to sum to 1; precision and recall are means over the
  pages (precision over pages with tp+fp > 0, recall over pages with tp+fn > 0), F1 is the
  harmonic mean of those two means. Bootstrap confidence intervals are left out.
- WCXB dev (`wcxb-dev/html/NNNN.html.gz`, gold `ground-truth/NNNN.json` main_content). Scorer:
  the WCXB `evaluate.py` (github.com/Murrough-Foley/web-content-extraction-benchmark,
  `word_f1`): lower-cased `\\w+` tokens, bag-of-words overlap, per-page P/R/F1 (an empty
  prediction scores 0), averaged over pages, overall and per page type (`category` counts as
  collection). Also: exact title matches and storyline's page_type against the WCXB type.
- Scrapinghub noisy text dumps (`noisy-text.json`: the same pages flattened to full-page text,
  gold articleBody), Scrapinghub scorer. Anchors: the dump left as is, and trafilatura fed the
  text (one <p> per line, since it only reads HTML).

storyline's HTML block classifier and page-type classifier were fitted on the Scrapinghub and WCXB
dev pages, so on those two sets this script's storyline figures are in-sample; the held-out
figures are the cross-validated ones of `train_html_classifier.py` and `train_page_type.py`.

trafilatura runs as `extract(html, url=url, include_comments=False)`: the gold bodies leave
comments out (with its default include_comments=True it scores 0.958 instead of 0.966 on the
Scrapinghub pages).

Pages/s are per core: CPU time of the extractor calls only (reading and decoding excluded), in
one process per worker. Pages are decoded once, with storyline's decoder, and both extractors get
the same string and URL.

    .venv/bin/python benchmarks/extraction.py [--limit N] [--jobs J] [--worst K] [--sets sh,wcxb,noisy]
"""
from __future__ import annotations

import argparse
import gzip
import json
import logging
import re
import statistics
import sys
import time
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "extraction"
SH = DATA / "scrapinghub"
WCXB = DATA / "wcxb-dev"
TYPES = ["article", "forum", "product", "collection", "listing", "documentation", "service"]


# -- Scrapinghub scorer (evaluate.py) -------------------------------------------------------------

_TOKEN_RE = re.compile(r"\w+", re.UNICODE | re.MULTILINE | re.IGNORECASE | re.DOTALL)


def _ngrams(text: str, n: int = 4) -> list[tuple[str, ...]]:
    tokens = _TOKEN_RE.findall(text or "")
    out = []
    for i in range(0, max(1, len(tokens) - n + 1)):
        shingle = tuple(tokens[i:i + n])
        if shingle:
            out.append(shingle)
    return out


def shingle_tp_fp_fn(true: str, pred: str) -> tuple[float, float, float]:
    t, p = Counter(_ngrams(true)), Counter(_ngrams(pred))
    tp = fp = fn = 0.0
    for key in set(t) | set(p):
        tc, pc = t.get(key, 0), p.get(key, 0)
        tp += min(tc, pc)
        fp += max(0, pc - tc)
        fn += max(0, tc - pc)
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s > 0 else (tp, fp, fn)


def _precision(tp, fp, fn):
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def _recall(tp, fp, fn):
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def sh_metrics(rows: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    """(precision, recall, F1) as evaluate.py's metrics_from_tp_fp_fns."""
    p = statistics.mean([_precision(*r) for r in rows if r[0] + r[1] > 0])
    r = statistics.mean([_recall(*r) for r in rows if r[0] + r[2] > 0])
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def sh_page_f1(row: tuple[float, float, float]) -> float:
    p, r = _precision(*row), _recall(*row)
    return 2 * p * r / (p + r) if p + r else 0.0


# -- WCXB scorer (evaluate.py word_f1) ------------------------------------------------------------

def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower()) if text else []


def word_f1(predicted: str, reference: str) -> tuple[float, float, float]:
    pred, ref = _words(predicted), _words(reference)
    if not ref:
        return (1.0, 1.0, 1.0) if not pred else (0.0, 0.0, 0.0)
    if not pred:
        return (0.0, 0.0, 0.0)
    overlap = sum((Counter(pred) & Counter(ref)).values())
    p, r = overlap / len(pred), overlap / len(ref)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _norm_title(t: str | None) -> str:
    return " ".join(_words(t or ""))


# -- extraction, one page per call (runs in workers) ----------------------------------------------

def _read_html(path: Path) -> str:
    from storyline.ingest import decode
    data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    return decode(data, html=True)[0]


def _storyline(content: str, fmt: str, url: str | None):
    from storyline.clean import EmptyDocument, clean
    from storyline.model import RawItem
    started = time.process_time()
    try:
        doc = clean(RawItem("bench", content, fmt, {"url": url} if url else {}))
        text, title, kind = doc.text, doc.title, doc.page_type
    except EmptyDocument:
        text, title, kind = "", "", "rejected"
    return text, title, kind, time.process_time() - started


def _trafilatura(content: str, url: str | None):
    import trafilatura
    started = time.process_time()
    try:
        text = trafilatura.extract(content, url=url, include_comments=False) or ""
    except Exception:  # noqa: BLE001 - an anchor failing on a page scores 0 on it
        text = ""
    return text, time.process_time() - started


def _trafilatura_title(content: str, url: str | None) -> str:
    import trafilatura
    try:
        meta = trafilatura.extract_metadata(content, default_url=url)
        return (meta.title if meta else "") or ""
    except Exception:  # noqa: BLE001
        return ""


def as_html(text: str) -> str:
    """A text dump as trafilatura can take it: one <p> per non-empty line."""
    import html
    return "<html><body>" + "".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n") if line.strip()) \
        + "</body></html>"


def job(task: tuple) -> dict:
    kind, key, arg, url = task
    logging.disable(logging.WARNING)
    if kind == "noisy":
        s_text, s_title, s_type, s_t = _storyline(arg, "text", None)
        t_text, t_t = _trafilatura(as_html(arg), None)
        return dict(key=key, s=s_text, s_title=s_title, s_type=s_type, s_t=s_t, t=t_text, t_t=t_t)
    html = _read_html(Path(arg))
    s_text, s_title, s_type, s_t = _storyline(html, "html", url)
    t_text, t_t = _trafilatura(html, url)
    out = dict(key=key, s=s_text, s_title=s_title, s_type=s_type, s_t=s_t, t=t_text, t_t=t_t)
    if kind == "wcxb":
        out["t_title"] = _trafilatura_title(html, url)
    return out


def _warm() -> None:
    """Imports and lazy models load once per worker, outside the timed calls."""
    logging.disable(logging.WARNING)
    page = ("<html><head><title>Warm</title></head><body><article><h1>Warm</h1>"
            + "<p>This is a sentence of warm-up text for the extractors to read.</p>" * 20
            + "</article></body></html>")
    _storyline(page, "html", "https://example.org/a")
    _storyline("Warm\n\n" + "This is a sentence of warm-up text for the cleaner.\n\n" * 10, "text", None)
    _trafilatura(page, None)


def run(tasks: list[tuple], jobs: int) -> list[dict]:
    if jobs <= 1:
        _warm()
        return [job(t) for t in tasks]
    with ProcessPoolExecutor(jobs, initializer=_warm) as pool:
        return list(pool.map(job, tasks, chunksize=4))


# -- the three sets -------------------------------------------------------------------------------

def _rate(results: list[dict], field: str) -> float:
    seconds = sum(r[field] for r in results)
    return len(results) / seconds if seconds else float("inf")


def _worst(results, gold, score, k, label):
    if not k:
        return
    scored = sorted(((score(gold[r["key"]], r["s"]), r["key"]) for r in results))[:k]
    print(f"  worst {k} for storyline ({label}): " + ", ".join(f"{key[:12]} {f:.2f}" for f, key in scored))


def scrapinghub(limit: int | None, jobs: int, worst: int) -> None:
    truth = json.loads((SH / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(truth)[:limit]
    tasks = [("sh", k, str(SH / "html" / f"{k}.html.gz"), truth[k].get("url")) for k in keys]
    results = run(tasks, jobs)
    gold = {k: truth[k].get("articleBody", "") for k in keys}
    print(f"Scrapinghub article pages ({len(keys)} pages; scorer: Scrapinghub evaluate.py, 4-token shingles)")
    _table([("storyline clean()", [shingle_tp_fp_fn(gold[r['key']], r["s"]) for r in results], _rate(results, "s_t")),
            ("trafilatura 2.3.1 extract()", [shingle_tp_fp_fn(gold[r['key']], r["t"]) for r in results],
             _rate(results, "t_t"))], sh_metrics)
    _worst(results, gold, lambda g, p: sh_page_f1(shingle_tp_fp_fn(g, p)), worst, "page F1")


def noisy(limit: int | None, jobs: int, worst: int) -> None:
    truth = json.loads((SH / "ground-truth.json").read_text(encoding="utf-8"))
    dumps = json.loads((SH / "noisy-text.json").read_text(encoding="utf-8"))
    keys = sorted(k for k in dumps if k in truth)[:limit]
    results = run([("noisy", k, dumps[k], None) for k in keys], jobs)
    gold = {k: truth[k].get("articleBody", "") for k in keys}
    print(f"Scrapinghub noisy text dumps ({len(keys)} dumps; scorer: Scrapinghub evaluate.py)")
    _table([("storyline clean()", [shingle_tp_fp_fn(gold[r['key']], r["s"]) for r in results], _rate(results, "s_t")),
            ("trafilatura 2.3.1 extract(text)", [shingle_tp_fp_fn(gold[r['key']], r["t"]) for r in results],
             _rate(results, "t_t")),
            ("dump left as is", [shingle_tp_fp_fn(gold[k], dumps[k]) for k in keys], None)], sh_metrics)
    _worst(results, gold, lambda g, p: sh_page_f1(shingle_tp_fp_fn(g, p)), worst, "page F1")


def _mean3(rows):
    n = len(rows)
    return tuple(sum(r[i] for r in rows) / n for i in range(3)) if n else (0.0, 0.0, 0.0)


def _table(rows, metric) -> None:
    print(f"  {'':34} {'P':>6} {'R':>6} {'F1':>6} {'pages/s':>8}")
    for name, scores, rate in rows:
        p, r, f = metric(scores)
        print(f"  {name:34} {p:6.3f} {r:6.3f} {f:6.3f} {'' if rate is None else f'{rate:8.1f}'}")


def wcxb_gold() -> dict[str, dict]:
    """WCXB dev page id -> gold main text, title, page type (`category` counts as collection), URL."""
    gts = {}
    for f in sorted((WCXB / "ground-truth").glob("*.json")):
        data = json.loads(f.read_text(encoding="utf-8"))
        gt = data.get("ground_truth") or {}
        pt = ((data.get("_internal") or {}).get("page_type") or {})
        pt = pt.get("primary", "article") if isinstance(pt, dict) else (pt or "article")
        gts[f.stem] = dict(main=gt.get("main_content", "") or "", title=gt.get("title") or "",
                           type="collection" if pt == "category" else pt, url=data.get("url"))
    return gts


def wcxb(limit: int | None, jobs: int, worst: int) -> None:
    gts = wcxb_gold()
    keys = sorted(gts)
    if limit:  # a stratified sample: the first `limit` pages spread over the types
        step = max(1, len(keys) // limit)
        keys = keys[::step][:limit]
    tasks = [("wcxb", k, str(WCXB / "html" / f"{k}.html.gz"), gts[k]["url"]) for k in keys]
    results = run(tasks, jobs)
    by_type_s, by_type_t = defaultdict(list), defaultdict(list)
    for r in results:
        g = gts[r["key"]]
        by_type_s[g["type"]].append(word_f1(r["s"], g["main"]))
        by_type_t[g["type"]].append(word_f1(r["t"], g["main"]))
    all_s = [x for v in by_type_s.values() for x in v]
    all_t = [x for v in by_type_t.values() for x in v]
    print(f"WCXB dev ({len(keys)} pages; scorer: WCXB evaluate.py word_f1, mean over pages)")
    _table([("storyline clean()", all_s, _rate(results, "s_t")),
            ("trafilatura 2.3.1 extract()", all_t, _rate(results, "t_t"))], _mean3)
    print(f"  {'F1 by page type':20} {'n':>5} {'storyline':>10} {'trafilatura':>12}")
    for t in TYPES:
        if by_type_s.get(t):
            print(f"  {t:20} {len(by_type_s[t]):5d} {_mean3(by_type_s[t])[2]:10.3f} {_mean3(by_type_t[t])[2]:12.3f}")
    titled = [r for r in results if gts[r["key"]]["title"]]
    s_ok = sum(_norm_title(r["s_title"]) == _norm_title(gts[r["key"]]["title"]) for r in titled)
    t_ok = sum(_norm_title(r["t_title"]) == _norm_title(gts[r["key"]]["title"]) for r in titled)
    print(f"  title exact (words): storyline {s_ok / len(titled):.3f}, trafilatura metadata {t_ok / len(titled):.3f}"
          f" ({len(titled)} pages with a gold title)")
    confusion = defaultdict(Counter)
    for r in results:
        confusion[gts[r["key"]]["type"]][r["s_type"]] += 1
    right = sum(confusion[t][t] for t in confusion)
    print(f"  storyline page_type right on {right / len(results):.3f} of pages; by WCXB type:")
    for t in TYPES:
        if confusion.get(t):
            print(f"    {t:14} " + ", ".join(f"{k} {v}" for k, v in confusion[t].most_common(4)))
    _worst(results, {k: gts[k]["main"] for k in keys}, lambda g, p: word_f1(p, g)[2], worst, "word F1")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, help="at most N pages per set (quick runs)")
    ap.add_argument("--jobs", type=int, default=2, help="worker processes (pages/s stay per core)")
    ap.add_argument("--worst", type=int, default=0, help="list the K worst pages for storyline")
    ap.add_argument("--sets", default="sh,wcxb,noisy")
    args = ap.parse_args(argv)
    if not DATA.is_dir():
        print(f"no data at {DATA}", file=sys.stderr)
        return 1
    started = time.perf_counter()
    sets = args.sets.split(",")
    for name, fn in (("sh", scrapinghub), ("wcxb", wcxb), ("noisy", noisy)):
        if name in sets:
            fn(args.limit, args.jobs, args.worst)
            print()
    print(f"total wall time {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
