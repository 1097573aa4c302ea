"""Lines from a byte stream read in chunks: split on b"\\n" only, a line over the limit skipped as it streams by."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

CHUNK = 1024 * 1024
# the first visible byte of a line: at the start (after a UTF-8 byte-order mark) or after a b"\n"
_LINE_START = re.compile(rb"(?:\A(?:\xef\xbb\xbf)?|\n)[ \t\r\f\v]*(\S)")


@dataclass(frozen=True)
class Line:
    """Line `number` (from 1) of a stream: its bytes without the b"\\n", or None when it was over the limit and
    dropped; `size` counts its bytes either way."""

    number: int
    data: bytes | None
    size: int


def chunks(read: Callable[[int], bytes], first: bytes = b"") -> Iterator[bytes]:
    """`first`, then what `read` returns until the end of the stream. Called as `chunks(f.read1)` a pipe gives what
    has arrived, so a line is handed on as soon as it is whole, not when a full chunk has come."""
    if first:
        yield first
    while chunk := read(CHUNK):
        yield chunk


def split_lines(stream: Iterable[bytes], limit: int) -> Iterator[Line]:
    """The lines of `stream`, each held whole only while it is within `limit` bytes: memory is one chunk and one
    line, whatever the size of the stream or of a line. b"\\n" is the only separator: JSON strings may hold
    U+2028, U+2029 and U+0085 raw, and a UTF-8 byte 0x0A is never part of another character."""
    parts: list[bytes] = []
    size, number = 0, 1
    for chunk in stream:
        start = 0
        while (end := chunk.find(b"\n", start)) >= 0:
            yield _line(number, parts, chunk[start:end], size, limit)
            parts, size, number, start = [], 0, number + 1, end + 1
        size += len(chunk) - start
        if size <= limit:
            parts.append(chunk[start:])
        else:  # over the limit: what was kept goes, and the rest of the line is counted, not kept
            parts = []
    if size:
        yield _line(number, parts, b"", size, limit)


def _line(number: int, parts: list[bytes], tail: bytes, size: int, limit: int) -> Line:
    size += len(tail)
    if size > limit:
        return Line(number, None, size)
    return Line(number, b"".join(parts) + tail if parts else tail, size)


def first_bytes(data: bytes | bytearray, count: int = 3) -> list[bytes]:
    """The first visible byte of each of the first `count` lines that are not blank (scanned, never copied)."""
    return [m.group(1) for m in islice(_LINE_START.finditer(data), count)]
