"""Argument frames: the actor and the recipient of one trigger, from the shallow syntax around it."""
from __future__ import annotations

from functools import lru_cache

from ..lang.language import Trigger
from ..model import Document, Mention
from .syntax import HARD_STOPS, Arguments
from .triggers import Match

VICTIM_SECTORS = {"CVL", "REL", "MED", "EDU", "HLH", "LAB", "REF"}  # people an attack hits, not who carries it out
_THREATS = {"THREATEN"}  # the threatened act's object is the one threatened
_TOWN_SOURCES = {"capital", "seat"}  # a capital or a seat of government, named by its town
# acts aimed at something: the country of what was hit, entered or flown over is the recipient
_TARGETED = {"ASSAULT", "COERCE", "MOBILIZE"}
OWN_FORCES = {"MOBILIZE"}  # what is deployed is the actor's own: "2,000 French soldiers were deployed" is France's


def arguments(doc, lang, args: Arguments, match: Match) -> tuple[list[Mention], list[Mention]]:
    """The actor and the recipient mentions of one trigger match."""
    trig = match.trigger
    if trig.type == "CRASH":
        return _operator(doc, args, match), []
    sides = _mutual_sides(doc, args, match)
    if sides:
        return sides, []
    if trig.rcp == "owner":  # "violated Estonian airspace", "entered Taiwan's waters": whose it is
        actors = args.subject(match.start) if trig.head == "v" and not match.as_noun else \
            _noun_actor(doc, lang, args, match)
        return actors, _owner(args, match)
    if trig.head == "v" and not match.as_noun:
        return _verb_arguments(args, match)
    return _noun_arguments(doc, lang, args, match)


def _owner(args: Arguments, match: Match) -> list[Mention]:
    """The country whose airspace, waters or border the trigger's own object is: an actor inside the phrase
    ("Taiwan's territorial waters"), else a demonym or place just after its head ("l'espace aérien estonien")."""
    inside = [m for m in args.in_sentence_of(match.start) if match.start < m.start < match.end]
    if inside:
        return inside[:1]
    stop = args.clause_end(match.start + 1)
    return _some(args.target(match.start + 1, stop, window=match.end - match.start + 3))


def recipient_by_frame(args: Arguments, trig: Trigger, end: int, head_end: int | None = None, *,
                        inside_ok: bool = True) -> list[Mention]:
    """The recipient the entry's frame names; a preposition may be one of the trigger's own words."""
    inside = [m for m in args.in_sentence_of(end - 1) if m.start < end <= m.end and m.start > (head_end or end) - 1
              and m.get("source") != "equipment" and inside_ok]  # "frappe de drone russe": its operator attacked
    between = [m for m in args.in_sentence_of(end - 1) if (head_end or end) <= m.start and m.end < end
               and m.get("source") != "equipment" and inside_ok]
    if inside and (inside[0].get("code") or not between):  # "a expulsé les diplomates de France et d'Allemagne"
        return args.coordinated_right(inside[0], args.doc.sentence_of(end - 1).end)
    found: list[Mention] = []
    if trig.rcp == "obj":
        found = args.object(end)
    elif isinstance(trig.rcp, list):
        preps = [p for p in trig.rcp if p != ("obj",)]
        found = (args.prep_object(head_end or end, preps) if preps else []) or \
            (args.object(end) if ("obj",) in trig.rcp else [])
    # "asked Egypt for support", "tient la Russie pour responsable": the object inside the phrase
    return found or (between[:1] if trig.rcp != "none" else [])


def _verb_arguments(args: Arguments, match: Match) -> tuple[list[Mention], list[Mention]]:
    trig = match.trigger
    passive = args.is_passive(match.start)
    if trig.type == "ASSAULT" and not passive:
        target = args.place_object(match.end)
        if target is not None:
            return args.subject(match.start), [target]
    if passive:
        agent = args.prep_object(match.start + 1, [(p,) for p in args.lang.words("agent_preps")], window=8) \
            or _some(args.prep_modifier(match.end, args.lang.words("agent_preps")))  # "by Pakistani fire"
        if not agent and trig.type in OWN_FORCES:
            return args.subject(match.start), recipient_by_frame(args, trig, match.end, match.start + 1)
        patient = args.subject(match.start) if trig.rcp == "obj" else \
            recipient_by_frame(args, trig, match.end, match.start + 1)
        if not patient and trig.type in _TARGETED and trig.rcp == "obj":
            floor = args.doc.sentence_of(match.start).start
            patient = _some(args.target(floor, match.start, last=True))  # "villages in Kharkiv region were shelled"
        return agent, patient
    recipients = recipient_by_frame(args, trig, match.end, match.start + 1)
    if not recipients and trig.rcp == "obj":
        recipients = _some(args.clitic_object(match.start))  # "la police l'accuse", "il les a libérés"
    if not recipients and trig.type in _TARGETED and trig.rcp == "obj":
        recipients = _some(args.target(match.end, args.clause_end(match.end)))  # "a Russian depot", "in Bryansk"
    elif not recipients and trig.type in _TARGETED and isinstance(trig.rcp, list):
        recipients = _prep_target(args, trig, match)  # "a ouvert le feu sur des positions pakistanaises"
    if not recipients and trig.type in _THREATS:  # "threatened to strike US carriers": the threatened verb's object
        recipients = _first_party(args, match.end, min(args.clause_end(match.end), match.end + 6))
    if not recipients and trig.mode == "visit":
        recipients = _some(args.place_object(match.end) or  # "visited Bogotá", "s'est rendu à Samarcande"
                           (args.prep_place(match.start + 1, trig.rcp) if isinstance(trig.rcp, list) else None))
    return args.subject(match.start), recipients


