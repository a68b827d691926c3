"""Page type: the learned classifier on small synthetic pages (a news article, a product page,
a forum thread, a listing of teasers), its shipped JSON parameters, and the fallback to the rules'
answer when the parameters are missing."""
import json
import re

import pytest

from storyline.clean import pagetype
from storyline.clean.html import read_page

PROSE = [
    "The city council approved a new budget on Tuesday after a long debate about spending on schools and roads.",
    "Mayor Jane Smith said the plan would raise funding for public transport by ten percent over the next two years.",
    "Opponents argued that the increase was not enough to cover the cost of repairs that had been delayed for a decade.",
    "According to the finance department, the city expects revenue to grow slowly as new businesses open downtown.",
    "Council member Tom Brown told reporters he had voted against the budget because it cut library opening hours.",
    "The budget will take effect in July, and a public hearing on the transport plan is scheduled for next month.",
    "Residents who spoke at the meeting said they were worried about rising rents and the closure of a local clinic.",
    "Officials said a separate vote on the housing programme would follow in the autumn, once a review was complete.",
]

NEWS_URL = "https://www.dailynews.example/2024/05/14/city-council-approves-new-budget-after-long-debate/"
NEWS = f"""<html><head><title>City council approves new budget after long debate | Daily News</title>
<meta property="og:type" content="article">
<meta property="article:published_time" content="2024-05-14T10:00:00Z">
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle",
"headline":"City council approves new budget after long debate","datePublished":"2024-05-14T10:00:00Z",
"author":{{"@type":"Person","name":"Maria Lopez"}}}}</script></head><body>
<nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<article class="story"><h1>City council approves new budget after long debate</h1>
<p class="byline">By Maria Lopez</p><time datetime="2024-05-14">May 14, 2024</time>
<div class="article-body">{''.join(f'<p>{p}</p>' for p in PROSE)}</div></article>
<footer class="footer"><p>© 2024 Daily News</p></footer></body></html>"""

PRODUCT_URL = "https://shop.example/products/blue-ceramic-coffee-mug-350ml"
PRODUCT = """<html><head><title>Blue Ceramic Coffee Mug 350 ml | Example Shop</title>
<meta property="og:type" content="product">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"Product","name":"Blue Ceramic Coffee Mug",
"sku":"MUG-350-BL","offers":{"@type":"Offer","price":"14.99","priceCurrency":"USD","availability":"InStock"},
"aggregateRating":{"@type":"AggregateRating","ratingValue":"4.6","reviewCount":"87"}}</script></head><body>
<nav class="breadcrumb"><a href="/">Home</a> / <a href="/collections/mugs">Mugs</a></nav>
<div class="product-detail"><h1 class="product-title">Blue Ceramic Coffee Mug 350 ml</h1>
<div class="product-price"><span class="price">$14.99</span> <s class="price">$19.99</s></div>
<div class="rating-stars">4.6 out of 5 (87 reviews)</div>
<p class="stock">In stock - ships in 1-2 business days</p>
<form class="add-to-cart-form" action="/cart/add"><label for="qty">Quantity</label><input id="qty" name="quantity" value="1">
<select name="color"><option>Blue</option><option>Green</option></select>
<button class="add-to-cart btn">Add to cart</button><button class="wishlist">Add to wishlist</button></form>
<div class="product-description"><h2>Description</h2><p>A hand-glazed ceramic mug that holds 350 ml. Dishwasher and microwave safe.</p>
<h2>Specifications</h2><ul class="specs"><li>Capacity: 350 ml</li><li>Material: stoneware</li><li>Weight: 320 g</li></ul></div>
<div class="reviews"><h2>Customer reviews</h2><div class="review"><p class="review-author">Anna K.</p><p>Lovely colour, keeps coffee warm.</p></div>
<div class="review"><p class="review-author">Mark T.</p><p>Great mug, arrived quickly.</p></div></div>
<div class="related-products"><h2>You may also like</h2><ul>
<li class="product-card"><a href="/products/green-mug">Green Ceramic Mug</a><span class="price">$14.99</span></li>
<li class="product-card"><a href="/products/red-mug">Red Ceramic Mug</a><span class="price">$14.99</span></li>
<li class="product-card"><a href="/products/tea-cup">Tea Cup Set</a><span class="price">$24.99</span></li></ul></div>
<p class="shipping">Free shipping on orders over $50. 30-day returns.</p></div></body></html>"""

