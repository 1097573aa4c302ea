"""Exports of the current filtered view: /api/events.csv, .geojson, .jsonl, written by io.writers."""
from __future__ import annotations

import io
import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query
from fastapi.responses import StreamingResponse

from ..io.writers import Writer
from . import queries
from .deps import Desk, desk
from .params import ExportParams

router = APIRouter()
EXPORT_LIMIT = 100_000
MEDIA = {"csv": "text/csv; charset=utf-8", "geojson": "application/geo+json", "jsonl": "application/x-ndjson"}


def _chunks(path: Path, q: ExportParams, fmt: str, every: int = 500) -> Iterator[str]:
    """Stream the writer's output, a chunk every few hundred records, from a read connection of the stream's own
    (a request's connection closes before a streamed body is sent)."""
    buf = io.StringIO()
    writer = Writer(buf, fmt)
    with queries.ReadOnlyDatabase(path) as db:
        for n, rec in enumerate(queries.iter_events(db, q, sort=q.sort, limit=EXPORT_LIMIT), 1):
            writer.write([rec])
            if n % every == 0:
                yield buf.getvalue()
                buf.seek(0)
                buf.truncate()
    writer.close()
    yield buf.getvalue()


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