def _first_party(args: Arguments, start: int, stop: int) -> list[Mention]:
    """The first actor or demonym in [start, stop), weapons aside."""
    for k in range(start, stop):
        m = args.by_start.get(k)
        if m is not None and m.get("source") != "equipment":
            return [m]
    return _some(args.target(start, stop, window=stop - start, kinds=("modifier",)))


def _some(m: Mention | None) -> list[Mention]:
    return [] if m is None else [m]


def _noun_arguments(doc, lang, args: Arguments, match: Match) -> tuple[list[Mention], list[Mention]]:
    trig = match.trigger
    recipients = recipient_by_frame(args, trig, match.end, match.start + 1)
    if not recipients and trig.type in _TARGETED:  # "le massacre de villageois", "the killing of civilians"
        victims = args.prep_object(match.end, [(p,) for p in lang.words("of_words")], window=2, slack=1)
        recipients = [m for m in victims if m.get("sector") in VICTIM_SECTORS]
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
    stop = min(args.clause_end(k), k + 14)  # an apposition may stand between the sides
    stop = next((j for j in range(k + 1, stop) if toks[j].text in HARD_STOPS), stop)
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
    forms = args.lang.verb_forms_of("impact_verbs")
    for k in range(match.end, min(stop, match.end + 8)):
        if args.tokens[k].fold in forms and not args.is_passive(k):
            return _some(args.place_object(k + 1) or args.target(k + 1, args.clause_end(k + 1)))
    return []


def _weapon_actor(args: Arguments, match: Match) -> list[Mention]:
    """'la frappe de drone russe', 'strikes by Israeli jets', 'Indian artillery shelling': the operator of the
    weapon right after the trigger (inside it, or one word on), or right before it, carried out the attack."""
    near = [m for m in args.in_sentence_of(match.start) if m.get("source") == "equipment"
            and (match.start < m.start <= match.end + 1 or m.end == match.start)]
    return near[:1]


def _noun_actor(doc, lang, args: Arguments, match: Match) -> list[Mention]:
    """'l'attaque russe', 'Russia's attack', 'attaque de l'Ukraine', 'X a mené une attaque'."""
    sent = doc.sentence_of(match.start)
    mods = {m.start: m for m in doc.in_sentence("modifier", sent.i)}
    mods_end = {m.end: m for m in doc.in_sentence("modifier", sent.i)}
    first = lang.grammar.modifiers_first  # "the Russian attack" / "l'attaque russe"
    for k in (match.end, match.end + 1):
        if k in mods and not first:
            return [mods[k]]
    if first:
        before = _modifier_before(doc, lang, mods_end, match.start, sent.start)
        if before is not None:  # "the Russian attack", "Indian artillery shelling"
            return [before]
    weapon = _weapon_actor(args, match)
    if weapon:
        return weapon
    owner = _possessor(doc, lang, args, match.start, sent.start)
    if owner is not None:  # "Russia's attack", "Ankara's newest air strikes"
        return [owner]
    preps = list(match.trigger.act or [(p,) for p in lang.words("actor_preps")])
    if not match.trigger.act and _takes_of(lang, match):  # "l'enlèvement du président": 'de' names who it hit
        preps = [p for p in preps if p[0] not in lang.words("of_words")]
    near = _of_actor(args, match, preps)
    if near and not all(m.get("source") in _TOWN_SOURCES for m in near):
        return near
    # "l'État islamique a revendiqué l'attentat de Kaboul": a town after the noun is where it happened
    # unless no one else is named as having carried it out
    return _light_verb_subject(doc, lang, args, match, sent.start) or near


