from conftest import run


def quantities(text, lang="fr"):
    return [(m.get("value"), m.get("of"), m.get("approx")) for m in run(text, lang=lang).mentions["quantity"]]


def test_weapon_counts():
    assert quantities("Kyiv a lancé 91 drones contre la région.") == [(91, "weapons", False)]
    assert quantities("Des dizaines de drones ont survolé la zone.") == [(20, "weapons", True)]


def test_casualties():
    assert quantities("At least 12 soldiers were killed and 30 people injured.", lang="en") == \
        [(12, "dead", False), (30, "injured", False)]
    assert quantities("Une vingtaine de personnes ont été arrêtées.") == [(20, "arrested", True)]
