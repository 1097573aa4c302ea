"""Language identification by function-word counts: deterministic, instant, right on short texts."""
from __future__ import annotations

from collections.abc import Mapping

from .normalize import fold
from .segment import tokenize_words


def detect(text: str, stopwords: Mapping[str, frozenset[str]], *, default: str = "en", sample: int = 4000) -> str:
    """Return the language whose stop words are most frequent in the first `sample` characters."""
    words = [fold(w) for w in tokenize_words(text[:sample])]
    best, best_score = default, 0
    for lang, stops in sorted(stopwords.items()):
        score = sum(1 for w in words if w in stops)
        if score > best_score:
            best, best_score = lang, score
    return best
