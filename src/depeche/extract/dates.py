"""Dates stage: find date expressions in each sentence and resolve them against publication."""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache

from ..lang import Language, load_language
from ..lang.phrases import PhraseTable
from ..model import Document, Mention, Token
from ..resolve import dates as R
from ..text.normalize import fold
from ..text.segment import numeric, positions_of

_YEAR = re.compile(r"^(19|20)\d\d$")
_NUMERIC_HINT = re.compile(r"\d[-/.]\d")  # a cheap scan first: most articles have no numeric date
_NUMERIC = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b|\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b")
_UNITS = (("relative_days", "day"), ("relative_weeks", "week"), ("relative_months", "month"),
          ("relative_years", "year"))


@cache
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


@cache
def _ordinal(code: str) -> re.Pattern[str]:
    """The language's ordinal endings ('1er', '21st'), longest first, at the end of a folded word."""
    endings = sorted(load_language(code).words("ordinal_suffixes"), key=lambda e: (-len(e), e))
    return re.compile("(?:" + "|".join(map(re.escape, endings)) + ")$") if endings else re.compile(r"(?!)")


def _num(lang: Language, text: str) -> int | None:
    """A day number, ordinal or not ('29', '1er', '21st')."""
    text = _ordinal(lang.code).sub("", fold(text))
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
        if tok.fold in months and _written_as_name(lang, tok, "months"):
            made = _month_date(doc, lang, anchor, i, start, end, months[tok.fold])
        elif tok.fold in weekdays and _written_as_name(lang, tok, "weekdays"):
            made = _weekday_date(doc, lang, anchor, i, start, end, weekdays[tok.fold])
        elif _YEAR.match(tok.text) and i > start and doc.tokens[i - 1].fold in lang.words("year_preps"):
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


@cache
def _dwords_of(code: str, key: str) -> frozenset[str]:
    return frozenset(fold(str(w)) for w in load_language(code).dates.get(key) or [])


def _folded(lang: Language, key: str) -> dict[str, int]:
    return _folded_of(lang.code, key)


@cache
def _folded_of(code: str, key: str) -> dict[str, int]:
    dates = load_language(code).dates
    names = {fold(k): int(v) for k, v in (dates.get(key) or {}).items()}
    if key == "months":  # 'mi-mars', 'mid-March': one token, the month with its prefix
        names.update({fold(p) + k: v for p in dates.get("month_prefixes") or [] for k, v in list(names.items())})
    return names


def _written_as_name(lang: Language, tok: Token, key: str) -> bool:
    """Where the language writes calendar names with a capital, a lowercase 'may' or 'march' is another word."""
    if key not in (lang.dates.get("capitalised") or []):
        return True
    text = tok.text
    for prefix in lang.dates.get("month_prefixes") or []:
        if tok.fold.startswith(prefix) and len(text) > len(prefix):
            text = text[len(prefix):]
            break
    return text[:1].isupper()


@cache
def _frames(code: str) -> tuple[tuple[str, ...], ...]:
    from ..text.segment import fold_phrase

    return tuple(fold_phrase(f) for f in load_language(code).dates.get("month_frames") or [])


def _framed(doc: Document, lang: Language, i: int, start: int) -> bool:
    """A month frame ends just before token i: 'en mars', 'début mars', 'in May', 'the end of March'."""
    toks = doc.tokens
    return any(i - len(f) >= start and tuple(t.fold for t in toks[i - len(f):i]) == f for f in _frames(lang.code))


def _month_date(doc, lang, anchor, i, start, end, month) -> Mention | None:
    """'29 décembre', 'les 19 et 20 juin', 'du 29 au 30 décembre 2025', 'December 29, 2025', 'en février'."""
    toks = doc.tokens
    day, first, last_day = None, i, None
    ranges = _dwords(lang, "range_words")
    if i - 1 >= start and _num(lang, toks[i - 1].text):
        day, first = _num(lang, toks[i - 1].text), i - 1
        if i - 3 >= start and toks[i - 2].fold in ranges and _num(lang, toks[i - 3].text):
            day, first, last_day = _num(lang, toks[i - 3].text), i - 3, day
    last = i + 1
    if last + 1 < end and toks[last].text == "." and (_num(lang, toks[last + 1].text) or
                                                      _YEAR.match(toks[last + 1].text)):
        last += 1  # an abbreviation's dot: 'Sept. 11', '7 sept. 2024'
    if day is None and last < end and _num(lang, toks[last].text):
        day, last = _num(lang, toks[last].text), last + 1
        if last < end and toks[last].text == ",":
            last += 1 if last + 1 < end and _YEAR.match(toks[last + 1].text) else 0
    year = None
    if last < end and _YEAR.match(toks[last].text):
        year, last = int(toks[last].text), last + 1
    if day is not None and not 1 <= day <= 31:
        day = None
    if day is None and year is None and toks[i].fold in _dwords(lang, "ambiguous_months") and \
            (toks[i].fold in _dwords(lang, "numeral_months") or not _framed(doc, lang, i, start)):
        return None  # 'sept blessés', 'en sept jours', 'Theresa May': the number or the name, not the month
    future = last < end and toks[last].fold in _dwords(lang, "future_markers")
    value = R.explicit(anchor, day, month, year, future=future)
    if not value:
        return None
    made = _mention(doc, first, last, value, "explicit")
    made.attrs["bare"] = year is None and not future  # no year, no marker: a future event may move it on
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
    if not value:
        return None
    made = _mention(doc, first, last, value, "weekday")
    made.attrs["bare"] = shift == 0
    return made


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
