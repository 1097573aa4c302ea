"""Build actor mentions from gazetteer hits: role phrases, appositions, metonyms, leaders' titles."""
from __future__ import annotations

import re
from typing import Any

from ..lang import Language
from ..model import Document, Mention, Token

_GROUP_SECTORS = {"REB", "PRM", "CRM"}  # non-state armed groups: their sector wins over a role noun's
NAME_FORMS = {"name", "capital", "seat"}  # rows of countries.tsv that name the country itself
_NAME_OR_PEOPLE = NAME_FORMS | {"people"}


def _actor(doc: Document, start: int, end: int, **attrs: Any) -> Mention:
    return Mention("actor", start, end, doc.span_text(start, end), attrs)


_PARTICLE = re.compile(r"^(?:al|el|ez|ad|as|ash|ar|an|at|az|es|ed|er|et|ul|ibn|bin)-[A-Z]")


def _capitalised_run(tokens: list[Token], i: int, end: int, taken: set[int], limit: int = 4) -> int:
    """End of a run of capitalised words starting at i (a name not in the tables), or i if none.
    Arabic particles joined to a name ('Deir ez-Zor', 'Ras al-Ain') belong to it."""
    j = i
    while j < end and j - i < limit and j not in taken and tokens[j].text.replace("-", "").isalpha() \
            and (tokens[j].text[:1].isupper() or (j > i and _PARTICLE.match(tokens[j].text))):
        j += 1
    return j


