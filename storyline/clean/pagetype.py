"""What kind of page an HTML page is: article, forum, product, collection, listing, documentation
or service.

The rules in `storyline.clean.html._page_type` read what a page declares (schema.org types,
og:type, URL patterns); most pages that are not articles declare nothing of the sort and were
called article or nothing. This module decides from the whole page read once
(`storyline.clean.html.read_page`): the rules' answer, the URL's shape and vocabulary, the title,
trafilatura's metadata and body, aggregates over the visible blocks (share of the words in links,
in each class/id vocabulary category, in prose; prices, dates, headings, repeated block shapes,
code, forms and buttons, calls to action, phone numbers, generic English cue phrases) and the
pronouns of the body (news reports "said" in the third person, service pages speak of "we" to
"you"). The raw HTML adds nothing: its schema.org types are already in the rules' answer (in
cross-validation a model that also read them and a few tag counts was no better).

The model is a standardised multinomial logistic regression fitted by
`benchmarks/train_page_type.py` on the WCXB dev pages and cross-validated by site; its
parameters are plain JSON next to this module (`pagetype.json`). A non-article answer costs a
news article its NLP stages, so the article class gets a bias (`article_bias`, added to its
logit) chosen in cross-validation for an article recall of 0.985 (0.98 wanted on unseen sites).

    from storyline.clean.html import read_page
    from storyline.clean.pagetype import classify
    page = read_page(html, url)
    kind = classify(page, url)          # falls back to page.meta["page_type"] without pagetype.json
"""
from __future__ import annotations

import json
import math
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np

from storyline.clean.htmlblocks import WORD
from storyline.clean.htmlmodel import DATE_LIKE, PAGE_TYPES, PRICE
from storyline.clean.normalize import SENTENCE_END

PARAMS = Path(__file__).with_name("pagetype.json")
# class/id vocabulary categories of `htmlblocks.CONTEXT_WORDS` (kept here so that a change there
# does not silently change the features: an unknown category is ignored)
CONTEXTS = ("nav", "footer", "side", "comment", "related", "share", "promo", "content", "meta",
            "product", "review", "cart", "forum", "card", "doc", "hidden")
BLOCK_TAGS = ("p", "li", "td", "pre", "h1", "h2", "h3", "h4", "button", "label", "option", "time",
              "figcaption", "blockquote", "dt")

URL_DATE = re.compile(r"/(?:19|20)\d\d/(?:[01]?\d/)?|[/-](?:19|20)\d\d[-/]?[01]\d[-/]?[0-3]\d")
URL_ID = re.compile(r"\d{5,}")

