"""The publication date of a page: htmldate's answer checked against the page's JSON-LD article,
its local time and its headline (storyline.clean.pubdate)."""
import datetime as dt
import json

from trafilatura.utils import load_html

from storyline.clean.pubdate import local_days, metadata_date, parse_stamp

BODY = "<p>" + "Some running text of the article, long enough to be a paragraph. " * 8 + "</p>"


def page(head: str = "", body: str = BODY, title: str = "Fire brought under control") -> str:
    return (f"<html><head><title>{title}</title>{head}</head><body>{body}</body></html>")


def ld(obj: dict) -> str:
    return f'<script type="application/ld+json">{json.dumps(obj)}</script>'


def date_of(html: str, url: str | None = "https://example.org/news/fire") -> str | None:
    return metadata_date(load_html(html), url)


def test_parse_stamp_keeps_the_written_day_time_and_offset():
    stamp = parse_stamp("2020-12-25T01:59:50+02:00")
    assert (stamp.day, stamp.minute, stamp.second, stamp.offset) == (dt.date(2020, 12, 25), 119, 50, 120)
    assert stamp.instant == dt.datetime(2020, 12, 24, 23, 59)
    assert parse_stamp("20200316T13:00:00Z").offset == 0          # ISO 8601 basic format
    assert parse_stamp("2020-12-05T23:15:0Z").second == 0          # one-digit seconds
    assert parse_stamp("Tue, Sep 15 2020 10:01:41 EDT").day == dt.date(2020, 9, 15)
    assert parse_stamp("Nov 05, 2025") is None                     # a humanised day alone
    assert parse_stamp("2999-01-01") is None and parse_stamp("") is None


def test_local_days_of_a_utc_instant_span_the_time_zones():
    assert local_days(parse_stamp("2020-05-02T02:54:29Z")) == {dt.date(2020, 5, 1), dt.date(2020, 5, 2)}
    # a timestamp written with its own offset is already local: its day only
    assert local_days(parse_stamp("2020-06-29T00:16:15+03:00")) == {dt.date(2020, 6, 29)}


def test_jsonld_local_time_beats_a_utc_meta_tag():
    head = ('<meta property="article:published_time" content="2020-12-24T23:59:50+00:00">'
            + ld({"@context": "https://schema.org", "@graph": [
                {"@type": "WebSite", "name": "x"},
                {"@type": "NewsArticle", "headline": "Fire", "datePublished": "2020-12-25T01:59:50+02:00"}]}))
    assert date_of(page(head)) == "2020-12-25"


def test_utc_meta_and_jsonld_give_way_to_the_same_instant_written_in_local_time():
    head = ('<meta property="article:published_time" content="2020-12-05T23:15:0Z">'
            "<script>var info = {}; info.publication_date = '2020-12-06 00:15';</script>")
    assert date_of(page(head)) == "2020-12-06"
    # another time of the page that is not the same instant (minutes differ) changes nothing
    head = ('<meta property="article:published_time" content="2020-12-05T23:15:00Z">'
            "<script>var next = '2020-12-06 00:47';</script>")
    assert date_of(page(head)) == "2020-12-05"


def test_jsonld_article_date_beats_a_far_url_date_but_not_a_time_zone_away():
    head = ld({"@type": "Article", "datePublished": "2024-05-03T08:45:44Z"})
    assert date_of(page(head), "https://example.org/2024/04/04/fire") == "2024-05-03"
    # 02:18 UTC on the 18th is still the 17th west of Greenwich: the URL's day stands
    head = ld({"@type": "Article", "datePublished": "2020-02-18T02:18:11Z"})
    assert date_of(page(head), "https://example.org/2020/02/17/fire") == "2020-02-17"


def test_jsonld_date_htmldate_cannot_read_is_used_when_nothing_else_is_found():
    head = ld({"@type": "NewsArticle", "datePublished": "Tue, Sep 15 2020 10:01:41 EDT"})
    assert date_of(page(head)) == "2020-09-15"


def test_updated_guide_keeps_its_modified_day_but_a_thread_is_dated_by_its_first_post():
    guide = ('<meta property="article:modified_time" content="2025-02-22T22:13:14+00:00">'
             + ld({"@type": ["WebPage", "Article"], "datePublished": "2021-08-12T19:35:44+00:00",
                   "dateModified": "2025-02-22T22:13:14+00:00"}))
    assert date_of(page(guide)) == "2025-02-22"
    thread = ('<meta property="og:updated_time" content="2024-06-29T02:01:35Z">'
              + ld({"@type": "DiscussionForumPosting", "datePublished": "2024-06-14T16:22:54+03:00",
                    "dateModified": "2024-06-29T05:01:35+03:00"}))
    assert date_of(page(thread)) == "2024-06-14"


def test_jsonld_of_a_non_article_is_ignored():
    head = ('<meta property="article:published_time" content="2020-01-02T10:00:00+00:00">'
            + ld({"@type": "Organization", "datePublished": "2015-01-01"}))
    assert date_of(page(head)) == "2020-01-02"


def test_date_in_the_site_header_gives_way_to_the_byline_below_the_headline():
    chrome = "".join(f"<li><a href='/s{i}'>Section {i}</a></li>" for i in range(25))
    body = (f"<div class='header-info'>Baku 4°C Tuesday, 08 Dec 2020</div><ul>{chrome}</ul>"
            "<h1>Fire brought under control after three weeks</h1>"
            "<ul class='meta'><li>13 Oct 2020 18:29</li></ul>" + BODY)
    assert date_of(page(body=body, title="Fire brought under control after three weeks"),
                   None) == "2020-10-13"
    # a date just above the headline (a hero block) is the article's own
    body = ("<div class='post-date'>December 17, 2025</div><h1>Fire brought under control after three weeks</h1>"
            + BODY + "<p class='listing-date'>November 25, 2025</p>")
    assert date_of(page(body=body, title="Fire brought under control after three weeks"),
                   None) == "2025-12-17"


def test_no_date_anywhere_gives_none():
    assert date_of(page(), None) is None
