"""Fit the story pair model (storyline/models/stories.json) on ECB+ and report it on topics it
was neither fitted nor tuned on.

Each ECB+ topic holds two real-world events of the same kind (sub-topics `N-ecb` and
`N-ecbplus`); a story is one of them. Every pair of documents is an example (same sub-topic or
not), with the features `storyline.cluster.stories.pair_features` computes from the documents
as the pipeline processed them (plain text, no metadata: their dates are what the text says).
The regularisation C and the merge threshold are chosen by 5-fold cross-validation grouped by
topic over topics 1-30; topics 31-35 are a frozen split scored once with the model fitted on
1-30. The shipped model is then refitted on all 35 topics with the chosen setting.

Scores: B-cubed P/R/F1 of the documents' stories against the sub-topics and against the topics
(topic-level precision: a story never mixes topics), with every test document clustered in one
pile. Anchor in the same run: TF-IDF cosine of words, average linkage, its threshold chosen the
same way.

    .venv/bin/python benchmarks/train_stories.py [--no-save]
"""
from __future__ import annotations

import argparse
import sys
from collections import defaultdict

import numpy as np
from sklearn.cluster import AgglomerativeClustering
from sklearn.linear_model import LogisticRegression

import corefscore
import ecbplus
import pipecache
from storyline.cluster import stories
from storyline.learn import WEIGHT_DIGITS, save_params
from storyline.model import Document, RawItem
from storyline.nlp.entities import canonicalise_corpus
from storyline.time.docdate import date_documents, windows_of

FROZEN = range(31, 36)
FOLDS = 5
CS = (0.1, 1.0, 10.0)
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
NEAR_WORDS = 0.05  # pairs sharing fewer words are never one story: fitting on them only flattens the model
TFIDF_THRESHOLDS = (0.6, 0.7, 0.8, 0.85, 0.9, 0.95)


def corpus() -> tuple[list[Document], list[ecbplus.GoldDocument], list[ecbplus.GoldDocument]]:
    """The processed documents, their gold labels, and the documents the pipeline rejected
    (short texts: each is scored as a story of its own)."""
    gold = ecbplus.documents()
    docs = pipecache.processed([RawItem(g.stem, g.text, "text", {}) for g in gold], "ecbplus")
    keep = [(d, g) for d, g in zip(docs, gold) if isinstance(d, Document)]
    renamed, _ = canonicalise_corpus([d for d, _ in keep])  # as the pipeline does before clustering
    return renamed, [g for _, g in keep], [g for d, g in zip(docs, gold) if not isinstance(d, Document)]


def bcubed(pred: list, gold: list) -> tuple[float, float, float]:
    by_pred, by_gold = defaultdict(set), defaultdict(set)
    for i, (p, g) in enumerate(zip(pred, gold)):
        by_pred[p].add(i)
        by_gold[g].add(i)
    n = len(pred)
    p = sum(len(by_pred[pred[i]] & by_gold[gold[i]]) / len(by_pred[pred[i]]) for i in range(n)) / n
    r = sum(len(by_pred[pred[i]] & by_gold[gold[i]]) / len(by_gold[gold[i]]) for i in range(n)) / n
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def examples(docs: list[Document], windows: dict) -> tuple[np.ndarray, list[str], np.ndarray]:
    """Feature rows of every unordered document pair, their names, and the pairs' indices."""
    features = stories.pair_features(stories.profiles(docs, windows))
    names = sorted(features)
    upper = np.triu_indices(len(docs), k=1)
    return np.column_stack([features[n][upper] for n in names]), names, np.column_stack(upper)


def fit(docs: list[Document], gold: list[ecbplus.GoldDocument], windows: dict, c: float) -> dict:
    x, names, pairs = examples(docs, windows)
    y = np.array([gold[i].subtopic == gold[j].subtopic for i, j in pairs])
    near = x[:, names.index("words")] > NEAR_WORDS
    model = LogisticRegression(C=c, max_iter=2000).fit(x[near], y[near])
    return {"intercept": round(float(model.intercept_[0]), WEIGHT_DIGITS),
            "weights": {n: round(float(w), WEIGHT_DIGITS) for n, w in zip(names, model.coef_[0])}, "meta": {}}


def cluster(docs, windows, params, threshold) -> list[int]:
    return stories.story_labels(docs, windows, params=params, threshold=threshold)[0]


def tfidf_labels(docs: list[Document], threshold: float) -> list[int]:
    p = stories.profiles(docs, {})
    distance = 1 - (p.words @ p.words.T).toarray()
    return list(AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                        distance_threshold=threshold).fit_predict(distance))


