"""What the incident pages show: the list's rows with place and actors, one incident told source by source."""
from __future__ import annotations

from typing import Any

from ..link.dispute import flagged
from ..link.wording import actor_name, conflict_sentence
from ..store import Database

_CODED = ("perpetrator", "target", "claimant", "origin", "place_country")


def _names(codes: set[str]) -> dict[str, str]:
    """Code -> name of a country or organisation, for the codes a page shows."""
    return {code: actor_name(code) or code for code in sorted(codes)}


def _codes(claims: list[dict[str, Any]]) -> set[str]:
    out: set[str] = set()
    for c in claims:
        for key in _CODED:
            value = c.get(key)
            out.update(value if isinstance(value, list) else [value] if value else [])
    return out


def incident_page(inc: dict[str, Any], articles: list[dict[str, Any]]) -> dict[str, Any]:
    """The stored incident (`Database.incident`) with what its page needs: its `articles` (`incident_articles`),
    each conflict in words, the slots in conflict, and the names of the countries and organisations it codes."""
    view = inc.get("dispute") or {}
    reports = view.get("reports", [])
    by_id = {c["event_id"]: c for c in reports}
    for conflict in view.get("conflicts", []):
        conflict["sentence"] = conflict_sentence(conflict, by_id)
    inc["articles"] = articles
    inc["flags"] = {slot: sorted(ids) for slot, ids in flagged(view.get("conflicts", [])).items()}
    inc["country_name"] = actor_name(inc.get("country"))
    inc["names"] = _names(_codes(reports) | ({inc["country"]} if inc.get("country") else set()))
    return inc


def incident_rows(db: Database, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows of one page of incidents, each with its place, actors and outlets (read from its reports) and
    the names of the codes it shows."""
    gists = db.incident_gists([r["id"] for r in rows])
    out = []
    for row in rows:
        g = gists.get(row["id"], {})
        codes = {*g.get("actors", []), *g.get("claimants", [])} | ({row["country"]} if row.get("country") else set())
        out.append({**row, **g, "names": _names(codes)})
    return out
