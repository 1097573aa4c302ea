"""What the store writes of one document, computed without the database (in the extraction workers)."""
from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any, NamedTuple

from ..link import incidents as L
from ..link.dispute import pack_sketch, sketch
from ..model import Document
from .records import DocInfo, PackedEvent, Parts, pack_event, pack_quote


class Link(NamedTuple):
    """An event the writer links into an incident: its report (with the document's fingerprint) and what
    `incident_events` keeps of it besides (the report and the claim are made again from the event's record)."""

    event_id: str
    type: str
    report: L.Report
    group: str | None
    day: int


class Prepared(NamedTuple):
    """One document ready for `Database.add_prepared`: rows and JSON, so that the writer only looks up the ids of
    the document's parts and writes them into each event's JSON, and a worker sends strings, tuples and small
    dicts, which cost little to unpickle."""

    id: str
    digest: str
    row: tuple[Any, ...]
    events: list[PackedEvent]
    parts: list[tuple[str, str]]  # (kind, JSON) of the entities, places and weapons the events refer to
    quotes: list[tuple[Any, ...]]
    document: frozenset[str]
    links: list[Link]


SEPARATOR = "\x1f"


def content_hash(doc: Document) -> str:
    """Hash of the document and what determines its extraction: re-ingesting it is a no-op, while a copy
    of the same text under another id or outlet (a syndicated wire story) is a document of its own.

    The fields are joined with a separator, as earlier versions did, so that the hashes stored in existing
    databases still match. A field that holds the separator could pass for two fields (id 'a\\x1fb' with no
    source would be id 'a' from source 'b'), so such a document is hashed as a JSON list instead: it has no raw
    separator, and a joined one always has six, so the two encodings never meet."""
    parts = (doc.id, doc.source or "", doc.text, doc.published or "", doc.lang or "", doc.title or "")
    if any(SEPARATOR in part for part in parts):
        data = b"depeche.hash.v2" + json.dumps(parts, ensure_ascii=True).encode("ascii")
    else:  # surrogatepass: text that is not valid Unicode still hashes, and to itself only
        data = "".join(part + SEPARATOR for part in parts).encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()


def prepare(doc: Document, records: list[dict[str, Any]], quotes: Sequence[dict[str, Any]] = ()) -> Prepared:
    """Everything of a document the store writes that does not depend on what is stored already."""
    digest = content_hash(doc)
    entities = [L.report_entities(r) for r in records]
    document = L.fingerprint(records, entities)
    # the sketch tells copies of a wire story apart in the dispute views; nearly every document needs it
    row = (doc.id, digest, doc.title, doc.source, doc.url, doc.lang, doc.published, doc.path, doc.text,
           json.dumps(sorted(document)), pack_sketch(sketch(doc.text)))
    info, parts = DocInfo(doc.text, doc.lang, doc.published, doc.source), Parts()
    events = [pack_event(r, info, parts) for r in records]
    return Prepared(doc.id, digest, row, events, parts.items(), [pack_quote(q, info) for q in quotes],
                    document, _links(doc, records, entities, document))


def _links(doc: Document, records: list[dict[str, Any]], entities: list[frozenset[str]], document: frozenset[str]
           ) -> list[Link]:
    out = []
    for rec, found in zip(records, entities, strict=True):
        if not L.eligible(rec):
            continue
        fields = L.report_record(rec, doc.published, found)
        if fields["date"] is None:
            continue
        rep = L.Report.from_record(fields, document)  # as one is made again from the stored record
        out.append(Link(rec["event_id"], rec["type"], rep, L.type_group(rep.type), rep.date.toordinal()))
    return out
