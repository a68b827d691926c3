"""Article body and metadata from an HTML page.

The page is parsed once (`read_page`): trafilatura's metadata, the page's visible text blocks with
their markup context (`htmlblocks`) and trafilatura's body text. A learned block classifier
(`htmlmodel`) checks that text block by block: it removes boilerplate trafilatura kept and adds
content it dropped (a listing's teasers, a product's feature list, forum posts' authors and
dates). A learned page classifier (`pagetype`) says what kind of page it is; `pubdate` finds the
publication date (metadata, then a search of the page when it may be an article). When no body is
found, the page is flattened with lxml and handed to the text-dump cleaner.
"""
from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass, field

from storyline.clean import htmlmodel, pagetype
from storyline.clean.htmlblocks import page_blocks
from storyline.clean.normalize import SENTENCE_END, normalise_lines, normalise_line
from storyline.clean.pubdate import metadata_date, searched_date
from storyline.model import Removed

log = logging.getLogger(__name__)

MAX_HTML_CHARS = 20_000_000   # lxml and trafilatura are linear but not free: bigger pages are cut

# og:type / schema.org type -> the contract's page types
_OG_TYPES = {
    "article": "article", "blog": "article", "blogposting": "article", "newsarticle": "article",
    "news": "article", "reportagenewsarticle": "article", "report": "article",
    "product": "product", "product.item": "product", "og:product": "product", "book": "product",
    "profile": "service", "discussionforumposting": "forum", "qapage": "forum",
    "techarticle": "documentation", "collectionpage": "collection", "itemlist": "listing",
}
_URL_TYPES = [
    (re.compile(r"/(forums?|threads?|topics?|discussions?|community|t)/|showthread|viewtopic", re.I), "forum"),
    (re.compile(r"/(products?|shop|store|item|p|dp)/", re.I), "product"),
    (re.compile(r"/(docs?|documentation|manual|reference|api|guide)s?/|readthedocs", re.I), "documentation"),
    (re.compile(r"/(collections?)/", re.I), "collection"),
    (re.compile(r"/(category|categories|tags?|search|archives?|page/\d+)(/|$|\?)", re.I), "listing"),
]


# page types on which an author and an extensive date search are worth their cost: a news
# article with a comment thread declares schema.org Comment and is typed a forum
MAY_BE_ARTICLE = (None, "article", "forum")
# ...and a page typed otherwise that has this much running prose (paragraphs of sentences) is
# searched anyway: a news article behind a feed-proxy URL can declare its home page's CollectionPage
ARTICLE_PROSE = 1000


def _prose_chars(paragraphs: list[str]) -> int:
    return sum(len(p) for p in paragraphs if len(p) > 80 and SENTENCE_END.search(p))


@dataclass
class HtmlResult:
    paragraphs: list[str]
    title: str = ""
    author: str | None = None
    site: str | None = None
    url: str | None = None
    published: str | None = None
    page_type: str | None = None
    removed: list[Removed] = field(default_factory=list)
    fallback: bool = False


@dataclass
class Page:
    """One page read once: its metadata, its visible blocks and trafilatura's body text."""
    meta: dict
    blocks: list
    text: str


def read_page(html: str, url: str | None = None) -> Page:
    """Parse the page once and read everything the extractor decides from; never raises.

    The metadata (`_metadata`, trafilatura's own steps without the categories, tags and licence
    it would also look for) and the blocks are read before trafilatura's body extraction, which
    prunes the tree it is given."""
    html = html[:MAX_HTML_CHARS]
    meta, blocks, text = {}, [], ""
    try:
        import trafilatura
        from trafilatura.utils import load_html
        tree = load_html(html)
        if tree is not None:
            meta = _metadata(tree, url, schema_types(html))
            blocks = page_blocks(tree)
            # trafilatura's balanced default: on the dev pages it beat favor_precision=True
            # (token F1 0.966 vs 0.961 on Scrapinghub pages, 0.937 vs 0.926 on 300 WCXB articles)
            doc = trafilatura.bare_extraction(
                tree, url=url, with_metadata=False, favor_precision=False, include_comments=False,
                include_tables=True, deduplicate=False)
            text = (doc.text if doc is not None else "") or ""
    except Exception as exc:  # trafilatura on hostile markup: fall back rather than fail
        log.debug("trafilatura failed on %s: %s", url, exc)
    if not meta:
        meta = {"page_type": _page_type(None, url, schema_types(html))}
    return Page(meta, blocks, text)


