"""The Spark batch mode on local[2] gives the same events as the single-process path."""
import json
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
    import sys

    import depeche.spark_submit as entry

    out = subprocess.run([sys.executable, entry.__file__, "--help"], capture_output=True, text=True, cwd=tmp_path)
    assert out.returncode == 0 and "Parquet" in out.stdout
