"""Stories: groups of documents about one developing situation.

Two reports of the same kind of event (two earthquakes, two pirate attacks years apart) share
most of their words, so word overlap alone joins them. Each pair of documents is scored by a
logistic regression (`models/stories.json`, fitted by `benchmarks/train_stories.py` on ECB+
document pairs, cross-validated by topic) over what tells situations apart: word and name
overlap, the people, places, years and figures both mention, and how far apart the days each
text can have been written are. Documents are then grouped by average-linkage agglomerative
clustering of the pair probabilities. Large piles are first split, exactly, into blocks that
cannot share a story. A story's id is derived from its documents and its title is the title of
its most central document, so nothing is generated.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
from collections import Counter
from dataclasses import dataclass

import numpy as np
from scipy.sparse import coo_matrix, csr_matrix
from scipy.sparse.csgraph import connected_components
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

from storyline.clean.blocks import stopwords
from storyline.learn import load_params
from storyline.model import Document, Story
from storyline.time.prior import EXPLICIT_KINDS

MODEL = "stories"
DENSE_LIMIT = 2000   # up to this many documents, one probability matrix; above, exact blocking first
BLOCK_ROWS = 500     # rows of the similarity product computed at a time when blocking
NAME_LABELS = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT")
LEAD_NAMES = 3       # a report is about its three most named entities
YEAR_GAP_CAP = 5     # years; "2008" against "2013" is as different as it gets
DAY_GAP_CAP = 3650   # days
Window = tuple[dt.date, dt.date]  # first and last day a document can have been written


@dataclass
class Profiles:
    """Per-document evidence, as row-normalised or binary matrices, one row per document."""
    words: csr_matrix
    names: csr_matrix
    persons: csr_matrix
    places: csr_matrix
    years: csr_matrix
    figures: csr_matrix
    leads: csr_matrix         # the few names a document is most about
    last_year: np.ndarray     # latest explicit year mentioned (nan: none)
    window: np.ndarray        # (n, 2) ordinal days (nan: undated)


def _unit_rows(m) -> csr_matrix:
    norms = np.sqrt(m.multiply(m).sum(axis=1)).A.ravel()
    norms[norms == 0] = 1
    return csr_matrix(m.multiply(1 / norms[:, None]))


def _binary(bags: list[list[str]]) -> csr_matrix:
    if not any(bags):
        return csr_matrix((len(bags), 1))
    return CountVectorizer(analyzer=lambda bag: bag, binary=True).fit_transform(bags).tocsr()


def _years(doc: Document) -> list[int]:
    return sorted({t.anchor["y"] for t in doc._timexes if t.anchor.get("y") and t.anchor["k"] in EXPLICIT_KINDS})


def _figures(text: str) -> list[str]:
    """Written figures of two or more digits other than years ("23 pirates", "6.1"): the same
    event is reported with the same numbers."""
    found = (m.replace(",", "") for m in re.findall(r"\b\d[\d,]*(?:\.\d+)?\b", text))
    return [f for f in found if len(f) >= 2 and not re.fullmatch(r"(19|20)\d\d", f)]


def _leads(doc: Document) -> list[str]:
    counts = Counter(e.canonical for e in doc._entities if e.label in NAME_LABELS)
    return [name for name, _ in counts.most_common(LEAD_NAMES)]


def profiles(documents: list[Document], windows: dict[str, Window | None], language: str = "en") -> Profiles:
    stop = sorted(w for w in stopwords(language) or () if re.fullmatch(r"\w\w+", w))  # as sklearn tokenises
    words = TfidfVectorizer(stop_words=stop or None, sublinear_tf=True).fit_transform(
        [f"{d.title}\n{d.text}" for d in documents])
    ents = [" ".join(e.canonical.replace(" ", "_") for e in d._entities if e.label in NAME_LABELS) or "_none_"
            for d in documents]
    names = TfidfVectorizer(lowercase=False, token_pattern=r"\S+", sublinear_tf=True).fit_transform(ents)
    years = [_years(d) for d in documents]
    window = np.full((len(documents), 2), np.nan)
    for i, d in enumerate(documents):
        if (w := windows.get(d.id)) is not None:
            window[i] = (w[0].toordinal(), w[1].toordinal())
    return Profiles(
        words=_unit_rows(words), names=_unit_rows(names),
        persons=_binary([[e.canonical for e in d._entities if e.label == "PERSON"] for d in documents]),
        places=_binary([[e.canonical for e in d._entities if e.label in ("GPE", "LOC", "FAC")] for d in documents]),
        years=_binary([[str(y) for y in ys] for ys in years]),
        figures=_binary([_figures(d.text) for d in documents]),
        leads=_binary([_leads(d) for d in documents]),
        last_year=np.array([ys[-1] if ys else np.nan for ys in years], dtype=float),
        window=window)


def _overlap(m: csr_matrix, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Jaccard similarity of the rows' sets, and whether both sets are non-empty but disjoint."""
    inter = (m[rows] @ m.T).toarray().astype(float)
    sizes = np.asarray(m.sum(axis=1)).ravel()
    union = sizes[rows][:, None] + sizes[None, :] - inter
    jaccard = np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)
    disjoint = (sizes[rows][:, None] > 0) & (sizes[None, :] > 0) & (inter == 0)
    return jaccard, disjoint.astype(float)


