"""Merge stage: the same event mentioned several times in a document becomes one record."""
from __future__ import annotations

from functools import lru_cache

from ..lang import shared_tables
from ..model import Document, Event
from .enrich import DATE_RANK

_FACT_RANK = {"fact": 0, "possible": 1, "future": 1, "denied": 3}


def merge_stage(doc: Document) -> Document:
    title = _title_sentence(doc)
    merged: list[Event] = []
    body = [e for e in doc.events if e.sent != title]
    head = [e for e in doc.events if e.sent == title]
    codes = _Codes()
    for ev in sorted(body, key=lambda e: (e.sent, e.trigger[0], e.derived)) + head:
        loose = ev.sent == title
        target = next((m for m in merged if m.type == ev.type and (_same_event(m, ev, codes) or
                                                                   _repeats(m, ev, loose, codes))), None) \
            or _antecedent(merged, ev)
        if target is None:
            _carry_actor(merged, ev)
            merged.append(ev)
        else:
            _absorb(target, ev)
    for n, ev in enumerate(merged, 1):
        ev.id = f"{doc.id}:e{n}"
    doc.events = merged
    return doc


CARRY_SENTENCES = 2  # how far back a reader carries who did it: this sentence and the two before


def _carry_actor(merged: list[Event], ev: Event) -> None:
    """'L'armée a bombardé Mekele. La seconde frappe est survenue vers midi': a new event of the same type
    told right after, with no one named, was carried out by the same actor (and is its own event)."""
    if ev.actor or ev.interception or ev.type not in _carried():
        return
    last = next((m for m in reversed(merged) if m.type == ev.type and 0 <= ev.sent - m.sent <= CARRY_SENTENCES),
                None)
    if last is not None and last.actor and not ({a.code for a in last.actor} & {r.code for r in ev.recipient if r.code}):
        ev.actor = list(last.actor)


@lru_cache(maxsize=1)
def _carried() -> frozenset[str]:
    return frozenset(shared_tables().plover["carried_types"])


class _Codes(dict):
    """The codes (or texts) of a list of entities, found once per list during one merge: events are compared
    pairwise, and their lists are replaced, never changed in place."""

    def __call__(self, entities: list) -> frozenset:
        hit = self.get(id(entities))
        if hit is None or hit[0] is not entities:
            hit = self[id(entities)] = (entities, frozenset(e.code or e.text.lower() for e in entities))
        return hit[1]


def _same_event(a: Event, b: Event, codes: _Codes) -> bool:
    """Same type, same actors, and recipients that agree or are missing on one side."""
    if a.type != b.type or codes(a.actor) != codes(b.actor):
        return False
    ra, rb = codes(a.recipient), codes(b.recipient)
    if ra and rb and ra != rb:
        return False
    if a.date and b.date and a.date_source == "text" and b.date_source == "text" and a.date != b.date \
            and not (a.derived or b.derived):
        return False
    if not (a.actor or a.recipient or b.actor or b.recipient) and a.sent != b.sent:
        return bool(a.location and b.location and a.location.get("name") == b.location.get("name"))
    return True


def _antecedent(merged: list[Event], ev: Event) -> Event | None:
    """'l'attaque', 'the crash' with no one named as having done it: the latest event of that type already
    told, when what it hit does not say otherwise ('the strikes on Kharkiv' after 'Russia struck Kharkiv')."""
    if not ev.anaphoric or ev.actor:
        return None
    hit = {e.code for e in ev.recipient if e.code}
    for m in reversed(merged):
        if m.type == ev.type:
            theirs = {e.code for e in m.recipient if e.code}
            return m if not hit or not theirs or hit & theirs else None
    return None


def _title_sentence(doc: Document) -> int | None:
    """The headline repeats the story: its events join the body's when they fit."""
    if not doc.sentences or not doc.title:
        return None
    first = doc.sentences[0]
    return 0 if doc.norm[first.char_start:first.char_end].strip().startswith(doc.title.strip()[:40]) else None


def _repeats(a: Event, b: Event, loose: bool, codes: _Codes) -> bool:
    """Within a sentence (or from the headline), a mention without actors repeats one with actors; a sentence
    that an earlier mention was merged from counts ('Les frappes sur la ville ont tué trois personnes')."""
    if a.type != b.type or not (loose or a.sent == b.sent or b.sent in a.also):
        return False
    ca, cb = codes(a.actor), codes(b.actor)
    if ca and cb and not (ca <= cb or cb <= ca):
        return False
    ra, rb = codes(a.recipient), codes(b.recipient)
    return not (ra and rb and not (ra <= rb or rb <= ra))


def _absorb(a: Event, b: Event) -> None:
    """Keep the first mention's wording; fill what it lacks from the later one; a denial wins."""
    a.mentions += b.mentions
    a.also += [b.sent, *b.also]
    if not a.actor and b.actor:
        a.actor = b.actor
    if not a.recipient and b.recipient:
        a.recipient = b.recipient
    if a.mode is None and b.mode is not None:
        a.mode = b.mode
    if DATE_RANK[b.date_source] < DATE_RANK[a.date_source]:
        a.date, a.date_source, a.date_precision, a.date_end = b.date, b.date_source, b.date_precision, b.date_end
    if a.location is None and b.location is not None:
        a.location = b.location
    if a.origin is None and b.origin is not None:
        a.origin = b.origin
    if b.factuality == "denied" and a.factuality != "denied":
        a.factuality, a.claimant = "denied", b.claimant
    for key, value in b.size.items():
        a.size.setdefault(key, value)
    a.equipment.extend(e for e in b.equipment if e not in a.equipment)
