"""Clean: the real seed dumps lose their page furniture and keep every paragraph; HTML pages give
body and metadata; hostile markup never raises anything but EmptyDocument."""
import re
from pathlib import Path

import pytest

from storyline.clean import EmptyDocument, clean, document_id, parse_day
from storyline.model import RawItem

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ingest"

JUNK = ["Oops!", "Something went wrong", "Read More", "Spread the love", "Like it? Share", "News code",
        "endNewsMessage1", "Leave a Reply", "Post author", "Post category", "Read the original article",
        "Next Post", "Blinken Says U.S. Has a", "GOP Rep Thomas Massie", "US drugstores squeezed", "Comments",
        "American Age Official", "AP Photo", "Joe Biden (L), Vladimir Putin (R)", "Getty Images", "NADI, Fiji"]
KEEP = {
    "000": ["roughly 130,000", "Joe Biden will speak to Vladimir Putin by phone on Saturday.",
            "The phone call will be the first time the two leaders have directly spoken this year.",
            "Biden reportedly told allied leaders that Putin has decided to move forward with an invasion.",
            "“I will say that the way that he has built up his forces", "reasonably swift timeframe,” Sullivan said.",
            "The Kremlin has said it wants to enforce “red lines” to make sure that Ukraine does not join NATO."],
    "001": ["about 94,300 Russian troops have amassed", "White House press secretary Jen Psaki confirmed the plan as well.",
            "“The conversation will indeed take place on Tuesday,” Kremlin press secretary Dmitry Peskov told Reuters.",
            "“I don’t accept anybody’s red lines.”", "“The leaders will discuss a range of topics"],
    "002": ["lasted from 4.04pm to 5.06pm UK time", "“Any American in Ukraine should leave as soon as possible",
            "Saturday’s call is the result of heightened tensions throughout the week.",
            "we are equally prepared for other scenarios."],
    "003": ["about 70,000 troops", "Biden-Zelenskyy call expected", "“I don’t accept anyone’s red line,” Biden said.",
            "The risks for Putin of going through with such an invasion would be enormous.",
            "“We see that he is putting in place the capacity to take action in short order.”"],
    "004": ["The call lasted 50 minutes", "What You Need To Know",
            "During a call earlier this month, Biden warned Putin of “severe consequences” if Russia invaded Ukraine",
            "“I made it very clear, if in fact he invades Ukraine, there will be severe consequences",
            "The Associated Press contributed to this report."],
}
REASONS = {"000": {"caption", "teaser", "boilerplate"}, "001": {"boilerplate", "duplicate", "teaser"},
           "002": {"boilerplate"}, "003": {"title", "boilerplate", "end-marker"},
           "004": {"title", "boilerplate", "caption", "duplicate", "end-marker"}}


def seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


@pytest.fixture(scope="module")
def cleaned():
    out = {}
    for prefix in KEEP:
        path = seed(prefix)
        out[prefix] = clean(RawItem(str(path), path.read_text(encoding="utf-8"), "text"))
    return out


@pytest.mark.parametrize("prefix", sorted(KEEP))
def test_seed_dump_keeps_the_article_and_drops_the_furniture(cleaned, prefix):
    doc, raw = cleaned[prefix], seed(prefix).read_text(encoding="utf-8")
    for junk in JUNK:
        assert junk not in doc.text, junk
    for real in KEEP[prefix]:
        assert real in doc.text, real
    assert doc.text.count("In this image provided by The White House") <= 1
    assert doc.title == raw.splitlines()[0].strip()
    assert REASONS[prefix] <= {r.reason for r in doc.removed}
    # every removed piece is really from the dump, and nothing was both kept and removed
    flat = " ".join(raw.split())
    assert all(" ".join(r.text.split()) in flat for r in doc.removed)


@pytest.mark.parametrize("prefix", sorted(KEEP))
def test_seed_text_is_normalised(cleaned, prefix):
    doc = cleaned[prefix]
    assert doc.text == doc.text.strip() and "\u00a0" not in doc.text and "  " not in doc.text
    assert "\n\n\n" not in doc.text and all(p.strip() == p and p for p in doc.text.split("\n\n"))
    assert "\n" not in doc.text.replace("\n\n", "")
    assert not re.search(r"^[•*-] ", doc.text, re.M)  # bullet glyphs dropped, their text kept
    assert doc.language == "en" and doc.page_type == "article"
    assert (doc.published, doc.published_precision, doc.published_range, doc.published_from) == (None, "unknown", None, None)
    assert re.fullmatch(r"[0-9a-f]{16}", doc.id)


