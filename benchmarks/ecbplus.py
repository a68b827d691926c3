"""ECB+ (../shared/data/ecbplus): the cross-document benchmark, and the corpus reader the mention
benchmarks and trainers share.

As a benchmark (`python benchmarks/ecbplus.py`), every dev document (topics 1-35) goes through the
pipeline as plain text, topics mixed in one pile, and two things are scored, each beside its
anchors and with everything learned cross-validated by topic (the figures are those of
`train_stories.py` and `train_coref.py`, run here without saving):

- documents into real-world events (stories against ECB+ sub-topics and topics: B-cubed, CoNLL);
- event-mention coreference with predicted mentions inside the validated sentences (MUC,
  B-cubed, CEAF-e, CoNLL F1), beside the same-lemma baseline.

The reader: ECB+ marks actions (ACTION_OCCURRENCE, ACTION_REPORTING, ACTION_STATE, ..., and their NEG_
variants) as token sets; only the sentences listed in `validated_sentences.csv` are annotated
exhaustively, so only those are read. Each sentence keeps the corpus tokens, so a parse built
on them (`spacy.tokens.Doc(words=...)`) aligns with the gold one to one.
"""
from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET

import parsecache

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "ecbplus"


@dataclass
class GoldMention:
    tokens: tuple[int, ...]   # token numbers within the sentence
    kind: str                 # ACTION_OCCURRENCE, NEG_ACTION_REPORTING, ...
    instance: str | None = None  # cross-document event id, when coreferent with others


@dataclass
class GoldSentence:
    topic: int
    document: str             # file stem, "1_10ecbplus"
    number: int               # sentence number within the document
    words: list[str]
    mentions: list[GoldMention] = field(default_factory=list)


def validated() -> set[tuple[str, int]]:
    """(file stem, sentence number) of the exhaustively annotated sentences."""
    with (DATA / "validated_sentences.csv").open(encoding="utf-8") as f:
        return {(f"{row['Topic']}_{row['File']}", int(row["Sentence Number"])) for row in csv.DictReader(f)}


def read_document(path: Path, keep: set[int] | None = None) -> list[GoldSentence]:
    """The sentences of one ECB+ file (only numbers in `keep` when given), with action mentions."""
    root = ET.parse(path).getroot()
    position: dict[str, tuple[int, int]] = {}
    words: dict[int, list[str]] = defaultdict(list)
    for tok in root.iter("token"):
        number = int(tok.get("sentence"))
        position[tok.get("t_id")] = (number, len(words[number]))
        words[number].append(tok.text or "")
    instance_of: dict[str, str] = {}
    targets: dict[str, str] = {}
    for rel in root.iter("CROSS_DOC_COREF"):
        target = rel.find("target")
        for src in rel.iter("source"):
            instance_of[src.get("m_id")] = target.get("m_id")
    markables = root.find("Markables")
    for node in markables if markables is not None else []:
        if node.get("instance_id"):
            targets[node.get("m_id")] = node.get("instance_id")
    sentences = {n: GoldSentence(int(path.parent.name), path.name[:-4], n, w) for n, w in words.items()
                 if keep is None or n in keep}
    for node in markables if markables is not None else []:
        if "ACTION" not in node.tag:
            continue
        anchors = [position[a.get("t_id")] for a in node.iter("token_anchor") if a.get("t_id") in position]
        if not anchors or anchors[0][0] not in sentences:
            continue
        instance = targets.get(instance_of.get(node.get("m_id"), ""))
        sentences[anchors[0][0]].mentions.append(
            GoldMention(tuple(sorted(i for s, i in anchors if s == anchors[0][0])), node.tag, instance))
    return [sentences[n] for n in sorted(sentences)]


def load(topics: range | list[int] | None = None) -> list[GoldSentence]:
    """Every validated sentence of the given topics (all of 1-35 by default)."""
    keep: dict[str, set[int]] = defaultdict(set)
    for stem, number in validated():
        keep[stem].add(number)
    out = []
    for path in sorted(DATA.glob("*/*.xml"), key=lambda p: (int(p.parent.name), p.name)):
        if topics is not None and int(path.parent.name) not in topics:
            continue
        if path.name[:-4] in keep:
            out.extend(read_document(path, keep[path.name[:-4]]))
    return out


def parse(sentences: list[GoldSentence], name: str = "ecbplus"):
    """spaCy parses of the sentences on their own tokens, cached on disk."""
    return parsecache.parse([s.words for s in sentences], name)


def head_of(doc, tokens: tuple[int, ...]) -> int:
    """The mention's syntactic head: its token whose parent lies outside the mention."""
    inside = set(tokens)
    return next((i for i in tokens if doc[i].head.i not in inside or doc[i].head.i == i), tokens[0])


@dataclass
class GoldDocument:
    stem: str                 # "1_10ecbplus"
    topic: int
    subtopic: str             # the real-world event the document reports: "1-ecb" or "1-ecbplus"
    sentences: list[list[str]]

    @property
    def text(self) -> str:
        """The document as a user would paste it: one line per sentence, the corpus tokens
        spaced as written text ("May 03, 2013", "Lohan's"); the crawler's URL line, which no
        reader would paste, left out."""
        return "\n\n".join(detokenise(words) for words in self.sentences if not (words and words[0] == "http"))


def detokenise(words: list[str]) -> str:
    text = " ".join(words).replace("``", '"').replace("''", '"')
    text = re.sub(r" ([,.;:!?%)\]}]|'s\b|'re\b|'ve\b|'ll\b|'d\b|'m\b|n't\b)", r"\1", text)
    text = re.sub(r"([(\[{$]) ", r"\1", text)
    text = re.sub(r"(?<=\w) - (?=\w)", "-", text)  # the corpus splits "90-day" into three tokens
    return re.sub(r'" (.*?) "', r'"\1"', text)


def documents(topics: range | list[int] | None = None) -> list[GoldDocument]:
    """Every ECB+ file of the given topics (all of 1-35 by default) with its sub-topic label."""
    out = []
    for path in sorted(DATA.glob("*/*.xml"), key=lambda p: (int(p.parent.name), p.name)):
        topic = int(path.parent.name)
        if topics is not None and topic not in topics:
            continue
        words: dict[int, list[str]] = defaultdict(list)
        for tok in ET.parse(path).getroot().iter("token"):
            words[int(tok.get("sentence"))].append(tok.text or "")
        kind = "ecbplus" if path.stem.endswith("ecbplus") else "ecb"
        out.append(GoldDocument(path.stem, topic, f"{topic}-{kind}", [words[n] for n in sorted(words)]))
    return out


def main() -> int:
    import train_coref
    import train_stories
    print("== documents into real-world events (train_stories.py, not saved)")
    train_stories.main(["--no-save"])
    print("\n== event-mention coreference, predicted mentions (train_coref.py, not saved)")
    train_coref.main(["--no-save"])
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main())
