"""Time expressions, their resolution by tense, and document-date inference on real sentences."""
import re
import datetime as dt

from storyline.model import Document
from storyline.nlp import parse
from storyline.time import find_timexes, resolve_timex
from storyline.time.docdate import infer_document


def _timexes(text):
    return find_timexes(text, parse(text))


def test_weekday_direction_follows_tense():
    past = _timexes("Minister Oleksii Reznikov said on Friday that escalation was possible.")
    future = _timexes("Biden will speak to Putin by phone on Saturday morning.")
    dct = dt.date(2021, 12, 4)  # a Saturday
    assert resolve_timex(past[0], dct).value == "2021-12-03"
    assert resolve_timex(future[0], dct).value == "2021-12-04TMO"


def test_explicit_and_yearless_dates():
    t = _timexes("The call will be held on Tuesday, December 7, 2021, and talks on Jan. 10 in Geneva.")
    assert [x.text for x in t] == ["Tuesday, December 7, 2021", "Jan. 10"]
    assert resolve_timex(t[1], dt.date(2021, 12, 30)).value == "2022-01-10"


def test_durations_and_clock_times():
    t = _timexes("The meeting lasted from 4.04pm to 5.06pm, an hour and 40 minutes in all.")
    assert [(x.type, x.value) for x in t] == [("TIME", "XXXX-XX-XXT16:04"), ("TIME", "XXXX-XX-XXT17:06"), ("DURATION", "PT1H40M")]


def test_document_date_from_weekdays_tied_to_a_date():
    text = ("US president Joe Biden will speak with Russian president Vladimir Putin on Tuesday by video call. "
            "“President Biden will hold a secure video call with President Putin on Tuesday, December 7, 2021,” Ms Psaki said. "
            "Minister Oleksii Reznikov said on Friday that troops had amassed. On Saturday, Ms Psaki said more.")
    doc = Document(id="d", source="s", text=text)
    doc._quoted = [(text.index("President Biden will"), text.index("2021,") + 5)]
    doc._timexes = find_timexes(text, parse(text), doc._quoted)
    days = infer_document(doc, (dt.date(2021, 11, 1), dt.date(2022, 1, 31)), fresh_days=1)  # the prior's freshness
    assert days == [dt.date(2021, 12, 4), dt.date(2021, 12, 5)]


def test_expressions_outside_the_calendar_resolve_to_nothing():
    t = _timexes("The temple was built 2500 years ago, on February 30.")
    assert [x.text for x in t] == ["2500 years ago", "February 30"]
    assert [resolve_timex(x, dt.date(2021, 12, 4)) for x in t] == [None, None]


def test_weekday_with_time_of_day_before_a_date_is_one_expression():
    t = _timexes("Biden will meet Putin on Tuesday evening, December 7, 2021.")
    assert [x.text for x in t] == ["Tuesday evening, December 7, 2021"]
    assert resolve_timex(t[0], dt.date(2021, 12, 4)).value == "2021-12-07TEV"


def test_sets_and_clock_times_get_timeml_values():
    text = "The market opens each Thursday and reports quarterly; the blast came at 10:35 a.m., police said."
    values = {t.text: (r.value if (r := resolve_timex(t, dt.date(1998, 8, 8))) else t.value) for t in find_timexes(text, None)}
    assert values["each Thursday"] == "XXXX-WXX-4"
    assert values["quarterly"] == "P1Q"
    assert values["10:35 a.m."] == "1998-08-08T10:35"


def test_inferred_publication_days_cite_the_expressions_that_bounded_them(seed_result):
    """Every seed dated from its own text names the dated expressions it was measured from, as
    spans of that text; one dated only through other reports, or from metadata, names none."""
    from storyline.model import DateRole
    result, _ = seed_result
    inferred = [d for d in result.documents if d.published_from in ("content", "inferred")]
    assert inferred
    assert any(d.published_from == "content" for d in inferred)
    for doc in inferred:
        roles = {e.role for e in doc.date_evidence}
        assert DateRole.ANCHOR in roles or doc.published_from == "inferred", doc.source
        for e in doc.date_evidence:
            assert re.search(r"\b(19|20)\d\d\b", doc.text[e.start:e.end]), doc.text[e.start:e.end]
    assert all(not d.date_evidence for d in result.documents if d.published_from == "metadata")
