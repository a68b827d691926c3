"""Exact and near-duplicate documents (wire copy reprinted by many outlets).

Exact duplicates share a hash of their normalised text; near duplicates are found with MinHash
LSH over word 5-shingles (datasketch), so the cost stays near-linear in the corpus size. The
first document of a duplicate group (in input order) is the original; the others point at it
(the pipeline sets their `duplicate_of`) and are left out of extraction, so one story printed ten times counts once.
"""
from __future__ import annotations

import hashlib
import re

from datasketch import MinHash, MinHashLSH

from storyline.model import Document

THRESHOLD = 0.8    # estimated Jaccard similarity of shingle sets above which texts are duplicates
NUM_PERM = 128
SHINGLE = 5


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _minhash(words: list[str]) -> MinHash:
    m = MinHash(num_perm=NUM_PERM, seed=1)
    m.update_batch([" ".join(words[i:i + SHINGLE]).encode("utf-8") for i in range(max(1, len(words) - SHINGLE + 1))])
    return m


def find_duplicates(documents: list[Document]) -> dict[str, str]:
    """Map each duplicate document id to the id of its original."""
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    exact: dict[str, str] = {}
    originals: dict[str, str] = {}
    for doc in documents:
        words = _words(doc.text)
        key = hashlib.sha1(" ".join(words).encode("utf-8")).hexdigest()
        if key in exact:
            originals[doc.id] = exact[key]
            continue
        exact[key] = doc.id
        if len(words) < SHINGLE * 4:
            continue  # too short for shingles to mean anything
        m = _minhash(words)
        hits = [h for h in lsh.query(m) if h not in originals]
        if hits:
            originals[doc.id] = hits[0]
            continue
        lsh.insert(doc.id, m)
    return originals