def test_every_real_paragraph_of_a_seed_survives(cleaned):
    """Seed 003 has no furniture inside its body: all of its sentences must come out."""
    raw = seed("003").read_text(encoding="utf-8")
    body = [line.strip() for line in raw.splitlines()[3:] if len(line.strip()) > 40]
    assert all(line in cleaned["003"].text for line in body)


def test_typographic_quotes_and_dashes_are_kept(cleaned):
    assert "“" in cleaned["001"].text and "’" in cleaned["001"].text and "—" in cleaned["004"].text
    assert '"' not in cleaned["001"].text


def test_id_is_stable_and_ignores_spacing():
    path = seed("001")
    raw = path.read_text(encoding="utf-8")
    a = clean(RawItem("a", raw, "text"))
    b = clean(RawItem("b", raw.replace("\n\n", "\n\n\n").replace(" ", "\u00a0", 3), "text"))
    assert a.id == b.id == document_id(a.text)


def test_an_unseen_dump_of_the_same_kind_is_cleaned():
    """Other furniture words, other markers: general vocabularies, not the seeds' strings."""
    body = seed("001").read_text(encoding="utf-8").split("Read More")[0].split("\n")[12:]
    dump = "\n".join(["Talks set as troops mass on the border", "", "Menu", "World", "Politics", "Business",
                      "Sport", "Subscribe", "Sign in", "", "Talks set as troops mass on the border",
                      "By Jane Smith | Published: 5 December 2021", "Share this article", "",
                      *body, "", "Photo: Vladimir Putin at the Kremlin. Mikhail Klimentyev/Sputnik via AP",
                      "", "Sign up for our newsletter", "", "3 Comments", "", "Great article, thanks for sharing it with us all!",
                      "", "Related Articles", "Russia warns the West over Ukraine", "Cookie settings"])
    doc = clean(RawItem("unseen", dump, "text"))
    assert doc.title == "Talks set as troops mass on the border"
    assert doc.text.startswith("US president Joe Biden will speak")
    assert doc.text.endswith("including strategic stability, cyber, and regional issues,” she said.")
    for junk in ["Menu", "Subscribe", "Share this", "Sputnik", "newsletter", "Comments", "Great article", "Related"]:
        assert junk not in doc.text


def test_jsonl_text_metadata_overrides():
    item = RawItem("x.jsonl:1", seed("003").read_text(encoding="utf-8"), "text",
                   {"title": "Video call set", "published": "2021-12-04T20:15:00+00:00", "author": "AP",
                    "url": "https://example.org/a"})
    doc = clean(item)
    assert (doc.title, doc.author, doc.url) == ("Video call set", "AP", "https://example.org/a")
    assert (doc.published, doc.published_precision, doc.published_range, doc.published_from) == \
        ("2021-12-04", "day", ["2021-12-04", "2021-12-04"], "metadata")
    assert doc.text.startswith("President Joe Biden and Russian President Vladimir Putin will speak")
    assert "Biden and Putin to hold video call on Tuesday on Ukraine" in {r.text for r in doc.removed}


@pytest.mark.parametrize("value, day", [("2021-12-04", "2021-12-04"), ("2021-12-04T23:59:00Z", "2021-12-04"),
                                        ("Sat, 04 Dec 2021 10:00:00 GMT", "2021-12-04"), ("December 4, 2021", "2021-12-04"),
                                        (1638612000, "2021-12-04"), ("not a date", None), ("", None), (None, None)])
def test_parse_day(value, day):
    assert parse_day(value) == day


def test_html_page_body_and_metadata():
    html = (FIXTURES / "page.html").read_text(encoding="utf-8")
    doc = clean(RawItem("page.html", html, "html", {"url": "https://example.org/news/video-call"}))
    assert doc.title == "Biden and Putin to hold video call on Tuesday on Ukraine"
    assert doc.author == "Staff Reporter" and doc.url == "https://example.org/news/video-call"
    assert (doc.published, doc.published_precision, doc.published_from) == ("2021-12-04", "day", "metadata")
    assert doc.text.startswith("President Joe Biden and Russian President Vladimir Putin will speak")
    assert "“I don’t accept anyone’s red line,” Biden said." in doc.text and "about 70,000 troops" in doc.text
    assert "Home" not in doc.text and "All rights reserved" not in doc.text
    assert doc.page_type == "article" and doc.language == "en" and "\n\n" in doc.text


def test_html_date_from_htmldate_when_trafilatura_has_none():
    para = "<p>Officials said the talks in Geneva lasted two hours and ended without agreement on Tuesday.</p>"
    html = f"<html><head><title>Talks</title></head><body><article><h1>Talks</h1><time datetime='2021-12-07'>7 December 2021</time>{para * 4}</article></body></html>"
    doc = clean(RawItem("t.html", html, "html"))
    assert doc.published == "2021-12-07" and doc.published_from == "metadata"


