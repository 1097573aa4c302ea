"""Attribution stage: who says so (claimant) and how the event is presented (factuality).

A verb of saying is no event: it opens a reporting frame over part of its sentence. 'X a déclaré que …' holds
what follows it up to a scope break (';', 'mais', 'while'); '…, a indiqué X' holds what came before; 'selon X'
holds its clause; a quote holds its words; 'X a revendiqué l'attaque' / 'une frappe revendiquée par X' hold
their object. An event takes the innermost frame's speaker as claimant. A media outlet that only carries the
report was set aside by the quotes stage: it is no claimant, and the claimant comes from the real source.
A denial frame ('X dément que …', 'rejected claims that …', 'a qualifié de fausses les informations …') marks
as denied only the events of its complement, with the denier as claimant."""
from __future__ import annotations

from bisect import bisect_left

from ..lang import Language, load_language, shared_tables
from ..model import Document, Entity, Event, Sentence, entity
from ..text.normalize import fold
from .quotes import Source, clause_start, denial_object, outlet_between, report_frames, scope_end
from .syntax import Arguments

_RANK = {"fact": 0, "possible": 1, "future": 2, "denied": 3}
_ALLEGEABLE = {"ASSAULT", "COERCE", "MOBILIZE"}
# Events that are statements: when the speaker reports its own side's statement, there is no claimant.
_SPEECH_ACTS = {"ACCUSE", "REJECT", "REQUEST", "THREATEN"}
_ANSWERED = {"ACCUSE", "REJECT"}  # a denial answers an accusation, which was still made
_ORDER = {"quote": 0, "report": 1, "according": 2}  # the innermost kind of source speaks first


def attribution_stage(doc: Document) -> Document:
    lang = load_language(doc.lang)
    args = Arguments.of(doc, lang)
    sources = find_sources(doc, lang, args)
    for ev in doc.events:
        around = _containing(sources, ev, doc)  # the sources whose scope holds the trigger, innermost first
        _factuality(doc, lang, ev, around)  # first: a future attack becomes a THREATEN, a speech act
        if ev.claimant is None:
            _attribute(doc, lang, ev, around)
        _speaker_acted(lang, args, ev, around)
    doc.events = [e for e in doc.events if not (e.head == "n" and _negated(doc, lang, e.trigger[0],
                                                                                doc.sentences[e.sent].start))]
    _allegations(doc, lang)
    _defenders(doc, lang)
    return doc


def _defenders(doc: Document, lang: Language) -> None:
    """'Tous les drones ont été abattus', says Moscow: Moscow's forces intercepted them, and the weapons
    belonged to whoever launched the last attack told before."""
    last_attacker: list[Entity] = []
    for ev in sorted(doc.events, key=lambda e: e.trigger[0]):
        intercept = doc.tokens[ev.trigger[0]].fold in lang.interception_forms
        if ev.type == "ASSAULT" and intercept and not ev.actor and ev.claimant is not None and ev.claimant.code:
            code = ev.claimant.code
            ev.actor = [Entity(code, "MIL", ev.claimant.text, shared_tables().country_name(code))]
            ev.recipient = ev.recipient or [e for e in last_attacker if e.code != ev.claimant.code]
        elif ev.type == "ASSAULT" and ev.actor and not intercept:
            last_attacker = ev.actor


def find_sources(doc: Document, lang: Language, args: Arguments) -> list[Source]:
    """Every reporting frame of the document: quotes, verbs of saying, 'selon X'."""
    out = [Source(q.speaker, q.start, q.end, "quote") for q in doc.quotes] + report_frames(doc, lang, args)
    for s in doc.sentences:
        out.extend(_according(doc, lang, args, s))
    return out


def _according(doc: Document, lang: Language, args: Arguments, s: Sentence) -> list[Source]:
    """'selon X' / 'according to X' scopes its clause; a vague source or an outlet gives no claimant."""
    out, cues = [], lang.cues
    for a, after, _ in cues["source_preps"].in_sentence_of(doc.tokens, doc.sentences, s.start):
        if after < s.end and doc.tokens[after].fold in cues["source_not_before"]:
            continue  # 'les informations selon lesquelles …'
        stop = next((j for j in range(after, min(s.end, after + 8)) if doc.tokens[j].text in {",", ";", "."}),
                    min(s.end, after + 8))
        found = [args.by_start[j] for j in range(after, stop) if j in args.by_start]
        m = next((x for x in found if not _vague(lang, entity(x))), found[0] if found else None)
        outlet = outlet_between(doc, after, m.start if m is not None else stop)
        start, end = clause_start(doc, lang, a, s.start), scope_end(doc, lang, a, s.end)
        speaker = entity(m) if m is not None and not outlet else _adjective_speaker(doc, after, stop)
        out.append(Source(speaker, start, end, "according", verb=(a, after - 1), outlet=outlet))
    return out


