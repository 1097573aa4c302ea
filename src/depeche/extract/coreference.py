"""Coreference in the mentions stage: pronouns, object clitics, surnames and descriptions point back.

A reader takes 'il', 'they', 'la police l'accuse', 'le ministre' or 'the two sides' to mean actors already
named. What each pronoun may point to is data, the language's word classes (`person_pronouns`,
`organisation_pronouns`, `group_pronouns`, `latter_singular`, `latter_plural`, gender and number classes,
`object_clitics`, `impersonal_frames`, `plural_descriptions`). Which of the fitting actors it points to
follows how readers resolve pronouns: the nearest sentence that holds one, and in it the subject (the first
actor no preposition governs) before the others, so 'Tokaïev a reçu son homologue. Il a condamné…' is
Tokaïev; an object pronoun is never its own clause's subject; 'celui-ci', 'ce dernier' and 'the latter' take
the last actor named. A description with no country of its own ('le ministre', 'the army') takes the last
actor of the same role; a counted plural ('les deux dirigeants', 'the three governments') stands for the last
actors of that many countries, listed in its `members`. A reference keeps its antecedent's code, sector,
name and QID, so the events stage takes it as an actor.
"""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..lang import Language
from ..lang.tables import read_yaml
from ..model import Document, Mention, Token
from ..text.normalize import fold
from ..text.segment import capitalised, fold_index, fold_phrase, positions_of
from .descriptions import PluralDescriptions, describe

REACH = 4        # sentences a pronoun or a surname looks back
SUBJECT_GAP = 3  # words between a clause's subject and an object pronoun ('they released him')
_MEDIA = "MED"   # a news agency or outlet only reports: never an antecedent
_CITY_FORMS = ("capital", "seat")


@dataclass(frozen=True, slots=True)
class Traits:
    """What a pronoun agrees with: a person or not, plural or not, gender ('m', 'f' or None: unknown);
    `root` names the chain ('Tokaïev … il … il' share it)."""

    person: bool
    plural: bool
    gender: str | None
    root: int
    city: bool = False  # a capital standing for its state ('Astana'): never 'il', which wants a person


@dataclass(frozen=True, slots=True)
class Tables:
    """One language's pronoun classes and the word lists coreference reads, compiled once."""

    accepts: dict[str, frozenset[tuple[bool, bool]]]  # pronoun -> (person, plural) pairs it may point to
    gender: dict[str, str]
    objects: frozenset[str]
    clitics: frozenset[str]
    impersonal: frozenset[str]
    frames: frozenset[tuple[str, ...]]
    longest_frame: int
    numbers: dict[str, int]
    verbs: frozenset[str]    # words a clitic pronoun stands before: auxiliaries, verb triggers, report verbs
    people: frozenset[str]   # plural nouns a 'they' may point to when no actor is named ('personnes')
    emphatic: frozenset[tuple[str, ...]]  # 'quant à elle', 'as for them'
    latter: frozenset[str]   # 'celui-ci', 'ce dernier', 'the latter': the last actor named, not the subject


@lru_cache(maxsize=8)
def tables(lang: Language) -> Tables:
    """The language's coreference classes (lexicon.yaml), number and people words (quantities.yaml), and the
    verb forms its triggers, auxiliaries and report verbs spell."""
    w = lang.words
    accepts: dict[str, set[tuple[bool, bool]]] = {}
    for key, pairs in (("person_pronouns", {(True, False)}), ("organisation_pronouns", {(False, False)}),
                       ("group_pronouns", {(True, True), (False, True)}),
                       ("latter_singular", {(True, False), (False, False)}),
                       ("latter_plural", {(True, True), (False, True)})):
        for p in w(key):
            accepts.setdefault(p, set()).update(pairs)
    gender = {**{p: "m" for p in w("masculine_pronouns")}, **{p: "f" for p in w("feminine_pronouns")}}
    frames = frozenset(fold_phrase(f) for f in w("impersonal_frames"))
    counts = read_yaml(lang.dir / "quantities.yaml")
    verb_heads = {form for form, trigs in lang.triggers.items() if any(t.head == "v" for t in trigs)}
    return Tables({p: frozenset(s) for p, s in accepts.items()}, gender, w("object_pronouns"), w("object_clitics"),
                  w("impersonal_pronouns"), frames, max(map(len, frames), default=0),
                  {fold_phrase(str(k))[0]: int(v) for k, v in (counts.get("numbers") or {}).items()},
                  frozenset(verb_heads) | w("verb_markers") | lang.cues["report_verbs"],
                  frozenset(fold(str(x)) for x in counts.get("people") or ()),
                  frozenset(fold_phrase(p) for p in w("emphatic_before")), w("latter_singular") | w("latter_plural"))


