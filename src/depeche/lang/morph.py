"""Generate inflected forms from lemmas with the suffix rules of <lang>/morphology.yaml."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..text.normalize import fold


class Morphology:
    """Regular inflection of verbs and nouns, plus the irregular verbs of <lang>/verbs.tsv."""

    def __init__(self, rules: Mapping[str, Any], irregular: Mapping[str, list[str]]):
        self.verb_classes = [(fold(c["suffix"]), [fold(e) for e in c["endings"]], c.get("stem_variants") or {})
                             for c in rules.get("verb_classes", [])]
        noun = rules.get("noun", {"endings": [""]})
        self.noun_endings = [fold(e) for e in noun["endings"]]
        self.noun_variants = noun.get("stem_variants") or {}
        self.irregular = {fold(k): {fold(f) for f in v} | {fold(k)} for k, v in irregular.items()}
        self.prefixes = [fold(p) for p in rules.get("reflexive", [])]

    def verb_forms(self, lemma: str) -> set[str]:
        """Every form of a verb; irregular verbs come from the table, others from the first matching class."""
        lemma = fold(lemma)
        if lemma in self.irregular:
            return set(self.irregular[lemma])
        for suffix, endings, variants in self.verb_classes:
            if lemma.endswith(suffix):
                stem = lemma[: len(lemma) - len(suffix)] if suffix else lemma
                return _combine(stem, endings, variants) | {lemma}
        return {lemma}

    def noun_forms(self, lemma: str) -> set[str]:
        return _combine(fold(lemma), self.noun_endings, self.noun_variants) | {fold(lemma)}

    def word_forms(self, word: str, head: str) -> set[str]:
        """Forms of one word of a trigger: the head inflects as its part of speech, others as nouns."""
        if head == "v":
            return self.verb_forms(word)
        return self.noun_forms(word)


def _combine(stem: str, endings: Iterable[str], variants: Mapping[str, str]) -> set[str]:
    """stem + ending for each ending, and for each stem variant (final letters rewritten) before a vowel."""
    stems = {stem}
    for tail, repl in variants.items():
        if stem.endswith(tail):
            stems.add(stem[: len(stem) - len(tail)] + repl)
    out = set()
    for e in endings:
        out.add(stem + e)
        if e:
            out.update(s + e for s in stems)
    return out
