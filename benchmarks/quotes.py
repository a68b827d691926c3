"""Direct quotes and their speakers on PolNeAR dev (hand-annotated US political news).

    python benchmarks/quotes.py [--split dev]

Prints, for storyline and for the baseline "the nearest person name in the same or the previous
sentence" (the issue's anchor):
- direct-quote detection precision / recall / F1: a predicted quote is right when it overlaps a
  gold one by at least half of the shorter;
- speaker accuracy over the detected gold quotes whose annotated source is named (not a pronoun),
  a speaker being right when its head word (a surname, "official") appears in the gold source or
  the reverse;
- speaker accuracy over a hand-resolved sample of quotes whose source is a pronoun
  (`fixtures/quotes/pronoun_sources.jsonl`);
- how many predicted speakers are a pronoun or a piece of the quote (should be none).
The speaker model is fitted on the train split (`train_speakers.py`); dev is only measured.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import polnear  # noqa: E402
from polnear import overlaps, prepared, same_speaker  # noqa: E402

from storyline.extract.quotes import MIN_WORDS, extract_quotes  # noqa: E402
from storyline.model import Document, QuoteKind  # noqa: E402

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "quotes" / "pronoun_sources.jsonl"


def is_fragment(quote, doc: Document) -> bool:
    """A pronoun as the speaker, or a speaker taken from words inside quote marks ("My reaction")."""
    said_by = quote.speaker or quote.description
    if said_by.strip().lower() in polnear.PRONOUN_SOURCES:
        return True
    span = quote.speaker_span
    return span is not None and any(a <= span[0] < b for a, b in doc._quoted)


def nearest_person(doc: Document, parsed, start: int) -> str | None:
    """Baseline: the person named closest to the quote in its sentence or the one before."""
    sents = [s for s in parsed.sents]
    at = next((i for i, s in enumerate(sents) if s.start_char <= start < s.end_char), 0)
    lo, hi = sents[max(0, at - 1)].start_char, sents[at].end_char
    people = [e for e in doc._entities if e.label == "PERSON" and lo <= e.start < hi
              and not any(a <= e.start < b for a, b in doc._quoted)]
    if not people:
        return None
    return min(people, key=lambda e: abs(e.start - start)).canonical


def evaluate(items, articles, extractor, indirect: bool = False) -> dict:
    pronoun = {}
    if FIXTURE.exists():
        for line in FIXTURE.read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            pronoun[(r["article"], r["start"])] = r
    tp = fp = fn = 0
    named_right = named_total = pron_right = pron_total = bad = predicted_speakers = 0
    failures = []
    for (doc, parsed), article in zip(items, articles):
        gold = article.indirect_quotes(MIN_WORDS) if indirect else article.direct_quotes(MIN_WORDS)
        predicted = [q for q in extractor(doc, parsed) if (q.kind == QuoteKind.INDIRECT) == indirect]
        matched = set()
        for p in predicted:
            said_by = p.speaker or p.description  # an unnamed source is right when described as annotated
            if said_by:
                predicted_speakers += 1
                bad += is_fragment(p, doc)
            g = next((g for g in gold if overlaps((p.start, p.end), (g.start, g.end))), None)
            if g is None:
                fp += 1
                continue
            tp += (g.start, g.end) not in matched
            matched.add((g.start, g.end))
            if g.named:
                named_total += 1
                ok = same_speaker(said_by, g.source_text)
                named_right += ok
                if not ok:
                    failures.append((article.name, doc.text[g.start:g.end][:50], g.source_text, said_by))
            elif (r := pronoun.get((article.name, g.start))) and r["resolved"]:
                pron_total += 1
                pron_right += same_speaker(said_by, r["resolved"], r.get("also", []))
        fn += sum((g.start, g.end) not in matched for g in gold)
    precision, recall = tp / max(1, tp + fp), tp / max(1, tp + fn)
    return {"precision": precision, "recall": recall, "f1": 2 * precision * recall / max(1e-9, precision + recall),
            "named": named_right / max(1, named_total), "named_n": named_total,
            "pronoun": pron_right / max(1, pron_total), "pronoun_n": pron_total,
            "bad": bad, "speakers": predicted_speakers, "failures": failures}


def baseline(doc: Document, parsed):
    quotes = extract_quotes(doc, parsed)
    for q in quotes:
        q.speaker, q.description = nearest_person(doc, parsed, q.start), None
    return quotes


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", default="dev")
    ap.add_argument("--failures", type=int, default=0, help="print this many speaker failures")
    args = ap.parse_args()
    articles = polnear.load(args.split)
    items = prepared(articles, f"polnear-{args.split}")
    print(f"PolNeAR {args.split}: {len(articles)} articles, "
          f"{sum(len(a.direct_quotes(MIN_WORDS)) for a in articles)} gold direct quotes")
    print(f"{'':34}{'P':>7}{'R':>7}{'F1':>7}{'named':>8}{'(n)':>6}{'pronoun':>9}{'(n)':>5}{'bad':>6}")
    for label, extractor in (("baseline: nearest person", baseline), ("storyline", extract_quotes)):
        r = evaluate(items, articles, extractor)
        failures = r["failures"]
        print(f"{label:34}{r['precision']:7.3f}{r['recall']:7.3f}{r['f1']:7.3f}{r['named']:8.3f}{r['named_n']:6}"
              f"{r['pronoun']:9.3f}{r['pronoun_n']:5}{r['bad']:6}")
    r = evaluate(items, articles, extract_quotes, indirect=True)
    print(f"{'storyline, indirect speech':34}{r['precision']:7.3f}{r['recall']:7.3f}{r['f1']:7.3f}{r['named']:8.3f}"
          f"{r['named_n']:6}{'':9}{'':5}{r['bad']:6}   (gold: attributed content without quote marks)")
    print("targets (issue 10): direct-quote F1 >= 0.95; named speaker right >= 0.92; no pronoun or fragment as speaker")
    for f in failures[:args.failures]:
        print("  ", f)
    return 0


if __name__ == "__main__":
    sys.exit(main())
