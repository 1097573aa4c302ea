"""Reported speech. The quotes stage finds quoted spans, their speakers, and first-person pronouns inside them;
it first sets aside the media outlets that only carry a report ('a déclaré à l'AFP', 'told Reuters', the
dateline '(AFP)'): they are no actor, recipient or speaker of anything. `report_frames` finds the frames a verb
of saying opens for the attribution stage: 'X a déclaré que …' holds what follows it up to a scope break
(';', 'mais', 'while'); '…, a indiqué X' and ', X said.' what came before; '…, ce que X a démenti' the clause
before; 'X a revendiqué l'attaque' and 'une frappe revendiquée par X' their object."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..lang import Language, load_language
from ..model import Document, Entity, Mention, Quote, Sentence, entity
from ..text.normalize import fold
from ..text.segment import positions_of
from .syntax import Arguments


def quotes_stage(doc: Document) -> Document:
    lang = load_language(doc.lang)
    set_aside_outlets(doc, lang)
    args = Arguments.of(doc, lang)
    report = lang.cues["report_verbs"]
    taken = {t for m in doc.mentions["actor"] for t in range(m.start, m.end)}
    for start, end in quote_spans(doc):
        speaker, verb = _speaker_after(doc, args, report, end) or _speaker_before(doc, args, report, start) \
            or (None, None)
        doc.quotes.append(Quote(start, end, entity(speaker) if speaker else None, verb, doc.tokens[start].sent))
        if speaker is not None:
            _first_person(doc, lang, start, end, speaker, taken, args.by_start)
    doc.mentions["actor"].sort(key=lambda m: (m.start, m.end))
    return doc


_OPEN = {"\u00ab", "\u201c"}
_OPENERS = {":", "\u00ab", '"', "\u201c"}  # what opens the words said after a verb of saying
CLOSERS = {",", "\u00bb", '"', "\u201d"}  # what stands before an inverted attribution (', a dit X')
_CLOSE = {"\u00bb", "\u201d"}
_MARK_FOLDS = frozenset({'"', *_OPEN, *_CLOSE, *(fold(c) for c in (*_OPEN, *_CLOSE))})


def quote_spans(doc: Document) -> list[tuple[int, int]]:
    """Token ranges [opener, closer] of quotes within a paragraph; mixed quote marks are tolerated."""
    if "quote_spans" in doc.cache:  # the mentions stage and the quotes stage both need them
        return doc.cache["quote_spans"]
    spans: list[tuple[int, int]] = []
    doc.cache["quote_spans"], open_at = spans, None
    tokens = doc.tokens
    for tok in [tokens[k] for k in positions_of(tokens, _MARK_FOLDS)]:  # only quote marks matter
        if open_at is not None and doc.sentences[tok.sent].paragraph != doc.sentence_of(open_at).paragraph:
            open_at = None
        text = tok.text
        if open_at is None and (text in _OPEN or text == '"'):
            open_at = tok.i
        elif open_at is not None and (text in _CLOSE or text == '"'):
            if tok.i - open_at > 2:
                spans.append((open_at, tok.i))
            open_at = None
    return spans


def _speaker_after(doc, args: Arguments, report, end: int) -> tuple[Mention, str] | None:
    """'», a déclaré M. X' / '," said Lavrov' / '», a-t-il ajouté' / '," a local official told the BBC'."""
    limit = min(len(doc.tokens), end + 14)
    verb, first = None, None
    for k in range(end + 1, limit):
        tok = doc.tokens[k]
        if tok.text in {"\u00ab", "\u201c", '"'} or (tok.text == "." and k + 1 < limit and
                                                     not doc.tokens[k - 1].text.isalpha()):
            break
        m = args.by_start.get(k)
        if m is not None and (verb is not None or m.get("source") == "ref"):
            return m, verb or tok.text
        first = first or m
        if tok.fold in report:
            if first is not None and k - first.end <= 1:
                return first, tok.text
            verb = tok.text
    return None


def _speaker_before(doc, args: Arguments, report, start: int) -> tuple[Mention, str] | None:
    """'X a déclaré : « … »' / 'Lavrov said: "…"' / a title before the quote, 'Le ministre russe : « … »'."""
    sent = doc.sentence_of(start)
    if start - 1 > sent.start and doc.tokens[start - 1].text == ":" and start - 1 in args.by_end:
        return args.by_end[start - 1], ":"
    for k in range(start - 1, max(sent.start, start - 6) - 1, -1):
        if doc.tokens[k].fold in report:
            subj = args.subject(k)
            return (subj[0], doc.tokens[k].text) if subj else None
    return None


def _first_person(doc: Document, lang: Language, start: int, end: int, speaker: Mention, taken: set[int],
                  by_start: dict[int, Mention]) -> None:
    """'Nous condamnons' inside a quote: the speaker is the actor."""
    firsts = lang.words("first_person")
    for k in range(start + 1, end):
        tok = doc.tokens[k]
        owned = by_start.get(k + 1)
        if tok.fold in firsts and owned is not None and owned.get("code") is None:
            owned.attrs["code"] = speaker.get("code")  # "nos autorités": the speaker's authorities
            continue
        if tok.fold in firsts and k not in taken:
            doc.mentions["actor"].append(Mention("actor", k, k + 1, tok.text,
                                                 {**speaker.attrs, "source": "first_person", "ref": speaker.text}))


def set_aside_outlets(doc: Document, lang: Language) -> None:
    """Outlets in a reporting frame, and the dateline place before '(AFP)', move to doc.mentions['outlet']."""
    actors = doc.mentions.get("actor", [])
    by_end = {m.end: m for m in actors}
    aside: list[Mention] = []
    for m in actors:
        if m.get("sector") == "MED" and m.get("role") != "person" and _reporting(doc, lang, m, by_end):
            aside.append(m)
            marks = lang.cues["possessive_marks"] | {"("}
            owner = by_end.get(m.start - 1) if m.start > 0 and doc.tokens[m.start - 1].fold in marks else None
            if owner is not None:
                aside.append(owner)  # 'KYIV (Reuters) -' is a dateline, and "Russia's" in "Russia's TASS said"
    doc.mentions["outlet"] = aside
    if aside:
        gone = {id(m) for m in aside}
        doc.mentions["actor"] = [m for m in actors if id(m) not in gone]


def _parenthesised(doc: Document, m: Mention) -> bool:
    return m.start > 0 and m.end < len(doc.tokens) and doc.tokens[m.start - 1].text == "(" \
        and doc.tokens[m.end].text == ")"


def _reporting(doc: Document, lang: Language, m: Mention, by_end: dict[int, Mention]) -> bool:
    """'(AFP)', 'selon Interfax', 'a déclaré le maire à l'AFP', 'told the BBC', 'Reuters reported'."""
    if _parenthesised(doc, m):
        return True
    cues, tokens = lang.cues, doc.tokens
    floor, k = doc.sentence_of(m.start).start, m.start - 1
    source_ends = {e for _, e, _ in cues["source_preps"].in_sentence_of(tokens, doc.sentences, m.start)}
    skip = lang.words("determiners") | cues["outlet_nouns"]
    adjectives = {t for x in doc.in_sentence("modifier", tokens[m.start].sent) for t in range(x.start, x.end)}
    while k >= floor and m.start - k <= 8:
        f = tokens[k].fold
        if k + 1 in source_ends or f in cues["outlet_words"]:
            return True  # 'selon l'agence iranienne Tasnim', 'des résidents joints par l'AFP'
        if f in _plain_report_verbs(lang):
            return _inverted(doc, lang, k, floor)
        if f in cues["outlet_preps"] and _said_before(doc, lang, k, floor, by_end):
            return True
        if f not in skip and f not in cues["outlet_preps"] and k not in adjectives and not _is_date(doc, k):
            break
        k -= 1
    return _speaks(doc, lang, m.end)


