"""A 2,000-document corpus of real news for the web app's load test (`webload.py`), assembled from
../shared/data without copying it into the project: every PolNeAR article (train and dev, plain
text), every ECB+ document (token XML joined back into text), the htmldate and Scrapinghub news
pages (HTML) and WCXB dev article pages (HTML) up to the total. Mixed on purpose: many topics,
languages, formats, dated and undated, as an analyst's pile would be.

    python benchmarks/webcorpus.py DIR [--total 2000]   # writes DIR/corpus/, then runs storyline into DIR/out
"""
from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from xml.etree import ElementTree as ET

from ecbplus import detokenise

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def sources():
    """(file name, bytes) of every candidate document, in a fixed order."""
    for split in ("train", "dev"):
        for path in sorted((DATA / "quotes" / "polnear" / split / "text").glob("*.txt")):
            yield f"polnear-{split}-{path.name}", path.read_bytes()
    for path in sorted((DATA / "ecbplus").glob("*/*.xml"), key=lambda p: (int(p.parent.name), p.name)):
        words: dict[int, list[str]] = defaultdict(list)
        for tok in ET.parse(path).getroot().iter("token"):
            words[int(tok.get("sentence"))].append(tok.text or "")
        text = "\n\n".join(detokenise(words[n]) for n in sorted(words))
        yield f"ecbplus-{path.stem}.txt", text.encode("utf-8")
    for path in sorted((DATA / "dates" / "htmldate-mediacloud").glob("*.html")):
        yield f"mediacloud-{path.name}", path.read_bytes()
    for path in sorted((DATA / "extraction" / "scrapinghub" / "html").glob("*.html.gz")):
        yield f"scrapinghub-{path.name.removesuffix('.gz')}", gzip.decompress(path.read_bytes())
    files = json.loads((DATA / "extraction" / "wcxb-dev" / "metadata.json").read_text())["files"]
    for key, meta in sorted(files.items()):
        if meta.get("split") == "dev" and meta.get("page_type") == "article":
            path = DATA / "extraction" / "wcxb-dev" / "html" / f"{key}.html.gz"
            if path.is_file():
                yield f"wcxb-{key}.html", gzip.decompress(path.read_bytes())


def build(directory: Path, total: int = 2000) -> Path:
    corpus = directory / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    n = 0
    for name, data in sources():
        if n == total:
            break
        (corpus / name).write_bytes(data)
        n += 1
    print(f"{n} documents in {corpus}", file=sys.stderr)
    return corpus


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--total", type=int, default=2000)
    args = parser.parse_args()
    corpus = build(args.directory, args.total)
    storyline = Path(sys.executable).with_name("storyline")
    return subprocess.call([str(storyline), "run", str(corpus), "-o", str(args.directory / "out")])


if __name__ == "__main__":
    sys.exit(main())
