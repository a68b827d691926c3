"""A learned main-content / boilerplate classifier for the text blocks of an HTML page.

trafilatura's rules are tuned for articles: on listings, product pages, forums and service
pages they drop what a reader counts as the content (teaser headlines and bylines, a product's
feature list, forum user names and post dates) and keep some of what is not. This model looks
at every visible block of the page (`htmlblocks.page_blocks`) with trafilatura's own decision
among its features, and decides again: the block's shape (length, link density, stopwords,
sentence ending, digits, prices), its markup context (block tag, ancestor tags, the class/id
vocabulary of its ancestors: "nav", "comment", "related", "price"...), its neighbours, its
position, how often its markup signature repeats on the page, and the page as a whole (the
schema.org / URL page type, the share of the page trafilatura kept).

The model is a gradient-boosted tree ensemble fitted by `benchmarks/train_html_classifier.py`
(scikit-learn HistGradientBoosting) on the WCXB dev and Scrapinghub pages and cross-validated by
site. Its trees
are shipped as plain JSON arrays next to this module (`htmlmodel.json`) and evaluated here with
numpy, all blocks and all trees at once.
"""
from __future__ import annotations

import json
import math
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

import numpy as np

from storyline.clean import vocab
from storyline.clean.htmlblocks import CONTEXT_TAGS, CONTEXTS, MAX_BLOCKS, WORD, HtmlBlock

PARAMS = Path(__file__).with_name("htmlmodel.json")
PAGE_TYPES = ("article", "forum", "product", "collection", "listing", "documentation", "service")
TAG_GROUPS = {"p": "p", "li": "li", "dd": "li", "dt": "li", "td": "td", "th": "td", "div": "div",
              "section": "div", "article": "div", "main": "div", "body": "div", "blockquote": "quote",
              "pre": "pre", "figcaption": "caption", "caption": "caption", "h1": "h1", "h2": "h2",
              "h3": "h3", "h4": "h4", "h5": "h4", "h6": "h4", "button": "ui", "label": "ui",
              "option": "ui", "select": "ui", "legend": "ui", "summary": "ui", "time": "time",
              "header": "chrome", "footer": "chrome", "nav": "chrome", "aside": "chrome", "form": "ui",
              "address": "p", "details": "div", "figure": "caption", "table": "td", "tr": "td",
              "ul": "li", "ol": "li", "dl": "li", "fieldset": "ui", "textarea": "ui", "hr": "div", "br": "div"}
TAG_CLASSES = tuple(sorted(set(TAG_GROUPS.values())))
PRICE = re.compile(r"[$€£¥₹]\s?\d|\d\s?(?:[$€£¥₹]|USD|EUR|GBP)\b")
DATE_LIKE = re.compile(r"\b(?:1[89]|20)\d\d\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d", re.I)
BYLINE = re.compile(r"^(?:by|written by|posted by|posted on|published|updated|last updated)\b")
SENTENCE_END = re.compile(r"[.!?…:;。！？][\"'”’»)\]]*$")


@lru_cache(maxsize=1)
def _stop() -> frozenset:
    from storyline.clean.blocks import stopwords
    return stopwords("en") or frozenset()


ANCHOR = 3          # words a line of the extracted text is anchored by in the page
SHORT_WINDOW = 300  # a shorter line is looked for this many words ahead


def coverage(blocks_tokens: list[list[str]], kept_text: str) -> list[float]:
    """Share of each block's words that an extracted text (trafilatura's, or a gold body)
    holds, by aligning the text with the page in order (`_align`)."""
    owner, lines = _align(blocks_tokens, kept_text)
    covered = {position for _, start, end in lines for position in range(start, end)}
    out = [0.0] * len(blocks_tokens)
    for position in covered:
        out[owner[position]] += 1
    return [c / len(t) if t else 0.0 for c, t in zip(out, blocks_tokens)]


