"""Peak memory against input size: the JSONL reader over a big file, and `depeche extract` / `ingest` over two sizes.

    python bench/memory.py [--mb 500] [--small-mb 50] [--extract-mb 20] [--extract-small-mb 5] [--ingest]
                           [--json out.json]

Writes JSONL files of generated articles (short texts written for this benchmark, never news) to a temporary
folder, then measures each run in a process of its own. Memory is flat when the peaks for the small and the
big file are equal: reading keeps one chunk and one line, extraction one document at a time. Figures:

- reader_{N}mb: `iter_documents` over the file (read, decode, parse, check each line), documents counted;
- extract_{N}mb: `depeche extract FILE -o /dev/null`, the whole pipeline, records written as they come;
- ingest_{N}mb (with --ingest): `depeche ingest FILE --db TMP` into a new database.

Peak RSS is the child's maximum resident set (getrusage RUSAGE_CHILDREN, read in a fresh wrapper process for
each run, so that one run's peak cannot hide another's). Seconds are wall time, for scale only. The one part
of reading that grows is the table of ids read, kept to warn of duplicates: 8 to 16 bytes a document, 24 while
the table doubles (12 MB at 574,000 documents). Ingest adds the store's share: SQLite's page cache, which fills
up to its 64 MB, and what the incident linking keeps.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import show

MB = 1024 * 1024
# runs the command given and prints the peak resident memory of its process tree, in MB (Linux: KB units)
WRAPPER = ("import resource, subprocess, sys\n"
           "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
           "kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
           "print(kb / 1024 / (1024 if sys.platform == 'darwin' else 1), code)\n")
READER = ("import sys\n"
          "from depeche.io.readers import ReadOptions, iter_documents\n"
          "n = sum(1 for d in iter_documents([sys.argv[1]], ReadOptions(warn=lambda w: None))\n"
          "        if not hasattr(d, 'code'))\n"
          "print(n, file=sys.stderr)\n")

FR = {
    "who": ["Le conseil municipal de {town}", "Les éleveurs de la région de {town}", "Le syndicat des chauffeurs",
            "La préfecture de {region}", "Un collectif d'habitants de {town}", "Les enseignants du lycée de {town}",
            "Le ministre de l'Agriculture", "La présidente de la région {region}", "Les pêcheurs du port de {town}"],
    "did": ["a rencontré", "a protesté devant", "a demandé une aide à", "a critiqué", "a signé un accord avec",
            "a reçu", "a manifesté contre la décision de", "a menacé de poursuivre"],
    "whom": ["la direction de l'usine", "le gouvernement", "les élus de {town}", "la société des eaux",
             "le ministère de la Santé", "les représentants de la chambre de commerce"],
    "when": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "hier soir", "ce matin"],
    "more": ["Environ {n} personnes étaient présentes.", "La réunion a duré {n} heures.",
             "Une nouvelle rencontre est prévue dans {n} jours.", "Le dossier est ouvert depuis {n} mois.",
             "Selon les organisateurs, {n} familles sont concernées.", "Aucun incident n'a été signalé.",
             "Les discussions reprendront la semaine prochaine.", "Le maire n'a pas souhaité commenter."],
    "towns": ["Quimper", "Vannes", "Albi", "Colmar", "Périgueux", "Laval", "Tulle", "Auxerre", "Dax", "Gap"],
    "regions": ["Bretagne", "Occitanie", "Normandie", "Grand Est", "Auvergne"],
}
EN = {
    "who": ["The town council of {town}", "Dairy farmers near {town}", "The bus drivers' union",
            "The county council of {region}", "A group of residents in {town}", "Teachers at the {town} college",
            "The transport minister", "The mayor of {town}", "Fishermen in the port of {town}"],
    "did": ["met", "protested outside the offices of", "asked for help from", "criticised", "signed a deal with",
            "welcomed", "demonstrated against", "threatened to sue"],
    "whom": ["the factory's managers", "the government", "councillors in {town}", "the water company",
             "the health ministry", "the chamber of commerce"],
    "when": ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday", "last night"],
    "more": ["About {n} people attended.", "The meeting lasted {n} hours.", "Talks will resume in {n} days.",
             "The dispute has run for {n} months.", "Organisers said {n} families were affected.",
             "No incidents were reported.", "A spokesperson declined to comment.", "A vote is due next week."],
    "towns": ["Leeds", "Hull", "Derby", "Exeter", "Bangor", "Perth", "Truro", "Lincoln", "Wells", "Ripon"],
    "regions": ["Yorkshire", "Devon", "Kent", "Cumbria", "Norfolk"],
}


def article(rng: random.Random, i: int) -> dict:
    """A short article: a headline, then sentences built from the tables above, names and numbers varied."""
    lang, words = ("fr", FR) if i % 2 == 0 else ("en", EN)
    fill = {"town": rng.choice(words["towns"]), "region": rng.choice(words["regions"]), "n": rng.randint(2, 900)}
    lines = []
    for _ in range(rng.randint(3, 9)):
        lines.append(f"{rng.choice(words['who'])} {rng.choice(words['did'])} {rng.choice(words['whom'])} "
                     f"{rng.choice(words['when'])}.".format(**fill))
        lines.append(rng.choice(words["more"]).format(**fill))
        fill["n"] = rng.randint(2, 900)
    # in date order, 200 a day, as a news feed comes: the store keeps only recent incidents at hand
    published = (dt.date(2026, 1, 1) + dt.timedelta(days=i // 200)).isoformat()
    return {"id": f"mem-{i:07d}", "lang": lang, "published": published, "title": lines[0], "text": "\n\n".join(lines)}


def write_jsonl(path: Path, mb: float, seed: int = 11) -> int:
    """Articles appended to `path` until it holds `mb` megabytes; returns how many."""
    rng, n, size = random.Random(seed), 0, 0
    with open(path, "w", encoding="utf-8") as f:
        while size < mb * MB:
            line = json.dumps(article(rng, n), ensure_ascii=False) + "\n"
            f.write(line)
            size += len(line.encode())
            n += 1
    return n


def peak(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Peak RSS in MB of `command` (run by a fresh wrapper process), and its wall time in seconds."""
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", WRAPPER, *command], capture_output=True, text=True, check=True,
                         env=env)
    seconds = time.perf_counter() - start
    mb, code = out.stdout.split()
    if code != "0":
        raise SystemExit(f"{command} failed with status {code}")
    return round(float(mb), 1), round(seconds, 1)