FORUM_URL = "https://community.example.org/forums/threads/laptop-wont-boot-after-update.48213/"
POSTS = [
    ("techguy42", "Mar 3, 2024", "After the latest update my laptop won't boot. It shows a black screen with a blinking cursor. Any ideas?"),
    ("helper_dan", "Mar 3, 2024", "Try booting into safe mode by holding F8. If that works, roll back the display driver."),
    ("techguy42", "Mar 4, 2024", "Safe mode works! Rolled back the driver and it boots again. Thanks a lot."),
    ("moderator_kim", "Mar 4, 2024", "Glad it is solved. Marking this thread as resolved."),
    ("lisa_r", "Mar 5, 2024", "Had the same problem last week, the driver rollback fixed it for me too."),
]
FORUM = f"""<html><head><title>Laptop won't boot after update | Example Community Forums</title></head><body>
<nav class="navbar"><a href="/">Home</a><a href="/forums">Forums</a><a href="/members">Members</a></nav>
<div class="thread"><h1 class="thread-title">Laptop won't boot after update</h1>
{''.join(f'''<div class="message post" id="post-{i}"><div class="message-user"><a class="username" href="/members/{u}">{u}</a>
<span class="user-title">Member</span><span class="joined">Joined: Jan 2020</span><span class="user-posts">Posts: 1{i}3</span></div>
<div class="message-content"><time>{d}</time><div class="postbody"><p>{t}</p></div></div>
<div class="message-actions"><a href="#">Reply</a> <a href="#">Quote</a> <a href="#">Like</a> <a href="#">Report</a></div></div>'''
for i, (u, d, t) in enumerate(POSTS))}
<form class="reply-form"><textarea name="message"></textarea><button>Post reply</button></form></div></body></html>"""

LISTING_URL = "https://www.dailynews.example/category/politics/page/2/"
TEASERS = [
    ("Senate passes infrastructure bill", "Lawmakers approved the spending package late on Thursday."),
    ("Governor announces re-election bid", "The governor will seek a third term, her campaign said."),
    ("New poll shows tight race", "The latest survey puts the two candidates within two points."),
    ("City council approves new budget", "The plan raises funding for public transport by ten percent."),
    ("Election officials prepare for turnout", "Officials expect record numbers at polling stations."),
    ("Court rules on voting map", "The state supreme court struck down the map drawn last year."),
    ("Mayor unveils housing plan", "The programme would build 5,000 affordable homes by 2030."),
    ("Opposition calls for inquiry", "Party leaders demanded an independent investigation."),
]
LISTING = f"""<html><head><title>Politics Archives - Page 2 of 40 | Daily News</title>
<meta property="og:type" content="website"></head><body>
<nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/category/politics/">Politics</a></li></ul></nav>
<main><h1 class="archive-title">Category: Politics</h1><div class="post-list">
{''.join(f'''<article class="card post-card"><h2 class="entry-title"><a href="/2024/05/{10 + i}/{h.lower().replace(' ', '-')}/">{h}</a></h2>
<div class="entry-meta"><span class="author">By <a href="/author/staff/">Staff Writer</a></span> <time>May {10 + i}, 2024</time></div>
<p class="excerpt">{e}</p><a class="read-more" href="/2024/05/{10 + i}/{h.lower().replace(' ', '-')}/">Read more</a></article>'''
for i, (h, e) in enumerate(TEASERS))}
</div><nav class="pagination"><a href="/category/politics/">« Newer posts</a> <a href="/category/politics/page/3/">Older posts »</a></nav></main>
<footer class="footer"><p>© 2024 Daily News</p></footer></body></html>"""

