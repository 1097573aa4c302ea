"""Geocoding stage: each place mention gets coordinates, a canonical name and a precision."""
from __future__ import annotations

import math
import re
from functools import lru_cache

from ..lang import Language, load_language, shared_tables
from ..model import Document, Mention
from ..text.normalize import fold
from .gazetteer import Place, default_gazetteer, key


@lru_cache(maxsize=8)
def _heads(lang: Language) -> frozenset[str]:
    return lang.words("place_heads") | lang.words("area_heads") | lang.words("direction_words") \
        | lang.words("elided_area_heads") | lang.words("capitalised_heads")


@lru_cache(maxsize=65536)
def proper_name(lang: Language, text: str) -> str:
    """'la région de Novgorod' -> 'novgorod', 'the Kursk region' -> 'kursk', 'le port de Port-Soudan' ->
    'port soudan': a leading head goes with its preposition, a trailing head alone."""
    heads, small = _heads(lang), lang.words("place_name_fillers")
    words = [w for w in re.split(r"[\s']+", key(text)) if w]
    while words and words[0] in small:
        words = words[1:]
    if len(words) > 2 and words[0] in heads and words[1] in small:
        words = words[2:]
        while words and words[0] in small:
            words = words[1:]
    elif len(words) > 1 and words[0] in heads - lang.words("settlement_heads"):
        words = words[1:]
    if len(words) > 1 and words[-1] in heads:
        words = words[:-1]
    return " ".join(words)


def geocode_stage(doc: Document) -> Document:
    places = doc.mentions.get("place", [])
    if not places:
        return doc
    lang = load_language(doc.lang)
    gaz = default_gazetteer()
    countries = _document_countries(doc)
    for p in places:
        if p.get("precision") == "country" and not p.get("capital"):
            continue
        head = p.text.split()[-1 if lang.grammar.place_name_first else 0]  # "Red Sea" / "mer Rouge"
        if p.get("precision") == "area" and fold(head) in lang.words("water_heads"):
            continue  # a sea or a gulf is no town, whatever it is called
        if p.get("precision") == "area":  # "le centre de Soumy", "southern suburbs of Beirut": the town, if it is one
            town = choose([c for c in gaz.lookup(proper_name(lang, p.text)) if c.kind == "town"], p.get("country"),
                          countries, "town")
            if town is not None:
                _apply(p, town)
            continue
        wanted = _wanted_kind(lang, p.text)
        candidates = gaz.lookup(p.text) or gaz.lookup(proper_name(lang, p.text))
        if wanted == "region":
            candidates = [c for c in candidates if c.kind == "region"]
        elif wanted == "town":
            candidates = [c for c in candidates if c.kind != "region"] or candidates
        best = choose(candidates, p.get("country"), countries, wanted, query=proper_name(lang, p.text))
        if best is not None:
            _apply(p, best)
    return doc


@lru_cache(maxsize=65536)
def _wanted_kind(lang: Language, text: str) -> str | None:
    """What the words around the name say: 'région de X' a region, 'ville de X' a town, a bare name nothing."""
    words = [fold(w) for w in text.split()]
    region_heads = lang.words("place_heads") - lang.words("settlement_heads")
    ends = {words[0], words[-1]}
    if ends & region_heads:
        return "region"
    if ends & lang.words("settlement_heads"):
        return "town"
    return None


def _document_countries(doc: Document) -> dict[str, float]:
    """How strongly the article points to each country as a place: a country named as a place ('en Iran',
    'in Ukraine') counts fully, a country as an actor or an adjective ('U.S. negotiators', 'russe') a
    little: American negotiators meeting in Geneva do not move Geneva to the United States."""
    counts: dict[str, float] = {}
    as_place = {p.start for p in doc.mentions.get("place", []) if p.get("precision") in ("country", "area")}
    for m in doc.mentions.get("raw", []):
        if m.get("kind") == "country":
            weight = PLACE_MENTION if m.start in as_place else ACTOR_MENTION
            counts[m.get("code")] = counts.get(m.get("code"), 0.0) + weight
    return counts


PLACE_MENTION, ACTOR_MENTION = 1.0, 0.25


REGION_WEIGHT = 150_000  # a bare name: a region beats its small namesake towns, a big town beats its region


def choose(candidates: list[Place], country: str | None, countries: dict[str, float], wanted: str | None,
           query: str = "") -> Place | None:
    """The country the text gives first, then the countries the article names, then a place whose own name
    (not an alternate) is the one written, then the bigger place."""
    if country:
        candidates = [c for c in candidates if c.country == country] or []
    if not candidates:
        return None

    def score(c: Place) -> float:
        s = 0.75 * math.log10(max(c.population if c.kind != "region" else REGION_WEIGHT, 10))
        s += min(countries.get(c.country or "", 0.0), 3.0)
        s += 1.5 if wanted and (c.kind == wanted or (wanted == "town" and c.kind == "place")) else 0
        s += 0.5 if query and key(c.name) == query else 0  # half a population decade: Odessa is Odesa
        return s

    return max(candidates, key=lambda c: (score(c), -c.id))


def _apply(p: Mention, place: Place) -> None:
    p.attrs.update(lat=round(place.lat, 4), lon=round(place.lon, 4), canonical=place.name,
                   geo_kind=place.kind, geo_id=place.id, admin1=place.region)
    if not p.get("country"):
        p.attrs["country"] = place.country
    p.attrs["precision"] = "region" if place.kind == "region" else "city"


def country_centroid(code: str | None) -> tuple[float, float] | None:
    row = shared_tables().countries.get(code or "")
    return (float(row["lat"]), float(row["lon"])) if row else None
