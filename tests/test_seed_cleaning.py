"""Cleaning the real seed text dumps: page furniture out, every real paragraph in."""
import pytest

from conftest import SEEDS
from storyline.clean import clean
from storyline.model import RawItem

JUNK = ["Oops!", "Something went wrong", "Read More", "Spread the love", "Like it? Share", "News code",
        "endNewsMessage1", "Leave a Reply", "Post author", "Post category", "Read the original article",
        "Next Post", "Blinken Says U.S. Has a", "GOP Rep Thomas Massie", "US drugstores squeezed", "Comments",
        "American Age Official", "AP Photo"]
KEEP = {"000": ["roughly 130,000", "Joe Biden will speak to Vladimir Putin by phone on Saturday."],
        "001": ["about 94,300 Russian troops have amassed", "I don’t accept anybody’s red lines."],
        "002": ["lasted from 4.04pm", "Any American in Ukraine should leave"],
        "003": ["about 70,000 troops", "I don’t accept anyone’s red line,"],
        "004": ["The call lasted 50 minutes", "The Associated Press contributed to this report."]}


@pytest.mark.parametrize("prefix", sorted(KEEP))
def test_seed_dump_is_cleaned(prefix):
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    doc = clean(RawItem(str(path), path.read_text(encoding="utf-8"), "text"))
    for junk in JUNK:
        assert junk not in doc.text
    for real in KEEP[prefix]:
        assert real in doc.text
    assert doc.text.count("In this image provided by The White House") <= 1
    assert "\u00a0" not in doc.text and doc.title and doc.removed


def test_html_page_metadata():
    html = ("<html><head><title>Talks end</title><meta name='author' content='Ann Writer'>"
            "<meta property='article:published_time' content='2021-12-07T10:00:00Z'></head><body>"
            "<nav>Home | World | Share</nav><article><h1>Talks end</h1>"
            + "".join(f"<p>Paragraph {i} of the article says the leaders met for two hours in Geneva on Tuesday.</p>" for i in range(6))
            + "</article><script>alert(1)</script></body></html>")
    doc = clean(RawItem("page.html", html, "html"))
    assert doc.published == "2021-12-07" and doc.published_from == "metadata"
    assert "Paragraph 5" in doc.text and "alert" not in doc.text and "Home | World" not in doc.text