def _said_before(doc: Document, lang: Language, k: int, floor: int, by_end: dict[int, Mention]) -> bool:
    """'a déclaré le ministre de la Défense à l'AFP', 'a confié cet élu à RFI': a verb of saying a few words
    (and its speaker) before the outlet's preposition."""
    j, words = k - 1, 0
    while j >= floor and words < 5 and doc.tokens[j].text not in {".", ";", ":"}:
        if doc.tokens[j].fold in lang.cues["report_verbs"]:
            return True
        j = by_end[j + 1].start - 1 if j + 1 in by_end else j - 1
        words += 1
    return False


def _speaks(doc: Document, lang: Language, k: int) -> bool:
    """'Reuters reported', 'l'agence Tass a rapporté': the outlet is the subject of a verb of saying."""
    end = doc.sentence_of(k - 1).end
    skip = lang.cues["outlet_nouns"] | lang.cues["auxiliaries"]
    for j in range(k, min(end, k + 4)):
        f = doc.tokens[j].fold
        if f in _plain_report_verbs(lang):
            return True
        if f not in skip and not _is_date(doc, j):
            return False
    return False


def _inverted(doc: Document, lang: Language, k: int, floor: int) -> bool:
    """', a rapporté l'agence Tass': the verb opens an inverted attribution after a comma or a quote."""
    j = k - 1
    if j >= floor and doc.tokens[j].fold in lang.cues["auxiliaries"]:
        j -= 1
    return j >= floor and doc.tokens[j].text in CLOSERS


