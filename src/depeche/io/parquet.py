"""Parquet files of a store's events and documents, written with pyarrow (the `[parquet]` extra), no Spark.

The layout is the one `depeche spark` writes: DIR/events/ and DIR/documents/, each a folder of part files, so
that pandas (`read_parquet(DIR / "events")`) and DuckDB (`read_parquet('DIR/events/*.parquet')`) read either.
Columns are typed from the output contract (docs/output.md): nested objects are structs, lists are lists."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ..store import Database, reads

CHUNK = 5000  # records a row group: memory stays bounded whatever the size of the store

_s, _i, _f, _b = pa.string(), pa.int64(), pa.float64(), pa.bool_()
ENTITY = pa.struct([("code", _s), ("sector", _s), ("text", _s), ("name", _s), ("qid", _s)])
_PLACE = [("text", _s), ("name", _s), ("country", _s), ("precision", _s), ("lat", _f), ("lon", _f), ("geonameid", _i),
          ("region_code", _s), ("capital", _b), ("coordinates", _s)]
ORIGIN = pa.struct(_PLACE)
LOCATION = pa.struct([*_PLACE, ("region", _s), ("region_source", _s), ("source", _s)])
SPAN = pa.struct([("text", _s), ("start", _i), ("end", _i)])
EVENTS = pa.schema([
    ("doc_id", _s), ("event_id", _s), ("type", _s), ("mode", _s), ("actor", pa.list_(ENTITY)),
    ("recipient", pa.list_(ENTITY)), ("date", _s), ("date_precision", _s), ("date_end", _s), ("date_source", _s),
    ("location", LOCATION), ("origin", ORIGIN), ("factuality", _s), ("claimant", ENTITY), ("evidence", SPAN),
    ("trigger", SPAN),
    ("size", pa.struct([("weapons", _i), ("dead", _i), ("injured", _i), ("arrested", _i), ("approximate", _b)])),
    ("equipment", pa.list_(pa.struct([("text", _s), ("name", _s), ("category", _s), ("maker", _s)]))),
    ("names", pa.list_(_s)), ("mentions", _i), ("mention_spans", pa.list_(pa.list_(_i))), ("interception", _b),
    ("lang", _s), ("published", _s), ("source", _s), ("incident", _s),
])
DOCUMENTS = pa.schema([("id", _s), ("title", _s), ("source", _s), ("url", _s), ("lang", _s), ("published", _s),
                       ("path", _s), ("ingested_at", _s), ("events", _i), ("text", _s)])


def _event_batches(db: Database) -> Iterator[list[dict[str, Any]]]:
    """Every event record with its incident id, in the order stored."""
    last = 0
    while ids := [r[0] for r in db.conn.execute("SELECT rowid FROM events WHERE rowid > ? ORDER BY rowid LIMIT ?",
                                                (last, CHUNK))]:
        yield reads.records(db.conn, ids, incident=True)
        last = ids[-1]


def _document_batches(db: Database) -> Iterator[list[dict[str, Any]]]:
    last = 0
    sql = ("SELECT d.rowid, d.id, d.title, d.source, d.url, d.lang, d.published, d.path, d.ingested_at, "
           "(SELECT count(*) FROM events AS e WHERE e.doc_id = d.id) AS events, d.text FROM documents AS d "
           "WHERE d.rowid > ? ORDER BY d.rowid LIMIT ?")
    while rows := db.conn.execute(sql, (last, CHUNK)).fetchall():
        yield [{k: r[k] for k in DOCUMENTS.names} for r in rows]
        last = rows[-1][0]


def _write(path: Path, schema: pa.Schema, batches: Iterator[list[dict[str, Any]]]) -> int:
    """One file of row groups; an empty store gives a file with the columns and no rows."""
    path.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with pq.ParquetWriter(path, schema) as writer:
        for batch in batches:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    return n


def export(db: Database, target: str | Path) -> dict[str, int]:
    """Write TARGET/events and TARGET/documents; how many rows each has."""
    out = Path(target)
    return {"events": _write(out / "events" / "part-00000.parquet", EVENTS, _event_batches(db)),
            "documents": _write(out / "documents" / "part-00000.parquet", DOCUMENTS, _document_batches(db))}
