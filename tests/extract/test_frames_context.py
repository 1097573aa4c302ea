"""Whose act, read from the frame around it: an accused's infinitive, an announcement in the passive, the side a
sentence opens with, a rejection of accusations already told, and words in another sense."""
import pytest

from conftest import by_type, codes, events_of


@pytest.mark.parametrize("text, accuser, accused", [
    ("Le Mali reproche au Niger d'avoir bombardé un village frontalier.", {"MLI"}, {"NER"}),
    ("La Grèce a reproché à la Turquie d'avoir attaqué un navire de pêche.", {"GRC"}, {"TUR"}),
])
def test_the_accused_of_a_reproach_did_the_act(text, accuser, accused):
    events = events_of(text, "fr")
    acc = by_type(events, "ACCUSE")
    assert len(acc) == 1 and acc[0].mode == "allege" and codes(acc[0].actor) == accuser
    attack = by_type(events, "ASSAULT")
    assert len(attack) == 1 and codes(attack[0].actor) == accused and attack[0].factuality == "possible"


@pytest.mark.parametrize("lang, text, etype, actor", [
    ("fr", "Le ministre letton a annoncé qu'un diplomate biélorusse était expulsé.", "SANCTION", {"LVA"}),
    ("fr", "Les autorités tchèques ont indiqué que quatre suspects avaient été arrêtés.", "COERCE", {"CZE"}),
    ("en", "The Danish justice ministry said two suspects were detained on Monday.", "COERCE", {"DNK"}),
])
def test_a_state_announcing_its_own_act_in_the_passive_did_it(lang, text, etype, actor):
    found = by_type(events_of(text, lang), etype)
    assert len(found) == 1 and codes(found[0].actor) == actor


@pytest.mark.parametrize("lang, text", [
    ("fr", "Le gouvernement letton a affirmé qu'une école avait été bombardée."),
    ("en", "The Latvian government said a school had been shelled."),
])
def test_an_attack_announced_is_not_the_announcers(lang, text):
    found = by_type(events_of(text, lang), "ASSAULT")
    assert all("LVA" not in codes(e.actor) for e in found)


@pytest.mark.parametrize("lang, text", [
    ("fr", "La Finlande accuse Moscou. Côté russe, le ministère des Affaires étrangères a rejeté ces accusations."),
    ("en", "Finland accused Moscow. On the Russian side, the foreign ministry rejected the accusations."),
])
def test_a_side_named_first_and_a_rejection_of_accusations_already_told(lang, text):
    events = events_of(text, lang)
    rejections = by_type(events, "REJECT")
    assert len(rejections) == 1
    assert codes(rejections[0].actor) == {"RUS"} and codes(rejections[0].recipient) == {"FIN"}
    assert [codes(e.actor) for e in by_type(events, "ACCUSE")] == [{"FIN"}]  # no second accusation


@pytest.mark.parametrize("text, etype", [
    ("Le ministre a répondu aux questions lors d'une conférence de presse à Dakar.", "REQUEST"),
    ("« Ce ne sont pas trente otages, comme le soutient l'armée, mais dix », a dit un parent.", "SUPPORT"),
    ("Les radars de conduite de tir équipent les chasseurs modernes.", "ASSAULT"),
])
def test_words_in_another_sense_are_no_events(text, etype):
    assert by_type(events_of(text, "fr"), etype) == []


@pytest.mark.parametrize("lang, text, etype", [
    ("fr", "Le ministère letton a protesté contre la violation de son espace aérien.", "ACCUSE"),
    ("fr", "Des milliers d'étudiants ont protesté contre la réforme à Riga.", "PROTEST"),
    ("en", "Latvia's foreign ministry protested against the violation of its airspace.", "ACCUSE"),
    ("en", "Thousands of students protested against the reform in Riga.", "PROTEST"),
])
def test_a_governments_protest_is_diplomatic(lang, text, etype):
    types = {e.type for e in events_of(text, lang)}
    assert etype in types and ({"ACCUSE", "PROTEST"} - {etype}).isdisjoint(types)


@pytest.mark.parametrize("lang, text", [
    ("fr", "Vilnius a convoqué l'ambassadeur biélorusse afin de lui faire part de sa protestation."),
    ("en", "Vilnius summoned Belarus's ambassador to protest against the incursion."),
])
def test_the_protest_of_a_summons_is_the_summons(lang, text):
    accusations = by_type(events_of(text, lang), "ACCUSE")
    assert [(codes(e.actor), codes(e.recipient)) for e in accusations] == [({"LTU"}, {"BLR"})]


@pytest.mark.parametrize("text, actor", [
    ("Latvia protested against Moscow's latest air strikes near the border.", {"RUS"}),
    ("Kyiv's newest drone attack hit a depot in Belgorod.", {"UKR"}),
])
def test_a_possessive_over_adjectives_is_the_actor(text, actor):
    found = by_type(events_of(text, "en"), "ASSAULT")
    assert len(found) == 1 and codes(found[0].actor) == actor


@pytest.mark.parametrize("lang, text, etype, actor", [
    ("fr", "Les deux chalutiers lettons saisis dimanche par la Russie restent à quai.", "COERCE", {"RUS"}),
    ("fr", "Des unités de l'armée tchadienne ont bloqué l'accès au marché.", "COERCE", {"TCD"}),
    ("en", "Units of the Chadian army blocked access to the market.", "COERCE", {"TCD"}),
])
def test_agents_over_a_date_and_units_of_a_force(lang, text, etype, actor):
    found = by_type(events_of(text, lang), etype)
    assert len(found) == 1 and codes(found[0].actor) == actor


