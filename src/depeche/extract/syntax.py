"""Shallow syntax without a parser: subjects, objects and prepositional arguments of a word."""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from ..lang import Language
from ..model import Document, Mention
from ..text.segment import positions_of

_BREAK_MARKS = {";", ":"}  # with the language's `clause_breaks` words, where a clause ends
HARD_STOPS = {".", ";", ":", "!", "?"}  # punctuation that ends a clause in any language


_LAST: tuple = (None, None, [], None)  # (document, list lengths, lists, index): the last index built


class Arguments:
    """Index of one document's actor mentions, and the argument-finding rules that use it."""

    def __init__(self, doc: Document, lang: Language):
        self.doc, self.lang, self.tokens = doc, lang, doc.tokens
        self.actors = sorted(doc.mentions.get("actor", []), key=lambda m: (m.start, m.end))
        self.starts = [m.start for m in self.actors]
        self.by_start = {m.start: m for m in self.actors}
        self.by_end = {m.end: m for m in self.actors}
        self.preps = lang.words("prepositions")
        self.adjunct_ends = {m.start: m.end for kind in ("date", "place") for m in doc.mentions.get(kind, [])}
        self.date_spans = {m.start: m.end for m in doc.mentions.get("date", [])}
        self.dets = lang.words("determiners")
        self.breaks = _BREAK_MARKS | lang.words("clause_breaks")
        self.blocking = positions_of(doc.tokens, self.breaks)
        self.active_suffixes = tuple(lang.words("active_suffixes"))
        self.of_words, self.aux = lang.words("of_words"), lang.words("perfect_aux")
        self.coordinators = lang.words("coordinators")

    @classmethod
    def of(cls, doc: Document, lang: Language) -> Arguments:
        """The document's index, built again only when its actor, date or place mentions changed. Kept
        outside the document: in its cache, it would make a reference cycle, and every document garbage."""
        global _LAST
        lists = [doc.mentions.get(kind) for kind in ("actor", "date", "place")]
        key = tuple(len(x) if x is not None else -1 for x in lists)
        kept = _LAST
        if kept[0] is doc and kept[1] == key and all(a is b for a, b in zip(kept[2], lists, strict=False)):
            return kept[3]
        made = cls(doc, lang)
        _LAST = (doc, key, lists, made)
        return made

    def in_sentence_of(self, tok: int) -> list[Mention]:
        return self.doc.in_sentence("actor", self.tokens[tok].sent)

    def after_prep(self, m: Mention) -> str | None:
        """The preposition right before a mention (skipping one determiner), if any."""
        k = m.start - 1
        floor = self.doc.sentence_of(m.start).start
        if k >= floor and self.tokens[k].fold in self.dets:
            k -= 1
        if k >= floor and self.tokens[k].fold in self.preps:
            if self.tokens[k].fold in self.of_words and k - 1 >= floor and \
                    self.tokens[k - 1].fold in self.lang.words("collective_nouns"):
                return None
            return self.tokens[k].fold
        return None

    def subject(self, i: int) -> list[Mention]:
        """The nearest actor left of token i in its clause that is not governed by a preposition."""
        floor = self.doc.sentence_of(i).start
        dative = self._dative_controller(i, floor)
        if dative is not None:
            return [dative]
        if i > floor and self.tokens[i - 1].fold in self.lang.words("purpose_infinitive"):
            main = self._main_subject(floor, i)
            if main is not None:
                return self._coordinated_left(main, floor)
        relative = self._relative_subject(i, floor)
        if relative is not None:
            return relative
        apposed = self._before_apposition(i, floor)
        if apposed is not None:
            return self._coordinated_left(apposed, floor)
        k = bisect_left(self.starts, i) - 1
        while k >= 0:
            m = self.actors[k]
            if m.start < floor or i - m.end > 40:
                return []
            if self._inserted_attribution(m, i):
                k -= 1  # "Israel rejected it, a spokesman said, and warned …": Israel warned
                continue
            if m.get("object"):
                k -= 1  # "Tokaïev l'a reçu": an object pronoun is never the subject
                continue
            if m.end <= i and not self._blocked(m.end, i) and (self.after_prep(m) is None or self._weapon_of(m) or
                                                                self._clause_after(m, i)):
                return self._coordinated_left(m, floor)
            if m.end <= i and self._blocked(m.end, i):
                return []
            k -= 1
        return []

    def _dative_controller(self, i: int, floor: int) -> Mention | None:
        """'L'Inde reproche au Pakistan d'avoir bombardé': the infinitive's subject is the verb's indirect
        object, not its subject."""
        k = i - 1
        while k > floor and self.tokens[k].fold in self.lang.words("infinitive_aux"):
            k -= 1
        if k <= floor or self.tokens[k].fold not in self.lang.words("infinitive_markers"):
            return None
        m = self.by_end.get(k)
        if m is None or m.get("object") or self.after_prep(m) not in self.lang.words("dative_preps"):
            return None
        p = m.start - 1
        if self.tokens[p].fold in self.dets:
            p -= 1
        verb = p - 1
        return m if verb >= floor and self.tokens[verb].fold in self.lang.verb_forms_of("dative_control_verbs") else None

    def _relative_subject(self, i: int, floor: int) -> list[Mention] | None:
        """'l'attaque qui a visé un pétrolier', 'the group that claimed it': after a relative pronoun the
        subject is the phrase right before it, an actor or nothing, never an actor further back."""
        k = i - 1
        while k > floor and self.tokens[k].fold in self.aux:
            k -= 1
        if k <= floor or self.tokens[k].fold not in self.lang.words("relative_subjects"):
            return None
        m = self.by_end.get(k) or (self.by_end.get(k - 1) if self.tokens[k - 1].text == "," else None)
        return [m] if m is not None and not m.get("object") else []  # "Le Tchad, qui a rappelé …"

    def clitic_object(self, i: int) -> Mention | None:
        """An object pronoun right before the verb, over its auxiliary ('l'a arrêté', 'les a libérés')."""
        k = i - 1
        while k >= 0 and self.tokens[k].fold in self.aux:
            k -= 1
        m = self.by_end.get(k + 1)
        return m if m is not None and m.get("object") else None

    def _clause_after(self, m: Mention, i: int) -> bool:
        """'one day after M23 had accused', 'before Russia attacked': a word that is a preposition or opens a
        clause, here before a subject and its verb (auxiliaries only between)."""
        if self.after_prep(m) not in self.lang.words("clause_openers") or m.get("source") == "equipment":
            return False  # "after a missile fired by the Houthis": a weapon opens no clause of its own
        helpers = self.aux | self.lang.words("passive_aux") | self.lang.words("conditional_aux")
        return all(self.tokens[k].fold in helpers for k in range(m.end, i))

    def _weapon_of(self, m: Mention) -> bool:
        """'une frappe de drone russe a tué': the weapon's operator after 'de'/'of' is the one who acted."""
        return m.get("source") == "equipment" and self.after_prep(m) in self.of_words

    def _main_subject(self, floor: int, i: int) -> Mention | None:
        """The first actor of the clause not governed by a preposition ('X a convoqué Y pour protester')."""
        for m in self.actors:
            if floor <= m.start and m.end <= i and self.after_prep(m) is None and not self._blocked(m.end, i):
                return m
        return None

    def _before_apposition(self, i: int, floor: int) -> Mention | None:
        """'X, <apposition>, has V-ed': the actor right before the apposition's opening comma."""
        j = i - 1
        while j >= floor and i - j <= 4 and self.tokens[j].text != "," and j not in self.by_end:
            j -= 1
        if j < floor or self.tokens[j].text != ",":
            return None
        p = j - 1
        while p >= floor and j - p <= 12 and self.tokens[p].text != ",":
            p -= 1
        if p < floor or self.tokens[p].text != ",":
            return None
        m = self.by_end.get(p)
        return m if m is not None and self.after_prep(m) is None else None

    def _inserted_attribution(self, m: Mention, i: int) -> bool:
        """', <speaker> (has) said,' or ', (a) indiqué <speaker>,' set between commas before word i: the
        speaker is not the subject of what follows."""
        verbs, toks = self.lang.cues["report_verbs"], self.tokens
        before = m.start - 1 - (m.start > 0 and toks[m.start - 1].fold in self.dets)
        after = m.end + (m.end < i and toks[m.end].fold in self.aux)
        if after < i - 1 and toks[after].fold in verbs and toks[after + 1].text == "," and before >= 0 \
                and toks[before].text == ",":
            return True  # ", a spokesman said, and warned"
        if m.end < i and toks[m.end].text == "," and before >= 0 and toks[before].fold in verbs:
            k = before - 1 - (before > 0 and toks[before - 1].fold in self.aux)
            return k >= 0 and toks[k].text == ","  # ", a indiqué un porte-parole, et a menacé"
        return False

    def _blocked(self, a: int, b: int) -> bool:
        """A clause boundary ('que', ';', 'when') in [a, b)."""
        k = bisect_left(self.blocking, a)
        return k < len(self.blocking) and self.blocking[k] < b

    def _coordinated_left(self, m: Mention, floor: int) -> list[Mention]:
        """'L'Ouzbékistan et le Kazakhstan', 'A, B et C': the mentions joined before m."""
        out = [m]
        while True:
            k = out[0].start - 1
            if k >= floor and self.tokens[k].fold in self.dets:
                k -= 1
            joins = self.coordinators | ({","} if len(out) > 1 else set())
            if k < floor or self.tokens[k].fold not in joins:
                return out
            prev = self.by_end.get(k)
            if prev is None or self.after_prep(prev) is not None:
                return out
            out.insert(0, prev)

    def coordinated_right(self, m: Mention, limit: int) -> list[Mention]:
        out = [m]
        while True:
            k = out[-1].end
            if k >= limit or self.tokens[k].fold not in self.coordinators:
                return out
            k += 1
            if k < limit and self.tokens[k].fold in self.of_words:  # "de France et de Belgique"
                k += 1
            if k < limit and self.tokens[k].fold in self.dets:
                k += 1
            nxt = self.by_start.get(k)
            if nxt is None:
                return out
            out.append(nxt)

    def object(self, end: int, *, window: int = 5) -> list[Mention]:
        """The first actor after token `end` with only non-prepositions between (a direct object)."""
        sent_end = self.doc.sentence_of(end - 1).end
        k, hopped, read = end, False, 0
        while k < sent_end and read <= window:
            k = self._skip_approx(self._skip_adjunct(k))
            read += 1
            if k >= sent_end:
                return []
            m = self.by_start.get(k)
            if m is not None:
                return self.coordinated_right(m, sent_end)
            tok = self.tokens[k].fold
            if tok in self.of_words and not hopped and k > end:  # "un convoi de l'armée", "the residence of X"
                hopped = True
                k += 1
                continue
            if tok in self.preps or tok in HARD_STOPS or tok in self.breaks or tok == ",":
                return []
            if tok in self.coordinators and k > end:  # "demanded a ceasefire and Russia shelled": a new clause
                return []
            k += 1
        return []

    def _skip_adjunct(self, k: int) -> int:
        """Jump over dates ('jeudi') and places with their preposition ('à Ankara') before an object."""
        while k < len(self.tokens):
            j = k + 1 if self.tokens[k].fold in self.lang.words("locative_preps") else k
            if j not in self.adjunct_ends or (j == k and j not in self.date_spans):
                return k  # a bare place right after the verb is its object ("called on Russia"), not an adjunct
            k = self.adjunct_ends[j]
        return k

    def place_object(self, end: int) -> Mention | None:
        """'attacked Chernihiv', 'a frappé Kharkiv': a town or region right after the verb is its target;
        as an actor it stands for its country."""
        sent_end = self.doc.sentence_of(end - 1).end
        k = end
        while k < sent_end and k - end < 3 and (self.tokens[k].fold in self.dets or
                                                self.tokens[k].fold in self.lang.words("direction_words")):
            k += 1
        place = next((p for p in self.doc.in_sentence("place", self.tokens[end - 1].sent) if p.start == k), None)
        if place is None or not place.get("country") or place.get("precision") == "country":
            return None
        return Mention("actor", place.start, place.end, place.text,
                       {"code": place.get("country"), "sector": None, "name": place.get("canonical"), "source": "place"})

    def prep_place(self, start: int, preps: Sequence[tuple[str, ...]], window: int = 8) -> Mention | None:
        """A town or region introduced by one of `preps` ('frappes sur Kharkiv'), standing for its country."""
        sent_end = self.doc.sentence_of(start).end
        for k in range(start, min(sent_end, start + window)):
            fold = self.tokens[k].fold
            for prep in preps:
                if prep[0] == fold and prep != ("obj",) and self._starts_with(k, prep):
                    return self.place_object(k + len(prep))
        return None

    def target(self, start: int, stop: int, *, last: bool = False, window: int = 10,
               kinds: tuple[str, ...] = ("modifier", "place")) -> Mention | None:
        """What was hit, read for its country in the words [start, stop) of one clause: a demonym ('un dépôt
        pétrolier russe', 'a Russian depot') or a place ('la raffinerie de Syzran', 'in Bryansk region').
        The first one after a verb; with `last`, the one nearest before it (a passive's subject)."""
        sent = self.tokens[start].sent if start < len(self.tokens) else self.tokens[-1].sent
        if not last:
            start = self._skip_dates(start, stop)
        lo, hi = (max(start, stop - window), stop) if last else (start, min(stop, start + window))
        k = bisect_left(self.blocking, lo)
        while k < len(self.blocking) and self.blocking[k] < hi:  # a clause boundary ends the phrase
            lo, hi = (self.blocking[k] + 1, hi) if last else (lo, self.blocking[k])
            k += 1
        found = [m for kind in kinds for m in self.doc.in_sentence(kind, sent)
                 if lo <= m.start and m.end <= hi and (m.get("code") or m.get("country"))]
        if not found:
            return None
        m = max(found, key=lambda x: x.start) if last else min(found, key=lambda x: x.start)
        return Mention("actor", m.start, m.end, m.text, {"code": m.get("code") or m.get("country"), "sector": None,
                                                         "name": m.get("canonical"), "source": "target"})

    def _skip_dates(self, k: int, stop: int) -> int:
        """Past the dates right after a verb ('a visé dans la nuit de lundi à mardi un dépôt')."""
        while k < stop and (k in self.date_spans or self.tokens[k].fold in self.preps):
            j = next((j for j in range(k, min(stop, k + 5)) if j in self.date_spans), None)
            if j is None:
                return k
            k = self.date_spans[j]
        return k

    def prep_modifier(self, end: int, preps: frozenset[str], window: int = 4) -> Mention | None:
        """'tués par des tirs pakistanais', 'killed by Pakistani fire': a demonym right after the agent's
        preposition names the agent."""
        sent_end = self.doc.sentence_of(end - 1).end
        k = next((k for k in range(end, min(sent_end, end + 3)) if self.tokens[k].fold in preps), None)
        if k is None:
            return None
        mods = [m for m in self.doc.in_sentence("modifier", self.tokens[k].sent) if k < m.start < k + window]
        if not mods:
            return None
        m = mods[0]
        return Mention("actor", m.start, m.end, m.text, {"code": m.get("code"), "sector": None, "source": "modifier"})

    def clause_end(self, k: int) -> int:
        """The end of the clause that token k is in: the next boundary word or the end of the sentence."""
        end = self.doc.sentence_of(k).end
        j = bisect_left(self.blocking, k)
        return min(end, self.blocking[j]) if j < len(self.blocking) else end

    def _starts_with(self, k: int, words: tuple[str, ...]) -> bool:
        return len(words) == 1 or tuple(t.fold for t in self.tokens[k:k + len(words)]) == words

    def _skip_approx(self, k: int) -> int:
        n, _ = self.lang.object_skip.match_at(self.tokens, k, len(self.tokens)) if k < len(self.tokens) else (0, [])
        return k + n

    def prep_object(self, end: int, preps: Sequence[tuple[str, ...]], *, window: int = 12, slack: int = 4
                    ) -> list[Mention]:
        """An actor introduced by one of `preps` within `window` words after token `end`."""
        sent_end = self.doc.sentence_of(end - 1).end
        limit = min(sent_end, end + window)
        firsts = {p[0] for p in preps}
        for k in range(end, limit):
            fold = self.tokens[k].fold
            if fold in HARD_STOPS:
                return []
            if fold not in firsts:
                continue
            for prep in preps:
                if prep[0] == fold and self._starts_with(k, prep):
                    found = self._actor_after(k + len(prep), sent_end, slack)
                    if found:
                        return found
        return []

    def _actor_after(self, k: int, sent_end: int, slack: int) -> list[Mention]:
        """First actor within `slack` words after k ('contre la résidence du président russe')."""
        for j in range(k, min(sent_end, k + slack + 1)):
            m = self.by_start.get(j)
            if m is not None:
                return self.coordinated_right(m, sent_end)
            if self.tokens[j].fold in HARD_STOPS or self.tokens[j].text == ",":
                return []
        return []

    def _agent_follows(self, i: int) -> bool:
        """An agent preposition and its actor within a few words after the participle at i ('encerclée
        depuis un an par les FSR', 'surrounded for a year by the RSF'), no actor or clause break between.
        After a subject or an auxiliary the verb is active: its object may hold the 'by' ('has demanded an
        admission by Moscow'), so only a date may stand between."""
        active = i in self.by_end or (i > 0 and self.tokens[i - 1].fold in self.aux)
        k, end = i + 1, min(len(self.tokens), i + 6)
        if active:
            k = self.date_spans.get(k, k)
            return k < end and self.tokens[k].fold in self.lang.words("agent_preps") and \
                (k + 1 in self.by_start or k + 2 in self.by_start)
        while k < end:
            k = self.date_spans.get(k, k)
            if k >= end or k in self.by_start or self.tokens[k].fold in HARD_STOPS or self.tokens[k].text == ",":
                return False
            if self.tokens[k].fold in self.lang.words("agent_preps"):
                return k + 1 in self.by_start or k + 2 in self.by_start
            k += 1
        return False

    def is_passive(self, i: int) -> bool:
        """A participle after a form of 'être' / 'be' (not reflexive 's'est'), within two words."""
        fold = self.tokens[i].fold
        if fold.endswith(self.active_suffixes) or fold in self.lang.verb_forms_of("unaccusative_verbs"):
            return False  # "ils sont parvenus à un accord": 'être' makes the past of these verbs, not a passive
        aux, refl = self.lang.words("passive_aux"), self.lang.words("reflexive")
        floor = self.doc.sentence_of(i).start
        if self._agent_follows(i):  # "drones lancés (dimanche) par la Russie": a participle with an agent
            return True
        for k in range(i - 1, max(floor, i - 4) - 1, -1):
            tok = self.tokens[k].fold
            if tok in aux:
                return not (k - 1 >= floor and self.tokens[k - 1].fold in refl)
            if tok in self.preps or tok in HARD_STOPS or k in self.by_end:
                return False
        return False
