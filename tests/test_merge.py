"""Cross-document merging: quote variants become one quote; claims are related."""
from storyline.merge import NameIndex, build_claims, build_quotes, qualifiers, relations
from storyline.model import Claim, ClaimCandidate, ClaimKind, Document, QuoteCandidate


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


def _claim(cid, value, source, day, kind="level", subject="Russian troops", unit="troops"):
    return Claim(id=cid, subject=subject, value=value, unit=unit, approximate=True, kind=kind,
                 as_of=day, as_of_precision="day", as_of_range=[day, day], source=source, document=cid,
                 start=0, end=1, story="s", _owner="RUS", _qualifiers=qualifiers(subject, unit))


def test_claims_same_disagree_update_and_change():
    us = _claim("us", 70000, "US intelligence", "2021-12-04")
    ua = _claim("ua", 94300, "Oleksii Reznikov", "2021-12-04")
    ua2 = _claim("ua2", 94300, "Oleksii Reznikov", "2021-12-05")
    later = _claim("later", 100000, None, "2021-12-30")
    pulled = _claim("pulled", -10000, None, "2022-01-20", kind="change", subject="troops withdrawn")
    links = relations([us, ua, ua2, later, pulled])
    related = {cid: {(r.claim, r.relation) for r in rs} for cid, rs in links.items()}
    assert ("ua", "disagrees") in related["us"]
    assert ("ua2", "same") in related["ua"]
    assert {rel for _, rel in related["later"]} == {"updates"}
    assert ("later", "changes") in related["pulled"]  # the withdrawal is linked to the level it changes


def test_counts_of_different_things_are_not_related():
    """'10 people killed' and a town's '120,000 people' share a unit, not a quantity."""
    killed = _claim("killed", 10, "police", "2021-12-04", subject="people killed in the quake", unit="people")
    town = _claim("town", 120000, "census", "2021-12-04", subject="people living in the town", unit="people")
    assert relations([killed, town]) == {}


def test_the_same_sentence_printed_twice_is_one_claim_with_two_mentions():
    sentence = "Russia has amassed 100,000 troops at the border with Ukraine."
    text = sentence + "\n\n" + sentence
    doc = Document(id="d", source="d", text=text)
    at = text.index("100,000")
    doc._claims = [ClaimCandidate(start, start + len(sentence), "troops at the border", 100000, "troops", False,
                                  ClaimKind.LEVEL, None, figure=(start + at, start + at + 7))
                   for start in (0, len(sentence) + 2)]
    (claim,) = build_claims([doc], {}, {"d": "s"}, NameIndex([doc]))
    assert [text[m.figure_start:m.figure_end] for m in claim.mentions] == ["100,000", "100,000"]
    assert len({m.start for m in claim.mentions}) == 2


def test_unattributed_figure_is_the_publications_claim():
    text = "Russia has amassed 100,000 troops at the border with Ukraine."
    doc = Document(id="d", source="d", text=text, site="Example News")
    doc._claims = [ClaimCandidate(0, len(text), "troops", 100000, "troops", False, "level", None)]
    (claim,) = build_claims([doc], {}, {"d": "s"}, NameIndex([doc]))
    assert claim.source == "Example News" and text[claim.start:claim.end] == text
