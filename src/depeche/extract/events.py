"""Events stage: find trigger words and fill each event's actor and recipient from its frame."""
from __future__ import annotations

from functools import lru_cache

from ..lang import Language, load_language
from ..lang.language import GOVERNMENT_SECTOR
from ..model import Document, Entity, Event, Mention, entity
from .frames import OWN_FORCES, VICTIM_SECTORS, arguments, recipient_by_frame
from .quotes import quote_spans
from .syntax import HARD_STOPS, Arguments
from .triggers import Match, find_triggers

_NO_TRIGGER_KINDS = {"person", "org", "country"}
_FRAMING = {"REQUEST", "THREATEN", "AGREE", "REJECT", "CONSULT"}  # "met X to discuss", "called for talks"
_MATERIAL = {"ASSAULT", "PROTEST", "COERCE", "SANCTION", "RETREAT", "AID", "COOPERATE", "MOBILIZE", "CONCEDE", "CONSULT"}


def events_stage(doc: Document) -> Document:
    lang = load_language(doc.lang)
    args = Arguments.of(doc, lang)
    blocked = {t for m in doc.mentions.get("raw", []) if m.get("kind") in _NO_TRIGGER_KINDS
               for t in range(m.start, m.end)}
    blocked |= {t for m in doc.mentions.get("actor", []) if m.get("source") not in ("ref", "first_person")
                for t in range(m.start, m.end)}
    blocked |= _titles(doc, lang)
    actorless = set(lang.shared.plover["actorless_types"])
    framing: list[Event] = []  # every request or refusal, kept or not: what it asks for is no event either
    for s in doc.sentences:
        built = [build_event(doc, lang, args, match) for match in find_triggers(doc, lang, s.start, s.end, blocked)]
        _shared_subjects(doc, lang, built)
        _reaction_targets(args, built)
        built = _answered_accusations(doc, lang, args, built)
        built = _protest_of_summons(args, built)
        built = _reciprocal(doc, lang, built)
        framing += [ev for ev in built if ev.type in _FRAMING]
        doc.events += [ev for ev in built if (ev.actor or ev.recipient or ev.type in actorless)
                       and not _purpose(doc, lang, ev.trigger[0], s.start) and not _label(doc, lang, ev, s.start)]
    doc.events = _drop_contents(doc, doc.events, framing)
    return doc


def _titles(doc: Document, lang: Language) -> set[int]:
    """'le documentaire « L'Attaque des drones »', 'the film "Strike Back"': a quoted title of a work
    names no event."""
    works, dets, out = lang.words("work_nouns"), lang.words("determiners"), set()
    for a, b in quote_spans(doc):
        k = a - 1
        while k >= 0 and doc.tokens[k].fold in dets:
            k -= 1
        if k >= 0 and doc.tokens[k].fold in works:
            out.update(range(a, b + 1))
    return out


def _shared_subjects(doc: Document, lang: Language, events: list[Event]) -> None:
    """'a tué trois civils et fait sept blessés', 'killed five and wounded 12': a verb joined by a
    coordinator to the verb before it shares that verb's subject; the first verb's object is not the second
    one's subject."""
    joins = lang.words("coordinators")
    for a, b in zip(events, events[1:], strict=False):
        if a.head != "v" or b.head != "v":
            continue
        between = doc.tokens[a.trigger[1]:b.trigger[0]]
        if not any(t.fold in joins for t in between) or any(t.text in HARD_STOPS for t in between):
            continue
        if (not b.actor and a.actor) or (b.actor and {e.key for e in b.actor} <= {e.key for e in a.recipient}):
            b.actor = list(a.actor)
            b.recipient = [e for e in b.recipient if e.key not in {x.key for x in a.actor}]


def _reaction_targets(args: Arguments, events: list[Event]) -> None:
    """'a condamné la frappe russe', 'welcomed the release by Iran of', 'dénonce les sanctions britanniques':
    a reaction to an event is aimed at whoever carried that event out."""
    reactive = set(args.lang.shared.plover.get("reaction_types", []))
    aimed = set(args.lang.shared.plover.get("aimed_at_reactor", []))
    for a in events:
        if a.type not in reactive or a.head != "v":
            continue
        stop = min(args.clause_end(a.trigger[1]), a.trigger[1] + 8)
        b = next((b for b in events if a.trigger[1] <= b.trigger[0] < stop), None)
        victims = b is not None and a.recipient and {e.key for e in a.recipient} <= {e.key for e in b.recipient} \
            and all(e.sector in VICTIM_SECTORS for e in a.recipient)
        if a.recipient and not victims:
            continue  # "a condamné le massacre de villageois": the villagers are the massacre's, not the accused
        if b is None or b.type in reactive:
            # "a rejeté la proposition américaine", "condemned the Israeli decision": whose the thing is
            owner = args.target(a.trigger[1], args.clause_end(a.trigger[1]), window=6, kinds=("modifier",))
            if owner is not None and owner.get("code") not in {e.code for e in a.actor}:
                a.recipient = [entity(owner)]
            continue
        acting = {e.key for e in a.actor}
        a.recipient = [e for e in b.actor if e.key not in acting]
        if not b.recipient and b.type in aimed and a.actor and a.recipient:
            b.recipient = list(a.actor)  # "Moscou dénonce les sanctions britanniques": aimed at Moscow


