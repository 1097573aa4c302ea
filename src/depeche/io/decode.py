"""Bytes to text: decoded first (a byte-order mark honoured, UTF-16 without one recognised), then judged."""
from __future__ import annotations

import codecs
from collections import Counter
from collections.abc import Iterable, Iterator
from itertools import chain

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
        raise _unknown(encoding, name) from exc
    if not text.strip():
        raise InputError("empty file" + (" (only whitespace)" if text else ""), path=name)
    if _binary(text[:SAMPLE]):
        raise InputError("binary file (control characters), not text", path=name)
    repairs: Counter[str] = Counter()
    return repair_text(text, repairs), repairs, guessed.upper() if guessed else None


def stream_codec(head: bytes, name: str, encoding: str) -> tuple[str, str | None]:
    """The codec to read a stream of lines with, and the encoding guessed, judged on its first bytes: a stream
    is refused whole when it starts as binary, or the encoding is unknown. A bad byte further on is left to the
    line that holds it."""
    codec, guessed = _codec(head, encoding)
    try:  # not final: the sample may end inside a character
        text = codecs.getincrementaldecoder(codec)().decode(head[:SAMPLE])
    except UnicodeDecodeError as exc:  # judged on the text before the bad byte, or on the bytes if there is little
        text = head[:exc.start].decode(codec, "replace")
        if len(text) < 64 and _binary(head[:SAMPLE]):
            raise InputError("binary file, not text", path=name) from exc
    except LookupError as exc:
        raise _unknown(encoding, name) from exc
    if _binary(text):
        raise InputError("binary file (control characters), not text", path=name)
    return codec, guessed.upper() if guessed else None


def splits_on_newline(codec: str) -> bool:
    """Whether a b"\n" byte is a line end in this encoding (UTF-8, Latin-1, cp1252), not half of a character
    (UTF-16, UTF-32)."""
    return "\n".encode(codec) == b"\n"


def recoded(stream: Iterable[bytes], codec: str, name: str) -> Iterator[bytes]:
    """A stream in an encoding where b"\n" is no line end (UTF-16, UTF-32) as UTF-8, decoded as it comes. A bad
    sequence ends it: what comes before it is given first, wherever the chunks happen to be cut."""
    decoder = codecs.getincrementaldecoder(codec)()
    done = 0
    for chunk in chain(stream, [None]):
        state = decoder.getstate()  # (bytes held back from the last chunk, byte order found)
        try:
            text = decoder.decode(chunk or b"", final=chunk is None)
        except UnicodeDecodeError as exc:
            decoder.setstate(state)
            yield decoder.decode((chunk or b"")[:max(0, exc.start - len(state[0]))]).encode("utf-8", "surrogatepass")
            at = done - len(state[0]) + exc.start
            raise InputError(f"not valid {codec.upper()} at byte {at}; the rest of the file is not read (convert it "
                             "to UTF-8)", path=name) from exc
        yield text.encode("utf-8", "surrogatepass")
        done += len(chunk or b"")


def decode_line(data: bytes, codec: str, label: str, *, surrogates: bool = False) -> tuple[str, Counter[str]]:
    """One line of a stream as text, and what was repaired in it. `surrogates`: the line came through `recoded`,
    where a lone surrogate was let through, to be repaired and reported as in a whole file."""
    try:
        text = data.decode(codec, "surrogatepass" if surrogates else "strict")
    except UnicodeDecodeError as exc:
        raise InputError(f"not valid {codec} at byte {exc.start} of the line; convert the file to UTF-8 or pass "
                         "--encoding (e.g. --encoding latin-1)", path=label) from exc
    repairs: Counter[str] = Counter()
    return repair_text(text, repairs), repairs


def _unknown(encoding: str, name: str) -> InputError:
    return InputError(f"unknown encoding {encoding!r}; pass a name Python knows (utf-8, latin-1, utf-16, cp1252)",
                      path=name)


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
