"""Dates stage: find date expressions in each sentence and resolve them against publication."""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from ..lang import Language, load_language
from ..lang.phrases import PhraseTable
from ..model import Document, Mention
from ..resolve import dates as R
from ..text.segment import numeric, positions_of

_YEAR = re.compile(r"^(19|20)\d\d$")
_NUMERIC_HINT = re.compile(r"\d[-/.]\d")  # a cheap scan first: most articles have no numeric date
_NUMERIC = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b|\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b")
_UNITS = (("relative_days", "day"), ("relative_weeks", "week"), ("relative_months", "month"), ("relative_years", "year"))


@lru_cache(maxsize=None)
def _relative_table(code: str) -> PhraseTable:
    lang = load_language(code)
    table = PhraseTable()
    for key, unit in _UNITS:
        for phrase, amount in (lang.dates.get(key) or {}).items():
            table.add(phrase, {"unit": unit, "amount": int(amount)})
    return table


def dates_stage(doc: Document) -> Document:
    lang = load_language(doc.lang)
    anchor = R.Anchor.parse(doc.published)
    found: list[Mention] = []
    for s in doc.sentences:
        found.extend(_sentence_dates(doc, lang, anchor, s.start, s.end))
    found.extend(_numeric_dates(doc))
    found.sort(key=lambda m: m.start)
    doc.mentions["date"] = _drop_overlaps(found)
    return doc


_ORDINAL = re.compile(r"(?:er|re|ère|ème|e|st|nd|rd|th)$")


def _num(text: str) -> int | None:
    """A day number, ordinal or not ('29', '1er', '21st')."""
    text = _ORDINAL.sub("", text.lower())
    return int(text) if text.isdigit() and len(text) <= 2 else None


def _sentence_dates(doc: Document, lang: Language, anchor: R.Anchor, start: int, end: int) -> list[Mention]:
    months, weekdays = _folded(lang, "months"), _folded(lang, "weekdays")
    out: list[Mention] = []
    for i, j, payloads in _relative_table(lang.code).in_sentence_of(doc.tokens, doc.sentences, start):
        value = R.relative(anchor, payloads[0]["unit"], payloads[0]["amount"])
        if value:
            out.append(_mention(doc, i, j, value, "relative"))
    candidates = _candidates(doc, months, weekdays)  # most words are neither a month, a weekday nor a year
    for i in candidates[bisect_left(candidates, start):bisect_left(candidates, end)]:
        tok = doc.tokens[i]
        if tok.fold in months and (lang.code != "en" or tok.text[:1].isupper()):
            made = _month_date(doc, lang, anchor, i, start, end, months[tok.fold])
        elif tok.fold in weekdays and (lang.code != "en" or tok.text[:1].isupper()):
            made = _weekday_date(doc, lang, anchor, i, start, end, weekdays[tok.fold])
        elif _YEAR.match(tok.text) and i > start and doc.tokens[i - 1].fold in ("en", "in", "depuis", "since"):
            made = _mention(doc, i - 1, i + 1, (tok.text, "year"), "year")
        else:
            continue
        if made is not None:
            out.append(made)
    return out


def _candidates(doc: Document, months: dict[str, int], weekdays: dict[str, int]) -> list[int]:
    """Positions of the document's months, weekdays and numbers, found once."""
    found = doc.cache.get("date_words")
    if found is None:
        tokens = doc.tokens
        found = doc.cache["date_words"] = sorted({*positions_of(tokens, months), *positions_of(tokens, weekdays),
                                                  *numeric(tokens)})
    return found


def _dwords(lang: Language, key: str) -> frozenset[str]:
    return _dwords_of(lang.code, key)


@lru_cache(maxsize=None)
def _dwords_of(code: str, key: str) -> frozenset[str]:
    from ..text.normalize import fold

    return frozenset(fold(str(w)) for w in load_language(code).dates.get(key) or [])


def _folded(lang: Language, key: str) -> dict[str, int]:
    return _folded_of(lang.code, key)


@lru_cache(maxsize=None)
def _folded_of(code: str, key: str) -> dict[str, int]:
    from ..text.normalize import fold

    return {fold(k): int(v) for k, v in (load_language(code).dates.get(key) or {}).items()}


def _month_date(doc, lang, anchor, i, start, end, month) -> Mention | None:
    """'29 décembre', 'les 19 et 20 juin', 'du 29 au 30 décembre 2025', 'December 29, 2025', 'en février'."""
    toks = doc.tokens
    day, first, last_day = None, i, None
    ranges = _dwords(lang, "range_words")
    if i - 1 >= start and _num(toks[i - 1].text):
        day, first = _num(toks[i - 1].text), i - 1
        if i - 3 >= start and toks[i - 2].fold in ranges and _num(toks[i - 3].text):
            day, first, last_day = _num(toks[i - 3].text), i - 3, day
    last = i + 1
    if day is None and last < end and _num(toks[last].text):
        day, last = _num(toks[last].text), last + 1
        if last < end and toks[last].text == ",":
            last += 1 if last + 1 < end and _YEAR.match(toks[last + 1].text) else 0
    year = None
    if last < end and _YEAR.match(toks[last].text):
        year, last = int(toks[last].text), last + 1
    if day is not None and not 1 <= day <= 31:
        day = None
    future = last < end and toks[last].fold in _dwords(lang, "future_markers")
    value = R.explicit(anchor, day, month, year, future=future)
    if not value:
        return None
    made = _mention(doc, first, last, value, "explicit")
    if last_day and last_day > (day or 0):  # "les 19 et 20 juin": a range, told by its first day
        made.attrs["end"] = value[0][:8] + f"{last_day:02d}"
    return made


def _weekday_date(doc, lang, anchor, i, start, end, wd) -> Mention | None:
    toks = doc.tokens
    shift, last, first = 0, i + 1, i
    if last < end and toks[last].fold in _dwords(lang, "past_markers"):
        shift, last = -1, last + 1
    elif last < end and toks[last].fold in _dwords(lang, "future_markers"):
        shift, last = 1, last + 1
    elif i - 1 >= start and toks[i - 1].fold in _dwords(lang, "past_markers"):
        shift, first = -1, i - 1
    elif i - 1 >= start and toks[i - 1].fold in _dwords(lang, "future_markers"):
        shift, first = 1, i - 1
    value = R.weekday(anchor, wd, shift=shift)
    return _mention(doc, first, last, value, "weekday") if value else None


def _numeric_dates(doc: Document) -> list[Mention]:
    out: list[Mention] = []
    found = list(_NUMERIC.finditer(doc.norm)) if _NUMERIC_HINT.search(doc.norm) else []
    if not found:
        return out
    starts = {t.start: t.i for t in doc.tokens}
    ends = {t.end: t.i for t in doc.tokens}
    for m in found:
        y, mo, d = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(6), m.group(5), m.group(4))
        value = R.explicit(R.Anchor(None, None), int(d), int(mo), int(y))
        if value and m.start() in starts and m.end() in ends:
            out.append(_mention(doc, starts[m.start()], ends[m.end()] + 1, value, "numeric"))
    return out


def _mention(doc: Document, i: int, j: int, value: tuple[str, str], how: str) -> Mention:
    return Mention("date", i, j, doc.span_text(i, j), {"value": value[0], "precision": value[1], "how": how})


def _drop_overlaps(found: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    for m in found:
        if out and m.start < out[-1].end:
            if m.end - m.start > out[-1].end - out[-1].start:
                out[-1] = m
            continue
        out.append(m)
    return out
