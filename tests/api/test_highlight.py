"""Marks on an article: the right spans win, and a very long article costs O(n log n) work and bounded memory."""
import math
import operator
import random

import pytest

from depeche.api import highlight
from depeche.api.highlight import Span

KINDS = ("trigger", "actor", "place", "date")


class OverBudget(Exception):
    pass


class Offset(int):
    """A character offset that counts how often it is compared, and stops a run that compares too often (a
    quadratic pass would otherwise take minutes before failing)."""

    count = 0
    budget = 0

    def _compare(self, other, op):
        Offset.count += 1
        if Offset.count > Offset.budget:
            raise OverBudget(f"over {Offset.budget} comparisons of offsets")
        return op(int(self), int(other))

    def __lt__(self, other):
        return self._compare(other, operator.lt)

    def __le__(self, other):
        return self._compare(other, operator.le)

    def __gt__(self, other):
        return self._compare(other, operator.gt)

    def __ge__(self, other):
        return self._compare(other, operator.ge)

    __hash__ = int.__hash__


def reference(spans, length):
    """The rule, checked span by span against every kept one: triggers first, then longer, then earlier."""
    kept = []
    for s in sorted(spans, key=lambda s: (highlight.PRIORITY[s.kind], s.start - s.end, s.start)):
        if 0 <= s.start < s.end <= length and not any(s.start < k.end and k.start < s.end for k in kept):
            kept.append(s)
    return sorted(kept, key=lambda s: s.start)


def test_choose_follows_the_rule_on_random_overlaps():
    rnd = random.Random(27)
    for _ in range(2000):
        length = rnd.randint(0, 80)
        spans = [Span(a, a + rnd.randint(-2, 15), rnd.choice(KINDS)) for a in
                 (rnd.randint(-3, 85) for _ in range(rnd.randint(0, 40)))]
        assert highlight.choose(spans, length) == reference(spans, length)


def long_article() -> tuple[str, list[Span]]:
    """A million characters with overlapping marks every few words, the kind a long live blog gets."""
    sentence = "On a quiet Tuesday the harbour council met again, and the ferry strike went on. "
    text = sentence * (1_000_000 // len(sentence) + 1)
    spans = []
    for at in range(0, len(text) - 40, len(sentence)):
        spans += [Span(Offset(at + 3), Offset(at + 18), "date"), Span(Offset(at + 11), Offset(at + 33), "actor"),
                  Span(Offset(at + 20), Offset(at + 26), "place"), Span(Offset(at + 24), Offset(at + 49), "actor"),
                  Span(Offset(at + 57), Offset(at + 78), "place"), Span(Offset(at + 67), Offset(at + 73), "trigger")]
    return text, spans


def test_a_million_character_article_is_marked_in_n_log_n(monkeypatch):
    text, spans = long_article()
    n = len(spans)
    trees = []

    class Recorded(highlight.Taken):
        def __init__(self, starts):
            super().__init__(starts)
            trees.append(self)

    monkeypatch.setattr(highlight, "Taken", Recorded)
    bound = 8 * n * math.ceil(math.log2(n))  # a pass over the kept marks per span would be about n * n / 4
    monkeypatch.setattr(Offset, "count", 0)
    monkeypatch.setattr(Offset, "budget", bound)
    assert len(text) >= 1_000_000 and n > 70_000
    html = highlight.render(text, spans)
    assert Offset.count <= bound
    assert len(trees) == 1 and trees[0].steps <= bound
    # every unit keeps its trigger, the longer of the overlapping actors and the date before it
    assert html.count('class="hl hl-trigger"') == n // 6 and html.count("<mark") == 3 * n // 6
    assert len(trees[0].starts) == n  # the structure holds one slot per distinct start, nothing per character


def test_mention_cache_holds_digests_not_texts_within_its_budget(monkeypatch):
    cache = highlight.SpanCache(budget=100)
    monkeypatch.setattr(highlight, "_CACHE", cache)
    monkeypatch.setattr(highlight, "_read_spans", lambda text, lang, published: tuple(
        Span(i, i + 1, "date") for i in range(min(len(text) // 1000, 150))))
    texts = [f"Report number {k} from the harbour. " * 1200 for k in range(8)]  # each 40 spans
    for text in texts:
        assert len(highlight.mention_spans(text, "en", None)) == 40
    assert cache.held <= 100 and len(cache._entries) == 2  # the two most recent
    assert all(len(part or "") <= 64 for key in cache._entries for part in key)  # a digest, never the text
    huge = "The harbour again. " * 8000  # 150 spans: over the whole budget, read again next time rather than kept
    assert len(highlight.mention_spans(huge, "en", None)) == 150 and cache.held <= 100


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_mention_spans_are_reused_for_the_same_text(monkeypatch, lang):
    calls = []
    monkeypatch.setattr(highlight, "_CACHE", highlight.SpanCache())
    monkeypatch.setattr(highlight, "_read_spans", lambda text, lang, published: calls.append(text) or ())
    for _ in range(3):
        highlight.mention_spans("Le port est calme.", lang, "2026-01-02")
    assert len(calls) == 1
