"""The same pipeline on both engines gives the same storyline."""
import pytest
from conftest import SEEDS

import storyline


def _summary(result):
    return (sorted(d.id for d in result.documents), sorted((e.type, e.date or "", tuple(e.actors)) for e in result.events),
            sorted((c.value, c.as_of or "") for c in result.claims), sorted(q.text for q in result.quotes))


def test_local_workers_match_in_process(seed_result):
    result, _ = seed_result
    parallel = storyline.run([str(SEEDS)] * 2, workers=2)  # twice the inputs: enough to start workers
    assert _summary(parallel) == _summary(result)


def test_spark_engine_matches_local(seed_result):
    pytest.importorskip("pyspark")
    result, _ = seed_result
    assert _summary(storyline.run([str(SEEDS)], engine="spark", workers=2)) == _summary(result)


def test_a_hanging_document_is_rejected_not_waited_for(monkeypatch):
    import time

    from storyline.engines import local
    from storyline.model import RawItem, Rejection
    monkeypatch.setattr(local, "DOCUMENT_SECONDS", 1)
    monkeypatch.setattr(local, "process", lambda item: time.sleep(10))
    started = time.perf_counter()
    result = local._safe(RawItem("slow.txt", "text", "text"))
    assert isinstance(result, Rejection) and "over 1 s" in result.reason
    assert time.perf_counter() - started < 5
