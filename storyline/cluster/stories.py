"""Stories: groups of documents about the same developing situation.

Documents are compared by TF-IDF vectors of their words plus their canonical entity names (the
names weigh more: two articles about Biden and Putin share them even when worded differently),
then grouped by average-linkage agglomerative clustering under a cosine-distance threshold. A
story's id is derived from its documents, and its title is the title of its most central
document, so nothing is generated.
"""
from __future__ import annotations

import hashlib
import re

import numpy as np
from scipy.sparse import hstack
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer

from storyline.clean.blocks import stopwords
from storyline.model import Document, Story

DISTANCE_THRESHOLD = 0.85  # average cosine distance under which documents form one story (ECB+, benchmarks/stories.py)
ENTITY_WEIGHT = 2.0


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


def _labels(documents: list[Document], language: str) -> tuple[list[int], np.ndarray]:
    if len(documents) == 1:
        return [0], np.ones((1, 1))
    vectors = _vectors(documents, language)
    sims = (vectors @ vectors.T).toarray()
    labels = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                     distance_threshold=DISTANCE_THRESHOLD).fit_predict(1 - sims)
    return list(labels), sims


def cluster_stories(documents: list[Document]) -> list[Story]:
    """Group documents into stories, each language on its own (duplicates join their original's
    story)."""
    by_language: dict[str, list[Document]] = {}
    for d in documents:
        if not d.duplicate_of:
            by_language.setdefault(d.language or "en", []).append(d)
    stories = []
    for language, originals in by_language.items():
        labels, sims = _labels(originals, language)
        for label in sorted(set(labels), key=labels.index):
            idx = [i for i, l in enumerate(labels) if l == label]
            central = originals[max(idx, key=lambda i: sims[i, idx].sum())]
            ids = [originals[i].id for i in idx]
            ids += [d.id for d in documents if d.duplicate_of in ids]
            story_id = "s-" + hashlib.sha1(" ".join(sorted(ids)).encode()).hexdigest()[:10]
            stories.append(Story(id=story_id, title=central.title or central.text[:80], documents=ids))
    by_id = {d.id: d for d in documents}
    for story in stories:
        for doc_id in story.documents:
            by_id[doc_id].story = story.id
    return stories
