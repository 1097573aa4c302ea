"""A token-sequence dictionary: longest match of folded phrases, with a case rule per entry."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from ..model import Token
from ..text.normalize import fold, normalize
from ..text.segment import tokenize_words


def case_rule(text: str, default: str) -> str:
    """All-caps short forms (USA, RDC, UN) must match exactly; others follow the table's default."""
    letters = [c for c in text if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) <= 6:
        return "exact"
    if letters and letters[0].islower():
        return "any"
    return default


class PhraseTable:
    """Phrases keyed by their first folded token; each entry carries a payload dict."""

    def __init__(self) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], tuple[str, ...], str, dict[str, Any]]]] = \
            defaultdict(list)
        self.size = 0

    def add(self, text: str, payload: dict[str, Any], case: str = "any") -> None:
        words = tuple(tokenize_words(normalize(text)[0]))
        if not words:
            return
        folds = tuple(fold(w) for w in words)
        self._by_first[folds[0]].append((folds, words, case, payload))
        self.size += 1

    def freeze(self) -> PhraseTable:
        for entries in self._by_first.values():
            entries.sort(key=lambda e: -len(e[0]))
        self._by_first = dict(self._by_first)
        return self

    def match_at(self, tokens: Sequence[Token], i: int, end: int) -> tuple[int, list[dict[str, Any]]]:
        """Longest match starting at token i (not past `end`): (length, payloads of that length)."""
        entries = self._by_first.get(tokens[i].fold)
        if not entries:
            return 0, []
        best, found = 0, []
        for folds, words, case, payload in entries:
            n = len(folds)
            if n < best or i + n > end:
                continue
            if all(tokens[i + k].fold == folds[k] for k in range(1, n)) and _case_ok(tokens, i, words, case):
                best = n
                found.append(payload)
        return best, found

    def find_all(self, tokens: Sequence[Token], start: int, end: int) -> list[tuple[int, int, list[dict]]]:
        """Greedy left-to-right longest matches that do not overlap."""
        out, i = [], start
        firsts = self._by_first
        while i < end:
            if tokens[i].fold not in firsts:
                i += 1
                continue
            n, payloads = self.match_at(tokens, i, end)
            if n:
                out.append((i, i + n, payloads))
                i += n
            else:
                i += 1
        return out


def _case_ok(tokens: Sequence[Token], i: int, words: tuple[str, ...], case: str) -> bool:
    if case == "any":
        return True
    if case == "exact":
        return all(tokens[i + k].text == w for k, w in enumerate(words))
    first = tokens[i].text
    return first[:1].isupper() or first[:1].isdigit()
