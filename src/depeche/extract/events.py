"""Events stage: find trigger words and fill each event's actor and recipient from its frame."""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from ..lang import Language, load_language
from ..lang.language import Trigger
from ..model import Document, Entity, Event, Mention, entity
from ..text.segment import positions_of
from .syntax import Arguments

_NO_TRIGGER_KINDS = {"person", "org", "country"}
_CRAFT_TYPES = {"ASSAULT", "CRASH", "MOBILIZE"}
_CLAUSE_STOPS = {".", ";", ":", "!", "?"}
_TARGETED = {"ASSAULT", "COERCE"}  # acts aimed at something: the country of what was hit is the recipient
_FRAMING = {"REQUEST", "THREATEN", "AGREE", "REJECT", "CONSULT"}  # "met X to discuss", "called for talks"
_MATERIAL = {"ASSAULT", "PROTEST", "COERCE", "SANCTION", "RETREAT", "AID", "COOPERATE", "MOBILIZE", "CONCEDE", "CONSULT"}


@dataclass(slots=True)
class Match:
    """A trigger found in the text: its words' token positions and the entry that matched."""

    start: int
    end: int
    positions: tuple[int, ...]
    trigger: Trigger
    as_noun: bool = False


def events_stage(doc: Document) -> Document:
    lang = load_language(doc.lang)
    args = Arguments.of(doc, lang)
    blocked = {t for m in doc.mentions.get("raw", []) if m.get("kind") in _NO_TRIGGER_KINDS
               for t in range(m.start, m.end)}
    blocked |= {t for m in doc.mentions.get("actor", []) if m.get("source") not in ("ref", "first_person")
                for t in range(m.start, m.end)}
    actorless = set(lang.shared.plover["actorless_types"])
    for s in doc.sentences:
        built = [build_event(doc, lang, args, match) for match in find_triggers(doc, lang, s.start, s.end, blocked)]
        _shared_subjects(doc, lang, built)
        _reaction_targets(args, built)
        doc.events += [ev for ev in built if (ev.actor or ev.recipient or ev.type in actorless)
                       and not _purpose(doc, lang, ev.trigger[0], s.start)]
    doc.events = _drop_contents(doc, doc.events)
    return doc


def _shared_subjects(doc: Document, lang: Language, events: list[Event]) -> None:
    """'a tué trois civils et fait sept blessés', 'killed five and wounded 12': a verb joined by a
    coordinator to the verb before it shares that verb's subject; the first verb's object is not the second
    one's subject."""
    joins = lang.words("coordinators")
    for a, b in zip(events, events[1:], strict=False):
        if a.head != "v" or b.head != "v":
            continue
        between = doc.tokens[a.trigger[1]:b.trigger[0]]
        if not any(t.fold in joins for t in between) or any(t.text in _CLAUSE_STOPS for t in between):
            continue
        if (not b.actor and a.actor) or (b.actor and {e.key for e in b.actor} <= {e.key for e in a.recipient}):
            b.actor = list(a.actor)
            b.recipient = [e for e in b.recipient if e.key not in {x.key for x in a.actor}]


def _reaction_targets(args: Arguments, events: list[Event]) -> None:
    """'a condamné la frappe russe', 'welcomed the release by Iran of', 'dénonce les sanctions britanniques':
    a reaction to an event is aimed at whoever carried that event out."""
    reactive = set(args.lang.shared.plover.get("reaction_types", []))
    for a in events:
        if a.type not in reactive or a.recipient or a.head != "v":
            continue
        stop = min(args.clause_end(a.trigger[1]), a.trigger[1] + 8)
        b = next((b for b in events if a.trigger[1] <= b.trigger[0] < stop), None)
        if b is None or b.type in reactive:
            continue
        acting = {e.key for e in a.actor}
        a.recipient = [e for e in b.actor if e.key not in acting]
        if not b.recipient and b.type in _MATERIAL and a.actor and a.recipient:
            b.recipient = list(a.actor)  # "Moscou dénonce les sanctions britanniques": aimed at Moscow


def _drop_contents(doc: Document, events: list[Event]) -> list[Event]:
    """What is asked, promised, threatened or refused is part of that event, not an event of its own;
    deaths in a crash are not an attack."""
    dropped: set[int] = set()
    denials = _denials(load_language(doc.lang))
    for a in events:
        if a.type in _FRAMING and doc.tokens[a.trigger[0]].fold not in denials:
            stop = _window_end(doc, a.trigger[1])
            dropped |= {id(b) for b in events if b.type in _MATERIAL and a.trigger[1] <= b.trigger[0] < stop}
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


