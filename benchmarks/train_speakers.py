"""Fit the quote speaker ranker (storyline/models/speakers.json) on PolNeAR train.

First the cue verbs (storyline/models/cues.json): each verb lemma's share of its uses in train
that PolNeAR annotates as a Cue. Then, for every quote storyline detects that matches a gold direct quote, each candidate speaker
(`speakers.candidates`) is labelled: right when its words overlap the annotated Source span, or
when its name is the annotated source's (the same surname or head noun). Where the annotated
source is a pronoun only the speech-verb subjects are labelled (whose referent a name is is not
annotated). The previous quote's speaker is the one labelled right for it (teacher forcing).

A pointwise model (with an abstention threshold) and a pairwise ranker (right minus wrong
candidate of one quote) are compared, with C and the threshold, by 5-fold cross-validation grouped by outlet (the
name before the first "_": breitbart, nyt, ...), scoring the share of quotes with a named source
whose chosen speaker is right. PolNeAR dev is never read here: `quotes.py` measures on it.

    .venv/bin/python benchmarks/train_speakers.py [--no-save]

`--no-save` leaves speakers.json as it is; cues.json is written in any case, first, because the
candidates read the cue verbs from it (the lexicon is a deterministic count over train).
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from scipy.sparse import vstack
from sklearn.model_selection import GroupKFold

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import polnear  # noqa: E402

from storyline.extract.attribution import CUES_MODEL, EntityIndex  # noqa: E402
from storyline.extract.quotes import MIN_WORDS  # noqa: E402
from storyline.extract.speakers import MODEL, Kind, candidates  # noqa: E402
from storyline.learn import LinearModel, load_params, save_params  # noqa: E402

CS = (0.1, 0.3, 1.0, 3.0)
THRESHOLDS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5)


MIN_CUE_USES = 5  # a verb seen as a cue fewer times than this is too rare to judge


def fit_cues(articles: list[polnear.Article], items) -> dict:
    """Each verb lemma's share of uses that are an annotated Cue, for lemmas cued often enough."""
    cued, uses = Counter(), Counter()
    for (_, parsed), article in zip(items, articles):
        hit = set()
        for a in article.attributions:
            span = parsed.char_span(*a.cue, alignment_mode="expand") if a.cue else None
            hit |= {t.i for t in span or () if t.pos_ in ("VERB", "AUX") or t.lower_ == "according"}
        for t in parsed:
            if t.pos_ == "VERB" or t.lower_ == "according":
                uses[t.lemma_.lower()] += 1
                cued[t.lemma_.lower()] += t.i in hit
    return {"lemmas": {lemma: round(cued[lemma] / uses[lemma], 3) for lemma in sorted(uses) if cued[lemma] >= MIN_CUE_USES},
            "meta": {"trained_on": "PolNeAR train", "min_uses": MIN_CUE_USES}}


def examples(split: str = "train") -> list[dict]:
    """One record per matched quote: its candidates' features and labels (None = unlabelled)."""
    articles = polnear.load(split)
    out = []
    items = polnear.prepared(articles, f"polnear-{split}")
    save_params(CUES_MODEL, fit_cues(articles, items))
    load_params.cache_clear()
    for (doc, parsed), article in zip(items, articles):
        gold = article.direct_quotes(MIN_WORDS)
        index = EntityIndex(doc._entities)
        previous = previous_end = None
        for start, end in doc._quoted:
            if len(doc.text[start:end].split()) < MIN_WORDS:
                continue
            g = next((g for g in gold if polnear.overlaps((start, end), (g.start, g.end))), None)
            if g is None or not g.source:
                continue
            cands = candidates(doc.text, parsed, index, start, end, doc._quoted, previous, previous_end)
            labels = []
            for c in cands:
                hit = c.kind is not Kind.PREVIOUS and polnear.overlaps((c.start, c.end), g.source)
                by_name = g.named and polnear.same_speaker(c.name or c.description, g.source_text)
                if g.named or c.kind is Kind.CUE:
                    labels.append(hit or by_name)
                else:
                    labels.append(None)
            out.append({"group": article.name.split("_")[0], "named": g.named, "cands": cands, "labels": labels,
                        "gold": g.source_text})
            right = [c for c, y in zip(cands, labels) if y and c.name]
            if right:
                previous, previous_end = right[0].name, end
    return out


