import pytest

from conftest import by_type, codes, events_of


def test_according_to_gives_the_claimant():
    (ev,) = by_type(events_of("Selon le Kremlin, l'Ukraine a attaqué la région de Koursk."), "ASSAULT")
    assert ev.claimant.code == "RUS" and codes(ev.actor) == {"UKR"}


def test_vague_source_gives_no_claimant():
    (ev,) = by_type(events_of("Selon des médias, l'Ukraine a attaqué la région de Koursk."), "ASSAULT")
    assert ev.claimant is None


def test_reported_attack_is_one_event_with_the_speaker_as_claimant():
    evs = events_of("Sergueï Lavrov a déclaré que Kyiv avait attaqué la résidence de Vladimir Poutine.")
    (attack,) = by_type(evs, "ASSAULT")
    assert attack.claimant.code == "RUS" and attack.factuality == "fact"
    assert not by_type(evs, "ACCUSE")  # a verb of saying is no event
    evs = events_of("The Sudanese army said RSF fighters had shelled the airport in Port Sudan.", lang="en")
    (attack,) = by_type(evs, "ASSAULT")
    assert attack.claimant.code == "SDN" and not by_type(evs, "ACCUSE")


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


# --- who says so --------------------------------------------------------------------------------------------

def test_outlet_that_only_reports_is_no_claimant_and_no_actor():
    for text, lang in (("Selon Reuters, des drones ukrainiens ont attaqué une raffinerie à Saratov.", "fr"),
                       ("According to Reuters, Ukrainian drones attacked a refinery in Saratov.", "en")):
        (ev,) = by_type(events_of(text, lang=lang), "ASSAULT")
        assert ev.claimant is None and codes(ev.actor) == {"UKR"}, text


def test_real_source_behind_an_outlet_is_the_claimant():
    (ev,) = by_type(events_of("Selon Reuters, citant le ministère russe de la Défense, des drones ukrainiens ont "
                              "attaqué une raffinerie à Saratov."), "ASSAULT")
    assert ev.claimant.code == "RUS"
    (ev,) = by_type(events_of("KYIV (Reuters) - Russian drones hit a fuel depot in Odesa, the regional governor "
                              "of Odesa told Reuters.", lang="en"), "ASSAULT")
    assert codes(ev.actor) == {"RUS"} and (ev.claimant is None or ev.claimant.code != "GBR")


def test_faire_savoir_and_informed_are_reporting_frames():
    (ev,) = by_type(events_of("Des soldats tchadiens ont attaqué un camp rebelle à Tibesti, ont fait savoir les "
                              "autorités tchadiennes."), "ASSAULT")
    assert ev.claimant.code == "TCD"
    (ev,) = by_type(events_of("The Ukrainian army informed the UN Security Council on Monday that Russian forces "
                              "had shelled a hospital in Kherson.", lang="en"), "ASSAULT")
    assert ev.claimant.code == "UKR"


def test_statement_of_a_named_body_gives_its_claimant():
    (ev,) = by_type(events_of("D'après le communiqué de l'armée ukrainienne, les forces russes ont bombardé "
                              "Kherson."), "ASSAULT")
    assert ev.claimant.code == "UKR"
    (ev,) = by_type(events_of("According to a statement from the Ukrainian army, Russian forces shelled Kherson.",
                              lang="en"), "ASSAULT")
    assert ev.claimant.code == "UKR"


def test_self_claimed_attack_has_its_author_as_claimant():
    (ev,) = by_type(events_of("Une frappe revendiquée par l'armée ukrainienne a détruit un pont à Belgorod."),
                    "ASSAULT")
    assert ev.claimant.code == "UKR" and ev.factuality == "fact"
    (ev,) = by_type(events_of("The Islamic State group claimed the attack on a police station in Kabul.",
                              lang="en"), "ASSAULT")
    assert ev.claimant.code == "IMG" and ev.factuality == "fact"


