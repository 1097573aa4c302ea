"""The Language object: every table of one language, compiled once per process and cached."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from typing import Any

from ..errors import DataError
from ..text.normalize import fold
from ..text.segment import fold_phrase
from .morph import Morphology
from .phrases import PhraseTable, case_rule
from .tables import data_dir, read_tsv, read_yaml, split_cell

EVENT_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
               "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "CRASH")


GOVERNMENT_SECTOR = "GOV"  # whose acts a trigger's `gov:` retypes (a ministry, a diplomat, a state by its name)


@dataclass(slots=True)
class Trigger:
    """One compiled trigger entry: the forms of each word, and its argument frame."""

    type: str
    mode: str | None
    head: str                      # "v" verb or "n" noun
    lemma: str
    words: list[frozenset[str]]    # forms of each word, head first
    rcp: str | list[tuple[str, ...]] = "obj"
    act: list[tuple[str, ...]] | None = None
    gap: int = 2
    with_: frozenset[str] = field(default_factory=frozenset)
    not_: frozenset[str] = field(default_factory=frozenset)
    host: bool = False             # "X a reçu Y": the guest Y is the actor of the visit, the host X its recipient
    gov: tuple[str, str | None] | None = None  # the type and mode when every actor is a government ('Riga a protesté')


# Grammar flags of lexicon.yaml and the values each may take (strings: YAML reads bare yes/no as booleans).
FLAGS: dict[str, tuple[str, ...]] = {
    "modifier_position": ("before", "after"),    # "Russian drones" / "drones russes"
    "place_name_position": ("before", "after"),  # "Kursk region" / "mer Rouge"
    "demonym_case": ("title", "any"),            # "Russian" / "russe": a case rule of lang/phrases.py
}


@dataclass(frozen=True, slots=True)
class Grammar:
    """The word-order and spelling choices of one language, read from its lexicon flags: the stages branch
    on these, never on the language's code."""

    modifiers_first: bool   # an adjective or noun modifier stands before its noun ("Russian drones")
    place_name_first: bool  # a place's own name stands before its head word ("Kursk region")
    demonym_case: str       # the case rule a demonym must meet to count
    role_name_words: int    # the fewest unknown capitalised words after a role that name its holder


class WordClasses(dict):
    """The word lists of one lexicon.yaml, folded. A key the file lacks is an error naming the key and the
    file, never an empty set: a misspelt class would silently match nothing."""

    def __init__(self, data: dict[str, frozenset[str]], path: str, others: frozenset[str]):
        super().__init__(data)
        self.path, self.others = path, others

    def __missing__(self, key: str) -> frozenset[str]:
        if key in self.others:
            raise DataError(f"lexicon key {key!r} is not a list of words", path=self.path)
        raise DataError(f"no word class {key!r} in lexicon.yaml (every language declares the same keys; "
                        "an empty list where a class does not apply)", path=self.path)


@lru_cache(maxsize=1)
def available_languages() -> tuple[str, ...]:
    return tuple(sorted(p.name for p in data_dir().iterdir() if p.is_dir() and (p / "triggers.yaml").exists()))


@cache
def shared_tables() -> SharedTables:
    return SharedTables()


@cache
def load_language(code: str) -> Language:
    if code not in available_languages():
        raise DataError(f"no tables for language {code!r}; available: {', '.join(available_languages())}")
    return Language(code)


class SharedTables:
    """Language-independent tables: countries, leaders, organisations, equipment models."""

    def __init__(self) -> None:
        base = data_dir() / "shared"
        self.countries = {r["code"]: r for r in read_tsv(base / "countries.tsv", ("code", "name"))}
        self.leaders = read_tsv(base / "leaders.tsv", ("qid", "name", "country", "variants"))
        self.organisations = read_tsv(base / "organisations.tsv", ("code", "name", "variants"))
        self.equipment = read_tsv(base / "equipment.tsv", ("name", "category", "variants"))

    @cached_property
    def plover(self) -> dict[str, Any]:
        return read_yaml(data_dir() / "shared" / "plover.yaml")

    def country_name(self, code: str | None) -> str | None:
        row = self.countries.get(code or "")
        return row["name"] if row else None


