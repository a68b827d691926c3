"""Story clustering on ECB+ (../shared/data/ecbplus, topics 1-35): each topic holds two real-world
events of the same kind (two earthquakes, two celebrity rehab stays); a story is one of them. All
documents are clustered together, as one pile, and scored with B-cubed against the
(topic, event) labels, at event level and at topic level.

Anchor computed in the same run: the same clustering on TF-IDF words alone (no entity names).
Thresholds are chosen on odd topics and scored on even ones, and the other way round, so the
printed figures are not tuned on the documents they score.

    .venv/bin/python benchmarks/stories.py
"""
from __future__ import annotations

import sys
import time
from collections import defaultdict
from pathlib import Path
from xml.etree import ElementTree as ET

from storyline.cluster import stories as story_clustering
from storyline.model import Document
from storyline.nlp import annotate

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "ecbplus"
THRESHOLDS = [0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95]


def load() -> list[tuple[Document, str, str]]:
    """(document, event label, topic label) for every ECB+ file."""
    out = []
    for path in sorted(DATA.glob("*/*.xml")):
        root = ET.parse(path).getroot()
        sentences: dict[int, list[str]] = defaultdict(list)
        for tok in root.iter("token"):
            sentences[int(tok.get("sentence"))].append(tok.text or "")
        text = "\n\n".join(" ".join(words) for _, words in sorted(sentences.items()))
        topic = path.parent.name
        event = f"{topic}-{'plus' if path.stem.endswith('ecbplus') else 'ecb'}"
        out.append((Document(id=path.stem, source=str(path), text=text), event, topic))
    return out


def bcubed(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    by_pred, by_gold = defaultdict(set), defaultdict(set)
    for d, c in pred.items():
        by_pred[c].add(d)
    for d, c in gold.items():
        by_gold[c].add(d)
    p = sum(len(by_pred[pred[d]] & by_gold[gold[d]]) / len(by_pred[pred[d]]) for d in pred) / len(pred)
    r = sum(len(by_pred[pred[d]] & by_gold[gold[d]]) / len(by_gold[gold[d]]) for d in pred) / len(pred)
    return p, r, 2 * p * r / (p + r)


def cluster(docs: list[Document], threshold: float, entity_weight: float) -> dict[str, str]:
    story_clustering.DISTANCE_THRESHOLD, story_clustering.ENTITY_WEIGHT = threshold, entity_weight
    for d in docs:
        d.story = None
    story_clustering.cluster_stories(docs)
    return {d.id: d.story for d in docs}


def main() -> int:
    started = time.perf_counter()
    rows = load()
    for doc, _, _ in rows:
        annotate(doc)
    print(f"ECB+ topics 1-35: {len(rows)} documents, parsed in {time.perf_counter() - started:.0f} s")
    defaults = story_clustering.DISTANCE_THRESHOLD, story_clustering.ENTITY_WEIGHT
    for name, weight in (("storyline (words + entities)", defaults[1]), ("anchor: TF-IDF words only", 0.0)):
        scores = []
        for tune, test in ((1, 0), (0, 1)):
            tune_rows = [r for r in rows if int(r[2]) % 2 == tune]
            test_rows = [r for r in rows if int(r[2]) % 2 == test]
            best = max(THRESHOLDS, key=lambda t: bcubed(cluster([r[0] for r in tune_rows], t, weight),
                                                          {r[0].id: r[1] for r in tune_rows})[2])
            pred = cluster([r[0] for r in test_rows], best, weight)
            scores.append((best, bcubed(pred, {r[0].id: r[1] for r in test_rows}),
                           bcubed(pred, {r[0].id: r[2] for r in test_rows})))
        ev = [sum(s[1][i] for s in scores) / 2 for i in range(3)]
        tp = [sum(s[2][i] for s in scores) / 2 for i in range(3)]
        print(f"{name:30} thresholds {scores[0][0]}/{scores[1][0]}  event B3 P/R/F1 {ev[0]:.3f}/{ev[1]:.3f}/{ev[2]:.3f}"
              f"  topic B3 F1 {tp[2]:.3f}")
    p, r, f = bcubed(cluster([r[0] for r in rows], *defaults), {r[0].id: r[1] for r in rows})
    print(f"shipped setting (threshold {defaults[0]}), all topics: event B3 P/R/F1 {p:.3f}/{r:.3f}/{f:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
