"""Attribution stage: who says so (claimant) and how the event is presented (factuality)."""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from ..lang import Language, load_language, shared_tables
from ..model import Document, Entity, Event, entity
from ..text.segment import positions_of
from ..text.normalize import fold
from .syntax import Arguments

_RANK = {"fact": 0, "possible": 1, "future": 2, "denied": 3}
_ALLEGEABLE = {"ASSAULT", "COERCE", "MOBILIZE"}
_ORDER = {"quote": 0, "report": 1, "according": 2}  # the innermost kind of source speaks first


@dataclass(slots=True)
class Source:
    """A reporting frame: who speaks, over which tokens, and whether the frame denies."""

    speaker: Entity | None
    start: int
    end: int
    kind: str               # quote | report | according
    denies: bool = False
    verb_at: int = -1


def attribution_stage(doc: Document) -> Document:
    lang = load_language(doc.lang)
    args = Arguments.of(doc, lang)
    sources = find_sources(doc, lang, args)
    for ev in doc.events:
        around = _containing(sources, ev, doc)  # the sources whose scope holds the trigger, innermost first
        _attribute(doc, ev, around)
        _factuality(doc, lang, ev, around)
    doc.events = [e for e in doc.events if not (e.head == "n" and _negated(doc, lang, e.trigger[0],
                                                                                doc.sentences[e.sent].start))]
    _allegations(doc, sources)
    _defenders(doc, lang)
    return doc


def _defenders(doc: Document, lang: Language) -> None:
    """'Tous les drones ont été abattus', says Moscow: Moscow's forces intercepted them, and the weapons
    belonged to whoever launched the last attack told before."""
    last_attacker: list[Entity] = []
    for ev in sorted(doc.events, key=lambda e: e.trigger[0]):
        intercept = doc.tokens[ev.trigger[0]].fold in lang.interception_forms
        if ev.type == "ASSAULT" and intercept and not ev.actor and ev.claimant is not None and ev.claimant.code:
            ev.actor = [Entity(ev.claimant.code, "MIL", ev.claimant.text, shared_tables().country_name(ev.claimant.code))]
            ev.recipient = ev.recipient or [e for e in last_attacker if e.code != ev.claimant.code]
        elif ev.type == "ASSAULT" and ev.actor and not intercept:
            last_attacker = ev.actor


def find_sources(doc: Document, lang: Language, args: Arguments) -> list[Source]:
    out = [Source(q.speaker, q.start, q.end, "quote") for q in doc.quotes]
    cues = lang.cues
    verbs = positions_of(doc.tokens, _attribution_verbs(lang))
    for s in doc.sentences:
        for k in verbs[bisect_left(verbs, s.start):bisect_left(verbs, s.end)]:
            tok = doc.tokens[k].fold
            rejects = tok in cues["reject_verbs"] and _denial_object(doc, lang, k, s.end)
            if tok in cues["report_verbs"] or tok in cues["denial_verbs"] or rejects:
                src = _report_source(doc, args, k, s.start, s.end, denial=rejects or tok in cues["denial_verbs"])
                if src is not None:
                    src.denies = tok in cues["denial_verbs"] or _denial_object(doc, lang, k, s.end)
                    out.append(src)
        out.extend(_according(doc, lang, args, s.start, s.end))
    return out


@lru_cache(maxsize=8)
def _attribution_verbs(lang: Language) -> frozenset[str]:
    """Every verb form that can introduce a source: reporting, denying, rejecting."""
    return frozenset(lang.cues["reject_verbs"] | lang.cues["report_verbs"] | lang.cues["denial_verbs"])


def _report_source(doc, args: Arguments, k: int, start: int, end: int, denial: bool = False) -> Source | None:
    """'X a déclaré que …' scopes the rest of the sentence; '…, a indiqué X.' scopes what came before."""
    subj = args.subject(k)
    if subj and _sentence_final(doc, subj[0], k, end):
        return Source(entity(subj[0]), start, subj[0].start, "report", verb_at=k)
    if subj and (denial or _has_complement(doc, k, end)):
        return Source(entity(subj[0]), k + 1, end, "report", verb_at=k)
    after = next((args.by_start[j] for j in range(k + 1, min(end, k + 5)) if j in args.by_start), None)
    if after is not None and _after_comma(doc, k, start):
        return Source(entity(after), start, k, "report", verb_at=k)
    return None


