"""Enrich stage: each event's date, place, counts and equipment from the mentions around it."""
from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections import Counter
from functools import lru_cache
from typing import Any

from ..lang import load_language, shared_tables
from ..model import Document, Entity, Event, Mention
from ..resolve.dates import Anchor, anchor_value
from ..text.segment import capitalised
from .quantities import event_size

_NO_PLACE = {"phone"}
_LAUNCHED = {"ASSAULT", "MOBILIZE", "CRASH"}
_UNIDENTIFIED = {"UAF"}
_TARGETED = {"ASSAULT", "COERCE"}
_DOMESTIC = {"COERCE"}
_PHYSICAL = {"ASSAULT", "CRASH", "MOBILIZE", "PROTEST", "COERCE"}
_SPECIFIC = {"city": 0, "region": 1, "area": 2, "country": 2}  # the most specific place near the trigger
DATE_RANK = {"text": 0, "sentence": 1, "context": 2, "published": 3, None: 4}


def enrich_stage(doc: Document) -> Document:
    focus = _focus_country(doc)
    anchor = Anchor.parse(doc.published)
    main_place = _main_place(doc, focus)
    main_region = _main_place(doc, focus, levels=("region",))
    owners = _date_owners(doc)
    for ev in doc.events:
        _date(doc, ev, anchor, owners)
        if ev.mode not in _NO_PLACE:
            ev.location = _location(doc, ev, focus)
            if ev.location is None and ev.type in _PHYSICAL:
                ev.location = _previous_place(doc, ev, focus) or \
                    ({**main_place, "source": "document"} if main_place else None)
            _contain(ev.location, main_region)
        names = doc.cache.get(("names", ev.sent))
        if names is None:
            names = doc.cache[("names", ev.sent)] = _unknown_names(doc, ev.sent)
        ev.names = names
        if ev.type in _LAUNCHED:
            ev.origin, named = _origin(doc, ev, focus)
            if named and doc.tokens[ev.trigger[0]].fold in load_language(doc.lang).verb_forms_of("launch_verbs"):
                _launcher(ev)
            if ev.origin and doc.tokens[ev.trigger[0]].fold in load_language(doc.lang).verb_forms_of("launch_verbs"):
                ev.location = ev.origin
        _context_codes(ev, focus, _side(doc, ev.sent))
        _size_and_equipment(doc, ev)
    return doc


def _distance(ev: Event, m: Mention) -> int:
    i, j = ev.trigger
    return m.start - j if m.start >= j else i - m.end


def _date_owners(doc: Document) -> dict[int, Event]:
    """Each date expression belongs to the trigger nearest to it (a verb on a tie): in 'ont condamné ce
    mardi une attaque', Tuesday is when they condemned, not when the attack happened."""
    owners: dict[int, Event] = {}
    for ev in doc.events:
        for m in doc.in_sentence("date", ev.sent):
            rank = (abs(_distance(ev, m)), ev.head != "v")
            best = owners.get(id(m))
            if best is None or rank < (abs(_distance(best, m)), best.head != "v"):
                owners[id(m)] = ev
    return owners


def _date(doc: Document, ev: Event, anchor: Anchor, owners: dict[int, Event]) -> None:
    """The event's own date; else one elsewhere in its sentence; else the previous sentence's in the
    paragraph (the story goes on); else the publication date. `date_source` says which."""
    found = sorted(doc.in_sentence("date", ev.sent), key=lambda m: abs(_distance(ev, m)))
    own = [m for m in found if owners.get(id(m)) is ev and abs(_distance(ev, m)) <= 12]
    if own or found:
        m = (own or found)[0]
        ev.date, ev.date_precision, ev.date_end = m.get("value"), m.get("precision"), m.get("end")
        ev.date_source = "text" if own else "sentence"
        if ev.factuality == "future" and m.get("bare"):
            how = m.get("how")
            ev.date, ev.date_end = _ahead(ev.date, doc.published, how), _ahead(ev.date_end, doc.published, how)
        return
    sent = doc.sentences[ev.sent]
    if ev.sent > 0 and doc.sentences[ev.sent - 1].paragraph == sent.paragraph:
        before = doc.in_sentence("date", ev.sent - 1)
        if before:
            ev.date, ev.date_precision, ev.date_source = before[-1].get("value"), before[-1].get("precision"), "context"
            return
    ev.date, ev.date_precision = anchor_value(anchor)
    ev.date_source = "published" if ev.date else None


