"""PETRARCH2 verb knowledge: the CAMEO codes the PETRARCH2 dictionary gives each verb lemma.

`models/cameo_verbs.json` is built by `benchmarks/build_cameo_verbs.py` from CAMEO.2.0.txt
(about 1,400 verb forms, far more than the hand lexicon in `lexicon.py`). Codes are the verb's own
code first, then the commonest code of its patterns; quad classes and PLOVER types come from
`lexicon` so there is one mapping of codes.
"""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from storyline.extract.lexicon import plover, quad_class
from storyline.learn import load_params

MODEL = "cameo_verbs"

__all__ = ["MODEL", "codes_for", "plover", "quad_class", "token_codes"]


@lru_cache(maxsize=1)
def _verbs() -> dict[str, list[str]]:
    return load_params(MODEL)["verbs"]


def codes_for(lemma: str) -> list[str]:
    """CAMEO codes of a verb lemma or phrasal form ("kill", "shoot down"); [] when unknown."""
    return list(_verbs().get(lemma.lower(), ()))


def token_codes(tok: Token) -> list[str]:
    """Codes of a verb token, preferring its phrasal form ("wiped out") over the bare lemma."""
    lemma = tok.lemma_.lower()
    for child in tok.children:
        if child.dep_ == "prt" and (codes := codes_for(f"{lemma} {child.lower_}")):
            return codes
    return codes_for(lemma)
