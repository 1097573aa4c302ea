"""Score extracted events against hand-annotated documents (type + actor code matching, as the
project's benchmark does), for the quality test and `depeche evaluate`."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any


def _codes(entities: Iterable[dict[str, Any]] | None) -> set[str]:
    return {str(e["code"]).upper() for e in entities or [] if isinstance(e, dict) and e.get("code")}


def split_by_actor(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """'A and B condemned' counts as one event per actor code."""
    out = []
    for ev in events:
        codes = sorted(_codes(ev.get("actor")))
        if len(codes) < 2:
            out.append(ev)
        else:
            out.extend({**ev, "actor": [{"code": c}]} for c in codes)
    return out


def _agree(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    g, p = _codes(gold.get("actor")), _codes(pred.get("actor"))
    return bool(g & p) if g else not p


def match(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """Greedy one-to-one matching on type and actor; recipient agreement breaks ties."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if g["type"] == p.get("type") and _agree(g, p):
                pairs.append((1 + 0.5 * (_codes(g.get("recipient")) == _codes(p.get("recipient"))), gi, pi))
    used_g, used_p, out = set(), set(), []
    for _, gi, pi in sorted(pairs, key=lambda t: (-t[0], t[1], t[2])):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((gi, pi))
    return out


def score(gold_docs: dict[str, list[dict]], pred_docs: dict[str, list[dict]]) -> dict[str, Any]:
    """Precision, recall and F1 of events; accuracy of factuality, claimant and date on matches."""
    tp = n_gold = n_pred = 0
    attrs: Counter[str] = Counter()
    for doc_id, gold_events in gold_docs.items():
        gold, pred = split_by_actor(gold_events), split_by_actor(pred_docs.get(doc_id, []))
        pairs = match(gold, pred)
        tp, n_gold, n_pred = tp + len(pairs), n_gold + len(gold), n_pred + len(pred)
        for gi, pi in pairs:
            g, p = gold[gi], pred[pi]
            attrs["factuality"] += g.get("factuality", "fact") == p.get("factuality", "fact")
            attrs["claimant"] += _codes([g.get("claimant")] if g.get("claimant") else []) == \
                _codes([p.get("claimant")] if p.get("claimant") else [])
            if g.get("date"):
                attrs["date_n"] += 1
                attrs["date"] += str(p.get("date") or "").startswith(str(g["date"]))
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "gold": n_gold, "pred": n_pred,
            "factuality": attrs["factuality"] / tp if tp else 0.0, "claimant": attrs["claimant"] / tp if tp else 0.0,
            "date": attrs["date"] / attrs["date_n"] if attrs["date_n"] else 0.0}
