"""Plain-text rendering of an incident: its conflicts in words, then one block per source article with its claims."""
from __future__ import annotations

import textwrap
from typing import Any

from .dispute import flagged
from .sources import by_source
from .wording import Namer, actor_name, conflict_sentences

WIDTH = 100
INDENT = "    "


def _codes(value: list[str]) -> str:
    return ",".join(value)


def claim_line(claim: dict[str, Any], flagged: set[str]) -> str:
    """One claim on one line, a '!' before each value another source contradicts."""
    def part(slot: str, text: str) -> str:
        return ("!" if slot in flagged else "") + text

    parts = [part("occurred", f"{claim['type']} {claim['occurred']}"),
             f"says {claim['claimant']}" if claim.get("claimant") else "the article says"]
    if claim.get("perpetrator"):
        parts.append(part("perpetrator", f"by {_codes(claim['perpetrator'])}"))
    if claim.get("target"):
        parts.append(part("target", f"against {_codes(claim['target'])}"))
    if claim.get("origin"):
        parts.append(part("origin", f"from {claim['origin']}"))
    if claim.get("place"):
        parts.append(part("place", f"at {claim['place']} ({claim.get('place_country') or '?'})"))
    if claim.get("date"):
        parts.append(part("date", f"on {claim['date']}"))
    if claim.get("counts"):
        parts.append(part("counts", " ".join(f"{k} {v}" for k, v in sorted(claim["counts"].items()))))
    return " · ".join(parts)


def source_block(n: int, src: dict[str, Any], flags: dict[str, set[str]]) -> list[str]:
    """An article's heading (outlet, date, title, id, url), its copies, and its claims with their sentences;
    `flags`: slot -> the event ids in conflict on it (`dispute.flagged`)."""
    head = f"[{n}] {src.get('source') or 'unknown outlet'}, {src.get('published') or 'undated'}"
    if src.get("title"):
        head += f": {src['title']}"
    lines = textwrap.wrap(head, WIDTH, subsequent_indent=INDENT)
    lines.append(INDENT + "  ".join(x for x in (src["doc_id"], src.get("url")) if x))
    if src.get("copy_of"):
        lines.append(f"{INDENT}a copy of {src['copy_of']}'s story that reads differently")
    for copy in src.get("copies", []):
        how = "says the same" if copy["folded"] else "shown apart"
        lines.append(f"{INDENT}same story: {copy.get('source') or '?'}, {copy.get('published') or '?'} "
                     f"({copy['doc_id']}; {how})")
    for c in src["claims"]:
        slots = {slot for slot, ids in flags.items() if c["event_id"] in ids}
        lines += textwrap.wrap(claim_line(c, slots), WIDTH, initial_indent=INDENT + "- ",
                               subsequent_indent=INDENT + "  ")
        lines += textwrap.wrap(f"“{c['evidence']}”", WIDTH, initial_indent=INDENT + "  ",
                               subsequent_indent=INDENT + "  ")
    return lines


def header(inc: dict[str, Any], name: Namer = actor_name) -> str:
    view = inc.get("dispute") or {}
    dates = inc.get("first_date") or "undated"
    if inc.get("last_date") and inc["last_date"] != inc.get("first_date"):
        dates += f"..{inc['last_date']}"
    place = name(inc.get("country")) or "place unknown"
    return (f"{inc['id']}  {inc['type']}  {dates}  {place}\n{len(view.get('reports', []))} reports in "
            f"{view.get('documents', '?')} articles from {view.get('independent_sources', '?')} independent sources")


def incident_text(inc: dict[str, Any], name: Namer = actor_name) -> str:
    """The incident's header, its conflicts in words (each marked '!'), then one block per source article."""
    view = inc.get("dispute") or {}
    lines = [header(inc, name), ""]
    sentences = conflict_sentences(view, name)
    if sentences:
        lines.append("The sources disagree:")
        for text in sentences:
            lines += textwrap.wrap(text, WIDTH, initial_indent="  ! ", subsequent_indent="    ")
    else:
        lines.append("The reports do not contradict each other.")
    flags = flagged(view.get("conflicts", []))
    for n, src in enumerate(inc.get("articles") or by_source(view), 1):
        lines += [""] + source_block(n, src, flags)
    return "\n".join(lines)
