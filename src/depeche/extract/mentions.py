"""Mentions stage: gazetteer hits become actors, places, equipment and demonym modifiers."""
from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache

from ..lang import Language, load_language
from ..model import Document, Mention
from ..text.normalize import fold
from ..text.segment import capitalised, positions_of
from .actors import ActorBuilder, _capitalised_run, resolve_titles
from .coreference import resolve_references

_INTERNATIONAL = {"UNO", "IGO"}  # bodies whose generic names ("Security Council") national ones share


def mentions_stage(doc: Document) -> Document:
    lang = load_language(doc.lang)
    raws = _defined_acronyms(doc, lang, gazetteer_hits(doc, lang))
    builder = ActorBuilder(doc, lang, raws)
    from .quotes import quote_spans

    things = [m for m in raws if m.get("kind") == "equipment"]
    built = builder.build()
    _national_bodies(lang, built, builder.modifiers)
    actors = resolve_references(doc, lang, built, quote_spans(doc), things)
    resolve_titles(doc, lang, actors)
    doc.mentions["raw"] = raws
    doc.mentions["actor"] = actors
    doc.mentions["modifier"] = builder.modifiers
    doc.mentions["equipment"] = [m for m in raws if m.get("kind") == "equipment"]
    doc.mentions["place"] = find_places(doc, lang, raws)
    return doc


def _defined_acronyms(doc: Document, lang: Language, raws: list[Mention]) -> list[Mention]:
    """'l'Armée d'Arakan (ou AA)', 'the Rapid Support Forces (RSF)': an acronym the article defines names that
    organisation wherever it stands, whatever the tables say it names elsewhere (AA is also a news agency)."""
    toks, defined = doc.tokens, {}
    for m in raws:
        k = m.end
        if m.get("kind") == "org" and not m.text.isupper() and k + 2 < len(toks) and toks[k].text == "(":
            k += 1 + (toks[k + 1].fold in lang.words("acronym_intro"))
            if k + 1 < len(toks) and toks[k + 1].text == ")" and toks[k].text.isupper() and len(toks[k].text) > 1:
                defined.setdefault(toks[k].text, m)
    if not defined:
        return raws
    kept = [m for m in raws if not (m.text in defined and m.end - m.start == 1)]
    taken = {t for m in kept for t in range(m.start, m.end)}
    extra = [Mention(d.kind, t.i, t.i + 1, t.text, dict(d.attrs)) for t in toks
             if (d := defined.get(t.text)) is not None and t.i not in taken]
    return sorted(kept + extra, key=lambda m: m.start)


def _national_bodies(lang: Language, actors: list[Mention], modifiers: list[Mention]) -> None:
    """'le Conseil de sécurité ukrainien', 'the Ukrainian Security Council': an international body's name
    with a demonym names that country's own body."""
    first = lang.grammar.modifiers_first
    by_edge = {(m.end if first else m.start): m for m in modifiers}
    for m in actors:
        mod = by_edge.get(m.start if first else m.end)
        if m.get("source") == "org" and m.get("code") in _INTERNATIONAL and mod is not None and mod.get("code"):
            m.attrs.update(code=mod.get("code"), sector="GOV", name=None, qid=None)


def gazetteer_hits(doc: Document, lang: Language) -> list[Mention]:
    """Longest non-overlapping matches of the language's gazetteer, sentence by sentence; a word that names
    several countries ("congolais", "Congolese") takes the one the rest of the article names."""
    span = doc.span_text
    found = list(lang.gazetteer.find_each(doc.tokens, doc.sentences))
    named = {p[0].get("code") for _, _, p in found if p[0].get("kind") == "country" and len(_codes(p)) == 1}
    return [Mention(payloads[0]["kind"], i, j, span(i, j), dict(_in_context(payloads, named)))
            for i, j, payloads in found]


def _codes(payloads: list[dict]) -> set:
    return {p.get("code") for p in payloads if p.get("kind") == "country"}


def _in_context(payloads: list[dict], named: set) -> dict:
    """The first reading, unless another reading's country is named elsewhere in the article."""
    if len(_codes(payloads)) < 2:
        return payloads[0]
    return next((p for p in payloads if p.get("kind") == "country" and p.get("code") in named), payloads[0])


def _prev_word(doc: Document, lang: Language, i: int, floor: int) -> tuple[int, str]:
    """Index and fold of the word before i, skipping one determiner and a direction ('in northern X')."""
    k = i - 1
    if k >= floor and doc.tokens[k].fold in lang.words("direction_words"):
        k -= 1
    if k >= floor and doc.tokens[k].fold in lang.words("determiners"):
        k -= 1
    return (k, doc.tokens[k].fold) if k >= floor else (-1, "")


