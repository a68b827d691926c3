"""Blocks of a text dump and their features, the inputs of the text-dump classifier.

A block is a paragraph as the dump laid it out: one line, a bullet with its indented continuation
lines, or a hard-wrapped paragraph. Features are cheap, language-light text statistics in the
spirit of jusText (length, stopword density) plus a few that a flattened page still shows:
sentence punctuation, capitalisation, web-UI vocabulary, "label: value" shape.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from storyline.clean.normalize import normalise_line
from storyline.clean.vocab import UI_REGEX

BULLET = re.compile(r"^(?:[•·▪◦‣∙●○■□►▶➤✓✔]\s*|[-*–]\s+)")
WORD = re.compile(r"\w+(?:['’]\w+)*")
SENTENCE_END = re.compile(r"[.!?…。！？؟।][\"'”’»)\]」』）]*$")
# "Label: value" with a short label of plain words (no commas, so "X said: “...”" is not one)
LABEL_VALUE = re.compile(r"^([^\W\d_][\w'’ .&/-]{0,40}?)\s*[:：]\s*(.*)$")
WRAPPED_END = re.compile(r"[.!?…:;\"'”’)\]]$")
# a news dateline opening the lede: "WILMINGTON, Del. — ", "ST. JOSEPH, Mich. (AP) — ", "(Reuters) - "
DATELINE = re.compile(r"^(?:[A-Z][A-Z .'’-]{1,40}(?:,\s*[A-Z][\w.]*(?: [A-Z][\w.]*)*)?\s*)?"
                      r"(?:\([A-Za-z][\w .-]{0,30}\)\s*)?[—–-]{1,2}\s+\S")
# one token that looks like code, not a word: camelCase with digits, snake_case, hashes
MACHINE_TOKEN = re.compile(r"^(?=\S*[a-z][A-Z]|\S*[A-Za-z]\d|\S*_)[\x21-\x7e]{6,}$")


UNSEGMENTED = {"ja", "zh", "th", "lo", "km", "my", "bo"}  # scripts written without spaces
CJK_SCALE = 3.0  # one CJK character carries about as much as three Latin ones


@lru_cache(maxsize=64)
def stopwords(lang: str = "en") -> frozenset[str] | None:
    """spaCy's stop word list for the language, or None if spaCy has none.

    Imported lazily: the first import pulls in the spaCy package."""
    import importlib
    try:
        module = importlib.import_module(f"spacy.lang.{lang}.stop_words")
    except (ImportError, ValueError):
        return None
    words = frozenset(w.lower() for w in getattr(module, "STOP_WORDS", ()))
    if lang in UNSEGMENTED:  # no word boundaries: count single-character function words instead
        words = frozenset(w for w in words if len(w) == 1)
    return words or None


@dataclass(frozen=True)
class Profile:
    """What the features need to know about the page's language."""
    lang: str = "en"
    stops: frozenset[str] | None = None
    unsegmented: bool = False

    @classmethod
    def of(cls, text: str) -> "Profile":
        try:
            import py3langid
            lang = py3langid.classify(text[:100_000])[0]
        except Exception:  # language identification is a hint, never a failure
            lang = "en"
        stops = stopwords(lang)
        if stops is None or lang == "ko":  # Korean particles are glued to words: no usable list
            return cls(lang, None, lang in UNSEGMENTED)
        return cls(lang, stops, lang in UNSEGMENTED)


ENGLISH = Profile("en", None)


@dataclass
class Block:
    text: str
    bullet: bool = False
    cls: str = ""            # good | near-good | short | bad
    reason: str = ""         # why it is removed, once a rule decided
    transparent: bool = False  # removed, but invisible to its neighbours' context
    marker: str = ""         # section | end-strong | end-weak

    @cached_property
    def words(self) -> list[str]:
        return WORD.findall(self.text)

    @cached_property
    def sentence(self) -> bool:
        """Ends like a sentence."""
        return bool(SENTENCE_END.search(self.text))

    @property
    def removed(self) -> bool:
        return bool(self.reason)


def split_blocks(lines: list[str]) -> list[Block]:
    """Lines to blocks: bullets absorb their indented continuation lines, hard wraps are joined."""
    parts: list[tuple[bool, list[str]]] = []   # (bullet, lines) per block
    current: list[str] | None = None
    for raw in lines:
        line = normalise_line(raw)
        if not line:
            current = None
            continue
        indent = len(raw) - len(raw.lstrip(" "))
        bullet = BULLET.match(line)
        if bullet and len(line) > bullet.end():
            current = [line[bullet.end():].strip()]
            parts.append((True, current))
        elif current is not None and ((parts[-1][0] and indent > 0) or _wrapped(current[-1], line)):
            current.append(line)
        else:
            current = [line]
            parts.append((False, current))
    return [Block(" ".join(chunk), bullet=bullet) for bullet, chunk in parts]


def _wrapped(previous: str, line: str) -> bool:
    """A hard-wrapped line: the previous line is long, stops mid-sentence, and this one goes on
    in lower case."""
    return len(previous) >= 40 and not WRAPPED_END.search(previous) and line[:1].islower()


@dataclass
class Features:
    length: int            # in Latin-equivalent characters
    words: int
    stop_density: float | None  # None when the language has no usable stop list
    sentence: bool         # ends like a sentence
    capitalised: float     # share of alphabetic words starting with a capital
    ui: float              # share of words covered by web-UI vocabulary


def features(text: str, profile: Profile | None = None) -> Features:
    profile = profile or ENGLISH
    words = WORD.findall(text)
    n = len(words)
    stops = profile.stops if profile.stops is not None or profile.lang != "en" else stopwords("en")
    if stops is None:
        density = None
    elif profile.unsegmented:
        chars = [c for c in text if c.isalpha()]
        density = sum(c in stops for c in chars) / len(chars) if chars else 0.0
    else:
        density = sum(w.lower() in stops for w in words) / n if n else 0.0
    alpha = [w for w in words if w[:1].isalpha()]
    ui_words = sum(len(m.group(0).split()) for m in UI_REGEX.finditer(text.lower()))
    return Features(
        length=int(len(text) * CJK_SCALE) if profile.unsegmented else len(text),
        words=n,
        stop_density=density,
        sentence=bool(SENTENCE_END.search(text)),
        capitalised=sum(w[0].isupper() for w in alpha) / len(alpha) if alpha else 0.0,
        ui=min(1.0, ui_words / n) if n else 0.0,
    )


def key(text: str) -> str:
    """Comparison key for repeats: case, punctuation and spacing do not matter."""
    return " ".join(WORD.findall(text.casefold()))
