"""Stories: groups of documents about the same developing situation.

Documents are compared by TF-IDF vectors of their words plus their canonical entity names (the
names weigh more: two articles about Biden and Putin share them even when worded differently),
then grouped by average-linkage agglomerative clustering under a cosine-distance threshold. A
story's id is derived from its documents, and its title is the title of its most central
document, so nothing is generated.
"""
from __future__ import annotations

import hashlib

import numpy as np
from scipy.sparse import hstack
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer

from storyline.model import Document, Story

DISTANCE_THRESHOLD = 0.9  # cosine distance under which documents belong to one story
ENTITY_WEIGHT = 2.0


def _entity_text(doc: Document) -> str:
    return " ".join(e.canonical.replace(" ", "_") for e in doc._entities if e.label in ("PERSON", "ORG", "GPE", "NORP"))


def _vectors(documents: list[Document]):
    words = TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=1).fit_transform(
        [f"{d.title}\n{d.text}" for d in documents])
    ents = [_entity_text(d) or "_none_" for d in documents]
    names = TfidfVectorizer(lowercase=False, token_pattern=r"\S+", sublinear_tf=True).fit_transform(ents)
    matrix = hstack([words, names * ENTITY_WEIGHT]).tocsr()
    norms = np.sqrt(matrix.multiply(matrix).sum(axis=1)).A.ravel()
    norms[norms == 0] = 1
    return matrix.multiply(1 / norms[:, None]).tocsr()


def cluster_stories(documents: list[Document]) -> list[Story]:
    """Group documents into stories (duplicates join their original's story)."""
    originals = [d for d in documents if not d.duplicate_of]
    if not originals:
        return []
    if len(originals) == 1:
        labels = np.array([0])
        sims = np.ones((1, 1))
    else:
        vectors = _vectors(originals)
        sims = (vectors @ vectors.T).toarray()
        labels = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                         distance_threshold=DISTANCE_THRESHOLD).fit_predict(1 - sims)
    stories = []
    for label in sorted(set(labels), key=lambda l: list(labels).index(l)):
        idx = [i for i, l in enumerate(labels) if l == label]
        members = [originals[i] for i in idx]
        central = max(idx, key=lambda i: sims[i, idx].sum())
        ids = [d.id for d in members]
        ids += [d.id for d in documents if d.duplicate_of in ids]
        story_id = "s-" + hashlib.sha1(" ".join(sorted(ids)).encode()).hexdigest()[:10]
        stories.append(Story(id=story_id, title=originals[central].title or originals[central].text[:80], documents=ids))
    by_id = {d.id: d for d in documents}
    for story in stories:
        for doc_id in story.documents:
            by_id[doc_id].story = story.id
    return stories
