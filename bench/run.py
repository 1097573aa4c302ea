"""One-command benchmark: throughput (extract, extract+store), start-up, peak memory, and the read+tokenize floor.

    python bench/run.py [--docs 1000] [--runs 3] [--words 500] [--json out.json]

Each figure is the median of --runs runs, measured on one core (one process). The corpus is built from the
project's own articles with names and numbers varied (bench/corpus.py), so caches cannot replay documents.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import build  # noqa: E402

STARTUP = ("import time; t = time.perf_counter(); from depeche.service import extract_text; "
           "extract_text('Le Kazakhstan a démenti lundi les accusations de Moscou.', lang='fr', "
           "published='2026-03-17'); print(time.perf_counter() - t)")
PEAK = ("import json, resource, sys; from depeche.io.readers import iter_documents; "
        "from depeche.service import extract_document\n"
        "for doc in iter_documents([sys.argv[1]]): extract_document(doc)\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)")


def _read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def floor(path: Path) -> float:
    """Read the corpus and tokenize every text: the least any extractor has to do."""
    from depeche.text.segment import tokenize

    start = time.perf_counter()
    for item in _read(path):
        tokenize(item["text"])
    return time.perf_counter() - start


def extract(path: Path) -> float:
    from depeche.io.readers import iter_documents
    from depeche.service import extract_document

    start = time.perf_counter()
    for doc in iter_documents([str(path)]):
        extract_document(doc)
    return time.perf_counter() - start


def extract_store(path: Path, db_path: Path) -> float:
    from depeche.service import ingest_paths
    from depeche.store import Database

    if db_path.exists():
        db_path.unlink()
    start = time.perf_counter()
    with Database(db_path) as db:
        report = ingest_paths([str(path)], db)
    assert not report.errors, report.errors[:3]
    return time.perf_counter() - start


def subprocess_number(code: str, *args: str) -> float:
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--words", type=int, default=500)
    ap.add_argument("--json", help="also write the figures to this file")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="depeche-bench-"))
    corpus = work / "corpus.jsonl"
    docs = build(args.docs, words=args.words)
    corpus.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in docs) + "\n", encoding="utf-8")
    megabytes = corpus.stat().st_size / 1e6
    extract(corpus)  # warm: tables, gazetteer, caches of the first process
    runs = {"floor": [], "extract": [], "extract+store": [], "startup": [], "peak_mb": []}
    for _ in range(args.runs):
        runs["floor"].append(floor(corpus))
        runs["extract"].append(extract(corpus))
        runs["extract+store"].append(extract_store(corpus, work / "bench.db"))
        runs["startup"].append(subprocess_number(STARTUP))
        runs["peak_mb"].append(subprocess_number(PEAK, str(corpus)))
    med = {k: statistics.median(v) for k, v in runs.items()}
    words = sum(len(d["text"].split()) for d in docs) / len(docs)
    report = {
        "documents": args.docs, "mean_words": round(words), "megabytes": round(megabytes, 2), "runs": args.runs,
        "cpu_count": os.cpu_count(), "python": sys.version.split()[0],
        "floor_docs_per_s": round(args.docs / med["floor"]),
        "extract_docs_per_s": round(args.docs / med["extract"]), "extract_mb_per_s": round(megabytes / med["extract"], 2),
        "store_docs_per_s": round(args.docs / med["extract+store"]),
        "store_mb_per_s": round(megabytes / med["extract+store"], 2),
        "ratio_to_floor": round(med["extract"] / med["floor"], 1),
        "startup_s": round(med["startup"], 2), "peak_memory_mb": round(med["peak_mb"]),
    }
    for key, value in report.items():
        print(f"{key:20} {value}")
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
