"""Train and measure the learned event status (realis) model (`storyline/extract/status.py`).

    .venv/bin/python benchmarks/train_status.py [--save] [--cache /tmp/status-cache]

Data: TimeBank + AQUAINT (TempEval-3 training, ../shared/data/timex/tbaq), every EVENT tag with
a MAKEINSTANCE, aligned to the spaCy parse by character offsets (the trigger is the root token
of the tag's span). Parses are cached per corpus as spaCy DocBins under `--cache`, so each
corpus is parsed once. 25 AQUAINT documents are left out: their polarity attribute is
evidently broken (92-100 % of their events are marked NEG, "said" and "seeking" among them,
against 0-18 % in every other document), so polarity there defines nothing.

Gold status, from the TimeML annotation of the event instance, first rule that applies:
  1. negated       polarity=NEG, or subordinated by a COUNTER_FACTIVE SLINK ("failed to X",
                   "prevented X"): the text says it did not happen.
  2. denied        subordinated by a NEG_EVIDENTIAL SLINK ("denied that X").
  3. demanded      subordinated by a MODAL SLINK from a demand or request (DEMAND_GOVERNORS).
  4. alleged       subordinated by an EVIDENTIAL SLINK from an allegation (ALLEGE_GOVERNORS).
  5. hypothetical  either end of a CONDITIONAL SLINK ("if X, Y"), or a modality of possibility,
                   ability or obligation (would, could, may, might, can, should, must, ...).
  6. planned       tense=FUTURE (TempEval-3 writes "will" as tense, not modality), modality
                   will/shall/'ll, or subordinated by a MODAL SLINK from an intention, plan or
                   expectation (PLAN_GOVERNORS).
  7. hypothetical  subordinated by any other MODAL SLINK ("ready to X", "try to X", "the
                   possibility that X"): TimeML's MODAL means the event is not asserted.
  8. asserted      otherwise (including events reported by "said": attribution is a separate field).
Negation comes first because "will not attend" or "did not demand" describe events the text
says do not happen; the governed statuses (2-4) come before modality, because "demanded that
he should resign" is a demand, not a possibility; planned comes after hypothetical, because
"would" in "said he would visit" is TimeML's hedge. Only the direct governor counts. The lemma
lists below are part of this label definition, applied to the governing EVENT's lemma; the
runtime model never sees them.

Evaluation: 5-fold cross-validation grouped by document (GroupKFold) on the development
documents, which chooses C and class weighting by macro-F1; then the frozen validation split
(every 5th document by sorted file name, fixed before any feature was written), scored once by
a model fitted on all development documents. Beside the model: the current rule
(the earlier event layer's rule, `benchmarks/rule_status.py`) and the majority class, on the same events. Macro-F1 is
over the statuses present in the gold of the set scored; a second macro-F1 is over the statuses
with at least 20 gold events there (denied and alleged have under 10 in the whole corpus).

`--save` writes the model fitted on all documents (development + frozen) to storyline/models/status.json.
"""
from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import tbaq
from rule_status import rule_status
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score, precision_recall_fscore_support
from sklearn.model_selection import GroupKFold
from spacy.tokens import DocBin

from storyline.extract.status import status_features
from storyline.extract.vocab import Status
from storyline.learn import LinearModel, save_params
from storyline.nlp import load

CORPORA = ("TimeBank", "AQUAINT")
CACHE = Path("/tmp/status-cache")
DOCBIN_ATTRS = ["ORTH", "SPACY", "TAG", "POS", "MORPH", "LEMMA", "DEP", "HEAD", "SENT_START", "ENT_IOB", "ENT_TYPE"]
BROKEN_POLARITY_SHARE = 0.5  # a document whose events are mostly NEG has a broken polarity attribute
FROZEN_EVERY = 5             # frozen validation split: every 5th document by sorted name
COMMON = 20                  # secondary figure: macro-F1 over the statuses with at least this many gold events

# label definition: governing-event lemmas (see the module docstring)
PLAN_GOVERNORS = {"plan", "expect", "intend", "schedule", "want", "hope", "aim", "promise", "pledge", "vow",
                  "agree", "decide", "prepare", "propose", "set", "due", "wish", "like", "anticipate", "offer",
                  "threaten", "expectation", "intention", "prediction", "predict", "forecast"}
DEMAND_GOVERNORS = {"demand", "ask", "urge", "call", "request", "insist", "order", "press", "appeal", "petition",
                    "command", "plead", "beg", "instruct", "require", "push", "recommend"}
ALLEGE_GOVERNORS = {"allege", "allegation", "accuse", "accusation", "claim", "suspect", "charge", "contend"}
HYPOTHETICAL_MODALITY = {"would", "could", "may", "might", "can", "should", "must", "'d", "have to", "have_to",
                         "should have to", "would have to", "possible", "unlikely", "potential", "likelihood"}
FUTURE_MODALITY = {"will", "shall", "'ll"}

GRID = [(c, w) for w in (None, "balanced") for c in (0.3, 1.0, 3.0, 10.0)]


