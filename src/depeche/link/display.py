"""Plain-text rendering of an incident's dispute view: one column per report, one row per slot."""
from __future__ import annotations

from typing import Any

ROWS = (("source", "source"), ("published", "published"), ("claimant", "says"), ("occurred", "occurred"),
        ("perpetrator", "perpetrator"), ("target", "target"), ("origin", "launched from"), ("place", "place"),
        ("date", "date"), ("counts", "counts"))


def _cell(claim: dict[str, Any], key: str) -> str:
    value = claim.get(key)
    if key == "place" and value:
        value = f"{value} ({claim.get('place_country') or '?'})"
    if isinstance(value, list):
        return ",".join(value) or "-"
    if isinstance(value, dict):
        return " ".join(f"{k}={v}" for k, v in sorted(value.items())) or "-"
    return str(value) if value not in (None, "") else "-"


def dispute_table(inc: dict[str, Any]) -> str:
    """The incident's header, its reports side by side, and the conflicts flagged with '!'."""
    view = inc.get("dispute") or {}
    claims = view.get("reports", [])
    flagged = {c["slot"].split(".")[0] for c in view.get("conflicts", [])}
    width = 24
    lines = [f"{inc['id']}  {inc['type']}  {inc.get('first_date') or '?'}  {inc.get('country') or '-'}  "
             f"{len(claims)} reports from {view.get('independent_sources', '?')} independent sources"]
    lines.append(f"{'':<15}" + "".join(f"{c['doc_id'][:width - 1]:<{width}}" for c in claims))
    for key, label in ROWS:
        mark = "!" if key in flagged or (key == "place" and "place" in flagged) else " "
        lines.append(f"{mark}{label:<14}" + "".join(f"{_cell(c, key)[:width - 1]:<{width}}" for c in claims))
    for c in view.get("conflicts", []):
        lines.append(f"! {c['slot']}: {c['kind']}")
    return "\n".join(lines)