def extract_html(html: str, url: str | None = None) -> HtmlResult:
    """Body paragraphs and metadata of one page; never raises on bad markup."""
    page = read_page(html, url)
    meta = page.meta
    result = HtmlResult(
        paragraphs=_paragraphs(page, url),
        title=normalise_line(meta.get("title") or ""),
        author=normalise_line(meta.get("author") or "") or None,
        site=normalise_line(meta.get("sitename") or "") or None,
        url=meta.get("url") or url,
        published=meta.get("date") or None,
        page_type=pagetype.classify(page, url),
    )
    # htmldate's extensive search reads every date-like string of the page: worth it on an
    # article (or a page that does not say what it is), not on a product, collection or listing,
    # where a date found that way is mostly wrong (WCXB: such pages rarely carry one)
    if not result.published and (result.page_type in MAY_BE_ARTICLE or _prose_chars(result.paragraphs) >= ARTICLE_PROSE):
        result.published = searched_date(html, url)
    if not result.paragraphs:
        _fallback(html[:MAX_HTML_CHARS], result)
    return result


def _lines(text: str) -> list[str]:
    return [p for p in (normalise_line(line) for line in normalise_lines(text).split("\n")) if p]


def _paragraphs(page: Page, url: str | None) -> list[str]:
    """The body: trafilatura's text, checked block by block by the learned model (`htmlmodel`)."""
    return _lines(htmlmodel.body(page.blocks, page.text, page.meta.get("title") or "",
                                 page.meta.get("page_type"), url))


def _metadata(tree, url: str | None, types: Counter) -> dict:
    """trafilatura's `extract_metadata` on a parsed tree, less what storyline does not use
    (categories, tags, licence: a quarter of its time), with the author found without copying
    the whole tree and only on pages that may be articles (its XPaths cost as much as the rest of
    the metadata); plus `page_type`."""
    from trafilatura.metadata import (META_URL, examine_meta, extract_domain, extract_meta_json,
                                      extract_sitename, extract_title, extract_url)
    metadata = examine_meta(tree)
    if metadata.author and " " not in metadata.author:
        metadata.author = None
    try:
        metadata = extract_meta_json(tree, metadata)
    except Exception as exc:  # bugs in trafilatura's json_metadata.py
        log.debug("JSON metadata failed: %s", exc)
    if not metadata.title:
        metadata.title = extract_title(tree)
    if not metadata.url:
        metadata.url = extract_url(tree, url)
    kind = _page_type(metadata.pagetype, metadata.url or url, types)
    if not metadata.author and kind in MAY_BE_ARTICLE:
        metadata.author = _author(tree)
    if metadata.url:
        metadata.hostname = extract_domain(metadata.url, fast=True)
    metadata.date = metadata_date(tree, metadata.url)
    if not metadata.sitename:
        metadata.sitename = extract_sitename(tree)
    if metadata.sitename:
        metadata.sitename = metadata.sitename.lstrip("@")
        if metadata.sitename and "." not in metadata.sitename and not metadata.sitename[0].isupper():
            metadata.sitename = metadata.sitename.title()
    elif metadata.url and (m := META_URL.match(metadata.url)):
        metadata.sitename = m[1]
    metadata.clean_and_trim()
    return {**metadata.as_dict(), "page_type": kind}


def _author(tree) -> str | None:
    """trafilatura's `extract_author`, which deep-copies the page to prune comments, sidebars and
    figures before its author XPaths: here the pruned elements are only skipped."""
    from trafilatura.metadata import extract_author, normalize_authors
    from trafilatura.utils import trim
    from trafilatura.xpaths import AUTHOR_DISCARD_XPATHS, AUTHOR_XPATHS
    discarded = {el for expr in AUTHOR_DISCARD_XPATHS for el in expr(tree)}
    above = {a for el in discarded for a in el.iterancestors()}   # elements holding a pruned one
    for expr in AUTHOR_XPATHS:
        for el in expr(tree):
            if el in discarded or (discarded and any(a in discarded for a in el.iterancestors())):
                continue
            if el in above:
                return extract_author(tree)   # its text would lose pieces: trafilatura's own way
            content = trim(" ".join(el.itertext()))
            if content and 2 < len(content) < 120:
                return normalize_authors(None, content)
    return None


_LD_TYPE = re.compile(r'"@type"\s*:\s*(\[[^\]]{0,500}\]|"[^"]{1,80}")')
_ITEMTYPE = re.compile(r'itemtype\s*=\s*["\']?https?://schema\.org/(\w+)', re.I)
_QUOTED = re.compile(r'"([^"]{1,80})"')
# schema.org types that name the page's kind (JSON-LD @type, microdata itemtype). Site-wide types
# (Organization, WebSite, BreadcrumbList, FAQPage, Question) say nothing: every kind of page has them.
_FORUM_TYPES = {"DiscussionForumPosting", "QAPage", "Comment"}
_ARTICLE_TYPES = {"Article", "NewsArticle", "BlogPosting", "ReportageNewsArticle", "AnalysisNewsArticle",
                  "OpinionNewsArticle", "LiveBlogPosting", "ScholarlyArticle", "Report"}
