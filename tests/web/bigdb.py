"""A synthetic desk database of N events, written through `Database.add_document` without running the extractor."""
from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from depeche.model import Document
from depeche.store import Database

PER_DOC = 10  # events an article tells
START, DAYS = dt.date(2024, 1, 1), 730
UNPLACED, COUNTRY_ONLY = 0.12, 0.05  # shares of events with no place, and with a country but no coordinates
SATELLITES = 6  # places around each town, so that zooming in splits its cluster
HAMLETS, IN_HAMLETS = 40, 0.08  # small places around each town, few events each (the map's spiders); their share

# (name, country, lat, lon): where the synthetic events happen, thickest in eastern Ukraine as in real news
TOWNS = (
    ("Kharkiv", "UKR", 49.98, 36.25), ("Donetsk", "UKR", 48.0, 37.8), ("Kramatorsk", "UKR", 48.72, 37.56),
    ("Pokrovsk", "UKR", 48.28, 37.18), ("Zaporizhzhia", "UKR", 47.84, 35.14), ("Kherson", "UKR", 46.64, 32.61),
    ("Odesa", "UKR", 46.48, 30.72), ("Kyiv", "UKR", 50.45, 30.52), ("Belgorod", "RUS", 50.6, 36.59),
    ("Kursk", "RUS", 51.73, 36.19), ("Moscow", "RUS", 55.75, 37.62), ("Bamako", "MLI", 12.65, -8.0),
    ("Gao", "MLI", 16.27, -0.04), ("Goma", "COD", -1.68, 29.22), ("Khartoum", "SDN", 15.5, 32.56),
    ("Almaty", "KAZ", 43.24, 76.89), ("Paris", "FRA", 48.86, 2.35), ("Nairobi", "KEN", -1.29, 36.82),
    ("Beirut", "LBN", 33.89, 35.5), ("Sanaa", "YEM", 15.37, 44.19),
)
WEIGHTS = (9, 9, 7, 7, 6, 5, 4, 5, 5, 4, 2, 3, 2, 3, 3, 1, 1, 2, 2, 2)
COUNTRIES = {"UKR": "Ukraine", "RUS": "Russia", "MLI": "Mali", "COD": "DR Congo", "SDN": "Sudan", "KAZ": "Kazakhstan",
             "FRA": "France", "KEN": "Kenya", "LBN": "Lebanon", "YEM": "Yemen"}
SECTORS = ("GOV", "MIL", "REB", "CVL")
# the words are this project's own: (type, trigger, sentence with {actor}, {target}, {place}, {n})
SENTENCES = (
    ("ASSAULT", "struck", "Units of {actor} struck positions of {target} near {place}, bulletin {n} says."),
    ("ASSAULT", "shelled", "Artillery of {actor} shelled the outskirts of {place} overnight (note {n})."),
    ("COERCE", "detained", "Officers of {actor} detained several people in {place}, according to memo {n}."),
    ("PROTEST", "marched", "Hundreds marched in {place} against {target}, organisers said in leaflet {n}."),
    ("ACCUSE", "accused", "{actor} accused {target} of breaking the truce around {place} (statement {n})."),
    ("MOBILIZE", "massed", "{actor} massed armour close to {place}, satellite note {n} shows."),
    ("THREATEN", "warned", "{actor} warned {target} of reprisals over {place} in message {n}."),
    ("AID", "delivered", "{actor} delivered food and medicine to {place} for {target}, convoy log {n} says."),
)
FACTUALITY = ("fact",) * 7 + ("possible", "possible", "denied", "future")


def _near(name: str, cc: str, lat: float, lon: float, rng: random.Random, spread: float) -> dict[str, Any]:
    return {"text": name, "name": name, "country": cc, "precision": "city",
            "lat": round(lat + rng.uniform(-spread, spread), 4), "lon": round(lon + rng.uniform(-spread, spread) * 1.4, 4)}


def places(rng: random.Random) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Each town and its satellites, and the hamlets around the towns, as the gazetteer's place records look."""
    spots, hamlets = [], []
    for name, cc, lat, lon in TOWNS:
        spots.append(_near(name, cc, lat, lon, rng, 0))
        spots += [_near(f"{name} area {k}", cc, lat, lon, rng, 0.6) for k in range(1, SATELLITES + 1)]
        hamlets += [_near(f"{name} hamlet {k}", cc, lat, lon, rng, 1.2) for k in range(1, HAMLETS + 1)]
    return spots, hamlets