def _reciprocal(doc: Document, lang: Language, events: list[Event]) -> list[Event]:
    """'se sont mutuellement reproché', 'accused each other': each actor acts on the others."""
    words, out = lang.words("reciprocal_words"), []
    for ev in events:
        lo, hi = max(doc.sentences[ev.sent].start, ev.trigger[0] - 3), min(doc.sentences[ev.sent].end, ev.trigger[1] + 3)
        if len({a.code for a in ev.actor}) < 2 or words.isdisjoint(t.fold for t in doc.tokens[lo:hi]):
            out.append(ev)
            continue
        for a in ev.actor:
            one = Event(ev.type, ev.mode, ev.sent, ev.trigger, [a], [b for b in ev.actor if b.code != a.code])
            one.trigger_text, one.head, one.anaphoric = ev.trigger_text, ev.head, ev.anaphoric
            out.append(one)
    return out


def _answered_accusations(doc: Document, lang: Language, args: Arguments, events: list[Event]) -> list[Event]:
    """'a rejeté les accusations de Kinshasa', 'rejected Israel's claim that …': the rejection answers the
    accuser, and the accusation is the accuser's own event (GUIDELINES: the allegation is an ACCUSE).
    'a démenti ces accusations' answers the last accusation told: no new one is made."""
    nouns = lang.words("accusation_nouns")
    for ev in [e for e in events if e.type == "REJECT"]:
        stop = min(args.clause_end(ev.trigger[0]), ev.trigger[1] + 4)
        k = next((k for k in range(ev.trigger[0] + 1, stop) if doc.tokens[k].fold in nouns), None)
        accuser = _accuser(doc, lang, args, k) if k is not None else None
        if accuser is None:
            if k is not None and k > 0 and doc.tokens[k - 1].fold in lang.words("definite"):
                events = [e for e in events if not (e.type == "ACCUSE" and e.trigger[0] == k)]
                earlier = next((e for e in reversed(doc.events) if e.type == "ACCUSE" and e.actor), None)
                if not ev.recipient and earlier is not None and \
                        not {a.code for a in earlier.actor} & {a.code for a in ev.actor if a.code}:
                    ev.recipient = list(earlier.actor)
            continue
        ev.recipient = [entity(accuser)]
        if accuser.get("code") and accuser.get("code") not in {a.code for a in ev.actor}:
            acc = Event("ACCUSE", "allege", ev.sent, (k, k + 1), [entity(accuser)], list(ev.actor))
            acc.trigger_text, acc.head, acc.derived = doc.tokens[k].text, "n", True
            events.append(acc)
    return events


def _protest_of_summons(args: Arguments, events: list[Event]) -> list[Event]:
    """'a convoqué l'ambassadeur russe pour protester', 'summoned Turkey's envoy to protest': the protest is
    what the summons says, one ACCUSE, not a second one (least of all by the envoy summoned)."""
    drop = set()
    for first in events:
        if first.type != "ACCUSE" or id(first) in drop:
            continue
        sides = {a.code for a in first.actor + first.recipient if a.code}
        end = args.clause_end(first.trigger[0])
        drop |= {id(e) for e in events if e is not first and e.type == "ACCUSE" and e.mode == "disapprove"
                 and first.trigger[1] <= e.trigger[0] < end and e.actor and {a.code for a in e.actor} <= sides}
    return [e for e in events if id(e) not in drop]


def _accuser(doc: Document, lang: Language, args: Arguments, k: int) -> Mention | None:
    """Whose accusation: 'les accusations de Kinshasa' or 'Israel's claim'."""
    j = k + 1
    if j < len(doc.tokens) and doc.tokens[j].fold in lang.words("of_words"):
        j += 1 + (j + 1 < len(doc.tokens) and doc.tokens[j + 1].fold in lang.words("articles_after_of"))
        return args.by_start.get(j)
    if k > 0 and doc.tokens[k - 1].fold in lang.words("possessive_clitics"):
        return args.by_end.get(k - 1)
    return None


def _drop_contents(doc: Document, events: list[Event], framing: list[Event]) -> list[Event]:
    """What is asked, promised, threatened or refused is part of that event, not an event of its own (even
    when the request itself names no one: "le sommet a exigé la remise en liberté de 46 soldats"); deaths in
    a crash are not an attack."""
    dropped: set[int] = set()
    lang = load_language(doc.lang)
    denials = _denials(lang)
    for a in framing:
        if doc.tokens[a.trigger[0]].fold not in denials:
            stop = _window_end(doc, a.trigger[1], lang.words("framing_breaks"))
            dropped |= {id(b) for b in events if b.type in _MATERIAL and a.trigger[1] <= b.trigger[0] < stop}
    for a in events:
        if a.type == "CRASH":
            dropped |= {id(b) for b in events if b.type == "ASSAULT" and b.sent == a.sent and
                        doc.tokens[b.trigger[0]].fold in _casualty_words(doc.lang)}
    return [e for e in events if id(e) not in dropped]