# URL path / title tokens by the kind of page they usually name (generic words, no site)
URL_WORDS = {
    "article": ("news", "article", "articles", "story", "stories", "blog", "blogs", "post", "posts",
                "opinion", "politics", "world", "business", "sport", "sports", "entertainment", "health",
                "science", "tech", "technology", "culture", "lifestyle", "magazine", "insights"),
    "forum": ("forum", "forums", "thread", "threads", "topic", "t", "discussion", "discussions",
              "community", "questions", "question", "q", "showthread", "viewtopic", "board", "boards",
              "r", "comments", "answers", "d"),
    "product": ("product", "products", "p", "dp", "item", "items", "buy", "sku", "gp", "pd", "ip"),
    "collection": ("collections", "collection", "category", "categories", "c", "catalog", "catalogue",
                   "department", "shop", "store", "all", "sale", "brands", "brand", "cat"),
    "listing": ("tag", "tags", "search", "archive", "archives", "page", "author", "authors", "topics",
                "section", "latest", "index", "list", "feed", "results", "events", "jobs"),
    "documentation": ("docs", "doc", "documentation", "manual", "reference", "api", "guide", "guides",
                      "wiki", "kb", "help", "support", "learn", "tutorial", "tutorials", "developer",
                      "developers", "library", "sdk", "en-us", "latest", "stable", "handbook", "howto",
                      "faq", "knowledge", "knowledgebase", "v1", "v2", "v3"),
    "service": ("about", "contact", "services", "service", "pricing", "plans", "company", "team",
                "careers", "solutions", "features", "privacy", "terms", "login", "signup", "locations",
                "location", "booking", "book", "appointment", "consultation", "quote", "legal",
                "who-we-are", "our-services", "treatments", "practice", "areas", "industries",
                "membership", "donate", "programs", "enterprise", "platform", "demo", "request"),
}
TITLE_WORDS = {
    "forum": ("forum", "forums", "thread", "reddit", "community", "discussion", "question", "answers",
              "help", "solved", "re"),
    "product": ("buy", "price", "sale", "shop", "review", "reviews", "online", "free", "shipping", "size",
                "pack", "set"),
    "collection": ("collection", "collections", "shop", "products", "category", "all", "men", "women",
                   "accessories", "sale"),
    "listing": ("archives", "archive", "category", "tag", "page", "posts", "news", "latest", "blog",
                "articles", "author", "results", "search", "topics"),
    "documentation": ("documentation", "docs", "api", "reference", "guide", "manual", "tutorial",
                      "function", "class", "module", "method", "install", "installation", "configuration",
                      "using", "introduction", "overview", "sdk", "library", "help", "center"),
    "service": ("services", "service", "contact", "about", "us", "pricing", "company", "solutions",
                "agency", "consulting", "professional", "home", "welcome", "official", "best", "near",
                "law", "clinic", "dental", "repair", "insurance", "team", "careers", "plans"),
}
# generic English cue phrases in the visible blocks, by kind
CUES = {
    "article": r"\b(?:min(?:ute)?s? read|published|updated|reporter|correspondent|editor|news|said|according to|share this|related (?:articles|stories|posts))\b",
    "forum": r"\b(?:reply|replies|quote|joined|posts?:|member|moderator|registered|thread|upvotes?|downvotes?|answered|asked|permalink|report|likes?|original poster|op|posted)\b",
    "product": r"\b(?:add to (?:cart|bag|basket|wishlist)|buy now|in stock|out of stock|sku|quantity|qty|free shipping|free delivery|specifications|size guide|write a review|customer reviews|ships|returns)\b",
    "collection": r"\b(?:sort by|filter|filters|showing \d|results|items|products|view all|shop all|price range|refine|compare|new arrivals|best sellers?)\b",
    "listing": r"\b(?:read more|continue reading|older posts|newer posts|next page|load more|view more|see more|page \d+ of|posted in|by\s+\w+|\d+ comments?)\b",
    "documentation": r"\b(?:parameters?|returns?|example|examples|installation|install|version|edit this page|table of contents|on this page|deprecated|syntax|arguments?|usage|configuration|prerequisites|was this (?:page|article) helpful|note)\b",
    "service": r"\b(?:contact us|get (?:a|your) (?:free )?(?:quote|estimate)|book (?:now|a|an|online)|schedule|call (?:us|now|today)|request|free consultation|learn more|get started|testimonials?|our (?:services|team|mission|clients)|why choose|years of experience|serving|appointment|sign up|pricing|per month|/mo)\b",
}
_CUES = {k: re.compile(v) for k, v in CUES.items()}   # matched on lower-cased text
# calls to action on short link / button blocks (service and product pages)
CTA = re.compile(r"\b(?:get started|contact|free trial|try (?:it )?free|demo|quote|estimate|sign ?up|book|call|"
                 r"schedule|apply|enroll|register|subscribe|buy|shop|order|learn more|download|request|join)\b", re.I)
PHONE = re.compile(r"(?:\+\d{1,3}[\s.-]?)?\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b")
# pronoun and reporting-verb groups, as shares of the body's words
PRONOUNS = {
    "we": ("we", "our", "us", "ours"),
    "you": ("you", "your", "yours"),
    "third": ("he", "she", "his", "her", "him", "they", "their"),
    "said": ("said", "says", "told", "according", "reported", "announced"),
    "i": ("i", "my", "me"),
}


