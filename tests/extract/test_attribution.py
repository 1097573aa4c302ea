from conftest import by_type, codes, events_of


def test_according_to_gives_the_claimant():
    (ev,) = by_type(events_of("Selon le Kremlin, l'Ukraine a attaqué la région de Koursk."), "ASSAULT")
    assert ev.claimant.code == "RUS" and codes(ev.actor) == {"UKR"}


def test_vague_source_gives_no_claimant():
    (ev,) = by_type(events_of("Selon des médias, l'Ukraine a attaqué la région de Koursk."), "ASSAULT")
    assert ev.claimant is None


def test_reported_attack_is_also_an_accusation():
    evs = events_of("Sergueï Lavrov a déclaré que Kyiv avait attaqué la résidence de Vladimir Poutine.")
    (attack,) = by_type(evs, "ASSAULT")
    assert attack.claimant.code == "RUS"
    (acc,) = by_type(evs, "ACCUSE")
    assert acc.mode == "allege" and codes(acc.actor) == {"RUS"} and codes(acc.recipient) == {"UKR"}


def test_speech_act_of_the_speaker_has_no_claimant():
    (ev,) = by_type(events_of("Le Kazakhstan a fermement rejeté les accusations."), "REJECT")
    assert ev.claimant is None and ev.factuality == "fact"


def test_hedges_make_events_possible():
    (ev,) = by_type(events_of("Une attaque présumée de drones a visé la ville."), "ASSAULT")
    assert ev.factuality == "possible"
    (ev,) = by_type(events_of("Russian forces allegedly shelled the town.", lang="en"), "ASSAULT")
    assert ev.factuality == "possible"


def test_denial_yields_reject_and_a_denied_event():
    evs = events_of("Le Kazakhstan dément que des drones aient été lancés depuis son territoire vers la Russie.")
    assert by_type(evs, "REJECT")
    (ev,) = by_type(evs, "ASSAULT")
    assert ev.factuality == "denied" and ev.claimant.code == "KAZ"


def test_denial_phrase_inside_a_quote():
    evs = events_of('"Des drones auraient été lancés depuis le Kazakhstan vers la Russie : c\'est faux", '
                    "a déclaré le porte-parole kazakh.")
    (ev,) = by_type(evs, "ASSAULT")
    assert ev.factuality in ("denied", "possible")


def test_future_cooperation_is_agree_and_future_violence_is_threaten():
    assert by_type(events_of("France will provide aid to Lebanon.", lang="en"), "AGREE")
    evs = events_of("Moscou va frapper les infrastructures ukrainiennes.")
    assert by_type(evs, "THREATEN") and not by_type(evs, "ASSAULT")


def test_refusal_of_cooperation_is_reject():
    assert by_type(events_of("Syria will not accept more refugees.", lang="en"), "REJECT")


def test_accusation_makes_its_content_alleged():
    evs = events_of("Le Hamas accuse Israël de violer le cessez-le-feu.")
    (ev,) = [e for e in evs if e.type != "ACCUSE"]
    assert ev.factuality == "possible" and ev.claimant.code == "PSE"


def test_denial_of_own_act_keeps_the_denier_as_claimant():
    evs = events_of("Le M23 nie avoir tiré sur des civils à Goma.")
    (ev,) = by_type(evs, "ASSAULT")
    assert ev.factuality == "denied" and ev.claimant.code == "COD"


def test_inverted_attribution_after_a_comma():
    evs = events_of("Les forces ukrainiennes ont abattu 45 drones, a indiqué l'armée de l'air ukrainienne.")
    assert by_type(evs, "ASSAULT")[0].claimant.code == "UKR"


def test_journalistic_conditional_reaches_the_infinitive():
    (ev,) = by_type(events_of("L'Ukraine aurait utilisé des missiles pour frapper un aérodrome en Crimée."), "ASSAULT")
    assert ev.factuality == "possible"


def test_reported_interception_is_by_the_reporting_side():
    text = ("Le ministère russe de la Défense a déclaré que l'Ukraine avait attaqué la région de Koursk avec des drones. "
            "Le ministre russe a indiqué que tous les drones avaient été détruits.")
    evs = by_type(events_of(text), "ASSAULT")
    defence = [e for e in evs if codes(e.actor) == {"RUS"}]
    assert defence and defence[0].actor[0].sector == "MIL" and codes(defence[0].recipient) == {"UKR"}