def resolve_references(doc: Document, lang: Language, actors: list[Mention],
                       quotes: Sequence[tuple[int, int]] = (), things: Sequence[Mention] = ()) -> list[Mention]:
    """The actors with their references added: pronouns, 'M. X' and bare surnames, counted plurals.
    `things` are mentions of objects ('drones'): a plural pronoun after one may point to it, not to an actor."""
    return Resolver(doc, lang, actors, quotes, things).run()


class Resolver:
    """One left-to-right pass: actors are seen in order, each reference resolved against those seen."""

    def __init__(self, doc: Document, lang: Language, actors: list[Mention], quotes: Sequence[tuple[int, int]],
                 things: Sequence[Mention] = ()):
        self.doc, self.lang, self.tokens, self.t = doc, lang, doc.tokens, tables(lang)
        self.actors = sorted(actors, key=lambda a: a.start)
        self.quote_of = {t: q for q in quotes for t in range(q[0], q[1] + 1)}
        self.covered = {t for a in actors for t in range(a.start, a.end)}
        self.things = sorted({m.start for m in things} | {k for k in positions_of(self.tokens, self.t.people)
                                                          if k not in self.covered})
        self.subject_ends = {a.end for a in actors if not self._after_prep(a)}
        self.traits: dict[int, Traits] = {}
        self.target_of: dict[int, Mention] = {}
        self.by_sent: dict[int, list[Mention]] = {}
        self.seen: list[Mention] = []
        self.by_surname: dict[str, Mention] = {}
        self.extra: list[Mention] = []
        self.dropped: set[int] = set()
        self.plurals = PluralDescriptions(self)

    def run(self) -> list[Mention]:
        pending = iter(self.actors)
        nxt = next(pending, None)
        for i in self._positions():
            while nxt is not None and nxt.start < i:
                self._see(nxt)
                nxt = next(pending, None)
            self._at(self.tokens[i])
        while nxt is not None:
            self._see(nxt)
            nxt = next(pending, None)
        kept = [a for a in self.actors if id(a) not in self.dropped]
        return sorted(kept + self.extra, key=lambda a: a.start)

    def _positions(self) -> list[int]:
        """Only a pronoun, a capitalised word (a surname) or a counted plural can point back."""
        maybe = {k for f, ks in fold_index(self.tokens).items() if "-" in f and self._pronoun(f) for k in ks}
        return sorted(maybe.union(positions_of(self.tokens, set(self.t.accepts)), capitalised(self.tokens),
                                  self.plurals.spans))

    # --- the actors seen so far -------------------------------------------------------------------------

    def _see(self, m: Mention) -> None:
        if id(m) in self.dropped:
            return
        self.traits[id(m)] = self._traits_of(m)
        if m.get("source") == "role" and not m.get("name") and self._det(m) in self.lang.words("definite"):
            describe(self, m)
        if m.get("name") and m.get("source") in ("person", "role"):
            self.by_surname[m.get("name").split()[-1].lower()] = m
        self._remember(m)

    def _remember(self, m: Mention) -> None:
        if (m.get("code") or m.get("sector")) and not (m.get("sector") == _MEDIA and not self.traits[id(m)].person):
            self.seen.append(m)
            self.by_sent.setdefault(self.tokens[m.start].sent, []).append(m)

    def add(self, m: Mention, traits: Traits, target: Mention | None = None) -> None:
        self.traits[id(m)] = traits
        if target is not None:
            self.target_of[id(m)] = self.target_of.get(id(target), target)
        self.extra.append(m)
        self._remember(m)

    def _det(self, m: Mention) -> str:
        k = m.start - 1
        return self.tokens[k].fold if k >= self.doc.sentence_of(m.start).start else ""

    def _traits_of(self, m: Mention) -> Traits:
        """Person or not from the mention's kind; number and gender from its determiner ('la police')."""
        det, w = self._det(m), self.lang.words
        fem, masc = det in w("feminine_determiners"), det in w("masculine_determiners")
        if det in w("plural_determiners") or self.t.numbers.get(det, 0) > 1 or det.isdigit():
            plural = True
        elif fem or masc:
            plural = False
        else:
            plural = m.get("role") == "group" or m.get("source") == "people"
        person = m.get("source") == "person" or m.get("role") == "person" or bool(m.get("person"))
        return Traits(person, plural, "f" if fem else "m" if masc else None, id(m), m.get("source") in _CITY_FORMS)

    def quote_ok(self, m: Mention, own) -> bool:
        """Never a mention inside another quote than the reference's own."""
        q = self.quote_of.get(m.start)
        return q is None or q == own

    def _after_prep(self, m: Mention) -> bool:
        k, floor, w = m.start - 1, self.doc.sentence_of(m.start).start, self.lang.words
        if k >= floor and self.tokens[k].fold in w("determiners"):
            k -= 1
        return k >= floor and self.tokens[k].fold in w("prepositions")

    # --- pronouns and surnames ---------------------------------------------------------------------------

    def _at(self, tok: Token) -> None:
        if tok.i in self.plurals.spans:
            self.plurals.resolve(tok.i)
            return
        if tok.i in self.covered:
            return
        pron = self._pronoun(tok.fold)
        target = None
        if pron:
            target = None if self._not_a_reference(tok, pron) else self._pronoun_target(tok, pron)
        elif tok.text[:1].isupper() and tok.text.lower() in self.by_surname:
            target = self.by_surname[tok.text.lower()]
            if tok.sent - self.tokens[target.start].sent > REACH:
                target = None
        if target is not None:
            self._refer(tok, target, pron)

    def _pronoun(self, fold: str) -> str | None:
        """The pronoun a word is, inverted forms included ('a-t-il', 'ont-ils'); clitics never inverted."""
        if fold in self.t.accepts:
            return fold
        tail = fold.rsplit("-", 1)[-1] if "-" in fold and not fold.startswith("-") else ""
        return tail if tail in self.t.accepts and tail not in self.t.clitics else None

    def _refer(self, tok: Token, target: Mention, pron: str | None) -> None:
        attrs = {**target.attrs, "source": "ref", "ref": target.text}
        if pron in self.t.objects:
            attrs["object"] = True  # 'la police l'accuse': before its verb, yet never its subject
        if target.get("members"):
            attrs["members"] = [Mention("actor", tok.i, tok.i + 1, tok.text, dict(p.attrs))
                                for p in target.get("members")]
        self.add(Mention("actor", tok.i, tok.i + 1, tok.text, attrs), self.traits[id(target)], target)

    def _not_a_reference(self, tok: Token, pron: str) -> bool:
        """Articles ('la police'), impersonal frames ('il y a'), emphatic repeats ('lui aussi', ', lui,') and
        things after a preposition ('all of it') point to no new actor."""
        toks, w = self.tokens, self.lang.words
        prev = toks[tok.i - 1].fold if tok.i > 0 else ""
        nxt = toks[tok.i + 1].fold if tok.i + 1 < len(toks) else ""
        if pron in self.t.clitics and not self._clitic(tok, prev, nxt):
            return True
        if pron in self.t.latter and "-" not in pron and prev not in w("latter_before"):
            return True  # 'le dernier consulat': an adjective; 'ce dernier', 'the latter' point back
        if pron in self.t.impersonal and self._impersonal(tok):
            return True
        if nxt in w("emphatic_after") or (prev == "," and nxt == ",") or self._after_phrase(tok, self.t.emphatic):
            return True
        return pron in w("thing_pronouns") and prev in w("prepositions")

    def _after_phrase(self, tok: Token, phrases: frozenset[tuple[str, ...]]) -> bool:
        return any(tuple(t.fold for t in self.tokens[max(0, tok.i - len(p)):tok.i]) == p for p in phrases)

    def _pronoun_target(self, tok: Token, pron: str) -> Mention | None:
        """In the nearest sentence with a fitting actor: its subject (the first actor no preposition
        governs) else its last one; an object pronoun takes the nearest in its own sentence."""
        accepts, gender = self.t.accepts[pron], self.t.gender.get(pron)
        is_object = pron in self.t.objects
        person_first = gender == "m" and (True, False) in accepts  # 'il' wants a person, a state if none
        subject = self._clause_subject(tok) if is_object else None
        own = self.quote_of.get(tok.i)
        for s in range(tok.sent, tok.sent - REACH - 1, -1):
            fits = [m for m in self.by_sent.get(s, ()) if self._fits(m, accepts, gender, subject, own)]
            if not fits:
                continue
            if person_first:
                fits = [m for m in fits if self.traits[id(m)].person] or fits
            if (is_object and s == tok.sent) or pron in self.t.latter:
                found = fits[-1]
            else:
                found = next((m for m in fits if not self._after_prep(m)), fits[-1])
            return None if self._thing_between(found, tok, pron) else found
        return None

    def _fits(self, m: Mention, accepts, gender: str | None, subject: int | None, own) -> bool:
        """Person and number agree, gender too where both are known; a capital standing for its state
        never takes a masculine pronoun ('Astana a reçu le ministre. Il…' is the minister)."""
        tr = self.traits[id(m)]
        if (tr.person, tr.plural) not in accepts or tr.root == subject or not self.quote_ok(m, own):
            return False
        if gender is None or tr.gender == gender:
            return True
        return tr.gender is None and not (tr.city and gender == "m")

    def _thing_between(self, m: Mention, tok: Token, pron: str) -> bool:
        """'des personnes ont été arrêtées alors qu'elles…': a plural pronoun after a plural noun that
        names no actor (people, weapons) may point to it; better no reference than a wrong one."""
        if pron not in self.lang.words("group_pronouns"):
            return False
        k = bisect_left(self.things, m.end)
        return k < len(self.things) and self.things[k] < tok.i

    def _clause_subject(self, tok: Token) -> int | None:
        """The chain of the actor just before an object pronoun ('la police l'accuse', 'X received him')."""
        preps = self.lang.words("prepositions")
        for m in reversed(self.by_sent.get(tok.sent, ())):
            if m.end <= tok.i:
                # 'X to help him': after a preposition the pronoun is in another clause than X's
                close = tok.i - m.end <= SUBJECT_GAP and not self._after_prep(m) and \
                    not any(t.fold in preps for t in self.tokens[m.end:tok.i])
                return self.traits[id(m)].root if close else None
        return None

    def _clitic(self, tok: Token, prev: str, nxt: str) -> bool:
        """'l'', 'le', 'la', 'les' are pronouns only between a subject (an actor, a subject pronoun, 'ne',
        'qui') and a verb ('la police l'accuse', 'il les a libérés'); elsewhere they are articles."""
        sent = self.doc.sentence_of(tok.i)
        if tok.i - 1 < sent.start or tok.i + 1 >= sent.end or nxt not in self.t.verbs:
            return False
        subject_pronoun = self._pronoun(prev) is not None and prev not in self.t.objects
        return tok.i in self.subject_ends or subject_pronoun or prev in self.lang.words("clitic_after")

    def _impersonal(self, tok: Token) -> bool:
        """'il y a', 'il faut', 'it is likely', 'it was reported', 's'agit-il': no one behind the pronoun."""
        toks, frames = self.tokens, self.t.frames
        if "-" in tok.fold and tok.fold not in self.t.accepts:  # inverted: the verb is before the pronoun
            stem = tok.fold.split("-")[0]
            words = [toks[tok.i - 1].fold, stem] if tok.i > 0 else [stem]
            return any(tuple(words[k:k + n]) in frames for k in range(len(words)) for n in (1, 2))
        end, neg = self.doc.sentence_of(tok.i).end, self.lang.words("negation")
        after = [t.fold for t in toks[tok.i + 1:min(end, tok.i + 2 + 2 * self.t.longest_frame)] if t.fold not in neg]
        return any(tuple(after[:n]) in frames for n in range(1, self.t.longest_frame + 1))
