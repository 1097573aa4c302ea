"""docs/output.md and the event records agree: every key a record carries is documented, every documented
field is one the record code writes, and documented values match the code's own lists.

The doc's format, as parsed here: a heading's backticked names (`actor[]`, `location`) are the objects its
section describes, none for the top level; in a table whose header starts `field | type`, the first column
holds backticked field names, relative to those objects unless they contain a dot; in a table whose header
starts `field | value`, the second column holds backticked allowed values of the field in the first
(for `type`, the third column holds the type's modes)."""
from __future__ import annotations

import ast
import csv
import re
from collections import defaultdict
from pathlib import Path

import pytest

from depeche.io.readers import ReadOptions
from depeche.model import Entity
from depeche.service import extract_paths, extract_text

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "output.md"
EXAMPLES = ROOT / "examples"

# Short articles that exercise the optional fields: a date range, a launch origin, casualties, an
# interception, a denial, a hedge, approximate counts, a town's region taken from the article, a place
# taken from the article or the previous sentence, a small place with its country's coordinates, the future.
PROBES = [
    ("fr", "Des frappes de drones ont visé Belgorod les 19 et 20 juin, faisant 3 morts et 12 blessés, "
           "selon le gouverneur."),
    ("fr", "Selon Moscou, l'Ukraine a lancé 25 drones depuis le Kazakhstan contre la région d'Orenbourg."),
    ("fr", "La défense antiaérienne russe a intercepté au moins 30 drones ukrainiens au-dessus de la région "
           "de Koursk."),
    ("fr", "Le Kazakhstan a démenti toute implication dans l'attaque de drones contre Orenbourg."),
    ("fr", "L'armée israélienne aurait bombardé un camp de réfugiés à Gaza."),
    ("fr", "Le gouverneur de la région de Koursk a fait état de dégâts. La région de Koursk est régulièrement visée."
           "\n\nDes drones ukrainiens ont frappé le village de Tiotkino dans la nuit du 29 au 30 décembre, faisant "
           "deux blessés.\n\nPlus tard, une attaque a été menée contre un dépôt pétrolier, selon les autorités."),
    ("fr", "La police a interpellé 40 manifestants à Paris samedi."),
    ("en", "Russia launched 40 Shahed drones from its territory at Kharkiv, the Ukrainian air force said."),
    ("en", "Ukrainian air defences shot down 30 Russian drones over Kyiv overnight."),
    ("en", "Protesters gathered in Tbilisi on Saturday. Police in Tbilisi detained dozens.\n\n"
           "On Sunday, thousands of protesters marched again."),
    ("en", "Iran denied that it had supplied missiles to Russia."),
    ("en", "The French president will visit Kyiv next week."),
]


# --- the doc ---------------------------------------------------------------------------------------------

def _ticks(cell: str) -> list[str]:
    return re.findall(r"`([^`]+)`", cell)


def _path(prefix: str, name: str) -> str:
    name = name.replace("[]", "")
    return name if "." in name or not prefix else f"{prefix}.{name}"


def parse_doc(text: str) -> tuple[set[str], dict[str, set[str]], dict[str, set[str]]]:
    """(documented field paths, allowed values by field path, modes by type) of docs/output.md."""
    fields: set[str] = set()
    values: dict[str, set[str]] = defaultdict(set)
    modes: dict[str, set[str]] = {}
    prefixes, header, fenced = [""], None, False
    for line in text.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        if fenced:
            continue
        if line.startswith("#"):
            prefixes = [n.replace("[]", "") for n in _ticks(line)] or [""]
            header = None
            continue
        if not line.startswith("|"):
            header = None
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if header is None:
            header = [c.lower() for c in cells]
            continue
        if not line.strip("|-: "):
            continue  # the separator row
        paths = {_path(p, n) for p in prefixes for n in _ticks(cells[0])}
        assert paths, f"a row of docs/output.md names no backticked field: {line!r}"
        if header[:2] == ["field", "type"]:
            fields |= paths
        elif header[:2] == ["field", "value"]:
            allowed = _ticks(cells[1])
            assert allowed, f"a value row of docs/output.md gives no backticked value: {line!r}"
            for p in paths:
                values[p].update(allowed)
            if paths == {"type"}:
                modes.update({t: set(_ticks(cells[2])) for t in allowed})
    return fields, dict(values), modes