PRODUCTS_IN_COLLECTION = 3   # this many Product entries on one page: a product grid, not a product


def schema_types(html: str) -> Counter:
    """schema.org types the page declares (JSON-LD and microdata), with their counts."""
    types: Counter = Counter()
    for m in _LD_TYPE.finditer(html):
        types.update(_QUOTED.findall(m.group(1)))
    types.update(_ITEMTYPE.findall(html))
    return types


def _page_type(og_type: str | None, url: str | None, types: Counter | None = None) -> str | None:
    """The page's kind from what it declares: schema.org types first (forum posts, products,
    collections, articles), then og:type, then the URL's path. On the WCXB dev pages the
    schema.org forum types are forums on every page that has them, Product with an Offer is a
    product on 3 pages out of 4, and a page that lists several products is a collection."""
    types = types or Counter()
    if any(types[t] for t in _FORUM_TYPES):
        return "forum"
    og = (og_type or "").strip().lower()
    if og.endswith("product.group") or types["CollectionPage"] or (
            types["Product"] >= PRODUCTS_IN_COLLECTION and not any(types[t] for t in _ARTICLE_TYPES)):
        return "collection"
    if og.endswith(("product", "product.item", ":item")) or (
            types["Product"] and types["Offer"] and not any(types[t] for t in _ARTICLE_TYPES)):
        return "product"
    if any(types[t] for t in _ARTICLE_TYPES):
        return "article"
    if og_type:
        mapped = _OG_TYPES.get(og_type.strip().lower().split(":")[-1])
        if mapped:
            return mapped
    for pattern, kind in _URL_TYPES:
        if url and pattern.search(url):
            return kind
    return None


def flatten(html: str) -> tuple[str, str]:
    """(title, text) of a page with the tags stripped: one line per block element.

    lxml first; pages it cannot build a tree for (nesting deeper than libxml2 allows) get a
    regular-expression tag stripper instead."""
    title, text = _flatten_lxml(html)
    if not text.strip():
        title, text = title or _regex_title(html), _flatten_regex(html)
    return title, text


def _flatten_lxml(html: str) -> tuple[str, str]:
    from lxml import etree, html as lxml_html
    try:
        root = lxml_html.document_fromstring(html.encode("utf-8", "replace"))
    except (etree.ParserError, ValueError):
        return "", ""
    for bad in root.xpath("//script|//style|//noscript|//template|//svg|//head//*[not(self::title)]"):
        if bad.getparent() is not None:
            bad.drop_tree()
    title = normalise_line(" ".join(root.xpath("//title//text()")))
    body = root.find("body")
    if body is None:
        body = root
    for el in body.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCK_TAGS:
            el.tail = "\n" + (el.tail or "")
            el.text = "\n" + (el.text or "")
    return title, "".join(body.itertext())


_INVISIBLE = re.compile(r"<(script|style|noscript|template|svg|head)\b.*?</\1\s*>|<!--.*?-->", re.I | re.S)
_BLOCK_TAG = re.compile(r"</?(?:p|div|br|li|h[1-6]|tr|td|section|article|blockquote|header|footer|nav)\b[^>]{0,2000}>", re.I)
_TAG = re.compile(r"<[^>]{0,2000}>")
_TITLE = re.compile(r"<title\b[^>]{0,2000}>(.*?)</title>", re.I | re.S)


def _flatten_regex(html: str) -> str:
    import html as entities
    text = _BLOCK_TAG.sub("\n", _INVISIBLE.sub(" ", html))
    return entities.unescape(_TAG.sub("", text))


def _regex_title(html: str) -> str:
    import html as entities
    m = _TITLE.search(html[:100_000])
    return normalise_line(entities.unescape(_TAG.sub("", m.group(1)))) if m else ""


_BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
    "header", "footer", "nav", "aside", "blockquote", "pre", "table", "tr", "td", "th", "dd", "dt",
    "figure", "figcaption", "form", "main", "hr", "address", "details", "summary", "caption",
}


def _fallback(html: str, result: HtmlResult) -> None:
    """trafilatura found nothing: strip the tags and clean the result like a text dump."""
    from storyline.clean.textdump import clean_text_dump
    try:
        title, text = flatten(html)
    except Exception as exc:  # lxml on pathological input
        log.debug("lxml could not flatten %s: %s", result.url, exc)
        return
    dump = clean_text_dump(text, title=result.title or title or None)
    result.paragraphs, result.removed, result.fallback = dump.paragraphs, dump.removed, True
    result.title = result.title or dump.title