DEPECHE = str(Path(sys.executable).with_name("depeche"))


def measure(work: Path, sizes: list[float], what: str, report: dict, env: dict[str, str]) -> None:
    depeche = DEPECHE
    for mb in sizes:
        path = work / f"articles-{mb:g}mb.jsonl"
        if not path.exists():
            report[f"docs_{mb:g}mb"] = write_jsonl(path, mb)
        if what == "reader":
            command = [sys.executable, "-c", READER, str(path)]
        elif what == "extract":
            command = [depeche, "extract", str(path), "-o", "/dev/null"]
        else:
            command = [depeche, "ingest", str(path), "--db", str(work / f"ingest-{mb:g}.db")]
        report[f"{what}_{mb:g}mb_peak_rss_mb"], report[f"{what}_{mb:g}mb_seconds"] = peak(command, env)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=500, help="size of the big file the reader goes through")
    ap.add_argument("--small-mb", type=float, default=50, help="the reader's small file")
    ap.add_argument("--extract-mb", type=float, default=20, help="the big file for extract (and ingest)")
    ap.add_argument("--extract-small-mb", type=float, default=5, help="the small file for extract (and ingest)")
    ap.add_argument("--ingest", action="store_true", help="also ingest the extract files into new databases")
    ap.add_argument("--json", help="also write the figures to this file")
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="depeche-memory-"))
    # the gazetteer is built before any measure (its build is not what is measured), never in the user's home
    env = {**os.environ, "DEPECHE_CACHE": os.environ.get("DEPECHE_CACHE") or str(work / "cache")}
    report: dict = {}
    try:
        subprocess.run([DEPECHE, "gazetteer", "build"], env=env, check=True, stdout=subprocess.DEVNULL)
        measure(work, [args.small_mb, args.mb], "reader", report, env)
        measure(work, [args.extract_small_mb, args.extract_mb], "extract", report, env)
        if args.ingest:
            measure(work, [args.extract_small_mb, args.extract_mb], "ingest", report, env)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    show(report, args.json, width=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
