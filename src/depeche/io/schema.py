"""The input schema of a document, shared by the file readers and the HTTP API: checked and normalised at the door."""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Mapping
from typing import Any

from ..errors import InputError
from ..lang import available_languages
from ..model import Document

MAX_TEXT_CHARS = 2_000_000
# bounds on metadata: a megabyte id is a mistake, not an id (the HTTP API's own limits are tighter)
MAX_CHARS = {"id": 2000, "title": 2000, "source": 1000, "url": 8000}
META = ("lang", "published", "title", "source", "url")
SURROGATES = "lone surrogates replaced by U+FFFD"
NULS = "NUL characters removed"
_SURROGATE = re.compile("[\ud800-\udfff]")
# a day, a month or a year, optionally with a time of day and a zone (2025-06-02T08:30:00+02:00)
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?"
                   r"(?:Z|[+-]\d{2}:?\d{2})?)?)?)?", re.ASCII)


def check_document(fields: Mapping[str, Any], *, path: str | None = None, default_id: str | None = None,
                   max_text_chars: int = MAX_TEXT_CHARS) -> tuple[Document, Counter[str]]:
    """The Document a record describes (`path`: where it was read, for messages and provenance), and what was
    repaired in it, a count per kind of repair.

    Raises an InputError naming `path` for what cannot be right: a missing or non-string id or text, a
    `published` that is not a date, a language without tables. Repairs what can be: lone surrogates (valid
    JSON, not valid Unicode) become U+FFFD, NUL characters are removed. `None` or "" means absent."""
    repairs: Counter[str] = Counter()
    doc_id = _given(fields, "id")
    if doc_id is None:
        doc_id = default_id
    if doc_id is None:
        raise InputError("document has no 'id'; give each document a string id", path=path)
    values = {k: _clean(_string(k, _given(fields, k), path), repairs) for k in META}
    text = _clean(_string("text", fields.get("text"), path, required=True), repairs)
    doc = Document(id=_clean(_string("id", doc_id, path), repairs) or "", text=text or "",
                   lang=_lang(values["lang"], path), published=_published(values["published"], path),
                   title=values["title"], source=values["source"], url=values["url"], path=path)
    _check_sizes(doc, path, max_text_chars)
    return doc, repairs


def repair_text(text: str, repairs: Counter[str]) -> str:
    """`text` without lone surrogates (each becomes U+FFFD) and NUL characters; counts each in `repairs`."""
    text, n = _SURROGATE.subn("\ufffd", text)
    if n:
        repairs[SURROGATES] += n
    nuls = text.count("\x00")
    if nuls:
        repairs[NULS] += nuls
        text = text.replace("\x00", "")
    return text


def supported_languages() -> tuple[str, ...]:
    """The languages the pipeline has tables for (one folder each under depeche/data)."""
    return available_languages()


def _given(fields: Mapping[str, Any], key: str) -> Any:
    value = fields.get(key)
    return None if value is None or value == "" else value


def _string(key: str, value: Any, path: str | None, *, required: bool = False) -> str | None:
    if isinstance(value, str):
        return value
    if value is None:
        if required:
            raise InputError(f"document has no {key!r} string", path=path)
        return None
    number = isinstance(value, int | float) and not isinstance(value, bool)
    hint = f'; write it in quotes ("{str(value)[:40]}")' if number else ""
    raise InputError(f"{key!r} must be a string, not {json_kind(value)}{hint}", path=path)


def json_kind(value: Any) -> str:
    """What a JSON value is, in the words of a message: 'an object', 'a list', 'a number'."""
    kinds = {dict: "an object", list: "a list", str: "a string", bool: "true/false", int: "a number", float: "a number"}
    return "null" if value is None else kinds.get(type(value), type(value).__name__)


def _clean(value: str | None, repairs: Counter[str]) -> str | None:
    return None if value is None else repair_text(value, repairs)


def known_language(value: str) -> str | None:
    """The code of a language depeche has tables for: 'fr', 'FR', 'fr-FR' and 'fr_CA' are all 'fr'."""
    code = re.split(r"[-_]", value.strip().lower(), maxsplit=1)[0]
    return code if code in supported_languages() else None


def _lang(value: str | None, path: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    code = known_language(value)
    if code is None:
        raise InputError(f"unsupported lang {_show(value)}: depeche has tables for {', '.join(supported_languages())} "
                         "(leave 'lang' out to have it detected)", path=path)
    return code


def _published(value: str | None, path: str | None) -> str | None:
    """A date (2025-06-02), a month (2025-06) or a year, with an optional time; kept as given."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    match = _DATE.fullmatch(value)
    if match is None or not _real_date(match):
        raise InputError(f"'published' is not a date: {_show(value)}; write it as YYYY-MM-DD "
                         "(or YYYY-MM-DDTHH:MM:SS)", path=path)
    return value


def _real_date(match: re.Match[str]) -> bool:
    """2025-13-45 has the shape of a date and is none."""
    year, month, day, hour, minute, second = (int(g) if g else 0 for g in match.groups())
    try:
        dt.datetime(year, month or 1, day or 1, hour, minute, second)
    except ValueError:
        return False
    return True


def _check_sizes(doc: Document, path: str | None, max_text_chars: int) -> None:
    if not doc.id.strip():
        raise InputError("document has no 'id'; give each document a string id", path=path)
    if len(doc.text) > max_text_chars:
        raise InputError(f"text has {len(doc.text):,} characters, over the {max_text_chars:,} limit", path=path)
    if not doc.text.strip():
        raise InputError("no text", path=path)
    for key, limit in MAX_CHARS.items():
        value = getattr(doc, key)
        if value is not None and len(value) > limit:
            raise InputError(f"{key!r} has {len(value):,} characters, over the {limit:,} limit", path=path)


def _show(value: str) -> str:
    """A value quoted for a message, cut short: the message is one line whatever the input holds."""
    return repr(value if len(value) <= 40 else value[:40] + "…")
