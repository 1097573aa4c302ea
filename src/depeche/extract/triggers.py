"""Trigger words: every match of a sentence, with the entry it matched and whether it is used as a noun."""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from ..lang import Language, load_language
from ..lang.language import Trigger
from ..model import Document
from ..text.segment import positions_of

_CRAFT_TYPES = {"ASSAULT", "CRASH", "MOBILIZE"}


@dataclass(slots=True)
class Match:
    """A trigger found in the text: its words' token positions and the entry that matched."""

    start: int
    end: int
    positions: tuple[int, ...]
    trigger: Trigger
    as_noun: bool = False


def find_triggers(doc: Document, lang: Language, start: int, end: int, blocked: set[int]) -> list[Match]:
    """All trigger matches of a sentence; overlapping matches keep the one with more words."""
    candidates: list[Match] = []
    triggers, tokens = lang.triggers, doc.tokens
    every = doc.cache.get("trigger_heads")
    if every is None:
        every = doc.cache["trigger_heads"] = positions_of(tokens, triggers)
    heads = [i for i in every[bisect_left(every, start):bisect_left(every, end)] if i not in blocked]
    if not heads:
        return []
    present = frozenset([t.fold for t in tokens[start:end]])
    groups = _trigger_groups(lang)
    for i in heads:
        entries, singles, seconds = groups[tokens[i].fold]
        if present.isdisjoint(seconds):
            entries = singles  # no phrase of this head can match here: its second words are absent
        best = _best_at(doc, lang, i, start, end, entries, blocked, present) if entries else None
        if best is not None:
            candidates.append(best)
    candidates.sort(key=lambda m: (-len(m.positions), m.start))
    used: set[int] = set()
    chosen = []
    for m in candidates:
        if used.isdisjoint(m.positions):
            used.update(m.positions)
            chosen.append(m)
    return sorted(chosen, key=lambda m: m.start)


@lru_cache(maxsize=8)
def _trigger_groups(lang: Language) -> dict[str, tuple[list[Trigger], list[Trigger], frozenset[str]]]:
    """For each head word: its entries, those of one word, and every second word of the others."""
    out = {}
    for head, entries in lang.triggers.items():
        seconds = frozenset().union(*(t.words[1] for t in entries if len(t.words) > 1))
        out[head] = (entries, [t for t in entries if len(t.words) == 1], seconds)
    return out


def _best_at(doc, lang, i, start, end, entries, blocked, present) -> Match | None:
    noun_context = None  # found when two entries match equally well
    after_verb_marker = i > start and doc.tokens[i - 1].fold in lang.words("verb_markers")
    best: Match | None = None
    for trig in entries:
        if trig.head == "n" and after_verb_marker:
            continue
        words = trig.words
        if len(words) > 1:
            if present.isdisjoint(words[1]) or (len(words) > 2 and _missing(words, present)):
                continue  # a word of the phrase is nowhere in the sentence
            positions = _match_rest(doc, trig, i, end, blocked, _actor_spans(doc, start))
        else:
            positions = (i,)
        if positions is None or ((trig.not_ or trig.with_) and
                                 not _conditions_ok(doc, trig, positions, start, end, present)):
            continue
        m = Match(i, positions[-1] + 1, positions, trig)
        if best is not None and noun_context is None:
            noun_context = _noun_context(doc, lang, i, start)
        if best is None or _better(m, best, noun_context):
            best = m
    if best is not None and best.trigger.head == "v" and _determined(doc, lang, i, start):
        best.as_noun = True
    return best


def _actor_spans(doc: Document, start: int) -> dict[int, int]:
    """Start to end of the actor mentions of the sentence that begins at `start` (a phrase may step over one)."""
    key = ("actor_spans", start)
    spans = doc.cache.get(key)
    if spans is None:
        spans = doc.cache[key] = {m.start: m.end for m in doc.in_sentence("actor", doc.tokens[start].sent)}
    return spans


def _missing(words: list[frozenset[str]], present: frozenset[str]) -> bool:
    for k in range(1, len(words)):
        if present.isdisjoint(words[k]):
            return True
    return False


