"""An incident's conflicts in words: "Russia says 43 weapons; Ukraine says 40", from who makes each claim."""
from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from ..lang import shared_tables

Namer = Callable[[str | None], str | None]

GENERIC = frozenset({"IGO", "NGO", "IMG"})  # codes of a kind of actor, not of one: no single name fits them
MAX_SPEAKERS = 3  # more are counted ("and 4 others"), not named: a sentence stays a sentence at 89 reports
MAX_SIDES = 4  # likewise the values: the most given are said, the rest counted

# what a side says, singular then plural, "{v}" standing for its value
_PHRASES = {
    "perpetrator": ("blames {v}", "blame {v}"),
    "target": ("says {v} was the target", "say {v} was the target"),
    "origin": ("says it came from {v}", "say it came from {v}"),
    "place": ("places it in {v}", "place it in {v}"),
    "date": ("dates it {v}", "date it {v}"),
    "counts": ("counts {v}", "count {v}"),
}
_OCCURRED = {"fact": ("says it happened", "say it happened"),
             "possible": ("says it may have happened", "say it may have happened"),
             "denied": ("denies it", "deny it")}
_COUNT_NOUNS = {"weapons": "weapons", "dead": "dead", "injured": "injured", "arrested": "arrested"}


@lru_cache(maxsize=1)
def _organisations() -> dict[str, str]:
    tables = shared_tables()
    out: dict[str, str] = {}
    for org in tables.organisations:  # the first listed is the body itself (UNO: the United Nations)
        if org["code"] not in tables.countries and org["code"] not in GENERIC:
            out.setdefault(org["code"], org["name"])
    return out


def actor_name(code: str | None) -> str | None:
    """A country's or an organisation's name for its code (None: no code); an unknown code stays as it is."""
    if not code:
        return None
    return shared_tables().country_name(code) or _organisations().get(code) or code


def _names(value: Any, name: Namer) -> str:
    codes = value if isinstance(value, list) else [value]
    return " and ".join(name(c) or str(c) for c in codes)


def _speakers(claims: list[dict[str, Any]], name: Namer, twice: set[str]) -> list[str]:
    """Who makes these claims: the claimant by name, or else the outlet; a claimant found on two sides of the
    conflict is told apart by its outlets ("Russia (Northgate Wire, Le Courrier)")."""
    outlets: dict[str, list[str]] = {}  # speaker -> the outlets that report it saying so, in order
    for c in claims:
        outlet = c.get("source") or c.get("doc_id") or "?"
        who = (name(c.get("claimant")) if c.get("claimant") else None) or outlet
        seen = outlets.setdefault(who, [])
        if outlet not in seen:
            seen.append(outlet)
    return [f"{who} ({', '.join(seen)})" if who in twice else who for who, seen in outlets.items()]


def _who(labels: list[str]) -> str:
    if len(labels) > MAX_SPEAKERS:
        rest = len(labels) - MAX_SPEAKERS + 1
        return f"{', '.join(labels[:MAX_SPEAKERS - 1])} and {rest} others"
    return labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} and {labels[-1]}"


def _sides(conflict: dict[str, Any], claims: dict[str, dict[str, Any]]) -> list[tuple[Any, list[dict[str, Any]]]]:
    """The values of a conflict, each with the claims giving it; most given first (asserted before denied)."""
    sides: dict[str, tuple[Any, list[dict[str, Any]]]] = {}
    for event_id, value in conflict.get("values", {}).items():
        sides.setdefault(str(value), (value, []))[1].append(claims.get(event_id) or {"doc_id": event_id})
    order = list(_OCCURRED)
    if conflict["slot"] == "occurred":
        return sorted(sides.values(), key=lambda s: order.index(s[0]) if s[0] in order else len(order))
    return sorted(sides.values(), key=lambda s: (-len(s[1]), str(s[0])))


def _phrase(slot: str, value: Any, labels: list[str], group: list[dict[str, Any]], name: Namer) -> str:
    """What one side says, its verb agreeing with how many speak (`labels`) for the claims of that side (`group`)."""
    key, plural = slot.split(".")[0], len(labels) > 1
    if key == "occurred":
        return _OCCURRED.get(value, ("says {v}", "say {v}"))[plural].replace("{v}", str(value))
    if key == "counts":
        noun = _COUNT_NOUNS.get(slot.partition(".")[2], slot.partition(".")[2])
        text = f"{value:g} {noun}" if isinstance(value, float) else f"{value} {noun}"
    elif key == "date":
        text = str(value)
    elif key == "place":  # the country is what conflicts; the places named say where in it
        places = sorted({c["place"] for c in group if c.get("place")})[:2]
        text = _names(value, name) + (f" ({', '.join(places)})" if places else "")
    else:
        text = _names(value, name)
    return _PHRASES.get(key, ("says {v}", "say {v}"))[plural].replace("{v}", text)


def conflict_sentence(conflict: dict[str, Any], claims: dict[str, dict[str, Any]], name: Namer = actor_name) -> str:
    """One conflict of `dispute.conflicts` (slot, kind, values by event id) as a sentence naming who says what;
    `claims`: the dispute view's claims by event id."""
    sides = _sides(conflict, claims)
    named = [{name(c.get("claimant")) for c in group if c.get("claimant")} for _, group in sides]
    twice = {n for i, a in enumerate(named) for b in named[i + 1:] for n in a & b if n}
    parts = []
    for value, group in sides[:MAX_SIDES]:
        labels = _speakers(group, name, twice)
        parts.append(f"{_who(labels)} {_phrase(conflict['slot'], value, labels, group, name)}")
    if len(sides) > MAX_SIDES:
        rest = sides[MAX_SIDES:]
        parts.append(f"{sum(len(g) for _, g in rest)} more reports give {len(rest)} other values")
    return "; ".join(parts) + "." if parts else f"The sources disagree on the {conflict['slot']}."


def conflict_sentences(view: dict[str, Any], name: Namer = actor_name) -> list[str]:
    """Every conflict of a dispute view in words, in the view's order."""
    claims = {c["event_id"]: c for c in view.get("reports", [])}
    return [conflict_sentence(c, claims, name) for c in view.get("conflicts", [])]
