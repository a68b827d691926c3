"""A learned body / not-body classifier for the blocks of a text dump.

Each block gets a vector of cheap features: its own shape (length, stopword density, sentence
ending, capitalisation, digits and punctuation, web-UI vocabulary share, "label: value" shape,
bullet), its context (the same for the previous and next block, relative position, distance to
the longest run of prose blocks, repetition within the dump, similarity to the title) and,
for the "rules+model" variant, what the hard rules and the jusText-style passes of `textdump.py`
decided. A logistic regression over the standardised vector gives P(body).

The model is fitted by `benchmarks/train_dump_classifier.py` (scikit-learn) on the Scrapinghub
noisy dumps; its parameters (feature names, means, scales, weights, intercept, threshold) are
shipped as plain JSON next to this module (`dumpmodel.json`), no pickle.
"""
from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from pathlib import Path

from storyline.clean.blocks import LABEL_VALUE, WORD, Block, Profile, features, key

PARAMS = Path(__file__).with_name("dumpmodel.json")
REASONS = ["title", "duplicate", "caption", "teaser", "boilerplate", "end-marker"]
JT_CLASSES = ["good", "near-good", "short", "bad"]
PUNCT = re.compile(r"[^\w\s]")
DIGIT = re.compile(r"\d")
ELLIPSIS = re.compile(r"(?:\.\.\.|…)\s*$")


def _jt_class(f) -> str:
    from storyline.clean.textdump import _class
    return _class(f)


def _own(b: Block, profile: Profile, title_words: set[str]) -> dict[str, float]:
    f = features(b.text, profile)
    n = max(1, len(b.text))
    words = {w.lower() for w in b.words}
    jt = _jt_class(f)
    out = {
        "loglen": math.log1p(f.length),
        "logwords": math.log1p(f.words),
        "stop": f.stop_density if f.stop_density is not None else 0.0,
        "stop_missing": float(f.stop_density is None),
        "sentence": float(f.sentence),
        "capitalised": f.capitalised,
        "ui": f.ui,
        "bullet": float(b.bullet),
        "digits": len(DIGIT.findall(b.text)) / n,
        "punct": len(PUNCT.findall(b.text)) / n,
        "commas": b.text.count(",") / max(1, f.words),
        "label_value": float(bool(LABEL_VALUE.match(b.text))),
        "ellipsis": float(bool(ELLIPSIS.search(b.text))),
        "title_sim": len(words & title_words) / len(words | title_words) if words and title_words else 0.0,
    }
    for c in JT_CLASSES:
        out["jt_" + c] = float(jt == c)
    return out


SHAPE = ["loglen", "logwords", "stop", "stop_missing", "sentence", "capitalised", "ui", "bullet", "digits",
         "punct", "commas", "label_value", "ellipsis", "title_sim"] + ["jt_" + c for c in JT_CLASSES]
NEIGHBOUR = ["loglen", "stop", "sentence", "ui", "jt_good", "jt_bad"]


