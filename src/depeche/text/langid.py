"""Language identification with lingua: one of the languages depeche has tables for, or the other one it is in."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

SAMPLE = 3000  # characters read from the start of an article: enough to tell, and the cost stays flat
CATCH_ALL_SAMPLE = 400  # characters of its common words given to the catch-all (its cost grows with the text)
# Under this many letters of common words the catch-all (lingua's fast mode over every language it knows) is
# not reliable ("Kyiv denied it." reads as Polish): such a text is only told among the supported languages.
MIN_LETTERS = 60
LONGEST_WORD = 30  # a "word" longer than this is noise ("aaaa…"), not language
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")


def identify(text: str, supported: tuple[str, ...]) -> str | None:
    """The ISO 639-1 code of the text's language: one of `supported` when it is in one of them, another code
    when it is in another language, None when nothing can tell (no letters)."""
    sample = text[:SAMPLE]
    words = _common_words(sample)[:CATCH_ALL_SAMPLE]
    if sum(c.isalpha() for c in words) >= MIN_LETTERS:
        other = _code(_catch_all().detect_language_of(words))
        if other is not None and other not in supported:
            return other
    restricted = _restricted(tuple(sorted(supported)))
    found = _code(restricted.detect_language_of(sample)) if restricted is not None else None
    return found or _code(_catch_all().detect_language_of(sample))  # a script none of them is written in


def _common_words(text: str) -> str:
    """The words that do not start with a capital: names of people and places from other languages mislead a
    detector ("Shavkat Mirziyoyev" reads as Shona), the words around them do not."""
    return " ".join(w for w in _WORD.findall(text) if not w[0].isupper() and len(w) <= LONGEST_WORD)


def _code(language: Any) -> str | None:
    return None if language is None else language.iso_code_639_1.name.lower()


@lru_cache(maxsize=4)
def _restricted(codes: tuple[str, ...]) -> Any:
    """A detector that chooses among these languages only (its models are loaded on first use); None when lingua
    knows none of them."""
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    known = []
    for code in codes:
        try:
            known.append(IsoCode639_1.from_str(code))
        except ValueError:  # tables for a language lingua has no model of: it can still be declared
            continue
    return LanguageDetectorBuilder.from_iso_codes_639_1(*known).build() if known else None


@lru_cache(maxsize=1)
def _catch_all() -> Any:
    """Every language lingua knows, in its fast mode (trigram models only: some 20 MB, loaded on first use)."""
    from lingua import LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode().build()
