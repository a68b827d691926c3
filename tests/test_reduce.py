"""The cross-document functions on real articles: document dating from a text alone and through
coreferent events, event clustering within and across documents, stories that keep same-kind
events apart, and `reduce_story` / `reduce` as pure functions."""
import datetime as dt
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from conftest import SEEDS, SHARED

from storyline.cluster.events import cluster_events
from storyline.cluster.stories import cluster_stories
from storyline.ingest import read
from storyline.merge import NameIndex
from storyline.model import RawItem, Rejection, Story
from storyline.nlp.entities import canonicalise_corpus
from storyline.pipeline import process, reduce, reduce_story
from storyline.time.docdate import Link, date_documents, refine

ECBPLUS = SHARED / "data" / "ecbplus"


@pytest.fixture(scope="module")
def seeds() -> dict:
    """The five seed articles, processed one by one, by their file prefix ("001")."""
    items = [x for x in read([str(SEEDS)]) if not isinstance(x, Rejection)]
    docs = {Path(item.source).name[:3]: process(item) for item in items}
    renamed, _ = canonicalise_corpus(list(docs.values()))
    return dict(zip(docs, renamed))


def _range(belief) -> tuple[dt.date, dt.date]:
    return belief.days[0], belief.days[-1]


def _timex(doc, text: str) -> int:
    return next(i for i, t in enumerate(doc._timexes) if t.text == text)


def test_a_text_alone_dates_itself_only_as_far_as_it_says(seeds):
    beliefs = date_documents([seeds["001"], seeds["004"]])
    lo, hi = _range(beliefs[seeds["001"].id])  # "will hold a call on Tuesday, December 7, 2021" ... "on Saturday"
    assert dt.date(2021, 12, 1) <= lo <= dt.date(2021, 12, 5) <= hi <= dt.date(2021, 12, 7)
    assert seeds["004"].id not in beliefs  # no year anywhere in it: unknown, not a guess


def test_dates_flow_only_through_a_link_between_reports_of_one_event(seeds):
    own = date_documents([seeds["001"], seeds["003"]])
    unlinked = refine([seeds["001"], seeds["003"]], own, [], story_margin=None)
    assert unlinked == own
    a, b = seeds["003"], seeds["001"]
    link = Link(a.id, _timex(a, "Tuesday evening"), b.id, _timex(b, "Tuesday, December 7, 2021"))
    lo, hi = _range(refine([a, b], own, [link], story_margin=None)[a.id])
    assert dt.date(2021, 11, 30) <= lo <= dt.date(2021, 12, 4) <= hi <= dt.date(2021, 12, 7)


def test_one_call_named_several_times_in_one_article_is_one_event(seeds):
    doc = seeds["001"]
    calls = [c for c in cluster_events([doc], date_documents([doc]))
             if c.type == "CONSULT" and {"Joe Biden", "Vladimir Putin"} <= c.participants]
    assert len(calls) == 1 and len(calls[0].mentions) >= 2


def test_reduce_story_gives_one_card_for_one_call_reported_by_two_outlets(seeds):
    docs = [seeds["001"], seeds["003"]]
    story = Story("s-test", "Biden and Putin", [d.id for d in docs])
    result = reduce_story(story, docs, NameIndex(docs), date_documents(docs))
    calls = [e for e in result.events if e.type == "CONSULT" and "Joe Biden" in e.actors + e.recipients
             and "Vladimir Putin" in e.actors + e.recipients and e.date == "2021-12-07"]
    assert len(calls) == 1
    assert {m.document for m in calls[0].mentions} == {d.id for d in docs}
    for e in result.events:
        for m in e.mentions:
            doc = next(d for d in docs if d.id == m.document)
            assert doc.text[m.start:m.end].strip()
    assert all(line.text == docs[0].text[c.start:c.end] or any(d.text[c.start:c.end] == line.text for d in docs)
               for line in result.summary for c in line.citations)


def test_reduce_leaves_its_input_documents_as_they_were():
    docs = [process(x) for x in read([str(SEEDS)]) if not isinstance(x, Rejection)]  # names not yet corpus-wide
    before = [(d.published, d.published_range, d.story, d.duplicate_of) for d in docs]
    names = [[e.canonical for e in d._entities] for d in docs]
    speakers = [[q.speaker for q in d._quotes] for d in docs]
    result = reduce(docs, [])
    assert [(d.published, d.published_range, d.story, d.duplicate_of) for d in docs] == before
    assert [[e.canonical for e in d._entities] for d in docs] == names  # names made corpus-wide on copies
    assert [[q.speaker for q in d._quotes] for d in docs] == speakers
    assert all(d.story for d in result.documents)


def _ecb(path: Path) -> RawItem:
    words: dict[int, list[str]] = {}
    for tok in ET.parse(path).getroot().iter("token"):
        words.setdefault(int(tok.get("sentence")), []).append(tok.text or "")
    lines = [" ".join(w) for _, w in sorted(words.items()) if w and w[0] != "http"]
    return RawItem(path.stem, "\n\n".join(lines), "text")


def test_two_same_kind_events_years_apart_are_two_stories():
    """ECB+ topic 1: Tara Reid enters rehab (2008) and Lindsay Lohan enters rehab (2013)."""
    paths = [ECBPLUS / "1" / f"1_{n}{kind}.xml" for kind in ("ecb", "ecbplus") for n in (10, 11, 12, 13)]
    docs, _ = canonicalise_corpus([d for d in (process(_ecb(p)) for p in paths) if not isinstance(d, Rejection)])
    stories = cluster_stories(docs, {})
    kind_of = {d.id: d.source.endswith("plus") for d in docs}
    assert all(len({kind_of[i] for i in s.documents}) == 1 for s in stories)
    assert len(stories) <= 4


def test_no_document_is_dated_after_the_run(seeds):
    """A text with no dated expression of its own, dated from its story's reports widened by the
    story margin, still cannot have been written after the day of the run."""
    docs = [seeds["001"], seeds["004"]]
    own = date_documents(docs)
    run_day = dt.date(2021, 12, 10)
    free = refine(docs, own, [])[seeds["004"].id]
    bounded = refine(docs, own, [], today=run_day)[seeds["004"].id]
    assert free.days[-1] > run_day  # the margin alone reaches past it
    assert bounded.days and bounded.days[-1] <= run_day
