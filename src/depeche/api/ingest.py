"""POST /api/documents: new articles in, through the same extraction as `depeche ingest`, one writer at a time."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Depends, HTTPException
from pydantic import BaseModel, Field

from ..errors import DepecheError, LanguageWarning
from ..io.schema import check_document
from ..service import extract_document, quote_records
from .deps import Desk, desk, require_token
from .params import DATE

router = APIRouter()
MAX_DOCUMENTS = 200


class DocumentIn(BaseModel):
    """One article, with the fields of the JSONL input."""

    id: str = Field(min_length=1, max_length=300)
    text: str = Field(min_length=1, max_length=2_000_000)
    lang: str | None = Field(None, pattern=r"^[A-Za-z]{2}$", description="fr or en; detected when absent.")
    published: str | None = Field(None, pattern=DATE, description="Publication date, YYYY-MM-DD.")
    title: str | None = Field(None, max_length=1000)
    source: str | None = Field(None, max_length=300)
    url: str | None = Field(None, max_length=2000)


class Outcome(BaseModel):
    id: str
    outcome: str = Field(description="added, updated, unchanged, unsupported (a language with no tables: not "
                                     "stored, `warning` says which) or failed")
    events: int = 0
    error: str | None = None
    warning: str | None = Field(None, description="What was repaired (lone surrogates, NUL characters), or the "
                                                  "language with no tables the article is in")


class IngestReport(BaseModel):
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    unsupported: int = 0
    failed: int = 0
    events: int = 0
    documents: list[Outcome] = []


def _ingest_one(d: Desk, item: DocumentIn) -> Outcome:
    """Extract outside the lock (it is the slow part), then write under it: one writer, many readers."""
    try:
        doc, repairs = check_document(item.model_dump())  # the input schema the file readers use
        records = extract_document(doc)
        quotes = quote_records(doc)
        with d.lock:
            outcome = d.store().add_document(doc, records, quotes)
    except LanguageWarning as warning:
        return Outcome(id=item.id, outcome="unsupported", warning=str(warning))
    except DepecheError as err:
        return Outcome(id=item.id, outcome="failed", error=str(err))
    return Outcome(id=item.id, outcome=outcome, events=len(records) if outcome != "unchanged" else 0,
                   warning="; ".join(f"{what}: {n}" for what, n in repairs.items()) or None)


Payload = Annotated[DocumentIn | list[DocumentIn], Body(description="A document or a list of documents.")]


@router.post("/api/documents", dependencies=[Depends(require_token)], response_model=IngestReport,
             summary="Ingest articles (needs the bearer token)",
             responses={401: {"description": "Missing or wrong token"}, 403: {"description": "Ingest disabled"},
                        413: {"description": "Body over the size limit"}})
def ingest(payload: Payload, d: Annotated[Desk, Depends(desk)]) -> IngestReport:
    """Extract events from each article and store it, as `depeche ingest` does; re-sending one is a no-op."""
    items = payload if isinstance(payload, list) else [payload]
    if len(items) > MAX_DOCUMENTS:
        raise HTTPException(413, f"{len(items)} documents in one request; send at most {MAX_DOCUMENTS}")
    report = IngestReport()
    for item in items:
        result = _ingest_one(d, item)
        setattr(report, result.outcome, getattr(report, result.outcome) + 1)
        report.events += result.events
        report.documents.append(result)
    with d.lock:
        d.store().refresh_incidents()  # readers cannot: the writer brings the dispute views up to date
    return report