@lru_cache(maxsize=8)
def _denials(lang: Language) -> frozenset[str]:
    return lang.cues["denial_verbs"] | lang.cues["reject_verbs"]


@lru_cache(maxsize=8)
def _casualty_words(code: str) -> frozenset[str]:
    from .quantities import _tables

    return frozenset(w for w, kind in _tables(code)["kinds"].items() if kind == "dead")


def _window_end(doc: Document, k: int, breaks: frozenset[str]) -> int:
    """Where what a framing verb asks or refuses ends: punctuation or one of the language's `framing_breaks`."""
    end = min(doc.sentence_of(k - 1).end, k + 10)
    for j in range(k, end):
        if doc.tokens[j].text in {",", ".", ";", ":"} or doc.tokens[j].fold in breaks:
            return j
    return end


def _purpose(doc: Document, lang: Language, i: int, floor: int) -> bool:
    """'visant à parvenir à un accord': a goal, not an event (a purpose phrase up to three words before)."""
    key = ("purpose", floor)
    ends = doc.cache.get(key)
    if ends is None:
        matches = lang.cues["purpose"].in_sentence_of(doc.tokens, doc.sentences, floor)
        ends = doc.cache[key] = {b for _, b, _ in matches}
    return any(i - gap in ends for gap in (0, 1, 2, 3))


def _label(doc: Document, lang: Language, ev: Event, floor: int) -> bool:
    """'a qualifié d'« invasion » la prise de l'aéroport', 'called it an aggression': the noun is the label a
    speaker puts on something (the ACCUSE of the verb), not an event of its own."""
    if ev.head != "n":
        return False
    toks, k = doc.tokens, ev.trigger[0] - 1
    markers = lang.words("label_markers")
    while k > floor and ev.trigger[0] - k <= 3 and toks[k].fold not in markers and \
            (toks[k].fold in lang.words("determiners") or not toks[k].text.isalnum()):
        if toks[k].fold in lang.words("definite"):
            return False  # "ce qu'il présente comme l'appui du Maroc": a definite event, told as a claim
        k -= 1  # over an indefinite article or an opening quote: 'd'« invasion »', 'as an aggression'
    if k <= floor or toks[k].fold not in markers:
        return False
    forms = lang.verb_forms_of("label_verbs")
    return any(toks[j].fold in forms for j in range(max(floor, k - 6), k))


def build_event(doc: Document, lang: Language, args: Arguments, match: Match) -> Event:
    trig = match.trigger
    actors, recipients = arguments(doc, lang, args, match)
    # "les deux dirigeants", "the three governments": a counted plural stands for the actors it counts
    actors = [x for m in actors for x in (m.get("members") or [m])]
    recipients = [x for m in recipients for x in (m.get("members") or [m])]
    if trig.host and actors and recipients:  # the guest visits: PLOVER's CONSULT is the visitor's act
        actors, recipients = recipients, actors
    ev = Event(trig.type, trig.mode, doc.tokens[match.start].sent, (match.start, match.end))
    ev.actor = _unique([entity(m) for m in actors])
    if trig.gov and ev.actor and all(a.sector == GOVERNMENT_SECTOR for a in ev.actor):
        ev.type, ev.mode = trig.gov  # a government's protest is diplomatic: an ACCUSE
    acting = {(a.code, a.sector) for a in ev.actor}
    ev.recipient = [e for e in _unique([entity(m) for m in recipients]) if e.code is None or
                    (e.code, e.sector) not in acting]
    if recipients and not ev.recipient and not match.as_noun and trig.head == "v":
        # "a rappelé son ambassadeur à Paris": the actor's own envoy is part of the trigger; the frame's
        # preposition names the recipient
        again = recipient_by_frame(args, trig, match.end, match.start + 1, inside_ok=False)
        ev.recipient = [e for e in _unique([entity(m) for m in again]) if (e.code, e.sector) not in acting]
    if trig.type in OWN_FORCES:  # "ordered 3,000 more troops": the troops sent are the actor's, not a target
        ev.recipient = [e for e in ev.recipient if e.code is not None]
    ev.trigger_text = " ".join(doc.tokens[p].text for p in match.positions)
    ev.head = "n" if match.as_noun else trig.head
    prev = doc.tokens[match.start - 1].fold if match.start > 0 else ""
    ev.anaphoric = ev.head == "n" and prev in lang.words("definite")
    return ev


def _unique(entities: list[Entity]) -> list[Entity]:
    seen, out = set(), []
    for e in entities:
        key = (e.code, e.text.lower()) if e.code is None else (e.code,)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out
