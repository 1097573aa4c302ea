"""One-command benchmark: throughput (extract, extract+store), start-up, peak memory, and the read+tokenize floor.

    python bench/run.py [--docs 1000] [--runs 3] [--words 500] [--json out.json]

Each figure is the median of --runs runs, measured on one core (one process, tables loaded), except
store_2_workers: `ingest --workers 2`, two extraction processes (started inside the timing; on Linux they are
forked and share the tables already loaded, elsewhere spawned and load their own) and the writer. The floor
and extract are timed in turn on each chunk of 50 articles, and the ratio is taken run by run. The corpus
is built from the project's own articles with names and numbers varied (bench/corpus.py), so caches cannot
replay documents. stage_ms_per_doc is one more pass that times each pipeline stage.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import show, write

STARTUP = ("import time; t = time.perf_counter(); from depeche.service import extract_text; "
           "extract_text('Le Kazakhstan a démenti lundi les accusations de Moscou.', lang='fr', "
           "published='2026-03-17'); print(time.perf_counter() - t)")
# ru_maxrss survives exec, so a child started by a big parent would report the parent's peak. Linux's
# VmHWM is the high-water mark of the process's own memory map, which exec starts afresh.
PEAK_MB = ("import resource\n"
           "def peak_mb():\n"
           "    try:\n"
           "        with open('/proc/self/status') as f:\n"
           "            return next(int(l.split()[1]) for l in f if l.startswith('VmHWM:')) / 1024\n"
           "    except (OSError, StopIteration):\n"
           "        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024\n")
PEAK = PEAK_MB + ("import sys; from depeche.io.readers import iter_documents; from depeche.service import extract_document\n"
                  "for doc in iter_documents([sys.argv[1]]): extract_document(doc)\n"
                  "print(peak_mb())")


def floor(path: Path) -> float:
    """Read the corpus with the project's reader and tokenize every text: the least any extractor has to do."""
    from depeche.io.readers import iter_documents
    from depeche.text.segment import tokenize

    start = time.perf_counter()
    for doc in iter_documents([str(path)]):
        tokenize(doc.text)
    return time.perf_counter() - start


def extract(path: Path) -> float:
    from depeche.io.readers import iter_documents
    from depeche.service import extract_document

    start = time.perf_counter()
    for doc in iter_documents([str(path)]):
        extract_document(doc)
    return time.perf_counter() - start


def paired(chunks: list[Path]) -> tuple[float, float]:
    """The floor and extract, timed in turn on each chunk of the corpus: both see the same state of the
    machine, whose speed drifts by a fifth or more within a minute, so their ratio holds still."""
    spent_floor = spent_extract = 0.0
    for chunk in chunks:
        spent_floor += floor(chunk)
        spent_extract += extract(chunk)
    return spent_floor, spent_extract


def split(corpus: Path, size: int = 50) -> list[Path]:
    """The corpus as files of `size` articles, next to it."""
    lines = corpus.read_text(encoding="utf-8").splitlines(keepends=True)
    out = []
    for n in range(0, len(lines), size):
        out.append(corpus.with_name(f"chunk-{n // size:04d}.jsonl"))
        out[-1].write_text("".join(lines[n:n + size]), encoding="utf-8")
    return out