@pytest.fixture(scope="module")
def doc():
    return parse_doc(DOC.read_text(encoding="utf-8"))


# --- the records -----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def records():
    """Records of the bundled examples and the probes (the gazetteer cache is the test session's, conftest.py)."""
    out = []
    for item in extract_paths([str(EXAMPLES)], ReadOptions(lang="fr", published="2026-03-17")):
        assert not isinstance(item, Exception), item
        out.extend(item[1])
    for n, (lang, text) in enumerate(PROBES):
        out.extend(extract_text(text, lang=lang, published="2026-06-22", id=f"probe{n}", source="test"))
    return out


def _walk(value, path: str, out: dict[str, list]) -> None:
    """Every key path of a record (list items share their list's path) with the values seen there."""
    if isinstance(value, dict):
        for k, v in value.items():
            p = f"{path}.{k}" if path else k
            out[p].append(v)
            _walk(v, p, out)
    elif isinstance(value, list):
        for v in value:
            _walk(v, path, out)


@pytest.fixture(scope="module")
def seen(records):
    out: dict[str, list] = defaultdict(list)
    for rec in records:
        _walk(rec, "", out)
    return out


# --- the code --------------------------------------------------------------------------------------------

def _strings(*modules) -> set[str]:
    """String constants of the modules that build records' nested objects (keys and values they write)."""
    out: set[str] = set()
    for mod in modules:
        tree = ast.parse(Path(mod.__file__).read_text(encoding="utf-8"))
        out |= {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)}
    return out


def _code_strings() -> set[str]:
    from depeche.extract import attribution, dates, enrich, quantities
    from depeche.resolve import dates as resolve_dates

    return _strings(enrich, quantities, attribution, dates, resolve_dates)


def _equipment_categories() -> set[str]:
    from depeche.lang.tables import data_dir

    out = set()
    for path in data_dir().glob("*/equipment.tsv"):
        with path.open(encoding="utf-8") as f:
            out |= {row["category"] for row in csv.DictReader(f, delimiter="\t") if row.get("category")}
    return out


# --- the tests -------------------------------------------------------------------------------------------

def test_every_record_key_is_documented(doc, seen):
    fields, _, _ = doc
    missing = sorted(set(seen) - fields)
    assert not missing, f"record keys missing from docs/output.md: {missing}"


def test_every_documented_field_is_written(doc, records):
    fields, _, _ = doc
    rec = records[0]
    by_object: dict[str, set[str]] = defaultdict(set)
    for f in fields:
        head, _, rest = f.partition(".")
        by_object[head if rest else ""].add(rest or f)
    # the writer emits every top-level key of every record, and the same keys for entities and spans
    assert by_object[""] == set(rec), "top-level fields of docs/output.md differ from the writer's keys"
    entity = set(Entity("RUS", "GOV", "Moscou", "Russia", "Q159").as_dict())
    for role in ("actor", "recipient", "claimant"):
        assert by_object[role] == entity, f"`{role}` fields of docs/output.md differ from Entity.as_dict()"
    for span in ("evidence", "trigger"):
        assert by_object[span] == set(rec[span]), f"`{span}` fields of docs/output.md differ from the writer's"
    # places, counts and weapons are built from dict literals in the enrich and quantities stages
    strings = _code_strings()
    for obj in ("location", "origin", "size", "equipment"):
        assert by_object[obj], f"docs/output.md documents no field of `{obj}`"
        unknown = sorted(by_object[obj] - strings)
        assert not unknown, f"docs/output.md documents `{obj}` fields the code never writes: {unknown}"
    stray = sorted(set(by_object) - {"", "actor", "recipient", "claimant", "evidence", "trigger", "location",
                                     "origin", "size", "equipment"})
    assert not stray, f"docs/output.md documents fields of objects the record does not have: {stray}"
    assert not [f for f in fields if f.count(".") > 1], "the record has no objects nested two deep"


