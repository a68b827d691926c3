"""Dedupe and story clustering on real article text."""
from conftest import SEEDS

from storyline.clean import clean
from storyline.cluster.stories import cluster_stories
from storyline.dedupe import find_duplicates
from storyline.model import Document, RawItem
from storyline.nlp import annotate


def _seed(prefix: str) -> Document:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return clean(RawItem(str(path), path.read_text(encoding="utf-8"), "text"))


def test_reprinted_wire_copy_is_a_near_duplicate():
    original = _seed("001")
    reprint = Document(id="reprint", source="other-outlet", title=original.title,
                       text="By Reuters staff\n\n" + original.text.replace("Ms Psaki", "Psaki") + "\n\nCopyright 2021.")
    unrelated = _seed("004")
    assert find_duplicates([original, reprint, unrelated]) == {"reprint": original.id}


def test_unrelated_article_is_its_own_story():
    docs = [_seed(p) for p in ("000", "001", "003")]
    weather = Document(id="weather", source="weather.txt", title="Storm brings heavy snow to the Alps",
                       text="Heavy snow fell across the Swiss and Austrian Alps on Sunday, closing mountain passes "
                            "and stranding skiers. Avalanche warnings were raised to the highest level in Tyrol, and "
                            "meteorologists said more snow was expected through the week.\n\nRail services between "
                            "Innsbruck and Zurich were suspended while crews cleared the tracks.")
    for d in docs + [weather]:
        annotate(d)
    stories = cluster_stories(docs + [weather], {})
    assert sorted(len(s.documents) for s in stories) == [1, 3]
    assert next(s for s in stories if len(s.documents) == 1).documents == ["weather"]


def test_blocked_clustering_of_large_piles_gives_the_same_stories():
    docs = [_seed(p) for p in ("000", "001", "002", "003", "004")]
    docs.append(Document(id="weather", source="w", title="Storm brings heavy snow to the Alps",
                         text="Heavy snow fell across the Swiss and Austrian Alps on Sunday, closing mountain passes."))
    for d in docs:
        annotate(d)
    dense = sorted(sorted(s.documents) for s in cluster_stories(docs, {}))
    assert sorted(sorted(s.documents) for s in cluster_stories(docs, {}, dense_limit=1, block_rows=2)) == dense
