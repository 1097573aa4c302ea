"""How ingest cost grows with the database: successive batches of new articles into one SQLite file.

    python bench/growth.py [--batches 5] [--docs 1000] [--words 500] [--per-day 100] [--recall 0.1]
                           [--workers 1] [--one-store] [--json out.json] [--keep]

Builds --batches x --docs distinct articles with bench/corpus.py and ingests them batch after batch into one
new database, as `depeche ingest` run once per batch would (`ingest_paths`, incident linking and the dispute
views refreshed at the end of each batch included), or with --one-store through one store kept open, as the
server's writer does. The articles form a stream sorted by date, as a news feed does: --per-day of them are
published each day, and a share --recall of them end with a sentence recalling an attack of the month before,
dated only to the month, as follow-ups do (such reports used to chain incidents month after month). --per-day 0
keeps the corpus's own dates, a few dozen days of 2026, so that every batch retells the stories of the same
days: the worst case for incidents, whose window then holds the whole store.

Prints, per batch, the wall seconds it took (refresh_s of them the refresh of the dispute views), the CPU
seconds of this process (less moved than the wall clock by other work on the machine) and of them those of the
writer (writer_cpu_s: all but extraction, which costs what the batch's articles cost, whatever is stored; with
--workers 1), documents a second, the database's size after it and that size divided by the documents stored
so far, and the process's peak resident memory so far (`getrusage`: a high-water mark, so a figure that stops
growing is bounded). Ends with the ratios of the last batch's seconds to the first's. One process, tables
loaded before the clock starts; each batch is timed once, so the figures carry the machine's noise.
"""
from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import resource
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

START = dt.date(2026, 1, 5)  # the first day of the dated stream
MONTHS = {"fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
                 "novembre", "décembre"),
          "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                 "November", "December")}
# what a follow-up article recalls of earlier weeks: the month only, so the report is dated to the month
RECALL = {"fr": "En {month}, des drones ukrainiens avaient déjà frappé un dépôt de carburant dans la région de {place}.",
          "en": "In {month}, Ukrainian drones had already struck a fuel depot in the {place} region."}
PLACES = {"fr": ("Belgorod", "Koursk", "Briansk"), "en": ("Belgorod", "Kursk", "Bryansk")}


def db_bytes(path: Path) -> int:
    """The database file with its write-ahead log."""
    return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())