def _url_parts(url: str | None) -> tuple[list[str], str, str, str]:
    """(path segments, last segment, query, host) of a URL."""
    try:
        parts = urlsplit(url or "")
    except ValueError:
        return [], "", "", ""
    segs = [s for s in parts.path.split("/") if s]
    return segs, (segs[-1] if segs else ""), parts.query, parts.netloc.lower()


def _share(n: float, d: float) -> float:
    return n / d if d else 0.0


def page_features(page, url: str | None = None) -> dict[str, float]:
    """The page-level features of one page read by `read_page`."""
    meta = page.meta or {}
    blocks = page.blocks or []
    f: dict[str, float] = {}
    rule = meta.get("page_type")
    for t in PAGE_TYPES:
        f["rule_" + t] = float(rule == t)
    f["rule_none"] = float(rule is None)

    # -- URL ------------------------------------------------------------------------------------
    url = url or meta.get("url")
    segs, last, query, host = _url_parts(url)
    tokens = [t for s in segs for t in re.split(r"[^a-z0-9]+", s.lower()) if t]
    seg_set = {s.lower() for s in segs} | set(tokens)
    last_words = [t for t in re.split(r"[^a-z0-9]+", re.sub(r"\.\w{2,5}$", "", last.lower())) if t]
    f["url_depth"] = float(min(len(segs), 8))
    f["url_home"] = float(not segs or (len(segs) == 1 and re.match(r"(index|home|default)\.\w+$", last.lower()) is not None)
                          or (len(segs) == 1 and len(last) <= 5 and re.fullmatch(r"[a-z]{2}(-[a-z]{2})?", last.lower()) is not None))
    f["url_dated"] = float(bool(URL_DATE.search(url or "")))
    f["url_id"] = float(bool(URL_ID.search("/".join(segs))))
    f["url_query"] = float(bool(query))
    f["url_html"] = float(bool(re.search(r"\.s?html?$", last.lower())))
    f["url_slash"] = float(bool(url and url.split("?")[0].endswith("/") and segs))
    f["url_last_words"] = math.log1p(len(last_words))
    f["url_slug"] = float(len(last_words) >= 4)
    f["url_sub_docs"] = float(bool(re.match(r"(docs?|developers?|help|support|learn|wiki|kb|api|community|forums?|discuss|shop|store)\.", host)))
    f["url_sub_news"] = float(bool(re.match(r"(news|blog|www\.news)\.", host)))
    for kind, words in URL_WORDS.items():
        ws = set(words)
        f["url_" + kind] = float(bool(seg_set & ws))
        f["urllast_" + kind] = float(bool(set(last_words[:3]) & ws) or last.lower() in ws)

    # -- title and metadata -----------------------------------------------------------------------
    title = meta.get("title") or ""
    title_words = [w.lower() for w in WORD.findall(title)]
    tset = set(title_words)
    f["title_words"] = math.log1p(len(title_words))
    f["title_pipe"] = float(bool(re.search(r"\s[|–—-]\s|::", title)))
    for kind, words in TITLE_WORDS.items():
        f["title_" + kind] = float(bool(tset & set(words)))
    f["meta_date"] = float(bool(meta.get("date")))
    f["meta_author"] = float(bool(meta.get("author")))
    f["meta_description"] = math.log1p(len(meta.get("description") or "")) / 6
    og = (meta.get("pagetype") or "").lower()
    f["og_article"] = float("article" in og or "blog" in og or "news" in og)
    f["og_website"] = float(og == "website")
    f["og_product"] = float("product" in og)
    f["og_none"] = float(not og)

    # -- blocks ---------------------------------------------------------------------------------
    n = len(blocks)
    words = [len(b.words) for b in blocks]
    total = sum(words) or 0
    f["blocks"] = math.log1p(n)
    f["words"] = math.log1p(total)
    link_words = sum(w * min(1.0, b.link_chars / max(1, len(b.text))) for b, w in zip(blocks, words))
    f["link_share"] = _share(link_words, total)
    f["link_blocks"] = _share(sum(b.link_chars >= 0.8 * len(b.text) for b in blocks), n)
    ctx_words = Counter()
    ctx_near = Counter()
    for b, w in zip(blocks, words):
        for c, d in b.contexts.items():
            ctx_words[c] += w
            if d <= 3:
                ctx_near[c] += 1
    for c in CONTEXTS:
        f["ctx_" + c] = _share(ctx_words[c], total)
        f["ctxn_" + c] = math.log1p(ctx_near[c]) / 5
    tag_counts = Counter(b.tag for b in blocks)
    for t in BLOCK_TAGS:
        f["tag_" + t] = math.log1p(tag_counts[t]) / 5
    in_tags = Counter(t for b in blocks for t in b.tags)
    for t in ("pre", "code", "form", "button", "table", "article", "main", "aside", "nav", "footer",
              "header", "time", "blockquote", "figure", "h2", "h3", "li", "dl"):
        f["in_" + t] = _share(in_tags[t], n)
    f["in_code_words"] = _share(sum(w for b, w in zip(blocks, words) if "code" in b.tags or "pre" in b.tags), total)
    prices = sum(bool(PRICE.search(b.text)) for b in blocks if len(b.text) < 200)
    dates = sum(bool(DATE_LIKE.search(b.text)) for b in blocks if len(b.text) < 200)
    f["prices"] = math.log1p(prices) / 3
    f["price_share"] = _share(prices, n)
    f["dates"] = math.log1p(dates) / 3
    f["date_share"] = _share(dates, n)
    prose = sum(w for b, w in zip(blocks, words) if w >= 25 and b.link_chars < 0.2 * len(b.text) and SENTENCE_END.search(b.text))
    f["prose_share"] = _share(prose, total)
    f["prose_words"] = math.log1p(prose)
    f["long_blocks"] = math.log1p(sum(w >= 40 for w in words)) / 3
    f["short_blocks"] = _share(sum(w <= 3 for w in words), n)
    f["mean_words"] = math.log1p(_share(total, n))
    heads = [i for i, b in enumerate(blocks) if b.tag in ("h2", "h3", "h4")]
    f["heads_per_kword"] = min(5.0, _share(len(heads) * 1000, total) / 10)
    head_links = sum(blocks[i].link_chars >= 0.5 * len(blocks[i].text) for i in heads)
    f["head_links"] = _share(head_links, len(heads))
    # repeated block shapes (teaser cards, product tiles, forum posts)
    sigs = Counter((b.tag, b.depth, tuple(sorted(b.contexts))) for b in blocks)
    top = sigs.most_common(3)
    f["sig_top"] = math.log1p(top[0][1]) / 5 if top else 0.0
    f["sig_repeated"] = _share(sum(c for c in sigs.values() if c >= 5), n)
    linked_sigs = Counter((b.tag, b.depth, tuple(sorted(b.contexts))) for b in blocks
                          if b.link_chars >= 0.8 * len(b.text) and len(b.text) >= 25)
    f["teasers"] = math.log1p(sum(c for c in linked_sigs.values() if c >= 4)) / 5
    f["repeat_texts"] = _share(sum(c - 1 for c in Counter(b.text for b in blocks if len(b.text) < 40).values() if c > 1), n)
    # cue phrases, counted once per block, in the blocks' text
    joined = "\n".join(b.text for b in blocks if len(b.text) < 400).lower() if blocks else ""
    for kind, rx in _CUES.items():
        f["cue_" + kind] = math.log1p(sum(1 for _ in rx.finditer(joined))) / 4
    f["h1_count"] = math.log1p(tag_counts["h1"])
    f["head_link_count"] = math.log1p(head_links) / 3
    short_ui = [b.text for b in blocks if len(b.text) <= 40 and (b.link_chars or b.tag in ("button", "label"))]
    f["cta"] = math.log1p(sum(bool(CTA.search(t)) for t in short_ui)) / 3
    f["phones"] = math.log1p(sum(bool(PHONE.search(b.text)) for b in blocks if len(b.text) < 200)) / 2
    f["title_short"] = float(0 < len(title_words) <= 3)
    first_part = re.split(r"\s[|–—-]\s|::", title)[0].strip().lower()
    f["title_plural"] = float(first_part.endswith("s") and not first_part.endswith(("ss", "us", "is")))
    f["title_question"] = float("?" in title)
    f["title_year"] = float(bool(re.search(r"\b20\d\d\b", title)))

    # -- trafilatura's body ----------------------------------------------------------------------
    text = page.text or ""
    lines = [ln for ln in text.split("\n") if ln.strip()]
    kept_words = len(WORD.findall(text))
    f["kept_words"] = math.log1p(kept_words)
    f["kept_share"] = min(1.5, _share(kept_words, total))
    f["kept_lines"] = math.log1p(len(lines))
    f["kept_prose"] = _share(sum(len(ln) for ln in lines if len(ln) > 80 and SENTENCE_END.search(ln)), len(text))
    f["kept_mean_line"] = math.log1p(_share(len(text), len(lines)))
    f["kept_empty"] = float(kept_words < 30)
    body = [w.lower() for w in WORD.findall(text if kept_words >= 30 else " ".join(b.text for b in blocks))]
    counts = Counter(body)
    for g, ws in PRONOUNS.items():
        f["pron_" + g] = min(0.2, _share(sum(counts[w] for w in ws), len(body))) * 10
    f["body_digits"] = _share(sum(c.isdigit() for c in text), len(text))
    return f


