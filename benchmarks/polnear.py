"""PolNeAR (Newell et al., LREC 2018): US political news with attributions annotated by hand.

Each article's `.ann` file (brat standoff) ties a Source, a Cue and a Content span. A gold
direct quote is a run of words between quote marks inside a Content span, of at least as many
words as a statement has (`quotes.MIN_WORDS`); its speaker is the attribution's Source. Where
several annotators labelled one article, the first file (by name) is used, so every article
counts once.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import parsecache
from spacy.lang.en.stop_words import STOP_WORDS

from storyline import time as timex
from storyline.extract.quotes import quoted_regions
from storyline.model import Document
from storyline.nlp import topic_people
from storyline.nlp.entities import annotate_entities

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "quotes" / "polnear"
PRONOUN_SOURCES = {"he", "she", "they", "i", "we", "it", "who", "which", "that", "you", "his", "her", "their",
                   "him", "them", "its", "one", "whom", "me", "us"}
HONORIFICS = {"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "president", "senator", "former", "the", "u.s"}
_QUOTED = re.compile(r'[“"](?P<body>[^“”"\n]+)[”"]')
_SPAN = re.compile(r"(\d+) (\d+)")


@dataclass
class Attribution:
    source: tuple[int, int] | None
    source_text: str | None
    cue: tuple[int, int] | None
    content: list[tuple[int, int]]


@dataclass
class GoldQuote:
    start: int
    end: int
    source_text: str | None      # as written ("he", "Mr. Podesta", "a senior official")
    source: tuple[int, int] | None

    @property
    def named(self) -> bool:
        """The source is a name or description, not a pronoun or relative pronoun."""
        return bool(self.source_text) and self.source_text.strip().lower() not in PRONOUN_SOURCES


@dataclass
class Article:
    name: str
    text: str
    attributions: list[Attribution] = field(default_factory=list)

    def direct_quotes(self, min_words: int) -> list[GoldQuote]:
        out = []
        for a in self.attributions:
            for start, end in a.content:
                for m in _QUOTED.finditer(self.text, start, end + 1):
                    body_start, body_end = m.span("body")
                    body = self.text[body_start:body_end]
                    if len(re.findall(r"\w+", body)) >= min_words and body_end <= end:
                        out.append(GoldQuote(body_start, body_end, a.source_text, a.source))
        return sorted({(q.start, q.end): q for q in out}.values(), key=lambda q: q.start)


    def indirect_quotes(self, min_words: int) -> list[GoldQuote]:
        """Attributed content with no quote marks in it: reported speech."""
        out = []
        for a in self.attributions:
            for start, end in a.content:
                body = self.text[start:end]
                if not re.search(r'[“”"]', body) and len(re.findall(r"\w+", body)) >= min_words:
                    out.append(GoldQuote(start, end, a.source_text, a.source))
        return sorted({(q.start, q.end): q for q in out}.values(), key=lambda q: q.start)


def read_ann(path: Path, text: str) -> list[Attribution]:
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("T") and line.count("\t") >= 1:
            tid, info, *_ = line.split("\t")
            label, _, rest = info.partition(" ")
            spans[tid] = (label, [(int(a), int(b)) for a, b in _SPAN.findall(rest)])
        elif line.startswith("E") and "\t" in line:
            events.append(dict(arg.split(":") for arg in line.split("\t")[1].split() if ":" in arg))
    out = []
    for ev in events:
        role = {label: spans[tid][1] for label, tid in ev.items() if tid in spans}
        src = role.get("Source")
        src_span = (src[0][0], src[-1][1]) if src else None
        out.append(Attribution(src_span, text[src_span[0]:src_span[1]] if src_span else None,
                               (role["Cue"][0][0], role["Cue"][-1][1]) if role.get("Cue") else None,
                               role.get("Content", [])))
    return out


def load(split: str) -> list[Article]:
    folder = DATA / split
    by_article: dict[str, list[Path]] = defaultdict(list)
    for ann in sorted((folder / "attributions").glob("*.ann")):
        by_article[ann.stem.rsplit("_", 1)[0]].append(ann)
    out = []
    for name, anns in sorted(by_article.items()):
        txt = folder / "text" / f"{name}.txt"
        if not txt.exists():
            continue
        text = txt.read_text(encoding="utf-8")
        out.append(Article(name, text, read_ann(anns[0], text)))
    return out


def prepared(articles: list[Article], name: str) -> list[tuple[Document, object]]:
    """(document, parse) with the per-document annotations quote extraction reads."""
    parses = parsecache.parse([a.text for a in articles], name)
    out = []
    for article, parsed in zip(articles, parses):
        doc = Document(id=article.name, source=article.name, text=article.text)
        doc._entities = annotate_entities(parsed)
        doc._topic = topic_people(doc)
        doc._quoted = quoted_regions(doc.text)
        timex.annotate(doc, parsed)
        out.append((doc, parsed))
    return out


def words(name: str) -> list[str]:
    """Content words of a name or description, titles dropped unless the title is all there is
    ("the president")."""
    name = re.sub(r"\(.*?\)", " ", name.split(",")[0])
    content = [w for w in re.findall(r"[\w.']+", name.lower().replace("’", "'"))
               if w not in STOP_WORDS and not w.endswith("'s")]
    return [w for w in content if w.strip(".") not in HONORIFICS] or content


def same_speaker(predicted: str | None, gold: str | None, also: list[str] = ()) -> bool:
    if not predicted or not gold:
        return False
    p = words(predicted)
    for g in (gold, *also):
        gw = words(g)
        if p and gw and (gw[-1].strip(".") in {w.strip(".") for w in p} or p[-1].strip(".") in {w.strip(".") for w in gw}):
            return True
    return False


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return inter > 0 and inter >= 0.5 * min(a[1] - a[0], b[1] - b[0])
