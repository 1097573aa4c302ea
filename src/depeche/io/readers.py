"""Read documents from files, folders and stdin; every bad input becomes one InputError naming it."""
from __future__ import annotations

import errno
import json
import os
import stat
import sys
from collections import Counter
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError, InputWarning
from ..model import Document
from .decode import decode_text
from .jsonl import from_jsonl
from .lines import CHUNK, chunks, first_bytes
from .records import MB, Notes, ReadOptions, SeenIds, checked, guard, limit, parse_json, record, stem
from .schema import known_language

__all__ = ["MB", "SUFFIXES", "ReadOptions", "input_size", "iter_documents"]

SUFFIXES = {".txt", ".text", ".json", ".jsonl", ".ndjson", ".html", ".htm"}
LINES = {".jsonl", ".ndjson"}  # read as a stream, line by line: the size limit is per line, not per file
# non-blocking: a FIFO put where a file was must not hang the open; no effect on regular files
OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
DUPLICATES = "ids already read in this batch (the later document wins)"


@dataclass(frozen=True)
class _Source:
    """One input, its name for messages and the kind of file (its suffix): its bytes, or for JSONL its stream
    of chunks (a generator, closed once read)."""

    name: str
    kind: str
    data: bytes = b""
    stream: Generator[bytes, None, None] | None = None


def iter_documents(paths: list[str], opts: ReadOptions = ReadOptions(), stdin: BinaryIO | None = None
                   ) -> Iterator[Document | InputError]:
    """Yield a Document per article, or an InputError per input that cannot be read; never raise.
    Repairs (lone surrogates, NUL characters) are reported through `opts.warn`, one line per input."""
    seen = SeenIds()
    for raw in paths:
        for src in _sources(raw, opts, stdin):
            if isinstance(src, InputError):
                yield src
            else:
                yield from _documents(src, opts, seen)


def input_size(paths: list[str]) -> int | None:
    """How many bytes the inputs hold (the files a folder holds that would be read), for a progress display;
    None when one of them is stdin, whose size cannot be known. What cannot be read counts nothing."""
    total = 0
    for raw in paths:
        if raw == "-":
            return None
        try:
            if not os.path.isdir(raw):
                total += os.stat(raw).st_size
                continue
            for folder, _, names in os.walk(raw):  # symbolic links to folders are not followed, as when reading
                total += sum(_file_size(os.path.join(folder, n)) for n in names if Path(n).suffix.lower() in SUFFIXES)
        except (OSError, ValueError):
            continue
    return total


def _file_size(path: str) -> int:
    try:
        st = os.stat(path)
    except OSError:
        return 0
    return st.st_size if stat.S_ISREG(st.st_mode) else 0


def _warn(opts: ReadOptions, warning: InputWarning) -> None:
    if opts.warn is not None:
        opts.warn(warning)
    else:  # looked up now, not at import: a test runner swaps sys.stderr
        print(f"depeche: {warning}", file=sys.stderr)


