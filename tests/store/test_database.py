import multiprocessing
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from depeche import service
from depeche.io.readers import ReadOptions
from depeche.model import Document
from depeche.service import extract_document, ingest_paths
from depeche.store import Database, EventFilter
from depeche.store.migrations import MIGRATIONS

TEXT = "Le Kazakhstan a condamné la Russie lundi. Des manifestants ont défilé à Almaty."


def doc(i="d1", text=TEXT):
    return Document(id=i, text=text, lang="fr", published="2026-03-17", title="Titre")


def test_migrations_are_recorded(db):
    assert db.migrations() == [name for name, _ in MIGRATIONS]  # (in order: their names sort as they run)
    assert db.migrations()[:7] == ["001_documents_events", "002_quotes", "003_incidents", "004_incident_blocking",
                                   "005_named_reports", "006_lean_store", "007_query_indexes"]


def test_add_is_idempotent(db):
    d = doc()
    assert db.add_document(d, extract_document(d)) == "added"
    d2 = doc()
    assert db.add_document(d2, extract_document(d2)) == "unchanged"
    assert db.counts()["documents"] == 1


def test_changed_article_replaces_its_events(db):
    d = doc()
    db.add_document(d, extract_document(d))
    d2 = doc(text=TEXT + " Moscou a menacé le Kazakhstan.")
    assert db.add_document(d2, extract_document(d2)) == "updated"
    assert db.counts()["documents"] == 1
    assert any(e["type"] == "THREATEN" for e in db.events())


def test_filters_and_search(db):
    d = doc()
    db.add_document(d, extract_document(d))
    assert [e["type"] for e in db.events(EventFilter(type="ACCUSE"))] == ["ACCUSE"]
    assert list(db.events(EventFilter(actor="KAZ")))
    assert list(db.events(EventFilter(country="RUS")))
    assert not list(db.events(EventFilter(since="2027-01-01")))
    assert list(db.events(EventFilter(text="manifestants")))
    assert db.search_documents("Almaty")[0]["id"] == "d1"
    assert db.search_documents('"; DROP TABLE events; --') == []


