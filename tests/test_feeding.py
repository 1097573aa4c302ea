"""Documents flow from the reader to extraction and the store one at a time: nothing reads the input ahead
without bound, so memory does not grow with it."""
import json
import sqlite3

from click.testing import CliRunner

from depeche import service
from depeche.cli import main

TEXTS = ["Des agriculteurs ont bloqué la rocade de Rennes mardi matin.",
         "Farmers blocked a ring road outside Leeds on Tuesday."]


def lines(ids) -> str:
    return "".join(json.dumps({"id": f"d{i}", "text": TEXTS[i % 2]}) + "\n" for i in ids)


def test_extract_hands_on_each_document_before_the_next_is_read(tmp_path):
    f = tmp_path / "a.jsonl"
    f.write_text(lines([0]))
    results = service.extract_paths([str(f)])
    first, _records = next(results)
    assert first.id == "d0"
    with open(f, "a") as out:  # not there when the first document was extracted
        out.write(lines([1, 2]))
    assert [doc.id for doc, _ in results] == ["d1", "d2"]


class _Now:
    """A pool that runs each batch at once, in this process."""

    def apply_async(self, fn, args):
        result = fn(*args)
        return type("Done", (), {"get": lambda self: result})()


def test_workers_are_fed_a_bounded_number_of_documents(monkeypatch):
    drawn = []

    def docs():
        for i in range(1000):
            drawn.append(i)
            yield i

    monkeypatch.setattr(service, "_extract_in_worker", lambda item: item * 10)
    results = service._in_order(_Now(), docs(), batches=3)
    assert next(results) == 0
    assert len(drawn) == 3 * service.BATCH  # the batches queued, not the whole input
    assert list(results) == [i * 10 for i in range(1, 1000)]


def test_ingest_with_workers_stores_every_document_in_order(tmp_path):
    f = tmp_path / "many.jsonl"
    f.write_text(lines(range(30)))
    for workers in ("1", "3"):
        db = tmp_path / f"w{workers}.db"
        result = CliRunner().invoke(main, ["ingest", str(f), "--db", str(db), "--workers", workers])
        assert result.exit_code == 0, result.stderr
        with sqlite3.connect(db) as conn:
            assert [r[0] for r in conn.execute("SELECT id FROM documents ORDER BY rowid")] == [f"d{i}" for i in range(30)]