def _entity(cc: str, rng: random.Random) -> dict[str, Any]:
    return {"code": cc, "sector": rng.choice(SECTORS), "text": COUNTRIES[cc], "name": COUNTRIES[cc]}


def _location(rng: random.Random, spots: list[dict[str, Any]], weights: list[int], hamlets: list[dict[str, Any]]
              ) -> dict[str, Any] | None:
    roll = rng.random()
    if roll < UNPLACED:
        return None
    if roll > 1 - IN_HAMLETS:
        return dict(rng.choice(hamlets))
    spot = rng.choices(spots, weights)[0]
    if roll < UNPLACED + COUNTRY_ONLY:  # the country is known, not where in it
        return {"text": COUNTRIES[spot["country"]], "name": COUNTRIES[spot["country"]], "country": spot["country"],
                "precision": "country"}
    return dict(spot)


def _record(doc_id: str, k: int, start: int, day: dt.date, rng: random.Random, where: tuple[Any, ...]
            ) -> tuple[dict[str, Any], str]:
    """One event record and its sentence, which starts at `start` in the article."""
    etype, trigger, pattern = rng.choice(SENTENCES)
    actor, target = rng.sample(sorted(COUNTRIES), 2)
    loc = _location(rng, *where)
    sentence = pattern.format(actor=COUNTRIES[actor], target=COUNTRIES[target], n=f"{doc_id}-{k}",
                              place=loc["name"] if loc else "the front")
    t0 = start + sentence.index(trigger)
    rec = {"doc_id": doc_id, "event_id": f"{doc_id}:e{k}", "type": etype, "mode": None,
           "actor": [_entity(actor, rng)], "recipient": [_entity(target, rng)], "date": day.isoformat(),
           "date_precision": "day", "date_end": None, "date_source": "text", "location": loc, "origin": None,
           "factuality": rng.choice(FACTUALITY), "claimant": _entity(actor, rng) if rng.random() < 0.3 else None,
           "evidence": {"text": sentence, "start": start, "end": start + len(sentence)},
           "trigger": {"text": trigger, "start": t0, "end": t0 + len(trigger)}, "size": None, "equipment": None,
           "names": None, "mentions": 1, "mention_spans": [[start, start + len(sentence)]], "interception": False}
    return rec, sentence


def articles(n_events: int, seed: int = 29) -> Iterator[tuple[Document, list[dict[str, Any]]]]:
    """(document, records) pairs telling `n_events` events in all, PER_DOC an article."""
    rng = random.Random(seed)
    spots, hamlets = places(rng)
    weights = [WEIGHTS[i // (SATELLITES + 1)] for i in range(len(spots))]
    for i in range(0, n_events, PER_DOC):
        doc_id, published = f"syn-{i // PER_DOC:06d}", START + dt.timedelta(days=rng.randrange(DAYS))
        records, parts, at = [], [], 0
        for k in range(1, min(PER_DOC, n_events - i) + 1):
            rec, sentence = _record(doc_id, k, at, published - dt.timedelta(days=rng.randrange(3)), rng,
                                    (spots, weights, hamlets))
            records.append(rec)
            parts.append(sentence)
            at += len(sentence) + 1
        text = " ".join(parts)
        lang, source = "en", f"wire-{i % 7}"
        for rec in records:
            rec.update(lang=lang, published=published.isoformat(), source=source)
        yield Document(id=doc_id, text=text, lang=lang, published=published.isoformat(), source=source,
                       title=f"Synthetic bulletin {doc_id}"), records


def build(path: str | Path, n_events: int, *, seed: int = 29) -> Path:
    """A database file at `path` holding `n_events` synthetic events (added to what it holds); returns the path."""
    with Database(path) as db, db.batch(), db.transaction():  # one transaction: each article is a savepoint in it
        for doc, records in articles(n_events, seed):
            db.add_document(doc, records)
    with Database(path) as db:
        db.refresh_incidents()
    return Path(path)
