"""Quotes, claims and events from real seed sentences."""


def test_quote_speaker_and_pronoun_continuation(annotated):
    doc = annotated("“What I am doing is putting together the most comprehensive set of initiatives,” Mr Biden said.\n\n"
                    "“We’re aware of Russia’s actions for a long time,” he added. “I don’t accept anybody’s red lines.”")
    assert [q.speaker for q in doc._quotes] == ["Biden", "Biden", "Biden"]
    assert doc.text[doc._quotes[2].start:doc._quotes[2].end] == "I don’t accept anybody’s red lines."


def test_claims_level_and_change_with_source(annotated):
    doc = annotated("According to Ukraine’s defence minister, about 94,300 Russian troops have amassed along the border. "
                    "In recent days, Russia has reportedly withdrawn roughly 10,000 troops from the border.")
    level, change = doc._claims
    assert (level.value, level.unit, level.approximate, level.kind) == (94300, "troops", True, "level")
    assert "defence minister" in level.source
    assert (change.value, change.kind) == (-10000, "change")


def test_consult_event_with_participants_medium_and_time(annotated):
    doc = annotated("US president Joe Biden will speak with Russian president Vladimir Putin on Tuesday by video call.")
    event = doc._events[0]
    assert (event.type, event.status) == ("CONSULT", "planned")
    assert event.actors == ["Joe Biden"] and event.recipients == ["Vladimir Putin"]
    assert event.attributes["medium"] == "video call"
    assert doc._timexes[event.timex].text == "Tuesday"


def test_quote_running_over_paragraphs_is_one_quote(annotated):
    doc = annotated("US National Security Adviser Jake Sullivan warned of an invasion.\n\n"
                    "Speaking from the White House, he said on Friday: “We continue to see signs of Russian escalation.\n\n"
                    "“As we’ve said before, we are in the window of when an invasion begins at any time.\n\n"
                    "“Any American in Ukraine should leave as soon as possible.”\n\nThe call came later.")
    (quote,) = doc._quotes
    body = doc.text[quote.start:quote.end]
    assert body.startswith("We continue") and body.endswith("as soon as possible.")
    assert quote.speaker == "Jake Sullivan"
    assert doc._timexes[quote.timex].text == "Friday"


def test_figure_referred_to_as_the_number(annotated):
    doc = annotated("For weeks, Russia has been amassing troops around Ukraine’s border, with the number now reaching roughly 130,000.")
    (claim,) = doc._claims
    assert (claim.value, claim.unit, claim.approximate, claim.owner) == (130000, "troops", True, "Russia")


def test_short_organisation_name_resolves_to_the_full_one(annotated):
    doc = annotated("The Russian Ministry of Foreign Affairs accused the West of spreading disinformation.\n\n"
                    "The Ministry said in a statement: “The global information space faced a media campaign unprecedented in its scale.”")
    assert doc._quotes[0].speaker == "Russian Ministry of Foreign Affairs"