def _never_raises(html: str):
    try:
        return clean(RawItem("hostile.html", html, "html"))
    except EmptyDocument as exc:
        assert str(exc) and "\n" not in str(exc)
        return None


def test_hostile_html_never_crashes():
    text = "Officials said the talks in Geneva lasted two hours and ended without agreement on Tuesday evening. "
    script = "<html><body><script>" + "document.write('<p>x</p>');" * 20000 + "</script><p>" + text * 3 + "</p></body></html>"
    doc = _never_raises(script)
    assert doc is not None and "document.write" not in doc.text and "Geneva" in doc.text
    deep = "<html><head><title>Deep</title></head><body>" + "<div>" * 5000 + "<p>" + text * 2 + "</p>" + "</div>" * 5000 + "</body></html>"
    doc = _never_raises(deep)
    assert doc is not None and "Geneva" in doc.text
    for junk in ["", "<", "<html>", "<<<>>>", "\x00\x01\x02", "<p>" * 50000, "<!--" + "x" * 10000,
                 "<html><body></body></html>", "<a href='" + "x" * 100000, "&#xffffffff; &#0; &bogus;"]:
        _never_raises(junk)


def test_five_megabyte_page_is_cleaned_whole():
    rows = "".join(f"<p>Paragraph {i}: officials said talks on trade and troops would continue next week in Geneva.</p>"
                   for i in range(55000))
    html = "<html><head><title>Long page</title></head><body><article>" + rows + "</article></body></html>"
    assert len(html) > 5_000_000
    doc = _never_raises(html)
    assert doc is not None and "Paragraph 54999" in doc.text  # speed: benchmarks/extraction.py


def test_nothing_usable_is_an_empty_document():
    with pytest.raises(EmptyDocument):
        clean(RawItem("e.txt", "   \n\n  ", "text"))
    with pytest.raises(EmptyDocument):
        clean(RawItem("f.txt", "Title\n\nHome\nShare\nSubscribe\nLog in\n© 2021 Example", "text"))


def test_inline_html_page_metadata():
    html = ("<html><head><title>Talks end</title><meta name='author' content='Ann Writer'>"
            "<meta property='article:published_time' content='2021-12-07T10:00:00Z'></head><body>"
            "<nav>Home | World | Share</nav><article><h1>Talks end</h1>"
            + "".join(f"<p>Paragraph {i} of the article says the leaders met for two hours in Geneva on Tuesday.</p>" for i in range(6))
            + "</article><script>alert(1)</script></body></html>")
    doc = clean(RawItem("page.html", html, "html"))
    assert (doc.title, doc.author) == ("Talks end", "Ann Writer")
    assert doc.published == "2021-12-07" and doc.published_from == "metadata"
    assert doc.text.startswith("Paragraph 0") and "Paragraph 5" in doc.text
    assert "alert" not in doc.text and "Home | World" not in doc.text


def _page(head: str, body: str) -> RawItem:
    return RawItem("t.html", f"<html><head><title>T</title>{head}</head><body>{body}</body></html>", "html")


def test_page_type_rules_from_schema_org_types():
    """The declared types, one of the page classifier's features (`html._page_type`)."""
    from storyline.clean.html import _page_type, schema_types

    def rules(item):
        return _page_type(None, None, schema_types(item.content))

    prose = "<article>" + "<p>A sentence of body text that runs on long enough to be prose here.</p>" * 12 + "</article>"
    forum = '<script type="application/ld+json">{"@type": "DiscussionForumPosting", "headline": "x"}</script>'
    product = '<script type="application/ld+json">{"@type": "Product", "offers": {"@type": "Offer"}}</script>'
    grid = '<script type="application/ld+json">{"@type": "ItemList", "itemListElement": [' + \
        ",".join('{"@type": "Product", "name": "p%d"}' % i for i in range(4)) + ']}</script>'
    news = '<script type="application/ld+json">{"@type": ["NewsArticle"], "about": {"@type": "Product"}, ' \
        '"offers": {"@type": "Offer"}}</script>'
    assert rules(_page(forum, prose)) == "forum"
    assert rules(_page(product, prose)) == "product"
    assert rules(_page(grid, prose)) == "collection"
    assert rules(_page(news, prose)) == "article"  # an article about a product stays an article


def test_page_whose_only_text_is_its_title_keeps_it():
    title = "A headline that is the whole post: nothing else was written under it at all, friends."
    doc = clean(RawItem("t.html", f"<html><head><title>{title}</title></head><body><h1>{title}</h1>"
                        f"<div><p>{title}</p></div></body></html>", "html"))
    assert doc.text == title


