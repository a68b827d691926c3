from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"


@pytest.fixture(scope="session")
def seed_result(tmp_path_factory):
    import storyline
    out = tmp_path_factory.mktemp("seeds-out")
    return storyline.run([str(SEEDS)], out=out), out


def annotate_text(text: str):
    """A document of `text` through every per-document stage after cleaning: parse, quoted
    regions, time expressions, then quotes, events and claims."""
    from storyline.extract import annotate, quoted_regions
    from storyline.model import Document
    from storyline.nlp import annotate as nlp_annotate
    from storyline.time import annotate as time_annotate
    doc = Document(id="d", source="s", text=text)
    parsed = nlp_annotate(doc)
    doc._quoted = quoted_regions(text)
    time_annotate(doc, parsed)
    annotate(doc, parsed)
    return doc


@pytest.fixture
def annotated():
    return annotate_text
