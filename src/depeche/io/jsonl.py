"""JSON Lines read as a stream: a document per line, read, decoded and checked as the stream reaches it."""
from __future__ import annotations

import codecs
import json
from collections.abc import Generator, Iterator
from itertools import chain

from ..errors import InputError
from ..model import Document
from .decode import decode_line, recoded, splits_on_newline, stream_codec
from .lines import Line, split_lines
from .records import Notes, ReadOptions, guard, limit, parse_json, record, size


def from_jsonl(stream: Generator[bytes, None, None], name: str, opts: ReadOptions, notes: Notes
               ) -> Iterator[Document | InputError]:
    """The documents of a stream of JSONL chunks, or an error per line that holds none; memory holds one chunk
    and one line, and `opts.max_bytes` bounds a line. The stream is closed at the end, and its file with it."""
    try:
        lines, codec, recode = _lines(stream, name, opts, notes)
        blank, found = 0, False
        for line in lines:
            if opts.on_read is not None:
                opts.on_read(line.size + 1)
            item = _document(line, codec, recode, name, opts, notes)
            if item is None:
                blank += line.size + 1
                continue
            found = True
            yield item
        if not found:
            yield InputError("empty file" + (" (only whitespace)" if blank else ""), path=name)
    except InputError as err:  # the stream as a whole: binary, unknown encoding, bad UTF-16 further on
        yield err
    finally:
        stream.close()


def _lines(stream: Iterator[bytes], name: str, opts: ReadOptions, notes: Notes) -> tuple[Iterator[Line], str, bool]:
    """The lines of a stream, their codec, and whether they were recoded to UTF-8 on the way (UTF-16, UTF-32:
    there a b"\\n" byte can be half of a character)."""
    head = next(stream, b"")
    codec, guessed = stream_codec(head, name, opts.encoding)
    notes.guessed(guessed)
    if codec == "utf-8-sig":  # the mark starts the stream, not each line
        codec, head = "utf-8", head.removeprefix(codecs.BOM_UTF8)
    rest = chain([head], stream)
    if splits_on_newline(codec):
        return split_lines(rest, opts.max_bytes), codec, False
    return split_lines(recoded(rest, codec, name), opts.max_bytes), "utf-8", True


def _document(line: Line, codec: str, recode: bool, name: str, opts: ReadOptions, notes: Notes
              ) -> Document | InputError | None:
    """The document on one line, the error that stops it, or None for a blank line."""
    label, where = f"{name}:{line.number}", f"line {line.number}"
    if line.data is None:  # counted, never held: the reader skipped it in chunks
        return InputError(f"line is {size(line.size)}, over the {limit(opts)} limit for one document "
                          "(raise it with --max-size); the lines after it are read", path=label)
    try:
        text, repairs = decode_line(line.data, codec, label, surrogates=recode)
    except InputError as err:
        return err
    text = text.removesuffix("\r")
    if not text.strip():
        return None
    notes.add(repairs, where)
    try:
        item = parse_json(text, label)
    except json.JSONDecodeError as exc:
        return InputError(f"not valid JSON (column {exc.colno}: {exc.msg})", path=label)
    except InputError as err:
        return err
    return guard(lambda: record(item, label, opts, notes, where))