def _after_comma(doc: Document, k: int, start: int) -> bool:
    """', a indiqué X' / '», a précisé X' / ', said X': the verb opens an inverted attribution."""
    for j in (k - 1, k - 2):
        if j >= start and doc.tokens[j].text in {",", "\u00bb", '"', "\u201d"}:
            return True
        if j >= start and doc.tokens[j].fold not in {"a", "ont", "has", "have", "had"}:
            return False
    return False


def _sentence_final(doc: Document, subj, k: int, end: int) -> bool:
    """', X said.' / ', a dit X.': a comma before the speaker and little after the verb."""
    before = doc.tokens[subj.start - 1].text if subj.start > 0 else ""
    if before not in {",", "\u00bb", '"', "\u201d"} and not (subj.start > 1 and doc.tokens[subj.start - 2].text == ","):
        return False
    rest = [t.fold for t in doc.tokens[k + 1:end]]
    return len(rest) <= 5 and not any(w in {"que", "qu'", "that", ":"} for w in rest)


def _has_complement(doc: Document, k: int, end: int) -> bool:
    """'a déclaré que …', 'said that …', 'said: …', or an English bare 'said Kyiv …'."""
    lang = load_language(doc.lang)
    if doc.tokens[k].fold in lang.cues["bare_report_verbs"]:
        return True
    return any(doc.tokens[j].fold in {"que", "qu'", "that", ":", "\u00ab", '"', "\u201c"} for j in range(k + 1, min(end, k + 5)))


def _denial_object(doc, lang: Language, k: int, end: int) -> bool:
    """'rejeter les allégations' / 'dismissed the reports' is a denial."""
    objects = lang.cues["denial_objects"]
    return any(doc.tokens[j].fold in objects for j in range(k + 1, min(end, k + 4)))


def _according(doc, lang: Language, args: Arguments, start: int, end: int) -> list[Source]:
    """'selon X' / 'according to X' scopes the whole sentence; a vague source gives no claimant."""
    out = []
    for _, after, _ in lang.cues["source_preps"].in_sentence_of(doc.tokens, doc.sentences, start):
        m = next((args.by_start[j] for j in range(after, min(end, after + 8)) if j in args.by_start), None)
        out.append(Source(entity(m) if m is not None else None, start, end, "according"))
    return out


def _containing(sources: list[Source], ev: Event, doc: Document | None = None) -> list[Source]:
    i = ev.trigger[0]
    if doc is not None:
        sources = _by_sentence(doc, sources).get(ev.sent, [])
    inside = [s for s in sources if s.start <= i < s.end and s.verb_at != i]
    if len(inside) > 1:
        inside.sort(key=lambda s: (_ORDER[s.kind], s.end - s.start))
    return inside


def _by_sentence(doc: Document, sources: list[Source]) -> dict[int, list[Source]]:
    key = ("sources", id(sources))
    index = doc.cache.get(key)
    if index is None:
        index = {}
        for src in sources:
            if src.end <= src.start:
                continue
            for s in range(doc.tokens[src.start].sent, doc.tokens[src.end - 1].sent + 1):
                index.setdefault(s, []).append(src)
        doc.cache[key] = index
    return index


def _same(a: Entity, b: Entity) -> bool:
    return a.code == b.code and (a.name and a.name == b.name or a.text == b.text)


def _attribute(doc: Document, ev: Event, around: list[Source]) -> None:
    vague = load_language(doc.lang).cues["vague_sources"]
    for src in around:
        sp = src.speaker
        if sp is None or (sp.code is None and (not sp.sector or any(fold(w) in vague for w in sp.text.split()))):
            if src.kind == "according":
                return
            continue
        if any(_same(src.speaker, a) for a in ev.actor):
            return
        ev.claimant = src.speaker
        return