def test_own_side_statement_reported_by_its_spokesman_has_no_claimant():
    (ev,) = by_type(events_of("Le porte-parole du Kremlin a indiqué que la Russie avait condamné l'attaque contre "
                              "l'ambassade."), "ACCUSE")
    assert ev.claimant is None
    (ev,) = by_type(events_of("A Kremlin spokesman said Russia had condemned the attack on the embassy.",
                              lang="en"), "ACCUSE")
    assert ev.claimant is None


def test_inverted_attribution_in_the_middle_of_a_sentence():
    (ev,) = by_type(events_of("Israeli jets bombed a village in southern Lebanon on Sunday, the Lebanese army said, "
                              "after a night of clashes.", lang="en"), "ASSAULT")
    assert ev.claimant.code == "LBN"
    (ev,) = by_type(events_of("L'aviation israélienne a bombardé un village du sud du Liban dimanche, a indiqué "
                              "l'armée libanaise, après une nuit d'affrontements."), "ASSAULT")
    assert ev.claimant.code == "LBN"


# --- denials ------------------------------------------------------------------------------------------------

def test_denial_marks_only_its_complement():
    evs = events_of("Des drones russes ont frappé une centrale à Kiev lundi, mais Moscou a démenti que ses soldats "
                    "aient arrêté des journalistes à Kherson.")
    (attack,), (arrest,) = by_type(evs, "ASSAULT"), by_type(evs, "COERCE")
    assert attack.factuality == "fact" and arrest.factuality == "denied" and arrest.claimant.code == "RUS"
    evs = events_of("Russian drones hit a power plant in Kyiv on Monday, while Moscow denied that its troops had "
                    "detained journalists in Kherson.", lang="en")
    (attack,), (arrest,) = by_type(evs, "ASSAULT"), by_type(evs, "COERCE")
    assert attack.factuality == "fact" and arrest.factuality == "denied" and arrest.claimant.code == "RUS"


def test_denial_pointing_back_to_the_clause_before():
    evs = events_of("Les forces russes ont attaqué Kharkiv, ce que Moscou a démenti.")
    (ev,) = by_type(evs, "ASSAULT")
    assert ev.factuality == "denied" and ev.claimant.code == "RUS"
    evs = events_of("Kyiv said Russian forces had shelled Kharkiv, which Moscow denied.", lang="en")
    (ev,) = by_type(evs, "ASSAULT")
    assert ev.factuality == "denied" and ev.claimant.code == "RUS"
    assert all(e.claimant is None for e in by_type(evs, "REJECT"))  # the author tells the denial


def test_accusation_answered_by_a_denial_was_still_made():
    evs = events_of("Kyiv accused Russian forces of shelling a hospital in Sumy, which Moscow denied.", lang="en")
    (acc,), (ev,) = by_type(evs, "ACCUSE"), by_type(evs, "ASSAULT")
    assert acc.factuality == "fact" and acc.claimant is None and ev.factuality == "denied"


def test_disputed_as_an_adjective_is_no_denial():
    (ev,) = by_type(events_of("China's coast guard said it had fired water cannon at Philippine vessels near the "
                              "disputed Scarborough Shoal.", lang="en"), "ASSAULT")
    assert ev.factuality == "fact"
    (ev,) = by_type(events_of("Les gardes-côtes chinois ont tiré au canon à eau sur des navires philippins près "
                              "du récif contesté de Scarborough."), "ASSAULT")
    assert ev.factuality == "fact"


# --- hedges and future --------------------------------------------------------------------------------------

def test_modal_and_unconfirmed_reports_are_hedges():
    (ev,) = by_type(events_of("Le Bélarus pourrait avoir livré des munitions à la Russie."), "AID")
    assert ev.factuality == "possible"
    (ev,) = by_type(events_of("Selon des informations non confirmées, des avions russes ont bombardé un marché à "
                              "Idlib."), "ASSAULT")
    assert ev.factuality == "possible"
    (ev,) = by_type(events_of("According to unconfirmed reports, Russian jets bombed a market in Idlib.",
                              lang="en"), "ASSAULT")
    assert ev.factuality == "possible"
    (ev,) = by_type(events_of("Pakistan could have fired rockets at Afghan border posts.", lang="en"), "ASSAULT")
    assert ev.factuality == "possible"


