"""Spark batch mode: articles in (JSONL or Parquet, any path Spark reads), events and documents out as Parquet.

    depeche spark INPUT OUTPUT [--format jsonl|parquet] [--master local[2]]
    spark-submit --master yarn path/to/depeche/spark_submit.py INPUT OUTPUT --format parquet

The pipeline is a pure function of (text, metadata, tables): each executor's Python worker builds it once
(tables and gazetteer load on first use) and maps it over its partitions.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable, Iterator, MutableMapping
from typing import Any

from .errors import DepecheError

COLUMNS = ("id", "text", "lang", "published", "title", "source", "url")


def extract_rows(rows: Iterable[Any]) -> Iterator[str]:
    """Map a partition of article rows to JSON lines: one per event, one per document, one per failure."""
    from .model import Document
    from .service import extract_document

    for row in rows:
        item = row.asDict() if hasattr(row, "asDict") else dict(row)
        doc_id, text = item.get("id"), item.get("text")
        if doc_id is None or not isinstance(text, str) or not text.strip():
            yield json.dumps({"kind": "error", "doc_id": str(doc_id), "error": "document has no 'id' or no 'text'"})
            continue
        doc = Document(id=str(doc_id), text=text, **{k: (str(item[k]) if item.get(k) is not None else None)
                                                     for k in COLUMNS[2:]})
        try:
            records = extract_document(doc)
        except DepecheError as err:
            yield json.dumps({"kind": "error", "doc_id": doc.id, "error": str(err)})
            continue
        for rec in records:
            yield json.dumps({"kind": "event", **rec}, ensure_ascii=False)
        yield json.dumps({"kind": "document", "id": doc.id, "lang": doc.lang, "published": doc.published,
                          "title": doc.title, "source": doc.source, "url": doc.url, "events": len(records)},
                         ensure_ascii=False)


def run(spark: Any, source: str, target: str, *, fmt: str = "jsonl", partitions: int | None = None) -> dict[str, int]:
    """Read articles, extract on the executors, write target/events, target/documents (and target/errors)."""
    reader = spark.read.parquet if fmt == "parquet" else spark.read.json
    frame = reader(source)
    cols = [c for c in COLUMNS if c in frame.columns]
    rows = frame.select(*cols).rdd
    if partitions:
        rows = rows.repartition(partitions)
    lines = rows.mapPartitions(extract_rows).cache()
    counts = {}
    for kind, name in (("event", "events"), ("document", "documents"), ("error", "errors")):
        part = lines.filter(lambda line, k=kind: json.loads(line)["kind"] == k)
        if part.isEmpty():
            counts[name] = 0
            continue
        table = spark.read.json(part).drop("kind")
        table.write.mode("overwrite").parquet(f"{target.rstrip('/')}/{name}")
        counts[name] = table.count()
    lines.unpersist()
    return counts


def session(master: str | None = None, name: str = "depeche") -> Any:
    """A SparkSession whose Python workers run this interpreter, unless another was chosen (see `worker_python`)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise DepecheError(f"Spark mode needs pyspark: pip install 'depeche[spark]' ({exc})") from exc
    worker_python()
    builder = SparkSession.builder.appName(name)
    if master:
        builder = builder.master(master)
    return builder.getOrCreate()


def worker_python(environ: MutableMapping[str, str] = os.environ) -> None:
    """Name this interpreter in PYSPARK_PYTHON and PYSPARK_DRIVER_PYTHON when they are not set. Spark starts its
    Python workers with PYSPARK_PYTHON, read when the session starts, or else `python3` from PATH: a Python
    without depeche unless the venv comes first on PATH. A value already set is kept: spark-submit sets it from
    `spark.pyspark.python`, the way to name the Python of an environment shipped to a cluster (docs/spark.md)."""
    if sys.executable:  # empty when Python is embedded and cannot tell
        for key in ("PYSPARK_PYTHON", "PYSPARK_DRIVER_PYTHON"):
            environ.setdefault(key, sys.executable)


def main(argv: list[str] | None = None) -> int:
    """Entry point for spark-submit (and `python -m depeche.spark`)."""
    ap = argparse.ArgumentParser(description="depeche on Spark: articles in, events and documents out as Parquet.")
    ap.add_argument("source")
    ap.add_argument("target")
    ap.add_argument("--format", choices=("jsonl", "parquet"), default="jsonl")
    ap.add_argument("--master", default=None, help="Spark master (default: as spark-submit sets it)")
    ap.add_argument("--partitions", type=int, default=None)
    args = ap.parse_args(argv)
    spark = session(args.master)
    try:
        counts = run(spark, args.source, args.target, fmt=args.format, partitions=args.partitions)
    finally:
        spark.stop()
    print(json.dumps(counts))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
