"""The learned event layer on real news sentences: triggers, types, status, several events per
sentence, and the failure examples of the rule layer it replaced (issue "Events you can trust")."""
import numpy as np
import pytest
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from storyline.extract import code_sentence
from storyline.extract.status import event_status
from storyline.extract.triggers import find_triggers
from storyline.learn import LinearModel, ModelMissing, load_params
from storyline.nlp import parse


def _events(sentence: str) -> list[dict]:
    return code_sentence(sentence)


def _by_trigger(sentence: str) -> dict[str, dict]:
    return {e["trigger"]: e for e in _events(sentence)}


def test_missing_model_fails_loudly():
    with pytest.raises(ModelMissing, match="no-such-model"):
        load_params("no-such-model")


def test_linear_model_matches_scikit_learn():
    rows = [{"a": 1.0, "b": 0.5}, {"a": 0.2}, {"b": 1.0, "c": 2.0}, {"c": 1.0}, {"a": 1.0, "c": 0.1}, {"b": 0.3}]
    for labels in (["x", "y", "x", "y", "x", "y"], ["x", "y", "z", "y", "x", "z"]):
        vec = DictVectorizer()
        clf = LogisticRegression().fit(vec.fit_transform(rows), labels)
        model = LinearModel(LinearModel.from_sklearn(vec, clf).to_params())
        want = clf.predict_proba(vec.transform(rows))
        got = np.array([[model.proba(r)[c] for c in clf.classes_] for r in rows])
        assert np.allclose(want, got, atol=1e-4)


def test_triggers_of_every_kind_of_news_event():
    doc = parse("A powerful earthquake struck southern Iran on Tuesday, killing at least 37 people, "
                "and thousands fled their homes.")
    words = {t.token.text for t in find_triggers(doc[:])}
    assert {"earthquake", "struck", "killing", "fled"} <= words
    assert not words & {"powerful", "southern", "people", "homes"}


def test_multi_word_trigger_keeps_its_particle():
    sentence = "The Kremlin demands that NATO draw down its forces in Eastern Europe."
    spans = {sentence[t.start:t.end] for t in find_triggers(parse(sentence)[:])}
    assert "draw down" in spans


def test_earthquake_deaths_are_casualties_not_an_attack():
    events = _by_trigger("A powerful earthquake struck southern Iran on Tuesday, killing at least 37 people.")
    assert events["earthquake"]["type"] == "DISASTER"
    assert events["killing"]["type"] == "HEALTH"
    assert all(e["type"] != "ASSAULT" for e in events.values())


def test_police_shooting_is_a_crime_with_the_victim_as_recipient():
    events = _by_trigger("Kimani Gray, 16, was shot and killed by two plainclothes police officers in Brooklyn.")
    assert events["shot"]["type"] == "CRIME"
    assert events["shot"]["recipients"] == ["Kimani Gray"]
    assert "Kimani Gray" not in events["shot"]["actors"]


def test_two_events_in_one_sentence():
    events = _by_trigger("Putin, who met Macron on Monday, called Biden on Saturday.")
    assert events["called"]["type"] == "CONSULT" and events["called"]["recipients"] == ["Biden"]
    assert events["met"]["type"] == "CONSULT" and events["met"]["recipients"] == ["Macron"]
    assert _events("Putin, who met Macron on Monday, called Biden on Saturday.")[0]["trigger"] == "called"


def test_business_and_statement_events_are_not_forced_into_plover():
    events = _by_trigger("Microsoft announced on Friday that it will acquire Yahoo for $44 billion.")
    assert events["acquire"]["type"] == "BUSINESS" and events["acquire"]["status"] == "planned"
    assert events["acquire"]["cameo"] is None


def test_an_act_the_text_does_not_assert_is_not_asserted():
    for sentence, trigger in [
        ("However, Sullivan said US intelligence does not know if Putin has decided about invading.", "invading"),
        ("The United States stands ready to aid Ukraine if Russia invades.", "aid"),
        ("Ukrainian officials have said Russia could invade next month.", "invade"),
    ]:
        event = _by_trigger(sentence)[trigger]
        assert event["status"] != "asserted", (sentence, event["status"])


def test_a_demanded_withdrawal_is_demanded():
    events = _by_trigger("The Kremlin demands that NATO draw down its forces in Eastern Europe.")
    assert events["draw down"]["status"] == "demanded"
    assert events["draw down"]["actors"] == ["NATO"]


def test_denial_and_allegation_cues():
    doc = parse("Russia denied that it had massed troops on the border.")
    assert event_status(next(t for t in doc if t.text == "massed")) == "denied"
    doc = parse("The gang allegedly robbed the bank on Monday.")
    assert event_status(next(t for t in doc if t.text == "robbed")) == "alleged"


def test_seeds_timeline_has_no_asserted_irrealis_acts(seed_result):
    result, _ = seed_result
    texts = {d.id: d.text for d in result.documents}
    for event in result.events:
        for m in event.mentions:
            sentence = texts[m.document][m.sentence[0]:m.sentence[1]]
            trigger = texts[m.document][m.start:m.end]
            if "does not know if" in sentence and trigger == "invading":
                assert event.status != "asserted"
            if "demands" in sentence and trigger == "draw down":
                assert event.status != "asserted"


def test_charging_that_accuses_and_charging_with_a_crime_is_legal():
    accusation = _by_trigger("Zelenskyy charged that a group of Russians plotted a coup against his government.")
    assert accusation["charged"]["type"] == "ACCUSE"
    legal = _by_trigger("Prosecutors charged the driver with manslaughter on Monday.")
    assert legal["charged"]["type"] == "LEGAL"


def test_medium_stated_in_a_conjoined_clause():
    events = _events("President Biden spoke with President Putin on Thursday. "
                     "The call lasted 50 minutes and was by phone only.")
    call = next(e for e in events if e["trigger"] == "call")
    assert call["attributes"]["medium"] == "phone call"