def peak_mb() -> float:
    """This process's peak resident memory so far (Linux reports KB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1e6 if sys.platform == "darwin" else 1e3)


def timing(fn: Callable[..., Any], spent: list[float], clock: Callable[[], float] = time.perf_counter
           ) -> Callable[..., Any]:
    """`fn`, which also appends the seconds each call takes (by `clock`) to `spent`."""
    def timed(*args: Any) -> Any:
        start = clock()
        try:
            return fn(*args)
        finally:
            spent.append(clock() - start)
    return timed


EXTRACT_CPU: list[float] = []  # CPU seconds of each extraction in this process (one worker)


def time_extraction() -> None:
    """Time the extraction of each document apart, so that the writer's own CPU (linking, statements, dispute
    views) shows: the documents of two batches differ, and so does what extracting them costs."""
    from depeche import service

    service._extract_for_store = timing(service._extract_for_store, EXTRACT_CPU, time.process_time)


def stream(n: int, words: int, per_day: int, recall: float) -> list[dict]:
    """n bench articles in date order, `per_day` published each day (0: the corpus's own dates); a share
    `recall` of them ends with a sentence recalling an attack of the month before, dated to the month only
    (as news does: 'in March, drones had already struck'), which can link incidents a month apart."""
    docs = build(n, words=words)
    if per_day <= 0:
        return docs
    for i, doc in enumerate(docs):
        day = START + dt.timedelta(days=i // per_day)
        doc["published"] = day.isoformat()
        if (i * 7919) % 1000 < recall * 1000:  # spread evenly, the same articles in every run
            month = MONTHS[doc["lang"]][(day.month - 2) % 12]
            place = PLACES[doc["lang"]][i % 3]
            doc["text"] += "\n\n" + RECALL[doc["lang"]].format(month=month, place=place)
    return docs


def write_batches(work: Path, docs: list[dict], batches: int, size: int) -> list[Path]:
    files = []
    for b in range(batches):
        files.append(work / f"batch-{b}.jsonl")
        part = docs[b * size:(b + 1) * size]
        files[-1].write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in part), encoding="utf-8")
    return files


def open_store(db_path: Path) -> Any:
    """The store, its dispute-view refreshes timed apart (their seconds gather in its `refresh_spent`)."""
    from depeche.store import Database

    db = Database(db_path)
    db.refresh_spent = []
    db.refresh_incidents = timing(db.refresh_incidents, db.refresh_spent)
    return db


def run_batch(db_path: Path, path: Path, workers: int, store: Any = None) -> dict[str, float]:
    """Ingest one batch file as `depeche ingest` does (into `store`, kept open, if given): its wall, CPU and
    dispute-view seconds."""
    from depeche.service import ingest_paths

    start, cpu = time.perf_counter(), time.process_time()
    db = store or open_store(db_path)
    report = ingest_paths([str(path)], db, workers=workers)
    if store is None:
        db.close()
    spent = {"seconds": time.perf_counter() - start, "cpu_s": time.process_time() - cpu,
             "refresh_s": sum(db.refresh_spent), "extract_s": sum(EXTRACT_CPU)}
    db.refresh_spent.clear()
    EXTRACT_CPU.clear()
    if store is None:  # its timing wrapper holds the store: freed now, as the end of a process would
        del db.refresh_incidents
        gc.collect()
    if report.errors:
        raise SystemExit(f"the batch {path.name} had errors: {report.errors[:3]}")
    return spent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--batches", type=int, default=5)
    ap.add_argument("--docs", type=int, default=1000, help="articles per batch")
    ap.add_argument("--words", type=int, default=500)
    ap.add_argument("--per-day", type=int, default=100, help="articles published a day (0: the corpus's dates)")
    ap.add_argument("--recall", type=float, default=0.1,
                    help="share of the dated articles that recall an attack of the month before")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--one-store", action="store_true",
                    help="one store open for every batch, as a long-running writer (the server's) keeps it")
    ap.add_argument("--json", help="also write the figures to this file")
    ap.add_argument("--keep", action="store_true", help="keep the database (its path is printed)")
    args = ap.parse_args()

    from depeche.service import extract_text

    work = Path(tempfile.mkdtemp(prefix="depeche-growth-"))
    files = write_batches(work, stream(args.batches * args.docs, args.words, args.per_day, args.recall),
                          args.batches, args.docs)
    gc.collect()  # the articles are on disk now: the process holds no more of them than one batch's
    extract_text("Moscou accuse Kyiv.", lang="fr")  # load the tables before the clock starts
    extract_text("Moscow accuses Kyiv.", lang="en")
    time_extraction()
    db_path = work / "growth.db"
    rows = []
    store = open_store(db_path) if args.one_store else None
    for b, path in enumerate(files):
        spent = run_batch(db_path, path, args.workers, store)
        stored, size = (b + 1) * args.docs, db_bytes(db_path)
        rows.append({"batch": b + 1, "stored": stored, "seconds": round(spent["seconds"], 1),
                     "cpu_s": round(spent["cpu_s"], 1), "writer_cpu_s": round(spent["cpu_s"] - spent["extract_s"], 1),
                     "refresh_s": round(spent["refresh_s"], 1),
                     "docs_per_s": round(args.docs / spent["seconds"]), "db_mb": round(size / 1e6, 1),
                     "kb_per_doc": round(size / 1e3 / stored, 1), "peak_mb": round(peak_mb())})
        if b == 0:
            print(" ".join(f"{k:>12}" for k in rows[0]))
        print(" ".join(f"{v:>12}" for v in rows[-1].values()), flush=True)
    if store is not None:
        store.close()
    with sqlite3.connect(db_path) as conn:
        counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                  for t in ("documents", "events", "incidents")}
    ratios = {f"last_over_first_{k}": round(rows[-1][k] / rows[0][k], 2) for k in ("seconds", "cpu_s", "writer_cpu_s")}
    show({**counts, **ratios}, None, width=30)
    if args.json:
        Path(args.json).write_text(json.dumps({"batches": rows, **counts, **ratios}, indent=2), encoding="utf-8")
    if args.keep:
        print(f"database kept: {db_path}")
    else:
        shutil.rmtree(work, ignore_errors=True)  # the database is hundreds of MB
    return 0


if __name__ == "__main__":
    sys.exit(main())