class Model:
    """Multinomial logistic regression from JSON: softmax(W · (x - mean) / scale + b)."""

    def __init__(self, params: dict):
        self.names = params["features"]
        self.classes = params["classes"]
        self.mean = np.array(params["mean"], dtype=float)
        self.scale = np.array(params["scale"], dtype=float)
        self.coef = np.array(params["coef"], dtype=float)        # classes x features
        self.intercept = np.array(params["intercept"], dtype=float)
        self.bias = np.zeros(len(self.classes))
        self.bias[self.classes.index("article")] = float(params.get("article_bias", 0.0))

    def logits(self, f: dict[str, float]) -> np.ndarray:
        x = np.fromiter((f.get(k, 0.0) for k in self.names), float, len(self.names))
        return self.coef @ ((x - self.mean) / self.scale) + self.intercept + self.bias

    def proba(self, f: dict[str, float]) -> dict[str, float]:
        z = self.logits(f)
        p = np.exp(z - z.max())
        p /= p.sum()
        return dict(zip(self.classes, p.tolist()))

    def predict(self, f: dict[str, float]) -> str:
        return self.classes[int(np.argmax(self.logits(f)))]


@lru_cache(maxsize=1)
def load() -> Model | None:
    """The shipped model, or None when its parameters are missing or unreadable."""
    if not PARAMS.exists():
        return None
    try:
        return Model(json.loads(PARAMS.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError):
        return None


def probabilities(page, url: str | None = None) -> dict[str, float] | None:
    """Each page type's probability (article bias included), or None without a model."""
    model = load()
    return model.proba(page_features(page, url)) if model else None


def classify(page, url: str | None = None) -> str | None:
    """The page's type; the rules' answer (`page.meta["page_type"]`) when no model is shipped."""
    model = load()
    if model is None:
        return (page.meta or {}).get("page_type")
    return model.predict(page_features(page, url))
