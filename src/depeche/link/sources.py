"""An incident told by source: each article's claims together, copies of a wire story folded, and its gist."""
from __future__ import annotations

import re
from collections import Counter
from typing import Any

_SAME = ("type", "claimant", "occurred", "perpetrator", "target", "origin", "place", "place_country", "date")
_NUMBER = re.compile(r"(\d+)$")
TOP_ACTORS = 4


def _order(event_id: str) -> tuple[str, int, str]:
    """Event ids in reading order: 'doc:e2' before 'doc:e10'."""
    doc, _, local = event_id.rpartition(":")
    m = _NUMBER.search(local)
    return doc, int(m.group(1)) if m else 0, local


def _says(claims: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """What an article's claims say, without which article: two copies saying the same fold into one."""
    return sorted(tuple(str(c.get(k)) for k in _SAME) + (str(sorted(c["counts"].items())),) for c in claims)


def _meta(doc_id: str, claims: list[dict[str, Any]], docs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    meta = docs.get(doc_id) or {}
    first = claims[0] if claims else {}
    return {"doc_id": doc_id, "title": meta.get("title"), "source": meta.get("source") or first.get("source"),
            "published": meta.get("published") or first.get("published"), "url": meta.get("url"),
            "lang": meta.get("lang")}


def by_source(view: dict[str, Any], docs: dict[str, dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """One entry per source article, earliest published first: its outlet, date, title and url (from `docs`, the
    documents' metadata by id, when given), its claims in reading order, and the copies of it (a wire story
    republished, `view['copies']`). A copy whose claims say what the first article's do is folded into it (listed
    under `copies` with `folded` true); one that says something else keeps its entry, marked `copy_of`."""
    docs = docs or {}
    claims: dict[str, list[dict[str, Any]]] = {}
    for c in sorted(view.get("reports", []), key=lambda c: _order(c["event_id"])):
        claims.setdefault(c["doc_id"], []).append(c)
    entries = {d: {**_meta(d, cs, docs), "claims": cs, "copies": [], "copy_of": None} for d, cs in claims.items()}
    when = {d: (e["published"] or "9999", d) for d, e in entries.items()}
    followers: dict[str, list[str]] = {}
    for group in view.get("copies", []):
        members = sorted((d for d in group if d in entries), key=when.__getitem__)
        for d in members[1:]:
            folded = _says(claims[d]) == _says(claims[members[0]])
            entries[members[0]]["copies"].append({**_meta(d, claims[d], docs), "folded": folded,
                                                  "reports": len(claims[d])})
            entries[d]["copy_of"] = members[0]
            if not folded:
                followers.setdefault(members[0], []).append(d)
    out = []
    for d in sorted((d for d, e in entries.items() if e["copy_of"] is None), key=when.__getitem__):
        out.append(entries[d])
        out.extend(entries[f] for f in followers.get(d, []))
    return out


def _most(counts: Counter[Any], n: int) -> list[Any]:
    """The n most frequent, ties in their natural order (the page is the same whatever order reports came in)."""
    return sorted(counts, key=lambda k: (-counts[k], str(k)))[:n]


def gist(claims: list[dict[str, Any]]) -> dict[str, Any]:
    """What a list of incidents shows of one: its most named place (and country), the actors most named as
    perpetrator or target, who says so, and which outlets report it."""
    places = Counter((c["place"], c["place_country"]) for c in claims if c.get("place"))
    actors = Counter(code for c in claims for code in (*c.get("perpetrator", []), *c.get("target", [])))
    perpetrators = Counter(code for c in claims for code in c.get("perpetrator", []))
    place, country = _most(places, 1)[0] if places else (None, None)
    return {"place": place, "place_country": country, "actors": _most(actors, TOP_ACTORS),
            "perpetrators": _most(perpetrators, TOP_ACTORS),
            "claimants": sorted({c["claimant"] for c in claims if c.get("claimant")}),
            "outlets": sorted({c["source"] for c in claims if c.get("source")})}
