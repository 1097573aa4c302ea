"""Records as flat rows, in the layout analysts load: CSV columns, formula-safe cells, lines of a table."""
from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from ..lang.tables import data_dir, read_tsv

# one row per event, in the layout analysts load (ACLED-like): who, where, counts, who says so, the source
CSV_COLUMNS = ("event_id", "doc_id", "date", "date_precision", "type", "mode", "actor_codes", "actor_names",
               "recipient_codes", "recipient_names", "country", "admin1", "admin1_code", "place", "lat", "lon",
               "place_precision", "dead", "injured", "arrested", "weapons", "counts_approximate", "factuality",
               "claimant_code", "claimant_name", "incident_id", "source", "url", "published", "evidence")
COUNTS = ("dead", "injured", "arrested", "weapons")


def flat_row(rec: dict[str, Any], doc: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """An event record as one row of CSV_COLUMNS; `doc`, its document's metadata where known (the url)."""
    loc, size, claimant, doc = rec.get("location") or {}, rec.get("size") or {}, rec.get("claimant") or {}, doc or {}
    return {
        "event_id": rec["event_id"], "doc_id": rec["doc_id"], "date": rec.get("date") or "",
        "date_precision": rec.get("date_precision") or "", "type": rec["type"], "mode": rec.get("mode") or "",
        "actor_codes": _codes(rec["actor"]), "actor_names": _names(rec["actor"]),
        "recipient_codes": _codes(rec["recipient"]), "recipient_names": _names(rec["recipient"]),
        "country": loc.get("country") or "", "admin1": _admin1(loc), "admin1_code": loc.get("region_code") or "",
        "place": loc.get("name") or loc.get("text") or "", "lat": _number(loc.get("lat")), "lon": _number(loc.get("lon")),
        # how precise the coordinates are: an unknown small place has its country's
        "place_precision": "country" if loc.get("coordinates") == "country" else loc.get("precision") or "",
        **{k: _number(size.get(k)) for k in COUNTS}, "counts_approximate": "true" if size.get("approximate") else "",
        "factuality": rec["factuality"], "claimant_code": claimant.get("code") or "",
        "claimant_name": claimant.get("name") or claimant.get("text") or "", "incident_id": rec.get("incident") or "",
        "source": rec.get("source") or doc.get("source") or "", "url": doc.get("url") or "",
        "published": rec.get("published") or "", "evidence": rec["evidence"]["text"],
    }


def _codes(entities: list[dict[str, Any]]) -> str:
    return ";".join(e.get("code") or "" for e in entities)


def _names(entities: list[dict[str, Any]]) -> str:
    """Canonical names, else the words of the text."""
    return ";".join(e.get("name") or e.get("text") or "" for e in entities)


def _number(value: Any) -> Any:
    return "" if value is None else value


@cache
def _region_names() -> dict[str, str]:
    return {r["code"]: r["name"] for r in read_tsv(data_dir() / "shared" / "regions.tsv", ("code", "name"))}


def _admin1(loc: dict[str, Any]) -> str:
    """The first-level region: the place itself when it is one, else the region it lies in (its name in the
    tables, else as the article wrote it)."""
    if loc.get("precision") == "region":
        return loc.get("name") or loc.get("text") or ""
    return _region_names().get(loc.get("region_code") or "") or loc.get("region") or ""


def quote_row(rec: dict[str, Any], doc: Mapping[str, Any] | None = None) -> dict[str, Any]:
    sp = rec.get("speaker") or {}
    return {"doc_id": rec["doc_id"], "quote_id": rec["quote_id"], "speaker_code": sp.get("code") or "",
            "speaker_text": sp.get("text") or "", "verb": rec.get("verb") or "", "text": rec["text"],
            "start": rec["start"], "end": rec["end"]}


QUOTE_COLUMNS = ("doc_id", "quote_id", "speaker_code", "speaker_text", "verb", "text", "start", "end")


def _event_cells(event_id: str, etype: str, mode: str, who: str, date: str, factuality: str, rest: str,
                 evidence: str) -> str:
    return f"{event_id:<18} {etype:<9} {mode:<13} {who:<15} {date:<10} {factuality:<8}{rest}\n{'':<18} | {evidence}\n"


EVENT_HEADER = _event_cells("EVENT", "TYPE", "MODE", "ACTOR -> RECIP.", "DATE", "FACTUAL.", " (says CLAIMANT) @PLACE",
                            "EVIDENCE")


def event_line(rec: dict[str, Any], doc: Mapping[str, Any] | None = None) -> str:
    """An event as two lines of a table (EVENT_HEADER names its columns)."""
    row = flat_row(rec, doc)
    who = f"{row['actor_codes'] or '-'} -> {row['recipient_codes'] or '-'}"
    said = f" says {row['claimant_code']}" if row["claimant_code"] else ""
    place = f" @{row['place']}" if row["place"] else ""
    return _event_cells(row["event_id"], row["type"], row["mode"], who, row["date"] or "?", row["factuality"],
                        said + place, row["evidence"][:150])


def _quote_cells(quote_id: str, who: str, verb: str, text: str) -> str:
    return f"{quote_id:<18} {who[:40]:<40} {verb:<12} {text}\n"


QUOTE_HEADER = _quote_cells("QUOTE", "SPEAKER", "VERB", "WORDS")


def quote_line(rec: dict[str, Any], doc: Mapping[str, Any] | None = None) -> str:
    """A quote as one line of a table (QUOTE_HEADER names its columns)."""
    row = quote_row(rec)
    who = f"{row['speaker_code'] or '?'} {row['speaker_text']}".strip()
    return _quote_cells(row["quote_id"], who, row["verb"], f"« {row['text'][:120]} »")


# a spreadsheet reads a cell starting with one of these as a formula (OWASP's list): '=HYPERLINK(...)' in an article
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(value: Any) -> Any:
    """A text cell a spreadsheet would run as a formula, quoted with a leading "'"; numbers (a longitude of -3.7)
    stay numbers."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


