"""Geocoding quality on the project's own table of place mentions (French and English sentences)."""
import csv
import math
from pathlib import Path

from conftest import run

TABLE = Path(__file__).resolve().parents[1] / "data" / "places.tsv"


def km(a, b):
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


def resolve(row):
    doc = run(row["sentence"], lang=row["lang"], published="2026-03-10")
    wanted = row["mention"].lower()
    found = [p for p in doc.mentions["place"] if wanted in p.text.lower() or p.text.lower() in wanted]
    return found[0] if found else None


def correct(row, place) -> bool:
    if place is None:
        return False
    if row["kind"] == "town":
        return place.get("lat") is not None and km((place.get("lat"), place.get("lon")),
                                                   (float(row["lat"]), float(row["lon"]))) <= 25
    if row["kind"] == "region":
        return place.get("admin1") == row["region"] or (place.get("precision") == "region" and
                                                        place.get("country") == row["country"] and
                                                        place.get("admin1") == row["region"])
    return place.get("country") == row["country"]


def accuracy():
    rows = list(csv.DictReader(TABLE.open(encoding="utf-8"), delimiter="\t"))
    by_kind: dict[str, list[bool]] = {}
    misses = []
    for row in rows:
        ok = correct(row, resolve(row))
        by_kind.setdefault(row["kind"], []).append(ok)
        if not ok:
            misses.append((row["kind"], row["mention"], row["sentence"][:80]))
    return {k: sum(v) / len(v) for k, v in by_kind.items()}, len(rows), misses


def test_place_table_meets_the_floors():
    scores, n, misses = accuracy()
    assert n >= 150
    assert scores["town"] >= 0.90 and scores["region"] >= 0.90 and scores["country"] >= 0.90, (scores, misses[:20])
