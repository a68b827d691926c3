"""Event coreference: which mentions, in one document or across documents, name the same
real-world occurrence.

Each pair of mentions is scored by a logistic regression (`models/coref.json`, fitted by
`benchmarks/train_coref.py` on ECB+ topics, cross-validated by topic) over the trigger's lemma
and contextual vector, the words, names and figures of the two sentences, and whether both lie
in one document. Mentions are then grouped by average-linkage agglomeration over those
probabilities, where a pair that cannot be one event (`conflict`: two different days, a video
call against a phone call) forbids any merge joining them: "23 pirates" and "26 pirates" are
two attacks however alike the wording.
"""
from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz

from storyline.clean.blocks import stopwords
from storyline.learn import load_params

MODEL = "coref"
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")
FIGURE = re.compile(r"\b\d[\d,]*(?:\.\d+)?\b")


@dataclass(frozen=True)
class MentionProfile:
    """What the pair model sees of one mention."""
    doc: str
    sentence: int                 # sentence start (any id unique within the document)
    lemma: str
    vector: tuple[float, ...]     # the trigger's contextual token vector (spaCy doc.tensor row)
    context: frozenset[str]       # the sentence's content words, lower-cased
    names: frozenset[str]         # the entities named in the sentence
    figures: frozenset[str]       # the sentence's written numbers


def sentence_words(text: str, language: str = "en") -> frozenset[str]:
    stop = stopwords(language) or set()
    return frozenset(w for w in (m.lower() for m in WORD.findall(text)) if w not in stop)


def sentence_figures(text: str) -> frozenset[str]:
    return frozenset(f.replace(",", "") for f in FIGURE.findall(text))


def _jaccard(a: frozenset, b: frozenset) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def pair_features(a: MentionProfile, b: MentionProfile) -> dict[str, float]:
    va, vb = np.asarray(a.vector), np.asarray(b.vector)
    norm = float(np.linalg.norm(va) * np.linalg.norm(vb)) if len(va) == len(vb) else 0.0
    same_lemma = float(a.lemma == b.lemma)
    return {
        "same_lemma": same_lemma,
        "lemma_ratio": fuzz.ratio(a.lemma, b.lemma) / 100,
        "vector_cosine": float(va @ vb) / norm if norm else 0.0,
        "context": _jaccard(a.context, b.context),
        "names": _jaccard(a.names, b.names),
        "names_disjoint": float(bool(a.names) and bool(b.names) and not a.names & b.names),
        "figures": _jaccard(a.figures, b.figures),
        "figures_disjoint": float(bool(a.figures) and bool(b.figures) and not a.figures & b.figures),
        "same_document": float(a.doc == b.doc),
        "same_sentence": float(a.doc == b.doc and a.sentence == b.sentence),
        "same_lemma*same_document": same_lemma * float(a.doc == b.doc),
    }


def probability(a: MentionProfile, b: MentionProfile, params: dict) -> float:
    z = params["intercept"] + sum(params["weights"].get(k, 0.0) * v for k, v in pair_features(a, b).items())
    return 1 / (1 + math.exp(-max(min(z, 50.0), -50.0)))


def mean_probability(m: MentionProfile, others: Sequence[MentionProfile], params: dict | None = None) -> float:
    """The mean probability that `m` names the same event as each of `others`: average linkage."""
    params = params or load_params(MODEL)
    return sum(probability(m, o, params) for o in others) / len(others) if others else 0.0


def probabilities(mentions: Sequence[MentionProfile], params: dict | None = None) -> np.ndarray:
    """The pair model's probability that each two mentions are one event (symmetric)."""
    params = params or load_params(MODEL)
    n = len(mentions)
    out = np.eye(n)
    for i in range(n):
        for j in range(i + 1, n):
            out[i, j] = out[j, i] = probability(mentions[i], mentions[j], params)
    return out


def agglomerate(similarity: np.ndarray, threshold: float,
                conflict: Callable[[int, int], bool] | None = None) -> list[int]:
    """Average-linkage clusters of a similarity matrix: the two groups with the highest mean
    pairwise similarity merge while it is at least `threshold`, unless some pair across them
    conflicts. Returns a label per row."""
    n = len(similarity)
    groups: dict[int, list[int]] = {i: [i] for i in range(n)}
    blocked = np.zeros((n, n), dtype=bool)
    if conflict is not None:
        for i in range(n):
            for j in range(i + 1, n):
                blocked[i, j] = blocked[j, i] = conflict(i, j)
    total = similarity.astype(float).copy()   # sum of similarities between groups, indexed by group id
    forbid = blocked.copy()
    size = np.ones(n)
    alive = np.ones(n, dtype=bool)
    while True:
        mean = total / np.outer(size, size)
        mean[~alive, :] = -1
        mean[:, ~alive] = -1
        mean[forbid] = -1
        np.fill_diagonal(mean, -1)
        a, b = np.unravel_index(int(np.argmax(mean)), mean.shape)
        if mean[a, b] < threshold:
            break
        groups[a] += groups.pop(b)
        total[a, :] += total[b, :]
        total[:, a] += total[:, b]
        forbid[a, :] |= forbid[b, :]
        forbid[:, a] |= forbid[:, b]
        size[a] += size[b]
        alive[b] = False
    labels = [0] * n
    for label, members in enumerate(groups.values()):
        for i in members:
            labels[i] = label
    return labels
