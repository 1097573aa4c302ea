"""Stores written in older layouts open migrated and go on as a store that never held them: 005's positional
incident reports, 005's events and quotes (006, 007), 008's stored reports, claims and dispute views (009)."""
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from depeche.errors import StoreError
from depeche.io.readers import iter_documents
from depeche.link.dispute import claim, unpack_sketch
from depeche.link.incidents import Report, report, report_record
from depeche.model import Document
from depeche.service import extract_document, ingest_paths
from depeche.store import Database, EventFilter, reads
from depeche.store.migrations import MIGRATIONS, apply

CORPUS = Path(__file__).resolve().parents[1] / "data" / "incidents.jsonl"

# 004's layout of a report, written out here as the old code wrote it: the migration must read it so
OLD_ORDER = ("event_id", "doc_id", "type", "date", "day_precise", "place", "place_country", "place_precise",
             "place_level", "origin_country", "actors", "recipients", "entities", "words", "point", "region_code")
REC = {"event_id": "old:e1", "doc_id": "old", "type": "ASSAULT", "date": "2026-03-16", "date_source": "text",
       "factuality": "fact", "lang": "fr", "size": {"killed": 3},
       "location": {"name": "Belgorod", "country": "RUS", "precision": "city", "lat": 50.6, "lon": 36.6},
       "actor": [{"code": "UKR"}], "recipient": [{"code": "RUS"}],
       "evidence": {"start": 0, "end": 41, "text": "Des drones ukrainiens ont frappé Belgorod."}}
POSITIONAL = ('["old:e1", "old", "ASSAULT", "2026-03-16", true, "belgorod", "RUS", true, "city", null, ["UKR"], '
              '["RUS"], ["#3", "belgorod"], ["belgorod", "drones", "frappe", "ukrainiens"], [50.6, 36.6], null]')
FINGERPRINT = ["#3", "RUS", "UKR", "belgorod"]


def old_store(path: Path, report_text: str = POSITIONAL) -> Path:
    """A store as 004 left it, built from its SQL: one document, its event, and its incident."""
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT 'then')")
    for name, step in MIGRATIONS[:4]:
        apply(conn, step)
        conn.execute("INSERT INTO migrations(name) VALUES (?)", (name,))
    conn.execute("INSERT INTO documents(id, content_hash, published, text, fingerprint) VALUES (?, ?, ?, ?, ?)",
                 ("old", "h", "2026-03-16", REC["evidence"]["text"], json.dumps(FINGERPRINT)))
    conn.execute("INSERT INTO events(id, doc_id, type, date, factuality, evidence_start, evidence_end, "
                 "evidence_text, record) VALUES ('old:e1', 'old', 'ASSAULT', '2026-03-16', 'fact', 0, 41, ?, ?)",
                 (REC["evidence"]["text"], json.dumps(REC)))
    conn.execute("INSERT INTO incidents(id, type, dirty) VALUES ('inc-000001', 'ASSAULT', 1)")
    conn.execute("INSERT INTO incident_events(event_id, incident_id, grp, day, doc_id, report, claim) "
                 "VALUES ('old:e1', 'inc-000001', 'ASSAULT', 739691, 'old', ?, ?)",
                 (report_text, json.dumps(claim(REC, {"published": "2026-03-16"}))))
    conn.commit()
    conn.close()
    return path


def test_a_positional_report_is_named_field_by_field(tmp_path):
    conn = sqlite3.connect(old_store(tmp_path / "old.db"))
    apply(conn, dict(MIGRATIONS)["005_named_reports"])
    stored = json.loads(conn.execute("SELECT report FROM incident_events").fetchone()[0])
    conn.close()
    assert list(stored) == list(OLD_ORDER) and stored == dict(zip(OLD_ORDER, json.loads(POSITIONAL), strict=True))
    document = frozenset(FINGERPRINT)
    assert Report.from_record(stored, document) == report(REC, document)


def test_a_migrated_report_links_a_new_article_as_a_fresh_one_does(tmp_path):
    new = {**REC, "event_id": "new:e1", "doc_id": "new",
           "evidence": {"start": 0, "end": 35, "text": "Belgorod frappée par des drones ukrainiens."}}
    article = Document(id="new", text=new["evidence"]["text"], lang="fr", published="2026-03-16")
    with Database(old_store(tmp_path / "old.db")) as migrated, Database(tmp_path / "fresh.db") as fresh:
        fresh.add_document(Document(id="old", text=REC["evidence"]["text"], lang="fr", published="2026-03-16"),
                           [REC])
        for db in (migrated, fresh):
            db._reset_index()  # the old report is read back from the table, not taken from memory
            db.add_document(article, [new])
            assert db.incident_of_event("new:e1") == db.incident_of_event("old:e1") == "inc-000001"
            assert db.incident("inc-000001")["reports"] == 2


