"""Blocks of a text dump and their features, the inputs of the text-dump classifier.

A block is a paragraph as the dump laid it out: one line, a bullet with its indented continuation
lines, or a hard-wrapped paragraph. Features are cheap, language-light text statistics in the
spirit of jusText (length, stopword density) plus a few that a flattened page still shows:
sentence punctuation, capitalisation, web-UI vocabulary, "label: value" shape.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from storyline.clean.normalize import normalise_line
from storyline.clean.vocab import UI_REGEX

BULLET = re.compile(r"^(?:[•·▪◦‣∙●○■□►▶➤✓✔]\s*|[-*–]\s+)")
WORD = re.compile(r"\w+(?:['’]\w+)*")
SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")
# "Label: value" with a short label of plain words (no commas, so "X said: “...”" is not one)
LABEL_VALUE = re.compile(r"^([^\W\d_][\w'’ .&/-]{0,40}?)\s*[:：]\s*(.*)$")
WRAPPED_END = re.compile(r"[.!?…:;\"'”’)\]]$")
# one token that looks like code, not a word: camelCase with digits, snake_case, hashes
MACHINE_TOKEN = re.compile(r"^(?=\S*[a-z][A-Z]|\S*[A-Za-z]\d|\S*_)\S{6,}$")


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """spaCy's English stop word list (imported lazily: it pulls in the spaCy package)."""
    from spacy.lang.en.stop_words import STOP_WORDS
    return frozenset(STOP_WORDS)


@dataclass
class Block:
    text: str
    bullet: bool = False
    cls: str = ""            # good | near-good | short | bad
    reason: str = ""         # why it is removed, once a rule decided
    transparent: bool = False  # removed, but invisible to its neighbours' context
    marker: str = ""         # section | end-strong | end-weak

    @property
    def words(self) -> list[str]:
        return WORD.findall(self.text)

    @property
    def removed(self) -> bool:
        return bool(self.reason)


def split_blocks(lines: list[str]) -> list[Block]:
    """Lines to blocks: bullets absorb their indented continuation lines, hard wraps are joined."""
    blocks: list[Block] = []
    current: Block | None = None
    for raw in lines:
        line = normalise_line(raw)
        if not line:
            current = None
            continue
        indent = len(raw) - len(raw.lstrip(" "))
        bullet = BULLET.match(line)
        if bullet and len(line) > bullet.end():
            current = Block(line[bullet.end():].strip(), bullet=True)
            blocks.append(current)
        elif current is not None and ((current.bullet and indent > 0) or _wrapped(current.text, line)):
            current.text += " " + line
        else:
            current = Block(line)
            blocks.append(current)
    return blocks


def _wrapped(previous: str, line: str) -> bool:
    """A hard-wrapped line: the previous one stops mid-sentence and this one goes on in lower case."""
    return len(previous) >= 40 and not WRAPPED_END.search(previous) and line[:1].islower()


@dataclass
class Features:
    length: int
    words: int
    stop_density: float
    sentence: bool         # ends like a sentence
    capitalised: float     # share of alphabetic words starting with a capital
    ui: float              # share of words covered by web-UI vocabulary


def features(text: str) -> Features:
    words = WORD.findall(text)
    n = len(words)
    stops = stopwords()
    alpha = [w for w in words if w[:1].isalpha()]
    ui_words = sum(len(m.group(0).split()) for m in UI_REGEX.finditer(text.lower()))
    return Features(
        length=len(text),
        words=n,
        stop_density=sum(w.lower() in stops for w in words) / n if n else 0.0,
        sentence=bool(SENTENCE_END.search(text)),
        capitalised=sum(w[0].isupper() for w in alpha) / len(alpha) if alpha else 0.0,
        ui=min(1.0, ui_words / n) if n else 0.0,
    )


def key(text: str) -> str:
    """Comparison key for repeats: case, punctuation and spacing do not matter."""
    return " ".join(WORD.findall(text.casefold()))
