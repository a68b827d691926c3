"""Fit the event-trigger model (storyline/models/triggers.json) on ECB+ topics 1-25.

Labels: the head token of every ACTION mention of the exhaustively annotated sentences is a
trigger; the other tokens of a multi-word mention are left out of training; every other
candidate token is not a trigger. The regularisation strength and the probability cut-off are
chosen by 5-fold cross-validation grouped by topic on topics 1-25 (printed, with the
"every lemma seen as a trigger in training" baseline on the same folds). Topics 26-35 are never
read here: `benchmarks/mentions.py` scores the shipped model on them.

    .venv/bin/python benchmarks/train_triggers.py [--vector/--no-vector]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

sys.path.insert(0, str(Path(__file__).parent))
import ecbplus  # noqa: E402

from storyline.extract.triggers import MODEL, candidates, trigger_features  # noqa: E402
from storyline.learn import LinearModel, save_params  # noqa: E402

TRAIN_TOPICS = range(1, 26)
C_GRID = (0.1, 0.3, 1.0)
THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.2, 0.71, 0.05))
FOLDS = 5


def examples(sentences, docs, vector: bool = True):
    """Rows (features, label, sentence index, token index, gold mention index or -1)."""
    rows = []
    for k, (s, doc) in enumerate(zip(sentences, docs)):
        heads = {ecbplus.head_of(doc, m.tokens): j for j, m in enumerate(s.mentions)}
        inside = {i: j for j, m in enumerate(s.mentions) for i in m.tokens}
        for tok in candidates(doc[:]):
            if tok.i in inside and tok.i not in heads:
                rows.append((None, 0, k, tok.i, inside[tok.i]))  # part of a mention, not its head
                continue
            rows.append((trigger_features(tok, vector), int(tok.i in heads), k, tok.i, inside.get(tok.i, -1)))
    return rows


def score(sentences, predicted: dict[int, set[int]]) -> tuple[float, float, float]:
    """Head-overlap P/R/F1: a predicted token is right when it lies inside a gold mention; a gold
    mention is found when any predicted token lies inside it."""
    n_pred = correct = found = n_gold = 0
    for k, s in enumerate(sentences):
        tokens = predicted.get(k, set())
        inside = {i for m in s.mentions for i in m.tokens}
        n_pred += len(tokens)
        correct += len(tokens & inside)
        n_gold += len(s.mentions)
        found += sum(bool(tokens & set(m.tokens)) for m in s.mentions)
    p, r = correct / max(n_pred, 1), found / max(n_gold, 1)
    return p, r, 2 * p * r / max(p + r, 1e-9)


def seen_lemma_baseline(train_sentences, train_docs, test_docs) -> dict[int, set[int]]:
    """Every candidate whose lemma was a trigger head somewhere in the training sentences."""
    lemmas = {doc[ecbplus.head_of(doc, m.tokens)].lemma_.lower()
              for s, doc in zip(train_sentences, train_docs) for m in s.mentions}
    return {k: {t.i for t in candidates(doc[:]) if t.lemma_.lower() in lemmas} for k, doc in enumerate(test_docs)}


def fit(rows, c: float) -> tuple[DictVectorizer, LogisticRegression]:
    train = [r for r in rows if r[0] is not None]
    vec = DictVectorizer()
    x = vec.fit_transform([r[0] for r in train])
    clf = LogisticRegression(C=c, max_iter=2000)
    clf.fit(x, [r[1] for r in train])
    return vec, clf


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-vector", dest="vector", action="store_false", help="lexical and parse features only")
    args = ap.parse_args()
    sentences = ecbplus.load(TRAIN_TOPICS)
    docs = ecbplus.parse(sentences, "ecbplus-train")
    rows = examples(sentences, docs, args.vector)
    topics = np.array([s.topic for s in sentences])
    folds = list(GroupKFold(FOLDS).split(np.zeros(len(sentences)), groups=topics))
    print(f"ECB+ topics {TRAIN_TOPICS.start}-{TRAIN_TOPICS.stop - 1}: {len(sentences)} validated sentences, "
          f"{sum(len(s.mentions) for s in sentences)} action mentions; {FOLDS}-fold CV grouped by topic")
    base_pred: dict[int, set[int]] = {}
    for train_idx, test_idx in folds:
        pred = seen_lemma_baseline([sentences[i] for i in train_idx], [docs[i] for i in train_idx],
                                   [docs[i] for i in test_idx])
        base_pred.update({int(test_idx[k]): v for k, v in pred.items()})
    bp, br, bf = score(sentences, base_pred)
    print(f"  baseline, every lemma seen as a trigger in training: P {bp:.3f} R {br:.3f} F1 {bf:.3f}")
    best = (0.0, None, None)
    for c in C_GRID:
        prob: dict[tuple[int, int], float] = {}
        for train_idx, test_idx in folds:
            train_set, test_set = set(train_idx.tolist()), set(test_idx.tolist())
            vec, clf = fit([r for r in rows if r[2] in train_set], c)
            test_rows = [r for r in rows if r[2] in test_set and r[0] is not None]
            p = clf.predict_proba(vec.transform([r[0] for r in test_rows]))[:, 1]
            prob.update({(r[2], r[3]): float(q) for r, q in zip(test_rows, p)})
        for t in THRESHOLDS:
            pred: dict[int, set[int]] = {}
            for (k, i), q in prob.items():
                if q >= t:
                    pred.setdefault(k, set()).add(i)
            p_, r_, f_ = score(sentences, pred)
            if f_ > best[0]:
                best = (f_, c, t, p_, r_)
        print(f"  C={c}: best so far F1 {best[0]:.3f} (C={best[1]}, threshold {best[2]})")
    f1, c, t, p_, r_ = best
    print(f"  storyline, held-out topics: P {p_:.3f} R {r_:.3f} F1 {f1:.3f}  (C={c}, threshold {t})")
    vec, clf = fit(rows, c)
    model = LinearModel.from_sklearn(vec, clf, {"threshold": t, "C": c, "vector": args.vector,
                                                "trained_on": f"ECB+ topics {TRAIN_TOPICS.start}-{TRAIN_TOPICS.stop - 1}",
                                                "cv_f1": round(f1, 4)})
    path = save_params(MODEL, model.to_params())
    print(f"saved {path} ({path.stat().st_size // 1024} KB, {len(model.weights)} features)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
