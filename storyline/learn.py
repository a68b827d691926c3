"""Fitted parameters shipped as package data, and the sparse linear model most stages use.

One loader (`load_params`) for every learned component: it fails loudly with `ModelMissing`
when a file is absent or unreadable, because a stage that silently falls back to rules would
report figures nobody measured. Parameters are JSON, never pickles.

`LinearModel` is a (multinomial or binary) logistic regression over named sparse features,
`{"lemma=call": 1.0, "dep=dobj": 1.0}`: the shape scikit-learn's `DictVectorizer` +
`LogisticRegression` produce, exported by `LinearModel.from_sklearn` in the training scripts
and evaluated here with plain Python so per-token scoring needs no numpy round trip.
"""
from __future__ import annotations

import json
import math
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

MODELS_DIR = Path(__file__).with_name("models")
WEIGHT_DIGITS = 5  # rounding of shipped weights: keeps files small, changes no decision measured


class ModelMissing(RuntimeError):
    """A shipped parameter file is missing or unreadable: the package is broken, say so."""


def model_path(name: str) -> Path:
    return MODELS_DIR / f"{name}.json"


@lru_cache(maxsize=None)
def load_params(name: str) -> dict:
    """The JSON parameters of model `name` (storyline/models/NAME.json), cached per process."""
    path = model_path(name)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ModelMissing(f"{path}: fitted model missing; rebuild it with its benchmarks/train_*.py script") from exc
    except (OSError, ValueError) as exc:
        raise ModelMissing(f"{path}: fitted model unreadable ({exc})") from exc


def save_params(name: str, params: dict) -> Path:
    """Write model parameters atomically (training scripts only)."""
    path = model_path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(params, separators=(",", ":"), sort_keys=True), encoding="utf-8")
    tmp.replace(path)
    return path


class LinearModel:
    """Logistic regression over named features; binary models keep one weight per feature."""

    def __init__(self, params: Mapping):
        self.classes: list = list(params["classes"])
        self.intercept: list[float] = list(params["intercept"])
        self.weights: dict[str, list[float]] = dict(params["weights"])
        self.meta: dict = dict(params.get("meta", {}))
        self.binary = len(self.intercept) == 1

    @classmethod
    def load(cls, name: str) -> "LinearModel":
        return _cached_model(name)

    @classmethod
    def from_sklearn(cls, vectorizer, classifier, meta: Mapping | None = None) -> "LinearModel":
        """Export a fitted DictVectorizer + LogisticRegression, dropping zero weights."""
        names = vectorizer.get_feature_names_out()
        coef = classifier.coef_
        weights = {}
        for j, name in enumerate(names):
            column = [round(float(coef[k, j]), WEIGHT_DIGITS) for k in range(coef.shape[0])]
            if any(column):
                weights[str(name)] = column
        return cls({"classes": [c.item() if hasattr(c, "item") else c for c in classifier.classes_],
                    "intercept": [round(float(b), WEIGHT_DIGITS) for b in classifier.intercept_],
                    "weights": weights, "meta": dict(meta or {})})

    def to_params(self) -> dict:
        return {"classes": self.classes, "intercept": self.intercept, "weights": self.weights, "meta": self.meta}

    def logits(self, features: Mapping[str, float]) -> list[float]:
        z = list(self.intercept)
        for name, value in features.items():
            w = self.weights.get(name)
            if w is not None:
                for k, wk in enumerate(w):
                    z[k] += wk * value
        return z

    def proba(self, features: Mapping[str, float]) -> dict:
        z = self.logits(features)
        if self.binary:
            p = 1.0 / (1.0 + math.exp(-max(min(z[0], 50.0), -50.0)))
            return {self.classes[0]: 1.0 - p, self.classes[1]: p}
        top = max(z)
        e = [math.exp(v - top) for v in z]
        total = sum(e)
        return {c: v / total for c, v in zip(self.classes, e)}

    def predict(self, features: Mapping[str, float]):
        p = self.proba(features)
        return max(p, key=p.get)


@lru_cache(maxsize=None)
def _cached_model(name: str) -> LinearModel:
    return LinearModel(load_params(name))
