"""Article text with actors, places, dates and triggers marked: HTML built from escaped segments only."""
from __future__ import annotations

import hashlib
import threading
from bisect import bisect_left
from collections import OrderedDict
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
CACHE_SPANS = 200_000  # mention spans kept for articles shown again (about 30 MB)


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


def _read_spans(text: str, lang: str | None, published: str | None) -> tuple[Span, ...]:
    """Actors, places and dates re-read from the text by the pipeline's first stages (no gazetteer needed)."""
    doc = _pipeline()(Document(id="highlight", text=text, lang=lang, published=published))
    out = []
    for kind in KINDS:
        for m in doc.mentions.get(kind, []):
            a = doc.to_original(doc.tokens[m.start].start)
            b = doc.to_original(doc.tokens[m.end - 1].end)
            out.append(Span(a, b, kind, _label(kind, m.attrs)))
    return tuple(out)


class SpanCache:
    """The mention spans of recently shown articles, keyed on a digest of the text (never the text itself) and
    held to `budget` spans in all: a few very long articles cannot pile up in the server's memory."""

    def __init__(self, budget: int = CACHE_SPANS):
        self.budget, self.held = budget, 0
        self._entries: OrderedDict[tuple[str, str | None, str | None], tuple[Span, ...]] = OrderedDict()
        self._lock = threading.Lock()  # pages are served from a thread pool

    def get(self, key: tuple[str, str | None, str | None]) -> tuple[Span, ...] | None:
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
            return self._entries.get(key)

    def put(self, key: tuple[str, str | None, str | None], spans: tuple[Span, ...]) -> None:
        if len(spans) > self.budget:  # re-read next time rather than push everything else out
            return
        with self._lock:
            if key in self._entries:
                return
            self._entries[key] = spans
            self.held += len(spans)
            while self.held > self.budget:
                _, dropped = self._entries.popitem(last=False)
                self.held -= len(dropped)


_CACHE = SpanCache()


def mention_spans(text: str, lang: str | None, published: str | None) -> list[Span]:
    key = (hashlib.sha256(text.encode("utf-8")).hexdigest(), lang, published)
    spans = _CACHE.get(key)
    if spans is None:
        spans = _read_spans(text, lang, published)
        _CACHE.put(key, spans)
    return list(spans)


def trigger_spans(records: list[dict[str, Any]]) -> list[Span]:
    out = []
    for rec in records:
        t = rec.get("trigger") or {}
        if t.get("end", 0) > t.get("start", 0):
            label = f"{rec['type']} {rec.get('mode') or ''} ({rec['factuality']})".replace("  ", " ")
            out.append(Span(t["start"], t["end"], "trigger", label, rec["event_id"]))
    return out


class Taken:
    """Disjoint kept spans, among the sorted starts of every candidate, counted in a Fenwick tree: whether a span
    overlaps a kept one costs O(log n), never a pass over the kept spans (an article of a million characters
    has tens of thousands of marks). `steps` counts the tree's steps, so a test can check the bound."""

    def __init__(self, starts: list[int]):
        self.starts = starts
        self.ends = [0] * len(starts)
        self.tree = [0] * (len(starts) + 1)
        self.steps = 0

    def _count(self, i: int) -> int:
        """How many kept spans start at one of the first `i` starts."""
        n = 0
        while i > 0:
            n, i, self.steps = n + self.tree[i], i - (i & -i), self.steps + 1
        return n

    def _kth(self, k: int) -> int:
        """Index (in `starts`) of the k-th kept span from the left, k >= 1."""
        pos, bit = 0, 1 << (len(self.tree) - 1).bit_length()
        while bit:
            if pos + bit < len(self.tree) and self.tree[pos + bit] < k:
                pos += bit
                k -= self.tree[pos]
            bit, self.steps = bit >> 1, self.steps + 1
        return pos

    def overlaps(self, start: int, end: int) -> bool:
        before = self._count(bisect_left(self.starts, start))
        if self._count(bisect_left(self.starts, end)) > before:  # a kept span starts inside
            return True
        # kept spans are disjoint: only the last one starting before can reach in
        return before > 0 and self.ends[self._kth(before)] > start

    def add(self, start: int, end: int) -> None:
        i = bisect_left(self.starts, start)
        self.ends[i] = end
        i += 1
        while i < len(self.tree):
            self.tree[i], i, self.steps = self.tree[i] + 1, i + (i & -i), self.steps + 1


def choose(spans: list[Span], length: int) -> list[Span]:
    """Non-overlapping spans inside the text, triggers first, then longer before shorter: O(n log n)."""
    inside = [s for s in spans if 0 <= s.start < s.end <= length]
    taken = Taken(sorted({s.start for s in inside}))
    kept: list[Span] = []
    for s in sorted(inside, key=lambda s: (PRIORITY.get(s.kind, 9), s.start - s.end, s.start)):
        if not taken.overlaps(s.start, s.end):
            taken.add(s.start, s.end)
            kept.append(s)
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