def _ahead(value: str | None, published: str | None, how: str | None) -> str | None:
    """'se rendra en juin', 'adoptera lundi': a bare weekday or month read for a future event is the next one,
    not the last one before publication."""
    if not value or not published or value >= published[:len(value)]:
        return value
    if how == "weekday" and len(value) == 10:
        return (dt.date.fromisoformat(value) + dt.timedelta(days=7)).isoformat()
    return str(int(value[:4]) + 1) + value[4:] if how == "explicit" else value


def _location(doc: Document, ev: Event, focus: str | None) -> dict[str, Any] | None:
    places = doc.in_sentence("place", ev.sent)
    if not places:
        return None
    after = [p for p in places if p.start >= ev.trigger[1]]
    place = min(after or places, key=lambda p: (_SPECIFIC.get(p.get("precision"), 3), abs(_distance(ev, p))))
    record = place_record(doc, place, focus)
    if place.get("precision") == "city":
        region = next((p for p in places if p.get("precision") == "region" and 0 < p.start - place.end <= 8), None)
        if region is not None:
            record["region"] = region.text
            record["country"] = record["country"] or region.get("country")
            if region.get("geo_kind") == "region":
                record["region_code"] = region.get("admin1")
    return record


def _launcher(ev: Event) -> None:
    """'un drone lancé depuis l'Ukraine', 'a missile fired from Yemen': with no one named, the attack is the
    country it was launched from (a town names no side: both may fire from it)."""
    origin = ev.origin or {}
    if ev.factuality == "denied":
        return  # "des drones lancés depuis le Kazakhstan, c'est faux": the launch from there is what is denied
    if ev.type == "ASSAULT" and not ev.actor and origin.get("precision") == "country" and origin.get("country"):
        ev.actor = [Entity(origin["country"], None, origin.get("text") or "", origin.get("name"))]


def _origin(doc: Document, ev: Event, focus: str | None) -> tuple[dict[str, Any] | None, bool]:
    """Where the weapons came from, and whether the text names the place: 'depuis le Kazakhstan' does, 'from
    its territory' gives the subject's country."""
    lang = load_language(doc.lang)
    sent = doc.sentences[ev.sent]
    lo, hi = max(sent.start, ev.trigger[0] - 6), min(sent.end, ev.trigger[1] + 10)
    places = {p.start: p for p in doc.in_sentence("place", ev.sent)}
    for _, after, _ in lang.origin_preps.find_all(doc.tokens, lo, hi):
        if after < sent.end and doc.tokens[after].fold in lang.words("determiners") and after + 1 in places:
            after += 1
        if after in places:
            return place_record(doc, places[after], focus), True
        if after + 1 < sent.end and doc.tokens[after].fold in lang.words("possessives") and \
                doc.tokens[after + 1].fold in lang.words("own_territory"):
            owner = next((m for m in doc.in_sentence("actor", ev.sent) if m.get("code")), None)
            if owner is not None:
                return {"text": doc.span_text(after, after + 2), "name": owner.get("name"), "country": owner.get("code"),
                        "precision": "country"}, False
    return None, False


