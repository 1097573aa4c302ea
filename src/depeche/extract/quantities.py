"""Quantities stage: counts of weapons, dead, injured and arrested, each number read with the word that says
what it counts: the equipment or casualty noun after it ('91 drones', 'sept blessés'), else the counting verb
before it ('a tué trois civils', 'killed five people and wounded 12'), else a participle a few words on
('12 soldiers were killed'). Also the counts an event takes from its sentence (`event_size`)."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..lang import load_language
from ..lang.phrases import PhraseTable
from ..lang.tables import read_yaml
from ..model import Document, Event, Mention
from ..text.normalize import fold
from ..text.segment import fold_phrase, numeric, positions_of

_DIGITS = re.compile(r"^\d{1,3}(?:[ ,.]?\d{3})*$")
_KINDS = ("dead", "injured", "arrested", "people")
_ROLES = ("dead", "injured", "arrested")
_STOPS = {",", ";", ".", ":", "(", ")", "!", "?"}  # a count's phrase does not run past punctuation
_WINDOW = 8      # a participle counts a number at most this many words before it
_GAP = 3         # words of a noun phrase between two coordinated counts ('deux soldats burkinabè et ...')
_REACH = 20      # an event takes counts at most this many words from its trigger


@dataclass(slots=True)
class _Count:
    """A number read in the text: value (None: vague, 'des dizaines'), end, round figure, or an article."""

    value: int | None
    end: int
    approx: bool = False
    article: bool = False


@cache
def _tables(code: str) -> dict[str, Any]:
    lang = load_language(code)
    raw = read_yaml(lang.dir / "quantities.yaml")
    approximate, vague = PhraseTable(), PhraseTable()
    for phrase, value in (raw.get("approximate") or {}).items():
        approximate.add(phrase, {"value": int(value)})
    for phrase in raw.get("vague") or []:
        vague.add(phrase, {})
    numbers = {fold(k): int(v) for k, v in raw["numbers"].items()}
    single, multi = {}, []
    for kind in _ROLES:
        for entry in raw.get(f"{kind}_verbs") or []:
            words = fold_phrase(entry)
            forms = frozenset(lang.morph.verb_forms(words[0]))
            if len(words) == 1:
                single.update(dict.fromkeys(forms, kind))
            else:
                multi.append((forms, words[1:], kind))
    phrases = {key: _Phrases(fold_phrase(p) for p in raw.get(key) or [])
               for key in ("approx_markers", "subset_markers", "count_links", "partitive")}
    return {"numbers": numbers, "approximate": approximate, "vague": vague,
            "kinds": {fold(w): k for k in _KINDS for w in raw.get(k, [])},
            "multipliers": frozenset(fold(w) for w in raw.get("multipliers") or []),
            "joiners": frozenset(fold(w) for w in raw.get("joiners") or []),
            "articles": frozenset(fold(w) for w in raw.get("articles") or []),
            "units": frozenset(fold(w) for w in raw.get("units") or []),
            "verbs": single, "verb_phrases": multi, **phrases,
            "phrase_starts": approximate.firsts() | vague.firsts(),
            "starts": approximate.firsts() | vague.firsts() | set(numbers)}


def quantities_stage(doc: Document) -> Document:
    reader = _Reader(doc)
    out: list[Mention] = []
    for s in doc.sentences:
        out.extend(reader.sentence(s.start, s.end))
    doc.mentions["quantity"] = out
    return doc


class _Phrases(tuple):
    """Folded phrases, with the words they start and end with (most tokens are neither: no loop)."""

    def __new__(cls, phrases):
        self = super().__new__(cls, tuple(phrases))
        self.firsts, self.lasts = frozenset(p[0] for p in self if p), frozenset(p[-1] for p in self if p)
        return self


def _phrase_before(doc: Document, k: int, phrases: _Phrases, floor: int) -> int:
    """Length of the longest phrase that ends just before token k (0 if none)."""
    ok = k > floor and doc.tokens[k - 1].fold in phrases.lasts
    return max((len(p) for p in phrases if ok and k - len(p) >= floor and _words_at(doc, k - len(p), p)), default=0)


def _phrase_at(doc: Document, k: int, phrases: _Phrases, end: int) -> int:
    """Length of the longest phrase that starts at token k (0 if none)."""
    ok = k < end and doc.tokens[k].fold in phrases.firsts
    return max((len(p) for p in phrases if ok and k + len(p) <= end and _words_at(doc, k, p)), default=0)


def _words_at(doc: Document, k: int, words: tuple[str, ...]) -> bool:
    return all(doc.tokens[k + x].fold == w for x, w in enumerate(words))


class _Starts:
    """The words a number can start with, and compounds of number words ('dix-sept', 'twenty-one')."""

    def __init__(self, tables: dict[str, Any]):
        self.words, self.numbers = tables["starts"], tables["numbers"]

    def __contains__(self, word: str) -> bool:
        return word in self.words or ("-" in word and word.split("-", 1)[0] in self.numbers)


class _Reader:
    """Reads the counts of one document, sentence by sentence."""

    def __init__(self, doc: Document):
        self.doc, self.t = doc, _tables(doc.lang)
        self.lang = load_language(doc.lang)
        self.equipment = {m.start: m for m in doc.mentions.get("equipment", [])}
        self.actors = {m.start: m for m in doc.mentions.get("actor", [])}
        self.dated = {k for m in doc.mentions.get("date", []) for k in range(m.start, m.end)}
        self.placed = {k for m in doc.mentions.get("place", []) for k in range(m.start, m.end)}
        self.candidates = sorted({*positions_of(doc.tokens, _Starts(self.t)), *numeric(doc.tokens)})

    def sentence(self, start: int, end: int) -> list[Mention]:
        found: list[Mention] = []
        i, cands = start, self.candidates
        for k in cands[bisect_left(cands, start):bisect_left(cands, end)]:
            if k < i or k in self.dated:
                continue  # inside the previous number, or a day or a year
            count = self.number_at(k, end)
            if count is None:
                continue
            i = max(count.end, k + 1)
            if count.value is not None:
                self._add(found, self.counted(k, count, start, end))
        return found

    # --- numbers ---------------------------------------------------------------------------------------

    def number_at(self, i: int, end: int) -> _Count | None:
        tokens, t = self.doc.tokens, self.t
        if tokens[i].fold in t["phrase_starts"]:  # 'une vingtaine', 'des dizaines'
            n, payloads = t["approximate"].match_at(tokens, i, end)
            if n:
                return _Count(payloads[0]["value"], i + n, approx=True)
            n, _ = t["vague"].match_at(tokens, i, end)
            if n:
                return _Count(None, i + n, approx=True)
        if _DIGITS.match(tokens[i].text):
            return _Count(int(re.sub(r"\D", "", tokens[i].text)), i + 1)
        value, after = t["numbers"].get(tokens[i].fold), tokens[i + 1].fold if i + 1 < end else ""
        if value is not None and after not in t["numbers"] and after not in t["joiners"] and "-" not in after:
            return _Count(value, i + 1, article=tokens[i].fold in t["articles"])  # one word: the common case
        return self._words_at(i, end)

    def _words_at(self, i: int, end: int) -> _Count | None:
        """Number words, added up: 'vingt et un', 'soixante-dix-sept', 'two hundred and five'."""
        tokens, t = self.doc.tokens, self.t
        acc, k = _Sum(t), i
        while k < end:
            joiner = k > i and k + 1 < end and tokens[k].fold in t["joiners"]  # 'vingt et un'
            if not acc.add_token(tokens[k + joiner].fold):
                break
            k += 1 + joiner
        if k == i:
            return None
        return _Count(acc.total + acc.current, k, article=k == i + 1 and tokens[i].fold in t["articles"])

    # --- what a number counts --------------------------------------------------------------------------

    def counted(self, i: int, count: _Count, start: int, end: int) -> Mention | None:
        doc, t, j = self.doc, self.t, count.end
        if j < end and (doc.tokens[j].fold in t["units"] or doc.tokens[j].text == "-"):
            return None  # '45 ans', '12 km', '10-year-old'
        if count.article and (j >= end or (t["kinds"].get(doc.tokens[j].fold) is None and j not in self.actors)):
            return None  # most articles: 'a strike', 'une frappe'
        marker = _phrase_before(doc, i, t["approx_markers"], start)
        if _phrase_before(doc, i - marker, t["subset_markers"], start):
            return None  # 'dont six enfants': part of a count already given
        head = self._head_before(i - marker, start)
        approx = count.approx or bool(marker)
        weapon, stop = (None, j) if count.article or j >= end else self._weapon_after(j, end)
        if weapon is not None:
            return self._mention(i, stop, count.value, approx, ("weapons", "weapon"), head, weapon.get("category"))
        if j < end and t["kinds"].get(doc.tokens[j].fold, "people") != "people":
            return self._mention(i, j + 1, count.value, approx, (t["kinds"][doc.tokens[j].fold], "noun"), j)
        if count.article and not self._person_at(j):
            return None  # 'a tué un nombre', 'a strike killed': an article, not one person
        kind = self._verb_kind(head)
        if kind:
            return self._mention(i, self._noun_end(j), count.value, approx, (kind, "verb"), head)
        later = self._participle_after(j, end)
        if later is not None:
            return self._mention(i, later + 1, count.value, approx, (t["kinds"][doc.tokens[later].fold], "later"),
                                 later)
        return self._mention(i, self._noun_end(j), count.value, approx, (None, None), head)

    def _mention(self, i, j, value, approx, role, head, category=None) -> Mention:
        """A count; `role` is what it counts and what said so (weapon, noun, verb, later participle)."""
        attrs = {"value": value, "approx": approx, "of": role[0], "by": role[1], "head": head}
        if category is not None:
            attrs["category"] = category
        return Mention("quantity", i, j, self.doc.span_text(i, j), attrs)

    def _weapon_after(self, j: int, end: int) -> tuple[Mention | None, int]:
        """Equipment right after the number ('87 drones', '87 de ses drones', '30 Russian drones'), and where
        the count's span ends; or a part of a larger number of them ('62 of the 75 drones': the span stops
        at the part's own number, the total is a count of its own)."""
        found = self._equipment_near(j + _phrase_at(self.doc, j, self.t["count_links"], end))
        if found is not None:
            return found, found.end
        part = _phrase_at(self.doc, j, self.t["partitive"], end)
        if part and j + part < end:
            total = self.number_at(j + part, end)
            if total is not None and total.value is not None:
                return self._equipment_near(total.end), j
        return None, j

    def _equipment_near(self, k: int) -> Mention | None:
        """Equipment at token k, or after one describing word ('interceptor drones')."""
        if k in self.equipment:
            return self.equipment[k]
        tok = self.doc.tokens[k] if k < len(self.doc.tokens) else None
        if tok is not None and tok.text.isalpha() and tok.fold not in self.t["kinds"] and k + 1 in self.equipment:
            return self.equipment[k + 1]
        return None

    def _head_before(self, k: int, start: int) -> int | None:
        """The word that governs a number starting at k: the one before it, past a date or a place
        ('a tué mercredi un commandant', 'a arrêté à Dakar deux journalistes')."""
        tokens, locative = self.doc.tokens, self.lang.words("locative_preps")
        p = k - 1
        while p >= start and (p in self.dated or p in self.placed or
                              (tokens[p].fold in locative and p + 1 in self.placed)):
            p -= 1
        return p if p >= start else None

    def _verb_kind(self, head: int | None) -> str | None:
        """What a counting verb ending at `head` makes of its object: 'tué' dead, 'blessé' injured."""
        if head is None:
            return None
        tokens, t = self.doc.tokens, self.t
        kind = t["verbs"].get(tokens[head].fold)
        if kind:
            return kind
        for forms, rest, kind in t["verb_phrases"]:
            first = head - len(rest)
            if first >= 0 and tokens[first].fold in forms and _words_at(self.doc, first + 1, rest):
                return kind
        return None

    def _participle_after(self, j: int, end: int) -> int | None:
        """A casualty word a few words on: '12 soldiers were killed', 'trois civils ont été tués'. Not when it
        counts its own object: in 'two gunmen killed five people' the gunmen are not the dead."""
        tokens, t = self.doc.tokens, self.t
        for k in range(j, min(end, j + _WINDOW)):
            if tokens[k].text in _STOPS:
                return None
            kind = t["kinds"].get(tokens[k].fold)
            if kind and kind != "people":
                return None if self._has_object(k + 1, end) else k
        return None

    def _has_object(self, k: int, end: int) -> bool:
        """A count right after a verb ('killed five', 'a tué un soldat'): its object."""
        k += _phrase_at(self.doc, k, self.t["approx_markers"], end)
        count = self.number_at(k, end) if k < end else None
        if count is None or count.value is None:
            return False
        return not count.article or self._person_at(count.end)

    def _person_at(self, j: int) -> bool:
        """A counted person: 'soldats', 'people', or a role noun ('un commandant'), not a country ('a U.S. request')."""
        if j in self.actors:
            return self.actors[j].get("source") == "role"
        return j < len(self.doc.tokens) and self.t["kinds"].get(self.doc.tokens[j].fold) == "people"

    def _noun_end(self, j: int) -> int:
        """The end of the counted noun: 'trois civils', 'deux journalistes' (one word or an actor's name)."""
        if j in self.actors:
            return self.actors[j].end
        return j + 1 if self._person_at(j) else j

    # --- coordinated counts ----------------------------------------------------------------------------

    def _add(self, found: list[Mention], made: Mention | None) -> None:
        """Keep a count; one joined to the count before adds to it: a bare one after a verb's or a participle's
        ('a arrêté un militant et deux journalistes', '9 tués côté pakistanais et sept côté indien'), one
        told by the same participle ('3 soldiers and 2 civilians were killed'), weapons after weapons. Not
        after a noun's: in '101 blessés et 28 disparus' the missing are not wounded."""
        if made is None:
            return
        prev = found[-1] if found else None
        if prev is not None and self._joined(prev, made) and _adds_to(prev, made):
            prev.attrs["value"] += made.get("value")
            prev.attrs["approx"] = prev.get("approx") or made.get("approx")
            prev.end = max(prev.end, made.end)
            prev.text = self.doc.span_text(prev.start, prev.end)
            return
        if made.get("of") is not None:
            found.append(made)

    def _joined(self, prev: Mention, made: Mention) -> bool:
        tokens = self.doc.tokens
        k = made.start - 1
        if k < prev.start or tokens[k].fold not in self.t["joiners"]:
            return False
        between = range(prev.end, k)
        return len(between) <= _GAP and not any(tokens[x].text in _STOPS for x in between)