def _is_date(doc: Document, k: int) -> bool:
    return any(d.start <= k < d.end for d in doc.in_sentence("date", doc.tokens[k].sent))


@lru_cache(maxsize=8)
def _plain_report_verbs(lang: Language) -> frozenset[str]:
    """Verbs of saying that are no event trigger: 'RT a dénoncé' is RT's own act, 'RT a rapporté' a report."""
    triggers = lang.triggers
    return frozenset(f for f in lang.cues["report_verbs"] if all(len(t.words) > 1 for t in triggers.get(f, ())))


# --- reporting frames -------------------------------------------------------------------------------------

@dataclass(slots=True)
class Source:
    """A reporting frame: who speaks, over which tokens, and whether the frame denies."""

    speaker: Entity | None
    start: int
    end: int
    kind: str               # quote | report | according
    denies: bool = False
    verb: tuple[int, int] = (-1, -1)   # the tokens of the verb of saying (no event of the frame is there)
    outlet: bool = False    # an outlet carries the report: look further out for the source


def report_frames(doc: Document, lang: Language, args: Arguments) -> list[Source]:
    """The frames opened by verbs of saying, denying, claiming and labelling, and by phrases ('a fait savoir')."""
    out: list[Source] = []
    for k in positions_of(doc.tokens, _attribution_verbs(lang)):
        out.extend(_verb_sources(doc, lang, args, k, doc.sentence_of(k)))
    for a, b, _ in lang.cues["report_phrases"].find_each(doc.tokens, doc.sentences):
        src = _report_source(doc, lang, args, (a, b - 1), doc.sentence_of(a), bare=True)
        out.extend([src] if src is not None else [])
    return out


@lru_cache(maxsize=8)
def _attribution_verbs(lang: Language) -> frozenset[str]:
    """Every verb form that can open a frame: reporting, denying, rejecting, labelling, claiming."""
    c = lang.cues
    return frozenset(c["reject_verbs"] | c["report_verbs"] | c["denial_verbs"] | c["label_verbs"] | c["claim_verbs"])


def _verb_sources(doc: Document, lang: Language, args: Arguments, k: int, s: Sentence) -> list[Source]:
    cues, tok = lang.cues, doc.tokens[k].fold
    # 'a qualifié de « fausses » les informations', 'called reports that … false' (not 'called for')
    labels_false = tok in cues["label_verbs"] and _word_after(doc, cues["false_words"], k, s.end, 16) and \
        not (k + 1 < s.end and doc.tokens[k + 1].fold in lang.words("prepositions") - cues["label_markers"])
    denies = tok in cues["denial_verbs"] and _denies_something(doc, lang, k, s.end) or labels_false or \
        (tok in cues["reject_verbs"] and denial_object(doc, lang, k, s.end) > 0)
    out = []
    if tok in cues["report_verbs"] or denies:
        out.append(_report_source(doc, lang, args, (k, k), s, bare=denies))
    labels = tok in cues["label_verbs"] and (labels_false or _word_after(doc, cues["label_markers"], k, s.end, 7))
    if tok in cues["claim_verbs"] or labels:
        out.append(_object_source(doc, lang, args, k, s))
    for src in out:
        if src is not None:
            src.denies = denies
    return [src for src in out if src is not None]


