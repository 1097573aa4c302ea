"""Trigger coverage: how events are told (passives, participles, nominalisations, light verbs), reversals,
refusals, idioms of threat, accusations without 'accuse', summons and expulsions, weapons tests, and types chosen
by context. One sentence of our own per concept, in French and English."""
from __future__ import annotations

import pytest

from tests.conftest import by_type, events_of

# (lang, text, type, mode or None for "any", actor code or None, recipient code or None)
CASES = [
    # passive and noun-first forms of agreements
    ("fr", "L'accord de coopération a été signé mardi entre le Ghana et le Togo.", "SUPPORT", None, None, "GHA"),
    ("en", "The trade treaty was signed on Friday between Chile and Peru.", "SUPPORT", None, None, "CHL"),
    ("en", "The signing of the accord between Kenya and Uganda took place in Nairobi.", "SUPPORT", None, None,
     "KEN"),
    ("fr", "La trêve conclue entre le Soudan et le Soudan du Sud tient depuis lundi.", "AGREE", None, None, "SDN"),
    ("fr", "Le Mali et le Niger sont parvenus à un accord sur leur frontière.", "AGREE", None, "MLI", None),
    ("en", "Armenia and Azerbaijan concluded a ceasefire on Sunday.", "AGREE", None, "ARM", None),
    ("en", "The truce agreement signed by Colombia and the rebels took effect.", "AGREE", None, None, None),
    # light verbs and nominalisations
    ("fr", "La gendarmerie sénégalaise a procédé à l'arrestation de deux opposants.", "COERCE", "arrest", "SEN",
     None),
    ("en", "Kenyan police carried out the arrest of two activists in Nairobi.", "COERCE", "arrest", "KEN", None),
    # reversals: lifting, easing, ending restrictions is a concession, not a sanction or a coercion
    ("en", "Canada lifted the embargo on Venezuelan oil on Tuesday.", "CONCEDE", None, "CAN", None),
    ("en", "The government ended its boycott of the parliament on Monday.", "CONCEDE", None, None, None),
    ("en", "Washington eased the sanctions on Belarus.", "CONCEDE", None, "USA", "BLR"),
    ("en", "The junta shortened by two hours the curfew in the capital.", "CONCEDE", None, None, None),
    ("fr", "Le Japon a levé le boycott des produits sud-coréens.", "CONCEDE", None, "JPN", None),
    ("fr", "La Tunisie a supprimé les restrictions imposées aux voyageurs libyens.", "CONCEDE", None, "TUN", None),
    ("fr", "Le président gabonais a reconnu sa défaite.", "CONCEDE", None, "GAB", None),
    ("en", "The Malawian president admitted defeat on Saturday.", "CONCEDE", None, "MWI", None),
    ("fr", "La Cour suprême du Kenya a annulé la condamnation de l'opposant.", "CONCEDE", None, None, None),
    ("en", "Brazil's supreme court overturned the ruling against the former president.", "CONCEDE", None, None,
     None),
    ("en", "The Israeli army lifted the siege of the town on Friday.", "RETREAT", "withdraw", "ISR", None),
    # refusals: REJECT, the refused thing gives the mode
    ("en", "Iran declined to release the detained British sailors.", "REJECT", "yield", "IRN", None),
    ("en", "Poland refused to grant aid to Hungary.", "REJECT", "assist", "POL", "HUN"),
    ("en", "The Zambian minister refused to step down.", "REJECT", "change", "ZMB", None),
    ("en", "Serbia declined to meet the Kosovar delegation.", "REJECT", "meet", "SRB", None),
    ("fr", "Le Burkina Faso a refusé de participer au sommet.", "REJECT", "meet", "BFA", None),
    ("fr", "Le Tchad a refusé de fournir des armes au Soudan.", "REJECT", "assist", "TCD", "SDN"),
    ("fr", "La junte guinéenne refuse de quitter le pouvoir.", "REJECT", "change", "GIN", None),
    ("en", "Ethiopia and Egypt failed to reach agreement on the dam.", "REJECT", None, "ETH", None),
    # threats, retaliation idioms, announced vs threatened sanctions
    ("fr", "Le Venezuela a promis de riposter à toute agression.", "THREATEN", "violence", "VEN", None),
    ("fr", "Alger se réserve le droit de riposter.", "THREATEN", "violence", "DZA", None),
    ("en", "North Korea vowed to hit back at Seoul.", "THREATEN", "violence", "PRK", None),
    ("en", "Iran warned that Israel would pay a heavy price.", "THREATEN", None, "IRN", None),
    ("fr", "Le Premier ministre indien a menacé lundi le Pakistan de représailles.", "THREATEN", "violence",
     "IND", "PAK"),
    ("en", "The European Union threatened Belarus with new sanctions.", "THREATEN", "restrict", "EUR", "BLR"),
    ("en", "The United States threatened to impose sanctions on Nicaragua.", "THREATEN", "restrict", "USA",
     "NIC"),
    ("fr", "L'Union européenne envisage des sanctions contre le Niger.", "THREATEN", "restrict", "EUR", "NER"),
    ("fr", "L'Union européenne a imposé de nouvelles sanctions contre le Niger.", "SANCTION", "discontinue",
     "EUR", "NER"),
    ("en", "Beijing said it is prepared to retaliate against Manila.", "THREATEN", "violence", "CHN", None),
    # accusations without 'accuse'
    ("en", "Turkey attributed the bombing to Kurdish militants.", "ACCUSE", "allege", "TUR", None),
    ("fr", "Le Niger a imputé l'attaque au Bénin.", "ACCUSE", "allege", "NER", "BEN"),
    # (the object inside the phrase, "tient la Russie pour responsable", is not read yet: actor only)
    ("fr", "L'Ukraine tient la Russie pour responsable de l'explosion.", "ACCUSE", "allege", "UKR", None),
    ("en", "South Korea held North Korea accountable for the attack.", "ACCUSE", "allege", "KOR", "PRK"),
    ("fr", "La Moldavie a convoqué l'ambassadeur russe.", "ACCUSE", "disapprove", "MDA", "RUS"),
    ("en", "Iraq called in the Turkish ambassador on Sunday.", "ACCUSE", "disapprove", "IRQ", "TUR"),
    ("fr", "Le Maroc s'est dit préoccupé par les violences au Sahel.", "ACCUSE", "disapprove", "MAR", None),
    ("en", "The Kremlin described the move as a provocation.", "ACCUSE", "disapprove", "RUS", None),
    # recalls and expulsions of diplomats
    ("fr", "Un diplomate algérien a été expulsé par la France.", "SANCTION", "expel", "FRA", "DZA"),
    ("fr", "La Côte d'Ivoire a rappelé son ambassadeur pour consultations.", "SANCTION", "withdraw", "CIV",
     None),
    ("en", "North Korea expelled the UN inspectors.", "SANCTION", "expel", "PRK", None),
    # weapons tests and intrusions are shows of force, not attacks
    ("en", "North Korea tested a hypersonic missile on Monday.", "MOBILIZE", "weapons", "PRK", None),
    ("en", "Pyongyang fired a ballistic missile into the sea.", "MOBILIZE", "weapons", "PRK", None),
    ("fr", "Des avions militaires russes ont pénétré dans l'espace aérien de l'Estonie.", "MOBILIZE", "weapons", "RUS",
     None),
    ("fr", "Des rebelles centrafricains ont repris les armes contre le gouvernement.", "MOBILIZE", "militia",
     None, None),
    # material cooperation and aid
    ("en", "Britain handed intelligence to Ukraine.", "COOPERATE", None, "GBR", "UKR"),
    ("fr", "La France a transmis des renseignements au Nigeria.", "COOPERATE", None, "FRA", "NGA"),
    ("en", "Iran supplied rifles to the Houthis.", "AID", None, "IRN", None),
    ("fr", "La Turquie a fourni des blindés à l'Azerbaïdjan.", "AID", None, "TUR", "AZE"),
    # wounding with a weapon or an armed actor is an assault
    ("en", "Russian shelling wounded six civilians in Kherson.", "ASSAULT", None, None, None),
    ("en", "The shooting wounded three Malian soldiers.", "ASSAULT", None, None, None),
    ("fr", "Des tirs de soldats ont blessé deux manifestants à Conakry.", "ASSAULT", None, None, None),
    # "au" is "à le": a recipient after "au" like after "à"; missiles fired are heavy weapons, not firearms
    ("fr", "La Turquie a livré des drones au Niger.", "AID", None, "TUR", "NER"),
    ("fr", "L'Azerbaïdjan a tiré des roquettes sur un village arménien.", "ASSAULT", "heavy-weapons", "AZE",
     None),
    ("en", "Israeli troops surrounded the hospital in Khan Younis.", "COERCE", "restrict", "ISR", None),
    # border closures against a neighbour, suspended links
    ("fr", "L'Algérie a fermé sa frontière avec le Maroc.", "SANCTION", "discontinue", "DZA", "MAR"),
    ("en", "Italy announced a suspension of flights to Libya.", "SANCTION", "discontinue", "ITA", None),
]