def _window_end(doc: Document, k: int) -> int:
    end = min(doc.sentence_of(k - 1).end, k + 10)
    for j in range(k, end):
        if doc.tokens[j].text in {",", ".", ";", ":"} or doc.tokens[j].fold in {"et", "and", "que", "that", "mais", "but"}:
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


def find_triggers(doc: Document, lang: Language, start: int, end: int, blocked: set[int]) -> list[Match]:
    """All trigger matches of a sentence; overlapping matches keep the one with more words."""
    candidates: list[Match] = []
    triggers, tokens = lang.triggers, doc.tokens
    every = doc.cache.get("trigger_heads")
    if every is None:
        every = doc.cache["trigger_heads"] = positions_of(tokens, triggers)
    heads = [i for i in every[bisect_left(every, start):bisect_left(every, end)] if i not in blocked]
    if not heads:
        return []
    present = frozenset([t.fold for t in tokens[start:end]])
    groups = _trigger_groups(lang)
    for i in heads:
        entries, singles, seconds = groups[tokens[i].fold]
        if present.isdisjoint(seconds):
            entries = singles  # no phrase of this head can match here: its second words are absent
        best = _best_at(doc, lang, i, start, end, entries, blocked, present) if entries else None
        if best is not None:
            candidates.append(best)
    candidates.sort(key=lambda m: (-len(m.positions), m.start))
    used: set[int] = set()
    chosen = []
    for m in candidates:
        if used.isdisjoint(m.positions):
            used.update(m.positions)
            chosen.append(m)
    return sorted(chosen, key=lambda m: m.start)


@lru_cache(maxsize=8)
def _trigger_groups(lang: Language) -> dict[str, tuple[list[Trigger], list[Trigger], frozenset[str]]]:
    """For each head word: its entries, those of one word, and every second word of the others."""
    out = {}
    for head, entries in lang.triggers.items():
        seconds = frozenset().union(*(t.words[1] for t in entries if len(t.words) > 1))
        out[head] = (entries, [t for t in entries if len(t.words) == 1], seconds)
    return out


def _best_at(doc, lang, i, start, end, entries, blocked, present) -> Match | None:
    noun_context = None  # found when two entries match equally well
    after_verb_marker = i > start and doc.tokens[i - 1].fold in lang.words("verb_markers")
    best: Match | None = None
    for trig in entries:
        if trig.head == "n" and after_verb_marker:
            continue
        words = trig.words
        if len(words) > 1:
            if present.isdisjoint(words[1]) or (len(words) > 2 and _missing(words, present)):
                continue  # a word of the phrase is nowhere in the sentence
            positions = _match_rest(doc, trig, i, end, blocked, _actor_spans(doc, start))
        else:
            positions = (i,)
        if positions is None or ((trig.not_ or trig.with_) and
                                 not _conditions_ok(doc, trig, positions, start, end, present)):
            continue
        m = Match(i, positions[-1] + 1, positions, trig)
        if best is not None and noun_context is None:
            noun_context = _noun_context(doc, lang, i, start)
        if best is None or _better(m, best, noun_context):
            best = m
    if best is not None and best.trigger.head == "v" and _determined(doc, lang, i, start):
        best.as_noun = True
    return best


def _actor_spans(doc: Document, start: int) -> dict[int, int]:
    """Start to end of the actor mentions of the sentence that begins at `start` (a phrase may step over one)."""
    key = ("actor_spans", start)
    spans = doc.cache.get(key)
    if spans is None:
        spans = doc.cache[key] = {m.start: m.end for m in doc.in_sentence("actor", doc.tokens[start].sent)}
    return spans


def _missing(words: list[frozenset[str]], present: frozenset[str]) -> bool:
    for k in range(1, len(words)):
        if present.isdisjoint(words[k]):
            return True
    return False


def _determined(doc: Document, lang: Language, i: int, start: int) -> bool:
    """A determiner, possessive or demonym before the word, over at most two adjectives ('the new European
    sanctions'): it is used as a noun."""
    if i == start:
        return False
    prev = doc.tokens[i - 1]
    if any(m.end == i and m.get("object") for m in doc.in_sentence("actor", prev.sent)):
        return False  # "la police l'accuse": an object pronoun, not an article
    if prev.fold in lang.words("determiners") or prev.fold in ("l'", "'s"):
        return True
    if lang.code == "en" and any(m.end == i for m in doc.in_sentence("modifier", prev.sent)):
        return True
    ends = {m.end for m in doc.in_sentence("actor", prev.sent)}
    for j in range(i - 1, max(start, i - 3) - 1, -1):
        if j + 1 in ends or not doc.tokens[j].text.isalpha():
            return False  # "the EU sanctions Russia": an actor right before is the verb's subject
        if doc.tokens[j].fold in lang.words("determiners"):
            return True
    return False


