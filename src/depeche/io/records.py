"""What every reader shares: the read options, one record through the input schema, and the notes of repairs."""
from __future__ import annotations

import json
from array import array
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError, InputWarning
from ..model import Document
from .schema import MAX_TEXT_CHARS, META, check_document, json_kind

MB = 1024 * 1024


@dataclass(frozen=True)
class ReadOptions:
    """Metadata for plain-text input, limits that protect the process, and where warnings go (default: stderr).
    `max_bytes` bounds one document: a .txt, .html or .json file, a JSONL line, what stdin holds but for JSONL.
    `on_read`, for a progress display, is told how many bytes of input each file or JSONL line held."""

    lang: str | None = None
    published: str | None = None
    source: str | None = None
    title: str | None = None
    encoding: str = "utf-8"
    max_bytes: int = 50 * MB
    max_text_chars: int = MAX_TEXT_CHARS
    warn: Callable[[InputWarning], None] | None = None
    on_read: Callable[[int], None] | None = None  # told the bytes of each file, or JSONL line, as it is read


class Notes:
    """The repairs made in one input, so that they are reported in one line naming it."""

    SHOWN = 5  # places named in the message; the others are only counted, so a long stream's notes stay small

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.where: dict[str, list[str]] = {}
        self.hidden: Counter[str] = Counter()
        self.remarks: list[str] = []

    def add(self, repairs: Counter[str], where: str | None = None) -> None:
        for what, n in repairs.items():
            self.counts[what] += n
            places = self.where.setdefault(what, [])
            if where and len(places) < self.SHOWN:
                places.append(where)
            elif where:
                self.hidden[what] += 1

    def guessed(self, encoding: str | None) -> None:
        if encoding:
            self.remarks.append(f"no byte-order mark, read as {encoding} (pass --encoding to choose)")

    def __bool__(self) -> bool:
        return bool(self.counts or self.remarks)

    def message(self) -> str:
        parts = list(self.remarks)
        for what, n in self.counts.items():
            places, hidden = self.where.get(what, []), self.hidden[what]
            shown = ", ".join(places) + (f" and {hidden} more" if hidden else "")
            parts.append(f"{what}: {n}" + (f" ({shown})" if shown else ""))
        return "; ".join(parts)


def limit(opts: ReadOptions) -> str:
    """The size limit as messages say it: "50 MB", or bytes for a limit under a megabyte."""
    return f"{opts.max_bytes / MB:.0f} MB" if opts.max_bytes >= MB else f"{opts.max_bytes:,} bytes"


def size(n: int) -> str:
    """A size as messages say it: "61.2 MB", or bytes under a tenth of a megabyte."""
    return f"{n / MB:.1f} MB" if n >= MB // 10 else f"{n:,} bytes"


def guard(make: Callable[[], Document]) -> Document | InputError:
    try:
        return make()
    except InputError as err:
        return err


def checked(fields: dict[str, Any], label: str, opts: ReadOptions, notes: Notes, where: str | None = None,
            default_id: str | None = None) -> Document:
    """The document through the input schema, the options' metadata filling what the input leaves out."""
    for key in META:
        if fields.get(key) is None or fields.get(key) == "":
            fields[key] = getattr(opts, key, None)
    doc, repairs = check_document(fields, path=label, default_id=default_id, max_text_chars=opts.max_text_chars)
    notes.add(repairs, where)
    return doc


def stem(name: str) -> str:
    return "stdin" if name == "<stdin>" else Path(name).stem


def parse_json(text: str, label: str) -> Any:
    """JSON that is valid but cannot be a document (nested 100,000 deep, a number of 5,000 digits) is an
    InputError; malformed JSON is a JSONDecodeError, whose position the caller reports."""
    try:
        return json.loads(text, strict=False)  # strict=False: a raw tab inside a string is still the string
    except json.JSONDecodeError:
        raise
    except RecursionError as exc:
        raise InputError("JSON nested too deeply to be a document", path=label) from exc
    except ValueError as exc:  # Python refuses to convert integers of more than 4,300 digits
        raise InputError(f"JSON value out of range: {str(exc).split(';')[0]}", path=label) from exc


def record(item: Any, label: str, opts: ReadOptions, notes: Notes, where: str | None,
           default_id: str | None = None) -> Document:
    """A parsed JSON value as a Document: an object with 'id' and 'text' and the optional metadata."""
    if not isinstance(item, dict):
        raise InputError(f"expected a JSON object with 'id' and 'text', not {json_kind(item)}", path=label)
    fields = {key: item.get(key) for key in ("id", "text", *META)}
    return checked(fields, label, opts, notes, where, default_id)


class SeenIds:
    """The document ids read so far in a batch, to warn when one comes again. Kept as 64-bit hashes in an
    open-addressing table: 8 to 16 bytes an id where a set of strings takes about 100, so a stream of
    millions of documents holds a few megabytes of them. Two different ids share a hash about once in
    10**19 pairs; Python's string hash is enough, the table living only as long as the process."""

    def __init__(self) -> None:
        self._slots = array("Q", bytes(8 * 1024))
        self._count = 0

    def add(self, doc_id: str) -> bool:
        """Remember `doc_id`; whether it was read before."""
        key = (hash(doc_id) & 0xFFFF_FFFF_FFFF_FFFF) or 1  # never 0, the mark of a free slot
        if self._put(self._slots, key):
            return True
        self._count += 1
        if self._count * 3 > len(self._slots) * 2:  # two thirds full: double, so probes stay short
            bigger = array("Q", bytes(16 * len(self._slots)))
            for old in filter(None, self._slots):
                self._put(bigger, old)
            self._slots = bigger
        return False

    @staticmethod
    def _put(slots: array, key: int) -> bool:
        """Put `key` in the first free slot from its home on; whether it was there already."""
        mask = len(slots) - 1
        i = key & mask
        while slots[i]:
            if slots[i] == key:
                return True
            i = (i + 1) & mask
        slots[i] = key
        return False
