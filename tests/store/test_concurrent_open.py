"""Several processes opening one new database file at the same moment: each gets a migrated store, none an error."""
import multiprocessing
import sqlite3

import pytest

from depeche.errors import StoreError
from depeche.store import Database, database
from depeche.store.migrations import MIGRATIONS

ROUNDS, PROCESSES = 20, 4


def _open_each(paths: list[str], barrier, results) -> None:
    """In a child: open each new file as the other children do, all released together by the barrier."""
    for path in paths:
        barrier.wait()
        try:
            with Database(path) as db:
                results.put((path, db.migrations(), None))
        except Exception as exc:  # the test shows it, whatever it is
            results.put((path, None, f"{type(exc).__name__}: {exc}"))


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")
def test_processes_opening_a_new_file_together_all_get_it_migrated(tmp_path):
    ctx = multiprocessing.get_context("fork")
    paths = [str(tmp_path / f"new-{n}.db") for n in range(ROUNDS)]
    barrier, results = ctx.Barrier(PROCESSES), ctx.Queue()
    children = [ctx.Process(target=_open_each, args=(paths, barrier, results)) for _ in range(PROCESSES)]
    for child in children:
        child.start()
    outcomes = [results.get(timeout=60) for _ in range(ROUNDS * PROCESSES)]
    for child in children:
        child.join(timeout=60)
    errors = [f"{path}: {error}" for path, _, error in outcomes if error]
    assert not errors, errors[:3]
    assert all(names == [name for name, _ in MIGRATIONS] for _, names, _ in outcomes)
    for path in paths:  # each migration ran once: its record is there once, and the schema is whole
        with Database(path) as db:
            assert db.conn.execute("SELECT count(*) FROM migrations").fetchone()[0] == len(MIGRATIONS)
            assert db.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert db.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_database_locked_for_too_long_says_so_rather_than_blame_the_file(tmp_path, monkeypatch):
    monkeypatch.setattr(database, "BUSY_TIMEOUT", 0.2)
    path = tmp_path / "held.db"
    with Database(path) as db:  # a store with one migration left to apply (005 can run again: it is idempotent)
        db.conn.execute("DELETE FROM migrations WHERE name = ?", (MIGRATIONS[-1][0],))
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process writing, and not letting go
    with pytest.raises(StoreError) as err:
        Database(path)
    holder.execute("ROLLBACK")
    holder.close()
    assert "[E400]" in str(err.value) and "write lock" in str(err.value) and "SQLite file" not in str(err.value)