CASES = [("article", NEWS, NEWS_URL), ("product", PRODUCT, PRODUCT_URL), ("forum", FORUM, FORUM_URL),
         ("listing", LISTING, LISTING_URL)]


@pytest.fixture(autouse=True)
def _fresh_model():
    pagetype.load.cache_clear()
    yield
    pagetype.load.cache_clear()


def test_params_are_shipped_as_plain_json():
    params = json.loads(pagetype.PARAMS.read_text(encoding="utf-8"))
    assert set(params["classes"]) == set(pagetype.PAGE_TYPES)
    assert len(params["coef"]) == len(params["classes"]) == len(params["intercept"])
    assert all(len(row) == len(params["features"]) == len(params["mean"]) for row in params["coef"])
    assert params["article_bias"] >= 0
    assert pagetype.load() is not None


@pytest.mark.parametrize("expected,html,url", CASES, ids=[c[0] for c in CASES])
def test_classify(expected, html, url):
    page = read_page(html, url)
    assert pagetype.classify(page, url) == expected


def test_features_and_probabilities():
    page = read_page(NEWS, NEWS_URL)
    f = pagetype.page_features(page, NEWS_URL)
    assert f["rule_article"] == 1.0 and f["url_dated"] == 1.0 and f["pron_said"] > 0
    assert set(f) == set(pagetype.load().names)
    assert all(isinstance(v, float) for v in f.values())
    p = pagetype.probabilities(page, NEWS_URL)
    assert abs(sum(p.values()) - 1) < 1e-9 and max(p, key=p.get) == "article"


def test_a_news_article_without_declarations_stays_an_article():
    """No schema.org, no og:type, no date in the URL: the prose alone keeps it an article."""
    html = "<html><head><title>Council approves budget</title></head><body>" + "".join(
        f"<p>{p}</p>" for p in PROSE) + "</body></html>"
    url = "https://local.example/council-approves-budget"
    page = read_page(html, url)
    assert page.meta.get("page_type") is None
    assert pagetype.classify(page, url) == "article"


def test_empty_page_never_raises():
    page = read_page("<html><body></body></html>", None)
    assert pagetype.classify(page, None) in pagetype.PAGE_TYPES
    assert pagetype.classify(page) in pagetype.PAGE_TYPES


def test_falls_back_to_the_rules_without_params(monkeypatch, tmp_path):
    monkeypatch.setattr(pagetype, "PARAMS", tmp_path / "missing.json")
    pagetype.load.cache_clear()
    assert pagetype.load() is None
    for _, html, url in CASES:
        page = read_page(html, url)
        assert pagetype.classify(page, url) == page.meta.get("page_type")
        assert pagetype.probabilities(page, url) is None
    page = read_page(LISTING, "https://example.org/somewhere")
    assert pagetype.classify(page) == page.meta.get("page_type")
    (tmp_path / "missing.json").write_text("{not json", encoding="utf-8")
    pagetype.load.cache_clear()
    assert pagetype.load() is None
    assert pagetype.classify(page) == page.meta.get("page_type")


def _undeclared(html: str) -> str:
    return re.sub(r'<script type="application/ld\+json">.*?</script>|<meta property="og:type"[^>]*>', "", html, flags=re.S)


@pytest.mark.parametrize("expected,html,url", [
    ("product", PRODUCT, "https://x.example/blue-ceramic-coffee-mug"),
    ("forum", FORUM, "https://x.example/laptop-wont-boot"),
    ("listing", LISTING, "https://x.example/politics/"),
], ids=["product", "forum", "listing"])
def test_undeclared_pages_are_told_by_their_content(expected, html, url):
    """Without schema.org, og:type or a telling URL the rules say nothing; the page's shape decides."""
    html = _undeclared(html)
    page = read_page(html, url)
    assert page.meta.get("page_type") is None
    assert pagetype.classify(page, url) == expected
