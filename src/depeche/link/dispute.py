"""The dispute view of an incident: each source's claims on the same slots, and where they conflict."""
from __future__ import annotations

import math
import re
import struct
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


def pack_sketch(values: list[int]) -> bytes:
    """A sketch as the store keeps it: 4 bytes a hash, little-endian."""
    return struct.pack(f"<{len(values)}I", *values)


def unpack_sketch(data: bytes) -> list[int]:
    return list(struct.unpack(f"<{len(data) // 4}I", data))


def similar(a: set[int], b: set[int]) -> float:
    """Jaccard estimate from two bottom-k sketches (as sets)."""
    union = sorted(a | b)[:SKETCH]
    if not union:
        return 0.0
    both = a & b
    return sum(1 for h in union if h in both) / len(union)


def _may_copy(a: set[int], b: set[int], shared: int) -> bool:
    """Cheap bound: the estimate counts `shared` hashes (those of a & b) among at most `SKETCH`, so too few
    shared ones cannot reach the copy threshold."""
    return shared >= COPY_SIMILARITY * min(SKETCH, len(a) + len(b) - shared)


def syndication_groups(sketches: dict[str, list[int]], groups: list[list[str]] | None = None) -> list[list[str]]:
    """Documents that are copies of one another (a wire story republished) form one group: each, in the order
    of `sketches` (the order they joined the incident), joins the first group whose first document it copies,
    or starts one. `groups`: those the documents seen before formed, to which the others of `sketches` are
    added (`sketches` holds the first document of each), as they would have been all in one go. Only the groups
    whose first document shares a hash of its prefix (`_prefix`) with a new one's are compared with it, so a
    big incident costs what its few likely copies do."""
    groups = [list(g) for g in groups or ()]
    known = {d for g in groups for d in g}
    leaders: list[set[int]] = []
    postings: dict[int, list[int]] = {}  # hash -> the groups whose first document has it in its prefix

    def lead(values: list[int]) -> None:
        for h in _prefix(values):
            postings.setdefault(h, []).append(len(leaders))
        leaders.append(set(values))

    for g in groups:
        lead(sketches[g[0]])
    for d, values in sketches.items():
        if d in known:
            continue
        mine = set(values)
        likely = {i for h in _prefix(values) for i in postings.get(h, ())}
        for i in sorted(likely):  # the first group it copies, as a walk through them all would find
            if _may_copy(mine, leaders[i], len(mine & leaders[i])) and similar(mine, leaders[i]) >= COPY_SIMILARITY:
                groups[i].append(d)
                break
        else:
            groups.append([d])
            lead(values)
    return groups


def _prefix(values: list[int]) -> list[int]:
    """The smallest hashes of a sketch, one of which any copy shares (prefix filtering). Two sketches a, b that
    pass `_may_copy` share s >= 0.6 min(SKETCH, |a| + |b| - s) >= need(a) = ceil(0.6 min(SKETCH, |a|)) hashes,
    and likewise need(b); sets sharing t elements have, in any one order, a common element among the first
    |a| - t + 1 of a and the first |b| - t + 1 of b, so among these, which hold as many or more."""
    ordered = sorted(set(values))
    if not ordered:
        return []
    need = math.ceil(COPY_SIMILARITY * min(SKETCH, len(ordered)))
    return ordered[:len(ordered) - need + 1]


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


def flagged(conflicts: list[dict[str, Any]]) -> dict[str, set[str]]:
    """Slot -> the event ids whose claim is in conflict on it ('counts.dead' flags the counts)."""
    out: dict[str, set[str]] = {}
    for c in conflicts:
        out.setdefault(c["slot"].split(".")[0], set()).update(c.get("values", {}))
    return out


def view(claims: list[dict[str, Any]], groups: list[list[str]]) -> dict[str, Any]:
    """The dispute view from the reports' claims and the groups of copies among their documents
    (`syndication_groups`)."""
    claims = sorted(claims, key=lambda c: c["event_id"])
    return {"reports": claims, "conflicts": conflicts(claims), "independent_sources": len(groups),
            "documents": len({c["doc_id"] for c in claims}), "copies": sorted(sorted(g) for g in groups if len(g) > 1)}


# What an incident keeps of its claims to count its conflicts and summarise it as new reports join, without
# its claims: the distinct values of each slot, and of each count its number, least and greatest
_VALUE_SLOTS = ("perpetrator", "target", "origin", "place_country", "date")


def fold(claims: list[dict[str, Any]], state: dict[str, Any] | None = None) -> dict[str, Any]:
    """`state` (the summary of the claims seen so far, JSON-ready; None: none seen) with these claims added:
    `conflicts(state)` then counts what `conflicts` of all the claims would list, and `summary(state)` gives
    the incident's dates and country."""
    out = state or {"asserted": False, "denied": False, "values": {s: [] for s in _VALUE_SLOTS}, "counts": {},
                    "countries": {}, "dates": []}
    for c in claims:
        out["asserted"] = out["asserted"] or c["occurred"] in ("fact", "possible")
        out["denied"] = out["denied"] or c["occurred"] == "denied"
        for slot in _VALUE_SLOTS:
            if c[slot] and str(c[slot]) not in out["values"][slot]:
                out["values"][slot].append(str(c[slot]))
        for key, value in c["counts"].items():
            n, low, high = out["counts"].get(key, (0, value, value))
            out["counts"][key] = [n + 1, min(low, value), max(high, value)]
        if c["place_country"]:  # how often each country is given, and the first report (by event id) to give it
            n, first = out["countries"].get(c["place_country"], (0, c["event_id"]))
            out["countries"][c["place_country"]] = [n + 1, min(first, c["event_id"])]
        if c["date"]:
            first, last = out["dates"] or (c["date"], c["date"])
            out["dates"] = [min(first, c["date"]), max(last, c["date"])]
    # in one order whatever the claims' order: a summary updated batch by batch is the one made in one go
    out["values"] = {slot: sorted(v) for slot, v in out["values"].items()}
    out["counts"], out["countries"] = dict(sorted(out["counts"].items())), dict(sorted(out["countries"].items()))
    return out


def conflict_count(state: dict[str, Any]) -> int:
    """How many slots the claims folded into `state` conflict on (as many as `conflicts` lists)."""
    return (int(state["asserted"] and state["denied"]) + sum(len(v) > 1 for v in state["values"].values())
            + sum(n > 1 and high > 1.1 * low for n, low, high in state["counts"].values()))


def summary(state: dict[str, Any]) -> tuple[str | None, str | None, str | None]:
    """The first and last dates the claims give, and the country most of them place the incident in (on a tie,
    the one given by the report first by event id)."""
    dates = state["dates"] or [None, None]
    ranked = sorted(state["countries"].items(), key=lambda kv: (-kv[1][0], kv[1][1]))
    return dates[0], dates[1], ranked[0][0] if ranked else None
