"""Descriptions that point back: 'le ministre', 'the army', 'les deux dirigeants', 'the three governments'.

Part of the coreference pass (`coreference.Resolver`, handed in as `r`; this module does not import it, so
the two stay free of an import cycle). A role named again with a definite determiner and no country of its
own takes the last actor of that role ('le ministre' after 'le ministre turc des Affaires étrangères'); one
with a country takes the name of the last actor of that role and country. A count with one of the
language's `plural_descriptions` ('the two sides') stands for the last actors of that many countries.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..model import Mention
from ..text.segment import positions_of
from .actors import NAME_FORMS, title_role

DESCRIPTION_REACH = 6  # sentences a description ('le ministre') looks back
PLURAL_REACH = 4       # sentences a counted plural ('the two sides') looks back


def describe(r: Any, m: Mention) -> None:
    """A role named again with a definite determiner takes the last actor of that role (and country)."""
    mine, sent = r.traits[id(m)], r.tokens[m.start].sent
    words, title = _content(r, m), title_role(r.doc, r.lang, m)
    for c in reversed(r.seen):
        if sent - r.tokens[c.start].sent > DESCRIPTION_REACH:
            return
        theirs = r.traits[id(c)]
        if c.get("source") == "ref" or not c.get("code") or (theirs.person, theirs.plural) != \
                (mine.person, mine.plural) or (m.get("code") and c.get("code") != m.get("code")) or \
                not r.quote_ok(c, r.quote_of.get(m.start)):
            continue
        if words <= _content(r, c) or (title is not None and title in (c.get("leader_role"),
                                                                       title_role(r.doc, r.lang, c))):
            _link(r, m, c)
            return


def _link(r: Any, m: Mention, c: Mention) -> None:
    """The description keeps its own words and sector; it takes the code, name and QID it lacks."""
    if not m.get("code"):
        m.attrs.update(code=c.get("code"), sector=m.get("sector") or c.get("sector"))
    if c.get("name"):
        m.attrs.update(name=c.get("name"), qid=c.get("qid"))
    m.attrs["ref"] = c.text
    r.traits[id(m)] = replace(r.traits[id(m)], root=r.traits[id(c)].root)


def _content(r: Any, m: Mention) -> frozenset[str]:
    """The words of a mention that tell its role: no determiner, preposition or function word."""
    w = r.lang.words
    skip = w("determiners") | w("prepositions") | w("stopwords")
    return frozenset(t.fold for t in r.tokens[m.start:m.end] if t.fold not in skip and t.text.isalpha())


class PluralDescriptions:
    """The counted plurals of one document, found up front and resolved when the pass reaches them."""

    def __init__(self, r: Any):
        self.r = r
        self.spans = self._find()
        self.made: list[tuple[Mention, int, list[Mention]]] = []  # (mention, count, actors), in text order

    def _find(self) -> dict[int, tuple[int, int]]:
        """Start -> (end, count) of 'les deux dirigeants', 'the three governments', 'both sides'."""
        r, out = self.r, {}
        toks, w = r.tokens, r.lang.words
        for k in positions_of(toks, w("plural_descriptions")):
            floor = r.doc.sentence_of(k).start
            for j in (k - 1, k - 2):  # one adjective may stand between: 'the two warring sides'
                if j < floor:
                    break
                fold = toks[j].fold
                pair = fold in w("pair_words")
                count = 2 if pair else r.t.numbers.get(fold) or (int(fold) if fold.isdigit() else 0)
                if count >= 2 and (pair or (j > floor and toks[j - 1].fold in w("definite"))):
                    out[j] = (k + 1, count)
                    break
        return out

    def resolve(self, i: int) -> None:
        """The actors the plural stands for, in the order the text named them, as its `members`."""
        r = self.r
        end, count = self.spans[i]
        roots = self._again(i, count) or self._last_countries(i, count)
        if not roots:
            return
        text = r.doc.span_text(i, end)
        parts = [Mention("actor", i, end, text, {**c.attrs, "source": "ref", "ref": c.text}) for c in roots]
        made = Mention("actor", i, end, text, {**parts[0].attrs, "ref": "; ".join(c.text for c in roots),
                                               "members": parts})
        r.dropped |= {id(a) for a in r.actors if i <= a.start < end}
        r.add(made, replace(r.traits[id(roots[0])], person=False, plural=True, gender=None, root=id(made)))
        self.made.append((made, count, roots))

    def _again(self, i: int, count: int) -> list[Mention]:
        """'ces deux pays … les deux camps': a plural of the same count just before names the same actors."""
        sent = self.r.tokens[i].sent
        for m, n, roots in reversed(self.made):
            if n == count and sent - self.r.tokens[m.start].sent <= PLURAL_REACH:
                return roots
        return []

    def _last_countries(self, i: int, count: int) -> list[Mention]:
        """The last actors of `count` different countries, else of `count` different (country, sector)
        pairs (a civil war's two sides); a country or city named as a place ('à Moscou') is where things
        happen, not one of the parties."""
        r = self.r
        own, floor = r.quote_of.get(i), r.tokens[i].sent - PLURAL_REACH
        near = [c for c in reversed(r.seen) if r.tokens[c.start].sent >= floor and c.get("code")
                and r.quote_ok(c, own) and not _a_place(r, c)]
        for key in (lambda c: c.get("code"), lambda c: (c.get("code"), c.get("sector"))):
            members: dict[Any, Mention] = {}
            for c in near:
                members.setdefault(key(c), r.target_of.get(id(c), c))
                if len(members) == count:
                    return sorted(members.values(), key=lambda c: c.start)
        return []


def _a_place(r: Any, m: Mention) -> bool:
    k = m.start - 1
    while k >= 0 and r.tokens[k].fold in r.lang.words("determiners"):
        k -= 1
    return m.get("source") in NAME_FORMS and k >= 0 and r.tokens[k].fold in r.lang.words("locative_preps")