def place_record(doc: Document, place: Mention, focus: str | None) -> dict[str, Any]:
    """A place as the record shows it: the text as written, a canonical name where one is known."""
    code = place.get("country") or focus
    row = shared_tables().countries.get(code or "")
    name = place.get("canonical") or place.text
    if row and place.get("precision") == "country":
        name = row["name"]
    record: dict[str, Any] = {"text": place.text, "name": name, "country": code, "precision": place.get("precision")}
    if place.get("capital"):
        record["capital"] = True
    if place.get("lat") is not None:
        record["lat"], record["lon"] = place.get("lat"), place.get("lon")
        record["geonameid"] = place.get("geo_id") if (place.get("geo_id") or 0) > 0 else None
        if place.get("geo_kind") == "region":
            record["region_code"] = place.get("admin1")
    elif row:  # an unknown small place: the coarser coordinates of its country
        record["lat"], record["lon"] = float(row["lat"]), float(row["lon"])
        if place.get("precision") != "country":
            record["coordinates"] = "country"
    return record


def _previous_place(doc: Document, ev: Event, focus: str | None) -> dict[str, Any] | None:
    """The story goes on: the most specific place of the previous sentence of the paragraph."""
    sent = doc.sentences[ev.sent]
    if ev.sent == 0 or doc.sentences[ev.sent - 1].paragraph != sent.paragraph:
        return None
    places = [p for p in doc.in_sentence("place", ev.sent - 1) if p.get("precision") in ("city", "region")]
    if not places:
        return None
    best = min(places, key=lambda p: _SPECIFIC.get(p.get("precision"), 3))
    return {**place_record(doc, best, focus), "source": "context"}


def _contain(location: dict[str, Any] | None, region: dict[str, Any] | None) -> None:
    """A town the tables do not know is taken to lie in the article's main region, if in the same country."""
    if not location or not region or location.get("precision") != "city" or location.get("region"):
        return
    if location.get("capital") or (location.get("country") and region.get("country") and
                                   location["country"] != region["country"]):
        return
    location["region"] = region["text"]
    location["region_source"] = "document"
    if region.get("region_code"):
        location["region_code"] = region["region_code"]


def _main_place(doc: Document, focus: str | None, levels: tuple[str, ...] = ("city", "region")) -> dict[str, Any] | None:
    """The town or region the article is about: named most often, else the first one named."""
    places = [p for p in doc.mentions.get("place", []) if p.get("precision") in levels]
    if not places:
        return None
    counts = Counter(p.text.lower() for p in places)
    best = max(places, key=lambda p: (counts[p.text.lower()], -p.start))
    return place_record(doc, best, focus) if counts[best.text.lower()] >= 2 else None


def _unknown_names(doc: Document, sent: int) -> list[str]:
    """Capitalised words of the sentence that no table knows (a ship, a village, a commander):
    evidence that two reports in any language tell the same story."""
    s = doc.sentences[sent]
    known = {t for kind in ("raw", "date", "place") for m in doc.in_sentence(kind, sent) for t in range(m.start, m.end)}
    calendar = load_language(doc.lang).calendar_words
    out, run, last = [], [], -1
    caps = capitalised(doc.tokens)
    for k in caps[bisect_left(caps, s.start + 1):bisect_left(caps, s.end)]:
        tok = doc.tokens[k]
        if run and (k != last + 1 or not tok.text.isalpha() or k in known or tok.fold in calendar):
            out.append(" ".join(run))  # a word between, or one that does not count, ends the name
            run = []
        if tok.text.isalpha() and k not in known and tok.fold not in calendar:
            run.append(tok.text)
            last = k
    if run:
        out.append(" ".join(run))
    return sorted({n for n in out if len(n) > 3})


def _focus_country(doc: Document) -> str | None:
    """The country the story is about: named at least twice, and more often than any other."""
    counts = Counter(p.get("country") for p in doc.mentions.get("place", []) if p.get("country"))
    counts.update(m.get("code") for m in doc.mentions.get("raw", []) if m.get("kind") == "country" and
                  m.get("form") != "adj")
    ranked = counts.most_common(2)
    if not ranked:
        return None
    code, n = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    return code if n >= 2 and n > runner_up else None


