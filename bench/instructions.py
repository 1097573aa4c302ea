"""Instructions per document, counted by valgrind's callgrind: figures the machine's clock noise does not move.

    python bench/instructions.py [--docs 40] [--words 500] [--json out.json]

Each measure runs twice under callgrind on the same corpus as bench/run.py: once with a warm-up only, once with
the warm-up and --docs more documents. The difference divided by --docs is what one document costs, with
start-up, table loading and the warm-up cancelled out. Two versions compared this way differ by their code,
not by the machine's mood (a wall-clock run moves 10-25% between sittings here). Needs valgrind.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import show, write

WARM = 3
# argv: corpus, number of documents after the warm-up. Each script does the same work in both runs but for
# the measured part.
SCRIPTS = {
    "extract": ("import sys\nfrom depeche.io.readers import iter_documents\nfrom depeche.service import extract_document\n"
                "docs = list(iter_documents([sys.argv[1]]))\n"
                f"for d in docs[:{WARM} + int(sys.argv[2])]: extract_document(d)\n"),
    "floor": ("import sys\nfrom depeche.io.readers import iter_documents\nfrom depeche.text.segment import tokenize\n"
              "for i, d in enumerate(iter_documents([sys.argv[1]])):\n"
              f"    if i >= {WARM} + int(sys.argv[2]): break\n"
              "    tokenize(d.text)\n"),
    # the documents are extracted and prepared in both runs; only storing them differs
    "writer": ("import sys, tempfile\nfrom depeche.io.readers import iter_documents\n"
               "from depeche.service import _extract_for_store\nfrom depeche.store import Database\n"
               f"items = [_extract_for_store(d) for d in list(iter_documents([sys.argv[1]]))[:{WARM} + 40]]\n"
               "with Database(tempfile.mkdtemp() + '/w.db') as db, db.batch():\n"
               f"    for it in items[:{WARM} + int(sys.argv[2])]: db.add_prepared(it)\n"),
}


def count(script: str, corpus: Path, n: int) -> int:
    """Instructions callgrind counts for the whole run of `script` over `corpus` with `n` measured documents."""
    env = {**os.environ, "PYTHONHASHSEED": "0"}  # the same set and dict orders in both runs
    out = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-c",
                          script, str(corpus), str(n)], capture_output=True, text=True, env=env)
    found = re.search(r"Collected : (\d+)", out.stderr)
    if out.returncode != 0 or found is None:
        raise SystemExit(f"callgrind failed on the {script[:40]!r} run: {out.stderr[-400:]}")
    return int(found.group(1))


def per_document(name: str, corpus: Path, docs: int) -> float:
    """Millions of instructions one document costs in measure `name`."""
    script = SCRIPTS[name]
    return round((count(script, corpus, docs) - count(script, corpus, 0)) / docs / 1e6, 2)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=40, help="documents measured (at most 40 for the writer)")
    ap.add_argument("--words", type=int, default=500)
    ap.add_argument("--json", help="also write the figures to this file")
    args = ap.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (Debian: apt-get install valgrind)")
    corpus = Path(tempfile.mkdtemp(prefix="depeche-instr-")) / "corpus.jsonl"
    write(corpus, WARM + max(args.docs, 40), args.words)
    report = {f"{name}_minstr_per_doc": per_document(name, corpus, min(args.docs, 40) if name == "writer" else args.docs)
              for name in SCRIPTS}
    report["ratio_to_floor"] = round(report["extract_minstr_per_doc"] / report["floor_minstr_per_doc"], 1)
    show(report, args.json, width=25)
    return 0


if __name__ == "__main__":
    sys.exit(main())