class ActorBuilder:
    """Turns the gazetteer hits of one document into actor, place-candidate and modifier mentions."""

    def __init__(self, doc: Document, lang: Language, raws: list[Mention]):
        self.doc, self.lang, self.tokens = doc, lang, doc.tokens
        self.raws = raws
        self.at = {m.start: m for m in raws}
        self.taken = {t for m in raws for t in range(m.start, m.end)}
        self.used: set[int] = set()  # raw mention starts absorbed into a phrase
        # "NATO Secretary-General", "Russian soldiers": where a modifier comes first, a name or a demonym
        # right before a role is part of the role's phrase
        self.modifiers_first = lang.grammar.modifiers_first
        self.of_words, self.articles_after_of = lang.words("of_words"), lang.words("articles_after_of")
        self.actors: list[Mention] = []
        self.modifiers: list[Mention] = []

    def build(self) -> list[Mention]:
        for m in self.raws:
            if m.start in self.used:
                continue
            made = self._from_raw(m)
            if made is not None:
                self.actors.append(made)
        return self.actors

    def _from_raw(self, m: Mention) -> Mention | None:
        kind = m.get("kind")
        if kind == "role":
            if m.end < len(self.tokens) and self.tokens[m.end].fold in self.lang.words("modified_heads"):
                return None
            if self._adjectival(m):
                return None
            return self._role_phrase(m.start, m)
        if kind == "country":
            return self._from_country(m)
        if kind in ("person", "org"):
            return self._from_named(m)
        if kind == "equipment":
            return self._equipment_actor(m)
        return None

    def _adjectival(self, m: Mention) -> bool:
        """'un aérodrome militaire': a role word right after a common noun is an adjective."""
        if m.end - m.start != 1 or self.tokens[m.start].fold not in self.lang.words("adjectival_roles") or m.start == 0:
            return False
        prev = self.tokens[m.start - 1]
        lex = self.lang
        return prev.text.isalpha() and prev.text.islower() and prev.i not in self.taken and \
            prev.fold not in lex.words("determiners") and prev.fold not in lex.words("prepositions") and \
            prev.fold not in lex.words("verb_markers")

    def _from_named(self, m: Mention) -> Mention:
        nxt = self.at.get(m.end)
        if nxt is not None and nxt.get("kind") == "role" and self.modifiers_first:
            return self._role_phrase(m.start, nxt, seed=m)   # "NATO Secretary-General", "Hamas fighters"
        self.used.add(m.start)
        return _actor(self.doc, m.start, m.end, **_named_attrs(m))

    def _from_country(self, m: Mention) -> Mention | None:
        form = m.get("form")
        if form == "adj":  # "a Turkish military cargo plane": the adjective, two words at most, the equipment
            for gap in (0, 1, 2):
                eq = self.at.get(m.end + gap)
                if eq is not None and eq.get("kind") == "equipment" and \
                        all(self.tokens[t].text.islower() for t in range(m.end, m.end + gap)):
                    self.used.update(r.start for r in self.raws if m.end <= r.start < eq.start)
                    return self._equipment_actor(eq, adj=m)
        nxt_i = m.end + (m.end < len(self.tokens) and self.tokens[m.end].fold in self.lang.words("possessive_clitics"))
        nxt = self.at.get(nxt_i)
        if nxt is not None and nxt.get("kind") == "role" and (self.modifiers_first or form == "adj"):
            return self._role_phrase(m.start, nxt, seed=m)
        self.used.add(m.start)
        if form == "adj":
            self.modifiers.append(m)
            return None
        sector = m.get("sector") or ("GOV" if form in NAME_FORMS else None)
        return _actor(self.doc, m.start, m.end, code=m.get("code"), sector=sector, name=m.get("name"),
                      source=form)

    def _equipment_actor(self, m: Mention, adj: Mention | None = None) -> Mention | None:
        """'drones russes' / 'Russian drones': the operator of the equipment, as a military actor."""
        if adj is None:
            after = self.at.get(m.end)
            if after is not None and after.get("kind") == "country" and after.get("form") == "adj":
                adj = after
        if adj is None:
            return None
        start, end = min(m.start, adj.start), max(m.end, adj.end)
        self.used.update({m.start, adj.start})
        return _actor(self.doc, start, end, code=adj.get("code"), sector="MIL", name=adj.get("name"),
                      source="equipment", equipment=m.get("name"))

    def _role_phrase(self, start: int, role: Mention, seed: Mention | None = None) -> Mention:
        """Grow a role phrase to the right: adjectives, 'de X' complements, an apposed name."""
        info: dict[str, Any] = {"code": None, "sector": None, "person_sector": None, "name": None, "qid": None,
                                "kinds": set()}
        if seed is not None:
            self._absorb(info, seed)
        self._absorb(info, role)
        owner = self._possessor(start)
        info["owned"] = owner is not None
        end, sent_end = role.end, self.doc.sentence_of(role.start).end
        while end < sent_end and end - start < 14:
            nxt = self._extend(info, end, sent_end)
            if nxt == end:
                break
            end = nxt
        if info["code"] is None and owner is not None:
            info["code"] = owner.get("code")
        sector = info["sector"] or info["person_sector"]
        return _actor(self.doc, start, end, code=info["code"], sector=sector, name=info["name"], qid=info["qid"],
                      source="role", role=role.get("role"), person="person" in info["kinds"])

    def _extend(self, info: dict[str, Any], end: int, sent_end: int) -> int:
        """One step of growth; returns the new end (== end when nothing more belongs to the phrase)."""
        m = self.at.get(end)
        if m is not None and m.get("kind") in ("country", "role", "person", "org") and \
                not (m.get("kind") == "country" and m.get("form") in _NAME_OR_PEOPLE):
            if m.get("kind") == "person" and info["name"]:
                return end
            self._absorb(info, m)
            return m.end
        tok = self.tokens[end].fold
        if tok in self.of_words and end + 1 < sent_end:
            k = end + 1 + (self.tokens[end + 1].fold in self.articles_after_of)
            m = self.at.get(k)
            if m is not None and m.get("kind") in ("country", "role", "org", "person") and m.get("form") != "adj":
                self._absorb(info, m)
                return m.end
            return self._complement(k, sent_end, end)
        if tok == "," and info["name"] is None:
            return self._apposition(info, end, sent_end)
        if info["code"] is None and not info.get("owned") and tok in self.lang.words("locative_preps") and \
                end + 1 < sent_end:
            k = end + 1 + (self.tokens[end + 1].fold in self.lang.words("definite_articles"))
            m = self.at.get(k)
            if m is not None and m.get("kind") == "country" and m.get("form") in ("name", "capital"):
                self._absorb(info, m)
                return m.end
        if info["name"] is None and self.tokens[end].text[:1].isupper():
            j = _capitalised_run(self.tokens, end, sent_end, self.taken)
            if j - end >= self.lang.grammar.role_name_words:
                info["name"] = self.doc.span_text(end, j)
                return j
        return end

    def _possessor(self, start: int) -> Mention | None:
        """'ses diplomates' / 'its soldiers': the first country-coded actor earlier in the sentence."""
        if start == 0 or self.tokens[start - 1].fold not in self.lang.words("possessives"):
            return None
        floor = self.doc.sentence_of(start).start
        return next((a for a in self.actors if floor <= a.start < start and a.get("code")), None)

    def _complement(self, k: int, sent_end: int, end: int) -> int:
        """'des Affaires étrangères' after 'ministre russe': part of the title."""
        first = self.tokens[k].fold if k < sent_end else None
        for phrase in self.lang.role_complements:
            n = len(phrase)
            if (not phrase or phrase[0] == first) and k + n <= sent_end and \
                    tuple(t.fold for t in self.tokens[k:k + n]) == phrase:
                return k + n
        return end

    def _apposition(self, info: dict[str, Any], comma: int, sent_end: int) -> int:
        """', Aibek Smadiyarov,' after a role: the person's name."""
        k = comma + 1
        m = self.at.get(k)
        if m is not None and m.get("kind") == "person":
            if info["code"] and m.get("code") and m.get("code") != info["code"]:
                return comma  # "selon la présidence libanaise, Emmanuel Macron a …": a new subject, not a name
            if "body" in info["kinds"] and "person" not in info["kinds"]:
                return comma  # an institution has no personal name
            self._absorb(info, m)
            return m.end
        j = _capitalised_run(self.tokens, k, sent_end, self.taken)
        closes = j >= sent_end or self.tokens[j].text in {",", ".", ";", ")", "\u00bb", '"'}
        if j - k >= 2 and closes:
            info["name"] = self.doc.span_text(k, j)
            return j
        return comma

    def _absorb(self, info: dict[str, Any], m: Mention) -> None:
        self.used.add(m.start)
        kind = m.get("kind")
        if kind == "role":  # 'army spokesman': a person whatever word heads the phrase (coreference reads it)
            info["kinds"].add(m.get("role"))
        if kind == "role" and m.get("sector"):
            key = "sector" if m.get("role") != "person" else "person_sector"
            info[key] = m.get("sector") if key == "person_sector" and info[key] else (info[key] or m.get("sector"))
            if m.get("role") == "body":
                info["sector"] = m.get("sector")
        elif kind in ("country", "org", "person"):
            info["code"] = info["code"] or m.get("code")
            if kind == "person":
                info["name"], info["qid"] = m.get("name"), m.get("qid")
                info["person_sector"] = info["person_sector"] or m.get("sector")
            elif kind == "org" and m.get("sector") in _GROUP_SECTORS:
                info["sector"] = m.get("sector")  # "les forces du M23": the group's fighters, not an army
            elif kind == "org" and m.get("sector"):
                info["sector"] = info["sector"] or m.get("sector")
            elif kind == "country" and m.get("sector"):
                info["sector"] = info["sector"] or m.get("sector")