def _better(m: Match, best: Match, noun_context: bool) -> bool:
    if len(m.positions) != len(best.positions):
        return len(m.positions) > len(best.positions)
    if bool(m.trigger.with_) != bool(best.trigger.with_):
        return bool(m.trigger.with_)
    return (m.trigger.head == "n") == noun_context and (best.trigger.head == "n") != noun_context


def _noun_context(doc: Document, lang: Language, i: int, start: int) -> bool:
    """Is the word at i used as a noun (after a determiner or preposition)?"""
    if i == start:
        return False
    prev = doc.tokens[i - 1].fold
    return prev in lang.words("determiners") or prev in lang.words("prepositions") or prev in ("l'", "d'")


def _match_rest(doc: Document, trig: Trigger, i: int, end: int, blocked: set[int],
                spans: dict[int, int]) -> tuple[int, ...] | None:
    filler = load_language(doc.lang).filler_words
    positions = [i]
    k = i + 1
    for forms in trig.words[1:]:
        found, j, budget = None, k, trig.gap + 1
        while j < end and budget > 0:
            if doc.tokens[j].fold in forms:
                found = j
                break
            if j in spans and any(doc.tokens[t].fold in forms for t in range(j, spans[j])):
                found = next(t for t in range(j, spans[j]) if doc.tokens[t].fold in forms)
                break
            if doc.tokens[j].text in {".", ";", ":"}:
                break
            small = doc.tokens[j].fold in filler or doc.tokens[j].text.isdigit()
            j, budget = spans.get(j, j + 1), budget - (0 if small else 1)
        if found is None:
            return None
        positions.append(found)
        k = found + 1
    return tuple(positions)


def _conditions_ok(doc: Document, trig: Trigger, positions: tuple[int, ...], start: int, end: int,
                   present: frozenset[str]) -> bool:
    """The entry's 'not' words are absent near it and its 'with' words present (`present`: the sentence's
    words; a word absent from the sentence is absent from any window of it)."""
    if trig.not_ and not trig.not_.isdisjoint(present):
        lo, hi = max(start, positions[0] - 2), min(end, positions[-1] + 3)
        if any(doc.tokens[k].fold in trig.not_ for k in range(lo, hi) if k not in positions):
            return False
    if trig.with_:
        lo, hi = max(start, positions[0] - 16), min(end, positions[-1] + 11)  # relatives refer back
        if not trig.with_.isdisjoint(present) and \
                not trig.with_.isdisjoint([t.fold for t in doc.tokens[lo:hi]]) and \
                any(doc.tokens[k].fold in trig.with_ for k in range(lo, hi) if k not in positions):
            return True
        return trig.type in _CRAFT_TYPES and any(positions[0] - 14 <= m.start <= positions[-1] + 14
                                                  for m in doc.mentions.get("equipment", []))
    return True


def build_event(doc: Document, lang: Language, args: Arguments, match: Match) -> Event:
    trig = match.trigger
    actors, recipients = _arguments(doc, lang, args, match)
    # "les deux dirigeants", "the three governments": a counted plural stands for the actors it counts
    actors = [x for m in actors for x in (m.get("members") or [m])]
    recipients = [x for m in recipients for x in (m.get("members") or [m])]
    if trig.host and actors and recipients:  # the guest visits: PLOVER's CONSULT is the visitor's act
        actors, recipients = recipients, actors
    ev = Event(trig.type, trig.mode, doc.tokens[match.start].sent, (match.start, match.end))
    ev.actor = _unique([entity(m) for m in actors])
    acting = {(a.code, a.sector) for a in ev.actor}
    ev.recipient = [e for e in _unique([entity(m) for m in recipients]) if e.code is None or
                    (e.code, e.sector) not in acting]
    if recipients and not ev.recipient and not match.as_noun and trig.head == "v":
        # "a rappelé son ambassadeur à Paris": the actor's own envoy is part of the trigger; the frame's
        # preposition names the recipient
        again = _recipient_by_frame(args, trig, match.end, match.start + 1, inside_ok=False)
        ev.recipient = [e for e in _unique([entity(m) for m in again]) if (e.code, e.sector) not in acting]
    ev.trigger_text = " ".join(doc.tokens[p].text for p in match.positions)
    ev.head = "n" if match.as_noun else trig.head
    prev = doc.tokens[match.start - 1].fold if match.start > 0 else ""
    ev.anaphoric = ev.head == "n" and prev in lang.words("definite")
    return ev


