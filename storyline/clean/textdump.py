"""Article body from a flattened text dump (a web page whose HTML is gone).

Works like jusText works on HTML blocks, but on the blocks a dump still shows (lines, bullets,
paragraphs). Three passes of rules, then a learned classifier:

1. hard rules (`rules.py`) that recognise furniture by shape, each with its reason: a repeat of
   the title or of an earlier block, photo captions and credits, "label: value" widgets, web-UI
   strings, syndication and copyright footers, truncated teasers, section and end markers;
2. a context-free class per block from its features (length, stopword density, sentence ending):
   good, near-good, short or bad; the items of a bullet list are judged together;
3. context: a section marker ("Read More", "Next Post") or an end marker ("Comments", "END") met
   after the body cuts everything after it; short blocks take their class from the nearest
   non-short neighbours, so runs of them before the first and after the last good block go.

4. the learned block classifier of `dumpmodel.py` (fitted and cross-validated by
   `benchmarks/train_dump_classifier.py`) brings back blocks the rules dropped that it is
   confident are body text.

No rule names a site or an article; vocabularies are in `vocab.py`.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from storyline.clean import vocab
from storyline.clean.blocks import DATELINE, Block, Features, Profile, features, split_blocks
from storyline.clean.dumpmodel import PARAMS, DumpModel
from storyline.clean.normalize import normalise_line, normalise_lines
from storyline.clean.rules import mark_furniture
from storyline.model import Removed

# jusText's defaults (characters, stopword density), adjusted to spaCy's shorter stop list
LENGTH_LOW = 70
LENGTH_HIGH = 200
STOP_LOW = 0.25
STOP_HIGH = 0.30
MAX_HEADING_DISTANCE = 200    # a short title-like block this close before good text is a subheading
MENU_LINES, MENU_WORDS = 5, 4  # this many short non-sentence lines in a row, of at most this many
                               # words (median), are a menu
RUN_BLOCKS, RUN_CHARS = 3, 400  # a run of near-good paragraphs this big is body text
CONTINUATION_CHARS = 800      # paragraphs in a row after a section marker: the body goes on
MIN_BODY_AFTER_TITLE = 200    # characters of paragraphs that must follow a repeated title line
BODY_BEFORE_END_MARKER = 300  # characters of good text that must precede a comments marker
MAX_TITLE_CHARS = 300        # a longer first line is body text, not a title
LOOKAHEAD_BLOCKS = 50         # how far the title rule looks for the first paragraph


@dataclass
class DumpResult:
    title: str
    paragraphs: list[str]
    removed: list[Removed] = field(default_factory=list)
    site: str | None = None


def clean_text_dump(raw: str, title: str | None = None, model: bool = True) -> DumpResult:
    """Title, body paragraphs and removed pieces of a text dump.

    Without a known `title` the first non-empty line is the title (unless it is too long for one).
    The rules decide; with `model`, the learned block classifier (`dumpmodel.py`) then keeps the
    blocks the rules dropped that it is confident are body text.
    """
    title, blocks, site, profile = rule_blocks(raw, title)
    if model and PARAMS.exists():
        DumpModel.load().revise(blocks, title, profile)
    kept = [b.text for b in blocks if b.cls == "good"]
    removed = [Removed(b.text, b.reason or "boilerplate") for b in blocks if b.cls != "good"]
    if site:
        title = site[0]
    return DumpResult(title, kept, removed, site[1] if site else None)


def rule_blocks(raw: str, title: str | None = None) -> tuple[str, list[Block], tuple[str, str] | None, Profile]:
    """The dump's title, its blocks as the rules classed them (`cls` "good" is body text), the
    (title, site) split a repeated title line showed, and the language profile."""
    text = normalise_lines(raw)
    blocks = split_blocks(text.split("\n"))
    if title is None:  # the first line, unless it is a whole paragraph (a dump without title)
        title = blocks.pop(0).text if blocks and len(blocks[0].text) <= MAX_TITLE_CHARS else ""
    title = normalise_line(title)
    site = mark_furniture(blocks, title)
    profile = Profile.of(text)
    _classify(blocks, profile)
    _menus(blocks)
    _start_at_title(blocks)
    cut = _cut_after_marker(blocks)
    _revise(blocks)
    if cut is not None:
        _keep_closing_lines(blocks, cut)
    _teaser_after_headline(blocks)
    if not any(b.cls == "good" for b in blocks):
        _fallback(blocks)
    return title, blocks, site, profile


# -- pass 2: context-free classes -----------------------------------------------------------------

def _class(f: Features, dateline: bool = False) -> str:
    if f.length < LENGTH_LOW:
        return "short"
    if not f.sentence and f.length < LENGTH_HIGH and f.capitalised > 0.6:
        return "short"  # a headline or subheading: its context decides
    if dateline and f.sentence:
        return "good" if f.length > LENGTH_HIGH else "near-good"  # a lede, whatever its names
    if f.stop_density is None:  # no stop list for this language: sentences of some length
        if not f.sentence:
            return "bad"
        return "good" if f.length > LENGTH_HIGH else "near-good"
    if f.stop_density >= STOP_HIGH:
        return "good" if f.length > LENGTH_HIGH else "near-good"
    if f.stop_density >= STOP_LOW:
        return "near-good"
    return "bad"


def _classify(blocks: list[Block], profile: Profile) -> None:
    """Class of each block not yet decided; a bullet list is judged as one block."""
    i = 0
    while i < len(blocks):
        if blocks[i].bullet:
            j = i
            while j < len(blocks) and blocks[j].bullet:
                j += 1
            items = [b for b in blocks[i:j] if not b.removed]
            cls = _class(features(" ".join(b.text for b in items), profile)) if items else "bad"
            for b in items:
                b.cls = cls
            i = j
        else:
            if not blocks[i].removed:
                text = blocks[i].text
                blocks[i].cls = _class(features(text, profile), bool(DATELINE.match(text)))
            i += 1


# -- pass 3: context ------------------------------------------------------------------------------

def _menus(blocks: list[Block]) -> None:
    """A long run of short lines that are not sentences is a menu or a list of links."""
    run: list[Block] = []
    for b in blocks + [Block("", cls="bad")]:
        if b.transparent:
            continue
        if b.cls == "short" and not b.bullet and not b.sentence:
            run.append(b)
            continue
        if len(run) >= MENU_LINES and sorted(len(r.words) for r in run)[len(run) // 2] <= MENU_WORDS:
            for r in run:
                r.cls, r.reason = "bad", "boilerplate"
        run = []


def _weights(blocks: list[Block]) -> list[int]:
    return [len(b.text) if b.cls in ("good", "near-good") else 0 for b in blocks]


def _start_at_title(blocks: list[Block]) -> None:
    """The title repeated as a line right before paragraphs is the article's headline: prose
    before it belongs to the page around the article (teasers, promos, other headlines).
    Of several repeats, the one followed by the most text up to the next repeat wins."""
    weight = _weights(blocks)
    repeats = [i for i, b in enumerate(blocks) if b.reason == "title"]
    best, best_score = None, MIN_BODY_AFTER_TITLE - 1
    for n, i in enumerate(repeats):
        end = repeats[n + 1] if n + 1 < len(repeats) else len(blocks)
        score = sum(weight[i:end])
        if score > best_score and _body_follows(blocks, i):
            best, best_score = i, score
    if best is None:
        return
    for b in blocks[:best]:
        if not b.removed and b.cls != "bad":
            b.cls, b.reason = "bad", "boilerplate"


def _body_follows(blocks: list[Block], i: int, window: int = 6) -> bool:
    """A paragraph comes within a few blocks (byline, date, caption lines may sit between)."""
    seen = 0
    for b in blocks[i + 1:i + 1 + LOOKAHEAD_BLOCKS]:
        if b.transparent:
            continue
        if b.cls == "good" or (b.cls == "near-good" and len(b.text) >= 100):
            return True
        seen += 1
        if seen >= window:
            return False
    return False


def _cut_after_marker(blocks: list[Block]) -> int | None:
    """After the body, a section marker starts teasers and an end marker ends the article.

    A section marker inside the body (a "Related" box between paragraphs) is followed by more
    body text: a long run of paragraphs. Teasers after the body come one summary at a time,
    broken up by headlines, bylines and dates. Returns the index of the cut, if any."""
    weight = _weights(blocks)
    total = sum(weight)
    n = len(blocks)
    longest_before, longest_after = [0] * (n + 1), [0] * (n + 1)
    for first, last, chars in _runs(blocks):
        longest_before[last + 1] = max(longest_before[last + 1], chars)
        longest_after[first] = max(longest_after[first], chars)
    for i in range(1, n + 1):
        longest_before[i] = max(longest_before[i], longest_before[i - 1])
    for i in range(n - 1, -1, -1):
        longest_after[i] = max(longest_after[i], longest_after[i + 1])
    before = 0
    for i, block in enumerate(blocks):
        after = total - before
        if block.marker == "section" and before > 0 and (
                before >= 2 * after or
                before >= RUN_CHARS and longest_after[i + 1] < min(CONTINUATION_CHARS, longest_before[i])):
            return _cut(blocks, i, "teaser")
        if block.marker == "end-strong" and before >= min(BODY_BEFORE_END_MARKER, total) > 0:
            return _cut(blocks, i, "end-marker")
        if block.marker == "end-weak" and before > 0 and before >= 2 * after:
            return _cut(blocks, i, "end-marker")
        before += weight[i]
    return None


def _runs(blocks: list[Block]) -> list[tuple[int, int, int]]:
    """(first index, last index, characters) of runs of consecutive paragraphs (good or
    near-good); captions and short sentences do not break a run, anything else does."""
    runs: list[tuple[int, int, int]] = []
    first = last = chars = 0
    inside = False
    for i, b in enumerate(blocks + [Block("", cls="bad")]):
        if b.transparent or (b.cls == "short" and b.sentence):
            continue
        if b.cls in ("good", "near-good"):
            if not inside:
                first, chars, inside = i, 0, True
            last, chars = i, chars + len(b.text)
        elif inside:
            runs.append((first, last, chars))
            inside = False
    return runs


def _cut(blocks: list[Block], start: int, reason: str) -> int:
    for b in blocks[start:]:
        b.cls = "bad"
        if not b.reason or not b.transparent:
            b.reason = reason
        b.transparent = False
    return start


def _keep_closing_lines(blocks: list[Block], cut: int) -> None:
    """Short sentences between the last paragraph and an end marker close the article
    ("X contributed to this report."): they stay, unless a rule recognised them as furniture."""
    i = cut - 1
    while i >= 0 and blocks[i].cls != "good":
        b = blocks[i]
        if not b.removed and b.sentence:
            b.cls = "good"
        elif not b.transparent:
            break
        i -= 1


def _neighbours(blocks: list[Block], ignore_near_good: bool) -> tuple[list[str], list[str]]:
    """For each block, the class of the nearest block before and after it that is neither short
    nor transparent (nor near-good, if asked); the page's edges count as furniture."""
    def counts(b: Block) -> bool:
        return not b.transparent and b.cls != "short" and not (ignore_near_good and b.cls == "near-good")
    n = len(blocks)
    before, after = ["bad"] * n, ["bad"] * n
    last = "bad"
    for i, b in enumerate(blocks):
        before[i] = last
        if counts(b):
            last = b.cls
    last = "bad"
    for i in range(n - 1, -1, -1):
        after[i] = last
        if counts(blocks[i]):
            last = blocks[i].cls
    return before, after