def test_a_name_is_no_hedge():
    (ev,) = by_type(events_of("Theresa May criticised the government's asylum bill on Tuesday.", lang="en"), "ACCUSE")
    assert ev.factuality == "fact"


def test_future_tense_and_plans_are_future():
    (ev,) = by_type(events_of("Le président kazakh se rendra en Chine en juin."), "AGREE")
    assert ev.factuality == "future"
    (ev,) = by_type(events_of("Les agriculteurs prévoient de bloquer les routes autour de Lyon."), "PROTEST")
    assert ev.factuality == "future"
    (ev,) = by_type(events_of("Iran's foreign minister is due to visit Muscat on Tuesday.", lang="en"), "AGREE")
    assert ev.factuality == "future"
    (ev,) = by_type(events_of("Iran's foreign minister plans to visit Oman next week.", lang="en"), "AGREE")
    assert ev.factuality == "future"


def test_conditional_is_future_in_a_past_report_and_a_hedge_elsewhere():
    (ev,) = by_type(events_of("Le Premier ministre estonien a affirmé que Tallinn solliciterait des consultations "
                              "auprès de l'OTAN."), "REQUEST")
    assert ev.factuality == "future"
    (ev,) = by_type(events_of("Des soldats russes arrêteraient des civils à Kherson."), "COERCE")
    assert ev.factuality == "possible"
    (ev,) = by_type(events_of("The Estonian prime minister said Tallinn would request consultations with NATO.",
                              lang="en"), "REQUEST")
    assert ev.factuality == "future"
    (ev,) = by_type(events_of("Russian soldiers were reportedly detaining civilians in Kherson.", lang="en"),
                    "COERCE")
    assert ev.factuality == "possible"


def test_hypothesis_after_if_is_not_a_fact():
    evs = events_of("Le Japon bombardera les positions ennemies si la Chine attaque Taïwan.")
    assert evs and all(e.factuality == "future" for e in evs)
    evs = events_of("Japan will strike enemy positions if China attacks Taiwan.", lang="en")
    assert evs and all(e.factuality == "future" for e in evs)


def test_described_as_gives_the_describer_as_claimant():
    (ev,) = by_type(events_of("Kiev a décrit la frappe russe sur Odessa comme un crime de guerre."), "ASSAULT")
    assert ev.claimant.code == "UKR"
    (ev,) = by_type(events_of("Kyiv described the Russian strike on Odesa as a war crime.", lang="en"), "ASSAULT")
    assert ev.claimant.code == "UKR"


def test_labelled_false_is_a_denial():
    evs = events_of("Le ministère arménien de la Défense a qualifié de « fausses » les affirmations selon lesquelles "
                    "ses soldats auraient bombardé un village azerbaïdjanais.")
    (ev,) = by_type(evs, "ASSAULT")
    assert ev.factuality == "denied" and ev.claimant.code == "ARM"
    evs = events_of("The Armenian defence ministry called reports that its soldiers had shelled an Azerbaijani "
                    "village false.", lang="en")
    (ev,) = by_type(evs, "ASSAULT")
    assert ev.factuality == "denied" and ev.claimant.code == "ARM"


@pytest.mark.parametrize("lang, text, factuality", [
    ("fr", "Les syndicats annoncent une grève prévue contre la réforme des retraites.", "future"),
    ("en", "The union announced a planned strike against the pension reform.", "future"),
    ("fr", "La police semble avoir tiré sur les manifestants à Dakar.", "possible"),
    ("en", "The police appear to have fired tear gas at the protesters in Nairobi.", "possible"),
])
def test_planned_events_are_future_and_seeming_ones_possible(lang, text, factuality):
    evs = [e for e in events_of(text, lang) if e.type in ("PROTEST", "ASSAULT")]
    assert evs and evs[0].factuality == factuality


def test_a_characterization_is_no_event():
    assert not by_type(events_of("« Il s'agit d'une attaque hybride », a déclaré le ministre letton."), "ASSAULT")
