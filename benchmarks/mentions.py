"""Event mention benchmark: trigger detection and status, on data the shipped models never saw.

- ECB+ topics 26-35 (validated sentences): the shipped trigger model, fitted on topics 1-25
  only (`train_triggers.py`), against the baseline "every lemma seen as a trigger in training"
  (topics 1-25), and the rule lexicon the event layer used before; "as run" counts only the
  triggers the pipeline keeps as events (those of a known type, `types.kind_of`).
- TimeBank + AQUAINT EVENT tags, document split (every 5th document by name held out):
  the shipped ECB+ model as it is (ECB+ and TimeBank annotate different things: TimeBank also
  marks states and aspectual verbs, so this is a transfer figure); the same features fitted on
  the other TimeBank documents; the seen-lemma baseline from those documents.
- Status on the frozen TimeBank + AQUAINT documents (every 5th by name, never fitted on): the
  shipped status model against the earlier rules and the majority class (labels derived from TimeML polarity, modality and SLINKs: `train_status.py`).

Head-overlap scoring: a predicted trigger is right when it lies inside a gold mention, a gold
mention is found when a predicted trigger lies inside it.

    .venv/bin/python benchmarks/mentions.py
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import ecbplus  # noqa: E402
import parsecache  # noqa: E402
import tbaq  # noqa: E402
from train_triggers import TRAIN_TOPICS, examples, fit, score, seen_lemma_baseline  # noqa: E402

from storyline.extract import lexicon  # noqa: E402
from storyline.extract.events import lexicon_code  # noqa: E402
from storyline.extract.types import extra_type  # noqa: E402
from storyline.extract.triggers import MODEL, candidates, find_triggers, trigger_features  # noqa: E402
from storyline.learn import LinearModel  # noqa: E402

TEST_TOPICS = range(26, 36)
HELD_OUT_EVERY = 5  # TimeBank documents whose index by sorted name is a multiple of this are held out


def lexicon_rules(docs) -> dict[int, set[int]]:
    """The trigger lexicon of the earlier rule-based event layer, for comparison."""
    out = {}
    for k, doc in enumerate(docs):
        out[k] = {t.i for t in doc if (t.pos_ == "VERB" and t.lemma_.lower() in lexicon.VERBS)
                  or (t.pos_ in ("NOUN", "PROPN") and t.lemma_.lower() in lexicon.NOUNS)}
    return out


def ecb_figures(model: LinearModel) -> None:
    train = ecbplus.load(TRAIN_TOPICS)
    train_docs = ecbplus.parse(train, "ecbplus-train")
    test = ecbplus.load(TEST_TOPICS)
    test_docs = ecbplus.parse(test, "ecbplus-test")
    started = time.perf_counter()
    pred = {k: {t.token.i for t in find_triggers(doc[:], model=model)} for k, doc in enumerate(test_docs)}
    rate = len(test_docs) / (time.perf_counter() - started)
    print(f"ECB+ unseen topics {TEST_TOPICS.start}-{TEST_TOPICS.stop - 1}: {len(test)} validated sentences, "
          f"{sum(len(s.mentions) for s in test)} action mentions (model fitted on topics 1-25)")
    typed = {k: {t.i for t in doc if (lexicon_code(t) or (t.i in pred[k] and extra_type(t)))}
             for k, doc in enumerate(test_docs)}
    for name, p in (("storyline (learned triggers)", pred),
                    ("storyline events as run (typed triggers only)", typed),
                    ("baseline: every lemma seen as a trigger in 1-25", seen_lemma_baseline(train, train_docs, test_docs)),
                    ("earlier rule lexicon", lexicon_rules(test_docs))):
        print(f"  {name:<50} P {score(test, p)[0]:.3f} R {score(test, p)[1]:.3f} F1 {score(test, p)[2]:.3f}")
    print(f"  target F1 >= 0.80; trigger scoring {rate:.0f} sentences/s on one core (parse excluded)")


def timebank_sentences(documents, docs):
    """TimeBank documents as ECB+-like gold sentences over the run-time parse, for `score`."""
    sentences, parses = [], []
    for d, doc in zip(documents, docs):
        for sent in doc.sents:
            mentions = []
            for start, end, _eid, kind in d.events:
                tokens = tuple(t.i - sent.start for t in sent if t.idx < end and t.idx + len(t.text) > start)
                if tokens:
                    mentions.append(ecbplus.GoldMention(tokens, kind))
            sentences.append(ecbplus.GoldSentence(0, d.name, len(sentences), [t.text for t in sent], mentions))
            parses.append(sent.as_doc())
    return sentences, parses


def timebank_figures(model: LinearModel) -> None:
    paths = tbaq.files()
    documents = [tbaq.read(p) for p in paths]
    docs = parsecache.parse([d.text for d in documents], "tbaq-text")
    held = [i for i in range(len(documents)) if i % HELD_OUT_EVERY == 0]
    rest = [i for i in range(len(documents)) if i % HELD_OUT_EVERY]
    test, test_docs = timebank_sentences([documents[i] for i in held], [docs[i] for i in held])
    train, train_docs = timebank_sentences([documents[i] for i in rest], [docs[i] for i in rest])
    print(f"TimeBank + AQUAINT: {len(held)} held-out documents, {sum(len(s.mentions) for s in test)} EVENT tags "
          f"({len(rest)} other documents for the in-domain fit and the baseline)")
    shipped = {k: {t.token.i for t in find_triggers(doc[:], model=model)} for k, doc in enumerate(test_docs)}
    vec, clf = fit(examples(train, train_docs), model.meta.get("C", 1.0))
    in_domain = LinearModel.from_sklearn(vec, clf, {"threshold": 0.5})
    fitted = {k: {t.i for t in candidates(doc[:])
                  if in_domain.proba(trigger_features(t))[1] >= 0.5} for k, doc in enumerate(test_docs)}
    for name, p in (("storyline, shipped ECB+ model (transfer)", shipped),
                    ("storyline features fitted on TimeBank", fitted),
                    ("baseline: every lemma seen as an EVENT", seen_lemma_baseline(train, train_docs, test_docs))):
        print(f"  {name:<50} P {score(test, p)[0]:.3f} R {score(test, p)[1]:.3f} F1 {score(test, p)[2]:.3f}")


def status_figures() -> None:
    """The shipped status model on the frozen TimeBank + AQUAINT documents it was not fitted on."""
    from collections import Counter

    from train_status import CACHE, examples, report
    rows = [r for r in examples(CACHE)[0] if r["frozen"]]
    status = LinearModel.load("status")
    majority = Counter(r["y"] for r in rows).most_common(1)[0][0]
    for title, chosen in (("status, frozen TimeBank + AQUAINT documents", rows),
                          ("status, frozen TimeBank documents (target macro-F1 >= 0.85)",
                           [r for r in rows if r["corpus"] == "TimeBank"])):
        report(title, [r["y"] for r in chosen], {"storyline": [status.predict(r["x"]) for r in chosen],
                                                 "rules": [r["rule"] for r in chosen],
                                                 "majority": [majority] * len(chosen)})


def main() -> int:
    model = LinearModel.load(MODEL)
    ecb_figures(model)
    timebank_figures(model)
    status_figures()
    return 0


if __name__ == "__main__":
    sys.exit(main())
