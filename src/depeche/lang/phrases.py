"""A token-sequence dictionary: longest match of folded phrases, with a case rule per entry."""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from typing import Any

from ..model import Token
from ..text.normalize import fold, normalize
from ..text.segment import PerDocument, positions_of, tokenize_words


def case_rule(text: str, default: str) -> str:
    """All-caps short forms (USA, RDC, UN) must match exactly; others follow the table's default."""
    letters = [c for c in text if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) <= 6:
        return "exact"
    if letters and letters[0].islower():
        return "any"
    return default


class PhraseTable:
    """Phrases in a trie of folded tokens; each entry carries a payload dict. A node is
    [children by next fold, entries ending here as (words, case, payload)]."""

    def __init__(self) -> None:
        self._root: dict[str, list[Any]] = {}
        self.size = 0
        self._kept = PerDocument()  # what was found in the last document searched

    def add(self, text: str, payload: dict[str, Any], case: str = "any") -> None:
        words = tuple(tokenize_words(normalize(text)[0]))
        if not words:
            return
        children, node = self._root, None
        for w in words:
            node = children.setdefault(fold(w), [{}, []])
            children = node[0]
        node[1].append((words, case, payload))
        self.size += 1
        self._kept.clear()  # if searched before, what was kept of the last document is stale

    def firsts(self) -> frozenset[str]:
        """The folded words a phrase can start with."""
        return frozenset(self._root)

    def match_at(self, tokens: Sequence[Token], i: int, end: int) -> tuple[int, list[dict[str, Any]]]:
        """Longest match starting at token i (not past `end`): (length, payloads of that length)."""
        node = self._root.get(tokens[i].fold)
        best, found, k = 0, [], i
        while node is not None:
            if node[1]:
                ok = [p for words, case, p in node[1] if case == "any" or _case_ok(tokens, i, words, case)]
                if ok:
                    best, found = k - i + 1, ok
            k += 1
            if k >= end or not node[0]:
                break
            node = node[0].get(tokens[k].fold)
        return best, found

    def find_all(self, tokens: Sequence[Token], start: int, end: int) -> list[tuple[int, int, list[dict]]]:
        """Greedy left-to-right longest matches that do not overlap."""
        positions = self._starts(tokens)
        lo = bisect_left(positions, start)
        return self._scan(tokens, positions[lo:bisect_left(positions, end, lo)], end, None)

    def find_each(self, tokens: Sequence[Token], sentences: Sequence[Any]) -> list[tuple[int, int, list[dict]]]:
        """find_all over every sentence, in one pass over the document (no match crosses a sentence end)."""
        return self._scan(tokens, self._starts(tokens), 0, sentences)

    def in_sentences(self, tokens: Sequence[Token], sentences: Sequence[Any]
                     ) -> list[list[tuple[int, int, list[dict]]]]:
        """find_all of each sentence, by sentence number: one pass for the document, kept for its tokens."""
        def build(toks: Sequence[Token]) -> list[list[tuple[int, int, list[dict]]]]:
            out: list[list[tuple[int, int, list[dict]]]] = [[] for _ in sentences]
            for match in self.find_each(toks, sentences):
                out[toks[match[0]].sent].append(match)
            return out

        return self._kept.get("each", tokens, build)

    def in_sentence_of(self, tokens: Sequence[Token], sentences: Sequence[Any], k: int
                       ) -> list[tuple[int, int, list[dict]]]:
        """find_all of the sentence that holds token k (taken from `in_sentences`)."""
        return self.in_sentences(tokens, sentences)[tokens[k].sent]

    def match_starts(self, tokens: Sequence[Token], sentences: Sequence[Any]) -> list[int]:
        """Every position where a phrase matches within its sentence, overlapping or not (so that 'is there a
        match from token k on' is a lookup); kept for the document's tokens."""
        return self._kept.get("any", tokens, lambda toks: [k for k in self._starts(toks)
                                                       if self.match_at(toks, k, sentences[toks[k].sent].end)[0]])

    def _scan(self, tokens: Sequence[Token], positions: list[int], end: int,
              sentences: Sequence[Any] | None) -> list[tuple[int, int, list[dict]]]:
        """Matches at the given start positions, each ending by `end` or by its sentence's end."""
        out, i, root, match_at = [], 0, self._root, self.match_at
        for k in positions:
            if k < i:
                continue  # inside the previous match
            node = root[tokens[k].fold]
            if sentences is not None:
                end = sentences[tokens[k].sent].end
            if not node[1] and (k + 1 >= end or tokens[k + 1].fold not in node[0]):
                continue  # the common case, 'le' or 'the' not followed by the rest of a name: no call
            n, payloads = match_at(tokens, k, end)
            if n:
                out.append((k, k + n, payloads))
                i = k + n
        return out

    def _starts(self, tokens: Sequence[Token]) -> list[int]:
        """Positions of the tokens a phrase can start with, found once per token list (a document is
        searched sentence by sentence)."""
        return self._kept.get("starts", tokens, self._positions)

    def _positions(self, tokens: Sequence[Token]) -> list[int]:
        return positions_of(tokens, self._root)


def _case_ok(tokens: Sequence[Token], i: int, words: tuple[str, ...], case: str) -> bool:
    if case == "any":
        return True
    if case == "exact":
        return all(tokens[i + k].text == w for k, w in enumerate(words))
    first = tokens[i].text
    return first[:1].isupper() or first[:1].isdigit()