def _adjective_speaker(doc: Document, start: int, stop: int) -> Entity | None:
    """'selon la version officielle iranienne': the country of the adjective speaks."""
    m = next((x for x in doc.in_sentence("modifier", doc.tokens[start].sent) if start <= x.start < stop
              and x.get("code")), None) if start < len(doc.tokens) else None
    return Entity(m.get("code"), None, m.text, shared_tables().country_name(m.get("code"))) if m else None


def _vague(lang: Language, sp: Entity) -> bool:
    return sp.code is None and (not sp.sector or any(fold(w) in lang.cues["vague_sources"] for w in sp.text.split()))


def _containing(sources: list[Source], ev: Event, doc: Document | None = None) -> list[Source]:
    i = ev.trigger[0]
    if doc is not None:
        sources = _by_sentence(doc, sources).get(ev.sent, [])
    inside = [s for s in sources if s.start <= i < s.end and not s.verb[0] <= i <= s.verb[1]]
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


def _attribute(doc: Document, lang: Language, ev: Event, around: list[Source]) -> None:
    for src in around:
        sp = src.speaker
        if src.outlet or src.denies:
            continue  # an outlet only carries what a further source says; a denier speaks for what it denies
        if sp is None or _vague(lang, sp):
            if src.kind == "according":
                return
            continue
        if ev.type in _SPEECH_ACTS and (sp.code is None or any(a.code == sp.code for a in ev.actor)):
            return  # a side's own statement, told by its spokesman: the actor speaks
        ev.claimant = sp
        return


def _speaker_acted(lang: Language, args: Arguments, ev: Event, around: list[Source]) -> None:
    """'Le ministre moldave a annoncé qu'un diplomate russe était expulsé': a state announcing an act of its
    own kind in the passive, with no agent named, is the one who acted (PLOVER `announced_acts`)."""
    if ev.actor or ev.claimant is None or not ev.claimant.code or not around or around[0].kind != "report":
        return
    if ev.type in lang.shared.plover.get("announced_acts", []) and around[0].speaker is ev.claimant and \
            args.is_passive(ev.trigger[0]):
        ev.actor = [ev.claimant]


# --- factuality -------------------------------------------------------------------------------------------

def _factuality(doc: Document, lang: Language, ev: Event, around: list[Source]) -> None:
    sent = doc.sentences[ev.sent]
    value = "possible" if _hedged(doc, lang, ev, sent) else "fact"
    value = _tense(doc, lang, ev, sent, around) or value
    negated = _negated(doc, lang, ev.trigger[0], sent.start)
    if negated or _denied_by_phrase(doc, lang.cues, ev, sent.end):
        value = "denied"
    for src in around:
        if src.denies and ev.type not in _ANSWERED and \
                not src.verb[1] < ev.trigger[0] < denial_object(doc, lang, src.verb[1], sent.end):
            value = "denied"  # what the denial is about; the accusation it rejects was still made
            if src.speaker is not None and src.speaker.code:
                ev.claimant = src.speaker
    ev.factuality = value
    plover = lang.shared.plover
    if value == "future" and ev.type in plover["future_as"]:
        ev.type, ev.mode = plover["future_as"][ev.type]
    elif value == "denied" and ev.head == "v" and negated and ev.type in plover["negated_as"]:
        ev.type, ev.mode = plover["negated_as"][ev.type]
        ev.factuality = "fact"


def _hedged(doc: Document, lang: Language, ev: Event, sent: Sentence) -> bool:
    """'une attaque présumée', 'aurait frappé', 'allegedly shelled', 'selon des informations non confirmées'."""
    cues, (i, j) = lang.cues, ev.trigger
    words = _plain_words(doc, sent)  # 'Theresa May' is no hedge
    before = [words[k] for k in range(max(sent.start, i - 3), i)]
    after = [words[k] for k in range(i + 1, min(sent.end, j + 2))] \
        if doc.tokens[i].fold not in cues["report_verbs"] else []
    if not cues["hedges"].isdisjoint(before) or not cues["hedges"].isdisjoint(after):
        return True
    if _in_clause_before(doc, lang, i, sent.start, lang.words("conditional_aux") | cues["clause_hedges"]) >= 0:
        return True
    relative = [words[k] for k in range(j, min(sent.end, j + 4))]  # 'bombardements qu'Islamabad aurait menés'
    if not lang.words("conditional_aux").isdisjoint(relative[1:]) and not cues["complementizers"].isdisjoint(relative):
        return True
    phrases = cues["hedge_phrases"].in_sentence_of(doc.tokens, doc.sentences, i)
    return bool(phrases) and ev.type not in _SPEECH_ACTS


def _plain_words(doc: Document, sent: Sentence) -> dict[int, str]:
    """The folded words of a sentence, a capitalised word inside it blanked (a name, not a cue)."""
    return {k: "" if k > sent.start and doc.tokens[k].text[:1].isupper() else doc.tokens[k].fold
            for k in range(sent.start, sent.end)}