def pair_features(p: Profiles, rows: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """Each pair feature as a (len(rows), n) matrix: the model's inputs, by name."""
    rows = np.arange(p.words.shape[0]) if rows is None else rows
    words = (p.words[rows] @ p.words.T).toarray()
    names = (p.names[rows] @ p.names.T).toarray()
    year_gap = np.abs(p.last_year[rows][:, None] - p.last_year[None, :])
    both_years = ~np.isnan(year_gap)
    lo, hi = p.window[:, 0], p.window[:, 1]
    day_gap = np.maximum(0, np.maximum(lo[rows][:, None] - hi[None, :], lo[None, :] - hi[rows][:, None]))
    both_dated = ~np.isnan(day_gap)
    out = {"words": words, "names": names, "words*names": words * names}
    for name in ("persons", "places", "years", "figures", "leads"):
        out[name], out[name + "_disjoint"] = _overlap(getattr(p, name), rows)
    return out | {
        "both_years": both_years.astype(float),
        "year_gap": np.where(both_years, np.minimum(np.nan_to_num(year_gap), YEAR_GAP_CAP) / YEAR_GAP_CAP, 0.0),
        "both_dated": both_dated.astype(float),
        "day_gap": np.where(both_dated, np.log1p(np.minimum(np.nan_to_num(day_gap), DAY_GAP_CAP)) / np.log1p(DAY_GAP_CAP), 0.0),
    }


def same_story(p: Profiles, rows: np.ndarray | None = None, params: dict | None = None) -> np.ndarray:
    """Probability that each pair of documents reports one situation."""
    params = params or load_params(MODEL)
    z = np.full((len(rows) if rows is not None else p.words.shape[0], p.words.shape[0]), params["intercept"])
    for name, value in pair_features(p, rows).items():
        z += params["weights"].get(name, 0.0) * value
    return 1 / (1 + np.exp(-np.clip(z, -50, 50)))


def _agglomerate(p: Profiles, threshold: float, params: dict | None) -> np.ndarray:
    n = p.words.shape[0]
    if n == 1:
        return np.zeros(1, dtype=int)
    distance = 1 - same_story(p, None, params)
    np.fill_diagonal(distance, 0)
    distance = (distance + distance.T) / 2
    return AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                   distance_threshold=threshold).fit_predict(distance)


def _blocks(p: Profiles, threshold: float, params: dict | None, block_rows: int) -> np.ndarray:
    """Connected components of the graph of document pairs the model would merge on their own
    (probability at least 1 - threshold). Average linkage only joins groups with at least one
    such pair, so clustering each component alone gives the same stories as clustering the
    whole pile, in memory linear in the pile."""
    n = p.words.shape[0]
    rows, cols = [], []
    for start in range(0, n, block_rows):
        chunk = np.arange(start, min(n, start + block_rows))
        r, c = np.nonzero(same_story(p, chunk, params) >= 1 - threshold)
        rows.append(r + start)
        cols.append(c)
    graph = coo_matrix((np.ones(sum(len(r) for r in rows)), (np.concatenate(rows), np.concatenate(cols))), shape=(n, n))
    return connected_components(graph, directed=False)[1]


def _subset(p: Profiles, idx: np.ndarray) -> Profiles:
    return Profiles(**{f.name: getattr(p, f.name)[idx] for f in dataclasses.fields(Profiles)})


def story_labels(documents: list[Document], windows: dict[str, Window | None], language: str = "en",
                 threshold: float | None = None, params: dict | None = None, dense_limit: int = DENSE_LIMIT,
                 block_rows: int = BLOCK_ROWS) -> tuple[list[int], Profiles]:
    """Story label per document, and the documents' profiles; `threshold` is the average pair
    distance (1 - probability) under which groups merge, by default the one chosen in training.
    Piles over `dense_limit` documents are blocked first, `block_rows` rows at a time."""
    params = params or load_params(MODEL)
    threshold = params["meta"]["threshold"] if threshold is None else threshold
    p = profiles(documents, windows, language)
    if len(documents) <= dense_limit:
        return list(_agglomerate(p, threshold, params)), p
    labels = np.zeros(len(documents), dtype=int)
    offset = 0
    for block in np.unique(components := _blocks(p, threshold, params, block_rows)):
        idx = np.flatnonzero(components == block)
        sub = _agglomerate(_subset(p, idx), threshold, params)
        labels[idx] = sub + offset
        offset += sub.max() + 1
    return list(labels), p


def cluster_stories(documents: list[Document], duplicate_of: dict[str, str],
                    windows: dict[str, Window | None] | None = None, **options) -> list[Story]:
    """The stories of a pile, each language on its own; duplicates join their original's story.
    `windows` are the days each document can have been written, judged from itself."""
    windows = windows or {}
    by_language: dict[str, list[Document]] = {}
    for d in documents:
        if d.id not in duplicate_of:
            by_language.setdefault(d.language or "en", []).append(d)
    stories = []
    for language, originals in by_language.items():
        labels, p = story_labels(originals, windows, language, **options)
        for label in sorted(set(labels), key=labels.index):
            idx = [i for i, other in enumerate(labels) if other == label]
            members = p.words[idx]
            central = originals[idx[int(np.argmax((members @ members.T).sum(axis=1).A.ravel()))]]
            ids = [originals[i].id for i in idx]
            ids += [d.id for d in documents if duplicate_of.get(d.id) in ids]
            story_id = "s-" + hashlib.sha1(" ".join(sorted(ids)).encode()).hexdigest()[:10]
            stories.append(Story(id=story_id, title=central.title or central.text[:80], documents=ids))
    return stories