def find_places(doc: Document, lang: Language, raws: list[Mention]) -> list[Mention]:
    """Country and capital names after a locative word, and 'région de X' / 'X region' phrases."""
    places: list[Mention] = []
    locs, heads = lang.words("locative_preps"), lang.words("place_heads")
    taken = {t for m in raws for t in range(m.start, m.end)}
    by_start = {m.start: m for m in raws}
    covering = {t: m for m in by_start.values() for t in range(m.start, m.end)}
    for m in raws:
        if m.get("kind") == "country" and m.get("form") in ("name", "capital"):
            floor = doc.sentence_of(m.start).start
            k, prev = _prev_word(doc, lang, m.start, floor)
            origin = k - 1 >= floor and doc.tokens[k - 1].fold in lang.words("origin_words")
            # "plusieurs villes d'Arménie", "the outskirts of Kyiv": a country or a capital named as a place
            spatial = prev in lang.words("of_words") and k - 1 >= floor and \
                doc.tokens[k - 1].fold in lang.words("spatial_nouns")
            capital_place = m.get("form") == "capital" and _capital_as_place(doc, lang, m, floor, prev)
            dative = prev in lang.words("town_preps") and m.get("form") == "name"  # "a dit à la France"
            if (spatial or ((prev in locs or capital_place) and not dative)) and not origin:
                directed = m.start > floor and doc.tokens[m.start - 1].fold in lang.words("direction_words")
                precision = ("area" if directed else "country") if m.get("form") == "name" else "city"
                place = _place(doc, m.start - directed, m.end, m.get("code"), precision)
                place.attrs["capital"] = m.get("form") == "capital"
                places.append(place)
    elided_heads, capital_heads = lang.words("elided_area_heads"), lang.words("capitalised_heads")
    spatial, dets = lang.words("spatial_nouns"), lang.words("determiners")
    interesting = positions_of(doc.tokens, _place_cues(lang))
    for s in doc.sentences:
        for i in interesting[bisect_left(interesting, s.start):bisect_left(interesting, s.end)]:
            tok = doc.tokens[i]
            fold = tok.fold
            elided = fold in elided_heads and i > s.start and doc.tokens[i - 1].fold in lang.words("elided_articles")
            capital_head = fold in capital_heads and tok.text[:1].isupper() and i > s.start \
                and doc.tokens[i - 1].fold in dets  # "l'État du Darfour", not "résidence d'État"
            if fold in heads or elided or capital_head:
                made = _headed_place(doc, lang, i, s.end, by_start, taken, covering)
                if made is not None:
                    places.append(made)
            elif (fold in locs or fold in spatial) and i + 1 < s.end:
                k = i + 1 + (doc.tokens[i + 1].fold in lang.words("of_words"))  # "près de X", "outskirts of X"
                if k >= s.end or k in taken:
                    continue
                made = _bare_place(doc, lang, k, s.end, taken, heads)
                if made is not None:
                    places.append(made)
    places.extend(_known_towns(doc, lang, places, raws))
    places.sort(key=lambda p: p.start)
    _containment(doc, lang, places, raws)
    return _dedupe(places)


@lru_cache(maxsize=8)
def _place_cues(lang: Language) -> frozenset[str]:
    """Every word after or before which a place name may stand."""
    return frozenset().union(*(lang.words(k) for k in ("place_heads", "elided_area_heads", "capitalised_heads",
                                                        "locative_preps", "spatial_nouns")))


def _known_towns(doc: Document, lang: Language, places: list[Mention], raws: list[Mention]) -> list[Mention]:
    """Capitalised names the gazetteer knows as towns of some size ('Drones attacked Chernihiv'), wherever
    they stand; a name the actor tables know (a capital, a person) is theirs."""
    from ..geo.gazetteer import default_gazetteer

    taken = {t for m in (*places, *raws) for t in range(m.start, m.end)}
    gaz = default_gazetteer()
    calendar = lang.calendar_words
    out = []
    caps = capitalised(doc.tokens)
    for s in doc.sentences:
        k = s.start  # where the next name may start
        for c in caps[bisect_left(caps, s.start):bisect_left(caps, s.end)]:
            if c < k or c in taken:
                continue
            j = _capitalised_run(doc.tokens, c, s.end, taken, limit=3)
            if j == c or doc.tokens[c].fold in calendar or doc.tokens[c].fold in lang.words("stopwords") or \
                    doc.tokens[c].fold in lang.words("determiners") or len(doc.span_text(c, j)) < 3 or \
                    (c == s.start and j < s.end and doc.tokens[j].text[:1].isupper()):
                continue
            sizes = [p.population for p in gaz.lookup(doc.span_text(c, j)) if p.kind == "town"]
            if sizes and max(sizes) >= (_MIN_TOWN if c > s.start else 4 * _MIN_TOWN):
                direction = c > s.start and doc.tokens[c - 1].fold in lang.words("direction_words")
                out.append(_place(doc, c - direction, j, None, "city"))
            k = j
    return out


_MIN_TOWN = 20000  # smaller places must stand after a locative word to count


def _capital_as_place(doc: Document, lang: Language, m: Mention, floor: int, prev: str) -> bool:
    """A capital after a preposition names its city ('près de Bakou'); as a subject, or with 'par' or 'et'
    beside other actors ('publiées par le Kremlin et Tachkent'), it stands for the government."""
    if prev in lang.words("agent_preps") or prev in _source_words(lang):
        return False
    after_verb = m.start > floor and doc.tokens[m.start - 1].fold in lang.triggers  # "a frappé Manille"
    return prev in lang.words("prepositions") or prev in lang.words("direction_words") or after_verb


