"""Read documents from files, folders and stdin; every bad input becomes one InputError naming it."""
from __future__ import annotations

import codecs
import errno
import json
import os
import stat
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import InputError, InputWarning
from ..model import Document
from .decode import decode_text
from .schema import MAX_TEXT_CHARS, META, check_document, json_kind, known_language

SUFFIXES = {".txt", ".text", ".json", ".jsonl", ".ndjson", ".html", ".htm"}
MB = 1024 * 1024
# non-blocking: a FIFO put where a file was must not hang the open; no effect on regular files
OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
DUPLICATES = "ids already read in this batch (the later document wins)"


@dataclass(frozen=True)
class ReadOptions:
    """Metadata for plain-text input, limits that protect the process, and where warnings go (default: stderr)."""

    lang: str | None = None
    published: str | None = None
    source: str | None = None
    title: str | None = None
    encoding: str = "utf-8"
    max_bytes: int = 50 * MB
    max_text_chars: int = MAX_TEXT_CHARS
    warn: Callable[[InputWarning], None] | None = None


@dataclass(frozen=True)
class _Source:
    """The bytes of one input, its name for messages and the kind of file (its suffix)."""

    name: str
    kind: str
    data: bytes


class _Notes:
    """The repairs made in one input, so that they are reported in one line naming it."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.where: dict[str, list[str]] = {}
        self.remarks: list[str] = []

    def add(self, repairs: Counter[str], where: str | None = None) -> None:
        for what, n in repairs.items():
            self.counts[what] += n
            if where:
                self.where.setdefault(what, []).append(where)

    def __bool__(self) -> bool:
        return bool(self.counts or self.remarks)

    def message(self) -> str:
        parts = list(self.remarks)
        for what, n in self.counts.items():
            places = self.where.get(what, [])
            shown = ", ".join(places[:5]) + (f" and {len(places) - 5} more" if len(places) > 5 else "")
            parts.append(f"{what}: {n}" + (f" ({shown})" if shown else ""))
        return "; ".join(parts)


def iter_documents(paths: list[str], opts: ReadOptions = ReadOptions(), stdin: BinaryIO | None = None
                   ) -> Iterator[Document | InputError]:
    """Yield a Document per article, or an InputError per input that cannot be read; never raise.
    Repairs (lone surrogates, NUL characters) are reported through `opts.warn`, one line per input."""
    seen: set[str] = set()
    for raw in paths:
        for src in _sources(raw, opts, stdin):
            if isinstance(src, InputError):
                yield src
            else:
                yield from _documents(src, opts, seen)


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
    data = stream.read(opts.max_bytes + 1)  # bounded: what is past the limit is never read into memory
    if len(data) > opts.max_bytes:
        return InputError(f"more than the {opts.max_bytes / MB:.0f} MB limit on stdin (raise it with --max-size)",
                          path="<stdin>")
    return _Source("<stdin>", _stdin_kind(data), data)


def _stdin_kind(data: bytes) -> str:
    head = data.removeprefix(codecs.BOM_UTF8).lstrip()[:1]
    if head == b"{":
        lines = [ln for ln in data.split(b"\n") if ln.strip()]
        return ".jsonl" if len(lines) > 1 and all(ln.lstrip().startswith(b"{") for ln in lines[:3]) else ".json"
    if head == b"<":
        return ".html"
    return ".txt"


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
        fd = os.open(path, OPEN_FLAGS)
        with open(fd, "rb") as f:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                return InputError("not a regular file (a pipe, socket or device); to read a stream, pipe it to "
                                  "`depeche ... -`", path=name)
            if info.st_size > opts.max_bytes:  # refused by its size: a huge (or sparse) file is never read
                return _too_big(f"file is {info.st_size / MB:.1f} MB, over", name, opts)
            data = f.read(opts.max_bytes + 1)  # bounded: a file may grow, or report no size (/proc)
    except OSError as exc:
        return InputError(_unreachable(path, exc), path=name)
    if len(data) > opts.max_bytes:
        return _too_big("file is over", name, opts)
    return _Source(name, path.suffix.lower(), data)


def _too_big(what: str, name: str, opts: ReadOptions) -> InputError:
    return InputError(f"{what} the {opts.max_bytes / MB:.0f} MB limit (raise it with --max-size)", path=name)


def _documents(src: _Source, opts: ReadOptions, seen: set[str]) -> Iterator[Document | InputError]:
    notes = _Notes()
    for item in _parse(src, opts, notes):
        if isinstance(item, Document):
            if item.id in seen:
                notes.add(Counter({DUPLICATES: 1}), _where(item.path or "", src.name) or repr(item.id))
            seen.add(item.id)
        yield item
    if notes:
        _warn(opts, InputWarning(notes.message(), path=src.name))


def _where(label: str, name: str) -> str | None:
    """'line 3' for file.jsonl:3, 'item 2' for file.json[2]; None for a whole file."""
    rest = label[len(name):]
    if rest.startswith(":"):
        return f"line {rest[1:]}"
    return f"item {rest[1:-1]}" if rest.startswith("[") else None


def _parse(src: _Source, opts: ReadOptions, notes: _Notes) -> Iterator[Document | InputError]:
    try:
        text = _decode(src.data, src.name, opts, notes)
    except InputError as err:
        yield err
        return
    if src.kind == ".json":
        yield from _from_json(text, src.name, opts, notes)
    elif src.kind in (".jsonl", ".ndjson"):
        yield from _from_jsonl(text, src.name, opts, notes)
    elif src.kind in (".html", ".htm"):
        yield _guard(lambda: _from_html(text, src.name, opts, notes))
    else:
        yield _guard(lambda: _plain(text, src.name, opts, notes))


def _guard(make: Callable[[], Document]) -> Document | InputError:
    try:
        return make()
    except InputError as err:
        return err


def _decode(data: bytes, name: str, opts: ReadOptions, notes: _Notes) -> str:
    text, repairs, guessed = decode_text(data, name, opts.encoding)
    if guessed:
        notes.remarks.append(f"no byte-order mark, read as {guessed} (pass --encoding to choose)")
    notes.add(repairs)
    return text


def _plain(text: str, name: str, opts: ReadOptions, notes: _Notes) -> Document:
    return _checked({"id": _stem(name), "text": text}, name, opts, notes)


def _checked(fields: dict[str, Any], label: str, opts: ReadOptions, notes: _Notes, where: str | None = None,
             default_id: str | None = None) -> Document:
    """The document through the input schema, the options' metadata filling what the input leaves out."""
    for key in META:
        if fields.get(key) is None or fields.get(key) == "":
            fields[key] = getattr(opts, key, None)
    doc, repairs = check_document(fields, path=label, default_id=default_id, max_text_chars=opts.max_text_chars)
    notes.add(repairs, where)
    return doc