def _revise(blocks: list[Block]) -> None:
    """jusText's context-sensitive pass: subheadings, short blocks, then near-good blocks."""
    body_started = False
    for i, b in enumerate(blocks):
        body_started = body_started or b.cls == "good"
        if body_started and b.cls == "short" and not b.removed and _headline(b.text):
            distance = 0
            for nb in blocks[i + 1:]:
                if nb.cls == "good":
                    b.cls = "near-good"
                    break
                distance += len(nb.text)
                if distance > MAX_HEADING_DISTANCE:
                    break
    _promote_runs(blocks)
    prev, nxt = _neighbours(blocks, True)
    prev_all, next_all = _neighbours(blocks, False)
    decided = {}
    for i, b in enumerate(blocks):
        if b.cls != "short":
            continue
        if prev[i] == nxt[i] == "good":
            decided[i] = "good"
        elif prev[i] == nxt[i] == "bad":
            decided[i] = "bad"
        elif (prev[i] == "bad" and prev_all[i] == "near-good") or (nxt[i] == "bad" and next_all[i] == "near-good"):
            decided[i] = "good"
        else:
            decided[i] = "bad"
    for i, cls in decided.items():
        blocks[i].cls = cls
    prev, nxt = _neighbours(blocks, True)
    for i, b in enumerate(blocks):
        if b.cls == "near-good":
            b.cls = "bad" if prev[i] == nxt[i] == "bad" else "good"


