"""Bytes to text: decoded first (a byte-order mark honoured, UTF-16 without one recognised), then judged."""
from __future__ import annotations

import codecs
from collections import Counter

from ..errors import InputError
from .schema import repair_text

# the UTF-32 marks first: FF FE 00 00 also starts with the UTF-16-LE mark
BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
SAMPLE = 4096


def decode_text(data: bytes, name: str, encoding: str) -> tuple[str, Counter[str], str | None]:
    """The text of a file, what was repaired in it, and the encoding guessed (UTF-16 with no byte-order mark).

    Decoding comes before any check: NUL bytes are half of UTF-16, while a NUL character is never text, so
    NULs are judged, and removed, in the decoded text. Raises an InputError naming `name`."""
    codec, guessed = _codec(data, encoding)
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        if _binary(data[:SAMPLE]):
            raise InputError("binary file, not text", path=name) from exc
        raise InputError(f"not valid {guessed or encoding} at byte {exc.start}; convert the file to UTF-8 or "
                         "pass --encoding (e.g. --encoding latin-1)", path=name) from exc
    except LookupError as exc:
        raise InputError(f"unknown encoding {encoding!r}; pass a name Python knows (utf-8, latin-1, utf-16, "
                         "cp1252)", path=name) from exc
    if not text.strip():
        raise InputError("empty file" + (" (only whitespace)" if text else ""), path=name)
    if _binary(text[:SAMPLE]):
        raise InputError("binary file (control characters), not text", path=name)
    repairs: Counter[str] = Counter()
    return repair_text(text, repairs), repairs, guessed.upper() if guessed else None


def _codec(data: bytes, encoding: str) -> tuple[str, str | None]:
    """The codec to decode with, and whether it was guessed."""
    for bom, codec in BOMS:
        if data.startswith(bom):  # a byte-order mark says more than an option given for a whole batch
            return codec, None
    if encoding.lower().replace("_", "-") not in ("utf-8", "utf8"):
        return encoding, None
    guessed = _utf16_order(data[:SAMPLE])
    return (guessed, guessed) if guessed else ("utf-8-sig", None)


def _utf16_order(sample: bytes) -> str | None:
    """UTF-16 text in a Latin script has a zero in every other byte; UTF-8 text has none."""
    if len(sample) < 4 or len(sample) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    for zeros, others, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) * 2 >= len(zeros) and others.count(0) * 20 <= len(others):
            return codec
    return None


def _binary(sample: str | bytes) -> bool:
    """More control characters than text holds (NUL included): a picture, an archive, random bytes."""
    chars = sample.decode("latin-1") if isinstance(sample, bytes) else sample
    controls = sum(1 for c in chars if c < " " and c not in "\n\r\t\f\v")
    return controls > max(2, len(chars) // 20)
