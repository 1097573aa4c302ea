"""Date resolution on the project's own table of date expressions (French and English sentences)."""
import csv
from pathlib import Path

from conftest import run

TABLE = Path(__file__).resolve().parents[1] / "data" / "dates.tsv"


def test_date_table_is_at_least_95_percent_exact():
    rows = list(csv.DictReader(TABLE.open(encoding="utf-8"), delimiter="\t"))
    misses = []
    for row in rows:
        doc = run(row["sentence"], lang=row["lang"], published=row["published"])
        got = [(m.get("value"), m.get("precision")) for m in doc.mentions["date"]]
        if (row["expected"], row["precision"]) not in got:
            misses.append((row["expression"], row["published"], row["expected"], got))
    assert len(rows) >= 60
    assert 1 - len(misses) / len(rows) >= 0.95, misses