def test_documented_values_match_the_code(doc):
    from depeche.extract import attribution, enrich
    from depeche.lang import shared_tables

    fields, values, modes = doc
    assert set(values) <= fields, f"values documented for undocumented fields: {sorted(set(values) - fields)}"
    assert values["factuality"] == set(attribution._RANK)
    assert values["date_source"] == set(enrich.DATE_RANK) - {None}
    assert values["location.precision"] == values["origin.precision"] == set(enrich._SPECIFIC)
    assert values["equipment.category"] == _equipment_categories()
    types = shared_tables().plover["types"]
    assert values["type"] == set(types), "the types of docs/output.md differ from data/shared/plover.yaml"
    for t, spec in types.items():
        assert modes[t] == set(spec.get("modes") or []), f"the modes of {t} in docs/output.md differ from plover.yaml"
    strings = _code_strings()
    for path, allowed in values.items():
        if path not in ("type", "equipment.category"):
            unknown = sorted(allowed - strings)
            assert not unknown, f"documented values of `{path}` the code never writes: {unknown}"


def test_record_values_are_documented(doc, seen, records):
    _, values, modes = doc
    for path, allowed in values.items():
        found = {v for v in seen.get(path, []) if v is not None}
        assert found <= allowed, f"`{path}` values not in docs/output.md: {sorted(found - allowed)}"
    for rec in records:
        if rec["mode"] is not None:
            assert rec["mode"] in modes[rec["type"]], f"{rec['event_id']}: mode {rec['mode']} of {rec['type']}"


def test_probes_exercise_optional_fields(seen):
    """The probes still reach the optional fields (else the first test proves little)."""
    reached = {p for p, vs in seen.items() if any(v not in (None, False, [], {}) for v in vs)}
    wanted = {"date_end", "origin.text", "size.dead", "size.injured", "size.weapons", "size.approximate",
              "interception", "location.region", "location.region_source", "location.source",
              "location.coordinates", "names", "equipment.maker", "actor.qid"}
    assert wanted <= reached, f"no probe produces {sorted(wanted - reached)}"
    found = {path: {v for v in seen[path] if v is not None} for path in ("factuality", "date_source")}
    assert found["factuality"] >= {"fact", "possible", "denied", "future"}
    assert found["date_source"] >= {"text", "sentence", "context", "published"}


# --- the store and the Parquet export keep the contract -------------------------------------------------

def test_the_store_gives_back_the_records_it_was_given(records):
    """Stored in the lean layout (texts as offsets, entities and places once) and read back: the same records,
    field for field, in the contract's order."""
    from depeche.model import Document
    from depeche.store import Database

    by_doc: dict[str, list[dict]] = defaultdict(list)
    for rec in records:
        by_doc[rec["doc_id"]].append(rec)
    texts = {f"probe{n}": text for n, (_, text) in enumerate(PROBES)}
    with Database(":memory:") as db:
        for doc_id, recs in by_doc.items():
            if doc_id not in texts:  # (the examples' texts are read by the extraction, not kept here)
                continue
            first = recs[0]
            db.add_document(Document(id=doc_id, text=texts[doc_id], lang=first["lang"], published=first["published"],
                                     source=first["source"]), recs)
        stored = {r["event_id"]: r for r in db.events()}
    probes = [r for r in records if r["doc_id"] in texts]
    assert probes and [stored[r["event_id"]] for r in probes] == probes
    assert all(list(stored[r["event_id"]]) == list(r) for r in probes)


def _schema_paths(kind, path: str, out: set[str]) -> set[str]:
    import pyarrow as pa

    if pa.types.is_list(kind):
        return _schema_paths(kind.value_type, path, out)
    if pa.types.is_struct(kind):
        for f in kind:
            out.add(f"{path}.{f.name}" if path else f.name)
            _schema_paths(f.type, f"{path}.{f.name}" if path else f.name, out)
    return out


def test_the_parquet_columns_are_the_documented_fields(doc):
    pa = pytest.importorskip("pyarrow")
    from depeche.io.parquet import EVENTS

    fields, _, _ = doc
    columns = _schema_paths(pa.struct(list(EVENTS)), "", set()) - {"incident"}  # (the store's own addition)
    assert columns == fields, (sorted(fields - columns), sorted(columns - fields))
