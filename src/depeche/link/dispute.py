"""The dispute view of an incident: each source's claims on the same slots, and where they conflict."""
from __future__ import annotations

import re
from typing import Any

from .incidents import _fold

SLOTS = ("occurred", "perpetrator", "target", "origin", "place", "date", "counts")
COPY_SIMILARITY = 0.6


def _shingles(text: str, n: int = 5) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", _fold(text))
    return {tuple(words[i:i + n]) for i in range(max(1, len(words) - n + 1))}


def syndication_groups(texts: dict[str, str]) -> list[list[str]]:
    """Documents that are copies of one another (a wire story republished) form one group."""
    ids = sorted(texts)
    shingles = {d: _shingles(texts[d]) for d in ids}
    groups: list[list[str]] = []
    for d in ids:
        for g in groups:
            other = shingles[g[0]]
            union = shingles[d] | other
            if union and len(shingles[d] & other) / len(union) >= COPY_SIMILARITY:
                g.append(d)
                break
        else:
            groups.append([d])
    return groups


def _codes(entities: list[dict[str, Any]] | None) -> list[str]:
    return sorted({e["code"] for e in entities or [] if e.get("code")})


def claim(rec: dict[str, Any], doc: dict[str, Any]) -> dict[str, Any]:
    """One report's values on every slot."""
    loc, origin = rec.get("location") or {}, rec.get("origin") or {}
    claimant = rec.get("claimant") or {}
    return {
        "event_id": rec["event_id"], "doc_id": rec["doc_id"], "source": doc.get("source"),
        "published": doc.get("published"), "claimant": claimant.get("code"), "type": rec["type"],
        "occurred": rec["factuality"], "perpetrator": _codes(rec.get("actor")), "target": _codes(rec.get("recipient")),
        "origin": origin.get("country"), "place": loc.get("name"), "place_country": loc.get("country"),
        "date": rec.get("date") if rec.get("date_source") != "published" else None,
        "counts": {k: v for k, v in (rec.get("size") or {}).items() if k != "approximate"},
        "evidence": rec["evidence"]["text"],
    }


def conflicts(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Slots on which the reports disagree: asserted vs denied, different actors, places, dates, counts."""
    out = []
    asserted = [c for c in claims if c["occurred"] in ("fact", "possible")]
    denied = [c for c in claims if c["occurred"] == "denied"]
    if asserted and denied:
        out.append({"slot": "occurred", "kind": "asserted_vs_denied",
                    "values": {c["event_id"]: c["occurred"] for c in asserted + denied}})
    for slot in ("perpetrator", "target", "origin", "place_country", "date"):
        values = {c["event_id"]: c[slot] for c in claims if c[slot]}
        if len({str(v) for v in values.values()}) > 1:
            out.append({"slot": slot.replace("place_country", "place"), "kind": "different", "values": values})
    keys = {k for c in claims for k in c["counts"]}
    for key in sorted(keys):
        values = {c["event_id"]: c["counts"][key] for c in claims if key in c["counts"]}
        if len(values) > 1 and max(values.values()) > 1.1 * min(values.values()):
            out.append({"slot": f"counts.{key}", "kind": "different", "values": values})
    return out


def dispute(records: list[dict[str, Any]], docs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Claims of each report side by side, conflicts, and how many independent sources tell it."""
    claims = [claim(r, docs.get(r["doc_id"], {})) for r in sorted(records, key=lambda r: r["event_id"])]
    groups = syndication_groups({d: docs[d].get("text", "") for d in {r["doc_id"] for r in records} if d in docs})
    return {"reports": claims, "conflicts": conflicts(claims), "independent_sources": len(groups),
            "documents": len({r["doc_id"] for r in records}), "copies": [g for g in groups if len(g) > 1]}
