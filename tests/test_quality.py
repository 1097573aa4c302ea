"""Extraction quality on the project's own annotated example articles, with pinned floors."""
import json
from pathlib import Path

from depeche.quality import score
from depeche.service import extract_paths

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
FLOORS = {"f1": 0.88, "precision": 0.85, "recall": 0.90, "factuality": 0.93, "claimant": 0.96, "date": 0.85}


def test_examples_meet_the_floors():
    files = sorted(EXAMPLES.glob("*.json"))
    gold = {}
    for f in files:
        doc = json.loads(f.read_text(encoding="utf-8"))
        gold[doc["id"]] = doc["events"]
    pred = {}
    for item in extract_paths([str(f) for f in files]):
        doc, records = item
        pred[doc.id] = records
    result = score(gold, pred)
    assert len(gold) >= 4 and result["gold"] >= 25
    failing = {k: round(result[k], 3) for k, floor in FLOORS.items() if result[k] < floor}
    assert not failing, (failing, result)