REJECTED: list[ecbplus.GoldDocument] = []  # set by main(): scored as singletons


def scores(labels, gold) -> tuple:
    """Sub-topic B3, topic B3 and sub-topic CoNLL F1 of one pile; the pile's rejected documents
    count as stories of their own."""
    topics = {g.topic for g in gold}
    missed = [g for g in REJECTED if g.topic in topics]
    labels = list(labels) + [f"rejected-{g.stem}" for g in missed]
    gold = list(gold) + missed
    sub = [g.subtopic for g in gold]
    conll = corefscore.conll(dict(enumerate(sub)), dict(enumerate(labels)))["CoNLL"][2]
    return bcubed(labels, sub), bcubed(labels, [g.topic for g in gold]), conll


def select(items: list[int], topics: range | set) -> list[int]:
    return [i for i in items if i in topics]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--no-save", action="store_true")
    ap.add_argument("--frozen", action="store_true", help="also score the frozen topics (once features are chosen)")
    args = ap.parse_args(argv)
    global REJECTED
    docs, gold, REJECTED = corpus()
    windows = windows_of(date_documents(docs))
    print(f"ECB+: {len(docs) + len(REJECTED)} documents as plain text, {len(REJECTED)} rejected by the pipeline as too "
          f"short (scored as stories of their own), {sum(w is not None for w in windows.values())} dated by their text")
    dev_topics = sorted({g.topic for g in gold if g.topic not in FROZEN})
    folds = [set(dev_topics[k::FOLDS]) for k in range(FOLDS)]

    def part(topics):
        idx = [i for i, g in enumerate(gold) if g.topic in topics]
        return [docs[i] for i in idx], [gold[i] for i in idx]

    cv: dict[tuple, list] = defaultdict(list)
    tfidf_cv: dict[float, list] = defaultdict(list)
    for test in folds:
        train_docs, train_gold = part(set(dev_topics) - test)
        test_docs, test_gold = part(test)
        for c in CS:
            params = fit(train_docs, train_gold, windows, c)
            for t in THRESHOLDS:
                cv[(c, t)].append(scores(cluster(test_docs, windows, params, t), test_gold))
        for t in TFIDF_THRESHOLDS:
            tfidf_cv[t].append(scores(tfidf_labels(test_docs, t), test_gold))

    def mean(runs):
        return (*(tuple(float(np.mean([r[k][i] for r in runs])) for i in range(3)) for k in range(2)),
                float(np.mean([r[2] for r in runs])))

    (c, t), best = max(((k, mean(v)) for k, v in cv.items()), key=lambda kv: kv[1][0][2])
    t_tfidf, best_tfidf = max(((k, mean(v)) for k, v in tfidf_cv.items()), key=lambda kv: kv[1][0][2])

    def line(name, s):
        (sp, sr, sf), (tp, tr, tf), conll = s
        return (f"  {name:34} sub-topic B3 P/R/F1 {sp:.3f} / {sr:.3f} / {sf:.3f}  CoNLL {conll:.3f}   "
                f"topic B3 {tp:.3f} / {tr:.3f} / {tf:.3f}")
    print(f"cross-validation by topic, topics 1-30 ({FOLDS} folds); chosen C={c}, threshold {t}; TF-IDF threshold {t_tfidf}")
    print(line("storyline pair model", best))
    print(line("anchor: TF-IDF words, average link", best_tfidf))
    frozen = None
    if args.frozen:
        frozen_docs, frozen_gold = part(set(FROZEN))
        dev_docs, dev_gold = part(set(dev_topics))
        frozen = scores(cluster(frozen_docs, windows, fit(dev_docs, dev_gold, windows, c), t), frozen_gold)
        print(f"frozen topics {FROZEN.start}-{FROZEN.stop - 1} ({len(frozen_docs)} documents), model fitted on 1-30")
        print(line("storyline pair model", frozen))
        print(line("anchor: TF-IDF words, average link", scores(tfidf_labels(frozen_docs, t_tfidf), frozen_gold)))
    print("targets: sub-topic B3 F1 >= 0.95, topic-level precision >= 0.99")
    params = fit(docs, gold, windows, c)
    params["meta"] = {"threshold": t, "C": c, "fitted_on": "ECB+ topics 1-35 document pairs",
                      "cv_subtopic_f1": round(best[0][2], 3)}
    if frozen:
        params["meta"]["frozen_subtopic_f1"] = round(frozen[0][2], 3)
    print("weights:", params["weights"], "intercept", params["intercept"])
    if not args.no_save:
        print("saved", save_params(stories.MODEL, params))
    return 0


if __name__ == "__main__":
    sys.exit(main())