def _label(path: str | Path) -> str:
    """A path as messages show it: one line of valid Unicode whatever bytes the file name holds."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in str(path))


def _sources(raw: str, opts: ReadOptions, stdin: BinaryIO | None) -> Iterator[_Source | InputError]:
    if raw == "-":
        yield _stdin(stdin or sys.stdin.buffer, opts)
        return
    try:
        mode = os.stat(raw).st_mode
    except OSError as exc:
        yield InputError(_unreachable(raw, exc), path=_label(raw))
        return
    except ValueError:  # a NUL character in the path
        yield InputError("not a valid file name", path=_label(raw))
        return
    if stat.S_ISDIR(mode):
        yield from _folder(raw, opts)
        return
    kind = Path(raw).suffix.lower()
    if kind and kind not in SUFFIXES:
        yield InputError(f"unsupported file type {kind!r}: depeche reads {', '.join(sorted(SUFFIXES))} files "
                         "(rename a text file to .txt, or pipe it to `depeche ... -`)", path=_label(raw))
        return
    yield _read(Path(raw), opts)


def _unreachable(raw: str | Path, exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symbolic link loop (a link that leads back to itself); skipped"
    if isinstance(exc, FileNotFoundError):
        return "broken symbolic link (what it points to does not exist)" if os.path.islink(raw) else \
            "no such file or folder"
    return f"cannot read: {exc.strerror or exc}"


def _stdin(stream: BinaryIO, opts: ReadOptions) -> _Source | InputError:
    """JSONL streams on, line by line, as soon as it is recognised; anything else is one document, read whole
    up to the limit: what is past it is never read into memory."""
    read = getattr(stream, "read1", stream.read)  # read1: what a pipe holds now, not a full chunk's wait
    data = bytearray()
    while len(data) <= opts.max_bytes:
        chunk = read(min(CHUNK, opts.max_bytes + 1 - len(data)))
        if not chunk:
            break
        data += chunk
        if _stdin_kind(data, whole=False) == ".jsonl":
            return _Source("<stdin>", ".jsonl", stream=chunks(read, bytes(data)))
    over = len(data) > opts.max_bytes
    kind = _stdin_kind(data, whole=not over)
    if kind == ".jsonl" or (over and kind is None):  # a first line over the limit: the lines after are read
        return _Source("<stdin>", ".jsonl", stream=chunks(read, bytes(data)))
    if over:
        return InputError(f"more than the {limit(opts)} limit on stdin (raise it with --max-size)", path="<stdin>")
    return _Source("<stdin>", kind or ".json", bytes(data))


def _stdin_kind(data: bytes | bytearray, *, whole: bool) -> str | None:
    """JSONL when the first (up to three) lines that are not blank all start with "{", and there are two or
    more; None while the start of stdin leaves it open."""
    starts = first_bytes(data)
    head = starts[0] if starts else b""
    if head == b"<":
        return ".html"
    if head != b"{":
        return ".txt"
    if any(b != b"{" for b in starts):
        return ".json"
    if len(starts) == 3 or whole:
        return ".jsonl" if len(starts) > 1 else ".json"
    return None


def _folder(root: str, opts: ReadOptions) -> Iterator[_Source | InputError]:
    files: list[Path] = []
    errors: list[InputError] = []
    stack = [Path(root)]
    while stack:  # a loop, not recursion: a folder tree thousands deep must not overflow the stack
        folder = stack.pop()
        try:
            with os.scandir(folder) as entries:
                found = sorted(entries, key=lambda e: e.name)
        except OSError as exc:
            errors.append(InputError(f"cannot read folder: {exc.strerror or exc}", path=_label(folder)))
            continue
        for entry in found:
            _visit(Path(entry.path), files, stack, errors, opts)
    yield from errors
    if not files and not errors:
        yield InputError(f"folder has no {', '.join(sorted(SUFFIXES))} files", path=_label(root))
    for path in sorted(files):
        yield _read(path, opts)


def _visit(path: Path, files: list[Path], stack: list[Path], errors: list[InputError], opts: ReadOptions) -> None:
    """Sort one folder entry: a file to read, a folder to walk, or something to report."""
    wanted = path.suffix.lower() in SUFFIXES
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        if wanted or exc.errno == errno.ELOOP:
            errors.append(InputError(_unreachable(path, exc), path=_label(path)))
        return
    if stat.S_ISDIR(mode):
        if path.is_symlink():  # never followed: a link up the tree would be walked forever
            _warn(opts, InputWarning("symbolic link to a folder, not followed; give the folder itself to read it",
                                     path=_label(path)))
        else:
            stack.append(path)
    elif wanted and stat.S_ISREG(mode):
        files.append(path)
    elif wanted:
        errors.append(InputError("not a regular file (a pipe, socket or device); skipped", path=_label(path)))


def _read(path: Path, opts: ReadOptions) -> _Source | InputError:
    name = _label(path)
    try:
        f = open(os.open(path, OPEN_FLAGS), "rb")
    except OSError as exc:
        return InputError(_unreachable(path, exc), path=name)
    try:
        source = _opened(f, name, path.suffix.lower(), opts)
    except OSError as exc:
        source = InputError(_unreachable(path, exc), path=name)
    if not isinstance(source, _Source) or source.stream is None:
        f.close()  # else the file stays open, read as its lines are asked for, and the stream closes it
    return source


def _opened(f: BinaryIO, name: str, kind: str, opts: ReadOptions) -> _Source | InputError:
    if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
        return InputError("not a regular file (a pipe, socket or device); to read a stream, pipe it to "
                          "`depeche ... -`", path=name)
    if kind in LINES:
        return _Source(name, kind, stream=_file_chunks(f))
    return _whole(f, name, kind, opts)


def _file_chunks(f: BinaryIO) -> Generator[bytes, None, None]:
    with f:
        yield from chunks(f.read1)


def _whole(f: BinaryIO, name: str, kind: str, opts: ReadOptions) -> _Source | InputError:
    size = os.fstat(f.fileno()).st_size
    if size > opts.max_bytes:  # refused by its size: a huge (or sparse) file is never read
        return _too_big(f"file is {size / MB:.1f} MB, over", name, opts)
    data = f.read(opts.max_bytes + 1)  # bounded: a file may grow, or report no size (/proc)
    if opts.on_read is not None:
        opts.on_read(len(data))
    if len(data) > opts.max_bytes:
        return _too_big("file is over", name, opts)
    return _Source(name, kind, data)


def _too_big(what: str, name: str, opts: ReadOptions) -> InputError:
    return InputError(f"{what} the {limit(opts)} limit (raise it with --max-size)", path=name)


def _documents(src: _Source, opts: ReadOptions, seen: SeenIds) -> Iterator[Document | InputError]:
    notes = Notes()
    for item in _parse(src, opts, notes):
        if isinstance(item, Document) and seen.add(item.id):
            notes.add(Counter({DUPLICATES: 1}), _where(item.path or "", src.name) or repr(item.id))
        yield item
    if notes:
        _warn(opts, InputWarning(notes.message(), path=src.name))


def _where(label: str, name: str) -> str | None:
    """'line 3' for file.jsonl:3, 'item 2' for file.json[2]; None for a whole file."""
    rest = label[len(name):]
    if rest.startswith(":"):
        return f"line {rest[1:]}"
    return f"item {rest[1:-1]}" if rest.startswith("[") else None


def _parse(src: _Source, opts: ReadOptions, notes: Notes) -> Iterator[Document | InputError]:
    if src.stream is not None:
        yield from from_jsonl(src.stream, src.name, opts, notes)
        return
    try:
        text = _decode(src.data, src.name, opts, notes)
    except InputError as err:
        yield err
        return
    if src.kind == ".json":
        yield from _from_json(text, src.name, opts, notes)
    elif src.kind in (".html", ".htm"):
        yield guard(lambda: _from_html(text, src.name, opts, notes))
    else:
        yield guard(lambda: _plain(text, src.name, opts, notes))


def _decode(data: bytes, name: str, opts: ReadOptions, notes: Notes) -> str:
    text, repairs, guessed = decode_text(data, name, opts.encoding)
    notes.guessed(guessed)
    notes.add(repairs)
    return text


def _plain(text: str, name: str, opts: ReadOptions, notes: Notes) -> Document:
    return checked({"id": stem(name), "text": text}, name, opts, notes)


def _from_json(text: str, name: str, opts: ReadOptions, notes: Notes) -> Iterator[Document | InputError]:
    try:
        data = parse_json(text, name)
    except json.JSONDecodeError as exc:
        yield InputError(f"not valid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}", path=name)
        return
    except InputError as err:
        yield err
        return
    items = data if isinstance(data, list) else [data]
    if not items:
        yield InputError("empty JSON list: no documents", path=name)
    default_id = stem(name) if len(items) == 1 else None
    for n, item in enumerate(items, 1):
        label, where = (name, None) if len(items) == 1 else (f"{name}[{n}]", f"item {n}")
        yield guard(lambda item=item, label=label, where=where: record(item, label, opts, notes, where, default_id))


def _from_html(html: str, name: str, opts: ReadOptions, notes: Notes) -> Document:
    try:
        import trafilatura  # imported here: it is slow to import and only HTML needs it
    except ImportError as exc:
        raise InputError(f"HTML input needs trafilatura ({exc}); reinstall depeche", path=name) from exc
    try:
        text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
        meta = trafilatura.extract_metadata(html)
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        raise InputError(f"malformed HTML: {exc}", path=name) from exc
    if not text or not text.strip():
        raise InputError("no main text found in the HTML page", path=name)
    title = (meta.title if meta else None) or opts.title
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    # the page's own language, when depeche has no tables for it, is left for detection, not held against it
    page_lang = known_language(meta.language) if meta and meta.language else None
    fields = {"id": stem(name), "text": text, "title": title, "published": meta.date if meta else None,
              "lang": opts.lang or page_lang, "source": opts.source or (meta.sitename if meta else None),
              "url": meta.url if meta else None}
    return checked(fields, name, opts, notes)