def _arguments(doc, lang, args: Arguments, match: Match) -> tuple[list[Mention], list[Mention]]:
    trig = match.trigger
    if trig.type == "CRASH":
        return _operator(doc, args, match), []
    sides = _mutual_sides(doc, args, match)
    if sides:
        return sides, []
    if trig.head == "v" and not match.as_noun:
        return _verb_arguments(args, match)
    return _noun_arguments(doc, lang, args, match)


def _recipient_by_frame(args: Arguments, trig: Trigger, end: int, head_end: int | None = None, *,
                        inside_ok: bool = True) -> list[Mention]:
    """The recipient the entry's frame names; a preposition may be one of the trigger's own words."""
    inside = [m for m in args.in_sentence_of(end - 1) if m.start < end <= m.end and m.start > (head_end or end) - 1
              and m.get("source") != "equipment" and inside_ok]  # "frappe de drone russe": its operator attacked
    if inside:  # "a expulsé les diplomates de France et d'Allemagne"
        return args.coordinated_right(inside[0], args.doc.sentence_of(end - 1).end)
    if trig.rcp == "obj":
        return args.object(end)
    if isinstance(trig.rcp, list):
        preps = [p for p in trig.rcp if p != ("obj",)]
        found = args.prep_object(head_end or end, preps) if preps else []
        return found or (args.object(end) if ("obj",) in trig.rcp else [])
    return []


def _verb_arguments(args: Arguments, match: Match) -> tuple[list[Mention], list[Mention]]:
    trig = match.trigger
    passive = args.is_passive(match.start)
    if trig.type == "ASSAULT" and not passive:
        target = args.place_object(match.end)
        if target is not None:
            return args.subject(match.start), [target]
    if passive:
        agent = args.prep_object(match.end, [(p,) for p in args.lang.words("agent_preps")], window=6) \
            or _some(args.prep_modifier(match.end, args.lang.words("agent_preps")))  # "by Pakistani fire"
        patient = args.subject(match.start) if trig.rcp == "obj" else \
            _recipient_by_frame(args, trig, match.end, match.start + 1)
        if not patient and trig.type in _TARGETED and trig.rcp == "obj":
            floor = args.doc.sentence_of(match.start).start
            patient = _some(args.target(floor, match.start, last=True))  # "villages in Kharkiv region were shelled"
        return agent, patient
    recipients = _recipient_by_frame(args, trig, match.end, match.start + 1)
    if not recipients and trig.rcp == "obj":
        recipients = _some(args.clitic_object(match.start))  # "la police l'accuse", "il les a libérés"
    if not recipients and trig.type in _TARGETED and trig.rcp == "obj":
        recipients = _some(args.target(match.end, args.clause_end(match.end)))  # "a Russian depot", "in Bryansk"
    if not recipients and trig.mode == "visit":
        recipients = _some(args.place_object(match.end) or  # "visited Bogotá", "s'est rendu à Samarcande"
                           (args.prep_place(match.start + 1, trig.rcp) if isinstance(trig.rcp, list) else None))
    return args.subject(match.start), recipients


def _some(m: Mention | None) -> list[Mention]:
    return [] if m is None else [m]


def _noun_arguments(doc, lang, args: Arguments, match: Match) -> tuple[list[Mention], list[Mention]]:
    trig = match.trigger
    recipients = _recipient_by_frame(args, trig, match.end, match.start + 1)
    if not recipients and trig.type == "ASSAULT" and isinstance(trig.rcp, list):
        target = args.prep_place(match.start + 1, trig.rcp)  # "strikes on Homs": the town's country
        recipients = [target] if target is not None else _prep_target(args, trig, match) or _hit(args, match)
    actors = _noun_actor(doc, lang, args, match)
    if not actors and trig.type.lower() in lang.words("nominal_subject_types"):
        actors = args.subject(match.start)
    return actors, recipients


def _mutual_sides(doc: Document, args: Arguments, match: Match) -> list[Mention]:
    """'des affrontements entre l'armée et les rebelles', 'clashes between Kyrgyz and Tajik border guards':
    each side attacked the other, so all of them are actors (GUIDELINES: one event per side)."""
    toks, preps = doc.tokens, args.lang.words("mutual_preps")
    if match.trigger.type != "ASSAULT":  # "a mediation between X and Y" is aimed at both
        return []
    k = next((k for k in range(match.end, min(match.end + 2, len(toks))) if toks[k].fold in preps), None)
    if k is None:
        return []
    stop = min(args.clause_end(k), k + 9)
    stop = next((j for j in range(k + 1, stop) if toks[j].text == ","), stop)
    sent = toks[k].sent
    found = [m for kind in ("actor", "modifier") for m in doc.in_sentence(kind, sent) if k < m.start and m.end <= stop]
    sides = sorted(found, key=lambda m: m.start)
    if len(sides) < 2:
        return []
    return [m if m.kind == "actor" else Mention("actor", m.start, m.end, m.text, {**m.attrs, "source": "modifier"})
            for m in sides]


