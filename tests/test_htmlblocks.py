"""The HTML page as text blocks with their markup context, and the learned block classifier."""
import numpy as np
from lxml import html as lxml_html

from storyline.clean import htmlmodel
from storyline.clean.htmlblocks import page_blocks

PAGE = """<html><head><title>Talks end</title><script>var x = "<p>not text</p>";</script></head><body>
<nav class="main-menu"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<div class="article-body"><h1>Talks end</h1>
<p>The talks in Geneva ended on Tuesday <a href="/geneva">without agreement</a>, officials said.<script>bad()</script> More later.</p>
<!-- an ad slot -->Between paragraphs.
<div hidden id="S:0"><p>Streamed content a script reveals.</p></div>
<ul class="related-stories"><li><a href="/a">Another story</a></li></ul>
</div><footer class="site-footer">(c) 2021 Example News</footer></body></html>"""


def _blocks():
    return page_blocks(lxml_html.document_fromstring(PAGE))


def test_blocks_are_the_visible_text_in_order():
    texts = [b.text for b in _blocks()]
    assert texts == ["Home", "News", "Talks end",
                     "The talks in Geneva ended on Tuesday without agreement, officials said. More later.",
                     "Between paragraphs.", "Streamed content a script reveals.", "Another story",
                     "(c) 2021 Example News"]


def test_blocks_keep_their_markup_context():
    by_text = {b.text: b for b in _blocks()}
    assert by_text["Home"].tag == "li" and "nav" in by_text["Home"].tags and by_text["Home"].link_chars == 4
    assert "nav" in by_text["Home"].contexts
    para = by_text["The talks in Geneva ended on Tuesday without agreement, officials said. More later."]
    assert para.tag == "p" and para.link_chars == len("without agreement") and "content" in para.contexts
    assert "hidden" in by_text["Streamed content a script reveals."].contexts   # kept, and marked
    assert "related" in by_text["Another story"].contexts
    assert by_text["(c) 2021 Example News"].contexts.get("footer") == 1


def test_blocks_of_a_page_without_body_or_text():
    assert page_blocks(lxml_html.document_fromstring("<html><body></body></html>")) == []


def test_coverage_aligns_the_extracted_text_with_the_page_in_order():
    tokens = [["news"], ["the", "talks", "in", "geneva", "ended"], ["news"], ["the", "talks", "in", "geneva"]]
    # the menu's "News" comes before the text's first line; the teaser repeating the lead comes after it
    assert htmlmodel.coverage(tokens, "The talks in Geneva ended.\nNews") == [0.0, 1.0, 1.0, 0.0]
    assert htmlmodel.coverage(tokens, "") == [0.0] * 4


def test_features_have_one_row_per_block_and_stable_names():
    blocks = _blocks()
    names, X = htmlmodel.features(blocks, "The talks in Geneva ended on Tuesday without agreement, officials said.",
                                  "Talks end", "article", "https://example.org/2021/12/07/talks")
    assert X.shape == (len(blocks), len(names)) and np.isfinite(X).all()
    names2, _ = htmlmodel.features(blocks[:2], "", "", None, None)
    assert names2 == names
    kept = X[:, names.index("kept")]
    assert kept[3] > 0.8 and kept[0] == 0.0   # "More later." is not in the text


def test_tree_ensemble_evaluates_like_its_trees():
    # one stump on feature 0 (x <= 0.5 -> -2 else +2) and one leaf of +1
    params = {"features": ["a", "kept"], "baseline": 0.0, "remove_below": 0.5, "add_above": 0.9, "max_depth": 2,
              "trees": [[[0, 0.5, 1, 2, 0, 0.0], [0, 0, 0, 0, 1, -2.0], [0, 0, 0, 0, 1, 2.0]], [[0, 0, 0, 0, 1, 1.0]]]}
    model = htmlmodel.TreeEnsemble(params)
    X = np.array([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    p = model.proba(["a", "kept"], X)
    assert np.allclose(p, 1 / (1 + np.exp(-np.array([-1.0, 3.0, 3.0]))))
    # kept by the extractor and P 0.27 < 0.5: removed; dropped but P 0.95 > 0.9: added
    assert model.keep(["a", "kept"], X).tolist() == [False, True, True]
