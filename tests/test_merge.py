"""Cross-document merging: quote variants become one quote; claims are related."""
from storyline.merge import NameIndex, _relate, build_quotes
from storyline.model import Claim, Document, QuoteCandidate


def _doc(doc_id, text, quote, speaker):
    d = Document(id=doc_id, source=doc_id, text=text)
    start = text.index(quote)
    d._quotes = [QuoteCandidate(start, start + len(quote), speaker)]
    return d


def test_quote_variants_merge_and_other_speakers_do_not():
    a = _doc("a", "“I don’t accept anybody’s red lines.” he said.", "I don’t accept anybody’s red lines.", "Joe Biden")
    b = _doc("b", "“I don’t accept anyone’s red line,” Biden said.", "I don’t accept anyone’s red line,", "Joe Biden")
    c = _doc("c", "“I don’t accept anyone’s red line,” Putin said.", "I don’t accept anyone’s red line,", "Vladimir Putin")
    story = {"a": "s", "b": "s", "c": "s"}
    quotes = build_quotes([a, b, c], {}, story, NameIndex([a, b, c]))
    by_speaker = {q.speaker: q for q in quotes}
    assert len(quotes) == 2
    assert {m.document for m in by_speaker["Joe Biden"].mentions} == {"a", "b"}
    for m in by_speaker["Joe Biden"].mentions:
        doc = {"a": a, "b": b}[m.document]
        assert doc.text[m.start:m.end] == m.text


def _claim(cid, value, source, day):
    return Claim(id=cid, subject="Russian troops", value=value, unit="troops", approximate=True, kind="level",
                 as_of=day, as_of_precision="day", as_of_range=[day, day], source=source, document=cid,
                 start=0, end=1, story="s", _owner="RUS")


def test_claims_same_disagree_and_update():
    us = _claim("us", 70000, "US intelligence", "2021-12-04")
    ua = _claim("ua", 94300, "Oleksii Reznikov", "2021-12-04")
    ua2 = _claim("ua2", 94300, "Oleksii Reznikov", "2021-12-05")
    later = _claim("later", 100000, None, "2021-12-30")
    _relate([us, ua, ua2, later])
    assert {(r.claim, r.relation) for r in us.related} >= {("ua", "disagrees")}
    assert ("ua2", "same") in {(r.claim, r.relation) for r in ua.related}
    assert {r.relation for r in later.related} == {"updates"}


def test_unattributed_figure_is_the_publications_claim():
    from storyline.merge import build_claims
    from storyline.model import ClaimCandidate
    text = "Russia has amassed 100,000 troops at the border with Ukraine."
    doc = Document(id="d", source="d", text=text, site="Example News")
    doc._claims = [ClaimCandidate(0, len(text), "troops", 100000, "troops", False, "level", None)]
    (claim,) = build_claims([doc], {}, {"d": "s"}, NameIndex([doc]))
    assert claim.source == "Example News" and text[claim.start:claim.end] == text
