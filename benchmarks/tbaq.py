"""Reader of TempEval-3's training corpora, TimeBank + AQUAINT (../shared/data/timex/tbaq).

One .tml file becomes its plain text (the TEXT element with every inline tag removed), its
document creation time, and the character spans of the inline TIMEX3 and EVENT tags, plus the
MAKEINSTANCE and SLINK attributes that the event benchmarks read. Offsets index the plain text.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "timex" / "tbaq"


@dataclass
class TmlDocument:
    name: str                                   # file stem, "ABC19980108.1830.0711"
    corpus: str                                 # "TimeBank" or "AQUAINT"
    text: str
    dct: dt.date
    timexes: list[tuple[int, int, str, str]]    # (start, end, type, value)
    events: list[tuple[int, int, str, str]]     # (start, end, eid, class)
    instances: dict[str, dict[str, str]] = field(default_factory=dict)  # eid -> first MAKEINSTANCE's attributes
    slinks: list[tuple[str, str, str]] = field(default_factory=list)    # (relType, governing eid, subordinated eid)


def files(data: Path = DATA) -> list[Path]:
    return sorted(data.rglob("*.tml"))


def read(path: Path) -> TmlDocument:
    root = ET.parse(path).getroot()
    dct = dt.date.fromisoformat(root.find("DCT/TIMEX3").get("value")[:10])
    parts: list[str] = []
    length = 0
    timexes, events = [], []

    def add(s: str | None) -> None:
        nonlocal length
        if s:
            parts.append(s)
            length += len(s)

    def walk(node) -> None:
        start = length
        add(node.text)
        for child in node:
            walk(child)
            add(child.tail)
        if node.tag == "TIMEX3":
            timexes.append((start, length, node.get("type"), node.get("value")))
        elif node.tag == "EVENT":
            events.append((start, length, node.get("eid"), node.get("class")))

    body = root.find("TEXT")
    add(body.text)
    for child in body:
        walk(child)
        add(child.tail)
    timexes.sort()
    events.sort()
    eid_of, instances = {}, {}
    for mi in root.iter("MAKEINSTANCE"):
        eid_of[mi.get("eiid")] = mi.get("eventID")
        instances.setdefault(mi.get("eventID"), dict(mi.attrib))
    slinks = [(s.get("relType"), eid_of.get(s.get("eventInstanceID")), eid_of.get(s.get("subordinatedEventInstance")))
              for s in root.iter("SLINK")]
    return TmlDocument(path.stem, path.parent.name, "".join(parts), dct, timexes, events, instances,
                       [s for s in slinks if s[1] and s[2]])