def extract_store(path: Path, db_path: Path, workers: int = 1) -> tuple[float, float]:
    """Extract and store as `depeche ingest --workers N` does, in a process of its own (a fresh writer):
    seconds spent, and the writer process's peak memory in MB."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    code = PEAK_MB + ("import sys, time; from depeche.service import extract_text, ingest_paths\n"
            "from depeche.store import Database\n"
            "extract_text('Moscou accuse Kyiv.', lang='fr'); extract_text('Moscow accuses Kyiv.', lang='en')\n"
            "t = time.perf_counter()\n"
            "with Database(sys.argv[2]) as db: r = ingest_paths([sys.argv[1]], db, workers=int(sys.argv[3]))\n"
            "assert not r.errors, r.errors[:3]\n"
            "print(time.perf_counter() - t, peak_mb())")
    spent, peak = subprocess_numbers(code, str(path), str(db_path), str(workers))
    return spent, peak


def stage_costs(path: Path) -> dict[str, float]:
    """Milliseconds per document spent in each pipeline stage (one pass, after the warm-up)."""
    from depeche.io.readers import iter_documents
    from depeche.pipeline import default_pipeline

    pipeline, spent, n = default_pipeline(), {}, 0
    for doc in iter_documents([str(path)]):
        n += 1
        for st in pipeline.stages:
            t = time.perf_counter()
            doc = st(doc)
            spent[st.name] = spent.get(st.name, 0.0) + time.perf_counter() - t
    return {k.split(".")[1]: round(1000 * v / n, 2) for k, v in sorted(spent.items(), key=lambda kv: -kv[1])}


def cpu_model() -> str:
    """The processor's model name as Linux reports it (empty elsewhere)."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            return next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), "")
    except OSError:
        return ""


def subprocess_numbers(code: str, *args: str) -> list[float]:
    """The numbers on the last line a fresh interpreter running `code` prints."""
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"a measuring process failed:\n{out.stderr[-2000:]}")
    return [float(x) for x in out.stdout.strip().splitlines()[-1].split()]


def subprocess_number(code: str, *args: str) -> float:
    return subprocess_numbers(code, *args)[0]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--words", type=int, default=500)
    ap.add_argument("--json", help="also write the figures to this file")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="depeche-bench-"))
    corpus = work / "corpus.jsonl"
    docs = write(corpus, args.docs, args.words)
    megabytes = corpus.stat().st_size / 1e6
    chunks = split(corpus)
    extract(corpus)  # warm: tables, gazetteer, caches of the first process
    runs: dict[str, list[float]] = {k: [] for k in ("floor", "extract", "ratio", "store", "store2", "startup",
                                                    "peak_mb", "store_peak_mb")}
    for _ in range(args.runs):
        spent_floor, spent_extract = paired(chunks)
        runs["floor"].append(spent_floor)
        runs["extract"].append(spent_extract)
        runs["ratio"].append(spent_extract / spent_floor)
        spent_store, store_peak = extract_store(corpus, work / "bench.db")
        runs["store"].append(spent_store)
        runs["store_peak_mb"].append(store_peak)
        runs["store2"].append(extract_store(corpus, work / "bench2.db", workers=2)[0])
        runs["startup"].append(subprocess_number(STARTUP))
        runs["peak_mb"].append(subprocess_number(PEAK, str(corpus)))
    med = {k: statistics.median(v) for k, v in runs.items()}
    words = sum(len(d["text"].split()) for d in docs) / len(docs)
    per_s = lambda key: round(args.docs / med[key])  # noqa: E731
    report = {
        "documents": args.docs, "mean_words": round(words), "megabytes": round(megabytes, 2), "runs": args.runs,
        "cpu_count": os.cpu_count(), "cpu_model": cpu_model(), "python": sys.version.split()[0],
        "floor_docs_per_s": per_s("floor"),
        "extract_docs_per_s": per_s("extract"), "extract_mb_per_s": round(megabytes / med["extract"], 2),
        "store_docs_per_s": per_s("store"), "store_mb_per_s": round(megabytes / med["store"], 2),
        "store_2_workers_docs_per_s": per_s("store2"),
        "ratio_to_floor": round(med["ratio"], 1),
        "ratio_each_run": [round(r, 1) for r in runs["ratio"]],
        "extract_each_run": [round(args.docs / t) for t in runs["extract"]],
        "startup_s": round(med["startup"], 2), "peak_memory_mb": round(med["peak_mb"]),
        "store_peak_memory_mb": round(med["store_peak_mb"]),
        "stage_ms_per_doc": stage_costs(corpus),
    }
    show(report, args.json)
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
