"""Fit the event coreference pair model (storyline/models/coref.json) on ECB+ and score
mention coreference with predicted mentions.

Mentions are the shipped trigger detector's, on ECB+'s validated sentences (parsed on the corpus
tokens, so a trigger is matched to the gold mention whose tokens hold it). Candidate pairs are
blocked by story: the documents' stories are the pipeline's, each fold's from the story model
fitted without that fold's topics (`train_stories.py`). The pair model's C and the merge
threshold are chosen by 5-fold cross-validation grouped by topic over topics 1-30; topics 31-35
are frozen and scored once (`--frozen`). The shipped model is refitted on all 35 topics.

Scores: MUC, B-cubed, CEAF-e and CoNLL F1 (`corefscore.py`) over the gold and predicted mentions
of the test topics, all documents of a fold in one pile. Anchors in the same run: the same-lemma
baseline (mentions of one lemma in one story are one event) and every mention a singleton. The
trigger detector was fitted on topics 1-25, so its mentions there are better than unseen ones;
topics 26-35 are also reported alone.

    .venv/bin/python benchmarks/train_coref.py [--no-save] [--frozen]
"""
from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

import corefscore
import ecbplus
import train_stories
from storyline.cluster import coref
from storyline.cluster.stories import NAME_LABELS
from storyline.extract.triggers import find_triggers
from storyline.cluster import stories
from storyline.learn import WEIGHT_DIGITS, load_params, save_params
from storyline.time.docdate import date_documents, windows_of

CS = (0.1, 1.0)
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7)
UNSEEN_TRIGGERS = range(26, 36)


@dataclass
class Mention:
    topic: int
    profile: coref.MentionProfile
    gold: str | None          # gold mention id it matches, None for an invented mention


def mentions() -> tuple[list[Mention], dict[str, str]]:
    """Predicted mentions of every validated sentence, and every gold mention's cluster label."""
    sentences = ecbplus.load()
    parses = ecbplus.parse(sentences)
    out, key = [], {}
    for s, doc in zip(sentences, parses):
        owner = {}
        for k, g in enumerate(s.mentions):
            mid = f"{s.document}/{s.number}/{k}"
            key[mid] = g.instance or mid
            for t in g.tokens:
                owner.setdefault(t, mid)
        head = {ecbplus.head_of(doc, g.tokens): f"{s.document}/{s.number}/{k}" for k, g in enumerate(s.mentions)}
        text = doc.text
        context, figures = coref.sentence_words(text), coref.sentence_figures(text)
        names = frozenset(e.text for e in doc.ents if e.label_ in NAME_LABELS)
        for trig in find_triggers(doc[:]):
            tok = trig.token
            profile = coref.MentionProfile(s.document, s.number, tok.lemma_.lower(), tuple(doc.tensor[tok.i].tolist()),
                                           context, names, figures)
            out.append(Mention(s.topic, profile, head.get(tok.i) or owner.get(tok.i)))
    return out, key


def by_story(ms: list[Mention], story: dict[str, int]) -> dict[int, list[Mention]]:
    """The mentions of each story: candidate pairs never cross stories."""
    groups = defaultdict(list)
    for m in ms:
        groups[story[m.profile.doc]].append(m)
    return groups


def pairs(ms: list[Mention], story: dict[str, int], key: dict[str, str]):
    """Feature dicts and labels of the mention pairs in one story."""
    x, y = [], []
    for group in by_story(ms, story).values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                x.append(coref.pair_features(a.profile, b.profile))
                y.append(a.gold is not None and b.gold is not None and key[a.gold] == key[b.gold])
    return x, np.array(y)


def fit(ms, story, key, c: float) -> dict:
    x, y = pairs(ms, story, key)
    vec = DictVectorizer(sparse=False)
    model = LogisticRegression(C=c, max_iter=2000).fit(vec.fit_transform(x), y)
    return {"intercept": round(float(model.intercept_[0]), WEIGHT_DIGITS),
            "weights": {n: round(float(w), WEIGHT_DIGITS) for n, w in zip(vec.get_feature_names_out(), model.coef_[0])},
            "meta": {}}


def predict(ms, story, params, threshold) -> dict:
    """Response clusters: gold-matched mentions by their gold id, invented ones by position."""
    out = {}
    for s, group in by_story(ms, story).items():
        if params is None:  # same-lemma baseline
            labels = [m.profile.lemma for m in group]
        elif params == "singletons":
            labels = list(range(len(group)))
        else:
            labels = coref.agglomerate(coref.probabilities([m.profile for m in group], params), threshold)
        for m, label in zip(group, labels):
            out[m.gold or f"invented/{m.profile.doc}/{m.profile.sentence}/{m.profile.lemma}/{id(m)}"] = (s, label)
    return out