def block_features(blocks: list[Block], title: str, profile: Profile, rules: bool = True) -> tuple[list[str], list[list[float]]]:
    """Feature names and one row per block. With `rules`, the rule cleaner's decisions
    (each block's reason, marker and final class) are features too."""
    title_words = {w.lower() for w in WORD.findall(title)}
    own = [_own(b, profile, title_words) for b in blocks]
    n = len(blocks)
    keys = [key(b.text) for b in blocks]
    counts: dict[str, int] = {}
    for k in keys:
        counts[k] = counts.get(k, 0) + 1
    total = sum(len(b.text) for b in blocks) or 1
    # the longest run of prose blocks (jusText good / near-good; short sentences do not break it)
    prose = [o["jt_good"] or o["jt_near-good"] for o in own]
    best, best_chars, start, chars = (0, -1), 0, None, 0
    for i in range(n + 1):
        if i < n and (prose[i] or (own[i]["jt_short"] and own[i]["sentence"])):
            if start is None:
                start, chars = i, 0
            chars += len(blocks[i].text) if prose[i] else 0
            continue
        if start is not None and chars > best_chars:
            best, best_chars = (start, i - 1), chars
        start = None
    good = [i for i, b in enumerate(blocks) if b.cls == "good"]
    first_good, last_good = (good[0], good[-1]) if good else (n, -1)
    names: list[str] = []
    rows: list[list[float]] = []
    before = 0
    for i, b in enumerate(blocks):
        row = {f"own_{k}": own[i][k] for k in SHAPE}
        for side, j in (("prev", i - 1), ("next", i + 1)):
            o = own[j] if 0 <= j < n else None
            for k in NEIGHBOUR:
                row[f"{side}_{k}"] = o[k] if o else 0.0
            row[f"{side}_edge"] = float(o is None)
        window = [prose[j] for j in range(max(0, i - 2), min(n, i + 3))]
        row["prose_window"] = sum(window) / len(window)
        row["rel_pos"] = i / max(1, n - 1)
        row["char_pos"] = before / total
        row["in_run"] = float(best[0] <= i <= best[1])
        row["before_run"] = math.log1p(max(0, best[0] - i))
        row["after_run"] = math.log1p(max(0, i - best[1]))
        row["repeats"] = math.log1p(counts[keys[i]] - 1) if keys[i] else 0.0
        if rules:
            for r in REASONS:
                row["rule_" + r] = float(b.reason == r)
            row["rule_marker"] = float(bool(b.marker))
            row["rule_good"] = float(b.cls == "good")
            row["rule_prev_good"] = float(i > 0 and blocks[i - 1].cls == "good")
            row["rule_next_good"] = float(i + 1 < n and blocks[i + 1].cls == "good")
            row["rule_inside"] = float(first_good <= i <= last_good)
        before += len(b.text)
        if not names:
            names = list(row)
        rows.append([row[k] for k in names])
    return names, rows


class DumpModel:
    """A standardised logistic regression: P(body) = sigmoid(w · (x - mean) / scale + b)."""

    def __init__(self, params: dict):
        self.params = params
        self.names = params["features"]
        self.rules = params.get("rules", True)
        self.mean, self.scale, self.coef = params["mean"], params["scale"], params["coef"]
        self.intercept, self.threshold = params["intercept"], params.get("threshold", 0.5)

    @classmethod
    @lru_cache(maxsize=1)
    def load(cls, path: str = str(PARAMS)) -> "DumpModel":
        return cls(json.loads(Path(path).read_text(encoding="utf-8")))

    def predict_proba(self, names: list[str], rows: list[list[float]]) -> list[float]:
        index = [names.index(k) for k in self.names]
        out = []
        for row in rows:
            z = self.intercept + sum(w * (row[j] - m) / s for w, j, m, s in zip(self.coef, index, self.mean, self.scale))
            out.append(1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z)))))
        return out

    def predict(self, names: list[str], rows: list[list[float]]) -> list[bool]:
        return [p >= self.threshold for p in self.predict_proba(names, rows)]

    def revise(self, blocks: list[Block], title: str, profile: Profile) -> None:
        """The shipped combination of rules and model: a block the rules dropped is body text
        after all when the model is confident (P(body) above `add_above`); a kept block goes
        only if P(body) is below `remove_below` (off in the shipped parameters)."""
        if not blocks:
            return
        add_above, remove_below = self.params.get("add_above", 1.0), self.params.get("remove_below", -1.0)
        names, rows = block_features(blocks, title, profile, rules=self.rules)
        for b, p in zip(blocks, self.predict_proba(names, rows)):
            if b.cls != "good" and p > add_above:
                b.cls, b.reason = "good", ""
            elif b.cls == "good" and p < remove_below:
                b.cls, b.reason = "bad", "boilerplate"
