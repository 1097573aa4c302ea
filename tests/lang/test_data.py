"""Every knowledge table loads and is consistent: codes, modes, columns, duplicates."""
from __future__ import annotations

import re

import pytest

from depeche.lang import available_languages, load_language, shared_tables
from depeche.lang.language import EVENT_TYPES
from depeche.lang.tables import data_dir, read_tsv, read_yaml, split_cell

LANGS = available_languages()
EXTRA_CODES = {"UNO", "EUR", "NATO", "CSTO", "AU", "ECOWAS", "AES", "IGO", "NGO", "IMG", "ISM", "MNC"}
SECTORS = set("GOV MIL COP JUD LEG REB PTY CVL MED BUS SPY UAF PRM OPP REF REL EDU LAB ELI AGR CRM SOC PRE UNK".split())
PLOVER = read_yaml(data_dir() / "shared" / "plover.yaml")


def valid_codes() -> set[str]:
    return set(shared_tables().countries) | EXTRA_CODES


def test_languages_present():
    assert {"fr", "en"} <= set(LANGS)


def test_countries_cover_un_members_with_coordinates():
    rows = shared_tables().countries
    assert sum(r["status"] == "un" for r in rows.values()) == 193
    for code, row in rows.items():
        assert re.fullmatch(r"[A-Z]{3}", code)
        assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180


@pytest.mark.parametrize("lang", LANGS)
def test_every_country_has_a_name_and_demonym(lang):
    rows = read_tsv(data_dir() / lang / "countries.tsv", ("code", "kind", "text"))
    kinds = {(r["code"], r["kind"]) for r in rows}
    for code in shared_tables().countries:
        assert (code, "name") in kinds, code
        assert (code, "adj") in kinds, code
    assert {r["code"] for r in rows} <= valid_codes()
    assert {r["kind"] for r in rows} <= {"name", "adj", "people", "capital", "seat"}
    assert all(r["sector"] in SECTORS for r in rows if r["sector"])


@pytest.mark.parametrize("path", sorted(p.relative_to(data_dir()) for p in data_dir().rglob("*.tsv")))
def test_tsv_tables_have_no_duplicate_rows(path):
    lines = [ln for ln in (data_dir() / path).read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    assert len(lines) == len(set(lines)), [ln for ln in lines if lines.count(ln) > 1][:3]


def test_leaders_codes_and_qids():
    for row in shared_tables().leaders:
        assert row["country"] in valid_codes(), row["name"]
        assert not row["qid"] or re.fullmatch(r"Q[1-9]\d*", row["qid"]), row["name"]
        assert row["sector"] in SECTORS
        assert split_cell(row["variants"]), row["name"]


def test_organisations_and_equipment():
    for row in shared_tables().organisations:
        assert row["code"] in valid_codes(), row["name"]
        assert not row["sector"] or row["sector"] in SECTORS
    for row in shared_tables().equipment:
        assert not row["maker"] or row["maker"] in valid_codes(), row["name"]
        assert not row["mode"] or row["mode"] in PLOVER["types"]["ASSAULT"]["modes"], row["name"]


@pytest.mark.parametrize("lang", LANGS)
def test_triggers_compile_with_valid_types_and_modes(lang):
    raw = read_yaml(data_dir() / lang / "triggers.yaml")
    assert set(raw) - {"lang"} == set(EVENT_TYPES)
    for etype, entries in raw.items():
        if etype == "lang":
            continue
        modes = set(PLOVER["types"][etype]["modes"])
        for entry in entries:
            assert ("v" in entry) != ("n" in entry), entry
            assert entry.get("mode") is None or entry["mode"] in modes, (etype, entry)
            assert set(entry) <= {"v", "n", "mode", "rcp", "act", "gap", "with", "not", "frame", "gov"}, entry
            assert entry.get("frame") in (None, "host"), entry
            if "gov" in entry:
                gtype, _, gmode = entry["gov"].partition("/")
                assert gtype in EVENT_TYPES and (not gmode or gmode in PLOVER["types"][gtype]["modes"]), entry
    assert len(load_language(lang).triggers) > 500


@pytest.mark.parametrize("lang", LANGS)
def test_roles_and_language_files(lang):
    for row in read_tsv(data_dir() / lang / "roles.tsv", ("text", "sector", "kind")):
        assert not row["sector"] or row["sector"] in SECTORS, row
        assert row["kind"] in {"person", "body", "group"}, row
    language = load_language(lang)
    for key in ("stopwords", "determiners", "prepositions", "passive_aux", "locative_preps"):
        assert language.words(key), key
    assert language.dates["months"] and language.dates["weekdays"]
    assert language.cues["report_verbs"]


def test_future_and_negated_mappings_use_known_types():
    for table in ("future_as", "negated_as"):
        for src, (dst, mode) in PLOVER[table].items():
            assert src in EVENT_TYPES and dst in EVENT_TYPES
            assert mode is None or mode in PLOVER["types"][dst]["modes"]


@pytest.mark.parametrize("path", sorted(p.relative_to(data_dir()) for p in data_dir().rglob("*.yaml")))
def test_yaml_words_are_strings(path):
    """Bare on/off/yes/no are booleans in YAML: every word must be quoted."""
    def walk(x):
        assert not isinstance(x, bool), f"{path}: a bare on/off/yes/no needs quotes"
        if isinstance(x, dict):
            for k, v in x.items():
                assert not isinstance(k, bool), path
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)
    walk(read_yaml(data_dir() / path))