# -- the learned block classifier of the text-dump cleaner -----------------------------------------

DUMP = ("A council votes on the new bridge\n\nHome\nNews\nSport\nWeather\nContact us\nSubscribe\n\n"
        "A council votes on the new bridge\n\n"
        "The city council will vote on Tuesday on whether to fund the new bridge across the river, "
        "a project that has divided residents for more than a decade.\n\n"
        "Supporters say the bridge would cut commuting times by half, while opponents worry about "
        "the cost and about the traffic it would bring into the old town.\n\n"
        "The mayor said she expected a close vote and urged residents to attend the meeting.\n\n"
        "Share on Facebook\nShare on Twitter\n\nComments\n\nLeave a reply\n")


def test_dump_model_parameters_are_plain_json_matching_the_features():
    import json

    from storyline.clean.blocks import Profile, split_blocks
    from storyline.clean.dumpmodel import PARAMS, DumpModel, block_features
    params = json.loads(PARAMS.read_text(encoding="utf-8"))
    assert len(params["features"]) == len(params["coef"]) == len(params["mean"]) == len(params["scale"])
    names, rows = block_features(split_blocks(DUMP.split("\n")), "A council votes", Profile(), rules=True)
    assert set(params["features"]) <= set(names) and all(len(r) == len(names) for r in rows)
    model = DumpModel.load()
    probs = model.predict_proba(names, rows)
    assert all(0.0 <= p <= 1.0 for p in probs)


def test_dump_model_scores_prose_above_furniture():
    from storyline.clean.dumpmodel import DumpModel, block_features
    from storyline.clean.textdump import rule_blocks
    title, blocks, _, profile = rule_blocks(DUMP)
    names, rows = block_features(blocks, title, profile)
    probs = dict(zip((b.text for b in blocks), DumpModel.load().predict_proba(names, rows)))
    prose = [p for t, p in probs.items() if t.startswith(("The city council", "Supporters say"))]
    furniture = [p for t, p in probs.items() if t in ("Home", "Subscribe", "Share on Facebook", "Leave a reply")]
    assert prose and furniture and min(prose) > max(furniture)


def test_dump_model_only_adds_to_what_the_rules_keep():
    from storyline.clean.textdump import clean_text_dump
    rules = clean_text_dump(DUMP, model=False).paragraphs
    both = clean_text_dump(DUMP).paragraphs
    assert set(rules) <= set(both)
    assert any(p.startswith("The city council") for p in both)
    assert not any(p in ("Home", "Share on Facebook", "Leave a reply") for p in both)


_WIDGET = "<p>" + "This widget is sturdy, light and easy to clean, and it comes with a two-year guarantee. " * 2 + "</p>"


_SHOP = ("<div class='product-price'>$24.99</div><form class='cart'><label>Quantity</label><input name='qty'>"
         "<button class='add-to-cart'>Add to cart</button></form><div class='reviews'>4.5 stars (12 reviews)</div>")


def _typed_page(og_type: str) -> str:
    shop = _SHOP if og_type == "product" else ""
    return (f"<html><head><meta property='og:type' content='{og_type}'><title>Widget</title></head><body><main>"
            f"<h1>Widget</h1>{shop}{_WIDGET}<p>In stock since 3 March 2021.</p>{_WIDGET}</main></body></html>")


def test_html_extensive_date_search_only_where_an_article_may_be():
    from storyline.clean.html import extract_html
    article = extract_html(_typed_page("article"), "https://example.org/widget")
    product = extract_html(_typed_page("product"), "https://example.org/widget")
    assert article.page_type == "article" and article.published == "2021-03-03"
    assert product.page_type == "product" and product.published is None   # no date beats a wrong one


@pytest.mark.parametrize("page", [
    "<html><body><article><p class='byline'>By Jane Smith</p><p>" + "Text. " * 50 + "</p></article></body></html>",
    "<html><body><div class='comments'><span class='author'>Troll Person</span></div><article><p>" + "Text. " * 50
    + "</p><span class='author'>Jane Smith</span></article></body></html>",
    "<html><body><div class='author'>Jane Smith <span class='date'>4 May</span></div><p>" + "Text. " * 50
    + "</p></body></html>",
])
def test_html_author_matches_trafilatura_without_copying_the_tree(page):
    from trafilatura.metadata import extract_author
    from trafilatura.utils import load_html
    from storyline.clean.html import _author
    tree = load_html(page)
    assert _author(tree) == extract_author(tree) == "Jane Smith"