def _align(blocks_tokens: list[list[str]], kept_text: str) -> tuple[list[int], list[tuple[int, int, int]]]:
    """Align an extracted text with the page's words, in order: each line of the text is found
    at its first occurrence after the previous line (by its first words) and matches the words
    that follow as far as they agree. A teaser repeating the lead further down, or a two-letter
    menu item that happens to occur in the text, stays unmatched. Returns the block of each page
    word and, per placed line, (line number, first word, end)."""
    page: list[str] = [t for tokens in blocks_tokens for t in tokens]
    owner = [i for i, tokens in enumerate(blocks_tokens) for _ in tokens]
    starts: dict[tuple, list[int]] = {}
    for i in range(len(page) - ANCHOR + 1):
        starts.setdefault(tuple(page[i:i + ANCHOR]), []).append(i)
    lines = []
    pointer = 0
    for number, line in enumerate(kept_text.split("\n")):
        words = [w.lower() for w in WORD.findall(line)]
        if not words:
            continue
        at = _find(words, page, starts, pointer)
        if at is None:
            continue
        j = 0
        while j < len(words) and at + j < len(page) and page[at + j] == words[j]:
            j += 1
        lines.append((number, at, at + j))
        pointer = at + j
    return owner, lines


def _find(words: list[str], page: list[str], starts: dict, pointer: int) -> int | None:
    """Where a line of words starts in the page: the first place at or after `pointer`, else
    the first anywhere (an extractor may move a block)."""
    if len(words) >= ANCHOR:
        places = starts.get(tuple(words[:ANCHOR]))
        if not places:
            return None
        after = [p for p in places if p >= pointer]
        return after[0] if after else places[0]
    n = len(words)
    for p in range(pointer, min(len(page) - n + 1, pointer + SHORT_WINDOW)):
        if page[p:p + n] == words:
            return p
    return None


def _own(b: HtmlBlock, tokens: list[str], title_words: set[str]) -> dict[str, float]:
    n = max(1, len(b.text))
    words = len(tokens)
    stop = _stop()
    row = {
        "logchars": math.log1p(len(b.text)),
        "logwords": math.log1p(words),
        "links": b.link_chars / n,
        "stop": sum(t in stop for t in tokens) / words if words else 0.0,
        "sentence": float(bool(SENTENCE_END.search(b.text))),
        "capitalised": float(b.text[:1].isupper()),
        "digits": sum(map(str.isdigit, b.text)) / n,
        "punct": (len(b.text) - sum(map(str.isalnum, b.text)) - sum(map(str.isspace, b.text))) / n,
        "price": float(bool(PRICE.search(b.text))),
        "date_like": float(bool(DATE_LIKE.search(b.text))),
        "title_sim": (len(set(tokens) & title_words) / len(set(tokens) | title_words)) if tokens and title_words else 0.0,
        "depth": math.log1p(b.depth),
    }
    # web-page furniture in the words themselves (the text-dump cleaner's vocabularies)
    lower = b.text.lower()
    row["ui"] = min(1.0, sum(len(m.group(0).split()) for m in vocab.UI_REGEX.finditer(lower)) / words) if words else 0.0
    row["copyright"] = float(bool(vocab.COPYRIGHT.search(b.text)))
    row["credit"] = float(bool(vocab.CREDIT.search(b.text)))
    row["section_head"] = float(words <= 8 and bool(vocab.SECTION_PREFIX.match(lower) or vocab.SECTION_PATTERN.match(lower)))
    row["ellipsis"] = float(bool(vocab.ELLIPSIS_END.search(b.text)))
    row["byline"] = float(bool(BYLINE.match(lower)))
    group = TAG_GROUPS.get(b.tag, "div")
    for t in TAG_CLASSES:
        row["tag_" + t] = float(group == t)
    for t in CONTEXT_TAGS:
        row["in_" + t] = float(t in b.tags)
    for c in CONTEXTS:
        d = b.contexts.get(c)
        row["ctx_" + c] = 1.0 / d if d else 0.0
    return row


