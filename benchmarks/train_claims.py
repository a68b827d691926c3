"""Fit the claim model (storyline/models/claims.json): which numbers of a text are claims.

Examples are the drawn items of the hand-labelled sample (`fixtures/claims/sample.jsonl`, claims
and not-claims, RULES.md) in the non-frozen 70% of its documents; each is matched to the number
candidate (`numbers.number_candidates`) whose figure overlaps it. C and the threshold are chosen
by 5-fold cross-validation grouped by document, scoring detection F1 over all drawn items (an item
no candidate covers is a miss). Printed beside it, out of fold on the same items: the rules alone
(every number the `figures.not_figure` rules keep that measures something) and the anchor "every
number with a noun after it". The frozen 30% is scored by `claims.py --frozen`, never here.

    .venv/bin/python benchmarks/train_claims.py [--no-save]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import claims as bench  # noqa: E402

from storyline.extract.numbers import MODEL, number_candidates  # noqa: E402
from storyline.learn import LinearModel, save_params  # noqa: E402

CS = (0.03, 0.1, 0.3, 1.0)
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7)
HARD_REASONS = ("TIME", "YEAR", "ADDRESS", "ORDINAL", "REFERENCE", "LOCATING")  # tried as vetoes over the model


def examples() -> tuple[list[dict], int]:
    """(matched items with their candidate, number of drawn claim items no candidate covers)."""
    records = [json.loads(line) for line in (bench.FIXTURES / "sample.jsonl").read_text(encoding="utf-8").splitlines()]
    records = [r for r in records if bench.in_sample(r) and not bench.frozen(r["corpus"], r["file"])]
    docs = bench.prepared(bench.texts(records))
    out, uncovered = [], 0
    cands = {key: number_candidates(doc, parsed) for key, (doc, parsed) in docs.items()}
    for r in records:
        key = (r["corpus"], r["file"])
        hit = next((c for c in cands[key] if c.figure.start < r["end"] and r["start"] < c.figure.end), None)
        if hit is None:
            uncovered += r["claim"]
            continue
        out.append({"group": f"{key[0]}/{key[1]}", "candidate": hit, "claim": bool(r["claim"])})
    return out, uncovered


def f1(predicted: list[bool], gold: list[bool], uncovered: int) -> tuple[float, float, float]:
    tp = sum(p and g for p, g in zip(predicted, gold))
    fp = sum(p and not g for p, g in zip(predicted, gold))
    fn = sum(g and not p for p, g in zip(predicted, gold)) + uncovered
    precision, recall = tp / max(1, tp + fp), tp / max(1, tp + fn)
    return precision, recall, 2 * precision * recall / max(1e-9, precision + recall)


def fit(items: list[dict], c: float) -> LinearModel:
    vec = DictVectorizer()
    x = vec.fit_transform([it["candidate"].features for it in items])
    clf = LogisticRegression(C=c, max_iter=2000, class_weight="balanced").fit(x, [it["claim"] for it in items])
    return LinearModel.from_sklearn(vec, clf)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--no-save", action="store_true")
    args = ap.parse_args()
    items, uncovered = examples()
    groups = np.array([it["group"] for it in items])
    gold = [it["claim"] for it in items]
    print(f"claims sample, non-frozen: {len(items)} items matched to a number ({sum(gold)} claims), "
          f"{uncovered} claims no candidate covers, {len(set(groups))} documents")
    oof: dict[tuple[float, float], list[bool]] = {}
    folds = list(GroupKFold(n_splits=5).split(items, groups=groups))
    for c in CS:
        probs = np.zeros(len(items))
        for train, test in folds:
            model = fit([items[i] for i in train], c)
            for i in test:
                probs[i] = model.proba(items[i]["candidate"].features)[1]
        for t in THRESHOLDS:
            oof[(c, t)] = [items[i]["candidate"].unit is not None and probs[i] >= t for i in range(len(items))]
    for (c, t), pred in sorted(oof.items()):
        print(f"  C={c:<5} threshold={t:.1f}  CV P/R/F1 {' '.join(f'{v:.3f}' for v in f1(pred, gold, uncovered))}")
    hard = [it["candidate"].reason is not None and it["candidate"].reason.name in HARD_REASONS for it in items]
    for (c, t), pred in list(oof.items()):
        oof[(c, t, "hard")] = [p and not h for p, h in zip(pred, hard)]
    (best_c, best_t, *veto), pred = max(oof.items(), key=lambda kv: f1(kv[1], gold, uncovered)[2])
    print(f"  with the reasons {', '.join(HARD_REASONS)} as vetoes, best CV F1 "
          f"{max(f1(p, gold, uncovered)[2] for k, p in oof.items() if len(k) == 3):.3f}; without "
          f"{max(f1(p, gold, uncovered)[2] for k, p in oof.items() if len(k) == 2):.3f}")
    rules = [it["candidate"].unit is not None and it["candidate"].reason is None for it in items]
    print(f"{'':26}{'P':>7}{'R':>7}{'F1':>7}")
    print(f"{'rules alone':26}" + "".join(f"{v:7.3f}" for v in f1(rules, gold, uncovered)))
    print(f"{'learned, CV by document':26}" + "".join(f"{v:7.3f}" for v in f1(pred, gold, uncovered))
          + f"   (C={best_c}, threshold={best_t}, vetoes: {bool(veto)})")
    model = fit(items, best_c)
    model.meta = {"threshold": best_t, "C": best_c, "vetoes": list(HARD_REASONS) if veto else [], "cv_f1": round(f1(pred, gold, uncovered)[2], 4),
                  "trained_on": "benchmarks/fixtures/claims/sample.jsonl, non-frozen documents"}
    if not args.no_save:
        print("saved", save_params(MODEL, model.to_params()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
