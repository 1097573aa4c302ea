"""Quantities stage: counts of weapons, dead, injured and arrested ('91 drones', 'at least 12 killed')."""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from typing import Any

from ..lang import load_language
from ..lang.phrases import PhraseTable
from ..lang.tables import read_yaml
from ..model import Document, Mention
from ..text.normalize import fold
from ..text.segment import numeric, positions_of

_DIGITS = re.compile(r"^\d{1,3}(?:[ ,.]?\d{3})*$")
_KINDS = ("dead", "injured", "arrested", "people")


@lru_cache(maxsize=None)
def _tables(code: str) -> dict[str, Any]:
    lang = load_language(code)
    raw = read_yaml(lang.dir / "quantities.yaml")
    vague = PhraseTable()
    for phrase, value in (raw.get("vague") or {}).items():
        vague.add(phrase, {"value": int(value), "approx": True})
    kinds = {fold(w): k for k in _KINDS for w in raw.get(k, [])}
    numbers = {fold(k): int(v) for k, v in raw["numbers"].items()}
    return {"numbers": numbers, "vague": vague, "kinds": kinds, "starts": vague.firsts() | set(numbers)}


def quantities_stage(doc: Document) -> Document:
    tables = _tables(doc.lang)
    equipment = {m.start: m for m in doc.mentions.get("equipment", [])}
    out: list[Mention] = []
    starts, tokens = tables["starts"], doc.tokens
    candidates = sorted({*positions_of(tokens, starts), *numeric(tokens)})  # where a number can start
    for s in doc.sentences:
        i = s.start
        for k in candidates[bisect_left(candidates, s.start):bisect_left(candidates, s.end)]:
            if k < i:
                continue  # inside the previous number
            value, j, approx = _number_at(doc, tables, k, s.end)
            if value is None:
                continue
            made = _counted(doc, tables, equipment, k, j, s.end, value, approx)
            if made is not None:
                out.append(made)
            i = max(j, k + 1)
    doc.mentions["quantity"] = out
    return doc


def _number_at(doc, tables, i, end) -> tuple[int | None, int, bool]:
    tok = doc.tokens[i]
    n, payloads = tables["vague"].match_at(doc.tokens, i, end)
    if n:
        return payloads[0]["value"], i + n, True
    if _DIGITS.match(tok.text):
        return int(re.sub(r"\D", "", tok.text)), i + 1, False
    if tok.fold in tables["numbers"] and tok.fold not in ("un", "une", "a"):
        return tables["numbers"][tok.fold], i + 1, False
    return None, i, False


def _counted(doc, tables, equipment, i, j, end, value, approx) -> Mention | None:
    """What the number counts: equipment right after it, or a casualty word within three words."""
    k = j + (j < end and doc.tokens[j].fold in ("de", "d'", "of"))
    if k in equipment:
        m = equipment[k]
        return Mention("quantity", i, m.end, doc.span_text(i, m.end),
                       {"value": value, "approx": approx, "of": "weapons", "category": m.get("category")})
    kind = None
    for t in range(j, min(end, j + 6)):
        kind = tables["kinds"].get(doc.tokens[t].fold)
        if kind and kind != "people":
            return Mention("quantity", i, t + 1, doc.span_text(i, t + 1),
                           {"value": value, "approx": approx, "of": kind})
        if doc.tokens[t].text in {",", ";", "."}:
            break
    return None
