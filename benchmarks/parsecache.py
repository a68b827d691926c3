"""spaCy parses of benchmark corpora, cached on disk: parsing is most of a benchmark's time on
2 cores. Contextual token vectors are stored beside the DocBin, which does not keep them."""
from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, DocBin

from storyline.nlp import load as load_nlp
from storyline.nlp import parse as parse_text

CACHE = Path("/tmp/storyline-bench")  # rebuilt when missing


def parse(items: list[list[str]] | list[str], name: str) -> list[Doc]:
    """Parses of pre-tokenised sentences (lists of words: the parse keeps the corpus tokens) or of
    raw texts (the run-time tokenisation), cached by `name` and a digest of the input."""
    nlp = load_nlp()
    digest = hashlib.md5(repr(items).encode("utf-8")).hexdigest()[:12]
    path = CACHE / f"{name}-{digest}.spacy"
    vectors = path.with_suffix(".npy")
    if path.exists() and vectors.exists():
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
        tensor, at = np.load(vectors), 0
        for doc in docs:
            doc.tensor, at = tensor[at:at + len(doc)], at + len(doc)
        return docs
    docs = []
    for item in items:
        if isinstance(item, str):
            docs.append(parse_text(item))
            continue
        doc = Doc(nlp.vocab, words=item, spaces=[True] * len(item))
        for _, component in nlp.pipeline:
            doc = component(doc)
        docs.append(doc)
    CACHE.mkdir(parents=True, exist_ok=True)
    DocBin(store_user_data=False, docs=docs).to_disk(path)
    np.save(vectors, np.concatenate([d.tensor for d in docs]) if docs else np.zeros((0, 96)))
    return docs
