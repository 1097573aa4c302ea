"""Tokens and sentences by regular expressions: fast, deterministic, no model."""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Container, Iterable, Sequence
from itertools import chain
from typing import Any

from ..model import Sentence, Token
from .normalize import _FOLD_CACHE, fold, normalize

_TOKEN_RE = re.compile(
    r"(?i:aujourd'hui|presqu'[iî]le)"          # words that contain an apostrophe
    r"|(?:[A-Z]\.){2,}"                          # U.S., U.N.
    r"|n't\b"
    r"|(?i:jusqu|lorsqu|puisqu|quoiqu|qu|[ldjmnstc])'(?=\w)"  # French elision: l', d', qu'
    r"|'s\b"                                     # English possessive
    r"|\d{1,2}(?:er|re|ère|ème|e|st|nd|rd|th)\b"   # ordinals: 1er mai, 21st
    r"|\d{1,3}(?:[ ]\d{3})+(?![\d])"             # 1 000 (French thousands)
    r"|\d+(?:[.,:]\d+)*"
    r"|\w+(?=n't\b)"
    r"|\w+(?:[-.]\w+)*"                           # words, compounds, Shahed-136
    r"|\.{2,}"
    r"|[^\w\s]",
    re.UNICODE,
)
_ENDERS = {".", "!", "?", "…", "...", "...."}
_CLOSERS = {"\u00bb", "\u201d", ")"}
OPENERS = {"\u00ab": "\u00bb", "\u201c": "\u201d", '"': '"'}


# The same tokens, found faster: a plain word of letters first (what most tokens are), and the space before
# each token as a group of its own, so that one findall gives every offset without a match object per token.
_SPACED_RE = re.compile(r"(\s*)([^\W\d_]{2,}(?![\w'\u2019.\-])|" + _TOKEN_RE.pattern + ")", re.UNICODE)


def tokenize_words(text: str) -> list[str]:
    return [m.group() for m in _TOKEN_RE.finditer(text)]


def fold_phrase(text: str) -> tuple[str, ...]:
    """Fold a phrase and split it as the tokenizer would."""
    return tuple(fold(w) for w in tokenize_words(normalize(text)[0]))


def tokenize(text: str) -> list[Token]:
    """Split normalised text into tokens with character offsets."""
    out: list[Token] = []
    append, cached, pos = out.append, _FOLD_CACHE.get, 0
    for i, (space, word) in enumerate(_SPACED_RE.findall(text)):
        pos += len(space)
        end = pos + len(word)
        append(Token(i, word, pos, end, cached(word) or fold(word)))
        pos = end
    return out


def _ends_sentence(tokens: list[Token], i: int, abbreviations: set[str]) -> bool:
    """Does a sentence end at token i: '.', '!', '?' not after an abbreviation, before a non-lowercase word."""
    tok = tokens[i]
    if tok.text not in _ENDERS:
        return False
    if tok.text == "." and i > 0:
        prev = tokens[i - 1]
        if prev.end == tok.start and (prev.fold in abbreviations or (len(prev.text) == 1 and prev.text.isupper())):
            return False
    nxt = i + 1
    while nxt < len(tokens) and (tokens[nxt].text in _CLOSERS or tokens[nxt].text == "\""):
        nxt += 1
    return nxt >= len(tokens) or not tokens[nxt].text[:1].islower()


def _line_breaks(text: str, tokens: list[Token]) -> dict[int, int]:
    """How many line breaks stand right before each token that has any (tokens never contain one)."""
    starts = [t.start for t in tokens]
    out: dict[int, int] = {}
    pos = text.find("\n")
    while pos >= 0:
        j = bisect_right(starts, pos)
        out[j] = out.get(j, 0) + 1
        pos = text.find("\n", pos + 1)
    return out


def split_sentences(text: str, tokens: list[Token], abbreviations: Iterable[str] = ()) -> list[Sentence]:
    """Group tokens into sentences; a line break always ends a sentence, a blank line a paragraph."""
    abbr = abbreviations if isinstance(abbreviations, (set, frozenset)) else set(abbreviations)
    breaks = _line_breaks(text, tokens)
    sentences: list[Sentence] = []
    start, para, n, i = 0, 0, len(tokens), 0
    open_plain = False  # inside a "..." quote: the next " closes it
    for c in _boundary_candidates(tokens, breaks):
        if c < i:
            continue  # taken into the sentence just closed
        i = end = c
        text_i = tokens[i].text
        if text_i == '"':
            open_plain = not open_plain
        ends = text_i in _ENDERS and _ends_sentence(tokens, i, abbr)
        if ends:
            while end + 1 < n and (tokens[end + 1].text in _CLOSERS or (tokens[end + 1].text == '"' and open_plain)) \
                    and end + 1 not in breaks:
                end += 1
                if tokens[end].text == '"':
                    open_plain = False
        newline = end + 1 >= n or end + 1 in breaks
        if end > i or ends or newline:
            _close(sentences, tokens, start, end + 1, para)
            start = end + 1
            if end + 1 < n and breaks.get(end + 1, 0) >= 2:
                para, open_plain = para + 1, False
        i = end + 1
    return sentences