def _tense(doc: Document, lang: Language, ev: Event, sent: Sentence, around: list[Source]) -> str | None:
    """'va déployer', 'will meet', 'se rendra', 'is due to', 'plans to', 'si …': not happened yet. A present
    conditional is the future of a report ('a affirmé que Tallinn solliciterait'), else a hedge."""
    cues, (i, j) = lang.cues, ev.trigger
    before = [doc.tokens[k].fold for k in range(max(sent.start, i - 4), i)]
    if not cues["future_words"].isdisjoint(before) or not cues["future_verbs"].isdisjoint(before):
        return "future"
    if _future_phrase(doc, lang, ev, sent):
        return "future"
    beside = {doc.tokens[k].fold for k in range(i - 1, j + 1) if sent.start <= k < sent.end}  # and inside
    if not cues["future_adjectives"].isdisjoint(beside):
        return "future"  # "la grève prévue", "a planned strike": the word right by the trigger
    cond = _in_clause_before(doc, lang, i, sent.start, cues["condition_words"], reach=10)
    if cond >= 0 and (cond == sent.start or doc.tokens[cond - 1].fold not in cues["condition_not_after"]):
        return "future"
    verbs = [doc.tokens[k] for k in range(max(sent.start, i - 4), j)]
    forms = [(t.text.lower(), t.fold) for t in verbs if t.text.islower() and t.fold not in cues["future_not"]]
    if any(w.endswith(e) and len(w) > len(e) for w, _ in forms for e in cues["future_endings"]):
        return "future"
    modal = lang.words("conditional_aux") | cues["hedges"] | cues["future_words"]
    if any(w.endswith(e) and f not in modal for w, f in forms for e in cues["conditional_endings"]):
        return "future" if any(_past_report(doc, lang, s) for s in around) else "possible"
    return None


def _past_report(doc: Document, lang: Language, src: Source) -> bool:
    """'a affirmé que Tallinn solliciterait': a conditional in a past report is its future ('affirment
    disposer de rapports qui attesteraient' is a hedge)."""
    a = src.verb[0]
    return src.kind == "report" and a > 0 and (doc.tokens[a - 1].fold in lang.cues["auxiliaries"] or
                                               doc.tokens[a].fold.endswith(tuple(lang.cues["past_endings"])))


def _future_phrase(doc: Document, lang: Language, ev: Event, sent: Sentence) -> bool:
    """'is due to visit', 'est prévue', 'la semaine prochaine' near the trigger, in its clause."""
    i, j = ev.trigger
    for a, _, _ in lang.cues["future_phrases"].in_sentence_of(doc.tokens, doc.sentences, i):
        if i - 5 <= a < j or j <= a < j + 8 and not any(doc.tokens[k].text == "," for k in range(j, a)):
            return True
    return False


def _in_clause_before(doc: Document, lang: Language, i: int, floor: int, words: frozenset[str],
                      reach: int = 9) -> int:
    """The position of one of `words` earlier in the clause of token i ('aurait utilisé … pour frapper'), or -1."""
    stops = lang.cues["complementizers"] | {",", ";", ":", "."}
    for k in range(i - 1, max(floor, i - reach) - 1, -1):
        tok = doc.tokens[k]
        if tok.text in stops or tok.fold in stops:
            return -1
        if tok.fold in words and (k == floor or not tok.text[:1].isupper()):
            return k
    return -1


def _negated(doc: Document, lang: Language, i: int, floor: int) -> bool:
    pair = lang.words("negation_pair")
    return any(doc.tokens[k].fold in pair for k in range(max(floor, i - 3), i))


def _denied_by_phrase(doc: Document, cues, ev: Event, sent_end: int) -> bool:
    """'… est fausse' after the event in the same sentence."""
    starts = cues["denial_phrases"].match_starts(doc.tokens, doc.sentences)
    k = bisect_left(starts, ev.trigger[1])
    return k < len(starts) and starts[k] < sent_end


def _allegations(doc: Document, lang: Language) -> None:
    """'X accuses Y of attacking …': the attack is alleged by X. (A mere report, 'X said Y attacked', is no
    accusation: the attack is one event with X as claimant.)"""
    by_sent: dict[int, list[Event]] = {}
    for ev in doc.events:
        by_sent.setdefault(ev.sent, []).append(ev)
    for events in by_sent.values():
        accusations = [e for e in events if e.type == "ACCUSE" and e.mode == "allege" and e.recipient]
        reach = {id(a): min(a.trigger[1] + 16, scope_end(doc, lang, a.trigger[1], doc.sentences[a.sent].end, True))
                 for a in accusations}  # what is alleged: the accusation's clause, up to a comma
        for acc in accusations:
            for ev in events:
                if ev is not acc and ev.type not in _SPEECH_ACTS and acc.trigger[1] <= ev.trigger[0] < reach[id(acc)] \
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
