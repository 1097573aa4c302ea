"""Events as GeoJSON: the events that have a place, how many had none, and one incident with its sources."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .rows import flat_row

INCIDENT_FIELDS = ("id", "type", "first_date", "last_date", "country", "reports", "documents", "sources", "conflicts")
SOURCE_FIELDS = ("title", "source", "url", "published", "lang")


def feature(rec: dict[str, Any], doc: Mapping[str, Any] | None = None) -> dict[str, Any] | None:
    """A Point feature with the event's flat row as properties; None for an event without coordinates."""
    loc = rec.get("location") or {}
    if loc.get("lat") is None or loc.get("lon") is None:
        return None
    return {"type": "Feature", "id": rec["event_id"], "geometry": {"type": "Point", "coordinates": [loc["lon"], loc["lat"]]},
            "properties": flat_row(rec, doc)}


def collection(features: list[dict[str, Any]], events: int, **members: Any) -> dict[str, Any]:
    """A FeatureCollection that says how many of its `events` were left out for want of coordinates (members
    beside `features` are foreign members, which RFC 7946 allows and readers ignore)."""
    return {"type": "FeatureCollection", **members, "events": events, "without_coordinates": events - len(features),
            "features": features}


def incident_collection(incident: Mapping[str, Any], records: Iterable[dict[str, Any]],
                        documents: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """One incident in the shape Bellingcat's TimeMap loads: a feature per report (event) with a place, each with
    its source article's title, url, source and date; the incident's summary and its sources as members."""
    records = list(records)
    features = []
    for rec in records:
        doc = documents.get(rec["doc_id"]) or {}
        feat = feature(rec, doc)
        if feat is not None:
            feat["properties"].update(title=doc.get("title") or "", lang=doc.get("lang") or rec.get("lang") or "")
            features.append(feat)
    sources = [{"doc_id": d, **{k: (documents.get(d) or {}).get(k) for k in SOURCE_FIELDS}}
               for d in dict.fromkeys(r["doc_id"] for r in records)]
    return collection(features, len(records), incident={k: incident.get(k) for k in INCIDENT_FIELDS}, sources=sources)
