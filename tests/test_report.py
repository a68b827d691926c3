"""report: one view model, a safe self-contained HTML page and an inert Markdown file, every
statement carrying its evidence."""
import re
from html.parser import HTMLParser

import pytest
from fixtures.result_sample import sample_result
from markupsafe import escape

from storyline.report import build_view, render_html, render_markdown, write_reports
from storyline.report.html import highlight
from storyline.report.labels import date_label, safe_url, value_label
from storyline.report.md import md_escape


@pytest.fixture(scope="module")
def data():
    return sample_result().to_dict()


@pytest.fixture(scope="module")
def view(data):
    return build_view(data)


@pytest.fixture(scope="module")
def page(view):
    return render_html(view)


class Tags(HTMLParser):
    """Every start tag and its attributes, as a browser would parse them."""

    def __init__(self, page):
        super().__init__()
        self.tags = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_view_model(view):
    assert view.title == "Biden and Putin hold video call over Ukraine"
    (story,) = view.stories
    assert [d.id for d in story.documents] == ["doc-reuters", "doc-hostile"]
    assert [e.id for e in story.events] == ["ev-call", "ev-talks"]
    assert story.events[0].attributes == [("medium", "video call"), ("duration", "121 min")]
    assert story.events[1].date == "8 December 2021 – 31 January 2022"
    assert [(c.label, c.value, c.disputed) for c in story.claims] == [
        ("C1", "~94,300 troops", True), ("C2", "~70,000 troops", True), ("C3", "175,000 troops", False)]
    assert story.claims[2].relations == [("updates", "C2", "claim-cl-intel")]
    assert [c.evidence for c in story.quotes[0].variants] == ["I don't accept anybody's red lines,",
                                                              "I do not accept anyone's red lines."]
    assert story.events[0].cites[0].before.endswith("two-hour ") and story.events[0].cites[0].after == "."
    assert len(view.citations) == 10 and all(c.evidence for c in view.citations)
    assert view.rejected == [("inputs/archive.zip", "not text: binary content (application/zip)")]
    assert view.sources[1].url is None  # javascript: is never a link


def test_timeline_puts_undated_events_last():
    doc = {"id": "d", "source": "s", "title": "t", "text": "They met and talked and spoke."}

    def event(id, date, precision="day", rng=None):
        return {"id": id, "type": "CONSULT", "status": "asserted", "date": date, "date_precision": precision,
                "date_range": rng, "mentions": [{"document": "d", "start": 5, "end": 8, "sentence": [0, 30]}]}
    data = {"documents": [doc], "stories": [{"id": "s", "title": "S", "documents": ["d"]}],
            "events": [event("undated", None, "unknown"), event("late", "2021-12-30"),
                       event("month", "2021-12", "month", ["2021-12-01", "2021-12-31"]), event("early", "2021-11-02")]}
    assert [e.id for e in build_view(data).stories[0].events] == ["early", "month", "late", "undated"]


@pytest.mark.parametrize("date, precision, rng, label", [
    ("2021-12-07", "day", None, "7 December 2021"),
    ("2021-12", "month", ["2021-12-01", "2021-12-31"], "December 2021"),
    ("2021-12-01", "year", None, "2021"),
    (None, "week", ["2021-12-06", "2021-12-12"], "week of 6 December 2021"),
    (None, "range", ["2021-12-04", "2021-12-05"], "4–5 December 2021"),
    (None, "range", ["2022-01-07", "2022-02-12"], "7 January – 12 February 2022"),
    (None, "range", ["2021-12-08", "2022-01-31"], "8 December 2021 – 31 January 2022"),
    (None, "range", ["2021-12", "2022"], "December 2021 – 2022"),
    (None, "unknown", None, "undated"),
    ("not a date", "day", None, "not a date"),
])
def test_date_label(date, precision, rng, label):
    assert date_label(date, precision, rng) == label


def test_a_range_given_as_an_iso_interval_reads_as_a_span():
    """A quote said between 7 January and 12 February is not printed as said on 7 January."""
    assert date_label("2022-01-07/2022-02-12", "range", None) == "7 January – 12 February 2022"


def test_value_label_and_safe_url():
    assert value_label(5000, "troops", False, "change") == "+5,000 troops"
    assert value_label(2.5, "percent", True, "level") == "~2.5 percent"
    assert value_label(14000, "lives", False, "level", "lower") == "more than 14,000 lives"
    assert safe_url("https://example.com/a b?q=\"x\"") == "https://example.com/a%20b?q=%22x%22"
    for bad in ("javascript:alert(1)", " JavaScript:alert(1)", "java\tscript:alert(1)", "data:text/html,x",
                "//example.com", "https:alert(1)", None, 42):
        assert safe_url(bad) is None, bad


def test_highlight_nests_overlapping_spans_and_escapes():
    assert highlight("abcdef", [(0, 4, "a"), (2, 6, "b")]) == (
        '<mark id="a">ab<mark id="b">cd</mark></mark><mark class="cont">ef</mark>')
    assert highlight("<b>x</b>", [(3, 4, "c1")]) == '&lt;b&gt;<mark id="c1">x</mark>&lt;/b&gt;'


def test_html_is_safe_and_self_contained(page):
    tags = Tags(page).tags
    names = {t for t, _ in tags}
    assert not names & {"script", "img", "iframe", "object", "embed", "link", "base", "form"}
    assert not [a for _, attrs in tags for a in attrs if a.startswith("on")]
    hrefs = [attrs["href"] for t, attrs in tags if "href" in attrs]
    assert hrefs and all(h.startswith("#") or h.startswith("https://") for h in hrefs)
    assert "<script>alert" not in page and "javascript:" not in page.lower()
    csp = [a["content"] for t, a in tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in csp[0] and "style-src 'unsafe-inline'" in csp[0]
    assert not [a for _, attrs in tags for a in attrs if a in ("src", "srcset", "action", "formaction")]
    css = page[page.index("<style>"):page.index("</style>")]
    assert "url(" not in css and "@import" not in css


def test_html_shows_every_citation_and_anchors_it(view, page):
    for c in view.citations:
        assert str(escape(c.evidence)) in page, c.evidence
        assert f'id="{c.anchor}"' in page and f'href="#{c.anchor}"' in page
    assert 'class="disputed"' in page
    assert page.count("<mark id=") == len(view.citations)


def test_markdown_quotes_evidence_and_is_inert(view):
    md = render_markdown(view)
    for c in view.citations:
        assert md_escape(c.evidence) in md
        assert f"[^{c.n}]: " in md
    assert not re.search(r"(?<!\\)<", md), "raw \"<\": HTML could reach the renderer"
    assert "](javascript" not in md
    assert "\\<script\\>alert\\(1\\)\\</script\\>" in md
    assert "[Biden warns Putin of 'strong' sanctions in two-hour video call](https://www.reuters.com/" in md
    assert "**disputed**; disagrees with C2" in md


def test_md_escape():
    assert md_escape("a*b_c [x](javascript:y) <i>\n#h | $x$") == (
        "a\\*b\\_c \\[x\\]\\(javascript:y\\) \\<i\\> \\#h \\| \\$x\\$")


def test_write_reports(tmp_path, data):
    write_reports(data, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html", "report.md"]
    assert (tmp_path / "report.html").read_text(encoding="utf-8") == render_html(build_view(data))
    assert re.search(r"^# Biden and Putin", (tmp_path / "report.md").read_text(encoding="utf-8"))
