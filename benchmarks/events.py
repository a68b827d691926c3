"""Event coding of single sentences on the ConfliBERT CAMEO data (../shared/data/events).

Quad class (0 neutral statement/appeal, 1 verbal cooperation, 2 material cooperation, 3 verbal
conflict, 4 material conflict) of the sentence's main event against `cameo-class/train.tsv`,
macro-F1 over the five classes; source/target actors against the BIO spans of
`cameo-ner/train.txt` (a predicted actor counts when its name overlaps the gold span's words).
A sentence with no codable event is predicted as class 0. Anchor computed in the same run: the
majority class.

    .venv/bin/python benchmarks/events.py [--limit N]
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from storyline.extract import code_sentence

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "events"


def macro_f1(gold: list[int], pred: list[int], classes=range(5)) -> float:
    scores = []
    for c in classes:
        tp = sum(g == p == c for g, p in zip(gold, pred))
        fp = sum(p == c != g for g, p in zip(gold, pred))
        fn = sum(g == c != p for g, p in zip(gold, pred))
        scores.append(2 * tp / max(2 * tp + fp + fn, 1))
    return sum(scores) / len(scores)


def _key(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def spans(path: Path) -> dict[str, dict[str, list[list[str]]]]:
    """Gold source ('S') and target ('T') spans as word lists, by sentence (keyed by its letters,
    since the two files do not list the same sentences in the same order)."""
    out, current, words, tag_words = {}, {"S": [], "T": []}, [], None  # other tags (R) are ignored
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if words:
                out[_key("".join(words))] = current
            current, words, tag_words = {"S": [], "T": []}, [], None
            continue
        word, tag = line.rsplit(" ", 1)
        words.append(word)
        if tag.startswith("B-") and tag[2:] in current:
            tag_words = [word]
            current[tag[2:]].append(tag_words)
        elif tag.startswith("I-") and tag_words is not None and tag[2:] in current:
            tag_words.append(word)
        else:
            tag_words = None
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    rows = [line.rsplit("\t", 1) for line in (DATA / "cameo-class/train.tsv").read_text(encoding="utf-8").splitlines()
            if "\t" in line]
    rows = rows[: args.limit or None]
    gold_spans = spans(DATA / "cameo-ner/train.txt")
    gold, pred, actor_hits = [], [], Counter()
    started = time.perf_counter()
    for sentence, label in rows:
        events = code_sentence(sentence)
        gold.append(int(label))
        pred.append(events[0]["quad_class"] if events else 0)
        if (sentence_spans := gold_spans.get(_key(sentence))) is not None:
            actor_hits["aligned"] += 1
            for role, key in (("S", "actors"), ("T", "recipients")):
                want = [" ".join(w).lower() for w in sentence_spans[role]]
                got = [a.lower() for a in (events[0][key] if events else [])]
                hit = sum(any(set(g.split()) & set(x.split()) for x in got) for g in want)
                actor_hits[(role, "tp")] += hit
                actor_hits[(role, "gold")] += len(want)
                actor_hits[(role, "pred")] += len(got)
    seconds = time.perf_counter() - started
    majority = Counter(gold).most_common(1)[0][0]
    print(f"ConfliBERT CAMEO train: {len(rows)} sentences, {len(rows) / seconds:.0f} sentences/s")
    print(f"quad class macro-F1: storyline {macro_f1(gold, pred):.3f}   majority class (anchor) {macro_f1(gold, [majority] * len(gold)):.3f}")
    print(f"accuracy: storyline {sum(g == p for g, p in zip(gold, pred)) / len(gold):.3f}")
    print(f"actor spans found for {actor_hits['aligned']} sentences (storyline names only entities, "
          "gold spans are any noun phrase)")
    for role, name in (("S", "source"), ("T", "target")):
        tp, g, p = actor_hits[(role, "tp")], actor_hits[(role, "gold")], actor_hits[(role, "pred")]
        prec, rec = tp / max(p, 1), tp / max(g, 1)
        print(f"{name} actors: P {prec:.3f} R {rec:.3f} F1 {2 * prec * rec / max(prec + rec, 1e-9):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
