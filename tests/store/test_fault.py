"""An ingest killed at random points (SIGKILL to a real `python -m depeche.cli ingest` process) and then run again
ends with exactly the database one clean run gives: documents, events, quotes, incidents and their views.

DEPECHE_FAULT_KILLS sets how many kills (20 by default, about 20 s); DEPECHE_FAULT_SEED the random seed."""
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from depeche.store import Database

CORPUS = Path(__file__).resolve().parents[1] / "data" / "incidents.jsonl"
KILLS = int(os.environ.get("DEPECHE_FAULT_KILLS", "20"))
SEED = int(os.environ.get("DEPECHE_FAULT_SEED", "27"))
DATABASES = max(5, KILLS // 4)  # the kills go round these files, a few each: most land while documents are stored

# every table's content, without the clock (ingested_at, created_at, applied_at)
DUMP = {
    "documents": "SELECT id, content_hash, title, source, url, lang, published, path, text, fingerprint, sketch "
                 "FROM documents ORDER BY id",
    "events": "SELECT id, doc_id, record FROM events ORDER BY id",
    "event_entities": "SELECT * FROM event_entities ORDER BY event_id, role, code, text",
    "quotes": "SELECT id, record FROM quotes ORDER BY id",
    "incident_events": "SELECT rowid, event_id, incident_id, grp, day, doc_id FROM incident_events "
                       "ORDER BY rowid",
    "incidents": "SELECT id, type, first_date, last_date, country, reports, documents, sources, conflicts, state, "
                 "dirty FROM incidents ORDER BY id",
    "incident_aliases": "SELECT * FROM incident_aliases ORDER BY old_id",
    "migrations": "SELECT name FROM migrations ORDER BY name",
}


def start(db: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "depeche.cli", "ingest", str(CORPUS), "--db", str(db)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def ingest(db: Path) -> float:
    """Run an ingest to its end; the seconds it took."""
    began = time.perf_counter()
    proc = start(db)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    return time.perf_counter() - began


def stored(db: Path) -> int:
    """Documents in the file, read without opening it as a store would (which could finish its migrations)."""
    if not db.exists():
        return 0
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:  # killed before its tables were made
        return 0
    finally:
        conn.close()


def dump(db: Path) -> dict[str, list[tuple]]:
    with Database(db) as store:
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        store.conn.execute("INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')")
        return {table: [tuple(r) for r in store.conn.execute(sql)] for table, sql in DUMP.items()}


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_ingest_killed_at_random_points_then_run_again_stores_what_one_clean_run_does(tmp_path):
    clean = tmp_path / "clean.db"
    spent = ingest(clean)
    expected = dump(clean)
    total = len(expected["documents"])
    rng = random.Random(SEED)
    paths = [tmp_path / f"killed-{n}.db" for n in range(DATABASES)]
    cut_short = 0  # kills that stopped a run with documents left to store
    for kill in range(KILLS):
        path = paths[kill % len(paths)]
        proc = start(path)
        time.sleep(rng.uniform(0, spent))  # anywhere from start-up and migrations to the last commit and refresh
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=60)
        cut_short += proc.returncode == -signal.SIGKILL and stored(path) < total
    for path in paths:
        ingest(path)
        assert dump(path) == expected, path.name
    assert cut_short >= KILLS // 4, f"only {cut_short} of {KILLS} kills stopped an unfinished ingest"