def _determined(doc: Document, lang: Language, i: int, start: int) -> bool:
    """A determiner, possessive or demonym before the word, over at most two adjectives ('the new European
    sanctions'): it is used as a noun."""
    if i == start:
        return False
    prev = doc.tokens[i - 1]
    if any(m.end == i and m.get("object") for m in doc.in_sentence("actor", prev.sent)):
        return False  # "la police l'accuse": an object pronoun, not an article
    ends = {m.end for m in doc.in_sentence("actor", prev.sent)}
    if prev.fold in lang.words("determiners") and i - 1 in ends:
        return False  # "Estonia and Latvia each expelled": a quantifier floating after the subject
    if prev.fold in lang.words("determiners") or prev.fold in lang.words("possessive_clitics"):
        return True
    if _described(doc, lang, i, start):
        return True
    if lang.grammar.modifiers_first and any(m.end == i for m in doc.in_sentence("modifier", prev.sent)):
        return True
    for j in range(i - 1, max(start, i - 3) - 1, -1):
        if j + 1 in ends or not doc.tokens[j].text.isalpha():
            return False  # "the EU sanctions Russia": an actor right before is the verb's subject
        if doc.tokens[j].fold in lang.words("determiners"):
            return True
    return False


def _described(doc: Document, lang: Language, i: int, start: int) -> bool:
    """'killed in Indian artillery shelling', 'after Israeli shelling': a demonym or a weapon's operator right
    before the word, with a preposition or a determiner before it: a noun phrase (a named actor there, as in
    'after Russia attacked', is a subject)."""
    sent = doc.tokens[i - 1].sent
    described = [m for m in doc.in_sentence("modifier", sent) if m.end == i] + \
        [m for m in doc.in_sentence("actor", sent) if m.end == i and m.get("source") == "equipment"]
    if not described:
        return False
    k = min(m.start for m in described) - 1
    return k >= start and (doc.tokens[k].fold in lang.words("prepositions") or doc.tokens[k].fold in
                           lang.words("determiners"))


def _better(m: Match, best: Match, noun_context: bool) -> bool:
    if len(m.positions) != len(best.positions):
        return len(m.positions) > len(best.positions)
    if bool(m.trigger.with_) != bool(best.trigger.with_):
        return bool(m.trigger.with_)
    return (m.trigger.head == "n") == noun_context and (best.trigger.head == "n") != noun_context


def _noun_context(doc: Document, lang: Language, i: int, start: int) -> bool:
    """Is the word at i used as a noun (after a determiner or preposition, elided ones included)?"""
    if i == start:
        return False
    prev = doc.tokens[i - 1].fold
    return prev in lang.words("determiners") or prev in lang.words("prepositions")


def _match_rest(doc: Document, trig: Trigger, i: int, end: int, blocked: set[int],
                spans: dict[int, int]) -> tuple[int, ...] | None:
    filler = load_language(doc.lang).filler_words
    positions = [i]
    k = i + 1
    for forms in trig.words[1:]:
        found, j, budget = None, k, trig.gap + 1
        while j < end and budget > 0:
            if doc.tokens[j].fold in forms:
                found = j
                break
            if j in spans and any(doc.tokens[t].fold in forms for t in range(j, spans[j])):
                found = next(t for t in range(j, spans[j]) if doc.tokens[t].fold in forms)
                break
            if doc.tokens[j].text in {".", ";", ":"}:
                break
            small = doc.tokens[j].fold in filler or doc.tokens[j].text.isdigit()
            j, budget = spans.get(j, j + 1), budget - (0 if small else 1)
        if found is None:
            return None
        positions.append(found)
        k = found + 1
    return tuple(positions)


def _conditions_ok(doc: Document, trig: Trigger, positions: tuple[int, ...], start: int, end: int,
                   present: frozenset[str]) -> bool:
    """The entry's 'not' words are absent near it and its 'with' words present (`present`: the sentence's
    words; a word absent from the sentence is absent from any window of it)."""
    if trig.not_ and not trig.not_.isdisjoint(present):
        lo, hi = max(start, positions[0] - 2), min(end, positions[-1] + 3)
        if any(doc.tokens[k].fold in trig.not_ for k in range(lo, hi) if k not in positions):
            return False
    if trig.with_:
        lo, hi = max(start, positions[0] - 16), min(end, positions[-1] + 11)  # relatives refer back
        if not trig.with_.isdisjoint(present) and \
                not trig.with_.isdisjoint([t.fold for t in doc.tokens[lo:hi]]) and \
                any(doc.tokens[k].fold in trig.with_ for k in range(lo, hi) if k not in positions):
            return True
        return trig.type in _CRAFT_TYPES and any(positions[0] - 14 <= m.start <= positions[-1] + 14
                                                  for m in doc.mentions.get("equipment", []))
    return True