def _named_attrs(m: Mention) -> dict[str, Any]:
    return {"code": m.get("code"), "sector": m.get("sector"), "name": m.get("name"), "qid": m.get("qid"),
            "source": m.get("kind"), "leader_role": m.get("role")}


TITLE_REACH = 6  # sentences: how far back a title looks for the person it names


def resolve_titles(doc: Document, lang: Language, actors: list[Mention]) -> None:
    """'Vladimir Poutine … le chef du Kremlin': a title of a country's leader role, with no name of its own,
    takes the name and QID of the last person named before it who holds that role for that country."""
    named: list[Mention] = []
    for m in actors:
        if m.get("source") == "person" and m.get("leader_role"):
            named.append(m)
        elif m.get("source") == "role" and m.get("code") and not m.get("name"):
            sent = doc.tokens[m.start].sent
            near = [p for p in reversed(named) if p.get("code") == m.get("code")
                    and sent - doc.tokens[p.start].sent <= TITLE_REACH]
            role = title_role(doc, lang, m) if near else None  # spelling out the title costs more: only if needed
            person = next((p for p in near if p.get("leader_role") == role), None)
            if role and person is not None:
                m.attrs.update(name=person.get("name"), qid=person.get("qid"), ref=person.text)


def title_role(doc: Document, lang: Language, m: Mention) -> str | None:
    """The leader role whose title the mention's words spell, in order, from its first or second word
    ('Russian foreign minister'); other words may stand between ('ministre kazakh des Affaires étrangères')."""
    words = [doc.tokens[k].fold for k in range(m.start, m.end)]
    for title, role in lang.title_roles:
        for first in (0, 1):
            it = iter(words[first:])
            if words[first:first + 1] == [title[0]] and all(w in it for w in title):
                return role
    return None
