"""Event mention detection: which words of a sentence name an occurrence.

Every noun, verb and adjective is scored by a logistic regression (`models/triggers.json`,
fitted by `benchmarks/train_triggers.py` on ECB+ action mentions) over its lexical form, its
place in the parse and spaCy's contextual token vector (`doc.tensor`, 96 numbers per token), the
last being what lets the model recognise triggers it never saw ("quake", "heist") from context.
A trigger is one token (the head of the mention) plus a verb particle ("draw down").
"""
from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from spacy.tokens import Span, Token

from storyline.learn import LinearModel

MODEL = "triggers"
CANDIDATE_POS = frozenset({"VERB", "NOUN", "ADJ", "PROPN", "AUX"})  # parts of speech ECB+ triggers take
SUFFIX_LENGTHS = (3, 4)  # "-tion", "-ment", "-ing": nominalisations and participles


@dataclass(frozen=True)
class Trigger:
    token: Token
    end: int          # character end of the trigger span (after a particle, if any)
    probability: float

    @property
    def start(self) -> int:
        return self.token.idx


def trigger_features(tok: Token, vector: bool = True) -> dict[str, float]:
    """Named features of one token; `vector` adds the contextual token vector's dimensions."""
    lower = tok.lower_
    head = tok.head
    f = {
        "lemma=" + tok.lemma_.lower(): 1.0,
        "pos=" + tok.pos_: 1.0,
        "tag=" + tok.tag_: 1.0,
        "dep=" + tok.dep_: 1.0,
        "dep_head=" + tok.dep_ + "|" + head.pos_: 1.0,
        "head=" + head.lemma_.lower(): 1.0,
        "ent=" + (tok.ent_type_ or "-"): 1.0,
        "title": float(tok.is_title and tok.i > tok.sent.start),
        "prev=" + (tok.nbor(-1).lower_ if tok.i > tok.sent.start else "<s>"): 1.0,
        "next=" + (tok.nbor(1).lower_ if tok.i + 1 < tok.sent.end else "</s>"): 1.0,
    }
    for n in SUFFIX_LENGTHS:
        if len(lower) > n + 1:
            f[f"suffix{n}=" + lower[-n:]] = 1.0
    for child in tok.children:
        f["child=" + child.dep_] = 1.0
        if child.dep_ in ("det", "poss", "aux", "auxpass", "prep", "prt"):
            f["child_word=" + child.lower_] = 1.0
    if vector and tok.doc.tensor is not None and tok.doc.tensor.shape[0] > tok.i:
        for k, value in enumerate(tok.doc.tensor[tok.i].tolist()):
            f[f"v{k}"] = value
    return f


@lru_cache(maxsize=4)
def _vector_weights(model: LinearModel, width: int) -> np.ndarray:
    """The model's weights of the contextual-vector features, as one array: a sentence's vector
    part is then one matrix product instead of `width` dictionary look-ups per token."""
    return np.array([model.weights.get(f"v{k}", [0.0])[0] for k in range(width)])


def candidates(span: Span):
    return (t for t in span if t.pos_ in CANDIDATE_POS and not t.is_punct and any(c.isalpha() for c in t.text))


def find_triggers(span: Span, threshold: float | None = None, model: LinearModel | None = None,
                  among: Callable[[Token], bool] | None = None) -> list[Trigger]:
    """The event triggers of a sentence (or any span), in text order. `threshold` defaults to the
    probability cut-off chosen by cross-validation when the model was fitted; `among` limits the
    decision to the tokens a caller can use (the pipeline asks only about typed words)."""
    model = model or LinearModel.load(MODEL)
    cut = model.meta.get("threshold", 0.5) if threshold is None else threshold
    asked = [t for t in candidates(span) if among is None or among(t)]
    if not asked:
        return []
    tensor = span.doc.tensor
    vectors = model.meta.get("vector", True) and tensor is not None and tensor.shape[0] == len(span.doc)
    dense = tensor[span.start:span.end] @ _vector_weights(model, tensor.shape[1]) if vectors else None
    out = []
    for tok in asked:
        z = model.logits(trigger_features(tok, vector=False))[0] + (dense[tok.i - span.start] if vectors else 0.0)
        p = 1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0)))
        if p >= cut:
            out.append(Trigger(tok, trigger_end(tok), p))
    return out


def trigger_end(tok: Token) -> int:
    """Character end of the trigger `tok` starts: after its particle when one follows ("draw down")."""
    last = next((c for c in tok.children if c.dep_ == "prt" and c.i == tok.i + 1), tok)
    return last.idx + len(last.text)
