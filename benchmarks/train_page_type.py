"""Train and cross-validate the learned page-type classifier (`storyline/clean/pagetype.py`).

    .venv/bin/python benchmarks/train_page_type.py [--folds 5] [--C 0.01] [--save] [--limit N] [--cache F] [--jobs 2]

Data: the WCXB dev pages (1,497 pages, gold type at `_internal.page_type.primary`; `category`
counts as collection). Each page is read as storyline reads it (`storyline.clean.html.read_page`)
and described by `pagetype.page_features`. (A model that also read the raw HTML's schema.org
types and tag counts was tried and did no better in cross-validation: 0.856 vs 0.854.)

Model: a standardised multinomial logistic regression (scikit-learn), class-weighted by √(1 /
class size). Decision: argmax of the logits after a bias added to the article logit, because
calling a news article something else costs it the NLP stages while a wrong "article" is cheap.
The bias is the smallest that keeps article recall at or above `--article-recall` (0.985: 0.98 is wanted
on sites never seen, hence a margin).

Evaluation: grouped k-fold cross-validation by site (URL host): each held-out page is classified
by a model fitted on the other folds, with an article bias chosen by an inner grouped
cross-validation on those folds only (no held-out label chooses anything). Reported beside the
current rules (`meta["page_type"]`, None counting as article) on the same pages: accuracy,
per-type precision and recall, the confusion matrix. Generalisation: the 79 Scrapinghub article
pages, classified by the model fitted on all WCXB pages (never trained on): how many are called
article.

`--save` writes the model fitted on all WCXB dev pages, with its article bias chosen by the
cross-validation on all pages, to storyline/clean/pagetype.json.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import pickle
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")   # small fits: BLAS threads only fight over the 2 cores

import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from extraction import SH, TYPES, WCXB, wcxb_gold  # noqa: E402

from storyline.clean import pagetype  # noqa: E402

BIASES = np.round(np.arange(-1.0, 6.01, 0.1), 2)


# -- reading ----------------------------------------------------------------------------------------

def prepare(task) -> dict | None:
    """One page read once: the `Page`, its metadata reduced to plain values (picklable)."""
    import logging
    logging.disable(logging.WARNING)
    from storyline.clean.html import read_page
    from storyline.ingest import decode
    key, path, url, label = task
    try:
        html = decode(gzip.decompress(Path(path).read_bytes()), html=True)[0]
    except Exception:  # noqa: BLE001 - an unreadable page is left out, and counted
        return None
    page = read_page(html, url)
    page.meta = {k: v for k, v in page.meta.items() if v is None or isinstance(v, (str, int, float, list, tuple))}
    return dict(key=key, url=url, label=label, page=page)


def wcxb_tasks(limit: int | None):
    tasks = [(k, str(WCXB / "html" / f"{k}.html.gz"), g["url"], g["type"]) for k, g in wcxb_gold().items()]
    return tasks[::max(1, len(tasks) // limit)][:limit] if limit else tasks


def sh_tasks():
    truth = json.loads((SH / "ground-truth.json").read_text(encoding="utf-8"))
    return [(k, str(SH / "html" / f"{k}.html.gz"), v.get("url"), "article") for k, v in sorted(truth.items())]


def load(tasks, jobs: int, cache: Path | None, name: str) -> list[dict]:
    path = cache.with_suffix(f".{name}.pkl") if cache else None
    if path and path.exists():
        pages = pickle.loads(path.read_bytes())
        keys = {t[0] for t in tasks}
        return [p for p in pages if p["key"] in keys]
    started = time.time()
    with ProcessPoolExecutor(jobs) as pool:
        pages = [p for p in pool.map(prepare, tasks, chunksize=8) if p is not None]
    print(f"read {len(pages)}/{len(tasks)} {name} pages in {time.time() - started:.0f} s", flush=True)
    if path:
        path.write_bytes(pickle.dumps(pages))
    return pages


def featurise(pages: list[dict]) -> tuple[list[str], np.ndarray]:
    """Feature names and the (pages x features) matrix."""
    rows = [pagetype.page_features(p["page"], p["url"]) for p in pages]
    names = list(rows[0])
    return names, np.array([[f[k] for k in names] for f in rows], dtype=float)


def host(url: str | None) -> str:
    h = urlsplit(url or "").netloc.lower()
    return h[4:] if h.startswith("www.") else h


# -- model ------------------------------------------------------------------------------------------

def fit(X: np.ndarray, y: np.ndarray, C: float):
    from sklearn.linear_model import LogisticRegression
    mean, scale = X.mean(axis=0), X.std(axis=0)
    scale[scale < 1e-9] = 1.0
    counts = Counter(y.tolist())
    weights = np.array([1.0 / np.sqrt(counts[c]) for c in y])
    weights *= len(y) / weights.sum()
    lr = LogisticRegression(C=C, max_iter=3000)
    lr.fit((X - mean) / scale, y, sample_weight=weights)
    # every type in TYPES order; one missing from the training pages (a small --limit) never wins
    coef, intercept = np.zeros((len(TYPES), X.shape[1])), np.full(len(TYPES), -30.0)
    for i, c in enumerate(lr.classes_):
        coef[TYPES.index(c)], intercept[TYPES.index(c)] = lr.coef_[i], lr.intercept_[i]
    return dict(mean=mean, scale=scale, coef=coef, intercept=intercept, classes=list(TYPES))


def logits(model, X: np.ndarray) -> np.ndarray:
    return ((X - model["mean"]) / model["scale"]) @ model["coef"].T + model["intercept"]


def decide(z: np.ndarray, classes: list[str], bias: float) -> np.ndarray:
    z = z.copy()
    z[:, classes.index("article")] += bias
    return np.array(classes)[z.argmax(axis=1)]


def choose_bias(z: np.ndarray, y: np.ndarray, classes: list[str], target: float) -> float:
    """The smallest article bias that keeps article recall >= target (the most accurate if several
    are tied on that)."""
    articles = y == "article"
    for b in BIASES:
        if (decide(z[articles], classes, b) == "article").mean() >= target:
            return float(b)
    return float(BIASES[-1])


def group_folds(groups: np.ndarray, k: int, seed: int = 0) -> list[np.ndarray]:
    """k folds of whole groups, balanced by size (GroupKFold's greedy rule, ties broken by a
    seeded shuffle so that the folds do not follow the file order)."""
    from sklearn.model_selection import GroupKFold
    rng = np.random.default_rng(seed)
    uniq = np.unique(groups)
    perm = dict(zip(uniq, rng.permutation(len(uniq))))
    relabel = np.array([perm[g] for g in groups])
    return [test for _, test in GroupKFold(n_splits=k).split(groups, groups=relabel)]


def oof_logits(X, y, groups, folds, C, idx=None, seed=0):
    """Out-of-fold logits over the rows `idx` (all rows by default)."""
    idx = np.arange(len(y)) if idx is None else idx
    z = np.zeros((len(idx), len(TYPES)))
    classes = None
    for test in group_folds(groups[idx], folds, seed):
        train = np.setdiff1d(np.arange(len(idx)), test)
        m = fit(X[idx][train], y[idx][train], C)
        classes = m["classes"]
        z[test] = logits(m, X[idx][test])
    return z, classes


def cross_validate(X, y, groups, folds: int, C: float, target: float, seed: int = 0):
    """Predictions of the nested grouped CV: outer folds by site, the article bias chosen by an
    inner grouped CV on the outer training folds."""
    pred = np.empty(len(y), dtype=object)
    biases = []
    for test in group_folds(groups, folds, seed):
        train = np.setdiff1d(np.arange(len(y)), test)
        zi, classes = oof_logits(X, y, groups, folds - 1, C, idx=train, seed=seed)
        bias = choose_bias(zi, y[train], classes, target)
        biases.append(bias)
        m = fit(X[train], y[train], C)
        pred[test] = decide(logits(m, X[test]), m["classes"], bias)
    return pred, biases


# -- reporting --------------------------------------------------------------------------------------

def scores(y, pred) -> dict:
    out = {"accuracy": float(np.mean(y == pred))}
    for t in TYPES:
        tp = int(np.sum((pred == t) & (y == t)))
        npred, ntrue = int(np.sum(pred == t)), int(np.sum(y == t))
        out[t] = (tp / npred if npred else 0.0, tp / ntrue if ntrue else 0.0, tp, npred, ntrue)
    return out


def table(rows: list[tuple[str, dict]]) -> None:
    print(f"  {'':26}" + "".join(f"{name:>22}" for name, _ in rows))
    print(f"  {'accuracy':26}" + "".join(f"{s['accuracy']:22.3f}" for _, s in rows))
    for t in TYPES:
        n = rows[0][1][t][4]
        print(f"  {t + f' ({n})':26}" + "".join(
            f"{'P %.3f R %.3f' % (s[t][0], s[t][1]):>22}" for _, s in rows))


def confusion(y, pred) -> None:
    print("  " + "gold \\ predicted".ljust(16) + "".join(f"{t[:6]:>7}" for t in TYPES) + f"{'None':>7}")
    for t in TYPES:
        row = Counter(pred[y == t].tolist())
        print(f"  {t:16}" + "".join(f"{row.get(u, 0):7d}" for u in TYPES) + f"{row.get(None, 0):7d}")


def export(model, names, bias: float, C: float) -> dict:
    return dict(features=names, classes=model["classes"], mean=model["mean"].round(6).tolist(),
                scale=model["scale"].round(6).tolist(), coef=model["coef"].round(6).tolist(),
                intercept=model["intercept"].round(6).tolist(), article_bias=bias, C=C)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--C", type=float, default=0.01, help="inverse L2 strength of the logistic regression")
    ap.add_argument("--article-recall", type=float, default=0.985,
                    help="article recall the bias is chosen for (0.98 wanted, with a margin for unseen sites)")
    ap.add_argument("--seeds", type=int, default=3, help="fold assignments the CV accuracy is also reported for")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--cache", type=Path, default=None, help="keep the read pages in F.*.pkl (e.g. /tmp/pagetype)")
    ap.add_argument("--save", action="store_true")
    args = ap.parse_args(argv)

    pages = load(wcxb_tasks(args.limit), args.jobs, args.cache, "wcxb")
    sh = load(sh_tasks(), args.jobs, args.cache, "sh")
    started = time.time()
    names, X = featurise(pages)
    _, S = featurise(sh)
    print(f"{len(names)} features, {(time.time() - started) / (len(pages) + len(sh)) * 1000:.1f} ms/page", flush=True)
    y = np.array([p["label"] for p in pages])
    groups = np.array([host(p["url"]) for p in pages])
    rules = np.array([p["page"].meta.get("page_type") or "article" for p in pages], dtype=object)
    print(f"WCXB dev: {len(y)} pages, {len(set(groups))} sites; " + ", ".join(f"{t} {int(np.sum(y == t))}" for t in TYPES))

    pred, biases = cross_validate(X, y, groups, args.folds, args.C, args.article_recall)
    print(f"article biases chosen by the inner CV: {biases}")
    print(f"\n{args.folds}-fold CV grouped by site (C={args.C}; article bias chosen on the training folds for "
          f"article recall >= {args.article_recall})")
    table([("rules (None=article)", scores(y, rules)), ("model", scores(y, pred))])
    for seed in range(1, args.seeds):
        p2, _ = cross_validate(X, y, groups, args.folds, args.C, args.article_recall, seed=seed)
        s2 = scores(y, p2)
        print(f"  folds seed {seed}: accuracy {s2['accuracy']:.3f}, article recall {s2['article'][1]:.3f}")
    print("\nconfusion, current rules (None as is):")
    confusion(y, np.array([p["page"].meta.get("page_type") for p in pages], dtype=object))
    print("confusion, model:")
    confusion(y, pred)

    # the model on all pages, its bias from the CV on all pages
    z, classes = oof_logits(X, y, groups, args.folds, args.C)
    bias = choose_bias(z, y, classes, args.article_recall)
    model = fit(X, y, args.C)
    shpred = decide(logits(model, S), model["classes"], bias)
    print(f"\nfinal model: article bias {bias} (CV on all pages)")
    sh_rules = [p["page"].meta.get("page_type") for p in sh]
    print(f"Scrapinghub article pages (never trained on): model calls {int(np.sum(shpred == 'article'))}/{len(shpred)} "
          f"article" + (f" (others: {dict(Counter(shpred[shpred != 'article'].tolist()))})" if np.any(shpred != "article") else "")
          + f"; rules: article {sum(t == 'article' for t in sh_rules)}, None {sum(t is None for t in sh_rules)}, "
          f"other {sum(t not in ('article', None) for t in sh_rules)}")
    out = export(model, names, bias, args.C)
    shipped = pagetype.Model(out)
    assert [shipped.predict(dict(zip(names, row))) for row in S] == shpred.tolist()
    started = time.perf_counter()
    for row in X[:500]:
        shipped.predict(dict(zip(names, row)))
    print(f"model evaluation (features excluded): {(time.perf_counter() - started) / 500 * 1e6:.0f} µs/page")

    if args.save:
        out = dict(about="page-type classifier: benchmarks/train_page_type.py on the WCXB dev pages",
                   pages=len(y), **out)
        pagetype.PARAMS.write_text(json.dumps(out, separators=(",", ":")), encoding="utf-8")
        print(f"saved {pagetype.PARAMS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