NEIGHBOUR = ("kept", "links", "logwords", "sentence", "stop", "ui", "tag_h2", "tag_li")


def features(blocks: list[HtmlBlock], kept_text: str, title: str = "", page_type: str | None = None,
             url: str | None = None) -> tuple[list[str], np.ndarray]:
    """Feature names and a (blocks x features) matrix for one page."""
    tokens = [b.words for b in blocks]
    title_words = {w.lower() for w in WORD.findall(title or "")}
    kept = coverage(tokens, kept_text)
    own = [_own(b, t, title_words) for b, t in zip(blocks, tokens)]
    for o, k in zip(own, kept):
        o["kept"] = k
    n = len(blocks)
    page_words = sum(len(t) for t in tokens) or 1
    kept_words = sum(k * len(t) for k, t in zip(kept, tokens))
    kept_idx = [i for i, k in enumerate(kept) if k >= 0.5]
    first, last = (kept_idx[0], kept_idx[-1]) if kept_idx else (n, -1)
    inside = {share: _container(blocks, tokens, kept, share) for share in (0.5, 0.8)}
    signatures = [(b.tag, tuple(sorted(b.contexts)), b.depth) for b in blocks]
    sig_counts = Counter(signatures)
    text_counts = Counter(" ".join(t) for t in tokens)
    page = {
        "page_words": math.log1p(page_words),
        "page_blocks": math.log1p(n),
        "page_kept": kept_words / page_words,
        "page_kept_words": math.log1p(kept_words),
        "url_depth": float(len([p for p in re.sub(r"^\w+://[^/]+", "", url or "").split("/") if p])),
        "url_dated": float(bool(re.search(r"/(?:19|20)\d\d/", url or ""))),
    }
    for t in PAGE_TYPES:
        page["type_" + t] = float(page_type == t)
    names: list[str] = []
    out: list[list[float]] = []
    before, total = 0, sum(len(b.text) for b in blocks) or 1
    for i, b in enumerate(blocks):
        row = dict(own[i])
        for side, j in (("prev", i - 1), ("next", i + 1)):
            o = own[j] if 0 <= j < n else None
            for k in NEIGHBOUR:
                row[f"{side}_{k}"] = o[k] if o else 0.0
        window = kept[max(0, i - 3): i + 4]
        row["kept_window"] = sum(window) / len(window)
        row["links_window"] = sum(o["links"] for o in own[max(0, i - 3): i + 4]) / len(window)
        row["inside_kept"] = float(first <= i <= last)
        row["before_kept"] = math.log1p(max(0, first - i))
        row["after_kept"] = math.log1p(max(0, i - last))
        row["rel_pos"] = i / max(1, n - 1)
        row["char_pos"] = before / total
        for share, (element, depth) in inside.items():
            row[f"in_main{int(share * 100)}"] = float(element in b.path)
            row[f"below_main{int(share * 100)}"] = math.log1p(max(0, len(b.path) - depth)) if element in b.path else 0.0
        row["sig_repeats"] = math.log1p(sig_counts[signatures[i]] - 1)
        row["text_repeats"] = math.log1p(text_counts[" ".join(tokens[i])] - 1)
        row.update(page)
        before += len(b.text)
        if not names:
            names = list(row)
        out.append([row[k] for k in names])
    return names, np.array(out, dtype=float).reshape(len(out), len(names))


def _container(blocks: list[HtmlBlock], tokens: list[list[str]], kept: list[float], share: float) -> tuple[int, int]:
    """The innermost element holding `share` of the words trafilatura kept, and its depth: the
    page's main content area as trafilatura sees it ((-1, 0) when it kept nothing)."""
    words: dict[int, float] = {}
    depth: dict[int, int] = {}
    total = 0.0
    for b, t, k in zip(blocks, tokens, kept):
        n = k * len(t)
        total += n
        if n:
            for d, element in enumerate(b.path):
                words[element] = words.get(element, 0.0) + n
                depth[element] = d + 1
    best = (-1, 0)
    for element, n in words.items():
        if n >= share * total and depth[element] > best[1]:
            best = (element, depth[element])
    return best


