"""The publication date printed in a flattened page's byline."""
from storyline.clean import clean
from storyline.clean.dateline import published_in_dump
from storyline.model import RawItem

BODY = ("Border agents seized more fentanyl this year than in any year before, officials said on Monday, "
        "pointing to a sharp rise in smuggling through legal ports of entry along the southern border.\n\n"
        "The agency said most of the drug was hidden in passenger vehicles and trucks, not carried across "
        "remote stretches of desert, contrary to what several members of Congress had claimed this autumn.\n\n")


def test_byline_date_wins_over_captions_and_teasers():
    raw = ("Fentanyl seizures rise at ports of entry\n\nHome | News | Politics\n\n"
           "By Matthew Digby on Monday, November 18th, 2019 at 11:08 a.m.\n\n"
           "Agents inspect a truck at the Otay Mesa port on July 25, 2019. Gregory Bull / AP\n\n"
           + BODY + "Related stories\n\nCongress debates border funding\n\nPublished: January 3, 2020\n")
    doc = clean(RawItem("dump.txt", raw, "text"))
    assert published_in_dump(raw, doc.text.split("\n\n")) == "2019-11-18"
    assert (doc.published, doc.published_precision, doc.published_from) == ("2019-11-18", "day", "content")


def test_no_byline_no_date():
    doc = clean(RawItem("dump.txt", "Fentanyl seizures rise at ports of entry\n\n" + BODY, "text"))
    assert doc.published is None and doc.published_precision == "unknown"
