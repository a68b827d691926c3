"""Spark engine: the per-document map as a PySpark job (mapPartitions, one spaCy load per
partition); the cross-document stages then run on the driver over the collected documents."""
from __future__ import annotations

from typing import Iterator

from storyline.model import Document, RawItem, Rejection


def _partition(items: Iterator[RawItem]) -> Iterator[Document | Rejection]:
    from storyline.engines.local import _safe
    for item in items:
        yield _safe(item)


def run_map(items: list[RawItem], workers: int | None = None, master: str | None = None) -> list[Document | Rejection]:
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:  # optional dependency
        raise RuntimeError("the spark engine needs pyspark: pip install 'storyline[spark]'") from exc
    import os
    import sys
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # executors run this environment's Python
    builder = (SparkSession.builder.appName("storyline").config("spark.ui.enabled", "false")
               .config("spark.pyspark.python", sys.executable).config("spark.pyspark.driver.python", sys.executable)
               .config("spark.ui.showConsoleProgress", "false"))
    builder = builder.master(master or f"local[{workers or '*'}]")
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    try:
        rdd = spark.sparkContext.parallelize(items, max(1, min(len(items), (workers or 2) * 4)))
        return rdd.mapPartitions(_partition).collect()
    finally:
        spark.stop()
