"""The Spark batch mode on local[2] gives the same events as the single-process path, with this Python on the workers."""
import json
import os
import sys
from pathlib import Path

import pytest

from depeche.io.readers import iter_documents
from depeche.service import extract_document

pyspark = pytest.importorskip("pyspark")
CORPUS = Path(__file__).resolve().parent / "data" / "incidents.jsonl"


@pytest.fixture(scope="module")
def spark():
    from depeche.spark import session

    sess = session("local[2]", "depeche-test")
    sess.sparkContext.setLogLevel("ERROR")
    yield sess
    sess.stop()


def test_spark_events_equal_single_process(spark, tmp_path):
    from depeche.spark import run

    counts = run(spark, str(CORPUS), str(tmp_path / "out"), partitions=2)
    assert counts["documents"] == 39 and counts["errors"] == 0
    expected = {r["event_id"]: r for doc in iter_documents([str(CORPUS)]) for r in extract_document(doc)}
    events = spark.read.parquet(str(tmp_path / "out" / "events"))
    got = {row["event_id"]: json.loads(json.dumps(row.asDict(recursive=True))) for row in events.collect()}
    assert set(got) == set(expected)
    for event_id, rec in expected.items():
        row = got[event_id]
        assert row["type"] == rec["type"] and row["factuality"] == rec["factuality"] and row["date"] == rec["date"]
        assert [a["code"] for a in row["actor"] or []] == [a["code"] for a in rec["actor"]]
        assert [a["code"] for a in row["recipient"] or []] == [a["code"] for a in rec["recipient"]]
        assert row["mode"] == rec["mode"] and (row["claimant"] or {}).get("code") == (rec["claimant"] or {}).get("code")
        assert (row["location"] or {}).get("name") == (rec["location"] or {}).get("name")
        assert row["evidence"]["start"] == rec["evidence"]["start"]


def test_bad_rows_are_reported_not_fatal(spark, tmp_path):
    from depeche.spark import run

    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a", "text": "Le Kazakhstan a démenti les accusations."}\n{"id": "b"}\n', encoding="utf-8")
    counts = run(spark, str(source), str(tmp_path / "out"))
    assert counts == {"events": counts["events"], "documents": 1, "errors": 1}


def test_the_spark_submit_file_runs_as_a_script(tmp_path):
    import subprocess

    import depeche.spark_submit as entry

    out = subprocess.run([sys.executable, entry.__file__, "--help"], capture_output=True, text=True, cwd=tmp_path)
    assert out.returncode == 0 and "Parquet" in out.stdout


PYTHON_KEYS = ("PYSPARK_PYTHON", "PYSPARK_DRIVER_PYTHON")


def test_workers_run_this_python_unless_another_is_named():
    from depeche.spark import worker_python

    env: dict[str, str] = {}
    worker_python(env)
    assert env == {key: sys.executable for key in PYTHON_KEYS}
    env = {"PYSPARK_PYTHON": "./environment/bin/python"}  # as spark-submit sets it from spark.pyspark.python
    worker_python(env)
    assert env == {"PYSPARK_PYTHON": "./environment/bin/python", "PYSPARK_DRIVER_PYTHON": sys.executable}


def test_the_python_is_named_before_the_session_starts(monkeypatch):
    from pyspark.sql import SparkSession

    from depeche.spark import session

    class Builder:
        """Records the environment at the moment Spark would start, and starts nothing."""

        def appName(self, name):
            return self

        def master(self, master):
            return self

        def getOrCreate(self):
            return {key: os.environ.get(key) for key in PYTHON_KEYS}

    for key in PYTHON_KEYS:
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setattr(SparkSession, "builder", Builder())
    assert session("local[1]") == {key: sys.executable for key in PYTHON_KEYS}
