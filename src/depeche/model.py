"""Plain data objects that flow through the pipeline: Document, Token, Sentence, Mention, Event."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Token:
    """One token of the normalised text; `fold` is lowercase without accents, used for matching."""

    i: int
    text: str
    start: int
    end: int
    fold: str
    sent: int = 0

    @property
    def is_title(self) -> bool:
        return self.text[:1].isupper()


@dataclass(slots=True)
class Sentence:
    """A sentence as a token range [start, end) and a character range [char_start, char_end)."""

    i: int
    start: int
    end: int
    char_start: int
    char_end: int
    paragraph: int = 0


@dataclass(slots=True)
class Mention:
    """A span of tokens [start, end) recognised as an actor, place, date, quantity or equipment."""

    kind: str
    start: int
    end: int
    text: str
    attrs: dict[str, Any] = field(default_factory=dict)
    # m.get(key, default) reads attrs; bound once to the dict's own get, it costs no Python call in hot loops
    get: Callable[..., Any] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.get = self.attrs.get


@dataclass(slots=True)
class Entity:
    """An actor as it appears in an event record: code, sector, the text and a canonical name."""

    code: str | None
    sector: str | None
    text: str
    name: str | None = None
    qid: str | None = None

    def as_dict(self) -> dict[str, Any]:
        out = {"code": self.code, "sector": self.sector, "text": self.text, "name": self.name}
        if self.qid:
            out["qid"] = self.qid
        return out

    @property
    def key(self) -> tuple:
        return (self.code, self.sector)


def entity(m: Mention) -> Entity:
    """The actor a gazetteer mention names, as events, quotes and claimants carry it."""
    return Entity(m.get("code"), m.get("sector"), m.text, m.get("name"), m.get("qid"))


@dataclass(slots=True)
class Event:
    """One event read from one trigger; merged events keep the list of their mentions."""

    type: str
    mode: str | None
    sent: int
    trigger: tuple[int, int]
    actor: list[Entity] = field(default_factory=list)
    recipient: list[Entity] = field(default_factory=list)
    date: str | None = None
    date_source: str | None = None
    date_precision: str | None = None
    date_end: str | None = None
    location: dict[str, Any] | None = None
    origin: dict[str, Any] | None = None
    factuality: str = "fact"
    claimant: Entity | None = None
    size: dict[str, int] = field(default_factory=dict)
    equipment: list[dict[str, Any]] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    trigger_text: str = ""
    mentions: int = 1
    also: list[int] = field(default_factory=list)  # the sentences of the mentions merged into this one
    derived: bool = False
    head: str = "v"
    anaphoric: bool = False
    interception: bool = False
    id: str = ""


@dataclass(slots=True)
class Quote:
    """Reported speech: a quoted span with its speaker and the verb that introduces it."""

    start: int
    end: int
    speaker: Entity | None
    verb: str | None
    sent: int


@dataclass
class Document:
    """An article and everything the pipeline learns about it."""

    id: str
    text: str
    lang: str | None = None
    published: str | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    path: str | None = None
    norm: str = ""
    offsets: list[int] | None = None
    tokens: list[Token] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    mentions: dict[str, list[Mention]] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    done: set[str] = field(default_factory=set)
    cache: dict[Any, Any] = field(default_factory=dict)
    by_sentence: dict[str, tuple[Any, int, list[list[Mention]], int]] = field(default_factory=dict, repr=False)

    def in_sentence(self, kind: str, sent: int) -> list[Mention]:
        """Mentions of a kind that start in sentence `sent` (indexed once per list and length)."""
        mentions = self.mentions.get(kind, ())
        entry = self.by_sentence.get(kind)
        if entry is None or entry[0] is not mentions or entry[1] != len(mentions):
            index: list[list[Mention]] = [[] for _ in self.sentences]
            tokens = self.tokens
            for m in mentions:
                index[tokens[m.start].sent].append(m)
            entry = self.by_sentence[kind] = (mentions, len(mentions), index, len(index))
        return entry[2][sent] if 0 <= sent < entry[3] else []

    def to_original(self, pos: int) -> int:
        """Map an offset in the normalised text back to the original text."""
        if self.offsets is None:
            return pos
        return self.offsets[pos] if pos < len(self.offsets) else len(self.text)

    def span_text(self, start: int, end: int) -> str:
        """Original text of the token range [start, end)."""
        if start >= end:
            return ""
        a, b, offsets = self.tokens[start].start, self.tokens[end - 1].end, self.offsets
        if offsets is None:  # to_original, inline: every mention's text comes through here
            return self.text[a:b]
        n = len(offsets)
        return self.text[offsets[a] if a < n else len(self.text):offsets[b] if b < n else len(self.text)]

    def sentence_of(self, tok: int) -> Sentence:
        return self.sentences[self.tokens[tok].sent]

    def meta(self) -> dict[str, Any]:
        return {"id": self.id, "lang": self.lang, "published": self.published, "title": self.title,
                "source": self.source, "url": self.url}
