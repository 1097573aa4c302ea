"""How ingest cost grows with the database: successive batches of new articles into one SQLite file.

    python bench/growth.py [--batches 5] [--docs 1000] [--words 500] [--workers 1] [--json out.json]

Builds --batches x --docs distinct articles with bench/corpus.py and ingests them batch after batch into one
new database, as `depeche ingest` run once per batch would (`ingest_paths`, incident linking and the dispute
views refreshed at the end of each batch included). Prints, per batch, the seconds it took (refresh_s of them
the refresh of the dispute views), documents a second, the database's size after it and that size divided by
the documents stored so far. One process, tables loaded before the clock starts; each batch is timed once, so
the figures carry the machine's noise.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import build, show


def db_bytes(path: Path) -> int:
    """The database file with its write-ahead log."""
    return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())


def timing(fn: Callable[[], Any], spent: list[float]) -> Callable[[], Any]:
    """`fn`, which also appends the seconds each call takes to `spent`."""
    def timed() -> Any:
        start = time.perf_counter()
        try:
            return fn()
        finally:
            spent.append(time.perf_counter() - start)
    return timed


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--batches", type=int, default=5)
    ap.add_argument("--docs", type=int, default=1000, help="articles per batch")
    ap.add_argument("--words", type=int, default=500)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--json", help="also write the figures to this file")
    args = ap.parse_args()

    from depeche.service import extract_text, ingest_paths
    from depeche.store import Database

    work = Path(tempfile.mkdtemp(prefix="depeche-growth-"))
    docs = build(args.batches * args.docs, words=args.words)
    files = []
    for b in range(args.batches):
        files.append(work / f"batch-{b}.jsonl")
        part = docs[b * args.docs:(b + 1) * args.docs]
        files[-1].write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in part), encoding="utf-8")
    extract_text("Moscou accuse Kyiv.", lang="fr")  # load the tables before the clock starts
    extract_text("Moscow accuses Kyiv.", lang="en")
    db_path = work / "growth.db"
    rows = []
    for b, path in enumerate(files):
        start = time.perf_counter()
        with Database(db_path) as db:
            timed: list[float] = []
            db.refresh_incidents = timing(db.refresh_incidents, timed)  # the dispute views, timed apart
            report = ingest_paths([str(path)], db, workers=args.workers)
        spent = time.perf_counter() - start
        assert not report.errors, report.errors[:3]
        stored = (b + 1) * args.docs
        size = db_bytes(db_path)
        rows.append({"batch": b + 1, "stored": stored, "seconds": round(spent, 1), "refresh_s": round(sum(timed), 1),
                     "docs_per_s": round(args.docs / spent), "ms_per_doc": round(1000 * spent / args.docs, 1),
                     "db_mb": round(size / 1e6, 1), "kb_per_doc": round(size / 1e3 / stored, 1)})
        if b == 0:
            print(" ".join(f"{k:>10}" for k in rows[0]))
        print(" ".join(f"{v:>10}" for v in rows[-1].values()), flush=True)
    with sqlite3.connect(db_path) as conn:
        counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                  for t in ("documents", "events", "incidents")}
    show(counts, None)
    if args.json:
        Path(args.json).write_text(json.dumps({"batches": rows, **counts}, indent=2), encoding="utf-8")
    shutil.rmtree(work, ignore_errors=True)  # the database is hundreds of MB
    return 0


if __name__ == "__main__":
    sys.exit(main())
