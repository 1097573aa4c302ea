"""shared/organisations.tsv: armed groups carry a valid code and sector, QIDs are well formed and unique, no
spelling names two organisations, and acronyms that other bodies own in the news are no group's alias."""
from __future__ import annotations

import re
from collections import defaultdict

from depeche.lang import shared_tables
from depeche.lang.tables import split_cell
from depeche.text.normalize import fold

# Sectors an armed group or movement may have: rebels, pro-government militias, cartels and gangs, an exiled
# opposition, a party with an armed past, a state force listed with the groups (Africa Corps, Akhmat).
GROUP_SECTORS = {"REB", "PRM", "CRM", "OPP", "PTY", "MIL", "GOV"}

# Acronyms that belong to someone else in the news: never the alias of an armed group.
NOT_GROUP_ALIASES = {
    "AA",    # Anadolu Agency, not the Arakan Army
    "FDS",   # Forces de défense et de sécurité of the Sahel states, not the Syrian Democratic Forces
    "SNA",   # Somali National Army as much as Syrian National Army
    "NPA",   # Nouveau Parti anticapitaliste in French politics, not the New People's Army
    "IRA",   # the US Inflation Reduction Act as often as the Irish republicans
    "CPC",   # the Communist Party of China, not the Central African Coalition of Patriots for Change
    "CMA",   # the shipping line CMA CGM in Red Sea news, not the Azawad coalition
    "UFR",   # a French university faculty, not the Chadian rebels
    "MLS",   # Major League Soccer
    "IS",    # the French corporate tax (l'IS), and any capitalised "is" in a headline
}


def _rows():
    return shared_tables().organisations


def _spellings(row) -> set[str]:
    return {row["name"], *split_cell(row["variants"])}


def test_armed_groups_have_a_sector():
    for row in _rows():
        if row["kind"] == "armed_group":
            assert row["sector"] in GROUP_SECTORS, row["name"]


def test_qids_are_well_formed_and_unique():
    seen: dict[str, str] = {}
    for row in _rows():
        qid = row.get("qid")
        if not qid:
            continue
        assert re.fullmatch(r"Q[1-9]\d*", qid), row["name"]
        assert qid not in seen, (qid, seen.get(qid), row["name"])
        seen[qid] = row["name"]


def test_no_spelling_names_two_organisations():
    owners: defaultdict[str, set[tuple[str, str]]] = defaultdict(set)
    for row in _rows():
        for spelling in _spellings(row):
            owners[fold(spelling)].add((row["code"], row["name"]))
    shared = {s: o for s, o in owners.items() if len(o) > 1}
    assert not shared, shared


def test_ambiguous_acronyms_are_no_group_alias():
    for row in _rows():
        if row["kind"] == "armed_group":
            assert not _spellings(row) & NOT_GROUP_ALIASES, row["name"]
