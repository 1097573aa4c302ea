"""Exports: the current filtered view as /api/events.csv, .geojson, .jsonl (written by io.writers), and one
incident with its sources as /api/incidents/{id}.geojson."""
from __future__ import annotations

import io
import itertools
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.responses import JSONResponse, StreamingResponse

from ..errors import QueryError
from ..io.writers import Writer
from ..listing import Documents, incident_geojson
from ..store import Database, reads
from . import queries
from .deps import Desk, desk, reader
from .params import ExportParams

router = APIRouter()
EXPORT_LIMIT = 100_000
MEDIA = {"csv": "text/csv; charset=utf-8", "geojson": "application/geo+json", "jsonl": "application/x-ndjson"}


def _chunks(path: Path, q: ExportParams, fmt: str, every: int = 500) -> Iterator[str]:
    """Stream the writer's output, a chunk every few hundred records, from a read connection of the stream's own
    (a request's connection closes before a streamed body is sent)."""
    buf = io.StringIO()
    with queries.ReadOnlyDatabase(path) as db:
        writer = Writer(buf, fmt, documents=Documents(db))  # each document's url, read once
        for n, rec in enumerate(_records(db, q), 1):
            writer.write([rec])
            if n % every == 0:
                yield buf.getvalue()
                buf.seek(0)
                buf.truncate()
        writer.close()
    yield buf.getvalue()


def _records(db: Database, q: ExportParams) -> Iterator[dict[str, Any]]:
    """The matching records in the view's order, each with its incident id, read in batches."""
    try:
        yield from reads.events(db.conn, q, sort=q.sort, limit=EXPORT_LIMIT, incident=True)
    except sqlite3.OperationalError as exc:
        raise QueryError(f"bad query: {exc}") from exc


@router.get("/api/events.{fmt}", summary="Export the filtered events (CSV, GeoJSON, JSON Lines)",
            response_class=StreamingResponse,
            responses={200: {"content": {m.split(";")[0]: {} for m in MEDIA.values()}}})
def export(fmt: Literal["csv", "geojson", "jsonl"], q: Annotated[ExportParams, Query()],
           d: Annotated[Desk, Depends(desk)]) -> StreamingResponse:
    """All events matching the filters (up to 100,000), in the format the CLI writes; GeoJSON keeps only events
    with coordinates."""
    headers = {"Content-Disposition": f'attachment; filename="events.{fmt}"'}
    chunks = _chunks(d.path, q, fmt)
    first = next(chunks)  # read before the response starts: a damaged database is an error, not a cut-off file
    return StreamingResponse(itertools.chain([first], chunks), media_type=MEDIA[fmt], headers=headers)


@router.get("/api/incidents/{incident_id}.geojson", summary="One incident with its sources, as GeoJSON",
            responses={200: {"content": {"application/geo+json": {}}}, 404: {"description": "No such incident"}})
def incident_export(incident_id: str, db: Annotated[Database, Depends(reader)]) -> JSONResponse:
    """The incident's events that have a place as Point features, each with its source article (title, url,
    source, date); the incident's summary, its sources and how many events had no coordinates as members: the
    shape a map or a timeline such as Bellingcat's TimeMap loads."""
    data = incident_geojson(db, incident_id)
    if data is None:
        raise HTTPException(404, f"no incident {incident_id!r}")
    headers = {"Content-Disposition": f'attachment; filename="{data["incident"]["id"]}.geojson"'}
    return JSONResponse(data, media_type=MEDIA["geojson"], headers=headers)