def _prep_target(args: Arguments, trig: Trigger, match: Match) -> list[Mention]:
    """'l'attaque contre la raffinerie de Syzran', 'a strike on a Russian depot': the country of the target
    named by one of the frame's prepositions right after the trigger."""
    toks = args.tokens
    for k in range(match.end, min(match.end + 3, len(toks))):
        for prep in trig.rcp:
            if prep != ("obj",) and tuple(t.fold for t in toks[k:k + len(prep)]) == prep:
                start = k + len(prep)
                return _some(args.target(start, args.clause_end(start)))
    return []


def _hit(args: Arguments, match: Match) -> list[Mention]:
    """'une frappe russe a touché Kherson', 'the strike hit a Russian depot': the attack is the subject of a
    verb of impact, whose object is what it hit."""
    stop = args.clause_end(match.end)
    forms = args.lang.impact_forms
    for k in range(match.end, min(stop, match.end + 8)):
        if args.tokens[k].fold in forms and not args.is_passive(k):
            return _some(args.place_object(k + 1) or args.target(k + 1, args.clause_end(k + 1)))
    return []


def _weapon_actor(args: Arguments, match: Match) -> list[Mention]:
    """'la frappe de drone russe', 'strikes by Israeli jets': the operator of the weapon right after the
    trigger (inside it, or one word on) carried out the attack."""
    near = [m for m in args.in_sentence_of(match.start) if m.get("source") == "equipment"
            and match.start < m.start <= match.end + 1]
    return near[:1]


def _noun_actor(doc, lang, args: Arguments, match: Match) -> list[Mention]:
    """'l'attaque russe', 'Russia's attack', 'attaque de l'Ukraine', 'X a mené une attaque'."""
    toks = doc.tokens
    sent = doc.sentence_of(match.start)
    mods = {m.start: m for m in doc.in_sentence("modifier", sent.i)}
    mods_end = {m.end: m for m in doc.in_sentence("modifier", sent.i)}
    for k in (match.end, match.end + 1):
        if k in mods and lang.code != "en":
            return [mods[k]]
    if lang.code == "en" and match.start in mods_end:
        return [mods_end[match.start]]
    weapon = _weapon_actor(args, match)
    if weapon:
        return weapon
    if match.start - 1 >= sent.start and toks[match.start - 1].fold == "'s" and match.start - 1 in args.by_end:
        return [args.by_end[match.start - 1]]
    preps = list(match.trigger.act or [(p,) for p in lang.words("actor_preps")])
    near = args.prep_object(match.end, preps, window=3, slack=1)
    if near:
        return near
    return _light_verb_subject(doc, lang, args, match, sent.start)


def _light_verb_subject(doc, lang, args: Arguments, match: Match, floor: int) -> list[Mention]:
    light = lang.light_verb_forms
    before = match.start - 1 - (match.start - 1 > floor and doc.tokens[match.start - 1].fold in lang.words("determiners"))
    after_prep = before >= floor and doc.tokens[before].fold in lang.words("prepositions")
    for k in range(match.start - 1, max(floor, match.start - 12) - 1, -1):
        tok = doc.tokens[k].fold
        if tok in light and after_prep and tok not in lang.prepositional_light_forms:
            return []  # "a conduit à l'expulsion": the verb leads to the event, it does not perform it
        if tok in light:
            if args.is_passive(k):
                return args.prep_object(match.end, [(p,) for p in lang.words("agent_preps")], window=8)
            return args.subject(k)
        if tok in {".", ";", ":"} or k in args.by_end or doc.tokens[k].fold in lang.cues["report_verbs"]:
            break
    return []


def _operator(doc: Document, args: Arguments, match: Match) -> list[Mention]:
    """A crash's actor is the operator named without hedging ('un drone de reconnaissance russe')."""
    near = [m for m in doc.in_sentence("actor", doc.tokens[match.start].sent) if m.get("source") == "equipment"
            and abs(m.start - match.start) <= 12]
    return near[:1]


def _unique(entities: list[Entity]) -> list[Entity]:
    seen, out = set(), []
    for e in entities:
        key = (e.code, e.text.lower()) if e.code is None else (e.code,)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out