def fit(records: list[dict], c: float) -> LinearModel:
    feats = [cand.features for r in records for cand, y in zip(r["cands"], r["labels"]) if y is not None]
    ys = [int(y) for r in records for y in r["labels"] if y is not None]
    vec = DictVectorizer()
    clf = LogisticRegression(C=c, max_iter=2000, class_weight="balanced").fit(vec.fit_transform(feats), ys)
    return LinearModel.from_sklearn(vec, clf)


def fit_pairwise(records: list[dict], c: float) -> LinearModel:
    """A ranking model: logistic regression on the feature differences of a right and a wrong
    candidate of one quote (both orders), no intercept: only the order of candidates matters."""
    vec = DictVectorizer().fit([cand.features for r in records for cand in r["cands"]])
    rows, ys = [], []
    for r in records:
        right = [cand.features for cand, y in zip(r["cands"], r["labels"]) if y]
        wrong = [cand.features for cand, y in zip(r["cands"], r["labels"]) if y is False]
        if right and wrong:
            pos, neg = vec.transform(right), vec.transform(wrong)
            for i in range(pos.shape[0]):
                for j in range(neg.shape[0]):
                    rows += [pos[i] - neg[j], neg[j] - pos[i]]
                    ys += [1, 0]
    clf = LogisticRegression(C=c, max_iter=2000, fit_intercept=False).fit(vstack(rows), ys)
    return LinearModel.from_sklearn(vec, clf)


def accuracy(records: list[dict], model: LinearModel, threshold: float) -> float:
    """Share of named-source quotes whose best candidate clears the threshold and is right."""
    right = total = 0
    for r in records:
        if not r["named"]:
            continue
        total += 1
        if not r["cands"]:
            continue
        p, cand = max(((model.proba(c.features)[1], c) for c in r["cands"]), key=lambda x: x[0])
        right += p >= threshold and polnear.same_speaker(cand.name or cand.description, r["gold"])
    return right / max(1, total)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--no-save", action="store_true")
    args = ap.parse_args()
    records = examples("train")
    groups = np.array([r["group"] for r in records])
    print(f"PolNeAR train: {len(records)} matched quotes, {sum(r['named'] for r in records)} with a named source, "
          f"{len(set(groups))} outlets")
    scores = {}
    for fold_train, fold_test in GroupKFold(n_splits=5).split(records, groups=groups):
        train = [records[i] for i in fold_train]
        test = [records[i] for i in fold_test]
        for c in CS:
            model = fit(train, c)
            for t in THRESHOLDS:
                scores.setdefault(("pointwise", c, t), []).append(accuracy(test, model, t) * sum(r["named"] for r in test))
            ranker = fit_pairwise(train, c)
            scores.setdefault(("pairwise", c, 0.0), []).append(accuracy(test, ranker, 0.0) * sum(r["named"] for r in test))
    n_named = sum(r["named"] for r in records)
    (best_kind, best_c, best_t), total = max(scores.items(), key=lambda kv: sum(kv[1]))
    for (kind, c, t), s in sorted(scores.items()):
        print(f"  {kind:9} C={c:<4} threshold={t:.1f}  CV named speaker right {sum(s) / n_named:.3f}")
    print(f"chosen {best_kind} C={best_c} threshold={best_t}: CV (grouped by outlet) {sum(total) / n_named:.3f}")
    model = (fit_pairwise if best_kind == "pairwise" else fit)(records, best_c)
    model.meta = {"threshold": best_t, "C": best_c, "kind": best_kind, "cv_named_right": round(sum(total) / n_named, 4),
                  "trained_on": "PolNeAR train", "quotes": len(records)}
    if not args.no_save:
        print("saved", save_params(MODEL, model.to_params()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