def _report_source(doc: Document, lang: Language, args: Arguments, verb: tuple[int, int], s: Sentence,
                   bare: bool = False) -> Source | None:
    """'X a déclaré que …' scopes the rest of the clause; '…, a indiqué X.' and ', X said.' what came before;
    '…, ce que X a démenti' the clause before 'ce que'."""
    a, b = verb
    subj = args.subject(a)
    if subj and outlet_between(doc, subj[0].end, a):
        subj = []  # 'l'agence Tass a rapporté que': the outlet, not an earlier actor, is the subject
    clause = clause_start(doc, lang, a, s.start)
    back = _back_reference(doc, lang, a, s.start)
    if back >= 0:
        speaker = subj[0] if subj and subj[0].start > back else args.by_start.get(_first_actor(args, b + 1, s.end))
        return Source(entity(speaker) if speaker else None, clause, back, "report", verb=verb)
    if subj and _sentence_final(doc, lang, subj[0], verb, s.end):
        return Source(entity(subj[0]), clause, subj[0].start, "report", verb=verb)
    after = _first_actor(args, b + 1, min(s.end, b + 9))
    said = after if after is not None else min(s.end, b + 9)
    if _after_comma(doc, lang, a, s.start) and not _opens_words(doc, lang, b, said):
        # ', a indiqué X', ', ont fait savoir hier les autorités' (not 'X, chef du gouvernement, a affirmé que')
        if outlet_between(doc, b + 1, said):
            return Source(None, clause, a, "report", verb=verb, outlet=True)
        if after is not None:
            return Source(entity(args.by_start[after]), clause, a, "report", verb=verb)
    end = scope_end(doc, lang, b, s.end, subordinate=clause > s.start)
    if subj and (bare or _has_complement(doc, lang, b, s.end)):
        return Source(entity(subj[0]), b + 1, end, "report", verb=verb)
    if not subj and _has_complement(doc, lang, b, s.end):
        # 'l'agence Tass a rapporté que …', or a speaker we do not know: still a report, for its tense
        return Source(None, b + 1, end, "report", verb=verb, outlet=outlet_between(doc, max(s.start, a - 3), a))
    return None


def _first_actor(args: Arguments, start: int, end: int) -> int | None:
    return next((j for j in range(start, end) if j in args.by_start), None)


def _back_reference(doc: Document, lang: Language, a: int, floor: int) -> int:
    """'…, ce que celles-ci ont nié', '…, ce qu'a démenti Moscou', ', which Moscow denied': where the phrase
    that points back to the clause before starts, or -1."""
    ends = {e: k for k, e, _ in lang.cues["back_reference"].in_sentence_of(doc.tokens, doc.sentences, a)}
    j, seen = a, 0
    while j > floor and seen < 6:
        if j in ends:
            return ends[j]
        j -= 1
        seen += 1
    return -1


def _object_source(doc: Document, lang: Language, args: Arguments, k: int, s: Sentence) -> Source | None:
    """'X a revendiqué l'attaque', 'X described the strike as …' hold their object; 'une frappe revendiquée
    par X' and 'l'offensive qu'il décrit comme …' hold the event named just before."""
    agent = _agent_after(doc, lang, args, k, s.end)
    if agent is not None:
        return Source(entity(agent), max(s.start, k - 3), k, "report", verb=(k, k))
    k0 = k - 1 if k - 1 > s.start and doc.tokens[k - 1].fold in lang.cues["auxiliaries"] else k
    rel = args.by_end.get(k0)
    if rel is not None and rel.start > s.start and doc.tokens[rel.start - 1].fold in lang.cues["complementizers"]:
        return Source(entity(rel), max(s.start, rel.start - 4), rel.start - 1, "report", verb=(k, k))
    subj = args.subject(k)
    if subj:
        return Source(entity(subj[0]), k + 1, min(scope_end(doc, lang, k, s.end), k + 7), "report", verb=(k, k))
    return None


def _agent_after(doc: Document, lang: Language, args: Arguments, k: int, end: int):
    """'revendiquée par l'armée', 'claimed by the group': the agent of a participle."""
    j = k + 1
    if j < end and doc.tokens[j].fold in lang.words("agent_preps"):
        return next((args.by_start[x] for x in range(j + 1, min(end, j + 3)) if x in args.by_start), None)
    return None


def outlet_between(doc: Document, lo: int, hi: int) -> bool:
    return any(lo <= m.start < hi for m in doc.mentions.get("outlet", ()))


def clause_start(doc: Document, lang: Language, k: int, start: int) -> int:
    for j in range(k - 1, start - 1, -1):
        if doc.tokens[j].fold in lang.cues["scope_breaks"]:
            return j + 1
    return start