def _promote_runs(blocks: list[Block]) -> None:
    """Several near-good paragraphs in a row are body text written in short paragraphs (wire
    copy, live updates), not a near-good island in furniture."""
    for first, last, _ in _runs(blocks):
        near = [b for b in blocks[first:last + 1] if b.cls == "near-good"]
        if len(near) >= RUN_BLOCKS and sum(len(b.text) for b in near) >= RUN_CHARS:
            for b in near:
                b.cls = "good"


def _headline(text: str) -> bool:
    f = features(text)
    return not f.sentence and 1 <= f.words <= 15 and f.ui == 0


def _teaser_after_headline(blocks: list[Block]) -> None:
    """A paragraph cut off with an ellipsis right after a headline is a teaser for another article."""
    for i, b in enumerate(blocks):
        if b.cls == "good" and i > 0 and vocab.ELLIPSIS_END.search(b.text) and _headline(blocks[i - 1].text):
            b.cls, b.reason = "bad", "teaser"
            if blocks[i - 1].cls == "good":
                blocks[i - 1].cls, blocks[i - 1].reason = "bad", "teaser"


def _fallback(blocks: list[Block]) -> None:
    """No block looked like body text (a short note, a brief): keep the sentences that are left."""
    for b in blocks:
        if not b.removed and b.sentence:
            b.cls = "good"