# -- reading --------------------------------------------------------------------------------------

def parses(corpus: str, documents: list[tbaq.TmlDocument], cache: Path) -> list:
    """spaCy parses of a corpus's documents, from the DocBin cache (parsed once, then stored)."""
    path, names = cache / f"{corpus}.spacy", cache / f"{corpus}.names"
    wanted = [d.name for d in documents]
    if path.exists() and names.exists() and names.read_text().split("\n") == wanted:
        return list(DocBin().from_bytes(path.read_bytes()).get_docs(load().vocab))
    cache.mkdir(parents=True, exist_ok=True)
    docs = list(load().pipe([d.text for d in documents], batch_size=16))
    bin_ = DocBin(attrs=DOCBIN_ATTRS)
    for doc in docs:
        bin_.add(doc)
    path.write_bytes(bin_.to_bytes())
    names.write_text("\n".join(wanted))
    return docs


def gold_status(doc: tbaq.TmlDocument, eid: str, lemma_of: dict[str, str]) -> Status:
    """The status of event `eid` under the label definition of the module docstring."""
    inst = doc.instances[eid]
    modality = (inst.get("modality") or "").lower()
    links = [(rel, lemma_of.get(gov, "")) for rel, gov, sub in doc.slinks if sub == eid]
    if inst.get("polarity") == "NEG" or any(rel == "COUNTER_FACTIVE" for rel, _ in links):
        return Status.NEGATED
    if any(rel == "NEG_EVIDENTIAL" for rel, _ in links):
        return Status.DENIED
    if any(rel == "MODAL" and g in DEMAND_GOVERNORS for rel, g in links):
        return Status.DEMANDED
    if any(rel == "EVIDENTIAL" and g in ALLEGE_GOVERNORS for rel, g in links):
        return Status.ALLEGED
    conditional = any(rel == "CONDITIONAL" and eid in (gov, sub) for rel, gov, sub in doc.slinks)
    if conditional or modality in HYPOTHETICAL_MODALITY:
        return Status.HYPOTHETICAL
    if inst.get("tense") == "FUTURE" or modality in FUTURE_MODALITY or any(
            rel == "MODAL" and g in PLAN_GOVERNORS for rel, g in links):
        return Status.PLANNED
    if any(rel == "MODAL" for rel, _ in links):
        return Status.HYPOTHETICAL
    return Status.ASSERTED


def baseline(tok) -> Status:
    """The earlier event layer's rule (benchmarks/rule_status.py)."""
    return Status(rule_status(tok))


def examples(cache: Path) -> tuple[list[dict], dict]:
    """One row per aligned event: features, gold, rule baseline, document, corpus, frozen flag."""
    rows, info = [], Counter()
    all_names = sorted(p.stem for c in CORPORA for p in tbaq.files(tbaq.DATA / c))
    frozen = {n for i, n in enumerate(all_names) if i % FROZEN_EVERY == FROZEN_EVERY - 1}
    for corpus in CORPORA:
        documents = [tbaq.read(p) for p in tbaq.files(tbaq.DATA / corpus)]
        for doc, parsed in zip(documents, parses(corpus, documents, cache)):
            polarity = [i.get("polarity") for i in doc.instances.values()]
            if polarity.count("NEG") > BROKEN_POLARITY_SHARE * len(polarity):
                info["documents left out (broken polarity)"] += 1
                continue
            info[f"documents {corpus}"] += 1
            tokens = {}
            for start, end, eid, _ in doc.events:
                span = parsed.char_span(start, end, alignment_mode="expand")
                if span is not None and len(span):
                    tokens[eid] = span.root
            lemma_of = {eid: t.lemma_.lower() for eid, t in tokens.items()}
            for _, _, eid, _ in doc.events:
                info["events"] += 1
                if eid not in doc.instances or eid not in tokens:
                    info["events not aligned or without instance"] += 1
                    continue
                tok = tokens[eid]
                rows.append({"x": status_features(tok), "y": gold_status(doc, eid, lemma_of).value,
                             "rule": baseline(tok).value, "doc": doc.name, "corpus": corpus,
                             "frozen": doc.name in frozen})
    return rows, info


# -- fitting and scoring --------------------------------------------------------------------------

def fit(rows: list[dict], c: float, weight: str | None):
    vec = DictVectorizer()
    x = vec.fit_transform([r["x"] for r in rows])
    clf = LogisticRegression(C=c, class_weight=weight, max_iter=3000)
    clf.fit(x, [r["y"] for r in rows])
    return vec, clf


def cross_validate(rows: list[dict], c: float, weight: str | None, folds: int = 5) -> list[str]:
    pred = [""] * len(rows)
    groups = [r["doc"] for r in rows]
    for train, test in GroupKFold(n_splits=folds).split(rows, groups=groups):
        vec, clf = fit([rows[i] for i in train], c, weight)
        for i, p in zip(test, clf.predict(vec.transform([rows[i]["x"] for i in test]))):
            pred[i] = p
    return pred


