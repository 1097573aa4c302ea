"""Grammar as data: the stages read function words and word-order choices from `data/<lang>/lexicon.yaml`,
through accessors that fail on an unknown key; no word of a lexicon and no language code is written in
`extract/*.py`, so that a third language is a new folder, not new branches."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from depeche.errors import DataError
from depeche.lang import available_languages, load_language
from depeche.lang.language import FLAGS, Language
from depeche.lang.tables import data_dir, read_yaml
from depeche.text.normalize import fold

LANGS = available_languages()
PACKAGE = Path(__file__).resolve().parents[2] / "src" / "depeche"
EXTRACT = sorted((PACKAGE / "extract").glob("*.py"))
STAGES = [*EXTRACT, PACKAGE / "geo" / "geocode.py"]  # the stages that read tokens

# Codes of the data model that are also words of a lexicon: compared with attributes the stages or the tables
# set (a mention's precision, a gazetteer kind), never with a token's words.
DATA_CODES = {
    "city", "region", "area",   # place precisions ("precision": "city"); English place heads too
    "town",                     # a gazetteer place's kind (geo/gazetteer.py); an English place head too
    "capital",                  # a countries.tsv row kind ("form": "capital"); an English place head too
    "group",                    # a roles.tsv kind ("role": "group"); an English collective noun too
    "according",                # a kind of source ("according to X", extract/attribution.py); an English preposition
    "m",                        # masculine gender (coreference); the French abbreviation of "monsieur" too
}


def _lexicon(lang: str) -> dict:
    return read_yaml(data_dir() / lang / "lexicon.yaml")


def _lexicon_words() -> frozenset[str]:
    """Every folded word of every word class of every language (mappings of titles included); entries in
    capitals are codes (`nominal_subject_types` lists PLOVER types), not words."""
    out: set[str] = set()
    for lang in LANGS:
        for value in _lexicon(lang).values():
            items = value if isinstance(value, list) else \
                [w for ws in value.values() for w in ws] if isinstance(value, dict) else []
            out |= {fold(str(w)) for w in items if not str(w).isupper()}
    return frozenset(out)


def test_every_language_declares_the_same_keys():
    keys = {lang: set(_lexicon(lang)) for lang in LANGS}
    first = keys[LANGS[0]]
    for lang, mine in keys.items():
        assert mine == first, (lang, sorted(mine ^ first))


@pytest.mark.parametrize("lang", LANGS)
def test_an_unknown_word_class_is_an_error_naming_the_key_and_the_file(lang):
    language = load_language(lang)
    with pytest.raises(DataError, match=r"lexicon\.yaml.*'no_such_class'"):
        language.words("no_such_class")
    with pytest.raises(DataError, match="not a list of words"):
        language.words("modifier_position")  # a flag, not a word class
    with pytest.raises(DataError, match="'no_such_key'"):
        language.entry("no_such_key")


@pytest.mark.parametrize("lang", LANGS)
def test_flags_take_one_of_their_values(lang):
    raw = _lexicon(lang)
    for key, allowed in FLAGS.items():
        assert raw[key] in allowed, (lang, key)
    fresh = Language(lang)  # not the cached one: it is changed below
    fresh.lexicon_raw = {**fresh.lexicon_raw, "modifier_position": "left"}
    with pytest.raises(DataError, match="modifier_position"):
        fresh._grammar("lexicon.yaml")


def _word_uses(tree: ast.AST):
    """String constants used as words: members of a set, list or tuple literal, or operands of a comparison
    (not dict keys, attribute names or arguments)."""
    for node in ast.walk(tree):
        if isinstance(node, (ast.Set, ast.List, ast.Tuple)):
            members = node.elts
        elif isinstance(node, ast.Compare):
            members = [node.left, *node.comparators]
        else:
            continue
        for m in members:
            if isinstance(m, ast.Constant) and isinstance(m.value, str):
                yield m


@pytest.mark.parametrize("path", STAGES, ids=lambda p: p.name)
def test_no_lexicon_word_is_written_in_a_stage(path):
    words = _lexicon_words() - DATA_CODES
    found = sorted({f"{path.name}:{c.lineno} {c.value!r}" for c in _word_uses(ast.parse(path.read_text()))
                    if any(ch.isalpha() for ch in c.value) and fold(c.value) in words})
    assert not found, "words belong in data/<lang>/lexicon.yaml: " + ", ".join(found)


def _language_code(node: ast.AST) -> bool:
    """`lang.code`, `self.lang.code`, `doc.lang`: the code of the text's language."""
    if isinstance(node, ast.Attribute) and node.attr == "code":
        base = node.value
        return (isinstance(base, ast.Name) and base.id == "lang") or \
            (isinstance(base, ast.Attribute) and base.attr == "lang")
    return isinstance(node, ast.Attribute) and node.attr == "lang"


@pytest.mark.parametrize("path", EXTRACT, ids=lambda p: p.name)
def test_no_stage_branches_on_the_language(path):
    tree = ast.parse(path.read_text())
    found = [f"{path.name}:{n.lineno}" for n in ast.walk(tree) if _branch(n)]
    found += [f"{path.name}:{n.lineno}" for n in ast.walk(tree) if isinstance(n, ast.Dict)
              and any(isinstance(k, ast.Constant) and k.value in LANGS for k in n.keys)]
    assert not found, "a language's choices are lexicon flags (lang.grammar), not branches: " + ", ".join(found)


def _branch(node: ast.AST) -> bool:
    """A comparison of the language's code with a written code ('lang.code == "en"', 'doc.lang in ("fr",)');
    a cache keyed by the code, or 'doc.lang not in langs', is no branch."""
    if not isinstance(node, ast.Compare):
        return False
    operands = [node.left, *node.comparators]
    written = any(isinstance(x, ast.Constant) or (isinstance(x, (ast.Tuple, ast.List, ast.Set)) and
                  any(isinstance(e, ast.Constant) for e in x.elts)) for x in operands)
    return written and any(_language_code(x) for x in operands)


def test_the_checks_catch_what_they_are_for():
    """The two checks above, on code written the old way."""
    old = ast.parse('_COORD = {"et", "and"}\nif tok.fold == "of" or lang.code == "en" or self.lang.code != "fr":'
                    '\n    pass\n')
    assert {c.value for c in _word_uses(old)} & _lexicon_words() == {"et", "and", "of", "en"}
    assert sum(_branch(n) for n in ast.walk(old)) == 2
    assert not any(_branch(n) for n in ast.walk(ast.parse("if doc.lang not in langs:\n    pass\n")))