@lru_cache(maxsize=8)
def _function_words(lang) -> frozenset[str]:
    """Words that end a run of adjectives before a noun: articles, prepositions, 'and'."""
    return lang.words("determiners") | lang.words("prepositions") | lang.words("coordinators")


def _modifier_before(doc, lang, mods_end: dict[int, Mention], i: int, floor: int) -> Mention | None:
    """A demonym before the noun at i, over at most two plain words ('Indian artillery shelling')."""
    plain = _function_words(lang)
    for k in range(i, max(floor, i - 2) - 1, -1):
        if k in mods_end:
            return mods_end[k]
        tok = doc.tokens[k - 1] if k > floor else None
        if tok is None or not tok.text.isalpha() or not tok.text.islower() or tok.fold in plain:
            return None
    return None


def _possessor(doc, lang, args: Arguments, i: int, floor: int) -> Mention | None:
    """The actor whose possessive stands before the noun at i, over at most two adjectives."""
    plain = _function_words(lang)
    for k in range(i - 1, max(floor, i - 3) - 1, -1):
        tok = doc.tokens[k]
        if tok.fold in lang.words("possessive_clitics"):
            return args.by_end.get(k)
        if not tok.text.isalpha() or not tok.text.islower() or tok.fold in plain or k in args.by_end:
            return None
    return None


def _takes_of(lang, match: Match) -> bool:
    """The noun names its recipient with 'de'/'of' ('l'assassinat de', 'la prise en otage du'), or is used as
    the noun of a verb whose object is what it hit ('prendre en otage' -> 'la prise en otage de')."""
    rcp = match.trigger.rcp
    if rcp == "obj":
        return match.trigger.head == "v"
    return isinstance(rcp, list) and any(p[0] in lang.words("of_words") for p in rcp)


def _of_actor(args: Arguments, match: Match, preps: list[tuple[str, ...]]) -> list[Mention]:
    """'l'attaque de l'Ukraine', 'the offensive by Russia' - but not the target of 'l'attaque contre des
    gardes-frontières' (an article after the target's preposition), nor the victims of 'le massacre de
    villageois' (civilians are who an attack hits)."""
    near = args.prep_object(match.end, preps, window=6, slack=1)
    if not near:
        return []
    rcp = {p[0] for p in match.trigger.rcp} if isinstance(match.trigger.rcp, list) else set()
    if any(args.tokens[j].fold in rcp for j in range(match.end, near[0].start)):
        return []
    if match.trigger.type in _TARGETED and all(m.get("sector") in VICTIM_SECTORS for m in near):
        return []
    return near


def _light_verb_subject(doc, lang, args: Arguments, match: Match, floor: int) -> list[Mention]:
    light, toks = lang.verb_forms_of("light_verbs"), doc.tokens
    before = match.start - 1
    if before - 1 > floor and toks[before].fold in lang.words("of_words") and \
            toks[before - 1].fold in lang.words("series_nouns"):
        before -= 2  # "a déclenché une série d'attaques": the series, not a preposition, stands before the noun
    before -= before > floor and toks[before].fold in lang.words("determiners")
    after_prep = before >= floor and toks[before].fold in lang.words("prepositions")
    for k in range(match.start - 1, max(floor, match.start - 12) - 1, -1):
        tok = doc.tokens[k].fold
        if tok in light and after_prep and tok not in lang.verb_forms_of("prepositional_light_verbs"):
            return []  # "a conduit à l'expulsion": the verb leads to the event, it does not perform it
        if tok in light:
            if args.is_passive(k):
                return args.prep_object(match.end, [(p,) for p in lang.words("agent_preps")], window=8)
            return args.subject(k)
        if k in args.by_end and _own_forces(doc, lang, args.by_end[k], floor):
            after_prep = False  # "ordered his troops into an invasion": the subject's own forces are sent in
            continue
        if tok in {".", ";", ":"} or k in args.by_end or doc.tokens[k].fold in lang.cues["report_verbs"]:
            break
    return []


def _own_forces(doc, lang, m: Mention, floor: int) -> bool:
    """'his troops', 'ses soldats': an actor after a possessive is the subject's own."""
    return m.start - 1 >= floor and doc.tokens[m.start - 1].fold in lang.words("possessives")


def _operator(doc: Document, args: Arguments, match: Match) -> list[Mention]:
    """A crash's actor is the operator named without hedging ('un drone de reconnaissance russe')."""
    near = [m for m in doc.in_sentence("actor", doc.tokens[match.start].sent) if m.get("source") == "equipment"
            and abs(m.start - match.start) <= 12]
    return near[:1]
