"""Cost at scale: a date-sorted stream of articles ingested batch after batch into one database, up to --docs.

    python bench/scale.py [--docs 200000] [--batch 1000] [--words 300] [--context 0.75] [--per-day 1000]
                          [--json out.json] [--keep]

The articles are the project's own (bench/corpus.py), about --words words each, a share --context of their
paragraphs background sentences that tell no event, so that they carry about as many events as real news
does (our extractor finds 7.5 in a real article of 280 words); --per-day of them are published each day and a
tenth recall an attack of the month before (bench/growth.py). They are made one batch at a time: memory never
holds the stream.

Each batch is written to a JSON Lines file and ingested as `depeche ingest` run once per batch does
(`ingest_paths` on a store opened for it, incident linking and the dispute views' refresh included), with one
extraction process. Printed per batch: the CPU seconds of this process per 1,000 articles (and of them the writer's: all
but extraction, which costs what the articles cost whatever is stored), its resident memory
now and at its peak, the database's size and its size per article, and the median latency of three API
queries with filters over HTTP, asked of a real `depeche serve` started on the database after the first batch
(type and country; country and a date range; words of the article and a type). At the end: the ratio of the
last batch's CPU cost to the first's (and of the mean of the last five to that of the first five, steadier on
a noisy machine), peak memory, size per article, and the p95 of each query over 50 asks with varied values.
"""
from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import Server, articles, show
from growth import EXTRACT_CPU, MONTHS, PLACES, RECALL, START, db_bytes, time_extraction

TYPES = ("ASSAULT", "COERCE", "ACCUSE", "MOBILIZE")
COUNTRIES = ("UKR", "RUS", "KAZ", "MLI", "COD")
WORDS = {"fr": ("drones", "frappe", "armée", "missiles"), "en": ("drones", "strike", "army", "missiles")}


def dated(n: int, words: int, context: float, per_day: int, recall: float = 0.1) -> Iterator[dict]:
    """The stream: n articles in date order, `per_day` a day, a share `recall` recalling last month's attack."""
    for i, doc in enumerate(articles(n, words=words, context=context)):
        day = START + dt.timedelta(days=i // per_day)
        doc["published"] = day.isoformat()
        if (i * 7919) % 1000 < recall * 1000:
            doc["text"] += "\n\n" + RECALL[doc["lang"]].format(month=MONTHS[doc["lang"]][(day.month - 2) % 12],
                                                               place=PLACES[doc["lang"]][i % 3])
        yield doc


def rss_mb() -> float:
    """This process's resident memory now (Linux), else its peak."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6
    except OSError:
        return peak_mb()


def peak_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1e6 if sys.platform == "darwin" else 1e3)


def queries(day: dt.date, k: int) -> list[tuple[str, str]]:
    """The three filtered queries, the k-th variant of each (values varied so no page is asked twice in a row),
    over the last month of the stream (`day`: its latest date)."""
    since = (day - dt.timedelta(days=30)).isoformat()
    return [("type_country", f"/api/events?type={TYPES[k % 4]}&country={COUNTRIES[k % 5]}&limit=100"),
            ("country_dates", f"/api/events?country={COUNTRIES[(k + 1) % 5]}&since={since}"
                              f"&until={day.isoformat()}&limit=100"),
            ("text_type", f"/api/events?text={WORDS['fr' if k % 2 else 'en'][k % 4]}&type={TYPES[(k + 2) % 4]}"
                          f"&limit=100")]


def latencies(server: Server, day: dt.date, asks: int) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {}
    for k in range(asks):
        for name, path in queries(day, k):
            out.setdefault(name, []).append(server.get(path)[0])
    return out


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def ingest(db_path: Path, path: Path) -> tuple[float, float]:
    """Ingest one batch file as `depeche ingest` does; the CPU seconds it took, and those of the writer (all
    but extraction, whose cost does not depend on what is stored)."""
    from depeche.service import ingest_paths
    from depeche.store import Database

    cpu = time.process_time()
    with Database(db_path) as db:
        report = ingest_paths([str(path)], db)
    if report.errors:
        raise SystemExit(f"the batch {path.name} had errors: {report.errors[:3]}")
    spent, extraction = time.process_time() - cpu, sum(EXTRACT_CPU)
    EXTRACT_CPU.clear()
    return spent, spent - extraction


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=200_000)
    ap.add_argument("--batch", type=int, default=1000)
    ap.add_argument("--words", type=int, default=300)
    ap.add_argument("--context", type=float, default=0.75, help="share of paragraphs that tell no event")
    ap.add_argument("--per-day", type=int, default=1000, help="articles published a day")
    ap.add_argument("--asks", type=int, default=3, help="asks of each query per batch")
    ap.add_argument("--json", help="also write the figures to this file")
    ap.add_argument("--keep", action="store_true", help="keep the database (its path is printed)")
    args = ap.parse_args()

    from depeche.service import extract_text

    extract_text("Moscou accuse Kyiv.", lang="fr")  # load the tables before the clock starts
    extract_text("Moscow accuses Kyiv.", lang="en")
    time_extraction()
    work = Path(tempfile.mkdtemp(prefix="depeche-scale-"))
    db_path, batch_path = work / "scale.db", work / "batch.jsonl"
    stream, rows, server, stored, events = dated(args.docs, args.words, args.context, args.per_day), [], None, 0, 0
    try:
        while stored < args.docs:
            docs = [d for _, d in zip(range(min(args.batch, args.docs - stored)), stream, strict=False)]
            batch_path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
            last_day, n = dt.date.fromisoformat(docs[-1]["published"]), len(docs)
            del docs
            gc.collect()
            cpu, writer = ingest(db_path, batch_path)
            stored += n
            server = server or Server(db_path)
            asked = latencies(server, last_day, args.asks)
            size = db_bytes(db_path)
            rows.append({"batch": len(rows) + 1, "stored": stored, "cpu_s_per_1000": round(cpu * 1000 / n, 2),
                         "writer_s_per_1000": round(writer * 1000 / n, 2),
                         "rss_mb": round(rss_mb()), "peak_mb": round(peak_mb()), "db_mb": round(size / 1e6, 1),
                         "kb_per_doc": round(size / 1e3 / stored, 2),
                         **{f"{k}_ms": round(statistics.median(v), 1) for k, v in asked.items()}})
            if len(rows) == 1:
                print(" ".join(f"{k:>16}" for k in rows[0]))
            print(" ".join(f"{v:>16}" for v in rows[-1].values()), flush=True)
        final = latencies(server, last_day, 50) if server else {}
        with __import__("sqlite3").connect(db_path) as conn:
            events = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    finally:
        if server:
            server.close()
    cost = [r["cpu_s_per_1000"] for r in rows]
    summary: dict[str, Any] = {
        "documents": stored, "events_per_doc": round(events / max(stored, 1), 2),
        "last_over_first_cpu": round(cost[-1] / cost[0], 2),
        "last5_over_first5_cpu": round(statistics.mean(cost[-5:]) / statistics.mean(cost[:5]), 2),
        "peak_rss_mb": round(peak_mb()), "kb_per_doc": rows[-1]["kb_per_doc"],
        **{f"p95_{k}_ms": round(p95(v), 1) for k, v in final.items()}}
    show(summary, None, width=24)
    if args.json:
        Path(args.json).write_text(json.dumps({"batches": rows, **summary}, indent=2), encoding="utf-8")
    if args.keep:
        print(f"database kept: {db_path}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
