"""Read documents from files, folders and stdin; every bad input becomes one InputError naming it."""
from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import InputError
from ..model import Document

SUFFIXES = {".txt", ".text", ".json", ".jsonl", ".ndjson", ".html", ".htm"}
MB = 1024 * 1024


@dataclass(frozen=True)
class ReadOptions:
    """Metadata for plain-text input and limits that protect the process."""

    lang: str | None = None
    published: str | None = None
    source: str | None = None
    title: str | None = None
    encoding: str = "utf-8"
    max_bytes: int = 50 * MB
    max_text_chars: int = 2_000_000


def iter_documents(paths: list[str], opts: ReadOptions = ReadOptions(), stdin: BinaryIO | None = None
                   ) -> Iterator[Document | InputError]:
    """Yield a Document per article, or an InputError per input that cannot be read; never raise."""
    for raw in paths:
        if raw == "-":
            data = (stdin or sys.stdin.buffer).read()
            yield from _from_bytes(data, "<stdin>", _stdin_kind(data), opts)
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            if not files:
                yield InputError(f"folder has no {', '.join(sorted(SUFFIXES))} files", path=raw)
            for f in files:
                yield from _from_file(f, opts)
        elif path.is_file():
            yield from _from_file(path, opts)
        else:
            yield InputError("no such file or folder", path=raw)


def _stdin_kind(data: bytes) -> str:
    head = data.lstrip()[:1]
    if head == b"{":
        lines = [ln for ln in data.splitlines() if ln.strip()]
        return ".jsonl" if len(lines) > 1 and all(ln.lstrip().startswith(b"{") for ln in lines[:3]) else ".json"
    if head == b"<":
        return ".html"
    return ".txt"


def _from_file(path: Path, opts: ReadOptions) -> Iterator[Document | InputError]:
    try:
        size = path.stat().st_size
        if size > opts.max_bytes:
            yield InputError(f"file is {size / MB:.1f} MB, over the {opts.max_bytes / MB:.0f} MB limit "
                             "(raise it with --max-size)", path=str(path))
            return
        data = path.read_bytes()
    except OSError as exc:
        yield InputError(f"cannot read: {exc.strerror or exc}", path=str(path))
        return
    yield from _from_bytes(data, str(path), path.suffix.lower(), opts)


def _decode(data: bytes, name: str, opts: ReadOptions) -> str:
    if not data.strip():
        raise InputError("empty file", path=name)
    if b"\x00" in data[:8192]:
        raise InputError("binary file (NUL bytes), not text", path=name)
    try:
        text = data.decode("utf-8-sig" if opts.encoding.lower().replace("_", "-") == "utf-8" else opts.encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"not valid {opts.encoding} at byte {exc.start}; convert the file to UTF-8 or pass "
                         "--encoding (e.g. --encoding latin-1)", path=name) from exc
    except LookupError as exc:
        raise InputError(f"unknown encoding {opts.encoding!r}", path=name) from exc
    controls = sum(1 for c in text[:4096] if ord(c) < 32 and c not in "\n\r\t\f")
    if controls > max(8, len(text[:4096]) // 20):
        raise InputError("binary file (control characters), not text", path=name)
    return text


def _from_bytes(data: bytes, name: str, kind: str, opts: ReadOptions) -> Iterator[Document | InputError]:
    try:
        text = _decode(data, name, opts)
    except InputError as err:
        yield err
        return
    if kind in (".json",):
        yield from _from_json(text, name, opts)
    elif kind in (".jsonl", ".ndjson"):
        yield from _from_jsonl(text, name, opts)
    elif kind in (".html", ".htm"):
        yield _guard(lambda: _from_html(text, name, opts), name)
    else:
        yield _guard(lambda: _plain(text, name, opts), name)


def _guard(make, name: str) -> Document | InputError:
    try:
        return make()
    except InputError as err:
        return err


def _plain(text: str, name: str, opts: ReadOptions) -> Document:
    _check_size(text, name, opts)
    return Document(id=_stem(name), text=text, lang=opts.lang, published=opts.published, title=opts.title,
                    source=opts.source, path=name)


def _stem(name: str) -> str:
    return "stdin" if name == "<stdin>" else Path(name).stem


def _check_size(text: str, name: str, opts: ReadOptions) -> None:
    if len(text) > opts.max_text_chars:
        raise InputError(f"text has {len(text):,} characters, over the {opts.max_text_chars:,} limit", path=name)
    if not text.strip():
        raise InputError("no text", path=name)


def _from_json(text: str, name: str, opts: ReadOptions) -> Iterator[Document | InputError]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield InputError(f"not valid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}", path=name)
        return
    except RecursionError:
        yield InputError("JSON nested too deeply to be a document", path=name)
        return
    items = data if isinstance(data, list) else [data]
    default_id = _stem(name) if len(items) == 1 else None
    for n, item in enumerate(items, 1):
        label = name if len(items) == 1 else f"{name}[{n}]"
        yield _guard(lambda item=item, label=label: _record(item, label, opts, default_id=default_id), label)


def _from_jsonl(text: str, name: str, opts: ReadOptions) -> Iterator[Document | InputError]:
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        label = f"{name}:{n}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(f"not valid JSON (column {exc.colno}: {exc.msg})", path=label)
            continue
        except RecursionError:
            yield InputError("JSON nested too deeply to be a document", path=label)
            continue
        yield _guard(lambda item=item, label=label: _record(item, label, opts), label)


def _record(item: Any, label: str, opts: ReadOptions, default_id: str | None = None) -> Document:
    if not isinstance(item, dict):
        raise InputError("expected a JSON object with 'id' and 'text'", path=label)
    text = item.get("text")
    if not isinstance(text, str):
        raise InputError("document has no 'text' string", path=label)
    _check_size(text, label, opts)
    doc_id = item.get("id", default_id)
    if doc_id is None or str(doc_id).strip() == "":
        raise InputError("document has no 'id'", path=label)
    meta = {k: (str(item[k]) if item.get(k) is not None else None) for k in ("lang", "published", "title", "source", "url")}
    return Document(id=str(doc_id), text=text, lang=meta["lang"] or opts.lang, published=meta["published"] or opts.published,
                    title=meta["title"] or opts.title, source=meta["source"] or opts.source, url=meta["url"], path=label)


def _from_html(html: str, name: str, opts: ReadOptions) -> Document:
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
    published = (meta.date if meta else None) or opts.published
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    _check_size(text, name, opts)
    return Document(id=_stem(name), text=text, lang=opts.lang or (meta.language if meta else None),
                    published=published, title=title, source=opts.source or (meta.sitename if meta else None),
                    url=meta.url if meta else None, path=name)