def test_a_report_of_another_shape_is_refused_and_the_store_left_as_it_was(tmp_path):
    path = old_store(tmp_path / "odd.db", '["old:e1", "old", "ASSAULT"]')
    with pytest.raises(StoreError, match="row 1 of incident_events"):
        Database(path)
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT report FROM incident_events").fetchone()[0] == '["old:e1", "old", "ASSAULT"]'
    assert "005_named_reports" not in {r[0] for r in conn.execute("SELECT name FROM migrations")}


def to_positional(path: Path) -> None:
    """Put a store back as 004 wrote it: its reports as arrays in 004's order, 005 not applied."""
    conn = sqlite3.connect(path)
    with conn:
        for rowid, text in conn.execute("SELECT rowid, report FROM incident_events").fetchall():
            fields = json.loads(text)
            conn.execute("UPDATE incident_events SET report = ? WHERE rowid = ?",
                         (json.dumps([fields[k] for k in OLD_ORDER], ensure_ascii=False), rowid))
        conn.execute("DELETE FROM migrations WHERE name = '005_named_reports'")
    conn.close()


def dump(db: Database) -> list[list[tuple]]:
    views = [db.incident(i)["dispute"] for (i,) in db.conn.execute("SELECT id FROM incidents ORDER BY id")]
    return [[tuple(r) for r in db.conn.execute(sql)] for sql in (
        "SELECT event_id, incident_id, grp, day, doc_id FROM incident_events ORDER BY rowid",
        "SELECT id, type, first_date, last_date, country, reports, documents, sources, conflicts, state "
        "FROM incidents ORDER BY id", "SELECT old_id, new_id FROM incident_aliases ORDER BY old_id")] + [views]


def test_a_migrated_corpus_store_links_the_rest_of_the_corpus_the_same(tmp_path):
    """Half the incident corpus stored with positional reports, the other half added after the migrations:
    the same incidents, ids, merges and dispute views as a store that never held an array, or old reports."""
    articles = [(d, extract_document(d)) for d in iter_documents([str(CORPUS)])]
    with Database(tmp_path / "new.db") as db:
        for d, records in articles[:20]:
            db.add_document(d, records)
        db.refresh_incidents()
        merged = db.conn.execute("SELECT count(*) FROM incident_aliases").fetchone()[0]
    old_layout(tmp_path / "new.db", tmp_path / "named.db")
    shutil.copy(tmp_path / "named.db", tmp_path / "old.db")
    to_positional(tmp_path / "old.db")
    assert all(r[0].startswith("[") for r in sqlite3.connect(tmp_path / "old.db").execute(
        "SELECT report FROM incident_events"))
    dumps = []
    for name in ("new.db", "named.db", "old.db"):
        with Database(tmp_path / name) as db:
            for d, records in articles[20:]:
                db.add_document(d, records)
            db.refresh_incidents()
            dumps.append(dump(db))
    assert dumps[0] == dumps[1] == dumps[2] and len(dumps[0][2]) > merged  # (the second half merges some too)


# --- 006_lean_store, 007_query_indexes: a store written in 005's layout --------------------------------------

DESK = Path(__file__).resolve().parents[1] / "data" / "desk.jsonl"


def old_event_row(rec: dict) -> tuple:
    """An event as 005's writer stored it: columns, the sentence's text, and the whole record as JSON."""
    loc, cl, ev = rec.get("location") or {}, rec.get("claimant") or {}, rec["evidence"]
    return (rec["event_id"], rec["doc_id"], rec["type"], rec.get("mode"), rec.get("date"), rec.get("date_source"),
            rec["factuality"], cl.get("code"), cl.get("sector"), cl.get("text"), loc.get("name"), loc.get("country"),
            loc.get("lat"), loc.get("lon"), ev["start"], ev["end"], ev["text"], json.dumps(rec, ensure_ascii=False))


def old_entity_rows(rec: dict) -> list[tuple]:
    rows = [(rec["event_id"], role, e.get("code"), e.get("sector"), e.get("text"), e.get("name"), e.get("qid"))
            for role in ("actor", "recipient") for e in rec.get(role) or []]
    if rec.get("claimant"):
        cl = rec["claimant"]
        rows.append((rec["event_id"], "claimant", cl.get("code"), cl.get("sector"), cl.get("text"), cl.get("name"),
                     cl.get("qid")))
    return rows


def old_quote_row(q: dict) -> tuple:
    sp = q.get("speaker") or {}
    return (q["quote_id"], q["doc_id"], sp.get("code"), sp.get("sector"), sp.get("text"), sp.get("name"),
            q.get("verb"), q["text"], q["start"], q["end"], json.dumps(q, ensure_ascii=False))


