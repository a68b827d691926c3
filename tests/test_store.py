"""store: both files written, JSON round-trips, DuckDB tables queryable, writes atomic."""
import json

import duckdb
import pytest
from fixtures.result_sample import sample_result

from storyline import store


@pytest.fixture
def out(tmp_path):
    out = tmp_path / "out"
    store.write(sample_result(), out)
    return out


def test_write_produces_files_and_json_round_trips(out):
    assert sorted(p.name for p in out.iterdir()) == ["storyline.duckdb", "storyline.json"]
    expected = sample_result().to_dict()
    assert store.load(out) == expected
    assert store.load(out / "storyline.json") == expected
    assert "Putin and Biden talk <script>" in (out / "storyline.json").read_text(encoding="utf-8")  # not \u-escaped


def test_write_returns_the_json_dict(tmp_path):
    assert store.write(sample_result(), tmp_path) == sample_result().to_dict()


def test_duckdb_tables_and_row_counts(out):
    counts = {"documents": 2, "stories": 1, "story_summaries": 2, "events": 2, "mentions": 3, "claims": 3,
              "claim_relations": 3, "quotes": 1, "quote_mentions": 2, "rejected": 1}
    with duckdb.connect(str(out / "storyline.duckdb"), read_only=True) as con:
        for table, n in counts.items():
            assert con.execute(f"select count(*) from {table}").fetchone()[0] == n, table
        triggers = con.execute("select event, text, sentence_text from mentions order by event, document").fetchall()
        assert [t[:2] for t in triggers] == [("ev-call", "spoke"), ("ev-call", "video call"), ("ev-talks", "talks")]
        assert triggers[0][2].startswith("MOSCOW") and triggers[0][2].endswith("the Kremlin said.")
        def one(sql):
            return con.execute(sql).fetchone()
        medium, start = one("select attributes->>'medium', date_start from events where id = 'ev-call'")
        assert medium == "video call" and str(start) == "2021-12-07"
        assert one("select date_end from events where id = 'ev-talks'")[0].isoformat() == "2022-01-31"
        assert one("select actors from events where id = 'ev-call'")[0] == ["Joe Biden"]
        assert one("select text from claims where id = 'cl-intel'")[0] == "roughly 70,000 troops are near the border"
        assert one("select count(*) from claim_relations where relation = 'disagrees'")[0] == 2
        assert one("select published_end from documents where id = 'doc-hostile'")[0].day == 31


def test_no_temporary_leftovers_and_failed_write_keeps_previous_files(out, monkeypatch):
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def boom(data):
        raise RuntimeError("interrupted")
    monkeypatch.setattr(store, "tables", boom)
    with pytest.raises(RuntimeError):
        store.write(sample_result(), out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_atomic_write_text_failure_leaves_target_untouched(tmp_path):
    target = tmp_path / "storyline.json"
    store.atomic_write_text(target, json.dumps({"ok": True}))
    with pytest.raises(TypeError):
        store.atomic_write_text(target, None)
    assert json.loads(target.read_text()) == {"ok": True}
    assert [p.name for p in tmp_path.iterdir()] == ["storyline.json"]


def test_load_missing_output(tmp_path):
    with pytest.raises(FileNotFoundError):
        store.load(tmp_path)