def _factuality(doc: Document, lang: Language, ev: Event, around: list[Source]) -> None:
    cues = lang.cues
    i, j = ev.trigger
    sent = doc.sentences[ev.sent]
    before = [doc.tokens[k].fold for k in range(max(sent.start, i - 4), i)]
    after = [doc.tokens[k].fold for k in range(i + 1, min(sent.end, j + 2))] if doc.tokens[i].fold not in \
        lang.cues["report_verbs"] else []
    value = "fact"
    hedges = cues["hedges"]
    if not hedges.isdisjoint(before[-3:]) or not hedges.isdisjoint(after) or _conditional(doc, lang, i, sent.start):
        value = "possible"
    if not cues["future_words"].isdisjoint(before) or not cues["future_verbs"].isdisjoint(before):
        value = "future"
    negated = _negated(doc, lang, i, sent.start)
    if negated or _denied_by_phrase(doc, cues, ev, sent.end):
        value = "denied"
    for src in around:
        if src.denies:
            value = "denied"
            if src.speaker is not None and src.speaker.code:
                ev.claimant = src.speaker
    ev.factuality = value
    plover = lang.shared.plover
    if value == "future" and ev.type in plover["future_as"]:
        ev.type, ev.mode = plover["future_as"][ev.type]
    elif value == "denied" and ev.head == "v" and negated and ev.type in plover["negated_as"]:
        ev.type, ev.mode = plover["negated_as"][ev.type]
        ev.factuality = "fact"


def _conditional(doc: Document, lang: Language, i: int, floor: int) -> bool:
    """A conditional auxiliary earlier in the clause ('aurait utilisé … pour frapper')."""
    for k in range(i - 1, max(floor, i - 9) - 1, -1):
        tok = doc.tokens[k]
        if tok.text in {",", ";", ":", "."} or tok.fold in {"que", "qu'", "that"}:
            return False
        if tok.fold in lang.words("conditional_aux"):
            return True
    return False


def _negated(doc: Document, lang: Language, i: int, floor: int) -> bool:
    pair = lang.words("negation_pair")
    return any(doc.tokens[k].fold in pair for k in range(max(floor, i - 3), i))


def _denied_by_phrase(doc: Document, cues, ev: Event, sent_end: int) -> bool:
    """'… est fausse' after the event in the same sentence."""
    starts = cues["denial_phrases"].match_starts(doc.tokens, doc.sentences)
    k = bisect_left(starts, ev.trigger[1])
    return k < len(starts) and starts[k] < sent_end


def _allegations(doc: Document, sources: list[Source]) -> None:
    """'X accuses Y of …' / 'X says Y attacked': the attack is alleged, and X accuses Y."""
    by_sent: dict[int, list[Event]] = {}
    for ev in doc.events:
        by_sent.setdefault(ev.sent, []).append(ev)
    for events in by_sent.values():
        accusations = [e for e in events if e.type == "ACCUSE" and e.mode == "allege" and e.recipient]
        for acc in accusations:
            for ev in events:
                if ev is not acc and ev.type != "ACCUSE" and 0 < ev.trigger[0] - acc.trigger[1] <= 12 \
                        and ev.factuality == "fact":
                    ev.factuality = "possible"
                    if acc.actor and not any(_same(acc.actor[0], a) for a in ev.actor):
                        ev.claimant = acc.actor[0]
        for ev in events:
            if ev.type in _ALLEGEABLE and not ev.actor and accusations:
                acc = accusations[0]
                ev.actor = list(acc.recipient)
                ev.claimant = ev.claimant or (acc.actor[0] if acc.actor else None)
                ev.factuality = ev.factuality if _RANK[ev.factuality] > 1 else "possible"
    _statement_allegations(doc, sources)


def _statement_allegations(doc: Document, sources: list[Source]) -> None:
    """A government stating that another party attacked it makes an ACCUSE (allege) event."""
    for ev in list(doc.events):
        if ev.type not in _ALLEGEABLE or not ev.actor or ev.claimant is None or ev.factuality == "denied":
            continue
        if ev.claimant.code in {a.code for a in ev.actor} or ev.claimant.code is None:
            continue
        acc = Event("ACCUSE", "allege", ev.sent, ev.trigger, [ev.claimant], list(ev.actor))
        acc.trigger_text = ev.trigger_text
        acc.derived = True
        doc.events.append(acc)