_BOUNDARY_FOLDS = frozenset({'"', *_ENDERS, *(fold(e) for e in _ENDERS)})


def _boundary_candidates(tokens: list[Token], breaks: dict[int, int]) -> list[int]:
    """The only tokens where something can happen: a quote mark, a sentence end, the token before a line
    break, the last token. The splitter looks at these, not at every word."""
    out = set(positions_of(tokens, _BOUNDARY_FOLDS))
    out.update(b - 1 for b in breaks if b > 0)
    if tokens:
        out.add(len(tokens) - 1)
    return sorted(out)


MAX_SENTENCE_TOKENS = 160  # no real sentence is longer; longer runs (lists, missing punctuation) are cut


def _close(sentences: list[Sentence], tokens: list[Token], start: int, end: int, para: int) -> None:
    """Close a sentence; an overlong one is cut at its last comma or semicolon before the limit."""
    while end - start > MAX_SENTENCE_TOKENS:
        cut = start + MAX_SENTENCE_TOKENS
        for k in range(cut - 1, start + MAX_SENTENCE_TOKENS // 2, -1):
            if tokens[k].text in {",", ";", ":"}:
                cut = k + 1
                break
        _close_one(sentences, tokens, start, cut, para)
        start = cut
    _close_one(sentences, tokens, start, end, para)


def _close_one(sentences: list[Sentence], tokens: list[Token], start: int, end: int, para: int) -> None:
    if start >= end:
        return
    s = Sentence(len(sentences), start, end, tokens[start].start, tokens[end - 1].end, para)
    for t in tokens[start:end]:
        t.sent = s.i
    sentences.append(s)


class PerDocument:
    """Values built from a token list, kept until another list is asked about: every stage asks about the
    same document. Each (tokens, value) pair is swapped in whole, so threads may share the store."""

    def __init__(self) -> None:
        self._kept: dict[str, tuple[Sequence[Token], Any]] = {}

    def get(self, name: str, tokens: Sequence[Token], build: Callable[[Sequence[Token]], Any]) -> Any:
        kept = self._kept.get(name)
        if kept is not None and kept[0] is tokens:
            return kept[1]
        value = build(tokens)
        self._kept[name] = (tokens, value)
        return value

    def clear(self) -> None:
        if self._kept:  # a table calls this on every entry it adds: most of the time nothing is kept
            self._kept = {}


_once = PerDocument().get  # the document indexes below


def _fold_index(tokens: Sequence[Token]) -> dict[str, list[int]]:
    index: dict[str, list[int]] = {}
    for k, t in enumerate(tokens):
        index.setdefault(t.fold, []).append(k)
    return index


def fold_index(tokens: Sequence[Token]) -> dict[str, list[int]]:
    """Positions of each folded word."""
    return _once("fold", tokens, _fold_index)


def capitalised(tokens: Sequence[Token]) -> list[int]:
    """Positions of the tokens that start with a capital letter."""
    # no token is empty: text[0] is safe, and cheaper than a slice
    return _once("caps", tokens, lambda toks: [k for k, t in enumerate(toks) if t.text[0].isupper()])


def numeric(tokens: Sequence[Token]) -> list[int]:
    """Positions of the tokens that start with a digit."""
    return _once("digits", tokens,
                 lambda toks: _sorted_hits([p for f, p in fold_index(toks).items() if f[:1].isdigit()]))


def _sorted_hits(hits: list[list[int]]) -> list[int]:
    return hits[0][:] if len(hits) == 1 else sorted(chain.from_iterable(hits))


def positions_of(tokens: Sequence[Token], vocabulary: Container[str]) -> list[int]:
    """Sorted positions of the tokens whose folded form is in `vocabulary`: looks at each distinct word
    once, not at every token."""
    index = fold_index(tokens)
    # the intersections below run in C, and each walks the smaller side
    if isinstance(vocabulary, dict):
        return _sorted_hits([index[w] for w in index.keys() & vocabulary.keys()])
    if isinstance(vocabulary, (set, frozenset)):
        common = index.keys() & vocabulary if len(vocabulary) <= len(index) else vocabulary.intersection(index)
        return _sorted_hits([index[w] for w in common])
    return _sorted_hits([index[f] for f in index if f in vocabulary])
