"""An HTML page as a sequence of text blocks, each with the markup context it sits in.

A block is the text between two block-level tag boundaries (a paragraph, a list item, a heading,
a table cell, a link standing alone in a menu). Each block keeps what a learned classifier needs
and a text extractor throws away: the tags and the class/id/role vocabulary of its ancestors
("nav", "comment", "related", "price"...), how much of its text sits inside links, its depth and
position. Scripts, styles and templates make no block. Elements marked hidden (`hidden`,
`display:none`, `<noscript>`) do, with the mark as context: pages streamed by React hide their
whole content until a script reveals it, and forum software serves its posts inside <noscript>.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

BLOCK_TAGS = frozenset({
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
    "header", "footer", "nav", "aside", "blockquote", "pre", "table", "tr", "td", "th", "dd", "dt",
    "dl", "figure", "figcaption", "form", "main", "hr", "address", "details", "summary", "caption",
    "button", "label", "select", "option", "textarea", "fieldset", "legend", "body", "time", "noscript",
})
SKIP_TAGS = frozenset({"script", "style", "template", "svg", "head", "iframe", "object",
                       "embed", "canvas", "map", "math", "input", "img", "picture", "video", "audio"})
# tags whose presence among a block's ancestors is a feature
CONTEXT_TAGS = ("a", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "nav", "header", "footer",
                "aside", "form", "main", "article", "section", "blockquote", "pre", "code", "figure",
                "figcaption", "button", "label", "time", "strong", "table", "dl", "ul", "ol", "p")
# class / id / role / itemprop vocabulary, by what it usually marks
CONTEXT_WORDS = {
    "nav": ("nav", "menu", "navbar", "navigation", "breadcrumb", "breadcrumbs", "topbar", "masthead",
            "header", "toolbar", "tabs", "pagination", "pager", "skip"),
    "footer": ("footer", "copyright", "legal", "bottom", "colophon"),
    "side": ("sidebar", "aside", "widget", "rail", "secondary", "side"),
    "comment": ("comment", "comments", "disqus", "respond", "discussion"),
    "related": ("related", "recommended", "recommend", "trending", "popular", "more", "readmore",
                "also", "next", "prev", "previous", "outbrain", "taboola", "teaser", "latest"),
    "share": ("share", "social", "sharing", "follow", "facebook", "twitter", "print", "email"),
    "promo": ("ad", "ads", "advert", "advertisement", "sponsor", "sponsored", "promo", "banner",
              "newsletter", "subscribe", "signup", "cookie", "consent", "modal", "popup", "gdpr", "paywall"),
    "content": ("content", "article", "post", "entry", "story", "body", "text", "main", "prose",
                "richtext", "rte", "markdown", "articlebody", "blog"),
    "meta": ("byline", "author", "date", "time", "meta", "published", "dateline", "tag", "tags", "category"),
    "product": ("product", "price", "description", "detail", "details", "spec", "specs", "specification",
                "features", "overview", "summary", "sku", "variant", "offer"),
    "review": ("review", "reviews", "rating", "ratings", "stars", "testimonial"),
    "cart": ("cart", "buy", "checkout", "basket", "wishlist", "add", "quantity", "qty", "shipping"),
    "forum": ("thread", "message", "topic", "reply", "replies", "username", "user", "postbody", "quote",
              "answer", "question", "accepted", "vote", "votes", "cooked"),
    "card": ("card", "item", "grid", "list", "tile", "excerpt", "listing", "results", "result", "feed",
             "collection", "archive", "loop", "river"),
    "doc": ("doc", "docs", "documentation", "api", "reference", "toc", "highlight", "syntax", "code",
            "signature", "parameters", "example"),
    "hidden": ("hidden", "sr", "visually", "screen", "offscreen", "invisible", "collapse", "dropdown"),
}
CONTEXTS = tuple(CONTEXT_WORDS)
_WORD_CONTEXT = {w: c for c, words in CONTEXT_WORDS.items() for w in words}
_ATTR_WORD = re.compile(r"[a-z]+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_SPACE = re.compile(r"\s+")
WORD = re.compile(r"\w+", re.UNICODE)
MAX_BLOCKS = 5000   # a page stops being read here (WCXB dev pages: median 230 blocks, at most 2,681)


@dataclass
class HtmlBlock:
    text: str
    tag: str                       # the innermost block-level element
    depth: int
    link_chars: int = 0
    tags: frozenset = frozenset()  # CONTEXT_TAGS among the ancestors (and the block's own)
    contexts: dict = field(default_factory=dict)  # CONTEXTS -> nearest ancestor distance (1 = own element)
    path: tuple = ()               # the numbers of its ancestor elements, outermost first

    @cached_property
    def words(self) -> list[str]:
        """Its words, lower-cased (read by both the block and the page classifiers)."""
        return [w.lower() for w in WORD.findall(self.text)]


def _contexts_of(el) -> frozenset:
    words = " ".join(filter(None, (el.get("class"), el.get("id"), el.get("role"), el.get("itemprop"),
                                   el.get("data-testid"))))
    found = {"hidden"} if el.tag == "noscript" or _hidden(el) else set()
    if not words:
        return frozenset(found)
    for w in _ATTR_WORD.findall(words.lower()):
        c = _WORD_CONTEXT.get(w)
        if c:
            found.add(c)
    return frozenset(found)


def _hidden(el) -> bool:
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    style = el.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


def page_blocks(tree) -> list[HtmlBlock]:
    """The visible text blocks of a parsed page (lxml tree), in document order."""
    body = tree.find(".//body") if tree is not None else None
    if body is None:
        body = tree
    if body is None:
        return []
    blocks: list[HtmlBlock] = []
    parts: list[str] = []
    state = {"link": 0}

    def _add(text: str, links: int):
        parts.append(text)
        if links:
            state["link"] += len(text.strip())

    stack: list[tuple[str, frozenset, int]] = []   # (tag, contexts, number) of the open elements
    counter = 0                                    # elements numbered in document order

    def flush():
        text = _SPACE.sub(" ", "".join(parts)).strip()
        parts.clear()
        link = state["link"]
        state["link"] = 0
        if not text or len(blocks) >= MAX_BLOCKS:
            return
        tags, contexts, tag = set(), {}, "body"
        for distance, (t, ctx, _) in enumerate(reversed(stack), start=1):
            if t in BLOCK_TAGS and tag == "body":
                tag = t
            tags.add(t)
            for c in ctx:
                contexts.setdefault(c, distance)
        blocks.append(HtmlBlock(text, tag, len(stack), min(link, len(text)),
                                frozenset(t for t in CONTEXT_TAGS if t in tags), contexts,
                                tuple(number for _, _, number in stack)))

    from lxml import etree
    walker = etree.iterwalk(body, events=("start", "end", "comment", "pi"))
    links = 0        # open <a> elements
    skipping = None  # the invisible element being skipped
    for event, el in walker:
        if len(blocks) >= MAX_BLOCKS:
            break
        tag = el.tag.lower() if isinstance(el.tag, str) else None
        if event in ("comment", "pi"):
            if el.tail:
                _add(el.tail, links)
            continue
        if event == "start":
            if tag in SKIP_TAGS:   # never a block tag: nothing to flush
                skipping = el
                walker.skip_subtree()
                continue
            if tag in BLOCK_TAGS:
                flush()
            counter += 1
            stack.append((tag, _contexts_of(el), counter))
            if tag == "a":
                links += 1
            if el.text:
                _add(el.text, links)
            continue
        if el is skipping:
            skipping = None
        else:
            if tag in BLOCK_TAGS:
                flush()
            stack.pop()
            if tag == "a":
                links -= 1
        if el.tail and el is not body:
            _add(el.tail, links)
    flush()
    return blocks