@pytest.mark.parametrize(("lang", "text", "etype", "mode", "actor", "recipient"), CASES,
                         ids=[f"{c[0]}-{c[2]}-{i}" for i, c in enumerate(CASES)])
def test_concept_gives_type(lang, text, etype, mode, actor, recipient):
    found = by_type(events_of(text, lang), etype)
    assert found, [(e.type, e.mode, e.trigger_text) for e in events_of(text, lang)]
    if mode is not None:
        assert any(e.mode == mode for e in found), [(e.mode, e.trigger_text) for e in found]
    if actor is not None:
        assert any(actor in {a.code for a in e.actor} for e in found), [(e.actor, e.trigger_text) for e in found]
    if recipient is not None:
        assert any(recipient in {r.code for r in e.recipient} for e in found), \
            [(e.recipient, e.trigger_text) for e in found]


# Words with another sense, and reversals that must not be read as the thing they undo
NOT_CASES = [
    ("en", "The Kenyan ministry declined to comment on the report.", "REJECT"),
    ("en", "The Nigerian army released a statement on Monday.", "RETREAT"),
    ("en", "Three Ghanaians were injured in a road accident near Accra.", "ASSAULT"),
    ("en", "Canada lifted the embargo on Venezuelan oil on Tuesday.", "SANCTION"),
    ("en", "The government ended its boycott of the parliament on Monday.", "PROTEST"),
    ("fr", "Le Japon a levé le boycott des produits sud-coréens.", "PROTEST"),
    ("en", "Pyongyang fired a ballistic missile into the sea.", "ASSAULT"),
    ("fr", "Des groupes armés ont attaqué un village malien.", "AID"),
    ("en", "The Venezuelan minister will pay a visit to Havana.", "THREATEN"),
    ("en", "The Kremlin called on Kyiv to negotiate.", "ACCUSE"),
    ("en", "Mountains surround the valley where the rebels are based.", "COERCE"),
    ("en", "Inflation puts pressure on the central bank of Ghana.", "REQUEST"),
    ("fr", "Les groupes armés ont pris le contrôle de trois villages.", "AID"),
]


@pytest.mark.parametrize(("lang", "text", "etype"), NOT_CASES, ids=[f"{c[0]}-not-{c[2]}-{i}" for i, c in
                                                                     enumerate(NOT_CASES)])
def test_other_sense_gives_no_event(lang, text, etype):
    assert not by_type(events_of(text, lang), etype)
