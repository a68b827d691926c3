"""The learned event status model (storyline/extract/status.py, models/status.json) on real sentences."""
import pytest

from storyline.extract.status import status_features, status_of, status_proba
from storyline.extract.vocab import Status
from storyline.nlp import parse

READY = "The United States stands ready to aid Ukraine if Russia invades."


def token(sentence: str, word: str):
    return next(t for t in parse(sentence) if t.text == word)


@pytest.mark.parametrize(("sentence", "word", "expected"), [
    ("Biden will speak with Putin on Tuesday.", "speak", Status.PLANNED),
    ("Biden spoke with Putin on Tuesday.", "spoke", Status.ASSERTED),
    ("The police did not arrest anyone.", "arrest", Status.NEGATED),
    ("The Kremlin demands that NATO draw down its forces.", "draw", Status.DEMANDED),
    (READY, "invades", Status.HYPOTHETICAL),
])
def test_status(sentence, word, expected):
    assert status_of(token(sentence, word)) == expected


@pytest.mark.parametrize(("sentence", "word"), [
    ("The White House said it does not know if Putin has decided about invading Ukraine.", "invading"),
    (READY, "aid"),
])
def test_not_asserted(sentence, word):
    assert status_of(token(sentence, word)) != Status.ASSERTED


@pytest.mark.xfail(strict=True, reason="denied: 6 training events in TimeBank + AQUAINT; the model says asserted")
def test_denied():
    assert status_of(token("Russia denied that it had massed troops.", "massed")) == Status.DENIED


def test_proba_is_a_distribution_over_statuses():
    p = status_proba(token("Biden spoke with Putin on Tuesday.", "spoke"))
    assert set(p) <= set(Status) and abs(sum(p.values()) - 1.0) < 1e-9


def test_features_of_a_noun_trigger_read_its_clause_and_modifiers():
    f = status_features(token("Ukraine fears a possible invasion by Russia.", "invasion"))
    assert f["amod=possible"] == 1.0 and f["verb=fear"] == 1.0