@lru_cache(maxsize=8)
def _source_words(lang: Language) -> frozenset[str]:
    """Last words of 'selon', 'd'après', 'according to': what follows is a source, not a place."""
    return frozenset(p[-1] for p in (tuple(fold(w) for w in s.split()) for s in lang.cues_raw.get("source_preps", [])))


def _place(doc: Document, start: int, end: int, code: str | None, precision: str, head: int | None = None) -> Mention:
    first = head if head is not None else start
    return Mention("place", first, end, doc.span_text(first, end), {"country": code, "precision": precision})


def _headed_place(doc, lang, i, sent_end, by_start, taken, covering) -> Mention | None:
    """'la région de Novgorod', 'district de Karakiya', 'région du Kazakhstan occidental', 'Kursk region'."""
    head = doc.tokens[i].fold
    level = "area" if head in lang.words("area_heads") | lang.words("elided_area_heads") else \
        "city" if head in lang.words("settlement_heads") else "region"
    prev = doc.tokens[i - 1] if i > 0 else None
    before = covering.get(i - 1)  # the gazetteer hit that ends on the previous word, if any
    adjective = prev is not None and before is not None and before.get("form") == "adj"
    if lang.grammar.place_name_first and prev is not None and prev.text[:1].isupper() and prev.text.isalpha() \
            and prev.fold not in lang.words("determiners") and not adjective:  # "the Lubero area", not "Lebanese state"
        start = i - 1
        while start > 0 and doc.tokens[start - 1].text[:1].isupper() and i - start < 3:
            start -= 1
        m = before if before is not None and before.get("kind") == "country" else None
        code = None if head in lang.words("border_heads") or m is None else m.get("code")
        return _place(doc, start, i + 1, code, "area" if head in lang.words("border_heads") else level, head=start)
    k = i + 1
    if k < sent_end and doc.tokens[k].fold in lang.words("of_words"):
        k += 1
        if k < sent_end and doc.tokens[k].fold in lang.words("articles_after_of"):
            k += 1
        m = by_start.get(k)
        if m is not None and m.get("kind") == "country" and m.get("form") in ("name", "adj"):
            end = m.end + (m.end < sent_end and doc.tokens[m.end].fold in lang.words("direction_words"))
            if head in lang.words("border_heads"):
                return _place(doc, i, end, None, "area", head=i)
            return _place(doc, i, end, m.get("code"), "area" if level == "area" else "region", head=i)
        j = _capitalised_run(doc.tokens, k, sent_end, taken)
        if j > k:
            return _place(doc, i, j, None, level, head=i)
    j = _capitalised_run(doc.tokens, i + 1, sent_end, taken)
    if not lang.grammar.place_name_first and j > i + 1:  # "mer Rouge", "golfe Persique"
        return _place(doc, i, j, None, level, head=i)
    return None


def _bare_place(doc, lang, k, sent_end, taken, heads) -> Mention | None:
    """'à Saint-Pétersbourg', 'in Homs': a capitalised name after a locative word (town, unresolved)."""
    tok = doc.tokens[k]
    if tok.fold in lang.words("definite_articles"):
        return None
    j = _capitalised_run(doc.tokens, k, sent_end, taken, limit=3)
    if j == k or (j < sent_end and doc.tokens[j].fold in heads) or tok.fold in lang.calendar_words:
        return None
    return _place(doc, k, j, None, "city")


def _containment(doc: Document, lang: Language, places: list[Mention], raws: list[Mention]) -> None:
    """A place with no country takes the country named right after it ('Karakiya, au Kazakhstan')."""
    by_sent: dict[int, list[Mention]] = {}
    locs = lang.words("locative_preps")
    for m in raws:
        if m.get("kind") != "country" or m.get("form") != "name":
            continue
        prev = _prev_word(doc, lang, m.start, doc.sentence_of(m.start).start)[1]
        if prev in locs or prev == ",":  # 'au Kazakhstan', ', Kazakhstan'
            by_sent.setdefault(doc.tokens[m.start].sent, []).append(m)
    for q in places:
        if q.get("country") and q.get("precision") in ("area", "country"):
            by_sent.setdefault(doc.tokens[q.start].sent, []).append(q)
    containers = {i: sorted(v, key=lambda m: m.start) for i, v in by_sent.items()}
    for p in places:
        if p.get("country") and not p.get("capital"):
            continue
        sent = doc.sentence_of(p.start)
        after = [c for c in containers.get(sent.i, []) if p.end <= c.start <= p.end + 8 and c is not p]
        code = after[0].get("code") or after[0].get("country") if after else None
        if code and code != p.get("country"):  # "Tripoli, au Liban": not the Libyan capital
            p.attrs.update(country=code, country_from="containment", capital=False)


def _dedupe(places: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    for p in places:
        if out and p.start < out[-1].end:
            if p.end - p.start > out[-1].end - out[-1].start:
                out[-1] = p
            continue
        out.append(p)
    return out
