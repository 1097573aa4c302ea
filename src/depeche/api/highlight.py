"""Article text with actors, places, dates and triggers marked: HTML built from escaped segments only."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from markupsafe import Markup, escape

from ..model import Document
from ..pipeline import Pipeline

MENTION_STAGES = ("depeche.normalize.v1", "depeche.language.v1", "depeche.segment.v1", "depeche.mentions.v1",
                  "depeche.dates.v1")
KINDS = ("actor", "place", "date")
PRIORITY = {"trigger": 0, "actor": 1, "place": 2, "date": 3}  # which mark wins where two overlap


@dataclass(frozen=True)
class Span:
    """Characters [start, end) of the original text, of one kind; `label` is shown on hover."""

    start: int
    end: int
    kind: str
    label: str = ""
    event_id: str | None = None


@lru_cache(maxsize=1)
def _pipeline() -> Pipeline:
    return Pipeline(MENTION_STAGES)


def _label(kind: str, attrs: dict[str, Any]) -> str:
    if kind == "date":
        return f"date {attrs.get('value') or '?'}"
    code = attrs.get("code") or attrs.get("country")
    sector = attrs.get("sector")
    name = attrs.get("name")
    return " ".join(str(p) for p in (kind, code, sector, f"({name})" if name else None) if p)


@lru_cache(maxsize=64)
def _mention_spans(digest: str, text: str, lang: str | None, published: str | None) -> tuple[Span, ...]:
    """Actors, places and dates re-read from the text by the pipeline's first stages (no gazetteer needed).
    Keyed on a digest so a long text is hashed once, not compared."""
    doc = _pipeline()(Document(id="highlight", text=text, lang=lang, published=published))
    out = []
    for kind in KINDS:
        for m in doc.mentions.get(kind, []):
            a = doc.to_original(doc.tokens[m.start].start)
            b = doc.to_original(doc.tokens[m.end - 1].end)
            out.append(Span(a, b, kind, _label(kind, m.attrs)))
    return tuple(out)


def mention_spans(text: str, lang: str | None, published: str | None) -> list[Span]:
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return list(_mention_spans(digest, text, lang, published))


def trigger_spans(records: list[dict[str, Any]]) -> list[Span]:
    out = []
    for rec in records:
        t = rec.get("trigger") or {}
        if t.get("end", 0) > t.get("start", 0):
            label = f"{rec['type']} {rec.get('mode') or ''} ({rec['factuality']})".replace("  ", " ")
            out.append(Span(t["start"], t["end"], "trigger", label, rec["event_id"]))
    return out


def choose(spans: list[Span], length: int) -> list[Span]:
    """Non-overlapping spans inside the text, triggers first, then longer before shorter."""
    kept: list[Span] = []
    taken: list[tuple[int, int]] = []
    for s in sorted(spans, key=lambda s: (PRIORITY.get(s.kind, 9), s.start - s.end, s.start)):
        if not 0 <= s.start < s.end <= length:
            continue
        if any(s.start < b and a < s.end for a, b in taken):
            continue
        kept.append(s)
        taken.append((s.start, s.end))
    return sorted(kept, key=lambda s: s.start)


def _open(s: Span, anchors: dict[str, str]) -> Markup:
    attrs = Markup(' class="hl hl-{}" title="{}"').format(s.kind, s.label)
    if s.event_id:
        attrs += Markup(' id="{}" data-event="{}"').format(anchors.get(s.event_id, ""), s.event_id)
    return Markup("<mark{}>").format(attrs)


def render(text: str, spans: list[Span], anchors: dict[str, str] | None = None) -> Markup:
    """The text as HTML: every character escaped, marks only around the chosen spans."""
    out, pos = [], 0
    for s in choose(spans, len(text)):
        out += [escape(text[pos:s.start]), _open(s, anchors or {}), escape(text[s.start:s.end]), Markup("</mark>")]
        pos = s.end
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def marked_text(doc: dict[str, Any]) -> Markup:
    """A document view's text with its chosen marks (the template's filter)."""
    spans = [Span(m["start"], m["end"], m["kind"], m["label"], m.get("event_id")) for m in doc["marks"]]
    return render(doc["text"], spans, doc.get("anchors"))


def marked_sentence(rec: dict[str, Any]) -> Markup:
    """An event's evidence sentence with its trigger marked (offsets shifted to the sentence)."""
    ev, t = rec["evidence"], rec.get("trigger") or {}
    spans = []
    if t.get("end", 0) > t.get("start", 0):
        spans.append(Span(t["start"] - ev["start"], t["end"] - ev["start"], "trigger", rec["type"]))
    return render(ev["text"], spans)
