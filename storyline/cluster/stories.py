"""Stories: groups of documents about the same developing situation.

Documents are compared by TF-IDF vectors of their words plus their canonical entity names (the
names weigh more: two articles about Biden and Putin share them even when worded differently),
then grouped by average-linkage agglomerative clustering under a cosine-distance threshold
(large piles are first split, exactly, into blocks that cannot share a story). A
story's id is derived from its documents, and its title is the title of its most central
document, so nothing is generated.
"""
from __future__ import annotations

import hashlib
import re

import numpy as np
from scipy.sparse import coo_matrix, hstack
from scipy.sparse.csgraph import connected_components
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer

from storyline.clean.blocks import stopwords
from storyline.model import Document, Story

DISTANCE_THRESHOLD = 0.85  # average cosine distance under which documents form one story (ECB+, benchmarks/stories.py)
ENTITY_WEIGHT = 2.0
DENSE_LIMIT = 2000   # up to this many documents, one similarity matrix; above, exact blocking first
BLOCK_ROWS = 500     # rows of the similarity product computed at a time when blocking


def _entity_text(doc: Document) -> str:
    return " ".join(e.canonical.replace(" ", "_") for e in doc._entities if e.label in ("PERSON", "ORG", "GPE", "NORP"))


def _vectors(documents: list[Document], language: str):
    stop = sorted(w for w in stopwords(language) or () if re.fullmatch(r"\w\w+", w))  # as sklearn tokenises
    words = TfidfVectorizer(stop_words=stop or None, sublinear_tf=True).fit_transform(
        [f"{d.title}\n{d.text}" for d in documents])
    ents = [_entity_text(d) or "_none_" for d in documents]
    names = TfidfVectorizer(lowercase=False, token_pattern=r"\S+", sublinear_tf=True).fit_transform(ents)
    matrix = hstack([words, names * ENTITY_WEIGHT]).tocsr()
    norms = np.sqrt(matrix.multiply(matrix).sum(axis=1)).A.ravel()
    norms[norms == 0] = 1
    return matrix.multiply(1 / norms[:, None]).tocsr()


def _agglomerate(vectors) -> np.ndarray:
    if vectors.shape[0] == 1:
        return np.zeros(1, dtype=int)
    sims = (vectors @ vectors.T).toarray()
    return AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                   distance_threshold=DISTANCE_THRESHOLD).fit_predict(1 - sims)


def _blocks(vectors) -> np.ndarray:
    """Connected components of the graph of document pairs closer than the threshold. Average
    linkage only joins groups with at least one such pair, so clustering each component alone
    gives the same stories as clustering the whole pile, in memory linear in the pile."""
    n = vectors.shape[0]
    rows, cols = [], []
    for start in range(0, n, BLOCK_ROWS):
        chunk = (vectors[start:start + BLOCK_ROWS] @ vectors.T).tocoo()
        keep = chunk.data > 1 - DISTANCE_THRESHOLD
        rows.append(chunk.row[keep] + start)
        cols.append(chunk.col[keep])
    graph = coo_matrix((np.ones(sum(len(r) for r in rows)), (np.concatenate(rows), np.concatenate(cols))), shape=(n, n))
    return connected_components(graph, directed=False)[1]


def _labels(documents: list[Document], language: str):
    """Story label per document, and the documents' vectors."""
    vectors = _vectors(documents, language)
    if len(documents) <= DENSE_LIMIT:
        return list(_agglomerate(vectors)), vectors
    labels = np.zeros(len(documents), dtype=int)
    offset = 0
    for block in np.unique(components := _blocks(vectors)):
        idx = np.flatnonzero(components == block)
        sub = _agglomerate(vectors[idx])
        labels[idx] = sub + offset
        offset += sub.max() + 1
    return list(labels), vectors


def cluster_stories(documents: list[Document]) -> list[Story]:
    """Group documents into stories, each language on its own (duplicates join their original's
    story)."""
    by_language: dict[str, list[Document]] = {}
    for d in documents:
        if not d.duplicate_of:
            by_language.setdefault(d.language or "en", []).append(d)
    stories = []
    for language, originals in by_language.items():
        labels, vectors = _labels(originals, language)
        for label in sorted(set(labels), key=labels.index):
            idx = [i for i, other in enumerate(labels) if other == label]
            closeness = (vectors[idx] @ vectors[idx].T).sum(axis=1).A.ravel()
            central = originals[idx[int(np.argmax(closeness))]]
            ids = [originals[i].id for i in idx]
            ids += [d.id for d in documents if d.duplicate_of in ids]
            story_id = "s-" + hashlib.sha1(" ".join(sorted(ids)).encode()).hexdigest()[:10]
            stories.append(Story(id=story_id, title=central.title or central.text[:80], documents=ids))
    by_id = {d.id: d for d in documents}
    for story in stories:
        for doc_id in story.documents:
            by_id[doc_id].story = story.id
    return stories