def decide(names: list[str], X: np.ndarray, p: np.ndarray, remove_below: float, add_above: float) -> np.ndarray:
    """Which blocks are content: trafilatura's decision (the block half in its text) unless the
    model is confident otherwise (a kept block goes when P < remove_below, a dropped one comes
    when P >= add_above)."""
    kept = X[:, names.index("kept")] >= 0.5 if len(p) else np.zeros(0, bool)
    return np.where(kept, p >= remove_below, p >= add_above)


class TreeEnsemble:
    """Gradient-boosted binary trees from JSON: P = sigmoid(baseline + sum of leaf values)."""

    def __init__(self, params: dict):
        self.names = params["features"]
        self.baseline = params["baseline"]
        self.remove_below, self.add_above = params["remove_below"], params["add_above"]
        nodes = [np.array(t, dtype=float) for t in params["trees"]]   # rows: feature, threshold, left, right, leaf, value
        offsets = np.cumsum([0] + [len(t) for t in nodes[:-1]])
        allnodes = np.concatenate(nodes) if nodes else np.zeros((0, 6))
        self.feature = allnodes[:, 0].astype(int)
        self.cut = allnodes[:, 1]
        self.left = allnodes[:, 2].astype(int) + np.repeat(offsets, [len(t) for t in nodes])
        self.right = allnodes[:, 3].astype(int) + np.repeat(offsets, [len(t) for t in nodes])
        self.leaf = allnodes[:, 4].astype(bool)
        self.value = allnodes[:, 5]
        self.roots = offsets.astype(int)
        self.depth = int(params.get("max_depth", 32))

    def keep(self, names: list[str], X: np.ndarray) -> np.ndarray:
        return decide(names, X, self.proba(names, X), self.remove_below, self.add_above)

    def proba(self, names: list[str], X: np.ndarray) -> np.ndarray:
        if X.shape[0] == 0:
            return np.zeros(0)
        if names != self.names:
            raise ValueError("feature names differ from the model's")
        idx = np.tile(self.roots, (X.shape[0], 1))
        rows = np.arange(X.shape[0])[:, None]
        for _ in range(self.depth):
            leaf = self.leaf[idx]
            if leaf.all():
                break
            go_left = X[rows, self.feature[idx]] <= self.cut[idx]
            idx = np.where(leaf, idx, np.where(go_left, self.left[idx], self.right[idx]))
        raw = self.baseline + self.value[idx].sum(axis=1)
        return 1.0 / (1.0 + np.exp(-raw))


def body(blocks: list[HtmlBlock], kept_text: str, title: str = "", page_type: str | None = None,
         url: str | None = None) -> str:
    """The page's body: the blocks the shipped model keeps, one per line; trafilatura's text when
    there is no model. (Keeping trafilatura's own lines for the blocks it kept, which are finer
    where it drops a caption inside a paragraph, measured no better: WCXB 0.864 vs 0.868.)"""
    model = load()
    if model is None or not blocks or len(blocks) >= MAX_BLOCKS:   # a page too long to read whole
        return kept_text
    names, X = features(blocks, kept_text, title, page_type, url)
    return "\n".join(b.text for b, keep in zip(blocks, model.keep(names, X)) if keep)


@lru_cache(maxsize=1)
def load() -> TreeEnsemble | None:
    """The shipped model, or None when it is missing (the extractor then keeps trafilatura's output)."""
    if not PARAMS.exists():
        return None
    return TreeEnsemble(json.loads(PARAMS.read_text(encoding="utf-8")))