def old_layout(fresh: Path, path: Path) -> Path:
    """What `fresh` holds, in a file made by migrations 001 to 005 and written as their writer wrote."""
    with Database(fresh) as db:
        c = db.conn
        rowids = [r[0] for r in c.execute("SELECT rowid FROM events ORDER BY rowid")]
        events = reads.records(c, rowids)
        quotes = list(db.quotes(limit=10**6))
        docs = [(*r[:-1], r[-1] and json.dumps(unpack_sketch(r[-1]))) for r in c.execute(
            "SELECT id, content_hash, title, source, url, lang, published, path, text, fingerprint, sketch FROM "
            "documents ORDER BY rowid")]
        linked = [(row["seq"], rec["event_id"], row["incident_id"], row["grp"], row["day"], row["doc_id"],
                   json.dumps(report_record(rec, doc.published), ensure_ascii=False),
                   json.dumps(claim(rec, {"source": doc.source, "published": doc.published}), ensure_ascii=False))
                  for row, rec, doc in reads.linked(c, "1", ())]
        incidents = [(*r, json.dumps(db.incident(r[0])["dispute"], ensure_ascii=False) if state else None, dirty)
                     for *r, state, dirty in c.execute("SELECT id, type, first_date, last_date, country, reports, "
                                                       "documents, sources, conflicts, state, dirty FROM incidents")]
        aliases = c.execute("SELECT old_id, new_id FROM incident_aliases").fetchall()
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT 'then')")
    for name, step in MIGRATIONS[:5]:
        apply(conn, step)
        conn.execute("INSERT INTO migrations(name) VALUES (?)", (name,))
    conn.executemany("INSERT INTO documents(id, content_hash, title, source, url, lang, published, path, text, "
                     "fingerprint, sketch) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", docs)
    conn.executemany(f"INSERT INTO events VALUES ({', '.join('?' * 18)})", map(old_event_row, events))
    conn.executemany("INSERT INTO event_entities VALUES (?, ?, ?, ?, ?, ?, ?)",
                     [row for rec in events for row in old_entity_rows(rec)])
    conn.executemany(f"INSERT INTO quotes VALUES ({', '.join('?' * 11)})", map(old_quote_row, quotes))
    conn.executemany("INSERT INTO incidents(id, type, first_date, last_date, country, reports, documents, sources, "
                     "conflicts, dispute, dirty) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", incidents)
    conn.executemany("INSERT INTO incident_events(rowid, event_id, incident_id, grp, day, doc_id, report, claim) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", linked)
    conn.executemany("INSERT INTO incident_aliases VALUES (?, ?)", aliases)
    conn.commit()
    conn.close()
    return path


LEAN_DUMP = ("SELECT * FROM events ORDER BY rowid", "SELECT * FROM parts ORDER BY id",
             "SELECT * FROM event_keys ORDER BY key, date, event", "SELECT * FROM quotes ORDER BY id",
             "SELECT * FROM event_entities ORDER BY event_id, role, code, text",
             "SELECT rowid, event_id, incident_id, grp, day, doc_id FROM incident_events ORDER BY rowid",
             "SELECT id, type, first_date, last_date, country, reports, documents, sources, conflicts, state, dirty "
             "FROM incidents ORDER BY id", "SELECT * FROM incident_aliases ORDER BY old_id",
             "SELECT id, fingerprint, sketch FROM documents ORDER BY id")


def test_a_store_in_the_old_layout_is_rewritten_as_a_new_one_writes_it(tmp_path):
    """The corpus stored by today's writer, and the same store written as 005 wrote it then migrated: the same
    rows in every table (events keep their rowids, parts their order), the same records read back, and every
    incident link kept (dropping the old events table must not cascade to them)."""
    fresh = tmp_path / "fresh.db"
    with Database(fresh) as db:
        assert ingest_paths([str(CORPUS), str(DESK)], db).ok
        db.refresh_incidents()
    old = old_layout(fresh, tmp_path / "old.db")
    assert sqlite3.connect(old).execute("SELECT count(*) FROM event_entities").fetchone()[0] > 100
    with Database(old) as migrated, Database(fresh) as db:
        assert migrated.migrations() == db.migrations()
        for sql in LEAN_DUMP:
            assert [tuple(r) for r in migrated.conn.execute(sql)] == [tuple(r) for r in db.conn.execute(sql)], sql
        everything = EventFilter(limit=10**6)
        assert list(migrated.events(everything)) == list(db.events(everything))
        assert list(migrated.quotes()) == list(db.quotes()) != []
        assert migrated.conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert migrated.conn.execute("SELECT count(*) FROM incident_events").fetchone()[0] > 50
        assert migrated.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1  # on again once migrated


def test_a_hand_made_record_of_an_old_store_reads_back_as_it_was_stored(tmp_path):
    """A record with fields missing and a span the document text does not hold (005 stored anything it was
    given) comes back equal (its fields in the contract's order, as every record's are)."""
    with Database(old_store(tmp_path / "old.db")) as db:
        assert list(db.events()) == [REC]
        assert db.incident_of_event("old:e1") == "inc-000001"


def test_the_lean_migration_refuses_to_run_with_foreign_keys_on(tmp_path):
    conn = sqlite3.connect(old_store(tmp_path / "old.db"))
    conn.execute("PRAGMA foreign_keys = ON")
    with pytest.raises(StoreError, match="foreign keys off"):
        apply(conn, dict(MIGRATIONS)["006_lean_store"])