class Language:
    """Tables of one language; heavy parts are compiled on first use."""

    def __init__(self, code: str):
        self.code = code
        self.dir = data_dir() / code
        self.shared = shared_tables()
        self.lexicon_raw = read_yaml(self.dir / "lexicon.yaml")
        path = str(self.dir / "lexicon.yaml")
        lists = {k: v for k, v in self.lexicon_raw.items() if isinstance(v, list)}
        self.lexicon = WordClasses(_fold_lists(lists), path, frozenset(self.lexicon_raw) - set(lists))
        # `words` is looked up in every loop of every stage: a C-level call (dict.__getitem__; a missing key
        # reaches WordClasses.__missing__ and fails)
        self.words: Callable[[str], frozenset[str]] = self.lexicon.__getitem__
        self.grammar = self._grammar(path)
        self.cues_raw = read_yaml(self.dir / "cues.yaml")
        self.dates = read_yaml(self.dir / "dates.yaml")
        irregular = {r["lemma"]: split_cell(r["forms"]) for r in read_tsv(self.dir / "verbs.tsv", ("lemma", "forms"))}
        self.morph = Morphology(read_yaml(self.dir / "morphology.yaml"), irregular)
        self._verb_forms_of: dict[str, frozenset[str]] = {}  # verb_forms_of, filled as stages ask

    def entry(self, key: str) -> Any:
        """A lexicon value as written (a list of phrases, a mapping, a flag); a missing key is an error."""
        if key not in self.lexicon_raw:
            raise DataError(f"no key {key!r} in lexicon.yaml", path=str(self.dir / "lexicon.yaml"))
        return self.lexicon_raw[key]

    def _grammar(self, path: str) -> Grammar:
        """The flags of lexicon.yaml, each checked against the values it may take."""
        for key, allowed in FLAGS.items():
            if self.entry(key) not in allowed:
                raise DataError(f"{key} must be one of {', '.join(allowed)}, not {self.entry(key)!r}", path=path)
        words = self.entry("role_name_words")
        if isinstance(words, bool) or not isinstance(words, int) or words < 1:
            raise DataError(f"role_name_words must be a whole number from 1, not {words!r}", path=path)
        return Grammar(self.entry("modifier_position") == "before", self.entry("place_name_position") == "before",
                       self.entry("demonym_case"), words)

    @cached_property
    def filler_words(self) -> frozenset[str]:
        """Words that do not count in a trigger's gap: determiners, possessives, 'de', number words."""
        numbers = read_yaml(self.dir / "quantities.yaml").get("numbers", {})
        return self.words("determiners") | self.words("possessives") | self.words("of_words") \
            | frozenset(fold(str(n)) for n in numbers)

    @cached_property
    def interception_forms(self) -> frozenset[str]:
        return frozenset(f for phrase in self.entry("interception_verbs")
                         for f in self.morph.verb_forms(fold_phrase(phrase)[0]))

    @cached_property
    def origin_preps(self) -> PhraseTable:
        return _phrase_table(self.entry("origin_preps"))

    @cached_property
    def object_skip(self) -> PhraseTable:
        return _phrase_table(self.entry("object_skip"))

    @cached_property
    def calendar_words(self) -> frozenset[str]:
        """Month and weekday names: capitalised, yet no place and no person."""
        return frozenset(fold(w) for key in ("months", "weekdays") for w in (self.dates.get(key) or {}))

    @cached_property
    def title_roles(self) -> list[tuple[tuple[str, ...], str]]:
        """(folded words of a title, the leader role it names), longest first."""
        pairs = [(fold_phrase(t), role) for role, titles in (self.entry("title_roles") or {}).items()
                 for t in titles]
        return sorted(pairs, key=lambda p: -len(p[0]))

    @cached_property
    def role_complements(self) -> list[tuple[str, ...]]:
        return sorted((fold_phrase(p) for p in self.entry("role_complements")), key=len, reverse=True)

    def verb_forms_of(self, key: str) -> frozenset[str]:
        """Every form of the verbs a lexicon key lists ('light_verbs', 'launch_verbs'), built once."""
        found = self._verb_forms_of.get(key)
        if found is None:
            found = self._verb_forms_of[key] = self.verb_forms(sorted(self.entry(key)))
        return found

    def verb_forms(self, lemmas: list[str]) -> frozenset[str]:
        out: set[str] = set()
        for lemma in lemmas:
            out |= self.morph.verb_forms(lemma)
        return frozenset(out)

    @cached_property
    def cues(self) -> dict[str, Any]:
        c = self.cues_raw
        return {
            "report_verbs": self.verb_forms(c.get("report_verbs", [])),
            "bare_report_verbs": self.verb_forms(c.get("bare_report_verbs", [])),
            "denial_verbs": self.verb_forms(c.get("denial_verbs", [])),
            "reject_verbs": self.verb_forms(c.get("reject_verbs", [])),
            "denial_objects": frozenset(fold(w) for w in c.get("denial_objects", [])),
            "future_verbs": self.verb_forms(c.get("future_verbs", [])),
            "source_preps": _phrase_table(c.get("source_preps", [])),
            "vague_sources": frozenset(fold(w) for w in c.get("vague_sources", [])),
            "hedges": frozenset(fold(w) for w in c.get("hedges", [])),
            "denial_phrases": _phrase_table(c.get("denial_phrases", [])),
            "future_words": frozenset(fold(w) for w in c.get("future_words", [])),
            "future_adjectives": frozenset(fold(w) for w in c.get("future_adjectives", [])),
            "purpose": _phrase_table(c.get("purpose", [])),
            **self._attribution_cues(c),
        }

    def _attribution_cues(self, c: dict[str, Any]) -> dict[str, Any]:
        """Cues of reporting frames, outlets, hedges and tense (extract/attribution.py, extract/quotes.py)."""
        words = ("auxiliaries", "complementizers", "infinitive_endings", "scope_breaks", "source_not_before",
                 "outlet_preps", "outlet_words", "outlet_nouns", "possessive_marks", "clause_hedges", "false_words",
                 "label_markers", "future_endings", "conditional_endings", "past_endings", "future_not",
                 "condition_words", "condition_not_after")
        return {
            **{key: frozenset(fold(w) for w in c.get(key, [])) for key in words},
            # "faire savoir": every form of the first word, then the rest ("ont fait savoir", "faisait savoir")
            "report_phrases": _phrase_table([" ".join((form, *ws[1:])) for ws in map(fold_phrase, c.get(
                "report_phrases", [])) for form in sorted(self.morph.verb_forms(ws[0]))]),
            "label_verbs": self.verb_forms(c.get("label_verbs", [])),
            "claim_verbs": self.verb_forms(c.get("claim_verbs", [])),
            "hedge_phrases": _phrase_table(c.get("hedge_phrases", [])),
            "back_reference": _phrase_table(c.get("back_reference", [])),
            "future_phrases": _phrase_table(c.get("future_phrases", [])),
        }

    @cached_property
    def triggers(self) -> dict[str, list[Trigger]]:
        """Head form -> triggers whose first word can be that form."""
        raw = read_yaml(self.dir / "triggers.yaml")
        index: dict[str, list[Trigger]] = {}
        for etype, entries in raw.items():
            if etype == "lang":
                continue
            if etype not in EVENT_TYPES:
                raise DataError(f"unknown event type {etype!r}", path=str(self.dir / "triggers.yaml"))
            for entry in entries or []:
                trig = self._compile_trigger(etype, entry)
                for form in trig.words[0]:
                    index.setdefault(form, []).append(trig)
        return index

    def _compile_trigger(self, etype: str, entry: dict[str, Any]) -> Trigger:
        head = "v" if "v" in entry else "n"
        text = entry.get(head)
        if not isinstance(text, str) or not text.strip():
            raise DataError(f"{etype} entry {entry!r} needs a 'v' or 'n' word", path=str(self.dir / "triggers.yaml"))
        words = fold_phrase(text)
        forms = [frozenset(self.morph.word_forms(words[0], head))]
        forms += [frozenset(self.morph.noun_forms(w)) for w in words[1:]]
        rcp = entry.get("rcp", "obj" if head == "v" else "none")
        if isinstance(rcp, list):
            rcp = [fold_phrase(p) for p in rcp]
        act = entry.get("act")
        with_ = set()
        for w in entry.get("with", []) or []:
            with_ |= self.morph.noun_forms(w) | self.morph.verb_forms(w)
        return Trigger(etype, entry.get("mode"), head, text, forms, rcp,
                       [fold_phrase(p) for p in act] if act else None, int(entry.get("gap", 2)),
                       frozenset(with_), frozenset(fold(w) for w in entry.get("not", []) or []),
                       entry.get("frame") == "host", _gov_retype(entry.get("gov"), self.dir))

    @cached_property
    def gazetteer(self) -> PhraseTable:
        """Actors, roles and equipment in one table: one pass over the tokens finds them all."""
        table = PhraseTable()
        self._add_countries(table)
        self._add_shared(table)
        for row in read_tsv(self.dir / "roles.tsv", ("text", "sector", "kind")):
            table.add(row["text"], {"kind": "role", "sector": row["sector"] or None, "role": row["kind"]},
                      case_rule(row["text"], "any"))
        for row in read_tsv(self.dir / "equipment.tsv", ("text", "category")):
            table.add(row["text"], {"kind": "equipment", "category": row["category"], "mode": row.get("mode") or None,
                                    "name": row["text"]}, case_rule(row["text"], "any"))
        return table

    def _add_countries(self, table: PhraseTable) -> None:
        adj_case = self.grammar.demonym_case  # "russe" in any case, "Russian" only capitalised
        for row in read_tsv(self.dir / "countries.tsv", ("code", "kind", "text")):
            kind = row["kind"]
            default = adj_case if kind == "adj" else "title"
            payload = {"kind": "country", "form": kind, "code": row["code"], "sector": row.get("sector") or None,
                       "name": self.shared.country_name(row["code"])}
            table.add(row["text"], payload, case_rule(row["text"], default))

    def _add_shared(self, table: PhraseTable) -> None:
        for row in self.shared.leaders:
            payload = {"kind": "person", "code": row["country"], "sector": row.get("sector") or "GOV",
                       "name": row["name"], "qid": row["qid"] or None, "role": row.get("role")}
            for variant in {row["name"], *split_cell(row["variants"])}:
                table.add(variant, payload, case_rule(variant, "title"))
        for row in self.shared.organisations:
            payload = {"kind": "org", "code": row["code"], "sector": row.get("sector") or None,
                       "name": row["name"], "qid": row.get("qid") or None, "org_kind": row.get("kind")}
            for variant in {row["name"], *split_cell(row["variants"])}:
                table.add(variant, payload, case_rule(variant, "title"))
        for row in self.shared.equipment:
            payload = {"kind": "equipment", "category": row["category"], "maker": row.get("maker") or None,
                       "mode": row.get("mode") or None, "name": row["name"], "model": True}
            for variant in {row["name"], *split_cell(row["variants"])}:
                table.add(variant, payload, case_rule(variant, "title"))


def _gov_retype(value: Any, folder: Any) -> tuple[str, str | None] | None:
    """'ACCUSE/disapprove' -> ('ACCUSE', 'disapprove'): what a trigger means when a government does it."""
    if value is None:
        return None
    etype, _, mode = str(value).partition("/")
    if etype not in EVENT_TYPES:
        raise DataError(f"unknown event type {etype!r} in gov: {value!r}", path=str(folder / "triggers.yaml"))
    return etype, mode or None


def _phrase_table(phrases: list[str]) -> PhraseTable:
    table = PhraseTable()
    for p in phrases:
        table.add(p, {"text": p})
    return table


def _fold_lists(data: dict[str, Any]) -> dict[str, Any]:
    """Lists of words become frozensets of folded words; other values stay as they are."""
    return {k: frozenset(fold(str(w)) for w in v) if isinstance(v, list) else v for k, v in data.items()}