def _side(doc: Document, sent: int) -> str | None:
    """'Côté russe, le ministère de la Défense…', 'On the Russian side, the ministry…': an opening phrase up
    to a comma that names a side gives its country to the sentence's actors."""
    s = doc.sentences[sent]
    comma = next((k for k in range(s.start, min(s.end, s.start + 5)) if doc.tokens[k].text == ","), None)
    words = load_language(doc.lang).words("side_words")
    if comma is None or not any(doc.tokens[k].fold in words for k in range(s.start, comma)):
        return None
    return next((m.get("code") for kind in ("modifier", "actor") for m in doc.in_sentence(kind, sent)
                 if m.end <= comma and m.get("code")), None)


def _context_codes(ev: Event, focus: str | None, side: str | None = None) -> None:
    """'la police', 'the interior ministry' with no country: the side the sentence opens with, the country
    the story is about, or where the event took place. Unidentified gunmen ('des hommes armés') stay
    unknown: nothing says whose they are."""
    here = (ev.location or {}).get("country") if (ev.location or {}).get("source") is None else None
    # "des militaires ont renversé le président bissau-guinéen": a coup or a crackdown is at home
    home = next((e.code for e in ev.recipient if e.code), None) if ev.type in _DOMESTIC else None
    for ent in ev.actor + ([ev.claimant] if ev.claimant else []):
        country = side or focus or here or home
        if ent.code is None and ent.sector and ent.sector not in _UNIDENTIFIED and country:
            ent.code = country
    rebels = next((a.code for a in ev.actor if a.sector == "REB" and a.code), None)
    # "l'opposant a été condamné par la justice russe": a state arrests and tries its own people
    state = next((a.code for a in ev.actor if a.code), None) if ev.mode in _state_modes().get(ev.type, ()) else None
    for ent in ev.recipient:
        country = here or focus or rebels or state  # "les rebelles du M23 ont tué 21 civils": at home
        if ent.code is None and ent.sector and country:
            ent.code = country
    if not ev.actor and ev.mode in _state_modes().get(ev.type, ()) and (here or focus):
        # "sept salariés ont été arrêtés": only a state arrests, deports or convicts
        ev.actor = [Entity(here or focus, None, "")]
    sides = len({a.code for a in ev.actor}) > 1  # a clash between two countries' forces: no third party hit
    named = {a.text for a in ev.actor}  # "l'offensive de Moscou": the capital that acts is no place hit
    if not ev.recipient and here and ev.type in _TARGETED and not ev.interception and not sides and \
            (ev.location or {}).get("text") not in named:
        # "detained 40 people in Istanbul", "kidnapped a priest in Kaduna state": what was hit is where it was
        ev.recipient = [Entity(here, None, (ev.location or {}).get("text") or "", (ev.location or {}).get("name"))]


@lru_cache(maxsize=1)
def _state_modes() -> dict[str, frozenset[str]]:
    return {t: frozenset(modes) for t, modes in shared_tables().plover.get("state_modes", {}).items()}


def _size_and_equipment(doc: Document, ev: Event) -> None:
    """Counts and weapons near the trigger; a weapon gives an attack its mode, but not an interception."""
    intercept = doc.tokens[ev.trigger[0]].fold in load_language(doc.lang).interception_forms
    if intercept and ev.type == "ASSAULT":
        ev.mode, ev.interception = None, True
    for key, value in event_size(doc, ev).items():  # each count goes with the event it belongs to
        ev.size.setdefault(key, value)
    for m in doc.in_sentence("equipment", ev.sent):
        if abs(_distance(ev, m)) <= 10:
            ev.equipment.append({"text": m.text, "name": m.get("name"), "category": m.get("category"),
                                 "maker": m.get("maker")})
            if ev.type == "ASSAULT" and ev.mode is None and m.get("mode") and not intercept:
                ev.mode = m.get("mode")