def _adds_to(prev: Mention, made: Mention) -> bool:
    by = made.get("by")
    if by is None:
        return prev.get("by") in ("verb", "later")
    if made.get("of") != prev.get("of"):
        return False
    return by == prev.get("by") == "weapon" or (by == "later" and made.get("head") == prev.get("head"))


class _Sum:
    """Adds number words up: units and tens add ('vingt' + 'et' + 'un'), a multiplier scales what came
    before ('deux' 'cents'); a word that cannot follow ('deux trois') ends the number."""

    def __init__(self, tables: dict[str, Any]):
        self.numbers, self.multipliers, self.joiners = tables["numbers"], tables["multipliers"], tables["joiners"]
        self.total = self.current = 0
        self.last: int | None = None

    def add_token(self, word: str) -> bool:
        """Add a token's number words; False, adding nothing, if it is no number word or cannot follow."""
        parts, saved = self._parts(word), (self.total, self.current, self.last)
        if parts and all(p in self.joiners or self._add(p) for p in parts):
            return True
        self.total, self.current, self.last = saved
        return False

    def _parts(self, word: str) -> list[str] | None:
        """A token split into number words, longest first ('quatre-vingt-dix' = 'quatre-vingt' + 'dix')."""
        pieces, out, k = word.split("-"), [], 0
        while k < len(pieces):
            m = next((m for m in range(len(pieces), k, -1) if "-".join(pieces[k:m]) in self.numbers or
                      (out and m == k + 1 < len(pieces) and pieces[k] in self.joiners)), None)
            if m is None:
                return None
            out.append("-".join(pieces[k:m]))
            k = m
        return out

    def _add(self, word: str) -> bool:
        value = self.numbers[word]
        if word in self.multipliers:
            self.current = max(self.current, 1) * value
            if value >= 1000:
                self.total, self.current = self.total + self.current, 0
        elif self.last is not None and (value >= self.last or self.last % 10):
            return False  # only a round number takes a smaller one after it: 'vingt et un', not 'trois deux'
        else:
            self.current += value
        self.last = value
        return True


