import csv
import io
import json

import pytest

from conftest import run
from depeche.io.writers import Writer, event_record

TEXT = "Dans la nuit du 29 décembre, Kyiv a lancé 91 drones contre la région de Novgorod en Russie."


def records():
    doc = run("Les man\u0153uvres ont commencé. " + TEXT, published="2025-12-30")
    return doc, [event_record(doc, ev) for ev in doc.events]


def test_record_follows_the_output_contract_with_original_offsets():
    doc, recs = records()
    rec = next(r for r in recs if r["type"] == "ASSAULT")
    for key in ("doc_id", "event_id", "type", "mode", "actor", "recipient", "date", "location", "factuality",
                "claimant", "evidence"):
        assert key in rec
    ev = rec["evidence"]
    assert doc.text[ev["start"]:ev["end"]] == ev["text"] and ev["text"].startswith("Dans la nuit")
    assert doc.text[rec["trigger"]["start"]:rec["trigger"]["end"]] == rec["trigger"]["text"]


def test_formats():
    _, recs = records()
    for fmt in ("jsonl", "csv", "table", "geojson"):
        out = io.StringIO()
        w = Writer(out, fmt)
        w.write(recs)
        w.close()
        assert out.getvalue()
    out = io.StringIO()
    w = Writer(out, "csv")
    w.write(recs)
    assert list(csv.DictReader(io.StringIO(out.getvalue())))[0]["type"]
    out = io.StringIO()
    w = Writer(out, "geojson")
    w.write([{**recs[0], "location": {"name": "X", "country": "RUS", "lat": 1.0, "lon": 2.0}}])
    w.close()
    assert json.loads(out.getvalue())["features"][0]["geometry"]["coordinates"] == [2.0, 1.0]


def test_csv_text_cells_that_a_spreadsheet_would_run_are_quoted_and_numbers_stay_numbers():
    _, recs = records()
    rec = recs[0]
    hostile = {**rec, "evidence": {**rec["evidence"], "text": "=HYPERLINK(\"http://x.example\", \"open\")"},
               "actor": [{"code": "+RUS", "text": "-2 drones"}], "recipient": [{"code": None, "text": "@SUM(A1)"}],
               "claimant": {"code": "\tUKR", "text": "\rsaid"}, "mode": "plain",
               "location": {"name": "Madrid", "country": "ESP", "lat": 40.4, "lon": -3.7}}
    out = io.StringIO()
    w = Writer(out, "csv")
    w.write([hostile])
    w.close()
    (row,) = csv.DictReader(io.StringIO(out.getvalue()))
    assert row["evidence"] == "'=HYPERLINK(\"http://x.example\", \"open\")"
    assert row["actor_codes"] == "'+RUS" and row["actor_names"] == "'-2 drones" and row["recipient_names"] == "'@SUM(A1)"
    assert row["claimant_code"] == "'\tUKR" and row["claimant_name"] == "'\rsaid"
    assert row["lon"] == "-3.7" and row["lat"] == "40.4" and row["mode"] == "plain" and row["type"] == rec["type"]


def _conform(value, kind):
    """A record's value as Parquet gives it back: every field of a struct present, null when the record had none."""
    import pyarrow as pa

    if value is None:
        return None
    if pa.types.is_struct(kind):
        return {f.name: _conform(value.get(f.name), f.type) for f in kind}
    if pa.types.is_list(kind):
        return [_conform(v, kind.value_type) for v in value]
    return value


def test_parquet_export_of_a_store_reads_back_with_pandas(tmp_path, filled):
    """The store's events and documents as Parquet (pyarrow, no Spark): pandas reads the folders; every record is
    its row, value for value, nested objects as structs (read back exactly through pyarrow, since pandas turns
    nulls into NaN)."""
    pd = pytest.importorskip("pandas")
    pa, pq = pytest.importorskip("pyarrow"), pytest.importorskip("pyarrow.parquet")
    from depeche.io.parquet import EVENTS, export
    from depeche.store import Database
    from depeche.store.records import EVENT_FIELDS

    with Database(filled(tmp_path / "desk.db")) as db:
        db.refresh_incidents()
        counts = export(db, tmp_path / "out")
        records = {r["event_id"]: {**r, "incident": db.incident_of_event(r["event_id"])} for r in db.events()}
        texts = dict(db.conn.execute("SELECT id, text FROM documents").fetchall())
    events, docs = pd.read_parquet(tmp_path / "out" / "events"), pd.read_parquet(tmp_path / "out" / "documents")
    assert counts == {"events": len(records), "documents": 4} and len(events) == len(records) and len(docs) == 4
    assert list(events.columns) == [*EVENT_FIELDS, "incident"] == EVENTS.names
    assert events.set_index("event_id")["type"].to_dict() == {i: r["type"] for i, r in records.items()}
    assert dict(zip(docs["id"], docs["text"], strict=True)) == texts
    assert dict(zip(docs["id"], docs["events"], strict=True)) == events.groupby("doc_id").size().to_dict()
    for row in pq.read_table(tmp_path / "out" / "events").to_pylist():
        assert row == _conform(records[row["event_id"]], pa.struct(list(EVENTS)))
