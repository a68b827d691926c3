"""Time expressions on TempEval-3 training data (TimeBank + AQUAINT, ../shared/data/timex/tbaq).

TempEval-3 style figures: span F1 (strict: same start and end; relaxed: overlap), type accuracy
and value accuracy over the relaxed matches, and value F1 (a match with the right value counts).
Anchors, as reported for the TempEval-3 platinum test set (UzZaman et al. 2013): HeidelTime strict
F1 0.813, relaxed 0.903, value F1 0.776; SUTime strict 0.796, relaxed 0.903, value F1 0.674.

    .venv/bin/python benchmarks/timex.py [--limit N]
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

import tbaq  # benchmarks/ is on sys.path when this file runs as a script

from storyline.nlp import parse
from storyline.time import find_timexes, resolve_timex

DATA = tbaq.DATA


def load(path: Path) -> tuple[str, dt.date, list[tuple[int, int, str, str]]]:
    """(text, DCT, gold [(start, end, type, value)]) from a .tml file."""
    doc = tbaq.read(path)
    return doc.text, doc.dct, doc.timexes


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    files = sorted(DATA.rglob("*.tml"))[: args.limit or None]
    tp_strict = tp_relaxed = n_pred = n_gold = type_ok = value_ok = 0
    by_type: dict[str, list[int]] = {}  # gold type -> [gold, found (relaxed), right value]
    chars, started = 0, time.perf_counter()
    for path in files:
        text, dct, gold = load(path)
        chars += len(text)
        pred = [(t.start, t.end, t.type, (r.value if (r := resolve_timex(t, dct)) else t.value)) for t in find_timexes(text, parse(text))]
        n_pred += len(pred)
        n_gold += len(gold)
        for g in gold:
            if any(p[0] == g[0] and p[1] == g[1] for p in pred):
                tp_strict += 1
            match = next((p for p in pred if p[0] < g[1] and g[0] < p[1]), None)
            row = by_type.setdefault(g[2], [0, 0, 0])
            row[0] += 1
            if match:
                tp_relaxed += 1
                type_ok += match[2] == g[2]
                value_ok += match[3] == g[3]
                row[1] += 1
                row[2] += match[3] == g[3]
    seconds = time.perf_counter() - started

    def f1(tp: int) -> float:
        p, r = tp / max(n_pred, 1), tp / max(n_gold, 1)
        return 2 * p * r / max(p + r, 1e-9)
    print(f"TBAQ (TempEval-3 training), {len(files)} documents, {n_gold} gold TIMEX3, {n_pred} predicted")
    print(f"{'':24}{'storyline':>10}{'HeidelTime':>12}{'SUTime':>8}")
    print(f"{'strict span F1':24}{f1(tp_strict):>10.3f}{0.813:>12.3f}{0.796:>8.3f}")
    print(f"{'relaxed span F1':24}{f1(tp_relaxed):>10.3f}{0.903:>12.3f}{0.903:>8.3f}")
    print(f"{'type accuracy':24}{type_ok / max(tp_relaxed, 1):>10.3f}")
    print(f"{'value accuracy':24}{value_ok / max(tp_relaxed, 1):>10.3f}")
    print(f"{'value F1':24}{f1(value_ok):>10.3f}{0.776:>12.3f}{0.674:>8.3f}")
    print("by gold type:        gold   found (relaxed)   right value (of found)")
    for kind, (n, found, right) in sorted(by_type.items()):
        print(f"  {kind:18}{n:6}   {found / n:15.3f}   {right / max(found, 1):20.3f}")
    print(f"throughput: {chars / seconds / 1000:.1f} k chars/s (spaCy parse included)")
    print("anchors: TempEval-3 platinum test set (UzZaman et al. 2013); figures here are on the training data")


if __name__ == "__main__":
    sys.exit(main())