# --- the counts of an event ----------------------------------------------------------------------------

def _distance(ev: Event, m: Mention) -> int:
    i, j = ev.trigger
    return m.start - j if m.start >= j else i - m.end


def _owner(q: Mention, events: list[Event]) -> Event:
    """The event a count belongs to: the one whose trigger governs it, else the nearest (a verb on a tie)."""
    head = q.get("head")
    for ev in events:
        if head is not None and ev.trigger[0] <= head < ev.trigger[1]:
            return ev
    return min(events, key=lambda e: (abs(_distance(e, q)), e.head != "v"))


def event_size(doc: Document, ev: Event) -> dict[str, Any]:
    """The counts of an event: each count of its sentence belongs to one event; every event of that event's
    type shares it, and keeps the nearest count of each kind ('shot down 62 of the 75 drones launched')."""
    counts = doc.in_sentence("quantity", ev.sent)
    if not counts:
        return {}
    owners = doc.cache.get(("count_owners", ev.sent))
    if owners is None:
        events = [e for e in doc.events if e.sent == ev.sent]
        owners = doc.cache[("count_owners", ev.sent)] = [_owner(q, events).type for q in counts]
    best: dict[str, tuple[int, Mention]] = {}
    for q, owner in zip(counts, owners, strict=True):
        d = abs(_distance(ev, q))
        key = q.get("of")
        if d > _REACH or owner != ev.type:
            continue
        if key not in best or d < best[key][0]:
            best[key] = (d, q)
    size: dict[str, Any] = {key: q.get("value") for key, (_, q) in best.items()}
    if any(q.get("approx") for _, q in best.values()):
        size["approximate"] = True
    return size
