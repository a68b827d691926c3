"""Coreference metrics: MUC, B-cubed, CEAF-e and their mean, the CoNLL F1 (as the CoNLL-2012
reference scorer defines them).

Key and response are maps item -> cluster label and may hold different items (predicted
mentions): a key item the response lacks counts as a response singleton for B-cubed, and a
response item the key lacks as a key singleton, so missed and invented mentions both cost
precision or recall; MUC and CEAF-e use the clusters as they are.
"""
from __future__ import annotations

from collections import defaultdict

import numpy as np
from scipy.optimize import linear_sum_assignment


def clusters(assignment: dict) -> list[set]:
    groups = defaultdict(set)
    for item, label in assignment.items():
        groups[label].add(item)
    return list(groups.values())


def _f(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def muc(key: list[set], response: list[set]) -> tuple[float, float, float]:
    def score(a: list[set], b: list[set]) -> float:
        where = {m: i for i, c in enumerate(b) for m in c}
        num = sum(len(c) - len({where.get(m, ("alone", m)) for m in c}) for c in a)
        den = sum(len(c) - 1 for c in a)
        return num / den if den else 0.0
    r, p = score(key, response), score(response, key)
    return p, r, _f(p, r)


def b_cubed(key: list[set], response: list[set]) -> tuple[float, float, float]:
    items = set().union(*key, *response)
    k = {m: c for c in key for m in c}
    s = {m: c for c in response for m in c}
    p = np.mean([len(s.get(m, {m}) & k.get(m, {m})) / len(s.get(m, {m})) for m in items])
    r = np.mean([len(s.get(m, {m}) & k.get(m, {m})) / len(k.get(m, {m})) for m in items])
    return float(p), float(r), _f(p, r)


def ceaf_e(key: list[set], response: list[set]) -> tuple[float, float, float]:
    if not key or not response:
        return 0.0, 0.0, 0.0
    sim = np.array([[2 * len(a & b) / (len(a) + len(b)) for b in response] for a in key])
    rows, cols = linear_sum_assignment(-sim)
    total = sim[rows, cols].sum()
    p, r = total / len(response), total / len(key)
    return p, r, _f(p, r)


def conll(key_map: dict, response_map: dict) -> dict[str, tuple[float, float, float]]:
    key, response = clusters(key_map), clusters(response_map)
    out = {"MUC": muc(key, response), "B3": b_cubed(key, response), "CEAF-e": ceaf_e(key, response)}
    out["CoNLL"] = (0.0, 0.0, sum(v[2] for v in out.values()) / 3)
    return out
