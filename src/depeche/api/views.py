"""The desk's views: each returns the dict that is the JSON answer and the context of its HTML page."""
from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query

from ..store import Database
from . import highlight, queries
from . import params as P
from .deps import reader
from .incidents import incident_page, incident_rows
from .pages import twin

router = APIRouter()
Reader = Annotated[Database, Depends(reader)]
NOT_FOUND = {404: {"description": "No such record (error envelope)."}}


@twin(router, "/events", "events.html", summary="Events matching filters, one page at a time")
def events(*, q: Annotated[P.EventParams, Query()], db: Reader) -> dict[str, Any]:
    """Events matching the filters, newest first; `events` holds one page, `total` counts the matches (exactly up
    to 10,000 or just past the page: `total_exact` false means at least that many)."""
    page = queries.event_page(db, q, sort=q.sort, limit=q.limit, offset=q.offset)
    return {**page, "filters": q.model_dump(exclude={"sort", "limit", "offset"}, exclude_none=True)}


@twin(router, "/events/{event_id:path}", "event.html", summary="One event with its provenance", responses=NOT_FOUND)
def event(*, event_id: Annotated[str, Path(max_length=300)], db: Reader) -> dict[str, Any]:
    """One event record, the document it was read from, and its sentence with the trigger marked."""
    rec = queries.event(db, event_id)
    if rec is None:
        raise HTTPException(404, f"no event {event_id!r}; event ids look like 'DOC_ID:e1'")
    trigger = rec.get("trigger") or {}
    provenance = {"document": queries.document_meta(db, rec["doc_id"]), "sentence": rec["evidence"],
                  "trigger": trigger, "incident": rec["incident"],
                  "trigger_in_sentence": [trigger.get("start", 0) - rec["evidence"]["start"],
                                          trigger.get("end", 0) - rec["evidence"]["start"]]}
    return {"event": rec, "provenance": provenance}


@twin(router, "/map", "map.html", summary="Events with coordinates, for the map", plain=True)
def event_map(*, q: Annotated[P.EventFilters, Query()], db: Reader) -> dict[str, Any]:
    """The filtered events that have coordinates, newest first and at most 200,000 (`truncated` says when more
    have), as parallel arrays: `points.event_id`, `.lat`, `.lon`, and `.type`, `.factuality` as indexes into `types`
    and `factualities`; the details of an event are at /api/events/{id}. `total` counts the matching events (up to
    200,000: `total_exact` false means at least that many), `without_place` those with no coordinates."""
    return {**queries.map_points(db, q), "filters": q.model_dump(exclude_none=True)}


@twin(router, "/timeline", "timeline.html", summary="Event counts by day, week or month and type")
def timeline(*, q: Annotated[P.TimelineParams, Query()], db: Reader) -> dict[str, Any]:
    """Counts of the filtered events by bar (day, week or month, chosen from the span of their dates unless
    `bucket` says) and type: the most frequent types, the others summed as "other"."""
    return {**queries.timeline(db, q, q.bucket), "filters": q.model_dump(exclude={"bucket"}, exclude_none=True)}


@twin(router, "/documents", "documents.html", summary="Stored articles, or a full-text search over them")
def documents(*, q: Annotated[P.DocumentParams, Query()], db: Reader) -> dict[str, Any]:
    """Stored articles newest first, or those matching `q`, with their event counts."""
    return queries.documents(db, q=q.q, limit=q.limit, offset=q.offset)


def _marked_text(doc: dict[str, Any]) -> tuple[list[highlight.Span], dict[str, str]]:
    spans = highlight.trigger_spans(doc["events"]) + highlight.mention_spans(doc["text"], doc["lang"], doc["published"])
    anchors = {rec["event_id"]: f"ev-{rec['event_id'].rsplit(':', 1)[-1]}" for rec in doc["events"]}
    return spans, anchors


@twin(router, "/documents/{doc_id:path}", "document.html", summary="One article with its marks", responses=NOT_FOUND)
def document(*, doc_id: Annotated[str, Path(max_length=300)], db: Reader) -> dict[str, Any]:
    """The article, its events and quotes, and the marks (actors, places, dates, triggers) as offsets."""
    doc = queries.document(db, doc_id)
    if doc is None:
        raise HTTPException(404, f"no document {doc_id!r}; list them at /api/documents")
    spans, anchors = _marked_text(doc)
    chosen = highlight.choose(spans, len(doc["text"]))
    doc["marks"] = [{"start": s.start, "end": s.end, "kind": s.kind, "label": s.label, "event_id": s.event_id}
                    for s in chosen]
    doc["anchors"] = anchors
    return doc


@twin(router, "/incidents", "incidents.html", summary="Incidents: reports of one event across articles")
def incidents(*, q: Annotated[P.IncidentParams, Query()], db: Reader) -> dict[str, Any]:
    """One page of incidents, newest first: dates, place, actors (read from their reports), reports, documents,
    independent sources, conflicts; `has_next` says whether another page follows."""
    rows = db.incidents(etype=q.type, country=q.country, since=q.since, until=q.until, conflicts_only=q.conflicts,
                        limit=q.limit + 1, offset=q.offset)
    return {"incidents": incident_rows(db, rows[:q.limit]), "limit": q.limit, "offset": q.offset,
            "has_next": len(rows) > q.limit, "filters": q.model_dump(exclude={"limit", "offset"}, exclude_none=True)}


@twin(router, "/incidents/{incident_id}", "incident.html", summary="One incident and its dispute view",
      responses=NOT_FOUND)
def incident(*, incident_id: Annotated[str, Path(max_length=40)], db: Reader) -> dict[str, Any]:
    """The incident: its reports' claims (the dispute view) with the conflicts in words (`sentence`), and the same
    claims article by article (`articles`: outlet, date, title, url, claims, copies of a wire story)."""
    inc = db.incident(incident_id)
    if inc is None:
        raise HTTPException(404, f"no incident {incident_id!r}; list them at /api/incidents")
    return incident_page(inc, db.incident_articles(inc["dispute"]))
