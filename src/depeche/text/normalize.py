"""Normalise typography (quotes, apostrophes, spaces, ligatures) and keep a map back to the original."""
from __future__ import annotations

import re
import unicodedata

# One character for one character: offsets stay the same.
_SAME_LENGTH = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u201b": "'", "\u02bc": "'", "\u00b4": "'", "`": "'",
    "\u201e": "\u201c", "\u2039": "\u00ab", "\u203a": "\u00bb",
    "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " ", "\u2002": " ", "\u2003": " ",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\ufeff": " ", "\u200b": " ", "\r": "\n",
})
_SAME_CHARS = {chr(k): v for k, v in _SAME_LENGTH.items()}
_SAME_RE = re.compile("[" + re.escape("".join(_SAME_CHARS)) + "]")


def _same_length(text: str) -> str:
    """text.translate(_SAME_LENGTH), faster: few characters change, and a regex finds them without a
    dictionary lookup for every character."""
    return _SAME_RE.sub(_swap, text)


def _swap(m: re.Match) -> str:
    return _SAME_CHARS[m.group()]


# Characters that become several: need an offset map.
_EXPAND = {"\u0153": "oe", "\u0152": "Oe", "\u00e6": "ae", "\u00c6": "Ae", "\ufb01": "fi", "\ufb02": "fl"}
_NEEDS_MAP = re.compile("[" + "".join(_EXPAND) + "\u0300-\u036f]")
# A character that expands, or a base character followed by combining marks.
_CLUSTER = re.compile("[" + "".join(_EXPAND) + "]|.[\u0300-\u036f]+", re.DOTALL)


def normalize(text: str) -> tuple[str, list[int] | None]:
    """Return (normalised text, map from normalised offsets to original offsets or None if identity)."""
    if not _NEEDS_MAP.search(text):
        return _same_length(text), None
    out: list[str] = []
    offsets: list[int] = []
    done = 0
    for m in _CLUSTER.finditer(text):
        a, b = m.span()
        if a > done:  # untouched run: one character for one character
            out.append(_same_length(text[done:a]))
            offsets.extend(range(done, a))
        piece = unicodedata.normalize("NFC", m.group())
        piece = "".join(_EXPAND.get(c, c) for c in piece).translate(_SAME_LENGTH)
        out.append(piece)
        offsets.extend([a] * len(piece))
        done = b
    out.append(_same_length(text[done:]))
    offsets.extend(range(done, len(text)))
    return "".join(out), offsets


_FOLD_CACHE: dict[str, str] = {}
# Accents that tell grammatical words apart ("à" to / "a" has, "où" where / "ou" or): kept.
_KEEP = {"à": "à", "où": "où", "là": "là"}


def fold(word: str) -> str:
    """Lowercase without accents: the key every table is matched on."""
    hit = _FOLD_CACHE.get(word)
    if hit is None and word.lower() in _KEEP:
        return _KEEP[word.lower()]
    if hit is None:
        decomposed = unicodedata.normalize("NFKD", word.lower())
        hit = "".join(c for c in decomposed if not unicodedata.combining(c)).replace("\u0153", "oe")
        hit = hit.translate(_SAME_LENGTH)
        if len(_FOLD_CACHE) < 500_000:
            _FOLD_CACHE[word] = hit
    return hit
