"""The dispute view of an incident: each source's claims on the same slots, and where they conflict."""
from __future__ import annotations

import re
import zlib
from typing import Any

SLOTS = ("occurred", "perpetrator", "target", "origin", "place", "date", "counts")
COPY_SIMILARITY = 0.6


SKETCH = 64


def sketch(text: str, n: int = 5) -> list[int]:
    """Bottom-k sketch of the text's 5-word shingles that start on a long word (a sample both copies of a
    text draw alike, for a third of the cost): a few numbers that estimate how alike two texts are."""
    words = _WORD.findall(text.lower())
    starts = [i for i in range(max(1, len(words) - n + 1)) if len(words[i]) >= 6] or [0]
    encoded = [w.encode() for w in words]  # UTF-8 of the joined words is the join of their UTF-8
    return sorted({zlib.crc32(b" ".join(encoded[i:i + n])) for i in starts})[:SKETCH]


_WORD = re.compile(r"\w+")


def similar(a: set[int], b: set[int]) -> float:
    """Jaccard estimate from two bottom-k sketches (as sets)."""
    union = sorted(a | b)[:SKETCH]
    if not union:
        return 0.0
    both = a & b
    return sum(1 for h in union if h in both) / len(union)


def _may_copy(a: set[int], b: set[int]) -> bool:
    """Cheap bound: the estimate counts shared hashes among at most `SKETCH`, so too few shared ones
    cannot reach the copy threshold."""
    shared = len(a & b)
    return shared >= COPY_SIMILARITY * min(SKETCH, len(a) + len(b) - shared)


def syndication_groups(sketches: dict[str, list[int]], groups: list[list[str]] | None = None) -> list[list[str]]:
    """Documents that are copies of one another (a wire story republished) form one group: each, in the order
    of `sketches` (the order they joined the incident), joins the first group whose first document it copies,
    or starts one. `groups`: those the documents seen before formed, to which the others of `sketches` are
    added (`sketches` holds the first document of each), as they would have been all in one go."""
    groups = [list(g) for g in groups or ()]
    known = {d for g in groups for d in g}
    leaders = [set(sketches[g[0]]) for g in groups]
    for d, values in sketches.items():
        if d in known:
            continue
        mine = set(values)
        for group, leader in zip(groups, leaders, strict=True):
            if _may_copy(mine, leader) and similar(mine, leader) >= COPY_SIMILARITY:
                group.append(d)
                break
        else:
            groups.append([d])
            leaders.append(mine)
    return groups


def _codes(entities: list[dict[str, Any]] | None) -> list[str]:
    return sorted({e["code"] for e in entities or [] if e.get("code")})


def claim(rec: dict[str, Any], doc: dict[str, Any]) -> dict[str, Any]:
    """One report's values on every slot."""
    loc, origin = rec.get("location") or {}, rec.get("origin") or {}
    claimant = rec.get("claimant") or {}
    perpetrator, target = _codes(rec.get("actor")), _codes(rec.get("recipient"))
    if rec.get("interception"):  # the interceptor defends: the attack's perpetrator is the one it stopped
        perpetrator, target = target, perpetrator
    return {
        "event_id": rec["event_id"], "doc_id": rec["doc_id"], "source": doc.get("source"),
        "published": doc.get("published"), "claimant": claimant.get("code"), "type": rec["type"],
        "occurred": rec["factuality"], "perpetrator": perpetrator, "target": target,
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


def view(claims: list[dict[str, Any]], groups: list[list[str]]) -> dict[str, Any]:
    """The dispute view from the reports' claims and the groups of copies among their documents
    (`syndication_groups`)."""
    claims = sorted(claims, key=lambda c: c["event_id"])
    return {"reports": claims, "conflicts": conflicts(claims), "independent_sources": len(groups),
            "documents": len({c["doc_id"] for c in claims}), "copies": sorted(sorted(g) for g in groups if len(g) > 1)}
