"""Fit the document-date prior (storyline/models/docdate.json) on dated news with its date lines
removed (`docdates.py`'s samples, `fit` split only), and report it on groups it was not fitted on.

For every fitted document with an anchor (`prior.anchor_of`: the latest fully dated day,
month or year it reports, else the earliest it announces), the gap between its true writing
day and the anchor's first day is an example of its anchor's kind; the prior keeps each kind's
(LOW, HIGH) quantiles. `fresh_days` is the HIGH quantile of the days between the writing day and
the latest day the text names relative to itself ("on Friday", resolved against the true day).

Held-out check in the same run: leave-one-set-out (TimeBank/AQUAINT, WCXB, MediaCloud,
Scrapinghub) and grouped 5-fold by site: the share of held-out anchored documents whose prior
window holds the true day, and its median width. The frozen split is scored by `docdates.py`.

    .venv/bin/python benchmarks/train_docdate.py [--no-save]
"""
from __future__ import annotations

import argparse
import statistics
import sys
from collections import defaultdict

import numpy as np

import docdates
from storyline.learn import save_params
from storyline.model import Document
from storyline.time import docdate, prior

LOW, HIGH = 0.05, 0.95   # quantiles kept: each kind's window misses about 10% of writing days
FRESH = 0.85             # freshness quantile: 1 day on dev news (87% of reports; 2 days: 90%, 3: 97%)
FOLDS = 5


def examples(samples, documents) -> list[tuple[str, str, str, int, int | None]]:
    """(set, group, kind, gap, fresh gap) per anchored document."""
    out = []
    for s, doc in zip(samples, documents):
        if not isinstance(doc, Document):
            continue
        anchor = prior.anchor_of(doc)
        relative = docdate.latest_relative_day(doc, s.gold)
        out.append((s.set, s.group, anchor[0] if anchor else None, (s.gold - anchor[1]).days if anchor else None,
                    (s.gold - relative).days if relative else None))
    return out


def fit(rows) -> dict:
    gaps = defaultdict(list)
    for _, _, kind, gap, _ in rows:
        if kind:
            gaps[kind].append(gap)
    fresh = [f for *_, f in rows if f is not None]
    def q(values, level):  # the smallest observed gap with at least `level` of them at or below it
        return int(np.quantile(values, level, method="inverted_cdf"))
    return {"gaps": {k: [q(v, LOW), q(v, HIGH)] for k, v in gaps.items()}, "fresh_days": q(fresh, FRESH),
            "meta": {"examples": {k: len(v) for k, v in gaps.items()}, "quantiles": [LOW, HIGH], "fresh_quantile": FRESH,
                     "fresh_examples": len(fresh)}}


def held_out(train, test) -> tuple[int, int, list[int]]:
    params = fit(train)
    held = [(kind, gap) for _, _, kind, gap, _ in test if kind in params["gaps"]]  # anchored documents
    holds = sum(params["gaps"][k][0] <= g <= params["gaps"][k][1] for k, g in held)
    return holds, len(held), [params["gaps"][k][1] - params["gaps"][k][0] + 1 for k, _ in held]


def report(name: str, parts) -> None:
    holds = sum(h for h, _, _ in parts)
    n = sum(k for _, k, _ in parts)
    widths = [w for *_, ws in parts for w in ws]
    print(f"  {name:28} window holds {holds / n:.3f} of {n}, median width {statistics.median(widths):.0f} days")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--no-save", action="store_true")
    args = ap.parse_args(argv)
    everything = docdates.load()
    fitted = [(s, d) for s, d in zip(everything, docdates.processed(everything)) if s.split == "fit"]
    samples = [s for s, _ in fitted]
    rows = examples(samples, [d for _, d in fitted])
    print(f"fit split: {len(samples)} documents, {sum(r[2] is not None for r in rows)} with an anchor, "
          f"{sum(r[4] is not None for r in rows)} naming a past day relative to themselves")
    kinds = defaultdict(list)
    for _, _, kind, gap, _ in rows:
        if kind:
            kinds[kind].append(gap)
    for kind, gaps in sorted(kinds.items()):
        q = np.quantile(gaps, [0.05, 0.25, 0.5, 0.75, 0.95])
        print(f"  {kind:13} n={len(gaps):4}  gap quantiles 5/25/50/75/95%: {' / '.join(f'{v:.0f}' for v in q)} days")
    sets = sorted({r[0] for r in rows})
    report("leave one set out", [held_out([r for r in rows if r[0] != s], [r for r in rows if r[0] == s]) for s in sets])
    groups = sorted({r[1] for r in rows})
    folds = [set(groups[k::FOLDS]) for k in range(FOLDS)]
    report("5 folds grouped by site", [held_out([r for r in rows if r[1] not in f], [r for r in rows if r[1] in f])
                                       for f in folds])
    params = fit(rows)
    print("prior:", params["gaps"], "fresh_days", params["fresh_days"])
    if not args.no_save:
        params["meta"]["fitted_on"] = "docdates.py samples, fit split"
        print("saved", save_params(prior.MODEL, params))
    return 0


if __name__ == "__main__":
    sys.exit(main())