def _stem(name: str) -> str:
    return "stdin" if name == "<stdin>" else Path(name).stem


def _from_json(text: str, name: str, opts: ReadOptions, notes: _Notes) -> Iterator[Document | InputError]:
    try:
        data = _parse_json(text, name)
    except json.JSONDecodeError as exc:
        yield InputError(f"not valid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}", path=name)
        return
    except InputError as err:
        yield err
        return
    items = data if isinstance(data, list) else [data]
    if not items:
        yield InputError("empty JSON list: no documents", path=name)
    default_id = _stem(name) if len(items) == 1 else None
    for n, item in enumerate(items, 1):
        label, where = (name, None) if len(items) == 1 else (f"{name}[{n}]", f"item {n}")
        yield _guard(lambda item=item, label=label, where=where: _record(item, label, opts, notes, where, default_id))


def _parse_json(text: str, label: str) -> Any:
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


def _from_jsonl(text: str, name: str, opts: ReadOptions, notes: _Notes) -> Iterator[Document | InputError]:
    # "\n" only: str.splitlines() also splits on U+2028, U+2029 and U+0085, which JSON strings may hold raw
    for n, line in enumerate(text.split("\n"), 1):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        label = f"{name}:{n}"
        try:
            item = _parse_json(line, label)
        except json.JSONDecodeError as exc:
            yield InputError(f"not valid JSON (column {exc.colno}: {exc.msg})", path=label)
            continue
        except InputError as err:
            yield err
            continue
        yield _guard(lambda item=item, label=label, n=n: _record(item, label, opts, notes, f"line {n}"))


def _record(item: Any, label: str, opts: ReadOptions, notes: _Notes, where: str | None,
            default_id: str | None = None) -> Document:
    if not isinstance(item, dict):
        raise InputError(f"expected a JSON object with 'id' and 'text', not {json_kind(item)}", path=label)
    fields = {key: item.get(key) for key in ("id", "text", *META)}
    return _checked(fields, label, opts, notes, where, default_id)


def _from_html(html: str, name: str, opts: ReadOptions, notes: _Notes) -> Document:
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
    fields = {"id": _stem(name), "text": text, "title": title, "published": meta.date if meta else None,
              "lang": opts.lang or page_lang, "source": opts.source or (meta.sitename if meta else None),
              "url": meta.url if meta else None}
    return _checked(fields, name, opts, notes)