def macro_f1(gold: list[str], pred: list[str]) -> float:
    return f1_score(gold, pred, labels=sorted(set(gold)), average="macro", zero_division=0)


def report(title: str, gold: list[str], systems: dict[str, list[str]]) -> None:
    labels = [s.value for s in Status if s.value in set(gold)]
    print(f"\n== {title}: {len(gold)} events, {len(set(gold))} statuses present")
    print(f"{'':14}" + "".join(f"{name:>12}" for name in systems))
    print(f"{'accuracy':14}" + "".join(f"{accuracy_score(gold, p):>12.3f}" for p in systems.values()))
    print(f"{'macro-F1':14}" + "".join(f"{macro_f1(gold, p):>12.3f}" for p in systems.values()))
    common = sorted(k for k, n in Counter(gold).items() if n >= COMMON)
    print(f"{'macro-F1 n>=' + str(COMMON):14}" + "".join(
        f"{f1_score(gold, p, labels=common, average='macro', zero_division=0):>12.3f}" for p in systems.values()))
    print(f"{'status':14}{'n':>6}" + "".join(f"{name + ' P/R/F1':>22}" for name in systems))
    scores = {name: precision_recall_fscore_support(gold, p, labels=labels, zero_division=0)
              for name, p in systems.items()}
    for k, label in enumerate(labels):
        cells = "".join(f"{s[0][k]:>8.2f}{s[1][k]:>7.2f}{s[2][k]:>7.2f}" for s in scores.values())
        print(f"{label:14}{gold.count(label):>6}{cells}")


def score_frozen(dev: list[dict], frozen: list[dict], c: float, weight: str | None, majority: str) -> None:
    vec, clf = fit(dev, c, weight)
    fpred = list(clf.predict(vec.transform([r["x"] for r in frozen])))
    fgold = [r["y"] for r in frozen]
    report("frozen validation split (scored once)", fgold,
           {"model": fpred, "rule": [r["rule"] for r in frozen], "majority": [majority] * len(frozen)})
    tb = [i for i, r in enumerate(frozen) if r["corpus"] == "TimeBank"]
    report("frozen split, TimeBank documents only", [fgold[i] for i in tb],
           {"model": [fpred[i] for i in tb], "rule": [frozen[i]["rule"] for i in tb],
            "majority": [majority] * len(tb)})


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cache", type=Path, default=CACHE)
    ap.add_argument("--save", action="store_true")
    ap.add_argument("--frozen", action="store_true", help="score the frozen split (once, at the end)")
    args = ap.parse_args()
    rows, info = examples(args.cache)
    for key, n in info.items():
        print(f"{key}: {n}")
    print(f"events used: {len(rows)}")
    print("\nlabel distribution (all documents used)")
    for corpus in CORPORA:
        counts = Counter(r["y"] for r in rows if r["corpus"] == corpus)
        print(f"  {corpus:9}" + "  ".join(f"{s.value} {counts[s.value]}" for s in Status))
    dev = [r for r in rows if not r["frozen"]]
    frozen = [r for r in rows if r["frozen"]]
    print(f"development: {len({r['doc'] for r in dev})} documents, {len(dev)} events; "
          f"frozen: {len({r['doc'] for r in frozen})} documents, {len(frozen)} events")

    gold = [r["y"] for r in dev]
    print("\nmodel choice by 5-fold grouped CV macro-F1 (development documents)")
    best = None
    for c, weight in GRID:
        pred = cross_validate(dev, c, weight)
        score = macro_f1(gold, pred)
        print(f"  C={c:<4} class_weight={weight!s:9} macro-F1 {score:.3f}  accuracy {accuracy_score(gold, pred):.3f}")
        if best is None or score > best[0]:
            best = (score, c, weight, pred)
    _, c, weight, pred = best
    print(f"chosen: C={c} class_weight={weight}")
    majority = Counter(gold).most_common(1)[0][0]
    report("5-fold CV grouped by document, development documents", gold,
           {"model": pred, "rule": [r["rule"] for r in dev], "majority": [majority] * len(dev)})
    tb = [i for i, r in enumerate(dev) if r["corpus"] == "TimeBank"]
    report("5-fold CV, TimeBank documents only", [gold[i] for i in tb],
           {"model": [pred[i] for i in tb], "rule": [dev[i]["rule"] for i in tb], "majority": [majority] * len(tb)})

    if args.frozen:
        score_frozen(dev, frozen, c, weight, majority)

    if args.save:
        vec, clf = fit(dev, c, weight)  # the frozen documents stay unseen: mentions.py scores them
        meta = {"trained_on": "TimeBank + AQUAINT (tbaq), development documents (frozen split left out)",
                "events": len(dev),
                "C": c, "class_weight": weight, "cv_macro_f1": round(best[0], 4),
                "script": "benchmarks/train_status.py"}
        path = save_params("status", LinearModel.from_sklearn(vec, clf, meta).to_params())
        print(f"\nsaved {path} ({path.stat().st_size / 1024:.0f} KiB, {len(vec.vocabulary_)} features)")


if __name__ == "__main__":
    sys.exit(main())