def scope_end(doc: Document, lang: Language, k: int, end: int, subordinate: bool = False) -> int:
    """What a frame says ends at a scope break: 'X a démenti ; Y affirme …', 'X denied it, while Y …', 'X said
    …, which Y denied'; in a subordinate clause ('alors que l'Iran annonçait que …, Londres a …'), at its comma."""
    breaks = lang.cues["scope_breaks"] | ({","} if subordinate else set())
    denials = lang.cues["denial_verbs"] | lang.cues["reject_verbs"]
    back = [a for a, b, _ in lang.cues["back_reference"].in_sentence_of(doc.tokens, doc.sentences, k)
            if a > k and any(t.fold in denials for t in doc.tokens[b:min(end, b + 6)])]
    stop = min(back, default=end)
    return next((j for j in range(k + 1, stop) if doc.tokens[j].fold in breaks), stop)


def _after_comma(doc: Document, lang: Language, k: int, start: int) -> bool:
    """', a indiqué X' / '», a précisé X' / ', said X': the verb opens an inverted attribution."""
    for j in (k - 1, k - 2):
        if j >= start and doc.tokens[j].text in CLOSERS:
            return True
        if j >= start and doc.tokens[j].fold not in lang.cues["auxiliaries"]:
            return False
    return False


def _sentence_final(doc: Document, lang: Language, subj, verb: tuple[int, int], end: int) -> bool:
    """', X said.' / ', the territory's health ministry said, after …': a comma before the speaker, the verb
    right after it, and little after the verb or a comma."""
    (a, b), floor = verb, doc.sentence_of(subj.start).start
    if any(doc.tokens[j].fold not in lang.cues["auxiliaries"] for j in range(subj.end, a)):
        return False
    before = [doc.tokens[j] for j in range(max(floor, subj.start - 5), subj.start)]
    if not any(t.text in CLOSERS for t in before) or any(t.fold in lang.cues["complementizers"] for t in before):
        return False
    rest = [t.fold for t in doc.tokens[b + 1:end]]
    opens = lang.cues["complementizers"] | _OPENERS
    return (len(rest) <= 5 or rest[0] == ",") and not any(w in opens for w in rest[:6])


def _opens_words(doc: Document, lang: Language, k: int, upto: int) -> bool:
    """'que', ':', an opening quote or an infinitive between the verb and `upto`: what follows is what is said."""
    opens = lang.cues["complementizers"] | _OPENERS
    return _infinitive(doc, lang, k + 1, upto) or any(doc.tokens[j].fold in opens for j in range(k + 1, upto))


def _has_complement(doc: Document, lang: Language, k: int, end: int) -> bool:
    """'a déclaré que …', 'a affirmé avoir …', 'said that …', 'said: …', or an English bare 'said Kyiv …'."""
    if doc.tokens[k].fold in lang.cues["bare_report_verbs"] or _infinitive(doc, lang, k + 1, end):
        return True
    opens = lang.cues["complementizers"] | _OPENERS
    for j in range(k + 1, min(end, k + 9)):
        if doc.tokens[j].fold in opens:
            return True
        if doc.tokens[j].text in {".", ";"}:
            return False
    return False


def _infinitive(doc: Document, lang: Language, k: int, end: int) -> bool:
    """'affirment disposer de rapports': an infinitive right after the verb is what is said."""
    if k >= end or not doc.tokens[k].text.islower():
        return False
    f = doc.tokens[k].fold
    return f.endswith(tuple(lang.cues["infinitive_endings"])) and f not in lang.words("determiners") and \
        f not in lang.words("prepositions") and f not in lang.cues["auxiliaries"]


def denial_object(doc: Document, lang: Language, k: int, end: int) -> int:
    """'rejeter les allégations' / 'dismissed the reports': the position after the object, or 0."""
    objects = lang.cues["denial_objects"]
    return next((j + 1 for j in range(k + 1, min(end, k + 4)) if doc.tokens[j].fold in objects), 0)


def _denies_something(doc: Document, lang: Language, k: int, end: int) -> bool:
    """'dément que …', 'denied reports', 'a démenti toute implication', ', a démenti X.'; not the adjective in
    'the disputed Scarborough Shoal'."""
    nxt = doc.tokens[k + 1] if k + 1 < end else None
    return nxt is None or nxt.text in CLOSERS or nxt.text == "." or nxt.fold in lang.words("determiners") or \
        _has_complement(doc, lang, k, end) or denial_object(doc, lang, k, end) > 0


def _word_after(doc: Document, words: frozenset[str], k: int, end: int, reach: int = 6) -> bool:
    return any(doc.tokens[j].fold in words for j in range(k + 1, min(end, k + 1 + reach)))
