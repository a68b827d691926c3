"""Reader of ECB+ event mentions (../shared/data/ecbplus) for the mention benchmarks and trainers.

ECB+ marks actions (ACTION_OCCURRENCE, ACTION_REPORTING, ACTION_STATE, ..., and their NEG_
variants) as token sets; only the sentences listed in `validated_sentences.csv` are annotated
exhaustively, so only those are read. Each sentence keeps the corpus tokens, so a parse built
on them (`spacy.tokens.Doc(words=...)`) aligns with the gold one to one.
"""
from __future__ import annotations

import csv
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