@pytest.mark.parametrize("lang, text, actor", [
    ("en", "Two farmers have been killed in Chadian artillery shelling near the border.", {"TCD"}),
    ("en", "Three soldiers died after Sudanese shelling of the camp.", {"SDN"}),
    ("fr", "Deux bergers ont été tués dans des bombardements tchadiens.", {"TCD"}),
])
def test_victims_are_never_the_attacker_of_the_noun_that_killed_them(lang, text, actor):
    found = by_type(events_of(text, lang), "ASSAULT")
    assert len(found) == 1 and codes(found[0].actor) == actor


@pytest.mark.parametrize("lang, text, etype, actor", [
    ("en", "Goma, surrounded for a month by M23 fighters, is short of food.", "COERCE", {"COD"}),
    ("en", "The junta ordered its troops into an offensive against the rebels.", "ASSAULT", None),
    ("en", "About 800 Chadian soldiers were deployed to Niger.", "MOBILIZE", {"TCD"}),
    ("fr", "Quelque 800 soldats tchadiens ont été déployés au Niger.", "MOBILIZE", {"TCD"}),
])
def test_agents_past_a_phrase_orders_over_own_forces_and_forces_deployed(lang, text, etype, actor):
    found = by_type(events_of(text, lang), etype)
    assert found and (actor is None and found[0].actor or codes(found[0].actor) == actor)


def test_an_active_verbs_object_keeps_its_by():
    events = events_of("Berlin rejected recent calls by Minsk for economic aid.", "en")
    assert [codes(e.actor) for e in by_type(events, "REJECT")] == [{"DEU"}]


@pytest.mark.parametrize("lang, text, actor", [
    ("fr", "L'Armée d'Arakan (ou AA) a revendiqué l'attaque. Les combattants de l'AA ont tué six soldats.", {"MMR"}),
    ("en", "The Arakan Army (AA) claimed the raid. AA fighters killed six soldiers on Monday.", {"MMR"}),
])
def test_an_acronym_the_article_defines_names_that_group(lang, text, actor):
    attacks = by_type(events_of(text, lang), "ASSAULT")
    assert attacks and all(codes(e.actor) == actor for e in attacks)


@pytest.mark.parametrize("lang, text, actor", [
    ("en", "A ballistic missile fired from Yemen hit a tanker in the Red Sea.", {"YEM"}),
    ("fr", "Un drone lancé depuis la Syrie a touché une base dans le nord de l'Irak.", {"SYR"}),
])
def test_a_weapon_launched_from_a_country_named_is_that_countrys_attack(lang, text, actor):
    attacks = by_type(events_of(text, lang), "ASSAULT")
    assert len(attacks) == 1 and codes(attacks[0].actor) == actor


def test_a_denied_launch_names_no_attacker():
    text = "« L'information selon laquelle des drones auraient été lancés depuis l'Arménie est fausse », a dit Erevan."
    attacks = by_type(events_of(text, "fr"), "ASSAULT")
    assert attacks and not attacks[0].actor


def test_a_clause_opened_by_after_has_its_own_subject():
    events = events_of("The talks stalled a day after Chad had accused Sudan of arming the rebels.", "en")
    assert [codes(e.actor) for e in by_type(events, "ACCUSE")] == [{"TCD"}]


@pytest.mark.parametrize("lang, text, etype", [
    ("fr", "« Ces hommes ont incendié trois voitures », a-t-il soutenu devant la presse.", "SUPPORT"),
    ("en", "The protesters hit back by throwing bottles at the police.", "SUPPORT"),
])
def test_speech_and_retaliation_are_no_support(lang, text, etype):
    assert by_type(events_of(text, lang), etype) == []


@pytest.mark.parametrize("lang, text", [
    ("fr", "Le ministre letton a qualifié d'« agression » le survol de la frontière par des avions russes."),
    ("en", "The Latvian minister described the overflight as an aggression against his country."),
])
def test_the_label_a_speaker_gives_is_no_event(lang, text):
    events = events_of(text, lang)
    assert by_type(events, "ASSAULT") == [] and by_type(events, "ACCUSE")


def test_an_event_presented_as_a_claim_is_still_read():
    text = "Riga a fait état de ce qu'il présente comme l'appui de Moscou à ces groupes."
    assert by_type(events_of(text, "fr"), "SUPPORT")


@pytest.mark.parametrize("lang, text, etype, actor", [
    ("fr", "Le ministère tchadien a pressé le Soudan de cesser ses incursions.", "REQUEST", {"TCD"}),
    ("fr", "Le sommet de l'Union africaine a exigé la libération des otages.", "REQUEST", {"AU"}),
    ("en", "The government of Chad has suspended peace negotiations with the rebels.", "SANCTION", {"TCD"}),
    ("fr", "Le Tchad a suspendu les négociations avec les rebelles.", "SANCTION", {"TCD"}),
])
def test_urging_summits_and_halted_talks(lang, text, etype, actor):
    found = by_type(events_of(text, lang), etype)
    assert found and codes(found[0].actor) == actor
