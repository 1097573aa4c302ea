from depeche.link.dispute import conflicts, syndication_groups

TEXT = "Le Kazakhstan a démenti lundi que des drones aient été lancés depuis son territoire vers la Russie."


def test_copies_of_one_wire_story_count_once():
    from depeche.link.dispute import sketch

    groups = syndication_groups({k: sketch(v) for k, v in {"a": TEXT, "b": TEXT + " (avec agences)",
                                                            "c": "Tout autre chose ici, sans rapport."}.items()})
    assert sorted(map(sorted, groups)) == [["a", "b"], ["c"]]


def _claim(i, occurred, dead=None, perp=()):
    return {"event_id": f"e{i}", "occurred": occurred, "perpetrator": list(perp), "target": [], "origin": None,
            "place_country": "RUS", "date": "2026-03-12", "counts": {"dead": dead} if dead else {}}


def test_conflicts_between_an_assertion_and_a_denial_and_counts():
    found = conflicts([_claim(1, "fact", 6, ["UKR"]), _claim(2, "denied", 4, ["UKR"])])
    assert {(c["slot"], c["kind"]) for c in found} == {("occurred", "asserted_vs_denied"), ("counts.dead", "different")}


def test_no_conflict_when_reports_agree():
    assert conflicts([_claim(1, "fact", 5, ["UKR"]), _claim(2, "possible", 5, ["UKR"])]) == []


def test_an_interception_names_the_attacker_as_perpetrator():
    from depeche.link.dispute import claim

    rec = {"event_id": "d:e1", "doc_id": "d", "type": "ASSAULT", "factuality": "fact", "interception": True,
           "actor": [{"code": "RUS"}], "recipient": [{"code": "UKR"}], "evidence": {"text": ""}}
    c = claim(rec, {})
    assert c["perpetrator"] == ["UKR"] and c["target"] == ["RUS"]


def test_sketch_values_are_stable():
    """Stored sketches are compared with new ones: the hashes must not change between versions."""
    from depeche.link.dispute import sketch

    text = ("Des drones ukrainiens ont attaqué lundi la région russe de Belgorod, selon les autorités régionales, "
            "qui signalent des dégâts.")
    assert sketch(text) == [32887780, 621883037, 897615995, 1578088314, 2197578835, 2920914559, 3380962855]


def test_copies_grouped_in_two_steps_are_grouped_as_in_one():
    from depeche.link.dispute import sketch

    other = "Des manifestants ont défilé lundi à Almaty contre la hausse des prix de l'énergie et des loyers."
    texts = {"a": TEXT, "x": other, "b": TEXT + " (avec agences)", "y": other + " (AFP)", "c": TEXT + " Fin."}
    sketches = {k: sketch(v) for k, v in texts.items()}
    once = syndication_groups(sketches)
    first = syndication_groups({k: sketches[k] for k in "ax"})
    later = syndication_groups({k: sketches[k] for k in "axbyc"}, first)
    assert later == once and sorted(map(sorted, once)) == [["a", "b", "c"], ["x", "y"]]
    assert first == [["a"], ["x"]]  # the groups given are not changed


def test_a_view_lists_copies_sorted_whatever_order_they_came_in():
    from depeche.link.dispute import view

    claims = [{**_claim(i, "fact"), "doc_id": d} for i, d in enumerate("cab")]
    out = view(claims, [["c", "a"], ["b"]])
    assert out["copies"] == [["a", "c"]] and out["independent_sources"] == 2 and out["documents"] == 3
    assert [c["event_id"] for c in out["reports"]] == ["e0", "e1", "e2"]


def test_a_folded_summary_counts_the_conflicts_and_gives_the_summary_the_claims_give():
    """`fold` keeps of the claims what counting their conflicts needs: folded in batches, in any order, it
    counts as many as `conflicts` lists of them all, with their first and last dates and most given country."""
    import random
    from collections import Counter

    from depeche.link.dispute import conflict_count, conflicts, fold, summary

    rng = random.Random(5)
    for _ in range(300):
        claims = [{"event_id": f"d{rng.randint(0, 9)}:e{i}", "occurred": rng.choice(["fact", "possible", "denied",
                                                                                      "alleged"]),
                   "perpetrator": rng.choice([[], ["RUS"], ["UKR"]]), "target": rng.choice([[], ["UKR"]]),
                   "origin": rng.choice([None, "BLR"]), "place_country": rng.choice([None, "UKR", "RUS", "KAZ"]),
                   "date": rng.choice([None, "2026-03-01", "2026-03-02"]),
                   "counts": rng.choice([{}, {"killed": rng.randint(1, 12)}, {"injured": 3}])}
                  for i in range(rng.randint(0, 7))]
        cut = rng.randint(0, len(claims))
        state = fold(claims[cut:], fold(claims[:cut]))
        assert state == fold(rng.sample(claims, len(claims)))
        assert conflict_count(state) == len(conflicts(claims))
        in_order = sorted(claims, key=lambda c: c["event_id"])
        dates = sorted(c["date"] for c in claims if c["date"])
        countries = Counter(c["place_country"] for c in in_order if c["place_country"]).most_common(1)
        assert summary(state) == (dates[0] if dates else None, dates[-1] if dates else None,
                                  countries[0][0] if countries else None)


def test_copies_found_through_the_hash_index_are_those_a_walk_through_every_group_finds():
    import random

    from depeche.link.dispute import COPY_SIMILARITY, SKETCH, similar, syndication_groups

    def walk(sketches, groups=None):  # every group's first document compared, in order
        groups = [list(g) for g in groups or ()]
        known = {d for g in groups for d in g}
        for d, values in sketches.items():
            if d in known:
                continue
            for g in groups:
                if similar(set(values), set(sketches[g[0]])) >= COPY_SIMILARITY:
                    g.append(d)
                    break
            else:
                groups.append([d])
        return groups

    rng = random.Random(11)
    stories = [sorted(rng.sample(range(10**6), SKETCH + 20)) for _ in range(4)]
    for _ in range(100):  # documents drawn from a few stories, more or less rewritten
        sketches = {}
        for k in range(rng.randint(1, 12)):
            base = rng.choice(stories)
            kept = [h for h in base if rng.random() > rng.choice([0.05, 0.3, 0.6])]
            sketches[f"d{k}"] = sorted(set(kept + rng.sample(range(10**6), rng.randint(0, 30))))[:SKETCH]
        cut = rng.randint(0, len(sketches))
        first = dict(list(sketches.items())[:cut])
        earlier = walk(first)
        later = {**{g[0]: sketches[g[0]] for g in earlier}, **dict(list(sketches.items())[cut:])}
        assert syndication_groups(sketches) == walk(sketches)
        assert syndication_groups(later, earlier) == walk(later, earlier) == walk(sketches)