def test_failed_document_in_a_batch_does_not_stop_it(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\xff\xfe\x00\x00garbage")
    (tmp_path / "c.txt").write_text("Les États-Unis ont imposé des sanctions à l'Iran.", encoding="utf-8")
    with Database(tmp_path / "s.db") as db:
        report = ingest_paths([str(tmp_path)], db, ReadOptions(lang="fr"))
        assert report.added == 2 and len(report.errors) == 1 and "b.txt" in report.errors[0]
        assert db.counts()["documents"] == 2


def test_error_inside_a_transaction_leaves_nothing(db):
    d = doc()
    records = extract_document(d)
    records.append({**records[0]})  # duplicate event id: the insert fails half-way
    try:
        db.add_document(d, records)
    except Exception:
        pass
    assert db.counts() == {"documents": 0, "events": 0, "quotes": 0}


def test_killed_process_leaves_no_partial_document(tmp_path):
    path = tmp_path / "k.db"
    with Database(path) as db:
        d = doc("kept")
        db.add_document(d, extract_document(d))
    script = textwrap.dedent(f"""
        import time
        from depeche.store import Database
        from depeche.model import Document
        from depeche.service import extract_document
        db = Database({str(path)!r})
        d = Document(id="killed", text={TEXT!r}, lang="fr")
        records = extract_document(d)
        real = db._insert_events
        def slow(conn, records):
            real(conn, records)
            print("inside", flush=True)
            time.sleep(30)
        db._insert_events = slow
        db.add_document(d, records)
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "inside"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    time.sleep(0.1)
    with Database(path) as db:
        ids = [r[0] for r in db.conn.execute("SELECT id FROM documents")]
        assert ids == ["kept"]
        assert db.conn.execute("SELECT count(*) FROM events WHERE doc_id = 'killed'").fetchone()[0] == 0


@pytest.mark.parametrize("start", ["fork", "spawn"])
def test_parallel_ingest_stores_the_same_as_one_worker(tmp_path, monkeypatch, start):
    corpus = str(Path(__file__).resolve().parents[1] / "data" / "incidents.jsonl")
    if start not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {start} here")
    monkeypatch.setattr(service, "_start_method", lambda: start)
    dumps = []
    for workers in (1, 2):
        with Database(tmp_path / f"w{workers}.db") as db:
            report = ingest_paths([corpus], db, workers=workers)
            assert report.added == 39 and not report.errors
            events = [r[0] for r in db.conn.execute("SELECT record FROM events ORDER BY id")]
            incidents = [tuple(r) for r in db.conn.execute("SELECT ie.event_id, ie.incident_id FROM incident_events ie "
                                                            "ORDER BY ie.event_id")]
            dumps.append((events, incidents))
    assert dumps[0] == dumps[1]


def test_a_failed_document_in_a_batch_keeps_the_others(db):
    good, last = doc("good"), doc("last", "Kyiv a condamné Moscou.")
    bad = doc("bad", TEXT + " Moscou a menacé le Kazakhstan.")
    broken = extract_document(bad)
    broken.append({**broken[0]})  # duplicate event id: this document fails half-way, inside the batch
    with db.batch():
        db.add_document(good, extract_document(good))
        try:
            db.add_document(bad, broken)
        except Exception:
            pass
        db.add_document(last, extract_document(last))
    assert [r[0] for r in db.conn.execute("SELECT id FROM documents ORDER BY id")] == ["good", "last"]
    assert db.conn.execute("SELECT count(*) FROM events WHERE doc_id = 'bad'").fetchone()[0] == 0
    assert not db.conn.in_transaction


def test_a_process_killed_mid_ingest_keeps_every_document_it_had_stored(tmp_path):
    path = tmp_path / "b.db"
    script = textwrap.dedent(f"""
        import os, signal
        from depeche.store import Database
        from depeche.model import Document
        from depeche.service import extract_document
        db = Database({str(path)!r})
        with db.batch():
            for i in range(5):
                if i == 3:
                    os.kill(os.getpid(), signal.SIGKILL)  # docs 0, 1 and 2 are each committed already
                d = Document(id=f"d{{i}}", text={TEXT!r} + " " * i, lang="fr")
                db.add_document(d, extract_document(d))
    """)
    subprocess.run([sys.executable, "-c", script])
    with Database(path) as db:
        assert [r[0] for r in db.conn.execute("SELECT id FROM documents ORDER BY id")] == ["d0", "d1", "d2"]
        assert db.conn.execute("SELECT count(DISTINCT doc_id) FROM events").fetchone()[0] == 3


def test_a_document_prepared_in_a_worker_is_stored_as_add_document_stores_it(tmp_path):
    import pickle

    from depeche.service import _extract_for_store, quote_records

    direct, prepared = Database(tmp_path / "a.db"), Database(tmp_path / "b.db")
    for i, text in enumerate((TEXT, "Moscou a menacé le Kazakhstan lundi.", TEXT + " Kyiv a condamné Moscou.")):
        d = doc(f"d{i}", text)
        records = extract_document(d)
        direct.add_document(d, records, quote_records(d))
        assert prepared.add_prepared(pickle.loads(pickle.dumps(_extract_for_store(doc(f"d{i}", text))))) == "added"
        stored = sorted((e for e in prepared.events() if e["doc_id"] == d.id), key=lambda e: e["event_id"])
        assert stored == sorted(records, key=lambda e: e["event_id"])
    for db in (direct, prepared):
        db.refresh_incidents()
    dump = lambda db: [[tuple(r) for r in db.conn.execute(sql)] for sql in (  # noqa: E731
        "SELECT id, record FROM events ORDER BY id", "SELECT record FROM quotes ORDER BY id",
        "SELECT event_id, incident_id FROM incident_events ORDER BY event_id",
        "SELECT id, fingerprint FROM documents ORDER BY id", "SELECT id, state, source_groups FROM incidents ORDER BY id")]
    assert dump(direct) == dump(prepared)


@pytest.mark.parametrize("room", [4, 10, 16])  # (the whole corpus takes some 21 pages of 8 KB)
def test_a_full_disk_mid_ingest_is_reported_and_counted_as_stored(tmp_path, room):
    """When the disk fills, the document being stored fails alone: the report counts what is stored, names
    each document that failed, and nothing raises."""
    corpus = str(Path(__file__).resolve().parents[1] / "data" / "incidents.jsonl")
    with Database(tmp_path / "full.db") as db:
        pages = db.conn.execute("PRAGMA page_count").fetchone()[0]
        db.conn.execute(f"PRAGMA max_page_count = {pages + room}")  # a disk with room for a few articles
        report = ingest_paths([corpus], db)
        stored = db.conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        events = db.conn.execute("SELECT count(*) FROM events").fetchone()[0]
    assert report.errors and all("[E400]" in e for e in report.errors)
    assert (report.added, report.events) == (stored, events)
    failed = [e for e in report.errors if "could not store document" in e]  # (and perhaps the dispute views)
    assert report.added + len(failed) == 39
    with Database(tmp_path / "full.db") as db:  # the file is sound, and ingesting again (with room) completes it
        again = ingest_paths([corpus], db)
        assert not again.errors and again.added == 39 - stored
        assert db.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_batch_keeps_its_savepoint_journals_in_memory_and_then_restores_the_default(tmp_path):
    with Database(tmp_path / "t.db") as db:
        default = db.conn.execute("PRAGMA temp_store").fetchone()[0]
        with db.batch():
            assert db.conn.execute("PRAGMA temp_store").fetchone()[0] == 2  # MEMORY
            db.add_document(doc(), extract_document(doc()))
        assert db.conn.execute("PRAGMA temp_store").fetchone()[0] == default
        assert db.counts()["documents"] == 1


# --- the lean layout: what is stored once comes back whole ----------------------------------------------------

def test_the_stored_fields_follow_the_record_writer(db):
    from depeche.io.writers import event_record
    from depeche.pipeline import process
    from depeche.store.records import EVENT_FIELDS

    d = process(doc())
    assert d.events and all(tuple(event_record(d, ev)) == EVENT_FIELDS for ev in d.events)


ODD = [  # records a caller may hand the store, each read back as given
    {"evidence": {"text": "not in the text", "start": 0, "end": 15}},
    {"evidence": {"start": 0, "end": 5, "text": "Le Ka"}},  # the spans' keys in another order
    {"trigger": None, "mention_spans": [[0, 5]], "mentions": True, "interception": 0},
    {"actor": None, "recipient": [], "equipment": [], "origin": {"text": "là"}, "claimant": {}},
    {"lang": None, "published": "2020-01-01", "source": "elsewhere", "extra": {"x": [1, 2]}},
    {"@actor": [1], "-": "marks of the stored form, given by the caller"},
    {"size": {"dead": 3, "approximate": True}, "names": ["Tiotkino"], "date_end": "2026-03-17"},
]


@pytest.mark.parametrize("change", ODD)
def test_a_record_the_document_does_not_account_for_reads_back_as_given(db, change):
    d = doc()
    records = extract_document(d)
    rec = {**records[0], **change}
    db.add_document(d, [rec, *records[1:]])
    stored = {e["event_id"]: e for e in db.events()}
    assert stored[rec["event_id"]] == rec and [stored[r["event_id"]] for r in records[1:]] == records[1:]


def test_a_record_without_some_fields_reads_back_without_them(db):
    d = doc()
    rec = {k: v for k, v in extract_document(d)[0].items() if k not in ("mode", "date", "evidence", "lang")}
    rec["evidence"] = {"text": "x", "start": 0, "end": 1}
    db.add_document(d, [rec])
    assert list(db.events()) == [rec]


def test_records_share_no_value_a_caller_could_change(db):
    d = doc()
    db.add_document(d, extract_document(d))
    first, second = list(db.events()), list(db.events())
    first[0]["actor"][0]["code"] = "XXX"
    assert second[0]["actor"][0]["code"] != "XXX" and list(db.events())[0]["actor"][0]["code"] != "XXX"


def test_text_is_stored_once(db):
    """The evidence, the trigger and the quotes' words are offsets into the document's text, read back from it;
    entities, places and weapons are stored once in `parts`, whatever the number of events naming them."""
    from depeche.service import quote_records

    d = doc(text="« Nous ne céderons pas », a déclaré le président ukrainien. " + TEXT + " " + TEXT)
    db.add_document(d, extract_document(d), quote_records(d))
    rows = db.conn.execute("SELECT record FROM events UNION ALL SELECT record FROM quotes").fetchall()
    assert rows and not any("manifestants ont défilé" in r[0] or "céderons" in r[0] for r in rows)
    values = [r[0] for r in db.conn.execute("SELECT value FROM parts")]
    assert len(values) == len(set(values)) and any("Kazakhstan" in v for v in values)
    assert [q["text"] for q in db.quotes()] == ["Nous ne céderons pas"]


def test_a_replaced_document_leaves_no_key_of_its_old_events(db):
    from depeche.store.layout import keys_sql

    d = doc()
    db.add_document(d, extract_document(d))
    d2 = doc(text="Moscou a menacé le Kazakhstan lundi.")
    db.add_document(d2, extract_document(d2))
    written = db.conn.execute("SELECT key, date, event FROM event_keys ORDER BY 1, 2, 3").fetchall()
    assert [tuple(r) for r in written] == [tuple(r) for r in db.conn.execute(
        f"SELECT * FROM ({keys_sql('1')}) ORDER BY 1, 2, 3")]
    assert not list(db.events(EventFilter(type="PROTEST")))


def test_a_search_is_words_anywhere_in_the_article_split_as_the_index_splits_them():
    db = Database()
    db.add_document(doc("spb", "Des drones ont visé Saint-Pétersbourg dans la nuit."), [])
    db.add_document(doc("other", "Le sommet de Saint-Malo a été reporté à Pétersbourg."), [])
    assert {d["id"] for d in db.search_documents("saint-petersbourg")} == {"spb", "other"}  # words, not a phrase
    assert [d["id"] for d in db.search_documents("drones Pétersbourg")] == ["spb"]
    assert "[drones]" in db.search_documents("drones")[0]["snippet"]
    assert db.search_documents("...") == db.search_documents('" OR *') == []  # no word: nothing, and no error
