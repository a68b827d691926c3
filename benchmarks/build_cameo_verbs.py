"""Build storyline/models/cameo_verbs.json from the PETRARCH2 verb dictionary (CAMEO.2.0.txt).

The file's VERB PATTERNS section is a list of blocks:

    ---  KILL   [190]  ---                  block header: a name and the block's default code
    +SHOOT_DOWN {+SHOT_DOWN ...} [195]      a verb (multi-word with '+' and '_'), its irregular
    MURDER [190]                            forms in braces and, optionally, its own code
    - * (IN ACCIDENT)   [---]   # KILL      a pattern, its code, and the verb it came from

Each verb lemma gets its codes, most telling first: its own code (else the block's default),
then the most frequent code among the patterns written for it. "[---]" means "no event" and
"a:b" codes keep their first non-empty half (the code PETRARCH assigns the event itself).

    .venv/bin/python benchmarks/build_cameo_verbs.py [--source PATH]
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from storyline.extract.cameo import MODEL
from storyline.learn import save_params

SOURCE = Path(__file__).resolve().parents[2] / "shared" / "data" / "events" / "petrarch2" / "CAMEO.2.0.txt"
HEADER = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]")
VERB = re.compile(r"^(\+?[A-Z][A-Z0-9_'-]*)\s*(?:\{[^}]*\})?\s*(?:\[([^\]]*)\])?")
PATTERN = re.compile(r"^-.*?\[([^\]]*)\]\s*(?:#\s*(\S+))?")


def clean_code(raw: str | None) -> str | None:
    """'190' -> '190'; '042:043' -> '042'; ':173' -> '173'; '---' or '' -> None."""
    for part in (raw or "").split(":"):
        part = part.strip()
        if part.isdigit():
            return part
    return None


def lemma_of(word: str) -> str:
    """'+SHOOT_DOWN' -> 'shoot down' (the form `codes_for` looks up: lemma, space, particle)."""
    return " ".join(w for w in word.lstrip("+").lower().split("_") if w)


def read_verbs(path: Path) -> dict[str, list[str]]:
    """Verb lemma -> CAMEO codes (own or block code first, then the commonest pattern code)."""
    own: dict[str, str | None] = {}
    patterns: dict[str, Counter] = defaultdict(Counter)
    in_verbs, block_code, block_verbs = False, None, []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith("#######"):
            in_verbs = "VERB PATTERNS" in line
            continue
        if not in_verbs or not line.strip() or line.startswith("#"):
            continue
        if m := HEADER.match(line):
            block_code, block_verbs = clean_code(m.group(2)), []
        elif line.startswith("-"):
            if (m := PATTERN.match(line)) and (code := clean_code(m.group(1))):
                source = lemma_of(m.group(2)) if m.group(2) else (block_verbs[0] if block_verbs else None)
                if source:
                    patterns[source][code] += 1
        elif m := VERB.match(line):
            lemma = lemma_of(m.group(1))
            block_verbs.append(lemma)
            own.setdefault(lemma, clean_code(m.group(2)) or block_code)
    out = {}
    for lemma in set(own) | set(patterns):
        codes = [own.get(lemma)] + [code for code, _ in patterns[lemma].most_common(1)]
        codes = list(dict.fromkeys(c for c in codes if c))
        if codes:
            out[lemma] = codes
    return dict(sorted(out.items()))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--source", type=Path, default=SOURCE)
    args = ap.parse_args()
    verbs = read_verbs(args.source)
    path = save_params(MODEL, {"source": args.source.name, "verbs": verbs})
    print(f"{len(verbs)} verb forms -> {path} ({path.stat().st_size / 1024:.0f} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
