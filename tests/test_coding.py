"""Learned CAMEO coding: PETRARCH verb codes, quad class and source/target actor spans.

The car-bomb sentence is from the ConfliBERT training data (the model saw it); the others are
written for these tests, so they check generalisation of the shipped models, not memory.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from storyline.extract.cameo import codes_for, quad_class
from storyline.extract.quadclass import quad_class_of
from storyline.extract.roles import sources_and_targets
from storyline.nlp import parse

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from build_cameo_verbs import read_verbs  # noqa: E402


def code(sentence: str) -> tuple[int, list[str], list[str]]:
    doc = parse(sentence)
    quad, _ = quad_class_of(doc)
    sources, targets = sources_and_targets(doc)
    return quad, [s.text for s in sources], [t.text for t in targets]


def test_petrarch_codes():
    assert quad_class(codes_for("kill")[0]) == 4
    assert quad_class(codes_for("Agree")[0]) == 1
    assert codes_for("shoot down")  # phrasal forms from the '+SHOOT_DOWN' entries
    assert codes_for("no-such-verb") == []


def test_dictionary_format(tmp_path):
    source = tmp_path / "verbs.txt"
    source.write_text("####### VERB PATTERNS #######\n\n---  KILL   [190]  ---\n+SHOOT_DOWN {+SHOT_DOWN } [195]\n"
                      "KILL\nSTRANGLE  [180]  # note\n- * (IN ACCIDENT)   [---]   # KILL\n"
                      "- * CIVILIANS  [193]  # KILL\n"
                      "- * PRISONERS [193:193]  # KILL\n\n######## TRANSFORMATIONS ##########\n~ a b\n",
                      encoding="utf-8")
    assert read_verbs(source) == {"kill": ["190", "193"], "shoot down": ["195"], "strangle": ["180"]}


def test_car_bomb():
    quad, sources, targets = code("In September, a car bomb in Kiev killed another ethnic Chechen "
                                  "who had fought on the Ukrainian side.")
    assert quad == 4
    assert any("car bomb" in s for s in sources)
    assert any("Chechen" in t for t in targets) and not any("Chechen" in s for s in sources)


@pytest.mark.parametrize("sentence", ["Police shot Kimani Gray in Brooklyn.",
                                      "Kimani Gray was shot by police in Brooklyn."])
def test_victim_is_target_active_and_passive(sentence):
    quad, sources, targets = code(sentence)
    assert quad == 4
    assert [s.lower() for s in sources] == ["police"]
    assert targets == ["Kimani Gray"]


def test_verbal_cooperation():
    quad, sources, _ = code("The two leaders agreed to resume talks.")
    assert quad == 1
    assert sources == ["The two leaders"]


def test_verbal_conflict():
    quad, sources, _ = code("China condemned the sanctions imposed by Washington.")
    assert quad == 3
    assert sources == ["China"]


def test_span_offsets_point_into_the_sentence():
    sentence = "Protesters in the eastern Kosovan town of Gjilan burned the Macedonian flag."
    doc = parse(sentence)
    sources, targets = sources_and_targets(doc)
    for span in sources + targets:
        assert sentence[span.start_char:span.end_char] == span.text == doc[span.start:span.end].text
    assert [t.text for t in targets] == ["the Macedonian flag"]
