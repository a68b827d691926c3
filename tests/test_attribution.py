"""Who said it and which figures: speakers, quote kinds, indirect speech, figures and claims, on
sentences from real news (PolNeAR, ECB+ and the seeds)."""
import pytest

from storyline.extract.attribution import speech_verbs
from storyline.extract.figures import NotFigure, not_figure
from storyline.extract.numbers import figures_in
from storyline.model import Bound, QuoteKind
from storyline.nlp import parse


def _direct(doc):
    return [q for q in doc._quotes if q.kind is not QuoteKind.INDIRECT]


def test_a_proper_noun_the_parser_did_not_tag_still_names_the_speaker(annotated):
    doc = annotated("The scandal led Sens. Jon Tester (D-Mont.) and David Vitter (R-La.) to invoke breaking up the bank.\n\n"
                    "“Every time you say that,” Tester said, referring to the excuse, “you give ammunition to the people "
                    "who want to break up the bank.”")
    assert {q.speaker for q in _direct(doc)} == {"Jon Tester"}


def test_an_unnamed_source_keeps_its_description_and_no_name(annotated):
    doc = annotated("“My reaction, that was outrageous, and he should apologize,” Obama's former campaign strategist said on CNN.")
    (quote,) = _direct(doc)
    assert quote.speaker is None
    assert quote.description == "Obama's former campaign strategist"


def test_pronoun_speakers_resolve_and_are_never_output(annotated):
    doc = annotated("What Mr. Obama has seen instead are the charts and graphs of a warming planet. "
                    "\"And they're terrifying, and getting worse,\" he said in a recent interview in Honolulu.\n\n"
                    "\"What makes climate change difficult is that it is not an instantaneous catastrophic event,\" he said.")
    speakers = [q.speaker for q in _direct(doc)]
    assert speakers == ["Obama", "Obama"]
    assert not any(q.speaker in ("he", "who", "it") or q.description in ("he", "who", "it") for q in doc._quotes)


def test_partial_quotes_are_marked_partial(annotated):
    doc = annotated("In this month’s first call with Putin, Biden warned that the U.S. and its allies “would respond with "
                    "strong economic and other measures in the event of military escalation.”\n\n"
                    "“I made it very clear, if in fact he invades Ukraine, there will be severe consequences,” Biden said.")
    kinds = [q.kind for q in _direct(doc)]
    assert kinds == [QuoteKind.PARTIAL, QuoteKind.DIRECT]


def test_a_quote_cut_off_before_its_closing_mark_is_kept(annotated):
    """The seeds' White House readout runs to the end of the dump without closing."""
    doc = annotated("A statement released by the White House following the call read: “President Biden was clear that, "
                    "if Russia undertakes a further invasion of Ukraine, the United States will respond decisively.\n\n"
                    "“President Biden reiterated that a further Russian invasion of Ukraine would produce widespread "
                    "human suffering.")
    (quote,) = _direct(doc)
    body = doc.text[quote.start:quote.end]
    assert body.startswith("President Biden was clear") and body.endswith("widespread human suffering.")


def test_indirect_speech_with_its_source_and_day(annotated):
    doc = annotated("US National Security Adviser Jake Sullivan spoke at the White House.\n\n"
                    "On Friday, Sullivan said US intelligence does not know if Putin has decided about invading.")
    (quote,) = [q for q in doc._quotes if q.kind is QuoteKind.INDIRECT]
    assert doc.text[quote.start:quote.end] == "US intelligence does not know if Putin has decided about invading"
    assert quote.speaker == "Jake Sullivan"


def test_cue_verbs_are_the_learned_ones():
    parsed = parse("Clinton noted the polls, decried the ads, ate lunch and walked home.")
    assert [t.lemma_ for t in speech_verbs(parsed, 0, len(parsed.text))] == ["note", "decry"]


@pytest.mark.parametrize("sentence, expression, value, unit, bound", [
    ("More than 14,000 people have died in the conflict.", "More than 14,000", 14000, None, Bound.LOWER),
    ("The storm caused $5 million in damage.", "$5 million", 5e6, "dollars", Bound.EXACT),
    ("Nearly 20 percent of voters are undecided.", "Nearly 20 percent", 20, "percent", Bound.APPROXIMATE),
    ("A quake of magnitude 6.1 struck the island.", "magnitude 6.1", 6.1, "magnitude", Bound.EXACT),
    ("Forty-three percent said yes.", "Forty-three percent", 43, "percent", Bound.EXACT),
    ("Up to 300 people were evacuated.", "Up to 300", 300, None, Bound.UPPER),
    ("Nearly half of voters plan to watch the debate.", "Nearly half", 50, "percent", Bound.APPROXIMATE),
])
def test_figures_value_unit_and_bound(sentence, expression, value, unit, bound):
    (fig,) = figures_in(next(parse(sentence).sents))
    assert (sentence[fig.start:fig.end], fig.value, fig.unit, fig.bound) == (expression, value, unit, bound)


@pytest.mark.parametrize("sentence, number, reason", [
    ("The quake struck at 10:23 GMT on Sunday.", "10:23", NotFigure.TIME),
    ("Police found a .38 caliber revolver.", "38", NotFigure.NAME),
    ("He was carrying an AK-47 rifle.", "AK-47", NotFigure.NAME),
    ("The Boeing 737 landed safely.", "737", NotFigure.NAME),
    ("Eric Allen Kirkpatrick, 61, opened fire in the office.", "61", NotFigure.AGE),
    ("The 33-year-old actress was arrested.", "33", NotFigure.AGE),
    ("The temperature stood at 28 degrees in the camp.", "28", NotFigure.TEMPERATURE),
    ("The two leaders spoke for an hour.", "two", NotFigure.REFERENCE),
])
def test_numbers_that_are_not_figures(sentence, number, reason):
    parsed = parse(sentence)
    tok = next(t for t in parsed if number in t.text)
    assert not_figure(tok, tok.sent) == reason


def test_claims_count_a_noun_phrase_and_skip_junk(annotated):
    doc = annotated("A powerful earthquake on the Gulf island of Qeshm killed 10 people on Sunday, state media said. "
                    "The quake, of magnitude 6.1, struck at 10:23 GMT about 300 kilometers south of Tehran. "
                    "The two leaders spoke by phone.")
    claims = {(c.value, c.unit): c for c in doc._claims}
    assert set(claims) == {(10, "people"), (6.1, "magnitude")}
    assert claims[(10, "people")].subject == "people killed"
    assert claims[(10, "people")].source == "state media"


def test_a_figure_that_speaks_is_not_its_own_source(annotated):
    doc = annotated("In the Reuters/Ipsos poll, 19 percent of respondents said they would pick neither candidate.")
    (claim,) = doc._claims
    assert claim.value == 19 and claim.unit == "percent" and claim.source is None


def test_a_pronoun_agrees_with_the_gender_the_article_shows(annotated):
    doc = annotated("Donald Trump said his rival was wrong. Hillary Clinton said her plan would work.\n\n"
                    "“We will build it together, and we will win,” he said.")
    (quote,) = _direct(doc)
    assert quote.speaker == "Donald Trump"  # "he" skips the woman named last


def test_a_number_past_float_range_is_no_claim_and_the_output_stays_json(annotated):
    import json
    doc = annotated("Officials said " + "9" * 400 + " people and 1e309 troops were there, and 20 people were hurt.")
    assert [c.value for c in doc._claims] == [20]
    json.dumps([c.value for c in doc._claims], allow_nan=False)