def score(ms, key, story, params, threshold, topics) -> dict:
    chosen = [m for m in ms if m.topic in topics]
    return corefscore.conll({g: c for g, c in key.items() if int(g.split("_")[0]) in topics},
                            predict(chosen, story, params, threshold))


def stories_by_fold(folds: list[set[int]]) -> dict[str, int]:
    """Each document's story, from the story model fitted without its fold's topics."""
    docs, gold, _ = train_stories.corpus()
    windows = windows_of(date_documents(docs))
    story, offset = {}, 0
    for test in folds:
        train = [i for i, g in enumerate(gold) if g.topic not in test]
        held = [i for i, g in enumerate(gold) if g.topic in test]
        c = load_params(stories.MODEL)["meta"]
        params = train_stories.fit([docs[i] for i in train], [gold[i] for i in train], windows, c["C"])
        labels = train_stories.cluster([docs[i] for i in held], windows, params, c["threshold"])
        for i, label in zip(held, labels):
            story[gold[i].stem] = label + offset
        offset += max(labels) + 1
    return story


def line(name: str, s: dict) -> str:
    cells = "  ".join(f"{k} {v[2]:.3f}" for k, v in s.items())
    return f"  {name:32} {cells}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--no-save", action="store_true")
    ap.add_argument("--frozen", action="store_true")
    args = ap.parse_args(argv)
    ms, key = mentions()
    dev = sorted({m.topic for m in ms if m.topic not in train_stories.FROZEN})
    folds = [set(dev[k::train_stories.FOLDS]) for k in range(train_stories.FOLDS)]
    story = stories_by_fold(folds + [set(train_stories.FROZEN)])
    for m in ms:
        story.setdefault(m.profile.doc, -1)  # a document the pipeline rejected
    print(f"ECB+ validated sentences: {len(ms)} predicted mentions, {len(key)} gold mentions, "
          f"{sum(m.gold is not None for m in ms)} predicted mentions matching one")
    results: dict[tuple, list] = defaultdict(list)
    for test in folds:
        train = [m for m in ms if m.topic in set(dev) - test]
        for c in CS:
            params = fit(train, story, key, c)
            for t in THRESHOLDS:
                results[(c, t)].append((len(test), score(ms, key, story, params, t, test)))
    (c, t), runs = max(results.items(), key=lambda kv: np.mean([r[1]["CoNLL"][2] for r in kv[1]]))
    print(f"cross-validation by topic, topics 1-30 ({train_stories.FOLDS} folds): chosen C={c}, threshold {t}")
    mean = {k: (0, 0, float(np.mean([r[1][k][2] for r in runs]))) for k in runs[0][1]}
    print(line("storyline pair model", mean))
    for name, params in (("anchor: same lemma in a story", None), ("anchor: all singletons", "singletons")):
        print(line(name, {k: (0, 0, float(np.mean([score(ms, key, story, params, t, test)[k][2] for test in folds])))
                          for k in mean}))
    unseen = set(UNSEEN_TRIGGERS) - set(train_stories.FROZEN)
    dev_fit = fit([m for m in ms if m.topic in set(dev) - unseen], story, key, c)
    print(f"topics {min(unseen)}-{max(unseen)} (triggers unseen too), pair model fitted on the other dev topics")
    print(line("storyline pair model", score(ms, key, story, dev_fit, t, unseen)))
    print(line("anchor: same lemma in a story", score(ms, key, story, None, t, unseen)))
    if args.frozen:
        frozen = set(train_stories.FROZEN)
        print(f"frozen topics {min(frozen)}-{max(frozen)}, pair model fitted on 1-30")
        print(line("storyline pair model", score(ms, key, story, fit([m for m in ms if m.topic in dev], story, key, c), t, frozen)))
        print(line("anchor: same lemma in a story", score(ms, key, story, None, t, frozen)))
    print("target: CoNLL F1 >= 0.80 with predicted mentions")
    params = fit(ms, story, key, c)
    params["meta"] = {"threshold": t, "C": c, "fitted_on": "ECB+ topics 1-35 predicted mention pairs within stories",
                      "cv_conll_f1": round(mean["CoNLL"][2], 3)}
    print("weights:", params["weights"], "intercept", params["intercept"])
    if not args.no_save:
        print("saved", save_params(coref.MODEL, params))
    return 0


if __name__ == "__main__":
    sys.exit(main())
