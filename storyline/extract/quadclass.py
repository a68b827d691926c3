"""CAMEO quad class of a sentence's main event, learned from the ConfliBERT CAMEO sentences.

Classes: 0 neutral statement/appeal, 1 verbal cooperation, 2 material cooperation, 3 verbal
conflict, 4 material conflict. A logistic regression (`models/quadclass.json`, fitted by
`benchmarks/train_event_coding.py`) over the sentence's content lemmas, its root verb and the
root's dependents, negation, and the PETRARCH2 codes of its verbs: the dictionary knows
thousands of verbs the 1,349 training sentences never show, and the root verb's code counts
more because the root usually carries the reported event ("X said troops killed" is the
exception the `ccomp` features cover).
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from storyline.extract.cameo import quad_class, token_codes
from storyline.extract.lexicon import NOUNS
from storyline.learn import LinearModel

MODEL = "quadclass"
CONTENT_POS = frozenset({"NOUN", "VERB", "ADJ", "ADV", "PROPN", "NUM"})
ROOT_WEIGHT = 2.0  # the root verb's PETRARCH code: twice an embedded verb's, it names the main event
CLAUSE_DEPS = frozenset({"xcomp", "ccomp", "conj", "advcl"})  # clauses whose verb may carry the event


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def _add(f: dict[str, float], name: str, value: float = 1.0) -> None:
    f[name] = max(f.get(name, 0.0), value)


def _cameo(f: dict[str, float], prefix: str, tok: Token, weight: float) -> None:
    """PETRARCH code features of one verb: its two-digit root code and its quad class."""
    for rank, code in enumerate(token_codes(tok)[:2]):
        w = weight / (rank + 1)  # the verb's own code counts fully, its commonest pattern code half
        _add(f, f"{prefix}={code[:2]}", w)
        _add(f, f"{prefix}_quad={quad_class(code)}", w)


def quad_features(span: Span | Doc, bigrams: bool = True) -> dict[str, float]:
    """Named features of one sentence (a Span, or a Doc holding one sentence)."""
    tokens = span if isinstance(span, Span) else span[:]
    root = tokens.root
    f: dict[str, float] = {"root=" + _lemma(root): 1.0, "root_pos=" + root.pos_: 1.0}
    for tok in tokens:
        if tok.pos_ in CONTENT_POS and not tok.is_stop:
            _add(f, "lemma=" + _lemma(tok))
        if tok.dep_ == "neg":
            _add(f, "neg")
            _add(f, "neg_head=" + _lemma(tok.head))
        if tok.pos_ in ("VERB", "AUX") and tok is not root:
            _cameo(f, "cameo_verb", tok, 1.0)
        if tok.pos_ == "NOUN" and (code := NOUNS.get(_lemma(tok))):
            _add(f, f"noun_quad={quad_class(code)}")
    _cameo(f, "cameo_root", root, ROOT_WEIGHT)
    for child in root.children:
        if child.is_punct:
            continue
        _add(f, f"root_{child.dep_}=" + _lemma(child))
        if child.dep_ == "neg":
            _add(f, "root_neg")
        if child.dep_ in CLAUSE_DEPS and child.pos_ in ("VERB", "AUX"):
            _cameo(f, "cameo_" + child.dep_, child, 1.0)
            for grand in child.children:
                if grand.dep_ in ("dobj", "prt", "prep"):
                    _add(f, f"{child.dep_}_{grand.dep_}=" + _lemma(grand))
    if bigrams:
        words = [t.lower_ for t in tokens if not t.is_punct]
        for a, b in zip(words, words[1:]):
            _add(f, f"bi={a}_{b}")
    return f


def quad_class_of(span: Span | Doc, model: LinearModel | None = None) -> tuple[int, dict[int, float]]:
    """The quad class of a sentence's main event and the probability of each class."""
    model = model or LinearModel.load(MODEL)
    proba = model.proba(quad_features(span, bigrams=model.meta.get("bigrams", True)))
    return int(max(proba, key=proba.get)), {int(k): v for k, v in proba.items()}
